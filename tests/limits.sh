#!/bin/sh
# Worst cases for size: no input file may make prolo use more than one
# second of CPU or 64 MiB of address space.  The limits are set with
# ulimit, so a run that needs more is killed and the check fails; the
# inputs are generated here (a 1 MiB flow list, 100,000 keys, a 1 MiB
# scalar, an alias bomb, and patients with lists at their size limits).
# Skipped under a wrapper or a sanitizer build, which need more memory
# by design.  Run from the repository root.

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "limits: run from the repository root after make" >&2
	exit 2
fi
. tests/helpers.inc

if [ -n "${PROLO_WRAP:-}" ] || grep -q -a -e __asan_init -e __ubsan_handle \
    "$PROLO" 2>/dev/null; then
	ok "resource limits # SKIP instrumented build"
	echo "limits: $passed passed, $failed failed"
	exit 0
fi

test_env limits

awk 'BEGIN { printf "a: ["; for (i = 0; i < 500000; i++) printf "1,";
    print "1]" }' > "$tmp/flow.yaml"
awk 'BEGIN { for (i = 0; i < 100000; i++) print "k" i ": 1" }' \
    > "$tmp/keys.yaml"
awk 'BEGIN { printf "patient: {id: A, name: \""; for (i = 0; i < 1040000; i++)
    printf "x"; print "\"}" }' > "$tmp/scalar.yaml"
awk 'BEGIN { print "a: &a [x, x, x, x, x, x, x, x, x]";
    for (i = 1; i < 30; i++) { printf "b%d: &b%d [", i, i;
    for (j = 0; j < 9; j++) printf "*%s, ", (i == 1 ? "a" : "b" (i - 1));
    print "x]" } }' > "$tmp/bomb.yaml"
awk 'BEGIN { printf "a: "; for (i = 0; i < 100000; i++) printf "[";
    for (i = 0; i < 100000; i++) printf "]"; print "" }' > "$tmp/deep.yaml"
head='patient: {id: A, name: B}
protocol: standard
start: 2026-12-01
visits: 14
weekdays: [mon, wed]'
{
	echo "$head"
	echo "medications:"
	awk 'BEGIN { for (i = 0; i < 1000; i++) print "  - aspirin " i }'
	echo "allergies:"
	awk 'BEGIN { for (i = 0; i < 1000; i++) print "  - lidocaine " i }'
	echo "unavailable:"
	awk 'BEGIN { for (i = 0; i < 1000; i++)
	    printf "  - {from: %d-01-01, to: %d-12-31}\n", 1900 + i % 120,
	    1900 + i % 120 + i % 3 }'
} > "$tmp/lists.yaml"
{
	echo "$head"
	echo "medications:"
	awk 'BEGIN { for (i = 0; i < 1001; i++) print "  - drug " i }'
} > "$tmp/toolong.yaml"

for f in flow keys scalar bomb deep lists toolong; do
	for fmt in text csv json ics html; do
		(
			ulimit -t 1 && ulimit -v 65536 || exit 99
			exec "$PROLO" plan -f "$fmt" "$tmp/$f.yaml"
		) >/dev/null 2>"$tmp/err"
		st=$?
		case $st in
		0|1|65)	ok "$f.yaml as $fmt: status $st within 1 s and 64 MiB" ;;
		*)	not_ok "$f.yaml as $fmt: status $st"
			head -n 2 "$tmp/err" | sed 's/^/#   /' ;;
		esac
	done
done

finish limits
