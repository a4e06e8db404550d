/*
 * utf8.c - UTF-8 decoding and display widths (see utf8.h).
 *
 * The decoder is written out by hand rather than through mbrtowc so that it
 * behaves the same in every locale and never depends on hidden state; only
 * the width table comes from the C library's wcwidth.
 */

#include "util/utf8.h"

#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

static bool utf8_have_locale;

bool
utf8_init(void)
{
	const char *name = setlocale(LC_CTYPE, "");

	if (name != NULL && (strstr(name, "UTF-8") != NULL ||
	    strstr(name, "utf8") != NULL || strstr(name, "UTF8") != NULL ||
	    strstr(name, "utf-8") != NULL)) {
		utf8_have_locale = true;
		return true;
	}
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL ||
	    setlocale(LC_CTYPE, "C.utf8") != NULL ||
	    setlocale(LC_CTYPE, "en_US.UTF-8") != NULL) {
		utf8_have_locale = true;
		return true;
	}
	utf8_have_locale = false;
	return false;
}

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t need, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		need = 1;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		need = 2;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		need = 3;
		c = u[0] & 0x07;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	if (len < need + 1) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = UTF8_REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((need == 2 && c < 0x800) || (need == 3 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	*cp = c;
	return need + 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *u = (unsigned char *)out;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1 &&
		    (unsigned char)s[i] >= 0x80) {
			if (bad_offset != NULL)
				*bad_offset = i;
			return false;
		}
		i += n;
	}
	return true;
}

int
utf8_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return 1;
	if (cp < 0x7F)
		return 1;
	if (!utf8_have_locale)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	return w > 2 ? 2 : w;
}

size_t
utf8_width(const char *s)
{
	size_t len = strlen(s), i = 0, width = 0;
	uint32_t cp;

	while (i < len) {
		i += utf8_decode(s + i, len - i, &cp);
		width += (size_t)utf8_cp_width(cp);
	}
	return width;
}

size_t
utf8_fit(const char *s, size_t width, size_t *used)
{
	size_t len = strlen(s), i = 0, n, cols = 0;
	uint32_t cp;
	int w;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		w = utf8_cp_width(cp);
		if (cols + (size_t)w > width)
			break;
		cols += (size_t)w;
		i += n;
	}
	/* Keep zero-width combining marks with the character before them. */
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (utf8_cp_width(cp) != 0 || cp < 0x20)
			break;
		i += n;
	}
	if (used != NULL)
		*used = cols;
	return i;
}

/* Append one code point, made safe for drawing. */
static void
utf8_add_safe(struct strbuf *sb, uint32_t cp)
{
	char enc[4];

	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		cp = ' ';
	strbuf_add(sb, enc, utf8_encode(cp, enc));
}

char *
utf8_truncate(const char *s, size_t width)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(s), i = 0, n, cols = 0, total;
	uint32_t cp;
	int w;

	total = utf8_width(s);
	if (total <= width) {
		while (i < len) {
			i += utf8_decode(s + i, len - i, &cp);
			utf8_add_safe(&sb, cp);
		}
		return strbuf_detach(&sb);
	}
	if (width == 0)
		return xstrdup("");
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		w = utf8_cp_width(cp);
		if (cols + (size_t)w > width - 1)
			break;
		cols += (size_t)w;
		utf8_add_safe(&sb, cp);
		i += n;
	}
	strbuf_adds(&sb, "\xE2\x80\xA6");
	return strbuf_detach(&sb);
}

char *
utf8_sanitize(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(s), i = 0, n;
	uint32_t cp;
	char enc[4];

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1)
			strbuf_add(&sb, enc, utf8_encode(cp, enc));
		else
			strbuf_add(&sb, s + i, n);
		i += n;
	}
	return strbuf_detach(&sb);
}
