/*
 * cmd-fmt.c - `waymark fmt [--check] MAP...`: rewrite maps in canonical
 * form (see waymark-map(5)), or only check that they are.
 *
 * A map that does not load is never rewritten.  Rewriting is atomic and
 * skipped when the bytes would not change, so fmt leaves mtimes alone on
 * files that are already canonical.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/atomic.h"
#include "io/mapio.h"
#include "model/map.h"
#include "util/strbuf.h"

static int cmd_fmt_exec(int, char **);

const struct cmd_entry cmd_fmt_entry = {
	"fmt",
	"[--check] MAP...",
	"rewrite maps in canonical form",
	"  -c, --check  change nothing; list the maps that are not in\n"
	"               canonical form and exit 1 if there are any\n"
	"Comments in a map are not kept when it is rewritten.\n",
	cmd_fmt_exec,
};

/* Read the whole file into sb; -1 on failure (errno says why). */
static int
cmd_fmt_read(const char *path, struct strbuf *sb)
{
	char buf[65536];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(sb, buf, n);
	if (ferror(f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/* 0 canonical (or rewritten), 1 not canonical (--check), -1 error. */
static int
cmd_fmt_one(const char *path, int check)
{
	struct strbuf old = STRBUF_INIT;
	struct map *m;
	char *cause = NULL, *text;
	size_t len;
	int status = 0;

	if ((m = mapio_load_file(path, &cause)) == NULL) {
		cli_error("%s", cause);
		free(cause);
		return -1;
	}
	text = mapio_save_buffer(m, &len);
	map_destroy(m);
	if (cmd_fmt_read(path, &old) != 0) {
		cli_error("%s: cannot read it again: %s", path,
		    strerror(errno));
		status = -1;
	} else if (old.len == len && memcmp(old.data, text, len) == 0) {
		status = 0;
	} else if (check) {
		printf("%s: not in canonical form\n", path);
		status = 1;
	} else if (atomic_write_file(path, text, len, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		status = -1;
	} else
		printf("%s: formatted\n", path);
	strbuf_free(&old);
	free(text);
	return status;
}

static int
cmd_fmt_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"check", no_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c, check = 0, status = 0, r;

	while ((c = getopt_long(argc, argv, ":ch", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			check = 1;
			break;
		case 'h':
			return cli_help(&cmd_fmt_entry, stdout);
		default:
			return cli_usage(&cmd_fmt_entry, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind == argc)
		return cli_usage(&cmd_fmt_entry, "which maps?");
	for (; optind < argc; optind++) {
		r = cmd_fmt_one(argv[optind], check);
		if (r != 0)
			status = EXIT_INPUT;
	}
	return status;
}
