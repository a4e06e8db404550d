#!/bin/sh
# The foundation commands end to end: --help/--version, new, templates,
# validate, fmt; their exit statuses and messages on bad input.
set -u
W=$WAYMARK
cd "$WORK"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect STATUS CMD...: run, keep stdout in out, stderr in err
expect() {
	want=$1; shift
	"$@" >out 2>err; got=$?
	[ "$got" -eq "$want" ] || { fail "'$*' exited $got, wanted $want"; cat err; }
}
has() { grep -q -- "$2" "$1" || { fail "$1 lacks '$2'"; sed 's/^/  | /' "$1"; }; }

# version and help
expect 0 "$W" --version;            has out "^waymark [0-9]"
expect 0 "$W" --help;               has out "usage: waymark"; has out "validate"
for c in new templates validate fmt; do
	expect 0 "$W" "$c" --help;  has out "usage: waymark $c"
	expect 2 "$W" "$c" --bogus; has err "waymark: $c: unknown option '--bogus'"
done
expect 2 "$W" --bogus;              has err "unknown option"
expect 2 "$W" valdate x.yaml;       has err "not a command"
expect 2 "$W" valdate;              has err "valdate: no such map, and not a command"

# templates: every bundled one is listed and valid
expect 0 "$W" templates
cp out templates.out
for t in blank ecommerce-5 marketing-7 lifecycle-5 omnichannel-retail \
    ecommerce-5-it marketing-7-it lifecycle-5-it omnichannel-retail-it; do
	grep -q "^$t " templates.out || fail "templates does not list $t"
	expect 0 "$W" new "$t.yaml" --template "$t"; has out "new map from template '$t'"
	expect 0 "$W" validate "$t.yaml"; has out "$t.yaml: valid"
	expect 0 "$W" fmt --check "$t.yaml"
done

# new: default template, refuses to overwrite, unknown template
expect 0 "$W" new fresh.yaml;       has out "template 'blank'"
cp fresh.yaml fresh.orig
expect 1 "$W" new fresh.yaml;       has err "fresh.yaml: already exists"
mkdir -p adir
expect 1 "$W" new adir;            has err "^waymark: adir: is a directory; give the new map's file name, such as adir/journey.yaml"
cmp -s fresh.yaml fresh.orig || fail "new overwrote an existing map"
expect 1 "$W" new other.yaml --template nope; has err "no template 'nope'"
[ ! -e other.yaml ] || fail "new left a file after an unknown template"
expect 2 "$W" new;                  has err "which map?"
expect 0 "$W" new titled.yaml --title "Città: ü 🥿"
grep -q 'title: "Città: ü 🥿"\|title: '"'"'Città: ü 🥿'"'" titled.yaml || fail "title not saved quoted"; 
expect 0 "$W" validate titled.yaml

# validate: a hand-broken map gets its line and column
cat > broken.yaml <<'YAML'
waymark: 1
title: Broken
stages:
  - id: discovery
    name: Discovery
lanes:
  - id: touchpoints
    name: Touchpoints
    kind: touchpoints
cards:
  - id: c1
    stage: discovry
    lane: touchpoints
    title: Typo in the stage
    emotion: 7
YAML
expect 1 "$W" validate broken.yaml
has err "^broken.yaml:11:5: error: "
has err "stage 'discovry'"
has err "emotion"
cat > syntax.yaml <<'YAML'
waymark: 1
title: [unclosed
YAML
expect 1 "$W" validate syntax.yaml; has err "^syntax.yaml:[0-9]*:[0-9]*: "
expect 1 "$W" validate missing.yaml; has err "missing.yaml"
printf 'waymark: 2\ntitle: future\n' > future.yaml
expect 1 "$W" validate future.yaml; has err "newer"
expect 1 "$W" validate fresh.yaml broken.yaml   # one bad map fails the run
has out "fresh.yaml: valid"
expect 2 "$W" validate

# fmt: rewrites to canonical form, idempotent, --check reports, never
# rewrites a map that does not load
printf 'waymark: 1\ntitle:    Spaced   out\nstages: [{id: a, name: A}]\nlanes: [{id: t, name: T}]\n' > messy.yaml
expect 1 "$W" fmt --check messy.yaml; has out "messy.yaml: not in canonical form"
expect 0 "$W" fmt messy.yaml;         has out "messy.yaml: formatted"
cp messy.yaml messy.once
expect 0 "$W" fmt messy.yaml
cmp -s messy.yaml messy.once || fail "fmt is not idempotent"
expect 0 "$W" fmt --check messy.yaml
cp syntax.yaml syntax.orig
expect 1 "$W" fmt syntax.yaml
cmp -s syntax.yaml syntax.orig || fail "fmt rewrote a map that does not load"
chmod 600 messy.yaml
printf '\ntitle2: x\n' >> messy.yaml
expect 0 "$W" fmt messy.yaml
[ "$(stat -c %a messy.yaml)" = 600 ] || fail "fmt did not keep the file's permissions"
has messy.yaml "title2: x"   # unknown keys survive

echo "foundation: $fails failures"
[ "$fails" -eq 0 ]
