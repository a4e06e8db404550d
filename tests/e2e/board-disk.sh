#!/bin/sh
# The file changes on disk while the board has it open (a git pull):
# without local edits the board reloads it and says so; with local edits
# the user chooses, and "keep mine" then saves over it, "reload" takes
# the file's version.  A touch that changes nothing is not a change.
. "$TOP/tests/e2e/board-lib.inc"

map=$WORK/m.yaml
cp "$TOP/maps/blank.yaml" "$map"
"$WAYMARK" fmt "$map" > /dev/null || fail "fmt"

start 100 30 "$map"
wait_for "ready"
# Touched, not changed: nothing happens.
touch "$map"
sed 's/title: New journey map/title: Pulled title/' "$map" > "$WORK/pulled.yaml"
# Changed, no local edits: reloaded.
cp "$WORK/pulled.yaml" "$map"
wait_for "reloaded $map from disk"
wait_for "Pulled title"

# Local edits, then the file changes: the user is asked.
keys a
type_text "Board card"
keys Enter
wait_for "added 'Board card'"
sed 's/title: Pulled title/title: Pulled again/' "$map" > "$WORK/pulled2.yaml"
cp "$WORK/pulled2.yaml" "$map"
wait_for "File changed on disk"
keys k
wait_for "keeping the board's version"
keys s
wait_for "saved"
grep -q "title: Board card" "$map" || fail "keep mine did not save the board's card"

# Again, and this time reload the file's version.
keys a
type_text "Lost card"
keys Enter
wait_for "added 'Lost card'"
cp "$WORK/pulled2.yaml" "$map"
wait_for "File changed on disk"
keys r
wait_for "Drop the board's unsaved changes?"
keys y
wait_for "reloaded"
keys q
wait_for "WAYMARK-EXIT=0"
grep -q "Lost card" "$map" && fail "the dropped card reached the file"
cmp -s "$map" "$WORK/pulled2.yaml" || fail "the file is not the pulled version"
echo "board-disk: ok"
