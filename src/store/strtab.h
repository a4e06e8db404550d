/*
 * strtab.h - a string table: interns byte strings and maps each to a
 * small integer (its insertion index) and a caller's value.
 *
 * Used by the store to turn user ids into dense user indices and to look
 * event names, segments and channels up while rows stream past, so it is
 * built for speed: open addressing with linear probing; each slot holds
 * the hash and, for keys of up to 7 bytes, the key itself, so a lookup of
 * a short id touches one cache line; longer keys are compared in one
 * growing arena (no allocation per key).
 */
#ifndef WAYMARK_STRTAB_H
#define WAYMARK_STRTAB_H

#include <stddef.h>
#include <stdint.h>

struct strtab_slot {
	uint32_t hash;
	uint32_t index; /* UINT32_MAX: empty */
	uint64_t key; /* short key inline, or arena offset (see strtab.c) */
};

struct strtab {
	struct strtab_slot *slots;
	size_t mask; /* slot count - 1 (a power of two) */
	uint32_t count;
	char *arena; /* keys: 4-byte length, bytes, NUL */
	size_t arena_len, arena_cap;
	uint64_t *key_at; /* per index: arena offset of the key */
	int64_t *value; /* per index: caller's value */
	size_t cap; /* capacity of key_at and value */
};

void strtab_init(struct strtab *t, size_t expected);
void strtab_free(struct strtab *t);
uint32_t strtab_hash(const char *s, size_t len);
/* Index of the key, or UINT32_MAX. */
uint32_t strtab_find(
    const struct strtab *t, const char *s, size_t len, uint32_t hash);
/* Index of the key, added (with value `value`) when absent.  Keys are
 * cut at 16 MB. */
uint32_t strtab_intern(
    struct strtab *t, const char *s, size_t len, uint32_t hash, int64_t value);
/* The key of an index (NUL-terminated, borrowed) and its length. */
const char *strtab_key(const struct strtab *t, uint32_t index, size_t *len);

#endif
