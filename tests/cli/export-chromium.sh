#!/bin/sh
# export-chromium.sh - the HTML export in a real browser, and the PDF.
#
# Headless Chromium (Debian's chromium, installed by .ci/install-deps)
# loads the example's page (with measured numbers) and a hostile page:
#   - the DOM it builds has the map's stages as columns and every card
#     once, and the hostile titles as text (no script element);
#   - no console message at all (a CSP violation or a script error would
#     show there), and its network log holds no request made by the page;
#   - a desktop and a phone screenshot are taken (copied to
#     $WAYMARK_SHOTS when set, to look at);
# then `waymark export --format pdf` prints the example: a PDF, A4
# landscape, named after the map when -o is not given, and no temporary
# directory left behind.  Chromium's own background requests are kept on
# the machine by resolving every host to nothing.
set -u
W="$WAYMARK"
M="$TOP/maps/sneakers.yaml"
fail() { echo "FAIL: $*"; exit 1; }

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || fail "chromium is not installed ('make deps' installs it)"

chromium_run() { # OUTPUT-FLAG... URL
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --disable-extensions --disable-default-apps \
	    --disable-breakpad "--host-resolver-rules=MAP * ~NOTFOUND" \
	    --proxy-server=127.0.0.1:9 --hide-scrollbars \
	    --user-data-dir="$WORK/profile" --enable-logging=stderr --v=0 "$@"
}

"$W" events demo "$WORK/ev.db" --map "$M" --users 2000 > /dev/null 2>&1 || fail "events demo"
"$W" export "$M" --format html --events "$WORK/ev.db" -o "$WORK/example.html" 2> /dev/null || fail "html export"

# The hostile map of export.sh, smaller.
python3 - "$WORK/hostile.yaml" <<'EOF' || fail "cannot write the hostile map"
import sys, yaml
titles = ["<script>document.title='pwned'</script>", "<img src=x onerror=alert(1)>",
          "a | b", "日本語のタイトル \U0001F600", "x" * 300, "line\nbreak"]
m = {"waymark": 1, "title": "</title><script>alert(1)</script>",
     "departments": [{"id": "d", "name": "<b>Dept</b>", "color": "red;}*{display:none}"}],
     "personas": [{"id": "p", "name": "<i>P</i>", "quote": "<script>q()</script>"}],
     "stages": [{"id": "s1", "name": "<u>One</u>"}, {"id": "s2", "name": "Two"}],
     "lanes": [{"id": "l", "name": "Lane", "kind": "touchpoints"},
               {"id": "e", "name": "Feel", "kind": "emotion"}],
     "cards": [{"id": "c%d" % i, "stage": "s1" if i % 2 == 0 else "s2", "lane": "l",
                "title": t, "owner": "d", "personas": ["p"], "emotion": i % 5 - 2}
               for i, t in enumerate(titles)]}
yaml.safe_dump(m, open(sys.argv[1], "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
EOF
"$W" export "$WORK/hostile.yaml" --format html -o "$WORK/hostile.html" 2> /dev/null || fail "hostile html export"

for page in example hostile; do
	chromium_run --log-net-log="$WORK/$page.net.json" --dump-dom "file://$WORK/$page.html" \
	    > "$WORK/$page.dom" 2> "$WORK/$page.log" || fail "chromium could not load $page.html: $(tail -5 "$WORK/$page.log")"
	# Console messages come through the log as INFO:CONSOLE lines.
	if grep -q "CONSOLE" "$WORK/$page.log"; then
		grep "CONSOLE" "$WORK/$page.log"
		fail "$page.html: the browser console is not empty"
	fi
	python3 - "$WORK/$page.net.json" <<'EOF' || fail "$page.html made network requests"
import json, sys
log = json.load(open(sys.argv[1]))
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
bad = []
for e in log["events"]:
    p = e.get("params", {})
    # A request made on behalf of the page carries the file:// page as its
    # isolation key or cookie site; Chromium's own background requests
    # carry none (and go nowhere: every host resolves to nothing).
    if names.get(e["type"]) == "URL_REQUEST_START_JOB" and (
            "file://" in p.get("network_isolation_key", "") or
            "file://" in p.get("site_for_cookies", "")):
        bad.append(p.get("url"))
if bad:
    print("requests from the page:", bad)
    sys.exit(1)
EOF
done

python3 - "$M" "$WORK/example.dom" "$WORK/hostile.yaml" "$WORK/hostile.dom" <<'EOF' || fail "the DOM does not hold the map"
import sys, yaml
from html.parser import HTMLParser

class Board(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stages, self.cards, self.scripts, self.imgs = [], [], 0, 0
        self.titles, self.stack, self.text = {}, [], None
        self.card = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script": self.scripts += 1
        if tag == "img": self.imgs += 1
        if tag == "th" and "stage" in (a.get("class") or "").split():
            self.stages.append(a.get("data-stage"))
        if tag == "article" and "card" in (a.get("class") or "").split():
            self.cards.append(a.get("data-card"))
            self.card = a.get("data-card")
        if tag == "h3" and self.card is not None:
            self.text = ""
    def handle_endtag(self, tag):
        if tag == "h3" and self.text is not None and self.card is not None:
            self.titles[self.card] = self.text
            self.text = None
        if tag == "article":
            self.card = None
    def handle_data(self, data):
        if self.text is not None:
            self.text += data

for map_path, dom_path in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    m = yaml.safe_load(open(map_path, encoding="utf-8"))
    b = Board()
    b.feed(open(dom_path, encoding="utf-8").read())
    want_stages = [s["id"] for s in m["stages"]]
    assert b.stages == want_stages, (dom_path, b.stages, want_stages)
    want_cards = sorted(c["id"] for c in m["cards"])
    assert sorted(b.cards) == want_cards, (dom_path, sorted(b.cards), want_cards)
    assert b.scripts == 0, "%s: %d script elements" % (dom_path, b.scripts)
    assert b.imgs == 0, "%s: %d img elements" % (dom_path, b.imgs)
    for c in m["cards"]:
        want = " ".join(c["title"].split("\n"))
        assert b.titles[c["id"]] == want, (c["id"], b.titles[c["id"]], want)
dom = open(sys.argv[2], encoding="utf-8").read()
assert "Planned vs measured" in dom and "Experience curve" in dom and "Personas" in dom
EOF

# Screenshots: a desktop and a phone.
chromium_run --window-size=1440,2400 --screenshot="$WORK/desktop.png" "file://$WORK/example.html" > /dev/null 2>&1 ||
	fail "desktop screenshot"
chromium_run --window-size=390,1400 --screenshot="$WORK/phone.png" "file://$WORK/example.html" > /dev/null 2>&1 ||
	fail "phone screenshot"
chromium_run --window-size=1280,1400 --screenshot="$WORK/hostile.png" "file://$WORK/hostile.html" > /dev/null 2>&1 ||
	fail "hostile screenshot"
for png in desktop phone hostile; do
	[ "$(head -c 8 "$WORK/$png.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$png.png is not a PNG"
	[ "$(wc -c < "$WORK/$png.png")" -gt 20000 ] || fail "$png.png is suspiciously small"
done

# The PDF: default name from the map, in the current directory.
mkdir -p "$WORK/tmp" "$WORK/out"
(cd "$WORK/out" && TMPDIR="$WORK/tmp" "$W" export "$M" --format pdf --events "$WORK/ev.db" > "$WORK/pdf.out" 2> "$WORK/pdf.err") ||
	fail "pdf export: $(cat "$WORK/pdf.err")"
grep -q "^waymark: wrote sneakers.pdf$" "$WORK/pdf.err" || fail "pdf export should say where it wrote: $(cat "$WORK/pdf.err")"
[ "$(head -c 5 "$WORK/out/sneakers.pdf")" = "%PDF-" ] || fail "sneakers.pdf is not a PDF"
[ -z "$(ls -A "$WORK/tmp")" ] || fail "pdf export left $(ls "$WORK/tmp") in TMPDIR"
[ ! -s "$WORK/pdf.out" ] || fail "pdf export printed to standard output"
"$W" export "$WORK/hostile.yaml" --format pdf -o "$WORK/hostile.pdf" 2> /dev/null || fail "hostile pdf"
if command -v pdfinfo > /dev/null 2>&1; then
	pdfinfo "$WORK/out/sneakers.pdf" | grep -q "^Page size: *84[12][.0-9]* x 59[45][.0-9]* pts (A4)" ||
		fail "the pdf is not A4 landscape: $(pdfinfo "$WORK/out/sneakers.pdf" | grep 'Page size')"
	pages=$(pdfinfo "$WORK/out/sneakers.pdf" | sed -n 's/^Pages: *//p')
	[ "$pages" -ge 2 ] && [ "$pages" -le 6 ] || fail "the example prints on $pages pages"
fi
if command -v pdftoppm > /dev/null 2>&1; then
	pdftoppm -r 50 -png -f 1 -l 1 "$WORK/out/sneakers.pdf" "$WORK/pdf" || fail "pdftoppm"
	[ "$(wc -c < "$WORK/pdf-1.png")" -gt 10000 ] || fail "the pdf's first page looks empty"
fi

if [ -n "${WAYMARK_SHOTS:-}" ]; then
	mkdir -p "$WAYMARK_SHOTS"
	cp "$WORK"/*.png "$WORK/out/sneakers.pdf" "$WAYMARK_SHOTS/"
fi
echo "export-chromium: ok"
