/*
 * cli.c - helpers shared by the subcommands: messages, usage, loading a
 * map and printing what is wrong with it.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "io/mapio.h"
#include "model/validate.h"

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("waymark: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_usage(const struct cmd_entry *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "waymark: %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: waymark %s %s\nTry 'waymark %s --help'.\n",
	    cmd->name, cmd->usage, cmd->name);
	return EXIT_USAGE;
}

int
cli_help(const struct cmd_entry *cmd, FILE *out)
{
	fprintf(out, "usage: waymark %s %s\n\n%s\n", cmd->name, cmd->usage,
	    cmd->summary);
	if (cmd->help != NULL && *cmd->help != '\0')
		fprintf(out, "\n%s", cmd->help);
	return 0;
}

int
cli_flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	cli_error("standard output: %s",
	    errno != 0 ? strerror(errno) : "write error");
	return EXIT_INPUT;
}

void
cli_getopt_reset(void)
{
	optind = 0; /* GNU: 0 re-initialises getopt completely */
	opterr = 0;
}

struct map *
cli_load_valid_map(const char *path, int print_warnings)
{
	struct diaglist diags = {0, 0, NULL};
	struct map *m;
	char *cause = NULL;
	size_t i, errors;

	if ((m = mapio_load_file(path, &cause)) == NULL) {
		cli_error("%s", cause);
		free(cause);
		return NULL;
	}
	errors = validate_map(m, &diags);
	for (i = 0; i < diags.count; i++) {
		struct diag *d = &diags.items[i];

		if (d->severity != DIAG_ERROR && !print_warnings)
			continue;
		if (d->severity == DIAG_NOTE)
			continue;
		if (d->line > 0)
			cli_error("%s:%d:%d: %s: %s", path, d->line, d->col,
			    diag_severity_name(d->severity), d->message);
		else
			cli_error("%s: %s: %s", path,
			    diag_severity_name(d->severity), d->message);
	}
	diaglist_free(&diags);
	if (errors > 0) {
		cli_error("%s: %zu error%s; run 'waymark validate %s'", path,
		    errors, errors == 1 ? "" : "s", path);
		map_destroy(m);
		return NULL;
	}
	return m;
}
