#!/usr/bin/env bash
# Static analysis of src/ and include/: clang-tidy with the checks in .clang-tidy (every
# finding is an error) and cppcheck (warning, performance, portability). Part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-lint -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DORGKG_BUILD_TESTS=OFF \
  -DORGKG_BUILD_BENCHMARKS=OFF > /dev/null
sources=(src/*.cpp src/ingest/*.cpp src/cli/*.cpp)
printf '%s\n' "${sources[@]}" | xargs -P 2 -n 4 clang-tidy -p build-lint --quiet 2> /dev/null
cppcheck --std=c++20 --enable=warning,performance,portability --inline-suppr --quiet \
  --error-exitcode=1 -I include -I src --suppress=missingIncludeSystem src include
echo "lint: clang-tidy and cppcheck clean"
