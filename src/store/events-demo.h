/*
 * events-demo.h - a deterministic synthetic event store for a map.
 */
#ifndef WAYMARK_EVENTS_DEMO_H
#define WAYMARK_EVENTS_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "model/map.h"

struct events_demo_options {
	uint64_t users; /* simulated users (default 20000) */
	uint64_t seed;
	bool force; /* replace an existing file */
};

struct events_demo_report {
	uint64_t rows;
	uint64_t users;
};

/*
 * Write a new SQLite database at path with one table
 *   events(user_id TEXT, event TEXT, ts INTEGER, segment TEXT, channel TEXT)
 * holding a simulated log for map m: users of each persona (segment =
 * persona.segment, plus some matching no persona) walk m's stages with a
 * conversion near each stage's target, emit the stages' events and the
 * cards' touchpoint events on the cards' channels (channel hops), with
 * duplicates, noise events that no stage or card uses, restarts, and
 * some users slower than the map's window.  Rows are inserted in time
 * order, as a real log is written.  The same map, users and seed give the
 * same bytes.  The file is written under a temporary name and renamed, so
 * a failure leaves nothing behind.  Refuses an existing path unless
 * opts->force.  Returns 0, or -1 with *cause (caller frees).
 */
int events_demo_write(const char *path, const struct map *m,
    const struct events_demo_options *opts, struct events_demo_report *report,
    char **cause);

#endif
