/*
 * events-demo.c - the synthetic event store behind `waymark events demo`
 * (see events-demo.h).
 *
 * The simulation walks each user through the map's stages and collects
 * their events in memory; the rows of all users are then sorted by time
 * and inserted with one prepared statement in one transaction into a
 * fresh file (journal off: the file is a temporary one until the final
 * rename, so there is nothing to protect).  Randomness comes from
 * splitmix64 seeded by the user's number and the seed, so a user's story
 * does not depend on the others and the output is the same on every
 * machine.
 */
#include "store/events-demo.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/validate.h"
#include "store/events-import.h"
#include "store/timeparse.h"
#include "util/xalloc.h"

#define DEMO_HOUR 3600
#define DEMO_DAY 86400
#define DEMO_ENTRY_DAYS 60 /* entries spread over this many days */

static const char *const demo_noise[] = {"app_open", "page_scroll",
    "newsletter_open", "wishlist_view", "cookie_consent", "session_ping"};
#define DEMO_NOISE_COUNT (sizeof demo_noise / sizeof demo_noise[0])

struct demo_row {
	int64_t ts;
	uint32_t user;
	uint16_t seq; /* order within the user, for a total sort */
	uint16_t name; /* index into the name table */
	uint16_t chan; /* channel index + 1; 0: no channel */
	uint16_t seg; /* persona index + 1; 0: a segment matching none */
};

struct demo {
	const struct map *m;
	char **names; /* stage events, card events, noise (borrowed) */
	size_t name_count;
	size_t **stage_names; /* per stage: name indices */
	size_t *stage_name_count;
	size_t **stage_cards; /* per stage: card indices with an event */
	size_t *stage_card_count;
	int64_t window;
	struct demo_row *rows;
	size_t n, cap;
};

static uint64_t
demo_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
demo_uniform(uint64_t *state)
{
	return (double)(demo_next(state) >> 11) * (1.0 / 9007199254740992.0);
}

static uint64_t
demo_below(uint64_t *state, uint64_t n)
{
	return n == 0 ? 0 : demo_next(state) % n;
}

/* Exponential with the given mean, in seconds, at least 1. */
static int64_t
demo_exp(uint64_t *state, double mean)
{
	double v = -log(1.0 - demo_uniform(state)) * mean;

	return v < 1 ? 1 : (int64_t)v;
}

static size_t
demo_name_index(struct demo *d, const char *name)
{
	for (size_t i = 0; i < d->name_count; i++)
		if (strcmp(d->names[i], name) == 0)
			return i;
	d->names = xreallocarray(d->names, d->name_count + 1, sizeof *d->names);
	d->names[d->name_count] = (char *)name;
	return d->name_count++;
}

static void
demo_emit(struct demo *d, uint32_t user, uint16_t *seq, int64_t ts, size_t name,
    uint16_t chan, uint16_t seg)
{
	XGROW(d->rows, d->cap, d->n + 1);
	d->rows[d->n].ts = ts;
	d->rows[d->n].user = user;
	d->rows[d->n].seq = (*seq)++;
	d->rows[d->n].name = (uint16_t)name;
	d->rows[d->n].chan = chan;
	d->rows[d->n].seg = seg;
	d->n++;
}

/* A channel for an event of stage s: that of one of the stage's cards
 * (so users hop between the channels the workshop planned), sometimes
 * one the map does not know. */
static uint16_t
demo_channel(struct demo *d, size_t s, uint64_t *rng)
{
	const struct map *m = d->m;
	size_t tries = d->stage_card_count[s];

	if (m->channel_count == 0 || demo_uniform(rng) < 0.03)
		return (uint16_t)(m->channel_count + 1); /* unknown */
	if (tries > 0) {
		const struct card *c =
		    &m->cards[d->stage_cards[s][demo_below(rng, tries)]];
		long ci = c->channel ? map_channel_index(m, c->channel) : -1;

		if (ci >= 0)
			return (uint16_t)(ci + 1);
	}
	return (uint16_t)(demo_below(rng, m->channel_count) + 1);
}

/* One pass through the funnel from entry time t; returns the time of the
 * last event. */
static int64_t
demo_journey(struct demo *d, uint32_t user, uint16_t *seq, int64_t t,
    uint16_t seg, double factor, bool slow, uint64_t *rng)
{
	const struct map *m = d->m;

	for (size_t s = 0; s < m->stage_count; s++) {
		size_t k, nev;

		if (s > 0) {
			double target =
			    m->stages[s].has_target ? m->stages[s].target : 0.5;
			double p = target * factor * 1.02;
			double mean = (double)DEMO_HOUR * 6 * (double)s;

			if (p > 0.97)
				p = 0.97;
			if (demo_uniform(rng) >= p)
				break;
			/* Slow users take their time: most of their later
			 * steps fall outside the window. */
			t += demo_exp(rng, slow ? (double)d->window / 2 : mean);
		}
		if (d->stage_name_count[s] == 0)
			continue;
		nev = 1 + demo_below(rng, 3);
		for (k = 0; k < nev; k++) {
			size_t name = d->stage_names[s][demo_below(
			    rng, d->stage_name_count[s])];
			uint16_t chan = demo_channel(d, s, rng);

			demo_emit(d, user, seq, t, name, chan, seg);
			if (demo_uniform(rng) < 0.06) /* a duplicate */
				demo_emit(d, user, seq, t, name, chan, seg);
			t += demo_exp(rng, 300);
		}
		for (k = 0; k < d->stage_card_count[s]; k++) {
			const struct card *c = &m->cards[d->stage_cards[s][k]];
			long ci;

			if (demo_uniform(rng) >= 0.35)
				continue;
			ci = c->channel ? map_channel_index(m, c->channel) : -1;
			demo_emit(d, user, seq, t + demo_exp(rng, 600),
			    demo_name_index(d, c->event),
			    ci >= 0 ? (uint16_t)(ci + 1)
			            : demo_channel(d, s, rng),
			    seg);
		}
	}
	return t;
}

static void
demo_user(struct demo *d, uint32_t user, int64_t base, uint64_t seed)
{
	const struct map *m = d->m;
	uint64_t rng = seed * 0x100000001b3ull + user;
	uint16_t seq = 0, seg = 0;
	double factor = 1.0, pick;
	int64_t t, end;
	bool slow;
	size_t k, noise;

	demo_next(&rng);
	/* Personas by falling weights 1, 1/2, 1/3...; 5% match none. */
	pick = demo_uniform(&rng);
	if (m->persona_count > 0 && pick >= 0.05) {
		double total = 0, acc = 0;

		for (k = 0; k < m->persona_count; k++)
			total += 1.0 / (double)(k + 1);
		pick = (pick - 0.05) / 0.95 * total;
		for (k = 0; k < m->persona_count; k++) {
			acc += 1.0 / (double)(k + 1);
			if (pick < acc || k + 1 == m->persona_count)
				break;
		}
		if (m->personas[k].segment != NULL)
			seg = (uint16_t)(k + 1);
		factor = k == 0 ? 1.1 : k == 1 ? 1.0 : 0.85;
	}
	slow = demo_uniform(&rng) < 0.08;
	t = base +
	    (int64_t)demo_below(&rng, (uint64_t)DEMO_ENTRY_DAYS * DEMO_DAY);
	end = demo_journey(d, user, &seq, t, seg, factor, slow, &rng);
	/* Some come back later and start over. */
	if (demo_uniform(&rng) < 0.12)
		end = demo_journey(d, user, &seq,
		    end + DEMO_DAY * (int64_t)(3 + demo_below(&rng, 20)), seg,
		    factor, false, &rng);
	noise = demo_below(&rng, 5);
	for (k = 0; k < noise; k++)
		demo_emit(d, user, &seq,
		    t +
		        (int64_t)demo_below(
		            &rng, (uint64_t)(end - t + DEMO_DAY)),
		    demo_name_index(
		        d, demo_noise[demo_below(&rng, DEMO_NOISE_COUNT)]),
		    (uint16_t)(demo_below(&rng, m->channel_count + 1)), seg);
}

static int
demo_row_cmp(const void *pa, const void *pb)
{
	const struct demo_row *a = pa, *b = pb;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	if (a->user != b->user)
		return a->user < b->user ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
demo_free(struct demo *d)
{
	for (size_t s = 0; s < d->m->stage_count; s++) {
		free(d->stage_names[s]);
		free(d->stage_cards[s]);
	}
	free(d->stage_names);
	free(d->stage_name_count);
	free(d->stage_cards);
	free(d->stage_card_count);
	free(d->names);
	free(d->rows);
}

static int
demo_write_db(struct demo *d, const char *tmp, const char *path, char **cause)
{
	const struct map *m = d->m;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc;
	char id[32];

	rc = sqlite3_open_v2(tmp, &db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE,
	    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db,
		    "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
		    "PRAGMA page_size=4096;"
		    "CREATE TABLE events(user_id TEXT, event TEXT, "
		    "ts INTEGER, segment TEXT, channel TEXT);"
		    "BEGIN",
		    NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db,
		    "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5)", -1, &st,
		    NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < d->n; i++) {
		const struct demo_row *r = &d->rows[i];
		int len = snprintf(id, sizeof id, "u%06u", r->user);

		sqlite3_bind_text(st, 1, id, len, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, d->names[r->name], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, r->ts);
		if (r->seg > 0)
			sqlite3_bind_text(st, 4,
			    m->personas[r->seg - 1].segment, -1, SQLITE_STATIC);
		else
			sqlite3_bind_text(st, 4, "guest", -1, SQLITE_STATIC);
		if (r->chan == 0)
			sqlite3_bind_null(st, 5);
		else if (r->chan > m->channel_count)
			sqlite3_bind_text(st, 5, "kiosk", -1, SQLITE_STATIC);
		else
			sqlite3_bind_text(st, 5, m->channels[r->chan - 1].id,
			    -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			rc = sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("%s: %s", path,
		    db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return -1;
	}
	if (sqlite3_close(db) != SQLITE_OK) {
		*cause = xasprintf("%s: cannot close the database", path);
		return -1;
	}
	return 0;
}

int
events_demo_write(const char *path, const struct map *m,
    const struct events_demo_options *opts, struct events_demo_report *report,
    char **cause)
{
	struct demo d;
	struct stat st;
	long long window = 7 * DEMO_DAY;
	char *tmp, *why = NULL;
	int64_t base = timeparse_days_from_civil(2026, 1, 5) * DEMO_DAY;
	int fd;

	if (!opts->force && lstat(path, &st) == 0) {
		*cause = xasprintf("%s: already exists (use --force to replace "
		                   "it)",
		    path);
		return -1;
	}
	if (events_store_dir_check(path, cause) != 0)
		return -1;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: is a directory, not an event store",
		    path);
		return -1;
	}
	if (m->stage_count == 0) {
		*cause = xasprintf("the map has no stages to simulate");
		return -1;
	}
	if (m->events.window != NULL &&
	    validate_parse_duration(m->events.window, &window, &why) != 0) {
		free(why);
		window = 7 * DEMO_DAY;
	}
	memset(&d, 0, sizeof d);
	d.m = m;
	d.window = window;
	d.stage_names = xcalloc(m->stage_count, sizeof *d.stage_names);
	d.stage_name_count =
	    xcalloc(m->stage_count, sizeof *d.stage_name_count);
	d.stage_cards = xcalloc(m->stage_count, sizeof *d.stage_cards);
	d.stage_card_count =
	    xcalloc(m->stage_count, sizeof *d.stage_card_count);
	for (size_t s = 0; s < m->stage_count; s++) {
		const struct strlist *evs = &m->stages[s].events;

		d.stage_names[s] = xcalloc(evs->count + 1, sizeof(size_t));
		for (size_t i = 0; i < evs->count; i++)
			d.stage_names[s][d.stage_name_count[s]++] =
			    demo_name_index(&d, evs->items[i]);
	}
	for (size_t c = 0; c < m->card_count; c++) {
		long s = map_stage_index(m, m->cards[c].stage);

		if (s < 0 || m->cards[c].event == NULL ||
		    *m->cards[c].event == '\0')
			continue;
		d.stage_cards[s] = xreallocarray(d.stage_cards[s],
		    d.stage_card_count[s] + 1, sizeof(size_t));
		d.stage_cards[s][d.stage_card_count[s]++] = c;
		demo_name_index(&d, m->cards[c].event);
	}
	if (d.name_count > 60000) {
		demo_free(&d);
		*cause = xasprintf("the map uses too many event names");
		return -1;
	}
	for (uint64_t u = 0; u < opts->users; u++)
		demo_user(&d, (uint32_t)u, base, opts->seed);
	qsort(d.rows, d.n, sizeof *d.rows, demo_row_cmp);

	tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	unlink(tmp);
	if (demo_write_db(&d, tmp, path, cause) != 0) {
		unlink(tmp);
		free(tmp);
		demo_free(&d);
		return -1;
	}
	if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	if (rename(tmp, path) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		demo_free(&d);
		return -1;
	}
	free(tmp);
	if (report != NULL) {
		report->rows = d.n;
		report->users = opts->users;
	}
	demo_free(&d);
	return 0;
}
