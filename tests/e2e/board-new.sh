#!/bin/sh
# A new map: `waymark` alone starts from the blank template and asks for
# a file name when saving; `waymark NEW.yaml` saves to NEW.yaml and
# journals from the start.  Notes are edited in $EDITOR.  Quitting with
# unsaved changes asks first.
. "$TOP/tests/e2e/board-lib.inc"

cat > "$WORK/ed.sh" <<'ED'
#!/bin/sh
printf 'First line of the notes\nSecond line, café ☕\n' > "$1"
ED
chmod +x "$WORK/ed.sh"
BOARD_ENV="EDITOR=$WORK/ed.sh"

cd "$WORK" || exit 1
start 100 30
wait_for "(new map, not saved)"
wait_for "a new map from the blank template"
keys a
type_text "From scratch"
keys Enter
wait_for "added 'From scratch'"
keys E
wait_for "notes updated"
keys q
wait_for "has unsaved changes"
keys c
wait_gone "has unsaved changes"
keys s
wait_for "Save as:"
keys C-u
type_text "$WORK/scratch.yaml"
keys Enter
wait_for "saved $WORK/scratch.yaml"
keys q
wait_for "WAYMARK-EXIT=0"
grep -q "title: From scratch" "$WORK/scratch.yaml" || fail "card not saved"
grep -q "Second line, café ☕" "$WORK/scratch.yaml" || fail "notes not saved"
"$WAYMARK" validate "$WORK/scratch.yaml" > /dev/null || fail "not valid"

# No file yet, and a crash: the untitled journal offers the work back.
start 100 30
wait_for "a new map from the blank template"
keys q
wait_for "WAYMARK-EXIT=0"
start 100 30
wait_for "a new map from the blank template"
keys a
type_text "Crash me"
keys Enter
wait_for "added 'Crash me'"
wait_file "$WORK/.untitled.yaml.waymark-journal"
kill -9 "$(board_pid)"
wait_for "WAYMARK-EXIT=137"
start 100 30
wait_for "A new map was left unsaved"
wait_for "+ Crash me"
keys r
wait_for "recovered the unsaved edits"
keys q
wait_for "has unsaved changes"
keys q
wait_for "WAYMARK-EXIT=0"
[ -e "$WORK/.untitled.yaml.waymark-journal" ] && fail "untitled journal left"

# A new file name: journaled at once, saved there.
start 100 30 "$WORK/fresh.yaml"
wait_for "a new map from the blank template"
wait_file "$WORK/.fresh.yaml.waymark-journal"
keys q
wait_for "has unsaved changes"
keys q
wait_for "WAYMARK-EXIT=0"
[ -e "$WORK/fresh.yaml" ] && fail "quit without saving wrote the file"
[ -e "$WORK/.fresh.yaml.waymark-journal" ] && fail "journal left after quitting"
echo "board-new: ok"
