#!/bin/sh
# What prolo opens and writes, tried as an adversarial user would: files
# another file refers to that are not regular files, the kinds of file
# -o may name (devices, FIFOs, links, standard output), outputs that are
# inputs, closed descriptors, signals while a temporary file exists, and
# what a failing run does to an existing -o file.  Device nodes and
# FIFOs are made in a temporary folder, never in /dev.  Run from the
# repository root as
#	sh tests/output.sh
# Prints "ok - what" or "not ok - what" per check and a final count.
# PROLO_WRAP may hold a command to run prolo under (e.g. valgrind).
# Checks are single-quoted strings run by eval, expanded when they run.
# shellcheck disable=SC2016

if [ ! -x ./prolo ]; then
	echo "output: run from the repository root after make" >&2
	exit 2
fi

. tests/env.inc
test_env output
. tests/helpers.inc

jane=data/examples/jane-doe.yaml

# quick ARGS...: prolo ARGS, killed after 10 seconds: a check that
# something is refused must not hang when it is not.
quick() {
	# shellcheck disable=SC2086 # PROLO_WRAP is split on purpose
	timeout 10 $PROLO_WRAP "$top/prolo" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}

# --- files another file refers to must be regular files ---------------

mkdir "$tmp/ref"
mkfifo "$tmp/ref/fifo.yaml"
sed "s|^protocol: .*|protocol: ./fifo.yaml|" "$jane" >"$tmp/ref/p.yaml"
quick plan "$tmp/ref/p.yaml"
result "a FIFO as the protocol a patient names: refused at the patient's protocol key, 65, no hang" \
    eval 'status_is 65 && no_stdout &&
	err_has "^$tmp/ref/p.yaml:9:11: error: cannot read protocol file '\''./fifo.yaml'\'': not a regular file$"'
quick check "$tmp/ref/p.yaml"
result "check: the same, no hang" \
    eval 'status_is 65 && err_has ":9:11: error: cannot read protocol file .*: not a regular file$"'
quick plan --clinic "$tmp/ref/fifo.yaml" "$jane"
result "a FIFO as --clinic: 'not a regular file', 66, no hang" \
    eval 'status_is 66 && no_stdout &&
	err_has "^prolo: $tmp/ref/fifo.yaml: not a regular file$"'
# shellcheck disable=SC2086
PROLO_CLINIC=$tmp/ref/fifo.yaml timeout 10 $PROLO_WRAP ./prolo check "$jane" \
    >"$tmp/out" 2>"$tmp/err"
st=$?
result "a FIFO as PROLO_CLINIC, in check: 66, no hang" \
    eval 'status_is 66 && err_has "^prolo: $tmp/ref/fifo.yaml: not a regular file$"'
mkdir "$tmp/reflib"
cp data/protocols/knee-oa.yaml "$tmp/reflib/"
mkfifo "$tmp/reflib/fifo.yaml"
sed "s|^protocol: .*|protocol: fifo|" "$jane" >"$tmp/ref/by-id.yaml"
quick plan --protocols "$tmp/reflib" "$tmp/ref/by-id.yaml"
result "a FIFO in the library, named by id: refused, 65, no hang" \
    eval 'status_is 65 &&
	err_has "^$tmp/reflib/fifo.yaml: error: cannot read file: not a regular file$"'
quick protocols --protocols "$tmp/reflib"
result "protocols lists the library past a FIFO in it, 65, no hang" \
    eval 'status_is 65 && out_has "^knee-oa " &&
	err_has "fifo.yaml: error: cannot read file: not a regular file$"'
if mknod "$tmp/ref/null" c 1 3 2>/dev/null; then
	quick plan --clinic "$tmp/ref/null" "$jane"
	result "a character device as --clinic: not a regular file, 66" \
	    eval 'status_is 66 && err_has "^prolo: $tmp/ref/null: not a regular file$"'
else
	ok "a character device as --clinic # SKIP mknod not permitted"
fi
ln -s fifo.yaml "$tmp/ref/link.yaml"
sed "s|^protocol: .*|protocol: ./link.yaml|" "$jane" >"$tmp/ref/q.yaml"
quick plan "$tmp/ref/q.yaml"
result "a link to a FIFO as a protocol: refused like the FIFO" \
    eval 'status_is 65 && err_has "cannot read protocol file .*: not a regular file$"'
# shellcheck disable=SC2086
cat "$jane" | timeout 10 $PROLO_WRAP ./prolo plan -f csv /dev/stdin \
    >"$tmp/out" 2>"$tmp/err"
st=$?
result "a patient file may still be a pipe" \
    eval 'status_is 0 && out_has "^MRN-0042,"'
mkfifo "$tmp/ref/patient"
timeout 10 sh -c 'cat "$1" >"$2"' sh "$jane" "$tmp/ref/patient" &
quick plan -f csv "$tmp/ref/patient"
wait
result "a patient file may still be a FIFO" \
    eval 'status_is 0 && out_has "^MRN-0042,"'

# --- closed descriptors --------------------------------------------------

mkdir "$tmp/fd"
# shellcheck disable=SC2086
$PROLO_WRAP ./prolo plan -f json -o "$tmp/fd/out.json" "$jane" \
    >"$tmp/out" 2>&-
st=$?
result "2>&- and warnings: the -o file is the JSON document alone" \
    eval 'status_is 0 && [ "$(head -c 1 "$tmp/fd/out.json")" = "{" ] &&
	"${PYTHON:-python3}" -c "import json,sys; json.load(open(sys.argv[1]))" \
	    "$tmp/fd/out.json"'
# shellcheck disable=SC2086
$PROLO_WRAP ./prolo plan -f csv -o "$tmp/fd/in.csv" - >"$tmp/out" \
    2>"$tmp/err" <&-
st=$?
result "<&- with -: cannot read standard input, 66, no file left" \
    eval 'status_is 66 && err_has "^prolo: -: Bad file descriptor$" &&
	[ -z "$(ls -A "$tmp/fd" | grep -v "^out.json$")" ]'
# shellcheck disable=SC2086
$PROLO_WRAP ./prolo plan "$jane" 2>"$tmp/err" >&-
st=$?
result ">&-: still a write error, 74" \
    eval 'status_is 74 && err_has "^prolo: write error: Bad file descriptor$"'

finish output
