#!/bin/sh
# Run the libFuzzer targets built by `make fuzz-build`.
#
#   run.sh smoke SECONDS BIN...   replay each target's seeds and fixed
#                                 crashes, then fuzz it for SECONDS
#   run.sh fuzz SECONDS BIN...    fuzz each target for SECONDS
#
# BIN is build-fuzz/fuzz/fuzz_NAME.  Its seeds are tests/fuzz/corpus/NAME/
# (read only: what the fuzzer finds goes to build-fuzz/corpus/NAME/, which
# persists between runs), the inputs that once crashed it and must not
# again are tests/fuzz/NAME/crashes-fixed/, and tests/fuzz/NAME.flags, if
# present, holds extra libFuzzer flags (-max_len=..., -dict=...).  A crash,
# leak, timeout (10 s per input) or out-of-memory (2 GB) leaves the input
# in build-fuzz/artifacts/ and fails the run.  The last line counts the
# targets that passed and failed.
set -u
mode=$1 seconds=$2
shift 2
pass=0 fail=0 failed=""
mkdir -p build-fuzz/artifacts build-fuzz/logs
# Leaks are errors; the fuzzer's own exit code is what we test.
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
for bin in "$@"; do
	name=${bin##*/fuzz_}
	seeds=tests/fuzz/corpus/$name
	fixed=tests/fuzz/$name/crashes-fixed
	work=build-fuzz/corpus/$name
	log=build-fuzz/logs/$name.log
	flags=""
	[ -f "tests/fuzz/$name.flags" ] && flags=$(cat "tests/fuzz/$name.flags")
	mkdir -p "$work"
	ok=1
	: > "$log"
	if [ "$mode" = smoke ]; then
		# Replay: every seed and every fixed crash once, as files.
		files=$(find "$seeds" "$fixed" -type f 2>/dev/null | sort)
		n=$(printf '%s\n' "$files" | grep -c .)
		if [ "$n" -gt 0 ]; then
			# shellcheck disable=SC2086
			if ! printf '%s\n' "$files" | xargs "$bin" -timeout=10 \
			    -rss_limit_mb=2048 >> "$log" 2>&1; then
				ok=0
				echo "fuzz: $name: replay of seeds/fixed crashes failed"
			fi
		fi
		echo "fuzz: $name: replayed $n inputs"
	fi
	if [ $ok -eq 1 ]; then
		# shellcheck disable=SC2086
		"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		    -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$name-" \
		    $flags "$work" "$seeds" >> "$log" 2>&1 || ok=0
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
		cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
		echo "fuzz: $name: ${execs:-?} executions in ${seconds} s, coverage ${cov:-?}, corpus $(ls "$work" | wc -l) files"
	fi
	if [ $ok -eq 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed $name"
		echo "--- fuzz: $name failed; the end of $log:"
		grep -v -E '^#[0-9]+' "$log" | tail -n 60
		ls build-fuzz/artifacts/ | grep "^$name-" | sed 's|^|  artifact: build-fuzz/artifacts/|'
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
