/*
 * export-md.c - GitHub-flavored Markdown for wikis.
 *
 * Layout: the title, the summary, the board as a stage x lane table (a
 * column per stage, a row per lane, each cell listing its card titles),
 * the measured funnel when there is one, the personas, the departments,
 * the channels, and the journey as a ```mermaid block (export-mermaid.c)
 * that GitHub draws.
 *
 * Every piece of user text goes through export_md_text, which keeps it
 * text: characters that mean something inline in GFM (\ ` * _ [ ] ~ | $
 * # and the HTML characters < > &) are escaped with a backslash or as an
 * entity, and a newline becomes <br>, so a text never leaves its table
 * cell or list item and never starts a block (heading, list, quote) of its
 * own; a leading + - = or digit-dot that could still start a block is
 * escaped too.  The Mermaid block is fenced with more backticks than the
 * longest run inside it.
 */

#include "export/export.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

/* Append s as inline Markdown text (see the file comment). */
static void
export_md_text(struct strbuf *out, const char *s)
{
	char *clean = utf8_sanitize(s != NULL ? s : "");
	const char *p;
	bool at_start = true;

	for (p = clean; *p != '\0'; p++) {
		switch (*p) {
		case '\r':
			if (p[1] == '\n')
				p++;
			/* FALLTHROUGH */
		case '\n':
			strbuf_adds(out, "<br>");
			at_start = true;
			continue;
		case '\t':
			strbuf_addc(out, ' ');
			continue;
		case '<':
			strbuf_adds(out, "&lt;");
			break;
		case '>':
			strbuf_adds(out, "&gt;");
			break;
		case '&':
			strbuf_adds(out, "&amp;");
			break;
		case '\\':
		case '`':
		case '*':
		case '_':
		case '[':
		case ']':
		case '~':
		case '|':
		case '$':
		case '#':
			strbuf_addc(out, '\\');
			strbuf_addc(out, *p);
			break;
		case '+':
		case '-':
		case '=':
			if (at_start)
				strbuf_addc(out, '\\');
			strbuf_addc(out, *p);
			break;
		default:
			if ((unsigned char)*p < 0x20 || *p == 0x7F) {
				strbuf_addc(out, ' ');
				continue;
			}
			strbuf_addc(out, *p);
			/* "1. x" at the start of a line is a list item. */
			if (at_start && *p >= '0' && *p <= '9') {
				while (p[1] >= '0' && p[1] <= '9')
					strbuf_addc(out, *++p);
				if (p[1] == '.' || p[1] == ')') {
					strbuf_addc(out, '\\');
					strbuf_addc(out, *++p);
				}
			}
			break;
		}
		at_start = false;
	}
	free(clean);
}

static const char *
export_md_face(double emotion)
{
	if (emotion <= -1.5)
		return "\xF0\x9F\x98\x9E"; /* disappointed face */
	if (emotion <= -0.5)
		return "\xF0\x9F\x99\x81"; /* slightly frowning */
	if (emotion < 0.5)
		return "\xF0\x9F\x98\x90"; /* neutral */
	if (emotion < 1.5)
		return "\xF0\x9F\x99\x82"; /* slightly smiling */
	return "\xF0\x9F\x98\x80"; /* grinning */
}

static void
export_md_cell_cards(struct strbuf *out, const struct map *m,
    const struct export_options *o, const struct export_funnel *f,
    const struct stage *s, const struct lane *l)
{
	const struct card *c;
	size_t i;
	bool first = true;

	for (i = 0; i < m->card_count; i++) {
		c = &m->cards[i];
		if (!export_same(c->stage, s->id) ||
		    !export_same(c->lane, l->id) || !export_card_visible(c, o))
			continue;
		if (!first)
			strbuf_adds(out, "<br>");
		first = false;
		strbuf_adds(out, "\xE2\x80\xA2 "); /* bullet */
		export_md_text(out,
		    c->title != NULL && *c->title != '\0' ? c->title : c->id);
		if (f != NULL && f->card_users != NULL && f->card_users[i] >= 0)
			strbuf_printf(out, " *(%lld %s)*", f->card_users[i],
			    labels_get(o->lang,
			        f->card_users[i] == 1 ? LABEL_USER
			                              : LABEL_USERS));
	}
}

static void
export_md_board(struct strbuf *out, const struct map *m,
    const struct export_options *o, const struct export_funnel *f)
{
	enum export_lang lang = o->lang;
	const struct lane *l;
	size_t si, li;
	double avg;

	if (m->stage_count == 0) {
		strbuf_printf(
		    out, "*%s*\n\n", labels_get(lang, LABEL_NO_STAGES_MD));
		return;
	}
	strbuf_adds(out, "| |");
	for (si = 0; si < m->stage_count; si++) {
		strbuf_adds(out, " **");
		export_md_text(out, export_stage_name(&m->stages[si]));
		strbuf_adds(out, "** |");
	}
	strbuf_adds(out, "\n|---|");
	for (si = 0; si < m->stage_count; si++)
		strbuf_adds(out, "---|");
	strbuf_addc(out, '\n');
	for (li = 0; li < m->lane_count; li++) {
		l = &m->lanes[li];
		strbuf_adds(out, "| **");
		export_md_text(out, export_lane_name(l));
		strbuf_adds(out, "** |");
		for (si = 0; si < m->stage_count; si++) {
			strbuf_addc(out, ' ');
			if (l->kind == LANE_EMOTION) {
				if (export_stage_emotion(
				        m, si, o->persona, &avg)) {
					strbuf_printf(
					    out, "%s ", export_md_face(avg));
					export_number(out, avg, 1, true, lang);
				} else
					strbuf_adds(out, "\xE2\x80\x94");
			} else if (l->kind == LANE_METRICS) {
				if (f != NULL) {
					strbuf_printf(out, "%lld %s",
					    f->stages[si].users,
					    labels_get(lang,
					        f->stages[si].users == 1
					            ? LABEL_USER
					            : LABEL_USERS));
					if (si > 0) {
						strbuf_adds(out, "<br>");
						export_percent(out,
						    f->stages[si]
						        .conversion_step,
						    lang);
						strbuf_adds(out,
						    labels_get(lang,
						        LABEL_OF_PREVIOUS));
					}
				} else
					strbuf_adds(out, "\xE2\x80\x94");
			} else
				export_md_cell_cards(
				    out, m, o, f, &m->stages[si], l);
			strbuf_adds(out, " |");
		}
		strbuf_addc(out, '\n');
	}
	strbuf_addc(out, '\n');
}

static void
export_md_funnel(struct strbuf *out, const struct map *m,
    const struct export_funnel *f, enum export_lang lang)
{
	static const enum label_id columns[] = {
	    LABEL_COL_STAGE,
	    LABEL_COL_USERS,
	    LABEL_COL_DROP_OFF,
	    LABEL_COL_STEP_CONVERSION_MD,
	    LABEL_COL_TARGET,
	    LABEL_COL_GAP,
	    LABEL_COL_TOTAL_CONVERSION_MD,
	    LABEL_COL_MEDIAN_TIME,
	};
	const struct stage *s;
	const struct export_funnel_stage *fs;
	size_t i;
	double gap;

	strbuf_printf(
	    out, "## %s\n\n", labels_get(lang, LABEL_MEASURED_JOURNEY));
	strbuf_adds(out, labels_get(lang, LABEL_FUNNEL_LEDE_MD));
	export_duration(out, (double)f->window_seconds, lang);
	strbuf_adds(out, ".");
	if (f->segment != NULL) {
		strbuf_adds(out, labels_get(lang, LABEL_ONLY_ENTERED_AS_MD));
		export_md_text(out, f->segment);
		strbuf_adds(out, ".");
	}
	if (f->since != NULL || f->until != NULL) {
		struct strbuf period = STRBUF_INIT;

		export_period(&period, f, lang);
		strbuf_adds(out, labels_get(lang, LABEL_COUNTED_MD));
		export_md_text(out, strbuf_str(&period));
		strbuf_adds(out, ".");
		strbuf_free(&period);
	}
	if (f->incomplete > 0)
		strbuf_printf(out, " %lld%s%s", f->incomplete,
		    labels_get(lang,
		        f->incomplete == 1 ? LABEL_INSIDE_WINDOW_ONE_MD
		                           : LABEL_INSIDE_WINDOW_MANY_MD),
		    labels_get(lang, LABEL_LOOK_WORSE_MD));
	strbuf_adds(out, "\n\n|");
	for (i = 0; i < sizeof columns / sizeof *columns; i++)
		strbuf_printf(out, " %s |", labels_get(lang, columns[i]));
	strbuf_adds(out, "\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (i = 0; i < m->stage_count; i++) {
		s = &m->stages[i];
		fs = &f->stages[i];
		strbuf_adds(out, "| ");
		export_md_text(out, export_stage_name(s));
		strbuf_printf(out, " | %lld | ", fs->users);
		if (i > 0) {
			strbuf_printf(out, "%lld | ", fs->drop_off);
			export_percent(out, fs->conversion_step, lang);
		} else
			strbuf_adds(out, "\xE2\x80\x94 | \xE2\x80\x94");
		strbuf_adds(out, " | ");
		if (s->has_target && i > 0 && isfinite(fs->conversion_step)) {
			export_percent(out, s->target, lang);
			gap = fs->conversion_step - s->target;
			strbuf_printf(out, " | %s",
			    gap < 0 ? "\xE2\x9A\xA0\xEF\xB8\x8F " : "");
			export_number(out, gap * 100.0, 1, true, lang);
			strbuf_printf(out, " %s", labels_get(lang, LABEL_PP));
		} else
			strbuf_adds(out, "\xE2\x80\x94 | \xE2\x80\x94");
		strbuf_adds(out, " | ");
		export_percent(out, fs->conversion_total, lang);
		strbuf_adds(out, " | ");
		if (fs->has_median && i > 0)
			export_duration(out, fs->median_seconds, lang);
		else
			strbuf_adds(out, "\xE2\x80\x94");
		strbuf_adds(out, " |\n");
	}
	strbuf_addc(out, '\n');
}

static void
export_md_list(struct strbuf *out, const char *heading, const struct strlist *l)
{
	size_t i;

	if (l->count == 0)
		return;
	strbuf_printf(out, "**%s**\n\n", heading);
	for (i = 0; i < l->count; i++) {
		strbuf_adds(out, "- ");
		export_md_text(out, l->items[i]);
		strbuf_addc(out, '\n');
	}
	strbuf_addc(out, '\n');
}

static void
export_md_personas(
    struct strbuf *out, const struct map *m, const struct export_options *o)
{
	enum export_lang lang = o->lang;
	const struct persona *p;
	size_t i;
	bool any = false;

	if (m->persona_count == 0)
		return;
	strbuf_printf(out, "## %s\n\n", labels_get(lang, LABEL_PERSONAS));
	for (i = 0; i < m->persona_count; i++) {
		p = &m->personas[i];
		if (o->persona != NULL && !export_same(p->id, o->persona))
			continue;
		strbuf_adds(out, "### ");
		export_md_text(out, export_persona_name(m, p->id));
		strbuf_adds(out, "\n\n");
		any = false;
		if (p->has_age) {
			strbuf_printf(
			    out, "*%s%d", labels_get(lang, LABEL_AGE), p->age);
			any = true;
		}
		if (p->occupation != NULL) {
			strbuf_adds(out, any ? " \xC2\xB7 " : "*");
			export_md_text(out, p->occupation);
			any = true;
		}
		if (p->segment != NULL) {
			strbuf_adds(out, any ? " \xC2\xB7 " : "*");
			strbuf_adds(out, labels_get(lang, LABEL_SEGMENT));
			export_md_text(out, p->segment);
			any = true;
		}
		if (any)
			strbuf_adds(out, "*\n\n");
		if (p->description != NULL) {
			export_md_text(out, p->description);
			strbuf_adds(out, "\n\n");
		}
		if (p->quote != NULL) {
			strbuf_adds(out, "> \xE2\x80\x9C");
			export_md_text(out, p->quote);
			strbuf_adds(out, "\xE2\x80\x9D\n\n");
		}
		export_md_list(out, labels_get(lang, LABEL_GOALS), &p->goals);
		export_md_list(out, labels_get(lang, LABEL_FRUSTRATIONS),
		    &p->frustrations);
	}
}

static void
export_md_departments(
    struct strbuf *out, const struct map *m, const struct export_options *o)
{
	const struct department *d;
	size_t i, k, cards;

	if (m->department_count == 0)
		return;
	strbuf_printf(out, "## %s\n\n| %s | %s |\n|---|---:|\n",
	    labels_get(o->lang, LABEL_DEPARTMENTS),
	    labels_get(o->lang, LABEL_COL_DEPARTMENT),
	    labels_get(o->lang, LABEL_COL_TOUCHPOINTS_OWNED));
	for (i = 0; i < m->department_count; i++) {
		d = &m->departments[i];
		cards = 0;
		for (k = 0; k < m->card_count; k++) {
			if (export_same(m->cards[k].owner, d->id) &&
			    export_card_visible(&m->cards[k], o))
				cards++;
		}
		strbuf_adds(out, "| ");
		export_md_text(out, export_department_name(m, d->id));
		strbuf_printf(out, " | %zu |\n", cards);
	}
	strbuf_addc(out, '\n');
}

static void
export_md_channels(
    struct strbuf *out, const struct map *m, enum export_lang lang)
{
	const struct channel *c;
	size_t i;

	if (m->channel_count == 0)
		return;
	strbuf_printf(out, "## %s\n\n", labels_get(lang, LABEL_CHANNELS));
	for (i = 0; i < m->channel_count; i++) {
		c = &m->channels[i];
		strbuf_adds(out, "- ");
		export_md_text(out, export_channel_name(m, c->id));
		if (channel_kind_name(c->kind) != NULL)
			strbuf_printf(out, " (%s)", channel_kind_name(c->kind));
		strbuf_addc(out, '\n');
	}
	strbuf_addc(out, '\n');
}

static void
export_md_mermaid(
    struct strbuf *out, const struct map *m, const struct export_options *o)
{
	struct strbuf diagram = STRBUF_INIT;
	size_t i, run = 0, longest = 0;

	export_mermaid(m, o, &diagram);
	for (i = 0; i < diagram.len; i++) {
		run = diagram.data[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	strbuf_printf(
	    out, "## %s\n\n", labels_get(o->lang, LABEL_JOURNEY_DIAGRAM));
	strbuf_addn(out, '`', longest < 3 ? 3 : longest + 1);
	strbuf_adds(out, "mermaid\n");
	strbuf_add(out, diagram.data, diagram.len);
	strbuf_addn(out, '`', longest < 3 ? 3 : longest + 1);
	strbuf_adds(out, "\n");
	strbuf_free(&diagram);
}

void
export_md(
    const struct map *m, const struct export_options *o, struct strbuf *out)
{
	const struct export_funnel *f = export_funnel_for(m, o);
	enum export_lang lang = o->lang;

	strbuf_adds(out, "# ");
	export_md_text(out,
	    m->title != NULL && *m->title != '\0'
	        ? m->title
	        : labels_get(lang, LABEL_MAP_TITLE));
	strbuf_adds(out, "\n\n");
	if (m->summary != NULL && *m->summary != '\0') {
		export_md_text(out, m->summary);
		strbuf_adds(out, "\n\n");
	}
	if (o->persona != NULL) {
		strbuf_printf(
		    out, "*%s", labels_get(lang, LABEL_SEEN_BY_PERSONA));
		export_md_text(out, export_persona_name(m, o->persona));
		strbuf_adds(out, "*\n\n");
	}
	strbuf_printf(out, "## %s\n\n", labels_get(lang, LABEL_JOURNEY));
	export_md_board(out, m, o, f);
	if (f != NULL)
		export_md_funnel(out, m, f, lang);
	export_md_personas(out, m, o);
	export_md_departments(out, m, o);
	export_md_channels(out, m, lang);
	export_md_mermaid(out, m, o);
}
