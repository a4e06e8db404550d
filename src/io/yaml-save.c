/*
 * yaml-save.c - writing a map in canonical form.
 *
 * The text is produced directly (not through libyaml's emitter) so that
 * every choice is ours and deterministic: the key order of mapfields.c,
 * block style, 2-space indent, entity lists as "  - id: x" items.
 *
 * Strings are the delicate part.  Each one is written in the first of
 * these styles that reads back as exactly the same string:
 *
 *   plain          when nothing in it means anything to YAML and YAML 1.1
 *                  or 1.2 would not read it as another type (null, a bool
 *                  such as `no` or `on`, a number such as `1.10`, `0x1F`,
 *                  `1_000`, `.inf`, a date or a time such as `12:30`);
 *   'single'       one line of printable characters;
 *   |  literal     several lines of printable characters (and tabs), with
 *                  the chomping indicator that keeps the final newlines
 *                  (`|-` none, `|` one, `|+` more) and an explicit
 *                  indentation indicator when the text starts with a
 *                  space, a tab or a newline (but not text made only of
 *                  newlines, which a literal block cannot carry);
 *   "double"       anything else (CR, control characters, U+0085, U+2028,
 *                  U+2029, BOM, U+FFFE/U+FFFF), with escapes.
 *
 * Scalars of unknown keys that the loader kept as plain (node.plain: a
 * number, bool or null such as `jira: 123`, see scalar_plain_kept) are
 * written plain again, so other tools still read them as that type; every
 * other scalar is a string and is written like one.  (A hand-built node
 * marked plain whose text is not such a value reads back unmarked.)
 * Invalid UTF-8 in a string (which a loaded map never has) is written as
 * U+FFFD, so the file always loads again.
 *
 * Lists of strings are written in flow style ([a, b]) when every item is a
 * simple word and the line stays within 80 columns; in block style else.
 */
#include "io/mapio.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/atomic.h"
#include "io/mapfields.h"
#include "io/scalar.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Implicit keys longer than this are written as explicit "? key" entries:
 * YAML limits a simple key to 1024 characters. */
#define SAVE_SIMPLE_KEY_MAX 1000
#define SAVE_FLOW_WIDTH 80

struct saver {
	struct strbuf sb;
	/* "- " has been written for a sequence item whose first mapping key
	 * or sequence item goes on the same line. */
	bool pending;
};

/* --- string styles ------------------------------------------------------- */

static void
save_single_quoted(struct saver *sv, const char *s)
{
	strbuf_addc(&sv->sb, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			strbuf_addc(&sv->sb, '\'');
		strbuf_addc(&sv->sb, *s);
	}
	strbuf_addc(&sv->sb, '\'');
}

static void
save_double_quoted(struct saver *sv, const char *s)
{
	size_t len = strlen(s), i = 0, n;
	uint32_t cp;

	strbuf_addc(&sv->sb, '"');
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		switch (cp) {
		case '"':
			strbuf_adds(&sv->sb, "\\\"");
			break;
		case '\\':
			strbuf_adds(&sv->sb, "\\\\");
			break;
		case '\n':
			strbuf_adds(&sv->sb, "\\n");
			break;
		case '\r':
			strbuf_adds(&sv->sb, "\\r");
			break;
		case '\t':
			strbuf_adds(&sv->sb, "\\t");
			break;
		default:
			if (cp < 0x20 || cp == 0x7F)
				strbuf_printf(&sv->sb, "\\x%02X", (unsigned)cp);
			else if (scalar_cp_special(cp))
				strbuf_printf(&sv->sb, "\\u%04X", (unsigned)cp);
			else if (cp == UTF8_REPLACEMENT)
				strbuf_adds(&sv->sb, "\xEF\xBF\xBD");
			else
				strbuf_add(&sv->sb, s + i, n);
			break;
		}
		i += n;
	}
	strbuf_addc(&sv->sb, '"');
}

/*
 * True if s (which has a newline) can be a literal block scalar.  Not when
 * it is nothing but newlines: a block of empty lines reads back as ""
 * under the default (clip) chomping, so "\n" would be lost.
 */
static bool
save_literal_ok(const char *s)
{
	return s[strspn(s, "\n")] != '\0' && strchr(s, '\r') == NULL &&
	    !scalar_has_special(s);
}

/*
 * A literal block: the header after "key:" and the lines, each indented
 * by `indent` spaces (the column of the key or dash, plus 2).
 */
static void
save_literal(struct saver *sv, const char *s, int indent)
{
	size_t len = strlen(s), trailing = 0;
	const char *line, *end, *stop;

	while (trailing < len && s[len - 1 - trailing] == '\n')
		trailing++;
	strbuf_adds(&sv->sb, " |");
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n')
		strbuf_addc(&sv->sb, '2');
	if (trailing == 0)
		strbuf_addc(&sv->sb, '-');
	else if (trailing > 1)
		strbuf_addc(&sv->sb, '+');
	strbuf_addc(&sv->sb, '\n');
	/* The lines up to the last newline; the text after it (when there
	 * is no final newline) is the last line. */
	stop = s + len;
	for (line = s; line < stop; line = end + 1) {
		end = memchr(line, '\n', (size_t)(stop - line));
		if (end == NULL)
			end = stop;
		if (end > line) {
			strbuf_addn(&sv->sb, ' ', (size_t)indent);
			strbuf_add(&sv->sb, line, (size_t)(end - line));
		}
		strbuf_addc(&sv->sb, '\n');
		if (end == stop)
			break;
	}
}

/* How save_scalar may write a string. */
enum save_style {
	SAVE_TEXT,  /* a string: plain only when that reads back as text */
	SAVE_PLAIN, /* an unknown key's scalar kept plain (node.plain) */
};

/*
 * Write string s as a value: the cursor is just after "key:" or "-".
 * `indent` is the column of that key or dash.
 */
static void
save_scalar(struct saver *sv, const char *s, int indent, enum save_style style)
{
	char *clean = NULL;
	bool plain;

	if (!utf8_valid(s, strlen(s), NULL))
		s = clean = utf8_sanitize(s);
	if (style == SAVE_PLAIN)
		plain = scalar_plain_structural(s);
	else
		plain = scalar_plain_ok(s);
	if (style == SAVE_PLAIN && *s == '\0') {
		strbuf_addc(&sv->sb, '\n');
	} else if (plain) {
		strbuf_addc(&sv->sb, ' ');
		strbuf_adds(&sv->sb, s);
		strbuf_addc(&sv->sb, '\n');
	} else if (strchr(s, '\n') == NULL && !scalar_has_special(s) &&
	    strchr(s, '\r') == NULL) {
		strbuf_addc(&sv->sb, ' ');
		save_single_quoted(sv, s);
		strbuf_addc(&sv->sb, '\n');
	} else if (strchr(s, '\n') != NULL && save_literal_ok(s)) {
		save_literal(sv, s, indent + 2);
	} else {
		strbuf_addc(&sv->sb, ' ');
		save_double_quoted(sv, s);
		strbuf_addc(&sv->sb, '\n');
	}
	free(clean);
}

/* Start a line at column indent (unless "- " is already there). */
static void
save_indent(struct saver *sv, int indent)
{
	if (sv->pending)
		sv->pending = false;
	else
		strbuf_addn(&sv->sb, ' ', (size_t)indent);
}

/*
 * Write "key:" at column indent.  A key that cannot be a plain one is
 * quoted; one too long for an implicit key becomes "? key" and the ":"
 * goes on the next line, at the same column.
 */
static void
save_key(struct saver *sv, const char *key, int indent)
{
	struct saver q = { STRBUF_INIT, false };
	char *clean = NULL;

	if (!utf8_valid(key, strlen(key), NULL))
		key = clean = utf8_sanitize(key);
	save_indent(sv, indent);
	if (scalar_plain_ok(key)) {
		strbuf_adds(&sv->sb, key);
		strbuf_addc(&sv->sb, ':');
		free(clean);
		return;
	}
	if (strchr(key, '\n') == NULL && strchr(key, '\r') == NULL &&
	    !scalar_has_special(key))
		save_single_quoted(&q, key);
	else
		save_double_quoted(&q, key);
	if (q.sb.len <= SAVE_SIMPLE_KEY_MAX) {
		strbuf_add(&sv->sb, q.sb.data, q.sb.len);
		strbuf_addc(&sv->sb, ':');
	} else {
		strbuf_adds(&sv->sb, "? ");
		strbuf_add(&sv->sb, q.sb.data, q.sb.len);
		strbuf_addc(&sv->sb, '\n');
		strbuf_addn(&sv->sb, ' ', (size_t)indent);
		strbuf_addc(&sv->sb, ':');
	}
	strbuf_free(&q.sb);
	free(clean);
}

/* --- unknown-key trees --------------------------------------------------- */

static void save_node_value(struct saver *, const struct node *, int);

static void
save_node_entries(struct saver *sv, const struct node *n, int indent)
{
	const struct node *item;
	size_t i;

	for (i = 0; i < n->count; i++) {
		item = n->items[i];
		if (n->type == NODE_MAP) {
			save_key(sv, n->keys[i], indent);
			save_node_value(sv, item, indent);
			continue;
		}
		save_indent(sv, indent);
		strbuf_addc(&sv->sb, '-');
		if (item->type != NODE_SCALAR && item->count > 0) {
			/* "- - x" or "- key: v": the first entry shares the
			 * line of the dash. */
			strbuf_addc(&sv->sb, ' ');
			sv->pending = true;
			save_node_entries(sv, item, indent + 2);
		} else
			save_node_value(sv, item, indent);
	}
}

/* The value of a key (or a sequence item) at column indent. */
static void
save_node_value(struct saver *sv, const struct node *n, int indent)
{
	switch (n->type) {
	case NODE_SCALAR:
		save_scalar(sv, n->scalar, indent,
		    n->plain ? SAVE_PLAIN : SAVE_TEXT);
		break;
	case NODE_SEQ:
	case NODE_MAP:
		if (n->count == 0) {
			strbuf_adds(&sv->sb, n->type == NODE_SEQ ? " []\n" :
			    " {}\n");
			break;
		}
		strbuf_addc(&sv->sb, '\n');
		save_node_entries(sv, n, indent + 2);
		break;
	}
}

static void
save_extra(struct saver *sv, const struct node *extra, int indent)
{
	if (extra != NULL && extra->type == NODE_MAP)
		save_node_entries(sv, extra, indent);
}

/* --- fields -------------------------------------------------------------- */

/* Flow style for a list whose items are all simple words. */
static bool
save_list_flow(const struct strlist *l, const char *key, int indent)
{
	size_t i, width = (size_t)indent + strlen(key) + 4;
	const char *p;

	for (i = 0; i < l->count; i++) {
		if (!scalar_plain_ok(l->items[i]))
			return false;
		for (p = l->items[i]; *p != '\0'; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
			    *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    *p == '_' || *p == '-' || *p == '.' || *p == '/'))
				return false;
		width += strlen(l->items[i]) + 2;
	}
	return width <= SAVE_FLOW_WIDTH;
}

static void
save_list(struct saver *sv, const char *key, const struct strlist *l,
    int indent)
{
	size_t i;

	if (l->count == 0)
		return;
	save_key(sv, key, indent);
	if (save_list_flow(l, key, indent)) {
		strbuf_adds(&sv->sb, " [");
		for (i = 0; i < l->count; i++) {
			if (i > 0)
				strbuf_adds(&sv->sb, ", ");
			strbuf_adds(&sv->sb, l->items[i]);
		}
		strbuf_adds(&sv->sb, "]\n");
		return;
	}
	strbuf_addc(&sv->sb, '\n');
	for (i = 0; i < l->count; i++) {
		strbuf_addn(&sv->sb, ' ', (size_t)indent + 2);
		strbuf_addc(&sv->sb, '-');
		save_scalar(sv, l->items[i], indent + 2, SAVE_TEXT);
	}
}

/* The shortest text that strtod reads back as exactly d. */
static void
save_number(struct saver *sv, double d)
{
	char buf[64];
	int precision;

	if (isnan(d)) {
		strbuf_adds(&sv->sb, ".nan");
		return;
	}
	if (isinf(d)) {
		strbuf_adds(&sv->sb, d < 0 ? "-.inf" : ".inf");
		return;
	}
	for (precision = 1; precision <= 17; precision++) {
		snprintf(buf, sizeof buf, "%.*g", precision, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	strbuf_adds(&sv->sb, buf);
}

static const char *
save_enum_word(enum mapfield_type type, int value)
{
	switch (type) {
	case MAPFIELD_LANE_KIND:
		return lane_kind_name((enum lane_kind)value);
	case MAPFIELD_CHANNEL_KIND:
		return channel_kind_name((enum channel_kind)value);
	case MAPFIELD_TIME_UNIT:
		return value == TIME_UNIT_S ? "s" : value == TIME_UNIT_MS ?
		    "ms" : NULL;
	default:
		return NULL;
	}
}

static void
save_field(struct saver *sv, const struct mapfield *f, const void *obj,
    int indent)
{
	const char *at = (const char *)obj + f->offset;
	bool has = f->has_offset == MAPFIELD_NO_FLAG ||
	    *(const bool *)(const void *)((const char *)obj + f->has_offset);
	const char *word;

	switch (f->type) {
	case MAPFIELD_STR:
		if (*(char *const *)(const void *)at == NULL)
			return;
		save_key(sv, f->key, indent);
		save_scalar(sv, *(char *const *)(const void *)at, indent,
		    SAVE_TEXT);
		break;
	case MAPFIELD_INT:
		if (!has)
			return;
		save_key(sv, f->key, indent);
		strbuf_printf(&sv->sb, " %d\n", *(const int *)(const void *)at);
		break;
	case MAPFIELD_NUM:
		if (!has)
			return;
		save_key(sv, f->key, indent);
		strbuf_addc(&sv->sb, ' ');
		save_number(sv, *(const double *)(const void *)at);
		strbuf_addc(&sv->sb, '\n');
		break;
	case MAPFIELD_LIST:
		save_list(sv, f->key, (const struct strlist *)(const void *)at,
		    indent);
		break;
	case MAPFIELD_LANE_KIND:
	case MAPFIELD_CHANNEL_KIND:
	case MAPFIELD_TIME_UNIT:
		word = save_enum_word(f->type, *(const int *)(const void *)at);
		if (!has || word == NULL)
			return;
		save_key(sv, f->key, indent);
		strbuf_printf(&sv->sb, " %s\n", word);
		break;
	}
}

/* The fields of one entity, then its unknown keys, at column indent. */
static void
save_entity(struct saver *sv, const struct mapentity *ent, const void *obj,
    int indent)
{
	const struct node *extra = *(struct node *const *)(const void *)(
	    (const char *)obj + ent->extra_offset);
	size_t i, before = sv->sb.len;

	for (i = 0; i < ent->field_count; i++)
		save_field(sv, &ent->fields[i], obj, indent);
	save_extra(sv, extra, indent);
	if (sv->sb.len == before) {
		/* Nothing to write: an empty mapping. */
		sv->pending = false;
		strbuf_adds(&sv->sb, "{}\n");
	}
}

static void
save_entity_list(struct saver *sv, const struct map *m,
    const struct mapentity *ent)
{
	const char *array = *(char *const *)(const void *)((const char *)m +
	    ent->array_offset);
	size_t count = *(const size_t *)(const void *)((const char *)m +
	    ent->count_offset);
	size_t i;

	if (count == 0)
		return;
	strbuf_printf(&sv->sb, "%s:\n", ent->list_key);
	for (i = 0; i < count; i++) {
		strbuf_adds(&sv->sb, "  - ");
		sv->pending = true;
		save_entity(sv, ent, array + i * ent->size, 4);
	}
}

static bool
save_events_used(const struct events_config *e)
{
	return e->present || e->store != NULL || e->table != NULL ||
	    e->user != NULL || e->name != NULL || e->time != NULL ||
	    e->time_unit != TIME_UNIT_UNSET || e->segment != NULL ||
	    e->channel != NULL || e->window != NULL || e->extra != NULL;
}

char *
mapio_save_buffer(const struct map *m, size_t *len)
{
	struct saver sv = { STRBUF_INIT, false };
	size_t i;

	strbuf_printf(&sv.sb, "waymark: %d\n", m->version);
	if (m->title != NULL) {
		save_key(&sv, "title", 0);
		save_scalar(&sv, m->title, 0, SAVE_TEXT);
	}
	if (m->summary != NULL) {
		save_key(&sv, "summary", 0);
		save_scalar(&sv, m->summary, 0, SAVE_TEXT);
	}
	for (i = 0; i < MAPFIELDS_ENTITY_COUNT; i++)
		save_entity_list(&sv, m, &mapfields_entities[i]);
	if (save_events_used(&m->events)) {
		strbuf_adds(&sv.sb, "events:");
		i = sv.sb.len;
		strbuf_addc(&sv.sb, '\n');
		save_entity(&sv, &mapfields_events, &m->events, 2);
		if (strcmp(sv.sb.data + i, "\n{}\n") == 0) {
			sv.sb.len = i;
			strbuf_adds(&sv.sb, " {}\n");
		}
	}
	save_extra(&sv, m->extra, 0);
	if (len != NULL)
		*len = sv.sb.len;
	return strbuf_detach(&sv.sb);
}

int
mapio_save_file(const struct map *m, const char *path, char **cause)
{
	size_t len;
	char *text = mapio_save_buffer(m, &len);
	int rc;

	rc = atomic_write_file(path, text, len, cause);
	free(text);
	return rc;
}
