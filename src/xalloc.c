#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void
xalloc_fail(void)
{
	fputs("prolo: out of memory\n", stderr);
	exit(71);
}

void *
xmalloc(size_t size)
{
	void *p;

	if ((p = malloc(size == 0 ? 1 : size)) == NULL)
		xalloc_fail();
	return p;
}

/*
 * glibc's calloc() never takes a block from the thread's cache of
 * small freed ones, as malloc() does, and most of prolo's are small and
 * short-lived (one patient's): malloc() and zeroing them is cheaper.
 */
void *
xcalloc(size_t n, size_t size)
{
	void *p;

	n = n == 0 ? 1 : n;
	size = size == 0 ? 1 : size;
	if (n > SIZE_MAX / size)
		xalloc_fail();
	p = xmalloc(n * size);
	memset(p, 0, n * size);
	return p;
}

void *
xreallocarray(void *ptr, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		xalloc_fail();
	if ((p = realloc(ptr, n * size == 0 ? 1 : n * size)) == NULL)
		xalloc_fail();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char *p;

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xalloc_fail();
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
