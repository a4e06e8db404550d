#!/bin/sh
# make bench: the event-store figures of DESIGN.md, measured in one run.
#
#   usage: sh tests/bench/run.sh ./waymark build/bench/bench_*
#
# Builds (once, deterministically, cached in build/bench/) a store of about
# ten million events for maps/sneakers.yaml, then reports:
#   floor  the time the sqlite3 shell needs to read the rows and columns
#          the funnel reads (user, event name, time; every row, no index)
#   cold   `waymark funnel maps/sneakers.yaml --format json` on that store,
#          process start to result; the target is cold <= 1.5 x floor
#   warm   the worst of several recomputes (another persona, window, date
#          range, a breakdown) over events already loaded, as the board
#          does; measured by build/bench/bench_funnel; target <= 100 ms
#   peak   the largest resident memory of the cold run and of the bench
#          binary; target <= 600 MB
# Both floor and cold read a file already in the page cache, and each is
# the best of three runs.  BENCH_USERS and BENCH_SEED change the store.
set -u
bin=$1
shift
users=${BENCH_USERS:-1100000}
seed=${BENCH_SEED:-42}
map=maps/sneakers.yaml
dir=build/bench
db=$dir/events-10m.db
stamp=$dir/events-10m.stamp
want="users=$users seed=$seed map=$(cksum < $map | cut -d' ' -f1)"
status=0

mkdir -p "$dir"
command -v sqlite3 >/dev/null 2>&1 || { echo "bench: needs the sqlite3 shell"; exit 1; }
if [ ! -f "$db" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	echo "bench: building $db ($users users, seed $seed); this takes a while, once"
	rm -f "$stamp"
	"$bin" events demo "$db" --users "$users" --seed "$seed" --map "$map" --force >/dev/null || exit 1
	echo "$want" > "$stamp"
fi
rows=$(sqlite3 "$db" "SELECT max(rowid) FROM events")
echo "bench: $db: $rows events (seed $seed)"
cat "$db" > /dev/null # into the page cache, for both sides alike

have_time=0
[ -x /usr/bin/time ] && /usr/bin/time -f %e true >/dev/null 2>&1 && have_time=1

# run CMD...: prints "SECONDS MAXRSS_KB" (RSS 0 when unknown)
run() {
	if [ $have_time = 1 ]; then
		/usr/bin/time -f "%e %M" -o "$dir/time.out" "$@" > /dev/null || return 1
		cat "$dir/time.out"
	else
		t0=$(date +%s%N)
		"$@" > /dev/null || return 1
		t1=$(date +%s%N)
		echo "$(( (t1 - t0) / 1000000 ))" | awk '{ printf "%.2f 0\n", $1 / 1000 }'
	fi
}

# best of three: "SECONDS MAXRSS_KB" with the least seconds, the most RSS
best3() {
	for i in 1 2 3; do run "$@" || return 1; done |
	    awk 'NR == 1 || $1 < s { s = $1 } $2 > m { m = $2 } END { printf "%.2f %d\n", s, m }'
}

floor=$(best3 sqlite3 "$db" "SELECT user_id, event, ts FROM events") || { echo "bench: sqlite3 failed"; exit 1; }
cold=$(best3 "$bin" funnel "$map" --events "$db" --format json) || { echo "bench: waymark funnel failed"; exit 1; }
floor_s=${floor% *}
cold_s=${cold% *}
cold_rss=${cold#* }

warm_ms=""
bench_rss=0
for b in "$@"; do
	case $b in
	*bench_funnel)
		out=$("$b" "$map" "$db") || { echo "bench: $b failed"; status=1; continue; }
		echo "$out" | sed 's/^/  /'
		warm_ms=$(echo "$out" | sed -n 's/^warm_ms=//p')
		bench_rss=$(echo "$out" | sed -n 's/^bench_maxrss_mb=//p')
		;;
	*)
		"$b" "$map" "$db" || status=1
		;;
	esac
done

verdict() { # VALUE LIMIT -> PASS/FAIL
	awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "PASS" : "FAIL" }'
}
ratio=$(awk -v c="$cold_s" -v f="$floor_s" 'BEGIN { printf "%.2f", (f > 0) ? c / f : 99 }')
peak=$(awk -v a="$cold_rss" -v b="$bench_rss" 'BEGIN { a /= 1024; printf "%.0f", (a > b) ? a : b }')
echo
printf '%-52s %8s s\n' "floor: sqlite3 reads user_id, event, ts" "$floor_s"
printf '%-52s %8s s\n' "cold: waymark funnel --format json, no index" "$cold_s"
r=$(verdict "$ratio" 1.5)
printf '%-52s %8s    target <= 1.5     %s\n' "ratio cold / floor" "$ratio" "$r"
[ "$r" = PASS ] || status=1
if [ -n "$warm_ms" ]; then
	r=$(verdict "$warm_ms" 100)
	printf '%-52s %8s ms  target <= 100 ms  %s\n' "warm recompute (worst question, events loaded)" "$warm_ms" "$r"
	[ "$r" = PASS ] || status=1
else
	echo "warm recompute: not measured (no bench_funnel)"; status=1
fi
if [ "$peak" -gt 0 ]; then
	r=$(verdict "$peak" 600)
	printf '%-52s %8s MB  target <= 600 MB  %s\n' "peak memory (max RSS, cold run and bench)" "$peak" "$r"
	[ "$r" = PASS ] || status=1
fi
exit $status
