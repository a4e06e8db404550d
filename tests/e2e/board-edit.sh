#!/bin/sh
# The board end to end: open the worked example, add a card, edit it in
# the form, move it, undo, redo, save, quit; the file then holds exactly
# the original plus that card; reopen and see it.
. "$TOP/tests/e2e/board-lib.inc"

map=$WORK/journey.yaml
cp "$TOP/maps/sneakers.yaml" "$map"
"$WAYMARK" fmt "$map" || fail "fmt"
cp "$map" "$WORK/original.yaml"

start 120 40 "$map"
wait_for "ready: ? shows every key"
wait_for "Instagram ad"

keys a
wait_for "New card title:"
type_text "First touch"
keys Enter
wait_for "added 'First touch'"

keys e
wait_for "Personas"
keys Enter
keys C-u
type_text "Edited touch"
keys Enter
keys C-s
wait_for "card saved in the map"
wait_for "Edited touch"

# Move it to the next stage, undo, redo.
keys L
wait_for "Research × Touchpoints"
keys u
wait_for "undone: move card"
keys C-l
wait_for "Discovery × Touchpoints · card 3/3"
keys C-r
wait_for "redone: move card"
keys C-l
wait_for "Research × Touchpoints · card 4/4"
screen | grep -q "\[+\]" || fail "no modified mark"

keys s
wait_for "saved $map"
screen | grep -q "\[+\]" && fail "modified mark after saving"

# A save that fails says truthfully where the map is: with nothing
# unsaved, that nothing is unsaved (not that edits are only in the window).
keys W
wait_for "Save as:"
keys C-u
type_text "$WORK/no-such-dir/x.yaml"
keys Enter
wait_for "not saved: "
wait_for "the board has no unsaved edits (W: save as)"
keys q
wait_for "WAYMARK-EXIT=0"
wait_for "TERMINAL-SANE"
[ -e "$WORK/.journey.yaml.waymark-journal" ] && fail "journal left behind"
[ -e "$WORK/.journey.yaml.waymark-lock" ] && fail "lock left behind"

# The file: the original plus one card, nothing else changed.
grep -q "title: Edited touch" "$map" || fail "the card's title is not saved"
awk '/^  - id: first-touch$/ { skip = 1; print; next }
     skip && /^  - id: / { skip = 0 }
     skip && /^    (stage|lane|title|owner|channel):/ { print; next }
     skip { next } { print }' "$map" > "$WORK/card.txt"
grep -A5 "id: first-touch" "$WORK/card.txt" | grep -q "stage: research" ||
	fail "the card did not move to research"
awk '/^  - id: first-touch$/ { skip = 1; next }
     skip && /^  - id: / { skip = 0 }
     skip && /^[a-z]/ { skip = 0 }
     skip { next } { print }' "$map" > "$WORK/without.yaml"
diff "$WORK/original.yaml" "$WORK/without.yaml" ||
	fail "the save changed more than the new card"
"$WAYMARK" validate "$map" > /dev/null 2>&1 || fail "the saved map is not valid"

# Reopen: the card is there, in Research.
start 120 40 "$map"
wait_for "Edited touch"
keys q
wait_for "WAYMARK-EXIT=0"
echo "board-edit: ok"
