#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "care.h"
#include "date.h"
#include "diag.h"
#include "file.h"
#include "library.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "tree.h"
#include "version.h"
#include "xalloc.h"

/*
 * main() only reads the command line and wires the modules together:
 * load -> schedule -> print.  It alone chooses the exit status.
 */

#define EX_NOPLAN	1

/* The state of one "prolo plan" run. */
struct run {
	const struct format	*format;
	struct printer		 printer;
	struct care		*care;
	struct library		*library;
	int			 today;
	int			 status;	/* of the first failure */
};

static void
fail(struct run *run, int status)
{
	if (run->status == 0)
		run->status = status;
}

static void
usage_plan(FILE *fp)
{
	fputs("usage: prolo plan [-f text|csv] [-o file] [--protocols dir] "
	    "file ...\n", fp);
}

static int
usage(int status)
{
	FILE *fp = status ? stderr : stdout;

	fputs("usage: prolo [-hV] command [argument ...]\n", fp);
	usage_plan(fp);
	if (status == 0)
		fputs("\n"
		    "Plans a prolotherapy course for each patient file and\n"
		    "prints a handout (text) or one CSV row per visit.\n"
		    "\n"
		    "  -f, --format text|csv  output format (default text)\n"
		    "  -h, --help             show this help\n"
		    "  -o, --output FILE      write to FILE instead of "
		    "standard output\n"
		    "      --protocols DIR    protocol library folder\n"
		    "  -V, --version          show the version\n"
		    "\n"
		    "A FILE of - reads standard input.  Exit status: 0 planned,"
		    "\n1 no plan fits the rules, 64 usage, 65 invalid data, 66 "
		    "cannot read\ninput, 73 cannot create output, 74 write "
		    "error.\n", fp);
	return status;
}

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("prolo: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage_plan(stderr);
	return EX_USAGE;
}

/* Today's date: PROLO_TODAY (for tests and reprints) or the clock. */
static int
get_today(int *today)
{
	const char *env;
	struct tm tm;
	time_t now;

	if ((env = getenv("PROLO_TODAY")) != NULL && *env != '\0')
		return date_parse(env, strlen(env), today) == DATE_OK ? 0 : -1;
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL)
		return -1;
	*today = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

static struct care *
load_care(void)
{
	struct diag d = { 0 };
	struct care *care;
	char *path, *buf;
	size_t len;
	int err;

	path = xasprintf("%s/care.yaml", prolo_datadir);
	care = NULL;
	if ((err = file_read(path, TREE_MAX_BYTES, &buf, &len)) != 0)
		fprintf(stderr, "prolo: %s: %s\n", path, strerror(err));
	else {
		if ((care = care_load(path, buf, len, &d)) == NULL)
			diag_print(stderr, &d);
		free(buf);
	}
	diag_release(&d);
	free(path);
	return care;
}

static void
report(struct run *run, struct diag *d)
{
	diag_print(stderr, d);
	fail(run, diag_class(d->code) == DIAG_NOPLAN ? EX_NOPLAN :
	    EX_DATAERR);
}

static void
print_plan(struct run *run, const struct plan *pl)
{
	struct diag d = { 0 };
	size_t i;

	for (i = 0; i < pl->nwarnings; i++) {
		plan_warning_diag(&d, pl, &pl->warnings[i]);
		diag_print(stderr, &d);
	}
	diag_release(&d);
	run->format->plan(&run->printer, pl);
}

/* Plans one patient file; failures are reported and recorded. */
static void
plan_file(struct run *run, const char *file)
{
	const struct protocol *pr;
	struct sched_out out;
	struct diag d = { 0 };
	struct patient *p;
	struct plan pl;
	enum sched_status st;
	char *buf;
	size_t len;
	int err;

	if ((err = file_read(file, TREE_MAX_BYTES, &buf, &len)) != 0) {
		if (err == EFBIG) {
			diag_set(&d, file, 1, 1, D_TOO_LARGE, TREE_MAX_BYTES);
			report(run, &d);
		} else {
			fprintf(stderr, "prolo: %s: %s\n", file, strerror(err));
			fail(run, EX_NOINPUT);
		}
		diag_release(&d);
		return;
	}
	p = patient_load(file, buf, len, &d);
	free(buf);
	if (p == NULL || (pr = library_find(run->library, p, &d)) == NULL ||
	    patient_apply(p, pr, &d) != 0) {
		report(run, &d);
		goto done;
	}
	st = plan_make(&pl, p, pr, &run->care->anticoagulants, run->today,
	    &out);
	if (st != SCHED_OK) {
		plan_explain(&d, p, pr, st, &out);
		report(run, &d);
		goto done;
	}
	print_plan(run, &pl);
	plan_release(&pl);
done:
	patient_free(p);
	diag_release(&d);
}

/*
 * Output to a file goes through a temporary file in the same folder,
 * renamed into place only when complete, so the named file is either
 * whole or untouched.  mkstemp creates it with mode 0600: it holds
 * patient data.
 */
struct output {
	const char	*path;		/* NULL for standard output */
	char		*tmp;
	FILE		*fp;
};

static int
output_open(struct output *o, const char *path)
{
	const char *slash;
	int fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	o->path = path;
	slash = strrchr(path, '/');
	o->tmp = slash ? xasprintf("%.*s/.prolo-XXXXXX",
	    (int)(slash - path), path) : xstrdup(".prolo-XXXXXX");
	if ((fd = mkstemp(o->tmp)) < 0 || (o->fp = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "prolo: cannot create %s: %s\n", path,
		    strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		return EX_CANTCREAT;
	}
	return 0;
}

/* Finishes the output: keep it only when something was planned and written whole. */
static int
output_close(struct output *o, int keep)
{
	int bad;

	bad = fflush(o->fp) != 0 || ferror(o->fp);
	if (o->path == NULL) {
		if (bad)
			fprintf(stderr, "prolo: write error: %s\n",
			    strerror(errno));
		return bad ? EX_IOERR : 0;
	}
	bad = bad || fsync(fileno(o->fp)) != 0;
	bad = fclose(o->fp) != 0 || bad;
	if (!bad && keep && rename(o->tmp, o->path) != 0) {
		fprintf(stderr, "prolo: cannot create %s: %s\n", o->path,
		    strerror(errno));
		unlink(o->tmp);
		free(o->tmp);
		return EX_CANTCREAT;
	}
	if (bad)
		fprintf(stderr, "prolo: %s: write error: %s\n", o->path,
		    strerror(errno));
	if (bad || !keep)
		unlink(o->tmp);
	free(o->tmp);
	return bad ? EX_IOERR : 0;
}

/* Refuses "-o patient.yaml patient.yaml": the output would replace an input. */
static int
output_is_input(const char *out, char **files, int nfiles)
{
	struct stat so, si;
	int i;

	if (out == NULL || stat(out, &so) != 0)
		return 0;
	for (i = 0; i < nfiles; i++)
		if (stat(files[i], &si) == 0 && si.st_dev == so.st_dev &&
		    si.st_ino == so.st_ino)
			return 1;
	return 0;
}

static const char *
protocols_dir(const char *opt, char **freep)
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
run_plan(struct run *run, const char *outpath, const char *protodir,
    char **files, int nfiles)
{
	struct output o;
	char *freeme;
	int i, rc;

	if ((run->care = load_care()) == NULL)
		return EX_DATAERR;
	if ((rc = output_open(&o, outpath)) != 0) {
		care_free(run->care);
		return rc;
	}
	run->library = library_new(protocols_dir(protodir, &freeme),
	    run->care);
	free(freeme);
	printer_init(&run->printer, o.fp, run->care);
	run->format->begin(&run->printer);
	for (i = 0; i < nfiles; i++)
		plan_file(run, files[i]);
	run->format->end(&run->printer);
	rc = output_close(&o, run->printer.nplans > 0);
	if (rc != 0)
		fail(run, rc);
	library_free(run->library);
	care_free(run->care);
	return run->status;
}

static int
cmd_plan(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "protocols",	required_argument,	NULL, 'P' },
		{ NULL,		0,			NULL, 0 }
	};
	struct run run;
	const char *outpath = NULL, *protodir = NULL;
	int ch;

	memset(&run, 0, sizeof(run));
	run.format = &format_text;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:ho:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((run.format = format_find(optarg)) == NULL)
				return usage_error("unknown format '%s' "
				    "(use text or csv)", optarg);
			break;
		case 'h':
			return usage(0);
		case 'o':
			outpath = optarg;
			break;
		case 'P':
			protodir = optarg;
			break;
		default:
			usage_plan(stderr);
			return EX_USAGE;
		}
	}
	if (optind == argc)
		return usage_error("%s", "no patient file given");
	if (get_today(&run.today) != 0)
		return usage_error("PROLO_TODAY must be a date written "
		    "YYYY-MM-DD, not '%s'", getenv("PROLO_TODAY"));
	if (output_is_input(outpath, argv + optind, argc - optind))
		return usage_error("output file '%s' is also an input file",
		    outpath);
	return run_plan(&run, outpath, protodir, argv + optind,
	    argc - optind);
}

static const struct command {
	const char	*name;
	int		(*fn)(int, char **);
} commands[] = {
	{ "plan",	cmd_plan },
};

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help",	no_argument,	NULL, 'h' },
		{ "version",	no_argument,	NULL, 'V' },
		{ NULL,		0,		NULL, 0 }
	};
	static char name[32];
	size_t i;
	int ch;

	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			return usage(0);
		case 'V':
			printf("prolo %s\n", prolo_version);
			return fflush(stdout) == 0 && !ferror(stdout) ? 0 :
			    EX_IOERR;
		default:
			return usage(EX_USAGE);
		}
	}
	if (optind == argc) {
		fputs("prolo: no command given\n", stderr);
		return usage(EX_USAGE);
	}
	for (i = 0; i < sizeof(commands) / sizeof(*commands); i++) {
		if (strcmp(argv[optind], commands[i].name) != 0)
			continue;
		/* getopt names argv[0] in its messages: make it "prolo plan". */
		snprintf(name, sizeof(name), "prolo %s", commands[i].name);
		argv[optind] = name;
		return commands[i].fn(argc - optind, argv + optind);
	}
	fprintf(stderr, "prolo: unknown command '%s'\n", argv[optind]);
	return usage(EX_USAGE);
}
