#ifndef PROLO_BOOK_H
#define PROLO_BOOK_H

#include <stddef.h>

struct clinic;

/*
 * The clinic's appointment book: what is already taken, day by day, in
 * the clinic's own local time.  It holds the appointments read from
 * --book files (book_csv.c, book_ics.c) and the visits of the patients
 * planned earlier in the same run, so that a later patient never gets a
 * slot that is already full.
 *
 * A slot is one of the clinic's appointment times and lasts its
 * visit_minutes; an appointment occupies every slot its time range
 * overlaps, and a slot is full when capacity appointments occupy it.  A
 * clinic that lists no slots has no fixed times: a patient's own time
 * is then the slot asked about, and a visit with no time is free on a
 * day whose open hours still have room somewhere.  A whole-day block
 * (an all-day event) fills every slot of its day.
 *
 * Days are day numbers (date.h), minutes are after local midnight.
 * Days before the book's first day (today, given to book_new()) can
 * never be planned and are not kept.  The book is opaque: readers add
 * to it, the planner asks it questions.
 */

struct book;

#define BOOK_HORIZON	(3 * 365 + 1)	/* days after today that
					   recurring events are laid out
					   for: see book_horizon() */

struct book	*book_new(const struct clinic *, int);
void		 book_free(struct book *);

/* The book was given with --book: every planned visit then gets a time. */
void		 book_set_given(struct book *);
int		 book_given(const struct book *);
int		 book_first(const struct book *);	/* today */
int		 book_horizon(const struct book *);	/* last day read */

/*
 * An appointment from minute from of day0 to minute to of day1, split
 * at each midnight; an instant (the same day and minute) occupies the
 * slot it falls in.  Days before the first day are dropped.
 */
void		 book_add(struct book *, int, int, int, int);
void		 book_add_day(struct book *, int);	/* the whole day */
void		 book_add_visit(struct book *, int, int);	/* day, time:
							   one visit long */

/*
 * The first time on a day with room for a visit, or TIME_NONE.  want
 * >= 0 asks for that time only; else periods (1 morning, 2 afternoon,
 * 0 either) narrow the clinic's slots.  A clinic with no slots gives
 * want itself when it has room, and for want < 0 the earliest minute
 * from which a visit fits in the open hours with room: a day that is
 * free, not a time to print.
 */
int		 book_slot(const struct book *, int, int, unsigned);

/*
 * The days from..to on which book_slot() finds no room, ascending, in
 * a new array the caller frees (NULL when there are none), and how many
 * in *n.  Only the days the book holds anything on are looked at.
 */
int		*book_full_days(const struct book *, int, int, int, unsigned,
		    size_t *);

/* Appointments overlapping minutes from..to of a day (an instant: at). */
int		 book_taken(const struct book *, int, int, int);
int		 book_whole(const struct book *, int);	/* blocked all day */

#endif
