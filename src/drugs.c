#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "drugs.h"
#include "schema.h"
#include "tree.h"
#include "word.h"
#include "xalloc.h"

static int
read_class(const struct schema *s, const struct node *n,
    struct drug_class *dc)
{
	static const struct schema_key keys[] = {
		{ "id", 1 }, { "name", 1 }, { "prescribed", 0 },
		{ "drugs", 1 },
	};
	const struct node *v[4];
	char q[128];

	if (schema_map(s, n, "classes", keys, 4, v) ||
	    schema_text(s, v[0], "id", SCHEMA_TEXT_MAX, &dc->id) ||
	    schema_text(s, v[1], "name", SCHEMA_TEXT_MAX, &dc->name) ||
	    schema_text_list(s, v[3], "drugs", SCHEMA_TEXT_MAX, &dc->drugs))
		return -1;
	if (!schema_id_valid(dc->id, strlen(dc->id))) {
		diag_quote(q, sizeof(q), v[0]->text, v[0]->len);
		return diag_set(s->diag, s->file, v[0]->line, v[0]->col,
		    D_ID_FORMAT, q);
	}
	if (v[2] == NULL)
		return 0;
	if (v[2]->kind != NODE_SCALAR || (strcmp(v[2]->text, "true") != 0 &&
	    strcmp(v[2]->text, "false") != 0))
		return diag_set(s->diag, s->file, v[2]->line, v[2]->col,
		    D_NOT_BOOL, "prescribed");
	dc->prescribed = strcmp(v[2]->text, "true") == 0;
	return 0;
}

static int
read_drugs(const struct schema *s, const struct node *root, struct drugs *dr)
{
	static const struct schema_key keys[] = { { "classes", 1 } };
	const struct node *v[1], *n;
	char q[128];
	size_t i, j;

	if (schema_map(s, root, "drugs file", keys, 1, v) ||
	    schema_list(s, v[0], "classes"))
		return -1;
	n = v[0];
	dr->classes = xcalloc(n->n, sizeof(*dr->classes));
	for (i = 0; i < n->n; i++) {
		dr->n++;
		if (read_class(s, n->items[i], &dr->classes[i]))
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(dr->classes[j].id, dr->classes[i].id) == 0) {
				diag_quote(q, sizeof(q), dr->classes[i].id,
				    strlen(dr->classes[i].id));
				return diag_set(s->diag, s->file,
				    n->items[i]->line, n->items[i]->col,
				    D_DUP_ITEM, "classes", q);
			}
	}
	return 0;
}

static size_t
bucket(const char *name)
{
	int c = (unsigned char)name[0];

	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c >= 'a' && c <= 'z' ? (size_t)(c - 'a') : 26;
}

/*
 * Files every name under its first letter, so a medication is compared
 * only with the names that could start one of its words.  The names
 * are counted first, so each letter's list is allocated once.
 */
static void
index_names(struct drugs *dr)
{
	struct drug_ref *ref;
	size_t i, j, b, order;

	for (i = 0; i < dr->n; i++)
		for (j = 0; j < dr->classes[i].drugs.n; j++)
			dr->nrefs[bucket(dr->classes[i].drugs.v[j])]++;
	for (b = 0; b < 27; b++) {
		if (dr->nrefs[b] > 0)
			dr->refs[b] = xreallocarray(NULL, dr->nrefs[b],
			    sizeof(*dr->refs[b]));
		dr->nrefs[b] = 0;
	}
	for (order = 0, i = 0; i < dr->n; i++)
		for (j = 0; j < dr->classes[i].drugs.n; j++) {
			b = bucket(dr->classes[i].drugs.v[j]);
			ref = &dr->refs[b][dr->nrefs[b]++];
			ref->dc = &dr->classes[i];
			ref->name = dr->classes[i].drugs.v[j];
			ref->len = strlen(ref->name);
			ref->order = order++;
		}
}

struct drugs *
drugs_load(const char *path, const char *buf, size_t len, struct diag *d)
{
	struct schema s = { path, d };
	struct drugs *dr;
	struct tree *t;

	if ((t = tree_parse(path, buf, len, d)) == NULL)
		return NULL;
	dr = xcalloc(1, sizeof(*dr));
	if (read_drugs(&s, tree_root(t), dr)) {
		drugs_free(dr);
		dr = NULL;
	} else
		index_names(dr);
	tree_free(t);
	return dr;
}

void
drugs_free(struct drugs *dr)
{
	size_t i;

	if (dr == NULL)
		return;
	for (i = 0; i < 27; i++)
		free(dr->refs[i]);
	for (i = 0; i < dr->n; i++) {
		free(dr->classes[i].id);
		free(dr->classes[i].name);
		strv_release(&dr->classes[i].drugs);
	}
	free(dr->classes);
	free(dr);
}

const struct drug_class *
drugs_find(const struct drugs *dr, const char *id)
{
	size_t i;

	for (i = 0; dr != NULL && i < dr->n; i++)
		if (strcmp(dr->classes[i].id, id) == 0)
			return &dr->classes[i];
	return NULL;
}

const char *
drugs_suggest(const struct drugs *dr, const char *id)
{
	const char *names[SCHEMA_LIST_MAX];
	size_t i;

	for (i = 0; dr != NULL && i < dr->n && i < SCHEMA_LIST_MAX; i++)
		names[i] = dr->classes[i].id;
	return schema_suggest(id, names, i);
}

/*
 * The class naming a medication with the longest phrase, the first in
 * the file among phrases as long; NULL if none.  A phrase matches as
 * whole words where no letter or digit comes before it, so only the
 * names filed under the character found at such a place are compared
 * there: a medication is read once, not once per name.
 */
const struct drug_class *
drugs_class_of(const struct drugs *dr, const char *medication)
{
	const struct drug_ref *ref, *best;
	const char *at;
	size_t i, j, b;

	if (dr == NULL)
		return NULL;
	best = NULL;
	for (i = 0; medication[i] != '\0'; i++) {
		if (i > 0 && word_char(medication[i - 1]))
			continue;
		at = medication + i;
		b = bucket(at);
		for (j = 0; j < dr->nrefs[b]; j++) {
			ref = &dr->refs[b][j];
			if (best != NULL && (ref->len < best->len ||
			    (ref->len == best->len && ref->order >= best->order)))
				continue;
			if (strncasecmp(at, ref->name, ref->len) == 0 &&
			    !word_char(at[ref->len]))
				best = ref;
		}
	}
	return best != NULL ? best->dc : NULL;
}
