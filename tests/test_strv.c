#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "strv.h"

/*
 * Vectors of strings: pushing copies, taking adopts, growing keeps every
 * string, joining puts the separator only between items, and a vector
 * released is empty and may be used again.
 */

static void
torture_strv_push_take(void **state)
{
	struct strv sv = { 0 };
	char buf[] = "ibuprofen", *mine;
	size_t i;

	(void)state;
	strv_push(&sv, buf);
	buf[0] = 'X';		/* a copy: the vector's is untouched */
	assert_string_equal(sv.v[0], "ibuprofen");
	mine = strdup("warfarin");
	strv_take(&sv, mine);
	assert_ptr_equal(sv.v[1], mine);	/* adopted, not copied */
	strv_pushn(&sv, "naproxen sodium", 8);
	assert_string_equal(sv.v[2], "naproxen");
	/* Past the first growth, every string is still there. */
	for (i = 0; i < 40; i++)
		strv_take(&sv, strdup(i % 2 ? "a" : "b"));
	assert_int_equal(sv.n, 43);
	assert_true(sv.cap >= sv.n);
	assert_string_equal(sv.v[42], "a");
	assert_string_equal(sv.v[1], "warfarin");
	strv_release(&sv);
	assert_null(sv.v);
	assert_int_equal(sv.n, 0);
	strv_push(&sv, "again");
	assert_string_equal(sv.v[0], "again");
	strv_release(&sv);
}

static void
torture_strv_copy_join(void **state)
{
	struct strv a = { 0 }, b = { 0 };
	char *s;

	(void)state;
	s = strv_join(&a, "; ");
	assert_string_equal(s, "");
	free(s);
	strv_push(&a, "left knee");
	s = strv_join(&a, "; ");
	assert_string_equal(s, "left knee");
	free(s);
	strv_push(&a, "right knee");
	strv_copy(&b, &a);
	assert_ptr_not_equal(b.v[0], a.v[0]);
	strv_release(&a);
	s = strv_join(&b, "; ");
	assert_string_equal(s, "left knee; right knee");
	free(s);
	strv_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_strv_push_take),
		cmocka_unit_test(torture_strv_copy_join),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
