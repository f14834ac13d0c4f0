#!/usr/bin/env bash
# CTest check of gen_corpus: the same seed gives byte-identical output, another seed does not,
# the files are UTF-8 with no trace of the real city name, programs have their responses, and
# an --out inside the repository is refused. Usage: check_gen_corpus.sh path/to/gen_corpus
set -euo pipefail

gen=$1
repo=$(cd "$(dirname "$0")/.." && pwd)
realdata=$repo/../shared/realdata
if [[ ! -d $realdata/goteborg-kf ]]; then
  echo "SKIP: $realdata saknas"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

checksums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

for run in a b; do "$gen" --seed 42 --size 5M --out "$work/$run" >/dev/null; done
"$gen" --seed 43 --size 5M --out "$work/other" >/dev/null
checksums "$work/a" >"$work/a.sum"
checksums "$work/b" >"$work/b.sum"
checksums "$work/other" >"$work/other.sum"
cmp -s "$work/a.sum" "$work/b.sum" || fail "same seed, different output"
cmp -s "$work/a.sum" "$work/other.sum" && fail "seeds 42 and 43 gave the same output"

bytes=$(find "$work/a" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
((bytes >= 5 * 1024 * 1024)) || fail "only $bytes bytes written"

while IFS= read -r -d '' f; do
  iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || fail "not UTF-8: $f"
done < <(find "$work/a" -type f -print0)

if grep -rlE 'Göteborg|GÖTEBORG|goteborg' "$work/a" | head -1 | grep -q .; then
  fail "the real city name was not renamed"
fi

responses=$(find "$work/a" -path '*-remissvar/remissvar-*.txt' | wc -l)
((responses >= 10)) || fail "only $responses responses"
first=$(find "$work/a" -path '*-remissvar/remissvar-001.txt' | head -1)
grep -q '^Yttrande över remiss – ' "$first" || fail "$first does not start like a response"

if "$gen" --seed 1 --size 1M --out "$repo/bench/corpus-test" >/dev/null 2>&1; then
  rm -rf "$repo/bench/corpus-test"
  fail "--out inside the repository was accepted"
fi
[[ ! -e $repo/bench/corpus-test ]] || fail "wrote inside the repository"

echo "OK: $(wc -l <"$work/a.sum") files, $bytes bytes, $responses responses, reproducible"
