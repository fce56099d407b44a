#!/usr/bin/env bash
# Builds orgkg with AddressSanitizer and UndefinedBehaviorSanitizer in build-sanitize/ and
# runs every test (unit and end-to-end) with it. LeakSanitizer is on; the leaks of
# Graphviz and the font libraries it loads are suppressed (tests/sanitizers/lsan.supp
# says which and why). Any report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DORGKG_BUILD_BENCHMARKS=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
  > /dev/null
cmake --build build-sanitize -j2
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/sanitizers/ubsan.supp"
ctest --test-dir build-sanitize --output-on-failure -j2
