/*
 * store.c - reading the attached event store (see store.h).
 *
 * Workload: one full scan of a table of up to tens of millions of rows,
 * with no index to help and none to be created (the store is read-only).
 * What makes it fast:
 *   - no ORDER BY, no GROUP BY, no WHERE on the event name: SQLite only
 *     steps through the table b-tree in rowid order and hands out column
 *     pointers; grouping and ordering happen afterwards in funnel_prepare
 *     (a counting sort), filtering here with a hash lookup per row;
 *   - two connections, each over half of the rowid range, in two threads;
 *   - strings are never copied per row: event names, segments and
 *     channels are looked up in small tables, user ids interned once.
 *
 * What makes it safe (DESIGN.md: nothing written, nothing left beside the
 * store):
 *   - the path is checked before SQLite sees it (exists, is a regular
 *     file, not empty), so a mistyped path is never created; the header
 *     (SQLite magic, journal mode) is read through the new connection's
 *     own file handle before any statement runs, so every failure gets
 *     its own message and no second descriptor of ours can drop the
 *     process's locks on the file;
 *   - the database is opened through a URI with mode=ro.  A read-only
 *     connection to a WAL-mode database would still create PATH-wal and
 *     PATH-shm beside it.  When neither exists, no writer is attached and
 *     every committed page is in the main file, so the store is opened
 *     with immutable=1, which reads the file as it is and creates nothing.
 *     When both exist (a writer is attached) the connection uses them as
 *     they are; when only one exists (the leftover of a crash) the store
 *     is refused with a message rather than adding the other.  The one
 *     gap: a writer that attaches after the check and checkpoints into
 *     the main file during our read of a few seconds; the read may then
 *     fail with "corrupt" (SQLite checks every page it reads), and a
 *     second try gives the right numbers;
 *   - a busy timeout of about a second, then "database is locked".
 */
#include "store/store.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/validate.h"
#include "store/strtab.h"
#include "store/timeparse.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define STORE_BUSY_MS 1000
#define STORE_CHECK_EVERY 65536 /* rows between cancel/progress checks */
#define STORE_THREAD_MIN 100000 /* fewer rows: one connection */
#define STORE_NO_TAG 0xFFFFu

/* ---- configuration ------------------------------------------------------ */

static char *
store_join_dir(const char *map_path, const char *rel)
{
	const char *slash;

	if (rel[0] == '/' || map_path == NULL ||
	    (slash = strrchr(map_path, '/')) == NULL)
		return xstrdup(rel);
	return xasprintf("%.*s/%s", (int)(slash - map_path), map_path, rel);
}

static char *
store_pick(const char *over, const char *mine, const char *dflt)
{
	if (over != NULL)
		return xstrdup(over);
	if (mine != NULL)
		return xstrdup(mine);
	return dflt != NULL ? xstrdup(dflt) : NULL;
}

int
store_config_resolve(struct store_config *cfg, const struct map *m,
    const char *map_path, const struct store_config *over, char **cause)
{
	const struct events_config *e = &m->events;
	static const struct store_config none;

	if (over == NULL)
		over = &none;
	memset(cfg, 0, sizeof *cfg);
	if (over->path != NULL)
		cfg->path = xstrdup(over->path);
	else if (e->present && e->store != NULL)
		cfg->path = store_join_dir(map_path, e->store);
	else {
		*cause = xasprintf("%s: no event store: the map has no "
		                   "events block; use --events DB",
		    map_path != NULL ? map_path : "map");
		return -1;
	}
	cfg->table = store_pick(over->table, e->table, "events");
	cfg->user = store_pick(over->user, e->user, "user_id");
	cfg->name = store_pick(over->name, e->name, "event");
	cfg->time = store_pick(over->time, e->time, "ts");
	cfg->segment = store_pick(over->segment, e->segment, NULL);
	cfg->channel = store_pick(over->channel, e->channel, NULL);
	/* An empty column name (--segment-col '') means "no such column". */
	if (cfg->segment != NULL && *cfg->segment == '\0') {
		free(cfg->segment);
		cfg->segment = NULL;
	}
	if (cfg->channel != NULL && *cfg->channel == '\0') {
		free(cfg->channel);
		cfg->channel = NULL;
	}
	cfg->window = store_pick(over->window, e->window, NULL);
	cfg->time_unit =
	    over->time_unit != TIME_UNIT_UNSET ? over->time_unit : e->time_unit;
	return 0;
}

void
store_config_free(struct store_config *cfg)
{
	free(cfg->path);
	free(cfg->table);
	free(cfg->user);
	free(cfg->name);
	free(cfg->time);
	free(cfg->segment);
	free(cfg->channel);
	free(cfg->window);
	memset(cfg, 0, sizeof *cfg);
}

int
store_funnel_params(const struct map *m, const struct store_config *cfg,
    struct funnel_params *p, double **targets, char **cause)
{
	long long window = 7 * 86400;
	char *why = NULL;

	*targets = NULL;
	if (m->stage_count == 0 || m->stage_count > FUNNEL_MAX_STAGES) {
		*cause = xasprintf("a funnel needs 1 to %d stages; the map has "
		                   "%zu",
		    FUNNEL_MAX_STAGES, m->stage_count);
		return -1;
	}
	if (cfg->window != NULL &&
	    validate_parse_duration(cfg->window, &window, &why) != 0) {
		*cause = xasprintf("events.window: %s", why);
		free(why);
		return -1;
	}
	memset(p, 0, sizeof *p);
	p->stage_count = (int)m->stage_count;
	p->window_ms = (int64_t)window * 1000;
	p->since = FUNNEL_TIME_MIN;
	p->until = FUNNEL_TIME_MAX;
	p->by = FUNNEL_BY_NONE;
	p->persona = -1;
	*targets = xcalloc(m->stage_count, sizeof **targets);
	for (size_t k = 0; k < m->stage_count; k++)
		(*targets)[k] =
		    m->stages[k].has_target ? m->stages[k].target : NAN;
	p->targets = *targets;
	return 0;
}

/* ---- opening ------------------------------------------------------------ */

static bool
store_exists(const char *path, const char *suffix)
{
	struct stat st;
	char *p = xasprintf("%s%s", path, suffix);
	bool yes = lstat(p, &st) == 0;

	free(p);
	return yes;
}

/*
 * Check the path before SQLite sees it: it exists, is a regular file and
 * is not empty.  Only stat(2): opening and closing the file ourselves
 * would drop every POSIX lock this process holds on it (a load running in
 * another thread of the board, say).
 */
static int
store_check_path(const char *path, char **cause)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			*cause = xasprintf("%s: no such file", path);
		else
			*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		*cause =
		    xasprintf("%s: is a directory, not an event store", path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: not a regular file", path);
		return -1;
	}
	if (st.st_size == 0) {
		*cause =
		    xasprintf("%s: empty file, not an SQLite database", path);
		return -1;
	}
	if (access(path, R_OK) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The first 100 bytes of the database, read through the connection's own
 * file handle (opening a connection opens the file but reads nothing and
 * takes no lock).  Returns 0, or -1 if they cannot be read.
 */
static int
store_header(sqlite3 *db, unsigned char *hdr, size_t size)
{
	sqlite3_file *fp = NULL;
	int rc;

	memset(hdr, 0, size);
	if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &fp) !=
	        SQLITE_OK ||
	    fp == NULL || fp->pMethods == NULL)
		return -1;
	rc = fp->pMethods->xRead(fp, hdr, (int)size, 0);
	return rc == SQLITE_OK || rc == SQLITE_IOERR_SHORT_READ ? 0 : -1;
}

static char *
store_uri(const char *path, bool immutable)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p) != NULL)
			strbuf_addc(&sb, (char)*p);
		else
			strbuf_printf(&sb, "%%%02X", *p);
	}
	strbuf_adds(&sb, "?mode=ro");
	if (immutable)
		strbuf_adds(&sb, "&immutable=1");
	return strbuf_detach(&sb);
}

/* The message for an SQLite failure on the store at path. */
static char *
store_error(const char *path, int rc, const char *detail)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return xasprintf("%s: database is locked (another program is "
		                 "writing it); try again",
		    path);
	case SQLITE_NOTADB:
		return xasprintf("%s: not an SQLite database", path);
	case SQLITE_CORRUPT:
		return xasprintf("%s: the database is corrupt (%s)", path,
		    detail != NULL ? detail : sqlite3_errstr(rc));
	case SQLITE_READONLY:
		return xasprintf("%s: the database needs recovery that a "
		                 "read-only reader cannot do (%s); open it "
		                 "once with sqlite3, then try again",
		    path, detail != NULL ? detail : sqlite3_errstr(rc));
	case SQLITE_NOMEM:
		return xasprintf("%s: out of memory reading the store", path);
	case SQLITE_IOERR:
		return xasprintf("%s: read error (%s)", path,
		    detail != NULL ? detail : sqlite3_errstr(rc));
	default:
		return xasprintf("%s: %s", path,
		    detail != NULL ? detail : sqlite3_errstr(rc));
	}
}

static sqlite3 *
store_open(const char *path, const char *uri, char **cause)
{
	sqlite3 *db = NULL;
	int rc;

	rc = sqlite3_open_v2(uri, &db,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		*cause = store_error(path, rc, db ? sqlite3_errmsg(db) : NULL);
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(db, 0);
	return db;
}

/*
 * Look at the header of the freshly opened db.  Returns true when it is a
 * WAL-mode database with neither PATH-wal nor PATH-shm beside it, to be
 * reopened with immutable=1; false otherwise.  Sets *cause (and returns
 * false) when it is not an SQLite database or has only one of the two.
 */
static bool
store_wal_unattached(sqlite3 *db, const char *path, char **cause)
{
	unsigned char hdr[100];
	bool has_wal, has_shm;

	if (store_header(db, hdr, sizeof hdr) != 0 ||
	    memcmp(hdr, "SQLite format 3", 16) != 0) {
		*cause = xasprintf("%s: not an SQLite database", path);
		return false;
	}
	if (hdr[18] != 2 && hdr[19] != 2)
		return false;
	has_wal = store_exists(path, "-wal");
	has_shm = store_exists(path, "-shm");
	if (has_wal != has_shm) {
		*cause = xasprintf("%s: WAL-mode store with a leftover %s-%s "
		                   "and no %s-%s (a writer crashed?); open it "
		                   "once with sqlite3 to tidy it up, then try "
		                   "again",
		    path, path, has_wal ? "wal" : "shm", path,
		    has_wal ? "shm" : "wal");
		return false;
	}
	return !has_wal;
}

static char *
store_quote(const char *ident)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addc(&sb, '"');
	for (const char *p = ident; *p; p++) {
		if (*p == '"')
			strbuf_addc(&sb, '"');
		strbuf_addc(&sb, *p);
	}
	strbuf_addc(&sb, '"');
	return strbuf_detach(&sb);
}

/* Run sql and collect column 0 of each row as a ", "-joined list. */
static int
store_list(sqlite3 *db, const char *path, const char *sql, struct strbuf *out,
    size_t *count, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*count = 0;
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		if (*count > 0)
			strbuf_adds(out, ", ");
		strbuf_adds(out, v != NULL ? v : "");
		(*count)++;
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE) {
		*cause = store_error(path, rc, sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Check that the table and the columns exist; say what is there if not. */
static int
store_check_schema(
    sqlite3 *db, const struct store_config *cfg, bool read_groups, char **cause)
{
	struct strbuf names = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t count;
	char *sql;
	int rc, found = 0;
	const char *roles[5][2] = {
	    {cfg->user, "user (--user-col)"},
	    {cfg->name, "event name (--event-col)"},
	    {cfg->time, "time (--time-col)"},
	    {cfg->segment, "segment (--segment-col)"},
	    {cfg->channel, "channel (--channel-col)"},
	};

	rc = sqlite3_prepare_v2(db,
	    "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND "
	    "name = ?1 COLLATE NOCASE",
	    -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, cfg->table, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		found = rc == SQLITE_ROW;
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK) {
		*cause = store_error(cfg->path, rc, sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (!found) {
		if (store_list(db, cfg->path,
		        "SELECT name FROM sqlite_master WHERE type IN "
		        "('table','view') AND name NOT LIKE 'sqlite_%' "
		        "ORDER BY name",
		        &names, &count, cause) != 0)
			return -1;
		if (count == 0)
			*cause = xasprintf("%s: no table \"%s\": the database "
			                   "has no tables",
			    cfg->path, cfg->table);
		else
			*cause = xasprintf("%s: no table \"%s\" (--table); the "
			                   "tables are: %s",
			    cfg->path, cfg->table, strbuf_str(&names));
		strbuf_free(&names);
		return -1;
	}
	sql = sqlite3_mprintf(
	    "SELECT name FROM pragma_table_info(%Q)", cfg->table);
	rc = store_list(db, cfg->path, sql, &names, &count, cause);
	sqlite3_free(sql);
	if (rc != 0)
		return -1;
	for (size_t i = 0; i < 5; i++) {
		const char *col = roles[i][0];
		bool ok = false;

		/* segment and channel only matter when they are read */
		if (col == NULL || (i >= 3 && !read_groups))
			continue;
		rc = sqlite3_prepare_v2(db,
		    "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2 "
		    "COLLATE NOCASE",
		    -1, &st, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(st, 1, cfg->table, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			ok = rc == SQLITE_ROW;
			if (rc == SQLITE_ROW || rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_OK) {
			*cause = store_error(cfg->path, rc, sqlite3_errmsg(db));
			strbuf_free(&names);
			return -1;
		}
		if (!ok) {
			*cause = xasprintf("%s: table \"%s\" has no column "
			                   "\"%s\" for the %s; its columns "
			                   "are: %s",
			    cfg->path, cfg->table, col, roles[i][1],
			    strbuf_str(&names));
			strbuf_free(&names);
			return -1;
		}
	}
	strbuf_free(&names);
	return 0;
}

/* ---- reading ------------------------------------------------------------ */

/* What every reader shares (read-only while they run). */
struct store_loader {
	const struct store_config *cfg;
	struct strtab names; /* mapped event name -> packed stage/tag */
	struct strtab segments; /* segment value -> persona index */
	struct strtab channels; /* channel id -> channel index */
	bool count_names;
	bool read_groups; /* read the segment and channel columns */
	struct store_control *ctl;
	char *sql;
};

struct store_reader {
	struct store_loader *L;
	sqlite3 *db;
	bool ranged;
	sqlite3_int64 lo, hi;

	struct strtab users;
	struct strtab seen; /* with count_names: name -> count */
	uint32_t *user;
	int64_t *time;
	int16_t *stage;
	uint16_t *segment, *channel, *tag;
	size_t n, cap;

	uint64_t rows_read, bad_time, no_user;
	int64_t max_time; /* latest usable time of the rows skipped */
	char *bad_example;
	int rc;
	char *errmsg;
	bool cancelled;
};

static void
store_reader_grow(struct store_reader *r)
{
	size_t cap = r->cap ? r->cap * 2 : 65536;

	r->user = xreallocarray(r->user, cap, sizeof *r->user);
	r->time = xreallocarray(r->time, cap, sizeof *r->time);
	r->stage = xreallocarray(r->stage, cap, sizeof *r->stage);
	r->segment = xreallocarray(r->segment, cap, sizeof *r->segment);
	r->channel = xreallocarray(r->channel, cap, sizeof *r->channel);
	r->tag = xreallocarray(r->tag, cap, sizeof *r->tag);
	r->cap = cap;
}

static void
store_reader_free(struct store_reader *r)
{
	strtab_free(&r->users);
	strtab_free(&r->seen);
	free(r->user);
	free(r->time);
	free(r->stage);
	free(r->segment);
	free(r->channel);
	free(r->tag);
	free(r->bad_example);
	free(r->errmsg);
	if (r->db != NULL)
		sqlite3_close(r->db);
}

/*
 * Text that is a plain number: optional sign, digits, optional fraction.
 * Stores *ms (the number times scale) and returns true; false otherwise.
 */
static bool
store_text_number(const char *s, size_t len, int64_t scale, int64_t *ms)
{
	char buf[40], *end;
	size_t i = 0;
	bool digits = false;
	double v;

	if (len == 0 || len >= sizeof buf)
		return false;
	if (s[0] == '-' || s[0] == '+')
		i++;
	for (; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits = true;
		else if (s[i] != '.')
			return false;
	}
	if (!digits)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (memchr(s, '.', len) == NULL) {
		long long n;

		errno = 0;
		n = strtoll(buf, &end, 10);
		if (errno != 0 || *end != '\0' || n > INT64_MAX / scale ||
		    n < INT64_MIN / scale)
			return false;
		*ms = (int64_t)n * scale;
		return true;
	}
	v = strtod(buf, &end) * (double)scale;
	if (*end != '\0' || !(v > -9.2e18 && v < 9.2e18))
		return false;
	*ms = (int64_t)v;
	return true;
}

/* A time value of the row, in ms.  False when NULL or unusable. */
static bool
store_row_time(sqlite3_stmt *st, int col, enum time_unit unit, int64_t *ms)
{
	int64_t scale = unit == TIME_UNIT_MS ? 1 : 1000;

	switch (sqlite3_column_type(st, col)) {
	case SQLITE_INTEGER: {
		sqlite3_int64 v = sqlite3_column_int64(st, col);

		if (v > INT64_MAX / scale || v < INT64_MIN / scale)
			return false;
		*ms = v * scale;
		return true;
	}
	case SQLITE_FLOAT: {
		double v = sqlite3_column_double(st, col) * (double)scale;

		if (!(v > -9.2e18 && v < 9.2e18))
			return false;
		*ms = (int64_t)v;
		return true;
	}
	case SQLITE_TEXT: {
		const char *s = (const char *)sqlite3_column_text(st, col);
		size_t len = (size_t)sqlite3_column_bytes(st, col);

		/* Numbers stored as text (a table made by the sqlite3 shell's
		 * .import has only TEXT columns) count as numbers. */
		if (store_text_number(s, len, scale, ms))
			return true;
		return timeparse_iso(s, len, ms, NULL) == 0;
	}
	default:
		return false;
	}
}

static void *
store_read(void *arg)
{
	struct store_reader *r = arg;
	struct store_loader *L = r->L;
	const struct store_config *cfg = L->cfg;
	sqlite3_stmt *st = NULL;
	int rc, seg_col = -1, chan_col = -1, col = 3;
	uint64_t since_check = 0;

	if (L->read_groups && cfg->segment != NULL)
		seg_col = col++;
	if (L->read_groups && cfg->channel != NULL)
		chan_col = col++;
	r->max_time = FUNNEL_TIME_MIN;
	strtab_init(&r->users, 1024);
	strtab_init(&r->seen, L->count_names ? 256 : 1);
	rc = sqlite3_prepare_v2(r->db, L->sql, -1, &st, NULL);
	if (rc == SQLITE_OK && r->ranged) {
		sqlite3_bind_int64(st, 1, r->lo);
		sqlite3_bind_int64(st, 2, r->hi);
	}
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name, *user, *v;
		size_t len;
		uint32_t h, idx;
		int64_t packed, ms;

		rc = SQLITE_OK;
		r->rows_read++;
		if (++since_check == STORE_CHECK_EVERY) {
			since_check = 0;
			if (L->ctl != NULL) {
				atomic_fetch_add(
				    &L->ctl->rows_done, STORE_CHECK_EVERY);
				if (atomic_load(&L->ctl->cancel)) {
					r->cancelled = true;
					break;
				}
			}
		}
		name = (const char *)sqlite3_column_text(st, 1);
		if (name == NULL)
			continue;
		len = (size_t)sqlite3_column_bytes(st, 1);
		h = strtab_hash(name, len);
		if (L->count_names) {
			/* Intern first: it may move the value array, and
			 * the order in which a single expression would
			 * evaluate the array and the call is unspecified. */
			uint32_t seen =
			    strtab_intern(&r->seen, name, len, h, 0);

			r->seen.value[seen]++;
		}
		if ((idx = strtab_find(&L->names, name, len, h)) ==
		    UINT32_MAX) {
			/* Not ours, but its time still says how far the log
			 * reaches (for windows still open). */
			if (store_row_time(st, 2, cfg->time_unit, &ms) &&
			    ms > r->max_time)
				r->max_time = ms;
			continue;
		}
		if (!store_row_time(st, 2, cfg->time_unit, &ms)) {
			r->bad_time++;
			if (r->bad_example == NULL &&
			    sqlite3_column_type(st, 2) != SQLITE_NULL)
				r->bad_example = xstrndup(
				    (const char *)sqlite3_column_text(st, 2),
				    64);
			continue;
		}
		user = (const char *)sqlite3_column_text(st, 0);
		if (user == NULL) {
			r->no_user++;
			continue;
		}
		len = (size_t)sqlite3_column_bytes(st, 0);
		if (r->n == r->cap)
			store_reader_grow(r);
		r->user[r->n] = strtab_intern(
		    &r->users, user, len, strtab_hash(user, len), 0);
		r->time[r->n] = ms;
		packed = L->names.value[idx];
		r->stage[r->n] = (int16_t)((packed & 0xffff) - 1);
		r->tag[r->n] = (uint16_t)((packed >> 16) - 1);
		r->segment[r->n] = FUNNEL_GROUP_OTHER;
		r->channel[r->n] = FUNNEL_GROUP_OTHER;
		if (seg_col >= 0 &&
		    (v = (const char *)sqlite3_column_text(st, seg_col)) !=
		        NULL) {
			len = (size_t)sqlite3_column_bytes(st, seg_col);
			idx = strtab_find(
			    &L->segments, v, len, strtab_hash(v, len));
			if (idx != UINT32_MAX)
				r->segment[r->n] =
				    (uint16_t)L->segments.value[idx];
		}
		if (chan_col >= 0 &&
		    (v = (const char *)sqlite3_column_text(st, chan_col)) !=
		        NULL) {
			len = (size_t)sqlite3_column_bytes(st, chan_col);
			idx = strtab_find(
			    &L->channels, v, len, strtab_hash(v, len));
			if (idx != UINT32_MAX)
				r->channel[r->n] =
				    (uint16_t)L->channels.value[idx];
		}
		r->n++;
	}
	if (L->ctl != NULL)
		atomic_fetch_add(&L->ctl->rows_done, since_check);
	if (rc != SQLITE_DONE && !r->cancelled) {
		r->rc = rc;
		r->errmsg = xstrdup(sqlite3_errmsg(r->db));
	}
	sqlite3_finalize(st);
	return NULL;
}

/* min and max rowid; false when the table has no rowid (a view, WITHOUT
 * ROWID) or is empty. */
static bool
store_rowid_range(sqlite3 *db, const char *table, sqlite3_int64 *lo,
    sqlite3_int64 *hi, int *rc_out)
{
	const char *which[2] = {"min", "max"};
	sqlite3_int64 v[2];

	*rc_out = SQLITE_OK;
	for (int i = 0; i < 2; i++) {
		char *sql = sqlite3_mprintf(
		    "SELECT %s(rowid) FROM \"%w\"", which[i], table);
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

		sqlite3_free(sql);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		if (rc != SQLITE_ROW ||
		    sqlite3_column_type(st, 0) != SQLITE_INTEGER) {
			if ((rc & 0xff) == SQLITE_BUSY ||
			    (rc & 0xff) == SQLITE_CORRUPT ||
			    (rc & 0xff) == SQLITE_NOTADB ||
			    (rc & 0xff) == SQLITE_IOERR)
				*rc_out = rc;
			sqlite3_finalize(st);
			return false;
		}
		v[i] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	*lo = v[0];
	*hi = v[1];
	return true;
}

static void
store_loader_init(struct store_loader *L, const struct store_config *cfg,
    const struct map *m, struct store_events *ev)
{
	struct strtab tags;

	memset(L, 0, sizeof *L);
	L->cfg = cfg;
	strtab_init(&L->names, 64);
	strtab_init(&L->segments, m->persona_count + 1);
	strtab_init(&L->channels, m->channel_count + 1);
	strtab_init(&tags, m->card_count + 1);
	/* value: (stage + 1) | (tag + 1) << 16; a name listed under several
	 * stages counts for the first. */
	for (size_t s = 0; s < m->stage_count; s++) {
		const struct strlist *evs = &m->stages[s].events;

		for (size_t i = 0; i < evs->count; i++) {
			const char *n = evs->items[i];
			size_t len = strlen(n);
			uint32_t idx = strtab_intern(
			    &L->names, n, len, strtab_hash(n, len), 0);

			if ((L->names.value[idx] & 0xffff) == 0)
				L->names.value[idx] |= (int64_t)(s + 1);
		}
	}
	for (size_t c = 0; c < m->card_count; c++) {
		const char *n = m->cards[c].event;
		size_t len;
		uint32_t idx, tag;

		if (n == NULL || *n == '\0' || tags.count >= STORE_NO_TAG - 1)
			continue;
		len = strlen(n);
		tag = strtab_intern(&tags, n, len, strtab_hash(n, len), 0);
		idx = strtab_intern(&L->names, n, len, strtab_hash(n, len), 0);
		L->names.value[idx] =
		    (L->names.value[idx] & 0xffff) | ((int64_t)(tag + 1) << 16);
	}
	ev->tag_count = (uint16_t)tags.count;
	ev->tag_names = xcalloc(tags.count + 1, sizeof *ev->tag_names);
	for (uint32_t t = 0; t < tags.count; t++)
		ev->tag_names[t] = xstrdup(strtab_key(&tags, t, NULL));
	strtab_free(&tags);
	for (size_t p = 0; p < m->persona_count; p++) {
		const char *sv = m->personas[p].segment;
		size_t len;
		uint32_t idx;

		if (sv == NULL)
			continue;
		len = strlen(sv);
		idx = strtab_find(&L->segments, sv, len, strtab_hash(sv, len));
		if (idx == UINT32_MAX)
			strtab_intern(&L->segments, sv, len,
			    strtab_hash(sv, len), (int64_t)p);
	}
	for (size_t c = 0; c < m->channel_count; c++) {
		const char *id = m->channels[c].id;
		size_t len = strlen(id);

		if (strtab_find(&L->channels, id, len, strtab_hash(id, len)) ==
		    UINT32_MAX)
			strtab_intern(&L->channels, id, len,
			    strtab_hash(id, len), (int64_t)c);
	}
}

static void
store_loader_free(struct store_loader *L)
{
	strtab_free(&L->names);
	strtab_free(&L->segments);
	strtab_free(&L->channels);
	sqlite3_free(L->sql);
}

static int
store_name_cmp(const void *pa, const void *pb)
{
	const struct store_name_count *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Merge the readers' results into ev (reader 0's user table becomes the
 * global one). */
static void
store_merge(struct store_loader *L, struct store_reader *rd, int nreaders,
    struct store_events *ev, const struct map *m)
{
	struct funnel_input parts[2];

	for (int k = 1; k < nreaders; k++) {
		uint32_t *remap =
		    xreallocarray(NULL, rd[k].users.count + 1, sizeof *remap);

		for (uint32_t u = 0; u < rd[k].users.count; u++) {
			size_t len;
			const char *key = strtab_key(&rd[k].users, u, &len);

			remap[u] = strtab_intern(
			    &rd[0].users, key, len, strtab_hash(key, len), 0);
		}
		for (size_t i = 0; i < rd[k].n; i++)
			rd[k].user[i] = remap[rd[k].user[i]];
		free(remap);
		if (L->count_names)
			for (uint32_t i = 0; i < rd[k].seen.count; i++) {
				size_t len;
				const char *key =
				    strtab_key(&rd[k].seen, i, &len);
				uint32_t j = strtab_intern(&rd[0].seen, key,
				    len, strtab_hash(key, len), 0);

				rd[0].seen.value[j] += rd[k].seen.value[i];
			}
	}
	for (int k = 0; k < nreaders; k++) {
		memset(&parts[k], 0, sizeof parts[k]);
		parts[k].count = rd[k].n;
		parts[k].user_count = rd[0].users.count;
		parts[k].user = rd[k].user;
		parts[k].time = rd[k].time;
		parts[k].stage = rd[k].stage;
		parts[k].segment = rd[k].segment;
		parts[k].channel = rd[k].channel;
		parts[k].tag = rd[k].tag;
		parts[k].segment_groups = (uint16_t)m->persona_count;
		parts[k].channel_groups = (uint16_t)m->channel_count;
		ev->rows_read += rd[k].rows_read;
		ev->rows_used += rd[k].n;
		ev->rows_bad_time += rd[k].bad_time;
		if (ev->bad_time_example == NULL && rd[k].bad_example != NULL)
			ev->bad_time_example = xstrdup(rd[k].bad_example);
	}
	funnel_prepare_parts(parts, (size_t)nreaders, &ev->data);
	for (int k = 0; k < nreaders; k++)
		if (rd[k].max_time > ev->data.max_time)
			ev->data.max_time = rd[k].max_time;
	ev->users = xmalloc(sizeof *ev->users);
	*ev->users = rd[0].users;
	memset(&rd[0].users, 0, sizeof rd[0].users);
	if (L->count_names) {
		struct strtab *seen = &rd[0].seen;

		ev->name_count = seen->count;
		ev->names = xcalloc(seen->count + 1, sizeof *ev->names);
		for (uint32_t i = 0; i < seen->count; i++) {
			size_t len;
			const char *key = strtab_key(seen, i, &len);
			uint32_t j = strtab_find(
			    &L->names, key, len, strtab_hash(key, len));

			ev->names[i].name = xstrdup(key);
			ev->names[i].count = (uint64_t)seen->value[i];
			ev->names[i].stage = -1;
			if (j != UINT32_MAX) {
				ev->names[i].stage =
				    (int)(L->names.value[j] & 0xffff) - 1;
				ev->names[i].card =
				    (L->names.value[j] >> 16) != 0;
			}
		}
		qsort(ev->names, ev->name_count, sizeof *ev->names,
		    store_name_cmp);
	}
}

struct store_events *
store_load(const struct store_config *cfg, const struct map *m, int flags,
    struct store_control *ctl, char **cause)
{
	struct store_loader L;
	struct store_reader rd[2];
	struct store_events *ev;
	sqlite3_int64 lo = 0, hi = 0;
	bool immutable, ranged;
	char *uri, *q[5];
	int nreaders = 1, rc;
	pthread_t thread;
	bool threaded = false;

	*cause = NULL;
	if (m->stage_count > FUNNEL_MAX_STAGES) {
		*cause = xasprintf("%s: a funnel has at most %d stages",
		    cfg->path, FUNNEL_MAX_STAGES);
		return NULL;
	}
	memset(rd, 0, sizeof rd);
	if (store_check_path(cfg->path, cause) != 0)
		return NULL;
	uri = store_uri(cfg->path, false);
	if ((rd[0].db = store_open(cfg->path, uri, cause)) == NULL) {
		free(uri);
		return NULL;
	}
	if ((immutable = store_wal_unattached(rd[0].db, cfg->path, cause)) ||
	    *cause != NULL) {
		/* Before any statement has run: nothing created yet. */
		sqlite3_close(rd[0].db);
		rd[0].db = NULL;
		free(uri);
		if (*cause != NULL)
			return NULL;
		uri = store_uri(cfg->path, true);
		if ((rd[0].db = store_open(cfg->path, uri, cause)) == NULL) {
			free(uri);
			return NULL;
		}
	}
	if (store_check_schema(
	        rd[0].db, cfg, (flags & STORE_NO_GROUPS) == 0, cause) != 0) {
		sqlite3_close(rd[0].db);
		free(uri);
		return NULL;
	}
	ranged = store_rowid_range(rd[0].db, cfg->table, &lo, &hi, &rc);
	if (rc != SQLITE_OK) {
		*cause = store_error(cfg->path, rc, sqlite3_errmsg(rd[0].db));
		sqlite3_close(rd[0].db);
		free(uri);
		return NULL;
	}
	if (ctl != NULL) {
		atomic_store(&ctl->rows_done, 0);
		atomic_store(&ctl->rows_total,
		    ranged ? (unsigned long long)(hi - lo + 1) : 0);
	}

	ev = xcalloc(1, sizeof *ev);
	ev->stage_count = (int)m->stage_count;
	store_loader_init(&L, cfg, m, ev);
	L.count_names = (flags & STORE_COUNT_NAMES) != 0;
	L.read_groups = (flags & STORE_NO_GROUPS) == 0;
	L.ctl = ctl;
	q[0] = store_quote(cfg->user);
	q[1] = store_quote(cfg->name);
	q[2] = store_quote(cfg->time);
	q[3] = cfg->segment && L.read_groups ? store_quote(cfg->segment) : NULL;
	q[4] = cfg->channel && L.read_groups ? store_quote(cfg->channel) : NULL;
	L.sql = sqlite3_mprintf("SELECT %s, %s, %s%s%s%s%s FROM \"%w\"%s", q[0],
	    q[1], q[2], q[3] ? ", " : "", q[3] ? q[3] : "", q[4] ? ", " : "",
	    q[4] ? q[4] : "", cfg->table,
	    ranged ? " WHERE rowid BETWEEN ?1 AND ?2" : "");
	for (int i = 0; i < 5; i++)
		free(q[i]);

	rd[0].L = &L;
	rd[0].ranged = ranged;
	rd[0].lo = lo;
	rd[0].hi = hi;
	if (ranged && hi - lo >= STORE_THREAD_MIN) {
		char *ignored = NULL;

		rd[1].db = store_open(cfg->path, uri, &ignored);
		free(ignored);
		if (rd[1].db != NULL) {
			nreaders = 2;
			rd[0].hi = lo + (hi - lo) / 2;
			rd[1].L = &L;
			rd[1].ranged = true;
			rd[1].lo = rd[0].hi + 1;
			rd[1].hi = hi;
		}
	}
	free(uri);
	if (nreaders == 2)
		threaded =
		    pthread_create(&thread, NULL, store_read, &rd[1]) == 0;
	store_read(&rd[0]);
	if (threaded)
		pthread_join(thread, NULL);
	else if (nreaders == 2)
		store_read(&rd[1]);

	for (int k = 0; k < nreaders; k++) {
		if (rd[k].cancelled && *cause == NULL)
			*cause = xstrdup("cancelled");
		else if (rd[k].rc != 0 && *cause == NULL)
			*cause = store_error(cfg->path, rd[k].rc, rd[k].errmsg);
	}
	if (*cause == NULL && ctl != NULL && atomic_load(&ctl->cancel))
		*cause = xstrdup("cancelled");
	if (*cause != NULL) {
		for (int k = 0; k < nreaders; k++)
			store_reader_free(&rd[k]);
		store_loader_free(&L);
		store_events_destroy(ev);
		return NULL;
	}
	for (int k = 0; k < nreaders; k++) {
		sqlite3_close(rd[k].db);
		rd[k].db = NULL;
	}
	store_merge(&L, rd, nreaders, ev, m);
	for (int k = 0; k < nreaders; k++)
		store_reader_free(&rd[k]);
	store_loader_free(&L);
	return ev;
}

void
store_events_destroy(struct store_events *ev)
{
	if (ev == NULL)
		return;
	funnel_data_free(&ev->data);
	if (ev->users != NULL) {
		strtab_free(ev->users);
		free(ev->users);
	}
	for (uint16_t t = 0; t < ev->tag_count; t++)
		free(ev->tag_names[t]);
	free(ev->tag_names);
	for (size_t i = 0; i < ev->name_count; i++)
		free(ev->names[i].name);
	free(ev->names);
	free(ev->bad_time_example);
	free(ev);
}

const char *
store_user_id(const struct store_events *ev, uint32_t u)
{
	return strtab_key(ev->users, u, NULL);
}

int
store_tag_of(const struct store_events *ev, const char *event_name)
{
	if (event_name == NULL)
		return -1;
	for (uint16_t t = 0; t < ev->tag_count; t++)
		if (strcmp(ev->tag_names[t], event_name) == 0)
			return t;
	return -1;
}

void
store_touchpoints(const struct store_events *ev, int64_t since, int64_t until,
    uint64_t *users, uint64_t *events)
{
	funnel_tag_counts(
	    &ev->data, since, until, ev->tag_count, users, events);
}
