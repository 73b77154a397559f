#ifndef PROLO_TERMS_H
#define PROLO_TERMS_H

#include <stddef.h>

#include "schema.h"
#include "strv.h"

struct diag;

/*
 * Words that mean the same (data/terms.yaml): groups of conditions, and
 * the ingredients an injection may contain with their other names and
 * what they are made from.  Every word is kept folded (norm.h).
 */

/*
 * The most of an ingredient one visit may give, from its label: over
 * either limit the plan stops unless the patient file overrides rule;
 * from warn_percent of either, the clinician is warned.
 */
struct max_dose {
	char		*rule;		/* NULL: no limit */
	long		 mg_per_kg;	/* thousandths */
	long		 mg;		/* thousandths */
	int		 warn_percent;
	char		*source;
};

struct ingredient {
	struct langtext	 name;
	struct strv	 words;
	struct strv	 sources;
	struct langtext	 note;		/* no texts when there is none */
	struct max_dose	 max_dose;
};

struct terms {
	struct strv		*conditions;	/* each a group of words */
	size_t			 nconditions;
	struct ingredient	*ingredients;
	size_t			 ningredients;
};

struct terms	*terms_load(const char *, const char *, size_t, struct diag *);
void		 terms_free(struct terms *);
const struct strv *terms_condition(const struct terms *, const char *);
const struct ingredient *terms_ingredient(const struct terms *,
		    const char *);
const struct ingredient *terms_ingredient_named(const struct terms *,
		    const char *);
int		 terms_any(const struct strv *, const char *);

#endif
