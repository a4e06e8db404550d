#!/bin/sh
# Two boards on one map ("edit anyway"): a board that is warned and
# quits leaves the first's journal alone; the second does not take the
# first's live journal for a crash's, and journals its own edits under a
# name of its own; when it is killed, the first board and its journal go
# on untouched, and the next board offers the dead board's edits back
# (showing that they lack what the first board saved meanwhile).
. "$TOP/tests/e2e/board-lib.inc"

map=$WORK/m.yaml
journal=$WORK/.m.yaml.waymark-journal
cp "$TOP/maps/sneakers.yaml" "$map"

# The second board's pane.
second_screen() {
	$TM capture-pane -p -t board:second
}
second_wait() {
	n=0
	until second_screen | grep -qF -- "$1"; do
		n=$((n + 1))
		if [ $n -gt 400 ]; then
			second_screen
			fail "second board: timed out waiting for '$1'"
		fi
		sleep 0.05
	done
}
second_keys() {
	$TM send-keys -t board:second "$@"
}
# second_start MAP: a fresh second board on MAP (its pid in $WORK/w2/pid).
second_start() {
	$TM kill-window -t board:second 2>/dev/null
	rm -rf "$WORK/w2"
	mkdir -p "$WORK/w2"
	$TM new-window -d -t board -n second \
	    "env WORK='$WORK/w2' WAYMARK='$WAYMARK' TERM=screen-256color $WORK/run.sh $1"
}
# second_add TITLE: add a card on the second board.
second_add() {
	second_keys a
	second_wait "New card title:"
	$TM send-keys -t board:second -l "$1"
	second_keys Enter
	second_wait "added '$1'"
}

start 100 30 "$map"
wait_for "ready"
keys a
wait_for "New card title:"
type_text "First board idea"
keys Enter
wait_for "added 'First board idea'"
wait_in_file "First board idea" "$journal"
first=$(board_pid)

# A board that is warned and quits leaves the first board's journal be.
mkdir -p "$WORK/w3"
$TM new-window -d -t board -n third \
    "env WORK='$WORK/w3' WAYMARK='$WAYMARK' TERM=screen-256color $WORK/run.sh $map"
n=0
until $TM capture-pane -p -t board:third | grep -qF "Already open"; do
	n=$((n + 1))
	[ $n -gt 400 ] && fail "third board: no warning"
	sleep 0.05
done
$TM send-keys -t board:third q
n=0
until $TM capture-pane -p -t board:third | grep -qF "WAYMARK-EXIT=0"; do
	n=$((n + 1))
	[ $n -gt 400 ] && fail "third board: did not quit"
	sleep 0.05
done
[ -e "$journal" ] || fail "a board that quit at the warning removed the first board's journal"
grep -q "First board idea" "$journal" || fail "the first board's journal lost its edit"

second_start "$map"
second_wait "Already open"
second_screen | grep -q "pid $first" || fail "the warning does not name the first board"
second_keys e
second_wait "ready"
second_screen | grep -q "Recover unsaved edits" &&
    fail "the second board offered the first board's live journal as a crash's"
second=$(cat "$WORK/w2/pid")
private=$WORK/.m.yaml.$second.waymark-journal
second_add "Second board idea"
wait_in_file "Second board idea" "$private"
grep -q "Second board idea" "$journal" && fail "the second board wrote the first's journal"
grep -q "First board idea" "$journal" || fail "the first board's journal lost its edit"

# The second board dies; the first goes on and saves.
kill -9 "$second"
second_wait "WAYMARK-EXIT=137"
keys s
wait_for "saved $map"
[ -e "$journal" ] && fail "the first board's journal outlived its save"
[ -e "$private" ] || fail "the first board's save removed the dead board's journal"
keys q
wait_for "WAYMARK-EXIT=0"
grep -q "First board idea" "$map" || fail "the first board's card is not saved"

# The next board offers the dead board's edits, saying what they drop.
start 100 30 "$map"
wait_for "Recover unsaved edits?"
wait_for "+ Second board idea"
wait_for "- First board idea"
keys r
wait_for "recovered the unsaved edits"
[ -e "$private" ] && fail "a recovered journal was left"
wait_file "$journal"
grep -q "Second board idea" "$journal" || fail "the recovered edits are not journaled"
keys s
wait_for "saved $map"
keys q
wait_for "WAYMARK-EXIT=0"
grep -q "Second board idea" "$map" || fail "the recovered card is not saved"
ls -a "$WORK" | grep -q 'waymark-journal' && fail "journals left: $(ls -a "$WORK")"

# W onto a map another board has open: that board's journal stays its
# own; this board journals under a name of its own.
other=$WORK/other.yaml
cp "$TOP/maps/sneakers.yaml" "$other"
start 100 30 "$map"
wait_for "ready"
keys a
wait_for "New card title:"
type_text "Third board idea"
keys Enter
wait_for "added 'Third board idea'"
wait_in_file "Third board idea" "$journal"
second_start "$other"
second_wait "ready"
second=$(cat "$WORK/w2/pid")
second_keys W
second_wait "Save as:"
second_keys C-u
$TM send-keys -t board:second -l "$map"
second_keys Enter
second_wait "Overwrite it?"
second_keys y
second_wait "saved $map"
grep -q "Third board idea" "$journal" 2>/dev/null ||
    fail "saving as a map another board has open removed or replaced its journal"
second_wait "another waymark (pid $(board_pid)) has open"
second_add "Fourth board idea"
wait_in_file "Fourth board idea" "$WORK/.m.yaml.$second.waymark-journal"
grep -q "Fourth board idea" "$journal" && fail "the board that saved as wrote the other board's journal"
grep -q "Third board idea" "$journal" || fail "the other board's journal lost its edit"

# Both boards die: the next board offers one journal (the map's own), and
# keeps the other for the start after, instead of recovering over it.
kill -9 "$second" "$(board_pid)"
second_wait "WAYMARK-EXIT=137"
wait_for "WAYMARK-EXIT=137"
start 100 30 "$map"
wait_for "Recover unsaved edits?"
wait_for "+ Third board idea"
keys r
wait_for "recovered the unsaved edits (s saves them); 1 more journal waits for the next start"
[ -e "$WORK/.m.yaml.$second.waymark-journal" ] || fail "the waiting journal is gone"
keys s
wait_for "saved $map"
keys q
wait_for "WAYMARK-EXIT=0"
grep -q "Third board idea" "$map" || fail "the first recovery was not saved"
start 100 30 "$map"
wait_for "Recover unsaved edits?"
wait_for "+ Fourth board idea"
keys r
wait_for "recovered the unsaved edits"
keys s
wait_for "saved $map"
keys q
wait_for "WAYMARK-EXIT=0"
grep -q "Fourth board idea" "$map" || fail "the second recovery was not saved"
ls -a "$WORK" | grep -q 'waymark-journal' && fail "journals left: $(ls -a "$WORK")"
echo "board-twoboards: ok"
