/*
 * node.c - generic value trees for unknown keys (see node.h).
 */
#include "model/node.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct node *
node_scalar(const char *text, bool plain)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->type = NODE_SCALAR;
	n->scalar = xstrdup(text != NULL ? text : "");
	n->plain = plain;
	return n;
}

struct node *
node_new(enum node_type type)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->type = type;
	return n;
}

void
node_seq_append(struct node *seq, struct node *child)
{
	XGROW(seq->items, seq->cap, seq->count + 1);
	seq->items[seq->count++] = child;
}

void
node_map_append(struct node *map, const char *key, struct node *child)
{
	size_t keycap = map->cap;

	XGROW(map->items, map->cap, map->count + 1);
	/* keys grow in step with items */
	if (keycap != map->cap || map->keys == NULL)
		map->keys = xreallocarray(map->keys, map->cap, sizeof *map->keys);
	map->keys[map->count] = xstrdup(key);
	map->items[map->count++] = child;
}

struct node *
node_map_get(const struct node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != NODE_MAP)
		return NULL;
	for (i = 0; i < map->count; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->items[i];
	return NULL;
}

bool
node_map_remove(struct node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != NODE_MAP)
		return false;
	for (i = 0; i < map->count; i++) {
		if (strcmp(map->keys[i], key) != 0)
			continue;
		free(map->keys[i]);
		node_free(map->items[i]);
		memmove(map->keys + i, map->keys + i + 1,
		    (map->count - i - 1) * sizeof *map->keys);
		memmove(map->items + i, map->items + i + 1,
		    (map->count - i - 1) * sizeof *map->items);
		map->count--;
		return true;
	}
	return false;
}

struct node *
node_clone(const struct node *n)
{
	struct node *c;
	size_t i;

	if (n == NULL)
		return NULL;
	if (n->type == NODE_SCALAR)
		return node_scalar(n->scalar, n->plain);
	c = node_new(n->type);
	for (i = 0; i < n->count; i++) {
		if (n->type == NODE_MAP)
			node_map_append(c, n->keys[i], node_clone(n->items[i]));
		else
			node_seq_append(c, node_clone(n->items[i]));
	}
	return c;
}

bool
node_equal(const struct node *a, const struct node *b)
{
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	if (a->type != b->type)
		return false;
	if (a->type == NODE_SCALAR)
		return a->plain == b->plain && strcmp(a->scalar, b->scalar) == 0;
	if (a->count != b->count)
		return false;
	for (i = 0; i < a->count; i++) {
		if (a->type == NODE_MAP && strcmp(a->keys[i], b->keys[i]) != 0)
			return false;
		if (!node_equal(a->items[i], b->items[i]))
			return false;
	}
	return true;
}

void
node_free(struct node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->count; i++) {
		if (n->keys != NULL)
			free(n->keys[i]);
		node_free(n->items[i]);
	}
	free(n->keys);
	free(n->items);
	free(n->scalar);
	free(n);
}
