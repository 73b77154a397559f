#ifndef PROLO_CLINIC_H
#define PROLO_CLINIC_H

#include <stddef.h>

#include "date.h"
#include "rules.h"
#include "schema.h"

struct diag;

/*
 * The clinic a plan is for, from clinic.yaml: who it is, when it is
 * open, its closures, appointment times and price.  Every field is
 * optional (strings NULL when not given); an absent clinic file means
 * no clinic at all (plans take a NULL clinic).
 */

#define CLINIC_PRICE_MAX 100000000L	/* cents: 1,000,000.00 a visit */
#define CLINIC_VISIT_MINUTES	45	/* a visit's length, unless set */
#define CLINIC_CAPACITY_MAX	1000	/* visits sharing one slot time */
#define CLINIC_SYRINGE_MIN	1000	/* syringe_ml, thousandths of a mL */
#define CLINIC_SYRINGE_MAX	100000

struct ingredient;
struct terms;

struct closure {
	struct date_range	 range;
	char			*name;		/* NULL for an unnamed date */
};

/*
 * What the clinic mixes a solution from (stock:): a stock solution of
 * one ingredient at a strength, or a diluent such as sterile water.
 * The ingredient is a word of an ingredient of terms.yaml, which
 * clinic_check_terms() finds, as a protocol's are, so that a stock
 * named "Xylocaine 1%" serves a protocol's lidocaine.
 */
struct stock {
	char			*name;		/* as the vial is labelled */
	char			*ingredient;	/* as written; NULL: diluent */
	char			*folded;	/* norm_fold()ed, to match */
	const struct ingredient	*of;		/* terms.yaml's, once checked;
						   NULL for a diluent */
	long			 percent;	/* thousandths of a percent,
						   w/v; 0 for a diluent */
	int			 diluent;
	struct pos		 at;		/* the item */
	struct pos		 at_ingredient;
};

struct hours {
	int	open;		/* minutes after midnight */
	int	close;
};

struct clinic {
	char		*path;
	char		*name;		/* NULL when not given */
	char		*address;
	char		*phone;
	char		*timezone;
	unsigned	 open_days;	/* bit 0 = Monday */
	struct hours	 hours[7];	/* open 0, close 24 * 60 if unset */
	int		*slots;		/* appointment times, ascending */
	size_t		 nslots;
	int		 visit_minutes;
	int		 capacity;	/* visits that can share a slot time:
					   rooms times clinicians; 1 unless
					   set */
	struct closure	*closures;
	size_t		 nclosures;
	long		 price;		/* per visit, in cents; -1 if none */
	char		*currency;
	struct rules	 rules;
	struct stock	*stock;		/* what prep mixes from; none if
					   not given */
	size_t		 nstock;
	long		 syringe;	/* the largest syringe prep fills,
					   mL in thousandths; 0: any */
	struct pos	 at_timezone;	/* for a book's times to convert */
	struct pos	 at_stock;
};

struct clinic	*clinic_load(const char *, const char *, size_t, struct diag *);
struct clinic	*clinic_default(void);
void		 clinic_free(struct clinic *);
int		 clinic_check_terms(struct clinic *, const struct terms *,
		    struct diag *);
int		 clinic_slot(const struct clinic *, int, int, int);

#endif
