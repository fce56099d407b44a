#!/usr/bin/env python3
"""Writes the extractor's gazetteer: data/gazetteer/organizations.json and states.json.

    tools/make_gazetteer.py [--shared ../shared] [--iso-codes /usr/share/iso-codes/json]
                            [--out data/gazetteer] [--review]

Organizations come from the Correlates of War IGO v3 list (SHARED/data/cow-igo-v3/igos.csv,
534 bodies) with the clean English names of tools/gazetteer/cow_igos.txt, merged with the
hand-curated supplement tools/gazetteer/organizations_extra.json (bodies COW lacks or
postdates, and prose names of COW bodies). States come from tools/gazetteer/states_extra.json,
with their COW numbers checked against SHARED/data/cow-igo-v3/states.csv and their ISO codes
against Debian's iso-codes. The output is deterministic: the same inputs give the same bytes.

The generated files are committed, so users need not run this; run it after editing a file in
tools/gazetteer/, then tools/gazetteer/check_gazetteer.py. Exits 1, saying why, when SHARED or
iso-codes is missing or an input is inconsistent. --review prints each COW state beside the
entries that carry its number, for checking the matches by hand.
"""
import argparse
import csv
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CURATION = os.path.join(HERE, "gazetteer")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")

COW_SOURCE = {
    "id": "cow-igo-v3",
    "title": "Correlates of War Intergovernmental Organizations v3.0 (Pevehouse, Nordstrom, "
             "McManus and Jamison 2020); names cleaned by hand in tools/gazetteer/cow_igos.txt",
    "url": "https://correlatesofwar.org/data-sets/igos/",
}

# British/American spellings that prose uses for the same name. Each name and alias gets the
# other spelling(s) as aliases.
SPELLING_PAIRS = [
    ("Organization", "Organisation"),
    ("Co-operation", "Cooperation"),
    ("Co-operative", "Cooperative"),
    ("Centre", "Center"),
    ("Labour", "Labor"),
    ("Defence", "Defense"),
]


class InputError(Exception):
    pass


def fold(name):
    """Lookup key of a name, as orgkg folds names (src/names.cpp): case and accents
    ignored, runs of space, '-', '_' and '.' read as one space."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(part for part in re.split(r"[ \t\n\r\-_.]+", stripped) if part)


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


# A name in French, Spanish or Portuguese ("Organisation internationale de la Francophonie")
# has no English spelling variants.
FOREIGN_WORDS = re.compile(r"\b(de|des|du|la|le|les|del|dos|da|et|pour|sur|y)\b|\bl'")


def spelling_variants(name):
    """The name with each British/American spelling swapped, in a fixed order."""
    if FOREIGN_WORDS.search(name):
        return []
    variants = [name]
    for first, second in SPELLING_PAIRS:
        grown = []
        for each in variants:
            for a, b in ((first, second), (second, first)):
                if re.search(r"\b%s\b" % re.escape(a), each):
                    grown.append(re.sub(r"\b%s\b" % re.escape(a), b, each))
        variants.extend(v for v in grown if v not in variants)
    return variants[1:]


def without_accents(name):
    """"Visegrád" -> "Visegrad"; None when the name has no accents to drop."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return plain if plain != unicodedata.normalize("NFC", name) else None


def with_plain_spellings(names):
    """Each name followed by its spelling without accents, when it has one."""
    out = []
    for name in names:
        out.append(name)
        plain = without_accents(name)
        if plain:
            out.append(plain)
    return out


def split_list(text):
    return [part.strip() for part in text.split(";") if part.strip()]


def read_cow_table(path):
    """tools/gazetteer/cow_igos.txt: IONAME | name | acronyms | aliases | id."""
    rows = {}
    with open(path, encoding="utf-8") as table:
        for number, line in enumerate(table, 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = [field.strip() for field in line.rstrip("\n").split("|")]
            if len(fields) != 5:
                raise InputError("%s:%d: expected 5 fields separated by '|', found %d"
                                 % (path, number, len(fields)))
            ioname, name, acronyms, aliases, given_id = fields
            if ioname in rows:
                raise InputError("%s:%d: %s is listed twice" % (path, number, ioname))
            if not name:
                raise InputError("%s:%d: %s has no name" % (path, number, ioname))
            plain = [a for a in split_list(acronyms) if not a.startswith("~")]
            ambiguous = [a[1:] for a in split_list(acronyms) if a.startswith("~")]
            rows[ioname] = {"line": number, "name": name, "acronyms": plain,
                            "ambiguous_acronyms": ambiguous, "aliases": split_list(aliases),
                            "id": given_id}
    return rows


def same_key(name):
    """Names that differ only in case are one name; accents and hyphens are kept apart
    ("Türkiye" and "Turkiye" both go out, for matchers that do not fold accents)."""
    return name.casefold()


def add_unique(target, values, taken):
    """Appends the values whose key is not in `taken` yet."""
    for value in values:
        key = same_key(value)
        if key and key not in taken:
            taken.add(key)
            target.append(value)


def finish_organization(org):
    """Drops duplicates, adds spelling variants, and demotes a name superseded by a rename."""
    taken = {same_key(org["name"])}
    aliases = []
    for alias in [a for a in org["aliases"]] + [v for v in spelling_variants(org["name"])]:
        add_unique(aliases, [alias], taken)
    for alias in list(aliases):
        add_unique(aliases, spelling_variants(alias), taken)
    plain = []
    add_unique(plain, with_plain_spellings([org["name"]] + aliases), set())
    add_unique(aliases, plain, taken)
    org["aliases"] = aliases
    seen = set()
    org["acronyms"] = [a for a in org["acronyms"] if not (a in seen or seen.add(a))]
    seen = set()
    org["ambiguous_acronyms"] = [a for a in org["ambiguous_acronyms"]
                                 if a not in org["acronyms"] and not (a in seen or seen.add(a))]


def organization_names(org):
    return {fold(n) for n in [org["name"]] + org["aliases"] + org["acronyms"]}


def build_organizations(shared):
    igos_csv = os.path.join(shared, "data", "cow-igo-v3", "igos.csv")
    with open(igos_csv, encoding="utf-8", newline="") as handle:
        cow_rows = list(csv.DictReader(handle))
    table = read_cow_table(os.path.join(CURATION, "cow_igos.txt"))
    cow_names = [row["ioname"] for row in cow_rows]
    missing = [n for n in cow_names if n not in table]
    unknown = [n for n in table if n not in set(cow_names)]
    if missing or unknown:
        raise InputError("tools/gazetteer/cow_igos.txt does not match %s: missing %s; not in COW %s"
                         % (igos_csv, missing or "none", unknown or "none"))

    by_ioname = {}
    for ioname in cow_names:
        row = table[ioname]
        given = row["id"]
        org_id = given or (row["acronyms"][0].lower() if row["acronyms"] else slug(row["name"]))
        org = {"id": org_id, "kind": "organization", "name": row["name"],
               "acronyms": list(row["acronyms"]), "ambiguous_acronyms": list(row["ambiguous_acronyms"]),
               "aliases": list(row["aliases"]), "codes": {"cow": ioname}, "source": COW_SOURCE["id"]}
        by_ioname[ioname] = org

    with open(os.path.join(CURATION, "organizations_extra.json"), encoding="utf-8") as handle:
        extra = json.load(handle)
    curated_source = {k: extra["source"][k] for k in ("id", "title", "url", "note") if k in extra["source"]}
    allowed = {"cow", "id", "kind", "name", "acronyms", "ambiguous_acronyms", "aliases",
               "distinct_from", "note"}
    curated = []
    for position, entry in enumerate(extra["organizations"]):
        where = "organizations_extra.json entry %d (%s)" % (position, entry.get("id") or entry.get("cow"))
        unexpected = set(entry) - allowed
        if unexpected:
            raise InputError("%s: unknown keys %s" % (where, sorted(unexpected)))
        for ioname in entry.get("distinct_from", []):
            if ioname not in by_ioname:
                raise InputError("%s: distinct_from names %s, which is not a COW ioname" % (where, ioname))
        if "cow" in entry:
            org = by_ioname.get(entry["cow"])
            if org is None:
                raise InputError("%s: %s is not a COW ioname" % (where, entry["cow"]))
            if "name" in entry and entry["name"] != org["name"]:
                org["aliases"].insert(0, org["name"])
                org["name"] = entry["name"]
            if "id" in entry:
                org["id"] = entry["id"]
            for key in ("acronyms", "ambiguous_acronyms", "aliases"):
                org[key].extend(entry.get(key, []))
            continue
        for key in ("id", "kind", "name"):
            if not entry.get(key):
                raise InputError("%s: a new body needs %s" % (where, key))
        if entry["kind"] not in ("organization", "treaty"):
            raise InputError("%s: kind must be organization or treaty" % where)
        org = {"id": entry["id"], "kind": entry["kind"], "name": entry["name"],
               "acronyms": list(entry.get("acronyms", [])),
               "ambiguous_acronyms": list(entry.get("ambiguous_acronyms", [])),
               "aliases": list(entry.get("aliases", [])), "codes": {}, "source": curated_source["id"],
               "_distinct_from": set(entry.get("distinct_from", [])), "_where": where}
        curated.append(org)

    for org in list(by_ioname.values()) + curated:
        finish_organization(org)
    # A curated body that shares a name with a COW body is the same body unless it says so.
    for org in curated:
        names = organization_names(org)
        for ioname, cow_org in by_ioname.items():
            shared_names = names & organization_names(cow_org)
            if shared_names and ioname not in org["_distinct_from"]:
                raise InputError("%s shares %s with COW %s: merge it (\"cow\": \"%s\") or list "
                                 "%s in distinct_from" % (org["_where"], sorted(shared_names),
                                                          ioname, ioname, ioname))
    organizations = list(by_ioname.values()) + curated
    ids = {}
    for org in organizations:
        if not ID_PATTERN.match(org["id"]):
            raise InputError("organization id %r does not match %s" % (org["id"], ID_PATTERN.pattern))
        if org["id"] in ids:
            raise InputError("organization id %r is used by %s and %s"
                             % (org["id"], ids[org["id"]], org["name"]))
        ids[org["id"]] = org["name"]
    output = []
    for org in sorted(organizations, key=lambda o: o["id"]):
        out = {"id": org["id"], "kind": org["kind"], "name": org["name"], "acronyms": org["acronyms"],
               "ambiguous_acronyms": org["ambiguous_acronyms"], "aliases": org["aliases"]}
        if org["codes"]:
            out["codes"] = org["codes"]
        out["source"] = org["source"]
        output.append(out)
    return {"gazetteer": 1, "sources": [COW_SOURCE, curated_source], "organizations": output}


STATE_LISTS = ["aliases", "historic", "ambiguous_names", "demonyms", "ambiguous_demonyms",
               "capitals", "ambiguous_capitals"]


def build_states(shared, iso_codes, review):
    with open(os.path.join(iso_codes, "iso_3166-1.json"), encoding="utf-8") as handle:
        iso1 = {e["alpha_2"]: e for e in json.load(handle)["3166-1"]}
    with open(os.path.join(iso_codes, "iso_3166-3.json"), encoding="utf-8") as handle:
        iso3 = {e["alpha_4"]: e for e in json.load(handle)["3166-3"]}
    with open(os.path.join(shared, "data", "cow-igo-v3", "states.csv"), encoding="utf-8", newline="") as handle:
        cow = {int(row["ccode"]): row for row in csv.DictReader(handle)}
    with open(os.path.join(CURATION, "states_extra.json"), encoding="utf-8") as handle:
        extra = json.load(handle)

    allowed = {"iso3166", "iso3166_3", "id", "name", "cow", "former_iso3166_3"} | set(STATE_LISTS)
    current, former = [], []
    for position, entry in enumerate(extra["states"]):
        where = "states_extra.json entry %d (%s)" % (position, entry.get("iso3166") or entry.get("id"))
        unexpected = set(entry) - allowed
        if unexpected:
            raise InputError("%s: unknown keys %s" % (where, sorted(unexpected)))
        if not entry.get("name"):
            raise InputError("%s: no name" % where)
        if ("iso3166" in entry) == ("id" in entry):
            raise InputError("%s: give either iso3166 (a current state) or id (a former one)" % where)
        if "iso3166" in entry and entry["iso3166"] not in iso1 and entry["iso3166"] != "XK":
            raise InputError("%s: %s is not an ISO 3166-1 code" % (where, entry["iso3166"]))
        if "id" in entry and not ID_PATTERN.match(entry["id"]):
            raise InputError("%s: id does not match %s" % (where, ID_PATTERN.pattern))
        for code in [entry.get("iso3166_3")] + entry.get("former_iso3166_3", []):
            if code is not None and code not in iso3:
                raise InputError("%s: %s is not an ISO 3166-3 code" % (where, code))
        if "cow" in entry and entry["cow"] not in cow:
            raise InputError("%s: %s is not a COW state number in states.csv" % (where, entry["cow"]))
        out = {}
        if "iso3166" in entry:
            out["iso3166"] = entry["iso3166"]
        else:
            out["id"] = entry["id"]
            if "iso3166_3" in entry:
                out["iso3166_3"] = entry["iso3166_3"]
        out["name"] = entry["name"]
        for key in STATE_LISTS:
            values = []
            given = entry.get(key, [])
            if key == "aliases":  # "Réunion" is also written "Reunion"
                given = [n for n in with_plain_spellings([entry["name"]]) if n != entry["name"]] + given
            add_unique(values, with_plain_spellings(given),
                       {same_key(entry["name"])} if key in ("aliases", "historic") else set())
            out[key] = values
        if "cow" in entry:
            out["cow"] = entry["cow"]
        if entry.get("former_iso3166_3"):
            out["former_iso3166_3"] = sorted(entry["former_iso3166_3"])
        (current if "iso3166" in entry else former).append(out)

    seen = {}
    for state in current:
        if state["iso3166"] in seen:
            raise InputError("iso3166 %s is listed twice" % state["iso3166"])
        seen[state["iso3166"]] = state
    missing = sorted(set(iso1) - set(seen))
    if missing:
        raise InputError("states_extra.json lacks ISO 3166-1 codes %s" % missing)
    if review:
        print("COW states and the gazetteer entries that carry their number:")
        for ccode, row in sorted(cow.items()):
            carriers = ["%s %s" % (s.get("iso3166") or s["id"], s["name"])
                        for s in current + former if s.get("cow") == ccode]
            print("  %3d %-32s -> %s" % (ccode, row["statenme"], "; ".join(carriers) or "NONE"))
    states = sorted(current, key=lambda s: s["iso3166"]) + sorted(former, key=lambda s: s["id"])
    sources = [{k: s[k] for k in ("id", "title", "url") if k in s} for s in extra["sources"]]
    return {"gazetteer": 1, "sources": sources, "states": states}


def write_json(path, document):
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.path.join(REPO, "..", "shared"),
                        help="the shared folder holding data/cow-igo-v3 (default: ../shared beside the clone)")
    parser.add_argument("--iso-codes", default="/usr/share/iso-codes/json",
                        help="Debian iso-codes JSON folder (package iso-codes)")
    parser.add_argument("--out", default=os.path.join(REPO, "data", "gazetteer"))
    parser.add_argument("--review", action="store_true",
                        help="print each COW state beside the gazetteer entries carrying its number")
    args = parser.parse_args()
    cow_dir = os.path.join(args.shared, "data", "cow-igo-v3")
    if not os.path.isdir(cow_dir):
        print("make_gazetteer: %s is missing: the COW IGO v3 data (igos.csv, states.csv) is needed; "
              "pass --shared DIR. The committed data/gazetteer/*.json need not be regenerated."
              % os.path.normpath(cow_dir), file=sys.stderr)
        return 1
    for name in ("iso_3166-1.json", "iso_3166-3.json"):
        if not os.path.isfile(os.path.join(args.iso_codes, name)):
            print("make_gazetteer: %s is missing (apt-get install iso-codes, or pass --iso-codes DIR)"
                  % os.path.join(args.iso_codes, name), file=sys.stderr)
            return 1
    try:
        organizations = build_organizations(args.shared)
        states = build_states(args.shared, args.iso_codes, args.review)
    except InputError as error:
        print("make_gazetteer: %s" % error, file=sys.stderr)
        return 1
    os.makedirs(args.out, exist_ok=True)
    write_json(os.path.join(args.out, "organizations.json"), organizations)
    write_json(os.path.join(args.out, "states.json"), states)
    print("make_gazetteer: wrote %d organizations and %d states to %s"
          % (len(organizations["organizations"]), len(states["states"]), os.path.normpath(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
