"""End-to-end tests: the built `orgkg` binary on the shipped and on temporary knowledge bases.

Run by ctest with ORGKG_BIN (the binary) and ORGKG_SOURCE_DIR (the source tree) set.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

BIN = os.environ["ORGKG_BIN"]
SOURCE_DIR = os.environ["ORGKG_SOURCE_DIR"]
SHIPPED_KB = os.path.join(SOURCE_DIR, "data")


def run(*args, kb=None, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k not in ("ORGKG_KB", "ORGKG_TODAY")}
    env.update(env_extra or {})
    command = [BIN] + (["--kb", kb] if kb else []) + list(args)
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)


def rows_of(result):
    return json.loads(result.stdout)["rows"]


class TempKb:
    """A copy of the shipped knowledge base (or an empty one) in a temporary directory."""

    def __init__(self, copy_shipped=True):
        self.dir = tempfile.mkdtemp(prefix="orgkg-e2e-")
        if copy_shipped:
            for name in os.listdir(SHIPPED_KB):
                if name.endswith(".json"):
                    shutil.copy(os.path.join(SHIPPED_KB, name), self.dir)

    def write(self, name, text):
        with open(os.path.join(self.dir, name), "w", encoding="utf-8") as f:
            f.write(text)

    def snapshot(self):
        out = {}
        for name in sorted(os.listdir(self.dir)):
            with open(os.path.join(self.dir, name), "rb") as f:
                out[name] = f.read()
        return out

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.dir)


class MembersTest(unittest.TestCase):
    def test_seed_date_six_certain_members_and_uzbekistan_disputed(self):
        result = run("members", "csto", "--at", "2017-04-12", "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        document = json.loads(result.stdout)
        self.assertEqual(document["query"], {"command": "members", "org": "csto",
                                             "at": "2017-04-12", "all": False})
        rows = document["rows"]
        by_state = {}
        for row in rows:
            by_state.setdefault(row["entity"], []).append(row)
        six = ["armenia", "belarus", "kazakhstan", "kyrgyzstan", "russia", "tajikistan"]
        self.assertEqual(sorted(by_state), sorted(six + ["uzbekistan"]))
        for state in six:
            for row in by_state[state]:
                self.assertEqual((row["status"], row["answer"], row["disputed"]),
                                 ("full", "yes", False), row)
            # Curated history and the article both say so.
            self.assertIn("tass-2017-04-12", sum((r["sources"] for r in by_state[state]), []))
        uzbekistan = by_state["uzbekistan"]
        self.assertEqual(len(uzbekistan), 2)
        self.assertTrue(all(row["disputed"] for row in uzbekistan))
        claim = [r for r in uzbekistan if r["at"] == "2017-04-12"]
        curated = [r for r in uzbekistan if r["status"] == "suspended"]
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim[0]["sources"], ["tass-2017-04-12"])
        self.assertEqual(claim[0]["status"], "full")
        self.assertEqual(len(curated), 1)
        self.assertEqual(curated[0]["from"], "2012-06")
        self.assertTrue(curated[0]["sources"])

    def members_at(self, date):
        result = run("members", "CSTO", "--at", date, "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return {(r["entity"], r["status"], r["answer"]) for r in rows_of(result)}

    def test_history_1995_2000_2010(self):
        early = {"armenia", "azerbaijan", "belarus", "georgia", "kazakhstan", "kyrgyzstan",
                 "russia", "tajikistan", "uzbekistan"}
        six = {"armenia", "belarus", "kazakhstan", "kyrgyzstan", "russia", "tajikistan"}
        self.assertEqual(self.members_at("1995"), {(s, "full", "yes") for s in early})
        self.assertEqual(self.members_at("2000"), {(s, "full", "yes") for s in six})
        self.assertEqual(self.members_at("2010"),
                         {(s, "full", "yes") for s in six | {"uzbekistan"}})

    def test_imprecise_question_answers_maybe(self):
        # Azerbaijan's treaty membership ended on 1999-04-20: some day of 1999 it held.
        rows = self.members_at("1999")
        self.assertIn(("azerbaijan", "full", "yes"), rows)
        rows = self.members_at("1999-05")
        self.assertNotIn(("azerbaijan", "full", "yes"), rows)

    def test_table_shows_sources_and_marks_disputes(self):
        result = run("members", "csto", "--at", "2017-04-12")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "Members of Collective Security Treaty Organization (csto) "
                                   "at 2017-04-12")
        self.assertTrue(lines[1].startswith("MEMBER"))
        uzbek = [line for line in lines if line.startswith("Uzbekistan")]
        self.assertEqual(len(uzbek), 2)
        self.assertTrue(all("yes*" in line for line in uzbek))
        self.assertTrue(any("TASS 2017-04-12" in line for line in uzbek))
        self.assertIn("* disputed", lines[-1])
        self.assertTrue(all(len(line) <= 80 for line in lines), lines)

    def test_csv_has_one_header_and_the_json_columns(self):
        result = run("members", "csto", "--at", "2000", "--format", "csv")
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        self.assertEqual(len(rows), 6)
        self.assertEqual(rows[0]["entity"], "armenia")
        self.assertEqual(rows[0]["answer"], "yes")

    def test_status_filter(self):
        result = run("members", "csto", "--at", "2025", "--status", "suspended", "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual({r["entity"] for r in rows_of(result)}, {"armenia", "uzbekistan"})

    def test_empty_answer_is_success(self):
        result = run("members", "csto", "--at", "1980")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("No member of Collective Security Treaty Organization is known at 1980.",
                      result.stdout)
        result = run("members", "csto", "--at", "1980", "--format", "json")
        self.assertEqual(rows_of(result), [])

    def test_without_a_date_answers_for_today(self):
        result = run("members", "csto", "--format", "json", env_extra={"ORGKG_TODAY": "2010-01-01"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["query"]["at"], "2010-01-01")
        result = run("members", "csto", "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(json.loads(result.stdout)["query"]["at"], r"^\d{4}-\d{2}-\d{2}$")


class MembershipsTest(unittest.TestCase):
    def test_uzbekistan_all_intervals_with_statuses_and_sources(self):
        result = run("memberships", "uzbekistan", "--all", "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        document = json.loads(result.stdout)
        self.assertTrue(document["query"]["all"])
        self.assertEqual(sorted({r["organization"] for r in document["rows"]}), ["cis", "csto", "eaeu"])
        rows = [r for r in document["rows"] if r["organization"] == "csto"]
        self.assertEqual([(r["status"], r["from"], r["until"], r["at"]) for r in rows], [
            ("full", "1992-05-15", "1999-04-20", None),
            ("full", "2006-08-16", "2012-06", None),
            ("suspended", "2012-06", None, None),
            ("full", None, None, "2017-04-12"),
        ])
        for row in rows:
            self.assertEqual(row["organization"], "csto")
            self.assertIsNone(row["answer"])
            self.assertTrue(row["sources"], row)
            for citation in row["citations"]:
                self.assertTrue(citation["publisher"], citation)

    def test_names_resolve_through_aliases_in_any_case_and_script(self):
        for name in ("Russia", "russia", "RUSSIAN FEDERATION", "Россия"):
            result = run("memberships", name, "--at", "2010", "--format", "json")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(json.loads(result.stdout)["query"]["entity"], "russia")
        result = run("members", "одкб", "--at", "2010", "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)


class InfoTest(unittest.TestCase):
    def test_info_lists_names_codes_events_and_relations(self):
        result = run("info", "csto", "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        document = json.loads(result.stdout)
        self.assertEqual(document["entity"]["name"], "Collective Security Treaty Organization")
        self.assertIn("CSTO", document["entity"]["aliases"])
        relations = [(r["relation"], r["date"], r["object"]) for r in document["rows"]]
        self.assertIn(("established", "2002", None), relations)
        self.assertIn(("established", "2002-10-07", None), relations)
        self.assertIn(("based_on", None, "cst"), relations)
        self.assertEqual(document["counts"]["members"], 9)

    def test_info_of_a_state_at_a_date(self):
        result = run("info", "armenia", "--at", "2025", "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        document = json.loads(result.stdout)
        self.assertEqual(document["entity"]["codes"], {"iso3166": "AM", "cow": 371})
        statuses = {(r["relation"], r["status"]) for r in document["rows"] if r["object"] == "csto"}
        self.assertIn(("member_of", "suspended"), statuses)
        self.assertNotIn(("member_of", "full"), statuses)

    def test_info_table(self):
        result = run("info", "cst")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stdout.startswith("Collective Security Treaty (cst)\n  kind:     treaty"))
        self.assertIn("signed", result.stdout)


class UsageTest(unittest.TestCase):
    def assert_one_line_error(self, result, code, text):
        self.assertEqual(result.returncode, code, result.stderr)
        self.assertEqual(result.stdout, "")
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn(text, lines[0])

    def test_unknown_name_suggests(self):
        result = run("members", "Kyrgystan")
        self.assert_one_line_error(result, 2, "unknown entity 'Kyrgystan' — did you mean 'Kyrgyzstan'?")
        result = run("memberships", "CTSO")
        self.assert_one_line_error(result, 2, "did you mean 'Collective Security Treaty Organization'?")

    def test_bad_dates_and_options(self):
        self.assert_one_line_error(run("members", "csto", "--at", "2002-02-30"), 2,
                                   "--at: invalid date '2002-02-30': day must be 01 to 28 in 2002-02")
        self.assert_one_line_error(run("members", "csto", "--at", "2017", "--all"), 2, "excludes")
        self.assert_one_line_error(run("members", "csto", "--format", "xml"), 2, "--format")
        self.assert_one_line_error(run("members", "csto", "--status", "ful"), 2,
                                   "unknown membership status 'ful'")
        self.assert_one_line_error(run("members"), 2, "ORG is required")
        self.assert_one_line_error(run("frobnicate"), 2, "unknown command 'frobnicate'")
        self.assert_one_line_error(run("--kb", SHIPPED_KB, "member", "csto"), 2,
                                   "unknown command 'member'; did you mean 'members'?")
        self.assert_one_line_error(run(), 2, "subcommand")

    def test_every_command_has_help(self):
        for command in ([], ["members"], ["memberships"], ["history"], ["info"], ["timeline"],
                        ["common"], ["shared"], ["path"], ["search"], ["stats"]):
            result = run(*command, "--help")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("Usage:", result.stdout)

    def test_missing_knowledge_base_is_an_environment_failure(self):
        result = run("members", "csto", kb="/nonexistent/orgkg")
        self.assert_one_line_error(result, 1, "/nonexistent/orgkg: not a knowledge base directory")

    def test_orgkg_kb_names_the_knowledge_base(self):
        with TempKb(copy_shipped=False) as kb:
            kb.write("one.json", '{"orgkg": 1, "entities": [{"id": "o", "kind": "organization", '
                                 '"name": "Only Org"}]}')
            result = run("members", "o", "--at", "2000", env_extra={"ORGKG_KB": kb.dir})
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("Only Org", result.stdout)
            self.assertNotEqual(run("members", "csto", env_extra={"ORGKG_KB": kb.dir}).returncode, 0)


SMALL_KB = os.path.join(SOURCE_DIR, "tests", "data", "kb-small")


class MoreQueriesTest(unittest.TestCase):
    """history, timeline, common, shared, path, search and stats, end to end."""

    def json_of(self, *args, kb=None):
        result = run(*args, "--format", "json", kb=kb)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_history_with_quotes(self):
        document = self.json_of("history", "uzbekistan", "csto")
        self.assertEqual(document["query"]["command"], "history")
        self.assertEqual(document["query"]["org"], "csto")
        rows = document["rows"]
        self.assertEqual([r["status"] for r in rows], ["full", "full", "suspended", "full"])
        self.assertTrue(all(c["quote"] for r in rows for c in r["citations"]))
        table = run("history", "uzbekistan").stdout
        self.assertIn("“sent to the CSTO Secretariat on June 20” — The Moscow Times 2012-06-28",
                      table)

    def test_timeline_derives_changes(self):
        rows = self.json_of("timeline", "csto")["rows"]
        events = [(r["date"], r["event"], r["entity"], r["from_status"], r["status"]) for r in rows]
        self.assertIn(("2012-06", "status_changed", "uzbekistan", "full", "suspended"), events)
        self.assertIn(("1999-04-20", "left", "georgia", None, "full"), events)
        self.assertIn(("1992-05-15", "signed", "cst", None, None), events)
        self.assertEqual([r["date"] for r in rows][:2], ["1992", "1992-05-15"])
        table = run("timeline", "csto").stdout
        self.assertIn("Uzbekistan: full → suspended", table)

    def test_common_and_shared(self):
        document = self.json_of("common", "npact", "spact", "--at", "2007-05-01", kb=SMALL_KB)
        self.assertEqual([(r["entity"], r["answer"], r["disputed"]) for r in document["rows"]],
                         [("sudria", "yes", True), ("westmark", "yes", False)])
        self.assertEqual(document["query"]["orgs"], ["npact", "spact"])
        document = self.json_of("shared", "westmark", "sudria", "--at", "2007-05-01", kb=SMALL_KB)
        self.assertEqual([r["organization"] for r in document["rows"]], ["npact", "spact"])
        self.assertEqual(document["count"], 2)
        count = run("shared", "westmark", "sudria", "--at", "2010", "--count", kb=SMALL_KB)
        self.assertEqual((count.returncode, count.stdout), (0, "1\n"))
        count = run("shared", "russia", "armenia", "--at", "2010", "--count")
        self.assertEqual(count.stdout, "2\n")  # the CSTO and the CIS
        count = run("shared", "russia", "armenia", "--at", "2016", "--count")
        self.assertEqual(count.stdout, "3\n")  # and the EAEU
        count = run("shared", "russia", "georgia", "--at", "2005", "--count")
        self.assertEqual(count.stdout, "0\n")
        csv_count = run("shared", "westmark", "sudria", "--at", "2016", "--count", "--format", "csv",
                        kb=SMALL_KB)
        self.assertEqual(csv_count.stdout, "count,maybe\n0,1\n")

    def test_path(self):
        document = self.json_of("path", "ostland", "sudria", "--at", "2006", kb=SMALL_KB)
        self.assertTrue(document["connected"])
        self.assertEqual([(r["from"], r["relation"], r["to"], r["direction"]) for r in document["rows"]],
                         [("ostland", "member_of", "npact", "forward"),
                          ("npact", "member_of", "sudria", "backward")])
        table = run("path", "ostland", "sudria", "--at", "2006", kb=SMALL_KB).stdout
        self.assertIn("Ostland —member_of→ Northern Pact ←member_of— Südria", table)
        none = run("path", "sudria", "nordia", "--at", "1990", kb=SMALL_KB)
        self.assertEqual(none.returncode, 0)
        self.assertIn("No chain of facts links Südria and Nordia at 1990.", none.stdout)

    def test_search(self):
        rows = self.json_of("search", "kirgistan")["rows"]
        self.assertEqual(rows[0]["id"], "kyrgyzstan")
        self.assertEqual(rows[0]["kind"], "state")
        rows = self.json_of("search", "ОДКБ")["rows"]
        self.assertEqual((rows[0]["id"], rows[0]["matched"]), ("csto", "ОДКБ"))
        rows = self.json_of("search", "republic", "--limit", "2")["rows"]
        self.assertEqual(len(rows), 2)
        empty = run("search", "zzzzzz")
        self.assertEqual(empty.returncode, 0)
        self.assertIn("No entity matches 'zzzzzz'.", empty.stdout)

    def test_stats(self):
        document = self.json_of("stats")
        counts = {(r["category"], r["key"]): r["count"] for r in document["rows"]}
        self.assertEqual(counts[("entity kind", "state")], 13)
        self.assertEqual(counts[("entity kind", "organization")], 3)
        self.assertEqual(counts[("total", "entities")], 18)
        self.assertEqual(counts[("membership status", "suspended")], 2)
        self.assertEqual(counts[("membership status", "observer")], 3)
        self.assertEqual(document["dates"], {"earliest": "1991-12-08", "latest": "2024-02"})
        rows = list(csv.DictReader(io.StringIO(run("stats", "--format", "csv").stdout)))
        self.assertEqual(rows[0], {"category": "total", "key": "entities", "count": "18"})

    def test_every_query_has_json_and_csv(self):
        commands = [["members", "csto"], ["memberships", "russia"], ["history", "armenia"],
                    ["info", "cst"], ["timeline", "csto"], ["common", "csto", "csto"],
                    ["shared", "russia", "belarus"], ["path", "russia", "belarus"],
                    ["search", "bel"], ["stats"]]
        for command in commands:
            with self.subTest(command=command):
                result = run(*command, "--format", "json", env_extra={"ORGKG_TODAY": "2017-04-12"})
                self.assertEqual(result.returncode, 0, result.stderr)
                document = json.loads(result.stdout)
                self.assertEqual(document["query"]["command"], command[0])
                self.assertIsInstance(document["rows"], list)
                result = run(*command, "--format", "csv", env_extra={"ORGKG_TODAY": "2017-04-12"})
                self.assertEqual(result.returncode, 0, result.stderr)
                header = result.stdout.splitlines()[0]
                self.assertNotIn(" ", header)
                result = run(*command, env_extra={"ORGKG_TODAY": "2017-04-12"})
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertTrue(all(len(line) <= 80 for line in result.stdout.splitlines()),
                                result.stdout)

    def test_unknown_names_in_every_command(self):
        for command in (["history", "Uzbekistn"], ["timeline", "CTSO"],
                        ["common", "csto", "NATO"], ["shared", "russia", "Belaruss"],
                        ["path", "Georgia", "Armenai"]):
            with self.subTest(command=command):
                result = run(*command)
                self.assertEqual(result.returncode, 2)
                self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
                self.assertIn("unknown entity", result.stderr)
        self.assertEqual(run("common", "csto").returncode, 2)  # needs two organizations


# Malformed documents, each with the one error line it must produce (after the file name).
MALFORMED = [
    ('{"orgkg": 1,', ":1:13: syntax error: missing a name for object member"),
    ('{"orgkg": 1, "entities": [{"id": "x", "kind": "state", "name": "X"},]}',
     ":1:69: /entities: syntax error: invalid value"),
    ('{"orgkg": 2}', ":1:11: /orgkg: unsupported format version 2"),
    ('{"facts": []}', ":1:1: missing required key 'orgkg'"),
    ('{"orgkg": 1, "entities": [{"id": "x", "kind": "nation", "name": "X"}]}',
     ":1:47: /entities/0/kind: unknown entity kind 'nation'"),
    ('{"orgkg": 1, "entities": [{"id": "x", "kind": "state", "name": "X", "alias": ["Y"]}]}',
     ":1:69: /entities/0/alias: unknown key 'alias'; did you mean 'aliases'?"),
    ('{"orgkg": 1, "facts": [{"subject": "armenia", "relation": "member", "object": "csto"}]}',
     ":1:59: /facts/0/relation: unknown relation 'member'; did you mean 'member_of'?"),
    ('{"orgkg": 1, "facts": [{"subject": "armenia", "relation": "member_of", "object": "csto", '
     '"from": "2002-02-30"}]}', ":1:98: /facts/0/from: invalid date '2002-02-30'"),
    ('{"orgkg": 1, "facts": [{"subject": "armenia", "relation": "member_of", "object": "csto", '
     '"from": "2002", "until": "1999"}]}', ":1:115: /facts/0/until: 'until' 1999 precedes 'from' 2002"),
    ('{"orgkg": 1, "facts": [{"subject": "armenia", "relation": "member_of", "object": "ctso"}]}',
     ":1:82: /facts/0/object: unknown entity 'ctso'; did you mean 'csto'?"),
    ('{"orgkg": 1, "facts": [{"subject": "armenia", "relation": "member_of", "object": "csto", '
     '"sources": [{"source": "tass-2099"}]}]}', ":1:113: /facts/0/sources/0/source: unknown source 'tass-2099'"),
    ('{"orgkg": 1, "entities": [{"id": "csto", "kind": "treaty", "name": "CSTO"}]}',
     ":1:34: /entities/0/id: entity 'csto' is already defined differently"),
    ('{"orgkg": 1, "entities": [{"id": "odkb", "kind": "organization", "name": "ОДКБ"}]}',
     ":1:27: /entities/0: 'ОДКБ' already names entity 'csto'"),
]


class MalformedDocumentsTest(unittest.TestCase):
    def test_each_malformed_document_is_rejected_with_its_location(self):
        for text, expected in MALFORMED:
            with self.subTest(text=text), TempKb() as kb:
                kb.write("zz-new.json", text)
                before = kb.snapshot()
                result = run("members", "csto", "--at", "2017", kb=kb.dir)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertEqual(result.stdout, "")
                lines = result.stderr.splitlines()
                self.assertEqual(len(lines), 1, result.stderr)
                path = os.path.join(kb.dir, "zz-new.json")
                self.assertTrue(lines[0].startswith(path + ":"), lines[0])
                self.assertIn(expected, lines[0][len(path):])
                self.assertEqual(kb.snapshot(), before)  # nothing on disk changed

    def test_many_errors_are_capped_at_twenty_lines(self):
        with TempKb() as kb:
            facts = ",".join('{"subject": "nobody%d", "relation": "member_of", "object": "csto"}' % i
                             for i in range(30))
            kb.write("zz-many.json", '{"orgkg": 1, "facts": [%s]}' % facts)
            result = run("members", "csto", kb=kb.dir)
            self.assertEqual(result.returncode, 2)
            lines = result.stderr.splitlines()
            self.assertEqual(len(lines), 21)
            self.assertIn("and 10 more errors", lines[-1])


if __name__ == "__main__":
    unittest.main()


class LoadTest(unittest.TestCase):
    """`load`: validation against the knowledge base, merge, contradictions, durability."""

    def test_each_malformed_batch_is_refused_and_changes_nothing(self):
        for text, expected in MALFORMED:
            with self.subTest(text=text), TempKb() as kb, tempfile.TemporaryDirectory() as out:
                batch = os.path.join(out, "batch.json")
                with open(batch, "w", encoding="utf-8") as f:
                    f.write(text)
                before = kb.snapshot()
                result = run("load", batch, kb=kb.dir)
                self.assertEqual(result.returncode, 2, result.stderr)
                lines = result.stderr.splitlines()
                self.assertEqual(len(lines), 1, result.stderr)
                self.assertTrue(lines[0].startswith(batch + ":"), lines[0])
                self.assertIn(expected, lines[0][len(batch):])
                self.assertEqual(kb.snapshot(), before)

    def write_batch(self, directory, name, text):
        path = os.path.join(directory, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_summary_as_json_and_the_knowledge_base_after(self):
        with TempKb() as kb, tempfile.TemporaryDirectory() as out:
            batch = self.write_batch(out, "serbia.json", json.dumps({
                "orgkg": 1,
                "sources": [{"id": "wire-2013", "title": "Observer status", "publisher": "Test Wire",
                             "published": "2013-04-12"}],
                "entities": [{"id": "serbia", "kind": "state", "name": "Serbia",
                              "aliases": ["Сербия"], "codes": {"iso3166": "RS"}}],
                "facts": [
                    {"subject": "serbia", "relation": "member_of", "object": "csto",
                     "status": "observer", "from": "2013-04",
                     "sources": [{"source": "wire-2013", "quote": "granted observer status"}]},
                    {"subject": "russia", "relation": "member_of", "object": "csto",
                     "status": "full", "at": "2017-04-12",
                     "sources": [{"source": "wire-2013", "quote": "Russia, a member"}]}]},
                ensure_ascii=False))
            result = run("load", batch, "--format", "json", kb=kb.dir)
            self.assertEqual(result.returncode, 0, result.stderr)
            summary = json.loads(result.stdout)
            self.assertEqual(summary["query"]["command"], "load")
            self.assertEqual(summary["added"], {"sources": 1, "entities": 1, "facts": 1})
            self.assertEqual(summary["merged"], {"facts": 1})
            self.assertEqual(summary["contradictions"], 0)
            self.assertTrue(summary["written"].endswith("load-000001-serbia.json"))
            members = rows_of(run("members", "csto", "--at", "2017-04-12", "--format", "json", kb=kb.dir))
            serbia = [r for r in members if r["entity"] == "serbia"]
            self.assertEqual([(r["status"], r["answer"]) for r in serbia], [("observer", "yes")])
            russia_claim = [r for r in members if r["entity"] == "russia" and r["at"]]
            self.assertEqual(sorted(russia_claim[0]["sources"]), ["tass-2017-04-12", "wire-2013"])
            # Loading it again: nothing new, nothing written.
            again = json.loads(run("load", batch, "--format", "json", kb=kb.dir).stdout)
            self.assertIsNone(again["written"])
            self.assertEqual(again["added"], {"sources": 0, "entities": 0, "facts": 0})

    def test_contradictions_warn_or_refuse(self):
        contradicting = json.dumps({"orgkg": 1, "facts": [
            {"subject": "georgia", "relation": "member_of", "object": "csto", "at": "2005-06-01"}]})
        with TempKb() as kb, tempfile.TemporaryDirectory() as out:
            batch = self.write_batch(out, "claim.json", contradicting)
            before = kb.snapshot()
            strict = run("load", batch, "--strict", kb=kb.dir)
            self.assertEqual(strict.returncode, 2)
            self.assertIn("Refused (--strict)", strict.stdout)
            self.assertIn("outside every recorded interval", strict.stdout.replace("\n     ", ""))
            self.assertEqual(kb.snapshot(), before)
            dry = run("load", batch, "--dry-run", "--format", "json", kb=kb.dir)
            self.assertEqual(dry.returncode, 0)
            self.assertEqual(json.loads(dry.stdout)["contradictions"], 1)
            self.assertEqual(kb.snapshot(), before)
            loaded = run("load", batch, kb=kb.dir)
            self.assertEqual(loaded.returncode, 0)
            self.assertIn("Warning: 1 contradiction", loaded.stdout)
            check = run("check", "--format", "json", kb=kb.dir)
            self.assertEqual(check.returncode, 0)
            kinds = sorted(r["kind"] for r in json.loads(check.stdout)["rows"])
            self.assertEqual(kinds, ["claim_against_history", "claim_against_history"])
            self.assertEqual(run("check", "--strict", kb=kb.dir).returncode, 2)

    def test_check_reports_the_seed_claim_against_the_curated_history(self):
        result = run("check", "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        document = json.loads(result.stdout)
        self.assertTrue(document["valid"])
        self.assertEqual(len(document["rows"]), 1)
        row = document["rows"][0]
        self.assertEqual(row["kind"], "claim_against_history")
        sides = {(f["status"], f["at"], f["from"]) for f in row["facts"]}
        self.assertEqual(sides, {("full", "2017-04-12", None), ("suspended", None, "2012-06")})
        self.assertTrue(all(f["citations"] for f in row["facts"]))

    def test_check_of_an_invalid_knowledge_base_fails(self):
        with TempKb() as kb:
            kb.write("zz.json", '{"orgkg": 1, "facts": [{"subject": "nobody", "relation": "member_of", "object": "csto"}]}')
            result = run("check", kb=kb.dir)
            self.assertEqual(result.returncode, 2)
            self.assertIn("unknown entity 'nobody'", result.stderr)

    def test_concurrent_loads_all_land(self):
        with TempKb() as kb, tempfile.TemporaryDirectory() as out:
            batches = []
            for i in range(8):
                batches.append(self.write_batch(out, "state%d.json" % i, json.dumps({
                    "orgkg": 1,
                    "entities": [{"id": "state-%d" % i, "kind": "state", "name": "State %d" % i}],
                    "facts": [{"subject": "state-%d" % i, "relation": "member_of", "object": "csto",
                               "status": "observer", "from": "2020"}]})))
            env = {k: v for k, v in os.environ.items() if k not in ("ORGKG_KB", "ORGKG_TODAY")}
            processes = [subprocess.Popen([BIN, "--kb", kb.dir, "load", b], stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, env=env) for b in batches]
            for process in processes:
                _, err = process.communicate(timeout=60)
                self.assertEqual(process.returncode, 0, err)
            rows = rows_of(run("members", "csto", "--at", "2021", "--status", "observer",
                               "--format", "json", kb=kb.dir))
            self.assertEqual(sorted(r["entity"] for r in rows), sorted("state-%d" % i for i in range(8)))
            stored = sorted(name for name in os.listdir(kb.dir) if name.startswith("load-"))
            self.assertEqual([name[:11] for name in stored], ["load-%06d" % i for i in range(1, 9)])

    def test_a_load_killed_at_any_moment_leaves_the_old_or_the_new_knowledge_base(self):
        import signal
        import time
        facts = 20000
        with TempKb() as kb, tempfile.TemporaryDirectory() as out:
            entities = [{"id": "big-%d" % i, "kind": "state", "name": "Big %d" % i} for i in range(facts)]
            memberships = [{"subject": "big-%d" % i, "relation": "member_of", "object": "csto",
                            "status": "observer", "from": "2020"} for i in range(facts)]
            batch = self.write_batch(out, "big.json", json.dumps(
                {"orgkg": 1, "entities": entities, "facts": memberships}))
            base = json.loads(run("stats", "--format", "json", kb=kb.dir).stdout)
            total = {r["key"]: r["count"] for r in base["rows"] if r["category"] == "total"}
            started = time.monotonic()
            self.assertEqual(run("load", batch, "--dry-run", kb=kb.dir).returncode, 0)
            duration = time.monotonic() - started
            env = {k: v for k, v in os.environ.items() if k not in ("ORGKG_KB", "ORGKG_TODAY")}
            outcomes = set()  # whether each kill left the old knowledge base
            for attempt in range(12):
                process = subprocess.Popen([BIN, "--kb", kb.dir, "load", batch],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
                time.sleep(duration * 1.3 * attempt / 11)
                process.send_signal(signal.SIGKILL)
                process.wait()
                stats = run("stats", "--format", "json", kb=kb.dir)
                self.assertEqual(stats.returncode, 0, stats.stderr)
                now = {r["key"]: r["count"] for r in json.loads(stats.stdout)["rows"]
                       if r["category"] == "total"}
                self.assertIn(now["facts"], (total["facts"], total["facts"] + facts))
                self.assertEqual(now["entities"] - total["entities"], now["facts"] - total["facts"])
                outcomes.add(now["facts"] == total["facts"])
                stored = [n for n in os.listdir(kb.dir) if n.startswith("load-")]
                self.assertLessEqual(len(stored), 1)
                if stored:
                    break  # the load completed: the knowledge base is the new one
            self.assertIn(True, outcomes)  # the first kill, at once, always leaves the old one
            self.assertEqual(run("check", kb=kb.dir).returncode, 0)


class RenderTest(unittest.TestCase):
    """`render` end to end, and the committed diagrams in graphs/."""

    def test_committed_graphs_are_up_to_date(self):
        with tempfile.TemporaryDirectory() as out:
            result = subprocess.run(["bash", os.path.join(SOURCE_DIR, "tools", "render_graphs.sh"),
                                     BIN, out], capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, 0, result.stderr)
            committed = sorted(os.listdir(os.path.join(SOURCE_DIR, "graphs")))
            self.assertEqual(committed, sorted(os.listdir(out)))
            for name in committed:
                with open(os.path.join(SOURCE_DIR, "graphs", name), "rb") as a, \
                        open(os.path.join(out, name), "rb") as b:
                    self.assertEqual(a.read(), b.read(),
                                     "graphs/%s is out of date: run tools/render_graphs.sh" % name)

    def test_formats_follow_the_extension_and_files_are_valid(self):
        import xml.dom.minidom
        with tempfile.TemporaryDirectory() as out:
            for extension, magic in (("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF"),
                                     ("dot", b"digraph")):
                path = os.path.join(out, "csto." + extension)
                result = run("render", "csto", "--at", "2017-04-12", "-o", path)
                self.assertEqual((result.returncode, result.stdout), (0, ""), result.stderr)
                with open(path, "rb") as f:
                    self.assertTrue(f.read().startswith(magic), extension)
            xml.dom.minidom.parse(os.path.join(out, "csto.svg"))
            dot = run("render", "csto", "cis", "--at", "2010")
            self.assertTrue(dot.stdout.startswith("digraph orgkg {"))
            canon = subprocess.run(["dot", "-Tcanon"], input=dot.stdout, capture_output=True,
                                   text=True, timeout=60)
            self.assertEqual(canon.returncode, 0, canon.stderr)

    def test_nasty_labels_stay_well_formed(self):
        import xml.dom.minidom
        with TempKb(copy_shipped=False) as kb, tempfile.TemporaryDirectory() as out:
            kb.write("kb.json", json.dumps({"orgkg": 1, "entities": [
                {"id": "o", "kind": "organization", "name": 'The "Pact" {of} <A&B> \\ Союз 🕊 ]]>'},
                {"id": "s", "kind": "state", "name": 'Земля \\n "x" <b>&amp;</b> 🌍 \';'}],
                "facts": [{"subject": "s", "relation": "member_of", "object": "o", "from": "2001"}]},
                ensure_ascii=False))
            svg = os.path.join(out, "n.svg")
            self.assertEqual(run("render", "o", "--at", "2005", "-o", svg, kb=kb.dir).returncode, 0)
            texts = [node.firstChild.data for node in xml.dom.minidom.parse(svg).getElementsByTagName("text")
                     if node.firstChild is not None]
            self.assertIn('The "Pact" {of} <A&B> \\ Союз 🕊 ]]>', texts)
            self.assertIn('Земля \\n "x" <b>&amp;</b> 🌍 \';', texts)
            dot = run("render", "o", "--at", "2005", kb=kb.dir)
            canon = subprocess.run(["dot", "-Tcanon"], input=dot.stdout, capture_output=True,
                                   text=True, timeout=60)
            self.assertEqual(canon.returncode, 0, canon.stderr)
            self.assertEqual(dot.stdout, run("render", "o", "--at", "2005", kb=kb.dir).stdout)

    def test_errors_are_one_line_with_exit_2(self):
        def one_line(result, text):
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
            self.assertIn(text, result.stderr)
        one_line(run("render", "CTSO"), "unknown entity 'CTSO'")
        one_line(run("render", "russia"), "'russia' is a state, not an organization")
        one_line(run("render", "csto", "-o", "/nonexistent/dir/x.svg"), "/nonexistent/dir/x.svg: cannot write")
        one_line(run("render", "csto", "-o", "/tmp/x.jpeg"), "unknown diagram format '.jpeg'")
        one_line(run("render", "csto", "--format", "gif"), "--format")
        one_line(run("render", "csto", "--layout", "sfdp"), "--layout")


SEED = os.path.join(SOURCE_DIR, "..", "shared", "seed", "000_b2a763e40a238bef.txt")


class ExtractTest(unittest.TestCase):
    """`extract`: articles to facts that load without edits."""

    def extract(self, path, published, kb=None):
        result = run("extract", path, "--source", "article-1", "--published", published,
                     "--publisher", "Test", kb=kb)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    @unittest.skipUnless(os.path.exists(SEED), "../shared/seed is not beside the clone")
    def test_the_seed_article(self):
        document = json.loads(self.extract(SEED, "2017-04-12"))
        facts = {(f["subject"], f["relation"], f.get("object"), f.get("date"), f.get("at"))
                 for f in document["facts"]}
        members = {"armenia", "belarus", "kazakhstan", "kyrgyzstan", "russia", "uzbekistan", "tajikistan"}
        self.assertEqual({f[0] for f in facts if f[1] == "member_of"}, members)
        self.assertTrue(all(f[2] == "csto" and f[4] == "2017-04-12" for f in facts if f[1] == "member_of"))
        self.assertIn(("cst", "signed", None, "1992", None), facts)
        self.assertIn(("csto", "established", None, "2002", None), facts)
        with open(SEED, "rb") as f:
            seed = f.read()
        for fact in document["facts"]:
            for citation in fact["sources"]:
                start, end = citation["offset"]
                self.assertEqual(seed[start:end].decode("utf-8"), citation["quote"])

    @unittest.skipUnless(os.path.exists(SEED), "../shared/seed is not beside the clone")
    def test_the_seed_against_an_empty_knowledge_base_proposes_entities(self):
        with TempKb(copy_shipped=False) as kb:
            document = json.loads(self.extract(SEED, "2017-04-12", kb=kb.dir))
            kinds = {e["id"]: e["kind"] for e in document["entities"]}
            self.assertEqual(kinds.get("csto"), "organization")
            self.assertEqual(kinds.get("cst"), "treaty")  # the gazetteer's id, as DESIGN.md
            self.assertEqual(kinds.get("russia"), "state")

    def test_output_loads_without_edits(self):
        articles = os.path.join(SOURCE_DIR, "tests", "data", "articles")
        for name in sorted(os.listdir(articles)):
            if not name.endswith(".txt"):
                continue
            with self.subTest(article=name), TempKb() as kb, tempfile.TemporaryDirectory() as out:
                batch = os.path.join(out, "extracted.json")
                with open(batch, "w", encoding="utf-8") as f:
                    f.write(self.extract(os.path.join(articles, name), "2021-05-12", kb=kb.dir))
                loaded = run("load", batch, kb=kb.dir)
                self.assertEqual(loaded.returncode, 0, loaded.stderr + loaded.stdout)

    def test_precision_and_recall_on_our_own_articles(self):
        result = subprocess.run([sys.executable, os.path.join(SOURCE_DIR, "tools", "extract_eval.py"),
                                 "--bin", BIN, "--min-precision", "1.0", "--min-recall", "1.0"],
                                capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_explain_names_the_sentence_and_the_rule_of_each_fact(self):
        article = os.path.join(SOURCE_DIR, "tests", "data", "articles", "wire-nda.txt")
        result = run("extract", article, "--source", "a", "--published", "2025-03-03", "--explain")
        self.assertEqual(result.returncode, 0, result.stderr)
        facts = json.loads(result.stdout)["facts"]
        self.assertEqual(result.stderr.count("\nfact ") + result.stderr.startswith("fact "), len(facts))
        self.assertIn("  rule: join", result.stderr)
        self.assertIn("  sentence: Sweden became a member of the NDA in March 2024", result.stderr)
        self.assertIn("'4 April 2023' -> 2023-04-04", result.stderr)

    def test_the_publication_date_stated_in_the_text_is_used(self):
        with tempfile.TemporaryDirectory() as out:
            article = os.path.join(out, "a.txt")
            with open(article, "w", encoding="utf-8") as f:
                f.write("Finland joins the alliance\nPublished: 6 April 2023\n\n"
                        "Finland joined NATO on Tuesday, ending decades of non-alignment.\n")
            result = run("extract", article, "--source", "a")
            self.assertEqual(result.returncode, 0, result.stderr)
            document = json.loads(result.stdout)
            self.assertEqual(document["sources"][0]["published"], "2023-04-06")
            self.assertEqual([(f["subject"], f["object"], f.get("from")) for f in document["facts"]],
                             [("finland", "nato", "2023-04-04")])
            self.assertIn("publication date 2023-04-06 read from the text", result.stderr)

    def test_text_with_no_english_gives_an_empty_document_and_says_why(self):
        with tempfile.TemporaryDirectory() as out:
            article = os.path.join(out, "a.txt")
            with open(article, "w", encoding="utf-8") as f:
                f.write("Финляндия вступила в НАТО 4 апреля 2023 года.\n")
            result = run("extract", article, "--source", "a", "--published", "2023-04-06")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertNotIn("facts", json.loads(result.stdout))
            self.assertEqual(len(result.stderr.splitlines()), 1)
            self.assertIn("no English sentences", result.stderr)

    def test_errors(self):
        result = run("extract", "/nonexistent.txt", "--source", "a")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stderr.splitlines()), 1)
        result = run("extract", SEED, "--source", "Bad Id")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--source: invalid id", result.stderr)
        self.assertEqual(run("extract", SEED).returncode, 2)  # --source is required


COW = os.path.join(SOURCE_DIR, "..", "shared", "data", "cow-igo-v3")


@unittest.skipUnless(os.path.isdir(COW), "../shared/data/cow-igo-v3 is not beside the clone")
class CowImportTest(unittest.TestCase):
    """The real Correlates of War tables, imported, loaded and asked, against the raw cells."""

    @classmethod
    def setUpClass(cls):
        import gzip
        cls.kb = tempfile.mkdtemp(prefix="orgkg-cow-")
        document = os.path.join(cls.kb, "..", os.path.basename(cls.kb) + "-cow.json")
        result = run("import", "cow", os.path.join(COW, "state_year_formatv3.csv.gz"), "-o", document,
                     kb=cls.kb)
        assert result.returncode == 0, result.stderr
        assert run("load", document, kb=cls.kb).returncode == 0
        with open(document, encoding="utf-8") as f:
            imported = json.load(f)
        cls.state_id = {e["codes"]["cow"]: e["id"] for e in imported["entities"] if e["kind"] == "state"}
        cls.org_id = {e["codes"]["cow"].lower(): e["id"] for e in imported["entities"]
                      if e["kind"] == "organization"}
        with gzip.open(os.path.join(COW, "state_year_formatv3.csv.gz"), "rt", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        cls.header = rows[0]
        cls.cells = {(int(r[0]), int(r[1])): r for r in rows[1:]}
        os.remove(document)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.kb)

    def joint_full(self, a, b, year):
        ra, rb = self.cells.get((a, year)), self.cells.get((b, year))
        if ra is None or rb is None:
            return 0
        return sum(1 for j in range(3, len(self.header)) if ra[j] == "1" and rb[j] == "1")

    def test_joint_full_memberships_match_the_dataset(self):
        for a, b, year in ((2, 365, 1990), (2, 365, 2010), (365, 371, 2005), (200, 220, 1975),
                           (2, 20, 1950), (710, 740, 2014)):
            with self.subTest(a=a, b=b, year=year):
                result = run("shared", self.state_id[a], self.state_id[b], "--at", str(year),
                             "--count", "--status", "full", kb=self.kb)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(int(result.stdout), self.joint_full(a, b, year))

    def test_members_of_an_organization_match_the_dataset(self):
        for ioname, year in (("csto", 2010), ("nato", 1990), ("wpact", 1980), ("eu", 2014)):
            with self.subTest(ioname=ioname, year=year):
                column = self.header.index(ioname)
                expected = {self.state_id[c] for (c, y), row in self.cells.items()
                            if y == year and row[column] == "1"}
                result = run("members", self.org_id[ioname], "--at", str(year), "--status", "full",
                             "--format", "json", kb=self.kb)
                self.assertEqual(result.returncode, 0, result.stderr)
                found = {r["entity"] for r in json.loads(result.stdout)["rows"] if r["answer"] == "yes"}
                self.assertEqual(found, expected)

    def test_memberships_of_a_state_match_the_dataset(self):
        for ccode, year in ((365, 2000), (2, 1960), (710, 2014)):
            with self.subTest(ccode=ccode, year=year):
                row = self.cells[(ccode, year)]
                expected = {self.org_id[self.header[j]] for j in range(3, len(self.header)) if row[j] == "1"}
                result = run("memberships", self.state_id[ccode], "--at", str(year), "--status", "full",
                             "--format", "json", kb=self.kb)
                self.assertEqual(result.returncode, 0, result.stderr)
                found = {r["organization"] for r in json.loads(result.stdout)["rows"] if r["answer"] == "yes"}
                self.assertEqual(found, expected)

    def test_import_into_the_shipped_knowledge_base_reuses_its_entities(self):
        with tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "cow.json")
            self.assertEqual(run("import", "cow", os.path.join(COW, "igo_year_formatv3.csv.gz"),
                                 "-o", path).returncode, 0)
            with open(path, encoding="utf-8") as f:
                imported = json.load(f)
            ids = {e["id"] for e in imported["entities"]}
            self.assertNotIn("cow-csto", ids)  # the shipped CSTO, matched by its COW code
            objects = {f.get("object") for f in imported["facts"]}
            self.assertIn("csto", objects)
            with TempKb() as kb:
                self.assertEqual(run("load", path, kb=kb.dir).returncode, 0)


DEBIAN_PYTHON = "/usr/bin/python3"


def debian_python_has(module):
    if not os.path.exists(DEBIAN_PYTHON):
        return False
    return subprocess.run([DEBIAN_PYTHON, "-c", "import " + module], capture_output=True).returncode == 0


class ExportTest(unittest.TestCase):
    """`export` in four formats, read back by real parsers where the set-up installed them."""

    def export(self, fmt, *extra):
        result = run("export", "--format", fmt, *extra)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    def relation_facts(self):
        return [f for f in json.loads(self.export("json"))["facts"] if "object" in f]

    def test_json_round_trips_byte_for_byte(self):
        first = self.export("json")
        with TempKb(copy_shipped=False) as kb, tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "export.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(first)
            self.assertEqual(run("load", path, kb=kb.dir).returncode, 0)
            second = run("export", "--format", "json", kb=kb.dir).stdout
            self.assertEqual(second, first)
            # The same answers from the copy.
            self.assertEqual(run("members", "csto", "--at", "2017-04-12", "--format", "json", kb=kb.dir).stdout,
                             run("members", "csto", "--at", "2017-04-12", "--format", "json").stdout)

    def test_csv_has_one_row_per_fact(self):
        rows = list(csv.DictReader(io.StringIO(self.export("csv"))))
        facts = json.loads(self.export("json"))["facts"]
        self.assertEqual(len(rows), len(facts))
        uzbek = [r for r in rows if r["subject"] == "uzbekistan" and r["object"] == "csto"]
        self.assertEqual(sorted(r["status"] for r in uzbek), ["full", "full", "full", "suspended"])

    def test_at_a_date_only_facts_that_hold(self):
        rows = list(csv.DictReader(io.StringIO(self.export("csv", "--at", "1995"))))
        members = {r["subject"] for r in rows if r["relation"] == "member_of" and r["object"] == "csto"}
        self.assertIn("georgia", members)
        self.assertNotIn("cuba", {r["subject"] for r in rows})

    @unittest.skipUnless(shutil.which("rapper"), "rapper (raptor2-utils) is not installed")
    def test_ntriples_parse_with_rapper(self):
        with tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "kb.nt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(self.export("ntriples"))
            result = subprocess.run(["rapper", "-i", "ntriples", "-c", path], capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("returned", result.stderr)

    @unittest.skipUnless(debian_python_has("rdflib"), "python3-rdflib is not installed")
    def test_ntriples_parse_with_rdflib_and_carry_qualifiers(self):
        with tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "kb.nt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(self.export("ntriples"))
            script = (
                "import rdflib,sys\n"
                "g=rdflib.Graph(); g.parse(sys.argv[1], format='nt')\n"
                "v='urn:orgkg:vocab:'\n"
                "q='SELECT ?start ?status WHERE { ?s <'+v+'subject> <urn:orgkg:entity:uzbekistan> ; "
                "<'+v+'object> <urn:orgkg:entity:csto> ; <'+v+'status> ?status ; <'+v+'start> ?start }'\n"
                "rows=sorted((str(r.start), r.start.datatype.split('#')[1], str(r.status)) for r in g.query(q))\n"
                "print(rows)\n")
            result = subprocess.run([DEBIAN_PYTHON, "-c", script, path], capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(result.stdout.strip(),
                             "[('1992-05-15', 'date', 'full'), ('2006-08-16', 'date', 'full'), "
                             "('2012-06', 'gYearMonth', 'suspended')]")

    @unittest.skipUnless(debian_python_has("networkx"), "python3-networkx is not installed")
    def test_graphml_reads_in_networkx(self):
        with tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "kb.graphml")
            self.assertEqual(run("export", "-o", path).returncode, 0)
            script = (
                "import networkx as nx,sys,json\n"
                "g=nx.read_graphml(sys.argv[1], force_multigraph=True)\n"
                "edges=list(g.edges(keys=True, data=True))\n"
                "none=[d for *_, d in edges if 'None' in d.values()]\n"
                "print(json.dumps([g.number_of_nodes(), len(edges), len({k for _,_,k,_ in edges}), len(none), "
                "g.nodes['csto']['kind'], g.nodes['russia']['code_cow']]))\n")
            result = subprocess.run([DEBIAN_PYTHON, "-c", script, path], capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stderr)
            nodes, edges, distinct_ids, nones, kind, cow = json.loads(result.stdout)
            facts = self.relation_facts()
            self.assertEqual(edges, len(facts))
            self.assertEqual(distinct_ids, edges)  # one edge id per fact
            self.assertEqual(nones, 0)
            self.assertEqual((kind, cow), ("organization", "365"))

    def test_unknown_format(self):
        result = run("export", "-o", "/tmp/kb.xlsx")
        self.assertEqual(result.returncode, 2)
        self.assertIn("unknown export format 'xlsx'", result.stderr)


class SnapshotTest(unittest.TestCase):
    """The snapshot answers as the JSON documents do, and is rebuilt when it is stale or
    damaged (a rebuilt snapshot is a new file: its inode changes; a used one is left)."""

    QUERIES = [
        ["members", "org-1", "--at", "2000", "--format", "json"],
        ["members", "org-3", "--all", "--format", "csv"],
        ["memberships", "state-5", "--at", "1990", "--format", "json"],
        ["shared", "state-1", "state-2", "--at", "2000", "--format", "json"],
        ["path", "state-1", "state-9", "--at", "1980", "--format", "json"],
        ["history", "state-3", "--format", "json"],
        ["info", "org-2", "--format", "json"],
        ["timeline", "org-4", "--format", "json"],
        ["search", "Organisation 7", "--format", "json"],
        ["stats", "--format", "json"],
        ["export", "--format", "json"],
    ]

    def setUp(self):
        self.kb = TempKb(copy_shipped=False)
        subprocess.run([sys.executable, os.path.join(SOURCE_DIR, "tools", "generate_kb.py"),
                        "--facts", "3000", "--out", self.kb.dir], check=True)
        old = os.path.getmtime(os.path.join(self.kb.dir, "generated.json")) - 60
        os.utime(os.path.join(self.kb.dir, "generated.json"), (old, old))
        self.path = os.path.join(self.kb.dir, ".orgkg-snapshot")

    def tearDown(self):
        self.kb.__exit__()

    def answers(self, *flags):
        out = []
        for query in self.QUERIES:
            result = run(*flags, *query, kb=self.kb.dir, env_extra={"ORGKG_TODAY": "2020-01-01"})
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(result.stderr, "")
            out.append(result.stdout)
        return out

    def test_same_answers_from_the_snapshot_and_from_the_documents(self):
        expected = self.answers("--no-snapshot")
        self.assertFalse(os.path.exists(self.path))
        self.assertEqual(self.answers(), expected)  # the first query writes it
        inode = os.stat(self.path).st_ino
        self.assertEqual(self.answers(), expected)
        self.assertEqual(os.stat(self.path).st_ino, inode)  # used, not rewritten

    def test_damaged_snapshot_is_rebuilt_and_never_used(self):
        expected = self.answers("--no-snapshot")
        run("stats", kb=self.kb.dir)
        with open(self.path, "rb") as f:
            good = bytearray(f.read())
        for at in (len(good) // 3, len(good) // 2, len(good) - 1, 100):
            damaged = bytearray(good)
            damaged[at] ^= 0x01
            with open(self.path, "wb") as f:
                f.write(damaged)
            inode = os.stat(self.path).st_ino
            self.assertEqual(self.answers(), expected)
            self.assertNotEqual(os.stat(self.path).st_ino, inode)  # replaced
        with open(self.path, "wb") as f:
            f.write(good[: len(good) // 2])
        self.assertEqual(self.answers(), expected)

    def test_a_load_makes_the_snapshot_stale(self):
        run("stats", kb=self.kb.dir)
        with tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "more.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump({"orgkg": 1, "entities": [
                    {"id": "newland", "kind": "state", "name": "Newland"}], "facts": [
                    {"subject": "newland", "relation": "member_of", "object": "org-1",
                     "from": "1999"}]}, f)
            self.assertEqual(run("load", path, kb=self.kb.dir).returncode, 0, "load")
        members = rows_of(run("members", "org-1", "--at", "2000", "--format", "json", kb=self.kb.dir))
        self.assertIn("newland", [row["entity"] for row in members])

    def test_other_limits_read_the_documents(self):
        run("stats", kb=self.kb.dir)
        refused = run("--max-items", "10", "stats", kb=self.kb.dir)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("(--max-items)", refused.stderr)


class LimitsTest(unittest.TestCase):
    """Limits on hostile input, raised by flags."""

    def test_flags_set_the_limits(self):
        with TempKb() as kb, tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "long.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(json.dumps({"orgkg": 1, "sources": [{"id": "s", "title": "x" * 100}]}))
            before = kb.snapshot()
            refused = run("--max-string-bytes", "50", "load", path, kb=kb.dir)
            self.assertEqual(refused.returncode, 2)
            self.assertIn("longer than the limit of 50 (--max-string-bytes)", refused.stderr)
            self.assertEqual(kb.snapshot(), before)
            self.assertEqual(run("--max-document-bytes", "100", "members", "csto", kb=kb.dir).returncode, 2)
            self.assertEqual(run("load", path, kb=kb.dir).returncode, 0)
            article = os.path.join(out, "a.txt")
            with open(article, "w", encoding="utf-8") as f:
                f.write("The Lake Union (LU) met. " * 100)
            big = run("--max-article-bytes", "1000", "extract", article, "--source", "a")
            self.assertEqual(big.returncode, 2)
            self.assertIn("(--max-article-bytes)", big.stderr)
            self.assertEqual(run("extract", article, "--source", "a").returncode, 0)
