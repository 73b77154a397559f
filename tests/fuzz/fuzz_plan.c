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
#include "diag.h"
#include "file.h"
#include "library.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct care *care;

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
	struct plan pl;
	enum sched_status st;
	char *buf;
	size_t len;

	if (care == NULL) {
		if (file_read("data/care.yaml", TREE_MAX_BYTES, &buf, &len))
			abort();
		if ((care = care_load("care.yaml", buf, len, &d)) == NULL)
			abort();
		free(buf);
	}
	lib = library_new("data/protocols", care);
	p = patient_load("fuzz.yaml", (const char *)data, size, &d);
	if (p != NULL && (pr = library_find(lib, p, &d)) != NULL &&
	    patient_apply(p, pr, &d) == 0) {
		st = plan_make(&pl, p, pr, &care->anticoagulants, p->start,
		    &out);
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
