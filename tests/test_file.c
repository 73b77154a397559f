#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "file.h"

/*
 * Reading whole files: what file_read() takes (anything that can be
 * read, a pipe or a FIFO too), what file_read_regular() refuses without
 * opening it in a way that can wait (a FIFO, a device), and the one
 * file file_forbid() names, refused by whatever name it is read.  Each
 * test runs in a fresh temporary folder; an alarm ends a test that
 * would wait on a FIFO instead of refusing it.
 */

#define LIMIT	64

struct ft {
	char	dir[256];
	char	path[PATH_MAX];		/* the last name at() built */
};

static const char *
at(struct ft *t, const char *name)
{
	snprintf(t->path, sizeof(t->path), "%s/%s", t->dir, name);
	return t->path;
}

static int
put(struct ft *t, const char *name, const char *text)
{
	FILE *fp;

	if ((fp = fopen(at(t, name), "w")) == NULL)
		return -1;
	fputs(text, fp);
	return fclose(fp);
}

static int
setup(void **state)
{
	struct ft *t;
	const char *tmp;
	char a[PATH_MAX];
	int rc;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	*state = t;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(t->dir, sizeof(t->dir), "%s/prolo-file.XXXXXX", tmp);
	if (mkdtemp(t->dir) == NULL)
		return -1;
	rc = put(t, "a.yaml", "id: a\n");
	rc |= put(t, "big.yaml", "0123456789012345678901234567890123456789"
	    "0123456789012345678901234567890123456789\n");
	rc |= mkfifo(at(t, "fifo"), 0600);
	rc |= mkdir(at(t, "folder"), 0700);
	rc |= symlink("a.yaml", at(t, "link-a"));
	rc |= symlink("fifo", at(t, "link-fifo"));
	snprintf(a, sizeof(a), "%s", at(t, "a.yaml"));
	rc |= link(a, at(t, "hard-a"));
	alarm(10);
	return rc != 0 ? -1 : 0;
}

static int
teardown(void **state)
{
	static const char *const names[] = { "a.yaml", "big.yaml", "fifo",
	    "link-a", "link-fifo", "hard-a", "null" };
	struct ft *t = *state;
	size_t i;
	int rc;

	alarm(0);
	file_forbid(NULL);
	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		unlink(at(t, names[i]));
	rc = rmdir(at(t, "folder")) | rmdir(t->dir);
	free(t);
	return rc;
}

/* Standard input from path; returns the descriptor to restore it from. */
static int
stdin_from(const char *path)
{
	int fd, saved = -1;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0 ||
	    (saved = dup(STDIN_FILENO)) < 0 || dup2(fd, STDIN_FILENO) < 0)
		fail_msg("%s: %s", path, strerror(errno));
	close(fd);
	return saved;
}

static void
stdin_back(int saved)
{
	dup2(saved, STDIN_FILENO);
	close(saved);
}

/* Reads path with fn: its status, and the text, which must be "id: a". */
static int
read_with(int (*fn)(const char *, size_t, char **, size_t *),
    const char *path)
{
	char *buf;
	size_t len;
	int rc;

	if ((rc = fn(path, LIMIT, &buf, &len)) != 0)
		return rc;
	assert_int_equal(len, 6);
	assert_string_equal(buf, "id: a\n");
	free(buf);
	return 0;
}

static void
torture_file_read(void **state)
{
	struct ft *t = *state;
	int saved;

	assert_int_equal(read_with(file_read, at(t, "a.yaml")), 0);
	assert_int_equal(read_with(file_read, at(t, "link-a")), 0);
	assert_int_equal(read_with(file_read, at(t, "none")), ENOENT);
	assert_int_equal(read_with(file_read, at(t, "folder")), EISDIR);
	assert_int_equal(read_with(file_read, at(t, "big.yaml")), EFBIG);
	saved = stdin_from(at(t, "a.yaml"));
	assert_int_equal(read_with(file_read, "-"), 0);
	stdin_back(saved);
}

/* A FIFO, a device, a folder: refused, and never waited on. */
static void
torture_file_read_regular(void **state)
{
	struct ft *t = *state;
	int saved, wfd;

	assert_int_equal(read_with(file_read_regular, at(t, "a.yaml")), 0);
	assert_int_equal(read_with(file_read_regular, at(t, "link-a")), 0);
	assert_int_equal(read_with(file_read_regular, at(t, "none")), ENOENT);
	assert_int_equal(read_with(file_read_regular, at(t, "folder")),
	    EISDIR);
	assert_int_equal(read_with(file_read_regular, at(t, "big.yaml")),
	    EFBIG);
	assert_int_equal(read_with(file_read_regular, at(t, "fifo")),
	    FILE_ENOTREG);
	assert_int_equal(read_with(file_read_regular, at(t, "link-fifo")),
	    FILE_ENOTREG);
	if (mknod(at(t, "null"), S_IFCHR | 0600, makedev(1, 3)) == 0)
		assert_int_equal(read_with(file_read_regular, at(t, "null")),
		    FILE_ENOTREG);
	/* Standard input is a FIFO here: "-" is refused as well. */
	saved = stdin_from(at(t, "fifo"));
	wfd = open(at(t, "fifo"), O_WRONLY | O_NONBLOCK);
	assert_int_equal(read_with(file_read_regular, "-"), FILE_ENOTREG);
	close(wfd);
	stdin_back(saved);
	saved = stdin_from(at(t, "a.yaml"));
	assert_int_equal(read_with(file_read_regular, "-"), 0);
	stdin_back(saved);
}

/*
 * A file a folder's listing found regular is opened without a second
 * look at its name; what is opened is still refused if it is not a
 * regular file (a FIFO put in its place since), without waiting for a
 * writer: the alarm of setup() ends a test that waits.
 */
static void
torture_file_read_listed(void **state)
{
	struct ft *t = *state;

	assert_int_equal(read_with(file_read_listed, at(t, "a.yaml")), 0);
	assert_int_equal(read_with(file_read_listed, at(t, "none")), ENOENT);
	assert_int_equal(read_with(file_read_listed, at(t, "big.yaml")),
	    EFBIG);
	assert_int_equal(read_with(file_read_listed, at(t, "fifo")),
	    FILE_ENOTREG);
	assert_int_equal(read_with(file_read_listed, at(t, "folder")),
	    EISDIR);
	file_forbid(NULL);
}

/* The forbidden file by any name: itself, a hard link, a symlink, "-". */
static void
torture_file_forbid(void **state)
{
	struct ft *t = *state;
	struct stat st;
	int saved;

	assert_int_equal(stat(at(t, "a.yaml"), &st), 0);
	file_forbid(&st);
	assert_int_equal(file_refused(), 0);
	assert_int_equal(read_with(file_read, at(t, "a.yaml")), FILE_EOUTPUT);
	assert_int_equal(read_with(file_read, at(t, "hard-a")), FILE_EOUTPUT);
	assert_int_equal(read_with(file_read_regular, at(t, "link-a")),
	    FILE_EOUTPUT);
	saved = stdin_from(at(t, "a.yaml"));
	assert_int_equal(read_with(file_read, "-"), FILE_EOUTPUT);
	stdin_back(saved);
	assert_int_equal(file_refused(), 4);
	/* Other files are read as ever and not counted. */
	assert_int_equal(read_with(file_read, at(t, "big.yaml")), EFBIG);
	assert_int_equal(file_refused(), 4);
	file_forbid(NULL);
	assert_int_equal(file_refused(), 0);
	assert_int_equal(read_with(file_read, at(t, "hard-a")), 0);
}

static void
torture_file_strerror(void **state)
{
	(void)state;
	assert_string_equal(file_strerror(FILE_ENOTREG), "not a regular file");
	assert_string_equal(file_strerror(FILE_EOUTPUT),
	    "input file is output file");
	assert_string_equal(file_strerror(ENOENT), strerror(ENOENT));
}

#define TEST(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(torture_file_read),
		TEST(torture_file_read_regular),
		TEST(torture_file_read_listed),
		TEST(torture_file_forbid),
		TEST(torture_file_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
