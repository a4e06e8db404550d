/*
 * theme.h - the colors and attributes of every element of the board.
 *
 * Drawing code never names a color: it asks for the style of a UI element
 * (THEME_TITLE, THEME_CARD_SELECTED, ...).  A theme gives each element a
 * foreground, a background and attributes, and names colors that maps use
 * for departments and personas ("magenta", "teal", ...).
 *
 * Colors are stored as 256-color palette indexes (0..255) or THEME_DEFAULT
 * for the terminal's own color; the front end degrades them to 16 or 8
 * colors, or drops them (NO_COLOR, a terminal without colors).  A theme
 * file may write a color as a name of the 16 basic colors ("red",
 * "bright-blue"), a number 0..255, "#rrggbb" (the nearest palette color)
 * or "default".
 *
 * Theme files are YAML (see themes/default.yaml for the format).  Loading
 * starts from the built-in default theme and overrides what the file
 * says, so a theme may set only a few elements.
 */
#ifndef WAYMARK_THEME_H
#define WAYMARK_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define THEME_DEFAULT (-1) /* the terminal's default color */

enum theme_attr {
	THEME_BOLD = 1,
	THEME_UNDERLINE = 2,
	THEME_REVERSE = 4,
	THEME_DIM = 8,
	THEME_ITALIC = 16,
};

enum theme_element {
	THEME_NORMAL,          /* the background of the board */
	THEME_TITLE,           /* title bar */
	THEME_TITLE_FLAG,      /* modified mark, filters in the title bar */
	THEME_HEADER,          /* stage header row */
	THEME_HEADER_CURRENT,  /* the stage with the cursor */
	THEME_LANE,            /* lane-name column */
	THEME_LANE_CURRENT,    /* the lane with the cursor */
	THEME_GRID,            /* lines between cells */
	THEME_CELL_CURRENT,    /* the empty cell with the cursor */
	THEME_CARD,            /* a card whose owner has no color */
	THEME_CARD_SELECTED,   /* the card with the cursor */
	THEME_CARD_MATCH,      /* a card matching the search */
	THEME_MORE,            /* "+3 more" and scroll markers */
	THEME_CURVE,           /* the experience curve */
	THEME_CURVE_UP,        /* curve points above neutral */
	THEME_CURVE_DOWN,      /* curve points below neutral */
	THEME_STATUS,          /* status line */
	THEME_STATUS_ERROR,    /* status line: refusals and errors */
	THEME_HINT,            /* key-hint line: labels */
	THEME_HINT_KEY,        /* key-hint line: keys */
	THEME_PANEL,           /* side panel, dialogs, forms */
	THEME_PANEL_TITLE,     /* their titles */
	THEME_PANEL_BORDER,    /* their frames */
	THEME_FIELD,           /* a form field */
	THEME_FIELD_CURRENT,   /* the form field with the cursor */
	THEME_OVERLAY,         /* measured numbers in the stage header */
	THEME_OVERLAY_ABOVE,   /* measured above target */
	THEME_OVERLAY_BELOW,   /* measured below target */
	THEME_ELEMENT_COUNT
};

struct theme_style {
	int16_t fg; /* 0..255 or THEME_DEFAULT */
	int16_t bg;
	uint16_t attrs; /* enum theme_attr bits */
};

struct theme_color {
	char *name;    /* owned */
	int16_t value; /* the color itself (a card's background) */
	int16_t text;  /* text drawn on it, THEME_DEFAULT: card_text's */
};

struct theme {
	char *name; /* owned */
	struct theme_style styles[THEME_ELEMENT_COUNT];
	/* Text drawn on a colored card: its foreground and attributes. */
	struct theme_style card_text;
	/* Named colors for departments and personas. */
	struct theme_color *colors;
	size_t color_count;
	/* Colors given, in order, to departments that name none (or a name
	 * this theme does not know). */
	int16_t cycle[16];
	size_t cycle_count;
};

/* The file name of an element in a theme file ("title", "card-selected"),
 * and back (-1 when unknown). */
const char *theme_element_name(enum theme_element e);
int theme_element_parse(const char *name);

/* A new copy of the built-in theme `name` ("default", "light",
 * "projector", "colorblind", "mono"), or NULL when there is no such
 * built-in theme.  Caller frees with theme_destroy. */
struct theme *theme_builtin(const char *name);
/* Deep copy. */
struct theme *theme_clone(const struct theme *t);
void theme_destroy(struct theme *t);

/*
 * Load a theme file.  Returns a new theme (caller frees), or NULL with
 * *cause ("PATH:LINE:COL: message"; caller frees).  Refuses files over
 * 256 KiB, anchors and aliases, duplicate keys, more than one document,
 * unknown elements and malformed colors.
 */
struct theme *theme_load_file(const char *path, char **cause);
/* The same from a buffer; `name` stands for the file in messages. */
struct theme *theme_load_buffer(const char *data, size_t len,
    const char *name, char **cause);

/* The style of an element. */
const struct theme_style *theme_style(const struct theme *t,
    enum theme_element e);
/*
 * The palette value of a named color: a color of the theme, else one of
 * the basic color names, else -1 (THEME_DEFAULT) when unknown or NULL.
 */
int theme_color_value(const struct theme *t, const char *name);
/*
 * The style of a card owned by the index-th department (0-based), whose
 * color is `name`: the theme's color of that name, else the theme's
 * cycle.  A NULL name and index (size_t)-1 give THEME_CARD.
 */
struct theme_style theme_card_style(const struct theme *t, const char *name,
    size_t index);
/*
 * Parse a color written in a theme file; returns 0 and *value, or -1.
 */
int theme_parse_color(const char *text, int16_t *value);
/* The nearest of the first `count` (8 or 16) basic colors to a palette
 * color, for terminals with fewer colors. */
int theme_degrade_color(int value, int count);

#endif
