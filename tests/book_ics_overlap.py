"""Busy times of an iCalendar book, laid out by python3-icalendar and
dateutil (not libical), against a plan's CSV: prints every planned visit
that overlaps one, or has no time.  Floating times only, as the fixture
has.  Usage: book_ics_overlap.py BOOK.ics PLAN.csv [MINUTES]"""
import csv
import datetime
import sys

import icalendar
from dateutil.rrule import rrulestr

book, plan = sys.argv[1], sys.argv[2]
minutes = int(sys.argv[3]) if len(sys.argv) > 3 else 45
busy = []          # (start, end) datetimes
days = set()       # whole days blocked
cal = icalendar.Calendar.from_ical(open(book, 'rb').read())
for ev in cal.walk('VEVENT'):
    if str(ev.get('STATUS', '')).upper() == 'CANCELLED' or \
            str(ev.get('TRANSP', '')).upper() == 'TRANSPARENT':
        continue
    start, end = ev.decoded('DTSTART'), ev.decoded('DTEND')
    if not isinstance(start, datetime.datetime):
        d = start
        while d < end:
            days.add(d)
            d += datetime.timedelta(days=1)
        continue
    starts = [start]
    if 'RRULE' in ev:
        rule = ev['RRULE'].to_ical().decode()
        starts = list(rrulestr(rule, dtstart=start))
    ex = set()
    exdates = ev.get('EXDATE') or []
    for e in exdates if isinstance(exdates, list) else [exdates]:
        ex.update(x.dt for x in e.dts)
    for s in starts:
        if s not in ex:
            busy.append((s, s + (end - start)))
for row in csv.DictReader(open(plan, newline='')):
    if row['status'] != 'planned':
        continue
    if not row['time']:
        print('no time:', row['date'])
        continue
    s = datetime.datetime.fromisoformat(row['date'] + 'T' + row['time'])
    e = s + datetime.timedelta(minutes=minutes)
    if s.date() in days:
        print('on a blocked day:', row['date'])
    for b in busy:
        if s < b[1] and b[0] < e:
            print('overlaps:', row['date'], row['time'], b[0])
