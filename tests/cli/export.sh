#!/bin/sh
# export.sh - `waymark export` end to end: options and exit codes, every
# text format to standard output and to a file, a hostile map, the CSV read
# back by Python's csv module against the map read by PyYAML, the Mermaid
# read back by Mermaid itself (when node and npm can install it into
# tests/mermaid/node_modules) and always by a grammar check, the text
# board's widths, and the measured numbers against `waymark funnel`.
set -u
# The labels follow the locale (LC_ALL, then LC_MESSAGES, then LANG): the
# checks read the English ones whatever the developer's locale is; the
# language checks below set their own.
LC_ALL=C.UTF-8; export LC_ALL
W="$WAYMARK"
M="$TOP/maps/sneakers.yaml"
fail() { echo "FAIL: $*"; exit 1; }
# The checks read maps with PyYAML: use the first python3 that has it (a
# pyenv python may lack it; Debian's gets python3-yaml from .ci/install-deps).
for py in python3 /usr/bin/python3; do
	if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import yaml' 2>/dev/null; then
		PYTHON=$py; break
	fi
done
[ -n "${PYTHON:-}" ] || fail "no python3 with PyYAML (apt-get install python3-yaml)"
python3() { command "$PYTHON" "$@"; }

# Exit status of a command, with its stderr in $WORK/err.
status() { "$@" > "$WORK/out" 2> "$WORK/err"; echo $?; }

# --- help, usage errors, input errors ----------------------------------------
[ "$(status "$W" export --help)" = 0 ] || fail "export --help"
grep -q -- "--format FORMAT" "$WORK/out" || fail "--help lacks --format"
grep -q "formula" "$WORK/out" || fail "--help does not say how CSV formulas are neutralised"
[ "$(status "$W" export "$M")" = 2 ] || fail "no --format should be a usage error"
grep -q "^waymark: export: which format" "$WORK/err" || fail "no --format message: $(cat "$WORK/err")"
[ "$(status "$W" export "$M" --format docx)" = 2 ] || fail "unknown format should exit 2"
grep -q "unknown format 'docx'" "$WORK/err" || fail "unknown format message"
[ "$(status "$W" export "$M" --format txt --width 5)" = 2 ] || fail "--width 5 should exit 2"
[ "$(status "$W" export "$M" --format txt --width abc)" = 2 ] || fail "--width abc should exit 2"
[ "$(status "$W" export --format txt)" = 2 ] || fail "no MAP should exit 2"
[ "$(status "$W" export "$M" "$M" --format txt)" = 2 ] || fail "two MAPs should exit 2"
[ "$(status "$W" export "$M" --format pdf -o -)" = 2 ] || fail "pdf to stdout should exit 2"
[ "$(status "$W" export "$M" --format txt --bogus)" = 2 ] || fail "unknown option should exit 2"
[ "$(status "$W" export "$M" --format html --persona nobody)" = 2 ] || fail "unknown persona should be a usage error"
grep -q "no persona 'nobody' in .*sneakers.yaml; the personas are: runner, commuter, gifter" "$WORK/err" ||
	fail "persona message: $(cat "$WORK/err")"
[ "$(status "$W" export "$WORK/missing.yaml" --format md)" = 1 ] || fail "missing map should exit 1"
grep -q "missing.yaml" "$WORK/err" || fail "missing map message should name it"
sed 's/^    stage: discovery$/    stage: nowhere/' "$M" > "$WORK/invalid.yaml"
[ "$(status "$W" export "$WORK/invalid.yaml" --format csv)" = 1 ] || fail "invalid map should exit 1"
grep -q "invalid.yaml:[0-9]*:[0-9]*: error" "$WORK/err" || fail "invalid map message: $(cat "$WORK/err")"
[ ! -s "$WORK/out" ] || fail "an invalid map must not be exported"
[ "$(status "$W" export "$M" --format md -o "$WORK/no/such/dir/x.md")" = 1 ] || fail "unwritable -o should exit 1"
grep -q "no/such/dir/x.md" "$WORK/err" || fail "unwritable -o message should name the file"
[ "$(status "$W" export "$M" --format txt --events "$WORK/none.db")" = 1 ] || fail "a missing --events store should exit 1"
grep -q "none.db" "$WORK/err" || fail "missing store message should name it"
# The map's own store (events: block) that is not there: a warning only.
[ "$(status "$W" export "$M" --format txt)" = 0 ] || fail "txt export of the example"
grep -q "warning: .*sneakers-events.db" "$WORK/err" || fail "missing map store should warn: $(cat "$WORK/err")"
# PDF without Chromium says what to install (a PATH without any browser
# stands for none installed).
[ "$(status env -u WAYMARK_CHROMIUM PATH="$WORK/no-bin" "$W" export "$M" --format pdf -o "$WORK/x.pdf")" = 1 ] ||
	fail "pdf without chromium should exit 1"
grep -q "^waymark: pdf export needs Chromium: install the 'chromium' package (apt-get install chromium)$" "$WORK/err" ||
	fail "pdf without chromium message: $(cat "$WORK/err")"
[ ! -e "$WORK/x.pdf" ] || fail "no pdf should be written without chromium"
# WAYMARK_CHROMIUM naming nothing runnable: the message names the setting.
[ "$(status env WAYMARK_CHROMIUM="$WORK/no/chromium" "$W" export "$M" --format pdf -o "$WORK/x.pdf")" = 1 ] ||
	fail "pdf with a bad WAYMARK_CHROMIUM should exit 1"
grep -q "^waymark: pdf export: WAYMARK_CHROMIUM=$WORK/no/chromium is not a program that can be run" "$WORK/err" ||
	fail "bad WAYMARK_CHROMIUM message: $(cat "$WORK/err")"
[ ! -e "$WORK/x.pdf" ] || fail "no pdf should be written with a bad WAYMARK_CHROMIUM"
# csv and mermaid have no measured numbers: store options say they are
# not used, and the export still works.
for f in csv mermaid; do
	[ "$(status "$W" export "$M" --format $f --events "$WORK/none.db")" = 0 ] ||
		fail "$f with --events should still export"
	grep -q "^waymark: warning: --format $f has no measured numbers; --events and the other event-store options are not used$" "$WORK/err" ||
		fail "$f with --events: $(cat "$WORK/err")"
	[ -s "$WORK/out" ] || fail "$f with --events wrote nothing"
done
[ "$(status "$W" export "$M" --format csv --since 2026-01-01)" = 0 ] || fail "csv --since"
grep -q "warning: --format csv has no measured numbers; --since" "$WORK/err" || fail "csv --since: $(cat "$WORK/err")"
[ "$(status "$W" export "$M" --format csv)" = 0 ] || fail "csv"
[ -s "$WORK/err" ] && fail "csv without store options warned: $(cat "$WORK/err")"

# --- every text format, stdout and -o give the same bytes --------------------
for f in html md csv mermaid txt; do
	"$W" export "$M" --format $f > "$WORK/stdout.$f" 2> /dev/null || fail "export --format $f"
	"$W" export "$M" --format $f -o "$WORK/file.$f" 2> /dev/null || fail "export --format $f -o"
	cmp -s "$WORK/stdout.$f" "$WORK/file.$f" || fail "$f: -o differs from standard output"
	[ -s "$WORK/file.$f" ] || fail "$f: empty export"
done
# -o replaces an existing file and keeps its mode.
chmod 600 "$WORK/file.md"
"$W" export "$M" --format md -o "$WORK/file.md" 2> /dev/null || fail "export over an existing file"
[ "$(stat -c %a "$WORK/file.md")" = 600 ] || fail "-o did not keep the file's mode"
[ -z "$(find "$WORK" -maxdepth 1 -name '.file.*')" ] || fail "a temporary file was left behind: $(ls -a "$WORK")"

# --- a hostile map, written by PyYAML so its text is exactly what we mean ----
python3 - "$WORK/hostile.yaml" <<'EOF' || fail "cannot write the hostile map"
import sys, yaml
titles = [
    "<script>alert('x')</script>",
    "a | b || c",
    "line one\nline two",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "# not a heading; nor: a task % %% comment",
    "日本語のカードのタイトル、とても長いものです",
    "Emoji \U0001F600\U0001F45F party",
    "*bold* _em_ `code` [link](http://x) ~~s~~ $x$ <b>&amp;",
    "title journey section",
    "-5% discount, \"quoted\", comma",
    "Supercalifragilisticexpialidocious-and-then-some-more-without-any-space " * 2,
    "+1 @mention\ttab",
    "section: fake",
    "\n\t Section after blanks",
    "```\nfence",
]
cards = []
for i, t in enumerate(titles):
    c = {"id": "card-%d" % i, "stage": "s1" if i % 2 == 0 else "s2",
         "lane": "l1", "title": t}
    if i % 3 == 0:
        c["owner"] = "d1"
    if i % 4 == 0:
        c["channel"] = "c1"
    if i % 5 != 4:
        c["personas"] = ["p1"]
    if i % 2 == 0:
        c["emotion"] = i % 5 - 2
    if i == 1:
        c["notes"] = "notes <img src=x onerror=y>\nsecond | line"
        c["tags"] = ["t;1", "-t2"]
        c["votes"] = 3
    cards.append(c)
m = {
    "waymark": 1,
    "title": "<h1>Map</h1> | title: with # and ; and %%",
    "summary": "Summary\n# heading?\n- list?",
    "personas": [{"id": "p1", "name": "Ann, <b>\"the\" | buyer</b>: #1; 100%",
                  "quote": "</blockquote><script>x()</script>",
                  "goals": ["goal | pipe"], "frustrations": ["=cmd|' /C calc'!A0"]}],
    "departments": [{"id": "d1", "name": "Sales & <Ops>, \"Care\"", "color": "red"}],
    "channels": [{"id": "c1", "name": "Web, \"shop\"", "kind": "online"}],
    "stages": [{"id": "s1", "name": "Stage | one: <i>x</i>"},
               {"id": "s2", "name": "段階二 \U0001F680", "target": 0.5}],
    "lanes": [{"id": "l1", "name": "Lane | <u>one</u>", "kind": "touchpoints"},
              {"id": "emo", "name": "Feelings", "kind": "emotion"}],
    "cards": cards,
}
with open(sys.argv[1], "w", encoding="utf-8") as f:
    yaml.safe_dump(m, f, allow_unicode=True, sort_keys=False)
EOF
H="$WORK/hostile.yaml"
"$W" validate "$H" > /dev/null 2>&1 || fail "the hostile map does not validate: $("$W" validate "$H" 2>&1)"
for f in html md csv mermaid txt; do
	"$W" export "$H" --format $f -o "$WORK/hostile.$f" || fail "hostile: export --format $f"
done
grep -q "<script" "$WORK/hostile.html" && fail "hostile html: a <script> tag came through"
grep -q "<img" "$WORK/hostile.html" && fail "hostile html: an <img> tag came through"
grep -q "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" "$WORK/hostile.html" || fail "hostile html: the script title is not shown as text"
sed '/^## Journey diagram/,$d' "$WORK/hostile.md" | grep -q "<script\|<b>" && fail "hostile md: a tag came through"
grep -q "a \\\\| b \\\\|\\\\| c" "$WORK/hostile.md" || fail "hostile md: pipes not escaped"

# --- CSV: Python's csv module reads back the map's cells ---------------------
check_csv() { # MAP CSV [PERSONA]
	python3 - "$@" <<'EOF'
import csv, sys, yaml
path, csv_path = sys.argv[1], sys.argv[2]
persona = sys.argv[3] if len(sys.argv) > 3 else None
m = yaml.safe_load(open(path, encoding="utf-8"))
raw = open(csv_path, "rb").read()
assert raw.endswith(b"\r\n"), "rows must end with CRLF"
assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM by default"
rows = list(csv.reader(open(csv_path, encoding="utf-8", newline="")))
header = ["id", "stage", "stage_name", "lane", "lane_name", "title", "notes",
          "owner", "owner_name", "channel", "channel_name", "personas",
          "emotion", "event", "votes", "tags"]
assert rows[0] == header, rows[0]
def named(kind, key):
    return {e["id"]: e.get("name") or e["id"] for e in m.get(kind) or []}.get(key, "") if key else ""
def text(v):
    v = "" if v is None else str(v)
    return "'" + v if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
stages = [s["id"] for s in m.get("stages") or []]
lanes = [l["id"] for l in m.get("lanes") or []]
cards = [c for c in m.get("cards") or []
         if persona is None or not c.get("personas") or persona in c["personas"]]
# board order: stage, then lane, then file order (a stable sort)
cards.sort(key=lambda c: (stages.index(c["stage"]), lanes.index(c["lane"])))
want = [[text(c["id"]), text(c["stage"]), text(named("stages", c["stage"])),
         text(c["lane"]), text(named("lanes", c["lane"])), text(c.get("title")),
         text(c.get("notes")), text(c.get("owner")),
         text(named("departments", c.get("owner"))), text(c.get("channel")),
         text(named("channels", c.get("channel"))),
         text(";".join(c.get("personas") or [])),
         "" if c.get("emotion") is None else str(c["emotion"]),
         text(c.get("event")), "" if c.get("votes") is None else str(c["votes"]),
         text(";".join(c.get("tags") or []))] for c in cards]
got = rows[1:]
if got != want:
    for g, w in zip(got, want):
        if g != w:
            print("csv row differs:\n got  %r\n want %r" % (g, w))
            break
    print("rows: got %d, want %d" % (len(got), len(want)))
    sys.exit(1)
EOF
}
check_csv "$M" "$WORK/file.csv" || fail "csv of the example does not read back"
check_csv "$H" "$WORK/hostile.csv" || fail "csv of the hostile map does not read back"
"$W" export "$M" --format csv --persona commuter -o "$WORK/commuter.csv" 2> /dev/null || fail "csv --persona"
check_csv "$M" "$WORK/commuter.csv" commuter || fail "csv --persona commuter does not read back"
"$W" export "$M" --format csv --bom -o "$WORK/bom.csv" 2> /dev/null || fail "csv --bom"
[ "$(head -c 3 "$WORK/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "--bom did not write a BOM"
for t in "$TOP"/maps/*.yaml; do
	"$W" export "$t" --format csv -o "$WORK/t.csv" 2> /dev/null || fail "csv of $t"
	check_csv "$t" "$WORK/t.csv" || fail "csv of $t does not read back"
done

# --- Mermaid: the journey grammar, and Mermaid's own parser ------------------
# What Mermaid must understand, computed from the map with the export's
# documented replacements; compared with Mermaid's reading when it runs.
expect_mermaid() { # MAP
	python3 - "$1" <<'EOF'
import json, re, sys, yaml
m = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
def clean(s, actor=False, keep_colon=False, guard=False):
    s = re.sub(r"[\x00-\x1f\x7f ]+", " ", str(s)).strip(" ")
    rep = {"#": "\uff03", ";": "\uff1b", "%": "\uff05"}
    if not keep_colon: rep[":"] = "\ua789"
    if actor: rep[","] = "\u201a"
    s = "".join(rep.get(ch, ch) for ch in s)
    if guard and re.match(r"(?i)(journey|title|section|acc)", s):
        s = "\u200b" + s
    return s
def name(kind, key):
    for e in m.get(kind) or []:
        if e["id"] == key:
            return e.get("name") or key
    return key
stages = [s["id"] for s in m.get("stages") or []]
lanes = [l["id"] for l in m.get("lanes") or []]
cards = sorted(m.get("cards") or [], key=lambda c: (stages.index(c["stage"]), lanes.index(c["lane"])))
tasks = []
for c in cards:
    score = 3 if c.get("emotion") is None else c["emotion"] + 3
    people = [clean(name("personas", p), actor=True) for p in c.get("personas") or []]
    if not people and c.get("owner"):
        people = [clean(name("departments", c["owner"]), actor=True)]
    tasks.append({"section": clean(name("stages", c["stage"])),
                  "task": clean(c.get("title") or c["id"], guard=True),
                  "score": score, "people": people})
print(json.dumps({"title": clean(m.get("title") or "Customer journey", keep_colon=True),
                  "sections": [clean(s.get("name") or s["id"]) for s in m.get("stages") or []],
                  "tasks": tasks}, ensure_ascii=False, sort_keys=True))
EOF
}
grammar_mermaid() { # FILE
	python3 - "$1" <<'EOF'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert lines[0] == "journey", lines[0]
assert lines[-1] == "", "ends with a newline"
task = re.compile(r"^    [^\s#:;\n][^#:;\n]*: [1-5](: [^#:;\n,]+(, [^#:;\n,]+)*)?$")
for line in lines[1:-1]:
    if line.startswith("  title "):
        assert re.match(r"^  title [^#;\n]+$", line), line
    elif line.startswith("  section "):
        assert re.match(r"^  section [^#:;\n]+$", line), line
    else:
        assert task.match(line), "not a journey task: %r" % line
        assert not re.match(r"(?i)\s*(journey|title|section|acc)", line[4:]), line
    assert "%%" not in line, line
EOF
}
mermaid_files=""
for t in "$TOP"/maps/*.yaml "$H"; do
	out="$WORK/$(basename "$t" .yaml).mmd"
	"$W" export "$t" --format mermaid -o "$out" 2> /dev/null || fail "mermaid of $t"
	grammar_mermaid "$out" || fail "mermaid of $t breaks the journey grammar"
	mermaid_files="$mermaid_files $out"
done
# The Mermaid block in the Markdown is the same diagram.
sed -n '/^```mermaid$/,/^```$/p' "$WORK/file.md" | sed '1d;$d' | cmp -s - "$WORK/file.mermaid" ||
	fail "the md's mermaid block differs from the mermaid export"

MD="$TOP/tests/mermaid"
# Mermaid 11 with jsdom wants node 20 or later.
if command -v node > /dev/null 2>&1 && command -v npm > /dev/null 2>&1 &&
    node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
	if [ ! -d "$MD/node_modules/mermaid" ]; then
		echo "installing Mermaid (tests/mermaid/package-lock.json) for the parse check"
		(cd "$MD" && npm ci --no-audit --no-fund --loglevel=error > "$WORK/npm.log" 2>&1) ||
			{ cat "$WORK/npm.log"; rm -rf "$MD/node_modules"; }
	fi
fi
if [ -d "$MD/node_modules/mermaid" ]; then
	# shellcheck disable=SC2086
	node "$MD/check.mjs" $mermaid_files > "$WORK/parsed.jsonl" 2> "$WORK/parse.err" ||
		fail "Mermaid does not parse our output: $(cat "$WORK/parse.err")"
	for t in "$TOP"/maps/*.yaml "$H"; do
		expect_mermaid "$t" > "$WORK/want.json" || fail "expectation for $t"
		python3 - "$WORK/parsed.jsonl" "$WORK/$(basename "$t" .yaml).mmd" "$WORK/want.json" <<'EOF' || fail "Mermaid reads $t differently"
import json, sys
parsed = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = [p for p in parsed if p["file"] == sys.argv[2]][0]
del got["file"]
got["tasks"] = [dict(t, people=[p.strip() for p in t["people"]], task=t["task"].strip()) for t in got["tasks"]]
want = json.load(open(sys.argv[3], encoding="utf-8"))
if json.dumps(got, sort_keys=True, ensure_ascii=False) != json.dumps(want, sort_keys=True, ensure_ascii=False):
    print("got ", json.dumps(got, ensure_ascii=False)[:2000])
    print("want", json.dumps(want, ensure_ascii=False)[:2000])
    sys.exit(1)
EOF
	done
	echo "mermaid: parsed by Mermaid $(node -p "require('$MD/node_modules/mermaid/package.json').version")"
else
	echo "mermaid: node 20+ and npm not available; checked against the journey grammar only"
fi

# --- txt: no line wider than asked ------------------------------------------
for width in 20 47 80 100 160; do
	for t in "$M" "$H"; do
		"$W" export "$t" --format txt --width $width -o "$WORK/w.txt" 2> /dev/null || fail "txt --width $width of $t"
		python3 - "$WORK/w.txt" $width <<'EOF' || fail "txt --width $width of $t: a line is too wide"
import sys, unicodedata
def width(s):
    n = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n
limit = int(sys.argv[2])
for i, line in enumerate(open(sys.argv[1], encoding="utf-8").read().split("\n"), 1):
    if width(line) > limit:
        print("line %d is %d columns: %s" % (i, width(line), line))
        sys.exit(1)
EOF
	done
done

# --- measured numbers: the same as `waymark funnel` -------------------------
"$W" events demo "$WORK/ev.db" --map "$M" --users 3000 > /dev/null 2>&1 || fail "events demo"
"$W" funnel "$M" --events "$WORK/ev.db" --format json > "$WORK/funnel.json" 2> /dev/null || fail "funnel json"
"$W" export "$M" --format md --events "$WORK/ev.db" -o "$WORK/measured.md" 2> /dev/null || fail "md --events"
"$W" export "$M" --format html --events "$WORK/ev.db" -o "$WORK/measured.html" 2> /dev/null || fail "html --events"
# The same question asked both ways: a window and a date range.
"$W" funnel "$M" --events "$WORK/ev.db" --format json --window 2d --since 2026-02-01 --until 2026-03-01 \
    > "$WORK/funnel2.json" 2> /dev/null || fail "funnel json with a range"
"$W" export "$M" --format md --events "$WORK/ev.db" --window 2d --since 2026-02-01 --until 2026-03-01 \
    -o "$WORK/measured2.md" 2> /dev/null || fail "md --events with a range"
"$W" export "$M" --format html --events "$WORK/ev.db" --window 2d --since 2026-02-01 --until 2026-03-01 \
    -o "$WORK/measured2.html" 2> /dev/null || fail "html --events with a range"
grep -q "entries from 2026-02-01T00:00:00Z until 2026-03-01T00:00:00Z" "$WORK/measured2.md" ||
	fail "md does not say which entries were counted"
[ "$(status "$W" export "$M" --format md --since 2024-13-01)" = 2 ] || fail "a bad --since should exit 2"
[ "$(status "$W" export "$M" --format md --window 3x)" = 2 ] || fail "a bad --window should exit 2"
[ "$(status "$W" export "$M" --format md --since 2024-03-02 --until 2024-03-01)" = 2 ] ||
	fail "--until before --since should exit 2"
for pair in "funnel.json measured.md measured.html" "funnel2.json measured2.md measured2.html"; do
# shellcheck disable=SC2086
set -- $pair
python3 - "$WORK/$1" "$WORK/$2" "$WORK/$3" <<'EOF' || fail "exported numbers differ from waymark funnel ($pair)"
import json, re, sys
f = json.load(open(sys.argv[1]))
md = open(sys.argv[2], encoding="utf-8").read()
html = open(sys.argv[3], encoding="utf-8").read()
table = md.split("## Measured journey")[1]
for s in f["stages"]:
    row = re.search(r"^\| %s \| (\d+) \|" % re.escape(s["name"]), table, re.M)
    assert row and int(row.group(1)) == s["users"], (s["name"], row and row.group(1), s["users"])
    cell = re.search(r'<tr data-stage="%s"><td>[^<]*</td><td>([\d,]+)</td>' % re.escape(s["id"]), html)
    assert cell and int(cell.group(1).replace(",", "")) == s["users"], (s["id"], s["users"])
assert "Planned vs measured" in html
EOF
done
# --- languages ----------------------------------------------------------------
IT="$TOP/maps/ecommerce-5-it.yaml"
"$W" export "$IT" --format html --lang it > "$WORK/it.html" || fail "--lang it html"
grep -q '^<html lang="it">$' "$WORK/it.html" || fail "--lang it: html lang is not it"
grep -q "<dt>Fasi</dt>" "$WORK/it.html" || fail "--lang it: html facts not in Italian"
grep -q "Realizzato con waymark" "$WORK/it.html" || fail "--lang it: html footer not in Italian"
! grep -q "Customer journey map\|Prepared with\|<dt>Stages</dt>" "$WORK/it.html" ||
	fail "--lang it: English labels in the html"
"$W" export "$IT" --format md --lang it > "$WORK/it.md" || fail "--lang it md"
grep -q "^## Percorso$" "$WORK/it.md" || fail "--lang it: md headings not in Italian"
grep -q "^## Reparti$" "$WORK/it.md" || fail "--lang it: md departments not in Italian"
"$W" export "$IT" --format txt --lang it > "$WORK/it.txt" || fail "--lang it txt"
grep -q "^Reparti$" "$WORK/it.txt" || fail "--lang it: txt not in Italian"
grep -q "^  Obiettivi: " "$WORK/it.txt" || fail "--lang it: txt goals not in Italian"
grep -q "+1,0 positiva" "$WORK/it.txt" || fail "--lang it: txt emotion without a decimal comma"
"$W" export "$IT" --format html --lang en > "$WORK/en.html" || fail "--lang en html"
cmp -s "$WORK/en.html" "$TOP/tests/golden/export/ecommerce-5-it.html" ||
	fail "--lang en differs from the English golden file"
# Measured numbers in Italian: decimal comma, thousands dot.
"$W" export "$M" --format md --lang it --events "$WORK/ev.db" -o "$WORK/it-measured.md" 2> /dev/null ||
	fail "--lang it md with --events"
grep -q "^## Percorso misurato$" "$WORK/it-measured.md" || fail "--lang it: measured heading"
grep -q "[0-9],[0-9]%" "$WORK/it-measured.md" || fail "--lang it: no decimal comma in percentages"
! grep -q "[0-9]\.[0-9]%" "$WORK/it-measured.md" || fail "--lang it: a decimal point in a percentage"
"$W" export "$M" --format html --lang it --events "$WORK/ev.db" -o "$WORK/it-measured.html" 2> /dev/null ||
	fail "--lang it html with --events"
grep -q "<th scope=\"col\">Conversione totale</th>" "$WORK/it-measured.html" || fail "--lang it: funnel table"
# CSV is for machines: the same in every language.
"$W" export "$IT" --format csv --lang it > "$WORK/it.csv" || fail "--lang it csv"
"$W" export "$IT" --format csv --lang en > "$WORK/en.csv" || fail "--lang en csv"
cmp -s "$WORK/it.csv" "$WORK/en.csv" || fail "csv changes with --lang"
# The default comes from LC_ALL, then LC_MESSAGES, then LANG.
lang_of() { # ENV-ASSIGNMENTS...: "it" or "en", from the txt export of $IT
	env -u LC_ALL -u LC_MESSAGES -u LANG "$@" "$W" export "$IT" --format txt > "$WORK/lang.txt" ||
		fail "export with $*"
	if grep -q "^Reparti$" "$WORK/lang.txt"; then echo it
	elif grep -q "^Departments$" "$WORK/lang.txt"; then echo en
	else echo "?"; fi
}
[ "$(lang_of LANG=it_IT.UTF-8)" = it ] || fail "LANG=it_IT.UTF-8 should give Italian"
[ "$(lang_of LANG=en_US.UTF-8)" = en ] || fail "LANG=en_US.UTF-8 should give English"
[ "$(lang_of)" = en ] || fail "no locale should give English"
[ "$(lang_of LANG=it_IT.UTF-8 LC_ALL=C)" = en ] || fail "LC_ALL=C should override LANG=it"
[ "$(lang_of LANG=en_US.UTF-8 LC_ALL=it_IT.UTF-8)" = it ] || fail "LC_ALL=it should override LANG=en"
[ "$(lang_of LANG=it_IT.UTF-8 LC_ALL=)" = it ] || fail "an empty LC_ALL should not count"
[ "$(lang_of LANG=en_US.UTF-8 LC_MESSAGES=it_IT.UTF-8)" = it ] || fail "LC_MESSAGES=it should override LANG"
[ "$(lang_of LC_MESSAGES=it_IT.UTF-8 LC_ALL=en_US.UTF-8)" = en ] || fail "LC_ALL should override LC_MESSAGES"
env LC_ALL=it_IT.UTF-8 "$W" export "$IT" --format txt --lang en > "$WORK/lang.txt" || fail "--lang en under LC_ALL=it"
grep -q "^Departments$" "$WORK/lang.txt" || fail "--lang en should beat the locale"
[ "$(status "$W" export "$IT" --format html --lang xx)" = 2 ] || fail "--lang xx should exit 2"
grep -q "^waymark: export: unknown language 'xx' for --lang (en, it)$" "$WORK/err" ||
	fail "--lang xx message: $(cat "$WORK/err")"
[ ! -s "$WORK/out" ] || fail "--lang xx must not export"
[ "$(status "$W" export "$IT" --format html --lang)" = 2 ] || fail "--lang without a value should exit 2"
"$W" export --help | grep -q -- "--lang LANG" || fail "--help lacks --lang"

echo "export: ok"
