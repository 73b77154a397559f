#include <stdlib.h>
#include <string.h>

#include "drugs.h"
#include "norm.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "rules.h"
#include "screen.h"
#include "terms.h"
#include "xalloc.h"

/* What a rule's word is: a medicine's name, an allergy or a condition. */
enum words {
	WORDS_NAME,
	WORDS_ALLERGY,
	WORDS_CONDITION
};

static void
fold_list(struct strv *out, const struct strv *in)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		strv_take(out, norm_fold(in->v[i]));
}

/*
 * classes[i] is the class of the patient's i-th medication, or NULL;
 * the caller keeps it, and terms (NULL: no groups), alive.
 */
void
screen_init(struct screen *s, const struct patient *p,
    const struct protocol *pr, const struct terms *terms,
    const struct drug_class *const *classes)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->patient = p;
	/*
	 * Only allergies are matched against the solution, in every
	 * language it is given in: an allergy must not pass for the
	 * language of the handout.
	 */
	for (i = 0; p->allergies.n > 0 &&
	    protocol_solution_in(pr, i) != NULL; i++)
		strv_take(&s->solutions, norm_fold(protocol_solution_in(pr,
		    i)));
	s->terms = terms;
	s->classes = classes;
	fold_list(&s->medications, &p->medications);
	fold_list(&s->allergies, &p->allergies);
	fold_list(&s->conditions, &p->conditions);
}

void
screen_release(struct screen *s)
{
	strv_release(&s->medications);
	strv_release(&s->allergies);
	strv_release(&s->conditions);
	strv_release(&s->solutions);
}

struct plan_warning *
screen_warn(struct plan *pl, int kind, const char *subject)
{
	struct plan_warning *w;

	pl->warnings = xreallocarray(pl->warnings, pl->nwarnings + 1,
	    sizeof(*pl->warnings));
	w = &pl->warnings[pl->nwarnings++];
	memset(w, 0, sizeof(*w));
	w->kind = kind;
	w->subject = subject;
	return w;
}

/*
 * The words a rule's word stands for: its group of conditions or its
 * ingredient (with what that is made from), else just itself.
 */
static int
says(const struct screen *s, const char *text, const char *word,
    enum words kind)
{
	const struct ingredient *ing;
	const struct strv *group;

	if (norm_has(text, word))
		return 1;
	if (kind == WORDS_CONDITION)
		return (group = terms_condition(s->terms, word)) != NULL &&
		    terms_any(group, text);
	if (kind == WORDS_ALLERGY)
		return (ing = terms_ingredient(s->terms, word)) != NULL &&
		    (terms_any(&ing->words, text) ||
		    terms_any(&ing->sources, text));
	return 0;
}

/* The first of the patient's items (index into have) that says a word of want. */
static int
first_saying(const struct screen *s, const struct strv *have,
    const struct strv *want, enum words kind)
{
	size_t i, j;

	for (i = 0; i < have->n; i++)
		for (j = 0; j < want->n; j++)
			if (says(s, have->v[i], want->v[j], kind))
				return (int)i;
	return -1;
}

static int
is_of(const struct screen *s, size_t i, const char *id)
{
	return s->classes != NULL && s->classes[i] != NULL &&
	    strcmp(s->classes[i]->id, id) == 0;
}

/* The patient's first medication of a class in ids, or -1. */
static int
first_of_class(const struct screen *s, const struct strv *ids)
{
	size_t i, j;

	for (i = 0; i < s->patient->medications.n; i++)
		for (j = 0; j < ids->n; j++)
			if (is_of(s, i, ids->v[j]))
				return (int)i;
	return -1;
}

/*
 * When the patient takes a medicine of every class of all_classes, the
 * first of those medicines in the patient's list; else -1.
 */
static int
every_class(const struct screen *s, const struct strv *ids)
{
	size_t i, j;

	for (j = 0; j < ids->n; j++) {
		for (i = 0; i < s->patient->medications.n; i++)
			if (is_of(s, i, ids->v[j]))
				break;
		if (i == s->patient->medications.n)
			return -1;
	}
	return first_of_class(s, ids);
}

/*
 * What in the patient's file a rule matches (a medication, an allergy
 * or a condition, as the patient wrote it), or NULL.  Medications match
 * a rule's names as whole words, and its classes; allergies and
 * conditions match its words or any word of their group.
 */
const char *
screen_rule(const struct screen *s, const struct rule *r)
{
	const struct patient *p = s->patient;
	int i;

	if (r->medications.n > 0 && (i = first_saying(s, &s->medications,
	    &r->medications, WORDS_NAME)) >= 0)
		return p->medications.v[i];
	if (r->allergies.n > 0 && (i = first_saying(s, &s->allergies,
	    &r->allergies, WORDS_ALLERGY)) >= 0)
		return p->allergies.v[i];
	if (r->conditions.n > 0 && (i = first_saying(s, &s->conditions,
	    &r->conditions, WORDS_CONDITION)) >= 0)
		return p->conditions.v[i];
	if (r->classes.n > 0 && (i = first_of_class(s, &r->classes)) >= 0)
		return p->medications.v[i];
	if (r->all_classes.n > 0 && (i = every_class(s, &r->all_classes)) >= 0)
		return p->medications.v[i];
	return NULL;
}

/* The patient file's override of a stop rule (an id), or NULL. */
const struct override *
screen_override(const struct patient *p, const char *rule)
{
	size_t i;

	for (i = 0; i < p->noverrides; i++)
		if (strcmp(p->overrides[i].rule, rule) == 0)
			return &p->overrides[i];
	return NULL;
}

/*
 * A set of rules against the patient: notes and warnings go on the
 * handout, a stop ends the planning unless the patient file overrides
 * it.  Returns -1 on a stop that stands.
 */
int
screen_rules(const struct screen *s, struct plan *pl, const struct rules *rs)
{
	const struct override *o;
	struct plan_warning *w;
	const struct rule *r;
	const char *m;
	size_t i;

	for (i = 0; rs != NULL && i < rs->n; i++) {
		r = &rs->v[i];
		if ((m = screen_rule(s, r)) == NULL)
			continue;
		o = NULL;
		if (r->level == RULE_STOP &&
		    (o = screen_override(s->patient, r->id)) == NULL) {
			pl->stopped = r;
			pl->stopped_by = m;
			return -1;
		}
		w = screen_warn(pl, r->level == RULE_NOTE ? PLAN_W_NOTE :
		    r->level == RULE_WARN ? PLAN_W_RULE : PLAN_W_OVERRIDE, m);
		w->rule = r;
		w->override = o;
	}
	return 0;
}

/* Whether the solution, in any language it is given in, says any of words. */
static int
in_solutions(const struct screen *s, const struct strv *words)
{
	size_t i;

	for (i = 0; i < s->solutions.n; i++)
		if (terms_any(words, s->solutions.v[i]))
			return 1;
	return 0;
}

/*
 * The ingredient of the solution (its text in any language) an allergy
 * names, or is made from; NULL if none.
 */
static const struct ingredient *
ingredient_of(const struct screen *s, const char *allergy)
{
	const struct ingredient *ing;
	size_t i;

	for (i = 0; s->terms != NULL && i < s->terms->ningredients; i++) {
		ing = &s->terms->ingredients[i];
		if (in_solutions(s, &ing->words) &&
		    (terms_any(&ing->words, allergy) ||
		    terms_any(&ing->sources, allergy)))
			return ing;
	}
	return NULL;
}

/*
 * The allergy's own words in the solution (its text in any language),
 * or its first word of four letters or more.
 */
static int
in_solution(const struct screen *s, const char *allergy)
{
	const char *end;
	struct strv words = { 0 };
	int found;

	strv_push(&words, allergy);
	if ((end = strchr(allergy + 1, ' ')) != NULL && end - allergy - 1 >= 4)
		strv_pushn(&words, allergy, (size_t)(end - allergy) + 1);
	found = in_solutions(s, &words);
	strv_release(&words);
	return found;
}

/*
 * Each allergy to something in the protocol's solution, under any of its
 * names or as what an ingredient is made from (corn, fish): a warning,
 * with the ingredient where one is known.
 */
void
screen_allergies(const struct screen *s, struct plan *pl)
{
	const struct ingredient *ing;
	size_t i;

	for (i = 0; i < s->allergies.n; i++) {
		ing = ingredient_of(s, s->allergies.v[i]);
		if (ing != NULL || in_solution(s, s->allergies.v[i]))
			screen_warn(pl, PLAN_W_ALLERGY,
			    s->patient->allergies.v[i])->ingredient = ing;
	}
}

static int
known_by_rules(const struct screen *s, const struct rules *rs,
    const char *text, enum words kind)
{
	const struct strv *words;
	size_t i, j;

	for (i = 0; rs != NULL && i < rs->n; i++) {
		words = kind == WORDS_CONDITION ? &rs->v[i].conditions :
		    &rs->v[i].allergies;
		for (j = 0; j < words->n; j++)
			if (says(s, text, words->v[j], kind))
				return 1;
	}
	return 0;
}

/* Whether an allergy names any ingredient prolo knows, in this solution or not. */
static int
known_ingredient(const struct screen *s, const char *allergy)
{
	const struct ingredient *ing;
	size_t i;

	for (i = 0; s->terms != NULL && i < s->terms->ningredients; i++) {
		ing = &s->terms->ingredients[i];
		if (terms_any(&ing->words, allergy) ||
		    terms_any(&ing->sources, allergy))
			return 1;
	}
	return 0;
}

/*
 * Conditions and allergies that no rule and no ingredient recognises:
 * prolo cannot tell whether they matter, so the clinician is told.
 */
void
screen_unknown(const struct screen *s, struct plan *pl,
    const struct rules *clinic, const struct rules *protocol)
{
	const struct patient *p = s->patient;
	size_t i;

	for (i = 0; i < s->conditions.n; i++)
		if (!known_by_rules(s, clinic, s->conditions.v[i],
		    WORDS_CONDITION) && !known_by_rules(s, protocol,
		    s->conditions.v[i], WORDS_CONDITION))
			screen_warn(pl, PLAN_W_CONDITION, p->conditions.v[i]);
	for (i = 0; i < s->allergies.n; i++)
		if (!known_by_rules(s, clinic, s->allergies.v[i],
		    WORDS_ALLERGY) && !known_by_rules(s, protocol,
		    s->allergies.v[i], WORDS_ALLERGY) &&
		    !known_ingredient(s, s->allergies.v[i]) &&
		    !in_solution(s, s->allergies.v[i]))
			screen_warn(pl, PLAN_W_ALLERGEN, p->allergies.v[i]);
}
