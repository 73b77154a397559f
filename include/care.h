#ifndef PROLO_CARE_H
#define PROLO_CARE_H

#include <stddef.h>

#include "schema.h"
#include "strv.h"

struct diag;
struct drugs;

/*
 * The handout's words, read from a data file (care.yaml) a clinic can
 * edit: labels, templates with {name} placeholders, and the sections of
 * care instructions in order.  Names of medicines are drugs.yaml's.
 */

enum care_label {
	CARE_PATIENT, CARE_PATIENT_ID, CARE_BORN, CARE_PROTOCOL,
	CARE_SOLUTION, CARE_SITES, CARE_COURSE, CARE_PREPARED, CARE_WARNINGS,
	CARE_SCHEDULE, CARE_VISIT, CARE_DATE, CARE_INTERVAL, CARE_INJECTIONS,
	CARE_STATUS, CARE_DONE, CARE_MISSED, CARE_BOOKED, CARE_PLANNED,
	CARE_RESTART, CARE_CLINIC, CARE_PHONE, CARE_TIME, CARE_SOURCE,
	CARE_LABEL_COUNT
};

/* A lapse restarts the course (CARE_W_LAPSE) or lets it go on. */
enum care_warning {
	CARE_W_LAPSE, CARE_W_LAPSE_CONTINUE, CARE_W_ENDED, CARE_W_ENDS,
	CARE_W_ALLERGY,
	CARE_W_ANTICOAG, CARE_W_LEAD, CARE_W_DONE, CARE_W_OVERRIDE,
	CARE_W_LATE_CLOSURE, CARE_W_LATE_BOOK, CARE_W_LATE_OPEN,
	CARE_W_LATE_AWAY, CARE_W_LATE_WEEKDAYS,
	CARE_W_COUNT
};

/*
 * The scores recorded at visits given: a line for pain and one for
 * each function scale under the visit table (each score written as
 * CARE_S_ITEM says), and in HTML a chart with its title, key and the
 * words for a scale's two ends.
 */
enum care_score {
	CARE_S_TITLE, CARE_S_PAIN, CARE_S_FUNCTION, CARE_S_ITEM,
	CARE_S_PAIN_KEY, CARE_S_FUNCTION_KEY, CARE_S_WORST, CARE_S_BEST,
	CARE_S_COUNT
};

/*
 * The month calendar of the HTML handout: its heading, a month's
 * caption, what a day says to a screen reader (a visit, today, a
 * medicine to pause, one to ask about first) and the key's lines.
 */
enum care_month {
	CARE_M_TITLE, CARE_M_MONTH, CARE_M_VISIT, CARE_M_TODAY,
	CARE_M_HOLD, CARE_M_PRESCRIBED, CARE_M_VISIT_KEY, CARE_M_PAUSE_KEY,
	CARE_M_SEE, CARE_M_COUNT
};

/*
 * A paragraph, shown to every patient, or only to one who takes a
 * medicine of each of if_classes, and of none of unless_classes: so
 * that the care text never contradicts what the handout tells a
 * patient about a medicine, whatever mix of them the patient takes.
 */
struct care_para {
	char		*text;
	struct strv	 if_classes;
	struct strv	 unless_classes;
	struct pos	*at_if;		/* where each class was named */
	struct pos	*at_unless;
};

struct care_section {
	char		*id;
	char		*title;
	struct care_para *paras;
	size_t		 nparas;
};

struct care {
	char			*path;
	char			*language;		/* "en", "es": for HTML */
	char			*title;
	char			*labels[CARE_LABEL_COUNT];
	char			*course;		/* template */
	char			*course_points;		/* template; NULL:
							   course alone */
	char			*injection_points;	/* template; NULL */
	char			*injection_point;	/* template; NULL */
	char			*weekdays[7];		/* "Mon", Monday first */
	char			*weekdays_long[7];	/* "Monday" */
	char			*months[12];		/* "January" */
	char			*date_long;		/* template */
	char			*date_short;		/* template */
	char			*date_birth;		/* template */
	char			*months_short[12];	/* "Jan" */
	char			*money;			/* template */
	char			*decimal;		/* "." or "," */
	char			*warnings[CARE_W_COUNT];	/* templates */
	char			*hold;			/* template */
	char			*hold_none;
	char			*hold_prescribed;	/* template */
	char			*hold_today;		/* template: from today */
	char			*hold_prescribed_today;	/* template */
	char			*hold_keep;		/* template */
	char			*hold_visit;		/* template */
	char			*hold_visits;		/* template */
	char			*hold_and;		/* "and" */
	char			*cal_visit;		/* template */
	char			*cal_pause;		/* template */
	char			*cal_hold_prescribed;	/* template */
	char			*cal_alarm;
	char			*cal_done;		/* a course complete */
	char			*cal_ended;		/* one ended early */
	char			*cost;			/* template */
	char			*cost_ask;		/* no price set */
	char			*review;		/* template */
	char			*scores[CARE_S_COUNT];	/* templates */
	char			*month[CARE_M_COUNT];	/* templates */
	struct care_section	*sections;
	size_t			 nsections;
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
int		 care_check_classes(const struct care *, const struct drugs *,
		    struct diag *);

#endif
