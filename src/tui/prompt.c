/*
 * prompt.c - one-line UTF-8 input (see prompt.h).
 *
 * The text is kept as UTF-8 bytes; movement steps by code point and then
 * over any zero-width marks, so an accent typed as a combining mark moves
 * and is deleted with its letter.
 */

#include "tui/prompt.h"

#include <string.h>

#include "tui/keys.h"
#include "util/utf8.h"

void
prompt_init(struct prompt *p, const char *initial)
{
	strbuf_init(&p->text);
	strbuf_adds(&p->text, initial != NULL ? initial : "");
	p->cursor = p->text.len;
}

void
prompt_free(struct prompt *p)
{
	strbuf_free(&p->text);
}

const char *
prompt_text(const struct prompt *p)
{
	return strbuf_str(&p->text);
}

/* Offset of the character after the one at off. */
static size_t
prompt_next(const struct prompt *p, size_t off)
{
	uint32_t cp;

	if (off >= p->text.len)
		return p->text.len;
	off += utf8_decode(p->text.data + off, p->text.len - off, &cp);
	while (off < p->text.len) {
		size_t n = utf8_decode(p->text.data + off, p->text.len - off,
		    &cp);

		if (utf8_cp_width(cp) != 0 || cp < 0x20)
			break;
		off += n;
	}
	return off;
}

/* Offset of the character before off. */
static size_t
prompt_prev(const struct prompt *p, size_t off)
{
	size_t pos = 0, last = 0;

	while (pos < off) {
		last = pos;
		pos = prompt_next(p, pos);
	}
	return last;
}

static void
prompt_delete_range(struct prompt *p, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(p->text.data + from, p->text.data + to, p->text.len - to + 1);
	p->text.len -= to - from;
	if (p->cursor > to)
		p->cursor -= to - from;
	else if (p->cursor > from)
		p->cursor = from;
}

enum prompt_result
prompt_key(struct prompt *p, int key)
{
	char enc[4];
	size_t n, at;

	switch (keys_action(KEYS_MODE_PROMPT, key)) {
	case ACT_P_ACCEPT:
		return PROMPT_ACCEPT;
	case ACT_P_CANCEL:
		return PROMPT_CANCEL;
	case ACT_P_LEFT:
		p->cursor = prompt_prev(p, p->cursor);
		return PROMPT_CONTINUE;
	case ACT_P_RIGHT:
		p->cursor = prompt_next(p, p->cursor);
		return PROMPT_CONTINUE;
	case ACT_P_HOME:
		p->cursor = 0;
		return PROMPT_CONTINUE;
	case ACT_P_END:
		p->cursor = p->text.len;
		return PROMPT_CONTINUE;
	case ACT_P_BACKSPACE:
		prompt_delete_range(p, prompt_prev(p, p->cursor), p->cursor);
		return PROMPT_CONTINUE;
	case ACT_P_DELETE:
		prompt_delete_range(p, p->cursor, prompt_next(p, p->cursor));
		return PROMPT_CONTINUE;
	case ACT_P_KILL_START:
		prompt_delete_range(p, 0, p->cursor);
		return PROMPT_CONTINUE;
	case ACT_P_KILL_END:
		prompt_delete_range(p, p->cursor, p->text.len);
		return PROMPT_CONTINUE;
	case ACT_P_KILL_WORD:
		at = p->cursor;
		while (at > 0 && p->text.data[at - 1] == ' ')
			at--;
		while (at > 0 && p->text.data[at - 1] != ' ')
			at--;
		prompt_delete_range(p, at, p->cursor);
		return PROMPT_CONTINUE;
	default:
		break;
	}
	if (key < 0x20 || key == 0x7f || key >= KEYS_SPECIAL ||
	    (key >= 0x80 && key < 0xa0) || (key >= 0xd800 && key <= 0xdfff))
		return PROMPT_CONTINUE;
	n = utf8_encode((uint32_t)key, enc);
	strbuf_add(&p->text, enc, n); /* grow; then shift into place */
	memmove(p->text.data + p->cursor + n, p->text.data + p->cursor,
	    p->text.len - n - p->cursor);
	memcpy(p->text.data + p->cursor, enc, n);
	p->cursor += n;
	return PROMPT_CONTINUE;
}

/* Width of text[from, to). */
static int
prompt_width(const struct prompt *p, size_t from, size_t to)
{
	size_t i = from;
	uint32_t cp;
	int w = 0;

	while (i < to) {
		i += utf8_decode(p->text.data + i, to - i, &cp);
		if (cp < 0x20)
			w += 1;
		else
			w += utf8_cp_width(cp);
	}
	return w;
}

void
prompt_draw(struct grid *g, int x, int y, int w, const char *label,
    const struct prompt *p, uint16_t label_style, uint16_t text_style)
{
	int lw, room;
	size_t start = 0;

	grid_fill(g, x, y, w, 1, text_style);
	lw = grid_put(g, x, y, w, label_style, label);
	room = w - lw;
	if (room < 2)
		return;
	/* Scroll so the cursor sits within the room left. */
	while (prompt_width(p, start, p->cursor) > room - 1)
		start = prompt_next(p, start);
	{
		char *shown = p->text.len > 0 ? p->text.data + start : "";

		grid_put(g, x + lw, y, room, text_style, shown);
	}
	g->cursor_x = x + lw + prompt_width(p, start, p->cursor);
	g->cursor_y = y;
}
