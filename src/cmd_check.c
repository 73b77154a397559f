#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "care.h"
#include "clinic.h"
#include "cmd.h"
#include "diag.h"
#include "drugs.h"
#include "explain.h"
#include "library.h"
#include "load.h"
#include "operands.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "screen.h"
#include "tree.h"
#include "xalloc.h"

/*
 * prolo check: validates patient, protocol, clinic and care files
 * without planning, telling them apart by their top-level keys.
 */

struct check {
	struct load	 load;
	int		 status;
};

enum kind {
	KIND_PATIENT,	/* a top-level "patient" key, or no mapping */
	KIND_PROTOCOL,	/* an "id" key */
	KIND_CARE,	/* "sections": handout text */
	KIND_DRUGS,	/* "classes": drug classes */
	KIND_CLINIC	/* anything else */
};

static int
has_key(const struct node *root, const char *key)
{
	size_t i;

	for (i = 0; root->kind == NODE_MAP && i < root->n; i++)
		if (root->pairs[i].key->kind == NODE_SCALAR &&
		    strcmp(root->pairs[i].key->text, key) == 0)
			return 1;
	return 0;
}

/* What a file is, from its top-level keys; -1 if it does not parse. */
static int
file_kind(const char *file, const char *buf, size_t len, struct diag *d)
{
	const struct node *root;
	struct tree *t;
	int kind;

	if ((t = tree_parse(file, buf, len, d)) == NULL)
		return -1;
	root = tree_root(t);
	/* Not a mapping: what plan would say of it, as a patient file. */
	kind = root->kind != NODE_MAP || has_key(root, "patient") ?
	    KIND_PATIENT :
	    has_key(root, "id") ? KIND_PROTOCOL :
	    has_key(root, "sections") ? KIND_CARE :
	    has_key(root, "classes") ? KIND_DRUGS : KIND_CLINIC;
	tree_free(t);
	return kind;
}

static int
check_other(struct check *c, int kind, const char *file, const char *buf,
    size_t len, struct diag *d)
{
	struct clinic *cl;
	struct drugs *dr;
	struct care *ca;

	if (kind == KIND_DRUGS) {
		dr = drugs_load(file, buf, len, d);
		drugs_free(dr);
		return dr ? 0 : -1;
	}
	if (kind == KIND_CARE) {
		ca = load_care_text(file, buf, len, c->load.drugs, d);
		care_free(ca);
		return ca ? 0 : -1;
	}
	cl = load_clinic_text(file, buf, len, c->load.drugs,
	    c->load.terms, d);
	clinic_free(cl);
	return cl ? 0 : -1;
}

/*
 * A protocol file in the library folder must carry its file name as
 * its id, or patients naming that id will not find it.
 */
static char *
library_id_of(const struct check *c, const char *file)
{
	char dir[PATH_MAX], lib[PATH_MAX], *copy, *slash, *id;
	size_t len;

	copy = xstrdup(file);
	slash = strrchr(copy, '/');
	if (slash)
		*slash = '\0';
	id = NULL;
	len = strlen(slash ? slash + 1 : copy);
	if (realpath(slash ? copy : ".", dir) != NULL &&
	    realpath(library_dir(c->load.library), lib) != NULL &&
	    strcmp(dir, lib) == 0 && len > 5 &&
	    strcmp(file + strlen(file) - 5, ".yaml") == 0)
		id = xstrndup(slash ? slash + 1 : copy, len - 5);
	free(copy);
	return id;
}

static int
check_protocol(struct check *c, const char *file, const char *buf,
    size_t len, struct diag *d)
{
	struct protocol *p;
	char *id;

	id = library_id_of(c, file);
	p = load_protocol_text(file, buf, len, id, &c->load, d);
	free(id);
	protocol_free(p);
	return p ? 0 : -1;
}

/*
 * Conditions and allergies no rule and no ingredient recognises: the
 * clinician checking a file learns of them before planning, in the
 * words plan uses.  They are warnings, not errors.
 */
static void
check_unknown(const struct chart *ch)
{
	struct diag d = { 0 };
	struct screen s;
	struct plan pl;
	size_t i;

	memset(&pl, 0, sizeof(pl));
	pl.patient = ch->patient;
	pl.protocol = ch->protocol;
	pl.care = ch->care;
	screen_init(&s, ch->patient, ch->protocol, ch->terms, NULL);
	screen_unknown(&s, &pl, ch->clinic ? &ch->clinic->rules : NULL,
	    &ch->protocol->rules);
	for (i = 0; i < pl.nwarnings; i++) {
		explain_warning(&d, &pl, &pl.warnings[i]);
		diag_print(stderr, &d);
	}
	diag_release(&d);
	screen_release(&s);
	free(pl.warnings);
}

/* A patient file, as plan would read it: the same path, the same errors. */
static int
check_patient(struct check *c, const char *file, const char *buf,
    size_t len, struct diag *d)
{
	struct chart ch;

	if (load_patient(&c->load, file, buf, len, &ch, d) != 0)
		return -1;
	check_unknown(&ch);
	patient_free(ch.patient);
	return 0;
}

static int
check_text(struct check *c, const char *file, const char *buf, size_t len,
    struct diag *d)
{
	int kind;

	if ((kind = file_kind(file, buf, len, d)) < 0)
		return -1;
	if (kind == KIND_PATIENT)
		return check_patient(c, file, buf, len, d);
	if (kind == KIND_PROTOCOL)
		return check_protocol(c, file, buf, len, d);
	return check_other(c, kind, file, buf, len, d);
}

static void
check_fail(void *arg, int status)
{
	struct check *c = arg;

	if (c->status == 0)
		c->status = status;
}

/* Checks one file; 1 when it is a folder, to be walked (operands.h). */
static int
check_file(void *arg, const char *file, int listed)
{
	struct check *c = arg;
	struct diag d = { 0 };
	char *buf;
	size_t len;
	int rc;

	if ((rc = cmd_read(file, listed, &buf, &len)) == CMD_FOLDER)
		return 1;
	if (rc == 0) {
		if (check_text(c, file, buf, len, &d) != 0) {
			diag_print(stderr, &d);
			rc = EX_DATAERR;
		}
		free(buf);
	}
	diag_release(&d);
	check_fail(c, rc);
	return 0;
}

int
cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "clinic",	required_argument,	NULL, 'C' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "protocols",	required_argument,	NULL, 'P' },
		OPERANDS_OPTIONS,
		{ NULL,		0,			NULL, 0 }
	};
	const char *protodir = NULL, *clinicpath = NULL;
	struct operands files;
	struct check c;
	long long now;
	int ch, today;

	memset(&files, 0, sizeof(files));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (operands_option(&files, ch, optarg))
			continue;
		switch (ch) {
		case 'C':
			clinicpath = optarg;
			break;
		case 'h':
			return cmd_usage(stdout, "check", 0);
		case 'P':
			protodir = optarg;
			break;
		default:
			return cmd_usage(stderr, "check", EX_USAGE);
		}
	}
	memset(&c, 0, sizeof(c));
	if ((c.status = operands_open(&files, "file", argv + optind,
	    argc - optind)) != 0)
		return c.status == EX_USAGE ? cmd_usage(stderr, "check",
		    c.status) : c.status;
	if ((c.status = cmd_today(&today, &now)) != 0 ||
	    (c.status = cmd_open(&c.load, "check", protodir, clinicpath,
	    NULL, today)) != 0) {
		operands_close(&files);
		return c.status;
	}
	operands_each(&files, check_file, check_fail, &c);
	operands_close(&files);
	load_release(&c.load);
	return c.status;
}
