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
 * their merging, the warnings a clinician must see, and clinical rules
 * matched against patients.
 */

struct fixture {
	struct patient	 p;
	struct protocol	 pr;
	struct care	 care;		/* words: only its blood thinners */
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
	strv_push(&f->care.anticoagulants, "warfarin");
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
	strv_release(&f->care.anticoagulants);
	free(f);
	return 0;
}

static void
make(struct fixture *f, struct plan *pl, int today)
{
	struct chart ch = { &f->p, &f->pr, NULL, NULL, &f->care };
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
	explain_warning(&d, &pl, &pl.warnings[0]);
	assert_string_equal(d.msg, "lapse: start 2026-12-01 is 91 days after "
	    "the last visit on 2026-09-01, more than the protocol's longest "
	    "interval of 21 days; the next visit is planned without an "
	    "interval from it");
	assert_int_equal(diag_class(d.code), DIAG_WARNING);
	explain_warning(&d, &pl, &pl.warnings[3]);
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

/* A rule against a patient, each medication's class looked up in dr. */
static const char *
match(const struct rule *r, const struct patient *p, const struct drugs *dr)
{
	const struct drug_class *classes[8];
	size_t i;

	assert_true(p->medications.n <= 8);
	for (i = 0; i < p->medications.n; i++)
		classes[i] = drugs_class_of(dr, p->medications.v[i]);
	return plan_rule_match(r, p, classes);
}

/* The same with no drug classes known. */
static const char *
match_without_classes(const struct rule *r, const struct patient *p)
{
	return match(r, p, NULL);
}

static const char drugs_yaml[] =
    "classes:\n"
    "  - {id: anticoagulants, name: blood thinners, prescribed: true,\n"
    "     drugs: [warfarin]}\n";

static void
torture_plan_rule_match(void **state)
{
	static const char yaml[] =
	    "rules:\n"
	    "  - {id: a, level: note, if: {conditions: [Diabetes]}, text: A}\n"
	    "  - {id: b, level: warn, if: {class: [anticoagulants]},\n"
	    "     text: {en: B, es: Be}}\n"
	    "  - {id: c, level: stop, if: {allergies: [latex]}, text: C}\n"
	    "  - {id: d, level: warn, if: {medications: [aspirin]}, text: D}\n";
	struct diag d = { 0 };
	struct patient p;
	struct clinic *c;
	struct drugs *dr;

	(void)state;
	dr = drugs_load("d.yaml", drugs_yaml, strlen(drugs_yaml), &d);
	assert_non_null(dr);
	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	assert_non_null(c);
	assert_int_equal(c->rules.n, 4);
	assert_int_equal(c->rules.v[0].level, RULE_NOTE);
	assert_int_equal(c->rules.v[2].level, RULE_STOP);
	assert_int_equal(rules_check_classes(&c->rules, dr, &d), 0);
	memset(&p, 0, sizeof(p));
	strv_push(&p.conditions, "diabetes");
	strv_push(&p.medications, "Warfarin 5 mg");
	strv_push(&p.allergies, "Latex gloves");
	strv_push(&p.medications, "low-dose aspirin");
	/* Conditions match whole, ignoring case; the rest as words. */
	assert_string_equal(match(&c->rules.v[0], &p, dr), "diabetes");
	assert_string_equal(match(&c->rules.v[1], &p, dr),
	    "Warfarin 5 mg");
	assert_string_equal(match(&c->rules.v[2], &p, dr),
	    "Latex gloves");
	assert_string_equal(match(&c->rules.v[3], &p, dr),
	    "low-dose aspirin");
	assert_null(match_without_classes(&c->rules.v[1], &p));
	assert_string_equal(rule_text(&c->rules.v[1], "es"), "Be");
	assert_string_equal(rule_text(&c->rules.v[1], "fr"), "B");
	assert_string_equal(rule_text(&c->rules.v[0], "es"), "A");
	strv_release(&p.conditions);
	strv_release(&p.medications);
	strv_release(&p.allergies);
	strv_push(&p.conditions, "prediabetes");
	assert_null(match(&c->rules.v[0], &p, dr));
	strv_release(&p.conditions);
	clinic_free(c);
	drugs_free(dr);
}

/*
 * Matching by drug class among several classes: rows of (the rule's
 * 'if', the patient's medication, what matches or NULL).
 */
static const char two_classes_yaml[] =
    "classes:\n"
    "  - {id: nsaids, name: anti-inflammatories, drugs: [ibuprofen]}\n"
    "  - {id: anticoagulants, name: blood thinners, drugs: [warfarin]}\n";

struct class_case {
	const char	*cond;
	const char	*medication;
	const char	*expect;
};

static const struct class_case class_cases[] = {
	{ "{class: [nsaids]}", "Warfarin 5 mg", NULL },
	{ "{class: [nsaids, anticoagulants]}", "Warfarin 5 mg",
	    "Warfarin 5 mg" },
	{ "{class: [anticoagulants]}", "ibuprofen", NULL },
	{ "{class: [nsaids]}", "paracetamol", NULL },
	{ "{medications: [warfarin], class: [nsaids]}", "ibuprofen 400",
	    "ibuprofen 400" },
	{ "{allergies: [warfarin]}", "Warfarin 5 mg", NULL },
	{ "{conditions: [warfarin]}", "warfarin", NULL },
};

static void
torture_plan_rule_match_classes(void **state)
{
	char yaml[256];
	struct diag d = { 0 };
	struct patient p;
	struct clinic *c;
	struct drugs *dr;
	const char *got;
	size_t i;

	(void)state;
	dr = drugs_load("d.yaml", two_classes_yaml, strlen(two_classes_yaml),
	    &d);
	assert_non_null(dr);
	for (i = 0; i < sizeof(class_cases) / sizeof(*class_cases); i++) {
		snprintf(yaml, sizeof(yaml), "rules: [{id: a, level: warn, "
		    "if: %s, text: t}]\n", class_cases[i].cond);
		if ((c = clinic_load("c.yaml", yaml, strlen(yaml), &d)) == NULL)
			fail_msg("case %zu: %d:%d: %s", i, d.line, d.col,
			    d.msg);
		assert_int_equal(rules_check_classes(&c->rules, dr, &d), 0);
		memset(&p, 0, sizeof(p));
		strv_push(&p.medications, class_cases[i].medication);
		got = match(&c->rules.v[0], &p, dr);
		if (class_cases[i].expect == NULL ? got != NULL :
		    got == NULL || strcmp(got, class_cases[i].expect) != 0)
			fail_msg("case %zu: got %s", i, got ? got : "NULL");
		strv_release(&p.medications);
		clinic_free(c);
	}
	drugs_free(dr);
}

/* An unknown class far from every known one gets no suggestion. */
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
		cmocka_unit_test(torture_plan_rule_match),
		cmocka_unit_test(torture_plan_rule_match_classes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
