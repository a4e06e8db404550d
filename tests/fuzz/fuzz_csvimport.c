/*
 * fuzz_csvimport.c - libFuzzer target: `waymark events import` end to end
 * (store/events-import.h), then the store reader and the funnel over what
 * was imported (store/store.h).
 *
 * The CSV importer has no entry point over a buffer, so each input is
 * written to a file in a private temporary directory (on /dev/shm when
 * there is one) and imported into a new database beside it.  The first
 * byte chooses the options (skip bad rows or not, segment and channel
 * columns required or not); the rest is the CSV.
 *
 * Checked, beyond no crash, no leak, no hang:
 *   - a small RFC 4180 reader written here counts the records; when it
 *     finds a syntax error (a quote inside an unquoted field, a character
 *     after a closing quote, an unclosed quote) the import must fail;
 *   - a successful import inserted exactly the data records (all of them
 *     without --skip-bad; rows + bad ones with it), and the table holds
 *     that many rows;
 *   - a failed import leaves nothing: the database it created is
 *     removed, with no journal beside it;
 *   - a store with rows loads through store_load for a map whose stages
 *     use the names a, b, c, and its funnel computes.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "model/map.h"
#include "store/events-import.h"
#include "store/funnel.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fz_dir[256], fz_csv[300], fz_db[300];
static struct map *fz_map;

static void
fz_cleanup(void)
{
	unlink(fz_csv);
	unlink(fz_db);
	rmdir(fz_dir);
}

static void
fz_setup(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	struct stage s;

	snprintf(fz_dir, sizeof fz_dir, "%s/wm-fuzz-csv-XXXXXX", base);
	if (mkdtemp(fz_dir) == NULL)
		abort();
	snprintf(fz_csv, sizeof fz_csv, "%s/in.csv", fz_dir);
	snprintf(fz_db, sizeof fz_db, "%s/ev.db", fz_dir);
	atexit(fz_cleanup);
	fz_map = map_create();
	for (int i = 0; i < 3; i++) {
		char id[2] = {(char)('a' + i), '\0'};

		memset(&s, 0, sizeof s);
		s.id = id;
		strlist_append(&s.events, id);
		map_add_stage(fz_map, &s);
		strlist_free(&s.events);
	}
}

/* Records of an RFC 4180 text as events-import reads it (blank lines
 * between records skipped); -1 on a syntax error. */
static long
fz_count_records(const uint8_t *p, size_t n)
{
	size_t i = 0;
	long records = 0;

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	else if (n >= 1 && p[0] == 0xEF)
		return -1; /* a broken byte-order mark */
	for (;;) {
		while (i < n && (p[i] == '\r' || p[i] == '\n'))
			i++;
		if (i >= n)
			return records;
		records++;
		for (;;) { /* one field */
			if (i < n && p[i] == '"') {
				i++;
				for (;;) {
					if (i >= n)
						return -1;
					if (p[i] == '"') {
						if (i + 1 < n && p[i + 1] == '"') {
							i += 2;
							continue;
						}
						i++;
						break;
					}
					i++;
				}
				if (i < n && p[i] != ',' && p[i] != '\n' &&
				    p[i] != '\r')
					return -1;
			} else {
				while (i < n && p[i] != ',' && p[i] != '\n' &&
				    p[i] != '\r') {
					if (p[i] == '"')
						return -1;
					i++;
				}
			}
			if (i < n && p[i] == ',') {
				i++;
				continue;
			}
			break; /* end of record */
		}
	}
}

static bool
fz_dir_has_only_csv(void)
{
	DIR *d = opendir(fz_dir);
	struct dirent *e;
	bool only = true;

	if (d == NULL)
		abort();
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    strcmp(e->d_name, "in.csv") != 0) {
			fprintf(stderr, "left behind: %s\n", e->d_name);
			only = false;
		}
	closedir(d);
	return only;
}

static long long
fz_table_rows(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long rows = -1;

	if (sqlite3_open_v2(fz_db, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM events", -1, &st,
		NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			rows = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return rows;
}

static void
fz_load_store(void)
{
	struct store_config cfg;
	struct store_events *ev;
	struct funnel_params p;
	struct funnel_result res;
	char *cause = NULL;

	memset(&cfg, 0, sizeof cfg);
	cfg.path = fz_db;
	cfg.table = (char *)"events";
	cfg.user = (char *)"user_id";
	cfg.name = (char *)"event";
	cfg.time = (char *)"ts";
	cfg.segment = (char *)"segment";
	cfg.channel = (char *)"channel";
	if ((ev = store_load(&cfg, fz_map, STORE_COUNT_NAMES, NULL, &cause)) ==
	    NULL) {
		if (cause == NULL)
			abort();
		free(cause);
		return;
	}
	memset(&p, 0, sizeof p);
	p.stage_count = ev->stage_count;
	p.window_ms = 7 * 86400 * INT64_C(1000);
	p.since = FUNNEL_TIME_MIN;
	p.until = FUNNEL_TIME_MAX;
	p.by = FUNNEL_BY_PERSONA;
	p.persona = -1;
	p.threads = 1;
	if (funnel_compute(&ev->data, &p, &res, NULL, &cause) != 0)
		abort();
	if (res.stages[0].users > ev->data.user_count)
		abort();
	funnel_result_free(&res);
	store_events_destroy(ev);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct events_import_options o;
	struct events_import_report rep;
	char *cause = NULL;
	long records;
	FILE *f;
	int rc;

	if (fz_map == NULL)
		fz_setup();
	if (size == 0)
		return 0;
	memset(&o, 0, sizeof o);
	o.skip_bad = data[0] & 1;
	if (data[0] & 2)
		o.segment = "segment";
	if (data[0] & 4)
		o.channel = "channel";
	data++;
	size--;
	if ((f = fopen(fz_csv, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	records = fz_count_records(data, size);

	rc = events_import_csv(fz_db, fz_csv, &o, &rep, &cause);
	if (rc != 0) {
		if (cause == NULL)
			abort();
		if (!fz_dir_has_only_csv()) {
			fprintf(stderr, "a failed import left files: %s\n",
			    cause);
			abort();
		}
		free(cause);
	} else {
		long long rows = fz_table_rows();

		if (records < 1) {
			fprintf(stderr, "import accepted what the reference "
			    "reader calls a syntax error\n");
			abort();
		}
		if ((long long)rep.rows != rows ||
		    (!o.skip_bad && (rep.bad != 0 ||
			rep.rows != (uint64_t)records - 1)) ||
		    (o.skip_bad && rep.rows + rep.bad != (uint64_t)records - 1)) {
			fprintf(stderr, "rows %llu bad %llu table %lld records "
			    "%ld skip_bad %d\n", (unsigned long long)rep.rows,
			    (unsigned long long)rep.bad, rows, records,
			    o.skip_bad);
			abort();
		}
		if (rows > 0)
			fz_load_store();
	}
	events_import_report_free(&rep);
	unlink(fz_db);
	return 0;
}
