#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fixture.h"
#include "ics.h"

/*
 * The iCalendar reader, from strings: which events and properties each
 * calendar hands over, at which lines, one calendar at a time; the
 * time zones a TZID names; and every error at its line.  What the
 * events then do to a book is test_book_ics's.
 */

#define HEAD	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//prolo//test//EN\r\n"
#define TAIL	"END:VCALENDAR\r\n"

struct ctx {
	struct ics	*ics;
	struct diag	 diag;
};

static int
setup(void **state)
{
	*state = calloc(1, sizeof(struct ctx));
	return *state == NULL;
}

static int
teardown(void **state)
{
	struct ctx *x = *state;

	ics_free(x->ics);
	diag_release(&x->diag);
	free(x);
	return 0;
}

/* The stream of text, opened; any stream opened before is freed. */
static struct ics *
open_ok(struct ctx *x, const char *text)
{
	ics_free(x->ics);
	x->ics = ics_open("book.ics", text, strlen(text), &x->diag);
	if (x->ics == NULL)
		fail_msg("%s:%d:%d: %s", x->diag.file, x->diag.line,
		    x->diag.col, x->diag.msg);
	return x->ics;
}

static void
next_ok(struct ctx *x)
{
	if (ics_next(x->ics) != 1)
		fail_msg("%s:%d:%d: %s", x->diag.file, x->diag.line,
		    x->diag.col, x->diag.msg);
}

/*
 * The error a text gives, whether from ics_open() or from a call of
 * ics_next() after every calendar before it was handed over: its line,
 * and words of its message.
 */
static void
parse_bad(struct ctx *x, const char *text, size_t len, int line,
    const char *words)
{
	int rc = -1;

	ics_free(x->ics);
	x->ics = ics_open("book.ics", text, len, &x->diag);
	if (x->ics != NULL)
		while ((rc = ics_next(x->ics)) == 1)
			continue;
	fixture_error_at(&x->diag, rc != 0, line, words);
}

#define PARSE_BAD(x, text, line, words) \
	parse_bad(x, text, sizeof(text) - 1, line, words)

/* Property i of event ev: its kind and its line. */
static void
prop_is(const struct ics_event *ev, size_t i, icalproperty_kind kind,
    int line)
{
	const struct ics_prop *p;

	assert_true(i < ics_event_nprops(ev));
	p = ics_event_prop(ev, i);
	assert_int_equal(icalproperty_isa(p->prop), kind);
	assert_int_equal(p->line, line);
}

/*
 * Only what says when an event is busy is kept, at its line; other
 * properties and components are passed over, and a value with several
 * parts (EXDATE:a,b) comes back as several properties.
 */
static void
torture_ics_next(void **state)
{
	struct ctx *x = *state;
	const struct ics_event *ev;

	open_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"			/* 4 */
	    "UID:one@clinic\r\n"
	    "SUMMARY:Follow-up\r\n"
	    "DESCRIPTION:\r\n"
	    "X-UNKNOWN;X-P=1:whatever\r\n"
	    "COLOR:red\r\n"
	    "DTSTART:20260303T100000\r\n"	/* 10 */
	    "DTEND:20260303T110000\r\n"
	    "BEGIN:VALARM\r\n"
	    "TRIGGER:-PT15M\r\n"
	    "ACTION:DISPLAY\r\n"
	    "END:VALARM\r\n"
	    "EXDATE:20260310T100000,20260317T100000\r\n"	/* 16 */
	    "END:VEVENT\r\n"
	    "BEGIN:VTODO\r\n"
	    "DTSTART:20260303T100000\r\n"
	    "END:VTODO\r\n"
	    "BEGIN:VFREEBUSY\r\n"		/* 21 */
	    "DTSTART:20260301T000000Z\r\n"
	    "FREEBUSY:20260303T150000Z/PT1H\r\n"
	    "END:VFREEBUSY\r\n"
	    TAIL);
	next_ok(x);
	assert_int_equal(ics_nevents(x->ics), 2);
	ev = ics_event(x->ics, 0);
	assert_int_equal(ics_event_kind(ev), ICAL_VEVENT_COMPONENT);
	assert_int_equal(ics_event_line(ev), 4);
	assert_int_equal(ics_event_nprops(ev), 5);
	prop_is(ev, 0, ICAL_UID_PROPERTY, 5);
	prop_is(ev, 1, ICAL_DTSTART_PROPERTY, 10);
	prop_is(ev, 2, ICAL_DTEND_PROPERTY, 11);
	prop_is(ev, 3, ICAL_EXDATE_PROPERTY, 16);
	prop_is(ev, 4, ICAL_EXDATE_PROPERTY, 16);
	assert_int_equal(ics_event_get(ev, ICAL_DTEND_PROPERTY)->line, 11);
	assert_null(ics_event_get(ev, ICAL_DURATION_PROPERTY));
	assert_string_equal(icalproperty_get_uid(ics_event_get(ev,
	    ICAL_UID_PROPERTY)->prop), "one@clinic");
	/* A VFREEBUSY's DTSTART says what it covers: not kept. */
	ev = ics_event(x->ics, 1);
	assert_int_equal(ics_event_kind(ev), ICAL_VFREEBUSY_COMPONENT);
	assert_int_equal(ics_event_line(ev), 21);
	assert_int_equal(ics_event_nprops(ev), 1);
	prop_is(ev, 0, ICAL_FREEBUSY_PROPERTY, 23);
	assert_int_equal(ics_next(x->ics), 0);
}

/* LF alone ends lines too; a folded line keeps the line it starts on. */
static void
torture_ics_folding(void **state)
{
	struct ctx *x = *state;
	const struct ics_event *ev;
	struct icaltimetype t;

	open_ok(x, "BEGIN:VCALENDAR\n"
	    "BEGIN:VEVENT\n"
	    "DTSTART:2026030\n"
	    " 3T14\n"
	    "\t0000\n"
	    "DURATION:PT1H\n"
	    "SUMMARY:Caf\xc3\n"
	    " \xa9 split by a fold\n"
	    "END:VEVENT\n"
	    "END:VCALENDAR");
	next_ok(x);
	assert_int_equal(ics_nevents(x->ics), 1);
	ev = ics_event(x->ics, 0);
	assert_int_equal(ics_event_line(ev), 2);
	prop_is(ev, 0, ICAL_DTSTART_PROPERTY, 3);
	prop_is(ev, 1, ICAL_DURATION_PROPERTY, 6);
	t = icalproperty_get_dtstart(ics_event_prop(ev, 0)->prop);
	assert_int_equal(t.year, 2026);
	assert_int_equal(t.month, 3);
	assert_int_equal(t.day, 3);
	assert_int_equal(t.hour, 14);
	assert_int_equal(ics_next(x->ics), 0);
}

/*
 * Calendars come one at a time: an error in a later one only when it
 * is read, and a VTIMEZONE serves only the calendar it stands in.
 */
static void
torture_ics_next_calendars(void **state)
{
	static const char two[] = HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;TZID=Clinic:20260303T100000\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VTIMEZONE\r\n"
	    "TZID:Clinic\r\n"
	    "BEGIN:STANDARD\r\n"
	    "DTSTART:16010101T000000\r\n"
	    "TZOFFSETFROM:-0500\r\n"
	    "TZOFFSETTO:-0500\r\n"
	    "END:STANDARD\r\n"
	    "END:VTIMEZONE\r\n"
	    TAIL
	    HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART;TZID=Clinic:20260303T100000\r\n"
	    "END:VEVENT\r\n"
	    TAIL
	    "GARBAGE\r\n";
	struct ctx *x = *state;

	open_ok(x, two);
	next_ok(x);
	assert_int_equal(ics_nevents(x->ics), 1);
	assert_non_null(ics_zone(x->ics, "Clinic"));
	next_ok(x);
	assert_int_equal(ics_nevents(x->ics), 1);
	assert_int_equal(ics_event_line(ics_event(x->ics, 0)), 19);
	assert_null(ics_zone(x->ics, "Clinic"));
	assert_int_equal(ics_next(x->ics), -1);
	assert_int_equal(x->diag.line, 23);
	assert_non_null(strstr(x->diag.msg, "not an iCalendar line"));
}

static void
torture_ics_zone(void **state)
{
	struct ctx *x = *state;

	open_ok(x, HEAD
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
	next_ok(x);
	assert_int_equal(ics_nevents(x->ics), 0);
	assert_non_null(ics_zone(x->ics, "Clinic Standard"));
	/* The file's own zone first, then the system's. */
	assert_ptr_equal(ics_zone(x->ics, "America/New_York"),
	    ics_zone_system("America/New_York"));
	assert_non_null(ics_zone_system("America/New_York"));
	assert_null(ics_zone(x->ics, "Atlantis/Capital"));
	assert_null(ics_zone(x->ics, ""));
	/* Never a path to another file. */
	assert_null(ics_zone_system("../../../../etc/passwd"));
	assert_null(ics_zone_system("/etc/localtime"));
	assert_null(ics_zone_system("America//New_York"));
	assert_null(ics_zone_system("America/"));
	assert_null(ics_zone_system(NULL));
}

static void
torture_ics_wall_seconds(void **state)
{
	(void)state;
	assert_int_equal(ics_wall_seconds(
	    icaltime_from_string("19700101T000000")), 0);
	assert_int_equal(ics_wall_seconds(
	    icaltime_from_string("19700102T000101Z")), 86461);
	assert_int_equal(ics_wall_seconds(
	    icaltime_from_string("19691231")), -86400);
	/* Its own clock, whatever its zone. */
	assert_int_equal(ics_wall_seconds(icaltime_from_timet_with_zone(
	    3600, 0, ics_zone_system("Europe/Madrid"))), 7200);
}

/* ics_free(NULL) does nothing; a NUL byte is found before any line. */
static void
torture_ics_open(void **state)
{
	static const char nul[] = HEAD "BEGIN:VEVENT\r\nSUMMARY:a\0b\r\n";
	struct ctx *x = *state;

	ics_free(NULL);
	assert_null(ics_open("book.ics", nul, sizeof(nul) - 1, &x->diag));
	assert_int_equal(x->diag.line, 5);
	assert_int_equal(x->diag.col, 10);
	open_ok(x, "\xef\xbb\xbf" HEAD TAIL);
	next_ok(x);
	assert_int_equal(ics_nevents(x->ics), 0);
	assert_int_equal(ics_next(x->ics), 0);
}

static void
torture_ics_errors_structure(void **state)
{
	struct ctx *x = *state;

	PARSE_BAD(x, "", 1, "expected BEGIN:VCALENDAR (the file is empty)");
	PARSE_BAD(x, "\r\n\r\n", 1, "(the file is empty)");
	PARSE_BAD(x, "date,time\n2026-03-03,10:00\n", 1,
	    "expected BEGIN:VCALENDAR, not 'date,time'");
	PARSE_BAD(x, "\n\nBEGIN:VEVENT\n", 3, "expected BEGIN:VCALENDAR");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n", 4,
	    "'BEGIN:VEVENT' has no 'END:VEVENT'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "END:VCALENDAR\r\n", 6,
	    "'END:VCALENDAR' does not close 'BEGIN:VEVENT' of line 4");
	PARSE_BAD(x, HEAD TAIL "END:VEVENT\r\n", 5,
	    "'END:VEVENT' has no 'BEGIN:VEVENT' before it");
	PARSE_BAD(x, HEAD TAIL "VERSION:2.0\r\n", 5,
	    "a property is outside BEGIN:VCALENDAR");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nBEGIN:VEVENT\r\n", 5,
	    "'BEGIN:VEVENT' is not allowed inside VEVENT");
	PARSE_BAD(x, HEAD "BEGIN:STANDARD\r\n", 4,
	    "'BEGIN:STANDARD' is not allowed inside VCALENDAR");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nGARBAGE\r\n", 5,
	    "not an iCalendar line");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\n;X=1:y\r\n", 5,
	    "not an iCalendar line");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nBEGIN:VEVENT;X=1\r\n", 5,
	    "not an iCalendar line");
	PARSE_BAD(x, HEAD "BEGIN:X-A\r\nBEGIN:X-B\r\nBEGIN:X-C\r\n"
	    "BEGIN:X-D\r\nBEGIN:X-E\r\nBEGIN:X-F\r\nBEGIN:X-G\r\n"
	    "BEGIN:X-H\r\n", 11, "nesting is deeper than 8 levels");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n" TAIL,
	    4, "this VEVENT has no 'DTSTART'");
}

static void
torture_ics_errors_bytes(void **state)
{
	struct ctx *x = *state;

	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nSUMMARY:a\0b\r\n", 5,
	    "file contains a NUL byte");
	assert_int_equal(x->diag.col, 10);
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nSUMMARY:Jos\xe9\r\n", 5,
	    "not valid UTF-8");
	assert_int_equal(x->diag.col, 12);
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nSUMMARY:ab\r\n cd\xff\r\n", 6,
	    "not valid UTF-8");
	assert_int_equal(x->diag.col, 4);
	/* Places count from after a byte-order mark. */
	PARSE_BAD(x, "\xef\xbb\xbf" "BEGIN:VCALENDAR\r\nX\0\r\n", 2,
	    "NUL byte");
	PARSE_BAD(x, "\xef\xbb\xbf" "BEGIN:VCALENDAR\r\n", 1,
	    "'BEGIN:VCALENDAR' has no 'END:VCALENDAR'");
}

static void
torture_ics_errors_values(void **state)
{
	struct ctx *x = *state;

	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:b\r\n"
	    "DTSTART:2026031T1000\r\n", 7,
	    "'DTSTART' must be a date and time such as 20260302T093000, "
	    "not '2026031T1000'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nUID:a\r\n"
	    "DTSTART:20260303T10\r\n 0000x\r\n", 6, "'DTSTART' must be");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026030\r\n", 5,
	    "must be a date such as 20260302");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20261301T100000\r\n", 5,
	    "'DTSTART': '20261301T100000' is not a date and time that exists");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260230T100000\r\n", 5,
	    "is not a date and time that exists");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260301T250000\r\n", 5,
	    "is not a date and time that exists");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:18000301T100000\r\n", 5,
	    "the year of '18000301T100000' must be between 1900 and 2200");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:\r\n", 5,
	    "'DTSTART' has no value");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART;VALUE=PERIOD:x\r\n", 5,
	    "'DTSTART' has a parameter that cannot be read");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nRRULE:FREQ=SOMETIMES\r\n", 5,
	    "'RRULE' must be a recurrence rule");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nRRULE:FREQ=DAILY;UNTIL=20261341\r\n",
	    5, "is not a date and time that exists");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDURATION:-PT1H\r\n", 5,
	    "'DURATION' must not be negative");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\n"
	    "EXDATE:20260303T100000,20260399T100000\r\n", 5, "'EXDATE'");
	PARSE_BAD(x, HEAD "BEGIN:VFREEBUSY\r\n"
	    "FREEBUSY:20260303T150000Z/20260303T140000Z\r\n", 5,
	    "'FREEBUSY' must not be negative or end before it starts");
	PARSE_BAD(x, HEAD "BEGIN:VTIMEZONE\r\nBEGIN:DAYLIGHT\r\n"
	    "TZOFFSETTO:+25x\r\n", 6, "'TZOFFSETTO' must be a UTC offset");
}

/* What an event may hold once, and not with the other. */
static void
torture_ics_errors_events(void **state)
{
	struct ctx *x = *state;

	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "DTSTART:20260303T110000\r\n", 6,
	    "'DTSTART' is given twice in one event (first on line 5)");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260303T100000\r\n"
	    "DTEND:20260303T110000\r\nDURATION:PT1H\r\n", 7,
	    "give 'DTEND' or 'DURATION', not both (the other is on line 6)");
}

static void
torture_ics_errors_vtimezone(void **state)
{
	struct ctx *x = *state;

	PARSE_BAD(x, HEAD "BEGIN:VTIMEZONE\r\nBEGIN:STANDARD\r\n"
	    "DTSTART:19700101T000000\r\nTZOFFSETTO:-0500\r\n"
	    "END:STANDARD\r\n", 5, "this STANDARD has no 'TZOFFSETFROM'");
	PARSE_BAD(x, HEAD "BEGIN:VTIMEZONE\r\nEND:VTIMEZONE\r\n", 4,
	    "this VTIMEZONE has no 'TZID'");
	PARSE_BAD(x, HEAD "BEGIN:VTIMEZONE\r\nTZID:Empty\r\nEND:VTIMEZONE\r\n",
	    4, "the VTIMEZONE 'Empty' cannot be read");
}

/*
 * Lines a calendar export may really hold: a name with characters no
 * iCalendar name has, a colon only inside a quoted parameter, BEGIN:
 * with no name or one too long, and components where they cannot be.
 */
static void
torture_ics_errors_lines(void **state)
{
	struct ctx *x = *state;

	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nX{Y:1\r\n", 5,
	    "not an iCalendar line (NAME:value or NAME;PARAMETER=value:value): "
	    "'X{Y:1'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nX@Y:1\r\n", 5, "'X@Y:1'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nX[Y:1\r\n", 5, "'X[Y:1'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nX/Y:1\r\n", 5, "'X/Y:1'");
	/* The only colon is quoted: there is no value. */
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nX-A;X-P=\"a:b\"\r\n", 5,
	    "not an iCalendar line");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\n"
	    "DTSTART;X-A=\"b:20260303T100000\r\n", 5, "not an iCalendar line");
	PARSE_BAD(x, "BEGIN:\r\n", 1,
	    "not an iCalendar file: expected BEGIN:VCALENDAR, not 'BEGIN:'");
	PARSE_BAD(x, HEAD "BEGIN:\r\n", 4, "not an iCalendar line");
	PARSE_BAD(x, HEAD
	    "BEGIN:XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\r\n", 4,
	    "not an iCalendar line");
	PARSE_BAD(x, HEAD "BEGIN:VCALENDAR\r\n", 4,
	    "'BEGIN:VCALENDAR' is not allowed inside VCALENDAR");
	PARSE_BAD(x, HEAD "BEGIN:VALARM\r\n", 4,
	    "'BEGIN:VALARM' is not allowed inside VCALENDAR");
	PARSE_BAD(x, HEAD "BEGIN:VTIMEZONE\r\nBEGIN:VALARM\r\n", 5,
	    "'BEGIN:VALARM' is not allowed inside VTIMEZONE");
	PARSE_BAD(x, HEAD TAIL "BEGIN:VEVENT\r\n", 5,
	    "a component is outside BEGIN:VCALENDAR ... END:VCALENDAR");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nUID;=1:x\r\n", 5,
	    "'UID' has a parameter that cannot be read: 'UID;=1:x'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART;FOO:20260303T100000\r\n", 5,
	    "'DTSTART' has a parameter that cannot be read");
}

/* What passes: a name of 40 characters, alarms of a to-do, a quoted colon. */
static void
torture_ics_lines_ok(void **state)
{
	struct ctx *x = *state;
	const struct ics_event *ev;
	icalparameter *tz;

	open_ok(x, HEAD
	    "BEGIN:XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\r\n"
	    "END:XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\r\n"
	    "BEGIN:VTODO\r\nBEGIN:VALARM\r\nEND:VALARM\r\nEND:VTODO\r\n"
	    "BEGIN:VEVENT\r\n"				/* 10 */
	    "DTSTART;TZID=\"a:b\":20260303T100000\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	next_ok(x);
	assert_int_equal(ics_nevents(x->ics), 1);
	ev = ics_event(x->ics, 0);
	assert_int_equal(ics_event_line(ev), 10);
	prop_is(ev, 0, ICAL_DTSTART_PROPERTY, 11);
	tz = icalproperty_get_first_parameter(ics_event_prop(ev, 0)->prop,
	    ICAL_TZID_PARAMETER);
	assert_non_null(tz);
	assert_string_equal(icalparameter_get_tzid(tz), "a:b");
	assert_int_equal(ics_next(x->ics), 0);
	/* With no calendar left, only the system's zones. */
	assert_non_null(ics_zone(x->ics, "America/New_York"));
	assert_null(ics_zone(x->ics, "a:b"));
}

/*
 * A line folded many times keeps the line it starts on; an error after
 * a character of two bytes, or before the first fold, is placed by
 * characters, not bytes.
 */
static void
torture_ics_folding_places(void **state)
{
	struct ctx *x = *state;
	const struct ics_event *ev;
	struct icaltimetype t;

	open_ok(x, HEAD
	    "BEGIN:VEVENT\r\n"
	    "DTSTART:2\r\n 0\r\n 2\r\n 6\r\n 0\r\n 3\r\n 0\r\n 3\r\n"
	    " T\r\n 1\r\n 4\r\n 0\r\n 0\r\n 0\r\n 0\r\n"	/* 5 to 19 */
	    "DTEND:20260303T150000\r\n"
	    "END:VEVENT\r\n"
	    TAIL);
	next_ok(x);
	ev = ics_event(x->ics, 0);
	prop_is(ev, 0, ICAL_DTSTART_PROPERTY, 5);
	prop_is(ev, 1, ICAL_DTEND_PROPERTY, 20);
	t = icalproperty_get_dtstart(ics_event_prop(ev, 0)->prop);
	assert_int_equal(t.day, 3);
	assert_int_equal(t.hour, 14);
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nSUMMARY:\xc3\xa9\xff\r\n x\r\n", 5,
	    "not valid UTF-8");
	assert_int_equal(x->diag.col, 10);
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nSUMMARY:\xc3\xa9\r\n \xc3\xa9\xff\r\n",
	    6, "not valid UTF-8");
	assert_int_equal(x->diag.col, 3);
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nSUMMARY:Jos\xc3\xa9\0x\r\n", 5,
	    "file contains a NUL byte");
	assert_int_equal(x->diag.col, 13);
}

/* Dates and times libical takes and no calendar has. */
static void
torture_ics_errors_times(void **state)
{
	struct ctx *x = *state;

	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260001T100000\r\n", 5,
	    "'DTSTART': '20260001T100000' is not a date and time that exists");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260300T100000\r\n", 5,
	    "'20260300T100000' is not a date and time that exists");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260301T106000\r\n", 5,
	    "'20260301T106000' is not a date and time that exists");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20260301T100061\r\n", 5,
	    "'20260301T100061' is not a date and time that exists");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260230\r\n", 5,
	    "'DTSTART': '20260230' is not a date and time that exists");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDTSTART:22010101T100000\r\n", 5,
	    "the year of '22010101T100000' must be between 1900 and 2200");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE;X-A=1:2026030\r\n", 5,
	    "'DTSTART' must be a date such as 20260302, not '2026030'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE-TIME:2026030\r\n", 5,
	    "'DTSTART' must be a date and time such as 20260302T093000, "
	    "not '2026030'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\n"
	    "RDATE;VALUE=PERIOD:20260303T100000Z/x\r\n", 5,
	    "'RDATE' must be a period such as 20260302T093000Z/PT45M, "
	    "not '20260303T100000Z/x'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nRDATE:x\r\n", 5,
	    "'RDATE' must be a date and time such as 20260302T093000, "
	    "not 'x'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nRECURRENCE-ID:x\r\n", 5,
	    "'RECURRENCE-ID' must be a date and time such as");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nUID:\r\n", 5, "'UID' has no value");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDURATION:P1X\r\n", 5,
	    "'DURATION' must be a duration such as PT45M, not 'P1X'");
	PARSE_BAD(x, HEAD "BEGIN:VEVENT\r\nDURATION:PT1H\r\n"
	    "DTEND:20260303T110000\r\n", 6,
	    "give 'DTEND' or 'DURATION', not both (the other is on line 5)");
	/* A second leap second is allowed. */
	open_ok(x, HEAD "BEGIN:VEVENT\r\nDTSTART:20261231T235960Z\r\n"
	    "END:VEVENT\r\n" TAIL);
	next_ok(x);
	assert_int_equal(ics_nevents(x->ics), 1);
}

/* FREEBUSY lists: each period's start and end must exist, in order. */
static void
torture_ics_errors_freebusy(void **state)
{
	struct ctx *x = *state;

	PARSE_BAD(x, HEAD "BEGIN:VFREEBUSY\r\n"
	    "FREEBUSY:20261301T100000Z/PT1H\r\n", 5,
	    "'FREEBUSY': '20261301T100000Z/PT1H' is not a date and time "
	    "that exists");
	PARSE_BAD(x, HEAD "BEGIN:VFREEBUSY\r\n"
	    "FREEBUSY:20260301T100000Z/20261301T100000Z\r\n", 5,
	    "'20260301T100000Z/20261301T100000Z' is not a date and time");
	PARSE_BAD(x, HEAD "BEGIN:VFREEBUSY\r\n"
	    "FREEBUSY:20260301T100000Z/-PT1H\r\n", 5,
	    "'FREEBUSY' must not be negative or end before it starts: "
	    "'20260301T100000Z/-PT1H'");
	PARSE_BAD(x, HEAD "BEGIN:VFREEBUSY\r\nFREEBUSY:x\r\n", 5,
	    "'FREEBUSY' must be a period such as 20260302T093000Z/PT45M, "
	    "not 'x'");
}

/* UTC offsets: [+-]HHMM or [+-]HHMMSS, hours below 24. */
static void
torture_ics_errors_offsets(void **state)
{
	static const char *const bad[] = {
		"+05:00", "+05-0", "+05a0", "05000", "+2500", "+0560", "+050060", "+0500600",
		"abc", "+05"
	};
	char text[256], want[128];
	struct ctx *x = *state;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), HEAD "BEGIN:VTIMEZONE\r\n"
		    "BEGIN:DAYLIGHT\r\nTZOFFSETTO:%s\r\n", bad[i]);
		snprintf(want, sizeof(want), "'TZOFFSETTO' must be a UTC "
		    "offset such as -0500, not '%s'", bad[i]);
		parse_bad(x, text, strlen(text), 6, want);
	}
	/* With seconds, and a zone of summer time only. */
	open_ok(x, HEAD
	    "BEGIN:VTIMEZONE\r\n"
	    "TZID:Summer\r\n"
	    "BEGIN:DAYLIGHT\r\n"
	    "DTSTART:16010101T000000\r\n"
	    "TZOFFSETFROM:-0500\r\n"
	    "TZOFFSETTO:+053000\r\n"
	    "END:DAYLIGHT\r\n"
	    "END:VTIMEZONE\r\n"
	    TAIL);
	next_ok(x);
	assert_non_null(ics_zone(x->ics, "Summer"));
}

/* A VTIMEZONE as Outlook and Google write one: parts with rules. */
static void
torture_ics_vtimezone_rules(void **state)
{
	struct ctx *x = *state;
	icaltimezone *z;
	struct icaltimetype t;

	open_ok(x, HEAD
	    "BEGIN:VTIMEZONE\r\n"
	    "TZID:Eastern\r\n"
	    "BEGIN:DAYLIGHT\r\n"
	    "DTSTART:20070311T020000\r\n"
	    "TZOFFSETFROM:-0500\r\n"
	    "TZOFFSETTO:-0400\r\n"
	    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
	    "TZNAME:EDT\r\n"
	    "END:DAYLIGHT\r\n"
	    "BEGIN:STANDARD\r\n"
	    "DTSTART:20071104T020000\r\n"
	    "TZOFFSETFROM:-0400\r\n"
	    "TZOFFSETTO:-0500\r\n"
	    "RDATE:20071104T020000\r\n"
	    "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
	    "END:STANDARD\r\n"
	    "END:VTIMEZONE\r\n"
	    TAIL);
	next_ok(x);
	z = ics_zone(x->ics, "Eastern");
	assert_non_null(z);
	/* 10:00 on 9 March 2026 is summer time there: 14:00Z. */
	t = icaltime_from_string("20260309T100000");
	t = icaltime_set_timezone(&t, z);
	t = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
	assert_int_equal(t.hour, 14);
	t = icaltime_from_string("20260306T100000");
	t = icaltime_set_timezone(&t, z);
	t = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
	assert_int_equal(t.hour, 15);
	/* The same TZID twice. */
	PARSE_BAD(x, HEAD
	    "BEGIN:VTIMEZONE\r\nTZID:A\r\nBEGIN:STANDARD\r\n"
	    "DTSTART:16010101T000000\r\nTZOFFSETFROM:-0500\r\n"
	    "TZOFFSETTO:-0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
	    "BEGIN:VTIMEZONE\r\nTZID:A\r\nBEGIN:STANDARD\r\n"		/* 12 */
	    "DTSTART:16010101T000000\r\nTZOFFSETFROM:-0500\r\n"
	    "TZOFFSETTO:-0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n", 12,
	    "the VTIMEZONE 'A' is given twice");
	PARSE_BAD(x, HEAD "BEGIN:VTIMEZONE\r\nTZID:\r\n", 5,
	    "'TZID' has no value");
}

/* More events, and more properties in one, than the first allocation. */
static void
torture_ics_many(void **state)
{
	char text[4096];
	struct ctx *x = *state;
	size_t n;
	int i;

	n = (size_t)snprintf(text, sizeof(text), "%s", HEAD);
	for (i = 0; i < 20; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "BEGIN:VEVENT\r\nDTSTART:202603%02dT100000\r\nEND:VEVENT\r\n",
		    i + 1);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "BEGIN:VEVENT\r\n"
	    "DTSTART:20260303T100000\r\n"
	    "EXDATE:20260304T100000,20260305T100000,20260306T100000,"
	    "20260307T100000,20260308T100000,20260309T100000,"
	    "20260310T100000,20260311T100000,20260312T100000\r\n"
	    "END:VEVENT\r\n" TAIL);
	assert_true(n < sizeof(text));
	open_ok(x, text);
	next_ok(x);
	assert_int_equal(ics_nevents(x->ics), 21);
	assert_int_equal(ics_event_line(ics_event(x->ics, 19)), 61);
	assert_int_equal(ics_event_nprops(ics_event(x->ics, 20)), 10);
}

static void
torture_ics_zone_names(void **state)
{
	(void)state;
	assert_non_null(ics_zone_system("Etc/GMT+5"));
	assert_non_null(ics_zone_system("Etc/GMT-14"));
	assert_null(ics_zone_system("America/New~York"));
	assert_null(ics_zone_system("America/"
	    "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"));
}

/* Every test inside one ics_run(), as prolo's reads are. */
static int
group_run(void *arg)
{
	const struct CMUnitTest tests[] = {
#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T_(torture_ics_next),
		T_(torture_ics_folding),
		T_(torture_ics_next_calendars),
		T_(torture_ics_zone),
		cmocka_unit_test(torture_ics_wall_seconds),
		T_(torture_ics_open),
		T_(torture_ics_errors_structure),
		T_(torture_ics_errors_bytes),
		T_(torture_ics_errors_values),
		T_(torture_ics_errors_events),
		T_(torture_ics_errors_vtimezone),
		T_(torture_ics_errors_lines),
		T_(torture_ics_lines_ok),
		T_(torture_ics_folding_places),
		T_(torture_ics_errors_times),
		T_(torture_ics_errors_freebusy),
		T_(torture_ics_errors_offsets),
		T_(torture_ics_vtimezone_rules),
		T_(torture_ics_many),
		cmocka_unit_test(torture_ics_zone_names),
#undef T_
	};

	(void)arg;
	return cmocka_run_group_tests(tests, NULL, NULL);
}

int
main(void)
{
	return ics_run(group_run, NULL);
}
