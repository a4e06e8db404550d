/*
 * test_funnel.c - the funnel engine: one hand-made case per rule of
 * DESIGN.md "The funnel", then a brute-force reference (every start
 * followed on its own) that must agree with funnel_compute on many
 * thousands of random small logs with many ties.
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

#include "store/funnel.h"
#include "util/xalloc.h"

#define OTHER FUNNEL_GROUP_OTHER

struct ev {
	uint32_t user;
	int64_t time;
	int16_t stage;
	uint16_t seg, chan;
};

struct log {
	size_t n;
	uint32_t users;
	uint32_t user[256];
	int64_t time[256];
	int16_t stage[256];
	uint32_t seq[256];
	uint16_t seg[256], chan[256], tag[256];
	uint16_t seg_groups, chan_groups;
};

static void
log_from(struct log *l, const struct ev *evs, size_t n, uint32_t users)
{
	memset(l, 0, sizeof *l);
	l->n = n;
	l->users = users;
	l->seg_groups = 2;
	l->chan_groups = 2;
	for (size_t i = 0; i < n; i++) {
		l->user[i] = evs[i].user;
		l->time[i] = evs[i].time;
		l->stage[i] = evs[i].stage;
		l->seq[i] = (uint32_t)i;
		l->seg[i] = evs[i].seg;
		l->chan[i] = evs[i].chan;
		l->tag[i] = (uint16_t)(evs[i].stage < 0 ? 0 : evs[i].stage);
	}
}

static void
log_prepare(const struct log *l, struct funnel_data *d)
{
	struct funnel_input in = {
	    .count = l->n,
	    .user_count = l->users,
	    .user = l->user,
	    .time = l->time,
	    .stage = l->stage,
	    .seq = l->seq,
	    .segment = l->seg,
	    .channel = l->chan,
	    .tag = l->tag,
	    .segment_groups = l->seg_groups,
	    .channel_groups = l->chan_groups,
	};

	funnel_prepare(&in, d);
}

static struct funnel_params
params_default(int stages, int64_t window)
{
	struct funnel_params p = {
	    .stage_count = stages,
	    .window_ms = window,
	    .since = FUNNEL_TIME_MIN,
	    .until = FUNNEL_TIME_MAX,
	    .by = FUNNEL_BY_NONE,
	    .persona = -1,
	    .targets = NULL,
	    .threads = 1,
	};
	return p;
}

/* Compute and return per-user levels in levels[]. */
static void
run(const struct log *l, const struct funnel_params *p, struct funnel_result *r,
    uint8_t *levels)
{
	struct funnel_data d;
	char *cause = NULL;

	log_prepare(l, &d);
	assert_int_equal(funnel_compute(&d, p, r, levels, &cause), 0);
	funnel_data_free(&d);
}

#define EV(u, t, s)                                                            \
	{                                                                      \
		(u), (t), (s), 0, 0                                            \
	}

/* ---- hand-made cases ---------------------------------------------------- */

static void
test_window_inclusive(void **state)
{
	/* u0 reaches stage 2 exactly at t1 + window; u1 one ms late. */
	struct ev evs[] = {
	    EV(0, 100, 0), EV(0, 110, 1), EV(1, 100, 0), EV(1, 111, 1)};
	struct log l;
	struct funnel_params p = params_default(2, 10);
	struct funnel_result r;
	uint8_t lv[2];

	(void)state;
	log_from(&l, evs, 4, 2);
	run(&l, &p, &r, lv);
	assert_int_equal(lv[0], 2);
	assert_int_equal(lv[1], 1);
	assert_int_equal(r.stages[0].users, 2);
	assert_int_equal(r.stages[1].users, 1);
	assert_int_equal(r.stages[1].drop_off, 1);
	assert_true(fabs(r.stages[1].conversion_step - 0.5) < 1e-12);
	assert_true(fabs(r.stages[1].median_ms - 10) < 1e-12);
	assert_true(isnan(r.stages[0].conversion_step));
	assert_true(fabs(r.stages[0].conversion_total - 1.0) < 1e-12);
	funnel_result_free(&r);
}

static void
test_ties_stage_then_rowid(void **state)
{
	/* Same time: stage 2 written before stage 1 in the log still
	 * counts, because ties order by stage index. */
	struct ev evs[] = {EV(0, 5, 1), EV(0, 5, 0), EV(0, 5, 2)};
	struct log l;
	struct funnel_params p = params_default(3, 0);
	struct funnel_result r;
	uint8_t lv[1];

	(void)state;
	log_from(&l, evs, 3, 1);
	run(&l, &p, &r, lv);
	assert_int_equal(lv[0], 3);
	assert_true(fabs(r.stages[2].median_ms) < 1e-12);
	funnel_result_free(&r);
}

static void
test_ties_rowid_breakdown(void **state)
{
	/* Two stage-1 events at the same time: the first by rowid is the
	 * start, so its segment is the key. */
	struct ev evs[] = {{0, 5, 0, 1, 0}, {0, 5, 0, 0, 0}, {0, 6, 1, 0, 0}};
	struct log l;
	struct funnel_params p = params_default(2, 10);
	struct funnel_result r;
	uint8_t lv[1];

	(void)state;
	log_from(&l, evs, 3, 1);
	p.by = FUNNEL_BY_PERSONA;
	run(&l, &p, &r, lv);
	assert_int_equal(r.group_count, 2); /* personas 0 and 1, no other */
	assert_int_equal(r.groups[1].key, 1);
	assert_int_equal(r.groups[1].stages[1].users, 1);
	assert_int_equal(r.groups[0].stages[0].users, 0);
	funnel_result_free(&r);
}

static void
test_events_in_between(void **state)
{
	/* Noise, unmapped events and repeats between the stages. */
	struct ev evs[] = {EV(0, 1, 0), EV(0, 2, -1), EV(0, 3, 2), EV(0, 4, 0),
	    EV(0, 5, -1), EV(0, 6, 1), EV(0, 7, 1), EV(0, 8, 2)};
	struct log l;
	struct funnel_params p = params_default(3, 100);
	struct funnel_result r;
	uint8_t lv[1];

	(void)state;
	log_from(&l, evs, 8, 1);
	run(&l, &p, &r, lv);
	assert_int_equal(lv[0], 3);
	/* Achieving chain: the latest start (4) sharing the first
	 * completion (8): steps 4->6 and 6->8. */
	assert_true(fabs(r.stages[1].median_ms - 2) < 1e-12);
	assert_true(fabs(r.stages[2].median_ms - 2) < 1e-12);
	funnel_result_free(&r);
}

static void
test_restart_goes_further(void **state)
{
	/* The first chain times out at stage 2; a later start reaches 3. */
	struct ev evs[] = {
	    EV(0, 0, 0), EV(0, 5, 1), EV(0, 20, 0), EV(0, 25, 1), EV(0, 29, 2)};
	struct log l;
	struct funnel_params p = params_default(3, 10);
	struct funnel_result r;
	uint8_t lv[1];

	(void)state;
	log_from(&l, evs, 5, 1);
	run(&l, &p, &r, lv);
	assert_int_equal(lv[0], 3);
	assert_true(fabs(r.stages[1].median_ms - 5) < 1e-12);
	assert_true(fabs(r.stages[2].median_ms - 4) < 1e-12);
	funnel_result_free(&r);
}

static void
test_later_stage_without_earlier(void **state)
{
	/* Stage 3 alone, or stage 3 before stage 2: not a step. */
	struct ev evs[] = {
	    EV(0, 1, 2), EV(1, 1, 0), EV(1, 2, 2), EV(1, 3, 1), EV(2, 1, 1)};
	struct log l;
	struct funnel_params p = params_default(3, 100);
	struct funnel_result r;
	uint8_t lv[3];

	(void)state;
	log_from(&l, evs, 5, 3);
	run(&l, &p, &r, lv);
	assert_int_equal(lv[0], 0);
	assert_int_equal(lv[1], 2);
	assert_int_equal(lv[2], 0);
	assert_int_equal(r.stages[0].users, 1);
	assert_int_equal(r.stages[2].users, 0);
	funnel_result_free(&r);
}

static void
test_duplicates_count_once(void **state)
{
	struct ev evs[] = {
	    EV(0, 1, 0), EV(0, 1, 0), EV(0, 2, 1), EV(0, 2, 1), EV(0, 3, 1)};
	struct log l;
	struct funnel_params p = params_default(2, 100);
	struct funnel_result r;
	uint8_t lv[1];

	(void)state;
	log_from(&l, evs, 5, 1);
	run(&l, &p, &r, lv);
	assert_int_equal(r.stages[0].users, 1);
	assert_int_equal(r.stages[1].users, 1);
	assert_true(fabs(r.stages[1].median_ms - 1) < 1e-12);
	funnel_result_free(&r);
}

static void
test_since_until_on_entry_only(void **state)
{
	/* u0 enters before since; u1 enters inside and converts after
	 * until (counted); u2 enters at until (excluded). */
	struct ev evs[] = {EV(0, 5, 0), EV(0, 12, 1), EV(1, 10, 0),
	    EV(1, 25, 1), EV(2, 20, 0), EV(2, 21, 1)};
	struct log l;
	struct funnel_params p = params_default(2, 100);
	struct funnel_result r;
	uint8_t lv[3];

	(void)state;
	log_from(&l, evs, 6, 3);
	p.since = 10;
	p.until = 20;
	run(&l, &p, &r, lv);
	assert_int_equal(lv[0], 0);
	assert_int_equal(lv[1], 2);
	assert_int_equal(lv[2], 0);
	assert_int_equal(r.stages[0].users, 1);
	assert_int_equal(r.stages[1].users, 1);
	funnel_result_free(&r);
}

static void
test_breakdown_and_other(void **state)
{
	/* Segment 0, 1, and a value matching no persona (other). */
	struct ev evs[] = {{0, 1, 0, 0, 1}, {0, 2, 1, 0, 1}, {1, 1, 0, 1, 0},
	    {2, 1, 0, OTHER, OTHER}, {2, 3, 1, OTHER, OTHER},
	    {3, 1, 0, OTHER, 0}};
	struct log l;
	struct funnel_params p = params_default(2, 100);
	struct funnel_result r;

	(void)state;
	log_from(&l, evs, 6, 4);
	p.by = FUNNEL_BY_PERSONA;
	run(&l, &p, &r, NULL);
	assert_int_equal(r.group_count, 3);
	assert_int_equal(r.groups[0].key, 0);
	assert_int_equal(r.groups[0].stages[0].users, 1);
	assert_int_equal(r.groups[0].stages[1].users, 1);
	assert_int_equal(r.groups[1].stages[0].users, 1);
	assert_int_equal(r.groups[1].stages[1].users, 0);
	assert_int_equal(r.groups[2].key, -1);
	assert_int_equal(r.groups[2].stages[0].users, 2);
	assert_int_equal(r.groups[2].stages[1].users, 1);
	assert_int_equal(r.stages[0].users, 4);
	funnel_result_free(&r);

	p.by = FUNNEL_BY_CHANNEL;
	run(&l, &p, &r, NULL);
	assert_int_equal(r.group_count, 3);
	assert_int_equal(r.groups[0].stages[0].users, 2); /* u1, u3 */
	assert_int_equal(r.groups[1].stages[1].users, 1); /* u0 */
	assert_int_equal(r.groups[2].stages[0].users, 1); /* u2 */
	funnel_result_free(&r);

	/* The persona filter equals that persona's group. */
	p.by = FUNNEL_BY_NONE;
	p.persona = 0;
	run(&l, &p, &r, NULL);
	assert_int_equal(r.stages[0].users, 1);
	assert_int_equal(r.stages[1].users, 1);
	funnel_result_free(&r);
}

static void
test_key_is_achieving_chain(void **state)
{
	/* The first start (segment 0) stalls; the second (segment 1) goes
	 * further, so the user counts for segment 1. */
	struct ev evs[] = {{0, 0, 0, 0, 0}, {0, 50, 0, 1, 1}, {0, 55, 1, 1, 1}};
	struct log l;
	struct funnel_params p = params_default(2, 10);
	struct funnel_result r;

	(void)state;
	log_from(&l, evs, 3, 1);
	p.by = FUNNEL_BY_PERSONA;
	run(&l, &p, &r, NULL);
	assert_int_equal(r.groups[0].stages[0].users, 0);
	assert_int_equal(r.groups[1].stages[1].users, 1);
	funnel_result_free(&r);
}

static void
test_medians_even_odd(void **state)
{
	struct ev evs[] = {EV(0, 0, 0), EV(0, 10, 1), EV(1, 0, 0), EV(1, 20, 1),
	    EV(2, 0, 0), EV(2, 25, 1), EV(3, 0, 0), EV(3, 5, 1)};
	struct log l;
	struct funnel_params p = params_default(2, 100);
	struct funnel_result r;

	(void)state;
	log_from(&l, evs, 8, 4);
	run(&l, &p, &r, NULL);
	assert_true(fabs(r.stages[1].median_ms - 15) < 1e-12);
	funnel_result_free(&r);
	l.n = 6;
	run(&l, &p, &r, NULL);
	assert_true(fabs(r.stages[1].median_ms - 20) < 1e-12);
	assert_true(isnan(r.stages[0].median_ms));
	funnel_result_free(&r);
}

static void
test_incomplete_windows(void **state)
{
	/* Latest time is 100.  u0 entered at 95 (window 10: open until 105),
	 * stopped at stage 1; u1 entered at 50 (closed); u2 entered at 95
	 * and finished (not incomplete). */
	struct ev evs[] = {
	    EV(0, 95, 0), EV(1, 50, 0), EV(2, 95, 0), EV(2, 100, 1)};
	struct log l;
	struct funnel_params p = params_default(2, 10);
	struct funnel_result r;

	(void)state;
	log_from(&l, evs, 4, 3);
	run(&l, &p, &r, NULL);
	assert_int_equal(r.max_time, 100);
	assert_int_equal(r.incomplete, 1);
	assert_int_equal(r.stages[0].incomplete, 1);
	assert_int_equal(r.stages[1].incomplete, 0);
	funnel_result_free(&r);
	/* Exactly closed: t1 + window == latest time is not open. */
	p.window_ms = 5;
	run(&l, &p, &r, NULL);
	assert_int_equal(r.incomplete, 0);
	funnel_result_free(&r);
}

static void
test_targets_and_gap(void **state)
{
	struct ev evs[] = {
	    EV(0, 0, 0), EV(0, 1, 1), EV(1, 0, 0), EV(2, 0, 0), EV(3, 0, 0)};
	double targets[2] = {NAN, 0.5};
	struct log l;
	struct funnel_params p = params_default(2, 100);
	struct funnel_result r;

	(void)state;
	log_from(&l, evs, 5, 4);
	p.targets = targets;
	run(&l, &p, &r, NULL);
	assert_true(fabs(r.stages[1].conversion_step - 0.25) < 1e-12);
	assert_true(fabs(r.stages[1].gap + 0.25) < 1e-12);
	assert_true(isnan(r.stages[0].gap));
	funnel_result_free(&r);
}

static void
test_bad_params(void **state)
{
	struct log l;
	struct funnel_data d;
	struct funnel_params p = params_default(0, 10);
	struct funnel_result r;
	char *cause = NULL;

	(void)state;
	log_from(&l, NULL, 0, 0);
	log_prepare(&l, &d);
	assert_int_equal(funnel_compute(&d, &p, &r, NULL, &cause), -1);
	assert_non_null(strstr(cause, "stages"));
	free(cause);
	p.stage_count = 2;
	assert_int_equal(funnel_compute(&d, &p, &r, NULL, &cause), 0);
	assert_int_equal(r.stages[0].users, 0);
	assert_true(isnan(r.stages[1].conversion_step));
	funnel_result_free(&r);
	funnel_data_free(&d);
}

static void
test_tag_counts(void **state)
{
	struct ev evs[] = {
	    EV(0, 1, 0), EV(0, 2, 0), EV(1, 3, 0), EV(1, 50, 1), EV(2, 3, 1)};
	struct log l;
	struct funnel_data d;
	uint64_t users[2], events[2];

	(void)state;
	log_from(&l, evs, 5, 3);
	log_prepare(&l, &d);
	funnel_tag_counts(&d, 0, 10, 2, users, events);
	assert_int_equal(events[0], 3);
	assert_int_equal(users[0], 2);
	assert_int_equal(events[1], 1);
	assert_int_equal(users[1], 1);
	funnel_data_free(&d);
}

static void
test_median_select(void **state)
{
	int64_t v[1000];
	unsigned seed = 7;

	(void)state;
	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)(rand_r(&seed) % 999) + 1;
		int64_t sorted[1000];
		double want;

		for (size_t i = 0; i < n; i++)
			v[i] = rand_r(&seed) % 20;
		memcpy(sorted, v, n * sizeof v[0]);
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && sorted[j - 1] > sorted[j];
			     j--) {
				int64_t t = sorted[j];
				sorted[j] = sorted[j - 1];
				sorted[j - 1] = t;
			}
		want = n % 2
		    ? (double)sorted[n / 2]
		    : ((double)sorted[n / 2 - 1] + (double)sorted[n / 2]) / 2;
		assert_true(funnel_median(v, n) == want);
	}
}

/* ---- the brute force ---------------------------------------------------- */

struct bf_ev {
	int64_t time;
	int stage;
	uint32_t seq;
	uint16_t seg, chan;
};

static int
bf_cmp(const void *pa, const void *pb)
{
	const struct bf_ev *a = pa, *b = pb;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if (a->stage != b->stage)
		return a->stage < b->stage ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct bf_user {
	int level;
	int64_t path[FUNNEL_MAX_STAGES];
	uint16_t seg, chan;
	int64_t latest_start;
};

/* Follow every start greedily; pick the chain as funnel.h defines it. */
static void
bf_user(const struct log *l, uint32_t u, const struct funnel_params *p,
    struct bf_user *out)
{
	struct bf_ev evs[256];
	size_t n = 0, best_done = 0;
	int S = p->stage_count;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < l->n; i++) {
		if (l->user[i] != u)
			continue;
		evs[n].time = l->time[i];
		evs[n].stage = l->stage[i];
		evs[n].seq = l->seq[i];
		evs[n].seg = l->seg[i];
		evs[n].chan = l->chan[i];
		n++;
	}
	qsort(evs, n, sizeof evs[0], bf_cmp);
	for (size_t s = 0; s < n; s++) {
		int64_t path[FUNNEL_MAX_STAGES];
		int level = 1;
		size_t cur = s;
		int64_t t1 = evs[s].time;
		bool better;

		if (evs[s].stage != 0 || t1 < p->since || t1 >= p->until)
			continue;
		if (out->level == 0 || t1 > out->latest_start)
			out->latest_start = t1;
		path[0] = t1;
		while (level < S) {
			size_t j;

			for (j = cur + 1; j < n; j++)
				if (evs[j].stage == level &&
				    evs[j].time <= t1 + p->window_ms)
					break;
			if (j == n)
				break;
			path[level++] = evs[j].time;
			cur = j;
		}
		/* Higher level; else earlier completion; else later start
		 * (strictly: an equal t1 keeps the first in order). */
		better = level > out->level ||
		    (level == out->level &&
		        (cur < best_done ||
		            (cur == best_done && t1 > out->path[0])));
		if (better) {
			out->level = level;
			memcpy(out->path, path, sizeof path);
			out->seg = evs[s].seg;
			out->chan = evs[s].chan;
			best_done = cur;
		}
	}
}

static int
cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

static double
bf_median(int64_t *v, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof *v, cmp_i64);
	if (n % 2)
		return (double)v[n / 2];
	return ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
}

static bool
same_double(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) < 1e-9;
}

/* Check one group's stages against the brute force's users in it. */
static void
bf_check_stages(const struct log *l, const struct funnel_params *p,
    const struct bf_user *bu, int group, int groups,
    const struct funnel_stage_result *st, uint64_t max_time_open_check)
{
	int S = p->stage_count;
	uint64_t reached[FUNNEL_MAX_STAGES] = {0},
	         open[FUNNEL_MAX_STAGES] = {0};
	int64_t deltas[FUNNEL_MAX_STAGES][256];
	size_t nd[FUNNEL_MAX_STAGES] = {0};
	int64_t max_time = INT64_MIN;

	(void)max_time_open_check;
	for (size_t i = 0; i < l->n; i++)
		if (l->time[i] > max_time)
			max_time = l->time[i];
	for (uint32_t u = 0; u < l->users; u++) {
		const struct bf_user *b = &bu[u];
		int g = 0;

		if (b->level == 0)
			continue;
		if (p->persona >= 0 && b->seg != p->persona)
			continue;
		if (p->by == FUNNEL_BY_PERSONA)
			g = b->seg < l->seg_groups ? b->seg : groups - 1;
		else if (p->by == FUNNEL_BY_CHANNEL)
			g = b->chan < l->chan_groups ? b->chan : groups - 1;
		if (group >= 0 && g != group)
			continue;
		for (int k = 0; k < b->level; k++)
			reached[k]++;
		for (int k = 1; k < b->level; k++)
			deltas[k][nd[k]++] = b->path[k] - b->path[k - 1];
		if (b->level < S && b->latest_start + p->window_ms > max_time)
			open[b->level - 1]++;
	}
	for (int k = 0; k < S; k++) {
		assert_int_equal(st[k].users, reached[k]);
		assert_int_equal(
		    st[k].drop_off, k == 0 ? 0 : reached[k - 1] - reached[k]);
		assert_int_equal(st[k].incomplete, open[k]);
		assert_true(same_double(st[k].median_ms,
		    k == 0 ? NAN : bf_median(deltas[k], nd[k])));
		if (k > 0 && reached[k - 1] > 0)
			assert_true(same_double(st[k].conversion_step,
			    (double)reached[k] / (double)reached[k - 1]));
		if (reached[0] > 0)
			assert_true(same_double(st[k].conversion_total,
			    (double)reached[k] / (double)reached[0]));
	}
}

static uint16_t
random_group(unsigned *seed)
{
	int v = rand_r(seed) % 4;

	return v == 3 ? OTHER
	              : (uint16_t)v; /* 2 is past the groups: other too */
}

static void
test_random_against_brute_force(void **state)
{
	unsigned seed = 12345;
	int runs = 0;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		struct log l;
		struct funnel_params p;
		struct funnel_result r;
		struct bf_user bu[6];
		uint8_t lv[6];
		int S = 1 + rand_r(&seed) % 4;
		int64_t tmax = 1 + rand_r(&seed) % 12;

		memset(&l, 0, sizeof l);
		l.users = 1 + (uint32_t)(rand_r(&seed) % 5);
		l.n = (size_t)(rand_r(&seed) % 40);
		l.seg_groups = 2;
		l.chan_groups = 2;
		for (size_t i = 0; i < l.n; i++) {
			l.user[i] = (uint32_t)rand_r(&seed) % l.users;
			l.time[i] = rand_r(&seed) % (tmax + 1);
			l.stage[i] = (int16_t)(rand_r(&seed) % (S + 1) - 1);
			l.seg[i] = random_group(&seed);
			l.chan[i] = random_group(&seed);
			l.tag[i] = 0;
		}
		/* a random permutation of sequence numbers */
		for (size_t i = 0; i < l.n; i++)
			l.seq[i] = (uint32_t)i;
		for (size_t i = l.n; i > 1; i--) {
			size_t j = (size_t)rand_r(&seed) % i;
			uint32_t t = l.seq[i - 1];

			l.seq[i - 1] = l.seq[j];
			l.seq[j] = t;
		}
		p = params_default(S, rand_r(&seed) % 6);
		if (rand_r(&seed) % 3 == 0) {
			p.since = rand_r(&seed) % (tmax + 1);
			p.until = p.since + rand_r(&seed) % (tmax + 1);
		}
		p.by = (enum funnel_by)(rand_r(&seed) % 3);
		p.persona = rand_r(&seed) % 4 == 0 ? rand_r(&seed) % 2 : -1;
		p.threads = rand_r(&seed) % 2 ? 1 : 0;
		run(&l, &p, &r, lv);
		for (uint32_t u = 0; u < l.users; u++) {
			bf_user(&l, u, &p, &bu[u]);
			if (p.persona >= 0 && bu[u].level > 0 &&
			    bu[u].seg != p.persona)
				assert_int_equal(lv[u], 0);
			else
				assert_int_equal(lv[u], bu[u].level);
		}
		bf_check_stages(&l, &p, bu, -1, 3, r.stages, 0);
		if (p.by != FUNNEL_BY_NONE) {
			for (size_t g = 0; g < r.group_count; g++) {
				int key = r.groups[g].key;

				assert_true(key == -1 || key == (int)g);
				bf_check_stages(&l, &p, bu, key == -1 ? 2 : key,
				    3, r.groups[g].stages, 0);
			}
		}
		funnel_result_free(&r);
		runs++;
	}
	assert_int_equal(runs, 20000);
}

/* Medians of thousands of steps (the histogram path) equal the median of
 * the sorted steps, for windows narrow (1 ms buckets) and wide, odd and
 * even counts, with many equal values. */
static void
test_large_medians(void **state)
{
	const int64_t windows[] = {
	    1000, 60000, 7LL * 86400000, 100LL * 86400000};
	unsigned seed = 4242;

	(void)state;
	for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
		for (int parity = 0; parity < 2; parity++) {
			size_t users = 5000 + (size_t)parity;
			uint32_t *user = xmalloc(users * 2 * sizeof *user);
			int64_t *time = xmalloc(users * 2 * sizeof *time);
			int16_t *stage = xmalloc(users * 2 * sizeof *stage);
			uint16_t *seg = xmalloc(users * 2 * sizeof *seg);
			int64_t *steps = xmalloc(users * sizeof *steps);
			struct funnel_input in = {0};
			struct funnel_data d;
			struct funnel_params p = params_default(2, windows[w]);
			struct funnel_result r;
			char *cause = NULL;

			for (size_t u = 0; u < users; u++) {
				/* few distinct values when narrow: many ties */
				int64_t step =
				    (int64_t)rand_r(&seed) % (windows[w] + 1);

				if (rand_r(&seed) % 3 == 0)
					step = windows[w] / 3;
				user[2 * u] = user[2 * u + 1] = (uint32_t)u;
				time[2 * u] = 1000000;
				time[2 * u + 1] = 1000000 + step;
				stage[2 * u] = 0;
				stage[2 * u + 1] = 1;
				seg[2 * u] = seg[2 * u + 1] = (uint16_t)(u % 3);
				steps[u] = step;
			}
			in.count = users * 2;
			in.user_count = (uint32_t)users;
			in.user = user;
			in.time = time;
			in.stage = stage;
			in.segment = seg;
			in.segment_groups = 2;
			funnel_prepare(&in, &d);
			p.by = FUNNEL_BY_PERSONA;
			p.threads = parity;
			assert_int_equal(
			    funnel_compute(&d, &p, &r, NULL, &cause), 0);
			assert_int_equal(r.stages[1].users, users);
			assert_true(
			    r.stages[1].median_ms == bf_median(steps, users));
			funnel_result_free(&r);
			funnel_data_free(&d);
			free(user);
			free(time);
			free(stage);
			free(seg);
			free(steps);
		}
	}
}

/* A large random log run with two threads must equal one thread. */
static void
test_threads_agree(void **state)
{
	size_t n = 400000;
	uint32_t *user = xmalloc(n * sizeof *user);
	int64_t *time = xmalloc(n * sizeof *time);
	int16_t *stage = xmalloc(n * sizeof *stage);
	uint16_t *seg = xmalloc(n * sizeof *seg);
	unsigned seed = 99;
	struct funnel_input in = {0};
	struct funnel_data d;
	struct funnel_params p = params_default(4, 50);
	struct funnel_result r1, r2;
	char *cause = NULL;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		user[i] = (uint32_t)rand_r(&seed) % 30000;
		time[i] = (int64_t)i / 3;
		stage[i] = (int16_t)(rand_r(&seed) % 5 - 1);
		seg[i] = (uint16_t)(rand_r(&seed) % 3);
	}
	in.count = n;
	in.user_count = 30000;
	in.user = user;
	in.time = time;
	in.stage = stage;
	in.segment = seg;
	in.segment_groups = 2;
	funnel_prepare(&in, &d);
	p.by = FUNNEL_BY_PERSONA;
	p.threads = 1;
	assert_int_equal(funnel_compute(&d, &p, &r1, NULL, &cause), 0);
	p.threads = 0;
	assert_int_equal(funnel_compute(&d, &p, &r2, NULL, &cause), 0);
	assert_true(r1.stages[0].users > 1000);
	for (int k = 0; k < 4; k++) {
		assert_int_equal(r1.stages[k].users, r2.stages[k].users);
		assert_int_equal(
		    r1.stages[k].incomplete, r2.stages[k].incomplete);
		assert_true(same_double(
		    r1.stages[k].median_ms, r2.stages[k].median_ms));
	}
	assert_int_equal(r1.group_count, r2.group_count);
	for (size_t g = 0; g < r1.group_count; g++)
		for (int k = 0; k < 4; k++)
			assert_int_equal(r1.groups[g].stages[k].users,
			    r2.groups[g].stages[k].users);
	funnel_result_free(&r1);
	funnel_result_free(&r2);
	funnel_data_free(&d);
	free(user);
	free(time);
	free(stage);
	free(seg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_window_inclusive),
	    cmocka_unit_test(test_ties_stage_then_rowid),
	    cmocka_unit_test(test_ties_rowid_breakdown),
	    cmocka_unit_test(test_events_in_between),
	    cmocka_unit_test(test_restart_goes_further),
	    cmocka_unit_test(test_later_stage_without_earlier),
	    cmocka_unit_test(test_duplicates_count_once),
	    cmocka_unit_test(test_since_until_on_entry_only),
	    cmocka_unit_test(test_breakdown_and_other),
	    cmocka_unit_test(test_key_is_achieving_chain),
	    cmocka_unit_test(test_medians_even_odd),
	    cmocka_unit_test(test_incomplete_windows),
	    cmocka_unit_test(test_targets_and_gap),
	    cmocka_unit_test(test_bad_params),
	    cmocka_unit_test(test_tag_counts),
	    cmocka_unit_test(test_median_select),
	    cmocka_unit_test(test_random_against_brute_force),
	    cmocka_unit_test(test_large_medians),
	    cmocka_unit_test(test_threads_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
