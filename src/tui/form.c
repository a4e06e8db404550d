/*
 * form.c - entity forms (see form.h).
 *
 * Each kind of entity has a fixed list of fields, in the order a
 * facilitator fills them; a field is identified by its label when the
 * form is turned back into an entity.  Strings left empty become absent
 * (NULL), so saving does not write empty keys.
 */

#include "tui/form.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/theme.h"
#include "tui/board-view.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static const char *form_colors[] = {
	"red", "orange", "yellow", "green", "teal", "cyan", "blue", "purple",
	"magenta", "pink", "brown", "gray", "olive", "navy",
};

static struct form_field *
form_add(struct form *f, const char *label, enum field_type type,
    const char *help)
{
	struct form_field *ff;

	f->fields = xreallocarray(f->fields, f->count + 1, sizeof *f->fields);
	ff = &f->fields[f->count++];
	memset(ff, 0, sizeof *ff);
	ff->label = label;
	ff->type = type;
	ff->help = help;
	ff->text = xstrdup("");
	ff->choice = -1;
	return ff;
}

static void
form_text(struct form *f, const char *label, enum field_type type,
    const char *value, const char *help)
{
	struct form_field *ff = form_add(f, label, type, help);

	free(ff->text);
	ff->text = xstrdup(value != NULL ? value : "");
}

static void
form_list(struct form *f, const char *label, const struct strlist *value,
    const char *help)
{
	struct form_field *ff = form_add(f, label, FIELD_LIST, help);

	strlist_copy(&ff->list, value);
}

static void
form_option(struct form_field *ff, const char *id, const char *name)
{
	ff->option_ids = xreallocarray(ff->option_ids, ff->option_count + 1,
	    sizeof *ff->option_ids);
	ff->option_names = xreallocarray(ff->option_names,
	    ff->option_count + 1, sizeof *ff->option_names);
	ff->option_ids[ff->option_count] = xstrdup(id);
	ff->option_names[ff->option_count] = xstrdup(name != NULL ? name : id);
	ff->option_count++;
}

/* A choice among the entities of a kind, selecting `current` (an id). */
static void
form_entity_choice(struct form *f, const struct map *m, const char *label,
    enum entity_kind kind, const char *current, bool allow_none,
    bool card_lanes_only, const char *help)
{
	struct form_field *ff = form_add(f, label, FIELD_CHOICE, help);
	size_t i, n = entity_count(m, kind);
	const char *name;

	ff->allow_none = allow_none;
	for (i = 0; i < n; i++) {
		switch (kind) {
		case ENTITY_STAGE:
			name = m->stages[i].name;
			break;
		case ENTITY_LANE:
			if (card_lanes_only &&
			    !lane_kind_holds_cards(m->lanes[i].kind))
				continue;
			name = m->lanes[i].name;
			break;
		case ENTITY_DEPARTMENT:
			name = m->departments[i].name;
			break;
		case ENTITY_CHANNEL:
			name = m->channels[i].name;
			break;
		case ENTITY_PERSONA:
			name = m->personas[i].name;
			break;
		default:
			name = NULL;
			break;
		}
		form_option(ff, entity_id(m, kind, i), name);
		if (current != NULL &&
		    strcmp(current, entity_id(m, kind, i)) == 0)
			ff->choice = (long)ff->option_count - 1;
	}
	if (ff->choice < 0 && !allow_none && ff->option_count > 0)
		ff->choice = 0;
}

static void
form_color_choice(struct form *f, const char *current)
{
	struct form_field *ff = form_add(f, "Color", FIELD_CHOICE,
	    "the color of the theme this is drawn in; ← → to choose");
	size_t i;

	ff->allow_none = true;
	for (i = 0; i < sizeof form_colors / sizeof form_colors[0]; i++) {
		form_option(ff, form_colors[i], form_colors[i]);
		if (current != NULL && strcmp(current, form_colors[i]) == 0)
			ff->choice = (long)i;
	}
	if (current != NULL && ff->choice < 0) {
		form_option(ff, current, current);
		ff->choice = (long)ff->option_count - 1;
	}
}

struct form *
form_create(const struct map *m, enum entity_kind kind, const void *entity,
    const char *title)
{
	struct form *f = xcalloc(1, sizeof *f);
	struct form_field *ff;
	char num[64];
	size_t i;

	f->title = xstrdup(title);
	f->kind = kind;
	switch (kind) {
	case ENTITY_CARD: {
		const struct card *c = entity;
		static const char *emotions[] = {"-2 very unhappy",
		    "-1 unhappy", "0 neutral", "+1 happy", "+2 very happy"};

		form_text(f, "Title", FIELD_TEXT, c->title,
		    "what happens at this touchpoint, in a few words");
		form_entity_choice(f, m, "Owner", ENTITY_DEPARTMENT, c->owner,
		    true, false, "the department that owns the touchpoint");
		form_entity_choice(f, m, "Channel", ENTITY_CHANNEL, c->channel,
		    true, false, "where it happens");
		ff = form_add(f, "Personas", FIELD_MULTI,
		    "who meets this card; ← → to move, Space to tick");
		ff->ticked = xcalloc(m->persona_count + 1, sizeof *ff->ticked);
		for (i = 0; i < m->persona_count; i++) {
			/* "Marta, weekend runner" shows as "Marta". */
			const char *pn = m->personas[i].name != NULL ?
			    m->personas[i].name : m->personas[i].id;
			char *shortname = xstrndup(pn, strcspn(pn, ",("));
			size_t sl = strlen(shortname);

			while (sl > 0 && shortname[sl - 1] == ' ')
				shortname[--sl] = '\0';
			form_option(ff, m->personas[i].id,
			    sl > 0 ? shortname : pn);
			free(shortname);
			ff->ticked[i] = strlist_index(&c->personas,
			    m->personas[i].id) >= 0;
		}
		ff = form_add(f, "Emotion", FIELD_CHOICE,
		    "how the customer feels here; draws the curve");
		ff->allow_none = true;
		for (i = 0; i < 5; i++) {
			snprintf(num, sizeof num, "%d", (int)i - 2);
			form_option(ff, num, emotions[i]);
		}
		if (c->has_emotion && c->emotion >= -2 && c->emotion <= 2)
			ff->choice = c->emotion + 2;
		form_text(f, "Notes", FIELD_LONG, c->notes,
		    "details; E edits several lines in $EDITOR");
		form_entity_choice(f, m, "Stage", ENTITY_STAGE, c->stage, false,
		    false, "the column; ← → to choose");
		form_entity_choice(f, m, "Lane", ENTITY_LANE, c->lane, false,
		    true, "the row; ← → to choose");
		form_text(f, "Event", FIELD_TEXT, c->event,
		    "event name counted for this touchpoint in the store");
		num[0] = '\0';
		if (c->has_votes)
			snprintf(num, sizeof num, "%d", c->votes);
		form_text(f, "Votes", FIELD_INT, num,
		    "dot votes from the room");
		form_list(f, "Tags", &c->tags, "words separated by ;");
		form_text(f, "Id", FIELD_TEXT, c->id,
		    "a-z 0-9 - _; references follow a change");
		break;
	}
	case ENTITY_STAGE: {
		const struct stage *s = entity;

		form_text(f, "Name", FIELD_TEXT, s->name, "the column's title");
		form_text(f, "Id", FIELD_TEXT, s->id,
		    "a-z 0-9 - _; cards follow a change");
		form_text(f, "Description", FIELD_LONG, s->description, NULL);
		form_list(f, "Events", &s->events,
		    "event names meaning \"reached this stage\", "
		    "separated by ;");
		num[0] = '\0';
		if (s->has_target)
			snprintf(num, sizeof num, "%g", s->target);
		form_text(f, "Target", FIELD_NUMBER, num,
		    "planned conversion from the previous stage, 0..1");
		break;
	}
	case ENTITY_LANE: {
		const struct lane *l = entity;

		form_text(f, "Name", FIELD_TEXT, l->name, "the row's title");
		form_text(f, "Id", FIELD_TEXT, l->id,
		    "a-z 0-9 - _; cards follow a change");
		ff = form_add(f, "Kind", FIELD_CHOICE,
		    "emotion draws the curve; metrics shows measures");
		for (i = 0; i < LANE_KIND_COUNT; i++)
			form_option(ff, lane_kind_name((enum lane_kind)i),
			    lane_kind_name((enum lane_kind)i));
		ff->choice = (long)l->kind;
		break;
	}
	case ENTITY_PERSONA: {
		const struct persona *p = entity;

		form_text(f, "Name", FIELD_TEXT, p->name, NULL);
		form_text(f, "Id", FIELD_TEXT, p->id,
		    "a-z 0-9 - _; cards follow a change");
		num[0] = '\0';
		if (p->has_age)
			snprintf(num, sizeof num, "%d", p->age);
		form_text(f, "Age", FIELD_INT, num, NULL);
		form_text(f, "Occupation", FIELD_TEXT, p->occupation, NULL);
		form_text(f, "Description", FIELD_LONG, p->description, NULL);
		form_list(f, "Goals", &p->goals, "separated by ;");
		form_list(f, "Frustrations", &p->frustrations,
		    "separated by ;");
		form_text(f, "Quote", FIELD_TEXT, p->quote, NULL);
		form_text(f, "Segment", FIELD_TEXT, p->segment,
		    "the value naming this persona in the event store");
		form_color_choice(f, p->color);
		break;
	}
	case ENTITY_DEPARTMENT: {
		const struct department *d = entity;

		form_text(f, "Name", FIELD_TEXT, d->name, NULL);
		form_text(f, "Id", FIELD_TEXT, d->id,
		    "a-z 0-9 - _; cards follow a change");
		form_color_choice(f, d->color);
		break;
	}
	case ENTITY_CHANNEL:
	default: {
		const struct channel *c = entity;

		form_text(f, "Name", FIELD_TEXT, c->name, NULL);
		form_text(f, "Id", FIELD_TEXT, c->id,
		    "a-z 0-9 - _; cards follow a change");
		ff = form_add(f, "Kind", FIELD_CHOICE, "online or offline");
		ff->allow_none = true;
		form_option(ff, "online", "online");
		form_option(ff, "offline", "offline");
		if (c->kind == CHANNEL_ONLINE)
			ff->choice = 0;
		else if (c->kind == CHANNEL_OFFLINE)
			ff->choice = 1;
		break;
	}
	}
	return f;
}

struct form *
form_create_meta(const struct map *m)
{
	struct form *f = xcalloc(1, sizeof *f);

	f->title = xstrdup("Map");
	f->kind = ENTITY_KIND_COUNT;
	form_text(f, "Title", FIELD_TEXT, m->title, "the map's title");
	form_text(f, "Summary", FIELD_LONG, m->summary,
	    "what the journey is and who is in the room");
	return f;
}

void
form_destroy(struct form *f)
{
	size_t i, k;

	if (f == NULL)
		return;
	for (i = 0; i < f->count; i++) {
		struct form_field *ff = &f->fields[i];

		free(ff->text);
		strlist_free(&ff->list);
		for (k = 0; k < ff->option_count; k++) {
			free(ff->option_ids[k]);
			free(ff->option_names[k]);
		}
		free(ff->option_ids);
		free(ff->option_names);
		free(ff->ticked);
	}
	free(f->fields);
	free(f->title);
	free(f->message);
	free(f);
}

static const struct form_field *
form_field(const struct form *f, const char *label)
{
	size_t i;

	for (i = 0; i < f->count; i++) {
		if (strcmp(f->fields[i].label, label) == 0)
			return &f->fields[i];
	}
	return NULL;
}

const char *
form_value(const struct form *f, const char *label)
{
	const struct form_field *ff = form_field(f, label);

	if (ff == NULL)
		return NULL;
	if (ff->type == FIELD_CHOICE)
		return ff->choice >= 0 ? ff->option_ids[ff->choice] : NULL;
	return *ff->text != '\0' ? ff->text : NULL;
}

static void
form_set_str(char **dst, const struct form *f, const char *label)
{
	const char *v = form_value(f, label);

	free(*dst);
	*dst = v != NULL ? xstrdup(v) : NULL;
}

static void
form_set_list(struct strlist *dst, const struct form *f, const char *label)
{
	const struct form_field *ff = form_field(f, label);

	strlist_free(dst);
	if (ff != NULL)
		strlist_copy(dst, &ff->list);
}

static int
form_get_int(const struct form *f, const char *label, int *out, bool *has,
    char **cause)
{
	const char *v = form_value(f, label);
	char *end;
	long n;

	*has = false;
	if (v == NULL)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (*end != '\0' || errno != 0 || n < -1000000000L || n > 1000000000L) {
		*cause = xasprintf("%s: '%s' is not a whole number", label, v);
		return -1;
	}
	*out = (int)n;
	*has = true;
	return 0;
}

int
form_to_entity(const struct form *f, const void *base, void *out,
    char **cause)
{
	const struct form_field *ff;
	const char *v;
	char *end;
	size_t i;

	switch (f->kind) {
	case ENTITY_CARD: {
		struct card *c = out;

		card_copy(c, base);
		form_set_str(&c->title, f, "Title");
		form_set_str(&c->notes, f, "Notes");
		form_set_str(&c->stage, f, "Stage");
		form_set_str(&c->lane, f, "Lane");
		form_set_str(&c->owner, f, "Owner");
		form_set_str(&c->channel, f, "Channel");
		form_set_str(&c->event, f, "Event");
		form_set_str(&c->id, f, "Id");
		if (c->id == NULL)
			c->id = xstrdup("");
		ff = form_field(f, "Personas");
		strlist_free(&c->personas);
		for (i = 0; i < ff->option_count; i++) {
			if (ff->ticked[i])
				strlist_append(&c->personas, ff->option_ids[i]);
		}
		ff = form_field(f, "Emotion");
		c->has_emotion = ff->choice >= 0;
		c->emotion = ff->choice >= 0 ? (int)ff->choice - 2 : 0;
		form_set_list(&c->tags, f, "Tags");
		if (form_get_int(f, "Votes", &c->votes, &c->has_votes,
		    cause) != 0) {
			card_free(c);
			return -1;
		}
		return 0;
	}
	case ENTITY_STAGE: {
		struct stage *s = out;

		stage_copy(s, base);
		form_set_str(&s->name, f, "Name");
		form_set_str(&s->id, f, "Id");
		form_set_str(&s->description, f, "Description");
		form_set_list(&s->events, f, "Events");
		v = form_value(f, "Target");
		s->has_target = v != NULL;
		if (v != NULL) {
			s->target = strtod(v, &end);
			if (*end != '\0') {
				*cause = xasprintf("Target: '%s' is not a "
				    "number (0..1, e.g. 0.6)", v);
				stage_free(s);
				return -1;
			}
		}
		return 0;
	}
	case ENTITY_LANE: {
		struct lane *l = out;

		lane_copy(l, base);
		form_set_str(&l->name, f, "Name");
		form_set_str(&l->id, f, "Id");
		ff = form_field(f, "Kind");
		l->kind = (enum lane_kind)(ff->choice >= 0 ? ff->choice : 0);
		l->has_kind = true;
		return 0;
	}
	case ENTITY_PERSONA: {
		struct persona *p = out;

		persona_copy(p, base);
		form_set_str(&p->name, f, "Name");
		form_set_str(&p->id, f, "Id");
		form_set_str(&p->occupation, f, "Occupation");
		form_set_str(&p->description, f, "Description");
		form_set_list(&p->goals, f, "Goals");
		form_set_list(&p->frustrations, f, "Frustrations");
		form_set_str(&p->quote, f, "Quote");
		form_set_str(&p->segment, f, "Segment");
		form_set_str(&p->color, f, "Color");
		if (form_get_int(f, "Age", &p->age, &p->has_age, cause) != 0) {
			persona_free(p);
			return -1;
		}
		return 0;
	}
	case ENTITY_DEPARTMENT: {
		struct department *d = out;

		department_copy(d, base);
		form_set_str(&d->name, f, "Name");
		form_set_str(&d->id, f, "Id");
		form_set_str(&d->color, f, "Color");
		return 0;
	}
	case ENTITY_CHANNEL: {
		struct channel *c = out;

		channel_copy(c, base);
		form_set_str(&c->name, f, "Name");
		form_set_str(&c->id, f, "Id");
		ff = form_field(f, "Kind");
		c->kind = ff->choice == 0 ? CHANNEL_ONLINE : ff->choice == 1 ?
		    CHANNEL_OFFLINE : CHANNEL_UNSET;
		return 0;
	}
	default:
		*cause = xstrdup("nothing to build");
		return -1;
	}
}

void
form_choice_step(struct form_field *ff, int step)
{
	long n = (long)ff->option_count, c;

	if (ff->type == FIELD_MULTI) {
		if (ff->option_count == 0)
			return;
		if (step > 0 && ff->sub + 1 < ff->option_count)
			ff->sub++;
		else if (step < 0 && ff->sub > 0)
			ff->sub--;
		return;
	}
	if (ff->type != FIELD_CHOICE || n == 0)
		return;
	c = ff->choice;
	if (ff->allow_none) {
		/* Cycle through none (-1) too. */
		c += step;
		if (c >= n)
			c = -1;
		if (c < -1)
			c = n - 1;
	} else {
		c = ((c < 0 ? 0 : c) + step + n) % n;
	}
	ff->choice = c;
}

void
form_toggle(struct form_field *ff)
{
	if (ff->type == FIELD_MULTI && ff->sub < ff->option_count)
		ff->ticked[ff->sub] = !ff->ticked[ff->sub];
	else if (ff->type == FIELD_CHOICE)
		form_choice_step(ff, 1);
}

char *
form_field_text(const struct form_field *ff)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_adds(&sb, "");
	if (ff->type == FIELD_LIST) {
		for (i = 0; i < ff->list.count; i++)
			strbuf_printf(&sb, "%s%s", i > 0 ? "; " : "",
			    ff->list.items[i]);
		return strbuf_detach(&sb);
	}
	strbuf_adds(&sb, ff->text);
	return strbuf_detach(&sb);
}

void
form_field_set(struct form_field *ff, const char *text)
{
	const char *p, *e;
	char *item, *a, *b;

	if (ff->type != FIELD_LIST) {
		free(ff->text);
		ff->text = xstrdup(text);
		/* Trim the ends of one-line values. */
		if (ff->type != FIELD_LONG) {
			a = ff->text;
			while (*a == ' ')
				a++;
			memmove(ff->text, a, strlen(a) + 1);
			b = ff->text + strlen(ff->text);
			while (b > ff->text && b[-1] == ' ')
				*--b = '\0';
		}
		return;
	}
	strlist_free(&ff->list);
	/* Items separated by ';' or newlines, trimmed, empty ones dropped. */
	for (p = text; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		for (e = p; *e != '\0' && *e != ';' && *e != '\n'; e++)
			;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		item = xstrndup(p, (size_t)(e - p));
		b = item + strlen(item);
		while (b > item && (b[-1] == ' ' || b[-1] == '\t' ||
		    b[-1] == '\r'))
			*--b = '\0';
		if (*item != '\0')
			strlist_append(&ff->list, item);
		free(item);
	}
}

/* The value of a field as shown in the form. */
static char *
form_shown(const struct form_field *ff)
{
	struct strbuf sb = STRBUF_INIT;
	const char *nl;
	size_t i;

	strbuf_adds(&sb, "");
	switch (ff->type) {
	case FIELD_LONG:
		nl = strchr(ff->text, '\n');
		if (nl == NULL)
			strbuf_adds(&sb, ff->text);
		else {
			size_t lines = 1;

			for (const char *p = ff->text; *p; p++)
				lines += *p == '\n' && p[1] != '\0';
			strbuf_add(&sb, ff->text, (size_t)(nl - ff->text));
			strbuf_printf(&sb, " (+%zu lines)", lines - 1);
		}
		break;
	case FIELD_LIST:
		for (i = 0; i < ff->list.count; i++)
			strbuf_printf(&sb, "%s%s", i > 0 ? "; " : "",
			    ff->list.items[i]);
		break;
	case FIELD_CHOICE:
		strbuf_printf(&sb, "‹ %s ›", ff->choice >= 0 ?
		    ff->option_names[ff->choice] : "none");
		break;
	default:
		strbuf_adds(&sb, ff->text);
		break;
	}
	return strbuf_detach(&sb);
}

void
form_draw(struct grid *g, struct form *f)
{
	int w, h, x, y, label_w = 13, rows, i, vx, vw, first = 0;
	size_t k;
	uint16_t st;
	char *shown, *title;
	const char *help;

	w = g->width - 4;
	if (w > 80)
		w = 80;
	if (w < 20)
		w = g->width;
	rows = (int)f->count;
	h = rows + 4;
	if (h > g->height - 2)
		h = g->height - 2;
	if (h < 3)
		h = g->height;
	rows = h - 4 < 1 ? 1 : h - 4;
	if ((int)f->current >= rows)
		first = (int)f->current - rows + 1;
	x = (g->width - w) / 2;
	y = (g->height - h) / 2;
	if (y < 0)
		y = 0;
	grid_fill(g, x, y, w, h, THEME_PANEL);
	grid_box(g, x, y, w, h, THEME_PANEL_BORDER);
	title = xasprintf(" %s ", f->title);
	grid_put_fit(g, x + 2, y, w - 4, THEME_PANEL_TITLE, title);
	free(title);
	if (label_w > w / 3)
		label_w = w / 3;
	vx = x + 2 + label_w + 1;
	vw = x + w - 2 - vx;
	for (i = 0; i < rows && first + i < (int)f->count; i++) {
		struct form_field *ff = &f->fields[first + i];
		bool cur = (size_t)(first + i) == f->current;
		int fy = y + 1 + i;

		st = cur ? THEME_FIELD_CURRENT : THEME_PANEL;
		grid_fill(g, x + 1, fy, label_w + 1, 1, st);
		grid_put_fit(g, x + 2, fy, label_w, st, ff->label);
		grid_fill(g, vx, fy, vw, 1, THEME_FIELD);
		if (ff->type == FIELD_MULTI) {
			int cx = vx;

			if (ff->option_count == 0)
				grid_put_fit(g, cx, fy, vw, THEME_FIELD,
				    "(no personas: P adds them)");
			for (k = 0; k < ff->option_count; k++) {
				char *item = xasprintf("[%s] %s",
				    ff->ticked[k] ? "x" : " ",
				    ff->option_names[k]);
				uint16_t ist = cur && k == ff->sub ?
				    THEME_FIELD_CURRENT : THEME_FIELD;
				int room = vx + vw - cx;

				if (room <= 2) {
					free(item);
					break;
				}
				cx += grid_put_fit(g, cx, fy, room, ist, item) +
				    2;
				free(item);
			}
		} else {
			shown = form_shown(ff);
			grid_put_fit(g, vx, fy, vw, THEME_FIELD, shown);
			free(shown);
		}
		if (cur) {
			f->value_x = vx;
			f->value_y = fy;
			f->value_w = vw;
		}
	}
	help = f->message;
	st = f->message != NULL ? THEME_STATUS_ERROR : THEME_PANEL;
	if (help == NULL && f->current < f->count)
		help = f->fields[f->current].help;
	if (help != NULL && h >= 4)
		grid_put_fit(g, x + 2, y + h - 2, w - 4, st, help);
}
