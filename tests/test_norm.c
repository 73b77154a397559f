#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "norm.h"

/*
 * Text folded for matching, whatever way it was typed: case, accents,
 * spaces of every width, punctuation, digits run into units.
 */

static const struct {
	const char	*in;
	const char	*out;
} folds[] = {
	{ "", " " },
	{ "   ", " " },
	{ "Aspirin 81mg daily", " aspirin 81 mg daily " },
	{ "ASPIRIN  81 MG", " aspirin 81 mg " },
	{ "aspirin\t81\u00a0mg", " aspirin 81 mg " },		/* tab, no-break space */
	{ "aspirin\u202f81\u2009mg", " aspirin 81 mg " },	/* narrow spaces */
	{ " pregnancy ", " pregnancy " },
	{ "pregnancy (14 weeks)", " pregnancy 14 weeks " },
	{ "Ácido Acetilsalicílico", " acido acetilsalicilico " },
	{ "LIDOCAÍNA", " lidocaina " },
	{ "Lidocaína", " lidocaina " },
	{ "embarazada", " embarazada " },
	{ "Straße Œuvre Æon", " strasse oeuvre aeon " },
	{ "low-dose aspirin", " low dose aspirin " },
	{ "low\u2013dose aspirin", " low dose aspirin " },	/* en dash */
	{ "warfarin, ibuprofen", " warfarin ibuprofen " },
	{ "mg81", " mg 81 " },
	{ "0,5 mg", " 0.5 mg " },
	/* Thousands: after 1-3 digits not led by 0, before exactly three. */
	{ "1,000 mg", " 1000 mg " },
	{ "2.500mg", " 2500 mg " },
	{ "0,125 mg", " 0.125 mg " },
	{ "1,5 g", " 1.5 g " },
	{ "1,0000 mg", " 1.0000 mg " },
	{ "1234,567 mg", " 1234.567 mg " },
	{ "0.5,000", " 0.5.000 " },
	{ "1,000.5 mg", " 1.000.5 mg " },
	{ "0.5mg", " 0.5 mg " },
	{ "12.5% dextrose", " 12.5 dextrose " },
	{ "1,000mg", " 1000 mg " },
	{ "a.b", " a b " },
	{ "5.", " 5 " },
	{ "lido\u200bcaine", " lidocaine " },	/* a zero-width space joins */
	{ "\u00ednfection", " infection " },
	{ "2\u00d73", " 2 3 " },		/* the multiplication sign */
	{ "\"aspirin\"", " aspirin " },
	{ "\u201caspirin\u201d", " aspirin " },	/* curly quotes */
	{ "山田 太郎", " 山田 太郎 " },	/* another script, as written */
	{ "Ρ81", " Ρ 81 " },
};

static void
torture_norm_fold(void **state)
{
	size_t i;
	char *f;

	(void)state;
	for (i = 0; i < sizeof(folds) / sizeof(*folds); i++) {
		f = norm_fold(folds[i].in);
		if (strcmp(f, folds[i].out) != 0)
			fail_msg("case %zu: '%s' folds to '%s', not '%s'", i,
			    folds[i].in, f, folds[i].out);
		free(f);
	}
}

/* Invalid UTF-8 breaks words rather than joining or hiding them. */
static void
torture_norm_fold_invalid(void **state)
{
	char *f;

	(void)state;
	f = norm_fold("warfarin\xff""ibuprofen");
	assert_string_equal(f, " warfarin ibuprofen ");
	free(f);
}

static void
torture_norm_has(void **state)
{
	static const struct {
		const char	*text;
		const char	*phrase;
		int		 found;
	} cases[] = {
		{ "Aspirin 81mg daily", "aspirin", 1 },
		{ "Aspirin 81mg daily", "aspirin 81", 1 },
		{ "Aspirin 81mg daily", "81 mg", 1 },
		{ "aspirinate", "aspirin", 0 },
		{ "paspirin", "aspirin", 0 },
		{ "low-dose aspirin", "low dose aspirin", 1 },
		{ "Bayer Low Dose Aspirin", "low dose", 1 },
		{ "prediabetes", "diabetes", 0 },
		{ "type 2 diabetes", "diabetes", 1 },
		{ "right total knee replacement", "knee replacement", 1 },
		{ "pregnancy ", "pregnancy", 1 },
		{ "anything", "", 0 },
		{ "", "aspirin", 0 },
	};
	char *t, *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		t = norm_fold(cases[i].text);
		p = norm_fold(cases[i].phrase);
		if (norm_has(t, p) != cases[i].found)
			fail_msg("case %zu: '%s' in '%s'", i, cases[i].phrase,
			    cases[i].text);
		free(t);
		free(p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_norm_fold),
		cmocka_unit_test(torture_norm_fold_invalid),
		cmocka_unit_test(torture_norm_has),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
