/*
 * events-import.c - CSV to SQLite for `waymark events import` (see
 * events-import.h).
 *
 * The CSV reader is a small state machine over a buffered stream, so a
 * file of any size streams through in constant memory and line numbers
 * stay exact across quoted line breaks.  Rows go in through one prepared
 * INSERT inside one transaction; the transaction, not the file, is the
 * unit of failure: a bad row, a syntax error or Ctrl-C rolls everything
 * back.
 */
#include "store/events-import.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/timeparse.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define IMPORT_MAX_FIELD (1u << 20) /* longer fields are a syntax error */
#define IMPORT_MAX_FIELDS 4096

struct csv {
	FILE *f;
	const char *name;
	char buf[65536];
	size_t len, pos;
	uint64_t consumed; /* bytes before buf */
	long line; /* line of the next character */
	long record_line; /* line where the current record began */
	bool at_start;
	struct strbuf *fields;
	size_t nfields, cap;
};

static int
csv_getc(struct csv *c)
{
	if (c->pos == c->len) {
		c->consumed += c->len;
		c->len = fread(c->buf, 1, sizeof c->buf, c->f);
		c->pos = 0;
		if (c->len == 0)
			return EOF;
	}
	return (unsigned char)c->buf[c->pos++];
}

static int
csv_peek(struct csv *c)
{
	int ch = csv_getc(c);

	if (ch != EOF)
		c->pos--;
	return ch;
}

static struct strbuf *
csv_new_field(struct csv *c)
{
	if (c->nfields == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;

		c->fields = xreallocarray(c->fields, cap, sizeof *c->fields);
		for (size_t i = c->cap; i < cap; i++)
			strbuf_init(&c->fields[i]);
		c->cap = cap;
	}
	strbuf_reset(&c->fields[c->nfields]);
	strbuf_add(&c->fields[c->nfields], "", 0);
	return &c->fields[c->nfields++];
}

/*
 * Read one record into c->fields.  Returns 1 for a record, 0 at the end
 * of the file, -1 with *cause for a syntax error.  Blank lines are
 * skipped.
 */
static int
csv_record(struct csv *c, char **cause)
{
	struct strbuf *f;
	int ch;

	c->nfields = 0;
	if (c->at_start) {
		c->at_start = false;
		if (csv_peek(c) == 0xEF) {
			csv_getc(c);
			if (csv_getc(c) != 0xBB || csv_getc(c) != 0xBF) {
				*cause = xasprintf(
				    "%s:1: bad byte-order mark", c->name);
				return -1;
			}
		}
	}
	for (;;) {
		ch = csv_peek(c);
		if (ch == EOF)
			return 0;
		if (ch == '\r' || ch == '\n') {
			csv_getc(c);
			if (ch == '\r' && csv_peek(c) == '\n')
				csv_getc(c);
			c->line++;
			continue;
		}
		break;
	}
	c->record_line = c->line;
	for (;;) {
		f = csv_new_field(c);
		if (c->nfields > IMPORT_MAX_FIELDS) {
			*cause = xasprintf("%s:%ld: more than %d fields",
			    c->name, c->record_line, IMPORT_MAX_FIELDS);
			return -1;
		}
		ch = csv_getc(c);
		if (ch == '"') {
			for (;;) {
				ch = csv_getc(c);
				if (ch == EOF) {
					*cause =
					    xasprintf("%s:%ld: quoted field "
					              "not closed before "
					              "the end of the file",
					        c->name, c->record_line);
					return -1;
				}
				if (ch == '"') {
					if (csv_peek(c) == '"') {
						csv_getc(c);
						strbuf_addc(f, '"');
						continue;
					}
					break;
				}
				if (ch == '\n')
					c->line++;
				strbuf_addc(f, (char)ch);
				if (f->len > IMPORT_MAX_FIELD) {
					*cause = xasprintf("%s:%ld: field "
					                   "longer than %u "
					                   "bytes",
					    c->name, c->record_line,
					    IMPORT_MAX_FIELD);
					return -1;
				}
			}
			ch = csv_getc(c);
			if (ch != ',' && ch != '\n' && ch != '\r' &&
			    ch != EOF) {
				*cause = xasprintf("%s:%ld: unexpected '%c' "
				                   "after a closing quote",
				    c->name, c->line, ch);
				return -1;
			}
		} else {
			while (ch != ',' && ch != '\n' && ch != '\r' &&
			    ch != EOF) {
				if (ch == '"') {
					*cause = xasprintf("%s:%ld: a quote "
					                   "inside an unquoted "
					                   "field",
					    c->name, c->line);
					return -1;
				}
				strbuf_addc(f, (char)ch);
				if (f->len > IMPORT_MAX_FIELD) {
					*cause = xasprintf("%s:%ld: field "
					                   "longer than %u "
					                   "bytes",
					    c->name, c->record_line,
					    IMPORT_MAX_FIELD);
					return -1;
				}
				ch = csv_getc(c);
			}
		}
		if (ch == ',')
			continue;
		if (ch == '\r' && csv_peek(c) == '\n')
			csv_getc(c);
		if (ch == '\n' || ch == '\r')
			c->line++;
		return 1;
	}
}

static void
csv_free(struct csv *c)
{
	for (size_t i = 0; i < c->cap; i++)
		strbuf_free(&c->fields[i]);
	free(c->fields);
}

void
events_import_report_free(struct events_import_report *r)
{
	for (size_t i = 0; i < r->shown; i++)
		free(r->bad_rows[i]);
	memset(r, 0, sizeof *r);
}

static void
import_bad(struct events_import_report *r, const char *file, long line,
    const char *fmt, const char *arg)
{
	r->bad++;
	if (r->shown < EVENTS_IMPORT_SHOWN) {
		char *why = xasprintf(fmt, arg);

		r->bad_rows[r->shown++] =
		    xasprintf("%s:%ld: %s", file, line, why);
		free(why);
	}
}

/* True if s is an optional sign and digits that fit in int64. */
static bool
import_integer(const char *s, int64_t *v)
{
	char *end;
	long long x;

	if (*s == '\0' || (*s != '-' && *s != '+' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*v = x;
	return true;
}

/* True if s is a plain decimal number with a fraction ("1767571200.25"):
 * seconds (or ms) with a fraction, stored as a real. */
static bool
import_decimal(const char *s, double *v)
{
	const char *p = s;
	char *end;
	bool digits = false;

	if (*p == '-' || *p == '+')
		p++;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits = true;
		else if (*p != '.')
			return false;
	}
	if (!digits || strchr(s, '.') == NULL)
		return false;
	errno = 0;
	*v = strtod(s, &end);
	return errno == 0 && *end == '\0' && *v > -9.2e15 && *v < 9.2e15;
}

static int
import_exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int
events_store_dir_check(const char *db_path, char **cause)
{
	const char *slash = strrchr(db_path, '/');
	struct stat st;
	char *dir;
	int err = 0;

	*cause = NULL;
	if (slash == NULL || slash == db_path)
		return 0;
	dir = xstrndup(db_path, (size_t)(slash - db_path));
	if (stat(dir, &st) != 0)
		err = errno;
	else if (!S_ISDIR(st.st_mode))
		err = ENOTDIR;
	if (err != 0)
		*cause = xasprintf("%s: no directory '%s' (%s)", db_path, dir,
		    strerror(err));
	free(dir);
	return err != 0 ? -1 : 0;
}

int
events_import_csv(const char *db_path, const char *csv_path,
    const struct events_import_options *o, struct events_import_report *report,
    char **cause)
{
	const char *want[5] = {
	    o->user ? o->user : "user_id",
	    o->name ? o->name : "event",
	    o->time ? o->time : "ts",
	    o->segment ? o->segment : "segment",
	    o->channel ? o->channel : "channel",
	};
	bool required[5] = {
	    true, true, true, o->segment != NULL, o->channel != NULL};
	const char *table = o->table ? o->table : "events";
	int colmap[5] = {-1, -1, -1, -1, -1};
	struct csv c;
	struct stat st;
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL;
	bool created, committed = false;
	uint64_t total = 0, rows = 0;
	size_t header_fields;
	char *sql;
	int rc, r;

	*cause = NULL;
	memset(report, 0, sizeof *report);
	memset(&c, 0, sizeof c);
	c.name = csv_path;
	c.line = 1;
	c.at_start = true;
	if ((c.f = fopen(csv_path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", csv_path,
		    errno == ENOENT ? "no such file" : strerror(errno));
		return -1;
	}
	if (fstat(fileno(c.f), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			*cause = xasprintf("%s: is a directory, not a CSV file",
			    csv_path);
			fclose(c.f);
			return -1;
		}
		total = (uint64_t)st.st_size;
	}
	r = csv_record(&c, cause);
	if (r == 0)
		*cause = xasprintf(
		    "%s: empty file (expected a header line)", csv_path);
	if (r <= 0) {
		fclose(c.f);
		csv_free(&c);
		return -1;
	}
	header_fields = c.nfields;
	for (size_t i = 0; i < c.nfields; i++)
		for (int k = 0; k < 5; k++)
			if (colmap[k] < 0 &&
			    strcmp(strbuf_str(&c.fields[i]), want[k]) == 0)
				colmap[k] = (int)i;
	for (int k = 0; k < 5; k++) {
		if (colmap[k] < 0 && required[k]) {
			struct strbuf have = STRBUF_INIT;

			for (size_t i = 0; i < c.nfields; i++)
				strbuf_printf(&have, "%s%s", i ? ", " : "",
				    strbuf_str(&c.fields[i]));
			*cause = xasprintf("%s:1: no column \"%s\" in the "
			                   "header; it has: %s (name the "
			                   "columns with --user-col, "
			                   "--event-col, --time-col)",
			    csv_path, want[k], strbuf_str(&have));
			strbuf_free(&have);
			fclose(c.f);
			csv_free(&c);
			return -1;
		}
	}

	if (stat(db_path, &st) == 0 && S_ISDIR(st.st_mode))
		*cause = xasprintf("%s: is a directory, not an event store",
		    db_path);
	else
		events_store_dir_check(db_path, cause);
	if (*cause != NULL) {
		fclose(c.f);
		csv_free(&c);
		return -1;
	}
	created = lstat(db_path, &st) != 0;
	rc = sqlite3_open_v2(
	    db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 1000);
		rc = import_exec(db, "BEGIN IMMEDIATE");
	}
	if (rc == SQLITE_OK) {
		sql = sqlite3_mprintf("CREATE TABLE IF NOT EXISTS \"%w\"("
		                      "user_id TEXT, event TEXT, ts INTEGER, "
		                      "segment TEXT, channel TEXT)",
		    table);
		rc = import_exec(db, sql);
		sqlite3_free(sql);
	}
	if (rc == SQLITE_OK) {
		sql = sqlite3_mprintf("INSERT INTO \"%w\"(user_id, event, ts, "
		                      "segment, channel) VALUES (?1, ?2, ?3, "
		                      "?4, ?5)",
		    table);
		rc = sqlite3_prepare_v2(db, sql, -1, &ins, NULL);
		sqlite3_free(sql);
	}
	if (rc != SQLITE_OK) {
		*cause = xasprintf("%s: %s", db_path,
		    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		goto out;
	}
	while ((r = csv_record(&c, cause)) == 1) {
		const char *v[5];
		int64_t num, ms;
		double real;

		if (o->interrupted != NULL && *o->interrupted) {
			*cause = xasprintf("interrupted; nothing was imported");
			goto out;
		}
		if (c.nfields != header_fields) {
			char count[64];

			snprintf(count, sizeof count, "%zu fields, found %zu",
			    header_fields, c.nfields);
			import_bad(report, csv_path, c.record_line,
			    "expected %s", count);
			continue;
		}
		for (int k = 0; k < 5; k++)
			v[k] = colmap[k] >= 0 ? strbuf_str(&c.fields[colmap[k]])
			                      : NULL;
		if (*v[0] == '\0') {
			import_bad(report, csv_path, c.record_line,
			    "empty user%s", "");
			continue;
		}
		if (*v[1] == '\0') {
			import_bad(report, csv_path, c.record_line,
			    "empty event name%s", "");
			continue;
		}
		sqlite3_bind_text(ins, 1, v[0], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, v[1], -1, SQLITE_STATIC);
		if (import_integer(v[2], &num))
			sqlite3_bind_int64(ins, 3, num);
		else if (import_decimal(v[2], &real))
			sqlite3_bind_double(ins, 3, real);
		else if (timeparse_iso(v[2], strlen(v[2]), &ms, NULL) == 0)
			sqlite3_bind_text(ins, 3, v[2], -1, SQLITE_STATIC);
		else {
			import_bad(report, csv_path, c.record_line,
			    "time \"%s\" is neither a number nor an "
			    "ISO-8601 time",
			    v[2]);
			continue;
		}
		for (int k = 3; k < 5; k++) {
			if (v[k] == NULL || *v[k] == '\0')
				sqlite3_bind_null(ins, k + 1);
			else
				sqlite3_bind_text(
				    ins, k + 1, v[k], -1, SQLITE_STATIC);
		}
		rc = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (rc != SQLITE_DONE) {
			*cause =
			    xasprintf("%s: %s", db_path, sqlite3_errmsg(db));
			goto out;
		}
		rows++;
		if (o->progress != NULL && rows % 100000 == 0)
			o->progress(
			    o->progress_arg, c.consumed + c.pos, total, rows);
	}
	if (o->interrupted != NULL && *o->interrupted) {
		/* an interrupted read may look like a syntax error: the
		 * interruption is what the user needs to hear about */
		free(*cause);
		*cause = xasprintf("interrupted; nothing was imported");
		goto out;
	}
	if (r < 0)
		goto out;
	if (report->bad > 0 && !o->skip_bad) {
		*cause = xasprintf("%s: %llu bad row%s; nothing was imported "
		                   "(--skip-bad imports the others)",
		    csv_path, (unsigned long long)report->bad,
		    report->bad == 1 ? "" : "s");
		goto out;
	}
	sqlite3_finalize(ins);
	ins = NULL;
	if ((rc = import_exec(db, "COMMIT")) != SQLITE_OK) {
		*cause = xasprintf("%s: %s", db_path, sqlite3_errmsg(db));
		goto out;
	}
	committed = true;
	report->rows = rows;
	if (o->progress != NULL)
		o->progress(o->progress_arg, total, total, rows);
out:
	sqlite3_finalize(ins);
	if (db != NULL && !committed)
		import_exec(db, "ROLLBACK");
	if (db != NULL)
		sqlite3_close(db);
	if (!committed && created) {
		char *j = xasprintf("%s-journal", db_path);

		unlink(db_path);
		unlink(j);
		free(j);
	}
	fclose(c.f);
	csv_free(&c);
	return committed ? 0 : -1;
}
