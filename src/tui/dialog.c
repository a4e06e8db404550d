/*
 * dialog.c - the board's modal screens: prompts, questions, choices, the
 * help screen and the form loop.
 *
 * Each runs its own small loop over tui_key, with a layer pushed so that
 * the board keeps being drawn underneath (and redrawn on resize).
 */

#include <stdlib.h>
#include <string.h>

#include "tui/prompt.h"
#include "tui/tui-int.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

struct dialog_prompt_state {
	struct prompt p;
	const char *label;
	int x, y, w; /* y < 0: the status line */
};

static void
dialog_prompt_draw(struct tui *t, struct grid *g, void *arg)
{
	struct dialog_prompt_state *ps = arg;
	int y = ps->y, x = ps->x, w = ps->w;

	(void)t;
	if (y < 0) {
		y = g->height >= 2 ? g->height - 2 : 0;
		x = 0;
		w = g->width;
	}
	prompt_draw(g, x, y, w, ps->label, &ps->p, THEME_STATUS,
	    ps->y < 0 ? THEME_STATUS : THEME_FIELD_CURRENT);
	if (g->height >= 2)
		board_view_hints(g, g->height - 1, KEYS_MODE_PROMPT);
}

bool
dialog_prompt_at(struct tui *t, int x, int y, int w, const char *label,
    const char *initial, char **out)
{
	struct dialog_prompt_state ps;
	struct screen_event ev;
	enum prompt_result r;
	int key;

	prompt_init(&ps.p, initial);
	ps.label = label;
	ps.x = x;
	ps.y = y;
	ps.w = w;
	tui_push_layer(t, dialog_prompt_draw, &ps);
	for (;;) {
		key = tui_key(t, &ev);
		if (key == KEYS_MOUSE)
			continue;
		r = prompt_key(&ps.p, key);
		if (r != PROMPT_CONTINUE)
			break;
	}
	tui_pop_layer(t);
	if (r == PROMPT_ACCEPT)
		*out = xstrdup(prompt_text(&ps.p));
	prompt_free(&ps.p);
	return r == PROMPT_ACCEPT;
}

bool
dialog_prompt(struct tui *t, const char *label, const char *initial,
    char **out)
{
	return dialog_prompt_at(t, 0, -1, 0, label, initial, out);
}

static void
dialog_confirm_draw(struct tui *t, struct grid *g, void *arg)
{
	const char *q = arg;
	int y = g->height >= 2 ? g->height - 2 : 0;

	(void)t;
	grid_fill(g, 0, y, g->width, 1, THEME_STATUS_ERROR);
	grid_put_fit(g, 1, y, g->width - 1, THEME_STATUS_ERROR, q);
}

bool
dialog_confirm(struct tui *t, const char *question)
{
	struct screen_event ev;
	char *q = xasprintf("%s (y/n)", question);
	int key;
	bool yes = false;

	tui_push_layer(t, dialog_confirm_draw, q);
	for (;;) {
		key = tui_key(t, &ev);
		if (key == 'y' || key == 'Y') {
			yes = true;
			break;
		}
		if (key == 'n' || key == 'N' || key == KEYS_ESC ||
		    key == KEYS_CTRL('c') || key == 'q')
			break;
	}
	tui_pop_layer(t);
	free(q);
	return yes;
}

struct dialog_choice {
	const char *title;
	const char *const *lines;
	size_t line_count;
	char **options; /* without the '&' */
	int *hotkeys;
	size_t option_count;
	size_t current;
};

static void
dialog_choose_draw(struct tui *t, struct grid *g, void *arg)
{
	struct dialog_choice *dc = arg;
	int w = 0, h, x, y, lw, i;
	size_t k;
	char *text;

	(void)t;
	w = (int)utf8_width(dc->title) + 6;
	for (k = 0; k < dc->line_count; k++) {
		lw = (int)utf8_width(dc->lines[k]) + 4;
		if (lw > w)
			w = lw;
	}
	for (k = 0; k < dc->option_count; k++) {
		lw = (int)utf8_width(dc->options[k]) + 10;
		if (lw > w)
			w = lw;
	}
	if (w > g->width)
		w = g->width;
	h = (int)dc->line_count + (int)dc->option_count + 3;
	if (h > g->height)
		h = g->height;
	x = (g->width - w) / 2;
	y = (g->height - h) / 2;
	grid_fill(g, x, y, w, h, THEME_PANEL);
	grid_box(g, x, y, w, h, THEME_PANEL_BORDER);
	text = xasprintf(" %s ", dc->title);
	grid_put_fit(g, x + 2, y, w - 4, THEME_PANEL_TITLE, text);
	free(text);
	i = 1;
	for (k = 0; k < dc->line_count && i < h - 1; k++, i++)
		grid_put_fit(g, x + 2, y + i, w - 4, THEME_PANEL, dc->lines[k]);
	i++;
	for (k = 0; k < dc->option_count && i < h - 1; k++, i++) {
		uint16_t st = k == dc->current ? THEME_FIELD_CURRENT :
		    THEME_PANEL;
		char key[8] = "";

		if (dc->hotkeys[k] != 0)
			strcpy(key, keys_name(dc->hotkeys[k]));
		text = xasprintf(" %s  %s ", key, dc->options[k]);
		grid_fill(g, x + 2, y + i, w - 4, 1, st);
		grid_put_fit(g, x + 2, y + i, w - 4, st, text);
		free(text);
	}
}

int
dialog_choose(struct tui *t, const char *title, const char *const *lines,
    size_t line_count, const char *const *options, size_t option_count)
{
	struct dialog_choice dc;
	struct screen_event ev;
	size_t k;
	int key, result = -1;
	const char *amp;

	memset(&dc, 0, sizeof dc);
	dc.title = title;
	dc.lines = lines;
	dc.line_count = line_count;
	dc.option_count = option_count;
	dc.options = xcalloc(option_count + 1, sizeof *dc.options);
	dc.hotkeys = xcalloc(option_count + 1, sizeof *dc.hotkeys);
	for (k = 0; k < option_count; k++) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_adds(&sb, "");
		for (amp = options[k]; *amp != '\0'; amp++) {
			if (*amp == '&' && amp[1] != '\0') {
				dc.hotkeys[k] = (unsigned char)amp[1];
				continue;
			}
			strbuf_addc(&sb, *amp);
		}
		dc.options[k] = strbuf_detach(&sb);
	}
	tui_push_layer(t, dialog_choose_draw, &dc);
	for (;;) {
		key = tui_key(t, &ev);
		if (key == KEYS_ESC || key == KEYS_CTRL('c'))
			break;
		if ((key == KEYS_DOWN || key == 'j' || key == KEYS_TAB) &&
		    dc.current + 1 < option_count)
			dc.current++;
		else if ((key == KEYS_UP || key == 'k' || key == KEYS_BTAB) &&
		    dc.current > 0)
			dc.current--;
		else if (key == KEYS_ENTER) {
			result = (int)dc.current;
			break;
		} else {
			for (k = 0; k < option_count; k++) {
				if (dc.hotkeys[k] == key)
					break;
			}
			if (k < option_count) {
				result = (int)k;
				break;
			}
		}
	}
	tui_pop_layer(t);
	for (k = 0; k < option_count; k++)
		free(dc.options[k]);
	free(dc.options);
	free(dc.hotkeys);
	return result;
}

/* --- help ---------------------------------------------------------------- */

struct dialog_help_state {
	struct strlist lines;
	bool *heading;
	size_t first;
};

static void
dialog_help_draw(struct tui *t, struct grid *g, void *arg)
{
	struct dialog_help_state *hs = arg;
	int y, rows = g->height - 2;
	size_t k;

	(void)t;
	grid_fill(g, 0, 0, g->width, g->height, THEME_PANEL);
	grid_fill(g, 0, 0, g->width, 1, THEME_TITLE);
	grid_put_fit(g, 1, 0, g->width - 1, THEME_TITLE,
	    "waymark keys — j/k or arrows scroll, q or Esc closes");
	if (rows < 1)
		return;
	if (hs->first + (size_t)rows > hs->lines.count)
		hs->first = hs->lines.count > (size_t)rows ?
		    hs->lines.count - (size_t)rows : 0;
	for (y = 0, k = hs->first; y < rows && k < hs->lines.count; y++, k++) {
		const char *line = hs->lines.items[k], *tab;

		if (hs->heading[k]) {
			grid_put_fit(g, 2, 1 + y, g->width - 3,
			    THEME_PANEL_TITLE, line);
			continue;
		}
		/* "keys\thelp": the keys stand out. */
		if ((tab = strchr(line, '\t')) != NULL) {
			char *keys = xstrndup(line, (size_t)(tab - line));

			grid_put_fit(g, 4, 1 + y, g->width - 5, THEME_HINT_KEY,
			    keys);
			free(keys);
			if (g->width > 27)
				grid_put_fit(g, 26, 1 + y, g->width - 27,
				    THEME_PANEL, tab + 1);
		} else
			grid_put_fit(g, 2, 1 + y, g->width - 3, THEME_PANEL,
			    line);
	}
	if (hs->first + (size_t)rows < hs->lines.count)
		grid_put_fit(g, 1, g->height - 1, g->width - 1, THEME_MORE,
		    "▼ more below");
}

void
dialog_help(struct tui *t, enum keys_mode first)
{
	struct dialog_help_state hs;
	struct screen_event ev;
	const struct key_binding *table;
	size_t count, i, k, m;
	int key, rows;
	char *names, *line;

	memset(&hs, 0, sizeof hs);
	for (m = 0; m < KEYS_MODE_COUNT; m++) {
		enum keys_mode mode = (enum keys_mode)((first + m) %
		    KEYS_MODE_COUNT);

		table = keys_table(mode, &count);
		if (hs.lines.count > 0)
			strlist_append(&hs.lines, "");
		strlist_append(&hs.lines, keys_mode_name(mode));
		for (i = 0; i < count; i++) {
			names = keys_binding_names(&table[i], " ");
			line = xasprintf("%s\t%s%s", names, table[i].help,
			    table[i].edits && t->read_only ?
			    " (off: read-only)" : "");
			strlist_append(&hs.lines, line);
			free(line);
			free(names);
		}
	}
	hs.heading = xcalloc(hs.lines.count + 1, sizeof *hs.heading);
	for (k = 0; k < hs.lines.count; k++)
		hs.heading[k] = hs.lines.items[k][0] != '\0' &&
		    strchr(hs.lines.items[k], '\t') == NULL;
	tui_push_layer(t, dialog_help_draw, &hs);
	for (;;) {
		key = tui_key(t, &ev);
		rows = t->grid.height - 2;
		if (key == 'j' || key == KEYS_DOWN)
			hs.first++;
		else if ((key == 'k' || key == KEYS_UP) && hs.first > 0)
			hs.first--;
		else if (key == KEYS_NPAGE || key == ' ')
			hs.first += rows > 1 ? (size_t)rows - 1 : 1;
		else if (key == KEYS_PPAGE)
			hs.first = hs.first > (size_t)rows ?
			    hs.first - (size_t)rows : 0;
		else if (key == KEYS_MOUSE) {
			if (ev.mouse == SCREEN_MOUSE_WHEEL_DOWN)
				hs.first += 3;
			else if (ev.mouse == SCREEN_MOUSE_WHEEL_UP)
				hs.first = hs.first > 3 ? hs.first - 3 : 0;
		} else if (key == 'q' || key == KEYS_ESC || key == '?' ||
		    key == KEYS_ENTER || key == KEYS_F1)
			break;
	}
	tui_pop_layer(t);
	strlist_free(&hs.lines);
	free(hs.heading);
}

/* --- forms ---------------------------------------------------------------- */

static void
dialog_form_draw(struct tui *t, struct grid *g, void *arg)
{
	(void)t;
	form_draw(g, arg);
	if (g->height >= 2)
		board_view_hints(g, g->height - 1, KEYS_MODE_FORM);
}

bool
dialog_form(struct tui *t, struct form *f,
    int (*apply)(struct tui *, struct form *, void *, char **), void *arg)
{
	struct screen_event ev;
	struct form_field *ff;
	char *text, *out, *cause;
	int key;
	bool accepted = false;

	tui_push_layer(t, dialog_form_draw, f);
	for (;;) {
		key = tui_key(t, &ev);
		if (f->count == 0)
			break;
		ff = &f->fields[f->current];
		switch (keys_action(KEYS_MODE_FORM, key)) {
		case ACT_FIELD_NEXT:
			f->current = (f->current + 1) % f->count;
			break;
		case ACT_FIELD_PREV:
			f->current = (f->current + f->count - 1) % f->count;
			break;
		case ACT_FIELD_EDIT:
			if (ff->type == FIELD_CHOICE) {
				form_choice_step(ff, 1);
				break;
			}
			if (ff->type == FIELD_MULTI) {
				form_toggle(ff);
				break;
			}
			if (ff->type == FIELD_LONG && strchr(ff->text, '\n')) {
				/* Several lines: $EDITOR shows them all. */
				if (tui_editor(t, ff->text, &out) == 0) {
					form_field_set(ff, out);
					free(out);
				}
				break;
			}
			tui_draw(t);
			text = form_field_text(ff);
			if (dialog_prompt_at(t, f->value_x, f->value_y,
			    f->value_w, "", text, &out)) {
				form_field_set(ff, out);
				free(out);
			}
			free(text);
			break;
		case ACT_CHOICE_NEXT:
			form_choice_step(ff, 1);
			break;
		case ACT_CHOICE_PREV:
			form_choice_step(ff, -1);
			break;
		case ACT_TOGGLE:
			form_toggle(ff);
			break;
		case ACT_FIELD_EDITOR:
			if (ff->type == FIELD_CHOICE || ff->type == FIELD_MULTI)
				break;
			if (ff->type == FIELD_LIST) {
				struct strbuf sb = STRBUF_INIT;
				size_t i;

				strbuf_adds(&sb, "");
				for (i = 0; i < ff->list.count; i++)
					strbuf_printf(&sb, "%s\n",
					    ff->list.items[i]);
				text = strbuf_detach(&sb);
			} else
				text = xstrdup(ff->text);
			if (tui_editor(t, text, &out) == 0) {
				size_t n = strlen(out);

				/* Editors end files with a newline. */
				if (ff->type != FIELD_LIST && n > 0 &&
				    out[n - 1] == '\n')
					out[n - 1] = '\0';
				form_field_set(ff, out);
				free(out);
			}
			free(text);
			break;
		case ACT_ACCEPT:
			cause = NULL;
			if (apply(t, f, arg, &cause) == 0) {
				accepted = true;
				goto done;
			}
			free(f->message);
			f->message = cause;
			break;
		case ACT_CANCEL:
			goto done;
		case ACT_HELP:
			dialog_help(t, KEYS_MODE_FORM);
			break;
		default:
			break;
		}
		if (keys_action(KEYS_MODE_FORM, key) != ACT_ACCEPT) {
			free(f->message);
			f->message = NULL;
		}
	}
done:
	tui_pop_layer(t);
	return accepted;
}
