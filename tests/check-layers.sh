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
# The event store is opened read-only except by the import and demo writers.
bad=$(grep -rlE 'SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE' src | grep -vE '^src/store/(store-write|events-demo|events-import)\.c$')
[ -z "$bad" ] || { echo "layers: a store is opened for writing outside import/demo: $bad"; status=1; }
[ $status -eq 0 ] && echo "layers: ok"
exit $status
