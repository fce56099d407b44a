#!/usr/bin/env bash
# The speed of `orgkg extract` on a 2,000-word article, with its floor measured in the
# same run: the same process on a one-sentence article (the dictionary and gazetteer
# loads every run pays). The article is made of the sentence table's own wording
# (tests/data/extract/sentences.txt), so nearly every sentence is parsed: a worst case
# for a news article, where most sentences carry no membership fact.
#
#   tools/bench/extract_speed.sh [BUILD_DIR] [WORDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
words=${2:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$words" "$work/article.txt" <<'PY'
import sys
target, out = int(sys.argv[1]), sys.argv[2]
cases = [l[2:].strip() for l in open("tests/data/extract/sentences.txt", encoding="utf-8")
         if l.startswith("> ")]
text, count, i = [], 0, 0
while count < target:
    text.append(cases[i % len(cases)])
    count += len(cases[i % len(cases)].split())
    i += 1
with open(out, "w", encoding="utf-8") as f:
    f.write("\n\n".join(text) + "\n")
print("article: %d words, %d paragraphs" % (count, len(text)))
PY
echo "Finland joined NATO on 4 April 2023." > "$work/floor.txt"
mkdir -p "$work/kb"
bin="$build/orgkg"
if command -v hyperfine > /dev/null; then
  hyperfine --warmup 2 --runs 10 -N \
    -n floor "$bin --kb $work/kb extract $work/floor.txt --source a --published 2024-06-10" \
    -n "$words words" "$bin --kb $work/kb extract $work/article.txt --source a --published 2024-06-10"
else
  for f in floor article; do
    /usr/bin/time -f "$f: %e s, %M KiB" "$bin" --kb "$work/kb" extract "$work/$f.txt" --source a \
      --published 2024-06-10 > /dev/null
  done
fi
