#ifndef PROLO_UTF8_H
#define PROLO_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * UTF-8 decoding and display width, independent of the locale so that a
 * handout wraps the same on every machine.
 */
int	utf8_decode(const char *, size_t, uint32_t *);
int	utf8_valid(const char *, size_t);
int	utf8_cpwidth(uint32_t);
size_t	utf8_width(const char *, size_t);
int	utf8_has_control(const char *, size_t);

#endif
