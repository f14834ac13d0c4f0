#!/usr/bin/env bash
# The browser tests (ctest: browser): index the sample corpus plus a hostile
# document (hostile-policy.txt: script, onerror and javascript: in its title
# and text), start `remisskoll serve` on a free port, and a second server that
# needs an access token, and drive Debian's chromium through them.
# Usage: run.sh REMISSKOLL SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
here="$src/tests/browser"
if [ ! -x /usr/bin/chromium ]; then
  echo "browser: /usr/bin/chromium is missing (Debian package chromium, listed in .ci/packages.txt)" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; })
fi
tmp=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
cp -r "$src/corpus" "$tmp/corpus"
cp "$here/hostile-policy.txt" "$tmp/corpus/program/"
"$bin" index --quiet --db "$tmp/db" "$tmp/corpus"

token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
# start LOG [VAR=VALUE...]: a server in the background
start() {
  local log=$1
  shift
  (cd "$tmp/corpus" && exec env "$@" "$bin" serve --db "$tmp/db" --port 0 >"$log" 2>&1) &
  servers+=($!)
}
# address LOG: the address the server printed, once it has
address() {
  for _ in $(seq 50); do
    grep -q 'http://' "$1" 2>/dev/null && break
    sleep 0.2
  done
  grep -o 'http://[0-9.:]*' "$1" | head -1
}
start "$tmp/serve.log"
start "$tmp/token.log" REMISSKOLL_TOKEN="$token"
url=$(address "$tmp/serve.log")
token_url=$(address "$tmp/token.log")
for u in "$url" "$token_url"; do
  [ -n "$u" ] || { echo "browser: a server did not start:" >&2; cat "$tmp"/*.log >&2; exit 1; }
done
cd "$here"
BASE_URL="$url" TOKEN_URL="$token_url" TOKEN="$token" node --test web.test.mjs
