#ifndef PROLO_LIBRARY_H
#define PROLO_LIBRARY_H

struct care;
struct diag;
struct patient;
struct protocol;
struct strv;

/*
 * The protocols a run uses: those of the library folder, named by id,
 * and files a patient names by path.  Each file is read once per run
 * for each way it is named (as an id, whose file name its id must
 * match, or by a path, which takes any id); later uses get the same
 * protocol, or the same error.  The library owns the protocols it
 * returns.
 */
struct library;

struct library		*library_new(const char *, const struct care *);
const struct protocol	*library_find(struct library *,
			    const struct patient *, struct diag *);
const struct protocol	*library_get(struct library *, const char *,
			    struct diag *);
int			 library_ids(const struct library *, struct strv *);
char			*library_suggest(const struct library *, const char *);
const char		*library_dir(const struct library *);
void			 library_free(struct library *);

#endif
