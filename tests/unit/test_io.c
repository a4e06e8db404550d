/*
 * test_io.c - the map file: load, canonical save, refusals, atomic writes,
 * the crash journal and its lock.
 *
 * Run from the repository root (the templates are globbed from maps/).
 * Temporary files go to a fresh directory under build/tmp.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/atomic.h"
#include "io/journal.h"
#include "io/mapio.h"
#include "model/map.h"
#include "support_mapgen.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static char tmpdir[PATH_MAX];

/* --- helpers -------------------------------------------------------------- */

static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static char *
read_file(const char *path, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	if (len != NULL)
		*len = sb.len;
	return strbuf_detach(&sb);
}

/* Names in tmpdir, sorted and joined by spaces. */
static char *
dir_listing(void)
{
	struct dirent **names;
	struct strbuf sb = STRBUF_INIT;
	int n, i;

	n = scandir(tmpdir, &names, NULL, alphasort);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 &&
		    strcmp(names[i]->d_name, "..") != 0) {
			if (sb.len > 0)
				strbuf_addc(&sb, ' ');
			strbuf_adds(&sb, names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	return strbuf_detach(&sb);
}

static void
empty_tmpdir(void)
{
	struct dirent **names;
	char *p;
	int n, i;

	n = scandir(tmpdir, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 &&
		    strcmp(names[i]->d_name, "..") != 0) {
			p = tmp_path(names[i]->d_name);
			unlink(p);
			free(p);
		}
		free(names[i]);
	}
	free(names);
}

static int
setup_tmpdir(void **state)
{
	(void)state;
	mkdir("build", 0755);
	mkdir("build/tmp", 0755);
	snprintf(tmpdir, sizeof tmpdir, "build/tmp/test_io.XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	return 0;
}

static int
teardown_tmpdir(void **state)
{
	(void)state;
	atomic_fault_set(NULL, 0);
	empty_tmpdir();
	rmdir(tmpdir);
	return 0;
}

/* Load text; it must fail with exactly `want`. */
static void
expect_refused(const char *text, const char *want)
{
	char *cause = NULL;
	struct map *m = mapio_load_buffer(text, strlen(text), "t.yaml",
	    &cause);

	if (m != NULL)
		fail_msg("loaded, expected: %s\n--- text:\n%s", want, text);
	assert_non_null(cause);
	if (strcmp(cause, want) != 0)
		fail_msg("got:  %s\nwant: %s", cause, want);
	free(cause);
}

/* Load text; it must fail with a message starting with `prefix`. */
static void
expect_refused_prefix(const char *text, size_t len, const char *prefix)
{
	char *cause = NULL;
	struct map *m = mapio_load_buffer(text, len, "t.yaml", &cause);

	if (m != NULL)
		fail_msg("loaded, expected: %s", prefix);
	assert_non_null(cause);
	if (strncmp(cause, prefix, strlen(prefix)) != 0)
		fail_msg("got:  %s\nwant: %s...", cause, prefix);
	free(cause);
}

static struct map *
expect_loads(const char *text)
{
	char *cause = NULL;
	struct map *m = mapio_load_buffer(text, strlen(text), "t.yaml",
	    &cause);

	if (m == NULL)
		fail_msg("refused: %s\n--- text:\n%s", cause, text);
	return m;
}

/*
 * The round-trip property for m: load(save(m)) equals m, and saving that
 * gives the same bytes.  Returns false (after printing why) on failure.
 */
static bool
roundtrip_ok(const struct map *m, const char *what)
{
	size_t len1, len2;
	char *text1, *text2, *cause = NULL;
	struct map *back;
	bool ok = true;

	text1 = mapio_save_buffer(m, &len1);
	back = mapio_load_buffer(text1, len1, what, &cause);
	if (back == NULL) {
		print_error("%s: saved text does not load: %s\n--- text:\n%s\n",
		    what, cause, text1);
		free(cause);
		free(text1);
		return false;
	}
	if (!map_equal(m, back)) {
		text2 = mapio_save_buffer(back, &len2);
		print_error("%s: load(save(m)) != m\n--- save(m):\n%s\n"
		    "--- save(load(save(m))):\n%s\n", what, text1, text2);
		free(text2);
		ok = false;
	} else {
		text2 = mapio_save_buffer(back, &len2);
		if (len1 != len2 || memcmp(text1, text2, len1) != 0) {
			print_error("%s: save not idempotent\n--- first:\n%s\n"
			    "--- second:\n%s\n", what, text1, text2);
			ok = false;
		}
		free(text2);
	}
	map_destroy(back);
	free(text1);
	return ok;
}

/* --- round trips ---------------------------------------------------------- */

static void
test_templates_roundtrip(void **state)
{
	glob_t g;
	struct map *m;
	char *cause = NULL;
	bool sneakers = false;
	size_t i;
	struct stat st;

	(void)state;
	if (glob("maps/*.yaml", 0, NULL, &g) != 0) {
		/* Nothing yet: only acceptable before the example exists. */
		assert_int_not_equal(stat("maps/sneakers.yaml", &st), 0);
		return;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		if (strcmp(g.gl_pathv[i], "maps/sneakers.yaml") == 0)
			sneakers = true;
		m = mapio_load_file(g.gl_pathv[i], &cause);
		if (m == NULL)
			fail_msg("%s", cause);
		if (!roundtrip_ok(m, g.gl_pathv[i]))
			fail_msg("%s does not round-trip", g.gl_pathv[i]);
		map_destroy(m);
	}
	if (stat("maps/sneakers.yaml", &st) == 0)
		assert_true(sneakers);
	globfree(&g);
}

/* fmt twice gives the same bytes: save(load(text)) is a fixed point
 * after one step, for every template. */
static void
test_templates_canonical(void **state)
{
	glob_t g;
	struct map *m, *m2;
	char *cause = NULL, *t1, *t2;
	size_t i, l1, l2;

	(void)state;
	if (glob("maps/*.yaml", 0, NULL, &g) != 0)
		return;
	for (i = 0; i < g.gl_pathc; i++) {
		m = mapio_load_file(g.gl_pathv[i], &cause);
		assert_non_null(m);
		t1 = mapio_save_buffer(m, &l1);
		m2 = mapio_load_buffer(t1, l1, g.gl_pathv[i], &cause);
		assert_non_null(m2);
		t2 = mapio_save_buffer(m2, &l2);
		assert_int_equal(l1, l2);
		assert_memory_equal(t1, t2, l1);
		/* The canonical form starts with the version. */
		assert_int_equal(strncmp(t1, "waymark: 1\n", 11), 0);
		free(t1);
		free(t2);
		map_destroy(m);
		map_destroy(m2);
	}
	globfree(&g);
}

static void
test_random_roundtrip(void **state)
{
	unsigned seed, start;
	int i, failures = 0;
	struct map *m;
	char what[64];

	(void)state;
	for (i = 1; i <= 4000; i++) {
		start = seed = (unsigned)i * 2654435761u;
		m = mapgen_random(&seed, i % 4);
		snprintf(what, sizeof what, "random map %d (seed %u)", i,
		    start);
		if (!roundtrip_ok(m, what) && ++failures >= 3) {
			map_destroy(m);
			break;
		}
		map_destroy(m);
	}
	assert_int_equal(failures, 0);
}

/* Every awkward string alone, as a title, a list item, an unknown value
 * (quoted) and an unknown key. */
static void
test_awkward_strings(void **state)
{
	static const char *const cases[] = {
		"no", "~", "1.10", "# x", "  leading", "trailing ", "a: b",
		"-", "---", "...", "", "line\nline", "crlf\r\nline", "\ttab",
		"x\n", "x\n\n", "\n", "\n\n", " \n", "\n x", "a\n ", "a\n\t",
		"back\\slash", "'single'", "\"double\"", "日本語 🏃 città",
		"\xe2\x80\xa8", "\xc2\x85", "\x01", "@at", "`tick", "%pct",
		"12:30", "2024-01-01", "0o17", "1_000", "1e3", ".inf", "=", "<<",
		"a #b", "a:", "? x", "!x", "&x", "*x", "|", ">", "{x}", "[x]",
		"\xef\xbb\xbf" "bom", "x\xef\xbb\xbf", "tab\tin", "end\t",
		"Perché sì, più così", "\n\nlead", "a\n\n\n", " ", "\t",
		"... x", "--- x", "...", "---",
	};
	struct map *m;
	struct card c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		m = map_create();
		m->title = xstrdup(cases[i]);
		memset(&c, 0, sizeof c);
		c.id = xstrdup(cases[i]);
		c.notes = xstrdup(cases[i]);
		strlist_append(&c.tags, cases[i]);
		strlist_append(&c.tags, "plain");
		c.extra = node_new(NODE_MAP);
		node_map_append(c.extra, cases[i], node_scalar(cases[i],
		    false));
		map_add_card(m, &c);
		card_free(&c);
		/* A top-level key starts a line at column 0. */
		m->extra = node_new(NODE_MAP);
		node_map_append(m->extra, cases[i], node_scalar("42", true));
		if (!roundtrip_ok(m, cases[i]))
			fail_msg("string case %zu does not round-trip", i);
		map_destroy(m);
	}
}

/*
 * Every string of up to 4 characters over an alphabet of the characters
 * that matter to YAML's styles (blanks, breaks, CR, indicators, a digit):
 * as a title, an unknown key, its value and a list item.  (Checked up to
 * 6 characters, 8 million strings, while writing the saver.)
 */
static void
test_exhaustive_short_strings(void **state)
{
	static const char alphabet[] = "a \n\t#:-'\"\r.0?[";
	size_t letters = strlen(alphabet);
	struct map *m;
	struct node *seq;
	char s[8];
	long total, k, v;
	int len, i, failures = 0;

	(void)state;
	for (len = 0; len <= 4; len++) {
		for (total = 1, i = 0; i < len; i++)
			total *= (long)letters;
		for (k = 0; k < total; k++) {
			for (v = k, i = 0; i < len; i++, v /= (long)letters)
				s[i] = alphabet[v % (long)letters];
			s[len] = '\0';
			m = map_create();
			m->title = xstrdup(s);
			m->extra = node_new(NODE_MAP);
			node_map_append(m->extra, s, node_scalar(s, false));
			seq = node_new(NODE_SEQ);
			node_seq_append(seq, node_scalar(s, false));
			node_map_append(m->extra, "k", seq);
			if (!roundtrip_ok(m, "short string") && ++failures > 3)
				fail();
			map_destroy(m);
		}
	}
	assert_int_equal(failures, 0);
}

/* Strings YAML would misread are quoted; plain words are not. */
static void
test_save_quotes(void **state)
{
	struct map *m = map_create();
	char *text;

	(void)state;
	m->title = xstrdup("no");
	m->summary = xstrdup("Sneakers online");
	text = mapio_save_buffer(m, NULL);
	assert_string_equal(text, "waymark: 1\ntitle: 'no'\n"
	    "summary: Sneakers online\n");
	free(text);
	free(m->title);
	m->title = xstrdup("1.10");
	free(m->summary);
	m->summary = xstrdup("first\nsecond\n");
	text = mapio_save_buffer(m, NULL);
	assert_string_equal(text, "waymark: 1\ntitle: '1.10'\n"
	    "summary: |\n  first\n  second\n");
	free(text);
	free(m->summary);
	m->summary = xstrdup("  indented\nno newline");
	text = mapio_save_buffer(m, NULL);
	assert_string_equal(text, "waymark: 1\ntitle: '1.10'\n"
	    "summary: |2-\n    indented\n  no newline\n");
	free(text);
	free(m->summary);
	m->summary = xstrdup("crlf\r\n");
	text = mapio_save_buffer(m, NULL);
	assert_string_equal(text, "waymark: 1\ntitle: '1.10'\n"
	    "summary: \"crlf\\r\\n\"\n");
	free(text);
	map_destroy(m);
}

/* Canonical key order, block style, 2-space indent, numbers. */
static void
test_save_canonical_form(void **state)
{
	const char *in =
	    "cards: [{votes: 3, id: c1, lane: l, stage: s, emotion: -1,\n"
	    "  personas: [p], tags: [x y, z]}]\n"
	    "jira: ABC-1\n"
	    "stages:\n- {target: 0.6, events: [e1], name: S, id: s}\n"
	    "waymark: 1\n"
	    "lanes: [{kind: emotion, id: l}]\n"
	    "events: {window: 7d, store: x.db}\n"
	    "title: T\n";
	const char *want =
	    "waymark: 1\n"
	    "title: T\n"
	    "stages:\n"
	    "  - id: s\n"
	    "    name: S\n"
	    "    events: [e1]\n"
	    "    target: 0.6\n"
	    "lanes:\n"
	    "  - id: l\n"
	    "    kind: emotion\n"
	    "cards:\n"
	    "  - id: c1\n"
	    "    stage: s\n"
	    "    lane: l\n"
	    "    personas: [p]\n"
	    "    emotion: -1\n"
	    "    votes: 3\n"
	    "    tags:\n"
	    "      - x y\n"
	    "      - z\n"
	    "events:\n"
	    "  store: x.db\n"
	    "  window: 7d\n"
	    "jira: ABC-1\n";
	struct map *m = expect_loads(in);
	char *text = mapio_save_buffer(m, NULL);

	(void)state;
	assert_string_equal(text, want);
	free(text);
	map_destroy(m);
}

static void
test_save_numbers(void **state)
{
	static const struct {
		double value;
		const char *text;
	} cases[] = {
		{ 0.6, "0.6" }, { 1, "1" }, { 0, "0" }, { 0.1, "0.1" },
		{ 1.0 / 3.0, "0.3333333333333333" }, { 1e-7, "1e-07" },
		{ 0.30000000000000004, "0.30000000000000004" },
	};
	struct map *m;
	struct stage s;
	char *text, *want;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		m = map_create();
		memset(&s, 0, sizeof s);
		s.id = xstrdup("s");
		s.has_target = true;
		s.target = cases[i].value;
		map_add_stage(m, &s);
		stage_free(&s);
		text = mapio_save_buffer(m, NULL);
		want = xasprintf("waymark: 1\nstages:\n  - id: s\n"
		    "    target: %s\n", cases[i].text);
		assert_string_equal(text, want);
		assert_true(roundtrip_ok(m, cases[i].text));
		free(want);
		free(text);
		map_destroy(m);
	}
}

/* Unknown keys: kept in file order at every level, plain scalars stay
 * plain, quoted ones quoted. */
static void
test_unknown_keys(void **state)
{
	const char *in =
	    "waymark: 1\n"
	    "zeta: 1\n"
	    "alpha: '1'\n"
	    "personas:\n"
	    "  - id: p\n"
	    "    url: https://example.com/x\n"
	    "    nested: {b: [1, two, {c: ~}], a: \"q\"}\n"
	    "events:\n"
	    "  store: x.db\n"
	    "  owner: data team\n"
	    "cards:\n"
	    "  - id: c\n"
	    "    jira: ABC-12\n"
	    "    votes: 2\n"
	    "    empty:\n";
	struct map *m = expect_loads(in);
	struct node *n;
	char *text;

	(void)state;
	assert_non_null(m->extra);
	assert_int_equal(m->extra->count, 2);
	assert_string_equal(m->extra->keys[0], "zeta");
	assert_true(m->extra->items[0]->plain);
	assert_string_equal(m->extra->keys[1], "alpha");
	assert_false(m->extra->items[1]->plain);
	n = node_map_get(m->personas[0].extra, "nested");
	assert_non_null(n);
	assert_string_equal(n->keys[0], "b");
	assert_int_equal(node_map_get(n, "b")->count, 3);
	assert_string_equal(m->events.extra->keys[0], "owner");
	assert_string_equal(m->cards[0].extra->keys[0], "jira");
	assert_string_equal(m->cards[0].extra->keys[1], "empty");
	assert_true(m->cards[0].has_votes);
	text = mapio_save_buffer(m, NULL);
	assert_non_null(strstr(text, "zeta: 1\nalpha: '1'\n"));
	assert_non_null(strstr(text, "    url: https://example.com/x\n"
	    "    nested:\n      b:\n        - 1\n        - two\n"
	    "        - c: ~\n      a: q\n"));
	assert_non_null(strstr(text, "    votes: 2\n    jira: ABC-12\n"
	    "    empty:\n"));
	free(text);
	assert_true(roundtrip_ok(m, "unknown keys"));
	map_destroy(m);
}

/*
 * An unknown key's scalar is kept "plain" only where that is its type (a
 * number, bool or null); other plain scalars are strings like quoted ones,
 * so a plain "-", a multi-line plain, a plain with a BOM inside and a
 * quoted "WM-1" all survive load -> save -> load unchanged.
 */
static void
test_unknown_plain_flag(void **state)
{
	static const struct {
		const char *yaml, *text;
		bool plain;
		const char *saved;
	} cases[] = {
		{ "x: 7\n\n  more\n", "7\nmore", false, "x: |-\n  7\n  more\n" },
		{ "x: {a: -}\n", NULL, false, "x:\n  a: '-'\n" },
		{ "x: a\xef\xbb\xbf" "b\n", "a\xef\xbb\xbf" "b", false,
		    "x: \"a\\uFEFFb\"\n" },
		{ "x: \"WM-1\"\n", "WM-1", false, "x: WM-1\n" },
		{ "x: WM-1\n", "WM-1", false, "x: WM-1\n" },
		{ "x: 123\n", "123", true, "x: 123\n" },
		{ "x: '123'\n", "123", false, "x: '123'\n" },
		{ "x: no\n", "no", true, "x: no\n" },
		{ "x: ~\n", "~", true, "x: ~\n" },
		{ "x:\n", "", true, "x:\n" },
		{ "x: !!str 1\n", "1", false, "x: '1'\n" },
	};
	struct map *m;
	char *yaml, *text;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		yaml = xasprintf("waymark: 1\n%s", cases[i].yaml);
		m = expect_loads(yaml);
		free(yaml);
		assert_non_null(m->extra);
		if (cases[i].text != NULL) {
			assert_int_equal(m->extra->items[0]->type, NODE_SCALAR);
			assert_string_equal(m->extra->items[0]->scalar,
			    cases[i].text);
			if (m->extra->items[0]->plain != cases[i].plain)
				fail_msg("case %zu: plain is %d", i,
				    m->extra->items[0]->plain);
		}
		text = mapio_save_buffer(m, NULL);
		assert_string_equal(text + strlen("waymark: 1\n"),
		    cases[i].saved);
		free(text);
		if (!roundtrip_ok(m, cases[i].yaml))
			fail_msg("case %zu does not round-trip", i);
		map_destroy(m);
	}
}

/* Positions: the line and column of each entity's mapping. */
static void
test_positions(void **state)
{
	const char *in =
	    "waymark: 1\n"
	    "stages:\n"
	    "  - id: a\n"
	    "  -   id: b\n"
	    "cards: [{id: c}]\n"
	    "events:\n"
	    "  store: s\n";
	struct map *m = expect_loads(in);

	(void)state;
	assert_int_equal(m->stages[0].pos.line, 3);
	assert_int_equal(m->stages[0].pos.col, 5);
	assert_int_equal(m->stages[1].pos.line, 4);
	assert_int_equal(m->stages[1].pos.col, 7);
	assert_int_equal(m->cards[0].pos.line, 5);
	assert_int_equal(m->cards[0].pos.col, 9);
	assert_int_equal(m->events.pos.line, 7);
	assert_int_equal(m->events.pos.col, 3);
	map_destroy(m);
}

/* Values: null means absent, strings keep any scalar's text, flow and
 * block lists, enums, BOM. */
static void
test_load_values(void **state)
{
	const char *in =
	    "\xef\xbb\xbfwaymark: 1\n"
	    "title: 123\n"
	    "summary: ~\n"
	    "personas:\n"
	    "  - id: p\n"
	    "    age: 34\n"
	    "    name: null\n"
	    "    goals: [a, 'b c']\n"
	    "    frustrations:\n"
	    "      - x\n"
	    "      - \"y\"\n"
	    "    quote: ''\n"
	    "channels: [{id: web, kind: online}, {id: shop, kind: offline}]\n"
	    "stages: [{id: s, target: .5}, {id: t, target: 1}]\n"
	    "lanes: [{id: l}, {id: e, kind: emotion}]\n"
	    "cards:\n"
	    "  - id: c\n"
	    "    emotion: -2\n"
	    "    votes: '7'\n"
	    "    tags:\n"
	    "events: {time_unit: ms}\n";
	struct map *m = expect_loads(in);

	(void)state;
	assert_string_equal(m->title, "123");
	assert_null(m->summary);
	assert_true(m->personas[0].has_age);
	assert_int_equal(m->personas[0].age, 34);
	assert_null(m->personas[0].name);
	assert_int_equal(m->personas[0].goals.count, 2);
	assert_string_equal(m->personas[0].goals.items[1], "b c");
	assert_string_equal(m->personas[0].frustrations.items[1], "y");
	assert_string_equal(m->personas[0].quote, "");
	assert_int_equal(m->channels[0].kind, CHANNEL_ONLINE);
	assert_int_equal(m->channels[1].kind, CHANNEL_OFFLINE);
	assert_true(m->stages[0].target == 0.5);
	assert_true(m->stages[1].target == 1.0);
	assert_false(m->lanes[0].has_kind);
	assert_true(m->lanes[1].has_kind);
	assert_int_equal(m->lanes[1].kind, LANE_EMOTION);
	assert_int_equal(m->cards[0].emotion, -2);
	assert_int_equal(m->cards[0].votes, 7);
	assert_int_equal(m->cards[0].tags.count, 0);
	assert_true(m->events.present);
	assert_int_equal(m->events.time_unit, TIME_UNIT_MS);
	map_destroy(m);
}

/* --- refusals ------------------------------------------------------------- */

static void
test_refuse_structure(void **state)
{
	(void)state;
	expect_refused("waymark: 1\nt: &a x\nu: *a\n",
	    "t.yaml:2:4: anchors and aliases are not allowed (&a)");
	expect_refused("waymark: 1\ncards: [*a]\n",
	    "t.yaml:2:9: anchors and aliases are not allowed (*a)");
	expect_refused("waymark: 1\ntitle: a\nsummary: s\ntitle: b\n",
	    "t.yaml:4:1: duplicate key 'title' (first at line 2)");
	expect_refused("waymark: 1\ncards:\n  - id: c\n    x: 1\n    x: 2\n",
	    "t.yaml:5:5: duplicate key 'x' (first at line 4)");
	expect_refused("waymark: 1\nj: {a: {b: 1, b: 2}}\n",
	    "t.yaml:2:15: duplicate key 'b' (first at line 2)");
	expect_refused("waymark: 1\n---\nwaymark: 1\n",
	    "t.yaml:2:1: a second document is not allowed (one map per "
	    "file)");
	expect_refused("waymark: 1\nx: !custom 1\n",
	    "t.yaml:2:4: tag '!custom' is not allowed (only the standard "
	    "tags such as !!str)");
	expect_refused("- waymark: 1\n",
	    "t.yaml:1:1: the top level must be a mapping (waymark: 1, "
	    "title: ...), got a list");
	expect_refused("just text\n",
	    "t.yaml:1:1: the top level must be a mapping (waymark: 1, "
	    "title: ...), got 'just text'");
	expect_refused("title: x\n", "t.yaml: not a waymark map: the "
	    "'waymark:' key (format version) is missing");
	expect_refused("# only a comment\n\n", "t.yaml: no map in the file "
	    "(only blank lines and comments)");
	expect_refused("", "t.yaml: the file is empty");
	expect_refused("waymark: 1\ntitle: \"a\\0b\"\n",
	    "t.yaml:2:8: NUL characters (\\0) are not allowed");
	/* Text from the file reaches a terminal: no control characters. */
	expect_refused("waymark: 1\n\"\\e[2J\\nx\": 1\n\"\\e[2J\\nx\": 2\n",
	    "t.yaml:3:1: duplicate key ' [2J x' (first at line 2)");
	expect_refused("waymark: 1\ncards: [{id: \"a\\e]0;x\\a\", emotion: 9.5}]\n",
	    "t.yaml:2:36: card 'a ]0;x ': emotion must be an integer from -2 "
	    "to 2, got '9.5'");
	/* A standard tag is fine. */
	map_destroy(expect_loads("waymark: 1\ntitle: !!str 12\n"));
}

static void
test_refuse_duplicates_many_keys(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *want;
	int i;

	(void)state;
	strbuf_adds(&sb, "waymark: 1\nx:\n");
	for (i = 0; i < 5000; i++)
		strbuf_printf(&sb, "  k%d: %d\n", i, i);
	strbuf_adds(&sb, "  k1234: again\n");
	want = xasprintf("t.yaml:5003:3: duplicate key 'k1234' (first at "
	    "line 1237)");
	expect_refused(sb.data, want);
	free(want);
	strbuf_free(&sb);
}

static void
test_refuse_version(void **state)
{
	(void)state;
	expect_refused("waymark: 2\ntitle: x\n", "t.yaml:1:10: written by a "
	    "newer waymark (format 2); this one reads format 1");
	/* Even when a field the newer format changed comes first. */
	expect_refused("cards: [{id: c, emotion: high}]\nwaymark: 2\n",
	    "t.yaml:2:10: written by a newer waymark (format 2); this one "
	    "reads format 1");
	expect_refused("waymark: 0\n", "t.yaml:1:10: waymark: format version "
	    "0 does not exist (this program reads format 1)");
	expect_refused("waymark: one\n", "t.yaml:1:10: waymark must be the "
	    "format version, an integer, got 'one'");
}

static void
test_refuse_types(void **state)
{
	(void)state;
	expect_refused("waymark: 1\ncards:\n  - id: x\n    emotion: high\n",
	    "t.yaml:4:14: card 'x': emotion must be an integer from -2 to 2, "
	    "got 'high'");
	expect_refused("waymark: 1\ncards:\n  - emotion: 1.5\n    id: x\n",
	    "t.yaml:3:14: card #1: emotion must be an integer from -2 to 2, "
	    "got '1.5'");
	expect_refused("waymark: 1\npersonas:\n  - id: p\n    goals: run\n",
	    "t.yaml:4:12: persona 'p': goals must be a list of strings, got "
	    "'run'");
	expect_refused("waymark: 1\npersonas:\n  - id: p\n    goals: [a, [b]]\n",
	    "t.yaml:4:16: persona 'p': goals must be a list of strings; item "
	    "2 is a list");
	expect_refused("waymark: 1\npersonas:\n  - id: p\n    goals: [a, ~]\n",
	    "t.yaml:4:16: persona 'p': goals must be a list of strings; item "
	    "2 is empty");
	expect_refused("waymark: 1\npersonas:\n  - id: p\n    age: 99999999999\n",
	    "t.yaml:4:10: persona 'p': age must be an integer, and "
	    "'99999999999' is too large");
	expect_refused("waymark: 1\nlanes: [{id: l, kind: feelings}]\n",
	    "t.yaml:2:23: lane 'l': kind must be one of touchpoints, actions, "
	    "thoughts, pains, opportunities, backstage, text, emotion, "
	    "metrics, got 'feelings'");
	expect_refused("waymark: 1\nchannels: [{id: c, kind: web}]\n",
	    "t.yaml:2:26: channel 'c': kind must be one of online, offline, "
	    "got 'web'");
	expect_refused("waymark: 1\nevents: {time_unit: us}\n",
	    "t.yaml:2:21: events: time_unit must be one of s, ms, got 'us'");
	expect_refused("waymark: 1\nstages: [{id: s, target: high}]\n",
	    "t.yaml:2:26: stage 's': target must be a number from 0 to 1, "
	    "got 'high'");
	expect_refused("waymark: 1\nstages: [{id: s, target: .nan}]\n",
	    "t.yaml:2:26: stage 's': target must be a number from 0 to 1, "
	    "got '.nan'");
	expect_refused("waymark: 1\nstages: [{id: s, target: 1e999}]\n",
	    "t.yaml:2:26: stage 's': target must be a number from 0 to 1, "
	    "got '1e999'");
	expect_refused("waymark: 1\ntitle: [a]\n",
	    "t.yaml:2:8: title must be text, got a list");
	expect_refused("waymark: 1\ncards: {id: x}\n",
	    "t.yaml:2:8: cards must be a list of cards (- id: ...), got a "
	    "mapping");
	expect_refused("waymark: 1\ncards: [x]\n",
	    "t.yaml:2:9: each of cards must be a mapping (id: ..., name: "
	    "...), got 'x'");
	expect_refused("waymark: 1\nevents: x.db\n",
	    "t.yaml:2:9: events must be a mapping (store: ..., table: ...), "
	    "got 'x.db'");
	expect_refused("waymark: 1\n[a]: b\n",
	    "t.yaml:2:1: a mapping key must be a single value, not a list");
	/* Values that are within int, and out-of-range emotions, are for
	 * validate to judge. */
	map_destroy(expect_loads("waymark: 1\ncards: [{id: c, emotion: 5, "
	    "votes: -2147483648}]\n"));
}

static void
test_refuse_encoding(void **state)
{
	const char bad[] = "waymark: 1\ntitle: ok\nsummary: caf\xe9 x\n";
	const char ctl[] = "waymark: 1\ntitle: a\x01z\n";
	const char nul[] = "waymark: 1\ntitle: a\0z\n";

	(void)state;
	expect_refused(bad, "t.yaml:3:13: invalid UTF-8 (byte 0xE9); a map "
	    "must be UTF-8 text");
	expect_refused("waymark: 1\ntitle: città \xf0\x9f\x8f\x83\xff\n",
	    "t.yaml:2:15: invalid UTF-8 (byte 0xFF); a map must be UTF-8 "
	    "text");
	expect_refused_prefix(ctl, sizeof ctl - 1, "t.yaml:2:9: control "
	    "characters are not allowed");
	expect_refused_prefix(nul, sizeof nul - 1, "t.yaml:2:9: control "
	    "characters are not allowed");
	/* UTF-16 is not guessed from a byte-order mark: it is not UTF-8. */
	expect_refused_prefix("\xff\xfew\0", 4, "t.yaml:1:1: invalid UTF-8");
}

static void
test_refuse_syntax(void **state)
{
	(void)state;
	expect_refused("waymark: 1\ntitle: \"open\n",
	    "t.yaml:3:1: found unexpected end of stream (while scanning a "
	    "quoted scalar)");
	expect_refused("waymark: 1\ncards:\n  - id: a\n   stage: b\n",
	    "t.yaml:4:4: did not find expected '-' indicator (while parsing "
	    "a block collection)");
}

/* A hand-broken template gets the line and column of the damage. */
static void
test_hand_broken_map(void **state)
{
	char *text, *cause = NULL, *p, *want;
	size_t len, line = 1;
	struct map *m;

	(void)state;
	if (access("maps/sneakers.yaml", R_OK) != 0)
		skip();
	text = read_file("maps/sneakers.yaml", &len);
	/* Break the first "    age: " line: a value that is not a number. */
	p = strstr(text, "    age: ");
	assert_non_null(p);
	for (const char *q = text; q < p; q++)
		if (*q == '\n')
			line++;
	memcpy(p + 9, "xx", 2);
	m = mapio_load_buffer(text, len, "maps/sneakers.yaml", &cause);
	assert_null(m);
	want = xasprintf("maps/sneakers.yaml:%zu:10: persona 'runner': age "
	    "must be an integer, got 'xx'", line);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	/* And an indentation mistake on the same line. */
	memcpy(p, " age: 34 ", 9);
	p[9] = ' ';
	m = mapio_load_buffer(text, len, "maps/sneakers.yaml", &cause);
	assert_null(m);
	want = xasprintf("maps/sneakers.yaml:%zu:", line);
	if (strncmp(cause, want, strlen(want)) != 0)
		fail_msg("got %s, want %s...", cause, want);
	free(want);
	free(cause);
	free(text);
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
test_refuse_depth(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	double start;
	int i;

	(void)state;
	/* 1 M nested flow sequences: refused at the 65th, quickly. */
	strbuf_adds(&sb, "waymark: 1\nx: ");
	strbuf_addn(&sb, '[', 1000000);
	start = now_seconds();
	expect_refused(sb.data, "t.yaml:2:67: nesting deeper than 64 levels");
	assert_true(now_seconds() - start < 1.0);
	/* Block nesting the same. */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "waymark: 1\nx:\n");
	for (i = 0; i < 200; i++) {
		strbuf_addn(&sb, ' ', (size_t)i + 1);
		strbuf_adds(&sb, "-\n");
	}
	expect_refused_prefix(sb.data, sb.len, "t.yaml:66:65: nesting deeper "
	    "than 64 levels");
	/* The bound itself is fine: the top mapping and 63 levels. */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "waymark: 1\nx: ");
	strbuf_addn(&sb, '[', 63);
	strbuf_addn(&sb, ']', 63);
	strbuf_addc(&sb, '\n');
	map_destroy(expect_loads(sb.data));
	strbuf_reset(&sb);
	strbuf_adds(&sb, "waymark: 1\nx: ");
	strbuf_addn(&sb, '[', 64);
	strbuf_addn(&sb, ']', 64);
	expect_refused(sb.data, "t.yaml:2:67: nesting deeper than 64 levels");
	strbuf_free(&sb);
}

static void
test_refuse_files(void **state)
{
	char *path, *cause = NULL, *want;
	struct map *m;
	int fd;

	(void)state;
	/* Too large: refused from its size, without reading it. */
	path = tmp_path("big.yaml");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)MAPIO_MAX_BYTES + 1), 0);
	close(fd);
	m = mapio_load_file(path, &cause);
	assert_null(m);
	want = xasprintf("%s: too large (%u bytes; the limit is 16 MiB)", path,
	    MAPIO_MAX_BYTES + 1);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	unlink(path);
	free(path);

	/* Empty. */
	path = tmp_path("empty.yaml");
	write_file(path, "", 0);
	m = mapio_load_file(path, &cause);
	assert_null(m);
	want = xasprintf("%s: the file is empty", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	unlink(path);
	free(path);

	/* A directory. */
	m = mapio_load_file(tmpdir, &cause);
	assert_null(m);
	want = xasprintf("%s: is a directory, not a map file", tmpdir);
	assert_string_equal(cause, want);
	free(want);
	free(cause);

	/* A FIFO: refused at once, not waited on. */
	path = tmp_path("fifo.yaml");
	assert_int_equal(mkfifo(path, 0644), 0);
	m = mapio_load_file(path, &cause);
	assert_null(m);
	want = xasprintf("%s: not a regular file", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	unlink(path);
	free(path);

	/* Missing. */
	path = tmp_path("missing.yaml");
	m = mapio_load_file(path, &cause);
	assert_null(m);
	want = xasprintf("%s: No such file or directory", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	free(path);

	/* A file that loads, for contrast. */
	path = tmp_path("ok.yaml");
	write_file(path, "waymark: 1\n", 11);
	m = mapio_load_file(path, &cause);
	assert_non_null(m);
	map_destroy(m);
	unlink(path);
	free(path);
}

/* --- atomic save ---------------------------------------------------------- */

static struct map *
small_map(const char *title)
{
	struct map *m = map_create();

	m->title = xstrdup(title);
	return m;
}

static void
test_atomic_new_and_replace(void **state)
{
	char *path = tmp_path("map.yaml"), *cause = NULL, *text, *listing;
	struct map *m = small_map("first");
	struct stat st;
	mode_t old;

	(void)state;
	empty_tmpdir();
	old = umask(022);
	assert_int_equal(mapio_save_file(m, path, &cause), 0);
	umask(old);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	text = read_file(path, NULL);
	assert_string_equal(text, "waymark: 1\ntitle: first\n");
	free(text);

	/* Replacing keeps the permissions. */
	assert_int_equal(chmod(path, 0600), 0);
	free(m->title);
	m->title = xstrdup("second");
	assert_int_equal(mapio_save_file(m, path, &cause), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	text = read_file(path, NULL);
	assert_string_equal(text, "waymark: 1\ntitle: second\n");
	free(text);
	listing = dir_listing();
	assert_string_equal(listing, "map.yaml");
	free(listing);

	/* A file without write permission is not replaced (even by root,
	 * who could): the old bytes stay, nothing is left beside it. */
	assert_int_equal(chmod(path, 0444), 0);
	free(m->title);
	m->title = xstrdup("third");
	assert_int_equal(mapio_save_file(m, path, &cause), -1);
	assert_non_null(strstr(cause, "map.yaml: the file is read-only"));
	free(cause);
	cause = NULL;
	text = read_file(path, NULL);
	assert_string_equal(text, "waymark: 1\ntitle: second\n");
	free(text);
	listing = dir_listing();
	assert_string_equal(listing, "map.yaml");
	free(listing);
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(mapio_save_file(m, path, &cause), 0);
	map_destroy(m);
	free(path);
}

static void
test_atomic_symlink(void **state)
{
	char *path = tmp_path("link.yaml"), *real = tmp_path("real.yaml");
	char *cause = NULL, *text;
	struct map *m = small_map("via link");
	struct stat st;

	(void)state;
	empty_tmpdir();
	write_file(real, "waymark: 1\n", 11);
	assert_int_equal(symlink("real.yaml", path), 0);
	assert_int_equal(mapio_save_file(m, path, &cause), 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	text = read_file(real, NULL);
	assert_string_equal(text, "waymark: 1\ntitle: via link\n");
	free(text);
	map_destroy(m);
	free(path);
	free(real);
}

/* A failure at any step before the rename leaves the old file as it was
 * and no temporary file behind, and says which step and why. */
static void
test_atomic_faults(void **state)
{
	static const char *const steps[] = {
		"open", "write", "fsync", "chmod", "close", "rename",
	};
	char *path = tmp_path("map.yaml"), *cause = NULL, *text, *listing;
	char *want;
	struct map *m = small_map("new contents");
	const char *old = "waymark: 1\ntitle: old contents\n";
	struct stat st;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		empty_tmpdir();
		write_file(path, old, strlen(old));
		assert_int_equal(chmod(path, 0640), 0);
		atomic_fault_set(steps[i], ENOSPC);
		assert_int_equal(mapio_save_file(m, path, &cause), -1);
		atomic_fault_set(NULL, 0);
		want = xasprintf("%s: %s failed: No space left on device",
		    path, steps[i]);
		assert_string_equal(cause, want);
		free(want);
		free(cause);
		text = read_file(path, NULL);
		assert_string_equal(text, old);
		free(text);
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 07777, 0640);
		listing = dir_listing();
		if (strcmp(listing, "map.yaml") != 0)
			fail_msg("step %s left: %s", steps[i], listing);
		free(listing);
	}

	/* A read-only directory, as seen by a non-root user (the tests run
	 * as root, which permission bits do not stop). */
	empty_tmpdir();
	write_file(path, old, strlen(old));
	atomic_fault_set("open", EACCES);
	assert_int_equal(mapio_save_file(m, path, &cause), -1);
	atomic_fault_set(NULL, 0);
	want = xasprintf("%s: open failed: Permission denied", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	text = read_file(path, NULL);
	assert_string_equal(text, old);
	free(text);

	/* After the rename only the directory sync can fail: the new file
	 * is in place and the caller is told it may not be durable. */
	atomic_fault_set("dirsync", EIO);
	assert_int_equal(mapio_save_file(m, path, &cause), -1);
	atomic_fault_set(NULL, 0);
	want = xasprintf("%s: dirsync failed: Input/output error", path);
	assert_int_equal(strncmp(cause, want, strlen(want)), 0);
	free(want);
	free(cause);
	text = read_file(path, NULL);
	assert_string_equal(text, "waymark: 1\ntitle: new contents\n");
	free(text);
	listing = dir_listing();
	assert_string_equal(listing, "map.yaml");
	free(listing);

	/* And with the fault cleared, saving works again. */
	assert_int_equal(mapio_save_file(m, path, &cause), 0);
	map_destroy(m);
	free(path);
}

/*
 * WAYMARK_FAULT is read from the environment at the first atomic write of
 * a process.  The test runs first (see main), so the forked child has
 * never written and reads the variable set in it.
 */
static void
test_atomic_fault_env(void **state)
{
	char *path = tmp_path("env.yaml"), *text;
	pid_t pid;
	int status;

	(void)state;
	empty_tmpdir();
	write_file(path, "old", 3);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *cause = NULL;
		int rc;

		setenv("WAYMARK_FAULT", "write:ENOSPC", 1);
		rc = atomic_write_file(path, "new", 3, &cause);
		_exit(rc == -1 && cause != NULL &&
		    strstr(cause, "write failed: No space left on device") !=
		    NULL ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	text = read_file(path, NULL);
	assert_string_equal(text, "old");
	free(text);
	free(path);
}

/* --- journal and lock ----------------------------------------------------- */

static void
test_journal(void **state)
{
	char *path = tmp_path("new-map.yaml"), *jpath, *cause = NULL, *text;
	char *want;
	struct map *m, *back;
	unsigned seed = 42;

	(void)state;
	empty_tmpdir();
	jpath = journal_path(path);
	want = xasprintf("%s/.new-map.yaml.waymark-journal", tmpdir);
	assert_string_equal(jpath, want);
	free(want);
	text = journal_path("plain.yaml");
	assert_string_equal(text, ".plain.yaml.waymark-journal");
	free(text);

	/* No journal: NULL without a cause. */
	assert_null(journal_read(path, &cause));
	assert_null(cause);

	/* Write (the map file itself does not exist), read back, remove. */
	m = mapgen_random(&seed, 2);
	assert_int_equal(journal_write(path, m, &cause), 0);
	assert_int_not_equal(access(path, F_OK), 0);
	text = read_file(jpath, NULL);
	assert_int_equal(strncmp(text, "# waymark journal: ", 19), 0);
	assert_non_null(strstr(text, "by pid "));
	free(text);
	back = journal_read(path, &cause);
	assert_non_null(back);
	assert_true(map_equal(m, back));
	map_destroy(back);
	assert_int_equal(journal_remove(path, &cause), 0);
	assert_int_not_equal(access(jpath, F_OK), 0);
	assert_int_equal(journal_remove(path, &cause), 0);

	/* A damaged journal is reported, not taken for absent. */
	write_file(jpath, "waymark: 1\ntitle: [\n", 20);
	assert_null(journal_read(path, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, ".new-map.yaml.waymark-journal:"));
	free(cause);
	map_destroy(m);
	free(jpath);
	free(path);
}

/* Private journals of boards editing without the lock; the ones whose
 * board is gone are orphans, found for a later board to offer. */
static void
test_journal_orphans(void **state)
{
	char *path = tmp_path("shared.yaml"), *cause = NULL, *priv, *jp;
	char *other = tmp_path("shared.yaml.bak");
	struct strlist found = {0, 0, NULL};
	struct map *m = map_create(), *back;
	pid_t dead[2];
	int status;

	(void)state;
	empty_tmpdir();
	m->title = xstrdup("from a board that died");
	/* Two boards that have exited, one that runs (our parent), and
	 * this process itself. */
	for (int i = 0; i < 2; i++) {
		dead[i] = fork();
		assert_true(dead[i] >= 0);
		if (dead[i] == 0) {
			/* The board writes its journal, then dies. */
			priv = journal_private(path, (long)getpid());
			_exit(journal_write(priv, m, &cause) == 0 ? 0 : 1);
		}
		assert_int_equal(waitpid(dead[i], &status, 0), dead[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	{
		/* The running board's journal, as it writes it. */
		char text[HOST_NAME_MAX + 200], host[HOST_NAME_MAX + 1];
		int n;

		assert_int_equal(gethostname(host, sizeof host), 0);
		host[sizeof host - 1] = '\0';
		n = snprintf(text, sizeof text, "# waymark journal: unsaved "
		    "edits, written 2026-01-01T00:00:00Z by pid %ld on %s\n"
		    "waymark: 1\n", (long)getppid(), host);
		priv = journal_private(path, (long)getppid());
		jp = journal_path(priv);
		write_file(jp, text, (size_t)n);
		free(jp);
		free(priv);
	}
	priv = journal_private(path, (long)getpid());
	assert_int_equal(journal_write(priv, m, &cause), 0);
	jp = journal_path(priv);
	assert_non_null(strstr(jp, "/.shared.yaml."));
	assert_non_null(strstr(jp, ".waymark-journal"));
	free(jp);
	free(priv);
	/* Neither the map's own journal nor another map's private one. */
	assert_int_equal(journal_write(path, m, &cause), 0);
	priv = journal_private(other, (long)dead[0]);
	assert_int_equal(journal_write(priv, m, &cause), 0);
	free(priv);
	jp = tmp_path(".shared.yaml.12x.waymark-journal");
	write_file(jp, "x", 1);
	free(jp);
	{
		/* A dead pid, but written on another host: cannot tell. */
		char text[200];
		pid_t gone = fork();
		int n;

		assert_true(gone >= 0);
		if (gone == 0)
			_exit(0);
		assert_int_equal(waitpid(gone, &status, 0), gone);
		n = snprintf(text, sizeof text, "# waymark journal: unsaved "
		    "edits, written 2026-01-01T00:00:00Z by pid %ld on "
		    "other-host\nwaymark: 1\n", (long)gone);
		priv = journal_private(path, (long)gone);
		jp = journal_path(priv);
		write_file(jp, text, (size_t)n);
		free(jp);
		free(priv);
	}
	/* The map's own journal of another map whose name is this one's
	 * plus ".PID" of a dead process: not a private journal of ours. */
	{
		pid_t gone = fork();

		assert_true(gone >= 0);
		if (gone == 0)
			_exit(0);
		assert_int_equal(waitpid(gone, &status, 0), gone);
		priv = xasprintf("%s.%ld", path, (long)gone);
		assert_int_equal(journal_write(priv, m, &cause), 0);
		free(priv);
	}

	journal_orphans(path, &found);
	assert_int_equal(found.count, 2);
	{
		long lo = dead[0] < dead[1] ? dead[0] : dead[1];
		long hi = dead[0] < dead[1] ? dead[1] : dead[0];
		char *want = journal_private(path, lo);

		assert_string_equal(found.items[0], want);
		free(want);
		want = journal_private(path, hi);
		assert_string_equal(found.items[1], want);
		free(want);
	}
	back = journal_read(found.items[0], &cause);
	assert_non_null(back);
	assert_string_equal(back->title, "from a board that died");
	map_destroy(back);
	assert_int_equal(journal_remove(found.items[0], &cause), 0);
	strlist_free(&found);
	journal_orphans(path, &found);
	assert_int_equal(found.count, 1);
	strlist_free(&found);
	/* No directory: nothing, no crash. */
	journal_orphans("/nonexistent-dir-of-waymark/x.yaml", &found);
	assert_int_equal(found.count, 0);
	map_destroy(m);
	free(other);
	free(path);
}

static void
test_lock(void **state)
{
	char *path = tmp_path("locked.yaml"), *lock, *cause = NULL, *text;
	char host[256], *line;
	long holder = -1;
	pid_t child;
	int status;

	(void)state;
	empty_tmpdir();
	lock = journal_lock_path(path);
	gethostname(host, sizeof host);
	host[sizeof host - 1] = '\0';

	/* Acquire: the file says who. */
	assert_int_equal(journal_lock(path, &holder, &cause), 0);
	text = read_file(lock, NULL);
	line = xasprintf("%ld %s\n", (long)getpid(), host);
	assert_string_equal(text, line);
	free(line);
	free(text);
	/* Taking it again is fine; unlocking removes it. */
	assert_int_equal(journal_lock(path, &holder, &cause), 0);
	journal_unlock(path);
	assert_int_not_equal(access(lock, F_OK), 0);
	assert_false(journal_lock_held(path, NULL));
	assert_int_not_equal(access(lock, F_OK), 0);

	/* Held by another live process (our parent). */
	line = xasprintf("%ld %s\n", (long)getppid(), host);
	write_file(lock, line, strlen(line));
	assert_int_equal(journal_lock(path, &holder, &cause), 1);
	assert_int_equal(holder, (long)getppid());
	/* Unlock does not remove someone else's lock. */
	journal_unlock(path);
	assert_int_equal(access(lock, F_OK), 0);
	free(line);

	/* Held on another host: cannot tell, so held. */
	write_file(lock, "12345 some-other-host\n", 22);
	assert_int_equal(journal_lock(path, &holder, &cause), 1);
	assert_int_equal(holder, 12345);

	assert_true(journal_lock_held(path, &holder));
	assert_int_equal(holder, 12345);

	/* Stale: its process has exited. */
	child = fork();
	assert_true(child >= 0);
	if (child == 0)
		_exit(0);
	assert_int_equal(waitpid(child, &status, 0), child);
	line = xasprintf("%ld %s\n", (long)child, host);
	write_file(lock, line, strlen(line));
	/* Asking without taking leaves a stale lock as it is. */
	assert_false(journal_lock_held(path, NULL));
	text = read_file(lock, NULL);
	assert_string_equal(text, line);
	free(text);
	free(line);
	assert_int_equal(journal_lock(path, &holder, &cause), 0);
	assert_true(journal_lock_held(path, NULL));
	text = read_file(lock, NULL);
	line = xasprintf("%ld %s\n", (long)getpid(), host);
	assert_string_equal(text, line);
	free(line);
	free(text);
	journal_unlock(path);

	/* Held by a child that takes it itself. */
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		char *c = NULL;

		_exit(journal_lock(path, NULL, &c) == 0 ? 0 : 1);
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(WEXITSTATUS(status), 0);
	/* ...and has exited since: stale, taken over. */
	assert_int_equal(journal_lock(path, &holder, &cause), 0);
	journal_unlock(path);

	/* An unreadable, fresh lock (being written): held, pid unknown. */
	write_file(lock, "", 0);
	assert_int_equal(journal_lock(path, &holder, &cause), 1);
	assert_int_equal(holder, 0);
	unlink(lock);
	free(lock);
	free(path);
}

/* --- speed ---------------------------------------------------------------- */

/* A realistic big map: 5,000 cards over 10 stages and 8 lanes. */
static struct map *
big_map(void)
{
	struct map *m = map_create();
	struct stage s;
	struct lane l;
	struct card c;
	char buf[64];
	int i;

	m->title = xstrdup("Big map");
	for (i = 0; i < 10; i++) {
		memset(&s, 0, sizeof s);
		snprintf(buf, sizeof buf, "stage-%d", i);
		s.id = xstrdup(buf);
		s.name = xstrdup("A stage of the journey");
		strlist_append(&s.events, "event_view");
		s.has_target = true;
		s.target = 0.5;
		map_add_stage(m, &s);
		stage_free(&s);
	}
	for (i = 0; i < 8; i++) {
		memset(&l, 0, sizeof l);
		snprintf(buf, sizeof buf, "lane-%d", i);
		l.id = xstrdup(buf);
		l.name = xstrdup("Lane");
		map_add_lane(m, &l);
		lane_free(&l);
	}
	for (i = 0; i < 5000; i++) {
		memset(&c, 0, sizeof c);
		snprintf(buf, sizeof buf, "card-%d", i);
		c.id = xstrdup(buf);
		snprintf(buf, sizeof buf, "stage-%d", i % 10);
		c.stage = xstrdup(buf);
		snprintf(buf, sizeof buf, "lane-%d", i % 8);
		c.lane = xstrdup(buf);
		c.title = xstrdup("Instagram ad: spring collection");
		c.notes = xstrdup("Seen on the phone while commuting.\n"
		    "Clicked through to the product page.\n");
		c.owner = xstrdup("marketing");
		c.channel = xstrdup("social");
		strlist_append(&c.personas, "runner");
		c.has_emotion = true;
		c.emotion = i % 5 - 2;
		c.event = xstrdup("ig_ad_click");
		strlist_append(&c.tags, "paid");
		map_add_card(m, &c);
		card_free(&c);
	}
	return m;
}

/* A workshop-sized map (5,000 cards) round-trips.  How fast is for
 * make bench (tests/bench/bench_board.c), against its floors. */
static void
test_roundtrip_5000_cards(void **state)
{
	struct map *m = big_map(), *back;
	char *text, *text2, *cause = NULL;
	size_t len, len2;

	(void)state;
	text = mapio_save_buffer(m, &len);
	back = mapio_load_buffer(text, len, "big.yaml", &cause);
	assert_non_null(back);
	assert_int_equal(back->card_count, 5000);
	assert_true(map_equal(m, back));
	text2 = mapio_save_buffer(back, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(text, text2, len);
	map_destroy(back);
	map_destroy(m);
	free(text);
	free(text2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		/* First: it needs a process that has not written yet. */
		cmocka_unit_test(test_atomic_fault_env),
		cmocka_unit_test(test_templates_roundtrip),
		cmocka_unit_test(test_templates_canonical),
		cmocka_unit_test(test_random_roundtrip),
		cmocka_unit_test(test_awkward_strings),
		cmocka_unit_test(test_exhaustive_short_strings),
		cmocka_unit_test(test_save_quotes),
		cmocka_unit_test(test_save_canonical_form),
		cmocka_unit_test(test_save_numbers),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_unknown_plain_flag),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_load_values),
		cmocka_unit_test(test_refuse_structure),
		cmocka_unit_test(test_refuse_duplicates_many_keys),
		cmocka_unit_test(test_refuse_version),
		cmocka_unit_test(test_refuse_types),
		cmocka_unit_test(test_refuse_encoding),
		cmocka_unit_test(test_refuse_syntax),
		cmocka_unit_test(test_hand_broken_map),
		cmocka_unit_test(test_refuse_depth),
		cmocka_unit_test(test_refuse_files),
		cmocka_unit_test(test_atomic_new_and_replace),
		cmocka_unit_test(test_atomic_symlink),
		cmocka_unit_test(test_atomic_faults),
		cmocka_unit_test(test_journal),
		cmocka_unit_test(test_journal_orphans),
		cmocka_unit_test(test_lock),
		cmocka_unit_test(test_roundtrip_5000_cards),
	};

	utf8_init();
	return cmocka_run_group_tests(tests, setup_tmpdir, teardown_tmpdir);
}
