/*
 * timeparse.h - ISO-8601 times for the event store and the command line.
 *
 * Every time inside the store layer is an int64 count of milliseconds
 * since 1970-01-01T00:00:00Z: milliseconds keep the order of stores that
 * log in ms and of ISO times with fractions, and 64 bits hold any date the
 * parser accepts (years 0000..9999).
 */
#ifndef WAYMARK_TIMEPARSE_H
#define WAYMARK_TIMEPARSE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse an ISO-8601 time into ms since the epoch.  Accepted forms:
 *   YYYY-MM-DD                       midnight UTC
 *   YYYY-MM-DD(T| )HH:MM[:SS[.frac]][Z|+HH:MM|-HH:MM|+HHMM|-HHMM|+HH|-HH]
 * No zone means UTC.  The fraction may have any number of digits; digits
 * beyond milliseconds are truncated.  Fields are range-checked (month 1-12,
 * day within the month, hour 0-23, minute 0-59, second 0-60 where 60 is
 * read as 59.999: a leap second keeps its order without leaving the
 * minute).  Returns 0 and *ms, or -1 with *cause (caller frees) naming
 * what is wrong; cause may be NULL when the caller only wants a yes/no.
 * `len` bytes of text are parsed; text need not be NUL-terminated.
 */
int timeparse_iso(const char *text, size_t len, int64_t *ms, char **cause);

/*
 * Format ms since the epoch as "YYYY-MM-DDTHH:MM:SSZ" (with ".mmmZ" when
 * the milliseconds are not zero) into out (at least 32 bytes).  Returns
 * out.
 */
char *timeparse_format(int64_t ms, char *out, size_t size);

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t timeparse_days_from_civil(int year, int month, int day);

#endif
