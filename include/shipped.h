#ifndef PROLO_SHIPPED_H
#define PROLO_SHIPPED_H

#include <stddef.h>

/*
 * The data files shipped with prolo (care, clinic, drug classes and
 * protocols), parsed when prolo was built: tools/gen-shipped.c writes
 * each file's bytes and its tree as C.  tree_parse() takes a file that
 * is byte for byte one of these from here instead of parsing it again,
 * so a plan parses only the patient and what the clinic has changed;
 * a file edited by even one byte is parsed as usual.
 *
 * A node is stored in pre-order, followed by its items (a list) or its
 * keys and values in turn (a map); offsets and counts rather than
 * pointers keep the tables free of start-up relocations.
 */
struct shipped_node {
	unsigned char	kind;		/* enum node_kind */
	unsigned char	plain;
	int		line;
	int		col;
	unsigned	text;		/* scalar: offset of its text in strs */
	unsigned	n;		/* scalar bytes, list items, map pairs */
};

struct shipped_file {
	const char			*name;	/* under data/, for tests */
	const unsigned char		*bytes;	/* the file as shipped */
	size_t				 len;
	const struct shipped_node	*nodes;
	size_t				 nnodes;
	size_t				 nitems;	/* in all lists */
	size_t				 npairs;	/* in all maps */
	const char			*strs;	/* texts, each NUL-ended */
};

/* Generated; the last entry is all zero. */
extern const struct shipped_file	shipped_files[];
extern const size_t			shipped_nfiles;

#endif
