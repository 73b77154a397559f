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
#include "dosing.h"
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
 * The back ends, writing into memory: CSV fields and rows exactly, the
 * handout's content, width and the protocol's own care text.
 */

#define CSV_HEADER \
	"patient_id,patient_name,protocol,visit,visits,date,weekday," \
	"interval_days,sites,injections,status,time,review,restart,ended," \
	"ended_reason,volume_ml,lidocaine_mg,lidocaine_mg_per_kg,pain,function," \
	"function_value,function_worst\r\n"

/*
 * A visit's dose, of the fixture's two knees and of one, at 70 kg; and
 * the four cells of a visit with no scores, ending the row.
 */
#define DOSE2	",30,150,2.14"
#define DOSE1	",15,75,1.07"
#define NOSCORE	",,,,\r\n"

/* The shipped Spanish care text; the caller frees it. */
static struct care *
spanish(void)
{
	struct diag d = { 0 };
	struct care *c;
	char *buf;
	size_t len;

	assert_int_equal(file_read("data/care.es.yaml", TREE_MAX_BYTES, &buf,
	    &len), 0);
	c = care_load("data/care.es.yaml", buf, len, &d);
	free(buf);
	diag_release(&d);
	assert_non_null(c);
	return c;
}

/*
 * The one CSV quoting: RFC 4180 quotes around a comma, a quote or a
 * line break, quotes doubled, and the spreadsheet-formula guard on every
 * character a spreadsheet starts a formula with, inside the quotes.
 */
static void
torture_print_csv_cell(void **state)
{
	static const struct {
		const char	*in;
		const char	*guarded;
		const char	*raw;
	} cases[] = {
		{ "plain", "plain", "plain" },
		{ "", "", "" },
		{ "a,b", "\"a,b\"", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\"" },
		{ "two\nlines", "\"two\nlines\"", "\"two\nlines\"" },
		{ "cr\rhere", "\"cr\rhere\"", "\"cr\rhere\"" },
		{ "=1+2", "'=1+2", "=1+2" },
		{ "+1", "'+1", "+1" },
		{ "-1", "'-1", "-1" },
		{ "@SUM(A1)", "'@SUM(A1)", "@SUM(A1)" },
		{ "\t=1", "'\t=1", "\t=1" },
		{ "\r=1", "\"'\r=1\"", "\"\r=1\"" },
		{ "\n=1", "\"'\n=1\"", "\"\n=1\"" },
		{ "=HYPERLINK(\"x\",1)", "\"'=HYPERLINK(\"\"x\"\",1)\"",
		    "\"=HYPERLINK(\"\"x\"\",1)\"" },
		{ "a=b-c", "a=b-c", "a=b-c" },
		{ "O'Brien", "O'Brien", "O'Brien" },
	};
	char cell[PRINT_CSV_CELL(32) + 1];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		assert_true(strlen(cases[i].in) <= 32);
		memset(cell, 'X', sizeof(cell));
		n = print_csv_cell(cell, cases[i].in, 0);
		assert_true(n <= PRINT_CSV_CELL(strlen(cases[i].in)));
		cell[n] = '\0';
		assert_string_equal(cell, cases[i].guarded);
		n = print_csv_cell(cell, cases[i].in, 1);
		cell[n] = '\0';
		assert_string_equal(cell, cases[i].raw);
	}
	/* The worst cases fill the room exactly: quoted, guarded, doubled. */
	assert_int_equal(print_csv_cell(cell, "\"\"\"", 0),
	    PRINT_CSV_CELL(3));
	assert_int_equal(print_csv_cell(cell, "=\"", 0), PRINT_CSV_CELL(2));
}

static void
torture_print_csv_rows(void **state)
{
	struct fixture *f = *state;

	fixture_render(f, &format_csv, f->care, 2);
	assert_string_equal(f->out, CSV_HEADER
	    "0012,\"O'Brien, \"\"Jo\"\"\",knee-oa,1,3,2026-11-10,Tue,,"
	    "\"left knee; right, outer knee\",2,done,,,,," DOSE2 NOSCORE
	    "0012,\"O'Brien, \"\"Jo\"\"\",knee-oa,2,3,2026-12-01,Tue,21,"
	    "\"left knee; right, outer knee\",2,planned,,,,," DOSE2 NOSCORE
	    "0012,\"O'Brien, \"\"Jo\"\"\",knee-oa,3,3,2026-12-22,Tue,21,"
	    "\"left knee; right, outer knee\",2,planned,,,,," DOSE2 NOSCORE
	    "0012,\"O'Brien, \"\"Jo\"\"\",knee-oa,1,3,2026-11-10,Tue,,"
	    "\"left knee; right, outer knee\",2,done,,,,," DOSE2 NOSCORE
	    "0012,\"O'Brien, \"\"Jo\"\"\",knee-oa,2,3,2026-12-01,Tue,21,"
	    "\"left knee; right, outer knee\",2,planned,,,,," DOSE2 NOSCORE
	    "0012,\"O'Brien, \"\"Jo\"\"\",knee-oa,3,3,2026-12-22,Tue,21,"
	    "\"left knee; right, outer knee\",2,planned,,,,," DOSE2 NOSCORE);
}

/*
 * Issue 13's states: the status column says done, missed, booked or
 * planned; a missed visit has no number, no interval and no injections,
 * and the course's visits do not count it; the visit where the course
 * restarts has no interval and says "yes" under restart; a booked
 * visit keeps its time.
 */
static void
torture_print_csv_issue13(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };

	f->p.name = "Jo";
	strv_release(&f->p.sites);
	strv_push(&f->p.sites, "left knee");
	fixture_eventful(f);
	f->pl.review = 4;
	fixture_print(f, &format_csv, pls, 1, 0);
	/* A missed visit gives no dose either. */
	assert_string_equal(f->out, CSV_HEADER
	    "0012,Jo,knee-oa,1,5,2026-10-06,Tue,,left knee,1,done,,,,," DOSE1 NOSCORE
	    "0012,Jo,knee-oa,,5,2026-10-20,Tue,,left knee,0,missed,,,,,,,,"
	    NOSCORE
	    "0012,Jo,knee-oa,2,5,2026-10-27,Tue,21,left knee,1,done,,,,," DOSE1 NOSCORE
	    "0012,Jo,knee-oa,3,5,2026-12-01,Tue,,left knee,1,booked,09:30,,"
	    "yes,," DOSE1 NOSCORE
	    "0012,Jo,knee-oa,4,5,2026-12-22,Tue,21,left knee,1,booked,,yes,,,"
	    DOSE1 NOSCORE
	    "0012,Jo,knee-oa,5,5,2027-01-12,Tue,21,left knee,1,planned,,,,,"
	    DOSE1 NOSCORE);
	/* No review: the missed visit, numbered 0, is not it either. */
	f->pl.review = 0;
	fixture_print(f, &format_csv, pls, 1, 0);
	assert_null(strstr(f->out, "yes,,,,"));
	assert_non_null(strstr(f->out, ",missed,,,,,,,,,,,,\r\n"));
	/* A protocol that gives no dose leaves the three cells empty. */
	dosing_release(&f->pl.dose);
	fixture_print(f, &format_csv, pls, 1, 0);
	assert_non_null(strstr(f->out, ",booked,09:30,,yes,,,,,,,,,\r\n"));
}

/*
 * A course that ended early says when and why on every row, the reason
 * quoted and guarded as every other cell of text is.
 */
static void
torture_print_csv_ended(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };

	f->p.name = "Jo";
	strv_release(&f->p.sites);
	strv_push(&f->p.sites, "left knee");
	fixture_ended(f);
	fixture_print(f, &format_csv, pls, 1, 0);
	assert_string_equal(f->out, CSV_HEADER
	    "0012,Jo,knee-oa,1,3,2026-10-06,Tue,,left knee,1,done,,,,"
	    "2026-11-20,better after 3 visits" DOSE1 NOSCORE
	    "0012,Jo,knee-oa,2,3,2026-10-27,Tue,21,left knee,1,done,,,,"
	    "2026-11-20,better after 3 visits" DOSE1 NOSCORE
	    "0012,Jo,knee-oa,3,3,2026-11-17,Tue,21,left knee,1,done,,,,"
	    "2026-11-20,better after 3 visits" DOSE1 NOSCORE);
	f->p.ended_reason = "=moved, \"abroad\"";
	fixture_print(f, &format_csv, pls, 1, 0);
	assert_non_null(strstr(f->out, ",done,,,,2026-11-20,"
	    "\"'=moved, \"\"abroad\"\"\"" DOSE1 NOSCORE "0012,"));
	f->pl.nvisits = 1;
	f->p.ended = 0;
	fixture_print(f, &format_csv, pls, 1, 0);
	assert_string_equal(f->out, CSV_HEADER
	    "0012,Jo,knee-oa,1,1,2026-10-06,Tue,,left knee,1,done,,,,," DOSE1
	    NOSCORE);
}

/*
 * The scores of the visits given go at the end of each row, after the
 * dose: pain, the function score's name (quoted and guarded as any
 * text), value and worst end, each empty when none was recorded.
 */
static void
torture_print_csv_scores(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };

	f->p.name = "Jo";
	strv_release(&f->p.sites);
	strv_push(&f->p.sites, "left knee");
	fixture_scored(f);
	fixture_print(f, &format_csv, pls, 1, 0);
	assert_string_equal(f->out, CSV_HEADER
	    "0012,Jo,knee-oa,1,5,2026-10-06,Tue,,left knee,1,done,,,,," DOSE1
	    ",7,WOMAC,48,96\r\n"
	    "0012,Jo,knee-oa,,5,2026-10-20,Tue,,left knee,0,missed,,,,,,,,"
	    NOSCORE
	    "0012,Jo,knee-oa,2,5,2026-10-27,Tue,21,left knee,1,done,,,,," DOSE1
	    ",5.5,,,\r\n"
	    "0012,Jo,knee-oa,3,5,2026-12-01,Tue,,left knee,1,booked,09:30,,"
	    "yes,," DOSE1 NOSCORE
	    "0012,Jo,knee-oa,4,5,2026-12-22,Tue,21,left knee,1,booked,,,,,"
	    DOSE1 NOSCORE
	    "0012,Jo,knee-oa,5,5,2027-01-12,Tue,21,left knee,1,planned,,,,,"
	    DOSE1 NOSCORE);
	f->record[0].function = (struct function_score){ "=KOOS, \"pain\"",
	    62250, 0, 100000 };
	f->record[0].pain = 0;
	fixture_print(f, &format_csv, pls, 1, 0);
	assert_non_null(strstr(f->out, ",done,,,,," DOSE1 ",0,\"'=KOOS, "
	    "\"\"pain\"\"\",62.25,0\r\n"));
	f->record[0].function.name = "KOOS pain";
	f->record[2].pain = 10000;
	fixture_print(f, &format_csv, pls, 1, 0);
	assert_non_null(strstr(f->out, ",done,,,,," DOSE1 ",0,KOOS pain,"
	    "62.25,0\r\n"));
	assert_non_null(strstr(f->out, ",done,,,,," DOSE1 ",10,,,\r\n"));
}

/* Every line of the handout fits 80 display columns. */
static void
assert_width(const char *text, size_t max)
{
	const char *line, *nl;
	size_t w;

	for (line = text; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		assert_non_null(nl);
		w = utf8_width(line, (size_t)(nl - line));
		if (w > max)
			fail_msg("line of %zu columns: %.*s", w,
			    (int)(nl - line), line);
	}
}

static void
torture_print_text_handout(void **state)
{
	struct fixture *f = *state;

	strv_push(&f->p.medications, "naproxen");
	f->pr.holds = calloc(1, sizeof(*f->pr.holds));
	strv_push(&f->pr.holds[0].drugs, "naproxen");
	f->pr.holds[0].stop_before = 3;
	f->pr.holds[0].resume_after = 7;
	f->pr.nholds = 1;
	fixture_render(f, &format_text, f->care, 1);
	strv_release(&f->pr.holds[0].drugs);
	free(f->pr.holds);
	assert_width(f->out, 80);
	assert_non_null(strstr(f->out, "O'Brien, \"Jo\""));
	assert_non_null(strstr(f->out, "Patient ID  0012\n"));
	assert_non_null(strstr(f->out,
	    "1      Tue 10 Nov 2026                   2           done\n"));
	assert_non_null(strstr(f->out,
	    "3      Tue 22 Dec 2026  21               2           planned\n"));
	/* One line a visit, the days either side of the pause. */
	assert_non_null(strstr(f->out, "* For visit 2 on Tuesday 1 December "
	    "2026: Take your last dose of naproxen on\n  Friday 27 November "
	    "2026. Start taking it again on Wednesday 9 December 2026.\n"));
	assert_non_null(strstr(f->out, "* For visit 3 on Tuesday 22 December "
	    "2026: Take your last dose of naproxen on\n  Friday 18 December "
	    "2026. Start taking it again on Wednesday 30 December 2026.\n"));
	assert_non_null(strstr(f->out, "Before your course\n"));
	assert_non_null(strstr(f->out, "acetaminophen"));
	assert_non_null(strstr(f->out, "Insurance"));
	/* The notes section is empty by default, so it is left out. */
	assert_null(strstr(f->out, "Notes for your treatment"));
	assert_null(strchr(f->out, '\f'));
}

static void
torture_print_text_wraps_wide_names(void **state)
{
	struct fixture *f = *state;

	f->p.name = "山田 太郎 Yamada Tarō 山田太郎山田太郎山田太郎山田太郎"
	    "山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎 😀 ñandú";
	fixture_render(f, &format_text, f->care, 2);
	assert_width(f->out, 80);
	assert_true(utf8_valid(f->out, f->len));
	/* A second handout starts on a new printed page. */
	assert_non_null(strchr(f->out, '\f'));
}

static void
torture_print_text_protocol_care(void **state)
{
	struct fixture *f = *state;
	struct protocol_care pc = { .section = "notes" };
	struct strv text = { 0 }, plain = { 0 };

	strv_push(&plain, "");
	strv_push(&text, "Spinal manipulation alongside may help.");
	pc.text = (struct langlist){ plain, &text, NULL };
	f->pr.care = &pc;
	f->pr.ncare = 1;
	fixture_render(f, &format_text, f->care, 1);
	assert_non_null(strstr(f->out, "Notes for your treatment\n"
	    "------------------------\n"
	    "* Spinal manipulation alongside may help.\n"));
	strv_release(&text);
	strv_release(&plain);
}

static void
torture_print_text_course_done(void **state)
{
	struct fixture *f = *state;

	f->p.visits = 1;
	fixture_render(f, &format_text, f->care, 1);
	assert_non_null(strstr(f->out, "Please read first"));
	assert_non_null(strstr(f->out, "You have had all the visits"));
}

/*
 * Every visit in date order in the table, the missed one too, without a
 * number, days or injections; the restart in place of the days; booked
 * and planned visits told apart; the lapse read first.  In Spanish the
 * same, in its words.
 */
static void
torture_print_text_issue13(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };
	struct care *sp = spanish();

	fixture_eventful(f);
	fixture_print(f, &format_text, pls, 1, 0);
	assert_width(f->out, 80);
	assert_non_null(strstr(f->out, "Course      5 visits, 14 to 21 days "
	    "apart; injections at each visit: 2\n"));
	assert_non_null(strstr(f->out, "Please read first\n"
	    "-----------------\n"
	    "! Your last visit was on Tuesday 27 October 2026. Your next visit "
	    "is 35 days\n"));
	assert_non_null(strstr(f->out,
	    "Visit  Date             Time   Days since last  Injections  "
	    "Status\n"
	    "1      Tue 6 Oct 2026                           2           done\n"
	    "       Tue 20 Oct 2026                                      "
	    "missed\n"
	    "2      Tue 27 Oct 2026         21               2           done\n"
	    "3      Tue 1 Dec 2026   09:30  fresh start      2           "
	    "booked\n"
	    "4      Tue 22 Dec 2026         21               2           "
	    "booked\n"
	    "5      Tue 12 Jan 2027         21               2           "
	    "planned\n\n"));
	f->pl.care = sp;
	fixture_print(f, &format_text, pls, 1, 0);
	assert_width(f->out, 80);
	assert_non_null(strstr(f->out, "! Su última visita fue el martes 27 "
	    "de octubre de 2026. Su próxima visita es 35\n  días después."));
	assert_non_null(strstr(f->out,
	    "Visita  Fecha            Hora   Días desde la anterior  "
	    "Inyecciones  Estado\n"
	    "1       mar 6 oct 2026                                  2"
	    "            realizada\n"
	    "        mar 20 oct 2026                                 "
	    "             perdida\n"
	    "2       mar 27 oct 2026         21                      2"
	    "            realizada\n"
	    "3       mar 1 dic 2026   09:30  nuevo inicio            2"
	    "            confirmada\n"
	    "4       mar 22 dic 2026         21                      2"
	    "            confirmada\n"
	    "5       mar 12 ene 2027         21                      2"
	    "            programada\n"));
	care_free(sp);
}

/*
 * A course that ended early says so first, when and why, and lists no
 * visit to come; it is not "complete", in either language.
 */
static void
torture_print_text_ended(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };
	struct care *sp = spanish();

	fixture_ended(f);
	fixture_print(f, &format_text, pls, 1, 0);
	assert_width(f->out, 80);
	assert_non_null(strstr(f->out, "Please read first\n"
	    "-----------------\n"
	    "! Your course ended early on Friday 20 November 2026: better "
	    "after 3 visits. No\n  more visits are planned.\n\nYour visits\n"));
	assert_non_null(strstr(f->out,
	    "3      Tue 17 Nov 2026  21               2           done\n\n"));
	assert_null(strstr(f->out, "planned\n"));
	assert_null(strstr(f->out, "You have had all the visits"));
	f->pl.care = sp;
	fixture_print(f, &format_text, pls, 1, 0);
	assert_non_null(strstr(f->out, "! Su pauta terminó antes de lo "
	    "previsto, el viernes 20 de noviembre de 2026:\n  better after 3 "
	    "visits. No hay más visitas previstas.\n"));
	assert_null(strstr(f->out, "programada"));
	assert_null(strstr(f->out, "Ya ha completado"));
	care_free(sp);
}

static void
torture_format_find(void **state)
{
	(void)state;
	assert_ptr_equal(format_find("text"), &format_text);
	assert_ptr_equal(format_find("csv"), &format_csv);
	assert_null(format_find("CSV"));
	assert_non_null(format_find("json"));
	assert_non_null(format_find("ics"));
	assert_non_null(format_find("html"));
	assert_null(format_find("pdf"));
}

/*
 * The scores under a heading of their own after the visit table: a
 * line for pain and one for each function scale, in each language;
 * none for a handout without scores.
 */
static void
torture_print_text_scores(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };
	struct care *sp = spanish();

	fixture_eventful(f);
	fixture_print(f, &format_text, pls, 1, 0);
	assert_null(strstr(f->out, "How you are doing"));
	fixture_scored(f);
	fixture_print(f, &format_text, pls, 1, 0);
	assert_width(f->out, 80);
	assert_non_null(strstr(f->out, "planned\n\n"
	    "How you are doing, visit by visit\n"
	    "---------------------------------\n"
	    "Your pain, from 0 (no pain) to 10 (worst pain): 7 (visit 1) "
	    "\xe2\x86\x92 5.5 (visit 2)\n"
	    "Your WOMAC score, from 96 (worst) to 0 (best): 48 (visit 1)\n"
	    "\nBefore your course\n"));
	f->pl.care = sp;
	fixture_print(f, &format_text, pls, 1, 0);
	assert_width(f->out, 80);
	assert_non_null(strstr(f->out, "Cómo se encuentra, visita a visita\n"
	    "----------------------------------\n"
	    "Su dolor, de 0 (sin dolor) a 10 (el peor dolor): 7 (visita 1) "
	    "\xe2\x86\x92 5,5 (visita 2)\n"
	    "Su puntuación WOMAC, de 96 (peor) a 0 (mejor): 48 (visita 1)\n"));
	/* Function scores alone: no line for pain. */
	f->record[0].pain = f->record[2].pain = -1;
	f->pl.care = f->care;
	fixture_print(f, &format_text, pls, 1, 0);
	assert_null(strstr(f->out, "Your pain"));
	assert_non_null(strstr(f->out, "---\nYour WOMAC score"));
	care_free(sp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_print_csv_cell),
		cmocka_unit_test_setup_teardown(torture_print_csv_rows,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_print_text_handout,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_print_text_wraps_wide_names, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_print_text_protocol_care, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_print_text_course_done,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_print_csv_issue13,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_print_csv_ended,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_print_text_issue13,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_print_text_ended,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_print_csv_scores,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_print_text_scores,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test(torture_format_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
