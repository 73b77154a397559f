#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "book.h"
#include "book_csv.h"
#include "date.h"
#include "diag.h"

/*
 * A clinic's book in CSV: finding the date and time columns, RFC 4180
 * quoting with the lines after a quoted line break still counted right,
 * rows with no time, every error at its line and column, and random
 * books against Python's csv module.
 */

#define HM(h, m)	((h) * 60 + (m))
#define MON		date_from_ymd(2026, 11, 30)	/* today */
#define DAY(m, d)	date_from_ymd(2026, (m), (d))

struct read {
	struct book	*b;
	struct diag	 d;
	struct diag	 warn;
	int		 rc;
};

/* Reads text (len bytes, or all of it) into a new book of today MON. */
static void
read_len(struct read *r, const char *text, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->b = book_new(NULL, MON);
	r->rc = book_csv_read(r->b, "b.csv", text, len, &r->d, &r->warn);
}

static void
read_text(struct read *r, const char *text)
{
	read_len(r, text, strlen(text));
}

static void
read_ok(struct read *r, const char *text)
{
	read_text(r, text);
	if (r->rc != 0)
		fail_msg("%d:%d: %s", r->d.line, r->d.col, r->d.msg);
	assert_int_equal(r->d.code, D_NONE);
}

static void
read_done(struct read *r)
{
	book_free(r->b);
	diag_release(&r->d);
	diag_release(&r->warn);
}

/* A visit (45 minutes) at exactly day and time, and no other that day. */
static void
booked_at(const struct book *b, int day, int time)
{
	assert_int_equal(book_taken(b, day, time, time + 1), 1);
	assert_int_equal(book_taken(b, day, time - 1, time), 0);
	assert_int_equal(book_taken(b, day, time + 44, time + 45), 1);
	assert_int_equal(book_taken(b, day, time + 45, time + 46), 0);
}

static int
held(const struct book *b, int day)
{
	return book_taken(b, day, 0, 24 * 60);
}

/* The date and time columns by name, whatever their case, place, spaces. */
static void
torture_book_csv_header(void **state)
{
	static const char *const texts[] = {
		"date,time\n2026-12-01,09:15\n",
		"Date,TIME\n2026-12-01,09:15\n",
		"  date ,time  \n2026-12-01,09:15\n",
		"name,time,notes,date\nJo,09:15,x,2026-12-01\n",
		"\"date\",\"Time\"\n2026-12-01,09:15\n",
		"\xef\xbb\xbf" "date,time\r\n2026-12-01,09:15\r\n",
		"date,time\r\n2026-12-01,09:15",
		"dates,date,timezone,time,date,time\n"
		    "x,2026-12-01,y,09:15,junk,nonsense\n",
		/* prolo plan -f csv's own header, and a row of it */
		"patient_id,patient_name,protocol,visit,visits,date,weekday,"
		    "interval_days,sites,injections,status,time,review,"
		    "restart,ended,ended_reason\r\n"
		    "T-1,Tess Timed,knee-oa,1,4,2026-12-01,Tue,,knee,1,"
		    "planned,09:15,,,,\r\n",
	};
	struct read r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		read_ok(&r, texts[i]);
		booked_at(r.b, DAY(12, 1), HM(9, 15));
		assert_int_equal(r.warn.code, D_NONE);
		read_done(&r);
	}
	/* A header alone: an empty book. */
	read_ok(&r, "date,time\n");
	assert_int_equal(held(r.b, DAY(12, 1)), 0);
	read_done(&r);
}

/* Quoted fields: commas, doubled quotes, line breaks, then the right line. */
static void
torture_book_csv_quoted(void **state)
{
	struct read r;

	(void)state;
	read_ok(&r, "name,date,time\n"
	    "\"Doe, Jane\",2026-12-01,09:00\n"
	    "\"She said \"\"hi, there\"\"\",\"2026-12-02\",\"10:00\"\n"
	    "\"two\r\nlines, \"\"quoted\"\"\n\",2026-12-03,11:00\r\n"
	    "\"\",2026-12-04,12:00\n");
	booked_at(r.b, DAY(12, 1), HM(9, 0));
	booked_at(r.b, DAY(12, 2), HM(10, 0));
	booked_at(r.b, DAY(12, 3), HM(11, 0));
	booked_at(r.b, DAY(12, 4), HM(12, 0));
	read_done(&r);
	/* Three lines in a field: the bad date is on line 5, column 3. */
	read_text(&r, "name,date,time\n"
	    "\"a\nb\nc\",2026-12-01,09:00\n"
	    "x,2026-12-0x,09:00\n");
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.d.line, 5);
	assert_int_equal(r.d.col, 3);
	read_done(&r);
	/* Right after a quoted line break, columns count from 1 again. */
	read_text(&r, "name,date,time\n\"a\r\nb\",2026-13-01,09:00\n");
	assert_int_equal(r.d.line, 3);
	assert_int_equal(r.d.col, 4);
	assert_non_null(strstr(r.d.msg, "'date' must be a date written "
	    "YYYY-MM-DD, not '2026-13-01'"));
	read_done(&r);
	/* A field longer than any date or time is skipped, not kept. */
	read_ok(&r, "notes,date,time\n"
	    "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nyyy\",2026-12-01,09:00\n"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,2026-12-02,10:00\n");
	booked_at(r.b, DAY(12, 1), HM(9, 0));
	booked_at(r.b, DAY(12, 2), HM(10, 0));
	read_done(&r);
}

/* Blank lines, LF or CRLF, between rows and at the end, are no rows. */
static void
torture_book_csv_blank_lines(void **state)
{
	struct read r;

	(void)state;
	read_ok(&r, "date,time\n\n2026-12-01,09:00\n\r\n\n"
	    "2026-12-02,10:00\r\n\r\n\n");
	booked_at(r.b, DAY(12, 1), HM(9, 0));
	booked_at(r.b, DAY(12, 2), HM(10, 0));
	read_done(&r);
	read_text(&r, "date,time\n\n\r\n2026-12-01,9:00\n");
	assert_int_equal(r.d.line, 4);
	assert_int_equal(r.d.col, 12);
	read_done(&r);
}

/*
 * Rows with no time hold no slot: one warning, with how many are to
 * come and the first one's line; rows before today are not counted.
 */
static void
torture_book_csv_untimed(void **state)
{
	struct read r;

	(void)state;
	read_ok(&r, "date,time,name\n"
	    "2026-11-01,,past\n"
	    "\"2026-12-01\",\"\",\"a\nb\"\n"
	    "2026-12-02,09:00,c\n"
	    "2026-12-03,,d\n"
	    "2026-11-30,,today\n");
	assert_int_equal(r.warn.code, D_WARN_BOOK_UNTIMED);
	assert_string_equal(r.warn.file, "b.csv");
	assert_int_equal(r.warn.line, 3);
	assert_int_equal(r.warn.col, 1);
	assert_non_null(strstr(r.warn.msg, "(3 in this book, the first "
	    "here)"));
	assert_int_equal(held(r.b, DAY(12, 1)), 0);
	assert_int_equal(held(r.b, DAY(12, 3)), 0);
	booked_at(r.b, DAY(12, 2), HM(9, 0));
	read_done(&r);
	/* Only rows in the past with no time: nothing to warn of. */
	read_ok(&r, "date,time\n2026-11-29,\n2026-11-01,08:00\n");
	assert_int_equal(r.warn.code, D_NONE);
	read_done(&r);
	/* An error after them: the error, and no warning. */
	read_text(&r, "date,time\n2026-12-01,\n2026-12-01,x\n");
	assert_int_equal(r.rc, -1);
	assert_int_equal(r.warn.code, D_NONE);
	read_done(&r);
}

/* Every error, at its line and column, in its words. */
static void
torture_book_csv_errors(void **state)
{
	static const struct {
		const char	*text;
		size_t		 len;	/* 0: strlen */
		int		 line, col;
		const char	*words;
	} cases[] = {
		{ "", 0, 1, 1, "no 'date' column" },
		{ "\xef\xbb\xbf", 0, 1, 1, "no 'date' column" },
		{ "\n2026-12-01,09:00\n", 0, 1, 1, "no 'date' column" },
		{ "name,time\nJo,09:00\n", 0, 1, 1, "no 'date' column" },
		{ "date,name\n2026-12-01,Jo\n", 0, 1, 1, "no 'time' column" },
		{ "datetime,time\n", 0, 1, 1, "no 'date' column" },
		{ "date,time\n2026-12-01,\"09:00\n2026-12-02,10:00\n", 0,
		    2, 12, "no closing quote" },
		{ "date,time\n2026-12-01,09:00\n\"2026-12-01\n", 0,
		    3, 1, "no closing quote" },
		{ "date,\"time\n", 0, 1, 6, "no closing quote" },
		{ "date,time\n\"2026-12-01\"x,09:00\n", 0, 2, 13,
		    "must end at its closing quote" },
		{ "date,time\n2026-12-01,\"09:00\" \n", 0, 2, 19,
		    "must end at its closing quote" },
		{ "date,time\n2026-12-01,09\"00\n", 0, 2, 14,
		    "a quote inside a field that does not begin with one" },
		{ "date,ti\"me\n", 0, 1, 8,
		    "a quote inside a field that does not begin with one" },
		{ "name,date,time\nJo,2026-12-01\n", 0, 2, 4,
		    "this row has 2 fields, and the header's date and time "
		    "columns need 3" },
		{ "time,name,date\n09:00\n", 0, 2, 1,
		    "this row has 1 fields, and the header's date and time "
		    "columns need 3" },
		{ "date,time\n2026-02-30,09:00\n", 0, 2, 1,
		    "'date' must be a date written YYYY-MM-DD, not "
		    "'2026-02-30'" },
		{ "date,time\n\"\",09:00\n", 0, 2, 1,
		    "'date' must be a date written YYYY-MM-DD" },
		{ "date,time\n2026-12-01 ,09:00\n", 0, 2, 1,
		    "'date' must be a date written" },
		{ "name,date,time\nJos\xc3\xa9,2026-13-01,09:00\n", 0, 2, 6,
		    "not '2026-13-01'" },
		{ "date,time\n2026-12-01,9:00\n", 0, 2, 12,
		    "'time' must be a time written HH:MM (24-hour clock), "
		    "not '9:00'" },
		{ "date,time\n2026-12-01,24:00\n", 0, 2, 12,
		    "not '24:00'" },
		{ "date,time\n2026-12-01,\"09:00:00\"\n", 0, 2, 12,
		    "not '09:00:00'" },
		{ "date,time\n2026-12-01,09:0\0\n", 26, 2, 16,
		    "NUL byte" },
		{ "date,time\n2026-12-01,\"09\0\"\n", 26, 2, 15,
		    "NUL byte" },
		{ "da\0te,time\n", 11, 1, 3, "NUL byte" },
	};
	struct read r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		read_len(&r, cases[i].text, cases[i].len ? cases[i].len :
		    strlen(cases[i].text));
		if (r.rc != -1 || r.d.line != cases[i].line ||
		    r.d.col != cases[i].col ||
		    strstr(r.d.msg, cases[i].words) == NULL)
			fail_msg("case %zu: got %d %d:%d: %s; want %d:%d: %s",
			    i, r.rc, r.d.line, r.d.col, r.d.msg, cases[i].line,
			    cases[i].col, cases[i].words);
		assert_string_equal(r.d.file, "b.csv");
		read_done(&r);
	}
}

/*
 * Random books against Python's csv module (tests/book_csv.py): the
 * appointments book_csv_read() enters are exactly those Python reads,
 * minute by minute over the days they fall on, and so is the warning
 * about rows with no time.
 */
#define PY_SEED		"14"
#define PY_CASES	300
#define PY_CASES_S	"300"

static void
compare(const struct read *r, const struct book *want, size_t n)
{
	int d, m;

	for (d = MON - 10; d <= MON + 40; d++)
		for (m = 0; m < 24 * 60; m++)
			if (book_taken(r->b, d, m, m + 1) !=
			    book_taken(want, d, m, m + 1))
				fail_msg("case %zu: %d at day %d minute %d, "
				    "Python says %d", n,
				    book_taken(r->b, d, m, m + 1), d - MON, m,
				    book_taken(want, d, m, m + 1));
}

static void
torture_book_csv_python(void **state)
{
	char word[16], date[16], time[16], *buf;
	size_t len, n = 0, untimed;
	struct book *want;
	struct read r;
	int day, min, line, rows = 0, warned = 0, status;
	FILE *py;

	(void)state;
	word[0] = '\0';
	py = popen("exec \"${PYTHON:-python3}\" tests/book_csv.py " PY_SEED
	    " " PY_CASES_S " 2026-11-30", "r");
	if (py == NULL)
		skip();
	while (fscanf(py, " %15s", word) == 1 && strcmp(word, "case") == 0) {
		assert_int_equal(fscanf(py, "%zu", &len), 1);
		assert_int_equal(fgetc(py), '\n');
		buf = malloc(len + 1);
		assert_int_equal(fread(buf, 1, len, py), len);
		read_len(&r, buf, len);
		if (r.rc != 0)
			fail_msg("case %zu: %d:%d: %s", n, r.d.line, r.d.col,
			    r.d.msg);
		want = book_new(NULL, MON);
		while (fscanf(py, " %15s", word) == 1 &&
		    strcmp(word, "row") == 0) {
			assert_int_equal(fscanf(py, "%15s %15s", date, time), 2);
			assert_int_equal(date_parse(date, strlen(date), &day),
			    DATE_OK);
			assert_int_equal(date_time_parse(time, strlen(time),
			    &min), 0);
			book_add_visit(want, day, min);
			rows++;
		}
		assert_string_equal(word, "untimed");
		assert_int_equal(fscanf(py, "%zu %d end", &untimed, &line), 2);
		compare(&r, want, n);
		if (untimed == 0)
			assert_int_equal(r.warn.code, D_NONE);
		else {
			char count[64];

			snprintf(count, sizeof(count), "(%zu in this book",
			    untimed);
			if (r.warn.code != D_WARN_BOOK_UNTIMED ||
			    r.warn.line != line ||
			    strstr(r.warn.msg, count) == NULL)
				fail_msg("case %zu: warning at %d: %s; Python "
				    "says %zu from line %d", n, r.warn.line,
				    r.warn.msg, untimed, line);
			warned++;
		}
		book_free(want);
		read_done(&r);
		free(buf);
		n++;
	}
	if (n == 0 && strcmp(word, "done") != 0) {
		status = pclose(py);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			skip();		/* no Python */
		fail_msg("tests/book_csv.py failed: status %d", status);
	}
	assert_string_equal(word, "done");
	assert_int_equal(pclose(py), 0);
	/* Python really answered, with books worth the name. */
	assert_int_equal(n, PY_CASES);
	assert_true(rows > PY_CASES * 3);
	assert_true(warned > PY_CASES / 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_book_csv_header),
		cmocka_unit_test(torture_book_csv_quoted),
		cmocka_unit_test(torture_book_csv_blank_lines),
		cmocka_unit_test(torture_book_csv_untimed),
		cmocka_unit_test(torture_book_csv_errors),
		cmocka_unit_test(torture_book_csv_python),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
