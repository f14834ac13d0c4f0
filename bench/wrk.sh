#!/usr/bin/env bash
# The web server under load (issue 8): wrk on loopback against search pages,
# document pages and /api/search, each for a fixed time, 2 threads and 16
# connections, rotating through the Swedish queries of bench/wrk-queries.txt
# and a sample of 30 documents (bench/wrk-paths.lua). Prints requests/s,
# p50 and p99 latency, non-2xx answers, socket errors and the server's peak
# RSS (VmHWM); exits non-zero on any error. Builds nothing.
#
#   bash bench/wrk.sh REMISSKOLL [INDEX]
#
# INDEX: an existing index (for instance of ../shared/realdata/goteborg-kf);
# default: corpus/ indexed into a temporary folder. RK_WRK_SECONDS sets the
# time per page kind (default 20). Needs wrk and jq.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:?usage: wrk.sh REMISSKOLL [INDEX]}")
db=${2:-}
secs=${RK_WRK_SECONDS:-20}
for tool in wrk jq; do
  command -v $tool >/dev/null || { echo "wrk.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done
tmp=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
if [ -z "$db" ]; then
  db=$tmp/db
  "$bin" index --quiet --db "$db" "$repo/corpus"
fi

# The paths each page kind rotates through.
grep -v -e '^#' -e '^$' "$repo/bench/wrk-queries.txt" | jq -Rr @uri >"$tmp/queries"
sed 's|^|/?q=|' "$tmp/queries" >"$tmp/search.paths"
sed 's|^|/api/search?q=|' "$tmp/queries" >"$tmp/api.paths"
"$bin" docs --db "$db" --json | jq -r '.documents[].id | @uri' >"$tmp/ids"
step=$(( ($(wc -l <"$tmp/ids") + 29) / 30 ))
awk -v s="$step" '(NR - 1) % s == 0' "$tmp/ids" | sed 's|^|/doc/|' >"$tmp/doc.paths"

"$bin" serve --db "$db" --port 0 >"$tmp/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do
  grep -q 'http://' "$tmp/serve.log" 2>/dev/null && break
  sleep 0.2
done
url=$(grep -o 'http://[0-9.:]*' "$tmp/serve.log" | head -1)
[ -n "$url" ] || { echo "wrk.sh: the server did not start:" >&2; cat "$tmp/serve.log" >&2; exit 1; }

echo "Server under wrk: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), index $(du -sm "$db" | cut -f1) MB, $(wc -l <"$tmp/ids") documents, wrk -t2 -c16 -d${secs}s"
echo "| pages | requests/s | p50 | p99 | requests | non-2xx | socket errors | server peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
failed=0
for kind in search doc api; do
  wrk -t2 -c16 -d"${secs}s" --timeout 10s --latency -s "$repo/bench/wrk-paths.lua" "$url" \
    -- "$tmp/$kind.paths" >"$tmp/$kind.out"
  kill -0 "$server" 2>/dev/null || { echo "wrk.sh: the server died:" >&2; cat "$tmp/serve.log" >&2; exit 1; }
  out=$tmp/$kind.out
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  total=$(awk '/requests in/ {print $1}' "$out")
  non2xx=$(awk '/Non-2xx or 3xx/ {print $NF}' "$out")
  sockets=$(sed -n 's/.*Socket errors: //p' "$out")
  errors=$(echo "${non2xx:-0} ${sockets:-0}" | awk -F'[^0-9]+' '{ for (i = 1; i <= NF; i++) n += $i } END { print n + 0 }')
  rss=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status")
  printf '| %s (%s paths) | %s | %s | %s | %s | %s | %s | %s |\n' "$kind" "$(wc -l <"$tmp/$kind.paths")" \
    "$rps" "$p50" "$p99" "$total" "${non2xx:-0}" "${sockets:-none}" "$rss"
  [ "$errors" -eq 0 ] || { failed=1; cat "$out" >&2; }
done
[ "$failed" -eq 0 ] || { echo "wrk.sh: errors under load (see above)" >&2; exit 1; }
