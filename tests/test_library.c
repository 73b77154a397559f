#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "care.h"
#include "diag.h"
#include "file.h"
#include "library.h"
#include "patient.h"
#include "protocol.h"
#include "strv.h"
#include "tree.h"
#include "xalloc.h"

/*
 * The protocol library: protocols found by id in a folder and by path
 * from a patient file's folder, each file read once per run (proved by
 * deleting or rewriting it between lookups), and every way a reference
 * can fail, with the place its message points at.  Folders are built
 * in a temporary directory from small protocol texts written here; the
 * happy path also uses the shipped data/protocols, so the tests run
 * from the repository root.  In the tables, a name starting "@/" is in
 * the temporary directory.
 */

/* A valid protocol with the given id. */
#define PROTO(id)	"id: " id "\n" PROTO_BODY
#define PROTO_BODY \
	"name: Test protocol\n" \
	"solution: 15% dextrose\n" \
	"sites: [knee]\n" \
	"visits: {min: 4, max: 10, default: 5}\n" \
	"injections: {min: 4, max: 30}\n" \
	"interval_days: {min: 14, max: 21, preferred: 21}\n" \
	"max_course_days: 183\n"

/* The same with an interval below the hard limit, refused at 7:22. */
#define PROTO_BAD(id) \
	"id: " id "\n" \
	"name: Test protocol\n" \
	"solution: 15% dextrose\n" \
	"sites: [knee]\n" \
	"visits: {min: 4, max: 10, default: 5}\n" \
	"injections: {min: 4, max: 30}\n" \
	"interval_days: {min: 5, max: 21, preferred: 21}\n" \
	"max_course_days: 183\n"

#define BAD_LINE	7
#define BAD_COL		22
#define BAD_MSG		"interval_days min must be between 7 and 91 (got '5')"
#define BIG_MSG		"file is larger than 1048576 bytes"

/* Where the tests' patients name their protocol. */
#define REF_LINE	3
#define REF_COL		11

struct lt {
	struct care	*care;		/* data/care.yaml */
	struct library	*lib;		/* the test's; freed by teardown */
	char		 dir[PATH_MAX];	/* the temporary directory */
	int		 made;		/* dir exists, to be removed */
	struct strv	 paths;		/* names built under it */
};

static int
setup(void **state)
{
	struct diag d = { 0 };
	const char *tmp;
	struct lt *t;
	char *buf;
	size_t len;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	*state = t;
	if (file_read("data/care.yaml", TREE_MAX_BYTES, &buf, &len) != 0)
		return -1;
	t->care = care_load("data/care.yaml", buf, len, &d);
	free(buf);
	diag_release(&d);
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(t->dir, sizeof(t->dir), "%s/prolo-library.XXXXXX", tmp);
	if (t->care == NULL || mkdtemp(t->dir) == NULL)
		return -1;
	t->made = 1;
	return 0;
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
	struct lt *t = *state;
	int rc;

	library_free(t->lib);
	care_free(t->care);
	/* Depth first, and never following a link out of the folder. */
	rc = t->made ? nftw(t->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) :
	    0;
	strv_release(&t->paths);
	free(t);
	return rc;
}

/* A name as the tables write it: "@/x" is x in the temporary directory. */
static const char *
at(struct lt *t, const char *name)
{
	char *path;

	if (strncmp(name, "@/", 2) != 0)
		return name;
	path = xasprintf("%s/%s", t->dir, name + 2);
	strv_push(&t->paths, path);
	free(path);
	return t->paths.v[t->paths.n - 1];
}

/* Writes text to a file; NULL text makes a file over the size limit. */
static void
put(struct lt *t, const char *name, const char *text)
{
	const char *path = at(t, name);
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	fputs(text ? text : PROTO("big"), fp);
	if (fclose(fp) != 0)
		fail_msg("%s: %s", path, strerror(errno));
	if (text == NULL && truncate(path, TREE_MAX_BYTES + 1) != 0)
		fail_msg("%s: %s", path, strerror(errno));
}

static void
folder(struct lt *t, const char *name)
{
	if (mkdir(at(t, name), 0700) != 0)
		fail_msg("%s: %s", name, strerror(errno));
}

/* A patient as library_find() sees it: its file, and where it names ref. */
static void
patient_naming(struct patient *p, const char *file, const char *ref)
{
	memset(p, 0, sizeof(*p));
	p->file = (char *)file;
	p->protocol = (char *)ref;
	p->at_protocol.line = REF_LINE;
	p->at_protocol.col = REF_COL;
}

static int
same_diag(const struct diag *a, const struct diag *b)
{
	return a->code == b->code && a->line == b->line && a->col == b->col &&
	    strcmp(a->msg, b->msg) == 0 && a->file != NULL &&
	    b->file != NULL && strcmp(a->file, b->file) == 0;
}

/* Every shipped protocol by its id, from its own file, read once. */
static void
torture_library_get_shipped(void **state)
{
	struct lt *t = *state;
	const struct protocol *p;
	struct strv ids = { 0 };
	struct diag d = { 0 };
	char dir[] = "data/protocols", want[PATH_MAX];
	size_t i;

	t->lib = library_new(dir, t->care);
	dir[0] = 'X';		/* the library keeps a copy of its folder */
	assert_string_equal(library_dir(t->lib), "data/protocols");
	assert_int_equal(library_ids(t->lib, &ids), 0);
	assert_int_equal(ids.n, 7);
	for (i = 0; i < ids.n; i++) {
		if ((p = library_get(t->lib, ids.v[i], &d)) == NULL)
			fail_msg("%s: %s: %s", ids.v[i], d.file, d.msg);
		snprintf(want, sizeof(want), "data/protocols/%s.yaml",
		    ids.v[i]);
		assert_string_equal(p->id, ids.v[i]);
		assert_string_equal(p->path, want);
		if (library_get(t->lib, ids.v[i], &d) != p)
			fail_msg("%s: a second lookup gave another protocol",
			    ids.v[i]);
		assert_int_equal(d.code, D_NONE);
	}
	strv_release(&ids);
}

/*
 * Each library file is read once: after the first lookup the file is
 * deleted (when it loaded) or made valid (when it did not), and the
 * second lookup must still give the first answer.
 */
static const struct once_case {
	const char	*id;
	const char	*text;		/* NULL: over the size limit */
	int		 line;		/* 0: it loads */
	int		 col;
	const char	*msg;
} once_cases[] = {
	{ "good", PROTO("good"), 0, 0, NULL },
	{ "bad", PROTO_BAD("bad"), BAD_LINE, BAD_COL, BAD_MSG },
	{ "big", NULL, 1, 1, BIG_MSG },
};

static void
torture_library_get_read_once(void **state)
{
	struct lt *t = *state;
	const struct once_case *c;
	const struct protocol *p;
	struct diag d = { 0 }, first = { 0 };
	char name[64], *valid;
	size_t i;

	folder(t, "@/lib");
	t->lib = library_new(at(t, "@/lib"), t->care);
	for (i = 0; i < sizeof(once_cases) / sizeof(*once_cases); i++) {
		c = &once_cases[i];
		snprintf(name, sizeof(name), "@/lib/%s.yaml", c->id);
		put(t, name, c->text);
		p = library_get(t->lib, c->id, &d);
		if (c->line == 0 ? p == NULL : p != NULL)
			fail_msg("case %zu (%s): %s", i, c->id,
			    p ? "loaded" : d.msg);
		if (c->line != 0 && (d.line != c->line || d.col != c->col ||
		    strcmp(d.msg, c->msg) != 0 ||
		    strcmp(d.file, at(t, name)) != 0))
			fail_msg("case %zu (%s): got %s:%d:%d: %s", i, c->id,
			    d.file, d.line, d.col, d.msg);
		diag_copy(&first, &d);
		if (c->line == 0)
			assert_int_equal(unlink(at(t, name)), 0);
		else {
			valid = xasprintf("id: %s\n%s", c->id, PROTO_BODY);
			put(t, name, valid);
			free(valid);
		}
		if (library_get(t->lib, c->id, &d) != p)
			fail_msg("case %zu (%s): read again", i, c->id);
		if (c->line == 0 ? d.code != D_NONE : !same_diag(&d, &first))
			fail_msg("case %zu (%s): second answer %d:%d: %s", i,
			    c->id, d.line, d.col, d.msg);
	}
	diag_release(&first);
	diag_release(&d);
}

/*
 * Lookups by id that fail.  D_NONE means the library has no such
 * protocol, which is not an error of any file: the caller says so in
 * its own words.  An id that is not a library id is never looked up,
 * so "../x" cannot reach a file outside the folder.  A diag holding an
 * earlier error must come back empty, or that error would be reported.
 */
static const struct get_case {
	const char	*dir;
	const char	*id;
	enum diag_code	 code;
	const char	*file;
	int		 line;
	int		 col;
	const char	*msg;
} get_cases[] = {
	{ "@/lib", "nope", D_NONE, NULL, 0, 0, NULL },
	{ "@/lib", "Good", D_NONE, NULL, 0, 0, NULL },
	{ "@/lib", "../x", D_NONE, NULL, 0, 0, NULL },
	{ "@/lib", "good.yaml", D_NONE, NULL, 0, 0, NULL },
	{ "@/lib", "", D_NONE, NULL, 0, 0, NULL },
	{ "@/missing", "good", D_NONE, NULL, 0, 0, NULL },
	{ "@/plain", "good", D_NONE, NULL, 0, 0, NULL },
	{ "@/lib", "dir", D_READ, "@/lib/dir.yaml", 0, 0,
	    "cannot read file: Is a directory" },
	{ "@/lib", "knee", D_PROTO_ID, "@/lib/knee.yaml", 1, 5,
	    "'id' 'other' does not match the file name 'knee'" },
	/* The sections a protocol may replace are the care text's. */
	{ "@/lib", "care-bad", D_CARE_SECTION, "@/lib/care-bad.yaml", 10, 3,
	    "unknown care section 'notse' (did you mean 'notes'?)" },
};

static void
torture_library_get_refused(void **state)
{
	struct lt *t = *state;
	const struct get_case *c;
	struct library *lib;
	struct diag d = { 0 };
	size_t i;

	folder(t, "@/lib");
	folder(t, "@/lib/dir.yaml");
	put(t, "@/lib/good.yaml", PROTO("good"));
	put(t, "@/lib/knee.yaml", PROTO("other"));
	put(t, "@/lib/care-bad.yaml", PROTO("care-bad")
	    "care:\n  notse: [Rest.]\n");
	put(t, "@/x.yaml", PROTO("x"));
	put(t, "@/plain", "not a folder\n");
	for (i = 0; i < sizeof(get_cases) / sizeof(*get_cases); i++) {
		c = &get_cases[i];
		lib = library_new(at(t, c->dir), t->care);
		diag_set(&d, "stale.yaml", 1, 1, D_EMPTY, "x");
		diag_add_note(&d, "stale.yaml", 2, 2, D_NOTE_PROTOCOL);
		if (library_get(lib, c->id, &d) != NULL)
			fail_msg("case %zu (%s): loaded", i, c->id);
		if (d.code != c->code)
			fail_msg("case %zu (%s): code %d, want %d: %s", i,
			    c->id, d.code, c->code, d.msg);
		if (c->code == D_NONE && (d.file != NULL || d.note != NULL))
			fail_msg("case %zu (%s): stale diag kept", i, c->id);
		if (c->code != D_NONE && (strcmp(d.file, at(t, c->file)) != 0 ||
		    d.line != c->line || d.col != c->col ||
		    strcmp(d.msg, c->msg) != 0 || d.note != NULL))
			fail_msg("case %zu (%s): got %s:%d:%d: %s", i, c->id,
			    d.file, d.line, d.col, d.msg);
		diag_release(&d);
		library_free(lib);
	}
}

/* A protocol's care sections reach the loader with the library's care. */
static void
torture_library_get_care(void **state)
{
	struct lt *t = *state;
	const struct protocol *p;
	struct diag d = { 0 };

	folder(t, "@/lib");
	put(t, "@/lib/care-ok.yaml", PROTO("care-ok")
	    "care:\n  notes: [Rest the knee.]\n");
	t->lib = library_new(at(t, "@/lib"), t->care);
	if ((p = library_get(t->lib, "care-ok", &d)) == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_int_equal(p->ncare, 1);
	assert_string_equal(p->care[0].section, "notes");
	assert_int_equal(protocol_care(p, 0, "en")->n, 1);
	assert_string_equal(protocol_care(p, 0, "en")->v[0], "Rest the knee.");
}

/*
 * An id is the library's, found as library_get() finds it, never a
 * file of the same name beside the patient.
 */
static void
torture_library_find_by_id(void **state)
{
	struct lt *t = *state;
	const struct protocol *p, *byid;
	struct patient pt;
	struct diag d = { 0 };

	folder(t, "@/pat");
	put(t, "@/pat/knee-oa.yaml", PROTO("local"));
	put(t, "@/pat/knee-oa", PROTO("local"));
	t->lib = library_new("data/protocols", t->care);
	patient_naming(&pt, at(t, "@/pat/p.yaml"), "knee-oa");
	if ((p = library_find(t->lib, &pt, &d)) == NULL)
		fail_msg("%s:%d:%d: %s", d.file, d.line, d.col, d.msg);
	assert_int_equal(d.code, D_NONE);
	assert_null(d.file);
	assert_string_equal(p->id, "knee-oa");
	assert_string_equal(p->path, "data/protocols/knee-oa.yaml");
	byid = library_get(t->lib, "knee-oa", &d);
	assert_ptr_equal(byid, p);
}

/*
 * A path is taken from the patient file's folder, unless it is
 * absolute or the patient came from standard input or the current
 * folder; its id need not match its file name.
 */
static const struct path_case {
	const char	*file;		/* the patient file */
	const char	*ref;
	const char	*path;		/* the protocol's, as read */
	const char	*id;
} path_cases[] = {
	{ "@/pat/p.yaml", "protos/mine.yaml", "@/pat/protos/mine.yaml",
	    "mine-id" },
	{ "@/pat/p.yaml", "local.yaml", "@/pat/local.yaml", "local" },
	{ "@/pat/p.yaml", "short.yml", "@/pat/short.yml", "short" },
	{ "@/pat/sub/deep/p.yaml", "../../protos/mine.yaml",
	    "@/pat/sub/deep/../../protos/mine.yaml", "mine-id" },
	{ "elsewhere/p.yaml", "@/abs.yaml", "@/abs.yaml", "abs" },
	{ "p.yaml", "data/protocols/knee-oa.yaml",
	    "data/protocols/knee-oa.yaml", "knee-oa" },
	{ "-", "data/protocols/low-back.yaml", "data/protocols/low-back.yaml",
	    "low-back" },
};

static void
torture_library_find_by_path(void **state)
{
	struct lt *t = *state;
	const struct path_case *c;
	const struct protocol *p;
	struct patient pt;
	struct diag d = { 0 };
	size_t i;

	folder(t, "@/pat");
	folder(t, "@/pat/protos");
	folder(t, "@/pat/sub");
	folder(t, "@/pat/sub/deep");
	put(t, "@/pat/protos/mine.yaml", PROTO("mine-id"));
	put(t, "@/pat/local.yaml", PROTO("local"));
	put(t, "@/pat/short.yml", PROTO("short"));
	put(t, "@/abs.yaml", PROTO("abs"));
	/* A library with a file of every name, to be passed over. */
	folder(t, "@/lib");
	put(t, "@/lib/local.yaml", PROTO("wrong"));
	put(t, "@/lib/short.yml", PROTO("wrong"));
	t->lib = library_new(at(t, "@/lib"), t->care);
	for (i = 0; i < sizeof(path_cases) / sizeof(*path_cases); i++) {
		c = &path_cases[i];
		patient_naming(&pt, at(t, c->file), at(t, c->ref));
		if ((p = library_find(t->lib, &pt, &d)) == NULL)
			fail_msg("case %zu (%s): %s:%d:%d: %s", i, c->ref,
			    d.file, d.line, d.col, d.msg);
		if (strcmp(p->path, at(t, c->path)) != 0 ||
		    strcmp(p->id, c->id) != 0)
			fail_msg("case %zu (%s): got %s from %s", i, c->ref,
			    p->id, p->path);
		assert_int_equal(d.code, D_NONE);
	}
}

/*
 * A file named by path is read once too, whichever patient names it
 * next; a failure's note points at the patient that asked this time.
 */
static void
torture_library_find_read_once(void **state)
{
	struct lt *t = *state;
	const struct protocol *p;
	struct patient one, two;
	struct diag d = { 0 };

	folder(t, "@/pat");
	folder(t, "@/pat/protos");
	put(t, "@/pat/protos/mine.yaml", PROTO("mine"));
	put(t, "@/pat/protos/bad.yaml", PROTO_BAD("bad"));
	t->lib = library_new("data/protocols", t->care);

	patient_naming(&one, at(t, "@/pat/one.yaml"), "protos/mine.yaml");
	patient_naming(&two, at(t, "@/pat/two.yaml"), "protos/mine.yaml");
	two.at_protocol.line = 5;
	p = library_find(t->lib, &one, &d);
	assert_non_null(p);
	assert_int_equal(unlink(at(t, "@/pat/protos/mine.yaml")), 0);
	assert_ptr_equal(library_find(t->lib, &two, &d), p);
	assert_int_equal(d.code, D_NONE);

	one.protocol = two.protocol = (char *)"protos/bad.yaml";
	assert_null(library_find(t->lib, &one, &d));
	assert_string_equal(d.file, at(t, "@/pat/protos/bad.yaml"));
	assert_string_equal(d.msg, BAD_MSG);
	assert_non_null(d.note);
	assert_int_equal(d.note->line, REF_LINE);
	diag_release(&d);
	put(t, "@/pat/protos/bad.yaml", PROTO("bad"));
	assert_null(library_find(t->lib, &two, &d));
	assert_string_equal(d.file, at(t, "@/pat/protos/bad.yaml"));
	assert_int_equal(d.line, BAD_LINE);
	assert_int_equal(d.col, BAD_COL);
	assert_string_equal(d.msg, BAD_MSG);
	assert_non_null(d.note);
	assert_string_equal(d.note->file, two.file);
	assert_int_equal(d.note->line, 5);
	diag_release(&d);
}

/*
 * References that lead nowhere, reported at the patient's protocol key
 * with the reference quoted (at most 40 characters, control characters
 * escaped), and no note: the place is the patient's own.
 */
static const struct ref_case {
	const char	*ref;
	enum diag_code	 code;
	const char	*msg;
} ref_cases[] = {
	{ "Knee OA", D_PROTO_REF, "'protocol' must be a library id (a-z, 0-9, "
	    "'-') or a path to a .yaml file, not 'Knee OA'" },
	{ "knee_oa", D_PROTO_REF, "'protocol' must be a library id (a-z, 0-9, "
	    "'-') or a path to a .yaml file, not 'knee_oa'" },
	{ "knee-oa.json", D_PROTO_REF, "'protocol' must be a library id (a-z, "
	    "0-9, '-') or a path to a .yaml file, not 'knee-oa.json'" },
	{ "knee\toa", D_PROTO_REF, "'protocol' must be a library id (a-z, "
	    "0-9, '-') or a path to a .yaml file, not 'knee\\x09oa'" },
	{ "knee-ao", D_PROTO_UNKNOWN,
	    "unknown protocol 'knee-ao' (did you mean 'knee-oa'?)" },
	{ "low-bakc", D_PROTO_UNKNOWN,
	    "unknown protocol 'low-bakc' (did you mean 'low-back'?)" },
	{ "shoulder", D_PROTO_UNKNOWN, "unknown protocol 'shoulder'" },
	{ "protos/none.yaml", D_PROTO_READ, "cannot read protocol file "
	    "'protos/none.yaml': No such file or directory" },
	{ "none.yml", D_PROTO_READ, "cannot read protocol file 'none.yml': "
	    "No such file or directory" },
	{ "folder.yaml", D_PROTO_READ, "cannot read protocol file "
	    "'folder.yaml': Is a directory" },
	{ "protos/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.yaml",
	    D_PROTO_READ, "cannot read protocol file "
	    "'protos/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...': "
	    "No such file or directory" },
};

static void
torture_library_find_refused(void **state)
{
	struct lt *t = *state;
	const struct ref_case *c;
	struct patient pt;
	struct diag d = { 0 };
	size_t i;

	folder(t, "@/pat");
	folder(t, "@/pat/folder.yaml");
	t->lib = library_new("data/protocols", t->care);
	for (i = 0; i < sizeof(ref_cases) / sizeof(*ref_cases); i++) {
		c = &ref_cases[i];
		patient_naming(&pt, at(t, "@/pat/p.yaml"), c->ref);
		if (library_find(t->lib, &pt, &d) != NULL)
			fail_msg("case %zu (%s): loaded", i, c->ref);
		if (d.code != c->code || strcmp(d.msg, c->msg) != 0)
			fail_msg("case %zu: got %d: %s; want %d: %s", i,
			    d.code, d.msg, c->code, c->msg);
		if (strcmp(d.file, pt.file) != 0 || d.line != REF_LINE ||
		    d.col != REF_COL || d.note != NULL)
			fail_msg("case %zu (%s): at %s:%d:%d%s", i, c->ref,
			    d.file, d.line, d.col,
			    d.note ? " with a note" : "");
		diag_release(&d);
	}
}

/*
 * A protocol file's own error is reported in that file, and a note
 * points at the patient's reference, whether by path or by id.
 */
static const struct own_case {
	const char	*ref;
	const char	*file;
	int		 line;
	int		 col;
	const char	*msg;
} own_cases[] = {
	{ "protos/bad.yaml", "@/pat/protos/bad.yaml", BAD_LINE, BAD_COL,
	    BAD_MSG },
	{ "protos/big.yaml", "@/pat/protos/big.yaml", 1, 1, BIG_MSG },
	{ "bad", "@/lib/bad.yaml", BAD_LINE, BAD_COL, BAD_MSG },
	{ "big", "@/lib/big.yaml", 1, 1, BIG_MSG },
	{ "knee", "@/lib/knee.yaml", 1, 5,
	    "'id' 'other' does not match the file name 'knee'" },
	{ "dir", "@/lib/dir.yaml", 0, 0, "cannot read file: Is a directory" },
};

static void
torture_library_find_protocol_error(void **state)
{
	struct lt *t = *state;
	const struct own_case *c;
	struct patient pt;
	struct diag d = { 0 };
	size_t i;

	folder(t, "@/pat");
	folder(t, "@/pat/protos");
	put(t, "@/pat/protos/bad.yaml", PROTO_BAD("any"));
	put(t, "@/pat/protos/big.yaml", NULL);
	folder(t, "@/lib");
	folder(t, "@/lib/dir.yaml");
	put(t, "@/lib/bad.yaml", PROTO_BAD("bad"));
	put(t, "@/lib/big.yaml", NULL);
	put(t, "@/lib/knee.yaml", PROTO("other"));
	t->lib = library_new(at(t, "@/lib"), t->care);
	for (i = 0; i < sizeof(own_cases) / sizeof(*own_cases); i++) {
		c = &own_cases[i];
		patient_naming(&pt, at(t, "@/pat/p.yaml"), c->ref);
		if (library_find(t->lib, &pt, &d) != NULL)
			fail_msg("case %zu (%s): loaded", i, c->ref);
		if (strcmp(d.file, at(t, c->file)) != 0 || d.line != c->line ||
		    d.col != c->col || strcmp(d.msg, c->msg) != 0 ||
		    diag_class(d.code) != DIAG_DATA)
			fail_msg("case %zu (%s): got %s:%d:%d: %s", i, c->ref,
			    d.file, d.line, d.col, d.msg);
		if (d.note == NULL || d.note->code != D_NOTE_PROTOCOL ||
		    strcmp(d.note->file, pt.file) != 0 ||
		    d.note->line != REF_LINE || d.note->col != REF_COL ||
		    strcmp(d.note->msg, "protocol named here") != 0 ||
		    d.note->note != NULL)
			fail_msg("case %zu (%s): no note at the reference", i,
			    c->ref);
		diag_release(&d);
	}
}

/*
 * A library file whose id is not its name is refused when named by id
 * and accepted when named by path, in whichever order a run meets the
 * two: the first must not decide for the second.
 */
static void
torture_library_find_named_both_ways(void **state)
{
	struct lt *t = *state;
	struct patient bypath, byid;
	const struct patient *order[2];
	const struct protocol *p;
	struct diag d = { 0 };
	size_t round, i;

	folder(t, "@/lib");
	put(t, "@/lib/knee.yaml", PROTO("other"));
	patient_naming(&bypath, at(t, "@/a.yaml"), at(t, "@/lib/knee.yaml"));
	patient_naming(&byid, at(t, "@/b.yaml"), "knee");
	for (round = 0; round < 2; round++) {
		order[round] = &bypath;
		order[1 - round] = &byid;
		t->lib = library_new(at(t, "@/lib"), t->care);
		for (i = 0; i < 2; i++) {
			p = library_find(t->lib, order[i], &d);
			if (order[i] == &bypath && (p == NULL ||
			    strcmp(p->id, "other") != 0))
				fail_msg("round %zu: by path refused: %s",
				    round, d.msg);
			if (order[i] == &byid && (p != NULL ||
			    d.code != D_PROTO_ID))
				fail_msg("round %zu: by id %s", round,
				    p ? "accepted" : d.msg);
			diag_release(&d);
		}
		library_free(t->lib);
		t->lib = NULL;
	}
}

/* The ids are the NAME.yaml files whose NAME is an id, sorted. */
static void
torture_library_ids(void **state)
{
	static const char *const names[] = {
		"b-2.yaml", "z9.yaml", "a.yaml", "Upper.yaml",
		"under_score.yaml", "x.yml", ".yaml", "notes.txt",
		"c.yaml.bak", ".hidden.yaml", "yaml",
	};
	static const char *const shipped[] = {
		"achilles-tendinopathy", "knee-oa", "lateral-epicondylosis",
		"low-back", "plantar-fasciitis", "rotator-cuff", "standard",
	};
	struct lt *t = *state;
	struct library *lib;
	struct strv ids = { 0 };
	char name[64];
	size_t i;

	folder(t, "@/lib");
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(name, sizeof(name), "@/lib/%s", names[i]);
		put(t, name, PROTO("x"));
	}
	lib = library_new(at(t, "@/lib"), t->care);
	assert_int_equal(library_ids(lib, &ids), 0);
	assert_int_equal(ids.n, 3);
	assert_string_equal(ids.v[0], "a");
	assert_string_equal(ids.v[1], "b-2");
	assert_string_equal(ids.v[2], "z9");
	strv_release(&ids);
	library_free(lib);

	lib = library_new("data/protocols", t->care);
	assert_int_equal(library_ids(lib, &ids), 0);
	assert_int_equal(ids.n, sizeof(shipped) / sizeof(*shipped));
	for (i = 0; i < ids.n; i++)
		assert_string_equal(ids.v[i], shipped[i]);
	strv_release(&ids);
	library_free(lib);

	lib = library_new(at(t, "@/missing"), t->care);
	assert_int_equal(library_ids(lib, &ids), ENOENT);
	assert_int_equal(ids.n, 0);
	library_free(lib);
}

static const struct suggest_case {
	const char	*id;
	const char	*want;		/* NULL: nothing near */
} suggest_cases[] = {
	{ "knee-ao", "knee-oa" },
	{ "standrad", "standard" },
	{ "low-bak", "low-back" },
	{ "rotator-cuf", "rotator-cuff" },
	{ "shoulder", NULL },
	{ "x", NULL },
};

static void
torture_library_suggest(void **state)
{
	struct lt *t = *state;
	const struct suggest_case *c;
	struct library *lib;
	char *near;
	size_t i;

	t->lib = library_new("data/protocols", t->care);
	for (i = 0; i < sizeof(suggest_cases) / sizeof(*suggest_cases); i++) {
		c = &suggest_cases[i];
		near = library_suggest(t->lib, c->id);
		if (c->want == NULL ? near != NULL :
		    (near == NULL || strcmp(near, c->want) != 0))
			fail_msg("case %zu (%s): got %s", i, c->id,
			    near ? near : "(none)");
		free(near);
	}
	lib = library_new(at(t, "@/missing"), t->care);
	assert_null(library_suggest(lib, "knee-ao"));
	library_free(lib);
}

#define TEST(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(torture_library_get_shipped),
		TEST(torture_library_get_read_once),
		TEST(torture_library_get_refused),
		TEST(torture_library_get_care),
		TEST(torture_library_find_by_id),
		TEST(torture_library_find_by_path),
		TEST(torture_library_find_read_once),
		TEST(torture_library_find_refused),
		TEST(torture_library_find_protocol_error),
		TEST(torture_library_find_named_both_ways),
		TEST(torture_library_ids),
		TEST(torture_library_suggest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
