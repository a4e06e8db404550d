/*
 * funnel.c - the ordered funnel over arrays (see funnel.h for semantics).
 *
 * Workload: tens of millions of events, up to a few million users, a
 * handful of stages; prepared once, computed many times.
 *
 * Preparing is a stable counting sort by user (two passes over the input,
 * no comparisons), after which a user's events are in input order; event
 * logs are written in time order, so the per-user sort by (time, stage,
 * sequence) is usually a check that finds nothing to do.
 *
 * Computing scans each user's events once.  For each level k it keeps the
 * chain with the LATEST start among the chains that have reached k so far:
 * a later start leaves more of the window for the next stages, so it can
 * extend whatever an earlier start could.  An event of stage k therefore
 * only has to be tested against the latest chain of level k-1, which makes
 * the scan O(events).  A chain is replaced only by one with a strictly
 * later start, so a level keeps the first (greedy) completion of a given
 * start.  When the scan first reaches a new level, the chain that did it
 * is copied aside: the user's final level is the last such copy, and its
 * step times give the medians and its stage-1 event the breakdown key.
 * tests/unit/test_funnel.c checks all this against a brute force that
 * follows every start separately.
 *
 * Users are independent, so a large compute splits the users in two
 * halves of about the same number of events and scans them in two threads,
 * each with its own counters, merged at the end.
 */
#include "store/funnel.h"

#include <math.h>
#include <stddef.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Below this many events a second thread costs more than it saves. */
#define FUNNEL_THREAD_MIN 200000

/* ---- preparing ---------------------------------------------------------- */

struct funnel_rec {
	int64_t time;
	uint32_t seq;
	int16_t stage;
	uint16_t segment, channel, tag;
};

static int
funnel_rec_cmp(const void *pa, const void *pb)
{
	const struct funnel_rec *a = pa, *b = pb;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if (a->stage != b->stage)
		return a->stage < b->stage ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return 0;
}

static void
funnel_sort_user(struct funnel_data *d, uint32_t *seq, size_t lo, size_t hi)
{
	struct funnel_rec *recs;
	size_t i, n = hi - lo;
	bool sorted = true;

	for (i = lo + 1; i < hi && sorted; i++) {
		if (d->time[i] != d->time[i - 1])
			sorted = d->time[i] > d->time[i - 1];
		else if (d->stage[i] != d->stage[i - 1])
			sorted = d->stage[i] > d->stage[i - 1];
		else if (seq != NULL)
			sorted = seq[i] > seq[i - 1];
	}
	if (sorted)
		return;
	recs = xreallocarray(NULL, n, sizeof *recs);
	for (i = 0; i < n; i++) {
		recs[i].time = d->time[lo + i];
		recs[i].seq = seq != NULL ? seq[lo + i] : (uint32_t)i;
		recs[i].stage = d->stage[lo + i];
		recs[i].segment = d->segment[lo + i];
		recs[i].channel = d->channel[lo + i];
		recs[i].tag = d->tag != NULL ? d->tag[lo + i] : 0;
	}
	qsort(recs, n, sizeof *recs, funnel_rec_cmp);
	for (i = 0; i < n; i++) {
		d->time[lo + i] = recs[i].time;
		d->stage[lo + i] = recs[i].stage;
		d->segment[lo + i] = recs[i].segment;
		d->channel[lo + i] = recs[i].channel;
		if (d->tag != NULL)
			d->tag[lo + i] = recs[i].tag;
	}
	free(recs);
}

/*
 * Put each user's events that can move a chain first (see scan_end in
 * funnel.h), keeping their order.  An exact repeat of the previous
 * event's (time, stage) can never change anything: a repeated start has
 * no later t1, and a repeated step finds its level already holding that
 * chain.  Moving such events out of the way spares every later compute
 * the work.
 */
static void
funnel_partition(struct funnel_data *d)
{
	struct funnel_rec *tail = NULL;
	size_t tail_cap = 0;

	d->scan_end =
	    xreallocarray(NULL, (size_t)d->user_count + 1, sizeof *d->scan_end);
	for (uint32_t u = 0; u < d->user_count; u++) {
		uint32_t lo = d->offset[u], hi = d->offset[u + 1], w = lo;
		size_t nt = 0;

		for (uint32_t i = lo; i < hi; i++) {
			bool skip = d->stage[i] < 0 ||
			    (w > lo && d->time[w - 1] == d->time[i] &&
			        d->stage[w - 1] == d->stage[i]);

			if (skip) {
				if (nt == tail_cap)
					XGROW(tail, tail_cap, nt + 1);
				tail[nt].time = d->time[i];
				tail[nt].stage = d->stage[i];
				tail[nt].segment = d->segment[i];
				tail[nt].channel = d->channel[i];
				tail[nt].tag = d->tag != NULL ? d->tag[i] : 0;
				nt++;
				continue;
			}
			if (w != i) {
				d->time[w] = d->time[i];
				d->stage[w] = d->stage[i];
				d->segment[w] = d->segment[i];
				d->channel[w] = d->channel[i];
				if (d->tag != NULL)
					d->tag[w] = d->tag[i];
			}
			w++;
		}
		d->scan_end[u] = w;
		for (size_t k = 0; k < nt; k++, w++) {
			d->time[w] = tail[k].time;
			d->stage[w] = tail[k].stage;
			d->segment[w] = tail[k].segment;
			d->channel[w] = tail[k].channel;
			if (d->tag != NULL)
				d->tag[w] = tail[k].tag;
		}
	}
	free(tail);
}

void
funnel_prepare(const struct funnel_input *in, struct funnel_data *d)
{
	funnel_prepare_parts(in, 1, d);
}

void
funnel_prepare_parts(
    const struct funnel_input *parts, size_t nparts, struct funnel_data *d)
{
	uint32_t *pos, *seq = NULL, u, user_count = parts[0].user_count;
	size_t i, n = 0, base = 0;
	int64_t max_time = FUNNEL_TIME_MIN;
	bool any_seq = false, any_tag = false;

	memset(d, 0, sizeof *d);
	for (size_t k = 0; k < nparts; k++) {
		n += parts[k].count;
		any_seq |= parts[k].seq != NULL;
		any_tag |= parts[k].tag != NULL;
	}
	d->count = n;
	d->user_count = user_count;
	d->segment_groups = parts[0].segment_groups;
	d->channel_groups = parts[0].channel_groups;
	d->offset = xcalloc((size_t)user_count + 1, sizeof *d->offset);
	for (size_t k = 0; k < nparts; k++)
		for (i = 0; i < parts[k].count; i++)
			d->offset[parts[k].user[i] + 1]++;
	for (u = 0; u < user_count; u++)
		d->offset[u + 1] += d->offset[u];
	pos = xreallocarray(NULL, (size_t)user_count + 1, sizeof *pos);
	memcpy(pos, d->offset, ((size_t)user_count + 1) * sizeof *pos);

	d->time = xreallocarray(NULL, n, sizeof *d->time);
	d->stage = xreallocarray(NULL, n, sizeof *d->stage);
	d->segment = xreallocarray(NULL, n, sizeof *d->segment);
	d->channel = xreallocarray(NULL, n, sizeof *d->channel);
	if (any_tag)
		d->tag = xreallocarray(NULL, n, sizeof *d->tag);
	if (any_seq)
		seq = xreallocarray(NULL, n, sizeof *seq);
	for (size_t k = 0; k < nparts; k++) {
		const struct funnel_input *in = &parts[k];

		for (i = 0; i < in->count; i++) {
			uint32_t p = pos[in->user[i]]++;

			d->time[p] = in->time[i];
			if (in->time[i] > max_time)
				max_time = in->time[i];
			d->stage[p] = in->stage[i];
			d->segment[p] = in->segment != NULL
			    ? in->segment[i]
			    : FUNNEL_GROUP_OTHER;
			d->channel[p] = in->channel != NULL
			    ? in->channel[i]
			    : FUNNEL_GROUP_OTHER;
			if (d->tag != NULL)
				d->tag[p] = in->tag != NULL
				    ? in->tag[i]
				    : FUNNEL_GROUP_OTHER;
			if (seq != NULL)
				seq[p] = in->seq != NULL ? in->seq[i]
				                         : (uint32_t)(base + i);
		}
		base += in->count;
	}
	free(pos);
	d->max_time = max_time;
	for (u = 0; u < user_count; u++)
		if (d->offset[u + 1] - d->offset[u] > 1)
			funnel_sort_user(
			    d, seq, d->offset[u], d->offset[u + 1]);
	free(seq);
	funnel_partition(d);
}

void
funnel_data_free(struct funnel_data *d)
{
	free(d->offset);
	free(d->scan_end);
	free(d->time);
	free(d->stage);
	free(d->segment);
	free(d->channel);
	free(d->tag);
	memset(d, 0, sizeof *d);
}

/* ---- computing ---------------------------------------------------------- */

struct funnel_deltas {
	int64_t *v;
	size_t n, cap;
};

/* One thread's share: users [first, last) and its own counters. */
struct funnel_job {
	const struct funnel_data *data;
	const struct funnel_params *params;
	uint32_t first, last;
	uint8_t *user_level;
	size_t groups; /* group slots; "other" is the last */
	uint64_t *hist; /* groups x (stages + 1): users by level */
	uint64_t *open; /* groups x (stages + 1): open windows by level */
	struct funnel_deltas *deltas; /* groups x stages */
};

static size_t
funnel_group_of(const struct funnel_job *job, uint16_t seg, uint16_t chan)
{
	switch (job->params->by) {
	case FUNNEL_BY_PERSONA:
		return seg < job->data->segment_groups ? seg : job->groups - 1;
	case FUNNEL_BY_CHANNEL:
		return chan < job->data->channel_groups ? chan
		                                        : job->groups - 1;
	default:
		return 0;
	}
}

/* A step of a chain: its time and the step before (-1 for a start).
 * Steps are never changed once made, so a chain is remembered by its
 * last step and a level can be replaced without copying anything. */
struct funnel_step {
	int64_t t;
	int32_t prev;
};

static void
funnel_push(struct funnel_deltas *dl, int64_t v)
{
	if (dl->n == dl->cap)
		XGROW(dl->v, dl->cap, dl->n + 1);
	dl->v[dl->n++] = v;
}

static void *
funnel_scan(void *arg)
{
	struct funnel_job *job = arg;
	const struct funnel_data *d = job->data;
	const struct funnel_params *p = job->params;
	const int S = p->stage_count;
	const uint64_t window = (uint64_t)p->window_ms;
	const int64_t since = p->since, until = p->until;
	const int64_t *time = d->time;
	const int16_t *stage = d->stage;
	int64_t lt1[FUNNEL_MAX_STAGES];
	int32_t last[FUNNEL_MAX_STAGES]; /* each level's chain: its last step */
	uint16_t pseg[FUNNEL_MAX_STAGES], pchan[FUNNEL_MAX_STAGES];
	struct funnel_step *steps = NULL;
	size_t steps_cap = 0;
	uint32_t u;

	for (u = job->first; u < job->last; u++) {
		uint32_t i, end = d->scan_end[u];
		int top = 0, best_level = 0;
		int32_t nsteps = 0, best = -1;
		uint16_t best_seg = 0, best_chan = 0;
		size_t g;

		if (end - d->offset[u] > steps_cap)
			XGROW(steps, steps_cap, end - d->offset[u]);
		for (i = d->offset[u]; i < end; i++) {
			int s = stage[i];
			int64_t t = time[i];

			/* one test for "no stage" (-1) and "past the last" */
			if ((unsigned)s >= (unsigned)S)
				continue;
			if (s == 0) {
				if (t < since || t >= until)
					continue;
				if (top > 0 && t <= lt1[0])
					continue;
				lt1[0] = t;
				steps[nsteps].t = t;
				steps[nsteps].prev = -1;
				last[0] = nsteps++;
				pseg[0] = d->segment[i];
				pchan[0] = d->channel[i];
				if (top == 0) {
					top = best_level = 1;
					best = last[0];
					best_seg = pseg[0];
					best_chan = pchan[0];
				}
			} else {
				if (s > top)
					continue;
				/* t >= lt1, so the difference fits in 64
				 * unsigned bits even for times at the ends
				 * of the int64 range (a corrupt store);
				 * as int64 it could overflow. */
				if ((uint64_t)t - (uint64_t)lt1[s - 1] > window)
					continue;
				if (s < top && lt1[s] == lt1[s - 1])
					continue;
				lt1[s] = lt1[s - 1];
				steps[nsteps].t = t;
				steps[nsteps].prev = last[s - 1];
				last[s] = nsteps++;
				pseg[s] = pseg[s - 1];
				pchan[s] = pchan[s - 1];
				if (s == top) {
					/* a new level: the first chain to
					 * reach it is the one that counts */
					best_level = ++top;
					best = last[s];
					best_seg = pseg[s];
					best_chan = pchan[s];
				}
			}
		}
		if (best_level > 0 && p->persona >= 0 &&
		    best_seg != (uint16_t)p->persona)
			best_level = 0;
		if (job->user_level != NULL)
			job->user_level[u] = (uint8_t)best_level;
		if (best_level == 0)
			continue;
		g = funnel_group_of(job, best_seg, best_chan);
		job->hist[g * (size_t)(S + 1) + (size_t)best_level]++;
		for (int k = best_level - 1; k >= 1; k--) {
			const struct funnel_step *at = &steps[best];

			/* steps of a chain are at most a window apart */
			funnel_push(&job->deltas[g * (size_t)S + (size_t)k],
			    (int64_t)((uint64_t)at->t -
			        (uint64_t)steps[at->prev].t));
			best = at->prev;
		}
		if (best_level < S &&
		    (uint64_t)d->max_time - (uint64_t)lt1[0] < window)
			job->open[g * (size_t)(S + 1) + (size_t)best_level]++;
	}
	free(steps);
	return NULL;
}

static int64_t
funnel_select(int64_t *v, size_t n, size_t k)
{
	ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, want = (ptrdiff_t)k;

	/* Quickselect (Hoare partition, median-of-three pivot).  Invariant:
	 * everything left of lo is <= everything in [lo, hi], everything
	 * right of hi is >= it; so on return v[0..k) <= v[k]. */
	while (lo < hi) {
		ptrdiff_t i = lo, j = hi, mid = lo + (hi - lo) / 2;
		int64_t a = v[lo], b = v[mid], c = v[hi], pivot;

		if ((a <= b && b <= c) || (c <= b && b <= a))
			pivot = b;
		else if ((b <= a && a <= c) || (c <= a && a <= b))
			pivot = a;
		else
			pivot = c;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				int64_t tmp = v[i];

				v[i++] = v[j];
				v[j--] = tmp;
			}
		}
		if (want <= j)
			hi = j;
		else if (want >= i)
			lo = i;
		else
			return v[want];
	}
	return v[want];
}

double
funnel_median(int64_t *v, size_t n)
{
	int64_t lower, upper;

	if (n == 0)
		return NAN;
	upper = funnel_select(v, n, n / 2);
	if (n % 2 == 1)
		return (double)upper;
	/* After selecting n/2, everything left of it is <= it: the lower
	 * middle is the largest of those. */
	lower = v[0];
	for (size_t i = 1; i < n / 2; i++)
		if (v[i] > lower)
			lower = v[i];
	return ((double)lower + (double)upper) / 2.0;
}

#define FUNNEL_BUCKETS 65536
#define FUNNEL_HISTOGRAM_MIN 2048 /* fewer values: plain quickselect */

/*
 * The median of the values of stage k across several lists, without
 * copying them together: the values lie in [0, window] (the steps of a
 * chain are at most a window apart), so one pass counts them into 65536
 * buckets of equal width, which locates the bucket of each middle rank;
 * a second pass picks out just that bucket's values to select among.
 * Buckets one millisecond wide give the value outright.
 */
static double
funnel_median_lists(struct funnel_deltas *const *deltas, size_t ndeltas, int k,
    uint64_t window, size_t total)
{
	uint32_t *count = xcalloc(FUNNEL_BUCKETS, sizeof *count);
	size_t want[2] = {(total - 1) / 2, total / 2}, rank[2], bucket[2];
	int64_t value[2];
	unsigned shift = 0;

	while ((window >> shift) >= FUNNEL_BUCKETS)
		shift++;
	for (size_t j = 0; j < ndeltas; j++) {
		const int64_t *v = deltas[j][k].v;

		for (size_t i = 0; i < deltas[j][k].n; i++) {
			uint64_t b = (uint64_t)v[i] >> shift;

			count[b < FUNNEL_BUCKETS ? b : FUNNEL_BUCKETS - 1]++;
		}
	}
	for (int r = 0; r < 2; r++) {
		size_t seen = 0, b = 0;

		while (seen + count[b] <= want[r])
			seen += count[b++];
		bucket[r] = b;
		rank[r] = want[r] - seen;
	}
	for (int r = 0; r < 2; r++) {
		int64_t *in;
		size_t n = 0;

		if (shift == 0) {
			value[r] = (int64_t)bucket[r];
			continue;
		}
		if (r == 1 && bucket[1] == bucket[0] && rank[1] == rank[0]) {
			value[1] = value[0];
			continue;
		}
		in = xreallocarray(NULL, count[bucket[r]], sizeof *in);
		for (size_t j = 0; j < ndeltas; j++) {
			const int64_t *v = deltas[j][k].v;

			for (size_t i = 0; i < deltas[j][k].n; i++) {
				uint64_t b = (uint64_t)v[i] >> shift;

				if ((b < FUNNEL_BUCKETS
				            ? b
				            : FUNNEL_BUCKETS - 1) == bucket[r])
					in[n++] = v[i];
			}
		}
		value[r] = funnel_select(in, n, rank[r]);
		free(in);
	}
	free(count);
	return ((double)value[0] + (double)value[1]) / 2.0;
}

static void
funnel_fill_stages(struct funnel_stage_result *st, int S, const uint64_t *hist,
    const uint64_t *open, struct funnel_deltas *const *deltas, size_t ndeltas,
    const double *targets, uint64_t window)
{
	uint64_t reached = 0;

	for (int k = S; k >= 1; k--) {
		reached += hist[k];
		st[k - 1].users = reached;
		st[k - 1].incomplete = open[k];
	}
	for (int k = 0; k < S; k++) {
		struct funnel_stage_result *r = &st[k];

		r->drop_off = k == 0 ? 0 : st[k - 1].users - r->users;
		if (k == 0)
			r->conversion_step = NAN;
		else
			r->conversion_step = st[k - 1].users == 0
			    ? NAN
			    : (double)r->users / (double)st[k - 1].users;
		r->conversion_total = st[0].users == 0
		    ? NAN
		    : (double)r->users / (double)st[0].users;
		r->target = targets != NULL ? targets[k] : NAN;
		r->gap = r->conversion_step - r->target;
		r->median_ms = NAN;
		if (k > 0) {
			size_t total = 0, at = 0, lists = 0, only = 0;
			int64_t *all;

			for (size_t j = 0; j < ndeltas; j++)
				if (deltas[j][k].n > 0) {
					total += deltas[j][k].n;
					lists++;
					only = j;
				}
			if (total == 0)
				continue;
			if (total >= FUNNEL_HISTOGRAM_MIN) {
				r->median_ms = funnel_median_lists(
				    deltas, ndeltas, k, window, total);
				continue;
			}
			if (lists == 1) {
				/* Selecting only reorders the list, which
				 * nothing else cares about: no copy. */
				r->median_ms =
				    funnel_median(deltas[only][k].v, total);
				continue;
			}
			all = xreallocarray(NULL, total, sizeof *all);
			for (size_t j = 0; j < ndeltas; j++) {
				if (deltas[j][k].n == 0)
					continue; /* v is NULL: no memcpy */
				memcpy(all + at, deltas[j][k].v,
				    deltas[j][k].n * sizeof *all);
				at += deltas[j][k].n;
			}
			r->median_ms = funnel_median(all, total);
			free(all);
		}
	}
}

int
funnel_compute(const struct funnel_data *d, const struct funnel_params *p,
    struct funnel_result *res, uint8_t *user_level, char **cause)
{
	struct funnel_job jobs[2];
	size_t groups, G1, njobs = 1, g;
	int S = p->stage_count;
	pthread_t thread;
	bool threaded = false;

	memset(res, 0, sizeof *res);
	if (S < 1 || S > FUNNEL_MAX_STAGES) {
		*cause = xasprintf("a funnel needs 1 to %d stages, not %d",
		    FUNNEL_MAX_STAGES, S);
		return -1;
	}
	if (p->window_ms < 0) {
		*cause = xasprintf("the window cannot be negative");
		return -1;
	}
	switch (p->by) {
	case FUNNEL_BY_PERSONA:
		groups = (size_t)d->segment_groups + 1;
		break;
	case FUNNEL_BY_CHANNEL:
		groups = (size_t)d->channel_groups + 1;
		break;
	default:
		groups = 1;
		break;
	}
	G1 = (size_t)S + 1;
	if (p->threads != 1 && d->count >= FUNNEL_THREAD_MIN &&
	    d->user_count >= 2)
		njobs = 2;
	for (size_t j = 0; j < njobs; j++) {
		jobs[j].data = d;
		jobs[j].params = p;
		jobs[j].user_level = user_level;
		jobs[j].groups = groups;
		jobs[j].hist = xcalloc(groups * G1, sizeof(uint64_t));
		jobs[j].open = xcalloc(groups * G1, sizeof(uint64_t));
		jobs[j].deltas =
		    xcalloc(groups * (size_t)S, sizeof(struct funnel_deltas));
	}
	if (njobs == 2) {
		/* Split where half of the events lie. */
		uint32_t lo = 0, hi = d->user_count;
		size_t half = d->count / 2;

		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (d->offset[mid] < half)
				lo = mid + 1;
			else
				hi = mid;
		}
		jobs[0].first = 0;
		jobs[0].last = lo;
		jobs[1].first = lo;
		jobs[1].last = d->user_count;
		threaded =
		    pthread_create(&thread, NULL, funnel_scan, &jobs[1]) == 0;
		funnel_scan(&jobs[0]);
		if (threaded)
			pthread_join(thread, NULL);
		else
			funnel_scan(&jobs[1]);
	} else {
		jobs[0].first = 0;
		jobs[0].last = d->user_count;
		funnel_scan(&jobs[0]);
	}
	if (njobs == 2) {
		for (size_t i = 0; i < groups * G1; i++) {
			jobs[0].hist[i] += jobs[1].hist[i];
			jobs[0].open[i] += jobs[1].open[i];
		}
	}

	res->stage_count = S;
	res->window_ms = p->window_ms;
	res->since = p->since;
	res->until = p->until;
	res->max_time = d->max_time;
	res->by = p->by;
	{
		/* Totals over every group. */
		uint64_t *hist = xcalloc(G1, sizeof *hist);
		uint64_t *open = xcalloc(G1, sizeof *open);
		struct funnel_deltas **lists =
		    xcalloc(groups * njobs, sizeof *lists);

		for (g = 0; g < groups; g++) {
			for (size_t k = 0; k < G1; k++) {
				hist[k] += jobs[0].hist[g * G1 + k];
				open[k] += jobs[0].open[g * G1 + k];
			}
			for (size_t j = 0; j < njobs; j++)
				lists[g * njobs + j] =
				    &jobs[j].deltas[g * (size_t)S];
		}
		res->stages = xcalloc((size_t)S, sizeof *res->stages);
		funnel_fill_stages(res->stages, S, hist, open, lists,
		    groups * njobs, p->targets, (uint64_t)p->window_ms);
		for (size_t k = 1; k < (size_t)S; k++)
			res->incomplete += open[k];
		if (p->by != FUNNEL_BY_NONE) {
			res->groups = xcalloc(groups, sizeof *res->groups);
			for (g = 0; g < groups; g++) {
				struct funnel_group *grp;
				uint64_t users = 0;

				for (size_t k = 1; k < G1; k++)
					users += jobs[0].hist[g * G1 + k];
				if (g == groups - 1 && users == 0)
					continue;
				grp = &res->groups[res->group_count++];
				grp->key = g == groups - 1 ? -1 : (int)g;
				grp->stages =
				    xcalloc((size_t)S, sizeof *grp->stages);
				funnel_fill_stages(grp->stages, S,
				    &jobs[0].hist[g * G1],
				    &jobs[0].open[g * G1], &lists[g * njobs],
				    njobs, p->targets, (uint64_t)p->window_ms);
				for (size_t k = 1; k < (size_t)S; k++)
					grp->incomplete +=
					    jobs[0].open[g * G1 + k];
			}
		}
		free(hist);
		free(open);
		free(lists);
	}
	for (size_t j = 0; j < njobs; j++) {
		for (size_t i = 0; i < groups * (size_t)S; i++)
			free(jobs[j].deltas[i].v);
		free(jobs[j].deltas);
		free(jobs[j].hist);
		free(jobs[j].open);
	}
	return 0;
}

void
funnel_result_free(struct funnel_result *res)
{
	for (size_t g = 0; g < res->group_count; g++)
		free(res->groups[g].stages);
	free(res->groups);
	free(res->stages);
	memset(res, 0, sizeof *res);
}

void
funnel_tag_counts(const struct funnel_data *d, int64_t since, int64_t until,
    uint16_t tag_count, uint64_t *users, uint64_t *events)
{
	uint32_t *last =
	    xreallocarray(NULL, tag_count ? tag_count : 1, sizeof *last);

	memset(users, 0, tag_count * sizeof *users);
	memset(events, 0, tag_count * sizeof *events);
	for (uint16_t t = 0; t < tag_count; t++)
		last[t] = UINT32_MAX;
	if (d->tag != NULL) {
		for (uint32_t u = 0; u < d->user_count; u++) {
			for (uint32_t i = d->offset[u]; i < d->offset[u + 1];
			     i++) {
				uint16_t t = d->tag[i];

				if (t >= tag_count || d->time[i] < since ||
				    d->time[i] >= until)
					continue;
				events[t]++;
				if (last[t] != u) {
					last[t] = u;
					users[t]++;
				}
			}
		}
	}
	free(last);
}
