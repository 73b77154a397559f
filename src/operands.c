#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <sys/stat.h>

#include "diag.h"
#include "file.h"
#include "operands.h"
#include "walk.h"
#include "xalloc.h"

int
operands_option(struct operands *o, int ch, const char *arg)
{
	if (ch != OPERANDS_FILES_FROM && ch != OPERANDS_FILES0_FROM)
		return 0;
	o->list = arg;
	o->delim = ch == OPERANDS_FILES0_FROM ? '\0' : '\n';
	o->nlists++;
	return 1;
}

static const char *
list_option(const struct operands *o)
{
	return o->delim == '\0' ? "--files0-from" : "--files-from";
}

/* A list entry that names no file, at its line (or entry) and column. */
static int
bad_name(const struct walk_item *it)
{
	static const enum diag_code codes[] = {
		[WALK_EEMPTY] = D_NAMES_EMPTY,
		[WALK_ENUL] = D_NAMES_NUL,
		[WALK_ELONG] = D_NAMES_LONG,
		[WALK_ESTDIN] = D_NAMES_STDIN,
		[WALK_ESTDIN2] = D_NAMES_STDIN2,
	};
	struct diag d = { 0 };

	diag_set(&d, it->path, it->entry, it->col, codes[it->err],
	    WALK_NAME_MAX);
	diag_print(stderr, &d);
	diag_release(&d);
	return EX_DATAERR;
}

/*
 * What a walk's item other than a file says, on standard error: 0 for
 * a warning, else the exit status it counts as.
 */
static int
report(const struct operands *o, const struct walk_item *it)
{
	char name[DIAG_NAME_MAX];

	diag_name(name, sizeof(name), it->path);
	switch (it->event) {
	case WALK_ERROR:
		fprintf(stderr, "prolo: %s: %s\n", name, strerror(it->err));
		return EX_NOINPUT;
	case WALK_NOTREG:
		fprintf(stderr, "prolo: %s: %s\n", name,
		    file_strerror(FILE_ENOTREG));
		return EX_NOINPUT;
	case WALK_LINK:
		fprintf(stderr, "prolo: %s: warning: a symbolic link in a "
		    "folder is not followed; name it on its own to read "
		    "it\n", name);
		return 0;
	case WALK_LOOP:
		fprintf(stderr, "prolo: %s: warning: this folder is inside "
		    "itself, and is read once\n", name);
		return 0;
	case WALK_EMPTY:
		if (it->err)
			fprintf(stderr, "prolo: %s: no file names in the "
			    "list (%s)\n", name, list_option(o));
		else
			fprintf(stderr, "prolo: %s: no *.yaml or *.yml files "
			    "in this folder\n", name);
		return EX_USAGE;
	case WALK_BADNAME:
		return bad_name(it);
	default:
		return 0;
	}
}

/*
 * The next file, its failures on the way reported: *path is NULL at
 * the end.  Returns the status of the first failure met, else 0.
 */
static int
next_file(struct operands *o, const char **path, int *found)
{
	struct walk_item it;
	int rc, status = 0;

	for (;;) {
		walk_next(o->walk, &it);
		if (it.event == WALK_FILE || it.event == WALK_END) {
			*path = it.path;
			*found = it.found;
			return status;
		}
		if ((rc = report(o, &it)) != 0 && status == 0)
			status = rc;
	}
}

/* "prolo: message" on standard error; returns 64. */
static int
usage(const char *fmt, ...)
{
	va_list ap;

	fputs("prolo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EX_USAGE;
}

/*
 * The operands (what they are, for the message): at least one, and
 * standard input at most once, since a second "-" would read nothing
 * and be taken for an empty file.
 */
static int
check_operands(const char *what, char **argv, int n)
{
	int i, stdin_seen;

	if (n == 0)
		return usage("no %s given", what);
	for (i = 0, stdin_seen = 0; i < n; i++)
		if (strcmp(argv[i], "-") == 0 && stdin_seen++)
			return usage("standard input (-) can be read only "
			    "once");
	return 0;
}

/*
 * The operands (argv, n), or the list; never both, as GNU du and wc
 * refuse "file operands cannot be combined with --files0-from": which
 * would come first is anyone's guess, and a census booked in another
 * order books other slots.
 */
static int
open_walk(struct operands *o, const char *what, char **argv, int n)
{
	char name[DIAG_NAME_MAX];
	int rc;

	if (o->nlists > 1)
		return usage("one list of files can be given (--files-from "
		    "or --files0-from), not %d", o->nlists);
	if (o->list == NULL) {
		if ((rc = check_operands(what, argv, n)) != 0)
			return rc;
		o->walk = walk_operands(argv, n);
		return 0;
	}
	if (n > 0)
		return usage("file operands cannot be combined with %s",
		    list_option(o));
	if ((o->walk = walk_list(o->list, o->delim)) == NULL) {
		fprintf(stderr, "prolo: %s: %s\n", diag_name(name,
		    sizeof(name), o->list), strerror(errno));
		return EX_NOINPUT;
	}
	return 0;
}

static int
is_folder(const char *path)
{
	struct stat st;

	return strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode);
}

int
operands_open(struct operands *o, const char *what, char **argv, int n)
{
	const char *path;
	int rc;

	if ((rc = open_walk(o, what, argv, n)) != 0)
		return rc;
	/*
	 * The files named are told from folders by reading them, later;
	 * to know now that there is something to read, the first few are
	 * looked at.
	 */
	for (;;) {
		rc = next_file(o, &path, &o->first_found);
		if (o->pending == 0)
			o->pending = rc;
		if (path == NULL || o->first_found || !is_folder(path))
			break;
		walk_enter(o->walk);
	}
	if (path != NULL) {
		o->first = xstrdup(path);
		return 0;
	}
	/* Nothing to read at all. */
	rc = o->pending != 0 ? o->pending : EX_USAGE;
	operands_close(o);
	return rc;
}

/*
 * The next file (*path NULL at the end) and whether it was found in a
 * folder; the return is 0, or the status of a failure reported on the
 * way, with or without a file.
 */
static int
operands_next(struct operands *o, const char **path, int *found)
{
	int rc;

	if (o->pending != 0) {
		rc = o->pending;
		o->pending = 0;
		*path = NULL;
		return rc;
	}
	if (o->given == 0 && o->first != NULL) {
		o->given++;
		*path = o->first;
		*found = o->first_found;
		return 0;
	}
	if ((rc = next_file(o, path, found)) == 0 && *path != NULL)
		o->given++;
	return rc;
}

void
operands_each(struct operands *o, int (*file)(void *, const char *, int),
    void (*fail)(void *, int), void *arg)
{
	const char *path;
	int found, rc;

	for (;;) {
		rc = operands_next(o, &path, &found);
		if (rc != 0)
			fail(arg, rc);
		else if (path == NULL)
			break;
		if (path != NULL && file(arg, path, found) != 0)
			walk_enter(o->walk);
	}
}

void
operands_close(struct operands *o)
{
	walk_free(o->walk);
	o->walk = NULL;
	free(o->first);
	o->first = NULL;
}
