#!/usr/bin/env bash
# Screenshots of every page and the gap report's PDF pages, for review.
# Usage: tests/browser/screenshots.sh OUT_DIR [REMISSKOLL]
# Indexes corpus/, starts a server, saves OUT_DIR/*.png, bristrapport.pdf and
# its pages as bristrapport-N.png (pdftoppm, Debian package poppler-utils).
set -euo pipefail
out=$(realpath -m "${1:?usage: screenshots.sh OUT_DIR [REMISSKOLL]}")
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
bin=${2:-$src/build/query/remisskoll}
mkdir -p "$out"
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm install --no-audit --no-fund)
tmp=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$bin" index --quiet --db "$tmp/db" "$src/corpus"
(cd "$src/corpus" && exec "$bin" serve --db "$tmp/db" --port 0 > "$tmp/serve.log" 2>&1) &
server=$!
for _ in $(seq 50); do grep -q 'http://' "$tmp/serve.log" 2>/dev/null && break; sleep 0.2; done
url=$(grep -o 'http://[0-9.:]*' "$tmp/serve.log" | head -1)
(cd "$here" && BASE_URL="$url" OUT_DIR="$out" node screenshots.mjs)
pdftoppm -png -r 60 "$out/bristrapport.pdf" "$out/bristrapport"
ls "$out"
