#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "drugs.h"
#include "file.h"
#include "norm.h"
#include "schema.h"
#include "tree.h"

/*
 * Drug classes: the shipped file and what it makes of medications as
 * patients write them, the dose rule for aspirin, how a drugs file is
 * read and refused, the longest-name rule against a plain reading of it,
 * and the lookup of a class that data files name.
 */

#define NELEM(a)	(sizeof(a) / sizeof(*(a)))

static struct drugs *
load_shipped(void)
{
	struct diag d = { 0 };
	struct drugs *dr;
	char *buf;
	size_t len;

	assert_int_equal(file_read("data/drugs.yaml", TREE_MAX_BYTES, &buf,
	    &len), 0);
	dr = drugs_load("data/drugs.yaml", buf, len, &d);
	free(buf);
	if (dr == NULL)
		fail_msg("data/drugs.yaml:%d:%d: %s", d.line, d.col, d.msg);
	return dr;
}

static struct drugs *
load_text(const char *yaml)
{
	struct diag d = { 0 };
	struct drugs *dr;

	dr = drugs_load("d.yaml", yaml, strlen(yaml), &d);
	if (dr == NULL)
		fail_msg("%d:%d: %s\n%s", d.line, d.col, d.msg, yaml);
	return dr;
}

/*
 * Every class of the shipped file, each with how it may be paused and
 * whether it warns of bleeding: a class added to the file must be added
 * here too, so its pause is looked at by someone.
 */
static const struct {
	const char	*id;
	int		 pause;
	int		 blood_thinner;
} shipped_classes[] = {
	{ "nsaids", DRUG_PAUSE, 0 },
	{ "low-dose-aspirin", DRUG_ASK, 1 },
	{ "anticoagulants", DRUG_NEVER, 1 },
	{ "antiplatelets", DRUG_NEVER, 1 },
	{ "oral-steroids", DRUG_NEVER, 0 },
	{ "statins", DRUG_ASK, 0 },
};

static void
torture_drugs_load_shipped(void **state)
{
	const struct drug_class *dc;
	const struct drug_dose *dd;
	struct drugs *dr;
	char *folded[512];
	const void *owner[512];
	size_t i, j, n;

	(void)state;
	dr = load_shipped();
	assert_int_equal(dr->n, NELEM(shipped_classes));
	for (i = 0; i < NELEM(shipped_classes); i++) {
		if ((dc = drugs_find(dr, shipped_classes[i].id)) == NULL)
			fail_msg("case %zu: no class '%s'", i,
			    shipped_classes[i].id);
		if (dc->pause != shipped_classes[i].pause ||
		    dc->blood_thinner != shipped_classes[i].blood_thinner)
			fail_msg("case %zu: %s: pause %d, blood_thinner %d; "
			    "want %d, %d", i, dc->id, dc->pause,
			    dc->blood_thinner, shipped_classes[i].pause,
			    shipped_classes[i].blood_thinner);
		if (dc->drugs.n == 0 || dc->name[0] == '\0')
			fail_msg("case %zu: %s has no name or no drugs", i,
			    dc->id);
	}

	/* Aspirin: low-dose up to 162 mg a day, an NSAID from 325 mg. */
	assert_int_equal(dr->ndoses, 1);
	dd = &dr->doses[0];
	assert_ptr_equal(dd->low, drugs_find(dr, "low-dose-aspirin"));
	assert_ptr_equal(dd->high, drugs_find(dr, "nsaids"));
	assert_int_equal(dd->low_max_mg, 162);
	assert_int_equal(dd->high_min_mg, 325);
	assert_string_equal(dd->drugs.v[0], "aspirin");
	/* The words for a low dose are kept folded. */
	for (i = 0; i < dd->low_words.n; i++)
		if (strcmp(dd->low_words.v[i], " corazon ") == 0)
			break;
	if (i == dd->low_words.n)
		fail_msg("'corazón' is not among the low-dose words folded");

	/*
	 * No name, once folded, belongs to two classes (or to a class and
	 * the dose entry): at equal length the file's order would choose
	 * between them without anyone seeing.
	 */
	n = 0;
	for (i = 0; i < dr->n; i++)
		for (j = 0; j < dr->classes[i].drugs.n; j++) {
			assert_true(n < NELEM(folded));
			owner[n] = &dr->classes[i];
			folded[n++] = norm_fold(dr->classes[i].drugs.v[j]);
		}
	for (i = 0; i < dr->ndoses; i++)
		for (j = 0; j < dr->doses[i].drugs.n; j++) {
			assert_true(n < NELEM(folded));
			owner[n] = &dr->doses[i];
			folded[n++] = norm_fold(dr->doses[i].drugs.v[j]);
		}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (owner[i] != owner[j] &&
			    strcmp(folded[i], folded[j]) == 0)
				fail_msg("'%s' is named twice", folded[i]);
	for (i = 0; i < n; i++)
		free(folded[i]);
	drugs_free(dr);
}

/*
 * Medications as patients and clinicians write them, against the shipped
 * file: the class (or none), how many classes the text names and whether
 * the class was chosen without a dose to go by.  id2 is the second class
 * when the text names exactly two, ANY when it names more (any other).
 */
#define ANY	"*"

struct med_case {
	const char	*text;
	const char	*id;
	const char	*id2;
	size_t		 count;
	int		 guessed;
};

static const struct med_case med_cases[] = {
	/* Brand names, each in its class. */
	{ "Advil", "nsaids", NULL, 1, 0 },
	{ "Aleve", "nsaids", NULL, 1, 0 },
	{ "Eliquis", "anticoagulants", NULL, 1, 0 },
	{ "Eliquis 5mg BID", "anticoagulants", NULL, 1, 0 },
	{ "Xarelto", "anticoagulants", NULL, 1, 0 },
	{ "Plavix", "antiplatelets", NULL, 1, 0 },
	{ "Clexane", "anticoagulants", NULL, 1, 0 },
	{ "Sintrom", "anticoagulants", NULL, 1, 0 },
	{ "Adiro", "low-dose-aspirin", NULL, 1, 0 },
	{ "Tromalyt", "low-dose-aspirin", NULL, 1, 0 },
	{ "Aggrenox", "low-dose-aspirin", NULL, 1, 0 },
	{ "Medrol dose pack", "oral-steroids", NULL, 1, 0 },
	{ "Lipitor 20 mg", "statins", NULL, 1, 0 },
	/* A brand of aspirin goes by its dose like aspirin itself... */
	{ "Ecotrin 81", "low-dose-aspirin", NULL, 1, 0 },
	{ "Bayer", "low-dose-aspirin", NULL, 1, 1 },
	/* ...unless a longer name says low dose by itself. */
	{ "Bayer Low Dose Aspirin", "low-dose-aspirin", NULL, 1, 0 },
	{ "St. Joseph 81 mg", "low-dose-aspirin", NULL, 1, 0 },
	{ "baby aspirin", "low-dose-aspirin", NULL, 1, 0 },

	/* Spanish names, with and without their accents. */
	{ "ibuprofeno", "nsaids", NULL, 1, 0 },
	{ "\u00e1cido acetilsalic\u00edlico 100 mg",
	    "low-dose-aspirin", NULL, 1, 0 },
	{ "\u00c1CIDO ACETILSALIC\u00cdLICO 500 MG", "nsaids",
	    NULL, 1, 0 },
	{ "acido acetilsalicilico", "low-dose-aspirin", NULL, 1, 1 },
	{ "aspirina infantil", "low-dose-aspirin", NULL, 1, 0 },
	{ "Aspirina 500", "nsaids", NULL, 1, 0 },
	{ "aspirina para el coraz\u00f3n", "low-dose-aspirin", NULL, 1, 0 },
	{ "prednisona", "oral-steroids", NULL, 1, 0 },
	{ "Acenocumarol 4 mg", "anticoagulants", NULL, 1, 0 },
	{ "fenprocumon", "anticoagulants", NULL, 1, 0 },
	{ "antiinflamatorios", "nsaids", NULL, 1, 0 },

	/* Case, spaces of every width and punctuation do not matter. */
	{ "ASPIRIN 81MG", "low-dose-aspirin", NULL, 1, 0 },
	{ "aspirin\u00a081 mg", "low-dose-aspirin", NULL, 1, 0 },
	{ "  Warfarin   5 mg ", "anticoagulants", NULL, 1, 0 },
	{ "aspirin-81", "low-dose-aspirin", NULL, 1, 0 },
	{ "Aspirin EC 81 mg", "low-dose-aspirin", NULL, 1, 0 },
	{ "low-dose aspirin", "low-dose-aspirin", NULL, 1, 0 },
	{ "Anti-inflammatory", "nsaids", NULL, 1, 0 },
	{ "Goody's powder", "nsaids", NULL, 1, 0 },
	{ "Alka-Seltzer", "nsaids", NULL, 1, 0 },
	{ "\"Coumadin\"", "anticoagulants", NULL, 1, 0 },

	/*
	 * Aspirin by its dose: 162 mg a day or less is low-dose, 325 mg at
	 * a time an NSAID, words that say low dose win over any number, and
	 * no dose or one between is low-dose, guessed.
	 */
	{ "aspirin 75mg", "low-dose-aspirin", NULL, 1, 0 },
	{ "aspirin 81 mg daily", "low-dose-aspirin", NULL, 1, 0 },
	{ "ASA 81 mg", "low-dose-aspirin", NULL, 1, 0 },
	{ "aspirin 81 mg bid", "low-dose-aspirin", NULL, 1, 0 },
	{ "aspirin 81 mg tid", "low-dose-aspirin", NULL, 1, 1 },
	{ "aspirin 162 mg", "low-dose-aspirin", NULL, 1, 0 },
	{ "aspirin 163 mg", "low-dose-aspirin", NULL, 1, 1 },
	{ "aspirin 162 mg twice daily", "low-dose-aspirin", NULL, 1, 1 },
	{ "aspirin 324 mg", "low-dose-aspirin", NULL, 1, 1 },
	{ "aspirin 325 mg", "nsaids", NULL, 1, 0 },
	{ "aspirin 325", "nsaids", NULL, 1, 0 },
	{ "aspirin 500mg", "nsaids", NULL, 1, 0 },
	{ "aspirin", "low-dose-aspirin", NULL, 1, 1 },
	{ "aspirin for my heart", "low-dose-aspirin", NULL, 1, 0 },
	{ "aspirin 325 mg for heart", "low-dose-aspirin", NULL, 1, 0 },
	{ "low-dose aspirin 325 mg", "low-dose-aspirin", NULL, 1, 0 },
	/* Units, counts and numbers that are not doses. */
	{ "aspirin 0.5 g", "nsaids", NULL, 1, 0 },
	{ "aspirin 1 g", "nsaids", NULL, 1, 0 },
	{ "aspirin 2 x 325 mg", "nsaids", NULL, 1, 0 },
	{ "aspirin 1 tablet 500 mg", "nsaids", NULL, 1, 0 },
	{ "aspirin 2 tablets of 325 mg", "nsaids", NULL, 1, 0 },
	{ "aspirin 1,000 mg", "nsaids", NULL, 1, 0 },
	{ "aspirin 81 mg 3 tablets", "low-dose-aspirin", NULL, 1, 1 },
	{ "aspirin 81 mcg", "low-dose-aspirin", NULL, 1, 1 },
	{ "aspirin since 2019", "low-dose-aspirin", NULL, 1, 1 },
	{ "aspirin for 10 years", "low-dose-aspirin", NULL, 1, 1 },
	{ "Anacin 81", "low-dose-aspirin", NULL, 1, 0 },
	{ "Anacin", "low-dose-aspirin", NULL, 1, 1 },

	/* Two classes in one text: the more careful first, then the first named. */
	{ "warfarin ibuprofen", "anticoagulants", "nsaids", 2, 0 },
	{ "ibuprofen, warfarin", "anticoagulants", "nsaids", 2, 0 },
	{ "ibuprofen and prednisone", "oral-steroids", "nsaids", 2, 0 },
	{ "clopidogrel warfarin", "antiplatelets", "anticoagulants", 2, 0 },
	{ "warfarin clopidogrel", "anticoagulants", "antiplatelets", 2, 0 },
	{ "aspirin 81 mg and clopidogrel", "antiplatelets",
	    "low-dose-aspirin", 2, 0 },
	{ "Dipyridamole/aspirin", "antiplatelets", "low-dose-aspirin", 2, 1 },
	{ "lipitor and ibuprofen", "statins", "nsaids", 2, 0 },
	/* Aspirin's dose is its own, never the other medicine's. */
	{ "ibuprofen 400 mg aspirin", "low-dose-aspirin", "nsaids", 2, 1 },
	{ "aspirin 81 mg ibuprofen 400 mg", "low-dose-aspirin", "nsaids", 2,
	    0 },
	{ "ibuprofen, lipitor, prednisone", "oral-steroids", ANY, 2, 0 },

	/* One class named twice is one class. */
	{ "ibuprofen advil", "nsaids", NULL, 1, 0 },
	{ "Coumadin (warfarin) 5 mg", "anticoagulants", NULL, 1, 0 },
	{ "baby aspirin, aspirin 81 mg", "low-dose-aspirin", NULL, 1, 0 },

	/* Names match whole words only, and what is not a listed medicine is none. */
	{ "aspirinate", NULL, NULL, 0, 0 },
	{ "prednisonex", NULL, NULL, 0, 0 },
	{ "metformin", NULL, NULL, 0, 0 },
	{ "acetaminophen", NULL, NULL, 0, 0 },
	{ "hydrocortisone cream", NULL, NULL, 0, 0 },
	{ "paspirin 81 mg", NULL, NULL, 0, 0 },
	{ "", NULL, NULL, 0, 0 },
	{ " - ", NULL, NULL, 0, 0 },
};

static void
torture_drugs_shipped_medications(void **state)
{
	const struct med_case *c;
	const struct drug_class *out[2];
	struct drugs *dr;
	size_t i, n;
	int guessed;

	(void)state;
	dr = load_shipped();
	for (i = 0; i < NELEM(med_cases); i++) {
		c = &med_cases[i];
		out[0] = out[1] = &dr->classes[0];	/* must be set */
		guessed = -1;
		n = drugs_classes(dr, c->text, out, &guessed);
		if (n != c->count || guessed != c->guessed ||
		    (c->id == NULL) != (out[0] == NULL) ||
		    (c->id != NULL && strcmp(out[0]->id, c->id) != 0))
			fail_msg("case %zu: '%s': got %zu classes, %s first, "
			    "guessed %d; want %zu, %s, guessed %d", i, c->text,
			    n, out[0] != NULL ? out[0]->id : "none", guessed,
			    c->count, c->id != NULL ? c->id : "none",
			    c->guessed);
		if (c->count < 2 ? out[1] != NULL : (out[1] == NULL ||
		    out[1] == out[0] || (strcmp(c->id2, ANY) != 0 &&
		    strcmp(out[1]->id, c->id2) != 0)))
			fail_msg("case %zu: '%s': second class %s, want %s", i,
			    c->text, out[1] != NULL ? out[1]->id : "none",
			    c->id2 != NULL ? c->id2 : "none");
		if (drugs_class_of(dr, c->text) != out[0])
			fail_msg("case %zu: '%s': drugs_class_of differs", i,
			    c->text);
	}
	drugs_free(dr);
}

/*
 * The dose rule with a file's own classes and limits: up to 100 mg a
 * day is 'heart', 300 mg at a time 'pain', words (folded like the text)
 * win, and a second entry has its own classes.  The limits are
 * inclusive on both sides.
 */
static const char dose_yaml[] =
    "classes:\n"
    "  - {id: heart, name: H, pause: ask-prescriber, drugs: [baby aspirin]}\n"
    "  - {id: pain, name: P, pause: pause, drugs: [ibuprofen]}\n"
    "  - {id: thin, name: T, pause: never, blood_thinner: true,\n"
    "     drugs: warfarin}\n"
    "doses:\n"
    "  - drugs: [aspirin, \"\u00e1cido acetilsalic\u00edlico\"]\n"
    "    low_dose_class: heart\n"
    "    low_dose_max_mg_a_day: 100\n"
    "    low_dose_words: [Low-Dose, \"coraz\u00f3n\"]\n"
    "    high_dose_class: pain\n"
    "    high_dose_min_mg: 300\n"
    "  - drugs: Tabletone\n"
    "    low_dose_class: thin\n"
    "    low_dose_max_mg_a_day: 10\n"
    "    high_dose_class: heart\n"
    "    high_dose_min_mg: 20\n";

static const struct med_case dose_cases[] = {
	/* The limits, each side of them. */
	{ "aspirin 100 mg", "heart", NULL, 1, 0 },
	{ "aspirin 101 mg", "heart", NULL, 1, 1 },
	{ "aspirin 299 mg", "heart", NULL, 1, 1 },
	{ "aspirin 300 mg", "pain", NULL, 1, 0 },
	{ "aspirin 1000", "pain", NULL, 1, 0 },
	/* A day's dose counts how often. */
	{ "aspirin 50 mg bid", "heart", NULL, 1, 0 },
	{ "aspirin 50 mg three times a day", "heart", NULL, 1, 1 },
	{ "aspirin 50 mg cada 8 horas", "heart", NULL, 1, 1 },
	/* Words for a low dose, folded alike, win over the number. */
	{ "low dose aspirin 500 mg", "heart", NULL, 1, 0 },
	{ "LOW-DOSE ASPIRIN", "heart", NULL, 1, 0 },
	{ "aspirina? no: acido acetilsalicilico, corazon", "heart", NULL, 1,
	    0 },
	{ "aspirin lowdose", "heart", NULL, 1, 1 },
	/* No dose: the low class, guessed. */
	{ "aspirin", "heart", NULL, 1, 1 },
	{ "\u00c1cido Acetilsalic\u00edlico", "heart", NULL, 1, 1 },
	/* A class's own longer name is no dose entry's. */
	{ "baby aspirin", "heart", NULL, 1, 0 },
	/* The second entry, with other classes and limits. */
	{ "tabletone 10 mg", "thin", NULL, 1, 0 },
	{ "tabletone 15 mg", "thin", NULL, 1, 1 },
	{ "tabletone 20 mg", "heart", NULL, 1, 0 },
	{ "tabletone", "thin", NULL, 1, 1 },
	/* With another class: each counts. */
	{ "aspirin ibuprofen", "heart", "pain", 2, 1 },
	{ "aspirin 300 mg, ibuprofen", "pain", NULL, 1, 0 },
	{ "warfarin aspirin 100 mg", "thin", "heart", 2, 0 },
	{ "aspirinate", NULL, NULL, 0, 0 },
};

static void
torture_drugs_doses(void **state)
{
	const struct med_case *c;
	const struct drug_class *out[2];
	struct drugs *dr;
	size_t i, n;
	int guessed;

	(void)state;
	dr = load_text(dose_yaml);
	assert_int_equal(dr->ndoses, 2);
	assert_ptr_equal(dr->doses[1].low, drugs_find(dr, "thin"));
	assert_ptr_equal(dr->doses[1].high, drugs_find(dr, "heart"));
	assert_int_equal(dr->doses[1].low_words.n, 0);
	for (i = 0; i < NELEM(dose_cases); i++) {
		c = &dose_cases[i];
		n = drugs_classes(dr, c->text, out, &guessed);
		if (n != c->count || guessed != c->guessed ||
		    (c->id == NULL) != (out[0] == NULL) ||
		    (c->id != NULL && strcmp(out[0]->id, c->id) != 0) ||
		    (c->id2 == NULL) != (out[1] == NULL) ||
		    (c->id2 != NULL && strcmp(out[1]->id, c->id2) != 0))
			fail_msg("case %zu: '%s': got %zu classes, %s, %s, "
			    "guessed %d; want %zu, %s, %s, guessed %d", i,
			    c->text, n, out[0] != NULL ? out[0]->id : "none",
			    out[1] != NULL ? out[1]->id : "none", guessed,
			    c->count, c->id != NULL ? c->id : "none",
			    c->id2 != NULL ? c->id2 : "none", c->guessed);
	}
	drugs_free(dr);
}

/*
 * What a class may say: how it is paused, whether it thins the blood
 * (false when not said) and its drugs, a list or a single name, written
 * in any case and with accents.  Each row's med must match the class, or
 * nothing when matches is 0.
 */
struct class_case {
	const char	*keys;
	int		 pause;
	int		 blood_thinner;
	size_t		 ndrugs;
	const char	*first;
	const char	*med;
	int		 matches;
};

static const struct class_case class_cases[] = {
	{ "pause: pause, drugs: [warfarin, acenocoumarol]", DRUG_PAUSE, 0, 2,
	    "warfarin", "Acenocoumarol 4mg", 1 },
	{ "pause: ask-prescriber, drugs: [warfarin]", DRUG_ASK, 0, 1,
	    "warfarin", "warfarin", 1 },
	{ "pause: never, blood_thinner: true, drugs: warfarin", DRUG_NEVER, 1,
	    1, "warfarin", "WARFARIN", 1 },
	{ "pause: never, blood_thinner: false, drugs: [Warfarin 5 mg]",
	    DRUG_NEVER, 0, 1, "Warfarin 5 mg", "warfarin 5mg daily", 1 },
	{ "pause: never, blood_thinner: false, drugs: [Warfarin 5 mg]",
	    DRUG_NEVER, 0, 1, "Warfarin 5 mg", "warfarin 2.5 mg", 0 },
	{ "blood_thinner: true, drugs: [x], pause: never", DRUG_NEVER, 1, 1,
	    "x", "x-ray", 1 },
	{ "pause: pause, blood_thinner: \"true\", drugs: [\"goody's\"]",
	    DRUG_PAUSE, 1, 1, "goody's", "Goody's Powder", 1 },
	{ "pause: pause, drugs: \"\u00c1cido Acetilsalic\u00edlico\"",
	    DRUG_PAUSE, 0, 1, "\u00c1cido Acetilsalic\u00edlico",
	    "acido acetilsalicilico 100mg", 1 },
	/* A name of punctuation alone has no word to match. */
	{ "pause: pause, drugs: [\"-\", warfarin]", DRUG_PAUSE, 0, 2, "-",
	    "- / -", 0 },
	{ "pause: pause, drugs: []", DRUG_PAUSE, 0, 0, NULL, "warfarin", 0 },
};

static void
torture_drugs_load_classes(void **state)
{
	const struct class_case *c;
	const struct drug_class *dc;
	char yaml[512];
	struct drugs *dr;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(class_cases); i++) {
		c = &class_cases[i];
		snprintf(yaml, sizeof(yaml), "classes:\n"
		    "  - {id: nsaids, name: NSAIDs, pause: pause, "
		    "drugs: [ibuprofen]}\n"
		    "  - {id: anticoagulants, name: blood thinners, %s}\n",
		    c->keys);
		dr = load_text(yaml);
		assert_int_equal(dr->n, 2);
		assert_int_equal(dr->ndoses, 0);
		dc = drugs_find(dr, "anticoagulants");
		assert_ptr_equal(dc, &dr->classes[1]);
		assert_string_equal(dc->name, "blood thinners");
		if (dc->pause != c->pause ||
		    dc->blood_thinner != c->blood_thinner ||
		    dc->drugs.n != c->ndrugs ||
		    (c->first != NULL && strcmp(dc->drugs.v[0], c->first) != 0))
			fail_msg("case %zu: pause %d, blood_thinner %d, %zu "
			    "drugs, first '%s'; want %d, %d, %zu, '%s'", i,
			    dc->pause, dc->blood_thinner, dc->drugs.n,
			    dc->drugs.n > 0 ? dc->drugs.v[0] : "", c->pause,
			    c->blood_thinner, c->ndrugs,
			    c->first != NULL ? c->first : "");
		if (drugs_class_of(dr, c->med) != (c->matches ? dc : NULL))
			fail_msg("case %zu: '%s' %s", i, c->med, c->matches ?
			    "does not match" : "matches");
		/* The other class is untouched by this one's keys. */
		assert_int_equal(dr->classes[0].pause, DRUG_PAUSE);
		assert_false(dr->classes[0].blood_thinner);
		assert_ptr_equal(drugs_class_of(dr, "ibuprofen"),
		    &dr->classes[0]);
		drugs_free(dr);
	}
}

/*
 * Files refused, with the exact place and message.  Most rows are one
 * class with one key wrong: CLASS(keys) is a class a, name A, then keys.
 */
struct bad_drugs {
	const char	*yaml;
	int		 line;
	int		 col;
	const char	*msg;
};

#define CLASS(keys)	"classes: [{id: a, name: A, " keys "}]\n"

/* Two classes, then a dose entry whose keys follow. */
#define DOSES(keys)	"classes:\n" \
	"  - {id: low, name: L, pause: ask-prescriber, drugs: [baby aspirin]}\n" \
	"  - {id: high, name: H, pause: pause, drugs: [ibuprofen]}\n" \
	"doses:\n" \
	"  - drugs: [aspirin]\n" keys

static const struct bad_drugs bad_cases[] = {
	/* pause: required, one of three words, exactly. */
	{ CLASS("drugs: [x]"), 1, 11, "missing required key 'pause'" },
	{ CLASS("pause: maybe, drugs: [x]"), 1, 35,
	    "'pause' must be pause, ask-prescriber or never, not 'maybe'" },
	{ CLASS("pause: Never, drugs: [x]"), 1, 35,
	    "'pause' must be pause, ask-prescriber or never, not 'Never'" },
	{ CLASS("pause: ask_prescriber, drugs: [x]"), 1, 35,
	    "'pause' must be pause, ask-prescriber or never, "
	    "not 'ask_prescriber'" },
	{ CLASS("pause: [never], drugs: [x]"), 1, 35,
	    "'pause' must be pause, ask-prescriber or never, "
	    "not a list or mapping" },
	/* blood_thinner: true or false and nothing else. */
	{ CLASS("pause: never, blood_thinner: maybe, drugs: [x]"), 1, 57,
	    "'blood_thinner' must be true or false" },
	{ CLASS("pause: never, blood_thinner: yes, drugs: [x]"), 1, 57,
	    "'blood_thinner' must be true or false" },
	{ CLASS("pause: never, blood_thinner: [true], drugs: [x]"), 1, 57,
	    "'blood_thinner' must be true or false" },
	/* The old format's key is refused, and typos are told their key. */
	{ CLASS("pause: never, prescribed: true, drugs: [x]"), 1, 42,
	    "unknown key 'prescribed'" },
	{ CLASS("puase: never, drugs: [x]"), 1, 28,
	    "unknown key 'puase' (did you mean 'pause'?)" },
	{ CLASS("pause: never, bloodthinner: true, drugs: [x]"), 1, 42,
	    "unknown key 'bloodthinner' (did you mean 'blood_thinner'?)" },
	{ CLASS("pause: never, drug: [x]"), 1, 42,
	    "unknown key 'drug' (did you mean 'drugs'?)" },
	/* drugs: names, each once, never empty. */
	{ CLASS("pause: never, drugs: \"\""), 1, 49,
	    "'drugs' must not be empty" },
	{ CLASS("pause: never, drugs: [x, \"war\\u200dfarin\"]"), 1, 53,
	    "'drugs' must not contain the invisible character U+200D "
	    "(zero width joiner)" },
	{ CLASS("pause: never, drugs: [x, X]"), 1, 53,
	    "'drugs' lists 'X' twice" },
	{ CLASS("pause: never, drugs: {x: y}"), 1, 49,
	    "'drugs' must be a list" },
	/* Class ids: unique, and of the usual letters. */
	{ "classes: [{id: a, name: A, pause: never, drugs: [x]}, "
	    "{id: a, name: B, pause: never, drugs: [y]}]\n", 1, 55,
	    "'classes' lists 'a' twice" },
	{ "classes: [{id: A_b, name: A, pause: never, drugs: [x]}]\n", 1, 16,
	    "'id' must use only a-z, 0-9 and '-', not 'A_b'" },
	{ "classes: {}\n", 1, 10, "'classes' must be a list" },
	{ "{}\n", 1, 1, "missing required key 'classes'" },
	{ "clases: []\n", 1, 1,
	    "unknown key 'clases' (did you mean 'classes'?)" },
	/* A dose entry names the file's own classes, at the class named. */
	{ DOSES("    low_dose_class: lo\n"
	    "    low_dose_max_mg_a_day: 162\n"
	    "    high_dose_class: high\n"
	    "    high_dose_min_mg: 325\n"), 6, 21, "unknown drug class 'lo'" },
	{ DOSES("    low_dose_class: low\n"
	    "    low_dose_max_mg_a_day: 162\n"
	    "    high_dose_class: nsaids\n"
	    "    high_dose_min_mg: 325\n"), 8, 22,
	    "unknown drug class 'nsaids'" },
	/* Its limits: whole numbers of milligrams, from 1. */
	{ DOSES("    low_dose_class: low\n"
	    "    low_dose_max_mg_a_day: 0\n"
	    "    high_dose_class: high\n"
	    "    high_dose_min_mg: 325\n"), 7, 28,
	    "low_dose_max_mg_a_day must be between 1 and 100000 (got '0')" },
	{ DOSES("    low_dose_class: low\n"
	    "    low_dose_max_mg_a_day: 162\n"
	    "    high_dose_class: high\n"
	    "    high_dose_min_mg: lots\n"), 9, 23,
	    "'high_dose_min_mg' must be a whole number written in base 10, "
	    "not 'lots'" },
	{ DOSES("    low_dose_class: low\n"
	    "    low_dose_max_mg_a_day: 162\n"
	    "    high_dose_class: high\n"), 5, 5,
	    "missing required key 'high_dose_min_mg'" },
	{ DOSES("    low_dose_class: low\n"
	    "    low_dose_max_mg_a_day: 162\n"
	    "    low_words: [baby]\n"
	    "    high_dose_class: high\n"
	    "    high_dose_min_mg: 325\n"), 8, 5, "unknown key 'low_words'" },
	{ "classes: [{id: a, name: A, pause: never, drugs: [x]}]\n"
	    "doses: {drugs: aspirin}\n", 2, 8, "'doses' must be a list" },
};

static void
torture_drugs_load_errors(void **state)
{
	const struct bad_drugs *c;
	struct diag d = { 0 };
	struct drugs *dr;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad_cases); i++) {
		c = &bad_cases[i];
		dr = drugs_load("d.yaml", c->yaml, strlen(c->yaml), &d);
		if (dr != NULL)
			fail_msg("case %zu loaded:\n%s", i, c->yaml);
		if (d.file == NULL || strcmp(d.file, "d.yaml") != 0 ||
		    d.line != c->line || d.col != c->col ||
		    strcmp(d.msg, c->msg) != 0)
			fail_msg("case %zu: got %s:%d:%d: %s; want d.yaml:%d:%d: "
			    "%s", i, d.file != NULL ? d.file : "(no file)",
			    d.line, d.col, d.msg, c->line, c->col, c->msg);
		diag_release(&d);
	}
}

/*
 * The longest-name rule by hand, on a file whose shorter names come
 * first, so the first name found is not the longest: the longest name at
 * a word wins, and the words it covers are not read again.
 */
static void
torture_drugs_longest_examples(void **state)
{
	static const char yaml[] = "classes:\n"
	    "  - {id: a, name: A, pause: pause, drugs: [aspirin, ibuprofen]}\n"
	    "  - {id: b, name: B, pause: ask-prescriber,\n"
	    "     drugs: [aspirin 81, low-dose aspirin]}\n"
	    "  - {id: c, name: C, pause: never, drugs: [\"81 mg\", x-ray]}\n"
	    "  - {id: d, name: D, pause: pause, drugs: [ray, dose]}\n";
	static const struct med_case cases[] = {
		{ "aspirin", "a", NULL, 1, 0 },
		{ "aspirin 81", "b", NULL, 1, 0 },
		/* "81" is aspirin 81's: "81 mg" is not read there. */
		{ "Aspirin 81 mg", "b", NULL, 1, 0 },
		{ "aspirin, 81mg", "b", NULL, 1, 0 },
		{ "aspirin mg 81 mg", "c", "a", 2, 0 },
		{ "81 mg aspirin 81", "c", "b", 2, 0 },
		/* "dose" and "aspirin" are low-dose aspirin's. */
		{ "low-dose aspirin", "b", NULL, 1, 0 },
		{ "low dose", "d", NULL, 1, 0 },
		{ "dose aspirin", "d", "a", 2, 0 },
		/* "ray" is x-ray's; alone, it is its own. */
		{ "x-ray", "c", NULL, 1, 0 },
		{ "X RAY", "c", NULL, 1, 0 },
		{ "ray", "d", NULL, 1, 0 },
		{ "xray", NULL, NULL, 0, 0 },
		{ "aspirinate 81 mg", "c", NULL, 1, 0 },
		{ "ibuprofen aspirin", "a", NULL, 1, 0 },
	};
	const struct med_case *c;
	const struct drug_class *out[2];
	struct drugs *dr;
	size_t i, n;
	int guessed;

	(void)state;
	dr = load_text(yaml);
	for (i = 0; i < NELEM(cases); i++) {
		c = &cases[i];
		n = drugs_classes(dr, c->text, out, &guessed);
		if (n != c->count || guessed != 0 ||
		    (c->id == NULL) != (out[0] == NULL) ||
		    (c->id != NULL && strcmp(out[0]->id, c->id) != 0) ||
		    (c->id2 == NULL) != (out[1] == NULL) ||
		    (c->id2 != NULL && strcmp(out[1]->id, c->id2) != 0))
			fail_msg("case %zu: '%s': got %zu classes, %s, %s, "
			    "guessed %d; want %zu, %s, %s", i, c->text, n,
			    out[0] != NULL ? out[0]->id : "none",
			    out[1] != NULL ? out[1]->id : "none", guessed,
			    c->count, c->id != NULL ? c->id : "none",
			    c->id2 != NULL ? c->id2 : "none");
	}
	drugs_free(dr);
}

/*
 * The longest-name rule against a plain reading of it, on random files
 * and random medications.  The reading: fold the text and split it into
 * words; at each word try every name, split alike, keep the one covering
 * most words, step over them (or one word if none); the distinct classes
 * met are the answer, the most careful first, the first met among
 * equals.  Names overlap ("aspirin", "aspirin 81", "low-dose aspirin",
 * "dose aspirin 81"), carry punctuation, accents and another script, and
 * no two fold alike, so "longest" is never a tie.  Some names go to a
 * dose entry whose two classes are the same, so they take part in the
 * rule with a class known in advance.
 */
static const char *const pool[] = {
	"aspirin", "Aspirin 81", "aspirin 81 mg daily", "Low-Dose Aspirin",
	"low dose", "dose aspirin 81", "baby aspirin", "81 mg", "81",
	"ibuprofen", "IBUPROFEN 400", "\u00e1cido acetilsalic\u00edlico",
	"acido", "x-ray", "ray", "(gel)", "gel pack", "St. Joseph", "joseph",
	"\u0152strogen patch", "oestrogen", "\u03a181", "warfarin",
	"warfarin sodium", "sodium", "(-)",
};

/* Words no name is made of, or pieces of them. */
static const char *const fillers[] = {
	"aspirinate", "mg", "daily", "for", "pain", "400", "5", "tab", "a",
	"dos", "Joseph's", "GEL", "\u00c1cido", "\u03c1", "lowdose",
	"x", "0.5",
};

static const char *const seps[] = {
	" ", "  ", "-", ", ", "/", "", "\u00a0", " (", ") ", "\t",
};

#define RAND_FILES	50
#define RAND_MEDS	80
#define NPOOL		(sizeof(pool) / sizeof(*pool))
#define WORDS_MAX	64

static uint32_t
xorshift32(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

static size_t
pick(uint32_t *s, size_t n)
{
	return xorshift32(s) % n;
}

/* Splits folded text in place into its words; returns how many. */
static size_t
split_words(char *s, char *w[], size_t max)
{
	size_t n = 0;

	for (;;) {
		while (*s == ' ')
			*s++ = '\0';
		if (*s == '\0')
			return n;
		assert_true(n < max);
		w[n++] = s;
		while (*s != '\0' && *s != ' ')
			s++;
	}
}

struct plain_name {
	char	*folded;
	char	*w[8];
	size_t	 nw;
	size_t	 p;		/* index into the pool */
	size_t	 cls;		/* index into the file's classes */
	int	 dosed;		/* the dose entry's, not a class's */
};

struct plain_file {
	struct plain_name names[NPOOL];
	size_t		 nnames;
	int		 pause[5];
	size_t		 nclasses;
	int		 dosed[NPOOL];	/* pool[i] is the dose entry's */
};

static void
plain_add(struct plain_file *pf, size_t p, size_t cls)
{
	struct plain_name *nm = &pf->names[pf->nnames++];

	nm->folded = norm_fold(pool[p]);
	nm->nw = split_words(nm->folded, nm->w, NELEM(nm->w));
	nm->p = p;
	nm->cls = cls;
	nm->dosed = pf->dosed[p];
}

/*
 * A random drugs file, written to yaml, and what the plain reading
 * needs of it: every name, folded and split, with its class.
 */
static void
random_file(uint32_t *seed, struct plain_file *pf, char *yaml, size_t size)
{
	static const char *const pauses[] = {
		"pause", "ask-prescriber", "never"
	};
	size_t order[NPOOL], cls[NPOOL], i, j, k, t, o, ndose, dose_cls;
	int one;

	memset(pf, 0, sizeof(*pf));
	for (i = 0; i < NPOOL; i++)
		order[i] = i;
	for (i = NPOOL - 1; i > 0; i--) {
		j = pick(seed, i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	pf->nclasses = 2 + pick(seed, 4);
	k = pf->nclasses + pick(seed, NPOOL - pf->nclasses + 1);
	/* The first names give each class one; the rest go anywhere. */
	ndose = 0;
	for (i = 0; i < k; i++) {
		cls[order[i]] = i < pf->nclasses ? i : pick(seed,
		    pf->nclasses);
		if (i >= pf->nclasses && pick(seed, 5) == 0) {
			pf->dosed[order[i]] = 1;
			ndose++;
		}
	}
	dose_cls = pick(seed, pf->nclasses);
	o = (size_t)snprintf(yaml, size, "classes:\n");
	for (j = 0; j < pf->nclasses; j++) {
		pf->pause[j] = (int)pick(seed, 3);
		o += (size_t)snprintf(yaml + o, size - o, "  - {id: c%zu, "
		    "name: \"class %zu\", pause: %s, blood_thinner: %s, "
		    "drugs: ", j, j, pauses[pf->pause[j]],
		    pick(seed, 2) ? "true" : "false");
		/* One name is sometimes written without a list. */
		for (i = 0, t = 0; i < k; i++)
			t += cls[order[i]] == j && !pf->dosed[order[i]];
		one = t == 1 && pick(seed, 2);
		o += (size_t)snprintf(yaml + o, size - o, "%s", one ? "" : "[");
		for (i = 0, t = 0; i < k; i++) {
			if (cls[order[i]] != j || pf->dosed[order[i]])
				continue;
			o += (size_t)snprintf(yaml + o, size - o, "%s\"%s\"",
			    t++ > 0 ? ", " : "", pool[order[i]]);
			plain_add(pf, order[i], j);
		}
		o += (size_t)snprintf(yaml + o, size - o, "%s}\n",
		    one ? "" : "]");
		assert_true(o < size);
	}
	if (ndose > 0) {
		o += (size_t)snprintf(yaml + o, size - o, "doses:\n"
		    "  - low_dose_class: c%zu\n"
		    "    high_dose_class: c%zu\n"
		    "    low_dose_max_mg_a_day: 100\n"
		    "    high_dose_min_mg: 200\n"
		    "    drugs: [", dose_cls, dose_cls);
		for (i = 0, t = 0; i < k; i++) {
			if (!pf->dosed[order[i]])
				continue;
			o += (size_t)snprintf(yaml + o, size - o, "%s\"%s\"",
			    t++ > 0 ? ", " : "", pool[order[i]]);
			plain_add(pf, order[i], dose_cls);
		}
		o += (size_t)snprintf(yaml + o, size - o, "]\n");
		assert_true(o < size);
	}
}

static void
plain_free(struct plain_file *pf)
{
	size_t i;

	for (i = 0; i < pf->nnames; i++)
		free(pf->names[i].folded);
}

/* A random medication: names whole, words of names and others, any case. */
static void
random_med(uint32_t *seed, char *med, size_t size)
{
	char *f, *w[WORDS_MAX], piece[64];
	const char *src;
	size_t n, k, i, nw;

	med[0] = '\0';
	n = 1 + pick(seed, 6);
	for (k = 0; k < n; k++) {
		if (k > 0)
			strcat(med, seps[pick(seed, NELEM(seps))]);
		if (pick(seed, 5) < 2)
			src = pool[pick(seed, NPOOL)];
		else if (pick(seed, 3) == 0)
			src = fillers[pick(seed, NELEM(fillers))];
		else {
			/* One word of a name, as folding makes it. */
			f = norm_fold(pool[pick(seed, NPOOL)]);
			nw = split_words(f, w, WORDS_MAX);
			snprintf(piece, sizeof(piece), "%s",
			    nw > 0 ? w[pick(seed, nw)] : "");
			free(f);
			src = piece;
		}
		i = strlen(med);
		assert_true(i + strlen(src) + 4 < size);
		strcat(med, src);
		if (pick(seed, 4) == 0)
			for (; med[i] != '\0'; i++)
				if (med[i] >= 'a' && med[i] <= 'z')
					med[i] = (char)(med[i] - 'a' + 'A');
	}
}

struct plain_answer {
	size_t	 cls[NPOOL];	/* distinct, in the order met */
	size_t	 n;
	int	 dosed;		/* a dose entry's name was met */
	int	 longer;	/* a longer name beat a shorter at a word */
	char	 why[512];
};

static void
plain_classes(const struct plain_file *pf, const char *med,
    struct plain_answer *a)
{
	const struct plain_name *nm, *best;
	char *f, *w[WORDS_MAX];
	size_t nw, i, j, k, o, nmatch;

	memset(a, 0, sizeof(*a));
	f = norm_fold(med);
	nw = split_words(f, w, WORDS_MAX);
	o = 0;
	for (i = 0; i < nw; ) {
		best = NULL;
		nmatch = 0;
		for (j = 0; j < pf->nnames; j++) {
			nm = &pf->names[j];
			if (nm->nw == 0 || i + nm->nw > nw)
				continue;
			for (k = 0; k < nm->nw; k++)
				if (strcmp(w[i + k], nm->w[k]) != 0)
					break;
			if (k < nm->nw)
				continue;
			nmatch++;
			if (best == NULL || nm->nw > best->nw)
				best = nm;
		}
		if (best == NULL) {
			i++;
			continue;
		}
		a->longer |= nmatch > 1;
		for (k = 0; k < a->n && a->cls[k] != best->cls; k++)
			;
		if (k == a->n)
			a->cls[a->n++] = best->cls;
		a->dosed |= best->dosed;
		o += (size_t)snprintf(a->why + o, sizeof(a->why) - o,
		    "%s'%s' at word %zu is c%zu", o > 0 ? ", " : "",
		    pool[best->p], i, best->cls);
		if (o >= sizeof(a->why))
			o = sizeof(a->why) - 1;
		i += best->nw;
	}
	free(f);
}

static void
torture_drugs_longest_random(void **state)
{
	struct plain_file pf;
	struct plain_answer a;
	const struct drug_class *out[2], *want;
	struct drugs *dr;
	char yaml[4096], med[512], id[16], *f[NPOOL];
	size_t file, m, i, j, n, want_n, seen[3] = { 0 }, longer = 0;
	uint32_t seed = 0x2545f491u;
	int guessed;

	(void)state;
	/* The premise: no two names of the pool fold alike. */
	for (i = 0; i < NPOOL; i++)
		f[i] = norm_fold(pool[i]);
	for (i = 0; i < NPOOL; i++)
		for (j = i + 1; j < NPOOL; j++)
			if (strcmp(f[i], f[j]) == 0)
				fail_msg("'%s' and '%s' fold alike", pool[i],
				    pool[j]);
	for (i = 0; i < NPOOL; i++)
		free(f[i]);

	for (file = 0; file < RAND_FILES; file++) {
		random_file(&seed, &pf, yaml, sizeof(yaml));
		dr = load_text(yaml);
		for (m = 0; m < RAND_MEDS; m++) {
			random_med(&seed, med, sizeof(med));
			plain_classes(&pf, med, &a);
			/* The most careful, the first met among equals. */
			want_n = a.n < 2 ? a.n : 2;
			want = NULL;
			for (i = 0, j = 0; i < a.n; i++)
				if (pf.pause[a.cls[i]] > pf.pause[a.cls[j]])
					j = i;
			if (a.n > 0) {
				snprintf(id, sizeof(id), "c%zu", a.cls[j]);
				want = drugs_find(dr, id);
				assert_non_null(want);
			}
			n = drugs_classes(dr, med, out, &guessed);
			if (n != want_n || out[0] != want)
				fail_msg("case %zu.%zu: '%s': got %zu classes, "
				    "%s first; want %zu, %s (%s)\n%s", file, m,
				    med, n, out[0] != NULL ? out[0]->id : "none",
				    want_n, want != NULL ? want->id : "none",
				    a.why, yaml);
			/* The second: another class the text names. */
			if (n == 2) {
				for (i = 0; i < a.n; i++) {
					snprintf(id, sizeof(id), "c%zu",
					    a.cls[i]);
					if (out[1] != out[0] &&
					    out[1] == drugs_find(dr, id))
						break;
				}
				if (i == a.n)
					fail_msg("case %zu.%zu: '%s': second "
					    "class %s is not another named (%s)",
					    file, m, med, out[1] != NULL ?
					    out[1]->id : "none", a.why);
			} else if (out[1] != NULL)
				fail_msg("case %zu.%zu: '%s': a second class "
				    "%s", file, m, med, out[1]->id);
			if (!a.dosed && guessed != 0)
				fail_msg("case %zu.%zu: '%s': guessed without "
				    "a dose entry's name", file, m, med);
			if (drugs_class_of(dr, med) != out[0])
				fail_msg("case %zu.%zu: '%s': drugs_class_of "
				    "differs", file, m, med);
			seen[want_n]++;
			longer += a.longer;
		}
		drugs_free(dr);
		plain_free(&pf);
	}
	/* The cases are worth running: each answer, and the rule, often. */
	for (i = 0; i < 3; i++)
		if (seen[i] < RAND_FILES * RAND_MEDS / 20)
			fail_msg("only %zu cases of %zu classes", seen[i], i);
	if (longer < RAND_FILES * RAND_MEDS / 20)
		fail_msg("only %zu cases where a longer name won", longer);
}

/*
 * A class a data file names: found, or refused at its place with the
 * nearest id to suggest, if one is near; without a drugs file, every
 * class is unknown.
 */
static void
torture_drugs_lookup(void **state)
{
	static const struct {
		const char	*id;
		const char	*msg;	/* NULL: found */
	} cases[] = {
		{ "nsaids", NULL },
		{ "low-dose-aspirin", NULL },
		{ "nsaid", "unknown drug class 'nsaid' (did you mean "
		    "'nsaids'?)" },
		{ "anticoagulant", "unknown drug class 'anticoagulant' (did you "
		    "mean 'anticoagulants'?)" },
		{ "low-dose-asprin", "unknown drug class 'low-dose-asprin' (did "
		    "you mean 'low-dose-aspirin'?)" },
		{ "Statins", "unknown drug class 'Statins' (did you mean "
		    "'statins'?)" },
		{ "vitamins", "unknown drug class 'vitamins'" },
		{ "", "unknown drug class ''" },
	};
	const struct drug_class *dc, *out[2];
	struct pos at = { 3, 7 };
	struct diag d = { 0 };
	struct drugs *dr;
	size_t i;
	int guessed;

	(void)state;
	dr = load_shipped();
	for (i = 0; i < NELEM(cases); i++) {
		dc = drugs_lookup(dr, cases[i].id, "p.yaml", at, &d);
		if (cases[i].msg == NULL) {
			if (dc == NULL || dc != drugs_find(dr, cases[i].id) ||
			    strcmp(dc->id, cases[i].id) != 0)
				fail_msg("case %zu: '%s' not found: %s", i,
				    cases[i].id, d.msg);
			if (d.code != D_NONE || d.file != NULL)
				fail_msg("case %zu: found, with an error: %s",
				    i, d.msg);
			continue;
		}
		if (dc != NULL || d.code != D_UNKNOWN_CLASS ||
		    d.file == NULL || strcmp(d.file, "p.yaml") != 0 ||
		    d.line != 3 || d.col != 7 ||
		    strcmp(d.msg, cases[i].msg) != 0)
			fail_msg("case %zu: got %s %s:%d:%d: %s; want "
			    "p.yaml:3:7: %s", i, dc != NULL ? dc->id : "NULL",
			    d.file != NULL ? d.file : "(no file)", d.line,
			    d.col, d.msg, cases[i].msg);
		diag_release(&d);
	}
	assert_null(drugs_find(dr, "statin"));
	assert_null(drugs_find(dr, "NSAIDS"));
	drugs_free(dr);

	/* No drugs file: nothing found, nothing suggested, nothing matched. */
	assert_null(drugs_lookup(NULL, "nsaids", "p.yaml", at, &d));
	assert_int_equal(d.code, D_UNKNOWN_CLASS);
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 7);
	assert_string_equal(d.msg, "unknown drug class 'nsaids'");
	diag_release(&d);
	assert_null(drugs_find(NULL, "nsaids"));
	assert_null(drugs_class_of(NULL, "ibuprofen"));
	out[0] = out[1] = (const struct drug_class *)&at;
	guessed = 5;
	assert_int_equal(drugs_classes(NULL, "ibuprofen", out, &guessed), 0);
	assert_null(out[0]);
	assert_null(out[1]);
	assert_int_equal(guessed, 0);
	drugs_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_drugs_load_shipped),
		cmocka_unit_test(torture_drugs_shipped_medications),
		cmocka_unit_test(torture_drugs_doses),
		cmocka_unit_test(torture_drugs_load_classes),
		cmocka_unit_test(torture_drugs_load_errors),
		cmocka_unit_test(torture_drugs_longest_examples),
		cmocka_unit_test(torture_drugs_longest_random),
		cmocka_unit_test(torture_drugs_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
