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

#include "date.h"
#include "diag.h"
#include "ics.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * The reader walks the file's content lines itself (unfolding them and
 * keeping the line each starts on) and hands libical one property at a
 * time: libical's parser knows no line numbers, and every error here
 * must name its line.  BEGIN and END are matched here too, so a missing
 * END or a stray one is found where it is.
 *
 * Only the properties ics.h lists are parsed; others, which RFC 5545
 * lets a reader ignore, must only be content lines.  An empty
 * DESCRIPTION, which some calendars write, is then no error.
 */

#define ICS_DEPTH_MAX	8		/* components inside components */
#define ICS_NAME_MAX	40		/* of a component, in messages */
#define DAY_SECONDS	86400LL

/* One content line, unfolded, and where its physical lines begin. */
struct cline {
	char	*text;
	size_t	 len;
	size_t	 cap;
	int	 line;
	size_t	*folds;		/* offsets in text of each folded line */
	size_t	 nfolds;
	size_t	 fcap;
};

/* A VEVENT or a VFREEBUSY, kept until its calendar's zones are known. */
struct ics_event {
	icalcomponent_kind	 kind;
	int			 line;
	struct ics_prop		*props;
	size_t			 nprops;
	size_t			 cap;
};

/* An open component: its name, its line, and what is read of it. */
struct frame {
	icalcomponent_kind	 kind;
	char			 name[ICS_NAME_MAX + 1];
	int			 line;
	struct ics_event	*event;	/* VEVENT, VFREEBUSY */
	icalcomponent		*comp;	/* VTIMEZONE and its parts */
};

struct ics {
	const char		*file;
	struct diag		*diag;
	const char		*buf;	/* after a byte-order mark */
	size_t			 len;
	size_t			 pos;	/* of the next physical line */
	int			 line;	/* its number */
	struct cline		 cl;
	struct frame		 stack[ICS_DEPTH_MAX];
	int			 depth;
	int			 ncal;		/* VCALENDARs begun */
	icalcomponent		*cal;		/* holds the VTIMEZONEs */
	struct ics_event	**events;
	size_t			 nevents;
	size_t			 cap;
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
 * Appends the physical line at pos to the content line, less its end
 * (LF, or CR LF) and skip bytes of its start, and steps past it.
 */
static void
cline_take(struct ics *r, size_t skip)
{
	const char *start = r->buf + r->pos;
	const char *nl = memchr(start, '\n', r->len - r->pos);
	size_t n = nl != NULL ? (size_t)(nl - start) : r->len - r->pos;

	r->pos += nl != NULL ? n + 1 : n;
	r->line++;
	if (n > 0 && start[n - 1] == '\r')
		n--;
	cline_append(&r->cl, start + skip, n - skip);
}

/*
 * The next content line of the stream, or 0 at its end: a line that
 * starts with a space or a tab continues the one before it (RFC 5545
 * 3.1).
 */
static int
cline_next(struct ics *r)
{
	struct cline *cl = &r->cl;

	if (r->pos >= r->len)
		return 0;
	cl->len = cl->nfolds = 0;
	cl->line = r->line;
	cline_take(r, 0);
	while (r->pos < r->len &&
	    (r->buf[r->pos] == ' ' || r->buf[r->pos] == '\t')) {
		cline_fold(cl);
		cline_take(r, 1);
	}
	return 1;
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
byte_error(struct ics *r, const char *buf, size_t pos,
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
cline_utf8(struct ics *r)
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
bad_line(struct ics *r)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];

	return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_LINE,
	    diag_quote(q, sizeof(q), r->cl.text, r->cl.len));
}

/* What stands where BEGIN:VCALENDAR should. */
static int
not_ics(struct ics *r)
{
	char q[DIAG_QUOTE_MAX * 4 + 8], what[DIAG_QUOTE_MAX * 4 + 16];

	snprintf(what, sizeof(what), ", not %s",
	    diag_quote(q, sizeof(q), r->cl.text, r->cl.len));
	return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_NOT_ICS,
	    what);
}

/* --- Events -------------------------------------------------------- */

static void
event_free(struct ics_event *ev)
{
	size_t i;

	if (ev == NULL)
		return;
	for (i = 0; i < ev->nprops; i++)
		icalproperty_free(ev->props[i].prop);
	free(ev->props);
	free(ev);
}

const struct ics_prop *
ics_event_get(const struct ics_event *ev, icalproperty_kind kind)
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

/*
 * Properties an event has at most once; DTEND and DURATION exclude
 * each other.
 */
static int
event_add(struct ics *r, struct ics_event *ev, icalproperty *p, int line)
{
	static const icalproperty_kind once[] = {
		ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY,
		ICAL_DURATION_PROPERTY, ICAL_UID_PROPERTY,
		ICAL_STATUS_PROPERTY, ICAL_TRANSP_PROPERTY,
		ICAL_RECURRENCEID_PROPERTY
	};
	icalproperty_kind kind = icalproperty_isa(p);
	const struct ics_prop *ep;
	size_t i;

	for (i = 0; i < sizeof(once) / sizeof(once[0]); i++)
		if (kind == once[i] && (ep = ics_event_get(ev, kind)) != NULL) {
			icalproperty_free(p);
			return diag_set(r->diag, r->file, line, 1, D_BOOK_TWICE,
			    prop_name(kind), "event", ep->line);
		}
	if ((kind == ICAL_DTEND_PROPERTY &&
	    (ep = ics_event_get(ev, ICAL_DURATION_PROPERTY)) != NULL) ||
	    (kind == ICAL_DURATION_PROPERTY &&
	    (ep = ics_event_get(ev, ICAL_DTEND_PROPERTY)) != NULL)) {
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
quote_value(struct ics *r, char *q, size_t size)
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
check_time(struct ics *r, icalproperty *p, struct icaltimetype t,
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

long long
ics_wall_seconds(struct icaltimetype t)
{
	return date_from_ymd(t.year, t.month, t.day) * DAY_SECONDS +
	    (t.is_date ? 0 : t.hour * 3600LL + t.minute * 60 + t.second);
}

static int
negative(struct ics *r, icalproperty *p)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];

	return diag_set(r->diag, r->file, r->cl.line, 1, D_BOOK_NEGATIVE,
	    icalproperty_get_property_name(p), quote_value(r, q, sizeof(q)));
}

static int
check_period(struct ics *r, icalproperty *p, struct icalperiodtype pe,
    int years)
{
	if (check_time(r, p, pe.start, years) ||
	    check_time(r, p, pe.end, years))
		return -1;
	if (!icaltime_is_null_time(pe.end) ?
	    ics_wall_seconds(pe.end) < ics_wall_seconds(pe.start) : pe.duration.is_neg)
		return negative(r, p);
	return 0;
}

/* libical reads +25x as an offset: [+-]HHMM[SS], within a day. */
static int
check_offset(struct ics *r, icalproperty *p)
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
check_value(struct ics *r, icalproperty *p, int years)
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
parse_error(struct ics *r, icalcomponent *wrap, icalproperty_kind kind)
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
parse_line(struct ics *r)
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

/* Which properties of which component are kept: those ics.h lists. */
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
on_property(struct ics *r, size_t namelen)
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

icaltimezone *
ics_zone_system(const char *name)
{
	return zone_name_safe(name) ? icaltimezone_get_builtin_timezone(name) :
	    NULL;
}

icaltimezone *
ics_zone(const struct ics *r, const char *tzid)
{
	icaltimezone *z = NULL;

	if (r->cal != NULL)
		z = icalcomponent_get_timezone(r->cal, tzid);
	return z != NULL ? z : ics_zone_system(tzid);
}

/* --- Components ---------------------------------------------------- */

static int
tz_part_end(struct ics *r, struct frame *f)
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
tz_end(struct ics *r, struct frame *f)
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
events_free(struct ics *r)
{
	size_t i;

	for (i = 0; i < r->nevents; i++)
		event_free(r->events[i]);
	free(r->events);
	r->events = NULL;
	r->nevents = r->cap = 0;
}

static int
event_end(struct ics *r, struct frame *f)
{
	if (f->kind == ICAL_VEVENT_COMPONENT &&
	    ics_event_get(f->event, ICAL_DTSTART_PROPERTY) == NULL)
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

/* What the calendar read last holds, once its reader is done with it. */
static void
calendar_free(struct ics *r)
{
	events_free(r);
	if (r->cal != NULL)
		icalcomponent_free(r->cal);
	r->cal = NULL;
}

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
frame_read(struct ics *r, struct frame *f)
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
on_begin(struct ics *r, const char *name)
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
frame_end(struct ics *r, struct frame *f)
{
	if (f->event != NULL)
		return event_end(r, f);
	if (f->comp != NULL)
		return f->kind == ICAL_VTIMEZONE_COMPONENT ? tz_end(r, f) :
		    tz_part_end(r, f);
	/* The calendar is read: ics_next() hands it over. */
	return f->kind == ICAL_VCALENDAR_COMPONENT;
}

static int
on_end(struct ics *r, const char *name)
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
	/* Left to ics_free() if it failed: it frees what f holds. */
	if (rc >= 0)
		r->depth--;
	return rc;
}

/* BEGIN:NAME and END:NAME, or a property; a blank line is passed over. */
static int
on_line(struct ics *r)
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

/* --- The stream ---------------------------------------------------- */

struct ics *
ics_open(const char *file, const char *buf, size_t len, struct diag *d)
{
	struct ics *r = xcalloc(1, sizeof(*r));
	const char *nul;

	r->file = file;
	r->diag = d;
	r->line = 1;
	/* Notepad's byte-order mark; places count from after it. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	r->buf = buf;
	r->len = len;
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		byte_error(r, buf, (size_t)(nul - buf), D_NUL);
		ics_free(r);
		return NULL;
	}
	return r;
}

/* At the end of the stream: every component closed, a calendar read. */
static int
stream_end(struct ics *r)
{
	const struct frame *f;

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

/* on_line() is 1 where a line ends a VCALENDAR, -1 where it is wrong. */
int
ics_next(struct ics *r)
{
	int rc;

	calendar_free(r);
	while (cline_next(r))
		if ((rc = on_line(r)) != 0)
			return rc;
	return stream_end(r);
}

size_t
ics_nevents(const struct ics *r)
{
	return r->nevents;
}

const struct ics_event *
ics_event(const struct ics *r, size_t i)
{
	return r->events[i];
}

icalcomponent_kind
ics_event_kind(const struct ics_event *ev)
{
	return ev->kind;
}

int
ics_event_line(const struct ics_event *ev)
{
	return ev->line;
}

size_t
ics_event_nprops(const struct ics_event *ev)
{
	return ev->nprops;
}

const struct ics_prop *
ics_event_prop(const struct ics_event *ev, size_t i)
{
	return &ev->props[i];
}

void
ics_free(struct ics *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < r->depth; i++) {
		event_free(r->stack[i].event);
		if (r->stack[i].comp != NULL)
			icalcomponent_free(r->stack[i].comp);
	}
	calendar_free(r);
	free(r->cl.text);
	free(r->cl.folds);
	free(r);
}

/* --- libical's state ----------------------------------------------- */

struct run {
	int	(*fn)(void *);
	void	*arg;
	int	 rc;
};

static void *
run_thread(void *arg)
{
	struct run *j = arg;

	j->rc = j->fn(j->arg);
	/* Its zones and its ring of strings would outlive the run. */
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
 * nothing can free but the end of the thread: the run has one that
 * ends with it, so a run that reads books leaves nothing behind.
 */
int
ics_run(int (*fn)(void *), void *arg)
{
	struct run j = { fn, arg, -1 };
	pthread_t t;
	int fatal;

	/* libical must report, never abort, whatever its build says. */
	fatal = icalerror_get_errors_are_fatal();
	icalerror_set_errors_are_fatal(0);
	if (pthread_create(&t, NULL, run_thread, &j) == 0)
		pthread_join(t, NULL);
	else
		(void)run_thread(&j);
	icalerror_set_errors_are_fatal(fatal);
	return j.rc;
}
