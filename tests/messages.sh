#!/bin/sh
# Messages that name the real cause and help fix it: a clinic's open
# days, times and closures rather than the patient's; other words for
# keys; a tab in indentation; a first visit later than the patient's
# start.  Cases are in tests/cases-messages.  Run from the repository
# root; PROLO_WRAP may hold a command to run prolo under.

if [ ! -x ./prolo ]; then
	echo "messages: run from the repository root after make" >&2
	exit 2
fi
. tests/env.inc
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
