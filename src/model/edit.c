/*
 * edit.c - the edit API: checked changes to a map, with undo and redo.
 *
 * Every change to a map is made of five primitive records: insert an
 * entity, delete one, replace one, move one within its array, and set the
 * map's title and summary.  A record holds copies of the entities it needs
 * to go both ways (the entity before and after, never the whole map), so
 * its inverse is always at hand.  A step is the list of records one undo
 * reverses: a public edit opens a group, applies and records its
 * primitives, and closes the group; user groups (edit_group_begin) simply
 * wrap more of them.  Undoing a step applies the inverse of its records in
 * reverse order; redoing it applies them again in order.  Forward
 * application, undo and redo all go through record_apply, so an edit and
 * its redo cannot drift apart.
 *
 * The six kinds of entity share one implementation through a table of
 * descriptors (size, copy/free/equal, where the id is, how to reach the
 * array): only the checks differ per kind.
 *
 * Whether the doc is modified is answered with state ids rather than a
 * counter of edits: each step gets a fresh id for the state it leads to
 * and remembers the id of the state it started from, and the doc keeps the
 * id of the current state and of the saved one.  Undoing back to the saved
 * state thus reads as unmodified, and a state thrown away (a redo branch
 * cleared by a new edit) is never mistaken for the saved one, because ids
 * are never reused.
 */
#include "model/edit.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

#define EDIT_DEFAULT_DEPTH 1000
/* Longest id quoted in a message or label; longer is cut with "...". */
#define EDIT_SHOW_MAX 64

/* --- kinds -------------------------------------------------------------- */

/* Room for any one entity, for moves and for copies made on the stack. */
union any_entity {
	struct persona persona;
	struct department department;
	struct channel channel;
	struct stage stage;
	struct lane lane;
	struct card card;
};

struct kind_desc {
	const char *name;
	size_t size;
	size_t id_off;    /* offsetof(struct X, id) */
	size_t count_off; /* offsetof(struct map, X_count) */
	void *(*items)(const struct map *);
	void (*grow)(struct map *, size_t need);
	void (*copy)(void *dst, const void *src);
	void (*free)(void *);
	bool (*equal)(const void *, const void *);
	/* Check e as the entity at index self (-1: a new one). */
	int (*check)(const struct map *, const void *e, long self,
	    char **cause);
};

#define KIND_FUNCS(type, arr, cap)                                    \
	static void *type##_items_v(const struct map *m)              \
	{                                                             \
		return m->arr;                                        \
	}                                                             \
	static void type##_grow_v(struct map *m, size_t need)         \
	{                                                             \
		XGROW(m->arr, m->cap, need);                          \
	}                                                             \
	static void type##_copy_v(void *dst, const void *src)         \
	{                                                             \
		type##_copy(dst, src);                                \
	}                                                             \
	static void type##_free_v(void *e)                            \
	{                                                             \
		type##_free(e);                                       \
	}                                                             \
	static bool type##_equal_v(const void *a, const void *b)      \
	{                                                             \
		return type##_equal(a, b);                            \
	}                                                             \
	static int type##_check_v(const struct map *m, const void *e, \
	    long self, char **cause)                                  \
	{                                                             \
		return type##_check(m, e, self, cause);               \
	}

#define KIND(name_, type, count_)                                      \
	{ name_, sizeof(struct type), offsetof(struct type, id),      \
	  offsetof(struct map, count_), type##_items_v, type##_grow_v, \
	  type##_copy_v, type##_free_v, type##_equal_v, type##_check_v }

static int persona_check(const struct map *, const struct persona *, long,
    char **);
static int department_check(const struct map *, const struct department *,
    long, char **);
static int channel_check(const struct map *, const struct channel *, long,
    char **);
static int stage_check(const struct map *, const struct stage *, long,
    char **);
static int lane_check(const struct map *, const struct lane *, long,
    char **);
static int card_check(const struct map *, const struct card *, long,
    char **);

KIND_FUNCS(persona, personas, persona_cap)
KIND_FUNCS(department, departments, department_cap)
KIND_FUNCS(channel, channels, channel_cap)
KIND_FUNCS(stage, stages, stage_cap)
KIND_FUNCS(lane, lanes, lane_cap)
KIND_FUNCS(card, cards, card_cap)

static const struct kind_desc kinds[ENTITY_KIND_COUNT] = {
	KIND("persona", persona, persona_count),
	KIND("department", department, department_count),
	KIND("channel", channel, channel_count),
	KIND("stage", stage, stage_count),
	KIND("lane", lane, lane_count),
	KIND("card", card, card_count),
};

static bool
kind_valid(enum entity_kind kind)
{
	return (int)kind >= 0 && kind < ENTITY_KIND_COUNT;
}

static size_t *
kind_count(const struct map *m, enum entity_kind kind)
{
	/* The count is a size_t member of the map: reaching it by offset is
	 * an ordinary size_t access. */
	return (size_t *)(void *)((char *)m + kinds[kind].count_off);
}

static void *
kind_slot(const struct map *m, enum entity_kind kind, size_t index)
{
	return (char *)kinds[kind].items(m) + index * kinds[kind].size;
}

static const char *
kind_id_of(enum entity_kind kind, const void *e)
{
	return *(char *const *)(const void *)((const char *)e +
	    kinds[kind].id_off);
}

/* Insert a copy of e at index (<= count). */
static void
kind_insert(struct map *m, enum entity_kind kind, size_t index,
    const void *e)
{
	const struct kind_desc *k = &kinds[kind];
	size_t *count = kind_count(m, kind);
	char *base;

	k->grow(m, *count + 1);
	base = k->items(m);
	memmove(base + (index + 1) * k->size, base + index * k->size,
	    (*count - index) * k->size);
	k->copy(base + index * k->size, e);
	(*count)++;
}

static void
kind_remove(struct map *m, enum entity_kind kind, size_t index)
{
	const struct kind_desc *k = &kinds[kind];
	size_t *count = kind_count(m, kind);
	char *base = k->items(m);

	k->free(base + index * k->size);
	memmove(base + index * k->size, base + (index + 1) * k->size,
	    (*count - index - 1) * k->size);
	(*count)--;
}

static void
kind_replace(struct map *m, enum entity_kind kind, size_t index,
    const void *e)
{
	const struct kind_desc *k = &kinds[kind];
	union any_entity tmp;
	void *slot = kind_slot(m, kind, index);

	/* Copy first: e may share strings with the slot. */
	k->copy(&tmp, e);
	k->free(slot);
	memcpy(slot, &tmp, k->size);
}

static void
kind_move(struct map *m, enum entity_kind kind, size_t from, size_t to)
{
	const struct kind_desc *k = &kinds[kind];
	char *base = k->items(m);
	union any_entity tmp;

	if (from == to)
		return;
	memcpy(&tmp, base + from * k->size, k->size);
	if (from < to)
		memmove(base + from * k->size, base + (from + 1) * k->size,
		    (to - from) * k->size);
	else
		memmove(base + (to + 1) * k->size, base + to * k->size,
		    (from - to) * k->size);
	memcpy(base + to * k->size, &tmp, k->size);
}

static void *
kind_dup(enum entity_kind kind, const void *e)
{
	void *p = xmalloc(kinds[kind].size);

	kinds[kind].copy(p, e);
	return p;
}

/* --- public lookups ----------------------------------------------------- */

const char *
entity_kind_name(enum entity_kind kind)
{
	if (!kind_valid(kind))
		return "entity";
	return kinds[kind].name;
}

size_t
entity_count(const struct map *m, enum entity_kind kind)
{
	if (!kind_valid(kind))
		return 0;
	return *kind_count(m, kind);
}

const void *
entity_at(const struct map *m, enum entity_kind kind, size_t index)
{
	if (!kind_valid(kind) || index >= *kind_count(m, kind))
		return NULL;
	return kind_slot(m, kind, index);
}

const char *
entity_id(const struct map *m, enum entity_kind kind, size_t index)
{
	const void *e = entity_at(m, kind, index);

	return e != NULL ? kind_id_of(kind, e) : NULL;
}

long
entity_index(const struct map *m, enum entity_kind kind, const char *id)
{
	size_t i, count;
	const char *other;

	if (!kind_valid(kind) || id == NULL)
		return -1;
	count = *kind_count(m, kind);
	for (i = 0; i < count; i++) {
		other = kind_id_of(kind, kind_slot(m, kind, i));
		if (other != NULL && strcmp(other, id) == 0)
			return (long)i;
	}
	return -1;
}

/* --- messages ----------------------------------------------------------- */

/* s for a message or a label: control characters escaped, cut after
 * EDIT_SHOW_MAX bytes.  Caller frees. */
static char *
edit_show(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *u;
	size_t i, limit, len;

	if (s == NULL)
		return xstrdup("(no id)");
	u = (const unsigned char *)s;
	len = limit = strlen(s);
	if (limit > EDIT_SHOW_MAX) {
		limit = EDIT_SHOW_MAX;
		while (limit > 0 && (u[limit] & 0xC0) == 0x80)
			limit--;
	}
	for (i = 0; i < limit; i++) {
		if (u[i] < 0x20 || u[i] == 0x7F)
			strbuf_printf(&sb, "\\x%02x", u[i]);
		else
			strbuf_addc(&sb, (char)u[i]);
	}
	if (limit < len)
		strbuf_adds(&sb, "...");
	return strbuf_detach(&sb);
}

static void
edit_fail(char **cause, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
edit_fail(char **cause, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (cause != NULL)
		*cause = xvasprintf(fmt, ap);
	va_end(ap);
}

/* "card 'ig-ad'" for entity e.  Caller frees. */
static char *
edit_name(enum entity_kind kind, const void *e)
{
	char *shown = edit_show(kind_id_of(kind, e)), *s;

	s = xasprintf("%s '%s'", kinds[kind].name, shown);
	free(shown);
	return s;
}

/* --- checks ------------------------------------------------------------- */

/* The id of a new or changed entity: present, well formed, unique. */
static int
check_id(const struct map *m, enum entity_kind kind, const char *id,
    long self, char **cause)
{
	size_t i, count = *kind_count(m, kind);
	const char *other;
	char *shown;

	if (id == NULL || *id == '\0') {
		edit_fail(cause, "a %s needs an id", kinds[kind].name);
		return -1;
	}
	if (!map_id_valid(id)) {
		shown = edit_show(id);
		edit_fail(cause, "invalid id '%s': use 1 to %d characters "
		    "from a-z, 0-9, '-' and '_'", shown, MAP_ID_MAX);
		free(shown);
		return -1;
	}
	for (i = 0; i < count; i++) {
		if ((long)i == self)
			continue;
		other = kind_id_of(kind, kind_slot(m, kind, i));
		if (other != NULL && strcmp(other, id) == 0) {
			edit_fail(cause, "there is already a %s '%s'",
			    kinds[kind].name, id);
			return -1;
		}
	}
	return 0;
}

/* A reference of a card to an entity of kind `to`. */
static int
check_ref(const struct map *m, enum entity_kind to, const char *field,
    const char *id, char **cause)
{
	char *shown;

	if (entity_index(m, to, id) >= 0)
		return 0;
	shown = edit_show(id);
	if (strcmp(field, kinds[to].name) == 0)
		edit_fail(cause, "%s '%s' does not exist", field, shown);
	else
		edit_fail(cause, "%s '%s' is not a %s", field, shown,
		    kinds[to].name);
	free(shown);
	return -1;
}

static int
persona_check(const struct map *m, const struct persona *p, long self,
    char **cause)
{
	if (check_id(m, ENTITY_PERSONA, p->id, self, cause) != 0)
		return -1;
	if (p->has_age && p->age < 0) {
		edit_fail(cause, "age cannot be negative");
		return -1;
	}
	return 0;
}

static int
department_check(const struct map *m, const struct department *dep,
    long self, char **cause)
{
	return check_id(m, ENTITY_DEPARTMENT, dep->id, self, cause);
}

static int
channel_check(const struct map *m, const struct channel *c, long self,
    char **cause)
{
	if (check_id(m, ENTITY_CHANNEL, c->id, self, cause) != 0)
		return -1;
	if ((int)c->kind < CHANNEL_UNSET || c->kind > CHANNEL_OFFLINE) {
		edit_fail(cause, "channel kind %d is not online or offline",
		    (int)c->kind);
		return -1;
	}
	return 0;
}

static int
stage_check(const struct map *m, const struct stage *s, long self,
    char **cause)
{
	if (check_id(m, ENTITY_STAGE, s->id, self, cause) != 0)
		return -1;
	/* Written so that NaN fails too. */
	if (s->has_target && !(s->target >= 0.0 && s->target <= 1.0)) {
		edit_fail(cause, "target %g is outside 0..1", s->target);
		return -1;
	}
	return 0;
}

/* Number of cards whose stage (kind ENTITY_STAGE) or lane is id. */
static size_t
cards_in(const struct map *m, enum entity_kind kind, const char *id)
{
	size_t i, n = 0;
	const char *ref;

	if (id == NULL)
		return 0;
	for (i = 0; i < m->card_count; i++) {
		ref = kind == ENTITY_STAGE ? m->cards[i].stage :
		    m->cards[i].lane;
		if (ref != NULL && strcmp(ref, id) == 0)
			n++;
	}
	return n;
}

static const char *
lane_kind_article(enum lane_kind kind)
{
	return kind == LANE_EMOTION ? "an" : "a";
}

static int
lane_check(const struct map *m, const struct lane *l, long self,
    char **cause)
{
	size_t n;
	char *shown;

	if (check_id(m, ENTITY_LANE, l->id, self, cause) != 0)
		return -1;
	if ((int)l->kind < 0 || l->kind >= LANE_KIND_COUNT) {
		edit_fail(cause, "lane kind %d is not a lane kind",
		    (int)l->kind);
		return -1;
	}
	if (self >= 0 && !lane_kind_holds_cards(l->kind)) {
		n = cards_in(m, ENTITY_LANE, m->lanes[self].id);
		if (n > 0) {
			shown = edit_show(m->lanes[self].id);
			edit_fail(cause, "lane '%s' holds %zu card%s, and %s "
			    "%s lane holds none: move them first", shown, n,
			    n == 1 ? "" : "s", lane_kind_article(l->kind),
			    lane_kind_name(l->kind));
			free(shown);
			return -1;
		}
	}
	return 0;
}

static int
card_check(const struct map *m, const struct card *c, long self,
    char **cause)
{
	const struct lane *lane;
	size_t i;
	char *shown;

	if (check_id(m, ENTITY_CARD, c->id, self, cause) != 0)
		return -1;
	if (c->stage == NULL || *c->stage == '\0') {
		edit_fail(cause, "a card needs a stage");
		return -1;
	}
	if (check_ref(m, ENTITY_STAGE, "stage", c->stage, cause) != 0)
		return -1;
	if (c->lane == NULL || *c->lane == '\0') {
		edit_fail(cause, "a card needs a lane");
		return -1;
	}
	if (check_ref(m, ENTITY_LANE, "lane", c->lane, cause) != 0)
		return -1;
	lane = &m->lanes[map_lane_index(m, c->lane)];
	if (!lane_kind_holds_cards(lane->kind)) {
		shown = edit_show(c->lane);
		edit_fail(cause, "lane '%s' is %s %s lane, which holds no "
		    "cards", shown, lane_kind_article(lane->kind),
		    lane_kind_name(lane->kind));
		free(shown);
		return -1;
	}
	if (c->owner != NULL &&
	    check_ref(m, ENTITY_DEPARTMENT, "owner", c->owner, cause) != 0)
		return -1;
	if (c->channel != NULL &&
	    check_ref(m, ENTITY_CHANNEL, "channel", c->channel, cause) != 0)
		return -1;
	for (i = 0; i < c->personas.count; i++)
		if (check_ref(m, ENTITY_PERSONA, "persona",
		    c->personas.items[i], cause) != 0)
			return -1;
	if (c->has_emotion && (c->emotion < CARD_EMOTION_MIN ||
	    c->emotion > CARD_EMOTION_MAX)) {
		edit_fail(cause, "emotion %d is outside %d..+%d", c->emotion,
		    CARD_EMOTION_MIN, CARD_EMOTION_MAX);
		return -1;
	}
	if (c->has_votes && c->votes < 0) {
		edit_fail(cause, "votes cannot be negative");
		return -1;
	}
	return 0;
}

/* Kind and index are usable; otherwise fail with a message. */
static int
check_index(const struct map *m, enum entity_kind kind, size_t index,
    char **cause)
{
	if (!kind_valid(kind)) {
		edit_fail(cause, "unknown kind of entity %d", (int)kind);
		return -1;
	}
	if (index >= *kind_count(m, kind)) {
		edit_fail(cause, "there is no %s number %zu (there are %zu)",
		    kinds[kind].name, index + 1, *kind_count(m, kind));
		return -1;
	}
	return 0;
}

/* --- records and steps -------------------------------------------------- */

enum record_op {
	RECORD_INSERT,  /* after inserted at index */
	RECORD_DELETE,  /* before deleted from index */
	RECORD_REPLACE, /* before replaced by after at index */
	RECORD_MOVE,    /* entity moved from index to `to` */
	RECORD_META,    /* title and summary: before and after */
};

struct meta {
	char *title;
	char *summary;
};

struct record {
	enum record_op op;
	enum entity_kind kind;
	size_t index;
	size_t to;
	void *before; /* owned copy, or NULL */
	void *after;  /* owned copy, or NULL */
};

struct step {
	char *label;
	struct record *records;
	size_t count, cap;
	unsigned long state_before, state_after;
};

struct history {
	size_t depth;
	struct step *undo; /* oldest first */
	size_t undo_count, undo_cap;
	struct step *redo; /* the next to redo last */
	size_t redo_count, redo_cap;
	struct step open; /* the step being built while group_level > 0 */
	int group_level;
	unsigned long state;       /* id of the current state */
	unsigned long saved_state; /* id of the state last saved */
	unsigned long next_state;  /* last id handed out */
};

static void
meta_free(struct meta *mt)
{
	if (mt == NULL)
		return;
	free(mt->title);
	free(mt->summary);
	free(mt);
}

static void
record_free(struct record *r)
{
	if (r->op == RECORD_META) {
		meta_free(r->before);
		meta_free(r->after);
		return;
	}
	if (r->before != NULL) {
		kinds[r->kind].free(r->before);
		free(r->before);
	}
	if (r->after != NULL) {
		kinds[r->kind].free(r->after);
		free(r->after);
	}
}

static void
step_free(struct step *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		record_free(&s->records[i]);
	free(s->records);
	free(s->label);
	memset(s, 0, sizeof *s);
}

static void
record_apply(struct map *m, const struct record *r, bool forward)
{
	const struct meta *mt;

	switch (r->op) {
	case RECORD_INSERT:
		if (forward)
			kind_insert(m, r->kind, r->index, r->after);
		else
			kind_remove(m, r->kind, r->index);
		break;
	case RECORD_DELETE:
		if (forward)
			kind_remove(m, r->kind, r->index);
		else
			kind_insert(m, r->kind, r->index, r->before);
		break;
	case RECORD_REPLACE:
		kind_replace(m, r->kind, r->index,
		    forward ? r->after : r->before);
		break;
	case RECORD_MOVE:
		if (forward)
			kind_move(m, r->kind, r->index, r->to);
		else
			kind_move(m, r->kind, r->to, r->index);
		break;
	case RECORD_META:
		mt = forward ? r->after : r->before;
		free(m->title);
		free(m->summary);
		m->title = xstrdup(mt->title);
		m->summary = xstrdup(mt->summary);
		break;
	}
}

static void
hist_clear_redo(struct history *h)
{
	while (h->redo_count > 0)
		step_free(&h->redo[--h->redo_count]);
}

/*
 * Apply r to the map and append it to the open step, which takes
 * ownership of its copies.  The first record of a step starts a new state:
 * the redo stack is dropped and a fresh state id handed out.
 */
static void
hist_do(struct doc *d, struct record *r)
{
	struct history *h = d->hist;
	struct step *s = &h->open;

	record_apply(d->map, r, true);
	if (s->count == 0) {
		hist_clear_redo(h);
		s->state_before = h->state;
		s->state_after = h->state = ++h->next_state;
	}
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1;
		s->records = xreallocarray(s->records, s->cap,
		    sizeof *s->records);
	}
	s->records[s->count++] = *r;
}

/* Close the open step: push it on the undo stack (dropping the oldest
 * step beyond the depth), or forget it when it recorded nothing. */
static void
hist_close(struct history *h)
{
	struct step *s = &h->open;

	if (s->count == 0) {
		step_free(s);
		return;
	}
	if (s->label == NULL)
		s->label = xstrdup("edit");
	/* Trim: a deep history of one-record steps should cost one record
	 * each. */
	s->records = xreallocarray(s->records, s->count, sizeof *s->records);
	s->cap = s->count;
	XGROW(h->undo, h->undo_cap, h->undo_count + 1);
	h->undo[h->undo_count++] = *s;
	memset(s, 0, sizeof *s);
	if (h->undo_count > h->depth) {
		step_free(&h->undo[0]);
		memmove(h->undo, h->undo + 1,
		    (h->undo_count - 1) * sizeof *h->undo);
		h->undo_count--;
	}
}

static void
rec_insert(struct doc *d, enum entity_kind kind, size_t index, const void *e)
{
	struct record r = { RECORD_INSERT, kind, index, 0, NULL, NULL };

	r.after = kind_dup(kind, e);
	hist_do(d, &r);
}

static void
rec_delete(struct doc *d, enum entity_kind kind, size_t index)
{
	struct record r = { RECORD_DELETE, kind, index, 0, NULL, NULL };

	r.before = kind_dup(kind, kind_slot(d->map, kind, index));
	hist_do(d, &r);
}

static void
rec_replace(struct doc *d, enum entity_kind kind, size_t index,
    const void *e)
{
	struct record r = { RECORD_REPLACE, kind, index, 0, NULL, NULL };

	r.before = kind_dup(kind, kind_slot(d->map, kind, index));
	r.after = kind_dup(kind, e);
	hist_do(d, &r);
}

static void
rec_move(struct doc *d, enum entity_kind kind, size_t from, size_t to)
{
	struct record r = { RECORD_MOVE, kind, from, to, NULL, NULL };

	if (from != to)
		hist_do(d, &r);
}

static void
rec_meta(struct doc *d, const char *title, const char *summary)
{
	struct record r = { RECORD_META, ENTITY_CARD, 0, 0, NULL, NULL };
	struct meta *before = xcalloc(1, sizeof *before);
	struct meta *after = xcalloc(1, sizeof *after);

	before->title = xstrdup(d->map->title);
	before->summary = xstrdup(d->map->summary);
	after->title = xstrdup(title);
	after->summary = xstrdup(summary);
	r.before = before;
	r.after = after;
	hist_do(d, &r);
}

/* --- the doc ------------------------------------------------------------ */

struct doc *
doc_create(struct map *m, size_t depth)
{
	struct doc *d = xcalloc(1, sizeof *d);

	d->map = m != NULL ? m : map_create();
	d->hist = xcalloc(1, sizeof *d->hist);
	d->hist->depth = depth != 0 ? depth : EDIT_DEFAULT_DEPTH;
	return d;
}

static void
hist_clear(struct history *h)
{
	hist_clear_redo(h);
	while (h->undo_count > 0)
		step_free(&h->undo[--h->undo_count]);
	step_free(&h->open);
	h->group_level = 0;
}

void
doc_destroy(struct doc *d)
{
	if (d == NULL)
		return;
	hist_clear(d->hist);
	free(d->hist->undo);
	free(d->hist->redo);
	free(d->hist);
	map_destroy(d->map);
	free(d);
}

bool
doc_modified(const struct doc *d)
{
	return d->hist->state != d->hist->saved_state;
}

void
doc_mark_saved(struct doc *d)
{
	d->hist->saved_state = d->hist->state;
	d->saved_at = d->changes;
}

void
doc_replace_map(struct doc *d, struct map *m)
{
	struct history *h = d->hist;

	hist_clear(h);
	map_destroy(d->map);
	d->map = m != NULL ? m : map_create();
	h->state = h->saved_state = ++h->next_state;
	d->changes++;
	d->saved_at = d->changes;
}

/* --- groups ------------------------------------------------------------- */

void
edit_group_begin(struct doc *d, const char *label)
{
	struct history *h = d->hist;

	if (h->group_level++ == 0) {
		memset(&h->open, 0, sizeof h->open);
		h->open.label = xstrdup(label);
	} else if (h->open.label == NULL)
		h->open.label = xstrdup(label);
}

void
edit_group_end(struct doc *d)
{
	struct history *h = d->hist;

	if (h->group_level == 0)
		return;
	if (--h->group_level == 0)
		hist_close(h);
}

/* Begin the group of one public edit, labelled by fmt. */
static void
edit_begin(struct doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
edit_begin(struct doc *d, const char *fmt, ...)
{
	va_list ap;
	char *label;

	va_start(ap, fmt);
	label = xvasprintf(fmt, ap);
	va_end(ap);
	edit_group_begin(d, label);
	free(label);
}

static void
edit_end(struct doc *d)
{
	edit_group_end(d);
	d->changes++;
}

/* --- references --------------------------------------------------------- */

/* True if card c refers to `id` as an entity of `kind`. */
static bool
card_refers(const struct card *c, enum entity_kind kind, const char *id)
{
	const char *ref;

	switch (kind) {
	case ENTITY_STAGE:
		ref = c->stage;
		break;
	case ENTITY_LANE:
		ref = c->lane;
		break;
	case ENTITY_DEPARTMENT:
		ref = c->owner;
		break;
	case ENTITY_CHANNEL:
		ref = c->channel;
		break;
	case ENTITY_PERSONA:
		return strlist_index(&c->personas, id) >= 0;
	default:
		return false;
	}
	return ref != NULL && strcmp(ref, id) == 0;
}

/* Point c's reference of `kind` at new_id (NULL: clear it; for personas,
 * remove it from the list). */
static void
card_retarget(struct card *c, enum entity_kind kind, const char *old_id,
    const char *new_id)
{
	char **field = NULL;
	size_t i;

	switch (kind) {
	case ENTITY_STAGE:
		field = &c->stage;
		break;
	case ENTITY_LANE:
		field = &c->lane;
		break;
	case ENTITY_DEPARTMENT:
		field = &c->owner;
		break;
	case ENTITY_CHANNEL:
		field = &c->channel;
		break;
	case ENTITY_PERSONA:
		for (i = c->personas.count; i-- > 0;) {
			if (strcmp(c->personas.items[i], old_id) != 0)
				continue;
			if (new_id == NULL)
				strlist_remove_at(&c->personas, i);
			else {
				free(c->personas.items[i]);
				c->personas.items[i] = xstrdup(new_id);
			}
		}
		return;
	default:
		return;
	}
	free(*field);
	*field = xstrdup(new_id);
}

/* Record, for every card referring to old_id as a `kind`, a replacement
 * pointing at new_id instead (NULL: cleared).  Returns how many cards. */
static size_t
cascade_refs(struct doc *d, enum entity_kind kind, const char *old_id,
    const char *new_id)
{
	struct card c;
	size_t i, n = 0;

	for (i = 0; i < d->map->card_count; i++) {
		if (!card_refers(&d->map->cards[i], kind, old_id))
			continue;
		card_copy(&c, &d->map->cards[i]);
		card_retarget(&c, kind, old_id, new_id);
		rec_replace(d, ENTITY_CARD, i, &c);
		card_free(&c);
		n++;
	}
	return n;
}

/* Number of cards referring to id as a `kind`. */
static size_t
cards_referring(const struct map *m, enum entity_kind kind, const char *id)
{
	size_t i, n = 0;

	if (id == NULL)
		return 0;
	for (i = 0; i < m->card_count; i++)
		if (card_refers(&m->cards[i], kind, id))
			n++;
	return n;
}

/* --- edits -------------------------------------------------------------- */

int
edit_add(struct doc *d, enum entity_kind kind, size_t index,
    const void *entity, size_t *out_index, char **cause)
{
	size_t count;
	char *name;

	if (!kind_valid(kind)) {
		edit_fail(cause, "unknown kind of entity %d", (int)kind);
		return -1;
	}
	if (kinds[kind].check(d->map, entity, -1, cause) != 0)
		return -1;
	count = *kind_count(d->map, kind);
	if (index > count)
		index = count;
	name = edit_name(kind, entity);
	edit_begin(d, "add %s", name);
	free(name);
	rec_insert(d, kind, index, entity);
	edit_end(d);
	if (out_index != NULL)
		*out_index = index;
	return 0;
}

int
edit_update(struct doc *d, enum entity_kind kind, size_t index,
    const void *entity, char **cause)
{
	const void *cur;
	const char *new_id;
	char *old_id, *name, *shown;
	bool renamed;

	if (check_index(d->map, kind, index, cause) != 0)
		return -1;
	if (kinds[kind].check(d->map, entity, (long)index, cause) != 0)
		return -1;
	cur = kind_slot(d->map, kind, index);
	if (kinds[kind].equal(cur, entity))
		return 0;

	old_id = xstrdup(kind_id_of(kind, cur));
	new_id = kind_id_of(kind, entity);
	renamed = old_id != NULL && strcmp(old_id, new_id) != 0;
	if (renamed) {
		name = edit_name(kind, cur);
		shown = edit_show(new_id);
		edit_begin(d, "rename %s to '%s'", name, shown);
		free(shown);
	} else {
		name = edit_name(kind, entity);
		edit_begin(d, "edit %s", name);
	}
	free(name);
	rec_replace(d, kind, index, entity);
	/* Cards refer to the other kinds by id.  In a map that (invalidly)
	 * has another entity with the old id, the references stay with it. */
	if (renamed && kind != ENTITY_CARD &&
	    entity_index(d->map, kind, old_id) < 0)
		cascade_refs(d, kind, old_id, new_id);
	edit_end(d);
	free(old_id);
	return 0;
}

int
edit_delete(struct doc *d, enum entity_kind kind, size_t index,
    char **cause)
{
	const void *cur;
	char *name, *id;
	size_t n;

	if (check_index(d->map, kind, index, cause) != 0)
		return -1;
	cur = kind_slot(d->map, kind, index);
	name = edit_name(kind, cur);
	n = cards_referring(d->map, kind, kind_id_of(kind, cur));
	switch (kind) {
	case ENTITY_STAGE:
	case ENTITY_LANE:
		if (n > 0) {
			edit_fail(cause, "%s holds %zu card%s: delete them "
			    "with it or move them to another %s", name, n,
			    n == 1 ? "" : "s", kinds[kind].name);
			free(name);
			return -1;
		}
		edit_begin(d, "delete %s", name);
		break;
	case ENTITY_PERSONA:
	case ENTITY_DEPARTMENT:
	case ENTITY_CHANNEL:
		if (n > 0)
			edit_begin(d, "delete %s and clear it from %zu card%s",
			    name, n, n == 1 ? "" : "s");
		else
			edit_begin(d, "delete %s", name);
		if (n > 0) {
			id = xstrdup(kind_id_of(kind, cur));
			cascade_refs(d, kind, id, NULL);
			free(id);
		}
		break;
	default:
		edit_begin(d, "delete %s", name);
		break;
	}
	free(name);
	rec_delete(d, kind, index);
	edit_end(d);
	return 0;
}

int
edit_move(struct doc *d, enum entity_kind kind, size_t from, size_t to,
    char **cause)
{
	char *name;

	if (check_index(d->map, kind, from, cause) != 0 ||
	    check_index(d->map, kind, to, cause) != 0)
		return -1;
	if (from == to)
		return 0;
	name = edit_name(kind, kind_slot(d->map, kind, from));
	edit_begin(d, "move %s", name);
	free(name);
	rec_move(d, kind, from, to);
	edit_end(d);
	return 0;
}

/*
 * Delete stage or lane `index` (kind says which) with its cards: deleted
 * when move_to is NULL, else moved to move_to and put after every card
 * already in the map, so they come after the cards already in their new
 * cells and keep their own order.
 */
static int
edit_delete_container(struct doc *d, enum entity_kind kind, size_t index,
    const char *move_to, char **cause)
{
	struct map *m = d->map;
	const struct lane *target_lane;
	struct card c;
	char *name, *id, *shown = NULL;
	size_t n, done, i;
	long target;

	if (check_index(m, kind, index, cause) != 0)
		return -1;
	id = xstrdup(kind_id_of(kind, kind_slot(m, kind, index)));
	name = edit_name(kind, kind_slot(m, kind, index));
	n = id != NULL ? cards_in(m, kind, id) : 0;
	if (move_to != NULL) {
		target = entity_index(m, kind, move_to);
		shown = edit_show(move_to);
		if (target < 0) {
			edit_fail(cause, "cannot move the cards of %s to %s "
			    "'%s': it does not exist", name, kinds[kind].name,
			    shown);
			goto fail;
		}
		if ((size_t)target == index) {
			edit_fail(cause, "cannot move the cards of %s into "
			    "itself", name);
			goto fail;
		}
		if (kind == ENTITY_LANE) {
			target_lane = &m->lanes[target];
			if (!lane_kind_holds_cards(target_lane->kind)) {
				edit_fail(cause, "cannot move the cards of %s "
				    "to lane '%s': it is %s %s lane, which "
				    "holds no cards", name, shown,
				    lane_kind_article(target_lane->kind),
				    lane_kind_name(target_lane->kind));
				goto fail;
			}
		}
		if (n > 0)
			edit_begin(d, "delete %s, moving %zu card%s to '%s'",
			    name, n, n == 1 ? "" : "s", shown);
		else
			edit_begin(d, "delete %s", name);
		free(shown);
		for (i = 0, done = 0; done < n; done++) {
			while (!card_refers(&m->cards[i], kind, id))
				i++;
			card_copy(&c, &m->cards[i]);
			card_retarget(&c, kind, id, move_to);
			rec_replace(d, ENTITY_CARD, i, &c);
			card_free(&c);
			rec_move(d, ENTITY_CARD, i, m->card_count - 1);
		}
	} else {
		if (n > 0)
			edit_begin(d, "delete %s and %zu card%s", name, n,
			    n == 1 ? "" : "s");
		else
			edit_begin(d, "delete %s", name);
		for (i = m->card_count; n > 0 && i-- > 0;)
			if (card_refers(&m->cards[i], kind, id))
				rec_delete(d, ENTITY_CARD, i);
	}
	rec_delete(d, kind, index);
	edit_end(d);
	free(name);
	free(id);
	return 0;
fail:
	free(shown);
	free(name);
	free(id);
	return -1;
}

int
edit_delete_stage(struct doc *d, size_t index, const char *move_to_stage_id,
    char **cause)
{
	return edit_delete_container(d, ENTITY_STAGE, index, move_to_stage_id,
	    cause);
}

int
edit_delete_lane(struct doc *d, size_t index, const char *move_to_lane_id,
    char **cause)
{
	return edit_delete_container(d, ENTITY_LANE, index, move_to_lane_id,
	    cause);
}

static bool
edit_str_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
edit_set_meta(struct doc *d, const char *title, const char *summary,
    char **cause)
{
	(void)cause;
	if (edit_str_equal(d->map->title, title) &&
	    edit_str_equal(d->map->summary, summary))
		return 0;
	edit_begin(d, "edit the title and summary");
	rec_meta(d, title, summary);
	edit_end(d);
	return 0;
}

/* --- undo and redo ------------------------------------------------------ */

bool
edit_can_undo(const struct doc *d)
{
	return d->hist->group_level == 0 && d->hist->undo_count > 0;
}

bool
edit_can_redo(const struct doc *d)
{
	return d->hist->group_level == 0 && d->hist->redo_count > 0;
}

int
edit_undo(struct doc *d, const char **label)
{
	struct history *h = d->hist;
	struct step s;
	size_t i;

	if (!edit_can_undo(d))
		return -1;
	s = h->undo[--h->undo_count];
	for (i = s.count; i-- > 0;)
		record_apply(d->map, &s.records[i], false);
	h->state = s.state_before;
	XGROW(h->redo, h->redo_cap, h->redo_count + 1);
	h->redo[h->redo_count++] = s;
	d->changes++;
	if (label != NULL)
		*label = h->redo[h->redo_count - 1].label;
	return 0;
}

int
edit_redo(struct doc *d, const char **label)
{
	struct history *h = d->hist;
	struct step s;
	size_t i;

	if (!edit_can_redo(d))
		return -1;
	s = h->redo[--h->redo_count];
	for (i = 0; i < s.count; i++)
		record_apply(d->map, &s.records[i], true);
	h->state = s.state_after;
	XGROW(h->undo, h->undo_cap, h->undo_count + 1);
	h->undo[h->undo_count++] = s;
	d->changes++;
	if (label != NULL)
		*label = h->undo[h->undo_count - 1].label;
	return 0;
}

size_t
edit_undo_depth(const struct doc *d)
{
	return d->hist->undo_count;
}

size_t
edit_redo_depth(const struct doc *d)
{
	return d->hist->redo_count;
}
