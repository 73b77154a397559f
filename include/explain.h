#ifndef PROLO_EXPLAIN_H
#define PROLO_EXPLAIN_H

#include "sched.h"

struct diag;
struct plan;
struct plan_warning;

/*
 * A plan's outcome in words for the clinician: why no plan exists, and
 * each warning, as messages from the diagnostics table for standard
 * error and JSON.  Rule texts come in the plan's language.
 */
void	explain_noplan(struct diag *, const struct plan *, enum sched_status,
	    const struct sched_out *);
void	explain_warning(struct diag *, const struct plan *,
	    const struct plan_warning *);

#endif
