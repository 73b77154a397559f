#ifndef PROLO_PREP_H
#define PROLO_PREP_H

#include <stddef.h>

struct diag;
struct ingredient;
struct pos;
struct protocol;
struct stock;
struct terms;

/*
 * A preparation: how much of each of the clinic's stock solutions, and
 * of its diluent, a nurse draws up to make a protocol's solution in the
 * volume a visit gives.  Pure, like the scheduler: the targets, the
 * volume and the stock in, the recipe out.
 *
 * Units, all whole numbers: strengths in thousandths of a percent (w/v,
 * 12.5% is 12500), volumes in thousandths of a mL (30 mL is 30000).
 * Every part is a whole number of PREP_STEP, the 0.1 mL marks of a
 * syringe, and the parts of a syringe add up to its volume exactly.
 * Each ingredient's strength, worked out again from the parts (the
 * stock's strength times its part over the volume), is within
 * 1/PREP_TOLERANCE (2%) of its target.
 */

#define PREP_STEP	100	/* a part is measured in 0.1 mL steps */
#define PREP_TOLERANCE	50	/* within 1/50, 2%, of each target */
#define PREP_EXTRA	10000	/* at most 10 mL more than needed */

/* An ingredient of the solution at its strength. */
struct prep_target {
	const struct ingredient	*ingredient;	/* terms.yaml's; NULL: none */
	const char		*name;		/* its English name */
	long			 percent;	/* thousandths of a percent */
};

/* A stock solution, or the diluent (target NULL), and how much of it. */
struct prep_part {
	const struct stock		*stock;
	const struct prep_target	*target;
	long				 ml;	/* in one syringe */
};

/*
 * Why no recipe: the stock has none of an ingredient, or none strong
 * enough; its strongest stocks together take more than the volume; it
 * has no diluent where one is needed; or no volume within PREP_EXTRA of
 * the one needed can be measured within the tolerance in 0.1 mL steps.
 */
enum prep_status {
	PREP_OK,
	PREP_NONE,		/* failed: the ingredient */
	PREP_WEAK,		/* failed, strongest: its strongest stock */
	PREP_CROWDED,		/* crowd: what the strongest stocks take */
	PREP_NO_DILUENT,
	PREP_ROUNDING		/* failed: the ingredient, or NULL: their
				   mix */
};

/*
 * A recipe for one syringe, made syringes times: the clinic's
 * syringe_ml splits a volume into equal syringes; without it there is
 * one.  made is at least needed, more only when needed cannot be
 * measured within the tolerance (a small volume of a weak solution).
 * The prep owns parts; it borrows the targets and the stock, which must
 * outlive it.
 */
struct prep {
	const struct prep_target	*targets;
	size_t				 ntargets;
	long				 needed;	/* mL a visit gives */
	long				 made;		/* syringes x each */
	long				 each;		/* mL a syringe */
	size_t				 syringes;
	long				 syringe_max;	/* the clinic's; 0 */
	struct prep_part		*parts;		/* the targets' in
							   order, then the
							   diluent if any */
	size_t				 nparts;
	enum prep_status		 status;
	const struct prep_target	*failed;
	const struct stock		*strongest;
	long				 crowd;
};

struct prep_target *prep_targets(const struct protocol *,
		    const struct terms *);
enum prep_status prep_make(struct prep *, const struct prep_target *,
		    size_t, long, const struct stock *, size_t, long);
long		 prep_percent(const struct prep *, const struct prep_part *);
void		 prep_diag(struct diag *, const struct prep *, const char *,
		    const struct pos *);
void		 prep_release(struct prep *);

#endif
