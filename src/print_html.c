#include <stdio.h>

#include "plan.h"
#include "print.h"

/* Placeholder until the html back end lands. */
static void
html_plan(struct printer *pr, const struct plan *pl)
{
	(void)pr;
	(void)pl;
}

const struct format format_html = {
	"html", print_noop, html_plan, print_noop
};
