#!/bin/sh
# Command-line tests for prolo: run from the repository root as
#	sh tests/cli.sh
# Prints "ok - what" or "not ok - what" per check and a final count.
# PROLO_WRAP may hold a command to run prolo under (e.g. valgrind).
# PYTHON names the Python to check output with (default python3).
PYTHON=${PYTHON:-python3}
# Checks are single-quoted strings run by eval, expanded when they run.
# shellcheck disable=SC2016,SC2034

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "cli: run from the repository root after make" >&2
	exit 2
fi

test_env cli

jane=data/examples/jane-doe.yaml
back=data/examples/low-back.yaml
newp=data/examples/new-patient.yaml
invalid=tests/cases/err-visits-word.yaml
header='patient_id,patient_name,protocol,visit,visits,date,weekday,interval_days,sites,injections,status'
. tests/helpers.inc

# --- help and version ------------------------------------------------

prolo --help
result "--help exits 0 with usage on stdout" \
    eval 'status_is 0 && out_has "^usage: prolo"'
prolo -h
result "-h exits 0 with usage on stdout" \
    eval 'status_is 0 && out_has "^usage: prolo"'
prolo --version
result "--version exits 0 and prints 'prolo VERSION'" \
    eval 'status_is 0 && head -n 1 "$tmp/out" | grep -q "^prolo "'
prolo -V
result "-V exits 0 and prints 'prolo VERSION'" \
    eval 'status_is 0 && head -n 1 "$tmp/out" | grep -q "^prolo "'
prolo plan --help
result "plan --help exits 0 with usage on stdout" \
    eval 'status_is 0 && out_has "usage: prolo plan"'

# --- usage errors: 64, nothing on stdout -----------------------------

usage_error() {
	what=$1
	shift
	prolo "$@"
	result "$what: exit 64, no stdout, message on stderr" \
	    eval 'status_is 64 && no_stdout && has_stderr'
}
usage_error "no command"
usage_error "unknown command" frobnicate
usage_error "plan without FILE" plan
usage_error "plan -f xml" plan -f xml "$jane"
usage_error "unknown option of prolo" --bogus
usage_error "unknown option of plan" plan --bogus "$jane"
usage_error "missing argument of -f" plan "$jane" -f

# shellcheck disable=SC2086
PROLO_TODAY=2026-02-30 $PROLO_WRAP "$PROLO" plan "$jane" >"$tmp/out" 2>"$tmp/err"
st=$?
result "PROLO_TODAY not a date: exit 64, no stdout" \
    eval 'status_is 64 && no_stdout && has_stderr'

# --- unreadable input: 66 --------------------------------------------

prolo plan "$tmp/no-such-file.yaml"
result "missing FILE: exit 66, no stdout" \
    eval 'status_is 66 && no_stdout && has_stderr'
mkdir "$tmp/adir"
prolo plan "$tmp/adir"
result "a folder with no patient file: exit 64, no stdout" \
    eval 'status_is 64 && no_stdout &&
    grep -q "adir: no \*.yaml or \*.yml files in this folder" "$tmp/err"'

# --- standard input ----------------------------------------------------

prolo plan -f csv "$jane"
cp "$tmp/out" "$tmp/by-name.csv"
# shellcheck disable=SC2086
$PROLO_WRAP "$PROLO" plan -f csv - <"$jane" >"$tmp/out" 2>"$tmp/err"
st=$?
result "'-' reads standard input like the file" \
    eval 'status_is 0 && cmp -s "$tmp/out" "$tmp/by-name.csv"'

# --- several files ---------------------------------------------------

prolo plan -f csv "$jane" "$back" "$newp"
result "several FILEs: exit 0 and one CSV header" \
    eval 'status_is 0 && [ "$(grep -c "^patient_id," "$tmp/out")" -eq 1 ]'
result "several FILEs: rows of every patient" \
    eval '[ "$(grep -c "^MRN-0042," "$tmp/out")" -eq 6 ] &&
	[ "$(grep -c "^MRN-0233," "$tmp/out")" -eq 7 ] &&
	[ "$(grep -c "^MRN-0107," "$tmp/out")" -eq 3 ]'

prolo plan -f csv "$jane" "$tmp/missing.yaml" "$invalid" "$newp"
result "missing then invalid: valid files still planned" \
    eval 'grep -q "^MRN-0042," "$tmp/out" && grep -q "^MRN-0107," "$tmp/out"'
result "missing then invalid: status of the first failure (66)" \
    status_is 66
prolo plan -f csv "$jane" "$invalid" "$tmp/missing.yaml" "$newp"
result "invalid then missing: status of the first failure (65)" \
    eval 'status_is 65 && grep -q "^MRN-0107," "$tmp/out"'
prolo plan "$jane" "$invalid"
result "text: valid file planned beside an invalid one" \
    eval 'status_is 65 && out_has "^Patient ID  MRN-0042"'

# --- write errors --------------------------------------------------------

if [ -w /dev/full ]; then
	# shellcheck disable=SC2086
	$PROLO_WRAP "$PROLO" plan "$jane" >/dev/full 2>"$tmp/err"
	st=$?
	result "stdout on /dev/full: exit 74 with a message" \
	    eval 'status_is 74 && has_stderr'
else
	ok "stdout on /dev/full # SKIP no /dev/full"
fi

# --- -o FILE -------------------------------------------------------------

mkdir "$tmp/o"
prolo plan -f csv -o "$tmp/o/plan.csv" "$jane"
result "-o writes the file, nothing on stdout" \
    eval 'status_is 0 && no_stdout && cmp -s "$tmp/o/plan.csv" "$tmp/by-name.csv"'
result "-o file has mode 0600" \
    eval '[ "$(stat -c %a "$tmp/o/plan.csv")" = 600 ]'
prolo plan -f csv -o "$tmp/o/nodir/plan.csv" "$jane"
result "-o into a missing folder: exit 73, nothing created" \
    eval 'status_is 73 && has_stderr && [ ! -e "$tmp/o/nodir" ] && no_stdout'
prolo plan -f csv -o "$tmp/o/bad.csv" "$invalid"
result "-o with an invalid input: exit 65, file not created" \
    eval 'status_is 65 && [ ! -e "$tmp/o/bad.csv" ]'
printf 'keep me\n' >"$tmp/o/keep.csv"
prolo plan -f csv -o "$tmp/o/keep.csv" "$invalid"
result "-o: an existing file is untouched when the run fails" \
    eval 'status_is 65 && [ "$(cat "$tmp/o/keep.csv")" = "keep me" ]'
prolo plan -f csv --output "$tmp/o/keep.csv" "$tmp/missing.yaml"
result "--output: an existing file is untouched when the input is missing" \
    eval 'status_is 66 && [ "$(cat "$tmp/o/keep.csv")" = "keep me" ]'
(cd "$tmp/o" && $PROLO_WRAP "$PROLO" plan -o rel.txt "$top/$jane" \
    >/dev/null 2>&1)
result "-o with a relative name in the current folder" \
    eval '[ -s "$tmp/o/rel.txt" ]'
result "no .prolo-* temporary files left" \
    eval '[ -z "$(find "$tmp" -name ".prolo-*")" ]'
cp "$jane" "$tmp/o/x.yaml"
prolo plan -o "$tmp/o/x.yaml" "$tmp/o/x.yaml"
result "-o x.yaml x.yaml: refused with 73, input unchanged" \
    eval 'status_is 73 && cmp -s "$jane" "$tmp/o/x.yaml"'
prolo plan -o - "$jane"
result "-o - writes standard output" \
    eval 'status_is 0 && out_has "^Patient ID  MRN-0042"'

# --- protocol library ----------------------------------------------------

mkdir "$tmp/lib"
sed 's/^id: knee-oa$/id: knee-test/' data/protocols/knee-oa.yaml \
    >"$tmp/lib/knee-test.yaml"
sed 's/^protocol: knee-oa .*/protocol: knee-test/' "$jane" >"$tmp/kt.yaml"
prolo plan -f csv "$tmp/kt.yaml"
result "default library lacks the test protocol: exit 65" status_is 65
prolo plan -f csv --protocols "$tmp/lib" "$tmp/kt.yaml"
result "--protocols DIR selects another library" \
    eval 'status_is 0 && out_has "^MRN-0042,Jane Doe,knee-test,3,6,2026-12-14,"'
# shellcheck disable=SC2086
PROLO_PROTOCOLS=$tmp/lib $PROLO_WRAP "$PROLO" plan -f csv "$tmp/kt.yaml" \
    >"$tmp/out" 2>"$tmp/err"
st=$?
result "PROLO_PROTOCOLS=DIR selects another library" \
    eval 'status_is 0 && out_has ",knee-test,"'
# shellcheck disable=SC2086
PROLO_PROTOCOLS=$tmp/adir $PROLO_WRAP "$PROLO" plan -f csv \
    --protocols "$tmp/lib" "$tmp/kt.yaml" >"$tmp/out" 2>"$tmp/err"
st=$?
result "--protocols wins over PROLO_PROTOCOLS" \
    eval 'status_is 0 && out_has ",knee-test,"'

# --- option order --------------------------------------------------------

prolo plan "$jane" -f csv
result "options after FILE" \
    eval 'status_is 0 && cmp -s "$tmp/out" "$tmp/by-name.csv"'
prolo plan -f csv -- "$jane"
result "-- ends options" \
    eval 'status_is 0 && cmp -s "$tmp/out" "$tmp/by-name.csv"'
prolo plan -- -f
result "after --, -f is a file name (missing: 66, not 64)" status_is 66
prolo plan --format=csv "$jane"
result "--format=csv" \
    eval 'status_is 0 && cmp -s "$tmp/out" "$tmp/by-name.csv"'

# --- CSV format ------------------------------------------------------------

if command -v "$PYTHON" >/dev/null 2>&1; then
	cat >"$tmp/nasty.yaml" <<-'EOF'
	patient: {id: "x,1", name: "O'Brien, \"Bo\" Ünal 山田"}
	protocol: knee-oa
	start: 2026-12-01
	sites: ["knee, left", "hip; right"]
	EOF
	prolo plan -f csv "$jane" "$back" "$newp" "$tmp/nasty.yaml"
	cat >"$tmp/check.py" <<-'EOF'
	import csv, io, sys
	data = open(sys.argv[1], 'rb').read()
	problems = []
	text = data.decode('utf-8')
	lines = text.split('\r\n')
	if lines[-1] != '' or '\n' in text.replace('\r\n', ''):
	    problems.append('line ends are not all CRLF')
	rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))
	want = sys.argv[2].split(',')
	if rows[0][:len(want)] != want:
	    problems.append('header is %r' % rows[0])
	for r in rows:
	    if len(r) != len(rows[0]):
	        problems.append('row of %d fields: %r' % (len(r), r))
	nasty = [r for r in rows if r[0] == 'x,1']
	if len(nasty) != 5 or nasty[0][1] != 'O\'Brien, "Bo" \u00dcnal \u5c71\u7530' \
	        or nasty[0][8] != 'knee, left; hip; right' or nasty[0][9] != '2':
	    problems.append('nasty row does not round-trip: %r' % nasty[:1])
	for p in problems:
	    print('#   ' + p)
	sys.exit(1 if problems else 0)
	EOF
	result "CSV parses: header begins as the contract says, rows as wide, CRLF, quoting round-trips" \
	    eval 'status_is 0 && "$PYTHON" "$tmp/check.py" "$tmp/out" "$header"'
else
	ok "CSV parses with python3 # SKIP python3 not found"
fi

# --- handout width -----------------------------------------------------------

if command -v "$PYTHON" >/dev/null 2>&1; then
	cat >"$tmp/width.py" <<-'EOF'
	import sys, unicodedata
	bad = 0
	for n, line in enumerate(open(sys.argv[1], encoding='utf-8').read().split('\n')):
	    w = 0
	    for c in line:
	        if unicodedata.combining(c):
	            continue
	        w += 2 if unicodedata.east_asian_width(c) in 'WF' else 1
	    if w > 80:
	        print('#   line %d is %d columns' % (n + 1, w))
	        bad = 1
	sys.exit(bad)
	EOF
	width_ok() { "$PYTHON" "$tmp/width.py" "$1"; }
else
	width_ok() { [ "$(wc -L <"$1")" -le 80 ]; }
fi
for f in data/examples/*.yaml; do
	prolo plan "$f"
	cp "$tmp/out" "$tmp/handout"
	result "handout of $f: every line at most 80 columns" \
	    eval 'status_is 0 && width_ok "$tmp/handout"'
done

finish cli
