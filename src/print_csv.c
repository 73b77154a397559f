#include <stdio.h>
#include <string.h>

#include "clinic.h"
#include "date.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "strv.h"
#include "xalloc.h"

#include <stdlib.h>

/*
 * CSV as RFC 4180 defines it: CRLF line ends, fields quoted when they
 * hold a comma, a quote, CR or LF, quotes doubled.  Columns are a
 * contract with other programs: append new ones, never reorder.  After
 * the first eleven: time (HH:MM, empty when the clinic gives none) and
 * review ("yes" on the protocol's review visit).
 */
static const char csv_header[] =
    "patient_id,patient_name,protocol,visit,visits,date,weekday,"
    "interval_days,sites,injections,status,time,review\r\n";

void
print_csv_field(FILE *fp, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	fputc('"', fp);
}

/*
 * A cell of text from an input file.  Spreadsheets run a cell that
 * starts with = + - @ (or a tab or line break before one) as a formula,
 * so such a cell gets a leading ' unless the user asked for raw CSV.
 */
static void
csv_text(const struct printer *pr, const char *s)
{
	char *guarded;

	if (pr->csv_raw || s[0] == '\0' || strchr("=+-@\t\r\n", s[0]) == NULL) {
		print_csv_field(pr->fp, s);
		return;
	}
	guarded = xasprintf("'%s", s);
	print_csv_field(pr->fp, guarded);
	free(guarded);
}

static void
csv_plan(struct printer *pr, const struct plan *pl)
{
	const struct patient *p = pl->patient;
	char date[DATE_LEN + 1], time[6], *sites;
	size_t i;

	/* The header waits for the first row, so a run that plans nothing prints nothing. */
	if (pr->nplans++ == 0)
		fputs(csv_header, pr->fp);
	sites = strv_join(&p->sites, "; ");
	for (i = 0; i < pl->nvisits; i++) {
		csv_text(pr, p->id);
		fputc(',', pr->fp);
		csv_text(pr, p->name);
		fputc(',', pr->fp);
		csv_text(pr, pl->protocol->id);
		date_format(pl->visits[i].date, date);
		fprintf(pr->fp, ",%zu,%zu,%s,%s,", i + 1, pl->nvisits, date,
		    print_weekday[date_weekday(pl->visits[i].date)]);
		if (pl->visits[i].interval >= 0)
			fprintf(pr->fp, "%d", pl->visits[i].interval);
		fputc(',', pr->fp);
		csv_text(pr, sites);
		time[0] = '\0';
		if (pl->visits[i].time != CLINIC_NO_TIME)
			clinic_time_format(pl->visits[i].time, time);
		fprintf(pr->fp, ",%d,%s,%s,%s\r\n", pl->per_visit,
		    pl->visits[i].done ? "done" : "planned", time,
		    pl->review == (int)i + 1 ? "yes" : "");
	}
	free(sites);
}

const struct format format_csv = {
	"csv", print_noop, csv_plan, print_noop
};
