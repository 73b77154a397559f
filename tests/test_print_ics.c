#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "fixture.h"
#include "date.h"
#include "diag.h"
#include "file.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "strv.h"
#include "tree.h"
#include "utf8.h"

/*
 * The iCalendar back end, writing into memory: the physical form
 * (CRLF, folding at 75 octets between UTF-8 sequences), TEXT escaping,
 * which visits become events, stable UIDs that hide the patient, and
 * the all-day dates with their exclusive ends.
 */

#define NOW	1795000000LL	/* 2026-11-18T11:06:40Z */

/* The shared fixture, with an id that looks like a record number. */
static int
setup(void **state)
{
	if (fixture_setup(state) != 0)
		return -1;
	((struct fixture *)*state)->p.id = "MRN-0012";
	return 0;
}

static void
free_holds(struct fixture *f)
{
	size_t i;

	for (i = 0; i < f->pr.nholds; i++)
		strv_release(&f->pr.holds[i].drugs);
	free(f->pr.holds);
	f->pr.holds = NULL;
	f->pr.nholds = 0;
}

static int
teardown(void **state)
{
	free_holds(*state);
	return fixture_teardown(state);
}

/* The text with every fold (CRLF and one space) taken out (3.1). */
static char *
unfold(const char *s)
{
	char *out, *q;

	out = q = malloc(strlen(s) + 1);
	while (*s != '\0') {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ')
			s += 3;
		else
			*q++ = *s++;
	}
	*q = '\0';
	return out;
}

/* The octets of the UTF-8 character at s. */
static size_t
charlen(const char *s)
{
	uint32_t cp;
	int n;

	n = utf8_decode(s, strlen(s), &cp);
	assert_true(n > 0);
	return (size_t)n;
}

/*
 * The physical form: nothing but CRLF ends lines, every line has at
 * most 75 octets and is valid UTF-8 on its own, so no fold fell inside
 * a character or an escape; and a line is folded only when the next
 * character would not fit.
 */
static void
assert_physical(const char *s, size_t len)
{
	const char *line, *end;
	size_t n, i;

	assert_int_equal(strlen(s), len);
	for (line = s; line < s + len; line = end + 2) {
		end = strstr(line, "\r\n");
		assert_non_null(end);
		n = (size_t)(end - line);
		if (memchr(line, '\n', n) != NULL ||
		    memchr(line, '\r', n) != NULL)
			fail_msg("bare CR or LF in: %.*s", (int)n, line);
		if (n > 75)
			fail_msg("line of %zu octets: %.*s", n, (int)n, line);
		if (!utf8_valid(line, n))
			fail_msg("line not valid UTF-8: %.*s", (int)n, line);
		if (n == 0)
			fail_msg("empty line");
		if (end[2] != ' ')
			continue;
		if (n + charlen(end + 3) + (end[3] == '\\') <= 75)
			fail_msg("folded early: %.*s", (int)n, line);
		for (i = 0; i < n && line[n - 1 - i] == '\\'; i++)
			continue;
		if (i % 2)
			fail_msg("fold splits an escape: %.*s", (int)n, line);
	}
}

static void
render_plans(struct fixture *f, const struct plan *const *pls, size_t n)
{
	free(f->flat);
	fixture_print(f, &format_ics, pls, n, NOW);
	assert_physical(f->out, f->len);
	f->flat = unfold(f->out);
}

static void
render(struct fixture *f)
{
	const struct plan *pl = &f->pl;

	plan_release(&f->pl);
	fixture_plan(f, &f->pl, &f->p, f->care);
	render_plans(f, &pl, 1);
}

/* Occurrences of needle in haystack. */
static size_t
count(const char *haystack, const char *needle)
{
	size_t n;

	for (n = 0; (haystack = strstr(haystack, needle)) != NULL; n++)
		haystack += strlen(needle);
	return n;
}

/* The values of the unfolded lines that begin with prefix, in order. */
static void
values(const char *flat, const char *prefix, struct strv *sv)
{
	const char *line, *end;
	size_t n = strlen(prefix);

	for (line = flat; (end = strstr(line, "\r\n")) != NULL;
	    line = end + 2)
		if (strncmp(line, prefix, n) == 0)
			strv_pushn(sv, line + n, (size_t)(end - line) - n);
}

/* The one value of the property named by prefix in the n-th event. */
static char *
event_value(const char *flat, size_t n, const char *prefix)
{
	struct strv sv = { 0 };
	const char *ev, *end;
	char *event, *v;
	size_t i;

	ev = flat;
	for (i = 0; i <= n; i++) {
		ev = strstr(ev, "BEGIN:VEVENT\r\n");
		assert_non_null(ev);
		ev += strlen("BEGIN:VEVENT\r\n");
	}
	end = strstr(ev, "END:VEVENT\r\n");
	assert_non_null(end);
	event = strndup(ev - 2, (size_t)(end - ev) + 2);
	event[0] = '\r';
	event[1] = '\n';
	values(event, prefix, &sv);
	free(event);
	if (sv.n == 0)
		return NULL;
	v = strdup(sv.v[0]);
	strv_release(&sv);
	return v;
}

static void
assert_event(const char *flat, size_t n, const char *prefix, const char *want)
{
	char *v;

	v = event_value(flat, n, prefix);
	if (v == NULL)
		fail_msg("event %zu has no %s", n, prefix);
	if (strcmp(v, want) != 0)
		fail_msg("event %zu: %s'%s', want '%s'", n, prefix, v, want);
	free(v);
}

static void
torture_ics_calendar(void **state)
{
	struct fixture *f = *state;

	render(f);
	assert_true(strncmp(f->out, "BEGIN:VCALENDAR\r\n"
	    "VERSION:2.0\r\n"
	    "PRODID:-//prolo//prolo ", 40) == 0);
	assert_non_null(strstr(f->out, "//EN\r\nCALSCALE:GREGORIAN\r\n"
	    "METHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"));
	assert_int_equal(count(f->out, "BEGIN:VCALENDAR\r\n"), 1);
	assert_int_equal(count(f->out, "END:VCALENDAR\r\n"), 1);
	assert_true(f->len > 15 &&
	    strcmp(f->out + f->len - 15, "END:VCALENDAR\r\n") == 0);
	/* One history visit, two planned: two events, each with an alarm. */
	assert_int_equal(count(f->out, "BEGIN:VEVENT\r\n"), 2);
	assert_int_equal(count(f->out, "END:VEVENT\r\n"), 2);
	assert_int_equal(count(f->out, "BEGIN:VALARM\r\n"), 2);
	assert_int_equal(count(f->out, "DTSTAMP:20261118T110640Z\r\n"), 2);
	assert_null(strstr(f->out, "20261110"));
	assert_null(strstr(f->flat, "visit 1 of"));
	assert_event(f->flat, 0, "SUMMARY:", "Prolotherapy visit 2 of 3");
	assert_event(f->flat, 0, "DTSTART;VALUE=DATE:", "20261201");
	assert_event(f->flat, 0, "DTEND;VALUE=DATE:", "20261202");
	assert_event(f->flat, 1, "SUMMARY:", "Prolotherapy visit 3 of 3");
	assert_event(f->flat, 1, "DTSTART;VALUE=DATE:", "20261222");
	assert_event(f->flat, 1, "DTEND;VALUE=DATE:", "20261223");
	/* Planned at no time, a day the clinic has yet to book. */
	assert_event(f->flat, 0, "STATUS:", "TENTATIVE");
	assert_event(f->flat, 1, "STATUS:", "TENTATIVE");
	assert_event(f->flat, 1, "DESCRIPTION:",
	    "Treatment: Dextrose prolotherapy\\, knee osteoarthritis\\n"
	    "Sites: left knee\\; right\\, outer knee\\nInjections: 2");
	assert_non_null(strstr(f->flat, "BEGIN:VALARM\r\nACTION:DISPLAY\r\n"
	    "DESCRIPTION:Prolotherapy visit tomorrow\r\nTRIGGER:-PT15H\r\n"
	    "END:VALARM\r\nEND:VEVENT\r\n"));
	/* The calendar is the patient's: neither name nor ID. */
	assert_null(strstr(f->out, "MRN-0012"));
	assert_null(strstr(f->out, "O'Brien"));
	assert_null(strstr(f->flat, "Brien"));
}

/* A run that plans nothing prints nothing, not an empty calendar. */
static void
torture_ics_nothing_planned(void **state)
{
	struct fixture *f = *state;

	render_plans(f, NULL, 0);
	assert_int_equal(f->len, 0);
}

/* A course with every visit given: a calendar without events. */
static void
torture_ics_course_done(void **state)
{
	struct fixture *f = *state;

	f->p.visits = 1;
	render(f);
	assert_int_equal(count(f->out, "BEGIN:VCALENDAR\r\n"), 1);
	assert_int_equal(count(f->out, "END:VCALENDAR\r\n"), 1);
	assert_null(strstr(f->out, "VEVENT"));
	/* Not empty, which RFC 5545 forbids: a note that the course is done. */
	assert_int_equal(count(f->out, "BEGIN:VJOURNAL\r\n"), 1);
	assert_non_null(strstr(f->flat, "SUMMARY:Prolotherapy course complete: "
	    "no visits left to plan\r\n"));
	assert_non_null(strstr(f->flat, "DTSTART;VALUE=DATE:20261127\r\n"));
	assert_non_null(strstr(f->flat, "DESCRIPTION:You have had all the "
	    "visits in this course."));
	assert_non_null(strstr(f->flat, "STATUS:FINAL\r\n"));
}

/* Several patients share one calendar; their UIDs differ. */
static void
torture_ics_several_patients(void **state)
{
	struct fixture *f = *state;
	struct patient q;
	struct plan other;
	const struct plan *pls[2];
	struct strv a = { 0 }, b = { 0 };

	render(f);
	values(f->flat, "UID:", &a);
	q = f->p;
	q.id = "MRN-0013";
	fixture_plan(f, &other, &q, f->care);
	pls[0] = &f->pl;
	pls[1] = &other;
	render_plans(f, pls, 2);
	plan_release(&other);
	assert_int_equal(count(f->out, "BEGIN:VCALENDAR\r\n"), 1);
	assert_int_equal(count(f->out, "END:VCALENDAR\r\n"), 1);
	assert_int_equal(count(f->out, "BEGIN:VEVENT\r\n"), 4);
	values(f->flat, "UID:", &b);
	assert_int_equal(b.n, 4);
	/* The first patient's UIDs are those of a run of its own. */
	assert_string_equal(b.v[0], a.v[0]);
	assert_string_equal(b.v[1], a.v[1]);
	assert_string_not_equal(b.v[2], a.v[0]);
	assert_string_not_equal(b.v[3], a.v[1]);
	assert_string_not_equal(b.v[2], b.v[3]);
	strv_release(&a);
	strv_release(&b);
}

static void
assert_uid_form(const char *uid)
{
	size_t i;

	assert_int_equal(strlen(uid), 32 + strlen("@prolo"));
	for (i = 0; i < 32; i++)
		if (strchr("0123456789abcdef", uid[i]) == NULL)
			fail_msg("UID not lowercase hex: %s", uid);
	assert_string_equal(uid + 32, "@prolo");
}

/*
 * UIDs name the course and visit number only: a re-planned course
 * keeps them; visits, patients and protocols get their own.
 */
static void
torture_ics_uid_stable(void **state)
{
	struct fixture *f = *state;
	struct strv a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 }, s = { 0 };
	size_t i;

	render(f);
	values(f->flat, "UID:", &a);
	values(f->flat, "DTSTART;VALUE=DATE:", &s);
	/* Later than the last visit allows: a lapse, re-planned. */
	f->p.start = date_from_ymd(2026, 12, 15);
	render(f);
	values(f->flat, "UID:", &b);
	values(f->flat, "DTSTART;VALUE=DATE:", &s);
	assert_int_equal(a.n, 2);
	assert_int_equal(b.n, 2);
	assert_int_equal(s.n, 4);
	assert_string_not_equal(s.v[0], s.v[2]);
	assert_string_not_equal(s.v[1], s.v[3]);
	assert_string_equal(a.v[0], b.v[0]);
	assert_string_equal(a.v[1], b.v[1]);
	assert_string_not_equal(a.v[0], a.v[1]);
	for (i = 0; i < a.n; i++)
		assert_uid_form(a.v[i]);
	/*
	 * The preimage is the documented one: "prolo-uid-v1", ID,
	 * protocol, "visit", number, NUL between; computed with Python's
	 * hashlib.
	 */
	assert_string_equal(a.v[0], "86aaf6f4300e7cae342929dee995bb37@prolo");

	f->p.id = "MRN-0099";
	render(f);
	values(f->flat, "UID:", &c);
	assert_string_not_equal(c.v[0], a.v[0]);
	assert_string_not_equal(c.v[1], a.v[1]);
	f->p.id = "MRN-0012";
	f->pr.id = "knee-test";
	render(f);
	values(f->flat, "UID:", &d);
	assert_string_not_equal(d.v[0], a.v[0]);
	strv_release(&a);
	strv_release(&b);
	strv_release(&c);
	strv_release(&d);
	strv_release(&s);
}

/*
 * Backslash, semicolon, comma and line breaks in TEXT (3.3.11); other
 * controls but HTAB dropped.
 */
static void
torture_ics_escaping(void **state)
{
	struct fixture *f = *state;

	strv_release(&f->p.sites);
	strv_push(&f->p.sites, "a;b,c\\d");
	strv_push(&f->p.sites, "\\;\\,:\"");
	free(f->care->cal_alarm);
	f->care->cal_alarm = strdup("Tomorrow,\nbring; your\r\nscans\\x\r!"
	    "\a\tok\x7f");
	render(f);
	assert_event(f->flat, 0, "DESCRIPTION:",
	    "Treatment: Dextrose prolotherapy\\, knee osteoarthritis\\n"
	    "Sites: a\\;b\\,c\\\\d\\; \\\\\\;\\\\\\,:\"\\nInjections: 2");
	assert_int_equal(count(f->flat, "DESCRIPTION:Tomorrow\\,\\nbring\\; "
	    "your\\nscans\\\\x\\n!\tok\r\n"), 2);
}

/* TEXT escaping written out again, to check the back end's against. */
static char *
escape(const char *s)
{
	char *out, *q;

	out = q = malloc(2 * strlen(s) + 1);
	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			*q++ = '\\';
			*q++ = 'n';
			continue;
		}
		if (*s == '\\' || *s == ';' || *s == ',')
			*q++ = '\\';
		*q++ = *s;
	}
	*q = '\0';
	return out;
}

/*
 * Folding at every offset: words of 80 bytes, emoji, Hebrew and
 * Arabic, combining marks, each shifted by 0 to 4 bytes so that
 * sequences of every length meet the 75th octet.  Unfolding gives
 * the escaped text back exactly.
 */
static void
torture_ics_fold_utf8(void **state)
{
	static const char *const words[] = {
		"\xce\xa9",
		"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaaaaaaaaaaaaa",
		"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		    "\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
		/* Hebrew and Arabic: "left knee", right to left. */
		"\xd7\x91\xd7\xa8\xd7\x9a \xd7\xa9\xd7\x9e\xd7\x90\xd7\x9c "
		    "\xd7\x91\xd7\xa8\xd7\x9a \xd7\xa9\xd7\x9e\xd7\x90\xd7\x9c "
		    "\xd7\x91\xd7\xa8\xd7\x9a \xd7\xa9\xd7\x9e\xd7\x90\xd7\x9c",
		"\xd8\xa7\xd9\x84\xd8\xb1\xd9\x83\xd8\xa8\xd8\xa9 "
		    "\xd8\xa7\xd9\x84\xd9\x8a\xd8\xb3\xd8\xb1\xd9\x89 "
		    "\xd8\xa7\xd9\x84\xd8\xb1\xd9\x83\xd8\xa8\xd8\xa9 "
		    "\xd8\xa7\xd9\x84\xd9\x8a\xd8\xb3\xd8\xb1\xd9\x89",
		/* e and a combining acute accent, over and over. */
		"e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
		    "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
		    "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
		    "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
		    "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81",
		/* CJK, three octets a character. */
		"\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e"
		    "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e"
		    "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e"
		    "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e",
		/* Escapes, two octets each, at both parities of the fold. */
		",;\\,;\\,;\\,;\\,;\\,;\\,;\\,;\\,;\\,;\\"
		    ",;\\,;\\,;\\,;\\,;\\,;\\,;\\,;\\,;\\,;\\"
		    ",;\\,;\\,;\\,;\\,;\\,;\\,;\\,;\\,;\\,;\\",
		"knee, left; right\\ "
		    "\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e"
		    "\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e"
		    "\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e\xf0\x9d\x84\x9e",
	};
	struct fixture *f = *state;
	const size_t nwords = sizeof(words) / sizeof(*words);
	char pad[8], *p, *sites, *esc, *want;
	size_t shift, i;

	assert_int_equal(strlen(words[1]), 80);
	/* Nine sites at knee-oa's usual 15 mL: over lidocaine's limit. */
	f->p.volume = 1000;
	for (shift = 0; shift < 5; shift++) {
		memset(pad, 'x', shift);
		pad[shift] = '\0';
		strv_release(&f->p.sites);
		for (i = 0; i < nwords; i++) {
			p = malloc(shift + strlen(words[i]) + 1);
			memcpy(p, pad, shift);
			strcpy(p + shift, words[i]);
			assert_true(utf8_valid(p, strlen(p)));
			strv_push(&f->p.sites, p);
			free(p);
		}
		render(f);
		/* Each description was folded, many times. */
		assert_true(count(f->out, "\r\n ") >= 2 * 6);
		sites = strv_join(&f->p.sites, "; ");
		esc = escape(sites);
		want = malloc(strlen(esc) + 200);
		sprintf(want, "Treatment: Dextrose prolotherapy\\, knee "
		    "osteoarthritis\\nSites: %s\\nInjections: %zu", esc,
		    nwords);
		assert_event(f->flat, 0, "DESCRIPTION:", want);
		assert_event(f->flat, 1, "DESCRIPTION:", want);
		free(want);
		free(esc);
		free(sites);
	}
}

/* An all-day event ends the next day, across months, years and leap days. */
static void
torture_ics_dtend(void **state)
{
	static const struct {
		int	y, m, d;
		const char *start, *end;
	} t[] = {
		{ 2026, 4, 30, "20260430", "20260501" },
		{ 2026, 12, 31, "20261231", "20270101" },
		{ 2027, 1, 31, "20270131", "20270201" },
		{ 2027, 2, 28, "20270228", "20270301" },
		{ 2028, 2, 28, "20280228", "20280229" },
		{ 2028, 2, 29, "20280229", "20280301" },
		{ 2099, 12, 31, "20991231", "21000101" },
		{ 2100, 2, 28, "21000228", "21000301" },
	};
	struct fixture *f = *state;
	struct plan_visit v[sizeof(t) / sizeof(*t)];
	struct plan_hold h[2];
	struct plan pl;
	const struct plan *pls[1] = { &pl };
	size_t i, n = sizeof(t) / sizeof(*t);

	memset(&pl, 0, sizeof(pl));
	pl.patient = &f->p;
	pl.protocol = &f->pr;
	pl.care = f->care;
	pl.per_visit = 2;
	for (i = 0; i < n; i++)
		v[i] = (struct plan_visit){
		    date_from_ymd(t[i].y, t[i].m, t[i].d), VISIT_PLANNED,
		    (int)i + 1, i ? 30 : -1, 0, TIME_NONE, NULL };
	pl.visits = v;
	pl.nvisits = n;
	/* A one-day hold and one across the year's end. */
	h[0] = (struct plan_hold){ "aspirin", date_from_ymd(2027, 2, 28),
	    date_from_ymd(2027, 2, 28), 0 };
	h[1] = (struct plan_hold){ "aspirin", date_from_ymd(2026, 12, 25),
	    date_from_ymd(2026, 12, 31), 0 };
	pl.holds = h;
	pl.nholds = 2;
	render_plans(f, pls, 1);
	assert_int_equal(count(f->out, "BEGIN:VEVENT\r\n"), n + 2);
	for (i = 0; i < n; i++) {
		assert_event(f->flat, i, "DTSTART;VALUE=DATE:", t[i].start);
		assert_event(f->flat, i, "DTEND;VALUE=DATE:", t[i].end);
	}
	/* Pauses come in date order. */
	assert_event(f->flat, n, "DTSTART;VALUE=DATE:", "20261225");
	assert_event(f->flat, n, "DTEND;VALUE=DATE:", "20270101");
	assert_event(f->flat, n + 1, "DTSTART;VALUE=DATE:", "20270228");
	assert_event(f->flat, n + 1, "DTEND;VALUE=DATE:", "20270301");
	/* Each pause is named by its first visit's number. */
	assert_event(f->flat, n, "UID:", "5366bdf67c6a37a8a2e4aec46100b41e@prolo");
	assert_event(f->flat, n + 1, "UID:",
	    "deda42363c2c959621d4c9ca1458885f@prolo");
}

/*
 * A pause is an all-day event from the first day without the drug to
 * the day after the last, free time, with no alarm; its description
 * gives the last day to take it and the day to start again.
 */
static void
torture_ics_holds(void **state)
{
	struct fixture *f = *state;
	struct strv uids = { 0 };
	char *v;
	size_t i, j;

	strv_push(&f->p.medications, "naproxen");
	f->pr.holds = calloc(1, sizeof(*f->pr.holds));
	strv_push(&f->pr.holds[0].drugs, "naproxen");
	f->pr.holds[0].stop_before = 3;
	f->pr.holds[0].resume_after = 7;
	f->pr.nholds = 1;
	render(f);
	assert_int_equal(f->pl.nholds, 2);
	/* Two visits, then two holds. */
	assert_int_equal(count(f->out, "BEGIN:VEVENT\r\n"), 4);
	assert_int_equal(count(f->out, "BEGIN:VALARM\r\n"), 2);
	assert_int_equal(count(f->out, "TRANSP:TRANSPARENT\r\n"), 2);
	assert_event(f->flat, 2, "SUMMARY:", "Medicines to pause: naproxen");
	assert_event(f->flat, 2, "DTSTART;VALUE=DATE:", "20261128");
	assert_event(f->flat, 2, "DTEND;VALUE=DATE:", "20261209");
	assert_event(f->flat, 2, "DESCRIPTION:", "For visit 2 on Tuesday 1 "
	    "December 2026: Take your last dose of naproxen on Friday 27 "
	    "November 2026. Start taking it again on Wednesday 9 December "
	    "2026.");
	assert_event(f->flat, 3, "DTSTART;VALUE=DATE:", "20261219");
	assert_event(f->flat, 3, "DTEND;VALUE=DATE:", "20261230");
	assert_event(f->flat, 2, "STATUS:", "CONFIRMED");
	assert_event(f->flat, 3, "STATUS:", "CONFIRMED");
	for (i = 2; i < 4; i++) {
		assert_null(event_value(f->flat, i, "TRIGGER:"));
		assert_null(event_value(f->flat, i, "BEGIN:VALARM"));
		v = event_value(f->flat, i, "DTSTAMP:");
		assert_string_equal(v, "20261118T110640Z");
		free(v);
	}
	values(f->flat, "UID:", &uids);
	assert_int_equal(uids.n, 4);
	for (i = 0; i < uids.n; i++) {
		assert_uid_form(uids.v[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(uids.v[i], uids.v[j]);
	}
	strv_release(&uids);
}

/*
 * A pause that needs the prescriber's agreement says so in its SUMMARY,
 * the one line a phone shows, and in full in its DESCRIPTION; a medicine
 * never paused gets no event at all.
 */
static void
torture_ics_prescribed(void **state)
{
	struct fixture *f = *state;
	char *v;

	strv_push(&f->p.medications, "Aspirin EC 81 mg daily");
	strv_push(&f->p.medications, "warfarin 5 mg");
	f->pr.holds = calloc(1, sizeof(*f->pr.holds));
	f->pr.holds[0].class_id = "low-dose-aspirin";
	f->pr.holds[0].stop_before = 3;
	f->pr.holds[0].resume_after = 7;
	f->pr.nholds = 1;
	render(f);
	free(f->pr.holds);
	f->pr.holds = NULL;
	f->pr.nholds = 0;
	assert_int_equal(f->pl.nholds, 2);
	assert_true(f->pl.holds[0].prescribed && f->pl.holds[1].prescribed);
	assert_int_equal(count(f->out, "BEGIN:VEVENT\r\n"), 4);
	assert_event(f->flat, 2, "SUMMARY:", "Medicines to pause: Aspirin EC "
	    "81 mg daily (ask your doctor before you stop it)");
	assert_event(f->flat, 3, "SUMMARY:", "Medicines to pause: Aspirin EC "
	    "81 mg daily (ask your doctor before you stop it)");
	v = event_value(f->flat, 2, "DESCRIPTION:");
	assert_non_null(v);
	assert_non_null(strstr(v, "Ask the doctor who prescribed Aspirin EC "
	    "81 mg daily before you stop it. Only if they agree\\, take your "
	    "last dose on Friday 27 November 2026 and start taking it again "
	    "on Wednesday 9 December 2026."));
	free(v);
	assert_null(strstr(f->flat, "SUMMARY:Medicines to pause: Aspirin EC 81 "
	    "mg daily\r\n"));
	assert_null(strstr(f->flat, "warfarin"));
}

/*
 * Issue 13's states: visits given or missed are no events; a booked
 * visit is CONFIRMED, at its time when it has one (45 minutes long with
 * no clinic file to say otherwise), all day when not; a planned one
 * without a time TENTATIVE, with one CONFIRMED.  Events are numbered
 * and their UIDs made by the visit's number in the course, which the
 * missed visit does not shift, out of the visits of the course.
 */
static void
torture_ics_issue13(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };

	fixture_eventful(f);
	render_plans(f, pls, 1);
	assert_int_equal(count(f->out, "BEGIN:VEVENT\r\n"), 3);
	assert_int_equal(count(f->out, "BEGIN:VALARM\r\n"), 3);
	assert_null(strstr(f->out, "VJOURNAL"));
	assert_null(strstr(f->out, "202610"));
	assert_event(f->flat, 0, "SUMMARY:", "Prolotherapy visit 3 of 5");
	assert_event(f->flat, 0, "UID:",
	    "96f073dcf70ccd087d5d50671f95e9da@prolo");
	assert_event(f->flat, 0, "DTSTART:", "20261201T093000");
	assert_event(f->flat, 0, "DTEND:", "20261201T101500");
	assert_event(f->flat, 0, "STATUS:", "CONFIRMED");
	assert_event(f->flat, 0, "TRIGGER:", "-P1D");
	assert_event(f->flat, 1, "SUMMARY:", "Prolotherapy visit 4 of 5");
	assert_event(f->flat, 1, "UID:",
	    "b02e909c270557590f83fccd0546e75b@prolo");
	assert_event(f->flat, 1, "DTSTART;VALUE=DATE:", "20261222");
	assert_event(f->flat, 1, "STATUS:", "CONFIRMED");
	assert_event(f->flat, 1, "TRIGGER:", "-PT15H");
	assert_event(f->flat, 2, "SUMMARY:", "Prolotherapy visit 5 of 5");
	assert_event(f->flat, 2, "UID:",
	    "931570b988e5aa84c70c45f19a6324f3@prolo");
	assert_event(f->flat, 2, "DTSTART;VALUE=DATE:", "20270112");
	assert_event(f->flat, 2, "STATUS:", "TENTATIVE");
	/* A planned visit at the clinic's time is as sure as a booked one. */
	f->pl.visits[5].time = 14 * 60;
	render_plans(f, pls, 1);
	assert_event(f->flat, 2, "DTSTART:", "20270112T140000");
	assert_event(f->flat, 2, "STATUS:", "CONFIRMED");
	assert_null(strstr(f->out, "TENTATIVE"));
}

/*
 * A course ended early with nothing to come: no event, one journal
 * entry that says it ended and why, not that it is complete, in the
 * patient's language, under a UID of its own.
 */
static void
torture_ics_ended(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };
	struct diag d = { 0 };
	struct care *sp;
	char *buf;
	size_t len;

	fixture_ended(f);
	render_plans(f, pls, 1);
	assert_null(strstr(f->out, "VEVENT"));
	assert_int_equal(count(f->out, "BEGIN:VJOURNAL\r\n"), 1);
	assert_non_null(strstr(f->flat, "UID:"
	    "910821b0365db926af55af3abcebf243@prolo\r\n"));
	assert_non_null(strstr(f->flat, "DTSTART;VALUE=DATE:20261127\r\n"
	    "STATUS:FINAL\r\nSUMMARY:Prolotherapy course ended early: no "
	    "visits left to plan\r\nDESCRIPTION:Your course ended early on "
	    "Friday 20 November 2026: better after 3 visits. No more visits "
	    "are planned.\r\nEND:VJOURNAL\r\n"));
	assert_null(strstr(f->flat, "complete"));
	assert_int_equal(file_read("data/care.es.yaml", TREE_MAX_BYTES, &buf,
	    &len), 0);
	sp = care_load("data/care.es.yaml", buf, len, &d);
	free(buf);
	diag_release(&d);
	assert_non_null(sp);
	f->pl.care = sp;
	render_plans(f, pls, 1);
	assert_non_null(strstr(f->flat, "SUMMARY:Pauta de proloterapia "
	    "terminada antes de lo previsto: no quedan visitas por "
	    "programar\r\nDESCRIPTION:Su pauta terminó antes de lo previsto\\, "
	    "el viernes 20 de noviembre de 2026: better after 3 visits. No "
	    "hay más visitas previstas.\r\n"));
	care_free(sp);
	/* A course ended, with a visit still to come, has that event. */
	f->pl.visits[2].status = VISIT_BOOKED;
	f->pl.care = f->care;
	render_plans(f, pls, 1);
	assert_int_equal(count(f->out, "BEGIN:VEVENT\r\n"), 1);
	assert_null(strstr(f->out, "VJOURNAL"));
}

/* DTSTAMP is UTC from the printer's clock, by day arithmetic. */
static void
torture_ics_dtstamp(void **state)
{
	static const struct {
		long long	 now;
		const char	*want;
	} t[] = {
		{ 0, "19700101T000000Z" },
		{ 86399, "19700101T235959Z" },
		{ 951825599, "20000229T115959Z" },
		{ 1795000000, "20261118T110640Z" },
		{ 4102444800LL, "21000101T000000Z" },
		{ -1, "19700101T000000Z" },
	};
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };
	size_t i;
	char *flat, *v;

	fixture_plan(f, &f->pl, &f->p, f->care);
	for (i = 0; i < sizeof(t) / sizeof(*t); i++) {
		fixture_print(f, &format_ics, pls, 1, t[i].now);
		flat = unfold(f->out);
		v = event_value(flat, 0, "DTSTAMP:");
		assert_string_equal(v, t[i].want);
		free(v);
		free(flat);
		free(f->out);
		f->out = NULL;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(torture_ics_calendar,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_nothing_planned,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_course_done,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_several_patients,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_uid_stable,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_escaping,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_fold_utf8,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_dtend,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_holds,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_prescribed,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_ics_issue13,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_ended,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(torture_ics_dtstamp,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
