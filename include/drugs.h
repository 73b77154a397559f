#ifndef PROLO_DRUGS_H
#define PROLO_DRUGS_H

#include <stddef.h>

#include "strv.h"

struct diag;

/*
 * Named classes of medicines (data/drugs.yaml): NSAIDs, low-dose
 * aspirin, anticoagulants, oral steroids, statins...  A patient's
 * medication belongs to the class whose name for it is the longest
 * match, so "aspirin 81 mg" is low-dose aspirin, not an NSAID.
 */

struct drug_class {
	char		*id;
	char		*name;
	int		 prescribed;	/* ask the prescriber before a hold */
	struct strv	 drugs;
};

/* A name of a class, filed under the first letter of the name. */
struct drug_ref {
	const struct drug_class	*dc;
	const char		*name;
	size_t			 len;
	size_t			 order;		/* in the file, over all classes */
};

struct drugs {
	struct drug_class	*classes;
	size_t			 n;
	struct drug_ref		*refs[27];	/* a-z, then any other */
	size_t			 nrefs[27];
};

struct drugs	*drugs_load(const char *, const char *, size_t, struct diag *);
void		 drugs_free(struct drugs *);
const struct drug_class *drugs_find(const struct drugs *, const char *);
const struct drug_class *drugs_class_of(const struct drugs *, const char *);
const char	*drugs_suggest(const struct drugs *, const char *);

#endif
