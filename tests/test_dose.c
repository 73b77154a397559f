#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dose.h"
#include "norm.h"

/*
 * The dose a medication's text states, as clinicians type it: the
 * strength, the tablets at a time and the times a day, each read from
 * the folded text, and the milligrams a day they make.  -1 is "not
 * given" for the strength and the day's total.
 */

struct dose_case {
	const char	*text;		/* as typed: folded by the test */
	double		 mg;
	double		 tablets;
	double		 times;
	double		 a_day;
};

static const struct dose_case cases[] = {
	/* A strength, with its unit or bare, and the unit run into it. */
	{ "aspirin 81 mg", 81, 1, 1, 81 },
	{ "aspirin 81mg", 81, 1, 1, 81 },
	{ "aspirin 81", 81, 1, 1, 81 },
	{ "aspirin 0.5 g", 500, 1, 1, 500 },
	{ "aspirin 1 g", 1000, 1, 1, 1000 },
	{ "aspirina 0,5 g", 500, 1, 1, 500 },
	{ "aspirin 1,000 mg", 1000, 1, 1, 1000 },
	{ "aspirin", -1, 1, 1, -1 },
	/* Only the first strength counts. */
	{ "aspirin 81 mg then 325 mg", 81, 1, 1, 81 },
	/* Numbers that are not strengths. */
	{ "aspirin 81 mcg", -1, 1, 1, -1 },
	{ "aspirin for 10 years", -1, 1, 1, -1 },
	{ "aspirin since 2019", -1, 1, 1, -1 },
	{ "aspirin 5 days", -1, 1, 1, -1 },
	{ "aspirina desde hace 3 a\u00f1os", -1, 1, 1, -1 },
	/* Tablets at a time, before or after the strength. */
	{ "aspirin 2 tablets 325 mg", 325, 2, 1, 650 },
	{ "aspirin 325 mg 2 tabs", 325, 2, 1, 650 },
	{ "aspirina 2 comprimidos de 500 mg", 500, 2, 1, 1000 },
	/* Times a day, in English, Latin and Spanish. */
	{ "aspirin 81 mg daily", 81, 1, 1, 81 },
	{ "aspirin 81 mg once a day", 81, 1, 1, 81 },
	{ "aspirin 81 mg twice daily", 81, 1, 2, 162 },
	{ "aspirin 81 mg b.i.d.", 81, 1, 2, 162 },
	{ "aspirin 81 mg BID", 81, 1, 2, 162 },
	{ "aspirin 81 mg q12h", 81, 1, 2, 162 },
	{ "aspirin 81 mg t.i.d.", 81, 1, 3, 243 },
	{ "aspirin 81 mg every 8 hours", 81, 1, 3, 243 },
	{ "aspirin 81 mg qid", 81, 1, 4, 324 },
	{ "aspirina 100 mg cada 12 horas", 100, 1, 2, 200 },
	{ "aspirina 100 mg dos veces al d\u00eda", 100, 1, 2, 200 },
	{ "aspirin 81 mg 3 times a day", 81, 1, 3, 243 },
	{ "aspirin 2 x 325 mg", 325, 1, 2, 650 },
	/* Per day written with a slash. */
	{ "aspirin 81 mg/day", 81, 1, 1, 81 },
};

static void
torture_dose_parse(void **state)
{
	const struct dose_case *c;
	struct dose d;
	char *folded;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		c = &cases[i];
		folded = norm_fold(c->text);
		dose_parse(folded, &d);
		free(folded);
		if (d.mg != c->mg || d.tablets != c->tablets ||
		    d.times != c->times || dose_mg_a_day(&d) != c->a_day)
			fail_msg("case %zu '%s': %g mg x %g, %g a day = %g; "
			    "want %g mg x %g, %g a day = %g", i, c->text, d.mg,
			    d.tablets, d.times, dose_mg_a_day(&d), c->mg,
			    c->tablets, c->times, c->a_day);
	}
}

/* The empty text and one of blanks give nothing, and no crash. */
static void
torture_dose_parse_empty(void **state)
{
	struct dose d;

	(void)state;
	dose_parse(" ", &d);
	assert_true(d.mg < 0);
	assert_true(dose_mg_a_day(&d) < 0);
	dose_parse("", &d);
	assert_true(d.mg < 0);
	dose_parse(" 81 ", &d);
	assert_true(d.mg == 81);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_dose_parse),
		cmocka_unit_test(torture_dose_parse_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
