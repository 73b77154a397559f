#!/bin/sh
# Tests of the HTML handout (prolo plan -f html): run from the repository
# root as
#	sh tests/html.sh
# Each example and each tests/cases-html/*.yaml is planned as HTML, text
# and JSON; tests/cases-html/check.py parses the HTML strictly and holds
# it to the text handout.  With Chromium the handout is then printed to
# PDF, as a clinic would, and its pages counted.
# Prints "ok - what" or "not ok - what" per check and a final count.
# PROLO_WRAP may hold a command to run prolo under (e.g. valgrind).
# PYTHON names the Python to check output with (default python3).
PYTHON=${PYTHON:-python3}

. tests/env.inc
if [ ! -x "$PROLO" ] || [ ! -d tests/cases-html ]; then
	echo "html: run from the repository root after make" >&2
	exit 2
fi

test_env html
# Chromium takes a file:// address, which must be absolute.
tmp=$(cd "$tmp" && pwd) || exit 2

passed=0
failed=0

ok() {
	echo "ok - $1"
	passed=$((passed + 1))
}

not_ok() {
	echo "not ok - $1"
	failed=$((failed + 1))
	if [ -s "$tmp/err" ]; then
		sed 's/^/#   stderr: /' "$tmp/err" | head -n 5
	fi
}

# result WHAT CONDITION...: ok when the command CONDITION succeeds.
result() {
	what=$1
	shift
	if "$@"; then
		ok "$what"
	else
		not_ok "$what"
	fi
}

# plan OUT ARGS...: prolo plan ARGS to OUT, stderr to $tmp/err, the exit
# status in $st.
plan() {
	out=$1
	shift
	# shellcheck disable=SC2086 # PROLO_WRAP is split on purpose
	$PROLO_WRAP "$PROLO" plan "$@" >"$out" 2>"$tmp/err"
	st=$?
}

# check WHAT FILE...: plans FILEs in the three formats and runs the
# checker, counting its lines.
check() {
	case_=$1
	shift
	plan "$tmp/$case_.html" -f html "$@"
	result "$case_: html exits 0" [ "$st" -eq 0 ]
	plan "$tmp/$case_.txt" "$@"
	plan "$tmp/$case_.json" -f json "$@"
	"$PYTHON" tests/cases-html/check.py "$case_" "$tmp/$case_.html" \
	    "$tmp/$case_.txt" "$tmp/$case_.json" >"$tmp/check" 2>&1
	rc=$?
	cat "$tmp/check"
	n=$(grep -c '^ok ' "$tmp/check")
	passed=$((passed + n))
	n=$(grep -c '^not ok ' "$tmp/check")
	failed=$((failed + n))
	if [ "$rc" -ne 0 ] && [ "$n" -eq 0 ]; then
		not_ok "$case_: the checker ran"
	fi
}

# --- the document -----------------------------------------------------

for f in data/examples/*.yaml tests/cases-html/*.yaml; do
	name=${f##*/}
	check "${name%.yaml}" "$f"
done
# shellcheck disable=SC2046 # one argument per file
check several $(ls data/examples/*.yaml) tests/cases-html/nasty.yaml

printed_nothing() { [ "$st" -eq 65 ] && [ ! -s "$tmp/none" ]; }
plan "$tmp/none" -f html tests/cases/err-visits-word.yaml
result "nothing planned prints nothing" printed_nothing
plan "$tmp/o" -f html -o "$tmp/o.html" data/examples/jane-doe.yaml
result "-o writes the same document" \
    cmp -s "$tmp/o.html" "$tmp/jane-doe.html"

# --- printed ----------------------------------------------------------

# pdf NAME [CSS]: prints $tmp/NAME.html to $tmp/NAME.pdf, CSS added to
# a copy's style sheet (to choose the paper).
pdf() {
	cp "$tmp/$1.html" "$tmp/print.html"
	if [ -n "${2-}" ]; then
		sed "s|</style>|$2</style>|" "$tmp/$1.html" >"$tmp/print.html"
	fi
	rm -f "$tmp/$1.pdf"
	$limit chromium --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$tmp/profile" --print-to-pdf="$tmp/$1.pdf" \
	    --no-pdf-header-footer "file://$tmp/print.html" \
	    >"$tmp/chromium.log" 2>&1
	[ -s "$tmp/$1.pdf" ] && [ "$(head -c 4 "$tmp/$1.pdf")" = %PDF ]
}

pages() {
	pdfinfo "$tmp/$1.pdf" 2>/dev/null | awk '$1 == "Pages:" { print $2 }'
}

# pages_within NAME MIN MAX
pages_within() {
	n=$(pages "$1")
	[ -n "$n" ] && [ "$n" -ge "$2" ] && [ "$n" -le "$3" ]
}

pdf_text_has() {
	pdftotext "$tmp/$1.pdf" - 2>/dev/null | grep -F -q -- "$2"
}

is_png() {
	[ -s "$1" ] && [ "$(head -c 4 "$1" | tail -c 3)" = PNG ]
}

if ! command -v chromium >/dev/null 2>&1; then
	ok "print to PDF # SKIP chromium not installed"
else
	limit=
	if command -v timeout >/dev/null 2>&1; then
		limit="timeout 120"
	fi
	result "print to PDF: jane-doe" pdf jane-doe
	cp "$tmp/jane-doe.html" "$tmp/jane-doe-a4.html"
	result "print to PDF: jane-doe on A4" \
	    pdf jane-doe-a4 '@page{size:A4}'
	result "print to PDF: nasty" pdf nasty
	result "print to PDF: several patients" pdf several
	if ! command -v pdfinfo >/dev/null 2>&1 ||
	    ! command -v pdftoppm >/dev/null 2>&1 ||
	    ! command -v pdftotext >/dev/null 2>&1; then
		ok "PDF pages # SKIP poppler-utils not installed"
	else
		# The month calendar may take a page of its own.
		result "jane-doe prints on 1 to 4 pages" \
		    pages_within jane-doe 1 4
		result "jane-doe prints on 1 to 4 pages of A4" \
		    pages_within jane-doe-a4 1 4
		result "nasty prints on 1 to 3 pages" pages_within nasty 1 3
		# Each handout starts a page: at least one page a patient.
		n=$(grep -c '<section' "$tmp/several.html")
		result "several patients print on $n to $((n * 4)) pages" \
		    pages_within several "$n" $((n * 4))
		result "the PDF shows the name as text" \
		    pdf_text_has nasty "<script>alert(\"x\")</script> & O'Brien"
		result "the PDF shows the visit dates" \
		    pdf_text_has jane-doe "Monday 15 February 2027"
		pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$tmp/jane-doe.pdf" \
		    "$tmp/page1" 2>"$tmp/err"
		result "page 1 renders to PNG" is_png "$tmp/page1.png"
	fi
fi

echo "html: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
