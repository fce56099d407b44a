#!/usr/bin/env python3
"""Writes a deterministic synthetic orgkg/1 knowledge base for benchmarks.

    tools/generate_kb.py --facts 1000000 --out /tmp/kb-1m

The same arguments always give the same bytes. The shape follows real membership data:
about 200 states; organizations of 3 to 190 members with a heavy tail (most small, a few
near-universal); one to three intervals per membership, some with a status change between
them; dates at year, month or day precision; open intervals; a share of dated claims
(`at`); founding events for each organization. Every fact cites one or two of 20,000
sources with the few words that carry it (as an article would), some with byte offsets,
and a few carry a note: about 240 bytes of JSON per fact.
"""
import argparse
import json
import os
import random

STATES = 200
SOURCES = 20000
STATUSES = ["full"] * 8 + ["associate", "observer", "suspended", "applicant", "partner"]


def dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def date_at(rng, year):
    """A date in `year` at a random precision: a year, a month or a day."""
    precision = rng.random()
    if precision < 0.4:
        return "%04d" % year
    month = rng.randint(1, 12)
    if precision < 0.6:
        return "%04d-%02d" % (year, month)
    return "%04d-%02d-%02d" % (year, month, rng.randint(1, 28))


def member_count(rng):
    """Members of one organization: 3 to 190, heavy-tailed (Pareto)."""
    return min(190, 3 + int(rng.paretovariate(1.2) * 3))


def citations(rng, quote):
    """One or two sources for a fact, each with a quote, some with byte offsets."""
    cited = []
    for _ in range(1 if rng.random() < 0.85 else 2):
        citation = {"source": "src-%d" % rng.randrange(SOURCES), "quote": quote}
        if rng.random() < 0.5:
            start = rng.randrange(20000)
            citation["offset"] = [start, start + len(quote)]
        cited.append(citation)
    return cited


def memberships(rng, state, org, founded):
    """The facts of state number `state`'s membership of organization `org`, oldest first."""
    facts = []
    year = founded + rng.randint(0, 15)
    for interval in range(rng.choice([1, 1, 1, 2, 2, 3])):
        if year > 2024:
            break
        fact = {"subject": "state-%d" % state, "relation": "member_of", "object": "org-%d" % org}
        status = "full" if interval == 0 else rng.choice(STATUSES)
        if status != "full" or rng.random() < 0.1:
            fact["status"] = status
        fact["from"] = date_at(rng, year)
        joined = year
        end = year + rng.randint(1, 25)
        last = interval == 2 or rng.random() < 0.5
        if not (last and rng.random() < 0.6) and end <= 2025:
            fact["until"] = date_at(rng, end)
            year = end + (0 if rng.random() < 0.5 else rng.randint(1, 5))
        else:
            year = 9999
        fact["sources"] = citations(rng, "State %d joined Organization %d in %d" % (state, org, joined))
        if rng.random() < 0.02:
            fact["note"] = "dates as reported; the accession treaty is not public"
        facts.append(fact)
        if "until" not in fact:
            break
    if rng.random() < 0.05:
        claimed = rng.randint(founded, 2024)
        facts.append({"subject": "state-%d" % state, "relation": "member_of",
                      "object": "org-%d" % org, "at": date_at(rng, claimed),
                      "sources": citations(rng, "State %d, a member of Organization %d" % (state, org))})
    return facts


def generate(target_facts, seed):
    rng = random.Random(seed)
    sources = [{"id": "src-%d" % i, "title": "Synthetic report %d" % i,
                "publisher": "Generator Wire", "published": date_at(rng, rng.randint(1950, 2024))}
               for i in range(SOURCES)]
    entities = [{"id": "state-%d" % i, "kind": "state", "name": "State %d" % i,
                 "aliases": ["ST%d" % i], "codes": {"cow": 1000 + i}} for i in range(STATES)]
    facts = []
    org = 0
    while len(facts) < target_facts:
        org_id = "org-%d" % org
        entities.append({"id": org_id, "kind": "organization", "name": "Organization %d" % org,
                         "aliases": ["O%d" % org]})
        founded = rng.randint(1900, 2015)
        facts.append({"subject": org_id, "relation": "established", "date": date_at(rng, founded),
                      "sources": citations(rng, "Organization %d, founded in %d" % (org, founded))})
        if rng.random() < 0.1:
            ended = min(2024, founded + rng.randint(5, 60))
            facts.append({"subject": org_id, "relation": "dissolved", "date": "%04d" % ended,
                          "sources": citations(rng, "Organization %d was wound up in %d" % (org, ended))})
        for state in rng.sample(range(STATES), member_count(rng)):
            facts.extend(memberships(rng, state, org, founded))
        org += 1
    return {"sources": sources, "entities": entities, "facts": facts[:target_facts]}


def write(path, document):
    with open(path, "w", encoding="utf-8") as out:
        out.write('{\n  "orgkg": 1')
        for section in ("sources", "entities", "facts"):
            out.write(',\n  "%s": [\n' % section)
            out.write(",\n".join("    " + dumps(item) for item in document[section]))
            out.write("\n  ]")
        out.write("\n}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, required=True, help="number of facts to write")
    parser.add_argument("--out", required=True, help="knowledge base directory to create")
    parser.add_argument("--seed", type=int, default=2017, help="random seed (default 2017)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "generated.json"), generate(args.facts, args.seed))


if __name__ == "__main__":
    main()
