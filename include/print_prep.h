#ifndef PROLO_PRINT_PREP_H
#define PROLO_PRINT_PREP_H

#include <stddef.h>
#include <stdio.h>

struct plan;
struct plan_visit;
struct prep;

/*
 * The preparation sheet's formats, behind one interface like the plan
 * printers: sheet() for each visit to prepare, in the order prep gives
 * them, then end(), which a run that printed nothing and failed does
 * not call, so that it writes nothing.  The caller checks the stream
 * for errors.
 */
struct prep_printer {
	const struct prep_format	*format;
	FILE				*fp;
	size_t				 n;	/* sheets written so far */
};

struct prep_format {
	const char	*name;
	void		(*sheet)(struct prep_printer *, const struct plan *,
			    const struct plan_visit *, const struct prep *);
	void		(*end)(struct prep_printer *);
};

extern const struct prep_format prep_json;
extern const struct prep_format prep_text;

const struct prep_format *print_prep_find(const char *);
const char	*print_prep_names(void);
void		 print_prep_init(struct prep_printer *,
		    const struct prep_format *, FILE *);
void		 print_prep(struct prep_printer *, const struct plan *,
		    const struct plan_visit *, const struct prep *);
void		 print_prep_end(struct prep_printer *);

#endif
