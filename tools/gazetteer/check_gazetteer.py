#!/usr/bin/env python3
"""Checks data/gazetteer/organizations.json and states.json; prints their counts.

    tools/gazetteer/check_gazetteer.py [--gazetteer data/gazetteer] [--shared ../shared]
                                       [--iso-codes /usr/share/iso-codes/json]

Organizations: the document's shape; ids unique and matching ^[a-z0-9][a-z0-9_.-]*$; no
name, alias or acronym naming two organizations (compared case- and accent-insensitively,
as orgkg folds names) unless every organization but one lists it as ambiguous; every COW
ioname of SHARED/data/cow-igo-v3/igos.csv present exactly once (skipped, and said, when
SHARED is missing).
States: every ISO 3166-1 alpha-2 code present exactly once, every ISO 3166-3 code carried
once (as a former state's iso3166_3 or in a former_iso3166_3 list); no name, alias or
historic name naming two states, nor one that ISO 3166 gives another state; demonyms and
capitals unambiguous unless listed as ambiguous; COW numbers known to states.csv, each
carried by at most one current state, and every COW state carried.
Across both files: ids distinct, and no unambiguous name of an organization naming a state.
Exits 1 and lists every problem when a check fails.
"""
import argparse
import csv
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
ORG_KEYS = {"id", "kind", "name", "acronyms", "ambiguous_acronyms", "aliases", "codes", "source"}
STATE_LISTS = ["aliases", "historic", "ambiguous_names", "demonyms", "ambiguous_demonyms",
               "capitals", "ambiguous_capitals"]
STATE_KEYS = {"iso3166", "iso3166_3", "id", "name", "cow", "former_iso3166_3"} | set(STATE_LISTS)


def fold(name):
    """As src/names.cpp folds a name: case and accents ignored, runs of space, '-', '_'
    and '.' read as one space."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(part for part in re.split(r"[ \t\n\r\-_.]+", stripped) if part)


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


class Report:
    def __init__(self):
        self.problems = []

    def add(self, message):
        self.problems.append(message)


def check_strings(report, where, value, key):
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        report.add("%s: %s must be a list of non-empty strings" % (where, key))
        return []
    return value


def clashes(report, owners_plain, owners_ambiguous, what):
    """A key may be unambiguous for one owner only; ambiguous for any number."""
    for key, owners in sorted(owners_plain.items()):
        distinct = sorted(set(owners))
        if len(distinct) > 1:
            report.add("%s %r names %s (list it as ambiguous in all but one)"
                       % (what, key, ", ".join(distinct)))
    for key, owners in sorted(owners_ambiguous.items()):
        both = set(owners) & set(owners_plain.get(key, []))
        for owner in sorted(both):
            report.add("%s %r is both ambiguous and not for %s" % (what, key, owner))


def check_organizations(report, document, igos):
    counts = defaultdict(int)
    if document.get("gazetteer") != 1:
        report.add("organizations.json: \"gazetteer\" must be 1")
    source_ids = {s.get("id") for s in document.get("sources", [])}
    ids = {}
    plain, ambiguous = defaultdict(list), defaultdict(list)
    cow_seen = defaultdict(list)
    organizations = document.get("organizations", [])
    previous_id = ""
    for org in organizations:
        org_id = org.get("id", "")
        where = "organization %r" % org_id
        if set(org) - ORG_KEYS:
            report.add("%s: unknown keys %s" % (where, sorted(set(org) - ORG_KEYS)))
        if not isinstance(org_id, str) or not ID_PATTERN.match(org_id):
            report.add("%s: id does not match %s" % (where, ID_PATTERN.pattern))
        if org_id in ids:
            report.add("%s: id used twice" % where)
        ids[org_id] = org
        if org_id < previous_id:
            report.add("%s: not sorted by id (after %r)" % (where, previous_id))
        previous_id = org_id
        if org.get("kind") not in ("organization", "treaty"):
            report.add("%s: kind must be organization or treaty" % where)
        if not isinstance(org.get("name"), str) or not org["name"].strip():
            report.add("%s: no name" % where)
            continue
        if org.get("source") not in source_ids:
            report.add("%s: source %r is not among the document's sources" % (where, org.get("source")))
        acronyms = check_strings(report, where, org.get("acronyms", []), "acronyms")
        unclear = check_strings(report, where, org.get("ambiguous_acronyms", []), "ambiguous_acronyms")
        aliases = check_strings(report, where, org.get("aliases", []), "aliases")
        for name in {fold(n) for n in [org["name"]] + aliases + acronyms}:
            plain[name].append(org_id)
        for name in {fold(n) for n in unclear}:
            ambiguous[name].append(org_id)
        cow = org.get("codes", {}).get("cow")
        if cow is not None:
            cow_seen[cow].append(org_id)
        counts["organizations"] += 1
        counts["from COW" if cow is not None else "curated"] += 1
        counts["treaties"] += org.get("kind") == "treaty"
        counts["acronyms"] += len(acronyms)
        counts["ambiguous acronyms"] += len(unclear)
        counts["aliases"] += len(aliases)
    clashes(report, plain, ambiguous, "organization name")
    for cow, owners in sorted(cow_seen.items()):
        if len(owners) > 1:
            report.add("COW ioname %s is carried by %s" % (cow, ", ".join(owners)))
    if igos is not None:
        for ioname in igos:
            if ioname not in cow_seen:
                report.add("COW ioname %s is missing" % ioname)
        for ioname in cow_seen:
            if ioname not in set(igos):
                report.add("codes.cow %s is not a COW ioname" % ioname)
    return counts, ids, plain, ambiguous


def check_states(report, document, iso1, iso3, cow_states):
    counts = defaultdict(int)
    if document.get("gazetteer") != 1:
        report.add("states.json: \"gazetteer\" must be 1")
    by_iso, by_iso3, ids = {}, {}, {}
    plain, ambiguous = defaultdict(list), defaultdict(list)
    demonyms, ambiguous_demonyms = defaultdict(list), defaultdict(list)
    capitals, ambiguous_capitals = defaultdict(list), defaultdict(list)
    cow_current = defaultdict(list)
    cow_any = set()
    for state in document.get("states", []):
        key = state.get("iso3166") or state.get("id")
        where = "state %r" % key
        if set(state) - STATE_KEYS:
            report.add("%s: unknown keys %s" % (where, sorted(set(state) - STATE_KEYS)))
        if ("iso3166" in state) == ("id" in state):
            report.add("%s: needs either iso3166 or id" % where)
            continue
        if not isinstance(state.get("name"), str) or not state["name"].strip():
            report.add("%s: no name" % where)
            continue
        if "iso3166" in state:
            if state["iso3166"] in by_iso:
                report.add("%s: iso3166 listed twice" % where)
            by_iso[state["iso3166"]] = key
            state_id = slug(state["name"])
            counts["states (ISO 3166-1 and Kosovo)"] += 1
        else:
            state_id = state["id"]
            if not ID_PATTERN.match(state_id):
                report.add("%s: id does not match %s" % (where, ID_PATTERN.pattern))
            counts["former states"] += 1
        if state_id in ids:
            report.add("%s: id %r also belongs to %s" % (where, state_id, ids[state_id]))
        ids[state_id] = key
        for code in ([state["iso3166_3"]] if "iso3166_3" in state else []) + state.get("former_iso3166_3", []):
            if code not in iso3:
                report.add("%s: %s is not an ISO 3166-3 code" % (where, code))
            if code in by_iso3:
                report.add("%s: ISO 3166-3 %s is also carried by %s" % (where, code, by_iso3[code]))
            by_iso3[code] = key
        lists = {k: check_strings(report, where, state.get(k, []), k) for k in STATE_LISTS}
        for name in {fold(n) for n in [state["name"]] + lists["aliases"] + lists["historic"]}:
            plain[name].append(key)
        for name in {fold(n) for n in lists["ambiguous_names"]}:
            ambiguous[name].append(key)
        for name in {fold(n) for n in lists["demonyms"]}:
            demonyms[name].append(key)
        for name in {fold(n) for n in lists["ambiguous_demonyms"]}:
            ambiguous_demonyms[name].append(key)
        for name in {fold(n) for n in lists["capitals"]}:
            capitals[name].append(key)
        for name in {fold(n) for n in lists["ambiguous_capitals"]}:
            ambiguous_capitals[name].append(key)
        for k in STATE_LISTS:
            counts[k.replace("_", " ")] += len(lists[k])
        if "cow" in state:
            if not isinstance(state["cow"], int) or isinstance(state["cow"], bool):
                report.add("%s: cow must be an integer" % where)
            elif cow_states is not None and state["cow"] not in cow_states:
                report.add("%s: COW number %s is not in states.csv" % (where, state["cow"]))
            if "iso3166" in state:
                cow_current[state["cow"]].append(key)
            cow_any.add(state["cow"])
            counts["with a COW number"] += 1
    for code in sorted(set(iso1) - set(by_iso)):
        report.add("ISO 3166-1 %s (%s) is missing" % (code, iso1[code]["name"]))
    for code in sorted(set(by_iso) - set(iso1) - {"XK"}):
        report.add("iso3166 %s is not an ISO 3166-1 code" % code)
    for code in sorted(set(iso3) - set(by_iso3)):
        report.add("ISO 3166-3 %s (%s) is carried by no entry" % (code, iso3[code]["name"]))
    # ISO names that the extractor reads at run time belong to the entry with that code: no
    # other entry may claim them ("Congo" is the Republic of the Congo's ISO name).
    for code, entry in iso1.items():
        for name in iso_names(entry):
            for owner in plain.get(fold(name), []):
                if owner != by_iso.get(code):
                    report.add("%r is the ISO 3166-1 name of %s, but also names %s" % (name, code, owner))
    for code, entry in iso3.items():
        for name in iso_names(entry):
            for owner in plain.get(fold(name), []):
                if owner != by_iso3.get(code):
                    report.add("%r is the ISO 3166-3 name of %s (%s), but also names %s"
                               % (name, code, by_iso3.get(code), owner))
    clashes(report, plain, ambiguous, "state name")
    clashes(report, demonyms, ambiguous_demonyms, "demonym")
    clashes(report, capitals, ambiguous_capitals, "capital")
    for cow, owners in sorted(cow_current.items()):
        if len(owners) > 1:
            report.add("COW state %s is carried by current states %s" % (cow, ", ".join(owners)))
    if cow_states is not None:
        for ccode, name in sorted(cow_states.items()):
            if ccode not in cow_any:
                report.add("COW state %s (%s) is carried by no entry" % (ccode, name))
    return counts, ids, plain


def iso_names(entry):
    """The names of an iso-codes entry that read as prose (no "Bolivia, Plurinational …")."""
    names = {entry.get(k) for k in ("name", "common_name", "official_name")}
    return sorted(n for n in names if n and "," not in n)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", default=os.path.join(REPO, "data", "gazetteer"))
    parser.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    parser.add_argument("--iso-codes", default="/usr/share/iso-codes/json")
    args = parser.parse_args()
    report = Report()
    with open(os.path.join(args.gazetteer, "organizations.json"), encoding="utf-8") as handle:
        organizations = json.load(handle)
    with open(os.path.join(args.gazetteer, "states.json"), encoding="utf-8") as handle:
        states = json.load(handle)
    with open(os.path.join(args.iso_codes, "iso_3166-1.json"), encoding="utf-8") as handle:
        iso1 = {e["alpha_2"]: e for e in json.load(handle)["3166-1"]}
    with open(os.path.join(args.iso_codes, "iso_3166-3.json"), encoding="utf-8") as handle:
        iso3 = {e["alpha_4"]: e for e in json.load(handle)["3166-3"]}
    cow_dir = os.path.join(args.shared, "data", "cow-igo-v3")
    igos = cow_states = None
    if os.path.isdir(cow_dir):
        with open(os.path.join(cow_dir, "igos.csv"), encoding="utf-8", newline="") as handle:
            igos = [row["ioname"] for row in csv.DictReader(handle)]
        with open(os.path.join(cow_dir, "states.csv"), encoding="utf-8", newline="") as handle:
            cow_states = {int(row["ccode"]): row["statenme"] for row in csv.DictReader(handle)}
    else:
        print("check_gazetteer: %s is missing: COW ionames and state numbers not checked"
              % os.path.normpath(cow_dir))

    org_counts, org_ids, org_plain, org_ambiguous = check_organizations(report, organizations, igos)
    state_counts, state_ids, state_plain = check_states(report, states, iso1, iso3, cow_states)
    for org_id in sorted(set(org_ids) & set(state_ids)):
        report.add("id %r names both an organization and state %s" % (org_id, state_ids[org_id]))
    for key in sorted(set(org_plain) & set(state_plain)):
        report.add("%r names organization %s and state %s"
                   % (key, ", ".join(org_plain[key]), ", ".join(state_plain[key])))
    for code, entry in iso1.items():
        for name in iso_names(entry):
            if fold(name) in org_plain:
                report.add("%r, the ISO 3166-1 name of %s, also names organization %s"
                           % (name, code, ", ".join(org_plain[fold(name)])))

    print("organizations.json: " + ", ".join("%s %d" % (k, v) for k, v in org_counts.items()))
    print("states.json: " + ", ".join("%s %d" % (k, v) for k, v in state_counts.items()))
    if report.problems:
        for problem in report.problems:
            print("check_gazetteer: " + problem, file=sys.stderr)
        print("check_gazetteer: %d problems" % len(report.problems), file=sys.stderr)
        return 1
    print("check_gazetteer: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
