#!/usr/bin/env bash
# Every benchmark of issue 8 in one run, then one table of the figures:
# indexing against omindex and recollindex (index-bench.sh), search latency
# over the real council bundles, locally and over 1, 2 and 4 shards behind
# xapian-tcpsrv (search_bench), and the analyses as the responses double
# (analyses-bench.sh), and the web server under wrk (wrk.sh).
#
#   bash bench/run.sh [BUILD_DIR] [ROUNDS]
#
# BUILD_DIR defaults to build/; ROUNDS (default 1) is for the indexing
# comparison. Needs xapian-omega, recollcmd, xapian-tools, time, jq and wrk.
# RK_BENCH_SOURCE=DIR runs it on other files (corpus/ for a quick check).
# RK_BENCH_PARTS picks parts (default "index search shards wrk analyses";
# wrk and analyses use the index that search builds).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$repo/build}")
rounds=${2:-1}
src=$(realpath "${RK_BENCH_SOURCE:-$repo/../shared/realdata/goteborg-kf}")
ninja -C "$build" remisskoll search_bench >/dev/null
bin=$build/query/remisskoll
tmp=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
row() { printf '| %s | %s |\n' "$1" "$2" >>"$tmp/table"; }
: >"$tmp/table"
parts=" ${RK_BENCH_PARTS:-index search shards wrk analyses} "
want() { [[ $parts == *" $1 "* ]]; }

if want index; then
  echo "== indexing, $rounds round(s)"
  bash "$repo/bench/index-bench.sh" "$bin" "$src" "$rounds" | tee "$tmp/index.txt"
  for tool in remisskoll omindex recollindex; do
    row "index $(basename "$src"): $tool" "$(awk -v t=$tool '$1 == t {printf "%s s, %s MB/s, %s MB peak, %s the time of remisskoll", $2, $3, $4, $5}' "$tmp/index.txt")"
  done
fi

# secs_rss COMMAND...: "wall-seconds peak-MB" of one run
secs_rss() {
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || {
    echo "run.sh: $* failed:" >&2; tail -3 "$tmp/err" >&2; exit 1; }
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$tmp/time"
}

if want search; then
  echo "== search latency over $(basename "$src")"
  read -r s m < <(secs_rss "$bin" index --quiet --db "$tmp/kf.db" "$src")
  row "index $(basename "$src") for the searches" "$s s, $m MB peak, $(du -sm "$tmp/kf.db" | cut -f1) MB index"
  "$build/bench/search_bench" --db "$tmp/kf.db" | tee "$tmp/search.txt"
  row "search, local index" "$(sed -n 's/.*: p50/p50/p' "$tmp/search.txt" | head -1)"
fi

if want shards; then
  echo "== shards behind xapian-tcpsrv"
  for n in 1 2 4; do
    : >"$tmp/stub$n"
    worst=0
    for ((k = 1; k <= n; k++)); do
      read -r s m < <(secs_rss "$bin" index --quiet --shard $k/$n --db "$tmp/s$n-$k.db" "$src")
      worst=$(awk -v a="$worst" -v b="$s" 'BEGIN {print (b > a ? b : a)}')
      port=$((20000 + RANDOM % 30000))
      xapian-tcpsrv --quiet --interface 127.0.0.1 --port $port "$tmp/s$n-$k.db" &
      servers+=($!)
      echo "remote 127.0.0.1:$port" >>"$tmp/stub$n"
    done
    sleep 1
    "$build/bench/search_bench" --db "$tmp/stub$n" --rounds 3 | tee "$tmp/shard$n.txt"
    row "$n shard(s), remote" "slowest shard indexed in $worst s (one after another); search $(sed -n 's/.*: p50/p50/p' "$tmp/shard$n.txt" | head -1)"
  done
fi

if want wrk; then
  echo "== server under wrk over $(basename "$src")"
  bash "$repo/bench/wrk.sh" "$bin" "$tmp/kf.db" | tee "$tmp/wrk.txt"
  awk -F' *[|] *' '/^[|] (search|doc|api) / {printf "| serve under wrk (2 threads, 16 connections): %s | %s req/s, p50 %s, p99 %s, %s errors, server peak RSS %s |\n", $2, $3, $4, $5, $7 + 0, $9}' \
    "$tmp/wrk.txt" >>"$tmp/table"
fi

if want analyses; then
  echo "== analyses"
  bash "$repo/bench/analyses-bench.sh" "$bin" "$tmp/kf.db" | tee "$tmp/analyses.txt"
  awk 'NR > 1 && $1 ~ /^[0-9]+$/ {printf "| compile / gaps, %s responses | %s s (%s) / %s s (%s) |\n", $1, $3, $4, $5, $6}' \
    "$tmp/analyses.txt" >>"$tmp/table"
  grep -E '^(refs|terms) over' "$tmp/analyses.txt" | sed 's/^\(.*\): \(.*\)$/| \1 | \2 |/' >>"$tmp/table"
fi

echo
echo "Remisskoll benchmarks, $(date +%F), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem/ {print $2}') GB RAM, $(df -h "$tmp" | awk 'NR == 2 {print $1}')"
echo "| what | figure |"
echo "|---|---|"
cat "$tmp/table"
