/*
 * test_trust.c - the promises of issue 6 that need the library from
 * inside: the board's journal under every injected I/O fault, the edits
 * of a doc surviving a failed save, and the removal of the temporary
 * files that killed saves leave (io/atomic-cleanup.h).
 *
 * (Faults on the map file through the real binary are in
 * tests/cli/faults.sh, kills during a save in tests/cli/crash-save.sh.)
 * Temporary files go to a fresh directory under build/tmp.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/atomic-cleanup.h"
#include "io/atomic.h"
#include "io/journal.h"
#include "io/mapio.h"
#include "model/edit.h"
#include "model/map.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static char tmpdir[PATH_MAX];

static const char *const fault_steps[] = {
	"open", "write", "fsync", "chmod", "close", "rename",
};
static const int fault_errnos[] = {ENOSPC, EIO, EROFS, EACCES, EDQUOT, EIO};

static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void
write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, strlen(data), f), strlen(data));
	assert_int_equal(fclose(f), 0);
}

static char *
read_file(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb);
}

/* Names in tmpdir (dot files too), sorted, joined by spaces. */
static char *
dir_listing(void)
{
	struct dirent **names;
	struct strbuf sb = STRBUF_INIT;
	int n;

	n = scandir(tmpdir, &names, NULL, alphasort);
	assert_true(n >= 0);
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 &&
		    strcmp(names[i]->d_name, "..") != 0) {
			if (sb.len > 0)
				strbuf_addc(&sb, ' ');
			strbuf_adds(&sb, names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	return strbuf_detach(&sb);
}

static void
empty_tmpdir(void)
{
	struct dirent **names;
	int n = scandir(tmpdir, &names, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 &&
		    strcmp(names[i]->d_name, "..") != 0) {
			char *p = tmp_path(names[i]->d_name);

			unlink(p);
			free(p);
		}
		free(names[i]);
	}
	free(names);
}

static int
setup_tmpdir(void **state)
{
	(void)state;
	mkdir("build", 0755);
	mkdir("build/tmp", 0755);
	snprintf(tmpdir, sizeof tmpdir, "build/tmp/test_trust.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown_tmpdir(void **state)
{
	(void)state;
	atomic_fault_set(NULL, 0);
	empty_tmpdir();
	rmdir(tmpdir);
	return 0;
}

static struct map *
titled_map(const char *title)
{
	struct map *m = map_create();

	m->title = xstrdup(title);
	return m;
}

/*
 * The journal is written with the same atomic writer as the map: a fault
 * at any step keeps the previous journal readable and unchanged, leaves
 * no temporary file, names the journal and the step; the next write
 * succeeds.
 */
static void
test_journal_faults(void **state)
{
	char *map = tmp_path("board.yaml"), *jpath = journal_path(map);
	char *cause = NULL, *before, *after, *listing, *want;
	struct map *old = titled_map("journal before"), *m, *back;

	(void)state;
	for (size_t i = 0; i < sizeof fault_steps / sizeof fault_steps[0]; i++) {
		empty_tmpdir();
		assert_int_equal(journal_write(map, old, &cause), 0);
		before = read_file(jpath);
		m = titled_map("journal after");
		atomic_fault_set(fault_steps[i], fault_errnos[i]);
		assert_int_equal(journal_write(map, m, &cause), -1);
		atomic_fault_set(NULL, 0);
		want = xasprintf("%s failed: %s", fault_steps[i],
		    strerror(fault_errnos[i]));
		if (strstr(cause, want) == NULL ||
		    strstr(cause, ".board.yaml.waymark-journal") == NULL)
			fail_msg("step %s: message \"%s\"", fault_steps[i], cause);
		free(want);
		free(cause);
		cause = NULL;
		after = read_file(jpath);
		assert_string_equal(after, before);
		free(after);
		listing = dir_listing();
		if (strcmp(listing, ".board.yaml.waymark-journal") != 0)
			fail_msg("step %s left: %s", fault_steps[i], listing);
		free(listing);
		back = journal_read(map, &cause);
		assert_non_null(back);
		assert_string_equal(back->title, "journal before");
		map_destroy(back);
		/* the edits are still in memory, and a later write works */
		assert_string_equal(m->title, "journal after");
		assert_int_equal(journal_write(map, m, &cause), 0);
		back = journal_read(map, &cause);
		assert_non_null(back);
		assert_true(map_equal(back, m));
		map_destroy(back);
		map_destroy(m);
		free(before);
	}
	map_destroy(old);
	free(jpath);
	free(map);
}

/*
 * A doc whose save fails keeps its edits and its modified state; undo
 * still works; the file on disk is the old one; a later save succeeds
 * and writes the edits.
 */
static void
test_doc_survives_failed_save(void **state)
{
	char *path = tmp_path("doc.yaml"), *cause = NULL, *text;
	struct map *m = titled_map("on disk");
	struct doc *d;
	struct stage s;
	const char *label;

	(void)state;
	empty_tmpdir();
	assert_int_equal(mapio_save_file(m, path, &cause), 0);
	text = read_file(path);
	d = doc_create(m, 0);
	doc_mark_saved(d);
	memset(&s, 0, sizeof s);
	s.id = (char *)"discovery";
	s.name = (char *)"Discovery";
	assert_int_equal(edit_add(d, ENTITY_STAGE, 0, &s, NULL, &cause), 0);
	assert_int_equal(edit_set_meta(d, "edited", NULL, &cause), 0);
	for (size_t i = 0; i < sizeof fault_steps / sizeof fault_steps[0]; i++) {
		char *now;

		atomic_fault_set(fault_steps[i], fault_errnos[i]);
		assert_int_equal(mapio_save_file(d->map, path, &cause), -1);
		atomic_fault_set(NULL, 0);
		assert_non_null(strstr(cause, fault_steps[i]));
		free(cause);
		cause = NULL;
		assert_true(doc_modified(d));
		assert_string_equal(d->map->title, "edited");
		assert_int_equal(d->map->stage_count, 1);
		now = read_file(path);
		assert_string_equal(now, text);
		free(now);
	}
	assert_int_equal(mapio_save_file(d->map, path, &cause), 0);
	doc_mark_saved(d);
	assert_false(doc_modified(d));
	{
		struct map *back = mapio_load_file(path, &cause);

		assert_non_null(back);
		assert_true(map_equal(back, d->map));
		map_destroy(back);
	}
	assert_int_equal(edit_undo(d, &label), 0);
	assert_true(doc_modified(d));
	doc_destroy(d);
	free(text);
	free(path);
}

/* Make path look last written `age` seconds ago. */
static void
age_file(const char *path, int age)
{
	struct timespec ts[2];

	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= age;
	ts[1] = ts[0];
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* A child that opens (and, if lock, flocks) path, says so through the
 * pipe, and waits to be killed. */
static pid_t
holder(const char *path, bool lock)
{
	int p[2];
	char c;
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(path, O_RDWR);

		if (fd == -1 || (lock && flock(fd, LOCK_EX) != 0))
			_exit(1);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	return pid;
}

static void
kill_holder(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
}

static void
test_cleanup_stale(void **state)
{
	char *map = tmp_path("m.yaml"), *cause = NULL, *listing;
	char *dead = tmp_path(".m.yaml.Ab3xYz");
	char *young = tmp_path(".m.yaml.young1");
	char *open_f = tmp_path(".m.yaml.OPEN42");
	char *locked = tmp_path(".m.yaml.LOCK42");
	char *others[] = {
		tmp_path(".m.yaml.waymark-journal"), /* not a temp name */
		tmp_path(".m.yaml.toolong7"),
		tmp_path(".m.yaml.shrt"),
		tmp_path(".m.yaml.ab-cde"),
		tmp_path(".other.yaml.Ab3xYz"),
		tmp_path("m.yaml.Ab3xYz"),
	};
	pid_t p_open, p_lock;

	(void)state;
	empty_tmpdir();
	write_file(map, "waymark: 1\n");
	/* A temp file whose writer was killed: it held the file open and
	 * locked, as a writer would, then died. */
	write_file(dead, "waymark: 1\ntitle: half");
	kill_holder(holder(dead, true));
	age_file(dead, 5);
	write_file(young, "just written");
	write_file(open_f, "a live writer has it open");
	age_file(open_f, 5);
	p_open = holder(open_f, false);
	write_file(locked, "a live writer has it locked");
	p_lock = holder(locked, true);
	age_file(locked, 5);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		write_file(others[i], "not ours");
		age_file(others[i], 3600);
	}
	/* a symbolic link with a temp name is not followed nor removed */
	{
		char *link = tmp_path(".m.yaml.LiNk00");

		assert_int_equal(symlink("m.yaml", link), 0);
		free(link);
	}

	assert_int_equal(atomic_cleanup_stale(map, &cause), 1);
	listing = dir_listing();
	assert_string_equal(listing, ".m.yaml.LOCK42 .m.yaml.LiNk00 "
	    ".m.yaml.OPEN42 .m.yaml.ab-cde .m.yaml.shrt .m.yaml.toolong7 "
	    ".m.yaml.waymark-journal .m.yaml.young1 .other.yaml.Ab3xYz "
	    "m.yaml m.yaml.Ab3xYz");
	free(listing);

	/* Once their writers are gone, the open and the locked ones go too;
	 * the young one when it is old enough. */
	kill_holder(p_open);
	kill_holder(p_lock);
	age_file(young, ATOMIC_STALE_SECONDS);
	assert_int_equal(atomic_cleanup_stale(map, &cause), 3);
	listing = dir_listing();
	assert_string_equal(listing, ".m.yaml.LiNk00 .m.yaml.ab-cde "
	    ".m.yaml.shrt .m.yaml.toolong7 .m.yaml.waymark-journal "
	    ".other.yaml.Ab3xYz m.yaml m.yaml.Ab3xYz");
	free(listing);
	{
		char *text = read_file(map);

		assert_string_equal(text, "waymark: 1\n");
		free(text);
	}

	/* A directory that cannot be read is an error with a message. */
	assert_int_equal(atomic_cleanup_stale("no/such/dir/m.yaml", &cause), -1);
	assert_non_null(strstr(cause, "no/such/dir"));
	free(cause);

	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		free(others[i]);
	free(dead);
	free(young);
	free(open_f);
	free(locked);
	free(map);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_journal_faults),
		cmocka_unit_test(test_doc_survives_failed_save),
		cmocka_unit_test(test_cleanup_stale),
	};

	return cmocka_run_group_tests(tests, setup_tmpdir, teardown_tmpdir);
}
