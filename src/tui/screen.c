/*
 * screen.c - curses behind the screen.h boundary.
 *
 * Painting copies a grid cell by cell with setcchar/mvadd_wch; curses
 * itself sends only what changed since the last refresh.  Color pairs are
 * made on demand for each (foreground, background) a grid uses and kept
 * in a small cache; colors beyond what the terminal has are degraded to
 * the nearest of its 16 or 8, and without colors only attributes remain.
 */

#include "tui/screen.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "tui/keys.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define SCREEN_MAX_PAIRS 1024

static SCREEN *screen_term;
static bool screen_color;
static int screen_colors;
static struct {
	short fg, bg;
} screen_pairs[SCREEN_MAX_PAIRS];
static int screen_pair_count;
static int screen_pair_limit;

int
screen_start(bool want_color, char **cause)
{
	const char *term = getenv("TERM");

	if (screen_term != NULL)
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup("the board needs a terminal (standard input "
		    "and output are not one); 'waymark --help' lists the "
		    "commands");
		return -1;
	}
	if (term == NULL || *term == '\0') {
		*cause = xstrdup("the board needs a terminal (TERM is not "
		    "set)");
		return -1;
	}
	screen_term = newterm(NULL, stdout, stdin);
	if (screen_term == NULL) {
		*cause = xasprintf("cannot use the terminal '%s'", term);
		return -1;
	}
	set_term(screen_term);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(200);
	screen_color = false;
	if (want_color && has_colors()) {
		start_color();
		use_default_colors();
		screen_color = true;
		screen_colors = COLORS;
		screen_pair_limit = COLOR_PAIRS - 1;
		if (screen_pair_limit > SCREEN_MAX_PAIRS)
			screen_pair_limit = SCREEN_MAX_PAIRS;
		screen_pair_count = 0;
	}
	return 0;
}

void
screen_stop(void)
{
	if (screen_term == NULL)
		return;
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	delscreen(screen_term);
	screen_term = NULL;
}

bool
screen_has_color(void)
{
	return screen_color;
}

void
screen_size(int *width, int *height)
{
	int h, w;

	getmaxyx(stdscr, h, w);
	*width = w;
	*height = h;
}

static short
screen_color_value(int value)
{
	if (value < 0)
		return -1;
	if (screen_colors >= 256)
		return (short)value;
	if (screen_colors >= 16)
		return (short)theme_degrade_color(value, 16);
	return (short)theme_degrade_color(value, 8);
}

static short
screen_pair(int fg, int bg)
{
	short f = screen_color_value(fg), b = screen_color_value(bg);
	int i;

	if (f == -1 && b == -1)
		return 0;
	/* On 8 colors, a foreground equal to its background would vanish. */
	if (f == b && screen_colors < 256)
		f = b == 0 ? 7 : 0;
	for (i = 0; i < screen_pair_count; i++) {
		if (screen_pairs[i].fg == f && screen_pairs[i].bg == b)
			return (short)(i + 1);
	}
	if (screen_pair_count >= screen_pair_limit)
		return 0;
	init_pair((short)(screen_pair_count + 1), f, b);
	screen_pairs[screen_pair_count].fg = f;
	screen_pairs[screen_pair_count].bg = b;
	return (short)(++screen_pair_count);
}

static attr_t
screen_attrs(const struct theme_style *st)
{
	attr_t a = A_NORMAL;

	if (st->attrs & THEME_BOLD)
		a |= A_BOLD;
	if (st->attrs & THEME_UNDERLINE)
		a |= A_UNDERLINE;
	if (st->attrs & THEME_REVERSE)
		a |= A_REVERSE;
	if (st->attrs & THEME_DIM)
		a |= A_DIM;
	if (st->attrs & THEME_ITALIC)
		a |= A_ITALIC;
	return a;
}

void
screen_draw(const struct grid *g)
{
	const struct grid_cell *c;
	const struct theme_style *st;
	wchar_t wstr[GRID_CELL_BYTES + 1];
	cchar_t cc;
	short pair;
	int x, y, h, w, n;
	size_t i, len;
	uint32_t cp;
	attr_t attrs;
	static const struct theme_style plain = {-1, -1, 0};

	getmaxyx(stdscr, h, w);
	for (y = 0; y < h && y < g->height; y++) {
		for (x = 0; x < w && x < g->width; x++) {
			c = grid_cell_get(g, x, y);
			if (c->flags & GRID_CONT)
				continue;
			st = c->style < g->style_count ? &g->styles[c->style] :
			    &plain;
			attrs = screen_attrs(st);
			pair = screen_color ? screen_pair(st->fg, st->bg) : 0;
			len = strlen(c->text);
			n = 0;
			for (i = 0; i < len && n < GRID_CELL_BYTES;) {
				i += utf8_decode(c->text + i, len - i, &cp);
				wstr[n++] = (wchar_t)cp;
			}
			if (n == 0)
				wstr[n++] = L' ';
			wstr[n] = L'\0';
			/* A wide character in the last column would wrap. */
			if ((c->flags & GRID_WIDE) && x == w - 1) {
				wstr[0] = L' ';
				wstr[1] = L'\0';
			}
			setcchar(&cc, wstr, attrs, pair, NULL);
			mvadd_wch(y, x, &cc);
		}
	}
	if (g->cursor_x >= 0 && g->cursor_y >= 0 && g->cursor_x < w &&
	    g->cursor_y < h) {
		move(g->cursor_y, g->cursor_x);
		curs_set(1);
	} else
		curs_set(0);
	wnoutrefresh(stdscr);
	doupdate();
}

void
screen_invalidate(void)
{
	clearok(curscr, TRUE);
}

int
screen_read(struct screen_event *ev, int timeout_ms)
{
	wint_t wc;
	int r;
	MEVENT me;

	memset(ev, 0, sizeof *ev);
	ev->key = KEYS_TIMEOUT;
	timeout(timeout_ms);
	r = get_wch(&wc);
	if (r == ERR)
		return ev->key;
	if (r == OK) {
		if (wc == '\n' || wc == '\r')
			ev->key = KEYS_ENTER;
		else if (wc == 0x7f || wc == 0x08)
			ev->key = KEYS_BACKSPACE;
		else
			ev->key = (int)wc;
		return ev->key;
	}
	switch (wc) {
	case KEY_UP:
		ev->key = KEYS_UP;
		break;
	case KEY_DOWN:
		ev->key = KEYS_DOWN;
		break;
	case KEY_LEFT:
		ev->key = KEYS_LEFT;
		break;
	case KEY_RIGHT:
		ev->key = KEYS_RIGHT;
		break;
	case KEY_SR:
		ev->key = KEYS_SUP;
		break;
	case KEY_SF:
		ev->key = KEYS_SDOWN;
		break;
	case KEY_SLEFT:
		ev->key = KEYS_SLEFT;
		break;
	case KEY_SRIGHT:
		ev->key = KEYS_SRIGHT;
		break;
	case KEY_HOME:
		ev->key = KEYS_HOME;
		break;
	case KEY_END:
		ev->key = KEYS_END;
		break;
	case KEY_PPAGE:
		ev->key = KEYS_PPAGE;
		break;
	case KEY_NPAGE:
		ev->key = KEYS_NPAGE;
		break;
	case KEY_BACKSPACE:
		ev->key = KEYS_BACKSPACE;
		break;
	case KEY_DC:
		ev->key = KEYS_DELETE;
		break;
	case KEY_BTAB:
		ev->key = KEYS_BTAB;
		break;
	case KEY_ENTER:
		ev->key = KEYS_ENTER;
		break;
	case KEY_F(1):
		ev->key = KEYS_F1;
		break;
	case KEY_F(2):
		ev->key = KEYS_F2;
		break;
	case KEY_RESIZE:
		ev->key = KEYS_RESIZE;
		break;
	case KEY_MOUSE:
		if (getmouse(&me) != OK)
			break;
		ev->key = KEYS_MOUSE;
		ev->x = me.x;
		ev->y = me.y;
		if (me.bstate & BUTTON1_DOUBLE_CLICKED)
			ev->mouse = SCREEN_MOUSE_DOUBLE;
		else if (me.bstate & BUTTON1_CLICKED)
			ev->mouse = SCREEN_MOUSE_CLICK;
		else if (me.bstate & BUTTON4_PRESSED)
			ev->mouse = SCREEN_MOUSE_WHEEL_UP;
		else if (me.bstate & BUTTON5_PRESSED)
			ev->mouse = SCREEN_MOUSE_WHEEL_DOWN;
		break;
	default:
		break;
	}
	return ev->key;
}

void
screen_suspend(void)
{
	def_prog_mode();
	endwin();
}

void
screen_resume(void)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}
