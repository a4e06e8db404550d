/*
 * grid.h - an off-screen character grid the board is drawn into.
 *
 * Every screen of the board is first rendered into a grid of cells (the
 * text of one character and a style id), and only then copied to the
 * terminal by screen.c.  This keeps curses out of the drawing code, so a
 * whole screen can be rendered and compared in a unit test, and run under
 * valgrind without a terminal.
 *
 * A wide character (CJK, most emoji) takes two cells: the first holds the
 * text and GRID_WIDE, the second GRID_CONT and no text.  Writing over half
 * of a wide character blanks the other half, and a wide character that
 * would not fit in the space left is drawn as a space, so a character is
 * never split.
 *
 * Style ids index grid.styles (filled by the renderer from the theme), so
 * the grid carries everything screen.c needs to paint it.
 */
#ifndef WAYMARK_GRID_H
#define WAYMARK_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/theme.h"
#include "model/map.h"

#define GRID_CELL_BYTES 16 /* one character plus combining marks */
#define GRID_MAX_STYLES 256

enum {
	GRID_WIDE = 1, /* first cell of a two-column character */
	GRID_CONT = 2, /* second cell of a two-column character */
};

struct grid_cell {
	char text[GRID_CELL_BYTES]; /* UTF-8, NUL-terminated; "" for CONT */
	uint8_t flags;
	uint16_t style;
};

struct grid {
	int width;
	int height;
	struct grid_cell *cells; /* width * height, row-major; owned */
	/* Where the terminal cursor goes (prompts), or -1. */
	int cursor_x;
	int cursor_y;
	/* Resolved styles the cells' style ids refer to. */
	struct theme_style styles[GRID_MAX_STYLES];
	size_t style_count;
};

/* Set g up as a width x height grid of blanks (sizes below 0 count as 0).
 * grid_free releases it. */
void grid_init(struct grid *g, int width, int height);
void grid_free(struct grid *g);
/* Change the size; the contents are cleared. */
void grid_resize(struct grid *g, int width, int height);
/* Every cell becomes a space in `style`. */
void grid_clear(struct grid *g, uint16_t style);
/* The cell at x, y or NULL when outside. */
struct grid_cell *grid_cell_at(struct grid *g, int x, int y);
const struct grid_cell *grid_cell_get(const struct grid *g, int x, int y);

/*
 * Draw s at x, y in at most `width` columns (and within the grid), never
 * splitting a character; invalid bytes show as U+FFFD and control
 * characters as spaces.  Returns the columns drawn.
 */
int grid_put(struct grid *g, int x, int y, int width, uint16_t style,
    const char *s);
/* The same, but a string wider than `width` is cut with an ellipsis. */
int grid_put_fit(struct grid *g, int x, int y, int width, uint16_t style,
    const char *s);
/* Fill a rectangle with spaces in `style`. */
void grid_fill(struct grid *g, int x, int y, int w, int h, uint16_t style);
/* Change the style of a run of cells, keeping their text. */
void grid_restyle(struct grid *g, int x, int y, int w, uint16_t style);
/* Repeat a one-column character horizontally or vertically. */
void grid_hline(struct grid *g, int x, int y, int w, uint16_t style,
    const char *ch);
void grid_vline(struct grid *g, int x, int y, int h, uint16_t style,
    const char *ch);
/* A box outline with line-drawing characters. */
void grid_box(struct grid *g, int x, int y, int w, int h, uint16_t style);

/*
 * Word-wrap s into lines of at most `width` columns, appended to out
 * (newlines in s break lines; a word wider than a line is cut between
 * characters).  An empty s gives no lines.
 */
void grid_wrap(const char *s, int width, struct strlist *out);


/*
 * The grid as text: one line per row, trailing spaces removed, each line
 * ending in '\n' (as `tmux capture-pane -p` shows a screen).  Caller
 * frees.
 */
char *grid_text(const struct grid *g);
/* One row as text, trailing spaces removed.  Caller frees. */
char *grid_row_text(const struct grid *g, int y);

#endif
