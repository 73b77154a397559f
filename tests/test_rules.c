#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "clinic.h"
#include "diag.h"
#include "drugs.h"
#include "patient.h"
#include "rules.h"

/*
 * Rules read through a clinic file (the same reader serves protocols),
 * matched against patients, and their errors with places.
 */

static const char drugs_yaml[] =
    "classes:\n"
    "  - {id: anticoagulants, name: blood thinners, prescribed: true,\n"
    "     drugs: [warfarin]}\n";

static struct clinic *
load(const char *yaml, struct diag *d)
{
	return clinic_load("c.yaml", yaml, strlen(yaml), d);
}

static void
torture_rule_match(void **state)
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
	c = load(yaml, &d);
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
	assert_string_equal(rule_match(&c->rules.v[0], &p, dr), "diabetes");
	assert_string_equal(rule_match(&c->rules.v[1], &p, dr),
	    "Warfarin 5 mg");
	assert_string_equal(rule_match(&c->rules.v[2], &p, dr),
	    "Latex gloves");
	assert_string_equal(rule_match(&c->rules.v[3], &p, dr),
	    "low-dose aspirin");
	assert_null(rule_match(&c->rules.v[1], &p, NULL));
	assert_string_equal(rule_text(&c->rules.v[1], "es"), "Be");
	assert_string_equal(rule_text(&c->rules.v[1], "fr"), "B");
	assert_string_equal(rule_text(&c->rules.v[0], "es"), "A");
	strv_release(&p.conditions);
	strv_release(&p.medications);
	strv_release(&p.allergies);
	strv_push(&p.conditions, "prediabetes");
	assert_null(rule_match(&c->rules.v[0], &p, dr));
	strv_release(&p.conditions);
	clinic_free(c);
	drugs_free(dr);
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

struct bad {
	const char	*yaml;
	int		 line;
	int		 col;
	const char	*words;
};

static const struct bad bad_cases[] = {
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
};

static void
torture_rules_read_errors(void **state)
{
	struct diag d = { 0 };
	struct clinic *c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		if ((c = load(bad_cases[i].yaml, &d)) != NULL)
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
		cmocka_unit_test(torture_rule_match),
		cmocka_unit_test(torture_rules_check_classes),
		cmocka_unit_test(torture_rules_read_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
