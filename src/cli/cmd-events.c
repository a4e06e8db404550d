/*
 * cmd-events.c - `waymark events demo|import|check`: make a synthetic
 * store, load a CSV into a store, and check how well a map's events cover
 * a store.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/storeopt.h"
#include "io/paths.h"
#include "model/map.h"
#include "store/events-demo.h"
#include "store/events-import.h"
#include "store/store.h"
#include "util/xalloc.h"

static int cmd_events_exec(int, char **);

const struct cmd_entry cmd_events_entry = {
    "events",
    "demo DB [--users N] [--seed S] [--map MAP] [--force]\n"
    "       waymark events import DB FILE.csv [--table T] [--skip-bad]\n"
    "                     [--user-col H] [--event-col H] [--time-col H]\n"
    "                     [--segment-col H] [--channel-col H]\n"
    "       waymark events check MAP [--events DB] [column options]",
    "event stores: a demo store, CSV import, coverage check",
    "demo: write a deterministic synthetic store for a map (default the\n"
    "bundled maps/sneakers.yaml)\n"
    "  --users N          simulated users (default 20000)\n"
    "  --seed S           random seed (default 1); same seed, same bytes\n"
    "  --map MAP          the map whose stage and card events to use\n"
    "  --force            replace DB if it exists\n"
    "import: load FILE.csv (RFC 4180, header line) into DB's table in one\n"
    "transaction; on a bad row nothing is imported unless --skip-bad\n"
    "  --table T          table (default events; created if missing)\n"
    "  --user-col H ...   the CSV header naming each column (defaults\n"
    "                     user_id, event, ts, segment, channel)\n"
    "  --skip-bad         import the good rows, report the bad ones\n"
    "check: events in the store no stage or card uses, stage and card\n"
    "events never seen in the store, stages without events\n" STOREOPT_HELP,
    cmd_events_exec,
};

static volatile sig_atomic_t events_interrupted;

static void
events_on_signal(int sig)
{
	(void)sig;
	events_interrupted = 1;
}

static int
events_parse_count(const char *opt, const char *arg, unsigned long long max,
    unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (*arg < '0' || *arg > '9')
		goto bad;
	v = strtoull(arg, &end, 10);
	if (*end != '\0' || v > max)
		goto bad;
	*out = v;
	return 0;
bad:
	cli_usage(&cmd_events_entry,
	    "%s must be a number up to %llu, not "
	    "'%s'",
	    opt, max, arg);
	return -1;
}

static int
events_demo(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"users", required_argument, NULL, 'u'},
	    {"seed", required_argument, NULL, 's'},
	    {"map", required_argument, NULL, 'm'},
	    {"force", no_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct events_demo_options opts = {20000, 1, false};
	struct events_demo_report rep;
	unsigned long long v;
	const char *map_arg = NULL;
	char *map_path, *cause = NULL;
	struct map *m;
	int c, status;

	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'u':
			if (events_parse_count(
			        "--users", optarg, 4000000000ull, &v) != 0)
				return EXIT_USAGE;
			opts.users = v;
			break;
		case 's':
			if (events_parse_count("--seed", optarg, ~0ull, &v) !=
			    0)
				return EXIT_USAGE;
			opts.seed = v;
			break;
		case 'm':
			map_arg = optarg;
			break;
		case 'f':
			opts.force = true;
			break;
		case 'h':
			return cli_help(&cmd_events_entry, stdout);
		case ':':
			return cli_usage(&cmd_events_entry,
			    "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage(&cmd_events_entry,
			    "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage(
		    &cmd_events_entry, "events demo needs one DB path");
	if (map_arg != NULL)
		map_path = xstrdup(map_arg);
	else if ((map_path = paths_find("maps", "sneakers")) == NULL) {
		cli_error("cannot find the example map sneakers.yaml; use "
		          "--map MAP");
		return EXIT_INPUT;
	}
	if ((m = cli_load_valid_map(map_path, 0)) == NULL) {
		free(map_path);
		return EXIT_INPUT;
	}
	if (events_demo_write(argv[optind], m, &opts, &rep, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		status = EXIT_INPUT;
	} else {
		printf("%s: %llu events of %llu users for %s (seed %llu)\n",
		    argv[optind], (unsigned long long)rep.rows,
		    (unsigned long long)rep.users, map_path,
		    (unsigned long long)opts.seed);
		status = 0;
	}
	map_destroy(m);
	free(map_path);
	return status;
}

static void
events_progress(void *arg, uint64_t done, uint64_t total, uint64_t rows)
{
	(void)arg;
	if (total > 0)
		fprintf(stderr, "\rwaymark: importing: %3d%% (%llu rows)",
		    (int)(done * 100 / total), (unsigned long long)rows);
	else
		fprintf(stderr, "\rwaymark: importing: %llu rows",
		    (unsigned long long)rows);
}

static int
events_import(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"table", required_argument, NULL, 't'},
	    {"user-col", required_argument, NULL, 'U'},
	    {"event-col", required_argument, NULL, 'E'},
	    {"time-col", required_argument, NULL, 'T'},
	    {"segment-col", required_argument, NULL, 'S'},
	    {"channel-col", required_argument, NULL, 'C'},
	    {"skip-bad", no_argument, NULL, 'k'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct events_import_options o;
	struct events_import_report rep;
	struct sigaction sa, old_int, old_term;
	char *cause = NULL;
	bool tty = isatty(STDERR_FILENO);
	int c, r;

	memset(&o, 0, sizeof o);
	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			o.table = optarg;
			break;
		case 'U':
			o.user = optarg;
			break;
		case 'E':
			o.name = optarg;
			break;
		case 'T':
			o.time = optarg;
			break;
		case 'S':
			o.segment = optarg;
			break;
		case 'C':
			o.channel = optarg;
			break;
		case 'k':
			o.skip_bad = true;
			break;
		case 'h':
			return cli_help(&cmd_events_entry, stdout);
		case ':':
			return cli_usage(&cmd_events_entry,
			    "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage(&cmd_events_entry,
			    "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage(
		    &cmd_events_entry, "events import needs DB and FILE.csv");
	events_interrupted = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = events_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	o.interrupted = &events_interrupted;
	if (tty) {
		o.progress = events_progress;
		o.progress_arg = NULL;
	}
	r = events_import_csv(argv[optind], argv[optind + 1], &o, &rep, &cause);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (tty)
		fprintf(stderr, "\r\033[K");
	for (size_t i = 0; i < rep.shown; i++)
		cli_error("%s", rep.bad_rows[i]);
	if (rep.bad > rep.shown)
		cli_error("%s: ... and %llu more bad rows", argv[optind + 1],
		    (unsigned long long)(rep.bad - rep.shown));
	if (r != 0) {
		cli_error("%s", cause);
		free(cause);
		events_import_report_free(&rep);
		return EXIT_INPUT;
	}
	printf("%s: imported %llu row%s from %s%s\n", argv[optind],
	    (unsigned long long)rep.rows, rep.rows == 1 ? "" : "s",
	    argv[optind + 1],
	    rep.bad > 0 ? " (bad rows skipped)" : "");
	events_import_report_free(&rep);
	return 0;
}

static bool
events_seen(const struct store_events *ev, const char *name)
{
	for (size_t i = 0; i < ev->name_count; i++)
		if (strcmp(ev->names[i].name, name) == 0)
			return ev->names[i].count > 0;
	return false;
}

static int
events_check(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"help", no_argument, NULL, 'h'},
	    STOREOPT_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	struct store_config over, cfg;
	struct store_events *ev = NULL;
	struct map *m = NULL;
	char *cause = NULL;
	const char *map_path;
	size_t n;
	int c, r, status = EXIT_INPUT;

	memset(&over, 0, sizeof over);
	memset(&cfg, 0, sizeof cfg);
	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			store_config_free(&over);
			return cli_help(&cmd_events_entry, stdout);
		case ':':
			store_config_free(&over);
			return cli_usage(&cmd_events_entry,
			    "option '%s' needs a value", argv[optind - 1]);
		default:
			r = storeopt_parse(c, optarg, &over, &cause);
			if (r == 1)
				break;
			if (r < 0)
				cli_usage(&cmd_events_entry, "%s", cause);
			else
				cli_usage(&cmd_events_entry,
				    "unknown option '%s'", argv[optind - 1]);
			free(cause);
			store_config_free(&over);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		store_config_free(&over);
		return cli_usage(
		    &cmd_events_entry, "events check needs one MAP");
	}
	map_path = argv[optind];
	if ((m = cli_load_valid_map(map_path, 0)) == NULL)
		goto out;
	if (store_config_resolve(&cfg, m, map_path, &over, &cause) != 0 ||
	    (ev = store_load(&cfg, m, STORE_COUNT_NAMES, NULL, &cause)) ==
	        NULL) {
		cli_error("%s", cause);
		free(cause);
		goto out;
	}
	printf("store: %s (%llu rows, %zu event names)\n", cfg.path,
	    (unsigned long long)ev->rows_read, ev->name_count);
	n = 0;
	for (size_t i = 0; i < ev->name_count; i++)
		if (ev->names[i].stage < 0 && !ev->names[i].card)
			n++;
	printf("\nevents in the store that no stage or card uses: %zu\n", n);
	for (size_t i = 0; i < ev->name_count; i++)
		if (ev->names[i].stage < 0 && !ev->names[i].card)
			printf("  %-32s %12llu\n", ev->names[i].name,
			    (unsigned long long)ev->names[i].count);
	printf("\nevents the map uses, as found in the store:\n");
	for (size_t i = 0; i < ev->name_count; i++)
		if (ev->names[i].stage >= 0 || ev->names[i].card)
			printf("  %-32s %12llu  %s%s%s\n", ev->names[i].name,
			    (unsigned long long)ev->names[i].count,
			    ev->names[i].stage >= 0
			        ? m->stages[ev->names[i].stage].id
			        : "",
			    ev->names[i].stage >= 0 && ev->names[i].card ? ", "
			                                                 : "",
			    ev->names[i].card ? "touchpoint" : "");
	printf("\nstage and card events never seen in the store:\n");
	n = 0;
	for (size_t s = 0; s < m->stage_count; s++)
		for (size_t i = 0; i < m->stages[s].events.count; i++)
			if (!events_seen(ev, m->stages[s].events.items[i])) {
				printf("  stage %s: %s\n", m->stages[s].id,
				    m->stages[s].events.items[i]);
				n++;
			}
	for (size_t k = 0; k < m->card_count; k++)
		if (m->cards[k].event != NULL &&
		    !events_seen(ev, m->cards[k].event)) {
			printf("  card %s: %s\n", m->cards[k].id,
			    m->cards[k].event);
			n++;
		}
	if (n == 0)
		printf("  (none)\n");
	printf("\nstages without events:\n");
	n = 0;
	for (size_t s = 0; s < m->stage_count; s++)
		if (m->stages[s].events.count == 0) {
			printf("  %s\n", m->stages[s].id);
			n++;
		}
	if (n == 0)
		printf("  (none)\n");
	for (size_t s = 0; s < m->stage_count; s++)
		for (size_t i = 0; i < m->stages[s].events.count; i++)
			for (size_t t = 0; t < s; t++)
				if (strlist_index(&m->stages[t].events,
				        m->stages[s].events.items[i]) >= 0)
					printf(
					    "note: event %s is listed under "
					    "stages %s and %s; it counts for "
					    "%s\n",
					    m->stages[s].events.items[i],
					    m->stages[t].id, m->stages[s].id,
					    m->stages[t].id);
	if (ev->rows_bad_time > 0)
		printf("\n%llu rows with no usable time were skipped\n",
		    (unsigned long long)ev->rows_bad_time);
	status = 0;
out:
	store_events_destroy(ev);
	store_config_free(&cfg);
	store_config_free(&over);
	map_destroy(m);
	return status;
}

static int
cmd_events_exec(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(
		    &cmd_events_entry, "which? demo, import or check");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cli_help(&cmd_events_entry, stdout);
	if (strcmp(argv[1], "demo") == 0)
		return events_demo(argc - 1, argv + 1);
	if (strcmp(argv[1], "import") == 0)
		return events_import(argc - 1, argv + 1);
	if (strcmp(argv[1], "check") == 0)
		return events_check(argc - 1, argv + 1);
	return cli_usage(&cmd_events_entry,
	    "unknown subcommand '%s' (demo, "
	    "import or check)",
	    argv[1]);
}
