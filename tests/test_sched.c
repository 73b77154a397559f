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
 * its dynamic programming: for small cases it tries every sequence of
 * future visits, the booked ones among them, keeps those that obey the
 * rules as sched.h and the README state them, and picks the best by
 * (a), (b), (c).  It builds each sequence a visit at a time and drops
 * one as soon as its newest visit breaks a rule, which only saves time:
 * obeys() checks every rule again on each whole sequence.
 */

#define MAX_R		6
#define MAX_CLOSED	4	/* random ones; booked_case() adds one */
#define MAX_HIST	3
#define MAX_BOOKED	3

struct scase {
	struct sched_in		in;
	struct date_range	closed[MAX_CLOSED + 1];
	int			history[MAX_HIST];
	int			booked[MAX_BOOKED];
};

struct brute {
	int		 found;		/* a sequence obeys every rule */
	int		 any_day;	/* a day for the first visit */
	int		 any_chain;	/* a sequence obeys all but rule 5 */
	int		 beyond;	/* a booked visit after every end */
	int		 best[MAX_R];
	int		 best_cost;
	int		 lo, hi;	/* a planned first visit's window */
	int		 lapsed;
	int		 fixed;		/* history fixes the course's start */
	int		 seq[MAX_R];	/* the sequence being built */
	int		 booked[MAX_R];	/* whether seq[i] is a booked visit */
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
is_booked(const struct sched_in *in, int day)
{
	size_t i;

	for (i = 0; i < in->nbooked; i++)
		if (in->booked[i] == day)
			return 1;
	return 0;
}

static int
absdiff(int a, int b)
{
	return a > b ? a - b : b - a;
}

static int
last_given(const struct sched_in *in)
{
	return in->history[in->nhistory - 1];
}

/* Rule 1: a planned visit on an allowed day, from start, not booked. */
static int
planned_ok(const struct sched_in *in, int day)
{
	return allowed(in, day) && day >= in->start && !is_booked(in, day);
}

/*
 * Rules 2, 3 and 6 for visit i, the visits before it given: in date
 * order; min..max from the visit before unless both are booked; the
 * first, if planned, in its window and, with history and no lapse,
 * min..max from the last visit given.
 */
static int
step_ok(const struct brute *b, int i)
{
	const struct sched_in *in = b->in;
	int gap;

	if (i > 0) {
		gap = b->seq[i] - b->seq[i - 1];
		if (gap <= 0)
			return 0;
		if (b->booked[i - 1] && b->booked[i])
			return 1;
		return gap >= in->ival_min && gap <= in->ival_max;
	}
	if (b->booked[0])
		return !in->nhistory || b->lapsed ||
		    b->seq[0] <= last_given(in) + in->ival_max;
	if (b->seq[0] < b->lo || b->seq[0] > b->hi)
		return 0;
	if (in->nhistory && !b->lapsed) {
		gap = b->seq[0] - last_given(in);
		return gap >= in->ival_min && gap <= in->ival_max;
	}
	return 1;
}

/* Rule 5's first visit of the course. */
static int
course_first(const struct brute *b)
{
	return b->fixed ? b->in->history[0] : b->seq[0];
}

/*
 * Every rule for the whole sequence of r visits; sets *chain when only
 * rule 5 fails.  The booked visits must all be there, in order, each
 * flagged as booked.
 */
static int
obeys(const struct brute *b, int r, int *chain)
{
	const struct sched_in *in = b->in;
	size_t j;
	int i;

	*chain = 0;
	for (i = 0, j = 0; i < r; i++) {
		if (b->booked[i]) {
			if (j >= in->nbooked || b->seq[i] != in->booked[j++])
				return 0;
		} else if (!planned_ok(in, b->seq[i]))
			return 0;
		if (!step_ok(b, i))
			return 0;
	}
	if (j != in->nbooked)
		return 0;
	*chain = 1;
	for (i = 0; i < r; i++)
		if (b->seq[i] - course_first(b) > in->max_course_days)
			return 0;
	return 1;
}

static int
cost_of(const struct brute *b, int r)
{
	const struct sched_in *in = b->in;
	int i, c;

	c = 0;
	for (i = 0; i + 1 < r; i++)
		c += absdiff(b->seq[i + 1] - b->seq[i], in->ival_pref);
	if (in->nhistory && !b->lapsed)
		c += absdiff(b->seq[0] - last_given(in), in->ival_pref);
	return c;
}

/* Whether the sequence beats the best so far by (a), (b), (c). */
static int
better(const struct brute *b, int r, int cost)
{
	int i, by_first;

	if (!b->found)
		return 1;
	by_first = b->in->nhistory == 0 || b->lapsed;
	if (by_first && b->seq[0] != b->best[0])
		return b->seq[0] < b->best[0];
	if (cost != b->best_cost)
		return cost < b->best_cost;
	for (i = 0; i < r; i++)
		if (b->seq[i] != b->best[i])
			return b->seq[i] < b->best[i];
	return 0;
}

static void
consider(struct brute *b, int r)
{
	int cost, chain;

	if (obeys(b, r, &chain)) {
		cost = cost_of(b, r);
		if (better(b, r, cost)) {
			memcpy(b->best, b->seq, (size_t)r * sizeof(*b->seq));
			b->best_cost = cost;
			b->found = 1;
		}
	}
	b->any_chain |= chain;
}

/*
 * Visit i on every day it might fall: the next booked visit, or a
 * planned visit on each day from the first visit's window, or from the
 * day after the visit before, to a day past the longest interval (the
 * rules, not these bounds, refuse the days beyond).  nb booked visits
 * are placed.
 */
static void
enumerate(struct brute *b, int i, size_t nb, int r)
{
	const struct sched_in *in = b->in;
	int d, from, to;

	if (i == r) {
		consider(b, r);
		return;
	}
	if (in->nbooked - nb > (size_t)(r - i))
		return;		/* no room left for the booked visits */
	if (nb < in->nbooked) {
		b->seq[i] = in->booked[nb];
		b->booked[i] = 1;
		if (step_ok(b, i))
			enumerate(b, i + 1, nb + 1, r);
	}
	from = i == 0 ? b->lo - 1 : b->seq[i - 1] + 1;
	to = i == 0 ? b->hi + 1 : b->seq[i - 1] + in->ival_max + 1;
	for (d = from; d <= to; d++) {
		b->seq[i] = d;
		b->booked[i] = 0;
		if (planned_ok(in, d) && step_ok(b, i))
			enumerate(b, i + 1, nb, r);
	}
}

/* With lapse set, the course lapsed whatever the window holds. */
static void
brute_force(const struct sched_in *in, struct brute *b, int lapse)
{
	int earliest, last, d, latest_end;

	memset(b, 0, sizeof(*b));
	b->in = in;
	earliest = in->start;
	if (in->nbooked && in->booked[0] < earliest)
		earliest = in->booked[0];
	b->lo = earliest;
	b->hi = earliest + in->search_days;
	if (in->nhistory) {
		last = last_given(in);
		b->lapsed = lapse || earliest > last + in->ival_max;
		/* A forced lapse: nothing comes within max of the last. */
		if (lapse && b->lo <= last + in->ival_max)
			b->lo = last + in->ival_max + 1;
		if (!b->lapsed) {
			b->lo = in->start;
			if (b->lo < last + in->ival_min)
				b->lo = last + in->ival_min;
			b->hi = last + in->ival_max;
		}
		b->fixed = !b->lapsed || !in->restart;
	}
	/* The first visit can be the first booked one, else a planned one. */
	b->any_day = in->nbooked > 0;
	for (d = b->lo; d <= b->hi; d++)
		b->any_day |= allowed(in, d) && d >= in->start;
	/* Rule 5's latest end, the course beginning no later than b0. */
	if (in->nbooked) {
		latest_end = (b->fixed ? in->history[0] : in->booked[0]) +
		    in->max_course_days;
		b->beyond = in->booked[in->nbooked - 1] > latest_end;
	}
	enumerate(b, 0, 0, in->visits);
}

/*
 * The course without a lapse, and failing that, if the first booked
 * visit is out of the window after history, with one.
 */
static void
brute_solve(const struct sched_in *in, struct brute *b)
{
	brute_force(in, b, 0);
	if (!b->found && !b->lapsed && in->nhistory && in->nbooked &&
	    in->booked[0] > last_given(in) + in->ival_max)
		brute_force(in, b, 1);
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

	brute_solve(&c->in, &b);
	memset(dates, 0, sizeof(dates));
	st = sched_find(&c->in, dates, &out);
	if (b.found != (st == SCHED_OK))
		fail_msg("seed %u: brute found %d, sched status %d", seed,
		    b.found, st);
	assert_int_equal(out.lapsed, b.lapsed);
	assert_int_equal(out.course_end, b.fixed ? c->in.history[0] +
	    c->in.max_course_days : 0);
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
	else if (!b.any_chain && !b.beyond)
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
 * Booked visits: from one to three, in reach of the first visit, each
 * an interval or two after the one before, now and then too close or
 * too far; now and then before start, or on a day the patient cannot
 * come.  Courses with history or lapses, restarting or not.
 */
static void
booked_case(struct scase *c, unsigned *st)
{
	struct sched_in *in = &c->in;
	int d, k, nb, spread;
	size_t i;

	random_case(c, st);
	in->restart = (int)rnd(st, 2);
	in->visits = 1 + (int)rnd(st, MAX_R);
	nb = 1 + (int)rnd(st, (unsigned)(in->visits < MAX_BOOKED ?
	    in->visits : MAX_BOOKED));
	in->max_course_days = (in->visits - 1) * in->ival_min +
	    (int)rnd(st, 16);
	d = in->nhistory ? c->history[in->nhistory - 1] + 1 : in->start - 3;
	d += (int)rnd(st, (unsigned)(in->search_days + 2 * in->ival_max));
	for (i = 0; i < (size_t)nb; i++) {
		c->booked[i] = d;
		k = 1 + (int)rnd(st, 2);
		spread = k * (in->ival_max - in->ival_min) + 1;
		switch (rnd(st, 6)) {
		case 0:
			d += 1 + (int)rnd(st, (unsigned)in->ival_min);
			break;
		case 1:
			d += k * in->ival_max + 1 + (int)rnd(st, 3);
			break;
		default:
			d += k * in->ival_min + (int)rnd(st, (unsigned)spread);
			break;
		}
	}
	in->booked = c->booked;
	in->nbooked = (size_t)nb;
	if (rnd(st, 3) == 0) {
		d = c->booked[rnd(st, (unsigned)nb)];
		c->closed[in->nclosed].from = d - (int)rnd(st, 2);
		c->closed[in->nclosed].to = d + (int)rnd(st, 2);
		in->nclosed++;
	}
}

/* Whether a plan found puts planned visits before, between, after. */
struct around {
	int	before, between, after, closed, loose, lapsed;
};

static void
count_around(const struct scase *c, const int *dates, struct around *a)
{
	const struct sched_in *in = &c->in;
	size_t j;
	int i, seen;

	for (i = 0, j = 0, seen = 0; i < in->visits; i++) {
		if (j < in->nbooked && dates[i] == in->booked[j]) {
			if (!allowed(in, dates[i]))
				a->closed++;
			if (i > 0 && j > 0 && dates[i - 1] == in->booked[j - 1] &&
			    (dates[i] - dates[i - 1] < in->ival_min ||
			    dates[i] - dates[i - 1] > in->ival_max))
				a->loose++;
			j++;
			continue;
		}
		if (j == 0)
			seen |= 1;
		else if (j < in->nbooked)
			seen |= 2;
		else
			seen |= 4;
	}
	a->before += seen & 1;
	a->between += (seen >> 1) & 1;
	a->after += (seen >> 2) & 1;
}

static void
torture_sched_find_exhaustive_booked(void **state)
{
	struct sched_out out;
	struct around a;
	struct brute b;
	struct scase c;
	unsigned seed, st;
	int seen[5] = { 0 }, beyond[2] = { 0 }, dates[MAX_R], i, s;

	(void)state;
	memset(&a, 0, sizeof(a));
	for (seed = 1; seed <= 5000; seed++) {
		st = seed * 2654435761u + 2;
		booked_case(&c, &st);
		check_case(&c, seed);
		s = sched_find(&c.in, dates, &out);
		seen[s]++;
		if (s == SCHED_OK) {
			count_around(&c, dates, &a);
			a.lapsed += out.lapsed;
		} else if (s == SCHED_TOO_LONG) {
			brute_solve(&c.in, &b);
			beyond[b.beyond]++;
		}
	}
	/* Too long both ways: a booked visit too late, or every chain. */
	if (beyond[0] < 200 || beyond[1] < 200)
		fail_msg("too long %d times by chains, %d by a booked visit",
		    beyond[0], beyond[1]);
	/* Every outcome the booked visits allow, and every kind of plan. */
	for (i = 0; i < 5; i++)
		if (i != SCHED_NO_WINDOW && i != SCHED_NO_DAY && seen[i] < 200)
			fail_msg("outcome %d seen only %d times", i, seen[i]);
	if (a.before < 100 || a.between < 100 || a.after < 100 ||
	    a.closed < 100 || a.loose < 20 || a.lapsed < 50)
		fail_msg("plans with visits before %d, between %d, after %d "
		    "booked ones, %d booked on closed days, %d booked pairs "
		    "out of bounds, %d after lapses", a.before, a.between,
		    a.after, a.closed, a.loose, a.lapsed);
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

/*
 * Booking visits of a plan must keep the plan, at realistic sizes: the
 * plans that hold the booked days obey the rules without them too (a
 * run of consecutive visits keeps its intervals in bounds), so the best
 * of them is the plan itself.  After history, with no lapse, the run
 * begins at the first visit: a later booked visit could be first, which
 * no rule of the plan without it allows.  The booked search, on a year
 * and up to 12 visits, is so checked against the one without.
 */
static void
torture_sched_find_booked_keeps_plan(void **state)
{
	struct sched_out out, bout;
	struct sched_in in;
	struct scase c;
	unsigned seed, st;
	int plan[12], dates[12], from, i, kept = 0;

	(void)state;
	for (seed = 1; seed <= 3000; seed++) {
		st = seed * 2246822519u + 11;
		random_protocol_case(&c, &st);
		c.in.restart = (int)rnd(&st, 2);
		if (sched_find(&c.in, plan, &out) != SCHED_OK)
			continue;
		in = c.in;
		from = (int)rnd(&st, (unsigned)in.visits);
		if ((in.nhistory && !out.lapsed) || rnd(&st, 4) == 0)
			from = 0;
		in.booked = plan + from;
		in.nbooked = 1 + rnd(&st, (unsigned)(in.visits - from));
		if (rnd(&st, 4) == 0)
			in.nbooked = (size_t)(in.visits - from);
		memset(dates, 0, sizeof(dates));
		assert_int_equal(sched_find(&in, dates, &bout), SCHED_OK);
		for (i = 0; i < in.visits; i++)
			if (dates[i] != plan[i])
				fail_msg("seed %u: visit %d on day %d, without "
				    "booking %d", seed, i + 1, dates[i],
				    plan[i]);
		assert_int_equal(bout.lapsed, out.lapsed);
		assert_int_equal(bout.course_end, out.course_end);
		kept++;
	}
	if (kept < 1000)
		fail_msg("only %d plans to book", kept);
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

/* A booked visit on a day the clinic closed since stays where it is. */
static void
torture_sched_find_booked_on_closure(void **state)
{
	struct sched_in in;
	struct sched_out out;
	struct date_range closed;
	int d[4], booked;

	(void)state;
	base_in(&in, date_from_ymd(2026, 12, 1));
	booked = date_from_ymd(2026, 12, 9);
	closed.from = closed.to = booked;	/* staff training */
	in.closed = &closed;
	in.nclosed = 1;
	in.booked = &booked;
	in.nbooked = 1;
	/* 12-01 is too close to come before it; the rest follow it. */
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[0], booked);
	assert_int_equal(d[1], date_from_ymd(2026, 12, 30));
	assert_int_equal(d[2], date_from_ymd(2027, 1, 20));
	assert_int_equal(d[3], date_from_ymd(2027, 2, 10));
	/* On a Sunday, which is not one of the patient's days, too. */
	booked = date_from_ymd(2026, 12, 13);
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[0], booked);
	assert_int_equal(d[1], date_from_ymd(2027, 1, 1));
}

/* A booked visit no plan fits around: no chain, or past the course end. */
static void
torture_sched_find_booked_infeasible(void **state)
{
	struct sched_in in;
	struct sched_out out;
	struct date_range closed;
	int d[4], booked, hist;

	(void)state;
	base_in(&in, date_from_ymd(2026, 12, 1));
	booked = date_from_ymd(2026, 12, 9);
	closed.from = date_from_ymd(2026, 12, 10);
	closed.to = date_from_ymd(2027, 3, 1);
	in.closed = &closed;
	in.nclosed = 1;
	/* Without it the course waits for the closure to end. */
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[0], date_from_ymd(2027, 3, 2));
	/* With it, no visit can come within 21 days either side. */
	in.booked = &booked;
	in.nbooked = 1;
	assert_int_equal(sched_find(&in, d, &out), SCHED_NO_CHAIN);
	/* After history, booked after the end of the course. */
	in.nclosed = 0;
	hist = date_from_ymd(2026, 11, 17);
	in.history = &hist;
	in.nhistory = 1;
	booked = date_from_ymd(2027, 2, 9);	/* 4 x 21 days on */
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[0], date_from_ymd(2026, 12, 8));
	assert_int_equal(d[1], date_from_ymd(2026, 12, 29));
	assert_int_equal(d[2], date_from_ymd(2027, 1, 19));
	assert_int_equal(d[3], booked);
	booked = hist + 183 + 1;
	assert_int_equal(sched_find(&in, d, &out), SCHED_TOO_LONG);
	assert_int_equal(out.course_end, hist + 183);
}

/* Planned visits fill the course before, between and after booked ones. */
static void
torture_sched_find_booked_around(void **state)
{
	struct sched_in in;
	struct sched_out out;
	int d[6], booked[2], start;

	(void)state;
	start = date_from_ymd(2026, 12, 1);
	base_in(&in, start);
	in.visits = 6;
	booked[0] = start + 21;
	booked[1] = start + 63;
	in.booked = booked;
	in.nbooked = 2;
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[0], start);
	assert_int_equal(d[1], booked[0]);
	assert_int_equal(d[2], start + 42);
	assert_int_equal(d[3], booked[1]);
	assert_int_equal(d[4], start + 84);
	assert_int_equal(d[5], start + 105);
	/* Two booked visits 6 days apart stay so; the rest keep 14..21. */
	booked[0] = start + 14;
	booked[1] = start + 20;
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(d[0], start);
	assert_int_equal(d[1], booked[0]);
	assert_int_equal(d[2], booked[1]);
	assert_int_equal(d[3], booked[1] + 21);
	assert_int_equal(d[5], booked[1] + 63);
}

/*
 * A booked visit before start (a pause for a medicine moved start) is
 * the earliest next visit: it decides the lapse, and comes first.
 */
static void
torture_sched_find_booked_before_start(void **state)
{
	struct sched_in in;
	struct sched_out out;
	int d[2], hist[1], booked;

	(void)state;
	hist[0] = date_from_ymd(2026, 11, 20);
	base_in(&in, date_from_ymd(2026, 12, 14));	/* 24 days on */
	in.history = hist;
	in.nhistory = 1;
	in.visits = 2;
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(out.lapsed, 1);
	booked = date_from_ymd(2026, 12, 3);
	in.booked = &booked;
	in.nbooked = 1;
	assert_int_equal(sched_find(&in, d, &out), SCHED_OK);
	assert_int_equal(out.lapsed, 0);
	assert_int_equal(d[0], booked);
	assert_int_equal(d[1], booked + 21);
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
		cmocka_unit_test(torture_sched_find_exhaustive_booked),
		cmocka_unit_test(torture_sched_find_exhaustive_restart),
		cmocka_unit_test(torture_sched_find_properties),
		cmocka_unit_test(torture_sched_find_booked_keeps_plan),
		cmocka_unit_test(torture_sched_find_preferred_interval),
		cmocka_unit_test(torture_sched_find_weekend_start),
		cmocka_unit_test(torture_sched_find_tie_prefers_earlier),
		cmocka_unit_test(torture_sched_find_history_window),
		cmocka_unit_test(torture_sched_find_lapse),
		cmocka_unit_test(torture_sched_find_nothing_to_plan),
		cmocka_unit_test(torture_sched_find_search_limit),
		cmocka_unit_test(torture_sched_find_course_too_long),
		cmocka_unit_test(torture_sched_find_worst_case),
		cmocka_unit_test(torture_sched_find_booked_on_closure),
		cmocka_unit_test(torture_sched_find_booked_infeasible),
		cmocka_unit_test(torture_sched_find_booked_around),
		cmocka_unit_test(torture_sched_find_booked_before_start),
		cmocka_unit_test(torture_sched_find_restart_after_holidays),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
