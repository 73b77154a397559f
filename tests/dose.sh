#!/bin/sh
# The dose of a visit through the binary (issue 15): lidocaine for every
# shipped protocol at its usual and its maximum volume, checked against
# a computation of its own from the protocol files (Python, exact
# fractions); the label's limit stopping a plan, overridden, warned of
# and asking for a weight; the JSON and CSV fields, the agenda, the
# handout's injections and "protocols show".  Run from the repository
# root after make.  PROLO_WRAP may hold a command to run prolo under;
# PYTHON the Python with the yaml module (python3-yaml).
PYTHON=${PYTHON:-python3}

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "dose: run from the repository root after make" >&2
	exit 2
fi
test_env dose
. tests/helpers.inc

# The handout's words, its lines joined, so a sentence wrapped over two
# lines is found whole.
flat_has() { tr '\n' ' ' < "$tmp/out" | tr -s ' ' | grep -q -- "$1"; }

# patient FILE PROTOCOL LINES...: a patient starting 2026-12-01, with
# the extra lines given (weight, volume, sites...).
patient() {
	f=$tmp/$1
	p=$2
	shift 2
	{
		printf 'patient: {id: D-1, name: Dee Dose}\n'
		printf 'protocol: %s\nstart: 2026-12-01\n' "$p"
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} > "$f"
}

# --- every shipped protocol, against a computation of its own --------

# check.py PROTOCOL WEIGHT VOLUME JSON STATUS CSV: what prolo printed for
# a patient of the protocol's sites, of WEIGHT kg, at VOLUME (usual or
# max), against the protocol file read with yaml and worked out in
# exact fractions: mg = mL x percent x 10, the label's 4.5 mg/kg and 300
# mg (from terms.yaml), the most a site may be given rounded down to
# 0.1 mL, and the stop or warning that follows.
cat > "$tmp/check.py" <<'PY'
import csv, json, sys
from fractions import Fraction as F
import yaml

proto_path, weight, which, json_path, status, csv_path = sys.argv[1:7]
proto = yaml.safe_load(open(proto_path, encoding="utf-8"))
terms = yaml.safe_load(open("data/terms.yaml", encoding="utf-8"))
lido = [i for i in terms["ingredients"]
        if "lidocaine" in i["words"]][0]["max_dose"]
weight = F(weight)
# Sites may be given by language ({en: [...], es: [...]}), each as many.
sites = proto["sites"]
sites = len(sites["en"] if isinstance(sites, dict) else sites)
per_site = F(str(proto["volume_ml"][which]))
pct = sum(F(str(i["percent"])) for i in proto["ingredients"]
          if i["name"] in ("lidocaine", "lignocaine"))
total = per_site * sites
mg = total * pct * 10
limit = min(F(str(lido["mg"])), F(str(lido["mg_per_kg"])) * weight)

def half_up(x, places):
    q = F(10) ** places
    n = (x * q + F(1, 2)).numerator // (x * q + F(1, 2)).denominator
    return F(n) / q

def tenth_down(x):
    return F(int(x * 10)) / 10

most = min(F(str(proto["volume_ml"]["max"])),
           tenth_down(limit / (sites * pct * 10)) if pct else F(10**6))
most = tenth_down(most)
problems = []
def want(what, got, expect):
    if F(str(got)) != expect:
        problems.append("%s: got %s, want %s" % (what, got, float(expect)))

over = mg > limit
if over:
    if status != "1":
        problems.append("exit %s, want 1: %s mg over %s" % (status, mg, limit))
else:
    doc = json.load(open(json_path, encoding="utf-8"))
    plan = doc["plans"][0]
    d = plan["dose"]
    want("weight_kg", d["weight_kg"], weight)
    want("volume_ml_per_site", d["volume_ml_per_site"], per_site)
    want("sites", d["sites"], F(sites))
    want("max_volume_ml_per_site", d["max_volume_ml_per_site"], most)
    rows = list(csv.DictReader(open(csv_path, encoding="utf-8", newline="")))
    for v, r in zip(plan["visits"], rows):
        want("volume_ml", v["volume_ml"], total)
        want("lidocaine_mg", v["lidocaine_mg"], half_up(mg, 3))
        want("lidocaine_mg_per_kg", v["lidocaine_mg_per_kg"],
             half_up(mg / weight, 2))
        want("csv volume_ml", r["volume_ml"], total)
        want("csv lidocaine_mg", r["lidocaine_mg"], half_up(mg, 3))
        want("csv lidocaine_mg_per_kg", r["lidocaine_mg_per_kg"],
             half_up(mg / weight, 2))
    warned = any("of the label's maximum" in w for w in plan["warnings"])
    if warned != (pct > 0 and mg * 100 >= lido["warn_percent"] * limit):
        problems.append("warning %s at %s of %s mg" % (warned, mg, limit))
    if status != "0":
        problems.append("exit %s, want 0" % status)
for p in problems:
    print("# " + p)
sys.exit(1 if problems else 0)
PY

if "$PYTHON" -c 'import yaml' 2>/dev/null; then
	for proto in data/protocols/*.yaml; do
		id=$(basename "$proto" .yaml)
		for w in 50 70 95.5; do
			for which in usual max; do
				vol=$("$PYTHON" -c 'import sys, yaml
print(yaml.safe_load(open(sys.argv[1]))["volume_ml"][sys.argv[2]])' \
				    "$proto" "$which")
				patient p.yaml "$id" "weight_kg: $w" \
				    "volume_ml: $vol"
				prolo plan -f csv "$tmp/p.yaml"
				cp "$tmp/out" "$tmp/p.csv"
				prolo plan -f json "$tmp/p.yaml"
				result "$id at $which volume ($vol mL a site), $w kg: prolo's dose is the protocol's" \
				    "$PYTHON" "$tmp/check.py" "$proto" "$w" \
				    "$which" "$tmp/out" "$st" "$tmp/p.csv"
			done
		done
	done
else
	ok "every protocol's dose # SKIP no yaml module for $PYTHON (python3-yaml)"
fi

# --- the label's limit ------------------------------------------------

# Two knees at knee-oa's most, 28.5 mL each of 0.5%: 285 mg.  For 50 kg
# the limit is 4.5 mg/kg, 225 mg: no plan, and the message says why.
patient fifty.yaml knee-oa "sites: [left knee, right knee]" \
    "weight_kg: 50" "volume_ml: 28.5"
prolo plan "$tmp/fifty.yaml"
result "50 kg, two knees at the most: no plan (1), nothing printed" \
    eval 'status_is 1 && no_stdout'
result "the stop gives the mg, the mg/kg, the limit, the rule and its source" \
    err_has "error: no plan: lidocaine 285 mg at each visit (5.7 mg/kg for 50 kg) is over the label's maximum of 4.5 mg/kg (225 mg) (rule lidocaine-dose; Xylocaine MPF (lidocaine HCl) injection, Fresenius Kabi USA, prescribing information"
result "the stop gives the most a site may be given, and how to go on" \
    err_has "at most 22.5 mL a site for this patient; lower volume_ml, or override the rule with a reason (overrides: \[{rule: lidocaine-dose"
prolo plan -f json "$tmp/fifty.yaml"
result "the stop: no JSON either" eval 'status_is 1 && no_stdout'

# At the most a site may be given, exactly the limit: a plan.
patient limit.yaml knee-oa "sites: [left knee, right knee]" \
    "weight_kg: 50" "volume_ml: 22.5"
prolo plan "$tmp/limit.yaml"
result "exactly 225 mg for 50 kg is not over: a plan, with the warning" \
    eval 'status_is 0 && err_has "lidocaine 225 mg at each visit (4.5 mg/kg for 50 kg) is 100% of"'
patient limit.yaml knee-oa "sites: [left knee, right knee]" \
    "weight_kg: 50" "volume_ml: 22.501"
prolo plan "$tmp/limit.yaml"
result "a thousandth of a mL a site more is over: no plan" status_is 1

# The same with an override: a plan, and the override for the clinician.
patient override.yaml knee-oa "sites: [left knee, right knee]" \
    "weight_kg: 50" "volume_ml: 28.5" \
    "overrides: [{rule: lidocaine-dose, reason: \"anaesthetist present\", approved_by: \"Dr. Ada Ruiz\"}]"
prolo plan "$tmp/override.yaml"
result "overridden: a plan (0)" eval 'status_is 0 && out_has "Your visits"'
result "overridden: the clinician's warning names the rule, the dose and who approved it" \
    err_has "warning: rule 'lidocaine-dose' would stop the course: lidocaine 285 mg at each visit (5.7 mg/kg for 50 kg) is over the label's maximum of 4.5 mg/kg (225 mg) (Xylocaine MPF.*overridden: anaesthetist present (approved by Dr. Ada Ruiz); at most 22.5 mL a site would stay within it"
result "the handout gives no dose" \
    eval '! out_has " mg" && ! out_has "lidocaine-dose" && ! out_has "mL"'
prolo plan -f html "$tmp/override.yaml"
result "nor does the HTML handout" \
    eval 'status_is 0 && ! out_has " mg[ ,/]" && ! out_has "lidocaine-dose"'
prolo plan -f json "$tmp/override.yaml"
result "JSON: the override among the warnings, the dose per visit" \
    eval 'status_is 0 && out_has "\"rule '"'"'lidocaine-dose'"'"' would stop the course" &&
    out_has "\"volume_ml\": 57, \"lidocaine_mg\": 285, \"lidocaine_mg_per_kg\": 5.7, \"pain\": null" &&
    out_has "\"dose\": {\"weight_kg\": 50, \"volume_ml_per_site\": 28.5, \"sites\": 2, \"max_volume_ml_per_site\": 22.5}"'
prolo agenda -f csv --from 2026-12-01 "$tmp/override.yaml"
result "agenda: the override among the flags, the dose in its columns" \
    eval 'status_is 0 && out_has "lidocaine 285 mg, over the label'"'"'s maximum (rule lidocaine-dose), overridden: anaesthetist present, approved by Dr. Ada Ruiz\",57,285,5.7"'
patient typo.yaml knee-oa "overrides: [{rule: lidocain-dose, reason: r, approved_by: A}]"
prolo plan "$tmp/typo.yaml"
result "an override of a misspelt dose rule is refused, with the near one" \
    eval 'status_is 65 && err_has "no rule '"'"'lidocain-dose'"'"' applies to this course (did you mean '"'"'lidocaine-dose'"'"'?)"'

# 60 kg at 24 mL a knee: 240 mg of 270, 88%: a plan, and the warning.
patient sixty.yaml knee-oa "sites: [left knee, right knee]" \
    "weight_kg: 60" "volume_ml: 24"
prolo plan "$tmp/sixty.yaml"
result "60 kg at 88% of the limit: a plan (0)" eval 'status_is 0 && out_has "Your visits"'
result "60 kg at 88%: the warning on stderr, with the most a site may be given" \
    err_has "warning: lidocaine 240 mg at each visit (4 mg/kg for 60 kg) is 88% of the label's maximum of 4.5 mg/kg (270 mg) (rule lidocaine-dose; Xylocaine MPF.*): at most 27 mL a site stays within it for this patient"
prolo plan -f json "$tmp/sixty.yaml"
result "60 kg at 88%: the warning in JSON, and the numbers of each visit" \
    eval 'status_is 0 && out_has "\"lidocaine 240 mg at each visit (4 mg/kg for 60 kg) is 88% of" &&
    [ "$(grep -c "\"volume_ml\": 48, \"lidocaine_mg\": 240, \"lidocaine_mg_per_kg\": 4, \"pain\"" "$tmp/out")" -eq 5 ]'
prolo plan -f csv "$tmp/sixty.yaml"
result "60 kg: CSV ends each row with the volume, the mg and the mg/kg" \
    eval 'status_is 0 && head -n 1 "$tmp/out" | grep -q ",ended_reason,volume_ml,lidocaine_mg,lidocaine_mg_per_kg" &&
    [ "$(grep -c ",48,240,4,,,,$(printf "\r")\$" "$tmp/out")" -eq 5 ]'
prolo agenda --from 2026-12-01 "$tmp/sixty.yaml"
result "agenda: the dose beside the sites, the warning among the flags" \
    eval 'status_is 0 && out_has "knee-oa: left knee; right knee (48 mL, lidocaine 240 mg)" &&
    out_has "! lidocaine 240 mg, 88% of the label'"'"'s maximum (rule lidocaine-dose)"'
prolo plan "$tmp/sixty.yaml"
result "60 kg: the handout gives no dose" \
    eval 'status_is 0 && ! out_has " mg" && ! out_has "88%"'

# No weight: two knees of knee-oa could be 285 mg, over 225 for 50 kg.
patient noweight.yaml knee-oa "sites: [left knee, right knee]"
prolo plan "$tmp/noweight.yaml"
result "no weight, two knees: a plan, and the note to weigh the patient" \
    eval 'status_is 0 && err_has "warning: no weight_kg: at the protocol'"'"'s most, 28.5 mL a site at 2 sites, lidocaine would be 285 mg, over the label'"'"'s 4.5 mg/kg for a 50 kg adult (rule lidocaine-dose); weigh the patient and give weight_kg"'
prolo plan -f json "$tmp/noweight.yaml"
result "no weight: the note in JSON, mg/kg null, the dose's weight null" \
    eval 'status_is 0 && out_has "\"no weight_kg: at the protocol" &&
    out_has "\"volume_ml\": 30, \"lidocaine_mg\": 150, \"lidocaine_mg_per_kg\": null, \"pain\"" &&
    out_has "\"dose\": {\"weight_kg\": null, \"volume_ml_per_site\": 15, \"sites\": 2, \"max_volume_ml_per_site\": 28.5}"'
patient oneknee.yaml knee-oa "sites: [knee]"
prolo plan "$tmp/oneknee.yaml"
result "no weight, one knee (142.5 mg at most): no note" \
    eval 'status_is 0 && ! err_has "weight"'
# Without a weight the 300 mg still applies: three knees at 28.5 mL.
patient three.yaml knee-oa "sites: [a, b, c]" "volume_ml: 28.5"
prolo plan "$tmp/three.yaml"
result "no weight, 427.5 mg: over 300 mg, no plan" \
    eval 'status_is 1 && err_has "no plan: lidocaine 427.5 mg at each visit is over the label'"'"'s maximum of 300 mg (rule lidocaine-dose;.*at most 20 mL a site"'

# A protocol that gives no dose: nulls, empty cells, and a warning when
# its solution names an ingredient with a limit.
mkdir -p "$tmp/protos"
cat > "$tmp/protos/plain.yaml" <<'EOF'
id: plain
name: Plain
solution: 15% dextrose with 0.5% lidocaine
sites: [knee]
visits: {min: 4, max: 10, default: 5}
injections: {min: 4, max: 30}
interval_days: {min: 14, max: 21, preferred: 21}
max_course_days: 183
EOF
patient plain.yaml "$tmp/protos/plain.yaml"
prolo plan -f json "$tmp/plain.yaml"
result "no ingredients: the dose is null in JSON, and not checked, said so" \
    eval 'status_is 0 && out_has "\"dose\": null," &&
    out_has "\"volume_ml\": null, \"lidocaine_mg\": null, \"lidocaine_mg_per_kg\": null, \"pain\"" &&
    err_has "warning: protocol '"'"'plain'"'"' gives no ingredients and volume_ml, so the dose of lidocaine its solution names is not checked"'
prolo plan -f csv "$tmp/plain.yaml"
result "no ingredients: the three CSV cells are empty" \
    eval 'status_is 0 && [ "$(grep -c ",,,,,,,$(printf "\r")\$" "$tmp/out")" -eq 5 ]'

# --- the handout's injections, and protocols show ---------------------

patient heel.yaml plantar-fasciitis
prolo plan "$tmp/heel.yaml"
result "injection_points: the handout says how many small injections" \
    eval 'status_is 0 && flat_has "about 5 small injections in each area" && ! flat_has "injections at each visit"'
result "and the visit table counts those 5, not the protocol's 1 a site" \
    eval 'out_has "^1  *[A-Z][a-z][a-z] [0-9]* [A-Z][a-z][a-z] [0-9]*  *5  *planned\$"'
prolo plan --lang es "$tmp/heel.yaml"
result "in Spanish too" eval 'status_is 0 && flat_has "unas 5 pequeñas inyecciones en cada zona"'
prolo plan -f html "$tmp/heel.yaml"
result "and in the HTML handout" eval 'status_is 0 && out_has "about 5 small injections in each area"'
sed 's/^id: plain/id: one/; s/^sites: \[knee\]/sites: [knee]\ninjection_points: 1/' \
    "$tmp/protos/plain.yaml" > "$tmp/protos/one.yaml"
patient one.yaml "$tmp/protos/one.yaml"
prolo plan "$tmp/one.yaml"
result "one injection point: singular" \
    eval 'status_is 0 && flat_has "; 1 small injection in each area"'
patient knee.yaml knee-oa
prolo plan "$tmp/knee.yaml"
result "no injection_points: the count of injections, as before" \
    eval 'status_is 0 && flat_has "injections at each visit: 1"'

prolo protocols show knee-oa
result "protocols show: ingredients with their percents, and the volumes" \
    eval 'status_is 0 && out_has "^ingredients          dextrose 12.5%" &&
    out_has "^                     lidocaine 0.5%" &&
    out_has "^volume               15 mL usual, at most 28.5 mL, a site at each visit"'
prolo protocols show plantar-fasciitis
result "protocols show: injection points where given" \
    eval 'status_is 0 && out_has "^injection points     5 a site"'

finish dose
