/*
 * actions.c - what the board's actions do.
 *
 * Every change to the map goes through the edit API (model/edit.h), which
 * checks it and records its undo; a refusal comes back as a message for
 * the status line.  The cursor follows the card an action touched, by
 * id, wherever the card lands (another stage, another row, another
 * pivot).
 */

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/export.h"
#include "tui/overlay.h"
#include "tui/tui-int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static long
actions_card(struct tui *t)
{
	return view_cursor_card(&t->view, t->doc->map);
}

/* Report an edit's outcome; true on success. */
static bool
actions_done(struct tui *t, int rc, char *cause, const char *id)
{
	if (rc != 0) {
		view_status(&t->view, true, "%s", cause != NULL ? cause :
		    "refused");
		free(cause);
		tui_refresh(t);
		return false;
	}
	tui_refresh(t);
	if (id != NULL)
		tui_follow_card(t, id);
	return true;
}

/* The lane new cards in the cursor's row go to. */
static const char *
actions_lane(struct tui *t)
{
	const struct map *m = t->doc->map;
	const struct view_row *r;
	size_t i;

	if (t->ix.row_count > 0) {
		r = &t->ix.rows[t->view.row];
		if (r->kind == ROW_LANE && r->holds_cards)
			return m->lanes[r->index].id;
	}
	for (i = 0; i < m->lane_count; i++) {
		if (lane_kind_holds_cards(m->lanes[i].kind))
			return m->lanes[i].id;
	}
	return NULL;
}

/* Index in the map after which a card joins the cell (stage, lane):
 * after the cell's last card, else at the end. */
static size_t
actions_cell_end(const struct map *m, const char *stage, const char *lane,
    long exclude)
{
	size_t i;
	long last = -1;

	for (i = 0; i < m->card_count; i++) {
		if ((long)i == exclude)
			continue;
		if (m->cards[i].stage != NULL && m->cards[i].lane != NULL &&
		    strcmp(m->cards[i].stage, stage) == 0 &&
		    strcmp(m->cards[i].lane, lane) == 0)
			last = (long)i;
	}
	return last < 0 ? m->card_count : (size_t)last + 1;
}

/* Set a card's row attribute for the row `row` of the current pivot. */
static int
actions_apply_row(struct tui *t, struct card *c, size_t row, char **cause)
{
	const struct map *m = t->doc->map;
	const struct view_row *r = &t->ix.rows[row];

	switch (r->kind) {
	case ROW_LANE:
		view_set(&c->lane, m->lanes[r->index].id);
		return 0;
	case ROW_DEPARTMENT:
		view_set(&c->owner, m->departments[r->index].id);
		return 0;
	case ROW_CHANNEL:
		view_set(&c->channel, m->channels[r->index].id);
		return 0;
	case ROW_PERSONA:
		if (strlist_index(&c->personas, m->personas[r->index].id) < 0)
			strlist_append(&c->personas, m->personas[r->index].id);
		return 0;
	case ROW_UNASSIGNED:
	default:
		if (t->view.pivot == PIVOT_DEPARTMENT) {
			free(c->owner);
			c->owner = NULL;
		} else if (t->view.pivot == PIVOT_CHANNEL) {
			free(c->channel);
			c->channel = NULL;
		}
		(void)cause;
		return 0;
	}
}

static void
actions_add(struct tui *t)
{
	struct doc *d = t->doc;
	const struct map *m = d->map;
	struct card c;
	char *title = NULL, *cause = NULL, *id;
	const char *lane;
	long cur = actions_card(t);
	size_t at, out;
	int rc;

	if (m->stage_count == 0) {
		view_status(&t->view, true, "no stages yet: S opens the stage "
		    "list, a adds one");
		return;
	}
	if (t->ix.row_count > 0 && !t->ix.rows[t->view.row].holds_cards) {
		view_status(&t->view, true, "this row holds no cards: %s",
		    t->ix.rows[t->view.row].curve ? "the curve comes from "
		    "the cards' emotions" : "it shows measured numbers");
		return;
	}
	if ((lane = actions_lane(t)) == NULL) {
		view_status(&t->view, true, "no lane holds cards: R opens the "
		    "lane list, a adds one");
		return;
	}
	if (!dialog_prompt(t, "New card title: ", "", &title))
		return;
	if (*title == '\0') {
		free(title);
		view_status(&t->view, false, "no title, no card");
		return;
	}
	memset(&c, 0, sizeof c);
	c.title = title;
	c.stage = xstrdup(m->stages[t->view.stage].id);
	c.lane = xstrdup(lane);
	/* A new card takes its neighbour's owner and channel: cards added
	 * in a row usually belong together. */
	if (cur >= 0) {
		c.owner = xstrdup(m->cards[cur].owner);
		c.channel = xstrdup(m->cards[cur].channel);
	}
	if (t->view.persona != NULL)
		strlist_append(&c.personas, t->view.persona);
	if (t->ix.row_count > 0)
		actions_apply_row(t, &c, t->view.row, &cause);
	id = map_make_id(title, "card", map_card_id_taken, m);
	c.id = id;
	at = actions_cell_end(m, c.stage, c.lane, -1);
	rc = edit_add(d, ENTITY_CARD, at, &c, &out, &cause);
	id = xstrdup(c.id);
	card_free(&c);
	if (actions_done(t, rc, cause, id))
		view_status(&t->view, false,
		    "added '%s' (e edits it, u undoes)",
		    title != NULL ? m->cards[out].title : "");
	free(id);
}

struct actions_card_form {
	size_t index; /* the card's index, (size_t)-1 none */
};

static int
actions_card_apply(struct tui *t, struct form *f, void *arg, char **cause)
{
	struct actions_card_form *cf = arg;
	struct card c;
	char *id;
	int rc;

	if (form_to_entity(f, &t->doc->map->cards[cf->index], &c, cause) != 0)
		return -1;
	id = xstrdup(c.id);
	rc = edit_update(t->doc, ENTITY_CARD, cf->index, &c, cause);
	card_free(&c);
	if (rc == 0) {
		tui_refresh(t);
		tui_follow_card(t, id);
		view_status(&t->view, false, "card saved in the map (s writes "
		    "the file)");
	}
	free(id);
	return rc;
}

static void
actions_edit(struct tui *t)
{
	struct actions_card_form cf;
	struct form *f;
	long cur = actions_card(t);

	if (cur < 0) {
		actions_add(t);
		return;
	}
	cf.index = (size_t)cur;
	f = form_create(t->doc->map, ENTITY_CARD, &t->doc->map->cards[cur],
	    "Card");
	dialog_form(t, f, actions_card_apply, &cf);
	form_destroy(f);
}

static void
actions_edit_notes(struct tui *t)
{
	long cur = actions_card(t);
	struct card c;
	char *out, *cause = NULL, *id;
	size_t n;

	if (cur < 0) {
		view_status(&t->view, true, "no card here");
		return;
	}
	if (tui_editor(t, t->doc->map->cards[cur].notes != NULL ?
	    t->doc->map->cards[cur].notes : "", &out) != 0)
		return;
	n = strlen(out);
	while (n > 0 && out[n - 1] == '\n')
		out[--n] = '\0';
	cur = actions_card(t); /* the file may have been reloaded */
	if (cur < 0) {
		free(out);
		return;
	}
	card_copy(&c, &t->doc->map->cards[cur]);
	free(c.notes);
	c.notes = n > 0 ? out : NULL;
	if (n == 0)
		free(out);
	id = xstrdup(c.id);
	if (actions_done(t, edit_update(t->doc, ENTITY_CARD, (size_t)cur, &c,
	    &cause), cause, id))
		view_status(&t->view, false, "notes updated");
	card_free(&c);
	free(id);
}

static void
actions_delete(struct tui *t)
{
	long cur = actions_card(t);
	char *q, *cause = NULL;
	const char *title;
	long pos;

	if (cur < 0) {
		view_status(&t->view, true, "no card here to delete");
		return;
	}
	title = t->doc->map->cards[cur].title;
	q = xasprintf("Delete card '%s'?", title != NULL ? title : "");
	if (!dialog_confirm(t, q)) {
		free(q);
		view_status(&t->view, false, "kept");
		return;
	}
	free(q);
	pos = view_cursor_pos(&t->view, t->doc->map, &t->ix);
	if (actions_done(t, edit_delete(t->doc, ENTITY_CARD, (size_t)cur,
	    &cause), cause, NULL)) {
		view_select_pos(&t->view, t->doc->map, &t->ix, pos);
		view_status(&t->view, false, "deleted (u brings it back)");
	}
}

static void
actions_duplicate(struct tui *t)
{
	const struct map *m = t->doc->map;
	long cur = actions_card(t);
	struct card c;
	char *cause = NULL, *id;
	size_t out;

	if (cur < 0) {
		view_status(&t->view, true, "no card here to duplicate");
		return;
	}
	card_copy(&c, &m->cards[cur]);
	free(c.id);
	c.id = map_make_id(c.title != NULL ? c.title : "card", "card",
	    map_card_id_taken, m);
	id = xstrdup(c.id);
	if (actions_done(t, edit_add(t->doc, ENTITY_CARD, (size_t)cur + 1, &c,
	    &out, &cause), cause, id))
		view_status(&t->view, false, "duplicated");
	card_free(&c);
	free(id);
}

/* Move the card to the neighbouring stage (dx) or row (dy). */
static void
actions_move(struct tui *t, int dx, int dy)
{
	struct doc *d = t->doc;
	const struct map *m = d->map;
	long cur = actions_card(t), r;
	struct card c;
	char *cause = NULL, *id;
	size_t to, row = t->view.row;
	int rc;

	if (cur < 0) {
		view_status(&t->view, true, "no card here to move");
		return;
	}
	card_copy(&c, &m->cards[cur]);
	if (dx != 0) {
		long s = (long)t->view.stage + dx;

		if (s < 0 || (size_t)s >= m->stage_count) {
			card_free(&c);
			view_status(&t->view, true, "no stage further %s",
			    dx < 0 ? "left" : "right");
			return;
		}
		view_set(&c.stage, m->stages[s].id);
	} else {
		if (t->view.pivot == PIVOT_PERSONA) {
			card_free(&c);
			view_status(&t->view, true, "a card can have several "
			    "personas: set them in its form (e)");
			return;
		}
		for (r = (long)row + dy; r >= 0 && (size_t)r < t->ix.row_count;
		    r += dy) {
			if (t->ix.rows[r].holds_cards)
				break;
		}
		if (r < 0 || (size_t)r >= t->ix.row_count) {
			card_free(&c);
			view_status(&t->view, true, "no row further %s",
			    dy < 0 ? "up" : "down");
			return;
		}
		actions_apply_row(t, &c, (size_t)r, &cause);
	}
	id = xstrdup(c.id);
	edit_group_begin(d, "move card");
	rc = edit_update(d, ENTITY_CARD, (size_t)cur, &c, &cause);
	if (rc == 0 && c.stage != NULL && c.lane != NULL) {
		/* Join the end of the cell it lands in. */
		to = actions_cell_end(d->map, c.stage, c.lane, cur);
		if (to > (size_t)cur)
			to--;
		/* An empty cell: the card keeps its place in the file. */
		if (to == d->map->card_count - 1 && to != (size_t)cur &&
		    actions_cell_end(d->map, c.stage, c.lane, cur) ==
		    d->map->card_count)
			to = (size_t)cur;
		if (to != (size_t)cur && to < d->map->card_count)
			rc = edit_move(d, ENTITY_CARD, (size_t)cur, to, &cause);
	}
	edit_group_end(d);
	card_free(&c);
	actions_done(t, rc, cause, id);
	free(id);
}

/* Swap the card with its neighbour in the cell. */
static void
actions_order(struct tui *t, int dir)
{
	const size_t *cell;
	size_t count;
	long pos = view_cursor_pos(&t->view, t->doc->map, &t->ix);
	long cur = actions_card(t);
	char *cause = NULL, *id;

	if (cur < 0) {
		view_status(&t->view, true, "no card here");
		return;
	}
	cell = view_cell(&t->ix, t->view.stage, t->view.row, &count);
	if (pos + dir < 0 || (size_t)(pos + dir) >= count) {
		view_status(&t->view, false, "already %s in its cell",
		    dir < 0 ? "first" : "last");
		return;
	}
	id = xstrdup(t->doc->map->cards[cur].id);
	actions_done(t, edit_move(t->doc, ENTITY_CARD, (size_t)cur,
	    cell[pos + dir], &cause), cause, id);
	free(id);
}

static void
actions_emotion(struct tui *t, int step)
{
	long cur = actions_card(t);
	struct card c;
	char *cause = NULL, *id;
	int e;

	if (cur < 0) {
		view_status(&t->view, true, "no card here");
		return;
	}
	card_copy(&c, &t->doc->map->cards[cur]);
	e = c.has_emotion ? c.emotion + step : step;
	if (e < CARD_EMOTION_MIN)
		e = CARD_EMOTION_MIN;
	if (e > CARD_EMOTION_MAX)
		e = CARD_EMOTION_MAX;
	c.emotion = e;
	c.has_emotion = true;
	id = xstrdup(c.id);
	if (actions_done(t, edit_update(t->doc, ENTITY_CARD, (size_t)cur, &c,
	    &cause), cause, id))
		view_status(&t->view, false, "emotion %+d", e);
	card_free(&c);
	free(id);
}

/* --- movement ------------------------------------------------------------- */

static void
actions_vertical(struct tui *t, int dir)
{
	struct view *v = &t->view;
	size_t count;
	long pos = view_cursor_pos(v, t->doc->map, &t->ix);

	view_cell(&t->ix, v->stage, v->row, &count);
	if (pos >= 0 && dir > 0 && (size_t)pos + 1 < count) {
		view_select_pos(v, t->doc->map, &t->ix, pos + 1);
		return;
	}
	if (pos > 0 && dir < 0) {
		view_select_pos(v, t->doc->map, &t->ix, pos - 1);
		return;
	}
	if (dir > 0 && v->row + 1 < t->ix.row_count) {
		v->row++;
		view_select_pos(v, t->doc->map, &t->ix, 0);
	} else if (dir < 0 && v->row > 0) {
		v->row--;
		view_select_pos(v, t->doc->map, &t->ix, 1L << 30);
	}
}

static void
actions_horizontal(struct tui *t, int dir)
{
	struct view *v = &t->view;
	long pos = view_cursor_pos(v, t->doc->map, &t->ix);

	if (dir < 0 && v->stage > 0)
		v->stage--;
	else if (dir > 0 && v->stage + 1 < t->ix.stage_count)
		v->stage++;
	else
		return;
	view_select_pos(v, t->doc->map, &t->ix, pos < 0 ? 0 : pos);
}

/* --- search -------------------------------------------------------------- */

static bool
actions_find(struct tui *t, int dir, bool include_current)
{
	struct view *v = &t->view;
	const struct map *m = t->doc->map;
	size_t rows = t->ix.row_count, cells = t->ix.stage_count * rows;
	size_t c, k, count, s, r, total = 0, nth = 0;
	const size_t *cell;
	long start_cell, pos = view_cursor_pos(v, m, &t->ix), p, i;

	if (v->search == NULL || cells == 0)
		return false;
	/* Cells in reading order: stage by stage, rows top to bottom. */
	start_cell = (long)(v->stage * rows + v->row);
	for (k = 0; k <= cells; k++) {
		c = (size_t)((start_cell + (long)(dir > 0 ? k : cells - k) +
		    (long)cells) % (long)cells);
		s = c / rows;
		r = c % rows;
		cell = view_cell(&t->ix, s, r, &count);
		for (i = 0; i < (long)count; i++) {
			p = dir > 0 ? i : (long)count - 1 - i;
			if (!view_card_matches(&m->cards[cell[p]], v->search))
				continue;
			if (k == 0 && (dir > 0 ? (p < pos || (p == pos &&
			    !include_current)) : (pos < 0 || p >= pos)))
				continue;
			if (k == cells && (dir > 0 ? p >= pos : p < pos))
				continue;
			v->stage = s;
			v->row = r;
			view_select_pos(v, m, &t->ix, p);
			goto found;
		}
	}
	return false;
found:
	for (c = 0; c < cells; c++) {
		cell = view_cell(&t->ix, c / rows, c % rows, &count);
		for (k = 0; k < count; k++) {
			if (view_card_matches(&m->cards[cell[k]], v->search)) {
				total++;
				if (c == v->stage * rows + v->row &&
				    (long)k == view_cursor_pos(v, m, &t->ix))
					nth = total;
			}
		}
	}
	view_status(v, false, "/%s: match %zu of %zu", v->search, nth, total);
	return true;
}

static void
actions_search(struct tui *t)
{
	char *text;

	if (!dialog_prompt(t, "Search: /", t->view.search != NULL ?
	    t->view.search : "", &text))
		return;
	free(t->view.search);
	t->view.search = NULL;
	if (*text == '\0') {
		free(text);
		view_status(&t->view, false, "search cleared");
		return;
	}
	t->view.search = text;
	if (!actions_find(t, 1, true))
		view_status(&t->view, true, "/%s: no card title or notes match",
		    text);
}

/* --- view ---------------------------------------------------------------- */

static void
actions_filter(struct tui *t)
{
	const struct map *m = t->doc->map;
	long p = t->view.persona != NULL ?
	    map_persona_index(m, t->view.persona) : -1;
	char *id = t->view.card_id != NULL ? xstrdup(t->view.card_id) : NULL;

	p++;
	free(t->view.persona);
	t->view.persona = NULL;
	if ((size_t)p < m->persona_count) {
		t->view.persona = xstrdup(m->personas[p].id);
		view_status(&t->view, false, "showing %s's cards (f: next "
		    "persona, i: persona panel)", m->personas[p].name != NULL ?
		    m->personas[p].name : m->personas[p].id);
	} else
		view_status(&t->view, false, "showing every persona's cards");
	tui_refresh(t);
	if (id != NULL)
		tui_follow_card(t, id);
	free(id);
}

static void
actions_pivot(struct tui *t)
{
	char *id = t->view.card_id != NULL ? xstrdup(t->view.card_id) : NULL;
	static const char *what[] = {
		"rows are the map's lanes",
		"rows are departments: who owns what at each stage",
		"rows are personas",
		"rows are channels: online and offline",
	};

	t->view.pivot = (enum view_pivot)((t->view.pivot + 1) % PIVOT_COUNT);
	t->view.row = 0;
	t->view.first_row = 0;
	tui_refresh(t);
	if (id != NULL)
		tui_follow_card(t, id);
	free(id);
	view_status(&t->view, false, "%s (p: next pivot; the map is "
	    "unchanged)", what[t->view.pivot]);
}

static void
actions_undo(struct tui *t, bool redo)
{
	const char *label = NULL;
	char *id = t->view.card_id != NULL ? xstrdup(t->view.card_id) : NULL;
	int rc;

	rc = redo ? edit_redo(t->doc, &label) : edit_undo(t->doc, &label);
	if (rc != 0) {
		view_status(&t->view, true, "nothing to %s", redo ? "redo" :
		    "undo");
		free(id);
		return;
	}
	tui_refresh(t);
	if (id != NULL)
		tui_follow_card(t, id);
	free(id);
	view_status(&t->view, false, "%s: %s (%zu more to undo, %zu to redo)",
	    redo ? "redone" : "undone", label != NULL ? label : "change",
	    edit_undo_depth(t->doc), edit_redo_depth(t->doc));
}

static int
actions_meta_apply(struct tui *t, struct form *f, void *arg, char **cause)
{
	(void)arg;
	if (edit_set_meta(t->doc, form_value(f, "Title"),
	    form_value(f, "Summary"), cause) != 0)
		return -1;
	tui_refresh(t);
	return 0;
}

/* Export the map as a deliverable, as `waymark export` does. */
static void
actions_export(struct tui *t)
{
	static const char *options[] = {
		"&html: a page to share (opens in any browser)",
		"&pdf: the same page printed (needs Chromium)",
		"&markdown: for a wiki",
		"&csv: one card a row, for a spreadsheet",
		"m&ermaid: a journey diagram",
		"&text: plain text",
	};
	static const enum export_format formats[] = {
		EXPORT_HTML, EXPORT_PDF, EXPORT_MD, EXPORT_CSV, EXPORT_MERMAID,
		EXPORT_TXT,
	};
	struct export_options eo;
	const char *lines[2];
	char *base, *dot, *suggest, *path = NULL, *cause = NULL;
	enum export_format f;
	bool missing = false;
	int choice, rc;

	lines[0] = t->view.persona != NULL ?
	    "Only the filtered persona's cards are exported." :
	    "Every card is exported.";
	lines[1] = overlay_export_funnel(t) != NULL ?
	    "The measured numbers on screen go with it." :
	    overlay_shows_older(t) ?
	    "The numbers on screen answer an older map: left out." :
	    "No measured numbers (o shows them first).";
	choice = dialog_choose(t, "Export", lines, 2, options, 6);
	if (choice < 0)
		return;
	f = formats[choice];
	base = xstrdup(t->path != NULL ? t->path : "journey.yaml");
	if ((dot = strrchr(base, '.')) != NULL && strchr(dot, '/') == NULL)
		*dot = '\0';
	suggest = xasprintf("%s%s", base, export_format_extension(f));
	free(base);
	if (!dialog_prompt(t, "Export to: ", suggest, &path) || *path == '\0') {
		free(suggest);
		free(path);
		return;
	}
	free(suggest);
	if (access(path, F_OK) == 0 && !dialog_confirm(t,
	    "That file exists. Replace it?")) {
		free(path);
		return;
	}
	memset(&eo, 0, sizeof eo);
	eo.persona = t->view.persona;
	/* Labels in the locale's language, as `waymark export` by default. */
	eo.lang = labels_lang_from_env();
	/* The measured numbers on screen go with it. */
	eo.funnel = overlay_export_funnel(t);
	/* Chromium may talk on the terminal: give it the terminal. */
	if (f == EXPORT_PDF)
		screen_suspend();
	rc = export_write_file(t->doc->map, f, &eo, path, &missing, &cause);
	if (f == EXPORT_PDF)
		screen_resume();
	if (rc != 0)
		view_status(&t->view, true, "not exported: %s%s", cause,
		    missing ? " (install chromium, or set WAYMARK_CHROMIUM)" :
		    "");
	else
		view_status(&t->view, false, "exported %s", path);
	free(cause);
	free(path);
}

static void
actions_mouse(struct tui *t, const struct screen_event *ev)
{
	size_t stage, row;
	long pos;

	if (ev->mouse == SCREEN_MOUSE_WHEEL_DOWN) {
		actions_vertical(t, 1);
		return;
	}
	if (ev->mouse == SCREEN_MOUSE_WHEEL_UP) {
		actions_vertical(t, -1);
		return;
	}
	if (!board_view_hit(&t->layout, t->doc->map, &t->view, &t->ix, ev->x,
	    ev->y, &stage, &row, &pos))
		return;
	t->view.stage = stage;
	t->view.row = row;
	view_select_pos(&t->view, t->doc->map, &t->ix, pos < 0 ? 0 : pos);
	if (pos < 0) {
		free(t->view.card_id);
		t->view.card_id = NULL;
		view_clamp(&t->view, t->doc->map, &t->ix);
	}
	if (ev->mouse == SCREEN_MOUSE_DOUBLE && !t->read_only)
		actions_edit(t);
}

void
actions_board(struct tui *t, enum action a, const struct screen_event *ev)
{
	struct view *v = &t->view;
	struct form *f;
	size_t page;

	switch (a) {
	case ACT_HELP:
		dialog_help(t, KEYS_MODE_BOARD);
		break;
	case ACT_QUIT:
		tui_quit(t);
		break;
	case ACT_SAVE:
		tui_save(t);
		break;
	case ACT_SAVE_AS:
		tui_save_as(t);
		break;
	case ACT_UNDO:
		actions_undo(t, false);
		break;
	case ACT_REDO:
		actions_undo(t, true);
		break;
	case ACT_LEFT:
		actions_horizontal(t, -1);
		break;
	case ACT_RIGHT:
		actions_horizontal(t, 1);
		break;
	case ACT_UP:
		actions_vertical(t, -1);
		break;
	case ACT_DOWN:
		actions_vertical(t, 1);
		break;
	case ACT_FIRST_STAGE:
		v->stage = 0;
		view_clamp(v, t->doc->map, &t->ix);
		break;
	case ACT_LAST_STAGE:
		v->stage = t->ix.stage_count > 0 ? t->ix.stage_count - 1 : 0;
		view_clamp(v, t->doc->map, &t->ix);
		break;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		page = t->layout.row_shown > 1 ? t->layout.row_shown - 1 : 1;
		if (a == ACT_PAGE_UP)
			v->row = v->row > page ? v->row - page : 0;
		else
			v->row += page;
		free(v->card_id);
		v->card_id = NULL;
		view_clamp(v, t->doc->map, &t->ix);
		break;
	case ACT_ADD:
		actions_add(t);
		break;
	case ACT_EDIT:
		actions_edit(t);
		break;
	case ACT_EDIT_NOTES:
		actions_edit_notes(t);
		break;
	case ACT_DELETE:
		actions_delete(t);
		break;
	case ACT_DUPLICATE:
		actions_duplicate(t);
		break;
	case ACT_MOVE_LEFT:
		actions_move(t, -1, 0);
		break;
	case ACT_MOVE_RIGHT:
		actions_move(t, 1, 0);
		break;
	case ACT_MOVE_UP:
		actions_move(t, 0, -1);
		break;
	case ACT_MOVE_DOWN:
		actions_move(t, 0, 1);
		break;
	case ACT_ORDER_EARLIER:
		actions_order(t, -1);
		break;
	case ACT_ORDER_LATER:
		actions_order(t, 1);
		break;
	case ACT_EMOTION_UP:
		actions_emotion(t, 1);
		break;
	case ACT_EMOTION_DOWN:
		actions_emotion(t, -1);
		break;
	case ACT_SEARCH:
		actions_search(t);
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (v->search == NULL)
			view_status(v, true, "no search yet: / searches");
		else if (!actions_find(t, a == ACT_SEARCH_NEXT ? 1 : -1, false))
			view_status(v, true, "/%s: no match", v->search);
		break;
	case ACT_PIVOT:
		actions_pivot(t);
		break;
	case ACT_FILTER:
		actions_filter(t);
		break;
	case ACT_PANEL:
		v->panel = !v->panel;
		if (v->panel && t->grid.width < BOARD_PANEL_MIN_WIDTH)
			view_status(v, false, "the persona panel shows on "
			    "screens %d columns wide or more",
			    BOARD_PANEL_MIN_WIDTH);
		break;
	case ACT_ZOOM:
		v->zoom = (enum view_zoom)((v->zoom + 1) % ZOOM_COUNT);
		view_status(v, false, "zoom: %s", view_zoom_name(v->zoom));
		break;
	case ACT_LEGEND:
		v->legend = !v->legend;
		break;
	case ACT_OVERLAY:
		overlay_toggle(t);
		break;
	case ACT_WINDOW:
		overlay_cycle_window(t);
		break;
	case ACT_RANGE:
		overlay_cycle_range(t);
		break;
	case ACT_CANCEL:
		if (overlay_cancel(t))
			view_status(v, false, "stopping the load");
		break;
	case ACT_STAGES:
		list_run(t, ENTITY_STAGE);
		break;
	case ACT_LANES:
		list_run(t, ENTITY_LANE);
		break;
	case ACT_PERSONAS:
		list_run(t, ENTITY_PERSONA);
		break;
	case ACT_DEPARTMENTS:
		list_run(t, ENTITY_DEPARTMENT);
		break;
	case ACT_CHANNELS:
		list_run(t, ENTITY_CHANNEL);
		break;
	case ACT_META:
		f = form_create_meta(t->doc->map);
		dialog_form(t, f, actions_meta_apply, NULL);
		form_destroy(f);
		break;
	case ACT_EXPORT:
		actions_export(t);
		break;
	case ACT_REDRAW:
		screen_invalidate();
		break;
	default:
		if (ev != NULL && ev->key == KEYS_MOUSE)
			actions_mouse(t, ev);
		break;
	}
}
