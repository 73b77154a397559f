#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "diag.h"
#include "file.h"
#include "tree.h"

/*
 * The handout text file: the shipped one loads whole, templates may use
 * only their own placeholders, and expansion fills them.
 */

static char *shipped;
static size_t shipped_len;

static int
setup(void **state)
{
	(void)state;
	return file_read("data/care.yaml", TREE_MAX_BYTES, &shipped,
	    &shipped_len) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	free(shipped);
	return 0;
}

static void
torture_care_load_shipped(void **state)
{
	struct diag d = { 0 };
	struct care *c;

	(void)state;
	c = care_load("care.yaml", shipped, shipped_len, &d);
	if (c == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_string_equal(c->weekdays[0], "Mon");
	assert_string_equal(c->weekdays[6], "Sun");
	assert_non_null(care_section(c, "before"));
	assert_non_null(care_section(c, "holds"));
	assert_non_null(care_section(c, "after"));
	assert_non_null(care_section(c, "cost"));
	assert_null(care_section(c, "nope"));
	assert_string_equal(care_suggest_section(c, "note"), "notes");
	assert_true(c->anticoagulants.n > 10);
	care_free(c);
}

/* Replaces the first occurrence of from in the shipped text and loads it. */
static void
load_changed(const char *from, const char *to, int line, const char *words)
{
	struct diag d = { 0 };
	struct care *c;
	const char *at;
	char *buf;
	size_t n;

	at = strstr(shipped, from);
	assert_non_null(at);
	n = (size_t)(at - shipped);
	buf = malloc(shipped_len + strlen(to) + 1);
	memcpy(buf, shipped, n);
	strcpy(buf + n, to);
	strcat(buf, at + strlen(from));
	c = care_load("care.yaml", buf, strlen(buf), &d);
	free(buf);
	assert_null(c);
	if ((line && d.line != line) || strstr(d.msg, words) == NULL)
		fail_msg("%s: got %d:%d: %s", to, d.line, d.col, d.msg);
	diag_release(&d);
}

static void
torture_care_load_errors(void **state)
{
	(void)state;
	load_changed("{drug} from {from}", "{drug} from {start}", 0,
	    "'hold': unknown placeholder '{start}'");
	load_changed("{visits} visits", "{visits visits", 0,
	    "'course': unknown placeholder");
	load_changed("  patient: \"Patient\"\n", "", 0,
	    "missing required key 'patient'");
	load_changed("weekdays: [Mon, ", "weekdays: [", 0,
	    "'weekdays' must list 7 names, Monday first (found 6)");
	load_changed("  - id: notes", "  - id: before", 0,
	    "'sections' lists 'before' twice");
	/* Found by fuzzing: a section that fails after its id and title leaked them. */
	load_changed("    text: []", "    text: {a: b}", 0,
	    "'text' must be a list");
	/* Found by fuzzing: a paragraph that is a list reached strchr(NULL). */
	load_changed("    text: []", "    text: [[a]]", 0,
	    "'text' must be a single value");
}

static void
torture_care_expand(void **state)
{
	static const struct care_var vars[] = {
		{ "drug", "aspirin" },
		{ "from", "Mon 2026-12-01" },
	};
	char *s;

	(void)state;
	s = care_expand("Do not take {drug} from {from}.", vars, 2);
	assert_string_equal(s, "Do not take aspirin from Mon 2026-12-01.");
	free(s);
	s = care_expand("{unknown} {drug}{drug} {", vars, 2);
	assert_string_equal(s, "{unknown} aspirinaspirin {");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_care_load_shipped),
		cmocka_unit_test(torture_care_load_errors),
		cmocka_unit_test(torture_care_expand),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
