#ifndef PROLO_PLAN_H
#define PROLO_PLAN_H

#include <stddef.h>

#include "sched.h"

struct care;
struct chart;
struct clinic;
struct drug_class;
struct drugs;
struct override;
struct patient;
struct protocol;
struct rule;

/*
 * A patient's whole course: the visits given and planned, the dated
 * medication holds and the warnings, ready for a printer.  Pure like
 * the scheduler: "today" is passed in.  A plan borrows what its chart
 * points to, which must outlive it, and owns its arrays.
 */

struct plan_visit {
	int	date;
	int	interval;	/* days since the previous visit; -1 first */
	int	done;		/* from history */
	int	time;		/* minutes after midnight; TIME_NONE */
};

/* Do not take drug from..to (inclusive); drug is the patient's text. */
struct plan_hold {
	const char	*drug;
	int		 from;
	int		 to;
	int		 prescribed;	/* ask the prescriber first */
};

enum plan_warning_kind {
	PLAN_W_LAPSE,		/* date: last visit, days: gap, max */
	PLAN_W_ALLERGY,		/* subject: the allergy */
	PLAN_W_ANTICOAG,	/* subject: the medication */
	PLAN_W_PAST,		/* date: a planned visit before today */
	PLAN_W_NOTE,		/* rule: a note, for the handout only */
	PLAN_W_RULE,		/* rule: a warning */
	PLAN_W_OVERRIDE		/* rule, override: a stop gone past */
};

struct plan_warning {
	enum plan_warning_kind	 kind;
	const char		*subject;	/* or what a rule matched */
	const struct rule	*rule;
	const struct override	*override;
	int			 date;
	int			 days;
	int			 visit;
};

struct plan {
	const struct patient	*patient;
	const struct protocol	*protocol;
	const struct clinic	*clinic;	/* NULL: none */
	const struct drugs	*drugs;		/* NULL: none */
	const struct care	*care;		/* the patient's language; NULL:
						   no blood thinners, rule texts
						   in their first language */
	int			 today;
	int			 per_visit;	/* injections at each visit */
	int			 review;	/* review visit (1-based), 0 */
	int			 lapsed;
	struct plan_visit	*visits;
	size_t			 nvisits;
	struct plan_hold	*holds;
	size_t			 nholds;
	struct plan_warning	*warnings;
	size_t			 nwarnings;
	long			 blocked_by;	/* no plan: the closure in the
						   way, or -1 */
	int			 blocked_visit;	/* and the visit in it */
	const struct rule	*stopped;	/* SCHED_STOPPED: the rule */
	const char		*stopped_by;	/* and what it matched */
};

const char	*plan_rule_match(const struct rule *, const struct patient *,
		    const struct drug_class *const *);
enum sched_status plan_make(struct plan *, const struct chart *, int,
		    struct sched_out *);
void		 plan_release(struct plan *);

#endif
