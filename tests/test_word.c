#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "word.h"

/*
 * Whole-word matching, as medicines, allergies and drug names are
 * matched: any case, only where a word starts and ends, and never
 * inside a UTF-8 character.
 */

static void
torture_word_match(void **state)
{
	(void)state;
	assert_true(word_match("Aspirin 81 mg", "aspirin"));
	assert_true(word_match("low-dose aspirin", "aspirin"));
	assert_true(word_match("aspirin", "aspirin"));
	assert_true(word_match("ASPIRIN", "aspirin"));
	assert_true(word_match("take (aspirin), daily", "aspirin"));
	assert_true(word_match("diclofenac gel 1%", "diclofenac gel"));
	assert_false(word_match("aspirinate", "aspirin"));
	assert_false(word_match("paspirin", "aspirin"));
	assert_false(word_match("asp", "aspirin"));
	assert_false(word_match("aspirin81", "aspirin"));
	assert_true(word_match("0.5% lidocaine", "lidocaine"));
	assert_false(word_match("Müllerlidocaine", "lidocaine"));
	assert_false(word_match("lidocaineé", "lidocaine"));
	assert_false(word_match("anything", ""));
	assert_false(word_match("", "aspirin"));
	/* A later start of the word still matches. */
	assert_true(word_match("aspirinate or aspirin", "aspirin"));
}

static void
torture_word_char(void **state)
{
	(void)state;
	assert_true(word_char('a'));
	assert_true(word_char('Z'));
	assert_true(word_char('0'));
	assert_true(word_char((char)0xc3));	/* a UTF-8 lead byte */
	assert_true(word_char((char)0xa9));	/* and a continuation */
	assert_false(word_char(' '));
	assert_false(word_char('-'));
	assert_false(word_char('%'));
	assert_false(word_char('\0'));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_word_match),
		cmocka_unit_test(torture_word_char),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
