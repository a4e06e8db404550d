/*
 * labels.h - the words the exports write themselves, in each language.
 *
 * Every fixed text of the HTML, Markdown, text and Mermaid exports (titles,
 * headings, column names, captions, units, the decimal and thousands
 * separators) is one entry of a table per language, indexed by enum
 * label_id; the formats never spell a word of their own.  The user's text
 * (the map's titles, names, notes) is never translated.  CSV is for
 * machines and has no labels.
 *
 * Labels are plain strings, never printf formats, so a translation cannot
 * break an export: a sentence with a number in it is split into the pieces
 * around the number.  Spaces that join a label to what comes before or
 * after it are part of the label where the languages need different ones.
 */
#ifndef WAYMARK_LABELS_H
#define WAYMARK_LABELS_H

enum export_lang {
	EXPORT_LANG_EN, /* the default: zeroed options are English */
	EXPORT_LANG_IT,
	EXPORT_LANG_COUNT
};

enum label_id {
	/* Numbers, units, dates: shared by every format. */
	LABEL_DECIMAL_POINT, /* one character */
	LABEL_THOUSANDS_SEP, /* one character */
	LABEL_UNIT_DAY, /* after "1" */
	LABEL_UNIT_DAYS, /* after a whole number of days */
	LABEL_UNIT_D, /* abbreviations, after a number and a space */
	LABEL_UNIT_H,
	LABEL_UNIT_MIN,
	LABEL_UNIT_S,
	LABEL_PP, /* percentage points */
	LABEL_PERIOD_FROM, /* PERIOD_FROM since PERIOD_UNTIL until */
	LABEL_PERIOD_UNTIL,
	LABEL_PERIOD_ON, /* PERIOD_FROM since PERIOD_ON */
	LABEL_PERIOD_BEFORE, /* PERIOD_BEFORE until */

	/* Titles and headings. */
	LABEL_MAP_TITLE, /* a map without a title; the page's eyebrow */
	LABEL_MERMAID_TITLE, /* a diagram without a title */
	LABEL_UNTITLED, /* a Mermaid task or actor without a name */
	LABEL_SEEN_BY_PERSONA, /* before the persona's name */
	LABEL_JOURNEY,
	LABEL_JOURNEY_BOARD,
	LABEL_JOURNEY_DIAGRAM,
	LABEL_EXPERIENCE_CURVE,
	LABEL_EXPERIENCE_CURVE_ARIA,
	LABEL_PLANNED_VS_MEASURED,
	LABEL_MEASURED_JOURNEY,
	LABEL_STAGES,
	LABEL_TOUCHPOINTS,
	LABEL_PERSONAS,
	LABEL_DEPARTMENTS,
	LABEL_DEPARTMENTS_ARIA,
	LABEL_CHANNELS,
	LABEL_USERS_MEASURED,
	LABEL_REACHED_LAST_STAGE,
	LABEL_FOOTER,

	/* The board. */
	LABEL_BOARD_LEDE,
	LABEL_NO_STAGES_HTML,
	LABEL_NO_STAGES_MD,
	LABEL_NO_STAGES_TXT,
	LABEL_NO_MEASURED_DATA,
	LABEL_CHANNEL_HINT,
	LABEL_VOTES_HINT,
	LABEL_CARD_USERS_HINT,
	LABEL_EMOTION,
	LABEL_POSITIVE,
	LABEL_NEGATIVE,
	LABEL_NEUTRAL,
	LABEL_USER, /* after a count of one */
	LABEL_USERS, /* after any other count */
	LABEL_TOUCHPOINT, /* after a count of one */
	LABEL_TOUCHPOINTS_LOWER, /* after any other count */
	LABEL_OF_PREVIOUS, /* after a percentage */
	LABEL_TARGET_LOWER, /* before a percentage */
	LABEL_VS_TARGET, /* after a gap in percentage points */

	/* The experience curve. */
	LABEL_CURVE_PERSONA_BEFORE, /* before the persona's name */
	LABEL_CURVE_PERSONA_AFTER,
	LABEL_CURVE_ALL,
	LABEL_ALL_TOUCHPOINTS,

	/* The measured funnel. */
	LABEL_USERS_PER_STAGE_ARIA,
	LABEL_FUNNEL_LEDE_HTML, /* before the window */
	LABEL_FUNNEL_AFTER_WINDOW_HTML,
	LABEL_PERSONA_LOWER, /* before a persona's name */
	LABEL_FUNNEL_MARKS_HTML,
	LABEL_FUNNEL_LEDE_MD, /* before the window */
	LABEL_ONLY_ENTERED_AS_MD, /* before the persona's name */
	LABEL_COUNTED_MD, /* before the period */
	LABEL_INSIDE_WINDOW_ONE_MD, /* after a count */
	LABEL_INSIDE_WINDOW_MANY_MD,
	LABEL_LOOK_WORSE_MD,
	LABEL_FUNNEL_LEDE_TXT, /* before the window */
	LABEL_ENTERED_AS_TXT, /* before the persona's name */
	LABEL_INSIDE_WINDOW_TXT, /* after "N users" */
	LABEL_INCOMPLETE_ONE_HTML, /* after a count */
	LABEL_INCOMPLETE_MANY_HTML,
	LABEL_INCOMPLETE_TAIL_HTML,
	LABEL_COL_STAGE,
	LABEL_COL_USERS,
	LABEL_COL_DROP_OFF,
	LABEL_COL_STEP_CONVERSION,
	LABEL_COL_STEP_CONVERSION_MD,
	LABEL_COL_TARGET,
	LABEL_COL_GAP,
	LABEL_COL_TOTAL_CONVERSION,
	LABEL_COL_TOTAL_CONVERSION_MD,
	LABEL_COL_MEDIAN_TIME,

	/* Personas, departments. */
	LABEL_PERSONAS_LEDE,
	LABEL_AGE, /* before a number */
	LABEL_YEARS, /* after a number */
	LABEL_SEGMENT, /* before a segment */
	LABEL_GOALS,
	LABEL_FRUSTRATIONS,
	LABEL_COL_DEPARTMENT,
	LABEL_COL_TOUCHPOINTS_OWNED,

	LABEL_COUNT
};

/* The label id in language lang (an out-of-range language is English;
 * a label missing from the table is ""). The string is static. */
const char *labels_get(enum export_lang lang, enum label_id id);

/* The language's code ("en", "it") and back; labels_lang_parse returns -1
 * for a code it does not know.  LABELS_LANG_CHOICES lists them for
 * messages. */
const char *labels_lang_name(enum export_lang lang);
int labels_lang_parse(const char *name);
#define LABELS_LANG_CHOICES "en, it"

/*
 * The language of a POSIX locale setting as the exports use it: the first
 * non-empty of lc_all, lc_messages and lang (each may be NULL) decides; a
 * value that begins with "it" is Italian, anything else (and none) is
 * English.
 */
enum export_lang labels_lang_from_locale(
    const char *lc_all, const char *lc_messages, const char *lang);

/* labels_lang_from_locale of $LC_ALL, $LC_MESSAGES and $LANG: the default
 * of the CLI's --lang and of the board's export. */
enum export_lang labels_lang_from_env(void);

#endif
