#ifndef PROLO_LIBRARY_H
#define PROLO_LIBRARY_H

struct care;
struct diag;
struct patient;
struct protocol;

/*
 * The protocols a run uses: those of the library folder, named by id,
 * and files a patient names by path.  Each file is read once per run;
 * later patients naming it get the same protocol, or the same error.
 * The library owns the protocols it returns.
 */
struct library;

struct library		*library_new(const char *, const struct care *);
const struct protocol	*library_find(struct library *,
			    const struct patient *, struct diag *);
void			 library_free(struct library *);

#endif
