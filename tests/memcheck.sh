#!/bin/sh
# make memcheck: the unit tests and the command-line tests under valgrind.
#   memcheck.sh BIN UNIT_BIN...
# Every process gets its own valgrind log in build/memcheck/logs; any
# invalid read or write, use of uninitialised memory, bad free, or
# definitely lost block goes there, and any non-empty log fails the run
# (tests/check-reports.sh prints it).  The logs are the verdict rather
# than an --error-exitcode: 1 is what waymark returns for bad input,
# which the command-line tests expect, and processes that unit tests fork
# as scaffolding (lock holders, writers) end with _exit and their own
# status, which valgrind must not change; those children are silent
# (--child-silent-after-fork).  ncurses' memory retained at exit is
# suppressed by tests/valgrind.supp (only "possibly"/"still reachable"
# kinds, and only from ncurses), nothing else.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
top=$(pwd)
out=$top/build/memcheck
rm -rf "$out"
mkdir -p "$out/logs"
# (valgrind by its full path: some tests run the wrapper with a PATH
# that has no browser in it, and so no valgrind either)
vg="$(command -v valgrind) -q --leak-check=full --child-silent-after-fork=yes \
--errors-for-leak-kinds=definite --show-leak-kinds=definite \
--track-origins=yes --suppressions=$top/tests/valgrind.supp \
--log-file=$out/logs/%p.log"
status=0

# The unit tests, one valgrind each.
pass=0 fail=0
for t in "$@"; do
	if $vg "$t" > "$out/$(basename "$t").out" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); status=1
		echo "--- memcheck: $(basename "$t") failed"
		tail -n 30 "$out/$(basename "$t").out"
	fi
done
echo "memcheck unit: $pass passed, $fail failed"

# The command-line tests, with WAYMARK a wrapper that runs the binary
# under valgrind.  WAYMARK_MEMCHECK=1 tells the scripts that time and
# memory bounds do not hold under valgrind (they keep every check of
# behaviour) and lets them run fewer rounds of their loops.
cat > "$out/waymark" <<WRAP
#!/bin/sh
exec $vg "$bin" "\$@"
WRAP
chmod +x "$out/waymark"
WAYMARK_MEMCHECK=1 WAYMARK_REAL="$bin" sh tests/run-cli.sh "$out/waymark" || status=1

sh tests/check-reports.sh valgrind "$out/logs" || status=1
exit $status
