#ifndef PROLO_DRUGS_H
#define PROLO_DRUGS_H

#include <stddef.h>

#include "schema.h"
#include "strv.h"

struct diag;

/*
 * Named classes of medicines (data/drugs.yaml): NSAIDs, low-dose
 * aspirin, anticoagulants, antiplatelets, oral steroids...  Each says
 * how it may be paused around an injection.  A medication is matched
 * however it is typed (norm.h): by the longest name of a class at each
 * of its words, and for a medicine whose class depends on its dose
 * (aspirin) by the dose the text gives.
 */

/* How a class may be paused, from the least to the most careful. */
enum drug_pause {
	DRUG_PAUSE,		/* dated windows around the visits */
	DRUG_ASK,		/* only with the prescriber's agreement */
	DRUG_NEVER		/* never on a schedule: the clinician decides */
};

struct drug_class {
	char		*id;
	char		*name;
	int		 pause;		/* enum drug_pause */
	int		 blood_thinner;	/* warn of bleeding and bruising */
	struct strv	 drugs;
};

/*
 * Names whose class is chosen by dose: low when the text says so
 * (low_words) or the dose a day is at most low_max_mg, high when one
 * dose is at least high_min_mg, and low otherwise: the careful choice
 * when the dose is not given or lies between.
 */
struct drug_dose {
	struct strv		 drugs;
	char			*low_id;
	int			 low_max_mg;
	struct strv		 low_words;	/* folded */
	char			*high_id;
	int			 high_min_mg;
	const struct drug_class	*low;
	const struct drug_class	*high;
};

/* A folded name, filed under its first letter. */
struct drug_ref {
	const struct drug_class	*dc;	/* or */
	const struct drug_dose	*dose;
	char			*name;	/* folded, without its first space */
	size_t			 len;
};

#define DRUGS_INDEX_SIDE	27		/* a-z, then any other */
#define DRUGS_INDEX		(DRUGS_INDEX_SIDE * DRUGS_INDEX_SIDE)

struct drugs {
	struct drug_class	*classes;
	size_t			 n;
	struct drug_dose	*doses;
	size_t			 ndoses;
	struct drug_ref		*refs[DRUGS_INDEX];	/* by two letters */
	size_t			 nrefs[DRUGS_INDEX];
};

struct drugs	*drugs_load(const char *, const char *, size_t, struct diag *);
void		 drugs_free(struct drugs *);
const struct drug_class *drugs_find(const struct drugs *, const char *);
const struct drug_class *drugs_class_of(const struct drugs *, const char *);
size_t		 drugs_classes(const struct drugs *, const char *,
		    const struct drug_class *[2], int *);
size_t		 drugs_classes_folded(const struct drugs *, const char *,
		    const struct drug_class *[2], int *);
const struct drug_class *drugs_lookup(const struct drugs *, const char *,
		    const char *, struct pos, struct diag *);

#endif
