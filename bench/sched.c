/*
 * sched: the scheduler's cost, in-process.  Links the project's objects
 * and calls sched_find() (include/sched.h) in a loop on its worst case:
 * 30 visits, a year of searching (SCHED_SEARCH_DAYS), intervals 7 to 91
 * days (the widest the protocol rules allow, so the days covered are
 * the most), and no plan possible (every chain is longer than the
 * course allows, so every first day is tried).  The same case with half
 * the visits, half the days searched, both halved and four times the
 * days shows how the cost grows: linear in visits x days means the
 * time per visit-day stays the same across rows.
 *
 * The booked rows time the search around booked visits, a path of its
 * own: three visits already booked in the first six months, the course
 * too long (its whole reach searched, to say why) or planned, and
 * after history, where the history fixes the course's end.  Their
 * days and v x d are the same nominal figures, for comparison.
 *
 * Prints one row per case and [PASS]/[FAIL] target lines; exits 0
 * unless a case returns another status than expected (a bug).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "date.h"
#include "sched.h"

#define TARGET_NS	1000000.0	/* the worst case: under 1 ms */
#define IVAL_MIN	7		/* the widest window the protocol */
#define IVAL_MAX	91		/* rules allow: the most days */
#define LINEAR_SPREAD	1.5		/* max/min time per visit-day */
#define BATCHES		7
#define BATCH_NS	20000000.0	/* each batch runs at least 20 ms */

enum kind {
	LINEAR,		/* no plan: the rows whose times must be linear */
	FOUND,		/* a plan */
	BOOKED,		/* booked visits, history with BOOKED_HISTORY */
	BOOKED_HISTORY
};

struct scase {
	const char		*name;
	int			 visits;
	int			 search;
	int			 course;
	enum sched_status	 expect;
	enum kind		 kind;
};

static const struct scase cases[] = {
	{ "worst: 30 visits, 365 days",	30, 365, 183, SCHED_TOO_LONG, LINEAR },
	{ "half the visits",		15, 365, 90, SCHED_TOO_LONG, LINEAR },
	{ "half the days",		30, 182, 183, SCHED_TOO_LONG, LINEAR },
	{ "half both",			15, 182, 90, SCHED_TOO_LONG, LINEAR },
	{ "four times the days",	30, 1460, 183, SCHED_TOO_LONG, LINEAR },
	{ "30 visits, plan found",	30, 365, 366, SCHED_OK, FOUND },
	{ "booked: 30 visits, no plan",	30, 365, 183, SCHED_TOO_LONG, BOOKED },
	{ "booked: plan found",		30, 365, 366, SCHED_OK, BOOKED },
	{ "booked after history",	30, 365, 366, SCHED_OK,
	    BOOKED_HISTORY },
};
#define NCASES	(sizeof(cases) / sizeof(*cases))

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Two closed days a fortnight over the whole horizon, Sundays off. */
static struct date_range closed[160];

/* Booked on a Monday, a Wednesday and a Saturday, none closed. */
static const int booked_days[] = { 7, 100, 180 };
static int booked[3];
static int history[2];

static void
setup(struct sched_in *in, const struct scase *c)
{
	int base, i;
	size_t n;

	base = date_from_ymd(2026, 11, 30);
	for (n = 0, i = 0; n < sizeof(closed) / sizeof(*closed); n++,
	    i += 14) {
		closed[n].from = base + i + 3;
		closed[n].to = base + i + 4;
	}
	in->start = base;
	in->weekdays = 0x3f;		/* Monday to Saturday */
	in->closed = closed;
	in->nclosed = n;
	in->history = NULL;
	in->nhistory = 0;
	in->booked = NULL;
	in->nbooked = 0;
	in->visits = c->visits;
	in->ival_min = IVAL_MIN;
	in->ival_max = IVAL_MAX;
	in->ival_pref = 12;
	in->max_course_days = c->course;
	in->restart = 1;
	in->search_days = c->search;
	if (c->kind == BOOKED || c->kind == BOOKED_HISTORY) {
		for (i = 0; i < 3; i++)
			booked[i] = base + booked_days[i];
		in->booked = booked;
		in->nbooked = 3;
	}
	if (c->kind == BOOKED_HISTORY) {
		history[0] = base - 20;
		history[1] = base - 6;
		in->history = history;
		in->nhistory = 2;
	}
}

int
main(void)
{
	static int dates[64];
	struct sched_out out;
	struct sched_in in;
	double t0, t, ns[NCASES][BATCHES], per[NCASES], work[NCASES], lo, hi;
	double booked_worst;
	long reps[NCASES], r;
	size_t i, b;
	int days, bad;

	bad = 0;
	printf("%-28s %6s %6s %6s %8s %12s %12s\n", "sched_find() case",
	    "visits", "search", "days", "v x d", "per call", "per v x d");
	for (i = 0; i < NCASES; i++) {
		setup(&in, &cases[i]);
		if (sched_find(&in, dates, &out) != cases[i].expect) {
			fprintf(stderr, "bench/sched: %s: unexpected status\n",
			    cases[i].name);
			bad = 1;
		}
		/* Calibrate a batch to BATCH_NS. */
		for (reps[i] = 1; ; reps[i] *= 2) {
			t0 = now_ns();
			for (r = 0; r < reps[i]; r++)
				sched_find(&in, dates, &out);
			if (now_ns() - t0 >= BATCH_NS)
				break;
		}
	}
	/* Batches of the cases in turn, so machine noise hits them all. */
	for (b = 0; b < BATCHES; b++)
		for (i = 0; i < NCASES; i++) {
			setup(&in, &cases[i]);
			t0 = now_ns();
			for (r = 0; r < reps[i]; r++)
				sched_find(&in, dates, &out);
			ns[i][b] = (now_ns() - t0) / (double)reps[i];
		}
	for (i = 0; i < NCASES; i++) {
		/* The least batch: noise only adds time (bench/run.c). */
		qsort(ns[i], BATCHES, sizeof(*ns[i]), cmp_double);
		per[i] = ns[i][0];
		days = cases[i].search + 1 + (cases[i].visits - 1) * IVAL_MAX;
		work[i] = (double)cases[i].visits * days;
		printf("%-28s %6d %6d %6d %8.0f %9.1f us %9.2f ns\n",
		    cases[i].name, cases[i].visits, cases[i].search, days,
		    work[i], per[i] / 1e3, per[i] / work[i]);
	}
	/* The no-plan rows measure the same search. */
	lo = hi = per[0] / work[0];
	booked_worst = 0;
	for (i = 1; i < NCASES; i++) {
		if (cases[i].kind == BOOKED || cases[i].kind == BOOKED_HISTORY)
			booked_worst = per[i] > booked_worst ? per[i] :
			    booked_worst;
		if (cases[i].kind != LINEAR)
			continue;
		t = per[i] / work[i];
		lo = t < lo ? t : lo;
		hi = t > hi ? t : hi;
	}
	printf("(days: the days the search covers, search + (visits - 1) x "
	    "%d; v x d: visits x days)\n", IVAL_MAX);
	printf("  [%s] scheduler worst case under 1 ms: %.3f ms\n",
	    per[0] < TARGET_NS ? "PASS" : "FAIL", per[0] / 1e6);
	printf("  [%s] scheduler with booked visits under 1 ms: %.3f ms\n",
	    booked_worst < TARGET_NS ? "PASS" : "FAIL", booked_worst / 1e6);
	printf("  [%s] scheduler linear in visits x days: time per v x d "
	    "within %.1fx across rows (%.2fx)\n", hi / lo <= LINEAR_SPREAD ?
	    "PASS" : "FAIL", LINEAR_SPREAD, hi / lo);
	return bad;
}
