#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "date.h"
#include "handout.h"
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
	char date[32], *sites, *course;
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
	course = handout_course(c, pl);
	field(pr->fp, cols, c->labels[CARE_COURSE], course);
	free(course);
	handout_date(c, pl->today, date, sizeof(date));
	field(pr->fp, cols, c->labels[CARE_PREPARED], date);
}

static void
warnings(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	size_t i;
	char *text;

	if (pl->nwarnings == 0 && !handout_is_done(pl))
		return;
	heading(pr->fp, c->labels[CARE_WARNINGS], '-');
	if (handout_is_done(pl))
		wrap_write(pr->fp, c->warnings[CARE_W_DONE], "! ", "  ", WIDTH);
	for (i = 0; i < pl->nwarnings; i++) {
		text = handout_warning(c, pl, &pl->warnings[i]);
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
	char *text;
	size_t i;

	if (pl->nholds == 0)
		wrap_write(pr->fp, c->hold_none, "* ", "  ", WIDTH);
	for (i = 0; i < pl->nholds; i++) {
		text = handout_hold(c, &pl->holds[i]);
		wrap_write(pr->fp, text, "* ", "  ", WIDTH);
		free(text);
	}
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
		if ((text = handout_section_shown(pl, sec, &is_holds)) == NULL)
			continue;
		heading(pr->fp, sec->title, '-');
		if (is_holds)
			holds(pr, pl);
		for (j = 0; j < text->n; j++)
			wrap_write(pr->fp, text->v[j], "* ", "  ", WIDTH);
	}
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

const struct format format_text = {
	"text", print_noop, text_plan, print_noop
};
