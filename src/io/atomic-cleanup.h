/*
 * atomic-cleanup.h - removing the temporary files that a killed save left.
 *
 * atomic_write_file (atomic.h) writes DIR/.NAME.XXXXXX beside the target
 * and renames it over NAME.  A process killed between mkstemp and rename
 * (SIGKILL, a power cut) cannot remove that file; the promise of the
 * format is that none is left after the next start.  So the front ends
 * call atomic_cleanup_stale on a map (and on its journal) when they open
 * it, and the temporary files of saves that are no longer running go.
 */
#ifndef WAYMARK_ATOMIC_CLEANUP_H
#define WAYMARK_ATOMIC_CLEANUP_H

/* Seconds a temporary file must be left untouched before it may be
 * taken for stale (a live save writes, syncs and renames far faster). */
#define ATOMIC_STALE_SECONDS 2
/* Where /proc cannot tell whether a process has the file open. */
#define ATOMIC_STALE_SECONDS_BLIND 600

/*
 * Remove the stale temporary files of path: the regular files named
 * ".BASE.XXXXXX" (BASE being path's file name, XXXXXX six letters or
 * digits, the pattern of atomic_write_file) in path's directory that
 *   - no process holds an flock on,
 *   - no process has open (per /proc/PID/fd; when /proc cannot be read,
 *     that are older than ATOMIC_STALE_SECONDS_BLIND instead), and
 *   - were last modified ATOMIC_STALE_SECONDS or more ago.
 * Nothing else is touched (not symbolic links, not other names).  Returns
 * the number of files removed, or -1 with *cause (caller frees) when the
 * directory cannot be read; a file that cannot be removed is skipped.
 */
int atomic_cleanup_stale(const char *path, char **cause);

#endif
