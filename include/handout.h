#ifndef PROLO_HANDOUT_H
#define PROLO_HANDOUT_H

#include <stddef.h>

struct care;
struct care_section;
struct function_score;
struct plan;
struct plan_hold;
struct plan_visit;
struct plan_warning;
struct strv;

/*
 * The medicines to pause for a visit, or for visits close together
 * whose pauses overlap: from the first day of any of its holds to the
 * last, each hold once, in the plan's order, and the visits to come
 * within it.  The arrays are the pause's; what they point to, the
 * plan's.
 */
struct handout_pause {
	int			  from;
	int			  to;
	const struct plan_hold	**holds;
	size_t			  nholds;
	const struct plan_visit	**visits;
	size_t			  nvisits;
	int			  today;	/* the plan's */
};

/*
 * The handout's sentences, filled from the care text's templates: what
 * the text and HTML back ends both print, and what a plan's visits come
 * to, which every back end counts alike.  Functions returning char *
 * return a new string the caller frees.
 */
void		 handout_date_long(const struct care *, int, char *, size_t);
void		 handout_date_birth(const struct care *, int, char *, size_t);
void		 handout_date_short(const struct care *, int, char *, size_t);
const char	*handout_status_id(const struct plan_visit *);
const char	*handout_status(const struct care *, const struct plan_visit *);
size_t		 handout_visits(const struct plan *);
size_t		 handout_to_come(const struct plan *);
const struct plan_visit *handout_next(const struct plan *);
char		*handout_course(const struct care *, const struct plan *);
char		*handout_points(const struct care *, const struct plan *);
int		 handout_injections(const struct plan *);
char		*handout_warning(const struct care *, const struct plan *,
		    const struct plan_warning *);
char		*handout_ended(const struct care *, const struct plan *);
int		 handout_has_warnings(const struct care *, const struct plan *);
char		*handout_hold(const struct care *, const struct plan_hold *, int);
size_t		 handout_pauses(const struct plan *, struct handout_pause **);
void		 handout_pauses_free(struct handout_pause *, size_t);
char		*handout_pause(const struct care *, const struct handout_pause *);
char		*handout_pause_summary(const struct care *,
		    const struct handout_pause *);
char		*handout_keep(const struct care *, const struct plan_warning *);
int		 handout_paragraphs(const struct care *, const struct plan *,
		    const struct care_section *, struct strv *, int *);
int		 handout_is_done(const struct plan *);
int		 handout_has_times(const struct plan *);
char		*handout_clinic(const struct plan *);
const char	*handout_lang(const struct plan *);
char		*handout_sites(const struct plan *);
char		*handout_cost(const struct care *, const struct plan *);
char		*handout_review(const struct care *, const struct plan *);
void		 handout_money(const struct care *, long, const char *, char *,
		    size_t);
char		*handout_number(const struct care *, char *, size_t, long);
int		 handout_has_scores(const struct plan *);
int		 handout_same_scale(const struct function_score *,
		    const struct function_score *);
const struct function_score *handout_scale(const struct plan *, size_t);
char		*handout_pain(const struct care *, const struct plan *);
char		*handout_function(const struct care *, const struct plan *,
		    const struct function_score *, int);

#endif
