#include <stdio.h>
#include <string.h>

#include "print.h"

static const struct format *const formats[] = {
	&format_text,
	&format_csv,
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
	return "text, csv";
}

void
printer_init(struct printer *pr, FILE *fp, const struct care *care)
{
	pr->fp = fp;
	pr->care = care;
	pr->nplans = 0;
}
