#ifndef PROLO_PROTOCOL_H
#define PROLO_PROTOCOL_H

#include <stddef.h>

#include "rules.h"
#include "strv.h"

struct care;
struct diag;
struct drugs;

/* Hard limits every protocol file must respect. */
#define PROTO_INTERVAL_MIN	7
#define PROTO_INTERVAL_MAX	91
#define PROTO_INJECTIONS_MAX	30
#define PROTO_COURSE_DAYS_MAX	366
#define PROTO_HOLD_DAYS_MAX	90

/* Medicines paused around every visit, and for how long. */
struct hold {
	struct strv	 drugs;		/* names to match, or */
	char		*class_id;	/* a class of drugs.yaml; else NULL */
	struct pos	 at;		/* where the class was named */
	struct pos	 at_drugs;	/* where the names were */
	int		 stop_before;
	int		 resume_after;
};

/* Handout text a protocol puts in place of a default section. */
struct protocol_care {
	char		*section;
	struct strv	 text;
};

/* A validated protocol; every field is set, defaults filled in. */
struct protocol {
	char			*path;		/* file it was read from */
	char			*id;
	char			*name;
	char			*solution;
	char			*source;	/* NULL if none */
	struct strv		 sites;
	int			 per_site;
	int			 visits_min, visits_max, visits_default;
	int			 inj_min, inj_max;
	int			 ival_min, ival_max, ival_pref;
	int			 max_course_days;
	int			 restart;	/* after_lapse: restart (1,
						   the default) or continue */
	int			 review_at;	/* visit to review at; 0 none */
	struct hold		*holds;
	size_t			 nholds;
	struct protocol_care	*care;
	size_t			 ncare;
	struct rules		 rules;
};

/*
 * Reads a protocol file's text.  When id is not NULL the file's id must
 * equal it (a library file is named after its id).  The care sections a
 * protocol may replace are those of the care text.  Returns NULL and
 * fills the diag on error.  The caller frees with protocol_free().
 */
struct protocol	*protocol_load(const char *, const char *, size_t,
		    const char *, const struct care *, struct diag *);
void		 protocol_free(struct protocol *);
int		 protocol_check_classes(const struct protocol *,
		    const struct drugs *, struct diag *);

#endif
