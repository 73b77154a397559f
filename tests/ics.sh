#!/bin/sh
# iCalendar tests for prolo: run from the repository root as
#	sh tests/ics.sh
# Runs "prolo plan -f ics" on the examples and on the patients in
# tests/cases-ics/, and reads the output twice: with a strict reader of
# our own (CRLF, 75 octets, UTF-8 on every physical line, the grammar of
# content lines and TEXT escapes) and with Python's icalendar package,
# as a calendar program would.  What each event should say comes from
# "prolo plan -f json" on the same files.
# Prints "ok - what" or "not ok - what" per check and a final count.
# PROLO_WRAP may hold a command to run prolo under (e.g. valgrind).
# PYTHON names the Python to check output with (default python3).
# Checks are single-quoted strings run by eval, expanded when they run.
# shellcheck disable=SC2016
PYTHON=${PYTHON:-python3}

. tests/env.inc
if [ ! -x "$PROLO" ] || [ ! -d tests/cases-ics ]; then
	echo "ics: run from the repository root after make" >&2
	exit 2
fi

test_env ics
# Some checks leave read-only folders behind.
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

jane=data/examples/jane-doe.yaml
nasty=tests/cases-ics/nasty.yaml
backslash=tests/cases-ics/backslash.yaml
done=tests/cases-ics/done.yaml
invalid=tests/cases/err-visits-word.yaml
. tests/helpers.inc

# The output without its DTSTAMP lines: what must not change between runs.
stable() { grep -v '^DTSTAMP:' "$1"; }
same_but_stamp() {
	stable "$1" >"$tmp/a.stable"
	stable "$2" >"$tmp/b.stable"
	cmp -s "$tmp/a.stable" "$tmp/b.stable"
}

# --- the checker ---------------------------------------------------------

cat >"$tmp/check.py" <<'EOF'
# check.py LABEL ICS JSON [no-icalendar]: checks an iCalendar output
# against the plans prolo printed as JSON for the same files.
import datetime, json, re, sys

label, ics_path, json_path = sys.argv[1:4]
data = open(ics_path, 'rb').read()
plans = json.load(open(json_path, encoding='utf-8'))['plans']
weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday',
    'Saturday', 'Sunday']
months = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December']

def long_date(d):
    return '%s %d %s %d' % (weekdays[d.weekday()], d.day,
        months[d.month - 1], d.year)

def and_list(xs):
    return xs[0] if len(xs) == 1 else ', '.join(xs[:-1]) + ' and ' + xs[-1]

def report(what, problems):
    if problems:
        print('not ok - %s: %s' % (label, what))
        for p in problems[:5]:
            print('#   ' + p)
    else:
        print('ok - %s: %s' % (label, what))

def day(s):
    return datetime.date(*map(int, s.split('-')))

# What the events must say, as (summary, start, end, description, kind,
# status).  Visits to come, booked or planned, are events, numbered
# among the visits of the course (a missed visit is none); a visit at a
# time starts then (its end depends on the clinic: None here), one at
# no time is all day.  A booked visit, or one at the clinic's time, is
# CONFIRMED; a planned one at no time TENTATIVE.
# A protocol that gives the needle entries a site takes has the care
# text's words for them on its "Injections" line, not the count.
def points_of(pid):
    try:
        text = open('data/protocols/%s.yaml' % pid, encoding='utf-8').read()
    except OSError:
        return 0
    m = re.search(r'^injection_points:\s*(\d+)', text, re.M)
    return int(m.group(1)) if m else 0

def injections(pl, v):
    n = points_of(pl['protocol']['id'])
    if n == 1:
        return '1 small injection in each area'
    if n > 1:
        return 'about %d small injections in each area' % n
    return '%d' % v['injections']

want = []
for pl in plans:
    prot = pl['protocol']['name']
    course = len([v for v in pl['visits'] if v['status'] != 'missed'])
    for v in pl['visits']:
        if v['status'] not in ('booked', 'planned'):
            continue
        d = day(v['date'])
        if v['time'] is not None:
            start = datetime.datetime.combine(d,
                datetime.time(*map(int, v['time'].split(':'))))
            end = None
        else:
            start, end = d, d + datetime.timedelta(days=1)
        status = 'TENTATIVE' if v['status'] == 'planned' and \
            v['time'] is None else 'CONFIRMED'
        want.append(('Prolotherapy visit %d of %d' % (v['visit'], course),
            start, end, 'Treatment: %s\nSites: %s\nInjections: %s' %
            (prot, '; '.join(v['sites']), injections(pl, v)), 'visit',
            status))
    # One pause a visit, or visits whose holds overlap: each medicine
    # with its last day and the day to start again; a prescribed one
    # asks first, in the summary a phone shows too.
    one = datetime.timedelta(days=1)
    groups = []
    for i, h in sorted(enumerate(pl['holds']),
            key=lambda ih: (ih[1]['from'], ih[0])):
        f, t = day(h['from']), day(h['to'])
        if groups and f <= groups[-1]['to']:
            groups[-1]['to'] = max(groups[-1]['to'], t)
            groups[-1]['holds'].append((i, h))
        else:
            groups.append({'from': f, 'to': t, 'holds': [(i, h)]})
    for g in groups:
        vs = [v for v in pl['visits'] if v['status'] in ('booked',
            'planned') and g['from'] <= day(v['date']) <= g['to']]
        if len(vs) == 1:
            parts = ['For visit %d on %s:' % (vs[0]['visit'],
                long_date(day(vs[0]['date'])))]
        else:
            parts = ['For visits %s (%s):' % (and_list([str(v['visit'])
                for v in vs]), and_list([long_date(day(v['date']))
                for v in vs]))]
        for i, h in sorted(g['holds'], key=lambda ih: ih[0]):
            last = long_date(day(h['from']) - one)
            again = long_date(day(h['to']) + one)
            if h['prescribed']:
                parts.append('Ask the doctor who prescribed %s before you '
                    'stop it. Only if they agree, take your last dose on %s '
                    'and start taking it again on %s.' % (h['drug'], last,
                    again))
            else:
                parts.append('Take your last dose of %s on %s. Start '
                    'taking it again on %s.' % (h['drug'], last, again))
        # An event for each run of days on which the same medicines are
        # paused, so that no summary names a medicine on a day it may
        # be taken.
        runs = []
        d = g['from']
        while d <= g['to']:
            on = tuple(i for i, h in sorted(g['holds'])
                       if day(h['from']) <= d <= day(h['to']))
            if on and runs and runs[-1][0] == on and runs[-1][2] == d - one:
                runs[-1][2] = d
            elif on:
                runs.append([on, d, d])
            d += one
        for on, first, final in runs:
            items = []
            last_drug = None
            for i in on:
                h = pl['holds'][i]
                if h['drug'] != last_drug:
                    items.append(h['drug'] + (' (ask your doctor before '
                        'you stop it)' if h['prescribed'] else ''))
                last_drug = h['drug']
            want.append(('Medicines to pause: ' + '; '.join(items), first,
                final + one, ' '.join(parts), 'hold', 'CONFIRMED'))
want.sort(key=repr)

# --- the strict reader: physical lines ---
problems = []
if not data.endswith(b'\r\n'):
    problems.append('output does not end with CRLF')
physical = data.split(b'\r\n')[:-1] if data.endswith(b'\r\n') else \
    data.split(b'\r\n')
for n, line in enumerate(physical, 1):
    if b'\r' in line or b'\n' in line:
        problems.append('line %d: bare CR or LF' % n)
    if len(line) > 75:
        problems.append('line %d: %d octets' % (n, len(line)))
    if not line:
        problems.append('line %d: empty' % n)
    try:
        line.decode('utf-8', 'strict')
    except UnicodeDecodeError as e:
        problems.append('line %d: not UTF-8 on its own: %s' % (n, e))
report('CRLF line ends, at most 75 octets, UTF-8 on every physical line',
    problems)

# --- the strict reader: content lines and components ---
TEXT = {'SUMMARY', 'DESCRIPTION'}
def unescape(v):
    bad = re.sub(r'\\[\\;,nN]', '', v)
    if '\\' in bad:
        raise ValueError('a backslash escapes nothing: %r' % v)
    if ',' in bad or ';' in bad:
        raise ValueError('an unescaped , or ; in TEXT: %r' % v)
    return re.sub(r'\\([\\;,nN])',
        lambda m: '\n' if m.group(1) in 'nN' else m.group(1), v)

problems = []
logical = data.replace(b'\r\n ', b'').decode('utf-8').split('\r\n')[:-1]
root = {'name': None, 'props': [], 'subs': []}
stack = [root]
line_re = re.compile(r'^([A-Z][A-Z0-9-]*)((?:;[A-Z-]+=[^";:,]*)*):(.*)$')
for line in logical:
    m = line_re.match(line)
    if not m:
        problems.append('not a content line: %r' % line)
        continue
    name, params, value = m.groups()
    if name == 'BEGIN':
        comp = {'name': value, 'props': [], 'subs': []}
        stack[-1]['subs'].append(comp)
        stack.append(comp)
    elif name == 'END':
        if len(stack) < 2 or stack[-1]['name'] != value:
            problems.append('END:%s does not close %s' % (value,
                stack[-1]['name']))
        else:
            stack.pop()
    else:
        if name in TEXT:
            try:
                value = unescape(value)
            except ValueError as e:
                problems.append(str(e))
        stack[-1]['props'].append((name, params, value))
if len(stack) != 1:
    problems.append('unclosed ' + stack[-1]['name'])
if [c['name'] for c in root['subs']] != ['VCALENDAR']:
    problems.append('not exactly one VCALENDAR: %r' %
        [c['name'] for c in root['subs']])
report('content lines, TEXT escapes and BEGIN/END nesting', problems)

def props(comp, name):
    return [(p, v) for n, p, v in comp['props'] if n == name]

def one(comp, name, problems):
    found = props(comp, name)
    if len(found) != 1:
        problems.append('%s: %d %s' % (comp['name'], len(found), name))
        return None, None
    return found[0]

def date_of(comp, name, problems):
    p, v = one(comp, name, problems)
    if v is None:
        return None
    if p != ';VALUE=DATE' or not re.fullmatch(r'\d{8}', v):
        problems.append('%s is not a date: %s%s' % (name, p, v))
        return None
    return datetime.date(int(v[:4]), int(v[4:6]), int(v[6:]))

# A visit at a time: floating local time (3.3.5, form 1), no zone.
def time_of(comp, name, problems):
    p, v = one(comp, name, problems)
    if v is None:
        return None
    if p != '' or not re.fullmatch(r'\d{8}T\d{6}', v):
        problems.append('%s is not a local time: %s%s' % (name, p, v))
        return None
    return datetime.datetime.strptime(v, '%Y%m%dT%H%M%S')

problems = []
cal = root['subs'][0] if root['subs'] else {'props': [], 'subs': [],
    'name': 'VCALENDAR'}
for name, value in (('VERSION', '2.0'), ('CALSCALE', 'GREGORIAN'),
        ('METHOD', 'PUBLISH')):
    if one(cal, name, problems)[1] != value:
        problems.append('%s is not %s' % (name, value))
prodid = one(cal, 'PRODID', problems)[1] or ''
if not re.fullmatch(r'-//prolo//prolo [0-9.]+//EN', prodid):
    problems.append('PRODID is %r' % prodid)
report('VCALENDAR with VERSION, PRODID, CALSCALE and METHOD', problems)

events = [c for c in cal['subs'] if c['name'] == 'VEVENT']
journals = [c for c in cal['subs'] if c['name'] == 'VJOURNAL']
# A course with no visit to come, complete or ended early.
done = [pl for pl in plans
    if all(v['status'] in ('done', 'missed') for v in pl['visits'])]
problems = []
if len(events) != len(want) or \
        len(cal['subs']) != len(events) + len(journals):
    problems.append('%d components, %d events, want %d events' %
        (len(cal['subs']), len(events), len(want)))
report('one event per visit to come and per hold (%d)' % len(want),
    problems)

# A course with nothing left to plan: one journal entry, so the calendar
# is never empty (RFC 5545, 3.6), dated and saying so: complete, or
# ended early and why.
problems = []
if len(journals) != len(done):
    problems.append('%d journal entries, want %d' % (len(journals),
        len(done)))
for j, pl in zip(journals, done):
    for name in ('UID', 'DTSTAMP', 'DTSTART', 'SUMMARY'):
        one(j, name, problems)
    summary = one(j, 'SUMMARY', problems)[1] or ''
    desc = one(j, 'DESCRIPTION', problems)[1] or ''
    if pl['ended'] is None and 'course complete' not in summary:
        problems.append('journal SUMMARY %r' % summary)
    if pl['ended'] is not None and ('ended early' not in summary or
            pl['ended']['reason'] not in desc):
        problems.append('journal of a course ended early: %r, %r' %
            (summary, desc))
report('a journal entry for each course with nothing to come (%d)' %
    len(done), problems)

# --- the strict reader: every event ---
problems = []
got = []
uids = []
for ev in events:
    uid = one(ev, 'UID', problems)[1]
    stamp = one(ev, 'DTSTAMP', problems)[1]
    if uid is not None:
        uids.append(uid)
        if not re.fullmatch(r'[0-9a-f]{32}@prolo', uid):
            problems.append('UID %r' % uid)
    if stamp is None or not re.fullmatch(r'\d{8}T\d{6}Z', stamp):
        problems.append('DTSTAMP %r' % stamp)
    timed = any(p == '' for p, v in props(ev, 'DTSTART'))
    if timed:
        start = time_of(ev, 'DTSTART', problems)
        end = time_of(ev, 'DTEND', problems)
        if start is not None and end is not None and end <= start:
            problems.append('DTEND %s is not after DTSTART %s' % (end,
                start))
        end = None
    else:
        start = date_of(ev, 'DTSTART', problems)
        end = date_of(ev, 'DTEND', problems)
    summary = one(ev, 'SUMMARY', problems)[1]
    desc = one(ev, 'DESCRIPTION', problems)[1]
    status = one(ev, 'STATUS', problems)[1]
    alarms = [c for c in ev['subs'] if c['name'] == 'VALARM']
    transp = [v for p, v in props(ev, 'TRANSP')]
    if summary and summary.startswith('Prolotherapy visit'):
        kind = 'visit'
        if len(alarms) != 1:
            problems.append('%s: %d alarms' % (summary, len(alarms)))
        # 9:00 the day before an all-day visit, a day before a timed one.
        trigger = '-P1D' if timed else '-PT15H'
        for a in alarms:
            if props(a, 'ACTION') != [('', 'DISPLAY')] or \
                    props(a, 'TRIGGER') != [('', trigger)] or \
                    props(a, 'DESCRIPTION') != \
                    [('', 'Prolotherapy visit tomorrow')]:
                problems.append('alarm: %r' % a['props'])
        if transp not in ([], ['OPAQUE']):
            problems.append('%s: TRANSP %r' % (summary, transp))
    else:
        kind = 'hold'
        if alarms:
            problems.append('%s: an alarm' % summary)
        if transp != ['TRANSPARENT']:
            problems.append('%s: TRANSP %r' % (summary, transp))
    got.append((summary, start, end, desc, kind, status))
got.sort(key=repr)
report('every event has UID, DTSTAMP and STATUS; visits a VALARM the day '
    'before, holds are free time', problems)
problems = []
if len(set(uids)) != len(uids):
    problems.append('%d UIDs, %d distinct' % (len(uids), len(set(uids))))
report('UIDs are distinct', problems)
problems = ['got  %r\n#   want %r' % (g, w) for g, w in zip(got, want)
    if g != w]
if len(got) != len(want):
    problems.append('%d events, want %d' % (len(got), len(want)))
report('strict reader: SUMMARY, DESCRIPTION, DTSTART, DTEND and STATUS '
    'as planned', problems)

# The calendar is the patient's own: no names, no IDs, even escaped.
problems = []
flat = data.replace(b'\r\n ', b'').decode('utf-8')
for pl in plans:
    for key in ('id', 'name'):
        s = pl['patient'][key]
        esc = s.replace('\\', '\\\\').replace(';', '\\;').replace(',', '\\,')
        words = [w for w in re.split(r'[\s,;"\\]+', s) if len(w) >= 4
            and not re.fullmatch(r'[0-9a-f]+', w)]
        for needle in set([s, esc] + words):
            if needle in flat:
                problems.append('patient %s %r in the calendar' % (key,
                    needle))
report('no patient name or ID in the calendar', problems)

# --- icalendar, as a calendar program reads it ---
try:
    import icalendar
except ImportError:
    print('ok - %s: icalendar # SKIP the icalendar module is missing '
        'for %s' % (label, sys.executable))
    sys.exit(0)

# icalendar before 6 unescapes in several passes, so it reads "\\n"
# (a backslash, then n) as a line break; check text with a backslash
# through it only where it reads such text right.
sample = ('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\\\\nb\\\\\\;c\r\n'
    'END:VEVENT\r\nEND:VCALENDAR\r\n')
backslash_ok = str(icalendar.Calendar.from_ical(sample).walk('VEVENT')[0]
    ['SUMMARY']) == 'a\\nb\\;c'

problems = []
try:
    cal = icalendar.Calendar.from_ical(data)
except Exception as e:
    report('icalendar parses the calendar', ['%s: %s' %
        (type(e).__name__, e)])
    sys.exit(0)
report('icalendar parses the calendar', [])

problems = []
if len(cal.walk('VJOURNAL')) != len(done):
    problems.append('%d VJOURNAL, want %d' % (len(cal.walk('VJOURNAL')),
        len(done)))
report('icalendar: the journal entries of courses with nothing to come',
    problems)

problems = []
events = cal.walk('VEVENT')
got = []
for ev in events:
    for name in ('UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY',
            'DESCRIPTION'):
        if name not in ev:
            problems.append('an event without %s' % name)
    if 'DTSTART' not in ev or 'DTEND' not in ev or 'SUMMARY' not in ev:
        continue
    start, end = ev['DTSTART'].dt, ev['DTEND'].dt
    timed = isinstance(start, datetime.datetime)
    for d in (start, end):
        if timed and (type(d) is not datetime.datetime or
                d.tzinfo is not None):
            problems.append('%r is not a local time' % d)
        elif not timed and type(d) is not datetime.date:
            problems.append('%r is not a date' % d)
    if timed:
        end = None
    if not isinstance(ev['DTSTAMP'].dt, datetime.datetime) or \
            ev['DTSTAMP'].dt.utcoffset() != datetime.timedelta(0):
        problems.append('DTSTAMP %r is not UTC' % ev['DTSTAMP'].dt)
    alarms = ev.walk('VALARM')
    kind = 'hold' if ev.get('TRANSP') == 'TRANSPARENT' else 'visit'
    before = datetime.timedelta(days=-1) if timed else \
        datetime.timedelta(hours=-15)
    if kind == 'visit':
        if len(alarms) != 1 or alarms[0]['TRIGGER'].dt != before or \
                alarms[0]['ACTION'] != 'DISPLAY':
            problems.append('%s: alarms %r' % (ev['SUMMARY'],
                [a.to_ical() for a in alarms]))
    elif alarms:
        problems.append('%s: an alarm' % ev['SUMMARY'])
    got.append((str(ev['SUMMARY']), start, end, str(ev['DESCRIPTION']),
        kind, str(ev.get('STATUS'))))
got.sort(key=repr)
if len(events) != len(want):
    problems.append('%d events, want %d' % (len(events), len(want)))
report('icalendar: every event has UID, DTSTAMP (UTC), dates or local '
    'times for DTSTART and DTEND, an alarm before each visit', problems)

problems = []
skipped = 0
for g, w in zip(got, want):
    if not backslash_ok and '\\' in w[0] + w[3]:
        skipped += 1
    elif g != w:
        problems.append('got  %r\n#   want %r' % (g, w))
what = 'icalendar: SUMMARY, DESCRIPTION, DTSTART, DTEND and STATUS round-trip'
if skipped and not problems:
    print('ok - %s: %s # SKIP %d of %d events: icalendar %s misreads '
        'backslashes (the strict reader checked them)' % (label, what,
        skipped, len(want), icalendar.__version__))
else:
    report(what, problems)
EOF

# check LABEL FILE...: plans FILEs as iCalendar and as JSON and checks
# the one against the other.
check() {
	label=$1
	shift
	prolo plan -f json "$@"
	cp "$tmp/out" "$tmp/plans.json"
	prolo plan -f ics "$@"
	cp "$tmp/out" "$tmp/plans.ics"
	result "$label: exit 0" status_is 0
	if ! command -v "$PYTHON" >/dev/null 2>&1; then
		ok "$label: parse # SKIP $PYTHON not found"
		return
	fi
	"$PYTHON" "$tmp/check.py" "$label" "$tmp/plans.ics" \
	    "$tmp/plans.json" >"$tmp/tally" 2>&1 ||
	    echo "not ok - $label: the checker failed" >>"$tmp/tally"
	tally "$tmp/tally"
}

# --- each file, then all in one calendar ---------------------------------

for f in data/examples/*.yaml "$nasty" "$backslash" "$done"; do
	check "$f" "$f"
done
check "all files" data/examples/*.yaml "$nasty" "$backslash"
prolo plan -f ics data/examples/*.yaml "$nasty"
result "several files: one VCALENDAR" \
    eval '[ "$(grep -c "^BEGIN:VCALENDAR" "$tmp/out")" -eq 1 ] &&
	[ "$(grep -c "^END:VCALENDAR" "$tmp/out")" -eq 1 ]'

# --- stable across runs ----------------------------------------------------

prolo plan -f ics "$nasty" "$jane"
cp "$tmp/out" "$tmp/run1.ics"
prolo plan -f ics "$nasty" "$jane"
result "two runs print the same calendar, but for DTSTAMP" \
    eval 'status_is 0 && same_but_stamp "$tmp/run1.ics" "$tmp/out"'

# A course re-planned from a later start keeps its visits' UIDs.
sed 's/^start: .*/start: 2027-01-14/' "$nasty" >"$tmp/later.yaml"
prolo plan -f ics "$tmp/later.yaml"
cp "$tmp/out" "$tmp/later.ics"
prolo plan -f ics "$nasty"
cp "$tmp/out" "$tmp/first.ics"
# uid_by_summary FILE: "SUMMARY UID" per event, sorted.
uid_by_summary() {
	tr -d '\r' <"$1" | awk '
		/^UID:/ { uid = substr($0, 5) }
		/^SUMMARY:Prolotherapy/ { print substr($0, 9) " " uid }' |
	    sort
}
dates() { tr -d '\r' <"$1" | grep '^DTSTART' | sort; }
result "a re-planned course keeps its visits' UIDs" \
    eval '[ -n "$(uid_by_summary "$tmp/first.ics")" ] &&
	[ "$(uid_by_summary "$tmp/first.ics")" = \
	    "$(uid_by_summary "$tmp/later.ics")" ] &&
	[ "$(dates "$tmp/first.ics")" != "$(dates "$tmp/later.ics")" ]'
# uids FILE: the UIDs, sorted.
uids() { tr -d '\r' <"$1" | grep '^UID:' | sort; }
sed 's/^  id: .*/  id: "MRN-ICS-9"/' "$nasty" >"$tmp/other.yaml"
prolo plan -f ics "$tmp/other.yaml"
uids "$tmp/out" >"$tmp/other.uids"
uids "$tmp/first.ics" >"$tmp/first.uids"
result "another patient's course has other UIDs" \
    eval 'status_is 0 && [ -s "$tmp/other.uids" ] &&
	[ "$(wc -l <"$tmp/other.uids")" -eq "$(wc -l <"$tmp/first.uids")" ] &&
	[ -z "$(comm -12 "$tmp/other.uids" "$tmp/first.uids")" ]'

# --- nothing planned, nothing printed ------------------------------------

prolo plan -f ics "$invalid"
result "invalid input: exit 65, nothing printed" \
    eval 'status_is 65 && no_stdout && has_stderr'
prolo plan -f ics "$invalid" "$jane"
result "invalid and valid input: exit 65, a calendar of the valid one" \
    eval 'status_is 65 && grep -q "^BEGIN:VCALENDAR" "$tmp/out" &&
	grep -q "^END:VCALENDAR" "$tmp/out"'

# --- -o FILE ---------------------------------------------------------------

mkdir "$tmp/o"
prolo plan -f ics "$nasty"
cp "$tmp/out" "$tmp/stdout.ics"
prolo plan -f ics -o "$tmp/o/plan.ics" "$nasty"
result "-o writes the calendar, nothing on stdout" \
    eval 'status_is 0 && no_stdout &&
	same_but_stamp "$tmp/o/plan.ics" "$tmp/stdout.ics"'
result "-o file has mode 0600" \
    eval '[ "$(stat -c %a "$tmp/o/plan.ics")" = 600 ]'
prolo plan -f ics -o "$tmp/o/none.ics" "$invalid"
result "-o with nothing planned: exit 65, no file" \
    eval 'status_is 65 && [ ! -e "$tmp/o/none.ics" ]'

# Root bypasses permission bits, so an unwritable place is also made by
# putting the file under a regular file (ENOTDIR) and into /proc.
printf 'not a folder\n' >"$tmp/afile"
prolo plan -f ics -o "$tmp/afile/out.ics" "$nasty"
result "-o under a regular file: exit 73, nothing left behind" \
    eval 'status_is 73 && no_stdout && has_stderr &&
	[ "$(cat "$tmp/afile")" = "not a folder" ] &&
	[ -z "$(find "$tmp" -name ".prolo-*")" ]'
if [ -d /proc/self ]; then
	prolo plan -f ics -o /proc/prolo-ics-test.ics "$nasty"
	result "-o into /proc: exit 73, nothing left behind" \
	    eval 'status_is 73 && no_stdout && has_stderr &&
		[ ! -e /proc/prolo-ics-test.ics ]'
else
	ok "-o into /proc # SKIP no /proc"
fi
mkdir "$tmp/ro"
chmod 555 "$tmp/ro"
if [ -w "$tmp/ro" ]; then
	ok "-o into a read-only folder # SKIP permissions do not bind (root)"
else
	prolo plan -f ics -o "$tmp/ro/out.ics" "$nasty"
	result "-o into a read-only folder: exit 73, nothing left behind" \
	    eval 'status_is 73 && no_stdout && has_stderr &&
		[ -z "$(ls -A "$tmp/ro")" ]'
fi
chmod 755 "$tmp/ro"

finish ics
