#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "explain.h"
#include "fault.h"
#include "load.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "schema.h"
#include "xalloc.h"

/*
 * prolo plan: load -> schedule -> print for each patient file, into one
 * output.  Every valid file is planned; the status is the first
 * failure's.
 */

struct run {
	struct load	 load;
	struct printer	 printer;
	int		 today;
	int		 status;	/* of the first failure */
};

static void
fail(struct run *run, int status)
{
	if (run->status == 0)
		run->status = status;
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
	if ((st = plan_make(&pl, &ch, run->today, &out)) == SCHED_OK)
		print_warned(run, &pl);
	else {
		explain_noplan(&d, &pl, st, &out);
		report(run, &d);
	}
	plan_release(&pl);
	patient_free(ch.patient);
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

/*
 * The temporary file not yet renamed into place.  Running out of memory
 * exits at once (xalloc.h) and a signal may end the run: both must
 * still leave no partial file behind.
 */
static char *pending;

static void
remove_pending(void)
{
	if (pending != NULL)
		unlink(pending);
}

static void
on_signal(int sig)
{
	if (pending != NULL)
		unlink(pending);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
set_pending(char *tmp)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGPIPE, SIGTERM };
	static int once;
	size_t i;

	pending = tmp;
	if (once++)
		return;
	atexit(remove_pending);
	for (i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		signal(sigs[i], on_signal);
}

static int
output_open(struct output *o, const char *path)
{
	const char *slash;
	int fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = fault_stream(stdout);
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
	set_pending(o->tmp);
	o->fp = fault_stream(o->fp);
	return 0;
}

/* Finishes the output: keep it only when something was planned and written whole. */
static int
output_close(struct output *o, int keep)
{
	int bad;

	bad = fflush(o->fp) != 0 || ferror(o->fp);
	if (o->path == NULL) {
		if (o->fp != stdout)
			bad = fclose(o->fp) != 0 || bad;
		if (bad)
			fprintf(stderr, "prolo: write error: %s\n",
			    strerror(errno));
		return bad ? EX_IOERR : 0;
	}
	bad = bad || (fileno(o->fp) >= 0 && fsync(fileno(o->fp)) != 0);
	bad = fclose(o->fp) != 0 || bad;
	if (!bad && keep && rename(o->tmp, o->path) != 0) {
		fprintf(stderr, "prolo: cannot create %s: %s\n", o->path,
		    strerror(errno));
		unlink(o->tmp);
		pending = NULL;
		free(o->tmp);
		return EX_CANTCREAT;
	}
	if (bad)
		fprintf(stderr, "prolo: %s: write error: %s\n", o->path,
		    strerror(errno));
	if (bad || !keep)
		unlink(o->tmp);
	pending = NULL;
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

static int
run_plan(struct run *run, const char *outpath, char **files, int nfiles)
{
	struct output o;
	int i, rc;

	if ((rc = output_open(&o, outpath)) != 0)
		return rc;
	run->printer.fp = o.fp;
	print_begin(&run->printer);
	for (i = 0; i < nfiles; i++)
		plan_file(run, files[i]);
	print_end(&run->printer);
	if ((rc = output_close(&o, run->printer.nplans > 0)) != 0)
		fail(run, rc);
	return run->status;
}

int
cmd_plan(int argc, char **argv)
{
	static const struct option opts[] = {
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
	struct run run;
	long long now;
	int ch, rc, csv_raw = 0;

	memset(&run, 0, sizeof(run));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:ho:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((format = format_find(optarg)) == NULL)
				return cmd_usage_error("plan", "unknown format "
				    "'%.40s' (use %s)", optarg, format_names());
			break;
		case 'C':
			clinicpath = optarg;
			break;
		case 'h':
			return cmd_usage(stdout, "plan", 0);
		case 'L':
			if (!schema_lang_valid(optarg))
				return cmd_usage_error("plan", "--lang takes a "
				    "two-letter code such as en or es, not "
				    "'%.40s'", optarg);
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
	if ((rc = cmd_operands("plan", "patient file", argc - optind, argv + optind)) != 0)
		return rc;
	if ((rc = cmd_today(&run.today, &now)) != 0)
		return rc;
	if (output_is_input(outpath, argv + optind, argc - optind))
		return cmd_usage_error("plan", "output file '%s' is also an "
		    "input file", outpath);
	if ((rc = cmd_open(&run.load, "plan", protodir, clinicpath, lang,
	    run.today)) != 0)
		return rc;
	print_init(&run.printer, format, NULL);
	run.printer.csv_raw = csv_raw;
	run.printer.now = now;
	rc = run_plan(&run, outpath, argv + optind, argc - optind);
	load_release(&run.load);
	return rc;
}
