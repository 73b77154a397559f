#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "drugs.h"
#include "schema.h"
#include "tree.h"
#include "word.h"
#include "xalloc.h"

static const struct schema_field class_fields[] = {
	SCHEMA_FIELD("id", SCHEMA_ID, SCHEMA_REQUIRED, struct drug_class, id),
	SCHEMA_FIELD("name", SCHEMA_TEXT, SCHEMA_REQUIRED, struct drug_class,
	    name),
	SCHEMA_FIELD("prescribed", SCHEMA_BOOL, 0, struct drug_class,
	    prescribed),
	SCHEMA_FIELD("drugs", SCHEMA_TEXTS, SCHEMA_REQUIRED, struct drug_class,
	    drugs),
};

static const struct schema_map class_map = {
	"classes", class_fields, SCHEMA_NFIELDS(class_fields), NULL
};

static const struct schema_field class_elem = {
	.key = "classes", .type = SCHEMA_MAP, .arg = &class_map
};

static const struct schema_field drugs_fields[] = {
	SCHEMA_FIELD("classes", SCHEMA_LIST, SCHEMA_REQUIRED | SCHEMA_UNIQUE,
	    struct drugs, classes, .count = offsetof(struct drugs, n),
	    .size = sizeof(struct drug_class),
	    .id = offsetof(struct drug_class, id), .arg = &class_elem),
};

static const struct schema_map drugs_map = {
	"drugs file", drugs_fields, SCHEMA_NFIELDS(drugs_fields), NULL
};

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
	struct schema s = { path, d, NULL };
	struct drugs *dr;
	struct tree *t;

	if ((t = tree_parse(path, buf, len, d)) == NULL)
		return NULL;
	dr = xcalloc(1, sizeof(*dr));
	if (schema_read(&s, tree_root(t), &drugs_map, dr)) {
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
