#!/bin/sh
# Atomic saving through the real binary: WAYMARK_FAULT makes one step of
# the temp-file/fsync/rename sequence fail (see src/io/atomic.h).  A
# failure before the rename must leave the old file byte for byte, with
# its permissions, and no temporary file; the message names the file, the
# step and the reason; the exit status is 1.
set -u
W=$WAYMARK
cd "$WORK" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Not canonical, so that fmt has to write it.
printf 'title:   Messy\nwaymark: 1\nstages: [{id: a, name: A}]\n' > map.yaml
chmod 640 map.yaml
cp map.yaml orig.yaml
mkdir -p d

for step in open write fsync chmod close rename; do
	cp orig.yaml d/map.yaml
	chmod 640 d/map.yaml
	WAYMARK_FAULT=$step:ENOSPC "$W" fmt d/map.yaml > out 2> err
	rc=$?
	[ "$rc" = 1 ] || fail "$step: exit status $rc, want 1"
	grep -q "d/map.yaml: $step failed: No space left on device" err ||
		fail "$step: message: $(cat err)"
	cmp -s orig.yaml d/map.yaml || fail "$step: the old file changed"
	[ "$(stat -c %a d/map.yaml)" = 640 ] || fail "$step: permissions changed"
	[ "$(ls -A d)" = map.yaml ] || fail "$step: left behind: $(ls -A d)"
done

# A read-only directory as a non-root user sees it.
cp orig.yaml d/map.yaml
WAYMARK_FAULT=open:EACCES "$W" fmt d/map.yaml 2> err
grep -q "d/map.yaml: open failed: Permission denied" err ||
	fail "EACCES: message: $(cat err)"
cmp -s orig.yaml d/map.yaml || fail "EACCES: the old file changed"

# A new map that cannot be written does not appear at all.
WAYMARK_FAULT=write:EIO "$W" new d/new.yaml 2> err && fail "new succeeded"
grep -q "d/new.yaml: write failed: Input/output error" err ||
	fail "new: message: $(cat err)"
[ ! -e d/new.yaml ] || fail "new: a partial file was left"
[ "$(ls -A d)" = map.yaml ] || fail "new: left behind: $(ls -A d)"

# Without a fault the same commands work.
"$W" fmt d/map.yaml > out 2> err || fail "fmt without fault: $(cat err)"
cmp -s orig.yaml d/map.yaml && fail "fmt without fault did not rewrite"
[ "$(stat -c %a d/map.yaml)" = 640 ] || fail "fmt did not keep permissions"
[ "$(ls -A d)" = map.yaml ] || fail "fmt left behind: $(ls -A d)"

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "atomic-fault: ok"
