/*
 * theme.c - built-in themes and the theme file loader (see theme.h).
 *
 * The five built-in themes are tables in this file, so waymark always has
 * a usable look even when no theme file can be found; the files in
 * themes/ spell out the same values for users to copy and change.
 *
 * The loader reads the file with libyaml's event parser into a small tree
 * of scalars, sequences and mappings that keeps each value's line and
 * column, refusing what a theme never needs (anchors, aliases, several
 * documents, deep nesting, big files); then it walks the tree and
 * overrides the built-in default.  Every error names PATH:LINE:COL.
 */

#include "io/theme.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include "util/xalloc.h"

#define THEME_MAX_BYTES (256 * 1024)
#define THEME_MAX_DEPTH 8

static const char *theme_element_names[THEME_ELEMENT_COUNT] = {
	"normal", "title", "title-flag", "header", "header-current", "lane",
	"lane-current", "grid", "cell-current", "card", "card-selected",
	"card-match", "more", "curve", "curve-up", "curve-down", "status",
	"status-error", "hint", "hint-key", "panel", "panel-title",
	"panel-border", "field", "field-current", "overlay", "overlay-above",
	"overlay-below",
};

/* The 16 basic colors by name. */
static const struct {
	const char *name;
	int value;
} theme_basic_colors[] = {
	{"black", 0}, {"red", 1}, {"green", 2}, {"yellow", 3}, {"blue", 4},
	{"magenta", 5}, {"cyan", 6}, {"white", 7}, {"bright-black", 8},
	{"gray", 8}, {"grey", 8}, {"bright-red", 9}, {"bright-green", 10},
	{"bright-yellow", 11}, {"bright-blue", 12}, {"bright-magenta", 13},
	{"bright-cyan", 14}, {"bright-white", 15},
};

/* --- built-in themes ----------------------------------------------------- */

struct theme_row {
	enum theme_element element;
	int16_t fg, bg;
	uint16_t attrs;
};

struct theme_named {
	const char *name;
	int16_t value, text;
};

struct theme_def {
	const char *name;
	const struct theme_row *rows;
	size_t row_count;
	struct theme_style card_text;
	const struct theme_named *colors;
	size_t color_count;
	int16_t cycle[16];
	size_t cycle_count;
};

#define D THEME_DEFAULT
#define B THEME_BOLD
#define U THEME_UNDERLINE
#define R THEME_REVERSE
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct theme_row theme_rows_default[] = {
	{THEME_NORMAL, D, D, 0},
	{THEME_TITLE, 231, 24, B},
	{THEME_TITLE_FLAG, 226, 24, B},
	{THEME_HEADER, 231, 238, B},
	{THEME_HEADER_CURRENT, 16, 117, B},
	{THEME_LANE, 252, 236, B},
	{THEME_LANE_CURRENT, 16, 117, B},
	{THEME_GRID, 242, D, 0},
	{THEME_CELL_CURRENT, 117, 237, 0},
	{THEME_CARD, 231, 241, 0},
	{THEME_CARD_SELECTED, 16, 226, B},
	{THEME_CARD_MATCH, 16, 214, B | U},
	{THEME_MORE, 245, D, 0},
	{THEME_CURVE, 117, D, B},
	{THEME_CURVE_UP, 114, D, B},
	{THEME_CURVE_DOWN, 203, D, B},
	{THEME_STATUS, 252, 236, 0},
	{THEME_STATUS_ERROR, 231, 124, B},
	{THEME_HINT, 250, 235, 0},
	{THEME_HINT_KEY, 117, 235, B},
	{THEME_PANEL, 252, 236, 0},
	{THEME_PANEL_TITLE, 231, 24, B},
	{THEME_PANEL_BORDER, 117, 236, 0},
	{THEME_FIELD, 252, 238, 0},
	{THEME_FIELD_CURRENT, 16, 117, 0},
	{THEME_OVERLAY, 252, 238, 0},
	{THEME_OVERLAY_ABOVE, 114, 238, B},
	{THEME_OVERLAY_BELOW, 203, 238, B},
};

static const struct theme_named theme_colors_default[] = {
	{"red", 124, D}, {"orange", 130, D}, {"yellow", 136, D},
	{"green", 28, D}, {"teal", 30, D}, {"cyan", 31, D}, {"blue", 25, D},
	{"purple", 91, D}, {"magenta", 127, D}, {"pink", 162, D},
	{"brown", 94, D}, {"gray", 241, D}, {"grey", 241, D},
	{"olive", 100, D}, {"navy", 18, D},
};

static const struct theme_row theme_rows_light[] = {
	{THEME_NORMAL, 235, 255, 0},
	{THEME_TITLE, 231, 25, B},
	{THEME_TITLE_FLAG, 226, 25, B},
	{THEME_HEADER, 16, 252, B},
	{THEME_HEADER_CURRENT, 231, 25, B},
	{THEME_LANE, 16, 253, B},
	{THEME_LANE_CURRENT, 231, 25, B},
	{THEME_GRID, 248, 255, 0},
	{THEME_CELL_CURRENT, 25, 254, 0},
	{THEME_CARD, 16, 250, 0},
	{THEME_CARD_SELECTED, 231, 16, B},
	{THEME_CARD_MATCH, 16, 220, B | U},
	{THEME_MORE, 242, 255, 0},
	{THEME_CURVE, 25, 255, B},
	{THEME_CURVE_UP, 28, 255, B},
	{THEME_CURVE_DOWN, 160, 255, B},
	{THEME_STATUS, 16, 252, 0},
	{THEME_STATUS_ERROR, 231, 160, B},
	{THEME_HINT, 238, 254, 0},
	{THEME_HINT_KEY, 25, 254, B},
	{THEME_PANEL, 16, 254, 0},
	{THEME_PANEL_TITLE, 231, 25, B},
	{THEME_PANEL_BORDER, 25, 254, 0},
	{THEME_FIELD, 16, 252, 0},
	{THEME_FIELD_CURRENT, 231, 25, 0},
	{THEME_OVERLAY, 16, 252, 0},
	{THEME_OVERLAY_ABOVE, 28, 252, B},
	{THEME_OVERLAY_BELOW, 160, 252, B},
};

static const struct theme_named theme_colors_light[] = {
	{"red", 217, D}, {"orange", 223, D}, {"yellow", 229, D},
	{"green", 151, D}, {"teal", 116, D}, {"cyan", 159, D},
	{"blue", 153, D}, {"purple", 183, D}, {"magenta", 219, D},
	{"pink", 218, D}, {"brown", 180, D}, {"gray", 250, D},
	{"grey", 250, D}, {"olive", 187, D}, {"navy", 147, D},
};

static const struct theme_row theme_rows_projector[] = {
	{THEME_NORMAL, 231, 16, 0},
	{THEME_TITLE, 16, 231, B},
	{THEME_TITLE_FLAG, 160, 231, B},
	{THEME_HEADER, 16, 226, B},
	{THEME_HEADER_CURRENT, 231, 16, B | R},
	{THEME_LANE, 16, 226, B},
	{THEME_LANE_CURRENT, 231, 16, B | R},
	{THEME_GRID, 250, 16, 0},
	{THEME_CELL_CURRENT, 16, 231, B},
	{THEME_CARD, 16, 250, B},
	{THEME_CARD_SELECTED, 231, 16, B | R},
	{THEME_CARD_MATCH, 16, 226, B | U},
	{THEME_MORE, 226, 16, B},
	{THEME_CURVE, 231, 16, B},
	{THEME_CURVE_UP, 46, 16, B},
	{THEME_CURVE_DOWN, 196, 16, B},
	{THEME_STATUS, 16, 231, B},
	{THEME_STATUS_ERROR, 231, 160, B},
	{THEME_HINT, 231, 16, 0},
	{THEME_HINT_KEY, 226, 16, B},
	{THEME_PANEL, 231, 16, 0},
	{THEME_PANEL_TITLE, 16, 226, B},
	{THEME_PANEL_BORDER, 226, 16, B},
	{THEME_FIELD, 231, 238, 0},
	{THEME_FIELD_CURRENT, 16, 226, B},
	{THEME_OVERLAY, 231, 16, B},
	{THEME_OVERLAY_ABOVE, 46, 16, B},
	{THEME_OVERLAY_BELOW, 196, 16, B},
};

static const struct theme_named theme_colors_projector[] = {
	{"red", 203, D}, {"orange", 214, D}, {"yellow", 227, D},
	{"green", 120, D}, {"teal", 86, D}, {"cyan", 87, D},
	{"blue", 117, D}, {"purple", 177, D}, {"magenta", 213, D},
	{"pink", 218, D}, {"brown", 180, D}, {"gray", 250, D},
	{"grey", 250, D}, {"olive", 192, D}, {"navy", 111, D},
};

/* Okabe and Ito's palette, told apart with the common color-vision
 * deficiencies; text black on light colors and white on dark ones. */
static const struct theme_row theme_rows_colorblind[] = {
	{THEME_NORMAL, D, D, 0},
	{THEME_TITLE, 231, 25, B},
	{THEME_TITLE_FLAG, 214, 25, B},
	{THEME_HEADER, 231, 238, B},
	{THEME_HEADER_CURRENT, 16, 214, B},
	{THEME_LANE, 252, 236, B},
	{THEME_LANE_CURRENT, 16, 214, B},
	{THEME_GRID, 242, D, 0},
	{THEME_CELL_CURRENT, 214, 237, 0},
	{THEME_CARD, 231, 241, 0},
	{THEME_CARD_SELECTED, 16, 231, B | U},
	{THEME_CARD_MATCH, 16, 227, B | U},
	{THEME_MORE, 245, D, 0},
	{THEME_CURVE, 74, D, B},
	{THEME_CURVE_UP, 74, D, B},
	{THEME_CURVE_DOWN, 214, D, B},
	{THEME_STATUS, 252, 236, 0},
	{THEME_STATUS_ERROR, 16, 214, B},
	{THEME_HINT, 250, 235, 0},
	{THEME_HINT_KEY, 214, 235, B},
	{THEME_PANEL, 252, 236, 0},
	{THEME_PANEL_TITLE, 231, 25, B},
	{THEME_PANEL_BORDER, 74, 236, 0},
	{THEME_FIELD, 252, 238, 0},
	{THEME_FIELD_CURRENT, 16, 214, 0},
	{THEME_OVERLAY, 252, 238, 0},
	{THEME_OVERLAY_ABOVE, 74, 238, B},
	{THEME_OVERLAY_BELOW, 214, 238, B},
};

static const struct theme_named theme_colors_colorblind[] = {
	{"orange", 214, 16}, {"yellow", 227, 16}, {"cyan", 74, 16},
	{"teal", 36, 16}, {"green", 36, 16}, {"blue", 25, 231},
	{"red", 166, 231}, {"magenta", 175, 16}, {"pink", 175, 16},
	{"purple", 175, 16}, {"brown", 166, 231}, {"gray", 246, 16},
	{"grey", 246, 16}, {"navy", 25, 231}, {"olive", 227, 16},
};

static const struct theme_row theme_rows_mono[] = {
	{THEME_NORMAL, D, D, 0},
	{THEME_TITLE, D, D, R | B},
	{THEME_TITLE_FLAG, D, D, R | B},
	{THEME_HEADER, D, D, B | U},
	{THEME_HEADER_CURRENT, D, D, R | B},
	{THEME_LANE, D, D, B},
	{THEME_LANE_CURRENT, D, D, R | B},
	{THEME_GRID, D, D, 0},
	{THEME_CELL_CURRENT, D, D, R},
	{THEME_CARD, D, D, 0},
	{THEME_CARD_SELECTED, D, D, R | B},
	{THEME_CARD_MATCH, D, D, U | B},
	{THEME_MORE, D, D, B},
	{THEME_CURVE, D, D, B},
	{THEME_CURVE_UP, D, D, B},
	{THEME_CURVE_DOWN, D, D, B},
	{THEME_STATUS, D, D, R},
	{THEME_STATUS_ERROR, D, D, R | B},
	{THEME_HINT, D, D, 0},
	{THEME_HINT_KEY, D, D, B},
	{THEME_PANEL, D, D, 0},
	{THEME_PANEL_TITLE, D, D, R | B},
	{THEME_PANEL_BORDER, D, D, 0},
	{THEME_FIELD, D, D, U},
	{THEME_FIELD_CURRENT, D, D, R},
	{THEME_OVERLAY, D, D, 0},
	{THEME_OVERLAY_ABOVE, D, D, B},
	{THEME_OVERLAY_BELOW, D, D, U},
};

static const struct theme_def theme_defs[] = {
	{"default", theme_rows_default, N(theme_rows_default), {231, D, 0},
	    theme_colors_default, N(theme_colors_default),
	    {25, 127, 28, 130, 91, 30, 124, 100, 162, 94}, 10},
	{"light", theme_rows_light, N(theme_rows_light), {16, D, 0},
	    theme_colors_light, N(theme_colors_light),
	    {153, 219, 151, 223, 183, 116, 217, 187, 218, 180}, 10},
	{"projector", theme_rows_projector, N(theme_rows_projector),
	    {16, D, B}, theme_colors_projector, N(theme_colors_projector),
	    {117, 213, 120, 214, 177, 86, 203, 192, 218, 180}, 10},
	{"colorblind", theme_rows_colorblind, N(theme_rows_colorblind),
	    {16, D, 0}, theme_colors_colorblind, N(theme_colors_colorblind),
	    {214, 74, 36, 227, 25, 166, 175}, 7},
	{"mono", theme_rows_mono, N(theme_rows_mono), {D, D, 0}, NULL, 0,
	    {D}, 1},
};

#undef D
#undef B
#undef U
#undef R

const char *
theme_element_name(enum theme_element e)
{
	if ((int)e < 0 || e >= THEME_ELEMENT_COUNT)
		return "?";
	return theme_element_names[e];
}

int
theme_element_parse(const char *name)
{
	int i;

	for (i = 0; i < THEME_ELEMENT_COUNT; i++) {
		if (strcmp(name, theme_element_names[i]) == 0)
			return i;
	}
	return -1;
}

static void
theme_add_color(struct theme *t, const char *name, int16_t value,
    int16_t text)
{
	size_t i;

	for (i = 0; i < t->color_count; i++) {
		if (strcmp(t->colors[i].name, name) == 0) {
			t->colors[i].value = value;
			t->colors[i].text = text;
			return;
		}
	}
	t->colors = xreallocarray(t->colors, t->color_count + 1,
	    sizeof *t->colors);
	t->colors[t->color_count].name = xstrdup(name);
	t->colors[t->color_count].value = value;
	t->colors[t->color_count].text = text;
	t->color_count++;
}

struct theme *
theme_builtin(const char *name)
{
	const struct theme_def *def = NULL;
	struct theme *t;
	size_t i;

	for (i = 0; i < N(theme_defs); i++) {
		if (strcmp(theme_defs[i].name, name) == 0)
			def = &theme_defs[i];
	}
	if (def == NULL)
		return NULL;
	t = xcalloc(1, sizeof *t);
	t->name = xstrdup(def->name);
	for (i = 0; i < THEME_ELEMENT_COUNT; i++) {
		t->styles[i].fg = THEME_DEFAULT;
		t->styles[i].bg = THEME_DEFAULT;
	}
	for (i = 0; i < def->row_count; i++) {
		t->styles[def->rows[i].element].fg = def->rows[i].fg;
		t->styles[def->rows[i].element].bg = def->rows[i].bg;
		t->styles[def->rows[i].element].attrs = def->rows[i].attrs;
	}
	t->card_text = def->card_text;
	for (i = 0; i < def->color_count; i++)
		theme_add_color(t, def->colors[i].name, def->colors[i].value,
		    def->colors[i].text);
	memcpy(t->cycle, def->cycle, sizeof t->cycle);
	t->cycle_count = def->cycle_count;
	return t;
}

struct theme *
theme_clone(const struct theme *src)
{
	struct theme *t = xcalloc(1, sizeof *t);
	size_t i;

	*t = *src;
	t->name = xstrdup(src->name);
	t->colors = NULL;
	t->color_count = 0;
	for (i = 0; i < src->color_count; i++)
		theme_add_color(t, src->colors[i].name, src->colors[i].value,
		    src->colors[i].text);
	return t;
}

void
theme_destroy(struct theme *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->color_count; i++)
		free(t->colors[i].name);
	free(t->colors);
	free(t->name);
	free(t);
}

const struct theme_style *
theme_style(const struct theme *t, enum theme_element e)
{
	if ((int)e < 0 || e >= THEME_ELEMENT_COUNT)
		e = THEME_NORMAL;
	return &t->styles[e];
}

static const struct theme_color *
theme_find_color(const struct theme *t, const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < t->color_count; i++) {
		if (strcmp(t->colors[i].name, name) == 0)
			return &t->colors[i];
	}
	return NULL;
}

int
theme_color_value(const struct theme *t, const char *name)
{
	const struct theme_color *c = theme_find_color(t, name);
	int16_t v;

	if (c != NULL)
		return c->value;
	if (name != NULL && theme_parse_color(name, &v) == 0)
		return v;
	return THEME_DEFAULT;
}

struct theme_style
theme_card_style(const struct theme *t, const char *name, size_t index)
{
	struct theme_style st = t->styles[THEME_CARD];
	const struct theme_color *c = theme_find_color(t, name);
	int16_t v;

	if (c != NULL) {
		st.bg = c->value;
		st.fg = c->text != THEME_DEFAULT ? c->text : t->card_text.fg;
		st.attrs = t->card_text.attrs;
	} else if (name != NULL && theme_parse_color(name, &v) == 0 &&
	    t->cycle_count > 1) {
		st.bg = v;
		st.fg = t->card_text.fg;
		st.attrs = t->card_text.attrs;
	} else if (index != (size_t)-1 && t->cycle_count > 1) {
		st.bg = t->cycle[index % t->cycle_count];
		st.fg = t->card_text.fg;
		st.attrs = t->card_text.attrs;
		/* A cycle color may have a named twin that says its text. */
		for (size_t i = 0; i < t->color_count; i++) {
			if (t->colors[i].value == st.bg &&
			    t->colors[i].text != THEME_DEFAULT) {
				st.fg = t->colors[i].text;
				break;
			}
		}
	}
	return st;
}

int
theme_parse_color(const char *text, int16_t *value)
{
	size_t i;
	char *end;
	long n;
	unsigned r, g, b;

	if (strcmp(text, "default") == 0) {
		*value = THEME_DEFAULT;
		return 0;
	}
	for (i = 0; i < N(theme_basic_colors); i++) {
		if (strcmp(text, theme_basic_colors[i].name) == 0) {
			*value = (int16_t)theme_basic_colors[i].value;
			return 0;
		}
	}
	if (text[0] >= '0' && text[0] <= '9') {
		errno = 0;
		n = strtol(text, &end, 10);
		if (*end != '\0' || errno != 0 || n < 0 || n > 255)
			return -1;
		*value = (int16_t)n;
		return 0;
	}
	if (text[0] == '#' && strlen(text) == 7 &&
	    strspn(text + 1, "0123456789abcdefABCDEF") == 6) {
		n = strtol(text + 1, NULL, 16);
		r = (unsigned)(n >> 16) & 0xff;
		g = (unsigned)(n >> 8) & 0xff;
		b = (unsigned)n & 0xff;
		/* The 6x6x6 cube or the gray ramp, whichever is nearer. */
		{
			static const int steps[6] = {0, 95, 135, 175, 215, 255};
			int ci[3], k, best, dist, cube, gray, gi;
			unsigned rgb[3] = {r, g, b};
			long dc = 0, dg = 0, gv, avg;

			for (k = 0; k < 3; k++) {
				best = 0;
				for (int s = 1; s < 6; s++) {
					dist = abs((int)rgb[k] - steps[s]);
					if (dist < abs((int)rgb[k] -
					    steps[best]))
						best = s;
				}
				ci[k] = best;
				dc += (long)((int)rgb[k] - steps[best]) *
				    ((int)rgb[k] - steps[best]);
			}
			cube = 16 + 36 * ci[0] + 6 * ci[1] + ci[2];
			avg = ((long)r + g + b) / 3;
			gi = avg < 8 ? 0 : (int)((avg - 8) / 10);
			if (gi > 23)
				gi = 23;
			gv = 8 + 10 * gi;
			for (k = 0; k < 3; k++)
				dg += ((long)rgb[k] - gv) * ((long)rgb[k] - gv);
			gray = 232 + gi;
			*value = (int16_t)(dg < dc ? gray : cube);
		}
		return 0;
	}
	return -1;
}

/* The RGB of a palette color (xterm's values). */
static void
theme_rgb(int value, int *r, int *g, int *b)
{
	static const int basic[16][3] = {
		{0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0},
		{0, 0, 238}, {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
		{127, 127, 127}, {255, 0, 0}, {0, 255, 0}, {255, 255, 0},
		{92, 92, 255}, {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
	};
	static const int steps[6] = {0, 95, 135, 175, 215, 255};

	if (value < 16) {
		*r = basic[value][0];
		*g = basic[value][1];
		*b = basic[value][2];
	} else if (value < 232) {
		value -= 16;
		*r = steps[value / 36];
		*g = steps[(value / 6) % 6];
		*b = steps[value % 6];
	} else {
		*r = *g = *b = 8 + 10 * (value - 232);
	}
}

int
theme_degrade_color(int value, int count)
{
	int r, g, b, br, bg, bb, i, best = 0;
	long d, best_d = -1;

	if (value < 0 || value < count)
		return value;
	theme_rgb(value, &r, &g, &b);
	/* A gray goes to a gray: with 8 colors, nearest by distance would
	 * make mid grays yellow. */
	if (r == g && g == b) {
		if (count >= 16)
			return r < 64 ? 0 : r < 160 ? 8 : r < 240 ? 7 : 15;
		return r < 64 ? 0 : 7;
	}
	for (i = 0; i < count && i < 16; i++) {
		theme_rgb(i, &br, &bg, &bb);
		d = (long)(r - br) * (r - br) + (long)(g - bg) * (g - bg) +
		    (long)(b - bb) * (b - bb);
		if (best_d < 0 || d < best_d) {
			best_d = d;
			best = i;
		}
	}
	return best;
}

/* --- the file loader ---------------------------------------------------- */

enum tnode_type { TN_SCALAR, TN_SEQ, TN_MAP };

struct tnode {
	enum tnode_type type;
	char *text;            /* TN_SCALAR */
	size_t count;
	struct tnode **items;  /* TN_SEQ, TN_MAP values */
	char **keys;           /* TN_MAP */
	int line, col;
};

struct tload {
	yaml_parser_t parser;
	const char *name;
	char *cause;
};

static void
tnode_free(struct tnode *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->count; i++) {
		tnode_free(n->items[i]);
		if (n->keys != NULL)
			free(n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->text);
	free(n);
}

static void
tload_error(struct tload *tl, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
tload_error(struct tload *tl, int line, int col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (tl->cause != NULL)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	tl->cause = xasprintf("%s:%d:%d: %s", tl->name, line, col, msg);
	free(msg);
}

static bool
tload_next(struct tload *tl, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&tl->parser, ev)) {
		tload_error(tl, (int)tl->parser.problem_mark.line + 1,
		    (int)tl->parser.problem_mark.column + 1, "%s",
		    tl->parser.problem != NULL ? tl->parser.problem :
		    "malformed YAML");
		return false;
	}
	return true;
}

/* Read the value that starts with event ev (consumed by the caller). */
static struct tnode *
tload_value(struct tload *tl, yaml_event_t *ev, int depth)
{
	struct tnode *n = xcalloc(1, sizeof *n), *child;
	yaml_event_t next;
	char *key;
	size_t i;

	n->line = (int)ev->start_mark.line + 1;
	n->col = (int)ev->start_mark.column + 1;
	if (depth > THEME_MAX_DEPTH) {
		tload_error(tl, n->line, n->col, "nesting deeper than %d",
		    THEME_MAX_DEPTH);
		free(n);
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		tload_error(tl, n->line, n->col,
		    "aliases are not allowed in a theme");
		free(n);
		return NULL;
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL)
			goto anchor;
		n->type = TN_SCALAR;
		n->text = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		return n;
	case YAML_SEQUENCE_START_EVENT:
		if (ev->data.sequence_start.anchor != NULL)
			goto anchor;
		n->type = TN_SEQ;
		for (;;) {
			if (!tload_next(tl, &next))
				goto fail;
			if (next.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&next);
				return n;
			}
			child = tload_value(tl, &next, depth + 1);
			yaml_event_delete(&next);
			if (child == NULL)
				goto fail;
			n->items = xreallocarray(n->items, n->count + 1,
			    sizeof *n->items);
			n->items[n->count++] = child;
		}
	case YAML_MAPPING_START_EVENT:
		if (ev->data.mapping_start.anchor != NULL)
			goto anchor;
		n->type = TN_MAP;
		for (;;) {
			if (!tload_next(tl, &next))
				goto fail;
			if (next.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&next);
				return n;
			}
			if (next.type != YAML_SCALAR_EVENT) {
				tload_error(tl, (int)next.start_mark.line + 1,
				    (int)next.start_mark.column + 1,
				    "a key must be a plain word");
				yaml_event_delete(&next);
				goto fail;
			}
			key = xstrndup((const char *)next.data.scalar.value,
			    next.data.scalar.length);
			for (i = 0; i < n->count; i++) {
				if (strcmp(n->keys[i], key) == 0) {
					tload_error(tl,
					    (int)next.start_mark.line + 1,
					    (int)next.start_mark.column + 1,
					    "duplicate key '%s'", key);
					free(key);
					yaml_event_delete(&next);
					goto fail;
				}
			}
			yaml_event_delete(&next);
			if (!tload_next(tl, &next)) {
				free(key);
				goto fail;
			}
			child = tload_value(tl, &next, depth + 1);
			yaml_event_delete(&next);
			if (child == NULL) {
				free(key);
				goto fail;
			}
			n->items = xreallocarray(n->items, n->count + 1,
			    sizeof *n->items);
			n->keys = xreallocarray(n->keys, n->count + 1,
			    sizeof *n->keys);
			n->keys[n->count] = key;
			n->items[n->count++] = child;
		}
	default:
		tload_error(tl, n->line, n->col, "unexpected YAML event");
		free(n);
		return NULL;
	}
anchor:
	tload_error(tl, n->line, n->col, "anchors are not allowed in a theme");
fail:
	tnode_free(n);
	return NULL;
}

static struct tnode *
tload_document(struct tload *tl)
{
	yaml_event_t ev;
	struct tnode *root = NULL;
	int state = 0; /* 0 before doc, 1 root read, 2 doc ended */

	for (;;) {
		if (!tload_next(tl, &ev))
			goto fail;
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			if (ev.type == YAML_DOCUMENT_END_EVENT)
				state = 2;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (state != 0) {
				tload_error(tl, (int)ev.start_mark.line + 1,
				    (int)ev.start_mark.column + 1,
				    "a theme file holds one document");
				yaml_event_delete(&ev);
				goto fail;
			}
			break;
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			if (root == NULL)
				tload_error(tl, 1, 1, "empty theme file");
			return root;
		default:
			if (root != NULL) {
				yaml_event_delete(&ev);
				goto fail;
			}
			root = tload_value(tl, &ev, 0);
			if (root == NULL) {
				yaml_event_delete(&ev);
				goto fail;
			}
			state = 1;
			break;
		}
		yaml_event_delete(&ev);
	}
fail:
	tnode_free(root);
	return NULL;
}

static int
tload_color(struct tload *tl, const struct tnode *n, int16_t *value)
{
	if (n->type != TN_SCALAR) {
		tload_error(tl, n->line, n->col, "a color is a word or number");
		return -1;
	}
	if (theme_parse_color(n->text, value) != 0) {
		tload_error(tl, n->line, n->col, "unknown color '%s' (a basic "
		    "color name, 0..255, #rrggbb or default)", n->text);
		return -1;
	}
	return 0;
}

/* A color in `colors:` or `cycle:` may also name a color defined above. */
static int
tload_color_ref(struct tload *tl, struct theme *t, const struct tnode *n,
    int16_t *value)
{
	const struct theme_color *c;

	if (n->type == TN_SCALAR && (c = theme_find_color(t,
	    n->text)) != NULL) {
		*value = c->value;
		return 0;
	}
	return tload_color(tl, n, value);
}

static int
tload_style(struct tload *tl, const struct tnode *n, struct theme_style *st)
{
	static const struct {
		const char *name;
		uint16_t bit;
	} attrs[] = {
		{"bold", THEME_BOLD}, {"underline", THEME_UNDERLINE},
		{"reverse", THEME_REVERSE}, {"dim", THEME_DIM},
		{"italic", THEME_ITALIC},
	};
	const struct tnode *v, *a;
	size_t i, j, k;

	if (n->type != TN_MAP) {
		tload_error(tl, n->line, n->col,
		    "a style is a mapping {fg: ..., bg: ..., attrs: [...]}");
		return -1;
	}
	for (i = 0; i < n->count; i++) {
		v = n->items[i];
		if (strcmp(n->keys[i], "fg") == 0) {
			if (tload_color(tl, v, &st->fg) != 0)
				return -1;
		} else if (strcmp(n->keys[i], "bg") == 0) {
			if (tload_color(tl, v, &st->bg) != 0)
				return -1;
		} else if (strcmp(n->keys[i], "attrs") == 0) {
			if (v->type != TN_SEQ) {
				tload_error(tl, v->line, v->col,
				    "attrs is a list: [bold, underline]");
				return -1;
			}
			st->attrs = 0;
			for (j = 0; j < v->count; j++) {
				a = v->items[j];
				for (k = 0; k < N(attrs); k++) {
					if (a->type == TN_SCALAR &&
					    strcmp(a->text, attrs[k].name) == 0)
						break;
				}
				if (k == N(attrs)) {
					tload_error(tl, a->line, a->col,
					    "unknown attribute (bold, "
					    "underline,"
					    " reverse, dim, italic)");
					return -1;
				}
				st->attrs |= attrs[k].bit;
			}
		} else {
			tload_error(tl, v->line, v->col,
			    "unknown key '%s' in a style (fg, bg, attrs)",
			    n->keys[i]);
			return -1;
		}
	}
	return 0;
}

static int
tload_theme(struct tload *tl, const struct tnode *root, struct theme *t)
{
	const struct tnode *v, *c;
	struct theme_style st;
	int16_t value, text;
	size_t i, j;
	int e;

	if (root->type != TN_MAP) {
		tload_error(tl, root->line, root->col,
		    "a theme is a mapping of keys");
		return -1;
	}
	for (i = 0; i < root->count; i++) {
		v = root->items[i];
		if (strcmp(root->keys[i], "waymark-theme") == 0) {
			if (v->type != TN_SCALAR || strcmp(v->text, "1") != 0) {
				tload_error(tl, v->line, v->col,
				    "unsupported theme format (this waymark "
				    "reads waymark-theme: 1)");
				return -1;
			}
		} else if (strcmp(root->keys[i], "name") == 0) {
			if (v->type != TN_SCALAR) {
				tload_error(tl, v->line, v->col,
				    "name is a word");
				return -1;
			}
			free(t->name);
			t->name = xstrdup(v->text);
		} else if (strcmp(root->keys[i], "colors") == 0) {
			if (v->type != TN_MAP) {
				tload_error(tl, v->line, v->col, "colors is a "
				    "mapping of names to colors");
				return -1;
			}
			/* A theme's palette replaces the default's. */
			for (j = 0; j < t->color_count; j++)
				free(t->colors[j].name);
			t->color_count = 0;
			for (j = 0; j < v->count; j++) {
				c = v->items[j];
				text = THEME_DEFAULT;
				if (c->type == TN_MAP) {
					st.fg = st.bg = THEME_DEFAULT;
					st.attrs = 0;
					if (tload_style(tl, c, &st) != 0)
						return -1;
					value = st.bg;
					text = st.fg;
				} else if (tload_color_ref(tl, t, c,
				    &value) != 0)
					return -1;
				theme_add_color(t, v->keys[j], value, text);
			}
		} else if (strcmp(root->keys[i], "cycle") == 0) {
			if (v->type != TN_SEQ || v->count == 0) {
				tload_error(tl, v->line, v->col,
				    "cycle is a list of colors");
				return -1;
			}
			t->cycle_count = 0;
			for (j = 0; j < v->count && j < 16; j++) {
				if (tload_color_ref(tl, t, v->items[j],
				    &t->cycle[j]) != 0)
					return -1;
				t->cycle_count++;
			}
		} else if (strcmp(root->keys[i], "card-text") == 0) {
			if (tload_style(tl, v, &t->card_text) != 0)
				return -1;
		} else if (strcmp(root->keys[i], "styles") == 0) {
			if (v->type != TN_MAP) {
				tload_error(tl, v->line, v->col, "styles is a "
				    "mapping of elements to styles");
				return -1;
			}
			for (j = 0; j < v->count; j++) {
				e = theme_element_parse(v->keys[j]);
				if (e < 0) {
					tload_error(tl, v->items[j]->line,
					    v->items[j]->col,
					    "unknown element '%s'", v->keys[j]);
					return -1;
				}
				if (tload_style(tl, v->items[j],
				    &t->styles[e]) != 0)
					return -1;
			}
		} else {
			tload_error(tl, v->line, v->col, "unknown key '%s' "
			    "(waymark-theme, name, card-text, colors, cycle, "
			    "styles)", root->keys[i]);
			return -1;
		}
	}
	return 0;
}

struct theme *
theme_load_buffer(const char *data, size_t len, const char *name,
    char **cause)
{
	struct tload tl;
	struct tnode *root;
	struct theme *t;

	memset(&tl, 0, sizeof tl);
	tl.name = name;
	if (len > THEME_MAX_BYTES) {
		*cause = xasprintf("%s: theme file larger than %d KiB", name,
		    THEME_MAX_BYTES / 1024);
		return NULL;
	}
	if (!yaml_parser_initialize(&tl.parser)) {
		*cause = xasprintf("%s: cannot start the YAML parser", name);
		return NULL;
	}
	yaml_parser_set_input_string(&tl.parser, (const unsigned char *)data,
	    len);
	root = tload_document(&tl);
	yaml_parser_delete(&tl.parser);
	t = theme_builtin("default");
	if (root == NULL || tload_theme(&tl, root, t) != 0) {
		if (tl.cause == NULL)
			tl.cause = xasprintf("%s: not a theme", name);
		*cause = tl.cause;
		tnode_free(root);
		theme_destroy(t);
		return NULL;
	}
	tnode_free(root);
	return t;
}

struct theme *
theme_load_file(const char *path, char **cause)
{
	struct theme *t;
	struct stat sb;
	FILE *f;
	char *data;
	size_t n;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		fclose(f);
		return NULL;
	}
	if (sb.st_size > THEME_MAX_BYTES) {
		*cause = xasprintf("%s: theme file larger than %d KiB", path,
		    THEME_MAX_BYTES / 1024);
		fclose(f);
		return NULL;
	}
	data = xmalloc((size_t)sb.st_size + 1);
	n = fread(data, 1, (size_t)sb.st_size, f);
	fclose(f);
	t = theme_load_buffer(data, n, path, cause);
	free(data);
	return t;
}
