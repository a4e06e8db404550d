/*
 * xalloc.h - allocation that never returns NULL.
 *
 * Every allocation in waymark goes through these helpers.  On out-of-memory
 * they print one line and abort: a journey map is small, and a program that
 * limps on after a failed malloc is more dangerous to the user's work than
 * one that stops (the edit journal keeps what was typed).  Callers therefore
 * never test the result for NULL.
 */
#ifndef WAYMARK_XALLOC_H
#define WAYMARK_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* malloc/calloc/realloc that abort on failure; size 0 gives a valid pointer. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* realloc of an array, checking count * size for overflow. */
void *xreallocarray(void *ptr, size_t count, size_t size);
/* Copy of s; NULL gives NULL.  The result is the caller's to free. */
char *xstrdup(const char *s);
/* Copy of at most n bytes of s, always NUL-terminated. */
char *xstrndup(const char *s, size_t n);
/* printf into a new string that the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/*
 * Grow an array to hold at least `need` items: *items is realloc'd, *cap
 * updated (doubling).  Used as GROW(arr, cap, need).
 */
void xgrow(void **items, size_t *cap, size_t need, size_t item_size);
#define XGROW(items, cap, need) \
	xgrow((void **)&(items), &(cap), (need), sizeof(*(items)))

#endif
