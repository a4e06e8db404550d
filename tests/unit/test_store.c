/*
 * test_store.c - reading the event store: every failure with its own
 * message (missing, directory, empty, not a database, corrupt, locked,
 * missing table, missing column, WAL leftovers), every time format, rows
 * with no usable time counted, both reading paths (one connection, two
 * over rowid halves), cancellation, touchpoint counts, and the promise
 * that a store and its directory are unchanged by reading (rollback and
 * WAL mode, with and without a writer attached).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "model/map.h"
#include "store/store.h"
#include "store/timeparse.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static char tmpdir[256];

static int
setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/wm-test-store-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int
remove_dir(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);

	(void)state;
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

static char *
path_in(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

/* Stages a (a1, a2), b (b), c (c); personas p0/p1 with segments s0/s1;
 * channels web/app; a card with event "touch". */
static struct map *
test_map(void)
{
	struct map *m = map_create();
	struct stage st;
	struct persona pe;
	struct channel ch;
	struct card cd;
	const char *stages[3][3] = {
	    {"a", "a1", "a2"}, {"b", "b", NULL}, {"c", "c", NULL}};

	for (int i = 0; i < 3; i++) {
		memset(&st, 0, sizeof st);
		st.id = (char *)stages[i][0];
		for (int j = 1; j < 3; j++)
			if (stages[i][j] != NULL)
				strlist_append(&st.events, stages[i][j]);
		map_add_stage(m, &st);
		strlist_free(&st.events);
	}
	for (int i = 0; i < 2; i++) {
		char id[16], seg[16];

		memset(&pe, 0, sizeof pe);
		snprintf(id, sizeof id, "p%d", i);
		snprintf(seg, sizeof seg, "s%d", i);
		pe.id = id;
		pe.segment = seg;
		map_add_persona(m, &pe);
	}
	memset(&ch, 0, sizeof ch);
	ch.id = "web";
	map_add_channel(m, &ch);
	ch.id = "app";
	map_add_channel(m, &ch);
	memset(&cd, 0, sizeof cd);
	cd.id = "card";
	cd.stage = "a";
	cd.lane = "touchpoints";
	cd.event = "touch";
	map_add_card(m, &cd);
	return m;
}

static void
exec_sql(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* A store with the given rows (SQL VALUES text), rollback journal. */
static char *
make_store(const char *name, const char *create, const char *values)
{
	char *path = path_in(name), *sql;
	sqlite3 *db;

	unlink(path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	exec_sql(db,
	    create != NULL ? create
	                   : "CREATE TABLE events(user_id TEXT, event "
	                     "TEXT, ts, segment TEXT, channel TEXT)");
	if (values != NULL) {
		sql = xasprintf("INSERT INTO events VALUES %s", values);
		exec_sql(db, sql);
		free(sql);
	}
	sqlite3_close(db);
	return path;
}

static struct store_events *
load(const char *path, const struct map *m, enum time_unit unit, char **cause)
{
	struct store_config over, cfg;
	struct store_events *ev;

	memset(&over, 0, sizeof over);
	over.path = (char *)path;
	over.segment = "segment";
	over.channel = "channel";
	over.time_unit = unit;
	assert_int_equal(store_config_resolve(&cfg, m, NULL, &over, cause), 0);
	ev = store_load(&cfg, m, 0, NULL, cause);
	store_config_free(&cfg);
	return ev;
}

static void
expect_failure(const char *path, const char *want)
{
	struct map *m = test_map();
	char *cause = NULL;
	struct store_events *ev = load(path, m, TIME_UNIT_UNSET, &cause);

	assert_null(ev);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("message '%s' lacks '%s'", cause, want);
	free(cause);
	map_destroy(m);
}

/* "name size mtime" of every file in the directory, sorted by readdir
 * order normalised through a sort. */
static char *
dir_listing(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct dirent **names;
	int n = scandir(tmpdir, &names, NULL, alphasort);

	assert_true(n >= 0);
	for (int i = 0; i < n; i++) {
		struct stat st;
		char *p = path_in(names[i]->d_name);

		/* ".." is /tmp, which others change */
		if (strcmp(names[i]->d_name, "..") != 0 && stat(p, &st) == 0)
			strbuf_printf(&sb, "%s %lld %lld.%09ld\n",
			    names[i]->d_name, (long long)st.st_size,
			    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
		free(p);
		free(names[i]);
	}
	free(names);
	return strbuf_detach(&sb);
}

static char *
file_bytes(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* ---- failures ----------------------------------------------------------- */

static void
test_missing_file_not_created(void **state)
{
	char *path = path_in("no-such.db");
	char *want = xasprintf("%s: no such file", path);
	struct stat st;

	(void)state;
	expect_failure(path, want);
	assert_int_equal(stat(path, &st), -1);
	free(want);
	free(path);
}

static void
test_directory_empty_not_a_db(void **state)
{
	char *path = path_in("text.db");
	FILE *f;

	(void)state;
	expect_failure(tmpdir, "is a directory");
	f = fopen(path, "w");
	fclose(f);
	expect_failure(path, "empty file, not an SQLite database");
	f = fopen(path, "w");
	fputs("user_id,event,ts\nu1,a1,1700000000\n", f);
	for (int i = 0; i < 20; i++)
		fputs("padding padding padding padding\n", f);
	fclose(f);
	expect_failure(path, "not an SQLite database");
	unlink(path);
	free(path);
}

static void
test_corrupt(void **state)
{
	struct strbuf values = STRBUF_INIT;
	char *path, *bytes;
	size_t len;
	FILE *f;

	(void)state;
	for (int i = 0; i < 3000; i++)
		strbuf_printf(&values, "%s('user%d','a1',%d,'s0','web')",
		    i ? "," : "", i, 1700000000 + i);
	path = make_store("corrupt.db", NULL, strbuf_str(&values));
	strbuf_free(&values);
	bytes = file_bytes(path, &len);
	assert_true(len > 8192);
	/* Keep the header and the schema page, scribble over the rest. */
	memset(bytes + 4096, 0x5a, len - 4096);
	f = fopen(path, "wb");
	fwrite(bytes, 1, len, f);
	fclose(f);
	free(bytes);
	expect_failure(path, "the database is corrupt");
	unlink(path);
	free(path);
}

static void
test_locked_answers_quickly(void **state)
{
	char *path = make_store("locked.db", NULL, "('u1','a1',1,'s0','web')");
	int to_parent[2], to_child[2];
	char c;
	pid_t pid;
	struct timespec t0, t1;
	double secs;

	(void)state;
	assert_int_equal(pipe(to_parent), 0);
	assert_int_equal(pipe(to_child), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db;

		sqlite3_open(path, &db);
		sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
		(void)write(to_parent[1], "x", 1);
		(void)read(to_child[0], &c, 1);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	assert_int_equal(read(to_parent[0], &c, 1), 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	expect_failure(path,
	    "database is locked (another program is "
	    "writing it); try again");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(secs >= 0.5);
	assert_true(secs < 2.5);
	assert_int_equal(write(to_child[1], "x", 1), 1);
	waitpid(pid, NULL, 0);
	close(to_parent[0]);
	close(to_parent[1]);
	close(to_child[0]);
	close(to_child[1]);
	unlink(path);
	free(path);
}

static void
test_missing_table_lists_tables(void **state)
{
	char *path = make_store("tables.db",
	    "CREATE TABLE visits(a); CREATE TABLE clicks(b)", NULL);
	char *path2 = make_store("notables.db", "PRAGMA user_version=1", NULL);

	(void)state;
	expect_failure(path,
	    "no table \"events\" (--table); the tables are: "
	    "clicks, visits");
	expect_failure(path2,
	    "no table \"events\": the database has no "
	    "tables");
	unlink(path);
	unlink(path2);
	free(path);
	free(path2);
}

static void
test_missing_column_lists_columns(void **state)
{
	char *path = make_store("columns.db",
	    "CREATE TABLE events(user_id TEXT, event TEXT, happened_at, "
	    "segment, channel)",
	    NULL);

	(void)state;
	expect_failure(path,
	    "table \"events\" has no column \"ts\" for the "
	    "time (--time-col); its columns are: user_id, "
	    "event, happened_at, segment, channel");
	unlink(path);
	free(path);

	/* No segment or channel column: an error only when they are read. */
	path = make_store("nogroups.db",
	    "CREATE TABLE events(user_id TEXT, event TEXT, ts)",
	    "('u1','a1',1),('u1','b',2)");
	expect_failure(path,
	    "has no column \"segment\" for the segment "
	    "(--segment-col); its columns are: user_id, event, "
	    "ts");
	{
		struct map *m = test_map();
		struct store_config over, cfg;
		struct store_events *ev;
		char *cause = NULL;

		memset(&over, 0, sizeof over);
		over.path = path;
		over.segment = "segment";
		over.channel = "";
		assert_int_equal(
		    store_config_resolve(&cfg, m, NULL, &over, &cause), 0);
		assert_null(cfg.channel);
		ev = store_load(&cfg, m, STORE_NO_GROUPS, NULL, &cause);
		if (ev == NULL)
			fail_msg("%s", cause);
		assert_int_equal(ev->rows_used, 2);
		store_events_destroy(ev);
		store_config_free(&cfg);
		map_destroy(m);
	}
	unlink(path);
	free(path);
}

static void
test_wal_leftover_refused(void **state)
{
	char *path = make_store("leftover.db", NULL, "('u','a1',1,'s0','web')");
	char *wal = xasprintf("%s-wal", path);
	sqlite3 *db;
	FILE *f;

	(void)state;
	sqlite3_open(path, &db);
	exec_sql(db, "PRAGMA journal_mode=WAL");
	sqlite3_close(db);
	f = fopen(wal, "w");
	fclose(f);
	expect_failure(path, "leftover");
	unlink(wal);
	unlink(path);
	free(wal);
	free(path);
}

/* ---- reading ------------------------------------------------------------ */

static void
test_time_formats_and_bad_times(void **state)
{
	char *path = make_store("times.db", NULL,
	    "('u1','a1',1767571200,'s0','web')," /* int seconds */
	    "('u1','b','2026-01-05T00:00:01.5Z','s0','app'),"
	    "('u1','c','2026-01-05T02:00:02+02:00','s0','web'),"
	    "('u2','a2',1767571200.25,'s1','kiosk')," /* real seconds */
	    "('u2','b',NULL,'s1','web'),"
	    "('u2','b','last tuesday','s1','web'),"
	    "('u3','noise','garbage','x','y')," /* unmapped: not counted */
	    "(NULL,'a1',1,'s0','web'),"
	    "('u3','touch',1767571300,'zz',NULL),"
	    "('u4','noise',1767600000,'s0','web')"); /* the log's end */
	struct map *m = test_map();
	struct store_events *ev;
	char *cause = NULL;
	int64_t base = 1767571200LL * 1000;

	(void)state;
	ev = load(path, m, TIME_UNIT_UNSET, &cause);
	if (ev == NULL)
		fail_msg("%s", cause);
	assert_int_equal(ev->rows_read, 10);
	/* the latest time is the store's, unmapped rows included */
	assert_int_equal(ev->data.max_time, 1767600000LL * 1000);
	assert_int_equal(ev->rows_bad_time, 2);
	assert_string_equal(ev->bad_time_example, "last tuesday");
	assert_int_equal(ev->rows_used, 5);
	assert_int_equal(ev->data.user_count, 3);
	/* u1: the three stages, in time order, with their groups */
	assert_string_equal(store_user_id(ev, 0), "u1");
	assert_int_equal(ev->data.offset[1] - ev->data.offset[0], 3);
	assert_int_equal(ev->data.time[0], base);
	assert_int_equal(ev->data.time[1], base + 1500);
	assert_int_equal(ev->data.time[2], base + 2000);
	assert_int_equal(ev->data.stage[0], 0);
	assert_int_equal(ev->data.stage[1], 1);
	assert_int_equal(ev->data.stage[2], 2);
	assert_int_equal(ev->data.segment[0], 0);
	assert_int_equal(ev->data.channel[1], 1);
	/* u2: REAL seconds keep their milliseconds; unknown channel */
	assert_int_equal(ev->data.time[3], base + 250);
	assert_int_equal(ev->data.segment[3], 1);
	assert_int_equal(ev->data.channel[3], FUNNEL_GROUP_OTHER);
	/* u3: only the card's event, other segment */
	assert_int_equal(ev->data.stage[4], -1);
	assert_int_equal(ev->data.segment[4], FUNNEL_GROUP_OTHER);
	assert_int_equal(ev->tag_count, 1);
	assert_int_equal(store_tag_of(ev, "touch"), 0);
	assert_int_equal(store_tag_of(ev, "a1"), -1);
	{
		uint64_t users, events;

		store_touchpoints(
		    ev, FUNNEL_TIME_MIN, FUNNEL_TIME_MAX, &users, &events);
		assert_int_equal(users, 1);
		assert_int_equal(events, 1);
		store_touchpoints(ev, FUNNEL_TIME_MIN, base, &users, &events);
		assert_int_equal(events, 0);
	}
	store_events_destroy(ev);
	map_destroy(m);
	unlink(path);
	free(path);
}

static void
test_milliseconds_unit(void **state)
{
	char *path = make_store("ms.db", NULL,
	    "('u1','a1',1767571200123,'s0','web'),('u1','b',1767571200124,"
	    "'s0','web')");
	struct map *m = test_map();
	struct store_events *ev;
	char *cause = NULL;

	(void)state;
	ev = load(path, m, TIME_UNIT_MS, &cause);
	assert_non_null(ev);
	assert_int_equal(ev->data.time[0], 1767571200123LL);
	assert_int_equal(ev->data.time[1], 1767571200124LL);
	assert_int_equal(ev->data.max_time, 1767571200124LL);
	store_events_destroy(ev);
	/* the same integers read as seconds are still usable times */
	ev = load(path, m, TIME_UNIT_S, &cause);
	assert_non_null(ev);
	assert_int_equal(ev->rows_bad_time, 0);
	store_events_destroy(ev);
	map_destroy(m);
	unlink(path);
	free(path);
}

/* A table made by the sqlite3 shell's .import: every column TEXT, the
 * times numbers written as text. */
static void
test_text_numbers(void **state)
{
	char *path = make_store("text.db",
	    "CREATE TABLE events(user_id TEXT, event TEXT, ts TEXT, "
	    "segment TEXT, channel TEXT)",
	    "('u1','a1','1767571200','s0','web'),"
	    "('u1','b','1767571201.5','s0','web'),"
	    "('u1','c','17675712OO','s0','web'),"
	    "('u1','c','1e9','s0','web')");
	struct map *m = test_map();
	struct store_events *ev;
	char *cause = NULL;

	(void)state;
	ev = load(path, m, TIME_UNIT_UNSET, &cause);
	if (ev == NULL)
		fail_msg("%s", cause);
	assert_int_equal(ev->rows_used, 2);
	assert_int_equal(ev->rows_bad_time, 2);
	assert_int_equal(ev->data.time[0], 1767571200000LL);
	assert_int_equal(ev->data.time[1], 1767571201500LL);
	store_events_destroy(ev);
	ev = load(path, m, TIME_UNIT_MS, &cause);
	assert_non_null(ev);
	assert_int_equal(ev->data.time[0], 1767571200LL);
	store_events_destroy(ev);
	map_destroy(m);
	unlink(path);
	free(path);
}

/* 150,000 rows: two connections over rowid halves; the result must be
 * the same as the sums say, users merged across the halves. */
static void
test_two_readers(void **state)
{
	char *path = path_in("big.db");
	struct map *m = test_map();
	struct store_events *ev;
	struct store_control ctl;
	sqlite3 *db;
	sqlite3_stmt *st;
	char *cause = NULL;
	struct funnel_params p;
	struct funnel_result r;

	(void)state;
	unlink(path);
	sqlite3_open(path, &db);
	exec_sql(db,
	    "CREATE TABLE events(user_id TEXT, event TEXT, ts "
	    "INTEGER, segment TEXT, channel TEXT); BEGIN");
	sqlite3_prepare_v2(db,
	    "INSERT INTO events VALUES (?1, ?2, ?3, 's0', "
	    "'web')",
	    -1, &st, NULL);
	/* 50,000 users; each: a1 at t, b at t+1, noise at t+2; the user
	 * ids of the second half appear in the first half too */
	for (int i = 0; i < 150000; i++) {
		char id[32];
		int u = (i / 3) % 50000;
		const char *ev_name[] = {"a1", "b", "noise"};

		snprintf(id, sizeof id, "user-%d", u);
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, ev_name[i % 3], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, 1000000 + i);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	exec_sql(db, "COMMIT");
	sqlite3_close(db);

	atomic_init(&ctl.cancel, 0);
	atomic_init(&ctl.rows_done, 0);
	atomic_init(&ctl.rows_total, 0);
	{
		struct store_config over, cfg;

		memset(&over, 0, sizeof over);
		over.path = path;
		store_config_resolve(&cfg, m, NULL, &over, &cause);
		ev = store_load(&cfg, m, STORE_COUNT_NAMES, &ctl, &cause);
		if (ev == NULL)
			fail_msg("%s", cause);
		assert_int_equal(atomic_load(&ctl.rows_total), 150000);
		assert_int_equal(atomic_load(&ctl.rows_done), 150000);
		assert_int_equal(ev->rows_read, 150000);
		assert_int_equal(ev->rows_used, 100000);
		assert_int_equal(ev->data.user_count, 50000);
		assert_int_equal(ev->name_count, 3);
		assert_string_equal(ev->names[0].name, "a1");
		assert_int_equal(ev->names[0].count, 50000);
		assert_string_equal(ev->names[2].name, "noise");
		assert_int_equal(ev->names[2].stage, -1);
		assert_int_equal(ev->names[1].stage, 1);

		memset(&p, 0, sizeof p);
		p.stage_count = 3;
		p.window_ms = 1000;
		p.since = FUNNEL_TIME_MIN;
		p.until = FUNNEL_TIME_MAX;
		p.persona = -1;
		assert_int_equal(
		    funnel_compute(&ev->data, &p, &r, NULL, &cause), 0);
		assert_int_equal(r.stages[0].users, 50000);
		assert_int_equal(r.stages[1].users, 50000);
		assert_int_equal(r.stages[2].users, 0);
		assert_true(r.stages[1].median_ms == 1000);
		funnel_result_free(&r);
		store_events_destroy(ev);

		/* cancelled before it starts: stops, says so */
		atomic_store(&ctl.cancel, 1);
		ev = store_load(&cfg, m, 0, &ctl, &cause);
		assert_null(ev);
		assert_string_equal(cause, "cancelled");
		free(cause);
		store_config_free(&cfg);
	}
	map_destroy(m);
	unlink(path);
	free(path);
}

static void
test_config_resolve(void **state)
{
	struct map *m = test_map();
	struct store_config cfg, over;
	char *cause = NULL;

	(void)state;
	assert_int_equal(
	    store_config_resolve(&cfg, m, "x/map.yaml", NULL, &cause), -1);
	assert_non_null(strstr(cause, "x/map.yaml: no event store"));
	free(cause);
	m->events.present = true;
	m->events.store = xstrdup("ev.db");
	m->events.time = xstrdup("when");
	m->events.time_unit = TIME_UNIT_MS;
	assert_int_equal(
	    store_config_resolve(&cfg, m, "maps/x/map.yaml", NULL, &cause), 0);
	assert_string_equal(cfg.path, "maps/x/ev.db");
	assert_string_equal(cfg.table, "events");
	assert_string_equal(cfg.user, "user_id");
	assert_string_equal(cfg.time, "when");
	assert_int_equal(cfg.time_unit, TIME_UNIT_MS);
	assert_null(cfg.segment);
	store_config_free(&cfg);
	memset(&over, 0, sizeof over);
	over.path = "other.db";
	over.time = "ts2";
	over.time_unit = TIME_UNIT_S;
	assert_int_equal(
	    store_config_resolve(&cfg, m, "maps/x/map.yaml", &over, &cause), 0);
	assert_string_equal(cfg.path, "other.db");
	assert_string_equal(cfg.time, "ts2");
	assert_int_equal(cfg.time_unit, TIME_UNIT_S);
	store_config_free(&cfg);

	/* the funnel parameters the board starts from */
	{
		struct funnel_params p;
		double *targets;

		m->stages[1].has_target = true;
		m->stages[1].target = 0.25;
		memset(&cfg, 0, sizeof cfg);
		cfg.window = "36h";
		assert_int_equal(
		    store_funnel_params(m, &cfg, &p, &targets, &cause), 0);
		assert_int_equal(p.stage_count, 3);
		assert_int_equal(p.window_ms, 36LL * 3600 * 1000);
		assert_int_equal(p.persona, -1);
		assert_true(p.targets == targets);
		assert_true(targets[0] != targets[0]); /* NaN */
		assert_true(targets[1] == 0.25);
		free(targets);
		cfg.window = NULL;
		assert_int_equal(
		    store_funnel_params(m, &cfg, &p, &targets, &cause), 0);
		assert_int_equal(p.window_ms, 7LL * 86400 * 1000);
		free(targets);
		cfg.window = "soon";
		assert_int_equal(
		    store_funnel_params(m, &cfg, &p, &targets, &cause), -1);
		assert_non_null(strstr(cause, "events.window"));
		free(cause);
	}
	map_destroy(m);
}

/* ---- nothing changes ---------------------------------------------------- */

static void
check_unchanged(const char *path)
{
	struct map *m = test_map();
	char *before = dir_listing(), *after, *bytes0, *bytes1, *cause = NULL;
	size_t len0, len1;
	struct store_events *ev;

	bytes0 = file_bytes(path, &len0);
	for (int i = 0; i < 3; i++) {
		ev = load(path, m, TIME_UNIT_UNSET, &cause);
		if (ev == NULL)
			fail_msg("%s", cause);
		assert_int_equal(ev->rows_used, 2);
		store_events_destroy(ev);
	}
	after = dir_listing();
	assert_string_equal(before, after);
	bytes1 = file_bytes(path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(bytes0, bytes1, len0);
	free(before);
	free(after);
	free(bytes0);
	free(bytes1);
	map_destroy(m);
}

static void
test_unchanged_rollback_store(void **state)
{
	char *path = make_store("plain.db", NULL,
	    "('u1','a1',1,'s0','web'),('u1','b',2,'s0','web')");

	(void)state;
	check_unchanged(path);
	unlink(path);
	free(path);
}

static void
test_unchanged_wal_store(void **state)
{
	char *path = make_store(
	    "wal.db", NULL, "('u1','a1',1,'s0','web'),('u1','b',2,'s0','web')");
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	sqlite3 *db;
	struct stat st;

	(void)state;
	sqlite3_open(path, &db);
	exec_sql(db, "PRAGMA journal_mode=WAL");
	sqlite3_close(db);
	assert_int_equal(stat(wal, &st), -1);
	check_unchanged(path);
	assert_int_equal(stat(wal, &st), -1);
	assert_int_equal(stat(shm, &st), -1);
	unlink(path);
	free(path);
	free(wal);
	free(shm);
}

/* A writer is attached (its -wal holds committed rows not yet in the
 * main file): the reader sees them, and creates nothing new. */
static void
test_wal_with_writer(void **state)
{
	char *path = make_store("walw.db", NULL, "('u1','a1',1,'s0','web')");
	int to_parent[2], to_child[2];
	char c, *before, *after;
	pid_t pid;
	struct map *m = test_map();
	struct store_events *ev;
	char *cause = NULL;
	sqlite3 *db;

	(void)state;
	sqlite3_open(path, &db);
	exec_sql(db, "PRAGMA journal_mode=WAL");
	sqlite3_close(db);
	assert_int_equal(pipe(to_parent), 0);
	assert_int_equal(pipe(to_child), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3_open(path, &db);
		sqlite3_exec(db,
		    "INSERT INTO events VALUES ('u1','b',2,'s0',"
		    "'web')",
		    NULL, NULL, NULL);
		(void)write(to_parent[1], "x", 1);
		(void)read(to_child[0], &c, 1);
		sqlite3_close(db);
		_exit(0);
	}
	assert_int_equal(read(to_parent[0], &c, 1), 1);
	before = dir_listing();
	ev = load(path, m, TIME_UNIT_UNSET, &cause);
	if (ev == NULL)
		fail_msg("%s", cause);
	assert_int_equal(ev->rows_used, 2);
	store_events_destroy(ev);
	after = dir_listing();
	/* the same files (the -shm's bytes are the writer's business) */
	{
		char *a = before, *b = after;
		int na = 0, nb = 0;

		for (; *a; a++)
			na += *a == '\n';
		for (; *b; b++)
			nb += *b == '\n';
		assert_int_equal(na, nb);
	}
	assert_int_equal(write(to_child[1], "x", 1), 1);
	waitpid(pid, NULL, 0);
	close(to_parent[0]);
	close(to_parent[1]);
	close(to_child[0]);
	close(to_child[1]);
	free(before);
	free(after);
	map_destroy(m);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_missing_file_not_created),
	    cmocka_unit_test(test_directory_empty_not_a_db),
	    cmocka_unit_test(test_corrupt),
	    cmocka_unit_test(test_locked_answers_quickly),
	    cmocka_unit_test(test_missing_table_lists_tables),
	    cmocka_unit_test(test_missing_column_lists_columns),
	    cmocka_unit_test(test_wal_leftover_refused),
	    cmocka_unit_test(test_time_formats_and_bad_times),
	    cmocka_unit_test(test_milliseconds_unit),
	    cmocka_unit_test(test_text_numbers),
	    cmocka_unit_test(test_two_readers),
	    cmocka_unit_test(test_config_resolve),
	    cmocka_unit_test(test_unchanged_rollback_store),
	    cmocka_unit_test(test_unchanged_wal_store),
	    cmocka_unit_test(test_wal_with_writer),
	};

	return cmocka_run_group_tests(tests, setup_dir, remove_dir);
}
