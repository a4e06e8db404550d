/*
 * test_board.c - the board drawn off-screen (src/tui/ without curses).
 *
 * Golden screens: every map in maps/ and a Unicode-heavy map
 * (tests/golden/board/unicode.yaml) are rendered at 80x24 and 160x48,
 * plus a few views (pivot, zoom, persona filter with panel and legend),
 * and compared with tests/golden/board/NAME.txt as `tmux capture-pane -p`
 * would show them.  After a deliberate change, regenerate with
 *
 *	WAYMARK_UPDATE_GOLDEN=1 build/tests/test_board
 *
 * and read the diff before committing it.
 *
 * Invariants: at every size from 1x1 up, the grid stays consistent (a
 * wide character's two halves together, nothing past the right edge), a
 * "too small" notice appears below 20x6, and the renderer leaves the map
 * as it was.  Also: themes (the files equal the built-ins, bad files get
 * FILE:LINE:COL), the key tables (no key bound twice in a mode, every
 * binding explained), the prompt's UTF-8 editing, the pivots and filter.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/mapio.h"
#include "io/theme.h"
#include "model/edit.h"
#include "model/map.h"
#include "tui/board-view.h"
#include "tui/form.h"
#include "tui/grid.h"
#include "tui/keys.h"
#include "tui/prompt.h"
#include "tui/view.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define GOLDEN_DIR "tests/golden/board"

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
	strbuf_adds(&sb, "");
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	if (len != NULL)
		*len = sb.len;
	return strbuf_detach(&sb);
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

struct scene {
	struct view v;
	struct view_index ix;
	struct board_layout lo;
	struct grid g;
	struct theme *t;
};

static void
scene_init(struct scene *s, const char *file_name)
{
	memset(s, 0, sizeof *s);
	view_init(&s->v);
	s->v.file_name = file_name;
	s->t = theme_builtin("default");
	grid_init(&s->g, 0, 0);
}

static void
scene_free(struct scene *s)
{
	view_index_free(&s->ix);
	view_free(&s->v);
	grid_free(&s->g);
	theme_destroy(s->t);
}

/* Render m at w x h as the board does (index, clamp, render, keep the
 * scroll); returns the screen text (caller frees). */
static char *
render(struct scene *s, const struct map *m, int w, int h)
{
	grid_resize(&s->g, w, h);
	view_index_build(&s->ix, m, &s->v);
	view_clamp(&s->v, m, &s->ix);
	board_view_render(&s->g, m, &s->v, &s->ix, s->t, &s->lo);
	s->v.first_stage = s->lo.first_stage;
	s->v.first_row = s->lo.first_row;
	s->v.cell_scroll = s->lo.cell_scroll;
	return grid_text(&s->g);
}

/* Compare text with the golden file NAME.txt (or write it). */
static void
golden(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s.txt", GOLDEN_DIR, name);
	char *want;
	const char *a, *b;
	int line = 1;
	FILE *f;

	if (getenv("WAYMARK_UPDATE_GOLDEN") != NULL) {
		f = fopen(path, "wb");
		assert_non_null(f);
		fputs(text, f);
		fclose(f);
		free(path);
		return;
	}
	want = read_file(path, NULL);
	if (want == NULL)
		fail_msg("%s: missing golden file (WAYMARK_UPDATE_GOLDEN=1 "
		    "writes it)", path);
	if (strcmp(want, text) != 0) {
		for (a = want, b = text; *a != '\0' && *a == *b; a++, b++)
			line += *a == '\n';
		print_error("%s: differs from line %d\n--- got:\n%s\n", path,
		    line, text);
		free(want);
		fail_msg("%s: screen differs from the golden file at line %d",
		    path, line);
	}
	free(want);
	free(path);
}

/* Every row of g is whole: wide characters in pairs, nothing wider than
 * the grid, every cell's text valid UTF-8 of width <= 2. */
static void
check_grid(const struct grid *g)
{
	const struct grid_cell *c, *next;
	char *row;
	int x, y;

	for (y = 0; y < g->height; y++) {
		for (x = 0; x < g->width; x++) {
			c = grid_cell_get(g, x, y);
			if (c->flags & GRID_WIDE) {
				next = grid_cell_get(g, x + 1, y);
				assert_non_null(next);
				assert_true(next->flags & GRID_CONT);
				assert_int_equal(utf8_width(c->text), 2);
			} else if (c->flags & GRID_CONT) {
				assert_true(x > 0);
				assert_true(grid_cell_get(g, x - 1, y)->flags &
				    GRID_WIDE);
			} else {
				assert_true(utf8_width(c->text) == 1);
			}
			assert_true(utf8_valid(c->text, strlen(c->text), NULL));
		}
		row = grid_row_text(g, y);
		assert_true(utf8_width(row) <= (size_t)g->width);
		free(row);
	}
}

/* --- golden screens ------------------------------------------------------- */

static void
golden_map(const char *path, const char *name)
{
	struct scene s;
	struct map *m = load(path), *before = map_clone(m);
	static const int sizes[][2] = {{80, 24}, {160, 48}};
	char *text, *gname;
	size_t i;

	for (i = 0; i < 2; i++) {
		scene_init(&s, path);
		text = render(&s, m, sizes[i][0], sizes[i][1]);
		check_grid(&s.g);
		gname = xasprintf("%s-%dx%d", name, sizes[i][0], sizes[i][1]);
		golden(gname, text);
		free(gname);
		free(text);
		scene_free(&s);
	}
	/* Drawing never changes the map. */
	assert_true(map_equal(m, before));
	map_destroy(before);
	map_destroy(m);
}

static void
test_golden_templates(void **state)
{
	DIR *d = opendir("maps");
	struct dirent *de;
	struct strlist names = {0, 0, NULL};
	size_t i, len;
	char *path, *name;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0)
			strlist_append(&names, de->d_name);
	}
	closedir(d);
	assert_true(names.count >= 5);
	for (i = 0; i < names.count; i++) {
		path = xasprintf("maps/%s", names.items[i]);
		name = xstrndup(names.items[i], strlen(names.items[i]) - 5);
		golden_map(path, name);
		free(path);
		free(name);
	}
	strlist_free(&names);
}

static void
test_golden_unicode(void **state)
{
	(void)state;
	golden_map(GOLDEN_DIR "/unicode.yaml", "unicode");
}

/* The example in other views: what a facilitator toggles. */
static void
test_golden_views(void **state)
{
	struct scene s;
	struct map *m = load("maps/sneakers.yaml");
	char *text;

	(void)state;
	scene_init(&s, "maps/sneakers.yaml");
	s.v.pivot = PIVOT_DEPARTMENT;
	text = render(&s, m, 120, 40);
	/* A service blueprint: departments are the rows. */
	assert_non_null(strstr(text, "Customer care"));
	assert_non_null(strstr(text, "rows: departments"));
	golden("sneakers-departments-120x40", text);
	free(text);
	scene_free(&s);

	scene_init(&s, "maps/sneakers.yaml");
	s.v.zoom = ZOOM_COMPACT;
	text = render(&s, m, 100, 30);
	golden("sneakers-compact-100x30", text);
	free(text);
	scene_free(&s);

	scene_init(&s, "maps/sneakers.yaml");
	s.v.zoom = ZOOM_FOCUS;
	s.v.stage = 4;
	text = render(&s, m, 100, 30);
	/* Focus: one stage, every detail. */
	assert_non_null(strstr(text, "owner "));
	golden("sneakers-focus-100x30", text);
	free(text);
	scene_free(&s);

	/* The measured overlay, from hand-made numbers: header line, the
	 * metrics lane with the funnel bar, touchpoint counts on cards. */
	{
		struct view_measure me[5] = {
			{true, 1000, 0, -1.0}, {true, 650, 350, 0.65},
			{true, 300, 350, 0.4615}, {true, 100, 200, 0.333},
			{false, 0, 0, -1.0},
		};
		long counts[64];
		struct view_overlay ov;
		size_t k;

		for (k = 0; k < 64; k++)
			counts[k] = k % 3 == 0 ? (long)(k * 10) : -1;
		memset(&ov, 0, sizeof ov);
		ov.stage_count = 5;
		ov.stages = me;
		ov.note = "measured: window 7d, all time";
		ov.card_count = m->card_count < 64 ? m->card_count : 64;
		ov.card_users = counts;
		scene_init(&s, "maps/sneakers.yaml");
		s.v.overlay = true;
		s.v.measured = &ov;
		text = render(&s, m, 160, 48);
		assert_non_null(strstr(text, "650 users 65% ▲"));
		assert_non_null(strstr(text, "300 users 46% ▼"));
		assert_non_null(strstr(text, "█"));
		assert_non_null(strstr(text, "not measured"));
		golden("sneakers-overlay-160x48", text);
		free(text);
		scene_free(&s);
	}

	scene_init(&s, "maps/sneakers.yaml");
	view_set(&s.v.persona, "runner");
	s.v.panel = true;
	s.v.legend = true;
	text = render(&s, m, 140, 40);
	assert_non_null(strstr(text, "persona: Marta"));
	assert_non_null(strstr(text, "Frustrations"));
	assert_non_null(strstr(text, "Departments"));
	golden("sneakers-persona-panel-legend-140x40", text);
	free(text);
	scene_free(&s);
	map_destroy(m);
}

/* --- sizes ---------------------------------------------------------------- */

static void
test_every_size(void **state)
{
	struct scene s;
	struct map *m = load(GOLDEN_DIR "/unicode.yaml");
	struct map *ex = load("maps/sneakers.yaml");
	char *text;
	int w, h, z;

	(void)state;
	for (z = 0; z < ZOOM_COUNT; z++) {
		for (w = 1; w <= 130; w += (w < 30 ? 1 : 7)) {
			for (h = 1; h <= 40; h += (h < 10 ? 1 : 5)) {
				scene_init(&s, "x.yaml");
				s.v.zoom = (enum view_zoom)z;
				s.v.panel = w % 2 == 0;
				s.v.legend = h % 3 == 0;
				s.v.stage = (size_t)w % 4;
				s.v.row = (size_t)h % 3;
				text = render(&s, (w + h) % 2 ? m : ex, w, h);
				check_grid(&s.g);
				if (w < BOARD_MIN_WIDTH ||
				    h < BOARD_MIN_HEIGHT) {
					/* Word-wrapped to the width. */
					if (w >= 12 && h >= 2)
						assert_non_null(strstr(text,
						    "small"));
				} else
					assert_null(strstr(text, "too small"));
				free(text);
				scene_free(&s);
			}
		}
	}
	map_destroy(m);
	map_destroy(ex);
}

/* A cell with more cards than fit says so, and the cursor's cell
 * scrolls to the selected card. */
static void
test_more_cards(void **state)
{
	struct scene s;
	struct map *m = load("maps/sneakers.yaml");
	struct card c;
	char *text, id[32];
	int i;
	long pos;

	(void)state;
	for (i = 0; i < 12; i++) {
		memset(&c, 0, sizeof c);
		snprintf(id, sizeof id, "extra-%d", i);
		c.id = id;
		c.stage = (char *)"discovery";
		c.lane = (char *)"touchpoints";
		c.title = id;
		map_add_card(m, &c);
	}
	scene_init(&s, "x.yaml");
	text = render(&s, m, 80, 24);
	assert_non_null(strstr(text, " more"));
	free(text);
	/* Select the last card of the cell: it comes into sight. */
	view_select_pos(&s.v, m, &s.ix, 1000);
	pos = view_cursor_pos(&s.v, m, &s.ix);
	assert_int_equal(pos, 13);
	text = render(&s, m, 80, 24);
	assert_non_null(strstr(text, "extra-11"));
	assert_non_null(strstr(text, "more above"));
	free(text);
	scene_free(&s);
	map_destroy(m);
}

/* A click lands on the card drawn there. */
static void
test_mouse_hit(void **state)
{
	struct scene s;
	struct map *m = load("maps/sneakers.yaml");
	const size_t *cell;
	size_t stage, row, count;
	long pos;
	char *text;

	(void)state;
	scene_init(&s, "x");
	text = render(&s, m, 160, 48);
	free(text);
	/* The second card of the first cell, one line into it. */
	assert_true(board_view_hit(&s.lo, m, &s.v, &s.ix, s.lo.col_x[0] + 3,
	    s.lo.row_y[0] + s.lo.card_h + 1, &stage, &row, &pos));
	assert_int_equal(stage, 0);
	assert_int_equal(row, 0);
	assert_int_equal(pos, 1);
	cell = view_cell(&s.ix, 0, 0, &count);
	assert_true(count >= 2);
	text = grid_row_text(&s.g, s.lo.row_y[0] + s.lo.card_h);
	assert_non_null(strstr(text, "Campaign"));
	assert_string_equal(m->cards[cell[1]].title, "Campaign landing page");
	free(text);
	/* The lane-name column and the title bar are not cells. */
	assert_false(board_view_hit(&s.lo, m, &s.v, &s.ix, 1, s.lo.row_y[0],
	    &stage, &row, &pos));
	assert_false(board_view_hit(&s.lo, m, &s.v, &s.ix, 40, 0, &stage,
	    &row, &pos));
	scene_free(&s);
	map_destroy(m);
}

/* --- views ---------------------------------------------------------------- */

static void
test_pivot_and_filter(void **state)
{
	struct scene s;
	struct map *m = load("maps/sneakers.yaml");
	size_t r, st, count, total, k;
	const size_t *cell;

	(void)state;
	scene_init(&s, "x");
	/* Every pivot shows every card at least once; personas may repeat
	 * a card, the others show it exactly once. */
	for (k = 0; k < PIVOT_COUNT; k++) {
		s.v.pivot = (enum view_pivot)k;
		view_index_build(&s.ix, m, &s.v);
		total = 0;
		for (st = 0; st < s.ix.stage_count; st++) {
			for (r = 0; r < s.ix.row_count; r++) {
				view_cell(&s.ix, st, r, &count);
				total += count;
			}
		}
		if (k == PIVOT_PERSONA)
			assert_true(total >= m->card_count);
		else
			assert_int_equal(total, m->card_count);
	}
	/* The persona filter keeps that persona's cards, and those naming
	 * no persona (they concern everyone). */
	s.v.pivot = PIVOT_LANE;
	view_set(&s.v.persona, "gifter");
	view_index_build(&s.ix, m, &s.v);
	for (st = 0; st < s.ix.stage_count; st++) {
		for (r = 0; r < s.ix.row_count; r++) {
			cell = view_cell(&s.ix, st, r, &count);
			for (k = 0; k < count; k++)
				assert_true(m->cards[cell[k]].personas.count ==
				    0 || strlist_index(
				    &m->cards[cell[k]].personas,
				        "gifter") >= 0);
		}
	}
	assert_true(s.ix.card_total > 0 && s.ix.card_total < m->card_count);
	scene_free(&s);
	map_destroy(m);
}

/* The experience curve: its points sit at the stage averages. */
static void
test_curve(void **state)
{
	struct scene s;
	struct map *m = map_create();
	struct stage st;
	struct lane l;
	struct card c;
	char *text;
	static const char *ids[] = {"a", "b", "c"};
	static const int emo[] = {2, -2, 0};
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		memset(&st, 0, sizeof st);
		st.id = (char *)ids[i];
		st.name = (char *)ids[i];
		map_add_stage(m, &st);
	}
	memset(&l, 0, sizeof l);
	l.id = (char *)"tp";
	l.name = (char *)"Touch";
	map_add_lane(m, &l);
	l.id = (char *)"feel";
	l.name = (char *)"Feel";
	l.kind = LANE_EMOTION;
	l.has_kind = true;
	map_add_lane(m, &l);
	for (i = 0; i < 3; i++) {
		memset(&c, 0, sizeof c);
		c.id = (char *)ids[i];
		c.stage = (char *)ids[i];
		c.lane = (char *)"tp";
		c.title = (char *)ids[i];
		c.emotion = emo[i];
		c.has_emotion = true;
		map_add_card(m, &c);
	}
	scene_init(&s, "x");
	text = render(&s, m, 80, 24);
	/* Down from +2 to -2, up to 0: two corners each way. */
	assert_non_null(strstr(text, "╮"));
	assert_non_null(strstr(text, "╰"));
	assert_non_null(strstr(text, "╯"));
	assert_non_null(strstr(text, "╭"));
	assert_non_null(strstr(text, "+2.0"));
	assert_non_null(strstr(text, "-2.0"));
	golden("curve-80x24", text);
	free(text);
	scene_free(&s);
	map_destroy(m);
}

/* --- grid ---------------------------------------------------------------- */

static void
test_grid_wide(void **state)
{
	struct grid g;
	char *row;

	(void)state;
	grid_init(&g, 6, 1);
	/* Two wide characters in 3 columns: the second does not fit. */
	assert_int_equal(grid_put(&g, 0, 0, 3, 0, "日本"), 3);
	row = grid_row_text(&g, 0);
	assert_string_equal(row, "日");
	free(row);
	/* Overwriting half of a wide character blanks the other half. */
	grid_put(&g, 1, 0, 1, 0, "x");
	row = grid_row_text(&g, 0);
	assert_string_equal(row, " x");
	free(row);
	/* A wide character at the last column is not split. */
	grid_clear(&g, 0);
	grid_put(&g, 5, 0, 5, 0, "日");
	check_grid(&g);
	/* Combining marks stay with their letter; bad bytes are U+FFFD. */
	grid_clear(&g, 0);
	grid_put(&g, 0, 0, 6, 0, "e\xcc\x81\xff!");
	row = grid_row_text(&g, 0);
	assert_string_equal(row, "e\xcc\x81\xef\xbf\xbd!");
	free(row);
	grid_free(&g);
}

static void
test_grid_wrap(void **state)
{
	struct strlist l = {0, 0, NULL};

	(void)state;
	grid_wrap("the quick brown fox", 9, &l);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.items[0], "the quick");
	assert_string_equal(l.items[1], "brown fox");
	strlist_free(&l);
	grid_wrap("日本語日本語", 5, &l);
	assert_int_equal(l.count, 3);
	assert_string_equal(l.items[0], "日本");
	strlist_free(&l);
	grid_wrap("a\n\nb", 10, &l);
	assert_int_equal(l.count, 3);
	assert_string_equal(l.items[1], "");
	strlist_free(&l);
	grid_wrap("日", 1, &l); /* a wide character in one column */
	assert_int_equal(l.count, 1);
	strlist_free(&l);
}

/* --- prompt -------------------------------------------------------------- */

static void
test_prompt_utf8(void **state)
{
	struct prompt p;
	struct grid g;

	(void)state;
	prompt_init(&p, "");
	prompt_key(&p, 0x65E5); /* 日 */
	prompt_key(&p, 'a');
	prompt_key(&p, 0x1F680); /* 🚀 */
	assert_string_equal(prompt_text(&p), "日a🚀");
	prompt_key(&p, KEYS_LEFT);
	prompt_key(&p, KEYS_BACKSPACE);
	assert_string_equal(prompt_text(&p), "日🚀");
	prompt_key(&p, KEYS_HOME);
	prompt_key(&p, KEYS_DELETE);
	assert_string_equal(prompt_text(&p), "🚀");
	prompt_key(&p, KEYS_END);
	prompt_key(&p, 'e');
	prompt_key(&p, 0x301); /* combining acute: goes with the e */
	prompt_key(&p, KEYS_BACKSPACE);
	assert_string_equal(prompt_text(&p), "🚀");
	prompt_key(&p, ' ');
	prompt_key(&p, 'w');
	prompt_key(&p, KEYS_CTRL('w'));
	assert_string_equal(prompt_text(&p), "🚀 ");
	prompt_key(&p, KEYS_CTRL('u'));
	assert_string_equal(prompt_text(&p), "");
	assert_int_equal(prompt_key(&p, KEYS_ENTER), PROMPT_ACCEPT);
	assert_int_equal(prompt_key(&p, KEYS_ESC), PROMPT_CANCEL);
	/* A long line scrolls: the cursor stays inside the field. */
	for (int i = 0; i < 50; i++)
		prompt_key(&p, 0x65E5);
	grid_init(&g, 20, 1);
	prompt_draw(&g, 0, 0, 20, "T: ", &p, 0, 0);
	assert_true(g.cursor_x >= 3 && g.cursor_x < 20);
	check_grid(&g);
	grid_free(&g);
	prompt_free(&p);
}

/* --- keys ----------------------------------------------------------------- */

static void
test_keys_tables(void **state)
{
	const struct key_binding *t;
	size_t count, i, k;
	int mode;
	char *names;

	(void)state;
	for (mode = 0; mode < KEYS_MODE_COUNT; mode++) {
		t = keys_table((enum keys_mode)mode, &count);
		assert_true(count > 0);
		for (i = 0; i < count; i++) {
			assert_non_null(t[i].help);
			assert_true(t[i].keys[0] != 0);
			names = keys_binding_names(&t[i], " ");
			assert_true(strlen(names) > 0);
			free(names);
			/* No key does two things in one mode. */
			for (k = 0; k < KEYS_PER_BINDING && t[i].keys[k]; k++)
				assert_int_equal(keys_action(
				    (enum keys_mode)mode, t[i].keys[k]),
				    t[i].action);
		}
	}
	assert_int_equal(keys_action(KEYS_MODE_BOARD, 'u'), ACT_UNDO);
	assert_int_equal(keys_action(KEYS_MODE_BOARD, KEYS_CTRL('r')),
	    ACT_REDO);
	assert_int_equal(keys_action(KEYS_MODE_BOARD, '?'), ACT_HELP);
	assert_int_equal(keys_action(KEYS_MODE_BOARD, 'q'), ACT_QUIT);
	assert_string_equal(keys_name(KEYS_CTRL('r')), "Ctrl-R");
}

/* The man page's KEYS section lists what the key tables say. */
static void
test_man_keys(void **state)
{
	const struct key_binding *t;
	char *man, *start, *end, *line;
	size_t count, i;
	int mode;

	(void)state;
	man = read_file("man/waymark.1", NULL);
	assert_non_null(man);
	start = strstr(man, "\n.Sh KEYS\n");
	assert_non_null(start);
	end = strstr(start + 1, "\n.Sh ");
	assert_non_null(end);
	*end = '\0';
	for (mode = 0; mode < KEYS_MODE_COUNT; mode++) {
		t = keys_table((enum keys_mode)mode, &count);
		for (i = 0; i < count; i++) {
			line = xasprintf("\n%s%s\n", t[i].help,
			    t[i].edits ? " (edits)" : "");
			if (strstr(start, line) == NULL)
				fail_msg("man/waymark.1 KEYS lacks '%s' (make "
				    "the section from the key tables)",
				    t[i].help);
			free(line);
		}
	}
	free(man);
}

/* The hint line is the key table's hinted bindings, in order. */
static void
test_hints(void **state)
{
	struct grid g;
	struct theme *t = theme_builtin("default");
	char *row;

	(void)state;
	grid_init(&g, 200, 1);
	board_view_styles(&g, NULL, t);
	board_view_hints(&g, 0, KEYS_MODE_BOARD);
	row = grid_row_text(&g, 0);
	assert_non_null(strstr(row, "? help"));
	assert_non_null(strstr(row, "u undo"));
	assert_non_null(strstr(row, "q quit"));
	free(row);
	grid_resize(&g, 30, 1);
	board_view_hints(&g, 0, KEYS_MODE_BOARD);
	row = grid_row_text(&g, 0);
	assert_true(utf8_width(row) <= 30);
	free(row);
	grid_free(&g);
	theme_destroy(t);
}

/* --- forms ---------------------------------------------------------------- */

static void
test_card_form(void **state)
{
	struct map *m = load("maps/sneakers.yaml");
	struct form *f;
	struct card c;
	char *cause = NULL;
	size_t i;

	(void)state;
	f = form_create(m, ENTITY_CARD, &m->cards[0], "Card");
	/* Unchanged, the form gives the card back. */
	assert_int_equal(form_to_entity(f, &m->cards[0], &c, &cause), 0);
	assert_true(card_equal(&c, &m->cards[0]));
	card_free(&c);
	for (i = 0; i < f->count; i++) {
		if (strcmp(f->fields[i].label, "Tags") == 0)
			form_field_set(&f->fields[i], " a ; b;;c ");
		if (strcmp(f->fields[i].label, "Emotion") == 0)
			form_choice_step(&f->fields[i], -1);
		if (strcmp(f->fields[i].label, "Votes") == 0)
			form_field_set(&f->fields[i], "x");
	}
	assert_int_equal(form_to_entity(f, &m->cards[0], &c, &cause), -1);
	assert_non_null(strstr(cause, "Votes"));
	free(cause);
	for (i = 0; i < f->count; i++) {
		if (strcmp(f->fields[i].label, "Votes") == 0)
			form_field_set(&f->fields[i], "3");
	}
	assert_int_equal(form_to_entity(f, &m->cards[0], &c, &cause), 0);
	assert_int_equal(c.tags.count, 3);
	assert_string_equal(c.tags.items[2], "c");
	assert_int_equal(c.votes, 3);
	assert_int_equal(c.emotion, m->cards[0].emotion - 1);
	card_free(&c);
	form_destroy(f);
	map_destroy(m);
}

/* The card form drawn over the board, as the facilitator sees it. */
static void
test_form_screen(void **state)
{
	struct scene s;
	struct map *m = load("maps/sneakers.yaml");
	struct form *f;
	char *text;

	(void)state;
	scene_init(&s, "maps/sneakers.yaml");
	text = render(&s, m, 100, 30);
	free(text);
	assert_true(map_card_index(m, "ig-ad") >= 0);
	f = form_create(m, ENTITY_CARD, &m->cards[map_card_index(m, "ig-ad")],
	    "Card");
	f->current = 3; /* Personas */
	f->fields[3].sub = 1;
	form_draw(&s.g, f);
	text = grid_text(&s.g);
	check_grid(&s.g);
	assert_non_null(strstr(text, "[x] Marta  [x] Luca  [ ] Giulia"));
	assert_non_null(strstr(text, "‹ Marketing ›"));
	golden("sneakers-form-100x30", text);
	free(text);
	/* A refusal from the edit API shows in the form. */
	f->message = xstrdup("card 'ig-ad': id already used");
	form_draw(&s.g, f);
	text = grid_text(&s.g);
	assert_non_null(strstr(text, "id already used"));
	free(text);
	/* Tiny screens: nothing overflows. */
	grid_resize(&s.g, 12, 5);
	form_draw(&s.g, f);
	check_grid(&s.g);
	form_destroy(f);
	scene_free(&s);
	map_destroy(m);
}

/* --- themes -------------------------------------------------------------- */

static void
test_theme_files(void **state)
{
	static const char *names[] = {"default", "light", "projector",
	    "colorblind", "mono"};
	struct theme *file, *builtin;
	char *path, *cause = NULL;
	size_t i, k;

	(void)state;
	for (i = 0; i < 5; i++) {
		path = xasprintf("themes/%s.yaml", names[i]);
		file = theme_load_file(path, &cause);
		if (file == NULL)
			fail_msg("%s", cause);
		builtin = theme_builtin(names[i]);
		assert_non_null(builtin);
		assert_string_equal(file->name, builtin->name);
		assert_memory_equal(file->styles, builtin->styles,
		    sizeof file->styles);
		assert_memory_equal(&file->card_text, &builtin->card_text,
		    sizeof file->card_text);
		assert_int_equal(file->color_count, builtin->color_count);
		for (k = 0; k < file->color_count; k++) {
			assert_string_equal(file->colors[k].name,
			    builtin->colors[k].name);
			assert_int_equal(file->colors[k].value,
			    builtin->colors[k].value);
		}
		assert_int_equal(file->cycle_count, builtin->cycle_count);
		theme_destroy(file);
		theme_destroy(builtin);
		free(path);
	}
}

static void
bad_theme(const char *text, const char *want)
{
	char *cause = NULL;
	struct theme *t = theme_load_buffer(text, strlen(text), "bad.yaml",
	    &cause);

	assert_null(t);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("got '%s', want '%s'", cause, want);
	free(cause);
}

static void
test_theme_errors(void **state)
{
	struct theme *t;
	char *cause = NULL;
	const char *ok = "waymark-theme: 1\nstyles:\n  title: {fg: "
	    "'#ff0000'}\n";

	(void)state;
	bad_theme("styles:\n  title: {fg: purplish}\n",
	    "bad.yaml:2:15: unknown color 'purplish'");
	bad_theme("styles:\n  titel: {fg: red}\n",
	    "bad.yaml:2:10: unknown element 'titel'");
	bad_theme("a: &x 1\nb: *x\n", "anchors are not allowed");
	bad_theme("name: a\nname: b\n", "bad.yaml:2:1: duplicate key 'name'");
	bad_theme("waymark-theme: 2\n", "unsupported theme format");
	bad_theme("styles: {title: {attrs: [blink]}}\n", "unknown attribute");
	bad_theme("styles: [\n", "bad.yaml:");
	bad_theme("", "empty theme file");
	bad_theme("a: 1\n---\nb: 2\n", "one document");
	t = theme_load_buffer(ok, strlen(ok), "ok.yaml", &cause);
	assert_non_null(t);
	assert_int_equal(t->styles[THEME_TITLE].fg, 196);
	/* Partial themes keep the default's other elements. */
	assert_int_equal(t->styles[THEME_HEADER].bg, 238);
	theme_destroy(t);
	assert_int_equal(theme_degrade_color(196, 8), 1);
	assert_int_equal(theme_degrade_color(21, 8), 4);
	assert_int_equal(theme_degrade_color(3, 8), 3);
	/* Grays stay gray, never the nearest hue. */
	assert_int_equal(theme_degrade_color(242, 8), 7);
	assert_int_equal(theme_degrade_color(242, 16), 8);
	assert_int_equal(theme_degrade_color(233, 8), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_templates),
		cmocka_unit_test(test_golden_unicode),
		cmocka_unit_test(test_golden_views),
		cmocka_unit_test(test_every_size),
		cmocka_unit_test(test_more_cards),
		cmocka_unit_test(test_mouse_hit),
		cmocka_unit_test(test_pivot_and_filter),
		cmocka_unit_test(test_curve),
		cmocka_unit_test(test_grid_wide),
		cmocka_unit_test(test_grid_wrap),
		cmocka_unit_test(test_prompt_utf8),
		cmocka_unit_test(test_keys_tables),
		cmocka_unit_test(test_hints),
		cmocka_unit_test(test_man_keys),
		cmocka_unit_test(test_card_form),
		cmocka_unit_test(test_form_screen),
		cmocka_unit_test(test_theme_files),
		cmocka_unit_test(test_theme_errors),
	};

	utf8_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
