/*
 * storeopt.c - the shared event-store options (see storeopt.h).
 */
#include "cli/storeopt.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void
storeopt_set(char **field, const char *arg)
{
	free(*field);
	*field = xstrdup(arg);
}

int
storeopt_parse(int c, const char *arg, struct store_config *over, char **bad)
{
	switch (c) {
	case STOREOPT_EVENTS:
		storeopt_set(&over->path, arg);
		return 1;
	case STOREOPT_TABLE:
		storeopt_set(&over->table, arg);
		return 1;
	case STOREOPT_USER:
		storeopt_set(&over->user, arg);
		return 1;
	case STOREOPT_EVENT:
		storeopt_set(&over->name, arg);
		return 1;
	case STOREOPT_TIME:
		storeopt_set(&over->time, arg);
		return 1;
	case STOREOPT_SEGMENT:
		storeopt_set(&over->segment, arg);
		return 1;
	case STOREOPT_CHANNEL:
		storeopt_set(&over->channel, arg);
		return 1;
	case STOREOPT_UNIT:
		if (strcmp(arg, "s") == 0)
			over->time_unit = TIME_UNIT_S;
		else if (strcmp(arg, "ms") == 0)
			over->time_unit = TIME_UNIT_MS;
		else {
			*bad = xasprintf("--time-unit must be s or ms, not "
			                 "'%s'",
			    arg);
			return -1;
		}
		return 1;
	default:
		return 0;
	}
}
