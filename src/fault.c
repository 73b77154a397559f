#define _GNU_SOURCE		/* fopencookie */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "fault.h"

#ifdef PROLO_FAULTS

struct fault {
	FILE	*under;
	long	 left;		/* writes before the one that fails */
};

static ssize_t
fault_write(void *cookie, const char *buf, size_t size)
{
	struct fault *f = cookie;

	if (f->left-- == 0) {
		errno = ENOSPC;
		return -1;
	}
	if (fwrite(buf, 1, size, f->under) != size || fflush(f->under) != 0)
		return -1;
	return (ssize_t)size;
}

static int
fault_close(void *cookie)
{
	struct fault *f = cookie;
	int rc;

	rc = f->under == stdout ? fflush(stdout) : fclose(f->under);
	free(f);
	return rc;
}

FILE *
fault_stream(FILE *fp)
{
	cookie_io_functions_t io = { NULL, fault_write, NULL, fault_close };
	struct fault *f;
	const char *env;
	FILE *cf;

	if ((env = getenv("PROLO_FAULT_WRITE")) == NULL || *env == '\0')
		return fp;
	if ((f = malloc(sizeof(*f))) == NULL)
		return fp;
	f->under = fp;
	f->left = strtol(env, NULL, 10) - 1;
	if ((cf = fopencookie(f, "w", io)) == NULL) {
		free(f);
		return fp;
	}
	setvbuf(cf, NULL, _IONBF, 0);
	return cf;
}

#else

FILE *
fault_stream(FILE *fp)
{
	return fp;
}

#endif
