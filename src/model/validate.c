/*
 * validate.c - the rules of waymark-map(5), checked all at once.
 *
 * validate_map walks the map kind by kind (personas, departments,
 * channels, stages, lanes, cards, then the events block) and, for each
 * entity, checks its rules in the order its keys are written in a file.
 * Every finding carries the place the loader recorded for the entity.  At
 * the end the new findings are sorted (stably) by line and column, so the
 * output reads like a compiler's whatever order the file's sections are in;
 * findings on one entity keep the order they were found in.  Findings about
 * the map as a whole ("no stages") point at line 1, column 1.
 *
 * Duplicate ids are found by sorting the ids (not by comparing every pair),
 * so a 5,000-card map validates in a blink.  A reference that does not
 * resolve names the candidates (up to VALIDATE_LIST_MAX of them) and, when
 * one is within edit distance 2, suggests it: a typo is the usual cause.
 */
#include "model/validate.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

/* How many candidates a "does not exist" message lists. */
#define VALIDATE_LIST_MAX 8
/* How far (in edits) a candidate may be from a wrong reference and still be
 * suggested. */
#define VALIDATE_SUGGEST_DISTANCE 2
/* Longest text quoted in a message; longer is cut with "...". */
#define VALIDATE_SHOW_MAX 64
/* Longest duration accepted: 36500 days, about a century. */
#define VALIDATE_DURATION_MAX (36500LL * 86400LL)

/* --- diaglist ----------------------------------------------------------- */

void
diaglist_add(struct diaglist *l, enum diag_severity sev, int line, int col,
    const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	XGROW(l->items, l->cap, l->count + 1);
	d = &l->items[l->count++];
	d->severity = sev;
	d->line = line;
	d->col = col;
	va_start(ap, fmt);
	d->message = xvasprintf(fmt, ap);
	va_end(ap);
}

size_t
diaglist_count(const struct diaglist *l, enum diag_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < l->count; i++)
		if (l->items[i].severity == sev)
			n++;
	return n;
}

void
diaglist_free(struct diaglist *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		free(l->items[i].message);
	free(l->items);
	memset(l, 0, sizeof *l);
}

const char *
diag_severity_name(enum diag_severity sev)
{
	switch (sev) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		return "note";
	}
	return "error";
}

/* --- text helpers ------------------------------------------------------- */

/*
 * Append s for a message: control characters escaped as \xNN so a hostile
 * value cannot move the terminal's cursor, and cut after VALIDATE_SHOW_MAX
 * bytes (at a character boundary) with "...".
 */
static void
validate_show(struct strbuf *sb, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, limit;

	limit = strlen(s);
	if (limit > VALIDATE_SHOW_MAX) {
		limit = VALIDATE_SHOW_MAX;
		while (limit > 0 && (u[limit] & 0xC0) == 0x80)
			limit--;
	}
	for (i = 0; i < limit; i++) {
		if (u[i] < 0x20 || u[i] == 0x7F)
			strbuf_printf(sb, "\\x%02x", u[i]);
		else
			strbuf_addc(sb, (char)u[i]);
	}
	if (limit < strlen(s))
		strbuf_adds(sb, "...");
}

/* validate_show into a new string; caller frees. */
static char *
validate_shown(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	validate_show(&sb, s);
	return strbuf_detach(&sb);
}

/* Levenshtein distance of a and b, or INT_MAX when either is too long to
 * bother with. */
static int
validate_distance(const char *a, const char *b)
{
	int row[VALIDATE_SHOW_MAX + 1], prev_diag, tmp, best;
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > VALIDATE_SHOW_MAX || lb > VALIDATE_SHOW_MAX)
		return INT_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		prev_diag = row[0];
		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev_diag + (a[i - 1] == b[j - 1] ? 0 : 1);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev_diag = tmp;
		}
	}
	return row[lb];
}

/* --- entity kinds ------------------------------------------------------- */

/*
 * What validation needs to know of each kind to check ids, references and
 * unknown keys in one place: where the array is and where, inside one
 * entity, the id, the unknown keys and the position are.
 */
struct vkind {
	const char *name;   /* "card" */
	const char *plural; /* "cards" */
	size_t size;
	size_t id_off, extra_off, pos_off;
	bool (*taken)(const struct map *, const char *);
};

enum vkind_index {
	VK_PERSONA,
	VK_DEPARTMENT,
	VK_CHANNEL,
	VK_STAGE,
	VK_LANE,
	VK_CARD,
	VK_COUNT
};

#define VKIND(name_, plural_, type_)                                       \
	{ name_, plural_, sizeof(struct type_), offsetof(struct type_, id), \
	  offsetof(struct type_, extra), offsetof(struct type_, pos),       \
	  map_##type_##_id_taken }

static const struct vkind vkinds[VK_COUNT] = {
	VKIND("persona", "personas", persona),
	VKIND("department", "departments", department),
	VKIND("channel", "channels", channel),
	VKIND("stage", "stages", stage),
	VKIND("lane", "lanes", lane),
	VKIND("card", "cards", card),
};

static const void *
vkind_items(const struct map *m, enum vkind_index k, size_t *count)
{
	switch (k) {
	case VK_PERSONA:
		*count = m->persona_count;
		return m->personas;
	case VK_DEPARTMENT:
		*count = m->department_count;
		return m->departments;
	case VK_CHANNEL:
		*count = m->channel_count;
		return m->channels;
	case VK_STAGE:
		*count = m->stage_count;
		return m->stages;
	case VK_LANE:
		*count = m->lane_count;
		return m->lanes;
	default:
		*count = m->card_count;
		return m->cards;
	}
}

static const char *
vkind_id(const struct map *m, enum vkind_index k, size_t i)
{
	const char *base;
	size_t count;
	const char *const *idp;

	base = vkind_items(m, k, &count);
	idp = (const char *const *)(const void *)(base + i * vkinds[k].size +
	    vkinds[k].id_off);
	return *idp;
}

static const struct srcpos *
vkind_pos(const struct map *m, enum vkind_index k, size_t i)
{
	const char *base;
	size_t count;

	base = vkind_items(m, k, &count);
	return (const struct srcpos *)(const void *)(base +
	    i * vkinds[k].size + vkinds[k].pos_off);
}

static const struct node *
vkind_extra(const struct map *m, enum vkind_index k, size_t i)
{
	const char *base;
	size_t count;
	const struct node *const *np;

	base = vkind_items(m, k, &count);
	np = (const struct node *const *)(const void *)(base +
	    i * vkinds[k].size + vkinds[k].extra_off);
	return *np;
}

/* --- the walk ----------------------------------------------------------- */

struct vctx {
	const struct map *m;
	struct diaglist *out;
	size_t errors;
	/* For each kind, for each entity: index of the first entity with the
	 * same id, or the entity's own index when it is the first. */
	size_t *first_with_id[VK_COUNT];
	/* The entity being checked: its label ("card 'ig-ad'") and place. */
	char *label;
	int line, col;
};

static void
vctx_add(struct vctx *v, enum diag_severity sev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A finding about the current entity: "LABEL: message". */
static void
vctx_add(struct vctx *v, enum diag_severity sev, const char *fmt, ...)
{
	char *msg;
	va_list ap;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diaglist_add(v->out, sev, v->line, v->col, "%s: %s", v->label, msg);
	if (sev == DIAG_ERROR)
		v->errors++;
	free(msg);
}

/* Make entity i of kind k the current one. */
static void
vctx_enter(struct vctx *v, enum vkind_index k, size_t i)
{
	struct strbuf sb = STRBUF_INIT;
	const struct srcpos *pos = vkind_pos(v->m, k, i);
	const char *id = vkind_id(v->m, k, i);

	strbuf_adds(&sb, vkinds[k].name);
	if (id != NULL && *id != '\0') {
		strbuf_adds(&sb, " '");
		validate_show(&sb, id);
		strbuf_addc(&sb, '\'');
	} else
		strbuf_printf(&sb, " #%zu", i + 1);
	free(v->label);
	v->label = strbuf_detach(&sb);
	v->line = pos->line;
	v->col = pos->col;
}

struct id_slot {
	const char *id;
	size_t index;
};

static int
id_slot_compare(const void *a, const void *b)
{
	const struct id_slot *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Fill v->first_with_id[k] by sorting the ids. */
static void
validate_find_duplicates(struct vctx *v, enum vkind_index k)
{
	struct id_slot *slots;
	size_t count, n = 0, i, first = 0;
	size_t *firsts;

	vkind_items(v->m, k, &count);
	firsts = xcalloc(count ? count : 1, sizeof *firsts);
	slots = xcalloc(count ? count : 1, sizeof *slots);
	for (i = 0; i < count; i++) {
		firsts[i] = i;
		if (vkind_id(v->m, k, i) != NULL) {
			slots[n].id = vkind_id(v->m, k, i);
			slots[n].index = i;
			n++;
		}
	}
	qsort(slots, n, sizeof *slots, id_slot_compare);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(slots[i].id, slots[i - 1].id) != 0)
			first = slots[i].index;
		firsts[slots[i].index] = first;
	}
	free(slots);
	v->first_with_id[k] = firsts;
}

/* The id rules for entity i of kind k (already entered). */
static void
validate_id(struct vctx *v, enum vkind_index k, size_t i)
{
	const char *id = vkind_id(v->m, k, i), *p;
	const struct srcpos *other;
	size_t first;
	char *shown, *suggest;

	if (id == NULL || *id == '\0') {
		vctx_add(v, DIAG_ERROR, "missing id");
		return;
	}
	if (!map_id_valid(id)) {
		if (strlen(id) > MAP_ID_MAX) {
			vctx_add(v, DIAG_ERROR,
			    "id is %zu bytes long; the most is %d", strlen(id),
			    MAP_ID_MAX);
		} else {
			for (p = id; *p != '\0'; p++)
				if (!((*p >= 'a' && *p <= 'z') ||
				    (*p >= '0' && *p <= '9') || *p == '-' ||
				    *p == '_'))
					break;
			/* A facilitator typing a name where an id goes is the
			 * usual case: offer the id the board would make. */
			suggest = map_make_id(id, vkinds[k].name,
			    vkinds[k].taken, v->m);
			if (*p == ' ')
				vctx_add(v, DIAG_ERROR, "invalid id: a space "
				    "is not allowed (use a-z, 0-9, '-' and "
				    "'_'); try '%s'", suggest);
			else if ((unsigned char)*p > 0x20 &&
			    (unsigned char)*p < 0x7F)
				vctx_add(v, DIAG_ERROR, "invalid id: '%c' is "
				    "not allowed (use a-z, 0-9, '-' and '_'); "
				    "try '%s'", *p, suggest);
			else
				vctx_add(v, DIAG_ERROR, "invalid id: only a-z, "
				    "0-9, '-' and '_' are allowed; try '%s'",
				    suggest);
			free(suggest);
		}
	}
	first = v->first_with_id[k][i];
	if (first != i) {
		other = vkind_pos(v->m, k, first);
		shown = validate_shown(id);
		if (other->line > 0)
			vctx_add(v, DIAG_ERROR, "duplicate id: another %s "
			    "'%s' is at line %d", vkinds[k].name, shown,
			    other->line);
		else
			vctx_add(v, DIAG_ERROR, "duplicate id: %s #%zu is "
			    "also '%s'", vkinds[k].name, first + 1, shown);
		free(shown);
	}
}

/* The keys waymark-map(5) defines for each kind of mapping, NULL-ended;
 * an unknown key close to one of them is probably a typo of it. */
static const char *const keys_map[] = { "waymark", "title", "summary",
	"personas", "departments", "channels", "stages", "lanes", "cards",
	"events", NULL };
static const char *const keys_persona[] = { "id", "name", "age",
	"occupation", "description", "goals", "frustrations", "quote",
	"segment", "color", NULL };
static const char *const keys_department[] = { "id", "name", "color",
	NULL };
static const char *const keys_channel[] = { "id", "name", "kind", NULL };
static const char *const keys_stage[] = { "id", "name", "description",
	"events", "target", NULL };
static const char *const keys_lane[] = { "id", "name", "kind", NULL };
static const char *const keys_card[] = { "id", "stage", "lane", "title",
	"notes", "owner", "channel", "personas", "emotion", "event", "votes",
	"tags", NULL };
static const char *const keys_events[] = { "store", "table", "user",
	"name", "time", "time_unit", "segment", "channel", "window", NULL };

static const char *const *const vkind_keys[VK_COUNT] = {
	keys_persona, keys_department, keys_channel, keys_stage, keys_lane,
	keys_card,
};

/* Whether a and b differ only by two neighbouring characters swapped. */
static bool
validate_swapped(const char *a, const char *b)
{
	size_t i, n = strlen(a);

	if (n != strlen(b))
		return false;
	for (i = 0; i < n && a[i] == b[i]; i++)
		continue;
	return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] &&
	    strcmp(a + i + 2, b + i + 2) == 0;
}

/* The known key that `key` is probably a misspelling of, or NULL: one
 * edit away (two for keys longer than four characters), two neighbours
 * swapped, or the same but for case. */
static const char *
validate_key_typo(const char *key, const char *const *known)
{
	const char *best = NULL;
	int d, best_d = INT_MAX, limit;

	if (known == NULL)
		return NULL;
	limit = strlen(key) > 4 ? VALIDATE_SUGGEST_DISTANCE : 1;
	for (; *known != NULL; known++) {
		if (strcasecmp(key, *known) == 0 ||
		    validate_swapped(key, *known))
			return *known;
		d = validate_distance(key, *known);
		if (d <= limit && d < best_d) {
			best_d = d;
			best = *known;
		}
	}
	return best;
}

/*
 * A note for each unknown key of the current entity, whose known keys are
 * `known`; a key that looks like a misspelt known one ("tagret") is a
 * warning that names the key it probably means, since its value is not
 * used.
 */
static void
validate_extra(struct vctx *v, const struct node *extra,
    const char *const *known)
{
	const char *typo;
	size_t i;
	char *shown;

	if (extra == NULL || extra->type != NODE_MAP)
		return;
	for (i = 0; i < extra->count; i++) {
		shown = validate_shown(extra->keys[i]);
		if ((typo = validate_key_typo(extra->keys[i], known)) != NULL)
			vctx_add(v, DIAG_WARNING, "unknown key '%s' (kept as "
			    "is, not used); did you mean '%s'?", shown, typo);
		else
			vctx_add(v, DIAG_NOTE, "unknown key '%s' (kept as is)",
			    shown);
		free(shown);
	}
}

/*
 * Check that `wanted` (the value of `field` on the current entity) is the
 * id of an entity of kind k; if not, say so, list the candidates and
 * suggest a near one.  `what` words the complaint: "does not exist" or "is
 * not a department".
 */
static bool
validate_ref(struct vctx *v, const char *field, const char *wanted,
    enum vkind_index k, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	const char *id, *suggest = NULL;
	size_t count, i, listed = 0;
	int d, best = VALIDATE_SUGGEST_DISTANCE + 1;
	long found = -1;

	vkind_items(v->m, k, &count);
	for (i = 0; i < count && found < 0; i++) {
		id = vkind_id(v->m, k, i);
		if (id != NULL && strcmp(id, wanted) == 0)
			found = (long)i;
	}
	if (found >= 0)
		return true;

	strbuf_printf(&sb, "%s '", field);
	validate_show(&sb, wanted);
	strbuf_printf(&sb, "' %s (", what);
	if (count == 0)
		strbuf_printf(&sb, "there are no %s", vkinds[k].plural);
	else
		strbuf_printf(&sb, "%s: ", vkinds[k].plural);
	for (i = 0; i < count; i++) {
		id = vkind_id(v->m, k, i);
		if (id == NULL || *id == '\0')
			continue;
		if (listed < VALIDATE_LIST_MAX) {
			if (listed > 0)
				strbuf_adds(&sb, ", ");
			validate_show(&sb, id);
		} else if (listed == VALIDATE_LIST_MAX)
			strbuf_adds(&sb, ", ...");
		listed++;
		d = validate_distance(wanted, id);
		if (d < best && (size_t)d < strlen(wanted)) {
			best = d;
			suggest = id;
		}
	}
	strbuf_addc(&sb, ')');
	if (suggest != NULL) {
		strbuf_adds(&sb, "; did you mean '");
		validate_show(&sb, suggest);
		strbuf_adds(&sb, "'?");
	}
	vctx_add(v, DIAG_ERROR, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
	return false;
}

static void
validate_persona(struct vctx *v, const struct persona *p)
{
	if (p->has_age && p->age < 0)
		vctx_add(v, DIAG_ERROR, "age %d is negative", p->age);
}

static void
validate_channel(struct vctx *v, const struct channel *c)
{
	if ((int)c->kind < CHANNEL_UNSET || c->kind > CHANNEL_OFFLINE)
		vctx_add(v, DIAG_ERROR, "kind %d is not online or offline",
		    (int)c->kind);
}

static void
validate_stage(struct vctx *v, const struct stage *s)
{
	/* Written so that NaN fails too. */
	if (s->has_target && !(s->target >= 0.0 && s->target <= 1.0))
		vctx_add(v, DIAG_ERROR, "target %g is outside 0..1 (it is the "
		    "share of users expected to come from the previous stage)",
		    s->target);
	if (v->m->events.present && s->events.count == 0)
		vctx_add(v, DIAG_NOTE, "no events: the funnel cannot measure "
		    "this stage");
}

static void
validate_lane(struct vctx *v, const struct lane *l)
{
	if ((int)l->kind < 0 || l->kind >= LANE_KIND_COUNT)
		vctx_add(v, DIAG_ERROR, "kind %d is not a lane kind",
		    (int)l->kind);
}

static void
validate_card(struct vctx *v, const struct card *c)
{
	const struct map *m = v->m;
	const struct lane *lane;
	size_t i;
	long li;
	char *shown;

	if (c->stage == NULL || *c->stage == '\0')
		vctx_add(v, DIAG_ERROR, "no stage (every card sits in a "
		    "stage and a lane)");
	else
		validate_ref(v, "stage", c->stage, VK_STAGE, "does not exist");
	if (c->lane == NULL || *c->lane == '\0')
		vctx_add(v, DIAG_ERROR, "no lane (every card sits in a stage "
		    "and a lane)");
	else if (validate_ref(v, "lane", c->lane, VK_LANE, "does not exist")) {
		li = map_lane_index(m, c->lane);
		lane = &m->lanes[li];
		if ((int)lane->kind >= 0 && lane->kind < LANE_KIND_COUNT &&
		    !lane_kind_holds_cards(lane->kind)) {
			shown = validate_shown(c->lane);
			vctx_add(v, DIAG_ERROR, "lane '%s' is %s %s lane, "
			    "which holds no cards", shown,
			    lane->kind == LANE_EMOTION ? "an" : "a",
			    lane_kind_name(lane->kind));
			free(shown);
		}
	}
	if (c->title == NULL || *c->title == '\0')
		vctx_add(v, DIAG_WARNING, "no title");
	if (c->owner != NULL)
		validate_ref(v, "owner", c->owner, VK_DEPARTMENT,
		    "is not a department");
	if (c->channel != NULL)
		validate_ref(v, "channel", c->channel, VK_CHANNEL,
		    "does not exist");
	for (i = 0; i < c->personas.count; i++) {
		if (!validate_ref(v, "persona", c->personas.items[i],
		    VK_PERSONA, "does not exist"))
			continue;
		if ((size_t)strlist_index(&c->personas, c->personas.items[i]) !=
		    i) {
			shown = validate_shown(c->personas.items[i]);
			vctx_add(v, DIAG_WARNING, "persona '%s' is listed "
			    "twice", shown);
			free(shown);
		}
	}
	if (c->has_emotion && (c->emotion < CARD_EMOTION_MIN ||
	    c->emotion > CARD_EMOTION_MAX))
		vctx_add(v, DIAG_ERROR, "emotion %d is outside %d..+%d",
		    c->emotion, CARD_EMOTION_MIN, CARD_EMOTION_MAX);
	if (c->has_votes && c->votes < 0)
		vctx_add(v, DIAG_ERROR, "votes %d is negative", c->votes);
}

static void
validate_events(struct vctx *v, const struct events_config *e)
{
	static const struct {
		const char *key;
		size_t off;
		const char *meaning;
	} required[] = {
		{ "store", offsetof(struct events_config, store),
		  "the event store's path, relative to the map" },
		{ "table", offsetof(struct events_config, table),
		  "the table holding the events" },
		{ "user", offsetof(struct events_config, user),
		  "the column identifying the user" },
		{ "name", offsetof(struct events_config, name),
		  "the column holding the event name" },
		{ "time", offsetof(struct events_config, time),
		  "the column holding the event time" },
	};
	const char *value;
	long long seconds;
	char *cause;
	size_t i;

	if (!e->present)
		return;
	free(v->label);
	v->label = xstrdup("events");
	v->line = e->pos.line;
	v->col = e->pos.col;
	for (i = 0; i < sizeof required / sizeof required[0]; i++) {
		value = *(const char *const *)(const void *)
		    ((const char *)e + required[i].off);
		if (value == NULL || *value == '\0')
			vctx_add(v, DIAG_ERROR, "missing '%s' (%s)",
			    required[i].key, required[i].meaning);
	}
	if ((int)e->time_unit < TIME_UNIT_UNSET || e->time_unit > TIME_UNIT_MS)
		vctx_add(v, DIAG_ERROR, "time_unit %d is not s or ms",
		    (int)e->time_unit);
	if (e->window != NULL &&
	    validate_parse_duration(e->window, &seconds, &cause) != 0) {
		vctx_add(v, DIAG_ERROR, "window: %s", cause);
		free(cause);
	}
	validate_extra(v, e->extra, keys_events);
}

/* Order findings by place; equal places keep the order they were found. */
struct diag_seq {
	struct diag d;
	size_t seq;
};

static int
diag_seq_compare(const void *a, const void *b)
{
	const struct diag_seq *x = a, *y = b;

	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	if (x->d.col != y->d.col)
		return x->d.col < y->d.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
validate_sort(struct diaglist *out, size_t start)
{
	struct diag_seq *tmp;
	size_t n = out->count - start, i;

	if (n < 2)
		return;
	tmp = xcalloc(n, sizeof *tmp);
	for (i = 0; i < n; i++) {
		tmp[i].d = out->items[start + i];
		tmp[i].seq = i;
	}
	qsort(tmp, n, sizeof *tmp, diag_seq_compare);
	for (i = 0; i < n; i++)
		out->items[start + i] = tmp[i].d;
	free(tmp);
}

size_t
validate_map(const struct map *m, struct diaglist *out)
{
	struct vctx v;
	size_t start = out->count, count, i;
	enum vkind_index k;

	memset(&v, 0, sizeof v);
	v.m = m;
	v.out = out;

	v.label = xstrdup("map");
	v.line = 1;
	v.col = 1;
	if (m->version < 1 || m->version > MAP_FORMAT_VERSION)
		vctx_add(&v, DIAG_ERROR, "format version %d is not supported "
		    "(this waymark reads version %d)", m->version,
		    MAP_FORMAT_VERSION);
	if (m->stage_count == 0)
		vctx_add(&v, DIAG_WARNING, "no stages: the board has no "
		    "columns");
	if (m->lane_count == 0)
		vctx_add(&v, DIAG_WARNING, "no lanes: the board has no rows");
	validate_extra(&v, m->extra, keys_map);

	for (k = 0; k < VK_COUNT; k++)
		validate_find_duplicates(&v, k);
	for (k = 0; k < VK_COUNT; k++) {
		vkind_items(m, k, &count);
		for (i = 0; i < count; i++) {
			vctx_enter(&v, k, i);
			validate_id(&v, k, i);
			switch (k) {
			case VK_PERSONA:
				validate_persona(&v, &m->personas[i]);
				break;
			case VK_CHANNEL:
				validate_channel(&v, &m->channels[i]);
				break;
			case VK_STAGE:
				validate_stage(&v, &m->stages[i]);
				break;
			case VK_LANE:
				validate_lane(&v, &m->lanes[i]);
				break;
			case VK_CARD:
				validate_card(&v, &m->cards[i]);
				break;
			default:
				break;
			}
			validate_extra(&v, vkind_extra(m, k, i),
			    vkind_keys[k]);
		}
	}
	validate_events(&v, &m->events);

	for (k = 0; k < VK_COUNT; k++)
		free(v.first_with_id[k]);
	free(v.label);
	validate_sort(out, start);
	return v.errors;
}

/* --- durations ---------------------------------------------------------- */

#define DURATION_FORM "a whole number and one unit letter, with no space: " \
	"90s, 45m, 36h, 7d or 2w"

int
validate_parse_duration(const char *text, long long *seconds, char **cause)
{
	const char *p;
	long long value = 0, unit;
	bool too_long = false;
	char *shown;

	if (text == NULL || *text == '\0') {
		*cause = xstrdup("empty duration: write " DURATION_FORM);
		return -1;
	}
	shown = validate_shown(text);
	p = text;
	if (*p == '-' && p[1] >= '0' && p[1] <= '9') {
		*cause = xasprintf("duration '%s' is negative: it must be more "
		    "than zero", shown);
		goto fail;
	}
	if (!(*p >= '0' && *p <= '9')) {
		*cause = xasprintf("invalid duration '%s': write "
		    DURATION_FORM, shown);
		goto fail;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (value > VALIDATE_DURATION_MAX)
			too_long = true;
		else
			value = value * 10 + (*p - '0');
	}
	switch (*p) {
	case 's':
		unit = 1;
		break;
	case 'm':
		unit = 60;
		break;
	case 'h':
		unit = 3600;
		break;
	case 'd':
		unit = 86400;
		break;
	case 'w':
		unit = 7 * 86400;
		break;
	case '\0':
		*cause = xasprintf("duration '%s' has no unit: add s, m, h, d "
		    "or w (e.g. %sd)", shown, shown);
		goto fail;
	default:
		unit = 0;
		break;
	}
	if (unit == 0 || p[1] != '\0') {
		*cause = xasprintf("invalid duration '%s': write "
		    DURATION_FORM, shown);
		goto fail;
	}
	if (value == 0 && !too_long) {
		*cause = xasprintf("duration '%s' is zero: it must be more "
		    "than zero", shown);
		goto fail;
	}
	if (too_long || value > VALIDATE_DURATION_MAX / unit) {
		*cause = xasprintf("duration '%s' is too long: the most is "
		    "%lldd (about a century)", shown,
		    VALIDATE_DURATION_MAX / 86400);
		goto fail;
	}
	free(shown);
	*seconds = value * unit;
	return 0;
fail:
	free(shown);
	return -1;
}
