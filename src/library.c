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
		protocol_free(e->protocol);
		diag_release(&e->diag);
		free(e);
	}
	free(lib->dir);
	free(lib);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
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

/* The library id nearest a mistyped one, from the folder's file names. */
static char *
suggest_id(const struct library *lib, const char *id)
{
	struct strv ids = { 0 };
	struct dirent *de;
	const char *near;
	char *out;
	DIR *dir;
	size_t len;

	if ((dir = opendir(lib->dir)) == NULL)
		return NULL;
	while ((de = readdir(dir)) != NULL) {
		len = strlen(de->d_name);
		if (len > 5 && ends_with(de->d_name, ".yaml"))
			strv_pushn(&ids, de->d_name, len - 5);
	}
	closedir(dir);
	near = schema_suggest(id, (const char *const *)ids.v, ids.n);
	out = near ? xstrdup(near) : NULL;
	strv_release(&ids);
	return out;
}

static struct entry *
add_entry(struct library *lib, const char *path)
{
	struct entry *e;

	e = xcalloc(1, sizeof(*e));
	e->path = xstrdup(path);
	e->next = lib->entries;
	lib->entries = e;
	return e;
}

static struct entry *
cached(struct library *lib, const char *path)
{
	struct entry *e;

	for (e = lib->entries; e != NULL; e = e->next)
		if (strcmp(e->path, path) == 0)
			return e;
	return NULL;
}

/* The patient names a protocol that cannot be read: say so at the name. */
static int
unreadable(struct library *lib, const struct patient *p, int by_id, int err,
    struct diag *d)
{
	char q[128], hint[96], *near;

	diag_quote(q, sizeof(q), p->protocol, strlen(p->protocol));
	if (!by_id || (err != ENOENT && err != ENOTDIR))
		return diag_set(d, p->file, p->at_protocol.line,
		    p->at_protocol.col, D_PROTO_READ, q, strerror(err));
	hint[0] = '\0';
	if ((near = suggest_id(lib, p->protocol)) != NULL)
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", near);
	free(near);
	return diag_set(d, p->file, p->at_protocol.line, p->at_protocol.col,
	    D_PROTO_UNKNOWN, q, hint);
}

/* Reads and validates a protocol file not seen before in this run. */
static struct entry *
load(struct library *lib, const struct patient *p, const char *path,
    int by_id, struct diag *d)
{
	struct entry *e;
	char *buf;
	size_t len;
	int err;

	if ((err = file_read(path, TREE_MAX_BYTES, &buf, &len)) != 0 &&
	    err != EFBIG) {
		unreadable(lib, p, by_id, err, d);
		return NULL;
	}
	e = add_entry(lib, path);
	if (err == EFBIG) {
		diag_set(&e->diag, path, 1, 1, D_TOO_LARGE, TREE_MAX_BYTES);
		return e;
	}
	e->protocol = protocol_load(path, buf, len, by_id ? p->protocol : NULL,
	    lib->care, &e->diag);
	free(buf);
	return e;
}

const struct protocol *
library_find(struct library *lib, const struct patient *p, struct diag *d)
{
	struct entry *e;
	char *path, q[128];
	int by_id;

	by_id = !is_path(p->protocol);
	if (by_id && !protocol_id_valid(p->protocol, strlen(p->protocol))) {
		diag_quote(q, sizeof(q), p->protocol, strlen(p->protocol));
		diag_set(d, p->file, p->at_protocol.line, p->at_protocol.col,
		    D_PROTO_REF, q);
		return NULL;
	}
	path = by_id ? xasprintf("%s/%s.yaml", lib->dir, p->protocol) :
	    resolve(p->file, p->protocol);
	if ((e = cached(lib, path)) == NULL &&
	    (e = load(lib, p, path, by_id, d)) == NULL) {
		free(path);
		return NULL;
	}
	free(path);
	if (e->protocol == NULL) {
		diag_copy(d, &e->diag);
		diag_add_note(d, p->file, p->at_protocol.line,
		    p->at_protocol.col, D_NOTE_PROTOCOL);
	}
	return e->protocol;
}
