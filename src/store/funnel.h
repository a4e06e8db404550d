/*
 * funnel.h - the ordered funnel: a pure computation over arrays of events.
 *
 * Nothing here knows SQLite or the map file: the store (store.h) reads the
 * events out of a database into arrays, funnel_prepare groups them by user
 * and orders them, and funnel_compute answers a question (window, date
 * range, breakdown, persona) over the prepared arrays.  Preparing is done
 * once per load; computing is cheap enough to repeat on every key press in
 * the board (a warm recompute).
 *
 * Semantics (DESIGN.md "The funnel", ClickHouse windowFunnel default mode,
 * PostHog ordered funnel):
 *   - a user's events are ordered by (time, stage index, sequence);
 *   - a chain starts at any stage-1 event with since <= time < until;
 *   - an event of stage k extends a chain that has reached stage k-1 if it
 *     comes later in that order and its time <= t1 + window (inclusive),
 *     t1 being the chain's own start; other events in between are allowed;
 *   - a user's level is the furthest stage any of their chains reaches.
 * The chain that "achieved the level", which gives the time-to-convert
 * medians and the breakdown key, is defined as follows: for every start,
 * follow the greedy chain (each step takes the first event of the next
 * stage, in order, that the window allows); among the starts whose greedy
 * chain reaches the user's level, take the one whose level-reaching event
 * comes first in the order; if several starts share that event, the latest
 * start (largest t1; among equal t1, the first in order).  The breakdown
 * key is the segment (or channel) of that chain's stage-1 event; the
 * persona filter keeps the users whose key segment is that persona.  A
 * user is "incomplete" when their level is below the last stage and the
 * window of their latest start (t1 + window) reaches past the latest time
 * of the data: they may still convert.
 *
 * Time is in milliseconds everywhere (see timeparse.h).
 */
#ifndef WAYMARK_FUNNEL_H
#define WAYMARK_FUNNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FUNNEL_MAX_STAGES 64
/* A segment or channel group value that matches no persona or channel. */
#define FUNNEL_GROUP_OTHER 0xFFFFu
#define FUNNEL_TIME_MIN INT64_MIN
#define FUNNEL_TIME_MAX INT64_MAX

/*
 * Events in any order, as parallel arrays of `count` items.  Borrowed by
 * funnel_prepare, which copies what it keeps.
 */
struct funnel_input {
	size_t count;
	uint32_t user_count; /* every user[i] < user_count */
	const uint32_t *user; /* user index */
	const int64_t *time; /* ms since the epoch */
	const int16_t *stage; /* 0-based stage index, -1 for none */
	const uint32_t *seq; /* tie-break order (rowid); NULL: position */
	/* persona index or FUNNEL_GROUP_OTHER; NULL: all other */
	const uint16_t *segment;
	/* channel index or FUNNEL_GROUP_OTHER; NULL: all other */
	const uint16_t *channel;
	/* a free per-event tag (the touchpoint); NULL: none */
	const uint16_t *tag;
	uint16_t segment_groups; /* values below this are personas */
	uint16_t channel_groups; /* values below this are channels */
};

/*
 * Events grouped by user (user u owns positions offset[u] .. offset[u+1]-1)
 * and ordered within a user by (time, stage, sequence).  Owns its arrays.
 */
struct funnel_data {
	size_t count;
	uint32_t user_count;
	uint32_t *offset; /* user_count + 1 items */
	/* A user's events that can move a chain come first, offset[u] ..
	 * scan_end[u] - 1; after them, in no particular order, the events
	 * the funnel can skip: no stage (touchpoints only) or an exact
	 * repeat of the previous event's (time, stage). */
	uint32_t *scan_end;
	int64_t *time;
	int16_t *stage;
	uint16_t *segment;
	uint16_t *channel;
	uint16_t *tag; /* NULL when the input had none */
	uint16_t segment_groups;
	uint16_t channel_groups;
	/* The latest time of the log, FUNNEL_TIME_MIN if none (windows open
	 * after it are incomplete): funnel_prepare sets the latest time of its
	 * events; a reader may raise it to that of rows it did not keep. */
	int64_t max_time;
};

enum funnel_by {
	FUNNEL_BY_NONE = 0,
	FUNNEL_BY_PERSONA, /* the segment group */
	FUNNEL_BY_CHANNEL,
};

struct funnel_params {
	int stage_count; /* 1..FUNNEL_MAX_STAGES; stages >= this are ignored */
	int64_t window_ms; /* >= 0 */
	int64_t since; /* inclusive; FUNNEL_TIME_MIN for no bound */
	int64_t until; /* exclusive; FUNNEL_TIME_MAX for no bound */
	enum funnel_by by;
	int persona; /* -1: everyone; else only users whose key segment
	              * group is this one (the persona filter) */
	const double
	    *targets; /* stage_count items, NaN when none; may be NULL */
	int threads; /* 0: decide (two above a size), 1: one thread */
};

struct funnel_stage_result {
	uint64_t users; /* reached this stage */
	uint64_t
	    drop_off; /* reached the previous one, not this; 0 for stage 1 */
	double conversion_step; /* users / previous users; NaN if undefined */
	double conversion_total; /* users / stage-1 users; NaN if undefined */
	double target; /* NaN when the stage has none */
	double gap; /* conversion_step - target; NaN if either is */
	double median_ms; /* from the previous stage; NaN if none */
	uint64_t incomplete; /* users stopped here whose window is still open */
};

struct funnel_group {
	int key; /* persona or channel index; -1 for "other" */
	uint64_t incomplete;
	struct funnel_stage_result *stages; /* stage_count items */
};

struct funnel_result {
	int stage_count;
	int64_t window_ms, since, until;
	int64_t max_time; /* the data's latest time */
	struct funnel_stage_result *stages;
	uint64_t
	    incomplete; /* users (level < last stage) with an open window */
	enum funnel_by by;
	size_t group_count; /* with a breakdown: every persona or channel in
	                     * index order, then "other" when it has users */
	struct funnel_group *groups;
};

/*
 * Group and order the input (a stable counting sort by user, then a sort
 * by (time, stage, sequence) of any user whose events are not already in
 * that order).  Fills *data, which the caller releases with funnel_data_free.
 */
void funnel_prepare(const struct funnel_input *in, struct funnel_data *data);
/*
 * The same over several inputs taken as one, in the order given (the
 * sequence of an item without seq is its position in that concatenation).
 * All parts share user_count and the group counts of parts[0].
 */
void funnel_prepare_parts(
    const struct funnel_input *parts, size_t nparts, struct funnel_data *data);
void funnel_data_free(struct funnel_data *data);

/*
 * Compute the funnel of `data` under `params` into *result (released with
 * funnel_result_free).  If user_level is not NULL it gets, per user, the
 * level reached (0: did not enter, or filtered out by the persona).  Pure:
 * reads data only, so several computes may run at once on the same data.
 * Returns 0, or -1 with *cause (caller frees) for bad params.
 */
int funnel_compute(const struct funnel_data *data,
    const struct funnel_params *params, struct funnel_result *result,
    uint8_t *user_level, char **cause);
void funnel_result_free(struct funnel_result *result);

/*
 * Touchpoint counts: for each tag value below tag_count, the number of
 * events with that tag and time in [since, until), and the number of
 * distinct users among them.  users[] and events[] have tag_count items.
 */
void funnel_tag_counts(const struct funnel_data *data, int64_t since,
    int64_t until, uint16_t tag_count, uint64_t *users, uint64_t *events);

/* The median of values[0..count) (reordered), the mean of the two middle
 * ones for an even count; NaN when count is 0. */
double funnel_median(int64_t *values, size_t count);

#endif
