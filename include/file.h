#ifndef PROLO_FILE_H
#define PROLO_FILE_H

#include <stddef.h>

struct stat;

/*
 * Errors of the readers below that have no errno value; they are
 * negative, so they never equal one, and file_strerror() names them.
 */
#define FILE_ENOTREG	(-1)	/* not a regular file */
#define FILE_EOUTPUT	(-2)	/* the file file_forbid() named */

/*
 * Reads a whole file ("-" for standard input) into a new buffer the
 * caller frees, with a NUL after the last byte read (the file may hold
 * NULs of its own: use the length).  At most limit bytes are accepted:
 * a larger file gives EFBIG without being read further.  Returns 0 or
 * an errno value (or FILE_EOUTPUT).  A pipe or FIFO is read: a patient
 * file may come from "prolo plan <(...)".
 */
int		 file_read(const char *, size_t, char **, size_t *);

/*
 * As file_read(), for a file another one refers to (a protocol, the
 * clinic, the data files): anything but a regular file gives
 * FILE_ENOTREG, and is neither read nor opened in a way that can block.
 */
int		 file_read_regular(const char *, size_t, char **, size_t *);

/*
 * As file_read_regular(), for a file a folder's listing has just found
 * to be a regular file: its name is not looked at again, a stat saved
 * for each patient of a census, but what is opened is still refused
 * (FILE_ENOTREG) if it is not a regular file, and cannot wait.
 */
int		 file_read_listed(const char *, size_t, char **, size_t *);

/*
 * Makes every later read of the file st describes (its device and
 * inode, whatever name it is read by) fail with FILE_EOUTPUT, for the
 * rest of the run or until file_forbid(NULL); file_refused() counts the
 * reads refused since.  prolo plan forbids its output file, so an input
 * it only learns of while planning can never be the file it replaces.
 */
void		 file_forbid(const struct stat *);
unsigned	 file_refused(void);

/* strerror() for the errors of the readers above. */
const char	*file_strerror(int);

#endif
