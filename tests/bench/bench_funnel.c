/*
 * bench_funnel.c - the warm recompute: load an event store once, as the
 * board does, then time funnel_compute for the questions the board asks
 * after a key press (another persona, window or date range, a
 * breakdown).  Prints "name=value" lines for tests/bench/run.sh.
 *
 * usage: bench_funnel MAP DB
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "io/mapio.h"
#include "model/map.h"
#include "store/funnel.h"
#include "store/store.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	struct store_config over, cfg;
	struct store_events *ev;
	struct map *m;
	struct rusage ru;
	char *cause = NULL;
	double t0, load_ms, worst = 0;
	int64_t day = 86400000, start;
	struct {
		const char *what;
		enum funnel_by by;
		int persona;
		int64_t window_days;
		int64_t since_days,
		    until_days; /* from the first day; -1: none */
	} cases[] = {
	    {"all", FUNNEL_BY_NONE, -1, 7, -1, -1},
	    {"persona-0", FUNNEL_BY_NONE, 0, 7, -1, -1},
	    {"persona-1", FUNNEL_BY_NONE, 1, 7, -1, -1},
	    {"window-2d", FUNNEL_BY_NONE, -1, 2, -1, -1},
	    {"range-30d", FUNNEL_BY_NONE, -1, 7, 10, 40},
	    {"by-persona", FUNNEL_BY_PERSONA, -1, 7, -1, -1},
	    {"by-channel", FUNNEL_BY_CHANNEL, -1, 7, -1, -1},
	};

	if (argc != 3) {
		fprintf(stderr, "usage: bench_funnel MAP DB\n");
		return 2;
	}
	if ((m = mapio_load_file(argv[1], &cause)) == NULL) {
		fprintf(stderr, "bench_funnel: %s\n", cause);
		return 1;
	}
	memset(&over, 0, sizeof over);
	over.path = argv[2];
	if (store_config_resolve(&cfg, m, argv[1], &over, &cause) != 0) {
		fprintf(stderr, "bench_funnel: %s\n", cause);
		return 1;
	}
	t0 = now_ms();
	if ((ev = store_load(&cfg, m, 0, NULL, &cause)) == NULL) {
		fprintf(stderr, "bench_funnel: %s\n", cause);
		return 1;
	}
	load_ms = now_ms() - t0;
	printf("events=%zu\nusers=%u\nload_ms=%.0f\n", ev->data.count,
	    ev->data.user_count, load_ms);
	/* The first day of the log: the earliest time, found once. */
	start = ev->data.max_time;
	for (size_t i = 0; i < ev->data.count; i++)
		if (ev->data.time[i] < start)
			start = ev->data.time[i];
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct funnel_params p;
		struct funnel_result r;
		double best = 1e30;

		memset(&p, 0, sizeof p);
		p.stage_count = (int)m->stage_count;
		p.window_ms = cases[c].window_days * day;
		p.since = cases[c].since_days < 0
		    ? FUNNEL_TIME_MIN
		    : start + cases[c].since_days * day;
		p.until = cases[c].until_days < 0
		    ? FUNNEL_TIME_MAX
		    : start + cases[c].until_days * day;
		p.by = cases[c].by;
		p.persona = cases[c].persona;
		p.threads =
		    getenv("BENCH_THREADS") ? atoi(getenv("BENCH_THREADS")) : 0;
		/* best of three: the figure is the recompute, not the
		 * machine's hiccups */
		for (int rep = 0; rep < 3; rep++) {
			t0 = now_ms();
			if (funnel_compute(&ev->data, &p, &r, NULL, &cause) !=
			    0) {
				fprintf(stderr, "bench_funnel: %s\n", cause);
				return 1;
			}
			if (now_ms() - t0 < best)
				best = now_ms() - t0;
			if (rep == 2)
				printf("warm_%s_ms=%.1f (stage-1 users %llu)\n",
				    cases[c].what, best,
				    (unsigned long long)r.stages[0].users);
			funnel_result_free(&r);
		}
		if (best > worst)
			worst = best;
	}
	{
		/* touchpoint counts, recomputed with the date range */
		uint64_t *users = calloc(ev->tag_count + 1, sizeof *users);
		uint64_t *events = calloc(ev->tag_count + 1, sizeof *events);
		double best = 1e30;

		for (int rep = 0; rep < 3; rep++) {
			t0 = now_ms();
			store_touchpoints(ev, start + 10 * day,
			    start + 40 * day, users, events);
			if (now_ms() - t0 < best)
				best = now_ms() - t0;
		}
		printf("warm_touchpoints_ms=%.1f (%u touchpoints)\n", best,
		    ev->tag_count);
		free(users);
		free(events);
	}
	printf("warm_ms=%.1f\n", worst);
	getrusage(RUSAGE_SELF, &ru);
	printf("bench_maxrss_mb=%.0f\n", (double)ru.ru_maxrss / 1024.0);
	store_events_destroy(ev);
	store_config_free(&cfg);
	map_destroy(m);
	return 0;
}
