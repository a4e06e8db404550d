#!/bin/sh
# Hostile files (issue 6): `waymark validate` on each input of the catalog
# tests/data/hostile/ and on big ones generated here (a 100 MB scalar, a
# million nested brackets, 50,000 cards, a 15 MiB scalar just under the
# size bound, a directory, an empty file).  Each must end with the right
# exit status, a message naming the file (and line:col where there is
# one), within a time bound and a memory bound (peak RSS of the process).
# Under make sanitize the bounds are widened (ASan's shadow memory and
# slower code); under make memcheck (WAYMARK_MEMCHECK=1) they are not
# checked, only the behaviour.
set -u
W=$WAYMARK
H=$TOP/tests/data/hostile
cd "$WORK"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

time_mul=1 mem_mul=1
if ldd "${WAYMARK_REAL:-$W}" 2>/dev/null | grep -q 'libasan'; then
	time_mul=4 mem_mul=8
fi
check_bounds=1
[ "${WAYMARK_MEMCHECK:-0}" = 1 ] && check_bounds=0

# bounded SECONDS MB CMD...: run CMD with stdout to out, stderr to err;
# sets got (exit status), secs, kb (peak RSS of the command).
cat > bounded.py <<'PY'
import resource, subprocess, sys, time
limit = float(sys.argv[1])
t0 = time.monotonic()
with open("out", "wb") as o, open("err", "wb") as e:
    try:
        rc = subprocess.run(sys.argv[2:], stdout=o, stderr=e, timeout=limit).returncode
    except subprocess.TimeoutExpired:
        rc = 124
secs = time.monotonic() - t0
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(rc, "%.2f" % secs, kb)
PY
bounded() {
	limit_s=$(($1 * time_mul)) limit_mb=$(($2 * mem_mul))
	shift 2
	[ $check_bounds -eq 1 ] || limit_s=600
	set -- $(python3 bounded.py "$limit_s" "$@")
	got=$1 secs=$2 kb=$3
	if [ "$got" -eq 124 ]; then
		fail "$case: still running after $limit_s s"
	elif [ $check_bounds -eq 1 ] && [ "$kb" -gt $((limit_mb * 1024)) ]; then
		fail "$case: peak memory ${kb} KB, over the bound of $limit_mb MB"
	fi
}
# refused FILE PATTERN [SECONDS MB]: validate FILE must exit 1 with a
# message matching PATTERN (an extended regexp; the file name is checked
# separately: every message must begin with it).
refused() {
	case=$1
	bounded "${3:-10}" "${4:-64}" "$W" validate "$1"
	[ "$got" -eq 1 ] || fail "$case: exit status $got, wanted 1"
	head -n 1 err | grep -q "^$(basename "$1"):" ||
	    grep -q "$1" err || fail "$case: message does not name the file"
	grep -Eq -- "$2" err || fail "$case: message lacks /$2/"
	sed 's/^/  | /' err | head -n 3
	echo "ok: $case refused in ${secs}s, ${kb} KB"
}

# The catalog (small files, in the repository).  Copied here so that the
# messages name a short relative path.
cp "$H"/*.yaml .
refused billion-laughs.yaml '^billion-laughs\.yaml:3:4: anchors and aliases are not allowed'
refused self-anchor.yaml '^self-anchor\.yaml:3:[0-9]+: anchors and aliases are not allowed'
refused duplicate-keys.yaml "^duplicate-keys\\.yaml:6:1: duplicate key 'title' \\(first at line 2\\)"
refused two-documents.yaml '^two-documents\.yaml:3:1: a second document is not allowed'
refused invalid-utf8.yaml '^invalid-utf8\.yaml:2:11: invalid UTF-8'
refused overlong-utf8.yaml '^overlong-utf8\.yaml:3:[0-9]+: invalid UTF-8'
refused surrogate-utf8.yaml '^surrogate-utf8\.yaml:2:[0-9]+: invalid UTF-8'
refused utf16.yaml '^utf16\.yaml:1:1: invalid UTF-8'
refused binary.yaml '^binary\.yaml:[0-9]+:[0-9]+: (invalid UTF-8|control characters)'
refused nul-byte.yaml '^nul-byte\.yaml:2:[0-9]+: control characters are not allowed'
refused newer-version.yaml '^newer-version\.yaml:1:[0-9]+: .*newer waymark'
refused binary-tag.yaml '^binary-tag\.yaml:2:[0-9]+: tag .* is not allowed'
refused custom-tag.yaml '^custom-tag\.yaml:[0-9]+:[0-9]+: tag .* is not allowed'
refused unterminated.yaml '^unterminated\.yaml:[0-9]+:[0-9]+: '

# An empty file and a directory.
: > empty.yaml
refused empty.yaml '^empty\.yaml: .*empty'
mkdir dir.yaml
refused dir.yaml '^dir\.yaml: .*directory'

# A million nested brackets: refused at the depth bound, without building
# anything first.
python3 -c 'import sys; sys.stdout.write("waymark: 1\nx: " + "[" * 1000000 + "\n")' > nested.yaml
refused nested.yaml '^nested\.yaml:2:[0-9]+: nesting deeper than [0-9]+ levels' 10 64

# A 100 MB scalar: refused by the size bound, without reading it.
{ printf 'waymark: 1\ntitle: '; head -c 104857600 /dev/zero | tr '\0' a; echo; } > huge.yaml
refused huge.yaml '^huge\.yaml: too large \(104857619 bytes; the limit is 16 MiB\)' 5 32
rm -f huge.yaml

# A 15 MiB scalar, under the bound: loads, in bounded time and memory.
{ printf 'waymark: 1\ntitle: '; head -c 15728640 /dev/zero | tr '\0' b; echo; } > large.yaml
case=large.yaml
bounded 10 160 "$W" validate large.yaml
[ "$got" -eq 0 ] || { fail "large.yaml: exit status $got, wanted 0"; cat err; }
echo "ok: large.yaml (15 MiB scalar) loaded in ${secs}s, ${kb} KB"
rm -f large.yaml

# 50,000 cards: a legal map far beyond any workshop; loads and validates.
python3 - <<'PY'
lines = ["waymark: 1", "title: Fifty thousand cards", "stages:"]
for s in range(10):
    lines += ["  - id: s%d" % s, "    name: Stage %d" % s]
lines += ["lanes:"]
for l in range(5):
    lines += ["  - id: l%d" % l, "    name: Lane %d" % l]
lines += ["cards:"]
for i in range(50000):
    lines += ["  - id: c%d" % i, "    stage: s%d" % (i % 10),
              "    lane: l%d" % (i % 5),
              "    title: Card %d \u2014 touchpoint \u201c%d\u201d" % (i, i),
              "    emotion: 1" if i % 3 == 0 else "    votes: 2"]
open("cards.yaml", "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
case=cards.yaml
bounded 10 200 "$W" validate cards.yaml
[ "$got" -eq 0 ] || { fail "cards.yaml: exit status $got, wanted 0"; cat err; }
grep -q '50000 cards' out || fail "cards.yaml: validate does not report 50000 cards: $(cat out)"
echo "ok: cards.yaml (50,000 cards) validated in ${secs}s, ${kb} KB"
# ... and survives a canonical rewrite, twice giving the same bytes.
bounded 20 400 "$W" fmt cards.yaml
[ "$got" -eq 0 ] || { fail "fmt cards.yaml: exit status $got"; cat err; }
cp cards.yaml cards.once
bounded 20 400 "$W" fmt cards.yaml
cmp -s cards.yaml cards.once || fail "fmt of 50,000 cards is not idempotent"
echo "ok: cards.yaml rewritten in ${secs}s, ${kb} KB"

[ $fails -eq 0 ] || { echo "hostile: $fails failure(s)"; exit 1; }
echo "hostile: all refused or loaded within bounds"
