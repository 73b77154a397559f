#ifndef PROLO_SCHEMA_H
#define PROLO_SCHEMA_H

#include <stddef.h>

struct diag;
struct node;
struct strv;

/*
 * Typed reading of tree nodes.  Each function checks one value against
 * its rule and, on failure, fills the diag with the value's place and a
 * message naming the key, then returns -1.
 */

#define SCHEMA_TEXT_MAX	200	/* bytes in a name, id, site or drug */
#define SCHEMA_PARA_MAX	1000	/* bytes in a paragraph of handout text */
#define SCHEMA_LIST_MAX	1000	/* items in a list */
#define SCHEMA_KEYS_MAX	32	/* keys in one schema table */

struct schema {
	const char	*file;		/* name used in messages */
	struct diag	*diag;
};

struct schema_key {
	const char	*name;
	int		 required;
};

int	schema_map(const struct schema *, const struct node *, const char *,
	    const struct schema_key *, size_t, const struct node **);
int	schema_text(const struct schema *, const struct node *, const char *,
	    size_t, char **);
int	schema_int(const struct schema *, const struct node *, const char *,
	    int, int, int *);
int	schema_date(const struct schema *, const struct node *, const char *,
	    int *);
int	schema_list(const struct schema *, const struct node *, const char *);
int	schema_text_list(const struct schema *, const struct node *,
	    const char *, size_t, struct strv *);
int	schema_weekdays(const struct schema *, const struct node *,
	    const char *, unsigned *);
int	schema_time(const struct schema *, const struct node *, const char *,
	    int *);
int	schema_id_valid(const char *, size_t);
int	schema_lang_valid(const char *);
const char *schema_suggest(const char *, const char *const *, size_t);

#endif
