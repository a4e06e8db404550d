/*
 * atomic.c - atomic file replacement (see atomic.h).
 *
 * The sequence is the classic one: mkstemp "DIR/.NAME.XXXXXX" beside the
 * target, write everything (retrying short writes and EINTR), fsync,
 * fchmod to the target's mode, close (its error matters on NFS), rename
 * over the target, then open and fsync the directory so that the rename
 * survives a power cut.  Until the rename the target is untouched; every
 * failure before it removes the temporary file.
 *
 * Each step first asks atomic_fault whether the tests want it to fail.
 */
#include "io/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

static const char *atomic_fault_step; /* NULL: no fault */
static int atomic_fault_errno;
static bool atomic_fault_env_read;

static const struct {
	const char *name;
	int value;
} atomic_errnos[] = {
	{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EACCES", EACCES },
	{ "EPERM", EPERM }, { "EROFS", EROFS }, { "EDQUOT", EDQUOT },
	{ "ENOENT", ENOENT }, { "EEXIST", EEXIST }, { "EXDEV", EXDEV },
	{ "EBUSY", EBUSY }, { "EMFILE", EMFILE }, { "ENOMEM", ENOMEM },
	{ "EFBIG", EFBIG }, { "EINVAL", EINVAL }, { "ENOTDIR", ENOTDIR },
	{ "EISDIR", EISDIR }, { "ENAMETOOLONG", ENAMETOOLONG },
};

static const char *const atomic_steps[] = {
	"open", "write", "fsync", "chmod", "close", "rename", "dirsync",
};

void
atomic_fault_set(const char *step, int err)
{
	size_t i;

	atomic_fault_env_read = true;
	atomic_fault_step = NULL;
	if (step == NULL)
		return;
	/* Keep a pointer to our own copy of the name: the caller's string
	 * need not outlive the call. */
	for (i = 0; i < sizeof atomic_steps / sizeof atomic_steps[0]; i++)
		if (strcmp(step, atomic_steps[i]) == 0)
			atomic_fault_step = atomic_steps[i];
	atomic_fault_errno = err;
}

/* WAYMARK_FAULT=STEP:ERRNO, read on first use. */
static void
atomic_fault_env(void)
{
	const char *env, *colon;
	char step[16];
	size_t i, n;
	char *end;
	long v;

	atomic_fault_env_read = true;
	if ((env = getenv("WAYMARK_FAULT")) == NULL ||
	    (colon = strchr(env, ':')) == NULL)
		return;
	n = (size_t)(colon - env);
	if (n >= sizeof step)
		return;
	memcpy(step, env, n);
	step[n] = '\0';
	for (i = 0; i < sizeof atomic_errnos / sizeof atomic_errnos[0]; i++)
		if (strcmp(colon + 1, atomic_errnos[i].name) == 0) {
			atomic_fault_set(step, atomic_errnos[i].value);
			return;
		}
	v = strtol(colon + 1, &end, 10);
	if (end != colon + 1 && *end == '\0' && v > 0 && v < 4096)
		atomic_fault_set(step, (int)v);
}

/* 0, or the errno that step must fail with. */
static int
atomic_fault(const char *step)
{
	if (!atomic_fault_env_read)
		atomic_fault_env();
	if (atomic_fault_step == NULL || strcmp(atomic_fault_step, step) != 0)
		return 0;
	return atomic_fault_errno;
}

static int
atomic_fail(char **cause, const char *path, const char *step, int err)
{
	*cause = xasprintf("%s: %s failed: %s", path, step, strerror(err));
	return -1;
}

static int
atomic_write_all(int fd, const char *data, size_t len)
{
	ssize_t n;
	int err;

	if ((err = atomic_fault("write")) != 0) {
		/* Fail half-way, like a disk that fills up. */
		len /= 2;
	}
	while (len > 0) {
		n = write(fd, data, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return errno;
		data += n;
		len -= (size_t)n;
	}
	return err;
}

static mode_t
atomic_new_mode(void)
{
	mode_t mask = umask(022);

	umask(mask);
	return 0666 & ~mask;
}

/* Write to a file that is not a regular file, in place; 0 or an errno. */
static int
atomic_write_special(const char *path, const char *data, size_t len)
{
	int fd, err;

	if ((err = atomic_fault("open")) != 0)
		return err;
	if ((fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) == -1)
		return errno;
	err = atomic_write_all(fd, data, len);
	if (close(fd) == -1 && err == 0 && errno != EINTR)
		err = errno;
	return err;
}

int
atomic_write_file(const char *path, const void *data, size_t len,
    char **cause)
{
	char *target = NULL, *tmp, *dir;
	const char *base, *slash;
	struct stat st, lst;
	bool exists;
	mode_t mode;
	int fd, dfd, err;

	*cause = NULL;
	/* Replace the file a symbolic link points to, not the link. */
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
		target = realpath(path, NULL);
	if (target == NULL)
		target = xstrdup(path);

	exists = stat(target, &st) == 0;
	if (exists && S_ISDIR(st.st_mode)) {
		free(target);
		return atomic_fail(cause, path, "open", EISDIR);
	}
	if (exists && !S_ISREG(st.st_mode)) {
		/* A device, a pipe or a socket (/dev/stdout, /dev/null, a
		 * FIFO): there is nothing to replace, and renaming a file
		 * over it would destroy the node.  Write to it. */
		err = atomic_write_special(target, data, len);
		free(target);
		if (err != 0)
			return atomic_fail(cause, path, "write", err);
		return 0;
	}
	if (exists && ((st.st_mode & 0222) == 0 ||
	    (access(target, W_OK) != 0 && errno != EROFS))) {
		/* Renaming over it would work (the directory is writable),
		 * but the file says it is not to be changed: as an editor
		 * does, refuse, whoever we are. */
		free(target);
		*cause = xasprintf("%s: the file is read-only (no write "
		    "permission); not replaced", path);
		return -1;
	}
	mode = exists ? (st.st_mode & 07777) : atomic_new_mode();

	slash = strrchr(target, '/');
	base = slash != NULL ? slash + 1 : target;
	dir = slash == NULL ? xstrdup(".") : slash == target ? xstrdup("/") :
	    xstrndup(target, (size_t)(slash - target));
	tmp = xasprintf("%s/.%s.XXXXXX", dir, base);

	if ((err = atomic_fault("open")) != 0 ||
	    (fd = mkstemp(tmp)) == -1) {
		err = err != 0 ? err : errno;
		free(tmp);
		free(dir);
		free(target);
		return atomic_fail(cause, path, "open", err);
	}
	if ((err = atomic_write_all(fd, data, len)) != 0) {
		atomic_fail(cause, path, "write", err);
		goto fail_open;
	}
	if ((err = atomic_fault("fsync")) != 0 ||
	    (fsync(fd) == -1 && (err = errno) != 0)) {
		atomic_fail(cause, path, "fsync", err);
		goto fail_open;
	}
	if (exists && fchown(fd, st.st_uid, st.st_gid) == -1) {
		/* Not allowed unless root (or the same owner): keep ours. */
	}
	if ((err = atomic_fault("chmod")) != 0 ||
	    (fchmod(fd, mode) == -1 && (err = errno) != 0)) {
		atomic_fail(cause, path, "chmod", err);
		goto fail_open;
	}
	err = atomic_fault("close");
	if (close(fd) == -1 && err == 0)
		err = errno;
	if (err != 0) {
		atomic_fail(cause, path, "close", err);
		goto fail_closed;
	}
	if ((err = atomic_fault("rename")) != 0 ||
	    (rename(tmp, target) == -1 && (err = errno) != 0)) {
		atomic_fail(cause, path, "rename", err);
		goto fail_closed;
	}

	/* The new file is in place; make the rename durable. */
	err = atomic_fault("dirsync");
	if (err == 0) {
		if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) == -1)
			err = errno;
		else {
			/* Some file systems cannot fsync a directory. */
			if (fsync(dfd) == -1 && errno != EINVAL &&
			    errno != ENOTSUP)
				err = errno;
			close(dfd);
		}
	}
	free(tmp);
	free(dir);
	free(target);
	if (err != 0) {
		*cause = xasprintf("%s: dirsync failed: %s (the file was "
		    "written, but may not survive a crash)", path,
		    strerror(err));
		return -1;
	}
	return 0;

fail_open:
	close(fd);
fail_closed:
	unlink(tmp);
	free(tmp);
	free(dir);
	free(target);
	return -1;
}
