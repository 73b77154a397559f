#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "date.h"
#include "drugs.h"
#include "fixture.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "rules.h"
#include "schema.h"
#include "strv.h"

/*
 * The agenda's collection (agenda.c): which visits of a plan it takes
 * (booked and planned ones in the range, both ends included), what an
 * entry says, the flags the desk must see, and the order of the desk's
 * day.  Plans are made by hand (fixture_course()), today 2026-11-27.
 */

#define D(y, m, d)	date_from_ymd((y), (m), (d))

/*
 * Given on 11-10, missed 11-24, booked Tue 12-01 at 09:30, booked Tue
 * 12-08 with no time, planned Tue 12-15 at 08:30 and Tue 12-22.
 */
static const struct fixture_visit course[] = {
	{ 2026, 11, 10, VISIT_DONE, 0, TIME_NONE },
	{ 2026, 11, 24, VISIT_MISSED, 0, TIME_NONE },
	{ 2026, 12, 1, VISIT_BOOKED, 0, 9 * 60 + 30 },
	{ 2026, 12, 8, VISIT_BOOKED, 0, TIME_NONE },
	{ 2026, 12, 15, VISIT_PLANNED, 0, 8 * 60 + 30 },
	{ 2026, 12, 22, VISIT_PLANNED, 0, TIME_NONE },
};

#define NCOURSE	(sizeof(course) / sizeof(*course))

static void
make_course(struct fixture *f)
{
	f->p.visits = 5;
	fixture_course(f, course, NCOURSE);
}

/* The dates of the entries, as "MM-DD" joined by spaces. */
static void
assert_dates(const struct agenda *a, const char *want)
{
	char buf[256], date[DATE_LEN + 1];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < a->n; i++) {
		date_format(a->entries[i].date, date);
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    i ? " " : "", date + 5);
	}
	assert_string_equal(buf, want);
}

/* Booked and planned visits only, from..to both included. */
static void
torture_agenda_range(void **state)
{
	static const struct {
		int		 from, to;
		const char	*dates;
	} cases[] = {
		{ 20261101, 20261231, "12-01 12-08 12-15 12-22" },
		{ 20261201, 20261201, "12-01" },	/* one day */
		{ 20261202, 20261207, "" },		/* between */
		{ 20261208, 20261215, "12-08 12-15" },	/* both ends */
		{ 20261110, 20261124, "" },		/* given, missed */
		{ 20261216, 20270131, "12-22" },	/* cuts the course */
	};
	struct fixture *f = *state;
	struct agenda a;
	size_t i;
	int from, to;

	make_course(f);
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		from = D(cases[i].from / 10000, cases[i].from / 100 % 100,
		    cases[i].from % 100);
		to = D(cases[i].to / 10000, cases[i].to / 100 % 100,
		    cases[i].to % 100);
		agenda_init(&a, from, to, NULL);
		agenda_add(&a, &f->pl);
		agenda_sort(&a);
		assert_int_equal(a.nplans, 1);
		assert_dates(&a, cases[i].dates);
		agenda_release(&a);
	}
}

/* An entry: copies of the patient's and protocol's words, k of n. */
static void
torture_agenda_entry(void **state)
{
	struct fixture *f = *state;
	const struct agenda_entry *e;
	struct agenda a;

	make_course(f);
	agenda_init(&a, D(2026, 12, 15), D(2026, 12, 15), NULL);
	agenda_add(&a, &f->pl);
	assert_int_equal(a.n, 1);
	e = &a.entries[0];
	assert_int_equal(e->date, D(2026, 12, 15));
	assert_int_equal(e->time, 8 * 60 + 30);
	assert_int_equal(e->minutes, 45);	/* no clinic: the default */
	assert_string_equal(e->patient_id, "0012");
	assert_string_equal(e->patient_name, "O'Brien, \"Jo\"");
	assert_ptr_not_equal(e->patient_name, f->p.name);
	assert_string_equal(e->protocol_id, "knee-oa");
	assert_string_equal(e->protocol_name,
	    "Dextrose prolotherapy, knee osteoarthritis");
	assert_int_equal(e->visit, 4);		/* the missed one is none */
	assert_int_equal(e->visits, 5);
	assert_string_equal(e->sites, "left knee; right, outer knee");
	assert_string_equal(e->status, "planned");
	assert_int_equal(e->flags.n, 0);
	agenda_release(&a);
	agenda_init(&a, D(2026, 12, 8), D(2026, 12, 8), NULL);
	agenda_add(&a, &f->pl);
	assert_string_equal(a.entries[0].status, "booked");
	assert_int_equal(a.entries[0].time, TIME_NONE);
	agenda_release(&a);
}

/*
 * The flags: the allergy, blood thinners (paused or kept), rule
 * warnings and overrides, each once, in the plan's order; then the
 * pauses under way that day.  Other warnings are not the desk's.
 */
static void
torture_agenda_flags(void **state)
{
	struct fixture *f = *state;
	struct drug_class thinner = { .id = "anticoagulants",
	    .name = "Anticoagulants", .blood_thinner = 1 };
	struct drug_class steroid = { .id = "oral-steroids",
	    .name = "Oral steroids" };
	struct rule rule = { .id = "steroid" };
	struct override ov = { .rule = "pregnancy", .reason = "second "
	    "trimester", .approved_by = "Dr. Ada Ruiz" };
	struct rule stop = { .id = "pregnancy" };
	struct plan_warning *w;
	struct plan_hold holds[2];
	const struct strv *fl;
	struct agenda a;

	strv_push(&rule.text.langs, "");
	strv_push(&rule.text.texts, "Oral steroids may weaken healing.");
	strv_push(&stop.text.langs, "");
	strv_push(&stop.text.texts, "No injections during pregnancy.");
	make_course(f);
	w = fixture_warn(f, PLAN_W_LAPSE);
	w->date = D(2026, 11, 10);
	w = fixture_warn(f, PLAN_W_ALLERGY);
	w->subject = "lidocaine";
	w = fixture_warn(f, PLAN_W_ANTICOAG);
	w->subject = "Aspirin 81 mg";
	w = fixture_warn(f, PLAN_W_KEEP);
	w->subject = "warfarin";
	w->dc = &thinner;
	w = fixture_warn(f, PLAN_W_KEEP);
	w->subject = "prednisone";		/* kept, but no thinner */
	w->dc = &steroid;
	w = fixture_warn(f, PLAN_W_RULE);
	w->rule = &rule;
	w->subject = "Prednisolone 5 mg";
	w = fixture_warn(f, PLAN_W_NOTE);
	w->rule = &rule;
	w->subject = "diabetes";
	w = fixture_warn(f, PLAN_W_OVERRIDE);
	w->rule = &stop;
	w->override = &ov;
	w->subject = "pregnancy";
	w = fixture_warn(f, PLAN_W_ALLERGY);	/* the same words again */
	w->subject = "lidocaine";
	/* Ibuprofen from 12-05 to 12-16; aspirin 12-12 to 12-15, asked. */
	holds[0] = (struct plan_hold){ "ibuprofen", D(2026, 12, 5),
	    D(2026, 12, 16), 0 };
	holds[1] = (struct plan_hold){ "Aspirin 81 mg", D(2026, 12, 12),
	    D(2026, 12, 15), 1 };
	f->pl.holds = holds;
	f->pl.nholds = 2;

	agenda_init(&a, D(2026, 12, 1), D(2026, 12, 31), NULL);
	agenda_add(&a, &f->pl);
	f->pl.holds = NULL;
	f->pl.nholds = 0;
	assert_int_equal(a.n, 4);
	/* 12-01: no pause under way yet. */
	fl = &a.entries[0].flags;
	assert_int_equal(fl->n, 5);
	assert_string_equal(fl->v[0], "allergy to the solution: lidocaine");
	assert_string_equal(fl->v[1], "blood thinner: Aspirin 81 mg");
	assert_string_equal(fl->v[2], "blood thinner, not paused: warfarin");
	assert_string_equal(fl->v[3], "rule steroid (Prednisolone 5 mg): "
	    "Oral steroids may weaken healing.");
	assert_string_equal(fl->v[4], "rule pregnancy (pregnancy) "
	    "overridden: second trimester, approved by Dr. Ada Ruiz");
	/* 12-08: ibuprofen since 12-05. */
	fl = &a.entries[1].flags;
	assert_int_equal(fl->n, 6);
	assert_string_equal(fl->v[5], "should not be taking ibuprofen since "
	    "Sat 2026-12-05");
	/* 12-15: both, the prescriber's with its caveat; its last day. */
	fl = &a.entries[2].flags;
	assert_int_equal(fl->n, 7);
	assert_string_equal(fl->v[6], "should not be taking Aspirin 81 mg "
	    "since Sat 2026-12-12 (ask the prescriber)");
	/* 12-22: both pauses over. */
	assert_int_equal(a.entries[3].flags.n, 5);
	agenda_release(&a);
	schema_langtext_release(&rule.text);
	schema_langtext_release(&stop.text);
}

/*
 * The desk's order: by day, then time with untimed visits last, then
 * the order the plans came in, whatever order they are added in.
 */
static void
torture_agenda_order(void **state)
{
	static const struct fixture_visit late[] = {
		{ 2026, 12, 1, VISIT_PLANNED, 0, 8 * 60 + 30 },
		{ 2026, 12, 8, VISIT_PLANNED, 0, 9 * 60 + 30 },
		{ 2026, 12, 15, VISIT_PLANNED, 0, TIME_NONE },
	};
	struct fixture *f = *state;
	struct plan first;
	struct agenda a;
	struct agenda_entry *e;

	make_course(f);
	first = f->pl;			/* kept: the next course is new */
	memset(&f->pl, 0, sizeof(f->pl));
	f->p.visits = 3;
	fixture_course(f, late, 3);
	agenda_init(&a, D(2026, 12, 1), D(2026, 12, 22), NULL);
	agenda_add(&a, &first);
	agenda_add(&a, &f->pl);
	agenda_sort(&a);
	assert_int_equal(a.nplans, 2);
	assert_int_equal(a.n, 7);
	e = a.entries;
	/* 12-01: 08:30 (the second) before 09:30 (the first). */
	assert_int_equal(e[0].order, 1);
	assert_int_equal(e[0].time, 8 * 60 + 30);
	assert_int_equal(e[1].order, 0);
	/* 12-08: the timed 09:30 of the second before the untimed first. */
	assert_int_equal(e[2].order, 1);
	assert_int_equal(e[3].order, 0);
	assert_int_equal(e[3].time, TIME_NONE);
	/* 12-15: 08:30 of the first, then the untimed second. */
	assert_int_equal(e[4].order, 0);
	assert_int_equal(e[5].order, 1);
	/* Untimed on the same day: the order of the files. */
	e[5].time = e[4].time = TIME_NONE;
	e[4].order = 1;
	e[5].order = 0;
	agenda_sort(&a);
	assert_int_equal(e[4].order, 0);
	assert_int_equal(e[6].date, D(2026, 12, 22));
	agenda_release(&a);
	assert_null(a.entries);
	assert_int_equal(a.n, 0);
	plan_release(&first);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(torture_agenda_range,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_agenda_entry,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_agenda_flags,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_agenda_order,
		    fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
