/*
 * scalar.h - YAML scalar styles: which strings can be written plain, and
 * which plain scalars mean something other than a string.
 *
 * Shared by yaml-load.c and yaml-save.c so that the two agree.  "Plain"
 * below means block context (the only one the saver writes).  Private to
 * io/.
 */
#ifndef WAYMARK_SCALAR_H
#define WAYMARK_SCALAR_H

#include <stdbool.h>
#include <stdint.h>

/* A character only double quotes (with an escape) can carry: controls
 * other than tab and newline, DEL, C1 controls, U+2028, U+2029, BOM,
 * U+FFFE, U+FFFF. */
bool scalar_cp_special(uint32_t cp);
/* True if s has such a character. */
bool scalar_has_special(const char *s);

/*
 * True if s, written plain, reads back as the same text (its type aside):
 * not empty, no leading or trailing blanks, no ": " or " #", no line
 * breaks, no special characters, no leading indicator except "-", "?" or
 * ":" followed by a non-blank.
 */
bool scalar_plain_structural(const char *s);

/*
 * True if YAML 1.1 or 1.2 could read plain s as something other than a
 * string (null, bool, number, date, time, merge key).  Errs on the side
 * of yes.
 */
bool scalar_looks_typed(const char *s);

/* True if s is written plain as a string value or key: structurally fine,
 * no leading indicator or tab, not typed, not "---"/"..." at its start. */
bool scalar_plain_ok(const char *s);

/*
 * True if a plain scalar with text s is kept as plain (node.plain) by the
 * loader: it is empty (null) or YAML reads it as another type, and it can
 * be written plain again.  Any other plain scalar is just a string.
 */
bool scalar_plain_kept(const char *s);

#endif
