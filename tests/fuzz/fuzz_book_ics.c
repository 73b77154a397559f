/*
 * libFuzzer harness: the iCalendar reader of the clinic's book.  The
 * input is read as a book for a clinic with slots in New York and for
 * no clinic at all, and each book is then asked for room; any input
 * must fill the book or give a diagnostic with a place, never a crash,
 * a leak or a hang.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "book_ics.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct clinic *clinic;

static struct clinic *
clinic_make(void)
{
	static const int slots[] = { 9 * 60, 10 * 60, 14 * 60 };
	struct clinic *c = clinic_default();

	c->path = xstrdup("clinic.yaml");
	c->timezone = xstrdup("America/New_York");
	c->at_timezone.line = 1;
	c->at_timezone.col = 11;
	c->slots = xmalloc(sizeof(slots));
	memcpy(c->slots, slots, sizeof(slots));
	c->nslots = sizeof(slots) / sizeof(slots[0]);
	return c;
}

static void
read_one(const char *buf, size_t size, const struct clinic *c)
{
	struct diag d = { 0 };
	struct book *b;
	int day, today = date_from_ymd(2026, 3, 2);

	b = book_new(c, today);
	if (book_ics_read(b, "fuzz.ics", buf, size, c, &d) != 0) {
		/* Every error names its file and a line. */
		if (d.file == NULL || d.line < 1 || d.col < 1 || d.msg[0] ==
		    '\0')
			abort();
	}
	for (day = today; day < today + 60; day += 7)
		(void)book_slot(b, day, -1, 0);
	book_free(b);
	diag_release(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (clinic == NULL)
		clinic = clinic_make();
	read_one((const char *)data, size, clinic);
	read_one((const char *)data, size, NULL);
	return 0;
}
