#ifndef PROLO_OUTPUT_H
#define PROLO_OUTPUT_H

#include <stdio.h>
#include <sys/types.h>

/*
 * Where prolo plan writes: standard output, or the file -o names.
 *
 * A regular file, or a name with no file yet, is written through a
 * temporary file (mode 0600: it holds patient data) in the folder of
 * the file the name leads to, links followed, synced and renamed into
 * place only when the caller keeps it: the file is then whole, and
 * untouched otherwise, and a link stays a link.  Anything else is
 * written in place, never replaced nor its mode changed, because the
 * user set it up to receive the output: a device (/dev/null, a
 * terminal, /dev/full, whose write errors are still errors), a FIFO,
 * and the file standard output already is (-o /dev/stdout, /dev/fd/1).
 * A folder is refused.
 *
 * output_init() looks at the name, output_open() creates the temporary
 * file or opens the file, output_close() ends what output_init() began,
 * opened or not.  Each returns 0, or an exit status after a "prolo: "
 * message.  The output owns its path; fp is the stream to write to
 * between output_open() and output_close().
 */
enum output_kind {
	OUTPUT_STDOUT,		/* standard output, or the same file */
	OUTPUT_REPLACE,		/* a regular file, or none yet */
	OUTPUT_DIRECT		/* a device, a FIFO: written in place */
};

struct output {
	const char		*name;	/* as the user gave it; NULL: stdout */
	enum output_kind	 kind;
	char			*path;	/* OUTPUT_REPLACE: the file replaced */
	int			 watched; /* an existing file the run must not
					     read: all but character devices */
	dev_t			 dev;	/* when it exists, its device */
	ino_t			 ino;	/* and inode */
	int			 refused; /* the run read it: see below */
	int			 fd;
	FILE			*fp;
};

struct load;

/*
 * An output file is never one the run reads, compared by device and
 * inode whatever the names.  output_check() refuses, before anything is
 * written, the files known before planning: the operands, the clinic,
 * the data files and every protocol of the library folder.  A file only
 * learned of while planning, a protocol a patient names by path, cannot
 * be read at all from output_init() to output_close() (file_forbid()),
 * and output_close() then refuses the output and sets refused.  Both
 * say "output file 'NAME' is also an input file" and give 73; an output
 * refused is left untouched.
 */
int	output_init(struct output *, const char *);
int	output_check(const struct output *, const struct load *, char **,
	    int);
int	output_open(struct output *);
int	output_close(struct output *, int);

#endif
