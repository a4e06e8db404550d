/*
 * atomic-cleanup.c - removing the temporary files of killed saves (see
 * atomic-cleanup.h).
 *
 * A temporary file is only removed when three independent signs say its
 * writer is gone: nobody holds a lock on it (a writer may flock its
 * temporary file; a kill releases the lock), nobody has it open (a scan of
 * /proc/PID/fd, done only when there is a candidate, which is rare), and
 * it has not been touched for a couple of seconds (which covers the short
 * moment between a writer's close and its rename, when the file is
 * neither open nor locked).  Removing a live writer's file would only make
 * that save fail and say so; the target itself is never touched here.
 */
#include "io/atomic-cleanup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"

/* True if name is ".BASE.XXXXXX" with six [A-Za-z0-9]. */
static bool
atomic_cleanup_matches(const char *name, const char *base)
{
	size_t blen = strlen(base);

	if (name[0] != '.' || strncmp(name + 1, base, blen) != 0 ||
	    name[1 + blen] != '.' || strlen(name + 2 + blen) != 6)
		return false;
	for (const char *p = name + 2 + blen; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

/*
 * 1 if some process has the file (dev, ino) open, 0 if none, -1 if /proc
 * cannot tell.
 */
static int
atomic_cleanup_open_anywhere(dev_t dev, ino_t ino)
{
	DIR *proc, *fds;
	struct dirent *p, *f;
	char path[PATH_MAX];
	struct stat st;
	int found = 0;

	if ((proc = opendir("/proc")) == NULL)
		return -1;
	if (stat("/proc/self/fd", &st) != 0) {
		closedir(proc);
		return -1;
	}
	while (found == 0 && (p = readdir(proc)) != NULL) {
		if (p->d_name[0] < '0' || p->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/fd", p->d_name);
		if ((fds = opendir(path)) == NULL)
			continue; /* gone, or not ours to see */
		while ((f = readdir(fds)) != NULL) {
			if (f->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "/proc/%s/fd/%s",
			    p->d_name, f->d_name);
			if (stat(path, &st) == 0 && st.st_dev == dev &&
			    st.st_ino == ino) {
				found = 1;
				break;
			}
		}
		closedir(fds);
	}
	closedir(proc);
	return found;
}

/* True if the temporary file `name` in dirfd looks abandoned. */
static bool
atomic_cleanup_stale_file(int dirfd, const char *name, time_t now)
{
	struct stat st;
	bool stale = false;
	int fd, open_elsewhere;

	if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		goto out;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0)
		goto out; /* a writer holds it */
	if (now - st.st_mtime < ATOMIC_STALE_SECONDS)
		goto out;
	/* Our own descriptor would count: close it before looking. */
	close(fd);
	fd = -1;
	open_elsewhere = atomic_cleanup_open_anywhere(st.st_dev, st.st_ino);
	if (open_elsewhere == 0)
		stale = true;
	else if (open_elsewhere < 0)
		stale = now - st.st_mtime >= ATOMIC_STALE_SECONDS_BLIND;
out:
	if (fd != -1)
		close(fd);
	return stale;
}

int
atomic_cleanup_stale(const char *path, char **cause)
{
	const char *slash = strrchr(path, '/'), *base;
	char *dir;
	DIR *d;
	struct dirent *e;
	time_t now = time(NULL);
	int removed = 0;

	base = slash != NULL ? slash + 1 : path;
	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	if (*base == '\0' || (d = opendir(dir)) == NULL) {
		*cause = xasprintf("%s: cannot read the directory: %s", dir,
		    *base == '\0' ? strerror(EISDIR) : strerror(errno));
		free(dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!atomic_cleanup_matches(e->d_name, base))
			continue;
		if (atomic_cleanup_stale_file(dirfd(d), e->d_name, now) &&
		    unlinkat(dirfd(d), e->d_name, 0) == 0)
			removed++;
	}
	closedir(d);
	free(dir);
	return removed;
}
