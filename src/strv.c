#include <stdlib.h>
#include <string.h>

#include "strv.h"
#include "xalloc.h"

/* Adds a string the vector then owns, without copying it. */
void
strv_take(struct strv *sv, char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 4;
		sv->v = xreallocarray(sv->v, sv->cap, sizeof(*sv->v));
	}
	sv->v[sv->n++] = s;
}

void
strv_pushn(struct strv *sv, const char *s, size_t len)
{
	strv_take(sv, xstrndup(s, len));
}

void
strv_push(struct strv *sv, const char *s)
{
	strv_pushn(sv, s, strlen(s));
}

void
strv_copy(struct strv *dst, const struct strv *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		strv_push(dst, src->v[i]);
}

void
strv_release(struct strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

/* Returns the strings joined by sep, as a new string the caller frees. */
char *
strv_join(const struct strv *sv, const char *sep)
{
	size_t i, len, seplen;
	char *s, *p;

	seplen = strlen(sep);
	len = 1;
	for (i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) + (i ? seplen : 0);
	p = s = xmalloc(len);
	for (i = 0; i < sv->n; i++) {
		if (i) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		len = strlen(sv->v[i]);
		memcpy(p, sv->v[i], len);
		p += len;
	}
	*p = '\0';
	return s;
}
