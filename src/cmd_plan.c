#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "book.h"
#include "cmd.h"
#include "diag.h"
#include "explain.h"
#include "load.h"
#include "output.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "schema.h"
#include "strv.h"
#include "xalloc.h"

/*
 * prolo plan: load -> schedule -> print for each patient file, into one
 * output.  Every valid file is planned; the status is the first
 * failure's.
 */

struct run {
	struct load	 load;
	struct book	*book;		/* the clinic's, and the run's plans */
	struct printer	 printer;
	int		 today;
	int		 status;	/* of the first failure */
	int		 broken;	/* a failure other than no plan */
};

static void
fail(struct run *run, int status)
{
	if (run->status == 0)
		run->status = status;
	if (status != EX_NOPLAN)
		run->broken = 1;
}

static void
report(struct run *run, struct diag *d)
{
	diag_print(stderr, d);
	fail(run, diag_class(d->code) == DIAG_NOPLAN ? EX_NOPLAN :
	    EX_DATAERR);
}

/* The warnings on standard error, then the plan in the output. */
static void
print_warned(struct run *run, const struct plan *pl)
{
	struct diag d = { 0 };
	size_t i;

	for (i = 0; i < pl->nwarnings; i++) {
		if (pl->warnings[i].kind == PLAN_W_NOTE)
			continue;	/* notes are for the handout */
		explain_warning(&d, pl, &pl->warnings[i]);
		diag_print(stderr, &d);
	}
	diag_release(&d);
	print_plan(&run->printer, pl);
}

/* Plans one patient file; failures are reported and recorded. */
static void
plan_file(struct run *run, const char *file)
{
	struct sched_out out;
	struct diag d = { 0 };
	struct chart ch;
	struct plan pl;
	enum sched_status st;
	char *buf;
	size_t len;
	int rc;

	if ((rc = cmd_read(file, &buf, &len)) != 0) {
		fail(run, rc);
		return;
	}
	rc = load_patient(&run->load, file, buf, len, &ch, &d);
	free(buf);
	if (rc != 0) {
		report(run, &d);
		diag_release(&d);
		return;
	}
	ch.book = run->book;
	if ((st = plan_make(&pl, &ch, run->today, &out)) == SCHED_OK) {
		print_warned(run, &pl);
		plan_commit(&pl, run->book);
	} else {
		explain_noplan(&d, &pl, st, &out);
		report(run, &d);
	}
	plan_release(&pl);
	patient_free(ch.patient);
	diag_release(&d);
}

/*
 * Plans every file into the output.  The output file is replaced only
 * by a run that read and planned every file it was given: status 0, or
 * 1 where a patient has no plan, which is an answer about that patient,
 * not a broken run.  After a file that cannot be read or is invalid
 * (66, 65) the new plan would silently lack a patient, so the file the
 * clinic already has is left exactly as it was, and none is created;
 * output_close() does the same after a write error or a refused output
 * (74, 73).  A run whose patients all have no plan leaves the empty
 * output standard output would have had, rather than an earlier plan
 * that no longer holds, to be printed by mistake.  An output the run
 * tried to read ends the run 73, whatever else failed: the error at a
 * patient's protocol key is its echo.
 */
static int
run_plan(struct run *run, struct output *o, char **files, int nfiles)
{
	int i, rc;

	if ((rc = output_open(o)) != 0) {
		output_close(o, 0);
		return rc;
	}
	run->printer.fp = o->fp;
	print_begin(&run->printer);
	for (i = 0; i < nfiles; i++)
		plan_file(run, files[i]);
	print_end(&run->printer);
	rc = output_close(o, !run->broken);
	if (o->refused)
		run->status = rc;
	else if (rc != 0)
		fail(run, rc);
	return run->status;
}

int
cmd_plan(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "book",	required_argument,	NULL, 'B' },
		{ "clinic",	required_argument,	NULL, 'C' },
		{ "csv-raw",	no_argument,		NULL, 'R' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "lang",	required_argument,	NULL, 'L' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "protocols",	required_argument,	NULL, 'P' },
		{ NULL,		0,			NULL, 0 }
	};
	const struct format *format = &format_text;
	const char *outpath = NULL, *protodir = NULL, *clinicpath = NULL;
	const char *lang = NULL;
	struct output o;
	struct strv books = { 0 };
	struct run run;
	long long now;
	char q[128];
	int ch, rc, csv_raw = 0;

	memset(&run, 0, sizeof(run));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:ho:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((format = format_find(optarg)) == NULL)
				return cmd_usage_error("plan", "unknown format "
				    "%s (use %s)", diag_quote(q, sizeof(q),
				    optarg, strlen(optarg)), format_names());
			break;
		case 'B':
			strv_push(&books, optarg);
			break;
		case 'C':
			clinicpath = optarg;
			break;
		case 'h':
			return cmd_usage(stdout, "plan", 0);
		case 'L':
			if (!schema_lang_valid(optarg))
				return cmd_usage_error("plan", "--lang takes a "
				    "two-letter code such as en or es, not %s",
				    diag_quote(q, sizeof(q), optarg,
				    strlen(optarg)));
			lang = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'P':
			protodir = optarg;
			break;
		case 'R':
			csv_raw = 1;
			break;
		default:
			return cmd_usage(stderr, "plan", EX_USAGE);
		}
	}
	if ((rc = cmd_operands("plan", "patient file", argc - optind,
	    argv + optind)) != 0 || (rc = cmd_today(&run.today, &now)) != 0 ||
	    (rc = cmd_open(&run.load, "plan", protodir, clinicpath, lang,
	    run.today)) != 0) {
		strv_release(&books);
		return rc;
	}
	/* The book is an input too: writing over it would lose it. */
	if ((rc = output_init(&o, outpath)) != 0 ||
	    (rc = output_check(&o, &run.load, argv + optind,
	    argc - optind)) != 0 ||
	    (rc = output_check(&o, &run.load, books.v, (int)books.n)) != 0 ||
	    (rc = cmd_book(&run.book, &run.load, &books)) != 0) {
		output_close(&o, 0);
		strv_release(&books);
		load_release(&run.load);
		return rc;
	}
	strv_release(&books);
	print_init(&run.printer, format, NULL);
	run.printer.csv_raw = csv_raw;
	run.printer.now = now;
	rc = run_plan(&run, &o, argv + optind, argc - optind);
	book_free(run.book);
	load_release(&run.load);
	return rc;
}
