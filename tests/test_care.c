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
#include "drugs.h"
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
	/* Paragraphs for whom they are meant: the after-care's aspirin. */
	assert_int_equal(care_section(c, "after")->paras[2].unless_classes.n,
	    1);
	assert_string_equal(care_section(c, "after")->paras[2].unless_classes.v[0],
	    "low-dose-aspirin");
	assert_string_equal(care_section(c, "after")->paras[3].if_classes.v[0],
	    "low-dose-aspirin");
	assert_int_equal(care_section(c, "after")->paras[0].if_classes.n, 0);
	/* Several classes: all of if taken, none of unless. */
	assert_int_equal(care_section(c, "holds")->paras[1].if_classes.n, 2);
	assert_string_equal(care_section(c, "holds")->paras[1].if_classes.v[1],
	    "low-dose-aspirin");
	assert_int_equal(care_section(c, "holds")->paras[3].unless_classes.n,
	    2);
	/* Each state of a visit has its word, and a restart too. */
	assert_string_equal(c->labels[CARE_DONE], "done");
	assert_string_equal(c->labels[CARE_MISSED], "missed");
	assert_string_equal(c->labels[CARE_BOOKED], "booked");
	assert_string_equal(c->labels[CARE_PLANNED], "planned");
	assert_string_equal(c->labels[CARE_RESTART], "fresh start");
	assert_non_null(strstr(c->warnings[CARE_W_LAPSE], "starts again"));
	assert_non_null(strstr(c->warnings[CARE_W_LAPSE_CONTINUE],
	    "does not start again"));
	assert_string_equal(c->warnings[CARE_W_ENDED], "Your course ended "
	    "early on {date}: {reason}. No more visits are planned.");
	assert_string_equal(c->cal_ended, "Prolotherapy course ended early: "
	    "no visits left to plan");
	/* The month calendar's words. */
	assert_string_equal(c->month[CARE_M_TITLE], "Your calendar");
	assert_string_equal(c->month[CARE_M_MONTH], "{month} {year}");
	assert_string_equal(c->month[CARE_M_SEE], "The medicines and their "
	    "dates are under “{section}”.");
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
	/* A care file of the days before {last} and {restart}. */
	load_changed("{drug} on {last}", "{drug} from {from}", 0,
	    "'hold': unknown placeholder '{from}'");
	load_changed("{visits} visits", "{visits visits", 0,
	    "'course': unknown placeholder");
	load_changed("  patient: \"Patient\"\n", "", 0,
	    "missing required key 'patient'");
	/* The words of issue 13's states are required as the others are. */
	load_changed("  missed: \"missed\"\n", "", 0,
	    "missing required key 'missed'");
	load_changed("  booked: \"booked\"\n", "", 0,
	    "missing required key 'booked'");
	load_changed("  restart: \"fresh start\"\n", "", 0,
	    "missing required key 'restart'");
	load_changed("  lapse_continue: ", "  lapse_continues: ", 0,
	    "unknown key 'lapse_continues' (did you mean 'lapse_continue'?)");
	load_changed("  ended: \"Prolotherapy course ended", "  end: \"x", 0,
	    "unknown key 'end' (did you mean 'ended'?)");
	/* The month calendar's words, each with its own placeholders. */
	load_changed("  month: \"{month} {year}\"", "  month: \"{month} {day}\"",
	    0, "'month': unknown placeholder '{day}'");
	load_changed("  see: ", "  sea: ", 0,
	    "unknown key 'sea' (did you mean 'see'?)");
	load_changed("month_calendar:", "month_calendars:", 0,
	    "unknown key 'month_calendars' (did you mean 'month_calendar'?)");
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

struct change {
	const char	*from;		/* shipped text to replace */
	const char	*to;
	int		 dline;		/* message line less from's */
	int		 col;
	const char	*msg;
};

static const struct change changes[] = {
	{ "title: \"Your prolotherapy treatment plan\"", "title: [plan]", 0, 8,
	    "'title' must be a single value, not a list or mapping" },
	{ "  patient: \"Patient\"", "  patient: \"\"", 0, 12,
	    "'patient' must not be empty" },
	{ "\ncourse: \"", "\ncourse:\n  - \"", 2, 3,
	    "'course' must be a single value, not a list or mapping" },
	{ "weekdays: [Mon, Tue, Wed, Thu, Fri, Sat, Sun]",
	    "weekdays: Mon Tue Wed Thu Fri Sat Sun", 0, 11,
	    "'weekdays' must be a list" },
	{ "weekdays: [Mon, ", "weekdays: [[Mon], ", 0, 12,
	    "'weekdays' must be a single value, not a list or mapping" },
	/* Each warning has its own placeholders. */
	{ "lapse: \"Your last visit was on {last}.",
	    "lapse: \"Your last visit was on {date}.", 0, 10,
	    "'lapse': unknown placeholder '{date}'" },
	{ "lapse_continue: \"Your last visit was on {last}.",
	    "lapse_continue: \"Your last visit was on {date}.", 0, 19,
	    "'lapse_continue': unknown placeholder '{date}'" },
	{ "ended: \"Your course ended early on {date}",
	    "ended: \"Your course ended early on {last}", 0, 10,
	    "'ended': unknown placeholder '{last}'" },
	{ "ended: \"Prolotherapy course ended early",
	    "ended: \"Prolotherapy course ended {date}", 0, 10,
	    "'ended': unknown placeholder '{date}'" },
	/* Holds. */
	{ "  none: \"None", "  nome: \"None", 0, 3,
	    "unknown key 'nome' (did you mean 'none'?)" },
	{ "hold: \"Take your last dose", "hold: \"\" #", 0, 9,
	    "'hold' must not be empty" },
	{ "visit: \"For visit {visit}", "visit: \"For visits {visits}", 0, 10,
	    "'visit': unknown placeholder '{visits}'" },
	{ "visits: \"For visits {visits} ({dates})", "visits: \"For {date}",
	    0, 11, "'visits': unknown placeholder '{date}'" },
	{ "  and: \"and\"\n", "", -4, 3, "missing required key 'and'" },
	{ "none: \"None", "none: \"{drug}: none", 0, 9,
	    "'none': unknown placeholder '{drug}'" },
	/* Calendar. */
	{ "  alarm: \"Prolotherapy", "  alarms: \"Prolotherapy", 0, 3,
	    "unknown key 'alarms' (did you mean 'alarm'?)" },
	{ "visit: \"Prolotherapy visit {visit}", "visit: \"{date} {visit}",
	    0, 10, "'visit': unknown placeholder '{date}'" },
	{ "pause: \"Medicines to pause: {drugs}\"", "pause: \" \"", 0, 10,
	    "'pause' must not be empty" },
	{ "pause: \"Medicines to pause: {drugs}\"",
	    "pause: \"Do not take {drug}\"", 0, 10,
	    "'pause': unknown placeholder '{drug}'" },
	/* Dates. */
	{ "short: \"{weekday} {day} {month} {year}\"",
	    "short: \"{weekday} {day} {mon} {year}\"", 0, 10,
	    "'short': unknown placeholder '{mon}'" },
	{ "months_short: [Jan, ", "months_short: [", 0, 17,
	    "'months_short' must list 12 names, January first (found 11)" },
	{ "alarm: \"Prolotherapy visit tomorrow\"",
	    "alarm: \"Prolotherapy visit {tomorrow\"", 0, 10,
	    "'alarm': unknown placeholder '{tomorrow'" },
	/* Sections. */
	{ "sections:\n", "sections:\n  all:\n", 1, 3,
	    "'sections' must be a list" },
	{ "sections:\n", "sections:\n  - before\n", 1, 5,
	    "'sections' must be a mapping of keys and values" },
	{ "  - id: before", "  - id: [before]", 0, 9,
	    "'id' must be a single value, not a list or mapping" },
	{ "title: \"Before your course\"", "title: \"\"", 0, 12,
	    "'title' must not be empty" },
	{ "title: \"Before your course\"", "title: \"Before\\u00adhand\"", 0,
	    12, "'title' must not contain the invisible character U+00AD "
	    "(soft hyphen)" },
	{ "\"Please bring any scans", "\"Please bring {scans}", 0, 9,
	    "'text': unknown placeholder '{scans}'" },
	{ "- \"Please bring any scans or scan reports you have to your first "
	    "visit.\"", "- \" \"", 0, 9, "'text' must not be empty" },
	{ "        unless: low-dose-aspirin", "        unless: {x: y}", 0, 17,
	    "'unless' must be a list" },
	{ "        if: low-dose-aspirin", "        if: [nsaids, nsaids]", 0, 22,
	    "'if' lists 'nsaids' twice" },
	{ "        if: low-dose-aspirin", "        iff: low-dose-aspirin", 0, 9,
	    "unknown key 'iff' (did you mean 'if'?)" },
};

/* Each reader of the care file, failing in turn where the file is changed. */
static void
torture_care_load_nested_errors(void **state)
{
	struct diag d = { 0 };
	struct care *c;
	const char *at, *p;
	char *buf;
	size_t i, n;
	int line;

	(void)state;
	for (i = 0; i < sizeof(changes) / sizeof(*changes); i++) {
		at = strstr(shipped, changes[i].from);
		assert_non_null(at);
		n = (size_t)(at - shipped);
		for (line = 1, p = shipped; p < at; p++)
			line += *p == '\n';
		line += changes[i].dline;
		buf = malloc(shipped_len + strlen(changes[i].to) + 1);
		assert_non_null(buf);
		memcpy(buf, shipped, n);
		strcpy(buf + n, changes[i].to);
		strcat(buf, at + strlen(changes[i].from));
		c = care_load("care.yaml", buf, strlen(buf), &d);
		free(buf);
		if (c != NULL)
			fail_msg("case %zu loaded", i);
		if (d.line != line || d.col != changes[i].col ||
		    strcmp(d.msg, changes[i].msg) != 0)
			fail_msg("case %zu: got %d:%d: %s; want %d:%d: %s", i,
			    d.line, d.col, d.msg, line, changes[i].col,
			    changes[i].msg);
		assert_string_equal(d.file, "care.yaml");
		diag_release(&d);
	}
}

/* Files that are not a care file at all; care_free() takes what failed. */
static void
torture_care_load_not_care(void **state)
{
	static const struct {
		const char	*yaml;
		int		 line;
		int		 col;
		const char	*msg;
	} cases[] = {
		{ "- title\n", 1, 1,
		    "'care file' must be a mapping of keys and values" },
		{ "title: \"Your plan\n", 2, 1,
		    "while scanning a quoted scalar found unexpected end of "
		    "stream" },
	};
	struct diag d = { 0 };
	struct care *c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		c = care_load("care.yaml", cases[i].yaml, strlen(cases[i].yaml),
		    &d);
		assert_null(c);
		if (d.line != cases[i].line || d.col != cases[i].col ||
		    strcmp(d.msg, cases[i].msg) != 0)
			fail_msg("case %zu: got %d:%d: %s", i, d.line, d.col,
			    d.msg);
		care_free(c);
		diag_release(&d);
	}
}

/*
 * A clinic may add sections past the 32 that suggestions look through:
 * all of them load and are found, and suggestions still come from the
 * first 32.
 */
static void
torture_care_load_many_sections(void **state)
{
	static const char marker[] = "\n  - id: cost";
	struct diag d = { 0 };
	struct care *c;
	const char *at;
	char *buf, id[32];
	size_t n, len, i;

	(void)state;
	at = strstr(shipped, marker);
	assert_non_null(at);
	n = (size_t)(at - shipped);
	buf = malloc(shipped_len + 40 * 64);
	assert_non_null(buf);
	memcpy(buf, shipped, n);
	len = n;
	for (i = 1; i <= 40; i++)
		len += (size_t)sprintf(buf + len, "\n  - id: extra-%zu\n"
		    "    title: \"Extra %zu\"\n    text: []", i, i);
	strcpy(buf + len, at);
	c = care_load("care.yaml", buf, strlen(buf), &d);
	free(buf);
	if (c == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_true(c->nsections > 32);
	for (i = 1; i <= 40; i++) {
		snprintf(id, sizeof(id), "extra-%zu", i);
		assert_non_null(care_section(c, id));
	}
	assert_string_equal(care_suggest_section(c, "note"), "notes");
	care_free(c);
}

/* A value longer than the room first set aside makes the result grow. */
static void
torture_care_expand_long_value(void **state)
{
	struct care_var var = { "drug", NULL };
	char value[201], want[404], *s;

	(void)state;
	memset(value, 'a', 200);
	value[200] = '\0';
	var.value = value;
	snprintf(want, sizeof(want), "<%s%s>", value, value);
	s = care_expand("<{drug}{drug}>", &var, 1);
	assert_string_equal(s, want);
	free(s);
}

/*
 * A paragraph's class must be one of drugs.yaml's: a misspelt one would
 * hide the aspirin wording from the patients it is for.  Both keys of a
 * paragraph are checked, each at its own place.
 */
static void
torture_care_check_classes(void **state)
{
	static const struct {
		const char	*from;
		const char	*to;
		int		 col;
		const char	*msg;
	} cases[] = {
		{ "        if: low-dose-aspirin", "        if: low-dose-asprin",
		    13, "unknown drug class 'low-dose-asprin' "
		    "(did you mean 'low-dose-aspirin'?)" },
		{ "        unless: low-dose-aspirin", "        unless: nsaid",
		    17, "unknown drug class 'nsaid' (did you mean 'nsaids'?)" },
		{ "        if: [nsaids, low-dose-aspirin]",
		    "        if: [nsaids, low-dose-asprin]", 22,
		    "unknown drug class 'low-dose-asprin' "
		    "(did you mean 'low-dose-aspirin'?)" },
		{ "        unless: [nsaids, low-dose-aspirin]",
		    "        unless: [nsaids, statin]", 26,
		    "unknown drug class 'statin' (did you mean 'statins'?)" },
	};
	struct diag d = { 0 };
	struct drugs *dr;
	struct care *c;
	const char *at, *p;
	char *dbuf, *buf;
	size_t dlen, i, n;
	int line;

	(void)state;
	assert_int_equal(file_read("data/drugs.yaml", TREE_MAX_BYTES, &dbuf,
	    &dlen), 0);
	dr = drugs_load("drugs.yaml", dbuf, dlen, &d);
	free(dbuf);
	assert_non_null(dr);
	c = care_load("care.yaml", shipped, shipped_len, &d);
	assert_non_null(c);
	assert_int_equal(care_check_classes(c, dr, &d), 0);
	care_free(c);
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		at = strstr(shipped, cases[i].from);
		assert_non_null(at);
		n = (size_t)(at - shipped);
		for (line = 1, p = shipped; p < at; p++)
			line += *p == '\n';
		line += strchr(cases[i].to, '\n') != NULL;
		buf = malloc(shipped_len + strlen(cases[i].to) + 1);
		assert_non_null(buf);
		memcpy(buf, shipped, n);
		strcpy(buf + n, cases[i].to);
		strcat(buf, at + strlen(cases[i].from));
		c = care_load("care.yaml", buf, strlen(buf), &d);
		free(buf);
		assert_non_null(c);
		assert_int_equal(care_check_classes(c, dr, &d), -1);
		if (d.line != line || d.col != cases[i].col ||
		    strcmp(d.msg, cases[i].msg) != 0)
			fail_msg("case %zu: got %d:%d: %s", i, d.line, d.col,
			    d.msg);
		care_free(c);
		diag_release(&d);
	}
	drugs_free(dr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_care_load_shipped),
		cmocka_unit_test(torture_care_load_errors),
		cmocka_unit_test(torture_care_expand),
		cmocka_unit_test(torture_care_load_nested_errors),
		cmocka_unit_test(torture_care_load_not_care),
		cmocka_unit_test(torture_care_load_many_sections),
		cmocka_unit_test(torture_care_expand_long_value),
		cmocka_unit_test(torture_care_check_classes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
