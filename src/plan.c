#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "care.h"
#include "clinic.h"
#include "date.h"
#include "dosing.h"
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
#include "terms.h"
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
	size_t i, j, n, first, lists;

	first = pl->nholds;
	for (j = 0, lists = 0; j < pr->nholds; j++) {
		if (!hold_applies(&pr->holds[j], s->medications.v[m], dc))
			continue;
		lists++;
		/* Room for a window around every visit, the most there are. */
		pl->holds = xreallocarray(pl->holds, pl->nholds + pl->nvisits,
		    sizeof(*pl->holds));
		for (i = 0; i < pl->nvisits; i++) {
			if (!plan_to_come(&pl->visits[i]))
				continue;
			w = &pl->holds[pl->nholds++];
			w->drug = med;
			w->prescribed = dc != NULL && dc->pause == DRUG_ASK;
			w->from = pl->visits[i].date - pr->holds[j].stop_before;
			w->to = pl->visits[i].date + pr->holds[j].resume_after;
		}
	}
	if (pl->nholds == first)
		return;
	/* One list's windows come in the order of the visits. */
	if (lists > 1)
		qsort(pl->holds + first, pl->nholds - first,
		    sizeof(*pl->holds), cmp_hold);
	for (n = first, i = first + 1; i < pl->nholds; i++) {
		if (pl->holds[i].from <= pl->holds[n].to + 1) {
			if (pl->holds[i].to > pl->holds[n].to)
				pl->holds[n].to = pl->holds[i].to;
		} else
			pl->holds[++n] = pl->holds[i];
	}
	pl->nholds = n + 1;
}

/* The booked visit on a day, or NULL. */
static const struct booked_visit *
booked_on(const struct patient *p, int day)
{
	size_t i;

	for (i = 0; i < p->nbooked; i++)
		if (p->booked[i].date == day)
			return &p->booked[i];
	return NULL;
}

/*
 * Visits of the course are numbered and spaced; a missed one is
 * neither, and after a restart the first visit starts afresh.
 */
static void
number_visits(struct plan *pl)
{
	struct plan_visit *v;
	size_t i;
	int number, prev;

	for (i = 0, number = 0, prev = -1; i < pl->nvisits; i++) {
		v = &pl->visits[i];
		v->interval = -1;
		if (v->status == VISIT_MISSED)
			continue;
		v->number = ++number;
		if (prev >= 0 && !v->restart)
			v->interval = v->date - prev;
		prev = v->date;
	}
}

/*
 * The course in date order: the history as written (visits given and
 * missed), then the visits to come, booked or planned, as the scheduler
 * placed them.
 */
static void
set_visits(struct plan *pl, const int *dates, int r)
{
	const struct patient *p = pl->patient;
	struct plan_visit *v;
	size_t i, past;

	/* A patient made in code, not read, may have no record: all given. */
	past = p->nrecord > 0 ? p->nrecord : p->nhistory;
	pl->nvisits = past + (size_t)r;
	pl->visits = xcalloc(pl->nvisits + 1, sizeof(*pl->visits));
	for (i = 0; i < pl->nvisits; i++) {
		v = &pl->visits[i];
		v->time = TIME_NONE;
		if (i < past && p->nrecord > 0) {
			v->past = &p->record[i];
			v->date = p->record[i].date;
			v->status = p->record[i].missed ? VISIT_MISSED :
			    VISIT_DONE;
		} else if (i < past) {
			v->date = p->history[i];
			v->status = VISIT_DONE;
		} else {
			v->date = dates[i - past];
			v->status = booked_on(p, v->date) != NULL ?
			    VISIT_BOOKED : VISIT_PLANNED;
			v->restart = pl->restarted && i == past;
		}
	}
	number_visits(pl);
}

/* Whether a visit is yet to come: booked or planned. */
int
plan_to_come(const struct plan_visit *v)
{
	return v->status == VISIT_BOOKED || v->status == VISIT_PLANNED;
}

/* The first visit to come, or NULL when the course has none left. */
const struct plan_visit *
plan_next(const struct plan *pl)
{
	size_t i;

	for (i = 0; i < pl->nvisits; i++)
		if (plan_to_come(&pl->visits[i]))
			return &pl->visits[i];
	return NULL;
}

/* Whether the patient asks for a time or a time of day the clinic has. */
static int
wants_time(const struct patient *p, const struct clinic *c)
{
	return p->time >= 0 || (p->periods != 0 && c->nslots > 0);
}

/*
 * Whether the patient's planned visits get a time: a wish for one, or
 * a clinic's book given with the clinic's slots, when prolo knows which
 * times are free.
 */
static int
timed(const struct plan *pl)
{
	const struct clinic *c = pl->clinic;

	if (c == NULL)
		return 0;
	return wants_time(pl->patient, c) || (pl->book != NULL &&
	    book_given(pl->book) && c->nslots > 0);
}

/*
 * The weekdays a visit can be on: the patient's that the clinic is open
 * and, when the visit gets a time, that have an appointment time fitting
 * the wish within that day's hours.  Without a wish or a book no time
 * is given: prolo does not know which are free, so it does not make up
 * an appointment.
 */
static unsigned
weekdays_of(const struct plan *pl, unsigned patient, unsigned open, int times)
{
	const struct patient *p = pl->patient;
	const struct clinic *c = pl->clinic;
	unsigned mask;
	int w;

	if (c == NULL)
		return patient;
	mask = patient & open;
	if (!times || !timed(pl))
		return mask;
	for (w = 0; w < 7; w++)
		if (clinic_slot(c, w, p->time, (int)p->periods) ==
		    TIME_NONE)
			mask &= ~(1u << w);
	return mask;
}

static unsigned
plan_weekdays(const struct plan *pl)
{
	return weekdays_of(pl, pl->patient->weekdays,
	    pl->clinic ? pl->clinic->open_days : 0, 1);
}

/*
 * The days the clinic's book has no room for this patient's visit: with
 * a time, none of the times the patient may have is free; without one,
 * no time at all is.  The caller frees.
 */
static int *
full_days(const struct plan *pl, size_t *n)
{
	const struct patient *p = pl->patient;
	int want = TIME_NONE;
	unsigned periods = 0;

	*n = 0;
	if (pl->book == NULL)
		return NULL;
	if (timed(pl)) {
		want = p->time;
		periods = p->periods;
	}
	return book_full_days(pl->book, pl->today, book_horizon(pl->book),
	    want, periods, n);
}

/*
 * The scheduler's closed days: the patient's unavailable dates, the
 * clinic's closures but one (skip, or -1 for none), and last the nfull
 * days the book is full.  The caller frees.
 */
static struct date_range *
plan_closed(const struct plan *pl, long skip, const int *full, size_t nfull,
    size_t *n)
{
	const struct patient *p = pl->patient;
	const struct clinic *c = pl->clinic;
	struct date_range *r;
	size_t i, nc;

	nc = c ? c->nclosures : 0;
	r = xcalloc(p->nunavailable + nc + nfull + 1, sizeof(*r));
	if (p->nunavailable)	/* memcpy from NULL is undefined, even of 0 */
		memcpy(r, p->unavailable, p->nunavailable * sizeof(*r));
	*n = p->nunavailable;
	for (i = 0; i < nc; i++)
		if ((long)i != skip)
			r[(*n)++] = c->closures[i].range;
	for (i = 0; i < nfull; i++) {
		r[*n].from = r[*n].to = full[i];
		(*n)++;
	}
	return r;
}

/*
 * The scheduler's question, and the arrays it points to: the closed
 * days end with the nfull days the book is full, found once.
 */
struct question {
	struct sched_in		 in;
	struct date_range	*closed;
	int			*booked;
	int			*full;
	size_t			 nfull;
};

/*
 * After a failure: if leaving out one closure of the clinic would let
 * the course be planned, that closure is what stands in the way; name
 * it and the visit that falls in it.
 */
static void
blame_closure(struct plan *pl, const struct question *q, int *dates)
{
	const struct clinic *c = pl->clinic;
	struct sched_in in = q->in;
	const struct date_range *cr;
	struct sched_out out;
	struct date_range *closed;
	size_t i, n;
	int v;

	for (i = 0; c != NULL && i < c->nclosures; i++) {
		closed = plan_closed(pl, (long)i, q->full, q->nfull, &n);
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
	const struct booked_visit *b;
	size_t i;

	for (i = 0; i < pl->nvisits; i++) {
		if (pl->visits[i].status == VISIT_BOOKED) {
			b = booked_on(p, pl->visits[i].date);
			pl->visits[i].time = b->time;
		} else if (pl->visits[i].status == VISIT_PLANNED && timed(pl))
			pl->visits[i].time = pl->book != NULL ?
			    book_slot(pl->book, pl->visits[i].date, p->time,
			    p->periods) : clinic_slot(pl->clinic,
			    date_weekday(pl->visits[i].date), p->time,
			    (int)p->periods);
	}
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
 * The visits left for the planner.  A course that has ended plans
 * nothing more; one that ends on a day to come is planned in full and
 * cut at that day (see cut_at_end()).
 */
static int
planned_count(const struct plan *pl)
{
	const struct patient *p = pl->patient;

	if (p->ended && p->ended < pl->today)
		return 0;
	return p->visits - (int)p->nhistory - (int)p->nbooked;
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
	if (planned_count(pl) > 0 && p->start < pl->today) {
		screen_warn(pl, PLAN_W_START, NULL)->date = p->start;
		pl->start = pl->today;
	}
}

/*
 * Whether the next planned visit must wait for a pause to begin no
 * earlier than today: then the question starts later, and the patient
 * is told why.  dates are the visits to come as planned without
 * waiting; a booked one stays where it is (see clamp_holds()).
 */
static int
wait_for_pauses(struct plan *pl, const struct screen *s, struct sched_in *in,
    const int *dates)
{
	struct plan_warning *w;
	size_t which = 0;
	int lead, v;

	for (v = 0; v < in->visits && booked_on(pl->patient, dates[v]); v++)
		continue;
	lead = lead_days(pl, s, &which);
	if (lead == 0 || v == in->visits || dates[v] - lead >= pl->today)
		return 0;
	in->start = pl->start = pl->today + lead;
	w = screen_warn(pl, PLAN_W_LEAD, pl->patient->medications.v[which]);
	w->date = pl->start;
	w->days = lead;
	return 1;
}

/*
 * The scheduler's question for this patient: the days the patient and
 * the clinic allow, the visits given and booked, and the protocol's
 * intervals.  question_release() frees it.
 */
static void
question_init(struct question *q, const struct plan *pl)
{
	const struct patient *p = pl->patient;
	const struct protocol *pr = pl->protocol;
	struct sched_in *in = &q->in;
	size_t i;

	memset(q, 0, sizeof(*q));
	q->booked = xcalloc(p->nbooked + 1, sizeof(*q->booked));
	for (i = 0; i < p->nbooked; i++)
		q->booked[i] = p->booked[i].date;
	in->start = pl->start;
	in->weekdays = plan_weekdays(pl);
	q->full = full_days(pl, &q->nfull);
	in->closed = q->closed = plan_closed(pl, -1, q->full, q->nfull,
	    &in->nclosed);
	in->history = p->history;
	in->nhistory = p->nhistory;
	in->booked = q->booked;
	in->nbooked = p->nbooked;
	in->visits = planned_count(pl) + (int)p->nbooked;
	in->ival_min = pr->ival_min;
	in->ival_max = pr->ival_max;
	in->ival_pref = p->interval_days;
	in->max_course_days = pr->max_course_days;
	in->restart = pr->restart;
	in->search_days = SCHED_SEARCH_DAYS;
}

static void
question_release(struct question *q)
{
	free(q->closed);
	free(q->booked);
	free(q->full);
}

/*
 * After a failure with booked visits: if the course fits once one of
 * them is left to the planner, that booked visit is in the way.
 */
static void
blame_booked(struct plan *pl, const struct question *q, int *dates)
{
	struct sched_in in = q->in;
	struct sched_out out;
	int *rest;
	size_t i, j, n;

	rest = xcalloc(q->in.nbooked + 1, sizeof(*rest));
	for (i = 0; i < q->in.nbooked; i++) {
		for (j = 0, n = 0; j < q->in.nbooked; j++)
			if (j != i)
				rest[n++] = q->in.booked[j];
		in.booked = rest;
		in.nbooked = n;
		if (sched_find(&in, dates, &out) == SCHED_OK) {
			pl->blocked_booked = (long)i;
			break;
		}
	}
	free(rest);
}

/*
 * After a failure: if the course fits once the days the clinic's book
 * is full are open again, the book is what stands in the way.  The
 * days named are the full ones up to the last visit of the course that
 * would then fit: those it could have used.
 */
static void
blame_book(struct plan *pl, const struct question *q, int *dates)
{
	struct sched_in in = q->in;
	struct sched_out out;
	size_t i;

	in.nclosed -= q->nfull;		/* the full days come last */
	if (q->nfull == 0 || in.visits == 0 ||
	    sched_find(&in, dates, &out) != SCHED_OK)
		return;
	for (i = 0; i < q->nfull && q->full[i] <= dates[in.visits - 1]; i++) {
		if (q->full[i] < pl->start)
			continue;
		if (pl->full_days++ == 0)
			pl->full_from = q->full[i];
		pl->full_to = q->full[i];
	}
}

/*
 * The first visit the question finds with other weekdays or closed days
 * (NULL: its own), or INT_MAX when it finds none.
 */
static int
first_with(const struct question *q, unsigned weekdays,
    const struct date_range *closed, size_t nclosed, int *dates)
{
	struct sched_in in = q->in;
	struct sched_out out;

	in.weekdays = weekdays;
	if (closed != NULL) {
		in.closed = closed;
		in.nclosed = nclosed;
	}
	return sched_find(&in, dates, &out) == SCHED_OK ? dates[0] : INT_MAX;
}

/* Whether the question finds a plan with other weekdays or closed days. */
static int
fits(const struct question *q, unsigned weekdays,
    const struct date_range *closed, size_t nclosed, int *dates)
{
	return first_with(q, weekdays, closed, nclosed, dates) != INT_MAX;
}

/*
 * The closed days without the patient's unavailable dates (skip 0) or
 * without the clinic's closures (skip 1), the book's full days kept.
 */
static struct date_range *
closed_but(const struct plan *pl, const struct question *q, int skip,
    size_t *n)
{
	size_t nu = pl->patient->nunavailable;
	struct date_range *r;

	r = xcalloc(q->in.nclosed + 1, sizeof(*r));
	*n = 0;
	if (skip == 0) {
		memcpy(r, q->in.closed + nu,
		    (q->in.nclosed - nu) * sizeof(*r));
		*n = q->in.nclosed - nu;
	} else {
		if (nu)
			memcpy(r, q->in.closed, nu * sizeof(*r));
		memcpy(r + nu, q->in.closed + q->in.nclosed - q->nfull,
		    q->nfull * sizeof(*r));
		*n = nu + q->nfull;
	}
	return r;
}

/*
 * After a failure for want of days, with no closure, booked visit or
 * full book alone to blame: which restriction leaves no day.  The
 * clinic's are tried first (its open days, its closures, the times it
 * has for the patient's wish), then the patient's, so that a message
 * never blames the patient for what the clinic decides.
 */
static void
blame_days(struct plan *pl, const struct question *q, int *dates)
{
	const struct patient *p = pl->patient;
	const struct clinic *c = pl->clinic;
	unsigned open = c ? c->open_days : 0;
	struct date_range *closed;
	size_t n;
	int found;

	pl->open_weekdays = weekdays_of(pl, p->weekdays, open, 0);
	if (c != NULL && (p->weekdays & open) == 0) {
		pl->blocked_days = BLOCK_NO_COMMON_DAY;
		return;
	}
	if (c != NULL && q->in.weekdays == 0) {
		pl->blocked_days = BLOCK_NO_TIME;
		return;
	}
	if (c != NULL && fits(q, weekdays_of(pl, p->weekdays, 0x7f, 1), NULL,
	    0, dates)) {
		pl->blocked_days = BLOCK_OPEN;
		return;
	}
	closed = closed_but(pl, q, 1, &n);
	found = c != NULL && c->nclosures > 0 &&
	    fits(q, q->in.weekdays, closed, n, dates);
	free(closed);
	if (found) {
		pl->blocked_days = BLOCK_CLOSURES;
		return;
	}
	if (c != NULL && timed(pl) && fits(q, pl->open_weekdays, NULL, 0,
	    dates))
		pl->blocked_days = BLOCK_TIMES;
	else if (fits(q, weekdays_of(pl, 0x7f, open, 1), NULL, 0, dates))
		pl->blocked_days = BLOCK_WEEKDAYS;
	else {
		closed = closed_but(pl, q, 0, &n);
		if (p->nunavailable > 0 && fits(q, q->in.weekdays, closed, n,
		    dates))
			pl->blocked_days = BLOCK_UNAVAILABLE;
		free(closed);
	}
}

/*
 * The question's closed days without those from lo to hi - 1 (of the
 * patient's unavailable dates, then the clinic's closures, then the
 * days the book is full).  The caller frees.
 */
static struct date_range *
closed_without(const struct question *q, size_t lo, size_t hi, size_t *n)
{
	struct date_range *r;

	r = xcalloc(q->in.nclosed + 1, sizeof(*r));
	memcpy(r, q->in.closed, lo * sizeof(*r));
	memcpy(r + lo, q->in.closed + hi, (q->in.nclosed - hi) * sizeof(*r));
	*n = q->in.nclosed - (hi - lo);
	return r;
}

/* A cause of a late first visit, and the first visit without it. */
struct late {
	int		 first;
	enum plan_block	 cause;
	size_t		 lo, hi;	/* its closed days, or none */
};

static void
late_try(struct late *best, const struct question *q, unsigned weekdays,
    size_t lo, size_t hi, enum plan_block cause, int *dates)
{
	struct date_range *closed;
	size_t n;
	int first;

	/*
	 * A cause already found that brings the visit to the earliest day
	 * cannot be beaten (ties go to the one found first); and nothing
	 * lifted, or only days before that day, which no visit may take
	 * anyway, gives the same answer: neither is asked again.
	 */
	if (best->first <= q->in.start)
		return;
	if (weekdays == q->in.weekdays && (lo == hi ||
	    (hi == lo + 1 && q->in.closed[lo].to < q->in.start)))
		return;
	closed = closed_without(q, lo, hi, &n);
	first = first_with(q, weekdays, closed, n, dates);
	free(closed);
	if (first < best->first) {
		best->first = first;
		best->cause = cause;
		best->lo = lo;
		best->hi = hi;
	}
}

/*
 * A first visit well after the earliest day it could be (the patient's
 * start, today, the pauses' lead): why, found by asking again with each
 * restriction lifted in turn.  The one whose lifting brings the visit
 * earliest is named, the clinic's first on a tie; none is named when
 * no one alone brings it earlier, so no cause is claimed that is not.
 */
static void
late_first(struct plan *pl, const struct question *q, const int *planned)
{
	const struct patient *p = pl->patient;
	const struct clinic *c = pl->clinic;
	size_t nu = p->nunavailable, nc = c ? c->nclosures : 0, i;
	struct late best = { INT_MAX, BLOCK_TOGETHER, 0, 0 };
	struct plan_warning *w;
	int *dates;

	if (p->nhistory > 0 || p->nbooked > 0 || q->in.visits == 0 ||
	    planned[0] - pl->start <= PLAN_LATE_DAYS)
		return;
	dates = xcalloc((size_t)q->in.visits, sizeof(*dates));
	for (i = 0; i < nc; i++)
		late_try(&best, q, q->in.weekdays, nu + i, nu + i + 1,
		    BLOCK_CLOSURES, dates);
	late_try(&best, q, q->in.weekdays, nu + nc, q->in.nclosed,
	    BLOCK_BOOK, dates);
	if (c != NULL)
		late_try(&best, q, weekdays_of(pl, p->weekdays, 0x7f, 1), 0, 0,
		    BLOCK_OPEN, dates);
	for (i = 0; i < nu; i++)
		late_try(&best, q, q->in.weekdays, i, i + 1,
		    BLOCK_UNAVAILABLE, dates);
	late_try(&best, q, weekdays_of(pl, 0x7f, c ? c->open_days : 0, 1), 0,
	    0, BLOCK_WEEKDAYS, dates);
	free(dates);
	if (best.first >= planned[0])
		return;
	w = screen_warn(pl, PLAN_W_LATE, best.cause == BLOCK_CLOSURES ?
	    c->closures[best.lo - nu].name : NULL);
	w->date = planned[0];
	w->days = planned[0] - pl->start;
	w->cause = best.cause;
	if (best.hi > best.lo) {
		w->span_from = q->in.closed[best.lo].from;
		w->span_to = q->in.closed[best.hi - 1].to;
	}
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

/*
 * A pause must not begin before today.  Around a planned visit the
 * planner waits for it (wait_for_pauses()); a booked visit cannot move,
 * so its pause begins today, and the clinician is told it is short.
 */
static void
clamp_holds(struct plan *pl)
{
	struct plan_warning *w;
	size_t i;

	for (i = 0; i < pl->nholds; i++) {
		if (pl->holds[i].from >= pl->today)
			continue;
		w = screen_warn(pl, PLAN_W_SHORT_PAUSE, pl->holds[i].drug);
		w->date = pl->holds[i].from;
		w->days = pl->today - pl->holds[i].from;
		pl->holds[i].from = pl->today;
	}
}

/* Why prolo would not plan a visit on a day, or -1 if it would. */
static int
day_off(const struct plan *pl, int day, const char **name)
{
	const struct patient *p = pl->patient;
	const struct clinic *c = pl->clinic;
	size_t i;

	*name = NULL;
	for (i = 0; c != NULL && i < c->nclosures; i++)
		if (day >= c->closures[i].range.from &&
		    day <= c->closures[i].range.to) {
			*name = c->closures[i].name;
			return BOOKED_CLOSURE;
		}
	for (i = 0; i < p->nunavailable; i++)
		if (day >= p->unavailable[i].from &&
		    day <= p->unavailable[i].to)
			return BOOKED_UNAVAILABLE;
	if (!((p->weekdays >> date_weekday(day)) & 1))
		return BOOKED_WEEKDAY;
	if (c != NULL && !((c->open_days >> date_weekday(day)) & 1))
		return BOOKED_CLINIC_DAY;
	return -1;
}

/*
 * What the book holds that prolo would not have planned, kept as it is
 * but told to the clinician: a booked visit on a day not allowed, and
 * two fixed visits side by side (given or booked, one of them booked)
 * further apart or closer than the protocol allows.
 */
static void
fixed_warnings(struct plan *pl)
{
	const struct protocol *pr = pl->protocol;
	const struct plan_visit *v, *prev = NULL;
	struct plan_warning *w;
	const char *name;
	size_t i;
	int why;

	for (i = 0; i < pl->nvisits; i++) {
		v = &pl->visits[i];
		if (v->status == VISIT_MISSED)
			continue;
		if (v->status == VISIT_BOOKED &&
		    (why = day_off(pl, v->date, &name)) >= 0) {
			w = screen_warn(pl, PLAN_W_BOOKED_OFF, name);
			w->visit = v->number;
			w->date = v->date;
			w->days = why;
		}
		if (prev != NULL && !v->restart && v->status != VISIT_PLANNED &&
		    prev->status != VISIT_PLANNED &&
		    (v->status == VISIT_BOOKED ||
		    prev->status == VISIT_BOOKED) &&
		    (v->interval < pr->ival_min ||
		    v->interval > pr->ival_max)) {
			w = screen_warn(pl, PLAN_W_FIXED_GAP, NULL);
			w->visit = v->number;
			w->date = v->date;
			w->days = v->interval;
		}
		prev = v;
	}
}

/* A visit's pain score in thousandths, or -1 when none was recorded. */
long
plan_pain(const struct plan_visit *v)
{
	return v->status == VISIT_DONE && v->past != NULL ? v->past->pain : -1;
}

/* A visit's function score, or NULL when none was recorded. */
const struct function_score *
plan_function(const struct plan_visit *v)
{
	if (v->status != VISIT_DONE || v->past == NULL ||
	    v->past->function.name == NULL)
		return NULL;
	return &v->past->function;
}

/*
 * Whether pain fell meaningfully from baseline to now: by at least 30%
 * of the baseline and at least 2 points, the least change patients
 * call much better (Farrar JT et al., Pain 2001;94(2):149-158).  In
 * thousandths, exactly: a fall of exactly 30% or 2 points counts, and
 * pain that got worse is no improvement.
 */
static int
pain_improved(long baseline, long now)
{
	long fall = baseline - now;

	return fall * 10 >= baseline * 3 && fall >= 2000;
}

/*
 * What the pain scores of the visits given tell the clinician: at the
 * protocol's review visit, pain not meaningfully lower than at the
 * first visit scored (the baseline); and pain of 2 or less at two
 * visits given in a row, the first time it is, a goal reached.  A
 * missed visit is no visit; a visit given without a score breaks a run.
 */
static void
score_warnings(struct plan *pl)
{
	const struct plan_visit *v, *base = NULL, *prev = NULL;
	struct plan_warning *w;
	size_t i;
	int goal = 0;

	for (i = 0; i < pl->nvisits; i++) {
		v = &pl->visits[i];
		if (v->status == VISIT_MISSED)
			continue;
		if (plan_pain(v) < 0) {
			prev = NULL;
			continue;
		}
		if (base == NULL)
			base = v;
		else if (pl->review > 0 && v->number == pl->review &&
		    !pain_improved(plan_pain(base), plan_pain(v))) {
			w = screen_warn(pl, PLAN_W_NO_GAIN, NULL);
			w->from = base;
			w->to = v;
		}
		if (!goal && prev != NULL && plan_pain(prev) <= 2000 &&
		    plan_pain(v) <= 2000) {
			w = screen_warn(pl, PLAN_W_GOAL, NULL);
			w->from = prev;
			w->to = v;
			goal = 1;
		}
		prev = v;
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
	pl->restarted = pl->lapsed && pr->restart;
	set_visits(pl, dates, r);
	if (pr->review_at > 0 && (size_t)pr->review_at <= pl->nvisits)
		pl->review = pr->review_at;
	set_times(pl);
	for (i = 0; i < p->medications.n; i++)
		add_holds(pl, s, i);
	clamp_holds(pl);
	if (pl->lapsed) {
		w = screen_warn(pl, PLAN_W_LAPSE, NULL);
		w->date = p->history[p->nhistory - 1];
		w->days = plan_next(pl)->date - w->date;
	}
	if (p->ended) {
		w = screen_warn(pl, PLAN_W_ENDED, p->ended_reason);
		w->date = p->ended;
	}
	fixed_warnings(pl);
	score_warnings(pl);
	screen_allergies(s, pl);
}

/*
 * How many of the r visits to come fall on or before the day the
 * course ends, if it does: none is planned after it.  Booked visits
 * are never after it (load_patient() refuses them).
 */
static int
cut_at_end(const struct patient *p, const int *dates, int r)
{
	while (p->ended && r > 0 && dates[r - 1] > p->ended)
		r--;
	return r;
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
 * The label's limits on what one visit gives (dosing.h), when a visit
 * is still to come: over a limit stops the plan unless the patient
 * file overrides that limit's rule; at its warning level, without the
 * weight a limit needs, or with a limited ingredient the protocol gives
 * no dose of, the clinician is told.  Returns -1 on a stop that stands.
 */
static int
dose_rules(struct plan *pl)
{
	const struct dosing *d = &pl->dose;
	const struct dosing_solute *ds;
	const struct override *o;
	struct plan_warning *w;
	size_t i;

	if (planned_count(pl) + (int)pl->patient->nbooked <= 0)
		return 0;
	for (i = 0; i < d->nsolutes; i++) {
		ds = &d->solutes[i];
		if (ds->level == DOSING_WARN)
			screen_warn(pl, PLAN_W_DOSE_NEAR, NULL)->ingredient =
			    ds->ingredient;
		if (ds->level != DOSING_OVER)
			continue;
		if ((o = screen_override(pl->patient,
		    ds->ingredient->max_dose.rule)) == NULL) {
			pl->dose_stopped = ds;
			return -1;
		}
		w = screen_warn(pl, PLAN_W_DOSE_OVER, NULL);
		w->ingredient = ds->ingredient;
		w->override = o;
	}
	if (d->weigh != NULL)
		screen_warn(pl, PLAN_W_WEIGH, NULL)->ingredient =
		    d->weigh->ingredient;
	if (d->unchecked != NULL)
		screen_warn(pl, PLAN_W_UNCHECKED, NULL)->ingredient =
		    d->unchecked;
	return 0;
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
	struct question q;
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
	pl->book = ch->book;
	pl->today = today;
	pl->blocked_by = -1;
	pl->blocked_booked = -1;
	pl->per_visit = (int)p->sites.n * ch->protocol->per_site;
	dosing_init(&pl->dose, p, ch->protocol, ch->terms);
	screen_init(&s, p, ch->protocol, ch->terms, NULL);
	pl->classes = classes = classify(ch->drugs, &s.medications, &guessed);
	s.classes = classes;
	if (screen_rules(&s, pl, pl->clinic ? &pl->clinic->rules : NULL) != 0 ||
	    screen_rules(&s, pl, &pl->protocol->rules) != 0 ||
	    dose_rules(pl) != 0) {
		free(pl->warnings);
		pl->warnings = NULL;
		pl->nwarnings = 0;
		st = SCHED_STOPPED;
		goto done;
	}
	set_start(pl);
	question_init(&q, pl);
	dates = xcalloc(q.in.visits > 0 ? (size_t)q.in.visits : 1,
	    sizeof(*dates));
	if ((st = sched_find(&q.in, dates, out)) == SCHED_OK &&
	    wait_for_pauses(pl, &s, &q.in, dates))
		st = sched_find(&q.in, dates, out);
	if (st == SCHED_OK) {
		late_first(pl, &q, dates);
		fill(pl, &s, dates, cut_at_end(p, dates, q.in.visits),
		    out->lapsed);
		medicine_warnings(pl, &s, guessed);
		screen_unknown(&s, pl, pl->clinic ? &pl->clinic->rules : NULL,
		    &pl->protocol->rules);
	} else {
		blame_booked(pl, &q, dates);
		if (pl->blocked_booked < 0)
			blame_closure(pl, &q, dates);
		if (pl->blocked_booked < 0 && pl->blocked_by < 0)
			blame_book(pl, &q, dates);
		if (pl->blocked_booked < 0 && pl->blocked_by < 0 &&
		    pl->full_days == 0 && st != SCHED_TOO_LONG)
			blame_days(pl, &q, dates);
	}
	question_release(&q);
	free(dates);
done:
	screen_release(&s);
	free(guessed);
	return st;
}

/*
 * Enters the plan's visits to come that have a time into the book, so
 * that no later patient of the run is given a slot they fill.  One
 * without a time fills none: the clinic gives it one.
 */
void
plan_commit(const struct plan *pl, struct book *b)
{
	const struct plan_visit *v;
	size_t i;

	for (i = 0; i < pl->nvisits; i++) {
		v = &pl->visits[i];
		if (plan_to_come(v) && v->time != TIME_NONE)
			book_add_visit(b, v->date, v->time);
	}
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
	dosing_release(&pl->dose);
	memset(pl, 0, sizeof(*pl));
}
