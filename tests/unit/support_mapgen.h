/*
 * support_mapgen.h - random maps with awkward text, for round-trip and
 * fuzz tests.
 *
 * The maps have the right shape but are not valid (ids are any text,
 * references dangle): they exercise the loader and the saver, not the
 * rules.  Strings are built from fragments chosen to trouble YAML: its
 * keywords (no, ~, 1.10, 0x1F), indicators, `: ` and ` #`, quotes,
 * backslashes, CRLF, tabs, leading and trailing blanks, emoji, CJK,
 * Italian accents, control characters; unknown keys carry random trees.
 */
#ifndef WAYMARK_SUPPORT_MAPGEN_H
#define WAYMARK_SUPPORT_MAPGEN_H

#include "model/map.h"

/*
 * A new random map (caller frees with map_destroy).  *seed is advanced
 * (rand_r style), so a test can report the seed that failed.  size_hint
 * is roughly the number of entities of each kind (0 gives small maps).
 */
struct map *mapgen_random(unsigned *seed, int size_hint);

/* A random awkward string (caller frees). */
char *mapgen_string(unsigned *seed);

#endif
