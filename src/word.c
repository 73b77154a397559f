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

/* Whether phrase occurs in text where a word starts and ends. */
int
word_match(const char *text, const char *phrase)
{
	size_t i, len;

	if ((len = strlen(phrase)) == 0)
		return 0;
	for (i = 0; text[i] != '\0'; i++) {
		if (i > 0 && word_char(text[i - 1]))
			continue;
		if (strncasecmp(text + i, phrase, len) == 0 &&
		    !word_char(text[i + len]))
			return 1;
	}
	return 0;
}
