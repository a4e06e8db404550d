#!/bin/sh
# doc-examples.sh - the walk-throughs the documentation gives, run as a
# reader would run them: the EXAMPLES of waymark(1) on the worked example
# and the instructions in the comment at the top of maps/sneakers.yaml.
# Each must work and give a non-empty answer.
set -u
W=$WAYMARK
cd "$WORK" || exit 1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Run a command line quoted in the documentation ('waymark' is the binary
# under test), in the current directory.
run() {
	line=$(printf '%s\n' "$1" | sed "s|^\\\$ *||; s|^waymark |\"\$W\" |")
	eval "$line"
}

# --- waymark(1) EXAMPLES --------------------------------------------------------
# The commands in the literal blocks of EXAMPLES, with their continuation
# lines joined; the first (cp from the installed tree) copies from the
# source tree instead.
mkdir ex && cd ex || exit 1
sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$TOP/man/waymark.1" |
    sed -n '/^\$ /{:a;/\\e$/{N;s/ *\\e\n */ /;ba};p}' > commands
[ -s commands ] || fail "no commands found in EXAMPLES"
cp "$TOP/maps/sneakers.yaml" .
grep -E 'events demo|events check|funnel' commands > measured
[ "$(wc -l < measured)" -ge 4 ] || fail "EXAMPLES: expected the measured walk-through: $(cat commands)"
while IFS= read -r cmd; do
	run "$cmd" > out 2> err || fail "EXAMPLES: $cmd: $(cat err)"
done < measured
[ -s lost.csv ] || fail "EXAMPLES: no lost.csv"
[ "$(head -1 lost.csv)" = user_id ] || fail "EXAMPLES: lost.csv header: $(head -1 lost.csv)"
[ "$(wc -l < lost.csv)" -gt 1 ] ||
	fail "EXAMPLES: the --dropped example lists nobody on the demo store: $(grep -- --dropped measured)"
cd .. || exit 1

# --- the comment at the top of maps/sneakers.yaml ------------------------------
# "In the directory of this file, `waymark events demo ...` ... then try
# `waymark funnel ...`": both commands, run where the comment says.
mkdir -p c/maps
cp "$TOP/maps/sneakers.yaml" c/maps/
sed -n '1,/^[^#]/p' c/maps/sneakers.yaml | tr '\n' ' ' |
    grep -o '`waymark [^`]*`' | tr -d '`' > c/commands
[ "$(wc -l < c/commands)" = 2 ] || fail "sneakers.yaml comment: commands: $(cat c/commands)"
cd c/maps || exit 1
while IFS= read -r cmd; do
	run "$cmd" > out 2> err || fail "sneakers.yaml comment: $cmd: $(cat err)"
done < ../commands
grep -q runner out || fail "sneakers.yaml comment: no breakdown by persona: $(cat out)"
cd ../.. || exit 1

# --- the bundled templates, as waymark(1) and the README list them ---------------
# (WAYMARK_DATADIR and XDG_CONFIG_HOME point at empty places: only the
# build tree's templates.)
mkdir -p empty
WAYMARK_DATADIR=$WORK/empty XDG_CONFIG_HOME=$WORK/empty "$W" templates > t.out 2> err ||
	fail "templates: $(cat err)"
for name in $(awk '{print $1}' t.out); do
	sed -n '/^\.It Cm templates/,/^\.It Cm validate/p' "$TOP/man/waymark.1" |
	    grep -q "^\.Cm $name\( [,.;]\)\{0,1\}\$" ||
		fail "waymark(1) does not list the template '$name'"
	grep -q "\`$name\`" "$TOP/README.md" ||
		fail "README does not list the template '$name'"
done

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "doc-examples: ok"
