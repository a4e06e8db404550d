/*
 * fuzz_theme.c - libFuzzer target: the theme loader (io/theme.h).
 *
 * Themes come from users' config directories and get shared, so the
 * loader is fuzzed like the map loader.  Beyond no crash, no leak, no
 * hang: a refusal names the file; a theme that loads holds only what the
 * drawing code can use (every color -1..255, attributes among the known
 * bits, named colors with a name), clones to the same values, gives every
 * card a style within range, and degrades every color it holds to the 8
 * and 16 basic ones.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NAME "fuzz-theme.yaml"
#define ATTR_ALL (THEME_BOLD | THEME_UNDERLINE | THEME_REVERSE | THEME_DIM | \
	THEME_ITALIC)

static void
fz_color(int v)
{
	if (v < THEME_DEFAULT || v > 255) {
		fprintf(stderr, "color out of range: %d\n", v);
		abort();
	}
	if (v >= 0) {
		int d8 = theme_degrade_color(v, 8), d16 = theme_degrade_color(v, 16);

		if (d8 < 0 || d8 > 7 || d16 < 0 || d16 > 15) {
			fprintf(stderr, "%d degrades to %d / %d\n", v, d8, d16);
			abort();
		}
	}
}

static void
fz_style(const struct theme_style *s)
{
	fz_color(s->fg);
	fz_color(s->bg);
	if ((s->attrs & ~ATTR_ALL) != 0)
		abort();
}

static bool
fz_same_style(const struct theme_style *a, const struct theme_style *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme *t, *c;
	struct theme_style cs;
	char *cause = NULL;

	t = theme_load_buffer((const char *)data, size, NAME, &cause);
	if (t == NULL) {
		if (cause == NULL || strncmp(cause, NAME, strlen(NAME)) != 0) {
			fprintf(stderr, "refusal without the file name: %s\n",
			    cause != NULL ? cause : "(null)");
			abort();
		}
		free(cause);
		return 0;
	}
	for (int e = 0; e < THEME_ELEMENT_COUNT; e++)
		fz_style(theme_style(t, (enum theme_element)e));
	fz_style(&t->card_text);
	if (t->cycle_count > sizeof t->cycle / sizeof t->cycle[0])
		abort();
	for (size_t i = 0; i < t->cycle_count; i++)
		fz_color(t->cycle[i]);
	c = theme_clone(t);
	for (size_t i = 0; i < t->color_count; i++) {
		if (t->colors[i].name == NULL)
			abort();
		fz_color(t->colors[i].value);
		fz_color(t->colors[i].text);
		if (theme_color_value(t, t->colors[i].name) < THEME_DEFAULT)
			abort();
		cs = theme_card_style(t, t->colors[i].name, i);
		fz_style(&cs);
		if (strcmp(c->colors[i].name, t->colors[i].name) != 0 ||
		    c->colors[i].value != t->colors[i].value)
			abort();
	}
	for (size_t i = 0; i < 40; i++) {
		cs = theme_card_style(t, NULL, i);
		fz_style(&cs);
	}
	cs = theme_card_style(t, NULL, (size_t)-1);
	fz_style(&cs);
	if (c->color_count != t->color_count ||
	    !fz_same_style(&c->card_text, &t->card_text))
		abort();
	for (int e = 0; e < THEME_ELEMENT_COUNT; e++)
		if (!fz_same_style(theme_style(c, (enum theme_element)e),
			theme_style(t, (enum theme_element)e)))
			abort();
	theme_destroy(c);
	theme_destroy(t);
	return 0;
}
