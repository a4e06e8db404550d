#!/bin/sh
# The layering rules of DESIGN.md, checked on the sources.
set -u
status=0
bad=$(grep -rlE '#include *[<"](n?curses|ncursesw/|yaml\.h|sqlite3)' src/model src/util 2>/dev/null)
[ -z "$bad" ] || { echo "layers: model/ or util/ includes curses, yaml or sqlite: $bad"; status=1; }
bad=$(grep -rlE '#include *[<"]sqlite3' src | grep -v '^src/store/')
[ -z "$bad" ] || { echo "layers: only store/ may include sqlite3.h: $bad"; status=1; }
bad=$(grep -rlE '#include *[<"]yaml\.h' src | grep -v '^src/io/')
[ -z "$bad" ] || { echo "layers: only io/ may include yaml.h: $bad"; status=1; }
bad=$(grep -rlE '#include *[<"](n?curses|ncursesw/)' src | grep -v '^src/tui/')
[ -z "$bad" ] || { echo "layers: only tui/ may include curses: $bad"; status=1; }
# The event store is opened read-only except by the import and demo writers
# (the analysts' data is never written: DESIGN.md).  Outside them, refuse
# every way of opening a store for writing or of changing one: the write
# flags; sqlite3_open/sqlite3_open16, which open read-write and create;
# URI modes rw/rwc; sqlite3_open_v2 without SQLITE_OPEN_READONLY in the
# same file; and SQL that writes (journal_mode changes the file header,
# checkpoints write the database).
writers='^src/store/(store-write|events-demo|events-import)\.c$'
not_writers() { grep -vE "$writers"; }
bad=$(grep -rlE 'SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE' src | not_writers)
[ -z "$bad" ] || { echo "layers: a store is opened for writing outside import/demo: $bad"; status=1; }
bad=$(grep -rlE 'sqlite3_open(16)? *\(' src | not_writers)
[ -z "$bad" ] || { echo "layers: sqlite3_open/sqlite3_open16 open read-write; use sqlite3_open_v2 with SQLITE_OPEN_READONLY: $bad"; status=1; }
bad=$(grep -rlE 'mode=rw' src | not_writers)
[ -z "$bad" ] || { echo "layers: a store URI asks for mode=rw/rwc outside import/demo: $bad"; status=1; }
bad=$(for f in $(grep -rlE 'sqlite3_open_v2' src | not_writers); do
	grep -q 'SQLITE_OPEN_READONLY' "$f" || echo "$f"; done)
[ -z "$bad" ] || { echo "layers: sqlite3_open_v2 without SQLITE_OPEN_READONLY: $bad"; status=1; }
bad=$(grep -rliE '"[[:space:]]*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|VACUUM|REINDEX|ATTACH)[[:space:]]|journal_mode|wal_checkpoint' \
    $(grep -rlE '#include *[<"]sqlite3' src) /dev/null | not_writers | grep -v '^/dev/null$')
[ -z "$bad" ] || { echo "layers: SQL that writes a store outside import/demo: $bad"; status=1; }
[ $status -eq 0 ] && echo "layers: ok"
exit $status
