/*
 * map.c - the journey map's entities: copy, free, compare, look up.
 *
 * Entities live by value in growable arrays of struct map.  Copies are deep
 * (strings, lists and unknown-key trees are duplicated); positions are
 * copied but never compared, since they describe the file, not the map.
 */
#include "model/map.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

/* --- strlist ------------------------------------------------------------ */

void
strlist_append(struct strlist *l, const char *s)
{
	XGROW(l->items, l->cap, l->count + 1);
	l->items[l->count++] = xstrdup(s);
}

void
strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void
strlist_copy(struct strlist *dst, const struct strlist *src)
{
	size_t i;

	memset(dst, 0, sizeof *dst);
	for (i = 0; i < src->count; i++)
		strlist_append(dst, src->items[i]);
}

bool
strlist_equal(const struct strlist *a, const struct strlist *b)
{
	size_t i;

	if (a->count != b->count)
		return false;
	for (i = 0; i < a->count; i++)
		if (strcmp(a->items[i], b->items[i]) != 0)
			return false;
	return true;
}

long
strlist_index(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (strcmp(l->items[i], s) == 0)
			return (long)i;
	return -1;
}

void
strlist_remove_at(struct strlist *l, size_t index)
{
	if (index >= l->count)
		return;
	free(l->items[index]);
	memmove(l->items + index, l->items + index + 1,
	    (l->count - index - 1) * sizeof *l->items);
	l->count--;
}

/* --- helpers ------------------------------------------------------------ */

static bool
str_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* --- entities ----------------------------------------------------------- */

void
persona_copy(struct persona *dst, const struct persona *src)
{
	*dst = *src;
	dst->id = xstrdup(src->id);
	dst->name = xstrdup(src->name);
	dst->occupation = xstrdup(src->occupation);
	dst->description = xstrdup(src->description);
	strlist_copy(&dst->goals, &src->goals);
	strlist_copy(&dst->frustrations, &src->frustrations);
	dst->quote = xstrdup(src->quote);
	dst->segment = xstrdup(src->segment);
	dst->color = xstrdup(src->color);
	dst->extra = node_clone(src->extra);
}

void
persona_free(struct persona *p)
{
	free(p->id);
	free(p->name);
	free(p->occupation);
	free(p->description);
	strlist_free(&p->goals);
	strlist_free(&p->frustrations);
	free(p->quote);
	free(p->segment);
	free(p->color);
	node_free(p->extra);
	memset(p, 0, sizeof *p);
}

bool
persona_equal(const struct persona *a, const struct persona *b)
{
	return str_equal(a->id, b->id) && str_equal(a->name, b->name) &&
	    a->has_age == b->has_age && (!a->has_age || a->age == b->age) &&
	    str_equal(a->occupation, b->occupation) &&
	    str_equal(a->description, b->description) &&
	    strlist_equal(&a->goals, &b->goals) &&
	    strlist_equal(&a->frustrations, &b->frustrations) &&
	    str_equal(a->quote, b->quote) &&
	    str_equal(a->segment, b->segment) &&
	    str_equal(a->color, b->color) && node_equal(a->extra, b->extra);
}

void
department_copy(struct department *dst, const struct department *src)
{
	*dst = *src;
	dst->id = xstrdup(src->id);
	dst->name = xstrdup(src->name);
	dst->color = xstrdup(src->color);
	dst->extra = node_clone(src->extra);
}

void
department_free(struct department *d)
{
	free(d->id);
	free(d->name);
	free(d->color);
	node_free(d->extra);
	memset(d, 0, sizeof *d);
}

bool
department_equal(const struct department *a, const struct department *b)
{
	return str_equal(a->id, b->id) && str_equal(a->name, b->name) &&
	    str_equal(a->color, b->color) && node_equal(a->extra, b->extra);
}

void
channel_copy(struct channel *dst, const struct channel *src)
{
	*dst = *src;
	dst->id = xstrdup(src->id);
	dst->name = xstrdup(src->name);
	dst->extra = node_clone(src->extra);
}

void
channel_free(struct channel *c)
{
	free(c->id);
	free(c->name);
	node_free(c->extra);
	memset(c, 0, sizeof *c);
}

bool
channel_equal(const struct channel *a, const struct channel *b)
{
	return str_equal(a->id, b->id) && str_equal(a->name, b->name) &&
	    a->kind == b->kind && node_equal(a->extra, b->extra);
}

void
stage_copy(struct stage *dst, const struct stage *src)
{
	*dst = *src;
	dst->id = xstrdup(src->id);
	dst->name = xstrdup(src->name);
	dst->description = xstrdup(src->description);
	strlist_copy(&dst->events, &src->events);
	dst->extra = node_clone(src->extra);
}

void
stage_free(struct stage *s)
{
	free(s->id);
	free(s->name);
	free(s->description);
	strlist_free(&s->events);
	node_free(s->extra);
	memset(s, 0, sizeof *s);
}

bool
stage_equal(const struct stage *a, const struct stage *b)
{
	return str_equal(a->id, b->id) && str_equal(a->name, b->name) &&
	    str_equal(a->description, b->description) &&
	    strlist_equal(&a->events, &b->events) &&
	    a->has_target == b->has_target &&
	    (!a->has_target || a->target == b->target) &&
	    node_equal(a->extra, b->extra);
}

void
lane_copy(struct lane *dst, const struct lane *src)
{
	*dst = *src;
	dst->id = xstrdup(src->id);
	dst->name = xstrdup(src->name);
	dst->extra = node_clone(src->extra);
}

void
lane_free(struct lane *l)
{
	free(l->id);
	free(l->name);
	node_free(l->extra);
	memset(l, 0, sizeof *l);
}

bool
lane_equal(const struct lane *a, const struct lane *b)
{
	return str_equal(a->id, b->id) && str_equal(a->name, b->name) &&
	    a->kind == b->kind && a->has_kind == b->has_kind &&
	    node_equal(a->extra, b->extra);
}

void
card_copy(struct card *dst, const struct card *src)
{
	*dst = *src;
	dst->id = xstrdup(src->id);
	dst->stage = xstrdup(src->stage);
	dst->lane = xstrdup(src->lane);
	dst->title = xstrdup(src->title);
	dst->notes = xstrdup(src->notes);
	dst->owner = xstrdup(src->owner);
	dst->channel = xstrdup(src->channel);
	strlist_copy(&dst->personas, &src->personas);
	dst->event = xstrdup(src->event);
	strlist_copy(&dst->tags, &src->tags);
	dst->extra = node_clone(src->extra);
}

void
card_free(struct card *c)
{
	free(c->id);
	free(c->stage);
	free(c->lane);
	free(c->title);
	free(c->notes);
	free(c->owner);
	free(c->channel);
	strlist_free(&c->personas);
	free(c->event);
	strlist_free(&c->tags);
	node_free(c->extra);
	memset(c, 0, sizeof *c);
}

bool
card_equal(const struct card *a, const struct card *b)
{
	return str_equal(a->id, b->id) && str_equal(a->stage, b->stage) &&
	    str_equal(a->lane, b->lane) && str_equal(a->title, b->title) &&
	    str_equal(a->notes, b->notes) && str_equal(a->owner, b->owner) &&
	    str_equal(a->channel, b->channel) &&
	    strlist_equal(&a->personas, &b->personas) &&
	    a->has_emotion == b->has_emotion &&
	    (!a->has_emotion || a->emotion == b->emotion) &&
	    str_equal(a->event, b->event) && a->has_votes == b->has_votes &&
	    (!a->has_votes || a->votes == b->votes) &&
	    strlist_equal(&a->tags, &b->tags) &&
	    node_equal(a->extra, b->extra);
}

void
events_config_copy(struct events_config *dst, const struct events_config *src)
{
	*dst = *src;
	dst->store = xstrdup(src->store);
	dst->table = xstrdup(src->table);
	dst->user = xstrdup(src->user);
	dst->name = xstrdup(src->name);
	dst->time = xstrdup(src->time);
	dst->segment = xstrdup(src->segment);
	dst->channel = xstrdup(src->channel);
	dst->window = xstrdup(src->window);
	dst->extra = node_clone(src->extra);
}

void
events_config_free(struct events_config *e)
{
	free(e->store);
	free(e->table);
	free(e->user);
	free(e->name);
	free(e->time);
	free(e->segment);
	free(e->channel);
	free(e->window);
	node_free(e->extra);
	memset(e, 0, sizeof *e);
}

bool
events_config_equal(const struct events_config *a,
    const struct events_config *b)
{
	return a->present == b->present && str_equal(a->store, b->store) &&
	    str_equal(a->table, b->table) && str_equal(a->user, b->user) &&
	    str_equal(a->name, b->name) && str_equal(a->time, b->time) &&
	    a->time_unit == b->time_unit &&
	    str_equal(a->segment, b->segment) &&
	    str_equal(a->channel, b->channel) &&
	    str_equal(a->window, b->window) && node_equal(a->extra, b->extra);
}

/* --- the map ------------------------------------------------------------ */

struct map *
map_create(void)
{
	struct map *m = xcalloc(1, sizeof *m);

	m->version = MAP_FORMAT_VERSION;
	return m;
}

void
map_destroy(struct map *m)
{
	size_t i;

	if (m == NULL)
		return;
	free(m->title);
	free(m->summary);
	for (i = 0; i < m->persona_count; i++)
		persona_free(&m->personas[i]);
	for (i = 0; i < m->department_count; i++)
		department_free(&m->departments[i]);
	for (i = 0; i < m->channel_count; i++)
		channel_free(&m->channels[i]);
	for (i = 0; i < m->stage_count; i++)
		stage_free(&m->stages[i]);
	for (i = 0; i < m->lane_count; i++)
		lane_free(&m->lanes[i]);
	for (i = 0; i < m->card_count; i++)
		card_free(&m->cards[i]);
	free(m->personas);
	free(m->departments);
	free(m->channels);
	free(m->stages);
	free(m->lanes);
	free(m->cards);
	events_config_free(&m->events);
	node_free(m->extra);
	free(m);
}

size_t
map_add_persona(struct map *m, const struct persona *p)
{
	XGROW(m->personas, m->persona_cap, m->persona_count + 1);
	persona_copy(&m->personas[m->persona_count], p);
	return m->persona_count++;
}

size_t
map_add_department(struct map *m, const struct department *d)
{
	XGROW(m->departments, m->department_cap, m->department_count + 1);
	department_copy(&m->departments[m->department_count], d);
	return m->department_count++;
}

size_t
map_add_channel(struct map *m, const struct channel *c)
{
	XGROW(m->channels, m->channel_cap, m->channel_count + 1);
	channel_copy(&m->channels[m->channel_count], c);
	return m->channel_count++;
}

size_t
map_add_stage(struct map *m, const struct stage *s)
{
	XGROW(m->stages, m->stage_cap, m->stage_count + 1);
	stage_copy(&m->stages[m->stage_count], s);
	return m->stage_count++;
}

size_t
map_add_lane(struct map *m, const struct lane *l)
{
	XGROW(m->lanes, m->lane_cap, m->lane_count + 1);
	lane_copy(&m->lanes[m->lane_count], l);
	return m->lane_count++;
}

size_t
map_add_card(struct map *m, const struct card *c)
{
	XGROW(m->cards, m->card_cap, m->card_count + 1);
	card_copy(&m->cards[m->card_count], c);
	return m->card_count++;
}

struct map *
map_clone(const struct map *m)
{
	struct map *c = map_create();
	size_t i;

	c->version = m->version;
	c->title = xstrdup(m->title);
	c->summary = xstrdup(m->summary);
	for (i = 0; i < m->persona_count; i++)
		map_add_persona(c, &m->personas[i]);
	for (i = 0; i < m->department_count; i++)
		map_add_department(c, &m->departments[i]);
	for (i = 0; i < m->channel_count; i++)
		map_add_channel(c, &m->channels[i]);
	for (i = 0; i < m->stage_count; i++)
		map_add_stage(c, &m->stages[i]);
	for (i = 0; i < m->lane_count; i++)
		map_add_lane(c, &m->lanes[i]);
	for (i = 0; i < m->card_count; i++)
		map_add_card(c, &m->cards[i]);
	events_config_copy(&c->events, &m->events);
	c->extra = node_clone(m->extra);
	return c;
}

#define ARRAY_EQUAL(a, b, arr, count, eq)                       \
	do {                                                    \
		size_t i_;                                      \
		if ((a)->count != (b)->count)                   \
			return false;                           \
		for (i_ = 0; i_ < (a)->count; i_++)             \
			if (!eq(&(a)->arr[i_], &(b)->arr[i_]))  \
				return false;                   \
	} while (0)

bool
map_equal(const struct map *a, const struct map *b)
{
	if (a->version != b->version || !str_equal(a->title, b->title) ||
	    !str_equal(a->summary, b->summary))
		return false;
	ARRAY_EQUAL(a, b, personas, persona_count, persona_equal);
	ARRAY_EQUAL(a, b, departments, department_count, department_equal);
	ARRAY_EQUAL(a, b, channels, channel_count, channel_equal);
	ARRAY_EQUAL(a, b, stages, stage_count, stage_equal);
	ARRAY_EQUAL(a, b, lanes, lane_count, lane_equal);
	ARRAY_EQUAL(a, b, cards, card_count, card_equal);
	return events_config_equal(&a->events, &b->events) &&
	    node_equal(a->extra, b->extra);
}

#define INDEX_OF(m, arr, count, id)                                  \
	do {                                                         \
		size_t i_;                                           \
		if ((id) == NULL)                                    \
			return -1;                                   \
		for (i_ = 0; i_ < (m)->count; i_++)                  \
			if ((m)->arr[i_].id != NULL &&               \
			    strcmp((m)->arr[i_].id, (id)) == 0)      \
				return (long)i_;                     \
		return -1;                                           \
	} while (0)

long
map_persona_index(const struct map *m, const char *id)
{
	INDEX_OF(m, personas, persona_count, id);
}

long
map_department_index(const struct map *m, const char *id)
{
	INDEX_OF(m, departments, department_count, id);
}

long
map_channel_index(const struct map *m, const char *id)
{
	INDEX_OF(m, channels, channel_count, id);
}

long
map_stage_index(const struct map *m, const char *id)
{
	INDEX_OF(m, stages, stage_count, id);
}

long
map_lane_index(const struct map *m, const char *id)
{
	INDEX_OF(m, lanes, lane_count, id);
}

long
map_card_index(const struct map *m, const char *id)
{
	INDEX_OF(m, cards, card_count, id);
}

bool
map_card_id_taken(const struct map *m, const char *id)
{
	return map_card_index(m, id) >= 0;
}

bool
map_stage_id_taken(const struct map *m, const char *id)
{
	return map_stage_index(m, id) >= 0;
}

bool
map_lane_id_taken(const struct map *m, const char *id)
{
	return map_lane_index(m, id) >= 0;
}

bool
map_persona_id_taken(const struct map *m, const char *id)
{
	return map_persona_index(m, id) >= 0;
}

bool
map_department_id_taken(const struct map *m, const char *id)
{
	return map_department_index(m, id) >= 0;
}

bool
map_channel_id_taken(const struct map *m, const char *id)
{
	return map_channel_index(m, id) >= 0;
}

/* --- kinds and ids ------------------------------------------------------ */

static const char *const lane_kind_names[LANE_KIND_COUNT] = {
	"touchpoints", "actions", "thoughts", "pains", "opportunities",
	"backstage", "text", "emotion", "metrics",
};

bool
lane_kind_holds_cards(enum lane_kind kind)
{
	return kind != LANE_EMOTION && kind != LANE_METRICS;
}

const char *
lane_kind_name(enum lane_kind kind)
{
	if ((int)kind < 0 || kind >= LANE_KIND_COUNT)
		return "touchpoints";
	return lane_kind_names[kind];
}

int
lane_kind_parse(const char *name)
{
	int i;

	for (i = 0; i < LANE_KIND_COUNT; i++)
		if (strcmp(name, lane_kind_names[i]) == 0)
			return i;
	return -1;
}

const char *
channel_kind_name(enum channel_kind kind)
{
	switch (kind) {
	case CHANNEL_ONLINE:
		return "online";
	case CHANNEL_OFFLINE:
		return "offline";
	default:
		return NULL;
	}
}

int
channel_kind_parse(const char *name)
{
	if (strcmp(name, "online") == 0)
		return CHANNEL_ONLINE;
	if (strcmp(name, "offline") == 0)
		return CHANNEL_OFFLINE;
	return -1;
}

bool
map_id_valid(const char *s)
{
	size_t n;

	if (s == NULL || *s == '\0')
		return false;
	for (n = 0; s[n] != '\0'; n++) {
		if (n >= MAP_ID_MAX)
			return false;
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '_' || s[n] == '-'))
			return false;
	}
	return true;
}

char *
map_make_id(const char *name, const char *fallback,
    bool (*taken_fn)(const struct map *, const char *), const struct map *m)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p;
	bool dash = false;
	char *base, *id;
	int n;

	for (p = (const unsigned char *)(name != NULL ? name : ""); *p; p++) {
		if (sb.len >= 40)
			break;
		if (isalnum(*p) && *p < 0x80) {
			if (dash && sb.len > 0)
				strbuf_addc(&sb, '-');
			strbuf_addc(&sb, (char)tolower(*p));
			dash = false;
		} else
			dash = true;
	}
	if (sb.len == 0)
		strbuf_adds(&sb, fallback);
	base = strbuf_detach(&sb);
	if (!taken_fn(m, base))
		return base;
	for (n = 2;; n++) {
		id = xasprintf("%s-%d", base, n);
		if (!taken_fn(m, id))
			break;
		free(id);
	}
	free(base);
	return id;
}
