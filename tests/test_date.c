/*
 * Unit tests for date.c: day numbers since 1970-01-01 in the proleptic
 * Gregorian calendar, parsing and formatting of YYYY-MM-DD.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "date.h"

/* Day numbers of the ends of the range files may use. */
#define FIRST_DAY	(-25567)	/* 1900-01-01 */
#define LAST_DAY	84370		/* 2200-12-31 */

/* Parses a NUL-terminated string by its strlen. */
static enum date_error
parse_str(const char *s, int *day)
{
	return date_parse(s, strlen(s), day);
}

static void
torture_date_from_ymd_epoch(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1970, 1, 2), 1);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(1971, 1, 1), 365);
}

static void
torture_date_from_ymd_anchors(void **state)
{
	(void)state;
	/* Values computed with Python's datetime.date subtraction. */
	assert_int_equal(date_from_ymd(2000, 1, 1), 10957);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(date_from_ymd(2024, 2, 29), 19782);
	assert_int_equal(date_from_ymd(2026, 11, 27), 20784);
	assert_int_equal(date_from_ymd(1900, 1, 1), FIRST_DAY);
	assert_int_equal(date_from_ymd(2200, 12, 31), LAST_DAY);
}

static void
torture_date_to_ymd_anchors(void **state)
{
	int y, m, d;

	(void)state;
	date_to_ymd(0, &y, &m, &d);
	assert_int_equal(y, 1970);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);

	date_to_ymd(-1, &y, &m, &d);
	assert_int_equal(y, 1969);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);

	date_to_ymd(11016, &y, &m, &d);	/* leap day 2000 */
	assert_int_equal(y, 2000);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);

	date_to_ymd(20784, &y, &m, &d);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 11);
	assert_int_equal(d, 27);

	date_to_ymd(FIRST_DAY, &y, &m, &d);
	assert_int_equal(y, 1900);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);

	date_to_ymd(LAST_DAY, &y, &m, &d);
	assert_int_equal(y, 2200);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
}

static void
torture_date_weekday_anchors(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(0), 3);			/* 1970-01-01 Thu */
	assert_int_equal(date_weekday(date_from_ymd(2026, 11, 27)), 4);	/* Fri */
	assert_int_equal(date_weekday(date_from_ymd(1900, 1, 1)), 0);	/* Mon */
	assert_int_equal(date_weekday(date_from_ymd(2000, 1, 1)), 5);	/* Sat */
	assert_int_equal(date_weekday(date_from_ymd(2200, 12, 31)), 2);	/* Wed */
	assert_int_equal(date_weekday(date_from_ymd(1969, 12, 28)), 6);	/* Sun */
	assert_int_equal(date_weekday(-1), 2);			/* Wed */
}

static void
torture_date_is_leap_rules(void **state)
{
	(void)state;
	assert_false(date_is_leap(1900));	/* century, not by 400 */
	assert_true(date_is_leap(2000));	/* by 400 */
	assert_true(date_is_leap(2024));	/* by 4 */
	assert_false(date_is_leap(2100));
	assert_false(date_is_leap(2200));
	assert_false(date_is_leap(2023));
	assert_false(date_is_leap(2026));
	assert_true(date_is_leap(1904));
	assert_true(date_is_leap(2400));
}

static void
torture_date_month_days_all(void **state)
{
	static const int common[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int m;

	(void)state;
	for (m = 1; m <= 12; m++) {
		assert_int_equal(date_month_days(2023, m), common[m - 1]);
		assert_int_equal(date_month_days(2024, m),
		    common[m - 1] + (m == 2));
	}
	assert_int_equal(date_month_days(1900, 2), 28);
	assert_int_equal(date_month_days(2000, 2), 29);
	assert_int_equal(date_month_days(2100, 2), 28);
	/* No such month: no days. */
	assert_int_equal(date_month_days(2024, 0), 0);
	assert_int_equal(date_month_days(2024, 13), 0);
}

static void
torture_date_from_ymd_month_ends(void **state)
{
	(void)state;
	/* 30-day and 31-day months roll over on the right day. */
	assert_int_equal(date_from_ymd(2026, 4, 30) + 1,
	    date_from_ymd(2026, 5, 1));
	assert_int_equal(date_from_ymd(2026, 1, 31) + 1,
	    date_from_ymd(2026, 2, 1));
	assert_int_equal(date_from_ymd(2026, 7, 31) + 1,
	    date_from_ymd(2026, 8, 1));
	assert_int_equal(date_from_ymd(2026, 9, 30) + 1,
	    date_from_ymd(2026, 10, 1));
	/* February, leap and not. */
	assert_int_equal(date_from_ymd(2024, 2, 29) + 1,
	    date_from_ymd(2024, 3, 1));
	assert_int_equal(date_from_ymd(2023, 2, 28) + 1,
	    date_from_ymd(2023, 3, 1));
	assert_int_equal(date_from_ymd(1900, 2, 28) + 1,
	    date_from_ymd(1900, 3, 1));
	assert_int_equal(date_from_ymd(2000, 2, 28) + 2,
	    date_from_ymd(2000, 3, 1));
	/* Lengths of whole years. */
	assert_int_equal(date_from_ymd(2025, 1, 1) - date_from_ymd(2024, 1, 1),
	    366);
	assert_int_equal(date_from_ymd(2101, 1, 1) - date_from_ymd(2100, 1, 1),
	    365);
}

static void
torture_date_from_ymd_year_ends(void **state)
{
	int y;

	(void)state;
	for (y = 1900; y < 2200; y++)
		assert_int_equal(date_from_ymd(y, 12, 31) + 1,
		    date_from_ymd(y + 1, 1, 1));
}

/* Every day of 1900..2200 survives to_ymd then from_ymd. */
static void
torture_date_to_ymd_round_trip(void **state)
{
	int day, y, m, d, py, pm, pd;

	(void)state;
	py = 1899, pm = 12, pd = 31;
	for (day = FIRST_DAY; day <= LAST_DAY; day++) {
		date_to_ymd(day, &y, &m, &d);
		assert_int_equal(date_from_ymd(y, m, d), day);
		assert_true(m >= 1 && m <= 12);
		assert_true(d >= 1 && d <= date_month_days(y, m));
		/* The calendar date strictly follows the one before. */
		if (y == py && m == pm)
			assert_int_equal(d, pd + 1);
		else if (y == py) {
			assert_int_equal(m, pm + 1);
			assert_int_equal(d, 1);
		} else {
			assert_int_equal(y, py + 1);
			assert_int_equal(m, 1);
			assert_int_equal(d, 1);
		}
		py = y, pm = m, pd = d;
	}
	assert_int_equal(py, 2200);
	assert_int_equal(pm, 12);
	assert_int_equal(pd, 31);
}

static void
torture_date_weekday_cycle(void **state)
{
	int day, w, prev;

	(void)state;
	prev = date_weekday(FIRST_DAY - 1);	/* 1899-12-31, Sunday */
	assert_int_equal(prev, 6);
	for (day = FIRST_DAY; day <= LAST_DAY; day++) {
		w = date_weekday(day);
		assert_true(w >= 0 && w <= 6);
		assert_int_equal(w, (prev + 1) % 7);
		prev = w;
	}
}

/*
 * An oracle independent of date.c: walk the calendar from 1900-01-01
 * with a plain counter and a month-length table using the Gregorian
 * rule written out here.
 */
static int
oracle_month_len(int y, int m)
{
	static const int len[13] = {
		0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int leap;

	leap = y % 400 == 0 ? 1 : y % 100 == 0 ? 0 : y % 4 == 0;
	return m == 2 ? 28 + leap : len[m];
}

static void
torture_date_from_ymd_independent_oracle(void **state)
{
	int y, m, d, day, gy, gm, gd, weekday;

	(void)state;
	y = 1900, m = 1, d = 1;
	weekday = 0;			/* 1900-01-01 was a Monday */
	for (day = FIRST_DAY; y <= 2200; day++) {
		assert_int_equal(date_from_ymd(y, m, d), day);
		date_to_ymd(day, &gy, &gm, &gd);
		assert_int_equal(gy, y);
		assert_int_equal(gm, m);
		assert_int_equal(gd, d);
		assert_int_equal(date_weekday(day), weekday);
		assert_int_equal(date_month_days(y, m), oracle_month_len(y, m));
		assert_int_equal(!!date_is_leap(y), oracle_month_len(y, 2) == 29);
		weekday = (weekday + 1) % 7;
		if (++d > oracle_month_len(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(day, LAST_DAY + 1);
}

static void
torture_date_format_values(void **state)
{
	char buf[DATE_LEN + 1];

	(void)state;
	date_format(0, buf);
	assert_string_equal(buf, "1970-01-01");
	date_format(20784, buf);
	assert_string_equal(buf, "2026-11-27");
	date_format(19782, buf);
	assert_string_equal(buf, "2024-02-29");
	date_format(FIRST_DAY, buf);
	assert_string_equal(buf, "1900-01-01");
	date_format(LAST_DAY, buf);
	assert_string_equal(buf, "2200-12-31");
	date_format(date_from_ymd(2026, 10, 9), buf);
	assert_string_equal(buf, "2026-10-09");
}

/* format then parse gives the same day, for every day in the range. */
static void
torture_date_format_parse_round_trip(void **state)
{
	char buf[DATE_LEN + 1];
	int day, got;

	(void)state;
	for (day = FIRST_DAY; day <= LAST_DAY; day++) {
		memset(buf, 'Z', sizeof(buf));
		date_format(day, buf);
		assert_int_equal(strlen(buf), DATE_LEN);
		got = 12345678;
		assert_int_equal(date_parse(buf, DATE_LEN, &got), DATE_OK);
		assert_int_equal(got, day);
	}
}

static void
torture_date_parse_ok(void **state)
{
	int day;

	(void)state;
	day = -1;
	assert_int_equal(parse_str("2026-11-27", &day), DATE_OK);
	assert_int_equal(day, 20784);
	assert_int_equal(parse_str("1970-01-01", &day), DATE_OK);
	assert_int_equal(day, 0);
	assert_int_equal(parse_str("2024-02-29", &day), DATE_OK);
	assert_int_equal(day, 19782);
	assert_int_equal(parse_str("2000-02-29", &day), DATE_OK);
	assert_int_equal(day, date_from_ymd(2000, 2, 29));
	assert_int_equal(parse_str("1900-01-01", &day), DATE_OK);
	assert_int_equal(day, FIRST_DAY);
	assert_int_equal(parse_str("2200-12-31", &day), DATE_OK);
	assert_int_equal(day, LAST_DAY);
	assert_int_equal(parse_str("2026-04-30", &day), DATE_OK);
	assert_int_equal(day, date_from_ymd(2026, 4, 30));
	assert_int_equal(parse_str("2026-12-31", &day), DATE_OK);
	assert_int_equal(day, date_from_ymd(2026, 12, 31));
}

static void
torture_date_parse_syntax(void **state)
{
	static const char *const bad[] = {
		"2026-1-01",
		"2026-01-1",
		"26-01-01",
		"2026/01/01",
		"2026-01-01x",
		" 2026-01-01",
		"2026-01-01 ",
		"+026-01-01",
		"-026-01-01",
		"2026-+1-01",
		"2026-01-+1",
		"2026-01- 1",
		"2026 01 01",
		"20260101",
		"2026-001-01",
		"02026-01-01",
		"2026-0a-01",
		"YYYY-MM-DD",
		"",
		"2026-01-01T00:00",
		"２026-01-01",		/* fullwidth digit two */
	};
	size_t i;
	int day;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		day = 777;
		assert_int_equal(parse_str(bad[i], &day), DATE_SYNTAX);
		assert_int_equal(day, 777);	/* not written on error */
	}
}

static void
torture_date_parse_month(void **state)
{
	int day;

	(void)state;
	assert_int_equal(parse_str("2026-00-10", &day), DATE_MONTH);
	assert_int_equal(parse_str("2026-13-01", &day), DATE_MONTH);
	assert_int_equal(parse_str("2026-99-01", &day), DATE_MONTH);
	assert_int_equal(parse_str("2026-12-01", &day), DATE_OK);
	assert_int_equal(parse_str("2026-01-01", &day), DATE_OK);
}

static void
torture_date_parse_day(void **state)
{
	int day;

	(void)state;
	assert_int_equal(parse_str("2026-02-29", &day), DATE_DAY);
	assert_int_equal(parse_str("1900-02-29", &day), DATE_DAY);
	assert_int_equal(parse_str("2100-02-29", &day), DATE_DAY);
	assert_int_equal(parse_str("2024-02-30", &day), DATE_DAY);
	assert_int_equal(parse_str("2026-04-31", &day), DATE_DAY);
	assert_int_equal(parse_str("2026-06-31", &day), DATE_DAY);
	assert_int_equal(parse_str("2026-09-31", &day), DATE_DAY);
	assert_int_equal(parse_str("2026-11-31", &day), DATE_DAY);
	assert_int_equal(parse_str("2026-01-32", &day), DATE_DAY);
	assert_int_equal(parse_str("2026-01-00", &day), DATE_DAY);
	assert_int_equal(parse_str("2026-01-99", &day), DATE_DAY);
	/* The last real day of each of those months is fine. */
	assert_int_equal(parse_str("2026-02-28", &day), DATE_OK);
	assert_int_equal(parse_str("2024-02-29", &day), DATE_OK);
	assert_int_equal(parse_str("2026-01-31", &day), DATE_OK);
	assert_int_equal(parse_str("2026-03-31", &day), DATE_OK);
}

static void
torture_date_parse_year(void **state)
{
	int day;

	(void)state;
	assert_int_equal(parse_str("1899-12-31", &day), DATE_YEAR);
	assert_int_equal(parse_str("2201-01-01", &day), DATE_YEAR);
	assert_int_equal(parse_str("0000-01-01", &day), DATE_YEAR);
	assert_int_equal(parse_str("9999-12-31", &day), DATE_YEAR);
	/* The year is checked before month and day. */
	assert_int_equal(parse_str("1899-13-01", &day), DATE_YEAR);
	assert_int_equal(parse_str("2201-02-30", &day), DATE_YEAR);
	/* The month before the day. */
	assert_int_equal(parse_str("2026-13-32", &day), DATE_MONTH);
}

/* The length is explicit: bytes past it are never looked at. */
static void
torture_date_parse_explicit_length(void **state)
{
	int day;

	(void)state;
	/* An embedded NUL inside the ten bytes. */
	assert_int_equal(date_parse("2026-01\0" "01", 10, &day), DATE_SYNTAX);
	assert_int_equal(date_parse("2026-01-0\0", 10, &day), DATE_SYNTAX);
	assert_int_equal(date_parse("\0" "026-01-01", 10, &day), DATE_SYNTAX);
	/* A NUL after a valid date but counted in the length. */
	assert_int_equal(date_parse("2026-01-01\0", 11, &day), DATE_SYNTAX);
	/* Trailing bytes outside the length are ignored. */
	day = -1;
	assert_int_equal(date_parse("2026-01-01x", 10, &day), DATE_OK);
	assert_int_equal(day, date_from_ymd(2026, 1, 1));
	assert_int_equal(date_parse("2026-01-01x", 11, &day), DATE_SYNTAX);
	/* Too short. */
	assert_int_equal(date_parse("2026-01-01", 9, &day), DATE_SYNTAX);
	assert_int_equal(date_parse("2026-01-01", 0, &day), DATE_SYNTAX);
}

/* A buffer with no terminator: valgrind reports any read past it. */
static void
torture_date_parse_unterminated(void **state)
{
	char *p;
	int day;

	(void)state;
	p = malloc(DATE_LEN);
	assert_non_null(p);
	memcpy(p, "2026-11-27", DATE_LEN);
	day = -1;
	assert_int_equal(date_parse(p, DATE_LEN, &day), DATE_OK);
	assert_int_equal(day, 20784);
	assert_int_equal(date_parse(p, 4, &day), DATE_SYNTAX);
	free(p);
}

/* Each character of HH:MM checked against its own range. */
struct time_case {
	const char	*text;
	int		 minutes;	/* -1: refused */
};

static const struct time_case time_cases[] = {
	{ "/0:00", -1 }, { "30:00", -1 }, { "0/:00", -1 }, { "0a:00", -1 },
	{ "00:/0", -1 }, { "00:0/", -1 }, { "00:0a", -1 }, { "00-00", -1 },
	{ "000:00", -1 }, { "", -1 }, { "0::00", -1 }, { "::::0", -1 },
	{ "20:00", 20 * 60 }, { "19:09", 19 * 60 + 9 }, { "09:50", 9 * 60 + 50 },
	{ "00:01", 1 },
};

static void
torture_date_time_cases(void **state)
{
	char buf[6];
	size_t i;
	int m, rc;

	(void)state;
	for (i = 0; i < sizeof(time_cases) / sizeof(*time_cases); i++) {
		m = -2;
		rc = date_time_parse(time_cases[i].text,
		    strlen(time_cases[i].text), &m);
		if (time_cases[i].minutes < 0) {
			if (rc != -1 || m != -2)
				fail_msg("case %zu ('%s') parsed", i,
				    time_cases[i].text);
			continue;
		}
		if (rc != 0 || m != time_cases[i].minutes)
			fail_msg("case %zu ('%s'): rc %d, %d minutes", i,
			    time_cases[i].text, rc, m);
		date_time_format(m, buf);
		assert_string_equal(buf, time_cases[i].text);
	}
}

static void
torture_date_time_parse(void **state)
{
	char buf[6];
	int m;

	(void)state;
	assert_int_equal(date_time_parse("00:00", 5, &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(date_time_parse("23:59", 5, &m), 0);
	assert_int_equal(m, 23 * 60 + 59);
	assert_int_equal(date_time_parse("24:00", 5, &m), -1);
	assert_int_equal(date_time_parse("12:60", 5, &m), -1);
	assert_int_equal(date_time_parse("9:30", 4, &m), -1);
	assert_int_equal(date_time_parse("09.30", 5, &m), -1);
	date_time_format(9 * 60 + 5, buf);
	assert_string_equal(buf, "09:05");
}

/* CSV and JSON weekdays: English three-letter names, Monday first. */
static void
torture_date_weekday_abbr(void **state)
{
	static const char *const want[7] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
	};
	int i, monday;

	(void)state;
	monday = date_from_ymd(2026, 11, 30);
	for (i = 0; i < 14; i++)
		assert_string_equal(date_weekday_abbr(monday + i), want[i % 7]);
	/* 1970-01-01, day 0, was a Thursday; days before it too. */
	assert_string_equal(date_weekday_abbr(0), "Thu");
	assert_string_equal(date_weekday_abbr(-1), "Wed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_date_from_ymd_epoch),
		cmocka_unit_test(torture_date_from_ymd_anchors),
		cmocka_unit_test(torture_date_to_ymd_anchors),
		cmocka_unit_test(torture_date_weekday_anchors),
		cmocka_unit_test(torture_date_is_leap_rules),
		cmocka_unit_test(torture_date_month_days_all),
		cmocka_unit_test(torture_date_from_ymd_month_ends),
		cmocka_unit_test(torture_date_from_ymd_year_ends),
		cmocka_unit_test(torture_date_to_ymd_round_trip),
		cmocka_unit_test(torture_date_weekday_cycle),
		cmocka_unit_test(torture_date_from_ymd_independent_oracle),
		cmocka_unit_test(torture_date_format_values),
		cmocka_unit_test(torture_date_format_parse_round_trip),
		cmocka_unit_test(torture_date_parse_ok),
		cmocka_unit_test(torture_date_parse_syntax),
		cmocka_unit_test(torture_date_parse_month),
		cmocka_unit_test(torture_date_parse_day),
		cmocka_unit_test(torture_date_parse_year),
		cmocka_unit_test(torture_date_parse_explicit_length),
		cmocka_unit_test(torture_date_parse_unterminated),
		cmocka_unit_test(torture_date_time_parse),
		cmocka_unit_test(torture_date_time_cases),
		cmocka_unit_test(torture_date_weekday_abbr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
