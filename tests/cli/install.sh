#!/bin/sh
# make install / uninstall with PREFIX and DESTDIR: the installed binary
# finds its templates and themes from the staged tree, the man pages read,
# and uninstall leaves nothing behind.
set -u
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
stage=$WORK/stage
# MAKEFLAGS cleared: this may run under `make check` with variables set
MAKEFLAGS= make --no-print-directory -C "$TOP" install-files PREFIX=/opt/wm \
    DESTDIR="$stage" INSTALL_BIN="$WAYMARK" >"$WORK/install.log" 2>&1 ||
	{ cat "$WORK/install.log"; fail "make install-files failed"; }
bin=$stage/opt/wm/bin/waymark
[ -x "$bin" ] || fail "no installed binary"
for f in share/waymark/maps/sneakers.yaml share/waymark/maps/blank.yaml \
    share/waymark/themes/default.yaml share/man/man1/waymark.1 \
    share/man/man5/waymark-map.5; do
	[ -f "$stage/opt/wm/$f" ] || fail "not installed: $f"
done
cd "$WORK"
WAYMARK_DATADIR= "$bin" templates > t.out 2>&1 || fail "installed templates failed"
grep -q "^ecommerce-5-it " t.out || fail "installed binary does not list its templates"
"$bin" new "$WORK/x.yaml" --template lifecycle-5-it >/dev/null || fail "installed new failed"
"$bin" validate -q "$WORK/x.yaml" || fail "installed map invalid"
mandoc -Tascii -Owidth=78 "$stage/opt/wm/share/man/man5/waymark-map.5" 2>/dev/null | grep -q "file format, version 1" ||
	fail "man page does not render"
MAKEFLAGS= make --no-print-directory -C "$TOP" uninstall PREFIX=/opt/wm \
    DESTDIR="$stage" >/dev/null 2>&1 || fail "make uninstall failed"
left=$(find "$stage" -type f)
[ -z "$left" ] || fail "uninstall left: $left"
echo "install: $fails failures"
[ "$fails" -eq 0 ]
