#ifndef PROLO_WRAP_H
#define PROLO_WRAP_H

#include <stdio.h>

/*
 * Writes text as lines of at most width display columns (UTF-8 aware):
 * the first line starts with the prefix first, the others with rest.
 * Breaks at spaces; a word wider than a line is split between
 * characters, never inside one.
 */
void	wrap_write(FILE *, const char *, const char *, const char *, int);
int	wrap_pad(FILE *, const char *, int);

#endif
