#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd.h"
#include "diag.h"
#include "handout.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "schema.h"
#include "strv.h"
#include "xalloc.h"

/*
 * prolo plan: load -> schedule -> print for each patient file, into one
 * output.  Every valid file is planned (cmd_run_files()); the status is
 * the first failure's.
 */

/*
 * What plans are printed through: the printer, and the protocols whose
 * texts lacking a handout's language were told of, as "path\nlang".
 */
struct plan_out {
	struct printer	 pr;
	struct strv	 told;
};

/*
 * The texts of a plan's protocol that lack its handout's language, on
 * standard error: once a run for each protocol and language, as a
 * census has many patients of one protocol.
 */
static void
tell_missing(struct plan_out *po, const struct plan *pl)
{
	struct diag d = { 0 };
	const char *lang;
	char *key;
	size_t i;

	if (!po->pr.format->handout || (lang = handout_lang(pl)) == NULL)
		return;
	key = xasprintf("%s\n%s", pl->protocol->path, lang);
	for (i = 0; i < po->told.n; i++)
		if (strcmp(po->told.v[i], key) == 0) {
			free(key);
			return;
		}
	strv_take(&po->told, key);
	for (i = 0; protocol_lang_missing(pl->protocol, lang, i, &d) >= 0;
	    i++)
		if (d.code != D_NONE) {
			diag_print(stderr, &d);
			diag_release(&d);
		}
}

/* Each plan is printed as it is made, in the order of the files. */
static void
plan_print(struct cmd_run *run, const struct plan *pl)
{
	struct plan_out *po = run->arg;

	tell_missing(po, pl);
	print_plan(&po->pr, pl);
}

/* Plans every file into the output: see cmd_run_end() for what is kept. */
static int
run_plan(struct cmd_run *run, struct plan_out *po)
{
	int rc;

	if ((rc = cmd_run_start(run)) != 0)
		return rc;
	po->pr.fp = run->out.fp;
	run->planned = plan_print;
	run->arg = po;
	print_begin(&po->pr);
	cmd_run_files(run);
	print_end(&po->pr);
	rc = cmd_run_end(run);
	strv_release(&po->told);
	return rc;
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
		OPERANDS_OPTIONS,
		{ NULL,		0,			NULL, 0 }
	};
	const struct format *format = &format_text;
	struct cmd_inputs in;
	struct cmd_run run;
	struct plan_out po;
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
	memset(&po, 0, sizeof(po));
	print_init(&po.pr, format, NULL);
	po.pr.csv_raw = csv_raw;
	po.pr.now = run.now;
	return run_plan(&run, &po);
}
