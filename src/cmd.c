#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "file.h"
#include "library.h"
#include "load.h"
#include "tree.h"
#include "version.h"
#include "xalloc.h"

/* Each command's synopsis and help, as prolo(1) gives them. */
static const struct help {
	const char	*name;
	const char	*synopsis;
	const char	*text;
} helps[] = {
	{ "plan",
	  "prolo plan [-f text|csv|json|ics|html] [-o file] "
	  "[--protocols dir]\n                  [--clinic file] [--lang code] "
	  "[--csv-raw] file ...\n",
	  "Plans a prolotherapy course for each patient file and prints a "
	  "handout\n(text, html), CSV rows, JSON or an iCalendar file.\n\n"
	  "  -f, --format FORMAT  text (default), csv, json, ics or html\n"
	  "  -o, --output FILE    write FILE (mode 0600, whole or not at "
	  "all)\n"
	  "      --protocols DIR  protocol library folder\n"
	  "      --clinic FILE    the clinic file (default clinic.yaml)\n"
	  "      --lang CODE      the handout's language: en (default), es\n"
	  "      --csv-raw        do not guard CSV cells against spreadsheet "
	  "formulas\n"
	  "  -h, --help           show this help\n\n"
	  "A file of - reads standard input.\n" },
	{ "check",
	  "prolo check [--clinic file] [--protocols dir] file ...\n",
	  "Validates patient, protocol, clinic, care and drug-class files "
	  "without\nplanning: silent when all are valid.  A patient file is "
	  "checked as plan\nwould read it, against the clinic.\n\n"
	  "      --clinic FILE    the clinic file (default clinic.yaml)\n"
	  "      --protocols DIR  protocol library folder\n"
	  "  -h, --help           show this help\n" },
	{ "protocols",
	  "prolo protocols [--protocols dir] [show id]\n",
	  "Lists the protocol library, or shows one protocol in full.\n\n"
	  "      --protocols DIR  protocol library folder\n"
	  "  -h, --help           show this help\n" },
};

#define NHELPS	(sizeof(helps) / sizeof(*helps))

/*
 * Prints the synopsis of one command (name) or of all (NULL); with
 * full, the help text too.  Returns status, for "return cmd_usage()".
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
		fputs("\nCommands: plan, check, protocols; "
		    "'prolo COMMAND -h' describes one.\n"
		    "Exit status: 0 done, 1 no plan fits the rules, 64 usage, "
		    "65 invalid data,\n66 cannot read input, 73 cannot create "
		    "output, 74 write error.\n", fp);
		return status;
	}
	for (i = 0; i < NHELPS; i++)
		if (strcmp(name, helps[i].name) == 0)
			fprintf(fp, "\n%s", helps[i].text);
	return status;
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
	if (err != 0)
		fprintf(stderr, "prolo: %s: %s\n", d->file, file_strerror(err));
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
	if ((l->clinic = load_clinic(path, l->drugs, &d, &err)) == NULL &&
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
 * A file named on the command line ("-" for standard input): 0 with its
 * text, or the exit status after a message.  A file that cannot be read
 * is 66; one too large to be a data file is invalid data, 65.
 */
int
cmd_read(const char *file, char **buf, size_t *len)
{
	struct diag d = { 0 };
	int err;

	if ((err = file_read(file, TREE_MAX_BYTES, buf, len)) == 0)
		return 0;
	if (err != EFBIG) {
		fprintf(stderr, "prolo: %s: %s\n", file, file_strerror(err));
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

static int
env_epoch(const char *s, long long *out)
{
	char *end;


	*out = strtoll(s, &end, 10);
	return *s == '\0' || *end != '\0' || *out < 0 ? -1 : 0;
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
		    "number of seconds, not '%.40s'", env);
	if ((env = getenv("PROLO_TODAY")) != NULL && *env != '\0') {
		if (date_parse(env, strlen(env), today) != DATE_OK)
			return cmd_usage_error(NULL, "PROLO_TODAY must be a "
			    "date written YYYY-MM-DD, not '%.40s'", env);
		if (!epoch)
			*now = (long long)*today * 86400;
		return 0;
	}
	if (localtime_r(&t, &tm) == NULL)
		return cmd_usage_error(NULL, "cannot read the clock");
	*today = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}
