/*
 * cmd-export.c - `waymark export MAP --format F [-o FILE] [--events DB]
 * [--persona ID] [--width N] [--bom] [--lang en|it]`: the deliverables
 * (export/).
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
 *
 * The language of the labels (--lang) defaults to the locale's, as
 * gettext would pick it: LC_ALL, then LC_MESSAGES, then LANG.
 */
#include <errno.h>
#include <math.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/storeopt.h"
#include "export/export.h"
#include "model/map.h"
#include "model/validate.h"
#include "store/funnel.h"
#include "store/store.h"
#include "store/timeparse.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static int cmd_export_exec(int, char **);

const struct cmd_entry cmd_export_entry = {
    "export",
    "MAP --format FORMAT [-o FILE] [--persona ID] [--width N] [--bom]\n"
    "       [--lang en|it] [--window DUR] [--since DATE] [--until DATE]\n"
    "       [store options]",
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
    "  -p, --persona ID     only the cards of this persona and its curve\n"
    "  -w, --width N        txt: line width in columns (20..1000, "
    "default 100)\n"
    "      --bom            csv: begin with a UTF-8 byte order mark (Excel)\n"
    "  -l, --lang LANG      language of the labels and numbers: en or it\n"
    "                       (default from LC_ALL, LC_MESSAGES, LANG: it*\n"
    "                       is Italian, anything else English); csv is\n"
    "                       the same in every language\n"
    "      --window DUR     conversion window of the measured funnel (90s,\n"
    "                       45m, 36h, 7d, 2w; default the map's, else 7d)\n"
    "      --since DATE     count entries at or after DATE (YYYY-MM-DD or\n"
    "                       ISO-8601 time, UTC unless it says otherwise)\n"
    "      --until DATE     count entries before DATE\n"
    "Measured numbers (html, md, txt) come from the event "
    "store:\n" STOREOPT_HELP
    "A store named only by the map that does not exist is skipped with a\n"
    "warning; one named by --events must open.  csv and mermaid have no\n"
    "measured numbers: these options are not used there (a warning).\n"
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

/* The measured funnel's question: window and date range. */
struct cmd_export_range {
	const char *window; /* duration text, or NULL: the map's, else 7d */
	int64_t since, until; /* ms; FUNNEL_TIME_MIN/MAX for no bound */
	char since_text[32], until_text[32];
};

enum {
	CMD_EXPORT_WINDOW = 0x300,
	CMD_EXPORT_SINCE,
	CMD_EXPORT_UNTIL,
};

/*
 * Compute the measured funnel for the export into *f (stages owned by the
 * caller).  Returns 0 with f->stages set, 0 with f->stages NULL when
 * there is no store to use (none named, or the map's store is missing:
 * a warning), or -1 after printing the error.
 */
static int
cmd_export_funnel(const struct map *m, const char *map_path,
    const struct store_config *over, const char *persona,
    struct cmd_export_range *range, struct export_funnel *f)
{
	const char *window_text;
	struct store_config cfg;
	struct store_events *ev = NULL;
	struct funnel_params params;
	struct funnel_result res;
	double *targets = NULL;
	long long window_s = 7 * 86400;
	char *cause = NULL;
	size_t k;
	int status = -1;

	memset(&cfg, 0, sizeof cfg);
	memset(&res, 0, sizeof res);
	if (over->path == NULL && !m->events.present)
		return 0;
	if (m->stage_count == 0)
		return 0;
	if (m->stage_count > FUNNEL_MAX_STAGES) {
		cli_error("warning: %s: more than %d stages; exporting without "
		          "measured numbers",
		    map_path, FUNNEL_MAX_STAGES);
		return 0;
	}
	if (store_config_resolve(&cfg, m, map_path, over, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return -1;
	}
	if (over->path == NULL && access(cfg.path, F_OK) != 0) {
		cli_error("warning: %s: no event store there (the map's "
		          "events.store); exporting without measured numbers",
		    cfg.path);
		store_config_free(&cfg);
		return 0;
	}
	window_text = range->window != NULL ? range->window : cfg.window;
	if (window_text != NULL &&
	    validate_parse_duration(window_text, &window_s, &cause) != 0) {
		if (range->window != NULL)
			cli_error("--window: %s", cause);
		else
			cli_error("%s: events.window: %s", map_path, cause);
		free(cause);
		goto out;
	}
	if ((ev = store_load(&cfg, m, 0, NULL, &cause)) == NULL) {
		cli_error("%s", cause);
		free(cause);
		goto out;
	}
	targets = xcalloc(m->stage_count, sizeof *targets);
	for (k = 0; k < m->stage_count; k++)
		targets[k] =
		    m->stages[k].has_target ? m->stages[k].target : NAN;
	memset(&params, 0, sizeof params);
	params.stage_count = (int)m->stage_count;
	params.window_ms = (int64_t)window_s * 1000;
	params.since = range->since;
	params.until = range->until;
	params.by = FUNNEL_BY_NONE;
	params.persona =
	    persona != NULL ? (int)map_persona_index(m, persona) : -1;
	params.targets = targets;
	if (funnel_compute(&ev->data, &params, &res, NULL, &cause) != 0) {
		cli_error("%s: %s", map_path, cause);
		free(cause);
		goto out;
	}
	f->stage_count = m->stage_count;
	f->stages = xcalloc(m->stage_count, sizeof *f->stages);
	for (k = 0; k < m->stage_count && k < (size_t)res.stage_count; k++) {
		f->stages[k].users = (long long)res.stages[k].users;
		f->stages[k].drop_off = (long long)res.stages[k].drop_off;
		f->stages[k].conversion_step =
		    k == 0 ? 1.0 : res.stages[k].conversion_step;
		f->stages[k].conversion_total = res.stages[k].conversion_total;
		f->stages[k].has_median = isfinite(res.stages[k].median_ms);
		f->stages[k].median_seconds = res.stages[k].median_ms / 1000.0;
	}
	/* Touchpoint counts are for everyone, so only without a persona. */
	if (persona == NULL && ev->tag_count > 0 && m->card_count > 0) {
		uint64_t *tp_users = xcalloc(ev->tag_count, sizeof *tp_users);
		uint64_t *tp_events = xcalloc(ev->tag_count, sizeof *tp_events);
		long long *card_users =
		    xcalloc(m->card_count, sizeof *card_users);
		int tag;

		store_touchpoints(
		    ev, FUNNEL_TIME_MIN, FUNNEL_TIME_MAX, tp_users, tp_events);
		for (k = 0; k < m->card_count; k++) {
			tag = store_tag_of(ev, m->cards[k].event);
			card_users[k] =
			    tag >= 0 ? (long long)tp_users[tag] : -1;
		}
		f->card_users = card_users;
		free(tp_events);
		free(tp_users);
	}
	f->window_seconds = window_s;
	if (range->since != FUNNEL_TIME_MIN)
		f->since = timeparse_format(
		    range->since, range->since_text, sizeof range->since_text);
	if (range->until != FUNNEL_TIME_MAX)
		f->until = timeparse_format(
		    range->until, range->until_text, sizeof range->until_text);
	f->incomplete = (long long)res.incomplete;
	f->segment = persona != NULL ? export_persona_name(m, persona) : NULL;
	if (ev->rows_bad_time > 0)
		cli_error("warning: %s: %llu rows with no usable time were "
		          "skipped",
		    cfg.path, (unsigned long long)ev->rows_bad_time);
	funnel_result_free(&res);
	status = 0;
out:
	free(targets);
	if (ev != NULL)
		store_events_destroy(ev);
	store_config_free(&cfg);
	return status;
}

static int
cmd_export_write(const struct strbuf *sb)
{
	if (fwrite(strbuf_str(sb), 1, sb->len, stdout) != sb->len ||
	    fflush(stdout) != 0) {
		cli_error("standard output: %s", strerror(errno));
		return EXIT_INPUT;
	}
	return 0;
}

/* The long name of the option getopt returned as c. */
static const char *
cmd_export_option_name(const struct option *longopts, int c)
{
	for (; longopts->name != NULL; longopts++)
		if (longopts->val == c)
			return longopts->name;
	return "?";
}

/* The command; store options collect in *over, which the caller frees
 * whichever way this returns. */
static int
cmd_export_run(int argc, char **argv, struct store_config *over)
{
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    STOREOPT_LONGOPTS,
	    {"persona", required_argument, NULL, 'p'},
	    {"width", required_argument, NULL, 'w'},
	    {"bom", no_argument, NULL, 'B'},
	    {"lang", required_argument, NULL, 'l'},
	    {"window", required_argument, NULL, CMD_EXPORT_WINDOW},
	    {"since", required_argument, NULL, CMD_EXPORT_SINCE},
	    {"until", required_argument, NULL, CMD_EXPORT_UNTIL},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const struct cmd_entry *cmd = &cmd_export_entry;
	struct export_options opts;
	struct export_funnel funnel;
	struct cmd_export_range range;
	struct strbuf out = STRBUF_INIT;
	const char *format_name = NULL, *output = NULL;
	const char *map_path;
	char *cause = NULL, *end, *pdf_path = NULL;
	struct map *m;
	long width;
	int c, format, status, r, lang;
	const char *measured_opt = NULL; /* an option about measured numbers */

	memset(&opts, 0, sizeof opts);
	opts.lang = labels_lang_from_env();
	memset(&funnel, 0, sizeof funnel);
	memset(&range, 0, sizeof range);
	range.since = FUNNEL_TIME_MIN;
	range.until = FUNNEL_TIME_MAX;
	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":f:o:p:w:l:h", longopts, NULL)) !=
	    -1) {
		if ((r = storeopt_parse(c, optarg, over, &cause)) != 0) {
			if (r < 0) {
				status = cli_usage(cmd, "%s", cause);
				free(cause);
				return status;
			}
			measured_opt = cmd_export_option_name(longopts, c);
			continue;
		}
		if (c == CMD_EXPORT_WINDOW || c == CMD_EXPORT_SINCE ||
		    c == CMD_EXPORT_UNTIL)
			measured_opt = cmd_export_option_name(longopts, c);
		switch (c) {
		case 'f':
			format_name = optarg;
			break;
		case 'o':
			output = optarg;
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
				return cli_usage(cmd,
				    "--width wants a number "
				    "of columns from %d to %d, not '%s'",
				    EXPORT_TXT_WIDTH_MIN, EXPORT_TXT_WIDTH_MAX,
				    optarg);
			opts.width = (unsigned)width;
			break;
		case 'B':
			opts.csv_bom = true;
			break;
		case 'l':
			if ((lang = labels_lang_parse(optarg)) < 0)
				return cli_usage(cmd,
				    "unknown language '%s' for --lang "
				    "(" LABELS_LANG_CHOICES ")",
				    optarg);
			opts.lang = (enum export_lang)lang;
			break;
		case CMD_EXPORT_WINDOW:
			range.window = optarg;
			break;
		case CMD_EXPORT_SINCE:
		case CMD_EXPORT_UNTIL:
			if (timeparse_iso(optarg, strlen(optarg),
			        c == CMD_EXPORT_SINCE ? &range.since
			                              : &range.until,
			        &cause) != 0) {
				status = cli_usage(cmd, "%s: %s",
				    c == CMD_EXPORT_SINCE ? "--since"
				                          : "--until",
				    cause);
				free(cause);
				return status;
			}
			break;
		case 'h':
			return cli_help(cmd, stdout);
		case ':':
			return cli_usage(
			    cmd, "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage(
			    cmd, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage(cmd, "which map? give MAP");
	if (argc - optind > 1)
		return cli_usage(
		    cmd, "one MAP at a time, not '%s'", argv[optind + 1]);
	map_path = argv[optind];
	if (format_name == NULL)
		return cli_usage(cmd,
		    "which format? give --format "
		    "html|pdf|md|csv|mermaid|txt");
	if ((format = export_format_parse(format_name)) < 0)
		return cli_usage(cmd,
		    "unknown format '%s' (html, pdf, md, "
		    "csv, mermaid, txt)",
		    format_name);
	if (range.until <= range.since)
		return cli_usage(cmd, "--until must be after --since");
	if (measured_opt != NULL &&
	    (format == EXPORT_CSV || format == EXPORT_MERMAID))
		cli_error("warning: --format %s has no measured numbers; --%s "
		    "and the other event-store options are not used",
		    format_name, measured_opt);
	if (range.window != NULL) {
		long long window_s;

		if (validate_parse_duration(range.window, &window_s, &cause) !=
		    0) {
			status = cli_usage(cmd, "--window: %s", cause);
			free(cause);
			return status;
		}
	}
	if (format == EXPORT_PDF && output != NULL && strcmp(output, "-") == 0)
		return cli_usage(cmd,
		    "pdf cannot go to standard output; "
		    "give -o FILE");

	if ((m = cli_load_valid_map(map_path, 0)) == NULL)
		return EXIT_INPUT;
	if (opts.persona != NULL && map_persona_index(m, opts.persona) < 0) {
		struct strbuf ids = STRBUF_INIT;
		size_t k;

		for (k = 0; k < m->persona_count; k++)
			strbuf_printf(
			    &ids, "%s%s", k > 0 ? ", " : "", m->personas[k].id);
		status = cli_usage(cmd,
		    "no persona '%s' in %s; the personas "
		    "are: %s",
		    opts.persona, map_path,
		    ids.len > 0 ? strbuf_str(&ids) : "(none)");
		strbuf_free(&ids);
		map_destroy(m);
		return status;
	}
	if (format != EXPORT_CSV && format != EXPORT_MERMAID &&
	    cmd_export_funnel(
	        m, map_path, over, opts.persona, &range, &funnel) != 0) {
		status = EXIT_INPUT;
		goto done;
	}
	if (funnel.stages != NULL)
		opts.funnel = &funnel;

	if (format != EXPORT_PDF &&
	    (output == NULL || strcmp(output, "-") == 0)) {
		if (export_render(m, (enum export_format)format, &opts, &out,
		        &cause) != 0) {
			cli_error("%s: %s", map_path, cause);
			free(cause);
			status = EXIT_INPUT;
			goto done;
		}
		status = cmd_export_write(&out);
		goto done;
	}
	if (output == NULL)
		output = pdf_path = cmd_export_pdf_name(map_path);
	if (export_write_file(m, (enum export_format)format, &opts, output,
	        NULL, &cause) != 0) {
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
	free((long long *)funnel.card_users);
	strbuf_free(&out);
	map_destroy(m);
	return status;
}

static int
cmd_export_exec(int argc, char **argv)
{
	struct store_config over;
	int status;

	memset(&over, 0, sizeof over);
	status = cmd_export_run(argc, argv, &over);
	store_config_free(&over);
	return status;
}
