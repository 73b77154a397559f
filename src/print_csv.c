#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic.h"
#include "date.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "strv.h"
#include "xalloc.h"

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

/*
 * Rows are built in memory and written whole: the cells that come from
 * the patient and the protocol are the same on every row of a plan, so
 * they are quoted once per plan.
 */
struct row {
	char	*p;
	size_t	 n;
	size_t	 cap;
};

/* Adds len bytes of s, or room for them when s is NULL. */
static void
row_add(struct row *b, const char *s, size_t len)
{
	if (b->cap - b->n < len) {
		while (b->cap - b->n < len)
			b->cap = b->cap ? b->cap * 2 : 256;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	if (s != NULL)
		memcpy(b->p + b->n, s, len);
	b->n += len;
}

/*
 * A cell of text from an input file, as RFC 4180 writes it: quoted,
 * with its quotes doubled, when it holds a comma, a quote, CR or LF.
 * Spreadsheets run a cell that starts with = + - @, a tab or a line
 * break as a formula, so such a cell gets a leading ' unless raw.  The
 * one quoting of prolo's CSV: written to out, which has room for
 * PRINT_CSV_CELL(strlen(s)) bytes; returns the length written.
 */
size_t
print_csv_cell(char *out, const char *s, int raw)
{
	const char *p;
	char *q = out;
	int quote, guard;

	quote = strpbrk(s, ",\"\r\n") != NULL;
	guard = !raw && s[0] != '\0' && strchr("=+-@\t\r\n", s[0]) != NULL;
	if (quote)
		*q++ = '"';
	if (guard)
		*q++ = '\'';
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			*q++ = '"';
		*q++ = *p;
	}
	if (quote)
		*q++ = '"';
	return (size_t)(q - out);
}

/* A cell of the patient's or the protocol's text, added to a row. */
static void
row_text(const struct printer *pr, struct row *b, const char *s)
{
	size_t len;

	len = strlen(s);
	row_add(b, NULL, PRINT_CSV_CELL(len));
	b->n -= PRINT_CSV_CELL(len);
	b->n += print_csv_cell(b->p + b->n, s, pr->csv_raw);
}

/* A whole number in decimal at p, as printf's %d or %zu writes it. */
static char *
put_num(char *p, long long v)
{
	char digits[24], *d;
	unsigned long long u;
	size_t n;

	d = digits + sizeof(digits);
	u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do
		*--d = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--d = '-';
	n = (size_t)(digits + sizeof(digits) - d);
	memcpy(p, d, n);
	return p + n;
}

static char *
put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* Room in a row for the cells that change from visit to visit. */
#define ROW_VARIABLE	128

static void
csv_plan(struct printer *pr, const struct plan *pl)
{
	const struct patient *p = pl->patient;
	struct row b = { NULL, 0, 0 }, sites = { NULL, 0, 0 };
	char *joined, *q;
	size_t i, prefix;

	/* The header waits for the first row, so a run that plans nothing prints nothing. */
	if (pr->nplans++ == 0)
		fputs(csv_header, pr->fp);
	joined = strv_join(&p->sites, "; ");
	row_add(&sites, ",", 1);
	row_text(pr, &sites, joined);
	free(joined);
	row_text(pr, &b, p->id);
	row_add(&b, ",", 1);
	row_text(pr, &b, p->name);
	row_add(&b, ",", 1);
	row_text(pr, &b, pl->protocol->id);
	prefix = b.n;
	/* Room for a whole row, so a row is written with no checks. */
	row_add(&b, sites.p, sites.n);
	for (i = 0; i < ROW_VARIABLE / 8; i++)
		row_add(&b, "        ", 8);
	for (i = 0; i < pl->nvisits; i++) {
		q = b.p + prefix;
		*q++ = ',';
		q = put_num(q, (long long)(i + 1));
		*q++ = ',';
		q = put_num(q, (long long)pl->nvisits);
		*q++ = ',';
		date_format(pl->visits[i].date, q);
		q += DATE_LEN;
		*q++ = ',';
		q = put_str(q, date_weekday_abbr(pl->visits[i].date));
		*q++ = ',';
		if (pl->visits[i].interval >= 0)
			q = put_num(q, pl->visits[i].interval);
		memcpy(q, sites.p, sites.n);
		q += sites.n;
		*q++ = ',';
		q = put_num(q, pl->per_visit);
		*q++ = ',';
		q = put_str(q, pl->visits[i].done ? "done" : "planned");
		*q++ = ',';
		if (pl->visits[i].time != TIME_NONE) {
			date_time_format(pl->visits[i].time, q);
			q += 5;
		}
		*q++ = ',';
		if (pl->review == (int)i + 1)
			q = put_str(q, "yes");
		*q++ = '\r';
		*q++ = '\n';
		fwrite(b.p, 1, (size_t)(q - b.p), pr->fp);
	}
	free(b.p);
	free(sites.p);
}

const struct format format_csv = {
	"csv", NULL, csv_plan, NULL
};
