#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

/*
 * Decodes one character.  Returns its length in bytes, or -1 for an
 * invalid, overlong, surrogate or truncated sequence.
 */
int
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	int n, i;

	if (len == 0)
		return -1;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4, c &= 0x07, min = 0x10000;
	} else
		return -1;
	if ((size_t)n > len)
		return -1;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return n;
}

int
utf8_valid(const char *s, size_t len)
{
	uint32_t cp;
	size_t i;
	int n;

	for (i = 0; i < len; i += (size_t)n) {
		/* ASCII, most of every file, needs no decoding. */
		if ((unsigned char)s[i] < 0x80) {
			n = 1;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0)
			return 0;
	}
	return 1;
}

/*
 * Bytes at the start of s that are printable ASCII, counted in whole
 * words of 8: a word is passed when no byte is below 0x20, is 0x7f or
 * has its top bit set (the borrow test for "a byte less than n" of
 * the bit-twiddling folklore, applied to w and to w xor 0x7f...).
 */
static size_t
ascii_run(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;
	uint64_t w, del;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		del = w ^ (ones * 0x7f);
		if (((w - ones * 0x20) | (del - ones) | w) & highs)
			break;
	}
	return i;
}

/*
 * Whether s is printable ASCII alone, as most text from a file is: then
 * it holds no control and no format character.
 */
int
utf8_printable(const char *s, size_t len)
{
	size_t i;

	for (i = ascii_run(s, len); i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/* C0 and C1 controls and DEL; text in a handout never needs them. */
int
utf8_has_control(const char *s, size_t len)
{
	uint32_t cp;
	size_t i;
	int n;

	for (i = 0; i < len; i += (size_t)n) {
		i += ascii_run(s + i, len - i);
		if (i == len)
			break;
		if ((unsigned char)s[i] < 0x80) {
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				return 1;
			n = 1;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0)
			return 1;
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			return 1;
	}
	return 0;
}

struct range {
	uint32_t first, last;
};

/*
 * Zero-width (combining marks, format characters) and double-width
 * (East Asian wide and fullwidth, emoji) ranges, and the format
 * characters alone, generated from the Unicode data by
 * tools/gen-width.py.
 */
#include "width_table.h"

static int
in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo, hi, mid;

	lo = 0;
	hi = n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > t[mid].last)
			lo = mid + 1;
		else if (cp < t[mid].first)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

/* Columns a character takes on a terminal or a monospaced page. */
int
utf8_cpwidth(uint32_t cp)
{
	/* Printable Latin-1 and the letters after it up to the first
	   combining marks (U+0300) are one column: the common case. */
	if (cp >= 0x20 && cp < 0x300 && (cp < 0x7f || cp >= 0xa0))
		return 1;
	if (cp == 0)
		return 0;
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (in_table(cp, zero_width, sizeof(zero_width) / sizeof(*zero_width)))
		return 0;
	if (in_table(cp, double_width,
	    sizeof(double_width) / sizeof(*double_width)))
		return 2;
	return 1;
}

/* Display width of a string; an invalid byte counts as one column. */
size_t
utf8_width(const char *s, size_t len)
{
	uint32_t cp;
	size_t i, w;
	int n;

	for (i = 0, w = 0; i < len; i += (size_t)n) {
		/* ASCII text, most of every handout, in one step a byte. */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			n = 1;
			w++;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			n = 1;
			w++;
		} else
			w += (size_t)utf8_cpwidth(cp);
	}
	return w;
}

/*
 * Format characters (General_Category Cf) are invisible, yet they steer
 * the text around them: a right-to-left override shows the dates after
 * it backwards, and a zero-width space makes two words look like one.
 */
int
utf8_is_format(uint32_t cp)
{
	/* The first is U+00AD; Latin letters are passed at once. */
	if (cp < 0xad)
		return 0;
	return in_table(cp, format_chars,
	    sizeof(format_chars) / sizeof(*format_chars));
}

/* The first format character in s, or 0 when there is none. */
uint32_t
utf8_format(const char *s, size_t len)
{
	uint32_t cp;
	size_t i;
	int n;

	for (i = 0; i < len; i += (size_t)n) {
		if ((unsigned char)s[i] < 0x80) {
			n = 1;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0)
			n = 1;
		else if (utf8_is_format(cp))
			return cp;
	}
	return 0;
}

/*
 * The names people search for when a message shows one of them: the
 * zero-width characters and the bidirectional controls.  Others are
 * shown by their code point alone.
 */
static const struct {
	uint32_t	 cp;
	const char	*name;
} format_names[] = {
	{ 0x00ad, "soft hyphen" },
	{ 0x200b, "zero width space" },
	{ 0x200c, "zero width non-joiner" },
	{ 0x200d, "zero width joiner" },
	{ 0x200e, "left-to-right mark" },
	{ 0x200f, "right-to-left mark" },
	{ 0x202a, "left-to-right embedding" },
	{ 0x202b, "right-to-left embedding" },
	{ 0x202c, "pop directional formatting" },
	{ 0x202d, "left-to-right override" },
	{ 0x202e, "right-to-left override" },
	{ 0x2060, "word joiner" },
	{ 0x2066, "left-to-right isolate" },
	{ 0x2067, "right-to-left isolate" },
	{ 0x2068, "first strong isolate" },
	{ 0x2069, "pop directional isolate" },
	{ 0xfeff, "zero width no-break space or byte order mark" },
};

/* A format character's name in lowercase, or NULL if it has none here. */
const char *
utf8_format_name(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(*format_names); i++)
		if (format_names[i].cp == cp)
			return format_names[i].name;
	return NULL;
}

/* Unicode's White_Space property, unchanged since Unicode 6.3. */
int
utf8_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return cp == 0x85 || cp == 0xa0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/*
 * Whether s is empty or white space alone, of any kind: an ideographic
 * space (U+3000) shows as much as nothing.  Invalid UTF-8 is something.
 */
int
utf8_blank(const char *s, size_t len)
{
	uint32_t cp;
	size_t i;
	int n;

	for (i = 0; i < len; i += (size_t)n)
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0 ||
		    !utf8_is_space(cp))
			return 0;
	return 1;
}
