#ifndef PROLO_DATE_H
#define PROLO_DATE_H

#include <stddef.h>

/*
 * Civil dates in the proleptic Gregorian calendar, held as day numbers:
 * the count of days since 1970-01-01.  Differences and offsets are then
 * plain integer arithmetic, with no time zones and no struct tm.
 */

#define DATE_MIN_YEAR	1900	/* dates read from files must lie in */
#define DATE_MAX_YEAR	2200	/* these years, inclusive */
#define DATE_LEN	10	/* strlen("YYYY-MM-DD") */
#define TIME_LEN	5	/* strlen("HH:MM") */
#define TIME_NONE	(-1)	/* a visit with no appointment time */

/* Days from..to, both included. */
struct date_range {
	int	from;
	int	to;
};

enum date_error {
	DATE_OK,
	DATE_SYNTAX,		/* not YYYY-MM-DD */
	DATE_YEAR,		/* year outside DATE_MIN_YEAR..DATE_MAX_YEAR */
	DATE_MONTH,		/* month not 01..12 */
	DATE_DAY		/* day does not exist in that month */
};

int		 date_from_ymd(int, int, int);
void		 date_to_ymd(int, int *, int *, int *);
int		 date_is_leap(int);
int		 date_month_days(int, int);
int		 date_weekday(int);	/* 0 = Monday ... 6 = Sunday */
const char	*date_weekday_abbr(int);	/* "Mon" ... "Sun" */
enum date_error	 date_parse(const char *, size_t, int *);
void		 date_format(int, char [static DATE_LEN + 1]);

/* Times of day, as minutes after midnight. */
int		 date_time_parse(const char *, size_t, int *);
void		 date_time_format(int, char [static TIME_LEN + 1]);

#endif
