/*
 * export-txt.c - the board drawn with box-drawing characters, for a
 * terminal or the body of an email.
 *
 * No line is wider than `width` display columns, and the board fills it
 * (up to a readable column width) (util/utf8.h widths: CJK
 * and most emoji two, combining marks zero), padded with spaces, so the
 * text lines up in any monospaced font that agrees with wcwidth.  Text is
 * wrapped at spaces, and a word longer than its cell is cut between
 * characters, never inside one; control characters become spaces and
 * invalid bytes U+FFFD.
 *
 * The board is a table: a lane-name column, then one column per stage.
 * When the stages do not fit the width at a readable column width they are
 * drawn in bands of consecutive stages, each band a table of its own with
 * the lane names repeated.  Below the board: the measured funnel (when
 * attached), personas and departments, each line cut to the width.
 */

#include "export/export.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

#define TXT_STAGE_MIN 14 /* narrowest stage column, borders excluded */
#define TXT_STAGE_MAX 60
#define TXT_LANE_MIN 6
#define TXT_LANE_MAX 14
#define TXT_LANE_WORD_MAX 18 /* widest lane column for one long word */

#define BOX_H "\xE2\x94\x80" /* ─ */
#define BOX_V "\xE2\x94\x82" /* │ */
#define BOX_TL "\xE2\x94\x8C" /* ┌ */
#define BOX_TR "\xE2\x94\x90" /* ┐ */
#define BOX_BL "\xE2\x94\x94" /* └ */
#define BOX_BR "\xE2\x94\x98" /* ┘ */
#define BOX_T "\xE2\x94\xAC" /* ┬ */
#define BOX_B "\xE2\x94\xB4" /* ┴ */
#define BOX_L "\xE2\x94\x9C" /* ├ */
#define BOX_R "\xE2\x94\xA4" /* ┤ */
#define BOX_X "\xE2\x94\xBC" /* ┼ */
#define BOX_DH "\xE2\x95\x90" /* ═ */
#define BOX_DL "\xE2\x95\x9E" /* ╞ */
#define BOX_DR "\xE2\x95\xA1" /* ╡ */
#define BOX_DX "\xE2\x95\xAA" /* ╪ */
#define BULLET "\xE2\x80\xA2" /* • */

struct txt_cell {
	struct strlist lines;
};

/* A copy of s with invalid bytes as U+FFFD and control characters other
 * than newline as spaces. */
static char *
export_txt_clean(const char *s)
{
	char *clean = utf8_sanitize(s != NULL ? s : ""), *p;

	for (p = clean; *p != '\0'; p++) {
		if (*p == '\r' && p[1] == '\n')
			*p = ' ';
		else if (*p == '\r')
			*p = '\n';
		else if (((unsigned char)*p < 0x20 && *p != '\n') || *p == 0x7F)
			*p = ' ';
	}
	return clean;
}

/*
 * Wrap text into lines of at most width columns and append them to lines;
 * the first line is prefixed by first, the others by rest (both of the
 * same width, counted in the width).  A newline in the text starts a new
 * line.
 */
static void
export_txt_wrap(struct strlist *lines, const char *text, size_t width,
    const char *first, const char *rest)
{
	char *clean = export_txt_clean(text), *para, *next;
	const char *p;
	size_t avail, fit, cut, n, prefix_w = utf8_width(first);
	struct strbuf sb = STRBUF_INIT;
	bool first_line = true;
	uint32_t cp;

	avail = width > prefix_w ? width - prefix_w : 1;
	for (para = clean; para != NULL; para = next) {
		next = strchr(para, '\n');
		if (next != NULL)
			*next++ = '\0';
		p = para;
		while (*p == ' ')
			p++;
		for (;;) {
			strbuf_reset(&sb);
			strbuf_adds(&sb, first_line ? first : rest);
			first_line = false;
			fit = utf8_fit(p, avail, NULL);
			cut = fit;
			if (p[fit] != '\0' && p[fit] != ' ') {
				/* Break at the last space that fits (p does
				 * not begin with one), or after a hyphen. */
				for (n = fit; n > 1 && p[n - 1] != ' ' &&
				     p[n - 1] != '-';
				     n--)
					;
				if (n > 1 && p[n - 1] == ' ')
					cut = n - 1;
				else if (n > 1)
					cut = n;
			}
			if (cut == 0 && *p != '\0') {
				/* One character wider than the whole cell. */
				strbuf_addc(&sb, '?');
				cut = utf8_decode(p, strlen(p), &cp);
			} else {
				for (n = cut; n > 0 && p[n - 1] == ' '; n--)
					;
				strbuf_add(&sb, p, n);
			}
			strlist_append(lines, strbuf_str(&sb));
			p += cut;
			while (*p == ' ')
				p++;
			if (*p == '\0')
				break;
		}
	}
	strbuf_free(&sb);
	free(clean);
}

/* Append s and spaces up to width columns (s is at most width wide). */
static void
export_txt_pad(struct strbuf *out, const char *s, size_t width)
{
	size_t w = utf8_width(s);

	strbuf_adds(out, s);
	if (w < width)
		strbuf_addn(out, ' ', width - w);
}

/* Append text wrapped to width, each line ending in a newline. */
static void
export_txt_para(struct strbuf *out, const char *text, size_t width,
    const char *first, const char *rest)
{
	struct strlist lines = {0, 0, NULL};
	size_t i;

	export_txt_wrap(&lines, text, width, first, rest);
	for (i = 0; i < lines.count; i++) {
		strbuf_adds(out, lines.items[i]);
		strbuf_addc(out, '\n');
	}
	strlist_free(&lines);
}

static void
export_txt_heading(struct strbuf *out, const char *text, size_t width)
{
	size_t w = utf8_width(text);

	strbuf_addc(out, '\n');
	export_txt_para(out, text, width, "", "");
	for (w = w < width ? w : width; w > 0; w--)
		strbuf_adds(out, BOX_H);
	strbuf_addc(out, '\n');
}

static void
export_txt_rule(struct strbuf *out, const size_t *colw, size_t ncols,
    const char *left, const char *mid, const char *right, const char *h)
{
	size_t i, k;

	strbuf_adds(out, left);
	for (i = 0; i < ncols; i++) {
		for (k = 0; k < colw[i]; k++)
			strbuf_adds(out, h);
		strbuf_adds(out, i + 1 < ncols ? mid : right);
	}
	strbuf_addc(out, '\n');
}

/* One table row: the cells side by side, as tall as the tallest. */
static void
export_txt_row(struct strbuf *out, const size_t *colw, size_t ncols,
    struct txt_cell *cells)
{
	size_t i, line, height = 1;

	for (i = 0; i < ncols; i++) {
		if (cells[i].lines.count > height)
			height = cells[i].lines.count;
	}
	for (line = 0; line < height; line++) {
		strbuf_adds(out, BOX_V);
		for (i = 0; i < ncols; i++) {
			strbuf_addc(out, ' ');
			export_txt_pad(out,
			    line < cells[i].lines.count
			        ? cells[i].lines.items[line]
			        : "",
			    colw[i] - 2);
			strbuf_addc(out, ' ');
			strbuf_adds(out, BOX_V);
		}
		strbuf_addc(out, '\n');
	}
	for (i = 0; i < ncols; i++)
		strlist_free(&cells[i].lines);
}

/* The lines of one board cell (inner width w). */
static void
export_txt_cell(struct txt_cell *cell, const struct map *m,
    const struct export_options *o, const struct export_funnel *f,
    size_t stage_index, const struct lane *l, size_t w)
{
	enum export_lang lang = o->lang;
	const struct stage *s = &m->stages[stage_index];
	const struct card *c;
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	double avg;

	if (l->kind == LANE_EMOTION) {
		if (export_stage_emotion(m, stage_index, o->persona, &avg)) {
			export_number(&sb, avg, 1, true, lang);
			strbuf_addc(&sb, ' ');
			strbuf_adds(&sb,
			    labels_get(lang,
			        avg >= 0.5        ? LABEL_POSITIVE
			            : avg <= -0.5 ? LABEL_NEGATIVE
			                          : LABEL_NEUTRAL));
			export_txt_wrap(
			    &cell->lines, strbuf_str(&sb), w, "", "");
		}
	} else if (l->kind == LANE_METRICS) {
		if (f != NULL) {
			strbuf_printf(&sb, "%lld %s",
			    f->stages[stage_index].users,
			    labels_get(lang,
			        f->stages[stage_index].users == 1
			            ? LABEL_USER
			            : LABEL_USERS));
			export_txt_wrap(
			    &cell->lines, strbuf_str(&sb), w, "", "");
			if (stage_index > 0) {
				strbuf_reset(&sb);
				export_percent(&sb,
				    f->stages[stage_index].conversion_step,
				    lang);
				strbuf_adds(
				    &sb, labels_get(lang, LABEL_OF_PREVIOUS));
				export_txt_wrap(
				    &cell->lines, strbuf_str(&sb), w, "", "");
			}
			if (stage_index > 0 && s->has_target) {
				strbuf_reset(&sb);
				strbuf_adds(
				    &sb, labels_get(lang, LABEL_TARGET_LOWER));
				strbuf_addc(&sb, ' ');
				export_percent(&sb, s->target, lang);
				export_txt_wrap(
				    &cell->lines, strbuf_str(&sb), w, "", "");
			}
		}
	} else {
		for (i = 0; i < m->card_count; i++) {
			c = &m->cards[i];
			if (!export_same(c->stage, s->id) ||
			    !export_same(c->lane, l->id) ||
			    !export_card_visible(c, o))
				continue;
			export_txt_wrap(&cell->lines,
			    c->title != NULL && *c->title != '\0' ? c->title
			                                          : c->id,
			    w, BULLET " ", "  ");
		}
	}
	strbuf_free(&sb);
}

/* Display width of the widest space-separated word of s. */
static size_t
export_txt_longest_word(const char *s)
{
	char *copy = export_txt_clean(s), *word, *save = NULL;
	size_t w, widest = 0;

	for (word = strtok_r(copy, " \n", &save); word != NULL;
	     word = strtok_r(NULL, " \n", &save)) {
		w = utf8_width(word);
		if (w > widest)
			widest = w;
	}
	free(copy);
	return widest;
}

/* Stages [first, first + count) as one table. */
static void
export_txt_band(struct strbuf *out, const struct map *m,
    const struct export_options *o, const struct export_funnel *f, size_t first,
    size_t count, size_t lane_w, size_t stage_space)
{
	size_t *colw, ncols = count + 1, i, li;
	struct txt_cell *cells;

	colw = xcalloc(ncols, sizeof *colw);
	cells = xcalloc(ncols, sizeof *cells);
	colw[0] = lane_w;
	for (i = 0; i < count; i++) {
		/* Each stage column takes its width plus its right border. */
		colw[i + 1] =
		    stage_space / count - 1 + (i < stage_space % count ? 1 : 0);
		if (colw[i + 1] > TXT_STAGE_MAX)
			colw[i + 1] = TXT_STAGE_MAX;
	}

	export_txt_rule(out, colw, ncols, BOX_TL, BOX_T, BOX_TR, BOX_H);
	for (i = 0; i < count; i++)
		export_txt_wrap(&cells[i + 1].lines,
		    export_stage_name(&m->stages[first + i]), colw[i + 1] - 2,
		    "", "");
	export_txt_row(out, colw, ncols, cells);
	export_txt_rule(out, colw, ncols, BOX_DL, BOX_DX, BOX_DR, BOX_DH);
	for (li = 0; li < m->lane_count; li++) {
		if (li > 0)
			export_txt_rule(
			    out, colw, ncols, BOX_L, BOX_X, BOX_R, BOX_H);
		export_txt_wrap(&cells[0].lines,
		    export_lane_name(&m->lanes[li]), lane_w - 2, "", "");
		for (i = 0; i < count; i++)
			export_txt_cell(&cells[i + 1], m, o, f, first + i,
			    &m->lanes[li], colw[i + 1] - 2);
		export_txt_row(out, colw, ncols, cells);
	}
	export_txt_rule(out, colw, ncols, BOX_BL, BOX_B, BOX_BR, BOX_H);
	free(cells);
	free(colw);
}

static void
export_txt_board(struct strbuf *out, const struct map *m,
    const struct export_options *o, const struct export_funnel *f, size_t width)
{
	size_t lane_w = 0, word_w = 0, i, w, space, per_band, bands, first;
	size_t count;

	if (m->stage_count == 0) {
		strbuf_adds(out, labels_get(o->lang, LABEL_NO_STAGES_TXT));
		strbuf_addc(out, '\n');
		return;
	}
	for (i = 0; i < m->lane_count; i++) {
		w = utf8_width(export_lane_name(&m->lanes[i])) + 2;
		if (w > lane_w)
			lane_w = w;
		w = export_txt_longest_word(export_lane_name(&m->lanes[i])) + 2;
		if (w > word_w)
			word_w = w;
	}
	if (lane_w < TXT_LANE_MIN)
		lane_w = TXT_LANE_MIN;
	if (lane_w > TXT_LANE_MAX)
		lane_w = TXT_LANE_MAX;
	/* Room for the longest word ("Opportunities"), within reason. */
	if (word_w > lane_w)
		lane_w =
		    word_w < TXT_LANE_WORD_MAX ? word_w : TXT_LANE_WORD_MAX;
	/* At most a third of the width for the lane names. */
	if (lane_w > width / 3)
		lane_w = width / 3 >= TXT_LANE_MIN ? width / 3 : TXT_LANE_MIN;
	/* Left border, lane column and its border, then the stages. */
	space = width - 1 - (lane_w + 1);
	per_band = space / (TXT_STAGE_MIN + 1);
	if (per_band == 0)
		per_band = 1;
	bands = (m->stage_count + per_band - 1) / per_band;
	first = 0;
	for (i = 0; i < bands; i++) {
		/* Spread the stages evenly over the bands. */
		count = (m->stage_count - first) / (bands - i);
		if ((m->stage_count - first) % (bands - i) != 0)
			count++;
		if (i > 0)
			strbuf_addc(out, '\n');
		export_txt_band(out, m, o, f, first, count, lane_w, space);
		first += count;
	}
}

static void
export_txt_funnel(struct strbuf *out, const struct map *m,
    const struct export_funnel *f, size_t width, enum export_lang lang)
{
	struct strbuf line = STRBUF_INIT, pct = STRBUF_INIT;
	struct strlist lines = {0, 0, NULL};
	char *name, *cut;
	size_t i, name_w = width >= 60 ? 24 : width / 3, k, bar, column;
	const struct export_funnel_stage *fs;
	long long top = f->stages[0].users;

	export_txt_heading(
	    out, labels_get(lang, LABEL_MEASURED_JOURNEY), width);
	strbuf_adds(&line, labels_get(lang, LABEL_FUNNEL_LEDE_TXT));
	export_duration(&line, (double)f->window_seconds, lang);
	if (f->segment != NULL) {
		strbuf_adds(&line, labels_get(lang, LABEL_ENTERED_AS_TXT));
		strbuf_adds(&line, f->segment);
	}
	if (f->since != NULL || f->until != NULL) {
		strbuf_adds(&line, "; ");
		export_period(&line, f, lang);
	}
	if (f->incomplete > 0)
		strbuf_printf(&line, "; %lld %s%s", f->incomplete,
		    labels_get(
		        lang, f->incomplete == 1 ? LABEL_USER : LABEL_USERS),
		    labels_get(lang, LABEL_INSIDE_WINDOW_TXT));
	export_txt_para(out, strbuf_str(&line), width, "", "");
	for (i = 0; i < m->stage_count; i++) {
		fs = &f->stages[i];
		strbuf_reset(&line);
		name = utf8_truncate(export_stage_name(&m->stages[i]), name_w);
		export_txt_pad(&line, name, name_w);
		free(name);
		strbuf_printf(&line, " %9lld", fs->users);
		if (i > 0) {
			strbuf_reset(&pct);
			export_percent(&pct, fs->conversion_step, lang);
			/* Right-aligned in 7 columns (the dash is one column
			 * but three bytes, so no printf width). */
			strbuf_addn(
			    &line, ' ', 8 - utf8_width(strbuf_str(&pct)));
			strbuf_adds(&line, strbuf_str(&pct));
			if (m->stages[i].has_target &&
			    isfinite(fs->conversion_step)) {
				strbuf_printf(&line, " (%s %.0f%%, ",
				    labels_get(lang, LABEL_TARGET_LOWER),
				    m->stages[i].target * 100);
				export_number(&line,
				    (fs->conversion_step -
				        m->stages[i].target) *
				        100,
				    1, true, lang);
				strbuf_printf(
				    &line, " %s)", labels_get(lang, LABEL_PP));
			}
		}
		strlist_append(&lines, strbuf_str(&line));
	}
	/* The bars start in one column: 45 after the names, or further
	 * when a line of numbers is longer (the labels of some
	 * languages). */
	column = name_w + 45;
	for (i = 0; i < lines.count; i++) {
		k = utf8_width(lines.items[i]);
		if (k > column)
			column = k;
	}
	for (i = 0; i < lines.count; i++) {
		fs = &f->stages[i];
		strbuf_reset(&line);
		strbuf_adds(&line, lines.items[i]);
		/* A bar to the right when there is room. */
		k = utf8_width(strbuf_str(&line));
		if (k < column && width > column + 12) {
			strbuf_addn(&line, ' ', column - k);
			k = column;
		}
		if (top > 0 && width > k + 12) {
			bar = (size_t)((double)fs->users / (double)top *
			    (double)(width - k - 2 > 30 ? 30 : width - k - 2));
			strbuf_addn(&line, ' ', 2);
			while (bar-- > 0)
				strbuf_adds(&line, "\xE2\x96\x88");
		}
		cut = utf8_truncate(strbuf_str(&line), width);
		strbuf_adds(out, cut);
		strbuf_addc(out, '\n');
		free(cut);
	}
	strlist_free(&lines);
	strbuf_free(&pct);
	strbuf_free(&line);
}

/* "  Heading: item", the other items and wrapped lines under the first. */
static void
export_txt_list(struct strbuf *out, const char *heading,
    const struct strlist *l, size_t width)
{
	struct strbuf first = STRBUF_INIT, rest = STRBUF_INIT;
	size_t k;

	strbuf_printf(&first, "  %s: ", heading);
	strbuf_addn(&rest, ' ', utf8_width(strbuf_str(&first)));
	for (k = 0; k < l->count; k++)
		export_txt_para(out, l->items[k], width,
		    k == 0 ? strbuf_str(&first) : strbuf_str(&rest),
		    strbuf_str(&rest));
	strbuf_free(&rest);
	strbuf_free(&first);
}

static void
export_txt_personas(struct strbuf *out, const struct map *m,
    const struct export_options *o, size_t width)
{
	const struct persona *p;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (m->persona_count == 0)
		return;
	export_txt_heading(out, labels_get(o->lang, LABEL_PERSONAS), width);
	for (i = 0; i < m->persona_count; i++) {
		p = &m->personas[i];
		if (o->persona != NULL && !export_same(p->id, o->persona))
			continue;
		strbuf_reset(&sb);
		strbuf_adds(&sb, export_persona_name(m, p->id));
		if (p->has_age)
			strbuf_printf(&sb, ", %d", p->age);
		if (p->occupation != NULL)
			strbuf_printf(&sb, ", %s", p->occupation);
		export_txt_para(out, strbuf_str(&sb), width, BULLET " ", "  ");
		if (p->description != NULL)
			export_txt_para(out, p->description, width, "  ", "  ");
		if (p->quote != NULL) {
			strbuf_reset(&sb);
			strbuf_printf(
			    &sb, "\xE2\x80\x9C%s\xE2\x80\x9D", p->quote);
			export_txt_para(
			    out, strbuf_str(&sb), width, "  ", "  ");
		}
		export_txt_list(
		    out, labels_get(o->lang, LABEL_GOALS), &p->goals, width);
		export_txt_list(out, labels_get(o->lang, LABEL_FRUSTRATIONS),
		    &p->frustrations, width);
	}
	strbuf_free(&sb);
}

static void
export_txt_departments(struct strbuf *out, const struct map *m,
    const struct export_options *o, size_t width)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, k, cards;

	if (m->department_count == 0)
		return;
	export_txt_heading(out, labels_get(o->lang, LABEL_DEPARTMENTS), width);
	for (i = 0; i < m->department_count; i++) {
		cards = 0;
		for (k = 0; k < m->card_count; k++) {
			if (export_same(
			        m->cards[k].owner, m->departments[i].id) &&
			    export_card_visible(&m->cards[k], o))
				cards++;
		}
		strbuf_reset(&sb);
		strbuf_printf(&sb, "%s: %zu %s",
		    export_department_name(m, m->departments[i].id), cards,
		    labels_get(o->lang,
		        cards == 1 ? LABEL_TOUCHPOINT
		                   : LABEL_TOUCHPOINTS_LOWER));
		export_txt_para(out, strbuf_str(&sb), width, BULLET " ", "  ");
	}
	strbuf_free(&sb);
}

void
export_txt(
    const struct map *m, const struct export_options *o, struct strbuf *out)
{
	const struct export_funnel *f = export_funnel_for(m, o);
	size_t width = o->width == 0 ? EXPORT_TXT_WIDTH_DEFAULT : o->width, w;
	struct strbuf sb = STRBUF_INIT;
	struct strlist title = {0, 0, NULL};

	if (width < EXPORT_TXT_WIDTH_MIN)
		width = EXPORT_TXT_WIDTH_MIN;
	if (width > EXPORT_TXT_WIDTH_MAX)
		width = EXPORT_TXT_WIDTH_MAX;

	export_txt_wrap(&title,
	    m->title != NULL && *m->title != '\0'
	        ? m->title
	        : labels_get(o->lang, LABEL_MAP_TITLE),
	    width, "", "");
	for (w = 0; w < title.count; w++) {
		strbuf_adds(out, title.items[w]);
		strbuf_addc(out, '\n');
	}
	w = title.count > 0 ? utf8_width(title.items[0]) : 0;
	strlist_free(&title);
	for (w = w < width ? w : width; w > 0; w--)
		strbuf_adds(out, BOX_DH);
	strbuf_addc(out, '\n');
	if (m->summary != NULL && *m->summary != '\0')
		export_txt_para(out, m->summary, width, "", "");
	if (o->persona != NULL) {
		strbuf_printf(&sb, "%s%s",
		    labels_get(o->lang, LABEL_SEEN_BY_PERSONA),
		    export_persona_name(m, o->persona));
		export_txt_para(out, strbuf_str(&sb), width, "", "");
	}
	strbuf_addc(out, '\n');
	export_txt_board(out, m, o, f, width);
	if (f != NULL)
		export_txt_funnel(out, m, f, width, o->lang);
	export_txt_personas(out, m, o, width);
	export_txt_departments(out, m, o, width);
	strbuf_free(&sb);
}
