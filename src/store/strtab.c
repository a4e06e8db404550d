/*
 * strtab.c - interning string table (see strtab.h).
 *
 * A slot's `key` word holds, for a key of 0..7 bytes, the bytes themselves
 * with 0x80 | length in the top byte; for a longer key, its offset in the
 * arena (top bit clear).  Two keys are equal exactly when their words are
 * equal (short) or their lengths and bytes are (long).  The table grows
 * at 70% load, which keeps linear probes short while holding a million
 * user ids in 16 MB of slots.
 */
#include "store/strtab.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define STRTAB_EMPTY UINT32_MAX
#define STRTAB_MAX_KEY (16u << 20)
#define STRTAB_SHORT 7

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
	while (n * 7 / 10 < expected)
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

static uint64_t
strtab_mix(uint64_t h)
{
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ull;
	h ^= h >> 32;
	return h;
}

uint32_t
strtab_hash(const char *s, size_t len)
{
	/* Eight bytes at a time: ids and event names are short, and this
	 * runs once or twice for every row of the store. */
	uint64_t h = (uint64_t)len * 0x9e3779b97f4a7c15ull, w;

	while (len >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 29;
		s += 8;
		len -= 8;
	}
	if (len > 0) {
		w = 0;
		memcpy(&w, s, len);
		h = (h ^ w) * 0x94d049bb133111ebull;
	}
	return (uint32_t)strtab_mix(h);
}

/* The slot word of a short key; 0 (never a short word) for a long one. */
static uint64_t
strtab_short_word(const char *s, size_t len)
{
	uint64_t w = 0;

	if (len > STRTAB_SHORT)
		return 0;
	memcpy(&w, s, len);
	return w | ((uint64_t)(0x80 | len) << 56);
}

const char *
strtab_key(const struct strtab *t, uint32_t index, size_t *len)
{
	const char *at = t->arena + t->key_at[index];
	uint32_t n;

	memcpy(&n, at, sizeof n);
	if (len != NULL)
		*len = n;
	return at + sizeof n;
}

static bool
strtab_slot_is(const struct strtab *t, const struct strtab_slot *slot,
    const char *s, size_t len, uint64_t word)
{
	const char *at;
	uint32_t n;

	if (word != 0)
		return slot->key == word;
	if (slot->key >> 63)
		return false;
	at = t->arena + slot->key;
	memcpy(&n, at, sizeof n);
	return n == len && memcmp(at + sizeof n, s, len) == 0;
}

uint32_t
strtab_find(const struct strtab *t, const char *s, size_t len, uint32_t hash)
{
	uint64_t word = strtab_short_word(s, len);
	size_t i = hash & t->mask;

	for (;; i = (i + 1) & t->mask) {
		const struct strtab_slot *slot = &t->slots[i];

		if (slot->index == STRTAB_EMPTY)
			return STRTAB_EMPTY;
		if (slot->hash == hash && strtab_slot_is(t, slot, s, len, word))
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
		for (j = old[i].hash & t->mask;
		     t->slots[j].index != STRTAB_EMPTY; j = (j + 1) & t->mask)
			;
		t->slots[j] = old[i];
	}
	free(old);
}

uint32_t
strtab_intern(
    struct strtab *t, const char *s, size_t len, uint32_t hash, int64_t value)
{
	uint64_t word;
	size_t i, need;
	uint32_t index, n32;

	if (len > STRTAB_MAX_KEY)
		len = STRTAB_MAX_KEY;
	word = strtab_short_word(s, len);
	for (i = hash & t->mask;; i = (i + 1) & t->mask) {
		struct strtab_slot *slot = &t->slots[i];

		if (slot->index == STRTAB_EMPTY)
			break;
		if (slot->hash == hash && strtab_slot_is(t, slot, s, len, word))
			return slot->index;
	}
	index = t->count++;
	need = t->arena_len + sizeof n32 + len + 1;
	if (need > t->arena_cap) {
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
	n32 = (uint32_t)len;
	memcpy(t->arena + t->arena_len, &n32, sizeof n32);
	memcpy(t->arena + t->arena_len + sizeof n32, s, len);
	t->arena[t->arena_len + sizeof n32 + len] = '\0';
	t->key_at[index] = t->arena_len;
	t->value[index] = value;
	t->slots[i].hash = hash;
	t->slots[i].index = index;
	t->slots[i].key = word != 0 ? word : t->arena_len;
	t->arena_len = need;
	if ((size_t)t->count * 10 > (t->mask + 1) * 7)
		strtab_grow(t);
	return index;
}
