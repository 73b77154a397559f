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
#include "rules.h"

/*
 * Rules read through a clinic file (the same reader serves protocols),
 * their texts by language, and their errors with places.  Matching them
 * against patients is the planner's: tests/test_plan.c.
 */

static const char drugs_yaml[] =
    "classes:\n"
    "  - {id: anticoagulants, name: blood thinners, pause: never,\n"
    "     blood_thinner: true, drugs: [warfarin]}\n"
    "  - {id: nsaids, name: anti-inflammatory painkillers, pause: pause,\n"
    "     drugs: [ibuprofen]}\n";

static struct clinic *
load(const char *yaml, struct diag *d)
{
	return clinic_load("c.yaml", yaml, strlen(yaml), d);
}

static void
torture_rules_check_classes(void **state)
{
	static const char yaml[] =
	    "rules:\n"
	    "  - {id: a, level: warn, if: {class: [anticoagulant]}, text: A}\n";
	struct diag d = { 0 };
	struct clinic *c;
	struct drugs *dr;

	(void)state;
	dr = drugs_load("d.yaml", drugs_yaml, strlen(drugs_yaml), &d);
	c = load(yaml, &d);
	assert_non_null(c);
	assert_int_equal(rules_check_classes(&c->rules, dr, &d), -1);
	assert_string_equal(d.file, "c.yaml");
	assert_int_equal(d.line, 2);
	assert_int_equal(d.col, 5);
	assert_string_equal(d.msg, "unknown drug class 'anticoagulant' "
	    "(did you mean 'anticoagulants'?)");
	diag_release(&d);
	clinic_free(c);
	drugs_free(dr);
}

/*
 * A rule's words: the language asked for, else the ones given without a
 * language or in English, else the first given; NULL asks for no
 * language in particular.
 */
struct text_case {
	const char	*text;		/* the rule's 'text' value */
	const char	*lang;
	const char	*expect;
};

static const struct text_case text_cases[] = {
	{ "Plain", NULL, "Plain" },
	{ "Plain", "es", "Plain" },
	{ "{es: Uno, fr: Un}", "fr", "Un" },
	{ "{es: Uno, fr: Un}", "de", "Uno" },
	{ "{es: Uno, fr: Un}", NULL, "Uno" },
	{ "{es: Uno, en: One}", "de", "One" },
	{ "{es: Uno, en: One}", NULL, "One" },
	{ "{es: Uno, en: One}", "es", "Uno" },
	{ "{fr: Un, es: Uno, en: One}", "en", "One" },
};

static void
torture_rule_text_langs(void **state)
{
	char yaml[256];
	struct diag d = { 0 };
	struct clinic *c;
	const char *got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(text_cases) / sizeof(*text_cases); i++) {
		snprintf(yaml, sizeof(yaml), "rules: [{id: a, level: note, "
		    "if: {conditions: [x]}, text: %s}]\n", text_cases[i].text);
		if ((c = load(yaml, &d)) == NULL)
			fail_msg("case %zu: %d:%d: %s", i, d.line, d.col,
			    d.msg);
		got = rule_text(&c->rules.v[0], text_cases[i].lang);
		if (strcmp(got, text_cases[i].expect) != 0)
			fail_msg("case %zu: got '%s'", i, got);
		clinic_free(c);
	}
}

static void
torture_rules_check_classes_far(void **state)
{
	static const char yaml[] =
	    "rules:\n"
	    "  - {id: a, level: warn, if: {class: [anticoagulants]}, text: A}\n"
	    "  - {id: b, level: warn, if: {class: [vitamins]}, text: B}\n";
	struct diag d = { 0 };
	struct clinic *c;
	struct drugs *dr;

	(void)state;
	dr = drugs_load("d.yaml", drugs_yaml, strlen(drugs_yaml), &d);
	assert_non_null(dr);
	c = load(yaml, &d);
	assert_non_null(c);
	assert_int_equal(rules_check_classes(&c->rules, dr, &d), -1);
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 5);
	assert_string_equal(d.msg, "unknown drug class 'vitamins'");
	diag_release(&d);
	/* Without a drugs file, every class is unknown. */
	assert_int_equal(rules_check_classes(&c->rules, NULL, &d), -1);
	assert_int_equal(d.line, 2);
	assert_string_equal(d.msg, "unknown drug class 'anticoagulants'");
	diag_release(&d);
	clinic_free(c);
	/* An interaction's classes are checked as well, each of them. */
	c = load("rules:\n"
	    "  - {id: bleed, level: warn, text: B,\n"
	    "     if: {all_classes: [anticoagulants, nsaid]}}\n", &d);
	assert_non_null(c);
	assert_int_equal(rules_check_classes(&c->rules, dr, &d), -1);
	assert_int_equal(d.line, 2);
	assert_string_equal(d.msg, "unknown drug class 'nsaid' "
	    "(did you mean 'nsaids'?)");
	diag_release(&d);
	clinic_free(c);
	drugs_free(dr);
}

static const struct bad_case bad_cases[] = {
	{ "rules: {}\n", 1, 8, "'rules' must be a list" },
	{ "rules: [{id: a, level: warn, text: t}]\n", 1, 9,
	    "missing required key 'if'" },
	{ "rules: [{id: a, level: warn, if: {}, text: t}]\n", 1, 34,
	    "'if' must name medications, a class, allergies or conditions" },
	{ "rules: [{id: a, level: warn, if: {drugs: [x]}, text: t}]\n", 1, 35,
	    "unknown key 'drugs'" },
	{ "rules: [{id: a, level: loud, if: {conditions: [x]}, text: t}]\n",
	    1, 24, "'level' must be note, warn or stop, not 'loud'" },
	{ "rules: [{id: a, level: [warn], if: {conditions: [x]}, text: t}]\n",
	    1, 24, "'level' must be note, warn or stop" },
	{ "rules: [{id: A!, level: warn, if: {conditions: [x]}, text: t}]\n",
	    1, 14, "'id' must use only a-z, 0-9 and '-'" },
	{ "rules: [{id: a, level: warn, if: {conditions: [x]}, "
	    "text: {english: t}}]\n", 1, 60,
	    "'text' keys must be two-letter language codes" },
	{ "rules: [{id: a, level: warn, if: {conditions: [x]}, text: {}}]\n",
	    1, 59, "'text' must not be empty" },
	{ "rules: [{id: a, level: warn, if: {conditions: [x]}, text: t},\n"
	    "        {id: a, level: note, if: {conditions: [y]}, text: u}]\n",
	    2, 9, "'rules' lists 'a' twice" },
	/* Each list in 'if', given as a mapping. */
	{ "rules: [{id: a, level: warn, if: {medications: {x: y}}, text: t}]\n",
	    1, 48, "'medications' must be a list" },
	{ "rules: [{id: a, level: warn, if: {class: {x: y}}, text: t}]\n",
	    1, 42, "'class' must be a list" },
	{ "rules: [{id: a, level: warn, if: {allergies: {x: y}}, text: t}]\n",
	    1, 46, "'allergies' must be a list" },
	{ "rules: [{id: a, level: warn, if: {conditions: {x: y}}, text: t}]\n",
	    1, 47, "'conditions' must be a list" },
	{ "rules: [{id: a, level: warn, if: {conditions: [x, X]}, text: t}]\n",
	    1, 51, "'conditions' lists 'X' twice" },
	{ "rules: [{id: a, level: warn, if: [conditions], text: t}]\n",
	    1, 34, "'if' must be a mapping of keys and values" },
	/* 'text': one value or a mapping of languages, nothing else. */
	{ "rules: [{id: a, level: warn, if: {conditions: [x]}, text: [t]}]\n",
	    1, 59, "'text' must be a single value, not a list or mapping" },
	{ "rules: [{id: a, level: warn, if: {conditions: [x]}, "
	    "text: \" \"}]\n", 1, 59, "'text' must not be empty" },
	{ "rules: [{id: a, level: warn, if: {conditions: [x]}, "
	    "text: {[en]: t}}]\n", 1, 60,
	    "'text' keys must be two-letter language codes" },
	{ "rules: [{id: a, level: warn, if: {conditions: [x]}, "
	    "text: {en: [t]}}]\n", 1, 64,
	    "'text' must be a single value, not a list or mapping" },
	{ "rules: [{id: a, level: warn, if: {conditions: [x]}, "
	    "text: {en: t, EN: u}}]\n", 1, 67,
	    "'text' keys must be two-letter language codes" },
	/* The rule itself and its id. */
	{ "rules: [note]\n", 1, 9,
	    "'rules' must be a mapping of keys and values" },
	{ "rules: [{id: [a], level: warn, if: {conditions: [x]}, text: t}]\n",
	    1, 14, "'id' must be a single value, not a list or mapping" },
	{ "rules: [{id: a, level: warn, if: {conditions: [x]}, text: t,\n"
	    "         levels: stop}]\n", 2, 10, "unknown key 'levels'" },
};

static void
torture_rules_read_errors(void **state)
{
	struct diag d = { 0 };
	struct clinic *c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		c = load(bad_cases[i].yaml, &d);
		fixture_refused(i, &bad_cases[i], c, &d);
		diag_release(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_rules_check_classes),
		cmocka_unit_test(torture_rules_read_errors),
		cmocka_unit_test(torture_rule_text_langs),
		cmocka_unit_test(torture_rules_check_classes_far),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
