#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic.h"
#include "date.h"
#include "dosing.h"
#include "handout.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "schema.h"
#include "strv.h"
#include "xalloc.h"

/*
 * CSV as RFC 4180 defines it: CRLF line ends, fields quoted when they
 * hold a comma, a quote, CR or LF, quotes doubled.  Columns are a
 * contract with other programs: append new ones, never reorder.  After
 * the first eleven: time (HH:MM, empty when the clinic gives none),
 * review ("yes" on the protocol's review visit), restart ("yes" where
 * the course starts again after a lapse), on every row of a course
 * that ended early the day it ended and why, and one visit's volume
 * (mL), lidocaine (mg) and lidocaine for the weight (mg/kg), as JSON
 * gives them, empty where unknown.  Then the scores of a visit given,
 * each empty when none was recorded: pain (0 to 10), and a function
 * score's scale, value and worst end.
 *
 * status is done, missed, booked or planned.  A missed visit is no
 * visit of the course: it has no number (visit), no interval_days and
 * no injections (0); visits counts the others.
 */
static const char csv_header[] =
    "patient_id,patient_name,protocol,visit,visits,date,weekday,"
    "interval_days,sites,injections,status,time,review,restart,ended,"
    "ended_reason,volume_ml,lidocaine_mg,lidocaine_mg_per_kg,pain,function,"
    "function_value,function_worst\r\n";

/*
 * Rows are built in memory: the cells that come from the patient and
 * the protocol are the same on every row of a plan, so they are quoted
 * once per plan, and a plan's rows are written together.
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
	size_t n;
	int quote, guard;

	quote = strpbrk(s, ",\"\r\n") != NULL;
	guard = !raw && s[0] != '\0' && strchr("=+-@\t\r\n", s[0]) != NULL;
	if (quote)
		*q++ = '"';
	if (guard)
		*q++ = '\'';
	if (!quote) {
		/* No quote in it to double: copied whole, as most cells are. */
		n = strlen(s);
		memcpy(q, s, n);
		return (size_t)(q - out) + n;
	}
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			*q++ = '"';
		*q++ = *p;
	}
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

/*
 * The cells that are the same on every row of a plan, after the
 * visit's own: when and why the course ended, or nothing.
 */
static void
row_ended(const struct printer *pr, const struct plan *pl, struct row *b)
{
	char date[DATE_LEN + 1];

	row_add(b, ",", 1);
	if (pl->patient->ended == 0) {
		row_add(b, ",", 1);
		return;
	}
	date_format(pl->patient->ended, date);
	row_add(b, date, DATE_LEN);
	row_add(b, ",", 1);
	row_text(pr, b, pl->patient->ended_reason);
}

/*
 * The dose cells, the same on every row but a missed visit's, whose
 * are empty: the volume of one visit, its lidocaine in mg and in mg/kg,
 * each empty where unknown (dosing.h).
 */
static void
row_dose(const struct plan *pl, struct row *b)
{
	const struct dosing *d = &pl->dose;
	char buf[32];
	int64_t ng;

	row_add(b, ",", 1);
	if (!dosing_amount(d, pl->terms, "lidocaine", &ng)) {
		row_add(b, ",,", 2);
		return;
	}
	schema_milli_str(buf, sizeof(buf), d->total);
	row_add(b, buf, strlen(buf));
	row_add(b, ",", 1);
	dosing_mg(buf, sizeof(buf), ng);
	row_add(b, buf, strlen(buf));
	row_add(b, ",", 1);
	if (d->weight >= 0) {
		dosing_mg_per_kg(buf, sizeof(buf), ng, d->weight);
		row_add(b, buf, strlen(buf));
	}
}

/*
 * A visit's own cells, from visit to restart, at q, where there is room
 * for ROW_VARIABLE bytes of them besides sites; n is the number of
 * visits of the course.
 */
static char *
put_visit(char *q, const struct plan *pl, size_t i, size_t n,
    const struct row *sites)
{
	const struct plan_visit *v = &pl->visits[i];
	int missed = v->status == VISIT_MISSED;

	*q++ = ',';
	if (!missed)
		q = put_num(q, v->number);
	*q++ = ',';
	q = put_num(q, (long long)n);
	*q++ = ',';
	date_format(v->date, q);
	q += DATE_LEN;
	*q++ = ',';
	q = put_str(q, date_weekday_abbr(v->date));
	*q++ = ',';
	if (v->interval >= 0)
		q = put_num(q, v->interval);
	memcpy(q, sites->p, sites->n);
	q += sites->n;
	*q++ = ',';
	q = put_num(q, missed ? 0 : pl->per_visit);
	*q++ = ',';
	q = put_str(q, handout_status_id(v));
	*q++ = ',';
	if (v->time != TIME_NONE) {
		date_time_format(v->time, q);
		q += 5;
	}
	*q++ = ',';
	if (!missed && pl->review == v->number)
		q = put_str(q, "yes");
	*q++ = ',';
	if (v->restart)
		q = put_str(q, "yes");
	return q;
}

/*
 * A visit's scores at q, after the cells shared by every row: pain,
 * and a function score's name, value and worst, or empty cells.
 */
static char *
put_scores(char *q, const struct printer *pr, const struct plan_visit *v)
{
	const struct function_score *fs;
	char buf[32];

	*q++ = ',';
	if (plan_pain(v) >= 0)
		q = put_str(q, schema_milli_str(buf, sizeof(buf),
		    plan_pain(v)));
	*q++ = ',';
	if ((fs = plan_function(v)) == NULL)
		return put_str(q, ",,");
	q += print_csv_cell(q, fs->name, pr->csv_raw);
	*q++ = ',';
	q = put_str(q, schema_milli_str(buf, sizeof(buf), fs->value));
	*q++ = ',';
	return put_str(q, schema_milli_str(buf, sizeof(buf), fs->worst));
}

/*
 * Room a row's scores take: three numbers of at most 11 characters and
 * their commas, and the function score's name quoted.
 */
static size_t
scores_room(const struct plan_visit *v)
{
	const struct function_score *fs = plan_function(v);

	return 40 + (fs != NULL ? PRINT_CSV_CELL(strlen(fs->name)) : 0);
}

/*
 * Room in a row for the cells that change from visit to visit: four
 * numbers of at most 20 characters, a date, a weekday, a status, a
 * time, two "yes" and their commas come to less.
 */
#define ROW_VARIABLE	160

static void
csv_plan(struct printer *pr, const struct plan *pl)
{
	const struct patient *p = pl->patient;
	struct row shared = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct row sites;
	char *joined, *q;
	size_t i, n, prefix, ended, dose, end, room;

	/* The header waits for the first row, so a run that plans nothing prints nothing. */
	if (pr->nplans++ == 0)
		fputs(csv_header, pr->fp);
	/* The shared cells: id to protocol, then sites, ended, the dose. */
	row_text(pr, &shared, p->id);
	row_add(&shared, ",", 1);
	row_text(pr, &shared, p->name);
	row_add(&shared, ",", 1);
	row_text(pr, &shared, pl->protocol->id);
	prefix = shared.n;
	joined = strv_join(&p->sites, "; ");
	row_add(&shared, ",", 1);
	row_text(pr, &shared, joined);
	free(joined);
	ended = shared.n;
	row_ended(pr, pl, &shared);
	dose = shared.n;
	row_dose(pl, &shared);
	end = shared.n;
	sites.p = shared.p + prefix;
	sites.n = ended - prefix;
	/* Room for every row, so a row is written with no checks. */
	for (i = 0, room = 0; i < pl->nvisits; i++)
		room += shared.n + ROW_VARIABLE + scores_room(&pl->visits[i]);
	row_add(&out, NULL, room);
	n = handout_visits(pl);
	for (i = 0, q = out.p; i < pl->nvisits; i++) {
		memcpy(q, shared.p, prefix);
		q = put_visit(q + prefix, pl, i, n, &sites);
		memcpy(q, shared.p + ended, dose - ended);
		q += dose - ended;
		if (pl->visits[i].status == VISIT_MISSED) {
			memcpy(q, ",,,", 3);
			q += 3;
		} else {
			memcpy(q, shared.p + dose, end - dose);
			q += end - dose;
		}
		q = put_scores(q, pr, &pl->visits[i]);
		*q++ = '\r';
		*q++ = '\n';
	}
	if (pl->nvisits > 0)
		fwrite(out.p, 1, (size_t)(q - out.p), pr->fp);
	free(out.p);
	free(shared.p);
}

const struct format format_csv = {
	"csv", NULL, csv_plan, NULL, 0
};
