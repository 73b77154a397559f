#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "clinic.h"
#include "date.h"
#include "xalloc.h"

#define DAY_MINUTES	(24 * 60)

/* An appointment's minutes on one day: from .. to - 1. */
struct span {
	int	from;
	int	to;
};

/* What one day holds.  taken[i] counts the appointments in slot i. */
struct book_day {
	int		 whole;
	struct span	*spans;
	size_t		 nspans;
	size_t		 cap;
	int		*taken;
};

struct book {
	const struct clinic	*clinic;	/* NULL: open all day, no slots */
	int			 capacity;
	int			 visit_minutes;
	int			 first;		/* today */
	int			 given;
	struct book_day		**days;		/* days[d - first], NULL: empty */
	size_t			 ndays;
	int			 lo;		/* the first and last day held; */
	int			 hi;		/* lo > hi: none */
};

struct book *
book_new(const struct clinic *c, int today)
{
	struct book *b;

	b = xcalloc(1, sizeof(*b));
	b->clinic = c;
	b->capacity = c != NULL ? c->capacity : 1;
	b->visit_minutes = c != NULL ? c->visit_minutes : CLINIC_VISIT_MINUTES;
	b->first = today;
	b->lo = INT_MAX;
	b->hi = INT_MIN;
	b->ndays = BOOK_HORIZON + 1;
	b->days = xcalloc(b->ndays, sizeof(*b->days));
	return b;
}

void
book_free(struct book *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->ndays; i++)
		if (b->days[i] != NULL) {
			free(b->days[i]->spans);
			free(b->days[i]->taken);
			free(b->days[i]);
		}
	free(b->days);
	free(b);
}

void
book_set_given(struct book *b)
{
	b->given = 1;
}

int
book_given(const struct book *b)
{
	return b->given;
}

int
book_first(const struct book *b)
{
	return b->first;
}

int
book_horizon(const struct book *b)
{
	return b->first + (int)b->ndays - 1;
}

static size_t
nslots(const struct book *b)
{
	return b->clinic != NULL ? b->clinic->nslots : 0;
}

/* The day's record, or NULL when it holds nothing or is out of range. */
static struct book_day *
day_get(const struct book *b, int day)
{
	if (day < b->first || day > book_horizon(b))
		return NULL;
	return b->days[day - b->first];
}

static struct book_day *
day_make(struct book *b, int day)
{
	struct book_day **bd = &b->days[day - b->first];

	if (*bd == NULL) {
		if (day < b->lo)
			b->lo = day;
		if (day > b->hi)
			b->hi = day;
		*bd = xcalloc(1, sizeof(**bd));
		(*bd)->taken = xcalloc(nslots(b) + 1, sizeof(*(*bd)->taken));
	}
	return *bd;
}

static int
overlaps(int from, int to, int start, int end)
{
	return from < end && start < to;
}

/* An appointment within one day; an instant has from == to. */
static void
add_span(struct book *b, int day, int from, int to)
{
	struct book_day *bd;
	size_t i;

	if (day < b->first || day > book_horizon(b))
		return;
	bd = day_make(b, day);
	if (to <= from)
		to = from + 1;
	if (bd->nspans == bd->cap) {
		bd->cap = bd->cap ? 2 * bd->cap : 4;
		bd->spans = xreallocarray(bd->spans, bd->cap,
		    sizeof(*bd->spans));
	}
	bd->spans[bd->nspans].from = from;
	bd->spans[bd->nspans++].to = to;
	for (i = 0; i < nslots(b); i++)
		if (overlaps(from, to, b->clinic->slots[i],
		    b->clinic->slots[i] + b->visit_minutes))
			bd->taken[i]++;
}

void
book_add(struct book *b, int day0, int min0, int day1, int min1)
{
	int d, last;

	if (day1 < day0 || (day1 == day0 && min1 < min0)) {
		day1 = day0;
		min1 = min0;
	}
	/* One that ends at midnight is over by the day it ends on. */
	if (day1 > day0 && min1 == 0) {
		day1--;
		min1 = DAY_MINUTES;
	}
	if (day1 < b->first)
		return;
	last = day1 < book_horizon(b) ? day1 : book_horizon(b);
	for (d = day0 < b->first ? b->first : day0; d <= last; d++)
		add_span(b, d, d == day0 ? min0 : 0,
		    d == day1 ? min1 : DAY_MINUTES);
}

void
book_add_visit(struct book *b, int day, int time)
{
	int end = time + b->visit_minutes;

	/* One late in the evening runs on past midnight. */
	book_add(b, day, time, day + end / DAY_MINUTES, end % DAY_MINUTES);
}

void
book_add_day(struct book *b, int day)
{
	if (day >= b->first && day <= book_horizon(b))
		day_make(b, day)->whole = 1;
}

/* Appointments on the day overlapping minutes from .. to - 1. */
static int
count(const struct book_day *bd, int from, int to)
{
	size_t i;
	int n = 0;

	for (i = 0; bd != NULL && i < bd->nspans; i++)
		if (overlaps(from, to, bd->spans[i].from, bd->spans[i].to))
			n++;
	return n;
}

static const struct hours all_day = { 0, DAY_MINUTES };

static const struct hours *
hours_of(const struct book *b, int day)
{
	return b->clinic != NULL ? &b->clinic->hours[date_weekday(day)] :
	    &all_day;
}

/* With slots: the first that fits the day's hours and the wish, with room. */
static int
slot_listed(const struct book *b, const struct book_day *bd,
    const struct hours *h, int want, unsigned periods)
{
	const struct clinic *c = b->clinic;
	size_t i;
	int t;

	for (i = 0; i < c->nslots; i++) {
		t = c->slots[i];
		if (t < h->open || t + b->visit_minutes > h->close)
			continue;
		if (want >= 0 ? t != want : periods != 0 &&
		    !(periods & (t < 12 * 60 ? 1u : 2u)))
			continue;
		if (bd == NULL || bd->taken[i] < b->capacity)
			return t;
	}
	return TIME_NONE;
}

/*
 * Without slots: want if it has room; else the earliest minute with
 * room.  The appointments a visit from t overlaps only leave it as t
 * passes their ends, so the open hour and those ends are the only
 * starts worth trying.
 */
static int
slot_free(const struct book *b, const struct book_day *bd,
    const struct hours *h, int want)
{
	int vm = b->visit_minutes, best = TIME_NONE, t;
	size_t i;

	if (want >= 0)
		return want >= h->open && want + vm <= h->close &&
		    count(bd, want, want + vm) < b->capacity ? want : TIME_NONE;
	if (h->open + vm > h->close)
		return TIME_NONE;
	if (count(bd, h->open, h->open + vm) < b->capacity)
		return h->open;
	for (i = 0; bd != NULL && i < bd->nspans; i++) {
		t = bd->spans[i].to;
		if (t > h->open && t + vm <= h->close &&
		    (best == TIME_NONE || t < best) &&
		    count(bd, t, t + vm) < b->capacity)
			best = t;
	}
	return best;
}

int
book_slot(const struct book *b, int day, int want, unsigned periods)
{
	const struct book_day *bd = day_get(b, day);
	const struct hours *h = hours_of(b, day);

	if (bd != NULL && bd->whole)
		return TIME_NONE;
	if (nslots(b) > 0)
		return slot_listed(b, bd, h, want, periods);
	return slot_free(b, bd, h, want);
}

int *
book_full_days(const struct book *b, int from, int to, int want,
    unsigned periods, size_t *n)
{
	int *days = NULL, d;

	*n = 0;
	if (from < b->lo)
		from = b->lo;
	if (to > b->hi)
		to = b->hi;
	for (d = from; d <= to; d++) {
		if (b->days[d - b->first] == NULL ||
		    book_slot(b, d, want, periods) != TIME_NONE)
			continue;
		if (days == NULL)
			days = xcalloc((size_t)(to - d) + 1, sizeof(*days));
		days[(*n)++] = d;
	}
	return days;
}

int
book_taken(const struct book *b, int day, int from, int to)
{
	return count(day_get(b, day), from, to > from ? to : from + 1);
}

int
book_whole(const struct book *b, int day)
{
	const struct book_day *bd = day_get(b, day);

	return bd != NULL && bd->whole;
}
