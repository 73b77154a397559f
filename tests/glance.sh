#!/bin/sh
# The handout as the patient reads it (issue 16): each example its
# "Why" quotes, through the binary, in English and in Spanish.  Run
# from the repository root after make.  PROLO_WRAP may hold a command
# to run prolo under.

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "glance: run from the repository root after make" >&2
	exit 2
fi
test_env glance
. tests/helpers.inc

# The handout's lines joined, so a sentence wrapped over two lines is
# found whole; has and lacks a fixed string.
flat() { tr '\n' ' ' < "$tmp/out" | tr -s ' '; }
has() { flat | grep -qF -- "$1"; }
lacks() { ! has "$1"; }

# A clinic open every day that sets a price, and one that sets none.
{
	cat tests/clinic-open.yaml
	printf 'price: {per_visit: "150", currency: USD}\n'
} > "$tmp/priced.yaml"

# A patient of seven planned visits, with what follows added.
patient() {
	f=$tmp/$1
	shift
	{
		printf 'patient: {id: G-1, name: Gil Glance}\n'
		printf 'protocol: low-back\nstart: 2026-12-01\nvisits: 7\n'
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} > "$f"
}

# --- the cost section does not contradict itself ----------------------

patient plain.yaml
prolo plan --clinic "$tmp/priced.yaml" "$tmp/plain.yaml"
result "cost: a price gives the total" has \
    "7 planned visits at USD 150.00 each: USD 1050.00 in all."
result "cost: a price is not followed by 'ask what each visit costs'" \
    lacks "Ask the clinic what each visit will cost"
prolo plan --lang es --clinic "$tmp/priced.yaml" "$tmp/plain.yaml"
result "cost: Spanish money is written 1050,00 USD" has \
    "7 visitas previstas a 150,00 USD cada una: 1050,00 USD en total."
result "cost: Spanish money is never 'USD 1050.00'" lacks "USD 1050.00"
result "cost: Spanish, no 'ask' line beside the price" \
    lacks "Pregunte en la clínica cuánto costará"
prolo plan "$tmp/plain.yaml"
result "cost: no price, the clinic is asked once" has \
    "Ask the clinic what each visit will cost."
result "cost: no price, no total" lacks " in all."

# --- care lines follow what the file says -----------------------------

unset PROLO_CLINIC
patient diabetic.yaml 'conditions: [type 2 diabetes]'
prolo plan "$tmp/diabetic.yaml"
result "diabetes: the patient is not told 'if you have diabetes'" \
    lacks "If you have diabetes"
result "diabetes: the patient is told what to do about it" has \
    "You told us you have diabetes."
prolo plan --lang es "$tmp/diabetic.yaml"
result "diabetes: nor 'si tiene diabetes' in Spanish" \
    lacks "Si tiene diabetes"
result "diabetes: the Spanish line" has "Usted nos dijo que tiene diabetes."
patient healthy.yaml
prolo plan "$tmp/healthy.yaml"
result "diabetes: no line for a patient without it" lacks "diabetes,"

# --- the pause section follows the medicines the file lists -------------

PROLO_CLINIC=$top/tests/clinic-open.yaml
prolo plan "$tmp/healthy.yaml"
result "pauses: nothing to pause, and the patient is not asked to pause" \
    lacks "we ask you to pause them"
result "pauses: nothing to pause, so nothing is started either" has \
    "Please do not start taking them during your course"
patient nsaid.yaml 'medications: [ibuprofen 400 mg]'
prolo plan "$tmp/nsaid.yaml"
result "pauses: an anti-inflammatory is asked to be paused" has \
    "That is why we ask you to pause them around each visit."
result "pauses: and not 'do not start' beside it" lacks "do not start"
patient lda.yaml 'medications: [aspirin 81 mg daily]'
prolo plan "$tmp/lda.yaml"
result "pauses: low-dose aspirin alone: no 'do not take aspirin'" \
    lacks "Aspirin and anti-inflammatory"
patient both.yaml 'medications: [naproxen 250 mg, aspirin 81 mg daily]'
prolo plan --lang es "$tmp/both.yaml"
result "pauses: both, in Spanish: the aspirin taken for pain" has \
    "y la aspirina tomada para el dolor pueden debilitar"
result "pauses: both, in Spanish: one paragraph on why" lacks \
    "La aspirina y los analgésicos antiinflamatorios"

# --- scores in the language's numbers ---------------------------------

patient scored.yaml 'history:' '  - {date: 2026-11-10, pain: 6.5}' \
    '  - {date: 2026-11-24, pain: 5.5}'
prolo plan --lang es "$tmp/scored.yaml"
result "scores: Spanish decimals take a comma" has \
    "6,5 (visita 1) → 5,5 (visita 2)"
prolo plan "$tmp/scored.yaml"
result "scores: English decimals take a point" has \
    "6.5 (visit 1) → 5.5 (visit 2)"

# --- dates and pauses a patient cannot misread ---------------------------
# (tests/pauses.sh has the rest: every visit, Spanish, HTML, calendar.)

prolo plan data/examples/jane-doe.yaml
result "pauses: the old ambiguous 'from ... to' with ISO dates is gone" \
    lacks "from Fri 2026-12-11 to Mon 2026-12-21"
result "pauses: the last day to take it and the day to start again" has \
    "Take your last dose of ibuprofen 400 mg as needed on Thursday 10 December 2026. Start taking it again on Tuesday 22 December 2026."
result "pauses: one line per visit, not one per medicine per visit" \
    eval '[ "$(sed -n "/^Medicines to pause/,/^On the day/p" "$tmp/out" |
    grep -c "^\* For visit")" -eq 4 ]'

# --- no English in a Spanish handout ------------------------------------
# (tests/langs.sh checks every shipped protocol from its file.)

for fmt in text html ics; do
	prolo plan --lang es -f $fmt data/examples/low-back.yaml
	result "Spanish $fmt: no English protocol name" \
	    lacks "Dextrose prolotherapy, chronic low back pain"
	result "Spanish $fmt: no English default site" lacks "lower back"
done
prolo plan --lang es data/examples/low-back.yaml
result "Spanish: the notes are not the English ones" \
    lacks "spinal manipulation"

# --- protocols show, complete and in good English -------------------------
# (tests/commands.sh and the goldens in tests/cases-protocols have more.)

prolo protocols show knee-oa
result "protocols show: never '1 days'" lacks "1 days"
result "protocols show: the medicines paused, and for how long" has \
    "stop 3 days before each visit, start again 1 day after"
result "protocols show: the review visit" has "review at visit 4"

echo "glance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
