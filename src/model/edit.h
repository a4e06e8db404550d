/*
 * edit.h - the one way to change a map interactively, with undo and redo.
 *
 * A `doc` is a map being edited: the map, its undo and redo stacks and a
 * change counter.  Every edit the board makes goes through one of the
 * functions here; each checks the edit against the map (ids well-formed
 * and unique, references resolving, ranges) and refuses a bad one with -1
 * and a message in *cause (caller frees), leaving the map untouched.  A
 * successful edit records how to undo itself.
 *
 * Entities are addressed by kind and index in their array.  Functions that
 * take an entity copy it; the caller keeps ownership of what it passed.
 *
 * Several edits can be grouped (edit_group_begin/end) so that one undo
 * reverses them all: deleting a stage together with its cards, renaming an
 * id together with every reference to it.
 *
 * Undo records hold copies of the entities before and after, not whole
 * maps, so a 5,000-card map with a deep history stays small.
 */
#ifndef WAYMARK_EDIT_H
#define WAYMARK_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/map.h"

enum entity_kind {
	ENTITY_PERSONA,
	ENTITY_DEPARTMENT,
	ENTITY_CHANNEL,
	ENTITY_STAGE,
	ENTITY_LANE,
	ENTITY_CARD,
	ENTITY_KIND_COUNT
};

/* "persona", "department", ... */
const char *entity_kind_name(enum entity_kind kind);
/* Number of entities of this kind in m. */
size_t entity_count(const struct map *m, enum entity_kind kind);
/* The entity at index (a struct persona *, struct card *, ...), borrowed;
 * valid until the next edit. */
const void *entity_at(const struct map *m, enum entity_kind kind,
    size_t index);
/* The id of the entity at index.  Borrowed. */
const char *entity_id(const struct map *m, enum entity_kind kind,
    size_t index);
/* Index of the entity with this id, or -1. */
long entity_index(const struct map *m, enum entity_kind kind, const char *id);

struct history;

struct doc {
	struct map *map;       /* owned by the doc */
	struct history *hist;  /* owned */
	unsigned long changes; /* bumped by every edit, undo and redo */
	unsigned long saved_at; /* value of `changes` at the last save */
};

/* A doc editing m; the doc takes ownership of m.  Max undo depth: `depth`
 * edits (0 means the default, 1000). */
struct doc *doc_create(struct map *m, size_t depth);
void doc_destroy(struct doc *d);
/* True if the map differs from the last doc_mark_saved: undoing back to
 * the saved state makes the doc unmodified again. */
bool doc_modified(const struct doc *d);
void doc_mark_saved(struct doc *d);
/*
 * Replace the doc's map with m (taking ownership), clearing the history:
 * used when the user reloads the file from disk.  The doc is then
 * unmodified (the map is what the file holds) and `changes` is bumped.
 */
void doc_replace_map(struct doc *d, struct map *m);

/* Insert a copy of entity at index (index >= count appends).  On success
 * *out_index (if not NULL) gets where it went. */
int edit_add(struct doc *d, enum entity_kind kind, size_t index,
    const void *entity, size_t *out_index, char **cause);
/*
 * Replace the entity at index with a copy of entity.  When the id changes,
 * every reference to the old id (cards' stage/lane/owner/channel/personas)
 * is updated in the same undo step.  Changing a lane's kind to one that
 * holds no cards (emotion, metrics) is refused while it holds cards.  An
 * update that changes nothing returns 0 and records nothing.
 */
int edit_update(struct doc *d, enum entity_kind kind, size_t index,
    const void *entity, char **cause);
/*
 * Delete the entity at index.  A stage or a lane that still holds cards is
 * refused (-1, cause says how many): use edit_delete_stage /
 * edit_delete_lane, which say what becomes of the cards.  Deleting a
 * persona, department or channel that cards refer to clears those
 * references in the same undo step: the persona is removed from the cards'
 * persona lists, the cards' owner or channel becomes absent.
 */
int edit_delete(struct doc *d, enum entity_kind kind, size_t index,
    char **cause);
/* Move the entity at `from` so that it ends up at index `to` (both must
 * be existing indexes; from == to records nothing). */
int edit_move(struct doc *d, enum entity_kind kind, size_t from, size_t to,
    char **cause);

/*
 * Delete stage `index` and deal with its cards in one undo step: when
 * move_to_stage_id is NULL its cards are deleted too, else they move to
 * that stage (appended after the cards already there).
 */
int edit_delete_stage(struct doc *d, size_t index,
    const char *move_to_stage_id, char **cause);
/* The same for a lane. */
int edit_delete_lane(struct doc *d, size_t index,
    const char *move_to_lane_id, char **cause);

/* Set the map's title and summary (NULL: absent).  Never refused. */
int edit_set_meta(struct doc *d, const char *title, const char *summary,
    char **cause);

/* Start and end a group: the edits in between undo as one step.  Groups
 * nest; the outermost label is the one shown (when it is NULL, the first
 * inner one).  A group in which nothing changed leaves no step.  While a
 * group is open, undo and redo are refused. */
void edit_group_begin(struct doc *d, const char *label);
void edit_group_end(struct doc *d);

bool edit_can_undo(const struct doc *d);
bool edit_can_redo(const struct doc *d);
/* Undo or redo one step.  Return 0, or -1 if there is nothing to do or a
 * group is open.  *label (if not NULL) gets a borrowed description such as
 * "delete card 'ig-ad'", valid until the next edit. */
int edit_undo(struct doc *d, const char **label);
int edit_redo(struct doc *d, const char **label);
/* Number of steps that can be undone / redone. */
size_t edit_undo_depth(const struct doc *d);
size_t edit_redo_depth(const struct doc *d);

#endif
