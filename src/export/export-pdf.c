/*
 * export-pdf.c - the HTML page printed to PDF by headless Chromium.
 *
 * Contract: this is the one export that runs another program, so it is
 * kept apart and returns errors like the rest of the library (it never
 * prints).  The work happens in a private directory made with mkdtemp:
 * the page is written there, Chromium gets a throw-away profile there
 * (and HOME and the XDG directories point there, so nothing lands in the
 * user's home), prints to a file there, and the directory is removed
 * whatever happens.  The PDF is then put in place with atomic_write_file.
 *
 * Chromium runs in its own process group with networking features off,
 * every host name resolving to nothing and a dead local proxy (so the
 * browser's own update and account checks never leave the machine
 * either); the page itself forbids every load through its
 * Content-Security-Policy.
 * A run that takes longer than EXPORT_PDF_TIMEOUT seconds is killed.
 * The page asks for A4 landscape through CSS @page, which Chromium honours
 * when printing.
 */

#include "export/export.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "io/atomic.h"
#include "util/xalloc.h"

#define EXPORT_PDF_TIMEOUT 120
#define EXPORT_PDF_MAX_BYTES (256u * 1024u * 1024u)

static char *
export_pdf_which(const char *name)
{
	const char *path = getenv("PATH"), *p, *end;
	char *candidate;

	if (path == NULL || *path == '\0')
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		if (end == p)
			continue;
		candidate = xasprintf("%.*s/%s", (int)(end - p), p, name);
		if (access(candidate, X_OK) == 0)
			return candidate;
		free(candidate);
	}
	return NULL;
}

char *
export_pdf_find_chromium(void)
{
	static const char *const names[] = {"chromium", "chromium-browser",
	    "google-chrome", "google-chrome-stable"};
	const char *env = getenv("WAYMARK_CHROMIUM");
	char *found;
	size_t i;

	if (env != NULL && *env != '\0') {
		if (strchr(env, '/') != NULL)
			return access(env, X_OK) == 0 ? xstrdup(env) : NULL;
		return export_pdf_which(env);
	}
	for (i = 0; i < sizeof names / sizeof *names; i++) {
		found = export_pdf_which(names[i]);
		if (found != NULL)
			return found;
	}
	return NULL;
}

static int
export_pdf_remove_one(
    const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP || flag == FTW_D)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static void
export_pdf_remove_tree(const char *dir)
{
	nftw(dir, export_pdf_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int
export_pdf_write(const char *path, const char *data, size_t len, char **cause)
{
	int fd;
	ssize_t n;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while (len > 0) {
		n = write(fd, data, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	if (close(fd) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Read a whole file (at most EXPORT_PDF_MAX_BYTES) into *data. */
static int
export_pdf_read(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;

	if (f == NULL)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		strbuf_add(&sb, buf, n);
		if (sb.len > EXPORT_PDF_MAX_BYTES)
			break;
	}
	fclose(f);
	*len = sb.len;
	*data = strbuf_detach(&sb);
	return 0;
}

/* Run argv with the environment adjusted, wait at most the timeout.
 * Returns the exit status, or -1 with *cause. */
static int
export_pdf_run(
    char *const argv[], const char *home, const char *log, char **cause)
{
	struct timespec tick = {0, 50 * 1000 * 1000};
	pid_t pid, done;
	int status, fd, waited;

	pid = fork();
	if (pid == -1) {
		*cause =
		    xasprintf("cannot start Chromium: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		fd = open("/dev/null", O_RDONLY);
		if (fd != -1) {
			dup2(fd, STDIN_FILENO);
			close(fd);
		}
		fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd != -1) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
		setenv("HOME", home, 1);
		setenv("XDG_CONFIG_HOME", home, 1);
		setenv("XDG_CACHE_HOME", home, 1);
		setenv("XDG_DATA_HOME", home, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	for (waited = 0; waited < EXPORT_PDF_TIMEOUT * 20; waited++) {
		done = waitpid(pid, &status, WNOHANG);
		if (done == pid) {
			/* Helpers Chromium left behind go with the group. */
			kill(-pid, SIGKILL);
			if (WIFEXITED(status))
				return WEXITSTATUS(status);
			*cause = xasprintf("Chromium was killed by signal %d",
			    WTERMSIG(status));
			return -1;
		}
		if (done == -1 && errno != EINTR) {
			*cause = xasprintf(
			    "waiting for Chromium: %s", strerror(errno));
			return -1;
		}
		nanosleep(&tick, NULL);
	}
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	*cause = xasprintf(
	    "Chromium did not finish within %d seconds", EXPORT_PDF_TIMEOUT);
	return -1;
}

int
export_pdf(const char *html, size_t len, const char *out_path, bool *missing,
    char **cause)
{
	char *chromium, *dir = NULL, *page = NULL, *pdf = NULL, *profile = NULL;
	char *log = NULL, *url = NULL, *out_arg = NULL, *profile_arg = NULL;
	char *data = NULL, *tmpl;
	const char *tmp = getenv("TMPDIR");
	size_t data_len = 0;
	int status, result = -1;

	if (missing != NULL)
		*missing = false;
	chromium = export_pdf_find_chromium();
	if (chromium == NULL) {
		const char *env = getenv("WAYMARK_CHROMIUM");

		if (missing != NULL)
			*missing = true;
		if (env != NULL && *env != '\0')
			*cause = xasprintf("pdf export: WAYMARK_CHROMIUM=%s is "
			    "not a program that can be run; fix it, or unset "
			    "it to use the installed Chromium", env);
		else
			*cause = xstrdup("pdf export needs Chromium: install "
			    "the 'chromium' package (apt-get install "
			    "chromium)");
		return -1;
	}
	if (tmp == NULL || *tmp != '/')
		tmp = "/tmp";
	tmpl = xasprintf("%s/waymark-pdf-XXXXXX", tmp);
	dir = mkdtemp(tmpl);
	if (dir == NULL) {
		*cause = xasprintf("%s: cannot make a temporary directory: %s",
		    tmp, strerror(errno));
		free(tmpl);
		free(chromium);
		return -1;
	}
	page = xasprintf("%s/page.html", dir);
	pdf = xasprintf("%s/page.pdf", dir);
	profile = xasprintf("%s/profile", dir);
	log = xasprintf("%s/chromium.log", dir);
	url = xasprintf("file://%s", page);
	out_arg = xasprintf("--print-to-pdf=%s", pdf);
	profile_arg = xasprintf("--user-data-dir=%s", profile);
	if (export_pdf_write(page, html, len, cause) != 0)
		goto out;
	{
		char *const argv[] = {chromium, "--headless", "--no-sandbox",
		    "--disable-gpu", "--no-first-run",
		    "--disable-background-networking",
		    "--disable-component-update", "--disable-sync",
		    "--disable-breakpad", "--disable-extensions",
		    "--disable-default-apps", "--mute-audio",
		    "--host-resolver-rules=MAP * ~NOTFOUND",
		    "--proxy-server=127.0.0.1:9", profile_arg, out_arg,
		    "--no-pdf-header-footer", url, NULL};

		status = export_pdf_run(argv, dir, log, cause);
	}
	if (status == -1)
		goto out;
	if (export_pdf_read(pdf, &data, &data_len) != 0 || data_len < 5 ||
	    memcmp(data, "%PDF-", 5) != 0) {
		*cause = xasprintf("Chromium (%s) exited with status %d and "
		                   "wrote no PDF",
		    chromium, status);
		goto out;
	}
	if (atomic_write_file(out_path, data, data_len, cause) != 0)
		goto out;
	result = 0;
out:
	export_pdf_remove_tree(dir);
	free(data);
	free(profile_arg);
	free(out_arg);
	free(url);
	free(log);
	free(profile);
	free(pdf);
	free(page);
	free(dir);
	free(chromium);
	return result;
}
