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
#include "word.h"
#include "file.h"
#include "fixture.h"
#include "plan.h"
#include "tree.h"

/* Drug classes: the shipped file, the longest-name rule, and errors. */

static void
torture_drugs_load_shipped(void **state)
{
	struct diag d = { 0 };
	struct drugs *dr;
	char *buf;
	size_t len;

	(void)state;
	assert_int_equal(file_read("data/drugs.yaml", TREE_MAX_BYTES, &buf,
	    &len), 0);
	dr = drugs_load("drugs.yaml", buf, len, &d);
	free(buf);
	if (dr == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_string_equal(drugs_class_of(dr, "Ibuprofen 400 mg")->id,
	    "nsaids");
	assert_string_equal(drugs_class_of(dr, "aspirin")->id, "nsaids");
	/* The longer name wins: low-dose aspirin is its own class. */
	assert_string_equal(drugs_class_of(dr, "Aspirin 81 mg daily")->id,
	    "low-dose-aspirin");
	assert_string_equal(drugs_class_of(dr, "low-dose aspirin")->id,
	    "low-dose-aspirin");
	assert_true(drugs_class_of(dr, "aspirin 81")->prescribed);
	assert_string_equal(drugs_class_of(dr, "Sintrom 4 mg")->id,
	    "anticoagulants");
	assert_string_equal(drugs_class_of(dr, "naproxeno")->id, "nsaids");
	assert_string_equal(drugs_class_of(dr, "prednisone 5mg")->id,
	    "oral-steroids");
	assert_null(drugs_class_of(dr, "metformin"));
	assert_null(drugs_class_of(dr, "aspirinate"));
	assert_non_null(drugs_find(dr, "statins"));
	assert_null(drugs_find(dr, "statin"));
	assert_string_equal(drugs_suggest(dr, "statin"), "statins");
	assert_null(drugs_class_of(NULL, "aspirin"));
	drugs_free(dr);
}

/*
 * 'prescribed' is true, false or absent (false); 'drugs' may be a single
 * name.  Rows of (the class's keys, prescribed, its drugs).
 */
struct class_case {
	const char	*keys;
	int		 prescribed;
	size_t		 ndrugs;
	const char	*first;
};

static const struct class_case class_cases[] = {
	{ "prescribed: true, drugs: [warfarin, acenocoumarol]", 1, 2,
	    "warfarin" },
	{ "prescribed: false, drugs: [warfarin]", 0, 1, "warfarin" },
	{ "drugs: warfarin", 0, 1, "warfarin" },
	{ "prescribed: \"true\", drugs: [Warfarin 5 mg]", 1, 1,
	    "Warfarin 5 mg" },
};

static void
torture_drugs_load_classes(void **state)
{
	char yaml[256];
	struct diag d = { 0 };
	const struct drug_class *dc;
	struct drugs *dr;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(class_cases) / sizeof(*class_cases); i++) {
		snprintf(yaml, sizeof(yaml), "classes:\n"
		    "  - {id: nsaids, name: NSAIDs, drugs: [ibuprofen]}\n"
		    "  - {id: anticoagulants, name: blood thinners, %s}\n",
		    class_cases[i].keys);
		dr = drugs_load("d.yaml", yaml, strlen(yaml), &d);
		if (dr == NULL)
			fail_msg("case %zu: %d:%d: %s", i, d.line, d.col,
			    d.msg);
		assert_int_equal(dr->n, 2);
		dc = drugs_find(dr, "anticoagulants");
		assert_ptr_equal(dc, &dr->classes[1]);
		if (dc->prescribed != class_cases[i].prescribed ||
		    dc->drugs.n != class_cases[i].ndrugs ||
		    strcmp(dc->drugs.v[0], class_cases[i].first) != 0)
			fail_msg("case %zu: prescribed %d, %zu drugs", i,
			    dc->prescribed, dc->drugs.n);
		assert_string_equal(dc->name, "blood thinners");
		assert_false(dr->classes[0].prescribed);
		assert_ptr_equal(drugs_class_of(dr, class_cases[i].first), dc);
		drugs_free(dr);
	}
	/* No drugs file: nothing found, nothing suggested. */
	assert_null(drugs_find(NULL, "nsaids"));
	assert_null(drugs_suggest(NULL, "nsaid"));
	drugs_free(NULL);
}

/*
 * The longest-name rule against a plain reading of it: every name of
 * every class tried with word_match(), the longest kept, the first
 * in the file among equals.  Names start with letters in either case,
 * digits, punctuation and UTF-8, and overlap ("aspirin", "aspirin 81",
 * "low-dose aspirin"); medications are random runs of their words.
 */
static const struct drug_class *
class_of_plainly(const struct drugs *dr, const char *medication)
{
	const struct drug_class *best = NULL;
	size_t i, j, bestlen = 0, len;

	for (i = 0; i < dr->n; i++)
		for (j = 0; j < dr->classes[i].drugs.n; j++) {
			len = strlen(dr->classes[i].drugs.v[j]);
			if (len > bestlen && word_match(medication,
			    dr->classes[i].drugs.v[j])) {
				best = &dr->classes[i];
				bestlen = len;
			}
		}
	return best;
}

static void
torture_drugs_class_of_random(void **state)
{
	static const char yaml[] = "classes:\n"
	    "  - {id: a, name: A, drugs: [aspirin, Ibuprofen, \"81 mg\"]}\n"
	    "  - {id: b, name: B, drugs: [aspirin 81, low-dose aspirin, "
	    "\"-x\"]}\n"
	    "  - {id: c, name: C, drugs: [Aspirin 81, \"\xc3\xa9pi\", "
	    "\"x-ray\", ibu]}\n"
	    "  - {id: d, name: D, drugs: [low, dose, \"(gel)\", warfarin]}\n";
	static const char *const words[] = {
		"aspirin", "ASPIRIN", "81", "mg", "low", "-dose", "dose",
		"ibuprofen", "ibu", "x", "-x", "ray", "\xc3\xa9pi", "(gel)",
		"warfarin", "aspirinate", "a", "",
	};
	static const char *const seps[] = { " ", "-", ", ", "/", "" };
	const size_t nw = sizeof(words) / sizeof(*words);
	struct diag d = { 0 };
	struct drugs *dr;
	char med[256];
	uint32_t seed = 12345;
	size_t i, k, n;

	(void)state;
	dr = drugs_load("d.yaml", yaml, strlen(yaml), &d);
	assert_non_null(dr);
	for (i = 0; i < 20000; i++) {
		med[0] = '\0';
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 5;
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			if (k > 0)
				strcat(med, seps[(seed >> 8) % 5]);
			strcat(med, words[(seed >> 16) % nw]);
		}
		if (drugs_class_of(dr, med) != class_of_plainly(dr, med))
			fail_msg("'%s'", med);
	}
	/* The rule's own examples. */
	assert_ptr_equal(drugs_class_of(dr, "Aspirin 81 mg"), &dr->classes[1]);
	assert_ptr_equal(drugs_class_of(dr, "low-dose aspirin"),
	    &dr->classes[1]);
	assert_ptr_equal(drugs_class_of(dr, "aspirinate"), NULL);
	assert_ptr_equal(drugs_class_of(dr, "x-ray"), &dr->classes[2]);
	assert_ptr_equal(drugs_class_of(dr, "a -x"), &dr->classes[1]);
	drugs_free(dr);
}

static const struct bad_case bad_cases[] = {
	{ "classes: {}\n", 1, 10, "'classes' must be a list" },
	{ "classes: [{id: a, name: A}]\n", 1, 11, "missing required key 'drugs'" },
	{ "classes: [{id: A_b, name: A, drugs: [x]}]\n", 1, 16,
	    "'id' must use only a-z, 0-9 and '-', not 'A_b'" },
	{ "classes: [{id: a, name: A, prescribed: yes, drugs: [x]}]\n", 1,
	    40, "'prescribed' must be true or false" },
	{ "classes: [{id: a, name: A, drugs: [x]}, {id: a, name: B, "
	    "drugs: [y]}]\n", 1, 41, "'classes' lists 'a' twice" },
	{ "clases: []\n", 1, 1, "unknown key 'clases' (did you mean 'classes'?)" },
	/* Each key of a class, failing in its own way. */
	{ "classes: [nsaids]\n", 1, 11,
	    "'classes' must be a mapping of keys and values" },
	{ "classes: [{id: [a], name: A, drugs: [x]}]\n", 1, 16,
	    "'id' must be a single value, not a list or mapping" },
	{ "classes: [{id: a, name: {en: A}, drugs: [x]}]\n", 1, 25,
	    "'name' must be a single value, not a list or mapping" },
	{ "classes: [{id: a, name: \"\", drugs: [x]}]\n", 1, 25,
	    "'name' must not be empty" },
	{ "classes: [{id: a, name: A, drugs: {x: y}}]\n", 1, 35,
	    "'drugs' must be a list" },
	{ "classes: [{id: a, name: A, drugs: [x, X]}]\n", 1, 39,
	    "'drugs' lists 'X' twice" },
	{ "classes: [{id: a, name: A, prescribed: [true], drugs: [x]}]\n", 1,
	    40, "'prescribed' must be true or false" },
	{ "classes: [{id: a, name: A, prescribed: True, drugs: [x]}]\n", 1,
	    40, "'prescribed' must be true or false" },
	{ "classes: [{id: a, name: A, drugs: [x]}, [b]]\n", 1, 41,
	    "'classes' must be a mapping of keys and values" },
	{ "classes: nsaids\n", 1, 10, "'classes' must be a list" },
	{ "{}\n", 1, 1, "missing required key 'classes'" },
	/* The file itself. */
	{ "classes: [{id: a\n", 2, 1, "did not find expected" },
	{ "- classes\n", 1, 1,
	    "'drugs file' must be a mapping of keys and values" },
};

static void
torture_drugs_load_errors(void **state)
{
	struct diag d = { 0 };
	struct drugs *dr;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		dr = drugs_load("d.yaml", bad_cases[i].yaml,
		    strlen(bad_cases[i].yaml), &d);
		fixture_refused(i, &bad_cases[i], dr, &d);
		diag_release(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_drugs_load_shipped),
		cmocka_unit_test(torture_drugs_load_errors),
		cmocka_unit_test(torture_drugs_load_classes),
		cmocka_unit_test(torture_drugs_class_of_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
