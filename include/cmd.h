#ifndef PROLO_CMD_H
#define PROLO_CMD_H

#include <stddef.h>
#include <stdio.h>

struct book;
struct load;
struct strv;

/*
 * The commands, one per file, and what they share.  Each takes the
 * command's own argv (argv[0] is its name) and returns the exit status.
 */

#define EX_NOPLAN	1	/* the rest come from <sysexits.h> */

int		 cmd_plan(int, char **);
int		 cmd_check(int, char **);
int		 cmd_protocols(int, char **);

int		 cmd_flush(void);
int		 cmd_operands(const char *, const char *, int, char **);
int		 cmd_usage(FILE *, const char *, int);
int		 cmd_usage_error(const char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
int		 cmd_open(struct load *, const char *, const char *,
		    const char *, const char *, int);
int		 cmd_book(struct book **, const struct load *,
		    const struct strv *);
int		 cmd_read(const char *, char **, size_t *);
const char	*cmd_protocols_dir(const char *, char **);
int		 cmd_today(int *, long long *);

#endif
