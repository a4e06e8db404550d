/*
 * list.c - the lists of stages, lanes, personas, departments and
 * channels: add, edit, rename, reorder, delete.
 *
 * Deleting a stage or a lane that holds cards asks what becomes of them
 * (moved to a neighbour, or deleted with it); deleting a department or a
 * channel that cards refer to offers to clear those references first.
 * Every change is one undo step.
 */

#include <stdlib.h>
#include <string.h>

#include "tui/tui-int.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

struct list_state {
	enum entity_kind kind;
	size_t current;
	size_t first;
};

static const char *
list_title(enum entity_kind kind)
{
	switch (kind) {
	case ENTITY_STAGE:
		return "Stages (columns)";
	case ENTITY_LANE:
		return "Lanes (rows)";
	case ENTITY_PERSONA:
		return "Personas";
	case ENTITY_DEPARTMENT:
		return "Departments (card owners)";
	case ENTITY_CHANNEL:
	default:
		return "Channels";
	}
}

static const char *
list_name(const struct map *m, enum entity_kind kind, size_t i)
{
	const char *name = NULL;

	switch (kind) {
	case ENTITY_STAGE:
		name = m->stages[i].name;
		break;
	case ENTITY_LANE:
		name = m->lanes[i].name;
		break;
	case ENTITY_PERSONA:
		name = m->personas[i].name;
		break;
	case ENTITY_DEPARTMENT:
		name = m->departments[i].name;
		break;
	case ENTITY_CHANNEL:
		name = m->channels[i].name;
		break;
	default:
		break;
	}
	return name != NULL ? name : entity_id(m, kind, i);
}

/* How many cards refer to the entity. */
static size_t
list_uses(const struct map *m, enum entity_kind kind, const char *id)
{
	size_t i, n = 0;
	const struct card *c;

	for (i = 0; i < m->card_count; i++) {
		c = &m->cards[i];
		switch (kind) {
		case ENTITY_STAGE:
			n += c->stage != NULL && strcmp(c->stage, id) == 0;
			break;
		case ENTITY_LANE:
			n += c->lane != NULL && strcmp(c->lane, id) == 0;
			break;
		case ENTITY_PERSONA:
			n += strlist_index(&c->personas, id) >= 0;
			break;
		case ENTITY_DEPARTMENT:
			n += c->owner != NULL && strcmp(c->owner, id) == 0;
			break;
		case ENTITY_CHANNEL:
			n += c->channel != NULL && strcmp(c->channel, id) == 0;
			break;
		default:
			break;
		}
	}
	return n;
}

static char *
list_info(const struct map *m, enum entity_kind kind, size_t i)
{
	size_t uses = list_uses(m, kind, entity_id(m, kind, i));

	switch (kind) {
	case ENTITY_LANE:
		return xasprintf("%s, %zu card%s",
		    lane_kind_name(m->lanes[i].kind), uses,
		    uses == 1 ? "" : "s");
	case ENTITY_CHANNEL:
		if (m->channels[i].kind != CHANNEL_UNSET)
			return xasprintf("%s, %zu card%s",
			    channel_kind_name(m->channels[i].kind), uses,
			    uses == 1 ? "" : "s");
		break;
	case ENTITY_DEPARTMENT:
		if (m->departments[i].color != NULL)
			return xasprintf("%s, %zu card%s",
			    m->departments[i].color, uses,
			    uses == 1 ? "" : "s");
		break;
	default:
		break;
	}
	return xasprintf("%zu card%s", uses, uses == 1 ? "" : "s");
}

static void
list_draw(struct tui *t, struct grid *g, void *arg)
{
	struct list_state *ls = arg;
	const struct map *m = t->doc->map;
	size_t n = entity_count(m, ls->kind), i;
	int w, h, x, y, rows, k, id_w = 0;
	char *text, *info;

	w = g->width - 4;
	if (w > 72)
		w = 72;
	if (w < 10)
		w = g->width;
	h = (int)n + 3;
	if (n == 0)
		h = 4;
	if (h > g->height - 2)
		h = g->height - 2;
	if (h < 3)
		h = g->height;
	rows = h - 2;
	if (rows < 1)
		rows = 1;
	if (ls->current < ls->first)
		ls->first = ls->current;
	if (ls->current >= ls->first + (size_t)rows)
		ls->first = ls->current + 1 - (size_t)rows;
	x = (g->width - w) / 2;
	y = (g->height - h) / 2;
	if (y < 0)
		y = 0;
	grid_fill(g, x, y, w, h, THEME_PANEL);
	grid_box(g, x, y, w, h, THEME_PANEL_BORDER);
	text = xasprintf(" %s ", list_title(ls->kind));
	grid_put_fit(g, x + 2, y, w - 4, THEME_PANEL_TITLE, text);
	free(text);
	if (n == 0)
		grid_put_fit(g, x + 2, y + 1, w - 4, THEME_PANEL,
		    t->read_only ? "(none)" : "(none yet: a adds one)");
	for (i = 0; i < n; i++) {
		int iw = (int)utf8_width(list_name(m, ls->kind, i));

		if (iw > id_w)
			id_w = iw;
	}
	if (id_w > w / 2)
		id_w = w / 2;
	for (k = 0, i = ls->first; k < rows && i < n; k++, i++) {
		uint16_t st = i == ls->current ? THEME_FIELD_CURRENT :
		    THEME_PANEL;

		grid_fill(g, x + 1, y + 1 + k, w - 2, 1, st);
		if (ls->kind == ENTITY_DEPARTMENT)
			grid_fill(g, x + 2, y + 1 + k, 2, 1,
			    STYLE_DEPARTMENT(i));
		grid_put_fit(g, x + 5, y + 1 + k, id_w, st,
		    list_name(m, ls->kind, i));
		info = list_info(m, ls->kind, i);
		text = xasprintf("%s · %s", entity_id(m, ls->kind, i), info);
		grid_put_fit(g, x + 5 + id_w + 2, y + 1 + k,
		    w - 8 - id_w - 2, st, text);
		free(text);
		free(info);
	}
	if (g->height >= 2)
		board_view_hints(g, g->height - 1, KEYS_MODE_LIST);
}

static const char *
list_fallback(enum entity_kind kind)
{
	return entity_kind_name(kind);
}

static bool (*list_taken(enum entity_kind kind))(const struct map *,
    const char *)
{
	switch (kind) {
	case ENTITY_STAGE:
		return map_stage_id_taken;
	case ENTITY_LANE:
		return map_lane_id_taken;
	case ENTITY_PERSONA:
		return map_persona_id_taken;
	case ENTITY_DEPARTMENT:
		return map_department_id_taken;
	case ENTITY_CHANNEL:
	default:
		return map_channel_id_taken;
	}
}

static void
list_add(struct tui *t, struct list_state *ls)
{
	const struct map *m = t->doc->map;
	char *name, *id, *cause = NULL, *label;
	size_t at, out, n = entity_count(m, ls->kind);
	int rc;
	union {
		struct stage s;
		struct lane l;
		struct persona p;
		struct department d;
		struct channel c;
	} e;

	label = xasprintf("New %s name: ", entity_kind_name(ls->kind));
	if (!dialog_prompt(t, label, "", &name)) {
		free(label);
		return;
	}
	free(label);
	if (*name == '\0') {
		free(name);
		return;
	}
	id = map_make_id(name, list_fallback(ls->kind), list_taken(ls->kind),
	    m);
	memset(&e, 0, sizeof e);
	switch (ls->kind) {
	case ENTITY_STAGE:
		e.s.id = id;
		e.s.name = name;
		break;
	case ENTITY_LANE:
		e.l.id = id;
		e.l.name = name;
		e.l.kind = LANE_TOUCHPOINTS;
		e.l.has_kind = true;
		break;
	case ENTITY_PERSONA:
		e.p.id = id;
		e.p.name = name;
		break;
	case ENTITY_DEPARTMENT:
		e.d.id = id;
		e.d.name = name;
		break;
	case ENTITY_CHANNEL:
	default:
		e.c.id = id;
		e.c.name = name;
		break;
	}
	at = n == 0 ? 0 : ls->current + 1;
	rc = edit_add(t->doc, ls->kind, at, &e, &out, &cause);
	free(id);
	free(name);
	if (rc != 0) {
		view_status(&t->view, true, "%s", cause);
		free(cause);
		return;
	}
	ls->current = out;
	tui_refresh(t);
	view_status(&t->view, false, "added (e edits every field)");
}

struct list_form {
	enum entity_kind kind;
	size_t index;
};

static int
list_form_apply(struct tui *t, struct form *f, void *arg, char **cause)
{
	struct list_form *lf = arg;
	union {
		struct stage s;
		struct lane l;
		struct persona p;
		struct department d;
		struct channel c;
	} e;
	int rc;

	if (form_to_entity(f, entity_at(t->doc->map, lf->kind, lf->index), &e,
	    cause) != 0)
		return -1;
	rc = edit_update(t->doc, lf->kind, lf->index, &e, cause);
	switch (lf->kind) {
	case ENTITY_STAGE:
		stage_free(&e.s);
		break;
	case ENTITY_LANE:
		lane_free(&e.l);
		break;
	case ENTITY_PERSONA:
		persona_free(&e.p);
		break;
	case ENTITY_DEPARTMENT:
		department_free(&e.d);
		break;
	default:
		channel_free(&e.c);
		break;
	}
	if (rc == 0)
		tui_refresh(t);
	return rc;
}

static void
list_edit(struct tui *t, struct list_state *ls)
{
	struct list_form lf;
	struct form *f;
	char *title;

	lf.kind = ls->kind;
	lf.index = ls->current;
	title = xasprintf("%s %s", entity_kind_name(ls->kind),
	    list_name(t->doc->map, ls->kind, ls->current));
	f = form_create(t->doc->map, ls->kind,
	    entity_at(t->doc->map, ls->kind, ls->current), title);
	free(title);
	dialog_form(t, f, list_form_apply, &lf);
	form_destroy(f);
}

static void
list_rename(struct tui *t, struct list_state *ls)
{
	struct form *f;
	struct list_form lf;
	char *name, *cause = NULL;
	size_t i;

	if (!dialog_prompt(t, "Name: ", list_name(t->doc->map, ls->kind,
	    ls->current), &name))
		return;
	/* A rename is the form with only the name changed. */
	f = form_create(t->doc->map, ls->kind,
	    entity_at(t->doc->map, ls->kind, ls->current), "rename");
	for (i = 0; i < f->count; i++) {
		if (strcmp(f->fields[i].label, "Name") == 0)
			form_field_set(&f->fields[i], name);
	}
	lf.kind = ls->kind;
	lf.index = ls->current;
	if (list_form_apply(t, f, &lf, &cause) != 0) {
		view_status(&t->view, true, "%s", cause);
		free(cause);
	} else
		view_status(&t->view, false, "renamed");
	form_destroy(f);
	free(name);
}

/* Delete a stage or lane, asking what becomes of its cards. */
static void
list_delete_column(struct tui *t, struct list_state *ls)
{
	const struct map *m = t->doc->map;
	const char *id = entity_id(m, ls->kind, ls->current);
	size_t uses = list_uses(m, ls->kind, id), n = entity_count(m, ls->kind);
	const char *name = list_name(m, ls->kind, ls->current);
	const char *kind = entity_kind_name(ls->kind);
	char *line, *opt_move = NULL, *cause = NULL, *q;
	const char *options[3], *lines[1];
	long to = -1;
	size_t i, count = 0;
	int choice, rc;

	if (uses == 0) {
		q = xasprintf("Delete %s '%s' (it has no cards)?", kind, name);
		if (!dialog_confirm(t, q)) {
			free(q);
			return;
		}
		free(q);
		rc = ls->kind == ENTITY_STAGE ?
		    edit_delete_stage(t->doc, ls->current, NULL, &cause) :
		    edit_delete_lane(t->doc, ls->current, NULL, &cause);
		goto done;
	}
	/* The neighbour that can take the cards: before, else after. */
	for (i = ls->current; i-- > 0;) {
		if (ls->kind == ENTITY_STAGE ||
		    lane_kind_holds_cards(m->lanes[i].kind)) {
			to = (long)i;
			break;
		}
	}
	for (i = ls->current + 1; to < 0 && i < n; i++) {
		if (ls->kind == ENTITY_STAGE ||
		    lane_kind_holds_cards(m->lanes[i].kind)) {
			to = (long)i;
			break;
		}
	}
	line = xasprintf("'%s' holds %zu card%s. What becomes of them?", name,
	    uses, uses == 1 ? "" : "s");
	lines[0] = line;
	if (to >= 0) {
		opt_move = xasprintf("&move them to '%s', then delete the %s",
		    list_name(m, ls->kind, (size_t)to), kind);
		options[count++] = opt_move;
	}
	options[count++] = "&delete them with the stage";
	options[count++] = "&cancel";
	if (ls->kind == ENTITY_LANE)
		options[count - 2] = "&delete them with the lane";
	q = xasprintf("Delete %s", kind);
	choice = dialog_choose(t, q, lines, 1, options, count);
	free(q);
	free(line);
	free(opt_move);
	if (choice < 0 || (size_t)choice == count - 1) {
		view_status(&t->view, false, "nothing deleted");
		return;
	}
	if (to >= 0 && choice == 0) {
		char *to_id = xstrdup(entity_id(m, ls->kind, (size_t)to));

		rc = ls->kind == ENTITY_STAGE ?
		    edit_delete_stage(t->doc, ls->current, to_id, &cause) :
		    edit_delete_lane(t->doc, ls->current, to_id, &cause);
		free(to_id);
	} else
		rc = ls->kind == ENTITY_STAGE ?
		    edit_delete_stage(t->doc, ls->current, NULL, &cause) :
		    edit_delete_lane(t->doc, ls->current, NULL, &cause);
done:
	if (rc != 0) {
		view_status(&t->view, true, "%s", cause);
		free(cause);
		return;
	}
	if (ls->current > 0 && ls->current >= entity_count(t->doc->map,
	    ls->kind))
		ls->current--;
	tui_refresh(t);
	view_status(&t->view, false, "deleted (u brings it back)");
}

static void
list_delete(struct tui *t, struct list_state *ls)
{
	const struct map *m = t->doc->map;
	char *id, *q, *cause = NULL;
	size_t uses, i, done;
	int rc;

	if (entity_count(m, ls->kind) == 0)
		return;
	if (ls->kind == ENTITY_STAGE || ls->kind == ENTITY_LANE) {
		list_delete_column(t, ls);
		return;
	}
	id = xstrdup(entity_id(m, ls->kind, ls->current));
	uses = list_uses(m, ls->kind, id);
	if (uses == 0)
		q = xasprintf("Delete %s '%s'?", entity_kind_name(ls->kind),
		    list_name(m, ls->kind, ls->current));
	else
		q = xasprintf("Delete %s '%s'? %zu card%s will no longer name "
		    "it.", entity_kind_name(ls->kind),
		    list_name(m, ls->kind, ls->current), uses,
		    uses == 1 ? "" : "s");
	if (!dialog_confirm(t, q)) {
		free(q);
		free(id);
		return;
	}
	free(q);
	edit_group_begin(t->doc, "delete");
	rc = 0;
	done = 0;
	/* Clear the cards' references first (personas are removed from
	 * cards by the delete itself). */
	for (i = 0; rc == 0 && i < t->doc->map->card_count &&
	    ls->kind != ENTITY_PERSONA; i++) {
		const struct card *c = &t->doc->map->cards[i];
		struct card copy;

		if (!((ls->kind == ENTITY_DEPARTMENT && c->owner != NULL &&
		    strcmp(c->owner, id) == 0) ||
		    (ls->kind == ENTITY_CHANNEL && c->channel != NULL &&
		    strcmp(c->channel, id) == 0)))
			continue;
		card_copy(&copy, c);
		if (ls->kind == ENTITY_DEPARTMENT) {
			free(copy.owner);
			copy.owner = NULL;
		} else {
			free(copy.channel);
			copy.channel = NULL;
		}
		rc = edit_update(t->doc, ENTITY_CARD, i, &copy, &cause);
		done += rc == 0;
		card_free(&copy);
	}
	if (rc == 0)
		rc = edit_delete(t->doc, ls->kind, ls->current, &cause);
	edit_group_end(t->doc);
	free(id);
	if (rc != 0) {
		/* Leave no half-done group behind. */
		if (done > 0)
			edit_undo(t->doc, NULL);
		view_status(&t->view, true, "%s", cause);
		free(cause);
		tui_refresh(t);
		return;
	}
	if (ls->current > 0 && ls->current >= entity_count(t->doc->map,
	    ls->kind))
		ls->current--;
	tui_refresh(t);
	view_status(&t->view, false, "deleted (u brings it back)");
}

void
list_run(struct tui *t, enum entity_kind kind)
{
	struct list_state ls;
	struct screen_event ev;
	const struct key_binding *b;
	enum action a;
	char *cause = NULL;
	size_t n;
	int key;

	memset(&ls, 0, sizeof ls);
	ls.kind = kind;
	if (kind == ENTITY_STAGE)
		ls.current = t->view.stage;
	tui_push_layer(t, list_draw, &ls);
	for (;;) {
		n = entity_count(t->doc->map, kind);
		if (ls.current >= n)
			ls.current = n > 0 ? n - 1 : 0;
		key = tui_key(t, &ev);
		a = keys_action(KEYS_MODE_LIST, key);
		b = keys_binding(KEYS_MODE_LIST, a);
		if (b != NULL && b->edits && tui_refuse_edit(t))
			continue;
		free(t->view.status);
		t->view.status = NULL;
		switch (a) {
		case ACT_DOWN:
			if (ls.current + 1 < n)
				ls.current++;
			break;
		case ACT_UP:
			if (ls.current > 0)
				ls.current--;
			break;
		case ACT_LIST_ADD:
			list_add(t, &ls);
			break;
		case ACT_LIST_EDIT:
			if (n > 0)
				list_edit(t, &ls);
			break;
		case ACT_LIST_RENAME:
			if (n > 0)
				list_rename(t, &ls);
			break;
		case ACT_LIST_DELETE:
			list_delete(t, &ls);
			break;
		case ACT_LIST_EARLIER:
		case ACT_LIST_LATER:
			if (n < 2 || (a == ACT_LIST_EARLIER &&
			    ls.current == 0) ||
			    (a == ACT_LIST_LATER && ls.current + 1 >= n))
				break;
			if (edit_move(t->doc, kind, ls.current,
			    a == ACT_LIST_EARLIER ? ls.current - 1 :
			    ls.current + 1, &cause) != 0) {
				view_status(&t->view, true, "%s", cause);
				free(cause);
				cause = NULL;
				break;
			}
			ls.current = a == ACT_LIST_EARLIER ? ls.current - 1 :
			    ls.current + 1;
			tui_refresh(t);
			break;
		case ACT_UNDO:
		case ACT_REDO:
			if ((a == ACT_UNDO ? edit_undo(t->doc, NULL) :
			    edit_redo(t->doc, NULL)) != 0)
				view_status(&t->view, true, "nothing to %s",
				    a == ACT_UNDO ? "undo" : "redo");
			tui_refresh(t);
			break;
		case ACT_CANCEL:
			goto done;
		case ACT_HELP:
			dialog_help(t, KEYS_MODE_LIST);
			break;
		default:
			break;
		}
	}
done:
	tui_pop_layer(t);
	tui_refresh(t);
}
