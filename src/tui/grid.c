/*
 * grid.c - the off-screen character grid (see grid.h).
 *
 * Text goes in one character at a time: each code point is decoded,
 * made safe (invalid bytes are U+FFFD, control characters spaces), and
 * measured with utf8_cp_width.  Combining marks (width 0) join the cell
 * before them while there is room in the cell's bytes, and are dropped
 * otherwise, which can lose an accent but never shifts a column.
 */

#include "tui/grid.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

void
grid_init(struct grid *g, int width, int height)
{
	memset(g, 0, sizeof *g);
	g->cells = NULL;
	grid_resize(g, width, height);
}

void
grid_free(struct grid *g)
{
	free(g->cells);
	g->cells = NULL;
	g->width = g->height = 0;
}

void
grid_resize(struct grid *g, int width, int height)
{
	if (width < 0)
		width = 0;
	if (height < 0)
		height = 0;
	free(g->cells);
	g->width = width;
	g->height = height;
	g->cells = xcalloc((size_t)width * (size_t)height + 1,
	    sizeof *g->cells);
	grid_clear(g, 0);
}

void
grid_clear(struct grid *g, uint16_t style)
{
	size_t i, n = (size_t)g->width * (size_t)g->height;

	for (i = 0; i < n; i++) {
		g->cells[i].text[0] = ' ';
		g->cells[i].text[1] = '\0';
		g->cells[i].flags = 0;
		g->cells[i].style = style;
	}
	g->cursor_x = g->cursor_y = -1;
}

struct grid_cell *
grid_cell_at(struct grid *g, int x, int y)
{
	if (x < 0 || y < 0 || x >= g->width || y >= g->height)
		return NULL;
	return &g->cells[(size_t)y * (size_t)g->width + (size_t)x];
}

const struct grid_cell *
grid_cell_get(const struct grid *g, int x, int y)
{
	if (x < 0 || y < 0 || x >= g->width || y >= g->height)
		return NULL;
	return &g->cells[(size_t)y * (size_t)g->width + (size_t)x];
}

/* Blank a cell, and the other half of a wide character it belongs to. */
static void
grid_blank(struct grid *g, int x, int y, uint16_t style)
{
	struct grid_cell *c = grid_cell_at(g, x, y), *other;

	if (c == NULL)
		return;
	if (c->flags & GRID_WIDE) {
		other = grid_cell_at(g, x + 1, y);
		if (other != NULL) {
			strcpy(other->text, " ");
			other->flags = 0;
		}
	} else if (c->flags & GRID_CONT) {
		other = grid_cell_at(g, x - 1, y);
		if (other != NULL) {
			strcpy(other->text, " ");
			other->flags = 0;
		}
	}
	strcpy(c->text, " ");
	c->flags = 0;
	c->style = style;
}

/* Put code point cp of width w (1 or 2) at x, y. */
static void
grid_set_cp(struct grid *g, int x, int y, uint16_t style, uint32_t cp,
    int w)
{
	struct grid_cell *c;
	size_t n;

	grid_blank(g, x, y, style);
	if (w == 2)
		grid_blank(g, x + 1, y, style);
	c = grid_cell_at(g, x, y);
	if (c == NULL)
		return;
	n = utf8_encode(cp, c->text);
	c->text[n] = '\0';
	if (w == 2) {
		c->flags = GRID_WIDE;
		c = grid_cell_at(g, x + 1, y);
		c->text[0] = '\0';
		c->flags = GRID_CONT;
		c->style = style;
	}
}

/* Append a combining mark to the cell at x, y if there is room. */
static void
grid_add_mark(struct grid *g, int x, int y, uint32_t cp)
{
	struct grid_cell *c = grid_cell_at(g, x, y);
	size_t len;

	if (c == NULL || (c->flags & GRID_CONT) || c->text[0] == ' ')
		return;
	len = strlen(c->text);
	if (len + 4 >= GRID_CELL_BYTES)
		return;
	len += utf8_encode(cp, c->text + len);
	c->text[len] = '\0';
}

int
grid_put(struct grid *g, int x, int y, int width, uint16_t style,
    const char *s)
{
	size_t len, i = 0;
	uint32_t cp;
	int w, col = 0, last_x = -1;

	if (s == NULL || y < 0 || y >= g->height || width <= 0)
		return 0;
	len = strlen(s);
	while (i < len && col < width) {
		i += utf8_decode(s + i, len - i, &cp);
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			cp = ' ';
		w = utf8_cp_width(cp);
		if (w == 0) {
			if (last_x >= 0)
				grid_add_mark(g, last_x, y, cp);
			continue;
		}
		if (col + w > width || x + col + w > g->width) {
			/* A wide character with one column left: a space. */
			if (x + col >= 0 && x + col < g->width)
				grid_set_cp(g, x + col, y, style, ' ', 1);
			col++;
			break;
		}
		if (x + col >= 0) {
			grid_set_cp(g, x + col, y, style, cp, w);
			last_x = x + col;
		} else if (x + col + w > 0) {
			/* Half of a wide character off the left edge. */
			grid_set_cp(g, 0, y, style, ' ', 1);
		}
		col += w;
	}
	return col;
}

int
grid_put_fit(struct grid *g, int x, int y, int width, uint16_t style,
    const char *s)
{
	char *t;
	int n;

	if (s == NULL || width <= 0)
		return 0;
	t = utf8_truncate(s, (size_t)width);
	n = grid_put(g, x, y, width, style, t);
	free(t);
	return n;
}

void
grid_fill(struct grid *g, int x, int y, int w, int h, uint16_t style)
{
	int i, j;

	for (j = y; j < y + h; j++)
		for (i = x; i < x + w; i++)
			grid_blank(g, i, j, style);
}

void
grid_restyle(struct grid *g, int x, int y, int w, uint16_t style)
{
	struct grid_cell *c;
	int i;

	for (i = x; i < x + w; i++) {
		if ((c = grid_cell_at(g, i, y)) != NULL)
			c->style = style;
	}
}

void
grid_hline(struct grid *g, int x, int y, int w, uint16_t style,
    const char *ch)
{
	int i;

	for (i = x; i < x + w; i++)
		grid_put(g, i, y, 1, style, ch);
}

void
grid_vline(struct grid *g, int x, int y, int h, uint16_t style,
    const char *ch)
{
	int j;

	for (j = y; j < y + h; j++)
		grid_put(g, x, j, 1, style, ch);
}

void
grid_box(struct grid *g, int x, int y, int w, int h, uint16_t style)
{
	if (w < 2 || h < 2)
		return;
	grid_hline(g, x + 1, y, w - 2, style, "─");
	grid_hline(g, x + 1, y + h - 1, w - 2, style, "─");
	grid_vline(g, x, y + 1, h - 2, style, "│");
	grid_vline(g, x + w - 1, y + 1, h - 2, style, "│");
	grid_put(g, x, y, 1, style, "┌");
	grid_put(g, x + w - 1, y, 1, style, "┐");
	grid_put(g, x, y + h - 1, 1, style, "└");
	grid_put(g, x + w - 1, y + h - 1, 1, style, "┘");
}

char *
grid_row_text(const struct grid *g, int y)
{
	struct strbuf sb = STRBUF_INIT;
	const struct grid_cell *c;
	size_t keep = 0;
	int x;

	strbuf_adds(&sb, "");
	for (x = 0; x < g->width; x++) {
		c = grid_cell_get(g, x, y);
		if (c->flags & GRID_CONT)
			continue;
		strbuf_adds(&sb, c->text);
		if (strcmp(c->text, " ") != 0)
			keep = sb.len;
	}
	sb.data[keep] = '\0';
	sb.len = keep;
	return strbuf_detach(&sb);
}

char *
grid_text(const struct grid *g)
{
	struct strbuf sb = STRBUF_INIT;
	char *row;
	int y;

	strbuf_adds(&sb, "");
	for (y = 0; y < g->height; y++) {
		row = grid_row_text(g, y);
		strbuf_adds(&sb, row);
		strbuf_addc(&sb, '\n');
		free(row);
	}
	return strbuf_detach(&sb);
}

/* Append the line being built to out and start a new one. */
static void
grid_wrap_flush(struct strbuf *line, int *line_w, struct strlist *out)
{
	strlist_append(out, strbuf_str(line));
	strbuf_reset(line);
	*line_w = 0;
}

void
grid_wrap(const char *s, int width, struct strlist *out)
{
	struct strbuf line = STRBUF_INIT;
	const char *p = s, *e;
	char *word, *w;
	int line_w = 0, ww;
	size_t fit, used;

	if (s == NULL)
		return;
	if (width < 1)
		width = 1;
	while (*p != '\0') {
		if (*p == '\n') {
			grid_wrap_flush(&line, &line_w, out);
			p++;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
			continue;
		}
		for (e = p; *e != '\0' && *e != ' ' && *e != '\n' &&
		    *e != '\t' && *e != '\r'; e++)
			;
		word = xstrndup(p, (size_t)(e - p));
		ww = (int)utf8_width(word);
		if (line_w > 0 && line_w + 1 + ww <= width) {
			strbuf_addc(&line, ' ');
			strbuf_adds(&line, word);
			line_w += 1 + ww;
		} else if (line_w == 0 && ww <= width) {
			strbuf_adds(&line, word);
			line_w = ww;
		} else {
			if (line_w > 0)
				grid_wrap_flush(&line, &line_w, out);
			w = word;
			while (ww > width) {
				fit = utf8_fit(w, (size_t)width, &used);
				if (fit == 0) {
					/* A wide character in a 1-column
					 * line. */
					uint32_t cp;

					fit = utf8_decode(w, strlen(w), &cp);
					used = (size_t)utf8_cp_width(cp);
				}
				strbuf_add(&line, w, fit);
				grid_wrap_flush(&line, &line_w, out);
				w += fit;
				ww -= (int)used;
			}
			strbuf_adds(&line, w);
			line_w = ww;
		}
		free(word);
		p = e;
	}
	if (line_w > 0)
		grid_wrap_flush(&line, &line_w, out);
	strbuf_free(&line);
}
