#include "date.h"

/*
 * The conversions follow Howard Hinnant's days_from_civil and
 * civil_from_days: shift the year to start in March so the leap day
 * falls last, then count 400-year eras of 146097 days.
 */
int
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(int day, int *yp, int *mp, int *dp)
{
	int z, era, doe, yoe, y, doy, mp5, m;

	z = day + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp5 = (5 * doy + 2) / 153;
	m = mp5 + (mp5 < 10 ? 3 : -9);
	*yp = y + (m <= 2);
	*mp = m;
	*dp = doy - (153 * mp5 + 2) / 5 + 1;
}

int
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_month_days(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	return days[m - 1] + (m == 2 && date_is_leap(y));
}

/* 1970-01-01, day 0, was a Thursday (3 counting from Monday as 0). */
int
date_weekday(int day)
{
	int w;

	w = (day + 3) % 7;
	return w < 0 ? w + 7 : w;
}

/* A day's weekday as CSV and JSON write it: English, whatever the handout's. */
const char *
date_weekday_abbr(int day)
{
	static const char *const abbr[7] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
	};

	return abbr[date_weekday(day)];
}

static int
digits(const char *s, size_t n, int *out)
{
	size_t i;
	int v;

	v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Reads exactly YYYY-MM-DD, all of it, and checks the date exists. */
enum date_error
date_parse(const char *s, size_t len, int *day)
{
	int y, m, d;

	if (len != DATE_LEN || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return DATE_SYNTAX;
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return DATE_YEAR;
	if (m < 1 || m > 12)
		return DATE_MONTH;
	if (d < 1 || d > date_month_days(y, m))
		return DATE_DAY;
	*day = date_from_ymd(y, m, d);
	return DATE_OK;
}

void
date_format(int day, char buf[static DATE_LEN + 1])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

/* "HH:MM", 24-hour, exactly five characters; returns 0 or -1. */
int
date_time_parse(const char *s, size_t len, int *minutes)
{
	int h, m;

	if (len != TIME_LEN || s[2] != ':' || digits(s, 2, &h) ||
	    digits(s + 3, 2, &m) || h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

void
date_time_format(int minutes, char buf[static TIME_LEN + 1])
{
	buf[0] = (char)('0' + minutes / 600);
	buf[1] = (char)('0' + minutes / 60 % 10);
	buf[2] = ':';
	buf[3] = (char)('0' + minutes % 60 / 10);
	buf[4] = (char)('0' + minutes % 10);
	buf[5] = '\0';
}
