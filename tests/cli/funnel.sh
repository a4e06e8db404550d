#!/bin/sh
# waymark funnel end to end: the bundled example against a synthetic
# store, every number of the JSON compared with an independent brute-force
# computation in Python (same semantics, written from DESIGN.md "The
# funnel"); breakdowns, persona filter, date range, window, --dropped; the
# table and CSV forms; the error messages and exit statuses; and the store
# left untouched.
set -u
W=$WAYMARK
cd "$WORK" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# The map and its store live in s/, which nothing but the store may touch.
mkdir s
cp "$TOP/maps/sneakers.yaml" s/sneakers.yaml
"$W" events demo s/sneakers-events.db --users 3000 --seed 11 --map s/sneakers.yaml > out 2> err ||
	{ echo "FAIL: events demo: $(cat err)"; exit 1; }
ln -s s/sneakers.yaml sneakers.yaml
ln -s s/sneakers-events.db sneakers-events.db
snapshot() { ls -lA --time-style=+%s.%N s; cksum s/sneakers-events.db; }
snapshot > before.txt

# The reference: reads the map (PyYAML when present, else a reader for the
# canonical form) and the store, follows every chain start greedily, and
# picks the chain as the man page defines it.
cat > ref.py <<'PY'
import json, sqlite3, statistics, sys

def load_map(path):
    text = open(path, encoding="utf-8").read()
    try:
        import yaml
        return yaml.safe_load(text)
    except ImportError:
        pass
    # canonical form: top-level keys, "  - key: value" items, flow lists
    doc, section, item, listkey = {}, None, None, None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw.startswith(" "):
            key, _, val = raw.partition(":")
            section = key.strip()
            doc[section] = [] if not val.strip() else val.strip()
            item = None
            continue
        s = raw.strip()
        if raw.startswith("  - ") and not raw.startswith("    "):
            item = {}
            doc[section].append(item)
            s = s[2:]
        elif s.startswith("- ") and listkey is not None:
            item[listkey].append(s[2:].strip())
            continue
        if item is None or ":" not in s:
            continue
        key, _, val = s.partition(":")
        key, val = key.strip(), val.strip()
        if val.startswith("["):
            item[key] = [v.strip() for v in val[1:-1].split(",") if v.strip()]
            listkey = None
        elif val == "":
            item[key] = []
            listkey = key
        else:
            item[key] = val.strip("'\"")
            listkey = None
    return doc

def main():
    mp, db, since, until, window, by, persona = sys.argv[1:8]
    m = load_map(mp)
    stages = m["stages"]
    S = len(stages)
    stage_of = {}
    for k, st in enumerate(stages):
        for e in st.get("events") or []:
            stage_of.setdefault(e, k)
    card_events = {c["event"] for c in m.get("cards") or [] if c.get("event")}
    personas = m.get("personas") or []
    seg_of = {}
    for i, p in enumerate(personas):
        if p.get("segment") is not None:
            seg_of.setdefault(str(p["segment"]), i)
    chan_of = {}
    for i, c in enumerate(m.get("channels") or []):
        chan_of.setdefault(c["id"], i)
    since = -2**63 if since == "-" else int(since) * 1000
    until = 2**63 if until == "-" else int(until) * 1000
    window = int(window) * 1000
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    users, max_time = {}, None
    for rowid, u, ev, ts, seg, chan in con.execute(
            "SELECT rowid, user_id, event, ts, segment, channel FROM events"):
        if isinstance(ts, int):   # the log reaches as far as any row
            max_time = ts * 1000 if max_time is None else max(max_time, ts * 1000)
        if ev not in stage_of and ev not in card_events:
            continue
        t = ts * 1000
        if ev in stage_of:
            users.setdefault(u, []).append((t, stage_of[ev], rowid, seg, chan))
    result = {}  # user -> (level, path, seg, chan, latest_start)
    for u, evs in users.items():
        evs.sort(key=lambda e: (e[0], e[1], e[2]))
        best, latest = None, None
        for i, (t1, s, _, seg, chan) in enumerate(evs):
            if s != 0 or not (since <= t1 < until):
                continue
            latest = t1 if latest is None else max(latest, t1)
            path, cur = [t1], i
            while len(path) < S:
                nxt = next((j for j in range(cur + 1, len(evs))
                            if evs[j][1] == len(path) and evs[j][0] <= t1 + window), None)
                if nxt is None:
                    break
                path.append(evs[nxt][0])
                cur = nxt
            key = (-len(path), cur, -t1)   # higher level, earlier end, later start
            if best is None or key < best[0]:
                best = (key, path, seg, chan)
        if best is None:
            continue
        _, path, seg, chan = best
        if persona != "-":
            pi = [p["id"] for p in personas].index(persona)
            if seg_of.get(seg) != pi:
                continue
        result[u] = (len(path), path, seg, chan, latest)

    def stages_of(members):
        out = []
        reached = [sum(1 for r in members if r[0] > k) for k in range(S)]
        for k in range(S):
            deltas = [r[1][k] - r[1][k - 1] for r in members if k > 0 and r[0] > k]
            incomplete = sum(1 for r in members
                             if r[0] == k + 1 and r[0] < S and r[4] + window > max_time)
            tgt = stages[k].get("target")
            tgt = None if tgt is None else float(tgt)
            step = None if k == 0 or reached[k - 1] == 0 else reached[k] / reached[k - 1]
            out.append({
                "id": stages[k]["id"], "users": reached[k],
                "drop_off": 0 if k == 0 else reached[k - 1] - reached[k],
                "conversion_step": step,
                "conversion_total": None if reached[0] == 0 else reached[k] / reached[0],
                "target": tgt,
                "gap": None if step is None or tgt is None else step - tgt,
                "median_seconds": statistics.median(deltas) / 1000 if deltas else None,
                "incomplete": incomplete,
            })
        return out

    members = list(result.values())
    ref = {"window_seconds": window // 1000, "stages": stages_of(members),
           "levels": {u: r[0] for u, r in result.items()}}
    if by != "-":
        groups = []
        if by == "persona":
            keys = [p["id"] for p in personas]
            key_of = lambda r: seg_of.get(r[2], -1)
        else:
            keys = [c["id"] for c in m.get("channels") or []]
            key_of = lambda r: chan_of.get(r[3], -1)
        for i, k in enumerate(keys):
            groups.append({"key": k, "stages": stages_of([r for r in members if key_of(r) == i])})
        other = [r for r in members if key_of(r) == -1]
        if other:
            groups.append({"key": "other", "stages": stages_of(other)})
        ref["breakdown"] = {"by": by, "groups": groups}
    json.dump(ref, sys.stdout)

main()
PY

cat > compare.py <<'PY'
import json, sys
got = json.load(open(sys.argv[1]))
ref = json.load(open(sys.argv[2]))
bad = []
def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol
def cmp_stages(where, g, r):
    if len(g) != len(r):
        bad.append("%s: %d stages, want %d" % (where, len(g), len(r))); return
    for gs, rs in zip(g, r):
        for key in ("id", "users", "drop_off", "incomplete"):
            if gs.get(key) != rs[key]:
                bad.append("%s %s %s: %r, want %r" % (where, rs["id"], key, gs.get(key), rs[key]))
        for key, tol in (("conversion_step", 1e-6), ("conversion_total", 1e-6),
                         ("target", 1e-9), ("gap", 1e-6), ("median_seconds", 1e-3)):
            if key not in gs or not close(gs[key], rs[key], tol):
                bad.append("%s %s %s: %r, want %r" % (where, rs["id"], key, gs.get(key), rs[key]))
for key in ("window_seconds", "since", "until", "stages", "skipped_rows", "incomplete"):
    if key not in got:
        bad.append("JSON lacks %s" % key)
if got.get("window_seconds") != ref["window_seconds"]:
    bad.append("window_seconds %r, want %r" % (got.get("window_seconds"), ref["window_seconds"]))
cmp_stages("all", got["stages"], ref["stages"])
if "breakdown" in ref:
    gb = got.get("breakdown") or {}
    if gb.get("by") != ref["breakdown"]["by"]:
        bad.append("breakdown by %r" % gb.get("by"))
    gg, rg = gb.get("groups", []), ref["breakdown"]["groups"]
    if [g["key"] for g in gg] != [g["key"] for g in rg]:
        bad.append("group keys %r, want %r" % ([g["key"] for g in gg], [g["key"] for g in rg]))
    else:
        for a, b in zip(gg, rg):
            cmp_stages("group " + b["key"], a["stages"], b["stages"])
if ref["stages"][0]["users"] == 0 and len(sys.argv) < 4:
    bad.append("nobody entered: the comparison proves nothing")
for b in bad[:30]:
    print(b)
sys.exit(1 if bad else 0)
PY

# since/until as unix seconds for the reference
jan10=$(python3 -c 'import calendar; print(calendar.timegm((2026,1,10,0,0,0)))')
feb01=$(python3 -c 'import calendar; print(calendar.timegm((2026,2,1,0,0,0)))')

n=0
check() { # reference args (since until window by persona) -- waymark args
	n=$((n + 1))
	since=$1 until=$2 window=$3 by=$4 persona=$5
	shift 6
	"$W" funnel sneakers.yaml --format json "$@" > j$n.json 2> err ||
		{ fail "funnel $*: exit $?: $(cat err)"; return; }
	python3 ref.py sneakers.yaml sneakers-events.db "$since" "$until" "$window" "$by" "$persona" > r$n.json ||
		{ fail "reference $*"; return; }
	python3 compare.py j$n.json r$n.json > cmp.out || fail "funnel $*: $(cat cmp.out)"
}
check - - 604800 - - -- 
check - - 604800 persona - -- --by persona
check - - 604800 channel - -- --by channel
check "$jan10" "$feb01" 604800 - - -- --since 2026-01-10 --until 2026-02-01
check - - 172800 persona - -- --window 2d --by persona
check - - 5400 - - -- --window 90m
check - - 604800 - commuter -- --persona commuter
check "$jan10" - 1209600 channel runner -- --since 2026-01-10T00:00:00Z --window 2w --persona runner --by channel

# The persona filter equals that persona's group of the breakdown.
python3 - j2.json j7.json <<'PY' || fail "--persona commuter differs from the commuter group"
import json, sys
by = json.load(open(sys.argv[1]))
one = json.load(open(sys.argv[2]))
grp = [g for g in by["breakdown"]["groups"] if g["key"] == "commuter"][0]
sys.exit(0 if [s["users"] for s in grp["stages"]] == [s["users"] for s in one["stages"]] else 1)
PY

# The numbers are believable: everyone enters, fewer at each stage.
python3 - j1.json <<'PY' || fail "demo funnel not believable: $(cat j1.json | head -20)"
import json, sys
j = json.load(open(sys.argv[1]))
u = [s["users"] for s in j["stages"]]
ok = u[0] == 3000 and all(a > b > 0 for a, b in zip(u, u[1:]))
ok = ok and all(abs(s["gap"]) < 0.15 for s in j["stages"][1:])
sys.exit(0 if ok else 1)
PY

# --dropped: users who reached exploration and not purchase.
"$W" funnel sneakers.yaml --dropped purchase > d1.csv 2> err || fail "--dropped: $(cat err)"
python3 - d1.csv <<PY || fail "--dropped list differs from the reference"
import json, sys
lv = json.load(open("r1.json"))["levels"]
want = sorted(u for u, l in lv.items() if l == 3)
got = open(sys.argv[1]).read().split("\n")
sys.exit(0 if got[0] == "user_id" and got[1:-1] == want and len(want) > 0 else 1)
PY

# Nobody in the range: said, with where to look.
"$W" funnel sneakers.yaml --since 2030-01-01 > t0.txt 2> err || fail "empty range: $(cat err)"
grep -q "Nobody entered: no event of the first stage (landing_view, ig_ad_click) in the date range" t0.txt ||
	fail "empty range not explained: $(tail -2 t0.txt)"

# Table and CSV forms.
"$W" funnel sneakers.yaml > table.txt 2> err || fail "table: $(cat err)"
grep -q "Discovery" table.txt || fail "table lacks the stage names"
grep -q '█' table.txt || fail "table lacks bars"
grep -q "target" table.txt || fail "table lacks targets"
"$W" funnel sneakers.yaml --format csv --by persona > f.csv 2> err || fail "csv: $(cat err)"
head -1 f.csv | grep -q '^persona,stage,name,users,drop_off,conversion_step' || fail "csv header: $(head -1 f.csv)"
grep -q '^runner,discovery,' f.csv || fail "csv lacks the runner group"

# Errors: each its own message and exit status; nothing created.
"$W" funnel sneakers.yaml --events nope.db > out 2> err; rc=$?
[ $rc = 1 ] || fail "missing store: exit $rc"
grep -q "^waymark: nope.db: no such file" err || fail "missing store: $(cat err)"
[ ! -e nope.db ] || fail "missing store was created"
echo "not a database, only text, long enough to have a header of 100 bytes......................................." > text.db
"$W" funnel sneakers.yaml --events text.db > out 2> err; rc=$?
[ $rc = 1 ] && grep -q "text.db: not an SQLite database" err || fail "not a db: $rc $(cat err)"
"$W" funnel sneakers.yaml --table visits > out 2> err; rc=$?
[ $rc = 1 ] && grep -q 'no table "visits" (--table); the tables are: events' err || fail "no table: $rc $(cat err)"
"$W" funnel sneakers.yaml --time-col when > out 2> err; rc=$?
[ $rc = 1 ] && grep -q 'no column "when" .*its columns are: user_id, event, ts, segment, channel' err || fail "no column: $rc $(cat err)"
"$W" funnel sneakers.yaml --by department > out 2> err; rc=$?
[ $rc = 2 ] && grep -q "by must be persona or channel" err || fail "--by: $rc $(cat err)"
"$W" funnel sneakers.yaml --since 2026-02-30 > out 2> err; rc=$?
[ $rc = 2 ] && grep -q "since.*day out of range" err || fail "--since: $rc $(cat err)"
"$W" funnel sneakers.yaml --window 7 > out 2> err; rc=$?
[ $rc = 2 ] || fail "--window 7: exit $rc"
"$W" funnel sneakers.yaml --persona nobody > out 2> err; rc=$?
[ $rc = 2 ] && grep -q "the personas are: runner, commuter, gifter" err || fail "--persona: $rc $(cat err)"
"$W" funnel sneakers.yaml --dropped discovery > out 2> err; rc=$?
[ $rc = 2 ] && grep -q "first stage has no stage before it" err || fail "--dropped first: $rc $(cat err)"
"$W" funnel sneakers.yaml --format xml > out 2> err; rc=$?
[ $rc = 2 ] || fail "--format xml: exit $rc"
"$W" funnel > out 2> err; rc=$?
[ $rc = 2 ] || fail "no map: exit $rc"
"$W" funnel --help > out 2> err || fail "--help failed"
grep -q -- "--dropped STAGE" out || fail "--help lacks --dropped"
printf 'waymark: 1\ntitle: T\nstages:\n  - id: a\n    events: [x]\n' > plain.yaml
"$W" funnel plain.yaml > out 2> err; rc=$?
[ $rc = 1 ] && grep -q "plain.yaml: no event store" err || fail "no events block: $rc $(cat err)"

# A store locked by a writer: the answer comes within about a second.
cp s/sneakers-events.db locked.db
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect("locked.db", isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open("locked.ready", "w").close()
time.sleep(8)
' &
locker=$!
i=0
while [ ! -e locked.ready ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
t0=$(date +%s%N)
"$W" funnel sneakers.yaml --events locked.db > out 2> err; rc=$?
t1=$(date +%s%N)
kill $locker 2>/dev/null; wait $locker 2>/dev/null
ms=$(( (t1 - t0) / 1000000 ))
[ $rc = 1 ] && grep -q "locked.db: database is locked (another program is writing it); try again" err ||
	fail "locked: $rc $(cat err)"
[ $ms -lt 2500 ] || fail "locked: the answer took $ms ms"
rm -f locked.db locked.ready

# Rows with no usable time are counted and reported, not fatal.
cp s/sneakers-events.db times.db
sqlite3 times.db "UPDATE events SET ts = 'soon' WHERE rowid % 100 = 0; UPDATE events SET ts = NULL WHERE rowid % 100 = 1"
"$W" funnel sneakers.yaml --events times.db > table2.txt 2> err || fail "bad times were fatal: $(cat err)"
bad=$(sqlite3 times.db "SELECT count(*) FROM events WHERE (ts IS NULL OR ts = 'soon') AND event NOT IN ('app_open','page_scroll','newsletter_open','wishlist_view','cookie_consent','session_ping')")
badc=$(printf "%'d" "$bad" 2>/dev/null || echo "$bad")
grep -q "rows with no usable time were skipped" table2.txt || fail "skipped rows not reported: $(tail -3 table2.txt)"
"$W" funnel sneakers.yaml --events times.db --format json > j.json 2> err
python3 -c "import json,sys; sys.exit(0 if json.load(open('j.json'))['skipped_rows'] == $bad else 1)" ||
	fail "skipped_rows is not $bad"
rm -f times.db text.db

# A WAL-mode store: no -wal or -shm appears, nothing changes.
mkdir w
cp s/sneakers-events.db w/events.db
sqlite3 w/events.db "PRAGMA journal_mode=WAL" > /dev/null
[ "$(ls -A w)" = events.db ] || fail "sqlite3 left files beside the WAL store: $(ls -A w)"
ls -lA --time-style=+%s.%N w > wal-before.txt; cksum w/events.db >> wal-before.txt
"$W" funnel sneakers.yaml --events w/events.db --format json > jw.json 2> err || fail "WAL store: $(cat err)"
"$W" events check sneakers.yaml --events w/events.db > out 2> err || fail "WAL check: $(cat err)"
ls -lA --time-style=+%s.%N w > wal-after.txt; cksum w/events.db >> wal-after.txt
diff wal-before.txt wal-after.txt > /dev/null || fail "the WAL store or its directory changed: $(diff wal-before.txt wal-after.txt)"
python3 compare.py jw.json r1.json > cmp.out || fail "WAL store gives other numbers: $(cat cmp.out)"

snapshot > after.txt
diff before.txt after.txt > /dev/null || fail "the store or its directory changed: $(diff before.txt after.txt)"

echo "funnel: $n reference comparisons, $fails failures"
[ $fails -eq 0 ]
