#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "schema.h"
#include "strv.h"
#include "tree.h"

/*
 * The typed readers on their own, on values parsed from strings: each
 * case names the line and column the message must point at and the
 * message itself.
 */

struct near {
	const char	*word;
	const char	*cands[2];
	const char	*want;		/* NULL: no suggestion */
};

static const struct near near_cases[] = {
	{ "strat", { "start", "sites" }, "start" },
	/* Two steps from "id", but as long as the word itself. */
	{ "x", { "id", "id" }, NULL },
	/* Two steps from "i", but as long as the candidate itself. */
	{ "idx", { "i", "i" }, NULL },
	/* Words longer than 32 bytes are never compared. */
	{ "interval_daysinterval_daysinterva", { "interval_days", "visits" },
	    NULL },
	{ "visits", { "visitsvisitsvisitsvisitsvisitsvis", "zzz" }, NULL },
};

static void
torture_schema_suggest_nearest(void **state)
{
	const char *got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(near_cases) / sizeof(*near_cases); i++) {
		got = schema_suggest(near_cases[i].word, near_cases[i].cands,
		    2);
		if (near_cases[i].want == NULL ? got != NULL :
		    (got == NULL || strcmp(got, near_cases[i].want) != 0))
			fail_msg("case %zu (%s): got %s", i, near_cases[i].word,
			    got ? got : "(none)");
	}
}

enum reader {
	R_MAP, R_TEXT, R_INT, R_DATE, R_TEXT_LIST
};

struct bad {
	enum reader	 reader;
	const char	*yaml;		/* the value read is v's */
	int		 line;
	int		 col;
	const char	*msg;
};

static const struct bad bad_cases[] = {
	/* A "\0" escape does not make a key match the part before it. */
	{ R_MAP, "v: {\"visits\\0\": 3}\n", 1, 5,
	    "unknown key 'visits\\x00' (did you mean 'visits'?)" },
	{ R_MAP, "v: {zzzzzz: 3}\n", 1, 5, "unknown key 'zzzzzz'" },
	/* Spaces and tabs alone are empty text. */
	{ R_TEXT, "v: \" \\t\"\n", 1, 4, "'v' must not be empty" },
	/* A quoted empty value is not left blank: it is not a number. */
	{ R_INT, "v: \"\"\n", 1, 4,
	    "'v' must be a whole number written in base 10, not ''" },
	{ R_DATE, "v: {y: 2026}\n", 1, 4,
	    "'v' must be a single value, not a list or mapping" },
	{ R_TEXT_LIST, "v: {knee: left}\n", 1, 4, "'v' must be a list" },
};

static int
read_value(const struct schema *s, enum reader r, const struct node *n)
{
	static const struct schema_key keys[] = {
		{ "visits", 0 }, { "sites", 0 },
	};
	const struct node *vals[2];
	struct strv list = { 0 };
	char *text = NULL;
	int rc, i;

	switch (r) {
	case R_MAP:
		return schema_map(s, n, "v", keys, 2, vals);
	case R_TEXT:
		rc = schema_text(s, n, "v", SCHEMA_TEXT_MAX, &text);
		free(text);
		return rc;
	case R_INT:
		return schema_int(s, n, "v", 0, 10, &i);
	case R_DATE:
		return schema_date(s, n, "v", &i);
	case R_TEXT_LIST:
		rc = schema_text_list(s, n, "v", SCHEMA_TEXT_MAX, &list);
		strv_release(&list);
		return rc;
	}
	return 0;
}

static void
torture_schema_read_errors(void **state)
{
	struct diag d = { 0 };
	struct schema s = { "s.yaml", &d };
	struct tree *t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		t = tree_parse("s.yaml", bad_cases[i].yaml,
		    strlen(bad_cases[i].yaml), &d);
		assert_non_null(t);
		assert_int_equal(read_value(&s, bad_cases[i].reader,
		    tree_root(t)->pairs[0].value), -1);
		if (d.line != bad_cases[i].line || d.col != bad_cases[i].col ||
		    strcmp(d.msg, bad_cases[i].msg) != 0)
			fail_msg("case %zu: got %d:%d: %s; want %d:%d: %s", i,
			    d.line, d.col, d.msg, bad_cases[i].line,
			    bad_cases[i].col, bad_cases[i].msg);
		assert_string_equal(d.file, "s.yaml");
		tree_free(t);
		diag_release(&d);
	}
}

/* "v: [x0, x1, ...]" with n distinct values. */
static struct tree *
parse_list(size_t n)
{
	struct diag d = { 0 };
	struct tree *t;
	char *buf;
	size_t i, len;

	buf = malloc(16 + 8 * n);
	assert_non_null(buf);
	len = (size_t)sprintf(buf, "v: [");
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(buf + len, "%sx%zu", i ? ", " : "", i);
	len += (size_t)sprintf(buf + len, "]\n");
	t = tree_parse("s.yaml", buf, len, &d);
	free(buf);
	assert_non_null(t);
	return t;
}

/* Lists hold at most SCHEMA_LIST_MAX items, as a list or as text. */
static void
torture_schema_list_limit(void **state)
{
	struct diag d = { 0 };
	struct schema s = { "s.yaml", &d };
	struct strv list = { 0 };
	const struct node *v;
	struct tree *t;

	(void)state;
	t = parse_list(SCHEMA_LIST_MAX);
	v = tree_root(t)->pairs[0].value;
	assert_int_equal(schema_list(&s, v, "v"), 0);
	assert_int_equal(schema_text_list(&s, v, "v", SCHEMA_TEXT_MAX, &list),
	    0);
	assert_int_equal(list.n, SCHEMA_LIST_MAX);
	assert_string_equal(list.v[SCHEMA_LIST_MAX - 1], "x999");
	strv_release(&list);
	tree_free(t);

	t = parse_list(SCHEMA_LIST_MAX + 1);
	v = tree_root(t)->pairs[0].value;
	assert_int_equal(schema_list(&s, v, "v"), -1);
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 4);
	assert_string_equal(d.msg, "'v' lists more than 1000 items");
	diag_release(&d);
	assert_int_equal(schema_text_list(&s, v, "v", SCHEMA_TEXT_MAX, &list),
	    -1);
	assert_int_equal(list.n, 0);
	assert_string_equal(d.msg, "'v' lists more than 1000 items");
	diag_release(&d);
	tree_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_schema_suggest_nearest),
		cmocka_unit_test(torture_schema_read_errors),
		cmocka_unit_test(torture_schema_list_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
