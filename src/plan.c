#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "care.h"
#include "clinic.h"
#include "date.h"
#include "drugs.h"
#include "load.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "rules.h"
#include "sched.h"
#include "strv.h"
#include "word.h"
#include "xalloc.h"

static struct plan_warning *
add_warning(struct plan *pl, enum plan_warning_kind kind,
    const char *subject, int date, int days, int visit)
{
	struct plan_warning *w;

	pl->warnings = xreallocarray(pl->warnings, pl->nwarnings + 1,
	    sizeof(*pl->warnings));
	w = &pl->warnings[pl->nwarnings++];
	w->kind = kind;
	w->subject = subject;
	w->date = date;
	w->days = days;
	w->visit = visit;
	w->rule = NULL;
	w->override = NULL;
	return w;
}

static const char *
match_list(const struct strv *have, const struct strv *want)
{
	size_t i, j;

	for (i = 0; i < have->n; i++)
		for (j = 0; j < want->n; j++)
			if (word_match(have->v[i], want->v[j]))
				return have->v[i];
	return NULL;
}

/*
 * What in the patient's file a rule matches (a medication, an allergy
 * or a condition, as the patient wrote it), or NULL.  classes[i] is the
 * class of the patient's i-th medication (drugs_class_of(), NULL for
 * none), looked up once by the caller for all the rules and holds.
 */
const char *
plan_rule_match(const struct rule *r, const struct patient *p,
    const struct drug_class *const *classes)
{
	const char *m;
	size_t i, j;

	if ((m = match_list(&p->medications, &r->medications)) != NULL ||
	    (m = match_list(&p->allergies, &r->allergies)) != NULL)
		return m;
	for (i = 0; i < p->conditions.n; i++)
		for (j = 0; j < r->conditions.n; j++)
			if (strcasecmp(p->conditions.v[i],
			    r->conditions.v[j]) == 0)
				return p->conditions.v[i];
	for (i = 0; i < p->medications.n; i++) {
		if (classes[i] == NULL)
			continue;
		for (j = 0; j < r->classes.n; j++)
			if (strcmp(classes[i]->id, r->classes.v[j]) == 0)
				return p->medications.v[i];
	}
	return NULL;
}

static const struct override *
find_override(const struct patient *p, const char *rule)
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
static int
apply_rules(struct plan *pl, const struct rules *rs,
    const struct drug_class *const *classes)
{
	const struct override *o;
	struct plan_warning *w;
	const struct rule *r;
	const char *m;
	size_t i;

	for (i = 0; i < rs->n; i++) {
		r = &rs->v[i];
		if ((m = plan_rule_match(r, pl->patient, classes)) == NULL)
			continue;
		o = NULL;
		if (r->level == RULE_STOP &&
		    (o = find_override(pl->patient, r->id)) == NULL) {
			pl->stopped = r;
			pl->stopped_by = m;
			return -1;
		}
		w = add_warning(pl, r->level == RULE_NOTE ? PLAN_W_NOTE :
		    r->level == RULE_WARN ? PLAN_W_RULE : PLAN_W_OVERRIDE, m,
		    0, 0, 0);
		w->rule = r;
		w->override = o;
	}
	return 0;
}

/* The first word of an allergy, so "lidocaine (hives)" still matches. */
static int
allergy_matches(const char *solution, const char *allergy)
{
	char word[64];
	size_t n;

	if (word_match(solution, allergy))
		return 1;
	for (n = 0; allergy[n] && word_char(allergy[n]) &&
	    n < sizeof(word) - 1; n++)
		word[n] = allergy[n];
	word[n] = '\0';
	return n >= 4 && word_match(solution, word);
}

/* The care text's blood thinners, when the plan has a care text. */
static int
is_anticoag(const struct plan *pl, const char *medication)
{
	const struct strv *names;
	unsigned starts;
	size_t i;

	if (pl->care == NULL)
		return 0;
	names = &pl->care->anticoagulants;
	starts = word_starts(medication);
	for (i = 0; i < names->n; i++)
		if (word_may_match(starts, names->v[i]) &&
		    word_match(medication, names->v[i]))
			return 1;
	return 0;
}

static void
add_warnings(struct plan *pl)
{
	const struct patient *p = pl->patient;
	size_t i;

	if (pl->lapsed)
		add_warning(pl, PLAN_W_LAPSE, NULL,
		    p->history[p->nhistory - 1], pl->visits[p->nhistory].date -
		    p->history[p->nhistory - 1], (int)p->nhistory + 1);
	for (i = 0; i < p->allergies.n; i++)
		if (allergy_matches(pl->protocol->solution,
		    p->allergies.v[i]))
			add_warning(pl, PLAN_W_ALLERGY, p->allergies.v[i], 0,
			    0, 0);
	for (i = 0; i < p->medications.n; i++)
		if (is_anticoag(pl, p->medications.v[i]))
			add_warning(pl, PLAN_W_ANTICOAG, p->medications.v[i], 0,
			    0, 0);
	for (i = p->nhistory; i < pl->nvisits; i++)
		if (pl->visits[i].date < pl->today) {
			add_warning(pl, PLAN_W_PAST, NULL, pl->visits[i].date,
			    0, (int)i + 1);
			break;
		}
}

static int
hold_applies(const struct hold *h, const char *medication,
    const struct drug_class *dc)
{
	size_t i;

	if (h->class_id != NULL)
		return dc != NULL && strcmp(dc->id, h->class_id) == 0;
	for (i = 0; i < h->drugs.n; i++)
		if (word_match(medication, h->drugs.v[i]))
			return 1;
	return 0;
}

static int
cmp_hold(const void *a, const void *b)
{
	const struct plan_hold *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
}

/*
 * One medication's windows around every planned visit, from every hold
 * list that names it, merged where they overlap or touch, so the
 * handout says "from A to B" once rather than in pieces.
 */
static void
add_holds(struct plan *pl, const char *med, const struct drug_class *dc)
{
	const struct protocol *pr = pl->protocol;
	struct plan_hold *w;
	size_t i, j, n, first;

	first = pl->nholds;
	for (j = 0; j < pr->nholds; j++) {
		if (!hold_applies(&pr->holds[j], med, dc))
			continue;
		for (i = pl->patient->nhistory; i < pl->nvisits; i++) {
			pl->holds = xreallocarray(pl->holds, pl->nholds + 1,
			    sizeof(*pl->holds));
			w = &pl->holds[pl->nholds++];
			w->drug = med;
			w->prescribed = dc != NULL && dc->prescribed;
			w->from = pl->visits[i].date - pr->holds[j].stop_before;
			w->to = pl->visits[i].date + pr->holds[j].resume_after;
		}
	}
	if (pl->nholds == first)
		return;
	qsort(pl->holds + first, pl->nholds - first, sizeof(*pl->holds),
	    cmp_hold);
	for (n = first, i = first + 1; i < pl->nholds; i++) {
		if (pl->holds[i].from <= pl->holds[n].to + 1) {
			if (pl->holds[i].to > pl->holds[n].to)
				pl->holds[n].to = pl->holds[i].to;
		} else
			pl->holds[++n] = pl->holds[i];
	}
	pl->nholds = n + 1;
}

static void
set_visits(struct plan *pl, const int *planned, int r)
{
	const struct patient *p = pl->patient;
	size_t i;

	pl->nvisits = p->nhistory + (size_t)r;
	pl->visits = xcalloc(pl->nvisits, sizeof(*pl->visits));
	for (i = 0; i < pl->nvisits; i++) {
		if (i < p->nhistory) {
			pl->visits[i].date = p->history[i];
			pl->visits[i].done = 1;
		} else
			pl->visits[i].date = planned[i - p->nhistory];
		pl->visits[i].interval = i == 0 ? -1 :
		    pl->visits[i].date - pl->visits[i - 1].date;
	}
}

/*
 * The days a visit can be on: the patient's weekdays that the clinic is
 * open and, where the patient asks for a time or a time of day, that
 * have an appointment time fitting it within that day's hours.  Without
 * such a wish no time is given: prolo does not know the clinic's book,
 * so it does not make up an appointment.
 */
static int
wants_time(const struct patient *p, const struct clinic *c)
{
	return p->time >= 0 || (p->periods != 0 && c->nslots > 0);
}

static unsigned
plan_weekdays(const struct patient *p, const struct clinic *c)
{
	unsigned mask;
	int w;

	if (c == NULL)
		return p->weekdays;
	mask = p->weekdays & c->open_days;
	if (!wants_time(p, c))
		return mask;
	for (w = 0; w < 7; w++)
		if (clinic_slot(c, w, p->time, (int)p->periods) ==
		    TIME_NONE)
			mask &= ~(1u << w);
	return mask;
}

/*
 * The scheduler's closed days: the patient's unavailable dates and the
 * clinic's closures but one (skip, or -1 for none).  The caller frees.
 */
static struct date_range *
plan_closed(const struct patient *p, const struct clinic *c, long skip,
    size_t *n)
{
	struct date_range *r;
	size_t i, nc;

	nc = c ? c->nclosures : 0;
	r = xcalloc(p->nunavailable + nc + 1, sizeof(*r));
	if (p->nunavailable)	/* memcpy from NULL is undefined, even of 0 */
		memcpy(r, p->unavailable, p->nunavailable * sizeof(*r));
	*n = p->nunavailable;
	for (i = 0; i < nc; i++)
		if ((long)i != skip)
			r[(*n)++] = c->closures[i].range;
	return r;
}

/*
 * After a failure: if leaving out one closure of the clinic would let
 * the course be planned, that closure is what stands in the way; name
 * it and the visit that falls in it.
 */
static void
blame_closure(struct plan *pl, const struct sched_in *question, int *dates)
{
	const struct clinic *c = pl->clinic;
	struct sched_in in = *question;
	const struct date_range *cr;
	struct sched_out out;
	struct date_range *closed;
	size_t i, n;
	int v;

	for (i = 0; c != NULL && i < c->nclosures; i++) {
		closed = plan_closed(pl->patient, c, (long)i, &n);
		in.closed = closed;
		in.nclosed = n;
		if (sched_find(&in, dates, &out) == SCHED_OK) {
			cr = &c->closures[i].range;
			for (v = 0; v < in.visits; v++)
				if (dates[v] >= cr->from && dates[v] <= cr->to)
					break;
			pl->blocked_by = (long)i;
			pl->blocked_visit = (int)pl->patient->nhistory +
			    (v < in.visits ? v : 0) + 1;
			free(closed);
			return;
		}
		free(closed);
	}
}

static void
set_times(struct plan *pl)
{
	const struct patient *p = pl->patient;
	size_t i;

	for (i = 0; i < pl->nvisits; i++)
		pl->visits[i].time = pl->visits[i].done || pl->clinic == NULL ||
		    !wants_time(p, pl->clinic) ? TIME_NONE :
		    clinic_slot(pl->clinic,
		    date_weekday(pl->visits[i].date), p->time,
		    (int)p->periods);
}

/*
 * The scheduler's question for this patient: the days the patient and
 * the clinic allow, the history and the protocol's intervals.  Returns
 * the closed days, which the caller frees.
 */
static struct date_range *
sched_question(const struct plan *pl, struct sched_in *in)
{
	const struct patient *p = pl->patient;
	const struct protocol *pr = pl->protocol;
	struct date_range *closed;

	memset(in, 0, sizeof(*in));
	in->start = p->start;
	in->weekdays = plan_weekdays(p, pl->clinic);
	in->closed = closed = plan_closed(p, pl->clinic, -1, &in->nclosed);
	in->history = p->history;
	in->nhistory = p->nhistory;
	in->visits = p->visits - (int)p->nhistory;
	in->ival_min = pr->ival_min;
	in->ival_max = pr->ival_max;
	in->ival_pref = p->interval_days;
	in->max_course_days = pr->max_course_days;
	in->search_days = SCHED_SEARCH_DAYS;
	return closed;
}

/* Visits, times, holds and warnings, once the scheduler has the dates. */
static void
fill(struct plan *pl, const int *dates, int r, int lapsed,
    const struct drug_class *const *classes)
{
	const struct patient *p = pl->patient;
	const struct protocol *pr = pl->protocol;
	size_t i;

	pl->lapsed = lapsed && r > 0;
	set_visits(pl, dates, r);
	if (pr->review_at > 0 && (size_t)pr->review_at <= pl->nvisits)
		pl->review = pr->review_at;
	set_times(pl);
	for (i = 0; i < p->medications.n; i++)
		add_holds(pl, p->medications.v[i], classes[i]);
	add_warnings(pl);
}

/*
 * Plans the course of a chart that load_patient() has validated.  On
 * SCHED_OK the plan is filled; on any other status it holds no visits,
 * and the plan (its stopped rule, blocked closure) and out say why.
 */
enum sched_status
plan_make(struct plan *pl, const struct chart *ch, int today,
    struct sched_out *out)
{
	const struct patient *p = ch->patient;
	const struct drug_class **classes;
	struct date_range *closed;
	struct sched_in in;
	enum sched_status st;
	int *dates;
	size_t i;

	memset(pl, 0, sizeof(*pl));
	memset(out, 0, sizeof(*out));
	pl->patient = p;
	pl->protocol = ch->protocol;
	pl->clinic = ch->clinic;
	pl->drugs = ch->drugs;
	pl->care = ch->care;
	pl->today = today;
	pl->blocked_by = -1;
	pl->per_visit = (int)p->sites.n * ch->protocol->per_site;
	/* Each medication's class, looked up once for every rule and hold. */
	classes = xcalloc(p->medications.n + 1, sizeof(*classes));
	for (i = 0; i < p->medications.n; i++)
		classes[i] = drugs_class_of(ch->drugs, p->medications.v[i]);
	if ((pl->clinic != NULL && apply_rules(pl, &pl->clinic->rules,
	    classes) != 0) || apply_rules(pl, &pl->protocol->rules,
	    classes) != 0) {
		free(classes);
		free(pl->warnings);
		pl->warnings = NULL;
		pl->nwarnings = 0;
		return SCHED_STOPPED;
	}
	closed = sched_question(pl, &in);
	dates = xcalloc(in.visits > 0 ? (size_t)in.visits : 1, sizeof(*dates));
	if ((st = sched_find(&in, dates, out)) == SCHED_OK)
		fill(pl, dates, in.visits, out->lapsed, classes);
	else
		blame_closure(pl, &in, dates);
	free(closed);
	free(classes);
	free(dates);
	return st;
}

void
plan_release(struct plan *pl)
{
	free(pl->visits);
	free(pl->holds);
	free(pl->warnings);
	memset(pl, 0, sizeof(*pl));
}
