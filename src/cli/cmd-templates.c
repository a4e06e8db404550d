/*
 * cmd-templates.c - `waymark templates`: list the templates a new map can
 * start from, with their titles and where they were found.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/mapio.h"
#include "io/paths.h"
#include "model/map.h"
#include "util/utf8.h"

static int cmd_templates_exec(int, char **);

const struct cmd_entry cmd_templates_entry = {
	"templates",
	"[--paths]",
	"list templates",
	"      --paths  show the file of each template\n"
	"Templates are looked up in $WAYMARK_DATADIR/maps,\n"
	"$XDG_CONFIG_HOME/waymark/templates, the build tree's maps/ and the\n"
	"installed share directory, in that order.\n",
	cmd_templates_exec,
};

static int
cmd_templates_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"paths", no_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct pathlist names, where;
	struct map *m;
	char *cause, *title;
	int c, show_paths = 0, status = 0;
	size_t i, widest = 0;

	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			show_paths = 1;
			break;
		case 'h':
			return cli_help(&cmd_templates_entry, stdout);
		default:
			return cli_usage(&cmd_templates_entry,
			    "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage(&cmd_templates_entry, "takes no operands");
	paths_list("maps", &names, &where);
	if (names.count == 0) {
		cli_error("no templates found; set WAYMARK_DATADIR or "
		    "reinstall waymark");
		status = EXIT_INPUT;
	}
	for (i = 0; i < names.count; i++)
		if (strlen(names.items[i]) > widest)
			widest = strlen(names.items[i]);
	for (i = 0; i < names.count; i++) {
		cause = NULL;
		m = mapio_load_file(where.items[i], &cause);
		if (m == NULL) {
			cli_error("%s", cause);
			free(cause);
			status = EXIT_INPUT;
			continue;
		}
		title = utf8_truncate(m->title != NULL ? m->title : "", 60);
		/* pad by display columns, not bytes: titles are UTF-8 */
		printf("%-*s  %s%*s  %zu stages, %zu cards", (int)widest,
		    names.items[i], title, (int)(60 - utf8_width(title)), "",
		    m->stage_count, m->card_count);
		if (show_paths)
			printf("  %s", where.items[i]);
		putchar('\n');
		free(title);
		map_destroy(m);
	}
	paths_free(&names);
	paths_free(&where);
	return status;
}
