/*
 * export-html.c - one self-contained HTML page a consultant can send.
 *
 * The page needs nothing but itself: the CSS is inline, the charts are
 * inline SVG, there is no script, no font, no image, no link; and a
 * Content-Security-Policy meta tag (default-src 'none') makes the browser
 * refuse any load a future edit might add by mistake.  The sections:
 *
 *   header        title, summary, key figures, the persona filter
 *   board         a table: stages as columns, lanes as rows, one card per
 *                 touchpoint colored by its owning department (legend
 *                 above); an emotion lane draws the experience curve
 *                 across the columns; a metrics lane the measured numbers
 *   curve         the experience curve as a chart: the average emotion per
 *                 stage of every card (lanes that hold cards), and one line
 *                 per persona (only the filtered persona's when filtered)
 *   funnel        when measured numbers are given: users per stage as bars
 *                 with the planned target marked, and a table with step
 *                 conversion, target, gap, total conversion, median time
 *   personas      a card per persona: goals, frustrations, quote
 *
 * Safety: every user text goes through export_html_text, which escapes
 * & < > " ' and turns control characters into spaces, so a card titled
 * "<script>" is text.  No user text ever reaches the CSS: colors come from
 * a fixed palette looked up by the department's color *name* (unknown
 * names get the next palette color by position), and cards refer to
 * their department by position (class "d3"), never by id.
 *
 * Layout: a table with fixed, equal stage columns (so the curve drawn over
 * the emotion row lines up with the columns); on a narrow screen the board
 * scrolls sideways with the lane names kept in view; in print the page is
 * A4 landscape: an overview page (title, figures, personas, curve), the
 * board shrunk to the page width with its stage headers repeated on each
 * page and no card split, then the measured funnel.
 */

#include "export/export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

struct html_color {
	const char *name;
	const char *accent; /* borders, legend swatch, curve lines */
	const char *tint; /* card background */
};

/* The palette: the color names maps and themes use (see theme.h). */
static const struct html_color html_palette[] = {
    {"blue", "#2f6bd8", "#e3ecfb"},
    {"orange", "#e07a1f", "#fcefe1"},
    {"teal", "#138a80", "#dcf3f0"},
    {"purple", "#7b4fd6", "#eee8fb"},
    {"pink", "#d6407f", "#fbe6ef"},
    {"green", "#2f9a4a", "#e2f4e6"},
    {"red", "#d23c3c", "#fbe5e5"},
    {"yellow", "#c49a06", "#fbf4d6"},
    {"cyan", "#1391b5", "#dcf1f8"},
    {"magenta", "#b63bbf", "#f7e5f8"},
    {"brown", "#8f5a2c", "#f3e9df"},
    {"olive", "#6f8a17", "#eef3dc"},
    {"navy", "#2b3f86", "#e3e7f5"},
    {"gray", "#5f6b7a", "#eef0f3"},
    {"black", "#1f2933", "#e6e8eb"},
    {"white", "#9aa5b1", "#f8f9fa"},
};
#define HTML_PALETTE_COUNT (sizeof html_palette / sizeof *html_palette)
/* Colors in the order given to departments with no (known) color name. */
#define HTML_CYCLE_COUNT 13

/* Index in html_palette of a color name, or -1.  "bright-x" is x, "grey"
 * is gray, "bright-black" gray. */
static int
export_html_color_index(const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	if (strcmp(name, "grey") == 0 || strcmp(name, "bright-black") == 0)
		name = "gray";
	else if (strncmp(name, "bright-", 7) == 0)
		name += 7;
	for (i = 0; i < HTML_PALETTE_COUNT; i++) {
		if (strcmp(name, html_palette[i].name) == 0)
			return (int)i;
	}
	return -1;
}

static const struct html_color *
export_html_color(const char *name, size_t position)
{
	int i = export_html_color_index(name);

	if (i >= 0)
		return &html_palette[i];
	return &html_palette[position % HTML_CYCLE_COUNT];
}

/*
 * Append s escaped for HTML text and attribute values.  Invalid UTF-8
 * becomes U+FFFD; control characters become spaces, except newlines when
 * keep_newlines (the CSS shows them with white-space: pre-line).
 */
static void
export_html_text(struct strbuf *out, const char *s, bool keep_newlines)
{
	char *clean = utf8_sanitize(s != NULL ? s : "");
	const char *p;

	for (p = clean; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			strbuf_adds(out, "&amp;");
			break;
		case '<':
			strbuf_adds(out, "&lt;");
			break;
		case '>':
			strbuf_adds(out, "&gt;");
			break;
		case '"':
			strbuf_adds(out, "&quot;");
			break;
		case '\'':
			strbuf_adds(out, "&#39;");
			break;
		case '\r':
			if (p[1] == '\n')
				break;
			strbuf_addc(out, keep_newlines ? '\n' : ' ');
			break;
		case '\n':
			strbuf_addc(out, keep_newlines ? '\n' : ' ');
			break;
		default:
			if ((unsigned char)*p < 0x20 || *p == 0x7F)
				strbuf_addc(out, ' ');
			else
				strbuf_addc(out, *p);
			break;
		}
	}
	free(clean);
}

/* Text cut to width columns, escaped (for SVG labels, which do not wrap). */
static void
export_html_text_cut(struct strbuf *out, const char *s, size_t width)
{
	char *cut = utf8_truncate(s != NULL ? s : "", width);

	export_html_text(out, cut, false);
	free(cut);
}

/* Append one of our labels.  They are our text, free of markup, so they
 * go in as written (an apostrophe stays an apostrophe). */
static void
export_html_label(struct strbuf *out, enum export_lang lang, enum label_id id)
{
	strbuf_adds(out, labels_get(lang, id));
}

static bool
export_html_has_text(const char *s)
{
	return s != NULL && *s != '\0';
}

/* --- the style sheet ------------------------------------------------------ */

static const char export_html_css[] =
    ":root{--ink:#1c2430;--muted:#5d6878;--faint:#8a94a3;--line:#dfe3e8;"
    "--paper:#ffffff;--wash:#f5f7fa;--brand:#1d4f91;--up:#2f9a4a;"
    "--down:#d23c3c;--neutral:#8a94a3}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0;background:var(--wash);color:var(--ink);"
    "font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "\"Helvetica Neue\",\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif,"
    "\"Noto Color Emoji\",\"Apple Color Emoji\",\"Segoe UI Emoji\";"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    ".page{max-width:1500px;margin:0 auto;padding:32px 32px 48px}\n"
    ".doc-head{background:var(--paper);border:1px solid var(--line);"
    "border-top:6px solid var(--brand);border-radius:10px;padding:24px 28px;"
    "margin-bottom:24px}\n"
    ".eyebrow{margin:0 0 4px;color:var(--brand);font-size:12px;"
    "font-weight:600;letter-spacing:.08em;text-transform:uppercase}\n"
    "h1{margin:0;font-size:28px;line-height:1.2;letter-spacing:-.01em}\n"
    ".summary{margin:10px 0 0;color:var(--muted);font-size:15px;"
    "max-width:70em;white-space:pre-line}\n"
    ".facts{display:flex;flex-wrap:wrap;gap:10px 28px;margin:18px 0 0;"
    "padding:0}\n"
    ".facts div{display:flex;flex-direction:column-reverse}\n"
    ".facts dt{color:var(--muted);font-size:12px}\n"
    ".facts dd{margin:0;font-size:20px;font-weight:650}\n"
    ".filter{margin:14px 0 0;display:inline-block;background:var(--wash);"
    "border:1px solid var(--line);border-radius:999px;padding:3px 12px;"
    "font-size:13px}\n"
    "section{background:var(--paper);border:1px solid var(--line);"
    "border-radius:10px;padding:20px 24px;margin-bottom:24px}\n"
    "h2{margin:0 0 4px;font-size:18px}\n"
    ".lede{margin:0 0 14px;color:var(--muted);font-size:13px}\n"
    ".legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;"
    "margin:0 0 14px;padding:0;font-size:13px}\n"
    ".legend li{display:flex;align-items:center;gap:6px}\n"
    ".swatch{display:inline-block;width:12px;height:12px;border-radius:3px;"
    "background:var(--accent);border:1px solid rgba(0,0,0,.08)}\n"
    ".board-scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}\n"
    ".board{border-collapse:separate;border-spacing:0;table-layout:fixed;"
    "width:100%;min-width:calc(150px + var(--stages) * 160px)}\n"
    ".board col.lane-col{width:150px}\n"
    ".board th,.board td{border-right:1px solid var(--line);"
    "border-bottom:1px solid var(--line);vertical-align:top;padding:8px}\n"
    ".board thead th{background:var(--ink);color:#fff;text-align:left;"
    "font-weight:600;border-right-color:#3a4556}\n"
    ".board thead th:first-child{border-top-left-radius:8px}\n"
    ".board thead th:last-child{border-top-right-radius:8px;"
    "border-right:0}\n"
    ".board td:last-child{border-right:0}\n"
    ".stage-no{display:inline-block;min-width:20px;height:20px;"
    "border-radius:10px;background:rgba(255,255,255,.18);text-align:center;"
    "font-size:12px;line-height:20px;margin-right:6px}\n"
    ".stage-desc{display:block;font-weight:400;font-size:12px;"
    "color:#c9d1dc;margin-top:3px}\n"
    ".stage-target{display:inline-block;margin-top:5px;font-size:11px;"
    "font-weight:500;color:#c9d1dc}\n"
    ".board tbody th{position:sticky;left:0;z-index:1;background:var(--wash);"
    "text-align:left;font-size:12px;font-weight:650;color:var(--muted);"
    "text-transform:uppercase;letter-spacing:.04em;"
    "border-left:1px solid var(--line)}\n"
    ".board tbody td{background:var(--paper)}\n"
    ".cell-empty{color:var(--faint)}\n"
    ".card{background:var(--tint);border-left:4px solid var(--accent);"
    "border-radius:6px;padding:7px 9px 8px;margin:0 0 8px;"
    "break-inside:avoid;page-break-inside:avoid}\n"
    ".card:last-child{margin-bottom:0}\n"
    ".card-owner{display:block;font-size:10.5px;font-weight:650;"
    "color:var(--accent);text-transform:uppercase;letter-spacing:.05em;"
    "margin-bottom:2px}\n"
    ".card h3{margin:0;font-size:13.5px;font-weight:600;line-height:1.3;"
    "overflow-wrap:anywhere}\n"
    ".card-notes{margin:4px 0 0;font-size:12.5px;color:#3c4655;"
    "white-space:pre-line;overflow-wrap:anywhere}\n"
    ".card-meta{display:flex;flex-wrap:wrap;align-items:center;gap:4px 6px;"
    "margin-top:6px;font-size:11.5px;color:var(--muted)}\n"
    ".chip{display:inline-block;background:rgba(255,255,255,.75);"
    "border:1px solid rgba(0,0,0,.07);border-radius:999px;padding:0 7px;"
    "white-space:nowrap;max-width:100%;overflow:hidden;"
    "text-overflow:ellipsis}\n"
    ".chip-persona{border-color:var(--pc,rgba(0,0,0,.1))}\n"
    ".chip-tag{background:transparent}\n"
    ".chip-measured{background:#1d4f91;color:#fff;border-color:#1d4f91;"
    "font-variant-numeric:tabular-nums}\n"
    ".face{width:18px;height:18px;flex:none}\n"
    ".curve-row td{padding:4px 0 6px;background:var(--paper)}\n"
    ".curve-strip{display:block;width:100%;height:84px}\n"
    ".curve-values{display:grid;grid-template-columns:repeat(var(--stages),"
    "1fr);text-align:center;font-size:12px;color:var(--muted)}\n"
    ".metric{font-size:12.5px}\n"
    ".metric b{display:block;font-size:17px;color:var(--ink)}\n"
    ".up{color:var(--up)}.down{color:var(--down)}\n"
    ".chart{display:block;width:100%;height:auto;max-height:380px}\n"
    ".chart-legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;"
    "margin:8px 0 0;padding:0;font-size:13px}\n"
    ".chart-legend li{display:flex;align-items:center;gap:6px}\n"
    ".line-key{display:inline-block;width:22px;height:0;"
    "border-top:3px solid var(--accent)}\n"
    ".line-key.dashed{border-top-style:dashed;border-top-width:2px}\n"
    "table.numbers{border-collapse:collapse;width:100%;margin-top:16px;"
    "font-size:13px;font-variant-numeric:tabular-nums}\n"
    ".numbers th,.numbers td{padding:7px 10px;border-bottom:1px solid "
    "var(--line);text-align:right;white-space:nowrap}\n"
    ".numbers th:first-child,.numbers td:first-child{text-align:left;"
    "white-space:normal}\n"
    ".numbers thead th{color:var(--muted);font-weight:600;font-size:12px;"
    "border-bottom:2px solid var(--line)}\n"
    ".note{color:var(--muted);font-size:12.5px;margin:10px 0 0}\n"
    ".persona-grid{display:grid;grid-template-columns:repeat(auto-fill,"
    "minmax(280px,1fr));gap:16px}\n"
    ".persona{border:1px solid var(--line);border-top:5px solid "
    "var(--accent);border-radius:8px;padding:14px 16px;"
    "break-inside:avoid;page-break-inside:avoid}\n"
    ".persona h3{margin:0;font-size:16px}\n"
    ".persona-meta{margin:2px 0 0;color:var(--muted);font-size:12.5px}\n"
    ".persona-desc{margin:8px 0 0;font-size:13px;white-space:pre-line}\n"
    ".persona blockquote{margin:10px 0 0;padding:6px 12px;"
    "border-left:3px solid var(--accent);background:var(--tint);"
    "border-radius:0 6px 6px 0;font-style:italic;font-size:13.5px}\n"
    ".persona h4{margin:12px 0 2px;font-size:11.5px;color:var(--muted);"
    "text-transform:uppercase;letter-spacing:.05em}\n"
    ".persona ul{margin:0;padding-left:18px;font-size:13px}\n"
    "footer{color:var(--faint);font-size:12px;text-align:center}\n"
    "@media (max-width:700px){"
    ".page{padding:12px 10px 24px}"
    ".doc-head{padding:16px 16px}"
    "h1{font-size:22px}"
    "section{padding:14px 12px}"
    ".board{min-width:calc(100px + var(--stages) * 170px)}"
    ".board col.lane-col{width:100px}"
    ".board tbody th{font-size:10.5px;text-transform:none;letter-spacing:0;"
    "padding:8px 6px;overflow-wrap:anywhere}"
    ".persona-grid{grid-template-columns:1fr}}\n"
    "@page{size:A4 landscape;margin:10mm}\n"
    "@media print{"
    "body{background:#fff;font-size:9px}"
    ".page{max-width:none;padding:0}"
    ".doc-head,section{border:0;padding:0;margin-bottom:10px;"
    "border-radius:0}"
    ".doc-head{border-top:3px solid var(--brand);padding-top:8px}"
    "h1{font-size:20px}"
    ".summary{font-size:10.5px;margin-top:4px}"
    ".facts{margin-top:8px}"
    ".facts dd{font-size:14px}"
    ".facts dt{font-size:9px}"
    "h2{font-size:13px}"
    ".lede{font-size:9px;margin-bottom:6px}"
    ".legend{font-size:9px;margin-bottom:8px}"
    ".board-scroll{overflow:visible}"
    ".board{min-width:0}"
    ".board col.lane-col{width:86px}"
    ".board th,.board td{padding:4px}"
    ".board thead th{font-size:9.5px}"
    ".stage-desc,.stage-target{font-size:7.5px}"
    ".board tbody th{position:static;font-size:7.5px;letter-spacing:0;"
    "overflow-wrap:anywhere}"
    ".card{padding:3px 5px 4px;margin-bottom:4px;border-left-width:3px}"
    ".card h3{font-size:9.5px}"
    ".card-notes{font-size:8px;margin-top:2px}"
    ".card-owner{font-size:7px}"
    ".card-meta{font-size:7.5px;margin-top:3px;gap:2px 3px}"
    ".chip{white-space:normal;padding:0 4px}"
    ".face{width:12px;height:12px}"
    ".curve-strip{height:60px}"
    ".metric{font-size:8.5px}"
    ".metric b{font-size:12px}"
    ".chart{max-height:54mm}"
    ".chart-legend{font-size:9px;margin-top:4px}"
    ".curve-values{font-size:9px}"
    "table.numbers{font-size:9px;margin-top:8px}"
    ".numbers thead th{font-size:8.5px}"
    ".note{font-size:9px}"
    ".numbers th,.numbers td{padding:3px 8px}"
    ".curve-section,.funnel-section{break-inside:avoid;"
    "page-break-inside:avoid}"
    /* Paper order: an overview page (title, figures, personas, curve),
     * then the board from the top of a page (Chromium moves a table row
     * that does not fit the rest of a page whole to the next one, which
     * would leave the first page nearly empty), then the numbers. */
    ".page{display:flex;flex-direction:column}"
    ".doc-head{order:0}.personas{order:1}.curve-section{order:2}"
    ".board-section{order:3;break-before:page;page-break-before:always}"
    ".funnel-section{order:4;break-before:page;page-break-before:always}"
    "footer{order:5}"
    ".persona-grid{grid-template-columns:repeat(3,1fr);gap:10px}"
    ".persona{padding:8px 10px}"
    ".persona h3{font-size:12px}"
    ".persona-meta{font-size:9px}"
    ".persona h4{font-size:8px;margin-top:6px}"
    ".persona-desc,.persona ul,.persona blockquote{font-size:9px}"
    "footer{margin-top:6px;font-size:8px}}\n";

/* Per-department and per-persona colors: rules on fixed class names, with
 * values only from the palette. */
static void
export_html_color_rules(struct strbuf *out, const struct map *m)
{
	const struct html_color *c;
	size_t i;

	strbuf_adds(out, ".d-none{--accent:#8a94a3;--tint:#f1f3f5}\n");
	for (i = 0; i < m->department_count; i++) {
		c = export_html_color(m->departments[i].color, i);
		strbuf_printf(out, ".d%zu{--accent:%s;--tint:%s}\n", i,
		    c->accent, c->tint);
	}
	for (i = 0; i < m->persona_count; i++) {
		c = export_html_color(m->personas[i].color, i + 3);
		strbuf_printf(out, ".p%zu{--accent:%s;--tint:%s;--pc:%s}\n", i,
		    c->accent, c->tint, c->accent);
	}
}

/* --- small pieces --------------------------------------------------------- */

/* A face whose mouth follows the emotion (-2..+2), drawn in SVG so that it
 * needs no emoji font. */
static void
export_html_face(struct strbuf *out, double emotion, enum export_lang lang)
{
	const char *color = emotion >= 0.5 ? "#2f9a4a"
	    : emotion <= -0.5              ? "#d23c3c"
	                                   : "#8a94a3";

	struct strbuf label = STRBUF_INIT;

	strbuf_adds(&label, labels_get(lang, LABEL_EMOTION));
	strbuf_addc(&label, ' ');
	export_number(&label, emotion, 1, true, lang);
	strbuf_printf(out,
	    "<svg class=\"face\" viewBox=\"0 0 20 20\" "
	    "role=\"img\" aria-label=\"%s\"><title>%s"
	    "</title><circle cx=\"10\" cy=\"10\" r=\"8.6\" fill=\"#fff\" "
	    "stroke=\"%s\" stroke-width=\"1.6\"/><circle cx=\"7\" cy=\"8\" "
	    "r=\"1.2\" fill=\"%s\"/><circle cx=\"13\" cy=\"8\" r=\"1.2\" "
	    "fill=\"%s\"/><path d=\"M6 %.1f Q10 %.1f 14 %.1f\" fill=\"none\" "
	    "stroke=\"%s\" stroke-width=\"1.6\" stroke-linecap=\"round\"/>"
	    "</svg>",
	    strbuf_str(&label), strbuf_str(&label), color, color, color,
	    12.6 - emotion * 0.3, 12.6 + emotion * 1.6, 12.6 - emotion * 0.3,
	    color);
	strbuf_free(&label);
}

static void
export_html_card(struct strbuf *out, const struct map *m, const struct card *c,
    long long users, enum export_lang lang)
{
	long dept = c->owner != NULL ? map_department_index(m, c->owner) : -1;
	long ch, pi;
	size_t i;

	if (dept >= 0)
		strbuf_printf(out, "<article class=\"card d%ld\"", dept);
	else
		strbuf_adds(out, "<article class=\"card d-none\"");
	strbuf_adds(out, " data-card=\"");
	export_html_text(out, c->id, false);
	strbuf_adds(out, "\">");
	if (dept >= 0) {
		strbuf_adds(out, "<span class=\"card-owner\">");
		export_html_text(
		    out, export_department_name(m, c->owner), false);
		strbuf_adds(out, "</span>");
	}
	strbuf_adds(out, "<h3>");
	export_html_text(
	    out, export_html_has_text(c->title) ? c->title : c->id, false);
	strbuf_adds(out, "</h3>");
	if (export_html_has_text(c->notes)) {
		strbuf_adds(out, "<p class=\"card-notes\">");
		export_html_text(out, c->notes, true);
		strbuf_adds(out, "</p>");
	}
	if (c->channel == NULL && c->personas.count == 0 && !c->has_emotion &&
	    !c->has_votes && c->tags.count == 0 && users < 0) {
		strbuf_adds(out, "</article>\n");
		return;
	}
	strbuf_adds(out, "<div class=\"card-meta\">");
	if (c->has_emotion)
		export_html_face(out, c->emotion, lang);
	if (c->channel != NULL) {
		ch = map_channel_index(m, c->channel);
		strbuf_printf(out,
		    "<span class=\"chip chip-channel\" "
		    "title=\"%s\">",
		    labels_get(lang, LABEL_CHANNEL_HINT));
		export_html_text(
		    out, export_channel_name(m, c->channel), false);
		if (ch >= 0 && m->channels[ch].kind != CHANNEL_UNSET)
			strbuf_printf(out, " \xC2\xB7 %s",
			    channel_kind_name(m->channels[ch].kind));
		strbuf_adds(out, "</span>");
	}
	for (i = 0; i < c->personas.count; i++) {
		pi = map_persona_index(m, c->personas.items[i]);
		if (pi >= 0)
			strbuf_printf(out,
			    "<span class=\"chip chip-persona "
			    "p%ld\" title=\"",
			    pi);
		else
			strbuf_adds(out,
			    "<span class=\"chip chip-persona\" "
			    "title=\"");
		export_html_text(
		    out, export_persona_name(m, c->personas.items[i]), false);
		strbuf_adds(out, "\">");
		export_html_text(
		    out, export_persona_name(m, c->personas.items[i]), false);
		strbuf_adds(out, "</span>");
	}
	if (c->has_votes)
		strbuf_printf(out,
		    "<span class=\"chip chip-votes\" "
		    "title=\"%s\">\xE2\x96\xB2 %d</span>",
		    labels_get(lang, LABEL_VOTES_HINT), c->votes);
	if (users >= 0) {
		strbuf_adds(out, "<span class=\"chip chip-measured\" title=\"");
		export_html_label(out, lang, LABEL_CARD_USERS_HINT);
		strbuf_adds(out, "\">");
		export_count(out, users, lang);
		strbuf_addc(out, ' ');
		strbuf_adds(out,
		    labels_get(lang, users == 1 ? LABEL_USER : LABEL_USERS));
		strbuf_adds(out, "</span>");
	}
	for (i = 0; i < c->tags.count; i++) {
		strbuf_adds(out, "<span class=\"chip chip-tag\">#");
		export_html_text(out, c->tags.items[i], false);
		strbuf_adds(out, "</span>");
	}
	strbuf_adds(out, "</div></article>\n");
}

/* --- the board ------------------------------------------------------------ */

/* y of an emotion (-2..+2) in a band from top to top + height. */
static double
export_html_emotion_y(double emotion, double top, double height)
{
	return top + (2.0 - emotion) / 4.0 * height;
}

/*
 * The curve across the emotion row: an SVG stretched to the row's width
 * (preserveAspectRatio none) whose x unit is one stage column, so points
 * sit at the column centers; strokes keep their width and the dots (round
 * caps on zero-length segments) stay round while stretched.
 */
static void
export_html_curve_row(struct strbuf *out, const struct map *m,
    const struct export_options *o, const struct lane *l)
{
	size_t i, n = m->stage_count;
	double avg, y;
	bool pen = false;

	strbuf_adds(out, "<tr class=\"lane curve-row\" data-lane=\"");
	export_html_text(out, l->id, false);
	strbuf_adds(out, "\"><th scope=\"row\">");
	export_html_text(out, export_lane_name(l), false);
	strbuf_printf(out, "</th><td colspan=\"%zu\">", n);
	strbuf_printf(out,
	    "<svg class=\"curve-strip\" viewBox=\"0 0 %zu 100\" "
	    "preserveAspectRatio=\"none\" role=\"img\" aria-label=\"",
	    n * 100);
	export_html_label(out, o->lang, LABEL_EXPERIENCE_CURVE_ARIA);
	strbuf_adds(out, "\">");
	strbuf_printf(out,
	    "<rect x=\"0\" y=\"0\" width=\"%zu\" height=\"50\" "
	    "fill=\"#2f9a4a\" fill-opacity=\".05\"/><rect x=\"0\" y=\"50\" "
	    "width=\"%zu\" height=\"50\" fill=\"#d23c3c\" fill-opacity="
	    "\".05\"/>",
	    n * 100, n * 100);
	strbuf_printf(out,
	    "<line x1=\"0\" y1=\"50\" x2=\"%zu\" y2=\"50\" "
	    "stroke=\"#c5ccd6\" stroke-dasharray=\"4 4\" "
	    "vector-effect=\"non-scaling-stroke\"/>",
	    n * 100);
	strbuf_adds(out,
	    "<path fill=\"none\" stroke=\"#1d4f91\" "
	    "stroke-width=\"2.5\" stroke-linejoin=\"round\" "
	    "vector-effect=\"non-scaling-stroke\" d=\"");
	for (i = 0; i < n; i++) {
		if (!export_stage_emotion(m, i, o->persona, &avg)) {
			pen = false;
			continue;
		}
		y = export_html_emotion_y(avg, 10, 80);
		strbuf_printf(
		    out, "%s%zu %.1f ", pen ? "L" : "M", i * 100 + 50, y);
		pen = true;
	}
	strbuf_adds(out, "\"/>");
	for (i = 0; i < n; i++) {
		if (!export_stage_emotion(m, i, o->persona, &avg))
			continue;
		y = export_html_emotion_y(avg, 10, 80);
		strbuf_printf(out,
		    "<path d=\"M%zu %.1f h0\" stroke=\"%s\" "
		    "stroke-width=\"10\" stroke-linecap=\"round\" "
		    "vector-effect=\"non-scaling-stroke\"/>",
		    i * 100 + 50, y,
		    avg >= 0.5        ? "#2f9a4a"
		        : avg <= -0.5 ? "#d23c3c"
		                      : "#8a94a3");
	}
	strbuf_adds(out, "</svg><div class=\"curve-values\">");
	for (i = 0; i < n; i++) {
		if (export_stage_emotion(m, i, o->persona, &avg)) {
			strbuf_printf(out, "<span class=\"%s\">",
			    avg >= 0.5        ? "up"
			        : avg <= -0.5 ? "down"
			                      : "");
			export_number(out, avg, 1, true, o->lang);
			strbuf_adds(out, "</span>");
		} else
			strbuf_adds(out, "<span>\xE2\x80\x94</span>");
	}
	strbuf_adds(out, "</div></td></tr>\n");
}

static void
export_html_metrics_cell(struct strbuf *out, const struct map *m,
    const struct export_funnel *f, size_t si, enum export_lang lang)
{
	const struct export_funnel_stage *fs;
	double gap;

	fs = &f->stages[si];
	strbuf_adds(out, "<div class=\"metric\"><b>");
	export_count(out, fs->users, lang);
	strbuf_adds(out, "</b>");
	strbuf_adds(
	    out, labels_get(lang, fs->users == 1 ? LABEL_USER : LABEL_USERS));
	if (si > 0 && isfinite(fs->conversion_step)) {
		strbuf_adds(out, "<br>");
		export_percent(out, fs->conversion_step, lang);
		strbuf_adds(out, labels_get(lang, LABEL_OF_PREVIOUS));
		if (m->stages[si].has_target) {
			gap = fs->conversion_step - m->stages[si].target;
			strbuf_printf(out, "<br><span class=\"%s\">",
			    gap < 0 ? "down" : "up");
			export_number(out, gap * 100, 1, true, lang);
			strbuf_printf(out, " %s %s</span>",
			    labels_get(lang, LABEL_PP),
			    labels_get(lang, LABEL_VS_TARGET));
		}
	}
	strbuf_adds(out, "</div>");
}

static void
export_html_board(struct strbuf *out, const struct map *m,
    const struct export_options *o, const struct export_funnel *f)
{
	enum export_lang lang = o->lang;
	const struct stage *s;
	const struct lane *l;
	const struct card *c;
	size_t si, li, k;
	bool any_dept = false;

	strbuf_adds(
	    out, "<section class=\"board-section\" id=\"board\">\n<h2>");
	export_html_label(out, lang, LABEL_JOURNEY_BOARD);
	strbuf_adds(out, "</h2>\n<p class=\"lede\">");
	export_html_label(out, lang, LABEL_BOARD_LEDE);
	strbuf_adds(out, "</p>\n");
	for (k = 0; k < m->card_count; k++) {
		if (m->cards[k].owner != NULL)
			any_dept = true;
	}
	if (m->department_count > 0 && any_dept) {
		strbuf_adds(out, "<ul class=\"legend\" aria-label=\"");
		export_html_label(out, lang, LABEL_DEPARTMENTS_ARIA);
		strbuf_adds(out, "\">");
		for (k = 0; k < m->department_count; k++) {
			strbuf_printf(out,
			    "<li class=\"d%zu\"><span "
			    "class=\"swatch\"></span>",
			    k);
			export_html_text(out,
			    export_department_name(m, m->departments[k].id),
			    false);
			strbuf_adds(out, "</li>");
		}
		strbuf_adds(out, "</ul>\n");
	}
	if (m->stage_count == 0) {
		strbuf_adds(out, "<p class=\"cell-empty\">");
		export_html_label(out, lang, LABEL_NO_STAGES_HTML);
		strbuf_adds(out, "</p>\n</section>\n");
		return;
	}
	strbuf_printf(out,
	    "<div class=\"board-scroll\"><table class=\"board\" "
	    "style=\"--stages:%zu\">\n<colgroup><col class=\"lane-col\">"
	    "<col span=\"%zu\"></colgroup>\n<thead><tr><th scope=\"col\">"
	    "</th>",
	    m->stage_count, m->stage_count);
	for (si = 0; si < m->stage_count; si++) {
		s = &m->stages[si];
		strbuf_adds(out,
		    "<th scope=\"col\" class=\"stage\" "
		    "data-stage=\"");
		export_html_text(out, s->id, false);
		strbuf_printf(out,
		    "\"><span class=\"stage-no\">%zu</span>"
		    "<span class=\"stage-name\">",
		    si + 1);
		export_html_text(out, export_stage_name(s), false);
		strbuf_adds(out, "</span>");
		if (export_html_has_text(s->description)) {
			strbuf_adds(out, "<span class=\"stage-desc\">");
			export_html_text(out, s->description, false);
			strbuf_adds(out, "</span>");
		}
		if (s->has_target && si > 0) {
			strbuf_adds(out, "<span class=\"stage-target\">");
			export_html_label(out, lang, LABEL_TARGET_LOWER);
			strbuf_addc(out, ' ');
			export_percent(out, s->target, lang);
			export_html_label(out, lang, LABEL_OF_PREVIOUS);
			strbuf_adds(out, "</span>");
		}
		strbuf_adds(out, "</th>");
	}
	strbuf_adds(out, "</tr></thead>\n<tbody>\n");
	for (li = 0; li < m->lane_count; li++) {
		l = &m->lanes[li];
		if (l->kind == LANE_EMOTION) {
			export_html_curve_row(out, m, o, l);
			continue;
		}
		strbuf_adds(out, "<tr class=\"lane\" data-lane=\"");
		export_html_text(out, l->id, false);
		strbuf_adds(out, "\"><th scope=\"row\">");
		export_html_text(out, export_lane_name(l), false);
		strbuf_adds(out, "</th>");
		if (l->kind == LANE_METRICS && f == NULL) {
			/* One quiet cell rather than a column of blanks. */
			strbuf_printf(out,
			    "<td colspan=\"%zu\" class=\"cell-empty\">",
			    m->stage_count);
			export_html_label(out, lang, LABEL_NO_MEASURED_DATA);
			strbuf_adds(out, "</td></tr>\n");
			continue;
		}
		for (si = 0; si < m->stage_count; si++) {
			s = &m->stages[si];
			strbuf_adds(out, "<td data-stage=\"");
			export_html_text(out, s->id, false);
			strbuf_adds(out, "\">");
			if (l->kind == LANE_METRICS) {
				export_html_metrics_cell(out, m, f, si, lang);
				strbuf_adds(out, "</td>");
				continue;
			}
			for (k = 0; k < m->card_count; k++) {
				c = &m->cards[k];
				if (!export_same(c->stage, s->id) ||
				    !export_same(c->lane, l->id) ||
				    !export_card_visible(c, o))
					continue;
				export_html_card(out, m, c,
				    f != NULL && f->card_users != NULL
				        ? f->card_users[k]
				        : -1,
				    lang);
			}
			strbuf_adds(out, "</td>");
		}
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</tbody></table></div>\n</section>\n");
}

/* --- the experience curve chart ------------------------------------------ */

#define CHART_W 1000.0
#define CHART_LEFT 56.0
#define CHART_RIGHT 24.0
#define CHART_TOP 18.0
#define CHART_PLOT_H 220.0

static double
export_html_chart_x(size_t i, size_t n)
{
	double step = (CHART_W - CHART_LEFT - CHART_RIGHT) / (double)n;

	return CHART_LEFT + step * ((double)i + 0.5);
}

/* One line of the chart; returns false when no stage has a value. */
static bool
export_html_chart_line(struct strbuf *out, const struct map *m,
    const char *persona_id, const char *color, bool main_line,
    enum export_lang lang)
{
	size_t i, n = m->stage_count;
	double avg;
	bool pen = false, any = false;

	for (i = 0; i < n; i++) {
		if (export_stage_emotion(m, i, persona_id, &avg))
			any = true;
	}
	if (!any)
		return false;
	strbuf_printf(out,
	    "<path fill=\"none\" stroke=\"%s\" stroke-width="
	    "\"%s\" stroke-linejoin=\"round\" stroke-linecap=\"round\"%s d=\"",
	    color, main_line ? "3.5" : "2",
	    main_line ? "" : " stroke-dasharray=\"7 5\"");
	for (i = 0; i < n; i++) {
		if (!export_stage_emotion(m, i, persona_id, &avg)) {
			pen = false;
			continue;
		}
		strbuf_printf(out, "%s%.1f %.1f ", pen ? "L" : "M",
		    export_html_chart_x(i, n),
		    export_html_emotion_y(avg, CHART_TOP, CHART_PLOT_H));
		pen = true;
	}
	strbuf_adds(out, "\"/>\n");
	for (i = 0; i < n; i++) {
		if (!export_stage_emotion(m, i, persona_id, &avg))
			continue;
		strbuf_printf(out,
		    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" "
		    "fill=\"%s\" stroke=\"#fff\" stroke-width=\"2\"/>\n",
		    export_html_chart_x(i, n),
		    export_html_emotion_y(avg, CHART_TOP, CHART_PLOT_H),
		    main_line ? "6" : "4", color);
		if (!main_line)
			continue;
		strbuf_printf(out,
		    "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-size=\"13\" "
		    "font-weight=\"600\" fill=\"#1c2430\" stroke=\"#fff\" "
		    "stroke-width=\"4\" paint-order=\"stroke\">",
		    export_html_chart_x(i, n),
		    export_html_emotion_y(avg, CHART_TOP, CHART_PLOT_H) - 12);
		export_number(out, avg, 1, true, lang);
		strbuf_adds(out, "</text>\n");
	}
	return true;
}

static void
export_html_curve(
    struct strbuf *out, const struct map *m, const struct export_options *o)
{
	enum export_lang lang = o->lang;
	const struct html_color *c;
	size_t i, n = m->stage_count, label_w;
	double avg, y;
	bool any = false, lines = false;
	static const char *const ticks[] = {"+2", "+1", "0",
	    "\xE2\x88\x92"
	    "1",
	    "\xE2\x88\x92"
	    "2"};

	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		if (export_stage_emotion(m, i, o->persona, &avg))
			any = true;
	}
	if (!any)
		return;
	strbuf_adds(
	    out, "<section class=\"curve-section\" id=\"curve\">\n<h2>");
	export_html_label(out, lang, LABEL_EXPERIENCE_CURVE);
	strbuf_adds(out, "</h2>\n<p class=\"lede\">");
	if (o->persona != NULL) {
		export_html_label(out, lang, LABEL_CURVE_PERSONA_BEFORE);
		export_html_text(
		    out, export_persona_name(m, o->persona), false);
		export_html_label(out, lang, LABEL_CURVE_PERSONA_AFTER);
	} else
		export_html_label(out, lang, LABEL_CURVE_ALL);
	strbuf_adds(out, "</p>\n");
	strbuf_printf(out,
	    "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" "
	    "role=\"img\" aria-label=\"",
	    CHART_W, CHART_TOP + CHART_PLOT_H + 56);
	export_html_label(out, lang, LABEL_EXPERIENCE_CURVE_ARIA);
	strbuf_adds(out, "\">\n");
	strbuf_printf(out,
	    "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" "
	    "height=\"%.0f\" fill=\"#2f9a4a\" fill-opacity=\".06\"/>\n",
	    CHART_LEFT, CHART_TOP, CHART_W - CHART_LEFT - CHART_RIGHT,
	    CHART_PLOT_H / 2);
	strbuf_printf(out,
	    "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" "
	    "height=\"%.0f\" fill=\"#d23c3c\" fill-opacity=\".06\"/>\n",
	    CHART_LEFT, CHART_TOP + CHART_PLOT_H / 2,
	    CHART_W - CHART_LEFT - CHART_RIGHT, CHART_PLOT_H / 2);
	for (i = 0; i < 5; i++) {
		y = CHART_TOP + CHART_PLOT_H * (double)i / 4.0;
		strbuf_printf(out,
		    "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" "
		    "y2=\"%.1f\" stroke=\"%s\"%s/>\n<text x=\"%.0f\" "
		    "y=\"%.1f\" "
		    "text-anchor=\"end\" font-size=\"12\" fill=\"#5d6878\">%s"
		    "</text>\n",
		    CHART_LEFT, y, CHART_W - CHART_RIGHT, y,
		    i == 2 ? "#9aa5b1" : "#e3e7ec",
		    i == 2 ? " stroke-dasharray=\"5 4\"" : "", CHART_LEFT - 10,
		    y + 4, ticks[i]);
	}
	label_w =
	    (size_t)((CHART_W - CHART_LEFT - CHART_RIGHT) / (double)n / 7.5);
	if (label_w < 4)
		label_w = 4;
	for (i = 0; i < n; i++) {
		strbuf_printf(out,
		    "<text x=\"%.1f\" y=\"%.0f\" text-anchor="
		    "\"middle\" font-size=\"13\" font-weight=\"600\" "
		    "fill=\"#1c2430\">",
		    export_html_chart_x(i, n), CHART_TOP + CHART_PLOT_H + 26);
		export_html_text_cut(
		    out, export_stage_name(&m->stages[i]), label_w);
		strbuf_adds(out, "<title>");
		export_html_text(out, export_stage_name(&m->stages[i]), false);
		strbuf_adds(out, "</title></text>\n");
	}
	/* Persona lines under the main one. */
	if (o->persona == NULL) {
		for (i = 0; i < m->persona_count; i++) {
			c = export_html_color(m->personas[i].color, i + 3);
			if (export_html_chart_line(out, m, m->personas[i].id,
			        c->accent, false, lang))
				lines = true;
		}
	}
	export_html_chart_line(out, m, o->persona, "#1d4f91", true, lang);
	strbuf_adds(out, "</svg>\n");
	if (lines) {
		strbuf_adds(out,
		    "<ul class=\"chart-legend\"><li><span "
		    "class=\"line-key\" style=\"--accent:#1d4f91\"></span>");
		export_html_label(out, lang, LABEL_ALL_TOUCHPOINTS);
		strbuf_adds(out, "</li>");
		for (i = 0; i < m->persona_count; i++) {
			strbuf_printf(out,
			    "<li class=\"p%zu\"><span class="
			    "\"line-key dashed\"></span>",
			    i);
			export_html_text(out,
			    export_persona_name(m, m->personas[i].id), false);
			strbuf_adds(out, "</li>");
		}
		strbuf_adds(out, "</ul>\n");
	}
	strbuf_adds(out, "</section>\n");
}

/* --- the funnel ----------------------------------------------------------- */

static void
export_html_funnel_chart(struct strbuf *out, const struct map *m,
    const struct export_funnel *f, enum export_lang lang)
{
	size_t i, n = m->stage_count, label_w;
	double top = 0, step, bar_w, x, h, y, base = 250, plot = 200, ty;
	const struct export_funnel_stage *fs;
	const struct stage *s;

	for (i = 0; i < n; i++) {
		if ((double)f->stages[i].users > top)
			top = (double)f->stages[i].users;
	}
	if (top <= 0)
		top = 1;
	step = (CHART_W - 40) / (double)n;
	bar_w = step * 0.56;
	label_w = (size_t)(step / 7.5);
	if (label_w < 4)
		label_w = 4;
	strbuf_printf(out,
	    "<svg class=\"chart\" viewBox=\"0 0 %.0f 310\" "
	    "role=\"img\" aria-label=\"",
	    CHART_W);
	export_html_label(out, lang, LABEL_USERS_PER_STAGE_ARIA);
	strbuf_adds(out, "\">\n");
	strbuf_printf(out,
	    "<line x1=\"20\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" "
	    "stroke=\"#9aa5b1\"/>\n",
	    base, CHART_W - 20, base);
	for (i = 0; i < n; i++) {
		fs = &f->stages[i];
		s = &m->stages[i];
		x = 20 + step * (double)i + (step - bar_w) / 2;
		h = (double)fs->users / top * plot;
		y = base - h;
		strbuf_printf(out,
		    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" rx=\"4\" fill=\"#1d4f91\" fill-opacity="
		    "\"%.2f\"/>\n",
		    x, y, bar_w, h > 0 ? h : 0.5,
		    0.95 - 0.5 * (double)i / (double)(n > 1 ? n - 1 : 1));
		strbuf_printf(out,
		    "<text x=\"%.1f\" y=\"%.1f\" text-anchor="
		    "\"middle\" font-size=\"14\" font-weight=\"650\" "
		    "fill=\"#1c2430\">",
		    x + bar_w / 2, y - 8);
		export_count(out, fs->users, lang);
		strbuf_adds(out, "</text>\n");
		if (i > 0 && s->has_target && f->stages[i - 1].users > 0) {
			ty = base -
			    (double)f->stages[i - 1].users * s->target / top *
			        plot;
			strbuf_printf(out,
			    "<line x1=\"%.1f\" y1=\"%.1f\" "
			    "x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			    "stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/>\n",
			    x - 8, ty, x + bar_w + 8, ty,
			    fs->conversion_step < s->target ? "#d23c3c"
			                                    : "#2f9a4a");
		}
		strbuf_printf(out,
		    "<text x=\"%.1f\" y=\"%.0f\" text-anchor="
		    "\"middle\" font-size=\"13\" font-weight=\"600\" "
		    "fill=\"#1c2430\">",
		    x + bar_w / 2, base + 22);
		export_html_text_cut(out, export_stage_name(s), label_w);
		strbuf_adds(out, "</text>\n");
		if (i > 0 && isfinite(fs->conversion_step)) {
			strbuf_printf(out,
			    "<text x=\"%.1f\" y=\"%.0f\" "
			    "text-anchor=\"middle\" font-size=\"12\" "
			    "fill=\"%s\">",
			    x + bar_w / 2, base + 42,
			    s->has_target && fs->conversion_step < s->target
			        ? "#d23c3c"
			        : "#5d6878");
			export_percent(out, fs->conversion_step, lang);
			if (s->has_target) {
				strbuf_adds(out, " (");
				export_html_label(
				    out, lang, LABEL_TARGET_LOWER);
				strbuf_addc(out, ' ');
				export_percent(out, s->target, lang);
				strbuf_adds(out, ")");
			}
			strbuf_adds(out, "</text>\n");
		}
	}
	strbuf_adds(out, "</svg>\n");
}

static void
export_html_funnel(struct strbuf *out, const struct map *m,
    const struct export_options *o, const struct export_funnel *f)
{
	static const enum label_id columns[] = {
	    LABEL_COL_STAGE,
	    LABEL_COL_USERS,
	    LABEL_COL_DROP_OFF,
	    LABEL_COL_STEP_CONVERSION,
	    LABEL_COL_TARGET,
	    LABEL_COL_GAP,
	    LABEL_COL_TOTAL_CONVERSION,
	    LABEL_COL_MEDIAN_TIME,
	};
	enum export_lang lang = o->lang;
	struct strbuf period = STRBUF_INIT;
	const struct export_funnel_stage *fs;
	const struct stage *s;
	size_t i;
	double gap;

	strbuf_adds(
	    out, "<section class=\"funnel-section\" id=\"funnel\">\n<h2>");
	export_html_label(out, lang, LABEL_PLANNED_VS_MEASURED);
	strbuf_adds(out, "</h2>\n<p class=\"lede\">");
	export_html_label(out, lang, LABEL_FUNNEL_LEDE_HTML);
	export_duration(out, (double)f->window_seconds, lang);
	export_html_label(out, lang, LABEL_FUNNEL_AFTER_WINDOW_HTML);
	if (f->since != NULL || f->until != NULL) {
		strbuf_adds(out, ", ");
		export_period(&period, f, lang);
		export_html_text(out, strbuf_str(&period), false);
		strbuf_free(&period);
	}
	if (o->persona != NULL) {
		strbuf_adds(out, ", ");
		export_html_label(out, lang, LABEL_PERSONA_LOWER);
		export_html_text(
		    out, export_persona_name(m, o->persona), false);
	}
	export_html_label(out, lang, LABEL_FUNNEL_MARKS_HTML);
	strbuf_adds(out, "</p>\n");
	export_html_funnel_chart(out, m, f, lang);
	strbuf_adds(out, "<table class=\"numbers\">\n<thead><tr>");
	for (i = 0; i < sizeof columns / sizeof *columns; i++) {
		strbuf_adds(out, "<th scope=\"col\">");
		export_html_label(out, lang, columns[i]);
		strbuf_adds(out, "</th>");
	}
	strbuf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < m->stage_count; i++) {
		s = &m->stages[i];
		fs = &f->stages[i];
		strbuf_adds(out, "<tr data-stage=\"");
		export_html_text(out, s->id, false);
		strbuf_adds(out, "\"><td>");
		export_html_text(out, export_stage_name(s), false);
		strbuf_adds(out, "</td><td>");
		export_count(out, fs->users, lang);
		strbuf_adds(out, "</td><td>");
		if (i > 0)
			export_count(out, fs->drop_off, lang);
		else
			strbuf_adds(out, "\xE2\x80\x94");
		strbuf_adds(out, "</td><td>");
		if (i > 0 && isfinite(fs->conversion_step))
			export_percent(out, fs->conversion_step, lang);
		else
			strbuf_adds(out, "\xE2\x80\x94");
		strbuf_adds(out, "</td><td>");
		if (i > 0 && s->has_target)
			export_percent(out, s->target, lang);
		else
			strbuf_adds(out, "\xE2\x80\x94");
		strbuf_adds(out, "</td><td>");
		if (i > 0 && s->has_target && isfinite(fs->conversion_step)) {
			gap = fs->conversion_step - s->target;
			strbuf_printf(out, "<span class=\"%s\">",
			    gap < 0 ? "down" : "up");
			export_number(out, gap * 100, 1, true, lang);
			strbuf_printf(
			    out, " %s</span>", labels_get(lang, LABEL_PP));
		} else
			strbuf_adds(out, "\xE2\x80\x94");
		strbuf_adds(out, "</td><td>");
		if (isfinite(fs->conversion_total))
			export_percent(out, fs->conversion_total, lang);
		else
			strbuf_adds(out, "\xE2\x80\x94");
		strbuf_adds(out, "</td><td>");
		if (i > 0 && fs->has_median && isfinite(fs->median_seconds))
			export_duration(out, fs->median_seconds, lang);
		else
			strbuf_adds(out, "\xE2\x80\x94");
		strbuf_adds(out, "</td></tr>\n");
	}
	strbuf_adds(out, "</tbody></table>\n");
	if (f->incomplete > 0) {
		strbuf_adds(out, "<p class=\"note\">");
		export_count(out, f->incomplete, lang);
		export_html_label(out, lang,
		    f->incomplete == 1 ? LABEL_INCOMPLETE_ONE_HTML
		                       : LABEL_INCOMPLETE_MANY_HTML);
		export_html_label(out, lang, LABEL_INCOMPLETE_TAIL_HTML);
		strbuf_adds(out, "</p>\n");
	}
	strbuf_adds(out, "</section>\n");
}

/* --- personas ------------------------------------------------------------- */

static void
export_html_list(
    struct strbuf *out, const char *heading, const struct strlist *l)
{
	size_t i;

	if (l->count == 0)
		return;
	strbuf_printf(out, "<h4>%s</h4><ul>", heading);
	for (i = 0; i < l->count; i++) {
		strbuf_adds(out, "<li>");
		export_html_text(out, l->items[i], false);
		strbuf_adds(out, "</li>");
	}
	strbuf_adds(out, "</ul>");
}

static void
export_html_personas(
    struct strbuf *out, const struct map *m, const struct export_options *o)
{
	enum export_lang lang = o->lang;
	const struct persona *p;
	size_t i;
	bool meta;

	if (m->persona_count == 0)
		return;
	strbuf_adds(out, "<section class=\"personas\" id=\"personas\">\n<h2>");
	export_html_label(out, lang, LABEL_PERSONAS);
	strbuf_adds(out, "</h2>\n<p class=\"lede\">");
	export_html_label(out, lang, LABEL_PERSONAS_LEDE);
	strbuf_adds(out, "</p>\n<div class=\"persona-grid\">\n");
	for (i = 0; i < m->persona_count; i++) {
		p = &m->personas[i];
		if (o->persona != NULL && !export_same(p->id, o->persona))
			continue;
		strbuf_printf(out,
		    "<article class=\"persona p%zu\" "
		    "data-persona=\"",
		    i);
		export_html_text(out, p->id, false);
		strbuf_adds(out, "\"><h3>");
		export_html_text(out, export_persona_name(m, p->id), false);
		strbuf_adds(out, "</h3>");
		meta = p->has_age || export_html_has_text(p->occupation);
		if (meta) {
			strbuf_adds(out, "<p class=\"persona-meta\">");
			if (p->has_age) {
				strbuf_printf(out, "%d", p->age);
				export_html_label(out, lang, LABEL_YEARS);
			}
			if (p->has_age && export_html_has_text(p->occupation))
				strbuf_adds(out, " \xC2\xB7 ");
			if (export_html_has_text(p->occupation))
				export_html_text(out, p->occupation, false);
			strbuf_adds(out, "</p>");
		}
		if (export_html_has_text(p->description)) {
			strbuf_adds(out, "<p class=\"persona-desc\">");
			export_html_text(out, p->description, true);
			strbuf_adds(out, "</p>");
		}
		if (export_html_has_text(p->quote)) {
			strbuf_adds(out, "<blockquote>\xE2\x80\x9C");
			export_html_text(out, p->quote, false);
			strbuf_adds(out, "\xE2\x80\x9D</blockquote>");
		}
		export_html_list(out, labels_get(lang, LABEL_GOALS), &p->goals);
		export_html_list(out, labels_get(lang, LABEL_FRUSTRATIONS),
		    &p->frustrations);
		strbuf_adds(out, "</article>\n");
	}
	strbuf_adds(out, "</div>\n</section>\n");
}

/* --- the page ------------------------------------------------------------- */

/* One key figure of the header: a count under its label. */
static void
export_html_fact(struct strbuf *out, enum label_id label, size_t count,
    enum export_lang lang)
{
	strbuf_adds(out, "<div><dt>");
	export_html_label(out, lang, label);
	strbuf_printf(out, "</dt><dd>%zu</dd></div>", count);
}

static void
export_html_head(struct strbuf *out, const struct map *m,
    const struct export_options *o, const struct export_funnel *f)
{
	enum export_lang lang = o->lang;
	const char *map_title = labels_get(lang, LABEL_MAP_TITLE);
	size_t i, cards = 0;

	for (i = 0; i < m->card_count; i++) {
		if (export_card_visible(&m->cards[i], o))
			cards++;
	}
	strbuf_adds(out, "<header class=\"doc-head\">\n<p class=\"eyebrow\">");
	export_html_text(out, map_title, false);
	strbuf_adds(out, "</p>\n<h1>");
	export_html_text(
	    out, export_html_has_text(m->title) ? m->title : map_title, false);
	strbuf_adds(out, "</h1>\n");
	if (export_html_has_text(m->summary)) {
		strbuf_adds(out, "<p class=\"summary\">");
		export_html_text(out, m->summary, true);
		strbuf_adds(out, "</p>\n");
	}
	strbuf_adds(out, "<dl class=\"facts\">");
	export_html_fact(out, LABEL_STAGES, m->stage_count, lang);
	export_html_fact(out, LABEL_TOUCHPOINTS, cards, lang);
	export_html_fact(out, LABEL_PERSONAS, m->persona_count, lang);
	export_html_fact(out, LABEL_DEPARTMENTS, m->department_count, lang);
	export_html_fact(out, LABEL_CHANNELS, m->channel_count, lang);
	if (f != NULL) {
		strbuf_adds(out, "<div><dt>");
		export_html_label(out, lang, LABEL_USERS_MEASURED);
		strbuf_adds(out, "</dt><dd>");
		export_count(out, f->stages[0].users, lang);
		strbuf_adds(out, "</dd></div><div><dt>");
		export_html_label(out, lang, LABEL_REACHED_LAST_STAGE);
		strbuf_adds(out, "</dt><dd>");
		export_percent(
		    out, f->stages[m->stage_count - 1].conversion_total, lang);
		strbuf_adds(out, "</dd></div>");
	}
	strbuf_adds(out, "</dl>\n");
	if (o->persona != NULL) {
		strbuf_adds(out, "<p class=\"filter\">");
		export_html_label(out, lang, LABEL_SEEN_BY_PERSONA);
		strbuf_adds(out, "<b>");
		export_html_text(
		    out, export_persona_name(m, o->persona), false);
		strbuf_adds(out, "</b></p>\n");
	}
	strbuf_adds(out, "</header>\n");
}

void
export_html(
    const struct map *m, const struct export_options *o, struct strbuf *out)
{
	const struct export_funnel *f = export_funnel_for(m, o);
	const char *map_title = labels_get(o->lang, LABEL_MAP_TITLE);

	strbuf_printf(out,
	    "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
	    "<meta name=\"generator\" content=\"waymark\">\n<title>",
	    labels_lang_name(o->lang));
	export_html_text(
	    out, export_html_has_text(m->title) ? m->title : map_title, false);
	strbuf_adds(out, "</title>\n<style>\n");
	strbuf_adds(out, export_html_css);
	export_html_color_rules(out, m);
	strbuf_adds(out, "</style>\n</head>\n<body>\n<div class=\"page\">\n");
	export_html_head(out, m, o, f);
	export_html_board(out, m, o, f);
	export_html_curve(out, m, o);
	if (f != NULL)
		export_html_funnel(out, m, o, f);
	export_html_personas(out, m, o);
	strbuf_adds(out, "<footer>");
	export_html_label(out, o->lang, LABEL_FOOTER);
	strbuf_adds(out, "</footer>\n</div>\n</body>\n</html>\n");
}
