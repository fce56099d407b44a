#!/usr/bin/env bash
# Generates knowledge bases of 10k, 100k and 1M facts (once) and measures them: load time
# and peak memory, the latency of each question in process (Google Benchmark), and a cold
# CLI query (a new process that loads the knowledge base and answers).
#
#   tools/run_benchmarks.sh [BUILD_DIR] [WORK_DIR]     (defaults: build, /tmp/orgkg-bench)
#
# Build first with the README's command (a RelWithDebInfo build). Results are printed;
# tools/BENCHMARKS.md records a run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
work=${2:-/tmp/orgkg-bench}
mkdir -p "$work"

for facts in 10000 100000 1000000; do
  kb="$work/kb-$facts"
  if [ ! -f "$kb/generated.json" ]; then
    python3 "$here/generate_kb.py" --facts "$facts" --out "$kb"
  fi
  echo "== $facts facts ($(du -h "$kb/generated.json" | cut -f1) of JSON)"
  "$build/tools/orgkg_query_bench" --kb="$kb" --benchmark_min_time=0.5 2>&1 |
    grep -E '^(knowledge base|diagram:|[a-z_0-9]+ +[0-9])'
  /usr/bin/time -f "cold CLI 'members org-1 --at 2000': %e s wall, %M KiB peak" \
    "$build/orgkg" --kb "$kb" members org-1 --at 2000 > /dev/null
done
