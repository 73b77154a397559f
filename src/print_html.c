#include <limits.h>
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
#include "schema.h"
#include "xalloc.h"
#include "strv.h"

/*
 * The handout as one self-contained HTML document: the same content as
 * the text handout, every word from the care text, styled inline for
 * the screen and for print on A4 or US Letter.  Nothing is fetched:
 * no links, fonts, images or scripts, and a Content-Security-Policy
 * forbids them in case a browser is ever asked to.  Each patient's
 * handout is a <section>; the second and later start on a new page.
 * The document opens with the first plan, so a run that plans nothing
 * prints nothing.
 */

/*
 * Printed: 15 mm margins and no page size, so the browser's paper (A4
 * or Letter) is used as is.  Backgrounds of the warning and hold boxes
 * are asked to print, but their borders carry the meaning without them.
 */
static const char css[] =
":root{color-scheme:light}\n"
"*{box-sizing:border-box}\n"
"body{margin:0 auto;padding:2rem 1.5rem 3rem;max-width:48rem;"
"font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
"\"Helvetica Neue\",Arial,\"Liberation Sans\",sans-serif;"
"font-size:1rem;line-height:1.5;color:#1f2933;background:#fff;"
"overflow-wrap:anywhere}\n"
"h1{margin:0 0 1rem;padding-bottom:.4rem;font-size:1.6rem;"
"line-height:1.25;color:#0b3d5c;border-bottom:3px solid #0b3d5c}\n"
"h2{margin:1.5rem 0 .5rem;padding-bottom:.15rem;font-size:1.1rem;"
"line-height:1.3;color:#0b3d5c;border-bottom:1px solid #c9d6e0;"
"break-after:avoid}\n"
"ul{margin:0 0 .5rem;padding-left:1.25rem}\n"
"li{margin:.2rem 0;break-inside:avoid}\n"
".fields{display:grid;grid-template-columns:max-content 1fr;"
"gap:.2rem 1.25rem;margin:0 0 1rem;padding:.75rem 1rem;"
"background:#f4f7fa;border:1px solid #dde5ec;border-radius:6px;"
"break-inside:avoid}\n"
".fields div{display:contents}\n"
".fields dt{font-weight:600;color:#52606d}\n"
".fields dd{margin:0}\n"
".fields .name{font-weight:700;font-size:1.1em}\n"
".warnings{margin:1rem 0;padding:.5rem 1rem .6rem;background:#fff7e0;"
"border:1px solid #e0b000;border-left:6px solid #e0a000;"
"border-radius:4px;break-inside:avoid}\n"
".warnings h2{margin:.2rem 0 .3rem;border:0;color:#7a4b00}\n"
".warnings li{font-weight:500}\n"
"table{width:100%;border-collapse:collapse;margin:.25rem 0 .5rem;"
"font-variant-numeric:tabular-nums}\n"
"thead{display:table-header-group}\n"
"tr{break-inside:avoid}\n"
"th,td{padding:.3rem .6rem;text-align:left;vertical-align:top}\n"
"th{font-size:.85em;font-weight:600;color:#52606d;"
"border-bottom:2px solid #0b3d5c}\n"
"td{border-bottom:1px solid #dde5ec}\n"
"th.num,td.num{text-align:center}\n"
"td time{white-space:nowrap}\n"
"tr.done td,tr.missed td{color:#7b8794}\n"
"tr.missed td{font-style:italic}\n"
"tr.booked td,tr.planned td{font-weight:500}\n"
"ul.holds{margin:.25rem 0 .6rem;padding:.4rem 1rem .4rem 2rem;"
"background:#eef4fa;border-left:4px solid #0b3d5c;border-radius:4px;"
"-webkit-box-decoration-break:clone;box-decoration-break:clone}\n"
"ul.holds li{font-weight:600}\n"
".trend{break-inside:avoid}\n"
".trend svg{display:block;width:100%;max-width:40rem;height:auto;"
"margin:.25rem 0 .5rem}\n"
".trend p{margin:.2rem 0}\n"
".calendar>:not(.months){break-after:avoid}\n"
"ul.ask{margin:.25rem 0 .5rem;padding-left:1.25rem;font-weight:600}\n"
".calendar .key{display:flex;flex-wrap:wrap;gap:.3rem 1.5rem;"
"margin:.25rem 0 .4rem;padding:0;list-style:none;break-inside:avoid}\n"
".calendar .key li{display:flex;align-items:center;gap:.5rem;margin:0}\n"
".calendar p{margin:.2rem 0}\n"
".months{display:grid;gap:1rem 1.5rem;margin:.6rem 0 .5rem;"
"align-items:start;"
"grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}\n"
"table.month{margin:0;table-layout:fixed;border-collapse:separate;"
"border-spacing:2px;break-inside:avoid}\n"
".month caption{padding:0 0 .2rem;font-weight:700;text-align:left;"
"color:#0b3d5c}\n"
".month th{padding:0;text-align:center;border-bottom:2px solid #0b3d5c}\n"
".month td,.sample{position:relative;height:2.6rem;padding:0;"
"text-align:center;vertical-align:middle;border:1px solid #9aa5b1}\n"
".month td.pad{border:0}\n"
".month .n{position:absolute;top:1px;left:1px;padding:0 2px;"
"font-size:.75em;line-height:1.2;background:#fff}\n"
".month .mark{position:absolute;right:2px;bottom:2px}\n"
".mark{display:inline-block;width:1.6rem;height:1.6rem;"
"line-height:calc(1.6rem - 4px);border:2px solid #000;"
"border-radius:50%;background:#fff;color:#000;font-weight:800}\n"
".month td.pause,.sample.pause{border:1.5px dashed #000;"
"background:#d3d8de}\n"
".month td.today,.sample.today{border:3px solid #000}\n"
".sample{display:inline-block;width:2rem;height:1.6rem;border:0}\n"
".sample.visit{width:auto}\n"
".vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;"
"overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}\n"
"section+section{margin-top:3rem;padding-top:2rem;"
"border-top:2px dashed #c9d6e0;break-before:page}\n"
"@page{margin:15mm}\n"
"@media print{\n"
"body{max-width:none;padding:0;font-size:10.5pt;line-height:1.4}\n"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
"h1{font-size:17pt;margin-bottom:10pt}\n"
"h2{font-size:12pt;margin:12pt 0 4pt}\n"
"li{margin:2pt 0;orphans:2;widows:2}\n"
".fields{padding:6pt 10pt;margin-bottom:8pt}\n"
".warnings{margin:8pt 0}\n"
"th,td{padding:3pt 6pt}\n"
".month td,.sample{height:2.2rem}\n"
".months{gap:8pt 18pt}\n"
"section+section{margin-top:0;padding-top:0;border-top:0}\n"
"}\n";

/* Input and care text, safe in element content and quoted attributes. */
void
print_html_escape(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			fputc(*s, fp);
			break;
		}
	}
}

/* Markup around escaped text: open, the text, close. */
static void
tagged(FILE *fp, const char *open, const char *text, const char *close)
{
	fputs(open, fp);
	print_html_escape(fp, text);
	fputs(close, fp);
}

static void
head(struct printer *pr)
{
	FILE *fp = pr->fp;

	fputs("<!DOCTYPE html>\n<html lang=\"", fp);
	print_html_escape(fp, pr->care->language);
	fputs("\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n", fp);
	tagged(fp, "<title>", pr->care->title, "</title>\n");
	fprintf(fp, "<style>\n%s</style>\n</head>\n<body>\n", css);
}

/*
 * A label and its value.  Values typed for a patient may be in a
 * right-to-left script: dir=auto sets their direction from their text.
 */
static void
field(FILE *fp, const char *label, const char *value, const char *attr)
{
	tagged(fp, "<div><dt>", label, "</dt>");
	fprintf(fp, "<dd%s>", attr);
	print_html_escape(fp, value);
	fputs("</dd></div>\n", fp);
}

static void
header(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	const struct patient *p = pl->patient;
	const struct protocol *pt = pl->protocol;
	const char *source;
	FILE *fp = pr->fp;
	char date[64], *sites, *course, *where;

	tagged(fp, "<h1>", c->title, "</h1>\n");
	fputs("<dl class=\"fields\">\n", fp);
	field(fp, c->labels[CARE_PATIENT], p->name,
	    " class=\"name\" dir=\"auto\"");
	field(fp, c->labels[CARE_PATIENT_ID], p->id, " dir=\"auto\"");
	if (p->has_birth_date) {
		handout_date_birth(c, p->birth_date, date, sizeof(date));
		field(fp, c->labels[CARE_BORN], date, "");
	}
	field(fp, c->labels[CARE_PROTOCOL], protocol_name(pt, c->language),
	    " dir=\"auto\"");
	field(fp, c->labels[CARE_SOLUTION], protocol_solution(pt,
	    c->language), " dir=\"auto\"");
	sites = handout_sites(pl);
	field(fp, c->labels[CARE_SITES], sites, " dir=\"auto\"");
	free(sites);
	course = handout_course(c, pl);
	field(fp, c->labels[CARE_COURSE], course, "");
	free(course);
	if ((where = handout_clinic(pl)) != NULL) {
		field(fp, c->labels[CARE_CLINIC], where, " dir=\"auto\"");
		free(where);
	}
	if (pl->clinic != NULL) {
		if (pl->clinic->phone)
			field(fp, c->labels[CARE_PHONE], pl->clinic->phone,
			    "");
	}
	handout_date_long(c, pl->today, date, sizeof(date));
	field(fp, c->labels[CARE_PREPARED], date, "");
	if ((source = protocol_source(pt, c->language)) != NULL)
		field(fp, c->labels[CARE_SOURCE], source, " dir=\"auto\"");
	fputs("</dl>\n", fp);
}

static void
warnings(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	FILE *fp = pr->fp;
	char *text;
	size_t i;

	if (!handout_has_warnings(c, pl))
		return;
	tagged(fp, "<div class=\"warnings\">\n<h2>", c->labels[CARE_WARNINGS],
	    "</h2>\n<ul>\n");
	if (handout_is_done(pl))
		tagged(fp, "<li>", c->warnings[CARE_W_DONE], "</li>\n");
	for (i = 0; i < pl->nwarnings; i++) {
		if ((text = handout_warning(c, pl, &pl->warnings[i])) == NULL)
			continue;
		tagged(fp, "<li>", text, "</li>\n");
		free(text);
	}
	fputs("</ul>\n</div>\n", fp);
}

/*
 * A date in the table: the care text's words, in short as the text
 * handout's table has them (in full, they crowd the other columns of a
 * printed page), and ISO for machines.
 */
static void
visit_date(FILE *fp, const struct care *c, int day)
{
	char iso[DATE_LEN + 1], date[64];

	date_format(day, iso);
	handout_date_short(c, day, date, sizeof(date));
	fprintf(fp, "<td><time datetime=\"%s\">", iso);
	print_html_escape(fp, date);
	fputs("</time></td>", fp);
}

/*
 * A row of the visit table, its class the visit's status.  A missed
 * visit has no number, interval or injections; the visit where the
 * course starts again says so in place of its interval.
 */
static void
visit_row(FILE *fp, const struct care *c, const struct plan *pl,
    const struct plan_visit *v, int times)
{
	char hhmm[6];
	int missed = v->status == VISIT_MISSED;

	fprintf(fp, "<tr class=\"%s\"><td class=\"num\">",
	    handout_status_id(v));
	if (!missed)
		fprintf(fp, "%d", v->number);
	fputs("</td>", fp);
	visit_date(fp, c, v->date);
	if (times && v->time != TIME_NONE) {
		date_time_format(v->time, hhmm);
		fprintf(fp, "<td>%s</td>", hhmm);
	} else if (times)
		fputs("<td></td>", fp);
	if (v->restart)
		tagged(fp, "<td class=\"num\">", c->labels[CARE_RESTART],
		    "</td>");
	else if (v->interval >= 0)
		fprintf(fp, "<td class=\"num\">%d</td>", v->interval);
	else
		fputs("<td class=\"num\"></td>", fp);
	if (missed)
		fputs("<td class=\"num\"></td>", fp);
	else
		fprintf(fp, "<td class=\"num\">%d</td>",
		    handout_injections(pl));
	tagged(fp, "<td>", handout_status(c, v), "</td></tr>\n");
}

/* Every visit in date order, missed ones too. */
static void
schedule(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	FILE *fp = pr->fp;
	char *text;
	size_t i;
	int times;

	tagged(fp, "<h2>", c->labels[CARE_SCHEDULE], "</h2>\n");
	fputs("<table class=\"schedule\">\n<thead>\n<tr>", fp);
	tagged(fp, "<th scope=\"col\" class=\"num\">", c->labels[CARE_VISIT],
	    "</th>");
	tagged(fp, "<th scope=\"col\">", c->labels[CARE_DATE], "</th>");
	if ((times = handout_has_times(pl)))
		tagged(fp, "<th scope=\"col\">", c->labels[CARE_TIME],
		    "</th>");
	tagged(fp, "<th scope=\"col\" class=\"num\">",
	    c->labels[CARE_INTERVAL], "</th>");
	tagged(fp, "<th scope=\"col\" class=\"num\">",
	    c->labels[CARE_INJECTIONS], "</th>");
	tagged(fp, "<th scope=\"col\">", c->labels[CARE_STATUS], "</th>");
	fputs("</tr>\n</thead>\n<tbody>\n", fp);
	for (i = 0; i < pl->nvisits; i++)
		visit_row(fp, c, pl, &pl->visits[i], times);
	fputs("</tbody>\n</table>\n", fp);
	if ((text = handout_review(c, pl)) != NULL) {
		tagged(fp, "<p class=\"review\">", text, "</p>\n");
		free(text);
	}
}

/*
 * The chart of the scores recorded at visits given, an inline SVG with
 * no script that prints in black and white: pain on its 0 to 10 axis
 * at the left, a solid line through filled dots; each function scale
 * on its own, from its worst end (at the top, as pain's 10) to its best
 * (at the bottom), with its own dashes and hollow markers; every value
 * written beside its marker, and a key.  Coordinates are in the
 * viewBox's units; the page scales it to its width.
 */
#define CHART_W		640
#define CHART_L		56	/* the plot's left edge: pain's axis */
#define CHART_T		20	/* its top: the worst */
#define CHART_B		200	/* its bottom: the best */
#define CHART_PAD	28	/* from the axes to the first and last visit */
#define CHART_ROW	18	/* a line of the key */

/* A series' look: its dashes (NULL: solid) and its marker. */
enum chart_marker {
	MARK_DOT,		/* filled: pain */
	MARK_SQUARE,		/* hollow: the function scales */
	MARK_TRIANGLE,
	MARK_DIAMOND
};

struct chart_style {
	const char		*dash;
	enum chart_marker	 marker;
};

static const struct chart_style pain_style = { NULL, MARK_DOT };
static const struct chart_style scale_styles[] = {
	{ "7 4", MARK_SQUARE }, { "2 3", MARK_TRIANGLE },
	{ "10 3 2 3", MARK_DIAMOND }
};

#define NSTYLES	(sizeof(scale_styles) / sizeof(*scale_styles))

/* The visits the chart shows, those given with a score, and where. */
struct chart {
	const struct plan_visit	**v;
	size_t			  n;
	double			  right;	/* the plot's right edge */
	int			  dates;	/* room for each one's date */
	const struct care	 *care;		/* how numbers are written */
};

/*
 * The visits given with a score, evenly spaced (a visit given without
 * one is left out, so a gap in the scores is no gap in the line), with
 * room at the right for a function scale's axis where there is one.
 */
static void
chart_init(struct chart *ch, const struct plan *pl)
{
	size_t i;

	ch->v = xcalloc(pl->nvisits + 1, sizeof(*ch->v));
	ch->n = 0;
	for (i = 0; i < pl->nvisits; i++)
		if (plan_pain(&pl->visits[i]) >= 0 ||
		    plan_function(&pl->visits[i]) != NULL)
			ch->v[ch->n++] = &pl->visits[i];
	ch->right = CHART_W - (handout_scale(pl, 0) != NULL ? 72 : 24);
	ch->dates = ch->n < 2 ||
	    (ch->right - CHART_L - 2 * CHART_PAD) / (double)(ch->n - 1) >= 104;
}

/* The kth visit's x; a visit alone is in the middle. */
static double
chart_x(const struct chart *ch, size_t k)
{
	if (ch->n < 2)
		return (CHART_L + ch->right) / 2;
	return CHART_L + CHART_PAD + (double)k *
	    (ch->right - CHART_L - 2 * CHART_PAD) / (double)(ch->n - 1);
}

/* A value's y on a scale from worst (at the top) to best. */
static double
chart_y(long v, long worst, long best)
{
	return CHART_T + (CHART_B - CHART_T) * (double)(v - worst) /
	    (double)(best - worst);
}

/* Text at x, y, escaped; anchor start, middle or end. */
static void
chart_text(FILE *fp, double x, double y, const char *anchor,
    const char *text)
{
	fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y,
	    anchor);
	print_html_escape(fp, text);
	fputs("</text>\n", fp);
}

/*
 * A marker of a series at x, y: pain's filled, the scales' hollow, each
 * its own shape, so that the series tell apart without colour.
 */
static void
chart_marker(FILE *fp, enum chart_marker marker, const char *class,
    double x, double y)
{
	const char *paint = " fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"";

	switch (marker) {
	case MARK_DOT:
		fprintf(fp, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" "
		    "r=\"4.5\" fill=\"#000\"></circle>\n", class, x, y);
		break;
	case MARK_SQUARE:
		fprintf(fp, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"9\" height=\"9\"%s></rect>\n", class, x - 4.5,
		    y - 4.5, paint);
		break;
	case MARK_TRIANGLE:
		fprintf(fp, "<path class=\"%s\" d=\"M%.1f %.1fL%.1f %.1fL%.1f "
		    "%.1fZ\"%s></path>\n", class, x, y - 5.5, x + 5.5, y + 4.5,
		    x - 5.5, y + 4.5, paint);
		break;
	case MARK_DIAMOND:
		fprintf(fp, "<path class=\"%s\" d=\"M%.1f %.1fL%.1f %.1fL%.1f "
		    "%.1fL%.1f %.1fZ\"%s></path>\n", class, x, y - 6, x + 6, y,
		    x, y + 6, x - 6, y, paint);
		break;
	}
}

/* A line through points, in a series' dashes. */
static void
chart_line(FILE *fp, const struct chart_style *st, const double *xy,
    size_t n)
{
	size_t i;

	if (n < 2)
		return;
	fputs("<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"2\"", fp);
	if (st->dash != NULL)
		fprintf(fp, " stroke-dasharray=\"%s\"", st->dash);
	fputs(" points=\"", fp);
	for (i = 0; i < n; i++)
		fprintf(fp, "%s%.1f,%.1f", i ? " " : "", xy[2 * i],
		    xy[2 * i + 1]);
	fputs("\"></polyline>\n", fp);
}

/*
 * A visit's score in a series, pain (scale NULL) or one function scale,
 * and its y; -1 when the visit has none in it.
 */
static long
chart_score(const struct plan_visit *v, const struct function_score *scale,
    double *y)
{
	const struct function_score *fs = plan_function(v);

	if (scale == NULL) {
		*y = chart_y(plan_pain(v), 10000, 0);
		return plan_pain(v);
	}
	if (fs == NULL || !handout_same_scale(fs, scale))
		return -1;
	*y = chart_y(fs->value, fs->worst, fs->best);
	return fs->value;
}

/*
 * One series: its line, its markers, and each value written above its
 * marker (pain) or below it (a scale), or the other way where the
 * plot's edge is too near.
 */
static void
chart_series(FILE *fp, const struct chart *ch,
    const struct function_score *scale, const struct chart_style *st)
{
	double *xy, y, dy;
	long *score;
	size_t k, n;
	char num[32];

	xy = xcalloc(2 * ch->n + 2, sizeof(*xy));
	score = xcalloc(ch->n + 1, sizeof(*score));
	for (k = 0, n = 0; k < ch->n; k++) {
		if ((score[n] = chart_score(ch->v[k], scale, &y)) < 0)
			continue;
		xy[2 * n] = chart_x(ch, k);
		xy[2 * n++ + 1] = y;
	}
	chart_line(fp, st, xy, n);
	for (k = 0; k < n; k++)
		chart_marker(fp, st->marker, scale == NULL ? "pain-point" :
		    "function-point", xy[2 * k], xy[2 * k + 1]);
	for (k = 0; k < n; k++) {
		y = xy[2 * k + 1];
		if (scale == NULL)
			dy = y < CHART_T + 14 ? 17 : -9;
		else
			dy = y > CHART_B - 14 ? -10 : 18;
		chart_text(fp, xy[2 * k], y + dy, "middle",
		    handout_number(ch->care, num, sizeof(num), score[k]));
	}
	free(score);
	free(xy);
}

/*
 * The frame: pain's grid and numbers at the left, a function scale's
 * worst and best at the right, and each visit's number (and date,
 * where there is room) under the plot.
 */
static void
chart_frame(FILE *fp, const struct care *c, const struct chart *ch,
    int scales)
{
	char num[32], date[64];
	double y;
	size_t k;
	int p;

	fputs("<g stroke=\"#999\" stroke-width=\"0.75\">\n", fp);
	for (p = 0; p <= 10; p += 2) {
		y = chart_y(p * 1000L, 10000, 0);
		fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\"></line>\n", CHART_L, y, ch->right, y);
	}
	fputs("</g>\n<g stroke=\"#000\" stroke-width=\"1.25\">\n", fp);
	fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"></line>\n",
	    CHART_L, CHART_T, CHART_L, CHART_B);
	fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\">"
	    "</line>\n", CHART_L, CHART_B, ch->right, CHART_B);
	if (scales)
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
		    "y2=\"%d\"></line>\n", ch->right, CHART_T, ch->right,
		    CHART_B);
	fputs("</g>\n", fp);
	for (p = 0; p <= 10; p += 2) {
		snprintf(num, sizeof(num), "%d", p);
		chart_text(fp, CHART_L - 8, chart_y(p * 1000L, 10000, 0) + 4,
		    "end", num);
	}
	if (scales) {
		chart_text(fp, ch->right + 8, CHART_T + 4, "start",
		    c->scores[CARE_S_WORST]);
		chart_text(fp, ch->right + 8, CHART_B + 4, "start",
		    c->scores[CARE_S_BEST]);
	}
	for (k = 0; k < ch->n; k++) {
		snprintf(num, sizeof(num), "%s %d", c->labels[CARE_VISIT],
		    ch->v[k]->number);
		chart_text(fp, chart_x(ch, k), CHART_B + 18, "middle", num);
		if (!ch->dates)
			continue;
		handout_date_short(c, ch->v[k]->date, date, sizeof(date));
		chart_text(fp, chart_x(ch, k), CHART_B + 32, "middle", date);
	}
}

/* A line of the key: a sample of the series' line and marker, its words. */
static void
chart_key(FILE *fp, const struct chart_style *st, int row,
    const char *words)
{
	double y = row + 0.5;
	double xy[4] = { CHART_L, y, CHART_L + 36, y };

	chart_line(fp, st, xy, 2);
	chart_marker(fp, st->marker, "key", CHART_L + 18, y);
	chart_text(fp, CHART_L + 46, y + 4, "start", words);
}

/*
 * The whole chart, with a title and a description for those who do not
 * see it: the lines of scores the text handout has.
 */
static void
chart(FILE *fp, const struct care *c, const struct plan *pl,
    const char *desc)
{
	const struct function_score *scale;
	struct chart ch;
	char *key;
	size_t i, nscales;
	int top;

	chart_init(&ch, pl);
	ch.care = c;
	for (nscales = 0; handout_scale(pl, nscales) != NULL; nscales++)
		continue;
	/* The key under the visits' numbers (and dates), a line a series. */
	top = CHART_B + (ch.dates ? 52 : 38);
	fprintf(fp, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" "
	    "font-size=\"12\" fill=\"#000\">\n", CHART_W,
	    top + (int)(nscales + 1) * CHART_ROW);
	tagged(fp, "<title>", c->scores[CARE_S_TITLE], "</title>\n");
	tagged(fp, "<desc>", desc, "</desc>\n");
	chart_frame(fp, c, &ch, nscales > 0);
	/* The scales first, so pain's line and dots are drawn over them. */
	for (i = 0; (scale = handout_scale(pl, i)) != NULL; i++)
		chart_series(fp, &ch, scale, &scale_styles[i % NSTYLES]);
	chart_series(fp, &ch, NULL, &pain_style);
	chart_key(fp, &pain_style, top, c->scores[CARE_S_PAIN_KEY]);
	for (i = 0; (scale = handout_scale(pl, i)) != NULL; i++) {
		key = handout_function(c, pl, scale, 1);
		chart_key(fp, &scale_styles[i % NSTYLES],
		    top + (int)(i + 1) * CHART_ROW, key);
		free(key);
	}
	fputs("</svg>\n", fp);
	free(ch.v);
}

/*
 * The scores recorded at visits given, when there are any: a heading,
 * the chart, and the lines the text handout has, which the chart's
 * description repeats.
 */
static void
scores(struct printer *pr, const struct plan *pl)
{
	const struct function_score *scale;
	struct strv lines = { 0 };
	char *text, *desc;
	size_t i;

	if (!handout_has_scores(pl))
		return;
	if ((text = handout_pain(pr->care, pl)) != NULL) {
		strv_push(&lines, text);
		free(text);
	}
	for (i = 0; (scale = handout_scale(pl, i)) != NULL; i++) {
		text = handout_function(pr->care, pl, scale, 0);
		strv_push(&lines, text);
		free(text);
	}
	fputs("<div class=\"trend\">\n", pr->fp);
	tagged(pr->fp, "<h2>", pr->care->scores[CARE_S_TITLE], "</h2>\n");
	desc = strv_join(&lines, " ");
	chart(pr->fp, pr->care, pl, desc);
	free(desc);
	for (i = 0; i < lines.n; i++)
		tagged(pr->fp, "<p>", lines.v[i], "</p>\n");
	fputs("</div>\n", pr->fp);
	strv_release(&lines);
}

/*
 * The dated holds stand out from the section's paragraphs below them:
 * the medicines kept, then one item per visit (or visits close
 * together) naming every medicine to pause for it.
 */
static void
holds(struct printer *pr, const struct plan *pl)
{
	const struct care *c = pr->care;
	struct handout_pause *g;
	FILE *fp = pr->fp;
	char *text;
	size_t i, n;

	fputs("<ul class=\"holds\">\n", fp);
	for (i = 0; i < pl->nwarnings; i++) {
		if (pl->warnings[i].kind != PLAN_W_KEEP)
			continue;
		text = handout_keep(c, &pl->warnings[i]);
		tagged(fp, "<li>", text, "</li>\n");
		free(text);
	}
	if (pl->nholds == 0)
		tagged(fp, "<li>", c->hold_none, "</li>\n");
	n = handout_pauses(pl, &g);
	for (i = 0; i < n; i++) {
		text = handout_pause(c, &g[i]);
		tagged(fp, "<li>", text, "</li>\n");
		free(text);
	}
	handout_pauses_free(g, n);
	fputs("</ul>\n", fp);
}

static void
sections(struct printer *pr, const struct plan *pl)
{
	const struct care_section *sec;
	struct strv text = { 0 };
	FILE *fp = pr->fp;
	size_t i, j;
	int is_holds;

	for (i = 0; i < pr->care->nsections; i++) {
		sec = &pr->care->sections[i];
		if (!handout_paragraphs(pr->care, pl, sec, &text, &is_holds))
			continue;
		tagged(fp, "<h2>", sec->title, "</h2>\n");
		if (is_holds)
			holds(pr, pl);
		if (text.n > 0) {
			fputs("<ul>\n", fp);
			for (j = 0; j < text.n; j++)
				tagged(fp, "<li>", text.v[j], "</li>\n");
			fputs("</ul>\n", fp);
		}
		strv_release(&text);
	}
}

/*
 * The month calendar: a table for each month from the first with a
 * visit or a day to pause a medicine to the last, Monday first.  A
 * visit day has the visit's number in a circle, a day to pause is
 * hatched inside a dashed border, today has a thick border: borders
 * and shapes, so that it reads the same printed in black and white,
 * and a key says what each means.  A missed visit is no visit of the
 * course and is not marked; the visit table lists it.  Each marked day
 * says what it holds in words a screen reader reads, hidden from the
 * eye; its date and marks are in data attributes and classes.
 */

/* Widens r to take in from..to. */
static void
month_extend(struct date_range *r, int from, int to)
{
	if (from < r->from)
		r->from = from;
	if (to > r->to)
		r->to = to;
}

/*
 * The days of the months the calendar shows, from the first of the
 * first month to the last of the last; 0 when it has nothing to show.
 */
static int
month_span(const struct plan *pl, struct date_range *r)
{
	size_t i;
	int y, m, d;

	r->from = INT_MAX;
	r->to = INT_MIN;
	for (i = 0; i < pl->nvisits; i++)
		if (pl->visits[i].status != VISIT_MISSED)
			month_extend(r, pl->visits[i].date,
			    pl->visits[i].date);
	for (i = 0; i < pl->nholds; i++)
		month_extend(r, pl->holds[i].from, pl->holds[i].to);
	if (r->from > r->to)
		return 0;
	date_to_ymd(r->from, &y, &m, &d);
	r->from -= d - 1;
	date_to_ymd(r->to, &y, &m, &d);
	r->to += date_month_days(y, m) - d;
	return 1;
}

/* The visit of the course on a day, or NULL. */
static const struct plan_visit *
month_visit(const struct plan *pl, int day)
{
	size_t i;

	for (i = 0; i < pl->nvisits; i++)
		if (pl->visits[i].date == day &&
		    pl->visits[i].status != VISIT_MISSED)
			return &pl->visits[i];
	return NULL;
}

/*
 * What a day holds, in words: its visit, today, and each medicine to
 * pause on it, asking first about one a doctor prescribed.  A
 * medicine's windows never overlap (the planner merges them), so each
 * is named once.  Returns whether any medicine is paused.
 */
static int
month_words(const struct care *c, const struct plan *pl, int day,
    const struct plan_visit *v, struct strv *say)
{
	const struct plan_hold *h;
	struct care_var var;
	char num[16];
	size_t i;
	int paused = 0;

	if (v != NULL) {
		snprintf(num, sizeof(num), "%d", v->number);
		var = (struct care_var){ "visit", num };
		strv_take(say, care_expand(c->month[CARE_M_VISIT], &var, 1));
	}
	if (day == pl->today)
		strv_push(say, c->month[CARE_M_TODAY]);
	for (i = 0; i < pl->nholds; i++) {
		h = &pl->holds[i];
		if (day < h->from || day > h->to)
			continue;
		paused = 1;
		var = (struct care_var){ "drug", h->drug };
		strv_take(say, care_expand(c->month[h->prescribed ?
		    CARE_M_PRESCRIBED : CARE_M_HOLD], &var, 1));
	}
	return paused;
}

/* A day's cell: its number, a visit's circle, its words. */
static void
month_day(FILE *fp, const struct care *c, const struct plan *pl, int day)
{
	const struct plan_visit *v = month_visit(pl, day);
	struct strv say = { 0 };
	char iso[DATE_LEN + 1], *words;
	int y, m, d, paused;

	paused = month_words(c, pl, day, v, &say);
	date_format(day, iso);
	date_to_ymd(day, &y, &m, &d);
	fprintf(fp, "<td class=\"day%s%s%s\" data-date=\"%s\"",
	    v != NULL ? " visit" : "", paused ? " pause" : "",
	    day == pl->today ? " today" : "", iso);
	if (v != NULL)
		fprintf(fp, " data-visit=\"%d\"", v->number);
	if (day == pl->today)
		fputs(" aria-current=\"date\"", fp);
	fprintf(fp, "><span class=\"n\">%d</span>", d);
	if (v != NULL)
		fprintf(fp, "<span class=\"mark\" aria-hidden=\"true\">%d"
		    "</span>", v->number);
	if (say.n > 0) {
		words = strv_join(&say, "; ");
		tagged(fp, "<span class=\"vh\">", words, "</span>");
		free(words);
	}
	fputs("</td>", fp);
	strv_release(&say);
}

/*
 * A month's table from its first day: a caption, the weekdays' short
 * names with their long ones for a screen reader, and a row a week,
 * padded with empty cells before the first day and after the last.
 */
static void
month_table(FILE *fp, const struct care *c, const struct plan *pl,
    int first)
{
	struct care_var vars[2];
	char year[8], *caption;
	int y, m, d, i, ndays, lead;

	date_to_ymd(first, &y, &m, &d);
	snprintf(year, sizeof(year), "%d", y);
	vars[0] = (struct care_var){ "month", c->months[m - 1] };
	vars[1] = (struct care_var){ "year", year };
	caption = care_expand(c->month[CARE_M_MONTH], vars, 2);
	fprintf(fp, "<table class=\"month\" data-month=\"%04d-%02d\">\n", y,
	    m);
	tagged(fp, "<caption>", caption, "</caption>\n<thead><tr>");
	free(caption);
	for (i = 0; i < 7; i++) {
		tagged(fp, "<th scope=\"col\" aria-label=\"",
		    c->weekdays_long[i], "\">");
		tagged(fp, "", c->weekdays[i], "</th>");
	}
	fputs("</tr></thead>\n<tbody>\n<tr>", fp);
	lead = date_weekday(first);
	ndays = date_month_days(y, m);
	for (i = 0; i < lead; i++)
		fputs("<td class=\"pad\"></td>", fp);
	for (d = 0; d < ndays; d++) {
		if (d > 0 && (lead + d) % 7 == 0)
			fputs("</tr>\n<tr>", fp);
		month_day(fp, c, pl, first + d);
	}
	for (i = (lead + ndays) % 7; i > 0 && i < 7; i++)
		fputs("<td class=\"pad\"></td>", fp);
	fputs("</tr>\n</tbody>\n</table>\n", fp);
}

/*
 * The key: a sample of each mark and its words, the pause only when a
 * medicine is paused (with where its dates are, and for each medicine a
 * doctor prescribed, to ask that doctor first, as every line that dates
 * its pause does), today only when the calendar shows it.
 */
static void
month_key(FILE *fp, const struct care *c, const struct plan *pl,
    const struct date_range *r)
{
	const struct care_section *sec;
	struct strv asked = { 0 };
	struct care_var var;
	char *text;
	size_t i, j;

	fputs("<ul class=\"key\">\n", fp);
	tagged(fp, "<li><span class=\"sample visit\" aria-hidden=\"true\">"
	    "<span class=\"mark\">1</span></span>", c->month[CARE_M_VISIT_KEY],
	    "</li>\n");
	if (pl->nholds > 0)
		tagged(fp, "<li><span class=\"sample pause\" "
		    "aria-hidden=\"true\"></span>", c->month[CARE_M_PAUSE_KEY],
		    "</li>\n");
	if (pl->today >= r->from && pl->today <= r->to)
		tagged(fp, "<li><span class=\"sample today\" "
		    "aria-hidden=\"true\"></span>", c->month[CARE_M_TODAY],
		    "</li>\n");
	fputs("</ul>\n", fp);
	if (pl->nholds == 0)
		return;
	if ((sec = care_section(c, "holds")) != NULL) {
		var = (struct care_var){ "section", sec->title };
		text = care_expand(c->month[CARE_M_SEE], &var, 1);
		tagged(fp, "<p class=\"see\">", text, "</p>\n");
		free(text);
	}
	/* Each prescribed medicine once, among those named so far. */
	for (i = 0; i < pl->nholds; i++) {
		if (!pl->holds[i].prescribed)
			continue;
		for (j = 0; j < asked.n; j++)
			if (strcmp(asked.v[j], pl->holds[i].drug) == 0)
				break;
		if (j < asked.n)
			continue;
		if (asked.n == 0)
			fputs("<ul class=\"ask\">\n", fp);
		strv_push(&asked, pl->holds[i].drug);
		var = (struct care_var){ "drug", pl->holds[i].drug };
		text = care_expand(c->month[CARE_M_PRESCRIBED], &var, 1);
		tagged(fp, "<li>", text, "</li>\n");
		free(text);
	}
	if (asked.n > 0)
		fputs("</ul>\n", fp);
	strv_release(&asked);
}

/* The calendar, when there is a day to mark, under its heading. */
static void
months(struct printer *pr, const struct plan *pl)
{
	struct date_range r;
	int y, m, d, first;

	if (!month_span(pl, &r))
		return;
	fputs("<div class=\"calendar\">\n", pr->fp);
	tagged(pr->fp, "<h2>", pr->care->month[CARE_M_TITLE], "</h2>\n");
	month_key(pr->fp, pr->care, pl, &r);
	fputs("<div class=\"months\">\n", pr->fp);
	for (first = r.from; first <= r.to; first += d) {
		date_to_ymd(first, &y, &m, &d);
		month_table(pr->fp, pr->care, pl, first);
		d = date_month_days(y, m);
	}
	fputs("</div>\n</div>\n", pr->fp);
}

static void
html_plan(struct printer *pr, const struct plan *pl)
{
	if (pr->nplans++ == 0)
		head(pr);
	fputs("<section class=\"handout\">\n", pr->fp);
	header(pr, pl);
	warnings(pr, pl);
	schedule(pr, pl);
	months(pr, pl);
	scores(pr, pl);
	sections(pr, pl);
	fputs("</section>\n", pr->fp);
}

static void
html_end(struct printer *pr)
{
	if (pr->nplans > 0)
		fputs("</body>\n</html>\n", pr->fp);
}

const struct format format_html = {
	"html", NULL, html_plan, html_end, 1
};
