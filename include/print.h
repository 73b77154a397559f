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
 * Back ends know nothing of print.c: it holds their table and calls
 * them, never the other way.
 */

struct printer {
	const struct format	*format;
	FILE			*fp;
	const struct care	*care;		/* the plan's words: its care */
	size_t			 nplans;	/* plans written so far */
	int			 csv_raw;	/* no formula guard in CSV */
	long long		 now;		/* seconds since the epoch, UTC:
						   the iCalendar DTSTAMP */
};

/* begin and end may be NULL: nothing to write there. */
struct format {
	const char	*name;
	void		(*begin)(struct printer *);
	void		(*plan)(struct printer *, const struct plan *);
	void		(*end)(struct printer *);
	int		  handout;	/* the patient reads it: the
					   protocol's texts in the plan's
					   language */
};

extern const struct format format_csv;
extern const struct format format_html;
extern const struct format format_ics;
extern const struct format format_json;
extern const struct format format_text;

const struct format	*format_find(const char *);
const char		*format_names(void);
void			 print_init(struct printer *, const struct format *,
			    FILE *);
void			 print_begin(struct printer *);
void			 print_plan(struct printer *, const struct plan *);
void			 print_end(struct printer *);

/* Room print_csv_cell() needs for a text of n bytes, at most. */
#define PRINT_CSV_CELL(n)	(2 * (n) + 2)

size_t			 print_csv_cell(char *, const char *, int);

/*
 * The iCalendar writing of print_ics.c, shared with the agenda's
 * calendar: content lines folded and TEXT escaped, dates, the DTSTAMP,
 * a UID that hides the patient, the calendar's first lines.
 */
#define PRINT_ICS_STAMP_LEN	16	/* strlen("YYYYMMDDTHHMMSSZ") */
#define PRINT_ICS_DATE_LEN	8	/* strlen("YYYYMMDD") */

void			 print_ics_line(FILE *, const char *, const char *);
void			 print_ics_text(FILE *, const char *, const char *);
void			 print_ics_date(int, char [PRINT_ICS_DATE_LEN + 1]);
void			 print_ics_stamp(long long,
			    char [PRINT_ICS_STAMP_LEN + 1]);
void			 print_ics_uid(FILE *, const char *, const char *,
			    const char *, const char *, size_t);
void			 print_ics_begin(FILE *, const char *);

/* A JSON string, or null for NULL, escaped (print_json.c). */
void			 print_json_string(FILE *, const char *);

/* Text safe in HTML element content and quoted attributes (print_html.c). */
void			 print_html_escape(FILE *, const char *);

#endif
