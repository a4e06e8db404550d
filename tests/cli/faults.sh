#!/bin/sh
# Faults on save (issue 6): `waymark fmt` with each step of the atomic
# write failing in turn (WAYMARK_FAULT=STEP:ERRNO, see io/atomic.h), then
# a real full disk (a small tmpfs) and a real read-only directory (a
# read-only bind mount), both in a private mount namespace when this
# machine allows one.  Every time: exit status 1, a message naming the
# file, the step and the reason, the map byte-identical to before (after
# a failed dirsync, the new text, with a warning that it may not be
# durable), no temporary file left, and a later save that succeeds.
# (The journal under the same faults: tests/unit/test_trust.c.)
set -u
W=$WAYMARK
cd "$WORK"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect() {
	want=$1; shift
	"$@" >out 2>err; got=$?
	[ "$got" -eq "$want" ] || { fail "'$*' exited $got, wanted $want"; sed 's/^/  | /' err; }
}
has() { grep -q -- "$2" "$1" || { fail "$1 lacks '$2'"; sed 's/^/  | /' "$1"; }; }
only() { # DIR NAME...: the directory holds exactly these names (dot files too)
	d=$1; shift
	l=$(ls -A "$d" | sort | tr '\n' ' ')
	w=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	[ "$l" = "$w" ] || fail "$d holds '$l', wanted '$w'"
}

# A map that is not in canonical form, so that fmt has something to write.
cp "$TOP/maps/ecommerce-5.yaml" orig.yaml
printf '# a comment fmt drops\n' >> orig.yaml
chmod 640 orig.yaml
"$W" fmt --check orig.yaml >/dev/null 2>&1 && fail "the test map is already canonical"

mkdir -p d
for spec in open:ENOSPC write:ENOSPC fsync:EIO chmod:EPERM close:EIO \
    rename:EACCES open:EROFS write:EDQUOT rename:EXDEV; do
	step=${spec%%:*} before=$fails
	cp -p orig.yaml d/map.yaml
	WAYMARK_FAULT=$spec expect 1 "$W" fmt d/map.yaml
	has err "^waymark: d/map.yaml: $step failed: "
	cmp -s d/map.yaml orig.yaml || fail "$spec: the map changed"
	[ "$(stat -c %a d/map.yaml)" = 640 ] || fail "$spec: the mode changed"
	only d map.yaml
	# a later save (no fault) succeeds and keeps the mode
	expect 0 "$W" fmt d/map.yaml
	expect 0 "$W" fmt --check d/map.yaml
	[ "$(stat -c %a d/map.yaml)" = 640 ] || fail "$spec: the later save changed the mode"
	only d map.yaml
	[ $fails -eq $before ] && echo "ok: $spec: refused, map intact, later save fine"
done
# A map without write permission: refused (even for root), untouched.
cp orig.yaml d/map.yaml
chmod 444 d/map.yaml
before=$fails
expect 1 "$W" fmt d/map.yaml
has err "^waymark: d/map.yaml: the file is read-only (no write permission); not replaced"
cmp -s d/map.yaml orig.yaml || fail "read-only file: the map changed"
[ "$(stat -c %a d/map.yaml)" = 444 ] || fail "read-only file: the mode changed"
only d map.yaml
chmod 640 d/map.yaml
expect 0 "$W" fmt d/map.yaml
[ $fails -eq $before ] && echo "ok: read-only file: refused, map intact, later save fine"
# The reason is the injected errno's own text.
cp orig.yaml d/map.yaml
WAYMARK_FAULT=write:ENOSPC expect 1 "$W" fmt d/map.yaml
has err "write failed: No space left on device"
WAYMARK_FAULT=open:EROFS expect 1 "$W" fmt d/map.yaml
has err "open failed: Read-only file system"

# dirsync fails after the rename: the new text is in place, the user is
# told it may not survive a crash, and nothing is left beside it.
cp orig.yaml d/map.yaml
before=$fails
WAYMARK_FAULT=dirsync:EIO expect 1 "$W" fmt d/map.yaml
has err "^waymark: d/map.yaml: dirsync failed: Input/output error (the file was written, but may not survive a crash)"
expect 0 "$W" fmt --check d/map.yaml
only d map.yaml
[ $fails -eq $before ] && echo "ok: dirsync:EIO: reported, new text in place"

# `waymark new` goes through the same writer.
WAYMARK_FAULT=write:ENOSPC expect 1 "$W" new d/fresh.yaml --template "$TOP/maps/blank.yaml"
has err "d/fresh.yaml: write failed"
[ ! -e d/fresh.yaml ] || fail "new left a file after a failed write"
only d map.yaml

# Real faults need mount(2) in a private mount namespace (root, unshare).
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 &&
    unshare -m --propagation private true 2>/dev/null; then
	cp orig.yaml real.yaml
	W="$W" unshare -m --propagation private sh -eu <<'NS' > ns.log 2>&1
fail() { echo "FAIL: $*"; exit 1; }
# A full disk: a 512 KiB tmpfs holding the map, filled up.
mkdir full
mount -t tmpfs -o size=512k tmpfs full
cp real.yaml full/map.yaml
dd if=/dev/zero of=full/filler bs=4k 2>/dev/null || true
set +e
"$W" fmt full/map.yaml > out 2> err; got=$?
set -e
[ $got -eq 1 ] || fail "full disk: exit status $got"
grep -Eq '^waymark: full/map.yaml: (write|fsync|close|open) failed: No space left on device' err ||
    fail "full disk: message: $(cat err)"
cmp -s full/map.yaml real.yaml || fail "full disk: the map changed"
[ "$(ls -A full | sort | tr '\n' ' ')" = "filler map.yaml " ] || fail "full disk: left $(ls -A full)"
rm full/filler
"$W" fmt full/map.yaml > out 2> err || fail "full disk: the later save failed: $(cat err)"
"$W" fmt --check full/map.yaml > /dev/null || fail "full disk: the later save is not canonical"
echo "ok: full disk: refused, map intact, later save fine"
umount full
# A read-only directory: the same directory bound read-only.
mkdir rw ro
cp real.yaml rw/map.yaml
mount --bind rw ro
mount -o remount,bind,ro ro
set +e
"$W" fmt ro/map.yaml > out 2> err; got=$?
set -e
[ $got -eq 1 ] || fail "read-only: exit status $got"
grep -q '^waymark: ro/map.yaml: open failed: Read-only file system' err ||
    fail "read-only: message: $(cat err)"
cmp -s rw/map.yaml real.yaml || fail "read-only: the map changed"
[ "$(ls -A rw)" = map.yaml ] || fail "read-only: left $(ls -A rw)"
umount ro
"$W" fmt rw/map.yaml > out 2> err || fail "read-only: the later save failed"
echo "ok: read-only directory: refused, map intact, later save fine"
NS
	[ $? -eq 0 ] || fail "real faults: $(cat ns.log)"
	cat ns.log
else
	echo "note: no private mount namespace here (not root, or no unshare): the real full disk and read-only directory were not tried; the injected ENOSPC and EROFS above stand for them"
fi

[ $fails -eq 0 ] || { echo "faults: $fails failure(s)"; exit 1; }
echo "faults: every step refused cleanly"
