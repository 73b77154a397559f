#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "diag.h"
#include "file.h"
#include "protocol.h"
#include "terms.h"
#include "tree.h"

/*
 * Protocol files, from strings and from the shipped library.  The care
 * text comes from data/care.yaml, which protocols may override.
 */

static struct care *care;
static struct terms *terms;	/* data/terms.yaml */

static int
setup(void **state)
{
	struct diag d = { 0 };
	char *buf;
	size_t len;

	(void)state;
	if (file_read("data/care.yaml", TREE_MAX_BYTES, &buf, &len) != 0)
		return -1;
	care = care_load("data/care.yaml", buf, len, &d);
	free(buf);
	diag_release(&d);
	if (file_read("data/terms.yaml", TREE_MAX_BYTES, &buf, &len) != 0)
		return -1;
	terms = terms_load("data/terms.yaml", buf, len, &d);
	free(buf);
	diag_release(&d);
	return care && terms ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	care_free(care);
	terms_free(terms);
	return 0;
}

#define GOOD \
	"id: test\n" \
	"name: Test protocol\n" \
	"solution: 15% dextrose with 0.5% lidocaine\n" \
	"sites: [knee]\n" \
	"visits: {min: 4, max: 10, default: 5}\n" \
	"injections: {min: 4, max: 30}\n" \
	"interval_days: {min: 14, max: 21, preferred: 21}\n" \
	"max_course_days: 183\n"

static void
torture_protocol_load_minimal(void **state)
{
	struct diag d = { 0 };
	struct protocol *p;

	(void)state;
	p = protocol_load("t.yaml", GOOD, strlen(GOOD), "test", care, &d);
	assert_non_null(p);
	assert_string_equal(p->id, "test");
	assert_int_equal(p->per_site, 1);
	assert_int_equal(p->visits_min, 4);
	assert_int_equal(p->visits_default, 5);
	assert_int_equal(p->visits_max, 10);
	assert_int_equal(p->inj_max, 30);
	assert_int_equal(p->ival_pref, 21);
	assert_int_equal(p->max_course_days, 183);
	assert_int_equal(p->nholds, 0);
	assert_null(p->source);
	protocol_free(p);
}

static void
torture_protocol_load_holds_and_care(void **state)
{
	static const char yaml[] = GOOD
	    "injections_per_site: 2\n"
	    "medication_holds:\n"
	    "  - drugs: [aspirin, ibuprofen]\n"
	    "    stop_days_before: 3\n"
	    "    resume_days_after: 7\n"
	    "care:\n"
	    "  notes: [Spinal manipulation may help.]\n";
	struct diag d = { 0 };
	struct protocol *p;

	(void)state;
	p = protocol_load("t.yaml", yaml, strlen(yaml), NULL, care, &d);
	assert_non_null(p);
	assert_int_equal(p->per_site, 2);
	assert_int_equal(p->nholds, 1);
	assert_int_equal(p->holds[0].drugs.n, 2);
	assert_int_equal(p->holds[0].stop_before, 3);
	assert_int_equal(p->holds[0].resume_after, 7);
	assert_int_equal(p->ncare, 1);
	assert_string_equal(p->care[0].section, "notes");
	assert_string_equal(protocol_care(p, 0, "en")->v[0],
	    "Spinal manipulation may help.");
	protocol_free(p);
}

struct bad {
	const char	*from;		/* text of GOOD to replace */
	const char	*to;
	int		 line;
	int		 col;
	const char	*words;
};

static const struct bad bad_cases[] = {
	/* Ingredients and volumes: together, in range, adding up. */
	{ "sites: [knee]", "sites: [knee]\nvolume_ml: {usual: 6, max: 10}", 5,
	    12, "'ingredients' and 'volume_ml' go together: give both, or "
	    "neither" },
	{ "sites: [knee]", "sites: [knee]\ningredients: [{name: dextrose, "
	    "percent: 15}]", 5, 14, "'ingredients' and 'volume_ml' go together" },
	{ "sites: [knee]", "sites: [knee]\nvolume_ml: {usual: 12, max: 10}\n"
	    "ingredients: [{name: dextrose, percent: 15}]", 5, 20,
	    "'volume_ml': usual 12 is more than max 10" },
	{ "sites: [knee]", "sites: [knee]\nvolume_ml: {usual: 6, max: 100.5}\n"
	    "ingredients: [{name: dextrose, percent: 15}]", 5, 28,
	    "volume_ml max must be between 0.1 and 100 (got '100.5')" },
	{ "sites: [knee]", "sites: [knee]\nvolume_ml: {usual: 6 mL, max: 10}\n"
	    "ingredients: [{name: dextrose, percent: 15}]", 5, 20,
	    "'volume_ml usual' must be a number written like 12 or 12.5" },
	{ "sites: [knee]", "sites: [knee]\nvolume_ml: {usual: 6, max: 10}\n"
	    "ingredients: [{name: dextrose, percent: 0}]", 6, 41,
	    "ingredients percent must be between 0.001 and 100 (got '0')" },
	{ "sites: [knee]", "sites: [knee]\nvolume_ml: {usual: 6, max: 10}\n"
	    "ingredients: [{name: dextrose, percent: 60}, {name: lidocaine, "
	    "percent: 40.5}]", 6, 14,
	    "'ingredients': the percents add up to 100.5%, more than 100%" },
	{ "sites: [knee]", "sites: [knee]\nvolume_ml: {usual: 6, max: 10}\n"
	    "ingredients: [{name: dextrose, percent: 6}, {name: dextrose, "
	    "percent: 4}]", 6, 45, "lists 'dextrose' twice" },
	{ "sites: [knee]", "sites: [knee]\nvolume_ml: {usual: 6, max: 10}\n"
	    "ingredients: []", 6, 14, "'ingredients' must not be empty" },
	{ "sites: [knee]", "sites: [knee]\ninjection_points: 101", 5, 19,
	    "injection_points must be between 1 and 100" },
	{ "sites: [knee]", "sites: [knee]\nmedication_holds:\n"
	    "  - {drugs: [aspirin], class: nsaids, stop_days_before: 3, "
	    "resume_days_after: 7}", 6, 5,
	    "a medication hold names 'drugs' or a drug 'class', one of the two" },
	{ "sites: [knee]", "sites: [knee]\nmedication_holds:\n"
	    "  - {stop_days_before: 3, resume_days_after: 7}", 6, 5,
	    "names 'drugs' or a drug 'class'" },
	{ "sites: [knee]", "sites: [knee]\nreview_at_visit: 1", 5, 18,
	    "review_at_visit must be between 2 and 10" },
	{ "sites: [knee]", "sites: [knee]\nrules: [{id: r, level: stop}]", 5,
	    9, "missing required key 'if'" },
	{ "id: test", "id: Test_1", 1, 5,
	    "'id' must use only a-z, 0-9 and '-', not 'Test_1'" },
	{ "id: test", "id: other", 1, 5,
	    "'id' 'other' does not match the file name 'test'" },
	{ "min: 14, max: 21, preferred: 21", "min: 5, max: 21, preferred: 21",
	    7, 22, "interval_days min must be between 7 and 91 (got '5')" },
	{ "min: 14, max: 21, preferred: 21", "min: 14, max: 92, preferred: 21",
	    7, 31, "interval_days max must be between 7 and 91" },
	{ "min: 14, max: 21, preferred: 21", "min: 14, max: 21, preferred: 28",
	    7, 46, "'interval_days': preferred 28 must not be more than max 21" },
	{ "min: 14, max: 21, preferred: 21", "min: 21, max: 21, preferred: 14",
	    7, 22, "'interval_days': min 21 must not be more than preferred 14" },
	{ "{min: 4, max: 30}", "{min: 0, max: 30}", 6, 19,
	    "injections min must be between 1 and 30" },
	{ "{min: 4, max: 30}", "{min: 4, max: 31}", 6, 27,
	    "injections max must be between 1 and 30" },
	{ "{min: 4, max: 30}", "{min: 8, max: 4}", 6, 19,
	    "'injections': min 8 must not be more than max 4" },
	{ "max_course_days: 183", "max_course_days: 367", 8, 18,
	    "max_course_days must be between 1 and 366" },
	{ "{min: 4, max: 10, default: 5}", "{min: 4, max: 10, default: 11}",
	    5, 36, "'visits': default 11 must not be more than max 10" },
	{ "{min: 4, max: 10, default: 5}", "{min: 4, max: 10}", 5, 9,
	    "missing required key 'default'" },
	{ "sites: [knee]", "sites: []", 4, 8, "'sites' must not be empty" },
	{ "sites: [knee]", "sites: [knee]\ncare: {note: [x]}", 5, 8,
	    "unknown care section 'note' (did you mean 'notes'?)" },
	{ "sites: [knee]", "sites: [knee]\nsoluton: x", 5, 1,
	    "unknown key 'soluton' (did you mean 'solution'?)" },
	{ "sites: [knee]", "sites: [knee]\nmedication_holds:\n"
	    "  - {drugs: [aspirin], stop_days_before: 3}", 6, 5,
	    "missing required key 'resume_days_after'" },
	{ "sites: [knee]", "sites: [knee]\nmedication_holds:\n"
	    "  - {drugs: [aspirin], stop_days_before: 91, "
	    "resume_days_after: 1}", 6, 42,
	    "stop_days_before must be between 0 and 90" },
};

static void
torture_protocol_load_errors(void **state)
{
	struct diag d = { 0 };
	struct protocol *p;
	char yaml[2048];
	const char *at;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		at = strstr(GOOD, bad_cases[i].from);
		assert_non_null(at);
		n = (size_t)(at - GOOD);
		snprintf(yaml, sizeof(yaml), "%.*s%s%s", (int)n, GOOD,
		    bad_cases[i].to, at + strlen(bad_cases[i].from));
		p = protocol_load("t.yaml", yaml, strlen(yaml), "test", care,
		    &d);
		if (p != NULL)
			fail_msg("case %zu loaded", i);
		if (d.line != bad_cases[i].line || d.col != bad_cases[i].col ||
		    strstr(d.msg, bad_cases[i].words) == NULL)
			fail_msg("case %zu: got %d:%d: %s", i, d.line, d.col,
			    d.msg);
		assert_string_equal(d.file, "t.yaml");
		diag_release(&d);
	}
}

/* Every shipped protocol loads, and the standard one has the standard bounds. */
static void
torture_protocol_load_library(void **state)
{
	struct diag d = { 0 };
	struct protocol *p;
	struct dirent *de;
	char path[512], id[256], *buf;
	size_t len, n, count;
	DIR *dir;

	(void)state;
	dir = opendir("data/protocols");
	assert_non_null(dir);
	count = 0;
	while ((de = readdir(dir)) != NULL) {
		n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".yaml") != 0)
			continue;
		snprintf(id, sizeof(id), "%.*s", (int)(n - 5), de->d_name);
		snprintf(path, sizeof(path), "data/protocols/%s", de->d_name);
		assert_int_equal(file_read(path, TREE_MAX_BYTES, &buf, &len),
		    0);
		p = protocol_load(path, buf, len, id, care, &d);
		free(buf);
		if (p == NULL)
			fail_msg("%s:%d:%d: %s", path, d.line, d.col, d.msg);
		assert_non_null(p->source);
		/* The staff's source is the English one; a plain one is
		   the patient's in every language. */
		assert_string_equal(protocol_source(p, "en"), p->source);
		if (strcmp(id, "knee-oa") == 0) {
			assert_true(strncmp(p->source, "Adapted from ", 13) == 0);
			assert_true(strncmp(protocol_source(p, "es"),
			    "Adaptado de Rabago D", 20) == 0);
		} else if (strcmp(id, "low-back") == 0)
			assert_ptr_equal(protocol_source(p, "es"), p->source);
		assert_true(p->visits_default * (int)p->sites.n *
		    p->per_site >= p->inj_min);
		assert_true(p->visits_default * (int)p->sites.n *
		    p->per_site <= p->inj_max);
		if (strcmp(id, "standard") == 0) {
			assert_int_equal(p->inj_min, 4);
			assert_int_equal(p->inj_max, 30);
			assert_int_equal(p->ival_min, 14);
			assert_int_equal(p->ival_max, 21);
			assert_int_equal(p->max_course_days, 183);
		}
		protocol_free(p);
		count++;
	}
	closedir(dir);
	assert_true(count >= 3);
}

/* Errors in each key's reader, down to the nested holds and care text. */
static const struct bad nested_cases[] = {
	/* '~' sorts after 'z'. */
	{ "id: test", "id: a~b", 1, 5,
	    "'id' must use only a-z, 0-9 and '-', not 'a~b'" },
	{ "id: test", "id: [test]", 1, 5,
	    "'id' must be a single value, not a list or mapping" },
	{ "name: Test protocol", "name: \"\"", 2, 7,
	    "'name' must not be empty" },
	{ "name: Test protocol", "name: \"Test \\u202dprotocol\"", 2, 7,
	    "'name' must not contain the invisible character U+202D "
	    "(left-to-right override)" },
	{ "solution: 15% dextrose with 0.5% lidocaine", "solution: [dextrose]",
	    3, 11, "'solution' must be a single value, not a list or mapping" },
	{ "sites: [knee]", "sites: [knee]\nsource: \"\"", 5, 9,
	    "'source' must not be empty" },
	{ "sites: [knee]", "sites: {knee: 1}", 4, 9,
	    "'sites' keys must be two-letter language codes such as en or es" },
	{ "sites: [knee]", "sites: {en: {knee: 1}}", 4, 13,
	    "'sites' must be a list" },
	{ "sites: [knee]", "sites: [knee]\ninjections_per_site: 0", 5, 22,
	    "injections_per_site must be between 1 and 30 (got '0')" },
	{ "max_course_days: 183", "max_course_days: \"183", 9, 1,
	    "while scanning a quoted scalar found unexpected end of stream" },
	{ "sites: [knee]",
	    "sites: [knee]\nmedication_holds: {drugs: [aspirin]}", 5, 19,
	    "'medication_holds' must be a list" },
	{ "sites: [knee]", "sites: [knee]\nmedication_holds:\n"
	    "  - {drugs: [aspirin, Aspirin], stop_days_before: 3, "
	    "resume_days_after: 7}", 6, 23, "'drugs' lists 'Aspirin' twice" },
	{ "sites: [knee]", "sites: [knee]\nmedication_holds:\n"
	    "  - {drugs: [aspirin], stop_days_before: 3, "
	    "resume_days_after: 91}", 6, 64,
	    "resume_days_after must be between 0 and 90 (got '91')" },
	{ "sites: [knee]", "sites: [knee]\ncare: [notes]", 5, 7,
	    "'care' must be a mapping of keys and values" },
	{ "sites: [knee]", "sites: [knee]\ncare:\n  ? [notes]\n  : [x]", 6, 5,
	    "a key must be plain text" },
	{ "sites: [knee]", "sites: [knee]\ncare: {zzzzzz: [x]}", 5, 8,
	    "unknown care section 'zzzzzz'" },
	{ "sites: [knee]", "sites: [knee]\ncare: {notes: {a: b}}", 5, 16,
	    "'notes' keys must be two-letter language codes such as en or es" },
	{ "sites: [knee]", "sites: [knee]\ncare: {notes: {en: {a: b}}}", 5,
	    20, "'notes' must be a list" },
};

static void
torture_protocol_load_nested_errors(void **state)
{
	struct diag d = { 0 };
	struct protocol *p;
	char yaml[2048];
	const char *at;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(nested_cases) / sizeof(*nested_cases); i++) {
		at = strstr(GOOD, nested_cases[i].from);
		assert_non_null(at);
		n = (size_t)(at - GOOD);
		snprintf(yaml, sizeof(yaml), "%.*s%s%s", (int)n, GOOD,
		    nested_cases[i].to, at + strlen(nested_cases[i].from));
		p = protocol_load("t.yaml", yaml, strlen(yaml), "test", care,
		    &d);
		if (p != NULL)
			fail_msg("case %zu loaded", i);
		if (d.line != nested_cases[i].line ||
		    d.col != nested_cases[i].col ||
		    strcmp(d.msg, nested_cases[i].words) != 0)
			fail_msg("case %zu: got %d:%d: %s; want %d:%d: %s", i,
			    d.line, d.col, d.msg, nested_cases[i].line,
			    nested_cases[i].col, nested_cases[i].words);
		assert_string_equal(d.file, "t.yaml");
		diag_release(&d);
	}
}

/* GOOD's texts by language, with ingredients that the solutions name. */
#define BY_LANG \
	"id: test\n" \
	"name:\n" \
	"  en: Test protocol\n" \
	"  es: Protocolo de prueba\n" \
	"solution:\n" \
	"  en: 15% dextrose with 0.5% lidocaine\n" \
	"  es: dextrosa al 15% con lidocaína al 0,5%\n" \
	"ingredients: [{name: dextrose, percent: 15}, " \
	"{name: lidocaine, percent: 0.5}]\n" \
	"volume_ml: {usual: 6, max: 10}\n" \
	"sites: {en: [knee], es: [rodilla]}\n" \
	"visits: {min: 4, max: 10, default: 5}\n" \
	"injections: {min: 4, max: 30}\n" \
	"interval_days: {min: 14, max: 21, preferred: 21}\n" \
	"max_course_days: 183\n" \
	"care:\n" \
	"  notes: {en: [Rest the knee.], es: [Descanse la rodilla.]}\n"

/* BY_LANG with from replaced by to, loaded; NULL with d set on error. */
static struct protocol *
load_edited(const char *from, const char *to, struct diag *d)
{
	char yaml[2048];
	const char *at;

	at = strstr(BY_LANG, from);
	assert_non_null(at);
	snprintf(yaml, sizeof(yaml), "%.*s%s%s", (int)(at - BY_LANG), BY_LANG,
	    to, at + strlen(from));
	return protocol_load("t.yaml", yaml, strlen(yaml), "test", care, d);
}

/*
 * Each text in its language: the handout's from the accessors, the
 * staff's (name, solution, sites) in English; a language not given
 * falls back to English.
 */
static void
torture_protocol_lang_mapping(void **state)
{
	struct diag d = { 0 };
	struct protocol *p;
	size_t i;

	(void)state;
	p = protocol_load("t.yaml", BY_LANG, strlen(BY_LANG), "test", care,
	    &d);
	if (p == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_int_equal(protocol_check_terms(p, terms, &d), 0);
	assert_string_equal(protocol_name(p, "es"), "Protocolo de prueba");
	assert_string_equal(protocol_name(p, "en"), "Test protocol");
	assert_string_equal(protocol_name(p, "fr"), "Test protocol");
	assert_string_equal(p->name, "Test protocol");
	assert_string_equal(protocol_solution(p, "es"),
	    "dextrosa al 15% con lidocaína al 0,5%");
	assert_string_equal(p->solution, "15% dextrose with 0.5% lidocaine");
	assert_string_equal(protocol_sites(p, "es")->v[0], "rodilla");
	assert_string_equal(protocol_sites(p, "en")->v[0], "knee");
	assert_int_equal(p->sites.n, 1);
	assert_string_equal(p->sites.v[0], "knee");
	assert_string_equal(protocol_care(p, 0, "es")->v[0],
	    "Descanse la rodilla.");
	assert_string_equal(protocol_care(p, 0, "en")->v[0], "Rest the knee.");
	/* Every solution is checked: both are, and no third. */
	assert_string_equal(protocol_solution_in(p, 1),
	    "dextrosa al 15% con lidocaína al 0,5%");
	assert_null(protocol_solution_in(p, 2));
	/* Nothing lacks Spanish or English. */
	for (i = 0; protocol_lang_missing(p, "es", i, &d) >= 0; i++)
		assert_int_equal(d.code, D_NONE);
	assert_int_equal(i, 4);
	for (i = 0; protocol_lang_missing(p, "en", i, &d) >= 0; i++)
		assert_int_equal(d.code, D_NONE);
	protocol_free(p);
}

/* Plain text is the text in every language, taken to be English. */
static void
torture_protocol_lang_plain(void **state)
{
	static const char yaml[] = GOOD
	    "care: {notes: [Rest the knee.], cost: []}\n";
	struct diag d = { 0 };
	struct protocol *p;
	size_t i;

	(void)state;
	p = protocol_load("t.yaml", yaml, strlen(yaml), "test", care, &d);
	assert_non_null(p);
	assert_string_equal(protocol_name(p, "es"), "Test protocol");
	assert_string_equal(protocol_solution(p, "es"),
	    "15% dextrose with 0.5% lidocaine");
	assert_string_equal(protocol_sites(p, "es")->v[0], "knee");
	assert_string_equal(protocol_care(p, 0, "es")->v[0], "Rest the knee.");
	for (i = 0; protocol_lang_missing(p, "en", i, &d) >= 0; i++)
		assert_int_equal(d.code, D_NONE);
	/* In Spanish each text is told of, as written. */
	for (i = 0; protocol_lang_missing(p, "es", i, &d) >= 0; i++) {
		/* An emptied section has nothing to translate. */
		if (i == 4) {
			assert_int_equal(d.code, D_NONE);
			continue;
		}
		assert_int_equal(d.code, D_WARN_PROTO_LANG);
		assert_non_null(strstr(d.msg, "; the handout uses the text as "
		    "written"));
		diag_release(&d);
	}
	assert_int_equal(i, 5);
	protocol_free(p);
}

/*
 * A text without the handout's language: English in its place, and a
 * warning at the text that names the protocol, the language and the
 * field.
 */
static void
torture_protocol_lang_missing(void **state)
{
	static const struct {
		const char	*from, *to;
		size_t		 field;
		int		 line, col;
		const char	*msg;
	} cases[] = {
		{ "  es: Protocolo de prueba\n", "", 0, 3, 3,
		    "protocol 'test' has no 'es' text for 'name'; the handout "
		    "uses English" },
		{ "sites: {en: [knee], es: [rodilla]}",
		    "sites: {en: [knee], de: [Knie]}", 2, 10, 8,
		    "protocol 'test' has no 'es' text for 'sites'; the handout "
		    "uses English" },
		{ "{en: [Rest the knee.], es: [Descanse la rodilla.]}",
		    "{fr: [Reposez le genou.]}", 3, 16, 10,
		    "protocol 'test' has no 'es' text for 'care notes'; the "
		    "handout uses its 'fr' text" },
	};
	struct diag d = { 0 };
	struct protocol *p;
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		if ((p = load_edited(cases[i].from, cases[i].to, &d)) == NULL)
			fail_msg("case %zu: %d:%d: %s", i, d.line, d.col,
			    d.msg);
		for (j = 0; protocol_lang_missing(p, "es", j, &d) >= 0; j++) {
			if (j != cases[i].field) {
				assert_int_equal(d.code, D_NONE);
				continue;
			}
			if (d.line != cases[i].line ||
			    d.col != cases[i].col ||
			    strcmp(d.msg, cases[i].msg) != 0)
				fail_msg("case %zu: got %d:%d: %s", i, d.line,
				    d.col, d.msg);
			assert_int_equal(diag_class(d.code), DIAG_WARNING);
			diag_release(&d);
		}
		protocol_free(p);
	}
	p = load_edited("  es: Protocolo de prueba\n", "", &d);
	assert_non_null(p);
	assert_string_equal(protocol_name(p, "es"), "Test protocol");
	protocol_free(p);
	p = load_edited("{en: [Rest the knee.], es: [Descanse la rodilla.]}",
	    "{fr: [Reposez le genou.]}", &d);
	assert_non_null(p);
	assert_string_equal(protocol_care(p, 0, "es")->v[0],
	    "Reposez le genou.");
	protocol_free(p);
}

/*
 * The solution in each language names exactly the ingredients: one
 * that leaves one out, or names one not listed, is an error at its own
 * text, naming its language.
 */
static void
torture_protocol_lang_solution(void **state)
{
	static const struct bad cases[] = {
		{ "es: dextrosa al 15% con lidocaína al 0,5%",
		    "es: dextrosa al 15%", 7, 7,
		    "'ingredients' lists 'lidocaine', which the 'es' 'solution' "
		    "does not name: the patient must be told what is injected" },
		{ "en: 15% dextrose with 0.5% lidocaine",
		    "en: 15% dextrose", 6, 7,
		    "'ingredients' lists 'lidocaine', which the 'en' 'solution' "
		    "does not name" },
		{ "es: dextrosa al 15% con lidocaína al 0,5%",
		    "es: dextrosa al 15% con lidocaína al 0,5% y bupivacaína",
		    7, 7, "the 'es' 'solution' names 'bupivacaine', which "
		    "'ingredients' does not list: its dose could not be "
		    "checked" },
	};
	struct diag d = { 0 };
	struct protocol *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		p = load_edited(cases[i].from, cases[i].to, &d);
		if (p == NULL)
			fail_msg("case %zu: %d:%d: %s", i, d.line, d.col,
			    d.msg);
		if (protocol_check_terms(p, terms, &d) == 0)
			fail_msg("case %zu passed", i);
		if (d.line != cases[i].line || d.col != cases[i].col ||
		    strstr(d.msg, cases[i].words) == NULL)
			fail_msg("case %zu: got %d:%d: %s", i, d.line, d.col,
			    d.msg);
		diag_release(&d);
		protocol_free(p);
	}
}

/*
 * Keys of a text by language are language codes, each once; sites name
 * as many in every language, since each is injected.
 */
static void
torture_protocol_lang_errors(void **state)
{
	static const struct bad cases[] = {
		{ "  en: Test protocol\n", "  english: Test protocol\n", 3, 3,
		    "'name' keys must be two-letter language codes such as en "
		    "or es" },
		{ "  es: dextrosa", "  EN: dextrosa", 7, 3,
		    "'solution' keys must be two-letter language codes" },
		{ "  es: Protocolo de prueba\n",
		    "  es: Protocolo de prueba\n  es: Otro\n", 5, 3,
		    "duplicate key 'es' (first given on line 4)" },
		{ "sites: {en: [knee], es: [rodilla]}",
		    "sites: {en: [knee], es: [rodilla, muslo]}", 10, 25,
		    "'sites' lists 1 site in 'en' but 2 in 'es': each language "
		    "must name the same sites" },
		{ "sites: {en: [knee], es: [rodilla]}",
		    "sites: {en: [knee], es: []}", 10, 25,
		    "'sites' must not be empty" },
		{ "sites: {en: [knee], es: [rodilla]}", "sites: {}", 10, 8,
		    "'sites' must not be empty" },
		{ "name:\n  en: Test protocol\n  es: Protocolo de prueba\n",
		    "name: {}\n", 2, 7, "'name' must not be empty" },
		{ "{en: [Rest the knee.], es: [Descanse la rodilla.]}",
		    "{en: [Rest the knee.], e1: [x]}", 16, 33,
		    "'notes' keys must be two-letter language codes" },
	};
	struct diag d = { 0 };
	struct protocol *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		if ((p = load_edited(cases[i].from, cases[i].to, &d)) != NULL)
			fail_msg("case %zu loaded", i);
		if (d.line != cases[i].line || d.col != cases[i].col ||
		    strstr(d.msg, cases[i].words) == NULL)
			fail_msg("case %zu: got %d:%d: %s", i, d.line, d.col,
			    d.msg);
		diag_release(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_protocol_load_minimal),
		cmocka_unit_test(torture_protocol_load_holds_and_care),
		cmocka_unit_test(torture_protocol_load_errors),
		cmocka_unit_test(torture_protocol_load_library),
		cmocka_unit_test(torture_protocol_load_nested_errors),
		cmocka_unit_test(torture_protocol_lang_mapping),
		cmocka_unit_test(torture_protocol_lang_plain),
		cmocka_unit_test(torture_protocol_lang_missing),
		cmocka_unit_test(torture_protocol_lang_solution),
		cmocka_unit_test(torture_protocol_lang_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
