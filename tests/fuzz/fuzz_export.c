/*
 * fuzz_export.c - libFuzzer target: every map the loader accepts, through
 * every text export (export/export.h).
 *
 * A map is the exports' only input, and a hostile one must not break the
 * deliverable it is turned into.  Beyond "no crash, no leak, no hang",
 * each export is held to what it promises:
 *   - every output is valid UTF-8;
 *   - html: no tag from the map comes through (the page never contains
 *     "<script", "<img", "<iframe" or "<a ", which the export itself never
 *     writes);
 *   - md: every row of the board table has the same number of column
 *     separators (unescaped pipes), so no text leaves its cell;
 *   - csv: read back with an RFC 4180 reader, one row per shown card plus
 *     the header, each of 16 fields, rows ending in CRLF;
 *   - mermaid: every line is `journey`, a title, a section or a task that
 *     fits the journey grammar (no # ; %% in any, one or two colons in a
 *     task, a score 1..5);
 *   - txt: no line wider than the width asked for.
 * The width and the persona filter are drawn from the input's bytes, so
 * they vary with it.  Maps need not be valid: the exports must cope with
 * dangling references too.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export/export.h"
#include "io/mapio.h"
#include "model/map.h"
#include "util/strbuf.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NAME "fuzz.yaml"

static void
fz_fail(const char *what, const char *text)
{
	fprintf(stderr, "fuzz_export: %s\n--- output ---\n%s\n", what, text);
	abort();
}

static void
fz_check_html(const char *html)
{
	static const char *const tags[] = {"<script", "<img", "<iframe",
	    "<a ", "<object", "<embed"};
	size_t i;

	for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		if (strstr(html, tags[i]) != NULL)
			fz_fail("html: a tag from the map came through", html);
	}
}

static size_t
fz_md_pipes(const char *line)
{
	size_t n = 0;
	const char *p;

	for (p = line; *p != '\0' && *p != '\n'; p++) {
		if (*p == '\\' && p[1] != '\0' && p[1] != '\n') {
			p++;
			continue;
		}
		if (*p == '|')
			n++;
	}
	return n;
}

static void
fz_check_md(const struct map *m, const char *md)
{
	const char *table = strstr(md, "\n| |"), *line;

	if (m->stage_count == 0)
		return;
	if (table == NULL)
		fz_fail("md: no board table", md);
	for (line = table + 1; *line == '|'; line = strchr(line, '\n') + 1) {
		if (fz_md_pipes(line) != m->stage_count + 2)
			fz_fail("md: a table row with the wrong columns", md);
		if (strchr(line, '\n') == NULL)
			fz_fail("md: table row without newline", md);
	}
}

static void
fz_check_csv(const struct map *m, const struct export_options *o,
    const char *csv)
{
	const char *s = csv;
	size_t rows = 0, fields = 1, want = 1, i;
	bool quoted = false, cell_start = true;

	for (i = 0; i < m->card_count; i++) {
		if (export_card_visible(&m->cards[i], o))
			want++;
	}
	while (*s != '\0') {
		if (quoted) {
			if (*s == '"' && s[1] == '"')
				s++;
			else if (*s == '"')
				quoted = false;
			s++;
			continue;
		}
		if (*s == '"') {
			if (!cell_start)
				fz_fail("csv: a quote inside an unquoted field",
				    csv);
			quoted = true;
		} else if (*s == ',') {
			fields++;
			cell_start = true;
			s++;
			continue;
		} else if (*s == '\r' && s[1] == '\n') {
			if (fields != 16)
				fz_fail("csv: a row without 16 fields", csv);
			rows++;
			fields = 1;
			cell_start = true;
			s += 2;
			continue;
		} else if (*s == '\r' || *s == '\n') {
			fz_fail("csv: a bare line break outside quotes", csv);
		}
		cell_start = false;
		s++;
	}
	if (quoted || !cell_start || fields != 1)
		fz_fail("csv: the last row is not closed by CRLF", csv);
	if (rows != want)
		fz_fail("csv: not one row per shown card", csv);
}

static bool
fz_mermaid_task(const char *line, size_t len)
{
	size_t i, colons = 0;

	if (len < 8 || strncmp(line, "    ", 4) != 0 || line[4] == ' ')
		return false;
	for (i = 4; i < len; i++) {
		if (line[i] == ':') {
			colons++;
			if (colons == 1 && !(i + 2 < len && line[i + 1] == ' ' &&
			    line[i + 2] >= '1' && line[i + 2] <= '5' &&
			    (i + 3 == len || line[i + 3] == ':')))
				return false;
		}
	}
	return colons == 1 || colons == 2;
}

static void
fz_check_mermaid(const char *mm)
{
	const char *line, *nl;
	size_t len, i;

	if (strncmp(mm, "journey\n", 8) != 0)
		fz_fail("mermaid: does not begin with journey", mm);
	for (line = mm + 8; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl == NULL)
			fz_fail("mermaid: last line without newline", mm);
		len = (size_t)(nl - line);
		for (i = 0; i < len; i++) {
			if (line[i] == '#' || line[i] == ';' || line[i] == '\r' ||
			    (line[i] == '%' && i + 1 < len && line[i + 1] == '%'))
				fz_fail("mermaid: a reserved character", mm);
		}
		if (len > 8 && strncmp(line, "  title ", 8) == 0)
			continue;
		if (len > 10 && strncmp(line, "  section ", 10) == 0) {
			if (memchr(line, ':', len) != NULL)
				fz_fail("mermaid: a colon in a section", mm);
			continue;
		}
		if (!fz_mermaid_task(line, len))
			fz_fail("mermaid: not a journey task", mm);
		if (strncasecmp(line + 4, "title", 5) == 0 ||
		    strncasecmp(line + 4, "section", 7) == 0 ||
		    strncasecmp(line + 4, "journey", 7) == 0 ||
		    strncasecmp(line + 4, "acc", 3) == 0)
			fz_fail("mermaid: a task that starts with a keyword", mm);
	}
}

static void
fz_check_txt(const char *txt, unsigned width)
{
	const char *line, *nl;
	char *copy;

	for (line = txt; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl == NULL)
			fz_fail("txt: last line without newline", txt);
		copy = strndup(line, (size_t)(nl - line));
		if (copy == NULL)
			abort();
		if (utf8_width(copy) > width)
			fz_fail("txt: a line wider than asked", txt);
		free(copy);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	static const enum export_format formats[] = {EXPORT_HTML, EXPORT_MD,
	    EXPORT_CSV, EXPORT_MERMAID, EXPORT_TXT};
	struct export_options o;
	struct strbuf out = STRBUF_INIT;
	struct map *m;
	char *cause = NULL;
	size_t i;

	if (!ready) {
		utf8_init();
		ready = true;
	}
	m = mapio_load_buffer((const char *)data, size, NAME, &cause);
	if (m == NULL) {
		free(cause);
		return 0;
	}
	memset(&o, 0, sizeof o);
	o.width = EXPORT_TXT_WIDTH_MIN + (size > 0 ? data[0] % 181 : 0);
	if (size > 1 && data[1] % 2 == 1 && m->persona_count > 0 &&
	    m->personas[0].id != NULL)
		o.persona = m->personas[0].id;
	o.csv_bom = false;
	/* Every language's labels and numbers, too. */
	if (size > 2)
		o.lang = (enum export_lang)(data[2] % EXPORT_LANG_COUNT);
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		strbuf_reset(&out);
		if (export_render(m, formats[i], &o, &out, &cause) != 0)
			fz_fail("export_render failed", cause);
		if (!utf8_valid(strbuf_str(&out), out.len, NULL))
			fz_fail("not valid UTF-8", strbuf_str(&out));
		switch (formats[i]) {
		case EXPORT_HTML:
			fz_check_html(strbuf_str(&out));
			break;
		case EXPORT_MD:
			fz_check_md(m, strbuf_str(&out));
			break;
		case EXPORT_CSV:
			fz_check_csv(m, &o, strbuf_str(&out));
			break;
		case EXPORT_MERMAID:
			fz_check_mermaid(strbuf_str(&out));
			break;
		case EXPORT_TXT:
			fz_check_txt(strbuf_str(&out), o.width);
			break;
		default:
			break;
		}
	}
	strbuf_free(&out);
	map_destroy(m);
	return 0;
}
