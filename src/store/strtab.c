/*
 * strtab.c - interning string table (see strtab.h).
 *
 * Keys up to 16 MB each (24 bits of length) and 1 TB of arena in total
 * (40 bits of offset): far beyond any user id or event name.  The table
 * doubles when it is half full, so probes stay short.
 */
#include "store/strtab.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define STRTAB_EMPTY UINT32_MAX
#define STRTAB_LEN_BITS 24

static void
strtab_alloc_slots(struct strtab *t, size_t n)
{
	t->slots = xreallocarray(NULL, n, sizeof *t->slots);
	for (size_t i = 0; i < n; i++)
		t->slots[i].index = STRTAB_EMPTY;
	t->mask = n - 1;
}

void
strtab_init(struct strtab *t, size_t expected)
{
	size_t n = 16;

	memset(t, 0, sizeof *t);
	while (n < expected * 2)
		n <<= 1;
	strtab_alloc_slots(t, n);
}

void
strtab_free(struct strtab *t)
{
	free(t->slots);
	free(t->arena);
	free(t->key_at);
	free(t->value);
	memset(t, 0, sizeof *t);
}

uint32_t
strtab_hash(const char *s, size_t len)
{
	/* FNV-1a, then a final mix so the low bits (the slot) depend on
	 * every byte. */
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	h ^= h >> 16;
	h *= 0x7feb352du;
	h ^= h >> 15;
	return h;
}

const char *
strtab_key(const struct strtab *t, uint32_t index, size_t *len)
{
	uint64_t at = t->key_at[index];

	if (len != NULL)
		*len = (size_t)(at & ((1u << STRTAB_LEN_BITS) - 1));
	return t->arena + (at >> STRTAB_LEN_BITS);
}

uint32_t
strtab_find(const struct strtab *t, const char *s, size_t len, uint32_t hash)
{
	size_t i = hash & t->mask;

	for (;; i = (i + 1) & t->mask) {
		const struct strtab_slot *slot = &t->slots[i];
		size_t klen;
		const char *key;

		if (slot->index == STRTAB_EMPTY)
			return STRTAB_EMPTY;
		if (slot->hash != hash)
			continue;
		key = strtab_key(t, slot->index, &klen);
		if (klen == len && memcmp(key, s, len) == 0)
			return slot->index;
	}
}

static void
strtab_grow(struct strtab *t)
{
	struct strtab_slot *old = t->slots;
	size_t n = (t->mask + 1) * 2, oldn = t->mask + 1;

	strtab_alloc_slots(t, n);
	for (size_t i = 0; i < oldn; i++) {
		size_t j;

		if (old[i].index == STRTAB_EMPTY)
			continue;
		for (j = old[i].hash & t->mask; t->slots[j].index != STRTAB_EMPTY;
		     j = (j + 1) & t->mask)
			;
		t->slots[j] = old[i];
	}
	free(old);
}

uint32_t
strtab_intern(struct strtab *t, const char *s, size_t len, uint32_t hash,
    int64_t value)
{
	size_t i = hash & t->mask;
	uint32_t index;

	if (len >= (1u << STRTAB_LEN_BITS))
		len = (1u << STRTAB_LEN_BITS) - 1;
	for (;; i = (i + 1) & t->mask) {
		struct strtab_slot *slot = &t->slots[i];
		size_t klen;
		const char *key;

		if (slot->index == STRTAB_EMPTY)
			break;
		if (slot->hash != hash)
			continue;
		key = strtab_key(t, slot->index, &klen);
		if (klen == len && memcmp(key, s, len) == 0)
			return slot->index;
	}
	index = t->count++;
	t->slots[i].hash = hash;
	t->slots[i].index = index;
	if (t->arena_len + len + 1 > t->arena_cap) {
		size_t need = t->arena_len + len + 1;

		t->arena_cap = t->arena_cap ? t->arena_cap : 4096;
		while (t->arena_cap < need)
			t->arena_cap *= 2;
		t->arena = xrealloc(t->arena, t->arena_cap);
	}
	if (index >= t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->key_at = xreallocarray(t->key_at, t->cap, sizeof *t->key_at);
		t->value = xreallocarray(t->value, t->cap, sizeof *t->value);
	}
	memcpy(t->arena + t->arena_len, s, len);
	t->arena[t->arena_len + len] = '\0';
	t->key_at[index] = ((uint64_t)t->arena_len << STRTAB_LEN_BITS) | len;
	t->value[index] = value;
	t->arena_len += len + 1;
	if ((size_t)t->count * 2 > t->mask + 1)
		strtab_grow(t);
	return index;
}
