#!/bin/sh
# waymark events demo|import|check end to end: the demo store is
# deterministic and refuses to overwrite; the CSV import reads RFC 4180
# (BOM, CRLF, quotes, commas and line breaks in fields), reports bad rows
# by line and then imports nothing, rolls back on an interruption, and
# leaves an existing database as it was; check reports the coverage.
set -u
W=$WAYMARK
cd "$WORK" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
map=$TOP/maps/sneakers.yaml

# --- demo ----------------------------------------------------------------
"$W" events demo a.db --users 500 --seed 3 --map "$map" > out 2> err || fail "demo: $(cat err)"
grep -q "^a.db: [0-9]* events of 500 users" out || fail "demo summary: $(cat out)"
"$W" events demo b.db --users 500 --seed 3 --map "$map" > out 2> err || fail "demo b: $(cat err)"
cmp -s a.db b.db || fail "same seed, different bytes"
"$W" events demo c.db --users 500 --seed 4 --map "$map" > out 2> err || fail "demo c: $(cat err)"
cmp -s a.db c.db && fail "different seeds, same bytes"
q="SELECT count(*), count(DISTINCT user_id), min(ts), max(ts) FROM events"
[ "$(sqlite3 a.db "$q")" = "$(sqlite3 b.db "$q")" ] || fail "same seed, different rows"
# time-ordered rows, as a real log
[ "$(sqlite3 a.db "SELECT count(*) FROM events e JOIN events f ON f.rowid = e.rowid + 1 WHERE f.ts < e.ts")" = 0 ] ||
	fail "demo rows are not in time order"
# personas as segments, the map's channels, noise, duplicates
segs=$(sqlite3 a.db "SELECT group_concat(segment) FROM (SELECT DISTINCT segment FROM events ORDER BY 1)")
[ "$segs" = "commuter,gifter,guest,runner" ] || fail "segments: $segs"
sqlite3 a.db "SELECT DISTINCT channel FROM events" | grep -qx courier || fail "no card channel (courier)"
sqlite3 a.db "SELECT DISTINCT event FROM events" | grep -qx page_scroll || fail "no noise events"
dups=$(sqlite3 a.db "SELECT count(*) FROM (SELECT user_id, event, ts FROM events GROUP BY 1, 2, 3 HAVING count(*) > 1)")
[ "$dups" -gt 0 ] || fail "no duplicate events"
cp a.db a.keep
"$W" events demo a.db --users 10 --map "$map" > out 2> err; rc=$?
[ $rc = 1 ] && grep -q "a.db: already exists (use --force" err || fail "overwrite: $rc $(cat err)"
cmp -s a.db a.keep || fail "refused overwrite changed the file"
"$W" events demo a.db --users 10 --map "$map" --force > out 2> err || fail "--force: $(cat err)"
cmp -s a.db a.keep && fail "--force did not replace"
"$W" events demo x.db --users lots > out 2> err; rc=$?
[ $rc = 2 ] || fail "--users lots: exit $rc"
"$W" events demo > out 2> err; rc=$?
[ $rc = 2 ] || fail "demo without DB: exit $rc"
ls *.tmp-* 2>/dev/null && fail "demo left temporary files"

# --- import --------------------------------------------------------------
# BOM, CRLF, a quoted comma, a doubled quote, a line break inside a field,
# an ISO time, a header in another order with other names.
printf '\357\273\277who,what,when,seg,chan\r\n' > good.csv
printf 'u1,landing_view,1767571200,runner,web\r\n' >> good.csv
printf '"u,2",product_view,2026-01-05T10:00:00.250+01:00,"com""muter",app\r\n' >> good.csv
printf '"u\n3",search,1767571300,,\r\n' >> good.csv
printf 'u4,checkout_complete,1767571400,gifter,store\r\n' >> good.csv
printf 'u5,review_posted,1767571500.25,gifter,email' >> good.csv
"$W" events import new.db good.csv --user-col who --event-col what --time-col when \
	--segment-col seg --channel-col chan > out 2> err || fail "import: $(cat err)"
grep -q "imported 5 rows" out || fail "import summary: $(cat out)"
got=$(sqlite3 -separator '|' new.db "SELECT user_id, event, ts, typeof(ts), ifnull(segment,'NULL'), ifnull(channel,'NULL') FROM events ORDER BY rowid")
want='u1|landing_view|1767571200|integer|runner|web
u,2|product_view|2026-01-05T10:00:00.250+01:00|text|com"muter|app
u
3|search|1767571300|integer|NULL|NULL
u4|checkout_complete|1767571400|integer|gifter|store
u5|review_posted|1767571500.25|real|gifter|email'
[ "$got" = "$want" ] || fail "imported rows: $got"

# Bad rows: reported with their line numbers (line 4 comes after a quoted
# line break), nothing imported, the database as it was.
cp new.db new.keep
printf 'user_id,event,ts\nu5,search,1767571500\n"u\n6",search,tomorrow\nu7,,1767571500\nu8,search\nu9,search,1767571600\n' > bad.csv
"$W" events import new.db bad.csv > out 2> err; rc=$?
[ $rc = 1 ] || fail "bad rows: exit $rc"
grep -q '^waymark: bad.csv:3: time "tomorrow" is neither a number nor an ISO-8601 time' err || fail "bad time line: $(cat err)"
grep -q '^waymark: bad.csv:5: empty event name' err || fail "empty event line: $(cat err)"
grep -q '^waymark: bad.csv:6: expected 3 fields, found 2' err || fail "short row line: $(cat err)"
grep -q "3 bad rows; nothing was imported" err || fail "bad rows summary: $(cat err)"
cmp -s new.db new.keep || fail "a refused import changed the database"
[ ! -e new.db-journal ] || fail "a journal was left"
"$W" events import fresh.db bad.csv > out 2> err; rc=$?
[ $rc = 1 ] && [ ! -e fresh.db ] || fail "a refused import into a new file left it: $rc"
"$W" events import new.db bad.csv --skip-bad > out 2> err || fail "--skip-bad: $(cat err)"
[ "$(sqlite3 new.db "SELECT count(*) FROM events")" = 7 ] || fail "--skip-bad did not import the 2 good rows"
printf 'user_id,event,ts\n"u1,search,1\n' > open.csv
"$W" events import new.db open.csv > out 2> err; rc=$?
[ $rc = 1 ] && grep -q "open.csv:2: quoted field not closed" err || fail "open quote: $rc $(cat err)"
printf 'user,event,ts\n' > hdr.csv
"$W" events import new.db hdr.csv > out 2> err; rc=$?
[ $rc = 1 ] && grep -q 'hdr.csv:1: no column "user_id" in the header; it has: user, event, ts (name the columns with --user-col, --event-col, --time-col)' err || fail "header: $rc $(cat err)"
"$W" events import new.db missing.csv > out 2> err; rc=$?
[ $rc = 1 ] && grep -q "missing.csv: no such file" err || fail "missing csv: $rc $(cat err)"

# An interrupted import rolls back: feed rows through a pipe that stays
# open, wait until the transaction has started writing, then Ctrl-C.
cp new.db int.keep
mkfifo feed.csv
( printf 'user_id,event,ts\n'; i=0; while [ $i -lt 20000 ]; do printf 'x%d,search,%d\n' $i $i; i=$((i + 1)); done; sleep 20 ) > feed.csv &
feeder=$!
"$W" events import new.db feed.csv > out 2> err &
importer=$!
i=0
while [ ! -e new.db-journal ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -e new.db-journal ] || fail "the import never started writing"
sleep 0.2
kill -INT $importer
wait $importer; rc=$?
kill $feeder 2>/dev/null; wait $feeder 2>/dev/null
[ $rc = 1 ] && grep -q "interrupted; nothing was imported" err || fail "interrupt: $rc $(cat err)"
cmp -s new.db int.keep || fail "an interrupted import changed the database"
[ ! -e new.db-journal ] || fail "an interrupted import left a journal"

# --- check ---------------------------------------------------------------
mkdir s
cp "$map" s/sneakers.yaml
"$W" events demo s/sneakers-events.db --users 300 --map s/sneakers.yaml > out 2> err || fail "demo s: $(cat err)"
"$W" events check s/sneakers.yaml > out 2> err || fail "check: $(cat err)"
grep -q "^events in the store that no stage or card uses: 6" out || fail "check unmapped count: $(cat out)"
grep -Eq "^  page_scroll +[0-9]+" out || fail "check lacks page_scroll with a count: $(cat out)"
grep -q "stage and card events never seen in the store:" out || fail "check: never-seen section"
grep -Eq "^  checkout_complete +[0-9]+  purchase, touchpoint$" out || fail "check: used events with counts: $(cat out)"
sqlite3 s/sneakers-events.db "DELETE FROM events WHERE event = 'review_read'"
"$W" events check s/sneakers.yaml > out 2> err || fail "check 2: $(cat err)"
grep -q "^  stage exploration: review_read" out || fail "check: review_read not reported as never seen: $(cat out)"
grep -q "^  card .*: review_read" out || fail "check: the card's review_read not reported: $(cat out)"
"$W" events check s/sneakers.yaml --events nope.db > out 2> err; rc=$?
[ $rc = 1 ] && grep -q "nope.db: no such file" err || fail "check missing store: $rc $(cat err)"
"$W" events frobnicate > out 2> err; rc=$?
[ $rc = 2 ] || fail "unknown subcommand: exit $rc"
"$W" events --help > out 2> err || fail "events --help"
grep -q "skip-bad" out || fail "events --help lacks --skip-bad"

echo "events: $fails failures"
[ $fails -eq 0 ]
