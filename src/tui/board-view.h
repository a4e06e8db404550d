/*
 * board-view.h - drawing the board into a grid.
 *
 * board_view_render is a pure function of (map, view, index, theme) and
 * the grid's size: it never changes the map or the view.  It returns the
 * layout it used (which stages and rows are on screen and where, the
 * scroll it settled on), which the caller stores back into the view so
 * scrolling is sticky, and uses for mouse clicks.
 *
 * The screen, top to bottom: title bar; stage header (frozen); the body,
 * rows of cells with the row names in a frozen left column; the status
 * line; the key-hint line.  Optional: a persona panel on the right, a
 * department legend over the bottom right.
 */
#ifndef WAYMARK_BOARD_VIEW_H
#define WAYMARK_BOARD_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "io/theme.h"
#include "model/map.h"
#include "tui/grid.h"
#include "tui/view.h"

#define BOARD_MIN_WIDTH 20
#define BOARD_MIN_HEIGHT 6
#define BOARD_PANEL_MIN_WIDTH 70 /* narrower screens show no side panel */
#define BOARD_MAX_COLS 128
#define BOARD_MAX_ROWS 128

/* Style ids: theme elements first, then one card style per department,
 * then one per persona (its color, for the persona panel). */
#define STYLE_DEPARTMENT(i) ((uint16_t)(THEME_ELEMENT_COUNT + ((i) % 100)))
#define STYLE_PERSONA(i) ((uint16_t)(THEME_ELEMENT_COUNT + 100 + ((i) % 100)))

struct board_layout {
	int width, height;
	bool too_small;
	int header_y, header_h;
	int body_y, body_h;
	int status_y, hint_y;
	int lane_w;
	int panel_x, panel_w;
	int card_h; /* the zoom's lines per card (rows may use fewer) */
	size_t first_stage, stage_shown;
	int col_x[BOARD_MAX_COLS]; /* first content column of a shown stage */
	int col_w[BOARD_MAX_COLS];
	size_t first_row, row_shown;
	int row_y[BOARD_MAX_ROWS];
	int row_h[BOARD_MAX_ROWS];
	int row_card_h[BOARD_MAX_ROWS]; /* lines a card takes in that row */
	size_t cell_scroll; /* first card shown in the cursor's cell */
};

/*
 * Compute the layout for a width x height screen without drawing.
 */
void board_view_layout(struct board_layout *lo, const struct map *m,
    const struct view *v, const struct view_index *ix, int width,
    int height);

/*
 * Draw the whole board into g (at g's size), and fill *lo with the layout
 * used.  Styles are set up in g from the theme and the map's departments.
 */
void board_view_render(struct grid *g, const struct map *m,
    const struct view *v, const struct view_index *ix,
    const struct theme *t, struct board_layout *lo);

/* Set up g's style table: the theme's elements, then the departments'
 * card colors. */
void board_view_styles(struct grid *g, const struct map *m,
    const struct theme *t);

/*
 * What is at screen position x, y: a stage and row (true), and in *pos
 * the card's position in its cell (-1: no card there).
 */
bool board_view_hit(const struct board_layout *lo, const struct map *m,
    const struct view *v, const struct view_index *ix, int x, int y,
    size_t *stage, size_t *row, long *pos);

/* The key-hint line for a mode at row y. */
void board_view_hints(struct grid *g, int y, enum keys_mode mode);

/* A card's one-line summary of owner, channel, personas, emotion. */
char *board_view_card_summary(const struct map *m, const struct card *c);

#endif
