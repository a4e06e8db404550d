/*
 * atomic.h - replacing a file so that a crash leaves the old or the new one.
 *
 * The bytes go to a temporary file in the same directory (so the rename
 * stays within one file system), which is fsync'd, given the permissions
 * of the file it replaces, renamed over it, and the directory fsync'd so
 * the rename itself is durable.  On any failure the temporary file is
 * removed and the target is left as it was.
 */
#ifndef WAYMARK_ATOMIC_H
#define WAYMARK_ATOMIC_H

#include <stddef.h>

/*
 * Replace (or create) path with len bytes of data.  A new file gets mode
 * 0644 less the umask; an existing file keeps its mode.  Returns 0, or -1
 * with *cause ("PATH: what failed: strerror"), caller frees.
 */
int atomic_write_file(const char *path, const void *data, size_t len,
    char **cause);

#endif
