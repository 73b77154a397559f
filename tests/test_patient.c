#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "fixture.h"
#include "patient.h"
#include "protocol.h"

/*
 * The patient loader, from strings: each error case names the line and
 * column the message must point at and words it must contain.
 */

#define HEAD \
	"patient:\n" \
	"  id: \"MRN-1\"\n" \
	"  name: Jane Roe\n" \
	"protocol: knee-oa\n"

static const struct bad_case bad_cases[] = {
	/* Keys. */
	{ HEAD "strat: 2026-12-01\n", 5, 1,
	    "unknown key 'strat' (did you mean 'start'?)" },
	{ HEAD "start: 2026-12-01\nstart: 2026-12-02\n", 6, 1,
	    "duplicate key 'start' (first given on line 5)" },
	{ HEAD, 1, 1, "missing required key 'start'" },
	{ "patient:\n  name: X\nprotocol: knee-oa\nstart: 2026-12-01\n", 2, 3,
	    "missing required key 'id'" },
	{ HEAD "start: 2026-12-01\nvisits: [1]\n", 6, 9,
	    "'visits' must be a single value" },
	{ HEAD "start:\n", 5, 1, "'start' must not be empty" },
	{ HEAD "start: 2026-12-01\n? [a]\n: b\n", 6, 3,
	    "a key must be plain text" },
	{ "- a\n- b\n", 1, 1, "'patient file' must be a mapping" },
	/* Numbers. */
	{ HEAD "start: 2026-12-01\nvisits: six\n", 6, 9,
	    "'visits' must be a whole number written in base 10, not 'six'" },
	{ HEAD "start: 2026-12-01\nvisits: 0x10\n", 6, 9, "not '0x10'" },
	{ HEAD "start: 2026-12-01\nvisits: 010\n", 6, 9, "not '010'" },
	{ HEAD "start: 2026-12-01\nvisits: -4\n", 6, 9, "not '-4'" },
	{ HEAD "start: 2026-12-01\nvisits: 4.0\n", 6, 9, "not '4.0'" },
	{ HEAD "start: 2026-12-01\nvisits: 99999999999999999999\n", 6, 9,
	    "visits must be between 0 and 9999" },
	/* Dates. */
	{ HEAD "start: 2026-02-30\n", 5, 8,
	    "'start': '2026-02-30' does not exist (that month has 28 days)" },
	{ HEAD "start: 2026-13-01\n", 5, 8, "has no month 13" },
	{ HEAD "start: 1850-01-01\n", 5, 8, "between 1900 and 2200" },
	{ HEAD "start: 1 Dec 2026\n", 5, 8,
	    "'start' must be a date written YYYY-MM-DD, not '1 Dec 2026'" },
	{ "patient:\n  id: A\n  name: B\n  birth_date: 1961-02-29\n"
	    "protocol: knee-oa\nstart: 2026-12-01\n", 4, 15,
	    "does not exist" },
	{ "patient:\n  id: A\n  name: B\n  birth_date: 2027-01-01\n"
	    "protocol: knee-oa\nstart: 2026-12-01\n", 2, 3,
	    "'birth_date' 2027-01-01 is after start 2026-12-01" },
	/* Text. */
	{ "patient:\n  id: A\n  name: \"Jane\\x01Doe\"\n"
	    "protocol: knee-oa\nstart: 2026-12-01\n", 3, 9,
	    "'name' must not contain control characters" },
	{ "patient:\n  id: \"\"\n  name: B\nprotocol: knee-oa\n"
	    "start: 2026-12-01\n", 2, 7, "'id' must not be empty" },
	/* Invisible text: white space alone, format characters. */
	{ "patient:\n  id: \"\\u3000\"\n  name: B\nprotocol: knee-oa\n"
	    "start: 2026-12-01\n", 2, 7, "'id' must not be empty" },
	{ "patient:\n  id: A\n  name: \"\\u200b\"\nprotocol: knee-oa\n"
	    "start: 2026-12-01\n", 3, 9, "'name' must not contain the "
	    "invisible character U+200B (zero width space)" },
	{ HEAD "start: 2026-12-01\nmedications: [ibuprofen \xe2\x80\xae"
	    "2-01 to 12-11]\n", 6, 15, "'medications' must not contain the "
	    "invisible character U+202E (right-to-left override)" },
	/* Weekdays, ranges, history. */
	{ HEAD "start: 2026-12-01\nweekdays: []\n", 6, 11,
	    "'weekdays' must name at least one day" },
	{ HEAD "start: 2026-12-01\nweekdays: [mon, fry]\n", 6, 17,
	    "unknown weekday 'fry'" },
	{ HEAD "start: 2026-12-01\nweekdays: [mon, Monday]\n", 6, 17,
	    "'weekdays' lists 'Monday' twice" },
	{ HEAD "start: 2026-12-01\nweekdays: mon\n", 6, 11,
	    "'weekdays' must be a list" },
	{ HEAD "start: 2026-12-01\nunavailable:\n"
	    "  - {from: 2027-01-03, to: 2026-12-26}\n", 7, 5,
	    "from '2027-01-03' is after to '2026-12-26'" },
	{ HEAD "start: 2026-12-01\nunavailable:\n  - {from: 2027-01-03}\n",
	    7, 5, "missing required key 'to'" },
	{ HEAD "start: 2026-12-01\nhistory: [2026-11-24, 2026-11-03]\n", 6,
	    23, "'history' must list dates oldest first" },
	{ HEAD "start: 2026-12-01\nhistory: [2026-11-03, 2026-11-03]\n", 6,
	    23, "does not come after" },
	/* Missed visits in the history, in its order. */
	{ HEAD "start: 2026-12-01\nhistory: [2026-11-03, {date: 2026-11-03, "
	    "missed: true}]\n", 6, 30, "does not come after '2026-11-03'" },
	{ HEAD "start: 2026-12-01\nhistory: [{date: 2026-11-03, missed: yes}]"
	    "\n", 6, 38, "'missed' must be true or false" },
	{ HEAD "start: 2026-12-01\nhistory: [{missed: true}]\n", 6, 11,
	    "missing required key 'date'" },
	{ HEAD "start: 2026-12-01\nhistory: [{date: 2026-11-03, late: true}]"
	    "\n", 6, 30, "unknown key 'late'" },
	/* Scores at visits given: pain 0 to 10, a function on its scale. */
	{ HEAD "start: 2026-12-01\nhistory: [{date: 2026-11-03, pain: 11}]\n",
	    6, 36, "pain must be between 0 and 10 (got '11')" },
	{ HEAD "start: 2026-12-01\nhistory: [{date: 2026-11-03, pain: 7/10}]"
	    "\n", 6, 36, "'pain' must be a number written like 12 or 12.5" },
	{ HEAD "start: 2026-12-01\nhistory: [{date: 2026-11-03, pain: 1.2345}]"
	    "\n", 6, 36, "not '1.2345'" },
	{ HEAD "start: 2026-12-01\nhistory:\n  - {date: 2026-11-03,\n"
	    "     function: {name: WOMAC, value: 97, worst: 96}}\n", 8, 37,
	    "'value' 97 of 'WOMAC' must lie between its best 0 and its worst "
	    "96" },
	{ HEAD "start: 2026-12-01\nhistory:\n  - {date: 2026-11-03,\n"
	    "     function: {name: KOOS, value: 101, worst: 0, best: 100}}\n",
	    8, 36, "'value' 101 of 'KOOS' must lie between its best 100 and "
	    "its worst 0" },
	{ HEAD "start: 2026-12-01\nhistory:\n  - {date: 2026-11-03,\n"
	    "     function: {name: KOOS, value: 50, worst: 0}}\n", 8, 47,
	    "'worst' and 'best' of 'KOOS' are both 0: a scale's two ends "
	    "must differ" },
	{ HEAD "start: 2026-12-01\nhistory:\n  - {date: 2026-11-03,\n"
	    "     function: {value: 50, worst: 96}}\n", 8, 16,
	    "missing required key 'name'" },
	{ HEAD "start: 2026-12-01\nhistory:\n  - {date: 2026-11-03,\n"
	    "     function: {name: WOMAC, worst: 96}}\n", 8, 16,
	    "missing required key 'value'" },
	{ HEAD "start: 2026-12-01\nhistory:\n  - {date: 2026-11-03,\n"
	    "     function: {name: WOMAC, value: 5}}\n", 8, 16,
	    "missing required key 'worst'" },
	{ HEAD "start: 2026-12-01\nhistory:\n  - {date: 2026-11-03,\n"
	    "     function: {name: WOMAC, value: 5, worst: 1001}}\n", 8, 47,
	    "worst must be between 0 and 1000 (got '1001')" },
	{ HEAD "start: 2026-12-01\nhistory:\n  - {date: 2026-11-03,\n"
	    "     function: WOMAC 48}\n", 8, 16,
	    "'function' must be a mapping of keys and values" },
	{ HEAD "start: 2026-12-01\nhistory:\n  - {date: 2026-11-03,\n"
	    "     function: {name: WOMAC, value: 5, worst: 9, max: 9}}\n",
	    8, 50, "unknown key 'max'" },
	/* A missed visit had no examination: no scores on it. */
	{ HEAD "start: 2026-12-01\nhistory: [{date: 2026-11-03, missed: true, "
	    "pain: 4}]\n", 6, 50, "'pain' is given on a missed visit (missed: "
	    "true): scores are recorded at visits given" },
	{ HEAD "start: 2026-12-01\nhistory:\n  - {date: 2026-11-03,\n"
	    "     function: {name: WOMAC, value: 5, worst: 9}, missed: true}\n",
	    8, 16, "'function' is given on a missed visit" },
	/* Booked visits: in order, after the history, before an end. */
	{ HEAD "start: 2026-12-01\nbooked: [2026-12-22, 2026-12-08]\n", 6, 22,
	    "'booked' must list dates oldest first, each once: '2026-12-08' "
	    "does not come after '2026-12-22'" },
	{ HEAD "start: 2026-12-01\nbooked: [{date: 2026-12-08, time: \"9:00\"}]"
	    "\n", 6, 35, "'time' must be a time written HH:MM" },
	{ HEAD "start: 2026-12-01\nhistory: [2026-11-24]\nbooked: [2026-11-24]"
	    "\n", 7, 10, "'booked' date 2026-11-24 is not after the last visit "
	    "in 'history' (2026-11-24)" },
	{ HEAD "start: 2026-12-01\nhistory: [2026-11-03, {date: 2026-11-24, "
	    "missed: true}]\nbooked: [2026-11-20]\n", 7, 10, "is not after "
	    "the last visit in 'history' (2026-11-24)" },
	{ HEAD "start: 2026-12-01\nbooked: [2026-12-08, 2027-01-05]\n"
	    "ended: {date: 2026-12-20, reason: better}\n", 6, 22, "'booked' "
	    "date 2027-01-05 is after the course ended (2026-12-20)" },
	/* An early end: its date and why, no sooner than a visit given. */
	{ HEAD "start: 2026-12-01\nended: {date: 2026-12-01}\n", 6, 8,
	    "missing required key 'reason'" },
	{ HEAD "start: 2026-12-01\nended: 2026-12-01\n", 6, 8,
	    "'ended' must be a mapping of keys and values" },
	{ HEAD "start: 2026-12-01\nhistory: [2026-11-24]\n"
	    "ended: {date: 2026-11-20, reason: better}\n", 7, 8, "'ended' date "
	    "2026-11-20 is before the last visit given, 2026-11-24" },
	{ HEAD "start: 2026-12-01\nsites: [knee, Knee]\n", 6, 15,
	    "'sites' lists 'Knee' twice" },
	{ HEAD "start: 2026-12-01\nsites: []\n", 6, 8,
	    "'sites' must not be empty" },
	/* Times, language, conditions and overrides. */
	{ HEAD "start: 2026-12-01\ntime: \"9:30\"\n", 6, 7,
	    "'time' must be a time written HH:MM (24-hour clock), not '9:30'" },
	{ HEAD "start: 2026-12-01\ntime: [x]\n", 6, 7,
	    "'time' must be a single value" },
	{ HEAD "start: 2026-12-01\ntimes: [evening]\n", 6, 9,
	    "unknown time of day 'evening' (use morning or afternoon)" },
	{ HEAD "start: 2026-12-01\ntimes: [morning, morning]\n", 6, 18,
	    "'times' lists 'morning' twice" },
	{ HEAD "start: 2026-12-01\ntimes: []\n", 6, 8,
	    "'times' must not be empty" },
	{ HEAD "start: 2026-12-01\ntimes: [[a]]\n", 6, 9,
	    "'times' must be a single value" },
	{ HEAD "start: 2026-12-01\ntime: \"09:30\"\ntimes: [morning]\n", 7,
	    8, "give 'time' or 'times', not both" },
	{ HEAD "start: 2026-12-01\nlang: english\n", 6, 7,
	    "'lang' must be a two-letter language code such as en or es, "
	    "not 'english'" },
	{ HEAD "start: 2026-12-01\nconditions: {a: b}\n", 6, 13,
	    "'conditions' must be a list" },
	{ HEAD "start: 2026-12-01\noverrides: [{rule: x, reason: y}]\n", 6,
	    13, "missing required key 'approved_by'" },
	{ HEAD "start: 2026-12-01\noverrides: {rule: x}\n", 6, 12,
	    "'overrides' must be a list" },
	/* YAML itself. */
	{ HEAD "start: [2026-12-01\n", 6, 1, "flow sequence" },
	{ HEAD "start: &d 2026-12-01\n", 5, 8, "anchors (&name) are not allowed" },
	{ HEAD "start: 2026-12-01\nhistory: [*d]\n", 6, 11,
	    "aliases (*name) are not allowed" },
	{ HEAD "start: !!str 2026-12-01\n", 5, 8, "tags (!name) are not allowed" },
	{ HEAD "start: 2026-12-01\n---\na: b\n", 6, 1,
	    "a file holds one document" },
	{ "", 1, 1, "expected a mapping" },
	{ "a: [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]\n", 1, 19,
	    "nesting is deeper than 16 levels" },
};

static void
torture_patient_load_errors(void **state)
{
	struct diag d = { 0 };
	struct patient *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		p = patient_load("p.yaml", bad_cases[i].yaml,
		    strlen(bad_cases[i].yaml), &d);
		fixture_refused(i, &bad_cases[i], p, &d);
		assert_string_equal(d.file, "p.yaml");
		assert_int_equal(diag_class(d.code), DIAG_DATA);
		diag_release(&d);
	}
}

/* A name with a control character is never echoed into the message. */
static void
torture_patient_load_keeps_name_out_of_errors(void **state)
{
	static const char yaml[] = "patient:\n  id: SECRET-ID\n"
	    "  name: \"Secret\\tName\"\nprotocol: knee-oa\nstart: 2026-12-01\n";
	struct diag d = { 0 };

	(void)state;
	assert_null(patient_load("p.yaml", yaml, strlen(yaml), &d));
	assert_null(strstr(d.msg, "Secret"));
	assert_null(strstr(d.msg, "SECRET"));
	diag_release(&d);
}

static void
torture_patient_load_nul_byte(void **state)
{
	static const char yaml[] = HEAD "start: 2026-12-01\0\n";
	struct diag d = { 0 };

	(void)state;
	assert_null(patient_load("p.yaml", yaml, sizeof(yaml) - 1, &d));
	assert_int_equal(d.line, 5);
	assert_int_equal(d.col, 18);
	assert_string_equal(d.msg, "file contains a NUL byte");
	diag_release(&d);
}

static void
torture_patient_load_quotes_40_chars(void **state)
{
	static const char yaml[] = HEAD "start: "
	    "abcdefghijabcdefghijabcdefghijabcdefghijXYZ\n";
	struct diag d = { 0 };

	(void)state;
	assert_null(patient_load("p.yaml", yaml, strlen(yaml), &d));
	assert_non_null(strstr(d.msg,
	    "'abcdefghijabcdefghijabcdefghijabcdefghij...'"));
	assert_null(strstr(d.msg, "XYZ"));
	diag_release(&d);
}

static void
torture_patient_load_full(void **state)
{
	static const char yaml[] =
	    "patient:\n"
	    "  id: 0012\n"
	    "  name: \"Zoë O'Brien, Jr.\"\n"
	    "  birth_date: 1961-03-14\n"
	    "protocol: knee-oa\n"
	    "start: 2026-12-01\n"
	    "sites: [left knee, right knee]\n"
	    "visits: 6\n"
	    "interval_days: 21\n"
	    "weekdays: [mon, Wednesday, FRI]\n"
	    "unavailable:\n"
	    "  - 2026-12-24\n"
	    "  - {from: 2026-12-26, to: 2027-01-03}\n"
	    "medications: [ibuprofen, aspirin]\n"
	    "allergies: lidocaine\n"
	    "history: [2026-11-03, 2026-11-24]\n";
	struct diag d = { 0 };
	struct patient *p;

	(void)state;
	p = patient_load("p.yaml", yaml, strlen(yaml), &d);
	assert_non_null(p);
	assert_string_equal(p->id, "0012");
	assert_string_equal(p->name, "Zoë O'Brien, Jr.");
	assert_int_equal(p->has_birth_date, 1);
	assert_int_equal(p->birth_date, date_from_ymd(1961, 3, 14));
	assert_string_equal(p->protocol, "knee-oa");
	assert_int_equal(p->at_protocol.line, 5);
	assert_int_equal(p->at_protocol.col, 11);
	assert_int_equal(p->start, date_from_ymd(2026, 12, 1));
	assert_int_equal(p->sites.n, 2);
	assert_string_equal(p->sites.v[1], "right knee");
	assert_int_equal(p->visits, 6);
	assert_int_equal(p->interval_days, 21);
	assert_int_equal(p->weekdays, 1u << 0 | 1u << 2 | 1u << 4);
	assert_int_equal(p->nunavailable, 2);
	assert_int_equal(p->unavailable[0].from, p->unavailable[0].to);
	assert_int_equal(p->unavailable[1].to, date_from_ymd(2027, 1, 3));
	assert_int_equal(p->medications.n, 2);
	assert_int_equal(p->allergies.n, 1);
	assert_string_equal(p->allergies.v[0], "lidocaine");
	assert_int_equal(p->nhistory, 2);
	assert_int_equal(p->history[1], date_from_ymd(2026, 11, 24));
	patient_free(p);
}

/* Optional keys: blank means not given; defaults come from the protocol. */
static void
torture_patient_apply_defaults(void **state)
{
	static const char yaml[] = HEAD "start: 2026-12-01\nvisits:\n";
	struct protocol pr;
	struct diag d = { 0 };
	struct patient *p;

	(void)state;
	memset(&pr, 0, sizeof(pr));
	pr.id = "knee-oa";
	strv_push(&pr.sites, "knee");
	pr.per_site = 1;
	pr.visits_min = 4, pr.visits_default = 5, pr.visits_max = 10;
	pr.inj_min = 4, pr.inj_max = 30;
	pr.ival_min = 14, pr.ival_pref = 21, pr.ival_max = 21;
	p = patient_load("p.yaml", yaml, strlen(yaml), &d);
	assert_non_null(p);
	assert_int_equal(p->weekdays, 0x1f);
	assert_int_equal(p->visits, -1);
	assert_int_equal(patient_apply(p, &pr, &d), 0);
	assert_int_equal(p->visits, 5);
	assert_int_equal(p->interval_days, 21);
	assert_int_equal(p->sites.n, 1);
	assert_string_equal(p->sites.v[0], "knee");
	patient_free(p);
	strv_release(&pr.sites);
}

static void
apply_expect(const char *extra, int line, int col, const char *words)
{
	struct protocol pr;
	struct diag d = { 0 };
	struct patient *p;
	char yaml[512];

	memset(&pr, 0, sizeof(pr));
	pr.id = "knee-oa";
	strv_push(&pr.sites, "knee");
	pr.per_site = 2;
	pr.visits_min = 4, pr.visits_default = 5, pr.visits_max = 10;
	pr.inj_min = 4, pr.inj_max = 30;
	pr.ival_min = 14, pr.ival_pref = 21, pr.ival_max = 21;
	snprintf(yaml, sizeof(yaml), HEAD "start: 2026-12-01\n%s", extra);
	p = patient_load("p.yaml", yaml, strlen(yaml), &d);
	assert_non_null(p);
	assert_int_equal(patient_apply(p, &pr, &d), -1);
	if (d.line != line || d.col != col || strstr(d.msg, words) == NULL)
		fail_msg("%s: got %d:%d: %s", extra, d.line, d.col, d.msg);
	diag_release(&d);
	patient_free(p);
	strv_release(&pr.sites);
}

static void
torture_patient_apply_rules(void **state)
{
	(void)state;
	apply_expect("visits: 12\n", 6, 9,
	    "visits must be between 4 and 10 for protocol knee-oa (got 12)");
	apply_expect("visits: 0\n", 6, 9, "between 4 and 10");
	apply_expect("visits: 10\nsites: [a, b]\n", 6, 9,
	    "injections must be between 4 and 30 for protocol knee-oa: "
	    "10 visits x 4 injections per visit make 40");
	apply_expect("sites: [a, b, c, d]\n", 6, 8, "make 40");
	apply_expect("interval_days: 28\n", 6, 16,
	    "interval_days must be between 14 and 21 for protocol knee-oa "
	    "(got 28)");
	apply_expect("visits: 4\nhistory: [2026-01-01, 2026-02-01, "
	    "2026-03-01, 2026-04-01, 2026-05-01]\n", 7, 10,
	    "'history' lists 5 visits but the course has only 4");
	/* Missed visits are not visits of the course; booked ones are. */
	apply_expect("visits: 4\nhistory: [2026-01-01, 2026-02-01, "
	    "2026-03-01, {date: 2026-04-01, missed: true}]\n"
	    "booked: [2026-12-08, 2026-12-29]\n", 8, 9, "'booked' lists 2 "
	    "visits, which with the 3 given make more than the course has "
	    "(visits: 4)");
	/* Ended early, a course may be shorter, never longer. */
	apply_expect("visits: 11\nended: {date: 2026-12-01, reason: x}\n", 6, 9,
	    "visits must be between 4 and 10 for protocol knee-oa (got 11)");
}

/*
 * The history as written, its visits given apart, the book, and an
 * early end, which lets a course be shorter than the protocol's least.
 */
static void
torture_patient_course_record(void **state)
{
	static const char yaml[] = HEAD "start: 2026-12-01\n"
	    "history: [2026-10-06, {date: 2026-10-27, missed: true},\n"
	    "  {date: 2026-11-03, missed: false}]\n"
	    "booked: [2026-12-08, {date: 2026-12-29, time: \"09:15\"}]\n"
	    "ended: {date: 2027-01-05, reason: \"better after 3 visits\"}\n";
	struct protocol pr;
	struct diag d = { 0 };
	struct patient *p;

	(void)state;
	p = patient_load("p.yaml", yaml, strlen(yaml), &d);
	if (p == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_int_equal(p->nrecord, 3);
	assert_true(p->record[1].missed);
	assert_false(p->record[2].missed);
	assert_int_equal(p->nhistory, 2);
	assert_int_equal(p->history[0], date_from_ymd(2026, 10, 6));
	assert_int_equal(p->history[1], date_from_ymd(2026, 11, 3));
	assert_int_equal(p->nbooked, 2);
	assert_int_equal(p->booked[0].time, TIME_NONE);
	assert_int_equal(p->booked[1].time, 9 * 60 + 15);
	assert_int_equal(p->booked[1].at.line, 8);
	assert_int_equal(p->ended, date_from_ymd(2027, 1, 5));
	assert_string_equal(p->ended_reason, "better after 3 visits");
	memset(&pr, 0, sizeof(pr));
	pr.id = "knee-oa";
	strv_push(&pr.sites, "knee");
	pr.per_site = 1;
	pr.visits_min = 5, pr.visits_default = 6, pr.visits_max = 10;
	pr.inj_min = 5, pr.inj_max = 30;
	pr.ival_min = 14, pr.ival_pref = 21, pr.ival_max = 21;
	/* Ended: as long as it came to be, below the least of 5. */
	assert_int_equal(patient_apply(p, &pr, &d), 0);
	assert_int_equal(p->visits, 4);
	patient_free(p);
	strv_release(&pr.sites);
}

/*
 * Scores at visits given: pain in thousandths, -1 where none was given
 * (or left blank); a function score with its scale, best 0 unless
 * given, higher-is-better scales too.
 */
static void
torture_patient_load_scores(void **state)
{
	static const char yaml[] = HEAD "start: 2026-12-01\n"
	    "history:\n"
	    "  - {date: 2026-10-06, pain: 7, function: {name: WOMAC, value: 48,"
	    " worst: 96}}\n"
	    "  - {date: 2026-10-20, missed: true, pain: }\n"
	    "  - {date: 2026-10-27, pain: 6.25,\n"
	    "     function: {name: KOOS, value: 62.5, worst: 0, best: 100}}\n"
	    "  - 2026-11-03\n"
	    "  - {date: 2026-11-10, pain: 0, function: {name: W, value: 0,"
	    " worst: 0.001}}\n";
	struct diag d = { 0 };
	struct patient *p;

	(void)state;
	p = patient_load("p.yaml", yaml, strlen(yaml), &d);
	if (p == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_int_equal(p->nrecord, 5);
	assert_int_equal(p->record[0].pain, 7000);
	assert_string_equal(p->record[0].function.name, "WOMAC");
	assert_int_equal(p->record[0].function.value, 48000);
	assert_int_equal(p->record[0].function.worst, 96000);
	assert_int_equal(p->record[0].function.best, 0);
	assert_int_equal(p->record[1].pain, -1);
	assert_null(p->record[1].function.name);
	assert_int_equal(p->record[2].pain, 6250);
	assert_int_equal(p->record[2].function.value, 62500);
	assert_int_equal(p->record[2].function.worst, 0);
	assert_int_equal(p->record[2].function.best, 100000);
	assert_int_equal(p->record[3].pain, -1);
	assert_null(p->record[3].function.name);
	assert_int_equal(p->record[4].pain, 0);
	assert_int_equal(p->record[4].function.worst, 1);
	assert_int_equal(p->nhistory, 4);
	patient_free(p);
}

/* Errors inside nested values, and in each optional key's reader. */
static const struct bad_case nested_cases[] = {
	{ "patient: Jane Roe\nprotocol: knee-oa\nstart: 2026-12-01\n", 1, 10,
	    "'patient' must be a mapping of keys and values" },
	{ "patient:\n  id: A\n  name: B\nprotocol: [knee-oa]\n"
	    "start: 2026-12-01\n", 4, 11,
	    "'protocol' must be a single value, not a list or mapping" },
	{ HEAD "start: 2026-12-01\ninterval_days: 3w\n", 6, 16,
	    "'interval_days' must be a whole number written in base 10, "
	    "not '3w'" },
	{ HEAD "start: 2026-12-01\nweekdays: [[mon]]\n", 6, 12,
	    "'weekdays' must be a single value, not a list or mapping" },
	{ HEAD "start: 2026-12-01\nunavailable: 2026-12-24\n", 6, 14,
	    "'unavailable' must be a list" },
	{ HEAD "start: 2026-12-01\nunavailable: [2026-13-01]\n", 6, 15,
	    "'unavailable': '2026-13-01' has no month 13" },
	{ HEAD "start: 2026-12-01\nunavailable:\n"
	    "  - {from: soon, to: 2026-12-01}\n", 7, 12,
	    "'from' must be a date written YYYY-MM-DD, not 'soon'" },
	{ HEAD "start: 2026-12-01\nunavailable:\n"
	    "  - {from: 2026-12-01, to: soon}\n", 7, 28,
	    "'to' must be a date written YYYY-MM-DD, not 'soon'" },
	{ HEAD "start: 2026-12-01\nmedications: [aspirin, Aspirin]\n", 6, 24,
	    "'medications' lists 'Aspirin' twice" },
	{ HEAD "start: 2026-12-01\nallergies: {latex: yes}\n", 6, 12,
	    "'allergies' must be a list" },
	{ HEAD "start: 2026-12-01\nhistory: 2026-11-03\n", 6, 10,
	    "'history' must be a list" },
	{ HEAD "start: 2026-12-01\nhistory: [last week]\n", 6, 11,
	    "'history' must be a date written YYYY-MM-DD, not 'last week'" },
};

static void
torture_patient_load_nested_errors(void **state)
{
	struct diag d = { 0 };
	struct patient *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(nested_cases) / sizeof(*nested_cases); i++) {
		p = patient_load("p.yaml", nested_cases[i].yaml,
		    strlen(nested_cases[i].yaml), &d);
		if (p != NULL)
			fail_msg("case %zu loaded", i);
		if (d.line != nested_cases[i].line ||
		    d.col != nested_cases[i].col ||
		    strcmp(d.msg, nested_cases[i].words) != 0)
			fail_msg("case %zu: got %d:%d: %s; want %d:%d: %s", i,
			    d.line, d.col, d.msg, nested_cases[i].line,
			    nested_cases[i].col, nested_cases[i].words);
		assert_string_equal(d.file, "p.yaml");
		diag_release(&d);
	}
}

/* The lower bounds: too short an interval, too few injections in all. */
static void
torture_patient_apply_lower_bounds(void **state)
{
	static const char yaml[] = HEAD "start: 2026-12-01\nvisits: 4\n";
	struct protocol pr;
	struct diag d = { 0 };
	struct patient *p;

	(void)state;
	apply_expect("interval_days: 7\n", 6, 16,
	    "interval_days must be between 14 and 21 for protocol knee-oa "
	    "(got 7)");
	memset(&pr, 0, sizeof(pr));
	pr.id = "knee-oa";
	strv_push(&pr.sites, "knee");
	pr.per_site = 1;
	pr.visits_min = 4, pr.visits_default = 5, pr.visits_max = 10;
	pr.inj_min = 5, pr.inj_max = 30;
	pr.ival_min = 14, pr.ival_pref = 21, pr.ival_max = 21;
	p = patient_load("p.yaml", yaml, strlen(yaml), &d);
	assert_non_null(p);
	assert_int_equal(patient_apply(p, &pr, &d), -1);
	assert_int_equal(d.line, 6);
	assert_int_equal(d.col, 9);
	assert_string_equal(d.msg, "injections must be between 5 and 30 for "
	    "protocol knee-oa: 4 visits x 1 injections per visit make 4");
	diag_release(&d);
	patient_free(p);
	strv_release(&pr.sites);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_patient_load_errors),
		cmocka_unit_test(torture_patient_load_keeps_name_out_of_errors),
		cmocka_unit_test(torture_patient_load_nul_byte),
		cmocka_unit_test(torture_patient_load_quotes_40_chars),
		cmocka_unit_test(torture_patient_load_full),
		cmocka_unit_test(torture_patient_apply_defaults),
		cmocka_unit_test(torture_patient_apply_rules),
		cmocka_unit_test(torture_patient_load_nested_errors),
		cmocka_unit_test(torture_patient_apply_lower_bounds),
		cmocka_unit_test(torture_patient_course_record),
		cmocka_unit_test(torture_patient_load_scores),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
