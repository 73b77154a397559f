#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "date.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "strv.h"
#include "utf8.h"
#include "wrap.h"
#include "xalloc.h"

/*
 * The handout: one page of plain text a patient takes home, at most
 * WIDTH display columns, every word from the care text.
 */
#define WIDTH	80

static size_t
width_of(const char *s)
{
	return utf8_width(s, strlen(s));
}

/* "Tue 2026-12-01": the weekday beside the ISO date. */
static void
handout_date(const struct care *c, int day, char *buf, size_t size)
{
	char iso[DATE_LEN + 1];

	date_format(day, iso);
	snprintf(buf, size, "%s %s", c->weekdays[date_weekday(day)], iso);
}

static void
heading(FILE *fp, const char *title, int ch)
{
	size_t i, w;

	fprintf(fp, "\n%s\n", title);
	w = width_of(title);
	for (i = 0; i < w && i < WIDTH; i++)
		fputc(ch, fp);
	fputc('\n', fp);
}

static void
field(FILE *fp, int cols, const char *label, const char *value)
{
	char *prefix, *rest;

	prefix = xmalloc(strlen(label) + (size_t)cols + 1);
	strcpy(prefix, label);
	memset(prefix + strlen(label), ' ',
	    (size_t)cols - width_of(label));
	prefix[strlen(label) + (size_t)cols - width_of(label)] = '\0';
	rest = xmalloc((size_t)cols + 1);
	memset(rest, ' ', (size_t)cols);
	rest[cols] = '\0';
	wrap_write(fp, value, prefix, rest, WIDTH);
	free(prefix);
	free(rest);
}

static void
header(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	const struct patient *p = pl->patient;
	const struct protocol *pt = pl->protocol;
	struct care_var vars[5];
	char nv[32], npv[16], nmin[16], nmax[16], npref[16], date[32];
	char *sites, *course;
	int i, cols;

	for (cols = 0, i = CARE_PATIENT; i <= CARE_PREPARED; i++)
		if ((int)width_of(c->labels[i]) > cols)
			cols = (int)width_of(c->labels[i]);
	cols += 2;
	fprintf(pr->fp, "%s\n", c->title);
	for (i = 0; i < (int)width_of(c->title) && i < WIDTH; i++)
		fputc('=', pr->fp);
	fputs("\n\n", pr->fp);
	field(pr->fp, cols, c->labels[CARE_PATIENT], p->name);
	field(pr->fp, cols, c->labels[CARE_PATIENT_ID], p->id);
	if (p->has_birth_date) {
		date_format(p->birth_date, date);
		field(pr->fp, cols, c->labels[CARE_BORN], date);
	}
	field(pr->fp, cols, c->labels[CARE_PROTOCOL], pt->name);
	field(pr->fp, cols, c->labels[CARE_SOLUTION], pt->solution);
	sites = strv_join(&p->sites, "; ");
	field(pr->fp, cols, c->labels[CARE_SITES], sites);
	free(sites);
	snprintf(nv, sizeof(nv), "%zu", pl->nvisits);
	snprintf(npv, sizeof(npv), "%d", pl->per_visit);
	snprintf(nmin, sizeof(nmin), "%d", pt->ival_min);
	snprintf(nmax, sizeof(nmax), "%d", pt->ival_max);
	snprintf(npref, sizeof(npref), "%d", p->interval_days);
	vars[0] = (struct care_var){ "visits", nv };
	vars[1] = (struct care_var){ "per_visit", npv };
	vars[2] = (struct care_var){ "min", nmin };
	vars[3] = (struct care_var){ "max", nmax };
	vars[4] = (struct care_var){ "preferred", npref };
	course = care_expand(c->course, vars, 5);
	field(pr->fp, cols, c->labels[CARE_COURSE], course);
	free(course);
	handout_date(c, pl->today, date, sizeof(date));
	field(pr->fp, cols, c->labels[CARE_PREPARED], date);
}

static char *
warning_text(const struct care *c, const struct plan *pl,
    const struct plan_warning *w)
{
	struct care_var vars[3];
	char date[32], days[16], max[16];

	handout_date(c, w->date, date, sizeof(date));
	snprintf(days, sizeof(days), "%d", w->days);
	snprintf(max, sizeof(max), "%d", pl->protocol->ival_max);
	switch (w->kind) {
	case PLAN_W_LAPSE:
		vars[0] = (struct care_var){ "last", date };
		vars[1] = (struct care_var){ "days", days };
		vars[2] = (struct care_var){ "max", max };
		return care_expand(c->warnings[CARE_W_LAPSE], vars, 3);
	case PLAN_W_ALLERGY:
		vars[0] = (struct care_var){ "allergy", w->subject };
		return care_expand(c->warnings[CARE_W_ALLERGY], vars, 1);
	case PLAN_W_ANTICOAG:
		vars[0] = (struct care_var){ "medication", w->subject };
		return care_expand(c->warnings[CARE_W_ANTICOAG], vars, 1);
	case PLAN_W_PAST:
		vars[0] = (struct care_var){ "date", date };
		return care_expand(c->warnings[CARE_W_PAST], vars, 1);
	}
	return xstrdup("");
}

static void
warnings(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	size_t i, planned;
	char *text;

	planned = pl->nvisits - pl->patient->nhistory;
	if (pl->nwarnings == 0 && planned > 0)
		return;
	heading(pr->fp, c->labels[CARE_WARNINGS], '-');
	if (planned == 0)
		wrap_write(pr->fp, c->warnings[CARE_W_DONE], "! ", "  ", WIDTH);
	for (i = 0; i < pl->nwarnings; i++) {
		text = warning_text(c, pl, &pl->warnings[i]);
		wrap_write(pr->fp, text, "! ", "  ", WIDTH);
		free(text);
	}
}

/* Column widths of the visit table: the label's or the widest value's. */
static void
schedule(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	char date[32], num[32];
	int w[5], i;
	size_t v;

	heading(pr->fp, c->labels[CARE_SCHEDULE], '-');
	w[0] = (int)width_of(c->labels[CARE_VISIT]);
	w[1] = (int)width_of(c->labels[CARE_DATE]);
	handout_date(c, pl->visits ? pl->visits[0].date : 0, date,
	    sizeof(date));
	if ((int)width_of(date) > w[1])
		w[1] = (int)width_of(date);
	w[2] = (int)width_of(c->labels[CARE_INTERVAL]);
	w[3] = (int)width_of(c->labels[CARE_INJECTIONS]);
	w[4] = 0;
	for (i = 0; i < 4; i++) {
		wrap_pad(pr->fp, c->labels[CARE_VISIT + i], w[i] + 2);
	}
	fprintf(pr->fp, "%s\n", c->labels[CARE_STATUS]);
	for (v = 0; v < pl->nvisits; v++) {
		snprintf(num, sizeof(num), "%zu", v + 1);
		wrap_pad(pr->fp, num, w[0] + 2);
		handout_date(c, pl->visits[v].date, date, sizeof(date));
		wrap_pad(pr->fp, date, w[1] + 2);
		num[0] = '\0';
		if (pl->visits[v].interval >= 0)
			snprintf(num, sizeof(num), "%d",
			    pl->visits[v].interval);
		wrap_pad(pr->fp, num, w[2] + 2);
		snprintf(num, sizeof(num), "%d", pl->per_visit);
		wrap_pad(pr->fp, num, w[3] + 2);
		fprintf(pr->fp, "%s\n", c->labels[pl->visits[v].done ?
		    CARE_DONE : CARE_PLANNED]);
	}
}

static void
holds(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	struct care_var vars[3];
	char from[32], to[32], *text;
	size_t i;

	if (pl->nholds == 0)
		wrap_write(pr->fp, c->hold_none, "* ", "  ", WIDTH);
	for (i = 0; i < pl->nholds; i++) {
		handout_date(c, pl->holds[i].from, from, sizeof(from));
		handout_date(c, pl->holds[i].to, to, sizeof(to));
		vars[0] = (struct care_var){ "drug", pl->holds[i].drug };
		vars[1] = (struct care_var){ "from", from };
		vars[2] = (struct care_var){ "to", to };
		text = care_expand(c->hold, vars, 3);
		wrap_write(pr->fp, text, "* ", "  ", WIDTH);
		free(text);
	}
}

/* A protocol's own text for a section replaces the default text. */
static const struct strv *
section_text(const struct plan *pl, const struct care_section *sec)
{
	size_t i;

	for (i = 0; i < pl->protocol->ncare; i++)
		if (strcmp(pl->protocol->care[i].section, sec->id) == 0)
			return &pl->protocol->care[i].text;
	return &sec->text;
}

static void
sections(struct printer *pr, const struct plan *pl)
{
	const struct care_section *sec;
	const struct strv *text;
	size_t i, j;
	int is_holds;

	for (i = 0; i < pr->care->nsections; i++) {
		sec = &pr->care->sections[i];
		text = section_text(pl, sec);
		is_holds = strcmp(sec->id, "holds") == 0;
		if (text->n == 0 && !is_holds)
			continue;
		heading(pr->fp, sec->title, '-');
		if (is_holds)
			holds(pr, pl);
		for (j = 0; j < text->n; j++)
			wrap_write(pr->fp, text->v[j], "* ", "  ", WIDTH);
	}
}

static void
text_begin(struct printer *pr)
{
	(void)pr;
}

/* Handouts after the first start on a new page when printed. */
static void
text_plan(struct printer *pr, const struct plan *pl)
{
	if (pr->nplans++ > 0)
		fputs("\f", pr->fp);
	header(pr, pl);
	warnings(pr, pl);
	schedule(pr, pl);
	sections(pr, pl);
}

static void
text_end(struct printer *pr)
{
	(void)pr;
}

const struct format format_text = {
	"text", text_begin, text_plan, text_end
};
