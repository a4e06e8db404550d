/*
 * keys.c - the key tables of every mode (see keys.h).
 *
 * Order in a table is the order of the help screen and of the hint line;
 * the hint line shows as many hinted bindings as the width allows, so the
 * ones a newcomer needs first come first.
 */

#include "tui/keys.h"

#include <stdio.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define C KEYS_CTRL

static const struct key_binding keys_board[] = {
	{ACT_HELP, {'?', KEYS_F1}, "show every key", "help", false},
	{ACT_ADD, {'a'}, "add a card in the current cell", "add", true},
	{ACT_EDIT, {'e', KEYS_ENTER}, "edit the card in a form", "edit", true},
	{ACT_DELETE, {'d', KEYS_DELETE}, "delete the card (asks first)",
	    "delete", true},
	{ACT_MOVE_LEFT, {'H', KEYS_SLEFT},
	    "move the card to the previous stage",
	    NULL, true},
	{ACT_MOVE_DOWN, {'J', KEYS_SDOWN}, "move the card to the next lane",
	    NULL, true},
	{ACT_MOVE_UP, {'K', KEYS_SUP}, "move the card to the previous lane",
	    NULL, true},
	{ACT_MOVE_RIGHT, {'L', KEYS_SRIGHT}, "move the card to the next stage",
	    "move", true},
	{ACT_UNDO, {'u'}, "undo the last change", "undo", true},
	{ACT_REDO, {C('r')}, "redo what was undone", "redo", true},
	{ACT_SEARCH, {'/'}, "search card titles and notes", "find", false},
	{ACT_PIVOT, {'p'}, "rows by lane, department, persona or channel",
	    "pivot", false},
	{ACT_FILTER, {'f'}, "show one persona's cards (cycles; all)", "persona",
	    false},
	{ACT_ZOOM, {'z'}, "zoom: normal, compact, focus on one stage", "zoom",
	    false},
	{ACT_SAVE, {'s', C('s')}, "save the map", "save", false},
	{ACT_SAVE_AS, {'W'}, "save the map to another file (the board then "
	    "works on that file)", NULL, false},
	{ACT_QUIT, {'q'}, "quit (asks when there are unsaved changes)", "quit",
	    false},
	{ACT_LEFT, {'h', KEYS_LEFT}, "previous stage", NULL, false},
	{ACT_DOWN, {'j', KEYS_DOWN}, "next card, then next lane", NULL, false},
	{ACT_UP, {'k', KEYS_UP}, "previous card, then previous lane", NULL,
	    false},
	{ACT_RIGHT, {'l', KEYS_RIGHT}, "next stage", NULL, false},
	{ACT_FIRST_STAGE, {'0', KEYS_HOME}, "first stage", NULL, false},
	{ACT_LAST_STAGE, {'$', KEYS_END}, "last stage", NULL, false},
	{ACT_PAGE_UP, {KEYS_PPAGE, C('b')}, "scroll up a page", NULL, false},
	{ACT_PAGE_DOWN, {KEYS_NPAGE, C('f')}, "scroll down a page", NULL,
	    false},
	{ACT_EDIT_NOTES, {'E'}, "edit the card's notes in $EDITOR", NULL, true},
	{ACT_DUPLICATE, {'y', 'D'}, "duplicate the card", NULL, true},
	{ACT_ORDER_EARLIER, {'<'}, "move the card up within its cell", NULL,
	    true},
	{ACT_ORDER_LATER, {'>'}, "move the card down within its cell", NULL,
	    true},
	{ACT_EMOTION_UP, {'+', '='}, "card emotion one step happier", NULL,
	    true},
	{ACT_EMOTION_DOWN, {'-'}, "card emotion one step sadder", NULL, true},
	{ACT_SEARCH_NEXT, {'n'}, "next search match", NULL, false},
	{ACT_SEARCH_PREV, {'N'}, "previous search match", NULL, false},
	{ACT_PANEL, {'i'}, "show or hide the persona panel", NULL, false},
	{ACT_LEGEND, {'g'}, "show the department legend", NULL, false},
	{ACT_OVERLAY, {'o'}, "measured numbers from the map's event store "
	    "(overlay)", NULL, false},
	{ACT_WINDOW, {'w'}, "overlay: another conversion window", NULL,
	    false},
	{ACT_RANGE, {'r'}, "overlay: another date range", NULL, false},
	{ACT_CANCEL, {KEYS_ESC}, "stop loading the event store", NULL, false},
	{ACT_STAGES, {'S'}, "stages: add, rename, reorder, delete", NULL,
	    false},
	{ACT_LANES, {'R'}, "lanes (rows): add, rename, reorder, delete", NULL,
	    false},
	{ACT_PERSONAS, {'P'}, "personas", NULL, false},
	{ACT_DEPARTMENTS, {'O'}, "departments (card owners)", NULL, false},
	{ACT_CHANNELS, {'C'}, "channels", NULL, false},
	{ACT_META, {'T'}, "map title and summary", NULL, true},
	{ACT_EXPORT, {'x'}, "export the map as shown (persona filter, "
	    "measured numbers): HTML, PDF, Markdown, CSV, Mermaid, text", NULL,
	    false},
	{ACT_REDRAW, {C('l')}, "redraw the screen", NULL, false},
};

static const struct key_binding keys_form[] = {
	{ACT_FIELD_NEXT, {KEYS_TAB, KEYS_DOWN, 'j'}, "next field", "next",
	    false},
	{ACT_FIELD_PREV, {KEYS_BTAB, KEYS_UP, 'k'}, "previous field", "prev",
	    false},
	{ACT_FIELD_EDIT, {KEYS_ENTER, 'e'}, "edit the field (text) or pick the "
	    "next choice", "edit", false},
	{ACT_CHOICE_NEXT, {KEYS_RIGHT, 'l'}, "next choice", "choice", false},
	{ACT_CHOICE_PREV, {KEYS_LEFT, 'h'}, "previous choice", NULL, false},
	{ACT_TOGGLE, {' '}, "tick or untick a persona", "tick", false},
	{ACT_FIELD_EDITOR, {'E', C('e')}, "edit the field in $EDITOR", NULL,
	    false},
	{ACT_ACCEPT, {C('s'), KEYS_F2, 's'}, "keep the changes and close",
	    "done", false},
	{ACT_CANCEL, {KEYS_ESC, 'q', C('c')}, "close without changing anything",
	    "cancel", false},
	{ACT_HELP, {'?', KEYS_F1}, "show every key", "help", false},
};

static const struct key_binding keys_list[] = {
	{ACT_DOWN, {'j', KEYS_DOWN}, "next item", NULL, false},
	{ACT_UP, {'k', KEYS_UP}, "previous item", NULL, false},
	{ACT_LIST_ADD, {'a'}, "add an item after this one", "add", true},
	{ACT_LIST_EDIT, {'e', KEYS_ENTER}, "edit every field of the item",
	    "edit", true},
	{ACT_LIST_RENAME, {'r'}, "rename the item", "rename", true},
	{ACT_LIST_DELETE, {'d', KEYS_DELETE}, "delete the item (asks first)",
	    "delete", true},
	{ACT_LIST_EARLIER, {'K', '<'}, "move the item up", "up", true},
	{ACT_LIST_LATER, {'J', '>'}, "move the item down", "down", true},
	{ACT_UNDO, {'u'}, "undo the last change", "undo", true},
	{ACT_REDO, {C('r')}, "redo what was undone", NULL, true},
	{ACT_CANCEL, {KEYS_ESC, 'q'}, "back to the board", "close", false},
	{ACT_HELP, {'?', KEYS_F1}, "show every key", "help", false},
};

static const struct key_binding keys_prompt[] = {
	{ACT_P_ACCEPT, {KEYS_ENTER}, "accept", "accept", false},
	{ACT_P_CANCEL, {KEYS_ESC, C('c'), C('g')}, "cancel", "cancel", false},
	{ACT_P_LEFT, {KEYS_LEFT, C('b')}, "character left", NULL, false},
	{ACT_P_RIGHT, {KEYS_RIGHT, C('f')}, "character right", NULL, false},
	{ACT_P_HOME, {KEYS_HOME, C('a')}, "start of the line", NULL, false},
	{ACT_P_END, {KEYS_END, C('e')}, "end of the line", NULL, false},
	{ACT_P_BACKSPACE, {KEYS_BACKSPACE, C('h'), 0x7f},
	    "delete the character before the cursor", NULL, false},
	{ACT_P_DELETE, {KEYS_DELETE, C('d')},
	    "delete the character under the cursor", NULL, false},
	{ACT_P_KILL_START, {C('u')}, "delete to the start of the line", NULL,
	    false},
	{ACT_P_KILL_END, {C('k')}, "delete to the end of the line", NULL,
	    false},
	{ACT_P_KILL_WORD, {C('w')}, "delete the word before the cursor", NULL,
	    false},
};

#undef C

#define N(a) (sizeof(a) / sizeof((a)[0]))

const struct key_binding *
keys_table(enum keys_mode mode, size_t *count)
{
	switch (mode) {
	case KEYS_MODE_BOARD:
		*count = N(keys_board);
		return keys_board;
	case KEYS_MODE_FORM:
		*count = N(keys_form);
		return keys_form;
	case KEYS_MODE_LIST:
		*count = N(keys_list);
		return keys_list;
	case KEYS_MODE_PROMPT:
	default:
		*count = N(keys_prompt);
		return keys_prompt;
	}
}

enum action
keys_action(enum keys_mode mode, int key)
{
	const struct key_binding *table;
	size_t count, i, k;

	if (key == 0)
		return ACT_NONE;
	table = keys_table(mode, &count);
	for (i = 0; i < count; i++) {
		for (k = 0; k < KEYS_PER_BINDING && table[i].keys[k] != 0;
		    k++) {
			if (table[i].keys[k] == key)
				return table[i].action;
		}
	}
	return ACT_NONE;
}

const struct key_binding *
keys_binding(enum keys_mode mode, enum action action)
{
	const struct key_binding *table;
	size_t count, i;

	table = keys_table(mode, &count);
	for (i = 0; i < count; i++) {
		if (table[i].action == action)
			return &table[i];
	}
	return NULL;
}

const char *
keys_name(int key)
{
	static char buf[32];
	size_t n;

	switch (key) {
	case KEYS_UP:
		return "↑";
	case KEYS_DOWN:
		return "↓";
	case KEYS_LEFT:
		return "←";
	case KEYS_RIGHT:
		return "→";
	case KEYS_SUP:
		return "Shift-↑";
	case KEYS_SDOWN:
		return "Shift-↓";
	case KEYS_SLEFT:
		return "Shift-←";
	case KEYS_SRIGHT:
		return "Shift-→";
	case KEYS_HOME:
		return "Home";
	case KEYS_END:
		return "End";
	case KEYS_PPAGE:
		return "PgUp";
	case KEYS_NPAGE:
		return "PgDn";
	case KEYS_BACKSPACE:
	case 0x7f:
		return "Backspace";
	case KEYS_DELETE:
		return "Delete";
	case KEYS_BTAB:
		return "Shift-Tab";
	case KEYS_F1:
		return "F1";
	case KEYS_F2:
		return "F2";
	case KEYS_ENTER:
		return "Enter";
	case KEYS_TAB:
		return "Tab";
	case KEYS_ESC:
		return "Esc";
	case ' ':
		return "Space";
	default:
		break;
	}
	if (key > 0 && key < 0x20) {
		snprintf(buf, sizeof buf, "Ctrl-%c", key + 'A' - 1);
		return buf;
	}
	if (key >= 0x20 && key < KEYS_SPECIAL) {
		n = utf8_encode((uint32_t)key, buf);
		buf[n] = '\0';
		return buf;
	}
	return "?";
}

char *
keys_binding_names(const struct key_binding *b, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k;

	strbuf_adds(&sb, "");
	for (k = 0; k < KEYS_PER_BINDING && b->keys[k] != 0; k++) {
		/* Ctrl-H and DEL are other spellings of Backspace. */
		if (k > 0 && (b->keys[k] == 0x7f || b->keys[k] == 0x08))
			continue;
		if (k > 0)
			strbuf_adds(&sb, sep);
		strbuf_adds(&sb, keys_name(b->keys[k]));
	}
	return strbuf_detach(&sb);
}

const char *
keys_mode_name(enum keys_mode mode)
{
	switch (mode) {
	case KEYS_MODE_BOARD:
		return "Board";
	case KEYS_MODE_FORM:
		return "Forms";
	case KEYS_MODE_LIST:
		return "Lists (stages, lanes, personas, departments, channels)";
	case KEYS_MODE_PROMPT:
	default:
		return "Typing a line";
	}
}
