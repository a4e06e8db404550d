/*
 * journal.h - the board's crash journal and its "already open" lock.
 *
 * While a map is open on the board, every few seconds of edits are saved
 * to a journal beside it, `.NAME.waymark-journal` (NAME being the map's
 * file name), in the map's own canonical YAML with one comment line in
 * front saying when and by which process.  A clean exit removes it; after
 * a crash the next start finds it and offers the edits back.  The journal
 * works for a map that has no file yet (a new map): only its directory
 * must exist.
 *
 * The lock, `.NAME.waymark-lock`, holds "PID HOSTNAME\n" of the process
 * that has the map open, so that a second board on the same file can warn
 * instead of silently racing the first.  It is advisory: nothing stops a
 * determined user.  A lock whose process is gone (same host, pid dead) is
 * stale and taken over.
 *
 * A board that edits a map another board holds the lock of ("edit
 * anyway") must not share that board's journal: it journals under a name
 * of its own, journal_private(MAP, PID), whose journal is
 * `.NAME.PID.waymark-journal`.  If it dies, journal_orphans finds that
 * journal (its pid no longer running) so that a later board offers the
 * edits back.
 */
#ifndef WAYMARK_JOURNAL_H
#define WAYMARK_JOURNAL_H

#include <stdbool.h>

#include "model/map.h"

/* The journal's path for map_path (same directory).  Caller frees. */
char *journal_path(const char *map_path);
/* The lock's path for map_path (same directory).  Caller frees. */
char *journal_lock_path(const char *map_path);

/*
 * Write m to the journal of map_path, atomically (see atomic.h).  Returns
 * 0, or -1 with *cause (caller frees).
 */
int journal_write(const char *map_path, const struct map *m, char **cause);

/*
 * The map in the journal of map_path: a new map (caller frees with
 * map_destroy); NULL with *cause NULL when there is no journal; NULL with
 * *cause set when there is one that cannot be read or loaded.
 */
struct map *journal_read(const char *map_path, char **cause);

/* Remove the journal of map_path.  No journal is fine.  Returns 0, or -1
 * with *cause. */
int journal_remove(const char *map_path, char **cause);

/*
 * Take the lock of map_path.  Returns 0 when this process now holds it
 * (or already did), 1 when another live process does (*holder_pid, if
 * not NULL, gets its pid; 0 when unknown), -1 with *cause on error.
 */
int journal_lock(const char *map_path, long *holder_pid, char **cause);

/* Release the lock of map_path if this process holds it. */
void journal_unlock(const char *map_path);

/*
 * Whether a live process (this one or another) holds the lock of
 * map_path, found without taking the lock or removing a stale one: for a
 * board that writes nothing (--read-only).  A lock that
 * cannot be read counts as held.  *holder_pid, if not NULL, gets its pid
 * (0 when unknown).
 */
bool journal_lock_held(const char *map_path, long *holder_pid);

/* The name a board editing map_path without its lock journals under
 * (pass it to journal_write and friends).  Caller frees. */
char *journal_private(const char *map_path, long pid);

/*
 * The private journals of map_path whose boards are gone (their pid is
 * not running on this host), as names for journal_read and
 * journal_remove, appended to *out in pid order.  A journal counts only
 * when its header names the pid of its file name (the map's own journal
 * of a map called NAME.PID has the same file name).
 */
void journal_orphans(const char *map_path, struct strlist *out);

#endif
