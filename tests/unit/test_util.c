/*
 * test_util.c - util/: UTF-8 decoding, encoding and validation (overlong
 * forms, surrogates, truncated sequences), display widths (ASCII, accents,
 * CJK, emoji, combining marks), width-bounded fitting and truncation
 * (checked exhaustively over every width for tricky strings: never a split
 * character, never wider than asked), U+FFFD for bad bytes; the string
 * buffer; and the allocation helpers, including that overflow aborts.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define ELLIPSIS "\xE2\x80\xA6"
#define REPLACEMENT "\xEF\xBF\xBD"

static int
setup_locale(void **state)
{
	(void)state;
	return utf8_init() ? 0 : -1;
}

/* --- decoding ----------------------------------------------------------- */

static void
expect_decode(const char *bytes, size_t len, uint32_t cp, size_t used)
{
	uint32_t got = 0x12345;

	assert_int_equal(utf8_decode(bytes, len, &got), used);
	assert_int_equal(got, cp);
}

static void
test_decode_valid(void **state)
{
	(void)state;
	expect_decode("A", 1, 'A', 1);
	expect_decode("\x00", 1, 0, 1);
	expect_decode("\x7F", 1, 0x7F, 1);
	expect_decode("\xC2\x80", 2, 0x80, 2);
	expect_decode("\xC3\xA8", 2, 0xE8, 2);          /* è */
	expect_decode("\xDF\xBF", 2, 0x7FF, 2);
	expect_decode("\xE0\xA0\x80", 3, 0x800, 3);
	expect_decode("\xE2\x82\xAC", 3, 0x20AC, 3);    /* € */
	expect_decode("\xED\x9F\xBF", 3, 0xD7FF, 3);    /* before surrogates */
	expect_decode("\xEE\x80\x80", 3, 0xE000, 3);    /* after them */
	expect_decode("\xEF\xBF\xBD", 3, 0xFFFD, 3);    /* a real U+FFFD */
	expect_decode("\xEF\xBF\xBF", 3, 0xFFFF, 3);
	expect_decode("\xF0\x90\x80\x80", 4, 0x10000, 4);
	expect_decode("\xF0\x9F\x91\x9F", 4, 0x1F45F, 4); /* 👟 */
	expect_decode("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4);
	/* Only the first character is decoded. */
	expect_decode("\xC3\xA8xyz", 5, 0xE8, 2);
}

static void
test_decode_invalid(void **state)
{
	(void)state;
	/* Overlong forms. */
	expect_decode("\xC0\x80", 2, UTF8_REPLACEMENT, 1);
	expect_decode("\xC1\xBF", 2, UTF8_REPLACEMENT, 1);
	expect_decode("\xE0\x80\x80", 3, UTF8_REPLACEMENT, 1);
	expect_decode("\xE0\x9F\xBF", 3, UTF8_REPLACEMENT, 1);
	expect_decode("\xF0\x80\x80\x80", 4, UTF8_REPLACEMENT, 1);
	expect_decode("\xF0\x8F\xBF\xBF", 4, UTF8_REPLACEMENT, 1);
	/* Surrogates. */
	expect_decode("\xED\xA0\x80", 3, UTF8_REPLACEMENT, 1);
	expect_decode("\xED\xBF\xBF", 3, UTF8_REPLACEMENT, 1);
	/* Past U+10FFFF, and bytes that never appear. */
	expect_decode("\xF4\x90\x80\x80", 4, UTF8_REPLACEMENT, 1);
	expect_decode("\xF5\x80\x80\x80", 4, UTF8_REPLACEMENT, 1);
	expect_decode("\xFE", 1, UTF8_REPLACEMENT, 1);
	expect_decode("\xFF", 1, UTF8_REPLACEMENT, 1);
	/* A continuation byte on its own. */
	expect_decode("\x80", 1, UTF8_REPLACEMENT, 1);
	expect_decode("\xBF", 1, UTF8_REPLACEMENT, 1);
	/* Truncated: by the end of the input, or by a byte that does not
	 * continue the sequence. */
	expect_decode("\xC3", 1, UTF8_REPLACEMENT, 1);
	expect_decode("\xE2\x82", 2, UTF8_REPLACEMENT, 1);
	expect_decode("\xF0\x9F\x91", 3, UTF8_REPLACEMENT, 1);
	expect_decode("\xE2\x82\xAC", 2, UTF8_REPLACEMENT, 1);
	expect_decode("\xC3" "A", 2, UTF8_REPLACEMENT, 1);
	expect_decode("\xE2\x82" "A", 3, UTF8_REPLACEMENT, 1);
	expect_decode("\xF0\x9F\x91" "A", 4, UTF8_REPLACEMENT, 1);
}

static void
test_encode_round_trips_every_code_point(void **state)
{
	char buf[4];
	uint32_t cp, got;
	size_t n, expected;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = utf8_encode(cp, buf);
		expected = cp < 0x80 ? 1 : cp < 0x800 ? 2 :
		    cp < 0x10000 ? 3 : 4;
		if (n != expected)
			fail_msg("U+%04X encoded in %zu bytes", (unsigned)cp,
			    n);
		if (utf8_decode(buf, n, &got) != n || got != cp)
			fail_msg("U+%04X does not decode back", (unsigned)cp);
		if (!utf8_valid(buf, n, NULL))
			fail_msg("U+%04X encoded is not valid", (unsigned)cp);
	}
	assert_int_equal(utf8_encode(0x20AC, buf), 3);
	assert_memory_equal(buf, "\xE2\x82\xAC", 3);
}

static void
test_valid_and_bad_offset(void **state)
{
	static const struct {
		const char *s;
		size_t bad; /* (size_t)-1: valid */
	} cases[] = {
		{ "", (size_t)-1 },
		{ "plain ascii", (size_t)-1 },
		{ "Caff\xC3\xA8 \xE8\xA9\xA6\xE7\x9D\x80 \xF0\x9F\x91\x9F",
		  (size_t)-1 },
		{ REPLACEMENT, (size_t)-1 },
		{ "ab\xFF", 2 },
		{ "abc\xC0\x80", 3 },
		{ "\xED\xA0\x80", 0 },
		{ "x\xE2\x82", 1 },
		{ "caff\xC3", 4 },
		{ "ok\xC3\xA8\x80", 4 },
		{ "\xF4\x90\x80\x80", 0 },
	};
	size_t i, bad;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bad = 999;
		if (cases[i].bad == (size_t)-1) {
			assert_true(utf8_valid(cases[i].s, strlen(cases[i].s),
			    &bad));
			assert_int_equal(bad, 999);
		} else {
			assert_false(utf8_valid(cases[i].s,
			    strlen(cases[i].s), &bad));
			assert_int_equal(bad, cases[i].bad);
			assert_false(utf8_valid(cases[i].s,
			    strlen(cases[i].s), NULL));
		}
	}
	/* An embedded NUL is a character like any other. */
	assert_true(utf8_valid("a\0b", 3, NULL));
	/* The length bounds the check: a sequence cut by it is bad. */
	assert_false(utf8_valid("\xE2\x82\xAC", 2, &bad));
	assert_int_equal(bad, 0);
}

/* --- widths ------------------------------------------------------------- */

static void
test_code_point_widths(void **state)
{
	(void)state;
	assert_int_equal(utf8_cp_width('a'), 1);
	assert_int_equal(utf8_cp_width(' '), 1);
	assert_int_equal(utf8_cp_width(0xE8), 1);    /* è */
	assert_int_equal(utf8_cp_width(0x301), 0);   /* combining acute */
	assert_int_equal(utf8_cp_width(0x65E5), 2);  /* 日 */
	assert_int_equal(utf8_cp_width(0xAC00), 2);  /* 가 */
	assert_int_equal(utf8_cp_width(0xFF21), 2);  /* fullwidth A */
	assert_int_equal(utf8_cp_width(0x1F45F), 2); /* 👟 */
	assert_int_equal(utf8_cp_width(0x1F600), 2); /* 😀 */
	assert_int_equal(utf8_cp_width(UTF8_REPLACEMENT), 1);
	/* Control characters are drawn as one replacement column. */
	assert_int_equal(utf8_cp_width('\n'), 1);
	assert_int_equal(utf8_cp_width('\t'), 1);
	assert_int_equal(utf8_cp_width(0x7F), 1);
	assert_int_equal(utf8_cp_width(0x85), 1);
}

static void
test_string_widths(void **state)
{
	(void)state;
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("Instagram ad"), 12);
	assert_int_equal(utf8_width("caff\xC3\xA8"), 5);         /* caffè */
	assert_int_equal(utf8_width("caffe\xCC\x81"), 5);     /* e, U+0301 */
	assert_int_equal(utf8_width("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"),
	    6);                                                  /* 日本語 */
	assert_int_equal(utf8_width("\xF0\x9F\x91\x9F"), 2);     /* 👟 */
	assert_int_equal(utf8_width("Caff\xC3\xA8 \xE8\xA9\xA6\xE7\x9D\x80 "
	    "\xF0\x9F\x91\x9F"), 13);
	/* Each bad byte is one column. */
	assert_int_equal(utf8_width("a\xFF" "b"), 3);
	assert_int_equal(utf8_width("\xC0\x80"), 2);
	assert_int_equal(utf8_width("\xE2\x82"), 2);
	assert_int_equal(utf8_width("tab\there"), 8);
}

/* --- fitting and truncation --------------------------------------------- */

/* Strings where a cut can go wrong: wide characters at every parity,
 * combining marks after the cut point, emoji, bad bytes, controls. */
static const char *const tricky[] = {
	"",
	"abc",
	"caff\xC3\xA8 latte",
	"e\xCC\x81\xCC\x81x\xCC\x81",                      /* é́ x́ */
	"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",            /* 日本語 */
	"a\xE6\x97\xA5" "b\xE6\x9C\xAC" "c",               /* a日b本c */
	"\xF0\x9F\x91\x9F\xF0\x9F\x98\x80!",               /* 👟😀! */
	"x\xF0\x9F\x91\x9F" "y\xE8\xA9\xA6\xCC\x81z",      /* x👟y試́z */
	"bad\xFF\xC0\x80" "bytes\xE2\x82",
	"line one\nline\ttwo\r",
	"\xCC\x81" "starts with a mark",
};

/* True if n is a character boundary of s: decoding from the start lands
 * on it. */
static bool
is_boundary(const char *s, size_t n)
{
	size_t i = 0, len = strlen(s);
	uint32_t cp;

	while (i < n && i < len)
		i += utf8_decode(s + i, len - i, &cp);
	return i == n;
}

static size_t
width_of_bytes(const char *s, size_t n)
{
	char *copy = xstrndup(s, n);
	size_t w = utf8_width(copy);

	free(copy);
	return w;
}

static void
test_fit_exhaustive(void **state)
{
	size_t t, width, n, used, len, next_len;
	uint32_t cp;

	(void)state;
	for (t = 0; t < sizeof tricky / sizeof tricky[0]; t++) {
		len = strlen(tricky[t]);
		for (width = 0; width <= utf8_width(tricky[t]) + 2; width++) {
			used = 999;
			n = utf8_fit(tricky[t], width, &used);
			assert_true(n <= len);
			if (!is_boundary(tricky[t], n))
				fail_msg("string %zu width %zu: cut at %zu "
				    "splits a character", t, width, n);
			assert_int_equal(used, width_of_bytes(tricky[t], n));
			assert_true(used <= width);
			if (n == len)
				continue;
			/* As much as fits: the next character is not a
			 * zero-width mark (it would have been kept) and does
			 * not fit. */
			next_len = utf8_decode(tricky[t] + n, len - n, &cp);
			assert_true(next_len >= 1);
			assert_int_not_equal(utf8_cp_width(cp), 0);
			assert_true(used + (size_t)utf8_cp_width(cp) > width);
		}
		/* used may be NULL */
		assert_int_equal(utf8_fit(tricky[t], 1000, NULL), len);
	}
	/* A wide character does not fit in one column. */
	assert_int_equal(utf8_fit("\xE6\x97\xA5", 1, &used), 0);
	assert_int_equal(used, 0);
	/* Combining marks stay with their base. */
	assert_int_equal(utf8_fit("e\xCC\x81" "f", 1, &used), 3);
	assert_int_equal(used, 1);
}

/* s with bad bytes as U+FFFD and controls as spaces: what truncation
 * draws.  Caller frees. */
static char *
drawable(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0, len = strlen(s);
	uint32_t cp;
	char enc[4];

	while (i < len) {
		i += utf8_decode(s + i, len - i, &cp);
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			cp = ' ';
		strbuf_add(&sb, enc, utf8_encode(cp, enc));
	}
	return strbuf_detach(&sb);
}

static void
test_truncate_exhaustive(void **state)
{
	size_t t, width, total, keep, w;
	char *out, *safe;
	const char *e;
	uint32_t cp;

	(void)state;
	for (t = 0; t < sizeof tricky / sizeof tricky[0]; t++) {
		safe = drawable(tricky[t]);
		total = utf8_width(safe);
		assert_int_equal(total, utf8_width(tricky[t]));
		for (width = 0; width <= total + 2; width++) {
			out = utf8_truncate(tricky[t], width);
			assert_true(utf8_valid(out, strlen(out), NULL));
			if (utf8_width(out) > width)
				fail_msg("string %zu: '%s' is wider than %zu",
				    t, out, width);
			if (total <= width) {
				/* Fits: all of it, made drawable. */
				assert_string_equal(out, safe);
				free(out);
				continue;
			}
			if (width == 0) {
				assert_string_equal(out, "");
				free(out);
				continue;
			}
			/* Cut: a prefix of the drawable text at a character
			 * boundary, then the ellipsis. */
			keep = strlen(out) - strlen(ELLIPSIS);
			assert_true(strlen(out) >= strlen(ELLIPSIS));
			assert_string_equal(out + keep, ELLIPSIS);
			assert_memory_equal(out, safe, keep);
			assert_true(is_boundary(safe, keep));
			/* As much as fits: the next character does not fit
			 * beside the ellipsis. */
			e = safe + keep;
			utf8_decode(e, strlen(e), &cp);
			w = utf8_width(out) - 1;
			assert_true(w + (size_t)utf8_cp_width(cp) > width - 1);
			free(out);
		}
		free(safe);
	}
}

static void
test_truncate_examples(void **state)
{
	char *out;

	(void)state;
	out = utf8_truncate("Instagram ad", 8);
	assert_string_equal(out, "Instagr" ELLIPSIS);
	free(out);
	out = utf8_truncate("Instagram ad", 12);
	assert_string_equal(out, "Instagram ad");
	free(out);
	/* 日本語 (6 columns) in 5: 日本 (4) and the ellipsis. */
	out = utf8_truncate("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 5);
	assert_string_equal(out, "\xE6\x97\xA5\xE6\x9C\xAC" ELLIPSIS);
	free(out);
	/* In 4: 日 and the ellipsis (3), since 日本 and … would be 5. */
	out = utf8_truncate("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4);
	assert_string_equal(out, "\xE6\x97\xA5" ELLIPSIS);
	free(out);
	out = utf8_truncate("\xE6\x97\xA5\xE6\x9C\xAC", 1);
	assert_string_equal(out, ELLIPSIS);
	free(out);
	/* Bad bytes become U+FFFD, controls spaces. */
	out = utf8_truncate("a\xFF" "b\nc", 10);
	assert_string_equal(out, "a" REPLACEMENT "b c");
	free(out);
}

static void
test_sanitize(void **state)
{
	char *out;

	(void)state;
	out = utf8_sanitize("Caff\xC3\xA8 \xF0\x9F\x91\x9F");
	assert_string_equal(out, "Caff\xC3\xA8 \xF0\x9F\x91\x9F");
	free(out);
	/* Each bad byte on its own; controls are left alone. */
	out = utf8_sanitize("a\xFF" "b\xC0\x80" "c\xE2\x82\n");
	assert_string_equal(out, "a" REPLACEMENT "b" REPLACEMENT REPLACEMENT
	    "c" REPLACEMENT REPLACEMENT "\n");
	free(out);
	out = utf8_sanitize("\xED\xA0\x80");
	assert_string_equal(out, REPLACEMENT REPLACEMENT REPLACEMENT);
	free(out);
	out = utf8_sanitize("");
	assert_string_equal(out, "");
	free(out);
}

/* --- strbuf ------------------------------------------------------------- */

static void
test_strbuf_building(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	size_t i;

	(void)state;
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_adds(&sb, "stage");
	strbuf_addc(&sb, ' ');
	strbuf_add(&sb, "research!", 8);
	strbuf_addn(&sb, '.', 3);
	strbuf_printf(&sb, " %d%%", 60);
	assert_string_equal(strbuf_str(&sb), "stage research... 60%");
	assert_int_equal(sb.len, strlen("stage research... 60%"));
	/* Long output grows the buffer. */
	for (i = 0; i < 1000; i++)
		strbuf_printf(&sb, "%03zu", i);
	assert_int_equal(sb.len, 21 + 3000);
	assert_memory_equal(sb.data + 21 + 3 * 998, "998999", 6);
	assert_int_equal(sb.data[sb.len], '\0');
	/* printf of nothing adds nothing. */
	strbuf_printf(&sb, "%s", "");
	assert_int_equal(sb.len, 3021);
	strbuf_free(&sb);
	assert_null(sb.data);
	assert_int_equal(sb.len, 0);

	/* An embedded NUL counts. */
	strbuf_init(&sb);
	strbuf_add(&sb, "a\0b", 3);
	assert_int_equal(sb.len, 3);
	assert_memory_equal(sb.data, "a\0b", 4);
	/* reset forgets the text but keeps the room. */
	i = sb.cap;
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, i);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_adds(&sb, "again");
	s = strbuf_detach(&sb);
	assert_string_equal(s, "again");
	free(s);
	assert_null(sb.data);
	assert_int_equal(sb.len, 0);
	/* Detaching an empty buffer gives a string to free, not NULL. */
	s = strbuf_detach(&sb);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	strbuf_free(&sb);
}

static void
strbuf_vhelper(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
strbuf_vhelper(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

static void
test_strbuf_vprintf(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_vhelper(&sb, "%s:%d:%d: %s", "map.yaml", 12, 5, "bad");
	assert_string_equal(strbuf_str(&sb), "map.yaml:12:5: bad");
	strbuf_free(&sb);
}

/* --- xalloc ------------------------------------------------------------- */

static void
test_xgrow(void **state)
{
	int *items = NULL;
	size_t cap = 0, i;
	void *before;

	(void)state;
	XGROW(items, cap, 1);
	assert_non_null(items);
	assert_int_equal(cap, 8);
	for (i = 0; i < 8; i++)
		items[i] = (int)i;
	/* Enough room: nothing moves. */
	before = items;
	XGROW(items, cap, 8);
	assert_ptr_equal(items, before);
	assert_int_equal(cap, 8);
	/* Doubling until it fits, keeping the contents. */
	XGROW(items, cap, 9);
	assert_int_equal(cap, 16);
	XGROW(items, cap, 100);
	assert_int_equal(cap, 128);
	for (i = 0; i < 8; i++)
		assert_int_equal(items[i], (int)i);
	items[127] = 42;
	free(items);

	/* An odd starting capacity doubles from there. */
	items = xmalloc(3 * sizeof *items);
	cap = 3;
	XGROW(items, cap, 4);
	assert_int_equal(cap, 6);
	free(items);
}

static void
test_xalloc_helpers(void **state)
{
	char *s;
	unsigned char *z;
	size_t i;
	long *arr;

	(void)state;
	assert_null(xstrdup(NULL));
	s = xstrdup("runner");
	assert_string_equal(s, "runner");
	free(s);
	s = xstrndup("runner", 3);
	assert_string_equal(s, "run");
	free(s);
	s = xstrndup("ab", 10);
	assert_string_equal(s, "ab");
	free(s);
	s = xasprintf("%s '%s' has %d card%s", "stage", "x", 3, "s");
	assert_string_equal(s, "stage 'x' has 3 cards");
	free(s);
	s = xmalloc(0);
	assert_non_null(s);
	free(s);
	z = xcalloc(64, 1);
	for (i = 0; i < 64; i++)
		assert_int_equal(z[i], 0);
	free(z);
	z = xcalloc(0, 0);
	assert_non_null(z);
	free(z);
	arr = xreallocarray(NULL, 10, sizeof *arr);
	arr[9] = 7;
	arr = xreallocarray(arr, 20, sizeof *arr);
	assert_int_equal(arr[9], 7);
	free(arr);
}

/* Run fn in a child; true if it died of SIGABRT after saying "out of
 * memory" on stderr. */
static bool
aborts_out_of_memory(void (*fn)(void))
{
	int fds[2], status;
	char buf[256];
	ssize_t n;
	size_t got = 0;
	pid_t pid;

	if (pipe(fds) != 0)
		return false;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		fn();
		_exit(0);
	}
	close(fds[1]);
	while (got < sizeof buf - 1 &&
	    (n = read(fds[0], buf + got, sizeof buf - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid)
		return false;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
	    strstr(buf, "waymark: out of memory") != NULL;
}

static void
overflow_reallocarray(void)
{
	free(xreallocarray(NULL, SIZE_MAX / 2, 4));
}

static void
overflow_xgrow(void)
{
	char *items = NULL;
	size_t cap = 0;

	XGROW(items, cap, SIZE_MAX);
	free(items);
}

static void
test_overflow_aborts(void **state)
{
	(void)state;
	assert_true(aborts_out_of_memory(overflow_reallocarray));
	assert_true(aborts_out_of_memory(overflow_xgrow));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_encode_round_trips_every_code_point),
		cmocka_unit_test(test_valid_and_bad_offset),
		cmocka_unit_test(test_code_point_widths),
		cmocka_unit_test(test_string_widths),
		cmocka_unit_test(test_fit_exhaustive),
		cmocka_unit_test(test_truncate_exhaustive),
		cmocka_unit_test(test_truncate_examples),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_strbuf_building),
		cmocka_unit_test(test_strbuf_vprintf),
		cmocka_unit_test(test_xgrow),
		cmocka_unit_test(test_xalloc_helpers),
		cmocka_unit_test(test_overflow_aborts),
	};

	return cmocka_run_group_tests(tests, setup_locale, NULL);
}
