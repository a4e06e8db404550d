/*
 * labels.c - the exports' words in English and Italian (see labels.h).
 *
 * The Italian is the register of an Italian consultancy's deliverable and
 * follows the vocabulary of the Italian templates (maps/ *-it.yaml):
 * "fase", "touchpoint" (invariable, as Italian marketing writes it),
 * "personas", "reparto", "canale".  Numbers take the decimal comma and the
 * thousands dot.  Apostrophes are typographic (U+2019), as in print.
 *
 * A table is an array indexed by enum label_id with designated
 * initializers, so a label added to the enum and forgotten in a table is a
 * NULL, which labels_get returns as "" and the unit tests catch
 * (test_export: every label of every language has text).
 */

#include "export/labels.h"

#include <stdlib.h>
#include <string.h>

#define APOS "\xE2\x80\x99" /* ’ */
#define MINUS "\xE2\x88\x92" /* − */
#define A_GRAVE "\xC3\xA0" /* à */
#define E_GRAVE "\xC3\xA8" /* è */
#define I_GRAVE "\xC3\xAC" /* ì */

static const char *const labels_en[LABEL_COUNT] = {
    [LABEL_DECIMAL_POINT] = ".",
    [LABEL_THOUSANDS_SEP] = ",",
    [LABEL_UNIT_DAY] = " day",
    [LABEL_UNIT_DAYS] = " days",
    [LABEL_UNIT_D] = "d",
    [LABEL_UNIT_H] = "h",
    [LABEL_UNIT_MIN] = "min",
    [LABEL_UNIT_S] = "s",
    [LABEL_PP] = "pp",
    [LABEL_PERIOD_FROM] = "entries from ",
    [LABEL_PERIOD_UNTIL] = " until ",
    [LABEL_PERIOD_ON] = " on",
    [LABEL_PERIOD_BEFORE] = "entries before ",

    [LABEL_MAP_TITLE] = "Customer journey map",
    [LABEL_MERMAID_TITLE] = "Customer journey",
    [LABEL_UNTITLED] = "untitled",
    [LABEL_SEEN_BY_PERSONA] = "Seen by persona: ",
    [LABEL_JOURNEY] = "Journey",
    [LABEL_JOURNEY_BOARD] = "Journey board",
    [LABEL_JOURNEY_DIAGRAM] = "Journey diagram",
    [LABEL_EXPERIENCE_CURVE] = "Experience curve",
    [LABEL_EXPERIENCE_CURVE_ARIA] = "experience curve",
    [LABEL_PLANNED_VS_MEASURED] = "Planned vs measured",
    [LABEL_MEASURED_JOURNEY] = "Measured journey",
    [LABEL_STAGES] = "Stages",
    [LABEL_TOUCHPOINTS] = "Touchpoints",
    [LABEL_PERSONAS] = "Personas",
    [LABEL_DEPARTMENTS] = "Departments",
    [LABEL_DEPARTMENTS_ARIA] = "departments",
    [LABEL_CHANNELS] = "Channels",
    [LABEL_USERS_MEASURED] = "Users measured",
    [LABEL_REACHED_LAST_STAGE] = "Reached the last stage",
    [LABEL_FOOTER] = "Prepared with waymark",

    [LABEL_BOARD_LEDE] =
        "Stages from left to right; each card is a touchpoint, colored by "
        "the department that owns it, with the customer's emotion (face), "
        "the channel, the personas, workshop votes (\xE2\x96\xB2) and tags.",
    [LABEL_NO_STAGES_HTML] = "This map has no stages yet.",
    [LABEL_NO_STAGES_MD] = "The map has no stages yet.",
    [LABEL_NO_STAGES_TXT] = "(no stages)",
    [LABEL_NO_MEASURED_DATA] = "No measured data attached to this map.",
    [LABEL_CHANNEL_HINT] = "channel",
    [LABEL_VOTES_HINT] = "votes",
    [LABEL_CARD_USERS_HINT] = "distinct users of this touchpoint's event",
    [LABEL_EMOTION] = "emotion",
    [LABEL_POSITIVE] = "positive",
    [LABEL_NEGATIVE] = "negative",
    [LABEL_NEUTRAL] = "neutral",
    [LABEL_USER] = "user",
    [LABEL_USERS] = "users",
    [LABEL_TOUCHPOINT] = "touchpoint",
    [LABEL_TOUCHPOINTS_LOWER] = "touchpoints",
    [LABEL_OF_PREVIOUS] = " of previous",
    [LABEL_TARGET_LOWER] = "target",
    [LABEL_VS_TARGET] = "vs target",

    [LABEL_CURVE_PERSONA_BEFORE] = "How ",
    [LABEL_CURVE_PERSONA_AFTER] =
        " feels at each stage: the average emotion of the touchpoints "
        "that concern this persona, from " MINUS "2 to +2.",
    [LABEL_CURVE_ALL] =
        "How customers feel at each stage: the average emotion of the "
        "stage's touchpoints, from " MINUS "2 to +2.",
    [LABEL_ALL_TOUCHPOINTS] = "All touchpoints",

    [LABEL_USERS_PER_STAGE_ARIA] = "users per stage",
    [LABEL_FUNNEL_LEDE_HTML] =
        "Distinct users who reached each stage in order within ",
    [LABEL_FUNNEL_AFTER_WINDOW_HTML] = " of entering the journey",
    [LABEL_PERSONA_LOWER] = "persona ",
    [LABEL_FUNNEL_MARKS_HTML] =
        ". Dashed marks: the planned conversion (green when met, red when "
        "missed).",
    [LABEL_FUNNEL_LEDE_MD] = "Distinct users reaching each stage, in "
                             "order, within a conversion window of ",
    [LABEL_ONLY_ENTERED_AS_MD] = " Only users who entered as ",
    [LABEL_COUNTED_MD] = " Counted: ",
    [LABEL_INSIDE_WINDOW_ONE_MD] = " user is still inside its window",
    [LABEL_INSIDE_WINDOW_MANY_MD] = " users are still inside their window",
    [LABEL_LOOK_WORSE_MD] =
        ", so the last stages may look worse than they will be.",
    [LABEL_FUNNEL_LEDE_TXT] = "Distinct users in order, window ",
    [LABEL_ENTERED_AS_TXT] = "; users who entered as ",
    [LABEL_INSIDE_WINDOW_TXT] = " still inside the window",
    [LABEL_INCOMPLETE_ONE_HTML] =
        " user entered so recently that its window has not closed yet",
    [LABEL_INCOMPLETE_MANY_HTML] = " users entered so recently that their "
                                   "window has not closed yet",
    [LABEL_INCOMPLETE_TAIL_HTML] = "; the last stages may still grow.",
    [LABEL_COL_STAGE] = "Stage",
    [LABEL_COL_USERS] = "Users",
    [LABEL_COL_DROP_OFF] = "Drop-off",
    [LABEL_COL_STEP_CONVERSION] = "Step conversion",
    [LABEL_COL_STEP_CONVERSION_MD] = "Conversion (step)",
    [LABEL_COL_TARGET] = "Target",
    [LABEL_COL_GAP] = "Gap",
    [LABEL_COL_TOTAL_CONVERSION] = "Total conversion",
    [LABEL_COL_TOTAL_CONVERSION_MD] = "Conversion (total)",
    [LABEL_COL_MEDIAN_TIME] = "Median time",

    [LABEL_PERSONAS_LEDE] = "Who the journey is for.",
    [LABEL_AGE] = "Age ",
    [LABEL_YEARS] = " years",
    [LABEL_SEGMENT] = "segment ",
    [LABEL_GOALS] = "Goals",
    [LABEL_FRUSTRATIONS] = "Frustrations",
    [LABEL_COL_DEPARTMENT] = "Department",
    [LABEL_COL_TOUCHPOINTS_OWNED] = "Touchpoints owned",
};

static const char *const labels_it[LABEL_COUNT] = {
    [LABEL_DECIMAL_POINT] = ",",
    [LABEL_THOUSANDS_SEP] = ".",
    [LABEL_UNIT_DAY] = " giorno",
    [LABEL_UNIT_DAYS] = " giorni",
    [LABEL_UNIT_D] = "gg",
    [LABEL_UNIT_H] = "h",
    [LABEL_UNIT_MIN] = "min",
    [LABEL_UNIT_S] = "s",
    [LABEL_PP] = "p.p.",
    [LABEL_PERIOD_FROM] = "ingressi dal ",
    [LABEL_PERIOD_UNTIL] = " al ",
    [LABEL_PERIOD_ON] = " in poi",
    [LABEL_PERIOD_BEFORE] = "ingressi prima del ",

    [LABEL_MAP_TITLE] = "Mappa del customer journey",
    [LABEL_MERMAID_TITLE] = "Percorso del cliente",
    [LABEL_UNTITLED] = "senza titolo",
    [LABEL_SEEN_BY_PERSONA] = "Dal punto di vista di: ",
    [LABEL_JOURNEY] = "Percorso",
    [LABEL_JOURNEY_BOARD] = "Mappa del percorso",
    [LABEL_JOURNEY_DIAGRAM] = "Diagramma del percorso",
    [LABEL_EXPERIENCE_CURVE] = "Curva dell" APOS "esperienza",
    [LABEL_EXPERIENCE_CURVE_ARIA] = "curva dell" APOS "esperienza",
    [LABEL_PLANNED_VS_MEASURED] = "Previsto e misurato",
    [LABEL_MEASURED_JOURNEY] = "Percorso misurato",
    [LABEL_STAGES] = "Fasi",
    [LABEL_TOUCHPOINTS] = "Touchpoint",
    [LABEL_PERSONAS] = "Personas",
    [LABEL_DEPARTMENTS] = "Reparti",
    [LABEL_DEPARTMENTS_ARIA] = "reparti",
    [LABEL_CHANNELS] = "Canali",
    [LABEL_USERS_MEASURED] = "Utenti misurati",
    [LABEL_REACHED_LAST_STAGE] = "Arrivati all" APOS "ultima fase",
    [LABEL_FOOTER] = "Realizzato con waymark",

    [LABEL_BOARD_LEDE] =
        "Le fasi si leggono da sinistra a destra; ogni scheda " E_GRAVE
        " un touchpoint, colorata secondo il reparto che ne " E_GRAVE
        " responsabile, con l" APOS "emozione del cliente (la faccina), il "
        "canale, le personas, i voti del workshop (\xE2\x96\xB2) e i tag.",
    [LABEL_NO_STAGES_HTML] = "Questa mappa non ha ancora fasi.",
    [LABEL_NO_STAGES_MD] = "La mappa non ha ancora fasi.",
    [LABEL_NO_STAGES_TXT] = "(nessuna fase)",
    [LABEL_NO_MEASURED_DATA] = "Nessun dato misurato collegato a questa mappa.",
    [LABEL_CHANNEL_HINT] = "canale",
    [LABEL_VOTES_HINT] = "voti",
    [LABEL_CARD_USERS_HINT] =
        "utenti distinti dell" APOS "evento di questo touchpoint",
    [LABEL_EMOTION] = "emozione",
    [LABEL_POSITIVE] = "positiva",
    [LABEL_NEGATIVE] = "negativa",
    [LABEL_NEUTRAL] = "neutra",
    [LABEL_USER] = "utente",
    [LABEL_USERS] = "utenti",
    [LABEL_TOUCHPOINT] = "touchpoint",
    [LABEL_TOUCHPOINTS_LOWER] = "touchpoint",
    [LABEL_OF_PREVIOUS] = " della fase precedente",
    [LABEL_TARGET_LOWER] = "obiettivo",
    [LABEL_VS_TARGET] = "rispetto all" APOS "obiettivo",

    [LABEL_CURVE_PERSONA_BEFORE] = "Come si sente ",
    [LABEL_CURVE_PERSONA_AFTER] =
        " in ogni fase: la media delle emozioni dei touchpoint che "
        "riguardano questa persona, da " MINUS "2 a +2.",
    [LABEL_CURVE_ALL] =
        "Come si sentono i clienti in ogni fase: la media delle emozioni "
        "dei touchpoint della fase, da " MINUS "2 a +2.",
    [LABEL_ALL_TOUCHPOINTS] = "Tutti i touchpoint",

    [LABEL_USERS_PER_STAGE_ARIA] = "utenti per fase",
    [LABEL_FUNNEL_LEDE_HTML] =
        "Utenti distinti che hanno raggiunto ogni fase, nell" APOS
        "ordine, entro ",
    [LABEL_FUNNEL_AFTER_WINDOW_HTML] = " dall" APOS "ingresso nel percorso",
    [LABEL_PERSONA_LOWER] = "persona ",
    [LABEL_FUNNEL_MARKS_HTML] =
        ". Linee tratteggiate: la conversione prevista (in verde se "
        "raggiunta, in rosso se mancata).",
    [LABEL_FUNNEL_LEDE_MD] =
        "Utenti distinti che raggiungono ogni fase, nell" APOS
        "ordine, entro una finestra di conversione di ",
    [LABEL_ONLY_ENTERED_AS_MD] = " Solo gli utenti entrati come ",
    [LABEL_COUNTED_MD] = " Periodo: ",
    [LABEL_INSIDE_WINDOW_ONE_MD] =
        " utente " E_GRAVE " ancora dentro la sua finestra",
    [LABEL_INSIDE_WINDOW_MANY_MD] =
        " utenti sono ancora dentro la loro finestra",
    [LABEL_LOOK_WORSE_MD] =
        ", quindi le ultime fasi possono sembrare peggiori di quanto "
        "saranno.",
    [LABEL_FUNNEL_LEDE_TXT] =
        "Utenti distinti nell" APOS "ordine, finestra di ",
    [LABEL_ENTERED_AS_TXT] = "; utenti entrati come ",
    [LABEL_INSIDE_WINDOW_TXT] = " ancora dentro la finestra",
    [LABEL_INCOMPLETE_ONE_HTML] =
        " utente " E_GRAVE " entrato cos" I_GRAVE
        " di recente che la sua finestra non si " E_GRAVE " ancora chiusa",
    [LABEL_INCOMPLETE_MANY_HTML] =
        " utenti sono entrati cos" I_GRAVE
        " di recente che la loro finestra non si " E_GRAVE " ancora chiusa",
    [LABEL_INCOMPLETE_TAIL_HTML] = "; le ultime fasi possono ancora "
                                   "crescere.",
    [LABEL_COL_STAGE] = "Fase",
    [LABEL_COL_USERS] = "Utenti",
    [LABEL_COL_DROP_OFF] = "Abbandoni",
    [LABEL_COL_STEP_CONVERSION] = "Conversione di fase",
    [LABEL_COL_STEP_CONVERSION_MD] = "Conversione (fase)",
    [LABEL_COL_TARGET] = "Obiettivo",
    [LABEL_COL_GAP] = "Scarto",
    [LABEL_COL_TOTAL_CONVERSION] = "Conversione totale",
    [LABEL_COL_TOTAL_CONVERSION_MD] = "Conversione (totale)",
    [LABEL_COL_MEDIAN_TIME] = "Tempo mediano",

    [LABEL_PERSONAS_LEDE] = "Per chi " E_GRAVE " pensato il percorso.",
    [LABEL_AGE] = "Et" A_GRAVE " ",
    [LABEL_YEARS] = " anni",
    [LABEL_SEGMENT] = "segmento ",
    [LABEL_GOALS] = "Obiettivi",
    [LABEL_FRUSTRATIONS] = "Frustrazioni",
    [LABEL_COL_DEPARTMENT] = "Reparto",
    [LABEL_COL_TOUCHPOINTS_OWNED] = "Touchpoint di competenza",
};

static const char *const *const labels_tables[EXPORT_LANG_COUNT] = {
    [EXPORT_LANG_EN] = labels_en,
    [EXPORT_LANG_IT] = labels_it,
};

static const char *const labels_lang_names[EXPORT_LANG_COUNT] = {
    [EXPORT_LANG_EN] = "en",
    [EXPORT_LANG_IT] = "it",
};

const char *
labels_get(enum export_lang lang, enum label_id id)
{
	const char *s;

	if ((int)lang < 0 || lang >= EXPORT_LANG_COUNT)
		lang = EXPORT_LANG_EN;
	if ((int)id < 0 || id >= LABEL_COUNT)
		return "";
	s = labels_tables[lang][id];
	/* A label missing from a table is empty rather than a crash; the
	 * tests make sure there is none (every label has text). */
	return s != NULL ? s : "";
}

const char *
labels_lang_name(enum export_lang lang)
{
	if ((int)lang < 0 || lang >= EXPORT_LANG_COUNT)
		return "?";
	return labels_lang_names[lang];
}

int
labels_lang_parse(const char *name)
{
	int lang;

	for (lang = 0; lang < EXPORT_LANG_COUNT; lang++) {
		if (strcmp(name, labels_lang_names[lang]) == 0)
			return lang;
	}
	return -1;
}

enum export_lang
labels_lang_from_locale(
    const char *lc_all, const char *lc_messages, const char *lang)
{
	const char *value = NULL;

	/* POSIX precedence for message catalogs: an empty variable is as
	 * good as unset. */
	if (lc_all != NULL && *lc_all != '\0')
		value = lc_all;
	else if (lc_messages != NULL && *lc_messages != '\0')
		value = lc_messages;
	else if (lang != NULL && *lang != '\0')
		value = lang;
	if (value != NULL && strncmp(value, "it", 2) == 0)
		return EXPORT_LANG_IT;
	return EXPORT_LANG_EN;
}

enum export_lang
labels_lang_from_env(void)
{
	return labels_lang_from_locale(
	    getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG"));
}
