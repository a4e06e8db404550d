/*
 * board-view.c - drawing the board into a grid (see board-view.h).
 *
 * Layout first, drawing second.  Columns: every stage wants a minimum
 * width (14 columns normal, 10 compact, the whole board in focus); as
 * many as fit are shown, sharing the width, and the rest scroll
 * horizontally.  Rows: each wants room for its fullest shown cell (up to
 * a cap), the experience curve five lines; when the sum is taller than
 * the screen, first (normal zoom) the rows wanting the most lines switch
 * to one-line cards, then the tallest rows give up lines, and only then
 * does the body scroll.
 *
 * With the measured overlay on (view.measured, filled by overlay.c), the
 * stage header gets a second line (users, step conversion, above or
 * below target), the metrics lane the numbers in full with a funnel bar,
 * and cards with a counted event their distinct users.
 *
 * A cell draws its cards top to bottom; when they do not fit, its last
 * line says how many are hidden ("+3 more", "↑2 +1 more") and the
 * cursor's cell scrolls to keep the selected card in sight.
 *
 * The experience curve joins, stage to stage, the average emotion of the
 * cards in that stage (the filtered persona's cards only when a filter is
 * on) with line-drawing characters: a horizontal run, a corner, a
 * vertical run and a corner at each change of level.
 */

#include "tui/board-view.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define S(e) ((uint16_t)(e))

static int
board_min(int a, int b)
{
	return a < b ? a : b;
}

static int
board_max(int a, int b)
{
	return a > b ? a : b;
}

void
board_view_styles(struct grid *g, const struct map *m,
    const struct theme *t)
{
	struct theme_style st;
	size_t i, n;

	for (i = 0; i < GRID_MAX_STYLES; i++)
		g->styles[i] = *theme_style(t, THEME_NORMAL);
	for (i = 0; i < THEME_ELEMENT_COUNT; i++)
		g->styles[i] = *theme_style(t, (enum theme_element)i);
	n = m != NULL ? m->department_count : 0;
	if (n > 100)
		n = 100;
	for (i = 0; i < n; i++) {
		st = theme_card_style(t, m->departments[i].color, i);
		g->styles[STYLE_DEPARTMENT(i)] = st;
	}
	n = m != NULL ? m->persona_count : 0;
	if (n > 100)
		n = 100;
	for (i = 0; i < n; i++) {
		st = theme_card_style(t, m->personas[i].color, i);
		/* Without a color of its own, the panel's title style. */
		if (m->personas[i].color == NULL)
			st = *theme_style(t, THEME_PANEL_TITLE);
		st.attrs |= THEME_BOLD;
		g->styles[STYLE_PERSONA(i)] = st;
	}
	g->style_count = GRID_MAX_STYLES;
}

/* --- layout --------------------------------------------------------------- */

static int
board_row_want(const struct map *m, const struct view *v,
    const struct view_index *ix, size_t row, size_t first_stage,
    size_t shown, int card_h, int *min_h)
{
	const struct view_row *r = &ix->rows[row];
	size_t s, count, most = 0, cap;

	(void)m;
	if (r->curve) {
		*min_h = 3;
		return v->zoom == ZOOM_COMPACT ? 3 : 5;
	}
	if (r->metrics) {
		*min_h = 1;
		return v->overlay ? 3 : 1;
	}
	if (!r->holds_cards) {
		*min_h = 1;
		return 1;
	}
	for (s = first_stage; s < first_stage + shown; s++) {
		view_cell(ix, s, row, &count);
		if (count > most)
			most = count;
	}
	cap = v->zoom == ZOOM_COMPACT ? 10 : v->zoom == ZOOM_FOCUS ? 8 : 5;
	if (most > cap)
		most = cap + 1; /* room for the "+N more" line */
	if (most == 0)
		most = 1;
	/* At least one card, and the "+N more" line when there are more. */
	*min_h = card_h + (most > 1 ? 1 : 0);
	return (int)most * card_h;
}

/* Heights for every row, each with its card height; returns the total
 * with separators. */
static int
board_row_heights(const struct map *m, const struct view *v,
    const struct view_index *ix, size_t first_stage, size_t shown,
    const int *card_hs, int avail, int *heights)
{
	int *mins, total = 0, biggest, step;
	size_t r, big;

	mins = xcalloc(ix->row_count + 1, sizeof *mins);
	for (r = 0; r < ix->row_count; r++) {
		heights[r] = board_row_want(m, v, ix, r, first_stage, shown,
		    card_hs[r], &mins[r]);
		total += heights[r] + 1;
	}
	/* The tallest row gives up a card's height until all fits. */
	while (total > avail) {
		biggest = 0;
		big = ix->row_count;
		for (r = 0; r < ix->row_count; r++) {
			if (heights[r] > mins[r] && heights[r] > biggest) {
				biggest = heights[r];
				big = r;
			}
		}
		if (big == ix->row_count)
			break;
		step = ix->rows[big].holds_cards ? card_hs[big] : 1;
		step = board_min(step, heights[big] - mins[big]);
		heights[big] -= step;
		total -= step;
	}
	free(mins);
	return total;
}

void
board_view_layout(struct board_layout *lo, const struct map *m,
    const struct view *v, const struct view_index *ix, int width,
    int height)
{
	int board_x, board_w, min_w, per, content, base, rem, x, y, used;
	int *heights, *card_hs;
	size_t ns = ix->stage_count, fit, i, r, first, name_w;
	size_t count;
	long pos;
	int lines, visible;

	memset(lo, 0, sizeof *lo);
	lo->width = width;
	lo->height = height;
	if (width < BOARD_MIN_WIDTH || height < BOARD_MIN_HEIGHT) {
		lo->too_small = true;
		return;
	}
	lo->header_y = 1;
	lo->header_h = v->overlay ? 2 : 1;
	lo->body_y = lo->header_y + lo->header_h;
	lo->status_y = height - 2;
	lo->hint_y = height - 1;
	lo->body_h = lo->status_y - lo->body_y;
	if (lo->body_h < 1) {
		lo->too_small = true;
		return;
	}

	/* The row-name column. */
	name_w = 6;
	for (r = 0; r < ix->row_count; r++) {
		size_t w = utf8_width(ix->rows[r].name);

		if (w > name_w)
			name_w = w;
	}
	lo->lane_w = board_min((int)name_w + 2, 22);
	lo->lane_w = board_max(8, board_min(lo->lane_w, width / 4));
	if (v->panel && width >= BOARD_PANEL_MIN_WIDTH)
		lo->panel_w = board_min(36, width / 3);
	lo->panel_x = width - lo->panel_w;
	board_x = lo->lane_w;
	board_w = width - lo->lane_w - lo->panel_w;

	/* Columns. */
	if (ns > 0) {
		min_w = v->zoom == ZOOM_COMPACT ? 10 : 14;
		per = min_w + 1;
		fit = (size_t)board_max(1, board_w / per);
		if (v->zoom == ZOOM_FOCUS)
			fit = 1;
		if (fit > BOARD_MAX_COLS)
			fit = BOARD_MAX_COLS;
		lo->stage_shown = ns < fit ? ns : fit;
		first = v->first_stage;
		if (v->stage < first)
			first = v->stage;
		if (v->stage >= first + lo->stage_shown)
			first = v->stage + 1 - lo->stage_shown;
		if (first + lo->stage_shown > ns)
			first = ns - lo->stage_shown;
		lo->first_stage = first;
		content = board_w - (int)lo->stage_shown;
		base = content / (int)lo->stage_shown;
		rem = content % (int)lo->stage_shown;
		x = board_x;
		for (i = 0; i < lo->stage_shown; i++) {
			lo->col_x[i] = x + 1;
			lo->col_w[i] = base + ((int)i < rem ? 1 : 0);
			x += lo->col_w[i] + 1;
		}
	}

	/* Rows.  When two-line cards do not fit, the rows wanting the most
	 * lines drop to one-line cards first, so a quiet row keeps its
	 * readable cards while a crowded one gets more of them in. */
	lo->card_h = v->zoom == ZOOM_FOCUS ? 3 :
	    v->zoom == ZOOM_COMPACT ? 1 : 2;
	heights = xcalloc(ix->row_count + 1, sizeof *heights);
	card_hs = xcalloc(ix->row_count + 1, sizeof *card_hs);
	for (r = 0; r < ix->row_count; r++)
		card_hs[r] = lo->card_h;
	while (lo->card_h > 1 && board_row_heights(m, v, ix, lo->first_stage,
	    lo->stage_shown, card_hs, INT_MAX, heights) > lo->body_h &&
	    v->zoom == ZOOM_NORMAL) {
		size_t big = ix->row_count;

		for (r = 0; r < ix->row_count; r++) {
			if (ix->rows[r].holds_cards && card_hs[r] > 1 &&
			    (big == ix->row_count || heights[r] > heights[big]))
				big = r;
		}
		if (big == ix->row_count)
			break;
		card_hs[big] = 1;
	}
	board_row_heights(m, v, ix, lo->first_stage, lo->stage_shown, card_hs,
	    lo->body_h, heights);
	if (ix->row_count > 0) {
		first = v->first_row;
		if (first >= ix->row_count)
			first = ix->row_count - 1;
		if (v->row < first)
			first = v->row;
		/* Scroll down until the cursor's row fits. */
		for (;;) {
			used = 0;
			for (r = first; r <= v->row && r < ix->row_count; r++)
				used += heights[r] + 1;
			if (used - 1 <= lo->body_h || first >= v->row)
				break;
			first++;
		}
		/* And back up while there is room at the bottom. */
		while (first > 0) {
			used = 0;
			for (r = first - 1; r < ix->row_count; r++)
				used += heights[r] + 1;
			if (used - 1 > lo->body_h)
				break;
			first--;
		}
		lo->first_row = first;
		y = lo->body_y;
		for (r = first; r < ix->row_count &&
		    lo->row_shown < BOARD_MAX_ROWS; r++) {
			if (y >= lo->body_y + lo->body_h)
				break;
			lo->row_y[lo->row_shown] = y;
			lo->row_h[lo->row_shown] = board_min(heights[r],
			    lo->body_y + lo->body_h - y);
			lo->row_card_h[lo->row_shown] = card_hs[r];
			y += heights[r] + 1;
			lo->row_shown++;
		}
	}
	free(heights);
	free(card_hs);

	/* Scroll inside the cursor's cell. */
	lo->cell_scroll = 0;
	pos = view_cursor_pos(v, m, ix);
	if (pos >= 0 && v->row >= lo->first_row &&
	    v->row < lo->first_row + lo->row_shown) {
		int ch = lo->row_card_h[v->row - lo->first_row];

		view_cell(ix, v->stage, v->row, &count);
		lines = lo->row_h[v->row - lo->first_row];
		if ((int)count * ch > lines) {
			visible = board_max(1, (lines - 1) / ch);
			first = v->cell_scroll;
			if ((size_t)pos < first)
				first = (size_t)pos;
			if ((size_t)pos >= first + (size_t)visible)
				first = (size_t)pos + 1 - (size_t)visible;
			if (first + (size_t)visible > count)
				first = count - (size_t)visible;
			lo->cell_scroll = first;
		}
	}
}

/* --- cards ---------------------------------------------------------------- */

static const char *
board_emotion_mark(int emotion)
{
	switch (emotion) {
	case 2:
		return "☺+2";
	case 1:
		return "☺+1";
	case 0:
		return "○0";
	case -1:
		return "☹-1";
	default:
		return "☹-2";
	}
}

/* The mark at the start of a card: its owner's initial, or a dot. */
static void
board_owner_mark(const struct map *m, const struct card *c, char *out)
{
	long d = c->owner != NULL ? map_department_index(m, c->owner) : -1;
	const char *name;
	uint32_t cp;
	size_t n;

	strcpy(out, "·");
	if (d < 0)
		return;
	name = m->departments[d].name != NULL ? m->departments[d].name :
	    m->departments[d].id;
	if (name == NULL || *name == '\0')
		return;
	n = utf8_decode(name, strlen(name), &cp);
	/* A name that starts wide (CJK, emoji): the id's letter. */
	if (utf8_cp_width(cp) != 1 || cp < 0x20)
		cp = (unsigned char)m->departments[d].id[0];
	if (cp >= 'a' && cp <= 'z')
		cp = cp - 'a' + 'A';
	n = utf8_encode(cp, out);
	out[n] = '\0';
}

static const char *
board_dept_name(const struct map *m, const char *id)
{
	long d = id != NULL ? map_department_index(m, id) : -1;

	if (d < 0)
		return NULL;
	return m->departments[d].name != NULL ? m->departments[d].name : id;
}

static const char *
board_channel_name(const struct map *m, const char *id)
{
	long c = id != NULL ? map_channel_index(m, id) : -1;

	if (c < 0)
		return NULL;
	return m->channels[c].name != NULL ? m->channels[c].name : id;
}

/* Badges: emotion, channel, persona initials, votes. */
static char *
board_badges(const struct map *m, const struct view *v, const struct card *c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *ch = board_channel_name(m, c->channel);
	size_t i;
	long p;

	strbuf_adds(&sb, "");
	if (c->has_emotion)
		strbuf_adds(&sb, board_emotion_mark(c->emotion));
	if (ch != NULL)
		strbuf_printf(&sb, "%s%s", sb.len ? " " : "", ch);
	for (i = 0; i < c->personas.count; i++) {
		p = map_persona_index(m, c->personas.items[i]);
		if (p < 0)
			continue;
		strbuf_printf(&sb, "%s", i == 0 ? (sb.len ? " ◆" : "◆") : "");
		{
			const char *name = m->personas[p].name != NULL ?
			    m->personas[p].name : m->personas[p].id;
			uint32_t cp;
			char enc[5];
			size_t n;

			utf8_decode(name, strlen(name), &cp);
			if (utf8_cp_width(cp) != 1 || cp < 0x20)
				cp = (unsigned char)m->personas[p].id[0];
			if (cp >= 'a' && cp <= 'z')
				cp = cp - 'a' + 'A';
			n = utf8_encode(cp, enc);
			enc[n] = '\0';
			strbuf_adds(&sb, enc);
		}
	}
	if (c->has_votes && c->votes > 0)
		strbuf_printf(&sb, "%s♥%d", sb.len ? " " : "", c->votes);
	if (v->overlay && v->measured != NULL &&
	    (size_t)(c - m->cards) < v->measured->card_count &&
	    v->measured->card_users[c - m->cards] >= 0)
		strbuf_printf(&sb, "%s%ldu", sb.len ? " " : "",
		    v->measured->card_users[c - m->cards]);
	return strbuf_detach(&sb);
}

char *
board_view_card_summary(const struct map *m, const struct card *c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *owner = board_dept_name(m, c->owner);
	const char *ch = board_channel_name(m, c->channel);
	size_t i;
	long p;

	strbuf_printf(&sb, "owner %s", owner != NULL ? owner : "none");
	if (ch != NULL)
		strbuf_printf(&sb, " · channel %s", ch);
	if (c->personas.count > 0) {
		strbuf_adds(&sb, " · for ");
		for (i = 0; i < c->personas.count; i++) {
			p = map_persona_index(m, c->personas.items[i]);
			strbuf_printf(&sb, "%s%s", i > 0 ? ", " : "",
			    p >= 0 && m->personas[p].name != NULL ?
			    m->personas[p].name : c->personas.items[i]);
		}
	}
	if (c->has_emotion)
		strbuf_printf(&sb, " · emotion %+d", c->emotion);
	if (c->event != NULL)
		strbuf_printf(&sb, " · event %s", c->event);
	if (c->tags.count > 0) {
		strbuf_adds(&sb, " · tags");
		for (i = 0; i < c->tags.count; i++)
			strbuf_printf(&sb, " #%s", c->tags.items[i]);
	}
	return strbuf_detach(&sb);
}

/* Draw one card in `lines` lines at x, y, w columns wide. */
static void
board_draw_card(struct grid *g, const struct map *m, const struct view *v,
    const struct card *c, int x, int y, int w, int lines, bool selected)
{
	struct strlist wrapped = {0, 0, NULL};
	char mark[8], *badges, *summary;
	uint16_t style;
	long d;
	int title_lines, i, bw, tx;
	const char *title = c->title != NULL && *c->title != '\0' ?
	    c->title : "(untitled)";

	d = c->owner != NULL ? map_department_index(m, c->owner) : -1;
	style = d >= 0 ? STYLE_DEPARTMENT(d) : S(THEME_CARD);
	if (selected)
		style = S(THEME_CARD_SELECTED);
	else if (view_card_matches(c, v->search))
		style = S(THEME_CARD_MATCH);
	grid_fill(g, x, y, w, lines, style);
	board_owner_mark(m, c, mark);
	grid_put(g, x, y, 1, style, mark);
	tx = x + 2;
	if (w < 4) {
		grid_put_fit(g, x + 1, y, w - 1, style, title);
		return;
	}
	badges = board_badges(m, v, c);
	bw = (int)utf8_width(badges);
	if (v->zoom == ZOOM_FOCUS) {
		/* Every detail, line after line: the title (two lines at
		 * most), owner, channel, personas and emotion, the notes. */
		int y0 = y;

		grid_wrap(title, w - 3, &wrapped);
		title_lines = wrapped.count > 1 && lines > 3 ? 2 : 1;
		for (i = 0; i < title_lines && (size_t)i < wrapped.count; i++) {
			if (i == title_lines - 1 &&
			    wrapped.count > (size_t)i + 1) {
				char *rest = xasprintf("%s…", wrapped.items[i]);

				grid_put_fit(g, tx, y0, w - 3, style, rest);
				free(rest);
			} else
				grid_put(g, tx, y0, w - 3, style,
				    wrapped.items[i]);
			y0++;
		}
		if (y0 < y + lines) {
			summary = board_view_card_summary(m, c);
			grid_put_fit(g, tx, y0++, w - 3, style, summary);
			free(summary);
		}
		if (y0 < y + lines && c->notes != NULL) {
			struct strlist notes = {0, 0, NULL};
			size_t k;

			grid_wrap(c->notes, w - 3, &notes);
			for (k = 0; k < notes.count && y0 < y + lines; k++) {
				if (y0 == y + lines - 1 &&
				    k + 1 < notes.count) {
					char *rest = xasprintf("%s…",
					    notes.items[k]);

					grid_put_fit(g, tx, y0++, w - 3, style,
					    rest);
					free(rest);
				} else
					grid_put_fit(g, tx, y0++, w - 3, style,
					    notes.items[k]);
			}
			strlist_free(&notes);
		}
		strlist_free(&wrapped);
		free(badges);
		return;
	}
	if (lines == 1) {
		/* Title, and the emotion at the right when there is room. */
		int room = w - 2;

		if (c->has_emotion && room - (int)utf8_width(title) >= 5) {
			const char *em = board_emotion_mark(c->emotion);
			int ew = (int)utf8_width(em);

			grid_put(g, x + w - ew - 1, y, ew, style, em);
		}
		grid_put_fit(g, tx, y, room - 1, style, title);
		free(badges);
		return;
	}
	/* Two or more lines: the title wrapped, the badges at the bottom
	 * right when they fit beside the last title line. */
	grid_wrap(title, w - 3, &wrapped);
	for (i = 0; i < lines && (size_t)i < wrapped.count; i++) {
		if (i == lines - 1 && wrapped.count > (size_t)lines) {
			char *rest = xasprintf("%s…", wrapped.items[i]);

			grid_put_fit(g, tx, y + i, w - 3, style, rest);
			free(rest);
		} else
			grid_put(g, tx, y + i, w - 3, style, wrapped.items[i]);
	}
	if (bw > 0) {
		int last = lines - 1, used;

		used = (size_t)last < wrapped.count ?
		    (int)utf8_width(wrapped.items[last]) : 0;
		if (used + bw + 3 <= w - 2)
			grid_put(g, x + w - bw - 1, y + last, bw, style,
			    badges);
		else if ((size_t)last >= wrapped.count || wrapped.count == 1)
			grid_put_fit(g, tx, y + last, w - 3, style, badges);
	}
	strlist_free(&wrapped);
	free(badges);
}

/* The cards of one cell. */
static void
board_draw_cell(struct grid *g, const struct map *m, const struct view *v,
    const struct view_index *ix, const struct board_layout *lo, size_t stage,
    size_t row, int x, int y, int w, int h, int card_h)
{
	const size_t *cell;
	size_t count, first = 0, i, shown;
	bool cursor = stage == v->stage && row == v->row;
	long selected = cursor ? view_cursor_card(v, m) : -1;
	int visible, cy;
	char more[64];

	cell = view_cell(ix, stage, row, &count);
	if (cursor && count == 0) {
		grid_fill(g, x, y, w, h, S(THEME_CELL_CURRENT));
		grid_put_fit(g, x + 1, y, w - 1, S(THEME_CELL_CURRENT),
		    v->read_only ? "(empty)" : "(empty: a adds)");
		return;
	}
	if (count == 0)
		return;
	if ((int)count * card_h <= h) {
		visible = (int)count;
	} else {
		visible = board_max(1, (h - 1) / card_h);
		if (cursor)
			first = lo->cell_scroll;
	}
	if (cursor && (size_t)visible < count)
		first = lo->cell_scroll;
	cy = y;
	shown = 0;
	for (i = first; i < count && shown < (size_t)visible; i++, shown++) {
		int lines = board_min(card_h, y + h - cy);

		if (lines <= 0)
			break;
		board_draw_card(g, m, v, &m->cards[cell[i]], x, cy, w, lines,
		    (long)cell[i] == selected);
		cy += card_h;
	}
	if (shown < count && cy >= y + h)
		cy = y + h - 1; /* the last card gives up a line */
	if (shown < count && cy < y + h) {
		size_t below = count - first - shown;

		if (first > 0 && below > 0)
			snprintf(more, sizeof more, "↑%zu +%zu more", first,
			    below);
		else if (first > 0)
			snprintf(more, sizeof more, "↑%zu more above", first);
		else
			snprintf(more, sizeof more, "+%zu more", below);
		grid_fill(g, x, cy, w, 1, S(THEME_NORMAL));
		grid_put_fit(g, x + 1, cy, w - 1, S(THEME_MORE), more);
	}
}

/* --- the experience curve ------------------------------------------------- */

/* Average emotion of the visible cards of stage s; false when none. */
static bool
board_stage_emotion(const struct map *m, const struct view *v, size_t s,
    double *avg, size_t *n_out)
{
	const char *id = m->stages[s].id;
	long sum = 0;
	size_t i, n = 0;

	for (i = 0; i < m->card_count; i++) {
		const struct card *c = &m->cards[i];

		if (!c->has_emotion || c->stage == NULL ||
		    strcmp(c->stage, id) != 0 || !view_card_visible(m, v, c))
			continue;
		sum += c->emotion;
		n++;
	}
	if (n_out != NULL)
		*n_out = n;
	if (n == 0)
		return false;
	*avg = (double)sum / (double)n;
	return true;
}

static int
board_curve_y(double avg, int y, int h)
{
	double pos = (2.0 - avg) * (double)(h - 1) / 4.0;
	int k = (int)(pos + 0.5);

	if (k < 0)
		k = 0;
	if (k > h - 1)
		k = h - 1;
	return y + k;
}

static void
board_draw_curve(struct grid *g, const struct map *m, const struct view *v,
    const struct board_layout *lo, int y, int h)
{
	double avg[BOARD_MAX_COLS];
	bool has[BOARD_MAX_COLS];
	int px[BOARD_MAX_COLS], py[BOARD_MAX_COLS], mid, k, xm, x1, x2, y1, y2;
	size_t i, s;
	char label[16];
	uint16_t st;

	if (h < 1 || lo->stage_shown == 0)
		return;
	/* The neutral axis. */
	mid = board_curve_y(0.0, y, h);
	for (i = 0; i < lo->stage_shown; i++)
		grid_hline(g, lo->col_x[i], mid, lo->col_w[i], S(THEME_GRID),
		    "┄");
	for (i = 0; i < lo->stage_shown; i++) {
		s = lo->first_stage + i;
		has[i] = board_stage_emotion(m, v, s, &avg[i], NULL);
		px[i] = lo->col_x[i] + lo->col_w[i] / 2;
		py[i] = has[i] ? board_curve_y(avg[i], y, h) : mid;
	}
	for (i = 0; i + 1 < lo->stage_shown; i++) {
		if (!has[i] || !has[i + 1])
			continue;
		x1 = px[i];
		x2 = px[i + 1];
		y1 = py[i];
		y2 = py[i + 1];
		xm = (x1 + x2) / 2;
		if (y1 == y2) {
			grid_hline(g, x1 + 1, y1, x2 - x1 - 1, S(THEME_CURVE),
			    "─");
			continue;
		}
		grid_hline(g, x1 + 1, y1, xm - x1 - 1, S(THEME_CURVE), "─");
		grid_hline(g, xm + 1, y2, x2 - xm - 1, S(THEME_CURVE), "─");
		if (y2 > y1) {
			grid_put(g, xm, y1, 1, S(THEME_CURVE), "╮");
			grid_vline(g, xm, y1 + 1, y2 - y1 - 1, S(THEME_CURVE),
			    "│");
			grid_put(g, xm, y2, 1, S(THEME_CURVE), "╰");
		} else {
			grid_put(g, xm, y1, 1, S(THEME_CURVE), "╯");
			grid_vline(g, xm, y2 + 1, y1 - y2 - 1, S(THEME_CURVE),
			    "│");
			grid_put(g, xm, y2, 1, S(THEME_CURVE), "╭");
		}
	}
	for (i = 0; i < lo->stage_shown; i++) {
		if (!has[i]) {
			grid_put(g, px[i], mid, 1, S(THEME_MORE), "·");
			continue;
		}
		st = avg[i] > 0.25 ? S(THEME_CURVE_UP) : avg[i] < -0.25 ?
		    S(THEME_CURVE_DOWN) : S(THEME_CURVE);
		grid_put(g, px[i], py[i], 1, st, "●");
		snprintf(label, sizeof label, "%+.1f", avg[i]);
		k = (int)strlen(label);
		/* The value just above the point (below at the top), clear
		 * of the line, inside the column. */
		if (px[i] + 1 + k <= lo->col_x[i] + lo->col_w[i] && h > 1)
			grid_put(g, px[i] + 1,
			    py[i] > y ? py[i] - 1 : py[i] + 1, k, st, label);
	}
}

/* --- chrome --------------------------------------------------------------- */

static void
board_draw_title(struct grid *g, const struct map *m, const struct view *v)
{
	struct strbuf flags = STRBUF_INIT;
	const char *title = m->title != NULL && *m->title != '\0' ? m->title :
	    "(untitled map)";
	int x, fw;
	long p;

	grid_fill(g, 0, 0, g->width, 1, S(THEME_TITLE));
	x = 1 + grid_put(g, 1, 0, g->width - 1, S(THEME_TITLE), "waymark ·");
	strbuf_adds(&flags, "");
	if (v->read_only)
		strbuf_adds(&flags, " read-only");
	if (v->persona != NULL) {
		p = map_persona_index(m, v->persona);
		strbuf_printf(&flags, " persona: %s",
		    p >= 0 && m->personas[p].name != NULL ?
		    m->personas[p].name : v->persona);
	}
	if (v->pivot != PIVOT_LANE)
		strbuf_printf(&flags, " rows: %s", view_pivot_name(v->pivot));
	if (v->zoom != ZOOM_NORMAL)
		strbuf_printf(&flags, " zoom: %s", view_zoom_name(v->zoom));
	if (v->search != NULL && *v->search != '\0')
		strbuf_printf(&flags, " /%s", v->search);
	if (v->overlay && v->measured != NULL && v->measured->note != NULL)
		strbuf_printf(&flags, " %s", v->measured->note);
	strbuf_adds(&flags, " ");
	fw = (int)utf8_width(flags.data);
	if (fw > g->width / 2)
		fw = g->width / 2;
	x += 1 + grid_put_fit(g, x + 1, 0, g->width - x - fw - 2,
	    S(THEME_TITLE), title);
	if (v->file_name != NULL) {
		char *file = xasprintf("— %s%s", v->file_name,
		    v->modified ? " [+]" : "");
		int room = g->width - x - fw - 2;

		if (room > 4)
			grid_put_fit(g, x + 1, 0, room, S(THEME_TITLE), file);
		free(file);
	} else if (v->modified)
		grid_put(g, x + 1, 0, 3, S(THEME_TITLE_FLAG), "[+]");
	if (v->modified) {
		/* The modified mark stands out. */
		for (int i = 0; i < g->width - 2; i++) {
			struct grid_cell *c = grid_cell_at(g, i, 0);

			if (c != NULL && strcmp(c->text, "[") == 0 &&
			    strcmp(grid_cell_at(g, i + 1, 0)->text, "+") == 0 &&
			    strcmp(grid_cell_at(g, i + 2, 0)->text, "]") == 0)
				grid_restyle(g, i, 0, 3, S(THEME_TITLE_FLAG));
		}
	}
	grid_put_fit(g, g->width - fw, 0, fw, S(THEME_TITLE_FLAG), flags.data);
	strbuf_free(&flags);
}

static void
board_draw_header(struct grid *g, const struct map *m, const struct view *v,
    const struct board_layout *lo)
{
	const char *label;
	size_t i, s;
	int x, w, nw, y = lo->header_y;
	uint16_t st;
	const char *name;

	grid_fill(g, 0, y, g->width - lo->panel_w, lo->header_h,
	    S(THEME_HEADER));
	switch (v->pivot) {
	case PIVOT_DEPARTMENT:
		label = "Department";
		break;
	case PIVOT_PERSONA:
		label = "Persona";
		break;
	case PIVOT_CHANNEL:
		label = "Channel";
		break;
	default:
		label = "Stage ▸";
		break;
	}
	grid_put_fit(g, 1, y, lo->lane_w - 1, S(THEME_HEADER), label);
	for (i = 0; i < lo->stage_shown; i++) {
		s = lo->first_stage + i;
		x = lo->col_x[i];
		w = lo->col_w[i];
		st = s == v->stage ? S(THEME_HEADER_CURRENT) : S(THEME_HEADER);
		grid_fill(g, x, y, w, 1, st);
		grid_put(g, x - 1, y, 1, S(THEME_HEADER), "│");
		name = m->stages[s].name != NULL ? m->stages[s].name :
		    m->stages[s].id;
		nw = (int)utf8_width(name);
		if (nw > w - 2)
			grid_put_fit(g, x + 1, y, w - 2, st, name);
		else
			grid_put(g, x + (w - nw) / 2, y, nw, st, name);
		if (v->overlay && lo->header_h > 1) {
			/* Issue 4 fills view.measured; until then the line
			 * says there is nothing to show. */
			const struct view_measure *me = NULL;
			char buf[64];

			if (v->measured != NULL && s < v->measured->stage_count)
				me = &v->measured->stages[s];
			grid_put(g, x - 1, y + 1, 1, S(THEME_HEADER), "│");
			grid_fill(g, x, y + 1, w, 1, S(THEME_OVERLAY));
			if (me != NULL && me->present) {
				uint16_t ost = S(THEME_OVERLAY);

				if (me->step >= 0)
					snprintf(buf, sizeof buf, "%ld user%s "
					    "%.0f%%", me->users,
					    me->users == 1 ? "" : "s",
					    me->step * 100.0);
				else
					snprintf(buf, sizeof buf, "%ld user%s",
					    me->users,
					    me->users == 1 ? "" : "s");
				if (m->stages[s].has_target && me->step >= 0) {
					bool above = me->step >=
					    m->stages[s].target;

					ost = above ? S(THEME_OVERLAY_ABOVE) :
					    S(THEME_OVERLAY_BELOW);
					strncat(buf, above ? " ▲" : " ▼",
					    sizeof buf - strlen(buf) - 1);
				}
				grid_put_fit(g, x + 1, y + 1, w - 1, ost, buf);
			} else
				grid_put_fit(g, x + 1, y + 1, w - 1,
				    S(THEME_OVERLAY), "no measure");
		}
	}
	/* Stages off screen. */
	if (lo->first_stage > 0)
		grid_put(g, lo->lane_w - 1, y, 1, S(THEME_MORE), "◀");
	if (lo->first_stage + lo->stage_shown < m->stage_count)
		grid_put(g, g->width - lo->panel_w - 1, y, 1, S(THEME_MORE),
		    "▶");
}

static void
board_draw_row_name(struct grid *g, const struct view_row *r, bool current,
    int y, int h, int w)
{
	struct strlist lines = {0, 0, NULL};
	uint16_t st = current ? S(THEME_LANE_CURRENT) : S(THEME_LANE);
	int i;

	grid_fill(g, 0, y, w, h, st);
	grid_wrap(r->name, w - 2, &lines);
	for (i = 0; i < h && (size_t)i < lines.count; i++) {
		if (i == h - 1 && lines.count > (size_t)h) {
			char *rest = xasprintf("%s…", lines.items[i]);

			grid_put_fit(g, 1, y + i, w - 2, st, rest);
			free(rest);
		} else
			grid_put(g, 1, y + i, w - 2, st, lines.items[i]);
	}
	if (r->curve && h >= 3) {
		grid_put(g, w - 2, y, 1, st, "☺");
		grid_put(g, w - 2, y + h - 1, 1, st, "☹");
	}
	strlist_free(&lines);
}

/* A stage's numbers in full, in the metrics lane: users, a bar of the
 * funnel's shape (users against the first stage's), then the step
 * conversion against the target and the drop-off. */
static void
board_draw_measure(struct grid *g, const struct map *m, const struct view *v,
    size_t s, const struct view_measure *me, int x, int y, int w, int h)
{
	static const char *eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊",
	    "▉"};
	const struct view_measure *first = &v->measured->stages[0];
	struct strbuf sb = STRBUF_INIT;
	uint16_t st = S(THEME_OVERLAY);
	long cells8;
	int k;

	strbuf_printf(&sb, "%ld user%s", me->users, me->users == 1 ? "" : "s");
	grid_put_fit(g, x, y, w, S(THEME_OVERLAY), sb.data);
	if (h > 1 && first->present && first->users > 0) {
		cells8 = (long)((double)me->users / (double)first->users *
		    (double)(w - 1) * 8.0 + 0.5);
		strbuf_reset(&sb);
		for (k = 0; k < cells8 / 8; k++)
			strbuf_adds(&sb, "█");
		strbuf_adds(&sb, eighths[cells8 % 8]);
		grid_put(g, x, y + 1, w, S(THEME_CURVE), sb.data);
	}
	if (h > 2 && me->step >= 0) {
		strbuf_reset(&sb);
		strbuf_printf(&sb, "%.0f%%", me->step * 100.0);
		if (m->stages[s].has_target) {
			bool above = me->step >= m->stages[s].target;

			strbuf_printf(&sb, " %s %.0f%%", above ? "▲" : "▼",
			    m->stages[s].target * 100.0);
			st = above ? S(THEME_OVERLAY_ABOVE) :
			    S(THEME_OVERLAY_BELOW);
		}
		strbuf_printf(&sb, " -%ld", me->drop_off);
		grid_put_fit(g, x, y + 2, w, st, sb.data);
	}
	strbuf_free(&sb);
}

static void
board_draw_body(struct grid *g, const struct map *m, const struct view *v,
    const struct view_index *ix, const struct board_layout *lo)
{
	size_t i, k, row;
	int y, h, sep, right = g->width - lo->panel_w;

	for (k = 0; k < lo->row_shown; k++) {
		row = lo->first_row + k;
		y = lo->row_y[k];
		h = lo->row_h[k];
		board_draw_row_name(g, &ix->rows[row], row == v->row, y, h,
		    lo->lane_w);
		for (i = 0; i < lo->stage_shown; i++)
			grid_vline(g, lo->col_x[i] - 1, y, h, S(THEME_GRID),
			    "│");
		if (ix->rows[row].curve) {
			if (row == v->row) {
				for (i = 0; i < lo->stage_shown; i++) {
					if (lo->first_stage + i == v->stage)
						grid_fill(g, lo->col_x[i], y,
						    lo->col_w[i], h,
						    S(THEME_CELL_CURRENT));
				}
			}
			board_draw_curve(g, m, v, lo, y, h);
		} else if (ix->rows[row].metrics) {
			for (i = 0; i < lo->stage_shown; i++) {
				size_t s = lo->first_stage + i;
				const struct view_measure *me = NULL;

				if (v->measured != NULL &&
				    s < v->measured->stage_count)
					me = &v->measured->stages[s];
				if (row == v->row && s == v->stage)
					grid_fill(g, lo->col_x[i], y,
					    lo->col_w[i], h,
					    S(THEME_CELL_CURRENT));
				if (me != NULL && me->present) {
					board_draw_measure(g, m, v, s, me,
					    lo->col_x[i] + 1, y,
					    lo->col_w[i] - 1, h);
				} else
					grid_put_fit(g, lo->col_x[i] + 1, y,
					    lo->col_w[i] - 1, S(THEME_MORE),
					    v->overlay ? "not measured" :
					    "o: measured");
			}
		} else {
			for (i = 0; i < lo->stage_shown; i++)
				board_draw_cell(g, m, v, ix, lo,
				    lo->first_stage + i, row, lo->col_x[i], y,
				    lo->col_w[i], h, lo->row_card_h[k]);
		}
		/* The line under the row. */
		sep = y + h;
		if (sep < lo->body_y + lo->body_h) {
			grid_hline(g, 0, sep, lo->lane_w, S(THEME_GRID), "─");
			grid_hline(g, lo->lane_w, sep, right - lo->lane_w,
			    S(THEME_GRID), "─");
			for (i = 0; i < lo->stage_shown; i++)
				grid_put(g, lo->col_x[i] - 1, sep, 1,
				    S(THEME_GRID), "┼");
		}
	}
	/* Rows off screen. */
	if (lo->first_row > 0)
		grid_put(g, lo->lane_w - 2, lo->body_y, 1, S(THEME_MORE), "▲");
	if (lo->first_row + lo->row_shown < ix->row_count ||
	    (lo->row_shown > 0 && lo->row_y[lo->row_shown - 1] +
	    lo->row_h[lo->row_shown - 1] > lo->body_y + lo->body_h)) {
		grid_put(g, lo->lane_w - 2, lo->body_y + lo->body_h - 1, 1,
		    S(THEME_MORE), "▼");
	}
	if (ix->row_count == 0 || m->stage_count == 0)
		grid_put_fit(g, lo->lane_w + 2, lo->body_y,
		    right - lo->lane_w - 2, S(THEME_MORE), m->stage_count == 0 ?
		    "No stages yet: S opens the stage list (a adds one)." :
		    "No lanes yet: R opens the lane list (a adds one).");
}

static void
board_draw_status(struct grid *g, const struct map *m, const struct view *v,
    const struct view_index *ix, const struct board_layout *lo)
{
	struct strbuf sb = STRBUF_INIT;
	long card = view_cursor_card(v, m), pos;
	size_t count;
	uint16_t st = v->status_error ? S(THEME_STATUS_ERROR) : S(THEME_STATUS);
	char *summary;

	grid_fill(g, 0, lo->status_y, g->width, 1, st);
	if (v->status != NULL) {
		grid_put_fit(g, 1, lo->status_y, g->width - 2, st, v->status);
		return;
	}
	strbuf_adds(&sb, "");
	if (m->stage_count > 0 && ix->row_count > 0) {
		const struct stage *s = &m->stages[v->stage];

		strbuf_printf(&sb, "%s × %s",
		    s->name != NULL ? s->name : s->id, ix->rows[v->row].name);
		view_cell(ix, v->stage, v->row, &count);
		if (card >= 0) {
			pos = view_cursor_pos(v, m, ix);
			summary = board_view_card_summary(m, &m->cards[card]);
			strbuf_printf(&sb, " · card %ld/%zu · %s", pos + 1,
			    count, summary);
			free(summary);
		} else if (ix->rows[v->row].curve) {
			double avg;
			size_t n;

			if (board_stage_emotion(m, v, v->stage, &avg, &n))
				strbuf_printf(&sb, " · average emotion %+.1f "
				    "over %zu card%s", avg, n,
				    n == 1 ? "" : "s");
			else
				strbuf_adds(&sb, " · no card here has an "
				    "emotion yet (+/- on a card sets it)");
		} else if (ix->rows[v->row].holds_cards)
			strbuf_adds(&sb, " · empty");
	}
	grid_put_fit(g, 1, lo->status_y, g->width - 2, st, sb.data);
	strbuf_free(&sb);
}

void
board_view_hints(struct grid *g, int y, enum keys_mode mode)
{
	const struct key_binding *table;
	size_t count, i;
	int x = 1, kw, lw;
	const char *key;

	grid_fill(g, 0, y, g->width, 1, S(THEME_HINT));
	table = keys_table(mode, &count);
	for (i = 0; i < count; i++) {
		if (table[i].hint == NULL)
			continue;
		key = keys_name(table[i].keys[0]);
		if (table[i].action == ACT_MOVE_RIGHT)
			key = "HJKL";
		kw = (int)utf8_width(key);
		lw = (int)utf8_width(table[i].hint);
		if (x + kw + 1 + lw > g->width - 1)
			break;
		grid_put(g, x, y, kw, S(THEME_HINT_KEY), key);
		grid_put(g, x + kw + 1, y, lw, S(THEME_HINT), table[i].hint);
		x += kw + 1 + lw + 2;
	}
}

/* The persona panel: the filtered persona, else the selected card's
 * first persona. */
static void
board_draw_panel(struct grid *g, const struct map *m, const struct view *v,
    const struct board_layout *lo)
{
	const struct persona *p = NULL;
	struct strlist lines = {0, 0, NULL};
	int x = lo->panel_x, w = lo->panel_w, y, bottom, i;
	long idx = -1, card;
	size_t k;
	char *text;

	if (w < 10)
		return;
	if (v->persona != NULL)
		idx = map_persona_index(m, v->persona);
	if (idx < 0 && (card = view_cursor_card(v, m)) >= 0 &&
	    m->cards[card].personas.count > 0)
		idx = map_persona_index(m, m->cards[card].personas.items[0]);
	y = lo->header_y;
	bottom = lo->status_y;
	grid_fill(g, x, y, w, bottom - y, S(THEME_PANEL));
	grid_vline(g, x, y, bottom - y, S(THEME_PANEL_BORDER), "│");
	if (idx < 0) {
		grid_put_fit(g, x + 2, y, w - 3, S(THEME_PANEL_TITLE),
		    "Persona");
		grid_wrap("No persona: f filters the board by persona; the "
		    "selected card's persona shows here.", w - 4, &lines);
		for (k = 0; k < lines.count && y + 2 + (int)k < bottom; k++)
			grid_put(g, x + 2, y + 2 + (int)k, w - 4,
			    S(THEME_PANEL), lines.items[k]);
		strlist_free(&lines);
		return;
	}
	p = &m->personas[idx];
	grid_fill(g, x + 1, y, w - 1, 1, STYLE_PERSONA(idx));
	grid_put_fit(g, x + 2, y, w - 3, STYLE_PERSONA(idx),
	    p->name != NULL ? p->name : p->id);
	y++;
#define PANEL_TEXT(s, prefix) do {					\
	int indent = (int)utf8_width(prefix);				\
	strlist_free(&lines);						\
	grid_wrap((s), w - 4 - indent, &lines);				\
	for (k = 0; k < lines.count && y < bottom; k++, y++) {		\
		text = xasprintf("%s%s", k == 0 ? (prefix) :		\
		    indent > 0 ? "  " : "", lines.items[k]);		\
		grid_put(g, x + 2, y, w - 4, S(THEME_PANEL), text);	\
		free(text);						\
	}								\
} while (0)
	if (p->has_age || p->occupation != NULL) {
		char *who = p->has_age ? xasprintf("%d%s%s", p->age,
		    p->occupation != NULL ? ", " : "",
		    p->occupation != NULL ? p->occupation : "") :
		    xstrdup(p->occupation);

		PANEL_TEXT(who, "");
		free(who);
	}
	if (p->description != NULL)
		PANEL_TEXT(p->description, "");
	if (p->goals.count > 0 && y + 1 < bottom) {
		y++;
		grid_put(g, x + 2, y++, w - 4, S(THEME_PANEL_BORDER), "Goals");
		for (i = 0; (size_t)i < p->goals.count; i++)
			PANEL_TEXT(p->goals.items[i], "• ");
	}
	if (p->frustrations.count > 0 && y + 1 < bottom) {
		y++;
		grid_put(g, x + 2, y++, w - 4, S(THEME_PANEL_BORDER),
		    "Frustrations");
		for (i = 0; (size_t)i < p->frustrations.count; i++)
			PANEL_TEXT(p->frustrations.items[i], "• ");
	}
	if (p->quote != NULL && y + 1 < bottom) {
		char *q = xasprintf("“%s”", p->quote);

		y++;
		PANEL_TEXT(q, "");
		free(q);
	}
#undef PANEL_TEXT
	strlist_free(&lines);
}

static void
board_draw_legend(struct grid *g, const struct map *m,
    const struct board_layout *lo)
{
	int w = 0, h, x, y, lw;
	size_t i;
	char mark[8];
	struct card probe;

	for (i = 0; i < m->department_count; i++) {
		const char *name = m->departments[i].name != NULL ?
		    m->departments[i].name : m->departments[i].id;

		lw = (int)utf8_width(name) + 8;
		if (lw > w)
			w = lw;
	}
	if (w < 24)
		w = 24;
	if (w > g->width)
		w = g->width;
	h = (int)m->department_count + 2;
	if (m->department_count == 0)
		h = 3;
	if (h > lo->status_y - lo->body_y)
		h = lo->status_y - lo->body_y;
	if (h < 3)
		return;
	x = g->width - w - 1 - lo->panel_w;
	if (x < 0)
		x = 0;
	y = lo->status_y - h;
	grid_fill(g, x, y, w, h, S(THEME_PANEL));
	grid_box(g, x, y, w, h, S(THEME_PANEL_BORDER));
	grid_put_fit(g, x + 2, y, w - 4, S(THEME_PANEL_TITLE), " Departments ");
	if (m->department_count == 0)
		grid_put_fit(g, x + 2, y + 1, w - 4, S(THEME_PANEL),
		    "none yet (O adds)");
	memset(&probe, 0, sizeof probe);
	for (i = 0; i < m->department_count && (int)i < h - 2; i++) {
		const char *name = m->departments[i].name != NULL ?
		    m->departments[i].name : m->departments[i].id;

		probe.owner = m->departments[i].id;
		board_owner_mark(m, &probe, mark);
		grid_fill(g, x + 2, y + 1 + (int)i, 3, 1, STYLE_DEPARTMENT(i));
		grid_put(g, x + 3, y + 1 + (int)i, 1, STYLE_DEPARTMENT(i),
		    mark);
		grid_put_fit(g, x + 6, y + 1 + (int)i, w - 8, S(THEME_PANEL),
		    name);
	}
}

void
board_view_render(struct grid *g, const struct map *m, const struct view *v,
    const struct view_index *ix, const struct theme *t,
    struct board_layout *lo)
{
	char size[96];

	board_view_styles(g, m, t);
	grid_clear(g, S(THEME_NORMAL));
	board_view_layout(lo, m, v, ix, g->width, g->height);
	if (lo->too_small) {
		struct strlist lines = {0, 0, NULL};
		int y0;
		size_t i;

		snprintf(size, sizeof size, "terminal too small: %dx%d, "
		    "need %dx%d", g->width, g->height, BOARD_MIN_WIDTH,
		    BOARD_MIN_HEIGHT);
		grid_wrap(size, g->width, &lines);
		y0 = (g->height - (int)lines.count) / 2;
		if (y0 < 0)
			y0 = 0;
		for (i = 0; i < lines.count; i++)
			grid_put_fit(g, 0, y0 + (int)i, g->width,
			    S(THEME_STATUS_ERROR), lines.items[i]);
		strlist_free(&lines);
		return;
	}
	board_draw_title(g, m, v);
	board_draw_header(g, m, v, lo);
	board_draw_body(g, m, v, ix, lo);
	if (lo->panel_w > 0)
		board_draw_panel(g, m, v, lo);
	if (v->legend)
		board_draw_legend(g, m, lo);
	board_draw_status(g, m, v, ix, lo);
	board_view_hints(g, lo->hint_y, v->hint_mode);
}

bool
board_view_hit(const struct board_layout *lo, const struct map *m,
    const struct view *v, const struct view_index *ix, int x, int y,
    size_t *stage, size_t *row, long *pos)
{
	size_t i, k, count, first;
	int off;

	(void)m;
	if (lo->too_small)
		return false;
	for (i = 0; i < lo->stage_shown; i++) {
		if (x >= lo->col_x[i] && x < lo->col_x[i] + lo->col_w[i])
			break;
	}
	if (i == lo->stage_shown)
		return false;
	for (k = 0; k < lo->row_shown; k++) {
		if (y >= lo->row_y[k] && y < lo->row_y[k] + lo->row_h[k])
			break;
	}
	if (k == lo->row_shown)
		return false;
	*stage = lo->first_stage + i;
	*row = lo->first_row + k;
	*pos = -1;
	if (!ix->rows[*row].holds_cards)
		return true;
	view_cell(ix, *stage, *row, &count);
	first = (*stage == v->stage && *row == v->row) ? lo->cell_scroll : 0;
	off = (y - lo->row_y[k]) / lo->row_card_h[k];
	if ((int)count * lo->row_card_h[k] > lo->row_h[k] &&
	    off >= board_max(1, (lo->row_h[k] - 1) / lo->row_card_h[k]))
		return true; /* the "+N more" line */
	if (first + (size_t)off < count)
		*pos = (long)(first + (size_t)off);
	return true;
}
