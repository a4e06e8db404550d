#!/bin/sh
# The event store never changes (issue 6): every command that reads a
# store (validate, funnel in every format and breakdown, --dropped,
# events check, export with --events in every text format) runs against
# a demo store in rollback-journal mode and again in WAL mode.  Before
# and after, the store's bytes (sha256), size, mtime, ctime and inode,
# and the listing of its directory (names, sizes, mtimes to the
# nanosecond) must be identical: nothing written, nothing replaced,
# nothing left beside it (no -journal, -wal or -shm).  Then the same
# commands on a store in a read-only directory (a read-only bind mount,
# when this machine allows a private mount namespace).
set -u
W=$WAYMARK
cd "$WORK"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

mkdir src
cp "$TOP/maps/sneakers.yaml" src/sneakers.yaml
"$W" events demo src/sneakers-events.db --users 1500 --seed 7 \
    --map src/sneakers.yaml > out 2> err || { echo "FAIL: events demo: $(cat err)"; exit 1; }
[ "$(ls -A src | tr '\n' ' ')" = "sneakers-events.db sneakers.yaml " ] ||
    fail "events demo left: $(ls -A src)"
# the second stage's id, for --dropped
stage=$(awk '/^stages:/{s=1;next} s&&/^[a-z]/{exit} s&&/^  - id: /{n++; if(n==2){print $3; exit}}' src/sneakers.yaml)
[ -n "$stage" ] || fail "no second stage in sneakers.yaml"

snapshot() { # DIR
	( cd "$1" && ls -lAi --time-style=+%s.%N . &&
	    sha256sum sneakers-events.db &&
	    stat -c '%n %s %Y %Z %i %a' sneakers-events.db )
}

# run_all DIR: every store-reading command against DIR/sneakers.yaml.
run_all() {
	d=$1
	ran=0
	for cmd in "validate $d/sneakers.yaml" \
	    "funnel $d/sneakers.yaml" \
	    "funnel $d/sneakers.yaml --format json" \
	    "funnel $d/sneakers.yaml --format csv --by persona" \
	    "funnel $d/sneakers.yaml --by channel --window 36h" \
	    "funnel $d/sneakers.yaml --since 2000-01-01 --until 2100-01-01" \
	    "funnel $d/sneakers.yaml --events $d/sneakers-events.db" \
	    "funnel $d/sneakers.yaml --dropped $stage" \
	    "events check $d/sneakers.yaml" \
	    "events check $d/sneakers.yaml --events $d/sneakers-events.db" \
	    "export $d/sneakers.yaml --format html --events $d/sneakers-events.db -o exports/out.html" \
	    "export $d/sneakers.yaml --format md --events $d/sneakers-events.db" \
	    "export $d/sneakers.yaml --format csv --events $d/sneakers-events.db" \
	    "export $d/sneakers.yaml --format mermaid --events $d/sneakers-events.db" \
	    "export $d/sneakers.yaml --format txt --events $d/sneakers-events.db"; do
		# shellcheck disable=SC2086
		"$W" $cmd > out 2> err
		rc=$?
		# events check exits 1 when coverage has gaps; anything else
		# must succeed
		case $cmd in
		"events check"*) [ $rc -le 1 ] || fail "$cmd: exit status $rc: $(cat err)" ;;
		*) [ $rc -eq 0 ] || fail "$cmd: exit status $rc: $(cat err)" ;;
		esac
		[ -s out ] || [ -s exports/out.html ] || fail "$cmd: no output"
		ran=$((ran + 1))
	done
}

mkdir exports
for mode in delete wal; do
	rm -rf "$mode"
	cp -rp src "$mode"
	jm=$(sqlite3 "$mode/sneakers-events.db" "PRAGMA journal_mode=$mode;" 2>&1)
	[ "$jm" = "$mode" ] || { fail "cannot put the store in $mode mode: $jm"; continue; }
	# let the clock move, so that any write would show in the mtimes
	sleep 0.05
	snapshot "$mode" > before.$mode
	run_all "$mode"
	snapshot "$mode" > after.$mode
	if ! cmp -s before.$mode after.$mode; then
		fail "$mode mode: the store or its directory changed"
		diff before.$mode after.$mode | sed 's/^/  | /'
	else
		echo "ok: $mode mode: $ran commands, store and directory unchanged"
	fi
done

# A store in a read-only directory must be readable as it is.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 &&
    unshare -m --propagation private true 2>/dev/null; then
	for mode in delete wal; do
		mkdir -p "ro-$mode"
		snapshot "$mode" > before.ro.$mode
		out=$(W="$W" unshare -m --propagation private sh -c '
			mount --bind "$1" "ro-$1" &&
			mount -o remount,bind,ro "ro-$1" &&
			"$W" funnel "ro-$1/sneakers.yaml" --format json > /dev/null &&
			"$W" events check "ro-$1/sneakers.yaml" > /dev/null;
			rc=$?; [ $rc -le 1 ]' sh "$mode" 2>&1) ||
		    fail "$mode mode, read-only directory: $out"
		snapshot "$mode" > after.ro.$mode
		cmp -s before.ro.$mode after.ro.$mode ||
		    fail "$mode mode: the store changed under a read-only mount"
		[ $fails -eq 0 ] && echo "ok: $mode mode: read from a read-only directory"
	done
else
	echo "note: no private mount namespace here: the read-only directory case was not tried"
fi

[ $fails -eq 0 ] || { echo "store-untouched: $fails failure(s)"; exit 1; }
echo "store-untouched: the store never changed"
