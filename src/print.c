#include <stdio.h>
#include <string.h>

#include "print.h"

static const struct format *const formats[] = {
	&format_text,
	&format_csv,
	&format_json,
	&format_ics,
	&format_html,
};

const char *const print_weekday[7] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
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

/* The formats' names for messages, in the order of the table. */
const char *
format_names(void)
{
	return "text, csv, json, ics or html";
}

void
printer_init(struct printer *pr, FILE *fp, const struct care *care)
{
	memset(pr, 0, sizeof(*pr));
	pr->fp = fp;
	pr->care = care;
}

/* For back ends with nothing to do at the start or the end. */
void
print_noop(struct printer *pr)
{
	(void)pr;
}
