#ifndef PROLO_ICS_H
#define PROLO_ICS_H

#include <stddef.h>

#include <libical/ical.h>

struct diag;

/*
 * An iCalendar stream (RFC 5545) read one VCALENDAR at a time, with
 * every error at its line: content lines are unfolded, bytes checked
 * (no NUL, valid UTF-8), BEGIN and END matched and nested where RFC
 * 5545 lets each component stand, and each property libical parses is
 * checked where libical is lenient (dates that do not exist, UTC
 * offsets, years outside DATE_MIN_YEAR .. DATE_MAX_YEAR in events).
 *
 * Only what says when something is busy is kept: of each VEVENT its
 * DTSTART, DTEND, DURATION, RRULE, RDATE, EXDATE, RECURRENCE-ID, UID,
 * STATUS and TRANSP; of each VFREEBUSY its FREEBUSY; and the
 * VTIMEZONEs.  Other properties, which RFC 5545 lets a reader ignore,
 * need only be content lines, and other components are skipped whole.
 *
 * A calendar is handed over as soon as its END:VCALENDAR is read, so
 * that what the caller finds wrong in it comes before any error of a
 * later one, and a VTIMEZONE serves only the calendar it stands in.
 */
struct ics;

/* A VEVENT (with DTSTART) or a VFREEBUSY of the calendar read last. */
struct ics_event;

/* A property kept, and the line its content line starts on. */
struct ics_prop {
	icalproperty	*prop;
	int		 line;
};

/*
 * Opens the len bytes of buf, which must outlive the stream, for
 * reading; file is the name messages use.  A UTF-8 byte-order mark is
 * skipped, and places count from after it.  Returns NULL with d set if
 * buf holds a NUL byte.  d receives every later error too.
 */
struct ics	*ics_open(const char *, const char *, size_t, struct diag *);

/*
 * Reads the next VCALENDAR whole: 1 when it is read, 0 at the end of a
 * stream that held at least one, -1 with the diag set on error.  What
 * the calendar holds lasts until the next call or ics_free(); after 0
 * or -1 the stream is only freed.
 */
int		 ics_next(struct ics *);

/* The calendar's events, in the order of the file. */
size_t			 ics_nevents(const struct ics *);
const struct ics_event	*ics_event(const struct ics *, size_t);

icalcomponent_kind	 ics_event_kind(const struct ics_event *);
int			 ics_event_line(const struct ics_event *);
size_t			 ics_event_nprops(const struct ics_event *);
const struct ics_prop	*ics_event_prop(const struct ics_event *, size_t);

/*
 * The event's property of that kind, or NULL.  DTSTART, DTEND,
 * DURATION, UID, STATUS, TRANSP and RECURRENCE-ID are kept at most once
 * an event, and DTEND and DURATION never both.
 */
const struct ics_prop	*ics_event_get(const struct ics_event *,
			    icalproperty_kind);

/*
 * The zone a TZID names: the calendar's own VTIMEZONE of that TZID, or
 * else the system's zone of that name (ics_zone_system()); NULL if
 * neither.  Owned by libical or the calendar.
 */
icaltimezone	*ics_zone(const struct ics *, const char *);

/*
 * The system's zone of an IANA name such as America/New_York, or NULL:
 * a name of any other form is refused, so that it can never make
 * libical open another file.
 */
icaltimezone	*ics_zone_system(const char *);

/* Seconds of a time's own date and clock since 1970, as if in UTC. */
long long	 ics_wall_seconds(struct icaltimetype);

void		 ics_free(struct ics *);

/*
 * Runs fn(arg) with libical set to report errors, never abort, and in
 * a thread of its own when one can be made, then empties libical's
 * caches (its time zones, its ring of buffers, ICU's calendars): its
 * per-thread state ends with the thread, so nothing of the run is left
 * behind.  fn must have freed what it holds of libical before it
 * returns, and every libical call of prolo runs inside one.  Returns
 * what fn returns.
 */
int		 ics_run(int (*)(void *), void *);

#endif
