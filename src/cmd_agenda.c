#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "agenda.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "print_agenda.h"
#include "strv.h"

/*
 * prolo agenda: the front desk's list, day by day, of the visits to
 * come of the given patients in a range of days.  The patients are
 * planned exactly as prolo plan plans them (cmd_run_files()): in the
 * order given, sharing one book, with the same warnings and statuses;
 * the agenda is printed once all are planned, since a later patient's
 * visit may come first.
 */

#define AGENDA_DAYS	7	/* the default range: today and 6 more */

static void
agenda_planned(struct cmd_run *run, const struct plan *pl)
{
	agenda_add(run->arg, pl);
}

/* A date of --from or --to into *day; 64 after a message if it is none. */
static int
range_date(const char *opt, const char *arg, int *day)
{
	char q[128];

	if (date_parse(arg, strlen(arg), day) == DATE_OK)
		return 0;
	return cmd_usage_error("agenda", "%s takes a date from %d-01-01 to "
	    "%d-12-31 written YYYY-MM-DD, not %s", opt, DATE_MIN_YEAR,
	    DATE_MAX_YEAR, diag_quote(q, sizeof(q), arg, strlen(arg)));
}

/*
 * The range: --from (else today) to --to (else the 6 days after the
 * first), both included.  One that ends before it begins is a usage
 * error rather than an empty agenda, which the desk could take for a
 * free week.
 */
static int
range_set(struct agenda *a, int today, const int *from, const int *to)
{
	char f[DATE_LEN + 1], t[DATE_LEN + 1];

	a->from = from != NULL ? *from : today;
	a->to = to != NULL ? *to : a->from + AGENDA_DAYS - 1;
	if (a->to >= a->from)
		return 0;
	date_format(a->from, f);
	date_format(a->to, t);
	return cmd_usage_error("agenda", "--to %s is before the first day of "
	    "the agenda, %s%s", t, f, from != NULL ? "" : " (today)");
}

/* Plans every file, then prints the agenda: see cmd_run_end(). */
static int
run_agenda(struct cmd_run *run, struct agenda *a,
    const struct agenda_format *format)
{
	int rc;

	if ((rc = cmd_run_start(run)) != 0)
		return rc;
	a->clinic = run->load.clinic;
	run->planned = agenda_planned;
	run->arg = a;
	cmd_run_files(run);
	agenda_sort(a);
	print_agenda(a, format, run->out.fp, run->now);
	agenda_release(a);
	return cmd_run_end(run);
}

int
cmd_agenda(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "book",	required_argument,	NULL, 'B' },
		{ "clinic",	required_argument,	NULL, 'C' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "from",	required_argument,	NULL, 'F' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "protocols",	required_argument,	NULL, 'P' },
		{ "to",		required_argument,	NULL, 'T' },
		OPERANDS_OPTIONS,
		{ NULL,		0,			NULL, 0 }
	};
	const struct agenda_format *format = &agenda_text;
	struct cmd_inputs in;
	struct cmd_run run;
	struct agenda a;
	char q[128];
	int ch, rc, from, to, has_from = 0, has_to = 0;

	memset(&in, 0, sizeof(in));
	memset(&run, 0, sizeof(run));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:ho:", opts, NULL)) != -1) {
		if (cmd_run_option(&in, ch, optarg))
			continue;
		rc = 0;
		switch (ch) {
		case 'f':
			if ((format = print_agenda_find(optarg)) == NULL)
				rc = cmd_usage_error("agenda", "unknown format "
				    "%s (use %s)", diag_quote(q, sizeof(q),
				    optarg, strlen(optarg)),
				    print_agenda_names());
			break;
		case 'F':
			rc = range_date("--from", optarg, &from);
			has_from = 1;
			break;
		case 'T':
			rc = range_date("--to", optarg, &to);
			has_to = 1;
			break;
		case 'h':
			strv_release(&in.books);
			return cmd_usage(stdout, "agenda", 0);
		default:
			rc = cmd_usage(stderr, "agenda", EX_USAGE);
			break;
		}
		if (rc != 0) {
			strv_release(&in.books);
			return rc;
		}
	}
	agenda_init(&a, 0, 0, NULL);
	if ((rc = cmd_run_operands(&run, "agenda", &in, argv + optind,
	    argc - optind)) != 0)
		return rc;
	if ((rc = range_set(&a, run.today, has_from ? &from : NULL,
	    has_to ? &to : NULL)) != 0) {
		operands_close(&run.files);
		strv_release(&in.books);
		return rc;
	}
	if ((rc = cmd_run_open(&run, "agenda", &in, argv + optind,
	    argc - optind)) != 0)
		return rc;
	return run_agenda(&run, &a, format);
}
