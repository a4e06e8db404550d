/*
 * mapfields.h - the known fields of each map entity, as data.
 *
 * The loader and the saver walk the same tables, so a field is declared
 * once: its key, its type, where it lives in the struct and, for the saver,
 * its place in the canonical key order (the order of the table).  Offsets
 * are byte offsets into the entity struct (struct persona, ...); the
 * entity arrays themselves are found through offsets into struct map, so
 * one generic loop handles personas, departments, channels, stages, lanes
 * and cards.  Private to io/.
 */
#ifndef WAYMARK_MAPFIELDS_H
#define WAYMARK_MAPFIELDS_H

#include <stddef.h>

#include "model/map.h"

enum mapfield_type {
	MAPFIELD_STR,          /* char *, NULL when absent */
	MAPFIELD_INT,          /* int + bool has_* */
	MAPFIELD_NUM,          /* double + bool has_* */
	MAPFIELD_LIST,         /* struct strlist */
	MAPFIELD_LANE_KIND,    /* enum lane_kind + bool has_kind */
	MAPFIELD_CHANNEL_KIND, /* enum channel_kind, CHANNEL_UNSET absent */
	MAPFIELD_TIME_UNIT,    /* enum time_unit, TIME_UNIT_UNSET absent */
};

#define MAPFIELD_NO_FLAG ((size_t)-1)

struct mapfield {
	const char *key;
	enum mapfield_type type;
	size_t offset;      /* of the value in the entity struct */
	size_t has_offset;  /* of the bool has_* flag, or MAPFIELD_NO_FLAG */
	const char *expect; /* what a type error says was expected */
};

struct mapentity {
	const char *name;     /* "card", for messages */
	const char *list_key; /* "cards", the top-level key */
	const struct mapfield *fields;
	size_t field_count;
	size_t size;          /* sizeof the entity struct */
	size_t array_offset;  /* in struct map: the array pointer, */
	size_t count_offset;  /* its count */
	size_t cap_offset;    /* and its capacity */
	size_t id_offset;     /* char *id in the entity */
	size_t extra_offset;  /* struct node *extra */
	size_t pos_offset;    /* struct srcpos pos */
};

/* The six entity lists, in canonical (file) order: personas, departments,
 * channels, stages, lanes, cards. */
#define MAPFIELDS_ENTITY_COUNT 6
extern const struct mapentity mapfields_entities[MAPFIELDS_ENTITY_COUNT];

/* The fields of the `events:` block (struct events_config); array and id
 * offsets are unused. */
extern const struct mapentity mapfields_events;

/* Allowed words of an enum field, joined by ", " (for messages). */
const char *mapfields_enum_words(enum mapfield_type type);

#endif
