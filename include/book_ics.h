#ifndef PROLO_BOOK_ICS_H
#define PROLO_BOOK_ICS_H

#include <stddef.h>

struct book;
struct clinic;
struct diag;

/*
 * Reads an iCalendar file (RFC 5545) of the clinic's appointments, the
 * len bytes of buf, into the book: every VEVENT that is neither
 * cancelled nor transparent, its repetitions (RRULE, RDATE, less
 * EXDATE and the occurrences another VEVENT with RECURRENCE-ID
 * replaces) within book_first() .. book_horizon(), and the busy periods
 * of every VFREEBUSY.  Times in UTC or with a TZID are converted to the
 * clinic's timezone (c may be NULL: then only floating times and dates
 * can be read).  Returns 0, or -1 with d set to the first error, at its
 * line of file; the book may then hold part of the file.
 *
 * libical's caches (its time zones, its ring of buffers, ICU's
 * calendars) are emptied before it returns, and its per-thread state
 * ends with the thread the read runs in: nothing of a read is left for
 * the next one, and the caller has nothing to clean up.
 */
int	book_ics_read(struct book *, const char *, const char *, size_t,
	    const struct clinic *, struct diag *);

#endif
