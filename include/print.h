#ifndef PROLO_PRINT_H
#define PROLO_PRINT_H

#include <stddef.h>
#include <stdio.h>

struct care;
struct plan;

/*
 * Output formats behind one interface: a back end sees each plan in
 * turn between begin and end and writes to the printer's stream.  The
 * caller checks the stream for write errors; back ends just write.
 */

struct printer {
	FILE			*fp;
	const struct care	*care;
	size_t			 nplans;	/* plans written so far */
	int			 csv_raw;	/* no formula guard in CSV */
	long long		 now;		/* seconds since the epoch, UTC:
						   the iCalendar DTSTAMP */
	void			*state;		/* a back end's own, freed by
						   its end() */
};

struct format {
	const char	*name;
	void		(*begin)(struct printer *);
	void		(*plan)(struct printer *, const struct plan *);
	void		(*end)(struct printer *);
};

extern const struct format format_csv;
extern const struct format format_html;
extern const struct format format_ics;
extern const struct format format_json;
extern const struct format format_text;

const struct format	*format_find(const char *);
const char		*format_names(void);
void			 printer_init(struct printer *, FILE *,
			    const struct care *);
void			 print_noop(struct printer *);

char			*print_csv_cell(const char *, int);

/* Shared by back ends: the weekday names CSV and JSON use. */
extern const char *const print_weekday[7];

#endif
