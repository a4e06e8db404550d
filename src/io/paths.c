/*
 * paths.c - finding templates and themes (see paths.h for the order).
 */
#include "io/paths.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

#ifndef WAYMARK_DATADIR
#define WAYMARK_DATADIR "/usr/local/share/waymark"
#endif

static int
paths_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void
paths_add_unique(struct pathlist *out, char *path)
{
	char real[PATH_MAX];
	size_t i;

	if (!paths_is_dir(path) || realpath(path, real) == NULL) {
		free(path);
		return;
	}
	free(path);
	for (i = 0; i < out->count; i++)
		if (strcmp(out->items[i], real) == 0)
			return;
	out->items = xreallocarray(out->items, out->count + 1,
	    sizeof *out->items);
	out->items[out->count++] = xstrdup(real);
}

void
paths_dirs(const char *kind, struct pathlist *out)
{
	const char *env, *user = strcmp(kind, "maps") == 0 ? "templates" : kind;
	char exe[PATH_MAX], *slash;
	ssize_t n;

	out->count = 0;
	out->items = NULL;
	if ((env = getenv("WAYMARK_DATADIR")) != NULL && *env != '\0')
		paths_add_unique(out, xasprintf("%s/%s", env, kind));
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && *env == '/')
		paths_add_unique(out, xasprintf("%s/waymark/%s", env, user));
	else if ((env = getenv("HOME")) != NULL && *env != '\0')
		paths_add_unique(out,
		    xasprintf("%s/.config/waymark/%s", env, user));
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			paths_add_unique(out, xasprintf("%s/%s", exe, kind));
			paths_add_unique(out, xasprintf("%s/../%s", exe, kind));
			/* an installed tree moved or staged with DESTDIR */
			paths_add_unique(out, xasprintf(
			    "%s/../share/waymark/%s", exe, kind));
		}
	}
	paths_add_unique(out, xasprintf("%s/%s", WAYMARK_DATADIR, kind));
}

void
paths_free(struct pathlist *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->count = 0;
}

char *
paths_find(const char *kind, const char *name)
{
	struct pathlist dirs;
	struct stat st;
	char *path = NULL;
	size_t i;

	if (strchr(name, '/') != NULL)
		return stat(name, &st) == 0 ? xstrdup(name) : NULL;
	paths_dirs(kind, &dirs);
	for (i = 0; i < dirs.count && path == NULL; i++) {
		path = xasprintf("%s/%s.yaml", dirs.items[i], name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			path = NULL;
		}
	}
	paths_free(&dirs);
	return path;
}

static int
paths_compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
paths_list(const char *kind, struct pathlist *names, struct pathlist *where)
{
	struct pathlist dirs, found = {0, NULL};
	struct dirent *de;
	DIR *dir;
	size_t i, j, len;

	paths_dirs(kind, &dirs);
	for (i = 0; i < dirs.count; i++) {
		if ((dir = opendir(dirs.items[i])) == NULL)
			continue;
		while ((de = readdir(dir)) != NULL) {
			len = strlen(de->d_name);
			if (len <= 5 || de->d_name[0] == '.' ||
			    strcmp(de->d_name + len - 5, ".yaml") != 0)
				continue;
			for (j = 0; j < found.count; j++)
				if (strncmp(found.items[j], de->d_name,
				    len - 5) == 0 &&
				    found.items[j][len - 5] == '\t')
					break;
			if (j < found.count)
				continue;
			found.items = xreallocarray(found.items,
			    found.count + 1, sizeof *found.items);
			/* "name\tpath" sorts by name */
			found.items[found.count++] = xasprintf("%.*s\t%s/%s",
			    (int)(len - 5), de->d_name, dirs.items[i],
			    de->d_name);
		}
		closedir(dir);
	}
	paths_free(&dirs);
	qsort(found.items, found.count, sizeof *found.items, paths_compare);
	names->count = 0;
	names->items = xcalloc(found.count + 1, sizeof *names->items);
	if (where != NULL) {
		where->count = 0;
		where->items = xcalloc(found.count + 1, sizeof *where->items);
	}
	for (i = 0; i < found.count; i++) {
		char *tab = strchr(found.items[i], '\t');

		names->items[names->count++] =
		    xstrndup(found.items[i], (size_t)(tab - found.items[i]));
		if (where != NULL)
			where->items[where->count++] = xstrdup(tab + 1);
		free(found.items[i]);
	}
	free(found.items);
}

char *
paths_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *
paths_resolve(const char *path, const char *relative_to)
{
	char *dir, *full;

	if (path[0] == '/')
		return xstrdup(path);
	dir = paths_dirname(relative_to);
	full = xasprintf("%s/%s", dir, path);
	free(dir);
	return full;
}
