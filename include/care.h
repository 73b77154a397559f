#ifndef PROLO_CARE_H
#define PROLO_CARE_H

#include <stddef.h>

#include "strv.h"

struct diag;

/*
 * The handout's words, read from a data file (care.yaml) a clinic can
 * edit: labels, templates with {name} placeholders, the sections of
 * care instructions in order, and the names of blood thinners.
 */

enum care_label {
	CARE_PATIENT, CARE_PATIENT_ID, CARE_BORN, CARE_PROTOCOL,
	CARE_SOLUTION, CARE_SITES, CARE_COURSE, CARE_PREPARED, CARE_WARNINGS,
	CARE_SCHEDULE, CARE_VISIT, CARE_DATE, CARE_INTERVAL, CARE_INJECTIONS,
	CARE_STATUS, CARE_DONE, CARE_PLANNED, CARE_CLINIC, CARE_PHONE,
	CARE_TIME, CARE_LABEL_COUNT
};

enum care_warning {
	CARE_W_LAPSE, CARE_W_ALLERGY, CARE_W_ANTICOAG, CARE_W_PAST,
	CARE_W_DONE, CARE_W_OVERRIDE, CARE_W_COUNT
};

struct care_section {
	char		*id;
	char		*title;
	struct strv	 text;
};

struct care {
	char			*language;		/* "en", "es": for HTML */
	char			*title;
	char			*labels[CARE_LABEL_COUNT];
	char			*course;		/* template */
	char			*weekdays[7];
	char			*warnings[CARE_W_COUNT];	/* templates */
	char			*hold;			/* template */
	char			*hold_none;
	char			*hold_prescribed;	/* template */
	char			*cal_visit;		/* template */
	char			*cal_hold;		/* template */
	char			*cal_alarm;
	char			*cost;			/* template */
	char			*review;		/* template */
	struct care_section	*sections;
	size_t			 nsections;
	struct strv		 anticoagulants;
};

/* A placeholder's name and the text it stands for. */
struct care_var {
	const char	*name;
	const char	*value;
};

struct care	*care_load(const char *, const char *, size_t, struct diag *);
void		 care_free(struct care *);
const struct care_section *care_section(const struct care *, const char *);
const char	*care_suggest_section(const struct care *, const char *);
char		*care_expand(const char *, const struct care_var *, size_t);

#endif
