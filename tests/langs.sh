#!/bin/sh
# Tests of a protocol's texts in the handout's language: run from the
# repository root as
#	sh tests/langs.sh
# Every shipped protocol is planned for a patient in Spanish and one in
# English, as a text handout, an HTML page and a calendar, and
# tests/langs.py holds each to the protocol file's texts in that
# language, with none of the other's.  Then a protocol that lacks a
# language: one warning for each text, once a run; and the solution's
# words in every language for the allergy check.
# Prints "ok - what" or "not ok - what" per check and a final count.
# PROLO_WRAP may hold a command to run prolo under (e.g. valgrind).
# PYTHON names the Python to check output with (default python3).
PYTHON=${PYTHON:-python3}

. tests/env.inc
if [ ! -x "$PROLO" ] || [ ! -d data/protocols ]; then
	echo "langs: run from the repository root after make" >&2
	exit 2
fi

test_env langs
. tests/helpers.inc

# patient FILE PROTOCOL LANG [LINE...]: a patient of PROTOCOL whose
# handout is in LANG, with the extra lines given.
patient() {
	f=$1
	shift
	{
		printf 'patient: {id: "T-1", name: "Ana Prueba"}\n'
		printf 'protocol: %s\nstart: 2027-01-05\nlang: %s\n' "$1" "$2"
		shift 2
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} >"$tmp/$f"
}

# handouts NAME: plans $tmp/NAME.yaml as text, HTML and a calendar.
handouts() {
	for fmt in text html ics; do
		prolo plan -f "$fmt" "$tmp/$1.yaml"
		cp "$tmp/out" "$tmp/$1.$fmt"
		cat "$tmp/err" >>"$tmp/$1.err"
	done
}

# --- every shipped protocol, in each language --------------------------

for proto in data/protocols/*.yaml; do
	id=${proto##*/}
	id=${id%.yaml}
	for lang in es en; do
		other=es
		[ "$lang" = es ] && other=en
		name=$id-$lang
		patient "$name.yaml" "$id" "$lang"
		: >"$tmp/$name.err"
		handouts "$name"
		result "$id in '$lang': nothing says a text lacks '$lang'" \
		    eval '! grep -q "has no" "$tmp/$name.err"'
		"$PYTHON" tests/langs.py "$proto" "$lang" "$other" \
		    "$tmp/$name.text" "$tmp/$name.html" "$tmp/$name.ics" \
		    >"$tmp/check" 2>&1
		tally "$tmp/check"
	done
done

# A patient's own sites are printed as typed, whatever the language.
patient own.yaml knee-oa es "sites: [left knee]"
prolo plan "$tmp/own.yaml"
result "a patient's own sites stay as typed in Spanish" \
    eval 'status_is 0 && out_has "Zonas  *left knee\$"'

# Staff output stays in English: CSV's sites, JSON's protocol.
prolo plan -f json "$tmp/low-back-es.yaml"
result "JSON names the protocol in English for the staff" \
    eval 'status_is 0 && out_has "Dextrose prolotherapy, chronic low back pain" &&
    ! err_has "has no"'

# --- a protocol that lacks a language ---------------------------------

mkdir "$tmp/protocols"
sed -e 's/^  es: "Proloterapia.*//' data/protocols/low-back.yaml \
    >"$tmp/protocols/low-back.yaml"
patient a.yaml low-back es
patient b.yaml low-back es
prolo plan --protocols "$tmp/protocols" "$tmp/a.yaml" "$tmp/b.yaml"
result "a name without 'es' falls back to English in the handout" \
    eval 'status_is 0 && out_has "Dextrose prolotherapy, chronic low back pain" &&
    out_has "Zonas  *zona lumbar"'
n=$(grep -c "has no 'es' text" "$tmp/err")
result "the missing name is told once a run, where it is" \
    eval '[ "$n" -eq 1 ] && err_has "low-back.yaml:32:3: warning: protocol '"'low-back'"' has no '"'es'"' text for '"'name'"'; the handout uses English\$"'
prolo plan -f csv --protocols "$tmp/protocols" "$tmp/a.yaml"
result "CSV, for the staff, says nothing of languages" \
    eval 'status_is 0 && ! err_has "has no"'

# --- the solution in every language, for allergies --------------------

# Only the Spanish solution says "suero fisiológico" (saline): the allergy
# is matched even when the handout is in English.
for lang in en es; do
	patient allergy.yaml lateral-epicondylosis "$lang" \
	    "allergies: [suero fisiológico]"
	prolo plan "$tmp/allergy.yaml"
	result "an allergy in the '$lang' handout is matched against the solution in every language" \
	    eval 'status_is 0 && err_has "allergy '"'suero fisiológico'"' matches the protocol'"'"'s solution"'
done

finish langs
