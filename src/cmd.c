#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "book.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "explain.h"
#include "file.h"
#include "library.h"
#include "load.h"
#include "operands.h"
#include "output.h"
#include "patient.h"
#include "plan.h"
#include "strv.h"
#include "tree.h"
#include "version.h"
#include "xalloc.h"

/* What the commands that read files say of them (operands.h). */
#define FILES_HELP \
	"      --files-from LIST\n" \
	"                       the files named in LIST, one a line\n" \
	"      --files0-from LIST\n" \
	"                       the files named in LIST, each ended by a NUL " \
	"byte\n                       (find -print0)\n"
#define FILES_TEXT \
	"A file of - reads standard input, once.  A folder gives every *.yaml "\
	"and *.yml\nbeneath it, in byte order of their paths, skipping names "\
	"that begin with a dot;\nlinks inside it are not followed.  A list "\
	"of - is read from standard input.\n"

/* Each command's synopsis and help, as prolo(1) gives them. */
static const struct help {
	const char	*name;
	const char	*synopsis;
	const char	*text;
} helps[] = {
	{ "plan",
	  "prolo plan [-f text|csv|json|ics|html] [-o file] "
	  "[--protocols dir]\n                  [--clinic file] [--book file] "
	  "[--lang code] [--csv-raw]\n                 " " file ... | --files-from list | --files0-from list\n",
	  "Plans a prolotherapy course for each patient file and prints a "
	  "handout\n(text, html), CSV rows, JSON or an iCalendar file.\n\n"
	  "  -f, --format FORMAT  text (default), csv, json, ics or html\n"
	  "  -o, --output FILE    write FILE (mode 0600, whole or not at "
	  "all)\n"
	  "      --protocols DIR  protocol library folder\n"
	  "      --clinic FILE    the clinic file (default clinic.yaml)\n"
	  "      --book FILE      the clinic's appointments (CSV or "
	  "iCalendar); repeatable\n"
	  "      --lang CODE      the handout's language: en (default), es\n"
	  "      --csv-raw        do not guard CSV cells against spreadsheet "
	  "formulas\n"
	  FILES_HELP
	  "  -h, --help           show this help\n\n"
	  FILES_TEXT },
	{ "agenda",
	  "prolo agenda [-f text|csv|html|ics] [-o file] [--from date] "
	  "[--to date]\n                    [--book file] [--clinic file] "
	  "[--protocols dir]\n                   " " file ... | --files-from list | --files0-from list\n",
	  "Plans each patient file as plan does, in the order given, and "
	  "lists their\nbooked and planned visits day by day for the front "
	  "desk: time, patient,\nprotocol, visit k of n, sites, and what to "
	  "watch for (an allergy to the\nsolution, a blood thinner, rule "
	  "warnings, pauses already under way).\n\n"
	  "  -f, --format FORMAT  text (default), csv, html or ics (names "
	  "patients:\n                       the clinic's own calendar, not "
	  "for patients)\n"
	  "  -o, --output FILE    write FILE (mode 0600, whole or not at "
	  "all)\n"
	  "      --from DATE      the first day, YYYY-MM-DD (default today)\n"
	  "      --to DATE        the last day (default 6 days after the "
	  "first)\n"
	  "      --book FILE      appointments the clinic already has (CSV; "
	  "repeatable)\n"
	  "      --clinic FILE    the clinic file (default clinic.yaml)\n"
	  "      --protocols DIR  protocol library folder\n"
	  FILES_HELP
	  "  -h, --help           show this help\n\n"
	  FILES_TEXT },
	{ "prep",
	  "prolo prep [-f text|json] [-o file] [--date date] [--book file]\n"
	  "                  [--clinic file] [--protocols dir]\n                 " " file ... | --files-from list | --files0-from list\n",
	  "Plans each patient file as plan does and prints, for each visit to "
	  "come (or\neach on --date), how to make up the protocol's solution "
	  "from the clinic's\nstock (stock: in the clinic file): the mL of "
	  "each stock and of diluent, in\n0.1 mL steps, each strength within "
	  "2% of the protocol's.  Patients are\nnamed by their id only.\n\n"
	  "  -f, --format FORMAT  text (default) or json\n"
	  "  -o, --output FILE    write FILE (mode 0600, whole or not at "
	  "all)\n"
	  "      --date DATE      only the visits on DATE, YYYY-MM-DD\n"
	  "      --book FILE      the clinic's appointments (CSV or "
	  "iCalendar); repeatable\n"
	  "      --clinic FILE    the clinic file (default clinic.yaml)\n"
	  "      --protocols DIR  protocol library folder\n"
	  FILES_HELP
	  "  -h, --help           show this help\n\n"
	  FILES_TEXT },
	{ "check",
	  "prolo check [--clinic file] [--protocols dir]\n                  " " file ... | --files-from list | --files0-from list\n",
	  "Validates patient, protocol, clinic, care and drug-class files "
	  "without\nplanning.  A patient file is checked as plan would read "
	  "it, against the\nclinic; conditions and allergies nothing "
	  "recognises are warned of.\n\n"
	  "      --clinic FILE    the clinic file (default clinic.yaml)\n"
	  "      --protocols DIR  protocol library folder\n"
	  FILES_HELP
	  "  -h, --help           show this help\n\n"
	  FILES_TEXT },
	{ "protocols",
	  "prolo protocols [--protocols dir] [show id]\n",
	  "Lists the protocol library, or shows one protocol in full.\n\n"
	  "      --protocols DIR  protocol library folder\n"
	  "  -h, --help           show this help\n" },
};

#define NHELPS	(sizeof(helps) / sizeof(*helps))

/*
 * Standard output flushed, and 0; or 74 with a message, for output that
 * did not all reach its file ("prolo -h > /dev/full").
 */
int
cmd_flush(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, "prolo: write error: %s\n", strerror(errno));
	return EX_IOERR;
}

/*
 * Prints the synopsis of one command (name) or of all (NULL); with
 * status 0 (help asked for), the help text too, on standard output.
 * Returns status, for "return cmd_usage()", or 74 when the help could
 * not be written.
 */
int
cmd_usage(FILE *fp, const char *name, int status)
{
	size_t i;
	int first = 1;

	if (name == NULL)
		fputs("usage: prolo [-hV] command [argument ...]\n", fp);
	for (i = 0; i < NHELPS; i++) {
		if (name != NULL && strcmp(name, helps[i].name) != 0)
			continue;
		fprintf(fp, "%s%s", first ? (name ? "usage: " : "       ") :
		    "       ", helps[i].synopsis);
		first = 0;
	}
	if (status != 0)
		return status;
	if (name == NULL) {
		fputs("\nCommands: plan, agenda, prep, check, protocols; "
		    "'prolo COMMAND -h'\ndescribes one.\n"
		    "Exit status: 0 done, 1 no plan fits the rules, 64 usage, "
		    "65 invalid data,\n66 cannot read input, 73 cannot create "
		    "output, 74 write error.\n", fp);
	} else
		for (i = 0; i < NHELPS; i++)
			if (strcmp(name, helps[i].name) == 0)
				fprintf(fp, "\n%s", helps[i].text);
	return fp == stdout ? cmd_flush() : status;
}

/* "prolo: message" and the command's synopsis on stderr; returns 64. */
int
cmd_usage_error(const char *name, const char *fmt, ...)
{
	va_list ap;

	fputs("prolo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cmd_usage(stderr, name, EX_USAGE);
	return EX_USAGE;
}

/* A data file that failed to load: why, from its errno or its diag. */
static void
report_data(const struct diag *d, int err)
{
	char name[DIAG_NAME_MAX];

	if (err != 0)
		fprintf(stderr, "prolo: %s: %s\n",
		    diag_name(name, sizeof(name), d->file), file_strerror(err));
	else
		diag_print(stderr, d);
}

/*
 * The clinic: --clinic FILE, else PROLO_CLINIC, else clinic.yaml in the
 * data folder.  A clinic named by the user must be readable (66) and
 * valid (65); without one, and with no clinic.yaml, there is no clinic.
 * Returns the exit status.
 */
static int
open_clinic(struct load *l, const char *opt)
{
	struct diag d = { 0 };
	const char *env;
	char *path;
	int err, named, status;

	env = getenv("PROLO_CLINIC");
	named = opt != NULL || (env != NULL && *env != '\0');
	path = opt ? xstrdup(opt) : named ? xstrdup(env) :
	    xasprintf("%s/clinic.yaml", l->datadir);
	status = 0;
	if ((l->clinic = load_clinic(path, l->drugs, l->terms, &d, &err)) == NULL &&
	    (named || err != ENOENT)) {
		report_data(&d, err);
		status = err != 0 ? EX_NOINPUT : EX_DATAERR;
	}
	diag_release(&d);
	free(path);
	return status;
}

/*
 * Everything a command reads before the files it is given: the care
 * text of the run's language (lang, NULL for English), the drug
 * classes, the words prolo knows, the clinic (clinic: --clinic, or
 * NULL) and the protocol library (protodir: --protocols, or NULL).
 * Returns the exit status: a data file that cannot be read (missing,
 * or not a regular file) is 66 like any input, an invalid one 65; on
 * failure the load holds nothing.
 */
int
cmd_open(struct load *l, const char *cmd, const char *protodir,
    const char *clinic, const char *lang, int today)
{
	struct diag d = { 0 };
	char *freeme;
	int err, status;

	memset(l, 0, sizeof(*l));
	l->datadir = prolo_datadir;
	l->lang = lang;
	l->today = today;
	status = 0;
	if ((l->drugs = load_drugs(l->datadir, &d, &err)) == NULL ||
	    (l->terms = load_terms(l->datadir, &d, &err)) == NULL) {
		report_data(&d, err);
		status = err != 0 ? EX_NOINPUT : EX_DATAERR;
	} else if ((l->care = load_care(l->datadir, lang, l->drugs, &d,
	    &err)) == NULL) {
		if (lang != NULL && err == ENOENT)
			status = cmd_usage_error(cmd, "no handout text for "
			    "language '%s' (care.%s.yaml)", lang, lang);
		else {
			report_data(&d, err);
			status = err != 0 ? EX_NOINPUT : EX_DATAERR;
		}
	} else
		status = open_clinic(l, clinic);
	diag_release(&d);
	if (status != 0) {
		load_release(l);
		return status;
	}
	l->library = library_new(cmd_protocols_dir(protodir, &freeme),
	    l->care);
	free(freeme);
	return 0;
}

/*
 * The clinic's appointment book for a run: the files of --book (paths,
 * in order), into a new book that the run's plans are then entered in.
 * A book that cannot be read is 66, an invalid one 65: a plan made
 * without it could double-book, so the run stops before any.  Returns
 * the exit status; *out is set on success only.
 */
int
cmd_book(struct book **out, const struct load *l, const struct strv *paths)
{
	struct diag d = { 0 }, warn = { 0 };
	struct book *b;
	size_t i;
	int err, status = 0;

	b = book_new(l->clinic, l->today);
	if (paths->n > 0)
		book_set_given(b);
	for (i = 0; i < paths->n && status == 0; i++) {
		if (load_book(b, paths->v[i], l->clinic, &d, &warn, &err) != 0) {
			report_data(&d, err);
			status = err != 0 ? EX_NOINPUT : EX_DATAERR;
		} else if (warn.code != D_NONE)
			diag_print(stderr, &warn);
		diag_release(&warn);
		diag_release(&d);
	}
	if (status != 0)
		book_free(b);
	else
		*out = b;
	return status;
}

/*
 * A file to read ("-" for standard input): 0 with its text, CMD_FOLDER
 * when a file named is a folder (operands.h walks it), or the exit
 * status after a message.  listed: a folder's listing found it to be a
 * regular file (file_read_listed()).  A file that cannot be read is 66;
 * one too large to be a data file is invalid data, 65.
 */
int
cmd_read(const char *file, int listed, char **buf, size_t *len)
{
	struct diag d = { 0 };
	char name[DIAG_NAME_MAX];
	int err;

	err = listed ? file_read_listed(file, TREE_MAX_BYTES, buf, len) :
	    file_read(file, TREE_MAX_BYTES, buf, len);
	if (err == 0)
		return 0;
	if (err == EISDIR && !listed && strcmp(file, "-") != 0)
		return CMD_FOLDER;
	if (err != EFBIG) {
		fprintf(stderr, "prolo: %s: %s\n",
		    diag_name(name, sizeof(name), file), file_strerror(err));
		return EX_NOINPUT;
	}
	diag_set(&d, file, 1, 1, D_TOO_LARGE, TREE_MAX_BYTES);
	diag_print(stderr, &d);
	diag_release(&d);
	return EX_DATAERR;
}

/* The protocol folder: the option, else PROLO_PROTOCOLS, else the library. */
const char *
cmd_protocols_dir(const char *opt, char **freep)
{
	const char *env;

	*freep = NULL;
	if (opt != NULL)
		return opt;
	if ((env = getenv("PROLO_PROTOCOLS")) != NULL && *env != '\0')
		return env;
	return *freep = xasprintf("%s/protocols", prolo_datadir);
}

/*
 * The last second a calendar can write, 9999-12-31T23:59:59Z: a later
 * SOURCE_DATE_EPOCH is refused rather than clamped to it.
 */
#define EPOCH_MAX	253402300799LL

/* Seconds since 1970: digits only (no sign, no space), 0 to EPOCH_MAX. */
static int
env_epoch(const char *s, long long *out)
{
	const char *p;

	*out = 0;
	if (*s == '\0')
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' ||
		    *out > (EPOCH_MAX - (*p - '0')) / 10)
			return -1;
		*out = *out * 10 + (*p - '0');
	}
	return 0;
}

/*
 * Today's date and the time now.  PROLO_TODAY fixes the date (tests,
 * reprints) and SOURCE_DATE_EPOCH the time, as reproducible builds do;
 * otherwise both come from the clock, the date in local time.
 */
int
cmd_today(int *today, long long *now)
{
	const char *env;
	struct tm tm;
	time_t t;
	char q[128];
	int epoch;

	t = time(NULL);
	*now = (long long)t;
	/*
	 * An empty variable counts as unset, for both, so that an empty
	 * SOURCE_DATE_EPOCH cannot swap the midnight of PROLO_TODAY for
	 * the clock.
	 */
	env = getenv("SOURCE_DATE_EPOCH");
	epoch = env != NULL && *env != '\0';
	if (epoch && env_epoch(env, now) != 0)
		return cmd_usage_error(NULL, "SOURCE_DATE_EPOCH must be a "
		    "number of seconds from 0 to %lld (9999-12-31), not %s",
		    EPOCH_MAX, diag_quote(q, sizeof(q), env, strlen(env)));
	if ((env = getenv("PROLO_TODAY")) != NULL && *env != '\0') {
		if (date_parse(env, strlen(env), today) != DATE_OK)
			return cmd_usage_error(NULL, "PROLO_TODAY must be a "
			    "date from %d-01-01 to %d-12-31 written YYYY-MM-DD, "
			    "not %s", DATE_MIN_YEAR, DATE_MAX_YEAR,
			    diag_quote(q, sizeof(q), env, strlen(env)));
		if (!epoch)
			*now = (long long)*today * 86400;
		return 0;
	}
	if (localtime_r(&t, &tm) == NULL)
		return cmd_usage_error(NULL, "cannot read the clock");
	*today = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

/*
 * The options of a planning run: 1 when ch (getopt_long's answer) is
 * one of them, taken into in, else 0 for the command to handle.  The
 * letters are the same in every command's table: o (-o, --output),
 * B (--book), C (--clinic) and P (--protocols), and OPERANDS_OPTIONS.
 */
int
cmd_run_option(struct cmd_inputs *in, int ch, const char *arg)
{
	switch (ch) {
	case 'o':
		in->outpath = arg;
		return 1;
	case 'B':
		strv_push(&in->books, arg);
		return 1;
	case 'C':
		in->clinic = arg;
		return 1;
	case 'P':
		in->protodir = arg;
		return 1;
	default:
		return operands_option(&in->files, ch, arg);
	}
}

/*
 * After a command's options: the files it is given (operands.h: files,
 * n, or a list) checked, and today set.  On failure the books of in are
 * released.  Returns the exit status.
 */
int
cmd_run_operands(struct cmd_run *run, const char *cmd, struct cmd_inputs *in,
    char **files, int n)
{
	int rc;

	run->files = in->files;
	if ((rc = operands_open(&run->files, "patient file", files, n)) != 0) {
		if (rc == EX_USAGE)
			cmd_usage(stderr, cmd, rc);
		strv_release(&in->books);
	}
	else if ((rc = cmd_today(&run->today, &run->now)) != 0) {
		operands_close(&run->files);
		strv_release(&in->books);
	}
	return rc;
}

/* cmd_run_operands(), then cmd_run_open(). */
int
cmd_run_begin(struct cmd_run *run, const char *cmd, struct cmd_inputs *in,
    char **files, int n)
{
	int rc;

	if ((rc = cmd_run_operands(run, cmd, in, files, n)) != 0)
		return rc;
	return cmd_run_open(run, cmd, in, files, n);
}

/*
 * The output is none of the files known before planning: the operands
 * (files, n) and the list; a file found in a folder or named by the
 * list is refused when read (output.h).
 */
static int
check_output(struct cmd_run *run, struct cmd_inputs *in, char **files,
    int n)
{
	char *list[1];
	int rc;

	if ((rc = output_check(&run->out, &run->load, files, n)) != 0 ||
	    (rc = output_check(&run->out, &run->load, in->books.v,
	    (int)in->books.n)) != 0)
		return rc;
	if (run->files.list == NULL || strcmp(run->files.list, "-") == 0)
		return 0;
	list[0] = (char *)run->files.list;
	return output_check(&run->out, &run->load, list, 1);
}

/*
 * Everything a run reads before its files (files, n: the operands),
 * for the command cmd, after cmd_run_operands().  The book is an input
 * too: writing over it would lose it.  The books of in are released.
 * Returns the exit status; on failure the run holds nothing.
 */
int
cmd_run_open(struct cmd_run *run, const char *cmd, struct cmd_inputs *in,
    char **files, int n)
{
	int rc;

	if ((rc = cmd_open(&run->load, cmd, in->protodir, in->clinic,
	    in->lang, run->today)) != 0) {
		operands_close(&run->files);
		strv_release(&in->books);
		return rc;
	}
	if ((rc = output_init(&run->out, in->outpath)) != 0 ||
	    (rc = check_output(run, in, files, n)) != 0 ||
	    (rc = cmd_book(&run->book, &run->load, &in->books)) != 0) {
		output_close(&run->out, 0);
		load_release(&run->load);
		operands_close(&run->files);
	}
	strv_release(&in->books);
	return rc;
}

static void
run_release(struct cmd_run *run)
{
	book_free(run->book);
	run->book = NULL;
	load_release(&run->load);
	operands_close(&run->files);
}

/* Opens the output; on failure the run is released, and the status returned. */
int
cmd_run_start(struct cmd_run *run)
{
	int rc;

	if ((rc = output_open(&run->out)) != 0) {
		output_close(&run->out, 0);
		run_release(run);
	}
	return rc;
}

static void
run_fail(struct cmd_run *run, int status)
{
	if (run->status == 0)
		run->status = status;
	if (status != EX_NOPLAN)
		run->broken = 1;
}

static void
run_report(struct cmd_run *run, struct diag *d)
{
	diag_print(stderr, d);
	run_fail(run, diag_class(d->code) == DIAG_NOPLAN ? EX_NOPLAN :
	    EX_DATAERR);
}

/*
 * The warnings on standard error, in one write, then the plan to the
 * command: a census warns of nearly every patient, and a write of each
 * warning cost the run more than its words.
 */
static void
run_planned(struct cmd_run *run, const struct plan *pl)
{
	struct diag d = { 0 };
	const struct diag *x;
	char *buf = NULL;
	size_t i, n = 0;

	for (i = 0; i < pl->nwarnings; i++) {
		if (pl->warnings[i].kind == PLAN_W_NOTE)
			continue;	/* notes are for the handout */
		explain_warning(&d, pl, &pl->warnings[i]);
		for (x = &d; x != NULL; x = x->note) {
			buf = xreallocarray(buf, n + DIAG_LINE_MAX, 1);
			n += diag_format(buf + n, x);
		}
	}
	if (n > 0)
		fwrite(buf, 1, n, stderr);
	free(buf);
	diag_release(&d);
	run->planned(run, pl);
}

/*
 * A failure of the command's own (its status, or a message's class),
 * recorded as one of a patient file is: the first failure's status is
 * the run's, and any but no plan leaves an output file as it was.
 */
void
cmd_run_fail(struct cmd_run *run, int status)
{
	run_fail(run, status);
}

void
cmd_run_report(struct cmd_run *run, struct diag *d)
{
	run_report(run, d);
}

/*
 * Plans one patient file, in the book, after the files before it;
 * failures are reported and recorded.  listed: as cmd_read()'s.
 * Returns 1 when the file is a folder, to be walked (operands.h).
 */
static int
run_file(void *arg, const char *file, int listed)
{
	struct cmd_run *run = arg;
	struct sched_out out;
	struct diag d = { 0 };
	struct chart ch;
	struct plan pl;
	enum sched_status st;
	char *buf;
	size_t len;
	int rc;

	if ((rc = cmd_read(file, listed, &buf, &len)) == CMD_FOLDER)
		return 1;
	if (rc != 0) {
		run_fail(run, rc);
		return 0;
	}
	rc = load_patient(&run->load, file, buf, len, &ch, &d);
	free(buf);
	if (rc != 0) {
		run_report(run, &d);
		diag_release(&d);
		return 0;
	}
	ch.book = run->book;
	if ((st = plan_make(&pl, &ch, run->today, &out)) == SCHED_OK) {
		run_planned(run, &pl);
		plan_commit(&pl, run->book);
	} else {
		explain_noplan(&d, &pl, st, &out);
		run_report(run, &d);
	}
	plan_release(&pl);
	patient_free(ch.patient);
	diag_release(&d);
	return 0;
}

static void
run_failed(void *arg, int status)
{
	run_fail(arg, status);
}

/* Plans every file the run is given, in turn. */
void
cmd_run_files(struct cmd_run *run)
{
	operands_each(&run->files, run_file, run_failed, run);
}

/*
 * Ends a run whose output is written, and releases it.  The output file
 * is replaced only by a run that read and planned every file it was
 * given: status 0, or 1 where a patient has no plan, which is an answer
 * about that patient, not a broken run.  After a file that cannot be
 * read or is invalid (66, 65) the new output would silently lack a
 * patient, so the file the clinic already has is left exactly as it
 * was, and none is created; output_close() does the same after a write
 * error or a refused output (74, 73).  A run whose patients all have no
 * plan leaves the output standard output would have had, rather than
 * an earlier one that no longer holds, to be used by mistake.  An
 * output the run tried to read ends the run 73, whatever else failed:
 * the error at a patient's protocol key is its echo.
 */
int
cmd_run_end(struct cmd_run *run)
{
	int rc;

	rc = output_close(&run->out, !run->broken);
	if (run->out.refused)
		run->status = rc;
	else if (rc != 0)
		run_fail(run, rc);
	run_release(run);
	return run->status;
}
