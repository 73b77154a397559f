#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "date.h"
#include "diag.h"
#include "drugs.h"
#include "library.h"
#include "load.h"
#include "patient.h"
#include "plan.h"
#include "rules.h"
#include "schema.h"
#include "terms.h"

/*
 * Medicines, conditions and allergies typed the ways clinicians type
 * them, each through the whole path a patient file takes (load_patient()
 * and plan_make()) with the shipped data: drugs.yaml, terms.yaml, the
 * shipped clinic's rules and the protocol library.  Each row says what a
 * careful clinician expects: a medicine's class and how it is paused
 * (and the plan's holds agree), the rule a condition fires, the
 * ingredient or rule an allergy meets, or that prolo does not know the
 * word and says so.
 */

#define TODAY	date_from_ymd(2026, 11, 27)

static struct load run;

static int
setup(void **state)
{
	struct diag d = { 0 };
	int err;

	(void)state;
	run.datadir = "data";
	run.today = TODAY;
	if ((run.drugs = load_drugs("data", &d, &err)) == NULL ||
	    (run.terms = load_terms("data", &d, &err)) == NULL ||
	    (run.care = load_care("data", NULL, run.drugs, &d, &err)) ==
	    NULL || (run.clinic = load_clinic("data/clinic.yaml", run.drugs,
	    run.terms, &d, &err)) == NULL)
		return -1;
	run.library = library_new("data/protocols", run.care);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	load_release(&run);
	return 0;
}

/* A plan for one patient, and what it was made from. */
struct outcome {
	struct chart		 chart;
	struct plan		 plan;
	enum sched_status	 status;
	struct diag		 diag;
	int			 loaded;
};

/*
 * Plans a patient of the protocol with one line added to the file (a
 * medications, conditions or allergies list of one item, quoted).
 */
static void
plan_with(struct outcome *o, const char *protocol, const char *key,
    const char *item)
{
	struct sched_out out;
	char yaml[1024];

	memset(o, 0, sizeof(*o));
	snprintf(yaml, sizeof(yaml), "patient: {id: T-1, name: Test}\n"
	    "protocol: %s\nstart: 2026-12-01\n%s: [\"%s\"]\n", protocol, key,
	    item);
	if (load_patient(&run, "t.yaml", yaml, strlen(yaml), &o->chart,
	    &o->diag) != 0)
		return;
	o->loaded = 1;
	o->status = plan_make(&o->plan, &o->chart, TODAY, &out);
}

static void
outcome_release(struct outcome *o)
{
	plan_release(&o->plan);
	patient_free(o->chart.patient);
	diag_release(&o->diag);
}

static size_t
count_kind(const struct plan *pl, enum plan_warning_kind kind)
{
	size_t i, n;

	for (i = 0, n = 0; i < pl->nwarnings; i++)
		n += pl->warnings[i].kind == kind;
	return n;
}

/*
 * A medicine: its class id ("-" for none, "refused" for an item that
 * names more than one medicine, "invisible" for one that holds an
 * invisible character) and how that class is paused.
 */
struct med_row {
	const char	*text;
	const char	*class_id;
	int		 pause;		/* enum drug_pause, or -1 */
};

#define PAUSE	DRUG_PAUSE
#define ASK	DRUG_ASK
#define NEVER	DRUG_NEVER

static const struct med_row med_rows[] = {
	/* Anti-inflammatory painkillers, by name, brand and Spanish name. */
	{ "ibuprofen", "nsaids", PAUSE },
	{ "Ibuprofen 400mg", "nsaids", PAUSE },
	{ "IBUPROFEN 400 MG", "nsaids", PAUSE },
	{ "ibuprofeno 600 mg", "nsaids", PAUSE },
	{ "Advil", "nsaids", PAUSE },
	{ "Motrin IB 200 mg", "nsaids", PAUSE },
	{ "Nurofen", "nsaids", PAUSE },
	{ "naproxen 500 mg bid", "nsaids", PAUSE },
	{ "Naproxeno", "nsaids", PAUSE },
	{ "Aleve", "nsaids", PAUSE },
	{ "Voltaren 50 mg", "nsaids", PAUSE },
	{ "meloxicam 15mg", "nsaids", PAUSE },
	{ "Celebrex 200 mg", "nsaids", PAUSE },
	{ "Arcoxia 90", "nsaids", PAUSE },
	{ "dexketoprofeno (Enantyum)", "nsaids", PAUSE },
	{ "Excedrin", "nsaids", PAUSE },
	/*
	 * Whitespace of every kind: runs, non-breaking and thin spaces.  A
	 * zero-width space pasted from a web page is refused: the file
	 * would not show what the handout prints.
	 */
	{ "  naproxen   sodium  ", "nsaids", PAUSE },
	{ "Ibuprofen\xc2\xa0" "200\xc2\xa0mg", "nsaids", PAUSE },
	{ "naproxen\xe2\x80\x89" "500mg", "nsaids", PAUSE },
	{ "war\xe2\x80\x8b" "farin 5 mg", "invisible", -1 },
	/* Aspirin at a painkiller's dose is an NSAID. */
	{ "aspirin 325 mg", "nsaids", PAUSE },
	{ "aspirin 500mg as needed", "nsaids", PAUSE },
	{ "Aspirina 500 mg", "nsaids", PAUSE },
	{ "ASA 650 mg", "nsaids", PAUSE },
	/* Low-dose aspirin, by dose, by words, by brand and in Spanish. */
	{ "Aspirin 81mg daily", "low-dose-aspirin", ASK },
	{ "Aspirin EC 81 mg", "low-dose-aspirin", ASK },
	{ "aspirin 75mg", "low-dose-aspirin", ASK },
	{ "Aspirin 81 mg", "low-dose-aspirin", ASK },
	{ "aspirin 81 mg/day", "low-dose-aspirin", ASK },
	{ "ASA 81 mg", "low-dose-aspirin", ASK },
	{ "Ecotrin 81 mg", "low-dose-aspirin", ASK },
	{ "Bayer Low Dose Aspirin", "low-dose-aspirin", ASK },
	{ "baby aspirin", "low-dose-aspirin", ASK },
	{ "low-dose aspirin", "low-dose-aspirin", ASK },
	{ "Low Dose ASPIRIN", "low-dose-aspirin", ASK },
	{ "aspirin for my heart", "low-dose-aspirin", ASK },
	{ "aspirin (cardiac)", "low-dose-aspirin", ASK },
	{ "Aggrenox", "low-dose-aspirin", ASK },
	{ "Adiro 100 mg", "low-dose-aspirin", ASK },
	{ "Tromalyt 150", "low-dose-aspirin", ASK },
	{ "ácido acetilsalicílico 100 mg", "low-dose-aspirin", ASK },
	{ "acido acetilsalicilico 100mg", "low-dose-aspirin", ASK },
	{ "aspirina infantil", "low-dose-aspirin", ASK },
	{ "St. Joseph aspirin 81", "low-dose-aspirin", ASK },
	/* No dose, or one between: the careful class, the clinician told. */
	{ "aspirin", "low-dose-aspirin", ASK },
	{ "aspirin 162 mg twice daily", "low-dose-aspirin", ASK },
	/* Statins: never paused without the prescriber. */
	{ "atorvastatin 20 mg", "statins", ASK },
	{ "Lipitor", "statins", ASK },
	{ "rosuvastatina 10 mg", "statins", ASK },
	/* Blood thinners and steroids: never paused on a schedule. */
	{ "warfarin 5 mg", "anticoagulants", NEVER },
	{ "Warfarin", "anticoagulants", NEVER },
	{ "WARFARIN 2.5MG", "anticoagulants", NEVER },
	{ "Coumadin", "anticoagulants", NEVER },
	{ "Eliquis 5 mg bid", "anticoagulants", NEVER },
	{ "apixaban", "anticoagulants", NEVER },
	{ "Xarelto 20mg", "anticoagulants", NEVER },
	{ "rivaroxabán", "anticoagulants", NEVER },
	{ "dabigatran", "anticoagulants", NEVER },
	{ "Clexane 40 mg", "anticoagulants", NEVER },
	{ "enoxaparin 40 mg/day", "anticoagulants", NEVER },
	{ "heparina", "anticoagulants", NEVER },
	{ "Sintrom 4 mg", "anticoagulants", NEVER },
	{ "acenocumarol", "anticoagulants", NEVER },
	{ "a blood thinner", "anticoagulants", NEVER },
	{ "clopidogrel 75 mg", "antiplatelets", NEVER },
	{ "Plavix", "antiplatelets", NEVER },
	{ "ticagrelor", "antiplatelets", NEVER },
	{ "Brilinta 90 mg", "antiplatelets", NEVER },
	{ "prasugrel", "antiplatelets", NEVER },
	{ "prednisone 10 mg", "oral-steroids", NEVER },
	{ "Prednisone 5mg daily", "oral-steroids", NEVER },
	{ "prednisona", "oral-steroids", NEVER },
	{ "methylprednisolone (Medrol dose pack)", "oral-steroids", NEVER },
	{ "dexamethasone 4 mg", "oral-steroids", NEVER },
	{ "Dexametasona", "oral-steroids", NEVER },
	/* Medicines no class holds. */
	{ "metformin 500 mg", "-", -1 },
	{ "acetaminophen 500 mg", "-", -1 },
	{ "Tylenol", "-", -1 },
	{ "paracetamol", "-", -1 },
	{ "lisinopril 10 mg", "-", -1 },
	{ "levothyroxine", "-", -1 },
	/* Two medicines in one item: refused, whatever joins them. */
	{ "warfarin, ibuprofen", "refused", -1 },
	{ "Warfarin ibuprofen", "refused", -1 },
	{ "aspirin 81 mg; naproxen", "refused", -1 },
	{ "ibuprofen/acetaminophen", "refused", -1 },
	{ "clopidogrel + aspirin 81", "refused", -1 },
	{ "apixaban and naproxen", "refused", -1 },
	{ "metformina y enalapril", "refused", -1 },
	{ "prednisone & ibuprofen", "refused", -1 },
};

/*
 * The plan agrees with the class: a paused class has dated holds without
 * the caveat, an ask-prescriber one only holds with it, a never class
 * none at all and a line to keep taking it.
 */
static void
check_holds(size_t i, const struct plan *pl, int pause)
{
	size_t j;

	for (j = 0; j < pl->nholds; j++)
		if (pl->holds[j].prescribed != (pause == DRUG_ASK))
			fail_msg("med %zu: hold %zu prescribed %d", i, j,
			    pl->holds[j].prescribed);
	if (pause == DRUG_PAUSE && pl->nholds == 0)
		fail_msg("med %zu: no holds", i);
	if (pause == DRUG_NEVER &&
	    (pl->nholds != 0 || count_kind(pl, PLAN_W_KEEP) != 1))
		fail_msg("med %zu: %zu holds, %zu keep lines", i, pl->nholds,
		    count_kind(pl, PLAN_W_KEEP));
}

/* The words of a row's refusal, or NULL for a row that is planned. */
static const char *
refusal(const struct med_row *r)
{
	if (strcmp(r->class_id, "refused") == 0)
		return "write one medicine per item";
	if (strcmp(r->class_id, "invisible") == 0)
		return "must not contain the invisible character";
	return NULL;
}

static void
torture_safety_medications(void **state)
{
	const struct med_row *r;
	const struct drug_class *dc;
	struct outcome o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(med_rows) / sizeof(*med_rows); i++) {
		r = &med_rows[i];
		plan_with(&o, "knee-oa", "medications", r->text);
		if (refusal(r) != NULL) {
			if (o.loaded || strstr(o.diag.msg, refusal(r)) == NULL)
				fail_msg("med %zu '%s': not refused", i,
				    r->text);
			outcome_release(&o);
			continue;
		}
		if (!o.loaded || o.status != SCHED_OK)
			fail_msg("med %zu '%s': %s", i, r->text, o.diag.msg);
		dc = o.plan.classes[0];
		if (strcmp(dc ? dc->id : "-", r->class_id) != 0 ||
		    (dc != NULL && (int)dc->pause != r->pause))
			fail_msg("med %zu '%s': class %s", i, r->text,
			    dc ? dc->id : "-");
		check_holds(i, &o.plan, r->pause);
		outcome_release(&o);
	}
}

/*
 * A condition or an allergy: the rule it fires ("stop:ID" when the
 * course stops, "rule:ID" for a warning or a note), the ingredient of
 * the solution it meets ("ingredient:NAME"), "unknown" when nothing
 * recognises it (the clinician is told), or "-" for none of these.
 */
struct word_row {
	const char	*protocol;
	const char	*key;
	const char	*text;
	const char	*expect;
};

static const struct word_row word_rows[] = {
	/* Pregnancy, however it is typed. */
	{ "knee-oa", "conditions", "pregnancy (14 weeks)", "stop:pregnancy" },
	{ "knee-oa", "conditions", "Pregnant", "stop:pregnancy" },
	{ "knee-oa", "conditions", "pregnancy ", "stop:pregnancy" },
	{ "knee-oa", "conditions", "PREGNANT", "stop:pregnancy" },
	{ "knee-oa", "conditions", "embarazo", "stop:pregnancy" },
	{ "knee-oa", "conditions", "Embarazada de 10 semanas",
	    "stop:pregnancy" },
	/* Infection, by any of its words. */
	{ "knee-oa", "conditions", "cellulitis", "stop:infection" },
	{ "knee-oa", "conditions", "Cellulitis left leg", "stop:infection" },
	{ "knee-oa", "conditions", "active infection", "stop:infection" },
	{ "knee-oa", "conditions", "skin infection over the knee",
	    "stop:infection" },
	{ "knee-oa", "conditions", "fever", "stop:infection" },
	{ "knee-oa", "conditions", "Fiebre", "stop:infection" },
	{ "knee-oa", "conditions", "infección urinaria", "stop:infection" },
	{ "knee-oa", "conditions", "abscess", "stop:infection" },
	{ "knee-oa", "conditions", "septic arthritis", "stop:infection" },
	/* Diabetes (a note), whole words only. */
	{ "knee-oa", "conditions", "type 2 diabetes", "rule:diabetes" },
	{ "knee-oa", "conditions", "Diabetes Mellitus type 1",
	    "rule:diabetes" },
	{ "knee-oa", "conditions", "diabético", "rule:diabetes" },
	{ "knee-oa", "conditions", "DIABETES", "rule:diabetes" },
	{ "knee-oa", "conditions", "prediabetes", "unknown" },
	/* An artificial joint. */
	{ "knee-oa", "conditions", "right total knee replacement",
	    "rule:joint-replacement" },
	{ "knee-oa", "conditions", "hip replacement 2019",
	    "rule:joint-replacement" },
	{ "knee-oa", "conditions", "prótesis de rodilla",
	    "rule:joint-replacement" },
	{ "knee-oa", "conditions", "knee arthroplasty",
	    "rule:joint-replacement" },
	/* Conditions no rule knows: the clinician is told. */
	{ "knee-oa", "conditions", "gout", "unknown" },
	{ "knee-oa", "conditions", "hypertension", "unknown" },
	/* Lidocaine under any of its names, in any case. */
	{ "knee-oa", "allergies", "lidocaine", "ingredient:lidocaine" },
	{ "knee-oa", "allergies", "Xylocaine", "ingredient:lidocaine" },
	{ "knee-oa", "allergies", "lignocaine", "ingredient:lidocaine" },
	{ "knee-oa", "allergies", "lidocaína", "ingredient:lidocaine" },
	{ "knee-oa", "allergies", "LIDOCAINE (hives)",
	    "ingredient:lidocaine" },
	{ "knee-oa", "allergies", "Xylocaine - rash", "ingredient:lidocaine" },
	{ "low-back", "allergies", "lidocaine", "ingredient:lidocaine" },
	/* Dextrose, and corn it is made from. */
	{ "knee-oa", "allergies", "corn", "ingredient:dextrose" },
	{ "knee-oa", "allergies", "maize", "ingredient:dextrose" },
	{ "knee-oa", "allergies", "Corn syrup", "ingredient:dextrose" },
	{ "knee-oa", "allergies", "glucose", "ingredient:dextrose" },
	{ "knee-oa", "allergies", "maíz", "ingredient:dextrose" },
	/* Sodium morrhuate, and fish it is made from. */
	{ "lateral-epicondylosis", "allergies", "fish",
	    "ingredient:sodium morrhuate" },
	{ "lateral-epicondylosis", "allergies", "cod liver oil",
	    "ingredient:sodium morrhuate" },
	{ "lateral-epicondylosis", "allergies", "pescado",
	    "ingredient:sodium morrhuate" },
	{ "lateral-epicondylosis", "allergies", "Marcaine",
	    "ingredient:bupivacaine" },
	{ "achilles-tendinopathy", "allergies", "Naropin",
	    "ingredient:ropivacaine" },
	/* An ingredient this solution does not have: nothing to warn of. */
	{ "knee-oa", "allergies", "bupivacaine", "-" },
	{ "knee-oa", "allergies", "fish", "-" },
	/* Latex, by the clinic's rule. */
	{ "knee-oa", "allergies", "latex", "rule:latex-allergy" },
	{ "knee-oa", "allergies", "Latex gloves", "rule:latex-allergy" },
	{ "knee-oa", "allergies", "látex", "rule:latex-allergy" },
	/* Allergies nothing knows. */
	{ "knee-oa", "allergies", "penicillin", "unknown" },
	{ "knee-oa", "allergies", "sulfa", "unknown" },
};

/* What the plan says of the row's word, in the form of word_row.expect. */
static void
word_outcome(const struct outcome *o, const char *text, char *buf,
    size_t size)
{
	const struct plan_warning *w;
	size_t i;

	if (o->status == SCHED_STOPPED) {
		snprintf(buf, size, "stop:%s", o->plan.stopped->id);
		return;
	}
	snprintf(buf, size, "-");
	for (i = 0; i < o->plan.nwarnings; i++) {
		w = &o->plan.warnings[i];
		if (w->subject == NULL || strcmp(w->subject, text) != 0)
			continue;
		if (w->kind == PLAN_W_RULE || w->kind == PLAN_W_NOTE)
			snprintf(buf, size, "rule:%s", w->rule->id);
		else if (w->kind == PLAN_W_ALLERGY && w->ingredient != NULL)
			snprintf(buf, size, "ingredient:%s",
			    schema_langtext(&w->ingredient->name, "en"));
		else if (w->kind == PLAN_W_CONDITION ||
		    w->kind == PLAN_W_ALLERGEN)
			snprintf(buf, size, "unknown");
		else
			continue;
		return;
	}
}

static void
torture_safety_conditions_allergies(void **state)
{
	const struct word_row *r;
	struct outcome o;
	char got[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(word_rows) / sizeof(*word_rows); i++) {
		r = &word_rows[i];
		plan_with(&o, r->protocol, r->key, r->text);
		if (!o.loaded)
			fail_msg("row %zu '%s': %s", i, r->text, o.diag.msg);
		word_outcome(&o, r->text, got, sizeof(got));
		if (strcmp(got, r->expect) != 0)
			fail_msg("row %zu '%s': got %s, want %s", i, r->text,
			    got, r->expect);
		outcome_release(&o);
	}
}

/* The table is as big as the issue asked: at least 100 phrasings. */
static void
torture_safety_table_size(void **state)
{
	(void)state;
	assert_true(sizeof(med_rows) / sizeof(*med_rows) +
	    sizeof(word_rows) / sizeof(*word_rows) >= 100);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_safety_medications),
		cmocka_unit_test(torture_safety_conditions_allergies),
		cmocka_unit_test(torture_safety_table_size),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
