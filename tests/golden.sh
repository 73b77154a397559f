#!/bin/sh
# Golden tests for prolo: run from the repository root as
#
#	sh tests/golden.sh            check every case
#	sh tests/golden.sh --update   rewrite the expected files from the
#	                              current output (then review git diff)
#
# Each tests/cases/NAME.yaml is a patient file.  Expected results:
#	NAME.txt     stdout of "prolo plan NAME.yaml" (text handout)
#	NAME.csv     stdout of "prolo plan -f csv NAME.yaml"
#	NAME.err     stderr (missing: expected empty)
#	NAME.status  exit status (missing: 0)
# A case with neither .txt nor .csv is run as text and must print nothing
# on stdout; a case that fails (status not 0) must print nothing either.
# Protocols used by cases live in tests/cases/protocols/ (not cases).
# tests/cases-protocols/ID.txt is "prolo protocols show ID" of each
# shipped protocol and of each of tests/cases-protocols/lib/.
#
# PROLO_WRAP may hold a command to run prolo under (e.g. valgrind).

cases=tests/cases
update=0
case "${1-}" in
--update)	update=1 ;;
'')		;;
*)		echo "usage: sh tests/golden.sh [--update]" >&2; exit 64 ;;
esac

. tests/env.inc
if [ ! -x "$PROLO" ] || [ ! -d "$cases" ]; then
	echo "golden: run from the repository root after make" >&2
	exit 2
fi

test_env golden

passed=0
failed=0

# check WHAT EXPECTED-FILE ACTUAL-FILE: compares, reporting a diff.
# A missing expected file stands for an empty one.
check() {
	if [ -f "$2" ]; then
		exp=$2
	else
		exp=$tmp/empty
		: > "$exp"
	fi
	if cmp -s "$exp" "$3"; then
		return 0
	fi
	echo "FAIL $name: $1 differs"
	diff -u "$exp" "$3" | sed 's/^/    /'
	ok=0
}

for yaml in "$cases"/*.yaml; do
	[ -f "$yaml" ] || continue
	stem=${yaml%.yaml}
	name=${stem##*/}
	ok=1

	formats=
	[ -f "$stem.txt" ] && formats="$formats txt"
	[ -f "$stem.csv" ] && formats="$formats csv"
	if [ "$update" = 1 ] && [ -z "$formats" ]; then
		formats="txt csv"	# a new case: capture both formats
	fi
	[ -n "$formats" ] || formats=none

	want_status=0
	if [ -f "$stem.status" ]; then
		want_status=$(cat "$stem.status")
	fi

	for fmt in $formats; do
		case $fmt in
		csv)	set -- -f csv; label=csv ;;
		*)	set --; label=text ;;
		esac
		# shellcheck disable=SC2086 # PROLO_WRAP is split on purpose
		$PROLO_WRAP "$PROLO" plan "$@" "$yaml" >"$tmp/out" 2>"$tmp/err"
		status=$?

		if [ "$update" = 1 ]; then
			if [ "$status" -ne 0 ] && [ ! -s "$tmp/out" ]; then
				rm -f "$stem.$fmt"
			elif [ "$fmt" != none ]; then
				cp "$tmp/out" "$stem.$fmt"
			fi
			if [ -s "$tmp/err" ]; then
				cp "$tmp/err" "$stem.err"
			else
				rm -f "$stem.err"
			fi
			if [ "$status" -ne 0 ]; then
				echo "$status" > "$stem.status"
			else
				rm -f "$stem.status"
			fi
			continue
		fi

		if [ "$status" != "$want_status" ]; then
			echo "FAIL $name ($label): exit status $status, expected $want_status"
			ok=0
		fi
		if [ "$fmt" = none ] || [ "$want_status" != 0 ]; then
			if [ -s "$tmp/out" ]; then
				echo "FAIL $name ($label): stdout must be empty"
				sed 's/^/    /' "$tmp/out" | head -n 20
				ok=0
			fi
		fi
		if [ "$fmt" != none ]; then
			check "stdout ($label)" "$stem.$fmt" "$tmp/out"
		fi
		check "stderr ($label)" "$stem.err" "$tmp/err"
	done

	if [ "$ok" = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done

# "prolo protocols show ID" of every shipped protocol and of the test
# library's: tests/cases-protocols/ID.txt, the file's folder written
# from the repository root.
for yaml in data/protocols/*.yaml tests/cases-protocols/lib/*.yaml; do
	name=${yaml##*/}
	name=${name%.yaml}
	ok=1
	$PROLO_WRAP "$PROLO" protocols --protocols "${yaml%/*}" show "$name" \
	    2>"$tmp/err" | sed "s|$top/||" >"$tmp/out"
	if [ "$update" = 1 ]; then
		cp "$tmp/out" "tests/cases-protocols/$name.txt"
		continue
	fi
	check "protocols show" "tests/cases-protocols/$name.txt" "$tmp/out"
	check "protocols show stderr" "$tmp/none" "$tmp/err"
	if [ "$ok" = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done

if [ "$update" = 1 ]; then
	echo "golden: expected files updated; review them with git diff"
	exit 0
fi
echo "golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
