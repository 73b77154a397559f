#ifndef PROLO_UTF8_H
#define PROLO_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * UTF-8 decoding and display width, independent of the locale so that a
 * handout wraps the same on every machine; and the characters a text
 * from a file must not hold (controls, format characters) or may not be
 * made of alone (white space).  utf8_format_name() returns a static
 * string.
 */
int		 utf8_decode(const char *, size_t, uint32_t *);
int		 utf8_valid(const char *, size_t);
int		 utf8_cpwidth(uint32_t);
size_t		 utf8_width(const char *, size_t);
int		 utf8_printable(const char *, size_t);
int		 utf8_has_control(const char *, size_t);
int		 utf8_is_format(uint32_t);
uint32_t	 utf8_format(const char *, size_t);
const char	*utf8_format_name(uint32_t);
int		 utf8_is_space(uint32_t);
int		 utf8_blank(const char *, size_t);

#endif
