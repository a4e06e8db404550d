#!/bin/sh
# output-errors.sh - where the output goes.  Every command that prints to
# standard output exits 1 with "waymark: standard output: ..." when the
# output cannot be written (/dev/full), not 0; and export -o to a file
# that is not a regular file (a FIFO, /dev/null, /dev/stdout) writes to
# it instead of renaming a new regular file over the node.
set -u
W=$WAYMARK
cd "$WORK" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

mkdir s
cp "$TOP/maps/sneakers.yaml" s/sneakers.yaml
"$W" events demo s/sneakers-events.db --users 300 --map s/sneakers.yaml \
    > /dev/null 2> err || fail "events demo: $(cat err)"
M=s/sneakers.yaml

# --- standard output that cannot be written ---------------------------------
if [ -c /dev/full ]; then
	for cmd in "--help" "--version" "help" "funnel --help" \
	    "templates" "templates --paths" "validate $M" \
	    "funnel $M" "funnel $M --format json" "funnel $M --format csv" \
	    "funnel $M --dropped purchase" "events check $M" \
	    "export $M --format csv" "export $M --format txt"; do
		# shellcheck disable=SC2086
		"$W" $cmd > /dev/full 2> err
		rc=$?
		[ "$rc" = 1 ] || fail "$cmd > /dev/full: exit status $rc, want 1"
		grep -q "^waymark: standard output: " err ||
			fail "$cmd > /dev/full: no message: $(cat err)"
	done
else
	echo "no /dev/full: skipping the full-output checks"
fi

# --- -o to a FIFO -------------------------------------------------------------
mkfifo fifo
cat fifo > got.csv &
reader=$!
"$W" export "$M" --format csv -o fifo 2> err || fail "-o fifo: $(cat err)"
# A FIFO renamed over would leave the reader waiting for ever.
[ -p fifo ] || { fail "-o fifo replaced the FIFO: $(ls -l fifo)"; kill "$reader"; }
wait "$reader"
"$W" export "$M" --format csv > want.csv 2> err || fail "csv: $(cat err)"
cmp -s got.csv want.csv || fail "-o fifo: the reader got other bytes"
[ "$(ls -A | grep -c '^\.fifo')" = 0 ] || fail "-o fifo left a temporary file"

# A symbolic link to a FIFO: the FIFO gets the bytes, the link stays.
ln -s fifo link
cat link > got2.csv &
reader=$!
"$W" export "$M" --format csv -o link 2> err || fail "-o link: $(cat err)"
[ -L link ] && [ -p fifo ] || { fail "-o link: $(ls -l link fifo)"; kill "$reader"; }
wait "$reader"
cmp -s got2.csv want.csv || fail "-o link: the reader got other bytes"

# /dev/stdout, as a shell user writes it.  (No -o /dev/null or /dev/full
# here: a regression run as root would rename a file over the device.)
"$W" export "$M" --format csv -o /dev/stdout > got3.csv 2> err ||
	fail "-o /dev/stdout: $(cat err)"
cmp -s got3.csv want.csv || fail "-o /dev/stdout: other bytes"

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "output-errors: ok"
