#!/bin/sh
# Crash-safe saving (issue 6): `waymark fmt` rewrites a large map and is
# killed with SIGKILL at a random moment, hundreds of times.  After every
# kill the map must be byte-identical to the old text or the new one,
# never a mix; and after "the next start" (tests/tools/wm-cleanup, which
# does what the front ends do on opening a map: atomic_cleanup_stale) no
# temporary file of the map may be left.
#
# Half of the kills come after a random delay, in microseconds, drawn
# from a window measured on this machine (from before the load ends to
# after the whole rewrite); the other half watch the directory and strike
# a random number of microseconds after the temporary file appears, so
# that many land while the new file is being written, synced or renamed.
# The closing lines count where the kills landed.
#   CRASH_KILLS   number of kills (default 300; 200 under ASan, 20 under
#                 valgrind)
set -u
mkdir "$WORK/crash" && cd "$WORK/crash" || exit 1
tools=${WAYMARK_TOOLS:-$TOP/build/tools}
[ -x "$tools/wm-cleanup" ] || { echo "FAIL: no $tools/wm-cleanup (make tools)"; exit 1; }
kills=${CRASH_KILLS:-300}
if [ "${WAYMARK_MEMCHECK:-0}" = 1 ]; then
	kills=${CRASH_KILLS:-20}
elif ldd "$WAYMARK" 2>/dev/null | grep -q libasan; then
	kills=${CRASH_KILLS:-200}
fi

exec python3 - "$WAYMARK" "$tools/wm-cleanup" "$kills" <<'PY'
import os, random, re, subprocess, sys, time

waymark, cleanup, kills = sys.argv[1], sys.argv[2], int(sys.argv[3])
target = "map.yaml"
temp = re.compile(r"^\.map\.yaml\.[A-Za-z0-9]{6}$")
random.seed(os.getpid())
# A kill can land while a sanitizer build runs its leak check at exit,
# which then reports that it could not stop the process: leak checking is
# for the runs that end normally (calibration, validate), not these.
killed_env = dict(os.environ)
killed_env["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0"

# The old text: 10,000 cards in flow style, which fmt rewrites in block
# style (the new text, about 1.5 MB).
lines = ["waymark: 1", "title: Crash test", "stages:"]
lines += ["  - {id: s%d, name: Stage %d}" % (s, s) for s in range(8)]
lines += ["lanes:"] + ["  - {id: l%d, name: Lane %d}" % (l, l) for l in range(4)]
lines += ["cards:"]
for i in range(10000):
    lines.append("  - {id: c%d, stage: s%d, lane: l%d, title: 'Card %d: a "
                 "touchpoint with a longer title', notes: \"Line one\\nline "
                 "two of card %d\"}" % (i, i % 8, i % 4, i, i))
OLD = ("\n".join(lines) + "\n").encode()

def put_old():
    with open("staging", "wb") as f:
        f.write(OLD)
    os.replace("staging", target)

def run(*args):
    t0 = time.monotonic()
    r = subprocess.run([waymark] + list(args), stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    return r.returncode, time.monotonic() - t0, r.stderr.decode()

put_old()
rc, _, err = run("fmt", target)
if rc != 0:
    sys.exit("FAIL: fmt of the test map: %d %s" % (rc, err))
NEW = open(target, "rb").read()
if NEW == OLD:
    sys.exit("FAIL: fmt did not change the map; the test needs two versions")

# Calibrate: how long loading takes, and the whole rewrite.
loads, fmts = [], []
for _ in range(3):
    put_old()
    loads.append(run("validate", target)[1])
    put_old()
    fmts.append(run("fmt", target)[1])
t_load, t_fmt = sorted(loads)[1], sorted(fmts)[1]
lo, hi = 0.7 * t_load, 1.1 * t_fmt
print("calibration: load %.3f s, rewrite %.3f s; kill delays %.3f..%.3f s"
      % (t_load, t_fmt, lo, hi))

fails = 0
seen = {"old": 0, "new": 0}
mid_write = completed = 0
targeted = 0
for i in range(kills):
    put_old()
    before = set(f for f in os.listdir(".") if temp.match(f))
    p = subprocess.Popen([waymark, "fmt", target], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=killed_env)
    if i % 2 == 0:
        time.sleep(random.uniform(lo, hi))
    else:
        # wait for the temporary file (or the end), then strike
        deadline = time.monotonic() + 4 * t_fmt + 1
        while p.poll() is None and time.monotonic() < deadline:
            if set(f for f in os.listdir(".") if temp.match(f)) - before:
                targeted += 1
                break
        time.sleep(random.uniform(0, 0.002))
    p.kill()
    rc = p.wait()
    data = open(target, "rb").read()
    if data == OLD:
        state = "old"
    elif data == NEW:
        state = "new"
    else:
        fails += 1
        open("torn-%d.yaml" % i, "wb").write(data)
        print("FAIL: kill %d left a map that is neither version (%d bytes, "
              "kept as torn-%d.yaml)" % (i, len(data), i))
        continue
    seen[state] += 1
    if rc == 0:
        completed += 1
    elif set(f for f in os.listdir(".") if temp.match(f)) - before:
        mid_write += 1

left = sorted(f for f in os.listdir(".") if temp.match(f))
print("kills: %d; map afterwards: old %d, new %d, torn %d" %
      (kills, seen["old"], seen["new"], fails))
print("kills that landed while the new file was being written (a temporary "
      "file left): %d (%d kills aimed at a temporary file seen); saves that "
      "finished before the kill: %d" % (mid_write, targeted, completed))
if mid_write < kills // 10:
    fails += 1
    print("FAIL: no kill landed during a write; the timing window is off")

# The next start: once the temporary files are older than the cleanup's
# grace period, opening the map removes them all.
time.sleep(2.2)
r = subprocess.run([cleanup, target], capture_output=True, text=True)
after = sorted(f for f in os.listdir(".") if temp.match(f))
print("temporary files left by the kills: %d; after the next start: %d" %
      (len(left), len(after)))
if r.returncode != 0 or after:
    fails += 1
    print("FAIL: the next start left %s (%s)" % (after, r.stderr.strip()))
rc, _, err = run("validate", target)
if rc != 0:
    fails += 1
    print("FAIL: the map does not validate after the kills: " + err)
others = sorted(f for f in os.listdir(".") if f not in (target, "staging") and
                not f.startswith("torn-"))
if others:
    fails += 1
    print("FAIL: files left beside the map: %s" % others)
sys.exit(1 if fails else 0)
PY
