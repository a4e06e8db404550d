/*
 * test_validate.c - validate_map, one test per rule of waymark-map(5):
 * each breaks one thing in an otherwise clean map and checks the one
 * finding that results (severity, message, line and column), since the
 * message is what a user reads.  Plus the duration parser.
 *
 * Maps are built with map_add_* and given file positions by hand, as the
 * loader would, so that the places in the findings can be checked.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/map.h"
#include "model/validate.h"
#include "util/xalloc.h"

/* --- a clean map, each entity on its own line --------------------------- */

static void
add_persona(struct map *m, const char *id, int line)
{
	struct persona p;

	memset(&p, 0, sizeof p);
	p.id = (char *)id;
	p.name = (char *)"Someone";
	p.has_age = true;
	p.age = 34;
	p.pos.line = line;
	p.pos.col = 5;
	map_add_persona(m, &p);
}

static void
add_department(struct map *m, const char *id, int line)
{
	struct department d;

	memset(&d, 0, sizeof d);
	d.id = (char *)id;
	d.name = (char *)"Department";
	d.pos.line = line;
	d.pos.col = 5;
	map_add_department(m, &d);
}

static void
add_channel(struct map *m, const char *id, enum channel_kind kind, int line)
{
	struct channel c;

	memset(&c, 0, sizeof c);
	c.id = (char *)id;
	c.name = (char *)"Channel";
	c.kind = kind;
	c.pos.line = line;
	c.pos.col = 5;
	map_add_channel(m, &c);
}

static void
add_stage(struct map *m, const char *id, const char *event, int line)
{
	struct stage s;

	memset(&s, 0, sizeof s);
	s.id = (char *)id;
	s.name = (char *)"Stage";
	if (event != NULL)
		strlist_append(&s.events, event);
	s.pos.line = line;
	s.pos.col = 5;
	map_add_stage(m, &s);
	strlist_free(&s.events);
}

static void
add_lane(struct map *m, const char *id, enum lane_kind kind, int line)
{
	struct lane l;

	memset(&l, 0, sizeof l);
	l.id = (char *)id;
	l.name = (char *)"Lane";
	l.kind = kind;
	l.has_kind = true;
	l.pos.line = line;
	l.pos.col = 5;
	map_add_lane(m, &l);
}

static void
add_card(struct map *m, const char *id, const char *stage, const char *lane,
    int line)
{
	struct card c;

	memset(&c, 0, sizeof c);
	c.id = (char *)id;
	c.stage = (char *)stage;
	c.lane = (char *)lane;
	c.title = (char *)"A touchpoint";
	c.pos.line = line;
	c.pos.col = 5;
	map_add_card(m, &c);
}

/*
 * Lines: personas 10-11, departments 20-22, channels 30-31, stages 40-44,
 * lanes 50-53, cards 60-62.
 */
static struct map *
clean_map(void)
{
	struct map *m = map_create();
	struct card *c;

	m->title = xstrdup("Sneakers");
	add_persona(m, "runner", 10);
	add_persona(m, "parent", 11);
	add_department(m, "marketing", 20);
	add_department(m, "sales", 21);
	add_department(m, "care", 22);
	add_channel(m, "social", CHANNEL_ONLINE, 30);
	add_channel(m, "shop", CHANNEL_OFFLINE, 31);
	add_stage(m, "discovery", "landing_view", 40);
	add_stage(m, "research", "product_view", 41);
	add_stage(m, "exploration", "compare_view", 42);
	add_stage(m, "purchase", "order_placed", 43);
	add_stage(m, "loyalty", "repeat_order", 44);
	m->stages[1].has_target = true;
	m->stages[1].target = 0.6;
	add_lane(m, "touchpoints", LANE_TOUCHPOINTS, 50);
	add_lane(m, "feelings", LANE_EMOTION, 51);
	add_lane(m, "measured", LANE_METRICS, 52);
	add_lane(m, "pains", LANE_PAINS, 53);
	add_card(m, "ig-ad", "discovery", "touchpoints", 60);
	add_card(m, "size-chart", "research", "pains", 61);
	add_card(m, "checkout", "purchase", "touchpoints", 62);
	c = &m->cards[0];
	c->owner = xstrdup("marketing");
	c->channel = xstrdup("social");
	strlist_append(&c->personas, "runner");
	strlist_append(&c->personas, "parent");
	c->has_emotion = true;
	c->emotion = 1;
	c->has_votes = true;
	c->votes = 3;
	return m;
}

static void
set_events(struct map *m)
{
	struct events_config *e = &m->events;

	e->present = true;
	e->store = xstrdup("sneakers-events.db");
	e->table = xstrdup("events");
	e->user = xstrdup("user_id");
	e->name = xstrdup("event");
	e->time = xstrdup("ts");
	e->window = xstrdup("7d");
	e->pos.line = 70;
	e->pos.col = 1;
}

static void
set_str(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

/* --- checking findings -------------------------------------------------- */

static void
print_findings(const struct diaglist *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		print_message("  %d:%d: %s: %s\n", l->items[i].line,
		    l->items[i].col, diag_severity_name(l->items[i].severity),
		    l->items[i].message);
}

/* Validate m (and free it): exactly one finding, this one. */
static void
expect_one(struct map *m, enum diag_severity sev, int line, int col,
    const char *message)
{
	struct diaglist l = { 0, 0, NULL };
	size_t errors;

	errors = validate_map(m, &l);
	if (l.count != 1)
		print_findings(&l);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].message, message);
	assert_string_equal(diag_severity_name(l.items[0].severity),
	    diag_severity_name(sev));
	assert_int_equal(l.items[0].line, line);
	assert_int_equal(l.items[0].col, col);
	assert_int_equal(errors, sev == DIAG_ERROR ? 1 : 0);
	diaglist_free(&l);
	map_destroy(m);
}

/* Validate m (and free it): no findings at all. */
static void
expect_none(struct map *m)
{
	struct diaglist l = { 0, 0, NULL };

	assert_int_equal(validate_map(m, &l), 0);
	if (l.count != 0)
		print_findings(&l);
	assert_int_equal(l.count, 0);
	diaglist_free(&l);
	map_destroy(m);
}

/* --- the clean map ------------------------------------------------------ */

static void
test_clean_map_has_no_findings(void **state)
{
	(void)state;
	expect_none(clean_map());
}

static void
test_clean_map_with_events_has_no_findings(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_events(m);
	expect_none(m);
}

static void
test_same_id_in_two_kinds_is_fine(void **state)
{
	struct map *m = clean_map();

	(void)state;
	add_card(m, "research", "research", "touchpoints", 63);
	add_persona(m, "social", 12);
	expect_none(m);
}

/* --- ids ---------------------------------------------------------------- */

static void
test_missing_id(void **state)
{
	struct map *m = clean_map();

	(void)state;
	free(m->cards[1].id);
	m->cards[1].id = NULL;
	expect_one(m, DIAG_ERROR, 61, 5, "card #2: missing id");

	m = clean_map();
	set_str(&m->departments[2].id, "");
	expect_one(m, DIAG_ERROR, 22, 5, "department #3: missing id");
}

static void
test_invalid_id(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_str(&m->cards[0].id, "Ig-ad");
	/* References to the card do not exist, so nothing else complains. */
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'Ig-ad': invalid id: 'I' is not allowed (use a-z, 0-9, '-' "
	    "and '_'); try 'ig-ad'");

	m = clean_map();
	set_str(&m->personas[0].id, "marta rossi");
	set_str(&m->cards[0].personas.items[0], "marta rossi");
	expect_one(m, DIAG_ERROR, 10, 5,
	    "persona 'marta rossi': invalid id: a space is not allowed (use "
	    "a-z, 0-9, '-' and '_'); try 'marta-rossi'");

	/* The suggestion is free: not the id of another card. */
	m = clean_map();
	set_str(&m->cards[1].id, "IG AD");
	expect_one(m, DIAG_ERROR, 61, 5,
	    "card 'IG AD': invalid id: 'I' is not allowed (use a-z, 0-9, '-' "
	    "and '_'); try 'ig-ad-2'");

	m = clean_map();
	set_str(&m->channels[1].id, "caff\xc3\xa8");
	expect_one(m, DIAG_ERROR, 31, 5,
	    "channel 'caff\xc3\xa8': invalid id: only a-z, 0-9, '-' and '_' "
	    "are allowed; try 'caff'");
}

static void
test_id_too_long(void **state)
{
	struct map *m = clean_map();
	char id[MAP_ID_MAX + 2], expected[200];

	(void)state;
	memset(id, 'a', MAP_ID_MAX);
	id[MAP_ID_MAX] = '\0';
	set_str(&m->cards[2].id, id);
	expect_none(m); /* exactly the limit is fine */

	/* One more is refused, and the label shows the first 64 bytes. */
	m = clean_map();
	memset(id, 'a', MAP_ID_MAX + 1);
	id[MAP_ID_MAX + 1] = '\0';
	set_str(&m->cards[2].id, id);
	id[MAP_ID_MAX] = '\0';
	snprintf(expected, sizeof expected, "card '%s...': id is 65 bytes "
	    "long; the most is 64", id);
	expect_one(m, DIAG_ERROR, 62, 5, expected);
}

static void
test_control_characters_are_escaped(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_str(&m->cards[0].id, "a\nb\x1b[2J");
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'a\\x0ab\\x1b[2J': invalid id: only a-z, 0-9, '-' and '_' "
	    "are allowed; try 'a-b-2j'");
}

static void
test_duplicate_id_names_the_first_line(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_str(&m->stages[3].id, "research");
	set_str(&m->cards[2].stage, "research");
	expect_one(m, DIAG_ERROR, 43, 5,
	    "stage 'research': duplicate id: another stage 'research' is at "
	    "line 41");

	m = clean_map();
	add_card(m, "ig-ad", "loyalty", "pains", 63);
	expect_one(m, DIAG_ERROR, 63, 5,
	    "card 'ig-ad': duplicate id: another card 'ig-ad' is at line 60");
}

static void
test_duplicate_id_without_positions(void **state)
{
	struct map *m = clean_map();
	struct diaglist l = { 0, 0, NULL };

	(void)state;
	add_card(m, "ig-ad", "loyalty", "pains", 0);
	add_card(m, "ig-ad", "loyalty", "pains", 0);
	m->cards[0].pos.line = 0;
	assert_int_equal(validate_map(m, &l), 2);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.items[0].message,
	    "card 'ig-ad': duplicate id: card #1 is also 'ig-ad'");
	assert_string_equal(l.items[1].message,
	    "card 'ig-ad': duplicate id: card #1 is also 'ig-ad'");
	assert_int_equal(l.items[0].line, 0);
	diaglist_free(&l);
	map_destroy(m);
}

static void
test_every_kind_checks_ids(void **state)
{
	static const char *const expected[] = {
		"persona 'parent': duplicate id: another persona 'parent' is "
		"at line 11",
		"department 'sales': duplicate id: another department 'sales' "
		"is at line 21",
		"channel 'shop': duplicate id: another channel 'shop' is at "
		"line 31",
		"stage 'loyalty': duplicate id: another stage 'loyalty' is at "
		"line 44",
		"lane 'pains': duplicate id: another lane 'pains' is at line "
		"53",
		"card 'checkout': duplicate id: another card 'checkout' is at "
		"line 62",
	};
	struct map *m = clean_map();
	struct diaglist l = { 0, 0, NULL };
	size_t i;

	(void)state;
	add_persona(m, "parent", 90);
	add_department(m, "sales", 91);
	add_channel(m, "shop", CHANNEL_OFFLINE, 92);
	add_stage(m, "loyalty", "x", 93);
	add_lane(m, "pains", LANE_PAINS, 94);
	add_card(m, "checkout", "loyalty", "pains", 95);
	assert_int_equal(validate_map(m, &l), 6);
	assert_int_equal(l.count, 6);
	for (i = 0; i < 6; i++) {
		assert_string_equal(l.items[i].message, expected[i]);
		assert_int_equal(l.items[i].line, 90 + (int)i);
	}
	diaglist_free(&l);
	map_destroy(m);
}

/* --- references --------------------------------------------------------- */

static void
test_stage_reference_with_suggestion(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_str(&m->cards[0].stage, "discovry");
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'ig-ad': stage 'discovry' does not exist (stages: discovery, "
	    "research, exploration, purchase, loyalty); did you mean "
	    "'discovery'?");
}

static void
test_stage_reference_without_suggestion(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_str(&m->cards[0].stage, "checkout");
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'ig-ad': stage 'checkout' does not exist (stages: discovery, "
	    "research, exploration, purchase, loyalty)");
}

static void
test_short_reference_gets_no_wild_suggestion(void **state)
{
	struct map *m = map_create();

	(void)state;
	add_stage(m, "ab", NULL, 2);
	add_lane(m, "l", LANE_TEXT, 3);
	add_card(m, "c", "x", "l", 4);
	/* "x" is 2 edits from "ab" but shares nothing with it. */
	expect_one(m, DIAG_ERROR, 4, 5,
	    "card 'c': stage 'x' does not exist (stages: ab)");
}

static void
test_candidates_are_capped_at_eight(void **state)
{
	struct map *m = clean_map();
	char id[32];
	int i;

	(void)state;
	for (i = 0; i < 6; i++) {
		snprintf(id, sizeof id, "extra-%d", i);
		add_stage(m, id, "e", 45);
	}
	set_str(&m->cards[0].stage, "nowhere");
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'ig-ad': stage 'nowhere' does not exist (stages: discovery, "
	    "research, exploration, purchase, loyalty, extra-0, extra-1, "
	    "extra-2, ...)");
}

static void
test_suggestion_beyond_the_listed_candidates(void **state)
{
	struct map *m = clean_map();
	char id[32];
	int i;

	(void)state;
	for (i = 0; i < 6; i++) {
		snprintf(id, sizeof id, "extra-%d", i);
		add_stage(m, id, "e", 45);
	}
	set_str(&m->cards[0].stage, "extra_5");
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'ig-ad': stage 'extra_5' does not exist (stages: discovery, "
	    "research, exploration, purchase, loyalty, extra-0, extra-1, "
	    "extra-2, ...); did you mean 'extra-5'?");
}

static void
test_lane_reference(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_str(&m->cards[1].lane, "pain");
	expect_one(m, DIAG_ERROR, 61, 5,
	    "card 'size-chart': lane 'pain' does not exist (lanes: "
	    "touchpoints, feelings, measured, pains); did you mean 'pains'?");
}

static void
test_no_candidates_at_all(void **state)
{
	struct map *m = clean_map();
	size_t i;

	(void)state;
	for (i = 0; i < m->persona_count; i++)
		persona_free(&m->personas[i]);
	m->persona_count = 0;
	strlist_free(&m->cards[0].personas);
	strlist_append(&m->cards[0].personas, "runner");
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'ig-ad': persona 'runner' does not exist (there are no "
	    "personas)");
}

static void
test_missing_stage_and_lane(void **state)
{
	struct map *m = clean_map();

	(void)state;
	free(m->cards[2].stage);
	m->cards[2].stage = NULL;
	expect_one(m, DIAG_ERROR, 62, 5,
	    "card 'checkout': no stage (every card sits in a stage and a "
	    "lane)");

	m = clean_map();
	set_str(&m->cards[2].lane, "");
	expect_one(m, DIAG_ERROR, 62, 5,
	    "card 'checkout': no lane (every card sits in a stage and a "
	    "lane)");
}

static void
test_owner_reference(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_str(&m->cards[0].owner, "markting");
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'ig-ad': owner 'markting' is not a department (departments: "
	    "marketing, sales, care); did you mean 'marketing'?");
}

static void
test_channel_reference(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_str(&m->cards[0].channel, "web");
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'ig-ad': channel 'web' does not exist (channels: social, "
	    "shop)");
}

static void
test_persona_reference(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_str(&m->cards[0].personas.items[1], "parnet");
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'ig-ad': persona 'parnet' does not exist (personas: runner, "
	    "parent); did you mean 'parent'?");
}

static void
test_persona_listed_twice(void **state)
{
	struct map *m = clean_map();

	(void)state;
	strlist_append(&m->cards[0].personas, "runner");
	expect_one(m, DIAG_WARNING, 60, 5,
	    "card 'ig-ad': persona 'runner' is listed twice");
}

static void
test_cards_in_emotion_and_metrics_lanes(void **state)
{
	struct map *m = clean_map();

	(void)state;
	set_str(&m->cards[1].lane, "feelings");
	expect_one(m, DIAG_ERROR, 61, 5,
	    "card 'size-chart': lane 'feelings' is an emotion lane, which "
	    "holds no cards");

	m = clean_map();
	set_str(&m->cards[1].lane, "measured");
	expect_one(m, DIAG_ERROR, 61, 5,
	    "card 'size-chart': lane 'measured' is a metrics lane, which "
	    "holds no cards");
}

/* --- ranges ------------------------------------------------------------- */

static void
test_emotion_range(void **state)
{
	struct map *m;
	int e;

	(void)state;
	for (e = CARD_EMOTION_MIN; e <= CARD_EMOTION_MAX; e++) {
		m = clean_map();
		m->cards[0].emotion = e;
		expect_none(m);
	}
	m = clean_map();
	m->cards[0].emotion = 3;
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'ig-ad': emotion 3 is outside -2..+2");
	m = clean_map();
	m->cards[0].emotion = -3;
	expect_one(m, DIAG_ERROR, 60, 5,
	    "card 'ig-ad': emotion -3 is outside -2..+2");
	/* An absent emotion is not checked. */
	m = clean_map();
	m->cards[0].emotion = 9;
	m->cards[0].has_emotion = false;
	expect_none(m);
}

static void
test_target_range(void **state)
{
	struct map *m;

	(void)state;
	m = clean_map();
	m->stages[2].has_target = true;
	m->stages[2].target = 0.0;
	m->stages[3].has_target = true;
	m->stages[3].target = 1.0;
	expect_none(m);

	m = clean_map();
	m->stages[2].has_target = true;
	m->stages[2].target = 1.5;
	expect_one(m, DIAG_ERROR, 42, 5,
	    "stage 'exploration': target 1.5 is outside 0..1 (it is the share "
	    "of users expected to come from the previous stage)");
	m = clean_map();
	m->stages[2].has_target = true;
	m->stages[2].target = -0.25;
	expect_one(m, DIAG_ERROR, 42, 5,
	    "stage 'exploration': target -0.25 is outside 0..1 (it is the "
	    "share of users expected to come from the previous stage)");
	m = clean_map();
	m->stages[2].has_target = true;
	m->stages[2].target = NAN;
	expect_one(m, DIAG_ERROR, 42, 5,
	    "stage 'exploration': target nan is outside 0..1 (it is the "
	    "share of users expected to come from the previous stage)");
}

static void
test_age_and_votes_not_negative(void **state)
{
	struct map *m;

	(void)state;
	m = clean_map();
	m->personas[1].has_age = true;
	m->personas[1].age = 0;
	m->cards[0].votes = 0;
	expect_none(m);

	m = clean_map();
	m->personas[1].age = -1;
	expect_one(m, DIAG_ERROR, 11, 5,
	    "persona 'parent': age -1 is negative");
	m = clean_map();
	m->cards[0].votes = -2;
	expect_one(m, DIAG_ERROR, 60, 5, "card 'ig-ad': votes -2 is negative");
}

static void
test_enum_ranges(void **state)
{
	struct map *m;

	(void)state;
	m = clean_map();
	m->channels[0].kind = (enum channel_kind)7;
	expect_one(m, DIAG_ERROR, 30, 5,
	    "channel 'social': kind 7 is not online or offline");
	m = clean_map();
	m->lanes[3].kind = LANE_KIND_COUNT;
	expect_one(m, DIAG_ERROR, 53, 5,
	    "lane 'pains': kind 9 is not a lane kind");
	m = clean_map();
	set_events(m);
	m->events.time_unit = (enum time_unit)5;
	expect_one(m, DIAG_ERROR, 70, 1, "events: time_unit 5 is not s or ms");
}

static void
test_card_without_title_is_a_warning(void **state)
{
	struct map *m = clean_map();

	(void)state;
	free(m->cards[1].title);
	m->cards[1].title = NULL;
	expect_one(m, DIAG_WARNING, 61, 5, "card 'size-chart': no title");
	m = clean_map();
	set_str(&m->cards[1].title, "");
	expect_one(m, DIAG_WARNING, 61, 5, "card 'size-chart': no title");
}

/* --- stages, lanes and the events block --------------------------------- */

static void
test_stage_without_events(void **state)
{
	struct map *m = clean_map();

	(void)state;
	strlist_free(&m->stages[4].events);
	expect_none(m); /* no store attached: nothing to say */

	m = clean_map();
	set_events(m);
	strlist_free(&m->stages[4].events);
	expect_one(m, DIAG_NOTE, 44, 5,
	    "stage 'loyalty': no events: the funnel cannot measure this stage");
}

static void
test_events_block_required_keys(void **state)
{
	static const struct {
		size_t off;
		const char *message;
	} cases[] = {
		{ offsetof(struct events_config, store),
		  "events: missing 'store' (the event store's path, relative "
		  "to the map)" },
		{ offsetof(struct events_config, table),
		  "events: missing 'table' (the table holding the events)" },
		{ offsetof(struct events_config, user),
		  "events: missing 'user' (the column identifying the user)" },
		{ offsetof(struct events_config, name),
		  "events: missing 'name' (the column holding the event "
		  "name)" },
		{ offsetof(struct events_config, time),
		  "events: missing 'time' (the column holding the event "
		  "time)" },
	};
	struct map *m;
	char **field;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		m = clean_map();
		set_events(m);
		field = (char **)(void *)((char *)&m->events + cases[i].off);
		free(*field);
		*field = NULL;
		expect_one(m, DIAG_ERROR, 70, 1, cases[i].message);
		m = clean_map();
		set_events(m);
		field = (char **)(void *)((char *)&m->events + cases[i].off);
		set_str(field, "");
		expect_one(m, DIAG_ERROR, 70, 1, cases[i].message);
	}
	/* segment, channel and window are optional */
	m = clean_map();
	set_events(m);
	free(m->events.window);
	m->events.window = NULL;
	expect_none(m);
}

static void
test_events_window(void **state)
{
	struct map *m;

	(void)state;
	m = clean_map();
	set_events(m);
	set_str(&m->events.window, "7 days");
	expect_one(m, DIAG_ERROR, 70, 1,
	    "events: window: invalid duration '7 days': write a whole number "
	    "and one unit letter, with no space: 90s, 45m, 36h, 7d or 2w");
	m = clean_map();
	set_events(m);
	set_str(&m->events.window, "0d");
	expect_one(m, DIAG_ERROR, 70, 1,
	    "events: window: duration '0d' is zero: it must be more than zero");
}

static void
test_no_stages_no_lanes(void **state)
{
	struct map *m = map_create();
	struct diaglist l = { 0, 0, NULL };

	(void)state;
	assert_int_equal(validate_map(m, &l), 0);
	assert_int_equal(l.count, 2);
	assert_int_equal(l.items[0].severity, DIAG_WARNING);
	assert_string_equal(l.items[0].message,
	    "map: no stages: the board has no columns");
	assert_int_equal(l.items[0].line, 1);
	assert_int_equal(l.items[0].col, 1);
	assert_int_equal(l.items[1].severity, DIAG_WARNING);
	assert_string_equal(l.items[1].message,
	    "map: no lanes: the board has no rows");
	diaglist_free(&l);
	map_destroy(m);

	m = map_create();
	add_lane(m, "l", LANE_TEXT, 3);
	expect_one(m, DIAG_WARNING, 1, 1,
	    "map: no stages: the board has no columns");
}

static void
test_format_version(void **state)
{
	struct map *m = clean_map();

	(void)state;
	m->version = MAP_FORMAT_VERSION + 1;
	expect_one(m, DIAG_ERROR, 1, 1,
	    "map: format version 2 is not supported (this waymark reads "
	    "version 1)");
}

/* --- unknown keys ------------------------------------------------------- */

static void
test_unknown_keys_are_notes(void **state)
{
	struct map *m = clean_map();
	struct diaglist l = { 0, 0, NULL };

	(void)state;
	set_events(m);
	m->cards[1].extra = node_new(NODE_MAP);
	node_map_append(m->cards[1].extra, "jira", node_scalar("WM-12", true));
	node_map_append(m->cards[1].extra, "url", node_scalar("https://x",
	    true));
	m->personas[0].extra = node_new(NODE_MAP);
	node_map_append(m->personas[0].extra, "nickname", node_new(NODE_SEQ));
	m->events.extra = node_new(NODE_MAP);
	node_map_append(m->events.extra, "dsn", node_scalar("x", false));
	m->extra = node_new(NODE_MAP);
	node_map_append(m->extra, "owner", node_scalar("team", true));

	assert_int_equal(validate_map(m, &l), 0);
	if (l.count != 5)
		print_findings(&l);
	assert_int_equal(l.count, 5);
	assert_string_equal(l.items[0].message,
	    "map: unknown key 'owner' (kept as is)");
	assert_int_equal(l.items[0].line, 1);
	assert_string_equal(l.items[1].message,
	    "persona 'runner': unknown key 'nickname' (kept as is)");
	assert_int_equal(l.items[1].line, 10);
	assert_string_equal(l.items[2].message,
	    "card 'size-chart': unknown key 'jira' (kept as is)");
	assert_int_equal(l.items[2].line, 61);
	assert_string_equal(l.items[3].message,
	    "card 'size-chart': unknown key 'url' (kept as is)");
	assert_string_equal(l.items[4].message,
	    "events: unknown key 'dsn' (kept as is)");
	assert_int_equal(l.items[4].line, 70);
	assert_int_equal(diaglist_count(&l, DIAG_NOTE), 5);
	diaglist_free(&l);
	map_destroy(m);
}

/* --- order and counting ------------------------------------------------- */

static void
test_findings_come_in_file_order(void **state)
{
	struct map *m = clean_map();
	struct diaglist l = { 0, 0, NULL };

	(void)state;
	/* A file with the cards before the stages: cards on lines 5-7. */
	m->cards[0].pos.line = 5;
	m->cards[1].pos.line = 6;
	m->cards[2].pos.line = 7;
	set_str(&m->cards[2].owner, "nobody");
	m->cards[2].has_emotion = true;
	m->cards[2].emotion = 5;
	m->stages[0].has_target = true;
	m->stages[0].target = 2;
	free(m->cards[0].title);
	m->cards[0].title = NULL;

	assert_int_equal(validate_map(m, &l), 3);
	assert_int_equal(l.count, 4);
	assert_int_equal(l.items[0].line, 5);
	assert_string_equal(l.items[0].message, "card 'ig-ad': no title");
	assert_int_equal(l.items[1].line, 7);
	assert_string_equal(l.items[1].message,
	    "card 'checkout': owner 'nobody' is not a department (departments: "
	    "marketing, sales, care)");
	/* Same place: found in key order. */
	assert_int_equal(l.items[2].line, 7);
	assert_string_equal(l.items[2].message,
	    "card 'checkout': emotion 5 is outside -2..+2");
	assert_int_equal(l.items[3].line, 40);
	assert_int_equal(diaglist_count(&l, DIAG_ERROR), 3);
	assert_int_equal(diaglist_count(&l, DIAG_WARNING), 1);
	assert_int_equal(diaglist_count(&l, DIAG_NOTE), 0);
	diaglist_free(&l);
	map_destroy(m);
}

static void
test_findings_are_appended(void **state)
{
	struct map *m = clean_map();
	struct diaglist l = { 0, 0, NULL };

	(void)state;
	diaglist_add(&l, DIAG_NOTE, 99, 1, "earlier %s", "finding");
	m->cards[0].emotion = 7;
	assert_int_equal(validate_map(m, &l), 1);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.items[0].message, "earlier finding");
	assert_int_equal(l.items[0].line, 99);
	assert_int_equal(l.items[1].line, 60);
	diaglist_free(&l);
	assert_int_equal(l.count, 0);
	map_destroy(m);
}

static void
test_many_findings_at_scale(void **state)
{
	struct map *m = clean_map();
	struct diaglist l = { 0, 0, NULL };
	char id[32];
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		snprintf(id, sizeof id, "card-%d", i % 4000);
		add_card(m, id, "research", "touchpoints", 100 + i);
	}
	/* 1000 duplicates, each reported once at its own line. */
	assert_int_equal(validate_map(m, &l), 1000);
	assert_int_equal(l.count, 1000);
	assert_int_equal(l.items[0].line, 4100);
	assert_string_equal(l.items[0].message,
	    "card 'card-0': duplicate id: another card 'card-0' is at line "
	    "100");
	assert_int_equal(l.items[999].line, 5099);
	diaglist_free(&l);
	map_destroy(m);
}

static void
test_severity_names(void **state)
{
	(void)state;
	assert_string_equal(diag_severity_name(DIAG_ERROR), "error");
	assert_string_equal(diag_severity_name(DIAG_WARNING), "warning");
	assert_string_equal(diag_severity_name(DIAG_NOTE), "note");
}

/* --- durations ---------------------------------------------------------- */

static void
expect_duration(const char *text, long long seconds)
{
	long long got = -1;
	char *cause = NULL;

	if (validate_parse_duration(text, &got, &cause) != 0)
		fail_msg("'%s' refused: %s", text, cause);
	assert_null(cause);
	assert_int_equal(got, seconds);
}

static void
expect_bad_duration(const char *text, const char *message)
{
	long long got = 12345;
	char *cause = NULL;

	assert_int_equal(validate_parse_duration(text, &got, &cause), -1);
	assert_non_null(cause);
	assert_string_equal(cause, message);
	assert_int_equal(got, 12345);
	free(cause);
}

static void
test_duration_units(void **state)
{
	(void)state;
	expect_duration("90s", 90);
	expect_duration("45m", 45 * 60);
	expect_duration("36h", 36 * 3600);
	expect_duration("7d", 7 * 86400);
	expect_duration("2w", 14 * 86400);
	expect_duration("1s", 1);
	expect_duration("007d", 7 * 86400);
	expect_duration("36500d", 36500LL * 86400);
	expect_duration("5214w", 5214LL * 7 * 86400);
}

static void
test_duration_refusals(void **state)
{
	(void)state;
	expect_bad_duration("7 days", "invalid duration '7 days': write a "
	    "whole number and one unit letter, with no space: 90s, 45m, 36h, "
	    "7d or 2w");
	expect_bad_duration("-1d", "duration '-1d' is negative: it must be "
	    "more than zero");
	expect_bad_duration("0d", "duration '0d' is zero: it must be more "
	    "than zero");
	expect_bad_duration("0s", "duration '0s' is zero: it must be more "
	    "than zero");
	expect_bad_duration("7", "duration '7' has no unit: add s, m, h, d or "
	    "w (e.g. 7d)");
	expect_bad_duration("", "empty duration: write a whole number and one "
	    "unit letter, with no space: 90s, 45m, 36h, 7d or 2w");
	expect_bad_duration(NULL, "empty duration: write a whole number and "
	    "one unit letter, with no space: 90s, 45m, 36h, 7d or 2w");
	expect_bad_duration("36501d", "duration '36501d' is too long: the most "
	    "is 36500d (about a century)");
	expect_bad_duration("99999999999999999999999999d", "duration "
	    "'99999999999999999999999999d' is too long: the most is 36500d "
	    "(about a century)");
	expect_bad_duration("9223372036854775807s", "duration "
	    "'9223372036854775807s' is too long: the most is 36500d (about a "
	    "century)");
	expect_bad_duration("0000000000000000000000000000000000000d",
	    "duration '0000000000000000000000000000000000000d' is zero: it "
	    "must be more than zero");
}

static void
test_duration_only_number_and_unit(void **state)
{
	static const char *const bad[] = {
		"d", "7D", "1.5h", "+7d", " 7d", "7d ", "7dd", "7y", "7ms",
		"1h30m", "7\xc3\xa8", "0x10s", "7\n", "--1d",
	};
	long long got;
	char *cause;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		got = 12345;
		if (validate_parse_duration(bad[i], &got, &cause) == 0)
			fail_msg("'%s' accepted as %lld", bad[i], got);
		assert_non_null(cause);
		assert_non_null(strstr(cause, "duration"));
		assert_int_equal(got, 12345);
		free(cause);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_map_has_no_findings),
		cmocka_unit_test(test_clean_map_with_events_has_no_findings),
		cmocka_unit_test(test_same_id_in_two_kinds_is_fine),
		cmocka_unit_test(test_missing_id),
		cmocka_unit_test(test_invalid_id),
		cmocka_unit_test(test_id_too_long),
		cmocka_unit_test(test_control_characters_are_escaped),
		cmocka_unit_test(test_duplicate_id_names_the_first_line),
		cmocka_unit_test(test_duplicate_id_without_positions),
		cmocka_unit_test(test_every_kind_checks_ids),
		cmocka_unit_test(test_stage_reference_with_suggestion),
		cmocka_unit_test(test_stage_reference_without_suggestion),
		cmocka_unit_test(test_short_reference_gets_no_wild_suggestion),
		cmocka_unit_test(test_candidates_are_capped_at_eight),
		cmocka_unit_test(test_suggestion_beyond_the_listed_candidates),
		cmocka_unit_test(test_lane_reference),
		cmocka_unit_test(test_no_candidates_at_all),
		cmocka_unit_test(test_missing_stage_and_lane),
		cmocka_unit_test(test_owner_reference),
		cmocka_unit_test(test_channel_reference),
		cmocka_unit_test(test_persona_reference),
		cmocka_unit_test(test_persona_listed_twice),
		cmocka_unit_test(test_cards_in_emotion_and_metrics_lanes),
		cmocka_unit_test(test_emotion_range),
		cmocka_unit_test(test_target_range),
		cmocka_unit_test(test_age_and_votes_not_negative),
		cmocka_unit_test(test_enum_ranges),
		cmocka_unit_test(test_card_without_title_is_a_warning),
		cmocka_unit_test(test_stage_without_events),
		cmocka_unit_test(test_events_block_required_keys),
		cmocka_unit_test(test_events_window),
		cmocka_unit_test(test_no_stages_no_lanes),
		cmocka_unit_test(test_format_version),
		cmocka_unit_test(test_unknown_keys_are_notes),
		cmocka_unit_test(test_findings_come_in_file_order),
		cmocka_unit_test(test_findings_are_appended),
		cmocka_unit_test(test_many_findings_at_scale),
		cmocka_unit_test(test_severity_names),
		cmocka_unit_test(test_duration_units),
		cmocka_unit_test(test_duration_refusals),
		cmocka_unit_test(test_duration_only_number_and_unit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
