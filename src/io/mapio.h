/*
 * mapio.h - reading and writing map files (YAML, format v1).
 *
 * The loader is the program's front door for files of unknown origin, so it
 * checks everything libyaml 0.2.5 does not: a size bound, valid UTF-8,
 * anchors and aliases, duplicate keys, a second document, nesting depth,
 * and a format version newer than this program.  Errors name the file, the
 * line and the column, and say what was expected.
 *
 * The saver writes the canonical form described in waymark-map(5): fixed
 * key order, block style, 2-space indent, literal blocks for multi-line
 * text, quotes wherever YAML would read a string as something else.  Saving
 * is deterministic: save(load(save(m))) == save(m), byte for byte.
 */
#ifndef WAYMARK_MAPIO_H
#define WAYMARK_MAPIO_H

#include <stddef.h>

#include "model/map.h"

#define MAPIO_MAX_BYTES (16u * 1024u * 1024u) /* larger files are refused */
#define MAPIO_MAX_DEPTH 64                    /* deeper nesting is refused */

/*
 * Load the map in `path`.  Returns a new map (caller frees with
 * map_destroy), or NULL with *cause set to "PATH:LINE:COL: message" (or
 * "PATH: message" when there is no place); caller frees *cause.  The map
 * is not validated beyond its shape (types of values, known enum words):
 * call validate_map for the rules.
 */
struct map *mapio_load_file(const char *path, char **cause);

/* The same from a buffer; `name` stands for the file in messages. */
struct map *mapio_load_buffer(const char *data, size_t len, const char *name,
    char **cause);

/* The canonical text of m; *len (if not NULL) gets its length.  Caller
 * frees.  Never fails. */
char *mapio_save_buffer(const struct map *m, size_t *len);

/*
 * Write m to path atomically (see atomic.h): afterwards the file holds
 * either its old bytes or the new ones, never a mix.  Returns 0, or -1 with
 * *cause ("PATH: why"), in which case the old file is untouched.
 */
int mapio_save_file(const struct map *m, const char *path, char **cause);

#endif
