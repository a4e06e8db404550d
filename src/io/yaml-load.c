/*
 * yaml-load.c - reading a map file (YAML, format v1) with libyaml.
 *
 * The file may come from anywhere, so everything libyaml 0.2.5 does not
 * guard against is checked here, as early and as cheaply as possible:
 *
 *   - size: fstat before reading; larger than MAPIO_MAX_BYTES is refused
 *     without reading a byte;
 *   - encoding: one pass of utf8_valid over the buffer (a leading BOM is
 *     skipped); libyaml is then told the input is UTF-8, so it never
 *     guesses UTF-16;
 *   - anchors, aliases, non-standard tags, NUL characters, a second
 *     document and nesting deeper than MAPIO_MAX_DEPTH are refused as the
 *     events arrive (load_next), so a file of a million `[` stops at the
 *     65th: no tree is ever built first;
 *   - duplicate keys: every mapping keeps the keys seen so far (a linear
 *     scan while it has few, a hash table beyond LOAD_HASH_ABOVE).
 *
 * The map is built straight from the event stream by a small recursive
 * descent (top level -> entity lists -> entities -> fields); the recursion
 * only goes deeper inside unknown-key values, which load_next bounds by
 * MAPIO_MAX_DEPTH.  Memory stays proportional to the file.
 *
 * Errors come in two kinds.  Structural ones (libyaml syntax errors and the
 * refusals above) stop at once.  Shape errors (a wrong type, an unknown
 * enum word) are remembered, the offending value is skipped and reading
 * goes on, so that a file from a newer waymark is reported as such even
 * when its newer fields come before the `waymark:` key; the first shape
 * error is reported if nothing more important turned up.
 *
 * Rules (unique ids, references, ranges) are validate.c's, not ours: a map
 * that loads has the right shape, nothing more.
 */
#include "io/mapio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "io/mapfields.h"
#include "io/scalar.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Mappings with more keys than this check duplicates with a hash table. */
#define LOAD_HASH_ABOVE 32

#define LOAD_TAG_PREFIX "tag:yaml.org,2002:"

struct load_key {
	size_t offset; /* into load_keyset.text */
	size_t len;
	uint32_t hash;
	int line;
};

/* The keys of one mapping being read. */
struct load_keyset {
	struct strbuf text; /* the keys' bytes, back to back */
	struct load_key *keys;
	size_t count, cap;
	size_t *slots; /* index + 1 of a key, 0 for empty; NULL while small */
	size_t slot_count;
};

struct loader {
	yaml_parser_t parser;
	const char *name; /* the file, for messages */
	const char *data; /* what libyaml reads (after any BOM) */
	size_t len;
	int depth;     /* open sequences and mappings */
	int documents; /* documents started */
	char *fatal;   /* a structural error: stop */
	char *shape;   /* the first shape error */
	/* One key set per nesting level: a mapping at depth d uses
	 * keysets[d], so nested mappings never clobber their parent's. */
	struct load_keyset keysets[MAPIO_MAX_DEPTH + 1];
	/* The entity being read, for the "card 'x': " prefix of messages. */
	const struct mapentity *entity;
	const void *object;
	size_t index;
};

/* --- messages ----------------------------------------------------------- */

static char *
load_vplace(struct loader *ld, const yaml_mark_t *mark, const char *fmt,
    va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	if (mark != NULL)
		strbuf_printf(&sb, "%s:%zu:%zu: ", ld->name, mark->line + 1,
		    mark->column + 1);
	else
		strbuf_printf(&sb, "%s: ", ld->name);
	strbuf_vprintf(&sb, fmt, ap);
	return strbuf_detach(&sb);
}

/* A structural error: reading stops. */
static int __attribute__((format(printf, 3, 4)))
load_fatal(struct loader *ld, const yaml_mark_t *mark, const char *fmt, ...)
{
	va_list ap;

	if (ld->fatal == NULL) {
		va_start(ap, fmt);
		ld->fatal = load_vplace(ld, mark, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Text from the file, made safe to quote in a message: at most 60
 * columns, control characters (an escape sequence, a newline) shown as
 * spaces.  Caller frees. */
static char *
load_clean(const void *text)
{
	return utf8_truncate((const char *)text, 60);
}

/* The entity prefix of a shape error: "card 'x': ", "card #3: ",
 * "events: " or "". */
static void
load_prefix(struct loader *ld, struct strbuf *sb)
{
	const struct mapentity *ent = ld->entity;
	const char *id;
	char *clean;

	if (ent == NULL)
		return;
	if (ent == &mapfields_events) {
		strbuf_adds(sb, "events: ");
		return;
	}
	id = *(char *const *)((const char *)ld->object + ent->id_offset);
	if (id != NULL) {
		clean = load_clean(id);
		strbuf_printf(sb, "%s '%s': ", ent->name, clean);
		free(clean);
	} else
		strbuf_printf(sb, "%s #%zu: ", ent->name, ld->index + 1);
}

/* A shape error: remembered (the first one only), reading goes on. */
static void __attribute__((format(printf, 3, 4)))
load_shape(struct loader *ld, const yaml_mark_t *mark, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (ld->shape != NULL)
		return;
	load_prefix(ld, &sb);
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	ld->shape = xasprintf("%s:%zu:%zu: %s", ld->name, mark->line + 1,
	    mark->column + 1, sb.data);
	strbuf_free(&sb);
}

/* How a value looks, for "got ...": 'text' (cut short), a list, a mapping.
 * Caller frees. */
static char *
load_describe(const yaml_event_t *ev)
{
	char *cut, *s;

	switch (ev->type) {
	case YAML_SEQUENCE_START_EVENT:
		return xstrdup("a list");
	case YAML_MAPPING_START_EVENT:
		return xstrdup("a mapping");
	case YAML_SCALAR_EVENT:
		cut = utf8_truncate((const char *)ev->data.scalar.value, 40);
		s = xasprintf("'%s'", cut);
		free(cut);
		return s;
	default:
		return xstrdup("nothing");
	}
}

/* Line and column (1-based, columns in characters) of a byte offset. */
static void
load_offset_place(const char *s, size_t len, size_t offset, size_t *line,
    size_t *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < offset && i < len; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80)
			(*col)++;
	}
}

static int
load_parser_error(struct loader *ld)
{
	yaml_parser_t *p = &ld->parser;
	const char *problem = p->problem != NULL ? p->problem : "syntax error";
	size_t line, col;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return load_fatal(ld, NULL, "out of memory while parsing");
	case YAML_READER_ERROR:
		load_offset_place(ld->data, ld->len, p->problem_offset, &line,
		    &col);
		if (p->problem_value != -1)
			ld->fatal = xasprintf("%s:%zu:%zu: %s (#x%X)", ld->name,
			    line, col, problem, (unsigned)p->problem_value);
		else
			ld->fatal = xasprintf("%s:%zu:%zu: %s", ld->name, line,
			    col, problem);
		return -1;
	default:
		if (p->context != NULL)
			return load_fatal(ld, &p->problem_mark, "%s (%s)",
			    problem, p->context);
		return load_fatal(ld, &p->problem_mark, "%s", problem);
	}
}

/* --- the event stream ---------------------------------------------------- */

static bool
load_tag_allowed(const char *tag)
{
	static const char *const standard[] = {
		"str", "int", "float", "bool", "null", "seq", "map",
	};
	size_t i, n = strlen(LOAD_TAG_PREFIX);

	if (strcmp(tag, "!") == 0)
		return true;
	if (strncmp(tag, LOAD_TAG_PREFIX, n) != 0)
		return false;
	for (i = 0; i < sizeof standard / sizeof standard[0]; i++)
		if (strcmp(tag + n, standard[i]) == 0)
			return true;
	return false;
}

static int
load_check_node(struct loader *ld, yaml_event_t *ev, const yaml_char_t *anchor,
    const yaml_char_t *tag)
{
	char *clean;

	if (anchor != NULL) {
		clean = load_clean(anchor);
		load_fatal(ld, &ev->start_mark,
		    "anchors and aliases are not allowed (&%s)", clean);
		free(clean);
		return -1;
	}
	if (tag != NULL && !load_tag_allowed((const char *)tag)) {
		clean = load_clean(tag);
		load_fatal(ld, &ev->start_mark,
		    "tag '%s' is not allowed (only the standard tags such as "
		    "!!str)", clean);
		free(clean);
		return -1;
	}
	return 0;
}

/*
 * The next event, after the checks that must not wait: on -1 the event
 * is already deleted and ld->fatal set.
 */
static int
load_next(struct loader *ld, yaml_event_t *ev)
{
	char *clean;
	int rc = 0;

	if (!yaml_parser_parse(&ld->parser, ev))
		return load_parser_error(ld);
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		clean = load_clean(ev->data.alias.anchor);
		rc = load_fatal(ld, &ev->start_mark,
		    "anchors and aliases are not allowed (*%s)", clean);
		free(clean);
		break;
	case YAML_SCALAR_EVENT:
		rc = load_check_node(ld, ev, ev->data.scalar.anchor,
		    ev->data.scalar.tag);
		if (rc == 0 && memchr(ev->data.scalar.value, '\0',
		    ev->data.scalar.length) != NULL)
			rc = load_fatal(ld, &ev->start_mark,
			    "NUL characters (\\0) are not allowed");
		break;
	case YAML_SEQUENCE_START_EVENT:
		rc = load_check_node(ld, ev, ev->data.sequence_start.anchor,
		    ev->data.sequence_start.tag);
		if (rc == 0 && ++ld->depth > MAPIO_MAX_DEPTH)
			rc = load_fatal(ld, &ev->start_mark,
			    "nesting deeper than %d levels", MAPIO_MAX_DEPTH);
		break;
	case YAML_MAPPING_START_EVENT:
		rc = load_check_node(ld, ev, ev->data.mapping_start.anchor,
		    ev->data.mapping_start.tag);
		if (rc == 0 && ++ld->depth > MAPIO_MAX_DEPTH)
			rc = load_fatal(ld, &ev->start_mark,
			    "nesting deeper than %d levels", MAPIO_MAX_DEPTH);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		ld->depth--;
		break;
	case YAML_DOCUMENT_START_EVENT:
		if (++ld->documents > 1)
			rc = load_fatal(ld, &ev->start_mark,
			    "a second document is not allowed (one map per "
			    "file)");
		break;
	default:
		break;
	}
	if (rc != 0)
		yaml_event_delete(ev);
	return rc;
}

/* Consume the rest of the value that ev starts (and delete ev). */
static int
load_skip(struct loader *ld, yaml_event_t *ev)
{
	int level = 0;

	do {
		if (ev->type == YAML_SEQUENCE_START_EVENT ||
		    ev->type == YAML_MAPPING_START_EVENT)
			level++;
		else if (ev->type == YAML_SEQUENCE_END_EVENT ||
		    ev->type == YAML_MAPPING_END_EVENT)
			level--;
		yaml_event_delete(ev);
		if (level == 0)
			return 0;
	} while (load_next(ld, ev) == 0);
	return -1;
}

static const char *
load_text(const yaml_event_t *ev)
{
	return (const char *)ev->data.scalar.value;
}

static bool
load_has_tag(const yaml_event_t *ev, const char *name)
{
	const char *tag = (const char *)ev->data.scalar.tag;
	size_t n = strlen(LOAD_TAG_PREFIX);

	return tag != NULL && strncmp(tag, LOAD_TAG_PREFIX, n) == 0 &&
	    strcmp(tag + n, name) == 0;
}

/* A scalar that YAML reads as null: an empty plain value, ~, null. */
static bool
load_is_null(const yaml_event_t *ev)
{
	const char *s = load_text(ev);

	if (ev->type != YAML_SCALAR_EVENT)
		return false;
	if (load_has_tag(ev, "null"))
		return true;
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    ev->data.scalar.tag != NULL)
		return false;
	return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* --- duplicate keys ------------------------------------------------------ */

static uint32_t
load_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static void
load_keyset_reset(struct load_keyset *ks)
{
	strbuf_reset(&ks->text);
	ks->count = 0;
	free(ks->slots);
	ks->slots = NULL;
	ks->slot_count = 0;
}

static void
load_keyset_free(struct load_keyset *ks)
{
	strbuf_free(&ks->text);
	free(ks->keys);
	free(ks->slots);
	memset(ks, 0, sizeof *ks);
}

static bool
load_keyset_same(const struct load_keyset *ks, const struct load_key *k,
    const char *key, size_t len, uint32_t hash)
{
	return k->hash == hash && k->len == len &&
	    memcmp(ks->text.data + k->offset, key, len) == 0;
}

static void
load_keyset_slot(struct load_keyset *ks, size_t index)
{
	size_t mask = ks->slot_count - 1, i = ks->keys[index].hash & mask;

	while (ks->slots[i] != 0)
		i = (i + 1) & mask;
	ks->slots[i] = index + 1;
}

static void
load_keyset_rehash(struct load_keyset *ks)
{
	size_t i;

	free(ks->slots);
	ks->slot_count = 64;
	while (ks->slot_count < ks->count * 4)
		ks->slot_count *= 2;
	ks->slots = xcalloc(ks->slot_count, sizeof *ks->slots);
	for (i = 0; i < ks->count; i++)
		load_keyset_slot(ks, i);
}

/* Add a key; returns 0, or the line of an earlier equal key. */
static int
load_keyset_add(struct load_keyset *ks, const char *key, size_t len, int line)
{
	uint32_t hash = load_hash(key, len);
	size_t i, mask;
	struct load_key *k;

	if (ks->slots == NULL) {
		for (i = 0; i < ks->count; i++)
			if (load_keyset_same(ks, &ks->keys[i], key, len, hash))
				return ks->keys[i].line;
	} else {
		mask = ks->slot_count - 1;
		for (i = hash & mask; ks->slots[i] != 0; i = (i + 1) & mask) {
			k = &ks->keys[ks->slots[i] - 1];
			if (load_keyset_same(ks, k, key, len, hash))
				return k->line;
		}
	}
	XGROW(ks->keys, ks->cap, ks->count + 1);
	k = &ks->keys[ks->count++];
	k->offset = ks->text.len;
	k->len = len;
	k->hash = hash;
	k->line = line;
	strbuf_add(&ks->text, key, len);
	if (ks->slots != NULL && ks->count * 2 <= ks->slot_count)
		load_keyset_slot(ks, ks->count - 1);
	else if (ks->count > LOAD_HASH_ABOVE)
		load_keyset_rehash(ks);
	return 0;
}

/*
 * Read the next key of the mapping at the current depth into *key: returns
 * 1 with a scalar key event (caller deletes it), 0 at the end of the
 * mapping, -1 on error.
 */
static int
load_key(struct loader *ld, yaml_event_t *key)
{
	struct load_keyset *ks = &ld->keysets[ld->depth];
	char *clean;
	int first;

	if (load_next(ld, key) != 0)
		return -1;
	if (key->type == YAML_MAPPING_END_EVENT) {
		yaml_event_delete(key);
		return 0;
	}
	if (key->type != YAML_SCALAR_EVENT) {
		load_fatal(ld, &key->start_mark,
		    "a mapping key must be a single value, not %s",
		    key->type == YAML_MAPPING_START_EVENT ? "a mapping" :
		    "a list");
		yaml_event_delete(key);
		return -1;
	}
	first = load_keyset_add(ks, load_text(key), key->data.scalar.length,
	    (int)key->start_mark.line + 1);
	if (first != 0) {
		clean = load_clean(load_text(key));
		load_fatal(ld, &key->start_mark,
		    "duplicate key '%s' (first at line %d)", clean, first);
		free(clean);
		yaml_event_delete(key);
		return -1;
	}
	return 1;
}

/* Called on a mapping start event: makes the key set of its level empty. */
static void
load_mapping_begin(struct loader *ld)
{
	load_keyset_reset(&ld->keysets[ld->depth]);
}

/* --- unknown keys -------------------------------------------------------- */

/* Give back the unused slots of a finished sequence or mapping: a file of
 * many tiny collections would otherwise cost 8 slots each. */
static void
load_node_trim(struct node *n)
{
	if (n->cap == n->count || n->count == 0)
		return;
	n->items = xreallocarray(n->items, n->count, sizeof *n->items);
	if (n->keys != NULL)
		n->keys = xreallocarray(n->keys, n->count, sizeof *n->keys);
	n->cap = n->count;
}

/* The value that ev starts, as a node tree (ev is consumed); NULL on a
 * structural error. */
static struct node *
load_node(struct loader *ld, yaml_event_t *ev)
{
	struct node *n, *child;
	yaml_event_t key, next;
	bool plain;
	int rc;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		/* Plain-ness is kept only where it means something: a
		 * number, bool or null (see scalar.h). */
		plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    !load_has_tag(ev, "str") && scalar_plain_kept(load_text(ev));
		n = node_scalar(load_text(ev), plain);
		yaml_event_delete(ev);
		return n;
	case YAML_SEQUENCE_START_EVENT:
		yaml_event_delete(ev);
		n = node_new(NODE_SEQ);
		for (;;) {
			if (load_next(ld, &next) != 0)
				goto fail;
			if (next.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&next);
				load_node_trim(n);
				return n;
			}
			if ((child = load_node(ld, &next)) == NULL)
				goto fail;
			node_seq_append(n, child);
		}
	case YAML_MAPPING_START_EVENT:
		yaml_event_delete(ev);
		load_mapping_begin(ld);
		n = node_new(NODE_MAP);
		while ((rc = load_key(ld, &key)) == 1) {
			if (load_next(ld, &next) != 0 ||
			    (child = load_node(ld, &next)) == NULL) {
				yaml_event_delete(&key);
				goto fail;
			}
			node_map_append(n, load_text(&key), child);
			yaml_event_delete(&key);
		}
		if (rc == 0) {
			load_node_trim(n);
			return n;
		}
		goto fail;
	default:
		yaml_event_delete(ev);
		load_fatal(ld, NULL, "unexpected YAML event");
		return NULL;
	}
fail:
	node_free(n);
	return NULL;
}

/* Read the value of an unknown key into *extra (a NODE_MAP made on first
 * use). */
static int
load_extra(struct loader *ld, struct node **extra, const char *key,
    yaml_event_t *value)
{
	struct node *n;

	if ((n = load_node(ld, value)) == NULL)
		return -1;
	if (*extra == NULL)
		*extra = node_new(NODE_MAP);
	node_map_append(*extra, key, n);
	return 0;
}

/* --- typed values -------------------------------------------------------- */

static bool
load_parse_int(const char *s, int *out, bool *overflow)
{
	const char *p = s;
	long v;
	char *end;

	*overflow = false;
	if (*p == '+' || *p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p != '\0')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == ERANGE || v < INT_MIN || v > INT_MAX) {
		*overflow = true;
		return false;
	}
	*out = (int)v;
	return true;
}

/* A decimal number: [+-] digits [. digits] [e [+-] digits], or with the
 * digits only after the point.  strtod reads it with a dot whatever the
 * locale, since waymark only ever sets LC_CTYPE. */
static bool
load_parse_num(const char *s, double *out)
{
	const char *p = s;
	double value;
	int digits = 0;

	if (*p == '+' || *p == '-')
		p++;
	while (*p >= '0' && *p <= '9') {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits++;
		}
	}
	if (digits == 0)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p != '\0')
		return false;
	value = strtod(s, NULL);
	if (!isfinite(value))
		return false;
	*out = value;
	return true;
}

static int
load_enum_parse(enum mapfield_type type, const char *s)
{
	switch (type) {
	case MAPFIELD_LANE_KIND:
		return lane_kind_parse(s);
	case MAPFIELD_CHANNEL_KIND:
		return channel_kind_parse(s);
	case MAPFIELD_TIME_UNIT:
		if (strcmp(s, "s") == 0)
			return TIME_UNIT_S;
		if (strcmp(s, "ms") == 0)
			return TIME_UNIT_MS;
		return -1;
	default:
		return -1;
	}
}

/* Shape error "F must be EXPECT, got X" for value ev, which is skipped. */
static int
load_wrong(struct loader *ld, const struct mapfield *f, yaml_event_t *ev)
{
	char *got = load_describe(ev);

	if (f->type == MAPFIELD_LANE_KIND || f->type == MAPFIELD_CHANNEL_KIND ||
	    f->type == MAPFIELD_TIME_UNIT)
		load_shape(ld, &ev->start_mark, "%s must be one of %s, got %s",
		    f->key, mapfields_enum_words(f->type), got);
	else
		load_shape(ld, &ev->start_mark, "%s must be %s, got %s",
		    f->key, f->expect, got);
	free(got);
	return load_skip(ld, ev);
}

static int
load_list(struct loader *ld, const struct mapfield *f, struct strlist *list,
    yaml_event_t *ev)
{
	yaml_event_t item;
	size_t n = 0;
	char *got;

	if (ev->type == YAML_SCALAR_EVENT && load_is_null(ev)) {
		yaml_event_delete(ev);
		return 0;
	}
	if (ev->type != YAML_SEQUENCE_START_EVENT)
		return load_wrong(ld, f, ev);
	yaml_event_delete(ev);
	for (;;) {
		if (load_next(ld, &item) != 0)
			return -1;
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&item);
			return 0;
		}
		n++;
		if (item.type == YAML_SCALAR_EVENT && !load_is_null(&item)) {
			strlist_append(list, load_text(&item));
			yaml_event_delete(&item);
			continue;
		}
		if (item.type == YAML_SCALAR_EVENT)
			load_shape(ld, &item.start_mark, "%s must be %s; "
			    "item %zu is empty", f->key, f->expect, n);
		else {
			got = load_describe(&item);
			load_shape(ld, &item.start_mark, "%s must be %s; "
			    "item %zu is %s", f->key, f->expect, n, got);
			free(got);
		}
		if (load_skip(ld, &item) != 0)
			return -1;
	}
}

/* Read the value that ev starts into field f of object obj. */
static int
load_field(struct loader *ld, const struct mapfield *f, void *obj,
    yaml_event_t *ev)
{
	char *at = (char *)obj + f->offset;
	bool *has = f->has_offset == MAPFIELD_NO_FLAG ? NULL :
	    (bool *)((char *)obj + f->has_offset);
	bool overflow;
	char *got;
	int v;

	if (f->type == MAPFIELD_LIST)
		return load_list(ld, f, (struct strlist *)(void *)at, ev);
	if (ev->type != YAML_SCALAR_EVENT)
		return load_wrong(ld, f, ev);
	if (load_is_null(ev)) {
		yaml_event_delete(ev);
		return 0;
	}
	switch (f->type) {
	case MAPFIELD_STR:
		*(char **)(void *)at = xstrdup(load_text(ev));
		break;
	case MAPFIELD_INT:
		if (!load_parse_int(load_text(ev), (int *)(void *)at,
		    &overflow)) {
			if (!overflow)
				return load_wrong(ld, f, ev);
			got = load_describe(ev);
			load_shape(ld, &ev->start_mark, "%s must be %s, and %s "
			    "is too large", f->key, f->expect, got);
			free(got);
			return load_skip(ld, ev);
		}
		*has = true;
		break;
	case MAPFIELD_NUM:
		if (!load_parse_num(load_text(ev), (double *)(void *)at))
			return load_wrong(ld, f, ev);
		*has = true;
		break;
	case MAPFIELD_LANE_KIND:
	case MAPFIELD_CHANNEL_KIND:
	case MAPFIELD_TIME_UNIT:
		if ((v = load_enum_parse(f->type, load_text(ev))) < 0)
			return load_wrong(ld, f, ev);
		*(int *)(void *)at = v;
		if (has != NULL)
			*has = true;
		break;
	case MAPFIELD_LIST:
		break;
	}
	yaml_event_delete(ev);
	return 0;
}

/* --- entities ------------------------------------------------------------ */

/* Read the mapping that start (a mapping start event) opens into obj, an
 * entity of kind ent. */
static int
load_entity(struct loader *ld, const struct mapentity *ent, void *obj,
    size_t index, yaml_event_t *start)
{
	struct srcpos *pos = (struct srcpos *)(void *)((char *)obj +
	    ent->pos_offset);
	struct node **extra = (struct node **)(void *)((char *)obj +
	    ent->extra_offset);
	const struct mapfield *f;
	yaml_event_t key, value;
	size_t i;
	int rc;

	pos->line = (int)start->start_mark.line + 1;
	pos->col = (int)start->start_mark.column + 1;
	yaml_event_delete(start);
	load_mapping_begin(ld);
	ld->entity = ent;
	ld->object = obj;
	ld->index = index;
	while ((rc = load_key(ld, &key)) == 1) {
		f = NULL;
		for (i = 0; i < ent->field_count; i++)
			if (strcmp(ent->fields[i].key, load_text(&key)) == 0)
				f = &ent->fields[i];
		if (load_next(ld, &value) != 0)
			rc = -1;
		else if (f != NULL)
			rc = load_field(ld, f, obj, &value);
		else
			rc = load_extra(ld, extra, load_text(&key), &value);
		yaml_event_delete(&key);
		if (rc != 0)
			break;
	}
	ld->entity = NULL;
	return rc;
}

/* The value of a top-level list key (personas:, cards:, ...). */
static int
load_entity_list(struct loader *ld, struct map *m, const struct mapentity *ent,
    yaml_event_t *ev)
{
	void **array = (void **)(void *)((char *)m + ent->array_offset);
	size_t *count = (size_t *)(void *)((char *)m + ent->count_offset);
	size_t *cap = (size_t *)(void *)((char *)m + ent->cap_offset);
	yaml_event_t item;
	char *got, *obj;

	if (load_is_null(ev)) {
		yaml_event_delete(ev);
		return 0;
	}
	if (ev->type != YAML_SEQUENCE_START_EVENT) {
		got = load_describe(ev);
		load_shape(ld, &ev->start_mark, "%s must be a list of %ss "
		    "(- id: ...), got %s", ent->list_key, ent->name, got);
		free(got);
		return load_skip(ld, ev);
	}
	yaml_event_delete(ev);
	for (;;) {
		if (load_next(ld, &item) != 0)
			return -1;
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&item);
			return 0;
		}
		if (item.type != YAML_MAPPING_START_EVENT) {
			got = load_describe(&item);
			load_shape(ld, &item.start_mark, "each of %s must be a "
			    "mapping (id: ..., name: ...), got %s",
			    ent->list_key, got);
			free(got);
			if (load_skip(ld, &item) != 0)
				return -1;
			continue;
		}
		/* Counted before it is read, so that map_destroy frees a
		 * half-read entity. */
		xgrow(array, cap, *count + 1, ent->size);
		obj = (char *)*array + *count * ent->size;
		memset(obj, 0, ent->size);
		(*count)++;
		if (load_entity(ld, ent, obj, *count - 1, &item) != 0)
			return -1;
	}
}

/* --- the top level ------------------------------------------------------- */

struct load_top {
	bool have_key;     /* a `waymark:` key was seen */
	bool have_version; /* and its value was an integer */
	yaml_mark_t version_mark;
};

static int
load_top_key(struct loader *ld, struct map *m, struct load_top *top,
    const char *key, yaml_event_t *value)
{
	static const struct mapfield title = { "title", MAPFIELD_STR,
		offsetof(struct map, title), MAPFIELD_NO_FLAG, "text" };
	static const struct mapfield summary = { "summary", MAPFIELD_STR,
		offsetof(struct map, summary), MAPFIELD_NO_FLAG, "text" };
	static const struct mapfield version = { "waymark", MAPFIELD_INT,
		offsetof(struct map, version), MAPFIELD_NO_FLAG,
		"the format version, an integer" };
	static const struct mapfield events = { "events", MAPFIELD_STR, 0,
		MAPFIELD_NO_FLAG, "a mapping (store: ..., table: ...)" };
	bool overflow;
	size_t i;

	if (strcmp(key, "waymark") == 0) {
		top->have_key = true;
		if (value->type != YAML_SCALAR_EVENT ||
		    !load_parse_int(load_text(value), &m->version, &overflow))
			return load_wrong(ld, &version, value);
		top->have_version = true;
		top->version_mark = value->start_mark;
		yaml_event_delete(value);
		return 0;
	}
	if (strcmp(key, "title") == 0)
		return load_field(ld, &title, m, value);
	if (strcmp(key, "summary") == 0)
		return load_field(ld, &summary, m, value);
	for (i = 0; i < MAPFIELDS_ENTITY_COUNT; i++)
		if (strcmp(key, mapfields_entities[i].list_key) == 0)
			return load_entity_list(ld, m, &mapfields_entities[i],
			    value);
	if (strcmp(key, "events") == 0) {
		if (load_is_null(value)) {
			yaml_event_delete(value);
			return 0;
		}
		if (value->type == YAML_MAPPING_START_EVENT) {
			m->events.present = true;
			return load_entity(ld, &mapfields_events, &m->events,
			    0, value);
		}
		return load_wrong(ld, &events, value);
	}
	return load_extra(ld, &m->extra, key, value);
}

static int
load_expect(struct loader *ld, yaml_event_t *ev, yaml_event_type_t type)
{
	if (load_next(ld, ev) != 0)
		return -1;
	if (ev->type != type) {
		load_fatal(ld, &ev->start_mark, "unexpected YAML structure");
		yaml_event_delete(ev);
		return -1;
	}
	yaml_event_delete(ev);
	return 0;
}

static int
load_document(struct loader *ld, struct map *m)
{
	struct load_top top = { false, false, { 0, 0, 0 } };
	yaml_event_t ev, key, value;
	int rc;

	if (load_expect(ld, &ev, YAML_STREAM_START_EVENT) != 0)
		return -1;
	if (load_next(ld, &ev) != 0)
		return -1;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		return load_fatal(ld, NULL, "no map in the file (only blank "
		    "lines and comments)");
	}
	yaml_event_delete(&ev); /* the document start */
	if (load_next(ld, &ev) != 0)
		return -1;
	if (ev.type != YAML_MAPPING_START_EVENT) {
		char *got = load_describe(&ev);

		load_fatal(ld, &ev.start_mark, "the top level must be a "
		    "mapping (waymark: 1, title: ...), got %s", got);
		free(got);
		yaml_event_delete(&ev);
		return -1;
	}
	yaml_event_delete(&ev);
	load_mapping_begin(ld);
	while ((rc = load_key(ld, &key)) == 1) {
		if (load_next(ld, &value) != 0)
			rc = -1;
		else
			rc = load_top_key(ld, m, &top, load_text(&key), &value);
		yaml_event_delete(&key);
		if (rc != 0)
			return -1;
	}
	if (rc != 0)
		return -1;
	if (load_expect(ld, &ev, YAML_DOCUMENT_END_EVENT) != 0 ||
	    load_expect(ld, &ev, YAML_STREAM_END_EVENT) != 0)
		return -1;

	if (top.have_version && m->version > MAP_FORMAT_VERSION)
		return load_fatal(ld, &top.version_mark, "written by a newer "
		    "waymark (format %d); this one reads format %d",
		    m->version, MAP_FORMAT_VERSION);
	if (!top.have_key)
		return load_fatal(ld, NULL, "not a waymark map: the 'waymark:' "
		    "key (format version) is missing");
	if (top.have_version && m->version < 1)
		return load_fatal(ld, &top.version_mark, "waymark: format "
		    "version %d does not exist (this program reads format %d)",
		    m->version, MAP_FORMAT_VERSION);
	return ld->shape != NULL ? -1 : 0;
}

/* --- entry points -------------------------------------------------------- */

struct map *
mapio_load_buffer(const char *data, size_t len, const char *name,
    char **cause)
{
	struct loader *ld;
	struct map *m;
	size_t bad, line, col, i;
	int rc;

	*cause = NULL;
	if (len > MAPIO_MAX_BYTES) {
		*cause = xasprintf("%s: too large (%zu bytes; the limit is %u "
		    "MiB)", name, len, MAPIO_MAX_BYTES / (1024u * 1024u));
		return NULL;
	}
	if (len == 0) {
		*cause = xasprintf("%s: the file is empty", name);
		return NULL;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!utf8_valid(data, len, &bad)) {
		load_offset_place(data, len, bad, &line, &col);
		*cause = xasprintf("%s:%zu:%zu: invalid UTF-8 (byte 0x%02X); "
		    "a map must be UTF-8 text", name, line, col,
		    (unsigned char)data[bad]);
		return NULL;
	}

	ld = xcalloc(1, sizeof *ld);
	ld->name = name;
	ld->data = data;
	ld->len = len;
	if (!yaml_parser_initialize(&ld->parser)) {
		free(ld);
		*cause = xasprintf("%s: cannot start the YAML parser", name);
		return NULL;
	}
	yaml_parser_set_encoding(&ld->parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&ld->parser, (const unsigned char *)data,
	    len);
	m = map_create();
	m->version = 0;
	rc = load_document(ld, m);
	yaml_parser_delete(&ld->parser);
	for (i = 0; i < sizeof ld->keysets / sizeof ld->keysets[0]; i++)
		load_keyset_free(&ld->keysets[i]);
	if (rc != 0) {
		map_destroy(m);
		m = NULL;
		if (ld->fatal != NULL) {
			*cause = ld->fatal;
			ld->fatal = NULL;
		} else {
			*cause = ld->shape;
			ld->shape = NULL;
		}
	}
	free(ld->fatal);
	free(ld->shape);
	free(ld);
	return m;
}

/* Read the whole of a regular file no larger than MAPIO_MAX_BYTES. */
static char *
load_read_file(const char *path, size_t *len, char **cause)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	ssize_t n;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: %s", path, S_ISDIR(st.st_mode) ?
		    "is a directory, not a map file" : "not a regular file");
		close(fd);
		return NULL;
	}
	if ((uintmax_t)st.st_size > MAPIO_MAX_BYTES) {
		*cause = xasprintf("%s: too large (%jd bytes; the limit is %u "
		    "MiB)", path, (intmax_t)st.st_size,
		    MAPIO_MAX_BYTES / (1024u * 1024u));
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}

struct map *
mapio_load_file(const char *path, char **cause)
{
	struct map *m;
	size_t len;
	char *buf;

	*cause = NULL;
	if ((buf = load_read_file(path, &len, cause)) == NULL)
		return NULL;
	m = mapio_load_buffer(buf, len, path, cause);
	free(buf);
	return m;
}
