#ifndef PROLO_BOOK_CSV_H
#define PROLO_BOOK_CSV_H

#include <stddef.h>

struct book;
struct diag;

/*
 * A clinic's book in CSV (RFC 4180): a header naming at least a date
 * and a time column, as prolo plan -f csv writes them, so that a run's
 * output is the next run's book; other columns are ignored.  Each row
 * is an appointment of the clinic's visit length at that date and time.
 * Returns 0, or -1 with d filled at the offending place.  Rows with no
 * time fill no slot: warn is then filled with how many and the first.
 */
int	book_csv_read(struct book *, const char *, const char *, size_t,
	    struct diag *, struct diag *);

#endif
