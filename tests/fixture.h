#ifndef PROLO_TEST_FIXTURE_H
#define PROLO_TEST_FIXTURE_H

#include <stddef.h>

#include "care.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "strv.h"

struct diag;
struct drugs;
struct format;
struct terms;

/* A text a loader must refuse, and where and in what words it says so. */
struct bad_case {
	const char	*yaml;
	int		 line;
	int		 col;
	const char	*words;
};

/*
 * The plan the printer tests share: the shipped care text, a patient
 * with one visit given and two knees, knee-oa's numbers, and room for
 * the rendered output.  Tests change what they need before rendering.
 */
struct fixture {
	struct care	*care;		/* data/care.yaml */
	struct drugs	*drugs;		/* data/drugs.yaml */
	struct terms	*terms;		/* data/terms.yaml */
	struct patient	 p;
	struct protocol	 pr;
	struct solute	 solutes[2];	/* knee-oa's */
	struct plan	 pl;
	int		 hist[4];
	struct past_visit record[4];
	struct booked_visit booked[4];
	char		*out;
	size_t		 len;
	char		*flat;		/* for the calendar tests */
};

/* A visit of a plan made by hand: its day, what it is, and its time. */
struct fixture_visit {
	int			y, m, d;
	enum visit_status	status;
	int			restart;
	int			time;	/* minutes, or TIME_NONE */
};

int	fixture_setup(void **);
int	fixture_teardown(void **);
void	fixture_plan(struct fixture *, struct plan *, const struct patient *,
	    const struct care *);
void	fixture_print(struct fixture *, const struct format *,
	    const struct plan *const *, size_t, long long);
void	fixture_render(struct fixture *, const struct format *,
	    const struct care *, int);
void	fixture_course(struct fixture *, const struct fixture_visit *,
	    size_t);
struct plan_warning *fixture_warn(struct fixture *, enum plan_warning_kind);
void	fixture_eventful(struct fixture *);
void	fixture_ended(struct fixture *);
void	fixture_scored(struct fixture *);
void	fixture_refused(size_t, const struct bad_case *, const void *,
	    const struct diag *);
void	fixture_error_at(const struct diag *, int, int, const char *);

#endif
