#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "drugs.h"
#include "file.h"
#include "library.h"
#include "load.h"
#include "patient.h"
#include "protocol.h"
#include "terms.h"
#include "tree.h"

/*
 * The one path a patient file takes, as plan, check and the fuzzers
 * take it: the data files, then a patient validated with its protocol,
 * the clinic, the overrides and the care text of its language, loaded
 * once per language.  A data folder of the test's own holds the care
 * texts: English and Spanish as shipped, one broken on purpose.
 */

struct fixture {
	char		 dir[64];	/* the data folder */
	struct load	 l;
};

static void
write_file(const char *dir, const char *name, const char *text, size_t len)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void
copy_file(const char *dir, const char *name, const char *from)
{
	char *buf;
	size_t len;

	assert_int_equal(file_read(from, TREE_MAX_BYTES, &buf, &len), 0);
	write_file(dir, name, buf, len);
	free(buf);
}

static int
setup(void **state)
{
	struct fixture *f;
	struct diag d = { 0 };
	int err;

	f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "%s/prolo-load.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	copy_file(f->dir, "care.yaml", "data/care.yaml");
	copy_file(f->dir, "care.es.yaml", "data/care.es.yaml");
	copy_file(f->dir, "drugs.yaml", "data/drugs.yaml");
	copy_file(f->dir, "terms.yaml", "data/terms.yaml");
	write_file(f->dir, "care.zz.yaml", "language: zz\n", 13);
	f->l.datadir = f->dir;
	f->l.today = date_from_ymd(2026, 11, 27);
	f->l.drugs = load_drugs(f->dir, &d, &err);
	f->l.terms = load_terms(f->dir, &d, &err);
	f->l.care = load_care(f->dir, NULL, f->l.drugs, &d, &err);
	f->l.clinic = load_clinic("data/clinic.yaml", f->l.drugs, f->l.terms,
	    &d, &err);
	if (f->l.care == NULL || f->l.drugs == NULL || f->l.clinic == NULL ||
	    f->l.terms == NULL)
		return -1;
	f->l.library = library_new("data/protocols", f->l.care);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	static const char *const names[] = {
		"care.yaml", "care.es.yaml", "care.zz.yaml", "drugs.yaml",
		"terms.yaml"
	};
	struct fixture *f = *state;
	char path[256];
	size_t i;

	load_release(&f->l);
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
		unlink(path);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

#define HEAD \
	"patient: {id: MRN-1, name: Jane Roe}\n" \
	"protocol: knee-oa\n" \
	"start: 2026-12-01\n"

/* Loads a patient file's text; the chart is released by the caller. */
static int
load(struct fixture *f, const char *yaml, struct chart *ch, struct diag *d)
{
	return load_patient(&f->l, "p.yaml", yaml, strlen(yaml), ch, d);
}

static void
torture_load_patient_chart(void **state)
{
	struct fixture *f = *state;
	struct diag d = { 0 };
	struct chart ch;

	assert_int_equal(load(f, HEAD, &ch, &d), 0);
	assert_string_equal(ch.patient->id, "MRN-1");
	assert_string_equal(ch.protocol->id, "knee-oa");
	assert_ptr_equal(ch.clinic, f->l.clinic);
	assert_ptr_equal(ch.drugs, f->l.drugs);
	assert_ptr_equal(ch.care, f->l.care);
	/* patient_apply() filled what the patient left to the protocol. */
	assert_int_equal(ch.patient->visits, ch.protocol->visits_default);
	assert_int_equal(ch.patient->sites.n, ch.protocol->sites.n);
	assert_int_equal(ch.patient->volume, ch.protocol->volume_usual);
	assert_int_equal(ch.patient->weight, -1);
	patient_free(ch.patient);
	/* A volume and a weight of the patient's own are kept exactly. */
	assert_int_equal(load(f, HEAD "weight_kg: 61.5\nvolume_ml: 9.25\n",
	    &ch, &d), 0);
	assert_int_equal(ch.patient->volume, 9250);
	assert_int_equal(ch.patient->weight, 61500);
	patient_free(ch.patient);
}

/* A patient's own language is loaded once and shared; English is the run's. */
static void
torture_load_patient_language(void **state)
{
	struct fixture *f = *state;
	struct diag d = { 0 };
	struct chart a, b, c;

	assert_int_equal(load(f, HEAD "lang: es\n", &a, &d), 0);
	assert_string_equal(a.care->language, "es");
	assert_int_equal(load(f, HEAD "lang: es\n", &b, &d), 0);
	assert_ptr_equal(a.care, b.care);
	assert_int_equal(load(f, HEAD "lang: en\n", &c, &d), 0);
	assert_ptr_equal(c.care, f->l.care);
	patient_free(a.patient);
	patient_free(b.patient);
	patient_free(c.patient);
	/* With Spanish as the run's language, English is a language asked for. */
	f->l.lang = "es";
	assert_int_equal(load(f, HEAD "lang: es\n", &a, &d), 0);
	assert_ptr_equal(a.care, f->l.care);
	assert_int_equal(load(f, HEAD "lang: en\n", &b, &d), 0);
	assert_string_equal(b.care->language, "en");
	assert_ptr_not_equal(b.care, f->l.care);
	patient_free(a.patient);
	patient_free(b.patient);
}

struct bad {
	const char	*yaml;
	int		 line;
	int		 col;
	const char	*msg;
};

static const struct bad bad_cases[] = {
	/* A volume within the protocol's, a weight with no unit. */
	{ HEAD "volume_ml: 28.6\n", 4, 12, "'volume_ml' must be at most "
	    "28.5 mL a site, the maximum of protocol 'knee-oa' (got 28.6)" },
	{ HEAD "weight_kg: 62 kg\n", 4, 12, "'weight_kg' must be a number "
	    "written like 12 or 12.5 (at most 3 decimals, no unit), not "
	    "'62 kg'" },
	{ HEAD "weight_kg: 1.9\n", 4, 12, "weight_kg must be between 2 and "
	    "500 (got '1.9')" },
	/* A volume against a protocol that gives none cannot be checked. */
	{ "patient: {id: MRN-1, name: Jane Roe}\n"
	    "protocol: tests/cases/protocols/fast.yaml\n"
	    "start: 2026-12-01\nvolume_ml: 5\n", 4, 12, "'volume_ml': protocol "
	    "'fast' gives no 'volume_ml' range, so no volume can be checked "
	    "against it" },
	/* The care text of a language with no file, at the patient's key. */
	{ HEAD "lang: fr\n", 4, 7, "no handout text for language 'fr' "
	    "(care.fr.yaml in the data folder)" },
	/* A care file that is there but broken: its own error. */
	{ HEAD "lang: zz\n", 1, 1, "missing required key 'title'" },
	/* The protocol's bounds on the course. */
	{ HEAD "visits: 11\n", 4, 9, "visits must be between 4 and 10 for "
	    "protocol knee-oa (got 11)" },
	/* A time the clinic does not offer. */
	{ HEAD "time: \"09:40\"\n", 4, 7, "'time' '09:40' is not one of the "
	    "clinic's appointment times (08:30, 09:15, 10:00, 10:45, 11:30, "
	    "13:30, 14:15, 15:00, 15:45)" },
	/* An override of no rule of the clinic's or the protocol's. */
	{ HEAD "overrides: [{rule: pregnacy, reason: r, approved_by: A}]\n",
	    4, 13, "'overrides': no rule 'pregnacy' applies to this course "
	    "(did you mean 'pregnancy'?)" },
	{ HEAD "overrides: [{rule: lidocaine-doses, reason: r, "
	    "approved_by: A}]\n", 4, 13, "'overrides': no rule "
	    "'lidocaine-doses' applies to this course (did you mean "
	    "'lidocaine-dose'?)" },
	{ HEAD "overrides: [{rule: colour, reason: r, approved_by: A}]\n",
	    4, 13, "'overrides': no rule 'colour' applies to this course (no "
	    "such rule in the clinic or protocol knee-oa, nor a dose limit of "
	    "its ingredients)" },
	/* The protocol named: unknown, and the patient file's own errors. */
	{ "patient: {id: A, name: B}\nprotocol: knee-ao\nstart: 2026-12-01\n",
	    2, 11, "unknown protocol 'knee-ao' (did you mean 'knee-oa'?)" },
	{ HEAD "strat: 1\n", 4, 1,
	    "unknown key 'strat' (did you mean 'start'?)" },
	/* A missed visit is past too; a booked one is still to come. */
	{ HEAD "history: [{date: 2026-11-30, missed: true}]\n", 4, 11,
	    "'history' date 2026-11-30 is after today 2026-11-27: a visit "
	    "given cannot be in the future" },
	{ HEAD "booked: [2026-11-26]\n", 4, 10, "'booked' date 2026-11-26 is "
	    "before today 2026-11-27: a visit given belongs in 'history'" },
	/* A visit given cannot be after today, 2026-11-27. */
	{ HEAD "history: [2026-11-03, 2026-11-28]\n", 4, 23, "'history' date "
	    "2026-11-28 is after today 2026-11-27: a visit given cannot be in "
	    "the future" },
	/*
	 * One medicine per item: a list typed as one item, in a flow list or
	 * as one string, with any of the separators, and two classes in one
	 * item with none.  Each is refused at the item.
	 */
	{ HEAD "medications: warfarin, ibuprofen\n", 4, 14, "'medications' "
	    "item 'warfarin, ibuprofen' names more than one medicine "
	    "(blood thinners (anticoagulants) and anti-inflammatory "
	    "painkillers (NSAIDs)): write one medicine per item" },
	{ HEAD "medications: [metformin, \"warfarin; ibuprofen\"]\n", 4, 26,
	    "'medications' item 'warfarin; ibuprofen' names more than one "
	    "medicine (blood thinners (anticoagulants) and anti-inflammatory "
	    "painkillers (NSAIDs)): write one medicine per item" },
	{ HEAD "medications:\n  - vitamin D / calcium\n", 5, 5, "'medications' "
	    "item 'vitamin D / calcium' names more than one medicine: write one "
	    "medicine per item" },
	{ HEAD "medications: [\"metformin + sitagliptin\"]\n", 4, 15,
	    "'medications' item 'metformin + sitagliptin' names more than one "
	    "medicine: write one medicine per item" },
	{ HEAD "medications: [lisinopril and metformin]\n", 4, 15,
	    "'medications' item 'lisinopril and metformin' names more than one "
	    "medicine: write one medicine per item" },
	{ HEAD "medications: [enalapril y metformina]\n", 4, 15,
	    "'medications' item 'enalapril y metformina' names more than one "
	    "medicine: write one medicine per item" },
	{ HEAD "medications: [warfarin ibuprofen]\n", 4, 15, "'medications' "
	    "item 'warfarin ibuprofen' names more than one medicine (blood "
	    "thinners (anticoagulants) and anti-inflammatory painkillers "
	    "(NSAIDs)): write one medicine per item" },
	{ HEAD "medications: [Plavix & aspirin 81 mg]\n", 4, 15,
	    "'medications' item 'Plavix & aspirin 81 mg' names more than one "
	    "medicine (blood thinners (antiplatelets) and low-dose aspirin): "
	    "write one medicine per item" },
};

/*
 * What one medicine per item lets through: numbers with commas and
 * slashes, doses per day, a brand and its ingredient, a combination
 * sold as one medicine, and a history visit today.
 */
static const char *const good_cases[] = {
	HEAD "medications: [\"acetaminophen 1,000 mg\"]\n",
	HEAD "medications: [\"hydrocodone 5/325\"]\n",
	HEAD "medications: [\"aspirin 81 mg/day\", \"enoxaparin 40 mg/24h\"]\n",
	HEAD "medications: [\"Advil (ibuprofen) 200 mg\"]\n",
	HEAD "medications: [\"Coumadin (warfarin) 5 mg\"]\n",
	HEAD "medications: [Aggrenox]\n",
	HEAD "medications: [\"ácido acetilsalicílico 100 mg/día\"]\n",
	HEAD "history: [2026-11-27]\nvisits: 5\n",
	/* The dose limit of an ingredient of knee-oa's solution. */
	HEAD "overrides: [{rule: lidocaine-dose, reason: r, approved_by: A}]\n",
};

static void
torture_load_patient_accepted(void **state)
{
	struct fixture *f = *state;
	struct diag d = { 0 };
	struct chart ch;
	size_t i;

	for (i = 0; i < sizeof(good_cases) / sizeof(*good_cases); i++) {
		if (load(f, good_cases[i], &ch, &d) != 0)
			fail_msg("case %zu: %d:%d: %s", i, d.line, d.col,
			    d.msg);
		patient_free(ch.patient);
	}
}

static void
torture_load_patient_refused(void **state)
{
	struct fixture *f = *state;
	struct diag d = { 0 };
	struct chart ch;
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		assert_int_equal(load(f, bad_cases[i].yaml, &ch, &d), -1);
		assert_null(ch.patient);
		if (strcmp(d.msg, bad_cases[i].msg) != 0 ||
		    (strcmp(d.file, "p.yaml") == 0 &&
		    (d.line != bad_cases[i].line ||
		    d.col != bad_cases[i].col)))
			fail_msg("case %zu: got %s:%d:%d: %s", i, d.file,
			    d.line, d.col, d.msg);
		diag_release(&d);
	}
}

/*
 * As many languages as patients ask for, each loaded once: 30 of them,
 * each patient of a language sharing the first one's care text.
 */
static void
torture_load_patient_languages_many(void **state)
{
	struct fixture *f = *state;
	struct diag d = { 0 };
	struct chart ch;
	const struct care *first[30];
	char name[32], yaml[256];
	size_t i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < 30; i++) {
			snprintf(name, sizeof(name), "care.%c%c.yaml",
			    (int)('a' + i / 26), (int)('a' + i % 26));
			if (k == 0)
				copy_file(f->dir, name, "data/care.yaml");
			snprintf(yaml, sizeof(yaml), HEAD "lang: %c%c\n",
			    (int)('a' + i / 26), (int)('a' + i % 26));
			if (load(f, yaml, &ch, &d) != 0)
				fail_msg("language %zu: %s", i, d.msg);
			if (k == 0)
				first[i] = ch.care;
			else
				assert_ptr_equal(ch.care, first[i]);
			patient_free(ch.patient);
		}
	assert_int_equal(f->l.langs.n, 30);
	for (i = 0; i < 30; i++) {
		snprintf(yaml, sizeof(yaml), "%s/care.%c%c.yaml", f->dir,
		    (int)('a' + i / 26), (int)('a' + i % 26));
		unlink(yaml);
	}
}

/* The data files: read errors carry the errno and the file's name. */
static void
torture_load_data_files(void **state)
{
	struct fixture *f = *state;
	struct diag d = { 0 };
	int err;

	assert_null(load_care(f->dir, "fr", NULL, &d, &err));
	assert_int_equal(err, ENOENT);
	assert_non_null(strstr(d.file, "/care.fr.yaml"));
	diag_release(&d);
	assert_null(load_drugs("/nonexistent", &d, &err));
	assert_int_equal(err, ENOENT);
	assert_string_equal(d.file, "/nonexistent/drugs.yaml");
	diag_release(&d);
	assert_null(load_clinic("/nonexistent.yaml", f->l.drugs,
	    f->l.terms, &d, &err));
	assert_int_equal(err, ENOENT);
	diag_release(&d);
	/* Read but invalid: no errno, the loader's message. */
	assert_null(load_care(f->dir, "zz", NULL, &d, &err));
	assert_int_equal(err, 0);
	assert_int_equal(d.line, 1);
	diag_release(&d);
}

/* A clinic's and a protocol's drug classes must be drugs.yaml's. */
static void
torture_load_classes(void **state)
{
	static const char clinic[] =
	    "rules:\n  - {id: x, level: warn, if: {class: [nsaid]}, text: t}\n";
	static const char proto[] =
	    "id: p\nname: P\nsolution: s\nsites: [knee]\n"
	    "visits: {min: 1, default: 1, max: 1}\n"
	    "injections: {min: 1, max: 1}\n"
	    "interval_days: {min: 7, preferred: 7, max: 7}\n"
	    "max_course_days: 7\n"
	    "medication_holds:\n"
	    "  - {class: steroid, stop_days_before: 1, resume_days_after: 1}\n";
#define PROTO_HEAD \
	"id: p\nname: P\nsolution: s\nsites: [knee]\n" \
	"visits: {min: 1, default: 1, max: 1}\n" \
	"injections: {min: 1, max: 1}\n" \
	"interval_days: {min: 7, preferred: 7, max: 7}\n" \
	"max_course_days: 7\n" \
	"medication_holds:\n"
	static const char never_class[] = PROTO_HEAD
	    "  - {class: oral-steroids, stop_days_before: 1, "
	    "resume_days_after: 1}\n";
	static const char never_name[] = PROTO_HEAD
	    "  - {drugs: [naproxen, Warfarin 5 mg], stop_days_before: 1, "
	    "resume_days_after: 1}\n";
	struct fixture *f = *state;
	struct diag d = { 0 };

	assert_null(load_clinic_text("c.yaml", clinic, strlen(clinic),
	    f->l.drugs, f->l.terms, &d));
	assert_string_equal(d.msg, "unknown drug class 'nsaid' (did you mean "
	    "'nsaids'?)");
	assert_int_equal(d.line, 2);
	diag_release(&d);
	assert_null(load_protocol_text("p.yaml", proto, strlen(proto), NULL,
	    &f->l, &d));
	assert_int_equal(d.line, 10);
	assert_int_equal(d.col, 13);
	assert_non_null(strstr(d.msg, "unknown drug class 'steroid'"));
	diag_release(&d);
	/*
	 * A class never paused on a schedule cannot be held, by its class
	 * or by one of its names, however the name is typed.
	 */
	assert_null(load_protocol_text("p.yaml", never_class,
	    strlen(never_class), NULL, &f->l, &d));
	assert_int_equal(d.line, 10);
	assert_int_equal(d.col, 13);
	assert_string_equal(d.msg, "'medication_holds': class 'oral-steroids' "
	    "is never paused on a schedule (pause: never in drugs.yaml)");
	diag_release(&d);
	assert_null(load_protocol_text("p.yaml", never_name,
	    strlen(never_name), NULL, &f->l, &d));
	assert_int_equal(d.line, 10);
	assert_int_equal(d.col, 13);
	assert_string_equal(d.msg, "'medication_holds': class 'anticoagulants' "
	    "is never paused on a schedule (pause: never in drugs.yaml) "
	    "('Warfarin 5 mg' is one)");
	diag_release(&d);
	/* The id a library file's name gives it. */
	assert_null(load_protocol_text("p.yaml", proto, strlen(proto), "q",
	    &f->l, &d));
	assert_string_equal(d.msg, "'id' 'p' does not match the file name "
	    "'q'");
	diag_release(&d);
}

/*
 * A protocol's ingredients are known to terms.yaml under any name, each
 * once, and the solution the patient reads names exactly them.
 */
static void
torture_load_ingredients(void **state)
{
#define SOLUTE_PROTO(solution, list) \
	"id: p\nname: P\nsolution: " solution "\nsites: [knee]\n" \
	"ingredients: " list "\n" \
	"volume_ml: {usual: 6, max: 10}\n" \
	"visits: {min: 1, default: 1, max: 1}\n" \
	"injections: {min: 1, max: 1}\n" \
	"interval_days: {min: 7, preferred: 7, max: 7}\n" \
	"max_course_days: 7\n"
	static const struct {
		const char	*yaml;
		int		 line, col;
		const char	*msg;		/* NULL: accepted */
	} cases[] = {
		{ SOLUTE_PROTO("12.5% dextrose with 1% Xylocaine",
		    "[{name: Dextrosa, percent: 12.5}, "
		    "{name: lignocaine, percent: 1}]"), 0, 0, NULL },
		{ SOLUTE_PROTO("12.5% dextrose", "[{name: dextrose, "
		    "percent: 12.5}, {name: lidocaine, percent: 1}]"), 5, 55,
		    "'ingredients' lists 'lidocaine', which 'solution' does not "
		    "name: the patient must be told what is injected" },
		{ SOLUTE_PROTO("12.5% dextrose, 1% lidocaine",
		    "[{name: dextrose, percent: 12.5}]"), 5, 14,
		    "'solution' names lidocaine, which 'ingredients' does not "
		    "list: its dose could not be checked" },
		{ SOLUTE_PROTO("12.5% dextrose, 1% lidocaine",
		    "[{name: lidocaine, percent: 1}, {name: Xylocaine, "
		    "percent: 1}, {name: dextrose, percent: 12.5}]"), 5, 53,
		    "'ingredients': 'lidocaine' and 'Xylocaine' are the same "
		    "ingredient" },
		/* What an ingredient is made from is not the ingredient. */
		{ SOLUTE_PROTO("12.5% dextrose", "[{name: corn, percent: "
		    "12.5}]"), 5, 22, "'ingredients': 'corn' is not an "
		    "ingredient prolo knows (data/terms.yaml lists them with "
		    "their other names)" },
		{ SOLUTE_PROTO("12.5% dextrose, 1% sarapin",
		    "[{name: dextrose, percent: 12.5}, {name: sarapin, "
		    "percent: 1}]"), 5, 55, "'ingredients': 'sarapin' is not an "
		    "ingredient prolo knows (data/terms.yaml lists them with "
		    "their other names)" },
	};
	struct fixture *f = *state;
	struct protocol *p;
	struct diag d = { 0 };
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		p = load_protocol_text("p.yaml", cases[i].yaml,
		    strlen(cases[i].yaml), NULL, &f->l, &d);
		if (cases[i].msg == NULL) {
			if (p == NULL)
				fail_msg("case %zu: %s", i, d.msg);
			assert_int_equal(p->nsolutes, 2);
			assert_int_equal(p->solutes[1].percent, 1000);
			assert_int_equal(p->volume_max, 10000);
			protocol_free(p);
			continue;
		}
		assert_null(p);
		if (d.line != cases[i].line || d.col != cases[i].col ||
		    strcmp(d.msg, cases[i].msg) != 0)
			fail_msg("case %zu: got %d:%d: %s", i, d.line, d.col,
			    d.msg);
		diag_release(&d);
	}
#undef SOLUTE_PROTO
}

/*
 * A clinic's stock names its ingredients as protocols may, under any
 * name terms.yaml knows: one it does not know is refused at its place,
 * so prep never says the clinic has none of what a vial holds.
 */
static void
torture_load_stock(void **state)
{
	static const char good[] =
	    "stock:\n"
	    "  - {name: \"Xylocaine 1%\", ingredient: Xylocaine, percent: 1}\n"
	    "  - {name: glucose, ingredient: Glucosa, percent: 50}\n"
	    "  - {name: water, diluent: true}\n";
	static const char bad[] =
	    "stock:\n"
	    "  - {name: water, diluent: true}\n"
	    "  - {name: \"sarapin 1%\", ingredient: sarapin, percent: 1}\n";
	struct fixture *f = *state;
	struct clinic *c;
	struct diag d = { 0 };

	c = load_clinic_text("c.yaml", good, strlen(good), f->l.drugs,
	    f->l.terms, &d);
	if (c == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_non_null(c->stock[0].of);
	assert_ptr_equal(c->stock[0].of, terms_ingredient(f->l.terms,
	    " lidocaine "));
	assert_ptr_equal(c->stock[1].of, terms_ingredient(f->l.terms,
	    " dextrose "));
	assert_null(c->stock[2].of);
	clinic_free(c);
	assert_null(load_clinic_text("c.yaml", bad, strlen(bad), f->l.drugs,
	    f->l.terms, &d));
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 38);
	assert_string_equal(d.msg, "'stock': 'sarapin' is not an ingredient "
	    "prolo knows (data/terms.yaml lists them with their other names)");
	diag_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(torture_load_patient_chart,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_load_patient_language,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_load_patient_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_load_patient_accepted,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    torture_load_patient_languages_many, setup, teardown),
		cmocka_unit_test_setup_teardown(torture_load_data_files,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_load_classes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(torture_load_ingredients,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_load_stock, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
