/*
 * libFuzzer harness: the loaders.  The input is read as a patient file,
 * a protocol, a care, a clinic, a drug-classes and a terms file, the
 * last two then asked to match a medicine and a condition; any input must
 * give a result or a diagnostic with a place, never a crash, a leak or
 * a hang.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "care.h"
#include "clinic.h"
#include "diag.h"
#include "drugs.h"
#include "file.h"
#include "patient.h"
#include "protocol.h"
#include "terms.h"
#include "tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct care *shipped;	/* data/care.yaml, for protocols */
static struct terms *known;	/* data/terms.yaml, for their ingredients */

static void
expect_place(const struct diag *d)
{
	/* Every error from a loader names its file and a line. */
	if (d->file == NULL || d->line < 1 || d->col < 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct diag d = { 0 };
	struct patient *p;
	struct protocol *pr;
	struct clinic *cl;
	struct drugs *dr;
	struct terms *t;
	struct care *c;

	if ((p = patient_load("fuzz.yaml", buf, size, &d)) == NULL)
		expect_place(&d);
	patient_free(p);
	diag_release(&d);
	if ((c = care_load("care.yaml", buf, size, &d)) == NULL)
		expect_place(&d);
	care_free(c);
	diag_release(&d);
	if ((cl = clinic_load("clinic.yaml", buf, size, &d)) == NULL)
		expect_place(&d);
	clinic_free(cl);
	diag_release(&d);
	if ((dr = drugs_load("drugs.yaml", buf, size, &d)) == NULL)
		expect_place(&d);
	else
		(void)drugs_class_of(dr, "Aspirin EC 81 mg twice daily");
	drugs_free(dr);
	diag_release(&d);
	if ((t = terms_load("terms.yaml", buf, size, &d)) == NULL)
		expect_place(&d);
	else
		(void)terms_condition(t, " skin infection ");
	terms_free(t);
	diag_release(&d);
	if (shipped == NULL) {
		char *text;
		size_t len;

		if (file_read("data/care.yaml", TREE_MAX_BYTES, &text, &len) ||
		    (shipped = care_load("care.yaml", text, len, &d)) == NULL)
			abort();
		free(text);
		if (file_read("data/terms.yaml", TREE_MAX_BYTES, &text, &len) ||
		    (known = terms_load("terms.yaml", text, len, &d)) == NULL)
			abort();
		free(text);
	}
	if ((pr = protocol_load("p.yaml", buf, size, NULL, shipped, &d)) ==
	    NULL || protocol_check_terms(pr, known, &d) != 0)
		expect_place(&d);
	protocol_free(pr);
	diag_release(&d);
	return 0;
}
