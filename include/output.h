#ifndef PROLO_OUTPUT_H
#define PROLO_OUTPUT_H

#include <stdio.h>

/*
 * Where prolo plan writes: standard output, or the file -o names,
 * written through a temporary file in the same folder and renamed into
 * place only when complete, so the named file is either whole or
 * untouched.  The output owns its temporary file's name.
 */
struct output {
	const char	*path;		/* NULL for standard output */
	char		*tmp;
	FILE		*fp;
};

int	output_open(struct output *, const char *);
int	output_close(struct output *, int);
int	output_is_input(const char *, char **, int);

#endif
