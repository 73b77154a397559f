#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
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
 * The weekdays repeat every 7 days, so their pattern is copied in
 * doubling blocks.  A few closed ranges are cleared in place; many are
 * marked through a difference array, +1 where a range starts and -1
 * after it ends, so many long, overlapping ranges still cost
 * O(ranges + days).
 */
#define FEW_CLOSED	16

static void
horizon_init(struct horizon *h, const struct sched_in *in, int base, int n)
{
	size_t i;
	int k, from, to, w, *edge, closed;

	h->base = base;
	h->n = n;
	h->allowed = xmalloc((size_t)n);
	w = date_weekday(base);
	for (k = 0; k < 7 && k < n; k++)
		h->allowed[k] = (in->weekdays >> ((w + k) % 7)) & 1;
	for (; k < n; k *= 2)
		memcpy(h->allowed + k, h->allowed, (size_t)(k < n - k ? k :
		    n - k));
	if (in->nclosed <= FEW_CLOSED) {
		for (i = 0; i < in->nclosed; i++) {
			from = in->closed[i].from - base;
			to = in->closed[i].to - base;
			if (to < 0 || from >= n)
				continue;
			from = from < 0 ? 0 : from;
			to = to >= n ? n - 1 : to;
			memset(h->allowed + from, 0, (size_t)(to - from + 1));
		}
		return;
	}
	edge = xcalloc((size_t)n + 1, sizeof(*edge));
	for (i = 0; i < in->nclosed; i++) {
		from = in->closed[i].from - base;
		to = in->closed[i].to - base;
		if (to < 0 || from >= n)
			continue;
		edge[from < 0 ? 0 : from]++;
		edge[to >= n ? n : to + 1]--;
	}
	for (k = 0, closed = 0; k < n; k++) {
		closed += edge[k];
		if (closed)
			h->allowed[k] = 0;
	}
	free(edge);
}

/* The last day index of a span, clipped to the horizon. */
static int
span_hi(const struct horizon *h, int hi)
{
	return hi < h->n - 1 ? hi : h->n - 1;
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

static inline void
dq_reset(struct deque *q)
{
	q->head = q->tail = 0;
}

/*
 * Windows slide towards earlier days: indexes enter at the tail in
 * decreasing order and leave at the head once beyond the window.  The
 * values seen from head to tail increase, so the head is the minimum.
 */
static inline void
dq_push(struct deque *q, const int *val, int j)
{
	while (q->tail > q->head && val[q->v[q->tail - 1]] >= val[j])
		q->tail--;
	q->v[q->tail++] = j;
}

static inline int
dq_min(struct deque *q, const int *val, int hi)
{
	while (q->tail > q->head && q->v[q->head] > hi)
		q->head++;
	return q->tail > q->head ? val[q->v[q->head]] : INF;
}

/*
 * A narrow window (the protocols' are 4 to 8 days wide) is cheaper to
 * scan than to slide a deque over; a wide one keeps the deque, so a
 * level stays O(days) whatever the window.
 */
#define SCAN_MAX	16

static inline int
window_min(const int *val, int lo, int hi)
{
	int j, m;

	for (m = INF, j = lo; j <= hi; j++)
		if (val[j] < m)
			m = val[j];
	return m;
}

/*
 * ends[k] for k in k0..k1: the earliest possible date (as an index) of
 * the final visit when the first of r visits is on day k, or INF when
 * no sequence of r allowed days min..max apart starts there.  Built
 * backwards, one visit at a time.  Visit v of a sequence whose first is
 * in k0..k1 can only fall in k0 + v x min .. k1 + v x max, so each
 * level covers that span alone: the values there are exact, and the
 * cost is that of the days in reach, not of the whole horizon.
 */
static void
earliest_ends(const struct horizon *h, const struct sched_in *in, int r,
    int k0, int k1, int *ends)
{
	struct deque q;
	int *cur, *next, *tmp, v, k, j, lo, hi, nhi;

	if (memchr(h->allowed + k0, 1, (size_t)(k1 - k0 + 1)) == NULL) {
		for (k = k0; k <= k1; k++)
			ends[k] = INF;
		return;
	}
	cur = xmalloc((size_t)h->n * sizeof(*cur));
	next = xmalloc((size_t)h->n * sizeof(*next));
	q.v = xmalloc((size_t)h->n * sizeof(*q.v));
	lo = k0 + (r - 1) * in->ival_min;
	hi = span_hi(h, k1 + (r - 1) * in->ival_max);
	for (k = lo; k <= hi; k++)
		cur[k] = h->allowed[k] ? k : INF;
	for (v = r - 2; v >= 0; v--) {
		tmp = next, next = cur, cur = tmp;
		nhi = hi;
		lo = k0 + v * in->ival_min;
		hi = span_hi(h, k1 + v * in->ival_max);
		if (in->ival_max - in->ival_min < SCAN_MAX) {
			for (k = hi; k >= lo; k--)
				cur[k] = h->allowed[k] ? window_min(next,
				    k + in->ival_min, k + in->ival_max < nhi ?
				    k + in->ival_max : nhi) : INF;
			continue;
		}
		dq_reset(&q);
		/* Days of the next level past hi + min enter the window. */
		for (k = nhi - in->ival_min; k > hi; k--)
			dq_push(&q, next, k + in->ival_min);
		for (; k >= lo; k--) {
			j = k + in->ival_min;
			if (j <= nhi)
				dq_push(&q, next, j);
			cur[k] = h->allowed[k] ?
			    dq_min(&q, next, k + in->ival_max) : INF;
		}
	}
	memcpy(ends + k0, cur + k0, (size_t)(k1 - k0 + 1) * sizeof(*ends));
	free(cur);
	free(next);
	free(q.v);
}

/*
 * The days each visit can fall on from one first day k, as bits: bit b
 * of reach[v] is day k + v x min + b, so visit v spans v x (max - min)
 * + 1 bits.  For narrow windows and courses of the protocols' length
 * every span fits in QUICK_WORDS words, and carrying the bits forward
 * one visit at a time costs a few shifts a word: far less than a block
 * of earliest_ends(), which the first few days would otherwise need.
 */
#define QUICK_WORDS	4
#define QUICK_VISITS	64
#define QUICK_TRIES	32	/* first days tried one by one */

struct quick {
	uint64_t	bits[QUICK_VISITS][QUICK_WORDS];
};

static int
quick_fits(const struct sched_in *in, int r)
{
	return r <= QUICK_VISITS && in->ival_max - in->ival_min < 64 &&
	    (r - 1) * (in->ival_max - in->ival_min) + 1 <= 64 * QUICK_WORDS;
}

static int
quick_has(const struct quick *qk, int v, int b)
{
	return (qk->bits[v][b >> 6] >> (b & 63)) & 1;
}

/* ends[k] as earliest_ends() finds it, leaving qk for first day k. */
static int
quick_end(const struct horizon *h, const struct sched_in *in, int r,
    int k, struct quick *qk)
{
	uint64_t *x, any;
	int v, b, i, w, len, step, lo, span, nw;

	if (!h->allowed[k])
		return INF;
	memset(qk->bits[0], 0, sizeof(qk->bits[0]));
	qk->bits[0][0] = 1;
	w = in->ival_max - in->ival_min;
	for (v = 1; v < r; v++) {
		/* Every day min..max after a day of the visit before. */
		x = qk->bits[v];
		memcpy(x, qk->bits[v - 1], sizeof(qk->bits[v]));
		span = v * w + 1;
		nw = (span + 63) / 64;
		for (len = 1; len <= w; len += step) {
			step = len < w + 1 - len ? len : w + 1 - len;
			for (i = nw - 1; i > 0; i--)
				x[i] |= (x[i] << step) |
				    (x[i - 1] >> (64 - step));
			x[0] |= x[0] << step;
		}
		/* ... that is allowed. */
		lo = k + v * in->ival_min;
		for (b = 0; b < span; b++)
			if (!h->allowed[lo + b])
				x[b >> 6] &= ~((uint64_t)1 << (b & 63));
		for (any = 0, i = 0; i < nw; i++)
			any |= x[i];
		if (any == 0)
			return INF;
	}
	for (b = 0; !quick_has(qk, r - 1, b); b++)
		continue;
	return k + (r - 1) * in->ival_min + b;
}

/*
 * The costs of the cheapest completions, one level per visit.  Visit i
 * (1-based) of a plan whose first visit is in lo..first_hi falls in
 * lo + (i - 1) x min .. first_hi + (i - 1) x max, and, for the r - i
 * visits after it to end by hi, no later than hi - (r - i) x min: each
 * level holds that span alone, and is INF outside it.
 */
struct costs {
	int	 lo;		/* first index covered */
	int	 hi;		/* last index covered */
	int	*from;		/* from[i - 1]: the first index of level i */
	int	*to;		/* to[i - 1]: its last index */
	int	*at;		/* at[i - 1]: where level i starts in c */
	int	*c;
};

static int
cost_at(const struct costs *cs, int i, int k)
{
	if (k < cs->from[i - 1] || k > cs->to[i - 1])
		return INF;
	return cs->c[cs->at[i - 1] + (k - cs->from[i - 1])];
}

static inline int
gap_cost(int gap, int pref)
{
	return gap > pref ? gap - pref : pref - gap;
}

/*
 * c_i(k): the least sum of |interval - preferred| over visits i..r when
 * visit i is on day k and the last visit is no later than day hi.  next
 * and cur are levels i + 1 and i, each indexed by day from its own
 * first index.  A narrow window is scanned; for a wide one the absolute
 * value splits at k + pref into two linear pieces, each a sliding
 * minimum of c_{i+1}(j) -/+ j, so each level is O(days).  With qk (the
 * days visit i can fall on from the plan's first visit, lo being that
 * visit's first possible day), a scan skips the days no sequence from
 * it reaches: the trace never looks at them.
 */
static void
level_costs(const struct horizon *h, const struct sched_in *in,
    const int *next, int nlo, int nhi, int *cur, int lo, int hi,
    const struct quick *qk, int level, struct deque *ql, struct deque *qr,
    int *a, int *b)
{
	int k, j, jhi, best, left, right, pref, lhi, rlo, c;

	pref = in->ival_pref;
	if (in->ival_max - in->ival_min < SCAN_MAX) {
		/* INF + a gap is still at least INF: never the best. */
		for (k = hi; k >= lo; k--) {
			best = INF;
			if (qk ? quick_has(qk, level, k - lo) : h->allowed[k]) {
				jhi = k + in->ival_max < nhi ?
				    k + in->ival_max : nhi;
				for (j = k + in->ival_min; j <= jhi; j++) {
					c = next[j - nlo] + gap_cost(j - k,
					    pref);
					if (c < best)
						best = c;
				}
			}
			cur[k - lo] = best;
		}
		return;
	}
	/*
	 * The left piece covers gaps min..pref, the right one pref..max;
	 * a preference outside min..max leaves one of them empty.
	 */
	lhi = pref < in->ival_max ? pref : in->ival_max;
	rlo = pref > in->ival_min ? pref : in->ival_min;
	for (j = 0; j <= nhi - nlo; j++) {
		a[j] = next[j] >= INF ? INF : next[j] - (j + nlo);
		b[j] = next[j] >= INF ? INF : next[j] + (j + nlo);
	}
	dq_reset(ql);
	dq_reset(qr);
	/* Days of the next level past hi + min still enter the windows. */
	k = nhi - in->ival_min > hi ? nhi - in->ival_min : hi;
	for (; k >= lo; k--) {
		if (pref >= in->ival_min && k + in->ival_min <= nhi)
			dq_push(ql, a, k + in->ival_min - nlo);
		if (pref <= in->ival_max && k + rlo <= nhi)
			dq_push(qr, b, k + rlo - nlo);
		if (k > hi)
			continue;
		if (!h->allowed[k]) {
			cur[k - lo] = INF;
			continue;
		}
		left = dq_min(ql, a, k + lhi - nlo);
		right = dq_min(qr, b, k + in->ival_max - nlo);
		best = INF;
		if (left < INF)
			best = left + k + pref;
		if (right < INF && right - k - pref < best)
			best = right - k - pref;
		cur[k - lo] = best;
	}
}

static void
costs_init(struct costs *cs, const struct horizon *h,
    const struct sched_in *in, int r, int lo, int first_hi, int hi,
    const struct quick *qk)
{
	struct deque ql, qr;
	int *a, *b, i, k, n, most;
	size_t total;

	cs->lo = lo;
	cs->hi = hi;
	cs->from = xmalloc((size_t)r * 3 * sizeof(*cs->from));
	cs->to = cs->from + r;
	cs->at = cs->to + r;
	total = 0;
	most = 1;
	for (i = 1; i <= r; i++) {
		cs->from[i - 1] = lo + (i - 1) * in->ival_min;
		cs->to[i - 1] = first_hi + (i - 1) * in->ival_max;
		if (cs->to[i - 1] > hi - (r - i) * in->ival_min)
			cs->to[i - 1] = hi - (r - i) * in->ival_min;
		cs->at[i - 1] = (int)total;
		n = cs->to[i - 1] - cs->from[i - 1] + 1;
		if (n > 0) {
			total += (size_t)n;
			most = n > most ? n : most;
		}
	}
	cs->c = xmalloc((total ? total : 1) * sizeof(*cs->c));
	if (in->ival_max - in->ival_min < SCAN_MAX) {
		a = b = ql.v = qr.v = NULL;
	} else {
		a = xmalloc((size_t)most * 4 * sizeof(*a));
		b = a + most;
		ql.v = b + most;
		qr.v = ql.v + most;
	}
	for (k = cs->from[r - 1]; k <= cs->to[r - 1]; k++)
		cs->c[cs->at[r - 1] + k - cs->from[r - 1]] =
		    h->allowed[k] ? 0 : INF;
	for (i = r - 1; i >= 1; i--)
		level_costs(h, in, cs->c + cs->at[i], cs->from[i], cs->to[i],
		    cs->c + cs->at[i - 1], cs->from[i - 1], cs->to[i - 1],
		    qk, i - 1, &ql, &qr, a, b);
	free(a);
}

static void
costs_free(struct costs *cs)
{
	free(cs->c);
	free(cs->from);
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
		if (hi > cs->hi)
			hi = cs->hi;
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
earliest_first(const struct sched_in *in, const int *ends, int k0, int k1,
    int course_end, int base)
{
	int k, end;

	for (k = k0; k <= k1; k++) {
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
	for (k = 0; k <= to && k <= cs->hi; k++) {
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

/*
 * Rule (a) with no history or after a lapse.  A plan usually starts in
 * the first few days: they are tried one by one when quick_end() fits,
 * else as a block of FIRST_BLOCK; the rest of the window is one block.
 * Returns the first visit's index, or -1; ends[] is filled up to where
 * the search stopped, all of it when it found nothing.
 */
#define FIRST_BLOCK	8

static int
search_first(const struct horizon *h, const struct sched_in *in, int r,
    int to, int course_end, int base, int *ends, struct quick *qk,
    int *quick)
{
	int k, k1, first;

	first = -1;
	k = 0;
	*quick = quick_fits(in, r);
	if (*quick)
		for (; k <= to && k < QUICK_TRIES; k++) {
			ends[k] = quick_end(h, in, r, k, qk);
			if ((first = earliest_first(in, ends, k, k,
			    course_end, base)) >= 0)
				return first;
		}
	*quick = 0;
	for (; k <= to; k = k1 + 1) {
		k1 = k == 0 && FIRST_BLOCK - 1 < to ? FIRST_BLOCK - 1 : to;
		earliest_ends(h, in, r, k, k1, ends);
		if ((first = earliest_first(in, ends, k, k1, course_end,
		    base)) >= 0)
			return first;
	}
	return -1;
}

enum sched_status
sched_find(const struct sched_in *in, int *dates, struct sched_out *out)
{
	struct horizon h;
	struct costs cs;
	struct quick *qk;
	enum sched_status st;
	int r, base, to, last, course_end, first, hi, quick, *ends;

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
	horizon_init(&h, in, base, to + 1 + (r - 1) * in->ival_max);
	ends = xmalloc(((size_t)to + 1) * sizeof(*ends));
	qk = NULL;
	st = SCHED_OK;
	if (in->nhistory && !out->lapsed) {
		earliest_ends(&h, in, r, 0, to, ends);
		hi = course_end - base;
		if (hi >= h.n)
			hi = h.n - 1;
		first = -1;
		if (hi >= 0) {
			costs_init(&cs, &h, in, r, 0, to, hi, NULL);
			first = cheapest_first(&cs, in, ends, to, base);
			if (first >= 0)
				trace(&cs, &h, in, r, first, dates);
			costs_free(&cs);
		}
	} else {
		if (quick_fits(in, r))
			qk = xmalloc(sizeof(*qk));
		first = search_first(&h, in, r, to, course_end, base, ends,
		    qk, &quick);
		if (first >= 0) {
			hi = (in->nhistory ? course_end : base + first +
			    in->max_course_days) - base;
			if (hi >= h.n)
				hi = h.n - 1;
			costs_init(&cs, &h, in, r, first, first, hi,
			    quick ? qk : NULL);
			trace(&cs, &h, in, r, first, dates);
			costs_free(&cs);
		}
	}
	if (first < 0)
		st = explain(&h, ends, to, in->nhistory && !out->lapsed);
	free(qk);
	free(ends);
	free(h.allowed);
	return st;
}
