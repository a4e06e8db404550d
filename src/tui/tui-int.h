/*
 * tui-int.h - what the files of the board share (not for outside tui/).
 *
 * struct tui is the running board: the doc being edited, the view, the
 * theme, the grid it draws into, and the bookkeeping that keeps the
 * room's work safe (journal, lock, what the file on disk looked like).
 *
 * Modal screens (prompts, forms, lists, dialogs) are nested loops that
 * call tui_key for each key; tui_key draws first (the board, then the
 * stack of layers the modal screens pushed), then waits, and on the way
 * handles resizes, the journal's timer, the check of the file on disk,
 * and termination signals - so none of that depends on which screen is
 * up.
 */
#ifndef WAYMARK_TUI_INT_H
#define WAYMARK_TUI_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "io/theme.h"
#include "model/edit.h"
#include "tui/board-view.h"
#include "tui/form.h"
#include "tui/grid.h"
#include "tui/keys.h"
#include "tui/screen.h"
#include "tui/view.h"

struct tui;
typedef void (*tui_layer_fn)(struct tui *, struct grid *, void *);

#define TUI_MAX_LAYERS 8

struct file_stamp {
	bool exists;
	time_t mtime;
	long mtime_ns;
	off_t size;
	uint64_t hash;
};

struct tui {
	struct doc *doc;
	char *path; /* the map's file; NULL until "save as" */
	/* The name the journal and the lock go by: path, or "untitled.yaml"
	 * (in the current directory) for a map with no file yet; NULL when
	 * there is nowhere to journal (read-only, or another board has the
	 * untitled journal). */
	char *jpath;
	struct theme *theme;
	struct view view;
	struct view_index ix;
	struct board_layout layout;
	struct grid grid;
	bool read_only;
	bool locked;  /* this process holds the map's lock */
	bool unsaved; /* content not yet in the file that no edit made: a
	               * new map, a recovered journal */
	unsigned long journaled;   /* doc->changes the journal holds */
	long long dirty_since_ms;  /* when unjournaled changes began; 0 */
	bool journal_failed;       /* said so once; quiet until it works */
	long long disk_checked_ms; /* last look at the file on disk */
	bool disk_asked;           /* the user chose "keep mine" */
	struct file_stamp stamp;   /* the file as last loaded or saved */
	struct {
		tui_layer_fn draw;
		void *arg;
	} layers[TUI_MAX_LAYERS];
	size_t layer_count;
	struct overlay *overlay; /* measured numbers; NULL until o */
	bool quit;
};

/* tui.c */
void tui_draw(struct tui *t);
int tui_key(struct tui *t, struct screen_event *ev);
void tui_push_layer(struct tui *t, tui_layer_fn draw, void *arg);
void tui_pop_layer(struct tui *t);
bool tui_modified(const struct tui *t);
/* After any change of the map or the view: rebuild the index and make
 * the cursor valid. */
void tui_refresh(struct tui *t);
/* Put the cursor on the card with this id, wherever it now is. */
void tui_follow_card(struct tui *t, const char *id);
/* Refuse an editing action in read-only mode; true when refused. */
bool tui_refuse_edit(struct tui *t);
/* Save (asking for a file name when there is none).  0 or -1. */
int tui_save(struct tui *t);
/* Save to a file the user names; the board then works on that file. */
int tui_save_as(struct tui *t);
/* Quit, asking about unsaved changes.  Sets t->quit when it goes. */
void tui_quit(struct tui *t);
/* Look at the file on disk; when it changed, let the user choose. */
void tui_check_disk(struct tui *t, bool force);
/* Edit text in $EDITOR; returns 0 and *out (caller frees), or -1. */
int tui_editor(struct tui *t, const char *text, char **out);
long long tui_now_ms(void);

/* dialog.c */
bool dialog_prompt(struct tui *t, const char *label, const char *initial,
    char **out);
bool dialog_prompt_at(struct tui *t, int x, int y, int w, const char *label,
    const char *initial, char **out);
bool dialog_confirm(struct tui *t, const char *question);
/*
 * A box with a title, some lines, and options to pick from (arrows and
 * Enter, or each option's hotkey: the character after '&' in its
 * text).  Returns the option's index, or -1 on Esc.
 */
int dialog_choose(struct tui *t, const char *title,
    const char *const *lines, size_t line_count,
    const char *const *options, size_t option_count);
void dialog_help(struct tui *t, enum keys_mode first);
/* Run a form until accepted (apply returns 0) or cancelled; true when
 * accepted.  apply gets the form and returns -1 with *cause to keep the
 * form open with the message. */
bool dialog_form(struct tui *t, struct form *f,
    int (*apply)(struct tui *, struct form *, void *, char **), void *arg);

/* actions.c */
void actions_board(struct tui *t, enum action a, const struct screen_event *ev);

/* list.c */
void list_run(struct tui *t, enum entity_kind kind);

#endif
