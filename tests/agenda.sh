#!/bin/sh
# Tests of the front desk's agenda (prolo agenda): run from the
# repository root as
#	sh tests/agenda.sh            run every check
#	sh tests/agenda.sh --update   rewrite the golden outputs from the
#	                              current ones (then review git diff)
# The patients and the clinic are in tests/cases-agenda/.  The agenda
# must list exactly the booked and planned visits that "prolo plan -f
# csv" gives for the same files in its range, in the desk's order, with
# the flags the desk must see; the calendar is read with Python's
# icalendar package.  Golden outputs: tests/cases-agenda/NAME.args holds
# the arguments (after "prolo agenda"), NAME.txt and NAME.csv the text
# and CSV agenda, NAME.err standard error (missing: empty).
# Prints "ok - what" or "not ok - what" per check and a final count.
# PROLO_WRAP may hold a command to run prolo under (e.g. valgrind).
# PYTHON names the Python to check output with (default python3).
# Checks are single-quoted strings run by eval, expanded when they run.
# shellcheck disable=SC2016
PYTHON=${PYTHON:-python3}

. tests/env.inc
if [ ! -x "$PROLO" ] || [ ! -d tests/cases-agenda ]; then
	echo "agenda: run from the repository root after make" >&2
	exit 2
fi
update=0
case "${1-}" in
--update)	update=1 ;;
'')		;;
*)		echo "usage: sh tests/agenda.sh [--update]" >&2; exit 64 ;;
esac

test_env agenda
. tests/helpers.inc

c=tests/cases-agenda
clinic=$c/clinic.yaml
all="$c/ann.yaml $c/ben.yaml $c/cat.yaml $c/dan.yaml"

# --- golden outputs ---------------------------------------------------

for args in "$c"/*.args; do
	name=${args%.args}
	name=${name##*/}
	for fmt in txt csv; do
		case $fmt in
		csv)	f=csv ;;
		*)	f=text ;;
		esac
		# shellcheck disable=SC2046 # the arguments are words
		prolo agenda -f $f $(cat "$args")
		if [ "$update" = 1 ]; then
			cp "$tmp/out" "$c/$name.$fmt"
			if [ -s "$tmp/err" ]; then
				cp "$tmp/err" "$c/$name.err"
			else
				rm -f "$c/$name.err"
			fi
			continue
		fi
		: >"$tmp/empty"
		exp_err=$tmp/empty
		[ -f "$c/$name.err" ] && exp_err=$c/$name.err
		result "golden $name ($f)" eval 'status_is 0 &&
		    cmp -s "$c/$name.$fmt" "$tmp/out" && cmp -s "$exp_err" "$tmp/err"'
		if ! cmp -s "$c/$name.$fmt" "$tmp/out"; then
			diff -u "$c/$name.$fmt" "$tmp/out" | sed 's/^/#   /' | head -n 30
		fi
	done
done
if [ "$update" = 1 ]; then
	echo "agenda: golden outputs updated; review them with git diff"
	exit 0
fi

# --- exactly the visits of the range, in the desk's order -------------

cat >"$tmp/same.py" <<'PY'
# same.py PLAN.csv AGENDA.csv FROM TO FILES...: the agenda's rows are
# exactly the plan's booked and planned rows from FROM to TO, ordered by
# date, time (none last) and the order of the files.
import csv, sys
plan, agenda, lo, hi = sys.argv[1:5]
ids = [None] * 0
with open(plan, newline="") as f:
    rows = list(csv.DictReader(f))
order = []
for r in rows:
    if r["patient_id"] not in order:
        order.append(r["patient_id"])
want = [r for r in rows if r["status"] in ("booked", "planned")
        and lo <= r["date"] <= hi]
key = lambda r: (r["date"], r["time"] or "99:99", order.index(r["patient_id"]))
want.sort(key=key)
cols = ("date", "weekday", "time", "patient_id", "patient_name", "protocol",
        "visit", "visits", "sites", "status")
with open(agenda, newline="") as f:
    got = list(csv.DictReader(f))
w = [tuple(r[k] for k in cols) for r in want]
g = [tuple(r[k] for k in cols) for r in got]
if w != g:
    print("want", w)
    print("got ", g)
    sys.exit(1)
PY

prolo plan -f csv --clinic $clinic $all
cp "$tmp/out" "$tmp/plan.csv"
# range FROM TO [OPTIONS]: the agenda of every patient in a range.
range() {
	lo=$1
	hi=$2
	shift 2
	prolo agenda -f csv --clinic $clinic "$@" $all
	cp "$tmp/out" "$tmp/agenda.csv"
	status_is 0 && $PYTHON "$tmp/same.py" "$tmp/plan.csv" "$tmp/agenda.csv" \
	    "$lo" "$hi"
}
result "the default range: today and the 6 days after" \
    range 2026-11-27 2026-12-03
result "one day, two patients at two times" \
    range 2026-11-30 2026-11-30 --from 2026-11-30 --to 2026-11-30
result "one day, a booked visit and an untimed one after it" \
    range 2026-12-01 2026-12-01 --to 2026-12-01 --from 2026-12-01
result "--from alone: a week from it, cutting the courses" \
    range 2026-12-21 2026-12-27 --from 2026-12-21
result "a range that cuts every course, both ends included" \
    range 2026-12-01 2027-01-12 --from 2026-12-01 --to 2027-01-12
result "the whole of every course" \
    range 2026-01-01 2027-12-31 --from 2026-01-01 --to 2027-12-31
result "history only: no visit to come, the header alone" \
    eval 'range 2026-11-01 2026-11-26 --from 2026-11-01 --to 2026-11-26 &&
    [ "$(wc -l <"$tmp/agenda.csv")" -eq 1 ]'

# --- the desk's order ---------------------------------------------------

prolo agenda -f csv --clinic $clinic --from 2026-11-30 --to 2026-12-01 $all
result "ordered by day, then time, untimed visits last" eval \
    '[ "$(sed 1d "$tmp/out" | cut -d, -f1,3,4 | tr -d "\r" | tr "\n" " ")" = \
    "2026-11-30,08:30,A-1 2026-11-30,09:15,B-2 2026-12-01,13:30,D-4 2026-12-01,,C-3 " ]'
prolo agenda -f csv --clinic $clinic --from 2026-12-01 --to 2026-12-01 \
    $c/dan.yaml $c/cat.yaml
prolo_out1=$(sed 1d "$tmp/out" | cut -d, -f4 | tr -d '\r' | tr '\n' ' ')
cp $c/cat.yaml "$tmp/cat2.yaml"
sed -i 's/C-3, name: Cat Steroid/C-5, name: Cy Second/' "$tmp/cat2.yaml"
prolo agenda -f csv --clinic $clinic --from 2026-12-01 --to 2026-12-01 \
    "$tmp/cat2.yaml" $c/cat.yaml
result "untimed visits of a day: in the order the files were given" eval \
    '[ "$prolo_out1" = "D-4 C-3 " ] &&
    [ "$(sed 1d "$tmp/out" | cut -d, -f4 | tr -d "\r" | tr "\n" " ")" = "C-5 C-3 " ]'

# --- flags --------------------------------------------------------------

prolo agenda --clinic $clinic --from 2026-11-30 --to 2026-12-01 $all
result "text: an allergy to lidocaine in the solution" \
    eval 'out_has "^         ! allergy to the solution: lidocaine$"'
result "text: a blood thinner never paused, and one paused with the prescriber" \
    eval 'out_has "^         ! blood thinner, not paused: warfarin 5 mg$" &&
    out_has "^         ! blood thinner: aspirin 81 mg daily$"'
result "text: a pause already under way, and one to ask the prescriber about" \
    eval 'out_has "^         ! should not be taking ibuprofen 400 mg since Fri 2026-11-27$" &&
    out_has "^         ! should not be taking aspirin 81 mg daily since Sat 2026-11-28 (ask$" &&
    out_has "^           the prescriber)$"'
result "text: a rule warning" \
    eval 'out_has "^         ! rule steroid (prednisolone 5 mg): Oral steroids may weaken healing.$"'
result "warnings on standard error as plan prints them" \
    eval 'err_has "^tests/cases-agenda/cat.yaml: warning: rule .steroid. (prednisolone 5 mg): Oral steroids may weaken healing.$" &&
    [ "$(grep -c warning "$tmp/err")" -eq 5 ]'
prolo agenda -f csv --clinic $clinic --from 2026-12-21 --to 2026-12-21 $all
result "csv: a pause that begins before the visit, flagged on its day" \
    eval 'out_has ",A-1,Ann Allergy,knee-oa,2,4,knee,planned,allergy to the solution: lidocaine; should not be taking ibuprofen 400 mg since Fri 2026-12-18"'
prolo agenda -f csv --clinic $clinic --from 2026-11-28 --to 2026-11-29 $all
result "no pause flag on a day with no visit: no rows" \
    eval '[ "$(wc -l <"$tmp/out")" -eq 1 ]'

# --- capacity, shared with the plans -------------------------------------

cat >"$tmp/slots.py" <<'PY'
# slots.py AGENDA.csv CAPACITY: no slot holds more timed visits.
import collections, csv, sys
with open(sys.argv[1], newline="") as f:
    rows = [r for r in csv.DictReader(f) if r["time"]]
n = collections.Counter((r["date"], r["time"]) for r in rows)
full = [k for k, v in n.items() if v > int(sys.argv[2])]
sys.exit(1 if full or not rows else 0)
PY
prolo agenda -f csv --clinic $clinic --from 2026-11-27 --to 2027-03-31 $all \
    $c/ann.yaml $c/ben.yaml
result "capacity 1: the same patients twice over never share a slot" \
    eval 'status_is 0 && $PYTHON "$tmp/slots.py" "$tmp/out" 1'
sed 's/^capacity: 1$/capacity: 2/' $clinic >"$tmp/clinic2.yaml"
prolo agenda -f csv --clinic "$tmp/clinic2.yaml" --from 2026-11-30 --to 2026-11-30 $all
result "capacity 2: both morning patients at 08:30" eval \
    '[ "$(sed 1d "$tmp/out" | cut -d, -f3,4 | tr -d "\r" | tr "\n" " ")" = "08:30,A-1 08:30,B-2 " ]'
prolo agenda -f csv --clinic $clinic --from 2026-11-30 --to 2026-11-30 \
    $c/ben.yaml $c/ann.yaml
result "capacity 1: the first file given gets the first slot" eval \
    '[ "$(sed 1d "$tmp/out" | cut -d, -f3,4 | tr -d "\r" | tr "\n" " ")" = "08:30,B-2 09:15,A-1 " ]'

# --- --book ---------------------------------------------------------------

printf 'date,time,note\r\n2026-11-30,08:30,someone else\r\n' >"$tmp/book.csv"
prolo agenda -f csv --clinic $clinic --book "$tmp/book.csv" \
    --from 2026-11-30 --to 2026-11-30 $all
result "--book: a slot already taken goes to no patient" eval \
    'status_is 0 && ! out_has "^2026-11-30,Mon,08:30," &&
    out_has "^2026-11-30,Mon,09:15,A-1,"'
prolo plan -f csv --clinic $clinic $all
cp "$tmp/out" "$tmp/yesterday.csv"
prolo agenda -f csv --clinic $clinic --book "$tmp/yesterday.csv" \
    --from 2026-11-27 --to 2027-03-31 $c/ann.yaml $c/ben.yaml
cp "$tmp/out" "$tmp/today.csv"
cat >"$tmp/apart.py" <<'PY'
# apart.py BOOK.csv AGENDA.csv: no planned visit at a time the book holds.
import csv, sys
with open(sys.argv[1], newline="") as f:
    taken = {(r["date"], r["time"]) for r in csv.DictReader(f) if r["time"]}
with open(sys.argv[2], newline="") as f:
    rows = [r for r in csv.DictReader(f) if r["status"] == "planned"]
sys.exit(1 if not rows or any((r["date"], r["time"]) in taken for r in rows) else 0)
PY
result "--book: yesterday's plan is today's book, and no visit overlaps it" \
    eval 'status_is 0 && $PYTHON "$tmp/apart.py" "$tmp/yesterday.csv" "$tmp/today.csv"'
prolo agenda --book "$tmp/none.csv" --clinic $clinic $all
result "--book: an unreadable book is 66, nothing planned" \
    eval 'status_is 66 && no_stdout && err_has "none.csv"'
printf 'date,time\r\n2026-13-01,08:30\r\n' >"$tmp/bad.csv"
prolo agenda --book "$tmp/bad.csv" --clinic $clinic $all
result "--book: an invalid book is 65, nothing planned" \
    eval 'status_is 65 && no_stdout && err_has "bad.csv:2"'

# --- the range's options --------------------------------------------------

prolo agenda --from 2026-02-30 $all
result "--from: a day that does not exist is a usage error" eval \
    'status_is 64 && no_stdout &&
    err_has "^prolo: --from takes a date from 1900-01-01 to 2200-12-31 written YYYY-MM-DD, not .2026-02-30.$" &&
    err_has "^usage: prolo agenda"'
prolo agenda --to 27/11/2026 $all
result "--to: not YYYY-MM-DD is a usage error" eval \
    'status_is 64 && no_stdout && err_has "^prolo: --to takes a date"'
prolo agenda --from 2026-12-10 --to 2026-12-09 $all
result "--to before --from is a usage error" eval \
    'status_is 64 && no_stdout &&
    err_has "^prolo: --to 2026-12-09 is before the first day of the agenda, 2026-12-10$"'
prolo agenda --to 2026-11-20 $all
result "--to before today, with no --from, is a usage error" eval \
    'status_is 64 && no_stdout && err_has "2026-11-27 (today)$"'
prolo agenda -f json $all
result "-f json is not an agenda format" eval \
    'status_is 64 && err_has "^prolo: unknown format .json. (use text, csv, html or ics)$"'

# --- exit statuses --------------------------------------------------------

prolo agenda --clinic $clinic $all tests/cases/noplan-no-day.yaml
result "a patient with no plan: 1, the others' agenda printed" eval \
    'status_is 1 && out_has "Ann Allergy" && err_has "error: no plan"'
prolo agenda --clinic $clinic $all tests/cases/err-unknown-key.yaml
result "an invalid file: 65, the others' agenda printed" eval \
    'status_is 65 && out_has "Ann Allergy" && err_has "err-unknown-key.yaml:4:1: error"'
prolo agenda --clinic $clinic "$tmp/missing.yaml" $all
result "an unreadable file: 66" eval 'status_is 66 && err_has "missing.yaml"'

# --- -o -------------------------------------------------------------------

prolo agenda -f csv -o "$tmp/week.csv" --clinic $clinic $all
result "-o: written whole, mode 0600, nothing on standard output" eval \
    'status_is 0 && no_stdout && [ "$(stat -c %a "$tmp/week.csv")" = 600 ] &&
    [ "$(wc -l <"$tmp/week.csv")" -eq 5 ]'
cp "$tmp/week.csv" "$tmp/week.before"
prolo agenda -f csv -o "$tmp/week.csv" --clinic $clinic $all "$tmp/missing.yaml"
result "-o: a run with an unreadable file leaves the file as it was" eval \
    'status_is 66 && cmp -s "$tmp/week.csv" "$tmp/week.before"'
prolo agenda -f csv -o "$tmp/week.csv" --clinic $clinic $all tests/cases/noplan-no-day.yaml
result "-o: a patient with no plan is an answer: the file is replaced" eval \
    'status_is 1 && cmp -s "$tmp/week.csv" "$tmp/week.before"'
cp $c/ann.yaml "$tmp/ann.yaml"
prolo agenda -o "$tmp/ann.yaml" --clinic $clinic "$tmp/ann.yaml"
result "-o: an input is never the output" eval \
    'status_is 73 && cmp -s "$tmp/ann.yaml" $c/ann.yaml'

# --- html -----------------------------------------------------------------

prolo agenda -f html --clinic $clinic $all
result "html: a page with a table per day of visits, the empty days said so" eval \
    'status_is 0 && out_has "^<!DOCTYPE html>$" &&
    [ "$(grep -c "<section class=\"day\">" "$tmp/out")" -eq 7 ] &&
    [ "$(grep -c "<table>" "$tmp/out")" -eq 2 ] &&
    [ "$(grep -c "No visits." "$tmp/out")" -eq 5 ] &&
    out_has "<span class=\"name\" dir=\"auto\">Ben Bleeder, Jr.</span>"'
sed 's/name: Ann Allergy/name: "<b>Ann<\/b> \&amp; Co"/' $c/ann.yaml >"$tmp/nasty.yaml"
prolo agenda -f html --clinic $clinic "$tmp/nasty.yaml"
result "html: names escaped" eval \
    'out_has "&lt;b&gt;Ann&lt;/b&gt; &amp;amp; Co" && ! out_has "<b>"'

# --- the clinic's calendar ------------------------------------------------

cat >"$tmp/ics.py" <<'PY'
# ics.py AGENDA.ics AGENDA.csv: the calendar has an event per row of the
# CSV agenda, named after the patient, with the clinic's visit length
# where there is a time and a whole day where there is none, and no
# patient ID in any UID.
import csv, datetime, sys
import icalendar
with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
with open(sys.argv[2], newline="") as f:
    rows = list(csv.DictReader(f))
events = list(cal.walk("VEVENT"))
def check(what, cond):
    print(("ok - " if cond else "not ok - ") + "ics: " + what)
check("an event per visit", len(events) == len(rows) > 0)
ids = {r["patient_id"] for r in rows}
uids = [str(e["UID"]) for e in events]
check("UIDs unique", len(set(uids)) == len(uids))
check("no patient ID in any UID",
      not any(i.lower() in u.lower() for u in uids for i in ids))
ok_names = ok_when = True
for e, r in zip(events, rows):
    want = "%s (%s): %s, visit %s of %s" % (r["patient_name"],
        r["patient_id"], r["protocol"], r["visit"], r["visits"])
    ok_names &= str(e["SUMMARY"]) == want
    start = e["DTSTART"].dt
    if r["time"]:
        ok_when &= (isinstance(start, datetime.datetime) and
            start.strftime("%Y-%m-%d %H:%M") == r["date"] + " " + r["time"]
            and e["DURATION"].dt == datetime.timedelta(minutes=30))
    else:
        ok_when &= (not isinstance(start, datetime.datetime) and
            start.isoformat() == r["date"] and
            str(e.get("TRANSP")) == "TRANSPARENT")
check("each SUMMARY names the patient, the protocol and visit k of n", ok_names)
check("timed visits last the clinic's 30 minutes, untimed ones a free day", ok_when)
check("the clinic's zone", str(cal.get("X-WR-TIMEZONE")) == "America/New_York")
PY
prolo agenda -f csv --clinic $clinic --from 2026-11-27 --to 2027-01-31 $all
cp "$tmp/out" "$tmp/cal.csv"
prolo agenda -f ics --clinic $clinic --from 2026-11-27 --to 2027-01-31 $all
cp "$tmp/out" "$tmp/cal.ics"
result "ics: written, status 0" status_is 0
if $PYTHON -c 'import icalendar' 2>/dev/null; then
	$PYTHON "$tmp/ics.py" "$tmp/cal.ics" "$tmp/cal.csv" >"$tmp/tally" 2>&1
	tally "$tmp/tally"
else
	not_ok "ics: python3-icalendar is missing ($PYTHON)"
fi
prolo agenda -f ics --clinic $clinic --from 2026-11-27 --to 2027-01-31 $all
result "ics: the same calendar from run to run, UIDs and all" \
    cmp -s "$tmp/out" "$tmp/cal.ics"
prolo agenda -f ics --clinic $clinic --from 2026-12-01 --to 2026-12-01 $c/dan.yaml
result "ics: a visit's UID does not change with the range" eval \
    'uid=$(grep "^UID:" "$tmp/out" | head -n 1) && [ -n "$uid" ] &&
    grep -q "^$uid" "$tmp/cal.ics"'

finish agenda
