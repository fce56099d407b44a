#!/usr/bin/env python3
"""Precision, recall and date accuracy of `orgkg extract` on hand-annotated articles.

    tools/extract_eval.py [--bin build/orgkg] [--articles DIR] [--min-precision P]
                          [--min-recall R] [--min-dates D] [--max-non-facts N] [--verbose]

DIR holds ARTICLE.txt with ARTICLE.json beside it (the format of tools/EXTRACTION.md):
{"published": DATE or null, "title": …, "facts": [{"subject", "relation", "object",
"status", "from"|"until"|"at"|"date"}…], "non_facts": [{"subject", "relation", "object"}…]}.
Entities are named as a reader would ("Russia", "NATO"); a name matches an extracted
entity when it folds to its name, one of its aliases, or its id.

Extraction runs against an empty knowledge base. An extracted fact counts once per date
key it has (a fact from 2006 until 2012 is two claims, as annotations write it). A claim
is correct when an annotated fact has the same subject, relation, object and status; its
date is right when the key and the date are the same too. Prints one line per article and
the totals; exits 1 when a total misses its threshold.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import unicodedata


def fold(name):
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'").replace(".", "").replace("-", " ").replace("_", " ")
    for article in ("the ",):
        if text.startswith(article):
            text = text[len(article):]
    return " ".join(text.split())


def claims_of(fact):
    """The (key, date) claims an extracted fact makes: one per date key, or one undated."""
    if "date" in fact:
        return [("date", fact["date"])]
    keys = [(k, fact[k]) for k in ("from", "until", "at") if k in fact]
    return keys or [(None, None)]


def annotated_key(fact):
    for k in ("date", "from", "until", "at"):
        if k in fact:
            return (k, fact[k])
    return (None, None)


class Names:
    """Which extracted entity ids an annotation's name can stand for."""

    def __init__(self, document):
        self.ids_by_name = {}
        for entity in document.get("entities", []):
            for name in [entity["name"], entity["id"]] + entity.get("aliases", []):
                self.ids_by_name.setdefault(fold(name), set()).add(entity["id"])

    def matches(self, name, entity_id):
        if name is None:
            return entity_id is None
        return entity_id in self.ids_by_name.get(fold(name), set()) or fold(name) == fold(entity_id or "")


def same_fact(names, annotated, extracted):
    if annotated["relation"] != extracted["relation"]:
        return False
    if not names.matches(annotated["subject"], extracted["subject"]):
        return False
    if annotated.get("object") is not None or extracted.get("object") is not None:
        if not names.matches(annotated.get("object"), extracted.get("object")):
            return False
    if annotated["relation"] == "member_of":
        return annotated.get("status", "full") == extracted.get("status", "full")
    return True


def describe(fact, key=None, value=None):
    parts = [fact["subject"], fact["relation"]]
    if fact.get("object"):
        parts.append(fact["object"])
    if fact["relation"] == "member_of":
        parts.append(fact.get("status", "full"))
    if key is None:
        key, value = annotated_key(fact)
    if key:
        parts.append("%s=%s" % (key, value))
    return " ".join(parts)


def evaluate(bin_path, stem, annotation, empty_kb):
    command = [bin_path, "--kb", empty_kb, "extract", stem + ".txt", "--source", "article"]
    if annotation.get("published"):
        command += ["--published", annotation["published"]]
    if annotation.get("title") and not annotation["title"].startswith("["):
        command += ["--title", annotation["title"]]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit("%s: extract failed: %s" % (stem, result.stderr.strip()))
    document = json.loads(result.stdout)
    names = Names(document)
    expected = annotation.get("facts", [])
    non_facts = annotation.get("non_facts", [])
    claims = [(fact, key, value) for fact in document.get("facts", [])
              if fact["relation"] != "based_on" for key, value in claims_of(fact)]
    matched = set()  # annotated facts matched
    correct = 0
    dates_right = 0
    wrong, asserted_non_facts = [], []
    # Exact matches (date included) first, so that a right date is not spent on a wrong one.
    pairs = {}
    for c, (fact, key, value) in enumerate(claims):
        for a, annotated in enumerate(expected):
            if a in matched or not same_fact(names, annotated, fact):
                continue
            if annotated_key(annotated) == (key, value):
                pairs[c] = a
                matched.add(a)
                break
    for c, (fact, key, value) in enumerate(claims):
        if c in pairs:
            correct += 1
            dates_right += 1
            continue
        hit = None
        for a, annotated in enumerate(expected):
            if same_fact(names, annotated, fact):
                hit = a
                if a not in matched:
                    break
        if hit is not None:
            correct += 1
            if hit not in matched:
                matched.add(hit)
                wrong.append("date: %s (annotated %s)" % (describe(fact, key, value),
                                                          describe(expected[hit])))
            continue
        if any(same_fact(names, dict(n, status=fact.get("status", "full")), fact) for n in non_facts):
            asserted_non_facts.append(describe(fact, key, value))
        wrong.append("wrong: " + describe(fact, key, value))
    missed = ["missed: " + describe(expected[a]) for a in range(len(expected)) if a not in matched]
    return {
        "claims": len(claims), "correct": correct, "expected": len(expected),
        "matched": len(matched), "dates_right": dates_right, "non_facts": asserted_non_facts,
        "notes": wrong + missed, "seconds": seconds, "document": document,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--bin", default=os.path.join(here, "..", "build", "orgkg"))
    parser.add_argument("--articles", default=os.path.join(here, "..", "tests", "data", "articles"))
    parser.add_argument("--min-precision", type=float, default=0.0)
    parser.add_argument("--min-recall", type=float, default=0.0)
    parser.add_argument("--min-dates", type=float, default=0.0)
    parser.add_argument("--max-non-facts", type=int, default=None)
    parser.add_argument("--verbose", action="store_true", help="list every wrong and missed fact")
    parser.add_argument("--check-loads", action="store_true",
                        help="also load each output into an empty knowledge base")
    args = parser.parse_args()
    totals = dict(claims=0, correct=0, expected=0, matched=0, dates_right=0, non_facts=0)
    slowest = 0.0
    failed_loads = []
    with tempfile.TemporaryDirectory() as empty_kb:
        for name in sorted(os.listdir(args.articles)):
            if not name.endswith(".txt"):
                continue
            stem = os.path.join(args.articles, name[:-4])
            if not os.path.exists(stem + ".json"):
                raise SystemExit("%s.json: no annotation beside the article" % stem)
            with open(stem + ".json", encoding="utf-8") as f:
                annotation = json.load(f)
            r = evaluate(args.bin, stem, annotation, empty_kb)
            for key in ("claims", "correct", "expected", "matched", "dates_right"):
                totals[key] += r[key]
            totals["non_facts"] += len(r["non_facts"])
            slowest = max(slowest, r["seconds"])
            print("%-12s claims %2d, correct %2d, annotated %2d, found %2d, dates right %2d%s" % (
                name[:-4], r["claims"], r["correct"], r["expected"], r["matched"], r["dates_right"],
                ", NON-FACTS %d" % len(r["non_facts"]) if r["non_facts"] else ""))
            if args.verbose:
                for note in r["notes"]:
                    print("    " + note)
            if args.check_loads:
                with tempfile.TemporaryDirectory() as kb, tempfile.TemporaryDirectory() as out:
                    batch = os.path.join(out, "batch.json")
                    with open(batch, "w", encoding="utf-8") as f:
                        json.dump(r["document"], f)
                    loaded = subprocess.run([args.bin, "--kb", kb, "load", batch],
                                            capture_output=True, text=True)
                    if loaded.returncode != 0:
                        failed_loads.append("%s: %s" % (name, loaded.stderr.strip()))
    precision = totals["correct"] / totals["claims"] if totals["claims"] else 1.0
    recall = totals["matched"] / totals["expected"] if totals["expected"] else 1.0
    dates = totals["dates_right"] / totals["matched"] if totals["matched"] else 1.0
    print("precision %.3f (%d/%d), recall %.3f (%d/%d), dates right %.3f (%d/%d), "
          "non-facts asserted %d, slowest article %.2f s" % (
              precision, totals["correct"], totals["claims"], recall, totals["matched"],
              totals["expected"], dates, totals["dates_right"], totals["matched"],
              totals["non_facts"], slowest))
    for failure in failed_loads:
        print("does not load: " + failure)
    ok = (precision >= args.min_precision and recall >= args.min_recall and dates >= args.min_dates
          and (args.max_non_facts is None or totals["non_facts"] <= args.max_non_facts)
          and not failed_loads)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
