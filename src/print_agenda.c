#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "date.h"
#include "clinic.h"
#include "print.h"
#include "print_agenda.h"
#include "utf8.h"
#include "wrap.h"
#include "xalloc.h"

/*
 * The agenda's formats: text for the terminal, CSV for a spreadsheet,
 * a printable HTML page, and the clinic's own calendar.  Every day of
 * the range is given to each format, so the text and the page can show
 * a day with no visits as such: the desk sees the whole week.  The
 * words are the clinic's, in English, as on standard error.
 */

#define WIDTH		80	/* the text agenda's columns */
#define INDENT		"         "	/* under the name: 2 + time + 2 */

static const struct agenda_format *const formats[] = {
	&agenda_text,
	&agenda_csv,
	&agenda_html,
	&agenda_ics,
};

const struct agenda_format *
print_agenda_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(*formats); i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const char *
print_agenda_names(void)
{
	return "text, csv, html or ics";
}

/* The agenda, sorted (agenda_sort()), day by day from its first to its last. */
void
print_agenda(const struct agenda *a, const struct agenda_format *f, FILE *fp,
    long long now)
{
	struct agenda_printer pr = { f, a, fp, now };
	size_t i, j;
	int day;

	if (f->begin != NULL)
		f->begin(&pr);
	for (i = 0, day = a->from; day <= a->to; day++) {
		for (j = i; j < a->n && a->entries[j].date == day; j++)
			continue;
		/* An agenda with no entries has no array to point into. */
		if (f->day != NULL)
			f->day(&pr, day, j > i ? &a->entries[i] : NULL, j - i);
		i = j;
	}
	if (f->end != NULL)
		f->end(&pr);
}

/* "Mon 2026-11-30": the desk's date, weekday first. */
static void
day_name(int day, char buf[4 + DATE_LEN + 1])
{
	memcpy(buf, date_weekday_abbr(day), 3);
	buf[3] = ' ';
	date_format(day, buf + 4);
}

/* "08:30", or "--:--" for a visit planned for its day at no time yet. */
static void
time_name(int time, char buf[TIME_LEN + 1])
{
	if (time == TIME_NONE)
		memcpy(buf, "--:--", TIME_LEN + 1);
	else
		date_time_format(time, buf);
}

/* --- text ------------------------------------------------------------ */

static size_t
width_of(const char *s)
{
	return utf8_width(s, strlen(s));
}

static char *
who(const struct agenda_entry *e)
{
	return xasprintf("%s (%s)", e->patient_name, e->patient_id);
}

static char *
which(const struct agenda_entry *e)
{
	return xasprintf("visit %d of %d", e->visit, e->visits);
}

/*
 * The columns of the first line of an entry, the same for a whole day:
 * who as wide as the widest, unless that would push the line past
 * WIDTH; a wider name then has the line to itself.
 */
struct text_cols {
	int	who;
	int	which;
};

static void
text_cols(const struct agenda_entry *e, size_t n, struct text_cols *c)
{
	char *s;
	size_t i;
	int max;

	c->who = c->which = 0;
	for (i = 0; i < n; i++) {
		s = which(&e[i]);
		if ((int)width_of(s) > c->which)
			c->which = (int)width_of(s);
		free(s);
	}
	max = WIDTH - (int)strlen(INDENT) - 2 - c->which - 2 -
	    (int)strlen("planned");
	for (i = 0; i < n; i++) {
		s = who(&e[i]);
		if ((int)width_of(s) > c->who)
			c->who = (int)width_of(s);
		free(s);
	}
	if (c->who > max)
		c->who = max;
}

static void
text_begin(struct agenda_printer *pr)
{
	char from[4 + DATE_LEN + 1], to[4 + DATE_LEN + 1];
	size_t i, n;

	day_name(pr->agenda->from, from);
	day_name(pr->agenda->to, to);
	n = (size_t)fprintf(pr->fp, "Agenda from %s to %s", from, to);
	fputc('\n', pr->fp);
	for (i = 0; i < n; i++)
		fputc('=', pr->fp);
	fputc('\n', pr->fp);
}

static void
text_entry(FILE *fp, const struct agenda_entry *e, const struct text_cols *c)
{
	char hhmm[TIME_LEN + 1], *s, *t, *dose;
	size_t i;

	time_name(e->time, hhmm);
	fprintf(fp, "  %s  ", hhmm);
	s = who(e);
	if ((int)width_of(s) > c->who) {
		wrap_write(fp, s, "", INDENT, WIDTH - (int)strlen(INDENT));
		fprintf(fp, "%s%*s", INDENT, c->who + 2, "");
	} else
		wrap_pad(fp, s, c->who + 2);
	free(s);
	s = which(e);
	wrap_pad(fp, s, c->which + 2);
	fprintf(fp, "%s\n", e->status);
	free(s);
	dose = agenda_dose(e);
	t = xasprintf("%s: %s%s%s%s", e->protocol_id, e->sites,
	    dose ? " (" : "", dose ? dose : "", dose ? ")" : "");
	wrap_write(fp, t, INDENT, INDENT, WIDTH);
	free(t);
	free(dose);
	for (i = 0; i < e->flags.n; i++)
		wrap_write(fp, e->flags.v[i], INDENT "! ", INDENT "  ", WIDTH);
}

static void
text_day(struct agenda_printer *pr, int day, const struct agenda_entry *e,
    size_t n)
{
	struct text_cols c;
	char name[4 + DATE_LEN + 1];
	size_t i;
	int len;

	day_name(day, name);
	if (n == 0)
		len = fprintf(pr->fp, "\n%s: no visits\n", name) - 2;
	else
		len = fprintf(pr->fp, "\n%s: %zu visit%s\n", name, n,
		    n == 1 ? "" : "s") - 2;
	if (n == 0)
		return;
	while (len-- > 0)
		fputc('-', pr->fp);
	fputc('\n', pr->fp);
	text_cols(e, n, &c);
	for (i = 0; i < n; i++)
		text_entry(pr->fp, &e[i], &c);
}

const struct agenda_format agenda_text = {
	"text", text_begin, text_day, NULL
};

/* --- csv ------------------------------------------------------------- */

/*
 * RFC 4180 as prolo plan -f csv writes it, with its guard against
 * spreadsheet formulas (print_csv_cell()).  The columns are a contract:
 * append new ones, never reorder.  The dose's are plan -f csv's.
 */
static const char csv_header[] =
    "date,weekday,time,patient_id,patient_name,protocol,visit,visits,"
    "sites,status,flags,volume_ml,lidocaine_mg,lidocaine_mg_per_kg\r\n";

static void
csv_cell(FILE *fp, const char *s, int comma)
{
	char *cell;
	size_t n;

	cell = xmalloc(PRINT_CSV_CELL(strlen(s)));
	n = print_csv_cell(cell, s, 0);
	fwrite(cell, 1, n, fp);
	free(cell);
	if (comma)
		fputc(',', fp);
}

static void
csv_begin(struct agenda_printer *pr)
{
	fputs(csv_header, pr->fp);
}

static void
csv_row(FILE *fp, const struct agenda_entry *e)
{
	char date[DATE_LEN + 1], hhmm[TIME_LEN + 1], *flags;

	date_format(e->date, date);
	hhmm[0] = '\0';
	if (e->time != TIME_NONE)
		date_time_format(e->time, hhmm);
	fprintf(fp, "%s,%s,%s,", date, date_weekday_abbr(e->date), hhmm);
	csv_cell(fp, e->patient_id, 1);
	csv_cell(fp, e->patient_name, 1);
	csv_cell(fp, e->protocol_id, 1);
	fprintf(fp, "%d,%d,", e->visit, e->visits);
	csv_cell(fp, e->sites, 1);
	fprintf(fp, "%s,", e->status);
	flags = strv_join(&e->flags, "; ");
	csv_cell(fp, flags, 1);
	free(flags);
	fprintf(fp, "%s,%s,%s\r\n", e->volume, e->lidocaine, e->per_kg);
}

static void
csv_day(struct agenda_printer *pr, int day, const struct agenda_entry *e,
    size_t n)
{
	size_t i;

	(void)day;
	for (i = 0; i < n; i++)
		csv_row(pr->fp, &e[i]);
}

const struct agenda_format agenda_csv = {
	"csv", csv_begin, csv_day, NULL
};

/* --- html ------------------------------------------------------------ */

/*
 * One self-contained page like the handout's (print_html.c): nothing
 * fetched, a Content-Security-Policy that forbids it, everything from
 * the files escaped.  A table per day; each day after the first may
 * start a printed page, but one day is kept on one page where it fits.
 */
static const char css[] =
":root{color-scheme:light}\n"
"*{box-sizing:border-box}\n"
"body{margin:0 auto;padding:1.5rem;max-width:64rem;"
"font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
"\"Helvetica Neue\",Arial,\"Liberation Sans\",sans-serif;"
"font-size:1rem;line-height:1.4;color:#1f2933;background:#fff;"
"overflow-wrap:break-word}\n"
"h1{margin:0 0 1rem;padding-bottom:.4rem;font-size:1.5rem;"
"color:#0b3d5c;border-bottom:3px solid #0b3d5c}\n"
"h2{margin:1.5rem 0 .4rem;font-size:1.15rem;color:#0b3d5c;"
"break-after:avoid}\n"
"h2 .count{font-weight:400;color:#52606d}\n"
"p.none{margin:.2rem 0 .8rem;color:#7b8794;font-style:italic}\n"
"table{width:100%;border-collapse:collapse;margin:0 0 .8rem;"
"font-variant-numeric:tabular-nums;table-layout:fixed}\n"
"col.time{width:4.2rem}col.who{width:16%}col.proto{width:18%}"
"col.visit{width:4.5rem}col.sites{width:12%}col.status{width:5rem}\n"
".notime{color:#7b8794;font-weight:400;font-style:italic}\n"
"thead{display:table-header-group}\n"
"tr{break-inside:avoid}\n"
"th,td{padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
"th{font-size:.85em;font-weight:600;color:#52606d;"
"border-bottom:2px solid #0b3d5c}\n"
"td{border-bottom:1px solid #dde5ec}\n"
"th,td.time,td.visit,td.status{white-space:nowrap}\n"
"td.time{font-weight:700}\n"

".name{font-weight:600}\n"
".id,.pname,.dose{display:block;font-size:.85em;color:#52606d}\n"
"tr.planned td.status{color:#52606d}\n"
"ul.flags{margin:0;padding:0;list-style:none}\n"
"ul.flags li{margin:0 0 .15rem;padding:.05rem .35rem;background:#fff7e0;"
"border-left:4px solid #e0a000;font-weight:500}\n"
"@page{margin:12mm}\n"
"@media print{\n"
"body{max-width:none;padding:0;font-size:10pt}\n"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
"section.day{break-inside:avoid}\n"
"th,td{padding:2pt 4pt}\n"
"}\n";

static void
html_text(FILE *fp, const char *open, const char *text, const char *close)
{
	fputs(open, fp);
	print_html_escape(fp, text);
	fputs(close, fp);
}

static void
html_begin(struct agenda_printer *pr)
{
	char from[4 + DATE_LEN + 1], to[4 + DATE_LEN + 1], *title;
	FILE *fp = pr->fp;

	day_name(pr->agenda->from, from);
	day_name(pr->agenda->to, to);
	title = xasprintf("Agenda from %s to %s", from, to);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n", fp);
	html_text(fp, "<title>", title, "</title>\n");
	fprintf(fp, "<style>\n%s</style>\n</head>\n<body>\n", css);
	html_text(fp, "<h1>", title, "</h1>\n");
	free(title);
}

static void
html_entry(FILE *fp, const struct agenda_entry *e)
{
	char hhmm[TIME_LEN + 1], *dose;
	size_t i;

	fprintf(fp, "<tr class=\"%s\">", e->status);
	if (e->time != TIME_NONE) {
		date_time_format(e->time, hhmm);
		fprintf(fp, "<td class=\"time\">%s</td>", hhmm);
	} else
		fputs("<td class=\"time\"><span class=\"notime\">no time"
		    "</span></td>", fp);
	html_text(fp, "<td class=\"who\"><span class=\"name\" dir=\"auto\">",
	    e->patient_name, "</span>");
	html_text(fp, "<span class=\"id\" dir=\"auto\">", e->patient_id,
	    "</span></td>");
	html_text(fp, "<td>", e->protocol_id, "");
	html_text(fp, "<span class=\"pname\" dir=\"auto\">", e->protocol_name,
	    "</span></td>");
	fprintf(fp, "<td class=\"visit\">%d of %d</td>", e->visit, e->visits);
	html_text(fp, "<td><span dir=\"auto\">", e->sites, "</span>");
	if ((dose = agenda_dose(e)) != NULL)
		html_text(fp, "<span class=\"dose\">", dose, "</span>");
	free(dose);
	fputs("</td>", fp);
	fprintf(fp, "<td class=\"status\">%s</td><td>", e->status);
	if (e->flags.n > 0) {
		fputs("<ul class=\"flags\">", fp);
		for (i = 0; i < e->flags.n; i++)
			html_text(fp, "<li>", e->flags.v[i], "</li>");
		fputs("</ul>", fp);
	}
	fputs("</td></tr>\n", fp);
}

static void
html_day(struct agenda_printer *pr, int day, const struct agenda_entry *e,
    size_t n)
{
	char iso[DATE_LEN + 1], name[4 + DATE_LEN + 1];
	FILE *fp = pr->fp;
	size_t i;

	date_format(day, iso);
	day_name(day, name);
	fprintf(fp, "<section class=\"day\">\n<h2><time datetime=\"%s\">%s"
	    "</time>", iso, name);
	if (n == 0) {
		fputs("</h2>\n<p class=\"none\">No visits.</p>\n</section>\n",
		    fp);
		return;
	}
	fprintf(fp, " <span class=\"count\">%zu visit%s</span></h2>\n", n,
	    n == 1 ? "" : "s");
	/* The same columns every day, so that the week reads down a page. */
	fputs("<table>\n<colgroup><col class=\"time\"><col class=\"who\">"
	    "<col class=\"proto\"><col class=\"visit\"><col class=\"sites\">"
	    "<col class=\"status\"><col></colgroup>\n"
	    "<thead>\n<tr><th scope=\"col\">Time</th>"
	    "<th scope=\"col\">Patient</th><th scope=\"col\">Protocol</th>"
	    "<th scope=\"col\">Visit</th><th scope=\"col\">Sites</th>"
	    "<th scope=\"col\">Status</th><th scope=\"col\">Flags</th></tr>\n"
	    "</thead>\n<tbody>\n", fp);
	for (i = 0; i < n; i++)
		html_entry(fp, &e[i]);
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

static void
html_end(struct agenda_printer *pr)
{
	fputs("</body>\n</html>\n", pr->fp);
}

const struct agenda_format agenda_html = {
	"html", html_begin, html_day, html_end
};

/* --- ics ------------------------------------------------------------- */

/*
 * The clinic's own calendar.  Unlike the patient's (print_ics.c) it
 * names the patient in each event, since it is for the clinic's staff
 * alone; the UIDs still hide the patient ID, hashed as the patient's
 * are but of a kind of their own, and stay the same from run to run so
 * that importing next week's agenda updates a visit that moved.  A
 * visit at a time lasts the clinic's visit; one with no time is a whole
 * day that does not make the clinic busy (TRANSP), because the visit
 * still needs a time and blocks no other.
 */
static void
ics_begin(struct agenda_printer *pr)
{
	const struct clinic *c = pr->agenda->clinic;

	print_ics_begin(pr->fp, c != NULL ? c->timezone : NULL);
	print_ics_text(pr->fp, "X-WR-CALNAME", c != NULL && c->name != NULL ?
	    c->name : "prolo agenda");
}

static void
ics_when(FILE *fp, const struct agenda_entry *e)
{
	char date[PRINT_ICS_DATE_LEN + 1], buf[PRINT_ICS_DATE_LEN + 32];

	print_ics_date(e->date, date);
	if (e->time == TIME_NONE) {
		print_ics_line(fp, "DTSTART;VALUE=DATE", date);
		/* An all-day event's DTEND is the day after (3.6.1). */
		print_ics_date(e->date + 1, date);
		print_ics_line(fp, "DTEND;VALUE=DATE", date);
		print_ics_line(fp, "TRANSP", "TRANSPARENT");
		return;
	}
	snprintf(buf, sizeof(buf), "%sT%02d%02d00", date, e->time / 60,
	    e->time % 60);
	print_ics_line(fp, "DTSTART", buf);
	snprintf(buf, sizeof(buf), "PT%dM", e->minutes);
	print_ics_line(fp, "DURATION", buf);
}

static char *
ics_description(const struct agenda_entry *e)
{
	char *flags, *dose, *s;

	flags = strv_join(&e->flags, "\n! ");
	dose = agenda_dose(e);
	s = xasprintf("%s (%s)\nSites: %s\n%s%s%sStatus: %s%s%s",
	    e->protocol_name, e->protocol_id, e->sites, dose ? "Dose: " : "",
	    dose ? dose : "", dose ? "\n" : "", e->status,
	    e->flags.n > 0 ? "\n! " : "", flags);
	free(dose);
	free(flags);
	return s;
}

static void
ics_entry(FILE *fp, const struct agenda_entry *e, const char *stamp)
{
	char *s;

	print_ics_line(fp, "BEGIN", "VEVENT");
	print_ics_uid(fp, e->patient_id, e->protocol_id, "agenda", NULL,
	    (size_t)e->visit);
	print_ics_line(fp, "DTSTAMP", stamp);
	ics_when(fp, e);
	s = xasprintf("%s (%s): %s, visit %d of %d", e->patient_name,
	    e->patient_id, e->protocol_id, e->visit, e->visits);
	print_ics_text(fp, "SUMMARY", s);
	free(s);
	s = ics_description(e);
	print_ics_text(fp, "DESCRIPTION", s);
	free(s);
	print_ics_line(fp, "STATUS", strcmp(e->status, "booked") == 0 ?
	    "CONFIRMED" : "TENTATIVE");
	print_ics_line(fp, "END", "VEVENT");
}

static void
ics_day(struct agenda_printer *pr, int day, const struct agenda_entry *e,
    size_t n)
{
	char stamp[PRINT_ICS_STAMP_LEN + 1];
	size_t i;

	(void)day;
	print_ics_stamp(pr->now, stamp);
	for (i = 0; i < n; i++)
		ics_entry(pr->fp, &e[i], stamp);
}

static void
ics_end(struct agenda_printer *pr)
{
	print_ics_line(pr->fp, "END", "VCALENDAR");
}

const struct agenda_format agenda_ics = {
	"ics", ics_begin, ics_day, ics_end
};
