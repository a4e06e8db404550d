#!/bin/sh
# Fail if any report file was left in a directory by a checking tool:
#   check-reports.sh WHAT DIR
# make sanitize points ASan/UBSan's log_path there, make memcheck valgrind's
# --log-file.  Each non-empty file is printed (the first lines) and counted;
# the closing line says how many runs were clean of reports.
set -u
what=$1 dir=$2
bad=0
for f in "$dir"/*; do
	[ -s "$f" ] || continue
	bad=$((bad + 1))
	echo "--- $what report: $f"
	head -n 60 "$f"
done
if [ "$bad" -ne 0 ]; then
	echo "$what: $bad report(s) in $dir"
	exit 1
fi
echo "$what: no reports"
