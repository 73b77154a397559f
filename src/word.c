#include <string.h>
#include <strings.h>

#include "word.h"

/* A letter, a digit or a byte of a UTF-8 character: what words are made of. */
int
word_char(char c)
{
	unsigned char u = (unsigned char)c;

	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
	    (u >= '0' && u <= '9') || u >= 0x80;
}

static int
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : (unsigned char)c;
}

/*
 * Whether phrase occurs in text where a word starts and ends.  Only a
 * word starting with the phrase's first letter is compared further:
 * every medication is matched against many names.
 */
int
word_match(const char *text, const char *phrase)
{
	size_t i, len;
	int first;

	if ((len = strlen(phrase)) == 0)
		return 0;
	first = lower(phrase[0]);
	for (i = 0; text[i] != '\0'; i++) {
		if ((i > 0 && word_char(text[i - 1])) ||
		    lower(text[i]) != first)
			continue;
		if (strncasecmp(text + i, phrase, len) == 0 &&
		    !word_char(text[i + len]))
			return 1;
	}
	return 0;
}

static unsigned
letter_bit(char c)
{
	int l = lower(c);

	return l >= 'a' && l <= 'z' ? 1u << (l - 'a') : 1u << 26;
}

/*
 * The letters words of text start with, as bits (a-z; bit 26 for any
 * other start).  A phrase can only match where a word starts with its
 * first letter, so a caller matching one text against many phrases
 * tests word_may_match() first and skips most of them.
 */
unsigned
word_starts(const char *text)
{
	unsigned mask;
	size_t i;

	for (mask = 0, i = 0; text[i] != '\0'; i++)
		if (word_char(text[i]) && (i == 0 || !word_char(text[i - 1])))
			mask |= letter_bit(text[i]);
	return mask;
}

int
word_may_match(unsigned starts, const char *phrase)
{
	return (starts & letter_bit(phrase[0])) != 0;
}
