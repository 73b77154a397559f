#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "patient.h"
#include "sched.h"

/*
 * The scheduler is checked against a brute force that knows nothing of
 * its dynamic programming: for small cases it tries every increasing
 * sequence of dates in reach, keeps those that obey rules 1-4 as the
 * README states them, and picks the best by (a), (b), (c).
 */

#define MAX_R		5
#define MAX_CLOSED	4
#define MAX_HIST	3

struct scase {
	struct sched_in		in;
	struct date_range	closed[MAX_CLOSED];
	int			history[MAX_HIST];
};

struct brute {
	int		 found;		/* a sequence obeys every rule */
	int		 any_day;	/* an allowed day for the first visit */
	int		 any_chain;	/* a sequence obeys rules 1, 2 and 4 */
	int		 best[MAX_R];
	int		 best_p1, best_cost;
	int		 lo, hi;	/* first visit's window */
	int		 horizon;
	int		 lapsed;
	const struct sched_in *in;
};

static int
allowed(const struct sched_in *in, int day)
{
	size_t i;

	if (!((in->weekdays >> date_weekday(day)) & 1))
		return 0;
	for (i = 0; i < in->nclosed; i++)
		if (day >= in->closed[i].from && day <= in->closed[i].to)
			return 0;
	return 1;
}

static int
absdiff(int a, int b)
{
	return a > b ? a - b : b - a;
}

/* Rules 1-4 for a whole sequence; sets *chain when only rule 3 fails. */
static int
obeys(const struct brute *b, const int *p, int r, int *chain)
{
	const struct sched_in *in = b->in;
	int i, first, last;

	*chain = 0;
	for (i = 0; i < r; i++)
		if (!allowed(in, p[i]))
			return 0;
	if (p[0] < in->start || p[0] < b->lo || p[0] > b->hi)
		return 0;
	for (i = 0; i + 1 < r; i++)
		if (p[i + 1] - p[i] < in->ival_min ||
		    p[i + 1] - p[i] > in->ival_max)
			return 0;
	if (in->nhistory && !b->lapsed) {
		last = in->history[in->nhistory - 1];
		if (p[0] - last < in->ival_min || p[0] - last > in->ival_max)
			return 0;
	}
	*chain = 1;
	/* A lapsed course that restarts counts from its next visit. */
	first = in->nhistory && !(b->lapsed && in->restart) ?
	    in->history[0] : p[0];
	return p[r - 1] - first <= in->max_course_days;
}

static int
cost_of(const struct brute *b, const int *p, int r)
{
	const struct sched_in *in = b->in;
	int i, c;

	c = 0;
	for (i = 0; i + 1 < r; i++)
		c += absdiff(p[i + 1] - p[i], in->ival_pref);
	if (in->nhistory && !b->lapsed)
		c += absdiff(p[0] - in->history[in->nhistory - 1],
		    in->ival_pref);
	return c;
}

/* Whether p beats the best so far by (a), (b), (c). */
static int
better(const struct brute *b, const int *p, int r, int cost)
{
	int i, by_first;

	if (!b->found)
		return 1;
	by_first = b->in->nhistory == 0 || b->lapsed;
	if (by_first && p[0] != b->best_p1)
		return p[0] < b->best_p1;
	if (cost != b->best_cost)
		return cost < b->best_cost;
	for (i = 0; i < r; i++)
		if (p[i] != b->best[i])
			return p[i] < b->best[i];
	return 0;
}

static void
enumerate(struct brute *b, int *p, int depth, int r)
{
	int d, from, cost, chain;

	if (depth == r) {
		if (obeys(b, p, r, &chain)) {
			cost = cost_of(b, p, r);
			if (better(b, p, r, cost)) {
				memcpy(b->best, p, (size_t)r * sizeof(*p));
				b->best_p1 = p[0];
				b->best_cost = cost;
				b->found = 1;
			}
		}
		b->any_chain |= chain;
		return;
	}
	from = depth == 0 ? b->lo : p[depth - 1] + 1;
	for (d = from; d <= (depth == 0 ? b->hi : b->horizon); d++) {
		p[depth] = d;
		enumerate(b, p, depth + 1, r);
	}
}

static void
brute_force(const struct sched_in *in, struct brute *b)
{
	int p[MAX_R], last, d;

	memset(b, 0, sizeof(*b));
	b->in = in;
	b->lo = in->start;
	b->hi = in->start + in->search_days;
	if (in->nhistory) {
		last = in->history[in->nhistory - 1];
		b->lapsed = in->start > last + in->ival_max;
		if (!b->lapsed) {
			if (b->lo < last + in->ival_min)
				b->lo = last + in->ival_min;
			b->hi = last + in->ival_max;
		}
	}
	b->horizon = b->hi + (in->visits - 1) * in->ival_max;
	for (d = b->lo; d <= b->hi; d++)
		b->any_day |= allowed(in, d);
	enumerate(b, p, 0, in->visits);
}

static unsigned
rnd(unsigned *state, unsigned n)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state % n;
}

static void
random_case(struct scase *c, unsigned *st)
{
	struct sched_in *in = &c->in;
	int base, i, prev;

	memset(c, 0, sizeof(*c));
	base = date_from_ymd(2026, 12, 1) + (int)rnd(st, 7);
	in->start = base;
	in->weekdays = 1 + rnd(st, 127);
	if (rnd(st, 3) == 0)
		in->weekdays = 0x7f;
	in->ival_min = 1 + (int)rnd(st, 3);
	in->ival_max = in->ival_min + (int)rnd(st, 4);
	in->ival_pref = in->ival_min + (int)rnd(st,
	    (unsigned)(in->ival_max - in->ival_min + 1));
	/* Now and then a preference outside the range, which the rules allow
	   the scheduler to be given (it only weighs costs). */
	if (rnd(st, 8) == 0)
		in->ival_pref = rnd(st, 2) ? in->ival_max + 2 : in->ival_min - 1;
	in->visits = 1 + (int)rnd(st, 4);
	in->max_course_days = (in->visits - 1) * in->ival_min +
	    (int)rnd(st, 12);
	in->search_days = 2 + (int)rnd(st, 10);
	in->nclosed = rnd(st, MAX_CLOSED + 1);
	for (i = 0; i < (int)in->nclosed; i++) {
		c->closed[i].from = base - 3 + (int)rnd(st, 25);
		c->closed[i].to = c->closed[i].from + (int)rnd(st, 4);
	}
	in->closed = c->closed;
	in->nhistory = rnd(st, MAX_HIST + 1);
	prev = base - 1 - (int)rnd(st, 8);
	for (i = (int)in->nhistory - 1; i >= 0; i--) {
		c->history[i] = prev;
		prev -= in->ival_min + (int)rnd(st, 4);
	}
	in->history = c->history;
	/* Sometimes start well after the last visit, to cover lapses. */
	if (in->nhistory && rnd(st, 4) == 0)
		in->start = c->history[in->nhistory - 1] + in->ival_max + 1 +
		    (int)rnd(st, 3);
}

static void
check_case(const struct scase *c, unsigned seed)
{
	struct sched_out out;
	struct brute b;
	enum sched_status st;
	int dates[MAX_R], i;

	brute_force(&c->in, &b);
	memset(dates, 0, sizeof(dates));
	st = sched_find(&c->in, dates, &out);
	if (b.found != (st == SCHED_OK))
		fail_msg("seed %u: brute found %d, sched status %d", seed,
		    b.found, st);
	assert_int_equal(out.lapsed, b.lapsed);
	assert_int_equal(out.course_end, c->in.nhistory && !(b.lapsed &&
	    c->in.restart) ? c->in.history[0] + c->in.max_course_days : 0);
	if (b.found) {
		for (i = 0; i < c->in.visits; i++)
			if (dates[i] != b.best[i])
				fail_msg("seed %u: visit %d on day %d, brute "
				    "force says %d", seed, i + 1, dates[i],
				    b.best[i]);
		return;
	}
	if (!b.any_day)
		assert_int_equal(st, c->in.nhistory && !b.lapsed ?
		    SCHED_NO_WINDOW : SCHED_NO_DAY);
	else if (!b.any_chain)
		assert_int_equal(st, SCHED_NO_CHAIN);
	else
		assert_int_equal(st, SCHED_TOO_LONG);
}

static void
torture_sched_find_exhaustive(void **state)
{
	struct scase c;
	unsigned seed, st;
	int planned = 0;

	(void)state;
	for (seed = 1; seed <= 4000; seed++) {
		st = seed * 2654435761u;
		random_case(&c, &st);
		check_case(&c, seed);
		planned++;
	}
	assert_int_equal(planned, 4000);
}

/* Every outcome must occur among the random cases, or the comparison proves little. */
static void
torture_sched_find_exhaustive_covers_outcomes(void **state)
{
	struct sched_out out;
	struct scase c;
	unsigned seed, st;
	int seen[5] = { 0 }, dates[MAX_R], lapses = 0, i;

	(void)state;
	for (seed = 1; seed <= 4000; seed++) {
		st = seed * 2654435761u;
		random_case(&c, &st);
		seen[sched_find(&c.in, dates, &out)]++;
		lapses += out.lapsed;
	}
	for (i = 0; i < 5; i++)
		if (seen[i] < 20)
			fail_msg("outcome %d seen only %d times", i, seen[i]);
	assert_true(lapses > 50);
}

/*
 * The same comparison where the first visit can only fall weeks after
 * start: the scheduler searches the first month before the whole
 * window, and a closure over most of that month makes it widen.
 */
static void
late_case(struct scase *c, unsigned *st)
{
	struct sched_in *in = &c->in;

	random_case(c, st);
	/* Only a lapse leaves history a window longer than the closure. */
	if (in->nhistory && in->start <= c->history[in->nhistory - 1] +
	    in->ival_max)
		in->nhistory = 0;
	in->visits = 1 + (int)rnd(st, 3);
	in->max_course_days = (in->visits - 1) * in->ival_min +
	    (int)rnd(st, 12);
	in->search_days = 32 + (int)rnd(st, 10);
	if (in->nclosed == MAX_CLOSED)
		in->nclosed--;
	c->closed[in->nclosed].from = in->start - (int)rnd(st, 3);
	c->closed[in->nclosed].to = in->start + 26 + (int)rnd(st, 12);
	in->nclosed++;
}

static void
torture_sched_find_exhaustive_late(void **state)
{
	struct sched_out out;
	struct scase c;
	unsigned seed, st;
	int dates[MAX_R], late = 0;

	(void)state;
	for (seed = 1; seed <= 1000; seed++) {
		st = seed * 2654435761u + 1;
		late_case(&c, &st);
		check_case(&c, seed);
		if (sched_find(&c.in, dates, &out) == SCHED_OK &&
		    dates[0] > c.in.start + 31)
			late++;
	}
	/* Plans that start after the first month, or it proves little. */
	if (late < 100)
		fail_msg("only %d plans start after the first month", late);
}

/*
 * Lapses, restarting and not: history, a start past the longest
 * interval, and a course now and then long enough to hold the lapse.
 */
static void
lapse_case(struct scase *c, unsigned *st, int restart)
{
	struct sched_in *in = &c->in;

	random_case(c, st);
	in->restart = restart;
	if (in->nhistory == 0) {
		in->nhistory = 1;
		c->history[0] = in->start - 1 - (int)rnd(st, 8);
	}
	in->start = c->history[in->nhistory - 1] + in->ival_max + 1 +
	    (int)rnd(st, 4);
	/* From one day too short for the visits to a few days spare. */
	in->max_course_days = (in->visits - 1) * in->ival_min - 1 +
	    (int)rnd(st, 6);
	if (in->max_course_days < 0)
		in->max_course_days = 0;
	if (rnd(st, 2))
		in->max_course_days += in->start - c->history[0];
}

static void
torture_sched_find_exhaustive_restart(void **state)
{
	struct sched_out out;
	struct scase c;
	unsigned seed, st;
	int seen[2][5] = { { 0 } }, dates[MAX_R], restart, i;

	(void)state;
	for (restart = 0; restart <= 1; restart++)
		for (seed = 1; seed <= 5000; seed++) {
			st = seed * 2654435761u + 3;
			lapse_case(&c, &st, restart);
			check_case(&c, seed);
			seen[restart][sched_find(&c.in, dates, &out)]++;
			assert_true(out.lapsed);
		}
	for (restart = 0; restart <= 1; restart++)
		for (i = 0; i < 5; i++)
			if (i != SCHED_NO_WINDOW && seen[restart][i] < 100)
				fail_msg("restart %d: outcome %d seen only %d "
				    "times", restart, i, seen[restart][i]);
	/* The same cases: restarting plans courses that could not be. */
	assert_true(seen[1][SCHED_OK] > seen[0][SCHED_OK] + 500);
}

/*
 * Property tests at realistic sizes: random protocols within the hard
 * limits (7-91 days apart, up to 30 visits, courses up to 366 days),
 * closures and histories.  Every plan must obey every rule, and a claim
 * that no plan exists, or that no earlier first visit works, is checked
 * by a search of its own: bitsets of the days each visit can reach.
 */

#define PMAX_DAYS	4096
#define WORDS		(PMAX_DAYS / 64)

struct bits {
	uint64_t	w[WORDS];
};

static void
bits_set(struct bits *b, int i)
{
	b->w[i / 64] |= (uint64_t)1 << (i % 64);
}

static int
bits_get(const struct bits *b, int i)
{
	return (int)((b->w[i / 64] >> (i % 64)) & 1);
}

/* Can visits 1..r run from day p1 (index) with the last by day end? */
static int
chain_from(const struct sched_in *in, const struct bits *ok, int p1, int end,
    int r)
{
	struct bits cur, next;
	int i, d, k;

	memset(&cur, 0, sizeof(cur));
	bits_set(&cur, p1);
	for (i = 1; i < r; i++) {
		memset(&next, 0, sizeof(next));
		for (k = p1; k <= end; k++) {
			if (!bits_get(&cur, k))
				continue;
			for (d = in->ival_min; d <= in->ival_max &&
			    k + d <= end; d++)
				if (bits_get(ok, k + d))
					bits_set(&next, k + d);
		}
		cur = next;
	}
	for (k = p1; k <= end; k++)
		if (bits_get(&cur, k))
			return 1;
	return 0;
}

static void
random_protocol_case(struct scase *c, unsigned *st)
{
	struct sched_in *in = &c->in;
	int base, i, prev;

	memset(c, 0, sizeof(*c));
	base = date_from_ymd(2026, 1, 1) + (int)rnd(st, 700);
	in->start = base;
	in->weekdays = 1 + rnd(st, 127);
	in->ival_min = 7 + (int)rnd(st, 30);
	in->ival_max = in->ival_min + (int)rnd(st, 20);
	if (in->ival_max > 91)
		in->ival_max = 91;
	in->ival_pref = in->ival_min + (int)rnd(st,
	    (unsigned)(in->ival_max - in->ival_min + 1));
	in->visits = 1 + (int)rnd(st, 12);
	in->max_course_days = 30 + (int)rnd(st, 337);
	in->search_days = 20 + (int)rnd(st, 60);
	in->nclosed = rnd(st, MAX_CLOSED + 1);
	for (i = 0; i < (int)in->nclosed; i++) {
		c->closed[i].from = base + (int)rnd(st, 300);
		c->closed[i].to = c->closed[i].from + (int)rnd(st, 40);
	}
	in->closed = c->closed;
	in->nhistory = rnd(st, MAX_HIST + 1);
	prev = base - 1 - (int)rnd(st, 60);
	for (i = (int)in->nhistory - 1; i >= 0; i--) {
		c->history[i] = prev;
		prev -= in->ival_min + (int)rnd(st, 10);
	}
	in->history = c->history;
}

static void
check_properties(const struct scase *c, unsigned seed)
{
	const struct sched_in *in = &c->in;
	struct sched_out out;
	struct bits ok;
	enum sched_status st;
	int dates[MAX_HIST + 30], i, lo, hi, end, k, base, first, last;

	memset(dates, 0, sizeof(dates));
	st = sched_find(in, dates, &out);
	last = in->nhistory ? in->history[in->nhistory - 1] : 0;
	lo = out.first_from;
	hi = out.first_to;
	base = lo;
	memset(&ok, 0, sizeof(ok));
	for (k = 0; k < PMAX_DAYS; k++)
		if (allowed(in, base + k))
			bits_set(&ok, k);
	if (st == SCHED_OK) {
		for (i = 0; i < in->visits; i++)
			if (!allowed(in, dates[i]))
				fail_msg("seed %u: visit %d not allowed", seed, i);
		assert_true(dates[0] >= in->start);
		assert_true(dates[0] >= lo && dates[0] <= hi);
		for (i = 0; i + 1 < in->visits; i++) {
			assert_true(dates[i + 1] - dates[i] >= in->ival_min);
			assert_true(dates[i + 1] - dates[i] <= in->ival_max);
		}
		if (in->nhistory && !out.lapsed) {
			assert_true(dates[0] - last >= in->ival_min);
			assert_true(dates[0] - last <= in->ival_max);
		}
		first = in->nhistory ? in->history[0] : dates[0];
		assert_true(dates[in->visits - 1] - first <=
		    in->max_course_days);
	}
	/* No plan, or an earlier first visit, must be impossible. */
	end = st == SCHED_OK ? dates[0] - base - 1 : hi - base;
	if (in->nhistory && !out.lapsed && st == SCHED_OK)
		return;		/* (a) does not apply after history */
	for (k = 0; k <= end; k++) {
		if (!bits_get(&ok, k))
			continue;
		first = in->nhistory ? in->history[0] - base : k;
		if (chain_from(in, &ok, k, first + in->max_course_days,
		    in->visits))
			fail_msg("seed %u: status %d, but visit 1 on day %d "
			    "has a plan", seed, st, base + k);
	}
}

static void
torture_sched_find_properties(void **state)
{
	struct scase c;
	unsigned seed, st;
	int n;

	(void)state;
	for (seed = 1, n = 0; seed <= 3000; seed++, n++) {
		st = seed * 2246822519u + 7;
		random_protocol_case(&c, &st);
		check_properties(&c, seed);
	}
	assert_int_equal(n, 3000);
}

static void
base_in(struct sched_in *in, int start)
{
	memset(in, 0, sizeof(*in));
	in->start = start;
	in->weekdays = 0x1f;
	in->visits = 4;
	in->ival_min = 14;
	in->ival_max = 21;
	in->ival_pref = 21;
	in->max_course_days = 183;
	in->search_days = SCHED_SEARCH_DAYS;
}

static void
torture_sched_find_preferred_interval(void **state)
{
	struct sched_in in;
	struct sched_out out;
	int d[4], start;

	(void)state;
	start = date_from_ymd(2026, 12, 1);	/* a Tuesday */
	base_in(&in, start);
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[0], start);
	assert_int_equal(d[1], start + 21);
	assert_int_equal(d[2], start + 42);
	assert_int_equal(d[3], start + 63);
}

/* A weekend start moves to Monday; 21 days later is a Monday again. */
static void
torture_sched_find_weekend_start(void **state)
{
	struct sched_in in;
	struct sched_out out;
	int d[4], start;

	(void)state;
	start = date_from_ymd(2026, 12, 5);	/* Saturday */
	base_in(&in, start);
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[0], date_from_ymd(2026, 12, 7));
	assert_int_equal(date_weekday(d[1]), 0);
}

/* Closing the preferred day costs one day either side; the earlier wins. */
static void
torture_sched_find_tie_prefers_earlier(void **state)
{
	struct sched_in in;
	struct sched_out out;
	struct date_range closed = { 0, 0 };
	int d[2], start;

	(void)state;
	start = date_from_ymd(2026, 12, 2);	/* Wednesday */
	base_in(&in, start);
	in.visits = 2;
	closed.from = closed.to = start + 21;
	in.closed = &closed;
	in.nclosed = 1;
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[1], start + 20);
}

static void
torture_sched_find_history_window(void **state)
{
	struct sched_in in;
	struct sched_out out;
	int d[2], hist[2];

	(void)state;
	hist[0] = date_from_ymd(2026, 11, 3);
	hist[1] = date_from_ymd(2026, 11, 24);
	base_in(&in, date_from_ymd(2026, 12, 1));
	in.history = hist;
	in.nhistory = 2;
	in.visits = 2;
	in.weekdays = 1u << 0 | 1u << 2 | 1u << 4;	/* mon, wed, fri */
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(out.lapsed, 0);
	/* 2026-12-15 (21 days) is a Tuesday; Monday 14th costs 1. */
	assert_int_equal(d[0], date_from_ymd(2026, 12, 14));
	assert_int_equal(d[1], date_from_ymd(2027, 1, 4));
}

static void
torture_sched_find_lapse(void **state)
{
	struct sched_in in;
	struct sched_out out;
	int d[1], hist[1];

	(void)state;
	hist[0] = date_from_ymd(2026, 9, 1);
	base_in(&in, date_from_ymd(2026, 12, 1));
	in.history = hist;
	in.nhistory = 1;
	in.visits = 1;
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(out.lapsed, 1);
	assert_int_equal(d[0], date_from_ymd(2026, 12, 1));
}

static void
torture_sched_find_nothing_to_plan(void **state)
{
	struct sched_in in;
	struct sched_out out;
	int d[1] = { -1 };

	(void)state;
	base_in(&in, date_from_ymd(2026, 12, 1));
	in.visits = 0;
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[0], -1);
}

/* The first visit may fall 365 days after start, not 366. */
static void
torture_sched_find_search_limit(void **state)
{
	struct sched_in in;
	struct sched_out out;
	struct date_range closed;
	int d[1], start;

	(void)state;
	start = date_from_ymd(2026, 12, 1);
	base_in(&in, start);
	in.visits = 1;
	in.weekdays = 0x7f;
	closed.from = start;
	closed.to = start + 364;
	in.closed = &closed;
	in.nclosed = 1;
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[0], start + 365);
	closed.to = start + 365;
	assert_int_equal(sched_find(&in, d, &out), SCHED_NO_DAY);
}

static void
torture_sched_find_course_too_long(void **state)
{
	struct sched_in in;
	struct sched_out out;
	int d[10];

	(void)state;
	base_in(&in, date_from_ymd(2026, 12, 1));
	in.visits = 10;
	in.ival_min = 21;
	in.max_course_days = 183;	/* 9 x 21 = 189 */
	assert_int_equal(sched_find(&in, d, &out), SCHED_TOO_LONG);
}

/* The longest search: 30 visits, a year of days, no plan. */
static void
torture_sched_find_worst_case(void **state)
{
	struct sched_in in;
	struct sched_out out;
	int d[30];

	(void)state;
	base_in(&in, date_from_ymd(2026, 12, 1));
	in.visits = 30;
	in.ival_min = 7;
	in.ival_max = 91;
	in.ival_pref = 7;
	in.max_course_days = 202;	/* 29 x 7 = 203 */
	assert_int_equal(sched_find(&in, d, &out), SCHED_TOO_LONG);
	in.max_course_days = 203;
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[29] - d[0], 203);
}

/*
 * Back after the holidays: given in October, the course lapsed, and
 * max_course_days counts from the next visit when it restarts, from
 * the first visit of October when it continues.
 */
static void
torture_sched_find_restart_after_holidays(void **state)
{
	struct sched_in in;
	struct sched_out out;
	int d[2], hist[2];

	(void)state;
	hist[0] = date_from_ymd(2026, 10, 7);
	hist[1] = date_from_ymd(2026, 10, 28);
	base_in(&in, date_from_ymd(2027, 1, 11));
	in.history = hist;
	in.nhistory = 2;
	in.visits = 2;
	in.max_course_days = 91;
	in.restart = 1;
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(out.lapsed, 1);
	assert_int_equal(out.course_end, 0);
	assert_int_equal(d[0], date_from_ymd(2027, 1, 11));
	assert_int_equal(d[1], date_from_ymd(2027, 2, 1));
	in.restart = 0;
	assert_int_equal(sched_find(&in, d, &out), SCHED_TOO_LONG);
	assert_int_equal(out.course_end, date_from_ymd(2027, 1, 6));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_sched_find_exhaustive),
		cmocka_unit_test(torture_sched_find_exhaustive_covers_outcomes),
		cmocka_unit_test(torture_sched_find_exhaustive_late),
		cmocka_unit_test(torture_sched_find_exhaustive_restart),
		cmocka_unit_test(torture_sched_find_properties),
		cmocka_unit_test(torture_sched_find_preferred_interval),
		cmocka_unit_test(torture_sched_find_weekend_start),
		cmocka_unit_test(torture_sched_find_tie_prefers_earlier),
		cmocka_unit_test(torture_sched_find_history_window),
		cmocka_unit_test(torture_sched_find_lapse),
		cmocka_unit_test(torture_sched_find_nothing_to_plan),
		cmocka_unit_test(torture_sched_find_search_limit),
		cmocka_unit_test(torture_sched_find_course_too_long),
		cmocka_unit_test(torture_sched_find_worst_case),
		cmocka_unit_test(torture_sched_find_restart_after_holidays),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
