#!/bin/sh
# Man pages must be clean under mandoc -Tlint.
set -u
status=0
for m in man/*.[1-9]; do
	[ -e "$m" ] || continue
	out=$(mandoc -Tlint -W warning "$m" 2>&1)
	if [ -n "$out" ]; then echo "$out"; status=1; fi
done
[ $status -eq 0 ] && echo "man: lint clean"
exit $status
