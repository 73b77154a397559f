#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "explain.h"
#include "fixture.h"
#include "load.h"
#include "plan.h"
#include "rules.h"

/*
 * Why no plan exists and each warning, in the words of the diagnostics
 * table: every reason with its own arguments (the compiler cannot check
 * them against the formats in diag.c), and rule texts in the plan's
 * language.  The shared fixture's patient starts on Tue 2026-12-01.
 */

/* The fixture's patient with no history, four visits. */
static void
fresh(struct fixture *f)
{
	f->p.nhistory = 0;
	f->p.visits = 4;
}

static void
expect(struct fixture *f, const struct clinic *c, enum sched_status want,
    const char *msg)
{
	struct chart ch = { .patient = &f->p, .protocol = &f->pr,
	    .clinic = c, .care = f->care };
	struct sched_out out;
	struct diag d = { 0 };
	struct plan pl;
	enum sched_status st;

	st = plan_make(&pl, &ch, f->p.start, &out);
	assert_int_equal(st, want);
	assert_int_equal(pl.nvisits, 0);
	explain_noplan(&d, &pl, st, &out);
	assert_int_equal(diag_class(d.code), DIAG_NOPLAN);
	assert_string_equal(d.msg, msg);
	assert_string_equal(d.file, "p.yaml");
	assert_int_equal(d.line, 0);
	diag_release(&d);
	plan_release(&pl);
}

static void
torture_explain_noplan_every_reason(void **state)
{
	struct fixture *f = *state;
	struct date_range closed;

	fresh(f);
	f->p.visits = 10;
	f->pr.ival_min = 21;
	expect(f, NULL, SCHED_TOO_LONG, "no plan: 10 visits 21 to 21 days "
	    "apart on days the patient can come cannot fit in the protocol's "
	    "course of at most 183 days (max_course_days)");
	f->p.visits = 4;
	f->pr.ival_min = 14;
	f->p.weekdays = 1u << 5;	/* Saturdays */
	closed.from = f->p.start;
	closed.to = f->p.start + 365;
	f->p.unavailable = &closed;
	f->p.nunavailable = 1;
	expect(f, NULL, SCHED_NO_DAY, "no plan: no day in the 366 days from "
	    "2026-12-01 can take a visit: the patient cannot come on the days "
	    "left (unavailable); shorten 'unavailable'");
	f->p.nunavailable = 0;
	f->pr.ival_min = f->pr.ival_max = f->pr.ival_pref = 15;
	f->p.interval_days = 15;
	expect(f, NULL, SCHED_NO_CHAIN, "no plan: 4 visits 15 to 15 days "
	    "apart, the first from 2026-12-01 to 2027-12-01, cannot all fall "
	    "on days that can take a visit: the patient can come only on sat "
	    "(weekdays); widen 'weekdays'");
	f->hist[0] = date_from_ymd(2026, 11, 24);
	f->p.nhistory = 1;
	f->p.visits = 2;
	f->pr.ival_min = 14;
	f->pr.ival_max = 17;
	expect(f, NULL, SCHED_NO_WINDOW, "no plan: the next visit must be 14 "
	    "to 17 days after the last visit on 2026-11-24, from 2026-12-08 "
	    "to 2026-12-11, and none of those days can take it: the patient "
	    "can come only on sat (weekdays); widen 'weekdays'");
	f->p.weekdays = 0x7f;
	f->pr.max_course_days = 13;
	expect(f, NULL, SCHED_TOO_LONG, "no plan: the course began on "
	    "2026-11-24 and must end within 13 days (max_course_days), by "
	    "2026-12-07; 1 more visit 14 to 17 days apart cannot fit");
}

/* A closure that alone stands in the way is named, with the visit in it. */
static void
torture_explain_noplan_closure(void **state)
{
	struct fixture *f = *state;
	struct closure cl = { { 0, 0 }, "Winter break" };
	struct clinic *c;

	fresh(f);
	f->hist[0] = date_from_ymd(2026, 11, 24);
	f->p.nhistory = 1;
	c = clinic_default();
	cl.range.from = date_from_ymd(2026, 12, 5);
	cl.range.to = date_from_ymd(2026, 12, 20);
	c->closures = &cl;
	c->nclosures = 1;
	expect(f, c, SCHED_NO_WINDOW, "no plan: visit 2 cannot fit: the clinic "
	    "is closed for Winter break from 2026-12-05 to 2026-12-20, and "
	    "visits must be 14 to 21 days apart");
	c->closures = NULL;
	c->nclosures = 0;
	clinic_free(c);
}

/*
 * No day for a visit: the clinic's open days, closures or times are
 * named as the clinic's, and the patient's weekdays or unavailable
 * dates only when they are what leaves no day.
 */
static void
torture_explain_noplan_days(void **state)
{
	struct fixture *f = *state;
	struct closure cl[2] = { { { 0, 0 }, "Winter break" },
	    { { 0, 0 }, "Spring break" } };
	struct date_range away;
	struct clinic *c;
	int slot = 9 * 60;

	fresh(f);
	c = clinic_default();
	c->open_days = 0x1f;		/* mon to fri */
	f->p.weekdays = 1u << 5;	/* sat */
	expect(f, c, SCHED_NO_DAY, "no plan: no day in the 366 days from "
	    "2026-12-01 can take a visit: the clinic is open mon to fri "
	    "(open), and the patient can come only on sat (weekdays); widen "
	    "the patient's 'weekdays'");
	/* A time that fits no day the clinic is open for the patient. */
	f->p.weekdays = 1u << 4;	/* fri */
	c->hours[4].close = 13 * 60;
	c->slots = &slot;
	c->nslots = 1;
	f->p.time = 14 * 60;
	expect(f, c, SCHED_NO_DAY, "no plan: no day in the 366 days from "
	    "2026-12-01 can take a visit: on fri, the patient's weekdays the "
	    "clinic is open, no appointment time fits the 'time' or 'times' "
	    "the patient asks for within the clinic's hours; ask for another "
	    "time, or change the clinic's 'slots' or 'hours'");
	f->p.time = TIME_NONE;
	c->slots = NULL;
	c->nslots = 0;
	/* Two closures over the same days: neither alone is in the way. */
	f->p.visits = 2;
	cl[0].range.from = cl[1].range.from = f->p.start;
	cl[0].range.to = cl[1].range.to = f->p.start + 365;
	c->closures = cl;
	c->nclosures = 2;
	expect(f, c, SCHED_NO_DAY, "no plan: no day in the 366 days from "
	    "2026-12-01 can take a visit: the clinic's closures take the "
	    "days the patient can come (closures)");
	/* With the patient away too, no one cause: every one is named. */
	away.from = f->p.start;
	away.to = f->p.start + 365;
	f->p.unavailable = &away;
	f->p.nunavailable = 1;
	expect(f, c, SCHED_NO_DAY, "no plan: no day in the 366 days from "
	    "2026-12-01 can take a visit: the patient's weekdays (fri) and "
	    "unavailable dates, the clinic's open days (mon to fri) and "
	    "closures leave none together");
	f->p.nunavailable = 0;
	c->closures = NULL;
	c->nclosures = 0;
	/* Only a clinic open on the patient's day would do. */
	f->p.weekdays = (1u << 4) | (1u << 5);
	f->hist[0] = date_from_ymd(2026, 11, 27);
	f->p.nhistory = 1;
	f->pr.ival_min = 15;
	f->pr.ival_max = 15;
	f->pr.ival_pref = f->p.interval_days = 15;
	expect(f, c, SCHED_NO_WINDOW, "no plan: the next visit must be 15 to "
	    "15 days after the last visit on 2026-11-27, from 2026-12-12 to "
	    "2026-12-12, and none of those days can take it: the clinic is "
	    "open only mon to fri (open), and the patient can come only on "
	    "fri, sat (weekdays); widen the patient's 'weekdays'");
	clinic_free(c);
}

/* A clinical rule that stops the course, in the plan's own language. */
static void
torture_explain_noplan_rule(void **state)
{
	static const char yaml[] =
	    "rules:\n"
	    "  - {id: pregnancy, level: stop, if: {conditions: [pregnancy]},\n"
	    "     text: {en: Not in pregnancy., es: No en el embarazo.}}\n";
	struct fixture *f = *state;
	struct diag d = { 0 };
	struct clinic *c;

	fresh(f);
	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	assert_non_null(c);
	strv_push(&f->p.conditions, "Pregnancy");
	expect(f, c, SCHED_STOPPED, "no plan: rule 'pregnancy' stops the course "
	    "(Pregnancy): Not in pregnancy. (to go ahead, the patient file "
	    "needs overrides: [{rule: pregnancy, reason: ..., approved_by: "
	    "...}])");
	free(f->care->language);
	f->care->language = strdup("es");
	expect(f, c, SCHED_STOPPED, "no plan: rule 'pregnancy' stops the course "
	    "(Pregnancy): No en el embarazo. (to go ahead, the patient file "
	    "needs overrides: [{rule: pregnancy, reason: ..., approved_by: "
	    "...}])");
	strv_release(&f->p.conditions);
	clinic_free(c);
}

/*
 * Each warning's message, from a plan the fixture makes: every kind,
 * in the order the planner finds them.
 */
static void
torture_explain_warning(void **state)
{
	static const char yaml[] =
	    "rules:\n"
	    "  - {id: diabetes, level: warn, if: {conditions: [diabetes]},\n"
	    "     text: {en: Check sugar., es: Mida el azúcar.}}\n";
	static const char *const want[] = {
		"rule 'diabetes' (type 2 diabetes): Check sugar.",
		"start 2026-12-01 is before today 2026-12-10: the course is "
		    "planned from today",
		"the next visit is planned no earlier than 2026-12-17, so "
		    "that 'Naproxen 500 mg' can be stopped 7 days before it",
		"lapse: the next visit on 2026-12-17 is 107 days after the "
		    "last visit on 2026-09-01, more than the protocol's "
		    "longest interval of 21 days; the course continues, "
		    "counted from its first visit (after_lapse: continue)",
		"allergy 'Xylocaine (hives)' matches the protocol's solution "
		    "'12.5% dextrose with 0.5% lidocaine' (its lidocaine)",
		"medication 'Warfarin 5 mg' is a blood thinner, never paused "
		    "on a schedule (class 'anticoagulants' of drugs.yaml): more "
		    "bleeding and bruising after injections; the handout tells "
		    "the patient to keep taking it; talk with the patient "
		    "about it",
		"medication 'aspirin' is a blood thinner: more bleeding and "
		    "bruising after injections",
		"medication 'aspirin' gives no dose that settles its class: "
		    "taken as low-dose aspirin, whose pause needs the "
		    "prescriber's agreement; write the dose (such as '81 mg "
		    "daily') to be sure",
		"medication 'prednisone 5 mg' is never paused on a schedule "
		    "(class 'oral-steroids' of drugs.yaml): the handout tells "
		    "the patient to keep taking it; talk with the patient "
		    "about it",
		"condition 'gout' is not one any rule knows: check whether it "
		    "matters for the injections",
		"allergy 'penicillin' is not one any rule or ingredient knows: "
		    "check whether it matters for the injections",
	};
	struct fixture *f = *state;
	struct chart ch = { .patient = &f->p, .protocol = &f->pr,
	    .drugs = f->drugs, .terms = f->terms, .care = f->care };
	struct hold h = { .class_id = "nsaids", .stop_before = 7,
	    .resume_after = 3 };
	struct sched_out out;
	struct diag d = { 0 };
	struct plan pl;
	struct clinic *c;
	size_t i;

	fresh(f);
	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	assert_non_null(c);
	ch.clinic = c;
	/* A lapse that lets the course go on; restarts are made by hand. */
	f->pr.restart = 0;
	f->pr.holds = &h;
	f->pr.nholds = 1;
	f->hist[0] = date_from_ymd(2026, 9, 1);
	f->p.nhistory = 1;
	strv_push(&f->p.allergies, "Xylocaine (hives)");
	strv_push(&f->p.allergies, "penicillin");
	strv_push(&f->p.medications, "Warfarin 5 mg");
	strv_push(&f->p.medications, "aspirin");
	strv_push(&f->p.medications, "Naproxen 500 mg");
	strv_push(&f->p.medications, "prednisone 5 mg");
	strv_push(&f->p.conditions, "type 2 diabetes");
	strv_push(&f->p.conditions, "gout");
	assert_int_equal(plan_make(&pl, &ch, date_from_ymd(2026, 12, 10),
	    &out), SCHED_OK);
	for (i = 0; i < pl.nwarnings && i < sizeof(want) / sizeof(*want);
	    i++) {
		explain_warning(&d, &pl, &pl.warnings[i]);
		assert_int_equal(diag_class(d.code), DIAG_WARNING);
		if (strcmp(d.msg, want[i]) != 0)
			fail_msg("warning %zu: got %s", i, d.msg);
	}
	assert_int_equal(pl.nwarnings, sizeof(want) / sizeof(*want));
	/* The rule's words follow the plan's language. */
	free(f->care->language);
	f->care->language = strdup("es");
	explain_warning(&d, &pl, &pl.warnings[0]);
	assert_string_equal(d.msg, "rule 'diabetes' (type 2 diabetes): Mida "
	    "el azúcar.");
	diag_release(&d);
	plan_release(&pl);
	f->pr.holds = NULL;
	f->pr.nholds = 0;
	clinic_free(c);
}

/* The message of the nth warning of the fixture's plan, made by hand. */
static void
expect_warning(struct fixture *f, size_t nth, const char *msg)
{
	struct diag d = { 0 };

	assert_true(nth < f->pl.nwarnings);
	explain_warning(&d, &f->pl, &f->pl.warnings[nth]);
	assert_int_equal(diag_class(d.code), DIAG_WARNING);
	assert_string_equal(d.file, "p.yaml");
	assert_int_equal(d.line, 0);
	if (strcmp(d.msg, msg) != 0)
		fail_msg("warning %zu: got %s\nwant %s", nth, d.msg, msg);
	diag_release(&d);
}

/*
 * A lapse before the next visit, a booked one: it restarts the course,
 * or with after_lapse: continue lets it go on; the dates are the next
 * visit's and the last one given, whatever the plan's start.
 */
static void
torture_explain_lapse(void **state)
{
	struct fixture *f = *state;

	fixture_eventful(f);
	f->pl.start = date_from_ymd(2026, 11, 27);
	expect_warning(f, 0, "lapse: the next visit on 2026-12-01 is 35 days "
	    "after the last visit on 2026-10-27, more than the protocol's "
	    "longest interval of 21 days; the course restarts there: its "
	    "intervals and max_course_days count from it (after_lapse: "
	    "restart)");
	f->pl.restarted = 0;
	expect_warning(f, 0, "lapse: the next visit on 2026-12-01 is 35 days "
	    "after the last visit on 2026-10-27, more than the protocol's "
	    "longest interval of 21 days; the course continues, counted from "
	    "its first visit (after_lapse: continue)");
}

/*
 * What the plan keeps as it is, for the clinician: a booked visit on a
 * day not allowed (the planner says why), two fixed visits too far
 * apart, and a course that ended early, its reason as written.
 */
static void
torture_explain_fixed_and_ended(void **state)
{
	struct fixture *f = *state;
	struct plan_warning *w;

	fixture_eventful(f);
	w = fixture_warn(f, PLAN_W_BOOKED_OFF);
	w->visit = 3;
	w->date = date_from_ymd(2026, 12, 9);
	w->days = BOOKED_CLOSURE;
	w->subject = "Staff training";
	w = fixture_warn(f, PLAN_W_BOOKED_OFF);
	w->visit = 4;
	w->date = date_from_ymd(2026, 12, 22);
	w->days = BOOKED_UNAVAILABLE;
	w = fixture_warn(f, PLAN_W_BOOKED_OFF);
	w->visit = 5;
	w->date = date_from_ymd(2026, 12, 26);
	w->days = BOOKED_WEEKDAY;
	w = fixture_warn(f, PLAN_W_BOOKED_OFF);
	w->visit = 6;
	w->date = date_from_ymd(2027, 1, 2);
	w->days = BOOKED_CLINIC_DAY;
	w = fixture_warn(f, PLAN_W_FIXED_GAP);
	w->visit = 4;
	w->date = date_from_ymd(2027, 1, 12);
	w->days = 42;
	w = fixture_warn(f, PLAN_W_SHORT_PAUSE);
	w->subject = "ibuprofen 400 mg";
	w->date = date_from_ymd(2026, 11, 25);
	w->days = 2;
	expect_warning(f, 1, "booked visit 3 on 2026-12-09 is kept although "
	    "the clinic is closed that day (Staff training)");
	expect_warning(f, 2, "booked visit 4 on 2026-12-22 is kept although "
	    "the patient cannot come that day");
	expect_warning(f, 3, "booked visit 5 on 2026-12-26 is kept although "
	    "it is not one of the patient's weekdays");
	expect_warning(f, 4, "booked visit 6 on 2027-01-02 is kept although "
	    "the clinic is not open on that weekday");
	expect_warning(f, 5, "visits 3 and 4 are 42 days apart, outside the "
	    "protocol's 14 to 21, and both are fixed (given or booked): kept");
	expect_warning(f, 6, "'ibuprofen 400 mg' should have been stopped on "
	    "2026-11-25, 2 days ago, before a booked visit: the handout says "
	    "to stop it from today");
	/* An unnamed closure is just closed. */
	f->pl.warnings[1].subject = NULL;
	expect_warning(f, 1, "booked visit 3 on 2026-12-09 is kept although "
	    "the clinic is closed that day");
	fixture_ended(f);
	expect_warning(f, 0, "the course ended early on 2026-11-20: better "
	    "after 3 visits");
	/* An end still to come: it ends then, and nothing is planned after. */
	f->p.ended = date_from_ymd(2026, 12, 1);
	f->pl.warnings[0].date = f->p.ended;
	expect_warning(f, 0, "the course ends early on 2026-12-01: better "
	    "after 3 visits; no visit is planned after it");
	/* On today itself it has ended. */
	f->p.ended = f->pl.warnings[0].date = f->pl.today;
	expect_warning(f, 0, "the course ended early on 2026-11-27: better "
	    "after 3 visits");
}

/*
 * A booked visit that leaves the rest of the course no room is named
 * by its date and place in the file, before any closure, with the
 * protocol's bounds; one after the course's last day, with that day.
 */
static void
torture_explain_noplan_booked(void **state)
{
	struct fixture *f = *state;
	struct sched_out out = { 0 };
	struct diag d = { 0 };

	fixture_eventful(f);
	f->booked[1].date = date_from_ymd(2026, 12, 9);
	f->booked[1].at.line = 12;
	f->booked[1].at.col = 5;
	free(f->pl.visits);
	f->pl.visits = NULL;
	f->pl.nvisits = 0;
	f->pl.blocked_booked = 1;
	f->pl.blocked_by = 0;	/* a closure too: the booked visit wins */
	explain_noplan(&d, &f->pl, SCHED_NO_CHAIN, &out);
	assert_int_equal(diag_class(d.code), DIAG_NOPLAN);
	assert_string_equal(d.file, "p.yaml");
	assert_int_equal(d.line, 12);
	assert_int_equal(d.col, 5);
	assert_string_equal(d.msg, "no plan: the booked visit on 2026-12-09 "
	    "leaves no way to fit the rest of the course (visits must be 14 "
	    "to 21 days apart); move or cancel it");
	/* History fixes the last day, and the booked visit is after it. */
	out.course_end = date_from_ymd(2026, 12, 8);
	explain_noplan(&d, &f->pl, SCHED_TOO_LONG, &out);
	assert_string_equal(d.msg, "no plan: the booked visit on 2026-12-09 "
	    "is after 2026-12-08, the last day of the course (it began on "
	    "2026-10-06; max_course_days 183); move or cancel it");
	/* On that day exactly, it is not the one out of reach. */
	out.course_end = f->booked[1].date;
	explain_noplan(&d, &f->pl, SCHED_TOO_LONG, &out);
	assert_string_equal(d.msg, "no plan: the booked visit on 2026-12-09 "
	    "leaves no way to fit the rest of the course (visits must be 14 "
	    "to 21 days apart); move or cancel it");
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    torture_explain_noplan_every_reason, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_explain_noplan_days,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_explain_noplan_closure,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_explain_noplan_rule,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_explain_warning,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_explain_lapse,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_explain_fixed_and_ended, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_explain_noplan_booked,
		    fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
