#!/bin/sh
# Clinical safety through the binary: each example of issue 11, as a new
# user typed it, and what the handout, the calendar, JSON and the exit
# status must say of it.  Run from the repository root after make.
# PROLO_WRAP may hold a command to run prolo under.
#
# When prolo is unsure it fails safe: it never tells a patient to stop a
# prescribed medicine without saying to ask the prescriber, never dates a
# stop for a medicine that must not be stopped on a schedule, and never
# lets a contraindication through because of how it was typed.

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "safety: run from the repository root after make" >&2
	exit 2
fi
test_env safety
unset PROLO_CLINIC	# the shipped clinic and its rules
. tests/helpers.inc

# patient FILE LINES...: a knee-oa patient starting 2026-12-01, with
# the extra lines given (medications, conditions...).
patient() {
	f=$tmp/$1
	shift
	{
		printf 'patient: {id: S-1, name: Sam Safety}\n'
		printf 'protocol: knee-oa\nstart: 2026-12-01\nvisits: 4\n'
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} > "$f"
}

# The handout's words, its lines joined, so a sentence wrapped over two
# lines is found whole.
flat() { tr '\n' ' ' < "$tmp/out" | tr -s ' '; }
flat_has() { flat | grep -q -- "$1"; }
# A calendar's content lines unfolded, without their CRs.
unfold() {
	tr -d '\r' < "$tmp/out" | awk 'NR > 1 && /^ / { line = line substr($0, 2); next }
	    NR > 1 { print line } { line = $0 } END { print line }'
}

# --- a cardiologist's aspirin is never stopped without the prescriber

for med in "Aspirin 81mg daily" "Aspirin EC 81 mg" "aspirin 75mg" \
    "Bayer Low Dose Aspirin" "ASA 81 mg" "Ecotrin 81 mg" "Aggrenox"; do
	patient aspirin.yaml "medications: [\"$med\"]"
	prolo plan "$tmp/aspirin.yaml"
	result "'$med': the handout asks the prescriber before every pause" \
	    eval 'status_is 0 &&
	    [ "$(flat | grep -o "Ask the doctor who prescribed $med before you stop it. Only if they agree, take your last dose on" | wc -l)" -eq 4 ] &&
	    ! flat_has "last dose of $med" &&
	    ! flat_has "Do not take aspirin or"'
	prolo plan -f json "$tmp/aspirin.yaml"
	result "'$med': JSON says prescribed: true on every hold" eval \
	    'status_is 0 && [ "$(grep -c "\"prescribed\": true" "$tmp/out")" -eq 4 ] &&
	    ! grep -q "\"prescribed\": false" "$tmp/out"'
	prolo plan -f ics "$tmp/aspirin.yaml"
	result "'$med': the calendar's one line says to ask first" eval \
	    'status_is 0 && [ "$(unfold | grep -c "^SUMMARY:Medicines to pause: $med (ask your doctor before you stop it)$")" -eq 4 ] &&
	    [ "$(grep -c "^TRANSP:TRANSPARENT" "$tmp/out")" -eq 4 ]'
done

# --- a list typed as one item is refused, in check and in plan

patient list.yaml "medications: warfarin, ibuprofen"
prolo plan "$tmp/list.yaml"
result "plan: 'warfarin, ibuprofen' as one item is a data error at it" eval \
    'status_is 65 && no_stdout && err_has "list.yaml:5:14: error: .medications. item .warfarin, ibuprofen. names more than one medicine" &&
    err_has "write one medicine per item"'
prolo check "$tmp/list.yaml"
result "check: the same error, the same status" eval \
    'status_is 65 && err_has "list.yaml:5:14: error: .*write one medicine per item"'

# --- a steroid, a blood thinner: never a dated stop

for med in "prednisone 10 mg" "warfarin 5 mg" "Eliquis" "clopidogrel 75 mg"; do
	patient never.yaml "medications: [\"$med\"]"
	prolo plan "$tmp/never.yaml"
	result "'$med': kept, never given a dated stop" eval \
	    'status_is 0 && flat_has "Keep taking $med. Do not stop it for your injections" &&
	    ! flat_has "dose of $med" && ! flat_has "prescribed $med" &&
	    err_has "never paused on a schedule"'
	prolo plan -f ics "$tmp/never.yaml"
	result "'$med': no calendar event to stop it" eval \
	    'status_is 0 && ! grep -qi "$med" "$tmp/out"'
done

# --- pregnancy and infection stop the course however they are typed

for cond in "pregnancy (14 weeks)" "pregnancy " "embarazo" "Pregnant"; do
	patient cond.yaml "conditions: [\"$cond\"]"
	prolo plan "$tmp/cond.yaml"
	result "condition '$cond' stops the course" eval \
	    'status_is 1 && no_stdout && err_has "no plan: rule .pregnancy. stops the course"'
done
for cond in "cellulitis" "active infection" "skin infection over the knee" \
    "fever"; do
	patient cond.yaml "conditions: [\"$cond\"]"
	prolo plan "$tmp/cond.yaml"
	result "condition '$cond' stops the course" eval \
	    'status_is 1 && no_stdout && err_has "no plan: rule .infection. stops the course"'
done

# --- a lidocaine allergy under any of its names

for allergy in Xylocaine lignocaine "lidocaína"; do
	patient allergy.yaml "allergies: [\"$allergy\"]"
	prolo plan "$tmp/allergy.yaml"
	result "allergy '$allergy' warns: the solution has lidocaine" eval \
	    'status_is 0 && flat_has "You told us you are allergic to $allergy, which may be in the injection" &&
	    err_has "allergy .$allergy. matches the protocol.s solution .* (its lidocaine)"'
done

# --- the blood-thinner warning does not depend on the language

for lang in en es; do
	patient clexane.yaml "lang: $lang" "medications: [Clexane 40 mg]"
	prolo plan "$tmp/clexane.yaml"
	result "Clexane 40 mg is a blood thinner in '$lang'" eval \
	    'status_is 0 && err_has "medication .Clexane 40 mg. is a blood thinner" &&
	    { flat_has "You take Clexane 40 mg, which thins the blood" ||
	      flat_has "Usted toma Clexane 40 mg, un medicamento que hace que la sangre coagule menos"; }'
done

# --- no pause has already begun

PROLO_TODAY=2026-12-01 export PROLO_TODAY
patient soon.yaml "start: 2026-12-03" "medications: [naproxen]"
sed -i '3d' "$tmp/soon.yaml"	# the first start line
prolo plan "$tmp/soon.yaml"
result "prepared Tue 2026-12-01 for 12-03: no pause before today, and why" eval \
    'status_is 0 && ! flat_has "naproxen on Sunday 29 November" &&
    ! flat_has "last dose of naproxen on Monday 30 November" &&
    flat_has "Stop taking naproxen today, Tuesday 1 December 2026." &&
    flat_has "Your next visit is on Friday 4 December 2026. This leaves time for the pause of naproxen, which begins 3 days before a visit"'
prolo plan -f json "$tmp/soon.yaml"
result "JSON: every pause begins today or later" eval \
    '! grep -o "\"from\": \"[0-9-]*\"" "$tmp/out" | grep -q "2026-11-"'
PROLO_TODAY=2026-11-27 export PROLO_TODAY

# --- past and future dates

patient past.yaml "medications: [metformin]"
sed -i 's/^start: .*/start: 2026-11-02/' "$tmp/past.yaml"
prolo plan -f csv "$tmp/past.yaml"
result "a start in the past plans from today, with a warning" eval \
    'status_is 0 && [ "$(sed -n 2p "$tmp/out" | cut -d, -f6)" = 2026-11-27 ] &&
    err_has "start 2026-11-02 is before today 2026-11-27: the course is planned from today"'
patient future.yaml "history: [2026-11-10, 2026-12-01]"
prolo check "$tmp/future.yaml"
result "a visit given after today is a data error" eval \
    'status_is 65 && err_has "future.yaml:5:23: error: .history. date 2026-12-01 is after today 2026-11-27"'

# --- unrecognised words are the clinician's, not the patient's

patient unknown.yaml "conditions: [gout]" "allergies: [penicillin]"
prolo plan "$tmp/unknown.yaml"
result "an unknown condition and allergy: on stderr, not on the handout" eval \
    'status_is 0 && err_has "condition .gout. is not one any rule knows" &&
    err_has "allergy .penicillin. is not one any rule or ingredient knows" &&
    ! out_has gout && ! out_has penicillin'
prolo check "$tmp/unknown.yaml"
result "check lists them too" eval \
    'status_is 0 && err_has "condition .gout." && err_has "allergy .penicillin."'

finish safety
