#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "fixture.h"

/*
 * The clinic file from strings: every key, every error with its place,
 * the choice of an appointment slot, and money without floating point.
 */

static void
torture_clinic_load_full(void **state)
{
	static const char yaml[] =
	    "name: Harbour Clinic\n"
	    "address: 12 Harbour Street\n"
	    "phone: 555-0100\n"
	    "timezone: Europe/Madrid\n"
	    "open: [mon, wed, sat]\n"
	    "hours:\n"
	    "  sat: {open: \"09:00\", close: \"12:00\"}\n"
	    "visit_minutes: 40\n"
	    "slots: [\"08:30\", \"11:30\", \"14:00\"]\n"
	    "closures:\n"
	    "  - 2026-12-25\n"
	    "  - {date: 2027-01-01, name: New Year's Day}\n"
	    "  - {from: 2026-12-28, to: 2026-12-31, name: Break}\n"
	    "price: {per_visit: \"150.5\", currency: EUR}\n"
	    "stock:\n"
	    "  - {name: \"dextrose 50%\", ingredient: dextrose, percent: 50}\n"
	    "  - {name: \"Xylocaine 1%\", ingredient: Xylocaine, percent: 1}\n"
	    "  - {name: \"sterile water\", diluent: true}\n"
	    "syringe_ml: 12.5\n";
	struct diag d = { 0 };
	struct clinic *c;

	(void)state;
	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	if (c == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_int_equal(c->nstock, 3);
	assert_string_equal(c->stock[1].name, "Xylocaine 1%");
	assert_string_equal(c->stock[1].ingredient, "Xylocaine");
	assert_string_equal(c->stock[1].folded, " xylocaine ");
	assert_int_equal(c->stock[0].percent, 50000);
	assert_int_equal(c->stock[1].percent, 1000);
	assert_false(c->stock[1].diluent);
	assert_true(c->stock[2].diluent);
	assert_null(c->stock[2].ingredient);
	assert_int_equal(c->stock[2].percent, 0);
	assert_int_equal(c->stock[1].at.line, 17);
	assert_int_equal(c->stock[1].at.col, 5);
	assert_int_equal(c->at_stock.line, 16);
	assert_int_equal(c->at_stock.col, 3);
	assert_int_equal(c->syringe, 12500);
	assert_string_equal(c->name, "Harbour Clinic");
	assert_string_equal(c->timezone, "Europe/Madrid");
	assert_int_equal(c->open_days, 1u << 0 | 1u << 2 | 1u << 5);
	assert_int_equal(c->hours[5].open, 9 * 60);
	assert_int_equal(c->hours[5].close, 12 * 60);
	assert_int_equal(c->hours[0].close, 24 * 60);
	assert_int_equal(c->visit_minutes, 40);
	assert_int_equal(c->nslots, 3);
	assert_int_equal(c->nclosures, 3);
	assert_null(c->closures[0].name);
	assert_int_equal(c->closures[0].range.to, date_from_ymd(2026, 12, 25));
	assert_string_equal(c->closures[1].name, "New Year's Day");
	assert_int_equal(c->closures[2].range.from,
	    date_from_ymd(2026, 12, 28));
	assert_int_equal(c->price, 15050);
	assert_string_equal(c->currency, "EUR");
	clinic_free(c);
	clinic_free(NULL);	/* does nothing, as every _free() */
}

static const struct bad_case bad_cases[] = {
	{ "nmae: X\n", 1, 1, "unknown key 'nmae' (did you mean 'name'?)" },
	{ "open: []\n", 1, 7, "'open' must name at least one day" },
	{ "open: [mon, mon]\n", 1, 13, "'open' lists 'mon' twice" },
	{ "slots: [\"9:00\"]\n", 1, 9,
	    "'slots' must be a time written HH:MM (24-hour clock), not '9:00'" },
	{ "slots: [\"24:00\"]\n", 1, 9, "not '24:00'" },
	{ "slots: [\"10:00\", \"09:00\"]\n", 1, 18,
	    "'slots' must list times in order, each once: '09:00'" },
	{ "hours: {mon: {open: \"12:00\", close: \"08:00\"}}\n", 1, 21,
	    "'hours': mon must open before it closes" },
	{ "hours: {sun: {open: \"12:00\"}}\n", 1, 14,
	    "missing required key 'close'" },
	{ "hours: {sunday: {open: \"12:00\"}}\n", 1, 9, "unknown key 'sunday'" },
	{ "visit_minutes: 2\n", 1, 16, "between 5 and 1440" },
	{ "closures: [{from: 2027-01-02, to: 2027-01-01}]\n", 1, 12,
	    "'closures': from is after to" },
	{ "closures: [{date: 2027-01-02, to: 2027-01-03}]\n", 1, 12,
	    "a closure is a date, {date, name} or {from, to, name}" },
	{ "closures: [{name: x}]\n", 1, 12, "a closure is a date" },
	{ "closures: [2027-02-30]\n", 1, 12, "does not exist" },
	{ "price: {per_visit: \"1.234\", currency: USD}\n", 1, 20,
	    "'per_visit' must be an amount such as 150 or 150.00, not '1.234'" },
	{ "price: {per_visit: \".5\", currency: USD}\n", 1, 20, "not '.5'" },
	{ "price: {per_visit: \"5.\", currency: USD}\n", 1, 20, "not '5.'" },
	{ "price: {per_visit: \"-5\", currency: USD}\n", 1, 20, "not '-5'" },
	{ "price: {per_visit: \"5\"}\n", 1, 8,
	    "missing required key 'currency'" },
	/* Each top-level key's reader, failing in its own way. */
	{ "name: [Harbour]\n", 1, 7,
	    "'name' must be a single value, not a list or mapping" },
	{ "address: {street: x}\n", 1, 10,
	    "'address' must be a single value, not a list or mapping" },
	{ "phone: [555, 556]\n", 1, 8,
	    "'phone' must be a single value, not a list or mapping" },
	{ "timezone: [UTC]\n", 1, 11,
	    "'timezone' must be a single value, not a list or mapping" },
	{ "name: \"  \"\n", 1, 7, "'name' must not be empty" },
	{ "name: \"Harbour\\u2067\"\n", 1, 7, "'name' must not contain "
	    "the invisible character U+2067 (right-to-left isolate)" },
	{ "open: mon\n", 1, 7, "'open' must be a list" },
	{ "open: [mon, [tue]]\n", 1, 13,
	    "'open' must be a single value, not a list or mapping" },
	{ "open: [mon, fry]\n", 1, 13, "unknown weekday 'fry'" },
	{ "hours: [mon]\n", 1, 8,
	    "'hours' must be a mapping of keys and values" },
	{ "hours: {mon: closed}\n", 1, 14,
	    "'mon' must be a mapping of keys and values" },
	{ "hours: {tue: {open: \"9am\", close: \"17:00\"}}\n", 1, 21,
	    "'open' must be a time written HH:MM (24-hour clock), not '9am'" },
	{ "hours: {tue: {open: [\"09:00\"], close: \"17:00\"}}\n", 1, 21,
	    "'open' must be a single value, not a list or mapping" },
	{ "hours: {wed: {open: \"09:00\", close: \"17:70\"}}\n", 1, 37,
	    "'close' must be a time written HH:MM (24-hour clock), "
	    "not '17:70'" },
	{ "hours: {thu: {open: \"09:00\", close: \"09:00\"}}\n", 1, 21,
	    "'hours': thu must open before it closes" },
	{ "slots: \"09:00\"\n", 1, 8, "'slots' must be a list" },
	{ "slots: [\"09:00\", [\"10:00\"]]\n", 1, 18,
	    "'slots' must be a single value, not a list or mapping" },
	{ "slots: [\"09:00\", \"09:00\"]\n", 1, 18,
	    "'slots' must list times in order, each once: '09:00'" },
	{ "visit_minutes: 1441\n", 1, 16,
	    "visit_minutes must be between 5 and 1440 (got '1441')" },
	{ "visit_minutes: [45]\n", 1, 16,
	    "'visit_minutes' must be a single value, not a list or mapping" },
	{ "visit_minutes: 045\n", 1, 16,
	    "'visit_minutes' must be a whole number written in base 10" },
	{ "closures: 2026-12-25\n", 1, 11, "'closures' must be a list" },
	{ "closures: [[2026-12-25]]\n", 1, 12,
	    "'closures' must be a mapping of keys and values" },
	{ "closures: [{from: 2027-01-01}]\n", 1, 12,
	    "a closure is a date, {date, name} or {from, to, name}" },
	{ "closures: [{to: 2027-01-01}]\n", 1, 12, "a closure is a date" },
	{ "closures: [{date: 2027-01-01, from: 2027-01-02}]\n", 1, 12,
	    "a closure is a date" },
	{ "closures: [{date: 2027-01-01, name: [x]}]\n", 1, 37,
	    "'name' must be a single value, not a list or mapping" },
	{ "closures: [{when: 2027-01-01}]\n", 1, 13, "unknown key 'when'" },
	{ "closures: [christmas]\n", 1, 12,
	    "'closures' must be a date written YYYY-MM-DD, not 'christmas'" },
	{ "closures: [{date: 2027-13-01, name: X}]\n", 1, 19,
	    "'date': '2027-13-01' has no month 13" },
	{ "closures: [{from: 27-01-01, to: 2027-01-02}]\n", 1, 19,
	    "'from' must be a date written YYYY-MM-DD, not '27-01-01'" },
	{ "closures: [{from: 2027-02-01, to: 2027-02-29}]\n", 1, 35,
	    "'to': '2027-02-29' does not exist (that month has 28 days)" },
	{ "closures: [2026-12-25, {from: 2027-01-01, to: [x]}]\n", 1, 47,
	    "'to' must be a single value, not a list or mapping" },
	{ "price: 150\n", 1, 8,
	    "'price' must be a mapping of keys and values" },
	{ "price: {per_visit: [150], currency: EUR}\n", 1, 20,
	    "'per_visit' must be a single value, not a list or mapping" },
	{ "price: {per_visit: \"\", currency: EUR}\n", 1, 20, "not ''" },
	{ "price: {per_visit: \"1.2.3\", currency: EUR}\n", 1, 20,
	    "not '1.2.3'" },
	{ "price: {per_visit: \"15a\", currency: EUR}\n", 1, 20, "not '15a'" },
	{ "price: {per_visit: \"1 50\", currency: EUR}\n", 1, 20,
	    "not '1 50'" },
	{ "price: {per_visit: \"99999999999999999999\", currency: EUR}\n", 1,
	    20, "'per_visit' '99999999999999999999' is more than 1000000" },
	{ "price: {per_visit: \"150\", currency: [EUR]}\n", 1, 37,
	    "'currency' must be a single value, not a list or mapping" },
	{ "rules: [{id: a, level: warn, if: {conditions: [x]}}]\n", 1, 9,
	    "missing required key 'text'" },
	/* What prep mixes from: an ingredient at a strength, or a diluent. */
	{ "stock: {name: water, diluent: true}\n", 1, 8,
	    "'stock' must be a list" },
	{ "stock: [{ingredient: dextrose, percent: 50}]\n", 1, 9,
	    "missing required key 'name'" },
	{ "stock: [{name: w, diluent: true, ingredient: dextrose, "
	    "percent: 50}]\n", 1, 9, "'stock': 'w' is both an ingredient "
	    "and a diluent: give ingredient and percent, or diluent: true" },
	{ "stock: [{name: w, diluent: true, percent: 5}]\n", 1, 9,
	    "'stock': 'w' is both an ingredient and a diluent" },
	{ "stock: [{name: w}]\n", 1, 9, "'stock': 'w' needs an ingredient "
	    "and its percent, or diluent: true" },
	{ "stock: [{name: w, diluent: false}]\n", 1, 9,
	    "'stock': 'w' needs an ingredient and its percent" },
	{ "stock: [{name: d, ingredient: dextrose}]\n", 1, 9,
	    "'stock': 'd' needs an ingredient and its percent" },
	{ "stock: [{name: d, percent: 50}]\n", 1, 9,
	    "'stock': 'd' needs an ingredient and its percent" },
	{ "stock: [{name: d, ingredient: dextrose, percent: 0}]\n", 1, 50,
	    "stock percent must be between 0.001 and 100 (got '0')" },
	{ "stock: [{name: d, ingredient: dextrose, percent: 100.5}]\n", 1,
	    50, "stock percent must be between 0.001 and 100 (got '100.5')" },
	{ "stock: [{name: d, ingredient: dextrose, percent: 50%}]\n", 1, 50,
	    "'stock percent' must be a number written like 12 or 12.5" },
	{ "stock: [{name: d, ingredient: dextrose, percent: 50},\n"
	    "        {name: d, ingredient: dextrose, percent: 25}]\n", 2, 9,
	    "'stock' lists 'd' twice" },
	{ "stock: [{name: w, diluent: yes}]\n", 1, 28,
	    "'diluent' must be true or false" },
	{ "stock: [{name: w, dilutent: true}]\n", 1, 19,
	    "unknown key 'dilutent' (did you mean 'diluent'?)" },
	{ "syringe_ml: 0.5\n", 1, 13,
	    "syringe_ml must be between 1 and 100 (got '0.5')" },
	{ "syringe_ml: 120\n", 1, 13,
	    "syringe_ml must be between 1 and 100 (got '120')" },
	/* The file itself, before any key is read. */
	{ "name: [Harbour\n", 2, 1, "did not find expected" },
	{ "- name\n", 1, 1,
	    "'clinic file' must be a mapping of keys and values" },
};

static void
torture_clinic_load_errors(void **state)
{
	struct diag d = { 0 };
	struct clinic *c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		c = clinic_load("c.yaml", bad_cases[i].yaml,
		    strlen(bad_cases[i].yaml), &d);
		fixture_refused(i, &bad_cases[i], c, &d);
		diag_release(&d);
	}
}

/* Morning is before noon; a slot counts only when the visit fits the day. */
static void
torture_clinic_slot(void **state)
{
	static const char yaml[] =
	    "hours: {fri: {open: \"08:00\", close: \"12:00\"}}\n"
	    "visit_minutes: 45\n"
	    "slots: [\"08:30\", \"11:30\", \"13:30\"]\n";
	struct diag d = { 0 };
	struct clinic *c;

	(void)state;
	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	assert_non_null(c);
	assert_int_equal(clinic_slot(c, 0, -1, 0), 8 * 60 + 30);
	assert_int_equal(clinic_slot(c, 0, -1, 2), 13 * 60 + 30);
	assert_int_equal(clinic_slot(c, 0, -1, 1), 8 * 60 + 30);
	assert_int_equal(clinic_slot(c, 0, 11 * 60 + 30, 0), 11 * 60 + 30);
	assert_int_equal(clinic_slot(c, 0, 11 * 60, 0), TIME_NONE);
	/* Friday closes at 12:00: 11:30 + 45 minutes does not fit. */
	assert_int_equal(clinic_slot(c, 4, 11 * 60 + 30, 0), TIME_NONE);
	assert_int_equal(clinic_slot(c, 4, -1, 2), TIME_NONE);
	assert_int_equal(clinic_slot(c, 4, -1, 3), 8 * 60 + 30);
	clinic_free(c);
}

/*
 * The appointment time each way: rows of (weekday, wanted time, periods,
 * expected) against a clinic without slots, where any time inside the
 * day's hours is taken as asked and none is chosen for a patient, and a
 * clinic whose first slot comes before Monday's opening.
 */
struct slot_case {
	int	weekday;
	int	want;
	int	periods;
	int	expect;
};

#define HM(h, m)	((h) * 60 + (m))

static const struct slot_case no_slot_cases[] = {
	{ 0, -1, 0, TIME_NONE },	/* none asked, none offered */
	{ 0, -1, 3, TIME_NONE },
	{ 0, HM(10, 0), 0, HM(10, 0) },
	{ 0, HM(10, 0), 2, HM(10, 0) },	/* a time asked beats a period */
	{ 0, HM(9, 0), 0, HM(9, 0) },	/* at opening */
	{ 0, HM(8, 59), 0, TIME_NONE },
	{ 0, HM(16, 30), 0, HM(16, 30) },	/* ends at closing */
	{ 0, HM(16, 31), 0, TIME_NONE },
	{ 1, HM(0, 0), 0, HM(0, 0) },	/* Tuesday: hours not set */
	{ 1, HM(23, 30), 0, HM(23, 30) },
	{ 1, HM(23, 31), 0, TIME_NONE },
};

static const struct slot_case early_slot_cases[] = {
	{ 0, -1, 0, HM(9, 30) },	/* 08:30 is before Monday opens */
	{ 0, -1, 1, HM(9, 30) },
	{ 0, -1, 2, HM(13, 0) },
	{ 0, HM(8, 30), 0, TIME_NONE },
	{ 0, HM(13, 0), 1, HM(13, 0) },
	{ 0, HM(10, 0), 0, TIME_NONE },	/* not a slot */
	{ 2, -1, 0, HM(8, 30) },	/* Wednesday: all day */
	{ 2, HM(8, 30), 2, HM(8, 30) },
	{ 2, -1, 2, HM(13, 0) },
};

static void
check_slots(const char *yaml, const struct slot_case *cases, size_t n)
{
	struct diag d = { 0 };
	struct clinic *c;
	size_t i;
	int got;

	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	if (c == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	for (i = 0; i < n; i++) {
		got = clinic_slot(c, cases[i].weekday, cases[i].want,
		    cases[i].periods);
		if (got != cases[i].expect)
			fail_msg("case %zu: got %d, expected %d", i, got,
			    cases[i].expect);
	}
	clinic_free(c);
}

static void
torture_clinic_slot_cases(void **state)
{
	(void)state;
	check_slots("hours: {mon: {open: \"09:00\", close: \"17:00\"}}\n"
	    "visit_minutes: 30\n", no_slot_cases,
	    sizeof(no_slot_cases) / sizeof(*no_slot_cases));
	check_slots("hours: {mon: {open: \"09:00\", close: \"17:00\"}}\n"
	    "slots: [\"08:30\", \"09:30\", \"13:00\"]\n", early_slot_cases,
	    sizeof(early_slot_cases) / sizeof(*early_slot_cases));
}

/* Amounts, with cents, as they load. */
struct money_case {
	const char	*text;
	long		 cents;
};

static const struct money_case money_cases[] = {
	{ "0", 0 }, { "7", 700 }, { "150", 15000 }, { "150.5", 15050 },
	{ "150.05", 15005 }, { "0.99", 99 }, { "1000000", 100000000 },
};

static void
check_money(const struct money_case *mc, size_t i)
{
	char yaml[128];
	struct diag d = { 0 };
	struct clinic *c;

	snprintf(yaml, sizeof(yaml),
	    "price: {per_visit: \"%s\", currency: EUR}\n", mc->text);
	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	if (c == NULL)
		fail_msg("case %zu ('%s'): %d:%d: %s", i, mc->text, d.line,
		    d.col, d.msg);
	if (c->price != mc->cents)
		fail_msg("case %zu ('%s'): %ld cents", i, mc->text, c->price);
	clinic_free(c);
}

static void
torture_clinic_money(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(money_cases) / sizeof(*money_cases); i++)
		check_money(&money_cases[i], i);
}

/*
 * The bound on a price is one of amount, not of digits: when the larger
 * amount of a row loads, the smaller (or equal) one must load too, to
 * its own cents.  (It once counted cents' digits as units, so
 * "100000000.9" loaded and "100000000.90" did not.)
 */
struct money_pair {
	const char	*larger;
	struct money_case smaller;
};

static const struct money_pair money_bound_cases[] = {
	{ "100000000.9", { "100000000.90", 10000000090L } },
	{ "1000000000", { "99999999.99", 9999999999L } },
	{ "1000000000", { "999999999.5", 99999999950L } },
	{ "150", { "150.00", 15000 } },
	{ "1000000", { "1000000.00", 100000000L } },
};

static void
torture_clinic_money_bound(void **state)
{
	char yaml[128];
	struct diag d = { 0 };
	struct clinic *c;
	size_t i;

	(void)state;
	/* The bound itself: a million a visit, not a cent more. */
	c = clinic_load("c.yaml", "price: {per_visit: \"1000000.01\", "
	    "currency: EUR}\n", 48, &d);
	assert_null(c);
	assert_string_equal(d.msg, "'per_visit' '1000000.01' is more than "
	    "1000000");
	diag_release(&d);
	for (i = 0; i < sizeof(money_bound_cases) /
	    sizeof(*money_bound_cases); i++) {
		snprintf(yaml, sizeof(yaml),
		    "price: {per_visit: \"%s\", currency: EUR}\n",
		    money_bound_cases[i].larger);
		c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
		if (c == NULL) {
			diag_release(&d);
			continue;
		}
		clinic_free(c);
		check_money(&money_bound_cases[i].smaller, i);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_clinic_load_full),
		cmocka_unit_test(torture_clinic_load_errors),
		cmocka_unit_test(torture_clinic_slot),
		cmocka_unit_test(torture_clinic_slot_cases),
		cmocka_unit_test(torture_clinic_money),
		cmocka_unit_test(torture_clinic_money_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
