#ifndef PROLO_TREE_H
#define PROLO_TREE_H

#include <stddef.h>

struct diag;

/*
 * A YAML document as a tree of nodes that remember where they were
 * written.  Scalars keep their text exactly as written ("0012" stays
 * "0012"): no YAML type resolution happens here; the schema decides
 * what a value means.  Aliases, anchors and tags are refused, so no
 * alias is ever expanded, and nesting is limited to TREE_MAX_DEPTH.
 */

#define TREE_MAX_DEPTH	16
#define TREE_MAX_BYTES	(1024 * 1024)
#define TREE_MAX_NODES	50000	/* a patient file has a few hundred */

enum node_kind {
	NODE_SCALAR,
	NODE_LIST,
	NODE_MAP
};

struct node_pair;

struct node {
	enum node_kind		 kind;
	int			 line;		/* 1-based */
	int			 col;		/* 1-based, in characters */
	int			 plain;		/* scalar written unquoted */
	const char		*text;		/* scalar, NUL-terminated */
	size_t			 len;		/* scalar bytes (may hold NUL) */
	size_t			 n;		/* items or pairs */
	struct node		**items;	/* NODE_LIST */
	struct node_pair	*pairs;		/* NODE_MAP */
};

struct node_pair {
	struct node	*key;
	struct node	*value;
};

struct tree;

/*
 * Parses buf (len bytes; it need not be NUL-terminated) into a tree
 * that owns every node.  A file with no document (empty, or only
 * comments) is an error, so a tree always has a root.  Returns NULL and
 * fills the diag on error; file is the name messages use.
 */
struct tree		*tree_parse(const char *, const char *, size_t,
			    struct diag *);
const struct node	*tree_root(const struct tree *);
void			 tree_free(struct tree *);

#endif
