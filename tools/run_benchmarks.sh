#!/usr/bin/env bash
# Every benchmark of issue 7, side by side on the same generated knowledge bases: the
# RapidJSON floor, orgkg in process and as new processes, NetworkX and RDFLib; prints the
# raw results and a Markdown summary (tools/BENCHMARKS.md records one).
#
#   tools/run_benchmarks.sh [--build build] [--work /tmp/orgkg-bench]
#                           [--sizes 10000,100000,1000000] [--peers networkx,rdflib,rdflib-triples]
#
# Build first with the README's build command (a RelWithDebInfo build). The full run
# takes about 40 minutes on 2 cores, most of it RDFLib's (each kind of its questions
# stops after --peer-seconds, 120 by default).
set -euo pipefail
exec python3 "$(dirname "$0")/bench/run_all.py" "$@"
