#ifndef PROLO_DOSE_H
#define PROLO_DOSE_H

/*
 * The dose a medication's text states, as a clinician types it: "81mg
 * daily", "aspirin 81 mg twice a day", "325 mg 2 tablets", "cada 12
 * horas".  Read from text folded by norm_fold().
 */
struct dose {
	double	mg;		/* one strength; -1 if not given */
	double	tablets;	/* of that strength at a time */
	double	times;		/* a day */
};

void	dose_parse(const char *, struct dose *);
double	dose_mg_a_day(const struct dose *);

#endif
