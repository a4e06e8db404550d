/*
 * cmd-new.c - `waymark new MAP [--template NAME] [--title TEXT]`: start a
 * map from a template.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/mapio.h"
#include "io/paths.h"
#include "model/map.h"
#include "util/xalloc.h"

static int cmd_new_exec(int, char **);

const struct cmd_entry cmd_new_entry = {
	"new",
	"MAP [--template NAME] [--title TEXT]",
	"create a map from a template",
	"  -t, --template NAME  template to start from (default: blank);\n"
	"                       'waymark templates' lists them; NAME may\n"
	"                       also be a path to any map file\n"
	"      --title TEXT     the new map's title\n"
	"MAP must not exist yet.\n",
	cmd_new_exec,
};

static int
cmd_new_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"template", required_argument, NULL, 't'},
		{"title", required_argument, NULL, 'T'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *template = "blank", *title = NULL, *path;
	char *template_path, *cause = NULL;
	struct map *m;
	int c;

	while ((c = getopt_long(argc, argv, ":t:h", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			template = optarg;
			break;
		case 'T':
			title = optarg;
			break;
		case 'h':
			return cli_help(&cmd_new_entry, stdout);
		case ':':
			return cli_usage(&cmd_new_entry,
			    "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage(&cmd_new_entry, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage(&cmd_new_entry, argc == optind ?
		    "which map? give the new file's name" :
		    "give exactly one MAP");
	path = argv[optind];
	{
		struct stat st;

		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			cli_error("%s: is a directory; give the new map's file "
			    "name, such as %s%sjourney.yaml", path, path,
			    path[strlen(path) - 1] == '/' ? "" : "/");
			return EXIT_INPUT;
		}
	}
	if (access(path, F_OK) == 0) {
		cli_error("%s: already exists; 'waymark %s' opens it", path,
		    path);
		return EXIT_INPUT;
	}
	if ((template_path = paths_find("maps", template)) == NULL) {
		cli_error("no template '%s'; 'waymark templates' lists them",
		    template);
		return EXIT_INPUT;
	}
	m = cli_load_valid_map(template_path, 0);
	free(template_path);
	if (m == NULL)
		return EXIT_INPUT;
	if (title != NULL) {
		free(m->title);
		m->title = xstrdup(title);
	}
	if (mapio_save_file(m, path, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		map_destroy(m);
		return EXIT_INPUT;
	}
	printf("%s: new map from template '%s' (%zu stages, %zu lanes, "
	    "%zu cards)\n", path, template, m->stage_count, m->lane_count,
	    m->card_count);
	map_destroy(m);
	return 0;
}
