#ifndef PROLO_PROTOCOL_H
#define PROLO_PROTOCOL_H

#include <stddef.h>

#include "rules.h"
#include "schema.h"
#include "strv.h"

struct care;
struct diag;
struct drugs;
struct terms;

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

#define PROTO_VOLUME_MAX	100000	/* mL a site at one visit, thousandths */
#define PROTO_POINTS_MAX	100	/* needle entries a site */

/*
 * An ingredient of the solution and its strength, as the clinic mixes
 * it.  Its name must be a word of an ingredient of terms.yaml, which
 * protocol_check_terms() checks, so a dose limit is found whatever name
 * the protocol uses: terms_ingredient(terms, folded) finds it.
 */
struct solute {
	char		*name;		/* as written */
	char		*folded;	/* norm_fold()ed, to match */
	long		 percent;	/* thousandths of a percent, w/v */
	struct pos	 at;
};

/*
 * Handout text a protocol puts in place of a default section: its
 * paragraphs, in one or more languages.
 */
struct protocol_care {
	char		*section;
	struct langlist	 text;
	struct pos	 at;
};

/*
 * What the patient reads of a protocol, each plain or in one or more
 * languages, and where each was given.
 */
struct protocol_text {
	struct langtext	 name;
	struct langtext	 solution;
	struct langtext	 source;	/* none given: none */
	struct langlist	 sites;
	struct pos	 at_name, at_solution, at_sites;
};

/*
 * A validated protocol; every field is set, defaults filled in.  name,
 * solution and sites are the staff's: in English, or as given in no
 * language (borrowed from text, sites a copy).  What the patient reads
 * comes from protocol_name(), protocol_solution(), protocol_sites() and
 * the care sections in the handout's language.
 */
struct protocol {
	char			*path;		/* file it was read from */
	char			*id;
	const char		*name;
	const char		*solution;
	const char		*source;	/* NULL if none */
	struct strv		 sites;
	struct protocol_text	 text;		/* none in a protocol built
						   in code: the staff's then */
	struct solute		*solutes;	/* none if not given */
	size_t			 nsolutes;
	long			 volume_usual;	/* mL a site at each visit, in
						   thousandths; 0 if not given
						   (nor are solutes) */
	long			 volume_max;
	int			 points;	/* needle entries a site; 0 if
						   not given */
	struct pos		 at_solutes;
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
int		 protocol_check_terms(const struct protocol *,
		    const struct terms *, struct diag *);
const char	*protocol_name(const struct protocol *, const char *);
const char	*protocol_solution(const struct protocol *, const char *);
const char	*protocol_source(const struct protocol *, const char *);
const char	*protocol_solution_in(const struct protocol *, size_t);
const struct strv *protocol_sites(const struct protocol *, const char *);
const struct strv *protocol_care(const struct protocol *, size_t,
		    const char *);
int		 protocol_lang_missing(const struct protocol *, const char *,
		    size_t, struct diag *);

#endif
