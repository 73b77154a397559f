#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>
#ifdef PROLO_ICU
#include <unicode/uclean.h>
#endif

#include "book.h"
#include "book_ics.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * The reader walks the file's content lines itself (unfolding them and
 * keeping the line each starts on) and hands libical one property at a
 * time: libical's parser knows no line numbers, and every error here
 * must name its line.  BEGIN and END are matched here too, so a missing
 * END or a stray one is found where it is.
 *
 * Only what decides when the clinic is busy is parsed (DTSTART, DTEND,
 * RRULE and the like, FREEBUSY, the VTIMEZONEs); other properties,
 * which RFC 5545 lets a reader ignore, must only be content lines.  An
 * empty DESCRIPTION, which some calendars write, is then no error.
 */

#define ICS_DEPTH_MAX	8		/* components inside components */
#define ICS_OCC_MAX	200000		/* occurrences of a whole file */
#define ICS_NAME_MAX	40		/* of a component, in messages */
#define ICS_DAYS_MAX	100000		/* an event's length, clamped */
#define DAY_SECONDS	86400LL

/* One content line, unfolded, and where its physical lines begin. */
struct cline {
	char	*text;
	size_t	 len;
	size_t	 cap;
	int	 line;
	int	 open;		/* a line is being gathered */
	size_t	*folds;		/* offsets in text of each folded line */
	size_t	 nfolds;
	size_t	 fcap;
};

/* A property read, with the line it came from. */
struct eprop {
	icalproperty	*prop;
	int		 line;
};

/* A VEVENT or a VFREEBUSY, kept until its calendar's zones are known. */
struct event {
	icalcomponent_kind	 kind;
	int			 line;
	struct eprop		*props;
	size_t			 nprops;
	size_t			 cap;
};

/* An open component: its name, its line, and what is read of it. */
struct frame {
	icalcomponent_kind	 kind;
	char			 name[ICS_NAME_MAX + 1];
	int			 line;
	struct event		*event;	/* VEVENT, VFREEBUSY */
	icalcomponent		*comp;	/* VTIMEZONE and its parts */
};

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
	struct cline		 cl;
	struct frame		 stack[ICS_DEPTH_MAX];
	int			 depth;
	int			 ncal;		/* VCALENDARs begun */
	icalcomponent		*cal;		/* holds the VTIMEZONEs */
	struct event		**events;
	size_t			 nevents;
	size_t			 cap;
	icaltimezone		*zone;		/* the clinic's */
	long			 budget;	/* occurrences left */
};

static int
is_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-';
}

static void
oom(void)
{
	fputs("prolo: out of memory\n", stderr);
	exit(71);
}

/* --- Content lines ------------------------------------------------- */

static void
cline_append(struct cline *cl, const char *s, size_t n)
{
	if (cl->len + n + 1 > cl->cap) {
		cl->cap = cl->len + n + 1 > 2 * cl->cap ? cl->len + n + 1 :
		    2 * cl->cap;
		cl->text = xreallocarray(cl->text, cl->cap, 1);
	}
	memcpy(cl->text + cl->len, s, n);
	cl->len += n;
	cl->text[cl->len] = '\0';
}

static void
cline_fold(struct cline *cl)
{
	if (cl->nfolds == cl->fcap) {
		cl->fcap = cl->fcap ? 2 * cl->fcap : 8;
		cl->folds = xreallocarray(cl->folds, cl->fcap,
		    sizeof(*cl->folds));
	}
	cl->folds[cl->nfolds++] = cl->len;
}

/*
 * The physical line and column of byte pos of the content line: a
 * folded line's text begins at column 2, after its space or tab.
 */
static void
cline_place(const struct cline *cl, size_t pos, int *line, int *col)
{
	size_t i, from = 0;

	*line = cl->line;
	for (i = 0; i < cl->nfolds && cl->folds[i] <= pos; i++) {
		(*line)++;
		from = cl->folds[i];
	}
	*col = i > 0 ? 2 : 1;
	for (; from < pos; from++)
		if (((unsigned char)cl->text[from] & 0xc0) != 0x80)
			(*col)++;
}

/* The place of the first byte of a place in buf, counted as tree.c does. */
static int
byte_error(struct reader *r, const char *buf, size_t pos,
    enum diag_code code)
{
	int line = 1, col = 1;
	size_t i;

	for (i = 0; i < pos; i++)
		if (buf[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80)
			col++;
	return diag_set(r->diag, r->file, line, col, code);
}

/*
 * Folding may split a character between lines (RFC 5545 says it should
 * not, but writers do), so UTF-8 is checked on each unfolded line.
 */
static int
cline_utf8(struct reader *r)
{
	const struct cline *cl = &r->cl;
	uint32_t cp;
	size_t i;
	int n, line, col;

	for (i = 0; i < cl->len; i += (size_t)n)
		if ((n = utf8_decode(cl->text + i, cl->len - i, &cp)) < 0) {
			cline_place(cl, i, &line, &col);
			return diag_set(r->diag, r->file, line, col,
			    D_BOOK_UTF8);
		}
	return 0;
}

/* Where the value starts: after the first colon outside quotes. */
static const char *
cline_value(const char *text)
{
	int quoted = 0;

	for (; *text != '\0'; text++)
		if (*text == '"')
			quoted = !quoted;
		else if (*text == ':' && !quoted)
			return text + 1;
	return NULL;
}

/* The content line itself is the error. */
static int
bad_line(struct reader *r)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];

	return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_LINE,
	    diag_quote(q, sizeof(q), r->cl.text, r->cl.len));
}

/* What stands where BEGIN:VCALENDAR should. */
static int
not_ics(struct reader *r)
{
	char q[DIAG_QUOTE_MAX * 4 + 8], what[DIAG_QUOTE_MAX * 4 + 16];

	snprintf(what, sizeof(what), ", not %s",
	    diag_quote(q, sizeof(q), r->cl.text, r->cl.len));
	return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_NOT_ICS,
	    what);
}

/* --- Events -------------------------------------------------------- */

static void
event_free(struct event *ev)
{
	size_t i;

	if (ev == NULL)
		return;
	for (i = 0; i < ev->nprops; i++)
		icalproperty_free(ev->props[i].prop);
	free(ev->props);
	free(ev);
}

static const struct eprop *
event_get(const struct event *ev, icalproperty_kind kind)
{
	size_t i;

	for (i = 0; i < ev->nprops; i++)
		if (icalproperty_isa(ev->props[i].prop) == kind)
			return &ev->props[i];
	return NULL;
}

static const char *
prop_name(icalproperty_kind kind)
{
	return icalproperty_kind_to_string(kind);
}

/* Properties an event has at most once; DTEND and DURATION exclude each other. */
static int
event_add(struct reader *r, struct event *ev, icalproperty *p, int line)
{
	static const icalproperty_kind once[] = {
		ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY,
		ICAL_DURATION_PROPERTY, ICAL_UID_PROPERTY,
		ICAL_STATUS_PROPERTY, ICAL_TRANSP_PROPERTY,
		ICAL_RECURRENCEID_PROPERTY
	};
	icalproperty_kind kind = icalproperty_isa(p);
	const struct eprop *ep;
	size_t i;

	for (i = 0; i < sizeof(once) / sizeof(once[0]); i++)
		if (kind == once[i] && (ep = event_get(ev, kind)) != NULL) {
			icalproperty_free(p);
			return diag_set(r->diag, r->file, line, 1, D_BOOK_TWICE,
			    prop_name(kind), "event", ep->line);
		}
	if ((kind == ICAL_DTEND_PROPERTY &&
	    (ep = event_get(ev, ICAL_DURATION_PROPERTY)) != NULL) ||
	    (kind == ICAL_DURATION_PROPERTY &&
	    (ep = event_get(ev, ICAL_DTEND_PROPERTY)) != NULL)) {
		icalproperty_free(p);
		return diag_set(r->diag, r->file, line, 1, D_BOOK_END_BOTH,
		    ep->line);
	}
	if (ev->nprops == ev->cap) {
		ev->cap = ev->cap ? 2 * ev->cap : 8;
		ev->props = xreallocarray(ev->props, ev->cap,
		    sizeof(*ev->props));
	}
	ev->props[ev->nprops].prop = p;
	ev->props[ev->nprops++].line = line;
	return 0;
}

/* --- Values -------------------------------------------------------- */

/* The text of a property's value, for a message. */
static const char *
quote_value(struct reader *r, char *q, size_t size)
{
	const char *v = cline_value(r->cl.text);

	if (v == NULL)
		v = r->cl.text;
	return diag_quote(q, size, v, strlen(v));
}

static int
time_exists(struct icaltimetype t)
{
	if (t.month < 1 || t.month > 12 || t.day < 1 ||
	    t.day > date_month_days(t.year, t.month))
		return 0;
	return t.is_date || (t.hour >= 0 && t.hour <= 23 && t.minute >= 0 &&
	    t.minute <= 59 && t.second >= 0 && t.second <= 60);
}

/*
 * libical takes 20261301 and 25:00 for times.  An event's dates must
 * also lie in the years prolo's dates do; a VTIMEZONE's (Outlook writes
 * 1601) need only exist.
 */
static int
check_time(struct reader *r, icalproperty *p, struct icaltimetype t,
    int years)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];
	const char *name = icalproperty_get_property_name(p);

	if (icaltime_is_null_time(t))
		return 0;
	if (!time_exists(t))
		return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_DATE,
		    name, quote_value(r, q, sizeof(q)));
	if (years && (t.year < DATE_MIN_YEAR || t.year > DATE_MAX_YEAR))
		return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_YEAR,
		    name, quote_value(r, q, sizeof(q)), DATE_MIN_YEAR,
		    DATE_MAX_YEAR);
	return 0;
}

/* Seconds of a time's own date and clock, as if it were in UTC. */
static long long
wall_key(struct icaltimetype t)
{
	return date_from_ymd(t.year, t.month, t.day) * DAY_SECONDS +
	    (t.is_date ? 0 : t.hour * 3600LL + t.minute * 60 + t.second);
}

static int
negative(struct reader *r, icalproperty *p)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];

	return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_NEGATIVE,
	    icalproperty_get_property_name(p), quote_value(r, q, sizeof(q)));
}

static int
check_period(struct reader *r, icalproperty *p, struct icalperiodtype pe,
    int years)
{
	if (check_time(r, p, pe.start, years) ||
	    check_time(r, p, pe.end, years))
		return -1;
	if (!icaltime_is_null_time(pe.end) ?
	    wall_key(pe.end) < wall_key(pe.start) : pe.duration.is_neg)
		return negative(r, p);
	return 0;
}

/* libical reads +25x as an offset: [+-]HHMM[SS], within a day. */
static int
check_offset(struct reader *r, icalproperty *p)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];
	const char *v = cline_value(r->cl.text);
	size_t i, n = v != NULL ? strlen(v) : 0;

	for (i = 1; i < n && v[i] >= '0' && v[i] <= '9'; i++)
		continue;
	if ((n == 5 || n == 7) && i == n && (v[0] == '+' || v[0] == '-') &&
	    (v[1] - '0') * 10 + (v[2] - '0') < 24 && v[3] < '6' &&
	    (n == 5 || v[5] < '6'))
		return 0;
	return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_VALUE,
	    icalproperty_get_property_name(p), "a UTC offset such as -0500",
	    quote_value(r, q, sizeof(q)));
}

/* What libical parsed, checked where it is lenient. */
static int
check_value(struct reader *r, icalproperty *p, int years)
{
	icalvalue *v = icalproperty_get_value(p);
	struct icaldatetimeperiodtype dp;
	struct icalrecurrencetype rec;

	switch (icalvalue_isa(v)) {
	case ICAL_DATE_VALUE:
	case ICAL_DATETIME_VALUE:
		return check_time(r, p, icalvalue_get_datetime(v), years);
	case ICAL_PERIOD_VALUE:
		return check_period(r, p, icalvalue_get_period(v), years);
	case ICAL_DATETIMEPERIOD_VALUE:
		dp = icalvalue_get_datetimeperiod(v);
		if (!icaltime_is_null_time(dp.time))
			return check_time(r, p, dp.time, years);
		return check_period(r, p, dp.period, years);
	case ICAL_RECUR_VALUE:
		rec = icalvalue_get_recur(v);
		return check_time(r, p, rec.until, 0);
	case ICAL_DURATION_VALUE:
		if (icalvalue_get_duration(v).is_neg)
			return negative(r, p);
		return 0;
	case ICAL_UTCOFFSET_VALUE:
		return check_offset(r, p);
	default:
		return 0;
	}
}

/* The kind of value a property was to have, for a message. */
static const char *
value_wanted(const char *text, icalproperty_kind kind)
{
	const char *v = cline_value(text), *p;
	icalvalue_kind vk = icalproperty_kind_to_value_kind(kind);

	for (p = text; v != NULL && p < v; p++)
		if (*p == ';' && strncasecmp(p + 1, "VALUE=", 6) == 0) {
			if (strncasecmp(p + 7, "DATE:", 5) == 0 ||
			    strncasecmp(p + 7, "DATE;", 5) == 0)
				vk = ICAL_DATE_VALUE;
			else if (strncasecmp(p + 7, "PERIOD", 6) == 0)
				vk = ICAL_PERIOD_VALUE;
		}
	switch (vk) {
	case ICAL_DATE_VALUE:
		return "a date such as 20260302";
	case ICAL_DATETIME_VALUE:
	case ICAL_DATETIMEPERIOD_VALUE:
		return "a date and time such as 20260302T093000";
	case ICAL_DURATION_VALUE:
		return "a duration such as PT45M";
	case ICAL_PERIOD_VALUE:
		return "a period such as 20260302T093000Z/PT45M";
	case ICAL_RECUR_VALUE:
		return "a recurrence rule such as FREQ=WEEKLY;BYDAY=MO";
	case ICAL_UTCOFFSET_VALUE:
		return "a UTC offset such as -0500";
	default:
		return "a value of its kind";
	}
}

/* The first error libical left in what it parsed, as a message. */
static int
parse_error(struct reader *r, icalcomponent *wrap, icalproperty_kind kind)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];
	const char *name = prop_name(kind), *v;
	icalproperty *e;
	icalparameter *t;

	e = icalcomponent_get_first_property(wrap, ICAL_XLICERROR_PROPERTY);
	if (e == NULL)
		return 0;
	t = icalproperty_get_first_parameter(e, ICAL_XLICERRORTYPE_PARAMETER);
	switch (t != NULL ? icalparameter_get_xlicerrortype(t) :
	    ICAL_XLICERRORTYPE_NONE) {
	case ICAL_XLICERRORTYPE_VALUEPARSEERROR:
		v = cline_value(r->cl.text);
		if (v == NULL || *v == '\0')
			return diag_set(r->diag, r->file, r->cl.line, 1,
			    D_BOOK_EMPTY, name);
		return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_VALUE,
		    name, value_wanted(r->cl.text, kind),
		    quote_value(r, q, sizeof(q)));
	case ICAL_XLICERRORTYPE_PARAMETERNAMEPARSEERROR:
	case ICAL_XLICERRORTYPE_PARAMETERVALUEPARSEERROR:
		return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_PARAM,
		    name, diag_quote(q, sizeof(q), r->cl.text, r->cl.len));
	default:
		return bad_line(r);
	}
}

/*
 * The content line as libical reads it, inside a calendar of its own:
 * a property with several values (EXDATE:a,b) comes back as several.
 */
static icalcomponent *
parse_line(struct reader *r)
{
	char begin[] = "BEGIN:VCALENDAR", end[] = "END:VCALENDAR";
	icalcomponent *wrap;
	icalparser *p;

	if ((p = icalparser_new()) == NULL)
		oom();
	(void)icalparser_add_line(p, begin);
	(void)icalparser_add_line(p, r->cl.text);
	wrap = icalparser_add_line(p, end);
	icalparser_free(p);
	if (wrap == NULL)
		oom();
	return wrap;
}

/* Which properties of which component the book needs. */
static int
is_read(icalcomponent_kind comp, icalproperty_kind kind)
{
	switch (comp) {
	case ICAL_VEVENT_COMPONENT:
		return kind == ICAL_DTSTART_PROPERTY ||
		    kind == ICAL_DTEND_PROPERTY ||
		    kind == ICAL_DURATION_PROPERTY ||
		    kind == ICAL_RRULE_PROPERTY || kind == ICAL_RDATE_PROPERTY ||
		    kind == ICAL_EXDATE_PROPERTY ||
		    kind == ICAL_RECURRENCEID_PROPERTY ||
		    kind == ICAL_UID_PROPERTY || kind == ICAL_STATUS_PROPERTY ||
		    kind == ICAL_TRANSP_PROPERTY;
	case ICAL_VFREEBUSY_COMPONENT:
		return kind == ICAL_FREEBUSY_PROPERTY;
	case ICAL_VTIMEZONE_COMPONENT:
		return kind == ICAL_TZID_PROPERTY;
	case ICAL_XSTANDARD_COMPONENT:
	case ICAL_XDAYLIGHT_COMPONENT:
		return kind == ICAL_DTSTART_PROPERTY ||
		    kind == ICAL_TZOFFSETFROM_PROPERTY ||
		    kind == ICAL_TZOFFSETTO_PROPERTY ||
		    kind == ICAL_RRULE_PROPERTY || kind == ICAL_RDATE_PROPERTY;
	default:
		return 0;
	}
}

/* A property the open component needs, parsed, checked and kept. */
static int
on_property(struct reader *r, size_t namelen)
{
	struct frame *f = &r->stack[r->depth - 1];
	icalproperty_kind kind;
	icalcomponent *wrap;
	icalproperty *p;
	char *name;
	int rc = 0;

	name = xstrndup(r->cl.text, namelen);
	kind = icalproperty_string_to_kind(name);
	free(name);
	if (!is_read(f->kind, kind) || (f->event == NULL && f->comp == NULL))
		return 0;
	wrap = parse_line(r);
	if (parse_error(r, wrap, kind)) {
		icalcomponent_free(wrap);
		return -1;
	}
	while (rc == 0 && (p = icalcomponent_get_first_property(wrap,
	    ICAL_ANY_PROPERTY)) != NULL) {
		icalcomponent_remove_property(wrap, p);
		if ((rc = check_value(r, p, f->event != NULL)) != 0)
			icalproperty_free(p);
		else if (f->event != NULL)
			rc = event_add(r, f->event, p, r->cl.line);
		else
			icalcomponent_add_property(f->comp, p);
	}
	icalcomponent_free(wrap);
	return rc;
}

/* --- Time zones ---------------------------------------------------- */

/*
 * A zone name libical may look up under /usr/share/zoneinfo: IANA
 * names only, so a TZID can never make it open another file.
 */
static int
zone_name_safe(const char *s)
{
	size_t i, part = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 64)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '/') {
			if (part == 0)
				return 0;
			part = 0;
		} else if (is_name_char(s[i]) || s[i] == '_' || s[i] == '+')
			part++;
		else
			return 0;
	}
	return part > 0;
}

static icaltimezone *
zone_builtin(const char *name)
{
	return zone_name_safe(name) ? icaltimezone_get_builtin_timezone(name) :
	    NULL;
}

/* The clinic's zone, which every time in UTC or with a TZID is put in. */
static int
clinic_zone(struct reader *r, const struct eprop *ep, const char *tzid)
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
	if ((r->zone = zone_builtin(c->timezone)) == NULL)
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
zone_set(struct reader *r, const struct eprop *ep, struct icaltimetype *t,
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
	if ((z = icalcomponent_get_timezone(r->cal, tzid)) == NULL &&
	    (z = zone_builtin(tzid)) == NULL)
		return diag_set(r->diag, r->file, ep->line, 1, D_BOOK_TZID,
		    diag_quote(q, sizeof(q), tzid, strlen(tzid)));
	*t = icaltime_set_timezone(t, z);
	return convert ? clinic_zone(r, ep, tzid) : 0;
}

static int
prop_time(struct reader *r, const struct eprop *ep, struct icaltimetype *t,
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
	return wall_key(t);
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

/* --- Components ---------------------------------------------------- */

static int
tz_part_end(struct reader *r, struct frame *f)
{
	static const icalproperty_kind need[] = {
		ICAL_DTSTART_PROPERTY, ICAL_TZOFFSETFROM_PROPERTY,
		ICAL_TZOFFSETTO_PROPERTY
	};
	size_t i;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (icalcomponent_get_first_property(f->comp, need[i]) == NULL)
			return diag_set(r->diag, r->file, f->line, 1,
			    D_BOOK_MISSING, f->name, prop_name(need[i]));
	icalcomponent_add_component(r->stack[r->depth - 2].comp, f->comp);
	f->comp = NULL;
	return 0;
}

/*
 * libical makes a zone of a VTIMEZONE as it joins the calendar, and
 * drops one it cannot read without a word: looked for after.
 */
static int
tz_end(struct reader *r, struct frame *f)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];
	icalproperty *p;
	const char *tzid;

	if ((p = icalcomponent_get_first_property(f->comp,
	    ICAL_TZID_PROPERTY)) == NULL || (tzid = icalproperty_get_tzid(p)) ==
	    NULL)
		return diag_set(r->diag, r->file, f->line, 1, D_BOOK_MISSING,
		    f->name, "TZID");
	diag_quote(q, sizeof(q), tzid, strlen(tzid));
	/* libical takes a VTIMEZONE without parts for UTC. */
	if (icalcomponent_get_first_component(f->comp,
	    ICAL_XSTANDARD_COMPONENT) == NULL &&
	    icalcomponent_get_first_component(f->comp,
	    ICAL_XDAYLIGHT_COMPONENT) == NULL)
		return diag_set(r->diag, r->file, f->line, 1, D_BOOK_TZ_BAD, q);
	if (icalcomponent_get_timezone(r->cal, tzid) != NULL)
		return diag_set(r->diag, r->file, f->line, 1, D_BOOK_TZ_TWICE,
		    q);
	icalcomponent_add_component(r->cal, f->comp);
	f->comp = NULL;
	if (icalcomponent_get_timezone(r->cal, tzid) == NULL)
		return diag_set(r->diag, r->file, f->line, 1, D_BOOK_TZ_BAD, q);
	return 0;
}

static void
events_free(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nevents; i++)
		event_free(r->events[i]);
	free(r->events);
	r->events = NULL;
	r->nevents = r->cap = 0;
}

static int
event_end(struct reader *r, struct frame *f)
{
	if (f->kind == ICAL_VEVENT_COMPONENT &&
	    event_get(f->event, ICAL_DTSTART_PROPERTY) == NULL)
		return diag_set(r->diag, r->file, f->line, 1, D_BOOK_MISSING,
		    f->name, "DTSTART");
	if (r->nevents == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->events = xreallocarray(r->events, r->cap,
		    sizeof(*r->events));
	}
	r->events[r->nevents++] = f->event;
	f->event = NULL;
	return 0;
}

static int	calendar_lay(struct reader *);

static int
calendar_end(struct reader *r)
{
	int rc = calendar_lay(r);

	events_free(r);
	icalcomponent_free(r->cal);
	r->cal = NULL;
	return rc;
}

/* Where RFC 5545 lets each component stand; others are skipped whole. */
static int
nest_ok(icalcomponent_kind parent, icalcomponent_kind kind)
{
	switch (kind) {
	case ICAL_VCALENDAR_COMPONENT:
		return 0;
	case ICAL_VEVENT_COMPONENT:
	case ICAL_VTODO_COMPONENT:
	case ICAL_VJOURNAL_COMPONENT:
	case ICAL_VFREEBUSY_COMPONENT:
	case ICAL_VTIMEZONE_COMPONENT:
		return parent == ICAL_VCALENDAR_COMPONENT;
	case ICAL_XSTANDARD_COMPONENT:
	case ICAL_XDAYLIGHT_COMPONENT:
		return parent == ICAL_VTIMEZONE_COMPONENT;
	case ICAL_VALARM_COMPONENT:
		return parent == ICAL_VEVENT_COMPONENT ||
		    parent == ICAL_VTODO_COMPONENT;
	default:
		return 1;
	}
}

static void
frame_read(struct reader *r, struct frame *f)
{
	switch (f->kind) {
	case ICAL_VEVENT_COMPONENT:
	case ICAL_VFREEBUSY_COMPONENT:
		f->event = xcalloc(1, sizeof(*f->event));
		f->event->kind = f->kind;
		f->event->line = f->line;
		break;
	case ICAL_VTIMEZONE_COMPONENT:
	case ICAL_XSTANDARD_COMPONENT:
	case ICAL_XDAYLIGHT_COMPONENT:
		/* Parts of a VTIMEZONE that is skipped are skipped too. */
		if (f->kind == ICAL_VTIMEZONE_COMPONENT ||
		    r->stack[r->depth - 2].comp != NULL)
			if ((f->comp = icalcomponent_new(f->kind)) == NULL)
				oom();
		break;
	default:
		break;
	}
}

static int
on_begin(struct reader *r, const char *name)
{
	icalcomponent_kind kind = icalcomponent_string_to_kind(name);
	struct frame *f;

	if (r->depth == 0 && kind != ICAL_VCALENDAR_COMPONENT)
		return r->ncal == 0 ? not_ics(r) :
		    diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_OUTSIDE,
		    "a component");
	if (r->depth == ICS_DEPTH_MAX)
		return diag_set(r->diag, r->file, r->cl.line, 1, D_DEPTH,
		    ICS_DEPTH_MAX);
	if (r->depth > 0 && !nest_ok(r->stack[r->depth - 1].kind, kind))
		return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_NEST,
		    name, r->stack[r->depth - 1].name);
	f = &r->stack[r->depth++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->line = r->cl.line;
	snprintf(f->name, sizeof(f->name), "%s", name);
	if (kind == ICAL_VCALENDAR_COMPONENT) {
		r->ncal++;
		if ((r->cal = icalcomponent_new(kind)) == NULL)
			oom();
	} else
		frame_read(r, f);
	return 0;
}

static int
frame_end(struct reader *r, struct frame *f)
{
	if (f->event != NULL)
		return event_end(r, f);
	if (f->comp != NULL)
		return f->kind == ICAL_VTIMEZONE_COMPONENT ? tz_end(r, f) :
		    tz_part_end(r, f);
	if (f->kind == ICAL_VCALENDAR_COMPONENT)
		return calendar_end(r);
	return 0;
}

static int
on_end(struct reader *r, const char *name)
{
	struct frame *f;
	int rc;

	if (r->depth == 0)
		return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_STRAY,
		    name, name);
	f = &r->stack[r->depth - 1];
	if (strcasecmp(f->name, name) != 0)
		return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_END,
		    name, f->name, f->line);
	rc = frame_end(r, f);
	/* Left to reader_release() if it failed: it frees what f holds. */
	if (rc == 0)
		r->depth--;
	return rc;
}

/* BEGIN:NAME and END:NAME, or a property; a blank line is passed over. */
static int
on_line(struct reader *r)
{
	const char *text = r->cl.text, *v;
	size_t n;

	if (r->cl.len == 0)
		return 0;
	if (cline_utf8(r))
		return -1;
	for (n = 0; is_name_char(text[n]); n++)
		continue;
	if (n > 0 && text[n] == ':' && (n == 5 || n == 3) &&
	    (strncasecmp(text, "BEGIN", n) == 0 ||
	    strncasecmp(text, "END", n) == 0)) {
		for (v = text + n + 1; is_name_char(*v); v++)
			continue;
		if (*v != '\0' || v == text + n + 1 ||
		    v - (text + n + 1) > ICS_NAME_MAX)
			return r->ncal == 0 ? not_ics(r) : bad_line(r);
		return n == 5 ? on_begin(r, text + n + 1) :
		    on_end(r, text + n + 1);
	}
	if (r->depth == 0 && r->ncal == 0)
		return not_ics(r);
	if (n == 0 || (text[n] != ':' && text[n] != ';') ||
	    cline_value(text + n) == NULL)
		return bad_line(r);
	if (r->depth == 0)
		return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_OUTSIDE,
		    "a property");
	return on_property(r, n);
}

/*
 * Splits buf into content lines: a line that starts with a space or a
 * tab continues the one before it (RFC 5545 3.1), with or without CR.
 */
static int
read_lines(struct reader *r, const char *buf, size_t len)
{
	struct cline *cl = &r->cl;
	size_t i, eol, end, next;
	const char *nl;
	int line;

	for (i = 0, line = 1; i < len; i = next, line++) {
		nl = memchr(buf + i, '\n', len - i);
		eol = nl != NULL ? (size_t)(nl - buf) : len;
		next = nl != NULL ? eol + 1 : len;
		end = eol > i && buf[eol - 1] == '\r' ? eol - 1 : eol;
		if (cl->open && end > i && (buf[i] == ' ' || buf[i] == '\t')) {
			cline_fold(cl);
			cline_append(cl, buf + i + 1, end - i - 1);
			continue;
		}
		if (cl->open && on_line(r))
			return -1;
		cl->len = cl->nfolds = 0;
		cl->line = line;
		cl->open = 1;
		cline_append(cl, buf + i, end - i);
	}
	return cl->open ? on_line(r) : 0;
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
rule_expand(struct reader *r, const struct eprop *ep,
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
rdate_add(struct reader *r, const struct eprop *ep, struct occs *o)
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
event_uid(const struct event *ev)
{
	const struct eprop *ep = event_get(ev, ICAL_UID_PROPERTY);

	return ep != NULL ? icalproperty_get_uid(ep->prop) : NULL;
}

static int
excl_make(struct reader *r, const struct event *ev,
    const struct overrides *ov, struct excl *x)
{
	struct icaltimetype t;
	struct override key, *o;
	size_t i;

	for (i = 0; i < ev->nprops; i++)
		if (icalproperty_isa(ev->props[i].prop) ==
		    ICAL_EXDATE_PROPERTY) {
			if (prop_time(r, &ev->props[i], &t, 0))
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
end_before(struct reader *r, const struct eprop *ep, int start_line)
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
length_end(struct reader *r, const struct eprop *ep, const struct eprop *sp,
    struct icaltimetype start, struct length *len)
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
event_length(struct reader *r, const struct event *ev,
    const struct eprop *sp, struct icaltimetype start, struct length *len)
{
	const struct eprop *ep;
	struct icaldurationtype d;
	long long days, secs;
	char q[DIAG_QUOTE_MAX * 4 + 8], *s;

	len->days = start.is_date;
	len->seconds = 0;
	if ((ep = event_get(ev, ICAL_DTEND_PROPERTY)) != NULL)
		return length_end(r, ep, sp, start, len);
	if ((ep = event_get(ev, ICAL_DURATION_PROPERTY)) == NULL)
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
occs_gather(struct reader *r, const struct event *ev, const struct eprop *sp,
    struct icaltimetype start, const struct length *len, struct occs *o)
{
	icalproperty_kind kind;
	size_t i;

	if (occ_push(r, o, start, icaltime_null_time(), sp->line))
		return -1;
	for (i = 0; i < ev->nprops; i++) {
		kind = icalproperty_isa(ev->props[i].prop);
		if (kind == ICAL_RRULE_PROPERTY &&
		    rule_expand(r, &ev->props[i], start, len, o))
			return -1;
		if (kind == ICAL_RDATE_PROPERTY &&
		    rdate_add(r, &ev->props[i], o))
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
event_lay(struct reader *r, const struct event *ev,
    const struct overrides *ov)
{
	static const struct overrides none;
	const struct eprop *sp = event_get(ev, ICAL_DTSTART_PROPERTY);
	struct icaltimetype start;
	struct length len;
	struct occs o = { 0 };
	struct excl x = { 0 };
	size_t i;
	int rc = 0;

	if (prop_time(r, sp, &start, 1) ||
	    event_length(r, ev, sp, start, &len) ||
	    occs_gather(r, ev, sp, start, &len, &o) ||
	    excl_make(r, ev, event_get(ev, ICAL_RECURRENCEID_PROPERTY) ?
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
freebusy_lay(struct reader *r, const struct event *ev)
{
	const struct eprop *ep;
	struct icalperiodtype pe;
	struct icaltimetype s, e;
	icalparameter *fb;
	size_t i;
	int d0, m0, d1, m1;

	for (i = 0; i < ev->nprops; i++) {
		ep = &ev->props[i];
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
is_skipped(const struct event *ev)
{
	const struct eprop *st = event_get(ev, ICAL_STATUS_PROPERTY);
	const struct eprop *tr = event_get(ev, ICAL_TRANSP_PROPERTY);

	return (st != NULL &&
	    icalproperty_get_status(st->prop) == ICAL_STATUS_CANCELLED) ||
	    (tr != NULL &&
	    (icalproperty_get_transp(tr->prop) == ICAL_TRANSP_TRANSPARENT ||
	    icalproperty_get_transp(tr->prop) ==
	    ICAL_TRANSP_TRANSPARENTNOCONFLICT));
}

static int
override_add(struct reader *r, const struct event *ev,
    const struct eprop *ep, struct overrides *ov)
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
		return diag_set(r->diag, r->file, ev->line, 1, D_BOOK_NO_UID);
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
	const struct eprop *ep;
	struct event *ev;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < r->nevents; i++)
		if ((ep = event_get(r->events[i],
		    ICAL_RECURRENCEID_PROPERTY)) != NULL)
			rc = override_add(r, r->events[i], ep, &ov);
	if (rc == 0 && ov.n > 0)
		qsort(ov.v, ov.n, sizeof(*ov.v), cmp_override);
	for (i = 0; rc == 0 && i < r->nevents; i++) {
		ev = r->events[i];
		if (ev->kind == ICAL_VFREEBUSY_COMPONENT)
			rc = freebusy_lay(r, ev);
		else if (!is_skipped(ev))
			rc = event_lay(r, ev, &ov);
	}
	free(ov.v);
	return rc;
}

/* --- The file ------------------------------------------------------ */

static void
reader_release(struct reader *r)
{
	int i;

	for (i = 0; i < r->depth; i++) {
		event_free(r->stack[i].event);
		if (r->stack[i].comp != NULL)
			icalcomponent_free(r->stack[i].comp);
	}
	events_free(r);
	if (r->cal != NULL)
		icalcomponent_free(r->cal);
	free(r->cl.text);
	free(r->cl.folds);
}

static int
read_book(struct reader *r, const char *buf, size_t len)
{
	const struct clinic *c = r->clinic;
	const struct frame *f;
	const char *nul;

	/* Notepad's byte-order mark; places count from after it. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if ((nul = memchr(buf, '\0', len)) != NULL)
		return byte_error(r, buf, (size_t)(nul - buf), D_NUL);
	/* A clinic's zone that is wrong is wrong whatever the book holds. */
	if (c != NULL && c->timezone != NULL && clinic_zone(r, NULL, NULL))
		return -1;
	if (read_lines(r, buf, len))
		return -1;
	if (r->depth > 0) {
		f = &r->stack[r->depth - 1];
		return diag_set(r->diag, r->file, f->line, 1, D_BOOK_UNCLOSED,
		    f->name, f->name);
	}
	if (r->ncal == 0)
		return diag_set(r->diag, r->file, 1, 1, D_BOOK_NOT_ICS,
		    " (the file is empty)");
	return 0;
}

/* A read, handed to a thread of its own. */
struct job {
	struct reader	*reader;
	const char	*buf;
	size_t		 len;
	int		 rc;
};

static void *
job_run(void *arg)
{
	struct job *j = arg;

	j->rc = read_book(j->reader, j->buf, j->len);
	reader_release(j->reader);
	/* Its zones and its ring of strings would outlive the read. */
	icaltimezone_free_builtin_timezones();
	icalmemory_free_ring();
#ifdef PROLO_ICU
	/* libical's RRULE iterator opens ICU's calendar, which caches. */
	u_cleanup();
#endif
	return NULL;
}

/*
 * libical keeps its error number in memory of the thread's own, which
 * nothing can free but the end of the thread: the read runs in one
 * that ends with it, so a run that reads books leaves nothing behind.
 */
int
book_ics_read(struct book *b, const char *file, const char *buf, size_t len,
    const struct clinic *c, struct diag *d)
{
	struct reader r;
	struct job j = { &r, buf, len, -1 };
	pthread_t t;
	int fatal;

	memset(&r, 0, sizeof(r));
	r.book = b;
	r.clinic = c;
	r.file = file;
	r.diag = d;
	r.budget = ICS_OCC_MAX;
	/* libical must report, never abort, whatever its build says. */
	fatal = icalerror_get_errors_are_fatal();
	icalerror_set_errors_are_fatal(0);
	if (pthread_create(&t, NULL, job_run, &j) == 0)
		pthread_join(t, NULL);
	else
		(void)job_run(&j);
	icalerror_set_errors_are_fatal(fatal);
	return j.rc;
}
