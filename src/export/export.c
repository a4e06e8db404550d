/*
 * export.c - format names, the dispatcher, and what every format shares:
 * the persona filter, the experience curve's averages, display names.
 *
 * The helpers here are the one place where "what a card means for a
 * persona" is decided, so the HTML curve, the Markdown table and the text
 * board agree on which cards they show.
 */

#include "export/export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/atomic.h"
#include "util/xalloc.h"

static const struct {
	const char *name;
	const char *extension;
} export_formats[EXPORT_FORMAT_COUNT] = {
    [EXPORT_HTML] = {"html", ".html"},
    [EXPORT_MD] = {"md", ".md"},
    [EXPORT_CSV] = {"csv", ".csv"},
    [EXPORT_MERMAID] = {"mermaid", ".mmd"},
    [EXPORT_TXT] = {"txt", ".txt"},
    [EXPORT_PDF] = {"pdf", ".pdf"},
};

const char *
export_format_name(enum export_format f)
{
	if ((int)f < 0 || f >= EXPORT_FORMAT_COUNT)
		return "?";
	return export_formats[f].name;
}

const char *
export_format_extension(enum export_format f)
{
	if ((int)f < 0 || f >= EXPORT_FORMAT_COUNT)
		return "";
	return export_formats[f].extension;
}

int
export_format_parse(const char *name)
{
	int f;

	for (f = 0; f < EXPORT_FORMAT_COUNT; f++) {
		if (strcmp(name, export_formats[f].name) == 0)
			return f;
	}
	if (strcmp(name, "markdown") == 0)
		return EXPORT_MD;
	if (strcmp(name, "text") == 0)
		return EXPORT_TXT;
	return -1;
}

int
export_render(const struct map *m, enum export_format f,
    const struct export_options *o, struct strbuf *out, char **cause)
{
	if (o->persona != NULL && map_persona_index(m, o->persona) < 0) {
		*cause =
		    xasprintf("no persona with id '%s' in the map", o->persona);
		return -1;
	}
	if (o->width != 0 &&
	    (o->width < EXPORT_TXT_WIDTH_MIN ||
	        o->width > EXPORT_TXT_WIDTH_MAX)) {
		*cause = xasprintf("width %u is out of range (%d..%d)",
		    o->width, EXPORT_TXT_WIDTH_MIN, EXPORT_TXT_WIDTH_MAX);
		return -1;
	}
	switch (f) {
	case EXPORT_HTML:
		export_html(m, o, out);
		return 0;
	case EXPORT_MD:
		export_md(m, o, out);
		return 0;
	case EXPORT_CSV:
		export_csv(m, o, out);
		return 0;
	case EXPORT_MERMAID:
		export_mermaid(m, o, out);
		return 0;
	case EXPORT_TXT:
		export_txt(m, o, out);
		return 0;
	case EXPORT_PDF:
	case EXPORT_FORMAT_COUNT:
		break;
	}
	*cause = xasprintf(
	    "format '%s' is not a text export", export_format_name(f));
	return -1;
}

bool
export_same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

int
export_write_file(const struct map *m, enum export_format f,
    const struct export_options *o, const char *path, bool *missing,
    char **cause)
{
	struct strbuf sb = STRBUF_INIT;
	int status;

	if (missing != NULL)
		*missing = false;
	if (export_render(
	        m, f == EXPORT_PDF ? EXPORT_HTML : f, o, &sb, cause) != 0) {
		strbuf_free(&sb);
		return -1;
	}
	if (f == EXPORT_PDF)
		status =
		    export_pdf(strbuf_str(&sb), sb.len, path, missing, cause);
	else
		status =
		    atomic_write_file(path, strbuf_str(&sb), sb.len, cause);
	strbuf_free(&sb);
	return status;
}

/* A card concerns a persona if it names it or names nobody. */
static bool
export_card_for_persona(const struct card *c, const char *persona_id)
{
	if (persona_id == NULL || c->personas.count == 0)
		return true;
	return strlist_index(&c->personas, persona_id) >= 0;
}

bool
export_card_visible(const struct card *c, const struct export_options *o)
{
	return export_card_for_persona(c, o->persona);
}

bool
export_stage_emotion(const struct map *m, size_t stage_index,
    const char *persona_id, double *average)
{
	const struct stage *s = &m->stages[stage_index];
	const struct card *c;
	long lane;
	size_t i, n = 0;
	double sum = 0;

	for (i = 0; i < m->card_count; i++) {
		c = &m->cards[i];
		if (!c->has_emotion || !export_same(c->stage, s->id))
			continue;
		lane = c->lane != NULL ? map_lane_index(m, c->lane) : -1;
		if (lane >= 0 && !lane_kind_holds_cards(m->lanes[lane].kind))
			continue;
		if (!export_card_for_persona(c, persona_id))
			continue;
		sum += c->emotion;
		n++;
	}
	if (n == 0)
		return false;
	*average = sum / (double)n;
	return true;
}

size_t *
export_card_order(const struct map *m, size_t *count)
{
	size_t *order, *key, i, j, n = m->card_count, tmp;
	long si, li;

	order = xcalloc(n + 1, sizeof *order);
	key = xcalloc(n + 1, sizeof *key);
	for (i = 0; i < n; i++) {
		order[i] = i;
		si = m->cards[i].stage != NULL
		    ? map_stage_index(m, m->cards[i].stage)
		    : -1;
		li = m->cards[i].lane != NULL
		    ? map_lane_index(m, m->cards[i].lane)
		    : -1;
		if (si < 0 || li < 0)
			key[i] = (size_t)-1;
		else
			key[i] = (size_t)si * (m->lane_count + 1) + (size_t)li;
	}
	/* Insertion sort keeps file order within a cell; maps are small and
	 * mostly in board order already, so this is close to linear. */
	for (i = 1; i < n; i++) {
		tmp = order[i];
		j = i;
		while (j > 0 && key[order[j - 1]] > key[tmp]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = tmp;
	}
	free(key);
	*count = n;
	return order;
}

const struct export_funnel *
export_funnel_for(const struct map *m, const struct export_options *o)
{
	if (o->funnel == NULL || o->funnel->stage_count != m->stage_count ||
	    m->stage_count == 0 || o->funnel->stages == NULL)
		return NULL;
	return o->funnel;
}

static const char *
export_name_or_id(const char *name, const char *id)
{
	if (name != NULL && *name != '\0')
		return name;
	return id != NULL ? id : "";
}

void
export_period(
    struct strbuf *out, const struct export_funnel *f, enum export_lang lang)
{
	if (f->since != NULL) {
		strbuf_adds(out, labels_get(lang, LABEL_PERIOD_FROM));
		strbuf_adds(out, f->since);
		if (f->until != NULL) {
			strbuf_adds(out, labels_get(lang, LABEL_PERIOD_UNTIL));
			strbuf_adds(out, f->until);
		} else
			strbuf_adds(out, labels_get(lang, LABEL_PERIOD_ON));
	} else if (f->until != NULL) {
		strbuf_adds(out, labels_get(lang, LABEL_PERIOD_BEFORE));
		strbuf_adds(out, f->until);
	}
}

const char *
export_department_name(const struct map *m, const char *id)
{
	long i;

	if (id == NULL)
		return "";
	i = map_department_index(m, id);
	return i < 0 ? id : export_name_or_id(m->departments[i].name, id);
}

const char *
export_channel_name(const struct map *m, const char *id)
{
	long i;

	if (id == NULL)
		return "";
	i = map_channel_index(m, id);
	return i < 0 ? id : export_name_or_id(m->channels[i].name, id);
}

const char *
export_persona_name(const struct map *m, const char *id)
{
	long i;

	if (id == NULL)
		return "";
	i = map_persona_index(m, id);
	return i < 0 ? id : export_name_or_id(m->personas[i].name, id);
}

const char *
export_stage_name(const struct stage *s)
{
	return export_name_or_id(s->name, s->id);
}

const char *
export_lane_name(const struct lane *l)
{
	return export_name_or_id(l->name, l->id);
}

void
export_number(struct strbuf *out, double value, int decimals, bool with_sign,
    enum export_lang lang)
{
	char point = labels_get(lang, LABEL_DECIMAL_POINT)[0];
	size_t start = out->len, i;

	strbuf_printf(out, with_sign ? "%+.*f" : "%.*f", decimals, value);
	/* printf's point is the C locale's: we never call setlocale for
	 * LC_NUMERIC (STYLE.md), so it is always '.'. */
	for (i = start; i < out->len; i++) {
		if (out->data[i] == '.')
			out->data[i] = point;
	}
}

void
export_count(struct strbuf *out, long long n, enum export_lang lang)
{
	char digits[32], sep = labels_get(lang, LABEL_THOUSANDS_SEP)[0];
	size_t len, i;

	len = (size_t)snprintf(digits, sizeof digits, "%lld", n);
	for (i = 0; i < len; i++) {
		if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
			strbuf_addc(out, sep);
		strbuf_addc(out, digits[i]);
	}
}

void
export_percent(struct strbuf *out, double share, enum export_lang lang)
{
	if (!isfinite(share)) {
		strbuf_adds(out, "\xE2\x80\x94"); /* undefined: a dash */
		return;
	}
	export_number(out, share * 100.0, 1, false, lang);
	strbuf_addc(out, '%');
}

/* value (a number of whole units) and its unit abbreviation. */
static void
export_duration_unit(struct strbuf *out, double value, int decimals,
    enum label_id unit, enum export_lang lang)
{
	export_number(out, value, decimals, false, lang);
	strbuf_addc(out, ' ');
	strbuf_adds(out, labels_get(lang, unit));
}

void
export_duration(struct strbuf *out, double seconds, enum export_lang lang)
{
	if (!isfinite(seconds) || seconds < 0)
		seconds = 0;
	/* Whole days and hours, as windows usually are, read best as such. */
	if (seconds >= 86400 && fmod(seconds, 86400) == 0) {
		strbuf_printf(out, "%.0f", seconds / 86400);
		strbuf_adds(out,
		    labels_get(lang,
		        seconds == 86400 ? LABEL_UNIT_DAY : LABEL_UNIT_DAYS));
	} else if (seconds >= 3600 && fmod(seconds, 3600) == 0 &&
	    seconds < 36 * 3600)
		export_duration_unit(
		    out, seconds / 3600, 0, LABEL_UNIT_H, lang);
	else if (seconds < 90)
		export_duration_unit(out, seconds, 0, LABEL_UNIT_S, lang);
	else if (seconds < 90 * 60)
		export_duration_unit(
		    out, seconds / 60, 1, LABEL_UNIT_MIN, lang);
	else if (seconds < 36 * 3600)
		export_duration_unit(
		    out, seconds / 3600, 1, LABEL_UNIT_H, lang);
	else
		export_duration_unit(
		    out, seconds / 86400, 1, LABEL_UNIT_D, lang);
}
