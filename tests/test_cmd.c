#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "care.h"
#include "clinic.h"
#include "cmd.h"
#include "date.h"
#include "file.h"
#include "library.h"
#include "load.h"
#include "strv.h"
#include "tree.h"
#include "version.h"
#include "xalloc.h"

/*
 * The command layer in-process: cmd_plan(), cmd_check() and
 * cmd_protocols() called with argv arrays as main() calls them, and
 * the helpers they share, with standard output and standard error sent
 * to files so that the exit status and the exact first lines of each
 * can be checked.  The environment is pinned as tests/env.inc pins it,
 * and the tests run from the repository root.  In the tables, "@/"
 * stands for the test's temporary directory, in arguments and in the
 * expected lines alike.
 */

#define ARGS_MAX	20
#define CAPTURE_MAX	(64 * 1024 * 1024)

#define JANE		"data/examples/jane-doe.yaml"
#define JANE_WARNING	"data/examples/jane-doe.yaml: warning: allergy " \
			"'lidocaine' matches the protocol's solution '12.5% " \
			"dextrose with 0.5% lidocaine' (its lidocaine)"
#define UNKNOWN_KEY	"tests/cases/err-unknown-key.yaml"
#define UNKNOWN_KEY_MSG	"tests/cases/err-unknown-key.yaml:4:1: error: " \
			"unknown key 'strat' (did you mean 'start'?)"
#define CSV_HEADER	"patient_id,patient_name,protocol,visit,visits,date," \
			"weekday,interval_days,sites,injections,status,time," \
			"review,restart,ended,ended_reason,volume_ml," \
			"lidocaine_mg,lidocaine_mg_per_kg,pain,function," \
			"function_value,function_worst\r"
#define CSV_JANE_1	"MRN-0042,Jane Doe,knee-oa,1,6,2026-11-03,Tue,,left " \
			"knee; right knee,2,done,,,,,,30,150,2.21,7,WOMAC,48,96\r"
#define NONE_MSG	"prolo: @/none.yaml: No such file or directory"
#define BIG_MSG		"@/big.yaml:1:1: error: file is larger than " \
			"1048576 bytes"
#define KNEE_ID_MSG	"@/broken/knee.yaml:1:5: error: 'id' 'other' does " \
			"not match the file name 'knee'"

#define USAGE_PLAN	"usage: prolo plan [-f text|csv|json|ics|html] " \
			"[-o file] [--protocols dir]"
#define USAGE_CHECK	"usage: prolo check [--clinic file] [--protocols " \
			"dir]"
#define USAGE_FILES	"file ... | --files-from list | --files0-from list"
#define USAGE_CHECK_2	"                   " USAGE_FILES
#define USAGE_PROTOCOLS	"usage: prolo protocols [--protocols dir] [show id]"
#define USAGE_ALL	"usage: prolo [-hV] command [argument ...]"
#define USAGE_AGENDA	"usage: prolo agenda [-f text|csv|html|ics] [-o " \
			"file] [--from date] [--to date]"
#define USAGE_PREP	"usage: prolo prep [-f text|json] [-o file] [--date " \
			"date] [--book file]"
#define AGENDA_HEADER	"date,weekday,time,patient_id,patient_name," \
			"protocol,visit,visits,sites,status,flags," \
			"volume_ml,lidocaine_mg,lidocaine_mg_per_kg\r"
#define AGENDA_JANE	"2026-12-14,Mon,,MRN-0042,Jane Doe,knee-oa,3,6," \
			"left knee; right knee,planned,allergy to the " \
			"solution: lidocaine; blood thinner: aspirin 81 mg " \
			"daily; should not be taking ibuprofen 400 mg as " \
			"needed since Fri 2026-12-11; should not be taking " \
			"aspirin 81 mg daily since Fri 2026-12-11 (ask the " \
			"prescriber),30,150,2.21\r"

/* A protocol for the test libraries, with the given id. */
#define PROTO(id) \
	"id: " id "\n" \
	"name: Test protocol\n" \
	"solution: 15% dextrose\n" \
	"sites: [knee]\n" \
	"visits: {min: 4, max: 10, default: 5}\n" \
	"injections: {min: 4, max: 30}\n" \
	"interval_days: {min: 14, max: 21, preferred: 21}\n" \
	"max_course_days: 183\n"

/* The columns are as wide as the longest id and name listed. */
#define LIST_HEADER	"ID       NAME           DAYS APART  VISITS"
#define LIST_A		"a        Test protocol  14-21       4-10"
#define BROKEN_HEADER	"ID  NAME           DAYS APART  VISITS"
#define BROKEN_Z	"z   Test protocol  14-21       4-10"

struct ct {
	char		 dir[PATH_MAX];	/* the temporary directory */
	int		 made;		/* dir exists, to be removed */
	struct strv	 paths;		/* names built under it */
	const char	*outpath;	/* where standard output goes */
	const char	*errpath;
	char		*out;		/* what the last run printed */
	size_t		 outlen;
	char		*err;
	size_t		 errlen;
	int		 saved[3];	/* the real stdin, stdout, stderr */
};

/* What tests/env.inc pins, so the caller's shell cannot change a result. */
static void
env_pin(void)
{
	setenv("PROLO_TODAY", "2026-11-27", 1);
	setenv("PROLO_CLINIC", "tests/clinic-open.yaml", 1);
	unsetenv("PROLO_PROTOCOLS");
	unsetenv("SOURCE_DATE_EPOCH");
	unsetenv("PROLO_FAULT_ALLOC");
	unsetenv("PROLO_FAULT_WRITE");
}

/* Sets "NAME=value", or unsets "NAME". */
static void
env_put(const char *assign)
{
	char name[64];
	const char *eq;

	if ((eq = strchr(assign, '=')) == NULL) {
		unsetenv(assign);
		return;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - assign), assign);
	setenv(name, eq + 1, 1);
}

/* Text with each "@/" turned into the temporary directory; NULL stays NULL. */
static const char *
at(struct ct *t, const char *s)
{
	const char *p, *q;
	char *buf, *o;
	size_t n, dl;

	if (s == NULL || strstr(s, "@/") == NULL)
		return s;
	dl = strlen(t->dir);
	for (n = 0, p = s; (p = strstr(p, "@/")) != NULL; p += 2)
		n++;
	buf = xmalloc(strlen(s) + n * dl + 1);
	for (o = buf, p = s; (q = strstr(p, "@/")) != NULL; p = q + 2) {
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		memcpy(o, t->dir, dl);
		o += dl;
		*o++ = '/';
	}
	strcpy(o, p);
	strv_push(&t->paths, buf);
	free(buf);
	return t->paths.v[t->paths.n - 1];
}

/* Writes a file; size, when not 0, then makes it that long. */
static int
put(struct ct *t, const char *name, const char *text, off_t size)
{
	const char *path = at(t, name);
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, fp);
	if (fclose(fp) != 0)
		return -1;
	return size != 0 ? truncate(path, size) : 0;
}

static int
setup(void **state)
{
	const char *tmp;
	struct ct *t;
	int rc;

	env_pin();
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	*state = t;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(t->dir, sizeof(t->dir), "%s/prolo-cmd.XXXXXX", tmp);
	if (mkdtemp(t->dir) == NULL)
		return -1;
	t->made = 1;
	t->outpath = at(t, "@/.stdout");
	t->errpath = at(t, "@/.stderr");
	rc = mkdir(at(t, "@/lib"), 0700) | mkdir(at(t, "@/broken"), 0700) |
	    mkdir(at(t, "@/folder"), 0700) | mkdir(at(t, "@/out"), 0700);
	rc |= put(t, "@/lib/a.yaml", PROTO("a"), 0);
	rc |= put(t, "@/lib/long-id.yaml", PROTO("long-id"), 0);
	/* The broken file comes first, so the good one is listed after it. */
	rc |= put(t, "@/broken/knee.yaml", PROTO("other"), 0);
	rc |= put(t, "@/broken/z.yaml", PROTO("z"), 0);
	rc |= put(t, "@/bad-clinic.yaml", "open: [mon, funday]\n", 0);
	rc |= put(t, "@/class-clinic.yaml", "rules:\n  - {id: x, level: warn, "
	    "if: {class: [nsaid]}, text: {en: X.}}\n", 0);
	rc |= put(t, "@/small.yaml", "patient: x\n", 0);
	rc |= put(t, "@/empty", "", 0);
	rc |= put(t, "@/limit.yaml", "", TREE_MAX_BYTES);
	rc |= put(t, "@/big.yaml", "", TREE_MAX_BYTES + 1);
	rc |= mkfifo(at(t, "@/fifo.yaml"), 0600);
	return rc != 0 ? -1 : 0;
}

static int
remove_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
teardown(void **state)
{
	struct ct *t = *state;
	int rc;

	/* Depth first, and never following a link out of the folder. */
	rc = t->made ? nftw(t->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) :
	    0;
	free(t->out);
	free(t->err);
	strv_release(&t->paths);
	free(t);
	env_pin();
	return rc;
}

/* Puts path on descriptor fd, keeping the old one in *saved. */
static void
redirect(int fd, const char *path, int flags, int *saved)
{
	int nfd;

	if ((nfd = open(path, flags, 0600)) < 0)
		fail_msg("%s: %s", path, strerror(errno));
	if ((*saved = dup(fd)) < 0 || dup2(nfd, fd) < 0)
		fail_msg("%s: %s", path, strerror(errno));
	close(nfd);
}

/*
 * Standard input from in (NULL: /dev/null, so nothing waits on a
 * terminal), standard output and error to files.  What the streams
 * hold is flushed first, so it lands where it was meant to.
 */
static void
capture_begin(struct ct *t, const char *in)
{
	fflush(stdout);
	fflush(stderr);
	redirect(STDIN_FILENO, in ? in : "/dev/null", O_RDONLY, &t->saved[0]);
	redirect(STDOUT_FILENO, t->outpath, O_WRONLY | O_CREAT | O_TRUNC,
	    &t->saved[1]);
	redirect(STDERR_FILENO, t->errpath, O_WRONLY | O_CREAT | O_TRUNC,
	    &t->saved[2]);
}

static void
capture_end(struct ct *t)
{
	int fd;

	fflush(stdout);
	fflush(stderr);
	for (fd = 0; fd < 3; fd++) {
		dup2(t->saved[fd], fd);
		close(t->saved[fd]);
	}
	clearerr(stdin);
	free(t->out);
	free(t->err);
	t->out = t->err = NULL;
	if (file_read(t->outpath, CAPTURE_MAX, &t->out, &t->outlen) != 0 ||
	    file_read(t->errpath, CAPTURE_MAX, &t->err, &t->errlen) != 0)
		fail_msg("cannot read back the output");
}

/* Calls a command as main() does, argv[0] its name; returns its status. */
static int
run(struct ct *t, int (*fn)(int, char **), const char *in,
    const char *const *args)
{
	char *argv[ARGS_MAX + 1];
	int argc, status;

	for (argc = 0; argc < ARGS_MAX && args[argc] != NULL; argc++)
		argv[argc] = (char *)at(t, args[argc]);
	argv[argc] = NULL;
	capture_begin(t, at(t, in));
	status = fn(argc, argv);
	capture_end(t);
	return status;
}

/*
 * Fails case i unless text starts with the lines want (want[1] NULL:
 * only the first is checked), or, when want[0] is NULL, is empty.
 */
static void
expect_lines(struct ct *t, size_t i, const char *what, const char *text,
    size_t len, const char *const *want)
{
	const char *p, *nl, *w, *end = text + len;
	size_t n, k;

	if (want[0] == NULL) {
		if (len != 0)
			fail_msg("case %zu: %s should be empty: %.200s", i,
			    what, text);
		return;
	}
	for (k = 0, p = text; k < 2 && want[k] != NULL; k++) {
		w = at(t, want[k]);
		nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		if (nl == NULL)
			fail_msg("case %zu: %s line %zu missing; want %s", i,
			    what, k + 1, w);
		n = (size_t)(nl - p);
		if (n != strlen(w) || memcmp(p, w, n) != 0)
			fail_msg("case %zu: %s line %zu is\n\t%.*s\nwant\n\t%s",
			    i, what, k + 1, (int)n, p, w);
		p = nl + 1;
	}
}

/*
 * A command run: its arguments (argv[0] the command's name), one
 * variable set or unset first, standard input, and what it must give.
 */
struct run_case {
	int		(*fn)(int, char **);
	const char	*argv[ARGS_MAX];
	const char	*env;		/* "NAME=value" or "NAME"; or NULL */
	const char	*in;		/* NULL: /dev/null */
	int		 status;
	const char	*out[2];	/* first lines; out[0] NULL: nothing */
	const char	*err[2];
};

static void
check_run(struct ct *t, size_t i, const struct run_case *c)
{
	int status;

	if (c->env != NULL)
		env_put(at(t, c->env));
	status = run(t, c->fn, c->in, c->argv);
	env_pin();
	if (status != c->status)
		fail_msg("case %zu (%s %s): status %d, want %d; stderr: %.200s",
		    i, c->argv[0], c->argv[1] ? c->argv[1] : "", status,
		    c->status, t->err);
	expect_lines(t, i, "stdout", t->out, t->outlen, c->out);
	expect_lines(t, i, "stderr", t->err, t->errlen, c->err);
}

static void
check_runs(struct ct *t, const struct run_case *cases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		check_run(t, i, &cases[i]);
}

#define NCASES(a)	(sizeof(a) / sizeof(*(a)))

/*
 * cmd_usage(): the synopsis of one command or of all; with status 0
 * the help text too, which is what -h prints.
 */
static const struct usage_case {
	const char	*name;
	int		 status;
	const char	*starts;
	const char	*has;		/* NULL: nothing more to find */
	const char	*lacks;
	const char	*ends;
} usage_cases[] = {
	{ NULL, 0, USAGE_ALL "\n       prolo plan [-f text|csv|json|ics|html]",
	    "\nCommands: plan, agenda, prep, check, protocols; 'prolo COMMAND "
	    "-h'\ndescribes one.\n", NULL, "Exit status: 0 done, 1 no plan fits the rules, "
	    "64 usage, 65 invalid data,\n66 cannot read input, 73 cannot "
	    "create output, 74 write error.\n" },
	{ NULL, EX_USAGE, USAGE_ALL "\n", "       prolo protocols", "Commands",
	    "[show id]\n" },
	{ "plan", 0, USAGE_PLAN "\n                  [--clinic file] [--book "
	    "file] [--lang code] [--csv-raw]\n                  file ... | --files-from list | --files0-from list\n\n"
	    "Plans a prolotherapy course",
	    "  -o, --output FILE    write FILE (mode 0600, whole or not at "
	    "all)\n", "prolo check", "A list of - is read from standard input.\n" },
	{ "agenda", 0, USAGE_AGENDA "\n                    [--book file] "
	    "[--clinic file] [--protocols dir]\n                    file ... | --files-from list | --files0-from list\n\nPlans each patient "
	    "file as plan does", "      --from DATE      the first day, "
	    "YYYY-MM-DD (default today)\n", "--lang",
	    "A list of - is read from standard input.\n" },
	{ "agenda", EX_USAGE, USAGE_AGENDA "\n", NULL, "Plans",
	    "--files0-from list\n" },
	{ "prep", 0, USAGE_PREP "\n                  [--clinic file] "
	    "[--protocols dir]\n                  file ... | --files-from list | --files0-from list\n\nPlans each patient file as plan "
	    "does", "      --date DATE      only the visits on DATE, "
	    "YYYY-MM-DD\n", "--lang", "A list of - is read from standard input.\n" },
	{ "prep", EX_USAGE, USAGE_PREP "\n", NULL, "Plans",
	    "--files0-from list\n" },
	{ "check", EX_USAGE, USAGE_CHECK "\n" USAGE_CHECK_2 "\n", NULL,
	    "Validates",
	    "--files0-from list\n" },
	{ "check", 0, USAGE_CHECK "\n" USAGE_CHECK_2 "\n\nValidates patient, "
	    "protocol",
	    "      --clinic FILE    the clinic file", "usage: prolo plan",
	    "A list of - is read from standard input.\n" },
	{ "protocols", 0, USAGE_PROTOCOLS "\n\nLists the protocol library",
	    "      --protocols DIR  protocol library folder\n", "--clinic",
	    "show this help\n" },
};

static void
torture_cmd_usage_text(void **state)
{
	const struct usage_case *c;
	size_t i, len, el;
	char *text;
	FILE *fp;
	int rc;

	(void)state;
	for (i = 0; i < NCASES(usage_cases); i++) {
		c = &usage_cases[i];
		text = NULL;
		fp = open_memstream(&text, &len);
		rc = cmd_usage(fp, c->name, c->status);
		fclose(fp);
		el = strlen(c->ends);
		if (rc != c->status)
			fail_msg("case %zu: returned %d", i, rc);
		if (strncmp(text, c->starts, strlen(c->starts)) != 0 ||
		    (c->has != NULL && strstr(text, c->has) == NULL) ||
		    (c->lacks != NULL && strstr(text, c->lacks) != NULL) ||
		    len < el || strcmp(text + len - el, c->ends) != 0)
			fail_msg("case %zu (%s, %d):\n%s", i,
			    c->name ? c->name : "all", c->status, text);
		free(text);
	}
}

/* A usage error: "prolo: " and the message, then the synopsis; 64. */
static void
torture_cmd_usage_error(void **state)
{
	static const char *const want[2] = { "prolo: bad thing 7",
	    USAGE_CHECK };
	struct ct *t = *state;
	int rc;

	capture_begin(t, NULL);
	rc = cmd_usage_error("check", "bad %s %d", "thing", 7);
	capture_end(t);
	assert_int_equal(rc, EX_USAGE);
	assert_int_equal(t->outlen, 0);
	expect_lines(t, 0, "stderr", t->err, t->errlen, want);
	/* The synopsis alone: no help text on a usage error. */
	assert_int_equal(t->errlen, strlen(want[0]) + strlen(want[1]) +
	    strlen(USAGE_CHECK_2) + 3);
}

/* Help on standard output with 0; usage errors on standard error, 64. */
static const struct run_case usage_runs[] = {
	{ cmd_plan, { "prolo plan", "-h" }, NULL, NULL, 0,
	    { USAGE_PLAN, "                  [--clinic file] [--book file] "
	    "[--lang code] [--csv-raw]" }, { NULL } },
	{ cmd_plan, { "prolo plan", "--help", JANE }, NULL, NULL, 0,
	    { USAGE_PLAN }, { NULL } },
	{ cmd_plan, { "prolo plan", "-hf", "csv" }, NULL, NULL, 0,
	    { USAGE_PLAN }, { NULL } },
	{ cmd_check, { "prolo check", "-h" }, NULL, NULL, 0,
	    { USAGE_CHECK, USAGE_CHECK_2 }, { NULL } },
	{ cmd_check, { "prolo check", JANE, "--help" }, NULL, NULL, 0,
	    { USAGE_CHECK }, { NULL } },
	{ cmd_protocols, { "prolo protocols", "--help" }, NULL, NULL, 0,
	    { USAGE_PROTOCOLS, "" }, { NULL } },
	{ cmd_protocols, { "prolo protocols", "-h", "show", "knee-oa" }, NULL,
	    NULL, 0, { USAGE_PROTOCOLS }, { NULL } },
	{ cmd_plan, { "prolo plan", "--bogus", JANE }, NULL, NULL, EX_USAGE,
	    { NULL }, { "prolo plan: unrecognized option '--bogus'",
	    USAGE_PLAN } },
	{ cmd_plan, { "prolo plan", "-x", JANE }, NULL, NULL, EX_USAGE,
	    { NULL }, { "prolo plan: invalid option -- 'x'", USAGE_PLAN } },
	{ cmd_plan, { "prolo plan", JANE, "-f" }, NULL, NULL, EX_USAGE,
	    { NULL }, { "prolo plan: option requires an argument -- 'f'",
	    USAGE_PLAN } },
	{ cmd_plan, { "prolo plan" }, NULL, NULL, EX_USAGE, { NULL },
	    { "prolo: no patient file given", USAGE_PLAN } },
	{ cmd_plan, { "prolo plan", "-f", "csv", "--", }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: no patient file given" } },
	{ cmd_plan, { "prolo plan", "-f", "pdf", JANE }, NULL, NULL, EX_USAGE,
	    { NULL }, { "prolo: unknown format 'pdf' (use text, csv, json, "
	    "ics or html)", USAGE_PLAN } },
	{ cmd_plan, { "prolo plan", "--format=CSV", JANE }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: unknown format 'CSV' (use text, "
	    "csv, json, ics or html)" } },
	{ cmd_plan, { "prolo plan", "--lang", "english", JANE }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: --lang takes a two-letter code "
	    "such as en or es, not 'english'", USAGE_PLAN } },
	{ cmd_plan, { "prolo plan", "--lang", "ES", JANE }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: --lang takes a two-letter code "
	    "such as en or es, not 'ES'" } },
	{ cmd_plan, { "prolo plan", "--lang", "fr", JANE }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: no handout text for language 'fr' "
	    "(care.fr.yaml)", USAGE_PLAN } },
	{ cmd_plan, { "prolo plan", JANE }, "PROLO_TODAY=2026-02-30", NULL,
	    EX_USAGE, { NULL }, { "prolo: PROLO_TODAY must be a date from "
	    "1900-01-01 to 2200-12-31 written YYYY-MM-DD, not '2026-02-30'", USAGE_ALL } },
	{ cmd_agenda, { "prolo agenda", "-h" }, NULL, NULL, 0,
	    { USAGE_AGENDA }, { NULL } },
	{ cmd_agenda, { "prolo agenda", "--book", "x.csv", "--help", JANE },
	    NULL, NULL, 0, { USAGE_AGENDA }, { NULL } },
	{ cmd_agenda, { "prolo agenda" }, NULL, NULL, EX_USAGE, { NULL },
	    { "prolo: no patient file given", USAGE_AGENDA } },
	{ cmd_agenda, { "prolo agenda", "--bogus", JANE }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo agenda: unrecognized option "
	    "'--bogus'", USAGE_AGENDA } },
	{ cmd_agenda, { "prolo agenda", "-f", "json", JANE }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: unknown format 'json' (use text, "
	    "csv, html or ics)", USAGE_AGENDA } },
	{ cmd_agenda, { "prolo agenda", "--book", "x.csv", "--from",
	    "2026-12-32", JANE }, NULL, NULL, EX_USAGE, { NULL },
	    { "prolo: --from takes a date from 1900-01-01 to 2200-12-31 "
	    "written YYYY-MM-DD, not '2026-12-32'", USAGE_AGENDA } },
	{ cmd_agenda, { "prolo agenda", "--to", "next week", JANE }, NULL,
	    NULL, EX_USAGE, { NULL }, { "prolo: --to takes a date from "
	    "1900-01-01 to 2200-12-31 written YYYY-MM-DD, not 'next week'" } },
	{ cmd_agenda, { "prolo agenda", "--from", "2026-12-14", "--to",
	    "2026-12-13", JANE }, NULL, NULL, EX_USAGE, { NULL },
	    { "prolo: --to 2026-12-13 is before the first day of the agenda, "
	    "2026-12-14", USAGE_AGENDA } },
	{ cmd_agenda, { "prolo agenda", "--to", "2026-11-26", JANE }, NULL,
	    NULL, EX_USAGE, { NULL }, { "prolo: --to 2026-11-26 is before the "
	    "first day of the agenda, 2026-11-27 (today)" } },
	{ cmd_prep, { "prolo prep", "-h" }, NULL, NULL, 0,
	    { USAGE_PREP }, { NULL } },
	{ cmd_prep, { "prolo prep", "--book", "x.csv", "--help", JANE },
	    NULL, NULL, 0, { USAGE_PREP }, { NULL } },
	{ cmd_prep, { "prolo prep" }, NULL, NULL, EX_USAGE, { NULL },
	    { "prolo: no patient file given", USAGE_PREP } },
	{ cmd_prep, { "prolo prep", "--from", "2026-12-14", JANE }, NULL,
	    NULL, EX_USAGE, { NULL }, { "prolo prep: unrecognized option "
	    "'--from'", USAGE_PREP } },
	{ cmd_prep, { "prolo prep", "-f", "csv", JANE }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: unknown format 'csv' (use text or "
	    "json)", USAGE_PREP } },
	{ cmd_prep, { "prolo prep", "--book", "x.csv", "--date",
	    "2026-12-32", JANE }, NULL, NULL, EX_USAGE, { NULL },
	    { "prolo: --date takes a date from 1900-01-01 to 2200-12-31 "
	    "written YYYY-MM-DD, not '2026-12-32'", USAGE_PREP } },
	{ cmd_prep, { "prolo prep", "--date", JANE }, NULL, NULL, EX_USAGE,
	    { NULL }, { "prolo: --date takes a date from 1900-01-01 to "
	    "2200-12-31 written YYYY-MM-DD, not 'data/examples/jane-doe.yaml'" } },
	{ cmd_check, { "prolo check" }, NULL, NULL, EX_USAGE, { NULL },
	    { "prolo: no file given", USAGE_CHECK } },
	{ cmd_check, { "prolo check", "--bogus", JANE }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo check: unrecognized option "
	    "'--bogus'", USAGE_CHECK } },
	{ cmd_check, { "prolo check", "-f", "csv", JANE }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo check: invalid option -- 'f'",
	    USAGE_CHECK } },
	{ cmd_protocols, { "prolo protocols", "--bogus" }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo protocols: unrecognized option "
	    "'--bogus'", USAGE_PROTOCOLS } },
	{ cmd_protocols, { "prolo protocols", "show" }, NULL, NULL, EX_USAGE,
	    { NULL }, { "prolo: expected nothing, 'list' or 'show ID'",
	    USAGE_PROTOCOLS } },
	{ cmd_protocols, { "prolo protocols", "list", "knee-oa" }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: expected nothing, 'list' or 'show "
	    "ID'" } },
	{ cmd_protocols, { "prolo protocols", "knee-oa" }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: expected nothing, 'list' or 'show "
	    "ID'" } },
};

static void
torture_cmd_usage_commands(void **state)
{
	check_runs(*state, usage_runs, NCASES(usage_runs));
}

/*
 * cmd_read(): a file named on the command line, or standard input.  A
 * file that cannot be read is 66; one over 1 MiB is invalid data, 65,
 * with a message at its first line; exactly 1 MiB is allowed.  A folder
 * named is CMD_FOLDER, without a message, to be walked; one listed as a
 * file (a race) is 66.  A file listed as regular that is not is 66
 * without waiting: a FIFO would wait for a writer.
 */
static const struct read_case {
	const char	*file;
	int		 regular;
	const char	*in;		/* standard input */
	int		 status;
	size_t		 len;		/* read, when status is 0 */
	const char	*err;		/* the message; NULL: none */
} read_cases[] = {
	{ "@/small.yaml", 0, NULL, 0, 11, NULL },
	{ "@/small.yaml", 1, NULL, 0, 11, NULL },
	{ "@/limit.yaml", 0, NULL, 0, TREE_MAX_BYTES, NULL },
	{ "@/none.yaml", 0, NULL, EX_NOINPUT, 0, NONE_MSG },
	{ "@/none.yaml", 1, NULL, EX_NOINPUT, 0, NONE_MSG },
	{ "@/folder", 0, NULL, CMD_FOLDER, 0, NULL },
	{ "@/folder", 1, NULL, EX_NOINPUT, 0,
	    "prolo: @/folder: Is a directory" },
	{ "@/fifo.yaml", 1, NULL, EX_NOINPUT, 0,
	    "prolo: @/fifo.yaml: not a regular file" },
	{ "@/big.yaml", 0, NULL, EX_DATAERR, 0, BIG_MSG },
	{ "@/big.yaml", 1, NULL, EX_DATAERR, 0, BIG_MSG },
	{ "-", 0, "@/small.yaml", 0, 11, NULL },
	{ "-", 0, "@/empty", 0, 0, NULL },
	{ "-", 0, "@/limit.yaml", 0, TREE_MAX_BYTES, NULL },
	{ "-", 0, "@/big.yaml", EX_DATAERR, 0,
	    "-:1:1: error: file is larger than 1048576 bytes" },
};

static void
torture_cmd_read(void **state)
{
	struct ct *t = *state;
	const struct read_case *c;
	const char *want[2] = { NULL, NULL };
	char *buf;
	size_t i, len;
	int rc;

	for (i = 0; i < NCASES(read_cases); i++) {
		c = &read_cases[i];
		buf = NULL;
		len = 0;
		capture_begin(t, at(t, c->in));
		rc = cmd_read(at(t, c->file), c->regular, &buf, &len);
		capture_end(t);
		if (rc != c->status)
			fail_msg("case %zu (%s): status %d, want %d", i,
			    c->file, rc, c->status);
		if (rc == 0 && (len != c->len || buf[len] != '\0' ||
		    (c->len == 11 && strcmp(buf, "patient: x\n") != 0)))
			fail_msg("case %zu (%s): read %zu bytes", i, c->file,
			    len);
		want[0] = c->err;
		expect_lines(t, i, "stderr", t->err, t->errlen, want);
		assert_int_equal(t->outlen, 0);
		free(buf);
	}
}

/*
 * cmd_today(): PROLO_TODAY fixes the date and, unless
 * SOURCE_DATE_EPOCH is set, the time (its midnight, UTC); otherwise
 * both come from the clock.  An empty variable is unset.  A malformed
 * value is a usage error naming it.
 */
#define NOW_CLOCK	(-1)
#define NOW_MIDNIGHT	(-2)

static const struct today_case {
	const char	*today;		/* PROLO_TODAY; NULL: unset */
	const char	*epoch;		/* SOURCE_DATE_EPOCH */
	int		 status;
	const char	*date;		/* NULL: the clock's */
	long long	 now;		/* or NOW_CLOCK, NOW_MIDNIGHT */
	const char	*err;
} today_cases[] = {
	{ "2026-11-27", NULL, 0, "2026-11-27", NOW_MIDNIGHT, NULL },
	{ "2026-11-27", "1700000000", 0, "2026-11-27", 1700000000, NULL },
	{ "2026-11-27", "0", 0, "2026-11-27", 0, NULL },
	{ "2026-11-27", "", 0, "2026-11-27", NOW_MIDNIGHT, NULL },
	{ "1900-01-01", NULL, 0, "1900-01-01", NOW_MIDNIGHT, NULL },
	{ "", NULL, 0, NULL, NOW_CLOCK, NULL },
	{ NULL, NULL, 0, NULL, NOW_CLOCK, NULL },
	{ NULL, "86400", 0, NULL, 86400, NULL },
#define TODAY_BAD	"prolo: PROLO_TODAY must be a date from 1900-01-01 to " \
			"2200-12-31 written YYYY-MM-DD, not "
#define EPOCH_BAD	"prolo: SOURCE_DATE_EPOCH must be a number of seconds " \
			"from 0 to 253402300799 (9999-12-31), not "
	{ "2026-13-01", NULL, EX_USAGE, NULL, 0, TODAY_BAD "'2026-13-01'" },
	{ "27/11/2026", NULL, EX_USAGE, NULL, 0, TODAY_BAD "'27/11/2026'" },
	{ "2026-11-27 ", NULL, EX_USAGE, NULL, 0, TODAY_BAD "'2026-11-27 '" },
	{ "2026-11-27-2026-11-27-2026-11-27-2026-11-27", NULL, EX_USAGE, NULL,
	    0, TODAY_BAD "'2026-11-27-2026-11-27-2026-11-27-2026-11...'" },
	/* Out of range, and a terminal escape shown, not sent. */
	{ "1899-12-31", NULL, EX_USAGE, NULL, 0, TODAY_BAD "'1899-12-31'" },
	{ "2201-01-01", NULL, EX_USAGE, NULL, 0, TODAY_BAD "'2201-01-01'" },
	{ "2026\x1b[2J", NULL, EX_USAGE, NULL, 0, TODAY_BAD "'2026\\x1b[2J'" },
	{ "2026-11-27", "abc", EX_USAGE, NULL, 0, EPOCH_BAD "'abc'" },
	{ "2026-11-27", "-1", EX_USAGE, NULL, 0, EPOCH_BAD "'-1'" },
	{ NULL, "12x", EX_USAGE, NULL, 0, EPOCH_BAD "'12x'" },
	/* No sign, no space, nothing clamped: the last second is 9999's. */
	{ NULL, "+5", EX_USAGE, NULL, 0, EPOCH_BAD "'+5'" },
	{ NULL, " 5", EX_USAGE, NULL, 0, EPOCH_BAD "' 5'" },
	{ NULL, "253402300800", EX_USAGE, NULL, 0, EPOCH_BAD
	    "'253402300800'" },
	{ NULL, "99999999999999999999", EX_USAGE, NULL, 0, EPOCH_BAD
	    "'99999999999999999999'" },
	{ NULL, "253402300799", 0, NULL, 253402300799LL, NULL },
};

/* The clock's date as cmd_today() reads it: local time. */
static int
local_today(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void
torture_cmd_today(void **state)
{
	struct ct *t = *state;
	const struct today_case *c;
	const char *want[2] = { NULL, USAGE_ALL };
	long long now;
	time_t before, after;
	size_t i;
	int rc, today, date;

	for (i = 0; i < NCASES(today_cases); i++) {
		c = &today_cases[i];
		if (c->today)
			setenv("PROLO_TODAY", c->today, 1);
		else
			unsetenv("PROLO_TODAY");
		if (c->epoch)
			setenv("SOURCE_DATE_EPOCH", c->epoch, 1);
		today = -1;
		now = -1;
		before = time(NULL);
		capture_begin(t, NULL);
		rc = cmd_today(&today, &now);
		capture_end(t);
		after = time(NULL);
		env_pin();
		if (rc != c->status)
			fail_msg("case %zu: status %d, want %d", i, rc,
			    c->status);
		want[0] = c->err;
		expect_lines(t, i, "stderr", t->err, t->errlen, want);
		if (rc != 0)
			continue;
		if (c->date != NULL) {
			assert_int_equal(date_parse(c->date, strlen(c->date),
			    &date), DATE_OK);
			if (today != date)
				fail_msg("case %zu: today %d, want %d", i,
				    today, date);
		} else if (today < local_today(before) ||
		    today > local_today(after))
			fail_msg("case %zu: today %d is not the clock's", i,
			    today);
		if (c->now == NOW_MIDNIGHT ? now != (long long)today * 86400 :
		    c->now == NOW_CLOCK ? now < before || now > after :
		    now != c->now)
			fail_msg("case %zu: now %lld", i, now);
	}
}

/*
 * cmd_open(): the care text, drug classes, clinic and library a
 * command reads first.  A clinic named by --clinic or PROLO_CLINIC
 * must be readable (66) and valid (65); an empty PROLO_CLINIC names
 * none, so the data folder's clinic.yaml is read.  On failure the load
 * holds nothing.
 */
static const struct open_case {
	const char	*clinic;	/* --clinic */
	const char	*env;		/* "NAME=value" first, or NULL */
	const char	*protodir;	/* --protocols */
	const char	*lang;
	int		 status;
	const char	*err[2];
	unsigned	 open_days;	/* of the clinic read */
	const char	*library;	/* NULL: the data folder's */
	const char	*language;	/* of the care text */
} open_cases[] = {
	{ NULL, NULL, NULL, NULL, 0, { NULL }, 0x7f, NULL, "en" },
	{ NULL, "PROLO_CLINIC=", NULL, NULL, 0, { NULL }, 0x1f, NULL, "en" },
	{ "data/clinic.yaml", NULL, NULL, NULL, 0, { NULL }, 0x1f, NULL,
	    "en" },
	{ "@/none.yaml", NULL, NULL, NULL, EX_NOINPUT, { NONE_MSG }, 0, NULL,
	    NULL },
	{ NULL, "PROLO_CLINIC=@/none.yaml", NULL, NULL, EX_NOINPUT,
	    { NONE_MSG }, 0, NULL, NULL },
	{ "@/folder", NULL, NULL, NULL, EX_NOINPUT,
	    { "prolo: @/folder: Is a directory" }, 0, NULL, NULL },
	{ "@/bad-clinic.yaml", NULL, NULL, NULL, EX_DATAERR,
	    { "@/bad-clinic.yaml:1:13: error: unknown weekday 'funday' (use "
	    "mon, tue, wed, thu, fri, sat or sun)" }, 0, NULL, NULL },
	{ NULL, "PROLO_CLINIC=@/bad-clinic.yaml", NULL, NULL, EX_DATAERR,
	    { "@/bad-clinic.yaml:1:13: error: unknown weekday 'funday' (use "
	    "mon, tue, wed, thu, fri, sat or sun)" }, 0, NULL, NULL },
	/* A clinic's rules are checked against the drug classes. */
	{ "@/class-clinic.yaml", NULL, NULL, NULL, EX_DATAERR,
	    { "@/class-clinic.yaml:2:5: error: unknown drug class 'nsaid' "
	    "(did you mean 'nsaids'?)" }, 0, NULL, NULL },
	{ NULL, NULL, "@/lib", NULL, 0, { NULL }, 0x7f, "@/lib", "en" },
	{ NULL, "PROLO_PROTOCOLS=@/broken", NULL, NULL, 0, { NULL }, 0x7f,
	    "@/broken", "en" },
	{ NULL, "PROLO_PROTOCOLS=@/broken", "@/lib", NULL, 0, { NULL }, 0x7f,
	    "@/lib", "en" },
	{ NULL, "PROLO_PROTOCOLS=", NULL, NULL, 0, { NULL }, 0x7f, NULL,
	    "en" },
	{ NULL, NULL, NULL, "es", 0, { NULL }, 0x7f, NULL, "es" },
	{ NULL, NULL, NULL, "en", 0, { NULL }, 0x7f, NULL, "en" },
	{ NULL, NULL, NULL, "fr", EX_USAGE, { "prolo: no handout text for "
	    "language 'fr' (care.fr.yaml)", USAGE_PLAN }, 0, NULL, NULL },
};

static void
torture_cmd_open(void **state)
{
	struct ct *t = *state;
	const struct open_case *c;
	struct load l;
	char *deflib;
	size_t i;
	int rc;

	deflib = xasprintf("%s/protocols", prolo_datadir);
	for (i = 0; i < NCASES(open_cases); i++) {
		c = &open_cases[i];
		if (c->env != NULL)
			env_put(at(t, c->env));
		capture_begin(t, NULL);
		rc = cmd_open(&l, "plan", at(t, c->protodir), at(t, c->clinic),
		    c->lang, date_from_ymd(2026, 11, 27));
		capture_end(t);
		env_pin();
		if (rc != c->status)
			fail_msg("case %zu: status %d, want %d: %.200s", i, rc,
			    c->status, t->err);
		expect_lines(t, i, "stderr", t->err, t->errlen, c->err);
		assert_int_equal(t->outlen, 0);
		if (rc != 0) {
			if (l.care != NULL || l.drugs != NULL ||
			    l.clinic != NULL || l.library != NULL)
				fail_msg("case %zu: the load holds data", i);
			continue;
		}
		if (l.care == NULL || l.drugs == NULL || l.clinic == NULL ||
		    l.library == NULL)
			fail_msg("case %zu: the load lacks data", i);
		if (l.clinic->open_days != c->open_days)
			fail_msg("case %zu: clinic open %#x, want %#x", i,
			    l.clinic->open_days, c->open_days);
		if (strcmp(library_dir(l.library),
		    c->library ? at(t, c->library) : deflib) != 0)
			fail_msg("case %zu: library %s", i,
			    library_dir(l.library));
		if (strcmp(l.care->language, c->language) != 0)
			fail_msg("case %zu: care in %s", i, l.care->language);
		load_release(&l);
	}
	free(deflib);
}

/*
 * The protocol folder: --protocols, else PROLO_PROTOCOLS, else the
 * data folder's, which the caller frees.
 */
static void
torture_cmd_protocols_dir(void **state)
{
	const char *dir;
	char *freeme, *deflib;

	(void)state;
	deflib = xasprintf("%s/protocols", prolo_datadir);
	assert_string_equal(cmd_protocols_dir("opt", &freeme), "opt");
	assert_null(freeme);
	setenv("PROLO_PROTOCOLS", "env", 1);
	assert_string_equal(cmd_protocols_dir("opt", &freeme), "opt");
	assert_string_equal(cmd_protocols_dir(NULL, &freeme), "env");
	assert_null(freeme);
	setenv("PROLO_PROTOCOLS", "", 1);
	assert_string_equal(cmd_protocols_dir(NULL, &freeme), deflib);
	assert_non_null(freeme);
	free(freeme);
	unsetenv("PROLO_PROTOCOLS");
	dir = cmd_protocols_dir(NULL, &freeme);
	assert_string_equal(dir, deflib);
	assert_ptr_equal(dir, freeme);
	free(freeme);
	free(deflib);
}

/*
 * check: silent and 0 when every file is valid; each invalid file's
 * message, and the status of the first failure.
 */
static const struct run_case check_cases[] = {
	{ cmd_check, { "prolo check", JANE }, NULL, NULL, 0, { NULL },
	    { NULL } },
	{ cmd_check, { "prolo check", JANE, "data/examples/low-back.yaml",
	    "data/examples/new-patient.yaml",
	    "data/protocols/achilles-tendinopathy.yaml",
	    "data/protocols/knee-oa.yaml",
	    "data/protocols/lateral-epicondylosis.yaml",
	    "data/protocols/low-back.yaml",
	    "data/protocols/plantar-fasciitis.yaml",
	    "data/protocols/rotator-cuff.yaml", "data/protocols/standard.yaml",
	    "data/care.yaml", "data/care.es.yaml", "data/drugs.yaml",
	    "data/clinic.yaml", "tests/clinic-open.yaml" }, NULL, NULL, 0,
	    { NULL }, { NULL } },
	{ cmd_check, { "prolo check", "-" }, NULL, JANE, 0, { NULL },
	    { NULL } },
	{ cmd_check, { "prolo check", UNKNOWN_KEY }, NULL, NULL, EX_DATAERR,
	    { NULL }, { UNKNOWN_KEY_MSG } },
	{ cmd_check, { "prolo check", "-" }, NULL, UNKNOWN_KEY, EX_DATAERR,
	    { NULL }, { "-:4:1: error: unknown key 'strat' (did you mean "
	    "'start'?)" } },
	{ cmd_check, { "prolo check", "@/none.yaml" }, NULL, NULL, EX_NOINPUT,
	    { NULL }, { NONE_MSG } },
	{ cmd_check, { "prolo check", "@/none.yaml", UNKNOWN_KEY, JANE }, NULL,
	    NULL, EX_NOINPUT, { NULL }, { NONE_MSG, UNKNOWN_KEY_MSG } },
	{ cmd_check, { "prolo check", UNKNOWN_KEY, "@/none.yaml" }, NULL,
	    NULL, EX_DATAERR, { NULL }, { UNKNOWN_KEY_MSG, NONE_MSG } },
	{ cmd_check, { "prolo check", "@/big.yaml" }, NULL, NULL, EX_DATAERR,
	    { NULL }, { BIG_MSG } },
	{ cmd_check, { "prolo check", "tests/cases/protocols/"
	    "bad-interval-min.yaml" }, NULL, NULL, EX_DATAERR, { NULL },
	    { "tests/cases/protocols/bad-interval-min.yaml:8:22: error: "
	    "interval_days min must be between 7 and 91 (got '5')" } },
	{ cmd_check, { "prolo check", "tests/cases/"
	    "err-protocol-interval-min.yaml" }, NULL, NULL, EX_DATAERR,
	    { NULL }, { "tests/cases/protocols/bad-interval-min.yaml:8:22: "
	    "error: interval_days min must be between 7 and 91 (got '5')",
	    "tests/cases/err-protocol-interval-min.yaml:3:11: note: protocol "
	    "named here" } },
	{ cmd_check, { "prolo check", "--protocols", "@/broken",
	    "@/broken/knee.yaml" }, NULL, NULL, EX_DATAERR, { NULL },
	    { KNEE_ID_MSG } },
	/* Outside the library folder, a protocol's id may differ. */
	{ cmd_check, { "prolo check", "@/broken/knee.yaml" }, NULL, NULL, 0,
	    { NULL }, { NULL } },
	{ cmd_check, { "prolo check", "--clinic", "@/none.yaml", JANE }, NULL,
	    NULL, EX_NOINPUT, { NULL }, { NONE_MSG } },
	{ cmd_check, { "prolo check", "@/bad-clinic.yaml" }, NULL, NULL,
	    EX_DATAERR, { NULL }, { "@/bad-clinic.yaml:1:13: error: unknown "
	    "weekday 'funday' (use mon, tue, wed, thu, fri, sat or sun)" } },
	{ cmd_check, { "prolo check", JANE }, "PROLO_CLINIC=@/bad-clinic.yaml",
	    NULL, EX_DATAERR, { NULL }, { "@/bad-clinic.yaml:1:13: error: "
	    "unknown weekday 'funday' (use mon, tue, wed, thu, fri, sat or "
	    "sun)" } },
};

static void
torture_cmd_check(void **state)
{
	check_runs(*state, check_cases, NCASES(check_cases));
}

/*
 * plan to standard output: the handout, CSV or JSON; warnings and
 * errors on standard error; every valid file planned, the status the
 * first failure's, nothing on standard output for an invalid file.
 */
static const struct run_case plan_runs[] = {
	{ cmd_plan, { "prolo plan", JANE }, NULL, NULL, 0,
	    { "Your prolotherapy treatment plan",
	    "================================" }, { JANE_WARNING } },
	{ cmd_plan, { "prolo plan", "--lang", "es", JANE }, NULL, NULL, 0,
	    { "Su plan de tratamiento con proloterapia" }, { JANE_WARNING } },
	{ cmd_plan, { "prolo plan", "-f", "csv", JANE }, NULL, NULL, 0,
	    { CSV_HEADER, CSV_JANE_1 }, { JANE_WARNING } },
	{ cmd_plan, { "prolo plan", JANE, "-fcsv" }, NULL, NULL, 0,
	    { CSV_HEADER, CSV_JANE_1 }, { JANE_WARNING } },
	{ cmd_plan, { "prolo plan", "--format", "csv", "-o", "-", "--", "-" },
	    NULL, JANE, 0, { CSV_HEADER, CSV_JANE_1 },
	    { "-: warning: allergy 'lidocaine' matches the protocol's "
	    "solution '12.5% dextrose with 0.5% lidocaine' (its lidocaine)" } },
	{ cmd_plan, { "prolo plan", "-f", "json",
	    "data/examples/new-patient.yaml" }, NULL, NULL, 0,
	    { "{", "  \"plans\": [" }, { NULL } },
	{ cmd_plan, { "prolo plan", "-f", "ics", "data/examples/"
	    "new-patient.yaml" }, NULL, NULL, 0,
	    { "BEGIN:VCALENDAR\r", "VERSION:2.0\r" }, { NULL } },
	{ cmd_plan, { "prolo plan", UNKNOWN_KEY }, NULL, NULL, EX_DATAERR,
	    { NULL }, { UNKNOWN_KEY_MSG } },
	{ cmd_plan, { "prolo plan", "-f", "csv", UNKNOWN_KEY }, NULL, NULL,
	    EX_DATAERR, { NULL }, { UNKNOWN_KEY_MSG } },
	{ cmd_plan, { "prolo plan", "-f", "json", "@/none.yaml" }, NULL, NULL,
	    EX_NOINPUT, { NULL }, { NONE_MSG } },
	{ cmd_plan, { "prolo plan", "@/big.yaml" }, NULL, NULL, EX_DATAERR,
	    { NULL }, { BIG_MSG } },
	{ cmd_plan, { "prolo plan", "tests/cases/noplan-no-day.yaml" }, NULL,
	    NULL, EX_NOPLAN, { NULL }, { "tests/cases/noplan-no-day.yaml: "
	    "error: no plan: no day in the 366 days from 2026-12-05 can "
	    "take a visit: the patient cannot come on the days left "
	    "(unavailable); shorten 'unavailable'" } },
	{ cmd_plan, { "prolo plan", "-f", "csv", UNKNOWN_KEY, JANE,
	    "@/none.yaml" }, NULL, NULL, EX_DATAERR,
	    { CSV_HEADER, CSV_JANE_1 }, { UNKNOWN_KEY_MSG, JANE_WARNING } },
	{ cmd_plan, { "prolo plan", "-f", "csv", "@/none.yaml", UNKNOWN_KEY,
	    JANE }, NULL, NULL, EX_NOINPUT,
	    { CSV_HEADER, CSV_JANE_1 }, { NONE_MSG, UNKNOWN_KEY_MSG } },
	{ cmd_plan, { "prolo plan", "--clinic", "@/bad-clinic.yaml", JANE },
	    NULL, NULL, EX_DATAERR, { NULL }, { "@/bad-clinic.yaml:1:13: "
	    "error: unknown weekday 'funday' (use mon, tue, wed, thu, fri, "
	    "sat or sun)" } },
	{ cmd_plan, { "prolo plan", "--clinic", "@/none.yaml", JANE }, NULL,
	    NULL, EX_NOINPUT, { NULL }, { NONE_MSG } },
	{ cmd_plan, { "prolo plan", JANE }, "PROLO_CLINIC=@/none.yaml", NULL,
	    EX_NOINPUT, { NULL }, { NONE_MSG } },
	{ cmd_plan, { "prolo plan", "--protocols", "@/lib", JANE }, NULL, NULL,
	    EX_DATAERR, { NULL }, { "data/examples/jane-doe.yaml:9:11: "
	    "error: unknown protocol 'knee-oa'" } },
	{ cmd_plan, { "prolo plan", JANE }, "PROLO_PROTOCOLS=@/lib", NULL,
	    EX_DATAERR, { NULL }, { "data/examples/jane-doe.yaml:9:11: "
	    "error: unknown protocol 'knee-oa'" } },
};

static void
torture_cmd_plan(void **state)
{
	check_runs(*state, plan_runs, NCASES(plan_runs));
}

/*
 * agenda: plans as plan does (the same warnings and statuses, every
 * valid file planned), then the visits to come in the range; a range
 * of one day, the first of the course's, the last day included.
 */
static const struct run_case agenda_runs[] = {
	{ cmd_agenda, { "prolo agenda", "-f", "csv", "--from", "2026-12-14",
	    "--to", "2026-12-14", JANE }, NULL, NULL, 0,
	    { AGENDA_HEADER, AGENDA_JANE }, { JANE_WARNING } },
	{ cmd_agenda, { "prolo agenda", "-f", "csv", "--from", "2026-12-01",
	    "--to", "2026-12-14", "-" }, NULL, JANE, 0,
	    { AGENDA_HEADER, AGENDA_JANE }, { "-: warning: allergy "
	    "'lidocaine' matches the protocol's solution '12.5% dextrose with "
	    "0.5% lidocaine' (its lidocaine)" } },
	{ cmd_agenda, { "prolo agenda", "-f", "csv", "--from", "2026-12-15",
	    JANE }, NULL, NULL, 0, { AGENDA_HEADER, NULL }, { JANE_WARNING } },
	{ cmd_agenda, { "prolo agenda", JANE }, NULL, NULL, 0,
	    { "Agenda from Fri 2026-11-27 to Thu 2026-12-03",
	    "============================================" },
	    { JANE_WARNING } },
	{ cmd_agenda, { "prolo agenda", "-f", "csv", "--from", "2026-12-14",
	    UNKNOWN_KEY, JANE, "@/none.yaml" }, NULL, NULL, EX_DATAERR,
	    { AGENDA_HEADER, AGENDA_JANE }, { UNKNOWN_KEY_MSG,
	    JANE_WARNING } },
	{ cmd_agenda, { "prolo agenda", "@/none.yaml", JANE }, NULL, NULL,
	    EX_NOINPUT, { "Agenda from Fri 2026-11-27 to Thu 2026-12-03" },
	    { NONE_MSG, JANE_WARNING } },
	{ cmd_agenda, { "prolo agenda", "-f", "csv",
	    "tests/cases/noplan-no-day.yaml" }, NULL, NULL, EX_NOPLAN,
	    { AGENDA_HEADER, NULL }, { "tests/cases/noplan-no-day.yaml: "
	    "error: no plan: no day in the 366 days from 2026-12-05 can "
	    "take a visit: the patient cannot come on the days left "
	    "(unavailable); shorten 'unavailable'" } },
	{ cmd_agenda, { "prolo agenda", "--clinic", "@/none.yaml", JANE },
	    NULL, NULL, EX_NOINPUT, { NULL }, { NONE_MSG } },
	{ cmd_agenda, { "prolo agenda", "--book", "@/none.yaml", JANE },
	    NULL, NULL, EX_NOINPUT, { NULL }, { NONE_MSG } },
};

static void
torture_cmd_agenda(void **state)
{
	check_runs(*state, agenda_runs, NCASES(agenda_runs));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in a folder, sorted, joined by spaces: what a run left. */
static char *
listing(const char *dir)
{
	struct strv names = { 0 };
	struct dirent *de;
	char *s;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		fail_msg("%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			strv_push(&names, de->d_name);
	closedir(d);
	if (names.n > 0)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	s = strv_join(&names, " ");
	strv_release(&names);
	return s;
}

/*
 * plan -o FILE, run after run into @/out: the file appears whole, mode
 * 0600, only when every file was read and valid (status 0, or 1 for a
 * patient with no plan); a run with a file missing or invalid leaves no
 * file and an existing one untouched, and no run leaves a temporary
 * file behind.
 */
static const struct output_case {
	struct run_case	 run;
	const char	*listing;	/* @/out afterwards */
	const char	*file;		/* to look at; NULL: none */
	const char	*head[2];	/* its first lines */
} output_cases[] = {
	{ { cmd_plan, { "prolo plan", "-f", "csv", "-o", "@/out/plan.csv",
	    JANE }, NULL, NULL, 0, { NULL }, { JANE_WARNING } }, "plan.csv",
	    "@/out/plan.csv", { CSV_HEADER, CSV_JANE_1 } },
	{ { cmd_plan, { "prolo plan", "-f", "csv", "-o", "@/out/fail.csv",
	    UNKNOWN_KEY }, NULL, NULL, EX_DATAERR, { NULL },
	    { UNKNOWN_KEY_MSG } }, "plan.csv", NULL, { NULL } },
	{ { cmd_plan, { "prolo plan", "-f", "csv", "-o", "@/out/fail.csv",
	    "@/none.yaml", UNKNOWN_KEY }, NULL, NULL, EX_NOINPUT, { NULL },
	    { NONE_MSG, UNKNOWN_KEY_MSG } }, "plan.csv", NULL, { NULL } },
	/* A good file and a missing one, or an invalid one: untouched. */
	{ { cmd_plan, { "prolo plan", "-o", "@/out/plan.csv", "@/none.yaml",
	    JANE }, NULL, NULL, EX_NOINPUT, { NULL },
	    { NONE_MSG, JANE_WARNING } }, "plan.csv", "@/out/plan.csv",
	    { CSV_HEADER, CSV_JANE_1 } },
	{ { cmd_plan, { "prolo plan", "-o", "@/out/plan.csv", JANE,
	    UNKNOWN_KEY }, NULL, NULL, EX_DATAERR, { NULL },
	    { JANE_WARNING, NULL } }, "plan.csv", "@/out/plan.csv",
	    { CSV_HEADER, CSV_JANE_1 } },
	{ { cmd_plan, { "prolo plan", "-o", "@/out/mixed.txt", "@/none.yaml",
	    JANE }, NULL, NULL, EX_NOINPUT, { NULL },
	    { NONE_MSG, JANE_WARNING } }, "plan.csv", NULL, { NULL } },
	{ { cmd_plan, { "prolo plan", "-f", "csv", "-o", "@/nodir/x.csv",
	    JANE }, NULL, NULL, EX_CANTCREAT, { NULL }, { "prolo: cannot "
	    "create @/nodir/x.csv: No such file or directory" } },
	    "plan.csv", NULL, { NULL } },
	{ { cmd_plan, { "prolo plan", "-f", "csv", "-o", "@/out/plan.csv",
	    "@/out/plan.csv" }, NULL, NULL, EX_CANTCREAT, { NULL },
	    { "prolo: output file '@/out/plan.csv' is also an input file",
	    NULL } }, "plan.csv", "@/out/plan.csv",
	    { CSV_HEADER, CSV_JANE_1 } },
	/* A patient with no plan is an answer: the file is written. */
	{ { cmd_plan, { "prolo plan", "-f", "csv", "-o", "@/out/some.csv",
	    JANE, "tests/cases/noplan-no-day.yaml" }, NULL, NULL, EX_NOPLAN,
	    { NULL }, { JANE_WARNING, NULL } }, "plan.csv some.csv",
	    "@/out/some.csv", { CSV_HEADER, CSV_JANE_1 } },
	{ { cmd_plan, { "prolo plan", "-o", "@/out/plan.csv",
	    "tests/cases/noplan-no-day.yaml" }, NULL, NULL, EX_NOPLAN,
	    { NULL }, { "tests/cases/noplan-no-day.yaml: error: no plan: no "
	    "day in the 366 days from 2026-12-05 can take a visit: the "
	    "patient cannot come on the days left (unavailable); shorten "
	    "'unavailable'" } }, "plan.csv some.csv",
	    "@/out/plan.csv", { NULL } },
	{ { cmd_plan, { "prolo plan", "-f", "ics", "--output",
	    "@/out/plan.ics", JANE }, "SOURCE_DATE_EPOCH=86400", NULL, 0,
	    { NULL }, { JANE_WARNING } }, "plan.csv plan.ics some.csv",
	    "@/out/plan.ics", { "BEGIN:VCALENDAR\r", "VERSION:2.0\r" } },
};

static void
torture_cmd_plan_output(void **state)
{
	struct ct *t = *state;
	const struct output_case *c;
	struct stat st;
	char *names, *text;
	size_t i, len;

	for (i = 0; i < NCASES(output_cases); i++) {
		c = &output_cases[i];
		check_run(t, i, &c->run);
		names = listing(at(t, "@/out"));
		if (strcmp(names, c->listing) != 0)
			fail_msg("case %zu: left '%s', want '%s'", i, names,
			    c->listing);
		free(names);
		if (c->file == NULL)
			continue;
		if (stat(at(t, c->file), &st) != 0 ||
		    (st.st_mode & 07777) != 0600)
			fail_msg("case %zu: %s mode %o, want 600", i, c->file,
			    (unsigned)st.st_mode & 07777);
		if (file_read(at(t, c->file), CAPTURE_MAX, &text, &len) != 0)
			fail_msg("case %zu: cannot read %s", i, c->file);
		expect_lines(t, i, c->file, text, len, c->head);
		free(text);
	}
	/* The calendar stamp came from SOURCE_DATE_EPOCH. */
	assert_int_equal(file_read(at(t, "@/out/plan.ics"), CAPTURE_MAX,
	    &text, &len), 0);
	assert_non_null(strstr(text, "\r\nDTSTAMP:19700102T000000Z\r\n"));
	free(text);
}

/*
 * protocols: the library as a table (a broken file reported, the rest
 * still listed), one protocol in full, and each failure's status.
 */
static const struct run_case protocols_runs[] = {
	{ cmd_protocols, { "prolo protocols", "--protocols", "@/lib" }, NULL,
	    NULL, 0, { LIST_HEADER, LIST_A }, { NULL } },
	{ cmd_protocols, { "prolo protocols", "list", "--protocols", "@/lib" },
	    NULL, NULL, 0, { LIST_HEADER, LIST_A }, { NULL } },
	{ cmd_protocols, { "prolo protocols" }, "PROLO_PROTOCOLS=@/lib", NULL,
	    0, { LIST_HEADER, LIST_A }, { NULL } },
	{ cmd_protocols, { "prolo protocols", "--protocols", "@/lib", "show",
	    "a" }, NULL, NULL, 0, { "id                   a",
	    "name                 Test protocol" }, { NULL } },
	{ cmd_protocols, { "prolo protocols", "show", "knee-oa" }, NULL, NULL,
	    0, { "id                   knee-oa", "name                 "
	    "Dextrose prolotherapy, knee osteoarthritis" }, { NULL } },
	{ cmd_protocols, { "prolo protocols", "show", "knee-ao" }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: unknown protocol 'knee-ao' (did you "
	    "mean 'knee-oa'?)", USAGE_PROTOCOLS } },
	{ cmd_protocols, { "prolo protocols", "show", "Knee_OA" }, NULL, NULL,
	    EX_USAGE, { NULL }, { "prolo: unknown protocol 'Knee_OA'",
	    USAGE_PROTOCOLS } },
	{ cmd_protocols, { "prolo protocols", "--protocols", "@/broken" },
	    NULL, NULL, EX_DATAERR, { BROKEN_HEADER, BROKEN_Z },
	    { KNEE_ID_MSG } },
	{ cmd_protocols, { "prolo protocols", "--protocols", "@/broken",
	    "show", "knee" }, NULL, NULL, EX_DATAERR, { NULL },
	    { KNEE_ID_MSG } },
	{ cmd_protocols, { "prolo protocols", "--protocols", "@/nolib" }, NULL,
	    NULL, EX_NOINPUT, { NULL }, { "prolo: @/nolib: No such file or "
	    "directory" } },
};

static void
torture_cmd_protocols(void **state)
{
	check_runs(*state, protocols_runs, NCASES(protocols_runs));
}

#define TEST(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(torture_cmd_usage_text),
		TEST(torture_cmd_usage_error),
		TEST(torture_cmd_usage_commands),
		TEST(torture_cmd_read),
		TEST(torture_cmd_today),
		TEST(torture_cmd_open),
		TEST(torture_cmd_protocols_dir),
		TEST(torture_cmd_check),
		TEST(torture_cmd_plan),
		TEST(torture_cmd_plan_output),
		TEST(torture_cmd_agenda),
		TEST(torture_cmd_protocols),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
