#!/usr/bin/env bash
# End-to-end tests of the command line: the real binary on corpus/, checking
# the format-1 JSON contracts (docs/commands.md), exit statuses, messages
# that name the file and the reason, and incremental re-indexing.
# Usage: run.sh path/to/remisskoll path/to/repo
set -uo pipefail
bin=$1
repo=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect() {  # expect DESCRIPTION COMMAND... : the command must succeed
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then ok; else bad "$what"; fi
}
jqtest() {  # jqtest DESCRIPTION FILE FILTER : the jq filter must print true
  if [ "$(jq -r "$3" "$2" 2>/dev/null)" = true ]; then ok; else bad "$1"; fi
}

db=$tmp/corpus.db

"$bin" >/dev/null 2>&1; expect "no arguments exits 2" test $? -eq 2

"$bin" index --db "$db" "$repo/corpus" 2>"$tmp/index.err"; status=$?
expect "corpus indexes with exit 0" test $status -eq 0
expect "index prints a summary" grep -q "Klart på" "$tmp/index.err"

"$bin" docs --db "$db" --json >"$tmp/docs.json"
jqtest "docs: format 1" "$tmp/docs.json" '.format == 1'
jqtest "docs: 27 documents" "$tmp/docs.json" '(.documents | length) == 27'
jqtest "docs: every field of the contract" "$tmp/docs.json" \
  '[.documents[] | has("id") and has("title") and has("kind") and has("author") and has("date")
    and has("responds_to") and has("replaces") and has("passages") and (.source | has("path")
    and has("line_start") and has("line_end"))] | all'
jqtest "docs: kinds are ours" "$tmp/docs.json" \
  '[.documents[].kind] | all(IN("program","plan","policy","guideline","strategy","motion",
    "staff_report","response","compilation","decision","minutes","statement","other"))'
jqtest "docs: dates are ISO" "$tmp/docs.json" \
  '[.documents[].date | select(. != null)] | all(test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))'

"$bin" show --db "$db" --json trygghetsprogram-2027 >"$tmp/show.json"
jqtest "show: format 1 and the document's id" "$tmp/show.json" \
  '.format == 1 and .document.id == "trygghetsprogram-2027"'
jqtest "show: passages carry id, page, lines, text" "$tmp/show.json" \
  '[.document.sections[].passages[] | has("id") and has("page") and has("line_start")
    and has("line_end") and has("text")] | all'
jqtest "show: pages run from 1 to 12" "$tmp/show.json" \
  '([.document.sections[].passages[].page] | min == 1 and max == 12)'
jqtest "show: passage ids are stable <doc>:p<N>" "$tmp/show.json" \
  '[.document.sections[].passages[].id] | all(test("^trygghetsprogram-2027:p[0-9]+$"))'
jqtest "show: line numbers point into the source file" "$tmp/show.json" \
  "[.document.sections[].passages[] | .line_start >= 1 and .line_end >= .line_start
    and .line_end <= $(wc -l <"$repo/corpus/program/trygghetsprogram-2027.txt")] | all"

jq --slurpfile want "$repo/corpus/expected/responses.json" \
  '. as $docs | ([$want[0].documents[] | select(.decision != null) | {key: .id, value: .decision}]
   | from_entries) as $w | [$docs.documents[] | select($w[.id] != null)
   | select(.decision.stance == $w[.id])] | length' \
  "$tmp/docs.json" >"$tmp/decisions"
expect "docs: response decisions as written down (>= 13 of 14)" test "$(cat "$tmp/decisions")" -ge 13
"$bin" show --db "$db" --json remissvar-sdn-vastra-asen >"$tmp/response.json"
jqtest "show: a response's respondent, decision evidence and statements" "$tmp/response.json" \
  '.document.respondent.category == "district_committee" and .document.decision.stance == "avstyrker"
   and (.document.decision.evidence.passage | startswith("remissvar-sdn-vastra-asen:p"))
   and ([.document.statements[] | has("passage") and has("text") and has("stance") and has("cue")
   and has("sections")] | all) and ([.document.statements[].stance] | any(. == "critical"))'

"$bin" show --db "$db" no-such-document >/dev/null 2>"$tmp/show.err"
expect "show: unknown id exits 4" test $? -eq 4
expect "show: unknown id is named" grep -q "no-such-document" "$tmp/show.err"

# Personal data (docs/commands.md, show): the staff report's phone number.
"$bin" show --db "$db" --json handling-2027-nr-41.03 >"$tmp/personal.json"
jqtest "show: personal_data lists the staff report's phone number" "$tmp/personal.json" \
  '[.document.personal_data[] | select(.kind == "phone" and .end > .begin)] | length == 1'
"$bin" show --db "$db" --redact handling-2027-nr-41.03 >"$tmp/personal.txt"
expect "show --redact replaces it" grep -q "Telefon: \[telefonnummer\]" "$tmp/personal.txt"

"$bin" search --db "$db" --json --limit 5 'informationssäkerhet leverantörer' >"$tmp/search.json"
jqtest "search: format 1, total and hits" "$tmp/search.json" \
  '.format == 1 and .total > 0 and (.hits | length) > 0 and (.hits | length) <= 5'
jqtest "search: hit fields" "$tmp/search.json" \
  '[.hits[] | has("doc") and has("passage") and has("score") and has("page") and has("text")
    and has("snippet")] | all'
jqtest "search: snippets mark the words" "$tmp/search.json" '[.hits[].snippet] | any(test("<mark>"))'
jqtest "search: facets by kind and author" "$tmp/search.json" \
  '(.facets | has("kind") and has("author")) and (.facets.kind | length) > 0'

"$bin" search --db "$db" --json --limit 100 krisstödsgrupp >"$tmp/synonym.json"
jqtest "search: corpus/termbank.tbx makes krisstödsgrupp find Posom-grupp" "$tmp/synonym.json" \
  '[.hits[].doc] | index("posom-riktlinje") != null'

"$bin" search --db "$db" --json 'typ:response krisgrupp' >"$tmp/typ.json"
jqtest "search: typ: filter" "$tmp/typ.json" '.total > 0 and ([.hits[].doc] | all(startswith("remissvar")))'
"$bin" search --db "$db" --json 'år:2018 säkerhetssamordnare' >"$tmp/year.json"
jqtest "search: år: filter" "$tmp/year.json" '.total > 0 and ([.hits[].doc] | all(. == "sakerhetsprogram-2019"))'
"$bin" search --db "$db" --json --limit 100 --linked posom-riktlinje krisstödsgrupp >"$tmp/linked.json"
jqtest "search --linked: the neighbourhood, and hits only inside it" "$tmp/linked.json" \
  '.linked.doc == "posom-riktlinje" and .linked.docs[0] == {"id":"posom-riktlinje","steps":0}
   and ([.linked.docs[].id] as $n | .total > 0 and ([.hits[].doc] | all(. as $d | $n | index($d) != null)))'
"$bin" search --db "$db" --linked finns-inte policy >/dev/null 2>&1
expect "search --linked: unknown id exits 4" test $? -eq 4
"$bin" search --db "$db" --explain policy >/dev/null 2>"$tmp/explain.err"
expect "search --explain prints the parsed query" grep -q "Tolkad fråga" "$tmp/explain.err"

"$bin" index --db "$db" "$repo/corpus" 2>"$tmp/again.err"
expect "re-index with nothing changed" grep -q "0 indexerade" "$tmp/again.err"

# A broken file: named with its reason, exit 1, the rest indexed.
mkdir -p "$tmp/mixed"
cp "$repo/corpus/program/leverantorsriktlinje.txt" "$tmp/mixed/"
printf 'PK\003\004 not really a zip' >"$tmp/mixed/trasig.docx"
: >"$tmp/mixed/tom.txt"
"$bin" index --db "$tmp/mixed.db" "$tmp/mixed" 2>"$tmp/mixed.err"
expect "broken files exit 1" test $? -eq 1
expect "the broken docx is named" grep -q "trasig.docx: " "$tmp/mixed.err"
expect "the empty file is named" grep -q "tom.txt: filen är tom" "$tmp/mixed.err"
"$bin" docs --db "$tmp/mixed.db" --json >"$tmp/mixed.json"
jqtest "the good file is indexed" "$tmp/mixed.json" '(.documents | length) == 1'

# A bad manifest: file and line, exit 2, nothing written.
mkdir -p "$tmp/badmanifest"
cp "$repo/corpus/program/leverantorsriktlinje.txt" "$tmp/badmanifest/"
printf '[leverantorsriktlinje.txt]\nkind = pamflett\n' >"$tmp/badmanifest/manifest.ini"
"$bin" index --db "$tmp/bad.db" "$tmp/badmanifest" 2>"$tmp/bad.err"
expect "bad manifest exits 2" test $? -eq 2
expect "bad manifest names file and line" grep -q "manifest.ini:2: okänd dokumenttyp" "$tmp/bad.err"
expect "bad manifest writes nothing" test ! -e "$tmp/bad.db"

# A missing index gets the fix.
"$bin" docs --db "$tmp/none.db" 2>"$tmp/none.err"
expect "missing index exits 3" test $? -eq 3
expect "missing index says how to make one" grep -q "remisskoll index" "$tmp/none.err"

# References between documents (refs): the contract's JSON and the graph.
"$bin" refs --db "$db" --json >"$tmp/refs.json"
jqtest "refs: format 1, references and findings with the contract's fields" "$tmp/refs.json" \
  '.format == 1 and (.references | length) > 0 and all(.references[]; has("from") and has("passage") and has("target_text") and has("target") and has("status")) and any(.findings[]; .type == "missing_reference" and .doc == "trygghetsprogram-2027" and .target == "informationssakerhetspolicy")'
"$bin" refs --db "$db" --dot >"$tmp/refs.dot"
expect "refs --dot draws a digraph" grep -q "^digraph" "$tmp/refs.dot"

# The consultation analyses (compile, gaps) and the gap report: the contract's JSON.
"$bin" compile --db "$db" --program trygghetsprogram-2027 --json >"$tmp/compile.json"
jqtest "compile: format 1, 14 responses with respondent, category, decision and evidence" "$tmp/compile.json" \
  '.format == 1 and .program == "trygghetsprogram-2027" and (.responses | length) == 14 and all(.responses[]; has("doc") and has("respondent") and has("category") and has("decision") and has("evidence") and has("statements")) and (.groups | length) == 1'
jqtest "compile: the office's table disagrees only on Utbildningsnämnden" "$tmp/compile.json" \
  '[.compilations[] | select(.kind == "compilation") | .rows[] | select(.agrees == false) | .respondent] == ["Utbildningsnämnden"]'
"$bin" compile --db "$db" --program trygghetsprogram-2027 --csv >"$tmp/compile.csv"
expect "compile --csv has the header and a row per response" test "$(wc -l <"$tmp/compile.csv")" -eq 15
"$bin" gaps --db "$db" --program trygghetsprogram-2027 --json >"$tmp/gaps.json"
jqtest "gaps: format 1, våld i nära relationer absent and taken up by the revision" "$tmp/gaps.json" \
  '.format == 1 and .revision == "trygghetsprogram-2027-reviderat" and any(.gaps[]; .topic == "våld i nära relationer" and .coverage == "absent" and .revision == "taken_up" and (.raised_by | length) >= 3) and all(.gaps[]; has("topic") and has("coverage") and has("score") and has("raised_by") and has("program_passages"))'
"$bin" gaps --db "$db" --program finns-inte 2>"$tmp/gaps.err"
expect "gaps for an unknown program exits 4" test $? -eq 4
"$bin" report --db "$db" --program trygghetsprogram-2027 --format md --out "$tmp/report.md"
expect "report --format md writes the gap report" grep -q "våld i nära relationer" "$tmp/report.md"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
