#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dosing.h"
#include "norm.h"
#include "patient.h"
#include "protocol.h"
#include "schema.h"
#include "terms.h"
#include "xalloc.h"

/*
 * What one visit gives, in whole units (dosing.h): nothing here rounds
 * before a comparison, so a dose exactly at a label's limit is within
 * it, and one a thousandth of a mL more is over it.
 */

/* ng of a strength (thousandths of a percent) in a volume (uL). */
int64_t
dosing_ng(long volume, long percent)
{
	return (int64_t)volume * percent * 10;
}

/*
 * The lower of an ingredient's two limits for this patient, in ng:
 * mg, or mg/kg for the weight where it is known and lower.
 */
static int64_t
limit_of(const struct max_dose *m, long weight, int *by_weight)
{
	int64_t mg, per_kg;

	mg = (int64_t)m->mg * 1000;
	*by_weight = 0;
	if (weight < 0)
		return mg;
	per_kg = (int64_t)m->mg_per_kg * weight;
	if (per_kg < mg) {
		*by_weight = 1;
		return per_kg;
	}
	return mg;
}

/*
 * The most uL a site may be given for the visit's sites to hold at
 * most limit ng of a strength: rounded down, as a limit must be, and
 * never more than any protocol may give.
 */
static long
volume_within(int64_t limit, long percent, int sites)
{
	int64_t per_ul;

	per_ul = dosing_ng(sites, percent);
	if (per_ul <= 0 || limit / per_ul > PROTO_VOLUME_MAX)
		return PROTO_VOLUME_MAX;
	return (long)(limit / per_ul);
}

/*
 * An ingredient of the solution against its label's limit.  Its
 * percent of the limit is for words only (a dose many times over it is
 * shown as 999999%); the levels compare the amounts themselves.
 */
static void
solute_check(struct dosing *d, struct dosing_solute *ds)
{
	const struct max_dose *m = &ds->ingredient->max_dose;
	int64_t percent;

	ds->limit = limit_of(m, d->weight, &ds->by_weight);
	percent = ds->ng * 100 / ds->limit;
	ds->percent = percent > 999999 ? 999999 : (int)percent;
	if (ds->ng > ds->limit)
		ds->level = DOSING_OVER;
	else if (ds->ng * 100 >= (int64_t)m->warn_percent * ds->limit)
		ds->level = DOSING_WARN;
	else
		ds->level = DOSING_OK;
	ds->max_volume = volume_within(ds->limit, ds->solute->percent,
	    d->sites);
}

/*
 * Whether a weight is needed: without one only the mg limit is
 * checked, and the protocol's most could be over the mg/kg limit for
 * a small adult.
 */
static int
needs_weight(const struct dosing *d, const struct protocol *pr,
    const struct dosing_solute *ds)
{
	const struct max_dose *m = &ds->ingredient->max_dose;

	return d->weight < 0 && dosing_ng(pr->volume_max * d->sites,
	    ds->solute->percent) > (int64_t)m->mg_per_kg * DOSING_ADULT_G;
}

/*
 * The first ingredient with a limit that a solution's text, in any
 * language, names, when the protocol lists no ingredients: its dose
 * cannot be checked.
 */
static const struct ingredient *
named_unchecked(const struct protocol *pr, const struct terms *t)
{
	const struct ingredient *ing, *found = NULL;
	char *solution;
	size_t i, k;

	if (t == NULL || pr->nsolutes > 0)
		return NULL;
	for (k = 0; found == NULL && protocol_solution_in(pr, k) != NULL;
	    k++) {
		solution = norm_fold(protocol_solution_in(pr, k));
		for (i = 0; found == NULL && i < t->ningredients; i++) {
			ing = &t->ingredients[i];
			if (ing->max_dose.rule != NULL &&
			    terms_any(&ing->words, solution))
				found = ing;
		}
		free(solution);
	}
	return found;
}

/* The most uL a site may be given: the protocol's max, within every limit. */
static long
max_volume(const struct dosing *d, const struct protocol *pr)
{
	long most;
	size_t i;

	most = pr->volume_max;
	for (i = 0; i < d->nsolutes; i++)
		if (d->solutes[i].level != DOSING_NONE &&
		    d->solutes[i].max_volume < most)
			most = d->solutes[i].max_volume;
	return most - most % DOSING_STEP_UL;
}

/*
 * The dose of one visit of a patient's course: the patient's volume a
 * site (the protocol's usual unless the file sets one) at each of its
 * sites.  terms may be NULL: no ingredient then has a limit.
 */
void
dosing_init(struct dosing *d, const struct patient *p,
    const struct protocol *pr, const struct terms *t)
{
	struct dosing_solute *ds;
	size_t i;

	memset(d, 0, sizeof(*d));
	/* A patient made in code may leave it 0: not given, as -1 is. */
	d->weight = p->weight > 0 ? p->weight : -1;
	d->sites = (int)p->sites.n;
	d->max_volume = -1;
	d->unchecked = named_unchecked(pr, t);
	if (p->volume <= 0 || pr->nsolutes == 0)
		return;
	d->volume = p->volume;
	d->total = patient_visit_volume(p);
	d->solutes = xcalloc(pr->nsolutes, sizeof(*d->solutes));
	d->nsolutes = pr->nsolutes;
	for (i = 0; i < pr->nsolutes; i++) {
		ds = &d->solutes[i];
		ds->solute = &pr->solutes[i];
		ds->ingredient = t != NULL ?
		    terms_ingredient_named(t, ds->solute->folded) : NULL;
		ds->ng = dosing_ng(d->total, ds->solute->percent);
		ds->max_volume = -1;
		if (ds->ingredient == NULL ||
		    ds->ingredient->max_dose.rule == NULL)
			continue;
		solute_check(d, ds);
		if (d->weigh == NULL && needs_weight(d, pr, ds))
			d->weigh = ds;
	}
	d->max_volume = max_volume(d, pr);
}

void
dosing_release(struct dosing *d)
{
	free(d->solutes);
	memset(d, 0, sizeof(*d));
	d->weight = d->max_volume = -1;
}

/* The solution's ingredient that is ing, or NULL. */
const struct dosing_solute *
dosing_of(const struct dosing *d, const struct ingredient *ing)
{
	size_t i;

	for (i = 0; ing != NULL && i < d->nsolutes; i++)
		if (d->solutes[i].ingredient == ing)
			return &d->solutes[i];
	return NULL;
}

/*
 * The ng of an ingredient, by any name terms.yaml gives it, at one
 * visit: 0 when the solution has none of it.  Returns 0 when the
 * protocol gives no dose, so none is known; 1 with *ng set.
 */
int
dosing_amount(const struct dosing *d, const struct terms *t,
    const char *name, int64_t *ng)
{
	const struct ingredient *ing;
	char *word;
	size_t i;

	*ng = 0;
	if (d->volume <= 0)
		return 0;
	word = norm_fold(name);
	ing = t != NULL ? terms_ingredient_named(t, word) : NULL;
	for (i = 0; i < d->nsolutes; i++)
		if (ing != NULL ? d->solutes[i].ingredient == ing :
		    strcmp(d->solutes[i].solute->folded, word) == 0)
			*ng = d->solutes[i].ng;
	free(word);
	return 1;
}

/* ng as mg, exact to 3 decimals: a half ug or more rounds up. */
char *
dosing_mg(char *buf, size_t size, int64_t ng)
{
	return schema_milli_str(buf, size, (ng + 500) / 1000);
}

/* ng for g grams as mg/kg to 2 decimals, half up. */
char *
dosing_mg_per_kg(char *buf, size_t size, int64_t ng, long g)
{
	int64_t hundredths;

	hundredths = (ng + (int64_t)g * 5) / ((int64_t)g * 10);
	return schema_milli_str(buf, size, hundredths * 10);
}
