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

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "output: run from the repository root after make" >&2
	exit 2
fi

test_env output
. tests/helpers.inc

jane=data/examples/jane-doe.yaml

# no_temp: no temporary file left anywhere in the scratch folder.
no_temp() { [ -z "$(find "$tmp" -name '.prolo-*')" ]; }

# quick ARGS...: prolo ARGS, killed after 10 seconds: a check that
# something is refused must not hang when it is not.
quick() {
	# shellcheck disable=SC2086 # PROLO_WRAP is split on purpose
	timeout 10 $PROLO_WRAP "$PROLO" "$@" >"$tmp/out" 2>"$tmp/err"
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
PROLO_CLINIC=$tmp/ref/fifo.yaml timeout 10 $PROLO_WRAP "$PROLO" check "$jane" \
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
cat "$jane" | timeout 10 $PROLO_WRAP "$PROLO" plan -f csv /dev/stdin \
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

# --- what -o may name ----------------------------------------------------

prolo plan -f csv "$jane"
cp "$tmp/out" "$tmp/jane.csv"
mkdir "$tmp/dev"
if mknod -m 640 "$tmp/dev/null" c 1 3 2>/dev/null &&
    mknod "$tmp/dev/full" c 1 7 2>/dev/null; then
	prolo plan -f csv -o "$tmp/dev/null" "$jane"
	result "-o a null device: written in place, still a device, its mode kept, 0" \
	    eval 'status_is 0 && [ -c "$tmp/dev/null" ] && no_stdout &&
		[ "$(stat -c %a "$tmp/dev/null")" = 640 ] && no_temp'
	prolo plan -f csv -o "$tmp/dev/full" "$jane"
	result "-o a full device: 74 with the write error, still a device" \
	    eval 'status_is 74 && [ -c "$tmp/dev/full" ] && no_temp &&
		err_has "^prolo: $tmp/dev/full: write error: No space left on device$"'
	prolo plan -f csv -o "$tmp/dev/full" "$jane" "$tmp/none.yaml"
	result "-o a full device in a failing run: the first failure's status" \
	    eval 'status_is 66 && err_has "write error: No space left on device$"'
else
	ok "-o a device node # SKIP mknod not permitted"
fi
mkfifo "$tmp/dev/pipe"
timeout 10 sh -c 'cat "$1" >"$2"' sh "$tmp/dev/pipe" "$tmp/dev/got" &
quick plan -f csv -o "$tmp/dev/pipe" "$jane"
wait
result "-o a FIFO: written to its reader, still a FIFO" \
    eval 'status_is 0 && [ -p "$tmp/dev/pipe" ] &&
	cmp -s "$tmp/dev/got" "$tmp/jane.csv" && no_temp'
mkdir "$tmp/dev/folder"
prolo plan -f csv -o "$tmp/dev/folder" "$jane"
result "-o a folder: 73, 'Is a directory', the folder untouched" \
    eval 'status_is 73 && no_stdout && [ -d "$tmp/dev/folder" ] &&
	err_has "^prolo: cannot create $tmp/dev/folder: Is a directory$" &&
	[ -z "$(ls -A "$tmp/dev/folder")" ]'

mkdir "$tmp/ln" "$tmp/ln/sub" "$tmp/other"
echo old >"$tmp/ln/real.csv"
ln -s real.csv "$tmp/ln/link.csv"
prolo plan -f csv -o "$tmp/ln/link.csv" "$jane"
result "-o a link: its target replaced, the link still a link" \
    eval 'status_is 0 && [ -L "$tmp/ln/link.csv" ] &&
	[ "$(readlink "$tmp/ln/link.csv")" = real.csv ] &&
	cmp -s "$tmp/ln/real.csv" "$tmp/jane.csv" &&
	[ "$(stat -c %a "$tmp/ln/real.csv")" = 600 ] && no_temp'
echo old >"$tmp/other/far.csv"
ln -s ../../other/far.csv "$tmp/ln/sub/far.csv"
ln -s sub/far.csv "$tmp/ln/chain.csv"
prolo plan -f csv -o "$tmp/ln/chain.csv" "$jane"
result "-o a chain of relative links into another folder: the last target replaced" \
    eval 'status_is 0 && [ -L "$tmp/ln/chain.csv" ] && [ -L "$tmp/ln/sub/far.csv" ] &&
	cmp -s "$tmp/other/far.csv" "$tmp/jane.csv" && no_temp'
ln -s sub/new.csv "$tmp/ln/dangling.csv"
prolo plan -f csv -o "$tmp/ln/dangling.csv" "$jane"
result "-o a dangling link: its target created beside the link's text" \
    eval 'status_is 0 && [ -L "$tmp/ln/dangling.csv" ] &&
	cmp -s "$tmp/ln/sub/new.csv" "$tmp/jane.csv" && no_temp'
ln -s "$tmp/other/abs.csv" "$tmp/ln/absolute.csv"
prolo plan -f csv -o "$tmp/ln/absolute.csv" "$jane"
result "-o a dangling absolute link: its target created" \
    eval 'status_is 0 && cmp -s "$tmp/other/abs.csv" "$tmp/jane.csv"'
ln -s nodir/x.csv "$tmp/ln/nowhere.csv"
prolo plan -f csv -o "$tmp/ln/nowhere.csv" "$jane"
result "-o a link into a missing folder: 73, nothing created" \
    eval 'status_is 73 && [ ! -e "$tmp/ln/nodir" ] && no_temp &&
	err_has "^prolo: cannot create $tmp/ln/nowhere.csv: No such file or directory$"'
ln -s loop2 "$tmp/ln/loop1"
ln -s loop1 "$tmp/ln/loop2"
prolo plan -f csv -o "$tmp/ln/loop1" "$jane"
result "-o a loop of links: 73, the links untouched" \
    eval 'status_is 73 && [ -L "$tmp/ln/loop1" ] && [ -L "$tmp/ln/loop2" ] &&
	err_has "^prolo: cannot create $tmp/ln/loop1: Too many levels of symbolic links$"'

# Standard output, named: the file the shell opened is written through
# the descriptor it gave, never replaced.  A link to /proc/self/fd/1 in
# the scratch folder is tried first: it is what /dev/stdout is, and a
# prolo that replaced it would replace only the link.  /dev/stdout
# itself is named only after that passed, so that no broken build can
# replace the machine's /dev/stdout.
echo "kept" >"$tmp/dev/stdout.csv"
chmod 644 "$tmp/dev/stdout.csv"
inode=$(stat -c %i "$tmp/dev/stdout.csv")
ln -s /proc/self/fd/1 "$tmp/dev/stdout"
# shellcheck disable=SC2086
$PROLO_WRAP "$PROLO" plan -f csv -o "$tmp/dev/stdout" "$jane" \
    >>"$tmp/dev/stdout.csv" 2>"$tmp/err"
st=$?
safe=no
result "-o a link to /proc/self/fd/1, stdout appending to a file: appended, same file, same mode" \
    eval 'status_is 0 && [ -L "$tmp/dev/stdout" ] &&
	[ "$(stat -c %i "$tmp/dev/stdout.csv")" = "$inode" ] &&
	[ "$(stat -c %a "$tmp/dev/stdout.csv")" = 644 ] &&
	[ "$(head -n 1 "$tmp/dev/stdout.csv")" = kept ] &&
	tail -n +2 "$tmp/dev/stdout.csv" | cmp -s - "$tmp/jane.csv" &&
	no_temp && safe=yes'
if [ "$safe" = yes ] && [ -L /dev/stdout ]; then
	# shellcheck disable=SC2086
	$PROLO_WRAP "$PROLO" plan -f csv -o /dev/stdout "$jane" \
	    >"$tmp/dev/named.csv" 2>"$tmp/err"
	st=$?
	result "-o /dev/stdout onto a file: written through standard output" \
	    eval 'status_is 0 && cmp -s "$tmp/dev/named.csv" "$tmp/jane.csv" &&
		[ -L /dev/stdout ]'
	# shellcheck disable=SC2086
	$PROLO_WRAP "$PROLO" plan -f csv -o /dev/stdout "$jane" 2>"$tmp/err" |
	    cat >"$tmp/dev/piped.csv"
	result "-o /dev/stdout onto a pipe: written to the pipe" \
	    eval 'cmp -s "$tmp/dev/piped.csv" "$tmp/jane.csv" && [ -L /dev/stdout ]'
else
	not_ok "-o /dev/stdout # SKIP not tried: the safe check above failed"
fi
# shellcheck disable=SC2086
$PROLO_WRAP "$PROLO" plan -f csv -o /dev/fd/1 "$jane" \
    >"$tmp/dev/fd1.csv" 2>"$tmp/err"
st=$?
result "-o /dev/fd/1 onto a file: written through standard output" \
    eval 'status_is 0 && cmp -s "$tmp/dev/fd1.csv" "$tmp/jane.csv" && no_temp'

# --- an output that is an input: 73, the file untouched -----------------

# refused WHAT FILE: the last run was refused with 73 and the message,
# FILE is as it was ($tmp/in/FILE.orig) and no temporary file is left.
refused() {
	file=$2
	result "$1: 73, the file untouched" \
	    eval 'status_is 73 && no_stdout && no_temp &&
		err_has "^prolo: output file '\''$tmp/in/$file'\'' is also an input file$" &&
		cmp -s "$tmp/in/$file" "$tmp/in/$file.orig"'
}
mkdir "$tmp/in" "$tmp/in/lib"
cp "$jane" "$tmp/in/p.yaml"
ln -s p.yaml "$tmp/in/p-link.yaml"
cp tests/clinic-open.yaml "$tmp/in/c.yaml"
ln "$tmp/in/c.yaml" "$tmp/in/c-hard.yaml"
cp data/protocols/*.yaml "$tmp/in/lib/"
cp data/protocols/knee-oa.yaml "$tmp/in/proto.yaml"
sed "s|^protocol: .*|protocol: ./proto.yaml|" "$jane" >"$tmp/in/by-path.yaml"
for f in p.yaml c.yaml c-hard.yaml lib/standard.yaml lib/knee-oa.yaml \
    proto.yaml; do
	cp "$tmp/in/$f" "$tmp/in/$f.orig"
done
prolo plan -o "$tmp/in/p.yaml" "$tmp/in/p-link.yaml"
refused "-o an operand named through a link" p.yaml
# shellcheck disable=SC2086
$PROLO_WRAP "$PROLO" plan -o "$tmp/in/p.yaml" - <"$tmp/in/p.yaml" \
    >"$tmp/out" 2>"$tmp/err"
st=$?
refused "-o the file standard input reads, as -" p.yaml
prolo plan --clinic "$tmp/in/c.yaml" -o "$tmp/in/c.yaml" "$jane"
refused "-o the --clinic file" c.yaml
prolo plan --clinic "$tmp/in/c.yaml" -o "$tmp/in/c-hard.yaml" "$jane"
refused "-o a hard link to the --clinic file" c-hard.yaml
# shellcheck disable=SC2086
PROLO_CLINIC=$tmp/in/c.yaml $PROLO_WRAP "$PROLO" plan -o "$tmp/in/c.yaml" \
    "$jane" >"$tmp/out" 2>"$tmp/err"
st=$?
refused "-o the PROLO_CLINIC file" c.yaml
prolo plan --protocols "$tmp/in/lib" -o "$tmp/in/lib/standard.yaml" "$jane"
refused "-o a library protocol no patient uses (--protocols)" \
    lib/standard.yaml
# shellcheck disable=SC2086
PROLO_PROTOCOLS=$tmp/in/lib $PROLO_WRAP "$PROLO" plan \
    -o "$tmp/in/lib/knee-oa.yaml" "$jane" >"$tmp/out" 2>"$tmp/err"
st=$?
refused "-o the library protocol a patient uses (PROLO_PROTOCOLS)" \
    lib/knee-oa.yaml
prolo plan -o "$tmp/in/proto.yaml" "$tmp/in/by-path.yaml"
refused "-o the protocol a patient file names by path" proto.yaml
result "  ... and the patient's protocol key says why" \
    eval 'err_has "^$tmp/in/by-path.yaml:9:11: error: cannot read protocol file '\''./proto.yaml'\'': input file is output file$"'
prolo plan -f csv -o "$tmp/in/proto.yaml" "$jane" "$tmp/in/by-path.yaml" \
    "$jane"
refused "-o a protocol named by path, among patients planned" proto.yaml
prolo plan -o "$tmp/in/new.yaml" "$tmp/in/p.yaml"
result "-o a new file beside the inputs: written" \
    eval 'status_is 0 && [ -s "$tmp/in/new.yaml" ]'

# --- what a failing run does to an existing -o file ------------------------

# Replaced only when every file was read and valid: 0, or 1 for a
# patient with no plan (an answer about the patient); after a missing
# or invalid file, untouched, and not created.
mkdir "$tmp/fail"
bad=tests/cases/err-visits-word.yaml
noplan=tests/cases/noplan-no-day.yaml
echo kept >"$tmp/fail/out.csv"
prolo plan -f csv -o "$tmp/fail/out.csv" "$jane" "$bad"
result "good and invalid files: 65, the existing file untouched" \
    eval 'status_is 65 && [ "$(cat "$tmp/fail/out.csv")" = kept ] && no_temp'
prolo plan -f csv -o "$tmp/fail/out.csv" "$jane" "$tmp/fail/none.yaml"
result "good and missing files: 66, the existing file untouched" \
    eval 'status_is 66 && [ "$(cat "$tmp/fail/out.csv")" = kept ] && no_temp'
prolo plan -f csv -o "$tmp/fail/new.csv" "$jane" "$bad"
result "good and invalid files: no new file created" \
    eval 'status_is 65 && [ ! -e "$tmp/fail/new.csv" ] && no_temp'
prolo plan -f csv -o "$tmp/fail/out.csv" "$noplan" "$bad"
result "a patient with no plan, then an invalid file: the first failure's 1, the file untouched" \
    eval 'status_is 1 && [ "$(cat "$tmp/fail/out.csv")" = kept ]'
prolo plan -f csv -o "$tmp/fail/out.csv" "$jane" "$noplan"
result "good and no-plan files: 1, the file replaced with the plans made" \
    eval 'status_is 1 && cmp -s "$tmp/fail/out.csv" "$tmp/jane.csv" &&
	[ "$(stat -c %a "$tmp/fail/out.csv")" = 600 ] && no_temp'
prolo plan -f csv -o "$tmp/fail/out.csv" "$noplan"
result "no plan for anyone: 1, the file replaced by the empty output" \
    eval 'status_is 1 && [ -f "$tmp/fail/out.csv" ] &&
	[ ! -s "$tmp/fail/out.csv" ] && no_temp'

# --- signals while the temporary file exists ------------------------------

# The checks of signals, file-size limits and closed descriptors run
# prolo bare, without PROLO_WRAP: valgrind forwards only some signals to
# the program it runs (not a SIGILL or SIGBUS sent by kill, nor the
# signals it keeps for itself), dies of SIGXFSZ itself, and will not
# start without its own standard error.  They test prolo's handling of
# the process, not its memory, which the other checks cover.

# A FIFO as the last operand holds prolo, its temporary file made and
# the first patient planned into it, until the signal comes.  Signals
# are reset to their defaults first (a background job of a shell
# without job control starts with SIGINT and SIGQUIT ignored), and no
# core is dumped.  A prolo still alive 10 seconds after the signal is
# killed and the check fails.
mkdir "$tmp/sig"
# sig_run N: prolo held on the FIFO, then signal N; its status in $st.
sig_run() {
	rm -f "$tmp/sig/fifo"
	mkfifo "$tmp/sig/fifo"
	(ulimit -c 0; exec env --default-signal "$PROLO" \
	    plan -f csv -o "$tmp/sig/out.csv" "$jane" "$tmp/sig/fifo" \
	    >/dev/null 2>&1) &
	pid=$!
	n=0
	while [ -z "$(find "$tmp/sig" -name '.prolo-*')" ] && [ "$n" -lt 600 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	kill -s "$1" "$pid" 2>/dev/null
	n=0
	while kill -0 "$pid" 2>/dev/null && [ "$n" -lt 200 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	kill -s KILL "$pid" 2>/dev/null
	wait "$pid"
	st=$?
}
if [ "$(uname -s)" = Linux ] && env --default-signal true 2>/dev/null; then
	echo "kept" >"$tmp/sig/out.csv"
	# Linux's numbers: the fatal signals but KILL and STOP, then
	# SIGRTMIN (34; 32 and 33 are the C library's) to SIGRTMAX.
	for sig in 1 2 3 4 5 6 7 8 10 11 12 13 14 15 16 24 26 27 29 30 31 \
	    $(seq 34 64); do
		sig_run "$sig"
		result "signal $sig ($(kill -l "$sig")) with the temporary file made: removed, the signal's status, the file untouched" \
		    eval 'status_is $((128 + sig)) && no_temp &&
			[ "$(cat "$tmp/sig/out.csv")" = kept ]'
		rm -f "$tmp"/sig/.prolo-*	# each case on its own
	done
	# An ignored signal stays ignored: the run goes on to the end.
	rm -f "$tmp/sig/fifo"
	mkfifo "$tmp/sig/fifo"
	(trap '' HUP; exec "$PROLO" plan -f csv \
	    -o "$tmp/sig/out.csv" "$jane" "$tmp/sig/fifo" >/dev/null \
	    2>&1) &
	pid=$!
	n=0
	while [ -z "$(find "$tmp/sig" -name '.prolo-*')" ] && [ "$n" -lt 600 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	kill -s HUP "$pid"
	timeout 10 sh -c 'cat "$1" >"$2"' sh "$jane" "$tmp/sig/fifo"
	wait "$pid"
	st=$?
	result "SIGHUP ignored when prolo started (nohup): still ignored, the run completes" \
	    eval 'status_is 0 && no_temp && grep -q "^MRN-0042," "$tmp/sig/out.csv"'
else
	ok "signals # SKIP not Linux, or no env --default-signal"
fi

# A write past the file-size limit: SIGXFSZ is ignored, so the write
# fails instead of prolo dying with the temporary file left.  The
# patient has no warnings, so standard error stays under the limit too.
i=0
set --
while [ "$i" -lt 200 ]; do
	set -- "$@" data/examples/new-patient.yaml
	i=$((i + 1))
done
(ulimit -f 8; exec "$PROLO" plan -f csv \
    -o "$tmp/sig/big.csv" "$@" >"$tmp/out" 2>"$tmp/err")
st=$?
set --
result "a write past ulimit -f: 74, 'File too large', no file, no temporary file" \
    eval 'status_is 74 && no_temp && [ ! -e "$tmp/sig/big.csv" ] &&
	err_has "^prolo: $tmp/sig/big.csv: write error: File too large$"'

# --- closed descriptors --------------------------------------------------

# Bare, as above: valgrind will not start with standard error closed.
mkdir "$tmp/fd"
"$PROLO" plan -f json -o "$tmp/fd/out.json" "$jane" \
    >"$tmp/out" 2>&-
st=$?
result "2>&- and warnings: the -o file is the JSON document alone" \
    eval 'status_is 0 && [ "$(head -c 1 "$tmp/fd/out.json")" = "{" ] &&
	"${PYTHON:-python3}" -c "import json,sys; json.load(open(sys.argv[1]))" \
	    "$tmp/fd/out.json"'
"$PROLO" plan -f csv -o "$tmp/fd/in.csv" - >"$tmp/out" \
    2>"$tmp/err" <&-
st=$?
result "<&- with -: cannot read standard input, 66, no file left" \
    eval 'status_is 66 && err_has "^prolo: -: Bad file descriptor$" &&
	[ -z "$(ls -A "$tmp/fd" | grep -v "^out.json$")" ]'
"$PROLO" plan "$jane" 2>"$tmp/err" >&-
st=$?
result ">&-: still a write error, 74" \
    eval 'status_is 74 && err_has "^prolo: write error: Bad file descriptor$"'

finish output
