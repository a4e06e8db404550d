#!/bin/sh
# Run each cmocka unit-test binary; print a summary line, fail if any failed.
set -u
pass=0 fail=0 failed=""
mkdir -p build/tmp
for t in "$@"; do
	if "$t" > "build/tmp/$(basename "$t").log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed $(basename "$t")"
		cat "build/tmp/$(basename "$t").log"
	fi
	grep -h -E '^\[  (PASSED|FAILED)  \]' "build/tmp/$(basename "$t").log" | sed "s|^|$(basename "$t"): |"
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
