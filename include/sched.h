#ifndef PROLO_SCHED_H
#define PROLO_SCHED_H

#include <stddef.h>

struct date_range;

/*
 * The scheduler: a pure function from rules to dates.  It does no I/O,
 * reads no clock and keeps no state; every date is a day number (see
 * date.h).  The rules and the order of preference are those of the
 * README's "Scheduling rules"; the plan they define is unique.  Booked
 * visits and restarts add to them:
 *
 * - A planned visit falls on an allowed day on or after start; a booked
 *   one stays where it is.  Consecutive future visits are ival_min ..
 *   ival_max days apart unless both are booked, and so is the first
 *   from the last given one, with history and no lapse, unless it is
 *   booked.
 * - Every future visit falls within max_course_days of the course's
 *   first visit: history[0], or the first future visit with no history
 *   or after a lapse with restart.
 * - A planned first visit is sought in the interval window after the
 *   last given one (history, no lapse), else from start for
 *   search_days; a booked first visit needs no seeking.
 * - The intervals that count towards the cost are those between future
 *   visits, booked ones included, and the one from the last given visit
 *   (history, no lapse).
 * - After history, the course lapses when its earliest next visit is
 *   past the interval window, or when no plan fits without a lapse and
 *   the first booked visit is past that window: the booking makes the
 *   lapse, and no visit to come is then within ival_max of the last.
 */

#define SCHED_SEARCH_DAYS	365	/* how far past its earliest date
					   the first visit is sought */

/*
 * The question.  Future visits are the visits still to come: the booked
 * ones, already in the clinic's book and kept exactly, and the planned
 * ones, which the scheduler places around them.
 */
struct sched_in {
	int			 start;		/* earliest planned visit */
	unsigned		 weekdays;	/* bit 0 = Monday */
	const struct date_range	*closed;	/* days the patient cannot come */
	size_t			 nclosed;
	const int		*history;	/* visits given, ascending; */
	size_t			 nhistory;	/* missed ones left out */
	const int		*booked;	/* future visits already booked, */
	size_t			 nbooked;	/* strictly ascending, after
						   history; visits >= nbooked */
	int			 visits;	/* future visits, booked included */
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
				   next visit's interval window, and
				   nothing booked */
	SCHED_NO_DAY,		/* no allowed day in the search window,
				   and nothing booked */
	SCHED_NO_CHAIN,		/* no sequence of visits on allowed days */
	SCHED_TOO_LONG,		/* sequences exist, none fits the course;
				   or a booked visit falls after the
				   latest end the course can have */
	SCHED_STOPPED		/* set by plan_make_at, never by sched_find:
				   a clinical rule stops the course */
};

/* What the search found, for messages and warnings. */
struct sched_out {
	int	lapsed;		/* with history: the next visit is past
				   last visit + ival_max (see above) */
	int	first_from;	/* days a planned first visit was sought */
	int	first_to;	/* in */
	int	course_end;	/* latest last visit when history fixes it
				   (no lapse, or a lapse without restart);
				   else 0 */
};

/*
 * Fills dates[0 .. in->visits - 1] with every future visit in date
 * order, the booked ones at their dates, and returns SCHED_OK, or
 * returns why no plan exists.  A booked visit is kept even on a day the
 * patient cannot come, and its interval from another fixed visit (given
 * or booked) even out of bounds: the caller warns of both.
 */
enum sched_status	sched_find(const struct sched_in *, int *,
			    struct sched_out *);

#endif
