/*
 * utf8.h - UTF-8 decoding, display width and width-bounded truncation.
 *
 * Map text is UTF-8 (the loader refuses anything else), but text reaching
 * the screen or an export may still come from elsewhere (an event store, a
 * CSV), so every function here tolerates invalid bytes: each bad byte
 * decodes as U+FFFD and counts as one column.  Widths come from wcwidth(3)
 * under a UTF-8 LC_CTYPE (see utf8_init): CJK and most emoji are two
 * columns, combining marks zero.  No function splits a character.
 */
#ifndef WAYMARK_UTF8_H
#define WAYMARK_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/*
 * Make sure LC_CTYPE is a UTF-8 locale so that wcwidth knows wide
 * characters: the user's locale if it is UTF-8, else C.UTF-8.  Only
 * LC_CTYPE is touched, so numbers keep a dot.  Returns false when no UTF-8
 * locale could be set (widths then fall back to 1 per character).
 */
bool utf8_init(void);

/*
 * Decode one character from s (len bytes available, len >= 1).  Stores the
 * code point in *cp (U+FFFD for an invalid or truncated sequence, an
 * overlong form or a surrogate) and returns the bytes consumed (1..4).
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp into out (at least 4 bytes); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);

/*
 * True if s[0..len) is valid UTF-8.  Otherwise *bad_offset (if not NULL)
 * gets the offset of the first bad byte.
 */
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Columns one code point takes: 0, 1 or 2.  Control characters count 1
 * (they are shown as U+FFFD). */
int utf8_cp_width(uint32_t cp);

/* Display width of a NUL-terminated string. */
size_t utf8_width(const char *s);

/*
 * How many bytes of s fit in `width` columns without splitting a
 * character; *used (if not NULL) gets the columns those bytes take.
 */
size_t utf8_fit(const char *s, size_t width, size_t *used);

/*
 * A copy of s that fits in `width` columns.  When s is wider, it is cut at
 * a character boundary and ends with "…" (one column), the whole staying
 * within width.  Invalid bytes become U+FFFD and control characters
 * (newline, tab, ...) a space, so the result is safe to draw.  The result
 * is the caller's to free.
 */
char *utf8_truncate(const char *s, size_t width);

/*
 * A copy of s with invalid bytes replaced by U+FFFD (and nothing else
 * changed).  The result is the caller's to free.
 */
char *utf8_sanitize(const char *s);

#endif
