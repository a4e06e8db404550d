/*
 * cmd-validate.c - `waymark validate MAP...`: check maps against the
 * format and its rules, printing every finding as FILE:LINE:COL: so that
 * editors can jump to it.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "io/mapio.h"
#include "model/map.h"
#include "model/validate.h"

static int cmd_validate_exec(int, char **);

const struct cmd_entry cmd_validate_entry = {
	"validate",
	"[-q] MAP...",
	"check maps; errors as FILE:LINE:COL: message",
	"  -q, --quiet  print only errors and warnings, no notes and no\n"
	"               summary line\n"
	"Exit status 0 when every map is valid (warnings allowed), 1 when\n"
	"any has an error.\n",
	cmd_validate_exec,
};

/* Print the findings of one map; returns its number of errors. */
static size_t
cmd_validate_one(const char *path, int quiet)
{
	struct diaglist diags = {0, 0, NULL};
	struct map *m;
	char *cause = NULL;
	size_t i, errors, warnings;

	if ((m = mapio_load_file(path, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return 1;
	}
	errors = validate_map(m, &diags);
	warnings = diaglist_count(&diags, DIAG_WARNING);
	for (i = 0; i < diags.count; i++) {
		struct diag *d = &diags.items[i];

		if (quiet && d->severity == DIAG_NOTE)
			continue;
		fprintf(stderr, "%s:%d:%d: %s: %s\n", path,
		    d->line > 0 ? d->line : 1, d->col > 0 ? d->col : 1,
		    diag_severity_name(d->severity), d->message);
	}
	if (!quiet && errors == 0)
		printf("%s: valid: %zu stages, %zu lanes, %zu cards, "
		    "%zu personas%s\n", path, m->stage_count, m->lane_count,
		    m->card_count, m->persona_count,
		    warnings > 0 ? " (with warnings)" : "");
	diaglist_free(&diags);
	map_destroy(m);
	return errors;
}

static int
cmd_validate_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c, quiet = 0, status = 0;

	while ((c = getopt_long(argc, argv, ":qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			quiet = 1;
			break;
		case 'h':
			return cli_help(&cmd_validate_entry, stdout);
		default:
			return cli_usage(&cmd_validate_entry,
			    "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind == argc)
		return cli_usage(&cmd_validate_entry, "which maps?");
	for (; optind < argc; optind++)
		if (cmd_validate_one(argv[optind], quiet) > 0)
			status = EXIT_INPUT;
	return status;
}
