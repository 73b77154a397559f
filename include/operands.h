#ifndef PROLO_OPERANDS_H
#define PROLO_OPERANDS_H

/*
 * The files a command reads: its operands, or the names a list holds
 * (--files-from, one a line; --files0-from, NUL-terminated), with the
 * folders among them walked (walk.h), as GNU du and wc take
 * --files0-from: a list replaces the operands, it is not added to them.
 *
 * operands_option() takes a list option (its getopt_long value, below)
 * and returns 1, or 0 for any other option.  operands_open() checks
 * what was given and opens the list; it looks ahead to the first file,
 * so that a run given nothing to read (no operand, an empty folder, an
 * empty list) is a usage error, 64, before any output is begun (the
 * caller adds its synopsis); what it is given is named by what.
 * operands_each() hands every file in turn to file, with whether it was
 * found in a folder (cmd_read()'s listed), and the status of every
 * failure met on the way to fail (66 a folder or the list cannot be
 * read, 65 a bad list entry, 64 an empty folder), in the order met;
 * file returns 1 when what it was given is a folder (cmd_read() says
 * CMD_FOLDER), to be walked next, else 0.  The other functions return
 * 0 or an exit status after a message.
 */
#define OPERANDS_FILES_FROM	0x100
#define OPERANDS_FILES0_FROM	0x101

struct walk;

struct operands {
	const char	*list;		/* its name; NULL: the operands */
	int		 delim;		/* '\n' or '\0' */
	int		 nlists;	/* list options given */
	struct walk	*walk;
	char		*first;		/* looked ahead to, not yet given */
	int		 first_found;
	int		 pending;	/* a failure met looking ahead */
	int		 given;		/* files given so far */
};

int	operands_option(struct operands *, int, const char *);
int	operands_open(struct operands *, const char *, char **, int);
void	operands_each(struct operands *, int (*)(void *, const char *, int),
	    void (*)(void *, int), void *);
void	operands_close(struct operands *);

/* The options' table rows, for each command's getopt_long table. */
#define OPERANDS_OPTIONS \
	{ "files-from",	required_argument,	NULL, OPERANDS_FILES_FROM }, \
	{ "files0-from", required_argument,	NULL, OPERANDS_FILES0_FROM }

#endif
