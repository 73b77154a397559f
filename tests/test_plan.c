#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "care.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "drugs.h"
#include "explain.h"
#include "load.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "rules.h"
#include "strv.h"

/*
 * Plans built from structs: visits with history, medication holds and
 * their merging, the warnings a clinician must see, the dates that
 * today rules out, and the course over time: missed and booked visits,
 * a restart after a lapse, and an early end.  Rules against patients: tests/test_screen.c.
 */

struct fixture {
	struct patient	 p;
	struct protocol	 pr;
	struct drugs	*drugs;		/* a blood thinner, painkillers */
	int		 hist[8];
	struct past_visit record[8];
	struct booked_visit booked[4];
};

static const char drugs_yaml[] =
    "classes:\n"
    "  - {id: nsaids, name: painkillers, pause: pause, drugs: [ibuprofen]}\n"
    "  - {id: anticoagulants, name: blood thinners, pause: never,\n"
    "     blood_thinner: true, drugs: [warfarin]}\n"
    "  - {id: low-dose-aspirin, name: low-dose aspirin, pause: "
    "ask-prescriber,\n"
    "     drugs: [aspirin 81]}\n";

static int
setup(void **state)
{
	struct diag d = { 0 };
	struct fixture *f;

	f = calloc(1, sizeof(*f));
	f->p.file = "p.yaml";
	f->p.id = "MRN-1";
	f->p.name = "Jane Roe";
	f->p.start = date_from_ymd(2026, 12, 1);	/* Tuesday */
	f->p.weekdays = 0x1f;
	f->p.visits = 4;
	f->p.interval_days = 21;
	strv_push(&f->p.sites, "knee");
	f->pr.id = "knee-oa";
	f->pr.solution = "12.5% dextrose with 0.5% lidocaine";
	f->pr.per_site = 1;
	f->pr.ival_min = 14;
	f->pr.ival_pref = 21;
	f->pr.ival_max = 21;
	f->pr.max_course_days = 183;
	f->pr.restart = 1;	/* after_lapse: restart, the default */
	f->pr.holds = calloc(2, sizeof(*f->pr.holds));
	strv_push(&f->pr.holds[0].drugs, "aspirin");
	strv_push(&f->pr.holds[0].drugs, "ibuprofen");
	f->pr.holds[0].stop_before = 3;
	f->pr.holds[0].resume_after = 7;
	f->pr.nholds = 1;
	f->drugs = drugs_load("d.yaml", drugs_yaml, strlen(drugs_yaml), &d);
	if (f->drugs == NULL)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	size_t i;

	strv_release(&f->p.sites);
	strv_release(&f->p.medications);
	strv_release(&f->p.allergies);
	for (i = 0; i < 2; i++)
		strv_release(&f->pr.holds[i].drugs);
	free(f->pr.holds);
	drugs_free(f->drugs);
	free(f);
	return 0;
}

static void
make(struct fixture *f, struct plan *pl, int today)
{
	struct chart ch = { .patient = &f->p, .protocol = &f->pr,
	    .drugs = f->drugs };
	struct sched_out out;

	assert_int_equal(plan_make(pl, &ch, today, &out), SCHED_OK);
}

static void
torture_plan_make_visits(void **state)
{
	struct fixture *f = *state;
	struct plan pl;

	f->hist[0] = date_from_ymd(2026, 11, 3);
	f->hist[1] = date_from_ymd(2026, 11, 24);
	f->p.history = f->hist;
	f->p.nhistory = 2;
	make(f, &pl, f->p.start);
	assert_int_equal(pl.nvisits, 4);
	assert_int_equal(pl.per_visit, 1);
	assert_int_equal(pl.visits[0].status, VISIT_DONE);
	assert_int_equal(pl.visits[0].interval, -1);
	assert_int_equal(pl.visits[1].interval, 21);
	assert_int_equal(pl.visits[2].status, VISIT_PLANNED);
	assert_int_equal(pl.visits[2].date, date_from_ymd(2026, 12, 15));
	assert_int_equal(pl.visits[2].interval, 21);
	assert_int_equal(pl.nwarnings, 0);
	plan_release(&pl);
}

/* Windows 21 days apart, 3 before and 7 after: separate. */
static void
torture_plan_make_holds_apart(void **state)
{
	struct fixture *f = *state;
	struct plan pl;

	strv_push(&f->p.medications, "Ibuprofen 400 mg");
	strv_push(&f->p.medications, "metformin");
	make(f, &pl, f->p.start - 14);
	assert_int_equal(pl.nholds, 4);
	assert_string_equal(pl.holds[0].drug, "Ibuprofen 400 mg");
	assert_int_equal(pl.holds[0].from, f->p.start - 3);
	assert_int_equal(pl.holds[0].to, f->p.start + 7);
	assert_int_equal(pl.holds[3].from, f->p.start + 63 - 3);
	plan_release(&pl);
}

/* Windows that touch (one day after the other ends) merge into one. */
static void
torture_plan_make_holds_touch(void **state)
{
	struct fixture *f = *state;
	struct plan pl;

	f->pr.holds[0].stop_before = 10;
	f->pr.holds[0].resume_after = 10;	/* 21 days wide: touching */
	strv_push(&f->p.medications, "aspirin");
	make(f, &pl, f->p.start - 14);
	assert_int_equal(pl.nholds, 1);
	assert_int_equal(pl.holds[0].from, f->p.start - 10);
	assert_int_equal(pl.holds[0].to, f->p.start + 63 + 10);
	plan_release(&pl);
	f->pr.holds[0].resume_after = 9;	/* a one-day gap: apart */
	make(f, &pl, f->p.start - 14);
	assert_int_equal(pl.nholds, 4);
	plan_release(&pl);
}

/* A drug on two hold lists gets the union of both windows. */
static void
torture_plan_make_holds_two_lists(void **state)
{
	struct fixture *f = *state;
	struct plan pl;

	strv_push(&f->pr.holds[1].drugs, "aspirin");
	f->pr.holds[1].stop_before = 7;
	f->pr.holds[1].resume_after = 1;
	f->pr.nholds = 2;
	strv_push(&f->p.medications, "aspirin");
	f->p.visits = 1;
	make(f, &pl, f->p.start - 14);
	assert_int_equal(pl.nholds, 1);
	assert_int_equal(pl.holds[0].from, f->p.start - 7);
	assert_int_equal(pl.holds[0].to, f->p.start + 7);
	plan_release(&pl);
}

static void
torture_plan_make_warnings(void **state)
{
	struct fixture *f = *state;
	struct plan pl;

	f->hist[0] = date_from_ymd(2026, 9, 1);
	f->p.history = f->hist;
	f->p.nhistory = 1;
	strv_push(&f->p.allergies, "Lidocaine (hives)");
	strv_push(&f->p.allergies, "latex");
	strv_push(&f->p.medications, "Warfarin 5 mg");
	make(f, &pl, f->p.start);
	assert_int_equal(pl.lapsed, 1);
	assert_int_equal(pl.nwarnings, 4);
	assert_int_equal(pl.warnings[0].kind, PLAN_W_LAPSE);
	assert_int_equal(pl.warnings[0].date, f->hist[0]);
	assert_int_equal(pl.warnings[0].days, 91);
	assert_int_equal(pl.warnings[1].kind, PLAN_W_ALLERGY);
	assert_string_equal(pl.warnings[1].subject, "Lidocaine (hives)");
	/*
	 * A blood thinner never paused: kept, one warning that carries the
	 * bleeding warning with it (handout.c, explain.c).
	 */
	assert_int_equal(pl.warnings[2].kind, PLAN_W_KEEP);
	assert_string_equal(pl.warnings[2].dc->id, "anticoagulants");
	assert_true(pl.warnings[2].dc->blood_thinner);
	/* No rule and no ingredient knows latex here: the clinician is told. */
	assert_int_equal(pl.warnings[3].kind, PLAN_W_ALLERGEN);
	assert_string_equal(pl.warnings[3].subject, "latex");
	plan_release(&pl);
}

/*
 * Time: nothing planned before today, and the first visit waits for
 * the longest pause to begin no earlier than today.
 */
static void
torture_plan_make_today(void **state)
{
	struct fixture *f = *state;
	struct plan pl;
	size_t i;

	/* A start in the past: planned from today, the clinician told. */
	make(f, &pl, date_from_ymd(2026, 12, 10));
	assert_int_equal(pl.warnings[0].kind, PLAN_W_START);
	assert_int_equal(pl.warnings[0].date, f->p.start);
	assert_int_equal(pl.visits[0].date, date_from_ymd(2026, 12, 10));
	plan_release(&pl);
	/* Ibuprofen stopped 3 days before: the first visit waits for it. */
	strv_push(&f->p.medications, "ibuprofen 400 mg");
	make(f, &pl, date_from_ymd(2026, 11, 30));
	assert_int_equal(pl.start, date_from_ymd(2026, 12, 3));
	assert_int_equal(pl.visits[0].date, date_from_ymd(2026, 12, 3));
	assert_int_equal(pl.warnings[0].kind, PLAN_W_LEAD);
	assert_int_equal(pl.warnings[0].days, 3);
	assert_string_equal(pl.warnings[0].subject, "ibuprofen 400 mg");
	for (i = 0; i < pl.nholds; i++)
		assert_true(pl.holds[i].from >= pl.today);
	plan_release(&pl);
	/* Early enough: no warning, and the pause begins today or later. */
	make(f, &pl, date_from_ymd(2026, 11, 28));
	assert_int_equal(pl.nwarnings, 0);
	assert_int_equal(pl.holds[0].from, date_from_ymd(2026, 11, 28));
	plan_release(&pl);
	/*
	 * On a tie the reason given is a pause on the handout's word, not
	 * one the prescriber may refuse, whichever the patient listed first.
	 */
	strv_release(&f->p.medications);
	strv_push(&f->p.medications, "aspirin 81 mg");
	strv_push(&f->p.medications, "ibuprofen 400 mg");
	make(f, &pl, date_from_ymd(2026, 11, 30));
	assert_int_equal(pl.warnings[0].kind, PLAN_W_LEAD);
	assert_string_equal(pl.warnings[0].subject, "ibuprofen 400 mg");
	plan_release(&pl);
	/* The prescribed one alone is the reason when it is the only one. */
	strv_release(&f->p.medications);
	strv_push(&f->p.medications, "aspirin 81 mg");
	make(f, &pl, date_from_ymd(2026, 11, 30));
	assert_int_equal(pl.warnings[0].kind, PLAN_W_LEAD);
	assert_string_equal(pl.warnings[0].subject, "aspirin 81 mg");
	assert_true(pl.holds[0].prescribed);
	plan_release(&pl);
}

/*
 * A course under way whose next visit is far enough off waits for
 * nothing: the lead is measured from the visit the scheduler finds, not
 * from today.
 */
static void
torture_plan_make_lead_history(void **state)
{
	struct fixture *f = *state;
	struct plan pl;

	f->hist[0] = date_from_ymd(2026, 11, 17);
	f->p.history = f->hist;
	f->p.nhistory = 1;
	f->p.start = date_from_ymd(2026, 11, 27);
	strv_push(&f->p.medications, "ibuprofen 400 mg");
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.visits[1].date, date_from_ymd(2026, 12, 8));
	assert_int_equal(pl.nwarnings, 0);
	assert_int_equal(pl.holds[0].from, date_from_ymd(2026, 12, 5));
	plan_release(&pl);
	/* Today too close to it: the visit moves, and the patient is told. */
	make(f, &pl, date_from_ymd(2026, 12, 7));
	assert_int_equal(pl.warnings[0].kind, PLAN_W_START);
	assert_int_equal(pl.warnings[1].kind, PLAN_W_LEAD);
	assert_int_equal(pl.visits[1].date, date_from_ymd(2026, 12, 10));
	assert_int_equal(pl.holds[0].from, date_from_ymd(2026, 12, 7));
	plan_release(&pl);
}

/* A medicine that must never be paused on a schedule gets no dates, even by name. */
static void
torture_plan_make_never_paused(void **state)
{
	struct fixture *f = *state;
	struct plan pl;

	strv_push(&f->pr.holds[0].drugs, "warfarin");
	strv_push(&f->p.medications, "Warfarin 5 mg");
	make(f, &pl, date_from_ymd(2026, 11, 20));
	assert_int_equal(pl.nholds, 0);
	assert_int_equal(pl.warnings[pl.nwarnings - 1].kind, PLAN_W_KEEP);
	plan_release(&pl);
}

static void
torture_plan_make_course_done(void **state)
{
	struct fixture *f = *state;
	struct plan pl;

	f->hist[0] = date_from_ymd(2026, 9, 1);
	f->hist[1] = date_from_ymd(2026, 9, 22);
	f->p.history = f->hist;
	f->p.nhistory = 2;
	f->p.visits = 2;
	strv_push(&f->p.medications, "aspirin");
	make(f, &pl, f->p.start);
	assert_int_equal(pl.nvisits, 2);
	assert_int_equal(pl.nholds, 0);
	assert_int_equal(pl.lapsed, 0);
	assert_int_equal(pl.nwarnings, 0);
	plan_release(&pl);
}

/* Sets the record: each day given, or missed where missed[i]. */
static void
set_record(struct fixture *f, const int *days, const int *missed, size_t n)
{
	size_t i;

	f->p.nhistory = 0;
	for (i = 0; i < n; i++) {
		f->record[i] = (struct past_visit){ .date = days[i],
		    .missed = missed[i], .pain = -1 };
		if (!missed[i])
			f->hist[f->p.nhistory++] = days[i];
	}
	f->p.record = f->record;
	f->p.nrecord = n;
	f->p.history = f->hist;
}

/*
 * A missed visit is listed in its place, unnumbered, and counts neither
 * in the intervals nor among the visits.
 */
static void
torture_plan_make_missed(void **state)
{
	struct fixture *f = *state;
	struct plan pl;
	const int days[] = { date_from_ymd(2026, 10, 20),
	    date_from_ymd(2026, 11, 3), date_from_ymd(2026, 11, 10) };
	const int missed[] = { 0, 1, 0 };

	set_record(f, days, missed, 3);
	f->p.visits = 4;
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.nvisits, 5);
	assert_int_equal(pl.visits[1].status, VISIT_MISSED);
	assert_int_equal(pl.visits[1].number, 0);
	assert_int_equal(pl.visits[1].interval, -1);
	assert_int_equal(pl.visits[2].number, 2);
	assert_int_equal(pl.visits[2].interval, 21);
	assert_int_equal(pl.visits[3].number, 3);
	assert_int_equal(pl.visits[3].date, date_from_ymd(2026, 12, 1));
	assert_int_equal(pl.visits[3].interval, 21);
	assert_int_equal(pl.visits[4].number, 4);
	assert_int_equal(plan_next(&pl)->date, date_from_ymd(2026, 12, 1));
	assert_int_equal(pl.lapsed, 0);
	plan_release(&pl);
	/* A missed visit last does not stand in for the last one given. */
	f->record[2].missed = 1;
	f->p.nhistory = 1;
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.lapsed, 1);
	assert_int_equal(pl.restarted, 1);
	assert_int_equal(pl.visits[3].number, 2);
	assert_int_equal(pl.visits[3].restart, 1);
	assert_int_equal(pl.visits[3].interval, -1);
	plan_release(&pl);
}

/*
 * Booked visits stay on their days and keep their times, planned ones
 * fill the course around them, and what prolo would not have planned
 * is told: a day the patient cannot come, two fixed visits too close.
 */
static void
torture_plan_make_booked(void **state)
{
	struct fixture *f = *state;
	struct date_range away = { date_from_ymd(2026, 12, 14),
	    date_from_ymd(2026, 12, 18) };
	struct plan pl;
	size_t i;

	f->booked[0] = (struct booked_visit){ date_from_ymd(2026, 12, 15),
	    9 * 60 + 30, { 4, 10 } };
	f->booked[1] = (struct booked_visit){ date_from_ymd(2026, 12, 22),
	    TIME_NONE, { 4, 22 } };
	f->p.booked = f->booked;
	f->p.nbooked = 2;
	f->p.unavailable = &away;
	f->p.nunavailable = 1;
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.nvisits, 4);
	assert_int_equal(pl.visits[0].status, VISIT_PLANNED);
	assert_int_equal(pl.visits[0].date, date_from_ymd(2026, 12, 1));
	assert_int_equal(pl.visits[1].status, VISIT_BOOKED);
	assert_int_equal(pl.visits[1].date, date_from_ymd(2026, 12, 15));
	assert_int_equal(pl.visits[1].time, 9 * 60 + 30);
	assert_int_equal(pl.visits[2].status, VISIT_BOOKED);
	assert_int_equal(pl.visits[2].interval, 7);
	assert_int_equal(pl.visits[3].status, VISIT_PLANNED);
	assert_int_equal(pl.visits[3].interval, 21);
	assert_int_equal(pl.nwarnings, 2);
	assert_int_equal(pl.warnings[0].kind, PLAN_W_BOOKED_OFF);
	assert_int_equal(pl.warnings[0].days, BOOKED_UNAVAILABLE);
	assert_int_equal(pl.warnings[0].visit, 2);
	assert_int_equal(pl.warnings[1].kind, PLAN_W_FIXED_GAP);
	assert_int_equal(pl.warnings[1].visit, 3);
	assert_int_equal(pl.warnings[1].days, 7);
	for (i = 0; i < pl.nvisits; i++)
		assert_true(pl.visits[i].date >= pl.today);
	plan_release(&pl);
	/*
	 * On a weekday the patient does not come: kept, and said why.  No
	 * Tuesday, and no other day 14 days before it from start: the
	 * booked visit is the first.
	 */
	f->p.nunavailable = 0;
	f->p.weekdays = 0x1f & ~(1u << 1);	/* no Tuesdays */
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.visits[0].date, date_from_ymd(2026, 12, 15));
	assert_int_equal(pl.visits[0].status, VISIT_BOOKED);
	assert_int_equal(pl.warnings[0].visit, 1);
	assert_int_equal(pl.warnings[0].kind, PLAN_W_BOOKED_OFF);
	assert_int_equal(pl.warnings[0].days, BOOKED_WEEKDAY);
	plan_release(&pl);
}

/*
 * A booked visit cannot wait for a pause to begin: its pause begins
 * today, and the clinician hears that it is short.  A planned first
 * visit still waits (torture_plan_make_today).
 */
static void
torture_plan_make_booked_short_pause(void **state)
{
	struct fixture *f = *state;
	struct plan pl;

	f->booked[0] = (struct booked_visit){ date_from_ymd(2026, 12, 1),
	    TIME_NONE, { 4, 10 } };
	f->p.booked = f->booked;
	f->p.nbooked = 1;
	strv_push(&f->p.medications, "ibuprofen 400 mg");
	make(f, &pl, date_from_ymd(2026, 11, 30));
	assert_int_equal(pl.visits[0].date, date_from_ymd(2026, 12, 1));
	assert_int_equal(pl.visits[0].status, VISIT_BOOKED);
	assert_int_equal(pl.holds[0].from, date_from_ymd(2026, 11, 30));
	assert_int_equal(pl.warnings[0].kind, PLAN_W_SHORT_PAUSE);
	assert_int_equal(pl.warnings[0].days, 2);
	assert_int_equal(pl.warnings[0].date, date_from_ymd(2026, 11, 28));
	assert_string_equal(pl.warnings[0].subject, "ibuprofen 400 mg");
	plan_release(&pl);
}

/*
 * No plan around a booked visit: the first whose leaving the course to
 * the planner lets it fit is named.  Here either one would: without the
 * second the course fits from 12-02; without the first, from 06-30.
 * Three booked, only leaving out the last lets the rest fit.
 */
static void
torture_plan_make_booked_blamed(void **state)
{
	struct fixture *f = *state;
	struct chart ch = { .patient = &f->p, .protocol = &f->pr,
	    .drugs = f->drugs };
	struct sched_out out;
	struct plan pl;

	f->booked[0] = (struct booked_visit){ date_from_ymd(2026, 12, 2),
	    TIME_NONE, { 4, 10 } };
	f->booked[1] = (struct booked_visit){ date_from_ymd(2027, 6, 30),
	    TIME_NONE, { 4, 22 } };
	f->p.booked = f->booked;
	f->p.nbooked = 2;
	assert_int_equal(plan_make(&pl, &ch, date_from_ymd(2026, 11, 27), &out),
	    SCHED_TOO_LONG);
	assert_int_equal(pl.nvisits, 0);
	assert_int_equal(pl.blocked_booked, 0);
	plan_release(&pl);
	f->booked[2] = f->booked[1];
	f->booked[1].date = date_from_ymd(2026, 12, 30);
	f->p.nbooked = 3;
	assert_int_equal(plan_make(&pl, &ch, date_from_ymd(2026, 11, 27), &out),
	    SCHED_TOO_LONG);
	assert_int_equal(pl.blocked_booked, 2);
	plan_release(&pl);
	f->p.nbooked = 2;
	/* Within the course's length it fits, and nothing is blamed. */
	f->booked[1].date = date_from_ymd(2026, 12, 23);
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.blocked_booked, -1);
	plan_release(&pl);
}

/*
 * A lapse restarts the course at its next visit, where the protocol
 * says so; after_lapse: continue keeps counting from the first visit.
 */
static void
torture_plan_make_restart(void **state)
{
	struct fixture *f = *state;
	struct chart ch = { .patient = &f->p, .protocol = &f->pr,
	    .drugs = f->drugs };
	struct sched_out out;
	struct plan pl;

	f->hist[0] = date_from_ymd(2026, 6, 2);
	f->hist[1] = date_from_ymd(2026, 6, 23);
	f->p.history = f->hist;
	f->p.nhistory = 2;
	f->p.visits = 5;
	f->pr.restart = 1;
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.lapsed, 1);
	assert_int_equal(pl.restarted, 1);
	assert_int_equal(pl.visits[2].restart, 1);
	assert_int_equal(pl.visits[2].number, 3);
	assert_int_equal(pl.visits[2].date, date_from_ymd(2026, 12, 1));
	assert_int_equal(pl.visits[3].restart, 0);
	assert_int_equal(pl.visits[4].date, date_from_ymd(2027, 1, 12));
	assert_int_equal(pl.warnings[0].kind, PLAN_W_LAPSE);
	assert_int_equal(pl.warnings[0].date, f->hist[1]);
	assert_int_equal(pl.warnings[0].days, 161);
	plan_release(&pl);
	/* Counting from 2026-06-02, the course had to end by 2026-12-02. */
	f->pr.restart = 0;
	assert_int_equal(plan_make(&pl, &ch, date_from_ymd(2026, 11, 27), &out),
	    SCHED_TOO_LONG);
	assert_int_equal(out.course_end, date_from_ymd(2026, 12, 2));
	plan_release(&pl);
}

/*
 * An end already come plans nothing more, however few visits were
 * given; one to come cuts the course at it.
 */
static void
torture_plan_make_ended(void **state)
{
	struct fixture *f = *state;
	struct plan pl;

	f->hist[0] = date_from_ymd(2026, 10, 20);
	f->hist[1] = date_from_ymd(2026, 11, 10);
	f->p.history = f->hist;
	f->p.nhistory = 2;
	f->p.visits = 6;
	f->p.ended = date_from_ymd(2026, 11, 20);
	f->p.ended_reason = "better";
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.nvisits, 2);
	assert_null(plan_next(&pl));
	assert_int_equal(pl.warnings[0].kind, PLAN_W_ENDED);
	assert_int_equal(pl.warnings[0].date, f->p.ended);
	assert_string_equal(pl.warnings[0].subject, "better");
	plan_release(&pl);
	/* Ending on a visit's day keeps that visit, and none after. */
	f->p.ended = date_from_ymd(2026, 12, 22);
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.nvisits, 4);
	assert_int_equal(pl.visits[3].date, f->p.ended);
	plan_release(&pl);
	f->p.ended = date_from_ymd(2026, 12, 21);
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.nvisits, 3);
	plan_release(&pl);
	/* Today: a visit planned today is still in the course. */
	f->p.start = f->p.ended = date_from_ymd(2026, 12, 1);
	make(f, &pl, f->p.ended);
	assert_int_equal(pl.nvisits, 3);
	assert_int_equal(pl.visits[2].date, f->p.ended);
	plan_release(&pl);
}

/*
 * With the clinic's book: a clinic of two morning slots and one in the
 * afternoon; the book given with --book unless said otherwise.
 */
static const char slots_yaml[] =
    "open: [mon, tue, wed, thu, fri]\n"
    "visit_minutes: 45\n"
    "slots: [\"08:30\", \"09:15\", \"13:30\"]\n";

static struct clinic *
slots_clinic(void)
{
	struct diag d = { 0 };
	struct clinic *c;

	c = clinic_load("c.yaml", slots_yaml, strlen(slots_yaml), &d);
	if (c == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	return c;
}

static void
make_booked(struct fixture *f, struct plan *pl, const struct clinic *c,
    const struct book *b)
{
	struct chart ch = { .patient = &f->p, .protocol = &f->pr,
	    .drugs = f->drugs, .clinic = c, .book = b };
	struct sched_out out;

	assert_int_equal(plan_make(pl, &ch, date_from_ymd(2026, 11, 27), &out),
	    SCHED_OK);
}

/*
 * A book given: every planned visit gets the first free slot of its
 * day, and a day with none free is not a day to come.
 */
static void
torture_plan_make_book_times(void **state)
{
	struct fixture *f = *state;
	struct clinic *c = slots_clinic();
	struct book *b;
	struct plan pl;
	int tue = f->p.start;

	f->p.time = TIME_NONE;
	b = book_new(c, date_from_ymd(2026, 11, 27));
	book_set_given(b);
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue);
	assert_int_equal(pl.visits[0].time, 8 * 60 + 30);
	assert_int_equal(pl.visits[3].time, 8 * 60 + 30);
	plan_release(&pl);
	/* 08:30 taken on the first day: 09:15 that day, 08:30 after. */
	book_add_visit(b, tue, 8 * 60 + 30);
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue);
	assert_int_equal(pl.visits[0].time, 9 * 60 + 15);
	assert_int_equal(pl.visits[1].time, 8 * 60 + 30);
	plan_release(&pl);
	/* Every slot taken: the course starts the next day. */
	book_add(b, tue, 9 * 60 + 15, tue, 9 * 60 + 16);
	book_add_visit(b, tue, 13 * 60 + 30);
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue + 1);
	assert_int_equal(pl.visits[0].time, 8 * 60 + 30);
	assert_int_equal(pl.visits[1].date, tue + 22);
	plan_release(&pl);
	/* A whole day blocked the same; the course moves on again. */
	book_add_day(b, tue + 1);
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue + 2);
	plan_release(&pl);
	book_free(b);
	clinic_free(c);
}

/*
 * A wish narrows it: mornings skip a day whose mornings are full, and
 * a time skips a day where that time is taken, whatever else is free.
 */
static void
torture_plan_make_book_wish(void **state)
{
	struct fixture *f = *state;
	struct clinic *c = slots_clinic();
	struct book *b;
	struct plan pl;
	int tue = f->p.start;
	size_t i;

	b = book_new(c, date_from_ymd(2026, 11, 27));
	book_add_visit(b, tue, 9 * 60 + 15);
	/* Not given with --book: only the wish gives times. */
	f->p.time = 9 * 60 + 15;
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue + 1);
	for (i = 0; i < pl.nvisits; i++)
		assert_int_equal(pl.visits[i].time, 9 * 60 + 15);
	plan_release(&pl);
	f->p.time = TIME_NONE;
	f->p.periods = 1;
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue);
	assert_int_equal(pl.visits[0].time, 8 * 60 + 30);
	plan_release(&pl);
	book_add_visit(b, tue, 8 * 60 + 30);
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue + 1);
	assert_int_equal(pl.visits[0].time, 8 * 60 + 30);
	plan_release(&pl);
	f->p.periods = 2;
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue);
	assert_int_equal(pl.visits[0].time, 13 * 60 + 30);
	plan_release(&pl);
	/* No wish and no --book: no time, and a day with room is a day. */
	f->p.periods = 0;
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue);
	assert_int_equal(pl.visits[0].time, TIME_NONE);
	plan_release(&pl);
	book_free(b);
	clinic_free(c);
}

/*
 * plan_commit(): the visits to come that have a time go in the book,
 * so the next patient of the run gets the next slot; visits with no
 * time, and those already given, hold none.
 */
static void
torture_plan_commit(void **state)
{
	struct fixture *f = *state;
	struct clinic *c = slots_clinic();
	struct book *b;
	struct plan pl;
	int tue = f->p.start, today = date_from_ymd(2026, 11, 27);
	size_t i, n;
	int *full;

	b = book_new(c, today);
	f->p.time = TIME_NONE;
	f->p.periods = 1;
	make_booked(f, &pl, c, b);
	plan_commit(&pl, b);
	for (i = 0; i < pl.nvisits; i++)
		assert_int_equal(book_taken(b, pl.visits[i].date,
		    pl.visits[i].time, pl.visits[i].time + 1), 1);
	plan_release(&pl);
	/* The next patient wanting mornings: 09:15, then the next day. */
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue);
	assert_int_equal(pl.visits[0].time, 9 * 60 + 15);
	plan_commit(&pl, b);
	plan_release(&pl);
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].date, tue + 1);
	plan_release(&pl);
	book_free(b);

	/* No time: nothing entered. */
	b = book_new(c, today);
	f->p.periods = 0;
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].time, TIME_NONE);
	plan_commit(&pl, b);
	full = book_full_days(b, today, book_horizon(b), 9 * 60 + 15, 0, &n);
	assert_null(full);
	for (i = 0; i < pl.nvisits; i++)
		assert_int_equal(book_taken(b, pl.visits[i].date, 0, 24 * 60),
		    0);
	plan_release(&pl);
	book_free(b);

	/*
	 * History and a booked visit with a time, then the planned: the
	 * booked one with its time is entered, the given ones are not.
	 */
	b = book_new(c, date_from_ymd(2026, 11, 1));
	book_set_given(b);
	f->hist[0] = date_from_ymd(2026, 11, 10);
	f->p.history = f->hist;
	f->p.nhistory = 1;
	f->p.time = TIME_NONE;
	f->booked[0] = (struct booked_visit){ date_from_ymd(2026, 12, 1),
	    13 * 60 + 30, { 4, 10 } };
	f->p.booked = f->booked;
	f->p.nbooked = 1;
	make_booked(f, &pl, c, b);
	assert_int_equal(pl.visits[0].status, VISIT_DONE);
	assert_int_equal(pl.visits[1].status, VISIT_BOOKED);
	assert_int_equal(pl.visits[1].time, 13 * 60 + 30);
	assert_int_equal(pl.visits[2].status, VISIT_PLANNED);
	assert_int_equal(pl.visits[2].time, 8 * 60 + 30);
	plan_commit(&pl, b);
	assert_int_equal(book_taken(b, f->hist[0], 0, 24 * 60), 0);
	assert_int_equal(book_taken(b, pl.visits[1].date, 13 * 60 + 30,
	    13 * 60 + 31), 1);
	assert_int_equal(book_taken(b, pl.visits[1].date, 0, 13 * 60 + 30),
	    0);
	assert_int_equal(book_taken(b, pl.visits[2].date, 8 * 60 + 30,
	    8 * 60 + 31), 1);
	plan_release(&pl);
	book_free(b);
	clinic_free(c);
}

/*
 * Scores, for the history of the score tests: a pain in thousandths,
 * or NO_SCORE for a visit given without one, or MISSED.
 */
#define NO_SCORE	-1
#define MISSED		-2

/*
 * A history of n visits three weeks apart, the last on Tue 2026-11-24,
 * each with its pain; the course has one more visit to plan, knee-oa
 * reviewed at visit 3, today 2026-11-27.  Returns how many warnings of
 * kind the plan has; *w is the first.
 */
static size_t
scored(struct fixture *f, const long *pain, size_t n,
    enum plan_warning_kind kind, struct plan *pl,
    const struct plan_warning **w)
{
	size_t i, count;

	assert_true(n <= sizeof(f->record) / sizeof(*f->record));
	f->p.nhistory = 0;
	for (i = 0; i < n; i++) {
		f->record[i] = (struct past_visit){
		    .date = date_from_ymd(2026, 11, 24) - 21 * (int)(n - 1 - i),
		    .missed = pain[i] == MISSED,
		    .pain = pain[i] < 0 ? -1 : pain[i] };
		if (pain[i] != MISSED)
			f->hist[f->p.nhistory++] = f->record[i].date;
	}
	f->p.record = f->record;
	f->p.nrecord = n;
	f->p.history = f->hist;
	f->p.visits = (int)f->p.nhistory + 1;
	f->pr.review_at = 3;
	make(f, pl, date_from_ymd(2026, 11, 27));
	*w = NULL;
	for (i = 0, count = 0; i < pl->nwarnings; i++)
		if (pl->warnings[i].kind == kind && count++ == 0)
			*w = &pl->warnings[i];
	return count;
}

/* Whether the review visit of a history of pains is no meaningful gain. */
static size_t
no_gain(struct fixture *f, long base, long mid, long review)
{
	const struct plan_warning *w;
	struct plan pl;
	long pain[3];
	size_t n;

	pain[0] = base;
	pain[1] = mid;
	pain[2] = review;
	n = scored(f, pain, 3, PLAN_W_NO_GAIN, &pl, &w);
	if (n > 0) {
		assert_int_equal(w->to->number, 3);
		assert_int_equal(w->to->past->pain, review);
	}
	plan_release(&pl);
	return n;
}

/*
 * The review visit against the baseline, at the edges of a meaningful
 * improvement: at least 30% and at least 2 points (Farrar 2001), in
 * exact thousandths.
 */
static void
torture_plan_score_review(void **state)
{
	struct fixture *f = *state;

	/* Exactly 30%, and 3 points: meaningful; 2.9 points, 29%: not. */
	assert_int_equal(no_gain(f, 10000, NO_SCORE, 7000), 0);
	assert_int_equal(no_gain(f, 10000, NO_SCORE, 7100), 1);
	/* Exactly 2 points, 40%: meaningful; 1.9 points: not. */
	assert_int_equal(no_gain(f, 5000, NO_SCORE, 3000), 0);
	assert_int_equal(no_gain(f, 5000, NO_SCORE, 3100), 1);
	/* 2 points and 33%: meaningful; 2 points but 25%: not. */
	assert_int_equal(no_gain(f, 6000, NO_SCORE, 4000), 0);
	assert_int_equal(no_gain(f, 8000, NO_SCORE, 6000), 1);
	/* Worse, or the same, is no improvement. */
	assert_int_equal(no_gain(f, 5000, NO_SCORE, 6000), 1);
	assert_int_equal(no_gain(f, 4000, 3000, 4000), 1);
	/* The baseline is the first visit scored, not the one before. */
	assert_int_equal(no_gain(f, NO_SCORE, 8000, 6000), 1);
	assert_int_equal(no_gain(f, NO_SCORE, 9000, 6000), 0);
	/* No score at the review visit, or the review is the baseline. */
	assert_int_equal(no_gain(f, 8000, 7000, NO_SCORE), 0);
	assert_int_equal(no_gain(f, NO_SCORE, NO_SCORE, 9000), 0);
}

/*
 * The review visit is the course's visit 3, a missed visit not counted;
 * the message gives both scores with their visits, and the source.
 */
static void
torture_plan_score_review_message(void **state)
{
	static const long pain[] = { 10000, MISSED, 9000, 7100 };
	struct fixture *f = *state;
	const struct plan_warning *w;
	struct diag d = { 0 };
	struct plan pl;

	assert_int_equal(scored(f, pain, 4, PLAN_W_NO_GAIN, &pl, &w), 1);
	assert_int_equal(w->from->number, 1);
	assert_int_equal(w->to->number, 3);
	assert_int_equal(w->to->date, date_from_ymd(2026, 11, 24));
	explain_warning(&d, &pl, w);
	assert_int_equal(diag_class(d.code), DIAG_WARNING);
	assert_string_equal(d.msg, "no meaningful improvement: reconsider the "
	    "course: pain 7.1 at review visit 3 (2026-11-24), from 10 at "
	    "visit 1 (2026-09-22); a meaningful improvement is a fall of at "
	    "least 30% and at least 2 points on the 0 to 10 scale (Farrar JT "
	    "et al., Pain 2001;94(2):149-158)");
	diag_release(&d);
	plan_release(&pl);
	/* No review visit in the protocol: nothing to compare. */
	f->pr.review_at = 0;
	make(f, &pl, date_from_ymd(2026, 11, 27));
	assert_int_equal(pl.nwarnings, 0);
	plan_release(&pl);
}

/*
 * Pain of 2 or less at two visits given in a row: a goal reached, told
 * once.  A missed visit between them is no visit; a visit given
 * without a score breaks the run.
 */
static void
torture_plan_score_goal(void **state)
{
	static const long twice[] = { 6000, 2000, 1500 };
	static const long apart[] = { 2000, NO_SCORE, 2000 };
	static const long missed[] = { 2000, MISSED, 2000 };
	static const long just_over[] = { 2001, 2000, 3000 };
	static const long thrice[] = { 1000, 0, 2000, 500 };
	struct fixture *f = *state;
	const struct plan_warning *w;
	struct diag d = { 0 };
	struct plan pl;

	assert_int_equal(scored(f, twice, 3, PLAN_W_GOAL, &pl, &w), 1);
	assert_int_equal(w->from->number, 2);
	assert_int_equal(w->to->number, 3);
	explain_warning(&d, &pl, w);
	assert_string_equal(d.msg, "goal reached: the course may end early: "
	    "pain 2 at visit 2 (2026-11-03) and 1.5 at visit 3 (2026-11-24), "
	    "2 or less at two visits in a row");
	diag_release(&d);
	/* 6 to 1.5 at the review: meaningful, so only the goal is told. */
	assert_int_equal(pl.nwarnings, 1);
	plan_release(&pl);
	assert_int_equal(scored(f, apart, 3, PLAN_W_GOAL, &pl, &w), 0);
	plan_release(&pl);
	assert_int_equal(scored(f, missed, 3, PLAN_W_GOAL, &pl, &w), 1);
	assert_int_equal(w->from->number, 1);
	assert_int_equal(w->to->number, 2);
	plan_release(&pl);
	assert_int_equal(scored(f, just_over, 3, PLAN_W_GOAL, &pl, &w), 0);
	plan_release(&pl);
	assert_int_equal(scored(f, thrice, 4, PLAN_W_GOAL, &pl, &w), 1);
	assert_int_equal(w->to->number, 2);
	plan_release(&pl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(torture_plan_make_visits,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_holds_apart,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_holds_touch,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    torture_plan_make_holds_two_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_warnings,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_lead_history,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_course_done,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_today,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_never_paused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_missed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_booked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    torture_plan_make_booked_short_pause, setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_booked_blamed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_restart,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_ended,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_book_times,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_make_book_wish,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_commit,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_score_review,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    torture_plan_score_review_message, setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_score_goal,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
