#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/) and runs each for SECONDS seconds
# from its seed corpus (tests/fuzz/corpus/TARGET, copied so the repository is not
# changed). A crash, a leak or a sanitizer report fails the run and leaves the input in
# build-fuzz/findings/. Every crash found becomes a regression test (a file in
# tests/fuzz/regressions/TARGET/, which this script replays first).
#
#   tools/fuzz.sh [SECONDS] [TARGET…]      (defaults: 10 seconds; json date cow extract)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json date cow extract)

CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORGKG_BUILD_FUZZERS=ON \
  -DORGKG_BUILD_TESTS=OFF -DORGKG_BUILD_BENCHMARKS=OFF -DORGKG_WERROR=OFF > /dev/null
cmake --build build-fuzz -j2 --target "${targets[@]/#/fuzz_}" > /dev/null
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/ubsan.supp"
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$target
  mkdir -p "$corpus" build-fuzz/findings/$target
  cp -n tests/fuzz/corpus/$target/* "$corpus"/ 2>/dev/null || true
  if [ -d tests/fuzz/regressions/$target ]; then
    build-fuzz/tests/fuzz/fuzz_$target tests/fuzz/regressions/$target/* > /dev/null 2>&1 ||
      { echo "fuzz_$target: a regression input fails again" >&2; exit 1; }
  fi
  echo "fuzz_$target: ${seconds}s"
  build-fuzz/tests/fuzz/fuzz_$target "$corpus" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=build-fuzz/findings/$target/ \
    -print_final_stats=1 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)|ERROR|SUMMARY' || true
  if ls build-fuzz/findings/$target/* > /dev/null 2>&1; then
    echo "fuzz_$target: findings in build-fuzz/findings/$target" >&2
    exit 1
  fi
done
