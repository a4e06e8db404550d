/*
 * export-csv.c - one row per card with every attribute, for spreadsheets.
 *
 * RFC 4180: comma-separated, CRLF after every row (the header too), a
 * field containing a quote, comma, CR or LF is quoted and its quotes
 * doubled.  Text is UTF-8 as in the map; a byte order mark is written only
 * when asked for (Excel wants one to guess the encoding, most other tools
 * are confused by it).
 *
 * Formula neutralisation: a spreadsheet runs a cell that begins with `=`,
 * `+`, `-` or `@` (and some also one beginning with a tab or CR) as a
 * formula, which a hostile map could use to run commands or leak data
 * when the CSV is opened.  Every text field that begins with one of those
 * characters gets a single quote `'` in front, which spreadsheets show as
 * text and readers can strip.  The numeric columns (emotion, votes) are
 * written by us as plain integers and left alone, so -2 stays a number.
 *
 * Rows come in board order (stage, then lane, then file order), and the
 * persona filter applies.
 */

#include "export/export.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

static const char *const export_csv_columns[] = {
    "id",
    "stage",
    "stage_name",
    "lane",
    "lane_name",
    "title",
    "notes",
    "owner",
    "owner_name",
    "channel",
    "channel_name",
    "personas",
    "emotion",
    "event",
    "votes",
    "tags",
};

/* Append one text field, neutralised and quoted as needed. */
static void
export_csv_text(struct strbuf *out, const char *text)
{
	char *clean = utf8_sanitize(text != NULL ? text : "");
	const char *s = clean;
	bool quote;

	quote = strpbrk(s, "\",\r\n") != NULL;
	if (quote)
		strbuf_addc(out, '"');
	if (strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0')
		strbuf_addc(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			strbuf_addc(out, '"');
		strbuf_addc(out, *s);
	}
	if (quote)
		strbuf_addc(out, '"');
	free(clean);
}

static void
export_csv_list(struct strbuf *out, const struct strlist *l)
{
	struct strbuf joined = STRBUF_INIT;
	size_t i;

	for (i = 0; i < l->count; i++) {
		if (i > 0)
			strbuf_addc(&joined, ';');
		strbuf_adds(&joined, l->items[i]);
	}
	export_csv_text(out, strbuf_str(&joined));
	strbuf_free(&joined);
}

static void
export_csv_card(struct strbuf *out, const struct map *m, const struct card *c)
{
	long si, li;

	si = c->stage != NULL ? map_stage_index(m, c->stage) : -1;
	li = c->lane != NULL ? map_lane_index(m, c->lane) : -1;

	export_csv_text(out, c->id);
	strbuf_addc(out, ',');
	export_csv_text(out, c->stage);
	strbuf_addc(out, ',');
	export_csv_text(out, si >= 0 ? export_stage_name(&m->stages[si]) : "");
	strbuf_addc(out, ',');
	export_csv_text(out, c->lane);
	strbuf_addc(out, ',');
	export_csv_text(out, li >= 0 ? export_lane_name(&m->lanes[li]) : "");
	strbuf_addc(out, ',');
	export_csv_text(out, c->title);
	strbuf_addc(out, ',');
	export_csv_text(out, c->notes);
	strbuf_addc(out, ',');
	export_csv_text(out, c->owner);
	strbuf_addc(out, ',');
	export_csv_text(out, export_department_name(m, c->owner));
	strbuf_addc(out, ',');
	export_csv_text(out, c->channel);
	strbuf_addc(out, ',');
	export_csv_text(out, export_channel_name(m, c->channel));
	strbuf_addc(out, ',');
	export_csv_list(out, &c->personas);
	strbuf_addc(out, ',');
	if (c->has_emotion)
		strbuf_printf(out, "%d", c->emotion);
	strbuf_addc(out, ',');
	export_csv_text(out, c->event);
	strbuf_addc(out, ',');
	if (c->has_votes)
		strbuf_printf(out, "%d", c->votes);
	strbuf_addc(out, ',');
	export_csv_list(out, &c->tags);
	strbuf_adds(out, "\r\n");
}

void
export_csv(
    const struct map *m, const struct export_options *o, struct strbuf *out)
{
	size_t i, n, *order;

	if (o->csv_bom)
		strbuf_adds(out, "\xEF\xBB\xBF");
	for (i = 0; i < sizeof export_csv_columns / sizeof *export_csv_columns;
	     i++) {
		if (i > 0)
			strbuf_addc(out, ',');
		strbuf_adds(out, export_csv_columns[i]);
	}
	strbuf_adds(out, "\r\n");

	order = export_card_order(m, &n);
	for (i = 0; i < n; i++) {
		if (export_card_visible(&m->cards[order[i]], o))
			export_csv_card(out, m, &m->cards[order[i]]);
	}
	free(order);
}
