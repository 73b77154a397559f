#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "dosing.h"
#include "file.h"
#include "fixture.h"
#include "drugs.h"
#include "load.h"
#include "norm.h"
#include "terms.h"
#include "print.h"
#include "tree.h"

/*
 * Fails unless case i was refused (loaded is what the loader returned)
 * with a message at the case's line and column holding its words.
 */
void
fixture_refused(size_t i, const struct bad_case *c, const void *loaded,
    const struct diag *d)
{
	if (loaded != NULL)
		fail_msg("case %zu loaded", i);
	if (d->line != c->line || d->col != c->col ||
	    strstr(d->msg, c->words) == NULL)
		fail_msg("case %zu: got %d:%d: %s; want %d:%d: %s", i, d->line,
		    d->col, d->msg, c->line, c->col, c->words);
}

/*
 * Fails unless a reader of "book.ics" failed (failed set) with a data
 * error at line, at a column, whose message holds words.
 */
void
fixture_error_at(const struct diag *d, int failed, int line,
    const char *words)
{
	if (!failed)
		fail_msg("no error; expected line %d: %s", line, words);
	if (d->line != line || strstr(d->msg, words) == NULL)
		fail_msg("got %s:%d:%d: %s\nexpected line %d: ...%s...",
		    d->file, d->line, d->col, d->msg, line, words);
	assert_string_equal(d->file, "book.ics");
	assert_true(d->col >= 1);
	assert_int_equal(diag_class(d->code), DIAG_DATA);
}

int
fixture_setup(void **state)
{
	struct fixture *f;
	struct diag d = { 0 };
	char *buf;
	size_t len;
	int err;

	f = calloc(1, sizeof(*f));
	if (file_read("data/care.yaml", TREE_MAX_BYTES, &buf, &len) != 0)
		return -1;
	f->care = care_load("data/care.yaml", buf, len, &d);
	free(buf);
	diag_release(&d);
	if (f->care == NULL ||
	    (f->drugs = load_drugs("data", &d, &err)) == NULL ||
	    (f->terms = load_terms("data", &d, &err)) == NULL)
		return -1;
	f->p.file = "p.yaml";
	f->p.id = "0012";
	f->p.name = "O'Brien, \"Jo\"";
	f->p.start = date_from_ymd(2026, 12, 1);
	f->p.weekdays = 0x1f;
	f->p.visits = 3;
	f->p.interval_days = 21;
	f->p.time = TIME_NONE;
	strv_push(&f->p.sites, "left knee");
	strv_push(&f->p.sites, "right, outer knee");
	f->hist[0] = date_from_ymd(2026, 11, 10);
	f->p.history = f->hist;
	f->p.nhistory = 1;
	f->pr.id = "knee-oa";
	f->pr.name = "Dextrose prolotherapy, knee osteoarthritis";
	f->pr.solution = "12.5% dextrose with 0.5% lidocaine";
	f->pr.per_site = 1;
	f->pr.ival_min = 14;
	f->pr.ival_pref = 21;
	f->pr.ival_max = 21;
	f->pr.max_course_days = 183;
	f->pr.restart = 1;		/* after_lapse's default */
	/* knee-oa's solution and volumes, for a 70 kg patient's dose. */
	f->solutes[0] = (struct solute){ "dextrose", norm_fold("dextrose"),
	    12500, { 0, 0 } };
	f->solutes[1] = (struct solute){ "lidocaine", norm_fold("lidocaine"),
	    500, { 0, 0 } };
	f->pr.solutes = f->solutes;
	f->pr.nsolutes = 2;
	f->pr.volume_usual = 15000;
	f->pr.volume_max = 28500;
	f->p.volume = 15000;
	f->p.weight = 70000;
	*state = f;
	return 0;
}

int
fixture_teardown(void **state)
{
	struct fixture *f = *state;

	plan_release(&f->pl);
	free(f->solutes[0].folded);
	free(f->solutes[1].folded);
	strv_release(&f->p.sites);
	strv_release(&f->p.medications);
	strv_release(&f->p.allergies);
	strv_release(&f->p.conditions);
	free(f->out);
	free(f->flat);
	care_free(f->care);
	drugs_free(f->drugs);
	terms_free(f->terms);
	free(f);
	return 0;
}

/* Plans patient p under the fixture's protocol, today 2026-11-27, with no clinic. */
void
fixture_plan(struct fixture *f, struct plan *pl, const struct patient *p,
    const struct care *care)
{
	struct chart ch = { .patient = (struct patient *)p,
	    .protocol = &f->pr, .drugs = f->drugs, .terms = f->terms,
	    .care = care };
	struct sched_out out;

	assert_int_equal(plan_make(pl, &ch, date_from_ymd(2026, 11, 27), &out),
	    SCHED_OK);
}

/* Prints n plans in fmt into f->out, as one run does. */
void
fixture_print(struct fixture *f, const struct format *fmt,
    const struct plan *const *pls, size_t n, long long now)
{
	struct printer pr;
	FILE *fp;
	size_t i;

	free(f->out);
	fp = open_memstream(&f->out, &f->len);
	print_init(&pr, fmt, fp);
	pr.now = now;
	print_begin(&pr);
	for (i = 0; i < n; i++)
		print_plan(&pr, pls[i]);
	print_end(&pr);
	assert_int_equal(pr.nplans, n);
	fclose(fp);
}

/* Plans the fixture's patient and prints it times over in fmt. */
void
fixture_render(struct fixture *f, const struct format *fmt,
    const struct care *care, int times)
{
	const struct plan *pls[4];
	int i;

	assert_true(times >= 0 && times <= 4);
	plan_release(&f->pl);
	fixture_plan(f, &f->pl, &f->p, care);
	for (i = 0; i < times; i++)
		pls[i] = &f->pl;
	fixture_print(f, fmt, pls, (size_t)times, 0);
}

/*
 * Makes f->pl by hand, as the planner would, from n visits in date
 * order: each numbered among the visits of the course but a missed one,
 * with its interval from the visit of the course before it, none for
 * the first, a missed one or one where the course restarts.  Today is
 * 2026-11-27, with no clinic; the plan has no warning until a test adds
 * one (fixture_warn).
 */
void
fixture_course(struct fixture *f, const struct fixture_visit *v, size_t n)
{
	struct plan *pl = &f->pl;
	struct plan_visit *pv;
	size_t i;
	int number = 0, last = 0;

	plan_release(pl);
	pl->patient = &f->p;
	pl->protocol = &f->pr;
	pl->drugs = f->drugs;
	pl->terms = f->terms;
	pl->care = f->care;
	pl->today = date_from_ymd(2026, 11, 27);
	pl->start = f->p.start;
	pl->per_visit = (int)f->p.sites.n * f->pr.per_site;
	pl->blocked_by = -1;
	pl->blocked_booked = -1;
	dosing_init(&pl->dose, &f->p, &f->pr, f->terms);
	pl->visits = calloc(n ? n : 1, sizeof(*pl->visits));
	pl->nvisits = n;
	for (i = 0; i < n; i++) {
		pv = &pl->visits[i];
		pv->date = date_from_ymd(v[i].y, v[i].m, v[i].d);
		pv->status = v[i].status;
		pv->restart = v[i].restart;
		pv->time = v[i].time;
		pv->interval = -1;
		if (v[i].status == VISIT_MISSED)
			continue;
		pv->number = ++number;
		if (number > 1 && !v[i].restart)
			pv->interval = pv->date - last;
		last = pv->date;
	}
}

/* Adds a warning of a kind to f->pl, to be filled in by the caller. */
struct plan_warning *
fixture_warn(struct fixture *f, enum plan_warning_kind kind)
{
	struct plan *pl = &f->pl;
	struct plan_warning *w;

	pl->warnings = realloc(pl->warnings, (pl->nwarnings + 1) *
	    sizeof(*pl->warnings));
	assert_non_null(pl->warnings);
	w = &pl->warnings[pl->nwarnings++];
	memset(w, 0, sizeof(*w));
	w->kind = kind;
	return w;
}

/*
 * The course of issue 13, every state in one: visit 1 given on Tue
 * 2026-10-06, a visit missed on Tue 2026-10-20, visit 2 given on Tue
 * 2026-10-27, then a gap of 35 days, longer than knee-oa's 21, so the
 * course restarts at visit 3, booked for Tue 2026-12-01 at 09:30; visit
 * 4 booked for Tue 2026-12-22 at no time, and visit 5 planned for Tue
 * 2027-01-12.  The patient file says as much: its history with the
 * missed visit, and its two booked visits.
 */
void
fixture_eventful(struct fixture *f)
{
	static const struct fixture_visit v[] = {
		{ 2026, 10, 6, VISIT_DONE, 0, TIME_NONE },
		{ 2026, 10, 20, VISIT_MISSED, 0, TIME_NONE },
		{ 2026, 10, 27, VISIT_DONE, 0, TIME_NONE },
		{ 2026, 12, 1, VISIT_BOOKED, 1, 9 * 60 + 30 },
		{ 2026, 12, 22, VISIT_BOOKED, 0, TIME_NONE },
		{ 2027, 1, 12, VISIT_PLANNED, 0, TIME_NONE },
	};
	struct plan_warning *w;

	f->p.visits = 5;
	f->hist[0] = date_from_ymd(2026, 10, 6);
	f->hist[1] = date_from_ymd(2026, 10, 27);
	f->p.history = f->hist;
	f->p.nhistory = 2;
	f->record[0] = (struct past_visit){ .date = f->hist[0], .pain = -1 };
	f->record[1] = (struct past_visit){ .date = date_from_ymd(2026, 10,
	    20), .missed = 1, .pain = -1 };
	f->record[2] = (struct past_visit){ .date = f->hist[1], .pain = -1 };
	f->p.record = f->record;
	f->p.nrecord = 3;
	f->booked[0] = (struct booked_visit){ date_from_ymd(2026, 12, 1),
	    9 * 60 + 30, { 0, 0 } };
	f->booked[1] = (struct booked_visit){ date_from_ymd(2026, 12, 22),
	    TIME_NONE, { 0, 0 } };
	f->p.booked = f->booked;
	f->p.nbooked = 2;
	fixture_course(f, v, sizeof(v) / sizeof(*v));
	f->pl.lapsed = f->pl.restarted = 1;
	w = fixture_warn(f, PLAN_W_LAPSE);
	w->date = f->hist[1];
	w->days = 35;
}

/*
 * A knee-oa course that ended early, better after 3 visits: given on
 * Tue 2026-10-06, 10-27 and 11-17, ended on Fri 2026-11-20, nothing to
 * come.
 */
void
fixture_ended(struct fixture *f)
{
	static const struct fixture_visit v[] = {
		{ 2026, 10, 6, VISIT_DONE, 0, TIME_NONE },
		{ 2026, 10, 27, VISIT_DONE, 0, TIME_NONE },
		{ 2026, 11, 17, VISIT_DONE, 0, TIME_NONE },
	};
	struct plan_warning *w;
	size_t i;

	f->p.visits = 3;
	for (i = 0; i < 3; i++)
		f->hist[i] = date_from_ymd(v[i].y, v[i].m, v[i].d);
	f->p.history = f->hist;
	f->p.nhistory = 3;
	f->p.ended = date_from_ymd(2026, 11, 20);
	f->p.ended_reason = "better after 3 visits";
	fixture_course(f, v, sizeof(v) / sizeof(*v));
	w = fixture_warn(f, PLAN_W_ENDED);
	w->date = f->p.ended;
	w->subject = f->p.ended_reason;
}

/*
 * Issue 13's course (fixture_eventful()) with the scores of issue 15:
 * visit 1 pain 7 and WOMAC 48 on its scale from 96 (worst) to 0, the
 * missed visit none, visit 2 pain 5.5 and no function score.
 */
void
fixture_scored(struct fixture *f)
{
	size_t i;

	fixture_eventful(f);
	f->record[0].pain = 7000;
	f->record[0].function = (struct function_score){ "WOMAC", 48000,
	    96000, 0 };
	f->record[2].pain = 5500;
	for (i = 0; i < 3; i++)
		f->pl.visits[i].past = &f->record[i];
}
