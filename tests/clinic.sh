#!/bin/sh
# The clinic's world (tests/cases-clinic): closures that force every
# interval to an edge, a closure that makes a course impossible (named
# in the message), holidays across a year end, appointment slots, cost,
# a review visit, and Spanish handouts.  Run from the repository root.
# PROLO_WRAP may hold a command to run prolo under.

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "clinic: run from the repository root after make" >&2
	exit 2
fi
test_env clinic
unset PROLO_CLINIC
c=tests/cases-clinic
# Whether the handout has a sentence, its lines joined.
flat_has() { tr '\n' ' ' < "$tmp/out" | tr -s ' ' | grep -q -- "$1"; }
full=$c/clinic-full.yaml
. tests/helpers.inc
# dates: the date column of CSV rows, then the time column, on one line.
col_dates() { sed 1d "$tmp/out" | cut -d, -f6 | tr '\n' ' '; }
col_times() { sed 1d "$tmp/out" | cut -d, -f12 | tr '\n' ' '; }

prolo plan -f csv --clinic $c/edge.clinic.yaml $c/edge.yaml
result "closures force intervals to 14, 21 and 14 days, the edges" eval \
    'status_is 0 && [ "$(col_dates)" = "2026-12-01 2026-12-15 2027-01-05 2027-01-19 " ]'

prolo plan --clinic $c/blocked.clinic.yaml $c/blocked.yaml
result "a closure that leaves no plan is named, with the visit" eval \
    'status_is 1 && [ ! -s "$tmp/out" ] && grep -q "no plan: visit 3 cannot fit: the clinic is closed for Winter break from 2026-12-05 to 2026-12-20, and visits must be 14 to 21 days apart" "$tmp/err"'

prolo plan -f csv --clinic $full $c/timed.yaml
result "afternoons: no Fridays (closing at noon), across the winter break and a closed Monday" eval \
    'status_is 0 && [ "$(col_dates)" = "2026-12-14 2027-01-04 2027-01-25 2027-02-08 " ] &&
    [ "$(col_times)" = "13:30 13:30 13:30 13:30 " ]'

prolo plan -f csv --clinic $full data/examples/jane-doe.yaml
result "the winter break and a closed day move jane-doe's visits" eval \
    'status_is 0 && [ "$(col_dates)" = "2026-11-03 2026-11-24 2026-12-14 2027-01-04 2027-01-22 2027-02-12 " ]'

PROLO_CLINIC=$full
export PROLO_CLINIC
prolo plan -f csv $c/at-time.yaml
unset PROLO_CLINIC
result "PROLO_CLINIC, and a fixed time on every visit" eval \
    'status_is 0 && [ "$(col_times)" = "09:15 09:15 09:15 09:15 " ]'

prolo plan --clinic $full $c/bad-time.yaml
result "a time the clinic does not offer is an error at the key" eval \
    'status_is 65 && grep -q "bad-time.yaml:5:7: error: .time. .09:40. is not one of the clinic.s appointment times (08:30, 09:15, 13:30, 14:15)" "$tmp/err"'

prolo plan --clinic $full $c/timed.yaml
result "handout: clinic, time column and cost" eval \
    'grep -q "^Clinic  *Harbour Clinic, 12 Harbour Street, Springfield$" "$tmp/out" &&
    grep -q "^Phone  *555-0100$" "$tmp/out" &&
    grep -q "^1  *Mon 14 Dec 2026  13:30 " "$tmp/out" &&
    grep -q "4 planned visits at USD 150.00 each: USD 600.00 in all." "$tmp/out"'

prolo plan -f json --clinic $full $c/timed.yaml
result "json: time and cost" eval \
    'grep -q "\"time\": \"13:30\"" "$tmp/out" &&
    grep -q "\"cost\": {\"visits\": 4, \"per_visit\": \"150.00\", \"total\": \"600.00\", \"currency\": \"USD\"}" "$tmp/out"'

prolo plan -f ics --clinic $full $c/timed.yaml
result "ics: timed events in floating time, 45 minutes, the clinic's zone" eval \
    'grep -q "^DTSTART:20261214T133000.$" "$tmp/out" &&
    grep -q "^DTEND:20261214T141500.$" "$tmp/out" &&
    grep -q "^X-WR-TIMEZONE:America/New_York.$" "$tmp/out" &&
    grep -q "^TRIGGER:-P1D.$" "$tmp/out"'

prolo plan -f csv data/examples/jane-doe.yaml --clinic tests/clinic-open.yaml
result "no wish for a time: no time is made up" eval \
    'status_is 0 && [ "$(col_times)" = "      " ]'

prolo plan --clinic tests/clinic-open.yaml $c/review.yaml
result "review visit: noted under the table" eval \
    'grep -q "^> Visit 3 on Tuesday 12 January 2027 is a review. If nothing has improved" "$tmp/out"'
prolo plan -f csv --clinic tests/clinic-open.yaml $c/review.yaml
result "review visit: csv review column" eval \
    '[ "$(sed 1d "$tmp/out" | cut -d, -f13 | tr -d "\r" | tr "\n" " ")" = "  yes   " ]'

prolo plan --clinic tests/clinic-open.yaml $c/spanish.yaml
result "lang: es gives a Spanish handout, weekdays and all" eval \
    'status_is 0 && grep -q "^Su plan de tratamiento con proloterapia$" "$tmp/out" &&
    grep -q "^1  *mar 5 ene 2027 " "$tmp/out" &&
    flat_has "Para la visita 1 del martes 5 de enero de 2027: Tome la última dosis de naproxen el viernes 1 de enero de 2027. Vuelva a tomarlo el miércoles 13 de enero de 2027."'
prolo plan --lang es --clinic tests/clinic-open.yaml data/examples/new-patient.yaml
result "--lang es" eval 'status_is 0 && grep -q "^Sus visitas$" "$tmp/out"'
prolo plan --lang fr data/examples/new-patient.yaml
result "--lang with no care text is a usage error" eval 'status_is 64'
sed 's/lang: es/lang: fr/' $c/spanish.yaml > "$tmp/fr.yaml"
prolo plan --clinic tests/clinic-open.yaml "$tmp/fr.yaml"
result "lang: with no care text is an error at the key" eval \
    'status_is 65 && grep -q "fr.yaml:5:7: error: no handout text for language .fr." "$tmp/err"'
prolo plan -f html --clinic tests/clinic-open.yaml $c/spanish.yaml
result "html: lang=es" eval 'grep -q "<html lang=\"es\">" "$tmp/out"'

prolo plan --clinic tests/clinic-open.yaml $c/classes.yaml
result "holds by class: NSAID 3/7 days, low-dose aspirin 3/1 with the prescriber first, an oral steroid kept, statin none" eval \
    'status_is 0 &&
    flat_has "For visit 1 on Tuesday 1 December 2026: Take your last dose of ibuprofen on Friday 27 November 2026. Start taking it again on Wednesday 9 December 2026. Ask the doctor who prescribed Aspirin 81 mg before you stop it. Only if they agree, take your last dose on Friday 27 November 2026 and start taking it again on Thursday 3 December 2026." &&
    grep -q "^\* Keep taking prednisone. Do not stop it for your injections; your clinician$" "$tmp/out" &&
    ! grep -q "of prednisone\|prescribed prednisone" "$tmp/out" &&
    grep -q "warning: medication .prednisone. is never paused on a schedule" "$tmp/err" &&
    ! grep -q "atorvastatin" "$tmp/out"'
prolo plan -f json --clinic tests/clinic-open.yaml $c/classes.yaml
result "json: holds carry prescribed, a medicine never paused is kept" eval \
    'grep -q "\"drug\": \"Aspirin 81 mg\", \"from\": \"2026-11-28\", \"to\": \"2026-12-02\", \"prescribed\": true" "$tmp/out" &&
    grep -q "\"drug\": \"ibuprofen\", \"from\": \"2026-11-28\", \"to\": \"2026-12-08\", \"prescribed\": false" "$tmp/out" &&
    ! grep -q "\"drug\": \"prednisone\", \"from\"" "$tmp/out" &&
    grep -q "{\"drug\": \"prednisone\", \"class\": \"oral-steroids\"}" "$tmp/out"'
prolo plan --clinic tests/clinic-open.yaml $c/badclass.yaml
result "a hold naming an unknown class is an error in the protocol" eval \
    'status_is 65 && grep -q "badclass.protocol.yaml:11:12: error: unknown drug class .nsaid. (did you mean .nsaids.?)" "$tmp/err"'

r=$c/rules.clinic.yaml
prolo plan --clinic $r $c/rules-note-warn.yaml
result "rules: a note on the handout only, a warning on the handout and stderr" eval \
    'status_is 0 && grep -q "^! Check your blood sugar on injection days.$" "$tmp/out" &&
    grep -q "^! Oral steroids may weaken healing.$" "$tmp/out" &&
    grep -q "warning: rule .steroid. (Prednisolone 5 mg): Oral steroids may weaken healing.$" "$tmp/err" &&
    ! grep -q "diabetes" "$tmp/err"'
sed 's/^start:/lang: es\nstart:/' $c/rules-note-warn.yaml > "$tmp/rules-es.yaml"
prolo plan --clinic $r "$tmp/rules-es.yaml"
result "rules: the text in the handout's language" eval \
    'grep -q "^! Los corticoides pueden debilitar la curación.$" "$tmp/out"'
prolo plan --clinic $r $c/rules-stop.yaml
result "rules: a stop leaves no plan, status 1, and says how to override" eval \
    'status_is 1 && [ ! -s "$tmp/out" ] &&
    grep -q "no plan: rule .pregnancy. stops the course (pregnancy): No injections during pregnancy." "$tmp/err"'
prolo plan --clinic $r $c/rules-override.yaml
result "rules: an overridden stop plans, and the handout records why and who" eval \
    'status_is 0 && grep -q "^! No injections during pregnancy. Your clinician decided to go ahead: second$" "$tmp/out" &&
    grep -q "trimester, obstetrician agrees (approved by Dr. Ada Ruiz).$" "$tmp/out" &&
    grep -q "warning: rule .pregnancy. would stop the course (pregnancy) and is overridden" "$tmp/err"'
prolo plan --clinic $r $c/rules-bad-override.yaml
result "rules: an override naming no rule is an error at it" eval \
    'status_is 65 && grep -q "rules-bad-override.yaml:6:5: error: .overrides.: no rule .pregnacy." "$tmp/err"'
printf 'rules:\n  - {id: x, level: warn, if: {class: [nsaid]}, text: t}\n' > "$tmp/badrule.yaml"
prolo plan --clinic "$tmp/badrule.yaml" data/examples/new-patient.yaml
result "rules: a class drugs.yaml lacks is an error in the clinic file" eval \
    'status_is 65 && grep -q "badrule.yaml:2:5: error: unknown drug class .nsaid. (did you mean .nsaids.?)" "$tmp/err"'
printf 'rules:\n  - {id: x, level: maybe, if: {conditions: [a]}, text: t}\n' > "$tmp/badlevel.yaml"
prolo check "$tmp/badlevel.yaml"
result "rules: an unknown level" eval \
    'status_is 65 && grep -q "error: .level. must be note, warn or stop, not .maybe." "$tmp/err"'

prolo check $full $c/edge.clinic.yaml tests/clinic-open.yaml data/clinic.yaml
result "check validates clinic files" eval 'status_is 0 && [ ! -s "$tmp/err" ]'
printf 'slots: ["09:00", "08:00"]\n' > "$tmp/bad.clinic.yaml"
prolo check "$tmp/bad.clinic.yaml"
result "check: slots out of order" eval \
    'status_is 65 && grep -q "bad.clinic.yaml:1:18: error: .slots. must list times in order" "$tmp/err"'
prolo plan --clinic "$tmp/nonexistent.yaml" data/examples/new-patient.yaml
result "--clinic naming a missing file is 66" eval 'status_is 66'

finish clinic
