/*
 * Unit tests for diag.c: filling, printing, copying and releasing
 * diagnostics, and quoting values from files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "utf8.h"

/* diag_print into memory; the caller frees the result. */
static char *
print_str(const struct diag *d)
{
	char *buf;
	size_t size;
	FILE *fp;

	buf = NULL;
	fp = open_memstream(&buf, &size);
	assert_non_null(fp);
	diag_print(fp, d);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(buf);
	return buf;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n, t;

	n = strlen(s);
	t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

static void
torture_diag_set_fills(void **state)
{
	struct diag d;
	char file[] = "p.yaml";

	(void)state;
	memset(&d, 0, sizeof(d));
	assert_int_equal(diag_set(&d, file, 3, 5, D_MISSING, "start"), -1);
	assert_int_equal(d.code, D_MISSING);
	assert_string_equal(d.file, "p.yaml");
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 5);
	assert_string_equal(d.msg, "missing required key 'start'");
	assert_null(d.note);
	/* The file name is a copy, not the caller's buffer. */
	assert_true(d.file != file);
	file[0] = 'X';
	assert_string_equal(d.file, "p.yaml");
	diag_release(&d);
}

static void
torture_diag_set_formats(void **state)
{
	struct diag d;

	(void)state;
	memset(&d, 0, sizeof(d));
	diag_set(&d, "p.yaml", 9, 1, D_DUP_KEY, "start", 4);
	assert_string_equal(d.msg,
	    "duplicate key 'start' (first given on line 4)");
	diag_release(&d);

	diag_set(&d, "p.yaml", 2, 9, D_INT_RANGE, "visits", 1, 10, "'12'");
	assert_string_equal(d.msg, "visits must be between 1 and 10 (got '12')");
	diag_release(&d);

	diag_set(&d, "p.yaml", 0, 0, D_NUL);
	assert_string_equal(d.msg, "file contains a NUL byte");
	diag_release(&d);

	diag_set(&d, "p.yaml", 0, 0, D_TOO_LARGE, 1048576);
	assert_string_equal(d.msg, "file is larger than 1048576 bytes");
	diag_release(&d);
}

/* Setting a diag twice replaces the first (valgrind: no leak). */
static void
torture_diag_set_twice(void **state)
{
	struct diag d;

	(void)state;
	memset(&d, 0, sizeof(d));
	diag_set(&d, "first.yaml", 1, 2, D_EMPTY, "name");
	diag_set(&d, "second.yaml", 3, 4, D_NOT_LIST, "weekdays");
	assert_int_equal(d.code, D_NOT_LIST);
	assert_string_equal(d.file, "second.yaml");
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 4);
	assert_string_equal(d.msg, "'weekdays' must be a list");
	diag_release(&d);
}

/* A message longer than DIAG_MSG_MAX is cut, never overflows. */
static void
torture_diag_set_long_message(void **state)
{
	struct diag d;
	char big[DIAG_MSG_MAX + 500];

	(void)state;
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memset(&d, 0, sizeof(d));
	diag_set(&d, "p.yaml", 1, 1, D_SYNTAX, big);
	assert_int_equal(strlen(d.msg), DIAG_MSG_MAX - 1);
	assert_memory_equal(d.msg, big, DIAG_MSG_MAX - 1);
	diag_release(&d);
}

static void
torture_diag_print_error(void **state)
{
	struct diag d;
	char *out;

	(void)state;
	memset(&d, 0, sizeof(d));
	diag_set(&d, "p.yaml", 3, 5, D_MISSING, "start");
	out = print_str(&d);
	assert_string_equal(out, "p.yaml:3:5: error: missing required key "
	    "'start'\n");
	free(out);
	diag_release(&d);

	/* A no-plan message is an error too. */
	diag_set(&d, "jane.yaml", 12, 3, D_NOPLAN_NO_DAY, 30, "2026-11-27",
	    "why");
	out = print_str(&d);
	assert_string_equal(out, "jane.yaml:12:3: error: no plan: no day in "
	    "the 30 days from 2026-11-27 can take a visit: why\n");
	free(out);
	diag_release(&d);
}

/* Line 0 is the file as a whole: no line or column. */
static void
torture_diag_print_whole_file(void **state)
{
	struct diag d;
	char *out;

	(void)state;
	memset(&d, 0, sizeof(d));
	diag_set(&d, "data/p.yaml", 0, 0, D_NUL);
	out = print_str(&d);
	assert_string_equal(out, "data/p.yaml: error: file contains a NUL "
	    "byte\n");
	free(out);
	diag_release(&d);
}

static void
torture_diag_print_warning(void **state)
{
	struct diag d;
	char *out;

	(void)state;
	memset(&d, 0, sizeof(d));
	diag_set(&d, "jane.yaml", 7, 5, D_WARN_ANTICOAG, "'warfarin'",
	    "blood thinners");
	out = print_str(&d);
	assert_string_equal(out, "jane.yaml:7:5: warning: medication "
	    "'warfarin' is a blood thinner: more bleeding and bruising "
	    "after injections\n");
	free(out);
	diag_release(&d);

	diag_set(&d, "jane.yaml", 0, 0, D_WARN_START, "2026-01-05",
	    "2026-02-01");
	out = print_str(&d);
	assert_string_equal(out, "jane.yaml: warning: start 2026-01-05 is "
	    "before today 2026-02-01: the course is planned from today\n");
	free(out);
	diag_release(&d);
}

static void
torture_diag_print_note(void **state)
{
	struct diag d;
	char *out;

	(void)state;
	memset(&d, 0, sizeof(d));
	diag_set(&d, "protocols/knee.yaml", 6, 3, D_MISSING, "solution");
	diag_add_note(&d, "jane.yaml", 2, 11, D_NOTE_PROTOCOL);
	assert_non_null(d.note);
	assert_int_equal(d.note->code, D_NOTE_PROTOCOL);
	assert_string_equal(d.note->msg, "protocol named here");
	/* The error itself is unchanged. */
	assert_string_equal(d.file, "protocols/knee.yaml");
	assert_int_equal(d.line, 6);
	out = print_str(&d);
	assert_string_equal(out,
	    "protocols/knee.yaml:6:3: error: missing required key "
	    "'solution'\n"
	    "jane.yaml:2:11: note: protocol named here\n");
	free(out);
	/* A new message in the same diag does not keep the old note. */
	diag_set(&d, "p.yaml", 1, 1, D_MISSING, "start");
	assert_null(d.note);
	out = print_str(&d);
	assert_string_equal(out,
	    "p.yaml:1:1: error: missing required key 'start'\n");
	free(out);
	diag_release(&d);
	assert_null(d.note);
}

/*
 * Notes follow in the order they are added, and are copied and freed
 * with the message: the parser's on a protocol file, then the patient's.
 */
static void
torture_diag_notes_in_order(void **state)
{
	struct diag d, copy;
	char *out;

	(void)state;
	memset(&d, 0, sizeof(d));
	memset(&copy, 0, sizeof(copy));
	diag_set(&d, "knee.yaml", 2, 8, D_SYNTAX, "mapping values are not "
	    "allowed in this context");
	diag_add_note(&d, "knee.yaml", 1, 12, D_NOTE_BREAK, 0x85u,
	    "next line");
	diag_add_note(&d, "jane.yaml", 2, 11, D_NOTE_PROTOCOL);
	diag_copy(&copy, &d);
	diag_release(&d);
	out = print_str(&copy);
	assert_string_equal(out,
	    "knee.yaml:2:8: error: mapping values are not allowed in this "
	    "context\n"
	    "knee.yaml:1:12: note: YAML reads this U+0085 (next line) as a "
	    "line break, where editors see none: what follows it is read as "
	    "a new line\n"
	    "jane.yaml:2:11: note: protocol named here\n");
	free(out);
	diag_release(&copy);
	assert_null(copy.note);
}

static void
torture_diag_class_table(void **state)
{
	int c;

	(void)state;
	assert_int_equal(diag_class(D_MISSING), DIAG_DATA);
	assert_int_equal(diag_class(D_NOPLAN_CHAIN), DIAG_NOPLAN);
	assert_int_equal(diag_class(D_WARN_LAPSE), DIAG_WARNING);
	assert_int_equal(diag_class(D_NOTE_PROTOCOL), DIAG_NOTE);
	/* Every code by the group it is declared in. */
	for (c = D_READ; c < D__COUNT; c++) {
		if (c < D_NOTE_PROTOCOL ||
		    (c >= D_BOOK_UTF8 && c <= D_NAMES_STDIN2))
			assert_int_equal(diag_class(c), DIAG_DATA);
		else if (c <= D_NOTE_BREAK)
			assert_int_equal(diag_class(c), DIAG_NOTE);
		else if (c < D_WARN_LAPSE)
			assert_int_equal(diag_class(c), DIAG_NOPLAN);
		else
			assert_int_equal(diag_class(c), DIAG_WARNING);
	}
}

/* The copy owns its strings: the source can go first. */
static void
torture_diag_copy_deep(void **state)
{
	struct diag src, dst;
	char *out;

	(void)state;
	memset(&src, 0, sizeof(src));
	memset(&dst, 0, sizeof(dst));
	diag_set(&src, "protocols/knee.yaml", 6, 3, D_MISSING, "solution");
	diag_add_note(&src, "jane.yaml", 2, 11, D_NOTE_PROTOCOL);
	diag_copy(&dst, &src);
	assert_true(dst.file != src.file);
	assert_non_null(dst.note);
	assert_true(dst.note != src.note);
	assert_true(dst.note->file != src.note->file);
	diag_release(&src);

	assert_int_equal(dst.code, D_MISSING);
	assert_string_equal(dst.file, "protocols/knee.yaml");
	assert_int_equal(dst.line, 6);
	assert_int_equal(dst.col, 3);
	assert_string_equal(dst.msg, "missing required key 'solution'");
	assert_string_equal(dst.note->file, "jane.yaml");
	assert_null(dst.note->note);
	out = print_str(&dst);
	assert_string_equal(out,
	    "protocols/knee.yaml:6:3: error: missing required key "
	    "'solution'\n"
	    "jane.yaml:2:11: note: protocol named here\n");
	free(out);
	diag_release(&dst);
}

/* Copying over a filled diag frees what it held (valgrind: no leak). */
static void
torture_diag_copy_replaces(void **state)
{
	struct diag src, dst;

	(void)state;
	memset(&src, 0, sizeof(src));
	memset(&dst, 0, sizeof(dst));
	diag_set(&dst, "old.yaml", 1, 1, D_EMPTY, "name");
	diag_add_note(&dst, "old-note.yaml", 1, 1, D_NOTE_PROTOCOL);
	diag_set(&src, "new.yaml", 0, 0, D_NUL);
	diag_copy(&dst, &src);
	assert_string_equal(dst.file, "new.yaml");
	assert_int_equal(dst.code, D_NUL);
	assert_int_equal(dst.line, 0);
	assert_string_equal(dst.msg, "file contains a NUL byte");
	assert_null(dst.note);		/* the old note is gone */
	diag_release(&src);
	assert_string_equal(dst.file, "new.yaml");
	diag_release(&dst);
}

static void
torture_diag_release_clears(void **state)
{
	struct diag d;

	(void)state;
	memset(&d, 0, sizeof(d));
	diag_set(&d, "p.yaml", 3, 5, D_MISSING, "start");
	diag_add_note(&d, "q.yaml", 1, 1, D_NOTE_PROTOCOL);
	diag_release(&d);
	assert_null(d.file);
	assert_null(d.note);
	assert_int_equal(d.line, 0);
	assert_int_equal(d.code, D_NONE);
	/* Releasing again, or releasing an empty diag, is harmless. */
	diag_release(&d);
	assert_null(d.file);
}

static void
torture_diag_quote_plain(void **state)
{
	char q[128];

	(void)state;
	assert_ptr_equal(diag_quote(q, sizeof(q), "abc", 3), q);
	assert_string_equal(q, "'abc'");
	diag_quote(q, sizeof(q), "", 0);
	assert_string_equal(q, "''");
	/* Only len bytes are quoted. */
	diag_quote(q, sizeof(q), "knee-x", 4);
	assert_string_equal(q, "'knee'");
	diag_quote(q, sizeof(q), "M\xc3\xbcller", 7);
	assert_string_equal(q, "'M\xc3\xbcller'");
}

static void
torture_diag_quote_max_length(void **state)
{
	char q[128], s[64], want[128];

	(void)state;
	memset(s, 'x', sizeof(s));
	/* Exactly DIAG_QUOTE_MAX characters: shown whole. */
	diag_quote(q, sizeof(q), s, DIAG_QUOTE_MAX);
	snprintf(want, sizeof(want), "'%.*s'", DIAG_QUOTE_MAX, s);
	assert_string_equal(q, want);
	/* One more: cut, with "..." */
	diag_quote(q, sizeof(q), s, DIAG_QUOTE_MAX + 1);
	snprintf(want, sizeof(want), "'%.*s...'", DIAG_QUOTE_MAX, s);
	assert_string_equal(q, want);
	diag_quote(q, sizeof(q), s, sizeof(s));
	assert_string_equal(q, want);
}

/* 50 "é" (100 bytes): 40 characters (80 bytes), cut between them. */
static void
torture_diag_quote_utf8_boundary(void **state)
{
	char q[128], s[100], want[128];
	size_t i;

	(void)state;
	for (i = 0; i < 50; i++)
		memcpy(s + 2 * i, "\xc3\xa9", 2);
	diag_quote(q, sizeof(q), s, sizeof(s));
	want[0] = '\'';
	memcpy(want + 1, s, 80);
	memcpy(want + 81, "...'", 5);
	assert_string_equal(q, want);
	assert_true(utf8_valid(q, strlen(q)));
	/* Exactly 40 of them fit whole. */
	diag_quote(q, sizeof(q), s, 80);
	want[81] = '\'';
	want[82] = '\0';
	assert_string_equal(q, want);
}

static void
torture_diag_quote_control(void **state)
{
	char q[256], s[64], want[256];
	size_t i;

	(void)state;
	diag_quote(q, sizeof(q), "a\nb", 3);
	assert_string_equal(q, "'a\\x0ab'");
	diag_quote(q, sizeof(q), "\t", 1);
	assert_string_equal(q, "'\\x09'");
	diag_quote(q, sizeof(q), "\x1b[2J", 4);
	assert_string_equal(q, "'\\x1b[2J'");
	diag_quote(q, sizeof(q), "del\x7f", 4);
	assert_string_equal(q, "'del\\x7f'");
	diag_quote(q, sizeof(q), "a\0b", 3);
	assert_string_equal(q, "'a\\x00b'");
	/* C1 controls and invalid UTF-8, byte by byte. */
	diag_quote(q, sizeof(q), "\xc2\x85", 2);
	assert_string_equal(q, "'\\xc2\\x85'");
	diag_quote(q, sizeof(q), "x\xffy", 3);
	assert_string_equal(q, "'x\\xffy'");
	diag_quote(q, sizeof(q), "\xe6\x97", 2);
	assert_string_equal(q, "'\\xe6\\x97'");
	/* Format characters, which do not show, byte by byte too. */
	diag_quote(q, sizeof(q), "a\xe2\x80\xae" "b", 5);
	assert_string_equal(q, "'a\\xe2\\x80\\xaeb'");
	diag_quote(q, sizeof(q), "\xef\xbb\xbf\xc2\xad\xf3\xa0\x80\x81", 9);
	assert_string_equal(q, "'\\xef\\xbb\\xbf\\xc2\\xad\\xf3\\xa0\\x80\\x81'");
	/* Letters, marks and spaces beside them are shown as they are. */
	diag_quote(q, sizeof(q), "\xc2\xa0\xc2\xae\xe2\x80\x8a\xe3\x80\x80", 10);
	assert_string_equal(q, "'\xc2\xa0\xc2\xae\xe2\x80\x8a\xe3\x80\x80'");
	/* An escaped byte is one character of the 40. */
	memset(s, '\n', sizeof(s));
	diag_quote(q, sizeof(q), s, sizeof(s));
	want[0] = '\'';
	for (i = 0; i < DIAG_QUOTE_MAX; i++)
		memcpy(want + 1 + 4 * i, "\\x0a", 4);
	strcpy(want + 1 + 4 * DIAG_QUOTE_MAX, "...'");
	assert_string_equal(q, want);
}

static const char *const quote_inputs[] = {
	"abc",
	"abcdefghijklmnopqrstuvwxyz",
	"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
	"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
	"abcdef\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
	"\n\n\n\n\n\n\n\n",
	"a\xff\xfe\xfd\xfc\xfb",
	"ab\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\x01\x02",
	"0123456789012345678901234567890123456789012345678901234567890",
};

/* In a small buffer, exactly sized on the heap (valgrind: no overflow). */
static void
torture_diag_quote_small_buffer(void **state)
{
	char *q;
	size_t i, size, n;

	(void)state;
	for (size = 3; size <= 40; size++) {
		for (i = 0; i < sizeof(quote_inputs) / sizeof(*quote_inputs);
		    i++) {
			q = malloc(size);
			assert_non_null(q);
			memset(q, '#', size);
			diag_quote(q, size, quote_inputs[i],
			    strlen(quote_inputs[i]));
			n = strnlen(q, size);
			assert_true(n < size);
			assert_true(n >= 2);
			assert_int_equal(q[0], '\'');
			assert_int_equal(q[n - 1], '\'');
			/* Never a piece of a UTF-8 character. */
			assert_true(utf8_valid(q, n));
			free(q);
		}
	}
}

/*
 * Whenever the buffer (16 or 128 bytes) cuts the value, the quote ends
 * with "..." so the reader knows there was more.
 */
static void
torture_diag_quote_cut_is_marked(void **state)
{
	char q16[16], q128[128], s[64];
	size_t i;

	(void)state;
	/* 'abcdef😀' fills 11 bytes; the second emoji does not fit. */
	diag_quote(q16, sizeof(q16), "abcdef\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
	    14);
	assert_true(ends_with(q16, "...'"));

	/* "ab", then 30 escaped bytes (120 bytes), then "tail". */
	memcpy(s, "ab", 2);
	for (i = 2; i < 32; i++)
		s[i] = '\x01';
	memcpy(s + 32, "tail", 4);
	diag_quote(q128, sizeof(q128), s, 36);
	assert_true(ends_with(q128, "...'"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_diag_set_fills),
		cmocka_unit_test(torture_diag_set_formats),
		cmocka_unit_test(torture_diag_set_twice),
		cmocka_unit_test(torture_diag_set_long_message),
		cmocka_unit_test(torture_diag_print_error),
		cmocka_unit_test(torture_diag_print_whole_file),
		cmocka_unit_test(torture_diag_print_warning),
		cmocka_unit_test(torture_diag_print_note),
		cmocka_unit_test(torture_diag_notes_in_order),
		cmocka_unit_test(torture_diag_class_table),
		cmocka_unit_test(torture_diag_copy_deep),
		cmocka_unit_test(torture_diag_copy_replaces),
		cmocka_unit_test(torture_diag_release_clears),
		cmocka_unit_test(torture_diag_quote_plain),
		cmocka_unit_test(torture_diag_quote_max_length),
		cmocka_unit_test(torture_diag_quote_utf8_boundary),
		cmocka_unit_test(torture_diag_quote_control),
		cmocka_unit_test(torture_diag_quote_small_buffer),
		cmocka_unit_test(torture_diag_quote_cut_is_marked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
