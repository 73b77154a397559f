#ifndef PROLO_PATIENT_H
#define PROLO_PATIENT_H

#include <stddef.h>

#include "date.h"
#include "schema.h"
#include "strv.h"

struct diag;
struct protocol;

/* A stop rule the clinician decided to go past, and why. */
struct override {
	char		*rule;
	char		*reason;
	char		*approved_by;
	struct pos	 at;
};

/*
 * A named function score on its own scale, such as WOMAC from 96
 * (worst) to 0 (best), or KOOS from 0 (worst) to 100 (best): numbers
 * in thousandths, value between best and worst.  name is NULL when
 * none was given.
 */
struct function_score {
	char		*name;
	long		 value;
	long		 worst;
	long		 best;
};

/*
 * A visit of the history: given, or missed (a no-show, a late
 * cancellation).  A visit given may carry the scores the clinician
 * recorded: pain on the 0 to 10 numeric rating scale, in thousandths
 * (-1 when not given), and a function score.
 */
struct past_visit {
	int		 date;
	int		 missed;
	struct pos	 at;
	long		 pain;
	struct function_score function;
};

/* A visit already in the clinic's book: kept exactly. */
struct booked_visit {
	int		 date;
	int		 time;		/* minutes; TIME_NONE if not given */
	struct pos	 at;
};

/*
 * A validated patient file.  Optional values not given are -1 (visits,
 * interval_days), empty, or flagged (has_birth_date); patient_apply()
 * fills them from the protocol.  The patient owns every string.
 */
struct patient {
	char			*file;		/* name as given, for messages */
	char			*id;
	char			*name;
	int			 has_birth_date;
	int			 birth_date;
	char			*protocol;	/* id or path as written */
	int			 start;
	struct strv		 sites;
	int			 sites_default;	/* sites are the protocol's
						   (staff's words), none given */
	int			 visits;
	int			 interval_days;
	unsigned		 weekdays;	/* bit 0 = Monday */
	struct date_range	*unavailable;
	size_t			 nunavailable;
	struct strv		 medications;
	struct strv		 allergies;
	struct past_visit	*record;	/* history as written; empty
						   in a patient made in code:
						   then history is all of it */
	size_t			 nrecord;
	int			*history;	/* the visits given, not the
						   missed ones, oldest first */
	size_t			 nhistory;
	struct booked_visit	*booked;	/* oldest first */
	size_t			 nbooked;
	int			 ended;		/* the course ended early on
						   this day; 0: it did not */
	char			*ended_reason;
	int			 time;		/* minutes; -1 if not given */
	unsigned		 periods;	/* 1 morning, 2 afternoon */
	char			*lang;		/* NULL: the run's language */
	long			 weight;	/* kg, in thousandths; -1 if not
						   given */
	long			 volume;	/* mL a site at each visit, in
						   thousandths; -1 if not given,
						   then patient_apply() sets the
						   protocol's usual (0: none) */
	struct strv		 conditions;
	struct override		*overrides;
	size_t			 noverrides;
	/* Where things were written, for messages. */
	struct pos		 at_root, at_protocol, at_sites, at_visits,
				 at_interval, at_history, at_time, at_lang,
				 at_booked, at_ended, at_volume;
	struct pos		*at_medications;	/* each item's */
};

struct patient	*patient_load(const char *, const char *, size_t,
		    struct diag *);
int		 patient_apply(struct patient *, const struct protocol *,
		    struct diag *);
long		 patient_visit_volume(const struct patient *);
void		 patient_free(struct patient *);

#endif
