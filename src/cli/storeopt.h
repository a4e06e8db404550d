/*
 * storeopt.h - the event-store options shared by `funnel` and `events
 * check`: --events DB and the column options, which override the map's
 * `events:` block.
 */
#ifndef WAYMARK_STOREOPT_H
#define WAYMARK_STOREOPT_H

#include <getopt.h>

#include "store/store.h"

enum {
	STOREOPT_EVENTS = 0x200,
	STOREOPT_TABLE,
	STOREOPT_USER,
	STOREOPT_EVENT,
	STOREOPT_TIME,
	STOREOPT_UNIT,
	STOREOPT_SEGMENT,
	STOREOPT_CHANNEL,
};

/* clang-format off */
#define STOREOPT_LONGOPTS \
	{"events", required_argument, NULL, STOREOPT_EVENTS}, \
	{"table", required_argument, NULL, STOREOPT_TABLE}, \
	{"user-col", required_argument, NULL, STOREOPT_USER}, \
	{"event-col", required_argument, NULL, STOREOPT_EVENT}, \
	{"time-col", required_argument, NULL, STOREOPT_TIME}, \
	{"time-unit", required_argument, NULL, STOREOPT_UNIT}, \
	{"segment-col", required_argument, NULL, STOREOPT_SEGMENT}, \
	{"channel-col", required_argument, NULL, STOREOPT_CHANNEL}

#define STOREOPT_HELP \
	"  --events DB        the event store (default: the map's events.store,\n" \
	"                     relative to the map file)\n" \
	"  --table NAME       table of events (events.table; default events)\n" \
	"  --user-col COL     user column (events.user; default user_id)\n" \
	"  --event-col COL    event-name column (events.name; default event)\n" \
	"  --time-col COL     time column (events.time; default ts)\n" \
	"  --time-unit s|ms   unit of integer times (events.time_unit; s)\n" \
	"  --segment-col COL  segment column, matched to persona segments\n" \
	"  --channel-col COL  channel column, matched to channel ids\n"
/* clang-format on */

/*
 * If c is one of the store options, record arg in *over and return 1;
 * return 0 for other options; -1 (with *bad set to a message, caller
 * frees) for a bad value.
 */
int storeopt_parse(
    int c, const char *arg, struct store_config *over, char **bad);

#endif
