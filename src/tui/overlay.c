/*
 * overlay.c - measured numbers on the board (see overlay.h).
 *
 * Loading reads the whole store once (store_load, two connections over
 * halves of the table), which takes seconds at ten million events, so it
 * runs in a thread of its own over a snapshot of the map: the user keeps
 * editing meanwhile, and nothing the thread touches is shared but the
 * progress counters and the cancel flag (atomics).  When the thread
 * finishes, the UI thread joins it and from then on every question (the
 * persona filter, a window, a date range) is a funnel_compute over the
 * loaded events, fast enough to redo before each draw when the question
 * changed.  Stages and cards are matched to the loaded snapshot by id, so
 * edits made since the load still show what can be shown.
 */

#include "tui/overlay.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "store/store.h"
#include "store/timeparse.h"
#include "tui/tui-int.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define DAY_MS (24LL * 3600 * 1000)

static const struct {
	const char *name;
	long long ms; /* 0: the map's window */
} overlay_windows[] = {
	{"the map's window", 0}, {"1d", DAY_MS}, {"3d", 3 * DAY_MS},
	{"7d", 7 * DAY_MS}, {"14d", 14 * DAY_MS}, {"30d", 30 * DAY_MS},
};
#define OVERLAY_WINDOWS (sizeof overlay_windows / sizeof overlay_windows[0])

static const struct {
	const char *name;
	int days; /* 0: everything */
} overlay_ranges[] = {
	{"all time", 0}, {"the last 7 days", 7}, {"the last 30 days", 30},
	{"the last 90 days", 90},
};
#define OVERLAY_RANGES (sizeof overlay_ranges / sizeof overlay_ranges[0])

struct overlay {
	pthread_t thread;
	bool running; /* started and not joined yet */
	atomic_int finished;
	struct store_control ctl;
	struct store_config cfg;
	struct map *snapshot; /* the map as it was when the load began */
	char *sig;            /* what of the snapshot the numbers depend on */
	bool stale;           /* the map's sig differs now */
	struct store_events *ev;
	char *cause;

	size_t window_choice;
	size_t range_choice;
	struct funnel_params params;
	double *targets;

	/* What the numbers below answer. */
	bool computed;
	char *persona_at;
	size_t window_at, range_at;
	unsigned long changes_at;

	struct view_overlay out;
	char note[256];

	/* The same numbers for an export. */
	struct export_funnel ef;
	struct export_funnel_stage *ef_stages;
	long long *ef_card_users;
	char since[32];
	const char *segment; /* borrowed from the snapshot */
};

/* What of a map the loaded numbers depend on: the events block, the
 * stages' and cards' event names, the stages' targets, the personas'
 * segments.  When the map's differs from the snapshot's, the numbers
 * answer an older map. */
static char *
overlay_sig(const struct map *m)
{
	const struct events_config *e = &m->events;
	struct strbuf sb;
	size_t i, j;

	strbuf_init(&sb);
#define SIG_STR(s) strbuf_printf(&sb, "%s\x1f", (s) != NULL ? (s) : "")
	SIG_STR(e->store);
	SIG_STR(e->table);
	SIG_STR(e->user);
	SIG_STR(e->name);
	SIG_STR(e->time);
	SIG_STR(e->segment);
	SIG_STR(e->channel);
	SIG_STR(e->window);
	strbuf_printf(&sb, "%d", (int)e->time_unit);
	for (i = 0; i < m->stage_count; i++) {
		SIG_STR(m->stages[i].id);
		if (m->stages[i].has_target)
			strbuf_printf(&sb, "%.17g", m->stages[i].target);
		for (j = 0; j < m->stages[i].events.count; j++)
			SIG_STR(m->stages[i].events.items[j]);
		strbuf_addc(&sb, '\n');
	}
	for (i = 0; i < m->persona_count; i++) {
		SIG_STR(m->personas[i].id);
		SIG_STR(m->personas[i].segment);
	}
	for (i = 0; i < m->card_count; i++)
		if (m->cards[i].event != NULL)
			SIG_STR(m->cards[i].event);
#undef SIG_STR
	return strbuf_detach(&sb);
}

static bool
overlay_is_stale(const struct overlay *ov, const struct map *m)
{
	char *now = overlay_sig(m);
	bool stale = strcmp(now, ov->sig) != 0;

	free(now);
	return stale;
}

static void *
overlay_worker(void *arg)
{
	struct overlay *ov = arg;

	ov->ev = store_load(&ov->cfg, ov->snapshot, 0, &ov->ctl, &ov->cause);
	atomic_store(&ov->finished, 1);
	return NULL;
}

static void
overlay_destroy(struct overlay *ov)
{
	if (ov == NULL)
		return;
	if (ov->running) {
		atomic_store(&ov->ctl.cancel, 1);
		pthread_join(ov->thread, NULL);
	}
	store_events_destroy(ov->ev);
	store_config_free(&ov->cfg);
	map_destroy(ov->snapshot);
	free(ov->sig);
	free(ov->cause);
	free(ov->targets);
	free(ov->persona_at);
	free(ov->out.stages);
	free(ov->out.card_users);
	free(ov->ef_stages);
	free(ov->ef_card_users);
	free(ov);
}

const struct export_funnel *
overlay_export_funnel(const struct tui *t)
{
	const struct overlay *ov = t->overlay;

	if (ov == NULL || ov->ev == NULL || !ov->computed || !t->view.overlay ||
	    ov->stale || ov->ef.stage_count != t->doc->map->stage_count)
		return NULL;
	return &ov->ef;
}

bool
overlay_shows_older(const struct tui *t)
{
	const struct overlay *ov = t->overlay;

	return ov != NULL && ov->ev != NULL && ov->computed &&
	    t->view.overlay && ov->stale;
}

void
overlay_free(struct tui *t)
{
	overlay_destroy(t->overlay);
	t->overlay = NULL;
	t->view.measured = NULL;
	t->view.overlay = false;
}

bool
overlay_loading(const struct tui *t)
{
	return t->overlay != NULL && t->overlay->running;
}

bool
overlay_cancel(struct tui *t)
{
	if (!overlay_loading(t))
		return false;
	atomic_store(&t->overlay->ctl.cancel, 1);
	return true;
}

void
overlay_toggle(struct tui *t)
{
	struct overlay *ov;
	char *cause = NULL;

	if (t->overlay != NULL && !t->overlay->running && !t->view.overlay &&
	    overlay_is_stale(t->overlay, t->doc->map))
		overlay_free(t); /* the map's events changed: load anew */
	if (t->overlay != NULL) {
		if (t->overlay->running) {
			view_status(&t->view, false, "still loading the event "
			    "store (Esc cancels)");
			return;
		}
		t->view.overlay = !t->view.overlay;
		t->view.measured = t->view.overlay ? &t->overlay->out : NULL;
		view_status(&t->view, false, "measured numbers %s",
		    t->view.overlay ? "shown (w: window, r: date range)" :
		    "hidden");
		return;
	}
	ov = xcalloc(1, sizeof *ov);
	if (store_config_resolve(&ov->cfg, t->doc->map, t->path != NULL ?
	    t->path : "map.yaml", NULL, &cause) != 0) {
		view_status(&t->view, true, "no measured numbers: %s", cause);
		free(cause);
		free(ov);
		return;
	}
	ov->snapshot = map_clone(t->doc->map);
	ov->sig = overlay_sig(ov->snapshot);
	atomic_init(&ov->finished, 0);
	atomic_init(&ov->ctl.cancel, 0);
	atomic_init(&ov->ctl.rows_done, 0);
	atomic_init(&ov->ctl.rows_total, 0);
	if (pthread_create(&ov->thread, NULL, overlay_worker, ov) != 0) {
		view_status(&t->view, true, "cannot start loading the event "
		    "store");
		overlay_destroy(ov);
		return;
	}
	ov->running = true;
	t->overlay = ov;
	t->view.overlay = true;
	t->view.measured = &ov->out;
	view_status(&t->view, false, "loading %s (Esc cancels; the board "
	    "stays usable)", ov->cfg.path);
}

void
overlay_cycle_window(struct tui *t)
{
	struct overlay *ov = t->overlay;

	if (ov == NULL || ov->ev == NULL || !t->view.overlay) {
		view_status(&t->view, true, "no measured numbers shown: o "
		    "shows them");
		return;
	}
	ov->window_choice = (ov->window_choice + 1) % OVERLAY_WINDOWS;
	view_status(&t->view, false, "conversion window: %s",
	    overlay_windows[ov->window_choice].name);
}

void
overlay_cycle_range(struct tui *t)
{
	struct overlay *ov = t->overlay;

	if (ov == NULL || ov->ev == NULL || !t->view.overlay) {
		view_status(&t->view, true, "no measured numbers shown: o "
		    "shows them");
		return;
	}
	ov->range_choice = (ov->range_choice + 1) % OVERLAY_RANGES;
	view_status(&t->view, false, "entries in %s",
	    overlay_ranges[ov->range_choice].name);
}

/* Recompute the numbers for the current question. */
static void
overlay_compute(struct tui *t, struct overlay *ov)
{
	const struct map *m = t->doc->map;
	struct funnel_params p = ov->params;
	struct funnel_result res;
	uint64_t *users = NULL, *events = NULL;
	char *cause = NULL, window[32];
	long persona = -1, idx;
	size_t i;
	int tag;

	memset(&res, 0, sizeof res);
	if (t->view.persona != NULL)
		persona = map_persona_index(ov->snapshot, t->view.persona);
	p.persona = (int)persona;
	if (overlay_windows[ov->window_choice].ms > 0)
		p.window_ms = overlay_windows[ov->window_choice].ms;
	p.since = FUNNEL_TIME_MIN;
	p.until = FUNNEL_TIME_MAX;
	if (overlay_ranges[ov->range_choice].days > 0 &&
	    ov->ev->data.max_time != FUNNEL_TIME_MIN)
		p.since = ov->ev->data.max_time -
		    overlay_ranges[ov->range_choice].days * DAY_MS;

	free(ov->out.stages);
	ov->out.stages = xcalloc(m->stage_count + 1, sizeof *ov->out.stages);
	ov->out.stage_count = m->stage_count;
	free(ov->ef_stages);
	ov->ef_stages = xcalloc(m->stage_count + 1, sizeof *ov->ef_stages);
	memset(&ov->ef, 0, sizeof ov->ef);
	if (funnel_compute(&ov->ev->data, &p, &res, NULL, &cause) != 0) {
		view_status(&t->view, true, "funnel: %s", cause);
		free(cause);
	} else {
		for (i = 0; i < m->stage_count; i++) {
			idx = map_stage_index(ov->snapshot, m->stages[i].id);
			if (idx < 0 || idx >= res.stage_count)
				continue;
			ov->out.stages[i].present = true;
			ov->out.stages[i].users = (long)res.stages[idx].users;
			ov->out.stages[i].drop_off =
			    (long)res.stages[idx].drop_off;
			ov->out.stages[i].step = idx == 0 ||
			    isnan(res.stages[idx].conversion_step) ? -1.0 :
			    res.stages[idx].conversion_step;
			ov->ef_stages[i].users =
			    (long long)res.stages[idx].users;
			ov->ef_stages[i].drop_off =
			    (long long)res.stages[idx].drop_off;
			ov->ef_stages[i].conversion_step = idx == 0 ? 1.0 :
			    res.stages[idx].conversion_step;
			ov->ef_stages[i].conversion_total =
			    res.stages[idx].conversion_total;
			ov->ef_stages[i].has_median =
			    !isnan(res.stages[idx].median_ms);
			ov->ef_stages[i].median_seconds =
			    res.stages[idx].median_ms / 1000.0;
		}
		ov->ef.incomplete = (long long)res.incomplete;
	}
	ov->ef.stage_count = m->stage_count;
	ov->ef.stages = ov->ef_stages;
	ov->ef.window_seconds = p.window_ms / 1000;
	ov->ef.segment = persona >= 0 ?
	    (ov->snapshot->personas[persona].name != NULL ?
	    ov->snapshot->personas[persona].name :
	    ov->snapshot->personas[persona].id) : NULL;
	ov->ef.since = NULL;
	if (p.since != FUNNEL_TIME_MIN)
		ov->ef.since = timeparse_format(p.since, ov->since,
		    sizeof ov->since);
	ov->ef.until = NULL;
	/* Touchpoints: distinct users of each card's event. */
	free(ov->out.card_users);
	ov->out.card_users = xcalloc(m->card_count + 1,
	    sizeof *ov->out.card_users);
	ov->out.card_count = m->card_count;
	if (ov->ev->tag_count > 0) {
		users = xcalloc(ov->ev->tag_count, sizeof *users);
		events = xcalloc(ov->ev->tag_count, sizeof *events);
		store_touchpoints(ov->ev, p.since, p.until, users, events);
	}
	free(ov->ef_card_users);
	ov->ef_card_users = xcalloc(m->card_count + 1,
	    sizeof *ov->ef_card_users);
	for (i = 0; i < m->card_count; i++) {
		tag = m->cards[i].event != NULL ?
		    store_tag_of(ov->ev, m->cards[i].event) : -1;
		ov->out.card_users[i] = tag >= 0 && users != NULL ?
		    (long)users[tag] : -1;
		ov->ef_card_users[i] = ov->out.card_users[i];
	}
	ov->ef.card_users = ov->ef_card_users;
	free(users);
	free(events);
	if (overlay_windows[ov->window_choice].ms > 0)
		snprintf(window, sizeof window, "%s",
		    overlay_windows[ov->window_choice].name);
	else
		snprintf(window, sizeof window, "%lldd",
		    (long long)(p.window_ms / DAY_MS));
	if (ov->changes_at != t->doc->changes || !ov->computed)
		ov->stale = overlay_is_stale(ov, m);
	/* The title bar keeps the start of the note when it is short of
	 * room: staleness goes first. */
	snprintf(ov->note, sizeof ov->note, "measured%s: window %s, %s%s%s",
	    ov->stale ? " for an older map (o o reloads)" : "",
	    window, overlay_ranges[ov->range_choice].name,
	    persona >= 0 ? ", " : (t->view.persona != NULL ? ", all users" :
	    ""), persona >= 0 ?
	    (ov->snapshot->personas[persona].name != NULL ?
	    ov->snapshot->personas[persona].name :
	    ov->snapshot->personas[persona].id) : "");
	/* A long persona name may have been cut inside a character. */
	{
		size_t len = strlen(ov->note);

		while (len > 0 && !utf8_valid(ov->note, len, NULL))
			ov->note[--len] = '\0';
	}
	ov->out.note = ov->note;
	funnel_result_free(&res);

	ov->computed = true;
	free(ov->persona_at);
	ov->persona_at = t->view.persona != NULL ? xstrdup(t->view.persona) :
	    NULL;
	ov->window_at = ov->window_choice;
	ov->range_at = ov->range_choice;
	ov->changes_at = t->doc->changes;
}

void
overlay_update(struct tui *t)
{
	struct overlay *ov = t->overlay;
	char *cause = NULL;
	unsigned long long done, total;

	if (ov == NULL)
		return;
	if (ov->running) {
		if (!atomic_load(&ov->finished)) {
			done = atomic_load(&ov->ctl.rows_done);
			total = atomic_load(&ov->ctl.rows_total);
			if (total > 0)
				snprintf(ov->note, sizeof ov->note,
				    "loading events %llu%% (Esc cancels)",
				    done * 100 / total);
			else
				snprintf(ov->note, sizeof ov->note,
				    "loading events… (Esc cancels)");
			ov->out.note = ov->note;
			return;
		}
		pthread_join(ov->thread, NULL);
		ov->running = false;
		if (ov->ev == NULL) {
			view_status(&t->view, true, "no measured numbers: %s",
			    ov->cause != NULL ? ov->cause : "the load failed");
			overlay_free(t);
			return;
		}
		if (store_funnel_params(ov->snapshot, &ov->cfg, &ov->params,
		    &ov->targets, &cause) != 0) {
			view_status(&t->view, true, "no measured numbers: %s",
			    cause);
			free(cause);
			overlay_free(t);
			return;
		}
		view_status(&t->view, false, "measured numbers from %s: "
		    "%llu events (w: window, r: date range, o: hide)",
		    ov->cfg.path, (unsigned long long)ov->ev->rows_used);
	}
	if (ov->ev == NULL || !t->view.overlay)
		return;
	if (!ov->computed || ov->window_at != ov->window_choice ||
	    ov->range_at != ov->range_choice ||
	    ov->changes_at != t->doc->changes ||
	    (ov->persona_at == NULL) != (t->view.persona == NULL) ||
	    (ov->persona_at != NULL &&
	    strcmp(ov->persona_at, t->view.persona) != 0))
		overlay_compute(t, ov);
	t->view.measured = &ov->out;
}
