#!/bin/sh
# --read-only presents a map: every editing key is refused with a message,
# nothing is written (no save, no journal), and the help screen lists the
# keys, marking the editing ones as off.
. "$TOP/tests/e2e/board-lib.inc"

map=$WORK/m.yaml
cp "$TOP/maps/lifecycle-5.yaml" "$map"
cp "$map" "$WORK/original.yaml"

start 100 30 --read-only "$map"
wait_for "read-only"
for k in a d L J y u + E; do
	keys "$k"
	wait_for "read-only: nothing can be changed"
	keys C-l
	wait_gone "nothing can be changed"
done
keys S
wait_for "Stages (columns)"
keys a
wait_for "read-only: nothing can be changed"
keys Escape
wait_gone "Stages (columns)"
keys s
wait_for "read-only: not saved"

# The help screen comes from the key tables.
keys "?"
wait_for "waymark keys"
wait_for "add a card in the current cell (off: read-only)"
wait_for "undo the last change"
keys q
wait_gone "waymark keys"

# Exporting a deliverable is not an edit: it works when presenting.
keys x
wait_for "Every card is exported."
keys m
wait_for "Export to: $WORK/m.md"
keys Enter
wait_for "exported $WORK/m.md"
grep -q "^# " "$WORK/m.md" || fail "the Markdown export has no title"

# Views still work when presenting.
keys p
wait_for "rows: departments"
keys z
wait_for "zoom: compact"
keys q
wait_for "WAYMARK-EXIT=0"
cmp -s "$map" "$WORK/original.yaml" || fail "read-only changed the file"
ls -a "$WORK" | grep -q waymark-journal && fail "read-only wrote a journal"

# Edits left by a crash: presenting says so and leaves them for later.
start 100 30 "$map"
wait_for "ready"
keys a
wait_for "New card title:"
type_text "Left by a crash"
keys Enter
wait_for "added 'Left by a crash'"
wait_file "$WORK/.m.yaml.waymark-journal"
kill -9 "$(board_pid)"
wait_for "WAYMARK-EXIT=137"
cp "$WORK/.m.yaml.waymark-journal" "$WORK/journal.before"
cp "$WORK/.m.yaml.waymark-lock" "$WORK/lock.before" ||
    fail "the crash left no lock"
start 100 30 --read-only "$map"
wait_for "unsaved edits from a crashed session exist; open without --read-only"
keys q
wait_for "WAYMARK-EXIT=0"
cmp -s "$WORK/.m.yaml.waymark-journal" "$WORK/journal.before" ||
    fail "read-only touched the crash's journal"
# Nothing is written: the crash's stale lock is left for the next board
# that edits to take over.
cmp -s "$WORK/.m.yaml.waymark-lock" "$WORK/lock.before" ||
    fail "read-only took or removed the crash's lock"
cmp -s "$map" "$WORK/original.yaml" || fail "read-only changed the file"
echo "board-readonly: ok"
