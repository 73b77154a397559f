#!/bin/sh
# Tests of tools/check-layers, the checker of src/LAYERS: run from the
# repository root as
#	sh tests/layers.sh
# Prints "ok - what" or "not ok - what" per check and a final count.
# Needs neither the binary nor the tree's objects: it compiles a few
# tiny modules of its own with ${CC:-cc} and gives them a small table.
# The tree's own objects are checked by "make check-layers".
# Checks are single-quoted strings run by eval, expanded when they run.
# shellcheck disable=SC2016

if [ ! -f tools/check-layers ] || [ ! -f src/LAYERS ]; then
	echo "layers: run from the repository root" >&2
	exit 2
fi

. tests/env.inc
test_env layers
. tests/helpers.inc
CC=${CC:-cc}
NM=${NM:-nm}

# check ARGS...: runs the checker, stdout to $tmp/out, stderr to
# $tmp/err, the exit status in $st.
check() {
	sh "$top/tools/check-layers" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}
err_lines() { [ "$(wc -l <"$tmp/err")" -eq "$1" ]; }

# module DIR NAME SOURCE: compiles SOURCE as the module NAME, DIR/NAME.o.
# Built without optimisation, so every call stays a call.
module() {
	mkdir -p "$tmp/$1"
	printf '%s\n' "$3" >"$tmp/$1/$2.c"
	if ! $CC -c -o "$tmp/$1/$2.o" "$tmp/$1/$2.c" 2>"$tmp/cc.err"; then
		echo "layers: $CC cannot compile $2.c:" >&2
		cat "$tmp/cc.err" >&2
		exit 2
	fi
}

# Two layers of two modules each.  base is used by all the others: by
# util, of its own layer, and by app and extra, above; app uses util
# too, and no one uses extra.  base and util use the C library.
cat >"$tmp/LAYERS" <<'EOF'
# lowest first
low: base util
high: app extra
EOF
module ok base '#include <stdlib.h>
int base_count = 1;
void *base_new(size_t n);
void *base_new(size_t n) { return calloc(n, 1); }'
module ok util '#include <stdio.h>
#include <stdlib.h>
extern int base_count;
void *base_new(size_t n);
int util_f(void);
int util_f(void) { void *p = base_new(4); free(p); return printf("%d", base_count); }'
module ok app 'void *base_new(unsigned long n);
int util_f(void);
int app_main(void);
int app_main(void) { return base_new(1) != 0 && util_f(); }'
module ok extra 'extern int base_count;
int extra_f(void);
int extra_f(void) { return base_count; }'
ok_objs="$tmp/ok/base.o $tmp/ok/util.o $tmp/ok/app.o $tmp/ok/extra.o"

# The same modules, each with one thing planted: util calling up into
# extra; base calling util, its neighbour in the layer, which uses
# base; a module with no layer.
module up util 'extern int base_count;
int extra_f(void);
int util_f(void);
int util_f(void) { return base_count + extra_f(); }'
module cycle base '#include <stdlib.h>
int util_f(void);
int base_count = 1;
void *base_new(size_t n);
void *base_new(size_t n) { return calloc(n + (size_t)util_f(), 1); }'
module stray stray 'int stray_f(void);
int stray_f(void) { return 0; }'

# --- a clean set -----------------------------------------------------

# shellcheck disable=SC2086 # object lists are split on purpose
check "$tmp/LAYERS" $ok_objs
result "a clean set passes with one summary line" eval \
    'status_is 0 && no_stderr &&
    [ "$(cat "$tmp/out")" = "check-layers: 4 modules, 2 layers, no upward use, no cycle" ]'

# The pass above means nothing if the C library's symbols were never in
# the objects: they must be there, undefined, and passed over.
result "the clean set's objects do use the C library (calloc, free, printf)" eval \
    '$NM -P -g "$tmp/ok/base.o" | grep -q "^calloc U" &&
    $NM -P -g "$tmp/ok/util.o" | grep -q "^free U" &&
    $NM -P -g "$tmp/ok/util.o" | grep -q "^printf U"'

# --- planted problems --------------------------------------------------

check "$tmp/LAYERS" "$tmp/ok/base.o" "$tmp/up/util.o" "$tmp/ok/app.o" \
    "$tmp/ok/extra.o"
result "an upward call fails, naming the symbol and both modules" eval \
    'status_is 1 && no_stdout && err_lines 1 &&
    err_has "^check-layers: util (low) uses extra_f from extra (high): a higher layer$"'

check "$tmp/LAYERS" "$tmp/cycle/base.o" "$tmp/ok/util.o" "$tmp/ok/app.o" \
    "$tmp/ok/extra.o"
result "a cycle of two modules of one layer fails, naming both" eval \
    'status_is 1 && no_stdout && err_lines 1 &&
    err_has "^check-layers: cycle: base -> util -> base (base uses util_f, util uses base_count)$"'

# Three modules in a ring, each using the next: one cycle, shown once,
# in the direction of use, from the alphabetically first.
printf 'ring: p q r\n' >"$tmp/RING"
module ring p 'int q_f(void); int p_f(void); int p_f(void) { return q_f(); }'
module ring q 'int r_f(void); int q_f(void); int q_f(void) { return r_f(); }'
module ring r 'int p_f(void); int r_f(void); int r_f(void) { return p_f(); }'
check "$tmp/RING" "$tmp/ring/r.o" "$tmp/ring/q.o" "$tmp/ring/p.o"
result "a cycle of three is one line, in the direction of use" eval \
    'status_is 1 && no_stdout && err_lines 1 &&
    err_has "^check-layers: cycle: p -> q -> r -> p (p uses q_f, q uses r_f, r uses p_f)$"'

# shellcheck disable=SC2086
check "$tmp/LAYERS" $ok_objs "$tmp/stray/stray.o"
result "an object whose module has no layer fails, naming it" eval \
    'status_is 1 && no_stdout && err_lines 1 &&
    err_has "^check-layers: stray: .*/stray/stray.o is in no layer of .*LAYERS"'

check "$tmp/LAYERS" "$tmp/ok/base.o" "$tmp/ok/util.o" "$tmp/ok/app.o"
result "a module of the table with no object fails, naming it" eval \
    'status_is 1 && no_stdout && err_lines 1 &&
    err_has "^check-layers: extra (high): in .*LAYERS but no object extra.o given"'

# --- usage errors: status 2 --------------------------------------------

check "$tmp/LAYERS"
result "no object: usage error, status 2" eval 'status_is 2 && has_stderr'
check "$tmp/LAYERS" "$tmp/ok/nothing.o"
result "an object that is not there: status 2, named" eval \
    'status_is 2 && err_has "nothing.o: no such object"'
printf 'low base util\n' >"$tmp/BAD"
# shellcheck disable=SC2086
check "$tmp/BAD" $ok_objs
result "a table line without \"LAYER:\": status 2, with its line number" eval \
    'status_is 2 && err_has "BAD:1: not "'

finish layers
