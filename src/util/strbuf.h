/*
 * strbuf.h - a growable byte string.
 *
 * Used wherever text is built piece by piece: YAML output, exports, messages.
 * The buffer owns its bytes and keeps them NUL-terminated, so sb.data can be
 * handed to anything that wants a C string.  An embedded NUL is allowed
 * (sb.len counts it) but then C-string consumers see a prefix.
 */
#ifndef WAYMARK_STRBUF_H
#define WAYMARK_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *data; /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT {NULL, 0, 0}

void strbuf_init(struct strbuf *sb);
/* Frees the bytes; the strbuf may be reused after strbuf_init. */
void strbuf_free(struct strbuf *sb);
/* Forget the contents but keep the allocation. */
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
/* Append `count` copies of c. */
void strbuf_addn(struct strbuf *sb, char c, size_t count);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/*
 * Hand the bytes over: the returned string (never NULL) is the caller's to
 * free and the strbuf is left empty.
 */
char *strbuf_detach(struct strbuf *sb);
/* The contents as a C string, "" when empty.  Borrowed. */
const char *strbuf_str(const struct strbuf *sb);

#endif
