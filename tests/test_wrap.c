/*
 * Unit tests for wrap.c: word wrapping by display columns and padding.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "wrap.h"

/* Runs wrap_write into memory; the caller frees the result. */
static char *
wrap_str(const char *text, const char *first, const char *rest, int width)
{
	char *buf;
	size_t size;
	FILE *fp;

	buf = NULL;
	fp = open_memstream(&buf, &size);
	assert_non_null(fp);
	wrap_write(fp, text, first, rest, width);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(buf);
	assert_int_equal(strlen(buf), size);
	return buf;
}

static char *
pad_str(const char *s, int cols)
{
	char *buf;
	size_t size;
	FILE *fp;

	buf = NULL;
	fp = open_memstream(&buf, &size);
	assert_non_null(fp);
	wrap_pad(fp, s, cols);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(buf);
	return buf;
}

static size_t
width_str(const char *s)
{
	return utf8_width(s, strlen(s));
}

/* Display width of the first character of s (s not empty). */
static size_t
first_char_width(const char *s, size_t len)
{
	uint32_t cp;

	assert_true(utf8_decode(s, len, &cp) > 0);
	return (size_t)utf8_cpwidth(cp);
}

/*
 * The lines of out with their prefixes checked and removed.  Returns
 * the number of lines; body[i] points into a copy, freed by the caller
 * through *copyp.
 */
#define MAX_LINES	1024

static size_t
split_lines(const char *out, const char *first, const char *rest,
    char **body, char **copyp)
{
	char *copy, *p, *nl;
	size_t n, plen;
	const char *prefix;

	/* Everything ends with exactly one newline. */
	assert_true(strlen(out) > 0);
	assert_int_equal(out[strlen(out) - 1], '\n');
	copy = strdup(out);
	assert_non_null(copy);
	n = 0;
	for (p = copy; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		*nl = '\0';
		prefix = n == 0 ? first : rest;
		plen = strlen(prefix);
		assert_true(strncmp(p, prefix, plen) == 0);
		assert_true(n < MAX_LINES);
		body[n++] = p + plen;
	}
	*copyp = copy;
	return n;
}

static void
torture_wrap_write_short(void **state)
{
	char *out;

	(void)state;
	out = wrap_str("Rest the joint.", "* ", "  ", 80);
	assert_string_equal(out, "* Rest the joint.\n");
	free(out);

	out = wrap_str("one", "", "", 80);
	assert_string_equal(out, "one\n");
	free(out);
}

static void
torture_wrap_write_paragraph(void **state)
{
	char *out;

	(void)state;
	/* 28 columns after the prefix; each break is forced by one column. */
	out = wrap_str("Apply ice for ten minutes after each injection and "
	    "avoid anti-inflammatory drugs.", "* ", "  ", 30);
	assert_string_equal(out,
	    "* Apply ice for ten minutes\n"
	    "  after each injection and\n"
	    "  avoid anti-inflammatory\n"
	    "  drugs.\n");
	free(out);

	/* A longer prefix on every line, as for a labelled field. */
	out = wrap_str("Dextrose 15% with lidocaine 0.2% in sterile water",
	    "Solution:  ", "           ", 32);
	assert_string_equal(out,
	    "Solution:  Dextrose 15% with\n"
	    "           lidocaine 0.2% in\n"
	    "           sterile water\n");
	free(out);
}

/* A line that fills the width exactly is kept; one column more breaks. */
static void
torture_wrap_write_exact_fit(void **state)
{
	char *out;

	(void)state;
	out = wrap_str("aaaaa bbbbb ccccc ddddd eeee x", "* ", "  ", 30);
	assert_string_equal(out, "* aaaaa bbbbb ccccc ddddd eeee\n  x\n");
	free(out);

	out = wrap_str("aaaaa bbbbb ccccc ddddd eeeee", "* ", "  ", 30);
	assert_string_equal(out, "* aaaaa bbbbb ccccc ddddd\n  eeeee\n");
	free(out);

	/* Widths count columns, not bytes: 5 + 1 + 6 columns, 23 bytes. */
	out = wrap_str("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 "
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 z", "", "", 12);
	assert_string_equal(out, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 "
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\nz\n");
	free(out);
}

static void
torture_wrap_write_collapses_spaces(void **state)
{
	char *out;

	(void)state;
	out = wrap_str("a   b    c", "* ", "  ", 80);
	assert_string_equal(out, "* a b c\n");
	free(out);

	out = wrap_str("   lead and trail   ", "* ", "  ", 80);
	assert_string_equal(out, "* lead and trail\n");
	free(out);

	/* Spaces at a break do not start the next line. */
	out = wrap_str("aaaaaaaaaa      bbbbbbbbbb", "", "", 15);
	assert_string_equal(out, "aaaaaaaaaa\nbbbbbbbbbb\n");
	free(out);
}

/* Wide characters: a line may end one column short rather than overflow. */
static void
torture_wrap_write_wide_chars(void **state)
{
	char *out;

	(void)state;
	out = wrap_str("日本語日本語日本語", "", "", 13);
	assert_string_equal(out, "日本語日本語\n日本語\n");
	free(out);

	out = wrap_str("日本 語 ok", "* ", "  ", 80);
	assert_string_equal(out, "* 日本 語 ok\n");
	free(out);
}

/* Deterministic pseudo-random numbers (a 32-bit LCG). */
static uint32_t
lcg(uint32_t *seed)
{
	*seed = *seed * 1664525u + 1013904223u;
	return *seed >> 8;
}

static const char *const pool[] = {
	"a", "to", "the", "ice", "rest", "joint", "knee", "sterile",
	"dextrose", "injection", "ligament", "anti-inflammatory",
	"ñandú",
	"M\xc3\xbcller",			/* Müller */
	"Mu\xcc\x88ller",			/* Müller, decomposed */
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",	/* 日本語 */
	"\xf0\x9f\x98\x80",			/* 😀 */
	"ok\xf0\x9f\x91\x8d",			/* ok👍 */
	"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",	/* שלום */
	"\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7",	/* مرحبا */
	"caf\xc3\xa9",				/* café */
	"\xea\xb0\x80\xeb\x82\x98\xeb\x8b\xa4",	/* 가나다 */
};
#define POOL_LEN	(sizeof(pool) / sizeof(*pool))
#define POOL_MAX_W	17			/* anti-inflammatory */

/*
 * Builds a text of nwords words from the pool separated by one to three
 * spaces, and the same words separated by single spaces in *normp.
 */
static char *
random_text(uint32_t seed, size_t nwords, char **normp)
{
	char *text, *norm;
	size_t i, j, nsp;
	const char *w;

	text = calloc(nwords, 4 + 32);
	norm = calloc(nwords, 1 + 32);
	assert_non_null(text);
	assert_non_null(norm);
	for (i = 0; i < nwords; i++) {
		w = pool[lcg(&seed) % POOL_LEN];
		if (i > 0) {
			nsp = 1 + lcg(&seed) % 3;
			for (j = 0; j < nsp; j++)
				strcat(text, " ");
			strcat(norm, " ");
		}
		strcat(text, w);
		strcat(norm, w);
	}
	*normp = norm;
	return text;
}

/* Checks every line of out and that the words come back unchanged. */
static void
check_wrapped_text(const char *out, const char *norm, const char *first,
    const char *rest, int width)
{
	char *body[MAX_LINES], *copy, *joined, *sp;
	size_t n, i, pw, lw, text_cols;

	/*
	 * The text column has the same width on every line, so that the
	 * continuation lines align: width less the wider prefix.
	 */
	text_cols = (size_t)width - (width_str(first) > width_str(rest) ?
	    width_str(first) : width_str(rest));
	assert_true(utf8_valid(out, strlen(out)));
	n = split_lines(out, first, rest, body, &copy);
	joined = calloc(1, strlen(out) + 1);
	assert_non_null(joined);
	for (i = 0; i < n; i++) {
		pw = width_str(i == 0 ? first : rest);
		lw = width_str(body[i]);
		/* Prefix and text fit; no line is empty or padded. */
		assert_true(pw + lw <= (size_t)width);
		assert_true(lw > 0);
		assert_true(body[i][0] != ' ');
		assert_true(body[i][strlen(body[i]) - 1] != ' ');
		assert_null(strstr(body[i], "  "));
		/* Greedy: the next line's first word did not fit here. */
		if (i + 1 < n) {
			sp = strchr(body[i + 1], ' ');
			assert_true(lw + 1 + (sp ?
			    utf8_width(body[i + 1], (size_t)(sp - body[i + 1])) :
			    width_str(body[i + 1])) > text_cols);
		}
		if (i > 0)
			strcat(joined, " ");
		strcat(joined, body[i]);
	}
	assert_string_equal(joined, norm);
	free(joined);
	free(copy);
}

static void
torture_wrap_write_random_text(void **state)
{
	static const struct {
		const char	*first, *rest;
		int		 min_width;
	} prefixes[] = {
		{ "* ", "  ", 2 + POOL_MAX_W + 1 },
		{ "", "", POOL_MAX_W + 1 },
		{ "\xe2\x80\xa2 ", "  ", 2 + POOL_MAX_W + 1 },	/* "• " */
		{ "Solution:   ", "            ", 12 + POOL_MAX_W + 1 },
		{ "! ", "    ", 4 + POOL_MAX_W + 1 },
	};
	char *text, *norm, *out;
	size_t p;
	int width;
	uint32_t seed;

	(void)state;
	for (seed = 1; seed <= 5; seed++) {
		text = random_text(seed, 120, &norm);
		for (p = 0; p < sizeof(prefixes) / sizeof(*prefixes); p++) {
			for (width = prefixes[p].min_width; width <= 100;
			    width++) {
				out = wrap_str(text, prefixes[p].first,
				    prefixes[p].rest, width);
				check_wrapped_text(out, norm,
				    prefixes[p].first, prefixes[p].rest,
				    width);
				free(out);
			}
		}
		free(text);
		free(norm);
	}
}

/*
 * Checks that the lines of out, prefixes removed, are pieces of word
 * that each fit in width and fill it as far as the next character
 * allows, and that no piece starts inside a UTF-8 sequence or with a
 * combining mark.
 */
static void
check_split_word(const char *out, const char *word, const char *first,
    const char *rest, int width)
{
	char *body[MAX_LINES], *copy, *joined;
	size_t n, i, pw, lw;
	uint32_t cp;

	assert_true(utf8_valid(out, strlen(out)));
	n = split_lines(out, first, rest, body, &copy);
	assert_true(n > 1);
	joined = calloc(1, strlen(out) + 1);
	assert_non_null(joined);
	for (i = 0; i < n; i++) {
		pw = width_str(i == 0 ? first : rest);
		lw = width_str(body[i]);
		assert_true(pw + lw <= (size_t)width);
		assert_true(utf8_valid(body[i], strlen(body[i])));
		assert_true(utf8_decode(body[i], strlen(body[i]), &cp) > 0);
		assert_true(cp != 0x301 && cp != 0x308);
		if (i + 1 < n)
			assert_true(pw + lw + first_char_width(body[i + 1],
			    strlen(body[i + 1])) > (size_t)width);
		strcat(joined, body[i]);
	}
	assert_string_equal(joined, word);
	free(joined);
	free(copy);
}

static void
torture_wrap_write_long_ascii_word(void **state)
{
	char word[81], *out, want[256];
	size_t i;

	(void)state;
	for (i = 0; i < 80; i++)
		word[i] = (char)('a' + i % 26);
	word[80] = '\0';
	out = wrap_str(word, "* ", "  ", 20);
	check_split_word(out, word, "* ", "  ", 20);
	/* 80 = 4 x 18 + 8: full lines, then the rest. */
	snprintf(want, sizeof(want), "* %.18s\n  %.18s\n  %.18s\n  %.18s\n"
	    "  %.8s\n", word, word + 18, word + 36, word + 54, word + 72);
	assert_string_equal(out, want);
	free(out);
}

static void
torture_wrap_write_long_word_after_text(void **state)
{
	char word[81], text[128], *out, want[256];
	size_t i;

	(void)state;
	for (i = 0; i < 80; i++)
		word[i] = (char)('A' + i % 26);
	word[80] = '\0';
	snprintf(text, sizeof(text), "short %s end", word);
	out = wrap_str(text, "* ", "  ", 30);
	/* The long word starts its own line; the next word follows it. */
	snprintf(want, sizeof(want), "* short\n  %.28s\n  %.28s\n  %.24s end\n",
	    word, word + 28, word + 56);
	assert_string_equal(out, want);
	free(out);
}

/* An 80-byte word of 1- to 4-byte characters is cut only between them. */
static void
torture_wrap_write_long_utf8_word(void **state)
{
	char word[81], *out;
	size_t i;
	int width;

	(void)state;
	word[0] = '\0';
	for (i = 0; i < 8; i++)		/* "aé日😀": 10 bytes, 6 columns */
		strcat(word, "a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80");
	assert_int_equal(strlen(word), 80);
	assert_int_equal(width_str(word), 48);
	for (width = 14; width <= 49; width++) {
		out = wrap_str(word, "* ", "  ", width);
		check_split_word(out, word, "* ", "  ", width);
		free(out);
	}
}

/* A combining mark stays with the letter it follows. */
static void
torture_wrap_write_long_word_combining(void **state)
{
	char word[128], *out;
	size_t i;
	int width;

	(void)state;
	word[0] = '\0';
	for (i = 0; i < 30; i++)		/* e + U+0301, 90 bytes */
		strcat(word, "e\xcc\x81");
	for (width = 12; width <= 29; width++) {
		out = wrap_str(word, "", "", width);
		check_split_word(out, word, "", "", width);
		free(out);
	}
}

/*
 * A paragraph longer than the writer's buffer, with a word longer than
 * the buffer in it, comes out whole and in order.
 */
static void
torture_wrap_write_longer_than_buffer(void **state)
{
	char *text, *want, *out;
	size_t i, n;

	(void)state;
	n = 1500;			/* e + U+0301: 4,500 bytes, 1,500 columns */
	text = calloc(1, 3 * n + 16);
	want = calloc(1, 3 * n + 16);
	assert_non_null(text);
	assert_non_null(want);
	strcpy(text, "a ");
	for (i = 0; i < n; i++)
		strcat(text, "e\xcc\x81");
	strcat(text, "  b");
	strcpy(want, "> a");
	strcat(want, text + 1);
	memmove(strstr(want, "  b"), " b\n", 4);
	out = wrap_str(text, "> ", "  ", 2000);
	assert_string_equal(out, want);
	free(out);
	free(text);
	free(want);
}

static void
torture_wrap_pad_utf8(void **state)
{
	char *out;

	(void)state;
	out = pad_str("M\xc3\xbcller", 10);		/* Müller */
	assert_string_equal(out, "M\xc3\xbcller    ");
	assert_int_equal(strlen(out), 7 + 4);
	free(out);

	out = pad_str("Mu\xcc\x88ller", 10);		/* Müller, NFD */
	assert_string_equal(out, "Mu\xcc\x88ller    ");
	free(out);

	out = pad_str("\xe6\x97\xa5\xe6\x9c\xac", 6);	/* 日本 */
	assert_string_equal(out, "\xe6\x97\xa5\xe6\x9c\xac  ");
	free(out);

	out = pad_str("", 3);
	assert_string_equal(out, "   ");
	free(out);
}

/* Text already as wide as cols, or wider, is written whole. */
static void
torture_wrap_pad_no_truncation(void **state)
{
	char *out;

	(void)state;
	out = pad_str("abcdef", 3);
	assert_string_equal(out, "abcdef");
	free(out);

	out = pad_str("abc", 3);
	assert_string_equal(out, "abc");
	free(out);

	out = pad_str("abc", 0);
	assert_string_equal(out, "abc");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_wrap_write_short),
		cmocka_unit_test(torture_wrap_write_paragraph),
		cmocka_unit_test(torture_wrap_write_exact_fit),
		cmocka_unit_test(torture_wrap_write_collapses_spaces),
		cmocka_unit_test(torture_wrap_write_wide_chars),
		cmocka_unit_test(torture_wrap_write_random_text),
		cmocka_unit_test(torture_wrap_write_long_ascii_word),
		cmocka_unit_test(torture_wrap_write_long_word_after_text),
		cmocka_unit_test(torture_wrap_write_long_utf8_word),
		cmocka_unit_test(torture_wrap_write_long_word_combining),
		cmocka_unit_test(torture_wrap_write_longer_than_buffer),
		cmocka_unit_test(torture_wrap_pad_utf8),
		cmocka_unit_test(torture_wrap_pad_no_truncation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
