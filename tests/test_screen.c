#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic.h"
#include "diag.h"
#include "drugs.h"
#include "fixture.h"
#include "load.h"
#include "patient.h"
#include "plan.h"
#include "rules.h"
#include "schema.h"
#include "screen.h"
#include "strv.h"
#include "terms.h"

/*
 * A patient screened against rules and the solution (screen.h): rules
 * by condition through the groups of the shipped data/terms.yaml, by
 * medication name, drug class (data/drugs.yaml) and interaction; the
 * allergies to the solution's ingredients under any of their names or
 * sources; the levels of rules, stops and overrides; and what nothing
 * recognises.  Every case is a row; a failure names its row.
 */

#define NITEMS	8	/* at most, of each list a row gives */
#define NELEMS(a) (sizeof(a) / sizeof(*(a)))

/* The fixture's solution: dextrose, made from corn, and lidocaine. */
#define DEXTROSE	"12.5% dextrose with 0.5% lidocaine"
/* Sodium morrhuate, made from cod liver oil, and lidocaine. */
#define MORRHUATE	"5% sodium morrhuate with 0.5% lidocaine"
/* Phenol and glycerin are no ingredient of terms.yaml. */
#define P2G		"P2G: phenol 1.25%, glycerin 12.5%, dextrose 12.5%"

/* A patient list as a row gives it: up to NITEMS, NULL after the last. */
static void
set_items(struct strv *sv, const char *const *items)
{
	size_t i;

	strv_release(sv);
	for (i = 0; i < NITEMS && items[i] != NULL; i++)
		strv_push(sv, items[i]);
}

/* Rules read as a clinic file, their classes checked against drugs.yaml. */
static struct clinic *
rules_from(const struct fixture *f, size_t i, const char *yaml)
{
	struct diag d = { 0 };
	struct clinic *c;

	if (yaml == NULL)
		return NULL;
	c = load_clinic_text("r.yaml", yaml, strlen(yaml), f->drugs,
	    f->terms, &d);
	if (c == NULL)
		fail_msg("case %zu: rules refused: %d:%d: %s", i, d.line, d.col,
		    d.msg);
	diag_release(&d);
	return c;
}

/* The class of each of the patient's medications, or none when !known. */
static void
classify(const struct fixture *f, const struct drug_class *out[NITEMS],
    int known)
{
	size_t i;

	for (i = 0; i < NITEMS; i++)
		out[i] = known && i < f->p.medications.n ?
		    drugs_class_of(f->drugs, f->p.medications.v[i]) : NULL;
}

/* A warning's kind by name, for messages. */
static const char *
kind_name(int kind)
{
	static const char *const names[] = {
		[PLAN_W_ALLERGY] = "allergy", [PLAN_W_CONDITION] = "condition",
		[PLAN_W_ALLERGEN] = "allergen", [PLAN_W_NOTE] = "note",
		[PLAN_W_RULE] = "rule", [PLAN_W_OVERRIDE] = "override"
	};

	if (kind < 0 || (size_t)kind >= NELEMS(names) || names[kind] == NULL)
		return "other";
	return names[kind];
}

/* Whether text is one of the patient's own items (not a folded copy). */
static int
is_item(const struct patient *p, const char *text)
{
	const struct strv *lists[] = { &p->medications, &p->allergies,
	    &p->conditions };
	size_t i, j;

	for (i = 0; i < NELEMS(lists); i++)
		for (j = 0; j < lists[i]->n; j++)
			if (text == lists[i]->v[j])
				return 1;
	return 0;
}

/*
 * What screen_rule() returned against what a row wants: NULL, or the
 * patient's item as typed.
 */
static void
check_item(size_t i, const char *got, const char *want,
    const struct patient *p)
{
	if (want == NULL) {
		if (got != NULL)
			fail_msg("case %zu: matched '%s', want no match", i,
			    got);
		return;
	}
	if (got == NULL)
		fail_msg("case %zu: no match, want '%s'", i, want);
	if (strcmp(got, want) != 0)
		fail_msg("case %zu: matched '%s', want '%s'", i, got, want);
	if (!is_item(p, got))
		fail_msg("case %zu: '%s' is not the patient's own text", i,
		    got);
}

/*
 * 1. Rules by condition.  The patient has "asthma", which no rule here
 * names, and then the row's condition: a match must be the row's text
 * as typed, not the first item.
 */
struct cond_case {
	const char	*words;		/* the rule's if: conditions */
	const char	*condition;	/* the patient's, as typed */
	int		 terms;		/* with terms.yaml, else none */
	int		 match;
};

static const struct cond_case cond_cases[] = {
	/* A group's words, however typed: case, accents, spaces (a
	   trailing one, a no-break one), punctuation, other words around. */
	{ "[pregnancy, pregnant]", "pregnancy (14 weeks)", 1, 1 },
	{ "[pregnancy, pregnant]", "Pregnant", 1, 1 },
	{ "[pregnancy, pregnant]", "pregnancy ", 1, 1 },
	{ "[pregnancy, pregnant]", "EMBARAZO", 1, 1 },
	{ "[pregnancy, pregnant]", "embarazada", 1, 1 },
	{ "[pregnancy]", "Embarazada de 12\xc2\xa0semanas", 1, 1 },
	{ "[pregnancy]", "expecting a baby", 1, 1 },
	{ "[infection, skin infection, fever]", "cellulitis", 1, 1 },
	{ "[infection, skin infection, fever]", "active infection", 1, 1 },
	{ "[infection, skin infection, fever]",
	    "skin infection over the knee", 1, 1 },
	{ "[infection, skin infection, fever]", "fever", 1, 1 },
	{ "[infection, skin infection, fever]", "Fiebre", 1, 1 },
	{ "[infection]", "Infección urinaria", 1, 1 },
	{ "[infection]", "abscess, left thigh", 1, 1 },
	{ "[Diabetes]", "diabetes", 1, 1 },
	{ "[diabetes]", "type 2 diabetes", 1, 1 },
	{ "[diabetes]", "Type 2\xc2\xa0" "Diabetes", 1, 1 },
	{ "[diabetes]", "diabético", 1, 1 },
	{ "[diabetes]", "DIABETES MELLITUS (type 1)", 1, 1 },
	{ "[joint replacement, knee replacement, hip replacement]",
	    "right total knee replacement", 1, 1 },
	{ "[joint replacement, knee replacement, hip replacement]",
	    "prótesis de rodilla", 1, 1 },
	{ "[joint replacement]", "PRÓTESIS DE CADERA", 1, 1 },
	{ "[joint replacement]", "arthroplasty, left hip", 1, 1 },
	/* Any word of a group stands for the whole group, whichever
	   word and language the rule was written with. */
	{ "[Embarazo]", "pregnant", 1, 1 },
	{ "[fever]", "cellulitis", 1, 1 },
	{ "[knee replacement]", "hip replacement", 1, 1 },
	{ "[Diabético]", "type 2 diabetes", 1, 1 },
	/* Whole words only: a group's word inside another word is not it. */
	{ "[diabetes]", "prediabetes", 1, 0 },
	{ "[infection]", "uses antiseptic cream", 1, 0 },
	{ "[infection]", "takes feverfew", 1, 0 },
	/* Over-inclusive on purpose, for safety: a whole word matches
	   whatever is around it, a negation too; the clinician decides. */
	{ "[pregnancy]", "pregnancy test negative", 1, 1 },
	{ "[diabetes]", "non-diabetic", 1, 1 },
	/* A condition nobody knows matches no group. */
	{ "[pregnancy, pregnant]", "gout", 1, 0 },
	{ "[infection, skin infection, fever]", "gout", 1, 0 },
	{ "[diabetes]", "gout", 1, 0 },
	{ "[joint replacement]", "gout", 1, 0 },
	/* A word in no group still matches itself, whole. */
	{ "[gout]", "Gout, both big toes", 1, 1 },
	{ "[gout]", "gouty arthritis", 1, 0 },
	/* Without terms, only the rule's own words, still folded. */
	{ "[infection]", "cellulitis", 0, 0 },
	{ "[infection]", "Active INFECTION", 0, 1 },
	{ "[pregnancy]", "EMBARAZO", 0, 0 },
	{ "[diabetes]", "type 2 diabetes", 0, 1 },
};

static void
torture_screen_rule_conditions(void **state)
{
	struct fixture *f = *state;
	const struct drug_class *classes[NITEMS];
	const struct cond_case *c;
	struct screen s;
	struct clinic *cl;
	char yaml[256];
	size_t i;

	for (i = 0; i < NELEMS(cond_cases); i++) {
		c = &cond_cases[i];
		snprintf(yaml, sizeof(yaml), "rules: [{id: r, level: warn, "
		    "if: {conditions: %s}, text: t}]\n", c->words);
		cl = rules_from(f, i, yaml);
		set_items(&f->p.conditions,
		    (const char *const[]){ "asthma", c->condition, NULL });
		classify(f, classes, 1);
		screen_init(&s, &f->p, &f->pr, c->terms ? f->terms : NULL,
		    classes);
		check_item(i, screen_rule(&s, &cl->rules.v[0]),
		    c->match ? c->condition : NULL, &f->p);
		screen_release(&s);
		clinic_free(cl);
	}
}

/*
 * 2. Rules by medication name, by class and by interaction, and by
 * allergy through the ingredients' groups.  Each row: the rule's 'if',
 * the patient's medications and allergies, whether the medications'
 * classes are known, and the item the rule matches.
 */
struct match_case {
	const char	*cond;
	const char	*meds[NITEMS];
	const char	*allergies[NITEMS];
	int		 classified;
	const char	*expect;
};

static const struct match_case match_cases[] = {
	/* Names are the rule's own words, whole, however typed; another
	   name of the medicine is its class's business. */
	{ "{medications: [aspirin]}", { "low-dose aspirin" }, { NULL }, 1,
	    "low-dose aspirin" },
	{ "{medications: [Warfarin]}", { "paracetamol", "WARFARIN 5mg" },
	    { NULL }, 1, "WARFARIN 5mg" },
	{ "{medications: [aspirin]}", { "aspirina 100 mg" }, { NULL }, 1,
	    NULL },
	{ "{medications: [warfarin]}", { "Coumadin 5 mg" }, { NULL }, 1,
	    NULL },
	{ "{medications: [warfarin]}", { "Warfarin 5 mg" }, { NULL }, 0,
	    "Warfarin 5 mg" },
	/* Classes: of drugs.yaml, whatever name the patient used. */
	{ "{class: [anticoagulants]}", { "Coumadin 5 mg" }, { NULL }, 1,
	    "Coumadin 5 mg" },
	{ "{class: [anticoagulants]}", { "ibuprofen 400 mg", "Eliquis 5 mg" },
	    { NULL }, 1, "Eliquis 5 mg" },
	{ "{class: [nsaids]}", { "Warfarin 5 mg" }, { NULL }, 1, NULL },
	{ "{class: [nsaids, anticoagulants]}", { "Warfarin 5 mg" }, { NULL },
	    1, "Warfarin 5 mg" },
	{ "{class: [anticoagulants]}", { "ibuprofen" }, { NULL }, 1, NULL },
	{ "{class: [nsaids]}", { "paracetamol" }, { NULL }, 1, NULL },
	{ "{medications: [warfarin], class: [nsaids]}", { "ibuprofen 400" },
	    { NULL }, 1, "ibuprofen 400" },
	/* The class is the one given (by dose for aspirin), not guessed. */
	{ "{class: [nsaids]}", { "aspirin 500 mg" }, { NULL }, 1,
	    "aspirin 500 mg" },
	{ "{class: [nsaids]}", { "aspirin 81 mg" }, { NULL }, 1, NULL },
	{ "{class: [low-dose-aspirin]}", { "aspirin 81 mg" }, { NULL }, 1,
	    "aspirin 81 mg" },
	/* No classes known: a class rule matches nothing. */
	{ "{class: [anticoagulants]}", { "Warfarin 5 mg" }, { NULL }, 0,
	    NULL },
	/* Only the list the rule names is looked at. */
	{ "{allergies: [warfarin]}", { "Warfarin 5 mg" }, { NULL }, 1, NULL },
	{ "{conditions: [warfarin]}", { "warfarin" }, { NULL }, 1, NULL },
	{ "{medications: [latex]}", { NULL }, { "latex" }, 1, NULL },
	/* Interactions: a medicine of every class named, and then the
	   patient's first medicine of those classes, whatever the rule's
	   order. */
	{ "{all_classes: [anticoagulants, nsaids]}",
	    { "Warfarin 5 mg", "ibuprofen 400 mg" }, { NULL }, 1,
	    "Warfarin 5 mg" },
	{ "{all_classes: [anticoagulants, nsaids]}",
	    { "ibuprofen 400 mg", "Warfarin 5 mg" }, { NULL }, 1,
	    "ibuprofen 400 mg" },
	{ "{all_classes: [anticoagulants, nsaids]}",
	    { "paracetamol", "naproxen 500", "apixaban" }, { NULL }, 1,
	    "naproxen 500" },
	{ "{all_classes: [antiplatelets, nsaids]}",
	    { "Plavix 75 mg", "naproxen" }, { NULL }, 1, "Plavix 75 mg" },
	{ "{all_classes: [nsaids, antiplatelets]}",
	    { "Plavix 75 mg", "naproxen" }, { NULL }, 1, "Plavix 75 mg" },
	/* One of the two is not enough, nor two of the same class. */
	{ "{all_classes: [anticoagulants, nsaids]}", { "Warfarin 5 mg" },
	    { NULL }, 1, NULL },
	{ "{all_classes: [anticoagulants, nsaids]}", { "ibuprofen 400 mg" },
	    { NULL }, 1, NULL },
	{ "{all_classes: [anticoagulants, nsaids]}",
	    { "Warfarin 5 mg", "Eliquis 5 mg" }, { NULL }, 1, NULL },
	{ "{all_classes: [antiplatelets, nsaids]}",
	    { "clopidogrel", "Warfarin 5 mg" }, { NULL }, 1, NULL },
	{ "{all_classes: [anticoagulants, nsaids]}", { NULL }, { NULL }, 1,
	    NULL },
	{ "{all_classes: [anticoagulants, nsaids]}",
	    { "Warfarin 5 mg", "ibuprofen 400 mg" }, { NULL }, 0, NULL },
	/* Allergies: the rule's word, or its ingredient's group (other
	   names and sources), whole words. */
	{ "{allergies: [latex]}", { NULL }, { "penicillin", "Latex gloves" },
	    1, "Latex gloves" },
	{ "{allergies: [corn]}", { NULL }, { "Maíz" }, 1, "Maíz" },
	{ "{allergies: [dextrose]}", { NULL }, { "corn" }, 1, "corn" },
	{ "{allergies: [corn]}", { NULL }, { "glucose" }, 1, "glucose" },
	{ "{allergies: [lidocaine]}", { NULL }, { "Xylocaine" }, 1,
	    "Xylocaine" },
	{ "{allergies: [fish]}", { NULL }, { "cod liver oil" }, 1,
	    "cod liver oil" },
	{ "{allergies: [lidocaine]}", { NULL }, { "bupivacaine" }, 1, NULL },
	{ "{allergies: [corn]}", { NULL }, { "popcorn" }, 1, NULL },
};

static void
torture_screen_rule_medications(void **state)
{
	struct fixture *f = *state;
	const struct drug_class *classes[NITEMS];
	const struct match_case *c;
	struct screen s;
	struct clinic *cl;
	char yaml[256];
	size_t i;

	for (i = 0; i < NELEMS(match_cases); i++) {
		c = &match_cases[i];
		snprintf(yaml, sizeof(yaml), "rules: [{id: r, level: warn, "
		    "if: %s, text: t}]\n", c->cond);
		cl = rules_from(f, i, yaml);
		set_items(&f->p.medications, c->meds);
		set_items(&f->p.allergies, c->allergies);
		classify(f, classes, c->classified);
		screen_init(&s, &f->p, &f->pr, f->terms, classes);
		check_item(i, screen_rule(&s, &cl->rules.v[0]), c->expect,
		    &f->p);
		screen_release(&s);
		clinic_free(cl);
	}
}

/*
 * 3. Allergies against the solution: a warning with the ingredient
 * (and its note) when the allergy names one in the solution by any of
 * its names or sources, and, known ingredient or not, when the
 * allergy's own words are in the solution.  Then whether the clinician
 * is told the allergy is unknown, with no rules: an ingredient prolo
 * knows, in this solution or not, is known.
 */
struct allergy_case {
	const char	*solution;
	const char	*allergy;
	int		 terms;
	int		 warn;
	const char	*ingredient;	/* its English name; NULL: none */
	const char	*note;		/* in its English note; NULL: none */
	int		 unknown;
};

static const struct allergy_case allergy_cases[] = {
	/* Lidocaine's other names, in English and Spanish, typed anyhow. */
	{ DEXTROSE, "Xylocaine", 1, 1, "lidocaine", NULL, 0 },
	{ DEXTROSE, "lignocaine", 1, 1, "lidocaine", NULL, 0 },
	{ DEXTROSE, "lidocaína", 1, 1, "lidocaine", NULL, 0 },
	{ DEXTROSE, "LIDOCAINE (hives)", 1, 1, "lidocaine", NULL, 0 },
	/* Dextrose by its sources (corn), and by another of its names. */
	{ DEXTROSE, "corn", 1, 1, "dextrose", "made from corn", 0 },
	{ DEXTROSE, "maize", 1, 1, "dextrose", "made from corn", 0 },
	{ DEXTROSE, "Maíz", 1, 1, "dextrose", "made from corn", 0 },
	{ DEXTROSE, "Corn starch (rash)", 1, 1, "dextrose", "made from corn",
	    0 },
	{ DEXTROSE, "glucose", 1, 1, "dextrose", "made from corn", 0 },
	/* Sodium morrhuate by its sources: fish, in two languages. */
	{ MORRHUATE, "fish", 1, 1, "sodium morrhuate", "cod liver oil", 0 },
	{ MORRHUATE, "cod liver oil", 1, 1, "sodium morrhuate",
	    "cod liver oil", 0 },
	{ MORRHUATE, "pescado", 1, 1, "sodium morrhuate", "cod liver oil", 0 },
	{ MORRHUATE, "Bacalao", 1, 1, "sodium morrhuate", "cod liver oil", 0 },
	{ MORRHUATE, "Xylocaine", 1, 1, "lidocaine", NULL, 0 },
	/* An ingredient prolo knows but not in this solution: no warning,
	   and not unknown either. */
	{ DEXTROSE, "bupivacaine", 1, 0, NULL, NULL, 0 },
	{ DEXTROSE, "Marcaine", 1, 0, NULL, NULL, 0 },
	{ DEXTROSE, "fish", 1, 0, NULL, NULL, 0 },
	{ MORRHUATE, "corn", 1, 0, NULL, NULL, 0 },
	/* Nothing prolo knows: unknown, for the clinician. */
	{ DEXTROSE, "penicillin", 1, 0, NULL, NULL, 1 },
	{ DEXTROSE, "latex", 1, 0, NULL, NULL, 1 },
	/* Whole words: popcorn is not corn (the clinician is told). */
	{ DEXTROSE, "popcorn", 1, 0, NULL, NULL, 1 },
	{ DEXTROSE, "lido", 1, 0, NULL, NULL, 1 },
	/* No ingredient of terms.yaml, but in the solution's own words. */
	{ P2G, "Phenol", 1, 1, NULL, NULL, 0 },
	{ P2G, "glycerin (swelling)", 1, 1, NULL, NULL, 0 },
	{ P2G, "corn", 1, 1, "dextrose", "made from corn", 0 },
	/* A first word under four letters is not looked for alone: "p" is
	   in "P2G", the PABA allergy is not. */
	{ P2G, "p-aminobenzoic acid (PABA)", 1, 0, NULL, NULL, 1 },
	/* Without terms: the allergy's own words in the solution, whole
	   or as its first word; other names are unknown. */
	{ DEXTROSE, "lidocaine", 0, 1, NULL, NULL, 0 },
	{ DEXTROSE, "LIDOCAINE (hives)", 0, 1, NULL, NULL, 0 },
	{ DEXTROSE, "Dextrose", 0, 1, NULL, NULL, 0 },
	{ DEXTROSE, "Xylocaine", 0, 0, NULL, NULL, 1 },
	{ DEXTROSE, "corn", 0, 0, NULL, NULL, 1 },
	{ MORRHUATE, "fish", 0, 0, NULL, NULL, 1 },
};

static void
check_allergy(size_t i, const struct allergy_case *c, const struct plan *pl,
    const struct patient *p)
{
	const struct plan_warning *w;
	const char *note;

	if (pl->nwarnings != (size_t)c->warn)
		fail_msg("case %zu: %s against '%s': %zu warnings, want %d", i,
		    c->allergy, c->solution, pl->nwarnings, c->warn);
	if (!c->warn)
		return;
	w = &pl->warnings[0];
	if (w->kind != PLAN_W_ALLERGY || w->subject != p->allergies.v[0])
		fail_msg("case %zu: %s warning on '%s', want an allergy on "
		    "'%s'", i, kind_name(w->kind),
		    w->subject ? w->subject : "NULL", c->allergy);
	if (c->ingredient == NULL) {
		if (w->ingredient != NULL)
			fail_msg("case %zu: ingredient '%s', want none", i,
			    schema_langtext(&w->ingredient->name, "en"));
		return;
	}
	if (w->ingredient == NULL)
		fail_msg("case %zu: no ingredient, want '%s'", i,
		    c->ingredient);
	if (strcmp(schema_langtext(&w->ingredient->name, "en"),
	    c->ingredient) != 0)
		fail_msg("case %zu: ingredient '%s', want '%s'", i,
		    schema_langtext(&w->ingredient->name, "en"), c->ingredient);
	if (c->note == NULL) {
		if (w->ingredient->note.texts.n != 0)
			fail_msg("case %zu: a note, want none", i);
		return;
	}
	note = w->ingredient->note.texts.n == 0 ? "" :
	    schema_langtext(&w->ingredient->note, "en");
	if (strstr(note, c->note) == NULL)
		fail_msg("case %zu: note '%s', want '%s' in it", i, note,
		    c->note);
}

static void
torture_screen_allergies(void **state)
{
	struct fixture *f = *state;
	const struct drug_class *classes[NITEMS];
	const struct allergy_case *c;
	struct plan pl;
	struct screen s;
	size_t i;

	for (i = 0; i < NELEMS(allergy_cases); i++) {
		c = &allergy_cases[i];
		f->pr.solution = (char *)c->solution;
		set_items(&f->p.allergies,
		    (const char *const[]){ c->allergy, NULL });
		classify(f, classes, 1);
		screen_init(&s, &f->p, &f->pr, c->terms ? f->terms : NULL,
		    classes);
		memset(&pl, 0, sizeof(pl));
		pl.patient = &f->p;
		pl.protocol = &f->pr;
		screen_allergies(&s, &pl);
		check_allergy(i, c, &pl, &f->p);
		free(pl.warnings);
		memset(&pl, 0, sizeof(pl));
		screen_unknown(&s, &pl, NULL, NULL);
		if (pl.nwarnings != (size_t)c->unknown)
			fail_msg("case %zu: %s against '%s': %zu unknown, "
			    "want %d", i, c->allergy, c->solution,
			    pl.nwarnings, c->unknown);
		if (c->unknown && (pl.warnings[0].kind != PLAN_W_ALLERGEN ||
		    pl.warnings[0].subject != f->p.allergies.v[0]))
			fail_msg("case %zu: %s warning on '%s', want an "
			    "allergen", i, kind_name(pl.warnings[0].kind),
			    pl.warnings[0].subject);
		free(pl.warnings);
		screen_release(&s);
	}
}

/* Several allergies: one warning each that warns, in the patient's order. */
static void
torture_screen_allergies_order(void **state)
{
	static const char *const allergies[] = { "penicillin", "Corn syrup",
	    "fish", "Xylocaine", "LIDOCAINE (hives)", NULL };
	struct fixture *f = *state;
	const struct drug_class *classes[NITEMS];
	struct plan pl;
	struct screen s;

	set_items(&f->p.allergies, allergies);
	classify(f, classes, 1);
	screen_init(&s, &f->p, &f->pr, f->terms, classes);
	memset(&pl, 0, sizeof(pl));
	pl.patient = &f->p;
	pl.protocol = &f->pr;
	screen_allergies(&s, &pl);
	assert_int_equal(pl.nwarnings, 3);
	assert_ptr_equal(pl.warnings[0].subject, f->p.allergies.v[1]);
	assert_string_equal(schema_langtext(&pl.warnings[0].ingredient->name,
	    "en"), "dextrose");
	assert_ptr_equal(pl.warnings[1].subject, f->p.allergies.v[3]);
	assert_string_equal(schema_langtext(&pl.warnings[1].ingredient->name,
	    "es"), "lidocaína");
	assert_ptr_equal(pl.warnings[2].subject, f->p.allergies.v[4]);
	assert_ptr_equal(pl.warnings[2].ingredient,
	    pl.warnings[1].ingredient);
	/* Collected after what was there: the unknown one comes last. */
	screen_unknown(&s, &pl, NULL, NULL);
	assert_int_equal(pl.nwarnings, 4);
	assert_int_equal(pl.warnings[3].kind, PLAN_W_ALLERGEN);
	assert_ptr_equal(pl.warnings[3].subject, f->p.allergies.v[0]);
	free(pl.warnings);
	screen_release(&s);
}

/*
 * 4. Levels: a note and a warning go on the plan with the rule and the
 * patient's text; a stop ends the screening with the rule and the text
 * unless an override names that very rule, when it is a warning with
 * the override.  Warnings come in the rules' order.
 */
static const char level_rules[] =
    "rules:\n"
    "  - {id: diabetes, level: note, if: {conditions: [diabetes]}, text: N}\n"
    "  - {id: steroid, level: warn, if: {class: [oral-steroids]}, text: W}\n"
    "  - {id: infection, level: stop, if: {conditions: [infection]},\n"
    "     text: S}\n"
    "  - {id: latex, level: warn, if: {allergies: [latex]}, text: L}\n"
    "  - {id: pregnancy, level: stop, if: {conditions: [pregnancy]},\n"
    "     text: P}\n";

struct want_warning {
	enum plan_warning_kind	 kind;
	const char		*rule;
	const char		*subject;
};

struct level_case {
	const char		*conditions[NITEMS];
	const char		*meds[NITEMS];
	const char		*allergies[NITEMS];
	const char		*override;	/* the rule it names, or NULL */
	int			 ret;
	const char		*stopped;	/* rule id */
	const char		*stopped_by;
	size_t			 nwarn;
	struct want_warning	 warn[4];
};

static const struct level_case level_cases[] = {
	/* Nothing matches: nothing said, no stop. */
	{ { "gout" }, { "paracetamol" }, { "penicillin" }, NULL, 0, NULL,
	    NULL, 0, { { 0 } } },
	/* Each level alone. */
	{ { "Type 2 diabetes" }, { NULL }, { NULL }, NULL, 0, NULL, NULL, 1,
	    { { PLAN_W_NOTE, "diabetes", "Type 2 diabetes" } } },
	{ { NULL }, { "paracetamol", "Prednisone 5 mg" }, { NULL }, NULL, 0,
	    NULL, NULL, 1,
	    { { PLAN_W_RULE, "steroid", "Prednisone 5 mg" } } },
	{ { NULL }, { NULL }, { "Latex gloves" }, NULL, 0, NULL, NULL, 1,
	    { { PLAN_W_RULE, "latex", "Latex gloves" } } },
	{ { "gout", "Cellulitis" }, { NULL }, { NULL }, NULL, -1, "infection",
	    "Cellulitis", 0, { { 0 } } },
	/* The first item that matches is the one named. */
	{ { "gout", "diabetic foot", "Type 1 diabetes" }, { NULL }, { NULL },
	    NULL, 0, NULL, NULL, 1,
	    { { PLAN_W_NOTE, "diabetes", "diabetic foot" } } },
	/* A stop overridden by its id: a warning with the override. */
	{ { "Cellulitis" }, { NULL }, { NULL }, "infection", 0, NULL, NULL, 1,
	    { { PLAN_W_OVERRIDE, "infection", "Cellulitis" } } },
	/* An override of another rule does not touch this stop. */
	{ { "Cellulitis" }, { NULL }, { NULL }, "pregnancy", -1, "infection",
	    "Cellulitis", 0, { { 0 } } },
	{ { "Cellulitis", "pregnant" }, { NULL }, { NULL }, "infection", -1,
	    "pregnancy", "pregnant", 1,
	    { { PLAN_W_OVERRIDE, "infection", "Cellulitis" } } },
	/* An override of a warning changes nothing. */
	{ { NULL }, { NULL }, { "latex" }, "latex", 0, NULL, NULL, 1,
	    { { PLAN_W_RULE, "latex", "latex" } } },
	/* Everything at once, in the rules' order. */
	{ { "fever", "type 2 diabetes" }, { "prednisolone" }, { "latex" },
	    "infection", 0, NULL, NULL, 4,
	    { { PLAN_W_NOTE, "diabetes", "type 2 diabetes" },
	      { PLAN_W_RULE, "steroid", "prednisolone" },
	      { PLAN_W_OVERRIDE, "infection", "fever" },
	      { PLAN_W_RULE, "latex", "latex" } } },
};

static void
check_levels(size_t i, const struct level_case *c, const struct plan *pl,
    int ret, const struct patient *p)
{
	const struct want_warning *want;
	const struct plan_warning *w;
	size_t j;

	if (ret != c->ret)
		fail_msg("case %zu: returned %d, want %d", i, ret, c->ret);
	if (c->stopped == NULL ? pl->stopped != NULL || pl->stopped_by != NULL :
	    pl->stopped == NULL || strcmp(pl->stopped->id, c->stopped) != 0 ||
	    pl->stopped_by == NULL || strcmp(pl->stopped_by, c->stopped_by) != 0)
		fail_msg("case %zu: stopped by %s on '%s', want %s on '%s'", i,
		    pl->stopped ? pl->stopped->id : "nothing",
		    pl->stopped_by ? pl->stopped_by : "",
		    c->stopped ? c->stopped : "nothing",
		    c->stopped_by ? c->stopped_by : "");
	if (pl->nwarnings != c->nwarn)
		fail_msg("case %zu: %zu warnings, want %zu", i, pl->nwarnings,
		    c->nwarn);
	for (j = 0; j < c->nwarn; j++) {
		w = &pl->warnings[j];
		want = &c->warn[j];
		if (w->kind != want->kind || w->rule == NULL ||
		    strcmp(w->rule->id, want->rule) != 0 ||
		    w->subject == NULL || strcmp(w->subject, want->subject) != 0)
			fail_msg("case %zu: warning %zu is a %s of %s on '%s'; "
			    "want a %s of %s on '%s'", i, j,
			    kind_name(w->kind),
			    w->rule ? w->rule->id : "no rule",
			    w->subject ? w->subject : "NULL",
			    kind_name(want->kind), want->rule, want->subject);
		if (want->kind == PLAN_W_OVERRIDE ? w->override !=
		    &p->overrides[0] : w->override != NULL)
			fail_msg("case %zu: warning %zu: override %s, want "
			    "%s", i, j, w->override ? w->override->rule :
			    "none", want->kind == PLAN_W_OVERRIDE ?
			    "the patient's" : "none");
	}
}

static void
torture_screen_rules_levels(void **state)
{
	static char reason[] = "treated, clear for two weeks";
	static char by[] = "Dr. Ada Ruiz";
	struct fixture *f = *state;
	const struct drug_class *classes[NITEMS];
	const struct level_case *c;
	struct override o;
	struct clinic *cl;
	struct screen s;
	struct plan pl;
	size_t i;
	int ret;

	cl = rules_from(f, 0, level_rules);
	for (i = 0; i < NELEMS(level_cases); i++) {
		c = &level_cases[i];
		set_items(&f->p.conditions, c->conditions);
		set_items(&f->p.medications, c->meds);
		set_items(&f->p.allergies, c->allergies);
		memset(&o, 0, sizeof(o));
		o.rule = (char *)c->override;
		o.reason = reason;
		o.approved_by = by;
		f->p.overrides = c->override != NULL ? &o : NULL;
		f->p.noverrides = c->override != NULL;
		classify(f, classes, 1);
		screen_init(&s, &f->p, &f->pr, f->terms, classes);
		memset(&pl, 0, sizeof(pl));
		pl.patient = &f->p;
		pl.protocol = &f->pr;
		ret = screen_rules(&s, &pl, &cl->rules);
		check_levels(i, c, &pl, ret, &f->p);
		free(pl.warnings);
		screen_release(&s);
	}
	f->p.overrides = NULL;
	f->p.noverrides = 0;
	/* No rules (no clinic file): nothing to say. */
	screen_init(&s, &f->p, &f->pr, f->terms, classes);
	memset(&pl, 0, sizeof(pl));
	assert_int_equal(screen_rules(&s, &pl, NULL), 0);
	assert_int_equal(pl.nwarnings, 0);
	assert_null(pl.stopped);
	screen_release(&s);
	clinic_free(cl);
}

/*
 * 5. What nothing recognises: conditions and allergies no clinic rule,
 * no protocol rule and no ingredient knows, conditions first, each in
 * the patient's order and as typed.  A word in a rule's allergies does
 * not make a condition known, nor the other way round.
 */
static const char unknown_clinic[] =
    "rules:\n"
    "  - {id: diabetes, level: note, if: {conditions: [diabetes]}, text: N}\n"
    "  - {id: latex, level: warn, if: {allergies: [latex]}, text: L}\n"
    "  - {id: infection, level: stop, if: {conditions: [infection]},\n"
    "     text: S}\n";

static const char unknown_protocol[] =
    "rules:\n"
    "  - {id: joint, level: warn, if: {conditions: [joint replacement]},\n"
    "     text: J}\n"
    "  - {id: iodine, level: warn, if: {allergies: [iodine, asthma]},\n"
    "     text: I}\n"
    "  - {id: sulfa, level: note, if: {conditions: [sulfa]}, text: S}\n";

struct unknown_case {
	const char		*clinic;	/* rules, or NULL: none */
	const char		*protocol;
	int			 terms;
	const char		*conditions[NITEMS];
	const char		*allergies[NITEMS];
	struct {
		enum plan_warning_kind	 kind;
		const char		*subject;
	}			 want[NITEMS];	/* subject NULL after the last */
};

static const struct unknown_case unknown_cases[] = {
	/* No rules: only ingredients are known (here or not). */
	{ NULL, NULL, 1, { "gout", "Pregnant" },
	    { "corn", "Penicillin", "Xylocaine", "bupivacaine" },
	    { { PLAN_W_CONDITION, "gout" }, { PLAN_W_CONDITION, "Pregnant" },
	      { PLAN_W_ALLERGEN, "Penicillin" } } },
	/* The clinic's rules alone, through the groups. */
	{ unknown_clinic, NULL, 1,
	    { "Type 2 diabetes", "gout", "Cellulitis", "hip replacement" },
	    { "Latex gloves", "penicillin" },
	    { { PLAN_W_CONDITION, "gout" },
	      { PLAN_W_CONDITION, "hip replacement" },
	      { PLAN_W_ALLERGEN, "penicillin" } } },
	/* The protocol's rules alone. */
	{ NULL, unknown_protocol, 1,
	    { "Type 2 diabetes", "gout", "Cellulitis", "hip replacement" },
	    { "Latex gloves", "iodine contrast", "penicillin" },
	    { { PLAN_W_CONDITION, "Type 2 diabetes" },
	      { PLAN_W_CONDITION, "gout" }, { PLAN_W_CONDITION, "Cellulitis" },
	      { PLAN_W_ALLERGEN, "Latex gloves" },
	      { PLAN_W_ALLERGEN, "penicillin" } } },
	/* Both, and words under the other kind that count for nothing. */
	{ unknown_clinic, unknown_protocol, 1,
	    { "asthma", "Type 2 diabetes", "PRÓTESIS DE CADERA", "Fiebre",
	      "gout" },
	    { "Sulfa drugs", "iodine contrast", "latex", "maize", "Penicillin" },
	    { { PLAN_W_CONDITION, "asthma" }, { PLAN_W_CONDITION, "gout" },
	      { PLAN_W_ALLERGEN, "Sulfa drugs" },
	      { PLAN_W_ALLERGEN, "Penicillin" } } },
	/* Nothing to tell. */
	{ unknown_clinic, unknown_protocol, 1, { NULL }, { NULL }, { { 0 } } },
	{ unknown_clinic, unknown_protocol, 1, { "diabetic", "fever" },
	    { "LATEX", "lidocaína" }, { { 0 } } },
	/* Without terms: the rules' own words and the solution's. */
	{ unknown_clinic, unknown_protocol, 0,
	    { "Cellulitis", "diabetes", "hip replacement" },
	    { "lidocaine", "Xylocaine", "corn", "latex" },
	    { { PLAN_W_CONDITION, "Cellulitis" },
	      { PLAN_W_CONDITION, "hip replacement" },
	      { PLAN_W_ALLERGEN, "Xylocaine" }, { PLAN_W_ALLERGEN, "corn" } } },
};

static void
torture_screen_unknown(void **state)
{
	struct fixture *f = *state;
	const struct drug_class *classes[NITEMS];
	const struct unknown_case *c;
	struct clinic *clinic, *protocol;
	struct screen s;
	struct plan pl;
	size_t i, j, n;

	for (i = 0; i < NELEMS(unknown_cases); i++) {
		c = &unknown_cases[i];
		clinic = rules_from(f, i, c->clinic);
		protocol = rules_from(f, i, c->protocol);
		set_items(&f->p.conditions, c->conditions);
		set_items(&f->p.allergies, c->allergies);
		classify(f, classes, 1);
		screen_init(&s, &f->p, &f->pr, c->terms ? f->terms : NULL,
		    classes);
		memset(&pl, 0, sizeof(pl));
		screen_unknown(&s, &pl, clinic ? &clinic->rules : NULL,
		    protocol ? &protocol->rules : NULL);
		for (n = 0; n < NITEMS && c->want[n].subject != NULL; n++)
			continue;
		for (j = 0; j < n && j < pl.nwarnings; j++)
			if (pl.warnings[j].kind != c->want[j].kind ||
			    strcmp(pl.warnings[j].subject,
			    c->want[j].subject) != 0 ||
			    !is_item(&f->p, pl.warnings[j].subject))
				fail_msg("case %zu: unknown %zu is %s '%s', "
				    "want %s '%s'", i, j,
				    kind_name(pl.warnings[j].kind),
				    pl.warnings[j].subject,
				    kind_name(c->want[j].kind),
				    c->want[j].subject);
		if (pl.nwarnings != n)
			fail_msg("case %zu: %zu unknown (first beyond: '%s'), "
			    "want %zu", i, pl.nwarnings, pl.nwarnings > n ?
			    pl.warnings[n].subject : "-", n);
		free(pl.warnings);
		screen_release(&s);
		clinic_free(protocol);
		clinic_free(clinic);
	}
}

/*
 * Without the classes of the medications (prolo check screens a patient
 * before any plan), a rule by class matches nothing and the others
 * still match; nothing reads past the patient's lists.
 */
static void
torture_screen_no_classes(void **state)
{
	struct fixture *f = *state;
	struct screen s;
	struct clinic *c;

	set_items(&f->p.medications, (const char *const[]){ "Warfarin 5 mg",
	    "ibuprofen", NULL });
	set_items(&f->p.conditions, (const char *const[]){ "fever", NULL });
	c = rules_from(f, 0, "rules:\n"
	    "  - {id: a, level: warn, if: {class: [anticoagulants]}, text: A}\n"
	    "  - {id: b, level: warn, if: {all_classes: [anticoagulants, "
	    "nsaids]}, text: B}\n"
	    "  - {id: c, level: warn, if: {conditions: [infection]}, "
	    "text: C}\n");
	screen_init(&s, &f->p, &f->pr, f->terms, NULL);
	assert_null(screen_rule(&s, &c->rules.v[0]));
	assert_null(screen_rule(&s, &c->rules.v[1]));
	assert_string_equal(screen_rule(&s, &c->rules.v[2]), "fever");
	screen_release(&s);
	clinic_free(c);
	strv_release(&f->p.conditions);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(torture_screen_rule_conditions,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_screen_rule_medications,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_screen_allergies,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_screen_allergies_order,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_screen_rules_levels,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_screen_unknown,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_screen_no_classes,
		    fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
