#!/usr/bin/env bash
# Analyses at scale: compile and gaps for the sample corpus's draft program
# with 100, 200 and 400 generated responses (bench/gen_responses.py), then
# refs and terms over a large index. Prints wall seconds and the growth from
# one size to the next (2.00x when the time doubles with the responses).
#
#   bash bench/analyses-bench.sh [REMISSKOLL] [BIG_INDEX]
#
# BIG_INDEX: an index of ../shared/realdata/goteborg-kf (or of the generated
# corpus) for refs and terms; skipped when absent.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$repo/build/query/remisskoll}")
big=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
program=trygghetsprogram-2027

# secs COMMAND...: wall seconds of one run, output discarded
secs() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>"$tmp/err" || { echo "analyses-bench: $* failed:" >&2; tail -3 "$tmp/err" >&2; exit 1; }
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}'
}

printf '%-10s %9s %10s %8s %10s %8s\n' responses "index s" "compile s" growth "gaps s" growth
prev_c="" prev_g=""
for n in 100 200 400; do
  corpus=$tmp/c$n
  mkdir -p "$corpus"
  cp -r "$repo/corpus/program" "$repo/corpus/manifest.ini" "$corpus/"
  python3 "$repo/bench/gen_responses.py" --count $n --seed 1 --out "$corpus/remissvar"
  ix=$(secs "$bin" index --quiet --db "$tmp/db$n" "$corpus")
  c=$(secs "$bin" compile --db "$tmp/db$n" --program $program --json)
  g=$(secs "$bin" gaps --db "$tmp/db$n" --program $program --json)
  got=$("$bin" compile --db "$tmp/db$n" --program $program --json | jq '.responses | length')
  [ "$got" -ge "$n" ] || { echo "analyses-bench: compile found $got of $n responses" >&2; exit 1; }
  awk -v n=$n -v i="$ix" -v c="$c" -v g="$g" -v pc="$prev_c" -v pg="$prev_g" 'BEGIN {
    printf "%-10s %9.2f %10.2f %8s %10.2f %8s\n", n, i, c, pc ? sprintf("%.2fx", c / pc) : "-",
      g, pg ? sprintf("%.2fx", g / pg) : "-" }'
  prev_c=$c prev_g=$g
done

# refs and terms over the whole index, each stopped after LIMIT seconds
# (terms did not finish in 13 minutes over goteborg-kf on 2026-11-26).
limit=${RK_BENCH_LIMIT:-600}
if [ -n "$big" ] && [ -e "$big" ]; then
  docs=$("$bin" docs --db "$big" --json | jq '.documents | length')
  for cmd in refs terms; do
    t0=$(date +%s.%N)
    if timeout "$limit" "$bin" $cmd --db "$big" --json >/dev/null 2>&1; then
      echo "$cmd over $docs documents: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}') s"
    else
      echo "$cmd over $docs documents: not done in $limit s"
    fi
  done
fi
