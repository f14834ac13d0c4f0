#!/bin/sh
# Lays out the draft and the revised draft as pdftotext-style text
# (see layout.py for the markup and the artefacts it produces).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for stem in trygghetsprogram-2027 trygghetsprogram-2027-reviderat; do
  python3 "$here/layout.py" "$here/src/$stem.src" > "$here/../program/$stem.txt"
done
