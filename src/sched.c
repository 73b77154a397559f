#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "sched.h"
#include "xalloc.h"

#define INF	(INT_MAX / 4)

/*
 * One search.  Days are indexed from base, the first visit's earliest
 * possible date, so "day k" is base + k.  The first visit is sought on
 * days 0 .. to, and the arrays cover days 0 .. n - 1: as far as the
 * last visit can fall from the first days searched so far.
 */
struct search {
	const struct sched_in	*in;
	int			 r;		/* visits to plan */
	int			 base;
	int			 to;
	int			 n;
	int			 fixed_end;	/* history fixes course_end */
	int			 course_end;
	unsigned char		*allowed;
	int			*ends;		/* see earliest_ends() */
	int			 lo;		/* the cost table: see */
	int			 first_hi;	/* fill_costs() */
	int			 hi;
	int			*cost;
};

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
 * The days the last visit can reach from first visits on days 0 .. k1,
 * and which of them are allowed: the weekdays, which repeat every 7
 * days, less the closed ranges.
 */
static void
mark_days(struct search *s, int k1)
{
	const struct sched_in *in = s->in;
	unsigned char *allowed;
	size_t i;
	int k, w, from, to;

	s->n = k1 + 1 + (s->r - 1) * in->ival_max;
	free(s->allowed);
	s->allowed = allowed = xmalloc((size_t)s->n);
	w = date_weekday(s->base);
	for (k = 0; k < s->n; k++)
		allowed[k] = k < 7 ? (in->weekdays >> (w + k) % 7) & 1 :
		    allowed[k - 7];
	for (i = 0; i < in->nclosed; i++) {
		from = in->closed[i].from - s->base;
		to = in->closed[i].to - s->base;
		from = from < 0 ? 0 : from;
		to = to >= s->n ? s->n - 1 : to;
		if (from <= to)
			memset(allowed + from, 0, (size_t)(to - from + 1));
	}
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
	memcpy(s->ends, cur, ((size_t)k1 + 1) * sizeof(*s->ends));
	free(cur);
	free(next);
}

/*
 * The days visit v can fall on: from a first visit in lo .. first_hi,
 * each interval min..max, with the visits after it still to fit by hi.
 */
static void
span(const struct search *s, int v, int *from, int *to)
{
	const struct sched_in *in = s->in;

	*from = s->lo + v * in->ival_min;
	*to = min_int(s->first_hi + v * in->ival_max,
	    s->hi - (s->r - 1 - v) * in->ival_min);
}

/* Visit v's row of the cost table, indexed by day; see span(). */
static int *
cost_row(const struct search *s, int v)
{
	return s->cost + v * (s->hi - s->lo + 1) - s->lo;
}

/*
 * Visit v + 1 after visit v on day k: the earliest of the days that
 * give the least cost from there on, or -1 if none can follow.  Sets
 * *cost to that cost, counting the interval from k.
 */
static int
best_next(const struct search *s, int v, int k, int *cost)
{
	const int *next;
	int j, c, to, from, best, least, pref;

	span(s, v + 1, &from, &to);
	to = min_int(to, k + s->in->ival_max);
	next = cost_row(s, v + 1);
	pref = s->in->ival_pref;
	least = INF;
	best = -1;
	/* Where next[j] is INF, c is more and never less than least. */
	for (j = k + s->in->ival_min; j <= to; j++) {
		c = next[j] + gap_cost(j - k, pref);
		if (c < least) {
			least = c;
			best = j;
		}
	}
	*cost = least;
	return best;
}

/*
 * The cost table: for visit v on day k, the least sum of |interval -
 * preferred| over the intervals from there to the last visit, which
 * must fall by day hi; INF where no chain can follow.  Filled backwards
 * from the last visit, and only on the days in span(): those a chain
 * from a first visit in lo .. first_hi can reach.
 */
static void
fill_costs(struct search *s, int lo, int first_hi, int hi)
{
	int v, k, from, to, *row;

	s->lo = lo;
	s->first_hi = first_hi;
	s->hi = min_int(hi, s->n - 1);
	s->cost = xmalloc((size_t)s->r * (size_t)(s->hi - lo + 1) *
	    sizeof(*s->cost));
	for (v = s->r - 1; v >= 0; v--) {
		span(s, v, &from, &to);
		row = cost_row(s, v);
		for (k = from; k <= to; k++) {
			if (!s->allowed[k])
				row[k] = INF;
			else if (v == s->r - 1)
				row[k] = 0;
			else
				best_next(s, v, k, &row[k]);
		}
	}
}

/* The least cost of a course whose first visit is on day k, or INF. */
static int
first_cost(const struct search *s, int k)
{
	int from, to;

	span(s, 0, &from, &to);
	return k >= from && k <= to ? cost_row(s, 0)[k] : INF;
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
 * Rule (a), with no history or after a lapse: the earliest first visit
 * from which the course fits.  Returns its day, or -1, with the cost
 * table from it filled.  Most courses fit from the first allowed day,
 * and the cost table from it, which the plan needs anyway, shows
 * whether they do; else ends[] finds the first day that fits, searching
 * the first month before the whole window, as most courses start
 * within days.
 */
#define FIRST_LOOK	31

static int
plan_earliest(struct search *s)
{
	int k, k1;

	k1 = min_int(FIRST_LOOK, s->to);
	mark_days(s, k1);
	for (k = 0; k <= k1 && !s->allowed[k]; k++)
		continue;
	if (k <= k1 && last_day(s, k) >= k) {
		fill_costs(s, k, k, last_day(s, k));
		if (first_cost(s, k) < INF)
			return k;
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
			fill_costs(s, k, k, last_day(s, k));
			return k;
		}
	}
	return -1;
}

/*
 * Rule (b) after history: the first visit of the cheapest course,
 * counting the interval from the last visit given.  Returns its day,
 * the earliest of equals, or -1.
 */
static int
plan_cheapest(struct search *s)
{
	const struct sched_in *in = s->in;
	int k, c, best, first, last;

	mark_days(s, s->to);
	if (last_day(s, 0) < 0)
		return -1;
	fill_costs(s, 0, s->to, last_day(s, 0));
	last = in->history[in->nhistory - 1];
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
	return first;
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
 * From the first visit on, each visit on the earliest day that keeps
 * the least cost: among the cheapest plans, the earliest visit by visit.
 */
static void
trace(const struct search *s, int first, int *dates)
{
	int v, k, cost;

	for (v = 0, k = first; v < s->r; v++) {
		dates[v] = s->base + k;
		if (v + 1 < s->r)
			k = best_next(s, v, k, &cost);
	}
}

/*
 * The first visit is sought from start for search_days; after history,
 * unless lapsed, only in the interval window after the last visit.
 * History fixes the course's end unless it lapsed and restarts.
 */
static void
set_window(struct search *s, const struct sched_in *in,
    struct sched_out *out)
{
	int last;

	memset(s, 0, sizeof(*s));
	s->in = in;
	s->r = in->visits;
	s->base = in->start;
	s->to = in->search_days;
	if (in->nhistory) {
		last = in->history[in->nhistory - 1];
		out->lapsed = in->start > last + in->ival_max;
		if (!out->lapsed) {
			if (s->base < last + in->ival_min)
				s->base = last + in->ival_min;
			s->to = last + in->ival_max - s->base;
		}
		s->fixed_end = !out->lapsed || !in->restart;
		if (s->fixed_end)
			out->course_end = in->history[0] +
			    in->max_course_days;
	}
	s->course_end = out->course_end;
	out->first_from = s->base;
	out->first_to = s->base + s->to;
}

enum sched_status
sched_find(const struct sched_in *in, int *dates, struct sched_out *out)
{
	struct search s;
	enum sched_status st;
	int first, history;

	memset(out, 0, sizeof(*out));
	set_window(&s, in, out);
	if (s.r <= 0)
		return SCHED_OK;
	s.ends = xmalloc(((size_t)s.to + 1) * sizeof(*s.ends));
	history = in->nhistory && !out->lapsed;
	if (history)
		first = plan_cheapest(&s);
	else
		first = plan_earliest(&s);
	if (first >= 0) {
		trace(&s, first, dates);
		st = SCHED_OK;
	} else
		st = explain(&s, history);
	free(s.cost);
	free(s.ends);
	free(s.allowed);
	return st;
}
