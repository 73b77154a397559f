#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cmd.h"
#include "diag.h"
#include "print.h"
#include "schema.h"
#include "strv.h"

/*
 * prolo plan: load -> schedule -> print for each patient file, into one
 * output.  Every valid file is planned (cmd_run_file()); the status is
 * the first failure's.
 */

/* Each plan is printed as it is made, in the order of the files. */
static void
plan_print(struct cmd_run *run, const struct plan *pl)
{
	print_plan(run->arg, pl);
}

/* Plans every file into the output: see cmd_run_end() for what is kept. */
static int
run_plan(struct cmd_run *run, struct printer *pr, char **files, int nfiles)
{
	int i, rc;

	if ((rc = cmd_run_start(run)) != 0)
		return rc;
	pr->fp = run->out.fp;
	run->planned = plan_print;
	run->arg = pr;
	print_begin(pr);
	for (i = 0; i < nfiles; i++)
		cmd_run_file(run, files[i]);
	print_end(pr);
	return cmd_run_end(run);
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
	struct cmd_inputs in;
	struct cmd_run run;
	struct printer pr;
	char q[128];
	int ch, rc, csv_raw = 0;

	memset(&in, 0, sizeof(in));
	memset(&run, 0, sizeof(run));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:ho:", opts, NULL)) != -1) {
		if (cmd_run_option(&in, ch, optarg))
			continue;
		rc = 0;
		switch (ch) {
		case 'f':
			if ((format = format_find(optarg)) == NULL)
				rc = cmd_usage_error("plan", "unknown format "
				    "%s (use %s)", diag_quote(q, sizeof(q),
				    optarg, strlen(optarg)), format_names());
			break;
		case 'h':
			strv_release(&in.books);
			return cmd_usage(stdout, "plan", 0);
		case 'L':
			if (!schema_lang_valid(optarg))
				rc = cmd_usage_error("plan", "--lang takes a "
				    "two-letter code such as en or es, not %s",
				    diag_quote(q, sizeof(q), optarg,
				    strlen(optarg)));
			in.lang = optarg;
			break;
		case 'R':
			csv_raw = 1;
			break;
		default:
			rc = cmd_usage(stderr, "plan", EX_USAGE);
			break;
		}
		if (rc != 0) {
			strv_release(&in.books);
			return rc;
		}
	}
	if ((rc = cmd_run_begin(&run, "plan", &in, argv + optind,
	    argc - optind)) != 0)
		return rc;
	print_init(&pr, format, NULL);
	pr.csv_raw = csv_raw;
	pr.now = run.now;
	return run_plan(&run, &pr, argv + optind, argc - optind);
}
