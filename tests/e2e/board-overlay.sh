#!/bin/sh
# The measured overlay: o loads the map's event store in the background
# and shows users, step conversion against the target and drop-off per
# stage; the persona filter, w (window) and r (date range) recompute; a
# store that cannot be opened leaves the board working, with the reason.
. "$TOP/tests/e2e/board-lib.inc"

map=$WORK/sneakers.yaml
cp "$TOP/maps/sneakers.yaml" "$map"
"$WAYMARK" events demo "$WORK/sneakers-events.db" --map "$map" > /dev/null ||
	fail "events demo"
cksum "$WORK/sneakers-events.db" > "$WORK/store.sum"

start 130 40 --read-only "$map"
wait_for "read-only"
keys o
wait_for "measured numbers from $WORK/sneakers-events.db"
wait_for "measured: window 7d, all time"
# The first stage counts every entry; later stages say how they compare
# with their targets.
screen | grep -q "users .*%.*[▲▼]" || fail "no step conversion against target"
expected=$("$WAYMARK" funnel "$map" --format csv | awk -F, 'NR == 2 { print $3 }')
[ -n "$expected" ] || fail "waymark funnel gave no first-stage users"
wait_for "$expected users"
# An export carries the numbers on screen.
keys x
wait_for "The measured numbers on screen go with it."
keys m
wait_for "Export to:"
keys C-u
type_text "$WORK/measured.md"
keys Enter
wait_for "exported $WORK/measured.md"
grep -q "$expected" "$WORK/measured.md" ||
	fail "the export lacks the measured users ($expected)"
keys f
wait_for "persona: Marta"
# Only Marta's entries now: fewer users at the first stage.
wait_gone "$expected users"
keys w
wait_for "conversion window: 1d"
keys r
wait_for "entries in the last 7 days"
keys o
wait_for "measured numbers hidden"
keys q
wait_for "WAYMARK-EXIT=0"
ls -a "$WORK" | grep -q 'sneakers-events\.db.' &&
	fail "files appeared beside the store"
cksum "$WORK/sneakers-events.db" | cmp -s - "$WORK/store.sum" ||
	fail "the store changed"

# Numbers loaded for an older map say so, first in the title bar's note
# so that a terminal of ordinary width shows it: after a persona is
# added the note says the numbers are for an older map; o o loads them
# again.
start 100 40 --overlay "$map"
wait_for "measured: window 7d, all time"
wait_gone "older map"
keys P
wait_for "Personas"
keys a
wait_for "New persona name"
type_text "Luca"
keys Enter
wait_for "added"
keys Escape
wait_for "measured for an older map (o o reloads)"
# An export leaves out numbers that answer an older map.
keys x
wait_for "The numbers on screen answer an older map: left out."
keys Escape
wait_gone "left out"
keys o
wait_for "measured numbers hidden"
keys o
wait_for "measured numbers from $WORK/sneakers-events.db"
wait_for "measured: window 7d, all time"
wait_gone "older map"
# A stage's target is part of what the numbers answer too.
keys S
wait_for "Stages (columns)"
keys j e
wait_for "stage Research"
keys Tab Tab Tab Tab
wait_for "planned conversion from the previous stage"
keys Enter C-u
type_text "0.7"
keys Enter C-s
wait_gone "stage Research"
keys Escape
wait_for "measured for an older map (o o reloads)"
keys q
wait_for "has unsaved changes"
keys q
wait_for "WAYMARK-EXIT=0"

# A store that is not there: the board says why and keeps working.
sed 's/store: sneakers-events.db/store: missing.db/' "$map" > "$WORK/missing.yaml"
start 130 40 --read-only "$WORK/missing.yaml"
wait_for "read-only"
keys o
wait_for "no measured numbers: "
wait_for "missing.db"
keys j
wait_gone "no measured numbers"
keys q
wait_for "WAYMARK-EXIT=0"
[ -e "$WORK/missing.db" ] && fail "a missing store was created"
echo "board-overlay: ok"
