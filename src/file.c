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

int
file_read(const char *path, size_t limit, char **bufp, size_t *lenp)
{
	struct stat st;
	int fd, rc;

	if (strcmp(path, "-") == 0)
		return read_fd(STDIN_FILENO, limit, 0, bufp, lenp);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno;
	if (fstat(fd, &st) < 0)
		rc = errno;
	else if (S_ISDIR(st.st_mode))
		rc = EISDIR;
	else if (S_ISREG(st.st_mode) && (size_t)st.st_size > limit)
		rc = EFBIG;
	else
		rc = read_fd(fd, limit, S_ISREG(st.st_mode) ?
		    (size_t)st.st_size : 0, bufp, lenp);
	close(fd);
	return rc;
}
