#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "care.h"
#include "cmd.h"
#include "diag.h"
#include "file.h"
#include "library.h"
#include "patient.h"
#include "protocol.h"
#include "tree.h"
#include "xalloc.h"

/*
 * prolo check: validates patient and protocol files without planning.
 * A file whose top-level mapping has a "patient" key is a patient file;
 * any other is a protocol file.
 */

struct check {
	struct care	*care;
	struct library	*library;
	int		 status;
};

static int
is_patient_file(const char *file, const char *buf, size_t len,
    struct diag *d)
{
	const struct node *root;
	struct tree *t;
	size_t i;
	int found;

	if ((t = tree_parse(file, buf, len, d)) == NULL)
		return -1;
	root = tree_root(t);
	found = 0;
	for (i = 0; root->kind == NODE_MAP && i < root->n; i++)
		if (root->pairs[i].key->kind == NODE_SCALAR &&
		    strcmp(root->pairs[i].key->text, "patient") == 0)
			found = 1;
	tree_free(t);
	return found;
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

	id = library_id_of(c, file);
	p = protocol_load(file, buf, len, id, c->care, d);
	free(id);
	protocol_free(p);
	return p ? 0 : -1;
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
	else if ((kind = is_patient_file(file, buf, len, &d)) >= 0) {
		if ((kind ? check_patient(c, file, buf, len, &d) :
		    check_protocol(c, file, buf, len, &d)) == 0) {
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
	c.library = library_new(cmd_protocols_dir(protodir, &freeme), c.care);
	free(freeme);
	for (i = optind; i < argc; i++)
		check_file(&c, argv[i]);
	library_free(c.library);
	care_free(c.care);
	return c.status;
}
