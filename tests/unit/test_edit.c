/*
 * test_edit.c - the edit API: every operation on every kind of entity, the
 * refusals (map untouched), id renames that carry their references along,
 * stage and lane deletion with their cards, undo/redo of each, groups, the
 * depth limit, doc_modified across save/undo/redo, the memory a deep
 * history costs, and a randomized run: thousands of random edits, valid
 * and not, on generated maps, checking after each that the map is still
 * valid and that undo and redo bring back exactly the maps seen before.
 *
 * Maps are built with map_add_* (the tests do not depend on the YAML
 * loader).
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

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "model/edit.h"
#include "model/map.h"
#include "model/validate.h"
#include "util/xalloc.h"

/* --- building maps ------------------------------------------------------ */

static struct persona
mk_persona(const char *id)
{
	struct persona p;

	memset(&p, 0, sizeof p);
	p.id = (char *)id;
	p.name = (char *)"Marta, weekend runner";
	return p;
}

static struct department
mk_department(const char *id)
{
	struct department d;

	memset(&d, 0, sizeof d);
	d.id = (char *)id;
	d.name = (char *)"Department";
	return d;
}

static struct channel
mk_channel(const char *id, enum channel_kind kind)
{
	struct channel c;

	memset(&c, 0, sizeof c);
	c.id = (char *)id;
	c.name = (char *)"Channel";
	c.kind = kind;
	return c;
}

static struct stage
mk_stage(const char *id)
{
	struct stage s;

	memset(&s, 0, sizeof s);
	s.id = (char *)id;
	s.name = (char *)"Stage";
	return s;
}

static struct lane
mk_lane(const char *id, enum lane_kind kind)
{
	struct lane l;

	memset(&l, 0, sizeof l);
	l.id = (char *)id;
	l.name = (char *)"Lane";
	l.kind = kind;
	l.has_kind = true;
	return l;
}

static struct card
mk_card(const char *id, const char *stage, const char *lane)
{
	struct card c;

	memset(&c, 0, sizeof c);
	c.id = (char *)id;
	c.stage = (char *)stage;
	c.lane = (char *)lane;
	c.title = (char *)"A touchpoint";
	return c;
}

static void
add_card_full(struct map *m, const char *id, const char *stage,
    const char *lane, const char *owner, const char *channel,
    const char *persona1, const char *persona2)
{
	struct card c = mk_card(id, stage, lane);
	size_t i;

	c.owner = (char *)owner;
	c.channel = (char *)channel;
	i = map_add_card(m, &c);
	if (persona1 != NULL)
		strlist_append(&m->cards[i].personas, persona1);
	if (persona2 != NULL)
		strlist_append(&m->cards[i].personas, persona2);
}

/*
 * personas: runner parent; departments: marketing sales care; channels:
 * social shop; stages: discovery research purchase loyalty; lanes:
 * touchpoints feelings(emotion) pains; cards (in this order):
 *   ig-ad      discovery touchpoints  marketing social [runner parent]
 *   review     research  touchpoints  marketing social [runner]
 *   size-chart research  pains        sales     -      [parent]
 *   checkout   purchase  touchpoints  sales     shop   []
 *   recall     loyalty   touchpoints  care      shop   [runner]
 *   return     research  pains        care      -      []
 */
static struct map *
fixture(void)
{
	struct map *m = map_create();
	struct persona p;
	struct department d;
	struct channel c;
	struct stage s;
	struct lane l;

	m->title = xstrdup("Sneakers");
	p = mk_persona("runner");
	map_add_persona(m, &p);
	p = mk_persona("parent");
	map_add_persona(m, &p);
	d = mk_department("marketing");
	map_add_department(m, &d);
	d = mk_department("sales");
	map_add_department(m, &d);
	d = mk_department("care");
	map_add_department(m, &d);
	c = mk_channel("social", CHANNEL_ONLINE);
	map_add_channel(m, &c);
	c = mk_channel("shop", CHANNEL_OFFLINE);
	map_add_channel(m, &c);
	s = mk_stage("discovery");
	map_add_stage(m, &s);
	s = mk_stage("research");
	map_add_stage(m, &s);
	s = mk_stage("purchase");
	map_add_stage(m, &s);
	s = mk_stage("loyalty");
	map_add_stage(m, &s);
	l = mk_lane("touchpoints", LANE_TOUCHPOINTS);
	map_add_lane(m, &l);
	l = mk_lane("feelings", LANE_EMOTION);
	map_add_lane(m, &l);
	l = mk_lane("pains", LANE_PAINS);
	map_add_lane(m, &l);
	add_card_full(m, "ig-ad", "discovery", "touchpoints", "marketing",
	    "social", "runner", "parent");
	add_card_full(m, "review", "research", "touchpoints", "marketing",
	    "social", "runner", NULL);
	add_card_full(m, "size-chart", "research", "pains", "sales", NULL,
	    "parent", NULL);
	add_card_full(m, "checkout", "purchase", "touchpoints", "sales",
	    "shop", NULL, NULL);
	add_card_full(m, "recall", "loyalty", "touchpoints", "care", "shop",
	    "runner", NULL);
	add_card_full(m, "return", "research", "pains", "care", NULL, NULL,
	    NULL);
	return m;
}

static size_t
errors_of(const struct map *m)
{
	struct diaglist l = { 0, 0, NULL };
	size_t errors, i;

	errors = validate_map(m, &l);
	for (i = 0; i < l.count && errors > 0; i++)
		if (l.items[i].severity == DIAG_ERROR)
			print_message("  %s\n", l.items[i].message);
	diaglist_free(&l);
	return errors;
}

/* The ids of the cards, in order, joined by spaces. */
static const char *
card_order(const struct map *m)
{
	static char buf[1024];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < m->card_count && len < sizeof buf - 80; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
		    i > 0 ? " " : "", m->cards[i].id);
	return buf;
}

/*
 * Undo the last step (whose label must be `label`) and check the map is
 * `before`; redo it and check the map is `after` again.
 */
static void
check_undo_redo(struct doc *d, const struct map *before,
    const struct map *after, const char *label)
{
	const char *got = NULL;

	assert_true(map_equal(d->map, after));
	assert_int_equal(edit_undo(d, &got), 0);
	assert_non_null(got);
	assert_string_equal(got, label);
	assert_true(map_equal(d->map, before));
	got = NULL;
	assert_int_equal(edit_redo(d, &got), 0);
	assert_non_null(got);
	assert_string_equal(got, label);
	assert_true(map_equal(d->map, after));
}

/* --- lookups ------------------------------------------------------------ */

static void
test_entity_lookups(void **state)
{
	struct map *m = fixture();
	const struct card *c;

	(void)state;
	assert_string_equal(entity_kind_name(ENTITY_PERSONA), "persona");
	assert_string_equal(entity_kind_name(ENTITY_DEPARTMENT), "department");
	assert_string_equal(entity_kind_name(ENTITY_CHANNEL), "channel");
	assert_string_equal(entity_kind_name(ENTITY_STAGE), "stage");
	assert_string_equal(entity_kind_name(ENTITY_LANE), "lane");
	assert_string_equal(entity_kind_name(ENTITY_CARD), "card");
	assert_int_equal(entity_count(m, ENTITY_PERSONA), 2);
	assert_int_equal(entity_count(m, ENTITY_DEPARTMENT), 3);
	assert_int_equal(entity_count(m, ENTITY_CHANNEL), 2);
	assert_int_equal(entity_count(m, ENTITY_STAGE), 4);
	assert_int_equal(entity_count(m, ENTITY_LANE), 3);
	assert_int_equal(entity_count(m, ENTITY_CARD), 6);
	assert_int_equal(entity_count(m, ENTITY_KIND_COUNT), 0);
	c = entity_at(m, ENTITY_CARD, 3);
	assert_ptr_equal(c, &m->cards[3]);
	assert_string_equal(c->id, "checkout");
	assert_null(entity_at(m, ENTITY_CARD, 6));
	assert_string_equal(entity_id(m, ENTITY_DEPARTMENT, 2), "care");
	assert_string_equal(entity_id(m, ENTITY_LANE, 1), "feelings");
	assert_null(entity_id(m, ENTITY_LANE, 3));
	assert_int_equal(entity_index(m, ENTITY_STAGE, "purchase"), 2);
	assert_int_equal(entity_index(m, ENTITY_CHANNEL, "shop"), 1);
	assert_int_equal(entity_index(m, ENTITY_PERSONA, "purchase"), -1);
	assert_int_equal(entity_index(m, ENTITY_PERSONA, NULL), -1);
	map_destroy(m);
}

static void
test_fixture_is_valid(void **state)
{
	struct map *m = fixture();

	(void)state;
	assert_int_equal(errors_of(m), 0);
	map_destroy(m);
}

/* --- add ---------------------------------------------------------------- */

static void
test_add_each_kind(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before, *after;
	struct persona p = mk_persona("student");
	struct department dep = mk_department("logistics");
	struct channel ch = mk_channel("app", CHANNEL_ONLINE);
	struct stage s = mk_stage("usage");
	struct lane l = mk_lane("thoughts", LANE_THOUGHTS);
	struct card c = mk_card("unboxing", "usage", "thoughts");
	size_t at = 99;
	char *cause = NULL;

	(void)state;
	s.has_target = true;
	s.target = 0.5;
	c.owner = (char *)"logistics";
	c.channel = (char *)"app";
	c.has_emotion = true;
	c.emotion = 2;

	before = map_clone(d->map);
	assert_int_equal(edit_add(d, ENTITY_PERSONA, 1, &p, &at, &cause), 0);
	assert_null(cause);
	assert_int_equal(at, 1);
	assert_string_equal(d->map->personas[1].id, "student");
	assert_string_equal(d->map->personas[2].id, "parent");
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "add persona 'student'");
	map_destroy(before);
	map_destroy(after);

	/* An index past the end appends. */
	before = map_clone(d->map);
	assert_int_equal(edit_add(d, ENTITY_DEPARTMENT, 1000, &dep, &at,
	    &cause), 0);
	assert_int_equal(at, 3);
	assert_string_equal(d->map->departments[3].id, "logistics");
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "add department 'logistics'");
	map_destroy(before);
	map_destroy(after);

	before = map_clone(d->map);
	assert_int_equal(edit_add(d, ENTITY_CHANNEL, 0, &ch, NULL, &cause), 0);
	assert_string_equal(d->map->channels[0].id, "app");
	assert_int_equal(d->map->channels[0].kind, CHANNEL_ONLINE);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "add channel 'app'");
	map_destroy(before);
	map_destroy(after);

	before = map_clone(d->map);
	assert_int_equal(edit_add(d, ENTITY_STAGE, 4, &s, &at, &cause), 0);
	assert_int_equal(at, 4);
	assert_true(d->map->stages[4].has_target);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "add stage 'usage'");
	map_destroy(before);
	map_destroy(after);

	before = map_clone(d->map);
	assert_int_equal(edit_add(d, ENTITY_LANE, 2, &l, &at, &cause), 0);
	assert_string_equal(d->map->lanes[2].id, "thoughts");
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "add lane 'thoughts'");
	map_destroy(before);
	map_destroy(after);

	before = map_clone(d->map);
	assert_int_equal(edit_add(d, ENTITY_CARD, 2, &c, &at, &cause), 0);
	assert_int_equal(at, 2);
	assert_string_equal(card_order(d->map),
	    "ig-ad review unboxing size-chart checkout recall return");
	/* A copy: the caller's strings are not kept. */
	assert_ptr_not_equal(d->map->cards[2].id, c.id);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "add card 'unboxing'");
	map_destroy(before);
	map_destroy(after);

	assert_int_equal(edit_undo_depth(d), 6);
	assert_int_equal(errors_of(d->map), 0);
	doc_destroy(d);
}

/* --- update ------------------------------------------------------------- */

static void
test_update_each_kind(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before, *after;
	struct persona p;
	struct department dep;
	struct channel ch;
	struct stage s;
	struct lane l;
	struct card c;
	char *cause = NULL;

	(void)state;
	before = map_clone(d->map);
	persona_copy(&p, &d->map->personas[0]);
	p.has_age = true;
	p.age = 34;
	strlist_append(&p.goals, "Replace worn shoes");
	assert_int_equal(edit_update(d, ENTITY_PERSONA, 0, &p, &cause), 0);
	persona_free(&p);
	assert_int_equal(d->map->personas[0].age, 34);
	assert_string_equal(d->map->personas[0].goals.items[0],
	    "Replace worn shoes");
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "edit persona 'runner'");
	map_destroy(before);
	map_destroy(after);

	before = map_clone(d->map);
	department_copy(&dep, &d->map->departments[1]);
	free(dep.color);
	dep.color = xstrdup("magenta");
	assert_int_equal(edit_update(d, ENTITY_DEPARTMENT, 1, &dep, &cause),
	    0);
	department_free(&dep);
	assert_string_equal(d->map->departments[1].color, "magenta");
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "edit department 'sales'");
	map_destroy(before);
	map_destroy(after);

	before = map_clone(d->map);
	channel_copy(&ch, &d->map->channels[1]);
	ch.kind = CHANNEL_UNSET;
	assert_int_equal(edit_update(d, ENTITY_CHANNEL, 1, &ch, &cause), 0);
	channel_free(&ch);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "edit channel 'shop'");
	map_destroy(before);
	map_destroy(after);

	before = map_clone(d->map);
	stage_copy(&s, &d->map->stages[1]);
	s.has_target = true;
	s.target = 1.0;
	strlist_append(&s.events, "product_view");
	assert_int_equal(edit_update(d, ENTITY_STAGE, 1, &s, &cause), 0);
	stage_free(&s);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "edit stage 'research'");
	map_destroy(before);
	map_destroy(after);

	/* A lane with cards may change to another kind that holds cards. */
	before = map_clone(d->map);
	lane_copy(&l, &d->map->lanes[2]);
	l.kind = LANE_OPPORTUNITIES;
	assert_int_equal(edit_update(d, ENTITY_LANE, 2, &l, &cause), 0);
	lane_free(&l);
	assert_int_equal(d->map->lanes[2].kind, LANE_OPPORTUNITIES);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "edit lane 'pains'");
	map_destroy(before);
	map_destroy(after);

	/* A card moves to another cell by an update. */
	before = map_clone(d->map);
	card_copy(&c, &d->map->cards[3]);
	free(c.stage);
	c.stage = xstrdup("loyalty");
	free(c.lane);
	c.lane = xstrdup("pains");
	c.has_emotion = true;
	c.emotion = -2;
	c.extra = node_new(NODE_MAP);
	node_map_append(c.extra, "jira", node_scalar("WM-7", true));
	assert_int_equal(edit_update(d, ENTITY_CARD, 3, &c, &cause), 0);
	card_free(&c);
	assert_string_equal(d->map->cards[3].stage, "loyalty");
	assert_non_null(node_map_get(d->map->cards[3].extra, "jira"));
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "edit card 'checkout'");
	map_destroy(before);
	map_destroy(after);

	assert_null(cause);
	assert_int_equal(errors_of(d->map), 0);
	doc_destroy(d);
}

static void
test_update_of_nothing_records_nothing(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct card c;
	unsigned long changes = d->changes;

	(void)state;
	card_copy(&c, &d->map->cards[0]);
	assert_int_equal(edit_update(d, ENTITY_CARD, 0, &c, NULL), 0);
	card_free(&c);
	assert_int_equal(edit_undo_depth(d), 0);
	assert_int_equal(d->changes, changes);
	assert_false(doc_modified(d));
	doc_destroy(d);
}

/* --- renames ------------------------------------------------------------ */

/* Rename entity `index` of `kind` to new_id and check the step. */
static void
rename_and_check(enum entity_kind kind, size_t index, const char *new_id,
    const char *label)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before = map_clone(d->map), *after;
	union {
		struct persona p;
		struct department d;
		struct channel c;
		struct stage s;
		struct lane l;
		struct card k;
	} e;
	char **idp;

	switch (kind) {
	case ENTITY_PERSONA:
		persona_copy(&e.p, &d->map->personas[index]);
		idp = &e.p.id;
		break;
	case ENTITY_DEPARTMENT:
		department_copy(&e.d, &d->map->departments[index]);
		idp = &e.d.id;
		break;
	case ENTITY_CHANNEL:
		channel_copy(&e.c, &d->map->channels[index]);
		idp = &e.c.id;
		break;
	case ENTITY_STAGE:
		stage_copy(&e.s, &d->map->stages[index]);
		idp = &e.s.id;
		break;
	case ENTITY_LANE:
		lane_copy(&e.l, &d->map->lanes[index]);
		idp = &e.l.id;
		break;
	default:
		card_copy(&e.k, &d->map->cards[index]);
		idp = &e.k.id;
		break;
	}
	free(*idp);
	*idp = xstrdup(new_id);
	assert_int_equal(edit_update(d, kind, index, &e, NULL), 0);
	switch (kind) {
	case ENTITY_PERSONA:
		persona_free(&e.p);
		break;
	case ENTITY_DEPARTMENT:
		department_free(&e.d);
		break;
	case ENTITY_CHANNEL:
		channel_free(&e.c);
		break;
	case ENTITY_STAGE:
		stage_free(&e.s);
		break;
	case ENTITY_LANE:
		lane_free(&e.l);
		break;
	default:
		card_free(&e.k);
		break;
	}
	assert_string_equal(entity_id(d->map, kind, index), new_id);
	assert_int_equal(errors_of(d->map), 0);
	/* One step for the entity and all its references. */
	assert_int_equal(edit_undo_depth(d), 1);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, label);
	map_destroy(before);
	map_destroy(after);
	doc_destroy(d);
}

static void
test_rename_cascades_to_references(void **state)
{
	struct doc *d;
	struct stage s;
	struct persona p;

	(void)state;
	rename_and_check(ENTITY_STAGE, 1, "study",
	    "rename stage 'research' to 'study'");
	rename_and_check(ENTITY_LANE, 2, "pain-points",
	    "rename lane 'pains' to 'pain-points'");
	rename_and_check(ENTITY_DEPARTMENT, 2, "customer-care",
	    "rename department 'care' to 'customer-care'");
	rename_and_check(ENTITY_CHANNEL, 0, "instagram",
	    "rename channel 'social' to 'instagram'");
	rename_and_check(ENTITY_PERSONA, 0, "marta",
	    "rename persona 'runner' to 'marta'");
	rename_and_check(ENTITY_CARD, 0, "instagram-ad",
	    "rename card 'ig-ad' to 'instagram-ad'");

	/* The references themselves, field by field. */
	d = doc_create(fixture(), 0);
	stage_copy(&s, &d->map->stages[1]);
	free(s.id);
	s.id = xstrdup("study");
	assert_int_equal(edit_update(d, ENTITY_STAGE, 1, &s, NULL), 0);
	stage_free(&s);
	assert_string_equal(d->map->cards[1].stage, "study");
	assert_string_equal(d->map->cards[2].stage, "study");
	assert_string_equal(d->map->cards[5].stage, "study");
	assert_string_equal(d->map->cards[0].stage, "discovery");

	persona_copy(&p, &d->map->personas[1]);
	free(p.id);
	p.id = xstrdup("mum");
	assert_int_equal(edit_update(d, ENTITY_PERSONA, 1, &p, NULL), 0);
	persona_free(&p);
	assert_string_equal(d->map->cards[0].personas.items[0], "runner");
	assert_string_equal(d->map->cards[0].personas.items[1], "mum");
	assert_string_equal(d->map->cards[2].personas.items[0], "mum");
	assert_int_equal(errors_of(d->map), 0);
	doc_destroy(d);
}

/* --- delete ------------------------------------------------------------- */

static void
delete_and_check(struct doc *d, enum entity_kind kind, size_t index,
    const char *label)
{
	struct map *before = map_clone(d->map), *after;
	size_t count = entity_count(d->map, kind);
	char *cause = NULL;

	assert_int_equal(edit_delete(d, kind, index, &cause), 0);
	assert_null(cause);
	assert_int_equal(entity_count(d->map, kind), count - 1);
	assert_int_equal(errors_of(d->map), 0);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, label);
	map_destroy(before);
	map_destroy(after);
}

static void
test_delete_each_kind(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct stage s = mk_stage("empty");
	struct lane l = mk_lane("empty-lane", LANE_TEXT);
	size_t i;

	(void)state;
	delete_and_check(d, ENTITY_CARD, 2, "delete card 'size-chart'");
	assert_string_equal(card_order(d->map),
	    "ig-ad review checkout recall return");

	/* Stages and lanes without cards go with edit_delete. */
	assert_int_equal(edit_add(d, ENTITY_STAGE, 1, &s, NULL, NULL), 0);
	delete_and_check(d, ENTITY_STAGE, 1, "delete stage 'empty'");
	assert_int_equal(edit_add(d, ENTITY_LANE, 0, &l, NULL, NULL), 0);
	delete_and_check(d, ENTITY_LANE, 0, "delete lane 'empty-lane'");
	/* An emotion lane never holds cards. */
	delete_and_check(d, ENTITY_LANE, 1, "delete lane 'feelings'");

	/* A department's cards lose their owner, in the same step. */
	delete_and_check(d, ENTITY_DEPARTMENT, 0,
	    "delete department 'marketing' and clear it from 2 cards");
	assert_null(d->map->cards[0].owner);
	assert_null(d->map->cards[1].owner);
	assert_string_equal(d->map->cards[2].owner, "sales");
	assert_int_equal(d->map->department_count, 2);

	delete_and_check(d, ENTITY_CHANNEL, 1,
	    "delete channel 'shop' and clear it from 2 cards");
	for (i = 0; i < d->map->card_count; i++)
		if (d->map->cards[i].channel != NULL)
			assert_string_equal(d->map->cards[i].channel, "social");

	delete_and_check(d, ENTITY_PERSONA, 0,
	    "delete persona 'runner' and clear it from 3 cards");
	assert_int_equal(d->map->cards[0].personas.count, 1);
	assert_string_equal(d->map->cards[0].personas.items[0], "parent");
	assert_int_equal(d->map->cards[1].personas.count, 0);

	delete_and_check(d, ENTITY_DEPARTMENT, 1, "delete department 'care'"
	    " and clear it from 2 cards");
	delete_and_check(d, ENTITY_DEPARTMENT, 0, "delete department 'sales'"
	    " and clear it from 1 card");
	delete_and_check(d, ENTITY_CHANNEL, 0,
	    "delete channel 'social' and clear it from 2 cards");
	delete_and_check(d, ENTITY_PERSONA, 0,
	    "delete persona 'parent' and clear it from 1 card");
	s = mk_stage("lonely");
	assert_int_equal(edit_add(d, ENTITY_STAGE, 9, &s, NULL, NULL), 0);
	delete_and_check(d, ENTITY_STAGE, 4, "delete stage 'lonely'");
	doc_destroy(d);
}

static void
test_delete_stage_with_cards(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before = map_clone(d->map), *after;
	char *cause = NULL;

	(void)state;
	assert_int_equal(edit_delete_stage(d, 1, NULL, &cause), 0);
	assert_null(cause);
	assert_int_equal(d->map->stage_count, 3);
	assert_int_equal(entity_index(d->map, ENTITY_STAGE, "research"), -1);
	assert_string_equal(card_order(d->map), "ig-ad checkout recall");
	assert_int_equal(errors_of(d->map), 0);
	assert_int_equal(edit_undo_depth(d), 1);
	after = map_clone(d->map);
	check_undo_redo(d, before, after,
	    "delete stage 'research' and 3 cards");
	map_destroy(before);
	map_destroy(after);

	/* One card: singular. */
	before = map_clone(d->map);
	assert_int_equal(edit_delete_stage(d, 2, NULL, &cause), 0);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "delete stage 'loyalty' and 1 card");
	map_destroy(before);
	map_destroy(after);
	doc_destroy(d);
}

static void
test_delete_stage_moving_cards(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before = map_clone(d->map), *after;
	char *cause = NULL;
	size_t i;

	(void)state;
	/* research's cards go to discovery, after the cards already there,
	 * in their own order. */
	assert_int_equal(edit_delete_stage(d, 1, "discovery", &cause), 0);
	assert_null(cause);
	assert_int_equal(d->map->stage_count, 3);
	assert_string_equal(card_order(d->map),
	    "ig-ad checkout recall review size-chart return");
	for (i = 3; i < 6; i++)
		assert_string_equal(d->map->cards[i].stage, "discovery");
	assert_string_equal(d->map->cards[4].lane, "pains");
	assert_int_equal(errors_of(d->map), 0);
	after = map_clone(d->map);
	check_undo_redo(d, before, after,
	    "delete stage 'research', moving 3 cards to 'discovery'");
	map_destroy(before);
	map_destroy(after);

	/* Onto the last stage. */
	before = map_clone(d->map);
	assert_int_equal(edit_delete_stage(d, 0, "loyalty", &cause), 0);
	after = map_clone(d->map);
	check_undo_redo(d, before, after,
	    "delete stage 'discovery', moving 4 cards to 'loyalty'");
	map_destroy(before);
	map_destroy(after);
	doc_destroy(d);
}

static void
test_delete_lane_both_ways(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before = map_clone(d->map), *after;
	char *cause = NULL;

	(void)state;
	assert_int_equal(edit_delete_lane(d, 2, "touchpoints", &cause), 0);
	assert_null(cause);
	assert_string_equal(card_order(d->map),
	    "ig-ad review checkout recall size-chart return");
	assert_string_equal(d->map->cards[5].lane, "touchpoints");
	after = map_clone(d->map);
	check_undo_redo(d, before, after,
	    "delete lane 'pains', moving 2 cards to 'touchpoints'");
	map_destroy(before);
	map_destroy(after);

	assert_int_equal(edit_undo(d, NULL), 0);
	before = map_clone(d->map);
	assert_int_equal(edit_delete_lane(d, 0, NULL, &cause), 0);
	assert_string_equal(card_order(d->map), "size-chart return");
	assert_int_equal(d->map->lane_count, 2);
	assert_int_equal(errors_of(d->map), 0);
	after = map_clone(d->map);
	check_undo_redo(d, before, after,
	    "delete lane 'touchpoints' and 4 cards");
	map_destroy(before);
	map_destroy(after);

	/* An emotion lane: nothing to move, nothing to delete. */
	before = map_clone(d->map);
	assert_int_equal(edit_delete_lane(d, 0, NULL, &cause), 0);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "delete lane 'feelings'");
	map_destroy(before);
	map_destroy(after);
	doc_destroy(d);
}

/* --- move --------------------------------------------------------------- */

static void
test_move_each_kind(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before, *after;
	char *cause = NULL;
	enum entity_kind k;
	size_t last;
	char label[80];

	(void)state;
	for (k = 0; k < ENTITY_KIND_COUNT; k++) {
		last = entity_count(d->map, k) - 1;
		/* first to last */
		before = map_clone(d->map);
		snprintf(label, sizeof label, "move %s '%s'",
		    entity_kind_name(k), entity_id(d->map, k, 0));
		assert_int_equal(edit_move(d, k, 0, last, &cause), 0);
		assert_string_equal(entity_id(d->map, k, last),
		    entity_id(before, k, 0));
		assert_string_equal(entity_id(d->map, k, 0),
		    entity_id(before, k, 1));
		after = map_clone(d->map);
		check_undo_redo(d, before, after, label);
		map_destroy(before);
		map_destroy(after);
		/* last to first */
		before = map_clone(d->map);
		snprintf(label, sizeof label, "move %s '%s'",
		    entity_kind_name(k), entity_id(d->map, k, last));
		assert_int_equal(edit_move(d, k, last, 0, &cause), 0);
		assert_string_equal(entity_id(d->map, k, 0),
		    entity_id(before, k, last));
		after = map_clone(d->map);
		check_undo_redo(d, before, after, label);
		map_destroy(before);
		map_destroy(after);
	}
	assert_null(cause);
	/* Cards within the map: reorder inside a cell. */
	before = map_clone(d->map);
	assert_int_equal(edit_move(d, ENTITY_CARD, 1, 3, &cause), 0);
	assert_string_equal(card_order(d->map),
	    "ig-ad size-chart checkout review recall return");
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "move card 'review'");
	map_destroy(before);
	map_destroy(after);
	/* Onto itself: nothing recorded. */
	last = edit_undo_depth(d);
	assert_int_equal(edit_move(d, ENTITY_CARD, 2, 2, &cause), 0);
	assert_int_equal(edit_undo_depth(d), last);
	assert_int_equal(errors_of(d->map), 0);
	doc_destroy(d);
}

/* --- meta --------------------------------------------------------------- */

static void
test_set_meta(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before = map_clone(d->map), *after;

	(void)state;
	assert_int_equal(edit_set_meta(d, "Sneakers — Q1", "Workshop notes",
	    NULL), 0);
	assert_string_equal(d->map->title, "Sneakers — Q1");
	assert_string_equal(d->map->summary, "Workshop notes");
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "edit the title and summary");
	map_destroy(before);
	map_destroy(after);

	before = map_clone(d->map);
	assert_int_equal(edit_set_meta(d, NULL, NULL, NULL), 0);
	assert_null(d->map->title);
	assert_null(d->map->summary);
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "edit the title and summary");
	map_destroy(before);
	map_destroy(after);

	/* The same again: nothing recorded. */
	assert_int_equal(edit_set_meta(d, NULL, NULL, NULL), 0);
	assert_int_equal(edit_undo_depth(d), 2);
	doc_destroy(d);
}

/* --- refusals ----------------------------------------------------------- */

/* The edit was refused with this message in *cause (read after the call:
 * pass &cause, since arguments are evaluated in no fixed order), and
 * nothing changed. */
static void
expect_refused(struct doc *d, const struct map *before, int rc,
    char **cause, const char *message)
{
	assert_int_equal(rc, -1);
	assert_non_null(*cause);
	assert_string_equal(*cause, message);
	free(*cause);
	*cause = NULL;
	assert_true(map_equal(d->map, before));
	assert_int_equal(edit_undo_depth(d), 0);
	assert_int_equal(d->changes, 0);
	assert_false(doc_modified(d));
}

static void
test_refusals_of_ids(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before = map_clone(d->map);
	struct card c = mk_card("ig-ad", "discovery", "touchpoints");
	struct stage s = mk_stage("research");
	struct persona p = mk_persona("Marta");
	struct department dep = mk_department(NULL);
	struct channel ch = mk_channel("", CHANNEL_ONLINE);
	struct lane l = mk_lane("a-very-long-lane-id-that-goes-on-and-on-and-"
	    "on-and-on-well-past-the-limit", LANE_TEXT);
	char *cause = NULL;

	(void)state;
	expect_refused(d, before, edit_add(d, ENTITY_CARD, 0, &c, NULL,
	    &cause), &cause, "there is already a card 'ig-ad'");
	expect_refused(d, before, edit_add(d, ENTITY_STAGE, 0, &s, NULL,
	    &cause), &cause, "there is already a stage 'research'");
	expect_refused(d, before, edit_add(d, ENTITY_PERSONA, 0, &p, NULL,
	    &cause), &cause, "invalid id 'Marta': use 1 to 64 characters from "
	    "a-z, 0-9, '-' and '_'");
	expect_refused(d, before, edit_add(d, ENTITY_DEPARTMENT, 0, &dep,
	    NULL, &cause), &cause, "a department needs an id");
	expect_refused(d, before, edit_add(d, ENTITY_CHANNEL, 0, &ch, NULL,
	    &cause), &cause, "a channel needs an id");
	expect_refused(d, before, edit_add(d, ENTITY_LANE, 0, &l, NULL,
	    &cause), &cause, "invalid id 'a-very-long-lane-id-that-goes-on-and-"
	    "on-and-on-and-on-well-past-...': use 1 to 64 characters from a-z, "
	    "0-9, '-' and '_'");
	/* Renaming onto another's id. */
	cause = NULL;
	stage_copy(&s, &d->map->stages[0]);
	free(s.id);
	s.id = xstrdup("purchase");
	expect_refused(d, before, edit_update(d, ENTITY_STAGE, 0, &s, &cause),
	    &cause, "there is already a stage 'purchase'");
	stage_free(&s);
	map_destroy(before);
	doc_destroy(d);
}

static void
test_refusals_of_cards(void **state)
{
	static const struct {
		const char *stage, *lane, *owner, *channel, *persona;
		int emotion, votes;
		const char *message;
	} cases[] = {
		{ NULL, "touchpoints", NULL, NULL, NULL, 0, 0,
		  "a card needs a stage" },
		{ "discovry", "touchpoints", NULL, NULL, NULL, 0, 0,
		  "stage 'discovry' does not exist" },
		{ "discovery", NULL, NULL, NULL, NULL, 0, 0,
		  "a card needs a lane" },
		{ "discovery", "pain", NULL, NULL, NULL, 0, 0,
		  "lane 'pain' does not exist" },
		{ "discovery", "feelings", NULL, NULL, NULL, 0, 0,
		  "lane 'feelings' is an emotion lane, which holds no cards" },
		{ "discovery", "touchpoints", "mktg", NULL, NULL, 0, 0,
		  "owner 'mktg' is not a department" },
		{ "discovery", "touchpoints", NULL, "web", NULL, 0, 0,
		  "channel 'web' does not exist" },
		{ "discovery", "touchpoints", NULL, NULL, "ghost", 0, 0,
		  "persona 'ghost' does not exist" },
		{ "discovery", "touchpoints", NULL, NULL, NULL, 3, 0,
		  "emotion 3 is outside -2..+2" },
		{ "discovery", "touchpoints", NULL, NULL, NULL, -3, 0,
		  "emotion -3 is outside -2..+2" },
		{ "discovery", "touchpoints", NULL, NULL, NULL, 0, -1,
		  "votes cannot be negative" },
	};
	struct doc *d = doc_create(fixture(), 0);
	struct map *before = map_clone(d->map);
	struct card c;
	char *cause;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c = mk_card("new-card", cases[i].stage, cases[i].lane);
		c.owner = (char *)cases[i].owner;
		c.channel = (char *)cases[i].channel;
		if (cases[i].persona != NULL)
			strlist_append(&c.personas, cases[i].persona);
		c.has_emotion = true;
		c.emotion = cases[i].emotion;
		c.has_votes = true;
		c.votes = cases[i].votes;
		cause = NULL;
		expect_refused(d, before, edit_add(d, ENTITY_CARD, 0, &c, NULL,
		    &cause), &cause, cases[i].message);
		/* The same change to an existing card. */
		c.id = (char *)"review";
		cause = NULL;
		expect_refused(d, before, edit_update(d, ENTITY_CARD, 1, &c,
		    &cause), &cause, cases[i].message);
		strlist_free(&c.personas);
	}
	map_destroy(before);
	doc_destroy(d);
}

static void
test_refusals_of_ranges_and_kinds(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before = map_clone(d->map);
	struct stage s = mk_stage("usage");
	struct persona p = mk_persona("kid");
	struct channel ch = mk_channel("app", (enum channel_kind)3);
	struct lane l = mk_lane("mood", (enum lane_kind)LANE_KIND_COUNT);
	char *cause = NULL;
	int cast_kind = ENTITY_KIND_COUNT;

	(void)state;
	s.has_target = true;
	s.target = 1.01;
	expect_refused(d, before, edit_add(d, ENTITY_STAGE, 0, &s, NULL,
	    &cause), &cause, "target 1.01 is outside 0..1");
	cause = NULL;
	s.target = NAN;
	expect_refused(d, before, edit_add(d, ENTITY_STAGE, 0, &s, NULL,
	    &cause), &cause, "target nan is outside 0..1");
	cause = NULL;
	p.has_age = true;
	p.age = -4;
	expect_refused(d, before, edit_add(d, ENTITY_PERSONA, 0, &p, NULL,
	    &cause), &cause, "age cannot be negative");
	expect_refused(d, before, edit_add(d, ENTITY_CHANNEL, 0, &ch, NULL,
	    &cause), &cause, "channel kind 3 is not online or offline");
	expect_refused(d, before, edit_add(d, ENTITY_LANE, 0, &l, NULL,
	    &cause), &cause, "lane kind 9 is not a lane kind");
	expect_refused(d, before, edit_add(d, (enum entity_kind)cast_kind, 0,
	    &l, NULL, &cause), &cause, "unknown kind of entity 6");
	/* A lane with cards cannot become one that holds none. */
	cause = NULL;
	lane_copy(&l, &d->map->lanes[2]);
	l.kind = LANE_METRICS;
	expect_refused(d, before, edit_update(d, ENTITY_LANE, 2, &l, &cause),
	    &cause, "lane 'pains' holds 2 cards, and a metrics lane holds "
	    "none: move them first");
	lane_free(&l);
	map_destroy(before);
	doc_destroy(d);
}

static void
test_refusals_of_indexes_and_deletes(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before = map_clone(d->map);
	struct card c = mk_card("x", "discovery", "touchpoints");
	char *cause = NULL;

	(void)state;
	expect_refused(d, before, edit_update(d, ENTITY_CARD, 6, &c, &cause),
	    &cause, "there is no card number 7 (there are 6)");
	expect_refused(d, before, edit_delete(d, ENTITY_STAGE, 4, &cause),
	    &cause, "there is no stage number 5 (there are 4)");
	expect_refused(d, before, edit_move(d, ENTITY_LANE, 0, 3, &cause),
	    &cause, "there is no lane number 4 (there are 3)");
	expect_refused(d, before, edit_move(d, ENTITY_LANE, 3, 0, &cause),
	    &cause, "there is no lane number 4 (there are 3)");
	expect_refused(d, before, edit_delete(d, ENTITY_STAGE, 1, &cause),
	    &cause, "stage 'research' holds 3 cards: delete them with it or "
	    "move them to another stage");
	expect_refused(d, before, edit_delete(d, ENTITY_LANE, 0, &cause),
	    &cause, "lane 'touchpoints' holds 4 cards: delete them with it or "
	    "move them to another lane");
	expect_refused(d, before, edit_delete_stage(d, 1, "research", &cause),
	    &cause, "cannot move the cards of stage 'research' into itself");
	expect_refused(d, before, edit_delete_stage(d, 1, "nowhere", &cause),
	    &cause, "cannot move the cards of stage 'research' to stage "
	    "'nowhere': it does not exist");
	expect_refused(d, before, edit_delete_stage(d, 9, NULL, &cause),
	    &cause, "there is no stage number 10 (there are 4)");
	expect_refused(d, before, edit_delete_lane(d, 2, "feelings", &cause),
	    &cause, "cannot move the cards of lane 'pains' to lane 'feelings': "
	    "it is an emotion lane, which holds no cards");
	/* A NULL cause is allowed. */
	assert_int_equal(edit_delete(d, ENTITY_CARD, 99, NULL), -1);
	map_destroy(before);
	doc_destroy(d);
}

/* --- history ------------------------------------------------------------ */

static void
test_nothing_to_undo_or_redo(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	const char *label = "untouched";

	(void)state;
	assert_false(edit_can_undo(d));
	assert_false(edit_can_redo(d));
	assert_int_equal(edit_undo(d, &label), -1);
	assert_int_equal(edit_redo(d, &label), -1);
	assert_string_equal(label, "untouched");
	assert_int_equal(d->changes, 0);
	doc_destroy(d);
}

static void
test_new_edit_clears_redo(void **state)
{
	struct doc *d = doc_create(fixture(), 0);

	(void)state;
	assert_int_equal(edit_move(d, ENTITY_STAGE, 0, 1, NULL), 0);
	assert_int_equal(edit_move(d, ENTITY_STAGE, 0, 2, NULL), 0);
	assert_int_equal(edit_undo(d, NULL), 0);
	assert_int_equal(edit_undo(d, NULL), 0);
	assert_int_equal(edit_redo_depth(d), 2);
	assert_true(edit_can_redo(d));
	assert_int_equal(edit_delete(d, ENTITY_CARD, 0, NULL), 0);
	assert_int_equal(edit_redo_depth(d), 0);
	assert_false(edit_can_redo(d));
	assert_int_equal(edit_undo_depth(d), 1);
	/* A refused edit leaves the redo stack alone. */
	assert_int_equal(edit_undo(d, NULL), 0);
	assert_int_equal(edit_delete(d, ENTITY_CARD, 42, NULL), -1);
	assert_int_equal(edit_redo_depth(d), 1);
	doc_destroy(d);
}

static void
test_groups(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *before = map_clone(d->map), *after;
	struct card c = mk_card("new", "purchase", "pains");
	const char *label;

	(void)state;
	edit_group_begin(d, "tidy up the purchase stage");
	assert_int_equal(edit_add(d, ENTITY_CARD, 0, &c, NULL, NULL), 0);
	edit_group_begin(d, "inner label is not shown");
	assert_int_equal(edit_move(d, ENTITY_CARD, 0, 6, NULL), 0);
	assert_int_equal(edit_delete(d, ENTITY_CARD, 3, NULL), 0);
	edit_group_end(d);
	/* Inside a group: no undo, and a refusal does not end the group. */
	assert_false(edit_can_undo(d));
	assert_int_equal(edit_undo(d, NULL), -1);
	assert_int_equal(edit_delete(d, ENTITY_CARD, 42, NULL), -1);
	assert_int_equal(edit_set_meta(d, "Sneakers", "grouped", NULL), 0);
	edit_group_end(d);
	assert_true(doc_modified(d));
	assert_int_equal(d->changes, 4);
	assert_int_equal(edit_undo_depth(d), 1);
	assert_string_equal(card_order(d->map),
	    "ig-ad review size-chart recall return new");
	after = map_clone(d->map);
	check_undo_redo(d, before, after, "tidy up the purchase stage");

	/* A group without a label takes its first edit's. */
	edit_group_begin(d, NULL);
	assert_int_equal(edit_move(d, ENTITY_LANE, 0, 2, NULL), 0);
	assert_int_equal(edit_move(d, ENTITY_LANE, 0, 2, NULL), 0);
	edit_group_end(d);
	assert_int_equal(edit_undo(d, &label), 0);
	assert_string_equal(label, "move lane 'touchpoints'");
	assert_true(map_equal(d->map, after));

	/* An empty group (or one whose edits were all refused) leaves no
	 * step, and an extra end is harmless. */
	edit_group_begin(d, "nothing");
	assert_int_equal(edit_delete(d, ENTITY_CARD, 42, NULL), -1);
	edit_group_end(d);
	edit_group_end(d);
	assert_int_equal(edit_undo_depth(d), 1);
	assert_int_equal(edit_redo_depth(d), 1);
	assert_int_equal(edit_undo(d, &label), 0);
	assert_string_equal(label, "tidy up the purchase stage");
	assert_true(map_equal(d->map, before));
	map_destroy(before);
	map_destroy(after);
	doc_destroy(d);
}

static void
test_depth_limit_drops_the_oldest(void **state)
{
	struct doc *d = doc_create(fixture(), 3);
	struct map *after_two = NULL;
	const char *label;
	int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		assert_int_equal(edit_move(d, ENTITY_CARD, 0, 5, NULL), 0);
		if (i == 1)
			after_two = map_clone(d->map);
	}
	assert_int_equal(edit_undo_depth(d), 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(edit_undo(d, &label), 0);
	assert_int_equal(edit_undo(d, &label), -1);
	assert_true(map_equal(d->map, after_two));
	/* The edits dropped cannot come back, so the doc stays modified. */
	assert_true(doc_modified(d));
	assert_int_equal(edit_redo_depth(d), 3);
	map_destroy(after_two);
	doc_destroy(d);

	/* The default depth is 1000. */
	d = doc_create(fixture(), 0);
	for (i = 0; i < 1005; i++)
		assert_int_equal(edit_move(d, ENTITY_STAGE, 0, 3, NULL), 0);
	assert_int_equal(edit_undo_depth(d), 1000);
	doc_destroy(d);
}

static void
test_modified_follows_the_saved_state(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	unsigned long changes;

	(void)state;
	assert_false(doc_modified(d));
	assert_int_equal(edit_move(d, ENTITY_CARD, 0, 1, NULL), 0); /* A */
	assert_true(doc_modified(d));
	assert_int_equal(d->changes, 1);
	doc_mark_saved(d);
	assert_false(doc_modified(d));
	assert_int_equal(d->saved_at, 1);
	assert_int_equal(edit_move(d, ENTITY_CARD, 0, 2, NULL), 0); /* B */
	assert_true(doc_modified(d));
	assert_int_equal(edit_undo(d, NULL), 0); /* back to the saved state */
	assert_false(doc_modified(d));
	assert_int_equal(edit_undo(d, NULL), 0); /* before A */
	assert_true(doc_modified(d));
	assert_int_equal(edit_redo(d, NULL), 0); /* A again: saved */
	assert_false(doc_modified(d));
	assert_int_equal(edit_redo(d, NULL), 0); /* B */
	assert_true(doc_modified(d));
	assert_int_equal(edit_undo(d, NULL), 0);
	assert_false(doc_modified(d));
	/* Every edit, undo and redo counted. */
	assert_int_equal(d->changes, 7);

	/* Undo past the save, then a new edit: the saved state is gone for
	 * good, even when undoing that edit. */
	assert_int_equal(edit_undo(d, NULL), 0);
	assert_int_equal(edit_move(d, ENTITY_STAGE, 0, 1, NULL), 0); /* C */
	assert_true(doc_modified(d));
	assert_int_equal(edit_undo(d, NULL), 0);
	assert_true(doc_modified(d));
	assert_false(edit_can_undo(d));

	/* Saving in the original state; a refused edit changes nothing. */
	doc_mark_saved(d);
	changes = d->changes;
	assert_int_equal(edit_move(d, ENTITY_STAGE, 0, 99, NULL), -1);
	assert_false(doc_modified(d));
	assert_int_equal(d->changes, changes);
	doc_destroy(d);
}

static void
test_replace_map(void **state)
{
	struct doc *d = doc_create(fixture(), 0);
	struct map *m = fixture();
	unsigned long changes;

	(void)state;
	assert_int_equal(edit_delete(d, ENTITY_CARD, 0, NULL), 0);
	assert_int_equal(edit_delete(d, ENTITY_CARD, 0, NULL), 0);
	assert_int_equal(edit_undo(d, NULL), 0);
	changes = d->changes;
	doc_replace_map(d, map_clone(m));
	assert_true(map_equal(d->map, m));
	assert_false(doc_modified(d));
	assert_false(edit_can_undo(d));
	assert_false(edit_can_redo(d));
	assert_true(d->changes > changes);
	assert_int_equal(d->saved_at, d->changes);
	assert_int_equal(edit_delete(d, ENTITY_CARD, 0, NULL), 0);
	assert_true(doc_modified(d));
	assert_int_equal(edit_undo(d, NULL), 0);
	assert_false(doc_modified(d));
	assert_true(map_equal(d->map, m));
	map_destroy(m);
	doc_destroy(d);

	/* Replacing during an open group drops the group. */
	d = doc_create(fixture(), 0);
	edit_group_begin(d, "abandoned");
	assert_int_equal(edit_delete(d, ENTITY_CARD, 0, NULL), 0);
	doc_replace_map(d, fixture());
	assert_int_equal(d->map->card_count, 6);
	assert_true(edit_delete(d, ENTITY_CARD, 0, NULL) == 0);
	assert_int_equal(edit_undo_depth(d), 1);
	doc_destroy(d);
}

/* --- memory ------------------------------------------------------------- */

/* Bytes in use on the heap, or 0 where that cannot be told (not glibc,
 * or a sanitizer's allocator). */
static size_t
heap_in_use(void)
{
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
	return mallinfo2().uordblks;
#else
	return 0;
#endif
}

static void
test_deep_history_on_a_big_map_stays_small(void **state)
{
	struct map *m = fixture();
	struct doc *d;
	struct card c;
	char id[32], title[64];
	size_t base, used, i;

	(void)state;
	base = heap_in_use();
	for (i = 0; i < 5000; i++) {
		snprintf(id, sizeof id, "card-%zu", i);
		snprintf(title, sizeof title, "Touchpoint %zu of many", i);
		c = mk_card(id, i % 2 ? "research" : "purchase", "touchpoints");
		c.title = title;
		c.owner = (char *)"marketing";
		map_add_card(m, &c);
	}
	d = doc_create(m, 1000);
	for (i = 0; i < 1100; i++) {
		card_copy(&c, &d->map->cards[(i * 37) % 5000]);
		free(c.title);
		c.title = xasprintf("Edited title %zu", i);
		assert_int_equal(edit_update(d, ENTITY_CARD, (i * 37) % 5000,
		    &c, NULL), 0);
		card_free(&c);
		if (i % 100 == 0)
			assert_int_equal(edit_move(d, ENTITY_CARD, i, 4999,
			    NULL), 0);
	}
	/* One step holding 2,500 cards. */
	assert_int_equal(edit_delete_stage(d, 1, "discovery", NULL), 0);
	assert_int_equal(edit_undo_depth(d), 1000);
	if (base != 0) {
		used = heap_in_use() - base;
		print_message("  5,000 cards, 1,000 steps: %zu KiB on the "
		    "heap\n", used / 1024);
		assert_true(used < 16u * 1024 * 1024);
	}
	while (edit_undo(d, NULL) == 0)
		;
	assert_int_equal(d->map->card_count, 5006);
	assert_int_equal(errors_of(d->map), 0);
	doc_destroy(d);
}

/* --- randomized --------------------------------------------------------- */

struct rng {
	uint64_t s;
};

static uint32_t
rng_next(struct rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (uint32_t)(r->s >> 16);
}

static size_t
rng_below(struct rng *r, size_t n)
{
	return n == 0 ? 0 : rng_next(r) % n;
}

static bool
rng_chance(struct rng *r, unsigned percent)
{
	return rng_next(r) % 100 < percent;
}

static const char *const kind_prefix[ENTITY_KIND_COUNT] = {
	"p", "d", "ch", "s", "l", "c"
};

/* An id for a new entity of kind k: usually from a small pool (so that
 * clashes happen), sometimes invalid.  Caller frees. */
static char *
random_id(struct rng *r, enum entity_kind k)
{
	switch (rng_below(r, 20)) {
	case 0:
		return NULL;
	case 1:
		return xstrdup("");
	case 2:
		return xstrdup("Not Valid");
	case 3:
		/* one byte over the limit */
		return xasprintf("%s%0*zu", kind_prefix[k],
		    MAP_ID_MAX + 1 - (int)strlen(kind_prefix[k]),
		    rng_below(r, 3));
	default:
		return xasprintf("%s%zu", kind_prefix[k], rng_below(r, 14));
	}
}

/* A reference to an entity of kind k: usually an existing id, sometimes
 * one that does not exist.  Caller frees. */
static char *
random_ref(struct rng *r, const struct map *m, enum entity_kind k)
{
	size_t n = entity_count(m, k);

	if (n > 0 && rng_chance(r, 85))
		return xstrdup(entity_id(m, k, rng_below(r, n)));
	return xasprintf("%s%zu", kind_prefix[k], 20 + rng_below(r, 3));
}

/* A usable lane for a card in m (one that holds cards), or NULL. */
static const char *
card_lane(struct rng *r, const struct map *m)
{
	size_t i, start = rng_below(r, m->lane_count);

	for (i = 0; i < m->lane_count; i++) {
		const struct lane *l = &m->lanes[(start + i) % m->lane_count];

		if (lane_kind_holds_cards(l->kind))
			return l->id;
	}
	return NULL;
}

static void
random_text(struct rng *r, char **field)
{
	static const char *const texts[] = {
		"Instagram ad", "Caffè e cornetto", "試着", "👟 fit", "no",
		"a: b", "# not a comment", "line one\nline two",
	};

	free(*field);
	*field = rng_chance(r, 20) ? NULL :
	    xstrdup(texts[rng_below(r, sizeof texts / sizeof texts[0])]);
}

static void
random_extra(struct rng *r, struct node **extra)
{
	node_free(*extra);
	*extra = NULL;
	if (rng_chance(r, 15)) {
		*extra = node_new(NODE_MAP);
		node_map_append(*extra, "jira", node_scalar("WM-1", true));
	}
}

/*
 * Randomize the fields of entity e of kind k (starting from what it holds,
 * so an update may change only some of them); `fields` says how many
 * fields to touch.
 */
static void
random_fields(struct rng *r, const struct map *m, enum entity_kind k,
    void *e, int fields)
{
	struct card *c;
	struct stage *s;
	struct lane *l;
	struct persona *p;
	struct channel *ch;
	static const double targets[] = { 0.0, 0.25, 0.6, 1.0, -0.1, 1.5 };
	size_t i, n;

	while (fields-- > 0) {
		int which = (int)rng_below(r, 8);

		switch (k) {
		case ENTITY_PERSONA:
			p = e;
			if (which < 2) {
				p->has_age = rng_chance(r, 70);
				p->age = (int)rng_below(r, 60) - 3;
			} else if (which < 4) {
				strlist_free(&p->goals);
				if (rng_chance(r, 50))
					strlist_append(&p->goals, "Run");
			} else if (which < 6)
				random_text(r, &p->quote);
			else
				random_extra(r, &p->extra);
			break;
		case ENTITY_DEPARTMENT:
			if (which < 5)
				random_text(r,
				    &((struct department *)e)->name);
			else
				random_extra(r,
				    &((struct department *)e)->extra);
			break;
		case ENTITY_CHANNEL:
			ch = e;
			if (which < 5)
				ch->kind = (enum channel_kind)rng_below(r, 4);
			else
				random_text(r, &ch->name);
			break;
		case ENTITY_STAGE:
			s = e;
			if (which < 3) {
				s->has_target = rng_chance(r, 60);
				s->target = targets[rng_below(r, 6)];
			} else if (which < 6) {
				strlist_free(&s->events);
				n = rng_below(r, 3);
				for (i = 0; i < n; i++)
					strlist_append(&s->events, "ev");
			} else
				random_text(r, &s->description);
			break;
		case ENTITY_LANE:
			l = e;
			if (which < 6) {
				l->kind = (enum lane_kind)rng_below(r,
				    LANE_KIND_COUNT + 1);
				l->has_kind = rng_chance(r, 80);
			} else
				random_text(r, &l->name);
			break;
		default:
			c = e;
			switch (which) {
			case 0:
				free(c->stage);
				c->stage = rng_chance(r, 3) ? NULL :
				    random_ref(r, m, ENTITY_STAGE);
				break;
			case 1:
				free(c->lane);
				if (rng_chance(r, 80) && card_lane(r, m))
					c->lane = xstrdup(card_lane(r, m));
				else
					c->lane = random_ref(r, m, ENTITY_LANE);
				break;
			case 2:
				free(c->owner);
				c->owner = rng_chance(r, 30) ? NULL :
				    random_ref(r, m, ENTITY_DEPARTMENT);
				break;
			case 3:
				free(c->channel);
				c->channel = rng_chance(r, 30) ? NULL :
				    random_ref(r, m, ENTITY_CHANNEL);
				break;
			case 4:
				strlist_free(&c->personas);
				n = rng_below(r, 3);
				for (i = 0; i < n; i++) {
					char *ref = random_ref(r, m,
					    ENTITY_PERSONA);
					strlist_append(&c->personas, ref);
					free(ref);
				}
				break;
			case 5:
				c->has_emotion = rng_chance(r, 70);
				c->emotion = (int)rng_below(r, 7) - 3;
				break;
			case 6:
				c->has_votes = rng_chance(r, 50);
				c->votes = (int)rng_below(r, 6) - 1;
				break;
			default:
				random_text(r, rng_chance(r, 50) ? &c->title :
				    &c->notes);
				random_extra(r, &c->extra);
				break;
			}
			break;
		}
	}
}

/* A generated valid map: a few of each kind, cards in card lanes. */
static struct map *
random_map(struct rng *r)
{
	struct map *m = map_create();
	union any {
		struct persona p;
		struct department d;
		struct channel c;
		struct stage s;
		struct lane l;
		struct card k;
	} e;
	enum entity_kind k;
	size_t n, i;
	char *id;

	for (k = 0; k < ENTITY_KIND_COUNT; k++) {
		n = k == ENTITY_CARD ? rng_below(r, 40) :
		    (k == ENTITY_STAGE || k == ENTITY_LANE) ?
		    1 + rng_below(r, 5) : rng_below(r, 4);
		for (i = 0; i < n; i++) {
			memset(&e, 0, sizeof e);
			id = xasprintf("%s%zu", kind_prefix[k], i);
			/* every kind has its id first */
			e.p.id = id;
			if (k == ENTITY_LANE && i == 0)
				e.l.kind = LANE_TOUCHPOINTS;
			else if (k == ENTITY_LANE)
				e.l.kind = (enum lane_kind)rng_below(r,
				    LANE_KIND_COUNT);
			if (k == ENTITY_CARD) {
				e.k.stage = xstrdup(m->stages[rng_below(r,
				    m->stage_count)].id);
				e.k.lane = xstrdup(card_lane(r, m));
				if (m->department_count > 0 &&
				    rng_chance(r, 60))
					e.k.owner = xstrdup(m->departments[
					    rng_below(r,
					    m->department_count)].id);
				if (m->persona_count > 0 && rng_chance(r, 50))
					strlist_append(&e.k.personas,
					    m->personas[rng_below(r,
					    m->persona_count)].id);
				e.k.has_emotion = rng_chance(r, 50);
				e.k.emotion = (int)rng_below(r, 5) - 2;
				e.k.title = xstrdup("Touchpoint");
			}
			switch (k) {
			case ENTITY_PERSONA:
				map_add_persona(m, &e.p);
				persona_free(&e.p);
				break;
			case ENTITY_DEPARTMENT:
				map_add_department(m, &e.d);
				department_free(&e.d);
				break;
			case ENTITY_CHANNEL:
				map_add_channel(m, &e.c);
				channel_free(&e.c);
				break;
			case ENTITY_STAGE:
				map_add_stage(m, &e.s);
				stage_free(&e.s);
				break;
			case ENTITY_LANE:
				map_add_lane(m, &e.l);
				lane_free(&e.l);
				break;
			default:
				map_add_card(m, &e.k);
				card_free(&e.k);
				break;
			}
		}
	}
	return m;
}

static void
entity_copy_any(enum entity_kind k, void *dst, const void *src)
{
	switch (k) {
	case ENTITY_PERSONA:
		persona_copy(dst, src);
		break;
	case ENTITY_DEPARTMENT:
		department_copy(dst, src);
		break;
	case ENTITY_CHANNEL:
		channel_copy(dst, src);
		break;
	case ENTITY_STAGE:
		stage_copy(dst, src);
		break;
	case ENTITY_LANE:
		lane_copy(dst, src);
		break;
	default:
		card_copy(dst, src);
		break;
	}
}

static void
entity_free_any(enum entity_kind k, void *e)
{
	switch (k) {
	case ENTITY_PERSONA:
		persona_free(e);
		break;
	case ENTITY_DEPARTMENT:
		department_free(e);
		break;
	case ENTITY_CHANNEL:
		channel_free(e);
		break;
	case ENTITY_STAGE:
		stage_free(e);
		break;
	case ENTITY_LANE:
		lane_free(e);
		break;
	default:
		card_free(e);
		break;
	}
}

enum random_op {
	OP_ADD,
	OP_UPDATE,
	OP_RENAME,
	OP_DELETE,
	OP_MOVE,
	OP_DELETE_WITH_CARDS,
	OP_MOVE_CARDS_AWAY,
	OP_META,
	OP_COUNT
};

static const char *const op_names[OP_COUNT] = {
	"add", "update", "rename", "delete", "move", "delete with cards",
	"delete moving cards", "meta",
};

/* One random edit; returns what the edit API returned, *op what it was. */
static int
random_edit(struct rng *r, struct doc *d, char **cause, enum random_op *op)
{
	union {
		struct persona p;
		struct department dep;
		struct channel c;
		struct stage s;
		struct lane l;
		struct card k;
	} e;
	enum entity_kind k = (enum entity_kind)rng_below(r, ENTITY_KIND_COUNT);
	size_t n = entity_count(d->map, k), index;
	char *id, *to;
	int rc;

	memset(&e, 0, sizeof e);
	if (rng_chance(r, 60))
		k = ENTITY_CARD; /* cards are what a workshop edits most */
	n = entity_count(d->map, k);
	index = rng_below(r, n + 1); /* sometimes one past the end */
	switch (rng_below(r, 12)) {
	case 0:
	case 1:
	case 2: /* add */
		*op = OP_ADD;
		e.p.id = random_id(r, k);
		if (k == ENTITY_CARD) {
			e.k.stage = random_ref(r, d->map, ENTITY_STAGE);
			e.k.lane = card_lane(r, d->map) != NULL &&
			    rng_chance(r, 90) ?
			    xstrdup(card_lane(r, d->map)) :
			    random_ref(r, d->map, ENTITY_LANE);
		}
		random_fields(r, d->map, k, &e, 3);
		rc = edit_add(d, k, index, &e, NULL, cause);
		entity_free_any(k, &e);
		return rc;
	case 3:
	case 4:
	case 5: /* update, sometimes renaming */
		*op = OP_UPDATE;
		if (index >= n)
			return edit_update(d, k, index, &e, cause);
		entity_copy_any(k, &e, entity_at(d->map, k, index));
		if (rng_chance(r, 25)) {
			*op = OP_RENAME;
			id = random_id(r, k);
			free(e.p.id);
			e.p.id = id;
		}
		random_fields(r, d->map, k, &e, 1 + (int)rng_below(r, 2));
		rc = edit_update(d, k, index, &e, cause);
		entity_free_any(k, &e);
		return rc;
	case 6:
	case 7: /* delete */
		*op = OP_DELETE;
		return edit_delete(d, k, index, cause);
	case 8: /* move */
		*op = OP_MOVE;
		return edit_move(d, k, index, rng_below(r, n + 1), cause);
	case 9: /* delete a stage or a lane with its cards */
		k = rng_chance(r, 50) ? ENTITY_STAGE : ENTITY_LANE;
		n = entity_count(d->map, k);
		*op = OP_MOVE;
		/* Keep the board from emptying too often. */
		if (n == 1 && rng_chance(r, 80))
			return edit_move(d, k, 0, 0, cause);
		index = rng_below(r, n + 1);
		to = rng_chance(r, 50) ? NULL : random_ref(r, d->map, k);
		*op = to == NULL ? OP_DELETE_WITH_CARDS : OP_MOVE_CARDS_AWAY;
		rc = k == ENTITY_STAGE ?
		    edit_delete_stage(d, index, to, cause) :
		    edit_delete_lane(d, index, to, cause);
		free(to);
		return rc;
	default: /* the map's title */
		*op = OP_META;
		return edit_set_meta(d, rng_chance(r, 80) ? "Title" : NULL,
		    rng_chance(r, 50) ? "Summary" : "Other", cause);
	}
}

static void
run_random(uint64_t seed, int edits, size_t applied[OP_COUNT],
    size_t refused[OP_COUNT])
{
	enum random_op op;
	struct rng r = { seed * 2654435761u + 1 };
	struct map *original, *before, *final, *saved;
	struct doc *d;
	const char *label;
	char *cause;
	int i, rc, open_groups = 0;
	size_t steps;

	original = random_map(&r);
	assert_int_equal(errors_of(original), 0);
	d = doc_create(map_clone(original), 100000);
	saved = map_clone(original);
	for (i = 0; i < edits; i++) {
		/* Now and then: a group, an undo or a redo, a save. */
		if (rng_chance(&r, 4) && open_groups < 2) {
			edit_group_begin(d, "random group");
			open_groups++;
		} else if (open_groups > 0 && rng_chance(&r, 20)) {
			edit_group_end(d);
			open_groups--;
		}
		if (open_groups == 0 && rng_chance(&r, 8)) {
			if (rng_chance(&r, 60))
				edit_undo(d, &label);
			else
				edit_redo(d, &label);
		}
		if (open_groups == 0 && rng_chance(&r, 3)) {
			doc_mark_saved(d);
			map_destroy(saved);
			saved = map_clone(d->map);
		}

		before = map_clone(d->map);
		cause = NULL;
		rc = random_edit(&r, d, &cause, &op);
		if (rc != 0) {
			/* Refused: a reason, and the map untouched. */
			assert_int_equal(rc, -1);
			assert_non_null(cause);
			assert_true(map_equal(before, d->map));
			free(cause);
			refused[op]++;
		} else {
			assert_null(cause);
			applied[op]++;
		}
		if (errors_of(d->map) != 0)
			fail_msg("seed %llu, edit %d left an invalid map",
			    (unsigned long long)seed, i);
		/* Right after a step closes: undo brings back the map as it
		 * was, redo the map as it is. */
		if (rc == 0 && open_groups == 0 && rng_chance(&r, 30) &&
		    !map_equal(before, d->map)) {
			final = map_clone(d->map);
			assert_int_equal(edit_undo(d, NULL), 0);
			assert_true(map_equal(before, d->map));
			assert_int_equal(edit_redo(d, NULL), 0);
			assert_true(map_equal(final, d->map));
			map_destroy(final);
		}
		/* Unmodified means: the map is the saved one. */
		if (!doc_modified(d))
			assert_true(map_equal(saved, d->map));
		map_destroy(before);
	}
	while (open_groups-- > 0)
		edit_group_end(d);
	while (edit_redo(d, NULL) == 0)
		;
	final = map_clone(d->map);
	steps = edit_undo_depth(d);
	while (edit_undo(d, NULL) == 0)
		;
	assert_true(map_equal(original, d->map));
	assert_int_equal(edit_redo_depth(d), steps);
	while (edit_redo(d, NULL) == 0)
		;
	assert_true(map_equal(final, d->map));
	assert_int_equal(errors_of(d->map), 0);
	map_destroy(saved);
	map_destroy(final);
	map_destroy(original);
	doc_destroy(d);
}

static void
test_random_edits_keep_map_valid_and_undoable(void **state)
{
	size_t applied[OP_COUNT], refused[OP_COUNT];
	uint64_t seed;
	int op;

	(void)state;
	memset(applied, 0, sizeof applied);
	memset(refused, 0, sizeof refused);
	for (seed = 1; seed <= 24; seed++)
		run_random(seed, 250, applied, refused);
	/* Every operation must be exercised both ways (set_meta is never
	 * refused) for the test to mean much. */
	for (op = 0; op < OP_COUNT; op++) {
		print_message("  %-20s %4zu applied, %4zu refused\n",
		    op_names[op], applied[op], refused[op]);
		assert_true(applied[op] >= 30);
		if (op != OP_META)
			assert_true(refused[op] >= 30);
	}
}

/*
 * The edit API's checks and validate_map's rules must agree: starting from
 * a valid map, an entity is refused by edit_add exactly when adding it
 * with map_add_* would make validate_map report an error, at that entity.
 */
static void
test_edit_checks_agree_with_validate(void **state)
{
	struct rng r = { 0x9E3779B97F4A7C15ull };
	union {
		struct persona p;
		struct department d;
		struct channel c;
		struct stage s;
		struct lane l;
		struct card k;
	} e;
	struct diaglist l;
	struct map *probe;
	struct doc *d;
	enum entity_kind k;
	size_t round, i, j, n, errors, accepted = 0, refused = 0;
	char *cause;
	int rc, line;

	(void)state;
	for (round = 0; round < 40; round++) {
		d = doc_create(NULL, 0);
		line = 1;
		for (k = 0; k < ENTITY_KIND_COUNT; k++) {
			n = 4 + rng_below(&r, 12);
			for (i = 0; i < n; i++, line++) {
				memset(&e, 0, sizeof e);
				e.p.id = random_id(&r, k);
				if (k == ENTITY_CARD) {
					e.k.stage = random_ref(&r, d->map,
					    ENTITY_STAGE);
					e.k.lane = random_ref(&r, d->map,
					    ENTITY_LANE);
				}
				random_fields(&r, d->map, k, &e, 4);
				/* Where validate must point. */
				switch (k) {
				case ENTITY_PERSONA:
					e.p.pos.line = line;
					break;
				case ENTITY_DEPARTMENT:
					e.d.pos.line = line;
					break;
				case ENTITY_CHANNEL:
					e.c.pos.line = line;
					break;
				case ENTITY_STAGE:
					e.s.pos.line = line;
					break;
				case ENTITY_LANE:
					e.l.pos.line = line;
					break;
				default:
					e.k.pos.line = line;
					break;
				}
				probe = map_clone(d->map);
				switch (k) {
				case ENTITY_PERSONA:
					map_add_persona(probe, &e.p);
					break;
				case ENTITY_DEPARTMENT:
					map_add_department(probe, &e.d);
					break;
				case ENTITY_CHANNEL:
					map_add_channel(probe, &e.c);
					break;
				case ENTITY_STAGE:
					map_add_stage(probe, &e.s);
					break;
				case ENTITY_LANE:
					map_add_lane(probe, &e.l);
					break;
				default:
					map_add_card(probe, &e.k);
					break;
				}
				memset(&l, 0, sizeof l);
				errors = validate_map(probe, &l);
				cause = NULL;
				rc = edit_add(d, k, 1000, &e, NULL, &cause);
				if ((rc != 0) != (errors > 0)) {
					print_message("edit: %s\n", cause ?
					    cause : "accepted");
					for (j = 0; j < l.count; j++)
						print_message("validate: %s\n",
						    l.items[j].message);
					fail_msg("edit and validate disagree");
				}
				for (j = 0; j < l.count; j++)
					if (l.items[j].severity == DIAG_ERROR)
						assert_int_equal(l.items[j].line,
						    line);
				if (rc == 0)
					accepted++;
				else
					refused++;
				free(cause);
				diaglist_free(&l);
				map_destroy(probe);
				entity_free_any(k, &e);
			}
		}
		doc_destroy(d);
	}
	print_message("  %zu accepted, %zu refused\n", accepted, refused);
	assert_true(accepted > 300);
	assert_true(refused > 300);
}

/* Edits on a map that is already invalid (as loaded from a hand-broken
 * file) work on what they touch and do not crash on what they do not. */
static void
test_edits_on_an_invalid_map(void **state)
{
	struct map *m = fixture();
	struct doc *d;
	struct stage s;
	struct card c;
	struct diaglist l = { 0, 0, NULL };
	const char *label;

	(void)state;
	free(m->stages[0].id);
	m->stages[0].id = NULL;
	free(m->cards[1].id);
	m->cards[1].id = xstrdup("ig-ad"); /* duplicate */
	free(m->cards[3].stage);
	m->cards[3].stage = xstrdup("nowhere");
	d = doc_create(m, 0);
	/* validate_map copes with the holes too. */
	assert_true(validate_map(d->map, &l) >= 3);
	diaglist_free(&l);

	/* An entity without an id can be deleted or given one. */
	stage_copy(&s, &d->map->stages[0]);
	s.id = xstrdup("discovery");
	assert_int_equal(edit_update(d, ENTITY_STAGE, 0, &s, NULL), 0);
	stage_free(&s);
	assert_int_equal(edit_undo(d, &label), 0);
	assert_string_equal(label, "edit stage 'discovery'");
	assert_int_equal(edit_delete_stage(d, 0, NULL, NULL), 0);
	assert_int_equal(edit_undo(d, &label), 0);
	assert_string_equal(label, "delete stage '(no id)'");
	/* Fixing the duplicate works; the broken card's other edits are
	 * checked as usual. */
	card_copy(&c, &d->map->cards[1]);
	free(c.id);
	c.id = xstrdup("review");
	assert_int_equal(edit_update(d, ENTITY_CARD, 1, &c, NULL), 0);
	card_free(&c);
	card_copy(&c, &d->map->cards[3]);
	free(c.title);
	c.title = xstrdup("still in a stage that does not exist");
	assert_int_equal(edit_update(d, ENTITY_CARD, 3, &c, NULL), -1);
	card_free(&c);
	assert_int_equal(edit_delete(d, ENTITY_CARD, 3, NULL), 0);
	doc_destroy(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entity_lookups),
		cmocka_unit_test(test_fixture_is_valid),
		cmocka_unit_test(test_add_each_kind),
		cmocka_unit_test(test_update_each_kind),
		cmocka_unit_test(test_update_of_nothing_records_nothing),
		cmocka_unit_test(test_rename_cascades_to_references),
		cmocka_unit_test(test_delete_each_kind),
		cmocka_unit_test(test_delete_stage_with_cards),
		cmocka_unit_test(test_delete_stage_moving_cards),
		cmocka_unit_test(test_delete_lane_both_ways),
		cmocka_unit_test(test_move_each_kind),
		cmocka_unit_test(test_set_meta),
		cmocka_unit_test(test_refusals_of_ids),
		cmocka_unit_test(test_refusals_of_cards),
		cmocka_unit_test(test_refusals_of_ranges_and_kinds),
		cmocka_unit_test(test_refusals_of_indexes_and_deletes),
		cmocka_unit_test(test_nothing_to_undo_or_redo),
		cmocka_unit_test(test_new_edit_clears_redo),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_depth_limit_drops_the_oldest),
		cmocka_unit_test(test_modified_follows_the_saved_state),
		cmocka_unit_test(test_replace_map),
		cmocka_unit_test(test_deep_history_on_a_big_map_stays_small),
		cmocka_unit_test(test_random_edits_keep_map_valid_and_undoable),
		cmocka_unit_test(test_edit_checks_agree_with_validate),
		cmocka_unit_test(test_edits_on_an_invalid_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
