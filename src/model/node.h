/*
 * node.h - a small generic tree for keys the program does not know.
 *
 * Teams add their own fields to a map (`jira:`, `url:`); the format promises
 * those survive a load and a save untouched.  The loader turns such a value
 * into a node tree and the saver writes it back.  The model keeps the tree
 * opaque: it never interprets it, only copies, compares and frees it.  No
 * YAML types appear here, so model/ stays free of libyaml.
 */
#ifndef WAYMARK_NODE_H
#define WAYMARK_NODE_H

#include <stdbool.h>
#include <stddef.h>

enum node_type {
	NODE_SCALAR,
	NODE_SEQ,
	NODE_MAP,
};

struct node {
	enum node_type type;
	/* NODE_SCALAR: the text, and whether it was written plain (unquoted),
	 * in which case YAML may read it as a number, bool or null and the
	 * saver writes it plain again. */
	char *scalar;
	bool plain;
	/* NODE_SEQ and NODE_MAP: count children; keys only for NODE_MAP. */
	size_t count;
	size_t cap;
	char **keys;
	struct node **items;
};

/* A new scalar node holding a copy of text.  Caller owns the node. */
struct node *node_scalar(const char *text, bool plain);
/* A new empty sequence or mapping. */
struct node *node_new(enum node_type type);
/* Append child (ownership passes to parent) to a sequence. */
void node_seq_append(struct node *seq, struct node *child);
/* Append key (copied) and child (ownership passes) to a mapping. */
void node_map_append(struct node *map, const char *key, struct node *child);
/* Value of key in a mapping, or NULL.  Borrowed. */
struct node *node_map_get(const struct node *map, const char *key);
/* Remove key from a mapping (freeing its value); false if absent. */
bool node_map_remove(struct node *map, const char *key);
/* Deep copy; NULL gives NULL. */
struct node *node_clone(const struct node *n);
/* Structural equality; two NULLs are equal. */
bool node_equal(const struct node *a, const struct node *b);
/* Frees n and all its children; NULL is fine. */
void node_free(struct node *n);

#endif
