#!/bin/sh
# Themes: --theme picks one (a name or a user theme in
# $XDG_CONFIG_HOME/waymark/themes); a bad theme file gets its FILE:LINE:COL
# message on the status line and the default theme; NO_COLOR means no
# color at all; an unknown name says which themes exist.
. "$TOP/tests/e2e/board-lib.inc"

map=$WORK/m.yaml
cp "$TOP/maps/sneakers.yaml" "$map"
themes=$XDG_CONFIG_HOME/waymark/themes
mkdir -p "$themes"
printf 'waymark-theme: 1\nstyles:\n  title: {fg: purplish}\n' > "$themes/bad.yaml"
printf 'waymark-theme: 1\nname: mine\nstyles:\n  title: {fg: black, bg: 208}\n' > "$themes/mine.yaml"

colors() { # the 256-color escapes on screen
	$TM capture-pane -e -p -t board | grep -o '\[[0-9;]*m' | grep -c '8;5;' || true
}

start 100 30 --read-only --theme bad "$map"
wait_for "theme: $themes/bad.yaml:3:15: unknown color 'purplish'"
wait_for "Instagram ad"
keys q
wait_for "WAYMARK-EXIT=0"

start 100 30 --read-only --theme mine "$map"
wait_for "Instagram ad"
$TM capture-pane -e -p -t board | grep -q '48;5;208' ||
	fail "the user theme's title color is not used"
keys q
wait_for "WAYMARK-EXIT=0"

start 100 30 --read-only --theme nosuch "$map"
wait_for "no theme 'nosuch'"
keys q
wait_for "WAYMARK-EXIT=0"

for name in default light projector colorblind mono; do
	start 100 30 --read-only --theme "$name" "$map"
	wait_for "Instagram ad"
	screen | grep -q "theme" && fail "theme $name has a problem"
	n=$(colors)
	if [ "$name" = mono ]; then
		[ "$n" -eq 0 ] || fail "mono uses colors"
	else
		[ "$n" -gt 0 ] || fail "$name shows no colors"
	fi
	keys q
	wait_for "WAYMARK-EXIT=0"
done

BOARD_ENV="NO_COLOR=1"
start 100 30 --read-only --theme projector "$map"
wait_for "Instagram ad"
[ "$(colors)" -eq 0 ] || fail "NO_COLOR still shows colors"
keys q
wait_for "WAYMARK-EXIT=0"
echo "board-themes: ok"
