#!/bin/sh
# The mouse, where the terminal offers it: a click selects the card under
# it, a double click opens its form, the wheel moves through cards.  The
# events are typed into the pane as an xterm sends them (SGR 1006).
. "$TOP/tests/e2e/board-lib.inc"

map=$WORK/m.yaml
cp "$TOP/maps/sneakers.yaml" "$map"
BOARD_ENV="TERM=xterm-256color"

click() { # X Y (0-based)
	x=$(($1 + 1)) y=$(($2 + 1))
	keys -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' $x $y $x $y)"
}

start 160 48 "$map"
wait_for "ready"
# Lane names take 18 columns; Research (the second stage) starts at 48.
click 55 2
wait_for "Research × Touchpoints · card 1/3"
click 55 4
wait_for "Research × Touchpoints · card 2/3"
keys -l "$(printf '\033[<65;56;5M')"
wait_for "Research × Touchpoints · card 3/3"
click 85 2
sleep 0.05
click 85 2
wait_for "Personas"
keys Escape
wait_gone "Personas"
keys q
wait_for "WAYMARK-EXIT=0"
echo "board-mouse: ok"
