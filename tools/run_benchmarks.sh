#!/usr/bin/env bash
# Every benchmark of issue 7, side by side on the same generated knowledge bases: the
# RapidJSON floor, orgkg in process and as new processes, NetworkX and RDFLib; prints the
# raw results and a Markdown summary (tools/BENCHMARKS.md records one).
#
#   tools/run_benchmarks.sh [--build build] [--work /tmp/orgkg-bench]
#                           [--sizes 10000,100000,1000000] [--peers networkx,rdflib]
#
# Build first with the README's build command (a RelWithDebInfo build). The full run
# takes about half an hour on 2 cores, most of it RDFLib's.
set -euo pipefail
exec python3 "$(dirname "$0")/bench/run_all.py" "$@"
