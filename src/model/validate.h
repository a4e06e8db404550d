/*
 * validate.h - the rules a map must follow, checked all at once.
 *
 * Validation never stops at the first problem: it collects every finding
 * (with the place the loader recorded for the entity) so that `waymark
 * validate` can list them all in one go, like a compiler.
 */
#ifndef WAYMARK_VALIDATE_H
#define WAYMARK_VALIDATE_H

#include <stddef.h>

#include "model/map.h"

enum diag_severity {
	DIAG_ERROR,   /* the map is invalid */
	DIAG_WARNING, /* valid, but probably not what was meant */
	DIAG_NOTE,    /* information, e.g. an unknown key that is kept */
};

struct diag {
	enum diag_severity severity;
	int line; /* 1-based; 0 when unknown */
	int col;
	char *message; /* owned; no file name, no trailing newline */
};

struct diaglist {
	size_t count;
	size_t cap;
	struct diag *items;
};

void diaglist_add(struct diaglist *l, enum diag_severity sev, int line,
    int col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t diaglist_count(const struct diaglist *l, enum diag_severity sev);
void diaglist_free(struct diaglist *l);
/* "error", "warning" or "note". */
const char *diag_severity_name(enum diag_severity sev);

/*
 * Check m against every rule of waymark-map(5) and append the findings to
 * out: ids present, well-formed and unique per kind; references (card
 * stage, lane, owner, channel, personas) resolving; cards only in lanes
 * that hold cards; emotion in -2..+2; target in 0..1; age and votes not
 * negative; the events block complete when present and its window a valid
 * duration.  Unknown keys are reported as notes.  Returns the number of
 * errors added.
 *
 * Each finding carries its entity's position and reads "card 'ig-ad':
 * ..." (an entity without an id is "card #3", counting from 1); findings
 * about the whole map ("map: no stages ...") are at line 1, column 1.  The
 * findings added are sorted by position, those at one place in the order
 * of the entity's keys, so they read in file order.
 */
size_t validate_map(const struct map *m, struct diaglist *out);

/*
 * Parse a duration ("90s", "45m", "36h", "7d", "2w") into seconds: a
 * positive whole number and one unit letter, nothing else (no sign, no
 * space, no fraction), at most 36500d.  Returns 0 on success, -1 (and
 * *cause, a sentence quoting the text, caller frees) otherwise.
 */
int validate_parse_duration(const char *text, long long *seconds,
    char **cause);

#endif
