#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "dose.h"
#include "drugs.h"
#include "schema.h"
#include "tree.h"
#include "norm.h"
#include "xalloc.h"

static const char *const pause_names[] = {
	[DRUG_PAUSE] = "pause", [DRUG_ASK] = "ask-prescriber",
	[DRUG_NEVER] = "never", NULL
};

static const struct schema_field class_fields[] = {
	SCHEMA_FIELD("id", SCHEMA_ID, SCHEMA_REQUIRED, struct drug_class, id),
	SCHEMA_FIELD("name", SCHEMA_TEXT, SCHEMA_REQUIRED, struct drug_class,
	    name),
	SCHEMA_FIELD("pause", SCHEMA_ENUM, SCHEMA_REQUIRED, struct drug_class,
	    pause, .arg = pause_names),
	SCHEMA_FIELD("blood_thinner", SCHEMA_BOOL, 0, struct drug_class,
	    blood_thinner),
	SCHEMA_FIELD("drugs", SCHEMA_TEXTS, SCHEMA_REQUIRED, struct drug_class,
	    drugs),
};

static const struct schema_map class_map = {
	"classes", class_fields, SCHEMA_NFIELDS(class_fields), NULL
};

static const struct schema_field class_elem = {
	.key = "classes", .type = SCHEMA_MAP, .arg = &class_map
};

#define MG_MAX	100000

static const struct schema_field dose_fields[] = {
	SCHEMA_FIELD("drugs", SCHEMA_TEXTS, SCHEMA_REQUIRED, struct drug_dose,
	    drugs),
	SCHEMA_FIELD("low_dose_class", SCHEMA_ID, SCHEMA_REQUIRED,
	    struct drug_dose, low_id),
	SCHEMA_FIELD("low_dose_max_mg_a_day", SCHEMA_INT, SCHEMA_REQUIRED,
	    struct drug_dose, low_max_mg, .min = 1, .max = MG_MAX),
	SCHEMA_FIELD("low_dose_words", SCHEMA_TEXTS, 0, struct drug_dose,
	    low_words),
	SCHEMA_FIELD("high_dose_class", SCHEMA_ID, SCHEMA_REQUIRED,
	    struct drug_dose, high_id),
	SCHEMA_FIELD("high_dose_min_mg", SCHEMA_INT, SCHEMA_REQUIRED,
	    struct drug_dose, high_min_mg, .min = 1, .max = MG_MAX),
};

static const struct schema_map dose_map = {
	"doses", dose_fields, SCHEMA_NFIELDS(dose_fields), NULL
};

static const struct schema_field dose_elem = {
	.key = "doses", .type = SCHEMA_MAP, .arg = &dose_map
};

/* The classes a dose entry names must be the file's own. */
static int
resolve_class(const struct schema *s, const struct node *n, const char *key,
    const char *id, const struct drugs *dr, const struct drug_class **out)
{
	const struct node *at;
	char q[128];

	if ((*out = drugs_find(dr, id)) != NULL)
		return 0;
	at = schema_get(n, key);
	return diag_set(s->diag, s->file, at->line, at->col, D_UNKNOWN_CLASS,
	    diag_quote(q, sizeof(q), id, strlen(id)), "");
}

static int
drugs_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct drugs *dr = obj;
	const struct node *doses;
	struct drug_dose *dd;
	size_t i;

	(void)f;
	doses = schema_get(n, "doses");
	for (i = 0; i < dr->ndoses; i++) {
		dd = &dr->doses[i];
		if (resolve_class(s, doses->items[i], "low_dose_class",
		    dd->low_id, dr, &dd->low) ||
		    resolve_class(s, doses->items[i], "high_dose_class",
		    dd->high_id, dr, &dd->high))
			return -1;
	}
	return 0;
}

static const struct schema_field drugs_fields[] = {
	SCHEMA_FIELD("classes", SCHEMA_LIST, SCHEMA_REQUIRED | SCHEMA_UNIQUE,
	    struct drugs, classes, .count = offsetof(struct drugs, n),
	    .size = sizeof(struct drug_class),
	    .id = offsetof(struct drug_class, id), .arg = &class_elem),
	SCHEMA_FIELD("doses", SCHEMA_LIST, 0, struct drugs, doses,
	    .count = offsetof(struct drugs, ndoses),
	    .size = sizeof(struct drug_dose), .arg = &dose_elem),
};

static const struct schema_map drugs_map = {
	"drugs file", drugs_fields, SCHEMA_NFIELDS(drugs_fields), drugs_check
};

/* Where a-z and anything else go in the index of names: 0-25, 26. */
static size_t
letter(char c)
{
	return c >= 'a' && c <= 'z' ? (size_t)(c - 'a') : 26;
}

/*
 * A name's place in the index, by its first two characters (a space
 * after a one-letter word counts as "anything else"), so a word of a
 * medication is compared with the few names that could start there.
 */
static size_t
bucket(const char *name)
{
	return letter(name[0]) * DRUGS_INDEX_SIDE + letter(name[1]);
}

static void
add_ref(struct drugs *dr, const struct drug_class *dc,
    const struct drug_dose *dd, const char *name)
{
	struct drug_ref *ref;
	char *folded;
	size_t b;

	folded = norm_fold(name);
	if (folded[1] == '\0') {	/* "-": no word to match */
		free(folded);
		return;
	}
	b = bucket(folded + 1);
	dr->refs[b] = xreallocarray(dr->refs[b], dr->nrefs[b] + 1,
	    sizeof(*dr->refs[b]));
	ref = &dr->refs[b][dr->nrefs[b]++];
	ref->dc = dc;
	ref->dose = dd;
	/* Kept whole, so the name can be freed; matched from its first word. */
	ref->name = folded;
	ref->len = strlen(folded) - 1;
}

/*
 * Files every name, folded, under its first letter, so a medication is
 * compared only with the names that could start one of its words; the
 * words that mark a low dose are folded once here too.
 */
static void
index_names(struct drugs *dr)
{
	struct drug_dose *dd;
	char *f;
	size_t i, j;

	for (i = 0; i < dr->n; i++)
		for (j = 0; j < dr->classes[i].drugs.n; j++)
			add_ref(dr, &dr->classes[i], NULL,
			    dr->classes[i].drugs.v[j]);
	for (i = 0; i < dr->ndoses; i++) {
		dd = &dr->doses[i];
		for (j = 0; j < dd->drugs.n; j++)
			add_ref(dr, NULL, dd, dd->drugs.v[j]);
		for (j = 0; j < dd->low_words.n; j++) {
			f = norm_fold(dd->low_words.v[j]);
			free(dd->low_words.v[j]);
			dd->low_words.v[j] = f;
		}
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
	size_t i, j;

	if (dr == NULL)
		return;
	for (i = 0; i < DRUGS_INDEX; i++) {
		for (j = 0; j < dr->nrefs[i]; j++)
			free(dr->refs[i][j].name);
		free(dr->refs[i]);
	}
	for (i = 0; i < dr->n; i++) {
		free(dr->classes[i].id);
		free(dr->classes[i].name);
		strv_release(&dr->classes[i].drugs);
	}
	free(dr->classes);
	for (i = 0; i < dr->ndoses; i++) {
		strv_release(&dr->doses[i].drugs);
		strv_release(&dr->doses[i].low_words);
		free(dr->doses[i].low_id);
		free(dr->doses[i].high_id);
	}
	free(dr->doses);
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

/*
 * The class a data file names at (file, at), or NULL with an error that
 * suggests the nearest id: a misspelt class would otherwise match no
 * one's medicines and silently do nothing.
 */
const struct drug_class *
drugs_lookup(const struct drugs *dr, const char *id, const char *file,
    struct pos at, struct diag *d)
{
	const struct drug_class *dc;
	const char *names[SCHEMA_LIST_MAX], *near;
	char q[128], hint[96];
	size_t i;

	if ((dc = drugs_find(dr, id)) != NULL)
		return dc;
	for (i = 0; dr != NULL && i < dr->n && i < SCHEMA_LIST_MAX; i++)
		names[i] = dr->classes[i].id;
	hint[0] = '\0';
	if ((near = schema_suggest(id, names, i)) != NULL)
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", near);
	diag_quote(q, sizeof(q), id, strlen(id));
	diag_set(d, file, at.line, at.col, D_UNKNOWN_CLASS, q, hint);
	return NULL;
}

/*
 * The class a dose entry gives a medication: low when the text says so
 * or the dose a day is low enough, high when one dose is high enough,
 * and low, the careful choice, when the dose is not given or between:
 * then *guessed is set, for the clinician to be told.  The dose is read
 * from the name's own words (dose, folded, from after the name to the
 * next name), so another medicine's dose is never taken for it.
 */
static const struct drug_class *
dose_class(const struct drug_dose *dd, const char *folded, const char *dose,
    int *guessed)
{
	struct dose d;
	double a_day;
	size_t i;

	for (i = 0; i < dd->low_words.n; i++)
		if (norm_has(folded, dd->low_words.v[i]))
			return dd->low;
	dose_parse(dose, &d);
	if (d.mg >= dd->high_min_mg)
		return dd->high;
	if ((a_day = dose_mg_a_day(&d)) < 0 || a_day > dd->low_max_mg)
		*guessed = 1;
	return dd->low;
}

/* The longest name at a word of the folded text, or NULL. */
static const struct drug_ref *
longest_at(const struct drugs *dr, const char *at)
{
	const struct drug_ref *ref, *best;
	size_t b, j;

	best = NULL;
	b = bucket(at);
	for (j = 0; j < dr->nrefs[b]; j++) {
		ref = &dr->refs[b][j];
		if ((best == NULL || ref->len > best->len) &&
		    strncmp(at, ref->name + 1, ref->len) == 0)
			best = ref;
	}
	return best;
}

/* Where the next name begins in folded text, from index i; its end if none. */
static size_t
next_name(const struct drugs *dr, const char *folded, size_t i)
{
	for (; folded[i] != '\0'; i++)
		if (folded[i - 1] == ' ' && longest_at(dr, folded + i) != NULL)
			break;
	return i;
}

/* The class of the name ref found at folded[i], a dose entry's by its dose. */
static const struct drug_class *
class_at(const struct drugs *dr, const struct drug_ref *ref,
    const char *folded, size_t i, int *guessed)
{
	const struct drug_class *dc;
	size_t end;
	char *dose;

	if (ref->dc != NULL)
		return ref->dc;
	i += ref->len - 1;	/* the space after the name */
	end = next_name(dr, folded, i + 1);
	dose = xstrndup(folded + i, end - i);
	dc = dose_class(ref->dose, folded, dose, guessed);
	free(dose);
	return dc;
}

/*
 * The classes a medication's folded text (norm_fold()) names, at most
 * two, the more careful first: the longest name at each word, the words
 * a name covers passed over.  Returns how many different classes it
 * names (0, 1 or 2: two means at least two).  *guessed is set when a
 * class was chosen by dose and the text gives none, or one between the
 * low and the high dose.
 */
size_t
drugs_classes_folded(const struct drugs *dr, const char *folded,
    const struct drug_class *out[2], int *guessed)
{
	const struct drug_ref *ref;
	const struct drug_class *dc, *tmp;
	size_t i, n;

	out[0] = out[1] = NULL;
	*guessed = 0;
	if (dr == NULL)
		return 0;
	n = 0;
	for (i = 1; folded[i] != '\0'; i++) {
		if (folded[i - 1] != ' ' || (ref = longest_at(dr, folded + i)) ==
		    NULL)
			continue;
		dc = class_at(dr, ref, folded, i, guessed);
		i += ref->len - 1;
		if (n > 0 && dc == out[0])
			continue;
		if (n == 0 || (n == 1 && dc != out[0]))
			out[n++] = dc;
		else if (dc != out[1] && dc->pause > out[1]->pause)
			out[1] = dc;
	}
	if (n == 2 && out[1]->pause > out[0]->pause) {
		tmp = out[0];
		out[0] = out[1];
		out[1] = tmp;
	}
	return n;
}

/* drugs_classes_folded() of a medication as typed. */
size_t
drugs_classes(const struct drugs *dr, const char *medication,
    const struct drug_class *out[2], int *guessed)
{
	char *folded;
	size_t n;

	folded = norm_fold(medication);
	n = drugs_classes_folded(dr, folded, out, guessed);
	free(folded);
	return n;
}

/*
 * The class of a medication, NULL if none.  Text that names two is
 * refused when a patient file is read (load.c); should one get here,
 * the more careful class is the one it gets.
 */
const struct drug_class *
drugs_class_of(const struct drugs *dr, const char *medication)
{
	const struct drug_class *out[2];
	int guessed;

	drugs_classes(dr, medication, out, &guessed);
	return out[0];
}
