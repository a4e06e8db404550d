/*
 * scalar.c - how a string can be written in YAML, and what a plain scalar
 * means (see scalar.h).
 *
 * The loader and the saver must agree on these: the saver writes a string
 * plain only when it reads back as the same string, and the loader records
 * a plain scalar of an unknown key as "plain" only when that plain-ness
 * changes its meaning and the saver can write it plain again.
 */
#include "io/scalar.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"

/* Characters no style but double quotes can carry as they are. */
bool
scalar_cp_special(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
	    (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

/* True if s has a character that only double quotes can carry. */
bool
scalar_has_special(const char *s)
{
	size_t len = strlen(s), i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (scalar_cp_special(cp))
			return true;
		i += n;
	}
	return false;
}

static bool
scalar_is_indicator(char c)
{
	return c != '\0' && strchr("-?:,[]{}#&*!|>'\"%@`", c) != NULL;
}

/*
 * True if s can be written as a plain scalar in block context and read
 * back as the same text (its type aside): no leading or trailing blanks,
 * no ": " or " #", no line breaks, no special characters, and no leading
 * indicator except "-", "?" or ":" followed by a non-blank.
 */
bool
scalar_plain_structural(const char *s)
{
	size_t len = strlen(s), i;
	char c;

	if (len == 0 || s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
	    s[len - 1] == '\t')
		return false;
	if (scalar_is_indicator(s[0]) && !(strchr("-?:", s[0]) != NULL &&
	    s[1] != '\0' && s[1] != ' ' && s[1] != '\t'))
		return false;
	for (i = 0; i < len; i++) {
		c = s[i];
		if (c == '\n' || c == '\r')
			return false;
		if (c == ':' && (s[i + 1] == ' ' || s[i + 1] == '\t' ||
		    s[i + 1] == '\0'))
			return false;
		if (c == '#' && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			return false;
	}
	return !scalar_has_special(s);
}

static bool
scalar_word_in(const char *s, const char *const *words)
{
	size_t i;

	for (i = 0; words[i] != NULL; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

/*
 * True if YAML 1.1 or 1.2 could read plain s as something other than a
 * string: null, a bool (any case), a number in any base or with
 * underscores or an exponent, .inf and .nan, a sexagesimal number or time
 * (12:30), a date (2024-01-01...).  Errs on the side of quoting: after an
 * optional sign, any text that starts with a digit or a dot and is made
 * only of digits and "_.:eE+-" is quoted.
 */
bool
scalar_looks_typed(const char *s)
{
	static const char *const words[] = {
		"~", "null", "true", "false", "yes", "no", "on", "off", "y",
		"n", "<<", "=", NULL,
	};
	static const char *const special[] = {
		".inf", ".nan", NULL,
	};
	const char *p = s;
	bool digit = false;

	if (scalar_word_in(s, words))
		return true;
	/* A date: four digits and a dash, then anything. */
	if (strspn(s, "0123456789") == 4 && s[4] == '-')
		return true;
	if (*p == '+' || *p == '-')
		p++;
	if (scalar_word_in(p, special))
		return true;
	if (p[0] == '0' && p[1] != '\0' && strchr("xXoObB", p[1]) != NULL)
		return true;
	if (!(*p >= '0' && *p <= '9') && *p != '.')
		return false;
	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digit = true;
		else if (strchr("_.:eE+-", *p) == NULL)
			return false;
	}
	return digit;
}

/* True if s is written plain as a string value or key. */
bool
scalar_plain_ok(const char *s)
{
	/* At the start of a line, "---" and "..." end or start a document:
	 * a top-level key must not look like one. */
	if (strncmp(s, "---", 3) == 0 || strncmp(s, "...", 3) == 0)
		return false;
	return scalar_plain_structural(s) && !scalar_is_indicator(s[0]) &&
	    strchr(s, '\t') == NULL && !scalar_looks_typed(s);
}

bool
scalar_plain_kept(const char *s)
{
	return *s == '\0' || (scalar_looks_typed(s) &&
	    scalar_plain_structural(s));
}
