#ifndef PROLO_STRV_H
#define PROLO_STRV_H

#include <stddef.h>

/*
 * A growable vector of strings.  The vector owns its strings:
 * strv_push() copies, strv_take() takes one allocated by the caller,
 * strv_release() frees them and the array.
 */
struct strv {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

void	strv_push(struct strv *, const char *);
void	strv_pushn(struct strv *, const char *, size_t);
void	strv_take(struct strv *, char *);
void	strv_release(struct strv *);
void	strv_copy(struct strv *, const struct strv *);
char	*strv_join(const struct strv *, const char *);

#endif
