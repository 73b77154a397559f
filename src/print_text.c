#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "clinic.h"
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

/* The clinic's name and address, and its phone, where known. */
static void
clinic_fields(FILE *fp, int cols, const struct care *c,
    const struct plan *pl)
{
	const struct clinic *cl = pl->clinic;
	char *where;

	if (cl == NULL)
		return;
	if ((where = handout_clinic(pl)) != NULL) {
		field(fp, cols, c->labels[CARE_CLINIC], where);
		free(where);
	}
	if (cl->phone)
		field(fp, cols, c->labels[CARE_PHONE], cl->phone);
}

static void
header(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	const struct patient *p = pl->patient;
	const struct protocol *pt = pl->protocol;
	const char *source = protocol_source(pt, c->language);
	char date[64], *sites, *course;
	int i, cols;

	for (cols = 0, i = 0; i < CARE_LABEL_COUNT; i++)
		if ((i <= CARE_PREPARED || i == CARE_CLINIC ||
		    i == CARE_PHONE || (i == CARE_SOURCE && source != NULL)) &&
		    (int)width_of(c->labels[i]) > cols)
			cols = (int)width_of(c->labels[i]);
	cols += 2;
	fprintf(pr->fp, "%s\n", c->title);
	for (i = 0; i < (int)width_of(c->title) && i < WIDTH; i++)
		fputc('=', pr->fp);
	fputs("\n\n", pr->fp);
	field(pr->fp, cols, c->labels[CARE_PATIENT], p->name);
	field(pr->fp, cols, c->labels[CARE_PATIENT_ID], p->id);
	if (p->has_birth_date) {
		handout_date_birth(c, p->birth_date, date, sizeof(date));
		field(pr->fp, cols, c->labels[CARE_BORN], date);
	}
	field(pr->fp, cols, c->labels[CARE_PROTOCOL],
	    protocol_name(pt, c->language));
	field(pr->fp, cols, c->labels[CARE_SOLUTION],
	    protocol_solution(pt, c->language));
	sites = handout_sites(pl);
	field(pr->fp, cols, c->labels[CARE_SITES], sites);
	free(sites);
	course = handout_course(c, pl);
	field(pr->fp, cols, c->labels[CARE_COURSE], course);
	free(course);
	clinic_fields(pr->fp, cols, c, pl);
	handout_date_long(c, pl->today, date, sizeof(date));
	field(pr->fp, cols, c->labels[CARE_PREPARED], date);
	/* Last: what the clinician goes by, for the patient who asks. */
	if (source != NULL)
		field(pr->fp, cols, c->labels[CARE_SOURCE], source);
}

static void
warnings(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	size_t i;
	char *text;

	if (!handout_has_warnings(c, pl))
		return;
	heading(pr->fp, c->labels[CARE_WARNINGS], '-');
	if (handout_is_done(pl))
		wrap_write(pr->fp, c->warnings[CARE_W_DONE], "! ", "  ", WIDTH);
	for (i = 0; i < pl->nwarnings; i++) {
		if ((text = handout_warning(c, pl, &pl->warnings[i])) == NULL)
			continue;
		wrap_write(pr->fp, text, "! ", "  ", WIDTH);
		free(text);
	}
}

/* The review checkpoint under the table, when the protocol sets one. */
static void
review(struct printer *pr, const struct plan *pl)
{
	char *text;

	if ((text = handout_review(pr->care, pl)) == NULL)
		return;
	fputc('\n', pr->fp);
	wrap_write(pr->fp, text, "> ", "  ", WIDTH);
	free(text);
}

/*
 * The scores recorded at visits given under a heading of their own, one
 * line for pain and one for each function scale, so the patient sees
 * the trend at a glance.
 */
static void
scores(struct printer *pr, const struct plan *pl)
{
	const struct function_score *scale;
	char *text;
	size_t i;

	if (!handout_has_scores(pl))
		return;
	heading(pr->fp, pr->care->scores[CARE_S_TITLE], '-');
	if ((text = handout_pain(pr->care, pl)) != NULL) {
		wrap_write(pr->fp, text, "", "  ", WIDTH);
		free(text);
	}
	for (i = 0; (scale = handout_scale(pl, i)) != NULL; i++) {
		text = handout_function(pr->care, pl, scale, 0);
		wrap_write(pr->fp, text, "", "  ", WIDTH);
		free(text);
	}
}

#define NCOLS	6

/*
 * One row of the visit table: its cells, pointing into the buffers or
 * at the care text's labels, which are never cut.
 */
struct row {
	const char	*cell[NCOLS];
	char		 num[16], date[40], time[8], ival[16], inj[16];
};

/*
 * A missed visit has no number, no interval and no injections; the
 * visit where the course starts again says so in place of its interval,
 * which it has none of.  The time is empty when unknown.
 */
static void
row_cells(const struct care *c, const struct plan *pl, size_t v,
    struct row *r)
{
	const struct plan_visit *pv = &pl->visits[v];
	int missed = pv->status == VISIT_MISSED;

	r->num[0] = r->time[0] = r->ival[0] = r->inj[0] = '\0';
	if (!missed) {
		snprintf(r->num, sizeof(r->num), "%d", pv->number);
		snprintf(r->inj, sizeof(r->inj), "%d",
		    handout_injections(pl));
	}
	if (pv->interval >= 0)
		snprintf(r->ival, sizeof(r->ival), "%d", pv->interval);
	/* In short: the long form would not fit the page in Spanish. */
	handout_date_short(c, pv->date, r->date, sizeof(r->date));
	if (pv->time != TIME_NONE)
		date_time_format(pv->time, r->time);
	r->cell[0] = r->num;
	r->cell[1] = r->date;
	r->cell[2] = r->time;
	r->cell[3] = pv->restart ? c->labels[CARE_RESTART] : r->ival;
	r->cell[4] = r->inj;
	r->cell[5] = handout_status(c, pv);
}

/*
 * The visit table, every visit in date order, missed ones too.  Each
 * column is as wide as its label or its widest value; the time column
 * appears only when the clinic gives times.
 */
static void
schedule(struct printer *pr, const struct plan *pl)
{
	static const enum care_label labels[NCOLS] = {
		CARE_VISIT, CARE_DATE, CARE_TIME, CARE_INTERVAL,
		CARE_INJECTIONS, CARE_STATUS
	};
	const struct care *c = pr->care;
	struct row r;
	int w[NCOLS], i, times;
	size_t v;

	heading(pr->fp, c->labels[CARE_SCHEDULE], '-');
	times = handout_has_times(pl);
	for (i = 0; i < NCOLS; i++)
		w[i] = (int)width_of(c->labels[labels[i]]);
	for (v = 0; v < pl->nvisits; v++) {
		row_cells(c, pl, v, &r);
		for (i = 0; i < NCOLS; i++)
			if ((int)width_of(r.cell[i]) > w[i])
				w[i] = (int)width_of(r.cell[i]);
	}
	for (i = 0; i < NCOLS - 1; i++)
		if (i != 2 || times)
			wrap_pad(pr->fp, c->labels[labels[i]], w[i] + 2);
	fprintf(pr->fp, "%s\n", c->labels[CARE_STATUS]);
	for (v = 0; v < pl->nvisits; v++) {
		row_cells(c, pl, v, &r);
		for (i = 0; i < NCOLS - 1; i++)
			if (i != 2 || times)
				wrap_pad(pr->fp, r.cell[i], w[i] + 2);
		fprintf(pr->fp, "%s\n", r.cell[NCOLS - 1]);
	}
	review(pr, pl);
}

/*
 * The medicines kept, then one line per visit (or visits close
 * together) naming every medicine to pause for it.
 */
static void
holds(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	struct handout_pause *g;
	char *text;
	size_t i, n;

	for (i = 0; i < pl->nwarnings; i++) {
		if (pl->warnings[i].kind != PLAN_W_KEEP)
			continue;
		text = handout_keep(c, &pl->warnings[i]);
		wrap_write(pr->fp, text, "* ", "  ", WIDTH);
		free(text);
	}
	if (pl->nholds == 0)
		wrap_write(pr->fp, c->hold_none, "* ", "  ", WIDTH);
	n = handout_pauses(pl, &g);
	for (i = 0; i < n; i++) {
		text = handout_pause(c, &g[i]);
		wrap_write(pr->fp, text, "* ", "  ", WIDTH);
		free(text);
	}
	handout_pauses_free(g, n);
}

static void
sections(struct printer *pr, const struct plan *pl)
{
	const struct care_section *sec;
	struct strv text = { 0 };
	size_t i, j;
	int is_holds;

	for (i = 0; i < pr->care->nsections; i++) {
		sec = &pr->care->sections[i];
		if (!handout_paragraphs(pr->care, pl, sec, &text, &is_holds))
			continue;
		heading(pr->fp, sec->title, '-');
		if (is_holds)
			holds(pr, pl);
		for (j = 0; j < text.n; j++)
			wrap_write(pr->fp, text.v[j], "* ", "  ", WIDTH);
		strv_release(&text);
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
	scores(pr, pl);
	sections(pr, pl);
}

const struct format format_text = {
	"text", NULL, text_plan, NULL, 1
};
