#!/usr/bin/env bash
# Scale (issue 8): the generated corpus (gen_corpus, seed 1) at sizes that
# double, indexed, searched and analysed, with the growth from one size to
# the next. For each size:
#   - index: wall s, peak RSS, index size, documents and records; then the
#     same run again with nothing changed;
#   - search_bench (100 queries, 3 warm rounds): p50, p99; then `compact`
#     (wall s, index size after) and search_bench again;
#   - compile and gaps for the program with the most responses;
#   - refs and terms over the whole index;
# each with wall seconds and peak RSS (/usr/bin/time), then one table.
#
#   bash bench/scale-bench.sh [BUILD_DIR] [SIZE ...]      (default: 128M 256M 512M 1G)
#
# RK_SCALE_DIR keeps the corpora and indexes (default: a temporary folder,
# removed at the end); with it, an index already built there is reused (its
# indexing figures come from the time file written when it was built).
# RK_BENCH_LIMIT stops each analysis after that many seconds (default 3600).
# Disk: about 9 GB of index per GB of corpus. Needs time and jq.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$repo/build}")
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(128M 256M 512M 1G)
ninja -C "$build" remisskoll search_bench gen_corpus >/dev/null
bin=$build/query/remisskoll
limit=${RK_BENCH_LIMIT:-3600}
if [ -n "${RK_SCALE_DIR:-}" ]; then
  dir=$RK_SCALE_DIR
  mkdir -p "$dir"
else
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
fi
table=$dir/table.md

# timed NAME COMMAND...: runs it with /usr/bin/time into $dir/NAME.time
# ("wall-seconds peak-KB exit-status"), output to $dir/NAME.out; a run over
# the limit or failing is reported, not fatal.
timed() {
  local name=$1
  shift
  local status=0
  /usr/bin/time -f "%e %M" -o "$dir/$name.time" timeout "$limit" "$@" >"$dir/$name.out" \
    2>"$dir/$name.err" || status=$?
  # The last line holds the figures (a killed run's first says so).
  echo "$(tail -n 1 "$dir/$name.time" 2>/dev/null || echo 0 0) $status" >"$dir/$name.time"
  if [ "$status" != 0 ]; then
    echo "scale-bench: $name: exit $status (timeout $limit s is 124)" >&2
    tail -2 "$dir/$name.err" >&2 || true
  fi
}
# figure NAME: "12.3 s, 456 MB" (or "not done in N s")
figure() {
  awk -v limit="$limit" 'NR == 1 {
    if ($3 == 124) printf "not done in %s s", limit
    else if ($3 != 0) printf "failed (exit %s)", $3
    else printf "%.2f s, %.0f MB", $1, $2 / 1024 }' "$dir/$1.time"
}
secs() { awk 'NR == 1 {print $1}' "$dir/$1.time"; }
growth() {  # growth NAME PREV_NAME
  [ -n "$2" ] && [ -e "$dir/$2.time" ] || { echo "-"; return; }
  awk -v a="$(secs "$2")" -v b="$(secs "$1")" 'BEGIN {printf "%.2fx", (a > 0 ? b / a : 0)}'
}

echo "| corpus | files | documents / records | index | nothing changed | search p50 / p99 | compact, size after | search after compact | compile (responses) | gaps | refs | terms |" >"$table"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|" >>"$table"
prev=""
for size in "${sizes[@]}"; do
  # Real paths: the index remembers each file by its absolute path.
  corpus=$(realpath -m "$dir/c-$size") db=$(realpath -m "$dir/db-$size")
  echo "== $size"
  [ -d "$corpus" ] || "$build/bench/gen_corpus" --seed 1 --size "$size" --out "$corpus" >/dev/null
  files=$(find "$corpus/" -type f | wc -l)
  if [ -d "$db" ] && [ -e "$dir/index-$size.time" ]; then
    echo "reusing $db"
  else
    rm -rf "$db"
    timed "index-$size" "$bin" index --quiet --db "$db" "$corpus"
  fi
  # Nothing changed (an index from an older binary is resolved once more here).
  timed "reindex-$size" "$bin" index --quiet --db "$db" "$corpus"
  "$build/bench/search_bench" --db "$db" --rounds 3 --slowest 3 | tee "$dir/search-$size.txt"
  records=$(sed -n 's/.* \([0-9]*\) documents: p50.*/\1/p' "$dir/search-$size.txt")
  search=$(sed -n 's/.*: p50 \([0-9.]*\) ms, p99 \([0-9.]*\) ms.*/\1 \/ \2 ms/p' "$dir/search-$size.txt")
  size_before=$(du -sh "$db/" | cut -f1)
  timed "compact-$size" "$bin" compact --quiet --db "$db"
  "$build/bench/search_bench" --db "$db" --rounds 3 --slowest 3 | tee "$dir/searchc-$size.txt"
  searchc=$(sed -n 's/.*: p50 \([0-9.]*\) ms, p99 \([0-9.]*\) ms.*/\1 \/ \2 ms/p' "$dir/searchc-$size.txt")
  # The steering document with the fewest responses of at least 200 (the
  # first program of every town has 200; titles repeat across towns, so some
  # targets collect more), else the one with the most.
  "$bin" docs --db "$db" --json >"$dir/docs-$size.json"
  read -r n program < <(jq -r '(.documents | map({(.id): .kind}) | add) as $kind
      | [.documents[] | select(.kind == "response" and .responds_to != null) | .responds_to]
      | group_by(.) | map([length, .[0]])
      | map(select($kind[.[1]] | IN("program", "plan", "policy", "guideline", "strategy")))
      | sort | (map(select(.[0] >= 200)) | first) // last // [0, "-"] | @tsv' "$dir/docs-$size.json")
  docs=$(jq '.documents | length' "$dir/docs-$size.json")
  timed "compile-$size" "$bin" compile --db "$db" --program "$program" --json
  timed "gaps-$size" "$bin" gaps --db "$db" --program "$program" --json
  timed "refs-$size" "$bin" refs --db "$db" --json
  timed "terms-$size" "$bin" terms --db "$db" --json
  printf '| %s | %s | %s | %s (%s), %s | %s | %s | %s, %s | %s | %s (%s; %s) %s | %s %s | %s %s | %s %s |\n' \
    "$size" "$files" "$docs / $records" "$(figure "index-$size")" "$(growth "index-$size" "${prev:+index-$prev}")" \
    "$size_before" "$(figure "reindex-$size")" "$search" \
    "$(figure "compact-$size")" "$(du -sh "$db/" | cut -f1)" "$searchc" \
    "$(figure "compile-$size")" "$n responses" "$program" "$(growth "compile-$size" "${prev:+compile-$prev}")" \
    "$(figure "gaps-$size")" "$(growth "gaps-$size" "${prev:+gaps-$prev}")" \
    "$(figure "refs-$size")" "$(growth "refs-$size" "${prev:+refs-$prev}")" \
    "$(figure "terms-$size")" "$(growth "terms-$size" "${prev:+terms-$prev}")" >>"$table"
  prev=$size
done

echo
echo "Remisskoll at scale, $(date +%F), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem/ {print $2}') GB RAM; times are wall s and peak RSS, growth is against the size before"
cat "$table"
