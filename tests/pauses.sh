#!/bin/sh
# Medicines to pause, as the patient reads them (issue 16): one line per
# visit naming every medicine to pause for it, each with the last day to
# take it and the day to start again, in full dates in the patient's
# language; no ISO date anywhere on the handout.  The calendar has one
# event per such line.  Run from the repository root after make.
# PROLO_WRAP may hold a command to run prolo under.

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "pauses: run from the repository root after make" >&2
	exit 2
fi
test_env pauses
unset PROLO_CLINIC	# the shipped clinic, as a new user runs it
. tests/helpers.inc

jane=data/examples/jane-doe.yaml

# The handout's words, its lines joined, so a sentence wrapped over two
# lines is found whole; and its pause lines, one a line.
flat() { tr '\n' ' ' < "$tmp/out" | tr -s ' '; }
flat_has() { flat | grep -q -- "$1"; }
flat_count() { flat | grep -o -- "$1" | wc -l; }
no_iso() { ! grep -Eq '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$tmp/out"; }

# at_most_one LEAD: no visit number follows LEAD ("* For visit ") on
# more than one line, and at least one does.
at_most_one() {
	grep -o "^$1[0-9]*" "$tmp/out" | sort | uniq -c > "$tmp/per-visit"
	[ -s "$tmp/per-visit" ] && ! awk '$1 > 1 { bad = 1 } END { exit !bad }' \
	    "$tmp/per-visit"
}

prolo plan "$jane"
cp "$tmp/out" "$tmp/en.txt"
result "jane-doe: at most one pause line per visit" eval \
    'status_is 0 && at_most_one "\* For visit " &&
    [ "$(grep -c "^\* For visit" "$tmp/out")" -eq 4 ] &&
    ! grep -q "^\* \(Do not take\|Ask the doctor\)" "$tmp/out"'
result "jane-doe: no ISO date on the handout" no_iso
result "jane-doe: the last day to take it and the day to start again" \
    flat_has "For visit 3 on Monday 14 December 2026: Take your last dose of ibuprofen 400 mg as needed on Thursday 10 December 2026. Start taking it again on Tuesday 22 December 2026."
result "jane-doe: the prescribed aspirin asks first in every line" eval \
    '[ "$(flat_count "Ask the doctor who prescribed aspirin 81 mg daily before you stop it. Only if they agree, take your last dose on")" -eq 4 ] &&
    [ "$(flat_count "aspirin 81 mg daily on ")" -eq 0 ]'
result "jane-doe: the dates of the header and warnings are long" eval \
    'grep -q "^Prepared    Friday 27 November 2026$" "$tmp/out" &&
    flat_has "Visit 4 on Monday 4 January 2027 is a review"'

prolo plan --lang es "$jane"
result "jane-doe in Spanish: at most one pause line per visit" eval \
    'status_is 0 && at_most_one "\* Para la visita " &&
    [ "$(grep -c "^\* Para la visita" "$tmp/out")" -eq 4 ]'
result "jane-doe in Spanish: no ISO date on the handout" no_iso
result "jane-doe in Spanish: the day to start again, in Spanish" \
    flat_has "Vuelva a tomarlo el martes 22 de diciembre de 2026."
result "jane-doe in Spanish: the prescribed aspirin asks first" eval \
    '[ "$(flat_count "Pregunte al médico que le recetó aspirin 81 mg daily antes de dejarlo. Solo si está de acuerdo, tome la última dosis el")" -eq 4 ]'

prolo plan -f html "$jane"
result "jane-doe in HTML: the same lines as the text" eval \
    '[ "$(grep -c "^<li>For visit [0-9]* on " "$tmp/out")" -eq 4 ] &&
    grep -q "Start taking it again on Tuesday 22 December 2026\." "$tmp/out"'

prolo plan -f ics "$jane"
# Two events a pause line: both medicines while both are paused, then
# ibuprofen alone once the aspirin may be taken again.
result "jane-doe in the calendar: the pause lines' days, asking first" eval \
    '[ "$(grep -c "^TRANSP:TRANSPARENT" "$tmp/out")" -eq 8 ] &&
    [ "$(tr -d "\r" < "$tmp/out" | sed -e :a -e "\$!N;s/\n //;ta" -e "P;D" |
    grep -c "^SUMMARY:Medicines to pause: ibuprofen 400 mg as needed\\\\; aspirin 81 mg daily (ask your doctor before you stop it)$")" -eq 4 ] &&
    [ "$(tr -d "\r" < "$tmp/out" |
    grep -c "^SUMMARY:Medicines to pause: ibuprofen 400 mg as needed$")" -eq 4 ]'

# A medicine never paused on a schedule gets no date, in any language.
cat > "$tmp/keep.yaml" <<'YAML'
patient: {id: K-1, name: Kim Keep}
protocol: knee-oa
start: 2026-12-01
visits: 4
medications: [warfarin 5 mg, naproxen 500 mg]
YAML
for lang in en es; do
	prolo plan --lang "$lang" "$tmp/keep.yaml"
	result "a blood thinner is never dated ($lang)" eval \
	    'status_is 0 && ! grep "^\* \(For\|Para\)" "$tmp/out" |
	    grep -q warfarin && grep -q "naproxen 500 mg" "$tmp/out" &&
	    no_iso'
done

finish pauses
