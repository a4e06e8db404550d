/*
 * test_export.c - the exports (src/export/): golden files, hostile text,
 * widths, the persona filter, and robustness on random maps.
 *
 * Golden files: every map in maps/ (the templates and the worked example)
 * is exported in each text format and compared byte for byte with
 * tests/golden/export/NAME.EXT; so are the example filtered by a persona
 * and the example with a hand-made funnel.  After a deliberate change,
 * regenerate them with
 *
 *	WAYMARK_UPDATE_GOLDEN=1 build/tests/test_export
 *
 * and read the diff before committing it.
 *
 * Languages: the Italian template is also exported with Italian labels
 * (tests/golden/export/ *.lang-it.*), and every format in Italian is
 * searched for the English labels: none may appear, apart from the words
 * the two languages share (checked to be exactly the ones listed) and
 * words that are the map's own text.
 *
 * Hostile text: one map whose every string is trouble (HTML, Markdown,
 * CSV and Mermaid metacharacters, `<script>`, pipes, newlines, CJK,
 * emoji, a very long title, a formula) checked per format for what a
 * user would see: the HTML shows the text and runs nothing, the Markdown
 * table keeps its columns, the CSV reads back (with its own RFC 4180
 * reader here) to the same cells, the Mermaid lines fit the journey
 * grammar, and every text line fits the width.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "export/export.h"
#include "io/mapio.h"
#include "model/map.h"
#include "support_mapgen.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define GOLDEN_DIR "tests/golden/export"

static const enum export_format text_formats[] = {
    EXPORT_HTML,
    EXPORT_MD,
    EXPORT_CSV,
    EXPORT_MERMAID,
    EXPORT_TXT,
};
#define TEXT_FORMAT_COUNT (sizeof text_formats / sizeof *text_formats)

/* --- helpers -------------------------------------------------------------- */

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static char *
render(
    const struct map *m, enum export_format f, const struct export_options *o)
{
	struct strbuf sb = STRBUF_INIT;
	char *cause = NULL;

	if (export_render(m, f, o, &sb, &cause) != 0)
		fail_msg("export_render failed: %s", cause);
	return strbuf_detach(&sb);
}

/* Compare text with the golden file (or write it under
 * WAYMARK_UPDATE_GOLDEN=1).  Returns 1 on a mismatch. */
static int
golden_check(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", GOLDEN_DIR, name), *want;
	const char *update = getenv("WAYMARK_UPDATE_GOLDEN");
	size_t len, i, line = 1;
	FILE *f;
	int bad = 0;

	if (update != NULL && strcmp(update, "1") == 0) {
		f = fopen(path, "wb");
		if (f == NULL)
			fail_msg("%s: %s", path, strerror(errno));
		fwrite(text, 1, strlen(text), f);
		fclose(f);
		free(path);
		return 0;
	}
	want = read_file(path, &len);
	if (want == NULL) {
		print_error("%s: missing; run WAYMARK_UPDATE_GOLDEN=1 "
		            "build/tests/test_export\n",
		    path);
		free(path);
		return 1;
	}
	if (len != strlen(text) || memcmp(want, text, len) != 0) {
		for (i = 0; i < len && text[i] == want[i]; i++) {
			if (want[i] == '\n')
				line++;
		}
		print_error(
		    "%s: differs from the export at line %zu\n", path, line);
		bad = 1;
	}
	free(want);
	free(path);
	return bad;
}

static struct map *
load(const char *path)
{
	char *cause = NULL;
	struct map *m = mapio_load_file(path, &cause);

	if (m == NULL)
		fail_msg("%s", cause);
	return m;
}

static bool
contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

/* Fake-free measured numbers for the example: a hand-made funnel with
 * round numbers the goldens can be read against. */
static void
example_funnel(const struct map *m, struct export_funnel *f)
{
	static const long long users[] = {2000, 1300, 600, 210, 95, 40, 20};
	long long *card_users;
	size_t i;

	memset(f, 0, sizeof *f);
	f->stage_count = m->stage_count;
	f->stages = xcalloc(m->stage_count, sizeof *f->stages);
	f->window_seconds = 7 * 86400;
	f->incomplete = 12;
	f->since = "2026-02-01T00:00:00Z";
	f->until = "2026-03-01T00:00:00Z";
	card_users = xcalloc(m->card_count + 1, sizeof *card_users);
	for (i = 0; i < m->card_count; i++)
		card_users[i] =
		    m->cards[i].event != NULL ? (long long)(37 * i + 5) : -1;
	f->card_users = card_users;
	for (i = 0; i < m->stage_count && i < 7; i++) {
		f->stages[i].users = users[i];
		f->stages[i].drop_off = i > 0 ? users[i - 1] - users[i] : 0;
		f->stages[i].conversion_step =
		    i > 0 ? (double)users[i] / (double)users[i - 1] : 1.0;
		f->stages[i].conversion_total = (double)users[i] / 2000.0;
		f->stages[i].has_median = i > 0;
		f->stages[i].median_seconds = 3600.0 * (double)(i * 5);
	}
}

/* --- golden files --------------------------------------------------------- */

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_golden_maps(void **state)
{
	DIR *dir = opendir("maps");
	struct dirent *de;
	char **names = NULL, *path, *text, *golden;
	size_t count = 0, cap = 0, i, k, len;
	struct export_options o;
	struct map *m;
	int bad = 0;

	(void)state;
	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		len = strlen(de->d_name);
		if (len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0) {
			XGROW(names, cap, count + 1);
			names[count++] = xstrndup(de->d_name, len - 5);
		}
	}
	closedir(dir);
	assert_true(count >= 2);
	qsort(names, count, sizeof *names, cmp_names);
	memset(&o, 0, sizeof o);
	for (i = 0; i < count; i++) {
		path = xasprintf("maps/%s.yaml", names[i]);
		m = load(path);
		for (k = 0; k < TEXT_FORMAT_COUNT; k++) {
			text = render(m, text_formats[k], &o);
			golden = xasprintf("%s%s", names[i],
			    export_format_extension(text_formats[k]));
			bad += golden_check(golden, text);
			free(golden);
			free(text);
		}
		map_destroy(m);
		free(path);
		free(names[i]);
	}
	free(names);
	assert_int_equal(bad, 0);
}

static void
test_golden_example_variants(void **state)
{
	struct export_options o;
	struct export_funnel f;
	struct map *m = load("maps/sneakers.yaml");
	char *text, *golden;
	size_t k;
	int bad = 0;

	(void)state;
	memset(&o, 0, sizeof o);
	o.persona = "runner";
	for (k = 0; k < TEXT_FORMAT_COUNT; k++) {
		text = render(m, text_formats[k], &o);
		golden = xasprintf("sneakers-runner%s",
		    export_format_extension(text_formats[k]));
		bad += golden_check(golden, text);
		free(golden);
		free(text);
	}
	memset(&o, 0, sizeof o);
	example_funnel(m, &f);
	o.funnel = &f;
	for (k = 0; k < TEXT_FORMAT_COUNT; k++) {
		if (text_formats[k] == EXPORT_CSV ||
		    text_formats[k] == EXPORT_MERMAID)
			continue;
		text = render(m, text_formats[k], &o);
		golden = xasprintf("sneakers-funnel%s",
		    export_format_extension(text_formats[k]));
		bad += golden_check(golden, text);
		free(golden);
		free(text);
	}
	o.width = 60;
	text = render(m, EXPORT_TXT, &o);
	bad += golden_check("sneakers-funnel-60.txt", text);
	free(text);
	free(f.stages);
	free((long long *)f.card_users);
	map_destroy(m);
	assert_int_equal(bad, 0);
}

/* --- languages ----------------------------------------------------------- */

#define IT_MAP "maps/ecommerce-5-it.yaml"

/* Compare the html, md and txt exports of m with the golden files
 * NAME.html, NAME.md, NAME.txt.  Returns the number of mismatches. */
static int
golden_check_human(
    const struct map *m, const struct export_options *o, const char *name)
{
	static const enum export_format formats[] = {
	    EXPORT_HTML, EXPORT_MD, EXPORT_TXT};
	char *text, *golden;
	size_t k;
	int bad = 0;

	for (k = 0; k < sizeof formats / sizeof *formats; k++) {
		text = render(m, formats[k], o);
		golden = xasprintf(
		    "%s%s", name, export_format_extension(formats[k]));
		bad += golden_check(golden, text);
		free(golden);
		free(text);
	}
	return bad;
}

/* The Italian template in Italian: plain, and with measured numbers seen
 * by a persona (every caption of the funnel). */
static void
test_golden_italian(void **state)
{
	struct export_options o;
	struct export_funnel f;
	struct map *m = load(IT_MAP);
	int bad = 0;

	(void)state;
	memset(&o, 0, sizeof o);
	o.lang = EXPORT_LANG_IT;
	bad += golden_check_human(m, &o, "ecommerce-5-it.lang-it");
	example_funnel(m, &f);
	f.segment = export_persona_name(m, "first-time");
	o.funnel = &f;
	o.persona = "first-time";
	bad += golden_check_human(m, &o, "ecommerce-5-it-funnel.lang-it");
	free(f.stages);
	free((long long *)f.card_users);
	map_destroy(m);
	assert_int_equal(bad, 0);
}

/* The words English and Italian share: units and loanwords that Italian
 * consultants write as they are. */
static const enum label_id labels_shared[] = {
    LABEL_UNIT_H,
    LABEL_UNIT_MIN,
    LABEL_UNIT_S,
    LABEL_PERSONAS,
    LABEL_TOUCHPOINT,
    LABEL_PERSONA_LOWER,
};
#define LABELS_SHARED_COUNT (sizeof labels_shared / sizeof *labels_shared)

static bool
label_shared(enum label_id id)
{
	size_t i;

	for (i = 0; i < LABELS_SHARED_COUNT; i++) {
		if (labels_shared[i] == id)
			return true;
	}
	return false;
}

static void
test_labels_complete(void **state)
{
	const char *en, *it;
	int lang, id;

	(void)state;
	for (lang = 0; lang < EXPORT_LANG_COUNT; lang++) {
		for (id = 0; id < LABEL_COUNT; id++) {
			en = labels_get(
			    (enum export_lang)lang, (enum label_id)id);
			if (*en == '\0')
				fail_msg("label %d of %s is missing", id,
				    labels_lang_name((enum export_lang)lang));
			assert_null(strchr(en, '%'));
		}
	}
	/* Exactly the shared words are the same in both languages: a label
	 * left in English in the Italian table fails here. */
	for (id = 0; id < LABEL_COUNT; id++) {
		en = labels_get(EXPORT_LANG_EN, (enum label_id)id);
		it = labels_get(EXPORT_LANG_IT, (enum label_id)id);
		if ((strcmp(en, it) == 0) != label_shared((enum label_id)id))
			fail_msg("label %d: '%s' / '%s'", id, en, it);
	}
	assert_int_equal(labels_lang_parse("en"), EXPORT_LANG_EN);
	assert_int_equal(labels_lang_parse("it"), EXPORT_LANG_IT);
	assert_int_equal(labels_lang_parse("IT"), -1);
	assert_int_equal(labels_lang_parse("it_IT"), -1);
	assert_int_equal(labels_lang_parse(""), -1);
	assert_string_equal(labels_lang_name(EXPORT_LANG_IT), "it");
	assert_string_equal(labels_get(EXPORT_LANG_COUNT, LABEL_COL_GAP),
	    labels_get(EXPORT_LANG_EN, LABEL_COL_GAP));
}

static void
test_labels_locale(void **state)
{
	(void)state;
	assert_int_equal(
	    labels_lang_from_locale(NULL, NULL, NULL), EXPORT_LANG_EN);
	assert_int_equal(
	    labels_lang_from_locale(NULL, NULL, "it_IT.UTF-8"), EXPORT_LANG_IT);
	assert_int_equal(
	    labels_lang_from_locale(NULL, NULL, "it"), EXPORT_LANG_IT);
	assert_int_equal(
	    labels_lang_from_locale(NULL, NULL, "C.UTF-8"), EXPORT_LANG_EN);
	assert_int_equal(
	    labels_lang_from_locale(NULL, NULL, "en_GB.UTF-8"), EXPORT_LANG_EN);
	/* LC_ALL, then LC_MESSAGES, then LANG; empty counts as unset. */
	assert_int_equal(
	    labels_lang_from_locale("C", NULL, "it_IT.UTF-8"), EXPORT_LANG_EN);
	assert_int_equal(
	    labels_lang_from_locale("", NULL, "it_IT.UTF-8"), EXPORT_LANG_IT);
	assert_int_equal(
	    labels_lang_from_locale(NULL, "it_CH.UTF-8", "en_US.UTF-8"),
	    EXPORT_LANG_IT);
	assert_int_equal(
	    labels_lang_from_locale("en_US.UTF-8", "it_IT.UTF-8", "it"),
	    EXPORT_LANG_EN);
	assert_int_equal(
	    labels_lang_from_locale("it_IT", "C", "C"), EXPORT_LANG_IT);
	assert_int_equal(labels_lang_from_locale("", "", ""), EXPORT_LANG_EN);
}

static void
check_number(const char *want,
    void (*fn)(struct strbuf *, double, enum export_lang), double value,
    enum export_lang lang)
{
	struct strbuf sb = STRBUF_INIT;

	fn(&sb, value, lang);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_free(&sb);
}

static void
check_count(const char *want, long long n, enum export_lang lang)
{
	struct strbuf sb = STRBUF_INIT;

	export_count(&sb, n, lang);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_free(&sb);
}

static void
test_numbers_italian(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	check_number("64.9%", export_percent, 0.649, EXPORT_LANG_EN);
	check_number("64,9%", export_percent, 0.649, EXPORT_LANG_IT);
	check_number("100,0%", export_percent, 1.0, EXPORT_LANG_IT);
	check_number("\xE2\x80\x94", export_percent, NAN, EXPORT_LANG_IT);
	check_number("7 days", export_duration, 7 * 86400, EXPORT_LANG_EN);
	check_number("7 giorni", export_duration, 7 * 86400, EXPORT_LANG_IT);
	check_number("1 giorno", export_duration, 86400, EXPORT_LANG_IT);
	check_number("1,5 h", export_duration, 5400, EXPORT_LANG_IT);
	check_number("1.5 h", export_duration, 5400, EXPORT_LANG_EN);
	check_number("2,5 min", export_duration, 150, EXPORT_LANG_IT);
	check_number("2,5 gg", export_duration, 2.5 * 86400, EXPORT_LANG_IT);
	check_number("2.5 d", export_duration, 2.5 * 86400, EXPORT_LANG_EN);
	check_number("12 h", export_duration, 12 * 3600, EXPORT_LANG_IT);
	check_count("1,234,567", 1234567, EXPORT_LANG_EN);
	check_count("1.234.567", 1234567, EXPORT_LANG_IT);
	check_count("-123.456", -123456, EXPORT_LANG_IT);
	check_count("999", 999, EXPORT_LANG_IT);
	check_count("0", 0, EXPORT_LANG_IT);
	export_number(&sb, 1.5, 1, true, EXPORT_LANG_IT);
	export_number(&sb, -0.75, 2, true, EXPORT_LANG_IT);
	export_number(&sb, 3, 0, false, EXPORT_LANG_IT);
	assert_string_equal(strbuf_str(&sb), "+1,5-0,753");
	strbuf_free(&sb);
}

/* A stage that one user reached says "1 user", in either language. */
static void
test_one_user(void **state)
{
	static const enum export_format formats[] = {
	    EXPORT_HTML, EXPORT_MD, EXPORT_TXT};
	struct export_options o;
	struct export_funnel f;
	struct map *m = load(IT_MAP);
	char *text;
	size_t k;

	(void)state;
	example_funnel(m, &f);
	f.stages[m->stage_count - 1].users = 1;
	memset(&o, 0, sizeof o);
	o.funnel = &f;
	for (k = 0; k < sizeof formats / sizeof *formats; k++) {
		o.lang = EXPORT_LANG_IT;
		text = render(m, formats[k], &o);
		if (formats[k] == EXPORT_HTML) {
			assert_true(contains(text, "<b>1</b>utente<"));
			assert_false(contains(text, "<b>1</b>utenti"));
		} else {
			assert_true(contains(text, " 1 utente"));
			assert_false(contains(text, " 1 utenti"));
		}
		free(text);
		o.lang = EXPORT_LANG_EN;
		text = render(m, formats[k], &o);
		assert_false(contains(text, ">1</b>users"));
		assert_false(contains(text, " 1 users"));
		free(text);
	}
	free(f.stages);
	free((long long *)f.card_users);
	map_destroy(m);
}

/* True if needle occurs in hay as a whole word: not inside a longer word
 * (letters, digits and any non-ASCII byte count as word characters). */
static bool
contains_word(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	const char *p;
	unsigned char before, after;

	if (n == 0)
		return false;
	for (p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle)) {
		before = p > hay ? (unsigned char)p[-1] : ' ';
		after = (unsigned char)p[n];
		if ((isalnum(before) || before >= 0x80) &&
		    (isalnum((unsigned char)needle[0]) ||
		        (unsigned char)needle[0] >= 0x80))
			continue;
		if ((isalnum(after) || after >= 0x80) &&
		    (isalnum((unsigned char)needle[n - 1]) ||
		        (unsigned char)needle[n - 1] >= 0x80))
			continue;
		return true;
	}
	return false;
}

/* The English labels found in text, one per line, skipping those the two
 * languages share, those that are punctuation, and those that occur in
 * map_text, the map's own text (not ours to translate). */
static char *
english_labels_in(const char *text, const char *map_text)
{
	struct strbuf found = STRBUF_INIT;
	char *word;
	const char *en, *it;
	size_t start, end;
	int id;

	for (id = 0; id < LABEL_COUNT; id++) {
		en = labels_get(EXPORT_LANG_EN, (enum label_id)id);
		it = labels_get(EXPORT_LANG_IT, (enum label_id)id);
		if (strcmp(en, it) == 0)
			continue;
		/* The words, without the spaces and punctuation that join
		 * them to what is around. */
		for (start = 0;
		     en[start] != '\0' && !isalnum((unsigned char)en[start]);
		     start++)
			;
		for (end = strlen(en);
		     end > start && !isalnum((unsigned char)en[end - 1]); end--)
			;
		if (end == start)
			continue;
		word = xstrndup(en + start, end - start);
		if (contains_word(text, word) && !contains_word(map_text, word))
			strbuf_printf(&found, "'%s'\n", word);
		free(word);
	}
	return strbuf_detach(&found);
}

/* What a reader of an HTML page sees: the text, and the tooltips and
 * labels for screen readers (title, aria-label); not the style sheet,
 * tag names or class names. */
static char *
html_visible(const char *html)
{
	static const char *const attributes[] = {" title=\"", " aria-label=\""};
	struct strbuf sb = STRBUF_INIT;
	const char *p = html, *end, *a, *q;
	size_t i;

	while (*p != '\0') {
		if (strncmp(p, "<style>", 7) == 0) {
			end = strstr(p, "</style>");
			p = end != NULL ? end + 8 : p + strlen(p);
			continue;
		}
		if (*p != '<') {
			strbuf_addc(&sb, *p++);
			continue;
		}
		end = strchr(p, '>');
		if (end == NULL)
			break;
		for (i = 0; i < sizeof attributes / sizeof *attributes; i++) {
			a = strstr(p, attributes[i]);
			if (a == NULL || a > end)
				continue;
			a += strlen(attributes[i]);
			q = strchr(a, '"');
			strbuf_addc(&sb, ' ');
			strbuf_add(&sb, a, (size_t)(q - a));
		}
		strbuf_addc(&sb, ' ');
		p = end + 1;
	}
	return strbuf_detach(&sb);
}

/* english_labels_in for an export in format f (HTML: what is seen). */
static char *
english_labels_in_export(
    enum export_format f, const char *text, const char *map_text)
{
	char *visible, *found;

	if (f != EXPORT_HTML)
		return english_labels_in(text, map_text);
	visible = html_visible(text);
	found = english_labels_in(visible, map_text);
	free(visible);
	return found;
}

static void
add_text(struct strbuf *sb, const char *s)
{
	if (s != NULL) {
		strbuf_adds(sb, s);
		strbuf_addc(sb, '\n');
	}
}

static void
add_list(struct strbuf *sb, const struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		add_text(sb, l->items[i]);
}

/* Every text of the map that an export may show (names, notes, tags, the
 * ids that stand in for missing names), one per line; plus the channel
 * kinds, which are the map's words too ("online" reads the same in
 * Italian).  Caller frees. */
static char *
map_own_text(const struct map *m)
{
	struct strbuf sb = STRBUF_INIT;
	const struct persona *p;
	const struct card *c;
	size_t i;

	add_text(&sb, m->title);
	add_text(&sb, m->summary);
	for (i = 0; i < m->persona_count; i++) {
		p = &m->personas[i];
		add_text(&sb, p->id);
		add_text(&sb, p->name);
		add_text(&sb, p->occupation);
		add_text(&sb, p->description);
		add_text(&sb, p->quote);
		add_text(&sb, p->segment);
		add_list(&sb, &p->goals);
		add_list(&sb, &p->frustrations);
	}
	for (i = 0; i < m->department_count; i++)
		add_text(&sb, export_department_name(m, m->departments[i].id));
	for (i = 0; i < m->channel_count; i++) {
		add_text(&sb, export_channel_name(m, m->channels[i].id));
		add_text(&sb, channel_kind_name(m->channels[i].kind));
	}
	for (i = 0; i < m->stage_count; i++) {
		add_text(&sb, m->stages[i].id);
		add_text(&sb, export_stage_name(&m->stages[i]));
		add_text(&sb, m->stages[i].description);
	}
	for (i = 0; i < m->lane_count; i++)
		add_text(&sb, export_lane_name(&m->lanes[i]));
	for (i = 0; i < m->card_count; i++) {
		c = &m->cards[i];
		add_text(&sb, c->id);
		add_text(&sb, c->title);
		add_text(&sb, c->notes);
		add_list(&sb, &c->tags);
	}
	return strbuf_detach(&sb);
}

static void
test_italian_has_no_english(void **state)
{
	struct export_options o;
	struct export_funnel f;
	struct map *m = load(IT_MAP), *empty = map_create();
	char *source, *text, *found;
	size_t k, pass;
	int bad = 0;

	(void)state;
	source = map_own_text(m);
	example_funnel(m, &f);
	for (pass = 0; pass < 3; pass++) {
		memset(&o, 0, sizeof o);
		o.lang = EXPORT_LANG_IT;
		if (pass > 0)
			o.funnel = &f;
		if (pass == 2) {
			o.persona = "returning";
			f.segment = export_persona_name(m, "returning");
			f.incomplete = 1;
			f.since = NULL;
		}
		for (k = 0; k < TEXT_FORMAT_COUNT; k++) {
			if (text_formats[k] == EXPORT_CSV)
				continue;
			text = render(m, text_formats[k], &o);
			found = english_labels_in_export(
			    text_formats[k], text, source);
			if (*found != '\0') {
				print_error("%s (pass %zu) in Italian has "
				            "English labels:\n%s",
				    export_format_name(text_formats[k]), pass,
				    found);
				bad++;
			}
			free(found);
			free(text);
		}
	}
	/* A map with nothing: the fallback title and the empty board. */
	memset(&o, 0, sizeof o);
	o.lang = EXPORT_LANG_IT;
	for (k = 0; k < TEXT_FORMAT_COUNT; k++) {
		if (text_formats[k] == EXPORT_CSV)
			continue;
		text = render(empty, text_formats[k], &o);
		found = english_labels_in_export(text_formats[k], text, "");
		if (*found != '\0') {
			print_error("%s of an empty map in Italian has "
			            "English labels:\n%s",
			    export_format_name(text_formats[k]), found);
			bad++;
		}
		free(found);
		free(text);
	}
	text = render(empty, EXPORT_MERMAID, &o);
	assert_true(contains(text, "title Percorso del cliente\n"));
	free(text);
	text = render(empty, EXPORT_HTML, &o);
	assert_true(contains(text, "<html lang=\"it\">"));
	assert_true(contains(text, "Questa mappa non ha ancora fasi."));
	free(text);
	/* CSV is for machines: the same bytes in every language. */
	text = render(m, EXPORT_CSV, &o);
	memset(&o, 0, sizeof o);
	found = render(m, EXPORT_CSV, &o);
	assert_string_equal(text, found);
	free(found);
	free(text);
	free(f.stages);
	free((long long *)f.card_users);
	free(source);
	map_destroy(empty);
	map_destroy(m);
	assert_int_equal(bad, 0);
}

/* --- the hostile map ------------------------------------------------------ */

#define LONG_WORD                                                              \
	"Supercalifragilisticexpialidocious-and-then-some-"                    \
	"more-without-any-space-at-all-0123456789"

static const char *const hostile_titles[] = {
    "<script>alert('x')</script>",
    "a | b || c",
    "line one\nline two\r\nline three",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "# not a heading; nor: a task % %% comment",
    "日本語のカードのタイトル、とても長いものです",
    "Emoji \xF0\x9F\x98\x80\xF0\x9F\x91\x9F party \xF0\x9F\x8E\x89",
    "*bold* _em_ `code` [link](http://x) ![img](y) ~~s~~ $x$ <b>&amp;",
    "title journey section",
    "\n\t Section after blanks",
    "-5% discount, \"quoted\", comma",
    LONG_WORD " " LONG_WORD,
    "+1 @mention\ttab",
    "\xE2\x80\x8B\xC3\xA9\xCC\x81 combining",
    "1. numbered",
    "\xFF\xFE invalid bytes \xC3",
};
#define HOSTILE_COUNT (sizeof hostile_titles / sizeof *hostile_titles)

static struct map *
hostile_map(void)
{
	struct map *m = map_create();
	struct persona p;
	struct department d;
	struct channel ch;
	struct stage s;
	struct lane l;
	struct card c;
	char id[32];
	size_t i;

	m->title = xstrdup("<h1>Map</h1> | title: with # and ; and %%");
	m->summary = xstrdup("Summary\n# heading?\n- list?\n> quote?");
	memset(&p, 0, sizeof p);
	p.id = (char *)"p1";
	p.name = (char *)"Ann, <b>\"the\" | buyer</b>: #1; 100%";
	p.quote = (char *)"</blockquote><script>x()</script>";
	strlist_append(&p.goals, "goal | with pipe");
	strlist_append(&p.frustrations, "=cmd|' /C calc'!A0");
	p.color = (char *)"red;}body{display:none";
	map_add_persona(m, &p);
	strlist_free(&p.goals);
	strlist_free(&p.frustrations);
	memset(&d, 0, sizeof d);
	d.id = (char *)"d1";
	d.name = (char *)"Sales & <Ops>, \"Care\"";
	d.color = (char *)"url(http://evil.example/x.png)";
	map_add_department(m, &d);
	memset(&ch, 0, sizeof ch);
	ch.id = (char *)"c1";
	ch.name = (char *)"Web, \"shop\"";
	ch.kind = CHANNEL_ONLINE;
	map_add_channel(m, &ch);
	memset(&s, 0, sizeof s);
	s.id = (char *)"s1";
	s.name = (char *)"Stage | one: <i>x</i>";
	map_add_stage(m, &s);
	s.id = (char *)"s2";
	s.name = (char *)"段階二 \xF0\x9F\x9A\x80";
	s.has_target = true;
	s.target = 0.5;
	map_add_stage(m, &s);
	memset(&l, 0, sizeof l);
	l.id = (char *)"l1";
	l.name = (char *)"Lane | <u>one</u>";
	l.kind = LANE_TOUCHPOINTS;
	map_add_lane(m, &l);
	l.id = (char *)"emo";
	l.name = (char *)"Feelings";
	l.kind = LANE_EMOTION;
	map_add_lane(m, &l);
	for (i = 0; i < HOSTILE_COUNT; i++) {
		memset(&c, 0, sizeof c);
		snprintf(id, sizeof id, "card-%zu", i);
		c.id = id;
		c.stage = (char *)(i % 2 == 0 ? "s1" : "s2");
		c.lane = (char *)"l1";
		c.title = (char *)hostile_titles[i];
		c.notes = (char *)(i == 0 ? "notes <img src=x onerror=y>\n"
		                            "second line"
		                          : NULL);
		c.owner = (char *)(i % 3 == 0 ? "d1" : NULL);
		c.channel = (char *)(i % 4 == 0 ? "c1" : NULL);
		if (i % 5 != 4)
			strlist_append(&c.personas, "p1");
		c.has_emotion = i % 2 == 0;
		c.emotion = (int)(i % 5) - 2;
		c.has_votes = i == 1;
		c.votes = 3;
		if (i == 2) {
			strlist_append(&c.tags, "t;1");
			strlist_append(&c.tags, "-t2");
		}
		c.event = (char *)(i == 3 ? "@evt" : NULL);
		map_add_card(m, &c);
		strlist_free(&c.personas);
		strlist_free(&c.tags);
	}
	return m;
}

static void
test_html_hostile(void **state)
{
	struct export_options o;
	struct map *m = hostile_map();
	char *html, *style_end, *body;

	(void)state;
	memset(&o, 0, sizeof o);
	html = render(m, EXPORT_HTML, &o);
	/* No tag of ours but the ones we write: no script, no img, no b. */
	assert_false(contains(html, "<script"));
	assert_false(contains(html, "<img"));
	assert_false(contains(html, "<b>\""));
	assert_false(contains(html, "<h1>Map"));
	assert_true(contains(html,
	    "&lt;script&gt;alert(&#39;x&#39;)"
	    "&lt;/script&gt;"));
	assert_true(contains(html,
	    "notes &lt;img src=x onerror=y&gt;\n"
	    "second line"));
	assert_true(contains(html, "&lt;/blockquote&gt;&lt;script&gt;"));
	assert_true(contains(html,
	    "Sales &amp; &lt;Ops&gt;, &quot;Care"
	    "&quot;"));
	/* The user's color names never reach the style sheet. */
	style_end = strstr(html, "</style>");
	assert_non_null(style_end);
	assert_false(contains(html, "display:none"));
	assert_false(contains(html, "evil.example/x.png"));
	assert_false(contains(html, "url("));
	/* Nothing loads from anywhere: no src, no href, and a CSP. */
	body = style_end;
	assert_false(contains(body, "src=\""));
	assert_false(contains(body, "href="));
	assert_true(contains(html, "Content-Security-Policy"));
	assert_true(contains(html, "default-src 'none'"));
	/* CJK, emoji and invalid bytes (as U+FFFD) come through as text. */
	assert_true(contains(html, "日本語のカードのタイトル"));
	assert_true(contains(html, "\xF0\x9F\x98\x80\xF0\x9F\x91\x9F"));
	assert_true(contains(html, "\xEF\xBF\xBD\xEF\xBF\xBD invalid bytes"));
	assert_true(utf8_valid(html, strlen(html), NULL));
	/* Every card is on the board. */
	assert_true(contains(html, "data-card=\"card-0\""));
	assert_true(contains(html, "data-card=\"card-14\""));
	free(html);
	map_destroy(m);
}

/* Count the table's column separators: pipes not escaped by a backslash
 * (an escaped backslash before a pipe does not escape it). */
static size_t
md_unescaped_pipes(const char *line)
{
	size_t n = 0;
	const char *p;

	for (p = line; *p != '\0' && *p != '\n'; p++) {
		if (*p == '\\' && p[1] != '\0' && p[1] != '\n') {
			p++;
			continue;
		}
		if (*p == '|')
			n++;
	}
	return n;
}

static void
test_md_hostile(void **state)
{
	struct export_options o;
	struct map *m = hostile_map();
	char *md, *line, *table;
	size_t rows = 0;

	(void)state;
	memset(&o, 0, sizeof o);
	md = render(m, EXPORT_MD, &o);
	/* The board table: every row has the same columns (2 stages). */
	table = strstr(md, "\n| |");
	assert_non_null(table);
	for (line = table + 1; *line == '|'; line = strchr(line, '\n') + 1) {
		assert_int_equal(md_unescaped_pipes(line), 4);
		rows++;
	}
	assert_int_equal(rows, 2 + 2); /* header, rule, two lanes */
	/* Pipes, tags, newlines and emphasis stay text. */
	assert_true(contains(md, "a \\| b \\|\\| c"));
	assert_true(contains(md, "&lt;script&gt;alert('x')&lt;/script&gt;"));
	assert_true(contains(md, "line one<br>line two<br>line three"));
	assert_true(contains(md,
	    "\\*bold\\* \\_em\\_ \\`code\\` \\[link\\]"
	    "(http://x) !\\[img\\](y) \\~\\~s\\~\\~ \\$x\\$ "
	    "&lt;b&gt;&amp;amp;"));
	assert_true(contains(md,
	    "Summary<br>\\# heading?<br>\\- list?<br>"
	    "&gt; quote?"));
	assert_true(contains(md, "1\\. numbered"));
	/* Outside the Mermaid code block no tag comes through (inside it,
	 * text is code, and Mermaid sanitises its labels). */
	line = strstr(md, "## Journey diagram");
	assert_non_null(line);
	*line = '\0';
	assert_false(contains(md, "<script"));
	assert_false(contains(md, "<b>"));
	*line = '#';
	/* The mermaid block is fenced and its journey is clean. */
	assert_true(contains(md, "```mermaid\njourney\n"));
	free(md);
	map_destroy(m);
}

/* --- an independent RFC 4180 reader --------------------------------------- */

struct csv_rows {
	size_t count;
	char **cells[64]; /* rows of up to 32 cells */
	size_t ncells[64];
};

static void
csv_parse(const char *s, struct csv_rows *rows)
{
	struct strbuf cell = STRBUF_INIT;
	bool quoted = false;
	size_t r = 0;

	memset(rows, 0, sizeof *rows);
	rows->cells[0] = xcalloc(32, sizeof(char *));
	while (*s != '\0') {
		if (quoted) {
			if (*s == '"' && s[1] == '"') {
				strbuf_addc(&cell, '"');
				s += 2;
			} else if (*s == '"') {
				quoted = false;
				s++;
			} else
				strbuf_addc(&cell, *s++);
			continue;
		}
		if (*s == '"') {
			assert_int_equal(cell.len, 0);
			quoted = true;
			s++;
		} else if (*s == ',') {
			rows->cells[r][rows->ncells[r]++] =
			    strbuf_detach(&cell);
			s++;
		} else if (*s == '\r' && s[1] == '\n') {
			rows->cells[r][rows->ncells[r]++] =
			    strbuf_detach(&cell);
			s += 2;
			r++;
			assert_true(r < 64);
			rows->cells[r] = xcalloc(32, sizeof(char *));
		} else {
			/* A bare CR or LF must have been quoted. */
			assert_true(*s != '\r' && *s != '\n');
			strbuf_addc(&cell, *s++);
		}
	}
	assert_false(quoted);
	assert_int_equal(cell.len, 0); /* the last row ended with CRLF */
	rows->count = r;
	strbuf_free(&cell);
}

static void
csv_free(struct csv_rows *rows)
{
	size_t r, k;

	for (r = 0; r <= rows->count; r++) {
		for (k = 0; k < rows->ncells[r]; k++)
			free(rows->cells[r][k]);
		free(rows->cells[r]);
	}
}

/* What the CSV must hold for a text: itself, with a ' in front when it
 * begins like a formula. */
static char *
csv_expect(const char *text)
{
	char *s = utf8_sanitize(text != NULL ? text : ""), *r;

	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL) {
		r = xasprintf("'%s", s);
		free(s);
		return r;
	}
	return s;
}

static void
test_csv_hostile(void **state)
{
	struct export_options o;
	struct map *m = hostile_map();
	struct csv_rows rows;
	char *csv, *want;
	const struct card *c;
	size_t r, i;

	(void)state;
	memset(&o, 0, sizeof o);
	csv = render(m, EXPORT_CSV, &o);
	assert_true(
	    strncmp(csv,
	        "id,stage,stage_name,lane,lane_name,title,"
	        "notes,owner,owner_name,channel,channel_name,personas,emotion,"
	        "event,votes,tags\r\n",
	        104) == 0);
	csv_parse(csv, &rows);
	assert_int_equal(rows.count, 1 + HOSTILE_COUNT);
	for (r = 1; r < rows.count; r++) {
		assert_int_equal(rows.ncells[r], 16);
		/* Board order: stage s1 cards (even), then s2 (odd). */
		i = r - 1 < (HOSTILE_COUNT + 1) / 2
		    ? 2 * (r - 1)
		    : 2 * (r - 1 - (HOSTILE_COUNT + 1) / 2) + 1;
		c = &m->cards[i];
		assert_string_equal(rows.cells[r][0], c->id);
		assert_string_equal(rows.cells[r][1], c->stage);
		want = csv_expect(c->title);
		/* Invalid bytes come out as U+FFFD. */
		assert_string_equal(rows.cells[r][5], want);
		free(want);
		want = csv_expect(c->notes);
		assert_string_equal(rows.cells[r][6], want);
		free(want);
		assert_string_equal(rows.cells[r][8],
		    c->owner != NULL ? "Sales & <Ops>, \"Care\"" : "");
		assert_string_equal(rows.cells[r][10],
		    c->channel != NULL ? "Web, \"shop\"" : "");
		if (c->has_emotion) {
			want = xasprintf("%d", c->emotion);
			assert_string_equal(rows.cells[r][12], want);
			free(want);
		} else
			assert_string_equal(rows.cells[r][12], "");
	}
	/* Spot checks on the neutralisation and the lists. */
	assert_true(contains(csv,
	    "\"'=HYPERLINK(\"\"http://evil.example\"\","
	    "\"\"click\"\")\""));
	assert_true(contains(csv, ",'+1 @mention\ttab,"));
	assert_true(contains(csv, ",'@evt,"));
	assert_true(contains(csv, ",t;1;-t2\r\n"));
	assert_true(contains(csv, "Stage | one: <i>x</i>"));
	csv_free(&rows);
	free(csv);

	o.csv_bom = true;
	csv = render(m, EXPORT_CSV, &o);
	assert_true(strncmp(csv, "\xEF\xBB\xBFid,stage,", 12) == 0);
	free(csv);
	map_destroy(m);
}

/* A task line of Mermaid's journey grammar: four spaces, a name without
 * # : ; newline, ": ", a score 1..5, optionally ": " and actors without
 * # : ;.  Returns true if line (without its newline) is one. */
static bool
mermaid_task_ok(const char *line, size_t len)
{
	size_t i = 4, colons = 0;

	if (len < 8 || strncmp(line, "    ", 4) != 0 || line[4] == ' ')
		return false;
	for (; i < len; i++) {
		if (line[i] == '#' || line[i] == ';' || line[i] == '\r')
			return false;
		if (line[i] == '%' && i + 1 < len && line[i + 1] == '%')
			return false;
		if (line[i] == ':') {
			colons++;
			if (colons == 1 &&
			    !(i + 2 < len && line[i + 1] == ' ' &&
			        line[i + 2] >= '1' && line[i + 2] <= '5' &&
			        (i + 3 == len || line[i + 3] == ':')))
				return false;
		}
	}
	return colons == 1 || colons == 2;
}

static void
test_mermaid_hostile(void **state)
{
	struct export_options o;
	struct map *m = hostile_map();
	char *mm, *line, *nl;
	size_t tasks = 0, sections = 0;

	(void)state;
	memset(&o, 0, sizeof o);
	mm = render(m, EXPORT_MERMAID, &o);
	assert_true(strncmp(mm, "journey\n  title ", 16) == 0);
	for (line = mm; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		assert_non_null(nl);
		if (strncmp(line, "    ", 4) == 0) {
			if (!mermaid_task_ok(line, (size_t)(nl - line)))
				fail_msg("not a journey task: %.*s",
				    (int)(nl - line), line);
			/* No task may begin with a keyword. */
			assert_true(strncasecmp(line + 4, "title", 5) != 0);
			assert_true(strncasecmp(line + 4, "section", 7) != 0);
			tasks++;
		} else if (strncmp(line, "  section ", 10) == 0) {
			assert_null(memchr(line, ':', (size_t)(nl - line)));
			assert_null(memchr(line, '#', (size_t)(nl - line)));
			sections++;
		} else if (strncmp(line, "  title ", 8) == 0) {
			assert_null(memchr(line, '#', (size_t)(nl - line)));
			assert_null(memchr(line, ';', (size_t)(nl - line)));
		} else if (strncmp(line, "journey\n", 8) != 0)
			fail_msg(
			    "unexpected line: %.*s", (int)(nl - line), line);
	}
	assert_int_equal(sections, 2);
	assert_int_equal(tasks, HOSTILE_COUNT);
	/* Scores: emotion -2 -> 1 on card-0, absent -> 3 on card-1. */
	assert_true(contains(mm, "alert('x')&lt;") == false);
	assert_true(contains(mm, "<script>alert('x')</script>: 1: "));
	assert_true(contains(mm, "    a | b || c: 3: "));
	/* Actor names lose their commas and colons, keep the rest. */
	assert_true(contains(mm,
	    "Ann\xE2\x80\x9A <b>\"the\" | buyer</b>"
	    "\xEA\x9E\x89 \xEF\xBC\x83"
	    "1\xEF\xBC\x9B 100\xEF\xBC\x85"));
	assert_true(utf8_valid(mm, strlen(mm), NULL));
	free(mm);
	map_destroy(m);
}

/* Every line of text is at most width columns; returns the widest. */
static size_t
txt_widest(const char *text, size_t width)
{
	const char *line, *nl;
	char *copy;
	size_t w, widest = 0;

	for (line = text; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		assert_non_null(nl);
		copy = xstrndup(line, (size_t)(nl - line));
		w = utf8_width(copy);
		if (w > width)
			fail_msg("line of %zu columns at width %zu: %s", w,
			    width, copy);
		assert_null(strchr(copy, '\r'));
		assert_null(strchr(copy, '\t'));
		if (w > widest)
			widest = w;
		free(copy);
	}
	return widest;
}

static void
test_txt_widths(void **state)
{
	static const unsigned widths[] = {
	    20, 21, 33, 40, 59, 80, 100, 131, 200};
	struct export_options o;
	struct map *m = hostile_map(), *ex = load("maps/sneakers.yaml");
	char *txt;
	size_t i;

	(void)state;
	memset(&o, 0, sizeof o);
	for (i = 0; i < sizeof widths / sizeof *widths; i++) {
		o.width = widths[i];
		txt = render(m, EXPORT_TXT, &o);
		assert_true(utf8_valid(txt, strlen(txt), NULL));
		/* The board fills the width exactly. */
		assert_int_equal(txt_widest(txt, widths[i]),
		    widths[i] > 100 ? txt_widest(txt, widths[i]) : widths[i]);
		free(txt);
		txt = render(ex, EXPORT_TXT, &o);
		txt_widest(txt, widths[i]);
		free(txt);
	}
	/* Wrapped, not lost: the CJK title's characters and the long word's
	 * pieces are all there, and the emoji is whole. */
	o.width = 40;
	txt = render(m, EXPORT_TXT, &o);
	assert_true(contains(txt, "日本語"));
	assert_true(contains(txt, "\xF0\x9F\x98\x80"));
	assert_true(contains(txt, "Supercalifragil"));
	assert_true(contains(txt, "0123456789"));
	free(txt);
	map_destroy(ex);
	map_destroy(m);
}

/* --- options, filter, errors ---------------------------------------------- */

static void
test_persona_filter(void **state)
{
	struct export_options o;
	struct map *m = load("maps/sneakers.yaml");
	char *html, *csv;
	size_t i;

	(void)state;
	memset(&o, 0, sizeof o);
	o.persona = "gifter";
	html = render(m, EXPORT_HTML, &o);
	csv = render(m, EXPORT_CSV, &o);
	for (i = 0; i < m->card_count; i++) {
		const struct card *c = &m->cards[i];
		char *needle = xasprintf("data-card=\"%s\"", c->id);
		char *row = xasprintf("\r\n%s,", c->id);
		bool want = c->personas.count == 0 ||
		    strlist_index(&c->personas, "gifter") >= 0;

		assert_int_equal(contains(html, needle), want);
		assert_int_equal(contains(csv, row), want);
		free(needle);
		free(row);
	}
	assert_true(contains(html, "Seen by persona: <b>Giulia"));
	assert_false(contains(html, "data-persona=\"runner\""));
	free(html);
	free(csv);
	map_destroy(m);
}

static void
test_render_errors(void **state)
{
	struct export_options o;
	struct strbuf sb = STRBUF_INIT;
	struct map *m = load("maps/sneakers.yaml");
	char *cause = NULL;

	(void)state;
	memset(&o, 0, sizeof o);
	o.persona = "nobody";
	assert_int_equal(export_render(m, EXPORT_HTML, &o, &sb, &cause), -1);
	assert_string_equal(cause, "no persona with id 'nobody' in the map");
	free(cause);
	o.persona = NULL;
	o.width = 19;
	assert_int_equal(export_render(m, EXPORT_TXT, &o, &sb, &cause), -1);
	assert_string_equal(cause, "width 19 is out of range (20..1000)");
	free(cause);
	o.width = 0;
	assert_int_equal(export_render(m, EXPORT_PDF, &o, &sb, &cause), -1);
	free(cause);
	assert_int_equal(sb.len, 0);
	assert_int_equal(export_format_parse("html"), EXPORT_HTML);
	assert_int_equal(export_format_parse("mermaid"), EXPORT_MERMAID);
	assert_int_equal(export_format_parse("docx"), -1);
	assert_string_equal(export_format_extension(EXPORT_MERMAID), ".mmd");
	strbuf_free(&sb);
	map_destroy(m);
}

static void
test_write_file(void **state)
{
	struct export_options o;
	struct map *m = load("maps/sneakers.yaml");
	char dir[] = "/tmp/waymark-test-export-XXXXXX", *path, *bad, *want;
	char *got, *cause = NULL;
	size_t len;
	bool missing = true;

	(void)state;
	memset(&o, 0, sizeof o);
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/map.md", dir);
	assert_int_equal(
	    export_write_file(m, EXPORT_MD, &o, path, &missing, &cause), 0);
	assert_false(missing);
	want = render(m, EXPORT_MD, &o);
	got = read_file(path, &len);
	assert_non_null(got);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(got, want, len);
	/* A directory that is not there: an error naming the file. */
	bad = xasprintf("%s/no/such/map.md", dir);
	assert_int_equal(
	    export_write_file(m, EXPORT_MD, &o, bad, NULL, &cause), -1);
	assert_non_null(strstr(cause, bad));
	free(cause);
	unlink(path);
	rmdir(dir);
	free(bad);
	free(got);
	free(want);
	free(path);
	map_destroy(m);
}

/* Write an executable shell script. */
static void
write_script(const char *path, const char *body)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s", body);
	fclose(f);
	assert_int_equal(chmod(path, 0755), 0);
}

/* The PDF process contract with stand-in browsers: the page is handed
 * over, the PDF put in place, failures reported, nothing left behind. */
static void
test_pdf_process(void **state)
{
	char dir[] = "/tmp/waymark-test-pdf-XXXXXX";
	char *fake, *tmp, *out, *cause = NULL, *got, *found, *old_path;
	const char *env_tmp = getenv("TMPDIR");
	char *saved_tmp = env_tmp != NULL ? xstrdup(env_tmp) : NULL;
	bool missing = false;
	size_t len;
	DIR *d;
	struct dirent *de;
	int entries;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fake = xasprintf("%s/fake-chromium", dir);
	tmp = xasprintf("%s/tmp", dir);
	out = xasprintf("%s/out.pdf", dir);
	assert_int_equal(mkdir(tmp, 0700), 0);
	setenv("TMPDIR", tmp, 1);
	/* A browser that copies the page into the "PDF" after a header. */
	write_script(fake,
	    "for a; do case $a in --print-to-pdf=*) "
	    "out=${a#--print-to-pdf=};; file://*) page=${a#file://};; esac; "
	    "done\nprintf '%%PDF-1.7 ' > \"$out\"; cat \"$page\" >> "
	    "\"$out\"\n");
	setenv("WAYMARK_CHROMIUM", fake, 1);
	found = export_pdf_find_chromium();
	assert_string_equal(found, fake);
	free(found);
	if (export_pdf("<p>page</p>", 11, out, &missing, &cause) != 0)
		fail_msg("export_pdf: %s", cause);
	assert_false(missing);
	got = read_file(out, &len);
	assert_string_equal(got, "%PDF-1.7 <p>page</p>");
	free(got);
	/* Nothing left in TMPDIR. */
	d = opendir(tmp);
	assert_non_null(d);
	entries = 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			entries++;
	}
	closedir(d);
	assert_int_equal(entries, 0);

	/* A browser that fails and writes nothing: an error, the old file
	 * kept. */
	write_script(fake, "exit 3\n");
	assert_int_equal(
	    export_pdf("<p>new</p>", 10, out, &missing, &cause), -1);
	assert_false(missing);
	assert_non_null(strstr(cause, "exited with status 3 and wrote no PDF"));
	free(cause);
	got = read_file(out, &len);
	assert_string_equal(got, "%PDF-1.7 <p>page</p>");
	free(got);

	/* No browser at all: the message says what to install. */
	setenv("WAYMARK_CHROMIUM", "", 1);
	old_path = xstrdup(getenv("PATH") != NULL ? getenv("PATH") : "");
	setenv("PATH", dir, 1); /* holds only "fake-chromium" */
	found = export_pdf_find_chromium();
	assert_null(found);
	assert_int_equal(export_pdf("<p>x</p>", 8, out, &missing, &cause), -1);
	assert_true(missing);
	assert_string_equal(cause,
	    "pdf export needs Chromium: install the "
	    "'chromium' package (apt-get install chromium)");
	free(cause);
	setenv("PATH", old_path, 1);
	free(old_path);
	unsetenv("WAYMARK_CHROMIUM");
	if (saved_tmp != NULL)
		setenv("TMPDIR", saved_tmp, 1);
	else
		unsetenv("TMPDIR");
	free(saved_tmp);

	unlink(out);
	unlink(fake);
	rmdir(tmp);
	rmdir(dir);
	free(out);
	free(tmp);
	free(fake);
}

static void
test_curve_average(void **state)
{
	struct map *m = hostile_map();
	double avg;

	(void)state;
	/* Stage s1 holds the even cards, all with emotion (i % 5) - 2 for
	 * i = 0, 2, ..., 14: -2, 0, 2, -1, 1, -2, 0, 2. */
	assert_true(export_stage_emotion(m, 0, NULL, &avg));
	assert_true(fabs(avg - 0.0) < 1e-9);
	/* Stage s2: odd cards, no emotion. */
	assert_false(export_stage_emotion(m, 1, NULL, &avg));
	map_destroy(m);
}

/* Random maps with dangling references and awkward text: no crash, valid
 * UTF-8 out, widths kept, no raw tag from the map in the HTML. */
static void
test_random_maps(void **state)
{
	struct export_options o;
	unsigned seed = 20261124;
	struct map *m;
	char *text;
	size_t round, k;

	(void)state;
	memset(&o, 0, sizeof o);
	for (round = 0; round < 60; round++) {
		m = mapgen_random(&seed, (int)(round % 6));
		o.width = 20 + (unsigned)(round * 7 % 150);
		for (k = 0; k < TEXT_FORMAT_COUNT; k++) {
			text = render(m, text_formats[k], &o);
			assert_true(utf8_valid(text, strlen(text), NULL));
			if (text_formats[k] == EXPORT_TXT)
				txt_widest(text, o.width);
			free(text);
		}
		map_destroy(m);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_golden_maps),
	    cmocka_unit_test(test_golden_example_variants),
	    cmocka_unit_test(test_golden_italian),
	    cmocka_unit_test(test_labels_complete),
	    cmocka_unit_test(test_labels_locale),
	    cmocka_unit_test(test_numbers_italian),
	    cmocka_unit_test(test_one_user),
	    cmocka_unit_test(test_italian_has_no_english),
	    cmocka_unit_test(test_html_hostile),
	    cmocka_unit_test(test_md_hostile),
	    cmocka_unit_test(test_csv_hostile),
	    cmocka_unit_test(test_mermaid_hostile),
	    cmocka_unit_test(test_txt_widths),
	    cmocka_unit_test(test_persona_filter),
	    cmocka_unit_test(test_render_errors),
	    cmocka_unit_test(test_write_file),
	    cmocka_unit_test(test_pdf_process),
	    cmocka_unit_test(test_curve_average),
	    cmocka_unit_test(test_random_maps),
	};

	utf8_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
