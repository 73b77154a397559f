#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "care.h"
#include "clinic.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "drugs.h"
#include "file.h"
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
	  "prolo check [--protocols dir] file ...\n",
	  "Validates patient, protocol, clinic, care and drug-class files "
	  "without\nplanning: silent when all are valid.\n\n"
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

/*
 * Reads a data file and hands its text to a loader: the result, or NULL
 * after a message on standard error.  *err is the read's errno, 0 once
 * read.  A missing file is silent when missing_ok is set, for files
 * that may be absent.
 */
static void *
load_data(const char *path,
    void *(*load)(const char *, const char *, size_t, struct diag *),
    int missing_ok, int *err)
{
	struct diag d = { 0 };
	char *buf;
	size_t len;
	void *v;

	if ((*err = file_read(path, TREE_MAX_BYTES, &buf, &len)) != 0) {
		if (!missing_ok || *err != ENOENT)
			fprintf(stderr, "prolo: %s: %s\n", path,
			    strerror(*err));
		return NULL;
	}
	if ((v = load(path, buf, len, &d)) == NULL)
		diag_print(stderr, &d);
	free(buf);
	diag_release(&d);
	return v;
}

/* The loaders, as load_data() calls them. */
static void *
care_loader(const char *p, const char *b, size_t n, struct diag *d)
{
	return care_load(p, b, n, d);
}

static void *
clinic_loader(const char *p, const char *b, size_t n, struct diag *d)
{
	return clinic_load(p, b, n, d);
}

static void *
drugs_loader(const char *p, const char *b, size_t n, struct diag *d)
{
	return drugs_load(p, b, n, d);
}

/*
 * The handout's words in a language, from the data folder: care.yaml
 * for English (lang NULL or "en"), care.LANG.yaml for the others.  NULL
 * after a message; quiet, when the file does not exist, leaves the
 * message to the caller.
 */
struct care *
cmd_load_care(const char *lang, int quiet)
{
	struct care *care;
	char *path;
	int err;

	path = lang == NULL || strcmp(lang, "en") == 0 ?
	    xasprintf("%s/care.yaml", prolo_datadir) :
	    xasprintf("%s/care.%s.yaml", prolo_datadir, lang);
	care = load_data(path, care_loader, quiet, &err);
	free(path);
	return care;
}

/*
 * The clinic: --clinic FILE, else PROLO_CLINIC, else clinic.yaml in the
 * data folder.  A clinic named by the user must be readable (66) and
 * valid (65); without one, and with no clinic.yaml, there is no clinic:
 * NULL with *status 0.
 */
struct clinic *
cmd_load_clinic(const char *opt, int *status)
{
	struct clinic *c;
	const char *env;
	char *path;
	int err, named;

	env = getenv("PROLO_CLINIC");
	named = opt != NULL || (env != NULL && *env != '\0');
	path = opt ? xstrdup(opt) : named ? xstrdup(env) :
	    xasprintf("%s/clinic.yaml", prolo_datadir);
	c = load_data(path, clinic_loader, !named, &err);
	*status = c != NULL || (err == ENOENT && !named) ? 0 :
	    err != 0 ? EX_NOINPUT : EX_DATAERR;
	free(path);
	return c;
}

/* The drug classes, from drugs.yaml in the data folder; NULL after a message. */
struct drugs *
cmd_load_drugs(void)
{
	struct drugs *dr;
	char *path;
	int err;

	path = xasprintf("%s/drugs.yaml", prolo_datadir);
	dr = load_data(path, drugs_loader, 0, &err);
	free(path);
	return dr;
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

	t = time(NULL);
	*now = (long long)t;
	if ((env = getenv("SOURCE_DATE_EPOCH")) != NULL && *env != '\0' &&
	    env_epoch(env, now) != 0)
		return cmd_usage_error(NULL, "SOURCE_DATE_EPOCH must be a "
		    "number of seconds, not '%.40s'", env);
	if ((env = getenv("PROLO_TODAY")) != NULL && *env != '\0') {
		if (date_parse(env, strlen(env), today) != DATE_OK)
			return cmd_usage_error(NULL, "PROLO_TODAY must be a "
			    "date written YYYY-MM-DD, not '%.40s'", env);
		if (getenv("SOURCE_DATE_EPOCH") == NULL)
			*now = (long long)*today * 86400;
		return 0;
	}
	if (localtime_r(&t, &tm) == NULL)
		return cmd_usage_error(NULL, "cannot read the clock");
	*today = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}
