#ifndef PROLO_WALK_H
#define PROLO_WALK_H

/*
 * The files a run reads, one at a time, from its operands or from a
 * list of file names, with every folder among them walked:
 *
 *   - a folder yields the files beneath it named *.yaml or *.yml (in
 *     any case), in byte order of their paths, so that a census is
 *     booked in the same order on every machine and in every locale;
 *   - names beginning with a dot are skipped, files and folders, as ls
 *     and shell globs skip them;
 *   - a symbolic link met inside a folder is not followed, as grep -r
 *     does not: a link to a folder could lead out of the tree or round
 *     a loop, and one to a file could plan a patient twice.  It is
 *     reported (WALK_LINK) when it names a YAML file or leads to a
 *     folder, so no patient is left out unseen.  A link given as an
 *     operand or a list entry is followed: it was named on purpose;
 *   - a folder found inside itself (a bind mount) is reported and not
 *     walked again.
 *
 * An operand or list entry is yielded as it is, a file named, for the
 * reader to open: a reader that finds it is a folder (EISDIR) calls
 * walk_enter(), and the walk goes into it, as a stat of every patient
 * named would cost a census of files named one by one a tenth of its
 * time.  "-" is standard input.
 *
 * A list (--files-from, --files0-from) holds one name per line, blank
 * lines skipped as tar and rsync skip them, or one per NUL-terminated
 * entry as find -print0 writes them, an empty one an error as for GNU
 * du and wc.  "-" names standard input, both as the list and as an
 * entry of a list read from a file.
 *
 * Memory stays flat whatever the census: a folder's names are held
 * (compactly: they must be sorted) only while it is walked, and a list
 * is read one entry at a time.
 */
struct walk;

enum walk_event {
	WALK_END,	/* no more files */
	WALK_FILE,	/* a file to read: path, found */
	WALK_ERROR,	/* a folder or the list cannot be read: path, err */
	WALK_NOTREG,	/* a patient file's name in a folder on what is
			   not a regular file (a FIFO would stop the run
			   on its open): path */
	WALK_LINK,	/* a symbolic link in a folder, not followed: path */
	WALK_LOOP,	/* a folder inside itself, not walked again: path */
	WALK_EMPTY,	/* a folder or list that yields no file: path;
			   err 1 for the list, 0 for a folder */
	WALK_BADNAME	/* a list entry that names no file: path (the
			   list), entry, col, err (WALK_E*) */
};

/* The errors of WALK_BADNAME. */
#define WALK_EEMPTY	1	/* an empty entry of a NUL-separated list */
#define WALK_ENUL	2	/* a NUL in a list of lines */
#define WALK_ELONG	3	/* longer than WALK_NAME_MAX */
#define WALK_ESTDIN	4	/* "-" in a list read from standard input */
#define WALK_ESTDIN2	5	/* "-" when standard input is already read */

#define WALK_NAME_MAX	4096	/* bytes of a list entry: PATH_MAX */

struct walk_item {
	enum walk_event	 event;
	const char	*path;	/* valid until the next walk_next() */
	int		 found;	/* WALK_FILE: a regular file found in a
				   folder (file_read_listed()); 0: a file
				   named, which may be a folder */
	int		 err;	/* WALK_ERROR: errno; WALK_BADNAME: WALK_E* */
	int		 entry;	/* WALK_BADNAME: line or entry, from 1 */
	int		 col;	/* WALK_BADNAME: its column, from 1 */
};

/*
 * walk_operands() walks the operands (argv, n) in the order given, and
 * walk_list() the names a list file holds, "-" for standard input,
 * separated by delim ('\n' or '\0'); it returns NULL with errno set
 * when the list cannot be opened.  walk_next() fills in the next item;
 * after WALK_END it keeps giving WALK_END.  walk_enter(), after a
 * WALK_FILE that was named (found 0) and is a folder, walks that folder
 * from the next walk_next().
 */
struct walk	*walk_operands(char **, int);
struct walk	*walk_list(const char *, int);
void		 walk_next(struct walk *, struct walk_item *);
void		 walk_enter(struct walk *);
void		 walk_free(struct walk *);

#endif
