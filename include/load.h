#ifndef PROLO_LOAD_H
#define PROLO_LOAD_H

#include <stddef.h>

#include "strv.h"

struct book;
struct care;
struct clinic;
struct diag;
struct drugs;
struct library;
struct patient;
struct protocol;
struct terms;

/*
 * What a run reads besides the patient files, and the one path by which
 * a patient file is read and validated with everything it refers to:
 * plan, check and the fuzzers all go through load_patient(), so they
 * accept and refuse the same files with the same messages.
 */

/*
 * The run's data.  The caller fills datadir (where care.LANG.yaml are
 * found), lang (the run's language, NULL for English), today, care,
 * drugs, terms, library and clinic (NULL: none); load_release() frees
 * what the pointers that are not const point to, and the care texts of
 * the other languages patients asked for.
 */
struct load {
	const char	*datadir;
	const char	*lang;
	int		 today;			/* no history after it */
	struct care	*care;			/* in lang */
	struct clinic	*clinic;
	struct drugs	*drugs;
	struct terms	*terms;
	struct library	*library;
	struct care	**cares;		/* others, as patients ask */
	struct strv	 langs;			/* cares[i] is in langs.v[i] */
	const struct protocol **checked;	/* protocols whose classes and
						   ingredients passed, each
						   checked once a run */
	size_t		 nchecked;
};

/*
 * A patient file validated with what it refers to.  The chart owns its
 * patient (patient_free()); the rest belongs to the load.
 */
struct chart {
	struct patient		*patient;
	const struct protocol	*protocol;
	const struct clinic	*clinic;	/* NULL: no clinic */
	const struct book	*book;		/* the appointments taken;
						   NULL: none (the caller's) */
	const struct drugs	*drugs;
	const struct terms	*terms;
	const struct care	*care;		/* in the patient's language */
};

#define LOAD_BOOK_MAX	(64 * 1024 * 1024)	/* bytes of a clinic's book */

/*
 * The data files.  Each returns NULL and fills the diag on error; a file
 * that cannot be read also sets *err to its errno (else *err is 0), so
 * the caller can tell a missing file from an invalid one.
 */
struct care	*load_care(const char *, const char *, const struct drugs *,
		    struct diag *, int *);
struct care	*load_care_text(const char *, const char *, size_t,
		    const struct drugs *, struct diag *);
struct drugs	*load_drugs(const char *, struct diag *, int *);
struct terms	*load_terms(const char *, struct diag *, int *);
struct clinic	*load_clinic(const char *, const struct drugs *,
		    const struct terms *, struct diag *, int *);
struct clinic	*load_clinic_text(const char *, const char *, size_t,
		    const struct drugs *, const struct terms *, struct diag *);
struct protocol	*load_protocol_text(const char *, const char *, size_t,
		    const char *, const struct load *, struct diag *);
int		 load_book(struct book *, const char *, const struct clinic *,
		    struct diag *, struct diag *, int *);
int		 load_patient(struct load *, const char *, const char *,
		    size_t, struct chart *, struct diag *);
void		 load_release(struct load *);

#endif
