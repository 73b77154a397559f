#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "book.h"
#include "book_ics.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "ics.h"
#include "xalloc.h"

/*
 * ics.c reads the file, one VCALENDAR at a time, into events that keep
 * their lines; this lays each calendar's events into the book, in the
 * clinic's time, as soon as it is read.  Every occurrence that reaches
 * the book's days is laid out, and no more.
 */

#define ICS_OCC_MAX	200000		/* occurrences of a whole file */
#define ICS_DAYS_MAX	100000		/* an event's length, clamped */
#define DAY_SECONDS	86400LL

/* A VEVENT with RECURRENCE-ID: the occurrence of its UID it replaces. */
struct override {
	const char	*uid;
	long long	 key;
	int		 day;
	int		 is_date;
};

/* One occurrence of an event, before it goes into the book. */
struct occ {
	struct icaltimetype	 start;
	struct icaltimetype	 end;	/* null: the event's length */
	long long		 key;	/* for order, EXDATE, RECURRENCE-ID */
	int			 day;	/* start's own date */
	int			 line;
};

struct occs {
	struct occ	*v;
	size_t		 n;
	size_t		 cap;
};

/* An event's length: nominal days, then exact seconds (RFC 5545 3.3.6). */
struct length {
	int		 days;
	long long	 seconds;
};

struct reader {
	struct book		*book;
	const struct clinic	*clinic;
	const char		*file;
	struct diag		*diag;
	const char		*buf;
	size_t			 len;
	struct ics		*ics;		/* the calendar read last */
	icaltimezone		*zone;		/* the clinic's */
	long			 budget;	/* occurrences left */
};

/* --- Time zones ---------------------------------------------------- */

/* The clinic's zone, which every time in UTC or with a TZID is put in. */
static int
clinic_zone(struct reader *r, const struct ics_prop *ep, const char *tzid)
{
	char q[DIAG_QUOTE_MAX * 4 + 8], what[DIAG_QUOTE_MAX * 4 + 16];
	const struct clinic *c = r->clinic;

	if (r->zone != NULL)
		return 0;
	if (c == NULL || c->timezone == NULL) {
		if (tzid == NULL)
			snprintf(what, sizeof(what), "UTC");
		else
			snprintf(what, sizeof(what), "time zone %s",
			    diag_quote(q, sizeof(q), tzid, strlen(tzid)));
		return diag_set(r->diag, r->file, ep->line, 1, D_BOOK_TZ_NONE,
		    icalproperty_get_property_name(ep->prop), what);
	}
	if ((r->zone = ics_zone_system(c->timezone)) == NULL)
		return diag_set(r->diag, c->path, c->at_timezone.line,
		    c->at_timezone.col, D_BOOK_TZ_CLINIC,
		    diag_quote(q, sizeof(q), c->timezone,
		    strlen(c->timezone)));
	return 0;
}

/*
 * t of property ep in its zone: UTC, the TZID's (the file's VTIMEZONE
 * first, then the system's), or none (floating: the clinic's own time).
 * convert: the time goes into the book, so needs the clinic's zone.
 */
static int
zone_set(struct reader *r, const struct ics_prop *ep, struct icaltimetype *t,
    int convert)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];
	icalparameter *param;
	icaltimezone *z;
	const char *tzid;

	if (t->is_date)
		return 0;
	if (icaltime_is_utc(*t))
		return convert ? clinic_zone(r, ep, NULL) : 0;
	param = icalproperty_get_first_parameter(ep->prop,
	    ICAL_TZID_PARAMETER);
	if (param == NULL)
		return 0;
	tzid = icalparameter_get_tzid(param);
	if (tzid == NULL)
		tzid = "";
	if ((z = ics_zone(r->ics, tzid)) == NULL)
		return diag_set(r->diag, r->file, ep->line, 1, D_BOOK_TZID,
		    diag_quote(q, sizeof(q), tzid, strlen(tzid)));
	*t = icaltime_set_timezone(t, z);
	return convert ? clinic_zone(r, ep, tzid) : 0;
}

static int
prop_time(struct reader *r, const struct ics_prop *ep, struct icaltimetype *t,
    int convert)
{
	*t = icalvalue_get_datetime(icalproperty_get_value(ep->prop));
	return zone_set(r, ep, t, convert);
}

/* Seconds since 1970 in UTC; a floating time as if it were UTC. */
static long long
instant_key(struct icaltimetype t)
{
	if (!t.is_date && t.zone != NULL)
		t = icaltime_convert_to_zone(t,
		    icaltimezone_get_utc_timezone());
	return ics_wall_seconds(t);
}

/* A time from the book's point of view: the clinic's day and minute. */
static void
local_time(const struct reader *r, struct icaltimetype t, int round_up,
    int *day, int *min)
{
	if (!t.is_date && t.zone != NULL)
		t = icaltime_convert_to_zone(t, r->zone);
	*day = date_from_ymd(t.year, t.month, t.day);
	*min = t.is_date ? 0 : t.hour * 60 + t.minute +
	    (round_up && t.second > 0);
}

/* --- Occurrences --------------------------------------------------- */

static int
occ_push(struct reader *r, struct occs *o, struct icaltimetype start,
    struct icaltimetype end, int line)
{
	if (--r->budget < 0)
		return diag_set(r->diag, r->file, line, 1, D_BOOK_TOO_MANY,
		    ICS_OCC_MAX);
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 16;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	o->v[o->n].start = start;
	o->v[o->n].end = end;
	o->v[o->n].key = instant_key(start);
	o->v[o->n].day = date_from_ymd(start.year, start.month, start.day);
	o->v[o->n++].line = line;
	return 0;
}

/*
 * The RRULE's occurrences up to the book's last day.  Without COUNT
 * the rule starts where an occurrence could still reach the book's
 * first day; with it, every occurrence before counts, so it starts at
 * DTSTART.  Zones differ from the clinic's by less than two days.
 */
static int
rule_expand(struct reader *r, const struct ics_prop *ep,
    struct icaltimetype start, const struct length *len, struct occs *o)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];
	struct icalrecurrencetype rec = icalproperty_get_rrule(ep->prop);
	icalrecur_iterator *it;
	struct icaltimetype t, from;
	int last = book_horizon(r->book) + 2, lead, rc = 0;

	if ((it = icalrecur_iterator_new(rec, start)) == NULL) {
		const char *s = icalrecurrencetype_as_string(&rec);

		return diag_set(r->diag, r->file, ep->line, 1, D_BOOK_RULE,
		    diag_quote(q, sizeof(q), s, strlen(s)));
	}
	lead = len->days + (int)(len->seconds / DAY_SECONDS) + 2;
	from = start;
	date_to_ymd(book_first(r->book) - lead, &from.year, &from.month,
	    &from.day);
	from.hour = from.minute = from.second = 0;
	if (rec.count == 0 && icaltime_compare(from, start) > 0)
		(void)icalrecur_iterator_set_start(it, from);
	while (rc == 0 && !icaltime_is_null_time(t =
	    icalrecur_iterator_next(it)) &&
	    date_from_ymd(t.year, t.month, t.day) <= last)
		rc = occ_push(r, o, t, icaltime_null_time(), ep->line);
	icalrecur_iterator_free(it);
	return rc;
}

/* An RDATE: a date, a date and time, or a period with its own end. */
static int
rdate_add(struct reader *r, const struct ics_prop *ep, struct occs *o)
{
	icalvalue *v = icalproperty_get_value(ep->prop);
	struct icalperiodtype pe;
	struct icaltimetype s, e = icaltime_null_time();

	if (icalvalue_isa(v) == ICAL_PERIOD_VALUE ||
	    (icalvalue_isa(v) == ICAL_DATETIMEPERIOD_VALUE &&
	    icaltime_is_null_time(icalvalue_get_datetimeperiod(v).time))) {
		pe = icalvalue_isa(v) == ICAL_PERIOD_VALUE ?
		    icalvalue_get_period(v) :
		    icalvalue_get_datetimeperiod(v).period;
		/*
		 * A period of dates, which RFC 5545 has no such thing as and
		 * libical reads anyway, would lay nothing in the book: a
		 * book is never read in part without a word.
		 */
		if (pe.start.is_date)
			return diag_set(r->diag, r->file, ep->line, 1,
			    D_BOOK_VALUE, "RDATE", "a period that starts with "
			    "a date and time, such as 20260302T090000/PT1H",
			    "a period of dates");
		s = pe.start;
		e = icaltime_is_null_time(pe.end) ?
		    icaltime_add(pe.start, pe.duration) : pe.end;
		if (zone_set(r, ep, &s, 1) || zone_set(r, ep, &e, 1))
			return -1;
	} else if (icalvalue_isa(v) == ICAL_DATETIMEPERIOD_VALUE) {
		s = icalvalue_get_datetimeperiod(v).time;
		if (zone_set(r, ep, &s, 1))
			return -1;
	} else if (prop_time(r, ep, &s, 1))
		return -1;
	return occ_push(r, o, s, e, ep->line);
}

/* What an event excludes: EXDATEs and the occurrences overridden. */
struct excl {
	long long	*keys;
	size_t		 nkeys;
	int		*days;
	size_t		 ndays;
};

static void
excl_day(struct excl *x, int day)
{
	x->days = xreallocarray(x->days, x->ndays + 1, sizeof(*x->days));
	x->days[x->ndays++] = day;
}

static void
excl_key(struct excl *x, long long key)
{
	x->keys = xreallocarray(x->keys, x->nkeys + 1, sizeof(*x->keys));
	x->keys[x->nkeys++] = key;
}

/* A DATE excludes its day, a time the occurrence at that instant. */
static void
excl_add(struct excl *x, struct icaltimetype t)
{
	if (t.is_date)
		excl_day(x, date_from_ymd(t.year, t.month, t.day));
	else
		excl_key(x, instant_key(t));
}

static int
cmp_key(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
cmp_occ(const void *a, const void *b)
{
	return cmp_key(&((const struct occ *)a)->key,
	    &((const struct occ *)b)->key);
}

static int
cmp_override(const void *a, const void *b)
{
	return strcmp(((const struct override *)a)->uid,
	    ((const struct override *)b)->uid);
}

static int
excluded(const struct excl *x, const struct occ *o)
{
	return (x->nkeys > 0 && bsearch(&o->key, x->keys, x->nkeys,
	    sizeof(*x->keys), cmp_key) != NULL) ||
	    (x->ndays > 0 && bsearch(&o->day, x->days, x->ndays,
	    sizeof(*x->days), cmp_int) != NULL);
}

/* A calendar's overrides, sorted by UID; those of uid, when asked. */
struct overrides {
	struct override	*v;
	size_t		 n;
};

static const char *
event_uid(const struct ics_event *ev)
{
	const struct ics_prop *ep = ics_event_get(ev, ICAL_UID_PROPERTY);

	return ep != NULL ? icalproperty_get_uid(ep->prop) : NULL;
}

static int
excl_make(struct reader *r, const struct ics_event *ev,
    const struct overrides *ov, struct excl *x)
{
	const struct ics_prop *ep;
	struct icaltimetype t;
	struct override key, *o;
	size_t i;

	for (i = 0; i < ics_event_nprops(ev); i++) {
		ep = ics_event_prop(ev, i);
		if (icalproperty_isa(ep->prop) != ICAL_EXDATE_PROPERTY)
			continue;
		if (prop_time(r, ep, &t, 0))
			return -1;
		excl_add(x, t);
	}
	if ((key.uid = event_uid(ev)) != NULL && ov->n > 0 &&
	    (o = bsearch(&key, ov->v, ov->n, sizeof(*ov->v),
	    cmp_override)) != NULL) {
		while (o > ov->v && strcmp(o[-1].uid, key.uid) == 0)
			o--;
		for (; o < ov->v + ov->n && strcmp(o->uid, key.uid) == 0; o++)
			if (o->is_date)
				excl_day(x, o->day);
			else
				excl_key(x, o->key);
	}
	if (x->nkeys > 0)
		qsort(x->keys, x->nkeys, sizeof(*x->keys), cmp_key);
	if (x->ndays > 0)
		qsort(x->days, x->ndays, sizeof(*x->days), cmp_int);
	return 0;
}

/* --- Laying out ---------------------------------------------------- */

static const char *
time_kind(struct icaltimetype t)
{
	if (t.is_date)
		return "a date";
	return t.zone == NULL ? "a floating time (no Z, no TZID)" :
	    "a time in UTC or with a TZID";
}

static int
end_before(struct reader *r, const struct ics_prop *ep, int start_line)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];
	char *s = icalvalue_as_ical_string_r(icalproperty_get_value(ep->prop));

	diag_set(r->diag, r->file, ep->line, 1, D_BOOK_END_BEFORE,
	    diag_quote(q, sizeof(q), s != NULL ? s : "", s != NULL ?
	    strlen(s) : 0), start_line);
	free(s);
	return -1;
}

static int
clamp_days(long long days)
{
	return days > ICS_DAYS_MAX ? ICS_DAYS_MAX : (int)days;
}

static int
length_end(struct reader *r, const struct ics_prop *ep,
    const struct ics_prop *sp, struct icaltimetype start, struct length *len)
{
	struct icaltimetype end;
	long long diff;

	if (prop_time(r, ep, &end, 1))
		return -1;
	if (end.is_date != start.is_date ||
	    (!start.is_date && (end.zone == NULL) != (start.zone == NULL)))
		return diag_set(r->diag, r->file, ep->line, 1, D_BOOK_END_KIND,
		    time_kind(start), sp->line);
	if ((diff = instant_key(end) - instant_key(start)) < 0)
		return end_before(r, ep, sp->line);
	if (start.is_date)
		len->days = diff > 0 ? clamp_days(diff / DAY_SECONDS) : 1;
	else
		len->seconds = diff < ICS_DAYS_MAX * DAY_SECONDS ? diff :
		    ICS_DAYS_MAX * DAY_SECONDS;
	return 0;
}

/*
 * DTEND, DURATION or neither: an all-day event then lasts its day, a
 * timed one is an instant (RFC 5545 3.6.1).  A DURATION's days are
 * nominal (the same clock time days later, across a change of DST),
 * its hours exact.
 */
static int
event_length(struct reader *r, const struct ics_event *ev,
    const struct ics_prop *sp, struct icaltimetype start, struct length *len)
{
	const struct ics_prop *ep;
	struct icaldurationtype d;
	long long days, secs;
	char q[DIAG_QUOTE_MAX * 4 + 8], *s;

	len->days = start.is_date;
	len->seconds = 0;
	if ((ep = ics_event_get(ev, ICAL_DTEND_PROPERTY)) != NULL)
		return length_end(r, ep, sp, start, len);
	if ((ep = ics_event_get(ev, ICAL_DURATION_PROPERTY)) == NULL)
		return 0;
	d = icalproperty_get_duration(ep->prop);
	days = d.weeks * 7LL + d.days;
	secs = d.hours * 3600LL + d.minutes * 60LL + d.seconds;
	if (start.is_date && secs != 0) {
		s = icaldurationtype_as_ical_string_r(d);
		diag_set(r->diag, r->file, ep->line, 1, D_BOOK_DAYS,
		    diag_quote(q, sizeof(q), s, strlen(s)));
		free(s);
		return -1;
	}
	len->days = start.is_date && days == 0 ? 1 : clamp_days(days);
	len->seconds = secs < ICS_DAYS_MAX * DAY_SECONDS ? secs :
	    ICS_DAYS_MAX * DAY_SECONDS;
	return 0;
}

static struct icaltimetype
end_of(struct icaltimetype s, const struct length *len)
{
	struct icaltimetype e = s;

	if (len->days != 0)
		icaltime_adjust(&e, len->days, 0, 0, 0);
	if (len->seconds != 0) {
		if (e.zone != NULL)
			e = icaltime_convert_to_zone(e,
			    icaltimezone_get_utc_timezone());
		icaltime_adjust(&e, (int)(len->seconds / DAY_SECONDS), 0, 0,
		    (int)(len->seconds % DAY_SECONDS));
	}
	return e;
}

static void
occ_lay(struct reader *r, const struct length *len, const struct occ *o)
{
	struct icaltimetype e;
	int d, last, d0, m0, d1, m1;

	if (o->start.is_date) {
		d = o->day > book_first(r->book) ? o->day :
		    book_first(r->book);
		last = o->day + len->days - 1;
		if (last > book_horizon(r->book))
			last = book_horizon(r->book);
		for (; d <= last; d++)
			book_add_day(r->book, d);
		return;
	}
	e = icaltime_is_null_time(o->end) ? end_of(o->start, len) : o->end;
	local_time(r, o->start, 0, &d0, &m0);
	local_time(r, e, 1, &d1, &m1);
	book_add(r->book, d0, m0, d1, m1);
}

static int
occs_gather(struct reader *r, const struct ics_event *ev,
    const struct ics_prop *sp, struct icaltimetype start,
    const struct length *len, struct occs *o)
{
	const struct ics_prop *ep;
	icalproperty_kind kind;
	size_t i;

	if (occ_push(r, o, start, icaltime_null_time(), sp->line))
		return -1;
	for (i = 0; i < ics_event_nprops(ev); i++) {
		ep = ics_event_prop(ev, i);
		kind = icalproperty_isa(ep->prop);
		if (kind == ICAL_RRULE_PROPERTY &&
		    rule_expand(r, ep, start, len, o))
			return -1;
		if (kind == ICAL_RDATE_PROPERTY &&
		    rdate_add(r, ep, o))
			return -1;
	}
	return 0;
}

/*
 * Every occurrence once (an RDATE may repeat what the RRULE gives),
 * less those excluded.  An override is laid out as an event of its
 * own: only its master loses the occurrence it replaces.
 */
static int
event_lay(struct reader *r, const struct ics_event *ev,
    const struct overrides *ov)
{
	static const struct overrides none;
	const struct ics_prop *sp = ics_event_get(ev, ICAL_DTSTART_PROPERTY);
	struct icaltimetype start;
	struct length len;
	struct occs o = { 0 };
	struct excl x = { 0 };
	size_t i;
	int rc = 0;

	if (prop_time(r, sp, &start, 1) ||
	    event_length(r, ev, sp, start, &len) ||
	    occs_gather(r, ev, sp, start, &len, &o) ||
	    excl_make(r, ev, ics_event_get(ev, ICAL_RECURRENCEID_PROPERTY) ?
	    &none : ov, &x))
		rc = -1;
	if (rc == 0 && o.n > 0) {
		qsort(o.v, o.n, sizeof(*o.v), cmp_occ);
		for (i = 0; i < o.n; i++)
			if ((i == 0 || o.v[i].key != o.v[i - 1].key) &&
			    !excluded(&x, &o.v[i]))
				occ_lay(r, &len, &o.v[i]);
	}
	free(o.v);
	free(x.keys);
	free(x.days);
	return rc;
}

/* Each FREEBUSY period blocks, but those marked FBTYPE=FREE. */
static int
freebusy_lay(struct reader *r, const struct ics_event *ev)
{
	const struct ics_prop *ep;
	struct icalperiodtype pe;
	struct icaltimetype s, e;
	icalparameter *fb;
	size_t i;
	int d0, m0, d1, m1;

	for (i = 0; i < ics_event_nprops(ev); i++) {
		ep = ics_event_prop(ev, i);
		fb = icalproperty_get_first_parameter(ep->prop,
		    ICAL_FBTYPE_PARAMETER);
		if (fb != NULL && icalparameter_get_fbtype(fb) ==
		    ICAL_FBTYPE_FREE)
			continue;
		pe = icalproperty_get_freebusy(ep->prop);
		s = pe.start;
		e = icaltime_is_null_time(pe.end) ?
		    icaltime_add(pe.start, pe.duration) : pe.end;
		if (zone_set(r, ep, &s, 1) || zone_set(r, ep, &e, 1))
			return -1;
		local_time(r, s, 0, &d0, &m0);
		local_time(r, e, 1, &d1, &m1);
		book_add(r->book, d0, m0, d1, m1);
	}
	return 0;
}

static int
is_skipped(const struct ics_event *ev)
{
	const struct ics_prop *st = ics_event_get(ev, ICAL_STATUS_PROPERTY);
	const struct ics_prop *tr = ics_event_get(ev, ICAL_TRANSP_PROPERTY);

	return (st != NULL &&
	    icalproperty_get_status(st->prop) == ICAL_STATUS_CANCELLED) ||
	    (tr != NULL &&
	    (icalproperty_get_transp(tr->prop) == ICAL_TRANSP_TRANSPARENT ||
	    icalproperty_get_transp(tr->prop) ==
	    ICAL_TRANSP_TRANSPARENTNOCONFLICT));
}

static int
override_add(struct reader *r, const struct ics_event *ev,
    const struct ics_prop *ep, struct overrides *ov)
{
	icalparameter *range;
	struct icaltimetype t;
	struct override *o;

	range = icalproperty_get_first_parameter(ep->prop,
	    ICAL_RANGE_PARAMETER);
	if (range != NULL &&
	    icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE)
		return diag_set(r->diag, r->file, ep->line, 1, D_BOOK_RANGE);
	if (event_uid(ev) == NULL)
		return diag_set(r->diag, r->file, ics_event_line(ev), 1,
		    D_BOOK_NO_UID);
	if (prop_time(r, ep, &t, 0))
		return -1;
	ov->v = xreallocarray(ov->v, ov->n + 1, sizeof(*ov->v));
	o = &ov->v[ov->n++];
	o->uid = event_uid(ev);
	o->key = instant_key(t);
	o->day = date_from_ymd(t.year, t.month, t.day);
	o->is_date = t.is_date;
	return 0;
}

/*
 * At END:VCALENDAR, when its VTIMEZONEs are all known: the overrides
 * (cancelled ones too: they still remove their occurrence), then each
 * event.
 */
static int
calendar_lay(struct reader *r)
{
	struct overrides ov = { NULL, 0 };
	const struct ics_prop *ep;
	const struct ics_event *ev;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < ics_nevents(r->ics); i++) {
		ev = ics_event(r->ics, i);
		if ((ep = ics_event_get(ev, ICAL_RECURRENCEID_PROPERTY)) != NULL)
			rc = override_add(r, ev, ep, &ov);
	}
	if (rc == 0 && ov.n > 0)
		qsort(ov.v, ov.n, sizeof(*ov.v), cmp_override);
	for (i = 0; rc == 0 && i < ics_nevents(r->ics); i++) {
		ev = ics_event(r->ics, i);
		if (ics_event_kind(ev) == ICAL_VFREEBUSY_COMPONENT)
			rc = freebusy_lay(r, ev);
		else if (!is_skipped(ev))
			rc = event_lay(r, ev, &ov);
	}
	free(ov.v);
	return rc;
}

/* --- The file ------------------------------------------------------ */

/*
 * Each calendar as soon as it is read, so that an error in it comes
 * before any of a later one.
 */
static int
read_book(struct reader *r)
{
	const struct clinic *c = r->clinic;
	int rc;

	if ((r->ics = ics_open(r->file, r->buf, r->len, r->diag)) == NULL)
		return -1;
	/* A clinic's zone that is wrong is wrong whatever the book holds. */
	if (c != NULL && c->timezone != NULL && clinic_zone(r, NULL, NULL))
		return -1;
	while ((rc = ics_next(r->ics)) == 1)
		if (calendar_lay(r))
			return -1;
	return rc;
}

/* The read, as ics_run() runs it: all it holds of libical freed. */
static int
read_run(void *arg)
{
	struct reader *r = arg;
	int rc;

	rc = read_book(r);
	ics_free(r->ics);
	r->ics = NULL;
	return rc;
}

/* In ics_run(), so that nothing libical keeps of a read outlives it. */
int
book_ics_read(struct book *b, const char *file, const char *buf, size_t len,
    const struct clinic *c, struct diag *d)
{
	struct reader r;

	memset(&r, 0, sizeof(r));
	r.book = b;
	r.clinic = c;
	r.file = file;
	r.diag = d;
	r.buf = buf;
	r.len = len;
	r.budget = ICS_OCC_MAX;
	return ics_run(read_run, &r);
}
