#!/bin/sh
# Tests of the manual pages and the bash completion: run from the
# repository root as
#	sh tests/man.sh
# Prints "ok - what", "not ok - what" or "ok - what # SKIP why" per check
# and a final count.  Needs neither the binary nor a network; checks that
# need mandoc(1) or bash(1) are skipped when they are missing.
# shellcheck disable=SC2016 # bash scripts in single quotes on purpose

man1=man/prolo.1
man5=man/prolo-files.5
comp=completion/prolo.bash

if [ ! -f "$man1" ] || [ ! -f "$man5" ] || [ ! -f "$comp" ]; then
	echo "man: run from the repository root" >&2
	exit 2
fi

. tests/env.inc
test_env man
passed=0
failed=0

ok() {
	echo "ok - $1"
	passed=$((passed + 1))
}

not_ok() {
	echo "not ok - $1"
	failed=$((failed + 1))
}

skip() {
	echo "ok - $1 # SKIP $2"
	passed=$((passed + 1))
}

# show FILE: the first lines of FILE as TAP comments.
show() {
	sed 's/^/#   /' "$1" | head -n 10
}

# has FILE WORD: whether WORD appears in FILE as a word of its own
# (between blanks, brackets, bars, commas or line ends).
has() {
	grep -Eq -e "(^|[][ |,])$2([][ |,.]|\$)" "$1"
}

# --- mandoc -----------------------------------------------------------

have_mandoc=
command -v mandoc >/dev/null 2>&1 && have_mandoc=1
bs=$(printf '\b')

for page in "$man1" "$man5"; do
	what="mandoc -T lint -W warning $page prints nothing"
	if [ -z "$have_mandoc" ]; then
		skip "$what" "mandoc not found"
	else
		mandoc -T lint -W warning "$page" >"$tmp/lint" 2>&1
		if [ ! -s "$tmp/lint" ]; then
			ok "$what"
		else
			not_ok "$what"
			show "$tmp/lint"
		fi
	fi

	what="mandoc -T utf8 renders $page"
	name=$(basename "$page")
	if [ -z "$have_mandoc" ]; then
		skip "$what" "mandoc not found"
	elif mandoc -T utf8 "$page" >"$tmp/raw" 2>"$tmp/err" &&
	    [ ! -s "$tmp/err" ] && [ -s "$tmp/raw" ]; then
		# Drop the overstrikes that make bold and underline.
		sed "s/.$bs//g" "$tmp/raw" >"$tmp/$name.txt"
		ok "$what"
	else
		not_ok "$what"
		show "$tmp/err"
	fi
done

# The SYNOPSIS of prolo(1) names every command and option.
if [ -s "$tmp/prolo.1.txt" ]; then
	sed -n '/^SYNOPSIS/,/^[A-Z]/p' "$tmp/prolo.1.txt" | sed '$d' \
	    >"$tmp/synopsis"
fi
for word in plan agenda prep check protocols show -f -o --protocols \
    --clinic --lang --csv-raw --from --to --date --book --files-from \
    --files0-from -h --help -V --version; do
	what="prolo.1 SYNOPSIS mentions $word"
	if [ ! -s "$tmp/prolo.1.txt" ]; then
		skip "$what" "prolo.1 not rendered"
	elif has "$tmp/synopsis" "$word"; then
		ok "$what"
	else
		not_ok "$what"
	fi
done

# check_words WHAT FILE WORD...: one check that FILE mentions every WORD.
check_words() {
	what=$1
	file=$2
	shift 2
	if [ ! -s "$file" ]; then
		skip "$what" "page not rendered"
		return
	fi
	missing=
	for word in "$@"; do
		has "$file" "$word" || missing="$missing $word"
	done
	if [ -z "$missing" ]; then
		ok "$what"
	else
		not_ok "$what"
		echo "#   missing:$missing"
	fi
}

check_words "prolo.1 describes the five formats" "$tmp/prolo.1.txt" \
    text csv json ics html
check_words "prolo.1 lists every exit status" "$tmp/prolo.1.txt" \
    0 1 64 65 66 71 73 74
check_words "prolo.1 names the environment variables" "$tmp/prolo.1.txt" \
    PROLO_CLINIC PROLO_PROTOCOLS PROLO_TODAY SOURCE_DATE_EPOCH
check_words "prolo.1 names the data files" "$tmp/prolo.1.txt" \
    care.yaml care.es.yaml clinic.yaml drugs.yaml terms.yaml
check_words "prolo.1 refers to prolo-files(5)" "$tmp/prolo.1.txt" \
    'prolo-files\(5\)'
check_words "prolo-files.5 describes every patient key" \
    "$tmp/prolo-files.5.txt" patient id name birth_date protocol start \
    sites visits interval_days weekdays unavailable medications \
    allergies history missed booked ended time times lang conditions \
    overrides rule reason approved_by
check_words "prolo-files.5 describes every protocol key" \
    "$tmp/prolo-files.5.txt" id name solution source sites \
    injections_per_site visits injections interval_days max_course_days \
    review_at_visit after_lapse medication_holds drugs \
    class stop_days_before resume_days_after rules care
check_words "prolo-files.5 describes every clinic key" \
    "$tmp/prolo-files.5.txt" name address phone timezone open hours \
    visit_minutes slots closures price per_visit currency rules stock \
    ingredient percent diluent syringe_ml
check_words "prolo-files.5 describes drug classes and clinical rules" \
    "$tmp/prolo-files.5.txt" classes id name pause ask-prescriber never \
    blood_thinner drugs doses low_dose_class low_dose_max_mg_a_day \
    low_dose_words high_dose_class high_dose_min_mg level note warn stop \
    if medications class all_classes allergies conditions text
check_words "prolo-files.5 describes the terms file" \
    "$tmp/prolo-files.5.txt" terms.yaml conditions ingredients name words \
    sources note
check_words "prolo-files.5 describes the care file's keys" \
    "$tmp/prolo-files.5.txt" labels source warnings lead holds keep \
    prescribed calendar done sections unless
check_words "prolo.1 names the JSON members" "$tmp/prolo.1.txt" \
    holds prescribed keep warnings restart restarted ended
check_words "prolo.1 names the CSV columns" "$tmp/prolo.1.txt" \
    interval_days status time review restart ended ended_reason
check_words "prolo.1 describes the agenda and its CSV columns" \
    "$tmp/prolo.1.txt" agenda --from --to --book date weekday time \
    patient_id patient_name protocol visit visits sites status flags
check_words "prolo.1 describes prep and its JSON members" \
    "$tmp/prolo.1.txt" prep --date preparations patient visit date \
    volume_ml made_ml target parts name ingredient percent ml syringes

# --- bash completion ----------------------------------------------------

# complete WORD...: what the completion offers for the command line
# WORD..., the last word being the one completed, one offer a line,
# sorted.  Runs in $tmp/files, with $tmp/bin first in PATH.
complete_words() {
	(cd "$tmp/files" && PATH="$tmp/bin:$PATH" bash --norc --noprofile \
	    -c '. "$0" || exit 1
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMPREPLY=()
		_prolo prolo "${COMP_WORDS[COMP_CWORD]}" \
		    "${COMP_WORDS[COMP_CWORD - 1]}" || exit 1
		printf "%s\n" "${COMPREPLY[@]}"' "$top/$comp" "$@") |
	    sort
}

# completes WHAT EXPECTED WORD...: a check that completing WORD... offers
# EXPECTED (space-separated, in any order) and nothing else.
completes() {
	what=$1
	expected=$2
	shift 2
	if [ -z "$have_bash" ]; then
		skip "$what" "bash not found"
		return
	fi
	# shellcheck disable=SC2086 # split on purpose
	printf '%s\n' $expected | sort >"$tmp/want"
	complete_words "$@" >"$tmp/got" 2>"$tmp/err"
	if cmp -s "$tmp/want" "$tmp/got" && [ ! -s "$tmp/err" ]; then
		ok "$what"
	else
		not_ok "$what"
		echo "#   want: $expected"
		echo "#   got:  $(tr '\n' ' ' <"$tmp/got")"
		show "$tmp/err"
	fi
}

have_bash=
command -v bash >/dev/null 2>&1 && have_bash=1

# A folder to complete file names in, and a stand-in prolo whose
# "protocols" prints a fixed list, so the checks need no binary.
mkdir -p "$tmp/files/sub" "$tmp/files/lib" "$tmp/bin"
: >"$tmp/files/a.yaml"
: >"$tmp/files/b.yml"
: >"$tmp/files/c.txt"
cat >"$tmp/bin/prolo" <<'EOF'
#!/bin/sh
[ "$1" = protocols ] || exit 64
if [ "$2" = --protocols ]; then
	printf 'ID  NAME  INTERVAL  VISITS\nfrom-%s  x  7-10  3\n' \
	    "$(basename "$3")"
	exit 0
fi
printf 'ID  NAME  INTERVAL  VISITS\n'
printf 'knee-oa  Knee  14-21  4-10\nlow-back  Back  14-21  3-10\n'
EOF
chmod +x "$tmp/bin/prolo"

completes "completing 'prolo pl' gives plan" plan prolo pl
completes "completing 'prolo ' gives the commands" \
    "plan agenda prep check protocols" prolo ''
completes "completing 'prolo prep -f ' gives text and json" \
    "text json" prolo prep -f ''
completes "completing 'prolo prep --d' gives --date" \
    --date prolo prep --d
completes "completing 'prolo prep --date ' takes a date, not a file" \
    "$(date +%Y-%m-%d)" prolo prep --date ''
completes "completing 'prolo prep ' gives YAML files and folders" \
    "a.yaml b.yml sub lib" prolo prep --date 2026-11-27 ''
completes "completing 'prolo agenda -f ' gives the agenda's four formats" \
    "text csv html ics" prolo agenda -f ''
completes "completing 'prolo agenda --f' gives its four --f options" \
    "--format --from --files-from --files0-from" prolo agenda --f
completes "completing 'prolo agenda --to ' takes a date, not a file" \
    "$(date +%Y-%m-%d)" prolo agenda --to ''
completes "completing 'prolo agenda ' gives YAML files and folders" \
    "a.yaml b.yml sub lib" prolo agenda --from 2026-11-27 ''
completes "completing 'prolo plan -f ' gives the five formats" \
    "text csv json ics html" prolo plan -f ''
completes "completing 'prolo plan --format=j' gives json" \
    json prolo plan --format = j
completes "completing 'prolo plan --cs' gives --csv-raw" \
    --csv-raw prolo plan --cs
completes "completing 'prolo check --' gives its long options" \
    "--clinic --protocols --files-from --files0-from --help" prolo check --
completes "completing 'prolo plan --files0' gives --files0-from" \
    --files0-from prolo plan --files0
completes "completing 'prolo agenda --files-from ' gives any file" \
    "a.yaml b.yml c.txt sub lib" prolo agenda --files-from ''
completes "completing after 'prolo check --files0-from l ' gives files" \
    "a.yaml b.yml sub lib" prolo check --files0-from l ''
completes "completing 'prolo plan ' gives YAML files and folders" \
    "a.yaml b.yml sub lib" prolo plan -f csv ''
completes "completing 'prolo check --protocols ' gives folders" \
    "sub lib" prolo check --protocols ''
completes "completing 'prolo protocols ' gives show" \
    show prolo protocols ''
completes "completing 'prolo protocols show ' gives the ids" \
    "knee-oa low-back" prolo protocols show ''
completes "completing 'prolo protocols --protocols lib show ' asks lib" \
    from-lib prolo protocols --protocols lib show ''

echo "man: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
