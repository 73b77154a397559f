#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "patient.h"
#include "sched.h"
#include "xalloc.h"

#define INF	(INT_MAX / 4)

/*
 * Days are indexed from the first visit's earliest possible date, so
 * every array below covers [0, n) and "day k" means that date + k.
 */
struct horizon {
	int		 base;		/* date of index 0 */
	int		 n;
	unsigned char	*allowed;
};

/*
 * Closed ranges are marked through a difference array: +1 where a range
 * starts, -1 after it ends, so many long, overlapping ranges still cost
 * O(ranges + days).
 */
static void
horizon_init(struct horizon *h, const struct sched_in *in, int base, int n)
{
	size_t i;
	int k, from, to, w, *edge, closed;

	h->base = base;
	h->n = n;
	h->allowed = xmalloc((size_t)n);
	edge = xcalloc((size_t)n + 1, sizeof(*edge));
	for (i = 0; i < in->nclosed; i++) {
		from = in->closed[i].from - base;
		to = in->closed[i].to - base;
		if (to < 0 || from >= n)
			continue;
		edge[from < 0 ? 0 : from]++;
		edge[to >= n ? n : to + 1]--;
	}
	w = date_weekday(base);
	for (k = 0, closed = 0; k < n; k++) {
		closed += edge[k];
		h->allowed[k] = !closed && ((in->weekdays >> w) & 1);
		if (++w == 7)
			w = 0;
	}
	free(edge);
}

/*
 * A double-ended queue of day indexes for sliding-window minima, so
 * each level of the search costs O(days), not O(days x window).
 */
struct deque {
	int	*v;
	int	 head;
	int	 tail;
};

static void
dq_reset(struct deque *q)
{
	q->head = q->tail = 0;
}

/*
 * Windows slide towards earlier days: indexes enter at the tail in
 * decreasing order and leave at the head once beyond the window.  The
 * values seen from head to tail increase, so the head is the minimum.
 */
static void
dq_push(struct deque *q, const int *val, int j)
{
	while (q->tail > q->head && val[q->v[q->tail - 1]] >= val[j])
		q->tail--;
	q->v[q->tail++] = j;
}

static int
dq_min(struct deque *q, const int *val, int hi)
{
	while (q->tail > q->head && q->v[q->head] > hi)
		q->head++;
	return q->tail > q->head ? val[q->v[q->head]] : INF;
}

/*
 * last[k]: the earliest possible date (as an index) of the final visit
 * when the first of r visits is on day k, or INF when no sequence of r
 * allowed days min..max apart starts there.  Built backwards, one
 * visit at a time.
 */
static int *
earliest_ends(const struct horizon *h, const struct sched_in *in, int r)
{
	struct deque q;
	int *cur, *next, *tmp, i, k, j;

	cur = xmalloc((size_t)h->n * sizeof(*cur));
	next = xmalloc((size_t)h->n * sizeof(*next));
	q.v = xmalloc((size_t)h->n * sizeof(*q.v));
	for (k = 0; k < h->n; k++)
		cur[k] = h->allowed[k] ? k : INF;
	for (i = r - 1; i >= 1; i--) {
		tmp = next, next = cur, cur = tmp;
		dq_reset(&q);
		for (k = h->n - 1; k >= 0; k--) {
			j = k + in->ival_min;
			if (j < h->n)
				dq_push(&q, next, j);
			cur[k] = h->allowed[k] ?
			    dq_min(&q, next, k + in->ival_max) : INF;
		}
	}
	free(next);
	free(q.v);
	return cur;
}

/* The costs of the cheapest completions, one level per visit. */
struct costs {
	int	 lo;		/* first index covered */
	int	 n;		/* indexes lo .. lo + n - 1 */
	int	*c;		/* c[(i - 1) * n + (k - lo)], i = 1..r */
};

static int
cost_at(const struct costs *cs, int i, int k)
{
	return cs->c[(size_t)(i - 1) * (size_t)cs->n + (size_t)(k - cs->lo)];
}

/*
 * c_i(k): the least sum of |interval - preferred| over visits i..r when
 * visit i is on day k and the last visit is no later than day hi.  The
 * absolute value splits at k + pref into two linear pieces, each a
 * sliding minimum of c_{i+1}(j) -/+ j, so each level is O(days).
 */
static void
level_costs(const struct horizon *h, const struct sched_in *in,
    const int *next, int *cur, int lo, int hi, struct deque *ql,
    struct deque *qr, int *a, int *b)
{
	int k, j, n, best, left, right, pref, lhi, rlo;

	n = hi - lo + 1;
	pref = in->ival_pref;
	/*
	 * The left piece covers gaps min..pref, the right one pref..max;
	 * a preference outside min..max leaves one of them empty.
	 */
	lhi = pref < in->ival_max ? pref : in->ival_max;
	rlo = pref > in->ival_min ? pref : in->ival_min;
	for (j = 0; j < n; j++) {
		a[j] = next[j] >= INF ? INF : next[j] - j;
		b[j] = next[j] >= INF ? INF : next[j] + j;
	}
	dq_reset(ql);
	dq_reset(qr);
	for (k = n - 1; k >= 0; k--) {
		if (pref >= in->ival_min && k + in->ival_min < n)
			dq_push(ql, a, k + in->ival_min);
		if (pref <= in->ival_max && k + rlo < n)
			dq_push(qr, b, k + rlo);
		if (!h->allowed[lo + k]) {
			cur[k] = INF;
			continue;
		}
		left = dq_min(ql, a, k + lhi);
		right = dq_min(qr, b, k + in->ival_max);
		best = INF;
		if (left < INF)
			best = left + k + pref;
		if (right < INF && right - k - pref < best)
			best = right - k - pref;
		cur[k] = best;
	}
}

static void
costs_init(struct costs *cs, const struct horizon *h,
    const struct sched_in *in, int r, int lo, int hi)
{
	struct deque ql, qr;
	int *a, *b, i, k;

	cs->lo = lo;
	cs->n = hi - lo + 1;
	cs->c = xmalloc((size_t)r * (size_t)cs->n * sizeof(*cs->c));
	a = xmalloc((size_t)cs->n * sizeof(*a));
	b = xmalloc((size_t)cs->n * sizeof(*b));
	ql.v = xmalloc((size_t)cs->n * sizeof(*ql.v));
	qr.v = xmalloc((size_t)cs->n * sizeof(*qr.v));
	for (k = 0; k < cs->n; k++)
		cs->c[(size_t)(r - 1) * cs->n + k] =
		    h->allowed[lo + k] ? 0 : INF;
	for (i = r - 1; i >= 1; i--)
		level_costs(h, in, cs->c + (size_t)i * cs->n,
		    cs->c + (size_t)(i - 1) * cs->n, lo, hi, &ql, &qr, a, b);
	free(a);
	free(b);
	free(ql.v);
	free(qr.v);
}

static int
gap_cost(int gap, int pref)
{
	return gap > pref ? gap - pref : pref - gap;
}

/*
 * Walks forward from the first visit, taking at each step the earliest
 * day that keeps the least total cost: among plans of least cost this
 * gives the one with the earliest dates, visit by visit.
 */
static void
trace(const struct costs *cs, const struct horizon *h,
    const struct sched_in *in, int r, int first, int *dates)
{
	int i, k, j, hi, want;

	k = first;
	dates[0] = h->base + k;
	for (i = 1; i < r; i++) {
		want = cost_at(cs, i, k);
		hi = k + in->ival_max;
		if (hi > cs->lo + cs->n - 1)
			hi = cs->lo + cs->n - 1;
		for (j = k + in->ival_min; j <= hi; j++)
			if (cost_at(cs, i + 1, j) < INF &&
			    cost_at(cs, i + 1, j) +
			    gap_cost(j - k, in->ival_pref) == want)
				break;
		k = j;
		dates[i] = h->base + k;
	}
}

/* Why no first day worked: no allowed day, no chain, or too long. */
static enum sched_status
explain(const struct horizon *h, const int *ends, int to, int history)
{
	int k, any_day, any_chain;

	any_day = any_chain = 0;
	for (k = 0; k <= to; k++) {
		any_day |= h->allowed[k];
		any_chain |= ends[k] < INF;
	}
	if (!any_day)
		return history ? SCHED_NO_WINDOW : SCHED_NO_DAY;
	return any_chain ? SCHED_TOO_LONG : SCHED_NO_CHAIN;
}

/* Rule (a): the earliest first visit from which the course can be done. */
static int
earliest_first(const struct sched_in *in, const int *ends, int to,
    int course_end, int base)
{
	int k, end;

	for (k = 0; k <= to; k++) {
		end = in->nhistory ? course_end : base + k + in->max_course_days;
		if (ends[k] < INF && base + ends[k] <= end)
			return k;
	}
	return -1;
}

/* Rule (b) after history: the first visit that gives the least cost. */
static int
cheapest_first(const struct costs *cs, const struct sched_in *in,
    const int *ends, int to, int base)
{
	int k, cost, best, bestk, last;

	last = in->history[in->nhistory - 1];
	best = INF;
	bestk = -1;
	for (k = 0; k <= to && k < cs->n; k++) {
		if (ends[k] >= INF || cost_at(cs, 1, k) >= INF)
			continue;
		cost = cost_at(cs, 1, k) + gap_cost(base + k - last,
		    in->ival_pref);
		if (cost < best) {
			best = cost;
			bestk = k;
		}
	}
	return bestk;
}

static int
day_allowed(const struct sched_in *in, int day)
{
	size_t i;

	if (!((in->weekdays >> date_weekday(day)) & 1))
		return 0;
	for (i = 0; i < in->nclosed; i++)
		if (day >= in->closed[i].from && day <= in->closed[i].to)
			return 0;
	return 1;
}

/*
 * The common case, settled without the search: the first visit on the
 * earliest day it may take (the first allowed day, or after history
 * exactly the preferred interval on), and every later one exactly the
 * preferred interval apart.  Such a plan costs nothing, so no plan
 * beats it by (a) or (b), and no other plan costs nothing from that
 * first day, so (c) has nothing to choose.  Returns 0 when it holds.
 */
static int
try_preferred(const struct sched_in *in, int base, int to, int after,
    int course_end, int *dates)
{
	int i, first, end;

	/* Only a preferred interval the rules allow can be every interval. */
	if (in->ival_pref < in->ival_min || in->ival_pref > in->ival_max)
		return -1;
	if (after >= 0) {
		first = after + in->ival_pref;
		if (first < base || first > base + to)
			return -1;
	} else {
		for (first = base; first <= base + to &&
		    !day_allowed(in, first); first++)
			continue;
		if (first > base + to)
			return -1;
	}
	end = in->nhistory ? course_end : first + in->max_course_days;
	if (first + (in->visits - 1) * in->ival_pref > end)
		return -1;
	for (i = 0; i < in->visits; i++)
		if (!day_allowed(in, first + i * in->ival_pref))
			return -1;
	for (i = 0; i < in->visits; i++)
		dates[i] = first + i * in->ival_pref;
	return 0;
}

enum sched_status
sched_find(const struct sched_in *in, int *dates, struct sched_out *out)
{
	struct horizon h;
	struct costs cs;
	enum sched_status st;
	int r, base, to, last, course_end, first, hi, span, *ends;

	memset(out, 0, sizeof(*out));
	r = in->visits;
	base = in->start;
	to = in->search_days;
	if (in->nhistory) {
		last = in->history[in->nhistory - 1];
		out->lapsed = in->start > last + in->ival_max;
		if (!out->lapsed) {
			if (base < last + in->ival_min)
				base = last + in->ival_min;
			to = last + in->ival_max - base;
		}
	}
	out->first_from = base;
	out->first_to = base + to;
	course_end = in->nhistory ? in->history[0] + in->max_course_days : 0;
	out->course_end = course_end;
	if (r <= 0)
		return SCHED_OK;
	if (try_preferred(in, base, to, in->nhistory && !out->lapsed ?
	    in->history[in->nhistory - 1] : -1, course_end, dates) == 0)
		return SCHED_OK;
	st = SCHED_OK;
	if (in->nhistory && !out->lapsed) {
		horizon_init(&h, in, base, to + 1 + (r - 1) * in->ival_max);
		ends = earliest_ends(&h, in, r);
		hi = course_end - base;
		if (hi >= h.n)
			hi = h.n - 1;
		first = -1;
		if (hi >= 0) {
			costs_init(&cs, &h, in, r, 0, hi);
			first = cheapest_first(&cs, in, ends, to, base);
			if (first >= 0)
				trace(&cs, &h, in, r, first, dates);
			free(cs.c);
		}
	} else {
		/*
		 * Rule (a) wants the earliest first visit, which is most often
		 * near the start: look a month ahead first and widen only if
		 * nothing there works, so a typical search covers a fraction
		 * of the year.  The first visits tried never depend on days
		 * past the horizon built for them.
		 */
		for (span = to < 31 ? to : 31; ; span = span * 4 < to ?
		    span * 4 : to) {
			horizon_init(&h, in, base, span + 1 +
			    (r - 1) * in->ival_max);
			ends = earliest_ends(&h, in, r);
			first = earliest_first(in, ends, span, course_end, base);
			if (first >= 0 || span == to)
				break;
			free(ends);
			free(h.allowed);
		}
		if (first >= 0) {
			/* The last visit is at most (r - 1) x max days on. */
			hi = (in->nhistory ? course_end : base + first +
			    in->max_course_days) - base;
			if (hi > first + (r - 1) * in->ival_max)
				hi = first + (r - 1) * in->ival_max;
			if (hi >= h.n)
				hi = h.n - 1;
			costs_init(&cs, &h, in, r, first, hi);
			trace(&cs, &h, in, r, first, dates);
			free(cs.c);
		}
	}
	if (first < 0)
		st = explain(&h, ends, to, in->nhistory && !out->lapsed);
	free(ends);
	free(h.allowed);
	return st;
}
