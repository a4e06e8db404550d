#!/bin/sh
# The board without a terminal (a script, a pipe) says so and exits 1,
# leaving nothing beside the map: no lock, no journal.
set -u
cp "$TOP/maps/blank.yaml" "$WORK/m.yaml"
out=$("$WAYMARK" "$WORK/m.yaml" < /dev/null 2>&1 > "$WORK/stdout")
status=$?
[ $status -eq 1 ] || { echo "exit status $status, want 1"; exit 1; }
echo "$out" | grep -q "^waymark: the board needs a terminal" ||
	{ echo "message: $out"; exit 1; }
[ -z "$(ls -A "$WORK" | grep waymark)" ] ||
	{ echo "left behind: $(ls -A "$WORK")"; exit 1; }
# A map with errors is refused before the terminal is touched, with
# FILE:LINE:COL for each error.
printf 'waymark: 1\nstages:\n  - {id: a}\ncards:\n  - {id: c, stage: nowhere, lane: x}\n' > "$WORK/bad.yaml"
out=$("$WAYMARK" "$WORK/bad.yaml" < /dev/null 2>&1)
[ $? -eq 1 ] || { echo "a bad map opened"; exit 1; }
echo "$out" | grep -q "bad.yaml:5:5: error: " || { echo "message: $out"; exit 1; }
echo "board-noterm: ok"
