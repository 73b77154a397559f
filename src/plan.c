#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "drugs.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "rules.h"
#include "sched.h"
#include "strv.h"
#include "xalloc.h"

/* A letter, a digit or a byte of a UTF-8 character: what words are made of. */
int
plan_word_char(char c)
{
	unsigned char u = (unsigned char)c;

	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
	    (u >= '0' && u <= '9') || u >= 0x80;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * The letters that start a word in text, as bits (a-z; bit 26 for any
 * other start).  A phrase can only match where a word starts with its
 * first letter, so callers matching one text against many names test
 * this mask first and skip most of them.
 */
unsigned
plan_word_starts(const char *text)
{
	unsigned mask;
	size_t i;
	int c;

	for (mask = 0, i = 0; text[i] != '\0'; i++) {
		if (!plan_word_char(text[i]) || (i > 0 && plan_word_char(text[i - 1])))
			continue;
		c = lower((unsigned char)text[i]);
		mask |= c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 1u << 26;
	}
	return mask;
}

/* Whether a phrase's first letter is among the word starts of a mask. */
int
plan_word_may_match(unsigned starts, const char *phrase)
{
	int c;

	c = lower((unsigned char)phrase[0]);
	return (starts & (c >= 'a' && c <= 'z' ? 1u << (c - 'a') :
	    1u << 26)) != 0;
}

/*
 * Whether phrase occurs in text as whole words, ignoring ASCII case:
 * "aspirin" matches "Aspirin 81 mg" and "low-dose aspirin" but not
 * "aspirinate".
 */
int
plan_word_match(const char *text, const char *phrase)
{
	size_t i, pl;
	int first;

	if ((first = lower((unsigned char)phrase[0])) == '\0')
		return 0;
	pl = strlen(phrase);
	/* Only where a word starts, and only past a matching first letter. */
	for (i = 0; text[i] != '\0'; i++) {
		if ((i > 0 && plan_word_char(text[i - 1])) ||
		    lower((unsigned char)text[i]) != first)
			continue;
		if (strncasecmp(text + i, phrase, pl) == 0 &&
		    !plan_word_char(text[i + pl]))
			return 1;
	}
	return 0;
}

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
		if ((m = rule_match_classes(r, pl->patient, pl->drugs,
		    classes)) == NULL)
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

/* An override must name a rule of the clinic or the protocol: a typo must not pass. */
int
plan_check_overrides(const struct patient *p, const struct clinic *c,
    const struct protocol *pr, struct diag *d)
{
	char q[128], hint[96];
	size_t i, j;
	int found;

	for (i = 0; i < p->noverrides; i++) {
		found = 0;
		for (j = 0; c != NULL && j < c->rules.n; j++)
			found |= strcmp(c->rules.v[j].id,
			    p->overrides[i].rule) == 0;
		for (j = 0; j < pr->rules.n; j++)
			found |= strcmp(pr->rules.v[j].id,
			    p->overrides[i].rule) == 0;
		if (found)
			continue;
		diag_quote(q, sizeof(q), p->overrides[i].rule,
		    strlen(p->overrides[i].rule));
		snprintf(hint, sizeof(hint), " (no such rule in the clinic "
		    "or protocol %s)", pr->id);
		return diag_set(d, p->file, p->overrides[i].at.line,
		    p->overrides[i].at.col, D_UNKNOWN_RULE, q, hint);
	}
	return 0;
}

/* The first word of an allergy, so "lidocaine (hives)" still matches. */
static int
allergy_matches(const char *solution, const char *allergy)
{
	char word[64];
	size_t n;

	if (plan_word_match(solution, allergy))
		return 1;
	for (n = 0; allergy[n] && plan_word_char(allergy[n]) &&
	    n < sizeof(word) - 1; n++)
		word[n] = allergy[n];
	word[n] = '\0';
	return n >= 4 && plan_word_match(solution, word);
}

static void
add_warnings(struct plan *pl, const struct strv *anticoag)
{
	const struct patient *p = pl->patient;
	unsigned starts;
	size_t i, j;

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
		for (j = 0, starts = plan_word_starts(p->medications.v[i]);
		    j < anticoag->n; j++)
			if (plan_word_may_match(starts, anticoag->v[j]) &&
			    plan_word_match(p->medications.v[i],
			    anticoag->v[j])) {
				add_warning(pl, PLAN_W_ANTICOAG,
				    p->medications.v[i], 0, 0, 0);
				break;
			}
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
		if (plan_word_match(medication, h->drugs.v[i]))
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
		    CLINIC_NO_TIME)
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
blame_closure(struct plan *pl, struct sched_in *in, const struct clinic *c,
    int *dates)
{
	const struct date_range *cr;
	struct sched_out out;
	struct date_range *closed;
	size_t i, n;
	int v;

	for (i = 0; c != NULL && i < c->nclosures; i++) {
		closed = plan_closed(pl->patient, c, (long)i, &n);
		in->closed = closed;
		in->nclosed = n;
		if (sched_find(in, dates, &out) == SCHED_OK) {
			cr = &c->closures[i].range;
			for (v = 0; v < in->visits; v++)
				if (dates[v] >= cr->from && dates[v] <= cr->to)
					break;
			pl->blocked_by = (long)i;
			pl->blocked_visit = (int)pl->patient->nhistory +
			    (v < in->visits ? v : 0) + 1;
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
		    !wants_time(p, pl->clinic) ? CLINIC_NO_TIME :
		    clinic_slot(pl->clinic,
		    date_weekday(pl->visits[i].date), p->time,
		    (int)p->periods);
}

/*
 * Plans the patient's course under the protocol.  The patient must have
 * been through patient_apply().  On SCHED_OK the plan is filled; on any
 * other status it is left empty and out says why.
 */
enum sched_status
plan_make(struct plan *pl, const struct patient *p, const struct protocol *pr,
    const struct strv *anticoag, int today, struct sched_out *out)
{
	return plan_make_at(pl, p, pr, NULL, NULL, anticoag, today, out);
}

/*
 * The same, at a clinic (NULL: no clinic days, closures or times) and
 * with drug classes (NULL: holds by class match nothing).
 */
enum sched_status
plan_make_at(struct plan *pl, const struct patient *p,
    const struct protocol *pr, const struct clinic *c,
    const struct drugs *dr, const struct strv *anticoag, int today,
    struct sched_out *out)
{
	const struct drug_class **classes;
	struct sched_in in;
	struct date_range *closed;
	enum sched_status st;
	int r, *dates;
	size_t i, nclosed;

	memset(pl, 0, sizeof(*pl));
	pl->patient = p;
	pl->protocol = pr;
	pl->clinic = c;
	pl->drugs = dr;
	pl->today = today;
	pl->blocked_by = -1;
	pl->per_visit = (int)p->sites.n * pr->per_site;
	memset(&in, 0, sizeof(in));
	in.start = p->start;
	in.weekdays = plan_weekdays(p, c);
	closed = plan_closed(p, c, -1, &nclosed);
	in.closed = closed;
	in.nclosed = nclosed;
	in.history = p->history;
	in.nhistory = p->nhistory;
	in.visits = r = p->visits - (int)p->nhistory;
	in.ival_min = pr->ival_min;
	in.ival_max = pr->ival_max;
	in.ival_pref = p->interval_days;
	in.max_course_days = pr->max_course_days;
	in.search_days = SCHED_SEARCH_DAYS;
	/* Each medication's class, looked up once for every rule and hold. */
	classes = xcalloc(p->medications.n ? p->medications.n : 1,
	    sizeof(*classes));
	for (i = 0; i < p->medications.n; i++)
		classes[i] = drugs_class_of(dr, p->medications.v[i]);
	if ((c != NULL && apply_rules(pl, &c->rules, classes) != 0) ||
	    apply_rules(pl, &pr->rules, classes) != 0) {
		free(classes);
		free(closed);
		free(pl->warnings);
		pl->warnings = NULL;
		pl->nwarnings = 0;
		memset(out, 0, sizeof(*out));
		return SCHED_STOPPED;
	}
	dates = xcalloc(r > 0 ? (size_t)r : 1, sizeof(*dates));
	st = sched_find(&in, dates, out);
	if (st == SCHED_OK) {
		pl->lapsed = out->lapsed && r > 0;
		set_visits(pl, dates, r);
		if (pr->review_at > 0 && (size_t)pr->review_at <= pl->nvisits)
			pl->review = pr->review_at;
		set_times(pl);
		for (i = 0; i < p->medications.n; i++)
			add_holds(pl, p->medications.v[i], classes[i]);
		add_warnings(pl, anticoag);
	} else
		blame_closure(pl, &in, c, dates);
	free(classes);
	free(closed);
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

#define PLURAL(n)	((n) == 1 ? "" : "s")

/*
 * Puts into words which rule left no plan, for the clinician.  The
 * arguments must match the formats in diag.c, which the compiler cannot
 * check: tests/test_plan.c prints every case.
 */
void
plan_explain(struct diag *d, const struct plan *pl, const struct patient *p,
    const struct protocol *pr, enum sched_status st,
    const struct sched_out *out)
{
	char a[DATE_LEN + 1], b[DATE_LEN + 1], c[DATE_LEN + 1];
	const struct closure *cl;
	int r;

	r = p->visits - (int)p->nhistory;
	date_format(out->first_from, a);
	date_format(out->first_to, b);
	if (st == SCHED_STOPPED) {
		diag_set(d, p->file, 0, 0, D_NOPLAN_RULE, pl->stopped->id,
		    pl->stopped_by, rule_text(pl->stopped, "en"),
		    pl->stopped->id);
		return;
	}
	if (pl != NULL && pl->blocked_by >= 0) {
		cl = &pl->clinic->closures[pl->blocked_by];
		date_format(cl->range.from, a);
		date_format(cl->range.to, b);
		diag_set(d, p->file, 0, 0, D_NOPLAN_CLOSURE, pl->blocked_visit,
		    cl->name ? " for " : "", cl->name ? cl->name : "", a, b,
		    pr->ival_min, pr->ival_max);
		return;
	}
	switch (st) {
	case SCHED_NO_WINDOW:
		date_format(p->history[p->nhistory - 1], c);
		diag_set(d, p->file, 0, 0, D_NOPLAN_WINDOW, pr->ival_min,
		    pr->ival_max, c, a, b);
		break;
	case SCHED_NO_DAY:
		diag_set(d, p->file, 0, 0, D_NOPLAN_NO_DAY,
		    SCHED_SEARCH_DAYS + 1, a);
		break;
	case SCHED_NO_CHAIN:
		diag_set(d, p->file, 0, 0, D_NOPLAN_CHAIN, r, PLURAL(r),
		    pr->ival_min, pr->ival_max, a, b);
		break;
	case SCHED_TOO_LONG:
		if (p->nhistory == 0) {
			diag_set(d, p->file, 0, 0, D_NOPLAN_LONG, r, PLURAL(r),
			    pr->ival_min, pr->ival_max, pr->max_course_days);
			break;
		}
		date_format(p->history[0], a);
		date_format(out->course_end, b);
		diag_set(d, p->file, 0, 0, D_NOPLAN_LONG_HISTORY, a,
		    pr->max_course_days, b, r, PLURAL(r), pr->ival_min,
		    pr->ival_max);
		break;
	case SCHED_OK:
	case SCHED_STOPPED:
		break;
	}
}

/* A plan's warning as a message for standard error. */
void
plan_warning_diag(struct diag *d, const struct plan *pl,
    const struct plan_warning *w)
{
	const struct patient *p = pl->patient;
	char a[DATE_LEN + 1], b[DATE_LEN + 1], q[128], q2[128];
	int last;

	switch (w->kind) {
	case PLAN_W_LAPSE:
		last = p->history[p->nhistory - 1];
		date_format(p->start, a);
		date_format(last, b);
		diag_set(d, p->file, 0, 0, D_WARN_LAPSE, a, p->start - last, b,
		    pl->protocol->ival_max);
		break;
	case PLAN_W_ALLERGY:
		diag_quote(q, sizeof(q), w->subject, strlen(w->subject));
		diag_quote(q2, sizeof(q2), pl->protocol->solution,
		    strlen(pl->protocol->solution));
		diag_set(d, p->file, 0, 0, D_WARN_ALLERGY, q, q2);
		break;
	case PLAN_W_ANTICOAG:
		diag_quote(q, sizeof(q), w->subject, strlen(w->subject));
		diag_set(d, p->file, 0, 0, D_WARN_ANTICOAG, q);
		break;
	case PLAN_W_PAST:
		date_format(w->date, a);
		date_format(pl->today, b);
		diag_set(d, p->file, 0, 0, D_WARN_PAST, w->visit, a, b);
		break;
	case PLAN_W_NOTE:
	case PLAN_W_RULE:
		diag_set(d, p->file, 0, 0, D_WARN_RULE, w->rule->id,
		    w->subject, rule_text(w->rule, "en"));
		break;
	case PLAN_W_OVERRIDE:
		diag_set(d, p->file, 0, 0, D_WARN_OVERRIDE, w->rule->id,
		    w->subject, w->override->reason, w->override->approved_by);
		break;
	}
}
