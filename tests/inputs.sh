#!/bin/sh
# Whole censuses in one run (issue 17): folders as operands, and lists
# of names (--files-from, --files0-from), for plan, agenda, prep and
# check.  Each run is checked against the same files given as operands
# in the order find(1) and LC_ALL=C sort(1) give them, an oracle that
# shares no code with prolo's walk.  Run from the repository root after
# make.  PROLO_WRAP may hold a command to run prolo under.

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "inputs: run from the repository root after make" >&2
	exit 2
fi
test_env inputs
. tests/helpers.inc

slots=$top/tests/cases-book/slots.clinic.yaml

# patient FILE ID: a patient wanting Monday and Wednesday mornings from
# 2026-12-01, so that with capacity 1 the order of the files decides
# who gets the first slot.
patient() {
	cat >"$1" <<EOF
patient: {id: "$2", name: "Patient $2"}
protocol: knee-oa
start: 2026-12-01
visits: 4
weekdays: [mon, wed]
times: [morning]
EOF
}

# The census: names whose bytes straddle '/', '-', '.' and case, nested
# folders, *.yml and *.YAML, and what must be skipped: hidden files and
# folders, other files, links inside (a loop, a link out of the tree,
# a link to a patient).
c=$tmp/census
mkdir -p "$c/a" "$c/a-b" "$c/a/deep" "$c/.old" "$c/Z" "$tmp/outside"
patient "$c/a.yaml" P-a
patient "$c/a/x.yaml" P-ax
patient "$c/a/deep/y.yml" P-ady
patient "$c/a-b/x.yaml" P-abx
patient "$c/B.YAML" P-B
patient "$c/b.yaml" P-b
patient "$c/Z/z.yaml" P-Zz
patient "$c/with space.yaml" P-space
patient "$c/.old/h.yaml" P-hidden-folder
patient "$c/.h.yaml" P-hidden-file
patient "$tmp/outside/o.yaml" P-outside
echo "not a patient" >"$c/notes.txt"
ln -s . "$c/a/self"
ln -s .. "$c/a/deep/up"
ln -s ../outside "$c/out"
ln -s ../a.yaml "$c/a/link.yaml"

# The oracle's order: every *.yaml and *.yml (any case) beneath, not
# hidden, not a link, by bytes.
find "$c" \( -name '.*' -prune \) -o -type f \( -iname '*.yaml' -o \
    -iname '*.yml' \) -print | LC_ALL=C sort >"$tmp/order"
sorted=$(wc -l <"$tmp/order")

# oracle ARGS...: prolo ARGS... with the oracle's files as operands,
# its stdout in $tmp/want (names with spaces kept whole).
oracle() {
	tr '\n' '\0' <"$tmp/order" | xargs -0 sh -c \
	    'exec $PROLO_WRAP "$0" "$@"' "$PROLO" "$@" >"$tmp/want" 2>/dev/null
}

oracle plan -f csv --clinic "$slots"
prolo plan -f csv --clinic "$slots" "$c"
result "a folder plans its 8 patients, in byte order of their paths" eval \
    '[ "$sorted" -eq 8 ] && status_is 0 && cmp -s "$tmp/out" "$tmp/want"'
cp "$tmp/out" "$tmp/folder.csv"
result "one CSV header for the whole folder" eval \
    '[ "$(grep -c "^patient_id," "$tmp/out")" -eq 1 ]'
result "hidden files and folders, and files outside, are not planned" eval \
    '! grep -q "P-hidden\|P-outside" "$tmp/out"'
result "the order decides the slots: the first path gets 08:30" eval \
    'sed -n 2p "$tmp/out" | grep -q "^P-B,.*,08:30,"'
result "each patient once: links inside are not followed" eval \
    '[ "$(cut -d, -f1 "$tmp/out" | sort -u | grep -c "^P-")" -eq 8 ] &&
    [ "$(grep -c "^P-a," "$tmp/out")" -eq 4 ]'
result "a link inside is told of, a loop too, and the run ends" eval \
    'grep -q "census/a/self: warning: a symbolic link in a folder is not followed" "$tmp/err" &&
    grep -q "census/a/deep/up: warning" "$tmp/err" &&
    grep -q "census/out: warning" "$tmp/err" &&
    grep -q "census/a/link.yaml: warning" "$tmp/err"'

# The same files in another order book other slots: the test above
# could fail.
LC_ALL=C sort -r "$tmp/order" | tr '\n' '\0' | xargs -0 sh -c \
    'exec "$0" "$@"' "$PROLO" plan -f csv --clinic "$slots" >"$tmp/rev" \
    2>/dev/null
result "(the order matters: reversed, the slots differ)" eval \
    '! cmp -s "$tmp/rev" "$tmp/want"'

# A folder given with a trailing slash, or twice over.
prolo plan -f csv --clinic "$slots" "$c/"
result "a folder with a trailing slash: the same paths" eval \
    'status_is 0 && cmp -s "$tmp/out" "$tmp/want" &&
    ! grep -q "census//" "$tmp/err"'

# One document in every format.
prolo plan -f json "$c"
result "one JSON document with 8 plans" eval \
    'status_is 0 && "$PYTHON" -c "import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(len(d[\"plans\"]) != 8)" "$tmp/out"'
prolo plan -f ics "$c"
result "one calendar" eval \
    'status_is 0 && [ "$(grep -c "^BEGIN:VCALENDAR" "$tmp/out")" -eq 1 ] &&
    [ "$(grep -c "^END:VCALENDAR" "$tmp/out")" -eq 1 ]'

# --- lists of names ----------------------------------------------------

find "$c" \( -name '.*' -prune \) -o -type f \( -iname '*.yaml' -o \
    -iname '*.yml' \) -print0 | LC_ALL=C sort -z >"$tmp/list0"
(cd "$tmp" && $PROLO_WRAP "$PROLO" plan -f csv --clinic "$slots" \
    --files0-from list0) >"$tmp/out" 2>"$tmp/err"
st=$?
result "--files0-from FILE: the same output as the operands" eval \
    'status_is 0 && cmp -s "$tmp/out" "$tmp/want"'
$PROLO_WRAP "$PROLO" plan -f csv --clinic "$slots" --files0-from - \
    <"$tmp/list0" >"$tmp/out" 2>"$tmp/err"
st=$?
result "--files0-from -: the list on standard input" eval \
    'status_is 0 && cmp -s "$tmp/out" "$tmp/want"'
$PROLO_WRAP "$PROLO" plan -f csv --clinic "$slots" --files-from - \
    <"$tmp/order" >"$tmp/out" 2>"$tmp/err"
st=$?
result "--files-from -: one name a line, spaces kept" eval \
    'status_is 0 && cmp -s "$tmp/out" "$tmp/want"'
{ echo; echo "$c"; echo; } >"$tmp/list-folder"
prolo plan -f csv --clinic "$slots" --files-from "$tmp/list-folder"
result "a folder in a list is walked; blank lines are skipped" eval \
    'status_is 0 && cmp -s "$tmp/out" "$tmp/want"'

# A name with a newline in it, which only a NUL-separated list can hold.
nl='
'
patient "$c/new${nl}line.yaml" P-newline
find "$c" -name "new*line.yaml" -print0 >"$tmp/nl0"
prolo plan -f csv --files0-from "$tmp/nl0"
result "--files0-from: a name with a newline" eval \
    'status_is 0 && grep -q "^P-newline," "$tmp/out"'
find "$c" -name "new*line.yaml" -print >"$tmp/nl"
prolo plan -f csv --files-from "$tmp/nl"
result "--files-from: the same name is two names that do not exist (66)" \
    eval 'status_is 66 &&
    grep -q "census/new: No such file or directory" "$tmp/err" &&
    grep -q "^prolo: line.yaml: No such file or directory" "$tmp/err"'
prolo plan -f csv "$c"
result "a folder holding it plans it too, 9 patients" eval \
    'status_is 0 && [ "$(cut -d, -f1 "$tmp/out" | sort -u |
    grep -c "^P-")" -eq 9 ]'
rm -f "$c/new${nl}line.yaml"

prolo plan -f csv --files-from "$tmp/list0"
result "a NUL list to --files-from: 65 at the NUL, naming --files0-from" \
    eval 'status_is 65 && grep -q "list0:1:[0-9]*: error: a NUL byte in a list of lines: .*--files0-from" "$tmp/err"'
printf '%s\0\0%s\0' "$c/a.yaml" "$c/b.yaml" >"$tmp/gap0"
prolo plan -f csv --files0-from "$tmp/gap0"
result "an empty name in a NUL list: 65 at its entry, the rest planned" \
    eval 'status_is 65 &&
    grep -q "gap0:2:1: error: empty file name in the list" "$tmp/err" &&
    grep -q "^P-a," "$tmp/out" && grep -q "^P-b," "$tmp/out"'

# --- what cannot be read: 66, and the rest still plan ---------------------

printf '%s\n%s\n%s\n' "$c/a.yaml" "$c/missing.yaml" "$c/b.yaml" \
    >"$tmp/holes"
prolo plan -f csv --files-from "$tmp/holes"
result "an unreadable entry: 66, named, the others planned" eval \
    'status_is 66 &&
    grep -q "^prolo: .*census/missing.yaml: No such file or directory" "$tmp/err" &&
    grep -q "^P-a," "$tmp/out" && grep -q "^P-b," "$tmp/out" &&
    [ "$(grep -c "^patient_id," "$tmp/out")" -eq 1 ]'
echo keep >"$tmp/kept.csv"
prolo plan -f csv -o "$tmp/kept.csv" --files-from "$tmp/holes"
result "-o with an unreadable entry: the file is left as it was" eval \
    'status_is 66 && [ "$(cat "$tmp/kept.csv")" = keep ]'
prolo plan -f csv --clinic "$slots" -o "$tmp/new.csv" "$c"
result "-o with a folder: the whole census, mode 0600" eval \
    'status_is 0 && cmp -s "$tmp/new.csv" "$tmp/folder.csv" &&
    [ "$(stat -c %a "$tmp/new.csv")" = 600 ]'

# The output file inside the folder, named as a patient file: the walk
# would read it, so it is refused (73) and left as it was.
cp "$tmp/folder.csv" "$c/plan.yaml"
prolo plan -f csv -o "$c/plan.yaml" "$c"
result "-o a *.yaml inside the folder: 73, the file untouched" eval \
    'status_is 73 && cmp -s "$c/plan.yaml" "$tmp/folder.csv"'
rm -f "$c/plan.yaml"
prolo plan -f csv -o "$tmp/list0" --files0-from "$tmp/list0"
result "-o the list itself: 73 before anything is read" eval \
    'status_is 73 && no_stdout && [ -s "$tmp/list0" ]'

prolo plan -f csv --files-from "$tmp/no-such-list"
result "a list that cannot be opened: 66, nothing planned" eval \
    'status_is 66 && no_stdout && grep -q "no-such-list: No such file" "$tmp/err"'

mkfifo "$c/fifo.yaml"
prolo plan -f csv "$c"
result "a FIFO named *.yaml in a folder: 66, not waited on" eval \
    'status_is 66 && grep -q "census/fifo.yaml: not a regular file" "$tmp/err" &&
    [ "$(cut -d, -f1 "$tmp/out" | sort -u | grep -c "^P-")" -eq 8 ]'
rm -f "$c/fifo.yaml"

if [ "$(id -u)" -ne 0 ]; then
	mkdir "$c/locked"
	chmod 0 "$c/locked"
	prolo plan -f csv "$c"
	result "an unreadable folder: 66, named, the rest planned" eval \
	    'status_is 66 && grep -q "census/locked: Permission denied" "$tmp/err" &&
	    [ "$(cut -d, -f1 "$tmp/out" | sort -u | grep -c "^P-")" -eq 8 ]'
	chmod 700 "$c/locked"
	rmdir "$c/locked"
else
	echo "# root reads any folder: the unreadable folder is left to test_walk"
fi

# --- nothing to read: 64 ---------------------------------------------------

mkdir -p "$tmp/empty/sub/.hidden"
patient "$tmp/empty/sub/.hidden/p.yaml" P-h
echo x >"$tmp/empty/notes.txt"
prolo plan -f csv "$tmp/empty"
result "an empty folder: 64, its name, no output" eval \
    'status_is 64 && no_stdout &&
    grep -q "empty: no \*.yaml or \*.yml files in this folder" "$tmp/err" &&
    grep -q "^usage: prolo plan" "$tmp/err"'
: >"$tmp/empty.list"
prolo plan -f csv --files-from "$tmp/empty.list"
result "an empty list: 64, its name, no output" eval \
    'status_is 64 && no_stdout &&
    grep -q "empty.list: no file names in the list (--files-from)" "$tmp/err"'
printf '\n\n' >"$tmp/blank.list"
prolo plan -f csv --files-from "$tmp/blank.list"
result "a list of blank lines: 64" eval 'status_is 64 && no_stdout'
printf '' | $PROLO_WRAP "$PROLO" plan -f csv --files0-from - >"$tmp/out" \
    2>"$tmp/err"
st=$?
result "an empty list on standard input: 64" eval \
    'status_is 64 && no_stdout && grep -q "^prolo: -: no file names" "$tmp/err"'
prolo plan -f csv "$c/a.yaml" "$tmp/empty"
result "an empty folder among other files: 64, the others planned" eval \
    'status_is 64 && grep -q "^P-a," "$tmp/out"'

# --- usage ---------------------------------------------------------------

prolo plan -f csv --files-from "$tmp/order" "$c/a.yaml"
result "operands and a list: 64" eval \
    'status_is 64 && no_stdout &&
    grep -q "file operands cannot be combined with --files-from" "$tmp/err"'
prolo plan -f csv --files-from "$tmp/order" --files0-from "$tmp/list0"
result "two lists: 64" eval 'status_is 64 && no_stdout'
printf '%s\n-\n' "$c/a.yaml" | $PROLO_WRAP "$PROLO" plan -f csv \
    --files-from - >"$tmp/out" 2>"$tmp/err"
st=$?
result "'-' in a list read from standard input: 65 at its line" eval \
    'status_is 65 && grep -q "^-:2:1: error: .-. cannot name standard input here" "$tmp/err" &&
    grep -q "^P-a," "$tmp/out"'
printf '%s\n-\n' "$c/a.yaml" >"$tmp/dash.list"
$PROLO_WRAP "$PROLO" plan -f csv --files-from "$tmp/dash.list" \
    <"$c/b.yaml" >"$tmp/out" 2>"$tmp/err"
st=$?
result "'-' in a list from a file reads standard input" eval \
    'status_is 0 && grep -q "^P-a," "$tmp/out" && grep -q "^P-b," "$tmp/out"'

# --- the other commands ---------------------------------------------------

oracle agenda -f csv --from 2026-11-30 --to 2027-03-01 --clinic "$slots"
prolo agenda -f csv --from 2026-11-30 --to 2027-03-01 --clinic "$slots" "$c"
result "agenda: a folder, the same as its files" eval \
    'status_is 0 && [ -s "$tmp/out" ] && cmp -s "$tmp/out" "$tmp/want"'
oracle prep -f json --clinic "$top/tests/cases-prep/clinic.yaml"
prolo prep -f json --clinic "$top/tests/cases-prep/clinic.yaml" \
    --files0-from "$tmp/list0"
result "prep: a list, the same as its files" eval \
    'status_is 0 && [ -s "$tmp/out" ] && cmp -s "$tmp/out" "$tmp/want"'
prolo check "$c"
result "check: a folder of valid files is 0" eval 'status_is 0'
printf 'patient: {id: X\n' >"$c/a/broken.yaml"
prolo check "$c"
result "check: an invalid file in a folder is 65 at its place" eval \
    'status_is 65 && grep -q "census/a/broken.yaml:[0-9]*:[0-9]*: error:" "$tmp/err"'
rm -f "$c/a/broken.yaml"
prolo check "$top/data/protocols"
result "check: the protocol library as a folder" eval 'status_is 0'

# --- a census that no command line holds ----------------------------------

# 100,000 patients, hard links to 100 files in 100 folders (hard links
# cost no disk); a smaller census under a wrapper or a test build,
# where 100,000 plans would take many minutes.
big=100000
if [ -n "$PROLO_WRAP" ] || "$PROLO" --version | grep -q ' build)$'; then
	big=2000
fi
"$PYTHON" - "$tmp/big" "$big" "$top/data/examples/jane-doe.yaml" <<'EOF'
import os, sys
top, n, src = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = open(src).read()
os.mkdir(top)
for i in range(n):
    d = "%s/%02d" % (top, i % 100)
    if i < 100:
        os.mkdir(d)
        with open("%s/.seed%02d.yaml" % (top, i), "w") as f:
            f.write(text)
    os.link("%s/.seed%02d.yaml" % (top, i % 100), "%s/p%06d.yaml" % (d, i))
EOF
$PROLO_WRAP "$PROLO" plan -f csv "$tmp/big" 2>/dev/null |
    awk 'NR == 1 { h = $0 } $0 == h { n++ } END { print n + 0, NR }' \
    >"$tmp/bigcount"
read -r headers rows <"$tmp/bigcount"
result "a census of $big patients in one run: one CSV header, $((big * 6)) rows" \
    eval '[ "$headers" -eq 1 ] && [ "$rows" -eq $((big * 6 + 1)) ]'

finish inputs
