#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk.h"

/*
 * The walk over operands, folders and lists of names.  Each test runs
 * in a fresh temporary folder; what a walk gives is written as one line
 * per item ("file NAME", "link NAME", "empty NAME", "bad N:C E", ...)
 * with the folder's own path left out, and compared whole.
 */

#define PATHBUF	(PATH_MAX + 256)	/* a path under the test folder */

struct wt {
	char	dir[256];
	char	path[PATH_MAX + 256];
	char	got[65536];
};

static const char *
at(struct wt *t, const char *name)
{
	snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, name);
	return t->path;
}

static void
put_bytes(struct wt *t, const char *name, const char *text, size_t len)
{
	FILE *fp;

	if ((fp = fopen(at(t, name), "w")) == NULL)
		fail_msg("%s: %s", t->path, strerror(errno));
	fwrite(text, 1, len, fp);
	fclose(fp);
}

static void
put(struct wt *t, const char *name)
{
	put_bytes(t, name, "patient: x\n", 11);
}

static void
folder(struct wt *t, const char *name)
{
	if (mkdir(at(t, name), 0700) != 0)
		fail_msg("mkdir %s: %s", t->path, strerror(errno));
}

static void
link_to(struct wt *t, const char *target, const char *name)
{
	if (symlink(target, at(t, name)) != 0)
		fail_msg("symlink %s: %s", t->path, strerror(errno));
}

static int
setup(void **state)
{
	struct wt *t;
	const char *tmp;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	*state = t;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(t->dir, sizeof(t->dir), "%s/prolo-walk.XXXXXX", tmp);
	return mkdtemp(t->dir) == NULL ? -1 : 0;
}

static int
remove_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	chmod(path, 0700);	/* a folder a test made unreadable */
	return remove(path);
}

static int
teardown(void **state)
{
	struct wt *t = *state;
	int rc;

	rc = nftw(t->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(t);
	return rc;
}

/* The item as a line, the test folder's path cut from its name. */
static void
item_line(struct wt *t, const struct walk_item *it, char *buf, size_t size)
{
	static const char *const names[] = {
		[WALK_END] = "end", [WALK_FILE] = "file",
		[WALK_ERROR] = "error", [WALK_NOTREG] = "notreg",
		[WALK_LINK] = "link",
		[WALK_LOOP] = "loop", [WALK_EMPTY] = "empty",
		[WALK_BADNAME] = "bad"
	};
	const char *path = it->path ? it->path : "";
	size_t n = strlen(t->dir);

	if (strncmp(path, t->dir, n) == 0 && path[n] == '/')
		path += n + 1;
	if (it->event == WALK_BADNAME)
		snprintf(buf, size, "bad %d:%d %d\n", it->entry, it->col,
		    it->err);
	else if (it->event == WALK_ERROR)
		snprintf(buf, size, "error %s %s\n", path, strerror(it->err));
	else if (it->event == WALK_FILE && it->found)
		snprintf(buf, size, "found %s\n", path);
	else
		snprintf(buf, size, "%s %s\n", names[it->event], path);
}

/*
 * Every item of w up to the end, as lines, into t->got; frees w.  As a
 * reader does, a file named that is a folder is walked (walk_enter())
 * rather than given.
 */
static const char *
drain(struct wt *t, struct walk *w)
{
	struct walk_item it;
	struct stat st;
	char line[3 * PATH_MAX];
	size_t n = 0;

	assert_non_null(w);
	t->got[0] = '\0';
	for (;;) {
		walk_next(w, &it);
		if (it.event == WALK_END)
			break;
		if (it.event == WALK_FILE && !it.found &&
		    strcmp(it.path, "-") != 0 && stat(it.path, &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			walk_enter(w);
			continue;
		}
		item_line(t, &it, line, sizeof(line));
		assert_true(n + strlen(line) < sizeof(t->got));
		memcpy(t->got + n, line, strlen(line) + 1);
		n += strlen(line);
	}
	/* The end stays the end. */
	walk_next(w, &it);
	assert_int_equal(it.event, WALK_END);
	walk_free(w);
	return t->got;
}

/* Walks the one operand name (under the test folder). */
static const char *
walk_one(struct wt *t, const char *name)
{
	char path[PATHBUF], *argv[1];

	snprintf(path, sizeof(path), "%s", at(t, name));
	argv[0] = path;
	return drain(t, walk_operands(argv, 1));
}

/*
 * Byte order of whole paths, as LC_ALL=C sort gives it: "a-b/" and
 * "a.yaml" come before "a/", capitals before small letters, UTF-8 after
 * ASCII; *.yaml and *.yml in any case are patient files, nothing else.
 * A FIFO of that name is told of, never given to be opened.
 */
static void
torture_walk_order(void **state)
{
	struct wt *t = *state;

	folder(t, "p");
	folder(t, "p/a");
	folder(t, "p/a-b");
	folder(t, "p/a/deep");
	put(t, "p/a/x.yaml");
	put(t, "p/a/deep/y.yml");
	put(t, "p/a-b/x.yaml");
	put(t, "p/a.yaml");
	put(t, "p/B.yaml");
	put(t, "p/b.YAML");
	put(t, "p/c.Yml");
	put(t, "p/\xc3\xa9.yaml");
	put(t, "p/readme.txt");
	put(t, "p/yaml");
	put(t, "p/x.yaml.bak");
	if (mkfifo(at(t, "p/f.yaml"), 0600) != 0 ||
	    mkfifo(at(t, "p/fifo"), 0600) != 0)
		fail_msg("mkfifo: %s", strerror(errno));
	assert_string_equal(walk_one(t, "p"),
	    "found p/B.yaml\n"
	    "found p/a-b/x.yaml\n"
	    "found p/a.yaml\n"
	    "found p/a/deep/y.yml\n"
	    "found p/a/x.yaml\n"
	    "found p/b.YAML\n"
	    "found p/c.Yml\n"
	    "notreg p/f.yaml\n"
	    "found p/\xc3\xa9.yaml\n");
}

/* Hidden files and folders are skipped, but a hidden folder named is walked. */
static void
torture_walk_hidden(void **state)
{
	struct wt *t = *state;

	folder(t, "p");
	folder(t, "p/.git");
	folder(t, "p/.old");
	put(t, "p/.git/x.yaml");
	put(t, "p/.old/y.yaml");
	put(t, "p/.z.yaml");
	put(t, "p/z.yaml");
	assert_string_equal(walk_one(t, "p"), "found p/z.yaml\n");
	assert_string_equal(walk_one(t, "p/.old"), "found p/.old/y.yaml\n");
}

/*
 * Links inside a folder are not followed, and are told of when they
 * lead to a folder or bear a patient file's name: a loop back up, a
 * link out of the tree, a link to a patient in it, a dangling one.  A
 * link to anything else is no patient and passes unseen.  A link named
 * as the operand is followed.
 */
static void
torture_walk_links(void **state)
{
	struct wt *t = *state;

	folder(t, "p");
	folder(t, "p/sub");
	folder(t, "out");
	put(t, "out/o.yaml");
	put(t, "p/sub/a.yaml");
	put(t, "notes.txt");
	link_to(t, "..", "p/sub/up");
	link_to(t, ".", "p/self");
	link_to(t, "../../out", "p/sub/out");
	link_to(t, "sub/a.yaml", "p/again.yaml");
	link_to(t, "nowhere.yaml", "p/gone.yaml");
	link_to(t, "../notes.txt", "p/notes");
	assert_string_equal(walk_one(t, "p"),
	    "link p/again.yaml\n"
	    "link p/gone.yaml\n"
	    "link p/self\n"
	    "found p/sub/a.yaml\n"
	    "link p/sub/out\n"
	    "link p/sub/up\n");
	link_to(t, "p", "named");
	assert_string_equal(walk_one(t, "named"),
	    "link named/again.yaml\n"
	    "link named/gone.yaml\n"
	    "link named/self\n"
	    "found named/sub/a.yaml\n"
	    "link named/sub/out\n"
	    "link named/sub/up\n");
}

/*
 * A folder with no patient file, however deep, is told of once, by the
 * name given; one that has one somewhere is not, whatever else is empty.
 */
static void
torture_walk_empty(void **state)
{
	struct wt *t = *state;

	folder(t, "e");
	assert_string_equal(walk_one(t, "e"), "empty e\n");
	folder(t, "e/a");
	folder(t, "e/a/b");
	put(t, "e/a/b/notes.txt");
	put(t, "e/.x.yaml");
	assert_string_equal(walk_one(t, "e/"), "empty e/\n");
	folder(t, "e/c");
	put(t, "e/c/p.yml");
	assert_string_equal(walk_one(t, "e"), "found e/c/p.yml\n");
}

/*
 * Operands keep their order and their own names: a file, a missing one
 * and "-" are given as they are, for the reader to open or refuse; a
 * folder's trailing slashes are not doubled in its files' paths.
 */
static void
torture_walk_operands(void **state)
{
	struct wt *t = *state;
	char p1[PATHBUF], p2[PATHBUF], p3[PATHBUF], p4[PATHBUF];
	char *argv[5];

	folder(t, "p");
	put(t, "p/z.yaml");
	put(t, "a.txt");
	snprintf(p1, sizeof(p1), "%s", at(t, "p//"));
	snprintf(p2, sizeof(p2), "%s", at(t, "a.txt"));
	snprintf(p3, sizeof(p3), "%s", at(t, "missing.yaml"));
	snprintf(p4, sizeof(p4), "%s", at(t, "p"));
	argv[0] = p2;
	argv[1] = p1;
	argv[2] = "-";
	argv[3] = p3;
	argv[4] = p4;
	assert_string_equal(drain(t, walk_operands(argv, 5)),
	    "file a.txt\n"
	    "found p/z.yaml\n"
	    "file -\n"
	    "file missing.yaml\n"
	    "found p/z.yaml\n");
}

/*
 * Removes the chain of n folders name/name/... under folder at, which
 * is too deep for nftw()'s paths: by relative steps, deepest first.
 */
static void
remove_deep(const char *at_path, const char *name, int n)
{
	int here, i;

	if ((here = open(".", O_RDONLY | O_DIRECTORY)) < 0 ||
	    chdir(at_path) != 0)
		fail_msg("chdir: %s", strerror(errno));
	for (i = 0; i < n - 1; i++)
		if (chdir(name) != 0)
			fail_msg("chdir: %s", strerror(errno));
	for (i = 0; i < n; i++)
		if (rmdir(name) != 0 || (i < n - 1 && chdir("..") != 0))
			fail_msg("rmdir: %s", strerror(errno));
	if (fchdir(here) != 0)
		fail_msg("fchdir: %s", strerror(errno));
	close(here);
}

/*
 * A folder that cannot be read is an error at its name, and the walk
 * goes on.  Permissions do not bind root, so the folder is made
 * unreachable by its path's length instead (longer than PATH_MAX),
 * which binds everyone; an unreadable one is tried too when not root.
 */
static void
torture_walk_unreadable(void **state)
{
	struct wt *t = *state;
	char name[201], want[PATH_MAX * 2];
	const char *got;
	int fd, nfd = -1, i;

	folder(t, "p");
	put(t, "p/a.yaml");
	put(t, "p/z.yaml");
	memset(name, 'd', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	if ((fd = open(at(t, "p"), O_RDONLY | O_DIRECTORY)) < 0)
		fail_msg("open: %s", strerror(errno));
	for (i = 0; i < PATH_MAX / 200 + 1; i++) {
		if (mkdirat(fd, name, 0700) != 0 ||
		    (nfd = openat(fd, name, O_RDONLY | O_DIRECTORY)) < 0)
			fail_msg("mkdirat: %s", strerror(errno));
		close(fd);
		fd = nfd;
	}
	close(fd);
	got = walk_one(t, "p");
	assert_int_equal(strncmp(got, "found p/a.yaml\nerror p/ddd", 26), 0);
	assert_non_null(strstr(got, "dd File name too long\n"
	    "found p/z.yaml\n"));
	remove_deep(at(t, "p"), name, i);
	if (geteuid() == 0)
		return;
	folder(t, "q");
	folder(t, "q/locked");
	put(t, "q/m.yaml");
	chmod(at(t, "q/locked"), 0);
	snprintf(want, sizeof(want), "error q/locked %s\nfound q/m.yaml\n",
	    strerror(EACCES));
	assert_string_equal(walk_one(t, "q"), want);
}

static const char *
walk_file_list(struct wt *t, const char *name, int delim)
{
	char path[PATHBUF];

	snprintf(path, sizeof(path), "%s", at(t, name));
	return drain(t, walk_list(path, delim));
}

/*
 * A list of lines: names as they are, spaces and all, blank lines
 * skipped, the last line with or without its newline, a folder walked.
 */
static void
torture_walk_list_lines(void **state)
{
	struct wt *t = *state;
	char text[4 * PATH_MAX];

	folder(t, "p");
	put(t, "p/b.yaml");
	put(t, " lead and trail .yaml ");
	snprintf(text, sizeof(text), "%s/ lead and trail .yaml \n\n\n"
	    "%s/p\nnot-yaml.txt\n-\n\nlast", t->dir, t->dir);
	put_bytes(t, "list", text, strlen(text));
	assert_string_equal(walk_file_list(t, "list", '\n'),
	    "file  lead and trail .yaml \n"
	    "found p/b.yaml\n"
	    "file not-yaml.txt\n"
	    "file -\n"
	    "file last\n");
}

/*
 * A NUL-separated list: newlines belong to the names; an empty entry is
 * an error at its number, and the rest still come.
 */
static void
torture_walk_list_nul(void **state)
{
	struct wt *t = *state;
	static const char text[] = "new\nline.yaml\0\0tab\there\0last\n";

	put_bytes(t, "list0", text, sizeof(text) - 1);
	assert_string_equal(walk_file_list(t, "list0", '\0'),
	    "file new\nline.yaml\n"
	    "bad 2:1 1\n"
	    "file tab\there\n"
	    "file last\n\n");
}

/*
 * What a list cannot name: a NUL in a list of lines (a -print0 list
 * given to --files-from) stops it at its line and column; a name
 * longer than PATH_MAX; "-" when standard input is taken.
 */
static void
torture_walk_list_bad(void **state)
{
	struct wt *t = *state;
	static const char nul[] = "a.yaml\nb\0c.yaml\0d.yaml\n";
	char *text, want[64];
	int saved;

	put_bytes(t, "nul", nul, sizeof(nul) - 1);
	assert_string_equal(walk_file_list(t, "nul", '\n'),
	    "file a.yaml\n"
	    "bad 2:2 2\n");
	text = malloc(WALK_NAME_MAX + 32);
	memset(text, 'n', WALK_NAME_MAX + 1);
	memcpy(text + WALK_NAME_MAX + 1, "\nok.yaml\n", 10);
	put_bytes(t, "long", text, strlen(text));
	snprintf(want, sizeof(want), "bad 1:1 %d\nfile ok.yaml\n", WALK_ELONG);
	assert_string_equal(walk_file_list(t, "long", '\n'), want);
	/* Exactly the longest name is a name. */
	memcpy(text + WALK_NAME_MAX, "\n", 2);
	put_bytes(t, "longest", text, strlen(text));
	assert_int_equal(strlen(walk_file_list(t, "longest", '\n')),
	    strlen("file \n") + WALK_NAME_MAX);
	free(text);
	put_bytes(t, "dash", "-\nx\n-\n", 6);
	snprintf(want, sizeof(want), "file -\nfile x\nbad 3:1 %d\n",
	    WALK_ESTDIN2);
	assert_string_equal(walk_file_list(t, "dash", '\n'), want);
	/* The list is standard input: no entry can be it too. */
	saved = dup(STDIN_FILENO);
	assert_true(freopen(at(t, "dash"), "r", stdin) != NULL);
	snprintf(want, sizeof(want), "bad 1:1 %d\nfile x\nbad 3:1 %d\n",
	    WALK_ESTDIN, WALK_ESTDIN);
	assert_string_equal(drain(t, walk_list("-", '\n')), want);
	dup2(saved, STDIN_FILENO);
	close(saved);
	clearerr(stdin);
}

/*
 * A list with no name in it is told of once, by the list's name (err 1,
 * where a folder's is 0); one that cannot be opened is NULL, with errno.
 */
static void
torture_walk_list_empty(void **state)
{
	struct wt *t = *state;
	char path[PATHBUF];
	struct walk_item it;
	struct walk *w;

	put_bytes(t, "blank", "\n\n\n", 3);
	snprintf(path, sizeof(path), "%s", at(t, "blank"));
	w = walk_list(path, '\n');
	walk_next(w, &it);
	assert_int_equal(it.event, WALK_EMPTY);
	assert_int_equal(it.err, 1);
	assert_string_equal(it.path, path);
	walk_next(w, &it);
	assert_int_equal(it.event, WALK_END);
	walk_free(w);
	put_bytes(t, "none", "", 0);
	assert_string_equal(walk_file_list(t, "none", '\0'), "empty none\n");
	errno = 0;
	assert_null(walk_list(at(t, "missing"), '\n'));
	assert_int_equal(errno, ENOENT);
	folder(t, "dir");
	snprintf(path, sizeof(path), "error dir %s\n", strerror(EISDIR));
	assert_string_equal(walk_file_list(t, "dir", '\n'), path);
}

/* strcmp() on two pointers to names, for the oracle's qsort. */
static int
by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Many files in many folders, with names whose bytes straddle '/' and
 * '.': the walk's order is that of the whole paths sorted with
 * strcmp(), computed here independently of how the walk sorts.
 */
static void
torture_walk_many(void **state)
{
	static const char *const parts[] = { "a", "a-", "a.", "a0", "A",
	    "b", "a b", "\xc3\xa9", "a.yaml", "z" };
	struct wt *t = *state;
	char **want, name[PATH_MAX], line[PATH_MAX + 8], *exp, *p;
	size_t n = 0, i, j, k, len;

	folder(t, "m");
	want = calloc(1000, sizeof(*want));
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "m/%s", parts[i]);
		if (strcmp(parts[i], "a.yaml") == 0)
			continue;	/* a file of that name, below */
		folder(t, name);
		for (j = 0; j < 10; j++)
			for (k = 0; k < 9; k++) {
				snprintf(name, sizeof(name), "m/%s/%s%s",
				    parts[i], parts[j], k % 2 ? ".yaml" :
				    k % 3 ? ".yml" : ".YAML");
				if (access(at(t, name), F_OK) == 0)
					continue;
				put(t, name);
				want[n++] = strdup(name);
			}
	}
	put(t, "m/a.yaml");
	want[n++] = strdup("m/a.yaml");
	qsort(want, n, sizeof(*want), by_bytes);
	exp = malloc(n * (PATH_MAX + 8));
	for (i = 0, p = exp; i < n; i++) {
		len = (size_t)snprintf(line, sizeof(line), "found %s\n",
		    want[i]);
		memcpy(p, line, len + 1);
		p += len;
		free(want[i]);
	}
	free(want);
	assert_string_equal(walk_one(t, "m"), exp);
	free(exp);
}

#define TEST(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(torture_walk_order),
		TEST(torture_walk_hidden),
		TEST(torture_walk_links),
		TEST(torture_walk_empty),
		TEST(torture_walk_operands),
		TEST(torture_walk_unreadable),
		TEST(torture_walk_list_lines),
		TEST(torture_walk_list_nul),
		TEST(torture_walk_list_bad),
		TEST(torture_walk_list_empty),
		TEST(torture_walk_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
