#!/bin/sh
# Regenerates the binary (PDF, DOCX, ODT) and Windows-1252 documents of
# corpus/program from their UTF-8 sources in corpus/tools/src.
# Needs python3, iconv and LibreOffice (apt-get install libreoffice-writer-nogui).
# PDF/DOCX/ODT output differs byte for byte between runs (timestamps, ids);
# the extracted text does not.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../program"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

convert() { # source stem, LibreOffice filter, output extension
  python3 "$here/md2fodt.py" "$here/src/$1.src" > "$tmp/$1.fodt"
  soffice --headless -env:UserInstallation=file://"$tmp/profile" \
    --convert-to "$3:$2" --outdir "$tmp" "$tmp/$1.fodt" > /dev/null
  cp "$tmp/$1.$3" "$out/$1.$3"
}

convert sakerhetsprogram-2019 writer_pdf_Export pdf
convert informationssakerhetspolicy "MS Word 2007 XML" docx
convert posom-riktlinje writer8 odt

iconv -f utf-8 -t windows-1252 "$here/src/civil-beredskap-plan-2025.src" \
  > "$out/civil-beredskap-plan-2025.txt"
