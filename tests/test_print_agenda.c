#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "date.h"
#include "fixture.h"
#include "plan.h"
#include "print_agenda.h"
#include "utf8.h"

/*
 * The agenda's formats (print_agenda.c), writing into memory: every day
 * of the range in the text and the page, the CSV's columns, quoting and
 * formula guard, the page's escaping, and the clinic's calendar with
 * patients named but UIDs that hide them.
 */

#define D(y, m, d)	date_from_ymd((y), (m), (d))
#define NOW		1795000000LL	/* 2026-11-18T11:06:40Z */

/*
 * The fixture's patient (O'Brien, "Jo", 0012) booked Tue 12-01 at
 * 09:30, planned Thu 12-03 at no time, with an allergy and a pause;
 * the agenda runs from Mon 11-30 to Thu 12-03.
 */
static const struct fixture_visit course[] = {
	{ 2026, 11, 10, VISIT_DONE, 0, TIME_NONE },
	{ 2026, 12, 1, VISIT_BOOKED, 0, 9 * 60 + 30 },
	{ 2026, 12, 3, VISIT_PLANNED, 0, TIME_NONE },
};

struct state {
	struct fixture	*f;
	struct agenda	 a;
	struct plan_hold hold;
	char		*out;
	size_t		 len;
};

static int
setup(void **state)
{
	struct state *s;
	struct plan_warning *w;
	void *fs;

	if (fixture_setup(&fs) != 0)
		return -1;
	s = calloc(1, sizeof(*s));
	s->f = fs;
	fixture_course(s->f, course, 3);
	w = fixture_warn(s->f, PLAN_W_ALLERGY);
	w->subject = "lidocaine";
	s->hold = (struct plan_hold){ "ibuprofen", D(2026, 11, 28),
	    D(2026, 12, 4), 0 };
	s->f->pl.holds = &s->hold;
	s->f->pl.nholds = 1;
	agenda_init(&s->a, D(2026, 11, 30), D(2026, 12, 3), NULL);
	agenda_add(&s->a, &s->f->pl);
	agenda_sort(&s->a);
	s->f->pl.holds = NULL;
	s->f->pl.nholds = 0;
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	struct state *s = *state;
	void *fs = s->f;

	agenda_release(&s->a);
	free(s->out);
	free(s);
	return fixture_teardown(&fs);
}

static void
render(struct state *s, const char *format)
{
	const struct agenda_format *f;
	FILE *fp;

	assert_non_null(f = print_agenda_find(format));
	free(s->out);
	fp = open_memstream(&s->out, &s->len);
	print_agenda(&s->a, f, fp, NOW);
	fclose(fp);
}

static int
count(const char *s, const char *what)
{
	int n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

static void
torture_print_agenda_find(void **state)
{
	(void)state;
	assert_ptr_equal(print_agenda_find("text"), &agenda_text);
	assert_ptr_equal(print_agenda_find("csv"), &agenda_csv);
	assert_ptr_equal(print_agenda_find("html"), &agenda_html);
	assert_ptr_equal(print_agenda_find("ics"), &agenda_ics);
	assert_null(print_agenda_find("json"));
	assert_null(print_agenda_find("TEXT"));
	assert_string_equal(print_agenda_names(), "text, csv, html or ics");
}

/* Every day, the empty ones too; no line past 80 columns. */
static void
torture_print_agenda_text(void **state)
{
	struct state *s = *state;
	const char *p, *nl;

	render(s, "text");
	assert_true(strncmp(s->out, "Agenda from Mon 2026-11-30 to Thu "
	    "2026-12-03\n============================================\n",
	    89) == 0);
	assert_non_null(strstr(s->out, "\nMon 2026-11-30: no visits\n"));
	assert_non_null(strstr(s->out, "\nWed 2026-12-02: no visits\n"));
	assert_non_null(strstr(s->out, "\nTue 2026-12-01: 1 visit\n"
	    "-----------------------\n"
	    "  09:30  O'Brien, \"Jo\" (0012)  visit 2 of 3  booked\n"
	    "         knee-oa: left knee; right, outer knee (30 mL, lidocaine "
	    "150 mg)\n"
	    "         ! allergy to the solution: lidocaine\n"
	    "         ! should not be taking ibuprofen since Sat "
	    "2026-11-28\n"));
	assert_non_null(strstr(s->out, "\n  --:--  O'Brien, \"Jo\" (0012)  "
	    "visit 3 of 3  planned\n"));
	assert_int_equal(count(s->out, ": no visits"), 2);
	for (p = s->out; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		assert_true(utf8_width(p, (size_t)(nl - p)) <= 80);
}

/* A name wider than the line has: on a line of its own, nothing cut. */
static void
torture_print_agenda_text_long(void **state)
{
	struct state *s = *state;
	const char *p, *nl;
	char *name;

	name = s->a.entries[0].patient_name;
	s->a.entries[0].patient_name = "Maximiliana Genoveva Esperanza "
	    "de los Santos Villanueva-Ortiz";
	render(s, "text");
	s->a.entries[0].patient_name = name;
	assert_non_null(strstr(s->out, "  09:30  Maximiliana Genoveva "
	    "Esperanza de los Santos Villanueva-Ortiz\n"));
	assert_non_null(strstr(s->out, "(0012)"));
	assert_non_null(strstr(s->out, "visit 2 of 3  booked\n"));
	for (p = s->out; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		assert_true(utf8_width(p, (size_t)(nl - p)) <= 80);
}

/* One header, a row per visit, RFC 4180 quoting, the formula guard. */
static void
torture_print_agenda_csv(void **state)
{
	struct state *s = *state;
	char *name;

	render(s, "csv");
	assert_string_equal(s->out,
	    "date,weekday,time,patient_id,patient_name,protocol,visit,visits,"
	    "sites,status,flags,volume_ml,lidocaine_mg,lidocaine_mg_per_kg\r\n"
	    "2026-12-01,Tue,09:30,0012,\"O'Brien, \"\"Jo\"\"\",knee-oa,2,3,"
	    "\"left knee; right, outer knee\",booked,allergy to the solution: "
	    "lidocaine; should not be taking ibuprofen since Sat 2026-11-28,"
	    "30,150,2.14\r\n"
	    "2026-12-03,Thu,,0012,\"O'Brien, \"\"Jo\"\"\",knee-oa,3,3,"
	    "\"left knee; right, outer knee\",planned,allergy to the solution: "
	    "lidocaine; should not be taking ibuprofen since Sat 2026-11-28,"
	    "30,150,2.14\r\n");
	name = s->a.entries[0].patient_name;
	s->a.entries[0].patient_name = "=HYPERLINK(\"x\")";
	render(s, "csv");
	s->a.entries[0].patient_name = name;
	assert_non_null(strstr(s->out, ",0012,\"'=HYPERLINK(\"\"x\"\")\","));
}

/* A page with a table per day of visits, everything escaped. */
static void
torture_print_agenda_html(void **state)
{
	struct state *s = *state;
	char *name;

	name = s->a.entries[0].patient_name;
	s->a.entries[0].patient_name = "<script>alert('x')</script> & Co";
	render(s, "html");
	s->a.entries[0].patient_name = name;
	assert_true(strncmp(s->out, "<!DOCTYPE html>\n<html lang=\"en\">",
	    31) == 0);
	assert_non_null(strstr(s->out, "<title>Agenda from Mon 2026-11-30 "
	    "to Thu 2026-12-03</title>"));
	assert_null(strstr(s->out, "<script"));
	assert_non_null(strstr(s->out, "&lt;script&gt;alert(&#39;x&#39;)"
	    "&lt;/script&gt; &amp; Co"));
	assert_non_null(strstr(s->out, "O&#39;Brien, &quot;Jo&quot;"));
	assert_int_equal(count(s->out, "<section class=\"day\">"), 4);
	assert_int_equal(count(s->out, "<table>"), 2);
	assert_int_equal(count(s->out, "No visits."), 2);
	assert_non_null(strstr(s->out, "<td class=\"time\">09:30</td>"));
	assert_int_equal(count(s->out, "<span class=\"notime\">no time"),
	    1);
	assert_int_equal(count(s->out, "<colgroup>"), 2);
	assert_non_null(strstr(s->out, "<li>allergy to the solution: "
	    "lidocaine</li>"));
	assert_true(s->len > 16 && strcmp(s->out + s->len - 16,
	    "</body>\n</html>\n") == 0);
}

/* The UID of the n-th event, or NULL. */
static char *
uid(const char *ics, int n)
{
	const char *p = ics;
	size_t len;

	while (n-- >= 0)
		if ((p = strstr(p, "\r\nUID:")) == NULL)
			return NULL;
		else
			p += 6;
	len = strcspn(p, "\r");
	return strndup(p, len);
}

/*
 * The clinic's calendar: a timed event for the clinic's visit, an
 * all-day one that leaves the day free, patients named, UIDs hashed
 * and stable, lines folded.
 */
static void
torture_print_agenda_ics(void **state)
{
	struct state *s = *state;
	char *u0, *u1, *again;
	const char *p, *nl;

	render(s, "ics");
	assert_true(strncmp(s->out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
	    30) == 0);
	assert_int_equal(count(s->out, "BEGIN:VEVENT\r\n"), 2);
	assert_non_null(strstr(s->out, "DTSTART:20261201T093000\r\n"
	    "DURATION:PT45M\r\n"));
	assert_non_null(strstr(s->out, "DTSTART;VALUE=DATE:20261203\r\n"
	    "DTEND;VALUE=DATE:20261204\r\nTRANSP:TRANSPARENT\r\n"));
	assert_non_null(strstr(s->out, "SUMMARY:O'Brien\\, \"Jo\" (0012): "
	    "knee-oa\\, visit 2 of 3\r\n"));
	assert_non_null(strstr(s->out, "STATUS:CONFIRMED\r\n"));
	assert_non_null(strstr(s->out, "STATUS:TENTATIVE\r\n"));
	assert_non_null(strstr(s->out, "DTSTAMP:20261118T110640Z\r\n"));
	assert_true(strcmp(s->out + s->len - 15, "END:VCALENDAR\r\n") == 0);
	u0 = uid(s->out, 0);
	u1 = uid(s->out, 1);
	assert_non_null(u0);
	assert_non_null(u1);
	assert_int_equal(strlen(u0), 32 + strlen("@prolo"));
	assert_null(strstr(u0, "0012"));
	assert_string_not_equal(u0, u1);
	for (p = s->out; (nl = strstr(p, "\r\n")) != NULL; p = nl + 2)
		assert_true(nl - p <= 75);
	/* The same visit, another run and another range: the same UID. */
	s->a.from = D(2026, 12, 1);
	render(s, "ics");
	again = uid(s->out, 0);
	assert_string_equal(again, u0);
	free(again);
	free(u0);
	free(u1);
}

/* A range with no visits: the days in text, a header in CSV, a calendar with none. */
static void
torture_print_agenda_empty(void **state)
{
	struct state *s = *state;

	s->a.from = s->a.to = D(2026, 12, 2);
	s->a.n = 0;
	render(s, "text");
	assert_string_equal(s->out, "Agenda from Wed 2026-12-02 to Wed "
	    "2026-12-02\n============================================\n\n"
	    "Wed 2026-12-02: no visits\n");
	render(s, "csv");
	assert_string_equal(s->out, "date,weekday,time,patient_id,"
	    "patient_name,protocol,visit,visits,sites,status,flags,volume_ml,"
	    "lidocaine_mg,lidocaine_mg_per_kg\r\n");
	render(s, "ics");
	assert_int_equal(count(s->out, "BEGIN:VEVENT"), 0);
	assert_non_null(strstr(s->out, "END:VCALENDAR\r\n"));
	s->a.n = 2;
}

/* An agenda that never had an entry, so no array: every format, every day. */
static void
torture_print_agenda_none(void **state)
{
	static const char *const names[] = { "text", "csv", "html", "ics" };
	struct state *s = *state;
	struct agenda full;
	size_t i;

	full = s->a;
	agenda_init(&s->a, D(2026, 12, 1), D(2026, 12, 7), NULL);
	for (i = 0; i < 4; i++) {
		render(s, names[i]);
		assert_true(s->len > 0);
	}
	assert_int_equal(count(s->out, "BEGIN:VEVENT"), 0);
	render(s, "text");
	assert_int_equal(count(s->out, ": no visits\n"), 7);
	s->a = full;
}

#define TEST(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(torture_print_agenda_find),
		TEST(torture_print_agenda_text),
		TEST(torture_print_agenda_text_long),
		TEST(torture_print_agenda_csv),
		TEST(torture_print_agenda_html),
		TEST(torture_print_agenda_ics),
		TEST(torture_print_agenda_empty),
		TEST(torture_print_agenda_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
