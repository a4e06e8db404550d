/*
 * cmd-funnel.c - `waymark funnel MAP`: the measured funnel of a map's
 * stages over its event store, as a table with bars, JSON or CSV, and the
 * list of users who dropped off before a stage.
 *
 * The work is in store/ (reading) and store/funnel.c (counting); this
 * file parses options, turns them into funnel parameters and formats the
 * result.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/storeopt.h"
#include "model/map.h"
#include "model/validate.h"
#include "store/funnel.h"
#include "store/store.h"
#include "store/timeparse.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static int cmd_funnel_exec(int, char **);

const struct cmd_entry cmd_funnel_entry = {
    "funnel",
    "MAP [--events DB] [--by persona|channel] [--since DATE] "
    "[--until DATE] [--window DUR] [--format table|json|csv] "
    "[--persona ID] [--dropped STAGE]",
    "measured funnel of the map's stages from its event store",
    "  --by persona|channel  break every stage down by the persona\n"
    "                     (segment) or channel of each user's entry\n"
    "  --since DATE       count entries at or after DATE (YYYY-MM-DD, UTC,\n"
    "                     or an ISO-8601 time)\n"
    "  --until DATE       count entries before DATE\n"
    "  --window DUR       conversion window (90s, 45m, 36h, 7d, 2w;\n"
    "                     default: the map's events.window, else 7d)\n"
    "  --persona ID       only users who entered as this persona\n"
    "  --format FMT       table (default, with bars), json or csv\n"
    "  --dropped STAGE    list, as CSV, the users who reached the stage\n"
    "                     before STAGE and not STAGE\n" STOREOPT_HELP
    "Exit status 0 on success, 1 when the map or the store is wrong,\n"
    "2 on a usage error.\n",
    cmd_funnel_exec,
};

enum funnel_format { FORMAT_TABLE, FORMAT_JSON, FORMAT_CSV };

struct funnel_run {
	const char *map_path;
	const struct map *m;
	const struct store_config *cfg;
	const struct store_events *ev;
	const struct funnel_result *res;
	const char *window_text;
	const char *persona; /* the --persona filter, or NULL */
};

/* "1,234,567" */
static const char *
fmt_count(uint64_t v, char *buf, size_t size)
{
	char digits[32];
	size_t n, o = 0;

	n = (size_t)snprintf(
	    digits, sizeof digits, "%llu", (unsigned long long)v);
	for (size_t i = 0; i < n && o + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* A human duration: "45s", "12m 30s", "5h 02m", "3d 04h". */
static const char *
fmt_duration(double ms, char *buf, size_t size)
{
	long long s;

	if (isnan(ms)) {
		snprintf(buf, size, "-");
		return buf;
	}
	s = (long long)llround(ms / 1000.0);
	if (s < 60)
		snprintf(buf, size, "%llds", s);
	else if (s < 3600)
		snprintf(buf, size, "%lldm %02llds", s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, size, "%lldh %02lldm", s / 3600, s / 60 % 60);
	else
		snprintf(buf, size, "%lldd %02lldh", s / 86400, s / 3600 % 24);
	return buf;
}

static const char *
fmt_percent(double v, char *buf, size_t size)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.1f%%", v * 100.0);
	return buf;
}

/* A JSON number, or null for NaN; up to `decimals` decimals, trailing
 * zeros dropped. */
static void
json_number(struct strbuf *sb, double v, int decimals)
{
	char buf[64];
	size_t n;

	if (isnan(v) || isinf(v)) {
		strbuf_adds(sb, "null");
		return;
	}
	n = (size_t)snprintf(buf, sizeof buf, "%.*f", decimals, v);
	if (strchr(buf, '.') != NULL) {
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (n > 0 && buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	strbuf_adds(sb, buf);
}

static void
json_string(struct strbuf *sb, const char *s)
{
	if (s == NULL) {
		strbuf_adds(sb, "null");
		return;
	}
	strbuf_addc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			strbuf_addc(sb, '\\');
			strbuf_addc(sb, (char)*p);
		} else if (*p == '\n')
			strbuf_adds(sb, "\\n");
		else if (*p == '\t')
			strbuf_adds(sb, "\\t");
		else if (*p == '\r')
			strbuf_adds(sb, "\\r");
		else if (*p < 0x20)
			strbuf_printf(sb, "\\u%04x", *p);
		else
			strbuf_addc(sb, (char)*p);
	}
	strbuf_addc(sb, '"');
}

static void
json_time(struct strbuf *sb, int64_t ms, int64_t none)
{
	char buf[40];

	if (ms == none)
		strbuf_adds(sb, "null");
	else
		json_string(sb, timeparse_format(ms, buf, sizeof buf));
}

static void
json_stages(struct strbuf *sb, const struct map *m,
    const struct funnel_stage_result *st, int S, const char *indent)
{
	strbuf_adds(sb, "[");
	for (int k = 0; k < S; k++) {
		const struct funnel_stage_result *r = &st[k];

		strbuf_printf(sb, "%s\n%s  {\"id\": ", k ? "," : "", indent);
		json_string(sb, m->stages[k].id);
		strbuf_adds(sb, ", \"name\": ");
		json_string(sb,
		    m->stages[k].name ? m->stages[k].name : m->stages[k].id);
		strbuf_printf(sb, ", \"users\": %llu, \"drop_off\": %llu",
		    (unsigned long long)r->users,
		    (unsigned long long)r->drop_off);
		strbuf_adds(sb, ", \"conversion_step\": ");
		json_number(sb, r->conversion_step, 6);
		strbuf_adds(sb, ", \"conversion_total\": ");
		json_number(sb, r->conversion_total, 6);
		strbuf_adds(sb, ", \"target\": ");
		json_number(sb, r->target, 6);
		strbuf_adds(sb, ", \"gap\": ");
		json_number(sb, r->gap, 6);
		strbuf_adds(sb, ", \"median_seconds\": ");
		json_number(sb, r->median_ms / 1000.0, 3);
		strbuf_printf(sb, ", \"incomplete\": %llu}",
		    (unsigned long long)r->incomplete);
	}
	strbuf_printf(sb, "\n%s]", indent);
}

static const char *
group_key(const struct funnel_run *run, int key)
{
	if (key < 0)
		return "other";
	if (run->res->by == FUNNEL_BY_PERSONA)
		return run->m->personas[key].id;
	return run->m->channels[key].id;
}

static const char *
group_name(const struct funnel_run *run, int key)
{
	const char *name;

	if (key < 0)
		return "matching no persona or channel of the map";
	if (run->res->by == FUNNEL_BY_PERSONA)
		name = run->m->personas[key].name;
	else
		name = run->m->channels[key].name;
	return name != NULL ? name : group_key(run, key);
}

static void
print_json(const struct funnel_run *run)
{
	const struct funnel_result *res = run->res;
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "{\n  \"map\": ");
	json_string(&sb, run->map_path);
	strbuf_adds(&sb, ",\n  \"store\": ");
	json_string(&sb, run->cfg->path);
	strbuf_printf(&sb, ",\n  \"window_seconds\": %lld",
	    (long long)(res->window_ms / 1000));
	strbuf_adds(&sb, ",\n  \"since\": ");
	json_time(&sb, res->since, FUNNEL_TIME_MIN);
	strbuf_adds(&sb, ",\n  \"until\": ");
	json_time(&sb, res->until, FUNNEL_TIME_MAX);
	strbuf_adds(&sb, ",\n  \"persona\": ");
	json_string(&sb, run->persona);
	strbuf_adds(&sb, ",\n  \"latest_event\": ");
	json_time(&sb, res->max_time, FUNNEL_TIME_MIN);
	strbuf_printf(&sb,
	    ",\n  \"rows_read\": %llu,\n  \"rows_used\": %llu,\n"
	    "  \"skipped_rows\": %llu,\n  \"incomplete\": %llu",
	    (unsigned long long)run->ev->rows_read,
	    (unsigned long long)run->ev->rows_used,
	    (unsigned long long)run->ev->rows_bad_time,
	    (unsigned long long)res->incomplete);
	strbuf_adds(&sb, ",\n  \"stages\": ");
	json_stages(&sb, run->m, res->stages, res->stage_count, "  ");
	if (res->by != FUNNEL_BY_NONE) {
		strbuf_printf(&sb,
		    ",\n  \"breakdown\": {\"by\": \"%s\", "
		    "\"groups\": [",
		    res->by == FUNNEL_BY_PERSONA ? "persona" : "channel");
		for (size_t g = 0; g < res->group_count; g++) {
			const struct funnel_group *grp = &res->groups[g];

			strbuf_printf(&sb, "%s\n    {\"key\": ", g ? "," : "");
			json_string(&sb, group_key(run, grp->key));
			strbuf_printf(&sb,
			    ", \"incomplete\": %llu, "
			    "\"stages\": ",
			    (unsigned long long)grp->incomplete);
			json_stages(
			    &sb, run->m, grp->stages, res->stage_count, "    ");
			strbuf_adds(&sb, "}");
		}
		strbuf_adds(&sb, "\n  ]}");
	}
	strbuf_adds(&sb, "\n}\n");
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
}

static void
csv_field(struct strbuf *sb, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		strbuf_adds(sb, s);
		return;
	}
	strbuf_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addc(sb, '"');
		strbuf_addc(sb, *s);
	}
	strbuf_addc(sb, '"');
}

static void
csv_stages(struct strbuf *sb, const struct funnel_run *run, const char *key,
    const struct funnel_stage_result *st)
{
	for (int k = 0; k < run->res->stage_count; k++) {
		const struct funnel_stage_result *r = &st[k];

		if (key != NULL) {
			csv_field(sb, key);
			strbuf_addc(sb, ',');
		}
		csv_field(sb, run->m->stages[k].id);
		strbuf_addc(sb, ',');
		csv_field(
		    sb, run->m->stages[k].name ? run->m->stages[k].name : "");
		strbuf_printf(sb, ",%llu,%llu,", (unsigned long long)r->users,
		    (unsigned long long)r->drop_off);
		if (!isnan(r->conversion_step))
			json_number(sb, r->conversion_step, 6);
		strbuf_addc(sb, ',');
		if (!isnan(r->conversion_total))
			json_number(sb, r->conversion_total, 6);
		strbuf_addc(sb, ',');
		if (!isnan(r->target))
			json_number(sb, r->target, 6);
		strbuf_addc(sb, ',');
		if (!isnan(r->gap))
			json_number(sb, r->gap, 6);
		strbuf_addc(sb, ',');
		if (!isnan(r->median_ms))
			json_number(sb, r->median_ms / 1000.0, 3);
		strbuf_printf(sb, ",%llu\n", (unsigned long long)r->incomplete);
	}
}

static void
print_csv(const struct funnel_run *run)
{
	const struct funnel_result *res = run->res;
	struct strbuf sb = STRBUF_INIT;
	bool by = res->by != FUNNEL_BY_NONE;

	if (by)
		strbuf_adds(&sb,
		    res->by == FUNNEL_BY_PERSONA ? "persona," : "channel,");
	strbuf_adds(&sb,
	    "stage,name,users,drop_off,conversion_step,"
	    "conversion_total,target,gap,median_seconds,"
	    "incomplete\n");
	csv_stages(&sb, run, by ? "" : NULL, res->stages);
	for (size_t g = 0; g < res->group_count; g++)
		csv_stages(&sb, run, group_key(run, res->groups[g].key),
		    res->groups[g].stages);
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
}

/* Column of names: the widest stage name, within bounds. */
static size_t
table_name_width(const struct map *m)
{
	size_t w = 5;

	for (size_t k = 0; k < m->stage_count; k++) {
		const char *n =
		    m->stages[k].name ? m->stages[k].name : m->stages[k].id;
		size_t nw = utf8_width(n);

		if (nw > w)
			w = nw;
	}
	return w > 24 ? 24 : w;
}

static void
pad_to(struct strbuf *sb, const char *text, size_t width, bool right)
{
	char *cut = utf8_truncate(text, width);
	size_t w = utf8_width(cut);

	if (right)
		strbuf_addn(sb, ' ', width - w);
	strbuf_adds(sb, cut);
	if (!right)
		strbuf_addn(sb, ' ', width - w);
	free(cut);
}

static void
table_stages(struct strbuf *sb, const struct funnel_run *run,
    const struct funnel_stage_result *st, bool utf8)
{
	const struct map *m = run->m;
	size_t nw = table_name_width(m);
	const int bar_width = 24;
	char a[64];

	pad_to(sb, "stage", nw, false);
	strbuf_adds(sb,
	    "      users     step    total   target     gap  "
	    "median    dropped\n");
	for (int k = 0; k < run->res->stage_count; k++) {
		const struct funnel_stage_result *r = &st[k];
		double share =
		    st[0].users ? (double)r->users / (double)st[0].users : 0;
		int bar = (int)llround(share * bar_width);

		pad_to(sb,
		    m->stages[k].name ? m->stages[k].name : m->stages[k].id, nw,
		    false);
		strbuf_printf(sb, " %10s", fmt_count(r->users, a, sizeof a));
		strbuf_printf(
		    sb, " %8s", fmt_percent(r->conversion_step, a, sizeof a));
		strbuf_printf(
		    sb, " %8s", fmt_percent(r->conversion_total, a, sizeof a));
		strbuf_printf(sb, " %8s", fmt_percent(r->target, a, sizeof a));
		if (isnan(r->gap))
			strbuf_printf(sb, " %7s", "-");
		else
			strbuf_printf(sb, " %+7.1f", r->gap * 100.0);
		strbuf_printf(
		    sb, " %7s", fmt_duration(r->median_ms, a, sizeof a));
		strbuf_printf(sb, " %10s  ",
		    k == 0 ? "-" : fmt_count(r->drop_off, a, sizeof a));
		for (int i = 0; i < bar; i++)
			strbuf_adds(sb, utf8 ? "\u2588" : "#");
		if (bar == 0 && r->users > 0)
			strbuf_adds(sb, utf8 ? "\u258f" : "|");
		if (!isnan(r->gap))
			strbuf_adds(
			    sb, r->gap >= 0 ? "  on target" : "  below target");
		strbuf_addc(sb, '\n');
	}
}

static void
print_table(const struct funnel_run *run)
{
	const struct funnel_result *res = run->res;
	struct strbuf sb = STRBUF_INIT;
	bool utf8 = utf8_init();
	char a[64], b[64];

	strbuf_printf(
	    &sb, "%s\n", run->m->title ? run->m->title : run->map_path);
	strbuf_printf(&sb, "events: %s, %s rows used of %s; window %s",
	    run->cfg->path, fmt_count(run->ev->rows_used, a, sizeof a),
	    fmt_count(run->ev->rows_read, b, sizeof b), run->window_text);
	if (res->since != FUNNEL_TIME_MIN)
		strbuf_printf(&sb, "; entries from %s",
		    timeparse_format(res->since, a, sizeof a));
	if (res->until != FUNNEL_TIME_MAX)
		strbuf_printf(&sb, "; entries before %s",
		    timeparse_format(res->until, a, sizeof a));
	if (run->persona != NULL)
		strbuf_printf(&sb, "; persona %s only", run->persona);
	strbuf_adds(&sb, "\n\n");
	table_stages(&sb, run, res->stages, utf8);
	for (size_t g = 0; g < res->group_count; g++) {
		const struct funnel_group *grp = &res->groups[g];

		strbuf_printf(&sb, "\n%s %s (%s)\n",
		    res->by == FUNNEL_BY_PERSONA ? "persona" : "channel",
		    group_key(run, grp->key), group_name(run, grp->key));
		table_stages(&sb, run, grp->stages, utf8);
	}
	if (res->stages[0].users == 0) {
		const struct strlist *first = &run->m->stages[0].events;

		strbuf_adds(
		    &sb, "\nNobody entered: no event of the first stage (");
		for (size_t i = 0; i < first->count; i++)
			strbuf_printf(
			    &sb, "%s%s", i ? ", " : "", first->items[i]);
		strbuf_printf(&sb,
		    "%s) %s.  'waymark events check %s' shows which events "
		    "the store has.\n",
		    first->count == 0 ? "none listed" : "",
		    res->since != FUNNEL_TIME_MIN ||
		            res->until != FUNNEL_TIME_MAX
		        ? "in the date range"
		        : "in the store",
		    run->map_path);
	}
	if (res->incomplete > 0)
		strbuf_printf(&sb,
		    "\n%s user%s stopped within a window that is still open "
		    "(the latest event is %s): the last stages may look "
		    "worse than they will be.\n",
		    fmt_count(res->incomplete, a, sizeof a),
		    res->incomplete == 1 ? "" : "s",
		    timeparse_format(res->max_time, b, sizeof b));
	if (run->ev->rows_bad_time > 0)
		strbuf_printf(&sb,
		    "%s row%s with no usable time %s "
		    "skipped.\n",
		    fmt_count(run->ev->rows_bad_time, a, sizeof a),
		    run->ev->rows_bad_time == 1 ? "" : "s",
		    run->ev->rows_bad_time == 1 ? "was" : "were");
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
print_dropped(const struct store_events *ev, const uint8_t *levels, int level)
{
	const char **ids = xcalloc(ev->data.user_count + 1, sizeof *ids);
	size_t n = 0;
	struct strbuf sb = STRBUF_INIT;

	for (uint32_t u = 0; u < ev->data.user_count; u++)
		if (levels[u] == level)
			ids[n++] = store_user_id(ev, u);
	qsort(ids, n, sizeof *ids, cmp_str);
	strbuf_adds(&sb, "user_id\n");
	for (size_t i = 0; i < n; i++) {
		csv_field(&sb, ids[i]);
		strbuf_addc(&sb, '\n');
	}
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
	free(ids);
}

static int
parse_time_opt(const char *opt, const char *arg, int64_t *ms)
{
	char *why = NULL;

	if (timeparse_iso(arg, strlen(arg), ms, &why) == 0)
		return 0;
	cli_usage(&cmd_funnel_entry, "%s: %s", opt, why);
	free(why);
	return -1;
}

static char *
list_ids(const struct map *m, bool personas)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = personas ? m->persona_count : m->stage_count;

	for (size_t i = 0; i < n; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "",
		    personas ? m->personas[i].id : m->stages[i].id);
	if (n == 0)
		strbuf_adds(&sb, "(none)");
	return strbuf_detach(&sb);
}

static int
cmd_funnel_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"by", required_argument, NULL, 'b'},
	    {"since", required_argument, NULL, 's'},
	    {"until", required_argument, NULL, 'u'},
	    {"window", required_argument, NULL, 'w'},
	    {"format", required_argument, NULL, 'f'},
	    {"dropped", required_argument, NULL, 'd'},
	    {"persona", required_argument, NULL, 'p'},
	    {"help", no_argument, NULL, 'h'},
	    STOREOPT_LONGOPTS,
	    {NULL, 0, NULL, 0},
	};
	struct store_config over, cfg;
	struct funnel_params params;
	struct funnel_result res;
	struct funnel_run run;
	struct store_events *ev = NULL;
	struct map *m = NULL;
	enum funnel_format format = FORMAT_TABLE;
	const char *by = NULL, *window_arg = NULL, *dropped = NULL;
	const char *persona = NULL, *map_path;
	double *targets = NULL;
	uint8_t *levels = NULL;
	long long window_s = 7 * 86400;
	long dropped_stage = -1;
	char *cause = NULL;
	int c, status = EXIT_INPUT, r;

	memset(&over, 0, sizeof over);
	memset(&cfg, 0, sizeof cfg);
	memset(&params, 0, sizeof params);
	params.since = FUNNEL_TIME_MIN;
	params.until = FUNNEL_TIME_MAX;
	params.persona = -1;
	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'b':
			by = optarg;
			break;
		case 's':
			if (parse_time_opt("--since", optarg, &params.since))
				goto usage;
			break;
		case 'u':
			if (parse_time_opt("--until", optarg, &params.until))
				goto usage;
			break;
		case 'w':
			window_arg = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "table") == 0)
				format = FORMAT_TABLE;
			else if (strcmp(optarg, "json") == 0)
				format = FORMAT_JSON;
			else if (strcmp(optarg, "csv") == 0)
				format = FORMAT_CSV;
			else {
				cli_usage(&cmd_funnel_entry,
				    "--format must be "
				    "table, json or csv, not '%s'",
				    optarg);
				goto usage;
			}
			break;
		case 'd':
			dropped = optarg;
			break;
		case 'p':
			persona = optarg;
			break;
		case 'h':
			store_config_free(&over);
			return cli_help(&cmd_funnel_entry, stdout);
		case ':':
			cli_usage(&cmd_funnel_entry,
			    "option '%s' needs a value", argv[optind - 1]);
			goto usage;
		default:
			r = storeopt_parse(c, optarg, &over, &cause);
			if (r == 1)
				break;
			if (r < 0)
				cli_usage(&cmd_funnel_entry, "%s", cause);
			else
				cli_usage(&cmd_funnel_entry,
				    "unknown option '%s'", argv[optind - 1]);
			free(cause);
			goto usage;
		}
	}
	if (optind == argc) {
		cli_usage(&cmd_funnel_entry, "which map?");
		goto usage;
	}
	if (argc - optind > 1) {
		cli_usage(&cmd_funnel_entry, "one map at a time");
		goto usage;
	}
	map_path = argv[optind];
	if (by != NULL) {
		if (strcmp(by, "persona") == 0)
			params.by = FUNNEL_BY_PERSONA;
		else if (strcmp(by, "channel") == 0)
			params.by = FUNNEL_BY_CHANNEL;
		else {
			cli_usage(&cmd_funnel_entry,
			    "--by must be persona or "
			    "channel, not '%s'",
			    by);
			goto usage;
		}
	}
	if (params.until <= params.since) {
		cli_usage(&cmd_funnel_entry, "--until must be after --since");
		goto usage;
	}
	if ((m = cli_load_valid_map(map_path, 0)) == NULL)
		goto out;
	if (m->stage_count == 0) {
		cli_error("%s: the map has no stages", map_path);
		goto out;
	}
	if (persona != NULL &&
	    (params.persona = (int)map_persona_index(m, persona)) < 0) {
		char *ids = list_ids(m, true);

		cli_usage(&cmd_funnel_entry,
		    "no persona '%s' in %s; the "
		    "personas are: %s",
		    persona, map_path, ids);
		free(ids);
		goto usage;
	}
	if (dropped != NULL) {
		dropped_stage = map_stage_index(m, dropped);
		if (dropped_stage < 0) {
			char *ids = list_ids(m, false);

			cli_usage(&cmd_funnel_entry,
			    "no stage '%s' in %s; the "
			    "stages are: %s",
			    dropped, map_path, ids);
			free(ids);
			goto usage;
		}
		if (dropped_stage == 0) {
			cli_usage(&cmd_funnel_entry,
			    "--dropped %s: the first "
			    "stage has no stage before it",
			    dropped);
			goto usage;
		}
	}
	if (store_config_resolve(&cfg, m, map_path, &over, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		goto out;
	}
	if (window_arg == NULL)
		window_arg = cfg.window;
	if (window_arg != NULL &&
	    validate_parse_duration(window_arg, &window_s, &cause) != 0) {
		if (window_arg == cfg.window && over.window == NULL) {
			cli_error("%s: events.window: %s", map_path, cause);
			free(cause);
			goto out;
		}
		cli_usage(&cmd_funnel_entry, "--window: %s", cause);
		free(cause);
		goto usage;
	}
	/* Without a breakdown or a persona, the segment and channel columns
	 * are not needed: not reading them is a third less work. */
	if ((ev = store_load(&cfg, m,
	         params.by == FUNNEL_BY_NONE && params.persona < 0
	             ? STORE_NO_GROUPS
	             : 0,
	         NULL, &cause)) == NULL) {
		cli_error("%s", cause);
		free(cause);
		goto out;
	}
	targets = xcalloc(m->stage_count, sizeof *targets);
	for (size_t k = 0; k < m->stage_count; k++)
		targets[k] =
		    m->stages[k].has_target ? m->stages[k].target : NAN;
	params.stage_count = (int)m->stage_count;
	params.window_ms = (int64_t)window_s * 1000;
	params.targets = targets;
	levels = xcalloc(ev->data.user_count + 1, 1);
	if (funnel_compute(&ev->data, &params, &res, levels, &cause) != 0) {
		cli_error("%s: %s", map_path, cause);
		free(cause);
		goto out;
	}
	run.map_path = map_path;
	run.m = m;
	run.cfg = &cfg;
	run.ev = ev;
	run.res = &res;
	run.window_text = window_arg != NULL ? window_arg : "7d";
	run.persona = persona;
	if (dropped != NULL)
		print_dropped(ev, levels, (int)dropped_stage);
	else if (format == FORMAT_JSON)
		print_json(&run);
	else if (format == FORMAT_CSV)
		print_csv(&run);
	else
		print_table(&run);
	if (format != FORMAT_TABLE && ev->rows_bad_time > 0) {
		char a[32];

		cli_error("%s: %s row%s with no usable time %s skipped",
		    cfg.path, fmt_count(ev->rows_bad_time, a, sizeof a),
		    ev->rows_bad_time == 1 ? "" : "s",
		    ev->rows_bad_time == 1 ? "was" : "were");
	}
	funnel_result_free(&res);
	status = cli_flush_stdout();
	goto out;
usage:
	status = EXIT_USAGE;
out:
	free(levels);
	free(targets);
	store_events_destroy(ev);
	store_config_free(&cfg);
	store_config_free(&over);
	map_destroy(m);
	return status;
}
