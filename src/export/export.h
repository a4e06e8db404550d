/*
 * export.h - deliverables made from a map: HTML, Markdown, CSV, Mermaid,
 * plain text, and PDF (the HTML printed by headless Chromium).
 *
 * Every text format is a pure function of (map, options): it appends to a
 * strbuf and never prints, never reads the screen, never changes the map.
 * The same map and options always give the same bytes (no dates, no
 * randomness), which is what lets the tests keep golden files.
 *
 * Measured numbers are optional: the front end computes the funnel with
 * store/ and hands the per-stage results (and per-card touchpoint counts)
 * here as a struct export_funnel, which the HTML, Markdown and text
 * exports show beside the planned targets.  Nothing here opens an event
 * store.
 *
 * Language: the words the exports write themselves (headings, captions,
 * units) and the number format come from labels.c in the language of
 * export_options.lang; the map's own text is never translated; CSV,
 * which is for machines, is the same in every language.
 *
 * Files: export.c (format names, the dispatcher, export_write_file, shared
 * helpers: persona filter, emotion averages, board order, numbers),
 * labels.c (the words, per language), export-html.c
 * (with the department palette), export-md.c, export-csv.c,
 * export-mermaid.c, export-txt.c, export-pdf.c (the one that runs a
 * process).
 */
#ifndef WAYMARK_EXPORT_H
#define WAYMARK_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "export/labels.h"
#include "model/map.h"
#include "util/strbuf.h"

enum export_format {
	EXPORT_HTML,
	EXPORT_MD,
	EXPORT_CSV,
	EXPORT_MERMAID,
	EXPORT_TXT,
	EXPORT_PDF,
	EXPORT_FORMAT_COUNT
};

#define EXPORT_TXT_WIDTH_DEFAULT 100
#define EXPORT_TXT_WIDTH_MIN 20
#define EXPORT_TXT_WIDTH_MAX 1000

/* Measured numbers for one stage, in the map's stage order. */
struct export_funnel_stage {
	long long users; /* distinct users who reached the stage */
	long long drop_off; /* reached the previous stage, not this one */
	double conversion_step; /* users / previous stage's users (1 first);
	                         * NaN when undefined (previous had none) */
	double conversion_total; /* users / first stage's users, or NaN */
	bool has_median;
	double median_seconds; /* from the previous stage to this one */
};

/*
 * The funnel as the exports show it.  stages[i] belongs to the map's
 * stages[i]; stage_count must equal the map's stage_count (the exports
 * ignore a funnel that does not match).  Targets are read from the map.
 */
struct export_funnel {
	size_t stage_count;
	struct export_funnel_stage *stages; /* owned by whoever built it */
	long long window_seconds;
	long long incomplete; /* entries whose window had not closed */
	/* The persona the numbers are for (its name: only users who entered
	 * as it), or NULL for everyone. */
	const char *segment;
	/* The entries counted: from `since` (inclusive) until `until`
	 * (exclusive), as ISO-8601 text; NULL for no bound. */
	const char *since;
	const char *until;
	/* Touchpoint counts: per card of the map (card_count items), the
	 * distinct users of its event, -1 when it has none; NULL when not
	 * measured. */
	const long long *card_users;
};

struct export_options {
	/* Persona id: show only the cards for this persona (cards naming it,
	 * and cards naming no persona, which concern everyone), and its
	 * experience curve.  NULL: everything. */
	const char *persona;
	/* txt: no line wider than this many display columns
	 * (EXPORT_TXT_WIDTH_MIN .. EXPORT_TXT_WIDTH_MAX; 0 means
	 * EXPORT_TXT_WIDTH_DEFAULT). */
	unsigned width;
	/* csv: begin with a UTF-8 byte order mark (for Excel). */
	bool csv_bom;
	/* Measured numbers, or NULL when no event store is attached. */
	const struct export_funnel *funnel;
	/* html, md, txt, mermaid: the language of the labels and numbers
	 * (zero: English).  CSV ignores it. */
	enum export_lang lang;
};

/* Name ("html", ...) and back; export_format_parse returns -1 for an
 * unknown name. */
const char *export_format_name(enum export_format f);
int export_format_parse(const char *name);
/* File name extension with its dot (".html", ".md", ".csv", ".mmd",
 * ".txt", ".pdf"). */
const char *export_format_extension(enum export_format f);

/*
 * Append the export of m in format f (any but EXPORT_PDF, which is a
 * process: see export_pdf) to out.  Returns 0, or -1 with *cause (caller
 * frees) when the options do not fit the map: an unknown persona id, a
 * width out of range, PDF asked for here.
 */
int export_render(const struct map *m, enum export_format f,
    const struct export_options *o, struct strbuf *out, char **cause);

/*
 * Export m in format f (PDF included) to the file path, written
 * atomically (io/atomic.h): afterwards path holds the old bytes or the
 * whole export.  This is what a front end calls to save a deliverable
 * (the CLI's -o, the board's export key).  Returns 0, or -1 with *cause
 * (caller frees; it names the file when the failure is the file's);
 * *missing (if not NULL) tells that PDF failed for want of Chromium.
 */
int export_write_file(const struct map *m, enum export_format f,
    const struct export_options *o, const char *path, bool *missing,
    char **cause);

/*
 * The formats themselves.  Each appends to out and cannot fail; options
 * are assumed checked by export_render (an unknown persona shows no
 * persona-specific cards; a width out of range is clamped).
 */
void export_html(
    const struct map *m, const struct export_options *o, struct strbuf *out);
void export_md(
    const struct map *m, const struct export_options *o, struct strbuf *out);
void export_csv(
    const struct map *m, const struct export_options *o, struct strbuf *out);
void export_mermaid(
    const struct map *m, const struct export_options *o, struct strbuf *out);
void export_txt(
    const struct map *m, const struct export_options *o, struct strbuf *out);

/*
 * Print html (len bytes, a page from export_html) to the PDF file out_path
 * with headless Chromium.  The page goes to a private temporary directory
 * that is removed afterwards, Chromium runs with networking features off
 * and its own throw-away profile, and the PDF it writes is moved into
 * place atomically.  Returns 0; or -1 with *cause (caller frees) when
 * Chromium is not installed (the message says which package to install),
 * cannot be run, fails, or leaves no PDF.  *missing (if not NULL) is set
 * to true when the failure is that Chromium is not installed.
 */
int export_pdf(const char *html, size_t len, const char *out_path,
    bool *missing, char **cause);

/* The Chromium binary export_pdf would run (from $WAYMARK_CHROMIUM, else
 * the first of chromium, chromium-browser, google-chrome on $PATH), or
 * NULL.  Caller frees. */
char *export_pdf_find_chromium(void);

/* --- shared by the formats (export.c) ------------------------------------ */

/* True if both are present and equal (ids may be NULL in a map that was
 * not validated). */
bool export_same(const char *a, const char *b);

/* True if card c is shown under the options' persona filter. */
bool export_card_visible(const struct card *c, const struct export_options *o);

/*
 * Average emotion of the cards in stage stage_index (cards in lanes that
 * hold cards, with an emotion), restricted to persona_id when it is not
 * NULL (cards naming it or naming no persona).  Returns false when no card
 * qualifies.
 */
bool export_stage_emotion(const struct map *m, size_t stage_index,
    const char *persona_id, double *average);

/*
 * Indices of m's cards in board order: by stage, then lane, then file
 * order; cards whose stage or lane does not resolve come last, in file
 * order.  *count gets the number (always m->card_count).  Caller frees.
 */
size_t *export_card_order(const struct map *m, size_t *count);

/* The funnel in o if it matches m's stages, else NULL. */
const struct export_funnel *export_funnel_for(
    const struct map *m, const struct export_options *o);

/* Display name of an entity: its name, else its id, else "". */
const char *export_department_name(const struct map *m, const char *id);
const char *export_channel_name(const struct map *m, const char *id);
const char *export_persona_name(const struct map *m, const char *id);
const char *export_stage_name(const struct stage *s);
const char *export_lane_name(const struct lane *l);

/* The funnel's date range in words ("entries from X until Y"); nothing
 * when it has none. */
void export_period(
    struct strbuf *out, const struct export_funnel *f, enum export_lang lang);

/* Format a share 0..1 as a percentage with one decimal ("42.5%", in
 * Italian "42,5%"); a share that is not finite (undefined: 0 of 0) as a
 * dash. */
void export_percent(struct strbuf *out, double share, enum export_lang lang);
/* A duration in seconds in words ("3.2 h", "2 days"). */
void export_duration(struct strbuf *out, double seconds, enum export_lang lang);
/* A number with `decimals` decimals and the language's decimal point;
 * with_sign: always a sign ("+1.5", "-0.5"). */
void export_number(struct strbuf *out, double value, int decimals,
    bool with_sign, enum export_lang lang);
/* An integer with the language's thousands separator ("12,345"). */
void export_count(struct strbuf *out, long long n, enum export_lang lang);

#endif
