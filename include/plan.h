#ifndef PROLO_PLAN_H
#define PROLO_PLAN_H

#include <stddef.h>

#include "dosing.h"
#include "sched.h"

struct book;
struct care;
struct chart;
struct clinic;
struct drug_class;
struct drugs;
struct function_score;
struct ingredient;
struct override;
struct past_visit;
struct patient;
struct protocol;
struct rule;
struct terms;

/*
 * A patient's whole course: the visits given and planned, the dated
 * medication holds and the warnings, ready for a printer.  Pure like
 * the scheduler: "today" is passed in.  A plan borrows what its chart
 * points to, which must outlive it, and owns its arrays.
 */

/*
 * What a visit of the course is: given (history), missed (a no-show in
 * the history, which is no visit of the course), already in the
 * clinic's book, or planned by prolo.
 */
enum visit_status {
	VISIT_DONE,
	VISIT_MISSED,
	VISIT_BOOKED,
	VISIT_PLANNED
};

struct plan_visit {
	int			date;
	enum visit_status	status;
	int			number;		/* 1-based among the visits
						   given and to come; 0 for
						   a missed one */
	int			interval;	/* days since the previous
						   visit of the course; -1 for
						   the first, a missed one and
						   the first after a restart */
	int			restart;	/* the course restarts here,
						   after a lapse */
	int			time;		/* minutes after midnight;
						   TIME_NONE */
	const struct past_visit	*past;		/* its entry in the patient's
						   history, with its scores;
						   NULL for a visit to come
						   or one made in code */
};

/* Do not take drug from..to (inclusive); drug is the patient's text. */
struct plan_hold {
	const char	*drug;
	int		 from;
	int		 to;
	int		 prescribed;	/* ask the prescriber first */
};

/*
 * What the clinician and the patient must know.  Each kind goes to the
 * handout, to the clinician (standard error and JSON), or both: see
 * handout_warning() and explain_warning().
 */
enum plan_warning_kind {
	PLAN_W_LAPSE,		/* date: last visit, days: gap; the course
				   restarts, or continues (both) */
	PLAN_W_ENDED,		/* date: the course ended early, subject:
				   why (both) */
	PLAN_W_BOOKED_OFF,	/* a booked visit on a day not allowed:
				   visit, date, days: why (enum booked_off),
				   subject: the closure's name (clinician) */
	PLAN_W_SHORT_PAUSE,	/* subject: a medicine whose pause before a
				   booked visit should have begun on date,
				   days before today: it begins today
				   (clinician) */
	PLAN_W_FIXED_GAP,	/* two fixed visits (given or booked) next to
				   each other out of bounds: visit (the
				   second), date (its), days: the gap
				   (clinician) */
	PLAN_W_ALLERGY,		/* subject: the allergy; ingredient (both) */
	PLAN_W_ANTICOAG,	/* subject: a blood thinner that may be paused,
				   dc (both) */
	PLAN_W_LEAD,		/* subject: the medicine to stop first, days
				   before the first visit, date: the earliest
				   first visit (both) */
	PLAN_W_KEEP,		/* subject: a medicine never paused, dc (the
				   handout's holds, and the clinician; a
				   blood thinner's also as ANTICOAG's) */
	PLAN_W_DOSE,		/* subject: a medicine whose class its dose
				   left unsure, dc: the careful class
				   (clinician) */
	PLAN_W_START,		/* date: a start before today (clinician) */
	PLAN_W_CONDITION,	/* subject: a condition no rule knows
				   (clinician) */
	PLAN_W_ALLERGEN,	/* subject: an allergy no rule or ingredient
				   knows (clinician) */
	PLAN_W_NOTE,		/* rule: a note (handout) */
	PLAN_W_RULE,		/* rule: a warning (both) */
	PLAN_W_OVERRIDE,	/* rule, override: a stop gone past (both) */
	PLAN_W_NO_GAIN,		/* pain at the review visit (to) no
				   meaningful fall from the baseline (from)
				   (clinician) */
	PLAN_W_GOAL,		/* pain 2 or less at two visits given in a
				   row, from and to (clinician) */
	PLAN_W_DOSE_NEAR,	/* ingredient: one visit's dose is at or
				   over warn_percent of its label's limit,
				   not over it (clinician) */
	PLAN_W_DOSE_OVER,	/* ingredient, override: over the limit, the
				   stop gone past (clinician) */
	PLAN_W_WEIGH,		/* ingredient: no weight, and the protocol's
				   most could be over its mg/kg limit
				   (clinician) */
	PLAN_W_UNCHECKED,	/* ingredient: the solution names it, with
				   a limit, and the protocol gives no dose
				   to check (clinician) */
	PLAN_W_LATE		/* the first visit, on date, is days (more
				   than PLAN_LATE_DAYS) after the earliest
				   it could be: cause (enum plan_block) and
				   span say why, subject names a closure
				   (both) */
};

/* Why a booked visit falls on a day prolo would not plan. */
enum booked_off {
	BOOKED_CLOSURE,		/* the clinic is closed: subject names it */
	BOOKED_UNAVAILABLE,	/* the patient cannot come that day */
	BOOKED_WEEKDAY,		/* not a weekday the patient comes */
	BOOKED_CLINIC_DAY	/* a weekday the clinic is closed */
};

/*
 * No plan for want of days (SCHED_NO_WINDOW, NO_DAY, NO_CHAIN): what
 * leaves no day, found by asking again with each restriction lifted,
 * the clinic's first, so that the patient is not blamed for the clinic.
 */
enum plan_block {
	BLOCK_TOGETHER,		/* no one of them alone: all together */
	BLOCK_NO_COMMON_DAY,	/* the clinic is open on none of the
				   patient's weekdays */
	BLOCK_NO_TIME,		/* on the patient's weekdays the clinic is
				   open, no time the patient asks for fits */
	BLOCK_OPEN,		/* the clinic's open days */
	BLOCK_CLOSURES,		/* the clinic's closures, together */
	BLOCK_TIMES,		/* the times the patient asks for */
	BLOCK_WEEKDAYS,		/* the patient's weekdays */
	BLOCK_UNAVAILABLE,	/* the patient's unavailable dates */
	BLOCK_BOOK		/* the clinic's book is full */
};

/* How late a first visit may be, unexplained: a week's weekdays. */
#define PLAN_LATE_DAYS	7

struct plan_warning {
	enum plan_warning_kind	 kind;
	const char		*subject;	/* or what a rule matched */
	const struct rule	*rule;
	const struct override	*override;
	const struct drug_class	*dc;
	const struct ingredient	*ingredient;
	int			 date;
	int			 days;
	int			 visit;
	const struct plan_visit	*from;		/* NO_GAIN, GOAL: the visits
						   given whose pain is */
	const struct plan_visit	*to;		/* compared, in the plan's
						   visits */
	int			 cause;		/* LATE: enum plan_block */
	int			 span_from;	/* LATE: the days in the way */
	int			 span_to;	/* (closure, unavailable, full) */
};

struct plan {
	const struct patient	*patient;
	const struct protocol	*protocol;
	const struct clinic	*clinic;	/* NULL: none */
	const struct book	*book;		/* NULL: none */
	const struct drugs	*drugs;		/* NULL: none */
	const struct terms	*terms;		/* NULL: none */
	const struct care	*care;		/* the patient's language; NULL:
						   rule texts in their first */
	int			 today;
	int			 start;		/* the earliest first visit: the
						   patient's start, not before
						   today and the pauses */
	int			 per_visit;	/* injections at each visit */
	int			 review;	/* review visit (1-based), 0 */
	int			 lapsed;	/* the next visit is more than
						   the longest interval after
						   the last one given */
	int			 restarted;	/* and the course restarts
						   (the protocol's after_lapse)
						   */
	const struct drug_class	**classes;	/* of each medication; NULL
						   none */
	struct plan_visit	*visits;
	size_t			 nvisits;
	struct plan_hold	*holds;
	size_t			 nholds;
	struct plan_warning	*warnings;
	size_t			 nwarnings;
	long			 blocked_by;	/* no plan: the closure in the
						   way, or -1 */
	int			 blocked_visit;	/* and the visit in it */
	long			 blocked_booked; /* no plan: the booked visit
						   (an index of the patient's
						   booked) in the way, or -1 */
	size_t			 full_days;	/* no plan: the days the clinic's
						   book has no room on, when
						   they are in the way; 0 */
	int			 full_from;	/* the first and last of them */
	int			 full_to;
	int			 blocked_days;	/* no plan for want of days:
						   enum plan_block */
	unsigned		 open_weekdays;	/* the patient's weekdays the
						   clinic is open */
	const struct rule	*stopped;	/* SCHED_STOPPED: the rule */
	const char		*stopped_by;	/* and what it matched */
	struct dosing		 dose;		/* what one visit gives */
	const struct dosing_solute *dose_stopped; /* SCHED_STOPPED: the
						   ingredient over its limit,
						   when no rule stopped */
};

enum sched_status plan_make(struct plan *, const struct chart *, int,
		    struct sched_out *);
int		 plan_to_come(const struct plan_visit *);
long		 plan_pain(const struct plan_visit *);
const struct function_score *plan_function(const struct plan_visit *);
const struct plan_visit *plan_next(const struct plan *);
void		 plan_commit(const struct plan *, struct book *);
void		 plan_release(struct plan *);
int		 plan_takes(const struct plan *, const char *);

#endif
