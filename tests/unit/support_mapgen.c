/*
 * support_mapgen.c - random maps with awkward strings (see support_mapgen.h).
 *
 * The generator is its own small PRNG over an unsigned seed, so a failing
 * seed reproduces on any libc.  Unknown keys never collide with known ones
 * (the loader would then read them as known fields) nor with one another.
 */
#include "support_mapgen.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

static unsigned
mapgen_next(unsigned *seed)
{
	/* xorshift32; 0 is a fixed point, so nudge it. */
	unsigned x = *seed != 0 ? *seed : 0x9E3779B9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*seed = x;
	return x;
}

static int
mapgen_below(unsigned *seed, int n)
{
	return (int)(mapgen_next(seed) % (unsigned)n);
}

static const char *const mapgen_fragments[] = {
	"no", "yes", "No", "OFF", "on", "y", "n", "true", "False", "~", "null",
	"Null", "NULL", "1.10", "0x1F", "1e3", ".inf", "-.inf", ".nan",
	"0o17", "017", "1_000", "2024-01-01", "2001-12-14 21:59:43.10 -5",
	"12:30", "1:30:00", "+1", "-1", "3.", ".5", "0", "<<", "=",
	"# x", "#", "a #b", "x#y", "a: b", "key:", ":", "::", "a:b", "-", "--",
	"---", "...", "- x", "-x", "? q", "?", "[a, b]", "{b: c}", "]", "}",
	",", "&anchor", "*alias", "!tag", "!!str", "|", ">", "|-", "%YAML",
	"@", "`", "'", "''", "\"", "\"\"", "\\", "\\n", "\\\"", "\t", "a\tb",
	"\r\n", "\n", "\n\n", "\r", " ", "  ", "\t ", " \n ", "Perché sì",
	"città", "caffè", "più", "così", "È", "日本語", "東京", "中文",
	"한국어", "🏃", "😀", "👩‍💻", "🇮🇹", "e\xcc\x81", "\xc2\xa0",
	"\x01", "\x07", "\x1b[31m", "\x7f", "\xc2\x85", "\xe2\x80\xa8",
	"\xe2\x80\xa9", "\xef\xbb\xbf", "\xef\xbf\xbe", "\xef\xbf\xbd",
	"word", "two words", "Sneakers online", "Marta, runner",
	"line one\nline two", "trailing  \n", "  leading", "a\n  indented",
	"\n\tx", "x\n\n\n", "CRLF\r\nline", "50%", "100", "$HOME",
	"<b>html</b>", "C:\\path\\file", "it's", "say \"hi\"", "{{x}}",
};

#define MAPGEN_FRAGMENT_COUNT \
	(sizeof mapgen_fragments / sizeof mapgen_fragments[0])

char *
mapgen_string(unsigned *seed)
{
	struct strbuf sb = STRBUF_INIT;
	int parts, i;

	switch (mapgen_below(seed, 12)) {
	case 0:
		return xstrdup("");
	case 1: /* a long line */
		for (i = 0; i < 40; i++)
			strbuf_adds(&sb, mapgen_fragments[mapgen_below(seed,
			    (int)MAPGEN_FRAGMENT_COUNT)]);
		return strbuf_detach(&sb);
	default:
		break;
	}
	parts = 1 + mapgen_below(seed, 4);
	for (i = 0; i < parts; i++) {
		if (i > 0 && mapgen_below(seed, 2) == 0)
			strbuf_addc(&sb, ' ');
		strbuf_adds(&sb, mapgen_fragments[mapgen_below(seed,
		    (int)MAPGEN_FRAGMENT_COUNT)]);
	}
	return strbuf_detach(&sb);
}

/* A string or NULL (absent), a third of the time absent. */
static char *
mapgen_maybe(unsigned *seed)
{
	if (mapgen_below(seed, 3) == 0)
		return NULL;
	return mapgen_string(seed);
}

static void
mapgen_list(unsigned *seed, struct strlist *l)
{
	static const char *const words[] = {
		"runner", "landing_view", "paid", "a-b", "x.y", "v2", "UPPER",
	};
	int n = mapgen_below(seed, 5), i;
	char *s;

	for (i = 0; i < n; i++) {
		if (mapgen_below(seed, 2) == 0) {
			strlist_append(l, words[mapgen_below(seed, 7)]);
			continue;
		}
		s = mapgen_string(seed);
		strlist_append(l, s);
		free(s);
	}
}

static int
mapgen_int(unsigned *seed)
{
	switch (mapgen_below(seed, 6)) {
	case 0:
		return INT_MAX;
	case 1:
		return INT_MIN;
	case 2:
		return 0;
	default:
		return mapgen_below(seed, 200) - 100;
	}
}

static double
mapgen_double(unsigned *seed)
{
	static const double odd[] = {
		0.0, -0.0, 1.0, 0.1, 0.6, 1.0 / 3.0, 2.0 / 3.0, 1e-300,
		5e-324, 1.7976931348623157e308, 123456.789, 0.30000000000000004,
		1e21, 1e-7, 100,
	};

	if (mapgen_below(seed, 3) == 0)
		return odd[mapgen_below(seed, sizeof odd / sizeof odd[0])];
	return (double)mapgen_next(seed) / 4294967295.0;
}

/* Scalars the loader keeps as plain (node.plain): YAML reads them as
 * numbers, bools, nulls, dates. */
static const char *const mapgen_plain[] = {
	"42", "true", "~", "3.14", "", "null", "0x1F", "no", "1e3", "-7",
	".inf", "Yes", "1_000", "2024-01-01", "12:30", "0o17", "OFF",
};

/* Strings that YAML would take as they are, unquoted. */
static const char *const mapgen_words[] = {
	"hello world", "-x", "a:b", "x#y", "?q", ":c", "a,b", "a]b",
	"ünïcödé", "日本", "a\tb", "---x", "a'b", "a\"b",
};

static bool
mapgen_key_taken(const struct node *map, const char *key,
    const char *const *known)
{
	size_t i;

	for (i = 0; known != NULL && known[i] != NULL; i++)
		if (strcmp(known[i], key) == 0)
			return true;
	for (i = 0; i < map->count; i++)
		if (strcmp(map->keys[i], key) == 0)
			return true;
	return false;
}

static struct node *
mapgen_node(unsigned *seed, int depth)
{
	struct node *n;
	char *s, *key;
	int count, i, kind = mapgen_below(seed, depth >= 4 ? 2 : 4);

	switch (kind) {
	case 0:
		return node_scalar(mapgen_plain[mapgen_below(seed,
		    sizeof mapgen_plain / sizeof mapgen_plain[0])], true);
	case 1:
		if (mapgen_below(seed, 3) == 0)
			return node_scalar(mapgen_words[mapgen_below(seed,
			    sizeof mapgen_words / sizeof mapgen_words[0])],
			    false);
		s = mapgen_string(seed);
		n = node_scalar(s, false);
		free(s);
		return n;
	case 2:
		n = node_new(NODE_SEQ);
		count = mapgen_below(seed, 4);
		for (i = 0; i < count; i++)
			node_seq_append(n, mapgen_node(seed, depth + 1));
		return n;
	default:
		n = node_new(NODE_MAP);
		count = mapgen_below(seed, 4);
		for (i = 0; i < count; i++) {
			key = mapgen_string(seed);
			if (!mapgen_key_taken(n, key, NULL))
				node_map_append(n, key, mapgen_node(seed,
				    depth + 1));
			free(key);
		}
		return n;
	}
}

/* Unknown keys for an entity whose known keys are `known`. */
static struct node *
mapgen_extra(unsigned *seed, const char *const *known)
{
	struct node *extra;
	struct strbuf sb = STRBUF_INIT;
	char *key;
	int count, i;

	if (mapgen_below(seed, 3) != 0)
		return NULL;
	extra = node_new(NODE_MAP);
	count = 1 + mapgen_below(seed, 3);
	for (i = 0; i < count; i++) {
		if (mapgen_below(seed, 40) == 0) {
			/* Longer than YAML's 1024-character simple key. */
			strbuf_reset(&sb);
			while (sb.len < 1100)
				strbuf_adds(&sb, "long key ");
			key = xstrdup(sb.data);
		} else if (mapgen_below(seed, 2) == 0)
			key = xstrdup(mapgen_below(seed, 2) == 0 ?
			    mapgen_plain[mapgen_below(seed, 6)] :
			    mapgen_words[mapgen_below(seed, 6)]);
		else
			key = mapgen_string(seed);
		if (!mapgen_key_taken(extra, key, known))
			node_map_append(extra, key, mapgen_node(seed, 0));
		free(key);
	}
	strbuf_free(&sb);
	return extra;
}

static const char *const persona_keys[] = {
	"id", "name", "age", "occupation", "description", "goals",
	"frustrations", "quote", "segment", "color", NULL,
};
static const char *const department_keys[] = { "id", "name", "color", NULL };
static const char *const channel_keys[] = { "id", "name", "kind", NULL };
static const char *const stage_keys[] = {
	"id", "name", "description", "events", "target", NULL,
};
static const char *const lane_keys[] = { "id", "name", "kind", NULL };
static const char *const card_keys[] = {
	"id", "stage", "lane", "title", "notes", "owner", "channel",
	"personas", "emotion", "event", "votes", "tags", NULL,
};
static const char *const events_keys[] = {
	"store", "table", "user", "name", "time", "time_unit", "segment",
	"channel", "window", NULL,
};
static const char *const top_keys[] = {
	"waymark", "title", "summary", "personas", "departments", "channels",
	"stages", "lanes", "cards", "events", NULL,
};

static int
mapgen_count(unsigned *seed, int size_hint)
{
	return mapgen_below(seed, size_hint > 0 ? size_hint * 2 + 1 : 4);
}

struct map *
mapgen_random(unsigned *seed, int size_hint)
{
	struct map *m = map_create();
	struct persona p;
	struct department d;
	struct channel c;
	struct stage s;
	struct lane l;
	struct card k;
	int i, n;

	m->title = mapgen_maybe(seed);
	m->summary = mapgen_maybe(seed);

	n = mapgen_count(seed, size_hint);
	for (i = 0; i < n; i++) {
		memset(&p, 0, sizeof p);
		p.id = mapgen_string(seed);
		p.name = mapgen_maybe(seed);
		if ((p.has_age = mapgen_below(seed, 2) == 0))
			p.age = mapgen_int(seed);
		p.occupation = mapgen_maybe(seed);
		p.description = mapgen_maybe(seed);
		mapgen_list(seed, &p.goals);
		mapgen_list(seed, &p.frustrations);
		p.quote = mapgen_maybe(seed);
		p.segment = mapgen_maybe(seed);
		p.color = mapgen_maybe(seed);
		p.extra = mapgen_extra(seed, persona_keys);
		map_add_persona(m, &p);
		persona_free(&p);
	}
	n = mapgen_count(seed, size_hint);
	for (i = 0; i < n; i++) {
		memset(&d, 0, sizeof d);
		d.id = mapgen_maybe(seed);
		d.name = mapgen_maybe(seed);
		d.color = mapgen_maybe(seed);
		d.extra = mapgen_extra(seed, department_keys);
		map_add_department(m, &d);
		department_free(&d);
	}
	n = mapgen_count(seed, size_hint);
	for (i = 0; i < n; i++) {
		memset(&c, 0, sizeof c);
		c.id = mapgen_string(seed);
		c.name = mapgen_maybe(seed);
		c.kind = (enum channel_kind)mapgen_below(seed, 3);
		c.extra = mapgen_extra(seed, channel_keys);
		map_add_channel(m, &c);
		channel_free(&c);
	}
	n = mapgen_count(seed, size_hint);
	for (i = 0; i < n; i++) {
		memset(&s, 0, sizeof s);
		s.id = mapgen_string(seed);
		s.name = mapgen_maybe(seed);
		s.description = mapgen_maybe(seed);
		mapgen_list(seed, &s.events);
		if ((s.has_target = mapgen_below(seed, 2) == 0))
			s.target = mapgen_double(seed);
		s.extra = mapgen_extra(seed, stage_keys);
		map_add_stage(m, &s);
		stage_free(&s);
	}
	n = mapgen_count(seed, size_hint);
	for (i = 0; i < n; i++) {
		memset(&l, 0, sizeof l);
		l.id = mapgen_string(seed);
		l.name = mapgen_maybe(seed);
		if ((l.has_kind = mapgen_below(seed, 3) != 0))
			l.kind = (enum lane_kind)mapgen_below(seed,
			    LANE_KIND_COUNT);
		l.extra = mapgen_extra(seed, lane_keys);
		map_add_lane(m, &l);
		lane_free(&l);
	}
	n = mapgen_count(seed, size_hint) * 3;
	for (i = 0; i < n; i++) {
		memset(&k, 0, sizeof k);
		k.id = mapgen_string(seed);
		k.stage = mapgen_maybe(seed);
		k.lane = mapgen_maybe(seed);
		k.title = mapgen_maybe(seed);
		k.notes = mapgen_maybe(seed);
		k.owner = mapgen_maybe(seed);
		k.channel = mapgen_maybe(seed);
		mapgen_list(seed, &k.personas);
		if ((k.has_emotion = mapgen_below(seed, 2) == 0))
			k.emotion = mapgen_below(seed, 5) - 2;
		k.event = mapgen_maybe(seed);
		if ((k.has_votes = mapgen_below(seed, 2) == 0))
			k.votes = mapgen_int(seed);
		mapgen_list(seed, &k.tags);
		k.extra = mapgen_extra(seed, card_keys);
		map_add_card(m, &k);
		card_free(&k);
	}
	if ((m->events.present = mapgen_below(seed, 2) == 0)) {
		m->events.store = mapgen_maybe(seed);
		m->events.table = mapgen_maybe(seed);
		m->events.user = mapgen_maybe(seed);
		m->events.name = mapgen_maybe(seed);
		m->events.time = mapgen_maybe(seed);
		m->events.time_unit = (enum time_unit)mapgen_below(seed, 3);
		m->events.segment = mapgen_maybe(seed);
		m->events.channel = mapgen_maybe(seed);
		m->events.window = mapgen_maybe(seed);
		m->events.extra = mapgen_extra(seed, events_keys);
	}
	m->extra = mapgen_extra(seed, top_keys);
	return m;
}
