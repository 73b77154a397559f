#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "sched.h"
#include "xalloc.h"

#define INF	(INT_MAX / 4)

/* A day of the cost table: see fill_costs(). */
struct cell {
	int	cost;		/* the least cost from here on, or INF */
	int	next;		/* the next visit's day that gives it, or -1 */
};

/*
 * One search.  Days are indexed from base, so "day k" is base + k.
 * With nothing booked, base is the first visit's earliest possible
 * date, the first visit is sought on days 0 .. to, and the arrays cover
 * days 0 .. n - 1: as far as the last visit can fall from the first
 * days searched so far.  With booked visits, a planned first visit is
 * sought on days from .. to: see booked_days().
 */
struct search {
	const struct sched_in	*in;
	int			 r;		/* future visits */
	int			 base;
	int			 from;
	int			 to;
	int			 n;
	int			 fixed_end;	/* history fixes course_end */
	int			 course_end;
	unsigned char		*allowed;	/* ALLOWED, BOOKED or 0 */
	int			*next_booked;	/* see booked_days() */
	int			 b0;		/* the first booked day */
	int			 b0_first;	/* it may be the first future
						   visit: see set_window() */
	int			*ends;		/* see earliest_ends() */
	int			 lo;		/* the cost table: see */
	int			 first_hi;	/* fill_costs() */
	int			 hi;
	int			 bound;		/* see fill_from(), else INF */
	struct cell		*cost;
};

#define ALLOWED	1	/* a planned visit may fall on the day */
#define BOOKED	2	/* a booked visit falls on it */

static int
min_int(int a, int b)
{
	return a < b ? a : b;
}

static int
gap_cost(int gap, int pref)
{
	return gap > pref ? gap - pref : pref - gap;
}

/*
 * Which of days 0 .. n - 1 are allowed: the weekdays, which repeat
 * every 7 days, less the closed ranges.
 */
static void
mark_allowed(struct search *s)
{
	const struct sched_in *in = s->in;
	unsigned char *allowed;
	size_t i;
	int k, w, from, to;

	free(s->allowed);
	s->allowed = allowed = xmalloc((size_t)s->n);
	w = date_weekday(s->base);
	for (k = 0; k < s->n && k < 7; k++)
		allowed[k] = (in->weekdays >> (w + k) % 7) & 1;
	/* Then a week copied whole, two weeks, four: k is whole weeks. */
	for (k = 7; k < s->n; k *= 2)
		memcpy(allowed + k, allowed, (size_t)min_int(k, s->n - k));
	for (i = 0; i < in->nclosed; i++) {
		from = in->closed[i].from - s->base;
		to = in->closed[i].to - s->base;
		from = from < 0 ? 0 : from;
		to = to >= s->n ? s->n - 1 : to;
		if (from <= to)
			memset(allowed + from, 0, (size_t)(to - from + 1));
	}
}

/* The days the last visit can reach from first visits on days 0 .. k1. */
static void
mark_days(struct search *s, int k1)
{
	s->n = k1 + 1 + (s->r - 1) * s->in->ival_max;
	mark_allowed(s);
}

/*
 * ends[k] for k = 0 .. k1: the earliest day the last visit can fall on
 * when the first is on day k, or INF when no chain of visits on allowed
 * days min..max apart starts there.  Built backwards, one visit at a
 * time; visit v can only fall on days v x min to k1 + v x max.
 *
 * Two chains give a third when each visit takes the earlier of its two
 * days (each interval stays within min..max), so a chain that starts
 * earlier can always end no later.  Of the days min..max after day k,
 * the first from which the rest of the course can follow therefore
 * also ends it earliest, and that one day is all the sweep carries.
 */
static void
earliest_ends(struct search *s, int k1)
{
	int *cur, *next, *tmp, v, k, j, lo, hi, follow, min, max;

	min = s->in->ival_min;
	max = s->in->ival_max;
	cur = xmalloc((size_t)s->n * sizeof(*cur));
	next = xmalloc((size_t)s->n * sizeof(*next));
	for (k = (s->r - 1) * min; k < s->n; k++)
		cur[k] = s->allowed[k] ? k : INF;
	for (v = s->r - 2; v >= 0; v--) {
		tmp = next, next = cur, cur = tmp;
		lo = v * min;
		hi = k1 + v * max;
		/* The first day from k + min on that the rest can follow. */
		follow = INF;
		for (j = hi + max; j > hi + min; j--)
			if (next[j] < INF)
				follow = j;
		for (k = hi; k >= lo; k--) {
			if (next[k + min] < INF)
				follow = k + min;
			cur[k] = s->allowed[k] && follow <= k + max ?
			    next[follow] : INF;
		}
	}
	/* Most courses fit from the first allowed day and need none. */
	if (s->ends == NULL)
		s->ends = xmalloc(((size_t)s->to + 1) * sizeof(*s->ends));
	memcpy(s->ends, cur, ((size_t)k1 + 1) * sizeof(*s->ends));
	free(cur);
	free(next);
}

/*
 * The days visit v can fall on: from a first visit in lo .. first_hi,
 * each interval min..max, with the visits after it still to fit by hi;
 * and with a bound, only within it of the preferred chain from lo (see
 * fill_from()).  With booked visits, all in lo .. hi, every interval is
 * min or more but those between consecutive booked visits, of which
 * there are nbooked - 1, and none is bounded above.
 */
static void
span(const struct search *s, int v, int *from, int *to)
{
	const struct sched_in *in = s->in;
	int pairs, after;

	if (s->next_booked != NULL) {
		pairs = (int)in->nbooked - 1;
		after = s->r - 1 - v;
		*from = s->lo + (v > pairs ? v - pairs : 0) * in->ival_min;
		*to = s->hi - (after > pairs ? after - pairs : 0) *
		    in->ival_min;
		return;
	}
	*from = s->lo + v * in->ival_min;
	*to = min_int(s->first_hi + v * in->ival_max,
	    s->hi - (s->r - 1 - v) * in->ival_min);
	if (s->bound < INF) {
		if (*from < s->lo + v * in->ival_pref - s->bound)
			*from = s->lo + v * in->ival_pref - s->bound;
		*to = min_int(*to, s->lo + v * in->ival_pref + s->bound);
	}
}

/* Visit v's row of the cost table, indexed by day; see span(). */
static struct cell *
cost_row(const struct search *s, int v)
{
	return s->cost + v * (s->hi - s->lo + 1) - s->lo;
}

/*
 * Whether visit v + 1 can be the booked one on day b after visit v on
 * day k: any distance after another booked visit, else min..max.
 */
static int
booked_follows(const struct search *s, int k, int b)
{
	const struct sched_in *in = s->in;

	if (s->allowed[k] == BOOKED)
		return 1;
	return b - k >= in->ival_min && b - k <= in->ival_max;
}

/*
 * Whether the last visit can fall on day k: with nothing booked after
 * it, or some booked visit would be left out.
 */
static int
may_end(const struct search *s, int k)
{
	return s->next_booked == NULL || s->next_booked[k] >= s->n;
}

/*
 * Visit v's row of the cost table, on its days from .. to, from visit
 * v + 1's, next, on its days next_from .. next_to: for each allowed day
 * k, the earliest day of visit v + 1 that gives the least cost from
 * there on, counting the interval from k.  A planned visit falls before
 * the next booked one; the booked one, the latest day, wins only by a
 * lower cost.  Where next[j] is INF, the cost through it is more and
 * never less than the least.
 */
static void
fill_row(const struct search *s, struct cell *row, int from, int to,
    const struct cell *next, int next_from, int next_to)
{
	int k, j, b, c, last, least, best, min, max, pref;

	min = s->in->ival_min;
	max = s->in->ival_max;
	pref = s->in->ival_pref;
	for (k = from; k <= to; k++) {
		least = INF;
		best = -1;
		if (s->allowed[k]) {
			b = s->next_booked != NULL ? s->next_booked[k] : INF;
			last = min_int(min_int(next_to, k + max), b - 1);
			j = k + min > next_from ? k + min : next_from;
			for (; j <= last; j++) {
				c = next[j].cost + gap_cost(j - k, pref);
				if (c < least) {
					least = c;
					best = j;
				}
			}
			if (b >= next_from && b <= next_to &&
			    booked_follows(s, k, b)) {
				c = next[b].cost + gap_cost(b - k, pref);
				if (c < least) {
					least = c;
					best = b;
				}
			}
		}
		row[k].cost = least;
		row[k].next = best;
	}
}

/*
 * The cost table: for visit v on day k, the least sum of |interval -
 * preferred| over the intervals from there to the last visit, which
 * must fall by day hi, INF where no chain can follow; and the day of
 * the next visit that gives it.  Filled backwards from the last visit,
 * and only on the days in span(): those a chain from a first visit in
 * lo .. first_hi can reach.
 */
static void
fill_costs(struct search *s, int lo, int first_hi, int hi)
{
	struct cell *row;
	int v, k, from, to, next_from, next_to;

	s->lo = lo;
	s->first_hi = first_hi;
	s->hi = min_int(hi, s->n - 1);
	s->cost = xmalloc((size_t)s->r * (size_t)(s->hi - lo + 1) *
	    sizeof(*s->cost));
	next_from = next_to = 0;
	for (v = s->r - 1; v >= 0; v--) {
		span(s, v, &from, &to);
		row = cost_row(s, v);
		if (v < s->r - 1)
			fill_row(s, row, from, to, cost_row(s, v + 1),
			    next_from, next_to);
		else
			for (k = from; k <= to; k++) {
				row[k].cost = s->allowed[k] && may_end(s, k) ?
				    0 : INF;
				row[k].next = -1;
			}
		/* The rows go back from the last visit: this is v - 1's next. */
		next_from = from;
		next_to = to;
	}
}

/* The least cost of a course whose first visit is on day k, or INF. */
static int
first_cost(const struct search *s, int k)
{
	int from, to;

	span(s, 0, &from, &to);
	return k >= from && k <= to ? cost_row(s, 0)[k].cost : INF;
}

/* The day by which the last visit must fall, the first being on day k. */
static int
last_day(const struct search *s, int k)
{
	if (s->fixed_end)
		return s->course_end - s->base;
	return k + s->in->max_course_days;
}

/*
 * From the first visit on, each visit on the earliest day that keeps
 * the least cost: among the cheapest plans, the earliest visit by
 * visit, as the cost table holds them.
 */
static void
trace(const struct search *s, int first, int *dates)
{
	int v, k;

	for (v = 0, k = first; v < s->r; v++) {
		dates[v] = s->base + k;
		k = cost_row(s, v)[k].next;
	}
}

/*
 * A course with every interval the preferred one costs nothing: when
 * one fits from a first visit on day k, on allowed days with the last
 * by day hi, no course from day k is cheaper and no other is as cheap,
 * each visit's day being the one that keeps the cost at nothing.  The
 * cost table would find it visit by visit; it is found here without
 * one, as it is for most courses.  Fills dates and returns 1, or 0.
 */
static int
at_preferred(const struct search *s, int k, int hi, int *dates)
{
	const struct sched_in *in = s->in;
	int v, day;

	if (in->ival_pref < in->ival_min || in->ival_pref > in->ival_max ||
	    k < 0 || k > s->to)
		return 0;
	hi = min_int(hi, s->n - 1);
	for (v = 0, day = k; v < s->r; v++, day += in->ival_pref)
		if (day > hi || !s->allowed[day])
			return 0;
	for (v = 0, day = k; v < s->r; v++, day += in->ival_pref)
		dates[v] = s->base + day;
	return 1;
}

/*
 * The cost of one course from a first visit on day k that fits by day
 * hi: each next visit on the allowed day nearest the preferred interval
 * after the one before, the earliest of two as near.  INF when that
 * way finds none; the cheapest course costs no more.
 */
static int
near_cost(const struct search *s, int k, int hi)
{
	const struct sched_in *in = s->in;
	int v, j, day, best, cost;

	hi = min_int(hi, s->n - 1);
	for (v = 1, day = k, cost = 0; v < s->r; v++, day = best) {
		best = -1;
		for (j = day + in->ival_min; j <= day + in->ival_max &&
		    j <= hi; j++)
			if (s->allowed[j] && (best < 0 ||
			    gap_cost(j - day, in->ival_pref) <
			    gap_cost(best - day, in->ival_pref)))
				best = j;
		if (best < 0)
			return INF;
		cost += gap_cost(best - day, in->ival_pref);
	}
	return cost;
}

/*
 * The cost table for a course from a first visit on day k (rule a).
 * The intervals before visit v sum to its day less k, so on day j it
 * has cost at least |j - (k + v x preferred)| by then: where that is
 * more than a course near_cost() finds, no cheapest course passes, nor
 * is any day on one chosen by way of it, and the table leaves the day
 * out.  Most courses then need a few days a visit, not weeks.
 */
static void
fill_from(struct search *s, int k)
{
	s->bound = near_cost(s, k, last_day(s, k));
	fill_costs(s, k, k, last_day(s, k));
	s->bound = INF;
}

/*
 * Rule (a), with no history or after a lapse: the course from the
 * earliest first visit from which it fits.  Returns 0 with dates
 * filled, or -1.  Most courses fit from the first allowed day, and the
 * cost table from it, which the plan needs anyway, shows whether they
 * do; else ends[] finds the first day that fits, searching the first
 * month before the whole window, as most courses start within days.
 */
#define FIRST_LOOK	31

static int
plan_earliest(struct search *s, int *dates)
{
	int k, k1;

	k1 = min_int(FIRST_LOOK, s->to);
	mark_days(s, k1);
	for (k = 0; k <= k1 && !s->allowed[k]; k++)
		continue;
	if (k <= k1 && last_day(s, k) >= k) {
		if (at_preferred(s, k, last_day(s, k), dates))
			return 0;
		fill_from(s, k);
		if (first_cost(s, k) < INF) {
			trace(s, k, dates);
			return 0;
		}
		free(s->cost);
		s->cost = NULL;
	}
	earliest_ends(s, k1);
	for (k = 0; k <= s->to; k++) {
		if (k > k1) {
			mark_days(s, k1 = s->to);
			earliest_ends(s, k1);
		}
		if (s->ends[k] <= last_day(s, k)) {
			fill_from(s, k);
			trace(s, k, dates);
			return 0;
		}
	}
	return -1;
}

/*
 * Rule (b) after history: the cheapest course, counting the interval
 * from the last visit given, the earliest of equals.  Returns 0 with
 * dates filled, or -1.
 */
static int
plan_cheapest(struct search *s, int *dates)
{
	const struct sched_in *in = s->in;
	int k, c, best, first, last;

	mark_days(s, s->to);
	if (last_day(s, 0) < 0)
		return -1;
	last = in->history[in->nhistory - 1];
	if (at_preferred(s, last + in->ival_pref - s->base, last_day(s, 0),
	    dates))
		return 0;
	fill_costs(s, 0, s->to, last_day(s, 0));
	best = INF;
	first = -1;
	for (k = 0; k <= s->to; k++) {
		c = first_cost(s, k) + gap_cost(s->base + k - last,
		    in->ival_pref);
		if (c < best) {
			best = c;
			first = k;
		}
	}
	if (first < 0)
		return -1;
	trace(s, first, dates);
	return 0;
}

/*
 * Why no first day in the window worked: no allowed day, no chain, or
 * none short enough.  After history the cost table alone searched, so
 * ends[] are found here.
 */
static enum sched_status
explain(struct search *s, int history)
{
	int k, any_day, any_chain;

	if (history)
		earliest_ends(s, s->to);
	any_day = any_chain = 0;
	for (k = 0; k <= s->to; k++) {
		any_day |= s->allowed[k];
		any_chain |= s->ends[k] < INF;
	}
	if (!any_day)
		return history ? SCHED_NO_WINDOW : SCHED_NO_DAY;
	return any_chain ? SCHED_TOO_LONG : SCHED_NO_CHAIN;
}

/*
 * With booked visits, the days run from base, the earliest a first
 * visit can fall (a planned one in the window from..to, or the first
 * booked one, b0), to end.  A planned visit is an allowed day on or
 * after start, and next_booked[k] is the first booked day after day k,
 * or n.  No planned visit can come before a first booked visit out of
 * reach of the window, nor before the day earliest, where the caller
 * knows one, so base is then later, which bounds the days however far
 * ahead the visits were booked.
 */
static void
booked_days(struct search *s, const struct sched_out *out, int earliest,
    int end)
{
	const struct sched_in *in = s->in;
	int k, b, from, to, planned;
	size_t i;

	from = out->first_from > in->start ? out->first_from : in->start;
	to = out->first_to;
	planned = s->r - (int)in->nbooked;
	s->base = min_int(from, in->booked[0]);
	if (in->booked[0] - planned * in->ival_max > to)
		s->base = in->booked[0];
	if (s->base < earliest)
		s->base = earliest;
	s->from = from - s->base;
	s->to = to - s->base;
	s->b0 = in->booked[0] - s->base;
	s->n = end - s->base + 1;
	mark_allowed(s);
	for (k = 0; k < s->n && s->base + k < in->start; k++)
		s->allowed[k] = 0;
	for (i = 0; i < in->nbooked; i++)
		s->allowed[in->booked[i] - s->base] = BOOKED;
	free(s->next_booked);
	s->next_booked = xmalloc((size_t)s->n * sizeof(*s->next_booked));
	for (b = s->n, k = s->n - 1; k >= 0; k--) {
		s->next_booked[k] = b;
		if (s->allowed[k] == BOOKED)
			b = k;
	}
}

/*
 * Whether the first future visit can fall on day k: a planned one in
 * the window before the first booked visit, or that visit.
 */
static int
may_begin(const struct search *s, int k)
{
	if (k == s->b0)
		return s->b0_first;
	return k >= s->from && k <= s->to && k < s->b0 &&
	    s->allowed[k] == ALLOWED;
}

/*
 * ends[k], as earliest_ends() finds it, with booked visits.  A chain
 * that starts later can then end earlier (it may reach the next booked
 * visit in fewer steps and leave a visit for after the last), so each
 * day takes the least over its whole window.  A queue holds the days of
 * the window that can still be least as it slides back: ascending, and
 * each ending later than the next, so the least is the queue's last.
 */
static void
booked_ends(struct search *s)
{
	const unsigned char *allowed = s->allowed;
	int *cur, *next, *tmp, *queue, v, k, j, head, tail, min, max, b, e;

	min = s->in->ival_min;
	max = s->in->ival_max;
	cur = xmalloc((size_t)s->n * sizeof(*cur));
	next = xmalloc((size_t)s->n * sizeof(*next));
	queue = xmalloc((size_t)s->n * sizeof(*queue));
	for (k = 0; k < s->n; k++)
		cur[k] = allowed[k] && may_end(s, k) ? k : INF;
	for (v = s->r - 2; v >= 0; v--) {
		tmp = next, next = cur, cur = tmp;
		head = tail = s->n;
		for (j = s->n - 1, k = s->n - 1; k >= 0; k--) {
			for (; j >= k + min; j--) {
				if (allowed[j] != ALLOWED || next[j] == INF)
					continue;
				while (head < tail && next[queue[head]] >= next[j])
					head++;
				queue[--head] = j;
			}
			b = s->next_booked[k];
			while (head < tail && queue[tail - 1] >= min_int(b,
			    k + max + 1))
				tail--;
			e = head < tail ? next[queue[tail - 1]] : INF;
			if (b < s->n && booked_follows(s, k, b))
				e = min_int(e, next[b]);
			cur[k] = allowed[k] ? e : INF;
		}
	}
	free(s->ends);
	s->ends = cur;
	free(next);
	free(queue);
}

/*
 * The first visit with booked visits, once the cost table holds every
 * day from 0: after history, the cheapest counting the interval from
 * the last visit given, the earliest of equals; else the earliest from
 * which the course fits.  Returns its day, or -1.
 */
static int
booked_first(const struct search *s, int history)
{
	const struct sched_in *in = s->in;
	int k, c, best, first;

	best = INF;
	first = -1;
	for (k = 0; k <= s->b0; k++) {
		if (!may_begin(s, k))
			continue;
		c = first_cost(s, k);
		if (!history) {
			if (c < INF)
				return k;
			continue;
		}
		c += gap_cost(s->base + k - in->history[in->nhistory - 1],
		    in->ival_pref);
		if (c < best) {
			best = c;
			first = k;
		}
	}
	return first;
}

/*
 * The plan with booked visits when history fixes the course's end: one
 * cost table over the days up to it.
 */
static int
booked_fixed(struct search *s, const struct sched_out *out, int history)
{
	const struct sched_in *in = s->in;
	int end;

	if (in->booked[in->nbooked - 1] > s->course_end)
		return -1;
	end = in->booked[in->nbooked - 1] +
	    (s->r - (int)in->nbooked) * in->ival_max;
	booked_days(s, out, INT_MIN, min_int(end, s->course_end));
	fill_costs(s, 0, 0, s->n - 1);
	return booked_first(s, history);
}

/*
 * The plan with booked visits when the course counts from its first
 * future visit: the earliest first day from which the last visit can
 * fall within max_course_days (rule a), by ends[], then the cost table
 * from it.  The course begins no later than the first booked visit and
 * no earlier than max_course_days before the last, which bounds the
 * days.
 */
static int
booked_earliest(struct search *s, const struct sched_out *out)
{
	const struct sched_in *in = s->in;
	int k, end, last, longest;

	last = in->booked[in->nbooked - 1];
	longest = in->booked[0] + in->max_course_days;
	if (last > longest)
		return -1;
	end = last + (s->r - (int)in->nbooked) * in->ival_max;
	booked_days(s, out, last - in->max_course_days,
	    min_int(end, longest));
	booked_ends(s);
	for (k = 0; k <= s->b0; k++)
		if (may_begin(s, k) &&
		    s->ends[k] <= k + in->max_course_days) {
			fill_costs(s, k, k, k + in->max_course_days);
			return k;
		}
	return -1;
}

/*
 * Whether any chain of visits obeys every rule but the course's length
 * from a first day may_begin() allows: for each visit, backwards, the
 * days from which the rest can follow.  Whether one can is all that
 * counts here, so of the planned days min..max after day k the first
 * from which the rest can follow is all the sweep carries.
 */
static int
booked_chains(const struct search *s)
{
	const unsigned char *allowed = s->allowed;
	unsigned char *cur, *next, *tmp;
	int v, k, b, follow, any;

	cur = xmalloc((size_t)s->n);
	next = xmalloc((size_t)s->n);
	for (k = 0; k < s->n; k++)
		cur[k] = allowed[k] && may_end(s, k);
	for (v = s->r - 2; v >= 0; v--) {
		tmp = next, next = cur, cur = tmp;
		follow = INF;
		for (k = s->n - 1; k >= 0; k--) {
			if (k + s->in->ival_min < s->n &&
			    allowed[k + s->in->ival_min] == ALLOWED &&
			    next[k + s->in->ival_min])
				follow = k + s->in->ival_min;
			b = s->next_booked[k];
			cur[k] = allowed[k] && ((follow < b &&
			    follow <= k + s->in->ival_max) || (b < s->n &&
			    next[b] && booked_follows(s, k, b)));
		}
	}
	for (any = 0, k = 0; k <= s->b0; k++)
		any |= may_begin(s, k) && cur[k];
	free(cur);
	free(next);
	return any;
}

/*
 * Why no plan fits around the booked visits: one falls after the
 * latest end the course can have, or no chain of visits reaches the
 * last of them, or every chain is too long.  The booked visits give
 * the first visit a day, so the window is never empty.
 */
static enum sched_status
booked_explain(struct search *s, const struct sched_out *out)
{
	const struct sched_in *in = s->in;
	int last;

	last = in->booked[in->nbooked - 1];
	if (last > (s->fixed_end ? s->course_end :
	    in->booked[0] + in->max_course_days))
		return SCHED_TOO_LONG;
	booked_days(s, out, INT_MIN,
	    last + (s->r - (int)in->nbooked) * in->ival_max);
	return booked_chains(s) ? SCHED_TOO_LONG : SCHED_NO_CHAIN;
}

/*
 * The first visit is sought from start, or the first booked visit if
 * earlier, for search_days; after history, unless lapsed, only in the
 * interval window after the last visit.  History fixes the course's
 * end unless it lapsed and restarts.
 */
static void
set_window(struct search *s, const struct sched_in *in,
    struct sched_out *out, int lapse)
{
	int last, earliest;

	memset(out, 0, sizeof(*out));
	memset(s, 0, sizeof(*s));
	s->bound = INF;
	s->in = in;
	s->r = in->visits;
	s->b0_first = 1;
	earliest = in->start;
	if (in->nbooked && in->booked[0] < earliest)
		earliest = in->booked[0];
	out->first_from = earliest;
	out->first_to = earliest + in->search_days;
	if (in->nhistory) {
		last = in->history[in->nhistory - 1];
		out->lapsed = lapse || earliest > last + in->ival_max;
		/* A lapse the first booked visit makes leaves the window. */
		if (lapse && out->first_from <= last + in->ival_max)
			out->first_from = last + in->ival_max + 1;
		/* A booked next visit past the window is itself a lapse. */
		if (!out->lapsed && in->nbooked)
			s->b0_first = in->booked[0] <= last + in->ival_max;
		if (!out->lapsed) {
			out->first_from = in->start < last + in->ival_min ?
			    last + in->ival_min : in->start;
			out->first_to = last + in->ival_max;
		}
		s->fixed_end = !out->lapsed || !in->restart;
		if (s->fixed_end)
			out->course_end = in->history[0] +
			    in->max_course_days;
	}
	s->course_end = out->course_end;
	s->base = out->first_from;
	s->to = out->first_to - s->base;
}

/* The plan around booked visits, or why there is none. */
static enum sched_status
plan_booked(struct search *s, const struct sched_out *out, int history,
    int *dates)
{
	int first;

	if (s->fixed_end)
		first = booked_fixed(s, out, history);
	else
		first = booked_earliest(s, out);
	if (first < 0)
		return booked_explain(s, out);
	trace(s, first, dates);
	return SCHED_OK;
}

/*
 * One search: with lapse set, the course lapsed since its last given
 * visit whatever the window holds.
 */
static enum sched_status
find(const struct sched_in *in, int *dates, struct sched_out *out,
    int lapse)
{
	struct search s;
	enum sched_status st;
	int rc, history;

	set_window(&s, in, out, lapse);
	if (s.r <= 0)
		return SCHED_OK;
	history = in->nhistory && !out->lapsed;
	if (in->nbooked) {
		st = plan_booked(&s, out, history, dates);
		goto done;
	}
	if (history)
		rc = plan_cheapest(&s, dates);
	else
		rc = plan_earliest(&s, dates);
	st = rc == 0 ? SCHED_OK : explain(&s, history);
done:
	free(s.cost);
	free(s.ends);
	free(s.allowed);
	free(s.next_booked);
	return st;
}

/*
 * After history, a first booked visit more than ival_max after the
 * last given one lapses the course, unless a planned visit can come
 * between them: so the course is first sought without the lapse, and
 * only then with it.
 */
enum sched_status
sched_find(const struct sched_in *in, int *dates, struct sched_out *out)
{
	enum sched_status st;

	st = find(in, dates, out, 0);
	if (st != SCHED_OK && !out->lapsed && in->nhistory && in->nbooked &&
	    in->booked[0] > in->history[in->nhistory - 1] + in->ival_max)
		st = find(in, dates, out, 1);
	return st;
}
