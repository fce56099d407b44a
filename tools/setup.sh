#!/usr/bin/env bash
# Installs the Debian 12 packages orgkg needs to build and test; a no-op when all are
# present. Run as root (or with sudo available). Touches nothing but the package system.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-graph-dev   # Boost.Graph: the graph behind include/orgkg/graph.h
  rapidjson-dev        # RapidJSON: SAX reader, schema validator, writer
  libgraphviz-dev graphviz  # cgraph/gvc for diagrams; graphviz brings the layout plugins
  doctest-dev          # unit tests
  libbenchmark-dev     # benchmarks under tools/bench/
  libcli11-dev         # command-line parsing in src/cli/
  libfmt-dev           # output formatting
  libutf8proc-dev      # Unicode case folding and accent stripping for name lookup
  zlib1g-dev           # gzip-compressed CSV (Correlates of War import)
  libxxhash-dev        # checksums of the knowledge base snapshot
  hyperfine            # whole-process timing in tools/run_benchmarks.sh
  iso-codes            # ISO 3166 state names and codes
  liblink-grammar-dev link-grammar-dictionaries-en  # sentence structure for extraction
  python3              # end-to-end test driver, tools/generate_kb.py
  time                 # /usr/bin/time in tools/run_benchmarks.sh
  raptor2-utils        # rapper: the end-to-end tests parse the N-Triples export
  python3-networkx     # the end-to-end tests read the GraphML export (Debian python3)
  python3-rdflib       # the end-to-end tests parse the N-Triples export
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
