/*
 * mapfields.c - the field tables shared by the YAML loader and saver (see
 * mapfields.h).  The order of each table is the canonical key order of
 * waymark-map(5).
 */
#include "io/mapfields.h"

#define F(st, key, type, member, expect)                                  \
	{ key, type, offsetof(struct st, member), MAPFIELD_NO_FLAG, expect }
#define FH(st, key, type, member, flag, expect)                           \
	{ key, type, offsetof(struct st, member), offsetof(struct st, flag), \
	    expect }

#define TEXT "text"
#define LIST "a list of strings"

static const struct mapfield persona_fields[] = {
	F(persona, "id", MAPFIELD_STR, id, TEXT),
	F(persona, "name", MAPFIELD_STR, name, TEXT),
	FH(persona, "age", MAPFIELD_INT, age, has_age, "an integer"),
	F(persona, "occupation", MAPFIELD_STR, occupation, TEXT),
	F(persona, "description", MAPFIELD_STR, description, TEXT),
	F(persona, "goals", MAPFIELD_LIST, goals, LIST),
	F(persona, "frustrations", MAPFIELD_LIST, frustrations, LIST),
	F(persona, "quote", MAPFIELD_STR, quote, TEXT),
	F(persona, "segment", MAPFIELD_STR, segment, TEXT),
	F(persona, "color", MAPFIELD_STR, color, TEXT),
};

static const struct mapfield department_fields[] = {
	F(department, "id", MAPFIELD_STR, id, TEXT),
	F(department, "name", MAPFIELD_STR, name, TEXT),
	F(department, "color", MAPFIELD_STR, color, TEXT),
};

static const struct mapfield channel_fields[] = {
	F(channel, "id", MAPFIELD_STR, id, TEXT),
	F(channel, "name", MAPFIELD_STR, name, TEXT),
	F(channel, "kind", MAPFIELD_CHANNEL_KIND, kind, "one of"),
};

static const struct mapfield stage_fields[] = {
	F(stage, "id", MAPFIELD_STR, id, TEXT),
	F(stage, "name", MAPFIELD_STR, name, TEXT),
	F(stage, "description", MAPFIELD_STR, description, TEXT),
	F(stage, "events", MAPFIELD_LIST, events, LIST),
	FH(stage, "target", MAPFIELD_NUM, target, has_target,
	    "a number from 0 to 1"),
};

static const struct mapfield lane_fields[] = {
	F(lane, "id", MAPFIELD_STR, id, TEXT),
	F(lane, "name", MAPFIELD_STR, name, TEXT),
	FH(lane, "kind", MAPFIELD_LANE_KIND, kind, has_kind, "one of"),
};

static const struct mapfield card_fields[] = {
	F(card, "id", MAPFIELD_STR, id, TEXT),
	F(card, "stage", MAPFIELD_STR, stage, TEXT),
	F(card, "lane", MAPFIELD_STR, lane, TEXT),
	F(card, "title", MAPFIELD_STR, title, TEXT),
	F(card, "notes", MAPFIELD_STR, notes, TEXT),
	F(card, "owner", MAPFIELD_STR, owner, TEXT),
	F(card, "channel", MAPFIELD_STR, channel, TEXT),
	F(card, "personas", MAPFIELD_LIST, personas, LIST),
	FH(card, "emotion", MAPFIELD_INT, emotion, has_emotion,
	    "an integer from -2 to 2"),
	F(card, "event", MAPFIELD_STR, event, TEXT),
	FH(card, "votes", MAPFIELD_INT, votes, has_votes, "an integer"),
	F(card, "tags", MAPFIELD_LIST, tags, LIST),
};

static const struct mapfield events_fields[] = {
	F(events_config, "store", MAPFIELD_STR, store, TEXT),
	F(events_config, "table", MAPFIELD_STR, table, TEXT),
	F(events_config, "user", MAPFIELD_STR, user, TEXT),
	F(events_config, "name", MAPFIELD_STR, name, TEXT),
	F(events_config, "time", MAPFIELD_STR, time, TEXT),
	F(events_config, "time_unit", MAPFIELD_TIME_UNIT, time_unit, "one of"),
	F(events_config, "segment", MAPFIELD_STR, segment, TEXT),
	F(events_config, "channel", MAPFIELD_STR, channel, TEXT),
	F(events_config, "window", MAPFIELD_STR, window, TEXT),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define ENTITY(st, name, list, fields, arr)                                \
	{ name, list, fields, COUNT(fields), sizeof(struct st),             \
	    offsetof(struct map, arr), offsetof(struct map, st##_count),    \
	    offsetof(struct map, st##_cap), offsetof(struct st, id),        \
	    offsetof(struct st, extra), offsetof(struct st, pos) }

const struct mapentity mapfields_entities[MAPFIELDS_ENTITY_COUNT] = {
	ENTITY(persona, "persona", "personas", persona_fields, personas),
	ENTITY(department, "department", "departments", department_fields,
	    departments),
	ENTITY(channel, "channel", "channels", channel_fields, channels),
	ENTITY(stage, "stage", "stages", stage_fields, stages),
	ENTITY(lane, "lane", "lanes", lane_fields, lanes),
	ENTITY(card, "card", "cards", card_fields, cards),
};

const struct mapentity mapfields_events = {
	"events", "events", events_fields, COUNT(events_fields),
	sizeof(struct events_config), 0, 0, 0, 0,
	offsetof(struct events_config, extra),
	offsetof(struct events_config, pos),
};

const char *
mapfields_enum_words(enum mapfield_type type)
{
	switch (type) {
	case MAPFIELD_LANE_KIND:
		return "touchpoints, actions, thoughts, pains, opportunities, "
		    "backstage, text, emotion, metrics";
	case MAPFIELD_CHANNEL_KIND:
		return "online, offline";
	case MAPFIELD_TIME_UNIT:
		return "s, ms";
	default:
		return "";
	}
}
