#!/usr/bin/env bash
# Regenerates the diagrams in graphs/ from the shipped knowledge base (data/), as DOT and
# SVG. A test renders them again and fails when a committed diagram is out of date.
#
#   tools/render_graphs.sh [ORGKG_BINARY] [OUTPUT_DIR]   (defaults: build/orgkg, graphs)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/orgkg}
out=${2:-graphs}
mkdir -p "$out"

render() {
  local name=$1
  shift
  "$bin" --kb data render "$@" -o "$out/$name.dot"
  "$bin" --kb data render "$@" -o "$out/$name.svg"
}

# The CSTO over its whole history, on the seed article's date, and three overlapping
# post-Soviet organizations.
render csto-all-time csto --all
render csto-2017-04-12 csto --at 2017-04-12
render post-soviet-2016 csto cis eaeu --at 2016
render post-soviet-all-time csto cis eaeu --all
