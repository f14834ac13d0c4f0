#!/usr/bin/env bash
# Crash safety: `remisskoll index` is killed with SIGKILL at random points,
# several times, on a copy of corpus/ plus a few hundred generated files.
# After every kill the index opens, and no document is half-indexed: each
# document's XD term (on its record and on each passage) is on passages+1
# records, and no passage lacks its document. While an index runs, a reader
# sees a consistent committed state and a second writer is refused with
# exit 3 and "skrivs av en annan process". A final run completes and holds
# exactly the documents of a clean index, with no duplicates.
#
# Usage: kill9.sh REMISSKOLL REPO [GEN_CORPUS]
#   RK_KILL9_ROUNDS (default 6) and RK_KILL9_SEED (default: random, printed).
set -uo pipefail
bin=$1
repo=$2
gen=${3:-}
rounds=${RK_KILL9_ROUNDS:-6}
seed=${RK_KILL9_SEED:-$((($(date +%s) ^ $$) % 32768))}
RANDOM=$seed
echo "kill9: seed $seed (RK_KILL9_SEED=$seed to repeat), $rounds rounds"

work=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
command -v jq >/dev/null || { echo "FAIL: jq saknas"; exit 1; }
delve=$(command -v xapian-delve || command -v delve) || { echo "FAIL: xapian-delve saknas"; exit 1; }

# --- the input: corpus/ and generated files --------------------------------
in=$work/in
cp -r "$repo/corpus" "$in"
realdata=$repo/../shared/realdata
if [[ -n $gen && -x $gen && -d $realdata/goteborg-kf ]]; then
  "$gen" --seed 7 --size 3M --out "$in/gen" >/dev/null || { echo "FAIL: gen_corpus"; exit 1; }
else
  # Without the real data: variations of the sample corpus's text files.
  mkdir -p "$in/gen"
  mapfile -t sources < <(find "$repo/corpus" -name '*.txt' -not -path '*/tools/*' | sort)
  for i in $(seq 1 200); do
    src=${sources[$((i % ${#sources[@]}))]}
    { echo "Genererad handling nummer $i"; echo; cat "$src"; } >"$in/gen/fil-$i.txt"
  done
fi
files=$(find "$in" -type f | wc -l)
echo "kill9: $files files, $(du -sh "$in" | cut -f1)"

# --- checks -----------------------------------------------------------------
revision_of() { "$delve" "$1" 2>/dev/null | sed -n 's/^revision = //p'; }

# Sets DOCS and RECORDS, and fails unless every document is whole. The reads
# (docs --json, then delve twice) are separate processes: while an index runs
# a commit may land between them, so they count only when the database's
# revision is the same before and after (up to 20 tries).
check_consistent() {  # check_consistent DB WHEN
  local db=$1 when=$2 try before after expected
  for try in $(seq 1 20); do
    DOCS='' RECORDS=''
    before=$(revision_of "$db")
    if ! "$bin" docs --db "$db" --json >"$work/docs.json" 2>"$work/docs.err"; then
      fail "$when: docs --json fails: $(head -2 "$work/docs.err")"
      return
    fi
    jq -r '.documents[] | "XD\(.id) \(.passages + 1)"' "$work/docs.json" | sort >"$work/want"
    "$delve" -A XD -v -1 "$db" 2>/dev/null | sed 1d | sort >"$work/have"
    RECORDS=$("$delve" "$db" | sed -n 's/^number of documents = //p')
    after=$(revision_of "$db")
    [[ -n $before && $before == "$after" ]] && break
  done
  [[ $before == "$after" ]] || echo "kill9: $when: the revision moved during every try"
  if ! cmp -s "$work/want" "$work/have"; then
    fail "$when: half-indexed documents at revision $after (want: record + passages; have: records per XD term):"
    diff "$work/want" "$work/have" | head -6
  fi
  DOCS=$(jq '.documents | length' "$work/docs.json")
  expected=$(jq '[.documents[].passages + 1] | add // 0' "$work/docs.json")
  [[ $RECORDS == "$expected" ]] || fail "$when: $RECORDS records, documents account for $expected"
}

# show ID --json and search dok:ID agree for a few documents (the CLI's view).
check_sample() {  # check_sample DB WHEN
  local db=$1 when=$2 id shown found
  for id in $(jq -r '.documents[].id' "$work/docs.json" | shuf -n 3 --random-source=<(yes "$seed")); do
    shown=$("$bin" show --db "$db" --json "$id" | jq '[.document.sections[].passages | length] | add // 0')
    found=$("$bin" search --db "$db" --json --limit 100000 "dok:$id" | jq '.hits | length')
    [[ $shown == "$found" ]] || fail "$when: $id: show has $shown passages, search dok:$id finds $found"
  done
}

# --- a clean index: the reference -------------------------------------------
clean=$work/clean.db
start=$(date +%s%N)
"$bin" index --quiet --db "$clean" "$in" 2>"$work/clean.err"
status=$?
[[ $status == 0 ]] || fail "clean index exits $status: $(head -3 "$work/clean.err")"
clean_ms=$((($(date +%s%N) - start) / 1000000))
check_consistent "$clean" "clean index"
clean_docs=$DOCS clean_records=$RECORDS
echo "kill9: clean index ${clean_ms} ms, $clean_docs documents, $clean_records records"
((clean_docs > 100)) || fail "the clean index has only $clean_docs documents"

# --- kill rounds ---------------------------------------------------------------
db=$work/killed.db
for round in $(seq 1 "$rounds"); do
  # Small batches commit often; odd rounds also let Xapian flush on its own
  # after few changes, as it does every 10,000 records in a large batch.
  env=()
  ((round % 2)) && env=(XAPIAN_FLUSH_THRESHOLD=200)
  delay=$((clean_ms / 20 + RANDOM * (clean_ms * 6 / 10) / 32768))
  env "${env[@]}" "$bin" index --quiet --batch-mb 1 --db "$db" "$in" 2>"$work/round.err" &
  pid=$!
  sleep "$(awk "BEGIN { print $delay / 2000 }")"

  if kill -0 "$pid" 2>/dev/null; then
    # A second writer is refused at once, with the documented status and words.
    timeout 30 "$bin" index --quiet --db "$db" "$in" >/dev/null 2>"$work/second.err"
    status=$?
    if [[ $status != 3 ]] || ! grep -q "skrivs av en annan process" "$work/second.err"; then
      # The first may have finished meanwhile; only a live writer counts.
      kill -0 "$pid" 2>/dev/null && fail "round $round: second writer exits $status: $(head -2 "$work/second.err")"
    fi
    # A reader during the run sees a consistent committed state.
    if [[ -d $db ]]; then
      check_consistent "$db" "round $round, reader during indexing"
      echo "kill9: round $round: a reader during indexing sees ${DOCS:-?} documents"
    fi
  fi
  sleep "$(awk "BEGIN { print $delay / 2000 }")"
  kill -9 "$pid" 2>/dev/null && echo "kill9: round $round: killed after ~${delay} ms ${env[*]}"
  wait "$pid" 2>/dev/null
  if [[ -d $db ]]; then
    check_consistent "$db" "after kill $round"
    [[ -n $DOCS ]] && check_sample "$db" "after kill $round"
    echo "kill9: round $round: $DOCS documents, $RECORDS records after the kill"
  fi
  # Change some files so that the next round also re-indexes (delete + add).
  for f in $(find "$in/gen" -type f | shuf -n 30 --random-source=<(yes "$round$seed")); do
    echo "Tillägg i omgång $round." >>"$f"
  done
done

# --- the final run completes, with the clean run's documents -----------------
"$bin" index --quiet --db "$db" "$in" 2>"$work/final.err"
status=$?
[[ $status == 0 ]] || fail "final index exits $status: $(head -3 "$work/final.err")"
check_consistent "$db" "final index"
final_docs=$DOCS final_records=$RECORDS
check_sample "$db" "final index"
dupes=$(jq -r '.documents[].id' "$work/docs.json" | sort | uniq -d | head -3)
[[ -z $dupes ]] || fail "duplicate document ids: $dupes"
# The same files, indexed clean, give the same documents and passages.
rm -rf "$clean"
"$bin" index --quiet --db "$clean" "$in" 2>/dev/null
check_consistent "$clean" "clean index after the changes"
[[ $final_docs == "$DOCS" ]] || fail "final index has $final_docs documents, a clean index $DOCS"
[[ $final_records == "$RECORDS" ]] || fail "final index has $final_records records, a clean index $RECORDS"
echo "kill9: final index $final_docs documents, $final_records records (clean: $DOCS, $RECORDS)"

if ((failed > 0)); then
  echo "kill9: $failed failures (seed $seed)"
  exit 1
fi
echo "kill9: all checks passed"
