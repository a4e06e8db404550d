/*
 * form.h - forms for cards and for every other entity of the map.
 *
 * A form is a list of fields built from an entity (form_from_*), edited
 * by the user (text in a prompt or $EDITOR, choices cycled, personas
 * ticked), and turned back into an entity (form_to_*) that the caller
 * hands to the edit API, which has the last word on what is valid.  The
 * form never touches the map.
 */
#ifndef WAYMARK_FORM_H
#define WAYMARK_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "model/edit.h"
#include "model/map.h"
#include "tui/grid.h"

enum field_type {
	FIELD_TEXT,   /* one line */
	FIELD_LONG,   /* several lines: a prompt for one, $EDITOR for more */
	FIELD_LIST,   /* a list of lines, typed as "a; b; c" */
	FIELD_INT,    /* a whole number or empty */
	FIELD_NUMBER, /* a decimal number or empty */
	FIELD_CHOICE, /* one of options (or none when allowed) */
	FIELD_MULTI,  /* any of options */
};

struct form_field {
	const char *label;
	const char *help;
	enum field_type type;
	char *text;          /* TEXT, LONG, INT, NUMBER; "" when empty */
	struct strlist list; /* LIST */
	size_t option_count;
	char **option_ids;   /* CHOICE, MULTI: owned */
	char **option_names; /* owned */
	long choice;         /* CHOICE: index, -1 none */
	bool allow_none;
	bool *ticked;        /* MULTI */
	size_t sub;          /* MULTI: the option under the cursor */
};

struct form {
	char *title;
	enum entity_kind kind;
	struct form_field *fields;
	size_t count;
	size_t current;
	char *message; /* a refusal from the edit API, shown in the form */
	/* Where the current field's value was drawn (for an inline prompt). */
	int value_x, value_y, value_w;
};

/*
 * A form (titled `title`) for `entity`, a struct card, stage, lane,
 * persona, department or channel as `kind` says; choices are filled from
 * m.  The form copies what it shows: entity may change or go afterwards.
 * Free with form_destroy.
 */
struct form *form_create(const struct map *m, enum entity_kind kind,
    const void *entity, const char *title);
/* The form for the map's title and summary. */
struct form *form_create_meta(const struct map *m);
void form_destroy(struct form *f);

/*
 * Build the entity the form describes, starting from `base` (a copy of
 * the entity being edited, so unknown keys survive): fills *out (a
 * struct card, stage, ... of the form's kind; caller frees it with the
 * kind's _free).  Returns 0, or -1 with *cause when a field does not
 * parse (a number).
 */
int form_to_entity(const struct form *f, const void *base, void *out,
    char **cause);
/* The title and summary from a meta form (borrowed). */
const char *form_value(const struct form *f, const char *label);

/* Field helpers used by the form's key handling. */
void form_choice_step(struct form_field *ff, int step);
void form_toggle(struct form_field *ff);
/* The text of a field for a one-line prompt ("a; b" for lists).  Caller
 * frees. */
char *form_field_text(const struct form_field *ff);
/* Store text typed for a field. */
void form_field_set(struct form_field *ff, const char *text);

/* Draw the form centered on g. */
void form_draw(struct grid *g, struct form *f);

#endif
