#!/bin/sh
# What an adversarial user tries, beyond -o (tests/output.sh): files that
# are not what they are named as, the protocol id check
# in any order, help written nowhere, files too large in every role,
# out-of-range environment values, a calendar with nothing to plan, and
# names that would drive a terminal.  Run from the repository root after
# make.  PROLO_WRAP may hold a command to run prolo under.

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "robust: run from the repository root after make" >&2
	exit 2
fi
test_env robust
. tests/helpers.inc

jane=data/examples/jane-doe.yaml
esc=$(printf '\033')

# patient FILE PROTOCOL [LINES...]: a patient file of one visit's course.
patient() {
	f=$1
	pr=$2
	shift 2
	{
		printf 'patient: {id: R-1, name: Rob Robust}\n'
		printf 'protocol: %s\nstart: 2026-12-01\n' "$pr"
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} > "$f"
}

# --- a file that is not a protocol is not quoted -----------------------

printf 'root:*:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n' \
    > "$tmp/shadow"
patient "$tmp/p.yaml" "$tmp/shadow"
prolo plan "$tmp/p.yaml"
result "a password file as a protocol: 'not a protocol file', none of it quoted" \
    eval 'status_is 65 && err_has "shadow:1:1: error: not a protocol file" &&
    ! err_has "root" && ! err_has "daemon" && no_stdout'
prolo check "$tmp/shadow"
result "check: the same file is not a clinic file, unquoted" \
    eval 'status_is 65 && err_has "not a clinic file" && ! err_has "root"'
printf 'nmae: Harbour\n' > "$tmp/typo.yaml"
prolo check "$tmp/typo.yaml"
result "a file with a mistyped key is still told the key" \
    eval 'status_is 65 && err_has "unknown key .nmae. (did you mean .name.?)"'

# (As many languages as patients ask for, each care file read once: in
# tests/test_load.c, which can give the loader a data folder of its own.)

# --- the protocol id check does not depend on the order ---------------

mkdir -p "$tmp/lib"
sed 's/^id: standard/id: other/' data/protocols/standard.yaml \
    > "$tmp/lib/standard.yaml"
patient "$tmp/bypath.yaml" lib/standard.yaml
patient "$tmp/byid.yaml" standard
(cd "$tmp" && PROLO_WRAP= "$PROLO" plan -f csv --protocols lib \
    bypath.yaml byid.yaml > out 2> err; echo $? > st)
result "by path first, then by id: the id is still checked" eval \
    '[ "$(cat "$tmp/st")" = 65 ] &&
    grep -q "does not match the file name .standard." "$tmp/err" &&
    grep -q "byid.yaml:2:11: note: protocol named here" "$tmp/err"'

# --- help that cannot be written --------------------------------------

for cmd in "" plan check protocols; do
	# shellcheck disable=SC2086 # an empty command is no word
	$PROLO_WRAP "$PROLO" $cmd -h > /dev/full 2> "$tmp/err"
	st=$?
	result "prolo${cmd:+ $cmd} -h > /dev/full: 74 and a message" \
	    eval 'status_is 74 && err_has "write error"'
done

# --- a file too large: one message and status, whatever its role -----

head -c 1100000 /dev/zero | tr '\0' '#' > "$tmp/big.yaml"
prolo plan --clinic "$tmp/big.yaml" "$jane"
result "a clinic file too large: 65, 'file is larger than'" \
    eval 'status_is 65 && err_has "big.yaml:1:1: error: file is larger than 1048576 bytes"'
prolo plan "$tmp/big.yaml"
result "a patient file too large: the same words and status" \
    eval 'status_is 65 && err_has "big.yaml:1:1: error: file is larger than 1048576 bytes"'
patient "$tmp/bigp.yaml" big.yaml
prolo plan "$tmp/bigp.yaml"
result "a protocol file too large: the same words and status" \
    eval 'status_is 65 && err_has "big.yaml:1:1: error: file is larger than 1048576 bytes"'

# --- the environment: refused, never clamped --------------------------

SOURCE_DATE_EPOCH=99999999999999999999 prolo plan -f ics "$jane"
result "SOURCE_DATE_EPOCH past 9999: a usage error" \
    eval 'status_is 64 && no_stdout && err_has "SOURCE_DATE_EPOCH must be a number of seconds from 0 to 253402300799"'
SOURCE_DATE_EPOCH=+5 prolo plan -f ics "$jane"
result "SOURCE_DATE_EPOCH with a sign: a usage error" eval 'status_is 64'
PROLO_TODAY=1850-01-01 prolo plan "$jane"
result "PROLO_TODAY out of range: a usage error" \
    eval 'status_is 64 && err_has "PROLO_TODAY must be a date from 1900-01-01 to 2200-12-31"'
PROLO_TODAY="2026${esc}[2J" prolo plan "$jane"
result "PROLO_TODAY with an escape sequence: shown, not sent" \
    eval 'status_is 64 && err_has "2026\\\\x1b\\[2J" && ! grep -q "$esc" "$tmp/err"'

# --- a calendar with nothing to plan is still a calendar --------------

patient "$tmp/done.yaml" knee-oa "visits: 4" \
    "history: [2026-09-01, 2026-09-22, 2026-10-13, 2026-11-03]"
prolo plan -f ics "$tmp/done.yaml"
result "a course complete: a VCALENDAR with a VJOURNAL that says so" \
    eval 'status_is 0 && out_has "^BEGIN:VJOURNAL" &&
    out_has "^SUMMARY:Prolotherapy course complete: no visits left to plan"'

# --- names that would drive a terminal --------------------------------

bad="$tmp/x${esc}[2Jname.yaml"
printf 'patient: 3\n' > "$bad"
prolo plan "$bad"
result "a file name's escape sequence is shown as \\x1b in a message" \
    eval 'status_is 65 && err_has "x\\\\x1b\\[2Jname.yaml" && ! grep -q "$esc" "$tmp/err"'
prolo plan "$tmp/no${esc}such"
result "and in a message about a file that cannot be read" \
    eval 'status_is 66 && err_has "no\\\\x1bsuch" && ! grep -q "$esc" "$tmp/err"'
prolo "x${esc}[2J"
result "an unknown command is quoted, escaped" \
    eval 'status_is 64 && err_has "unknown command .x\\\\x1b\\[2J." && ! grep -q "$esc" "$tmp/err"'

# --- standard input once, and a missing protocol folder ---------------

$PROLO_WRAP "$PROLO" plan - - < "$jane" > "$tmp/out" 2> "$tmp/err"
st=$?
result "'-' twice: a usage error, not an empty second file" \
    eval 'status_is 64 && err_has "standard input (-) can be read only once" && ! err_has "empty"'
PROLO_PROTOCOLS="$tmp/nonexistent" prolo plan "$jane"
result "PROLO_PROTOCOLS naming no folder: the message says so" \
    eval 'status_is 65 && err_has "unknown protocol .knee-oa. (the protocol folder .*nonexistent. cannot be read: No such file or directory)"'

finish robust
