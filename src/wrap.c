#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"
#include "wrap.h"

/* Length in bytes of the longest start of s that fits in cols columns. */
static size_t
fit(const char *s, size_t len, size_t cols)
{
	uint32_t cp;
	size_t i, w, cw;
	int n;

	for (i = 0, w = 0; i < len; i += (size_t)n) {
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			n = 1;
			cw = 1;
		} else
			cw = (size_t)utf8_cpwidth(cp);
		/* Keep combining marks with the character before them. */
		if (w + cw > cols && i > 0)
			break;
		w += cw;
	}
	return i;
}

/*
 * A paragraph is gathered in buf and written a bufferful at a time:
 * stdio's per-call cost, paid once a word, was most of a handout's
 * printing.
 */
struct line {
	FILE		*fp;
	const char	*rest;
	size_t		 width;		/* columns available after prefix */
	size_t		 used;		/* columns used on this line */
	int		 empty;		/* nothing but the prefix yet */
	size_t		 n;		/* bytes in buf */
	char		 buf[1024];
};

static void
flush(struct line *l)
{
	fwrite(l->buf, 1, l->n, l->fp);
	l->n = 0;
}

static void
put(struct line *l, const char *s, size_t len)
{
	if (len > sizeof(l->buf) - l->n)
		flush(l);
	if (len > sizeof(l->buf)) {
		fwrite(s, 1, len, l->fp);
		return;
	}
	memcpy(l->buf + l->n, s, len);
	l->n += len;
}

static void
newline(struct line *l)
{
	put(l, "\n", 1);
	put(l, l->rest, strlen(l->rest));
	l->used = 0;
	l->empty = 1;
}

static void
put_word(struct line *l, const char *w, size_t len)
{
	size_t ww, n;

	ww = utf8_width(w, len);
	if (!l->empty && l->used + 1 + ww > l->width)
		newline(l);
	else if (!l->empty) {
		put(l, " ", 1);
		l->used++;
	}
	while (ww > l->width - l->used && len > 0) {
		n = fit(w, len, l->width - l->used);
		if (n == 0)
			n = len;
		put(l, w, n);
		w += n;
		len -= n;
		ww = utf8_width(w, len);
		if (len > 0)
			newline(l);
	}
	put(l, w, len);
	l->used += ww;
	l->empty = 0;
}

void
wrap_write(FILE *fp, const char *text, const char *first, const char *rest,
    int width)
{
	struct line l;
	const char *p, *end;
	size_t pw;

	pw = utf8_width(first, strlen(first));
	if (utf8_width(rest, strlen(rest)) > pw)
		pw = utf8_width(rest, strlen(rest));
	l.fp = fp;
	l.rest = rest;
	l.width = (size_t)width > pw + 10 ? (size_t)width - pw : 10;
	l.used = 0;
	l.empty = 1;
	l.n = 0;
	put(&l, first, strlen(first));
	for (p = text; *p; p = end) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		end = p;
		while (*end && *end != ' ')
			end++;
		put_word(&l, p, (size_t)(end - p));
	}
	put(&l, "\n", 1);
	flush(&l);
}

/* Writes s and pads it with spaces to cols display columns. */
int
wrap_pad(FILE *fp, const char *s, int cols)
{
	size_t w;

	fputs(s, fp);
	for (w = utf8_width(s, strlen(s)); w < (size_t)cols; w++)
		fputc(' ', fp);
	return 0;
}
