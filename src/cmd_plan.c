#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "care.h"
#include "clinic.h"
#include "cmd.h"
#include "diag.h"
#include "drugs.h"
#include "fault.h"
#include "file.h"
#include "library.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "rules.h"
#include "tree.h"
#include "xalloc.h"

/*
 * prolo plan: load -> schedule -> print for each patient file, into one
 * output.  Every valid file is planned; the status is the first
 * failure's.
 */

#define MAX_LANGS	8

struct run {
	const struct format	*format;
	struct printer		 printer;
	struct care		*care;		/* the run's language */
	struct care		*cares[MAX_LANGS];	/* others, as needed */
	char			 langs[MAX_LANGS][3];
	struct clinic		*clinic;	/* NULL: none */
	struct drugs		*drugs;
	struct library		*library;
	const char		*lang;		/* --lang, or NULL */
	int			 today;
	int			 status;	/* of the first failure */
};

/*
 * The care text for a patient's own language, loaded the first time a
 * patient asks for it; NULL with the diag set when there is none.
 */
static struct care *
care_for(struct run *run, const struct patient *p, struct diag *d)
{
	size_t i;

	if (p->lang == NULL || (run->lang && strcmp(p->lang, run->lang) == 0) ||
	    (run->lang == NULL && strcmp(p->lang, "en") == 0))
		return run->care;
	for (i = 0; i < MAX_LANGS && run->cares[i] != NULL; i++)
		if (strcmp(run->langs[i], p->lang) == 0)
			return run->cares[i];
	if (i == MAX_LANGS || (run->cares[i] = cmd_load_care(p->lang, 1)) ==
	    NULL) {
		diag_set(d, p->file, p->at_lang.line, p->at_lang.col,
		    D_LANG_FILE, p->lang, p->lang);
		return NULL;
	}
	memcpy(run->langs[i], p->lang, 3);
	return run->cares[i];
}

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

static void
print_plan(struct run *run, const struct plan *pl)
{
	struct diag d = { 0 };
	size_t i;

	for (i = 0; i < pl->nwarnings; i++) {
		if (pl->warnings[i].kind == PLAN_W_NOTE)
			continue;	/* notes are for the handout */
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
	struct care *care;
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
	    protocol_check_classes(pr, run->drugs, &d) != 0 ||
	    patient_apply(p, pr, &d) != 0 ||
	    patient_check_clinic(p, run->clinic, &d) != 0 ||
	    plan_check_overrides(p, run->clinic, pr, &d) != 0 ||
	    (care = care_for(run, p, &d)) == NULL) {
		report(run, &d);
		goto done;
	}
	run->printer.care = care;
	st = plan_make_at(&pl, p, pr, run->clinic, run->drugs,
	    &care->anticoagulants, run->today, &out);
	if (st != SCHED_OK) {
		plan_explain(&d, &pl, p, pr, st, &out);
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
run_plan(struct run *run, const char *outpath, const char *protodir,
    const char *clinicpath, char **files, int nfiles)
{
	struct output o;
	struct diag d = { 0 };
	long long now;
	char *freeme;
	int i, rc, csv_raw;

	if ((run->care = cmd_load_care(run->lang, run->lang != NULL)) == NULL)
		return run->lang ? cmd_usage_error("plan", "no handout text for "
		    "language '%s' (care.%s.yaml)", run->lang, run->lang) :
		    EX_DATAERR;
	run->clinic = cmd_load_clinic(clinicpath, &rc);
	if (rc == 0 && (run->drugs = cmd_load_drugs()) == NULL)
		rc = EX_DATAERR;
	if (rc == 0 && run->clinic != NULL &&
	    rules_check_classes(&run->clinic->rules, run->drugs, &d) != 0) {
		diag_print(stderr, &d);
		diag_release(&d);
		rc = EX_DATAERR;
	}
	if (rc != 0 || (rc = output_open(&o, outpath)) != 0) {
		drugs_free(run->drugs);
		clinic_free(run->clinic);
		care_free(run->care);
		return rc;
	}
	run->library = library_new(cmd_protocols_dir(protodir, &freeme),
	    run->care);
	free(freeme);
	csv_raw = run->printer.csv_raw;
	now = run->printer.now;
	printer_init(&run->printer, o.fp, run->care);
	run->printer.csv_raw = csv_raw;
	run->printer.now = now;
	run->format->begin(&run->printer);
	for (i = 0; i < nfiles; i++)
		plan_file(run, files[i]);
	run->format->end(&run->printer);
	rc = output_close(&o, run->printer.nplans > 0);
	if (rc != 0)
		fail(run, rc);
	library_free(run->library);
	for (i = 0; i < MAX_LANGS; i++)
		care_free(run->cares[i]);
	clinic_free(run->clinic);
	drugs_free(run->drugs);
	care_free(run->care);
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
	struct run run;
	const char *outpath = NULL, *protodir = NULL, *clinicpath = NULL;
	int ch, rc;

	memset(&run, 0, sizeof(run));
	run.format = &format_text;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:ho:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((run.format = format_find(optarg)) == NULL)
				return cmd_usage_error("plan", "unknown format "
				    "'%.40s' (use %s)", optarg, format_names());
			break;
		case 'C':
			clinicpath = optarg;
			break;
		case 'h':
			return cmd_usage(stdout, "plan", 0);
		case 'L':
			if (!patient_lang_valid(optarg))
				return cmd_usage_error("plan", "--lang takes a "
				    "two-letter code such as en or es, not "
				    "'%.40s'", optarg);
			run.lang = optarg;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'P':
			protodir = optarg;
			break;
		case 'R':
			run.printer.csv_raw = 1;
			break;
		default:
			return cmd_usage(stderr, "plan", EX_USAGE);
		}
	}
	if (optind == argc)
		return cmd_usage_error("plan", "no patient file given");
	if ((rc = cmd_today(&run.today, &run.printer.now)) != 0)
		return rc;
	if (output_is_input(outpath, argv + optind, argc - optind))
		return cmd_usage_error("plan", "output file '%s' is also an "
		    "input file", outpath);
	return run_plan(&run, outpath, protodir, clinicpath, argv + optind,
	    argc - optind);
}
