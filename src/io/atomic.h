/*
 * atomic.h - replacing a file so that a crash leaves the old or the new one.
 *
 * The bytes go to a temporary file in the same directory (so the rename
 * stays within one file system), which is fsync'd, given the permissions
 * of the file it replaces, renamed over it, and the directory fsync'd so
 * the rename itself is durable.  On any failure the temporary file is
 * removed and the target is left as it was.
 *
 * Fault injection, for the tests of these promises: a step of the
 * sequence above can be made to fail with a chosen errno, either from the
 * program (atomic_fault_set) or, for end-to-end tests of the real binary,
 * from the environment: WAYMARK_FAULT=STEP:ERRNO, e.g.
 * WAYMARK_FAULT=write:ENOSPC (ERRNO is a name such as ENOSPC, EIO, EACCES,
 * EROFS, EDQUOT, EPERM, or a number).  The variable is read once, at the
 * first atomic write.  The steps, in order:
 *
 *   open     creating the temporary file
 *   write    writing the bytes (half of them are written, then it fails)
 *   fsync    flushing the temporary file
 *   chmod    giving it the target's permissions
 *   close    closing it
 *   rename   renaming it over the target
 *   dirsync  flushing the directory (after the rename: the new contents
 *            are in place, the call still fails and says so)
 *
 * Unused, the hook costs one pointer test per step.
 */
#ifndef WAYMARK_ATOMIC_H
#define WAYMARK_ATOMIC_H

#include <stddef.h>

/*
 * Replace (or create) path with len bytes of data.  A new file gets mode
 * 0666 less the umask; an existing file keeps its mode (and, when allowed,
 * its owner).  A symbolic link is followed: the file it points to is
 * replaced and the link stays.  A path that exists and is not a regular
 * file (a device such as /dev/stdout or /dev/null, a FIFO) is not
 * replaced but written to in place, without the atomicity.  Returns 0, or -1 with *cause ("PATH: what
 * failed: strerror"), caller frees; the target is then untouched, except
 * after a failed "dirsync" (see above).
 */
int atomic_write_file(const char *path, const void *data, size_t len,
    char **cause);

/*
 * Make `step` (one of the names above) fail with errno err in every later
 * atomic_write_file; NULL clears it.  Overrides WAYMARK_FAULT.  For tests.
 */
void atomic_fault_set(const char *step, int err);

#endif
