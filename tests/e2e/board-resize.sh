#!/bin/sh
# Resize the terminal from 80x24 down to 1x1 and back while a card title
# is being typed: nothing crashes, a "too small" notice shows below the
# minimum, the typed text survives, and the map is saved as expected.
. "$TOP/tests/e2e/board-lib.inc"

map=$WORK/m.yaml
cp "$TOP/maps/ecommerce-5.yaml" "$map"

start 80 24 "$map"
wait_for "? shows every key"
keys a
wait_for "New card title:"
type_text "Resized "
for size in "70 20" "50 15" "30 10" "20 6" "19 6" "12 4" "5 3" "2 2" "1 1" \
    "3 1" "1 5" "20 5" "40 12" "80 24"; do
	set -- $size
	resize "$1" "$2"
	case "$size" in
	"12 4") wait_for "terminal too" ;;
	"1 1") sleep 0.1 ;;
	esac
	kill -0 "$(board_pid)" 2>/dev/null || fail "the board died at $size"
done
wait_for "New card title: Resized"
type_text "card 日本"
keys Enter
wait_for "added 'Resized card 日本'"
resize 1 1
resize 80 24
wait_for "Resized card"
keys s
wait_for "saved"
keys q
wait_for "WAYMARK-EXIT=0"
wait_for "TERMINAL-SANE"
grep -q "title: Resized card 日本" "$map" || fail "the card is not saved"
echo "board-resize: ok"
