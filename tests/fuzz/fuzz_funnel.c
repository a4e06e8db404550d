/*
 * fuzz_funnel.c - libFuzzer target: the funnel engine (store/funnel.h)
 * against a brute-force reference written here from DESIGN.md.
 *
 * The bytes become a small event log (up to 8 users, 96 events, 1-6
 * stages, events of no stage and of stages past the last, times either
 * crowded into a few ticks, so that ties abound, or spread over the whole
 * int64 range, so that window arithmetic meets its limits), a unique
 * sequence (rowid) per event in random order or none, segments and
 * channels inside and outside their groups, and a question: window, since,
 * until, breakdown, persona filter.
 *
 * The reference follows the definition literally and slowly:
 *   - each user's events are sorted by (time, stage, sequence);
 *   - for every stage-1 event in [since, until) the furthest level any
 *     chain from it reaches is found by exhaustive search (memoized over
 *     (event, level)): an event of stage k extends a chain at k-1 when it
 *     comes later in the order and its time is at most t1 + window;
 *   - the user's level is the best over all starts; the greedy chain of
 *     each start is followed as well, and the chain that "achieved the
 *     level" is picked by funnel.h's rule (first level-reaching event in
 *     order, then the latest start), which gives the medians and the
 *     breakdown key;
 *   - a user stopped below the last stage has an open window when the
 *     latest start + window lies beyond the data's latest time.
 * Every number of funnel_compute (users, drop-off, medians, incomplete,
 * per-user levels, every group) must equal the reference's.  Any
 * difference aborts with both printed.
 */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/funnel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_USERS 8
#define MAX_EVENTS 96
#define MAX_S 6

struct fz_bytes {
	const uint8_t *p;
	size_t n;
};

static unsigned
fz_take(struct fz_bytes *b)
{
	if (b->n == 0)
		return 0;
	b->n--;
	return *b->p++;
}

static int64_t
fz_time(struct fz_bytes *b, bool wide)
{
	static const int64_t anchors[] = {INT64_MIN, INT64_MIN + 1,
	    -INT64_C(1000000000000), -1, 0, INT64_C(1700000000000),
	    INT64_MAX - 1, INT64_MAX};
	unsigned v = fz_take(b);

	if (!wide)
		return (int64_t)(v % 16);
	{
		int64_t a = anchors[v % 8];
		int64_t d = (int64_t)(fz_take(b) % 8);

		/* stay inside int64 */
		if (a > 0 && a > INT64_MAX - d)
			return a;
		return a + d;
	}
}

/* The event log, as the reference sees it. */
struct fz_ev {
	int64_t time;
	uint32_t seq;
	int stage;
	uint16_t segment, channel;
};

static int
fz_ev_cmp(const void *pa, const void *pb)
{
	const struct fz_ev *a = pa, *b = pb;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if (a->stage != b->stage)
		return a->stage < b->stage ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* t_j - t_i <= window, for t_j >= t_i, without overflow. */
static bool
fz_within(int64_t ti, int64_t tj, int64_t window)
{
	return (uint64_t)tj - (uint64_t)ti <= (uint64_t)window;
}

/* memo[j][k]: the furthest level reachable from event j, which holds
 * level k of a chain started at time t1 (0: not computed). */
static int memo[MAX_EVENTS][MAX_S + 1];

static int
fz_search(const struct fz_ev *ev, int n, int S, int j, int level, int64_t t1,
    int64_t window)
{
	int best = level;

	if (level == S)
		return S;
	if (memo[j][level] != 0)
		return memo[j][level];
	for (int i = j + 1; i < n; i++) {
		if (ev[i].stage == level && fz_within(t1, ev[i].time, window)) {
			int got = fz_search(ev, n, S, i, level + 1, t1, window);

			if (got > best)
				best = got;
		}
	}
	memo[j][level] = best;
	return best;
}

struct fz_user_ref {
	int level;          /* after the persona filter */
	int raw_level;      /* before it */
	uint16_t seg, chan; /* of the achieving chain's start */
	int64_t path[MAX_S];
	bool open;
};

static void
fz_reference_user(struct fz_ev *ev, int n, const struct funnel_params *p,
    int64_t max_time, struct fz_user_ref *r)
{
	const int S = p->stage_count;
	int best_level = 0, best_event = -1, best_start = -1;
	int64_t latest_t1 = 0;
	bool any_start = false;

	memset(r, 0, sizeof *r);
	qsort(ev, (size_t)n, sizeof *ev, fz_ev_cmp);
	for (int i = 0; i < n; i++) {
		int level, greedy = 1, reach_event = i;
		int64_t t1 = ev[i].time, path[MAX_S];

		if (ev[i].stage != 0 || t1 < p->since || t1 >= p->until)
			continue;
		if (!any_start || t1 > latest_t1)
			latest_t1 = t1;
		any_start = true;
		memset(memo, 0, sizeof memo);
		level = fz_search(ev, n, S, i, 1, t1, p->window_ms);
		/* the greedy chain of this start */
		path[0] = t1;
		for (int j = i + 1; j < n && greedy < S; j++) {
			if (ev[j].stage == greedy &&
			    fz_within(t1, ev[j].time, p->window_ms)) {
				path[greedy++] = ev[j].time;
				reach_event = j;
			}
		}
		if (greedy != level) {
			/* the greedy chain goes as far as any: a property
			 * of the definition; if not, the reference is wrong */
			fprintf(stderr, "reference: greedy %d != search %d\n",
			    greedy, level);
			abort();
		}
		if (level > best_level ||
		    (level == best_level &&
			(reach_event < best_event ||
			    (reach_event == best_event &&
				t1 > ev[best_start].time)))) {
			best_level = level;
			best_event = reach_event;
			best_start = i;
			memcpy(r->path, path, sizeof path);
		}
	}
	r->raw_level = best_level;
	if (best_level == 0)
		return;
	r->seg = ev[best_start].segment;
	r->chan = ev[best_start].channel;
	r->level = best_level;
	if (p->persona >= 0 && r->seg != (uint16_t)p->persona)
		r->level = 0;
	r->open = r->level > 0 && r->level < S &&
	    (uint64_t)max_time - (uint64_t)latest_t1 < (uint64_t)p->window_ms;
}

static int
fz_cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

static double
fz_median(int64_t *v, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof *v, fz_cmp_i64);
	if (n % 2 == 1)
		return (double)v[n / 2];
	return ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2.0;
}

static bool
fz_same(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static void
fz_fail(const char *what, int group, int stage, double got, double want)
{
	fprintf(stderr, "funnel mismatch: %s (group %d, stage %d): got %.17g, "
	    "reference %.17g\n", what, group, stage + 1, got, want);
	abort();
}

/* Check one set of stage results against the users whose group is g (or
 * all users when g is -2). */
static void
fz_check_stages(const struct funnel_stage_result *st, int S,
    const struct fz_user_ref *refs, const int *group_of, int nusers, int g)
{
	int64_t deltas[MAX_USERS];

	for (int k = 0; k < S; k++) {
		uint64_t users = 0, prev = 0, open = 0;
		size_t nd = 0;

		for (int u = 0; u < nusers; u++) {
			if (g != -2 && group_of[u] != g)
				continue;
			if (refs[u].level >= k + 1)
				users++;
			if (k > 0 && refs[u].level >= k)
				prev++;
			if (refs[u].open && refs[u].level == k + 1)
				open++;
			if (k > 0 && refs[u].level >= k + 1)
				deltas[nd++] = refs[u].path[k] - refs[u].path[k - 1];
		}
		if (st[k].users != users)
			fz_fail("users", g, k, (double)st[k].users, (double)users);
		if (k > 0 && st[k].drop_off != prev - users)
			fz_fail("drop_off", g, k, (double)st[k].drop_off,
			    (double)(prev - users));
		if (st[k].incomplete != open)
			fz_fail("incomplete", g, k, (double)st[k].incomplete,
			    (double)open);
		if (k > 0) {
			double med = fz_median(deltas, nd);
			double step = prev == 0 ? NAN : (double)users / (double)prev;

			if (!fz_same(st[k].median_ms, med))
				fz_fail("median_ms", g, k, st[k].median_ms, med);
			if (!fz_same(st[k].conversion_step, step))
				fz_fail("conversion_step", g, k,
				    st[k].conversion_step, step);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_bytes b = {data, size};
	uint32_t user[MAX_EVENTS], seq[MAX_EVENTS];
	int64_t time[MAX_EVENTS], max_time = FUNNEL_TIME_MIN;
	int16_t stage[MAX_EVENTS];
	uint16_t segment[MAX_EVENTS], channel[MAX_EVENTS];
	double targets[MAX_S];
	struct funnel_input in;
	struct funnel_data fd;
	struct funnel_params p;
	struct funnel_result res;
	struct fz_user_ref refs[MAX_USERS];
	struct fz_ev ev[MAX_EVENTS];
	int group_of[MAX_USERS];
	uint8_t levels[MAX_USERS];
	unsigned flags;
	uint16_t seg_groups, chan_groups;
	int S, nusers, n = 0, nev;
	bool wide, use_seq;
	char *cause = NULL;

	if (size < 8)
		return 0;
	S = (int)(fz_take(&b) % MAX_S) + 1;
	nusers = (int)(fz_take(&b) % MAX_USERS) + 1;
	flags = fz_take(&b);
	wide = flags & 1;
	use_seq = flags & 2;
	memset(&p, 0, sizeof p);
	p.stage_count = S;
	switch (fz_take(&b) % 4) {
	case 0:
		p.window_ms = fz_take(&b) % 8;
		break;
	case 1:
		p.window_ms = INT64_MAX;
		break;
	case 2:
		p.window_ms = (int64_t)fz_take(&b) << (fz_take(&b) % 56);
		break;
	default:
		p.window_ms = INT64_MAX - (int64_t)(fz_take(&b) % 4);
		break;
	}
	p.since = (flags & 4) ? fz_time(&b, wide) : FUNNEL_TIME_MIN;
	p.until = (flags & 8) ? fz_time(&b, wide) : FUNNEL_TIME_MAX;
	p.by = (enum funnel_by)((flags >> 4) % 3);
	seg_groups = (uint16_t)(fz_take(&b) % 4);
	chan_groups = (uint16_t)(fz_take(&b) % 4);
	p.persona = (flags & 64) && seg_groups > 0
	    ? (int)(fz_take(&b) % seg_groups) : -1;
	p.threads = 1;
	for (int k = 0; k < S; k++)
		targets[k] = k == 0 ? NAN : (double)(fz_take(&b) % 11) / 10.0;
	p.targets = (flags & 128) ? targets : NULL;

	while (b.n >= 4 && n < MAX_EVENTS) {
		unsigned v = fz_take(&b);
		unsigned g = fz_take(&b);

		user[n] = v % (unsigned)nusers;
		stage[n] = (int16_t)((int)(v / 8 % (unsigned)(S + 2)) - 1);
		time[n] = fz_time(&b, wide);
		segment[n] = g % 8 == 7 ? FUNNEL_GROUP_OTHER
					: (uint16_t)(g % 8 % 5);
		channel[n] = g / 8 % 8 == 7 ? FUNNEL_GROUP_OTHER
					    : (uint16_t)(g / 8 % 8 % 5);
		seq[n] = (uint32_t)n;
		if (time[n] > max_time)
			max_time = time[n];
		n++;
	}
	/* unique sequence numbers in a random order */
	for (int i = n - 1; i > 0; i--) {
		int j = (int)(fz_take(&b) % (unsigned)(i + 1));
		uint32_t t = seq[i];

		seq[i] = seq[j];
		seq[j] = t;
	}

	memset(&in, 0, sizeof in);
	in.count = (size_t)n;
	in.user_count = (uint32_t)nusers;
	in.user = user;
	in.time = time;
	in.stage = stage;
	in.seq = use_seq ? seq : NULL;
	in.segment = segment;
	in.channel = channel;
	in.segment_groups = seg_groups;
	in.channel_groups = chan_groups;
	funnel_prepare(&in, &fd);
	if (funnel_compute(&fd, &p, &res, levels, &cause) != 0) {
		fprintf(stderr, "funnel_compute refused: %s\n", cause);
		abort();
	}

	for (int u = 0; u < nusers; u++) {
		nev = 0;
		for (int i = 0; i < n; i++) {
			if (user[i] != (uint32_t)u)
				continue;
			ev[nev].time = time[i];
			ev[nev].seq = use_seq ? seq[i] : (uint32_t)i;
			ev[nev].stage = stage[i] >= S ? -1 : stage[i];
			ev[nev].segment = segment[i];
			ev[nev].channel = channel[i];
			nev++;
		}
		fz_reference_user(ev, nev, &p, max_time, &refs[u]);
		if (levels[u] != refs[u].level)
			fz_fail("user level", -1, u, levels[u], refs[u].level);
		switch (p.by) {
		case FUNNEL_BY_PERSONA:
			group_of[u] = refs[u].seg < in.segment_groups ? refs[u].seg : -1;
			break;
		case FUNNEL_BY_CHANNEL:
			group_of[u] = refs[u].chan < in.channel_groups ? refs[u].chan : -1;
			break;
		default:
			group_of[u] = 0;
			break;
		}
	}
	if (res.stage_count != S || res.max_time != max_time)
		fz_fail("stage_count/max_time", -2, 0, (double)res.max_time,
		    (double)max_time);
	fz_check_stages(res.stages, S, refs, group_of, nusers, -2);
	if (p.by != FUNNEL_BY_NONE) {
		int groups = p.by == FUNNEL_BY_PERSONA ? in.segment_groups
						       : in.channel_groups;
		bool other = false;

		for (int u = 0; u < nusers; u++)
			other |= refs[u].level > 0 && group_of[u] == -1;
		if (res.group_count != (size_t)(groups + (other ? 1 : 0)))
			fz_fail("group_count", -2, 0, (double)res.group_count,
			    groups + (other ? 1 : 0));
		for (size_t g = 0; g < res.group_count; g++) {
			int key = g == (size_t)groups ? -1 : (int)g;

			if (res.groups[g].key != key)
				fz_fail("group key", (int)g, 0,
				    res.groups[g].key, key);
			fz_check_stages(res.groups[g].stages, S, refs,
			    group_of, nusers, key);
		}
	} else if (res.group_count != 0) {
		fz_fail("group_count without breakdown", -2, 0,
		    (double)res.group_count, 0);
	}
	funnel_result_free(&res);
	funnel_data_free(&fd);
	return 0;
}
