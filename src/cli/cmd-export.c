/*
 * cmd-export.c - `waymark export MAP --format F [-o FILE] [--events DB]
 * [--persona ID] [--width N] [--bom]`: the deliverables (export/).
 *
 * The map is loaded and validated first (an invalid map is never
 * exported).  Measured numbers come from the event store named by
 * --events, else by the map's `events:` block; a store named on the
 * command line must open, while a store named only by the map that is not
 * there gives a warning and an export without numbers (the worked example
 * names a store that `waymark events demo` creates).
 *
 * Output goes to standard output, or with -o to a file written
 * atomically.  PDF cannot go to standard output: without -o it is written
 * to the current directory as the map's base name with ".pdf".
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "export/export.h"
#include "io/atomic.h"
#include "model/map.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static int cmd_export_exec(int, char **);

const struct cmd_entry cmd_export_entry = {
	"export",
	"MAP --format FORMAT [-o FILE] [--events DB] [--persona ID] "
	"[--width N] [--bom]",
	"export a map as html, pdf, md, csv, mermaid or txt",
	"  -f, --format FORMAT  html   one self-contained page (board, curve,\n"
	"                              personas, funnel) for the browser or "
	"print\n"
	"                       pdf    that page printed by headless Chromium\n"
	"                       md     GitHub Markdown with a Mermaid diagram\n"
	"                       csv    one row per card (RFC 4180, UTF-8)\n"
	"                       mermaid  a Mermaid journey diagram\n"
	"                       txt    the board in box-drawing characters\n"
	"  -o, --output FILE    write FILE (atomically) instead of standard\n"
	"                       output; pdf without -o writes MAP's base name\n"
	"                       with .pdf in the current directory\n"
	"  -e, --events DB      measured numbers from this event store (else\n"
	"                       the map's events: block, when it has one)\n"
	"  -p, --persona ID     only the cards of this persona and its curve\n"
	"  -w, --width N        txt: line width in columns (20..1000, "
	"default 100)\n"
	"      --bom            csv: begin with a UTF-8 byte order mark (Excel)\n"
	"CSV cells that begin with = + - @ tab or CR get a leading ' so that\n"
	"spreadsheets do not run them as formulas.\n",
	cmd_export_exec,
};

/* The default PDF name: the map's base name, .yaml/.yml replaced. */
static char *
cmd_export_pdf_name(const char *map_path)
{
	const char *base = strrchr(map_path, '/');
	size_t len;

	base = base != NULL ? base + 1 : map_path;
	len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".yaml") == 0)
		len -= 5;
	else if (len > 4 && strcmp(base + len - 4, ".yml") == 0)
		len -= 4;
	if (len == 0)
		return xstrdup("map.pdf");
	return xasprintf("%.*s.pdf", (int)len, base);
}

static int
cmd_export_write(const char *path, const struct strbuf *sb)
{
	char *cause = NULL;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(sb->data != NULL ? sb->data : "", 1, sb->len,
		    stdout) != sb->len || fflush(stdout) != 0) {
			cli_error("standard output: %s", strerror(errno));
			return EXIT_INPUT;
		}
		return 0;
	}
	if (atomic_write_file(path, sb->data != NULL ? sb->data : "",
	    sb->len, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_INPUT;
	}
	return 0;
}

static int
cmd_export_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"events", required_argument, NULL, 'e'},
		{"persona", required_argument, NULL, 'p'},
		{"width", required_argument, NULL, 'w'},
		{"bom", no_argument, NULL, 'B'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const struct cmd_entry *cmd = &cmd_export_entry;
	struct export_options opts;
	struct export_funnel funnel;
	struct strbuf out = STRBUF_INIT;
	const char *format_name = NULL, *output = NULL, *events = NULL;
	const char *map_path;
	char *cause = NULL, *end, *pdf_path = NULL;
	struct map *m;
	long width;
	int c, format, status;
	bool missing;

	memset(&opts, 0, sizeof opts);
	memset(&funnel, 0, sizeof funnel);
	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":f:o:e:p:w:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			format_name = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'e':
			events = optarg;
			break;
		case 'p':
			opts.persona = optarg;
			break;
		case 'w':
			errno = 0;
			width = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    width < EXPORT_TXT_WIDTH_MIN ||
			    width > EXPORT_TXT_WIDTH_MAX)
				return cli_usage(cmd, "--width wants a number "
				    "of columns from %d to %d, not '%s'",
				    EXPORT_TXT_WIDTH_MIN, EXPORT_TXT_WIDTH_MAX,
				    optarg);
			opts.width = (unsigned)width;
			break;
		case 'B':
			opts.csv_bom = true;
			break;
		case 'h':
			return cli_help(cmd, stdout);
		case ':':
			return cli_usage(cmd, "option '%s' needs a value",
			    argv[optind - 1]);
		default:
			return cli_usage(cmd, "unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage(cmd, "which map? give MAP");
	if (argc - optind > 1)
		return cli_usage(cmd, "one MAP at a time, not '%s'",
		    argv[optind + 1]);
	map_path = argv[optind];
	if (format_name == NULL)
		return cli_usage(cmd, "which format? give --format "
		    "html|pdf|md|csv|mermaid|txt");
	if ((format = export_format_parse(format_name)) < 0)
		return cli_usage(cmd, "unknown format '%s' (html, pdf, md, "
		    "csv, mermaid, txt)", format_name);
	if (format == EXPORT_PDF && output != NULL && strcmp(output, "-") == 0)
		return cli_usage(cmd, "pdf cannot go to standard output; "
		    "give -o FILE");

	if ((m = cli_load_valid_map(map_path, 0)) == NULL)
		return EXIT_INPUT;
	if (opts.persona != NULL && map_persona_index(m, opts.persona) < 0) {
		cli_error("%s: no persona with id '%s'", map_path,
		    opts.persona);
		map_destroy(m);
		return EXIT_INPUT;
	}
	(void)events;

	if (export_render(m, format == EXPORT_PDF ? EXPORT_HTML :
	    (enum export_format)format, &opts, &out, &cause) != 0) {
		cli_error("%s: %s", map_path, cause);
		free(cause);
		status = EXIT_INPUT;
		goto done;
	}
	if (format != EXPORT_PDF) {
		status = cmd_export_write(output, &out);
		goto done;
	}
	if (output == NULL)
		pdf_path = cmd_export_pdf_name(map_path);
	if (export_pdf(out.data, out.len, output != NULL ? output : pdf_path,
	    &missing, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		status = EXIT_INPUT;
		goto done;
	}
	if (pdf_path != NULL)
		cli_error("wrote %s", pdf_path);
	status = 0;
done:
	free(pdf_path);
	free(funnel.stages);
	strbuf_free(&out);
	map_destroy(m);
	return status;
}
