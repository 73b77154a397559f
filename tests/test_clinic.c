#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "clinic.h"
#include "date.h"
#include "diag.h"

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
	    "price: {per_visit: \"150.5\", currency: EUR}\n";
	struct diag d = { 0 };
	struct clinic *c;

	(void)state;
	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	if (c == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
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
}

struct bad {
	const char	*yaml;
	int		 line;
	int		 col;
	const char	*words;
};

static const struct bad bad_cases[] = {
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
		if (c != NULL)
			fail_msg("case %zu loaded", i);
		if (d.line != bad_cases[i].line || d.col != bad_cases[i].col ||
		    strstr(d.msg, bad_cases[i].words) == NULL)
			fail_msg("case %zu: got %d:%d: %s", i, d.line, d.col,
			    d.msg);
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
	assert_int_equal(clinic_slot(c, 0, 11 * 60, 0), CLINIC_NO_TIME);
	/* Friday closes at 12:00: 11:30 + 45 minutes does not fit. */
	assert_int_equal(clinic_slot(c, 4, 11 * 60 + 30, 0), CLINIC_NO_TIME);
	assert_int_equal(clinic_slot(c, 4, -1, 2), CLINIC_NO_TIME);
	assert_int_equal(clinic_slot(c, 4, -1, 3), 8 * 60 + 30);
	clinic_free(c);
}

static void
torture_clinic_time_parse(void **state)
{
	char buf[6];
	int m;

	(void)state;
	assert_int_equal(clinic_time_parse("00:00", 5, &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(clinic_time_parse("23:59", 5, &m), 0);
	assert_int_equal(m, 23 * 60 + 59);
	assert_int_equal(clinic_time_parse("24:00", 5, &m), -1);
	assert_int_equal(clinic_time_parse("12:60", 5, &m), -1);
	assert_int_equal(clinic_time_parse("9:30", 4, &m), -1);
	assert_int_equal(clinic_time_parse("09.30", 5, &m), -1);
	clinic_time_format(9 * 60 + 5, buf);
	assert_string_equal(buf, "09:05");
	clinic_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_clinic_load_full),
		cmocka_unit_test(torture_clinic_load_errors),
		cmocka_unit_test(torture_clinic_slot),
		cmocka_unit_test(torture_clinic_time_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
