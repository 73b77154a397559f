#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "file.h"
#include "library.h"
#include "patient.h"
#include "protocol.h"
#include "schema.h"
#include "strv.h"
#include "tree.h"
#include "xalloc.h"

struct entry {
	char		*path;
	char		*id;		/* read as a library id, its id
					   checked; NULL: read by path */
	struct protocol	*protocol;	/* NULL if it failed to load */
	struct diag	 diag;		/* why, when it failed */
	struct entry	*next;
};

struct library {
	char			*dir;
	const struct care	*care;
	struct entry		*entries;
};

struct library *
library_new(const char *dir, const struct care *care)
{
	struct library *lib;

	lib = xcalloc(1, sizeof(*lib));
	lib->dir = xstrdup(dir);
	lib->care = care;
	return lib;
}

void
library_free(struct library *lib)
{
	struct entry *e, *next;

	if (lib == NULL)
		return;
	for (e = lib->entries; e != NULL; e = next) {
		next = e->next;
		free(e->path);
		free(e->id);
		protocol_free(e->protocol);
		diag_release(&e->diag);
		free(e);
	}
	free(lib->dir);
	free(lib);
}

const char *
library_dir(const struct library *lib)
{
	return lib->dir;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The library's ids, sorted: its NAME.yaml files.  Returns 0 or an errno. */
int
library_ids(const struct library *lib, struct strv *ids)
{
	struct dirent *de;
	size_t len;
	DIR *dir;

	if ((dir = opendir(lib->dir)) == NULL)
		return errno;
	while ((de = readdir(dir)) != NULL) {
		len = strlen(de->d_name);
		if (len > 5 && ends_with(de->d_name, ".yaml") &&
		    schema_id_valid(de->d_name, len - 5))
			strv_pushn(ids, de->d_name, len - 5);
	}
	closedir(dir);
	qsort(ids->v, ids->n, sizeof(*ids->v), cmp_str);
	return 0;
}

/* The library id nearest a mistyped one, or NULL; the caller frees it. */
char *
library_suggest(const struct library *lib, const char *id)
{
	struct strv ids = { 0 };
	const char *near;
	char *out;

	if (library_ids(lib, &ids) != 0)
		return NULL;
	near = schema_suggest(id, (const char *const *)ids.v, ids.n);
	out = near ? xstrdup(near) : NULL;
	strv_release(&ids);
	return out;
}

/*
 * A file is cached once for each way it is named: a library file's id
 * must match its name, a file named by path may carry any id, so one
 * read cannot answer both and the first use must not decide for the
 * other.
 */
static struct entry *
cached(struct library *lib, const char *path, int by_id)
{
	struct entry *e;

	for (e = lib->entries; e != NULL; e = e->next)
		if ((e->id != NULL) == by_id && strcmp(e->path, path) == 0)
			return e;
	return NULL;
}

/*
 * The entry for a protocol file, read and validated the first time.
 * Returns NULL with *err set when the file cannot be read at all; a
 * file that is read but invalid is an entry holding its error.
 */
static struct entry *
entry_get(struct library *lib, const char *path, const char *want_id,
    int *err)
{
	struct entry *e;
	char *buf;
	size_t len;

	if ((e = cached(lib, path, want_id != NULL)) != NULL)
		return e;
	if ((*err = file_read_regular(path, TREE_MAX_BYTES, &buf, &len)) != 0 &&
	    *err != EFBIG)
		return NULL;
	e = xcalloc(1, sizeof(*e));
	e->path = xstrdup(path);
	e->id = want_id != NULL ? xstrdup(want_id) : NULL;
	e->next = lib->entries;
	lib->entries = e;
	if (*err == EFBIG) {
		diag_set(&e->diag, path, 1, 1, D_TOO_LARGE, TREE_MAX_BYTES);
		return e;
	}
	e->protocol = protocol_load(path, buf, len, want_id, lib->care,
	    &e->diag);
	free(buf);
	return e;
}

static const struct protocol *
entry_result(const struct entry *e, struct diag *d)
{
	if (e->protocol == NULL)
		diag_copy(d, &e->diag);
	return e->protocol;
}

/* DIR/ID.yaml, built without printf: it is looked up for every patient. */
static char *
id_path(const char *dir, const char *id)
{
	size_t dl, il;
	char *path;

	dl = strlen(dir);
	il = strlen(id);
	path = xmalloc(dl + il + sizeof("/.yaml"));
	memcpy(path, dir, dl);
	path[dl] = '/';
	memcpy(path + dl + 1, id, il);
	memcpy(path + dl + 1 + il, ".yaml", sizeof(".yaml"));
	return path;
}

/*
 * A library protocol by id.  NULL with the diag filled when the file is
 * invalid or unreadable, or NULL with the diag's code D_NONE when the
 * library has no such protocol.
 */
const struct protocol *
library_get(struct library *lib, const char *id, struct diag *d)
{
	struct entry *e;
	char *path;
	int err;

	diag_release(d);
	if (!schema_id_valid(id, strlen(id)))
		return NULL;
	/* One read by id already is found by it, without its path. */
	for (e = lib->entries; e != NULL; e = e->next)
		if (e->id != NULL && strcmp(e->id, id) == 0)
			return entry_result(e, d);
	path = id_path(lib->dir, id);
	e = entry_get(lib, path, id, &err);
	if (e == NULL && err != ENOENT && err != ENOTDIR)
		diag_set(d, path, 0, 0, D_READ, file_strerror(err));
	free(path);
	return e ? entry_result(e, d) : NULL;
}

/* A reference is a path when it has a '/' or a YAML file name. */
static int
is_path(const char *ref)
{
	return strchr(ref, '/') != NULL || ends_with(ref, ".yaml") ||
	    ends_with(ref, ".yml");
}

/* A relative path is taken from the folder of the patient file. */
static char *
resolve(const char *patient_file, const char *ref)
{
	const char *slash;

	if (ref[0] == '/' || strcmp(patient_file, "-") == 0 ||
	    (slash = strrchr(patient_file, '/')) == NULL)
		return xstrdup(ref);
	return xasprintf("%.*s/%s", (int)(slash - patient_file),
	    patient_file, ref);
}

/*
 * A library id that names no protocol: the nearest id as a hint, or, when
 * the folder itself cannot be read (PROLO_PROTOCOLS=/nonexistent), why.
 */
static void
unknown_id(const struct library *lib, const struct patient *p,
    struct diag *d)
{
	struct strv ids = { 0 };
	const char *near;
	char q[128], name[DIAG_NAME_MAX], hint[DIAG_NAME_MAX + 128];
	int err;

	diag_quote(q, sizeof(q), p->protocol, strlen(p->protocol));
	hint[0] = '\0';
	if ((err = library_ids(lib, &ids)) != 0)
		snprintf(hint, sizeof(hint), " (the protocol folder '%s' cannot "
		    "be read: %s)", diag_name(name, sizeof(name), lib->dir),
		    strerror(err));
	else if ((near = schema_suggest(p->protocol,
	    (const char *const *)ids.v, ids.n)) != NULL)
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", near);
	strv_release(&ids);
	diag_set(d, p->file, p->at_protocol.line, p->at_protocol.col,
	    D_PROTO_UNKNOWN, q, hint);
}

static const struct protocol *
find_by_id(struct library *lib, const struct patient *p, struct diag *d)
{
	const struct protocol *pr;

	if ((pr = library_get(lib, p->protocol, d)) != NULL ||
	    d->code != D_NONE)
		return pr;
	unknown_id(lib, p, d);
	return NULL;
}

static const struct protocol *
find_by_path(struct library *lib, const struct patient *p, struct diag *d)
{
	struct entry *e;
	char *path, q[128];
	int err;

	path = resolve(p->file, p->protocol);
	e = entry_get(lib, path, NULL, &err);
	free(path);
	if (e != NULL)
		return entry_result(e, d);
	diag_quote(q, sizeof(q), p->protocol, strlen(p->protocol));
	diag_set(d, p->file, p->at_protocol.line, p->at_protocol.col,
	    D_PROTO_READ, q, file_strerror(err));
	return NULL;
}

/*
 * The protocol a patient names.  A protocol file's own errors are
 * reported in that file, with a note at the patient's reference; a
 * reference that leads nowhere is reported at the reference.
 */
const struct protocol *
library_find(struct library *lib, const struct patient *p, struct diag *d)
{
	const struct protocol *pr;
	char q[128];
	int by_path;

	by_path = is_path(p->protocol);
	if (!by_path && !schema_id_valid(p->protocol, strlen(p->protocol))) {
		diag_quote(q, sizeof(q), p->protocol, strlen(p->protocol));
		diag_set(d, p->file, p->at_protocol.line, p->at_protocol.col,
		    D_PROTO_REF, q);
		return NULL;
	}
	pr = by_path ? find_by_path(lib, p, d) : find_by_id(lib, p, d);
	if (pr == NULL && d->file != NULL && strcmp(d->file, p->file) != 0)
		diag_add_note(d, p->file, p->at_protocol.line,
		    p->at_protocol.col, D_NOTE_PROTOCOL);
	return pr;
}
