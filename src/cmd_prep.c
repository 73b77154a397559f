#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clinic.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "patient.h"
#include "plan.h"
#include "prep.h"
#include "print_prep.h"
#include "protocol.h"
#include "strv.h"

/*
 * prolo prep: the preparation sheet, how to make up each visit's
 * solution from the clinic's stock.  The patients are planned exactly
 * as prolo plan plans them (cmd_run_files()), with the same warnings and
 * statuses, and each visit to come (or each on --date) gets the recipe
 * for the volume the visit gives.  A patient's volume is the same at
 * every visit, so the recipe is worked out once a patient.
 */

struct prep_run {
	struct prep_printer	 printer;
	int			 date;		/* --date, when */
	int			 has_date;	/* given; else every visit */
	size_t			 sheets;	/* visits to prepare */
};

/* Whether a visit of a plan is one to prepare. */
static int
wanted(const struct prep_run *pr, const struct plan_visit *v)
{
	return plan_to_come(v) && (!pr->has_date || v->date == pr->date);
}

static int
any_wanted(const struct prep_run *pr, const struct plan *pl)
{
	size_t i;

	for (i = 0; i < pl->nvisits; i++)
		if (wanted(pr, &pl->visits[i]))
			return 1;
	return 0;
}

/*
 * The recipe for a patient's visits, or an error at the patient's
 * protocol key (where the solution and the volume come from), with a
 * note at the clinic's stock where the stock cannot make it.
 */
static void
prep_planned(struct cmd_run *run, const struct plan *pl)
{
	struct prep_run *pr = run->arg;
	const struct patient *p = pl->patient;
	const struct clinic *c = run->load.clinic;
	struct prep_target *targets;
	struct diag d = { 0 };
	struct prep prep;
	size_t i;

	if (!any_wanted(pr, pl))
		return;
	if (pl->protocol->nsolutes == 0 || patient_visit_volume(p) <= 0) {
		diag_set(&d, p->file, p->at_protocol.line, p->at_protocol.col,
		    D_PREP_NO_SOLUTION, pl->protocol->id);
		cmd_run_report(run, &d);
		diag_release(&d);
		return;
	}
	targets = prep_targets(pl->protocol, run->load.terms);
	if (prep_make(&prep, targets, pl->protocol->nsolutes,
	    patient_visit_volume(p), c->stock, c->nstock, c->syringe) !=
	    PREP_OK) {
		prep_diag(&d, &prep, p->file, &p->at_protocol);
		diag_add_note(&d, c->path, c->at_stock.line, c->at_stock.col,
		    D_NOTE_STOCK);
		cmd_run_report(run, &d);
	} else
		for (i = 0; i < pl->nvisits; i++)
			if (wanted(pr, &pl->visits[i])) {
				print_prep(&pr->printer, pl, &pl->visits[i],
				    &prep);
				pr->sheets++;
			}
	prep_release(&prep);
	free(targets);
	diag_release(&d);
}

/*
 * A clinic with a stock to mix from, or 65 after a message saying what
 * to add: no preparation can be worked out without one.
 */
static int
stock_check(struct cmd_run *run)
{
	const struct clinic *c = run->load.clinic;
	struct diag d = { 0 };

	if (c == NULL) {
		fputs("prolo: prep needs a clinic file with a 'stock' to "
		    "prepare from (--clinic FILE, PROLO_CLINIC or clinic.yaml "
		    "in the data folder)\n", stderr);
		cmd_run_fail(run, EX_DATAERR);
		return -1;
	}
	if (c->nstock > 0)
		return 0;
	diag_set(&d, c->path, 0, 0, D_PREP_NO_STOCK);
	cmd_run_report(run, &d);
	diag_release(&d);
	return -1;
}

/*
 * Plans every file, printing each patient's sheets as its plan comes:
 * see cmd_run_end().  A run that printed nothing and failed prints
 * nothing at all; one that found no visit to prepare says so, on
 * standard error beside the text (JSON's empty list says it itself).
 */
static int
run_prep(struct cmd_run *run, struct prep_run *pr)
{
	char day[DATE_LEN + 1];
	int rc;

	if ((rc = cmd_run_start(run)) != 0)
		return rc;
	print_prep_init(&pr->printer, pr->printer.format, run->out.fp);
	if (stock_check(run) != 0)
		return cmd_run_end(run);
	run->planned = prep_planned;
	run->arg = pr;
	cmd_run_files(run);
	if (pr->sheets > 0 || !run->broken)
		print_prep_end(&pr->printer);
	if (pr->sheets == 0 && run->status == 0 &&
	    pr->printer.format == &prep_text) {
		if (pr->has_date) {
			date_format(pr->date, day);
			fprintf(stderr, "prolo: no visit to prepare on %s %s\n",
			    date_weekday_abbr(pr->date), day);
		} else
			fputs("prolo: no visits to come, nothing to prepare\n",
			    stderr);
	}
	return cmd_run_end(run);
}

int
cmd_prep(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "book",	required_argument,	NULL, 'B' },
		{ "clinic",	required_argument,	NULL, 'C' },
		{ "date",	required_argument,	NULL, 'D' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "protocols",	required_argument,	NULL, 'P' },
		OPERANDS_OPTIONS,
		{ NULL,		0,			NULL, 0 }
	};
	struct cmd_inputs in;
	struct cmd_run run;
	struct prep_run pr;
	char q[128];
	int ch, rc;

	memset(&in, 0, sizeof(in));
	memset(&run, 0, sizeof(run));
	memset(&pr, 0, sizeof(pr));
	pr.printer.format = &prep_text;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:ho:", opts, NULL)) != -1) {
		if (cmd_run_option(&in, ch, optarg))
			continue;
		rc = 0;
		switch (ch) {
		case 'f':
			if ((pr.printer.format = print_prep_find(optarg)) ==
			    NULL)
				rc = cmd_usage_error("prep", "unknown format %s "
				    "(use %s)", diag_quote(q, sizeof(q), optarg,
				    strlen(optarg)), print_prep_names());
			break;
		case 'D':
			pr.has_date = 1;
			if (date_parse(optarg, strlen(optarg), &pr.date) !=
			    DATE_OK)
				rc = cmd_usage_error("prep", "--date takes a "
				    "date from %d-01-01 to %d-12-31 written "
				    "YYYY-MM-DD, not %s", DATE_MIN_YEAR,
				    DATE_MAX_YEAR, diag_quote(q, sizeof(q),
				    optarg, strlen(optarg)));
			break;
		case 'h':
			strv_release(&in.books);
			return cmd_usage(stdout, "prep", 0);
		default:
			rc = cmd_usage(stderr, "prep", EX_USAGE);
			break;
		}
		if (rc != 0) {
			strv_release(&in.books);
			return rc;
		}
	}
	if ((rc = cmd_run_begin(&run, "prep", &in, argv + optind,
	    argc - optind)) != 0)
		return rc;
	return run_prep(&run, &pr);
}
