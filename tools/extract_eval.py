#!/usr/bin/env python3
"""Precision and recall of `orgkg extract` on hand-annotated articles.

    tools/extract_eval.py [--bin build/orgkg] [--articles tests/data/articles]

Each ARTICLE.txt has an ARTICLE.expected beside it: a `# published: DATE` line, then one
expected fact per line, `subject relation object status key=date` for memberships
(key: from, until or at) or `subject relation key=date` for events. Extraction runs
against an empty knowledge base, so entity ids are those the extractor proposes.
Prints one line per article and the totals; exits 1 if the totals fall below
--min-precision / --min-recall.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def fact_key(fact):
    if fact["relation"] == "member_of":
        dates = " ".join("%s=%s" % (k, fact[k]) for k in ("from", "until", "at") if k in fact)
        return "%s member_of %s %s %s" % (fact["subject"], fact["object"], fact.get("status", "full"), dates)
    return "%s %s date=%s" % (fact["subject"], fact["relation"], fact["date"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--bin", default=os.path.join(here, "..", "build", "orgkg"))
    parser.add_argument("--articles", default=os.path.join(here, "..", "tests", "data", "articles"))
    parser.add_argument("--min-precision", type=float, default=0.0)
    parser.add_argument("--min-recall", type=float, default=0.0)
    args = parser.parse_args()
    found_total = correct_total = expected_total = 0
    with tempfile.TemporaryDirectory() as empty_kb:
        for name in sorted(os.listdir(args.articles)):
            if not name.endswith(".txt"):
                continue
            stem = os.path.join(args.articles, name[:-4])
            with open(stem + ".expected", encoding="utf-8") as f:
                lines = [line.strip() for line in f if line.strip()]
            published = lines[0].split(":", 1)[1].strip()
            expected = set(lines[1:])
            result = subprocess.run([args.bin, "--kb", empty_kb, "extract", stem + ".txt",
                                     "--source", "article", "--published", published],
                                    capture_output=True, text=True, check=True)
            found = {fact_key(f) for f in json.loads(result.stdout).get("facts", [])
                     if f["relation"] != "based_on"}
            correct = len(found & expected)
            found_total += len(found)
            correct_total += correct
            expected_total += len(expected)
            print("%-24s found %2d, correct %2d, expected %2d%s" % (
                name, len(found), correct, len(expected),
                "".join("\n    wrong: " + x for x in sorted(found - expected)) +
                "".join("\n    missed: " + x for x in sorted(expected - found))))
    precision = correct_total / found_total if found_total else 1.0
    recall = correct_total / expected_total if expected_total else 1.0
    print("precision %.3f (%d/%d), recall %.3f (%d/%d)" % (
        precision, correct_total, found_total, recall, correct_total, expected_total))
    return 0 if precision >= args.min_precision and recall >= args.min_recall else 1


if __name__ == "__main__":
    sys.exit(main())
