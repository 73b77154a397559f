#!/bin/sh
# Tests of the pain and function scores through the binary, and of their
# chart in the HTML handout as headless Chromium renders it: run from
# the repository root as
#	sh tests/chart.sh
# Without Chromium the rendering checks are skipped with a message; it
# is not installed by make deps.  tests/chart.py reads the rendered DOM
# and a screenshot of the chart alone (a PNG read with zlib).
# Prints "ok - what" or "not ok - what" per check and a final count.
# PROLO_WRAP may hold a command to run prolo under (e.g. valgrind).
# PYTHON names the Python to check output with (default python3).
PYTHON=${PYTHON:-python3}

. tests/env.inc
if [ ! -x "$PROLO" ] || [ ! -f tests/chart.py ]; then
	echo "chart: run from the repository root after make" >&2
	exit 2
fi

test_env chart
# Chromium takes a file:// address, which must be absolute.
tmp=$(cd "$tmp" && pwd) || exit 2
. tests/helpers.inc

scores=tests/cases/plan-scores.yaml
goal=tests/cases/plan-scores-goal.yaml
jane=data/examples/jane-doe.yaml

# --- the scores through the binary ------------------------------------

prolo plan "$scores"
result "scores: plan exits 0" status_is 0
result "scores: the handout shows the pain trend" \
    out_has "^Your pain, from 0 (no pain) to 10 (worst pain): 8 (visit 1)"
result "scores: the handout never says to reconsider the course" \
    eval '! out_has reconsider'
result "scores: the clinician is told, with the numbers and the source" \
    err_has "warning: no meaningful improvement: reconsider the course: pain 6 at review visit 3 (2026-11-24), from 8 at visit 1 (2026-10-13); .*(Farrar JT et al., Pain 2001"
prolo plan -f html "$scores"
result "scores: the HTML handout never says to reconsider the course" \
    eval '! out_has reconsider'
prolo plan "$goal"
result "goal: the clinician is told the course may end early" \
    err_has "warning: goal reached: the course may end early: pain 2 at visit 2"
result "goal: the patient is not" eval '! out_has "end early"'
prolo plan --lang es "$goal"
result "goal: the Spanish handout shows the trend" \
    out_has "^Su dolor, de 0 (sin dolor) a 10 (el peor dolor): 6 (visita 1)"
prolo plan -f json "$scores"
result "scores: JSON has each visit's pain and function" \
    out_has '"pain": 8, "function": {"name": "WOMAC", "value": 60, "worst": 96, "best": 0}}'
prolo check tests/cases/err-score-missed.yaml
result "a score on a missed visit: check fails with its place" \
    eval 'status_is 65 && err_has "err-score-missed.yaml:6:44: error: .pain. is given on a missed visit"'

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

# dom NAME: the DOM Chromium builds from $tmp/NAME.html, in NAME.dom.
dom() {
	chromium_run --dump-dom "file://$tmp/$1.html" &&
	    cp "$tmp/chromium.out" "$tmp/$1.dom" && [ -s "$tmp/$1.dom" ]
}

# shot NAME [CSS]: a screenshot of $tmp/NAME.html with everything but
# the chart hidden and the chart 640 pixels wide at the top left, CSS
# added after; in NAME.png, with the DOM of that page in NAME-shot.dom.
shot() {
	only='body{margin:0!important;padding:0!important;max-width:none!important}section>*:not(.trend),.trend>h2,.trend>p{display:none!important}.trend svg{width:640px!important;max-width:none!important;margin:0!important}'
	sed "s|</style>|$only${2-}</style>|" "$tmp/$1.html" >"$tmp/shot.html"
	rm -f "$tmp/$1.png"
	chromium_run --window-size=700,420 --screenshot="$tmp/$1.png" \
	    "file://$tmp/shot.html" &&
	    chromium_run --dump-dom "file://$tmp/shot.html" &&
	    cp "$tmp/chromium.out" "$tmp/$1-shot.dom" && [ -s "$tmp/$1.png" ]
}

# checked WHAT MODE A B: runs chart.py and counts its lines.
checked() {
	"$PYTHON" tests/chart.py "$2" "$3" "$4" >"$tmp/check" 2>&1
	rc=$?
	tally "$tmp/check"
	[ "$rc" -eq 0 ] || grep -q '^not ok' "$tmp/check" ||
	    not_ok "$1: the checker ran"
}

# fails WHAT MODE A B: chart.py must find fault with what it is given.
fails() {
	if "$PYTHON" tests/chart.py "$2" "$3" "$4" >"$tmp/check" 2>&1; then
		not_ok "$1"
		sed 's/^/#   /' "$tmp/check"
	else
		ok "$1"
	fi
}

if ! command -v chromium >/dev/null 2>&1; then
	ok "rendered chart # SKIP chromium not installed"
elif ! command -v "$PYTHON" >/dev/null 2>&1; then
	ok "rendered chart # SKIP no python"
else
	limit=
	if command -v timeout >/dev/null 2>&1; then
		limit="timeout 120"
	fi
	for f in "$scores" "$goal" "$jane"; do
		name=${f##*/}
		name=${name%.yaml}
		prolo plan -f html "$f"
		cp "$tmp/out" "$tmp/$name.html"
		prolo plan -f json "$f"
		cp "$tmp/out" "$tmp/$name.json"
		result "$name: Chromium renders the handout" dom "$name"
		checked "$name" dom "$tmp/$name.dom" "$tmp/$name.json"
		result "$name: Chromium takes a screenshot of the chart" \
		    shot "$name"
		checked "$name" png "$tmp/$name.png" "$tmp/$name-shot.dom"
	done
	# Several patients, one with no scores: a chart for each that has.
	prolo plan -f html "$scores" data/examples/new-patient.yaml "$goal"
	cp "$tmp/out" "$tmp/several.html"
	prolo plan -f json "$scores" data/examples/new-patient.yaml "$goal"
	cp "$tmp/out" "$tmp/several.json"
	result "several: Chromium renders the handouts" dom several
	checked several dom "$tmp/several.dom" "$tmp/several.json"
	# The checker itself: a point lost, a chart not drawn.
	sed '0,/<circle class="pain-point"/{/<circle class="pain-point"/d}' \
	    "$tmp/plan-scores.html" >"$tmp/lost.html"
	result "lost: Chromium renders the handout" dom lost
	fails "the checker finds a pain point lost" dom "$tmp/lost.dom" \
	    "$tmp/plan-scores.json"
	result "blank: Chromium takes a screenshot" shot plan-scores \
	    '.trend svg *{display:none!important}'
	fails "the checker finds a blank chart" png "$tmp/plan-scores.png" \
	    "$tmp/plan-scores-shot.dom"
fi

finish chart
