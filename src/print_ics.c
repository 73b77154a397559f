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
#include "sha256.h"
#include "strv.h"
#include "version.h"
#include "xalloc.h"

/*
 * iCalendar (RFC 5545) for the patient's own calendar: one VCALENDAR
 * for the whole run, a VEVENT per visit to come with a reminder the day
 * before, and an all-day one per pause of medicines for a visit (or
 * visits close together).  Visits given or
 * missed are history, not events.  A visit booked with the clinic, or
 * planned at a time of the clinic's, is CONFIRMED; a planned visit
 * without a time is TENTATIVE, a day the clinic has yet to book.
 *
 * The calendar leaves the clinic with the patient, so it carries no
 * name and no patient ID: UIDs are a hash that stays the same for the
 * same course and visit number, which lets a calendar replace the
 * events of an updated plan on re-import instead of doubling them.
 * Dates are not hashed, so a visit moved to another day keeps its UID.
 */

#define ICS_FOLD	75	/* octets on a physical line, CRLF excluded */

/*
 * The alarm of an all-day event is relative to its start, midnight of
 * the day in the patient's own time zone: 15 hours before is 9:00 the
 * day before, wherever the patient lives.
 */
static const char ics_trigger[] = "-PT15H";

/*
 * The octets that must stay on one physical line: a character (a lead
 * byte and its continuations), or an escape and the character it
 * escapes.  RFC 5545 lets a fold split an escape, but not every
 * importer unfolds before it unescapes.
 */
static size_t
ics_unitlen(const char *s, size_t len)
{
	size_t n;

	if (s[0] == '\\' && len > 1)
		return 2;	/* escapes are all ASCII */
	for (n = 1; n < 4 && n < len && ((unsigned char)s[n] & 0xc0) == 0x80;
	    n++)
		continue;
	return n;
}

/*
 * Writes one content line folded at 75 octets (3.1): a break is CRLF
 * and a space, which counts toward the next line's 75.  Breaks fall
 * between characters only, so no physical line holds part of a UTF-8
 * sequence, which some importers reject or turn into U+FFFD.  Only
 * values hold backslashes, and there each begins an escape.
 */
static void
ics_fold(FILE *fp, const char *s, size_t len)
{
	size_t col, n;

	for (col = 0; len > 0; col += n, s += n, len -= n) {
		n = ics_unitlen(s, len);
		if (col + n > ICS_FOLD) {
			fputs("\r\n ", fp);
			col = 1;
		}
		fwrite(s, 1, n, fp);
	}
	fputs("\r\n", fp);
}

void
print_ics_line(FILE *fp, const char *name, const char *value)
{
	char *line;

	line = xasprintf("%s:%s", name, value);
	ics_fold(fp, line, strlen(line));
	free(line);
}

/*
 * TEXT values (3.3.11): backslash, semicolon and comma are escaped and
 * a line break becomes \n.  TEXT allows no other control character but
 * HTAB; the loaders refuse them in patient files, so dropping any that
 * reach here (from care text) loses nothing a reader could see.
 */
static char *
ics_escape(const char *s)
{
	char *out, *q;

	out = q = xmalloc(2 * strlen(s) + 1);
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
		case ';':
		case ',':
			*q++ = '\\';
			*q++ = *s;
			break;
		case '\r':
			if (s[1] == '\n')
				break;
			/* FALLTHROUGH */
		case '\n':
			*q++ = '\\';
			*q++ = 'n';
			break;
		default:
			if (((unsigned char)*s >= 0x20 && *s != 0x7f) ||
			    *s == '\t')
				*q++ = *s;
			break;
		}
	}
	*q = '\0';
	return out;
}

void
print_ics_text(FILE *fp, const char *name, const char *text)
{
	char *esc;

	esc = ics_escape(text);
	print_ics_line(fp, name, esc);
	free(esc);
}

void
print_ics_date(int day, char buf[PRINT_ICS_DATE_LEN + 1])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, PRINT_ICS_DATE_LEN + 1, "%04d%02d%02d", y, m, d);
}

/*
 * DTSTAMP in UTC from seconds since the epoch, by day arithmetic
 * rather than gmtime(), like every other date in prolo.  Clamped to
 * the years 1970-9999 that the form YYYYMMDD can hold.
 */
void
print_ics_stamp(long long now, char buf[PRINT_ICS_STAMP_LEN + 1])
{
	const long long max = 253402300799LL;	/* 9999-12-31T23:59:59Z */
	long long secs;
	int y, m, d;

	if (now < 0)
		now = 0;
	if (now > max)
		now = max;
	secs = now % 86400;
	date_to_ymd((int)(now / 86400), &y, &m, &d);
	snprintf(buf, PRINT_ICS_STAMP_LEN + 1, "%04d%02d%02dT%02d%02d%02dZ", y, m,
	    d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

/* Feeds s and its terminating NUL: the NULs keep fields apart. */
static void
ics_hash_field(struct sha256 *c, const char *s)
{
	sha256_update(c, s, strlen(s) + 1);
}

/*
 * The UID of a course's event: the first 128 bits of SHA-256 over
 * "prolo-uid-v1", the patient ID, the protocol ID, the kind, the
 * drug for a hold (NULL: none), and the event's number, NUL between
 * them.  Hashing hides the ID from a reader of the calendar, though not
 * from someone who tries every ID a clinic could issue.  The agenda's
 * calendar names its own kind, so its events never take the place of a
 * patient's.
 */
void
print_ics_uid(FILE *fp, const char *id, const char *protocol,
    const char *kind, const char *drug, size_t n)
{
	static const char hexdigit[] = "0123456789abcdef";
	struct sha256 c;
	unsigned char d[32];
	char num[24], uid[2 * 16 + sizeof("@prolo")];
	int i;

	sha256_init(&c);
	ics_hash_field(&c, "prolo-uid-v1");
	ics_hash_field(&c, id);
	ics_hash_field(&c, protocol);
	ics_hash_field(&c, kind);
	if (drug != NULL)
		ics_hash_field(&c, drug);
	snprintf(num, sizeof(num), "%zu", n);
	sha256_update(&c, num, strlen(num));
	sha256_final(&c, d);
	for (i = 0; i < 16; i++) {
		uid[2 * i] = hexdigit[d[i] >> 4];
		uid[2 * i + 1] = hexdigit[d[i] & 0xf];
	}
	memcpy(uid + 2 * 16, "@prolo", sizeof("@prolo"));
	print_ics_line(fp, "UID", uid);
}

static void
ics_uid(FILE *fp, const struct plan *pl, const char *kind, const char *drug,
    size_t n)
{
	print_ics_uid(fp, pl->patient->id, pl->protocol->id, kind, drug, n);
}

/*
 * The properties every event has, after its UID: all-day from..to
 * inclusive, and its status.
 */
static void
ics_event_dates(FILE *fp, const char *stamp, int from, int to,
    const char *status)
{
	char date[PRINT_ICS_DATE_LEN + 1];

	print_ics_line(fp, "DTSTAMP", stamp);
	print_ics_date(from, date);
	print_ics_line(fp, "DTSTART;VALUE=DATE", date);
	/* An all-day event's DTEND is the day after its last (3.6.1). */
	print_ics_date(to + 1, date);
	print_ics_line(fp, "DTEND;VALUE=DATE", date);
	print_ics_line(fp, "STATUS", status);
}

/* What the patient sees on opening the event: no name, no ID. */
static char *
ics_visit_description(const struct care *care, const struct plan *pl)
{
	char *sites, *points, *s;

	sites = handout_sites(pl);
	if ((points = handout_points(care, pl)) == NULL)
		points = xasprintf("%d", pl->per_visit);
	s = xasprintf("%s: %s\n%s: %s\n%s: %s",
	    care->labels[CARE_PROTOCOL], protocol_name(pl->protocol,
	    care->language),
	    care->labels[CARE_SITES], sites,
	    care->labels[CARE_INJECTIONS], points);
	free(points);
	free(sites);
	return s;
}

/*
 * A visit with an appointment time is a timed event in floating local
 * time (RFC 5545 3.3.5, form 1): the clinic's wall-clock time wherever
 * the phone is.  Its alarm then comes a day before the appointment.
 */
static void
ics_timed_dates(FILE *fp, const char *stamp, int day, int start, int len)
{
	char date[PRINT_ICS_DATE_LEN + 1], buf[PRINT_ICS_DATE_LEN + 32];
	int end;

	print_ics_line(fp, "DTSTAMP", stamp);
	print_ics_date(day, date);
	snprintf(buf, sizeof(buf), "%sT%02d%02d00", date, start / 60,
	    start % 60);
	print_ics_line(fp, "DTSTART", buf);
	end = start + len;
	print_ics_date(day + end / (24 * 60), date);
	end %= 24 * 60;
	snprintf(buf, sizeof(buf), "%sT%02d%02d00", date, end / 60, end % 60);
	print_ics_line(fp, "DTEND", buf);
	print_ics_line(fp, "STATUS", "CONFIRMED");	/* at the clinic's time */
}

/*
 * A visit to come, under the UID of its number in the course, which
 * missed visits do not change.
 */
static void
ics_visit(struct printer *pr, const struct plan *pl,
    const struct plan_visit *v, const char *stamp, const char *desc)
{
	struct care_var vars[2];
	char visit[24], visits[24], *summary, *where;
	FILE *fp = pr->fp;

	snprintf(visit, sizeof(visit), "%d", v->number);
	snprintf(visits, sizeof(visits), "%zu", handout_visits(pl));
	vars[0] = (struct care_var){ "visit", visit };
	vars[1] = (struct care_var){ "visits", visits };
	summary = care_expand(pr->care->cal_visit, vars, 2);

	print_ics_line(fp, "BEGIN", "VEVENT");
	ics_uid(fp, pl, "visit", NULL, (size_t)v->number);
	/* A visit booked at a time may have no clinic file behind it. */
	if (v->time != TIME_NONE)
		ics_timed_dates(fp, stamp, v->date, v->time, pl->clinic ?
		    pl->clinic->visit_minutes : CLINIC_VISIT_MINUTES);
	else
		ics_event_dates(fp, stamp, v->date, v->date,
		    v->status == VISIT_BOOKED ? "CONFIRMED" : "TENTATIVE");
	print_ics_text(fp, "SUMMARY", summary);
	print_ics_text(fp, "DESCRIPTION", desc);
	if (pl->clinic != NULL && v->time != TIME_NONE)
		if ((where = handout_clinic(pl)) != NULL) {
			print_ics_text(fp, "LOCATION", where);
			free(where);
		}
	print_ics_line(fp, "BEGIN", "VALARM");
	print_ics_line(fp, "ACTION", "DISPLAY");
	print_ics_text(fp, "DESCRIPTION", pr->care->cal_alarm);
	print_ics_line(fp, "TRIGGER", v->time != TIME_NONE ? "-P1D" : ics_trigger);
	print_ics_line(fp, "END", "VALARM");
	print_ics_line(fp, "END", "VEVENT");
	free(summary);
}

/*
 * The last day of the run of days from day on which the same medicines
 * of the pause are paused: the day before the next one a medicine's
 * window begins or after one ends.
 */
static int
run_end(const struct handout_pause *p, int day)
{
	int end = p->to;
	size_t i;

	for (i = 0; i < p->nholds; i++) {
		if (p->holds[i]->from > day && p->holds[i]->from - 1 < end)
			end = p->holds[i]->from - 1;
		if (p->holds[i]->to >= day && p->holds[i]->to < end)
			end = p->holds[i]->to;
	}
	return end;
}

/* One event of a pause: see ics_pause(). */
static void
ics_pause_event(struct printer *pr, const struct plan *pl,
    const struct handout_pause *run, const char *part, const char *desc,
    const char *stamp)
{
	char *summary;
	FILE *fp = pr->fp;

	/* A phone shows the summary alone: the caveat must be in it. */
	summary = handout_pause_summary(pr->care, run);
	print_ics_line(fp, "BEGIN", "VEVENT");
	ics_uid(fp, pl, "pause", part, run->nvisits > 0 ?
	    (size_t)run->visits[0]->number : 0);
	ics_event_dates(fp, stamp, run->from, run->to, "CONFIRMED");
	print_ics_text(fp, "SUMMARY", summary);
	print_ics_text(fp, "DESCRIPTION", desc);
	print_ics_line(fp, "TRANSP", "TRANSPARENT");
	print_ics_line(fp, "END", "VEVENT");
	free(summary);
}

/*
 * A pause of one or more medicines, for a visit or visits close
 * together: all-day events from its first day without a medicine to
 * its last, one for each run of days on which the same medicines are
 * paused, so that a phone, which shows the summary alone, never names
 * a medicine on a day it may be taken (aspirin's short pause inside
 * ibuprofen's long one is two events).  Each is under the UID of the
 * pause's first visit's number and the run's place, which missed visits
 * and other medicines leave alone.  The description gives each
 * medicine's own last day and day to start again.  Free time, not busy:
 * the patient goes about the day without the medicines.
 */
static void
ics_pause(struct printer *pr, const struct plan *pl,
    const struct handout_pause *p, const char *stamp)
{
	struct handout_pause run = *p;
	const struct plan_hold **on;
	char *desc, part[16];
	int day, end, k;
	size_t i;

	desc = handout_pause(pr->care, p);
	on = xcalloc(p->nholds + 1, sizeof(*on));
	run.holds = on;
	for (day = p->from, k = 0; day <= p->to; day = end + 1, k++) {
		end = run_end(p, day);
		for (run.nholds = 0, i = 0; i < p->nholds; i++)
			if (p->holds[i]->from <= day && p->holds[i]->to >= day)
				on[run.nholds++] = p->holds[i];
		if (run.nholds == 0)
			continue;
		run.from = day;
		run.to = end;
		snprintf(part, sizeof(part), "%d", k);
		ics_pause_event(pr, pl, &run, k == 0 ? NULL : part, desc,
		    stamp);
	}
	free(on);
	free(desc);
}

/*
 * A course with no visit to come has no event, and a calendar must
 * hold a component (RFC 5545, 3.6): a journal entry dated today says
 * the course is complete, or ended early and why, as the handout does.
 */
static void
ics_journal(struct printer *pr, const struct plan *pl, const char *stamp)
{
	char date[PRINT_ICS_DATE_LEN + 1], *ended;
	FILE *fp = pr->fp;

	ended = handout_ended(pr->care, pl);
	print_ics_line(fp, "BEGIN", "VJOURNAL");
	ics_uid(fp, pl, ended != NULL ? "ended" : "done", NULL, 1);
	print_ics_line(fp, "DTSTAMP", stamp);
	print_ics_date(pl->today, date);
	print_ics_line(fp, "DTSTART;VALUE=DATE", date);
	print_ics_line(fp, "STATUS", "FINAL");
	print_ics_text(fp, "SUMMARY", ended != NULL ? pr->care->cal_ended :
	    pr->care->cal_done);
	print_ics_text(fp, "DESCRIPTION", ended != NULL ? ended :
	    pr->care->warnings[CARE_W_DONE]);
	print_ics_line(fp, "END", "VJOURNAL");
	free(ended);
}

/*
 * The calendar's first lines, with the clinic's zone (NULL: none) for
 * calendars that show floating times in it.
 */
void
print_ics_begin(FILE *fp, const char *timezone)
{
	char *prodid;

	prodid = xasprintf("-//prolo//prolo %s//EN", prolo_version);
	print_ics_line(fp, "BEGIN", "VCALENDAR");
	print_ics_line(fp, "VERSION", "2.0");
	print_ics_line(fp, "PRODID", prodid);
	print_ics_line(fp, "CALSCALE", "GREGORIAN");
	print_ics_line(fp, "METHOD", "PUBLISH");
	if (timezone != NULL)
		print_ics_text(fp, "X-WR-TIMEZONE", timezone);
	free(prodid);
}

/* Opened by the first plan, so a run that plans nothing prints nothing. */
static void
ics_open(struct printer *pr, const struct plan *pl)
{
	print_ics_begin(pr->fp, pl->clinic != NULL ? pl->clinic->timezone :
	    NULL);
}

static void
ics_plan(struct printer *pr, const struct plan *pl)
{
	const struct plan_visit *v;
	struct handout_pause *g;
	char stamp[PRINT_ICS_STAMP_LEN + 1], *desc, *ended, *with;
	size_t i, n;

	if (pr->nplans++ == 0)
		ics_open(pr, pl);
	print_ics_stamp(pr->now, stamp);
	desc = ics_visit_description(pr->care, pl);
	/* A course that ends on a day to come says so with its visits. */
	if ((ended = handout_ended(pr->care, pl)) != NULL) {
		with = xasprintf("%s\n%s", desc, ended);
		free(desc);
		free(ended);
		desc = with;
	}
	for (i = 0; i < pl->nvisits; i++) {
		v = &pl->visits[i];
		if (v->status == VISIT_BOOKED || v->status == VISIT_PLANNED)
			ics_visit(pr, pl, v, stamp, desc);
	}
	n = handout_pauses(pl, &g);
	for (i = 0; i < n; i++)
		ics_pause(pr, pl, &g[i], stamp);
	handout_pauses_free(g, n);
	if (handout_to_come(pl) == 0)
		ics_journal(pr, pl, stamp);
	free(desc);
}

static void
ics_end(struct printer *pr)
{
	if (pr->nplans > 0)
		print_ics_line(pr->fp, "END", "VCALENDAR");
}

const struct format format_ics = {
	"ics", NULL, ics_plan, ics_end, 1
};
