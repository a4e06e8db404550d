/*
 * journal.c - crash journal and lock files beside a map (see journal.h).
 *
 * The journal is written with atomic_write_file, so a crash while writing
 * it leaves the previous journal; it is read with the ordinary loader
 * (the header is a YAML comment), so it gets the same hostile-input checks
 * as any map.
 *
 * The lock is created with O_CREAT|O_EXCL, which is atomic on local file
 * systems.  Taking over a stale lock (its pid dead on this host) removes
 * it and tries again; two processes taking over the same stale lock at the
 * same instant could both succeed, which for an advisory warning is an
 * acceptable price for staying simple.  A lock whose content cannot be
 * read is held (pid unknown) while it is younger than
 * JOURNAL_LOCK_GRACE seconds, since its writer may be between the create
 * and the write, and stale after.
 */
#include "io/journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/atomic.h"
#include "io/mapio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define JOURNAL_LOCK_GRACE 10

static void journal_hostname(char *host, size_t size);

/* DIR/.BASE<suffix> for map_path DIR/BASE. */
static char *
journal_sibling(const char *map_path, const char *suffix)
{
	const char *slash = strrchr(map_path, '/');

	if (slash == NULL)
		return xasprintf(".%s%s", map_path, suffix);
	return xasprintf("%.*s/.%s%s", (int)(slash - map_path), map_path,
	    slash + 1, suffix);
}

char *
journal_path(const char *map_path)
{
	return journal_sibling(map_path, ".waymark-journal");
}

char *
journal_lock_path(const char *map_path)
{
	return journal_sibling(map_path, ".waymark-lock");
}

int
journal_write(const char *map_path, const struct map *m, char **cause)
{
	struct strbuf sb = STRBUF_INIT;
	char when[32], host[HOST_NAME_MAX + 1], *path, *text;
	struct tm tm;
	time_t now = time(NULL);
	size_t len;
	int rc;

	*cause = NULL;
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(when, "?");
	journal_hostname(host, sizeof host);
	strbuf_printf(&sb, "# waymark journal: unsaved edits, written %s by "
	    "pid %ld on %s\n", when, (long)getpid(), host);
	text = mapio_save_buffer(m, &len);
	strbuf_add(&sb, text, len);
	free(text);
	path = journal_path(map_path);
	rc = atomic_write_file(path, sb.data, sb.len, cause);
	free(path);
	strbuf_free(&sb);
	return rc;
}

struct map *
journal_read(const char *map_path, char **cause)
{
	char *path = journal_path(map_path);
	struct map *m = NULL;
	struct stat st;

	*cause = NULL;
	if (lstat(path, &st) == -1) {
		if (errno != ENOENT)
			*cause = xasprintf("%s: %s", path, strerror(errno));
	} else
		m = mapio_load_file(path, cause);
	free(path);
	return m;
}

int
journal_remove(const char *map_path, char **cause)
{
	char *path = journal_path(map_path);
	int rc = 0;

	*cause = NULL;
	if (unlink(path) == -1 && errno != ENOENT) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

static void
journal_hostname(char *host, size_t size)
{
	if (gethostname(host, size) == -1)
		snprintf(host, size, "localhost");
	host[size - 1] = '\0';
}

enum journal_lock_state {
	JOURNAL_LOCK_GONE,  /* the file vanished meanwhile */
	JOURNAL_LOCK_MINE,
	JOURNAL_LOCK_HELD,
	JOURNAL_LOCK_STALE,
};

/* Who holds the existing lock file `lock`. */
static enum journal_lock_state
journal_lock_state(const char *lock, const char *host, long *pid)
{
	char buf[HOST_NAME_MAX + 64], holder_host[HOST_NAME_MAX + 64];
	struct stat st;
	ssize_t n;
	int fd;

	*pid = 0;
	if ((fd = open(lock, O_RDONLY | O_NOFOLLOW)) == -1)
		return errno == ENOENT ? JOURNAL_LOCK_GONE : JOURNAL_LOCK_HELD;
	n = read(fd, buf, sizeof buf - 1);
	if (fstat(fd, &st) == -1)
		st.st_mtime = time(NULL);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	if (sscanf(buf, "%ld %127s", pid, holder_host) != 2 || *pid <= 0) {
		*pid = 0;
		if (time(NULL) - st.st_mtime > JOURNAL_LOCK_GRACE)
			return JOURNAL_LOCK_STALE;
		return JOURNAL_LOCK_HELD;
	}
	if (strcmp(holder_host, host) != 0)
		return JOURNAL_LOCK_HELD; /* cannot tell: assume alive */
	if (*pid == (long)getpid())
		return JOURNAL_LOCK_MINE;
	if (*pid > INT_MAX || (kill((pid_t)*pid, 0) == -1 && errno == ESRCH))
		return JOURNAL_LOCK_STALE;
	return JOURNAL_LOCK_HELD;
}

int
journal_lock(const char *map_path, long *holder_pid, char **cause)
{
	char host[HOST_NAME_MAX + 1], *lock = journal_lock_path(map_path);
	char *line;
	long pid = 0;
	int fd, attempt, rc = -1;
	ssize_t n;

	*cause = NULL;
	if (holder_pid != NULL)
		*holder_pid = 0;
	journal_hostname(host, sizeof host);
	for (attempt = 0; attempt < 4; attempt++) {
		fd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
		if (fd != -1) {
			line = xasprintf("%ld %s\n", (long)getpid(), host);
			n = write(fd, line, strlen(line));
			free(line);
			if (n < 0 || close(fd) == -1) {
				*cause = xasprintf("%s: %s", lock,
				    strerror(errno));
				unlink(lock);
				goto out;
			}
			rc = 0;
			goto out;
		}
		if (errno != EEXIST) {
			*cause = xasprintf("%s: %s", lock, strerror(errno));
			goto out;
		}
		switch (journal_lock_state(lock, host, &pid)) {
		case JOURNAL_LOCK_GONE:
			continue;
		case JOURNAL_LOCK_MINE:
			rc = 0;
			goto out;
		case JOURNAL_LOCK_HELD:
			if (holder_pid != NULL)
				*holder_pid = pid;
			rc = 1;
			goto out;
		case JOURNAL_LOCK_STALE:
			if (unlink(lock) == -1 && errno != ENOENT) {
				*cause = xasprintf("%s: cannot remove a stale "
				    "lock: %s", lock, strerror(errno));
				goto out;
			}
			continue;
		}
	}
	*cause = xasprintf("%s: cannot take the lock (it keeps changing)",
	    lock);
out:
	free(lock);
	return rc;
}

bool
journal_lock_held(const char *map_path, long *holder_pid)
{
	char host[HOST_NAME_MAX + 1], *lock = journal_lock_path(map_path);
	enum journal_lock_state state;
	long pid;

	journal_hostname(host, sizeof host);
	state = journal_lock_state(lock, host, &pid);
	free(lock);
	if (holder_pid != NULL)
		*holder_pid = pid;
	return state == JOURNAL_LOCK_HELD || state == JOURNAL_LOCK_MINE;
}

void
journal_unlock(const char *map_path)
{
	char host[HOST_NAME_MAX + 1], *lock = journal_lock_path(map_path);
	long pid;

	journal_hostname(host, sizeof host);
	if (journal_lock_state(lock, host, &pid) == JOURNAL_LOCK_MINE)
		unlink(lock);
	free(lock);
}

char *
journal_private(const char *map_path, long pid)
{
	return xasprintf("%s.%ld", map_path, pid);
}

static int
journal_cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/*
 * Whether the journal dir/name is the private journal of board pid written
 * on this host: its header line must say "by pid PID" (the name alone
 * could be the map's own journal of another map, "NAME.PID"), and "on
 * HOST" this host (a header without the host is taken as this host's).
 */
static bool
journal_from_here(const char *dir, const char *name, long pid)
{
	char line[HOST_NAME_MAX + 128], host[HOST_NAME_MAX + 1], *path, *on;
	char *by, *end;
	bool here = false;
	FILE *f;

	path = xasprintf("%s/%s", dir, name);
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return false;
	if (fgets(line, sizeof line, f) != NULL &&
	    strncmp(line, "# waymark journal:", 18) == 0 &&
	    (by = strstr(line, " by pid ")) != NULL &&
	    strtol(by + 8, &end, 10) == pid && end != by + 8 &&
	    (*end == ' ' || *end == '\n' || *end == '\r')) {
		here = true;
		if ((on = strstr(end, " on ")) != NULL) {
			on += 4;
			on[strcspn(on, "\r\n")] = '\0';
			journal_hostname(host, sizeof host);
			here = strcmp(on, host) == 0;
		}
	}
	fclose(f);
	return here;
}

void
journal_orphans(const char *map_path, struct strlist *out)
{
	const char *slash = strrchr(map_path, '/'), *name, *digits;
	const char *base = slash != NULL ? slash + 1 : map_path;
	static const char suffix[] = ".waymark-journal";
	size_t blen = strlen(base), slen = sizeof suffix - 1, n, count = 0;
	size_t cap = 0;
	long pid, *pids = NULL;
	struct dirent *de;
	char *dir, *end;
	DIR *d;

	dir = slash == NULL ? xstrdup(".") : slash == map_path ? xstrdup("/") :
	    xasprintf("%.*s", (int)(slash - map_path), map_path);
	d = opendir(dir);
	if (d == NULL) {
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		/* .BASE.PID.waymark-journal */
		name = de->d_name;
		n = strlen(name);
		if (n < 1 + blen + 2 + slen || name[0] != '.' ||
		    strncmp(name + 1, base, blen) != 0 || name[1 + blen] != '.' ||
		    strcmp(name + n - slen, suffix) != 0)
			continue;
		digits = name + 2 + blen;
		if (*digits < '1' || *digits > '9')
			continue;
		errno = 0;
		pid = strtol(digits, &end, 10);
		if (errno != 0 || end != name + n - slen || pid <= 0 ||
		    pid > INT_MAX || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* its board is running */
		if (!journal_from_here(dir, name, pid))
			continue; /* not that board's, or another host's */
		if (count == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			pids = xrealloc(pids, cap * sizeof *pids);
		}
		pids[count++] = pid;
	}
	closedir(d);
	free(dir);
	if (count > 1)
		qsort(pids, count, sizeof *pids, journal_cmp_long);
	for (n = 0; n < count; n++) {
		char *name_for = journal_private(map_path, pids[n]);

		strlist_append(out, name_for);
		free(name_for);
	}
	free(pids);
}
