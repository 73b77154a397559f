#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "dosing.h"
#include "explain.h"
#include "load.h"
#include "norm.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "strv.h"
#include "terms.h"

/*
 * One visit's dose against the label's limits: exactly at a limit is
 * within it and a thousandth of a mL a site more is over it, for the mg
 * and the mg/kg limit; the warning from warn_percent on; the most a
 * site may be given, rounded down; the note to weigh a patient; and, as
 * the planner applies the limit, the stop, its override and the words.
 */

/* The shipped lidocaine limit, and an ingredient with none. */
static const char terms_yaml[] =
    "ingredients:\n"
    "  - name: lidocaine\n"
    "    words: [lidocaine, lignocaine]\n"
    "    max_dose: {rule: lidocaine-dose, mg_per_kg: 4.5, mg: 300,\n"
    "               warn_percent: 80, source: the label}\n"
    "  - name: dextrose\n"
    "    words: [dextrose]\n"
    "  - name: bupivacaine\n"
    "    words: [bupivacaine, marcaine]\n"
    "    max_dose: {rule: bupivacaine-dose, mg_per_kg: 2, mg: 175,\n"
    "               warn_percent: 80, source: a label}\n";

struct fixture {
	struct terms	*terms;
	struct patient	 p;
	struct protocol	 pr;
	struct solute	 solutes[2];
	struct override	 o;
};

static int
setup(void **state)
{
	struct diag d = { 0 };
	struct fixture *f;

	f = calloc(1, sizeof(*f));
	f->terms = terms_load("t.yaml", terms_yaml, strlen(terms_yaml), &d);
	if (f->terms == NULL)
		return -1;
	f->p.file = "p.yaml";
	f->p.id = "MRN-1";
	f->p.name = "Jane Roe";
	f->p.start = date_from_ymd(2026, 12, 1);
	f->p.weekdays = 0x1f;
	f->p.visits = 4;
	f->p.interval_days = 21;
	f->p.time = TIME_NONE;
	f->p.weight = -1;
	f->p.volume = 15000;
	strv_push(&f->p.sites, "left knee");
	strv_push(&f->p.sites, "right knee");
	f->pr.id = "knee-oa";
	f->pr.solution = "12.5% dextrose with 0.5% lidocaine";
	f->pr.per_site = 1;
	f->pr.ival_min = 14;
	f->pr.ival_pref = 21;
	f->pr.ival_max = 21;
	f->pr.max_course_days = 183;
	f->pr.restart = 1;
	f->solutes[0] = (struct solute){ "dextrose", norm_fold("dextrose"),
	    12500, { 0, 0 } };
	f->solutes[1] = (struct solute){ "lidocaine", norm_fold("lidocaine"),
	    500, { 0, 0 } };
	f->pr.solutes = f->solutes;
	f->pr.nsolutes = 2;
	f->pr.volume_usual = 15000;
	f->pr.volume_max = 100000;
	f->o = (struct override){ "lidocaine-dose", "monitored",
	    "Dr. Ada Ruiz", { 0, 0 } };
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	free(f->solutes[0].folded);
	free(f->solutes[1].folded);
	strv_release(&f->p.sites);
	terms_free(f->terms);
	free(f);
	return 0;
}

/* The lidocaine of the fixture's patient at volume uL a site. */
static const struct dosing_solute *
lidocaine(struct fixture *f, struct dosing *d, long volume)
{
	f->p.volume = volume;
	dosing_init(d, &f->p, &f->pr, f->terms);
	assert_int_equal(d->nsolutes, 2);
	assert_int_equal(d->solutes[0].level, DOSING_NONE);
	return &d->solutes[1];
}

/*
 * Without a weight only the 300 mg applies: two knees at 30 mL of 0.5%
 * are exactly 300 mg, within it; 30.001 mL a site is over.
 */
static void
torture_dosing_mg_limit(void **state)
{
	struct fixture *f = *state;
	const struct dosing_solute *ds;
	struct dosing d;

	ds = lidocaine(f, &d, 30000);
	assert_int_equal(d.total, 60000);
	assert_true(ds->ng == INT64_C(300000000));
	assert_true(ds->limit == INT64_C(300000000));
	assert_false(ds->by_weight);
	assert_int_equal(ds->level, DOSING_WARN);
	assert_int_equal(ds->percent, 100);
	dosing_release(&d);
	ds = lidocaine(f, &d, 30001);
	assert_int_equal(ds->level, DOSING_OVER);
	dosing_release(&d);
	/* One site: 60 mL is 300 mg. */
	strv_release(&f->p.sites);
	strv_push(&f->p.sites, "knee");
	ds = lidocaine(f, &d, 60000);
	assert_int_equal(ds->level, DOSING_WARN);
	dosing_release(&d);
	ds = lidocaine(f, &d, 60001);
	assert_int_equal(ds->level, DOSING_OVER);
	dosing_release(&d);
}

/*
 * 50 kg: 4.5 mg/kg is 225 mg, lower than 300, so it binds; 22.5 mL a
 * knee is exactly that, 22.501 is over.  A heavy patient's mg/kg limit
 * is higher than 300 mg, which binds again.
 */
static void
torture_dosing_per_kg_limit(void **state)
{
	struct fixture *f = *state;
	const struct dosing_solute *ds;
	struct dosing d;

	f->p.weight = 50000;
	ds = lidocaine(f, &d, 22500);
	assert_true(ds->limit == INT64_C(225000000));
	assert_true(ds->by_weight);
	assert_int_equal(ds->level, DOSING_WARN);
	dosing_release(&d);
	ds = lidocaine(f, &d, 22501);
	assert_int_equal(ds->level, DOSING_OVER);
	dosing_release(&d);
	/* 80 kg: 360 mg by weight, so 300 mg binds; 30.001 mL is over. */
	f->p.weight = 80000;
	ds = lidocaine(f, &d, 30000);
	assert_false(ds->by_weight);
	assert_int_equal(ds->level, DOSING_WARN);
	dosing_release(&d);
	ds = lidocaine(f, &d, 30001);
	assert_int_equal(ds->level, DOSING_OVER);
	dosing_release(&d);
	/* 66.667 kg: 300.0015 mg by weight, a hair over 300: mg binds. */
	f->p.weight = 66667;
	ds = lidocaine(f, &d, 30000);
	assert_false(ds->by_weight);
	assert_true(ds->limit == INT64_C(300000000));
	dosing_release(&d);
}

/*
 * The warning begins at warn_percent exactly: 80% of 225 mg is 180 mg,
 * 18 mL a knee; 17.999 mL is under it.
 */
static void
torture_dosing_warn_edge(void **state)
{
	struct fixture *f = *state;
	const struct dosing_solute *ds;
	struct dosing d;

	f->p.weight = 50000;
	ds = lidocaine(f, &d, 18000);
	assert_int_equal(ds->level, DOSING_WARN);
	assert_int_equal(ds->percent, 80);
	dosing_release(&d);
	ds = lidocaine(f, &d, 17999);
	assert_int_equal(ds->level, DOSING_OK);
	assert_int_equal(ds->percent, 79);
	dosing_release(&d);
}

/*
 * The most a site may be given, rounded down to 0.1 mL: 61.3 kg allows
 * 275.85 mg, 27.585 mL a knee, so 27.5; never more than the protocol's
 * max; and per ingredient, exactly, before rounding.
 */
static void
torture_dosing_max_volume(void **state)
{
	struct fixture *f = *state;
	const struct dosing_solute *ds;
	struct dosing d;

	f->p.weight = 61300;
	ds = lidocaine(f, &d, 15000);
	assert_int_equal(ds->max_volume, 27585);
	assert_int_equal(d.max_volume, 27500);
	dosing_release(&d);
	/* Exactly on a tenth stays there. */
	f->p.weight = 60000;
	lidocaine(f, &d, 15000);
	assert_int_equal(d.max_volume, 27000);
	dosing_release(&d);
	/* The protocol's max is lower: it is the most, rounded down too. */
	f->pr.volume_max = 20050;
	lidocaine(f, &d, 15000);
	assert_int_equal(d.max_volume, 20000);
	dosing_release(&d);
	/* Without a weight, 300 mg: 30 mL a knee. */
	f->pr.volume_max = 100000;
	f->p.weight = -1;
	lidocaine(f, &d, 15000);
	assert_int_equal(d.max_volume, 30000);
	dosing_release(&d);
	/* A protocol that gives no dose has none. */
	f->pr.nsolutes = 0;
	f->p.volume = 0;
	dosing_init(&d, &f->p, &f->pr, f->terms);
	assert_int_equal(d.max_volume, -1);
	assert_int_equal(d.nsolutes, 0);
	dosing_release(&d);
}

/*
 * Without a weight the clinician is asked to weigh the patient when the
 * protocol's most at these sites could be over 4.5 mg/kg for 50 kg:
 * 22.5 mL a knee at most is exactly 225 mg, no note; 22.501 is over.
 */
static void
torture_dosing_weigh(void **state)
{
	struct fixture *f = *state;
	struct dosing d;

	f->pr.volume_max = 22500;
	lidocaine(f, &d, 15000);
	assert_null(d.weigh);
	dosing_release(&d);
	f->pr.volume_max = 22501;
	lidocaine(f, &d, 15000);
	assert_ptr_equal(d.weigh, &d.solutes[1]);
	dosing_release(&d);
	/* A weight given: nothing to ask. */
	f->p.weight = 90000;
	lidocaine(f, &d, 15000);
	assert_null(d.weigh);
	dosing_release(&d);
	/* A patient made in code with no weight (0) has none. */
	f->p.weight = 0;
	lidocaine(f, &d, 15000);
	assert_int_equal(d.weight, -1);
	assert_non_null(d.weigh);
	dosing_release(&d);
}

/*
 * A protocol that lists no ingredients while its solution names one
 * with a limit: the dose cannot be checked, and the clinician is told.
 */
static void
torture_dosing_unchecked(void **state)
{
	struct fixture *f = *state;
	struct dosing d;
	int64_t ng;

	f->pr.nsolutes = 0;
	f->pr.volume_max = f->pr.volume_usual = 0;
	f->p.volume = 0;
	dosing_init(&d, &f->p, &f->pr, f->terms);
	assert_non_null(d.unchecked);
	assert_string_equal(d.unchecked->max_dose.rule, "lidocaine-dose");
	assert_int_equal(dosing_amount(&d, f->terms, "lidocaine", &ng), 0);
	dosing_release(&d);
	f->pr.solution = "15% dextrose";
	dosing_init(&d, &f->p, &f->pr, f->terms);
	assert_null(d.unchecked);
	dosing_release(&d);
	/* Listed, it is checked. */
	f->pr.solution = "12.5% dextrose with 0.5% lignocaine";
	f->pr.nsolutes = 2;
	lidocaine(f, &d, 15000);
	assert_null(d.unchecked);
	assert_int_equal(dosing_amount(&d, f->terms, "Lignocaine", &ng), 1);
	assert_true(ng == INT64_C(150000000));
	dosing_release(&d);
}

/*
 * Two limited ingredients: each against its own label, at its own
 * level whichever is listed first, and the note to weigh naming the
 * first that needs it.  No weight, two
 * sites: 0.25% bupivacaine is 5 mg a mL a site pair (175 mg at 35 mL a
 * site, 80% at 28), 0.5% lidocaine 10 (300 mg at 30, 80% at 24).
 */
static void
torture_dosing_two_limits(void **state)
{
	struct fixture *f = *state;
	const struct ingredient *bupi, *lido;
	struct solute tmp;
	struct dosing d;

	free(f->solutes[0].folded);
	f->solutes[0] = (struct solute){ "bupivacaine",
	    norm_fold("bupivacaine"), 250, { 0, 0 } };
	bupi = terms_ingredient_named(f->terms, f->solutes[0].folded);
	lido = terms_ingredient_named(f->terms, f->solutes[1].folded);
	assert_non_null(bupi);
	assert_non_null(lido);
	/* Lidocaine at 80% (240 mg), bupivacaine at 68% (120 mg). */
	f->p.volume = 24000;
	dosing_init(&d, &f->p, &f->pr, f->terms);
	assert_int_equal(d.solutes[0].level, DOSING_OK);
	assert_int_equal(d.solutes[1].level, DOSING_WARN);
	assert_ptr_equal(dosing_of(&d, bupi), &d.solutes[0]);
	assert_ptr_equal(dosing_of(&d, lido), &d.solutes[1]);
	/* Both need a weight at 100 mL: the first listed is named. */
	assert_ptr_equal(d.weigh, &d.solutes[0]);
	/* Bupivacaine's 175 mg allow 35 mL a site, lidocaine's 300 mg 30. */
	assert_int_equal(d.solutes[0].max_volume, 35000);
	assert_int_equal(d.max_volume, 30000);
	dosing_release(&d);
	/* 30.001 mL: bupivacaine near (150.005 mg), lidocaine over. */
	f->p.volume = 30001;
	dosing_init(&d, &f->p, &f->pr, f->terms);
	assert_int_equal(d.solutes[0].level, DOSING_WARN);
	assert_int_equal(d.solutes[1].level, DOSING_OVER);
	dosing_release(&d);
	/* Listed the other way round, the one over is still named. */
	tmp = f->solutes[0];
	f->solutes[0] = f->solutes[1];
	f->solutes[1] = tmp;
	dosing_init(&d, &f->p, &f->pr, f->terms);
	assert_int_equal(d.solutes[0].level, DOSING_OVER);
	assert_int_equal(d.solutes[1].level, DOSING_WARN);
	assert_ptr_equal(d.weigh, &d.solutes[0]);
	assert_ptr_equal(dosing_of(&d, lido), &d.solutes[0]);
	dosing_release(&d);
}

/* dosing_of() finds only an ingredient of the solution, and not NULL. */
static void
torture_dosing_of(void **state)
{
	struct fixture *f = *state;
	const struct ingredient *bupi;
	struct dosing d;

	bupi = terms_ingredient(f->terms, " marcaine ");
	assert_non_null(bupi);
	lidocaine(f, &d, 15000);
	assert_null(dosing_of(&d, bupi));
	assert_null(dosing_of(&d, NULL));
	/* dextrose has no limit, but is the solution's. */
	assert_ptr_equal(dosing_of(&d, terms_ingredient(f->terms,
	    " dextrose ")), &d.solutes[0]);
	dosing_release(&d);
}

/*
 * A dose many times its limit: the percent is capped for the words at
 * 999999, not wrapped, and it is still over, with 0 mL a site allowed.
 * 1 g (a patient made in code) allows 4.5 ug; 30 mL at two sites are
 * 150 mg, 3333333% of it.
 */
static void
torture_dosing_far_over(void **state)
{
	struct fixture *f = *state;
	const struct dosing_solute *ds;
	struct dosing d;

	f->p.weight = 1;
	ds = lidocaine(f, &d, 15000);
	assert_true(ds->limit == 4500);
	assert_true(ds->by_weight);
	assert_int_equal(ds->percent, 999999);
	assert_int_equal(ds->level, DOSING_OVER);
	assert_int_equal(ds->max_volume, 0);
	assert_int_equal(d.max_volume, 0);
	dosing_release(&d);
	/* 10 g: 45 ug, 333333%, under the cap and exact. */
	f->p.weight = 10;
	ds = lidocaine(f, &d, 15000);
	assert_int_equal(ds->percent, 333333);
	dosing_release(&d);
}

/*
 * A patient made in code with no sites gives nothing: no division by
 * its 0 sites, no dose, and the protocol's max (rounded down) the most.
 */
static void
torture_dosing_no_sites(void **state)
{
	struct fixture *f = *state;
	const struct dosing_solute *ds;
	struct dosing d;

	strv_release(&f->p.sites);
	f->pr.volume_max = 20050;
	ds = lidocaine(f, &d, 15000);
	assert_int_equal(d.sites, 0);
	assert_int_equal(d.total, 0);
	assert_true(ds->ng == 0);
	assert_int_equal(ds->level, DOSING_OK);
	assert_int_equal(ds->max_volume, PROTO_VOLUME_MAX);
	assert_int_equal(d.max_volume, 20000);
	assert_null(d.weigh);
	dosing_release(&d);
}

/*
 * A patient's volume with a protocol that lists no ingredients: no dose
 * is known, so none is checked or reported, but the lidocaine its
 * solution names is, as unchecked.
 */
static void
torture_dosing_volume_no_ingredients(void **state)
{
	struct fixture *f = *state;
	struct dosing d;
	int64_t ng = 1;

	f->pr.nsolutes = 0;
	f->p.volume = 15000;
	dosing_init(&d, &f->p, &f->pr, f->terms);
	assert_int_equal(d.volume, 0);
	assert_int_equal(d.nsolutes, 0);
	assert_int_equal(d.max_volume, -1);
	assert_null(d.solutes);
	assert_non_null(d.unchecked);
	assert_string_equal(d.unchecked->max_dose.rule, "lidocaine-dose");
	assert_int_equal(dosing_amount(&d, f->terms, "lidocaine", &ng), 0);
	assert_true(ng == 0);
	dosing_release(&d);
}

/*
 * Amounts are printed exact to 3 decimals of a mg, a half ug or more
 * up; mg/kg to 2, half up; volumes and weights as written.
 */
static void
torture_dosing_words(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(dosing_mg(buf, sizeof(buf), INT64_C(285000000)),
	    "285");
	assert_string_equal(dosing_mg(buf, sizeof(buf), INT64_C(1234500)),
	    "1.235");
	assert_string_equal(dosing_mg(buf, sizeof(buf), INT64_C(1234499)),
	    "1.234");
	assert_string_equal(dosing_mg(buf, sizeof(buf), INT64_C(427500000)),
	    "427.5");
	assert_string_equal(dosing_mg(buf, sizeof(buf), 0), "0");
	assert_string_equal(dosing_mg_per_kg(buf, sizeof(buf),
	    INT64_C(285000000), 50000), "5.7");
	assert_string_equal(dosing_mg_per_kg(buf, sizeof(buf),
	    INT64_C(150000000), 68000), "2.21");
	/* 2.205 mg/kg exactly rounds up; 2.2049... down. */
	assert_string_equal(dosing_mg_per_kg(buf, sizeof(buf),
	    INT64_C(220500000), 100000), "2.21");
	assert_string_equal(dosing_mg_per_kg(buf, sizeof(buf),
	    INT64_C(220499999), 100000), "2.2");
	assert_string_equal(schema_milli_str(buf, sizeof(buf), 28500), "28.5");
	assert_string_equal(schema_milli_str(buf, sizeof(buf), 61250), "61.25");
	assert_string_equal(schema_milli_str(buf, sizeof(buf), 100), "0.1");
}

/* The fixture's course planned on 2026-11-27, and its status. */
static enum sched_status
make(struct fixture *f, struct plan *pl, struct diag *d)
{
	struct chart ch = { .patient = &f->p, .protocol = &f->pr,
	    .terms = f->terms };
	struct sched_out out;
	enum sched_status st;

	st = plan_make(pl, &ch, date_from_ymd(2026, 11, 27), &out);
	if (st != SCHED_OK)
		explain_noplan(d, pl, st, &out);
	return st;
}

/* Whether a plan has a warning of a kind. */
static int
has_kind(const struct plan *pl, enum plan_warning_kind k)
{
	size_t i;

	for (i = 0; i < pl->nwarnings; i++)
		if (pl->warnings[i].kind == k)
			return 1;
	return 0;
}

/*
 * Over a limit the plan stops, and says why: the mg, the mg/kg, the
 * limit for this patient, the rule, its source and the most a site may
 * be given.  The patient file's override of the rule lets it go on,
 * with the override in the clinician's warning.
 */
static void
torture_dosing_stop_and_override(void **state)
{
	struct fixture *f = *state;
	struct diag d = { 0 };
	struct plan pl;

	f->p.weight = 50000;
	f->p.volume = 28500;
	f->pr.volume_max = 28500;
	assert_int_equal(make(f, &pl, &d), SCHED_STOPPED);
	assert_null(pl.stopped);
	assert_non_null(pl.dose_stopped);
	assert_int_equal(diag_class(d.code), DIAG_NOPLAN);
	assert_string_equal(d.msg, "no plan: lidocaine 285 mg at each visit "
	    "(5.7 mg/kg for 50 kg) is over the label's maximum of 4.5 mg/kg "
	    "(225 mg) (rule lidocaine-dose; the label): at most 22.5 mL a "
	    "site for this patient; lower volume_ml, or override the rule "
	    "with a reason (overrides: [{rule: lidocaine-dose, reason: ..., "
	    "approved_by: ...}])");
	plan_release(&pl);
	/* Exactly at the limit it plans, with the warning. */
	f->p.volume = 22500;
	assert_int_equal(make(f, &pl, &d), SCHED_OK);
	assert_true(has_kind(&pl, PLAN_W_DOSE_NEAR));
	assert_false(has_kind(&pl, PLAN_W_DOSE_OVER));
	explain_warning(&d, &pl, &pl.warnings[0]);
	assert_string_equal(d.msg, "lidocaine 225 mg at each visit (4.5 "
	    "mg/kg for 50 kg) is 100% of the label's maximum of 4.5 mg/kg "
	    "(225 mg) (rule lidocaine-dose; the label): at most 22.5 mL a "
	    "site stays within it for this patient");
	plan_release(&pl);
	/* Overridden. */
	f->p.volume = 28500;
	f->p.overrides = &f->o;
	f->p.noverrides = 1;
	assert_int_equal(make(f, &pl, &d), SCHED_OK);
	assert_int_equal(pl.warnings[0].kind, PLAN_W_DOSE_OVER);
	assert_ptr_equal(pl.warnings[0].override, &f->o);
	explain_warning(&d, &pl, &pl.warnings[0]);
	assert_string_equal(d.msg, "rule 'lidocaine-dose' would stop the "
	    "course: lidocaine 285 mg at each visit (5.7 mg/kg for 50 kg) is "
	    "over the label's maximum of 4.5 mg/kg (225 mg) (the label); "
	    "overridden: monitored (approved by Dr. Ada Ruiz); at most 22.5 "
	    "mL a site would stay within it");
	plan_release(&pl);
	/* An override of another rule does not let it go on. */
	f->o.rule = "pregnancy";
	assert_int_equal(make(f, &pl, &d), SCHED_STOPPED);
	plan_release(&pl);
	diag_release(&d);
}

/*
 * Without a weight: the mg limit alone stops (no mg/kg in the words),
 * and under it the note to weigh the patient; a course with nothing
 * left to give is not stopped, nor warned of.
 */
static void
torture_dosing_no_weight(void **state)
{
	struct fixture *f = *state;
	struct diag d = { 0 };
	struct plan pl;
	size_t i;

	f->pr.volume_max = 28500;
	f->p.volume = 28500;
	assert_int_equal(make(f, &pl, &d), SCHED_OK);
	assert_true(has_kind(&pl, PLAN_W_DOSE_NEAR));
	assert_true(has_kind(&pl, PLAN_W_WEIGH));
	for (i = 0; i < pl.nwarnings; i++)
		if (pl.warnings[i].kind == PLAN_W_WEIGH)
			explain_warning(&d, &pl, &pl.warnings[i]);
	assert_string_equal(d.msg, "no weight_kg: at the protocol's most, "
	    "28.5 mL a site at 2 sites, lidocaine would be 285 mg, over the "
	    "label's 4.5 mg/kg for a 50 kg adult (rule lidocaine-dose); weigh "
	    "the patient and give weight_kg: without it only the label's 300 "
	    "mg is checked");
	plan_release(&pl);
	strv_push(&f->p.sites, "left hip");
	assert_int_equal(make(f, &pl, &d), SCHED_STOPPED);
	assert_string_equal(d.msg, "no plan: lidocaine 427.5 mg at each "
	    "visit is over the label's maximum of 300 mg (rule "
	    "lidocaine-dose; the label): at most 20 mL a site for this "
	    "patient; lower volume_ml, or override the rule with a reason "
	    "(overrides: [{rule: lidocaine-dose, reason: ..., approved_by: "
	    "...}])");
	plan_release(&pl);
	/* Every visit given: no dose to stop, no warning. */
	f->p.nhistory = 4;
	f->p.history = calloc(4, sizeof(int));
	f->p.history[0] = date_from_ymd(2026, 9, 1);
	f->p.history[1] = date_from_ymd(2026, 9, 22);
	f->p.history[2] = date_from_ymd(2026, 10, 13);
	f->p.history[3] = date_from_ymd(2026, 11, 3);
	assert_int_equal(make(f, &pl, &d), SCHED_OK);
	assert_false(has_kind(&pl, PLAN_W_WEIGH));
	assert_false(has_kind(&pl, PLAN_W_DOSE_NEAR));
	plan_release(&pl);
	free(f->p.history);
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(torture_dosing_mg_limit,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_dosing_per_kg_limit,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_dosing_warn_edge,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_dosing_max_volume,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_dosing_weigh,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_dosing_unchecked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_dosing_two_limits,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_dosing_of,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_dosing_far_over,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_dosing_no_sites,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    torture_dosing_volume_no_ingredients, setup, teardown),
		cmocka_unit_test(torture_dosing_words),
		cmocka_unit_test_setup_teardown(
		    torture_dosing_stop_and_override, setup, teardown),
		cmocka_unit_test_setup_teardown(torture_dosing_no_weight,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
