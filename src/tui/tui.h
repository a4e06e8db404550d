/*
 * tui.h - the board: the interactive journey-map editor.
 *
 * main.c parses `waymark [--theme NAME] [--read-only] [MAP]` and calls
 * tui_run, which owns the terminal until the user quits.
 */
#ifndef WAYMARK_TUI_H
#define WAYMARK_TUI_H

struct tui_options {
	const char *theme; /* theme name or path; NULL: "default" */
	int read_only;     /* present only: every edit is refused */
	int overlay;       /* start loading the measured numbers (key o) */
};

/*
 * Open the map at path (NULL or a missing file: a new map from the
 * default template, saved to path) on the board and run until the user
 * quits.  Returns the exit status: 0, or 1 when the map cannot be opened
 * (the reason printed on stderr after the terminal is restored).
 */
int tui_run(const char *path, const struct tui_options *opts);

#endif
