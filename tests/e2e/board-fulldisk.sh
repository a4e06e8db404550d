#!/bin/sh
# A full disk under the board (issue 6, faults on save and journal): the
# map lives on a 512 KiB tmpfs that is full.  The journal cannot be
# written and the board says so; a save is refused, the file is left as
# it was, the board says where the edits are (only in this window) and
# keeps them; once space is freed a save succeeds; W saves to another
# file, which the board then works on.
#
# The tmpfs is mounted in a private mount namespace of the board alone
# (unshare -m, which needs root): the test sees the board's files through
# /proc/PID/root.  Without root or unshare the test says so and passes.
. "$TOP/tests/e2e/board-lib.inc"

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null 2>&1 ||
    ! unshare -m --propagation private true 2>/dev/null; then
	echo "note: no private mount namespace here (not root, or no" \
	    "unshare): the full-disk board test was not run"
	exit 0
fi

disk=$WORK/disk
mkdir -p "$disk"
cp "$TOP/maps/sneakers.yaml" "$WORK/original.yaml"
# The board's own namespace: mount, fill, then exec the board (same pid).
cat > "$WORK/ns-waymark" <<'NS'
#!/bin/sh
exec unshare -m --propagation private sh -c '
	mount -t tmpfs -o size=512k tmpfs "$1" || exit 97
	cp "$2" "$1/m.yaml" || exit 98
	dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null
	shift 2
	exec "$@"' sh "$DISK" "$WORK/original.yaml" "$REAL_WAYMARK" "$@"
NS
chmod +x "$WORK/ns-waymark"
REAL_WAYMARK=$WAYMARK
WAYMARK=$WORK/ns-waymark
BOARD_ENV="DISK=$disk REAL_WAYMARK=$REAL_WAYMARK"
start 110 32 "$disk/m.yaml"
wait_for "ready"
inside() { echo "/proc/$(board_pid)/root$1"; }
[ -e "$(inside "$disk/filler")" ] || fail "the board's disk is not there"

keys a
wait_for "New card title:"
type_text "Idea on a full disk"
keys Enter
wait_for "added 'Idea on a full disk'"
wait_for "cannot write the recovery journal"
wait_for "waymark-journal: write failed: No space"

keys s
wait_for "not saved: write failed: No space left on device; the edits are only in this window (W: save as)"
screen | grep -q "Idea on a full" || fail "the card is gone from the board"
screen | grep -q "\[+\]" || fail "no modified mark after a failed save"
cmp -s "$(inside "$disk/m.yaml")" "$WORK/original.yaml" ||
    fail "a refused save changed the map"
[ "$(ls -A "$(inside "$disk")" | sort | tr '\n' ' ')" = "filler m.yaml " ] ||
    fail "left beside the map: $(ls -A "$(inside "$disk")")"

# Free the space: the next save goes through.
rm "$(inside "$disk/filler")"
keys s
wait_for "saved $disk/m.yaml"
screen | grep -q "\[+\]" && fail "modified mark after saving"
grep -q "title: Idea on a full disk" "$(inside "$disk/m.yaml")" ||
    fail "the saved map lacks the card"

# W: save to another file; the board goes on with that one.
keys a
wait_for "New card title:"
type_text "Second thought"
keys Enter
wait_for "added 'Second thought'"
keys W
wait_for "Save as:"
keys C-u
type_text "$WORK/rescued.yaml"
keys Enter
wait_for "saved $WORK/rescued.yaml"
grep -q "title: Second thought" "$WORK/rescued.yaml" ||
    fail "save as did not write the card"
grep -q "title: Second thought" "$(inside "$disk/m.yaml")" &&
    fail "save as also wrote the old file"
screen | grep -q "rescued.yaml" || fail "the title bar does not name the new file"
keys q
wait_for "WAYMARK-EXIT=0"
wait_for "TERMINAL-SANE"
"$REAL_WAYMARK" validate "$WORK/rescued.yaml" > /dev/null ||
    fail "the file saved as does not validate"
echo "ok: full disk: told, edits kept, later save fine; save as elsewhere"
