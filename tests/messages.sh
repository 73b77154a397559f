#!/bin/sh
# Messages that name the real cause and help fix it: a clinic's open
# days, times and closures rather than the patient's; other words for
# keys; a tab in indentation; a first visit later than the patient's
# start.  Cases are in tests/cases-messages.  Run from the repository
# root; PROLO_WRAP may hold a command to run prolo under.

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "messages: run from the repository root after make" >&2
	exit 2
fi
test_env messages
. tests/helpers.inc
c=tests/cases-messages

# --- no day for a visit: the real cause -------------------------------

prolo plan --clinic data/clinic.yaml $c/saturday.yaml
result "a Saturday-only patient at a clinic closed on Saturdays: the clinic's days are named" \
    eval "status_is 1 && no_stdout && err_has \"saturday.yaml: error: no plan: no day in the 366 days from 2026-12-01 can take a visit: the clinic is open mon to fri (open), and the patient can come only on sat (weekdays); widen the patient's 'weekdays'\$\" &&
    ! err_has 'weekdays, unavailable'"
prolo plan $c/saturday.yaml
result "the same patient at a clinic open every day is planned" eval 'status_is 0'

# --- a late first visit, explained -----------------------------------

closed=$c/closed.clinic.yaml
prolo plan --clinic $closed $c/late.yaml
result "a first visit after a closure: the handout says why, with long dates" \
    eval "status_is 0 && tr '\n' ' ' <\"\$tmp/out\" | sed 's/  */ /g' |
    grep -q 'Your first visit is on Monday 14 December 2026, not earlier, because the clinic is closed from Tuesday 1 December 2026 to Sunday 13 December 2026\\.'"
result "a first visit after a closure: stderr names the closure for the clinician" \
    eval "err_has 'late.yaml: warning: the first visit is planned on 2026-12-14, 13 days after the earliest day it could be (2026-12-01), because the clinic is closed for Refurbishment from 2026-12-01 to 2026-12-13 (closures)\$'"
prolo plan --lang es --clinic $closed $c/late.yaml
result "a first visit after a closure: the Spanish handout says why" \
    eval "tr '\n' ' ' <\"\$tmp/out\" | sed 's/  */ /g' |
    grep -q 'Su primera visita es el lunes 14 de diciembre de 2026, no antes, porque la clínica está cerrada del martes 1 de diciembre de 2026 al domingo 13 de diciembre de 2026\\.'"
prolo plan $c/away.yaml
result "a first visit after the patient's own unavailable dates: said so" \
    eval "status_is 0 && tr '\n' ' ' <\"\$tmp/out\" | sed 's/  */ /g' |
    grep -q 'Your first visit is on Monday 21 December 2026, not earlier, because you told us you cannot come from Tuesday 1 December 2026 to Sunday 20 December 2026\\.' &&
    err_has 'because the patient cannot come from 2026-12-01 to 2026-12-20 (unavailable)\$'"
prolo plan $c/prompt.yaml
result "a first visit on the start is not explained" \
    eval "status_is 0 && ! out_has 'not earlier' && ! err_has 'first visit is planned'"
prolo plan --clinic $closed data/examples/jane-doe.yaml
result "a course begun (history) is not called late" \
    eval "status_is 0 && ! err_has 'first visit is planned'"

# --- other words for keys --------------------------------------------

# key FILE-KIND KEY WANT: a file of that kind with KEY in it is refused
# at the key, pointing to WANT.
key() {
	case $1 in
	clinic)
		printf 'open: [mon, tue]\n%s: []\n' "$2" >"$tmp/k.yaml"
		prolo check --clinic "$tmp/k.yaml" data/examples/jane-doe.yaml ;;
	patient)
		printf 'patient: {id: "1", name: A}\nprotocol: standard\nstart: 2026-12-01\n%s: []\n' \
		    "$2" >"$tmp/k.yaml"
		prolo check "$tmp/k.yaml" ;;
	person)
		printf 'patient: {id: "1", name: A, %s: 1970-01-01}\nprotocol: standard\nstart: 2026-12-01\n' \
		    "$2" >"$tmp/k.yaml"
		prolo check "$tmp/k.yaml" ;;
	esac
	result "$1 file: '$2' points to '$3'" eval \
	    "status_is 65 && err_has \"k.yaml:.*unknown key '$2' (did you mean '$3'?)\""
}

for k in holidays holiday vacation closed; do
	key clinic "$k" closures
done
key clinic open_days open
key patient holidays unavailable
key patient days weekdays
key patient availability weekdays
key patient meds medications
key patient drugs medications
key patient allergy allergies
key person dob birth_date
key person birthdate birth_date
key person date_of_birth birth_date
# A word points only to a key the file has: a protocol has no closures.
sed 's/^max_course_days:/holidays: []\nmax_course_days:/' \
    data/protocols/standard.yaml >"$tmp/standard.yaml"
prolo check "$tmp/standard.yaml"
result "a protocol's 'holidays' points nowhere: protocols have no closures" \
    eval "status_is 65 && err_has \"unknown key 'holidays'\$\""

# --- a tab in indentation --------------------------------------------

printf 'patient:\n  id: "1"\n\tname: A\nprotocol: standard\nstart: 2026-12-01\n' \
    >"$tmp/tab.yaml"
prolo check "$tmp/tab.yaml"
result "a tab in indentation is named at the tab, not libyaml's words" \
    eval "status_is 65 && err_has 'tab.yaml:3:1: error: a tab is used for indentation; YAML indents with spaces only\$' &&
    ! err_has 'cannot start any token'"
printf 'open: [mon]\n\tclosures: []\n' >"$tmp/tab.yaml"
prolo check --clinic "$tmp/tab.yaml" data/examples/jane-doe.yaml
result "a tab in a clinic file's indentation too" \
    eval "status_is 65 && err_has 'tab.yaml:2:1: error: a tab is used for indentation'"
printf 'patient: {id: "1", name: "A"}\t# a\ttab\nprotocol:\tstandard  \t# a comment\nstart: 2026-12-01\n' \
    >"$tmp/tab.yaml"
prolo check "$tmp/tab.yaml"
result "a tab after content or in a comment is no error" eval 'status_is 0'

finish messages
