/*
 * keys.h - what every key does, as data.
 *
 * The board has four modes (the board itself, a form, a list, a one-line
 * prompt), each with its own table of bindings: an action, the keys that
 * trigger it, the label the help screen shows and a shorter label for the
 * key-hint line.  The main loop turns keys into actions through these
 * tables and dispatches actions, never raw keys; the `?` screen, the hint
 * line and the man page's KEYS section are all generated from them.
 *
 * Keys are code points (a typed character) or the KEY_* values below for
 * the keys that have no character; screen.c translates the terminal's
 * codes, so nothing here depends on curses.
 */
#ifndef WAYMARK_KEYS_H
#define WAYMARK_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#define KEYS_CTRL(c) ((c) & 0x1f)
#define KEYS_ESC 0x1b
#define KEYS_ENTER '\r'
#define KEYS_TAB '\t'

enum {
	KEYS_SPECIAL = 0x110000, /* above every code point */
	KEYS_UP,
	KEYS_DOWN,
	KEYS_LEFT,
	KEYS_RIGHT,
	KEYS_SUP, /* shifted arrows */
	KEYS_SDOWN,
	KEYS_SLEFT,
	KEYS_SRIGHT,
	KEYS_HOME,
	KEYS_END,
	KEYS_PPAGE,
	KEYS_NPAGE,
	KEYS_BACKSPACE,
	KEYS_DELETE,
	KEYS_BTAB,
	KEYS_F1,
	KEYS_F2,
	KEYS_RESIZE,
	KEYS_MOUSE,
	KEYS_TIMEOUT, /* nothing typed before the loop's timeout */
};

enum keys_mode {
	KEYS_MODE_BOARD,
	KEYS_MODE_FORM,
	KEYS_MODE_LIST,
	KEYS_MODE_PROMPT,
	KEYS_MODE_COUNT
};

enum action {
	ACT_NONE,
	/* board */
	ACT_HELP,
	ACT_QUIT,
	ACT_SAVE,
	ACT_SAVE_AS,
	ACT_UNDO,
	ACT_REDO,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_UP,
	ACT_DOWN,
	ACT_FIRST_STAGE,
	ACT_LAST_STAGE,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_ADD,
	ACT_EDIT,
	ACT_EDIT_NOTES,
	ACT_DELETE,
	ACT_DUPLICATE,
	ACT_MOVE_LEFT,
	ACT_MOVE_RIGHT,
	ACT_MOVE_UP,
	ACT_MOVE_DOWN,
	ACT_ORDER_EARLIER,
	ACT_ORDER_LATER,
	ACT_EMOTION_UP,
	ACT_EMOTION_DOWN,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_PIVOT,
	ACT_FILTER,
	ACT_PANEL,
	ACT_ZOOM,
	ACT_LEGEND,
	ACT_OVERLAY,
	ACT_WINDOW,
	ACT_RANGE,
	ACT_STAGES,
	ACT_LANES,
	ACT_PERSONAS,
	ACT_DEPARTMENTS,
	ACT_CHANNELS,
	ACT_META,
	ACT_EXPORT,
	ACT_REDRAW,
	/* form */
	ACT_FIELD_NEXT,
	ACT_FIELD_PREV,
	ACT_FIELD_EDIT,
	ACT_CHOICE_NEXT,
	ACT_CHOICE_PREV,
	ACT_TOGGLE,
	ACT_FIELD_EDITOR,
	ACT_ACCEPT,
	ACT_CANCEL,
	/* list */
	ACT_LIST_ADD,
	ACT_LIST_EDIT,
	ACT_LIST_RENAME,
	ACT_LIST_DELETE,
	ACT_LIST_EARLIER,
	ACT_LIST_LATER,
	/* prompt */
	ACT_P_ACCEPT,
	ACT_P_CANCEL,
	ACT_P_LEFT,
	ACT_P_RIGHT,
	ACT_P_HOME,
	ACT_P_END,
	ACT_P_BACKSPACE,
	ACT_P_DELETE,
	ACT_P_KILL_START,
	ACT_P_KILL_END,
	ACT_P_KILL_WORD,
	ACT_ACTION_COUNT
};

#define KEYS_PER_BINDING 4

struct key_binding {
	enum action action;
	int keys[KEYS_PER_BINDING]; /* 0-terminated when fewer */
	const char *help;           /* help screen and man page */
	const char *hint;           /* key-hint line; NULL: not shown */
	bool edits;                 /* refused in --read-only */
};

/* The bindings of a mode, in help-screen order; *count gets how many. */
const struct key_binding *keys_table(enum keys_mode mode, size_t *count);
/* The action key triggers in mode, or ACT_NONE. */
enum action keys_action(enum keys_mode mode, int key);
/* The binding of an action in a mode, or NULL. */
const struct key_binding *keys_binding(enum keys_mode mode,
    enum action action);
/* A key's printable name: "a", "Ctrl-R", "Enter", "←"...  Borrowed. */
const char *keys_name(int key);
/* The names of a binding's keys joined by sep ("h ←").  Caller frees. */
char *keys_binding_names(const struct key_binding *b, const char *sep);
/* The heading of a mode on the help screen ("Board", "Form", ...). */
const char *keys_mode_name(enum keys_mode mode);

#endif
