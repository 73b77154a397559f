#!/bin/sh
# check and plan read a patient file through the same path: for every
# patient file under tests/ (and the examples), with no clinic named and
# with each clinic file the tests use, "prolo check" fails exactly when
# "prolo plan" fails with 65 (invalid data), with the same first
# message, and otherwise prints only warnings, each one plan prints too
# when it plans (the words no rule or ingredient recognises).  check takes the clinic from
# PROLO_CLINIC and plan from --clinic, so both ways are compared.
# Run from the repository root.
#
# About 2,000 runs that compare messages, not memory: prolo is run
# directly, not under PROLO_WRAP (valgrind would make this take half
# an hour); the other scripts cover the same paths under it.

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "agree: run from the repository root after make" >&2
	exit 2
fi
test_env agree
unset PROLO_CLINIC
. tests/helpers.inc

# Patient files: those with a patient key, and every golden case (some
# of which are broken on purpose in ways that hide the key).
patients() {
	{
		grep -rl '^patient:' tests data/examples --include='*.yaml'
		ls tests/cases/*.yaml tests/corpus/case-*.yaml
	} | sort -u
}

# run WHAT FILE [CLINIC]: stdout discarded, first stderr line and the
# status kept in $tmp/WHAT.first and $tmp/WHAT.st.
run() {
	if [ -n "${3-}" ]; then
		if [ "$1" = check ]; then
			PROLO_CLINIC=$3 "$PROLO" check "$2"
		else
			"$PROLO" plan --clinic "$3" "$2"
		fi
	else
		"$PROLO" "$1" "$2"
	fi >/dev/null 2>"$tmp/$1.err"
	echo $? >"$tmp/$1.st"
	head -n 1 "$tmp/$1.err" >"$tmp/$1.first"
}

# agree FILE [CLINIC]: 0 when check's verdict is plan's.
agree() {
	run plan "$@"
	run check "$@"
	ps=$(cat "$tmp/plan.st")
	cs=$(cat "$tmp/check.st")
	if [ "$ps" = 65 ]; then
		[ "$cs" = 65 ] && cmp -s "$tmp/plan.first" "$tmp/check.first"
	else
		[ "$cs" = 0 ] && { [ "$ps" = 0 ] || [ "$ps" = 1 ]; } &&
		    ! grep -qv ': warning: ' "$tmp/check.err" &&
		    { [ "$ps" = 1 ] ||
		    ! grep -Fxvq -f "$tmp/plan.err" "$tmp/check.err"; }
	fi
}

clinics="data/clinic.yaml tests/clinic-open.yaml
tests/cases-clinic/clinic-full.yaml $(ls tests/cases-clinic/*.clinic.yaml)"
patients >"$tmp/list"
n=$(wc -l <"$tmp/list")
result "over 100 patient files to compare ($n)" [ "$n" -gt 100 ]

for clinic in "" $clinics; do
	bad=0
	count65=0
	while read -r f; do
		if agree "$f" $clinic; then
			[ "$(cat "$tmp/plan.st")" = 65 ] &&
			    count65=$((count65 + 1))
		else
			bad=$((bad + 1))
			[ "$bad" -le 3 ] && echo "# $f ${clinic:-(no clinic named)}: plan $(cat "$tmp/plan.st"): $(cat "$tmp/plan.first")" &&
			    echo "#   check $(cat "$tmp/check.st"): $(cat "$tmp/check.first")"
		fi
	done <"$tmp/list"
	result "check agrees with plan on $n files, ${clinic:-no clinic named} ($count65 invalid)" \
	    [ "$bad" -eq 0 ]
done

finish agree
