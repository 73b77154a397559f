/*
 * libFuzzer harness: the clinic's book in CSV.  Any input must fill the
 * book or give a diagnostic with a place, never a crash, a leak or a
 * hang; and a book it fills must answer the planner's questions.  The
 * clinic has slots and capacity 1, so appointments land on slots too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "book.h"
#include "book_csv.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const int slots[] = { 8 * 60 + 30, 9 * 60 + 15, 13 * 60 + 30 };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { 0 }, warn = { 0 };
	struct clinic *c;
	struct book *b;
	size_t n;
	int *full, today;

	today = date_from_ymd(2026, 11, 27);
	c = clinic_default();
	c->slots = (int *)slots;
	c->nslots = sizeof(slots) / sizeof(slots[0]);
	b = book_new(c, today);
	if (book_csv_read(b, "book.csv", (const char *)data, size, &d,
	    &warn) != 0) {
		/* Every error names its file and a line. */
		if (d.file == NULL || d.line < 1 || d.col < 1)
			abort();
	} else {
		full = book_full_days(b, today, book_horizon(b), TIME_NONE, 0,
		    &n);
		while (n-- > 0)
			if (book_slot(b, full[n], TIME_NONE, 0) != TIME_NONE)
				abort();
		free(full);
	}
	diag_release(&d);
	diag_release(&warn);
	book_free(b);
	c->slots = NULL;
	c->nslots = 0;
	clinic_free(c);
	return 0;
}
