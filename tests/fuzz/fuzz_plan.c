/*
 * libFuzzer harness: the whole plan-and-print path.  The input is a
 * patient file planned against the shipped library and printed in every
 * format into memory, as "prolo plan" would.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "care.h"
#include "clinic.h"
#include "diag.h"
#include "drugs.h"
#include "explain.h"
#include "library.h"
#include "load.h"
#include "patient.h"
#include "plan.h"
#include "print.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The shipped data twice: with the shipped clinic and with a full one
 * (closures, slots, hours).  Each input is read through load_patient()
 * as plan and check read a patient file, with a library of its own so
 * that no protocol file an input names outlives it.
 */
static struct load loads[2];

/* Loads what the harness needs, or aborts: the set-up is not fuzzed. */
static void
setup(void)
{
	static const char *const paths[2] = {
		"data/clinic.yaml", "tests/cases-clinic/clinic-full.yaml"
	};
	struct diag d = { 0 };
	size_t i;
	int err;

	for (i = 0; i < 2; i++) {
		loads[i].datadir = "data";
		loads[i].today = 20788;		/* 2026-12-01 */
		if ((loads[i].drugs = load_drugs("data", &d, &err)) == NULL ||
		    (loads[i].terms = load_terms("data", &d, &err)) == NULL ||
		    (loads[i].care = load_care("data", NULL, loads[i].drugs, &d,
		    &err)) == NULL ||
		    (loads[i].clinic = load_clinic(paths[i], loads[i].drugs,
		    loads[i].terms, &d, &err)) == NULL)
			abort();
	}
}

static void
render(const struct plan *pl)
{
	static const char *const names[] = {
		"text", "csv", "json", "ics", "html"
	};
	struct printer pr;
	char *out;
	size_t i, len;
	FILE *fp;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		if ((fp = open_memstream(&out, &len)) == NULL)
			abort();
		print_init(&pr, format_find(names[i]), fp);
		print_begin(&pr);
		print_plan(&pr, pl);
		print_end(&pr);
		fclose(fp);
		free(out);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sched_out out;
	struct diag d = { 0 };
	struct chart ch;
	struct load *l;
	struct plan pl;
	size_t i;
	enum sched_status st;

	if (loads[0].care == NULL)
		setup();
	/* The first byte chooses the clinic; the whole input is the file. */
	l = &loads[size > 0 ? data[0] & 1 : 0];
	l->library = library_new("data/protocols", l->care);
	if (load_patient(l, "fuzz.yaml", (const char *)data, size, &ch,
	    &d) == 0) {
		st = plan_make(&pl, &ch, l->today, &out);
		if (st == SCHED_OK)
			render(&pl);
		else
			explain_noplan(&d, &pl, st, &out);
		for (i = 0; st == SCHED_OK && i < pl.nwarnings; i++)
			explain_warning(&d, &pl, &pl.warnings[i]);
		plan_release(&pl);
		patient_free(ch.patient);
	}
	library_free(l->library);
	l->library = NULL;
	diag_release(&d);
	return 0;
}
