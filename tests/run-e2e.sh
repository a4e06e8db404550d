#!/bin/sh
# Run each end-to-end (tmux) test script in tests/e2e.
set -u
# The tests read English messages and exports, whatever the developer's
# locale (a test that wants Italian sets it); C.UTF-8 keeps UTF-8.
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(pwd)
pass=0 fail=0 failed=""
for t in tests/e2e/*.sh; do
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
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
