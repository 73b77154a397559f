#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "clinic.h"
#include "date.h"
#include "dosing.h"
#include "drugs.h"
#include "handout.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "rules.h"
#include "schema.h"
#include "strv.h"
#include "terms.h"
#include "xalloc.h"

/*
 * The front desk's agenda, gathered from a run's plans.  The flags are
 * the clinician's words, in English like the messages on standard
 * error, and a rule's text in the clinic's own language (its first):
 * the desk reads one language whatever the patients' handouts are in.
 */

void
agenda_init(struct agenda *a, int from, int to, const struct clinic *c)
{
	memset(a, 0, sizeof(*a));
	a->from = from;
	a->to = to;
	a->clinic = c;
}

/*
 * An ingredient's dose near or over its label's limit, or not checked
 * in full, in the desk's words: the clinician's message has the rest.
 */
static char *
dose_flag(const struct plan *pl, const struct plan_warning *w)
{
	const char *name = schema_langtext(&w->ingredient->name, "en");
	const char *rule = w->ingredient->max_dose.rule;
	const struct dosing_solute *ds;
	char mg[32];

	if (w->kind == PLAN_W_WEIGH)
		return xasprintf("no weight: %s not checked per kg (rule %s); "
		    "weigh the patient", name, rule);
	if (w->kind == PLAN_W_UNCHECKED)
		return xasprintf("%s dose not checked: the protocol gives no "
		    "ingredients (rule %s)", name, rule);
	ds = dosing_of(&pl->dose, w->ingredient);
	dosing_mg(mg, sizeof(mg), ds->ng);
	if (w->kind == PLAN_W_DOSE_NEAR)
		return xasprintf("%s %s mg, %d%% of the label's maximum "
		    "(rule %s)", name, mg, ds->percent, rule);
	return xasprintf("%s %s mg, over the label's maximum (rule %s), "
	    "overridden: %s, approved by %s", name, mg, rule,
	    w->override->reason, w->override->approved_by);
}

/*
 * A warning the desk must see whatever the day, in words; NULL for the
 * others.  A blood thinner is one whether or not it is paused: the
 * desk prepares for bleeding either way.
 */
static char *
plan_flag(const struct plan *pl, const struct plan_warning *w)
{
	switch (w->kind) {
	case PLAN_W_ALLERGY:
		return xasprintf("allergy to the solution: %s", w->subject);
	case PLAN_W_ANTICOAG:
		return xasprintf("blood thinner: %s", w->subject);
	case PLAN_W_KEEP:
		if (w->dc == NULL || !w->dc->blood_thinner)
			return NULL;
		return xasprintf("blood thinner, not paused: %s", w->subject);
	case PLAN_W_RULE:
		return xasprintf("rule %s (%s): %s", w->rule->id, w->subject,
		    rule_text(w->rule, NULL));
	case PLAN_W_OVERRIDE:
		return xasprintf("rule %s (%s) overridden: %s, approved by %s",
		    w->rule->id, w->subject, w->override->reason,
		    w->override->approved_by);
	case PLAN_W_DOSE_NEAR:
	case PLAN_W_DOSE_OVER:
	case PLAN_W_WEIGH:
	case PLAN_W_UNCHECKED:
		return dose_flag(pl, w);
	default:
		return NULL;
	}
}

/* Adds a flag once: two warnings may come to the same words. */
static void
flag_add(struct strv *flags, char *text)
{
	size_t i;

	for (i = 0; i < flags->n; i++)
		if (strcmp(flags->v[i], text) == 0) {
			free(text);
			return;
		}
	strv_take(flags, text);
}

/*
 * The pauses the patient should already be keeping on day: a hold that
 * has begun and not ended.  One the prescriber must agree to first is
 * one the desk cannot take for granted.
 */
static void
hold_flags(struct strv *flags, const struct plan *pl, int day)
{
	const struct plan_hold *h;
	char since[DATE_LEN + 1];
	size_t i;

	for (i = 0; i < pl->nholds; i++) {
		h = &pl->holds[i];
		if (h->from > day || h->to < day)
			continue;
		date_format(h->from, since);
		flag_add(flags, xasprintf("should not be taking %s since %s "
		    "%s%s", h->drug, date_weekday_abbr(h->from), since,
		    h->prescribed ? " (ask the prescriber)" : ""));
	}
}

static struct agenda_entry *
entry_new(struct agenda *a)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 16;
		a->entries = xreallocarray(a->entries, a->cap,
		    sizeof(*a->entries));
	}
	memset(&a->entries[a->n], 0, sizeof(*a->entries));
	return &a->entries[a->n++];
}

/* The visit's dose as plan -f csv gives it: empty where not known. */
static void
entry_dose(struct agenda_entry *e, const struct plan *pl)
{
	const struct dosing *d = &pl->dose;
	int64_t ng;

	if (!dosing_amount(d, pl->terms, "lidocaine", &ng))
		return;
	schema_milli_str(e->volume, sizeof(e->volume), d->total);
	dosing_mg(e->lidocaine, sizeof(e->lidocaine), ng);
	if (d->weight >= 0)
		dosing_mg_per_kg(e->per_kg, sizeof(e->per_kg), ng, d->weight);
}

static void
entry_fill(struct agenda_entry *e, const struct plan *pl,
    const struct plan_visit *v, size_t visits)
{
	const struct patient *p = pl->patient;

	e->date = v->date;
	e->time = v->time;
	e->minutes = pl->clinic != NULL ? pl->clinic->visit_minutes :
	    CLINIC_VISIT_MINUTES;
	e->patient_id = xstrdup(p->id);
	e->patient_name = xstrdup(p->name);
	e->protocol_id = xstrdup(pl->protocol->id);
	e->protocol_name = xstrdup(pl->protocol->name);
	e->visit = v->number;
	e->visits = (int)visits;
	e->sites = strv_join(&p->sites, "; ");
	e->status = handout_status_id(v);
	entry_dose(e, pl);
}

/*
 * The visits to come of a plan that fall in the range, each with the
 * plan's flags and the pauses under way on its day.  Visits given or
 * missed are history, not the desk's to prepare.
 */
void
agenda_add(struct agenda *a, const struct plan *pl)
{
	const struct plan_visit *v;
	struct agenda_entry *e;
	struct strv flags = { 0 };
	size_t i, visits;
	char *text;

	for (i = 0; i < pl->nwarnings; i++)
		if ((text = plan_flag(pl, &pl->warnings[i])) != NULL)
			flag_add(&flags, text);
	visits = handout_visits(pl);
	for (i = 0; i < pl->nvisits; i++) {
		v = &pl->visits[i];
		if (!plan_to_come(v) || v->date < a->from || v->date > a->to)
			continue;
		e = entry_new(a);
		entry_fill(e, pl, v, visits);
		e->order = a->nplans;
		strv_copy(&e->flags, &flags);
		hold_flags(&e->flags, pl, v->date);
	}
	strv_release(&flags);
	a->nplans++;
}

/*
 * By day, then time, a visit with no time after the timed ones of its
 * day, then the order the patients were given, and within a patient
 * (two visits on one day) the course's.
 */
static int
entry_cmp(const void *pa, const void *pb)
{
	const struct agenda_entry *a = pa, *b = pb;
	int ta, tb;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	ta = a->time == TIME_NONE ? 24 * 60 : a->time;
	tb = b->time == TIME_NONE ? 24 * 60 : b->time;
	if (ta != tb)
		return ta < tb ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return (a->visit > b->visit) - (a->visit < b->visit);
}

void
agenda_sort(struct agenda *a)
{
	if (a->n > 1)
		qsort(a->entries, a->n, sizeof(*a->entries), entry_cmp);
}

/*
 * What the clinician draws up for the visit, in short: "30 mL,
 * lidocaine 150 mg"; NULL where the protocol gives no dose.  The
 * caller frees it.
 */
char *
agenda_dose(const struct agenda_entry *e)
{
	if (e->volume[0] == '\0')
		return NULL;
	return xasprintf("%s mL, lidocaine %s mg", e->volume, e->lidocaine);
}

void
agenda_release(struct agenda *a)
{
	struct agenda_entry *e;
	size_t i;

	for (i = 0; i < a->n; i++) {
		e = &a->entries[i];
		free(e->patient_id);
		free(e->patient_name);
		free(e->protocol_id);
		free(e->protocol_name);
		free(e->sites);
		strv_release(&e->flags);
	}
	free(a->entries);
	memset(a, 0, sizeof(*a));
}
