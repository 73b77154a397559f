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
#include "file.h"
#include "fixture.h"
#include "drugs.h"
#include "load.h"
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
	*state = f;
	return 0;
}

int
fixture_teardown(void **state)
{
	struct fixture *f = *state;

	plan_release(&f->pl);
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
