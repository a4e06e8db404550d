#!/bin/sh
# The issue's "done when", as a facilitator would do it: open the worked
# example, find the keys with ?, add a stage and five touchpoints owned by
# three departments, survive a kill -9 in the middle, undo a mistake,
# pivot to the department view, save; the file holds all of it.
. "$TOP/tests/e2e/board-lib.inc"

map=$WORK/sneakers.yaml
cp "$TOP/maps/sneakers.yaml" "$map"

start 160 48 "$map"
wait_for "ready: ? shows every key"
keys "?"
wait_for "add a card in the current cell"
keys q
wait_gone "waymark keys"

# A new stage at the end.
keys S
wait_for "Stages (columns)"
keys j j j j a
wait_for "New stage name:"
type_text "Advocacy"
keys Enter
wait_for "advocacy · 0 cards"
keys Escape
wait_gone "Stages (columns)"
keys '$'
wait_for "Advocacy × Touchpoints"

# add TITLE [form keys...]: a card, then its owner through the form.
add() {
	title=$1
	shift
	keys a
	wait_for "New card title:"
	type_text "$title"
	keys Enter
	wait_for "added '$title'"
	if [ $# -gt 0 ]; then
		keys e
		wait_for "Personas"
		keys Tab "$@" C-s
		wait_for "card saved in the map"
	fi
}
add "Referral program" Right                 # Marketing
add "Review request email"                   # keeps Marketing
add "Store ambassador event" Right Right Right Right Right  # Stores
wait_file "$WORK/.sneakers.yaml.waymark-journal"
n=0
until grep -q "Store ambassador event" "$WORK/.sneakers.yaml.waymark-journal" &&
    grep -q "owner: retail" "$WORK/.sneakers.yaml.waymark-journal"; do
	n=$((n + 1)); [ $n -gt 200 ] && fail "the journal lacks the edits"
	sleep 0.05
done
kill -9 "$(board_pid)"
wait_for "WAYMARK-EXIT=137"

start 160 48 "$map"
wait_for "Recover unsaved edits?"
wait_for "Cards: 3 added, 0 removed, 0 changed."
keys r
wait_for "recovered the unsaved edits"
keys '$' j j
wait_for "Advocacy × Touchpoints · card 3/3"
add "Loyalty app badge" Left Left Left Left   # E-commerce
add "Thank-you call" Right                    # Customer care
# A mistake, undone.
keys d
wait_for "Delete card 'Thank-you call'?"
keys y
wait_for "deleted"
keys u
wait_for "undone: "
# Who owns what: the service blueprint view.
keys p
wait_for "rows: departments"
wait_for "Customer care"
keys s
wait_for "saved $map"
keys q
wait_for "WAYMARK-EXIT=0"

"$WAYMARK" validate "$map" > /dev/null 2>&1 || fail "the saved map is not valid"
[ "$(grep -c '^    stage: advocacy$' "$map")" -eq 5 ] ||
	fail "the new stage does not hold five cards"
owners=$(awk '/^    stage: advocacy$/ { s = 1; next }
    /^  - id: / { s = 0 } s && /^    owner: / { print $2 }' "$map" | sort -u | wc -l)
[ "$owners" -ge 3 ] || fail "the five cards have $owners owners, not three or more"
grep -q "title: Thank-you call" "$map" || fail "the undone delete lost a card"
[ -e "$WORK/.sneakers.yaml.waymark-journal" ] && fail "journal left behind"
echo "board-workshop: ok"
