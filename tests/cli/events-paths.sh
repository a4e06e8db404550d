#!/bin/sh
# events-paths.sh - events demo and events import given paths that cannot
# be a store or a CSV file: a directory, a directory that does not exist, a
# file where a directory should be.  Each is told in words that name the
# path (not SQLite's "unable to open database file"), exits 1, leaves
# nothing behind; and demo says so before it simulates anything.
set -u
W=$WAYMARK
mkdir "$WORK/t" && cd "$WORK/t" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

printf 'user_id,event,ts\nu1,landing_view,5\n' > one.csv
mkdir d
touch plain

check() { # WANT-MESSAGE COMMAND...
	want=$1; shift
	"$W" "$@" > out 2> err
	rc=$?
	[ "$rc" = 1 ] || fail "$*: exit status $rc, want 1"
	grep -q -- "$want" err || fail "$*: message: $(cat err)"
	[ "$(ls -A d)" = "" ] || fail "$*: left in d: $(ls -A d)"
}

check "^waymark: d: is a directory, not an event store\$" events import d one.csv
check "^waymark: nodir/x.db: no directory 'nodir' (No such file or directory)\$" \
    events import nodir/x.db one.csv
check "^waymark: plain/x.db: no directory 'plain' (Not a directory)\$" \
    events import plain/x.db one.csv
check "^waymark: d: is a directory, not a CSV file\$" events import x.db d
[ ! -e x.db ] || fail "import from a directory created x.db"

check "^waymark: d: is a directory, not an event store\$" events demo d --force
check "^waymark: nodir/x.db: no directory 'nodir'" events demo nodir/x.db
check "^waymark: plain/x.db: no directory 'plain'" events demo plain/x.db
# Told at once, not after simulating four billion users (the memory
# limit keeps a regression from taking the machine's memory with it).
# (ASan reserves terabytes of address space and valgrind much more than
# the program: under make sanitize and make memcheck the limit is left
# out; the time bound still catches a regression.)
vlimit=1000000
if ldd "${WAYMARK_REAL:-$W}" 2>/dev/null | grep -q 'libasan' ||
    [ "${WAYMARK_MEMCHECK:-0}" = 1 ]; then
	vlimit=unlimited
fi
start=$(date +%s)
(ulimit -v "$vlimit" 2>/dev/null
 check "no directory 'nodir'" events demo nodir/x.db --users 4000000000
 exit "$fails") || fails=$((fails + 1))
[ $(($(date +%s) - start)) -le 5 ] || fail "demo simulated before looking at the path"

[ "$(ls -A | sort | tr '\n' ' ')" = "d err one.csv out plain " ] ||
	fail "left behind: $(ls -A)"

# One row is one row.
"$W" events import one.db one.csv > out 2> err || fail "import: $(cat err)"
grep -q "^one.db: imported 1 row from one.csv\$" out || fail "summary: $(cat out)"

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "events-paths: ok"
