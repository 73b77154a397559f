#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"

/*
 * The clinic's appointment book: appointments split at midnight and
 * clipped to today and the horizon, whole days, and the questions the
 * planner asks it: the first slot with room (with the clinic's slots,
 * hours, a wish, a capacity), the first free minute without slots, and
 * the days with no room at all.
 */

#define HM(h, m)	((h) * 60 + (m))

/* Monday 2026-11-30: the book's first day in most tests. */
#define MON	date_from_ymd(2026, 11, 30)

/*
 * Slots of 45 minutes: 08:30, 09:15, 10:00 (mornings), 13:30, 14:15;
 * open all day but Friday, 08:00 to 14:00 (no 14:15: it would end
 * after closing), and Sunday, 09:00 to 09:30 (no visit fits at all).
 */
static const char slots_yaml[] =
    "open: [mon, tue, wed, thu, fri, sat, sun]\n"
    "hours:\n"
    "  fri: {open: \"08:00\", close: \"14:00\"}\n"
    "  sun: {open: \"09:00\", close: \"09:30\"}\n"
    "visit_minutes: 45\n"
    "slots: [\"08:30\", \"09:15\", \"10:00\", \"13:30\", \"14:15\"]\n";

/* No slots: open 08:00 to 17:00, visits of 45 minutes. */
static const char free_yaml[] =
    "hours:\n"
    "  mon: {open: \"08:00\", close: \"17:00\"}\n"
    "  tue: {open: \"08:00\", close: \"17:00\"}\n"
    "visit_minutes: 45\n";

static struct clinic *
clinic(const char *yaml, int capacity)
{
	struct diag d = { 0 };
	struct clinic *c;

	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	if (c == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	c->capacity = capacity;
	return c;
}

static void
torture_book_new_free(void **state)
{
	struct book *b;

	(void)state;
	book_free(NULL);
	b = book_new(NULL, MON);
	assert_int_equal(book_first(b), MON);
	assert_int_equal(book_horizon(b), MON + BOOK_HORIZON);
	assert_false(book_given(b));
	book_set_given(b);
	assert_true(book_given(b));
	/* An empty book: every minute free, no day full. */
	assert_int_equal(book_taken(b, MON, 0, 24 * 60), 0);
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), 0);
	assert_false(book_whole(b, MON));
	book_free(b);
}

/* Split at midnight; one ending at midnight holds nothing the next day. */
static void
torture_book_add_midnight(void **state)
{
	struct book *b;
	size_t n;
	int *full;

	(void)state;
	b = book_new(NULL, MON);
	book_add(b, MON, HM(23, 0), MON + 1, HM(1, 0));
	assert_int_equal(book_taken(b, MON, HM(23, 30), HM(23, 31)), 1);
	assert_int_equal(book_taken(b, MON, HM(22, 0), HM(23, 0)), 0);
	assert_int_equal(book_taken(b, MON + 1, 0, 1), 1);
	assert_int_equal(book_taken(b, MON + 1, HM(0, 59), HM(1, 0)), 1);
	assert_int_equal(book_taken(b, MON + 1, HM(1, 0), HM(2, 0)), 0);
	/* The next day is free from 01:00, the first day from 00:00. */
	assert_int_equal(book_slot(b, MON + 1, TIME_NONE, 0), HM(1, 0));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), 0);

	book_add(b, MON + 3, HM(22, 0), MON + 4, 0);
	assert_int_equal(book_taken(b, MON + 3, HM(23, 59), 24 * 60), 1);
	assert_int_equal(book_taken(b, MON + 4, 0, 24 * 60), 0);
	/* Not even held: no full day is looked for on it. */
	book_add_day(b, MON + 5);
	full = book_full_days(b, MON, MON + 10, TIME_NONE, 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(full[0], MON + 5);
	free(full);
	/* A visit at 23:30 lasts until 00:15 the next day. */
	book_add_visit(b, MON + 7, HM(23, 30));
	assert_int_equal(book_taken(b, MON + 7, HM(23, 59), 24 * 60), 1);
	assert_int_equal(book_taken(b, MON + 8, 0, 1), 1);
	assert_int_equal(book_taken(b, MON + 8, HM(0, 14), HM(0, 15)), 1);
	assert_int_equal(book_taken(b, MON + 8, HM(0, 15), HM(0, 16)), 0);
	assert_int_equal(book_slot(b, MON + 8, TIME_NONE, 0), HM(0, 15));
	book_free(b);
}

/* Over several days: the days between are taken from end to end. */
static void
torture_book_add_several_days(void **state)
{
	struct book *b;
	size_t n;
	int *full;

	(void)state;
	b = book_new(NULL, MON);
	book_add(b, MON, HM(10, 0), MON + 3, HM(2, 0));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), 0);
	assert_int_equal(book_slot(b, MON, HM(9, 15), 0), HM(9, 15));
	assert_int_equal(book_slot(b, MON, HM(9, 16), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 1, TIME_NONE, 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 2, TIME_NONE, 0), TIME_NONE);
	assert_int_equal(book_taken(b, MON + 1, 0, 1), 1);
	assert_int_equal(book_taken(b, MON + 2, 24 * 60 - 1, 24 * 60), 1);
	assert_int_equal(book_slot(b, MON + 3, TIME_NONE, 0), HM(2, 0));
	assert_int_equal(book_taken(b, MON + 4, 0, 24 * 60), 0);
	full = book_full_days(b, MON - 3, MON + 30, TIME_NONE, 0, &n);
	assert_int_equal(n, 2);
	assert_int_equal(full[0], MON + 1);
	assert_int_equal(full[1], MON + 2);
	free(full);
	book_free(b);
}

/* An instant fills the slot it falls in and no other; a backward range is one. */
static void
torture_book_add_instant(void **state)
{
	struct clinic *c = clinic(slots_yaml, 1);
	struct book *b;

	(void)state;
	b = book_new(c, MON);
	book_add(b, MON, HM(9, 15), MON, HM(9, 15));
	assert_int_equal(book_taken(b, MON, HM(9, 15), HM(9, 15)), 1);
	assert_int_equal(book_taken(b, MON, HM(9, 14), HM(9, 15)), 0);
	assert_int_equal(book_taken(b, MON, HM(9, 16), HM(9, 17)), 0);
	/* 08:30 ends as 09:15 begins: not taken; 09:15 is. */
	assert_int_equal(book_slot(b, MON, HM(8, 30), 0), HM(8, 30));
	assert_int_equal(book_slot(b, MON, HM(9, 15), 0), TIME_NONE);
	/* Ending before it starts: an instant at its start. */
	book_add(b, MON + 1, HM(10, 10), MON, HM(8, 0));
	assert_int_equal(book_taken(b, MON + 1, HM(10, 10), HM(10, 11)), 1);
	assert_int_equal(book_taken(b, MON, HM(8, 0), HM(9, 0)), 0);
	assert_int_equal(book_slot(b, MON + 1, HM(10, 0), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 1, HM(9, 15), 0), HM(9, 15));
	book_free(b);
	clinic_free(c);
}

/* Before today nothing is kept; what reaches today is kept from midnight. */
static void
torture_book_add_past(void **state)
{
	struct book *b;
	size_t n;
	int *full;

	(void)state;
	b = book_new(NULL, MON);
	book_add(b, MON - 3, HM(9, 0), MON - 1, HM(23, 0));
	book_add_day(b, MON - 1);
	book_add_visit(b, MON - 2, HM(9, 0));
	assert_false(book_whole(b, MON - 1));
	assert_int_equal(book_taken(b, MON - 1, 0, 24 * 60), 0);
	assert_int_equal(book_taken(b, MON, 0, 24 * 60), 0);
	full = book_full_days(b, MON - 10, MON + 10, TIME_NONE, 0, &n);
	assert_int_equal(n, 0);
	assert_null(full);
	book_add(b, MON - 2, HM(12, 0), MON, HM(1, 30));
	assert_int_equal(book_taken(b, MON, 0, 1), 1);
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(1, 30));
	assert_int_equal(book_taken(b, MON - 1, 0, 24 * 60), 0);
	book_free(b);
}

/* After the horizon nothing is kept either. */
static void
torture_book_add_horizon(void **state)
{
	struct book *b;
	size_t n;
	int *full, h;

	(void)state;
	b = book_new(NULL, MON);
	h = book_horizon(b);
	book_add_day(b, h + 1);
	book_add_visit(b, h + 2, HM(9, 0));
	book_add(b, h, HM(23, 0), h + 1, HM(10, 0));
	book_add(b, h + 5, 0, h + 9, 0);
	assert_false(book_whole(b, h + 1));
	assert_int_equal(book_taken(b, h + 1, 0, 24 * 60), 0);
	assert_int_equal(book_taken(b, h + 2, 0, 24 * 60), 0);
	assert_int_equal(book_taken(b, h, HM(23, 30), HM(23, 31)), 1);
	assert_int_equal(book_slot(b, h + 1, TIME_NONE, 0), 0);
	/* A day from end to end, the horizon's last: full, and no further. */
	book_add(b, h - 1, 0, h + 3, 0);
	full = book_full_days(b, MON, h + 100, TIME_NONE, 0, &n);
	assert_int_equal(n, 2);
	assert_int_equal(full[0], h - 1);
	assert_int_equal(full[1], h);
	free(full);
	book_free(b);
}

static void
torture_book_add_day(void **state)
{
	struct clinic *c = clinic(slots_yaml, 5);
	struct book *b;

	(void)state;
	b = book_new(c, MON);
	book_add_day(b, MON + 1);
	assert_true(book_whole(b, MON + 1));
	assert_false(book_whole(b, MON));
	assert_false(book_whole(b, MON + 2));
	/* Whatever the capacity, a whole day has no slot. */
	assert_int_equal(book_slot(b, MON + 1, TIME_NONE, 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 1, HM(8, 30), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 1, TIME_NONE, 2), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 2, TIME_NONE, 0), HM(8, 30));
	book_free(b);
	/* Without slots too. */
	b = book_new(NULL, MON);
	book_add_day(b, MON);
	assert_true(book_whole(b, MON));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON, HM(12, 0), 0), TIME_NONE);
	book_free(b);
	clinic_free(c);
}

/* The clinic's slots, within each day's hours, narrowed by the wish. */
static void
torture_book_slot_hours_periods_want(void **state)
{
	struct clinic *c = clinic(slots_yaml, 1);
	struct book *b;

	(void)state;
	b = book_new(c, MON);
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(8, 30));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 1), HM(8, 30));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 2), HM(13, 30));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 3), HM(8, 30));
	assert_int_equal(book_slot(b, MON, HM(10, 0), 0), HM(10, 0));
	/* want outweighs periods; a time that is no slot is none. */
	assert_int_equal(book_slot(b, MON, HM(14, 15), 1), HM(14, 15));
	assert_int_equal(book_slot(b, MON, HM(9, 40), 0), TIME_NONE);
	/* Friday closes at 14:00: no 14:15, and 13:30 would end at 14:15. */
	assert_int_equal(book_slot(b, MON + 4, HM(14, 15), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 4, HM(13, 30), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 4, TIME_NONE, 2), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 4, TIME_NONE, 1), HM(8, 30));
	/* Sunday, 09:00 to 09:30: no slot fits. */
	assert_int_equal(book_slot(b, MON + 6, TIME_NONE, 0), TIME_NONE);
	/* Taken mornings move the morning wish, not the afternoon one. */
	book_add_visit(b, MON, HM(8, 30));
	book_add_visit(b, MON, HM(9, 15));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 1), HM(10, 0));
	book_add_visit(b, MON, HM(10, 0));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 1), TIME_NONE);
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(13, 30));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 2), HM(13, 30));
	assert_int_equal(book_slot(b, MON, HM(9, 15), 0), TIME_NONE);
	/* Another day is untouched. */
	assert_int_equal(book_slot(b, MON + 1, TIME_NONE, 1), HM(8, 30));
	book_free(b);
	clinic_free(c);
}

/* Capacity 1 and 2: a slot is full at capacity appointments, not before. */
static void
torture_book_slot_capacity(void **state)
{
	struct clinic *c1 = clinic(slots_yaml, 1), *c2 = clinic(slots_yaml, 2);
	struct book *b1, *b2;
	int i;

	(void)state;
	b1 = book_new(c1, MON);
	b2 = book_new(c2, MON);
	book_add_visit(b1, MON, HM(8, 30));
	book_add_visit(b2, MON, HM(8, 30));
	assert_int_equal(book_slot(b1, MON, TIME_NONE, 0), HM(9, 15));
	assert_int_equal(book_slot(b2, MON, TIME_NONE, 0), HM(8, 30));
	assert_int_equal(book_slot(b2, MON, HM(8, 30), 0), HM(8, 30));
	book_add_visit(b2, MON, HM(8, 30));
	assert_int_equal(book_slot(b2, MON, TIME_NONE, 0), HM(9, 15));
	assert_int_equal(book_slot(b2, MON, HM(8, 30), 0), TIME_NONE);
	/* Planned one after another, each slot is given capacity times. */
	for (i = 0; i < 6; i++)
		book_add_visit(b2, MON + 1, book_slot(b2, MON + 1, TIME_NONE,
		    1));
	assert_int_equal(book_taken(b2, MON + 1, HM(8, 30), HM(9, 15)), 2);
	assert_int_equal(book_taken(b2, MON + 1, HM(9, 15), HM(10, 0)), 2);
	assert_int_equal(book_taken(b2, MON + 1, HM(10, 0), HM(10, 45)), 2);
	assert_int_equal(book_slot(b2, MON + 1, TIME_NONE, 1), TIME_NONE);
	book_free(b1);
	book_free(b2);
	clinic_free(c1);
	clinic_free(c2);
}

/*
 * An appointment at an odd time takes every slot it overlaps; one that
 * ends as a slot begins, or begins as it ends, takes none of it.
 */
static void
torture_book_slot_overlap(void **state)
{
	struct clinic *c = clinic(slots_yaml, 1);
	struct book *b;

	(void)state;
	b = book_new(c, MON);
	book_add_visit(b, MON, HM(9, 40));	/* to 10:25 */
	assert_int_equal(book_slot(b, MON, HM(9, 15), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON, HM(10, 0), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(8, 30));
	book_add_visit(b, MON, HM(7, 45));	/* to 08:30, its start */
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(8, 30));
	book_add(b, MON, HM(10, 45), MON, HM(13, 30));	/* 10:00's end to
							   13:30's start */
	assert_int_equal(book_slot(b, MON, HM(13, 30), 0), HM(13, 30));
	book_add(b, MON, HM(8, 29), MON, HM(8, 31));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 1), TIME_NONE);
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(13, 30));

	/* One minute on each side of a slot's boundary: both slots. */
	book_add(b, MON + 1, HM(9, 14), MON + 1, HM(9, 16));
	assert_int_equal(book_slot(b, MON + 1, HM(8, 30), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 1, HM(9, 15), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 1, TIME_NONE, 0), HM(10, 0));
	/* The last minute of a slot is in it. */
	book_add(b, MON + 2, HM(14, 59), MON + 2, HM(15, 0));
	assert_int_equal(book_slot(b, MON + 2, HM(14, 15), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON + 2, HM(13, 30), 0), HM(13, 30));
	book_free(b);
	clinic_free(c);
}

/* Without slots: want itself, if it has room and fits the hours. */
static void
torture_book_slot_free_want(void **state)
{
	struct clinic *c = clinic(free_yaml, 1);
	struct book *b;

	(void)state;
	b = book_new(c, MON);
	assert_int_equal(book_slot(b, MON, HM(10, 0), 0), HM(10, 0));
	assert_int_equal(book_slot(b, MON, HM(7, 59), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON, HM(16, 15), 0), HM(16, 15));
	assert_int_equal(book_slot(b, MON, HM(16, 16), 0), TIME_NONE);
	book_add_visit(b, MON, HM(10, 0));
	assert_int_equal(book_slot(b, MON, HM(10, 0), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON, HM(10, 44), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON, HM(10, 45), 0), HM(10, 45));
	assert_int_equal(book_slot(b, MON, HM(9, 16), 0), TIME_NONE);
	assert_int_equal(book_slot(b, MON, HM(9, 15), 0), HM(9, 15));
	/* Periods mean nothing without slots. */
	assert_int_equal(book_slot(b, MON, HM(14, 0), 1), HM(14, 0));
	book_free(b);
	clinic_free(c);
}

/* Without slots and without a wish: the earliest minute with room. */
static void
torture_book_slot_free_earliest(void **state)
{
	struct clinic *c1 = clinic(free_yaml, 1), *c2 = clinic(free_yaml, 2);
	struct book *b, *b2;

	(void)state;
	b = book_new(c1, MON);
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(8, 0));
	book_add(b, MON, HM(8, 0), MON, HM(9, 0));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(9, 0));
	book_add(b, MON, HM(9, 0), MON, HM(9, 30));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(9, 30));
	/* 09:30 to 09:50 is too short; the end of the first after it is. */
	book_add(b, MON, HM(9, 50), MON, HM(10, 30));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(10, 30));
	/* Added out of order, the earliest end still wins. */
	book_add(b, MON, HM(12, 0), MON, HM(16, 15));
	book_add(b, MON, HM(10, 40), MON, HM(11, 0));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(11, 0));
	book_add(b, MON, HM(11, 0), MON, HM(12, 0));
	/* 16:15 to 17:00 is the last room. */
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), HM(16, 15));
	book_add(b, MON, HM(16, 20), MON, HM(16, 21));
	assert_int_equal(book_slot(b, MON, TIME_NONE, 0), TIME_NONE);
	/* Tuesday untouched; Wednesday has no hours set: from midnight. */
	assert_int_equal(book_slot(b, MON + 1, TIME_NONE, 0), HM(8, 0));
	assert_int_equal(book_slot(b, MON + 2, TIME_NONE, 0), 0);

	/* Capacity 2: one appointment leaves room, two do not. */
	b2 = book_new(c2, MON);
	book_add(b2, MON, HM(8, 0), MON, HM(9, 0));
	assert_int_equal(book_slot(b2, MON, TIME_NONE, 0), HM(8, 0));
	assert_int_equal(book_slot(b2, MON, HM(8, 15), 0), HM(8, 15));
	book_add(b2, MON, HM(8, 30), MON, HM(9, 30));
	assert_int_equal(book_slot(b2, MON, TIME_NONE, 0), HM(9, 0));
	assert_int_equal(book_slot(b2, MON, HM(8, 15), 0), TIME_NONE);
	book_free(b);
	book_free(b2);
	clinic_free(c1);
	clinic_free(c2);
}

/*
 * The days with no room: within from..to and the days held, ascending,
 * for the wish asked; a held day with room is not one.
 */
static void
torture_book_full_days(void **state)
{
	struct clinic *c = clinic(slots_yaml, 1);
	static const int t[] = { HM(8, 30), HM(9, 15), HM(10, 0) };
	struct book *b;
	size_t n, i;
	int *full, d;

	(void)state;
	b = book_new(c, MON);
	full = book_full_days(b, MON, book_horizon(b), TIME_NONE, 0, &n);
	assert_null(full);
	assert_int_equal(n, 0);
	/* Added out of order: whole days 20, 3; mornings full on 7; 9 room. */
	book_add_day(b, MON + 20);
	book_add_day(b, MON + 3);
	for (i = 0; i < 3; i++)
		book_add_visit(b, MON + 7, t[i]);
	book_add_visit(b, MON + 9, HM(8, 30));
	full = book_full_days(b, MON, book_horizon(b), TIME_NONE, 0, &n);
	assert_int_equal(n, 2);
	assert_int_equal(full[0], MON + 3);
	assert_int_equal(full[1], MON + 20);
	free(full);
	full = book_full_days(b, MON - 50, MON + 1000, TIME_NONE, 1, &n);
	assert_int_equal(n, 3);
	assert_int_equal(full[0], MON + 3);
	assert_int_equal(full[1], MON + 7);
	assert_int_equal(full[2], MON + 20);
	free(full);
	full = book_full_days(b, MON, MON + 30, HM(8, 30), 0, &n);
	assert_int_equal(n, 4);
	assert_int_equal(full[2], MON + 9);
	free(full);
	/* The range clips, both ends included. */
	full = book_full_days(b, MON + 4, MON + 19, TIME_NONE, 1, &n);
	assert_int_equal(n, 1);
	assert_int_equal(full[0], MON + 7);
	free(full);
	full = book_full_days(b, MON + 7, MON + 7, TIME_NONE, 1, &n);
	assert_int_equal(n, 1);
	free(full);
	full = book_full_days(b, MON + 8, MON + 19, TIME_NONE, 1, &n);
	assert_null(full);
	assert_int_equal(n, 0);
	full = book_full_days(b, MON + 21, MON + 100, TIME_NONE, 0, &n);
	assert_int_equal(n, 0);
	free(full);
	/*
	 * Only held days are looked at: an empty Sunday, where no slot
	 * fits, is not listed; a held one is.
	 */
	d = MON + 6;
	book_add(b, MON + 13, HM(3, 0), MON + 13, HM(3, 1));
	full = book_full_days(b, d, d + 7, TIME_NONE, 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(full[0], d + 7);
	free(full);
	book_free(b);
	clinic_free(c);
}

/* Counting the appointments over a time; an empty range is an instant. */
static void
torture_book_taken(void **state)
{
	struct book *b;

	(void)state;
	b = book_new(NULL, MON);
	book_add(b, MON, HM(9, 0), MON, HM(10, 0));
	book_add(b, MON, HM(9, 30), MON, HM(11, 0));
	book_add(b, MON, HM(9, 30), MON, HM(11, 0));
	assert_int_equal(book_taken(b, MON, HM(8, 0), HM(9, 0)), 0);
	assert_int_equal(book_taken(b, MON, HM(8, 0), HM(9, 1)), 1);
	assert_int_equal(book_taken(b, MON, HM(9, 0), HM(9, 30)), 1);
	assert_int_equal(book_taken(b, MON, HM(9, 29), HM(9, 31)), 3);
	assert_int_equal(book_taken(b, MON, HM(10, 0), HM(12, 0)), 2);
	assert_int_equal(book_taken(b, MON, HM(11, 0), HM(12, 0)), 0);
	assert_int_equal(book_taken(b, MON, HM(9, 45), HM(9, 45)), 3);
	assert_int_equal(book_taken(b, MON, HM(10, 0), HM(9, 0)), 2);
	assert_int_equal(book_taken(b, MON + 1, 0, 24 * 60), 0);
	assert_int_equal(book_taken(b, MON - 1, 0, 24 * 60), 0);
	assert_int_equal(book_taken(b, book_horizon(b) + 1, 0, 24 * 60), 0);
	book_free(b);
}

static void
torture_book_whole(void **state)
{
	struct book *b;

	(void)state;
	b = book_new(NULL, MON);
	book_add(b, MON, 0, MON + 1, 0);	/* every minute, but no block */
	book_add_day(b, MON + 1);
	book_add_day(b, book_horizon(b));
	assert_false(book_whole(b, MON));
	assert_true(book_whole(b, MON + 1));
	assert_false(book_whole(b, MON + 2));
	assert_true(book_whole(b, book_horizon(b)));
	assert_false(book_whole(b, MON - 1));
	assert_false(book_whole(b, book_horizon(b) + 1));
	book_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_book_new_free),
		cmocka_unit_test(torture_book_add_midnight),
		cmocka_unit_test(torture_book_add_several_days),
		cmocka_unit_test(torture_book_add_instant),
		cmocka_unit_test(torture_book_add_past),
		cmocka_unit_test(torture_book_add_horizon),
		cmocka_unit_test(torture_book_add_day),
		cmocka_unit_test(torture_book_slot_hours_periods_want),
		cmocka_unit_test(torture_book_slot_capacity),
		cmocka_unit_test(torture_book_slot_overlap),
		cmocka_unit_test(torture_book_slot_free_want),
		cmocka_unit_test(torture_book_slot_free_earliest),
		cmocka_unit_test(torture_book_full_days),
		cmocka_unit_test(torture_book_taken),
		cmocka_unit_test(torture_book_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
