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
#include "file.h"
#include "library.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct care *care;
static struct clinic *clinics[2];	/* the shipped one and a full one */
static struct drugs *drugs;

/* Loads a data file the harness needs, or aborts: the set-up is not fuzzed. */
static char *
slurp(const char *path, size_t *len)
{
	char *buf;

	if (file_read(path, TREE_MAX_BYTES, &buf, len))
		abort();
	return buf;
}

static void
setup(void)
{
	static const char *const paths[2] = {
		"data/clinic.yaml", "tests/cases-clinic/clinic-full.yaml"
	};
	struct diag d = { 0 };
	size_t len, i;
	char *buf;

	buf = slurp("data/care.yaml", &len);
	if ((care = care_load("care.yaml", buf, len, &d)) == NULL)
		abort();
	free(buf);
	buf = slurp("data/drugs.yaml", &len);
	if ((drugs = drugs_load("drugs.yaml", buf, len, &d)) == NULL)
		abort();
	free(buf);
	for (i = 0; i < 2; i++) {
		buf = slurp(paths[i], &len);
		if ((clinics[i] = clinic_load(paths[i], buf, len, &d)) == NULL)
			abort();
		free(buf);
	}
}

static void
render(const struct plan *pl)
{
	static const char *const names[] = {
		"text", "csv", "json", "ics", "html"
	};
	const struct format *f;
	struct printer pr;
	char *out;
	size_t i, len;
	FILE *fp;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		f = format_find(names[i]);
		if ((fp = open_memstream(&out, &len)) == NULL)
			abort();
		printer_init(&pr, fp, care);
		f->begin(&pr);
		f->plan(&pr, pl);
		f->end(&pr);
		fclose(fp);
		free(out);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct protocol *pr;
	struct sched_out out;
	struct library *lib;
	struct diag d = { 0 };
	struct patient *p;
	const struct clinic *cl;
	struct plan pl;
	enum sched_status st;

	if (care == NULL)
		setup();
	cl = clinics[size > 0 ? data[0] & 1 : 0];
	lib = library_new("data/protocols", care);
	p = patient_load("fuzz.yaml", (const char *)data, size, &d);
	if (p != NULL && (pr = library_find(lib, p, &d)) != NULL &&
	    protocol_check_classes(pr, drugs, &d) == 0 &&
	    patient_apply(p, pr, &d) == 0 &&
	    patient_check_clinic(p, cl, &d) == 0 &&
	    plan_check_overrides(p, cl, pr, &d) == 0) {
		st = plan_make_at(&pl, p, pr, cl, drugs, &care->anticoagulants,
		    p->start, &out);
		if (st == SCHED_OK)
			render(&pl);
		else
			plan_explain(&d, &pl, p, pr, st, &out);
		plan_release(&pl);
	}
	patient_free(p);
	library_free(lib);
	diag_release(&d);
	return 0;
}
