#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <signal.h>
#include <sysexits.h>
#include <unistd.h>

#include "clinic.h"
#include "file.h"
#include "library.h"
#include "load.h"
#include "output.h"

/*
 * The -o file in-process: what output_init() makes of each kind of
 * name (a new name, a regular file, links, a folder, a device, a FIFO,
 * standard output), what output_close() keeps and removes, and the
 * messages, with standard error sent to a file.  Each test has a fresh
 * temporary folder; device nodes are made there with mknod, and those
 * tests are skipped where that is not permitted.
 */

#define NAMES	16	/* names at() keeps at once */

struct ot {
	char	dir[256];
	char	err[1024];		/* what the last call said */
	int	saved;			/* the real standard error */
};

/*
 * DIR/name, in the next of NAMES buffers: a name stays valid for the
 * NAMES calls after, long enough for an output to borrow it.
 */
static char *
at(struct ot *t, const char *name)
{
	static char names[NAMES][PATH_MAX];
	static unsigned next;
	char *buf = names[next++ % NAMES];

	snprintf(buf, PATH_MAX, "%s/%s", t->dir, name);
	return buf;
}

static int
put(struct ot *t, const char *name, const char *text)
{
	FILE *fp;

	if ((fp = fopen(at(t, name), "w")) == NULL)
		return -1;
	fputs(text, fp);
	return fclose(fp);
}

/* The whole of a small file, or "" when there is none. */
static const char *
slurp(struct ot *t, const char *name)
{
	static char buf[4096];
	size_t n;
	FILE *fp;

	buf[0] = '\0';
	if ((fp = fopen(at(t, name), "r")) == NULL)
		return buf;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static int
setup(void **state)
{
	struct ot *t;
	const char *tmp;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	*state = t;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(t->dir, sizeof(t->dir), "%s/prolo-output.XXXXXX", tmp);
	if (mkdtemp(t->dir) == NULL)
		return -1;
	t->saved = -1;
	alarm(10);
	return 0;
}

/* Removes the folder and everything in it, one level of folders deep. */
static int
clean(const char *dir)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (unlink(path) != 0)
			clean(path);
	}
	closedir(d);
	return rmdir(dir);
}

static int
teardown(void **state)
{
	struct ot *t = *state;
	int rc;

	alarm(0);
	file_forbid(NULL);
	rc = clean(t->dir);
	free(t);
	return rc;
}

/* Standard error to a file until stderr_end() reads it back. */
static void
stderr_begin(struct ot *t)
{
	int fd;

	fflush(stderr);
	if ((fd = open(at(t, ".err"), O_WRONLY | O_CREAT | O_TRUNC,
	    0600)) < 0 || (t->saved = dup(STDERR_FILENO)) < 0 ||
	    dup2(fd, STDERR_FILENO) < 0)
		fail_msg("cannot redirect standard error: %s",
		    strerror(errno));
	close(fd);
}

static const char *
stderr_end(struct ot *t)
{
	size_t n;
	FILE *fp;

	fflush(stderr);
	dup2(t->saved, STDERR_FILENO);
	close(t->saved);
	t->saved = -1;
	t->err[0] = '\0';
	if ((fp = fopen(at(t, ".err"), "r")) != NULL) {
		n = fread(t->err, 1, sizeof(t->err) - 1, fp);
		t->err[n] = '\0';
		fclose(fp);
	}
	unlink(at(t, ".err"));
	return t->err;
}

/* "prolo: cannot create DIR/name: why\n", for the expected messages. */
static const char *
cannot(struct ot *t, const char *name, int err)
{
	static char buf[PATH_MAX + 128];

	snprintf(buf, sizeof(buf), "prolo: cannot create %s: %s\n",
	    at(t, name), strerror(err));
	return buf;
}

/* Whether the folder holds a temporary file. */
static int
has_temp(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int found = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, ".prolo-", 7) == 0)
			found = 1;
	closedir(d);
	return found;
}

/* output_init(), its message heard; returns its status. */
static int
init(struct ot *t, struct output *o, const char *name)
{
	int rc;

	stderr_begin(t);
	rc = output_init(o, name);
	stderr_end(t);
	return rc;
}

/* Writes text through the output and closes it with keep. */
static int
write_close(struct ot *t, struct output *o, const char *text, int keep)
{
	int rc;

	stderr_begin(t);
	if ((rc = output_open(o)) == 0) {
		fputs(text, o->fp);
		rc = output_close(o, keep);
	} else
		output_close(o, 0);
	stderr_end(t);
	return rc;
}

/* Standard output, named or not: nothing to replace, nothing to compare. */
static void
torture_output_init_stdout(void **state)
{
	struct ot *t = *state;
	struct output o;

	assert_int_equal(init(t, &o, NULL), 0);
	assert_int_equal(o.kind, OUTPUT_STDOUT);
	assert_null(o.name);
	assert_false(o.watched);
	output_close(&o, 0);
	assert_int_equal(init(t, &o, "-"), 0);
	assert_int_equal(o.kind, OUTPUT_STDOUT);
	assert_null(o.path);
	output_close(&o, 0);
}

/* A regular file is replaced, a new name created: the file's own path. */
static void
torture_output_init_regular(void **state)
{
	struct ot *t = *state;
	struct output o;
	struct stat st;

	assert_int_equal(init(t, &o, at(t, "new.csv")), 0);
	assert_int_equal(o.kind, OUTPUT_REPLACE);
	assert_false(o.watched);
	assert_string_equal(o.path, at(t, "new.csv"));
	output_close(&o, 1);
	assert_int_equal(access(at(t, "new.csv"), F_OK), -1);

	assert_int_equal(put(t, "old.csv", "old\n"), 0);
	assert_int_equal(stat(at(t, "old.csv"), &st), 0);
	assert_int_equal(init(t, &o, at(t, "old.csv")), 0);
	assert_int_equal(o.kind, OUTPUT_REPLACE);
	assert_true(o.watched);
	assert_true(o.dev == st.st_dev && o.ino == st.st_ino);
	output_close(&o, 0);
}

/*
 * Links are followed one at a time, each one's text read from its own
 * folder, to the file replaced or, past a dangling link, created.
 */
static void
torture_output_init_links(void **state)
{
	struct ot *t = *state;
	struct output o;

	assert_int_equal(mkdir(at(t, "sub"), 0700), 0);
	assert_int_equal(put(t, "sub/real.csv", "old\n"), 0);
	assert_int_equal(symlink("real.csv", at(t, "sub/link")), 0);
	assert_int_equal(symlink("sub/link", at(t, "chain")), 0);
	assert_int_equal(init(t, &o, at(t, "chain")), 0);
	assert_int_equal(o.kind, OUTPUT_REPLACE);
	assert_true(o.watched);
	assert_string_equal(o.path, at(t, "sub/real.csv"));
	output_close(&o, 0);

	assert_int_equal(symlink("sub/none.csv", at(t, "dangling")), 0);
	assert_int_equal(init(t, &o, at(t, "dangling")), 0);
	assert_false(o.watched);
	assert_string_equal(o.path, at(t, "sub/none.csv"));
	output_close(&o, 0);

	assert_int_equal(symlink(at(t, "abs.csv"), at(t, "absolute")), 0);
	assert_int_equal(init(t, &o, at(t, "absolute")), 0);
	assert_string_equal(o.path, at(t, "abs.csv"));
	output_close(&o, 0);

	assert_int_equal(symlink("loop2", at(t, "loop1")), 0);
	assert_int_equal(symlink("loop1", at(t, "loop2")), 0);
	assert_int_equal(init(t, &o, at(t, "loop1")), EX_CANTCREAT);
	assert_string_equal(t->err, cannot(t, "loop1", ELOOP));
}

static void
torture_output_init_refused(void **state)
{
	struct ot *t = *state;
	struct output o;

	assert_int_equal(mkdir(at(t, "folder"), 0700), 0);
	assert_int_equal(init(t, &o, at(t, "folder")), EX_CANTCREAT);
	assert_string_equal(t->err, cannot(t, "folder", EISDIR));
	assert_int_equal(put(t, "file", "x\n"), 0);
	assert_int_equal(init(t, &o, at(t, "file/x.csv")), EX_CANTCREAT);
	assert_string_equal(t->err, cannot(t, "file/x.csv", ENOTDIR));
}

/* A device or FIFO is written in place: never replaced, never chmod'ed. */
static void
torture_output_direct(void **state)
{
	struct ot *t = *state;
	struct output o;
	struct stat st;
	char want[PATH_MAX + 128], got[32];
	int rfd;

	assert_int_equal(mkfifo(at(t, "fifo"), 0640), 0);
	assert_int_equal(init(t, &o, at(t, "fifo")), 0);
	assert_int_equal(o.kind, OUTPUT_DIRECT);
	assert_true(o.watched);
	assert_null(o.path);
	/* A reader first, so that opening it for writing does not wait. */
	rfd = open(at(t, "fifo"), O_RDONLY | O_NONBLOCK);
	assert_true(rfd >= 0);
	assert_int_equal(write_close(t, &o, "to the reader\n", 1), 0);
	assert_int_equal(read(rfd, got, sizeof(got)), 14);
	assert_memory_equal(got, "to the reader\n", 14);
	close(rfd);
	assert_int_equal(lstat(at(t, "fifo"), &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0640);

	if (mknod(at(t, "null"), S_IFCHR | 0640, makedev(1, 3)) != 0 ||
	    mknod(at(t, "full"), S_IFCHR | 0640, makedev(1, 7)) != 0) {
		skip();
		return;
	}
	assert_int_equal(init(t, &o, at(t, "null")), 0);
	assert_int_equal(o.kind, OUTPUT_DIRECT);
	assert_false(o.watched);	/* reading it changes nothing */
	assert_int_equal(write_close(t, &o, "nothing\n", 1), 0);
	assert_int_equal(lstat(at(t, "null"), &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0640);
	/* A write error is still one: 74, whatever the run keeps. */
	assert_int_equal(init(t, &o, at(t, "full")), 0);
	assert_int_equal(write_close(t, &o, "too much\n", 1), EX_IOERR);
	snprintf(want, sizeof(want), "prolo: %s: write error: %s\n",
	    at(t, "full"), strerror(ENOSPC));
	assert_string_equal(t->err, want);
	assert_false(has_temp(t->dir));
}

/* The file standard output already is, by another name: written through it. */
static void
torture_output_same_as_stdout(void **state)
{
	struct ot *t = *state;
	struct output o;
	int fd, saved;

	assert_int_equal(symlink("/proc/self/fd/1", at(t, "stdout")), 0);
	fflush(stdout);
	fd = open(at(t, "out.txt"), O_WRONLY | O_CREAT | O_APPEND, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "kept\n", 5), 5);
	saved = dup(STDOUT_FILENO);
	assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	close(fd);
	assert_int_equal(init(t, &o, at(t, "stdout")), 0);
	assert_int_equal(o.kind, OUTPUT_STDOUT);
	assert_true(o.watched);
	assert_int_equal(write_close(t, &o, "added\n", 1), 0);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	assert_string_equal(slurp(t, "out.txt"), "kept\nadded\n");
	assert_false(has_temp(t->dir));
}

/*
 * A temporary file in the folder of the file replaced, mode 0600,
 * renamed into place when kept; removed when not, or when the rename
 * fails; a link to the file stays a link.
 */
static void
torture_output_replace(void **state)
{
	struct ot *t = *state;
	struct output o;
	struct stat st;

	assert_int_equal(mkdir(at(t, "sub"), 0700), 0);
	assert_int_equal(put(t, "sub/real.csv", "old\n"), 0);
	assert_int_equal(chmod(at(t, "sub/real.csv"), 0644), 0);
	assert_int_equal(symlink("sub/real.csv", at(t, "link")), 0);

	assert_int_equal(init(t, &o, at(t, "link")), 0);
	assert_int_equal(write_close(t, &o, "new\n", 0), 0);
	assert_string_equal(slurp(t, "sub/real.csv"), "old\n");
	assert_int_equal(init(t, &o, at(t, "link")), 0);
	assert_int_equal(write_close(t, &o, "new\n", 1), 0);
	assert_string_equal(slurp(t, "sub/real.csv"), "new\n");
	assert_int_equal(stat(at(t, "sub/real.csv"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(lstat(at(t, "link"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_false(has_temp(t->dir));
	assert_false(has_temp(at(t, "sub")));

	/* A folder put in the file's place since: the rename fails, 73. */
	assert_int_equal(init(t, &o, at(t, "late.csv")), 0);
	assert_int_equal(mkdir(at(t, "late.csv"), 0700), 0);
	assert_int_equal(write_close(t, &o, "new\n", 1), EX_CANTCREAT);
	assert_string_equal(t->err, cannot(t, "late.csv", EISDIR));
	assert_false(has_temp(t->dir));

	/* A folder that cannot take a new file: 73 at output_open(). */
	assert_int_equal(init(t, &o, at(t, "none/x.csv")), 0);
	assert_int_equal(write_close(t, &o, "new\n", 1), EX_CANTCREAT);
	assert_string_equal(t->err, cannot(t, "none/x.csv", ENOENT));
}

/*
 * output_check(): every file the run reads before planning, by any
 * name, is refused with 73: an operand (standard input too), the
 * clinic, drugs.yaml, terms.yaml, a care*.yaml of the data folder, any
 * *.yaml of the protocol folder.  Files of those folders the run does
 * not read, and character devices, are not.
 */
static void
torture_output_check(void **state)
{
	static const char *const inputs[] = { "data/drugs.yaml",
	    "data/terms.yaml", "data/care.yaml", "data/care.fr.yaml",
	    "lib/knee.yaml", "clinic.yaml", "p.yaml", "link-to-p" };
	static const char *const others[] = { "data/clinic.yaml",
	    "data/notes.txt", "lib/readme.txt", "q.yaml" };
	char path[PATH_MAX], data[PATH_MAX], link[PATH_MAX];
	char want[PATH_MAX + 64];
	struct clinic clinic;
	struct output o;
	struct load l;
	struct ot *t = *state;
	char *files[2];
	size_t i;
	int rc, saved;

	assert_int_equal(mkdir(at(t, "data"), 0700), 0);
	assert_int_equal(mkdir(at(t, "lib"), 0700), 0);
	for (i = 0; i < sizeof(inputs) / sizeof(*inputs); i++)
		assert_int_equal(put(t, inputs[i], "x: 1\n"), 0);
	for (i = 0; i < sizeof(others) / sizeof(*others); i++)
		assert_int_equal(put(t, others[i], "x: 1\n"), 0);
	unlink(at(t, "link-to-p"));
	assert_int_equal(symlink("p.yaml", at(t, "link-to-p")), 0);
	memset(&l, 0, sizeof(l));
	memset(&clinic, 0, sizeof(clinic));
	snprintf(path, sizeof(path), "%s", at(t, "clinic.yaml"));
	clinic.path = path;
	l.clinic = &clinic;
	snprintf(data, sizeof(data), "%s", at(t, "data"));
	l.datadir = data;
	l.library = library_new(at(t, "lib"), NULL);
	snprintf(link, sizeof(link), "%s", at(t, "link-to-p"));
	files[0] = link;
	files[1] = (char *)"-";

	for (i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
		assert_int_equal(init(t, &o, at(t, inputs[i])), 0);
		stderr_begin(t);
		rc = output_check(&o, &l, files, 2);
		stderr_end(t);
		output_close(&o, 0);
		if (rc != EX_CANTCREAT)
			fail_msg("%s: %d", inputs[i], rc);
		snprintf(want, sizeof(want), "prolo: output file '%s' is "
		    "also an input file\n", at(t, inputs[i]));
		assert_string_equal(t->err, want);
	}
	for (i = 0; i < sizeof(others) / sizeof(*others); i++) {
		assert_int_equal(init(t, &o, at(t, others[i])), 0);
		assert_int_equal(output_check(&o, &l, files, 2), 0);
		output_close(&o, 0);
	}
	/* Standard input, read as "-". */
	saved = dup(STDIN_FILENO);
	assert_int_equal(close(STDIN_FILENO), 0);
	assert_int_equal(open(at(t, "q.yaml"), O_RDONLY), STDIN_FILENO);
	assert_int_equal(init(t, &o, at(t, "q.yaml")), 0);
	stderr_begin(t);
	rc = output_check(&o, &l, files, 2);
	stderr_end(t);
	output_close(&o, 0);
	assert_int_equal(rc, EX_CANTCREAT);
	dup2(saved, STDIN_FILENO);
	close(saved);
	/* A character device is never compared: "-o /dev/tty -" is fair. */
	if (mknod(at(t, "null"), S_IFCHR | 0600, makedev(1, 3)) == 0) {
		saved = dup(STDIN_FILENO);
		assert_int_equal(close(STDIN_FILENO), 0);
		assert_int_equal(open(at(t, "null"), O_RDONLY), STDIN_FILENO);
		assert_int_equal(init(t, &o, at(t, "null")), 0);
		assert_int_equal(output_check(&o, &l, files, 2), 0);
		output_close(&o, 0);
		dup2(saved, STDIN_FILENO);
		close(saved);
	}
	library_free(l.library);
}

/*
 * A file learned of only while planning: from output_init() to
 * output_close(), reading the output file fails by any name, and the
 * output is then refused (73, refused set) and left as it was; after
 * output_close(), it may be read again.
 */
static void
torture_output_forbidden_read(void **state)
{
	struct ot *t = *state;
	struct output o;
	char *buf, want[PATH_MAX + 64];
	size_t len;
	int rc;

	assert_int_equal(put(t, "proto.yaml", "id: x\n"), 0);
	assert_int_equal(symlink("proto.yaml", at(t, "other-name")), 0);
	assert_int_equal(init(t, &o, at(t, "proto.yaml")), 0);
	assert_int_equal(output_open(&o), 0);
	fputs("plan\n", o.fp);
	assert_int_equal(file_read_regular(at(t, "other-name"), 100, &buf,
	    &len), FILE_EOUTPUT);
	stderr_begin(t);
	rc = output_close(&o, 1);
	stderr_end(t);
	assert_int_equal(rc, EX_CANTCREAT);
	assert_true(o.refused);
	snprintf(want, sizeof(want), "prolo: output file '%s' is also an "
	    "input file\n", at(t, "proto.yaml"));
	assert_string_equal(t->err, want);
	assert_string_equal(slurp(t, "proto.yaml"), "id: x\n");
	assert_false(has_temp(t->dir));
	assert_int_equal(file_read(at(t, "other-name"), 100, &buf, &len), 0);
	free(buf);

	/* Not read: kept as ever. */
	assert_int_equal(init(t, &o, at(t, "proto.yaml")), 0);
	assert_int_equal(write_close(t, &o, "plan\n", 1), 0);
	assert_false(o.refused);
	assert_string_equal(slurp(t, "proto.yaml"), "plan\n");
}

/*
 * A child with the temporary file made ends by a signal: the file must
 * be gone, and the signal must end it as it would have.  (An exit()
 * with the file made, as when memory runs out, is tests/fault/run.sh's:
 * under valgrind a child that exits reports its parent's memory.)
 */
static void
child_ends(struct ot *t, int sig)
{
	struct output o;
	pid_t pid;
	int status;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		struct rlimit nocore = { 0, 0 };

		setrlimit(RLIMIT_CORE, &nocore);	/* SIGQUIT dumps one */
		if (output_init(&o, at(t, "child.csv")) != 0 ||
		    output_open(&o) != 0 || !has_temp(t->dir))
			_exit(99);
		fputs("half a plan\n", o.fp);
		fflush(o.fp);
		raise(sig);
		_exit(98);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), sig);
	assert_false(has_temp(t->dir));
	assert_int_equal(access(at(t, "child.csv"), F_OK), -1);
}

static void
torture_output_signal_removes(void **state)
{
	struct ot *t = *state;

	child_ends(t, SIGTERM);
	child_ends(t, SIGUSR1);
	child_ends(t, SIGQUIT);
	child_ends(t, SIGRTMIN + 3);
	/* Not SIGRTMAX, which valgrind keeps; tests/output.sh sends it. */
	child_ends(t, SIGRTMAX - 1);
}

/* The action of sig now. */
static void (*action(int sig))(int)
{
	struct sigaction sa;

	assert_int_equal(sigaction(sig, NULL, &sa), 0);
	return sa.sa_handler;
}

/*
 * Handlers only while the temporary file exists, none for a signal
 * ignored before (it would not have ended the run), the old actions
 * back after; SIGXFSZ ignored from output_open() on.
 */
static void
torture_output_signal_handlers(void **state)
{
	struct ot *t = *state;
	struct output o;

	signal(SIGUSR2, SIG_IGN);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(init(t, &o, at(t, "x.csv")), 0);
	assert_ptr_equal(action(SIGTERM), SIG_DFL);
	assert_int_equal(output_open(&o), 0);
	assert_ptr_not_equal(action(SIGTERM), SIG_DFL);
	assert_ptr_not_equal(action(SIGHUP), SIG_DFL);
	assert_ptr_not_equal(action(SIGRTMIN), SIG_DFL);
	assert_ptr_equal(action(SIGUSR2), SIG_IGN);
	assert_ptr_equal(action(SIGXFSZ), SIG_IGN);
	assert_int_equal(output_close(&o, 0), 0);
	assert_ptr_equal(action(SIGTERM), SIG_DFL);
	assert_ptr_equal(action(SIGRTMIN), SIG_DFL);
	assert_ptr_equal(action(SIGUSR2), SIG_IGN);
	signal(SIGUSR2, SIG_DFL);
	signal(SIGXFSZ, SIG_DFL);
	/* Standard output has no temporary file, so no handlers. */
	assert_int_equal(init(t, &o, NULL), 0);
	assert_int_equal(output_open(&o), 0);
	assert_ptr_equal(action(SIGTERM), SIG_DFL);
	assert_ptr_equal(action(SIGXFSZ), SIG_IGN);
	assert_int_equal(output_close(&o, 0), 0);
	signal(SIGXFSZ, SIG_DFL);
}

#define TEST(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(torture_output_init_stdout),
		TEST(torture_output_init_regular),
		TEST(torture_output_init_links),
		TEST(torture_output_init_refused),
		TEST(torture_output_direct),
		TEST(torture_output_same_as_stdout),
		TEST(torture_output_replace),
		TEST(torture_output_check),
		TEST(torture_output_forbidden_read),
		TEST(torture_output_signal_removes),
		TEST(torture_output_signal_handlers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
