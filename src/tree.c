#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "diag.h"
#include "tree.h"
#include "xalloc.h"

/*
 * Nodes live in an arena of chunks owned by the tree, so a document of
 * any shape is freed in a few calls and parsing allocates little.
 */
struct chunk {
	struct chunk	*next;
	size_t		 used;
	size_t		 size;
	/* data follows */
};

#define CHUNK_SIZE	8192
/* Keeps node data 16-byte aligned after the header, as malloc does. */
#define CHUNK_HDR	((sizeof(struct chunk) + 15) & ~(size_t)15)

struct tree {
	struct chunk	*chunks;
	struct node	*root;
};

/* A collection being read: its items so far, before they are final. */
struct open {
	struct node	 *node;
	struct node	**items;
	size_t		  n;
	size_t		  cap;
};

struct builder {
	struct tree	*tree;
	const char	*file;
	struct diag	*diag;
	struct open	 stack[TREE_MAX_DEPTH];
	int		 depth;
	int		 docs;
	int		 nodes;
};

static void *
tree_alloc(struct tree *t, size_t size)
{
	struct chunk *c;
	size_t want;
	void *p;

	size = (size + 15) & ~(size_t)15;
	c = t->chunks;
	if (c == NULL || c->size - c->used < size) {
		want = size > CHUNK_SIZE ? size : CHUNK_SIZE;
		c = xmalloc(CHUNK_HDR + want);
		c->size = want;
		c->used = 0;
		c->next = t->chunks;
		t->chunks = c;
	}
	p = (char *)c + CHUNK_HDR + c->used;
	c->used += size;
	return p;
}

static struct node *
node_new(struct builder *b, enum node_kind kind, const yaml_mark_t *m)
{
	struct node *n;

	b->nodes++;
	n = tree_alloc(b->tree, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	return n;
}

static void
open_push(struct open *o, struct node *n)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 8;
		o->items = xreallocarray(o->items, o->cap, sizeof(*o->items));
	}
	o->items[o->n++] = n;
}

/* Hands a finished node to the collection that holds it, or makes it the root. */
static void
attach(struct builder *b, struct node *n)
{
	if (b->depth == 0)
		b->tree->root = n;
	else
		open_push(&b->stack[b->depth - 1], n);
}

static int
refuse_extras(struct builder *b, const yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	const yaml_mark_t *m = &ev->start_mark;

	if (anchor != NULL)
		return diag_set(b->diag, b->file, (int)m->line + 1,
		    (int)m->column + 1, D_ANCHOR);
	if (tag != NULL)
		return diag_set(b->diag, b->file, (int)m->line + 1,
		    (int)m->column + 1, D_TAG);
	return 0;
}

static int
on_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct node *n;
	char *text;

	if (refuse_extras(b, ev, ev->data.scalar.anchor, ev->data.scalar.tag))
		return -1;
	n = node_new(b, NODE_SCALAR, &ev->start_mark);
	n->len = ev->data.scalar.length;
	text = tree_alloc(b->tree, n->len + 1);
	memcpy(text, ev->data.scalar.value, n->len);
	text[n->len] = '\0';
	n->text = text;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	attach(b, n);
	return 0;
}

static int
on_start(struct builder *b, const yaml_event_t *ev, enum node_kind kind)
{
	const yaml_char_t *anchor, *tag;
	struct open *o;

	if (kind == NODE_MAP) {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
	} else {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
	}
	if (refuse_extras(b, ev, anchor, tag))
		return -1;
	if (b->depth == TREE_MAX_DEPTH)
		return diag_set(b->diag, b->file, (int)ev->start_mark.line + 1,
		    (int)ev->start_mark.column + 1, D_DEPTH, TREE_MAX_DEPTH);
	o = &b->stack[b->depth++];
	o->node = node_new(b, kind, &ev->start_mark);
	o->n = 0;
	return 0;
}

static void
on_end(struct builder *b)
{
	struct open *o;
	struct node *n;
	size_t i;

	o = &b->stack[--b->depth];
	n = o->node;
	if (n->kind == NODE_LIST) {
		n->n = o->n;
		n->items = tree_alloc(b->tree, o->n * sizeof(*n->items));
		if (o->n)
			memcpy(n->items, o->items, o->n * sizeof(*n->items));
	} else {
		n->n = o->n / 2;
		n->pairs = tree_alloc(b->tree, n->n * sizeof(*n->pairs));
		for (i = 0; i < n->n; i++) {
			n->pairs[i].key = o->items[2 * i];
			n->pairs[i].value = o->items[2 * i + 1];
		}
	}
	attach(b, n);
}

static int
syntax_error(struct builder *b, const yaml_parser_t *p)
{
	const yaml_mark_t *m;
	char msg[256];

	if (p->error == YAML_MEMORY_ERROR) {
		fputs("prolo: out of memory\n", stderr);
		exit(71);
	}
	m = p->problem ? &p->problem_mark : &p->mark;
	if (p->context)
		snprintf(msg, sizeof(msg), "%s %s", p->context,
		    p->problem ? p->problem : "syntax error");
	else
		snprintf(msg, sizeof(msg), "%s",
		    p->problem ? p->problem : "syntax error");
	return diag_set(b->diag, b->file, (int)m->line + 1, (int)m->column + 1,
	    D_SYNTAX, msg);
}

static int
on_event(struct builder *b, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;

	/* Bounds the memory a 1 MiB file of tiny values can ask for. */
	if (b->nodes >= TREE_MAX_NODES && (ev->type == YAML_SCALAR_EVENT ||
	    ev->type == YAML_SEQUENCE_START_EVENT ||
	    ev->type == YAML_MAPPING_START_EVENT))
		return diag_set(b->diag, b->file, (int)m->line + 1,
		    (int)m->column + 1, D_NODES, TREE_MAX_NODES);
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->docs > 1)
			return diag_set(b->diag, b->file, (int)m->line + 1,
			    (int)m->column + 1, D_MULTIDOC);
		return 0;
	case YAML_ALIAS_EVENT:
		return diag_set(b->diag, b->file, (int)m->line + 1,
		    (int)m->column + 1, D_ALIAS);
	case YAML_SCALAR_EVENT:
		return on_scalar(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_start(b, ev, NODE_LIST);
	case YAML_MAPPING_START_EVENT:
		return on_start(b, ev, NODE_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		on_end(b);
		return 0;
	default:
		return 0;
	}
}

static int
find_nul(struct builder *b, const char *buf, size_t len)
{
	const char *nul, *p;
	int line, col;

	if ((nul = memchr(buf, '\0', len)) == NULL)
		return 0;
	line = 1;
	col = 1;
	for (p = buf; p < nul; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*p & 0xc0) != 0x80)
			col++;
	}
	return diag_set(b->diag, b->file, line, col, D_NUL);
}

/*
 * Windows Notepad begins a UTF-8 file with a byte-order mark.  libyaml,
 * told the encoding, does not skip it but reads it as a character of the
 * first line, whose keys then stand one column in from the next line's.
 * It is skipped here, and places are counted from the character after
 * it, as editors count them.
 */
static const char *
skip_bom(const char *buf, size_t *len)
{
	if (*len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		*len -= 3;
		return buf + 3;
	}
	return buf;
}

static int
build(struct builder *b, const char *buf, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int done, rc;

	if (len > TREE_MAX_BYTES)
		return diag_set(b->diag, b->file, 1, 1, D_TOO_LARGE,
		    TREE_MAX_BYTES);
	buf = skip_bom(buf, &len);
	if (find_nul(b, buf, len))
		return -1;
	if (!yaml_parser_initialize(&parser)) {
		fputs("prolo: out of memory\n", stderr);
		exit(71);
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	for (rc = 0, done = 0; !done && rc == 0; ) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = syntax_error(b, &parser);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		rc = on_event(b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return rc;
}

struct tree *
tree_parse(const char *file, const char *buf, size_t len, struct diag *d)
{
	struct builder b;
	struct tree *t;
	int i, rc;

	memset(&b, 0, sizeof(b));
	t = xcalloc(1, sizeof(*t));
	b.tree = t;
	b.file = file;
	b.diag = d;
	rc = build(&b, buf, len);
	for (i = 0; i < TREE_MAX_DEPTH; i++)
		free(b.stack[i].items);
	if (rc == 0 && t->root == NULL)
		rc = diag_set(d, file, 1, 1, D_NOT_DOC, " (the file is empty)");
	if (rc != 0) {
		tree_free(t);
		return NULL;
	}
	return t;
}

const struct node *
tree_root(const struct tree *t)
{
	return t->root;
}

void
tree_free(struct tree *t)
{
	struct chunk *c, *next;

	if (t == NULL)
		return;
	for (c = t->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(t);
}
