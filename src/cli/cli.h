/*
 * cli.h - the command line: one table entry per subcommand.
 *
 * Each subcommand lives in its own file, cmd-NAME.c, and exports one
 * `const struct cmd_entry cmd_NAME_entry`; main.c lists them in a table
 * and dispatches on argv[1].  A command's exec function gets argc/argv with
 * argv[0] the command's name, parses its options with getopt_long (GNU
 * permutation, so options may follow operands), prints its own --help, and
 * returns the exit status:
 *   0 success; 1 the input is wrong (invalid map, store error);
 *   2 usage error.
 * Messages go to stderr through cli_error/cli_usage, which add "waymark: ".
 */
#ifndef WAYMARK_CLI_H
#define WAYMARK_CLI_H

#include <stdio.h>

#define EXIT_INPUT 1
#define EXIT_USAGE 2

struct cmd_entry {
	const char *name;
	const char *usage;   /* "MAP... [--check]" : after "waymark NAME " */
	const char *summary; /* one line for `waymark --help` */
	/* Full help text printed by `waymark NAME --help` after the usage
	 * line: options, one per line. */
	const char *help;
	int (*exec)(int argc, char **argv);
};

/* Print "waymark: " and the message and a newline to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a usage error ("waymark: NAME: message" and the usage line and
 * "Try 'waymark NAME --help'.") and return EXIT_USAGE. */
int cli_usage(const struct cmd_entry *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print the command's usage and help to `out`; returns 0. */
int cli_help(const struct cmd_entry *cmd, FILE *out);
/* Flush standard output; when that or an earlier write to it failed
 * (a full disk, a closed pipe, /dev/full), say so and return EXIT_INPUT,
 * else 0. */
int cli_flush_stdout(void);
/* Reset getopt so a command can parse its own argv. */
void cli_getopt_reset(void);

/*
 * Load the map at path and validate it.  On errors prints every finding as
 * "PATH:LINE:COL: error: message" and returns NULL; warnings are printed
 * too when print_warnings is set.  Caller frees the map.
 */
struct map;
struct map *cli_load_valid_map(const char *path, int print_warnings);

#endif
