#!/bin/sh
# Run each command-line test script in tests/cli with WAYMARK pointing at
# the binary under test; each script exits non-zero on failure.
set -u
# The tests read English messages and exports, whatever the developer's
# locale (a test that wants Italian sets it); C.UTF-8 keeps UTF-8.
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(pwd)
pass=0 fail=0 failed=""
for t in tests/cli/*.sh; do
	[ -e "$t" ] || continue
	work=$(mktemp -d)
	if WAYMARK="$bin" TOP="$top" WORK="$work" sh "$t" > "$work/log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed $t"
		echo "--- $t"; cat "$work/log"
	fi
	rm -rf "$work"
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
