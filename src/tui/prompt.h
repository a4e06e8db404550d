/*
 * prompt.h - one line of text input with UTF-8 editing.
 *
 * The text is edited a character at a time (never a byte): arrows move
 * over whole characters and the combining marks that follow them,
 * Backspace and Delete remove whole characters, and the readline keys of
 * the prompt key table work.  Drawing scrolls the line horizontally so
 * the cursor stays visible and places the terminal cursor there.
 */
#ifndef WAYMARK_PROMPT_H
#define WAYMARK_PROMPT_H

#include <stddef.h>
#include <stdint.h>

#include "tui/grid.h"
#include "util/strbuf.h"

struct prompt {
	struct strbuf text;
	size_t cursor; /* byte offset, always at a character boundary */
};

enum prompt_result {
	PROMPT_CONTINUE,
	PROMPT_ACCEPT,
	PROMPT_CANCEL,
};

void prompt_init(struct prompt *p, const char *initial);
void prompt_free(struct prompt *p);
/* Apply one key.  Printable code points are inserted at the cursor. */
enum prompt_result prompt_key(struct prompt *p, int key);
/* The text (borrowed). */
const char *prompt_text(const struct prompt *p);
/*
 * Draw "label" and the text at x, y within w columns; the label in
 * label_style, the text in text_style.  Sets g's cursor.
 */
void prompt_draw(struct grid *g, int x, int y, int w, const char *label,
    const struct prompt *p, uint16_t label_style, uint16_t text_style);

#endif
