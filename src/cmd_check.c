#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "care.h"
#include "clinic.h"
#include "drugs.h"
#include "cmd.h"
#include "diag.h"
#include "file.h"
#include "library.h"
#include "patient.h"
#include "protocol.h"
#include "rules.h"
#include "tree.h"
#include "xalloc.h"

/*
 * prolo check: validates patient, protocol, clinic and care files
 * without planning, telling them apart by their top-level keys.
 */

struct check {
	struct care	*care;
	struct drugs	*drugs;
	struct library	*library;
	int		 status;
};

enum kind {
	KIND_PATIENT,	/* a top-level "patient" key */
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
	kind = has_key(root, "patient") ? KIND_PATIENT :
	    has_key(root, "id") ? KIND_PROTOCOL :
	    has_key(root, "sections") ? KIND_CARE :
	    has_key(root, "classes") ? KIND_DRUGS : KIND_CLINIC;
	tree_free(t);
	return kind;
}

static int
check_other(int kind, const char *file, const char *buf, size_t len,
    const struct drugs *drugs, struct diag *d)
{
	struct clinic *cl;
	int rc;
	struct drugs *dr;
	struct care *ca;

	if (kind == KIND_DRUGS) {
		dr = drugs_load(file, buf, len, d);
		drugs_free(dr);
		return dr ? 0 : -1;
	}
	if (kind == KIND_CARE) {
		ca = care_load(file, buf, len, d);
		care_free(ca);
		return ca ? 0 : -1;
	}
	cl = clinic_load(file, buf, len, d);
	rc = cl == NULL || rules_check_classes(&cl->rules, drugs, d) != 0 ?
	    -1 : 0;
	clinic_free(cl);
	return rc;
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
	    realpath(library_dir(c->library), lib) != NULL &&
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
	int rc;

	id = library_id_of(c, file);
	p = protocol_load(file, buf, len, id, c->care, d);
	free(id);
	rc = p == NULL || protocol_check_classes(p, c->drugs, d) != 0 ? -1 : 0;
	protocol_free(p);
	return rc;
}

static int
check_patient(struct check *c, const char *file, const char *buf,
    size_t len, struct diag *d)
{
	const struct protocol *pr;
	struct patient *p;
	int rc;

	if ((p = patient_load(file, buf, len, d)) == NULL)
		return -1;
	rc = (pr = library_find(c->library, p, d)) == NULL ||
	    protocol_check_classes(pr, c->drugs, d) != 0 ||
	    patient_apply(p, pr, d) != 0 ? -1 : 0;
	patient_free(p);
	return rc;
}

static void
check_file(struct check *c, const char *file)
{
	struct diag d = { 0 };
	char *buf;
	size_t len;
	int err, kind;

	if ((err = file_read(file, TREE_MAX_BYTES, &buf, &len)) != 0 &&
	    err != EFBIG) {
		fprintf(stderr, "prolo: %s: %s\n", file, strerror(err));
		if (c->status == 0)
			c->status = EX_NOINPUT;
		return;
	}
	if (err == EFBIG)
		diag_set(&d, file, 1, 1, D_TOO_LARGE, TREE_MAX_BYTES);
	else if ((kind = file_kind(file, buf, len, &d)) >= 0) {
		if ((kind == KIND_PATIENT ? check_patient(c, file, buf, len,
		    &d) : kind == KIND_PROTOCOL ? check_protocol(c, file, buf,
		    len, &d) : check_other(kind, file, buf, len, c->drugs, &d)) == 0) {
			free(buf);
			return;
		}
	}
	if (err != EFBIG)
		free(buf);
	diag_print(stderr, &d);
	diag_release(&d);
	if (c->status == 0)
		c->status = EX_DATAERR;
}

int
cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help",	no_argument,		NULL, 'h' },
		{ "protocols",	required_argument,	NULL, 'P' },
		{ NULL,		0,			NULL, 0 }
	};
	struct check c;
	const char *protodir = NULL;
	char *freeme;
	int ch, i;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			return cmd_usage(stdout, "check", 0);
		case 'P':
			protodir = optarg;
			break;
		default:
			return cmd_usage(stderr, "check", EX_USAGE);
		}
	}
	if (optind == argc)
		return cmd_usage_error("check", "no file given");
	memset(&c, 0, sizeof(c));
	if ((c.care = cmd_load_care(NULL, 0)) == NULL)
		return EX_DATAERR;
	if ((c.drugs = cmd_load_drugs()) == NULL) {
		care_free(c.care);
		return EX_DATAERR;
	}
	c.library = library_new(cmd_protocols_dir(protodir, &freeme), c.care);
	free(freeme);
	for (i = optind; i < argc; i++)
		check_file(&c, argv[i]);
	library_free(c.library);
	drugs_free(c.drugs);
	care_free(c.care);
	return c.status;
}
