#include <stdio.h>
#include <string.h>

#include "care.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "dosing.h"
#include "drugs.h"
#include "explain.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "rules.h"
#include "schema.h"
#include "terms.h"

#define PLURAL(n)	((n) == 1 ? "" : "s")

/* The language of the plan's care text, for rule texts. */
static const char *
lang_of(const struct plan *pl)
{
	return pl->care != NULL ? pl->care->language : NULL;
}

/*
 * The booked visit in the way, at its place in the file: after the
 * day history says the course must end by; further from the first
 * booked visit, which the course cannot begin after, than the course
 * may last (or, the first, as far from the last); or with no way to fit
 * the visits around it.
 */
static void
explain_booked(struct diag *d, const struct plan *pl,
    const struct sched_out *out)
{
	const struct patient *p = pl->patient;
	const struct protocol *pr = pl->protocol;
	const struct booked_visit *b = &p->booked[pl->blocked_booked];
	char a[DATE_LEN + 1], e[DATE_LEN + 1], f[DATE_LEN + 1];
	int first, last;

	date_format(b->date, a);
	first = p->booked[0].date;
	last = p->booked[p->nbooked - 1].date;
	if (out->course_end != 0 && b->date > out->course_end) {
		date_format(out->course_end, e);
		date_format(p->history[0], f);
		diag_set(d, p->file, b->at.line, b->at.col,
		    D_NOPLAN_BOOKED_LATE, a, e, f, pr->max_course_days);
	} else if (out->course_end == 0 &&
	    (b->date - first > pr->max_course_days ||
	    (b->date == first && last - first > pr->max_course_days))) {
		date_format(b->date == first ? last : b->date, e);
		date_format(first, f);
		diag_set(d, p->file, b->at.line, b->at.col,
		    D_NOPLAN_BOOKED_SPAN, e, pr->max_course_days, f);
	} else
		diag_set(d, p->file, b->at.line, b->at.col, D_NOPLAN_BOOKED,
		    a, pr->ival_min, pr->ival_max);
}

/*
 * The numbers of an ingredient's dose at one visit, as the dose
 * messages give them: the mg, the mg/kg where the weight is known, the
 * label's limit that binds for this patient, and the most mL a site
 * within every limit.
 */
struct dose_words {
	const char	*name;
	char		 mg[32];
	char		 per_kg[96];
	char		 limit[96];
	char		 most[32];
};

static void
dose_words(const struct plan *pl, const struct dosing_solute *ds,
    struct dose_words *w)
{
	const struct max_dose *m = &ds->ingredient->max_dose;
	char a[32], b[32];

	w->name = schema_langtext(&ds->ingredient->name, "en");
	dosing_mg(w->mg, sizeof(w->mg), ds->ng);
	w->per_kg[0] = '\0';
	if (pl->dose.weight >= 0)
		snprintf(w->per_kg, sizeof(w->per_kg), " (%s mg/kg for %s kg)",
		    dosing_mg_per_kg(a, sizeof(a), ds->ng, pl->dose.weight),
		    schema_milli_str(b, sizeof(b), pl->dose.weight));
	if (ds->by_weight)
		snprintf(w->limit, sizeof(w->limit), "%s mg/kg (%s mg)",
		    schema_milli_str(a, sizeof(a), m->mg_per_kg),
		    dosing_mg(b, sizeof(b), ds->limit));
	else
		snprintf(w->limit, sizeof(w->limit), "%s mg",
		    schema_milli_str(a, sizeof(a), m->mg));
	schema_milli_str(w->most, sizeof(w->most), pl->dose.max_volume);
}

/* An ingredient over its label's limit, with no override: the plan stops. */
static void
explain_dose(struct diag *d, const struct plan *pl)
{
	const struct dosing_solute *ds = pl->dose_stopped;
	const struct max_dose *m = &ds->ingredient->max_dose;
	struct dose_words w;

	dose_words(pl, ds, &w);
	diag_set(d, pl->patient->file, 0, 0, D_NOPLAN_DOSE, w.name, w.mg,
	    w.per_kg, w.limit, m->rule, m->source, w.most, m->rule);
}

/*
 * Weekdays as a clinician writes them: "mon to fri" for a run of three
 * or more, "mon, wed" otherwise; "no day" for none.
 */
static const char *
weekday_words(char *buf, size_t size, unsigned mask)
{
	static const char *const names[7] = {
		"mon", "tue", "wed", "thu", "fri", "sat", "sun"
	};
	size_t len = 0;
	int w, end;

	buf[0] = '\0';
	for (w = 0; w < 7; w = end + 1) {
		if (!(mask & (1u << w))) {
			end = w;
			continue;
		}
		for (end = w; end < 6 && (mask & (1u << (end + 1))); end++)
			continue;
		if (end - w < 2)
			end = w;
		len += snprintf(buf + len, size - len, "%s%s%s%s",
		    len ? ", " : "", names[w], end > w ? " to " : "",
		    end > w ? names[end] : "");
		if (len >= size)
			break;
	}
	return mask ? buf : "no day";
}

/*
 * What leaves no day for a visit (plan.c's blame_days()), and the key
 * to change: the clinic's restriction named as the clinic's.
 */
static void
block_words(char *buf, size_t size, const struct plan *pl)
{
	const struct patient *p = pl->patient;
	const struct clinic *c = pl->clinic;
	char pw[64], cw[64], ow[64];

	weekday_words(pw, sizeof(pw), p->weekdays);
	weekday_words(cw, sizeof(cw), c ? c->open_days : 0x7f);
	weekday_words(ow, sizeof(ow), pl->open_weekdays);
	switch (pl->blocked_days) {
	case BLOCK_NO_COMMON_DAY:
		snprintf(buf, size, "the clinic is open %s (open), and the "
		    "patient can come only on %s (weekdays); widen the "
		    "patient's 'weekdays'", cw, pw);
		break;
	case BLOCK_NO_TIME:
		snprintf(buf, size, "on %s, the patient's weekdays the clinic "
		    "is open, no appointment time fits the 'time' or 'times' "
		    "the patient asks for within the clinic's hours; ask for "
		    "another time, or change the clinic's 'slots' or 'hours'",
		    ow);
		break;
	case BLOCK_OPEN:
		snprintf(buf, size, "the clinic is open only %s (open), and the "
		    "patient can come only on %s (weekdays); widen the "
		    "patient's 'weekdays'", cw, pw);
		break;
	case BLOCK_CLOSURES:
		snprintf(buf, size, "the clinic's closures take the days the "
		    "patient can come (closures)");
		break;
	case BLOCK_TIMES:
		snprintf(buf, size, "the 'time' or 'times' the patient asks for "
		    "fit the clinic's hours on too few days; ask for another "
		    "time");
		break;
	case BLOCK_WEEKDAYS:
		snprintf(buf, size, "the patient can come only on %s "
		    "(weekdays); widen 'weekdays'", pw);
		break;
	case BLOCK_UNAVAILABLE:
		snprintf(buf, size, "the patient cannot come on the days left "
		    "(unavailable); shorten 'unavailable'");
		break;
	default:
		snprintf(buf, size, "the patient's weekdays (%s)%s%s%s%s%s "
		    "leave none together", pw, p->nunavailable ?
		    " and unavailable dates" : "", c ? ", the clinic's open "
		    "days (" : "", c ? cw : "", c ? ")" : "",
		    c && c->nclosures ? " and closures" : "");
		break;
	}
}

/*
 * Puts into words which rule left no plan, for the clinician.  The
 * arguments must match the formats in diag.c, which the compiler cannot
 * check: tests/test_explain.c prints every case.
 */
void
explain_noplan(struct diag *d, const struct plan *pl, enum sched_status st,
    const struct sched_out *out)
{
	const struct patient *p = pl->patient;
	const struct protocol *pr = pl->protocol;
	char a[DATE_LEN + 1], b[DATE_LEN + 1], c[DATE_LEN + 1], why[512];
	const struct closure *cl;
	int r;

	r = p->visits - (int)p->nhistory;
	date_format(out->first_from, a);
	date_format(out->first_to, b);
	if (st == SCHED_STOPPED && pl->stopped == NULL) {
		explain_dose(d, pl);
		return;
	}
	if (st == SCHED_STOPPED) {
		diag_set(d, p->file, 0, 0, D_NOPLAN_RULE, pl->stopped->id,
		    pl->stopped_by, rule_text(pl->stopped, lang_of(pl)),
		    pl->stopped->id);
		return;
	}
	/* A visit already booked is the most precise cause there is. */
	if (pl->blocked_booked >= 0) {
		explain_booked(d, pl, out);
		return;
	}
	if (pl->blocked_by >= 0) {
		cl = &pl->clinic->closures[pl->blocked_by];
		date_format(cl->range.from, a);
		date_format(cl->range.to, b);
		diag_set(d, p->file, 0, 0, D_NOPLAN_CLOSURE, pl->blocked_visit,
		    cl->name ? " for " : "", cl->name ? cl->name : "", a, b,
		    pr->ival_min, pr->ival_max);
		return;
	}
	if (pl->full_days > 0) {
		date_format(pl->full_from, a);
		date_format(pl->full_to, b);
		diag_set(d, p->file, 0, 0, D_NOPLAN_BOOK_FULL, pl->full_days,
		    pl->full_days == 1 ? "" : "s", a, b,
		    pl->clinic ? pl->clinic->capacity : 1);
		return;
	}
	block_words(why, sizeof(why), pl);
	switch (st) {
	case SCHED_NO_WINDOW:
		date_format(p->history[p->nhistory - 1], c);
		diag_set(d, p->file, 0, 0, D_NOPLAN_WINDOW, pr->ival_min,
		    pr->ival_max, c, a, b, why);
		break;
	case SCHED_NO_DAY:
		diag_set(d, p->file, 0, 0, D_NOPLAN_NO_DAY,
		    SCHED_SEARCH_DAYS + 1, a, why);
		break;
	case SCHED_NO_CHAIN:
		diag_set(d, p->file, 0, 0, D_NOPLAN_CHAIN, r, PLURAL(r),
		    pr->ival_min, pr->ival_max, a, b, why);
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

/*
 * A message whose subject is quoted, with the name and the id of the
 * class of a medicine where it has one (a format may use neither).
 */
static void
about(struct diag *d, const struct plan *pl, enum diag_code code,
    const struct plan_warning *w)
{
	char q[128];

	diag_quote(q, sizeof(q), w->subject, strlen(w->subject));
	diag_set(d, pl->patient->file, 0, 0, code, q,
	    w->dc != NULL ? w->dc->name : "", w->dc != NULL ? w->dc->id : "");
}

/*
 * A lapse before the next visit (w->days after the last one given, on
 * w->date), which restarts the course or lets it go on.
 */
static void
about_lapse(struct diag *d, const struct plan *pl,
    const struct plan_warning *w)
{
	char next[DATE_LEN + 1], last[DATE_LEN + 1];

	date_format(w->date + w->days, next);
	date_format(w->date, last);
	diag_set(d, pl->patient->file, 0, 0, pl->restarted ? D_WARN_LAPSE :
	    D_WARN_LAPSE_CONTINUE, next, w->days, last,
	    pl->protocol->ival_max);
}

/* Fixed visits, given or booked, that the plan keeps as they are. */
static void
about_fixed(struct diag *d, const struct plan *pl,
    const struct plan_warning *w)
{
	const struct protocol *pr = pl->protocol;
	char a[DATE_LEN + 1];

	static const enum diag_code why[] = {
		[BOOKED_CLOSURE] = D_WARN_BOOKED_OFF,
		[BOOKED_UNAVAILABLE] = D_WARN_BOOKED_AWAY,
		[BOOKED_WEEKDAY] = D_WARN_BOOKED_WEEKDAY,
		[BOOKED_CLINIC_DAY] = D_WARN_BOOKED_SHUT
	};
	char name[128];

	if (w->kind == PLAN_W_BOOKED_OFF) {
		date_format(w->date, a);
		name[0] = '\0';
		if (w->subject != NULL)
			snprintf(name, sizeof(name), " (%s)", w->subject);
		diag_set(d, pl->patient->file, 0, 0, why[w->days], w->visit,
		    a, name);
	} else
		diag_set(d, pl->patient->file, 0, 0, D_WARN_FIXED_GAP,
		    w->visit - 1, w->visit, w->days, pr->ival_min,
		    pr->ival_max);
}

/* Warnings about the dates of the course. */
static void
about_dates(struct diag *d, const struct plan *pl,
    const struct plan_warning *w)
{
	const struct patient *p = pl->patient;
	char a[DATE_LEN + 1], b[DATE_LEN + 1], q[128];

	switch (w->kind) {
	case PLAN_W_LAPSE:
		about_lapse(d, pl, w);
		break;
	case PLAN_W_ENDED:
		date_format(w->date, a);
		diag_set(d, p->file, 0, 0, w->date > pl->today ? D_WARN_ENDS :
		    D_WARN_ENDED, a, w->subject);
		break;
	case PLAN_W_BOOKED_OFF:
	case PLAN_W_FIXED_GAP:
		about_fixed(d, pl, w);
		break;
	case PLAN_W_LEAD:
		date_format(w->date, a);
		diag_quote(q, sizeof(q), w->subject, strlen(w->subject));
		diag_set(d, p->file, 0, 0, D_WARN_LEAD, a, q, w->days);
		break;
	case PLAN_W_SHORT_PAUSE:
		date_format(w->date, a);
		diag_quote(q, sizeof(q), w->subject, strlen(w->subject));
		diag_set(d, p->file, 0, 0, D_WARN_SHORT_PAUSE, q, a, w->days);
		break;
	default:
		date_format(w->date, a);
		date_format(pl->today, b);
		diag_set(d, p->file, 0, 0, D_WARN_START, a, b);
		break;
	}
}

/*
 * Pain at two visits given, compared: at the review visit against the
 * baseline, or twice low in a row.  Each score with its visit's number
 * and date, for the clinician to find them in the file.
 */
static void
about_pain(struct diag *d, const struct plan *pl,
    const struct plan_warning *w)
{
	char fp[32], tp[32], fd[DATE_LEN + 1], td[DATE_LEN + 1];

	schema_milli_str(fp, sizeof(fp), w->from->past->pain);
	schema_milli_str(tp, sizeof(tp), w->to->past->pain);
	date_format(w->from->date, fd);
	date_format(w->to->date, td);
	if (w->kind == PLAN_W_NO_GAIN)
		diag_set(d, pl->patient->file, 0, 0, D_WARN_NO_GAIN, tp,
		    w->to->number, td, fp, w->from->number, fd);
	else
		diag_set(d, pl->patient->file, 0, 0, D_WARN_GOAL, fp,
		    w->from->number, fd, tp, w->to->number, td);
}

/*
 * Without a weight: the protocol's most at the patient's sites could be
 * over the ingredient's mg/kg limit for a small adult.
 */
static void
about_weight(struct diag *d, const struct plan *pl,
    const struct plan_warning *w)
{
	const struct protocol *pr = pl->protocol;
	const struct max_dose *m = &w->ingredient->max_dose;
	const struct dosing_solute *ds = pl->dose.weigh;
	char vol[32], mg[32], per_kg[32], adult[32], most[32];
	int sites = pl->dose.sites;

	schema_milli_str(vol, sizeof(vol), pr->volume_max);
	dosing_mg(mg, sizeof(mg), dosing_ng(pr->volume_max * sites,
	    ds->solute->percent));
	schema_milli_str(per_kg, sizeof(per_kg), m->mg_per_kg);
	schema_milli_str(adult, sizeof(adult), DOSING_ADULT_G);
	schema_milli_str(most, sizeof(most), m->mg);
	diag_set(d, pl->patient->file, 0, 0, D_WARN_WEIGH, vol, sites,
	    PLURAL(sites), schema_langtext(&w->ingredient->name, "en"), mg,
	    per_kg, adult, m->rule, most);
}

/* The label's limits on one visit's dose, for the clinician. */
static void
about_dose(struct diag *d, const struct plan *pl,
    const struct plan_warning *w)
{
	const struct max_dose *m = &w->ingredient->max_dose;
	const struct dosing_solute *ds;
	struct dose_words dw;

	if (w->kind == PLAN_W_WEIGH) {
		about_weight(d, pl, w);
		return;
	}
	if (w->kind == PLAN_W_UNCHECKED) {
		diag_set(d, pl->patient->file, 0, 0, D_WARN_DOSE_UNCHECKED,
		    pl->protocol->id,
		    schema_langtext(&w->ingredient->name, "en"), m->rule);
		return;
	}
	ds = dosing_of(&pl->dose, w->ingredient);
	dose_words(pl, ds, &dw);
	if (w->kind == PLAN_W_DOSE_NEAR)
		diag_set(d, pl->patient->file, 0, 0, D_WARN_DOSE_NEAR, dw.name,
		    dw.mg, dw.per_kg, ds->percent, dw.limit, m->rule,
		    m->source, dw.most);
	else
		diag_set(d, pl->patient->file, 0, 0, D_WARN_DOSE_OVER, m->rule,
		    dw.name, dw.mg, dw.per_kg, dw.limit, m->source,
		    w->override->reason, w->override->approved_by, dw.most);
}

/*
 * Why the first visit is late, for the clinician: the cause plan.c's
 * late_first() found, with the days or the key in the way.
 */
static void
about_late(struct diag *d, const struct plan *pl, const struct plan_warning *w)
{
	const struct clinic *c = pl->clinic;
	char a[DATE_LEN + 1], e[DATE_LEN + 1], f[DATE_LEN + 1],
	    t[DATE_LEN + 1], why[256], days[64];

	date_format(w->date, a);
	date_format(w->date - w->days, e);
	date_format(w->span_from, f);
	date_format(w->span_to, t);
	switch (w->cause) {
	case BLOCK_CLOSURES:
		snprintf(why, sizeof(why), "the clinic is closed%s%s from %s "
		    "to %s (closures)", w->subject ? " for " : "",
		    w->subject ? w->subject : "", f, t);
		break;
	case BLOCK_BOOK:
		snprintf(why, sizeof(why), "the clinic's book has no room "
		    "before it");
		break;
	case BLOCK_OPEN:
		snprintf(why, sizeof(why), "the clinic is open only %s (open)",
		    weekday_words(days, sizeof(days), c->open_days));
		break;
	case BLOCK_UNAVAILABLE:
		snprintf(why, sizeof(why), "the patient cannot come from %s to "
		    "%s (unavailable)", f, t);
		break;
	default:
		snprintf(why, sizeof(why), "the patient can come only on %s "
		    "(weekdays)", weekday_words(days, sizeof(days),
		    pl->patient->weekdays));
		break;
	}
	diag_set(d, pl->patient->file, 0, 0, D_WARN_LATE, a, w->days, e, why);
}

/* A plan's warning as a message for standard error and JSON. */
void
explain_warning(struct diag *d, const struct plan *pl,
    const struct plan_warning *w)
{
	const struct patient *p = pl->patient;
	char q[128], q2[128], what[96];

	switch (w->kind) {
	case PLAN_W_LAPSE:
	case PLAN_W_ENDED:
	case PLAN_W_BOOKED_OFF:
	case PLAN_W_FIXED_GAP:
	case PLAN_W_LEAD:
	case PLAN_W_SHORT_PAUSE:
	case PLAN_W_START:
		about_dates(d, pl, w);
		break;
	case PLAN_W_ALLERGY:
		diag_quote(q, sizeof(q), w->subject, strlen(w->subject));
		diag_quote(q2, sizeof(q2), pl->protocol->solution,
		    strlen(pl->protocol->solution));
		what[0] = '\0';
		if (w->ingredient != NULL)
			snprintf(what, sizeof(what), " (its %s)",
			    schema_langtext(&w->ingredient->name, "en"));
		diag_set(d, p->file, 0, 0, D_WARN_ALLERGY, q, q2, what);
		break;
	case PLAN_W_ANTICOAG:
		about(d, pl, D_WARN_ANTICOAG, w);
		break;
	case PLAN_W_KEEP:
		about(d, pl, w->dc->blood_thinner ? D_WARN_KEEP_THINNER :
		    D_WARN_KEEP, w);
		break;
	case PLAN_W_DOSE:
		about(d, pl, D_WARN_DOSE, w);
		break;
	case PLAN_W_CONDITION:
		about(d, pl, D_WARN_CONDITION, w);
		break;
	case PLAN_W_ALLERGEN:
		about(d, pl, D_WARN_ALLERGEN, w);
		break;
	case PLAN_W_NOTE:
	case PLAN_W_RULE:
		diag_set(d, p->file, 0, 0, D_WARN_RULE, w->rule->id,
		    w->subject, rule_text(w->rule, lang_of(pl)));
		break;
	case PLAN_W_OVERRIDE:
		diag_set(d, p->file, 0, 0, D_WARN_OVERRIDE, w->rule->id,
		    w->subject, w->override->reason, w->override->approved_by);
		break;
	case PLAN_W_NO_GAIN:
	case PLAN_W_GOAL:
		about_pain(d, pl, w);
		break;
	case PLAN_W_DOSE_NEAR:
	case PLAN_W_DOSE_OVER:
	case PLAN_W_WEIGH:
	case PLAN_W_UNCHECKED:
		about_dose(d, pl, w);
		break;
	case PLAN_W_LATE:
		about_late(d, pl, w);
		break;
	}
}
