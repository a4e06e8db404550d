#!/bin/sh
# Never lose the room's work.  kill -9 in the middle of editing: the next
# start offers the journaled edits back, shows what they are, recovers
# them, and after a save nothing is left behind.  SIGTERM: the journal is
# complete and the terminal sane.  A second board on the same map is
# warned and can open read-only.
. "$TOP/tests/e2e/board-lib.inc"

map=$WORK/m.yaml
journal=$WORK/.m.yaml.waymark-journal
cp "$TOP/maps/sneakers.yaml" "$map"
cp "$map" "$WORK/original.yaml"

start 100 30 "$map"
wait_for "ready"
keys a
wait_for "New card title:"
type_text "Unsaved idea"
keys Enter
wait_for "added 'Unsaved idea'"
keys k d
wait_for "Delete card"
keys y
wait_for "deleted"
wait_file "$journal"
# The journal is written a moment after the last change: wait until it
# has both edits.
n=0
until grep -q "Unsaved idea" "$journal" 2>/dev/null &&
    ! grep -q "title: Campaign landing page" "$journal"; do
	n=$((n + 1)); [ $n -gt 200 ] && fail "the journal lacks the edits"
	sleep 0.05
done
kill -9 "$(board_pid)"
wait_for "WAYMARK-EXIT=137"
cmp -s "$map" "$WORK/original.yaml" || fail "the map changed without a save"

# Reopen: the recovery dialog says what differs.
start 100 30 "$map"
wait_for "Recover unsaved edits?"
wait_for "Cards: 1 added, 1 removed, 0 changed."
wait_for "+ Unsaved idea"
wait_for "- Campaign landing page"
screen | grep -q "Already open" && fail "a dead board's lock was not taken over"
keys r
wait_for "recovered the unsaved edits"
keys s
wait_for "saved"
keys q
wait_for "WAYMARK-EXIT=0"
grep -q "title: Unsaved idea" "$map" || fail "the recovered card is not saved"
grep -q "title: Campaign landing page" "$map" && fail "the deletion was lost"
[ -e "$journal" ] && fail "journal left after saving"

# Discard: a journal can also be thrown away.
start 100 30 "$map"
wait_for "ready"
keys a
type_text "Throwaway"
keys Enter
wait_for "added 'Throwaway'"
wait_file "$journal"
kill -9 "$(board_pid)"
wait_for "WAYMARK-EXIT=137"
start 100 30 "$map"
wait_for "+ Throwaway"
keys d
wait_for "discarded the journal"
[ -e "$journal" ] && fail "the journal was not removed"
keys q
wait_for "WAYMARK-EXIT=0"
grep -q "Throwaway" "$map" && fail "a discarded edit reached the file"

# SIGTERM: journal written at once, terminal restored.
start 100 30 "$map"
wait_for "ready"
keys a
type_text "Before TERM"
keys Enter
wait_for "added 'Before TERM'"
kill -TERM "$(board_pid)"
wait_for "WAYMARK-EXIT=143"
wait_for "TERMINAL-SANE"
grep -q "Before TERM" "$journal" || fail "SIGTERM did not journal the edit"

# A second board on an open map is warned, and may open read-only.
start 100 30 "$map"
wait_for "Recover unsaved edits?"
keys d
wait_for "discarded"
first=$(board_pid)
$TM new-window -d -t board -n second \
    "env WORK='$WORK/w2' WAYMARK='$WAYMARK' TERM=screen-256color sh -c 'mkdir -p $WORK/w2; $WORK/run.sh $map'"
n=0
until $TM capture-pane -p -t board:second | grep -q "Already open"; do
	n=$((n + 1)); [ $n -gt 200 ] && fail "no 'already open' warning"
	sleep 0.05
done
$TM capture-pane -p -t board:second | grep -q "pid $first" ||
	fail "the warning does not name the other board"
$TM send-keys -t board:second r
n=0
until $TM capture-pane -p -t board:second | grep -q "read-only"; do
	n=$((n + 1)); [ $n -gt 200 ] && fail "second board not read-only"
	sleep 0.05
done
$TM send-keys -t board:second a
n=0
until $TM capture-pane -p -t board:second | grep -q "nothing can be changed"; do
	n=$((n + 1)); [ $n -gt 200 ] && fail "read-only second board edited"
	sleep 0.05
done
$TM send-keys -t board:second q
keys q
wait_for "WAYMARK-EXIT=0"
echo "board-recover: ok"
