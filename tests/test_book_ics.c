#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "book_ics.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "fixture.h"
#include "xalloc.h"

/*
 * The iCalendar reader of the clinic's book, from strings: what each
 * kind of event takes in the book (checked slot by slot, in the
 * clinic's time), and every error of laying it out at its line; the
 * errors of reading the file itself are test_ics's.  Today is Monday
 * 2 March 2026; New York's clocks go forward on 8 March and back on
 * 1 November 2026.
 */

#define D(y, m, d)	date_from_ymd(y, m, d)
#define T(h, m)		((h) * 60 + (m))
#define TODAY		D(2026, 3, 2)

#define HEAD	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//prolo//test//EN\r\n"
#define TAIL	"END:VCALENDAR\r\n"

/* Hourly slots from 9:00 to 16:00, one room, in New York unless tz. */
static struct clinic *
clinic_make(const char *tz)
{
	static const int slots[] = {
		T(9, 0), T(10, 0), T(11, 0), T(12, 0), T(14, 0), T(15, 0),
		T(16, 0)
	};
	struct clinic *c = clinic_default();

	c->path = xstrdup("clinic.yaml");
	c->timezone = tz != NULL ? xstrdup(tz) : NULL;
	c->at_timezone.line = 3;
	c->at_timezone.col = 11;
	c->nslots = sizeof(slots) / sizeof(slots[0]);
	c->slots = xmalloc(sizeof(slots));
	memcpy(c->slots, slots, sizeof(slots));
	c->visit_minutes = 60;
	return c;
}

struct ctx {
	struct clinic	*clinic;
	struct book	*book;
	struct diag	 diag;
};

static int
setup(void **state)
{
	struct ctx *x = xcalloc(1, sizeof(*x));

	x->clinic = clinic_make("America/New_York");
	x->book = book_new(x->clinic, TODAY);
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *x = *state;

	book_free(x->book);
	clinic_free(x->clinic);
	diag_release(&x->diag);
	free(x);
	return 0;
}

static void
read_ok(struct ctx *x, const char *ics)
{
	if (book_ics_read(x->book, "book.ics", ics, strlen(ics), x->clinic,
	    &x->diag) != 0)
		fail_msg("%s:%d:%d: %s", x->diag.file, x->diag.line,
		    x->diag.col, x->diag.msg);
}

/* The error a text gives: its line, and words of its message. */
static void
read_bad(struct ctx *x, const char *ics, size_t len, int line,
    const char *words)
{
	fixture_error_at(&x->diag, book_ics_read(x->book, "book.ics", ics, len,
	    x->clinic, &x->diag) != 0, line, words);
}

#define READ_BAD(x, ics, line, words) \
	read_bad(x, ics, sizeof(ics) - 1, line, words)

/* Whether the clinic's slot at time t of a day is taken. */
static int
taken(const struct ctx *x, int day, int t)
{
	return book_taken(x->book, day, t, t + 60);
}

static void
torture_book_ics_single(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "UID:one@clinic\r\n"
	    "SUMMARY:Follow-up\r\n"
	    "DESCRIPTION:\r\n"
	    "X-UNKNOWN;X-P=1:whatever\r\n"
	    "COLOR:red\r\n"
	    "DTSTART:20260303T100000\r\n"
	    "DTEND:20260303T110000\r\n"
	    "BEGIN:VALARM\r\n"
	    "TRIGGER:-PT15M\r\n"
	    "ACTION:DISPLAY\r\n"
	    "END:VALARM\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 3), T(9, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 3), T(11, 0)), 0);
	assert_int_equal(book_slot(x->book, D(2026, 3, 3), T(10, 0), 0),
	    TIME_NONE);
	assert_int_equal(book_slot(x->book, D(2026, 3, 3), -1, 0), T(9, 0));
	assert_false(book_whole(x->book, D(2026, 3, 3)));
}

/* LF alone ends lines too, and folding joins them (RFC 5545 3.1). */
static void
torture_book_ics_folding(void **state)
{
	struct ctx *x = *state;

	read_ok(x, "BEGIN:VCALENDAR\n"
	    "BEGIN:VEVENT\n"
	    "DTSTART:2026030\n"
	    " 3T14\n"
	    "\t0000\n"
	    "DURATION:PT1H\n"
	    "SUMMARY:Caf\xc3\n"
	    " \xa9 split by a fold\n"
	    "END:VEVENT\n"
	    "END:VCALENDAR");
	assert_int_equal(taken(x, D(2026, 3, 3), T(14, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 3), T(15, 0)), 0);
}

static void
torture_book_ics_weekly_exdate_cancelled(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "UID:weekly@clinic\r\n"
	    "DTSTART:20260303T100000\r\n"
	    "DTEND:20260303T110000\r\n"
	    "RRULE:FREQ=WEEKLY;BYDAY=TU\r\n"
	    "EXDATE:20260310T100000,20260324T100000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:gone@clinic\r\n"
	    "STATUS:CANCELLED\r\n"
	    "DTSTART:20260304T100000\r\n"
	    "DTEND:20260304T110000\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 10), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 17), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 24), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 31), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 4), T(10, 0)), 0);
	/* Only Tuesdays, and to the end of the book. */
	assert_int_equal(taken(x, D(2026, 3, 11), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2028, 3, 7), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2029, 2, 27), T(10, 0)), 1);
	assert_true(book_horizon(x->book) < D(2029, 3, 6));
}

static void
torture_book_ics_count_until(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260303T090000\r\n"
	    "DURATION:PT1H\r\n"
	    "RRULE:FREQ=DAILY;COUNT=3\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260303T140000\r\n"
	    "DURATION:PT1H\r\n"
	    "RRULE:FREQ=DAILY;UNTIL=20260305T235959\r\n"
	    "END:VEVENT\r\n"
	    /* COUNT counts from DTSTART, before today too. */
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260225T160000\r\n"
	    "DURATION:PT1H\r\n"
	    "RRULE:FREQ=DAILY;COUNT=10\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 3), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 5), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 6), T(9, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 5), T(14, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 6), T(14, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 2), T(16, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 6), T(16, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 7), T(16, 0)), 0);
}

static void
torture_book_ics_rdate(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260319T140000\r\n"
	    "DTEND:20260319T150000\r\n"
	    "RDATE:20260320T140000,20260321T150000\r\n"
	    "RDATE;VALUE=PERIOD:20260322T090000/PT2H\r\n"
	    "RDATE:20260323T140000\r\n"
	    "EXDATE:20260323T140000\r\n"
	    /* Given twice, it is one appointment. */
	    "RDATE:20260319T140000\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 19), T(14, 0)), 1);
	assert_int_equal(book_taken(x->book, D(2026, 3, 19), T(14, 0),
	    T(14, 1)), 1);
	assert_int_equal(taken(x, D(2026, 3, 20), T(14, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 21), T(15, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 21), T(14, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 22), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 22), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 22), T(11, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 23), T(14, 0)), 0);
}

/* An override replaces its occurrence, wherever it stands in the file. */
static void
torture_book_ics_overrides(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "UID:series@clinic\r\n"
	    "RECURRENCE-ID:20260317T100000\r\n"
	    "DTSTART:20260318T150000\r\n"
	    "DTEND:20260318T160000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:series@clinic\r\n"
	    "DTSTART:20260303T100000\r\n"
	    "DTEND:20260303T110000\r\n"
	    "RRULE:FREQ=WEEKLY\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:series@clinic\r\n"
	    "RECURRENCE-ID:20260310T100000\r\n"
	    "STATUS:CANCELLED\r\n"
	    "DTSTART:20260310T100000\r\n"
	    "DTEND:20260310T110000\r\n"
	    "END:VEVENT\r\n"
	    /* Another series' override touches nothing of this one. */
	    "BEGIN:VEVENT\r\n"
	    "UID:other@clinic\r\n"
	    "RECURRENCE-ID:20260324T100000\r\n"
	    "STATUS:CANCELLED\r\n"
	    "DTSTART:20260324T100000\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 10), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 17), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 18), T(15, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 24), T(10, 0)), 1);
}

static void
torture_book_ics_transparent(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "TRANSP:TRANSPARENT\r\n"
	    "DTSTART:20260303T100000\r\n"
	    "DTEND:20260303T110000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "TRANSP:OPAQUE\r\n"
	    "STATUS:CONFIRMED\r\n"
	    "DTSTART:20260303T110000\r\n"
	    "DTEND:20260303T120000\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 3), T(11, 0)), 1);
}

static void
torture_book_ics_freebusy(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VFREEBUSY\r\n"
	    "DTSTART:20260301T000000Z\r\n"
	    "DTEND:20260401T000000Z\r\n"
	    "FREEBUSY;FBTYPE=FREE:20260303T140000Z/20260303T150000Z\r\n"
	    "FREEBUSY:20260303T150000Z/PT1H,20260304T150000Z/PT1H\r\n"
	    "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260305T190000Z/20260305T200000Z\r\n"
	    "END:VFREEBUSY\r\n"
	    TAIL);
	/* 15:00Z is 10:00 in New York in winter. */
	assert_int_equal(taken(x, D(2026, 3, 3), T(9, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 4), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 5), T(14, 0)), 1);
	/* Its DTSTART and DTEND say what it covers, not what is busy. */
	assert_int_equal(taken(x, D(2026, 3, 6), T(10, 0)), 0);
	/* A period of dates (not RFC 5545's, but libical reads it): its days. */
	read_ok(x, HEAD
	    "BEGIN:VFREEBUSY\r\n"
	    "FREEBUSY:20260309/P1D\r\n"
	    "END:VFREEBUSY\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 9), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 9), T(16, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 10), T(9, 0)), 0);
}

static void
torture_book_ics_all_day(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20260304\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20260310\r\n"
	    "DTEND;VALUE=DATE:20260313\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20260320\r\n"
	    "DURATION:P2D\r\n"
	    "END:VEVENT\r\n"
	    /* From before today: what is left of it counts. */
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20260226\r\n"
	    "DTEND;VALUE=DATE:20260303\r\n"
	    "END:VEVENT\r\n"
	    /* A yearly all-day event. */
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20201225\r\n"
	    "RRULE:FREQ=YEARLY\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_true(book_whole(x->book, D(2026, 3, 2)));
	assert_false(book_whole(x->book, D(2026, 3, 3)));
	assert_false(book_whole(x->book, D(2026, 3, 3)));
	assert_true(book_whole(x->book, D(2026, 3, 4)));
	assert_false(book_whole(x->book, D(2026, 3, 5)));
	assert_int_equal(book_slot(x->book, D(2026, 3, 4), -1, 0), TIME_NONE);
	assert_false(book_whole(x->book, D(2026, 3, 9)));
	assert_true(book_whole(x->book, D(2026, 3, 10)));
	assert_true(book_whole(x->book, D(2026, 3, 12)));
	assert_false(book_whole(x->book, D(2026, 3, 13)));
	assert_true(book_whole(x->book, D(2026, 3, 21)));
	assert_false(book_whole(x->book, D(2026, 3, 22)));
	assert_true(book_whole(x->book, D(2026, 12, 25)));
	assert_true(book_whole(x->book, D(2028, 12, 25)));
	assert_false(book_whole(x->book, D(2026, 12, 26)));
}

/* New York: 5 hours behind UTC until 8 March, then 4, then 5 again. */
static void
torture_book_ics_zones_dst(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260306T150000Z\r\n"
	    "DTEND:20260306T160000Z\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=2\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;TZID=America/New_York:20260305T090000\r\n"
	    "DTEND;TZID=America/New_York:20260305T100000\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=2\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;TZID=Europe/Madrid:20260320T200000\r\n"
	    "DURATION:PT1H\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20261030T140000Z\r\n"
	    "DURATION:PT1H\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=2\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	/* A time in UTC stays there: an hour later here after the change. */
	assert_int_equal(taken(x, D(2026, 3, 6), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 13), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 13), T(11, 0)), 1);
	/* A time in New York keeps its clock. */
	assert_int_equal(taken(x, D(2026, 3, 5), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 12), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 12), T(10, 0)), 0);
	/* Madrid is still on winter time, New York not: 5 hours apart. */
	assert_int_equal(taken(x, D(2026, 3, 20), T(15, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 20), T(14, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 20), T(16, 0)), 0);
	/* And back in November. */
	assert_int_equal(taken(x, D(2026, 10, 30), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 11, 6), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 11, 6), T(10, 0)), 0);
}

/* A VTIMEZONE of the file's own, given after the events that use it. */
static void
torture_book_ics_vtimezone(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;TZID=\"Clinic Standard\":20260310T090000\r\n"
	    "DURATION:PT1H\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VTIMEZONE\r\n"
	    "TZID:Clinic Standard\r\n"
	    "X-LIC-LOCATION:Nowhere\r\n"
	    "BEGIN:STANDARD\r\n"
	    "DTSTART:16010101T000000\r\n"
	    "TZOFFSETFROM:-0500\r\n"
	    "TZOFFSETTO:-0500\r\n"
	    "TZNAME:\r\n"
	    "END:STANDARD\r\n"
	    "END:VTIMEZONE\r\n"
	    TAIL);
	/* 9:00 at -05:00 is 14:00Z, 10:00 in New York's summer time. */
	assert_int_equal(taken(x, D(2026, 3, 10), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 10), T(9, 0)), 0);
}

static void
torture_book_ics_exdate_zones(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;TZID=America/New_York:20260303T100000\r\n"
	    "DTEND;TZID=America/New_York:20260303T110000\r\n"
	    "RRULE:FREQ=WEEKLY\r\n"
	    "EXDATE;TZID=America/New_York:20260310T100000\r\n"
	    "EXDATE:20260317T140000Z\r\n"
	    "EXDATE;VALUE=DATE:20260331\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:madrid@clinic\r\n"
	    "DTSTART;TZID=Europe/Madrid:20260304T160000\r\n"
	    "DURATION:PT1H\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=4\r\n"
	    "EXDATE:20260311T150000Z\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:madrid@clinic\r\n"
	    "RECURRENCE-ID:20260318T150000Z\r\n"
	    "STATUS:CANCELLED\r\n"
	    "DTSTART:20260318T150000Z\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 10), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 17), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 24), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 31), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 4, 7), T(10, 0)), 1);
	/* 16:00 in Madrid: 10:00 here, then 11:00 from 8 March. */
	assert_int_equal(taken(x, D(2026, 3, 4), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 11), T(11, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 18), T(11, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 25), T(11, 0)), 1);
}

static void
torture_book_ics_midnight_and_edges(void **state)
{
	struct ctx *x = *state;
	size_t n;
	int *full;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260303T230000\r\n"
	    "DTEND:20260304T013000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260301T230000\r\n"
	    "DTEND:20260302T093000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260227T100000\r\n"
	    "DTEND:20260227T110000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20290305T100000\r\n"
	    "DTEND:20290305T110000\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_int_equal(book_taken(x->book, D(2026, 3, 3), T(23, 0),
	    T(24, 0)), 1);
	assert_int_equal(book_taken(x->book, D(2026, 3, 4), T(0, 0),
	    T(1, 0)), 1);
	assert_int_equal(book_taken(x->book, D(2026, 3, 4), T(1, 30),
	    T(3, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 2), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 2), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 2, 27), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2029, 3, 5), T(10, 0)), 0);
	full = book_full_days(x->book, TODAY, TODAY + 40, T(9, 0), 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(full[0], D(2026, 3, 2));
	free(full);
}

/* DURATION, and an event with neither DTEND nor DURATION: an instant. */
static void
torture_book_ics_duration_instant(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260303T090000\r\n"
	    "DURATION:PT1H30M\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260304T103000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260305T140000\r\n"
	    "DURATION:P1DT1H\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 3), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 3), T(11, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 4), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 4), T(11, 0)), 0);
	assert_int_equal(book_slot(x->book, D(2026, 3, 4), T(10, 0), 0),
	    TIME_NONE);
	assert_int_equal(taken(x, D(2026, 3, 5), T(16, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 6), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 6), T(14, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 6), T(15, 0)), 0);
}

/* Several calendars in one file, and several books one after another. */
static void
torture_book_ics_again(void **state)
{
	struct ctx *x = *state;
	int i;

	for (i = 0; i < 3; i++)
		read_ok(x, HEAD
		    "BEGIN:VEVENT\r\n"
		    "DTSTART;TZID=Asia/Kolkata:20260303T203000\r\n"
		    "DURATION:PT1H\r\n"
		    "END:VEVENT\r\n"
		    TAIL
		    HEAD
		    "BEGIN:VEVENT\r\n"
		    "DTSTART:20260303T150000Z\r\n"
		    "END:VEVENT\r\n"
		    TAIL);
	/* 20:30 in India is 15:00Z, 10:00 here: six appointments at 10. */
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 6);
}

/* A clinic with no timezone reads floating times and dates only. */
static void
torture_book_ics_no_clinic(void **state)
{
	static const char ics[] = HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260303T100000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20260305\r\n"
	    "END:VEVENT\r\n"
	    TAIL;
	static const char utc[] = HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260303T100000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260303T100000Z\r\n"
	    "END:VEVENT\r\n"
	    TAIL;
	static const char tzid[] = HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;TZID=Europe/Paris:20260303T100000\r\n"
	    "END:VEVENT\r\n"
	    TAIL;
	struct diag d = { 0 };
	struct book *b;
	struct clinic *c;

	(void)state;
	b = book_new(NULL, TODAY);
	assert_int_equal(book_ics_read(b, "b.ics", ics, strlen(ics), NULL,
	    &d), 0);
	assert_int_equal(book_taken(b, D(2026, 3, 3), T(10, 0), T(10, 0)), 1);
	assert_true(book_whole(b, D(2026, 3, 5)));
	assert_int_equal(book_ics_read(b, "b.ics", utc, strlen(utc), NULL,
	    &d), -1);
	assert_int_equal(d.line, 8);
	assert_non_null(strstr(d.msg, "'DTSTART' is a time in UTC: set "
	    "'timezone' in the clinic file"));
	c = clinic_make(NULL);
	assert_int_equal(book_ics_read(b, "b.ics", tzid, strlen(tzid), c,
	    &d), -1);
	assert_int_equal(d.line, 5);
	assert_non_null(strstr(d.msg, "time zone 'Europe/Paris'"));
	free(c->timezone);
	c->timezone = xstrdup("Mars/Olympus");
	assert_int_equal(book_ics_read(b, "b.ics", ics, strlen(ics), c, &d),
	    -1);
	assert_string_equal(d.file, "clinic.yaml");
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 11);
	assert_string_equal(d.msg, "unknown time zone 'Mars/Olympus': use a "
	    "name of the IANA time zone database, such as America/New_York");
	free(c->timezone);
	c->timezone = xstrdup("../../../etc/passwd");
	assert_int_equal(book_ics_read(b, "b.ics", ics, strlen(ics), c, &d),
	    -1);
	assert_string_equal(d.file, "clinic.yaml");
	clinic_free(c);
	book_free(b);
	diag_release(&d);
}

/*
 * The reader's errors (test_ics has them all) come through with the
 * file's name and their lines, and nothing of the file is laid out.
 */
static void
torture_book_ics_errors_read(void **state)
{
	struct ctx *x = *state;

	READ_BAD(x, "", 1, "expected BEGIN:VCALENDAR (the file is empty)");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nSUMMARY:a\0b\r\n", 5,
	    "file contains a NUL byte");
	assert_int_equal(x->diag.col, 10);
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n", 4,
	    "'BEGIN:VEVENT' has no 'END:VEVENT'");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20261301T100000\r\n", 5,
	    "'DTSTART': '20261301T100000' is not a date and time that exists");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "DTSTART:20260303T110000\r\n", 6,
	    "'DTSTART' is given twice in one event (first on line 5)");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VTIMEZONE\r\nTZID:Empty\r\nEND:VTIMEZONE\r\n", 7,
	    "the VTIMEZONE 'Empty' cannot be read");
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 0);
}

static void
torture_book_ics_errors_events(void **state)
{
	struct ctx *x = *state;

	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "DTEND:20260303T090000\r\nEND:VEVENT\r\n" TAIL, 6,
	    "'DTEND' '20260303T090000' is before 'DTSTART' on line 5");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260303\r\n"
	    "DTEND:20260303T090000\r\nEND:VEVENT\r\n" TAIL, 6,
	    "'DTEND' must be a date, as 'DTSTART' on line 5 is");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "DTEND:20260303T110000Z\r\nEND:VEVENT\r\n" TAIL, 6,
	    "must be a floating time");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260303\r\n"
	    "DURATION:PT1H\r\nEND:VEVENT\r\n" TAIL, 6,
	    "whole days or weeks (such as P1D), not 'PT1H'");
	/* A period of dates would lay nothing: refused, not dropped. */
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "DURATION:PT1H\r\nRDATE;VALUE=PERIOD:20260305/P1D\r\n"
	    "END:VEVENT\r\n" TAIL, 7,
	    "'RDATE' must be a period that starts with a date and time");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\n"
	    "DTSTART;TZID=Atlantis/Capital:20260303T100000\r\n"
	    "END:VEVENT\r\n" TAIL, 5, "unknown time zone 'Atlantis/Capital'");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\n"
	    "DTSTART;TZID=../../../../etc/passwd:20260303T100000\r\n"
	    "END:VEVENT\r\n" TAIL, 5, "unknown time zone");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "RRULE:FREQ=WEEKLY\r\n"
	    "EXDATE;TZID=Nowhere:20260310T100000\r\nEND:VEVENT\r\n" TAIL, 7,
	    "unknown time zone 'Nowhere'");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "RECURRENCE-ID:20260303T100000\r\nEND:VEVENT\r\n" TAIL, 4,
	    "needs a 'UID'");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260303T100000\r\n"
	    "RECURRENCE-ID;RANGE=THISANDFUTURE:20260303T100000\r\n"
	    "END:VEVENT\r\n" TAIL, 7, "RANGE=THISANDFUTURE is not read");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "RRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\n" TAIL, 6,
	    "more than 200000 appointments");
}

/* RDATE periods with an end, an end with seconds, a date's own length. */
static void
torture_book_ics_periods_lengths(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260319T140000\r\n"
	    "DTEND:20260319T150000\r\n"
	    "RDATE;VALUE=PERIOD:20260322T090000/20260322T110000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260323T090000\r\n"
	    "DTEND:20260323T100030\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20260324\r\n"
	    "DTEND;VALUE=DATE:20260324\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20260326\r\n"
	    "DURATION:P0D\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:20260327T090000\r\n"
	    "TRANSP:TRANSPARENT-NOCONFLICT\r\n"
	    "DURATION:PT1H\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 22), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 22), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 22), T(11, 0)), 0);
	/* 30 seconds into 10:00 take its minute. */
	assert_int_equal(book_taken(x->book, D(2026, 3, 23), T(10, 0),
	    T(10, 1)), 1);
	assert_int_equal(book_taken(x->book, D(2026, 3, 23), T(10, 1),
	    T(10, 2)), 0);
	/* An all-day event that ends as it starts, or lasts P0D: its day. */
	assert_true(book_whole(x->book, D(2026, 3, 24)));
	assert_false(book_whole(x->book, D(2026, 3, 25)));
	assert_true(book_whole(x->book, D(2026, 3, 26)));
	assert_false(book_whole(x->book, D(2026, 3, 27)));
	assert_int_equal(taken(x, D(2026, 3, 27), T(9, 0)), 0);
}

/* All-day events longer than the book, or running past its end. */
static void
torture_book_ics_long(void **state)
{
	struct ctx *x = *state;
	int h = book_horizon(x->book);

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:19000101\r\n"
	    "DTEND;VALUE=DATE:22001231\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_true(book_whole(x->book, TODAY));
	assert_true(book_whole(x->book, h));
	book_free(x->book);
	x->book = book_new(x->clinic, TODAY);
	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20290101\r\n"
	    "DURATION:P200000D\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	assert_false(book_whole(x->book, D(2028, 12, 31)));
	assert_true(book_whole(x->book, D(2029, 1, 1)));
	assert_true(book_whole(x->book, h));
}

/*
 * Overrides: several of one series, of all-day series, of series given
 * in another order, and RANGE=THISANDPRIOR read as the one occurrence.
 */
static void
torture_book_ics_overrides_more(void **state)
{
	struct ctx *x = *state;

	read_ok(x, HEAD
	    "BEGIN:VEVENT\r\nUID:b@clinic\r\n"
	    "RECURRENCE-ID:20260310T100000\r\nSTATUS:CANCELLED\r\n"
	    "DTSTART:20260310T100000\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:b@clinic\r\n"
	    "RECURRENCE-ID:20260317T100000\r\nSTATUS:CANCELLED\r\n"
	    "DTSTART:20260317T100000\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:b@clinic\r\n"
	    "RECURRENCE-ID;RANGE=THISANDPRIOR:20260324T100000\r\n"
	    "DTSTART:20260325T140000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:a@clinic\r\n"
	    "RECURRENCE-ID:20260304T090000\r\nSTATUS:CANCELLED\r\n"
	    "DTSTART:20260304T090000\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:c@clinic\r\n"
	    "RECURRENCE-ID;VALUE=DATE:20260306\r\n"
	    "DTSTART;VALUE=DATE:20260307\r\nEND:VEVENT\r\n"
	    /* Masters: b weekly at 10, a daily at 9, c every Friday. */
	    "BEGIN:VEVENT\r\nUID:b@clinic\r\n"
	    "DTSTART:20260303T100000\r\nDURATION:PT1H\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=5\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:a@clinic\r\n"
	    "DTSTART:20260303T090000\r\nDURATION:PT1H\r\n"
	    "RRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:c@clinic\r\n"
	    "DTSTART;VALUE=DATE:20260306\r\n"
	    "RRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:d@clinic\r\n"
	    "DTSTART:20260305T150000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
	    TAIL);
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 10), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 17), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 24), T(10, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 25), T(14, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 31), T(10, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 3), T(9, 0)), 1);
	assert_int_equal(taken(x, D(2026, 3, 4), T(9, 0)), 0);
	assert_int_equal(taken(x, D(2026, 3, 5), T(9, 0)), 1);
	assert_false(book_whole(x->book, D(2026, 3, 6)));
	assert_true(book_whole(x->book, D(2026, 3, 7)));
	assert_true(book_whole(x->book, D(2026, 3, 13)));
	assert_int_equal(taken(x, D(2026, 3, 5), T(15, 0)), 1);
}

/* Zones that cannot be found, wherever a TZID may stand. */
static void
torture_book_ics_errors_zones(void **state)
{
	struct ctx *x = *state;

	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART;TZID=:20260303T100000\r\n"
	    "END:VEVENT\r\n" TAIL, 5, "unknown time zone ''");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "DTEND;TZID=Nowhere:20260303T110000\r\nEND:VEVENT\r\n" TAIL, 6,
	    "unknown time zone 'Nowhere': the file has no VTIMEZONE with that "
	    "TZID and the system knows no zone of that name");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "RDATE;TZID=Nowhere:20260322T090000\r\nEND:VEVENT\r\n" TAIL, 6,
	    "unknown time zone 'Nowhere'");
	/* A period's start in UTC, its end in the TZID's zone. */
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "RDATE;VALUE=PERIOD;TZID=Nowhere:20260322T090000Z/20260322T110000\r\n"
	    "END:VEVENT\r\n" TAIL, 6, "unknown time zone 'Nowhere'");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "RDATE;VALUE=PERIOD;TZID=Nowhere:20260322T090000/PT1H\r\n"
	    "END:VEVENT\r\n" TAIL, 6, "unknown time zone 'Nowhere'");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260303T100000\r\n"
	    "RECURRENCE-ID;TZID=Nowhere:20260303T100000\r\nEND:VEVENT\r\n"
	    TAIL, 7, "unknown time zone 'Nowhere'");
	READ_BAD(x, HEAD "BEGIN:VFREEBUSY\r\n"
	    "FREEBUSY;TZID=Nowhere:20260303T150000/PT1H\r\n"
	    "END:VFREEBUSY\r\n" TAIL, 5, "unknown time zone 'Nowhere'");
	READ_BAD(x, HEAD "BEGIN:VFREEBUSY\r\n"
	    "FREEBUSY;TZID=Nowhere:20260303T150000Z/20260303T160000\r\n"
	    "END:VFREEBUSY\r\n" TAIL, 5, "unknown time zone 'Nowhere'");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000Z\r\n"
	    "DTEND:20260303T110000\r\nEND:VEVENT\r\n" TAIL, 6,
	    "'DTEND' must be a time in UTC or with a TZID, as 'DTSTART' on "
	    "line 5 is");
	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "RRULE:FREQ=DAILY;BYWEEKNO=3\r\nEND:VEVENT\r\n" TAIL, 6,
	    "'RRULE' 'FREQ=DAILY;BYWEEKNO=3' cannot be expanded from its "
	    "event's DTSTART");
	assert_int_equal(taken(x, D(2026, 3, 3), T(10, 0)), 0);
}

/* Only UTC needs the clinic's zone: a FREEBUSY's start or its end. */
static void
torture_book_ics_freebusy_no_zone(void **state)
{
	static const char start[] = HEAD "BEGIN:VFREEBUSY\r\n"
	    "FREEBUSY:20260303T150000Z/PT1H\r\nEND:VFREEBUSY\r\n" TAIL;
	static const char end[] = HEAD "BEGIN:VFREEBUSY\r\n"
	    "FREEBUSY:20260303T150000/20260303T160000Z\r\nEND:VFREEBUSY\r\n"
	    TAIL;
	static const char rdate[] = HEAD "BEGIN:VEVENT\r\n"
	    "DTSTART:20260303T100000\r\n"
	    "RDATE;VALUE=PERIOD:20260304T100000/20260304T110000Z\r\n"
	    "END:VEVENT\r\n" TAIL;
	struct diag d = { 0 };
	struct book *b = book_new(NULL, TODAY);

	(void)state;
	assert_int_equal(book_ics_read(b, "b.ics", start, strlen(start), NULL,
	    &d), -1);
	assert_int_equal(d.line, 5);
	assert_non_null(strstr(d.msg, "'FREEBUSY' is a time in UTC"));
	assert_int_equal(book_ics_read(b, "b.ics", end, strlen(end), NULL,
	    &d), -1);
	assert_int_equal(d.line, 5);
	assert_non_null(strstr(d.msg, "'FREEBUSY' is a time in UTC"));
	assert_int_equal(book_ics_read(b, "b.ics", rdate, strlen(rdate), NULL,
	    &d), -1);
	assert_int_equal(d.line, 6);
	assert_non_null(strstr(d.msg, "'RDATE' is a time in UTC"));
	book_free(b);
	diag_release(&d);
}

/*
 * The budget of occurrences is the whole file's: a rule that uses all
 * of it leaves none for the next event's own DTSTART.
 */
static void
torture_book_ics_budget(void **state)
{
	struct ctx *x = *state;

	READ_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "RRULE:FREQ=MINUTELY;COUNT=199999\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\nEND:VEVENT\r\n" TAIL,
	    9, "more than 200000 appointments");
}

/*
 * An independent check: Python's dateutil expands random daily and
 * weekly rules (INTERVAL, BYDAY, COUNT or UNTIL, EXDATE), and every day
 * of 200 from today must be taken at the event's time exactly when
 * dateutil has an occurrence there.  Each case is the calendar's lines,
 * "--", the dates dateutil gives, "==".
 */
#define PY_RRULE \
	"import random, datetime as dt\n" \
	"from dateutil.rrule import rrule, DAILY, WEEKLY, weekday\n" \
	"random.seed(14)\n" \
	"for case in range(60):\n" \
	"  start = dt.datetime(2026, 1, 1, 9) + dt.timedelta(" \
	"days=random.randrange(180), hours=random.randrange(8))\n" \
	"  freq = random.choice([DAILY, WEEKLY])\n" \
	"  iv = random.randint(1, 3)\n" \
	"  rule = [\"FREQ=\" + (\"DAILY\" if freq == DAILY else \"WEEKLY\")," \
	" \"INTERVAL=%d\" % iv]\n" \
	"  kw = dict(freq=freq, interval=iv, dtstart=start)\n" \
	"  if freq == WEEKLY:\n" \
	"    days = sorted(set([start.weekday()] + random.sample(range(7), " \
	"random.randint(0, 3))))\n" \
	"    kw[\"byweekday\"] = [weekday(d) for d in days]\n" \
	"    rule.append(\"BYDAY=\" + \",\".join([\"MO\",\"TU\",\"WE\",\"TH\"," \
	"\"FR\",\"SA\",\"SU\"][d] for d in days))\n" \
	"  end = random.choice([\"count\", \"until\", \"none\"])\n" \
	"  if end == \"count\":\n" \
	"    kw[\"count\"] = random.randint(1, 60); " \
	"rule.append(\"COUNT=%d\" % kw[\"count\"])\n" \
	"  elif end == \"until\":\n" \
	"    kw[\"until\"] = start + dt.timedelta(days=random.randrange(300));" \
	" rule.append(kw[\"until\"].strftime(\"UNTIL=%Y%m%dT%H%M%S\"))\n" \
	"  occ = list(rrule(**kw).between(start, dt.datetime(2027, 6, 1), " \
	"inc=True))\n" \
	"  ex = random.sample(occ, min(len(occ), random.randint(0, 4)))\n" \
	"  print(\"BEGIN:VCALENDAR\\nBEGIN:VEVENT\")\n" \
	"  print(start.strftime(\"DTSTART:%Y%m%dT%H%M%S\"))\n" \
	"  print(\"DURATION:PT30M\\nRRULE:\" + \";\".join(rule))\n" \
	"  for e in ex: print(e.strftime(\"EXDATE:%Y%m%dT%H%M%S\"))\n" \
	"  print(\"END:VEVENT\\nEND:VCALENDAR\\n--\")\n" \
	"  for o in occ:\n" \
	"    if o not in ex: print(o.strftime(\"%Y %m %d %H %M\"))\n" \
	"  print(\"==\")\n"

static void
check_case(const char *ics, const char *want, int *cases)
{
	struct clinic *c = clinic_make(NULL);
	struct book *b = book_new(c, TODAY);
	struct diag d = { 0 };
	char expect[200] = { 0 };
	int y, m, dd, h, mi, day, at = -1;
	const char *p;

	if (book_ics_read(b, "py.ics", ics, strlen(ics), c, &d) != 0)
		fail_msg("%d: %s\n%s", d.line, d.msg, ics);
	for (p = want; sscanf(p, "%d %d %d %d %d", &y, &m, &dd, &h, &mi) == 5;
	    p = strchr(p, '\n') + 1) {
		day = D(y, m, dd) - TODAY;
		at = T(h, mi);
		if (day >= 0 && day < 200)
			expect[day] = 1;
	}
	for (day = 0; at >= 0 && day < 200; day++)
		if (book_taken(b, TODAY + day, at, at + 1) != expect[day])
			fail_msg("day %d at %d: book %d, dateutil %d\n%s", day,
			    at, book_taken(b, TODAY + day, at, at + 1),
			    expect[day], ics);
	(*cases)++;
	book_free(b);
	clinic_free(c);
	diag_release(&d);
}

static void
torture_book_ics_dateutil(void **state)
{
	char line[256], ics[8192], want[65536];
	int part = 0, cases = 0;
	FILE *py;

	(void)state;
	py = popen("exec \"${PYTHON:-python3}\" -c '" PY_RRULE "' 2>/dev/null",
	    "r");
	if (py == NULL)
		skip();
	ics[0] = want[0] = '\0';
	while (fgets(line, sizeof(line), py) != NULL) {
		if (strcmp(line, "--\n") == 0)
			part = 1;
		else if (strcmp(line, "==\n") == 0) {
			check_case(ics, want, &cases);
			ics[0] = want[0] = '\0';
			part = 0;
		} else if (part == 0 && strlen(ics) + strlen(line) < sizeof(ics))
			strcat(ics, line);
		else if (part == 1 && strlen(want) + strlen(line) < sizeof(want))
			strcat(want, line);
	}
	if (pclose(py) != 0 && cases == 0)
		skip();
	assert_int_equal(cases, 60);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T_(torture_book_ics_single),
		T_(torture_book_ics_folding),
		T_(torture_book_ics_weekly_exdate_cancelled),
		T_(torture_book_ics_count_until),
		T_(torture_book_ics_rdate),
		T_(torture_book_ics_overrides),
		T_(torture_book_ics_transparent),
		T_(torture_book_ics_freebusy),
		T_(torture_book_ics_all_day),
		T_(torture_book_ics_zones_dst),
		T_(torture_book_ics_vtimezone),
		T_(torture_book_ics_exdate_zones),
		T_(torture_book_ics_midnight_and_edges),
		T_(torture_book_ics_duration_instant),
		T_(torture_book_ics_again),
		cmocka_unit_test(torture_book_ics_no_clinic),
		T_(torture_book_ics_errors_read),
		T_(torture_book_ics_errors_events),
		T_(torture_book_ics_periods_lengths),
		T_(torture_book_ics_long),
		T_(torture_book_ics_overrides_more),
		T_(torture_book_ics_errors_zones),
		cmocka_unit_test(torture_book_ics_freebusy_no_zone),
		T_(torture_book_ics_budget),
		cmocka_unit_test(torture_book_ics_dateutil),
#undef T_
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
