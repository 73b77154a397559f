#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "xalloc.h"

/*
 * hint: the file's size when known (a regular file), so the buffer
 * fits it at once; else 0.
 */
static int
read_fd(int fd, size_t limit, size_t hint, char **bufp, size_t *lenp)
{
	char *buf;
	size_t len, cap;
	ssize_t n;

	cap = hint ? hint + 1 : 8192;
	buf = xmalloc(cap);
	len = 0;
	for (;;) {
		if (len == cap) {
			if (cap > limit) {
				free(buf);
				return EFBIG;
			}
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			n = errno;
			free(buf);
			return (int)n;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > limit) {
		free(buf);
		return EFBIG;
	}
	if (len == cap)
		buf = xreallocarray(buf, cap + 1, 1);
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

/*
 * The file no read may open (file_forbid()), by device and inode, and
 * how many reads it refused.
 */
static struct {
	int		 set;
	dev_t		 dev;
	ino_t		 ino;
	unsigned	 refused;
} forbidden;

void
file_forbid(const struct stat *st)
{
	forbidden.set = st != NULL;
	forbidden.dev = st ? st->st_dev : 0;
	forbidden.ino = st ? st->st_ino : 0;
	forbidden.refused = 0;
}

unsigned
file_refused(void)
{
	return forbidden.refused;
}

static int
is_forbidden(const struct stat *st)
{
	if (!forbidden.set || st->st_dev != forbidden.dev ||
	    st->st_ino != forbidden.ino)
		return 0;
	forbidden.refused++;
	return 1;
}

/*
 * Reads an open file after what its fstat tells: the forbidden file,
 * a folder and, with regular, anything but a regular file are refused,
 * and a regular file too large is refused before it is read.
 */
static int
read_open(int fd, int regular, size_t limit, char **bufp, size_t *lenp)
{
	struct stat st;
	int sized;

	if (fstat(fd, &st) < 0)
		return errno;
	if (is_forbidden(&st))
		return FILE_EOUTPUT;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	if (regular && !S_ISREG(st.st_mode))
		return FILE_ENOTREG;
	/*
	 * Standard input's size is not what is left of it: it may have
	 * been read from already.
	 */
	sized = S_ISREG(st.st_mode) && fd != STDIN_FILENO;
	if (sized && (size_t)st.st_size > limit)
		return EFBIG;
	return read_fd(fd, limit, sized ? (size_t)st.st_size : 0, bufp, lenp);
}

int
file_read(const char *path, size_t limit, char **bufp, size_t *lenp)
{
	int fd, rc;

	if (strcmp(path, "-") == 0)
		return read_open(STDIN_FILENO, 0, limit, bufp, lenp);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
		return errno;
	rc = read_open(fd, 0, limit, bufp, lenp);
	close(fd);
	return rc;
}

/*
 * The name is looked at before it is opened, so a device is never
 * opened at all (opening some has effects of its own) and a FIFO never
 * makes the open wait for a writer; the descriptor is looked at again,
 * in case the name changed in between, and O_NONBLOCK keeps even that
 * open from waiting.
 */
int
file_read_regular(const char *path, size_t limit, char **bufp, size_t *lenp)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return read_open(STDIN_FILENO, 1, limit, bufp, lenp);
	if (stat(path, &st) < 0)
		return errno;
	if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return FILE_ENOTREG;
	return file_read_listed(path, limit, bufp, lenp);
}

int
file_read_listed(const char *path, size_t limit, char **bufp, size_t *lenp)
{
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0)
		return errno;
	rc = read_open(fd, 1, limit, bufp, lenp);
	close(fd);
	return rc;
}

const char *
file_strerror(int err)
{
	if (err == FILE_ENOTREG)
		return "not a regular file";
	if (err == FILE_EOUTPUT)
		return "input file is output file";
	return strerror(err);
}
