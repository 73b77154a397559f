#include <stdio.h>
#include <string.h>

#include "plan.h"
#include "print.h"

/* The formats, in the order format_names() gives them. */
static const struct format *const formats[] = {
	&format_text,
	&format_csv,
	&format_json,
	&format_ics,
	&format_html,
};

const struct format *
format_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(*formats); i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const char *
format_names(void)
{
	return "text, csv, json, ics or html";
}

void
print_init(struct printer *pr, const struct format *f, FILE *fp)
{
	memset(pr, 0, sizeof(*pr));
	pr->format = f;
	pr->fp = fp;
}

void
print_begin(struct printer *pr)
{
	if (pr->format->begin != NULL)
		pr->format->begin(pr);
}

/* A plan, in the words of its care text: its patient's language. */
void
print_plan(struct printer *pr, const struct plan *pl)
{
	pr->care = pl->care;
	pr->format->plan(pr, pl);
}

void
print_end(struct printer *pr)
{
	if (pr->format->end != NULL)
		pr->format->end(pr);
}
