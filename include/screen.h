#ifndef PROLO_SCREEN_H
#define PROLO_SCREEN_H

#include <stddef.h>

#include "strv.h"

struct drug_class;
struct override;
struct patient;
struct plan;
struct plan_warning;
struct protocol;
struct rule;
struct rules;
struct terms;

/*
 * A patient screened for the planner: clinical rules against the
 * medications, allergies and conditions as typed, allergies against
 * the solution's ingredients, and what nothing recognises, for the
 * clinician.  Words are compared folded (norm.h), with the groups of
 * terms.yaml.  Findings become the plan's warnings, or a stop.
 */

/* A patient's words, folded once for every rule: [i] is the i-th item. */
struct screen {
	const struct patient		*patient;
	const struct terms		*terms;
	const struct drug_class *const	*classes;	/* of each medication,
							   or NULL: none known */
	struct strv			 medications;
	struct strv			 allergies;
	struct strv			 conditions;
	struct strv			 solutions;	/* the protocol's, in
							   each language, where
							   there are allergies */
};

void		 screen_init(struct screen *, const struct patient *,
		    const struct protocol *, const struct terms *,
		    const struct drug_class *const *);
void		 screen_release(struct screen *);
const char	*screen_rule(const struct screen *, const struct rule *);
int		 screen_rules(const struct screen *, struct plan *,
		    const struct rules *);
void		 screen_allergies(const struct screen *, struct plan *);
void		 screen_unknown(const struct screen *, struct plan *,
		    const struct rules *, const struct rules *);
struct plan_warning *screen_warn(struct plan *, int, const char *);
const struct override *screen_override(const struct patient *,
		    const char *);

#endif
