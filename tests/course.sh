#!/bin/sh
# The course over time, through the binary: visits already booked, visits
# missed, a restart after a lapse and a course that ends early, each as
# issue 13 tells it, in every format, and `check` refusing exactly what
# `plan` refuses of the new keys.  Run from the repository root after
# make.  PROLO_WRAP may hold a command to run prolo under.

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "course: run from the repository root after make" >&2
	exit 2
fi
test_env course
. tests/helpers.inc

cases=$top/tests/cases-course
training=$cases/training.clinic.yaml

# line DATE: the CSV line of the visit on DATE.
line() { grep -- ",$1," "$tmp/out"; }

# event YYYYMMDD: the lines of the calendar's event on that day.
event() {
	awk -v d="$1" '/^BEGIN:VEVENT/ { n = 0 } { ev[n++] = $0 }
	    /^DTSTART/ && index($0, ":" d) { hit = 1 }
	    /^END:VEVENT/ { if (hit) for (i = 0; i < n; i++) print ev[i]; hit = 0 }' \
	    "$tmp/out"
}

# The handout's words, its lines joined, so a sentence wrapped over two
# lines is found whole.
flat() { tr '\n' ' ' < "$tmp/out" | tr -s ' '; }
flat_has() { flat | grep -q -- "$1"; }

# patient FILE LINES...: a knee-oa patient (14 to 21 days, 4 to 10
# visits, 183 days) starting 2026-12-01, with the lines given.
patient() {
	f=$tmp/$1
	shift
	{
		printf 'patient: {id: K-1, name: Kim Course}\n'
		printf 'protocol: knee-oa\nstart: 2026-12-01\n'
		for l in "$@"; do
			printf '%s\n' "$l"
		done
	} > "$f"
}

# --- a booked visit on a closure added since: kept, and warned about ------

prolo plan --clinic "$training" "$cases/booked-closure.yaml"
result "booked 12-09, then closed for training: the visit stays, warned" eval \
    'status_is 0 && out_has "^2  *Wed 9 Dec 2026  *21  *1  *booked" &&
    err_has "booked-closure.yaml: warning: booked visit 2 on 2026-12-09 is kept although the clinic is closed that day (Staff training)"'
prolo plan -f csv --clinic "$training" "$cases/booked-closure.yaml"
result "CSV: the booked visit's status is booked, the rest planned" eval \
    'status_is 0 && line 2026-12-09 | grep -q ",2,4,2026-12-09,Wed,21,knee,1,booked," &&
    [ "$(grep -c ",planned," "$tmp/out")" -eq 2 ]'
prolo plan -f json --clinic "$training" "$cases/booked-closure.yaml"
result "JSON: booked, and the warning names the visit and the closure" eval \
    'status_is 0 && grep -q "\"date\": \"2026-12-09\".*\"status\": \"booked\"" "$tmp/out" &&
    out_has "booked visit 2 on 2026-12-09 is kept although the clinic is closed that day (Staff training)"'
prolo plan -f ics --clinic "$training" "$cases/booked-closure.yaml"
result "iCalendar: the booked visit is CONFIRMED, planned ones TENTATIVE" eval \
    'status_is 0 &&
    event 20261209 | grep -q "^STATUS:CONFIRMED" &&
    [ "$(grep -c "^STATUS:TENTATIVE" "$tmp/out")" -eq 2 ] &&
    [ "$(grep -c "^STATUS:CONFIRMED" "$tmp/out")" -eq 1 ]'

# Without the booking the same patient moves off the closed day: the
# booking, not luck, is what kept 12-09.
grep -v '^booked' "$cases/booked-closure.yaml" > "$tmp/unbooked.yaml"
prolo plan -f csv --clinic "$training" "$tmp/unbooked.yaml"
result "unbooked, the same patient is planned off the closed day" eval \
    'status_is 0 && ! out_has ",2026-12-09," && out_has ",2,4,2026-12-08,Tue,20,"'

# --- a booked visit that leaves no plan: exit 1, naming it ----------------

prolo plan --clinic "$training" "$cases/booked-infeasible.yaml"
result "booked after the course's last day: exit 1, named at its line" eval \
    'status_is 1 && no_stdout &&
    err_has "booked-infeasible.yaml:10:10: error: no plan: the booked visit on 2026-12-16 is after 2026-12-10, the last day of the course (it began on 2026-06-10; max_course_days 183); move or cancel it"'
for f in csv json ics html; do
	prolo plan -f $f --clinic "$training" "$cases/booked-infeasible.yaml"
	result "$f: the same exit 1, and nothing printed" eval \
	    'status_is 1 && no_stdout && err_has "the booked visit on 2026-12-16"'
done

# Booked visits further apart than the course may last: the last one is
# in the way (without it the course fits; without the first it does not,
# the fourth visit then falling after 2027-06-30).
patient span.yaml 'visits: 4' 'booked: [2026-12-02, 2026-12-30, 2027-06-30]'
prolo plan "$tmp/span.yaml"
result "booked visits over 210 days, 183 allowed: exit 1, the one in the way" eval \
    'status_is 1 && no_stdout &&
    err_has "span.yaml:5:34: error: no plan: the booked visit on 2027-06-30 is more than 183 days (max_course_days) after the booked visit on 2026-12-02; move or cancel one of them"'

# --- planned visits fill the course around booked ones ---------------------

prolo plan -f csv "$cases/booked-around.yaml"
result "two booked visits: planned ones before, between and after" eval \
    'status_is 0 && out_has ",1,6,2026-12-01,Tue,,knee,1,planned,,," &&
    out_has ",2,6,2026-12-22,Tue,21,knee,1,booked,,," &&
    out_has ",3,6,2027-01-05,Tue,14,knee,1,planned,,," &&
    out_has ",4,6,2027-01-26,Tue,21,knee,1,booked,09:15,yes,," &&
    out_has ",6,6,2027-03-09,Tue,21,knee,1,planned,,,"'
prolo plan -f ics "$cases/booked-around.yaml"
result "iCalendar: the booked time is kept, CONFIRMED" eval \
    'status_is 0 && event 20270126 | grep -q "^DTSTART:20270126T091500" &&
    event 20270126 | grep -q "^STATUS:CONFIRMED"'

# A booked visit on a day the patient said she cannot come, and two
# booked visits closer than the protocol allows: kept, each warned of.
patient away.yaml 'visits: 4' 'unavailable: [{from: 2026-12-14, to: 2026-12-18}]' \
    'booked: [2026-12-15, 2026-12-22]'
prolo plan -f csv "$tmp/away.yaml"
result "booked on an unavailable day, and 7 days apart: both kept, both warned" eval \
    'status_is 0 && out_has ",2,4,2026-12-15,Tue,14,knee,1,booked," &&
    out_has ",3,4,2026-12-22,Tue,7,knee,1,booked," &&
    err_has "booked visit 2 on 2026-12-15 is kept although the patient cannot come that day" &&
    err_has "visits 2 and 3 are 7 days apart, outside the protocol.s 14 to 21, and both are fixed (given or booked): kept"'

# A first booked visit past the window after the last given one, no
# planned visit able to come between: the booking makes a lapse, and the
# course restarts, no visit to come within 21 days of the last given.
patient late.yaml 'visits: 4' 'history: [2026-11-18]' 'booked: [2027-02-10]'
prolo plan -f csv "$tmp/late.yaml"
result "booked 84 days after the last visit, 21 allowed: a lapse, and a restart" eval \
    'status_is 0 && err_has "lapse: the next visit on 2026-12-30 is 42 days after the last visit on 2026-11-18" &&
    out_has ",2,4,2026-12-30,Wed,,knee,1,planned,,,yes," &&
    out_has ",4,4,2027-02-10,Wed,21,knee,1,booked,"'
patient late1.yaml 'visits: 4' 'history: [2026-11-10]' 'booked: [2026-12-02]'
prolo plan -f csv "$tmp/late1.yaml"
result "booked 22 days after the last visit: the course restarts at the booking" eval \
    'status_is 0 && err_has "lapse: the next visit on 2026-12-02 is 22 days after the last visit on 2026-11-10" &&
    out_has ",2,4,2026-12-02,Wed,,knee,1,booked,,,yes,"'
# Room for a visit between: no lapse, the planned visit comes first.
patient between.yaml 'visits: 4' 'history: [2026-11-10]' 'booked: [2026-12-15]'
prolo plan -f csv "$tmp/between.yaml"
result "booked 35 days after the last visit, a visit fits between: no lapse" eval \
    'status_is 0 && ! err_has "lapse" && ! out_has ",yes,,\$" &&
    out_has ",2,4,2026-12-01,Tue,21,knee,1,planned," &&
    out_has ",3,4,2026-12-15,Tue,14,knee,1,booked,"'

# --- a restart after the holidays now plans --------------------------------

prolo plan "$cases/restart.yaml"
result "Achilles course lapsed over the holidays: it restarts and plans" eval \
    'status_is 0 && out_has "^4  *Mon 11 Jan 2027  *fresh start  *1  *planned" &&
    out_has "^8  *Mon 8 Feb 2027  *7  *1  *planned" &&
    out_has "^1  *Wed 7 Oct 2026  *1  *done" &&
    flat_has "So your course starts again from your next visit" &&
    err_has "restarts there: its intervals and max_course_days count from it (after_lapse: restart)"'
prolo plan -f csv "$cases/restart.yaml"
result "CSV: restart is yes on the first visit after the lapse only" eval \
    'status_is 0 && [ "$(grep -c ",yes," "$tmp/out")" -eq 1 ] &&
    line 2027-01-11 | grep -q ",4,8,2027-01-11,Mon,,achilles tendon,1,planned,,,yes,"'
prolo plan -f json "$cases/restart.yaml"
result "JSON: restarted, and restart on that visit" eval \
    'status_is 0 && out_has "\"restarted\": true" &&
    grep -q "\"date\": \"2027-01-11\".*\"restart\": true" "$tmp/out" &&
    [ "$(grep -c "\"restart\": true" "$tmp/out")" -eq 1 ]'
prolo plan -f html "$cases/restart.yaml"
result "HTML: the fresh start and why" eval \
    'status_is 0 && out_has "fresh start" && out_has "So your course starts again from your next visit"'

# after_lapse: continue keeps counting from the course's first visit:
# the old refusal, as the protocol asks.
mkdir "$tmp/protocols"
sed 's/^after_lapse:.*//' "$top/data/protocols/achilles-tendinopathy.yaml" \
    > "$tmp/protocols/achilles-tendinopathy.yaml"
printf 'after_lapse: continue\n' >> "$tmp/protocols/achilles-tendinopathy.yaml"
prolo plan --protocols "$tmp/protocols" "$cases/restart.yaml"
result "after_lapse: continue: the course still counts from 2026-10-07" eval \
    'status_is 1 && no_stdout &&
    err_has "no plan: the course began on 2026-10-07 and must end within 91 days (max_course_days), by 2027-01-06"'
printf 'after_lapse: again\n' >> "$tmp/protocols/achilles-tendinopathy.yaml"
prolo plan --protocols "$tmp/protocols" "$cases/restart.yaml"
result "after_lapse takes restart or continue only" eval \
    'status_is 65 && err_has "achilles-tendinopathy.yaml:[0-9]*:[0-9]*: error: .*after_lapse"'

# --- an early end after 3 visits of knee-oa --------------------------------

prolo plan "$cases/ended.yaml"
result "ended after 3 of at least 4: the plan says so, and plans nothing" eval \
    'status_is 0 && flat_has "Your course ended early on Friday 27 November 2026: better after 3 visits. No more visits are planned." &&
    ! out_has "planned$" && out_has "^3  *Tue 17 Nov 2026  *21  *1  *done" &&
    err_has "warning: the course ended early on 2026-11-27: better after 3 visits"'
prolo plan -f csv "$cases/ended.yaml"
result "CSV: every line carries the end and its reason" eval \
    'status_is 0 && [ "$(grep -c ",2026-11-27,better after 3 visits" "$tmp/out")" -eq 3 ] &&
    ! out_has ",planned,"'
prolo plan -f json "$cases/ended.yaml"
result "JSON: ended has the date and reason" eval \
    'status_is 0 && tr -d " \n" < "$tmp/out" | grep -q "\"ended\":{\"date\":\"2026-11-27\",\"reason\":\"betterafter3visits\"}"'
prolo plan -f ics "$cases/ended.yaml"
result "iCalendar: no visit, and a note that the course ended early" eval \
    'status_is 0 && ! out_has "^BEGIN:VEVENT" && out_has "^BEGIN:VJOURNAL" &&
    out_has "^SUMMARY:Prolotherapy course ended early"'
prolo plan -f html "$cases/ended.yaml"
result "HTML: the end and why" eval \
    'status_is 0 && out_has "Your course ended early on Friday 27 November 2026: better after 3 visits."'

# Ended before a visit booked after it: refused, as check refuses it.
patient ended-booked.yaml 'history: [2026-11-03]' 'booked: [2026-12-15]' \
    'ended: {date: 2026-11-27, reason: moved away}'
prolo plan "$tmp/ended-booked.yaml"
result "a booked visit after the end: data error at it" eval \
    'status_is 65 && no_stdout && err_has "ended-booked.yaml:5:10: error: .*2026-12-15"'

# An end on a day to come: the course is planned up to it, not after.
patient ends-soon.yaml 'visits: 6' 'history: [2026-11-10]' \
    'ended: {date: 2026-12-22, reason: moving away}'
prolo plan -f csv "$tmp/ends-soon.yaml"
result "an end on 2026-12-22: the visits up to it, none after" eval \
    'status_is 0 && out_has ",2,3,2026-12-01,Tue,21,knee,1,planned,,,,2026-12-22,moving away" &&
    out_has ",3,3,2026-12-22,Tue,21,knee,1,planned," && [ "$(wc -l < "$tmp/out")" -eq 4 ]'
prolo plan "$tmp/ends-soon.yaml"
result "the handout says it ends, not that it ended" eval \
    'status_is 0 && flat_has "Your course ends early, on Tuesday 22 December 2026: moving away. No visits are planned after that day." &&
    err_has "the course ends early on 2026-12-22: moving away; no visit is planned after it"'

# --- a missed visit between two given ones ---------------------------------

prolo plan "$cases/missed.yaml"
result "missed: listed without a number; the interval skips it" eval \
    'status_is 0 && out_has "^  *Tue 3 Nov 2026  *missed" &&
    out_has "^2  *Tue 10 Nov 2026  *21  *1  *done" &&
    out_has "^5  *Tue 12 Jan 2027  *21  *1  *planned"'
prolo plan -f csv "$cases/missed.yaml"
result "CSV: status missed, no visit number, no interval" eval \
    'status_is 0 && out_has "^C-6,Max Missed,knee-oa,,5,2026-11-03,Tue,,knee,0,missed," &&
    [ "$(grep -c ",done," "$tmp/out")" -eq 2 ] && [ "$(grep -c ",planned," "$tmp/out")" -eq 3 ]'
prolo plan -f json "$cases/missed.yaml"
result "JSON: the missed visit has visit null and status missed" eval \
    'status_is 0 && grep -q "\"visit\": null, \"date\": \"2026-11-03\".*\"status\": \"missed\"" "$tmp/out"'
prolo plan -f html "$cases/missed.yaml"
result "HTML: the missed row" eval \
    'status_is 0 && out_has "<tr class=\"missed\"><td class=\"num\"></td><td><time datetime=\"2026-11-03\">"'

# A missed visit alone after the last given one does not stand in for it:
# the lapse counts from the visit given.
patient missed-last.yaml 'visits: 4' \
    'history: [2026-10-06, {date: 2026-11-03, missed: true}]'
prolo plan -f csv "$tmp/missed-last.yaml"
result "only a missed visit since 10-06: a lapse from 10-06, not from 11-03" eval \
    'status_is 0 && err_has "after the last visit on 2026-10-06" &&
    out_has ",2,4,2026-12-01,Tue,,knee,1,planned,,,yes,"'

# --- extending a course keeps to the protocol's bounds -----------------------

patient extend.yaml 'visits: 8' 'history: [2026-10-20, 2026-11-10]'
prolo plan -f csv "$tmp/extend.yaml"
result "8 visits after 2 given: 6 planned" eval \
    'status_is 0 && [ "$(grep -c ",planned," "$tmp/out")" -eq 6 ]'
patient too-many.yaml 'visits: 11' 'history: [2026-10-20, 2026-11-10]'
prolo plan "$tmp/too-many.yaml"
result "11 visits, 10 allowed: a data error" eval \
    'status_is 65 && err_has "too-many.yaml:4:9: error: visits must be between 4 and 10"'

# --- check refuses what plan refuses of the new keys -----------------------

bad() {
	name=$1
	want=$2
	shift 2
	patient "$name.yaml" "$@"
	prolo plan "$tmp/$name.yaml"
	pst=$st
	cp "$tmp/err" "$tmp/plan.err"
	prolo check "$tmp/$name.yaml"
	result "$name: plan and check both exit 65, with the same message" eval \
	    '[ "$pst" -eq 65 ] && status_is 65 && cmp -s "$tmp/err" "$tmp/plan.err" &&
	    err_has "$want"'
}
bad booked-past "before today" 'booked: [2026-11-20]'
bad booked-today-history "booked" 'history: [2026-11-20]' 'booked: [2026-11-20]'
bad booked-order "booked" 'booked: [2026-12-22, 2026-12-08]'
bad booked-time "time" 'booked: [{date: 2026-12-08, time: "25:00"}]'
bad booked-key "booked" 'booked: [{date: 2026-12-08, room: 3}]'
bad missed-future "future" 'history: [{date: 2026-12-20, missed: true}]'
bad missed-word "missed" 'history: [{date: 2026-11-20, missed: maybe}]'
bad ended-early "ended" 'history: [2026-11-03]' \
    'ended: {date: 2026-10-01, reason: better}'
bad ended-no-reason "reason" 'ended: {date: 2026-11-20}'
bad ended-future-empty "ended" 'ended: {date: 2026-11-20, reason: ""}'

good() {
	name=$1
	shift
	patient "$name.yaml" "$@"
	prolo plan "$tmp/$name.yaml"
	pst=$st
	prolo check "$tmp/$name.yaml"
	result "$name: plan and check both accept it" eval \
	    '[ "$pst" -eq 0 ] && status_is 0'
}
good booked-time-ok 'visits: 4' 'booked: [{date: 2026-12-08, time: "08:30"}]'
good missed-ok 'visits: 4' 'history: [2026-11-03, {date: 2026-11-17, missed: true}]'
good ended-ok 'history: [2026-11-03]' 'ended: {date: 2026-11-20, reason: "moved away"}'

finish course
