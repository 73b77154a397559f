#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "strv.h"

/*
 * Plans built from structs: visits with history, medication holds and
 * their merging, and the warnings a clinician must see.
 */

struct fixture {
	struct patient	 p;
	struct protocol	 pr;
	struct strv	 anticoag;
	int		 hist[4];
};

static int
setup(void **state)
{
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
	f->pr.holds = calloc(2, sizeof(*f->pr.holds));
	strv_push(&f->pr.holds[0].drugs, "aspirin");
	strv_push(&f->pr.holds[0].drugs, "ibuprofen");
	f->pr.holds[0].stop_before = 3;
	f->pr.holds[0].resume_after = 7;
	f->pr.nholds = 1;
	strv_push(&f->anticoag, "warfarin");
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
	strv_release(&f->anticoag);
	free(f);
	return 0;
}

static void
make(struct fixture *f, struct plan *pl, int today)
{
	struct sched_out out;

	assert_int_equal(plan_make(pl, &f->p, &f->pr, &f->anticoag, today,
	    &out), SCHED_OK);
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
	assert_int_equal(pl.visits[0].done, 1);
	assert_int_equal(pl.visits[0].interval, -1);
	assert_int_equal(pl.visits[1].interval, 21);
	assert_int_equal(pl.visits[2].done, 0);
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
	make(f, &pl, f->p.start);
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
	make(f, &pl, f->p.start);
	assert_int_equal(pl.nholds, 1);
	assert_int_equal(pl.holds[0].from, f->p.start - 10);
	assert_int_equal(pl.holds[0].to, f->p.start + 63 + 10);
	plan_release(&pl);
	f->pr.holds[0].resume_after = 9;	/* a one-day gap: apart */
	make(f, &pl, f->p.start);
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
	make(f, &pl, f->p.start);
	assert_int_equal(pl.nholds, 1);
	assert_int_equal(pl.holds[0].from, f->p.start - 7);
	assert_int_equal(pl.holds[0].to, f->p.start + 7);
	plan_release(&pl);
}

static void
torture_plan_make_warnings(void **state)
{
	struct fixture *f = *state;
	struct diag d = { 0 };
	struct plan pl;

	f->hist[0] = date_from_ymd(2026, 9, 1);
	f->p.history = f->hist;
	f->p.nhistory = 1;
	strv_push(&f->p.allergies, "Lidocaine (hives)");
	strv_push(&f->p.allergies, "latex");
	strv_push(&f->p.medications, "Warfarin 5 mg");
	make(f, &pl, date_from_ymd(2026, 12, 10));
	assert_int_equal(pl.lapsed, 1);
	assert_int_equal(pl.nwarnings, 4);
	assert_int_equal(pl.warnings[0].kind, PLAN_W_LAPSE);
	assert_int_equal(pl.warnings[0].date, f->hist[0]);
	assert_int_equal(pl.warnings[0].days, 91);
	assert_int_equal(pl.warnings[1].kind, PLAN_W_ALLERGY);
	assert_string_equal(pl.warnings[1].subject, "Lidocaine (hives)");
	assert_int_equal(pl.warnings[2].kind, PLAN_W_ANTICOAG);
	assert_int_equal(pl.warnings[3].kind, PLAN_W_PAST);
	assert_int_equal(pl.warnings[3].visit, 2);
	plan_warning_diag(&d, &pl, &pl.warnings[0]);
	assert_string_equal(d.msg, "lapse: start 2026-12-01 is 91 days after "
	    "the last visit on 2026-09-01, more than the protocol's longest "
	    "interval of 21 days; the next visit is planned without an "
	    "interval from it");
	assert_int_equal(diag_class(d.code), DIAG_WARNING);
	plan_warning_diag(&d, &pl, &pl.warnings[3]);
	assert_string_equal(d.msg, "visit 2 is planned on 2026-12-01, before "
	    "today 2026-12-10");
	diag_release(&d);
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

static void
torture_plan_explain(void **state)
{
	struct fixture *f = *state;
	struct sched_out out;
	struct diag d = { 0 };
	struct plan pl;
	enum sched_status st;

	f->p.visits = 10;
	f->pr.ival_min = 21;
	st = plan_make(&pl, &f->p, &f->pr, &f->anticoag, f->p.start, &out);
	assert_int_equal(st, SCHED_TOO_LONG);
	assert_int_equal(pl.nvisits, 0);
	plan_explain(&d, &pl, &f->p, &f->pr, st, &out);
	assert_int_equal(diag_class(d.code), DIAG_NOPLAN);
	assert_string_equal(d.msg, "no plan: 10 visits 21 to 21 days apart on "
	    "days the patient can come cannot fit in the protocol's course "
	    "of at most 183 days (max_course_days)");
	diag_release(&d);
}

static void
explain_expect(struct fixture *f, enum sched_status want, const char *msg)
{
	struct sched_out out;
	struct diag d = { 0 };
	struct plan pl;
	enum sched_status st;

	st = plan_make(&pl, &f->p, &f->pr, &f->anticoag, f->p.start, &out);
	assert_int_equal(st, want);
	plan_explain(&d, &pl, &f->p, &f->pr, st, &out);
	assert_string_equal(d.msg, msg);
	assert_string_equal(d.file, "p.yaml");
	diag_release(&d);
}

/* Every reason prints with its own arguments (formats are not checked by the compiler). */
static void
torture_plan_explain_every_reason(void **state)
{
	struct fixture *f = *state;
	struct date_range closed;

	f->p.weekdays = 1u << 5;	/* Saturdays */
	closed.from = f->p.start;
	closed.to = f->p.start + 365;
	f->p.unavailable = &closed;
	f->p.nunavailable = 1;
	explain_expect(f, SCHED_NO_DAY, "no plan: the patient can come on no "
	    "day in the 366 days from 2026-12-01 (weekdays, unavailable)");
	f->p.nunavailable = 0;
	f->pr.ival_min = f->pr.ival_max = f->pr.ival_pref = 15;
	explain_expect(f, SCHED_NO_CHAIN, "no plan: 4 visits 15 to 15 days "
	    "apart cannot all fall on days the patient can come (weekdays, "
	    "unavailable) with the first from 2026-12-01 to 2027-12-01");
	f->hist[0] = date_from_ymd(2026, 11, 24);
	f->p.history = f->hist;
	f->p.nhistory = 1;
	f->p.visits = 2;
	f->pr.ival_min = 14;
	f->pr.ival_max = 17;
	explain_expect(f, SCHED_NO_WINDOW, "no plan: the next visit must be 14 "
	    "to 17 days after the last visit on 2026-11-24, from 2026-12-08 "
	    "to 2026-12-11, and the patient can come on none of those days "
	    "(weekdays, unavailable)");
	f->p.weekdays = 0x7f;
	f->pr.max_course_days = 13;
	explain_expect(f, SCHED_TOO_LONG, "no plan: the course began on "
	    "2026-11-24 and must end within 13 days (max_course_days), by "
	    "2026-12-07; 1 more visit 14 to 17 days apart cannot fit");
}

static void
torture_plan_word_match(void **state)
{
	(void)state;
	assert_true(plan_word_match("Aspirin 81 mg", "aspirin"));
	assert_true(plan_word_match("low-dose aspirin", "aspirin"));
	assert_true(plan_word_match("aspirin", "aspirin"));
	assert_false(plan_word_match("aspirinate", "aspirin"));
	assert_false(plan_word_match("paspirin", "aspirin"));
	assert_false(plan_word_match("asp", "aspirin"));
	assert_true(plan_word_match("0.5% lidocaine", "lidocaine"));
	assert_false(plan_word_match("Müllerlidocaine", "lidocaine"));
	assert_false(plan_word_match("anything", ""));
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
		cmocka_unit_test_setup_teardown(torture_plan_make_course_done,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_plan_explain,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    torture_plan_explain_every_reason, setup, teardown),
		cmocka_unit_test(torture_plan_word_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
