#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "clinic.h"
#include "date.h"
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
 * A date as the template tmpl of the care text writes it, with the
 * weekday and month names given: each of the handout's forms below.
 */
static void
date_words(const char *tmpl, char *const *weekdays, char *const *months,
    int day, char *buf, size_t size)
{
	struct care_var vars[4];
	char d[8], y[8], *s;
	int year, month, mday;

	date_to_ymd(day, &year, &month, &mday);
	snprintf(d, sizeof(d), "%d", mday);
	snprintf(y, sizeof(y), "%d", year);
	vars[0] = (struct care_var){ "weekday", weekdays[date_weekday(day)] };
	vars[1] = (struct care_var){ "day", d };
	vars[2] = (struct care_var){ "month", months[month - 1] };
	vars[3] = (struct care_var){ "year", y };
	s = care_expand(tmpl, vars, 4);
	snprintf(buf, size, "%s", s);
	free(s);
}

/*
 * "Monday 14 December 2026" or "lunes 14 de diciembre de 2026": a date
 * as a patient reads it at a glance, in the care text's words and
 * order.
 */
void
handout_date_long(const struct care *c, int day, char *buf, size_t size)
{
	date_words(c->date_long, c->weekdays_long, c->months, day, buf, size);
}

/*
 * "Mon 14 Dec 2026" or "lun 14 dic 2026": a date in few columns, for
 * the text handout's visit table, which must fit a page's width in
 * every language.
 */
void
handout_date_short(const struct care *c, int day, char *buf, size_t size)
{
	date_words(c->date_short, c->weekdays, c->months_short, day, buf,
	    size);
}

/*
 * "14 March 1961": a date of birth, whose weekday nobody needs (and
 * which reads as a mistake beside a name).
 */
void
handout_date_birth(const struct care *c, int day, char *buf, size_t size)
{
	date_words(c->date_birth, c->weekdays_long, c->months, day, buf,
	    size);
}

/*
 * A visit's status as CSV and JSON write it, and as HTML classes its
 * row: words of the file formats, not the patient's.
 */
const char *
handout_status_id(const struct plan_visit *v)
{
	static const char *const ids[] = {
		[VISIT_DONE] = "done",
		[VISIT_MISSED] = "missed",
		[VISIT_BOOKED] = "booked",
		[VISIT_PLANNED] = "planned",
	};

	return ids[v->status];
}

/* A visit's status in the patient's words. */
const char *
handout_status(const struct care *c, const struct plan_visit *v)
{
	static const enum care_label labels[] = {
		[VISIT_DONE] = CARE_DONE,
		[VISIT_MISSED] = CARE_MISSED,
		[VISIT_BOOKED] = CARE_BOOKED,
		[VISIT_PLANNED] = CARE_PLANNED,
	};

	return c->labels[labels[v->status]];
}

/*
 * The visits of the course: those given, booked and planned.  A missed
 * visit is listed with them but is none of them.
 */
size_t
handout_visits(const struct plan *pl)
{
	size_t i, n;

	for (n = 0, i = 0; i < pl->nvisits; i++)
		if (pl->visits[i].status != VISIT_MISSED)
			n++;
	return n;
}

/* The visits still to come, booked or planned: those a patient pays for. */
size_t
handout_to_come(const struct plan *pl)
{
	size_t i, n;

	for (n = 0, i = 0; i < pl->nvisits; i++)
		if (pl->visits[i].status == VISIT_BOOKED ||
		    pl->visits[i].status == VISIT_PLANNED)
			n++;
	return n;
}

/* The first visit to come, or NULL when none is. */
const struct plan_visit *
handout_next(const struct plan *pl)
{
	size_t i;

	for (i = 0; i < pl->nvisits; i++)
		if (pl->visits[i].status == VISIT_BOOKED ||
		    pl->visits[i].status == VISIT_PLANNED)
			return &pl->visits[i];
	return NULL;
}

/*
 * "about 8 small injections in each area": the needle entries each site
 * takes, where the protocol gives them and the care text has the words;
 * NULL otherwise.  The caller frees it.
 */
char *
handout_points(const struct care *c, const struct plan *pl)
{
	struct care_var var;
	char n[16];
	int points = pl->protocol->points;

	if (points <= 0 || c->injection_points == NULL ||
	    c->injection_point == NULL)
		return NULL;
	snprintf(n, sizeof(n), "%d", points);
	var = (struct care_var){ "points", n };
	return care_expand(points == 1 ? c->injection_point :
	    c->injection_points, &var, 1);
}

/*
 * The course in a line: visits, how far apart, and the injections of a
 * visit, as needle entries in each area where the protocol gives them
 * (a count of sites alone would tell a patient of one injection where
 * there are eight).
 */
char *
handout_course(const struct care *c, const struct plan *pl)
{
	struct care_var vars[5];
	char nv[32], npv[16], nmin[16], nmax[16], npref[16], *points, *s;

	snprintf(nv, sizeof(nv), "%zu", handout_visits(pl));
	snprintf(npv, sizeof(npv), "%d", pl->per_visit);
	snprintf(nmin, sizeof(nmin), "%d", pl->protocol->ival_min);
	snprintf(nmax, sizeof(nmax), "%d", pl->protocol->ival_max);
	snprintf(npref, sizeof(npref), "%d", pl->patient->interval_days);
	vars[0] = (struct care_var){ "visits", nv };
	vars[1] = (struct care_var){ "per_visit", npv };
	vars[2] = (struct care_var){ "min", nmin };
	vars[3] = (struct care_var){ "max", nmax };
	vars[4] = (struct care_var){ "preferred", npref };
	if (c->course_points == NULL || (points = handout_points(c, pl)) ==
	    NULL)
		return care_expand(c->course, vars, 5);
	vars[1] = (struct care_var){ "injections", points };
	s = care_expand(c->course_points, vars, 5);
	free(points);
	return s;
}

/*
 * "Your course ended early on...": the day it ended and why; of a day
 * still to come, that it ends then.
 */
static char *
ended_text(const struct care *c, const struct plan *pl, int day,
    const char *reason)
{
	struct care_var vars[2];
	char date[64];

	handout_date_long(c, day, date, sizeof(date));
	vars[0] = (struct care_var){ "date", date };
	vars[1] = (struct care_var){ "reason", reason };
	return care_expand(c->warnings[day > pl->today ? CARE_W_ENDS :
	    CARE_W_ENDED], vars, 2);
}

/*
 * The words of a course that ended early, as its warning has them, for
 * a back end that says so without the warnings (a calendar); NULL for a
 * course that did not end early.
 */
char *
handout_ended(const struct care *c, const struct plan *pl)
{
	if (pl->patient->ended == 0)
		return NULL;
	return ended_text(c, pl, pl->patient->ended,
	    pl->patient->ended_reason);
}

/* A warning of the allergy kind, with the note on what an ingredient is made from. */
static char *
allergy_warning(const struct care *c, const struct plan_warning *w)
{
	struct care_var var = { "allergy", w->subject };
	const char *note;
	char *text, *with;

	text = care_expand(c->warnings[CARE_W_ALLERGY], &var, 1);
	if (w->ingredient == NULL || w->ingredient->note.texts.n == 0)
		return text;
	note = schema_langtext(&w->ingredient->note, c->language);
	with = xasprintf("%s %s", text, note);
	free(text);
	return with;
}

/*
 * Why the first visit is not earlier, in the patient's words and long
 * dates; NULL where the care text has no words for it.
 */
static char *
late_warning(const struct care *c, const struct plan_warning *w)
{
	static const int which[] = {
		[BLOCK_CLOSURES] = CARE_W_LATE_CLOSURE,
		[BLOCK_BOOK] = CARE_W_LATE_BOOK,
		[BLOCK_OPEN] = CARE_W_LATE_OPEN,
		[BLOCK_UNAVAILABLE] = CARE_W_LATE_AWAY,
		[BLOCK_WEEKDAYS] = CARE_W_LATE_WEEKDAYS,
	};
	struct care_var vars[3];
	char date[96], from[96], to[96];
	const char *t;

	t = c->warnings[w->cause == BLOCK_CLOSURES ||
	    w->cause == BLOCK_BOOK || w->cause == BLOCK_OPEN ||
	    w->cause == BLOCK_UNAVAILABLE ? which[w->cause] :
	    CARE_W_LATE_WEEKDAYS];
	if (t == NULL)
		return NULL;
	handout_date_long(c, w->date, date, sizeof(date));
	handout_date_long(c, w->span_from, from, sizeof(from));
	handout_date_long(c, w->span_to, to, sizeof(to));
	vars[0] = (struct care_var){ "date", date };
	vars[1] = (struct care_var){ "from", from };
	vars[2] = (struct care_var){ "to", to };
	return care_expand(t, vars, 3);
}

/*
 * A warning in the patient's words, or NULL for one that is the
 * clinician's alone (or, a medicine to keep taking, is printed with the
 * medicines: handout_keep()).  The caller frees it.
 */
char *
handout_warning(const struct care *c, const struct plan *pl,
    const struct plan_warning *w)
{
	const struct plan_visit *next;
	struct care_var vars[3];
	char date[64], days[16], max[16];

	handout_date_long(c, w->date, date, sizeof(date));
	snprintf(days, sizeof(days), "%d", w->days);
	snprintf(max, sizeof(max), "%d", pl->protocol->ival_max);
	switch (w->kind) {
	case PLAN_W_LAPSE:
		vars[0] = (struct care_var){ "last", date };
		vars[1] = (struct care_var){ "days", days };
		vars[2] = (struct care_var){ "max", max };
		return care_expand(c->warnings[pl->restarted ? CARE_W_LAPSE :
		    CARE_W_LAPSE_CONTINUE], vars, 3);
	case PLAN_W_ENDED:
		return ended_text(c, pl, w->date, w->subject);
	case PLAN_W_ALLERGY:
		return allergy_warning(c, w);
	case PLAN_W_KEEP:
		if (!w->dc->blood_thinner)
			return NULL;	/* only the line among the medicines */
		/* FALLTHROUGH */
	case PLAN_W_ANTICOAG:
		vars[0] = (struct care_var){ "medication", w->subject };
		return care_expand(c->warnings[CARE_W_ANTICOAG], vars, 1);
	case PLAN_W_LEAD:
		/* The patient is told the day, not the earliest one. */
		if ((next = handout_next(pl)) != NULL)
			handout_date_long(c, next->date, date,
			    sizeof(date));
		vars[0] = (struct care_var){ "date", date };
		vars[1] = (struct care_var){ "drug", w->subject };
		vars[2] = (struct care_var){ "days", days };
		return care_expand(c->warnings[CARE_W_LEAD], vars, 3);
	case PLAN_W_LATE:
		return late_warning(c, w);
	case PLAN_W_NOTE:
	case PLAN_W_RULE:
		return xstrdup(rule_text(w->rule, c->language));
	case PLAN_W_OVERRIDE:
		vars[0] = (struct care_var){ "rule",
		    rule_text(w->rule, c->language) };
		vars[1] = (struct care_var){ "reason", w->override->reason };
		vars[2] = (struct care_var){ "approved_by",
		    w->override->approved_by };
		return care_expand(c->warnings[CARE_W_OVERRIDE], vars, 3);
	default:
		return NULL;
	}
}

/*
 * Whether the handout has warnings to show: those it prints, or a
 * course done.
 */
int
handout_has_warnings(const struct care *c, const struct plan *pl)
{
	size_t i;
	char *text;

	if (handout_is_done(pl))
		return 1;
	for (i = 0; i < pl->nwarnings; i++)
		if ((text = handout_warning(c, pl, &pl->warnings[i])) != NULL) {
			free(text);
			return 1;
		}
	return 0;
}

/* "Keep taking warfarin...": a medicine never paused, for the holds section. */
char *
handout_keep(const struct care *c, const struct plan_warning *w)
{
	struct care_var var = { "drug", w->subject };

	return care_expand(c->hold_keep, &var, 1);
}

/* Whether a paragraph is for this patient: see struct care_para. */
static int
para_for(const struct plan *pl, const struct care_para *p)
{
	size_t i;

	for (i = 0; i < p->if_classes.n; i++)
		if (!plan_takes(pl, p->if_classes.v[i]))
			return 0;
	for (i = 0; i < p->unless_classes.n; i++)
		if (plan_takes(pl, p->unless_classes.v[i]))
			return 0;
	return 1;
}

/*
 * The paragraphs of a section the patient reads, into out: a protocol's
 * own text in place of the care text's (all of it: a study's "covered"
 * must not sit beside a price), and of the care text's those for the
 * medicines the patient takes, after the cost line in the cost section.
 * Returns 0 when the section is left out: an empty section is, but
 * "holds", whose dated lines are generated (*is_holds tells the caller
 * to print them).
 */
int
handout_paragraphs(const struct care *c, const struct plan *pl,
    const struct care_section *sec, struct strv *out, int *is_holds)
{
	const struct care_para *p;
	char *cost;
	size_t i;

	*is_holds = strcmp(sec->id, "holds") == 0;
	for (i = 0; i < pl->protocol->ncare; i++)
		if (strcmp(pl->protocol->care[i].section, sec->id) == 0) {
			strv_copy(out, protocol_care(pl->protocol, i,
			    handout_lang(pl)));
			return out->n > 0 || *is_holds;
		}
	if (strcmp(sec->id, "cost") == 0 &&
	    (cost = handout_cost(c, pl)) != NULL) {
		strv_push(out, cost);
		free(cost);
	}
	for (i = 0; i < sec->nparas; i++) {
		p = &sec->paras[i];
		if (para_for(pl, p))
			strv_push(out, p->text);
	}
	return out->n > 0 || *is_holds;
}

/*
 * The language the handout of a plan is in, for the protocol's texts;
 * NULL (English, or as given) without its care text.
 */
const char *
handout_lang(const struct plan *pl)
{
	return pl->care != NULL ? pl->care->language : NULL;
}

/*
 * The sites to inject, "; " between them: the patient's as typed, else
 * the protocol's in the handout's language.
 */
char *
handout_sites(const struct plan *pl)
{
	if (!pl->patient->sites_default)
		return strv_join(&pl->patient->sites, "; ");
	return strv_join(protocol_sites(pl->protocol, handout_lang(pl)), "; ");
}

/* "Name, address" of the clinic, as much as is known; NULL if nothing. */
char *
handout_clinic(const struct plan *pl)
{
	const struct clinic *c = pl->clinic;

	if (c == NULL || (c->name == NULL && c->address == NULL))
		return NULL;
	if (c->name && c->address)
		return xasprintf("%s, %s", c->name, c->address);
	return xstrdup(c->name ? c->name : c->address);
}

/* Whether any visit has an appointment time, so a table shows times. */
int
handout_has_times(const struct plan *pl)
{
	size_t i;

	for (i = 0; i < pl->nvisits; i++)
		if (pl->visits[i].time != TIME_NONE)
			return 1;
	return 0;
}

/*
 * A decimal number given in thousandths, as the language writes it:
 * "5.5" or "5,5".
 */
char *
handout_number(const struct care *c, char *buf, size_t size, long milli)
{
	char num[32], *dot;

	schema_milli_str(num, sizeof(num), milli);
	if ((dot = strchr(num, '.')) != NULL)
		snprintf(buf, size, "%.*s%s%s", (int)(dot - num), num,
		    c->decimal, dot + 1);
	else
		snprintf(buf, size, "%s", num);
	return buf;
}

/* "USD 150.00" or "150,00 USD": an amount in cents with its currency. */
void
handout_money(const struct care *c, long cents, const char *currency,
    char *buf, size_t size)
{
	struct care_var vars[2];
	char amount[64], *s;

	snprintf(amount, sizeof(amount), "%ld%s%02ld", cents / 100,
	    c->decimal, cents % 100);
	vars[0] = (struct care_var){ "amount", amount };
	vars[1] = (struct care_var){ "currency", currency };
	s = care_expand(c->money, vars, 2);
	snprintf(buf, size, "%s", s);
	free(s);
}

/*
 * The cost of the visits still to come, booked or planned, where the
 * clinic sets a price, else a line asking the clinic: one or the
 * other, never both, so the section cannot contradict itself.  NULL
 * when no visit is to come.
 */
char *
handout_cost(const struct care *c, const struct plan *pl)
{
	struct care_var vars[3];
	char n[32], price[64], total[64];
	size_t planned;

	if ((planned = handout_to_come(pl)) == 0)
		return NULL;
	if (pl->clinic == NULL || pl->clinic->price < 0)
		return xstrdup(c->cost_ask);
	snprintf(n, sizeof(n), "%zu", planned);
	handout_money(c, pl->clinic->price, pl->clinic->currency, price,
	    sizeof(price));
	handout_money(c, pl->clinic->price * (long)planned,
	    pl->clinic->currency, total, sizeof(total));
	vars[0] = (struct care_var){ "visits", n };
	vars[1] = (struct care_var){ "price", price };
	vars[2] = (struct care_var){ "total", total };
	return care_expand(c->cost, vars, 3);
}

/*
 * The injections of a visit as the handout's table counts them: the
 * needle entries where the protocol gives them, as the course line
 * says "about N in each area", else the protocol's own count, so that
 * no line contradicts another.
 */
int
handout_injections(const struct plan *pl)
{
	if (pl->protocol->points > 0)
		return pl->protocol->points * (int)pl->patient->sites.n;
	return pl->per_visit;
}

/*
 * The review checkpoint, when the protocol sets one and it is still to
 * come (it asks the patient to speak up before it); NULL otherwise.
 */
char *
handout_review(const struct care *c, const struct plan *pl)
{
	struct care_var vars[2];
	char n[16], date[64];
	size_t i;

	for (i = 0; i < pl->nvisits; i++)
		if (pl->review > 0 && pl->visits[i].number == pl->review)
			break;
	if (i == pl->nvisits || !plan_to_come(&pl->visits[i]))
		return NULL;
	snprintf(n, sizeof(n), "%d", pl->review);
	handout_date_long(c, pl->visits[i].date, date, sizeof(date));
	vars[0] = (struct care_var){ "visit", n };
	vars[1] = (struct care_var){ "date", date };
	return care_expand(c->review, vars, 2);
}

/*
 * Every visit of the course is history: nothing left to plan, and the
 * course ran its length.  One that ended early says so in a warning of
 * its own (PLAN_W_ENDED), not in this one.
 */
int
handout_is_done(const struct plan *pl)
{
	return handout_to_come(pl) == 0 && pl->patient->ended == 0;
}

/* Whether any visit given has a score: the handout then shows them. */
int
handout_has_scores(const struct plan *pl)
{
	size_t i;

	for (i = 0; i < pl->nvisits; i++)
		if (plan_pain(&pl->visits[i]) >= 0 ||
		    plan_function(&pl->visits[i]) != NULL)
			return 1;
	return 0;
}

/* Whether two function scores are on the same scale: name and ends. */
int
handout_same_scale(const struct function_score *a,
    const struct function_score *b)
{
	return strcmp(a->name, b->name) == 0 && a->worst == b->worst &&
	    a->best == b->best;
}

/*
 * The nth function scale of the visits given, in the order each is
 * first used, or NULL when there are fewer: a clinician may change
 * scales during a course, and each is shown on its own.
 */
const struct function_score *
handout_scale(const struct plan *pl, size_t nth)
{
	const struct function_score *fs;
	size_t i, j, n;

	for (i = 0, n = 0; i < pl->nvisits; i++) {
		if ((fs = plan_function(&pl->visits[i])) == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (plan_function(&pl->visits[j]) != NULL &&
			    handout_same_scale(plan_function(&pl->visits[j]),
			    fs))
				break;
		if (j == i && n++ == nth)
			return fs;
	}
	return NULL;
}

/*
 * "7 (visit 1) → 5 (visit 2)": the scores of the visits given, pain
 * (scale NULL) or those on one function scale, or NULL for none.
 */
static char *
score_items(const struct care *c, const struct plan *pl,
    const struct function_score *scale)
{
	const struct function_score *fs;
	struct care_var vars[2];
	char score[32], visit[16], *item, *all = NULL, *more;
	size_t i;
	long v;

	for (i = 0; i < pl->nvisits; i++) {
		fs = plan_function(&pl->visits[i]);
		if (scale == NULL)
			v = plan_pain(&pl->visits[i]);
		else
			v = fs != NULL && handout_same_scale(fs, scale) ?
			    fs->value : -1;
		if (v < 0)
			continue;
		handout_number(c, score, sizeof(score), v);
		snprintf(visit, sizeof(visit), "%d", pl->visits[i].number);
		vars[0] = (struct care_var){ "score", score };
		vars[1] = (struct care_var){ "visit", visit };
		item = care_expand(c->scores[CARE_S_ITEM], vars, 2);
		if (all == NULL)
			all = item;
		else {
			/* An arrow, U+2192, in UTF-8: a symbol, no word. */
			more = xasprintf("%s \xe2\x86\x92 %s", all, item);
			free(all);
			free(item);
			all = more;
		}
	}
	return all;
}

/*
 * "Your pain, from 0 (no pain) to 10 (worst pain): 7 (visit 1) → 5
 * (visit 2)", or NULL when no visit has a pain score.
 */
char *
handout_pain(const struct care *c, const struct plan *pl)
{
	struct care_var var;
	char *items, *text;

	if ((items = score_items(c, pl, NULL)) == NULL)
		return NULL;
	var = (struct care_var){ "scores", items };
	text = care_expand(c->scores[CARE_S_PAIN], &var, 1);
	free(items);
	return text;
}

/* The line of a function scale (handout_scale()), or of its key (key). */
char *
handout_function(const struct care *c, const struct plan *pl,
    const struct function_score *scale, int key)
{
	struct care_var vars[4];
	char worst[32], best[32], *items, *text;

	vars[0] = (struct care_var){ "name", scale->name };
	vars[1] = (struct care_var){ "worst",
	    handout_number(c, worst, sizeof(worst), scale->worst) };
	vars[2] = (struct care_var){ "best",
	    handout_number(c, best, sizeof(best), scale->best) };
	if (key)
		return care_expand(c->scores[CARE_S_FUNCTION_KEY], vars, 3);
	items = score_items(c, pl, scale);
	vars[3] = (struct care_var){ "scores", items };
	text = care_expand(c->scores[CARE_S_FUNCTION], vars, 4);
	free(items);
	return text;
}

static int
cmp_hold_from(const void *a, const void *b)
{
	const struct plan_hold *x = *(const struct plan_hold *const *)a;
	const struct plan_hold *y = *(const struct plan_hold *const *)b;

	if (x->from != y->from)
		return (x->from > y->from) - (x->from < y->from);
	return (x > y) - (x < y);
}

/* The plan's order: by medicine as the patient lists them, then by date. */
static int
cmp_hold_order(const void *a, const void *b)
{
	const struct plan_hold *x = *(const struct plan_hold *const *)a;
	const struct plan_hold *y = *(const struct plan_hold *const *)b;

	return (x > y) - (x < y);
}

/* The visits to come within a pause, which it is for. */
static void
pause_visits(const struct plan *pl, struct handout_pause *p)
{
	size_t i;

	p->visits = xreallocarray(NULL, pl->nvisits + 1, sizeof(*p->visits));
	for (i = 0; i < pl->nvisits; i++)
		if (plan_to_come(&pl->visits[i]) &&
		    pl->visits[i].date >= p->from && pl->visits[i].date <= p->to)
			p->visits[p->nvisits++] = &pl->visits[i];
}

/*
 * The plan's holds of every medicine, grouped by the visits they are
 * for: holds whose days overlap make one group, so visits close
 * together share one line, and each group names every medicine to
 * pause for them, in the order the patient lists them.  Returns the
 * number of groups, in date order, in *out (NULL for none), which the
 * caller frees with handout_pauses_free().
 */
size_t
handout_pauses(const struct plan *pl, struct handout_pause **out)
{
	const struct plan_hold **by_from;
	struct handout_pause *g = NULL, *p = NULL;
	size_t i, n = 0;

	*out = NULL;
	if (pl->nholds == 0)
		return 0;
	by_from = xreallocarray(NULL, pl->nholds, sizeof(*by_from));
	for (i = 0; i < pl->nholds; i++)
		by_from[i] = &pl->holds[i];
	qsort(by_from, pl->nholds, sizeof(*by_from), cmp_hold_from);
	for (i = 0; i < pl->nholds; i++) {
		if (p == NULL || by_from[i]->from > p->to) {
			g = xreallocarray(g, n + 1, sizeof(*g));
			p = &g[n++];
			memset(p, 0, sizeof(*p));
			p->from = by_from[i]->from;
			p->to = by_from[i]->to;
			p->today = pl->today;
			p->holds = xreallocarray(NULL, pl->nholds,
			    sizeof(*p->holds));
		}
		if (by_from[i]->to > p->to)
			p->to = by_from[i]->to;
		p->holds[p->nholds++] = by_from[i];
	}
	for (i = 0; i < n; i++) {
		qsort(g[i].holds, g[i].nholds, sizeof(*g[i].holds),
		    cmp_hold_order);
		pause_visits(pl, &g[i]);
	}
	free(by_from);
	*out = g;
	return n;
}

void
handout_pauses_free(struct handout_pause *g, size_t n)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(g[i].holds);
		free(g[i].visits);
	}
	free(g);
}

/* "a, b and c": items joined as the language lists them. */
static char *
join_and(const struct care *c, char **items, size_t n)
{
	char *s, *more;
	size_t i;

	s = xstrdup(n > 0 ? items[0] : "");
	for (i = 1; i < n; i++) {
		if (i + 1 < n)
			more = xasprintf("%s, %s", s, items[i]);
		else
			more = xasprintf("%s %s %s", s, c->hold_and, items[i]);
		free(s);
		s = more;
	}
	return s;
}

/*
 * "For visit 3 on Monday 14 December 2026:", or of several visits
 * their numbers and dates; NULL for a pause with no visit to come in
 * it, which the plan never makes.
 */
static char *
pause_lead(const struct care *c, const struct handout_pause *p)
{
	struct care_var vars[2];
	char **nums, **dates, *s, *all_nums, *all_dates;
	size_t i;

	if (p->nvisits == 0)
		return NULL;
	nums = xreallocarray(NULL, p->nvisits, sizeof(*nums));
	dates = xreallocarray(NULL, p->nvisits, sizeof(*dates));
	for (i = 0; i < p->nvisits; i++) {
		nums[i] = xasprintf("%d", p->visits[i]->number);
		dates[i] = xmalloc(64);
		handout_date_long(c, p->visits[i]->date, dates[i], 64);
	}
	all_nums = join_and(c, nums, p->nvisits);
	all_dates = join_and(c, dates, p->nvisits);
	if (p->nvisits == 1) {
		vars[0] = (struct care_var){ "visit", all_nums };
		vars[1] = (struct care_var){ "date", all_dates };
		s = care_expand(c->hold_visit, vars, 2);
	} else {
		vars[0] = (struct care_var){ "visits", all_nums };
		vars[1] = (struct care_var){ "dates", all_dates };
		s = care_expand(c->hold_visits, vars, 2);
	}
	for (i = 0; i < p->nvisits; i++) {
		free(nums[i]);
		free(dates[i]);
	}
	free(nums);
	free(dates);
	free(all_nums);
	free(all_dates);
	return s;
}

/*
 * One medicine's pause: the last day to take it and the day to start
 * again, the days either side of those it is not taken, so no "to"
 * can be misread.  A pause that begins today (one shortened so as not
 * to begin in the past) says to stop today, not that the last dose was
 * yesterday; the plan makes none that begins before.  A prescribed medicine's words ask the prescriber first,
 * in its own sentence.
 */
char *
handout_hold(const struct care *c, const struct plan_hold *h, int today)
{
	struct care_var vars[3];
	char last[64], restart[64];
	const char *tmpl;

	if (h->from == today) {
		handout_date_long(c, today, last, sizeof(last));
		vars[1] = (struct care_var){ "today", last };
		tmpl = h->prescribed ? c->hold_prescribed_today :
		    c->hold_today;
	} else {
		handout_date_long(c, h->from - 1, last, sizeof(last));
		vars[1] = (struct care_var){ "last", last };
		tmpl = h->prescribed ? c->hold_prescribed : c->hold;
	}
	handout_date_long(c, h->to + 1, restart, sizeof(restart));
	vars[0] = (struct care_var){ "drug", h->drug };
	vars[2] = (struct care_var){ "restart", restart };
	return care_expand(tmpl, vars, 3);
}

/*
 * The handout's line of a pause: its visits, then each medicine's
 * words.  Joined once, as a patient may list a thousand medicines.
 */
char *
handout_pause(const struct care *c, const struct handout_pause *p)
{
	struct strv parts = { 0 };
	char *lead, *s;
	size_t i;

	if ((lead = pause_lead(c, p)) != NULL)
		strv_take(&parts, lead);
	for (i = 0; i < p->nholds; i++)
		strv_take(&parts, handout_hold(c, p->holds[i], p->today));
	s = strv_join(&parts, " ");
	strv_release(&parts);
	return s;
}

/*
 * A calendar's one line for a pause, which a phone shows alone: every
 * medicine once (its holds are next to each other), a prescribed one
 * with its caveat to ask first.
 */
char *
handout_pause_summary(const struct care *c, const struct handout_pause *p)
{
	struct strv items = { 0 };
	struct care_var var;
	char *drugs, *s;
	size_t i;

	for (i = 0; i < p->nholds; i++) {
		if (i > 0 && strcmp(p->holds[i - 1]->drug,
		    p->holds[i]->drug) == 0)
			continue;
		var = (struct care_var){ "drug", p->holds[i]->drug };
		strv_take(&items, p->holds[i]->prescribed ?
		    care_expand(c->cal_hold_prescribed, &var, 1) :
		    xstrdup(p->holds[i]->drug));
	}
	drugs = strv_join(&items, "; ");
	var = (struct care_var){ "drugs", drugs };
	s = care_expand(c->cal_pause, &var, 1);
	free(drugs);
	strv_release(&items);
	return s;
}
