/*
 * export-mermaid.c - the map as a Mermaid `journey` diagram.
 *
 *	journey
 *	  title <map title>
 *	  section <stage name>
 *	    <card title>: <score>: <actor>, <actor>
 *
 * The score is the card's emotion moved from -2..+2 to 1..5 (3 when the
 * card has none); the actors are the card's personas by name, else the
 * owning department, else none.
 *
 * Mermaid's journey lexer (case-insensitive, first rule wins) is what the
 * text must survive:
 *   - `#` starts a comment, `;` and a newline end a statement, `%%` starts
 *     a comment anywhere on a line;
 *   - a task name is [^#:\n;]+ and its data starts at the first `:`; the
 *     data is split at `:` (score, actors) and the actors at `,`;
 *   - a line beginning with `journey`, `title `, `section ` or `acc` is a
 *     keyword, whatever follows.
 * So every user text is cleaned: newlines, tabs and other control
 * characters become spaces; `:` becomes U+A789 (꞉), `#` U+FF03 (＃), `;`
 * U+FF1B (；), `%` U+FF05 (％) (always, so no `%%` can form), and in actor
 * names `,` becomes U+201A (‚); a task or section that would begin with a
 * keyword gets a zero-width space in front (invisible, not whitespace to
 * the lexer).  Empty names fall back to the id.
 */

#include "export/export.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/utf8.h"

#define MERMAID_COLON "\xEA\x9E\x89" /* U+A789 MODIFIER LETTER COLON */
#define MERMAID_HASH "\xEF\xBC\x83" /* U+FF03 FULLWIDTH NUMBER SIGN */
#define MERMAID_SEMICOLON "\xEF\xBC\x9B" /* U+FF1B FULLWIDTH SEMICOLON */
#define MERMAID_PERCENT "\xEF\xBC\x85" /* U+FF05 FULLWIDTH PERCENT SIGN */
#define MERMAID_COMMA "\xE2\x80\x9A" /* U+201A SINGLE LOW-9 QUOTE */
#define MERMAID_ZWSP "\xE2\x80\x8B" /* U+200B ZERO WIDTH SPACE */

/* True if s (after leading spaces) begins with a word the journey lexer
 * takes as a keyword at the start of a statement. */
static bool
export_mermaid_keyword_start(const char *s)
{
	static const char *const words[] = {
	    "journey", "title", "section", "acc"};
	size_t i;

	/* What export_mermaid_text drops before the first word. */
	while (*s != '\0' && ((unsigned char)*s <= ' ' || *s == 0x7F))
		s++;
	for (i = 0; i < sizeof words / sizeof *words; i++) {
		if (strncasecmp(s, words[i], strlen(words[i])) == 0)
			return true;
	}
	return false;
}

/*
 * Append s cleaned for the lexer.  in_actor also replaces commas;
 * keep_colon keeps `:` (the title line allows it).  Leading and trailing
 * spaces are dropped and runs of spaces collapsed, so that what Mermaid
 * trims is what we wrote.
 */
static void
export_mermaid_text(struct strbuf *out, const char *s, bool in_actor,
    bool keep_colon, bool guard_keyword)
{
	char *clean = utf8_sanitize(s != NULL ? s : "");
	const char *p;
	bool space = false, started = false;
	unsigned char ch;

	if (guard_keyword && export_mermaid_keyword_start(clean))
		strbuf_adds(out, MERMAID_ZWSP);
	for (p = clean; *p != '\0'; p++) {
		ch = (unsigned char)*p;
		if (ch < 0x20 || ch == 0x7F || ch == ' ') {
			space = started;
			continue;
		}
		if (space)
			strbuf_addc(out, ' ');
		space = false;
		started = true;
		if (ch == ':' && !keep_colon)
			strbuf_adds(out, MERMAID_COLON);
		else if (ch == '#')
			strbuf_adds(out, MERMAID_HASH);
		else if (ch == ';')
			strbuf_adds(out, MERMAID_SEMICOLON);
		else if (ch == '%')
			strbuf_adds(out, MERMAID_PERCENT);
		else if (ch == ',' && in_actor)
			strbuf_adds(out, MERMAID_COMMA);
		else
			strbuf_addc(out, (char)ch);
	}
	free(clean);
}

/* The text, or fallback when it is empty or only spaces. */
static const char *
export_mermaid_pick(
    const char *text, const char *fallback, enum export_lang lang)
{
	const char *p;

	if (text != NULL) {
		for (p = text; *p != '\0'; p++) {
			if (!isspace((unsigned char)*p))
				return text;
		}
	}
	return fallback != NULL && *fallback != '\0'
	    ? fallback
	    : labels_get(lang, LABEL_UNTITLED);
}

static void
export_mermaid_card(struct strbuf *out, const struct map *m,
    const struct card *c, enum export_lang lang)
{
	size_t i;
	int score = c->has_emotion ? c->emotion + 3 : 3;

	if (score < 1)
		score = 1;
	if (score > 5)
		score = 5;
	strbuf_adds(out, "    ");
	export_mermaid_text(out, export_mermaid_pick(c->title, c->id, lang),
	    false, false, true);
	strbuf_printf(out, ": %d", score);
	if (c->personas.count > 0) {
		strbuf_adds(out, ": ");
		for (i = 0; i < c->personas.count; i++) {
			if (i > 0)
				strbuf_adds(out, ", ");
			export_mermaid_text(out,
			    export_mermaid_pick(
			        export_persona_name(m, c->personas.items[i]),
			        c->personas.items[i], lang),
			    true, false, false);
		}
	} else if (c->owner != NULL) {
		strbuf_adds(out, ": ");
		export_mermaid_text(out,
		    export_mermaid_pick(
		        export_department_name(m, c->owner), c->owner, lang),
		    true, false, false);
	}
	strbuf_addc(out, '\n');
}

void
export_mermaid(
    const struct map *m, const struct export_options *o, struct strbuf *out)
{
	const struct card *c;
	size_t i, n, *order, k;
	long si;

	strbuf_adds(out, "journey\n  title ");
	export_mermaid_text(out,
	    export_mermaid_pick(
	        m->title, labels_get(o->lang, LABEL_MERMAID_TITLE), o->lang),
	    false, true, false);
	if (o->persona != NULL) {
		strbuf_adds(out, " (");
		export_mermaid_text(out,
		    export_mermaid_pick(export_persona_name(m, o->persona),
		        o->persona, o->lang),
		    false, true, false);
		strbuf_addc(out, ')');
	}
	strbuf_addc(out, '\n');

	order = export_card_order(m, &n);
	k = 0;
	for (i = 0; i < m->stage_count; i++) {
		strbuf_adds(out, "  section ");
		export_mermaid_text(out,
		    export_mermaid_pick(
		        m->stages[i].name, m->stages[i].id, o->lang),
		    false, false, false);
		strbuf_addc(out, '\n');
		for (; k < n; k++) {
			c = &m->cards[order[k]];
			si = c->stage != NULL ? map_stage_index(m, c->stage)
			                      : -1;
			if (si != (long)i || c->lane == NULL ||
			    map_lane_index(m, c->lane) < 0)
				break;
			if (export_card_visible(c, o))
				export_mermaid_card(out, m, c, o->lang);
		}
	}
	free(order);
}
