#!/usr/bin/env bash
# Indexing benchmark, side by side in one run: `remisskoll index` against
# Xapian's omindex (--stemmer=swedish) and Recoll's recollindex (swedish
# stemming) on the same files, alternating, ROUNDS times; then the re-index
# with nothing changed. Prints wall time, MB/s, peak RSS and the ratios.
#
#   bash bench/index-bench.sh [REMISSKOLL] [SOURCE_DIR] [ROUNDS]
#
# Needs the Debian packages xapian-omega and recollcmd (not installed by CI:
# benchmarks are run by hand and their figures go in bench/README.md).
set -euo pipefail
bin=$(realpath "${1:-build/query/remisskoll}")
src=$(realpath "${2:-../shared/realdata/goteborg-kf}")
rounds=${3:-3}
for tool in omindex recollindex /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "index-bench: $tool is missing (apt-get install xapian-omega recollcmd time)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mb=$(du -sb "$src" | awk '{printf "%.1f", $1 / 1e6}')
files=$(find "$src" -type f | wc -l)

mkdir -p "$tmp/recoll"
cat >"$tmp/recoll/recoll.conf" <<CONF
topdirs = $src
indexstemminglanguages = swedish
dbdir = $tmp/recoll/xapiandb
CONF

# run NAME COMMAND...: one timed run from an empty index; appends "NAME wall rss" to results
run() {
  local name=$1; shift
  rm -rf "$tmp/db" "$tmp/recoll/xapiandb"
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || {
    echo "index-bench: $name failed:" >&2; tail -3 "$tmp/err" >&2; exit 1; }
  echo "$name $(cat "$tmp/time")" >>"$tmp/results"
}
rerun() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>&1
  echo "$name $(cat "$tmp/time")" >>"$tmp/again"
}

: >"$tmp/results"
: >"$tmp/again"
for ((r = 1; r <= rounds; r++)); do
  run remisskoll "$bin" index --quiet --db "$tmp/db" "$src"
  rerun remisskoll "$bin" index --quiet --db "$tmp/db" "$src"
  run omindex omindex --db "$tmp/db" --stemmer=swedish --url / "$src"
  rerun omindex omindex --db "$tmp/db" --stemmer=swedish --url / "$src"
  run recollindex recollindex -c "$tmp/recoll" -z
  rerun recollindex recollindex -c "$tmp/recoll"
done

echo "Indexing $files files, $mb MB ($src), $rounds rounds, $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
printf '%-12s %10s %8s %10s %12s %14s\n' tool "median s" "MB/s" "peak MB" "vs remisskoll" "no-change s"
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
base=$(awk '$1 == "remisskoll" {print $2}' "$tmp/results" | median)
for tool in remisskoll omindex recollindex; do
  wall=$(awk -v t=$tool '$1 == t {print $2}' "$tmp/results" | median)
  rss=$(awk -v t=$tool '$1 == t {print $3}' "$tmp/results" | sort -n | tail -1)
  again=$(awk -v t=$tool '$1 == t {print $2}' "$tmp/again" | median)
  awk -v t=$tool -v w="$wall" -v m="$mb" -v r="$rss" -v b="$base" -v a="$again" \
    'BEGIN {printf "%-12s %10.2f %8.1f %10.0f %12.2fx %14.3f\n", t, w, m / w, r / 1024, w / b, a}'
done
