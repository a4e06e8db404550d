/*
 * overlay.h - measured numbers on the board (the events: block's store).
 *
 * `o` loads the map's event store in a thread of its own (the board stays
 * responsive; a progress line shows how far it got; Esc cancels), then
 * computes the funnel for what the board shows - the persona filter, a
 * window and a date range that keys change - and hands the numbers to the
 * renderer through view.measured.  A store that fails leaves the board
 * working, with the reason on the status line.
 */
#ifndef WAYMARK_OVERLAY_H
#define WAYMARK_OVERLAY_H

#include <stdbool.h>

struct tui;
struct overlay;

/* Toggle the overlay: the first time, start loading the store. */
void overlay_toggle(struct tui *t);
/* Another window (w) or date range (r); step > 0 forward. */
void overlay_cycle_window(struct tui *t);
void overlay_cycle_range(struct tui *t);
/* Cancel a load in progress; true if there was one. */
bool overlay_cancel(struct tui *t);
/* Called before each draw: pick up a finished load, recompute when the
 * question changed, point view.measured at the numbers. */
void overlay_update(struct tui *t);
/* True while a load runs (the loop then wakes often for progress). */
bool overlay_loading(const struct tui *t);
void overlay_free(struct tui *t);
/* The numbers shown, in the form the exports take, or NULL when none are
 * shown (borrowed; valid until the next draw). */
struct export_funnel;
const struct export_funnel *overlay_export_funnel(const struct tui *t);
/* Whether the numbers shown were loaded for an older map (its events,
 * personas or segments changed since): overlay_export_funnel leaves
 * them out. */
bool overlay_shows_older(const struct tui *t);

#endif
