#include <stdio.h>

#include "plan.h"
#include "print.h"

/* Placeholder until the ics back end lands. */
static void
ics_plan(struct printer *pr, const struct plan *pl)
{
	(void)pr;
	(void)pl;
}

const struct format format_ics = {
	"ics", print_noop, ics_plan, print_noop
};
