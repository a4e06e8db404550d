/*
 * screen.h - the only door to the terminal.
 *
 * Everything curses is behind these few functions: starting and stopping
 * the terminal, painting a grid, reading a key.  The rest of the board
 * draws into grids and reads keys as keys.h codes, so it can run without
 * a terminal (tests) and the terminal library could be swapped.
 */
#ifndef WAYMARK_SCREEN_H
#define WAYMARK_SCREEN_H

#include <stdbool.h>

#include "tui/grid.h"

enum screen_mouse {
	SCREEN_MOUSE_NONE,
	SCREEN_MOUSE_CLICK,
	SCREEN_MOUSE_DOUBLE,
	SCREEN_MOUSE_WHEEL_UP,
	SCREEN_MOUSE_WHEEL_DOWN,
};

struct screen_event {
	int key; /* a code point or KEYS_* */
	enum screen_mouse mouse;
	int x, y; /* mouse position */
};

/*
 * Take over the terminal (raw input, no echo, keypad, mouse where
 * offered).  Returns 0, or -1 with *cause when there is no usable
 * terminal.  Colors are used only when the terminal has them and
 * want_color is set (NO_COLOR unset).
 */
int screen_start(bool want_color, char **cause);
/* Give the terminal back as it was.  Safe to call twice. */
void screen_stop(void);
/* True if colors are in use. */
bool screen_has_color(void);
/* The terminal's size. */
void screen_size(int *width, int *height);
/* Paint g (which must be the terminal's size) and show it. */
void screen_draw(const struct grid *g);
/* Repaint everything on the next draw (after Ctrl-L or an editor). */
void screen_invalidate(void);
/*
 * Wait up to timeout_ms (negative: forever) for a key.  Returns the
 * event's key; KEYS_TIMEOUT when nothing came (or a signal interrupted
 * the wait).
 */
int screen_read(struct screen_event *ev, int timeout_ms);
/* Leave curses mode for an external program, and come back. */
void screen_suspend(void);
void screen_resume(void);

#endif
