/*
 * view.c - view state and the index of rows and cells (see view.h).
 *
 * The index is a compressed table: one pass counts the cards of each cell,
 * a prefix sum turns counts into starts, a second pass places the card
 * indexes.  Cards keep map order inside a cell, which is the order the
 * file gives them and the order < and > change.
 */

#include "tui/view.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void
view_init(struct view *v)
{
	memset(v, 0, sizeof *v);
	v->hint_mode = KEYS_MODE_BOARD;
}

void
view_free(struct view *v)
{
	free(v->card_id);
	free(v->persona);
	free(v->search);
	free(v->status);
	memset(v, 0, sizeof *v);
}

void
view_set(char **field, const char *s)
{
	char *copy = xstrdup(s);

	free(*field);
	*field = copy;
}

void
view_status(struct view *v, bool error, const char *fmt, ...)
{
	va_list ap;

	free(v->status);
	va_start(ap, fmt);
	v->status = xvasprintf(fmt, ap);
	va_end(ap);
	v->status_error = error;
}

bool
view_card_visible(const struct map *m, const struct view *v,
    const struct card *c)
{
	(void)m;
	/* As the exports filter: the persona's cards and the cards naming
	 * no persona, which concern everyone. */
	if (v->persona == NULL || c->personas.count == 0)
		return true;
	return strlist_index(&c->personas, v->persona) >= 0;
}

/* strstr, ignoring ASCII case. */
static bool
view_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (hay == NULL)
		return false;
	if (n == 0)
		return true;
	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n; i++) {
			char a = hay[i], b = needle[i];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a != b)
				break;
		}
		if (i == n)
			return true;
	}
	return false;
}

bool
view_card_matches(const struct card *c, const char *search)
{
	if (search == NULL || *search == '\0')
		return false;
	return view_contains(c->title, search) ||
	    view_contains(c->notes, search);
}

static void
view_add_row(struct view_index *ix, size_t *cap, enum view_row_kind kind,
    long index, const char *name, bool holds, bool curve, bool metrics)
{
	struct view_row *r;

	XGROW(ix->rows, *cap, ix->row_count + 1);
	r = &ix->rows[ix->row_count++];
	r->kind = kind;
	r->index = index;
	r->name = name != NULL ? name : "";
	r->holds_cards = holds;
	r->curve = curve;
	r->metrics = metrics;
}

static void
view_build_rows(struct view_index *ix, const struct map *m,
    const struct view *v)
{
	size_t cap = 0, i;
	const struct lane *l;

	switch (v->pivot) {
	case PIVOT_LANE:
		for (i = 0; i < m->lane_count; i++) {
			l = &m->lanes[i];
			view_add_row(ix, &cap, ROW_LANE, (long)i,
			    l->name != NULL ? l->name : l->id,
			    lane_kind_holds_cards(l->kind),
			    l->kind == LANE_EMOTION, l->kind == LANE_METRICS);
		}
		return;
	case PIVOT_DEPARTMENT:
		for (i = 0; i < m->department_count; i++)
			view_add_row(ix, &cap, ROW_DEPARTMENT, (long)i,
			    m->departments[i].name != NULL ?
			    m->departments[i].name : m->departments[i].id,
			    true, false, false);
		view_add_row(ix, &cap, ROW_UNASSIGNED, -1, "(no owner)", true,
		    false, false);
		break;
	case PIVOT_PERSONA:
		for (i = 0; i < m->persona_count; i++)
			view_add_row(ix, &cap, ROW_PERSONA, (long)i,
			    m->personas[i].name != NULL ?
			    m->personas[i].name : m->personas[i].id,
			    true, false, false);
		view_add_row(ix, &cap, ROW_UNASSIGNED, -1, "(no persona)",
		    true, false, false);
		break;
	case PIVOT_CHANNEL:
	default:
		for (i = 0; i < m->channel_count; i++)
			view_add_row(ix, &cap, ROW_CHANNEL, (long)i,
			    m->channels[i].name != NULL ?
			    m->channels[i].name : m->channels[i].id,
			    true, false, false);
		view_add_row(ix, &cap, ROW_UNASSIGNED, -1, "(no channel)",
		    true, false, false);
		break;
	}
	/* The experience curve stays in sight in every pivot. */
	for (i = 0; i < m->lane_count; i++) {
		l = &m->lanes[i];
		if (l->kind == LANE_EMOTION)
			view_add_row(ix, &cap, ROW_LANE, (long)i,
			    l->name != NULL ? l->name : l->id, false, true,
			    false);
	}
}

/* The rows card c shows in, stored in out (at most max); returns how many. */
static size_t
view_card_rows(const struct view_index *ix, const struct map *m,
    const struct view *v, const struct card *c, size_t *out, size_t max)
{
	size_t n = 0, i, last = ix->row_count;
	long idx;

	/* The unassigned row is the last one before the curve rows. */
	for (i = 0; i < ix->row_count; i++) {
		if (ix->rows[i].kind == ROW_UNASSIGNED)
			last = i;
	}
	switch (v->pivot) {
	case PIVOT_LANE:
		idx = map_lane_index(m, c->lane);
		if (idx >= 0 && ix->rows[idx].holds_cards && max > 0)
			out[n++] = (size_t)idx;
		return n;
	case PIVOT_DEPARTMENT:
		idx = c->owner != NULL ? map_department_index(m, c->owner) : -1;
		out[n++] = idx >= 0 ? (size_t)idx : last;
		return n;
	case PIVOT_CHANNEL:
		idx = c->channel != NULL ?
		    map_channel_index(m, c->channel) : -1;
		out[n++] = idx >= 0 ? (size_t)idx : last;
		return n;
	case PIVOT_PERSONA:
	default:
		for (i = 0; i < c->personas.count && n < max; i++) {
			idx = map_persona_index(m, c->personas.items[i]);
			if (idx >= 0)
				out[n++] = (size_t)idx;
		}
		if (n == 0)
			out[n++] = last;
		return n;
	}
}

void
view_index_build(struct view_index *ix, const struct map *m,
    const struct view *v)
{
	size_t cells, i, k, n, c, rows[64], *fill;
	long s;
	const struct card *card;

	view_index_free(ix);
	view_build_rows(ix, m, v);
	ix->stage_count = m->stage_count;
	cells = ix->stage_count * ix->row_count;
	ix->start = xcalloc(cells + 1, sizeof *ix->start);
	/* Count, then place. */
	for (k = 0; k < 2; k++) {
		fill = k == 1 ? xcalloc(cells + 1, sizeof *fill) : NULL;
		for (i = 0; i < m->card_count; i++) {
			card = &m->cards[i];
			if (!view_card_visible(m, v, card))
				continue;
			s = map_stage_index(m, card->stage);
			if (s < 0)
				continue;
			n = view_card_rows(ix, m, v, card, rows, 64);
			while (n-- > 0) {
				c = (size_t)s * ix->row_count + rows[n];
				if (k == 0)
					ix->start[c + 1]++;
				else
					ix->cards[ix->start[c] + fill[c]++] = i;
			}
		}
		if (k == 0) {
			for (c = 0; c < cells; c++)
				ix->start[c + 1] += ix->start[c];
			ix->card_total = ix->start[cells];
			ix->cards = xcalloc(ix->card_total + 1,
			    sizeof *ix->cards);
		}
		free(fill);
	}
}

void
view_index_free(struct view_index *ix)
{
	free(ix->rows);
	free(ix->start);
	free(ix->cards);
	memset(ix, 0, sizeof *ix);
}

const size_t *
view_cell(const struct view_index *ix, size_t stage, size_t row,
    size_t *count)
{
	size_t c;

	if (stage >= ix->stage_count || row >= ix->row_count) {
		*count = 0;
		return NULL;
	}
	c = stage * ix->row_count + row;
	*count = ix->start[c + 1] - ix->start[c];
	return ix->cards + ix->start[c];
}

long
view_cursor_card(const struct view *v, const struct map *m)
{
	if (v->card_id == NULL)
		return -1;
	return map_card_index(m, v->card_id);
}

long
view_cursor_pos(const struct view *v, const struct map *m,
    const struct view_index *ix)
{
	const size_t *cell;
	size_t count, i;
	long card = view_cursor_card(v, m);

	if (card < 0)
		return -1;
	cell = view_cell(ix, v->stage, v->row, &count);
	for (i = 0; i < count; i++) {
		if (cell[i] == (size_t)card)
			return (long)i;
	}
	return -1;
}

void
view_select_pos(struct view *v, const struct map *m,
    const struct view_index *ix, long pos)
{
	const size_t *cell;
	size_t count;

	cell = view_cell(ix, v->stage, v->row, &count);
	free(v->card_id);
	v->card_id = NULL;
	if (count == 0)
		return;
	if (pos < 0)
		pos = 0;
	if ((size_t)pos >= count)
		pos = (long)count - 1;
	v->card_id = xstrdup(m->cards[cell[pos]].id);
}

void
view_clamp(struct view *v, const struct map *m, const struct view_index *ix)
{
	if (ix->stage_count == 0)
		v->stage = 0;
	else if (v->stage >= ix->stage_count)
		v->stage = ix->stage_count - 1;
	if (ix->row_count == 0)
		v->row = 0;
	else if (v->row >= ix->row_count)
		v->row = ix->row_count - 1;
	if (view_cursor_pos(v, m, ix) < 0)
		view_select_pos(v, m, ix, 0);
}

const char *
view_pivot_name(enum view_pivot p)
{
	switch (p) {
	case PIVOT_LANE:
		return "lanes";
	case PIVOT_DEPARTMENT:
		return "departments";
	case PIVOT_PERSONA:
		return "personas";
	case PIVOT_CHANNEL:
	default:
		return "channels";
	}
}

const char *
view_zoom_name(enum view_zoom z)
{
	switch (z) {
	case ZOOM_NORMAL:
		return "normal";
	case ZOOM_COMPACT:
		return "compact";
	case ZOOM_FOCUS:
	default:
		return "focus";
	}
}
