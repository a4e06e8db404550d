/*
 * events-import.h - loading a CSV file of events into an SQLite store.
 */
#ifndef WAYMARK_EVENTS_IMPORT_H
#define WAYMARK_EVENTS_IMPORT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EVENTS_IMPORT_SHOWN 20 /* bad rows described, at most */

struct events_import_options {
	const char *table; /* NULL: "events" */
	/* CSV header names of each column; NULL: user_id, event, ts,
	 * segment, channel.  segment and channel are optional when left
	 * NULL: a CSV without them imports NULLs. */
	const char *user, *name, *time, *segment, *channel;
	bool skip_bad; /* import the good rows, skip the bad ones */
	/* Checked between rows; non-zero: roll back and stop. */
	const volatile sig_atomic_t *interrupted;
	/* Called now and then with bytes read, the file's size and rows. */
	void (*progress)(
	    void *arg, uint64_t done, uint64_t total, uint64_t rows);
	void *progress_arg;
};

struct events_import_report {
	uint64_t rows; /* rows inserted (0 when nothing was committed) */
	uint64_t bad; /* bad rows seen */
	char *bad_rows[EVENTS_IMPORT_SHOWN]; /* "FILE:LINE: why", owned */
	size_t shown;
};

/*
 * Import csv_path (RFC 4180: quoted fields with commas, quotes and line
 * breaks, CRLF or LF, an optional UTF-8 BOM; the first record is the
 * header) into db_path's table (created when missing, with columns
 * user_id TEXT, event TEXT, ts INTEGER, segment TEXT, channel TEXT; an
 * existing table must have them).  A time that is an integer is stored
 * as one, a decimal number ("1767571200.25") as a real; anything else
 * must be an ISO-8601 time and is stored as text.
 * Everything happens in one transaction: on a bad row (unless skip_bad),
 * a CSV syntax error or an interruption, nothing is committed and the
 * database is left as it was (a database file the import created is
 * removed).  Returns 0, or -1 with *cause (caller frees); the report
 * lists bad rows either way.  Free it with events_import_report_free.
 */
int events_import_csv(const char *db_path, const char *csv_path,
    const struct events_import_options *opts,
    struct events_import_report *report, char **cause);
void events_import_report_free(struct events_import_report *report);

/*
 * Before writing a store at db_path: 0 when its directory exists and is a
 * directory, else -1 with *cause ("DB: no directory 'DIR'"), caller frees.
 * So that a mistyped path is told as such, and at once, rather than as
 * SQLite's "unable to open database file" after the work.
 */
int events_store_dir_check(const char *db_path, char **cause);

#endif
