/*
 * paths.h - where waymark finds its data files (templates and themes).
 *
 * The program runs both from its build tree and installed, and users add
 * their own templates and themes.  Data of one kind ("maps" for templates,
 * "themes") is looked up in these directories, first match wins:
 *
 *   1. $WAYMARK_DATADIR/KIND            (an explicit override)
 *   2. $XDG_CONFIG_HOME/waymark/USER    (USER is "templates" or "themes";
 *                                        ~/.config when XDG_CONFIG_HOME unset)
 *   3. DIR/KIND and DIR/../KIND, DIR being the running binary's directory
 *                                       (the build tree), and
 *      DIR/../share/waymark/KIND       (an installed tree, wherever it is)
 *   4. WAYMARK_DATADIR/KIND as compiled in ($(PREFIX)/share/waymark)
 */
#ifndef WAYMARK_PATHS_H
#define WAYMARK_PATHS_H

#include <stddef.h>

struct pathlist {
	size_t count;
	char **items; /* owned */
};

/* The existing directories for kind ("maps" or "themes"), in search order,
 * without duplicates.  Free with paths_free. */
void paths_dirs(const char *kind, struct pathlist *out);

/*
 * The file NAME.yaml of the given kind: the path of the first directory
 * that has it, or NULL.  A NAME containing '/' is taken as a path as it is
 * (returned if it exists).  Caller frees.
 */
char *paths_find(const char *kind, const char *name);

/*
 * The names (file names without ".yaml") of every file of the kind, sorted,
 * each once (an earlier directory hides a later file of the same name);
 * `where` (if not NULL) gets the matching full paths in the same order.
 */
void paths_list(const char *kind, struct pathlist *names,
    struct pathlist *where);

void paths_free(struct pathlist *l);

/* The directory part of path ("." when it has none).  Caller frees. */
char *paths_dirname(const char *path);

/* path resolved against the directory of `relative_to` unless absolute.
 * Caller frees. */
char *paths_resolve(const char *path, const char *relative_to);

#endif
