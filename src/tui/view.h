/*
 * view.h - the board's view state, and the rows and cells it shows.
 *
 * Everything about how the map is looked at - cursor, scroll, pivot,
 * persona filter, zoom, search, messages - lives in struct view, never in
 * the map.  From a map and a view, view_index_build derives what the
 * screen is made of: the rows (lanes, or departments, personas or
 * channels when pivoted) and the cards in each cell (stage x row), in map
 * order, filtered.  The index is rebuilt after every edit or view change
 * (a few hundred microseconds at 5,000 cards), so nothing can go stale.
 */
#ifndef WAYMARK_VIEW_H
#define WAYMARK_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/map.h"
#include "tui/keys.h"

enum view_pivot {
	PIVOT_LANE,
	PIVOT_DEPARTMENT, /* a service blueprint: who owns what */
	PIVOT_PERSONA,
	PIVOT_CHANNEL,
	PIVOT_COUNT
};

enum view_zoom {
	ZOOM_NORMAL,
	ZOOM_COMPACT, /* one line per card, narrow columns */
	ZOOM_FOCUS,   /* one stage, every detail of each card */
	ZOOM_COUNT
};

enum view_row_kind {
	ROW_LANE,
	ROW_DEPARTMENT,
	ROW_PERSONA,
	ROW_CHANNEL,
	ROW_UNASSIGNED, /* cards with no owner / persona / channel */
};

struct view_row {
	enum view_row_kind kind;
	long index;        /* in the map's array of that kind; -1: none */
	const char *name;  /* borrowed from the map, or a fixed string */
	bool holds_cards;
	bool curve;   /* an emotion lane: the experience curve */
	bool metrics; /* a metrics lane: the measured overlay */
};

/*
 * Measured numbers per stage for the overlay (issue 4).  The board only
 * draws them; whoever computes the funnel fills this and points
 * view.measured at it.
 */
struct view_measure {
	bool present;
	long users;    /* distinct users who reached the stage */
	long drop_off; /* reached the previous stage, not this one */
	double step;   /* conversion from the previous stage; < 0: first */
};

struct view_overlay {
	size_t stage_count; /* entries in stages, in map stage order */
	struct view_measure *stages;
	const char *note; /* one line about the source, or NULL */
	/* Touchpoint counts by card index in the map (distinct users in the
	 * range), -1 for a card without a counted event; card_count items. */
	size_t card_count;
	long *card_users;
};

struct view {
	/* The cursor: a stage (index in the map), a row (index in the
	 * index's rows) and the selected card's id (NULL: none, the cell is
	 * empty or the row holds no cards). */
	size_t stage;
	size_t row;
	char *card_id; /* owned */

	/* Scroll, adjusted by the renderer to keep the cursor in sight. */
	size_t first_stage;
	size_t first_row;
	size_t cell_scroll; /* first card shown in the cursor's cell */

	enum view_pivot pivot;
	enum view_zoom zoom;
	char *persona;    /* persona filter: an id (owned), NULL: all */
	bool panel;       /* persona side panel */
	bool legend;      /* department legend */
	bool overlay;     /* measured overlay (issue 4): header numbers */
	const struct view_overlay *measured; /* borrowed, NULL: none */
	char *search;     /* last search text (owned), NULL: none */

	/* Chrome. */
	const char *file_name; /* borrowed */
	bool modified;
	bool read_only;
	char *status; /* owned message, NULL: describe the selection */
	bool status_error;
	enum keys_mode hint_mode;
};

struct view_index {
	struct view_row *rows;
	size_t row_count;
	size_t stage_count;
	/* Cell (stage s, row r) holds cards[start[c] .. start[c + 1]) where
	 * c = s * row_count + r; values are card indexes in the map. */
	size_t *start;
	size_t *cards;
	size_t card_total;
};

void view_init(struct view *v);
void view_free(struct view *v);
/* Replace an owned string field with a copy of s (NULL allowed). */
void view_set(char **field, const char *s);
/* Set the status message (printf-style); error marks it as a refusal. */
void view_status(struct view *v, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* True if card c passes the view's persona filter: it names the persona,
 * or no persona at all (then it concerns everyone, as in the exports). */
bool view_card_visible(const struct map *m, const struct view *v,
    const struct card *c);
/* True if card c matches the search text (case-insensitive for ASCII). */
bool view_card_matches(const struct card *c, const char *search);

/* Build (or rebuild) the index of m as seen through v. */
void view_index_build(struct view_index *ix, const struct map *m,
    const struct view *v);
void view_index_free(struct view_index *ix);
/* The cards of a cell; *count gets how many.  Borrowed. */
const size_t *view_cell(const struct view_index *ix, size_t stage,
    size_t row, size_t *count);

/*
 * Make the cursor valid after an edit or a view change: stage and row in
 * range, and the selected card in the cursor's cell (else the cell's
 * first card, or none).
 */
void view_clamp(struct view *v, const struct map *m,
    const struct view_index *ix);
/* The selected card's index in its cell (-1 when none). */
long view_cursor_pos(const struct view *v, const struct map *m,
    const struct view_index *ix);
/* The selected card's index in the map (-1 when none). */
long view_cursor_card(const struct view *v, const struct map *m);
/* Select the card at position pos in the cursor's cell (clamped). */
void view_select_pos(struct view *v, const struct map *m,
    const struct view_index *ix, long pos);

/* Names for the title bar and status line. */
const char *view_pivot_name(enum view_pivot p);
const char *view_zoom_name(enum view_zoom z);

#endif
