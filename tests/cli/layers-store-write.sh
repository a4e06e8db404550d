#!/bin/sh
# The build check that refuses code opening the event store for writing
# outside the import and demo commands (tests/check-layers.sh) must itself
# work: on a copy of the sources it passes; each planted violation, in a
# file that is not one of the writers, makes it fail with its message.
set -u
cd "$WORK"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
mkdir tree
cp -r "$TOP/src" tree/src
( cd tree && sh "$TOP/tests/check-layers.sh" ) > out 2>&1 || { fail "the real sources do not pass: $(cat out)"; }

plant() { # MESSAGE-PATTERN C-TEXT
	rm -f tree/src/store/planted.c
	printf '#include <sqlite3.h>\nvoid planted(void);\nvoid\nplanted(void)\n{\n%s\n}\n' "$2" > tree/src/store/planted.c
	if ( cd tree && sh "$TOP/tests/check-layers.sh" ) > out 2>&1; then
		fail "not caught: $2"
	elif ! grep -q -- "$1" out; then
		fail "caught, but not with '$1': $(cat out)"
	else
		echo "ok: caught: $2"
	fi
}
plant 'opened for writing outside import/demo' 'sqlite3_open_v2(p, &db, SQLITE_OPEN_READWRITE, NULL);'
plant 'opened for writing outside import/demo' 'int f = SQLITE_OPEN_READONLY | SQLITE_OPEN_CREATE;'
plant 'sqlite3_open/sqlite3_open16 open read-write' 'sqlite3_open(path, &db);'
plant 'sqlite3_open/sqlite3_open16 open read-write' 'sqlite3_open16(path, &db);'
plant 'mode=rw' 'const char *u = "file:x.db?mode=rwc";'
plant 'without SQLITE_OPEN_READONLY' 'sqlite3_open_v2(p, &db, flags, NULL);'
plant 'SQL that writes' 'sqlite3_exec(db, "PRAGMA journal_mode=WAL", 0, 0, 0);'
plant 'SQL that writes' 'sqlite3_exec(db, "INSERT INTO events VALUES (1)", 0, 0, 0);'
plant 'SQL that writes' 'sqlite3_exec(db, " delete from events", 0, 0, 0);'
plant 'SQL that writes' 'sqlite3_wal_checkpoint(db, NULL);'
# The writers themselves may.
rm -f tree/src/store/planted.c
printf 'void w(void) { sqlite3_open(p, &db); }\n' >> tree/src/store/events-import.c
( cd tree && sh "$TOP/tests/check-layers.sh" ) > out 2>&1 || fail "a writer was refused: $(cat out)"

[ $fails -eq 0 ] || { echo "layers-store-write: $fails failure(s)"; exit 1; }
echo "layers-store-write: every planted write caught"
