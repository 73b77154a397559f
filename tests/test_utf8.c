/*
 * Unit tests for utf8.c: decoding, validation, control and format
 * characters, white space and display width.
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

#define NO_CP	0xdeadbeefu	/* a value utf8_decode never produces */

/* Decodes a NUL-terminated string's first character. */
static int
decode_str(const char *s, uint32_t *cp)
{
	*cp = NO_CP;
	return utf8_decode(s, strlen(s), cp);
}

static size_t
width_str(const char *s)
{
	return utf8_width(s, strlen(s));
}

static void
torture_utf8_decode_ascii(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(decode_str("A", &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(decode_str("\x7f", &cp), 1);
	assert_int_equal(cp, 0x7f);
	/* Only the first character is read. */
	assert_int_equal(decode_str("ab", &cp), 1);
	assert_int_equal(cp, 'a');
	/* NUL is a character when the length covers it. */
	cp = NO_CP;
	assert_int_equal(utf8_decode("\0x", 2, &cp), 1);
	assert_int_equal(cp, 0);
}

static void
torture_utf8_decode_multibyte(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(decode_str("\xc3\xa9", &cp), 2);	/* é */
	assert_int_equal(cp, 0xe9);
	assert_int_equal(decode_str("\xc3\xa9z", &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(decode_str("\xe2\x82\xac", &cp), 3);	/* € */
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(decode_str("\xe6\x97\xa5", &cp), 3);	/* 日 */
	assert_int_equal(cp, 0x65e5);
	assert_int_equal(decode_str("\xf0\x9f\x98\x80", &cp), 4);	/* 😀 */
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(decode_str("\xd7\xa9", &cp), 2);	/* ש */
	assert_int_equal(cp, 0x5e9);
}

/* The first and last code point of each encoded length. */
static void
torture_utf8_decode_boundaries(void **state)
{
	static const struct {
		const char	*s;
		int		 len;
		uint32_t	 cp;
	} cases[] = {
		{ "\x01", 1, 0x01 },
		{ "\x7f", 1, 0x7f },
		{ "\xc2\x80", 2, 0x80 },
		{ "\xdf\xbf", 2, 0x7ff },
		{ "\xe0\xa0\x80", 3, 0x800 },
		{ "\xed\x9f\xbf", 3, 0xd7ff },		/* below surrogates */
		{ "\xee\x80\x80", 3, 0xe000 },		/* above surrogates */
		{ "\xef\xbf\xbf", 3, 0xffff },
		{ "\xf0\x90\x80\x80", 4, 0x10000 },
		{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff },
	};
	size_t i;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		assert_int_equal(decode_str(cases[i].s, &cp), cases[i].len);
		assert_int_equal(cp, cases[i].cp);
	}
}

static void
torture_utf8_decode_overlong(void **state)
{
	static const char *const bad[] = {
		"\xc0\xaf",		/* '/' in two bytes */
		"\xc0\x80",		/* NUL in two bytes */
		"\xc1\xbf",		/* U+7F in two bytes */
		"\xe0\x80\xaf",		/* '/' in three bytes */
		"\xe0\x9f\xbf",		/* U+7FF in three bytes */
		"\xf0\x80\x80\xaf",	/* '/' in four bytes */
		"\xf0\x8f\xbf\xbf",	/* U+FFFF in four bytes */
	};
	size_t i;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(decode_str(bad[i], &cp), -1);
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	}
}

static void
torture_utf8_decode_surrogate(void **state)
{
	static const char *const bad[] = {
		"\xed\xa0\x80",		/* U+D800 */
		"\xed\xaf\xbf",		/* U+DBFF */
		"\xed\xb0\x80",		/* U+DC00 */
		"\xed\xbf\xbf",		/* U+DFFF */
		"\xed\xa0\xbd\xed\xb8\x80",	/* CESU-8 pair for U+1F600 */
	};
	size_t i;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(decode_str(bad[i], &cp), -1);
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	}
}

static void
torture_utf8_decode_too_large(void **state)
{
	static const char *const bad[] = {
		"\xf4\x90\x80\x80",	/* U+110000 */
		"\xf4\xbf\xbf\xbf",
		"\xf5\x80\x80\x80",
		"\xf7\xbf\xbf\xbf",	/* U+1FFFFF */
		"\xf8\x88\x80\x80\x80",	/* five-byte form */
		"\xfc\x84\x80\x80\x80\x80",	/* six-byte form */
		"\xfe",
		"\xff",
	};
	size_t i;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(decode_str(bad[i], &cp), -1);
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	}
}

static void
torture_utf8_decode_truncated(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("", 0, &cp), -1);
	assert_int_equal(utf8_decode("\xc3", 1, &cp), -1);
	assert_int_equal(utf8_decode("\xe6\x97", 2, &cp), -1);
	assert_int_equal(utf8_decode("\xf0\x9f\x98", 3, &cp), -1);
	assert_int_equal(utf8_decode("\xf0\x9f", 2, &cp), -1);
	/* The length, not the NUL, ends the input. */
	assert_int_equal(utf8_decode("\xc3\xa9", 1, &cp), -1);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 3, &cp), -1);
	/* A NUL where a continuation byte belongs. */
	assert_int_equal(utf8_decode("\xc3\0", 2, &cp), -1);
	assert_false(utf8_valid("ab\xe6\x97", 4));
	assert_false(utf8_valid("\xf0\x9f\x98\x80", 3));
}

static void
torture_utf8_decode_bad_continuation(void **state)
{
	static const char *const bad[] = {
		"\x80",			/* stray continuation byte */
		"\xbf",
		"\x80\x80",
		"\xc3\x28",		/* lead then ASCII */
		"\xc3\xc3\xa9",		/* lead then lead */
		"\xe6\x28\xa5",
		"\xe6\x97\x28",
		"\xf0\x9f\x98\x28",
		"\xf0\x28\x98\x80",
	};
	size_t i;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(decode_str(bad[i], &cp), -1);
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	}
}

/* valgrind reports a read past a multibyte character that ends a buffer. */
static void
torture_utf8_decode_unterminated(void **state)
{
	char *p;
	uint32_t cp;

	(void)state;
	p = malloc(4);
	assert_non_null(p);
	memcpy(p, "\xf0\x9f\x98\x80", 4);
	assert_int_equal(utf8_decode(p, 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(utf8_decode(p + 1, 3, &cp), -1);
	assert_true(utf8_valid(p, 4));
	assert_int_equal(utf8_width(p, 4), 2);
	assert_false(utf8_has_control(p, 4));
	free(p);
}

static void
torture_utf8_valid_strings(void **state)
{
	static const char *const good[] = {
		"",
		"plain ascii",
		"Müller",
		"ñandú",
		"日本語",
		"😀👍",
		"שלום",
		"مرحبا",
		"e\xcc\x81",
		"\xef\xbf\xbf\xf4\x8f\xbf\xbf",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(*good); i++)
		assert_true(utf8_valid(good[i], strlen(good[i])));
	/* One bad byte anywhere spoils it. */
	assert_false(utf8_valid("Mu\xffller", 7));
	assert_false(utf8_valid("Müller\xc3", 8));
	assert_false(utf8_valid("\x80Müller", 8));
	/* A NUL is valid UTF-8 when the length covers it. */
	assert_true(utf8_valid("a\0b", 3));
	/* Only len bytes are checked. */
	assert_true(utf8_valid("ab\xff", 2));
}

static void
torture_utf8_has_control_detects(void **state)
{
	(void)state;
	assert_true(utf8_has_control("a\tb", 3));
	assert_true(utf8_has_control("line\n", 5));
	assert_true(utf8_has_control("\r", 1));
	assert_true(utf8_has_control("\x1b[31m", 5));	/* ESC */
	assert_true(utf8_has_control("del\x7f", 4));
	assert_true(utf8_has_control("\xc2\x85", 2));	/* C1 NEL, U+0085 */
	assert_true(utf8_has_control("\xc2\x80", 2));	/* U+0080 */
	assert_true(utf8_has_control("ok\xc2\x9f", 4));	/* U+009F */
	assert_true(utf8_has_control("a\0b", 3));	/* NUL within len */
	assert_true(utf8_has_control("\x01", 1));
	assert_true(utf8_has_control("\x1f", 1));
}

static void
torture_utf8_has_control_accepts_text(void **state)
{
	(void)state;
	assert_false(utf8_has_control("", 0));
	assert_false(utf8_has_control("plain text, with spaces ~", 25));
	assert_false(utf8_has_control("\xc3\xa9", 2));		/* é */
	assert_false(utf8_has_control("\xc2\xa0", 2));		/* NBSP U+00A0 */
	assert_false(utf8_has_control("\xc2\xbf", 2));		/* ¿ U+00BF */
	assert_false(utf8_has_control("日本語", strlen("日本語")));
	assert_false(utf8_has_control("😀", strlen("😀")));
	assert_false(utf8_has_control("שלום", strlen("שלום")));
	/* \x85 inside a longer character is not C1 NEL. */
	assert_false(utf8_has_control("\xe2\x80\x85", 3));	/* U+2005 */
	/* The length bounds the search. */
	assert_false(utf8_has_control("ab\n", 2));
}

/*
 * Long text is checked eight bytes at a time: every byte value at every
 * place in a 24-byte run of text must give the answer a byte-by-byte
 * check gives, and so must a run cut short just before or after it.
 */
static void
torture_utf8_has_control_every_place(void **state)
{
	char buf[24];
	size_t at, len;
	int b, want;

	(void)state;
	for (b = 0; b < 0x80; b++) {
		want = b < 0x20 || b == 0x7f;
		for (at = 0; at < sizeof(buf); at++) {
			memset(buf, 'x', sizeof(buf));
			buf[at] = (char)b;
			for (len = at; len <= sizeof(buf); len++)
				if (utf8_has_control(buf, len) !=
				    (len > at && want))
					fail_msg("byte 0x%02x at %zu of %zu", b,
					    at, len);
		}
	}
	/* A C1 control found past whole words of text, and text passed. */
	memcpy(buf, "0123456789abcdef\xc2\x85", 18);
	assert_true(utf8_has_control(buf, 18));
	memcpy(buf, "0123456789abcdef\xc3\xa9 ~", 20);
	assert_false(utf8_has_control(buf, 20));
}

static void
torture_utf8_cpwidth_basic(void **state)
{
	(void)state;
	assert_int_equal(utf8_cpwidth('A'), 1);
	assert_int_equal(utf8_cpwidth(' '), 1);
	assert_int_equal(utf8_cpwidth('~'), 1);
	assert_int_equal(utf8_cpwidth(0xe9), 1);	/* é */
	assert_int_equal(utf8_cpwidth(0xa0), 1);	/* NBSP */
	assert_int_equal(utf8_cpwidth(0x20ac), 1);	/* € */
	assert_int_equal(utf8_cpwidth(0x5d0), 1);	/* Hebrew alef */
	assert_int_equal(utf8_cpwidth(0x5e9), 1);	/* Hebrew shin */
	assert_int_equal(utf8_cpwidth(0x627), 1);	/* Arabic alef */
	assert_int_equal(utf8_cpwidth(0x645), 1);	/* Arabic meem */
	assert_int_equal(utf8_cpwidth(0x65e5), 2);	/* 日 */
	assert_int_equal(utf8_cpwidth(0x672c), 2);	/* 本 */
	assert_int_equal(utf8_cpwidth(0x1f600), 2);	/* 😀 */
	assert_int_equal(utf8_cpwidth(0x1f44d), 2);	/* 👍 */
}

static void
torture_utf8_cpwidth_zero(void **state)
{
	(void)state;
	assert_int_equal(utf8_cpwidth(0), 0);
	assert_int_equal(utf8_cpwidth('\n'), 0);
	assert_int_equal(utf8_cpwidth(0x7f), 0);
	assert_int_equal(utf8_cpwidth(0x85), 0);
	assert_int_equal(utf8_cpwidth(0x9f), 0);
	assert_int_equal(utf8_cpwidth(0x200d), 0);	/* zero-width joiner */
	assert_int_equal(utf8_cpwidth(0x200b), 0);	/* zero-width space */
	assert_int_equal(utf8_cpwidth(0xfeff), 0);	/* BOM / ZWNBSP */
	assert_int_equal(utf8_cpwidth(0xfe0f), 0);	/* variation selector 16 */
	assert_int_equal(utf8_cpwidth(0x200f), 0);	/* right-to-left mark */
}

/* Combining marks of several scripts take no column. */
static void
torture_utf8_cpwidth_combining_marks(void **state)
{
	static const uint32_t marks[] = {
		0x0300, 0x0301, 0x0308, 0x036f,	/* Latin combining */
		0x05b0, 0x05bc,			/* Hebrew points */
		0x064b, 0x064e, 0x0651,		/* Arabic harakat */
		0x093c, 0x094d,			/* Devanagari nukta, virama */
		0x0e31, 0x0e48,			/* Thai */
		0x20d7,				/* combining vector */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(marks) / sizeof(*marks); i++)
		assert_int_equal(utf8_cpwidth(marks[i]), 0);
}

/*
 * NFD Japanese kana (as macOS writes file names) uses the combining
 * voiced sound marks U+3099 and U+309A; Bengali names use the virama
 * U+09CD.  All three are nonspacing marks (category Mn): zero columns,
 * as wcwidth() gives.
 */
static void
torture_utf8_cpwidth_combining_kana_and_bengali(void **state)
{
	(void)state;
	assert_int_equal(utf8_cpwidth(0x3099), 0);
	assert_int_equal(utf8_cpwidth(0x309a), 0);
	/* "か" + U+3099, which is "が" decomposed: two columns like "が". */
	assert_int_equal(width_str("\xe3\x81\x8b\xe3\x82\x99"),
	    width_str("\xe3\x81\x8c"));
	assert_int_equal(utf8_cpwidth(0x09cd), 0);
	assert_int_equal(utf8_cpwidth(0x0981), 0);
}

/*
 * East Asian Width from Python's unicodedata (Unicode 14.0.0), computed
 * once and written here: W and F take two columns, everything else one.
 */
static void
torture_utf8_cpwidth_east_asian_width(void **state)
{
	static const struct {
		uint32_t	 cp;
		const char	*eaw;
	} cases[] = {
		{ 0x0041, "Na" },	/* A */
		{ 0x00e9, "A" },	/* é */
		{ 0x20ac, "A" },	/* € */
		{ 0x05d0, "N" },	/* Hebrew alef */
		{ 0x0627, "N" },	/* Arabic alef */
		{ 0x2603, "N" },	/* snowman */
		{ 0x2764, "N" },	/* heavy black heart */
		{ 0xff61, "H" },	/* halfwidth ideographic full stop */
		{ 0x1100, "W" },	/* Hangul choseong kiyeok */
		{ 0x231a, "W" },	/* watch */
		{ 0x2614, "W" },	/* umbrella with rain drops */
		{ 0x2705, "W" },	/* white heavy check mark */
		{ 0x2e80, "W" },	/* CJK radical repeat */
		{ 0x3000, "F" },	/* ideographic space */
		{ 0x3042, "W" },	/* hiragana a */
		{ 0x30a2, "W" },	/* katakana a */
		{ 0x3400, "W" },	/* CJK extension A */
		{ 0x4e00, "W" },
		{ 0x65e5, "W" },	/* 日 */
		{ 0x9fff, "W" },
		{ 0xac00, "W" },	/* Hangul syllable ga */
		{ 0xd7a3, "W" },	/* Hangul syllable hih */
		{ 0xfe30, "W" },
		{ 0xff01, "F" },	/* fullwidth exclamation mark */
		{ 0xffe0, "F" },	/* fullwidth cent sign */
		{ 0x1f300, "W" },	/* cyclone */
		{ 0x1f44d, "W" },	/* thumbs up */
		{ 0x1f600, "W" },	/* grinning face */
		{ 0x1f680, "W" },	/* rocket */
		{ 0x20000, "W" },	/* CJK extension B */
	};
	size_t i;
	int want;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		want = strcmp(cases[i].eaw, "W") == 0 ||
		    strcmp(cases[i].eaw, "F") == 0 ? 2 : 1;
		assert_int_equal(utf8_cpwidth(cases[i].cp), want);
	}
}

static void
torture_utf8_width_strings(void **state)
{
	(void)state;
	assert_int_equal(width_str(""), 0);
	assert_int_equal(width_str("hello"), 5);
	assert_int_equal(width_str("\xc3\xa9"), 1);		/* é precomposed */
	assert_int_equal(width_str("e\xcc\x81"), 1);		/* e + U+0301 */
	assert_int_equal(width_str("Mu\xcc\x88ller"), 6);	/* Müller, NFD */
	assert_int_equal(width_str("Müller"), 6);
	assert_int_equal(width_str("日本"), 4);
	assert_int_equal(width_str("日本語 ok"), 9);
	assert_int_equal(width_str("😀"), 2);
	assert_int_equal(width_str("a😀b"), 4);
	assert_int_equal(width_str("שלום"), 4);		/* Hebrew */
	assert_int_equal(width_str("مرحبا"), 5);		/* Arabic */
	assert_int_equal(width_str("a\xe2\x80\x8d" "b"), 2);	/* ZWJ */
	/* Family emoji: three wide emoji joined by two ZWJs. */
	assert_int_equal(width_str("\xf0\x9f\x91\xa8\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7"), 6);
	/* Only len bytes count. */
	assert_int_equal(utf8_width("日本", 3), 2);
}

/* Each byte of an invalid sequence takes one column (as a replacement). */
static void
torture_utf8_width_invalid(void **state)
{
	(void)state;
	assert_int_equal(width_str("\xff"), 1);
	assert_int_equal(width_str("a\xffz"), 3);
	assert_int_equal(width_str("\xc0\xaf"), 2);
	assert_int_equal(width_str("\xed\xa0\x80"), 3);
	/* A truncated character at the end. */
	assert_int_equal(utf8_width("日本", 5), 4);
}

static void
torture_utf8_format_finds(void **state)
{
	static const struct {
		const char	*s;
		uint32_t	 cp;
	} cases[] = {
		{ "ibuprofen \u202e10-12", 0x202e },	/* RLO */
		{ "\u200b", 0x200b },			/* zero width space */
		{ "war\u200bfarin", 0x200b },
		{ "\U0001F469\u200d\u2695\ufe0f", 0x200d },	/* ZWJ emoji */
		{ "a\ufeff", 0xfeff },			/* BOM at the end */
		{ "co\u00adpay", 0x00ad },		/* soft hyphen */
		{ "\u0600", 0x0600 },			/* first after U+00AD */
		{ "x\U000E0001", 0xe0001 },		/* four bytes */
		{ "\U000E007F", 0xe007f },		/* the last */
		/* The first of two, and one after invalid UTF-8. */
		{ "\u2066a\u2069", 0x2066 },
		{ "\xff\u2060", 0x2060 },
	};
	uint32_t cp;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if ((cp = utf8_format(cases[i].s, strlen(cases[i].s))) !=
		    cases[i].cp)
			fail_msg("case %zu: got U+%04X", i, (unsigned)cp);
}

static void
torture_utf8_format_accepts_text(void **state)
{
	static const char *const good[] = {
		"",
		"plain text ~",
		"M\u00fcller \u00a0 \u00ac \u00ae",	/* around U+00AD */
		"\u05e9\u05dc\u05d5\u05dd",		/* Hebrew */
		"\u0645\u0631\u062d\u0628\u0627",	/* Arabic */
		"\u2695\ufe0f",			/* variation selector: Mn */
		"e\u0301",				/* combining mark: Mn */
		"\u3000\u2028\u2029\u202f",		/* spaces and breaks */
		"\U0001F600\U0001F1EE\U0001F1F1",	/* emoji, a flag */
		"\xed\xa0\x80",			/* a surrogate: invalid */
	};
	uint32_t cp;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(*good); i++)
		if ((cp = utf8_format(good[i], strlen(good[i]))) != 0)
			fail_msg("case %zu: got U+%04X", i, (unsigned)cp);
	/* The length bounds the search. */
	assert_int_equal(utf8_format("ab\u202e", 2), 0);
	assert_int_equal(utf8_format("ab\u202e", 4), 0);
}

static void
torture_utf8_format_name(void **state)
{
	(void)state;
	assert_string_equal(utf8_format_name(0x202e), "right-to-left override");
	assert_string_equal(utf8_format_name(0x200b), "zero width space");
	assert_string_equal(utf8_format_name(0x200d), "zero width joiner");
	assert_string_equal(utf8_format_name(0xfeff),
	    "zero width no-break space or byte order mark");
	assert_string_equal(utf8_format_name(0x00ad), "soft hyphen");
	assert_null(utf8_format_name(0xe0001));
	assert_null(utf8_format_name(0x2061));
	assert_null(utf8_format_name('a'));
}

static void
torture_utf8_blank(void **state)
{
	static const char *const blank[] = {
		"", " ", "\t", " \t\n\v\f\r ", "\xc2\x85", "\u00a0",
		"\u1680", "\u2000\u2005\u200a", "\u2028\u2029", "\u202f",
		"\u205f", "\u3000", " \u3000 ",
	};
	static const char *const text[] = {
		"x", " x ", "\u3000x", ".",
		"\u200b",		/* format, not space (Unicode 4.0.1) */
		"\u180e",		/* format, not space (Unicode 6.3) */
		"\ufeff",
		"\x1c",			/* a control Python calls space */
		" \xff",		/* invalid UTF-8 is something */
		"\u3000\xe3\x80",	/* a truncated U+3000 too */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(blank) / sizeof(*blank); i++)
		if (!utf8_blank(blank[i], strlen(blank[i])))
			fail_msg("blank case %zu not blank", i);
	for (i = 0; i < sizeof(text) / sizeof(*text); i++)
		if (utf8_blank(text[i], strlen(text[i])))
			fail_msg("text case %zu blank", i);
	/* Only len bytes count. */
	assert_true(utf8_blank(" x", 1));
}

/*
 * Python's view of every code point: its Unicode version on the first
 * line, then each format character (category Cf) and each character
 * str.isspace() takes, with a letter saying which.
 */
#define PY_SCRIPT \
	"import unicodedata as u\n" \
	"print(u.unidata_version)\n" \
	"for c in range(0x110000):\n" \
	"    if u.category(chr(c)) == \"Cf\": print(\"f\", c)\n" \
	"    if chr(c).isspace(): print(\"s\", c)\n"

/*
 * The format table (made by tools/gen-width.py) and the white space
 * test, against Python's unicodedata at every code point.  Python's
 * isspace() goes by bidirectional class, so it also takes U+001C to
 * U+001F, which are not White_Space: controls, refused anyway.
 */
static void
torture_utf8_format_space_every_code_point(void **state)
{
	static unsigned char fmt[0x110000], space[0x110000];
	char version[32], kind;
	unsigned long c;
	uint32_t cp;
	FILE *py;

	(void)state;
	py = popen("exec \"${PYTHON:-python3}\" -c '" PY_SCRIPT "' "
	    "2>/dev/null", "r");
	if (py == NULL || fscanf(py, "%31s", version) != 1) {
		if (py != NULL)
			pclose(py);
		skip();
	}
	while (fscanf(py, " %c %lu", &kind, &c) == 2 && c < 0x110000)
		(kind == 'f' ? fmt : space)[c] = 1;
	assert_int_equal(pclose(py), 0);
	space[0x1c] = space[0x1d] = space[0x1e] = space[0x1f] = 0;
	for (cp = 0; cp < 0x110000; cp++) {
		if (utf8_is_format(cp) != fmt[cp])
			fail_msg("U+%04X: format %d, but Python's unicodedata "
			    "(Unicode %s) says %d; rerun tools/gen-width.py",
			    (unsigned)cp, utf8_is_format(cp), version, fmt[cp]);
		if (utf8_is_space(cp) != space[cp])
			fail_msg("U+%04X: space %d, but Python says %d",
			    (unsigned)cp, utf8_is_space(cp), space[cp]);
	}
	/* Python really answered: these are known. */
	assert_true(fmt[0x202e] && fmt[0xfeff] && fmt[0xe0001]);
	assert_true(space[0x3000] && space[0x85] && !space[0x200b]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_utf8_decode_ascii),
		cmocka_unit_test(torture_utf8_decode_multibyte),
		cmocka_unit_test(torture_utf8_decode_boundaries),
		cmocka_unit_test(torture_utf8_decode_overlong),
		cmocka_unit_test(torture_utf8_decode_surrogate),
		cmocka_unit_test(torture_utf8_decode_too_large),
		cmocka_unit_test(torture_utf8_decode_truncated),
		cmocka_unit_test(torture_utf8_decode_bad_continuation),
		cmocka_unit_test(torture_utf8_decode_unterminated),
		cmocka_unit_test(torture_utf8_valid_strings),
		cmocka_unit_test(torture_utf8_has_control_detects),
		cmocka_unit_test(torture_utf8_has_control_accepts_text),
		cmocka_unit_test(torture_utf8_cpwidth_basic),
		cmocka_unit_test(torture_utf8_cpwidth_zero),
		cmocka_unit_test(torture_utf8_cpwidth_combining_marks),
		cmocka_unit_test(torture_utf8_cpwidth_combining_kana_and_bengali),
		cmocka_unit_test(torture_utf8_cpwidth_east_asian_width),
		cmocka_unit_test(torture_utf8_width_strings),
		cmocka_unit_test(torture_utf8_width_invalid),
		cmocka_unit_test(torture_utf8_has_control_every_place),
		cmocka_unit_test(torture_utf8_format_finds),
		cmocka_unit_test(torture_utf8_format_accepts_text),
		cmocka_unit_test(torture_utf8_format_name),
		cmocka_unit_test(torture_utf8_blank),
		cmocka_unit_test(torture_utf8_format_space_every_code_point),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
