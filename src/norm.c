#include <stdint.h>
#include <string.h>

#include "norm.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * The Latin letters with marks, U+00C0 to U+017F, as the letter without
 * them: what "ácido acetilsalicílico" and "LIDOCAÍNA" fold to.  Made
 * from Unicode's canonical decompositions; a space is a sign (the
 * multiplication and division signs), '?' a letter of two (below).
 */
static const char latin[] =
    "aaaaaa?ceeeeiiiidnooooo ouuuuy??aaaaaa?ceeeeiiiidnooooo ouuuuy?y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkklllllll"
    "lllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* One letter for each character of U+00C0 .. U+017F, and the NUL. */
_Static_assert(sizeof(latin) == 0x180 - 0xc0 + 1, "a letter for each character");

static const char *
latin_pair(uint32_t cp)
{
	switch (cp) {
	case 0xc6: case 0xe6:
		return "ae";
	case 0xde: case 0xfe:
		return "th";
	case 0xdf:
		return "ss";
	case 0x132: case 0x133:
		return "ij";
	default:
		return "oe";	/* U+0152, U+0153 */
	}
}

/* Characters that separate words without being seen: spaces of all widths. */
static int
is_space(uint32_t cp)
{
	return cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000;
}

/* Characters with no width, which must not split a word in two. */
static int
is_invisible(uint32_t cp)
{
	return (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 ||
	    cp == 0xfeff || cp == 0xad;
}

/*
 * What one character of a word becomes: its letters, "" for a letter of
 * another script (kept as written), or NULL for a character that breaks
 * words: spaces, punctuation and signs.
 */
static const char *
fold_char(uint32_t cp, char buf[2])
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
		buf[0] = (char)cp;
		return buf;
	}
	if (cp >= 'A' && cp <= 'Z') {
		buf[0] = (char)(cp - 'A' + 'a');
		return buf;
	}
	if (cp < 0x80 || is_space(cp) || (cp >= 0x2010 && cp <= 0x205e))
		return NULL;	/* ASCII punctuation, spaces, dashes, quotes */
	if (cp >= 0x180)
		return "";
	if (cp < 0xc0 || latin[cp - 0xc0] == ' ')
		return NULL;	/* Latin-1 signs: no-break space, ×, ÷ ... */
	if (latin[cp - 0xc0] == '?')
		return latin_pair(cp);
	buf[0] = latin[cp - 0xc0];
	return buf;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Whether the point or comma between out[..o] and rest separates
 * thousands, as in "1,000 mg" and "2.500 mg": after one to three digits
 * that do not begin with 0, and before exactly three.  Read as a decimal
 * point instead, "1,000 mg" of aspirin would be 1 mg, a low dose.
 */
static int
is_thousands(const char *out, size_t o, const char *rest)
{
	size_t k;

	for (k = 0; k < o && is_digit(out[o - 1 - k]); k++)
		continue;
	if (k < 1 || k > 3 || out[o - k] == '0' || out[o - k - 1] == '.')
		return 0;
	return is_digit(rest[0]) && is_digit(rest[1]) && is_digit(rest[2]) &&
	    !is_digit(rest[3]) && rest[3] != '.' && rest[3] != ',';
}

/*
 * The text as prolo matches it: letters in lowercase without marks,
 * words separated by single spaces wherever there was a space (of any
 * width), punctuation or a change between digits and letters ("81mg" is
 * "81 mg"), with a space before the first word and after the last.  A
 * point or comma between digits stays, as a point: "0,5" is "0.5", unless
 * it separates thousands ("1,000" is "1000").  Other scripts' letters are
 * kept as they are.  Returns a new string.
 */
char *
norm_fold(const char *s)
{
	size_t len, i, o, flen;
	char *out, buf[2];
	const char *f;
	uint32_t cp;
	int n;

	len = strlen(s);
	/* A fold is at most twice as long (ß is ss), plus the spaces. */
	out = xmalloc(2 * len + 3);
	o = 0;
	out[o++] = ' ';
	buf[1] = '\0';
	for (i = 0; i < len; i += (size_t)n) {
		/* A lowercase letter, most of any name, stays as it is. */
		if (s[i] >= 'a' && s[i] <= 'z' && !is_digit(out[o - 1])) {
			out[o++] = s[i];
			n = 1;
			continue;
		}
		/* Most text is ASCII: no decoding for it. */
		if ((unsigned char)s[i] < 0x80) {
			n = 1;
			cp = (unsigned char)s[i];
		} else if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			n = 1;
			cp = ' ';
		}
		if (cp >= 0x80 && is_invisible(cp))
			continue;
		if ((cp == '.' || cp == ',') && is_digit(out[o - 1]) &&
		    is_digit(s[i + 1])) {
			if (!is_thousands(out, o, s + i + 1))
				out[o++] = '.';
			continue;
		}
		if ((f = fold_char(cp, buf)) == NULL) {
			if (out[o - 1] != ' ')
				out[o++] = ' ';
			continue;
		}
		if (out[o - 1] != ' ' && out[o - 1] != '.' &&
		    is_digit(out[o - 1]) != is_digit(*f != '\0' ? f[0] : 'a'))
			out[o++] = ' ';
		if (f == buf)
			out[o++] = buf[0];
		else if (*f == '\0') {		/* another script's letter */
			memcpy(out + o, s + i, (size_t)n);
			o += (size_t)n;
		} else {
			flen = strlen(f);
			memcpy(out + o, f, flen);
			o += flen;
		}
	}
	if (out[o - 1] != ' ')
		out[o++] = ' ';
	out[o] = '\0';
	return out;
}

/*
 * Whether a folded phrase occurs in a folded text as whole words: the
 * spaces around each make "aspirin" found in " low dose aspirin 81 mg "
 * and not in " aspirinate ".
 */
int
norm_has(const char *text, const char *phrase)
{
	return phrase[1] != '\0' && strstr(text, phrase) != NULL;
}
