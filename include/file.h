#ifndef PROLO_FILE_H
#define PROLO_FILE_H

#include <stddef.h>

/*
 * Reads a whole file ("-" for standard input) into a new buffer the
 * caller frees, with a NUL after the last byte read (the file may hold
 * NULs of its own: use the length).  At most limit bytes are accepted:
 * a larger file gives EFBIG without being read further.  Returns 0 or
 * an errno value.
 */
int	file_read(const char *, size_t, char **, size_t *);

#endif
