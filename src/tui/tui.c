/*
 * tui.c - the board's main loop and the safety of the room's work.
 *
 * Start: load the map (or the default template for a new one), take the
 * map's lock (a second board is warned and may open read-only), take over
 * the terminal, pick the theme, and offer back the edits of a journal
 * left by a crash.  Then a loop: draw, wait for a key (at most half a
 * second, so timers run), turn the key into an action through the key
 * table, act.
 *
 * Work is never lost: within about a second and a half of a change the
 * map is written to the journal (io/journal.h), atomically; SIGTERM and
 * SIGHUP write it too before the terminal is restored; saving removes
 * it.  Signal handlers only set a flag, which the loop reads.
 *
 * A map with no file yet journals as untitled.yaml in the current
 * directory until it is saved under a name.
 *
 * The file on disk is watched: every two seconds (and before a save) its
 * mtime and size are compared with what was loaded or saved, and when
 * they differ its bytes are hashed; a real change (a `git pull`) lets the
 * user choose between the file and the board's version.
 */

#include "tui/tui.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/journal.h"
#include "io/mapio.h"
#include "io/paths.h"
#include "model/validate.h"
#include "tui/overlay.h"
#include "tui/tui-int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define TUI_TICK_MS 500
#define TUI_JOURNAL_DELAY_MS 1000
#define TUI_DISK_CHECK_MS 2000

static volatile sig_atomic_t tui_signal;

static void
tui_on_signal(int sig)
{
	tui_signal = sig;
}

long long
tui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- the file on disk ---------------------------------------------------- */

static uint64_t
tui_hash(const char *data, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Read a whole file; NULL when it cannot be read. */
static char *
tui_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	strbuf_adds(&sb, "");
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static void
tui_stamp(const char *path, struct file_stamp *st, bool with_hash)
{
	struct stat sb;
	char *data;
	size_t len;

	memset(st, 0, sizeof *st);
	if (path == NULL || stat(path, &sb) != 0)
		return;
	st->exists = true;
	st->mtime = sb.st_mtim.tv_sec;
	st->mtime_ns = sb.st_mtim.tv_nsec;
	st->size = sb.st_size;
	if (with_hash && (data = tui_read_file(path, &len)) != NULL) {
		st->hash = tui_hash(data, len);
		free(data);
	}
}

/* --- drawing -------------------------------------------------------------- */

void
tui_push_layer(struct tui *t, tui_layer_fn draw, void *arg)
{
	if (t->layer_count == TUI_MAX_LAYERS)
		return;
	t->layers[t->layer_count].draw = draw;
	t->layers[t->layer_count].arg = arg;
	t->layer_count++;
}

void
tui_pop_layer(struct tui *t)
{
	if (t->layer_count > 0)
		t->layer_count--;
}

bool
tui_modified(const struct tui *t)
{
	return t->unsaved || doc_modified(t->doc);
}

void
tui_refresh(struct tui *t)
{
	view_index_build(&t->ix, t->doc->map, &t->view);
	view_clamp(&t->view, t->doc->map, &t->ix);
}

void
tui_follow_card(struct tui *t, const char *id)
{
	size_t s, r, count, k;
	const size_t *cell;
	long idx = map_card_index(t->doc->map, id);

	if (idx < 0)
		return;
	/* The current cell first (a persona pivot shows a card twice). */
	cell = view_cell(&t->ix, t->view.stage, t->view.row, &count);
	for (k = 0; k < count; k++) {
		if (cell[k] == (size_t)idx)
			goto found;
	}
	for (s = 0; s < t->ix.stage_count; s++) {
		for (r = 0; r < t->ix.row_count; r++) {
			cell = view_cell(&t->ix, s, r, &count);
			for (k = 0; k < count; k++) {
				if (cell[k] == (size_t)idx) {
					t->view.stage = s;
					t->view.row = r;
					goto found;
				}
			}
		}
	}
	return;
found:
	view_set(&t->view.card_id, id);
}

void
tui_draw(struct tui *t)
{
	int w, h;
	size_t i;

	screen_size(&w, &h);
	if (w != t->grid.width || h != t->grid.height)
		grid_resize(&t->grid, w, h);
	t->view.modified = tui_modified(t);
	t->view.read_only = t->read_only;
	tui_refresh(t);
	overlay_update(t);
	board_view_render(&t->grid, t->doc->map, &t->view, &t->ix, t->theme,
	    &t->layout);
	/* The renderer settled the scroll: keep it. */
	t->view.first_stage = t->layout.first_stage;
	t->view.first_row = t->layout.first_row;
	t->view.cell_scroll = t->layout.cell_scroll;
	if (!t->layout.too_small) {
		for (i = 0; i < t->layer_count; i++)
			t->layers[i].draw(t, &t->grid, t->layers[i].arg);
	}
	screen_draw(&t->grid);
}

/* --- the journal and signals ---------------------------------------------- */

static void
tui_journal_now(struct tui *t)
{
	char *cause = NULL;

	if (t->read_only || t->jpath == NULL)
		return;
	if (!tui_modified(t)) {
		journal_remove(t->jpath, &cause);
		free(cause);
	} else if (journal_write(t->jpath, t->doc->map, &cause) != 0) {
		/* Say it once (it is retried every tick), and again only
		 * after it worked in between. */
		if (!t->journal_failed)
			view_status(&t->view, true, "cannot write the recovery "
			    "journal: %s; save soon", cause);
		t->journal_failed = true;
		free(cause);
		return;
	}
	t->journal_failed = false;
	t->journaled = t->doc->changes;
	t->dirty_since_ms = 0;
}

static void
tui_cleanup(struct tui *t)
{
	screen_stop();
	if (t->locked && t->jpath != NULL)
		journal_unlock(t->jpath);
	t->locked = false;
}

/* A termination signal: journal everything, give the terminal back, and
 * die of the same signal. */
static void
tui_terminate(struct tui *t, int sig)
{
	if (tui_modified(t) && !t->read_only && t->jpath != NULL) {
		char *cause = NULL;

		if (journal_write(t->jpath, t->doc->map, &cause) != 0)
			free(cause);
	}
	tui_cleanup(t);
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

static void
tui_tick(struct tui *t)
{
	long long now = tui_now_ms();

	if (tui_signal != 0)
		tui_terminate(t, (int)tui_signal);
	if (t->doc->changes != t->journaled) {
		if (t->dirty_since_ms == 0)
			t->dirty_since_ms = now;
		else if (now - t->dirty_since_ms >= TUI_JOURNAL_DELAY_MS)
			tui_journal_now(t);
	}
	if (t->path != NULL && t->layer_count == 0 &&
	    now - t->disk_checked_ms >= TUI_DISK_CHECK_MS)
		tui_check_disk(t, false);
}

int
tui_key(struct tui *t, struct screen_event *ev)
{
	int key;

	for (;;) {
		tui_draw(t);
		/* Wake often while the store loads, for its progress. */
		key = screen_read(ev, overlay_loading(t) ? 100 : TUI_TICK_MS);
		tui_tick(t);
		if (key == KEYS_TIMEOUT || key == KEYS_RESIZE)
			continue;
		return key;
	}
}

bool
tui_refuse_edit(struct tui *t)
{
	if (!t->read_only)
		return false;
	view_status(&t->view, true, "read-only: nothing can be changed "
	    "(opened with --read-only)");
	return true;
}

/* --- saving, reloading, quitting ------------------------------------------ */

static int
tui_save_to(struct tui *t, const char *path)
{
	char *cause = NULL;
	const char *why;

	if (mapio_save_file(t->doc->map, path, &cause) != 0) {
		/* The reason without the file's name (the title bar shows
		 * the map's, and another was just typed), so that where the
		 * edits are still fits the line. */
		why = cause;
		if (strncmp(cause, path, strlen(path)) == 0 &&
		    strncmp(cause + strlen(path), ": ", 2) == 0)
			why = cause + strlen(path) + 2;
		/* Say truthfully where the edits are: the journal may be on
		 * the same full disk, so write it now and look. */
		tui_journal_now(t);
		if (!tui_modified(t))
			view_status(&t->view, true, "not saved: %s; the board "
			    "has no unsaved edits (W: save as)", why);
		else if (t->jpath != NULL && !t->journal_failed)
			view_status(&t->view, true, "not saved: %s; the edits "
			    "stay here and in the journal (W: save as)", why);
		else
			view_status(&t->view, true, "not saved: %s; the edits "
			    "are only in this window (W: save as)", why);
		free(cause);
		return -1;
	}
	return 0;
}

/* The board's state after the map reached t->path. */
static void
tui_saved(struct tui *t)
{
	char *cause = NULL;

	doc_mark_saved(t->doc);
	t->unsaved = false;
	t->disk_asked = false;
	tui_stamp(t->path, &t->stamp, true);
	if (t->jpath != NULL)
		journal_remove(t->jpath, &cause);
	free(cause);
	t->journaled = t->doc->changes;
	t->dirty_since_ms = 0;
	view_status(&t->view, false, "saved %s (%zu cards)", t->path,
	    t->doc->map->card_count);
}

int
tui_save_as(struct tui *t)
{
	char *path = NULL, *cause = NULL;
	long holder;
	int lock;

	if (t->read_only) {
		view_status(&t->view, true, "read-only: not saved (opened with "
		    "--read-only)");
		return -1;
	}
	if (!dialog_prompt(t, "Save as: ", t->path != NULL ? t->path :
	    "journey.yaml", &path))
		return -1;
	if (*path == '\0') {
		free(path);
		return -1;
	}
	if (t->path != NULL && strcmp(path, t->path) == 0) {
		free(path);
		return tui_save(t);
	}
	if (access(path, F_OK) == 0 && !dialog_confirm(t,
	    "That file exists. Overwrite it?")) {
		free(path);
		return -1;
	}
	if (tui_save_to(t, path) != 0) {
		free(path);
		return -1;
	}
	/* From now on the board, the journal and the lock go by the new
	 * file; the old one stays as it was last saved. */
	if (t->jpath != NULL) {
		journal_remove(t->jpath, &cause);
		free(cause);
		cause = NULL;
		if (t->locked)
			journal_unlock(t->jpath);
		t->locked = false;
	}
	free(t->jpath);
	free(t->path);
	t->path = path;
	t->view.file_name = t->path;
	/* A file another board has open keeps that board's journal: this
	 * one journals under a name of its own, as with "edit anyway". */
	lock = journal_lock(t->path, &holder, &cause);
	t->locked = lock == 0;
	t->jpath = lock == 1 ? journal_private(t->path, (long)getpid()) :
	    xstrdup(t->path);
	free(cause);
	tui_saved(t);
	if (lock == 1)
		view_status(&t->view, true, "saved %s, which another waymark "
		    "(pid %ld) has open: the last save wins", t->path, holder);
	return 0;
}

int
tui_save(struct tui *t)
{
	if (t->read_only) {
		view_status(&t->view, true, "read-only: not saved (opened with "
		    "--read-only)");
		return -1;
	}
	if (t->path == NULL)
		return tui_save_as(t);
	tui_check_disk(t, true);
	if (t->read_only)
		return -1;
	if (tui_save_to(t, t->path) != 0)
		return -1;
	tui_saved(t);
	return 0;
}

void
tui_quit(struct tui *t)
{
	static const char *options[] = {
		"&save, then quit",
		"&quit without saving (the changes are lost)",
		"&cancel: back to the board",
	};
	const char *lines[1];
	char *line, *cause = NULL;
	int choice;

	if (!tui_modified(t) || t->read_only) {
		t->quit = true;
		return;
	}
	line = xasprintf("%s has unsaved changes.", t->path != NULL ?
	    t->path : "This new map");
	lines[0] = line;
	choice = dialog_choose(t, "Quit", lines, 1, options, 3);
	free(line);
	if (choice == 0) {
		if (tui_save(t) == 0)
			t->quit = true;
	} else if (choice == 1) {
		if (t->jpath != NULL)
			journal_remove(t->jpath, &cause);
		free(cause);
		t->unsaved = false;
		t->quit = true;
	}
}

/* Replace the doc's map with the file's. */
static void
tui_reload(struct tui *t)
{
	struct map *m;
	struct diaglist dl = {0, 0, NULL};
	char *cause = NULL;

	m = mapio_load_file(t->path, &cause);
	if (m == NULL) {
		view_status(&t->view, true, "cannot reload: %s", cause);
		free(cause);
		return;
	}
	if (validate_map(m, &dl) > 0) {
		size_t i;

		for (i = 0; i < dl.count; i++) {
			if (dl.items[i].severity == DIAG_ERROR)
				break;
		}
		view_status(&t->view, true, "not reloaded: %s:%d:%d: %s",
		    t->path, dl.items[i].line, dl.items[i].col,
		    dl.items[i].message);
		diaglist_free(&dl);
		map_destroy(m);
		return;
	}
	diaglist_free(&dl);
	doc_replace_map(t->doc, m);
	t->unsaved = false;
	tui_stamp(t->path, &t->stamp, true);
	if (t->jpath != NULL)
		journal_remove(t->jpath, &cause);
	free(cause);
	t->journaled = t->doc->changes;
	tui_refresh(t);
	view_status(&t->view, false, "reloaded %s from disk", t->path);
}

void
tui_check_disk(struct tui *t, bool force)
{
	static const char *options[] = {
		"&reload the file (drop the board's unsaved changes)",
		"&keep mine: the next save overwrites the file",
		"&write mine to another file, then reload theirs",
	};
	struct file_stamp now;
	const char *lines[2];
	char *line, *path = NULL;
	int choice;

	t->disk_checked_ms = tui_now_ms();
	if (t->path == NULL)
		return;
	tui_stamp(t->path, &now, false);
	if (now.exists == t->stamp.exists && now.mtime == t->stamp.mtime &&
	    now.mtime_ns == t->stamp.mtime_ns && now.size == t->stamp.size)
		return;
	tui_stamp(t->path, &now, true);
	if (now.exists && t->stamp.exists && now.hash == t->stamp.hash &&
	    now.size == t->stamp.size) {
		t->stamp = now; /* touched, not changed */
		return;
	}
	if (!now.exists && !t->stamp.exists)
		return;
	if (t->disk_asked && !force) {
		t->stamp = now;
		return;
	}
	if (!tui_modified(t) && now.exists) {
		tui_reload(t);
		return;
	}
	if (!now.exists) {
		view_status(&t->view, true, "%s was removed from disk; s saves "
		    "it again", t->path);
		t->stamp = now;
		t->unsaved = true;
		return;
	}
	line = xasprintf("%s changed on disk since it was opened (a git pull? "
	    "another editor?).", t->path);
	lines[0] = line;
	lines[1] = "The board has unsaved changes. Which version wins?";
	choice = dialog_choose(t, "File changed on disk", lines, 2, options, 3);
	free(line);
	switch (choice) {
	case 0:
		if (dialog_confirm(t, "Drop the board's unsaved changes?"))
			tui_reload(t);
		else {
			t->stamp = now;
			t->disk_asked = true;
		}
		break;
	case 2:
		if (dialog_prompt(t, "Write mine to: ", "", &path) &&
		    *path != '\0') {
			if (tui_save_to(t, path) == 0) {
				tui_reload(t);
				view_status(&t->view, false, "your version is "
				    "in %s; the board shows the file's", path);
			}
		}
		if (path != NULL)
			free(path);
		break;
	case 1:
	default:
		t->stamp = now;
		t->disk_asked = true;
		view_status(&t->view, false, "keeping the board's version; s "
		    "overwrites %s", t->path);
		break;
	}
}

/* --- $EDITOR ------------------------------------------------------------- */

int
tui_editor(struct tui *t, const char *text, char **out)
{
	const char *tmpdir = getenv("TMPDIR");
	char *tmpl;
	const char *editor = getenv("VISUAL");
	size_t len;
	pid_t pid;
	int fd, status;
	char *data;

	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	tmpl = xasprintf("%s/waymark-notes-XXXXXX", tmpdir);
	if ((fd = mkstemp(tmpl)) < 0) {
		view_status(&t->view, true, "cannot make a temporary file: %s",
		    strerror(errno));
		free(tmpl);
		return -1;
	}
	len = strlen(text);
	if (write(fd, text, len) != (ssize_t)len ||
	    (len > 0 && text[len - 1] != '\n' && write(fd, "\n", 1) != 1)) {
		close(fd);
		unlink(tmpl);
		free(tmpl);
		view_status(&t->view, true, "cannot write a temporary file");
		return -1;
	}
	close(fd);
	screen_suspend();
	pid = fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		setenv("WAYMARK_EDITOR", editor, 1);
		execl("/bin/sh", "sh", "-c", "exec $WAYMARK_EDITOR \"$1\"",
		    "sh", tmpl, (char *)NULL);
		_exit(127);
	}
	status = -1;
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	screen_resume();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		unlink(tmpl);
		free(tmpl);
		view_status(&t->view, true, "the editor (%s) failed; nothing "
		    "changed", editor);
		return -1;
	}
	data = tui_read_file(tmpl, &len);
	unlink(tmpl);
	free(tmpl);
	if (data == NULL) {
		view_status(&t->view, true, "cannot read the edited text back");
		return -1;
	}
	*out = data;
	return 0;
}

/* --- starting ------------------------------------------------------------ */

/* A small map for when even the blank template cannot be found. */
static struct map *
tui_fallback_map(void)
{
	static const char *stages[][2] = {
		{"discover", "Discover"}, {"consider", "Consider"},
		{"buy", "Buy"}, {"use", "Use"},
	};
	struct map *m = map_create();
	struct stage s;
	struct lane l;
	size_t i;

	m->title = xstrdup("New journey map");
	for (i = 0; i < 4; i++) {
		memset(&s, 0, sizeof s);
		s.id = (char *)stages[i][0];
		s.name = (char *)stages[i][1];
		map_add_stage(m, &s);
	}
	memset(&l, 0, sizeof l);
	l.id = (char *)"touchpoints";
	l.name = (char *)"Touchpoints";
	l.kind = LANE_TOUCHPOINTS;
	l.has_kind = true;
	map_add_lane(m, &l);
	l.id = (char *)"experience";
	l.name = (char *)"Experience";
	l.kind = LANE_EMOTION;
	map_add_lane(m, &l);
	return m;
}

/* Load and validate; on failure print why and return NULL. */
static struct map *
tui_load(const char *path)
{
	struct diaglist dl = {0, 0, NULL};
	struct map *m;
	char *cause = NULL;
	size_t i, errors;

	m = mapio_load_file(path, &cause);
	if (m == NULL) {
		fprintf(stderr, "waymark: %s\n", cause);
		free(cause);
		return NULL;
	}
	errors = validate_map(m, &dl);
	if (errors > 0) {
		for (i = 0; i < dl.count; i++) {
			if (dl.items[i].severity == DIAG_ERROR)
				fprintf(stderr, "%s:%d:%d: error: %s\n", path,
				    dl.items[i].line, dl.items[i].col,
				    dl.items[i].message);
		}
		fprintf(stderr, "waymark: %s: %zu error%s; fix the file and "
		    "open it again\n", path, errors, errors == 1 ? "" : "s");
		diaglist_free(&dl);
		map_destroy(m);
		return NULL;
	}
	diaglist_free(&dl);
	return m;
}

static struct theme *
tui_theme(const char *name, bool color, char **note)
{
	struct theme *th;
	char *path, *cause = NULL;

	*note = NULL;
	if (!color)
		return theme_builtin("mono");
	if (name == NULL)
		name = "default";
	path = paths_find("themes", name);
	if (path != NULL) {
		th = theme_load_file(path, &cause);
		free(path);
		if (th != NULL)
			return th;
		*note = xasprintf("theme: %s; using the default theme", cause);
		free(cause);
		return theme_builtin("default");
	}
	if ((th = theme_builtin(name)) != NULL)
		return th;
	*note = xasprintf("no theme '%s' (default, light, projector, "
	    "colorblind, mono); using the default", name);
	return theme_builtin("default");
}

/* Count what a journal changes compared with the file. */
static void
tui_journal_diff(const struct map *file, const struct map *j,
    struct strlist *lines)
{
	size_t i, added = 0, removed = 0, changed = 0, shown = 0;
	struct strbuf sb = STRBUF_INIT;
	long k;
	char *line;

	for (i = 0; i < j->card_count; i++) {
		k = map_card_index(file, j->cards[i].id);
		if (k < 0)
			added++;
		else if (!card_equal(&file->cards[k], &j->cards[i]))
			changed++;
	}
	for (i = 0; i < file->card_count; i++) {
		if (map_card_index(j, file->cards[i].id) < 0)
			removed++;
	}
	line = xasprintf("Cards: %zu added, %zu removed, %zu changed.", added,
	    removed, changed);
	strlist_append(lines, line);
	free(line);
	if (j->stage_count != file->stage_count ||
	    j->lane_count != file->lane_count ||
	    j->persona_count != file->persona_count ||
	    j->department_count != file->department_count ||
	    j->channel_count != file->channel_count) {
		line = xasprintf("Stages %zu→%zu, lanes %zu→%zu, personas "
		    "%zu→%zu, departments %zu→%zu, channels %zu→%zu.",
		    file->stage_count, j->stage_count, file->lane_count,
		    j->lane_count, file->persona_count, j->persona_count,
		    file->department_count, j->department_count,
		    file->channel_count, j->channel_count);
		strlist_append(lines, line);
		free(line);
	}
	for (i = 0; i < j->card_count && shown < 4; i++) {
		k = map_card_index(file, j->cards[i].id);
		if (k >= 0 && card_equal(&file->cards[k], &j->cards[i]))
			continue;
		strbuf_reset(&sb);
		strbuf_printf(&sb, "  %s %s", k < 0 ? "+" : "~",
		    j->cards[i].title != NULL ? j->cards[i].title :
		    j->cards[i].id);
		strlist_append(lines, strbuf_str(&sb));
		shown++;
	}
	for (i = 0; i < file->card_count && shown < 6; i++) {
		if (map_card_index(j, file->cards[i].id) >= 0)
			continue;
		strbuf_reset(&sb);
		strbuf_printf(&sb, "  - %s", file->cards[i].title != NULL ?
		    file->cards[i].title : file->cards[i].id);
		strlist_append(lines, strbuf_str(&sb));
		shown++;
	}
	if (shown < added + removed + changed) {
		line = xasprintf("  … and %zu more", added + removed + changed -
		    shown);
		strlist_append(lines, line);
		free(line);
	}
	strbuf_free(&sb);
}

/*
 * A journal from a crash: offer it back.  jp names it (t->jpath, this
 * board's own, or the private journal of a board that died while it
 * edited the map without its lock).  Returns false to quit.
 */
static bool
tui_offer_journal(struct tui *t, const char *jp)
{
	static const char *options[] = {
		"&recover the unsaved edits (then s saves them)",
		"&discard them and open the file as it is",
		"&quit and leave everything as it is",
	};
	struct strlist lines = {0, 0, NULL};
	struct map *j;
	char *cause = NULL, *head;
	int choice;

	j = journal_read(jp, &cause);
	if (j == NULL) {
		if (cause != NULL) {
			view_status(&t->view, true, "a recovery journal exists "
			    "but cannot be read: %s", cause);
			free(cause);
		}
		return true;
	}
	if (t->read_only) {
		/* Presenting changes nothing, but says what is there. */
		if (!map_equal(j, t->doc->map))
			view_status(&t->view, true, "unsaved edits from a "
			    "crashed session exist; open without --read-only "
			    "to recover them");
		map_destroy(j);
		return true;
	}
	if (map_equal(j, t->doc->map)) {
		/* Nothing new in it (saved just before the crash). */
		journal_remove(jp, &cause);
		free(cause);
		map_destroy(j);
		return true;
	}
	head = t->path != NULL ? xasprintf("%s has unsaved edits from an "
	    "earlier session that did not end well.", t->path) :
	    xstrdup("A new map was left unsaved by an earlier session that "
	    "did not end well.");
	strlist_append(&lines, head);
	free(head);
	tui_journal_diff(t->doc->map, j, &lines);
	choice = dialog_choose(t, "Recover unsaved edits?",
	    (const char *const *)lines.items, lines.count, options, 3);
	strlist_free(&lines);
	if (choice == 0) {
		doc_replace_map(t->doc, j);
		t->unsaved = true;
		t->journaled = t->doc->changes;
		if (strcmp(jp, t->jpath) != 0) {
			/* Another board's journal: the edits move to this
			 * board's own, and only then does that one go. */
			tui_journal_now(t);
			if (!t->journal_failed) {
				journal_remove(jp, &cause);
				free(cause);
				cause = NULL;
			}
		}
		tui_refresh(t);
		view_status(&t->view, false, "recovered the unsaved edits; s "
		    "saves them to %s", t->path != NULL ? t->path :
		    "a file you name");
		return true;
	}
	map_destroy(j);
	if (choice == 1) {
		journal_remove(jp, &cause);
		free(cause);
		view_status(&t->view, false, "discarded the journal");
		return true;
	}
	return false;
}

/* Another board has the map open: ask.  Returns false to quit. */
static bool
tui_offer_lock(struct tui *t, long holder)
{
	static const char *options[] = {
		"open &read-only (safe: present, change nothing)",
		"open and &edit anyway (the last save wins)",
		"&quit",
	};
	const char *lines[2];
	char *line;
	int choice;

	line = xasprintf("%s is already open in another waymark (pid %ld).",
	    t->path, holder);
	lines[0] = line;
	lines[1] = "Two boards editing one file overwrite each other's saves.";
	choice = dialog_choose(t, "Already open", lines, 2, options, 3);
	free(line);
	if (choice == 0) {
		t->read_only = true;
		return true;
	}
	return choice == 1;
}

int
tui_run(const char *path, const struct tui_options *opts)
{
	struct tui tui, *t = &tui;
	struct sigaction sa;
	struct screen_event ev;
	const struct key_binding *b;
	struct map *m;
	char *cause = NULL, *template, *note = NULL;
	long holder = 0;
	int key, lock;
	bool is_new;
	enum action a;

	memset(t, 0, sizeof *t);
	t->read_only = opts != NULL && opts->read_only;
	is_new = path == NULL || access(path, F_OK) != 0;
	if (is_new && t->read_only && path != NULL) {
		fprintf(stderr, "waymark: %s: no such map to present\n", path);
		return 1;
	}
	if (is_new) {
		template = paths_find("maps", "blank");
		m = template != NULL ? tui_load(template) : NULL;
		free(template);
		if (m == NULL)
			m = tui_fallback_map();
	} else if ((m = tui_load(path)) == NULL)
		return 1;
	t->doc = doc_create(m, 0);
	t->path = path != NULL ? xstrdup(path) : NULL;
	/* A new file the user named should not vanish unasked; a board
	 * opened with no file at all has nothing to lose until an edit. */
	t->unsaved = is_new && path != NULL;
	view_init(&t->view);
	t->view.file_name = t->path != NULL ? t->path : "(new map, not saved)";
	tui_stamp(t->path, &t->stamp, true);
	grid_init(&t->grid, 0, 0);

	lock = 0;
	if (!t->read_only) {
		t->jpath = xstrdup(t->path != NULL ? t->path : "untitled.yaml");
		lock = journal_lock(t->jpath, &holder, &cause);
		if (lock == 0)
			t->locked = true;
		else if (lock < 0) {
			free(cause);
			cause = NULL;
		} else if (t->path == NULL) {
			/* Another untitled board here: no shared journal. */
			free(t->jpath);
			t->jpath = NULL;
			lock = 0;
		}
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	{
		const char *nc = getenv("NO_COLOR");
		bool want_color = nc == NULL || *nc == '\0';

		if (screen_start(want_color, &cause) != 0) {
			fprintf(stderr, "waymark: %s\n", cause);
			free(cause);
			if (t->locked)
				journal_unlock(t->jpath);
			free(t->jpath);
			doc_destroy(t->doc);
			free(t->path);
			grid_free(&t->grid);
			return 1;
		}
		t->theme = tui_theme(opts != NULL ? opts->theme : NULL,
		    screen_has_color(), &note);
	}
	if (note != NULL) {
		view_status(&t->view, true, "%s", note);
		free(note);
	}
	tui_refresh(t);
	if (lock == 1) {
		/* The other board journals under the map's name (its journal
		 * is live, not a crash's): this one never writes or removes
		 * it, not even when it quits here or is killed during the
		 * question; if it edits, it journals under a name of its
		 * own. */
		free(t->jpath);
		t->jpath = NULL;
		if (!tui_offer_lock(t, holder))
			t->quit = true;
		else if (!t->read_only)
			t->jpath = journal_private(t->path, (long)getpid());
	}
	if (!t->quit && t->jpath != NULL && !tui_offer_journal(t, t->jpath))
		t->quit = true;
	if (!t->quit && t->read_only && lock == 0 && t->path != NULL &&
	    !journal_lock_held(t->path, NULL)) {
		/* --read-only, and no board has the map open: a journal
		 * beside it is a crash's; say so (tui_offer_journal does
		 * not touch it in read-only mode, and nothing here writes:
		 * the directory may be read-only, the lock a crash's). */
		tui_offer_journal(t, t->path);
	}
	if (!t->quit && t->jpath != NULL && t->path != NULL) {
		/* Boards that died editing without the lock. */
		struct strlist orphans = {0, 0, NULL};

		journal_orphans(t->path, &orphans);
		for (size_t k = 0; k < orphans.count && !t->quit; k++) {
			if (tui_modified(t)) {
				/* One recovery at a time: another would replace
				 * the edits just recovered.  The rest wait. */
				view_status(&t->view, false, "recovered the "
				    "unsaved edits (s saves them); %zu more "
				    "journal%s for the next start",
				    orphans.count - k,
				    orphans.count - k == 1 ? " waits" :
				    "s wait");
				break;
			}
			if (!tui_offer_journal(t, orphans.items[k]))
				t->quit = true;
		}
		strlist_free(&orphans);
	}
	if (!t->quit && opts != NULL && opts->overlay)
		overlay_toggle(t);
	if (!t->quit && t->view.status == NULL)
		view_status(&t->view, false, "%s: ? shows every key",
		    is_new ? "a new map from the blank template" :
		    t->read_only ? "read-only" : "ready");
	t->journaled = t->doc->changes;
	if (is_new && t->path != NULL && t->jpath != NULL)
		t->journaled--; /* journal the new map too */

	while (!t->quit) {
		key = tui_key(t, &ev);
		a = keys_action(KEYS_MODE_BOARD, key);
		b = keys_binding(KEYS_MODE_BOARD, a);
		free(t->view.status);
		t->view.status = NULL;
		t->view.status_error = false;
		if (b != NULL && b->edits && tui_refuse_edit(t))
			continue;
		if (a == ACT_NONE && key != KEYS_MOUSE) {
			view_status(&t->view, true, "%s: not a key here; ? "
			    "lists the keys", keys_name(key));
			continue;
		}
		actions_board(t, a, &ev);
	}

	if (!tui_modified(t) && t->jpath != NULL && !t->read_only) {
		journal_remove(t->jpath, &cause);
		free(cause);
	}
	overlay_free(t);
	tui_cleanup(t);
	view_index_free(&t->ix);
	view_free(&t->view);
	grid_free(&t->grid);
	theme_destroy(t->theme);
	doc_destroy(t->doc);
	free(t->path);
	free(t->jpath);
	return 0;
}
