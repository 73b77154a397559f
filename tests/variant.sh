#!/bin/sh
# Which binary is which (issue 17): the binary under test, PROLO, names
# in --version the variant the Makefile built it as (PROLO_VARIANT:
# asan, valgrind, cov ...; none for the release build), and ./prolo,
# when the tests run another binary, is still the release build: a
# variant's binary, many times slower, never takes its place.  Run from
# the repository root after make.  PROLO_WRAP may hold a command to run
# prolo under.
# Checks are single-quoted strings run by eval, expanded when they run.
# shellcheck disable=SC2016,SC2034

. tests/env.inc
if [ ! -x "$PROLO" ] || [ ! -f Makefile ]; then
	echo "variant: run from the repository root after make" >&2
	exit 2
fi
test_env variant
. tests/helpers.inc

release="prolo $(sed -n 's/^VERSION *= *//p' Makefile)"
if [ -n "${PROLO_VARIANT:-}" ]; then
	want="$release ($PROLO_VARIANT build)"
else
	want=$release
fi

# instrumented FILE: a sanitizer's or gcov's runtime is linked in, which
# says a variant even of a binary built before the tag existed.
instrumented() {
	grep -q -a -e __asan_init -e __ubsan_handle -e __gcov_ "$1"
}

prolo --version
result "$PROLO --version says '$want'" \
    eval 'status_is 0 && [ "$(cat "$tmp/out")" = "$want" ] && no_stderr'

if [ ! -e "$top/prolo" ]; then
	ok "./prolo is the release build # SKIP no ./prolo"
elif [ "$top/prolo" = "$PROLO" ]; then
	ok "./prolo is the release build # SKIP ./prolo is the binary under test"
else
	"$top/prolo" --version >"$tmp/out" 2>"$tmp/err"
	st=$?
	result "./prolo --version names no variant: it is the release build" \
	    eval 'status_is 0 && head -n 1 "$tmp/out" | grep -q "^prolo [^ ]*$"'
	result "./prolo has no sanitizer or coverage runtime linked in" \
	    eval '! instrumented "$top/prolo"'
fi

finish variant
