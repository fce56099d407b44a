"""Benchmarks peer tools (NetworkX, rdflib) on the questions orgkg answers, on the same data.

    /usr/bin/python3 tools/bench/peers.py --kb DIR --peer networkx|rdflib|rdflib-triples \
        [--answers OUT.json] [--sample 256] [--repeat N] [--max-seconds 1800]
        [--max-question-seconds S] [--check]

Run it with Debian's interpreter (python3-networkx 2.8.8, python3-rdflib 6.1.1). It reads
every `*.json` directly in DIR (orgkg/1 documents, in file-name order) with the stdlib
`json` module and builds the peer's natural representation:

- networkx: a `MultiDiGraph` with one node per entity (attributes `kind`, `name`) and one
  edge subject -> object per entity-relation fact (attributes `relation`, `status` (for
  `member_of`; default "full"), and `from`, `until`, `at` as precomputed inclusive day
  spans `(first, last)`, each present only when the fact states it). members and
  memberships scan `in_edges`/`out_edges`; path is `nx.shortest_path_length` on an
  undirected view of a `subgraph_view` that keeps the edges holding at the date.
- rdflib: an in-memory `rdflib.Graph` (the default `Memory` store) with one reified fact
  node per entity-relation fact: `rdf:type rdf:Statement`, `rdf:subject`, `rdf:predicate`
  (the relation as an IRI such as `ok:member_of`), `rdf:object`, `ok:status` (member_of
  only), and each stated bound as two `xsd:integer` day numbers (days since 1970-01-01):
  `ok:fromFirst`/`ok:fromLast`, `ok:untilFirst`/`ok:untilLast`, `ok:atFirst`/`ok:atLast`.
  Entities get `ok:kind` and `rdfs:label`. Equal literals are one shared `Literal`.
  Questions are SPARQL queries prepared once (the entity passed with `initBindings`),
  with the date logic written in SPARQL as a FILTER; path is a breadth-first search in
  Python whose neighbour step is one SPARQL query per visited entity (SPARQL cannot
  return the length of a shortest chain of reified facts).
- rdflib-triples: the same Graph, asked through `Graph.subjects()`/`Graph.value()`
  triple patterns with the date logic in Python: rdflib's store without its SPARQL engine.

No peer loads sources, citations, notes, aliases, codes or event facts (`date` facts
such as `established`): the four questions do not need them. `facts` counts every fact
record read.

The questions are orgkg's, asked at the date 2000 (the span 2000-01-01..2000-12-31), with
DESIGN.md's three-valued answer; a fact holds when it answers yes or maybe (`holds_at`
below is a port of src/date.cpp's):

- members(org): sorted distinct subjects of member_of facts with that object that hold;
- memberships(state): sorted distinct objects of member_of facts of that subject;
- shared(a, b): sorted organizations both states hold a member_of fact for;
- path(a, b): facts in a shortest chain of holding entity-relation facts, each followed
  in either direction; 0 when a == b, null when not connected.

The sample is tools/bench/query_bench.cpp's: the organizations and the states in document
order, each thinned to `--sample` evenly spread ones. Call k of members asks about orgs[k];
of memberships about states[k]; of shared and path about states[k] and
states[(k + 7) % len(states)]. Each kind is timed call by call over its sample, `--repeat`
times (default 3 for networkx, 1 for the rdflib peers).

Output, one JSON object per line on stdout: a load line (`facts`, `bytes`, `json_load_s`
(the bare `json.load` of all documents), `load_s` (parse and build), `peak_rss_kib`
(`ru_maxrss` after loading, the parsed JSON included), and the entity and edge or triple
counts), then one line per question kind (`median_us`, `mean_us`, `calls`). `--answers`
writes {"members": [[ids]], "memberships": [...], "shared": [...], "path": [...]} in
sample order. `--check` also answers every call with a slow brute-force reference (a
day-by-day validity test, scans of all facts, a BFS that rescans all facts at each level)
and adds `reference_agrees` to each question line.

`--max-seconds` bounds loading, and separately each question kind (or
`--max-question-seconds` does, when given): past it loading stops
with a line saying so, or that kind stops early and its line says how many calls it
answered (so do the answers written). `--max-rss-gib` stops loading the same way when the
process grows past that much resident memory.
"""
import argparse
import calendar
import datetime
import glob
import json
import os
import resource
import statistics
import sys
import time
from collections import deque

NO, MAYBE, YES = 0, 1, 2
EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()
# A span far outside any real date, for absent bounds (src/date.cpp's kMin and kMax).
DAY_MIN, DAY_MAX = -(2 ** 31), 2 ** 31 - 1
QUESTION_DATE = "2000"
LOAD_CHECK_EVERY = 10000  # facts between two checks of the time and memory budget


# ---- dates ---------------------------------------------------------------------------

def day_number(year, month, day):
    """Days since 1970-01-01 (proleptic Gregorian), as orgkg's DayNumber."""
    return datetime.date(year, month, day).toordinal() - EPOCH_ORDINAL


def date_span(text):
    """The inclusive (first, last) day span of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    if len(text) not in (4, 7, 10):
        raise ValueError("invalid date %r" % text)
    year = int(text[0:4])
    if len(text) == 4:
        return day_number(year, 1, 1), day_number(year, 12, 31)
    month = int(text[5:7])
    if len(text) == 7:
        last_day = calendar.monthrange(year, month)[1]
        return day_number(year, month, 1), day_number(year, month, last_day)
    day = day_number(year, month, int(text[8:10]))
    return day, day


def validity_spans(fact):
    """The (from, until, at) day spans of a fact; None for a bound it does not state."""
    return tuple(date_span(fact[key]) if key in fact else None for key in ("from", "until", "at"))


def holds_at(from_span, until_span, at_span, question):
    """YES, MAYBE or NO: did the fact hold on some day of `question`? (src/date.cpp)"""
    q_first, q_last = question
    asserted = NO
    if at_span is not None:
        if at_span[0] >= q_first and at_span[1] <= q_last:
            asserted = YES
        elif at_span[0] <= q_last and q_first <= at_span[1]:
            asserted = MAYBE
    if from_span is None and until_span is None:
        return asserted if at_span is not None else MAYBE
    start = from_span if from_span is not None else (DAY_MIN, DAY_MIN)
    stop = until_span if until_span is not None else (DAY_MAX, DAY_MAX)

    def held_somewhere(s, e):  # the interval held on days [s, e)
        return max(q_first, s) <= min(q_last, DAY_MAX if e == DAY_MAX else e - 1)

    interval = NO
    if held_somewhere(start[1], stop[0]):
        interval = YES
    elif held_somewhere(start[0], stop[1]):
        interval = MAYBE
    return max(interval, asserted)


def holds(from_span, until_span, at_span, question):
    """Whether the fact answers yes or maybe at `question`."""
    return holds_at(from_span, until_span, at_span, question) != NO


# ---- the knowledge base as read --------------------------------------------------------

class Budget:
    """Stops a long phase when it passes a time or memory limit (raises Exceeded)."""

    class Exceeded(Exception):
        pass

    def __init__(self, max_seconds, max_rss_kib):
        self.started = time.perf_counter()
        self.max_seconds = max_seconds
        self.max_rss_kib = max_rss_kib

    def elapsed(self):
        return time.perf_counter() - self.started

    def check(self, what):
        if self.elapsed() > self.max_seconds:
            raise Budget.Exceeded("%s: past --max-seconds %g" % (what, self.max_seconds))
        if self.max_rss_kib is not None and current_rss_kib() > self.max_rss_kib:
            raise Budget.Exceeded("%s: resident memory past %d KiB" % (what, self.max_rss_kib))


def current_rss_kib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def peak_rss_kib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def document_paths(kb_dir):
    paths = sorted(glob.glob(os.path.join(glob.escape(kb_dir), "*.json")))
    if not paths:
        raise SystemExit("no *.json documents in %s" % kb_dir)
    return paths


def read_documents(paths):
    documents = []
    for path in paths:
        with open(path, "rb") as source:
            document = json.load(source)
        if document.get("orgkg") != 1:
            raise SystemExit("%s is not an orgkg/1 document" % path)
        documents.append(document)
    return documents


def entities(documents):
    for document in documents:
        yield from document.get("entities", ())


def all_facts(documents):
    for document in documents:
        yield from document.get("facts", ())


def entity_facts(documents):
    """The facts that link two entities (they have an `object`), in document order."""
    return (fact for fact in all_facts(documents) if "object" in fact)


def fact_status(fact):
    return fact.get("status", "full") if fact["relation"] == "member_of" else None


def spread(items, size):
    """At most `size` evenly spread items, in order (query_bench.cpp's thinning)."""
    if len(items) <= size:
        return list(items)
    return [items[i * len(items) // size] for i in range(size)]


def pick_sample(documents, size):
    organizations = [e["id"] for e in entities(documents) if e["kind"] == "organization"]
    states = [e["id"] for e in entities(documents) if e["kind"] == "state"]
    if len(organizations) < 2 or len(states) < 2:
        raise SystemExit("the knowledge base needs at least two organizations and two states")
    return spread(organizations, size), spread(states, size)


# ---- networkx --------------------------------------------------------------------------

class NetworkxPeer:
    """A MultiDiGraph of entities, one edge per entity-relation fact."""

    name = "networkx"
    default_repeat = 3

    def __init__(self, documents, budget):
        import networkx

        self.nx = networkx
        self.graph = networkx.MultiDiGraph()
        self.question = date_span(QUESTION_DATE)
        for entity in entities(documents):
            self.graph.add_node(entity["id"], kind=entity["kind"], name=entity["name"])
        for count, fact in enumerate(entity_facts(documents)):
            if count % LOAD_CHECK_EVERY == 0:
                budget.check("networkx load, %d facts built" % count)
            self._add_fact(fact)
        self.size = {"entities": self.graph.number_of_nodes(),
                     "edges": self.graph.number_of_edges()}

    def _add_fact(self, fact):
        subject, obj = fact["subject"], fact["object"]
        for entity in (subject, obj):
            if entity not in self.graph:
                raise SystemExit("fact names unknown entity %r" % entity)
        attributes = {"relation": fact["relation"]}
        if fact["relation"] == "member_of":
            attributes["status"] = fact_status(fact)
        for key, span in zip(("from", "until", "at"), validity_spans(fact)):
            if span is not None:
                attributes[key] = span
        self.graph.add_edge(subject, obj, **attributes)

    def _holds(self, data):
        return holds(data.get("from"), data.get("until"), data.get("at"), self.question)

    def members(self, organization):
        edges = self.graph.in_edges(organization, data=True)
        return sorted({s for s, _, d in edges if d["relation"] == "member_of" and self._holds(d)})

    def _membership_set(self, state):
        edges = self.graph.out_edges(state, data=True)
        return {o for _, o, d in edges if d["relation"] == "member_of" and self._holds(d)}

    def memberships(self, state):
        return sorted(self._membership_set(state))

    def shared(self, a, b):
        return sorted(self._membership_set(a) & self._membership_set(b))

    def path(self, a, b):
        """shortest_path_length on an undirected view of the edges that hold."""
        succ = self.graph.succ
        held = self.nx.subgraph_view(
            self.graph, filter_edge=lambda u, v, k: self._holds(succ[u][v][k]))
        try:
            return self.nx.shortest_path_length(held.to_undirected(as_view=True), a, b)
        except self.nx.NetworkXNoPath:
            return None


# ---- rdflib ----------------------------------------------------------------------------

# A fact that holds (yes or maybe) at [{qf}, {ql}], as a SPARQL FILTER over the optional
# bindings ?ff (fromFirst), ?ul (untilLast), ?af and ?al (atFirst, atLast); the same
# cases as holds_at: asserted by `at`; no bound at all; or the interval [from, until)
# meets the question on its widest reading.
HOLDS_FILTER = """
    OPTIONAL {{ {f} ok:fromFirst ?ff{n} }}
    OPTIONAL {{ {f} ok:untilLast ?ul{n} }}
    OPTIONAL {{ {f} ok:atFirst ?af{n} ; ok:atLast ?al{n} }}
    FILTER ( (BOUND(?af{n}) && ?af{n} <= {ql} && ?al{n} >= {qf})
          || (!BOUND(?ff{n}) && !BOUND(?ul{n}) && !BOUND(?af{n}))
          || ((BOUND(?ff{n}) || BOUND(?ul{n}))
              && (!BOUND(?ff{n}) || ?ff{n} <= {ql})
              && (!BOUND(?ul{n}) || ?ul{n} > {qf})
              && (!BOUND(?ff{n}) || !BOUND(?ul{n}) || ?ff{n} < ?ul{n})) )
"""

# rdflib 6.1.1 orders a group's triple patterns when it prepares the query, while the
# variable that initBindings will bind still counts as unbound: it would start from
# `?f rdf:predicate ok:member_of`, a scan of every membership, and join the binding last
# (135 ms for one organization's members at 10k facts). So the pattern that uses the
# bound entity stands in a group of its own: rdflib evaluates it first, through its
# index, and joins the rest fact by fact.
def sparql_other_ends(bound, bound_role, free, free_role):
    """The other ends of the memberships of one bound entity: `bound_role` and `free_role`
    are rdf:subject or rdf:object."""
    return """
SELECT DISTINCT %s WHERE {{
    {{ ?f %s %s }}
    ?f rdf:predicate ok:member_of ; %s %s .
    {holds}
}}""" % (free, bound_role, bound, free_role, free)


SPARQL_MEMBERS = sparql_other_ends("?org", "rdf:object", "?member", "rdf:subject")
SPARQL_MEMBERSHIPS = sparql_other_ends("?state", "rdf:subject", "?org", "rdf:object")

SPARQL_SHARED = """
SELECT DISTINCT ?org WHERE {{
    {{ {{ ?f1 rdf:subject ?a }}
       ?f1 rdf:predicate ok:member_of ; rdf:object ?org .
       {holds1} }}
    {{ {{ ?f2 rdf:subject ?b }}
       ?f2 rdf:predicate ok:member_of ; rdf:object ?org .
       {holds2} }}
}}"""

SPARQL_NEIGHBOURS = """
SELECT DISTINCT ?next WHERE {{
    {{ {{ ?f rdf:subject ?node }} ?f rdf:object ?next }}
    UNION
    {{ {{ ?f rdf:object ?node }} ?f rdf:subject ?next }}
    {holds}
}}"""


class RdflibPeer:
    """An in-memory rdflib Graph of reified facts, asked with SPARQL."""

    name = "rdflib"
    default_repeat = 1
    BASE = "http://orgkg.example/"

    def __init__(self, documents, budget):
        import rdflib
        from rdflib.namespace import RDF, RDFS
        from rdflib.plugins.sparql import prepareQuery

        self.rdflib = rdflib
        self.RDF = RDF
        self.question = date_span(QUESTION_DATE)
        self.entity = rdflib.Namespace(self.BASE + "entity/")
        self.ok = rdflib.Namespace(self.BASE + "ns#")
        self.graph = rdflib.Graph()
        self._literals = {}
        self._bounds = [(self.ok.fromFirst, self.ok.fromLast),
                        (self.ok.untilFirst, self.ok.untilLast),
                        (self.ok.atFirst, self.ok.atLast)]
        known = set()
        for entity in entities(documents):
            node = self.entity[entity["id"]]
            known.add(entity["id"])
            self.graph.add((node, self.ok.kind, self._literal(entity["kind"])))
            self.graph.add((node, RDFS.label, rdflib.Literal(entity["name"])))
        for count, fact in enumerate(entity_facts(documents)):
            if count % LOAD_CHECK_EVERY == 0:
                budget.check("rdflib load, %d facts built" % count)
            for entity in (fact["subject"], fact["object"]):
                if entity not in known:
                    raise SystemExit("fact names unknown entity %r" % entity)
            self._add_fact(rdflib.URIRef("%sfact/%d" % (self.BASE, count)), fact)
        self.size = {"entities": len(known), "triples": len(self.graph)}
        self._prepare(prepareQuery, {"rdf": RDF, "ok": self.ok})

    def _literal(self, value):
        literal = self._literals.get(value)
        if literal is None:
            literal = self._literals[value] = self.rdflib.Literal(value)
        return literal

    def _add_fact(self, node, fact):
        add, RDF = self.graph.add, self.RDF
        add((node, RDF.type, RDF.Statement))
        add((node, RDF.subject, self.entity[fact["subject"]]))
        add((node, RDF.predicate, self.ok[fact["relation"]]))
        add((node, RDF.object, self.entity[fact["object"]]))
        if fact["relation"] == "member_of":
            add((node, self.ok.status, self._literal(fact_status(fact))))
        for (first, last), span in zip(self._bounds, validity_spans(fact)):
            if span is not None:
                add((node, first, self._literal(span[0])))
                add((node, last, self._literal(span[1])))

    def _prepare(self, prepare_query, namespaces):
        qf, ql = date_span(QUESTION_DATE)

        def holds_filter(fact_var, n=""):
            return HOLDS_FILTER.format(f=fact_var, n=n, qf=qf, ql=ql)

        def prepared(text, **filters):
            return prepare_query(text.format(**filters), initNs=namespaces)

        self.q_members = prepared(SPARQL_MEMBERS, holds=holds_filter("?f"))
        self.q_memberships = prepared(SPARQL_MEMBERSHIPS, holds=holds_filter("?f"))
        self.q_shared = prepared(SPARQL_SHARED, holds1=holds_filter("?f1", "1"),
                                 holds2=holds_filter("?f2", "2"))
        self.q_neighbours = prepared(SPARQL_NEIGHBOURS, holds=holds_filter("?f"))

    def _id(self, node):
        """The orgkg id of an entity IRI."""
        return str(node)[len(self.entity):]

    def _ids(self, query, **bindings):
        """The entity ids a one-column query answers, given entity ids for its variables."""
        init = {name: self.entity[value] for name, value in bindings.items()}
        return [self._id(row[0]) for row in self.graph.query(query, initBindings=init)]

    def members(self, organization):
        return sorted(self._ids(self.q_members, org=organization))

    def memberships(self, state):
        return sorted(self._ids(self.q_memberships, state=state))

    def shared(self, a, b):
        return sorted(self._ids(self.q_shared, a=a, b=b))

    def _neighbours(self, entity):
        return self._ids(self.q_neighbours, node=entity)

    def path(self, a, b):
        """Breadth-first search; each entity's neighbours come from one SPARQL query."""
        if a == b:
            return 0
        distance = {a: 0}
        queue = deque([a])
        while queue:
            node = queue.popleft()
            for neighbour in self._neighbours(node):
                if neighbour not in distance:
                    if neighbour == b:
                        return distance[node] + 1
                    distance[neighbour] = distance[node] + 1
                    queue.append(neighbour)
        return None


class RdflibTriplesPeer(RdflibPeer):
    """The same rdflib Graph, asked through Graph.triples() patterns instead of SPARQL,
    with the date logic in Python (holds_at on the day numbers read back)."""

    name = "rdflib-triples"

    def _holds(self, fact):
        value = self.graph.value
        spans = []
        for first, last in self._bounds:
            day = value(fact, first)
            spans.append(None if day is None else (day.toPython(), value(fact, last).toPython()))
        return holds(*spans, self.question)

    def _holding_memberships(self, role, entity):
        """The member_of fact nodes that hold and have `entity` as their `role`."""
        for fact in self.graph.subjects(role, self.entity[entity]):
            if (fact, self.RDF.predicate, self.ok.member_of) in self.graph and self._holds(fact):
                yield fact

    def members(self, organization):
        facts = self._holding_memberships(self.RDF.object, organization)
        return sorted({self._id(self.graph.value(f, self.RDF.subject)) for f in facts})

    def _membership_set(self, state):
        facts = self._holding_memberships(self.RDF.subject, state)
        return {self._id(self.graph.value(f, self.RDF.object)) for f in facts}

    def memberships(self, state):
        return sorted(self._membership_set(state))

    def shared(self, a, b):
        return sorted(self._membership_set(a) & self._membership_set(b))

    def _neighbours(self, entity):
        node, value = self.entity[entity], self.graph.value
        RDF = self.RDF
        for here, there in ((RDF.subject, RDF.object), (RDF.object, RDF.subject)):
            for fact in self.graph.subjects(here, node):
                if self._holds(fact):
                    yield self._id(value(fact, there))


PEERS = {peer.name: peer for peer in (NetworkxPeer, RdflibPeer, RdflibTriplesPeer)}


# ---- the slow reference ----------------------------------------------------------------

class Reference:
    """Brute force: a day-by-day validity test, then scans of every fact per question."""

    def __init__(self, documents):
        question = date_span(QUESTION_DATE)
        self.facts = [(f["subject"], f["relation"], f["object"]) for f in entity_facts(documents)
                      if self.held_on_some_day(validity_spans(f), question)]

    @staticmethod
    def held_on_some_day(spans, question):
        """Is there a day d of the question that `at` covers, or that some reading of the
        interval holds on (some start s <= d < some stop e), or is the fact undated?"""
        from_span, until_span, at_span = spans
        if spans == (None, None, None):
            return True
        for d in range(question[0], question[1] + 1):
            if at_span is not None and at_span[0] <= d <= at_span[1]:
                return True
            if from_span is None and until_span is None:
                continue
            started = from_span is None or from_span[0] <= d
            not_stopped = until_span is None or d < until_span[1]
            if started and not_stopped:
                return True
        return False

    def members(self, organization):
        return sorted({s for s, r, o in self.facts if r == "member_of" and o == organization})

    def memberships(self, state):
        return sorted({o for s, r, o in self.facts if r == "member_of" and s == state})

    def shared(self, a, b):
        return sorted(set(self.memberships(a)) & set(self.memberships(b)))

    def path(self, a, b):
        """Level by level, each level a scan of every holding fact in both directions."""
        reached, frontier, length = {a}, {a}, 0
        while b not in reached:
            if not frontier:
                return None
            step = set()
            for s, _, o in self.facts:
                if s in frontier and o not in reached:
                    step.add(o)
                if o in frontier and s not in reached:
                    step.add(s)
            reached |= step
            frontier = step
            length += 1
        return length


def check_design_table():
    """Whether holds_at gives DESIGN.md's table of three-valued answers."""
    table = [({"from": "2006-08-16"}, "2006-03-01", NO),
             ({"from": "2006"}, "2006-03-01", MAYBE),
             ({"from": "2006-08-16"}, "2006", YES),
             ({"from": "1992", "until": "1999"}, "1999", MAYBE),
             ({"from": "1992", "until": "1999-04-02"}, "1999-04-01", YES),
             ({"from": "1992", "until": "1999-04-02"}, "1999-04-02", NO),
             ({"at": "2017-04-12"}, "2017-04-12", YES),
             ({"at": "2017-04-12"}, "2018", NO),
             ({}, "2000", MAYBE)]
    wrong = [(fact, q) for fact, q, expected in table
             if holds_at(*validity_spans(fact), date_span(q)) != expected]
    for fact, q in wrong:
        print("holds_at disagrees with DESIGN.md for %s at %s" % (fact, q), file=sys.stderr)
    return not wrong


def facts_disagreeing(documents):
    """Entity-relation facts where holds_at and the reference's day-by-day test differ."""
    question = date_span(QUESTION_DATE)
    return sum(1 for fact in entity_facts(documents)
               if holds(*validity_spans(fact), question)
               != Reference.held_on_some_day(validity_spans(fact), question))


# ---- running ---------------------------------------------------------------------------

def questions(organizations, states):
    """Each question kind with the argument tuples of its calls, in sample order."""
    def partner(k):
        return states[(k + 7) % len(states)]

    return [("members", [(org,) for org in organizations]),
            ("memberships", [(state,) for state in states]),
            ("shared", [(state, partner(k)) for k, state in enumerate(states)]),
            ("path", [(state, partner(k)) for k, state in enumerate(states)])]


def time_calls(function, calls, repeat, max_seconds):
    """Answers of the first round and the time of every call (ns); stops past max_seconds."""
    answers, times = [], []
    started = time.perf_counter()
    for round_number in range(repeat):
        for arguments in calls:
            begin = time.perf_counter_ns()
            answer = function(*arguments)
            times.append(time.perf_counter_ns() - begin)
            if round_number == 0:
                answers.append(answer)
            if time.perf_counter() - started > max_seconds:
                return answers, times, True
    return answers, times, False


def emit(record):
    print(json.dumps(record), flush=True)


def load(peer_class, paths, sample_size, budget):
    """The built peer and its load line (or None and an abort line)."""
    begin = time.perf_counter()
    documents = read_documents(paths)
    json_load_s = time.perf_counter() - begin
    record = {"peer": peer_class.name, "facts": sum(1 for _ in all_facts(documents)),
              "json_load_s": round(json_load_s, 3), "bytes": sum(os.path.getsize(p) for p in paths)}
    try:
        budget.check("json.load")
        peer = peer_class(documents, budget)
    except Budget.Exceeded as exceeded:
        record.update(aborted=str(exceeded), after_s=round(budget.elapsed(), 1),
                      peak_rss_kib=peak_rss_kib())
        return None, None, record
    sample = pick_sample(documents, sample_size)
    record.update(load_s=round(time.perf_counter() - begin, 3), peak_rss_kib=peak_rss_kib())
    record.update(peer.size)
    return peer, sample, record


def run_questions(peer, sample, repeat, max_seconds, reference):
    """Times every question kind; prints one line per kind; returns the answers."""
    answers = {}
    for kind, calls in questions(*sample):
        got, times, stopped = time_calls(getattr(peer, kind), calls, repeat, max_seconds)
        answers[kind] = got
        line = {"peer": peer.name, "question": kind,
                "median_us": round(statistics.median(times) / 1000, 1),
                "mean_us": round(statistics.fmean(times) / 1000, 1), "calls": len(times)}
        if stopped:
            line["stopped"] = "past --max-seconds %g, %d of %d calls answered" % (
                max_seconds, len(got), len(calls))
        if reference is not None:
            expected = [getattr(reference, kind)(*arguments) for arguments in calls[:len(got)]]
            line["reference_agrees"] = got == expected
        emit(line)
    return answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", required=True, help="directory of orgkg/1 *.json documents")
    parser.add_argument("--peer", required=True, choices=sorted(PEERS))
    parser.add_argument("--answers", help="write the answers, in sample order, to this JSON file")
    parser.add_argument("--sample", type=int, default=256,
                        help="organizations and states asked (256)")
    parser.add_argument("--repeat", type=int, help="rounds over the sample (networkx 3, rdflib 1)")
    parser.add_argument("--max-seconds", type=float, default=1800,
                        help="stop loading, or a question kind, past this many seconds (1800)")
    parser.add_argument("--max-question-seconds", type=float,
                        help="stop a question kind past this many seconds (--max-seconds)")
    parser.add_argument("--max-rss-gib", type=float, default=16,
                        help="stop loading past this much resident memory (16 GiB)")
    parser.add_argument("--check", action="store_true",
                        help="compare the answers with a slow brute-force reference")
    args = parser.parse_args()

    peer_class = PEERS[args.peer]
    paths = document_paths(args.kb)
    budget = Budget(args.max_seconds, int(args.max_rss_gib * 1024 * 1024))
    peer, sample, record = load(peer_class, paths, args.sample, budget)
    emit(record)
    if peer is None:
        return 1
    reference = None
    if args.check:
        documents = read_documents(paths)  # again: the peer's load has dropped them
        reference = Reference(documents)
        emit({"peer": peer.name, "check": "holds_at", "design_table_agrees": check_design_table(),
              "facts_disagreeing_with_reference": facts_disagreeing(documents)})
        del documents
    answers = run_questions(peer, sample, args.repeat or peer_class.default_repeat,
                            args.max_question_seconds or args.max_seconds, reference)
    if args.answers:
        with open(args.answers, "w", encoding="utf-8") as out:
            json.dump(answers, out)
            out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
