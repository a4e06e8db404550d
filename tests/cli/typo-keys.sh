#!/bin/sh
# typo-keys.sh - a misspelt known key ("tagret:" for "target:") is kept
# like any unknown key but its value is not used: validate warns and names
# the key it probably means (shown by -q too); a key of the team's own
# (jira:, url:) stays a note.  Neither makes the map invalid.
set -u
W=$WAYMARK
cd "$WORK" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

cat > m.yaml <<'YAML'
waymark: 1
Title: Typos
stags: []
stages:
  - id: a
    name: A
  - id: b
    name: B
    tagret: 0.5
lanes:
  - id: t
    name: T
    knid: pains
cards:
  - id: c
    stage: a
    lane: t
    title: C
    owners: marketing
    jira: WM-1
    url: https://example.com
events:
  store: s.db
  table: events
  user: user_id
  name: event
  time: ts
  widnow: 3d
YAML
cp m.yaml orig.yaml

"$W" validate m.yaml > out 2> err
rc=$?
[ "$rc" = 0 ] || fail "exit status $rc, want 0 (typos do not make a map invalid)"
grep -q "^m.yaml: valid:" out || fail "summary: $(cat out)"
for pair in "Title title" "stags stages" "tagret target" "knid kind" \
    "owners owner" "widnow window"; do
	set -- $pair
	grep -q "^m.yaml:[0-9]*:[0-9]*: warning: .*unknown key '$1' (kept as is, not used); did you mean '$2'?\$" err ||
		fail "no warning for '$1': $(cat err)"
done
for key in jira url; do
	grep -q "note: card 'c': unknown key '$key' (kept as is)\$" err ||
		fail "'$key' should stay a note: $(cat err)"
done
"$W" validate -q m.yaml > out 2> err || fail "validate -q: $(cat err)"
grep -q "did you mean 'target'" err || fail "-q hides the typo warning: $(cat err)"
grep -q "'jira'" err && fail "-q shows a note: $(cat err)"
cmp -s m.yaml orig.yaml || fail "validate changed the map"

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "typo-keys: ok"
