/*
 * store.h - the attached event store: a SQLite database read into memory.
 *
 * The store is the analysts' data, so it is only ever read: opened
 * read-only (never created: a mistyped path is an error), nothing written
 * into it or beside it.  Loading reads the needed columns of every row
 * once, in rowid order, with two connections over the two halves of the
 * rowid range (two cores), keeps only rows whose event name a stage or a
 * card uses, and hands them to funnel_prepare.  The result, a struct
 * store_events, is what the board keeps in memory: each question after
 * that (another persona, window or date range) is a funnel_compute over
 * it, without touching the database again.
 *
 * Threading: store_load blocks; the board runs it in a thread of its own
 * and watches a struct store_control (progress, cancel) from the UI
 * thread.  A loaded store_events is read-only, so any number of threads
 * may compute over it at once.  Do not run two loads of the same store
 * at once in one process.
 *
 * In short, for an overlay:
 *   store_config_resolve(&cfg, map, map_path, NULL, &cause);
 *   ev = store_load(&cfg, map, 0, &ctl, &cause);        (worker thread)
 *   store_funnel_params(map, &cfg, &params, &targets, &cause);
 *   params.persona / since / until / window_ms / by = the view's;
 *   funnel_compute(&ev->data, &params, &res, NULL, &cause);  (per change)
 *   store_touchpoints(ev, params.since, params.until, users, events);
 *     with store_tag_of(ev, card->event) picking a card's counts;
 *   funnel_result_free(&res); free(targets); store_events_destroy(ev).
 */
#ifndef WAYMARK_STORE_H
#define WAYMARK_STORE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/map.h"
#include "store/funnel.h"

/* Which database, table and columns: the map's `events:` block with the
 * command line's options on top.  Strings owned. */
struct store_config {
	char *path; /* resolved: relative to the map's directory, or as given */
	char *table;
	char *user;
	char *name;
	char *time;
	enum time_unit time_unit;
	char *segment; /* NULL: no segment column */
	char *channel; /* NULL: no channel column */
	char *window; /* duration text or NULL */
};

/*
 * Fill *cfg from m's events block (store path made relative to the
 * directory of map_path) and then from `over`, whose non-NULL fields
 * (and time_unit when not UNSET) win; over->path is taken as given
 * (relative to the current directory).  Defaults: table "events", user
 * "user_id", name "event", time "ts".  Returns 0, or -1 with *cause when
 * there is no store at all (no events block and no --events).
 */
int store_config_resolve(struct store_config *cfg, const struct map *m,
    const char *map_path, const struct store_config *over, char **cause);
void store_config_free(struct store_config *cfg);

/*
 * Funnel parameters for map m as the map and cfg describe them: every
 * stage, the window of cfg->window (7d when absent), the stages' targets,
 * no date range, no breakdown, everyone.  *targets gets the array that
 * p->targets points at (stage_count items, NaN for none), which the
 * caller frees.  Returns 0, or -1 with *cause (caller frees) when the
 * window is not a valid duration or the map has no stages or too many.
 */
int store_funnel_params(const struct map *m, const struct store_config *cfg,
    struct funnel_params *p, double **targets, char **cause);

/* Progress and cancellation of a load, shared with another thread. */
struct store_control {
	atomic_int cancel; /* set to non-zero to stop the load */
	atomic_ullong rows_done; /* rows read so far */
	atomic_ullong rows_total; /* estimate (rowid range), 0 if unknown */
};

struct store_name_count {
	char *name; /* owned */
	uint64_t count;
	int stage; /* stage index the name maps to, or -1 */
	bool card; /* a card's event */
};

struct store_events {
	struct funnel_data data; /* stage = stage index; tag = touchpoint */
	int stage_count;
	struct strtab *users; /* user index -> user id */
	/* Card touchpoints: distinct card event names, tag i = names[i]. */
	char **tag_names;
	uint16_t tag_count;
	uint64_t rows_read; /* rows the query returned */
	uint64_t rows_used; /* rows kept (name mapped, time usable) */
	uint64_t rows_bad_time; /* mapped rows skipped: NULL/unparsable time */
	char *bad_time_example; /* the first unparsable value, or NULL */
	/* With STORE_COUNT_NAMES: every event name in the store, by count
	 * (descending, then name). */
	struct store_name_count *names;
	size_t name_count;
};

#define STORE_COUNT_NAMES 0x1 /* count every event name (events check) */
#define STORE_NO_GROUPS                                                        \
	0x2 /* skip the segment and channel columns: no                        \
	       breakdown or persona filter will be asked */

/*
 * Read the store that cfg names, for map m (its stages' events, its
 * cards' events, its personas' segments and its channels' ids).  Returns
 * the loaded events (caller frees with store_events_destroy), or NULL with
 * *cause (caller frees) as "PATH: why".  ctl may be NULL; when its cancel
 * flag is set the load stops soon and returns NULL with *cause
 * "cancelled".  Nothing is created or changed in or beside the store.
 */
struct store_events *store_load(const struct store_config *cfg,
    const struct map *m, int flags, struct store_control *ctl, char **cause);
void store_events_destroy(struct store_events *ev);

/* The id of user index u (borrowed). */
const char *store_user_id(const struct store_events *ev, uint32_t u);

/* The touchpoint tag of a card's event name, or -1 if none. */
int store_tag_of(const struct store_events *ev, const char *event_name);

/*
 * Touchpoint counts in [since, until): per tag, events and distinct users
 * (arrays of ev->tag_count items, owned by the caller).
 */
void store_touchpoints(const struct store_events *ev, int64_t since,
    int64_t until, uint64_t *users, uint64_t *events);

#endif
