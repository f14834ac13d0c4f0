#!/usr/bin/env bash
# The browser tests (ctest: browser): index the sample corpus, start
# `remisskoll serve` on a free port, drive Debian's chromium through it.
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
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$bin" index --quiet --db "$tmp/db" "$src/corpus"
(cd "$src/corpus" && exec "$bin" serve --db "$tmp/db" --port 0 > "$tmp/serve.log" 2>&1) &
server=$!
for _ in $(seq 50); do
  grep -q 'http://' "$tmp/serve.log" 2>/dev/null && break
  sleep 0.2
done
url=$(grep -o 'http://[0-9.:]*' "$tmp/serve.log" | head -1)
[ -n "$url" ] || { echo "browser: the server did not start:" >&2; cat "$tmp/serve.log" >&2; exit 1; }
cd "$here"
BASE_URL="$url" node --test web.test.mjs
