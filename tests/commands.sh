#!/bin/sh
# Tests of the commands and formats beyond plan's text and CSV: check,
# protocols, -f json (parsed back with Python's json module), the CSV
# formula guard and --csv-raw, per-command help and option handling.
# Run from the repository root; prints "ok"/"not ok" lines and a count.
# PROLO_WRAP may hold a command to run prolo under; PYTHON a Python.
PYTHON=${PYTHON:-python3}

. tests/env.inc
if [ ! -x "$PROLO" ]; then
	echo "commands: run from the repository root after make" >&2
	exit 2
fi

test_env cmd
jane=data/examples/jane-doe.yaml
nasty=tests/cases-json/nasty.yaml
. tests/helpers.inc

# --- check -----------------------------------------------------------

prolo check data/examples/*.yaml data/protocols/*.yaml
result "check: every shipped file is valid, silently" \
    eval 'status_is 0 && no_stdout && no_stderr'
prolo check "$jane" tests/cases/err-unknown-key.yaml
result "check: an invalid patient file gives FILE:LINE:COL and 65" \
    eval 'status_is 65 && no_stdout &&
    head -n 1 "$tmp/err" | grep -q "^tests/cases/err-unknown-key.yaml:[0-9]*:[0-9]*: error: "'
prolo check tests/cases/protocols/bad-interval-min.yaml
result "check: an invalid protocol file gives its place and 65" \
    eval 'status_is 65 && err_has "bad-interval-min.yaml:8:22: error: interval_days min"'
prolo check tests/cases/err-visits-range.yaml
result "check: applies the protocol's rules to a patient" \
    eval 'status_is 65 && err_has "visits must be between"'
prolo check nonexistent.yaml "$jane"
result "check: a missing file is 66" eval 'status_is 66 && err_has nonexistent'
prolo check - < "$jane"
result "check: - reads standard input" eval 'status_is 0 && no_stderr'
mkdir "$tmp/lib"
sed 's/^id: knee-oa/id: knee-ob/' data/protocols/knee-oa.yaml > "$tmp/lib/knee-oa.yaml"
prolo check --protocols "$tmp/lib" "$tmp/lib/knee-oa.yaml"
result "check: a library file's id must match its name" \
    eval 'status_is 65 && err_has "does not match the file name"'
prolo check
result "check: no file is a usage error" eval 'status_is 64 && no_stdout'

# --- protocols -------------------------------------------------------

prolo protocols
result "protocols: lists the library with a header" \
    eval 'status_is 0 && head -n 1 "$tmp/out" | grep -q "^ID  *NAME  *DAYS APART  *VISITS" &&
    out_has "^standard  *Dextrose prolotherapy, standard course  *14-21 "'
result "protocols: each protocol's source is shown under it" \
    eval 'grep -A1 "^knee-oa " "$tmp/out" | tail -n 1 | grep -q "^  *Adapted from Rabago D" &&
    grep -A1 "^plantar-fasciitis " "$tmp/out" | tail -n 1 | grep -q "^  *Ersen O"'
prolo protocols show knee-oa
result "protocols show: prints one protocol in full" \
    eval 'status_is 0 && out_has "^id  *knee-oa$" && out_has "^interval days  *14 to 21, preferred 21$" &&
    out_has "^source  *Adapted from Rabago"'
result "protocols show: the review visit is shown" \
    eval 'out_has "^review  *at visit 4$"'
result "protocols show: a hold by class names the class and what it covers" \
    eval 'out_has "^medication holds  *anti-inflammatory painkillers (NSAIDs) (class nsaids):$" &&
    out_has "^  *covers ibuprofen, naproxen," &&
    out_has "^  *low-dose aspirin (class low-dose-aspirin, only with the$"'
result "protocols show: one day is \"1 day\", not \"1 days\"" \
    eval 'out_has "^  *stop 3 days before each visit, start again 1 day after$" &&
    ! out_has "1 days"'
prolo protocols --protocols tests/cases-protocols/lib show odd
result "protocols show: a hold by names, a lapse, a rule, all singular" \
    eval 'status_is 0 && out_has "^medication holds  *ibuprofen, naproxen:$" &&
    out_has "^  *stop 1 day before each visit, start again 1 day after$" &&
    out_has "^max course days  *1 day$" &&
    out_has "^after a lapse  *the course goes on$" &&
    out_has "^rules  *no-diabetes (stop), if class anticoagulants; conditions$"'
prolo protocols show standard
result "protocols show: no review is said, not left out" \
    eval 'out_has "^review  *none$"'
prolo protocols show knee-ao
result "protocols show: an unknown id suggests the near one" \
    eval 'status_is 64 && no_stdout && err_has "did you mean .knee-oa."'
prolo protocols show
result "protocols show without an id is a usage error" eval 'status_is 64'
prolo protocols --protocols "$tmp/lib"
result "protocols: a broken library file is reported, 65" \
    eval 'status_is 65 && err_has "knee-oa.yaml"'
# shellcheck disable=SC2086
$PROLO_WRAP "$PROLO" protocols >/dev/full 2>"$tmp/err"
st=$?
result "protocols > /dev/full exits 74" eval 'status_is 74'

# --- help for every command; option handling -------------------------

for c in plan check protocols; do
	prolo "$c" -h
	result "$c -h: usage on stdout, 0" \
	    eval 'status_is 0 && out_has "^usage: prolo $c"'
	prolo "$c" --help
	result "$c --help: usage on stdout, 0" \
	    eval 'status_is 0 && out_has "^usage: prolo $c"'
done
prolo plan "$jane" -fcsv
result "plan: a short option with its value attached, after FILE" \
    eval 'status_is 0 && head -n 1 "$tmp/out" | grep -q "^patient_id,"'
prolo plan -hf csv
result "plan: grouped short options" eval 'status_is 0 && out_has "^usage: prolo plan"'
prolo plan -f csv -- "$jane"
result "plan: -- ends options" eval 'status_is 0 && out_has "^MRN-0042,"'
prolo plan -f json
result "plan -f json without FILE is a usage error" eval 'status_is 64 && no_stdout'

# --- JSON ------------------------------------------------------------

cat > "$tmp/roundtrip.py" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
want = json.load(open(sys.argv[2], encoding="utf-8"))
assert list(doc) == ["plans"], list(doc)
assert doc == want, (doc, want)
PY
cat > "$tmp/shape.py" <<'PY'
import csv, io, json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
rows = list(csv.DictReader(io.open(sys.argv[2], encoding="utf-8", newline="")))
visits = [(p, v) for p in doc["plans"] for v in p["visits"]]
assert len(visits) == len(rows), (len(visits), len(rows))
for (p, v), r in zip(visits, rows):
    assert v["date"] == r["date"] and v["weekday"] == r["weekday"], (v, r)
    assert v["status"] in ("done", "missed", "booked", "planned"), v
    assert v["status"] == r["status"], (v, r)
    assert ("" if v["visit"] is None else str(v["visit"])) == r["visit"]
    assert (v["visit"] is None) == (v["status"] == "missed"), v
    assert (v["interval_days"] is None) == (r["interval_days"] == "")
    assert v["interval_days"] is None or not v["restart"], v
    assert str(v["injections"]) == r["injections"], (v, r)
    assert "; ".join(v["sites"]) == r["sites"].lstrip("'")
    assert v["restart"] == (r["restart"] == "yes"), (v, r)
    ended = p["ended"] or {"date": "", "reason": ""}
    assert ended["date"] == r["ended"], (p["ended"], r)
    assert ended["reason"] == r["ended_reason"], (p["ended"], r)
    for k in ("volume_ml", "lidocaine_mg", "lidocaine_mg_per_kg"):
        assert (v[k] is None) == (r[k] == ""), (k, v, r)
        assert v[k] is None or float(r[k]) == v[k], (k, v, r)
    d = p["dose"]
    assert (v["volume_ml"] is None) == (d is None or v["status"] == "missed")
    if v["volume_ml"] is not None:
        assert v["volume_ml"] == d["volume_ml_per_site"] * d["sites"], (v, d)
        assert (v["lidocaine_mg_per_kg"] is None) == (d["weight_kg"] is None)
    # Scores: the shortest decimal in both, empty or null when none.
    assert ("" if v["pain"] is None else "%g" % v["pain"]) == r["pain"], \
        (v, r)
    assert v["pain"] is None or v["status"] == "done", v
    f = v["function"] or {"name": "", "value": "", "worst": ""}
    assert f["name"] == r["function"], (v, r)
    assert str(f["value"]) == r["function_value"], (v, r)
    assert str(f["worst"]) == r["function_worst"], (v, r)
    assert v["function"] is None or set(v["function"]) == \
        {"name", "value", "worst", "best"}, v
for p in doc["plans"]:
    assert list(p) == ["patient", "protocol", "clinic", "cost", "dose",
                       "visits", "holds", "keep", "warnings", "restarted",
                       "ended"]
    assert p["dose"] is None or list(p["dose"]) == ["weight_kg",
        "volume_ml_per_site", "sites", "max_volume_ml_per_site"], p["dose"]
    for v in p["visits"]:
        assert list(v) == ["visit", "date", "weekday", "interval_days",
                           "sites", "injections", "status", "time",
                           "review", "restart", "volume_ml", "lidocaine_mg",
                           "lidocaine_mg_per_kg", "pain", "function"], list(v)
    assert p["restarted"] or not any(v["restart"] for v in p["visits"])
    assert p["ended"] is None or set(p["ended"]) == {"date", "reason"}
    assert set(p["patient"]) == {"id", "name"}
    assert set(p["protocol"]) == {"id", "name", "solution"}
    for h in p["holds"]:
        assert set(h) == {"drug", "from", "to", "prescribed"}
        assert h["from"] <= h["to"]
    for k in p["keep"]:
        assert set(k) == {"drug", "class"}
        assert all(h["drug"] != k["drug"] for h in p["holds"]), k
    assert all(isinstance(w, str) for w in p["warnings"])
PY
if command -v "$PYTHON" >/dev/null 2>&1; then
	prolo plan -f json data/examples/*.yaml
	cp "$tmp/out" "$tmp/all.json"
	prolo plan --csv-raw -f csv data/examples/*.yaml
	cp "$tmp/out" "$tmp/all.csv"
	result "json: parses and agrees with the CSV, visit by visit" \
	    "$PYTHON" "$tmp/shape.py" "$tmp/all.json" "$tmp/all.csv"
	prolo plan -f json "$nasty"
	cp "$tmp/out" "$tmp/nasty.json"
	cat > "$tmp/want.json" <<'JS'
{"plans": [{
 "patient": {"id": "=HYPERLINK(\"x\")",
  "name": "O'Brien, \"Jo\" \\ \ud83d\ude00 \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \u2028end"},
 "protocol": {"id": "knee-oa", "name": "Dextrose prolotherapy, knee osteoarthritis",
  "solution": "12.5% dextrose with 0.5% lidocaine"},
 "clinic": null, "cost": null,
 "dose": {"weight_kg": null, "volume_ml_per_site": 15, "sites": 2, "max_volume_ml_per_site": 28.5},
 "visits": [
  {"visit": 1, "date": "2026-12-01", "weekday": "Tue", "interval_days": null, "sites": ["+left, outer knee", "@right knee"], "injections": 2, "status": "planned", "time": null, "review": false, "restart": false, "volume_ml": 30, "lidocaine_mg": 150, "lidocaine_mg_per_kg": null, "pain": null, "function": null},
  {"visit": 2, "date": "2026-12-22", "weekday": "Tue", "interval_days": 21, "sites": ["+left, outer knee", "@right knee"], "injections": 2, "status": "planned", "time": null, "review": false, "restart": false, "volume_ml": 30, "lidocaine_mg": 150, "lidocaine_mg_per_kg": null, "pain": null, "function": null},
  {"visit": 3, "date": "2027-01-12", "weekday": "Tue", "interval_days": 21, "sites": ["+left, outer knee", "@right knee"], "injections": 2, "status": "planned", "time": null, "review": false, "restart": false, "volume_ml": 30, "lidocaine_mg": 150, "lidocaine_mg_per_kg": null, "pain": null, "function": null},
  {"visit": 4, "date": "2027-02-02", "weekday": "Tue", "interval_days": 21, "sites": ["+left, outer knee", "@right knee"], "injections": 2, "status": "planned", "time": null, "review": true, "restart": false, "volume_ml": 30, "lidocaine_mg": 150, "lidocaine_mg_per_kg": null, "pain": null, "function": null},
  {"visit": 5, "date": "2027-02-23", "weekday": "Tue", "interval_days": 21, "sites": ["+left, outer knee", "@right knee"], "injections": 2, "status": "planned", "time": null, "review": false, "restart": false, "volume_ml": 30, "lidocaine_mg": 150, "lidocaine_mg_per_kg": null, "pain": null, "function": null}],
 "holds": [
  {"drug": "ibuprofen", "from": "2026-11-28", "to": "2026-12-08", "prescribed": false},
  {"drug": "ibuprofen", "from": "2026-12-19", "to": "2026-12-29", "prescribed": false},
  {"drug": "ibuprofen", "from": "2027-01-09", "to": "2027-01-19", "prescribed": false},
  {"drug": "ibuprofen", "from": "2027-01-30", "to": "2027-02-09", "prescribed": false},
  {"drug": "ibuprofen", "from": "2027-02-20", "to": "2027-03-02", "prescribed": false}],
 "keep": [],
 "warnings": ["no weight_kg: at the protocol's most, 28.5 mL a site at 2 sites, lidocaine would be 285 mg, over the label's 4.5 mg/kg for a 50 kg adult (rule lidocaine-dose); weigh the patient and give weight_kg: without it only the label's 300 mg is checked",
  "allergy 'lidocaine' matches the protocol's solution '12.5% dextrose with 0.5% lidocaine' (its lidocaine)"],
 "restarted": false, "ended": null}]}
JS
	result "json: nasty names round-trip exactly" \
	    "$PYTHON" "$tmp/roundtrip.py" "$tmp/nasty.json" "$tmp/want.json"
	result "json: the U+2028 line separator is escaped for JavaScript" \
	    eval '! grep -q "$(printf "\342\200\250")" "$tmp/nasty.json"'
else
	ok "json parses # SKIP no python"
fi
prolo plan -f json tests/cases/err-unknown-key.yaml
result "json: an invalid input prints nothing on stdout" \
    eval 'status_is 65 && no_stdout'

# --- CSV formula guard -----------------------------------------------

prolo plan -f csv "$nasty"
result "csv: cells starting = + @ get a leading quote" \
    eval 'sed -n 2p "$tmp/out" | grep -q "^\"'"'"'=HYPERLINK(\"\"x\"\")\",.*,\"'"'"'+left, outer knee; @right knee\","'
prolo plan --csv-raw -f csv "$nasty"
result "csv: --csv-raw leaves them as they are" \
    eval 'sed -n 2p "$tmp/out" | grep -q "^\"=HYPERLINK(\"\"x\"\")\",.*,\"+left, outer knee; @right knee\","'

finish commands
