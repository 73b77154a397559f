#!/bin/sh
# Tests of the preparation sheet (prolo prep): run from the repository
# root as
#	sh tests/prep.sh            run every check
#	sh tests/prep.sh --update   rewrite the golden outputs from the
#	                            current ones (then review git diff)
# The clinics and patients are in tests/cases-prep/.  The JSON is read
# with Python's json module, its numbers as exact decimals, and every
# strength is worked out again from the parts and held to 2% of the
# protocol's; the text is compared with golden outputs
# (tests/cases-prep/NAME.args holds the arguments after "prolo prep",
# NAME.txt the text, NAME.err standard error, missing: empty).
# Prints "ok - what" or "not ok - what" per check and a final count.
# PROLO_WRAP may hold a command to run prolo under (e.g. valgrind).
# PYTHON names the Python to check output with (default python3).
# Checks are single-quoted strings run by eval, expanded when they run.
# shellcheck disable=SC2016
PYTHON=${PYTHON:-python3}

. tests/env.inc
if [ ! -x "$PROLO" ] || [ ! -d tests/cases-prep ]; then
	echo "prep: run from the repository root after make" >&2
	exit 2
fi
update=0
case "${1-}" in
--update)	update=1 ;;
'')		;;
*)		echo "usage: sh tests/prep.sh [--update]" >&2; exit 64 ;;
esac

test_env prep
. tests/helpers.inc

c=tests/cases-prep
clinic=$c/clinic.yaml
ex=data/examples
jane=$ex/jane-doe.yaml

# --- golden outputs ---------------------------------------------------

for args in "$c"/*.args; do
	name=${args%.args}
	name=${name##*/}
	# shellcheck disable=SC2046 # the arguments are words
	prolo prep $(cat "$args")
	if [ "$update" = 1 ]; then
		cp "$tmp/out" "$c/$name.txt"
		if [ -s "$tmp/err" ]; then
			cp "$tmp/err" "$c/$name.err"
		else
			rm -f "$c/$name.err"
		fi
		continue
	fi
	: >"$tmp/empty"
	exp_err=$tmp/empty
	[ -f "$c/$name.err" ] && exp_err=$c/$name.err
	result "golden $name" eval 'status_is 0 &&
	    cmp -s "$c/$name.txt" "$tmp/out" && cmp -s "$exp_err" "$tmp/err"'
	if ! cmp -s "$c/$name.txt" "$tmp/out"; then
		diff -u "$c/$name.txt" "$tmp/out" | sed 's/^/#   /' | head -n 30
	fi
done
if [ "$update" = 1 ]; then
	echo "prep: golden outputs updated; review them with git diff"
	exit 0
fi

# --- JSON: the contract, and every strength from its parts ------------

cat >"$tmp/check.py" <<'PY'
# check.py OUT.json SYRINGE_ML [COUNT]: the preparations hold the
# contract's members, and each one's parts make its target: every
# strength, worked out again from the parts over the volume made (stock
# percent x mL / made_ml), within 2% of the target, the parts adding up
# to the volume made, the diluent last with a null ingredient and
# percent; split into syringes of at most SYRINGE_ML (0: not split),
# each the same.  Numbers are read as exact decimals.  COUNT: the number
# of preparations expected.  Prints "ok -" or "not ok -" lines.
import json, re, sys
from decimal import Decimal

path, syringe = sys.argv[1], Decimal(sys.argv[2])
count = int(sys.argv[3]) if len(sys.argv) > 3 else None
fails = []

def fail(what):
    fails.append(what)

def parts_make(where, parts, target, volume):
    if not isinstance(parts, list) or not parts:
        return fail(f"{where}: no parts")
    seen = []
    for i, p in enumerate(parts):
        if set(p) != {"name", "ingredient", "percent", "ml"}:
            fail(f"{where}: part {i} has {sorted(p)}")
            continue
        if not isinstance(p["name"], str) or p["ml"] <= 0 or \
                p["ml"] * 10 != int(p["ml"] * 10):
            fail(f"{where}: part {p}")
        if p["ingredient"] is None:
            if p["percent"] is not None or i != len(parts) - 1:
                fail(f"{where}: the diluent {p} is not last, or has a percent")
            continue
        ing = p["ingredient"]
        seen.append(ing)
        if ing not in target:
            fail(f"{where}: {ing} is not in the target")
            continue
        got = p["percent"] * p["ml"] / volume
        if abs(got - target[ing]) * 50 > target[ing]:
            fail(f"{where}: {ing} {got}% is more than 2% off {target[ing]}%")
    if sorted(seen) != sorted(target):
        fail(f"{where}: parts for {seen}, target {sorted(target)}")
    if sum(p["ml"] for p in parts) != volume:
        fail(f"{where}: parts add up to {sum(p['ml'] for p in parts)}, "
             f"not {volume}")

with open(path) as f:
    doc = json.load(f, parse_float=Decimal, parse_int=Decimal)
if list(doc) != ["preparations"] or not isinstance(doc["preparations"], list):
    fail(f"the document is {list(doc)}")
    doc = {"preparations": []}
preps = doc["preparations"]
if count is not None and len(preps) != count:
    fail(f"{len(preps)} preparations, not {count}")
for n, p in enumerate(preps):
    where = f"preparation {n}"
    need = {"patient", "visit", "date", "volume_ml", "made_ml", "target",
            "parts"}
    extra = set(p) - need - {"syringes"}
    if not need <= set(p) or extra:
        fail(f"{where}: members {sorted(p)}")
        continue
    if not isinstance(p["patient"], str) or \
            p["visit"] != int(p["visit"]) or p["visit"] < 1 or \
            not re.fullmatch(r"\d{4}-\d\d-\d\d", p["date"]):
        fail(f"{where}: patient, visit or date {p}")
    if not p["target"] or not all(isinstance(v, Decimal) and v > 0
                                  for v in p["target"].values()):
        fail(f"{where}: target {p['target']}")
    if not p["volume_ml"] <= p["made_ml"] <= p["volume_ml"] + 10:
        fail(f"{where}: made {p['made_ml']} for {p['volume_ml']}")
    parts_make(where, p["parts"], p["target"], p["made_ml"])
    if syringe == 0:
        if "syringes" in p:
            fail(f"{where}: split with no syringe size")
        continue
    s = p.get("syringes", [{"volume_ml": p["made_ml"], "parts": p["parts"]}])
    if "syringes" in p and len(s) < 2:
        fail(f"{where}: {len(s)} syringe listed")
    if sum(x["volume_ml"] for x in s) != p["made_ml"] or \
            any(x["volume_ml"] > syringe or x != s[0] for x in s):
        fail(f"{where}: syringes {[x['volume_ml'] for x in s]}")
    for k, x in enumerate(s):
        parts_make(f"{where}, syringe {k}", x["parts"], p["target"],
                   x["volume_ml"])
    for part in p["parts"]:
        if part["ml"] != sum(y["ml"] for x in s for y in x["parts"]
                             if y["name"] == part["name"]):
            fail(f"{where}: {part['name']} is not the syringes' sum")
print("not ok - " + "; ".join(fails[:3]) if fails else "ok - checked")
PY

# json WHAT SYRINGE_ML COUNT ARGS...: prep -f json ARGS, exit 0, checked.
json() {
	what=$1
	syr=$2
	count=$3
	shift 3
	prolo prep -f json "$@"
	result "$what" eval 'status_is 0 &&
	    $PYTHON "$tmp/check.py" "$tmp/out" "$syr" "$count" >"$tmp/py" 2>&1 &&
	    grep -q "^ok - " "$tmp/py"'
	grep -v '^ok - ' "$tmp/py" | sed 's/^/#   /' | head -n 5
}

json "json: jane-doe's four visits to come, each within 2%" 0 4 \
    --clinic $clinic $jane
json "json: every example, every visit to come" 0 14 --clinic $clinic \
    $ex/jane-doe.yaml $ex/low-back.yaml $ex/new-patient.yaml
json "json: 57 mL in 10 mL syringes, each within 2%, the total kept" 10 1 \
    --clinic $c/syringes.clinic.yaml --date 2026-12-01 $c/knees.yaml
json "json: 30 mL in three full syringes" 10 4 \
    --clinic $c/syringes.clinic.yaml $jane
prolo prep -f json --clinic $c/syringes.clinic.yaml --date 2026-12-01 \
    $c/knees.yaml
result "json: the syringes: six of 9.5 mL" eval \
    '[ "$(grep -c "{\"volume_ml\": 9.5, \"parts\": " "$tmp/out")" -eq 6 ]'
prolo prep -f json --clinic $clinic --date 2026-12-14 $jane
result "json: jane-doe on 2026-12-14, as the README shows it" eval \
    'out_has "^      \"target\": {\"dextrose\": 12.5, \"lidocaine\": 0.5},$" &&
    out_has "{\"name\": \"lidocaine 1%\", \"ingredient\": \"lidocaine\", \"percent\": 1, \"ml\": 15}" &&
    out_has "{\"name\": \"sterile water\", \"ingredient\": null, \"percent\": null, \"ml\": 7.5}\]$" &&
    out_has "^      \"volume_ml\": 30,$" && out_has "^      \"made_ml\": 30,$"'
prolo prep -f json --clinic $clinic $ex/new-patient.yaml
result "json: 1.5 mL of four ingredients made as 5.1 mL" eval \
    'out_has "^      \"volume_ml\": 1.5,$" && out_has "^      \"made_ml\": 5.1,$"'
prolo prep -f json --clinic $c/syringes.clinic.yaml $c/knees.yaml
result "json: a stock named Xylocaine serves the protocol's lidocaine" \
    eval 'out_has "\"name\": \"Xylocaine 1%\", \"ingredient\": \"lidocaine\""'

# --- --date -------------------------------------------------------------

prolo prep --clinic $clinic --date 2026-12-14 $jane $ex/new-patient.yaml
result "--date: the visit that day, and nothing of a patient with none" \
    eval 'status_is 0 && [ "$(grep -c "^Patient " "$tmp/out")" -eq 1 ] &&
    out_has "^Visit     3, Mon 2026-12-14 (knee-oa)$" &&
    ! out_has MRN-0107'
prolo prep --clinic $clinic --date 2026-12-15 $jane $ex/new-patient.yaml
result "--date with no visit: nothing printed, said on stderr, status 0" \
    eval 'status_is 0 && no_stdout &&
    [ "$(tail -n 1 "$tmp/err")" = "prolo: no visit to prepare on Tue 2026-12-15" ]'
prolo prep -f json --clinic $clinic --date 2026-12-15 $jane
result "--date with no visit in JSON: an empty list, only the warnings" \
    eval 'status_is 0 && ! err_has "no visit" &&
    [ "$(tr -d " \n" <"$tmp/out")" = "{\"preparations\":[]}" ]'
prolo prep --clinic $clinic --date 2026-11-24 $jane
result "--date of a visit given: not one to prepare" \
    eval 'status_is 0 && no_stdout && err_has "no visit to prepare on"'
prolo prep --clinic $clinic --date 2026-12-32 $jane
result "--date that is no date: usage, 64" \
    eval 'status_is 64 && no_stdout && err_has "^prolo: --date takes a date"'
prolo prep -f csv --clinic $clinic $jane
result "-f csv: usage, 64" \
    eval 'status_is 64 && err_has "unknown format .csv. (use text or json)"'

# --- the text ---------------------------------------------------------

prolo prep --clinic $clinic $jane
result "text: an allergy to the solution first, as a caution" \
    eval 'out_has "^Caution   allergy to the solution: lidocaine$"'
result "text: the parts right-aligned, the diluent last" eval \
    'out_has "^Draw up   dextrose 50%    7.5 mL$" &&
    out_has "^          lidocaine 1%   15.0 mL$" &&
    out_has "^          sterile water   7.5 mL$" &&
    [ "$(grep -A1 "lidocaine 1%" "$tmp/out" | sed -n 2p)" = "          sterile water   7.5 mL" ]'
result "text: at most 80 columns" \
    eval '! awk "length > 80" "$tmp/out" | grep -q .'
prolo prep --clinic $clinic $ex/new-patient.yaml
result "text: a larger batch, and why" eval \
    'out_has "^Make      5.1 mL; 1.5 mL is needed, but less cannot be measured within 2%$" &&
    ! awk "length > 80" "$tmp/out" | grep -q .'

# --- patients by id alone -----------------------------------------------

for f in text json; do
	prolo prep -f $f --clinic $clinic $ex/jane-doe.yaml \
	    $ex/low-back.yaml $ex/new-patient.yaml $c/knees.yaml
	result "$f: no patient's name, each id" eval 'status_is 0 &&
	    ! out_has "Jane Doe" && ! out_has "Tom Example" &&
	    ! out_has "Kim Knees" && ! grep -q "Jane Doe" "$tmp/err" &&
	    out_has MRN-0042 && out_has MRN-0107 && out_has K-1'
done

# --- what cannot be made --------------------------------------------------

prolo prep --clinic $c/weak.clinic.yaml $c/shoulder.yaml
result "25% dextrose from a 20% stock: 65, at the protocol key, the stock noted" \
    eval 'status_is 65 && no_stdout &&
    [ "$(cat "$tmp/err")" = "tests/cases-prep/shoulder.yaml:3:11: error: the clinic'"'"'s stock cannot make 25% dextrose: its strongest dextrose is '"'"'dextrose 20%'"'"' (20%)
tests/cases-prep/weak.clinic.yaml:5:3: note: the clinic'"'"'s stock is listed here" ]'
prolo prep --clinic $c/nolido.clinic.yaml $c/shoulder.yaml
result "no lidocaine in stock: 65, naming it" \
    eval 'status_is 65 && no_stdout &&
    err_has "^tests/cases-prep/shoulder.yaml:3:11: error: the clinic.s stock cannot make 0.1% lidocaine: it has no lidocaine$"'
prolo prep --clinic $clinic $c/plain.yaml
result "a protocol with no ingredients: 65 at the protocol key" \
    eval 'status_is 65 && no_stdout &&
    [ "$(tail -n 1 "$tmp/err")" = "tests/cases-prep/plain.yaml:3:11: error: protocol '"'"'plain'"'"' gives no '"'"'ingredients'"'"' and '"'"'volume_ml'"'"', so its preparation cannot be worked out" ]'
prolo prep --clinic $clinic --date 2026-12-01 $c/knees.yaml $c/plain.yaml \
    $c/shoulder.yaml
result "one patient that cannot be prepared: the others still are, 65" \
    eval 'status_is 65 && [ "$(grep -c "^Patient " "$tmp/out")" -eq 2 ] &&
    out_has "^Patient   K-1$" && out_has "^Patient   S-1$" &&
    err_has "plain.yaml:3:11: error"'
prolo prep --clinic tests/clinic-open.yaml $jane
result "a clinic with no stock: 65, saying what to add" \
    eval 'status_is 65 && no_stdout &&
    err_has "^tests/clinic-open.yaml: error: no .stock. to prepare from: list the clinic.s stock solutions and a diluent, such as {name: \"lidocaine 1%\", ingredient: lidocaine, percent: 1} and {name: \"sterile water\", diluent: true}$"'
prolo prep -f json --clinic tests/clinic-open.yaml $jane
result "a clinic with no stock in JSON: nothing on standard output" \
    eval 'status_is 65 && no_stdout'
prolo prep --clinic $c/both.clinic.yaml $jane
result "a stock item both an ingredient and a diluent: 65 at its place" \
    eval 'status_is 65 && no_stdout &&
    err_has "^tests/cases-prep/both.clinic.yaml:5:5: error: .stock.: .saline. is both an ingredient and a diluent"'
prolo prep --clinic $c/unknown.clinic.yaml $jane
result "a stock ingredient terms.yaml does not know: 65 at its place" \
    eval 'status_is 65 && no_stdout &&
    err_has "^tests/cases-prep/unknown.clinic.yaml:5:35: error: .stock.: .sarapin. is not an ingredient prolo knows"'
prolo check $c/unknown.clinic.yaml
result "check refuses the same clinic file, with the same message" \
    eval 'status_is 65 && err_has "unknown.clinic.yaml:5:35: error: .stock.: .sarapin."'
prolo check $clinic $c/syringes.clinic.yaml
result "check accepts the clinics with stock" eval 'status_is 0 && no_stderr'
prolo plan --clinic $c/unknown.clinic.yaml $jane
result "plan refuses a clinic whose stock it does not know, too" \
    eval 'status_is 65 && no_stdout'

# --- as plan ---------------------------------------------------------------

prolo plan --clinic $clinic $c/pregnant.yaml
cp "$tmp/err" "$tmp/plan.err"
plan_st=$st
prolo prep --clinic $clinic $c/pregnant.yaml
result "a stop rule: no plan, the same message and status as plan" \
    eval 'status_is 1 && [ "$plan_st" -eq 1 ] && no_stdout &&
    cmp -s "$tmp/err" "$tmp/plan.err"'
prolo plan $ex/low-back.yaml
cp "$tmp/err" "$tmp/plan.err"
prolo prep --clinic $clinic $ex/low-back.yaml
result "the plan's warnings on standard error, as plan prints them" \
    eval 'status_is 0 && cmp -s "$tmp/err" "$tmp/plan.err" && has_stderr'

# --- -o --------------------------------------------------------------------

prolo prep -o "$tmp/sheet.txt" --clinic $clinic $jane
result "-o: the sheet in the file, mode 0600, nothing on standard output" \
    eval 'status_is 0 && no_stdout && [ -s "$tmp/sheet.txt" ] &&
    [ "$(stat -c %a "$tmp/sheet.txt")" = 600 ] &&
    grep -q "^Patient   MRN-0042$" "$tmp/sheet.txt"'
cp "$tmp/sheet.txt" "$tmp/before.txt"
prolo prep -o "$tmp/sheet.txt" --clinic $c/weak.clinic.yaml $jane \
    $c/shoulder.yaml
result "-o after a patient that cannot be prepared: the file as it was" \
    eval 'status_is 65 && cmp -s "$tmp/sheet.txt" "$tmp/before.txt"'
prolo prep -o "$tmp/sheet.txt" --clinic tests/clinic-open.yaml $jane
result "-o with no stock: the file as it was" \
    eval 'status_is 65 && cmp -s "$tmp/sheet.txt" "$tmp/before.txt"'
prolo prep -o $clinic --clinic $clinic $jane
result "-o onto the clinic file: refused, 73" \
    eval 'status_is 73 && err_has "is also an input file"'
"$PROLO" prep --clinic $clinic $jane >/dev/full 2>"$tmp/err"
st=$?
result "standard output full: 74, write error" \
    eval 'status_is 74 && err_has "write error"'

finish prep
