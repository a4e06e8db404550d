/*
 * map.h - the journey map: personas, departments, channels, stages, lanes
 * and cards (see waymark-map(5) for the file that stores it).
 *
 * Every entity is a plain struct held by value in an array of the map;
 * order in the array is display order.  Entities refer to one another by id
 * (a card's `stage` is a stage id), never by pointer or index, so reordering
 * never invalidates a reference and the file's text is the model.
 *
 * Conventions for every field:
 *   - strings are owned by the entity; NULL means "absent" (not written on
 *     save).  An id is never NULL in a valid map.
 *   - numbers that may be absent have a has_* flag.
 *   - `extra` holds the keys the program does not know (a NODE_MAP, or
 *     NULL), kept in file order and written back after the known keys.
 *   - `line`/`col` (1-based, 0 when unknown) say where the loader found the
 *     entity, so that validation can point at it.  They are not content:
 *     map_equal ignores them.
 *
 * The map itself has no knowledge of undo; edits that the user makes go
 * through edit.h, which records them.  Loading and the tests build maps
 * directly with the functions here.
 */
#ifndef WAYMARK_MAP_H
#define WAYMARK_MAP_H

#include <stdbool.h>
#include <stddef.h>

#include "model/node.h"

/* Highest format version this program reads and writes (the `waymark:`
 * key of the file). */
#define MAP_FORMAT_VERSION 1
/* Longest id accepted, in bytes. */
#define MAP_ID_MAX 64

struct strlist {
	size_t count;
	size_t cap;
	char **items; /* owned */
};

struct srcpos {
	int line;
	int col;
};

struct persona {
	char *id;
	char *name;
	int age; /* has_age */
	bool has_age;
	char *occupation;
	char *description;
	struct strlist goals;
	struct strlist frustrations;
	char *quote;
	char *segment; /* value identifying this persona in the event store */
	char *color;   /* a theme color name */
	struct node *extra;
	struct srcpos pos;
};

struct department {
	char *id;
	char *name;
	char *color;
	struct node *extra;
	struct srcpos pos;
};

enum channel_kind {
	CHANNEL_UNSET = 0, /* absent in the file */
	CHANNEL_ONLINE,
	CHANNEL_OFFLINE,
};

struct channel {
	char *id;
	char *name;
	enum channel_kind kind;
	struct node *extra;
	struct srcpos pos;
};

struct stage {
	char *id;
	char *name;
	char *description;
	struct strlist events; /* event names meaning "reached this stage" */
	double target;         /* planned conversion from the previous stage */
	bool has_target;
	struct node *extra;
	struct srcpos pos;
};

enum lane_kind {
	LANE_TOUCHPOINTS = 0,
	LANE_ACTIONS,
	LANE_THOUGHTS,
	LANE_PAINS,
	LANE_OPPORTUNITIES,
	LANE_BACKSTAGE,
	LANE_TEXT,
	LANE_EMOTION, /* holds no cards: draws the experience curve */
	LANE_METRICS, /* holds no cards: shows the measured overlay */
	LANE_KIND_COUNT
};

struct lane {
	char *id;
	char *name;
	enum lane_kind kind;
	bool has_kind; /* false: absent in the file (read as touchpoints) */
	struct node *extra;
	struct srcpos pos;
};

#define CARD_EMOTION_MIN (-2)
#define CARD_EMOTION_MAX 2

struct card {
	char *id;
	char *stage; /* stage id */
	char *lane;  /* lane id */
	char *title;
	char *notes;
	char *owner;   /* department id */
	char *channel; /* channel id */
	struct strlist personas; /* persona ids */
	int emotion;             /* -2..+2, has_emotion */
	bool has_emotion;
	char *event; /* event name for touchpoint counts */
	int votes;   /* has_votes */
	bool has_votes;
	struct strlist tags;
	struct node *extra;
	struct srcpos pos;
};

enum time_unit {
	TIME_UNIT_UNSET = 0, /* absent: seconds for integers */
	TIME_UNIT_S,
	TIME_UNIT_MS,
};

/* The `events:` block: where the attached event store is and which of its
 * columns mean what.  All strings NULL when absent. */
struct events_config {
	bool present;
	char *store; /* path, relative to the map file */
	char *table;
	char *user;
	char *name;
	char *time;
	enum time_unit time_unit;
	char *segment;
	char *channel;
	char *window; /* duration text, e.g. "7d" */
	struct node *extra;
	struct srcpos pos;
};

struct map {
	int version; /* the file's `waymark:` value */
	char *title;
	char *summary;

	struct persona *personas;
	size_t persona_count, persona_cap;
	struct department *departments;
	size_t department_count, department_cap;
	struct channel *channels;
	size_t channel_count, channel_cap;
	struct stage *stages;
	size_t stage_count, stage_cap;
	struct lane *lanes;
	size_t lane_count, lane_cap;
	struct card *cards;
	size_t card_count, card_cap;

	struct events_config events;
	struct node *extra; /* unknown top-level keys */
};

/* --- strlist ------------------------------------------------------------ */

void strlist_append(struct strlist *l, const char *s); /* copies s */
void strlist_free(struct strlist *l);
void strlist_copy(struct strlist *dst, const struct strlist *src);
bool strlist_equal(const struct strlist *a, const struct strlist *b);
/* Index of s in l, or -1. */
long strlist_index(const struct strlist *l, const char *s);
void strlist_remove_at(struct strlist *l, size_t index);

/* --- the map ------------------------------------------------------------ */

/* An empty map (version MAP_FORMAT_VERSION, no entities).  Caller owns it
 * and frees it with map_destroy. */
struct map *map_create(void);
void map_destroy(struct map *m);
/* Deep copy. */
struct map *map_clone(const struct map *m);
/* Same content (positions ignored). */
bool map_equal(const struct map *a, const struct map *b);

/* Per-entity copy, free and compare.  *_copy fills dst (whose old contents
 * are NOT freed) with a deep copy of src.  *_free releases what the entity
 * owns (not the struct itself) and zeroes it. */
void persona_copy(struct persona *dst, const struct persona *src);
void persona_free(struct persona *p);
bool persona_equal(const struct persona *a, const struct persona *b);
void department_copy(struct department *dst, const struct department *src);
void department_free(struct department *d);
bool department_equal(const struct department *a, const struct department *b);
void channel_copy(struct channel *dst, const struct channel *src);
void channel_free(struct channel *c);
bool channel_equal(const struct channel *a, const struct channel *b);
void stage_copy(struct stage *dst, const struct stage *src);
void stage_free(struct stage *s);
bool stage_equal(const struct stage *a, const struct stage *b);
void lane_copy(struct lane *dst, const struct lane *src);
void lane_free(struct lane *l);
bool lane_equal(const struct lane *a, const struct lane *b);
void card_copy(struct card *dst, const struct card *src);
void card_free(struct card *c);
bool card_equal(const struct card *a, const struct card *b);
void events_config_copy(struct events_config *dst,
    const struct events_config *src);
void events_config_free(struct events_config *e);
bool events_config_equal(const struct events_config *a,
    const struct events_config *b);

/* Index of the entity with this id, or -1. */
long map_persona_index(const struct map *m, const char *id);
long map_department_index(const struct map *m, const char *id);
long map_channel_index(const struct map *m, const char *id);
long map_stage_index(const struct map *m, const char *id);
long map_lane_index(const struct map *m, const char *id);
long map_card_index(const struct map *m, const char *id);

/* Append a deep copy of the entity; returns its index.  No checks: this is
 * for the loader and tests.  Interactive edits use edit.h. */
size_t map_add_persona(struct map *m, const struct persona *p);
size_t map_add_department(struct map *m, const struct department *d);
size_t map_add_channel(struct map *m, const struct channel *c);
size_t map_add_stage(struct map *m, const struct stage *s);
size_t map_add_lane(struct map *m, const struct lane *l);
size_t map_add_card(struct map *m, const struct card *c);

/* True if a lane of this kind holds cards (emotion and metrics do not). */
bool lane_kind_holds_cards(enum lane_kind kind);
/* The file spelling of a lane kind ("touchpoints", ...), and back.
 * lane_kind_parse returns -1 for an unknown name. */
const char *lane_kind_name(enum lane_kind kind);
int lane_kind_parse(const char *name);
const char *channel_kind_name(enum channel_kind kind); /* NULL for UNSET */
int channel_kind_parse(const char *name);             /* -1 if unknown */

/* True if s is a valid id: 1..MAP_ID_MAX bytes of [a-z0-9_-]. */
bool map_id_valid(const char *s);
/*
 * A new id for an entity named `name` that no entity of the same kind in
 * `taken` uses: lowercase ASCII letters and digits of the name joined by
 * '-', else `fallback`, with -2, -3, ... appended when taken.  `taken_fn`
 * says whether an id is taken.  Caller frees the result.
 */
char *map_make_id(const char *name, const char *fallback,
    bool (*taken_fn)(const struct map *, const char *), const struct map *m);
bool map_card_id_taken(const struct map *m, const char *id);
bool map_stage_id_taken(const struct map *m, const char *id);
bool map_lane_id_taken(const struct map *m, const char *id);
bool map_persona_id_taken(const struct map *m, const char *id);
bool map_department_id_taken(const struct map *m, const char *id);
bool map_channel_id_taken(const struct map *m, const char *id);

#endif
