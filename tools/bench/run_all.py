#!/usr/bin/env python3
"""Runs every benchmark of issue 7 side by side on the same generated knowledge bases.

    tools/run_benchmarks.sh [--build build] [--work /tmp/orgkg-bench]
                            [--sizes 10000,100000,1000000]
                            [--peers networkx,rdflib,rdflib-triples]
                            [--peer-load-seconds 900] [--peer-seconds 120] [--resume]

For each size it generates the knowledge base once (tools/generate_kb.py, deterministic),
then measures, one after the other (never two at once):

- the floor: RapidJSON alone parsing the same bytes (build/tools/orgkg_parse_floor, DOM
  and SAX, best of 3);
- orgkg in process (build/tools/orgkg_query_bench, Google Benchmark): load time, peak
  memory, bytes per fact, the median latency of members, memberships, shared and path at
  2000 over a sample of 256 organizations or states, and a 200-node diagram;
- orgkg as a new process (hyperfine): a load of the JSON documents (`--no-snapshot
  stats`), the first query that builds the snapshot, and cold queries answered from it;
- the peers (tools/bench/peers.py with Debian's /usr/bin/python3): NetworkX and RDFLib
  loading the same file and answering the same questions; their answers are compared
  with orgkg's, question by question.

It prints each tool's raw output, then a summary in Markdown with the ratios (load
against the floor, memory against the file, each peer against orgkg), which
tools/BENCHMARKS.md records.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
QUESTIONS = ["members", "memberships", "shared", "path"]
DEBIAN_PYTHON = "/usr/bin/python3"


def run(command, **kwargs):
    """Runs `command`, echoing it and its output; returns the output."""
    print("$ " + " ".join(command), flush=True)
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        raise SystemExit("failed (exit %d): %s" % (done.returncode, " ".join(command)))
    return done.stdout


def peak_kib(command):
    """The peak resident memory of one run of `command`, in KiB (GNU time)."""
    done = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit("failed: " + " ".join(command) + "\n" + done.stderr)
    return int(done.stderr.strip().splitlines()[-1])


def hyperfine(command, runs, prepare=None):
    """Wall time of `command` over `runs` runs: (mean, min) in seconds."""
    export = "/tmp/orgkg-hyperfine-%d.json" % os.getpid()
    line = ["hyperfine", "--style", "basic", "--runs", str(runs), "--export-json", export]
    if prepare:
        line += ["--prepare", prepare]
    else:
        line += ["--warmup", "1"]
    run(line + [" ".join(command)])
    with open(export) as results:
        result = json.load(results)["results"][0]
    os.remove(export)
    return result["mean"], result["min"]


def floor(build, document):
    seconds = {}
    for mode in ("dom", "sax"):
        out = run([os.path.join(build, "tools", "orgkg_parse_floor"), "--runs=3", "--mode=" + mode,
                   document])
        seconds[mode] = float(re.search(r"best ([0-9.]+) s", out).group(1))
        if mode == "dom":
            seconds["dom_peak_kib"] = int(re.search(r"peak RSS ([0-9]+) KiB", out).group(1))
    return seconds


def orgkg_in_process(build, kb, answers):
    out = run([os.path.join(build, "tools", "orgkg_query_bench"), "--kb=" + kb,
               "--answers=" + answers, "--benchmark_min_time=0.5",
               "--benchmark_format=json"])
    head = out[:out.index("{")]
    load = re.search(r"load ([0-9.]+) s, peak RSS ([0-9]+) MiB", head)
    result = {"load_s": float(load.group(1)), "peak_mib": int(load.group(2))}
    for bench in json.loads(out[out.index("{"):])["benchmarks"]:
        name = bench["name"]
        result[name] = {"mean_us": bench["real_time"] * (1000 if bench["time_unit"] == "ms" else 1),
                        "median_us": bench.get("median_us")}
    return result


def orgkg_processes(build, kb):
    orgkg = os.path.join(build, "orgkg")
    snapshot = os.path.join(kb, ".orgkg-snapshot")
    query = [orgkg, "--kb", kb, "members", "org-1", "--at", "2000"]
    result = {}
    result["json_load_s"], _ = hyperfine([orgkg, "--no-snapshot", "--kb", kb, "stats"], 3)
    result["json_load_peak_kib"] = peak_kib([orgkg, "--no-snapshot", "--kb", kb, "stats"])
    # The first query after a change: reads the JSON and writes the snapshot.
    result["first_query_s"], _ = hyperfine(query, 3, prepare="rm -f " + snapshot)
    subprocess.run(["rm", "-f", snapshot])
    result["first_query_peak_kib"] = peak_kib(query)
    result["cold_query_s"], result["cold_query_min_s"] = hyperfine(query, 20)
    result["cold_query_peak_kib"] = peak_kib(query)
    result["snapshot_bytes"] = os.path.getsize(snapshot)
    return result


def peer(name, kb, answers, load_seconds, question_seconds):
    """A peer's load and answers; a peer that gives up (past its budget) is recorded so."""
    command = [DEBIAN_PYTHON, os.path.join(HERE, "peers.py"), "--kb", kb, "--peer", name,
               "--answers", answers, "--max-seconds", str(load_seconds),
               "--max-question-seconds", str(question_seconds)]
    print("$ " + " ".join(command), flush=True)
    done = subprocess.run(command, capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    out = done.stdout
    result = {"questions": {}}
    for line in out.splitlines():
        record = json.loads(line)
        if "question" in record:
            result["questions"][record["question"]] = record
        elif "load_s" in record:
            result.update(record)
        else:
            result.setdefault("notes", []).append(record)
    return result


def compare_answers(ours, theirs):
    """Per question: how many of the sample's answers agree, and how many were given."""
    with open(ours) as a, open(theirs) as b:
        mine, other = json.load(a), json.load(b)
    return {q: (sum(1 for x, y in zip(mine[q], other.get(q, [])) if x == y), len(mine[q]),
                len(other.get(q, []))) for q in QUESTIONS}


def duration(microseconds):
    if microseconds >= 1e6:
        return "%.1f s" % (microseconds / 1e6)
    if microseconds >= 1e3:
        return "%.1f ms" % (microseconds / 1e3)
    return "%.0f µs" % microseconds


def summary(results):
    lines = []
    say = lines.append
    sizes = sorted(results)
    head = "| | " + " | ".join("%d facts" % n for n in sizes) + " |"
    rule = "| --- |" + " ---: |" * len(sizes)

    def row(label, cell):
        say("| %s | %s |" % (label, " | ".join(cell(results[n]) for n in sizes)))

    say("### orgkg against the floor and the file")
    say("")
    say(head)
    say(rule)
    row("JSON file", lambda r: "%.1f MB" % (r["bytes"] / 1e6))
    row("RapidJSON DOM parse (floor)", lambda r: "%.3f s" % r["floor"]["dom"])
    row("RapidJSON SAX parse, no handler", lambda r: "%.3f s" % r["floor"]["sax"])
    row("orgkg load, in process", lambda r: "%.3f s" % r["orgkg"]["load_s"])
    row("load ÷ DOM parse", lambda r: "%.2f×" % (r["orgkg"]["load_s"] / r["floor"]["dom"]))
    row("load per fact", lambda r: "%.2f µs" % (r["orgkg"]["load_s"] / r["facts"] * 1e6))
    row("peak memory after load", lambda r: "%d MiB" % r["orgkg"]["peak_mib"])
    row("peak memory ÷ file", lambda r: "%.2f×" % (r["orgkg"]["peak_mib"] * 2**20 / r["bytes"]))
    row("memory bytes per fact", lambda r: "%.0f" % (r["orgkg"]["peak_mib"] * 2**20 / r["facts"]))
    row("RapidJSON DOM peak ÷ file", lambda r: "%.2f×" % (r["floor"]["dom_peak_kib"] * 1024 / r["bytes"]))
    for question in QUESTIONS:
        row("`%s` at 2000, median" % question,
            lambda r, q=question: "%.2f µs" % r["orgkg"][q + "_at"]["median_us"])
    row("render 200 nodes, DOT", lambda r: "%.1f ms" % (r["orgkg"]["render_200_nodes_dot"]["mean_us"] / 1000))
    row("render 200 nodes, SVG", lambda r: "%.0f ms" % (r["orgkg"]["render_200_nodes_svg"]["mean_us"] / 1000))
    row("new process: load JSON (`stats --no-snapshot`)", lambda r: "%.2f s" % r["cli"]["json_load_s"])
    row("new process: first query, writes the snapshot", lambda r: "%.2f s" % r["cli"]["first_query_s"])
    row("new process: cold `members` from the snapshot", lambda r: "%.0f ms" % (r["cli"]["cold_query_s"] * 1000))
    row("snapshot file", lambda r: "%.1f MB" % (r["cli"]["snapshot_bytes"] / 1e6))
    for name in sorted({p for r in results.values() for p in r["peers"]}):
        say("")
        say("### %s against orgkg" % name)
        say("")
        say(head)
        say(rule)

        def peer_cell(r, key, fmt_value):
            p = r["peers"].get(name)
            if not p or key(p) is None:
                return "not run"
            return fmt_value(key(p), r)
        row("load", lambda r: peer_cell(
            r, lambda p: p.get("load_s") or (p.get("notes") or [{}])[0].get("aborted"),
            lambda v, r: "%.1f s (%.0f× orgkg)" % (v, v / r["orgkg"]["load_s"])
            if isinstance(v, float) else "gave up: " + v))
        row("peak memory", lambda r: peer_cell(r, lambda p: p.get("peak_rss_kib"),
                                               lambda v, r: "%d MiB (%.1f× orgkg)" % (v / 1024, v / 1024 / r["orgkg"]["peak_mib"])))
        for question in QUESTIONS:
            def record(p, q=question):
                return p["questions"].get(q)

            def median_cell(v, r, q=question):
                text = "%s (%.0f× orgkg)" % (duration(v["median_us"]),
                                             v["median_us"] / r["orgkg"][q + "_at"]["median_us"])
                if "stopped" in v:
                    text += ", %d calls in %ds" % (v["calls"], r["peer_seconds"])
                return text
            row("`%s`, median" % question, lambda r, m=record, c=median_cell: peer_cell(r, m, c))
        row("answers equal to orgkg's (of those given)", lambda r: peer_cell(
            r, lambda p: p.get("agreement"),
            lambda v, r: ", ".join("%s %d/%d" % (q, v[q][0], v[q][2]) for q in QUESTIONS)))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--work", default="/tmp/orgkg-bench")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--peers", default="networkx,rdflib,rdflib-triples")
    parser.add_argument("--peer-load-seconds", type=int, default=900,
                        help="give up a peer's load after this long")
    parser.add_argument("--peer-seconds", type=int, default=120,
                        help="give up one kind of a peer's questions after this long")
    parser.add_argument("--resume", action="store_true",
                        help="keep the results of sizes already measured in WORK")
    args = parser.parse_args()
    saved = os.path.join(args.work, "results.json")
    results = {}
    if args.resume and os.path.exists(saved):
        with open(saved) as previous:
            results = {int(n): r for n, r in json.load(previous).items()}
    started = time.time()
    for facts in [int(n) for n in args.sizes.split(",")]:
        if facts in results:
            continue
        kb = os.path.join(args.work, "kb-%d" % facts)
        document = os.path.join(kb, "generated.json")
        if not os.path.exists(document):
            run([sys.executable, os.path.join(ROOT, "tools", "generate_kb.py"), "--facts", str(facts),
                 "--out", kb])
        print("== %d facts" % facts, flush=True)
        result = {"facts": facts, "bytes": os.path.getsize(document), "peers": {},
                  "peer_seconds": args.peer_seconds}
        result["floor"] = floor(args.build, document)
        answers = os.path.join(args.work, "answers-orgkg-%d.json" % facts)
        result["orgkg"] = orgkg_in_process(args.build, kb, answers)
        result["cli"] = orgkg_processes(args.build, kb)
        for name in [p for p in args.peers.split(",") if p]:
            theirs = os.path.join(args.work, "answers-%s-%d.json" % (name, facts))
            if os.path.exists(theirs):
                os.remove(theirs)
            result["peers"][name] = peer(name, kb, theirs, args.peer_load_seconds,
                                         args.peer_seconds)
            if os.path.exists(theirs):
                result["peers"][name]["agreement"] = compare_answers(answers, theirs)
        results[facts] = result
        with open(saved, "w") as out:
            json.dump(results, out, indent=1)
    print()
    print("Run of %s, %.0f minutes, on %s" % (time.strftime("%Y-%m-%d"), (time.time() - started) / 60,
                                              os.uname().nodename))
    print()
    print(summary(results))


if __name__ == "__main__":
    main()
