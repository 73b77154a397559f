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

struct line {
	FILE		*fp;
	const char	*rest;
	size_t		 width;		/* columns available after prefix */
	size_t		 used;		/* columns used on this line */
	int		 empty;		/* nothing but the prefix yet */
};

static void
newline(struct line *l)
{
	fputc('\n', l->fp);
	fputs(l->rest, l->fp);
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
		fputc(' ', l->fp);
		l->used++;
	}
	while (ww > l->width - l->used && len > 0) {
		n = fit(w, len, l->width - l->used);
		if (n == 0)
			n = len;
		fwrite(w, 1, n, l->fp);
		w += n;
		len -= n;
		ww = utf8_width(w, len);
		if (len > 0)
			newline(l);
	}
	fwrite(w, 1, len, l->fp);
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
	fputs(first, fp);
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
	fputc('\n', fp);
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
