#!/bin/sh
# Tests of the month calendar in the HTML handout: run from the
# repository root as
#	sh tests/monthcal.sh
# tests/monthcal.py parses the HTML with Python's html.parser and holds
# its marked days to the JSON output: the visits with their numbers,
# the pause days, today, and each month's days under their weekdays.
# With Chromium, a screenshot of a month alone shows each mark where it
# belongs, in grey, and a handout printed on A4 and on Letter splits no
# month across pages; without it those checks are skipped with a message.
# Prints "ok - what" or "not ok - what" per check and a final count.
# PROLO_WRAP may hold a command to run prolo under (e.g. valgrind).
# PYTHON names the Python to check output with (default python3).
PYTHON=${PYTHON:-python3}

. tests/env.inc
if [ ! -x "$PROLO" ] || [ ! -f tests/monthcal.py ]; then
	echo "monthcal: run from the repository root after make" >&2
	exit 2
fi

test_env monthcal
# Chromium takes a file:// address, which must be absolute.
tmp=$(cd "$tmp" && pwd) || exit 2
. tests/helpers.inc

jane=data/examples/jane-doe.yaml
long=tests/cases-html/long-course.yaml
done_=tests/cases-html/done.yaml
missed=tests/cases/plan-scores.yaml

if ! command -v "$PYTHON" >/dev/null 2>&1; then
	ok "month calendar # SKIP no python"
	finish monthcal
	exit
fi

# checked WHAT ARGS...: runs monthcal.py and counts its lines.
checked() {
	what=$1
	shift
	"$PYTHON" tests/monthcal.py "$@" >"$tmp/check" 2>&1
	rc=$?
	sed "s/^\(not \)\{0,1\}ok - /&$what: /" "$tmp/check" >"$tmp/check2"
	tally "$tmp/check2"
	[ "$rc" -eq 0 ] || grep -q '^not ok' "$tmp/check" ||
	    not_ok "$what: the checker ran"
}

# fails WHAT ARGS...: monthcal.py must find fault with what it is given.
fails() {
	what=$1
	shift
	if "$PYTHON" tests/monthcal.py "$@" >"$tmp/check" 2>&1; then
		not_ok "$what"
		sed 's/^/#   /' "$tmp/check"
	else
		ok "$what"
	fi
}

# planned NAME ARGS...: the HTML and JSON of "prolo plan ARGS", in
# $tmp/NAME.html and $tmp/NAME.json.
planned() {
	name=$1
	shift
	prolo plan -f html "$@"
	result "$name: html exits 0" status_is 0
	cp "$tmp/out" "$tmp/$name.html"
	prolo plan -f json "$@"
	cp "$tmp/out" "$tmp/$name.json"
}

# --- the DOM, parsed --------------------------------------------------

# A course across a year end, in English and in Spanish.
planned jane "$jane"
checked jane dom "$tmp/jane.html" "$tmp/jane.json" data/care.yaml \
    "$PROLO_TODAY"
planned jane-es --lang es "$jane"
checked jane-es dom "$tmp/jane-es.html" "$tmp/jane-es.json" \
    data/care.es.yaml "$PROLO_TODAY"
result "jane-es: months and weekdays in Spanish" \
    grep -q '<caption>diciembre de 2026</caption>' "$tmp/jane-es.html"
# Seven months, a missed visit and a prescribed medicine.
planned long "$long"
checked long dom "$tmp/long.html" "$tmp/long.json" data/care.yaml \
    "$PROLO_TODAY"
# No medicine to pause: no pause in the key; every visit given.
planned done "$done_"
checked done dom "$tmp/done.html" "$tmp/done.json" data/care.yaml \
    "$PROLO_TODAY"
result "done: no pause in the key" \
    eval '! grep -q "Days to pause" "$tmp/done.html"'
# A missed visit in the history: not marked.
planned missed "$missed"
checked missed dom "$tmp/missed.html" "$tmp/missed.json" data/care.yaml \
    "$PROLO_TODAY"
# Several handouts in one document, each with its own calendar.
planned several "$jane" "$done_" "$long" data/examples/new-patient.yaml
checked several dom "$tmp/several.html" "$tmp/several.json" \
    data/care.yaml "$PROLO_TODAY"

# The checker itself: a visit unmarked, a pause day lost, today moved.
sed 's/class="day visit/class="day/' "$tmp/jane.html" >"$tmp/bad.html"
fails "the checker finds a visit unmarked" dom "$tmp/bad.html" \
    "$tmp/jane.json" data/care.yaml "$PROLO_TODAY"
sed '0,/class="day pause"/s//class="day"/' "$tmp/jane.html" >"$tmp/bad.html"
fails "the checker finds a pause day lost" dom "$tmp/bad.html" \
    "$tmp/jane.json" data/care.yaml "$PROLO_TODAY"
fails "the checker finds today elsewhere" dom "$tmp/jane.html" \
    "$tmp/jane.json" data/care.yaml 2026-11-28

# --- rendered by Chromium ---------------------------------------------

# chromium_run ARGS... FILE: headless Chromium on FILE, with its own
# profile and no network; stdout to $tmp/chromium.out.
chromium_run() {
	$limit chromium --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --hide-scrollbars \
	    --force-device-scale-factor=1 --user-data-dir="$tmp/profile" \
	    "$@" >"$tmp/chromium.out" 2>"$tmp/chromium.log"
}

# shot NAME MONTH [CSS]: a screenshot of MONTH's table alone in
# $tmp/NAME.html, its caption and weekdays hidden, each day cell 100 by
# 60 pixels from the top left, CSS added after; in $tmp/NAME-MONTH.png.
shot() {
	only='body{margin:0!important;padding:0!important;max-width:none!important}section>*:not(.calendar),.calendar>:not(.months),.month caption,.month thead{display:none!important}.months{display:block!important;margin:0!important}.month{display:none!important}.month[data-month="'$2'"]{display:table!important;width:700px!important;border-spacing:0!important;margin:0!important}.month td{width:100px!important;height:60px!important;box-sizing:border-box!important}'
	sed "s|</style>|$only${3-}</style>|" "$tmp/$1.html" >"$tmp/shot.html"
	rm -f "$tmp/$1-$2.png"
	chromium_run --window-size=700,400 --screenshot="$tmp/$1-$2.png" \
	    "file://$tmp/shot.html" && [ -s "$tmp/$1-$2.png" ]
}

# printed NAME PAPER: $tmp/NAME.html printed on PAPER, each day's date
# written small in its cell, laid out of the flow so nothing moves
# ("calK:YYYY-MM-DD" in the Kth handout, K up to 9); the text of each
# page in $tmp/NAME-PAPER-N.txt, and their names in order in
# $tmp/NAME-PAPER.pages.
printed() {
	mark=
	for k in 1 2 3 4 5 6 7 8 9; do
		mark="$mark"'section:nth-of-type('$k') .month td[data-date]::after{content:"cal'$k':" attr(data-date);position:absolute;left:0;bottom:0;font-size:3px;line-height:1}'
	done
	sed "s|</style>|$mark@page{size:$2}</style>|" "$tmp/$1.html" \
	    >"$tmp/print.html"
	rm -f "$tmp/$1-$2.pdf" "$tmp/$1-$2"-*.txt
	chromium_run --no-pdf-header-footer \
	    --print-to-pdf="$tmp/$1-$2.pdf" "file://$tmp/print.html" &&
	    [ -s "$tmp/$1-$2.pdf" ] || return 1
	n=$(pdfinfo "$tmp/$1-$2.pdf" | awk '$1 == "Pages:" { print $2 }')
	i=1
	: >"$tmp/$1-$2.pages"
	while [ "$i" -le "${n:-0}" ]; do
		pdftotext -f "$i" -l "$i" "$tmp/$1-$2.pdf" "$tmp/$1-$2-$i.txt" ||
		    return 1
		echo "$tmp/$1-$2-$i.txt" >>"$tmp/$1-$2.pages"
		i=$((i + 1))
	done
	[ "${n:-0}" -gt 0 ]
}

if ! command -v chromium >/dev/null 2>&1; then
	ok "rendered month calendar # SKIP chromium not installed"
	finish monthcal
	exit
fi
limit=
if command -v timeout >/dev/null 2>&1; then
	limit="timeout 120"
fi
# The month with today and two visits given, and one with a visit in a
# pause; the Spanish handout's and a prescribed medicine's.
for nm in jane:2026-11 jane:2026-12 jane-es:2027-01 long:2026-12; do
	name=${nm%%:*}
	month=${nm#*:}
	result "$name: Chromium takes a screenshot of $month" shot "$name" \
	    "$month"
	checked "$name" png "$tmp/$name-$month.png" "$tmp/$name.json" \
	    "$month" "$PROLO_TODAY"
done
result "jane: a screenshot with its marks hidden" shot jane 2026-12 \
    '.mark,.month td{border-color:#ccc!important;background:#fff!important}.mark{display:none!important}'
fails "the checker finds the marks gone" png "$tmp/jane-2026-12.png" \
    "$tmp/jane.json" 2026-12 "$PROLO_TODAY"

if ! command -v pdfinfo >/dev/null 2>&1 ||
    ! command -v pdftotext >/dev/null 2>&1; then
	ok "printed month calendar # SKIP poppler-utils not installed"
else
	for name in jane long several; do
		for paper in A4 letter; do
			result "$name: printed on $paper" printed "$name" "$paper"
			# shellcheck disable=SC2046 # one argument per page
			checked "$name on $paper" pages "$tmp/$name.json" \
			    $(cat "$tmp/$name-$paper.pages")
		done
	done
	# The checker itself: a month made to split.
	sed 's|</style>|table.month{break-inside:auto!important}.month tr:nth-child(3){break-before:page}</style>|' \
	    "$tmp/long.html" >"$tmp/split.html"
	result "split: printed on A4" printed split A4
	# shellcheck disable=SC2046 # one argument per page
	fails "the checker finds a month split across pages" pages \
	    "$tmp/long.json" $(cat "$tmp/split-A4.pages")
fi

finish monthcal
