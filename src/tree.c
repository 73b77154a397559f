#include <stdint.h>
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

/*
 * A collection being read.  Its items so far are the top of the
 * builder's one stack of items, from first: collections end in the
 * order they began, so one stack serves them all, and a file of any
 * shape grows it a few times at most.
 */
struct open {
	struct node	*node;
	size_t		 first;
};

/*
 * A place in the text libyaml reads, counted as editors count: a line
 * ends at LF (CRLF being one end), and a column is a character.  libyaml
 * also ends a line at a bare CR, at NEL (U+0085), LS (U+2028) and PS
 * (U+2029), so that in a text holding one its lines are not the
 * editor's; its marks are then mapped back through their character
 * offsets.  The last such break passed is kept for messages.
 */
struct place {
	size_t		 byte;		/* offset in the text */
	size_t		 index;		/* characters before it */
	int		 line;		/* 1-based */
	int		 col;		/* 1-based, in characters */
	uint32_t	 odd;		/* the last odd break passed, or 0 */
	int		 odd_line;
	int		 odd_col;
};

struct builder {
	struct tree	*tree;
	const char	*file;
	struct diag	*diag;
	const char	*text;		/* what libyaml reads */
	size_t		 len;
	int		 remap;		/* text holds an odd break */
	struct place	 at;		/* the last place mapped */
	struct open	 stack[TREE_MAX_DEPTH];
	int		 depth;
	struct node	**items;	/* of the open collections */
	size_t		 nitems;
	size_t		 capitems;
	int		 docs;
	int		 nodes;
};

/*
 * This, mark_place() and attach() are inline: they are called for
 * every node of every file, and the compiler keeps them out of line.
 */
static inline void *
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

/*
 * The code point of a line break libyaml counts and editors do not at s
 * (left bytes), or 0.  A CR before an LF is half of one editors count.
 */
static uint32_t
odd_break(const char *s, size_t left)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == '\r')
		return left > 1 && u[1] == '\n' ? 0 : 0x0d;
	if (u[0] == 0xc2 && left > 1 && u[1] == 0x85)
		return 0x85;
	if (u[0] == 0xe2 && left > 2 && u[1] == 0x80 &&
	    (u[2] == 0xa8 || u[2] == 0xa9))
		return u[2] == 0xa8 ? 0x2028 : 0x2029;
	return 0;
}

/* Whether text holds an odd break: found by memchr, as most hold none. */
static int
has_odd_break(const char *text, size_t len)
{
	static const char leads[] = { '\r', (char)0xc2, (char)0xe2 };
	const char *p, *end;
	size_t i;

	end = text + len;
	for (i = 0; i < sizeof(leads); i++)
		for (p = text; (p = memchr(p, leads[i], (size_t)(end - p))) !=
		    NULL; p++)
			if (odd_break(p, (size_t)(end - p)))
				return 1;
	return 0;
}

/*
 * Moves a place forward through text to the character index or to the
 * byte offset byte, whichever comes first.  A character is a byte and
 * the continuation bytes after it, so invalid UTF-8 (which the NUL scan
 * meets before libyaml refuses it) is counted as it is shown.
 */
static void
place_walk(struct place *at, const char *text, size_t len, size_t index,
    size_t byte)
{
	uint32_t odd;

	if (byte > len)
		byte = len;
	while (at->index < index && at->byte < byte) {
		if ((odd = odd_break(text + at->byte, len - at->byte)) != 0) {
			at->odd = odd;
			at->odd_line = at->line;
			at->odd_col = at->col;
		}
		if (text[at->byte] == '\n') {
			at->line++;
			at->col = 1;
		} else
			at->col++;
		do
			at->byte++;
		while (at->byte < len &&
		    ((unsigned char)text[at->byte] & 0xc0) == 0x80);
		at->index++;
	}
}

static void
place_start(struct place *at)
{
	memset(at, 0, sizeof(*at));
	at->line = 1;
	at->col = 1;
}

/*
 * Where a libyaml mark is, as editors count.  Marks come mostly in
 * order, so the walk goes on from the last; one behind it starts over.
 */
static inline void
mark_place(struct builder *b, const yaml_mark_t *m, int *line, int *col)
{
	if (!b->remap) {
		*line = (int)m->line + 1;
		*col = (int)m->column + 1;
		return;
	}
	if (m->index < b->at.index)
		place_start(&b->at);
	place_walk(&b->at, b->text, b->len, m->index, SIZE_MAX);
	*line = b->at.line;
	*col = b->at.col;
}

/* A node, with room for extra bytes after it: a scalar's text. */
static struct node *
node_new(struct builder *b, enum node_kind kind, const yaml_mark_t *m,
    size_t extra)
{
	struct node *n;

	b->nodes++;
	n = tree_alloc(b->tree, sizeof(*n) + extra);
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	mark_place(b, m, &n->line, &n->col);
	return n;
}

/*
 * Twice the room for the items of the open collections, in the tree's
 * arena like the nodes: a smaller stack left behind there is freed
 * with the tree, and most files never outgrow the first.
 */
static void
items_grow(struct builder *b)
{
	struct node **old = b->items;

	b->capitems = b->capitems ? b->capitems * 2 : 64;
	b->items = tree_alloc(b->tree, b->capitems * sizeof(*b->items));
	if (b->nitems > 0)
		memcpy(b->items, old, b->nitems * sizeof(*b->items));
}

/* Hands a finished node to the collection that holds it, or makes it the root. */
static inline void
attach(struct builder *b, struct node *n)
{
	if (b->depth == 0) {
		b->tree->root = n;
		return;
	}
	if (b->nitems == b->capitems)
		items_grow(b);
	b->items[b->nitems++] = n;
}

static int
refuse_extras(struct builder *b, const yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	int line, col;

	if (anchor == NULL && tag == NULL)
		return 0;
	mark_place(b, &ev->start_mark, &line, &col);
	return diag_set(b->diag, b->file, line, col,
	    anchor != NULL ? D_ANCHOR : D_TAG);
}

static int
on_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct node *n;
	char *text;

	if (refuse_extras(b, ev, ev->data.scalar.anchor, ev->data.scalar.tag))
		return -1;
	n = node_new(b, NODE_SCALAR, &ev->start_mark,
	    ev->data.scalar.length + 1);
	n->len = ev->data.scalar.length;
	text = (char *)(n + 1);
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
	int line, col;

	if (kind == NODE_MAP) {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
	} else {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
	}
	if (refuse_extras(b, ev, anchor, tag))
		return -1;
	if (b->depth == TREE_MAX_DEPTH) {
		mark_place(b, &ev->start_mark, &line, &col);
		return diag_set(b->diag, b->file, line, col, D_DEPTH,
		    TREE_MAX_DEPTH);
	}
	o = &b->stack[b->depth++];
	o->node = node_new(b, kind, &ev->start_mark, 0);
	o->first = b->nitems;
	return 0;
}

static void
on_end(struct builder *b)
{
	struct open *o;
	struct node *n;
	size_t i, first, count;

	o = &b->stack[--b->depth];
	n = o->node;
	first = o->first;
	count = b->nitems - first;
	b->nitems = first;
	if (n->kind == NODE_LIST) {
		n->n = count;
		n->items = tree_alloc(b->tree, count * sizeof(*n->items));
		if (count)
			memcpy(n->items, b->items + first,
			    count * sizeof(*n->items));
	} else {
		n->n = count / 2;
		n->pairs = tree_alloc(b->tree, n->n * sizeof(*n->pairs));
		for (i = 0; i < n->n; i++) {
			n->pairs[i].key = b->items[first + 2 * i];
			n->pairs[i].value = b->items[first + 2 * i + 1];
		}
	}
	attach(b, n);
}

static const char *
break_name(uint32_t cp)
{
	switch (cp) {
	case 0x0d:
		return "carriage return";
	case 0x85:
		return "next line";
	case 0x2028:
		return "line separator";
	default:
		return "paragraph separator";
	}
}

/*
 * libyaml's own message, at a place counted from its offset in every
 * file: a reader error (invalid UTF-8, a control character) has only
 * the offset of its byte, and at the end of a file with no final line
 * break libyaml puts its mark on a line after the last.  Where an odd
 * break comes before a syntax error, a note points at the last one:
 * YAML read a new line there that the file's reader does not see (the
 * end of a comment read as keys), so the error may well come from it.
 */
/*
 * Whether libyaml stopped at a tab in the indentation of a line, only
 * spaces and tabs before it: its messages for that ("found character
 * that cannot start any token") do not say what to change.  A tab in a
 * quoted string or after a line's content is no such error.
 */
static int
tab_indent(const struct builder *b, size_t at)
{
	size_t i;

	if (at >= b->len || b->text[at] != '\t')
		return 0;
	for (i = at; i > 0 && b->text[i - 1] != '\n' &&
	    b->text[i - 1] != '\r'; i--)
		if (b->text[i - 1] != ' ' && b->text[i - 1] != '\t')
			return 0;
	return 1;
}

static int
syntax_error(struct builder *b, const yaml_parser_t *p)
{
	const yaml_mark_t *m;
	struct place at;
	char msg[256];
	int reader;

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
	reader = p->error == YAML_READER_ERROR;
	place_start(&at);
	place_walk(&at, b->text, b->len, reader ? SIZE_MAX : m->index,
	    reader ? p->problem_offset : SIZE_MAX);
	if (!reader && tab_indent(b, m->index))
		diag_set(b->diag, b->file, at.line, at.col, D_TAB_INDENT);
	else
		diag_set(b->diag, b->file, at.line, at.col, D_SYNTAX, msg);
	if (!reader && at.odd != 0)
		diag_add_note(b->diag, b->file, at.odd_line, at.odd_col,
		    D_NOTE_BREAK, (unsigned)at.odd, break_name(at.odd));
	return -1;
}

static int
on_event(struct builder *b, const yaml_event_t *ev)
{
	int line, col;

	/* Bounds the memory a 1 MiB file of tiny values can ask for. */
	if (b->nodes >= TREE_MAX_NODES && (ev->type == YAML_SCALAR_EVENT ||
	    ev->type == YAML_SEQUENCE_START_EVENT ||
	    ev->type == YAML_MAPPING_START_EVENT)) {
		mark_place(b, &ev->start_mark, &line, &col);
		return diag_set(b->diag, b->file, line, col, D_NODES,
		    TREE_MAX_NODES);
	}
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->docs == 1)
			return 0;
		mark_place(b, &ev->start_mark, &line, &col);
		return diag_set(b->diag, b->file, line, col, D_MULTIDOC);
	case YAML_ALIAS_EVENT:
		mark_place(b, &ev->start_mark, &line, &col);
		return diag_set(b->diag, b->file, line, col, D_ALIAS);
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
find_nul(struct builder *b)
{
	const char *nul;
	struct place at;

	if ((nul = memchr(b->text, '\0', b->len)) == NULL)
		return 0;
	place_start(&at);
	place_walk(&at, b->text, b->len, SIZE_MAX, (size_t)(nul - b->text));
	return diag_set(b->diag, b->file, at.line, at.col, D_NUL);
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
	b->text = buf = skip_bom(buf, &len);
	b->len = len;
	if (find_nul(b))
		return -1;
	b->remap = has_odd_break(buf, len);
	place_start(&b->at);
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
	int rc;

	memset(&b, 0, sizeof(b));
	t = xcalloc(1, sizeof(*t));
	b.tree = t;
	b.file = file;
	b.diag = d;
	rc = build(&b, buf, len);
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
