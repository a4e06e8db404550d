/*
 * main.c - waymark's entry point: dispatch to a subcommand, or open the
 * board.
 *
 * `waymark NAME ...` runs the subcommand NAME from the table below (one
 * cmd-NAME.c file each); anything else is `waymark [--theme NAME]
 * [--read-only] [--overlay] [MAP]`, which opens the board.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tui/tui.h"
#include "util/utf8.h"

extern const struct cmd_entry cmd_new_entry;
extern const struct cmd_entry cmd_templates_entry;
extern const struct cmd_entry cmd_validate_entry;
extern const struct cmd_entry cmd_fmt_entry;
extern const struct cmd_entry cmd_funnel_entry;
extern const struct cmd_entry cmd_events_entry;
extern const struct cmd_entry cmd_export_entry;

static const struct cmd_entry *const cmd_table[] = {
	&cmd_new_entry,
	&cmd_templates_entry,
	&cmd_validate_entry,
	&cmd_fmt_entry,
	&cmd_funnel_entry,
	&cmd_events_entry,
	&cmd_export_entry,
	NULL
};

static void
main_usage(FILE *out)
{
	size_t i;

	fprintf(out,
	    "usage: waymark [--theme NAME] [--read-only] [--overlay] [MAP]\n"
	    "       waymark COMMAND [ARGS...]\n\n"
	    "Customer-journey maps for workshops: personas, stages, "
	    "touchpoints and\nowning departments on a board, saved as YAML, "
	    "with measured drop-off\nfrom an event store.\n\n"
	    "Without a command, open MAP on the board (a new map if it does "
	    "not exist).\n"
	    "  --theme NAME   colour theme (default, light, projector, "
	    "colorblind, mono)\n"
	    "  --read-only    present the map; nothing can be changed\n"
	    "  --overlay      show the measured numbers at once (as the o key)\n"
	    "  --help, --version\n\nCommands:\n");
	for (i = 0; cmd_table[i] != NULL; i++)
		fprintf(out, "  %-10s %s\n", cmd_table[i]->name,
		    cmd_table[i]->summary);
	fprintf(out, "\n'waymark COMMAND --help' for a command's options; "
	    "man waymark for all.\n");
}


/* A name the user plausibly meant as a new map file, not a mistyped
 * command. */
static int
main_looks_like_map(const char *path)
{
	size_t len = strlen(path);

	return (len > 5 && strcmp(path + len - 5, ".yaml") == 0) ||
	    (len > 4 && strcmp(path + len - 4, ".yml") == 0);
}

static int
main_board(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"theme", required_argument, NULL, 't'},
		{"read-only", no_argument, NULL, 'r'},
		{"overlay", no_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *theme = NULL, *path = NULL;
	int read_only = 0, overlay = 0, c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			theme = optarg;
			break;
		case 'r':
			read_only = 1;
			break;
		case 'o':
			overlay = 1;
			break;
		case 'h':
			main_usage(stdout);
			return cli_flush_stdout();
		case 'V':
			printf("waymark %s\n", WAYMARK_VERSION);
			return cli_flush_stdout();
		case ':':
			cli_error("option '%s' needs a value", argv[optind - 1]);
			fprintf(stderr, "Try 'waymark --help'.\n");
			return EXIT_USAGE;
		default:
			cli_error("unknown option '%s'", argv[optind - 1]);
			fprintf(stderr, "Try 'waymark --help'.\n");
			return EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		cli_error("'%s' is not a command; to open a map give one MAP",
		    argv[optind]);
		fprintf(stderr, "Try 'waymark --help'.\n");
		return EXIT_USAGE;
	}
	if (optind < argc) {
		path = argv[optind];
		if (access(path, F_OK) != 0 && !main_looks_like_map(path)) {
			cli_error("%s: no such map, and not a command; a new "
			    "map's name ends in .yaml", path);
			fprintf(stderr, "Try 'waymark --help'.\n");
			return EXIT_USAGE;
		}
	}
	{
		struct tui_options opts;

		memset(&opts, 0, sizeof opts);
		opts.theme = theme;
		opts.read_only = read_only;
		opts.overlay = overlay;
		return tui_run(path, &opts);
	}
}

int
main(int argc, char **argv)
{
	size_t i;
	int status;

	utf8_init();
	if (argc >= 2) {
		for (i = 0; cmd_table[i] != NULL; i++) {
			if (strcmp(argv[1], cmd_table[i]->name) != 0)
				continue;
			cli_getopt_reset();
			status = cmd_table[i]->exec(argc - 1, argv + 1);
			/* What went to standard output must have arrived
			 * (validate > /dev/full is not a success). */
			return status == 0 ? cli_flush_stdout() : status;
		}
		if (strcmp(argv[1], "help") == 0) {
			main_usage(stdout);
			return cli_flush_stdout();
		}
	}
	return main_board(argc, argv);
}
