#ifndef PROLO_XALLOC_H
#define PROLO_XALLOC_H

#include <stddef.h>

/*
 * Allocation that cannot fail: on exhaustion these print a message and
 * exit with status 71 (EX_OSERR), so no caller checks for NULL.  A
 * count or size of 0 is taken as 1: an empty array is still a block,
 * zeroed by xcalloc(), that can be freed.
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

#endif
