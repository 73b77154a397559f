#ifndef PROLO_SCHEMA_H
#define PROLO_SCHEMA_H

#include <stddef.h>

#include "strv.h"

struct diag;
struct node;

/*
 * Reading tree nodes into structs, described by tables as libcyaml's
 * schemas are.  A loader says what a mapping holds: one struct
 * schema_field per key (its type, whether it is required, its limits
 * and where in the struct its value goes), and schema_read() does the
 * walking, the checking and the messages.  Every failure fills the diag
 * with the value's place and a message naming the key, and returns -1;
 * what was read so far stays in the struct for its _free() to release.
 */

#define SCHEMA_TEXT_MAX	200	/* bytes in a name, id, site or drug */
#define SCHEMA_PARA_MAX	1000	/* bytes in a paragraph of handout text */
#define SCHEMA_LIST_MAX	1000	/* items in a list */
#define SCHEMA_KEYS_MAX	32	/* keys in one mapping's table */

/* A place in a file, kept to point later messages at a key. */
struct pos {
	int	line;
	int	col;
};

/*
 * Text in one or more languages; langs[i] is "" for text given in none,
 * and at[i] is where texts[i] was given.
 */
struct langtext {
	struct strv	 langs;
	struct strv	 texts;
	struct pos	*at;
};

/* Lists of texts in one or more languages, as struct langtext. */
struct langlist {
	struct strv	 langs;
	struct strv	*lists;		/* lists[i] is in langs.v[i] */
	struct pos	*at;
};

struct schema {
	const char	*file;		/* name used in messages */
	struct diag	*diag;
	const void	*ctx;		/* what a loader's hooks need */
};

enum schema_type {
	SCHEMA_TEXT,		/* char *: at most max bytes, no controls */
	SCHEMA_TEMPLATE,	/* char *: text whose {names} are in arg */
	SCHEMA_TEXTS,		/* struct strv: distinct texts, each as
				   SCHEMA_TEXT (a template when arg is set);
				   one value is a list of one */
	SCHEMA_INT,		/* int: base 10, within min..max */
	SCHEMA_MILLI,		/* long: a decimal number (12.5) with at
				   most 3 places, in thousandths, within
				   min..max (also in thousandths) */
	SCHEMA_DATE,		/* int: a day number, from YYYY-MM-DD */
	SCHEMA_TIME,		/* int: minutes after midnight, from HH:MM */
	SCHEMA_BOOL,		/* int: true or false */
	SCHEMA_ID,		/* char *: [a-z0-9-]+, as file names allow */
	SCHEMA_LANG,		/* char *: a two-letter language code */
	SCHEMA_WEEKDAYS,	/* unsigned: a mask, bit 0 Monday */
	SCHEMA_ENUM,		/* int: the index of its name in arg, a
				   NULL-ended array of names */
	SCHEMA_MAP,		/* a mapping, read by the struct schema_map
				   arg into the struct at off */
	SCHEMA_LIST,		/* an array at off of size-byte elements,
				   each read as the field arg; its count, a
				   size_t, at count */
	SCHEMA_LANGTEXT,	/* struct langtext: one text, or a mapping
				   of language codes to texts */
	SCHEMA_LANGLIST,	/* struct langlist: a list as SCHEMA_TEXTS,
				   or a mapping of language codes to such
				   lists */
	SCHEMA_FUNC		/* read by fn */
};

/* Flags of a field. */
#define SCHEMA_REQUIRED	0x1	/* the key must be given a value */
#define SCHEMA_NONEMPTY	0x2	/* a list (or TEXTS) must not be empty */
#define SCHEMA_AT	0x4	/* the value's place goes at at */
#define SCHEMA_UNIQUE	0x8	/* LIST: no two elements' char * at id
				   are equal */
#define SCHEMA_ITEMS_AT	0x10	/* LIST, TEXTS: the items' places, a new
				   array of struct pos, at items_at */

struct schema_field;

/*
 * A hook: a reader (SCHEMA_FUNC) or a check after a value or a mapping
 * is read.  obj is the struct the field's offsets are taken from; n is
 * the value, or the mapping for a map's check.
 */
typedef int schema_fn(const struct schema *, const struct node *,
    const struct schema_field *, void *);

struct schema_field {
	const char		*key;
	enum schema_type	 type;
	int			 flags;
	size_t			 off;		/* where the value goes */
	size_t			 at;		/* SCHEMA_AT: struct pos */
	long			 min;		/* SCHEMA_INT */
	long			 max;		/* INT; bytes of text; 0: the
						   usual SCHEMA_TEXT_MAX */
	const void		*arg;
	size_t			 count;		/* SCHEMA_LIST */
	size_t			 size;		/* SCHEMA_LIST */
	size_t			 id;		/* SCHEMA_LIST, SCHEMA_UNIQUE */
	size_t			 items_at;	/* SCHEMA_ITEMS_AT */
	const char		*label;		/* in messages; NULL: key */
	schema_fn		*fn;		/* SCHEMA_FUNC */
	schema_fn		*check;		/* after the value is read */
};

/*
 * A mapping: its fields, read in the order of the table, then its
 * check.  name is what messages call it ("patient file").
 */
struct schema_map {
	const char			*name;
	const struct schema_field	*fields;
	size_t				 nfields;
	schema_fn			*check;
};

#define SCHEMA_NFIELDS(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * A table's row: key k of type t with flags fl, its value in member m of
 * struct st; other designators (.max, .arg, .check ...) may follow.
 */
#define SCHEMA_FIELD(k, t, fl, st, m, ...) \
	{ .key = (k), .type = (t), .flags = (fl), .off = offsetof(st, m), \
	  __VA_ARGS__ }

int		 schema_read(const struct schema *, const struct node *,
		    const struct schema_map *, void *);
int		 schema_value(const struct schema *, const struct node *,
		    const struct schema_field *, void *);
int		 schema_ordered(const struct schema *, const struct node *,
		    const struct schema_field *, void *);
const struct node *schema_get(const struct node *, const char *);
struct pos	 schema_pos(const struct node *);
const char	*schema_langtext(const struct langtext *, const char *);
void		 schema_langtext_release(struct langtext *);
const struct strv *schema_langlist(const struct langlist *, const char *);
void		 schema_langlist_release(struct langlist *);
const char	*schema_lang_fallback(const struct strv *, const char *);
int		 schema_id_valid(const char *, size_t);
int		 schema_milli_parse(const char *, size_t, long *);
char		*schema_milli_str(char *, size_t, long);
int		 schema_lang_valid(const char *);
const char	*schema_suggest(const char *, const char *const *, size_t);

#endif
