#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "fixture.h"
#include "load.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "strv.h"

/*
 * The JSON document, written into memory and compared whole: its field
 * names, their order and their nulls are a contract with the programs
 * that read it, so a change to any of them must show here.  The shared
 * fixture's patient has one visit given on Tue 2026-11-10 and two
 * planned, Tue 2026-12-01 and Tue 2026-12-22, two injections each.
 */

#define OPEN	"{\n  \"plans\": [\n"
#define CLOSE	"\n  ]\n}\n"

#define SITES	"\"sites\": [\"left knee\", \"right, outer knee\"]"

/* The fixture's dose: knee-oa's usual 15 mL a site, 70 kg. */
#define DOSE(sites) \
	"      \"dose\": {\"weight_kg\": 70, \"volume_ml_per_site\": 15, " \
	    "\"sites\": " #sites ", \"max_volume_ml_per_site\": 28.5},\n"

/*
 * Each visit's dose, of two knees, of one, or none; and the end of a
 * visit with no scores.
 */
#define DOSE2	", \"volume_ml\": 30, \"lidocaine_mg\": 150, " \
	    "\"lidocaine_mg_per_kg\": 2.14"
#define DOSE1	", \"volume_ml\": 15, \"lidocaine_mg\": 75, " \
	    "\"lidocaine_mg_per_kg\": 1.07"
#define NODOSE	", \"volume_ml\": null, \"lidocaine_mg\": null, " \
	    "\"lidocaine_mg_per_kg\": null"
#define NOSCORE	", \"pain\": null, \"function\": null}"

/* The fixture's plan as one object of "plans", with no clinic. */
#define FIXTURE_PLAN \
	"    {\n" \
	"      \"patient\": {\"id\": \"0012\", \"name\": " \
	    "\"O'Brien, \\\"Jo\\\"\"},\n" \
	"      \"protocol\": {\"id\": \"knee-oa\", \"name\": \"Dextrose " \
	    "prolotherapy, knee osteoarthritis\", \"solution\": \"12.5% " \
	    "dextrose with 0.5% lidocaine\"},\n" \
	"      \"clinic\": null,\n" \
	"      \"cost\": null,\n" \
	DOSE(2) \
	"      \"visits\": [\n" \
	"        {\"visit\": 1, \"date\": \"2026-11-10\", \"weekday\": " \
	    "\"Tue\", \"interval_days\": null, " SITES ", \"injections\": 2, " \
	    "\"status\": \"done\", \"time\": null, " \
	    "\"review\": false, \"restart\": false" DOSE2 NOSCORE ",\n" \
	"        {\"visit\": 2, \"date\": \"2026-12-01\", \"weekday\": " \
	    "\"Tue\", \"interval_days\": 21, " SITES ", \"injections\": 2, " \
	    "\"status\": \"planned\", \"time\": null, " \
	    "\"review\": false, \"restart\": false" DOSE2 NOSCORE ",\n" \
	"        {\"visit\": 3, \"date\": \"2026-12-22\", \"weekday\": " \
	    "\"Tue\", \"interval_days\": 21, " SITES ", \"injections\": 2, " \
	    "\"status\": \"planned\", \"time\": null, " \
	    "\"review\": false, \"restart\": false" DOSE2 NOSCORE "\n" \
	"      ],\n" \
	"      \"holds\": [],\n" \
	"      \"keep\": [],\n" \
	"      \"warnings\": [],\n" \
	"      \"restarted\": false,\n" \
	"      \"ended\": null\n" \
	"    }"

/* A clinic as a clinic file writes it; the caller frees it. */
static struct clinic *
clinic(const char *yaml)
{
	struct diag d = { 0 };
	struct clinic *c;

	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	if (c == NULL)
		fail_msg("clinic: %s", d.msg);
	diag_release(&d);
	return c;
}

/* Prints the fixture's plan, already made in f->pl, as a whole run. */
static void
print_one(struct fixture *f)
{
	const struct plan *pls[1] = { &f->pl };

	fixture_print(f, &format_json, pls, 1, 0);
}

/* Where needle first occurs, failing the test if it does not. */
static void
assert_has(const char *s, const char *needle)
{
	if (strstr(s, needle) == NULL)
		fail_msg("missing: %s\nin:\n%s", needle, s);
}

/* The smallest plan: every visit's fields, nulls where nothing is known. */
static void
torture_json_document(void **state)
{
	struct fixture *f = *state;

	fixture_render(f, &format_json, f->care, 1);
	assert_string_equal(f->out, OPEN FIXTURE_PLAN CLOSE);
	assert_int_equal(f->len, strlen(f->out));
}

/*
 * Everything a plan can carry: a clinic with a phone and a price,
 * appointment times, a review visit, holds (a prescribed medicine's, and
 * one set apart by hand to show both values), a medicine to keep taking
 * and warnings in the words standard error uses.
 */
static void
torture_json_full_plan(void **state)
{
	struct fixture *f = *state;
	struct hold hold = { .stop_before = 3, .resume_after = 7 };
	struct clinic *c;

	c = clinic("name: Harbour Clinic\n"
	    "address: 12 Harbour Street\n"
	    "phone: 555-0100\n"
	    "price: {per_visit: \"150.00\", currency: USD}\n");
	strv_push(&hold.drugs, "aspirin");
	f->pr.holds = &hold;
	f->pr.nholds = 1;
	f->pr.review_at = 2;
	strv_push(&f->p.medications, "Aspirin 81 mg");
	strv_push(&f->p.medications, "warfarin");
	strv_push(&f->p.allergies, "lidocaine");
	fixture_plan(f, &f->pl, &f->p, f->care);
	f->pl.clinic = c;
	f->pl.visits[1].time = 9 * 60 + 15;
	f->pl.visits[2].time = 13 * 60 + 30;
	assert_int_equal(f->pl.nholds, 2);
	f->pl.holds[1].prescribed = 0;
	print_one(f);
	assert_string_equal(f->out, OPEN
	    "    {\n"
	    "      \"patient\": {\"id\": \"0012\", \"name\": "
	    "\"O'Brien, \\\"Jo\\\"\"},\n"
	    "      \"protocol\": {\"id\": \"knee-oa\", \"name\": \"Dextrose "
	    "prolotherapy, knee osteoarthritis\", \"solution\": \"12.5% "
	    "dextrose with 0.5% lidocaine\"},\n"
	    "      \"clinic\": {\"name\": \"Harbour Clinic\", \"phone\": "
	    "\"555-0100\"},\n"
	    "      \"cost\": {\"visits\": 2, \"per_visit\": \"150.00\", "
	    "\"total\": \"300.00\", \"currency\": \"USD\"},\n"
	    DOSE(2)
	    "      \"visits\": [\n"
	    "        {\"visit\": 1, \"date\": \"2026-11-10\", \"weekday\": "
	    "\"Tue\", \"interval_days\": null, " SITES ", \"injections\": 2, "
	    "\"status\": \"done\", \"time\": null, "
	    "\"review\": false, \"restart\": false" DOSE2 NOSCORE ",\n"
	    "        {\"visit\": 2, \"date\": \"2026-12-01\", \"weekday\": "
	    "\"Tue\", \"interval_days\": 21, " SITES ", \"injections\": 2, "
	    "\"status\": \"planned\", \"time\": \"09:15\", "
	    "\"review\": true, \"restart\": false" DOSE2 NOSCORE ",\n"
	    "        {\"visit\": 3, \"date\": \"2026-12-22\", \"weekday\": "
	    "\"Tue\", \"interval_days\": 21, " SITES ", \"injections\": 2, "
	    "\"status\": \"planned\", \"time\": \"13:30\", "
	    "\"review\": false, \"restart\": false" DOSE2 NOSCORE "\n"
	    "      ],\n"
	    "      \"holds\": [\n"
	    "        {\"drug\": \"Aspirin 81 mg\", \"from\": \"2026-11-28\", "
	    "\"to\": \"2026-12-08\", \"prescribed\": true},\n"
	    "        {\"drug\": \"Aspirin 81 mg\", \"from\": \"2026-12-19\", "
	    "\"to\": \"2026-12-29\", \"prescribed\": false}\n"
	    "      ],\n"
	    "      \"keep\": [\n"
	    "        {\"drug\": \"warfarin\", \"class\": \"anticoagulants\"}\n"
	    "      ],\n"
	    "      \"warnings\": [\n"
	    "        \"allergy 'lidocaine' matches the protocol's solution "
	    "'12.5% dextrose with 0.5% lidocaine' (its lidocaine)\",\n"
	    "        \"medication 'Aspirin 81 mg' is a blood thinner: more "
	    "bleeding and bruising after injections\",\n"
	    "        \"medication 'warfarin' is a blood thinner, never paused "
	    "on a schedule (class 'anticoagulants' of drugs.yaml): more "
	    "bleeding and bruising after injections; the handout tells the "
	    "patient to keep taking it; talk with the patient about it\"\n"
	    "      ],\n"
	    "      \"restarted\": false,\n"
	    "      \"ended\": null\n"
	    "    }" CLOSE);
	f->pl.clinic = NULL;
	clinic_free(c);
	f->pr.holds = NULL;
	f->pr.nholds = 0;
	strv_release(&hold.drugs);
}

/*
 * Warnings of the plan's rules and a lapse, as standard error words
 * them, with the rule's text in the plan's language.
 */
static void
torture_json_warnings_rules(void **state)
{
	static const char yaml[] =
	    "rules:\n"
	    "  - {id: diabetes, level: warn, if: {conditions: [diabetes]},\n"
	    "     text: {en: \"Check \\\"sugar\\\".\", es: Mida el azúcar.}}\n";
	struct fixture *f = *state;
	struct chart ch = { .patient = &f->p, .protocol = &f->pr,
	    .care = f->care };
	struct sched_out out;
	struct clinic *c;

	c = clinic(yaml);
	ch.clinic = c;
	f->pr.restart = 0;	/* after_lapse: continue; restarts by hand */
	f->hist[0] = date_from_ymd(2026, 9, 1);
	strv_push(&f->p.conditions, "Diabetes");
	assert_int_equal(plan_make(&f->pl, &ch, date_from_ymd(2026, 11, 27),
	    &out), SCHED_OK);
	print_one(f);
	assert_has(f->out, "      \"warnings\": [\n"
	    "        \"rule 'diabetes' (Diabetes): Check \\\"sugar\\\".\",\n"
	    "        \"lapse: the next visit on 2026-12-01 is 91 days after the "
	    "last visit on 2026-09-01, more than the protocol's longest "
	    "interval of 21 days; the course continues, counted from its "
	    "first visit (after_lapse: continue)\"\n"
	    "      ],\n      \"restarted\": false,\n      \"ended\": null\n"
	    "    }" CLOSE);
	/* A lapsed course's next visit has an interval all the same. */
	assert_has(f->out, "{\"visit\": 2, \"date\": \"2026-12-01\", "
	    "\"weekday\": \"Tue\", \"interval_days\": 91, ");
	free(f->care->language);
	f->care->language = strdup("es");
	print_one(f);
	assert_has(f->out, "\"rule 'diabetes' (Diabetes): Mida el azúcar.\"");
	clinic_free(c);
}

/*
 * The clinic is its name and phone, either of which may be null, or
 * null when it has neither; the cost is null without a price and
 * counts the planned visits only, in exact cents.
 */
static void
torture_json_clinic_cost(void **state)
{
	static const struct {
		const char	*yaml;
		const char	*want;
	} cases[] = {
		{ "name: Harbour Clinic\n",
		    "      \"clinic\": {\"name\": \"Harbour Clinic\", "
		    "\"phone\": null},\n      \"cost\": null,\n" },
		{ "phone: 555-0100\n",
		    "      \"clinic\": {\"name\": null, \"phone\": "
		    "\"555-0100\"},\n      \"cost\": null,\n" },
		{ "address: 12 Harbour Street\ntimezone: Europe/Madrid\n",
		    "      \"clinic\": null,\n      \"cost\": null,\n" },
		{ "price: {per_visit: \"0.10\", currency: EUR}\n",
		    "      \"clinic\": null,\n      \"cost\": {\"visits\": 2, "
		    "\"per_visit\": \"0.10\", \"total\": \"0.20\", "
		    "\"currency\": \"EUR\"},\n" },
		{ "price: {per_visit: \"0.29\", currency: EUR}\n",
		    "      \"clinic\": null,\n      \"cost\": {\"visits\": 2, "
		    "\"per_visit\": \"0.29\", \"total\": \"0.58\", "
		    "\"currency\": \"EUR\"},\n" },
		{ "price: {per_visit: \"1000000\", currency: USD}\n",
		    "      \"clinic\": null,\n      \"cost\": {\"visits\": 2, "
		    "\"per_visit\": \"1000000.00\", \"total\": \"2000000.00\", "
		    "\"currency\": \"USD\"},\n" },
	};
	struct fixture *f = *state;
	struct clinic *c;
	char want[512];
	size_t i;

	fixture_plan(f, &f->pl, &f->p, f->care);
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		c = clinic(cases[i].yaml);
		f->pl.clinic = c;
		print_one(f);
		/* In its place: after the protocol, before the visits. */
		snprintf(want, sizeof(want), "lidocaine\"},\n%s" DOSE(2)
		    "      \"visits\": [\n", cases[i].want);
		assert_has(f->out, want);
		f->pl.clinic = NULL;
		clinic_free(c);
	}
	/* With no history, all three visits are charged: 0.10 * 3 exactly. */
	f->p.nhistory = 0;
	plan_release(&f->pl);
	fixture_plan(f, &f->pl, &f->p, f->care);
	c = clinic("price: {per_visit: \"0.10\", currency: USD}\n");
	f->pl.clinic = c;
	print_one(f);
	assert_has(f->out, "      \"cost\": {\"visits\": 3, \"per_visit\": "
	    "\"0.10\", \"total\": \"0.30\", \"currency\": \"USD\"},\n");
	f->pl.clinic = NULL;
	clinic_free(c);
}

/*
 * Several plans make one document, their objects in the order given,
 * separated by commas, with one "plans" and one end.
 */
static void
torture_json_several_plans(void **state)
{
	struct fixture *f = *state;
	struct patient p2;
	struct plan pl2;
	const struct plan *pls[3];

	fixture_render(f, &format_json, f->care, 2);
	assert_string_equal(f->out, OPEN FIXTURE_PLAN ",\n" FIXTURE_PLAN
	    CLOSE);
	p2 = f->p;
	p2.id = "0013";
	p2.name = "Ann";
	p2.nhistory = 0;
	p2.visits = 1;
	p2.sites.n = 1;
	fixture_plan(f, &pl2, &p2, f->care);
	pls[0] = &pl2;
	pls[1] = &f->pl;
	pls[2] = &pl2;
	fixture_print(f, &format_json, pls, 3, 0);
	assert_string_equal(f->out, OPEN
	    "    {\n"
	    "      \"patient\": {\"id\": \"0013\", \"name\": \"Ann\"},\n"
	    "      \"protocol\": {\"id\": \"knee-oa\", \"name\": \"Dextrose "
	    "prolotherapy, knee osteoarthritis\", \"solution\": \"12.5% "
	    "dextrose with 0.5% lidocaine\"},\n"
	    "      \"clinic\": null,\n"
	    "      \"cost\": null,\n"
	    DOSE(1)
	    "      \"visits\": [\n"
	    "        {\"visit\": 1, \"date\": \"2026-12-01\", \"weekday\": "
	    "\"Tue\", \"interval_days\": null, \"sites\": [\"left knee\"], "
	    "\"injections\": 1, \"status\": \"planned\", \"time\": null, "
	    "\"review\": false, \"restart\": false" DOSE1 NOSCORE "\n"
	    "      ],\n"
	    "      \"holds\": [],\n"
	    "      \"keep\": [],\n"
	    "      \"warnings\": [],\n"
	    "      \"restarted\": false,\n"
	    "      \"ended\": null\n"
	    "    },\n" FIXTURE_PLAN ",\n"
	    "    {\n"
	    "      \"patient\": {\"id\": \"0013\", \"name\": \"Ann\"},\n"
	    "      \"protocol\": {\"id\": \"knee-oa\", \"name\": \"Dextrose "
	    "prolotherapy, knee osteoarthritis\", \"solution\": \"12.5% "
	    "dextrose with 0.5% lidocaine\"},\n"
	    "      \"clinic\": null,\n"
	    "      \"cost\": null,\n"
	    DOSE(1)
	    "      \"visits\": [\n"
	    "        {\"visit\": 1, \"date\": \"2026-12-01\", \"weekday\": "
	    "\"Tue\", \"interval_days\": null, \"sites\": [\"left knee\"], "
	    "\"injections\": 1, \"status\": \"planned\", \"time\": null, "
	    "\"review\": false, \"restart\": false" DOSE1 NOSCORE "\n"
	    "      ],\n"
	    "      \"holds\": [],\n"
	    "      \"keep\": [],\n"
	    "      \"warnings\": [],\n"
	    "      \"restarted\": false,\n"
	    "      \"ended\": null\n"
	    "    }" CLOSE);
	plan_release(&pl2);
}

/*
 * Issue 13's states, the whole plan: each visit's status (done, missed,
 * booked, planned), a missed visit's null number and interval and its 0
 * injections, the restart where the course starts again (its interval
 * null), the booked visit's time; the course restarted, not ended; the
 * cost counts the booked and planned visits.
 */
static void
torture_json_issue13(void **state)
{
	struct fixture *f = *state;
	struct clinic *c;

	c = clinic("price: {per_visit: \"150.00\", currency: USD}\n");
	strv_release(&f->p.sites);
	strv_push(&f->p.sites, "knee");
	fixture_eventful(f);
	f->pl.clinic = c;
	f->pl.review = 4;
	print_one(f);
	assert_string_equal(f->out, OPEN
	    "    {\n"
	    "      \"patient\": {\"id\": \"0012\", \"name\": "
	    "\"O'Brien, \\\"Jo\\\"\"},\n"
	    "      \"protocol\": {\"id\": \"knee-oa\", \"name\": \"Dextrose "
	    "prolotherapy, knee osteoarthritis\", \"solution\": \"12.5% "
	    "dextrose with 0.5% lidocaine\"},\n"
	    "      \"clinic\": null,\n"
	    "      \"cost\": {\"visits\": 3, \"per_visit\": \"150.00\", "
	    "\"total\": \"450.00\", \"currency\": \"USD\"},\n"
	    DOSE(1)
	    "      \"visits\": [\n"
	    "        {\"visit\": 1, \"date\": \"2026-10-06\", \"weekday\": "
	    "\"Tue\", \"interval_days\": null, \"sites\": [\"knee\"], "
	    "\"injections\": 1, \"status\": \"done\", \"time\": null, "
	    "\"review\": false, \"restart\": false" DOSE1 NOSCORE ",\n"
	    "        {\"visit\": null, \"date\": \"2026-10-20\", \"weekday\": "
	    "\"Tue\", \"interval_days\": null, \"sites\": [\"knee\"], "
	    "\"injections\": 0, \"status\": \"missed\", \"time\": null, "
	    "\"review\": false, \"restart\": false" NODOSE NOSCORE ",\n"
	    "        {\"visit\": 2, \"date\": \"2026-10-27\", \"weekday\": "
	    "\"Tue\", \"interval_days\": 21, \"sites\": [\"knee\"], "
	    "\"injections\": 1, \"status\": \"done\", \"time\": null, "
	    "\"review\": false, \"restart\": false" DOSE1 NOSCORE ",\n"
	    "        {\"visit\": 3, \"date\": \"2026-12-01\", \"weekday\": "
	    "\"Tue\", \"interval_days\": null, \"sites\": [\"knee\"], "
	    "\"injections\": 1, \"status\": \"booked\", \"time\": \"09:30\", "
	    "\"review\": false, \"restart\": true" DOSE1 NOSCORE ",\n"
	    "        {\"visit\": 4, \"date\": \"2026-12-22\", \"weekday\": "
	    "\"Tue\", \"interval_days\": 21, \"sites\": [\"knee\"], "
	    "\"injections\": 1, \"status\": \"booked\", \"time\": null, "
	    "\"review\": true, \"restart\": false" DOSE1 NOSCORE ",\n"
	    "        {\"visit\": 5, \"date\": \"2027-01-12\", \"weekday\": "
	    "\"Tue\", \"interval_days\": 21, \"sites\": [\"knee\"], "
	    "\"injections\": 1, \"status\": \"planned\", \"time\": null, "
	    "\"review\": false, \"restart\": false" DOSE1 NOSCORE "\n"
	    "      ],\n"
	    "      \"holds\": [],\n"
	    "      \"keep\": [],\n"
	    "      \"warnings\": [\n"
	    "        \"lapse: the next visit on 2026-12-01 is 35 days after the "
	    "last visit on 2026-10-27, more than the protocol's longest "
	    "interval of 21 days; the course restarts there: its intervals "
	    "and max_course_days count from it (after_lapse: restart)\"\n"
	    "      ],\n"
	    "      \"restarted\": true,\n"
	    "      \"ended\": null\n"
	    "    }" CLOSE);
	/* No review: the missed visit, numbered 0, is not it either. */
	f->pl.review = 0;
	print_one(f);
	assert_null(strstr(f->out, "\"review\": true"));
	/* A restart among the visits given is a course restarted too. */
	f->pl.lapsed = f->pl.restarted = 0;
	f->pl.nwarnings = 0;
	print_one(f);
	assert_has(f->out, "      \"warnings\": [],\n"
	    "      \"restarted\": true,\n");
	f->pl.visits[3].restart = 0;
	print_one(f);
	assert_has(f->out, "      \"warnings\": [],\n"
	    "      \"restarted\": false,\n");
	f->pl.clinic = NULL;
	clinic_free(c);
}

/*
 * A course that ended early: when and why, its reason escaped as any
 * text is, and its warning in standard error's words; nothing to pay.
 */
static void
torture_json_ended(void **state)
{
	struct fixture *f = *state;
	struct clinic *c;

	c = clinic("price: {per_visit: \"150.00\", currency: USD}\n");
	fixture_ended(f);
	f->pl.clinic = c;
	print_one(f);
	assert_has(f->out, "      \"cost\": {\"visits\": 0, ");
	assert_has(f->out, "      \"warnings\": [\n"
	    "        \"the course ended early on 2026-11-20: better after 3 "
	    "visits\"\n"
	    "      ],\n"
	    "      \"restarted\": false,\n"
	    "      \"ended\": {\"date\": \"2026-11-20\", \"reason\": "
	    "\"better after 3 visits\"}\n"
	    "    }" CLOSE);
	f->p.ended_reason = "moved \"abroad\"\n\\";
	f->pl.nwarnings = 0;
	print_one(f);
	assert_has(f->out, "      \"ended\": {\"date\": \"2026-11-20\", "
	    "\"reason\": \"moved \\\"abroad\\\"\\n\\\\\"}\n");
	f->pl.clinic = NULL;
	clinic_free(c);
}

/*
 * The scores of the visits given: pain as the shortest decimal, the
 * function score with its scale, null where none was recorded (a
 * missed visit, a visit to come), the scale's name escaped.
 */
static void
torture_json_scores(void **state)
{
	struct fixture *f = *state;

	fixture_scored(f);
	print_one(f);
	assert_has(f->out, "\"status\": \"done\", \"time\": null, "
	    "\"review\": false, \"restart\": false" DOSE2 ", \"pain\": 7, "
	    "\"function\": {\"name\": \"WOMAC\", \"value\": 48, "
	    "\"worst\": 96, \"best\": 0}},\n");
	assert_has(f->out, "\"status\": \"missed\", \"time\": null, "
	    "\"review\": false, \"restart\": false" NODOSE ", \"pain\": null, "
	    "\"function\": null},\n");
	assert_has(f->out, "\"status\": \"done\", \"time\": null, "
	    "\"review\": false, \"restart\": false" DOSE2 ", \"pain\": 5.5, "
	    "\"function\": null},\n");
	assert_has(f->out, "\"status\": \"planned\", \"time\": null, "
	    "\"review\": false, \"restart\": false" DOSE2 ", \"pain\": null, "
	    "\"function\": null}\n");
	/* A scale higher-is-better, in fractions, and a name to escape. */
	f->record[0].function = (struct function_score){ "KOOS \"pain\"",
	    62250, 0, 100000 };
	f->record[0].pain = 0;
	print_one(f);
	assert_has(f->out, "\"pain\": 0, \"function\": {\"name\": "
	    "\"KOOS \\\"pain\\\"\", \"value\": 62.25, \"worst\": 0, "
	    "\"best\": 100}},\n");
}

/* A run that plans nothing prints nothing, not an empty document. */
static void
torture_json_no_plans(void **state)
{
	struct fixture *f = *state;

	fixture_render(f, &format_json, f->care, 0);
	assert_int_equal(f->len, 0);
	assert_string_equal(f->out, "");
}

/*
 * Quotes, backslashes, every control character and the two JavaScript
 * line separators are escaped; other UTF-8, U+2027 and U+202A (beside
 * the separators) among it, passes as it is.
 */
static void
torture_json_escapes_name(void **state)
{
	struct fixture *f = *state;

	f->p.name = "q\"b\\s/ n\nt\tr\rb\bf\f \001\037\177 "
	    "\xe2\x80\xa8|\xe2\x80\xa9|\xe2\x80\xa7|\xe2\x80\xaa|"
	    "é 😀 \xc2\x85 end";
	fixture_render(f, &format_json, f->care, 1);
	assert_has(f->out, "      \"patient\": {\"id\": \"0012\", \"name\": "
	    "\"q\\\"b\\\\s/ n\\nt\\tr\\u000db\\u0008f\\u000c \\u0001\\u001f"
	    "\\u007f \\u2028|\\u2029|\xe2\x80\xa7|\xe2\x80\xaa|"
	    "é 😀 \xc2\x85 end\"},\n");
	/* Escaped, the name leaves the rest of the document as it was. */
	f->p.name = "O'Brien, \"Jo\"";
	fixture_render(f, &format_json, f->care, 1);
	assert_string_equal(f->out, OPEN FIXTURE_PLAN CLOSE);
}

/* Every text field goes through the same escaping, not just the name. */
static void
torture_json_escapes_every_field(void **state)
{
	struct fixture *f = *state;
	struct hold hold = { .stop_before = 3, .resume_after = 7 };
	struct clinic *c;

	c = clinic("name: \"Harbour \\\"Clinic\\\"\"\n"
	    "phone: \"555\\\\0100\"\n"
	    "price: {per_visit: \"1\", currency: \"U\\\"S\"}\n");
	strv_push(&hold.drugs, "aspirin");
	f->pr.holds = &hold;
	f->pr.nholds = 1;
	f->p.id = "id\"\\\xe2\x80\xa8";
	f->pr.id = "knee\"oa";
	f->pr.name = "name\\";
	f->pr.solution = "sol\tution";
	strv_push(&f->p.sites, "a\"b\xe2\x80\xa9");
	strv_push(&f->p.medications, "aspirin \"81\"\n");
	fixture_plan(f, &f->pl, &f->p, f->care);
	f->pl.clinic = c;
	print_one(f);
	assert_has(f->out, "\"patient\": {\"id\": \"id\\\"\\\\\\u2028\", ");
	assert_has(f->out, "\"protocol\": {\"id\": \"knee\\\"oa\", \"name\": "
	    "\"name\\\\\", \"solution\": \"sol\\tution\"},\n");
	assert_has(f->out, "\"clinic\": {\"name\": \"Harbour \\\"Clinic\\\"\", "
	    "\"phone\": \"555\\\\0100\"},\n");
	assert_has(f->out, "\"currency\": \"U\\\"S\"}");
	assert_has(f->out, "\"sites\": [\"left knee\", \"right, outer knee\", "
	    "\"a\\\"b\\u2029\"]");
	assert_has(f->out, "{\"drug\": \"aspirin \\\"81\\\"\\n\", \"from\": ");
	f->pl.clinic = NULL;
	clinic_free(c);
	f->pr.holds = NULL;
	f->pr.nholds = 0;
	strv_release(&hold.drugs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(torture_json_document,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_json_full_plan,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_json_warnings_rules,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_json_clinic_cost,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_json_several_plans,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_json_issue13,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_json_ended,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_json_scores,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_json_no_plans,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_json_escapes_name,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_json_escapes_every_field, fixture_setup,
		    fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
