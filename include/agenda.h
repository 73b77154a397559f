#ifndef PROLO_AGENDA_H
#define PROLO_AGENDA_H

#include <stddef.h>

#include "strv.h"

struct clinic;
struct plan;

/*
 * The front desk's agenda: the visits to come (booked or planned) of a
 * run's plans that fall in a range of days, gathered from each plan as
 * it is made and put in the order the desk works through them: by day,
 * then time (visits with no time after the timed ones of their day),
 * then the order the patients were given.  Plans go once made, so each
 * entry owns copies of what it shows, with the flags the desk must see
 * that day in words.
 */
struct agenda_entry {
	int		 date;
	int		 time;		/* minutes, or TIME_NONE */
	int		 minutes;	/* how long: the clinic's visit */
	size_t		 order;		/* the plan's place in the run */
	char		*patient_id;
	char		*patient_name;
	char		*protocol_id;
	char		*protocol_name;
	int		 visit;		/* k of visits */
	int		 visits;
	char		*sites;		/* joined by "; " */
	const char	*status;	/* "booked" or "planned" */
	char		 volume[24];	/* mL at the visit, over its
					   sites; "" where not known */
	char		 lidocaine[24];	/* mg at the visit; "" */
	char		 per_kg[24];	/* mg/kg; "" without a weight */
	struct strv	 flags;
};

struct agenda {
	int			 from;	/* the range, both included */
	int			 to;
	const struct clinic	*clinic;	/* NULL: none */
	struct agenda_entry	*entries;
	size_t			 n;
	size_t			 cap;
	size_t			 nplans;	/* plans added so far */
};

void	agenda_init(struct agenda *, int, int, const struct clinic *);
void	agenda_add(struct agenda *, const struct plan *);
void	agenda_sort(struct agenda *);
void	agenda_release(struct agenda *);
char	*agenda_dose(const struct agenda_entry *);

#endif
