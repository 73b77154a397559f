#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "norm.h"
#include "schema.h"
#include "terms.h"
#include "tree.h"
#include "xalloc.h"

static const struct schema_field group_elem = {
	.key = "conditions", .type = SCHEMA_TEXTS, .flags = SCHEMA_NONEMPTY
};

static const struct schema_field max_dose_fields[] = {
	SCHEMA_FIELD("rule", SCHEMA_ID, SCHEMA_REQUIRED, struct max_dose,
	    rule),
	SCHEMA_FIELD("mg_per_kg", SCHEMA_MILLI, SCHEMA_REQUIRED,
	    struct max_dose, mg_per_kg, .min = 1, .max = 1000000,
	    .label = "max_dose mg_per_kg"),
	SCHEMA_FIELD("mg", SCHEMA_MILLI, SCHEMA_REQUIRED, struct max_dose, mg,
	    .min = 1, .max = 1000000000L, .label = "max_dose mg"),
	SCHEMA_FIELD("warn_percent", SCHEMA_INT, SCHEMA_REQUIRED,
	    struct max_dose, warn_percent, .min = 1, .max = 100,
	    .label = "max_dose warn_percent"),
	SCHEMA_FIELD("source", SCHEMA_TEXT, SCHEMA_REQUIRED, struct max_dose,
	    source, .max = SCHEMA_PARA_MAX),
};

static const struct schema_map max_dose_map = {
	"max_dose", max_dose_fields, SCHEMA_NFIELDS(max_dose_fields), NULL
};

static const struct schema_field ingredient_fields[] = {
	SCHEMA_FIELD("name", SCHEMA_LANGTEXT, SCHEMA_REQUIRED,
	    struct ingredient, name),
	SCHEMA_FIELD("words", SCHEMA_TEXTS, SCHEMA_REQUIRED | SCHEMA_NONEMPTY,
	    struct ingredient, words),
	SCHEMA_FIELD("sources", SCHEMA_TEXTS, 0, struct ingredient, sources),
	SCHEMA_FIELD("note", SCHEMA_LANGTEXT, 0, struct ingredient, note,
	    .max = SCHEMA_PARA_MAX),
	SCHEMA_FIELD("max_dose", SCHEMA_MAP, 0, struct ingredient, max_dose,
	    .arg = &max_dose_map),
};

static const struct schema_map ingredient_map = {
	"ingredients", ingredient_fields, SCHEMA_NFIELDS(ingredient_fields),
	NULL
};

static const struct schema_field ingredient_elem = {
	.key = "ingredients", .type = SCHEMA_MAP, .arg = &ingredient_map
};

static void
fold_all(struct strv *sv)
{
	size_t i;
	char *f;

	for (i = 0; i < sv->n; i++) {
		f = norm_fold(sv->v[i]);
		free(sv->v[i]);
		sv->v[i] = f;
	}
}

/* Words are matched folded: fold them once, here. */
static int
terms_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct terms *t = obj;
	size_t i;

	(void)s;
	(void)n;
	(void)f;
	for (i = 0; i < t->nconditions; i++)
		fold_all(&t->conditions[i]);
	for (i = 0; i < t->ningredients; i++) {
		fold_all(&t->ingredients[i].words);
		fold_all(&t->ingredients[i].sources);
	}
	return 0;
}

static const struct schema_field terms_fields[] = {
	SCHEMA_FIELD("conditions", SCHEMA_LIST, 0, struct terms, conditions,
	    .count = offsetof(struct terms, nconditions),
	    .size = sizeof(struct strv), .arg = &group_elem),
	SCHEMA_FIELD("ingredients", SCHEMA_LIST, 0, struct terms, ingredients,
	    .count = offsetof(struct terms, ningredients),
	    .size = sizeof(struct ingredient), .arg = &ingredient_elem),
};

static const struct schema_map terms_map = {
	"terms file", terms_fields, SCHEMA_NFIELDS(terms_fields), terms_check
};

struct terms *
terms_load(const char *path, const char *buf, size_t len, struct diag *d)
{
	struct schema s = { path, d, NULL };
	struct terms *t;
	struct tree *tree;

	if ((tree = tree_parse(path, buf, len, d)) == NULL)
		return NULL;
	t = xcalloc(1, sizeof(*t));
	if (schema_read(&s, tree_root(tree), &terms_map, t)) {
		terms_free(t);
		t = NULL;
	}
	tree_free(tree);
	return t;
}

void
terms_free(struct terms *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nconditions; i++)
		strv_release(&t->conditions[i]);
	free(t->conditions);
	for (i = 0; i < t->ningredients; i++) {
		schema_langtext_release(&t->ingredients[i].name);
		strv_release(&t->ingredients[i].words);
		strv_release(&t->ingredients[i].sources);
		schema_langtext_release(&t->ingredients[i].note);
		free(t->ingredients[i].max_dose.rule);
		free(t->ingredients[i].max_dose.source);
	}
	free(t->ingredients);
	free(t);
}

static int
has_word(const struct strv *sv, const char *folded)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], folded) == 0)
			return 1;
	return 0;
}

/* The group of conditions a folded word or phrase belongs to, or NULL. */
const struct strv *
terms_condition(const struct terms *t, const char *folded)
{
	size_t i;

	for (i = 0; t != NULL && i < t->nconditions; i++)
		if (has_word(&t->conditions[i], folded))
			return &t->conditions[i];
	return NULL;
}

/* The ingredient a folded word names, or is made from; NULL if none. */
const struct ingredient *
terms_ingredient(const struct terms *t, const char *folded)
{
	size_t i;

	for (i = 0; t != NULL && i < t->ningredients; i++)
		if (has_word(&t->ingredients[i].words, folded) ||
		    has_word(&t->ingredients[i].sources, folded))
			return &t->ingredients[i];
	return NULL;
}

/*
 * The ingredient a folded word names, never what it is made from: what
 * a solution or a stock holds is dextrose, not corn.
 */
const struct ingredient *
terms_ingredient_named(const struct terms *t, const char *folded)
{
	size_t i;

	for (i = 0; t != NULL && i < t->ningredients; i++)
		if (has_word(&t->ingredients[i].words, folded))
			return &t->ingredients[i];
	return NULL;
}

/* Whether folded text holds any of the words, each whole. */
int
terms_any(const struct strv *words, const char *folded)
{
	size_t i;

	for (i = 0; i < words->n; i++)
		if (norm_has(folded, words->v[i]))
			return 1;
	return 0;
}
