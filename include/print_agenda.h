#ifndef PROLO_PRINT_AGENDA_H
#define PROLO_PRINT_AGENDA_H

#include <stddef.h>
#include <stdio.h>

struct agenda;
struct agenda_entry;

/*
 * The agenda's formats, behind one interface like the plan printers:
 * begin, then for each day of the range day() with its entries, then
 * end.  Any may be NULL.  The caller checks the stream for errors.
 */
struct agenda_printer {
	const struct agenda_format	*format;
	const struct agenda		*agenda;
	FILE				*fp;
	long long			 now;	/* seconds since the epoch,
						   UTC: the DTSTAMP */
};

struct agenda_format {
	const char	*name;
	void		(*begin)(struct agenda_printer *);
	void		(*day)(struct agenda_printer *, int,
			    const struct agenda_entry *, size_t);
	void		(*end)(struct agenda_printer *);
};

extern const struct agenda_format agenda_csv;
extern const struct agenda_format agenda_html;
extern const struct agenda_format agenda_ics;
extern const struct agenda_format agenda_text;

const struct agenda_format *print_agenda_find(const char *);
const char	*print_agenda_names(void);
void		 print_agenda(const struct agenda *,
		    const struct agenda_format *, FILE *, long long);

#endif
