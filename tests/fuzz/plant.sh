#!/bin/sh
# Does the harness catch a real bug?  (issue 6, "Done when")
#
# Copies the sources to build-fuzz/plant/, plants an off-by-one in the
# map loader there (the length check before the UTF-8 byte-order mark is
# compared asks for 2 bytes where 3 are read), builds the map loader's
# fuzz target from the planted copy, and fuzzes it.  The run passes only
# if the fuzzer stops on an AddressSanitizer report inside
# mapio_load_buffer within PLANT_SECONDS (default 120); a harness that
# lets the bug through fails it.  The repository's own sources are not
# touched.
#
#   sh tests/fuzz/plant.sh            (make fuzz-plant; CI runs it)
set -u
seconds=${PLANT_SECONDS:-120}
top=$(pwd)
dir=build-fuzz/plant
file=src/io/yaml-load.c
line='if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {'

fail() { echo "fuzz-plant: $*" >&2; exit 1; }

rm -rf "$dir"
mkdir -p "$dir"
cp -R Makefile src tests "$dir"/ || fail "cannot copy the sources"

grep -qF "$line" "$dir/$file" ||
    fail "$file no longer has the line this test plants its bug in;" \
        "choose another off-by-one"
sed -i 's/if (len >= 3 && memcmp(data, "\\xEF/if (len >= 2 \&\& memcmp(data, "\\xEF/' \
    "$dir/$file"
if cmp -s "$file" "$dir/$file"; then
	fail "planting the bug changed nothing in $dir/$file"
fi
echo "fuzz-plant: planted in $dir/$file:"
diff -u "$file" "$dir/$file" | sed -n '/^[-+][^-+]/p'

cd "$dir" || exit 1
echo "fuzz-plant: building the map loader's fuzz target from the planted copy"
make --no-print-directory BUILD=build-fuzz CC=clang \
    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
    LDFLAGS= build-fuzz/fuzz/fuzz_mapio > build.log 2>&1 ||
    { tail -n 30 build.log; fail "the planted copy does not build"; }

flags=$(cat tests/fuzz/mapio.flags 2>/dev/null)
mkdir -p work artifacts
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
start=$(date +%s)
# shellcheck disable=SC2086
if build-fuzz/fuzz/fuzz_mapio -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=artifacts/ \
    $flags work tests/fuzz/corpus/mapio > fuzz.log 2>&1; then
	fail "the fuzzer ran $seconds s on the planted bug and found nothing" \
	    "(log: $dir/fuzz.log)"
fi
took=$(( $(date +%s) - start ))
grep -q 'ERROR: AddressSanitizer: heap-buffer-overflow' fuzz.log ||
    { tail -n 40 fuzz.log; fail "the fuzzer stopped, but not on the planted overflow"; }
grep -q 'in mapio_load_buffer .*yaml-load.c' fuzz.log ||
    { tail -n 40 fuzz.log; fail "the report does not point at the loader"; }
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' fuzz.log | tail -n 1)
input=$(ls artifacts | head -n 1)
echo "fuzz-plant: caught after ${execs:-?} executions (${took} s):"
grep -m 1 'ERROR: AddressSanitizer' fuzz.log | sed 's/^==[0-9]*==/  /'
grep -m 1 'in mapio_load_buffer' fuzz.log | sed 's/^ *#[0-9]* 0x[0-9a-f]* /  /'
echo "  input (bytes):$(od -An -tx1 "artifacts/$input" | head -n 1)" \
    "(kept in $dir/artifacts/$input)"
cd "$top" || exit 1
grep -qF "$line" "$file" || fail "$file was changed; it must not be"
echo "fuzz-plant: the harness catches the planted bug; $file is unchanged"
