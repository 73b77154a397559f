#ifndef PROLO_CMD_H
#define PROLO_CMD_H

#include <stddef.h>
#include <stdio.h>

#include "load.h"
#include "operands.h"
#include "output.h"
#include "strv.h"

struct book;
struct diag;
struct plan;

/*
 * The commands, one per file, and what they share.  Each takes the
 * command's own argv (argv[0] is its name) and returns the exit status.
 */

#define EX_NOPLAN	1	/* the rest come from <sysexits.h> */
#define CMD_FOLDER	(-1)	/* cmd_read(): a folder, to be walked */

int		 cmd_agenda(int, char **);
int		 cmd_plan(int, char **);
int		 cmd_prep(int, char **);
int		 cmd_check(int, char **);
int		 cmd_protocols(int, char **);

int		 cmd_flush(void);
int		 cmd_usage(FILE *, const char *, int);
int		 cmd_usage_error(const char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
int		 cmd_open(struct load *, const char *, const char *,
		    const char *, const char *, int);
int		 cmd_book(struct book **, const struct load *,
		    const struct strv *);
int		 cmd_read(const char *, int, char **, size_t *);
const char	*cmd_protocols_dir(const char *, char **);
int		 cmd_today(int *, long long *);

/*
 * A planning run, as plan, agenda and prep make one: the patient files
 * (operands.h: the operands or a list, folders walked) planned in
 * turn, sharing the clinic's book, so that a later patient never gets
 * a full slot; each plan's warnings on standard error, and the plan
 * handed to the command (planned) for its output; the status that of
 * the first failure.  Each file is read, planned and printed before the
 * next is read: a census of any size is one run, in the memory of one
 * patient and of the book.
 *
 * The options the commands share are gathered by cmd_run_option().
 * cmd_run_operands() checks the files given and sets today;
 * cmd_run_open() reads what a run needs before the files: the data,
 * the clinic, the output's name and the book; cmd_run_begin() does
 * both.  Between cmd_run_start() and cmd_run_end() run->out.fp is the
 * output, and cmd_run_files() plans every file into it; cmd_run_end()
 * keeps it, or leaves the file as it was, and releases the run.
 */
struct cmd_inputs {
	const char	*outpath;	/* -o; NULL: standard output */
	const char	*protodir;	/* --protocols */
	const char	*clinic;	/* --clinic */
	const char	*lang;		/* --lang (plan only) */
	struct strv	 books;		/* --book, in the order given */
	struct operands	 files;		/* --files-from, --files0-from */
};

struct cmd_run {
	struct load	 load;
	struct output	 out;
	struct operands	 files;
	struct book	*book;		/* the clinic's, and the run's plans */
	int		 today;
	long long	 now;
	int		 status;	/* of the first failure */
	int		 broken;	/* a failure other than no plan */
	void		(*planned)(struct cmd_run *, const struct plan *);
	void		*arg;		/* the command's, for planned */
};

int		 cmd_run_option(struct cmd_inputs *, int, const char *);
int		 cmd_run_begin(struct cmd_run *, const char *,
		    struct cmd_inputs *, char **, int);
int		 cmd_run_operands(struct cmd_run *, const char *,
		    struct cmd_inputs *, char **, int);
int		 cmd_run_open(struct cmd_run *, const char *,
		    struct cmd_inputs *, char **, int);
int		 cmd_run_start(struct cmd_run *);
void		 cmd_run_files(struct cmd_run *);
void		 cmd_run_fail(struct cmd_run *, int);
void		 cmd_run_report(struct cmd_run *, struct diag *);
int		 cmd_run_end(struct cmd_run *);

#endif
