#ifndef PROLO_DOSING_H
#define PROLO_DOSING_H

#include <stddef.h>
#include <stdint.h>

struct ingredient;
struct patient;
struct protocol;
struct solute;
struct terms;

/*
 * What one visit gives: its volume, each ingredient's amount, and each
 * amount against the label's most a visit may hold (terms.yaml's
 * max_dose).  Pure, like the scheduler: the patient (after
 * patient_apply()), the protocol and terms.yaml in, figures out.
 *
 * Units are the files' own, kept whole so that every comparison with a
 * limit is exact: volumes in thousandths of a mL (uL), weights in
 * thousandths of a kg (g), strengths in thousandths of a percent, and
 * amounts in nanograms.  A solution of p percent (w/v) holds 10 p mg a
 * mL, so v uL at s thousandths of a percent are v * s * 10 ng; a limit
 * of m thousandths of a mg is m * 1000 ng, and of k thousandths of a
 * mg/kg for g grams k * g ng.  An amount exactly at a limit is not over
 * it.
 */

/* The weight a note to weigh the patient supposes: a small adult. */
#define DOSING_ADULT_G		50000

/* Volumes the clinician is told are rounded down to a tenth of a mL. */
#define DOSING_STEP_UL		100

enum dosing_level {
	DOSING_NONE,		/* the ingredient has no limit */
	DOSING_OK,		/* under warn_percent of its limit */
	DOSING_WARN,		/* at or over warn_percent, not over it */
	DOSING_OVER		/* over its limit */
};

/*
 * An ingredient of the solution at one visit.  limit is the lower of
 * the label's two for this patient: mg, or mg/kg times the weight when
 * the weight is known (by_weight when that is the lower; a tie is
 * mg's).  Without a weight only mg applies.
 */
struct dosing_solute {
	const struct solute	*solute;
	const struct ingredient	*ingredient;	/* terms.yaml's; NULL if
						   terms are not known */
	int64_t			 ng;		/* at one visit */
	int64_t			 limit;		/* ng; 0: none */
	int			 by_weight;
	int			 percent;	/* of limit, rounded down */
	enum dosing_level	 level;
	long			 max_volume;	/* uL a site within limit,
						   rounded down to
						   DOSING_STEP_UL; -1: none */
};

/*
 * One visit of a patient's course.  A protocol that gives no volume
 * gives no dose: volume is 0 and there are no solutes.  max_volume is
 * the most a site may be given within the protocol's max and every
 * limit, rounded down to DOSING_STEP_UL.  The dosing owns its array;
 * the rest is borrowed from the patient, protocol and terms, which must
 * outlive it.
 */
struct dosing {
	long			 volume;	/* uL a site; 0: not known */
	long			 total;		/* uL at one visit */
	int			 sites;
	long			 weight;	/* g; -1: not given */
	long			 max_volume;	/* uL a site; -1: not known */
	struct dosing_solute	*solutes;
	size_t			 nsolutes;
	const struct dosing_solute *weigh;	/* no weight, and at the
						   protocol's max this could
						   pass its mg/kg limit for
						   DOSING_ADULT_G; NULL */
	const struct ingredient	*unchecked;	/* the solution names this
						   limited ingredient, but
						   the protocol gives no
						   ingredients: no check */
};

void	 dosing_init(struct dosing *, const struct patient *,
	    const struct protocol *, const struct terms *);
void	 dosing_release(struct dosing *);
int64_t	 dosing_ng(long, long);
const struct dosing_solute *dosing_of(const struct dosing *,
	    const struct ingredient *);
int	 dosing_amount(const struct dosing *, const struct terms *,
	    const char *, int64_t *);
char	*dosing_mg(char *, size_t, int64_t);
char	*dosing_mg_per_kg(char *, size_t, int64_t, long);

#endif
