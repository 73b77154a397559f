#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "clinic.h"
#include "date.h"
#include "drugs.h"
#include "load.h"
#include "norm.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "rules.h"
#include "sched.h"
#include "screen.h"
#include "strv.h"
#include "xalloc.h"

/*
 * Whether a protocol's hold pauses a medication (folded): by its class,
 * or by a name.  A medicine whose class is never paused is not, by name
 * either: the protocol loader refuses such a hold, and a name that only
 * some texts give that class must not slip through.
 */
static int
hold_applies(const struct hold *h, const char *medication,
    const struct drug_class *dc)
{
	char *name;
	size_t i;
	int found;

	if (dc != NULL && dc->pause == DRUG_NEVER)
		return 0;
	if (h->class_id != NULL)
		return dc != NULL && strcmp(dc->id, h->class_id) == 0;
	for (i = 0, found = 0; !found && i < h->drugs.n; i++) {
		name = norm_fold(h->drugs.v[i]);
		found = norm_has(medication, name);
		free(name);
	}
	return found;
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
add_holds(struct plan *pl, const struct screen *s, size_t m)
{
	const struct protocol *pr = pl->protocol;
	const struct drug_class *dc = s->classes[m];
	const char *med = pl->patient->medications.v[m];
	struct plan_hold *w;
	size_t i, j, n, first;

	first = pl->nholds;
	for (j = 0; j < pr->nholds; j++) {
		if (!hold_applies(&pr->holds[j], s->medications.v[m], dc))
			continue;
		for (i = pl->patient->nhistory; i < pl->nvisits; i++) {
			pl->holds = xreallocarray(pl->holds, pl->nholds + 1,
			    sizeof(*pl->holds));
			w = &pl->holds[pl->nholds++];
			w->drug = med;
			w->prescribed = dc != NULL && dc->pause == DRUG_ASK;
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

static int
asks(const struct drug_class *dc)
{
	return dc != NULL && dc->pause == DRUG_ASK;
}

/*
 * How long before a visit the patient must stop a medicine the protocol
 * pauses, the longest of all: the next visit waits for it, so that no
 * pause begins before today.  *which is that medicine's index: on a tie,
 * one paused on the handout's word, so that the reason the patient reads
 * is not a pause the prescriber may refuse.
 */
static int
lead_days(const struct plan *pl, const struct screen *s, size_t *which)
{
	const struct protocol *pr = pl->protocol;
	size_t m, j;
	int lead, days;

	lead = 0;
	for (m = 0; m < s->medications.n; m++)
		for (j = 0; j < pr->nholds; j++) {
			if (!hold_applies(&pr->holds[j], s->medications.v[m],
			    s->classes[m]))
				continue;
			days = pr->holds[j].stop_before;
			if (days > lead || (days == lead && days > 0 &&
			    asks(s->classes[*which]) && !asks(s->classes[m]))) {
				lead = days;
				*which = m;
			}
		}
	return lead;
}

/*
 * The earliest next visit: the patient's start, but never before today.
 * The clinician is told of a start in the past.
 */
static void
set_start(struct plan *pl)
{
	const struct patient *p = pl->patient;

	pl->start = p->start;
	if ((size_t)p->visits > p->nhistory && p->start < pl->today) {
		screen_warn(pl, PLAN_W_START, NULL)->date = p->start;
		pl->start = pl->today;
	}
}

/*
 * Whether the next visit must wait for a pause to begin no earlier than
 * today: then the question starts later, and the patient is told why.
 * first is the next visit as planned without waiting.
 */
static int
wait_for_pauses(struct plan *pl, const struct screen *s, struct sched_in *in,
    int first)
{
	struct plan_warning *w;
	size_t which = 0;
	int lead;

	lead = lead_days(pl, s, &which);
	if (lead == 0 || in->visits <= 0 || first - lead >= pl->today)
		return 0;
	in->start = pl->start = pl->today + lead;
	w = screen_warn(pl, PLAN_W_LEAD, pl->patient->medications.v[which]);
	w->date = pl->start;
	w->days = lead;
	return 1;
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
	in->start = pl->start;
	in->weekdays = plan_weekdays(p, pl->clinic);
	in->closed = closed = plan_closed(p, pl->clinic, -1, &in->nclosed);
	in->history = p->history;
	in->nhistory = p->nhistory;
	in->visits = p->visits - (int)p->nhistory;
	in->ival_min = pr->ival_min;
	in->ival_max = pr->ival_max;
	in->ival_pref = p->interval_days;
	in->max_course_days = pr->max_course_days;
	in->restart = 1;
	in->search_days = SCHED_SEARCH_DAYS;
	return closed;
}

/*
 * What the patient's medicines need: a blood thinner's warning, a line
 * to keep taking one never paused, and for the clinician a class chosen
 * by a dose the text left unsure.
 */
static void
medicine_warnings(struct plan *pl, const struct screen *s,
    const int *guessed)
{
	const struct patient *p = pl->patient;
	const struct drug_class *dc;
	size_t i;

	for (i = 0; i < p->medications.n; i++) {
		if ((dc = s->classes[i]) == NULL)
			continue;
		/* A kept blood thinner's keep warning carries the bleeding one. */
		if (dc->pause == DRUG_NEVER)
			screen_warn(pl, PLAN_W_KEEP,
			    p->medications.v[i])->dc = dc;
		else if (dc->blood_thinner)
			screen_warn(pl, PLAN_W_ANTICOAG,
			    p->medications.v[i])->dc = dc;
		if (guessed[i])
			screen_warn(pl, PLAN_W_DOSE,
			    p->medications.v[i])->dc = dc;
	}
}

/* Visits, times, holds and warnings, once the scheduler has the dates. */
static void
fill(struct plan *pl, const struct screen *s, const int *dates, int r,
    int lapsed)
{
	const struct patient *p = pl->patient;
	const struct protocol *pr = pl->protocol;
	struct plan_warning *w;
	size_t i;

	pl->lapsed = lapsed && r > 0;
	set_visits(pl, dates, r);
	if (pr->review_at > 0 && (size_t)pr->review_at <= pl->nvisits)
		pl->review = pr->review_at;
	set_times(pl);
	for (i = 0; i < p->medications.n; i++)
		add_holds(pl, s, i);
	if (pl->lapsed) {
		w = screen_warn(pl, PLAN_W_LAPSE, NULL);
		w->date = p->history[p->nhistory - 1];
		w->days = pl->visits[p->nhistory].date - w->date;
	}
	screen_allergies(s, pl);
}

/*
 * Each medication's class, looked up once for every rule and hold from
 * the screen's folded text; guessed[i] when its dose left the class
 * unsure.  NULL for a patient who takes none; the caller frees both.
 */
static const struct drug_class **
classify(const struct drugs *dr, const struct strv *folded, int **guessed)
{
	const struct drug_class **classes, *two[2];
	size_t i;

	*guessed = NULL;
	if (folded->n == 0)
		return NULL;
	classes = xcalloc(folded->n, sizeof(*classes));
	*guessed = xcalloc(folded->n, sizeof(**guessed));
	for (i = 0; i < folded->n; i++) {
		drugs_classes_folded(dr, folded->v[i], two, &(*guessed)[i]);
		classes[i] = two[0];
	}
	return classes;
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
	struct screen s;
	enum sched_status st;
	int *dates, *guessed;

	memset(pl, 0, sizeof(*pl));
	memset(out, 0, sizeof(*out));
	pl->patient = p;
	pl->protocol = ch->protocol;
	pl->clinic = ch->clinic;
	pl->drugs = ch->drugs;
	pl->terms = ch->terms;
	pl->care = ch->care;
	pl->today = today;
	pl->blocked_by = -1;
	pl->per_visit = (int)p->sites.n * ch->protocol->per_site;
	screen_init(&s, p, ch->protocol, ch->terms, NULL);
	pl->classes = classes = classify(ch->drugs, &s.medications, &guessed);
	s.classes = classes;
	if (screen_rules(&s, pl, pl->clinic ? &pl->clinic->rules : NULL) != 0 ||
	    screen_rules(&s, pl, &pl->protocol->rules) != 0) {
		free(pl->warnings);
		pl->warnings = NULL;
		pl->nwarnings = 0;
		st = SCHED_STOPPED;
		goto done;
	}
	set_start(pl);
	closed = sched_question(pl, &in);
	dates = xcalloc(in.visits > 0 ? (size_t)in.visits : 1, sizeof(*dates));
	if ((st = sched_find(&in, dates, out)) == SCHED_OK &&
	    wait_for_pauses(pl, &s, &in, dates[0]))
		st = sched_find(&in, dates, out);
	if (st == SCHED_OK) {
		fill(pl, &s, dates, in.visits, out->lapsed);
		medicine_warnings(pl, &s, guessed);
		screen_unknown(&s, pl, pl->clinic ? &pl->clinic->rules : NULL,
		    &pl->protocol->rules);
	} else
		blame_closure(pl, &in, dates);
	free(closed);
	free(dates);
done:
	screen_release(&s);
	free(guessed);
	return st;
}

/* Whether the patient takes a medicine of a class (an id of drugs.yaml). */
int
plan_takes(const struct plan *pl, const char *class_id)
{
	size_t i;

	for (i = 0; pl->classes != NULL && i < pl->patient->medications.n; i++)
		if (pl->classes[i] != NULL &&
		    strcmp(pl->classes[i]->id, class_id) == 0)
			return 1;
	return 0;
}

void
plan_release(struct plan *pl)
{
	free(pl->classes);
	free(pl->visits);
	free(pl->holds);
	free(pl->warnings);
	memset(pl, 0, sizeof(*pl));
}
