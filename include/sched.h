#ifndef PROLO_SCHED_H
#define PROLO_SCHED_H

#include <stddef.h>

struct date_range;

/*
 * The scheduler: a pure function from rules to dates.  It does no I/O,
 * reads no clock and keeps no state; every date is a day number (see
 * date.h).  The rules and the order of preference are those of the
 * README's "Scheduling rules"; the plan they define is unique.
 */

#define SCHED_SEARCH_DAYS	365	/* how far past its earliest date
					   the first visit is sought */

struct sched_in {
	int			 start;		/* earliest next visit */
	unsigned		 weekdays;	/* bit 0 = Monday */
	const struct date_range	*closed;	/* days the patient cannot come */
	size_t			 nclosed;
	const int		*history;	/* visits given, ascending */
	size_t			 nhistory;
	int			 visits;	/* visits to plan */
	int			 ival_min;
	int			 ival_max;
	int			 ival_pref;
	int			 max_course_days;
	int			 restart;	/* after a lapse, the course
						   counts from its next visit */
	int			 search_days;	/* SCHED_SEARCH_DAYS */
};

enum sched_status {
	SCHED_OK,
	SCHED_NO_WINDOW,	/* after history: no allowed day in the
				   next visit's interval window */
	SCHED_NO_DAY,		/* no allowed day in the search window */
	SCHED_NO_CHAIN,		/* no sequence of visits on allowed days */
	SCHED_TOO_LONG,		/* sequences exist, none fits the course */
	SCHED_STOPPED		/* set by plan_make_at, never by sched_find:
				   a clinical rule stops the course */
};

/* What the search found, for messages and warnings. */
struct sched_out {
	int	lapsed;		/* start is past last visit + ival_max */
	int	first_from;	/* days the first visit was sought in */
	int	first_to;
	int	course_end;	/* latest last visit when history fixes it
				   (no lapse, or a lapse without restart);
				   else 0 */
};

/*
 * Fills dates[0 .. in->visits - 1] with the plan and returns SCHED_OK,
 * or returns why no plan exists.
 */
enum sched_status	sched_find(const struct sched_in *, int *,
			    struct sched_out *);

#endif
