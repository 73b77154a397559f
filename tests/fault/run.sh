#!/bin/sh
# Fault injection, as curl's torture tests do it: run each scenario with
# its 1st, 2nd, 3rd ... allocation failing, then with its 1st, 2nd ...
# output write failing, until a run gets through.  Every failed run must
# end with a clear message and the right status (71 out of memory, 74
# write error), never a crash, and leave no output file and no
# temporary file behind.  Run from the repository root after
# "make check-faults" built $PROLO (build/fault/prolo-fault).
PROLO=${PROLO:-build/fault/prolo-fault}
. tests/env.inc
test_env fault
unset PROLO_CLINIC		# the shipped clinic
passed=0
failed=0
ex=data/examples

ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); }

# leftovers: any file in the scratch folder but the ones we keep.
leftovers() {
	ls -A "$tmp/out" 2>/dev/null | grep -q .
}

# sweep KIND STATUS WORDS FINAL ARGS...: fails allocation (KIND alloc)
# or write (KIND write) number 1, 2, ... of "prolo ARGS" until a run
# gets through and ends with status FINAL; each failing run must exit
# STATUS with WORDS on stderr.
sweep() {
	kind=$1 want=$2 words=$3 final=$4
	shift 4
	n=1
	bad=
	while [ "$n" -lt 100000 ]; do
		rm -rf "$tmp/out"
		mkdir "$tmp/out"
		if [ "$kind" = alloc ]; then
			PROLO_FAULT_ALLOC=$n "$PROLO" "$@" >"$tmp/stdout" \
			    2>"$tmp/stderr"
		else
			PROLO_FAULT_WRITE=$n "$PROLO" "$@" >"$tmp/stdout" \
			    2>"$tmp/stderr"
		fi
		st=$?
		if ! grep -q "$words" "$tmp/stderr"; then
			# The fault came after the last one made: a normal run.
			[ "$st" -eq "$final" ] ||
			    bad="run $n ended $st without a fault"
			break
		fi
		if [ "$st" -ne "$want" ]; then
			bad="$kind $n: status $st, not $want"
			break
		fi
		if leftovers; then
			bad="$kind $n: left $(ls -A "$tmp/out" | head -n 1)"
			break
		fi
		n=$((n + 1))
	done
	if [ -n "$bad" ]; then
		not_ok "$kind faults in prolo $*: $bad"
		sed 's/^/#   /' "$tmp/stderr" | head -n 3
	else
		ok "$((n - 1)) $kind faults in prolo $*, each $want"
	fi
}

# jane-doe has history, holds and a warning: every part of a plan.
o=$tmp/out/plan.out
for f in text csv json ics html; do
	sweep alloc 71 "out of memory" 0 plan -f "$f" -o "$o" "$ex/jane-doe.yaml"
	sweep write 74 "write error" 0 plan -f "$f" -o "$o" "$ex/jane-doe.yaml"
done
sweep alloc 71 "out of memory" 65 plan -f csv "$ex/low-back.yaml" \
    tests/cases/err-protocol-interval-min.yaml "$ex/new-patient.yaml"
sweep write 74 "write error" 0 plan -f csv "$ex/new-patient.yaml"
# The clinic's book, in both forms, and the agenda of its week.
bk=tests/cases-book
sweep alloc 71 "out of memory" 0 plan -f csv -o "$o" --clinic \
    "$bk/slots.clinic.yaml" --book "$bk/odd.csv" --book "$bk/busy.ics" \
    "$bk/any-time.yaml"
# The formats allocate little of their own: two alloc sweeps cover them
# (each is some 4,000 runs), writes are swept in all four.
for f in text csv html ics; do
	[ "$f" = text ] || [ "$f" = ics ] &&
	sweep alloc 71 "out of memory" 0 agenda -f "$f" -o "$o" \
	    --from 2026-12-07 --to 2026-12-16 --clinic "$bk/slots.clinic.yaml" \
	    --book "$bk/odd.csv" "$ex/jane-doe.yaml" "$bk/any-time.yaml"
	sweep write 74 "write error" 0 agenda -f "$f" -o "$o" \
	    --from 2026-12-07 --to 2026-12-16 --clinic "$bk/slots.clinic.yaml" \
	    --book "$bk/odd.csv" "$ex/jane-doe.yaml" "$bk/any-time.yaml"
done
# The preparation sheet: a recipe a patient, split into syringes, in
# both formats (JSON's one visit: each number is a write); its
# allocations swept once, as the agenda's.
pc=tests/cases-prep
sweep alloc 71 "out of memory" 0 prep -o "$o" --clinic \
    "$pc/syringes.clinic.yaml" "$ex/jane-doe.yaml" "$pc/knees.yaml"
sweep write 74 "write error" 0 prep -o "$o" --clinic \
    "$pc/syringes.clinic.yaml" "$ex/jane-doe.yaml" "$pc/knees.yaml"
sweep write 74 "write error" 0 prep -f json -o "$o" --date 2026-12-01 \
    --clinic "$pc/syringes.clinic.yaml" "$pc/knees.yaml"
# A protocol whose comment YAML ends early: an error with two notes.
sweep alloc 71 "out of memory" 65 check \
    tests/cases/err-protocol-comment-break.yaml
sweep alloc 71 "out of memory" 0 check "$ex/jane-doe.yaml" \
    data/protocols/knee-oa.yaml
sweep alloc 71 "out of memory" 0 protocols show knee-oa

echo "faults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
