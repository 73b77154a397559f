#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "drugs.h"
#include "file.h"
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

struct bad {
	const char	*yaml;
	int		 line;
	int		 col;
	const char	*words;
};

static const struct bad bad_cases[] = {
	{ "classes: {}\n", 1, 10, "'classes' must be a list" },
	{ "classes: [{id: a, name: A}]\n", 1, 11, "missing required key 'drugs'" },
	{ "classes: [{id: A_b, name: A, drugs: [x]}]\n", 1, 16,
	    "'id' must use only a-z, 0-9 and '-', not 'A_b'" },
	{ "classes: [{id: a, name: A, prescribed: yes, drugs: [x]}]\n", 1,
	    40, "'prescribed' must be true or false" },
	{ "classes: [{id: a, name: A, drugs: [x]}, {id: a, name: B, "
	    "drugs: [y]}]\n", 1, 41, "'classes' lists 'a' twice" },
	{ "clases: []\n", 1, 1, "unknown key 'clases' (did you mean 'classes'?)" },
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
		if (dr != NULL)
			fail_msg("case %zu loaded", i);
		if (d.line != bad_cases[i].line || d.col != bad_cases[i].col ||
		    strstr(d.msg, bad_cases[i].words) == NULL)
			fail_msg("case %zu: got %d:%d: %s", i, d.line, d.col,
			    d.msg);
		diag_release(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_drugs_load_shipped),
		cmocka_unit_test(torture_drugs_load_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
