#include <stdio.h>
#include <string.h>

#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "dosing.h"
#include "drugs.h"
#include "explain.h"
#include "handout.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "schema.h"

/*
 * JSON: one document, {"plans": [...]}, one object per patient.  Text
 * is UTF-8 as read (the loader has validated it) with quotes,
 * backslashes, control characters and the two JavaScript line
 * separators escaped.  The document opens with the first plan, so a run
 * that plans nothing prints nothing.
 */

/* A string, or null for text a file did not give. */
static void
json_string(FILE *fp, const char *s)
{
	const unsigned char *p;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	fputc('"', fp);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\u%04x", *p);
		else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			fprintf(fp, "\\u%04x", p[2] == 0xa8 ? 0x2028 : 0x2029);
			p += 2;
		} else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

/* A count, or null where there is none (n < 0). */
static void
json_count(FILE *fp, int n)
{
	if (n < 0)
		fputs("null", fp);
	else
		fprintf(fp, "%d", n);
}

static void
json_date(FILE *fp, int day)
{
	char buf[DATE_LEN + 1];

	date_format(day, buf);
	fprintf(fp, "\"%s\"", buf);
}

static void
json_sites(FILE *fp, const struct patient *p)
{
	size_t i;

	fputc('[', fp);
	for (i = 0; i < p->sites.n; i++) {
		if (i)
			fputs(", ", fp);
		json_string(fp, p->sites.v[i]);
	}
	fputc(']', fp);
}

/* A number in thousandths as the shortest decimal: 7, 7.5, 0.25. */
static void
json_milli(FILE *fp, long v)
{
	char buf[32];

	fputs(schema_milli_str(buf, sizeof(buf), v), fp);
}

/*
 * The scores recorded at a visit given: pain on the 0 to 10 scale and
 * a function score on its own, each null when none was.
 */
static void
json_scores(FILE *fp, const struct plan_visit *v)
{
	const struct function_score *fs;

	fputs(", \"pain\": ", fp);
	if (plan_pain(v) < 0)
		fputs("null", fp);
	else
		json_milli(fp, plan_pain(v));
	fputs(", \"function\": ", fp);
	if ((fs = plan_function(v)) == NULL) {
		fputs("null", fp);
		return;
	}
	fputs("{\"name\": ", fp);
	json_string(fp, fs->name);
	fputs(", \"value\": ", fp);
	json_milli(fp, fs->value);
	fputs(", \"worst\": ", fp);
	json_milli(fp, fs->worst);
	fputs(", \"best\": ", fp);
	json_milli(fp, fs->best);
	fputc('}', fp);
}

/*
 * One visit's volume (mL) and lidocaine (ng of it, or -1 when the
 * protocol gives no dose), in mg and in mg/kg: numbers, the mg exact to
 * 3 decimals and the mg/kg to 2; null where unknown (no dose, a missed
 * visit, or for mg/kg no weight).
 */
static void
json_dose(FILE *fp, const struct plan *pl, int missed, int64_t ng)
{
	const struct dosing *d = &pl->dose;
	char buf[32];

	if (missed || ng < 0) {
		fputs(", \"volume_ml\": null, \"lidocaine_mg\": null, "
		    "\"lidocaine_mg_per_kg\": null", fp);
		return;
	}
	fprintf(fp, ", \"volume_ml\": %s", schema_milli_str(buf, sizeof(buf),
	    d->total));
	fprintf(fp, ", \"lidocaine_mg\": %s", dosing_mg(buf, sizeof(buf),
	    ng));
	if (d->weight < 0)
		fputs(", \"lidocaine_mg_per_kg\": null", fp);
	else
		fprintf(fp, ", \"lidocaine_mg_per_kg\": %s",
		    dosing_mg_per_kg(buf, sizeof(buf), ng, d->weight));
}

/*
 * A missed visit is listed, but is no visit of the course: its "visit"
 * and "interval_days" are null and its "injections" 0.
 */
static void
json_visit(FILE *fp, const struct plan *pl, const struct plan_visit *v,
    int64_t ng)
{
	int missed = v->status == VISIT_MISSED;
	char hhmm[6];

	fputs("{\"visit\": ", fp);
	json_count(fp, missed ? -1 : v->number);
	fputs(", \"date\": ", fp);
	json_date(fp, v->date);
	fprintf(fp, ", \"weekday\": \"%s\", \"interval_days\": ",
	    date_weekday_abbr(v->date));
	json_count(fp, v->interval);
	fputs(", \"sites\": ", fp);
	json_sites(fp, pl->patient);
	fprintf(fp, ", \"injections\": %d, \"status\": \"%s\", \"time\": ",
	    missed ? 0 : pl->per_visit, handout_status_id(v));
	if (v->time == TIME_NONE)
		fputs("null", fp);
	else {
		date_time_format(v->time, hhmm);
		fprintf(fp, "\"%s\"", hhmm);
	}
	fprintf(fp, ", \"review\": %s, \"restart\": %s",
	    !missed && pl->review == v->number ? "true" : "false",
	    v->restart ? "true" : "false");
	json_dose(fp, pl, missed, ng);
	json_scores(fp, v);
	fputc('}', fp);
}

static void
json_visits(FILE *fp, const struct plan *pl)
{
	size_t i;
	int64_t ng;

	/* The fields name lidocaine, the label limit most solutions meet. */
	if (!dosing_amount(&pl->dose, pl->terms, "lidocaine", &ng))
		ng = -1;
	fputs("      \"visits\": [", fp);
	for (i = 0; i < pl->nvisits; i++) {
		fputs(i ? ",\n        " : "\n        ", fp);
		json_visit(fp, pl, &pl->visits[i], ng);
	}
	fputs(pl->nvisits ? "\n      ],\n" : "],\n", fp);
}

static void
json_holds(FILE *fp, const struct plan *pl)
{
	size_t i;

	fputs("      \"holds\": [", fp);
	for (i = 0; i < pl->nholds; i++) {
		fputs(i ? ",\n        {\"drug\": " : "\n        {\"drug\": ", fp);
		json_string(fp, pl->holds[i].drug);
		fputs(", \"from\": ", fp);
		json_date(fp, pl->holds[i].from);
		fputs(", \"to\": ", fp);
		json_date(fp, pl->holds[i].to);
		fprintf(fp, ", \"prescribed\": %s}", pl->holds[i].prescribed ?
		    "true" : "false");
	}
	fputs(pl->nholds ? "\n      ],\n" : "],\n", fp);
}

/* Medicines never paused: the patient keeps taking them. */
static void
json_keep(FILE *fp, const struct plan *pl)
{
	const struct plan_warning *w;
	size_t i, n;

	fputs("      \"keep\": [", fp);
	for (i = 0, n = 0; i < pl->nwarnings; i++) {
		w = &pl->warnings[i];
		if (w->kind != PLAN_W_KEEP)
			continue;
		fputs(n++ ? ",\n        {\"drug\": " : "\n        {\"drug\": ", fp);
		json_string(fp, w->subject);
		fputs(", \"class\": ", fp);
		json_string(fp, w->dc->id);
		fputc('}', fp);
	}
	fputs(n ? "\n      ],\n" : "],\n", fp);
}

/* Warnings in the words stderr uses, without the file name. */
static void
json_warnings(FILE *fp, const struct plan *pl)
{
	struct diag d = { 0 };
	size_t i;

	fputs("      \"warnings\": [", fp);
	for (i = 0; i < pl->nwarnings; i++) {
		explain_warning(&d, pl, &pl->warnings[i]);
		fputs(i ? ",\n        " : "\n        ", fp);
		json_string(fp, d.msg);
	}
	diag_release(&d);
	fputs(pl->nwarnings ? "\n      ],\n" : "],\n", fp);
}

/*
 * Whether the course restarted after a lapse, at a visit given or to
 * come, and when and why it ended early, or null.
 */
static void
json_course(FILE *fp, const struct plan *pl)
{
	const struct patient *p = pl->patient;
	size_t i;
	int restarted;

	restarted = pl->restarted;
	for (i = 0; i < pl->nvisits; i++)
		restarted |= pl->visits[i].restart;
	fprintf(fp, "      \"restarted\": %s,\n      \"ended\": ",
	    restarted ? "true" : "false");
	if (p->ended == 0)
		fputs("null", fp);
	else {
		fputs("{\"date\": ", fp);
		json_date(fp, p->ended);
		fputs(", \"reason\": ", fp);
		json_string(fp, p->ended_reason);
		fputc('}', fp);
	}
	fputc('\n', fp);
}

static void
json_money(FILE *fp, long cents)
{
	fprintf(fp, "\"%ld.%02ld\"", cents / 100, cents % 100);
}

/* The clinic and the cost of the visits to come; null where unknown. */
static void
json_clinic(FILE *fp, const struct plan *pl)
{
	const struct clinic *c = pl->clinic;
	size_t planned;

	fputs("      \"clinic\": ", fp);
	if (c == NULL || (c->name == NULL && c->phone == NULL))
		fputs("null", fp);
	else {
		fputs("{\"name\": ", fp);
		json_string(fp, c->name);
		fputs(", \"phone\": ", fp);
		json_string(fp, c->phone);
		fputc('}', fp);
	}
	fputs(",\n      \"cost\": ", fp);
	planned = handout_to_come(pl);
	if (c == NULL || c->price < 0)
		fputs("null", fp);
	else {
		fprintf(fp, "{\"visits\": %zu, \"per_visit\": ", planned);
		json_money(fp, c->price);
		fputs(", \"total\": ", fp);
		json_money(fp, c->price * (long)planned);
		fputs(", \"currency\": ", fp);
		json_string(fp, c->currency);
		fputc('}', fp);
	}
	fputs(",\n", fp);
}

/*
 * What each visit's dose comes from: the weight, the volume a site, the
 * sites, and the most a site may be given within the protocol's max
 * and the label's limits; null for a protocol that gives no dose.
 */
static void
json_dosing(FILE *fp, const struct plan *pl)
{
	const struct dosing *d = &pl->dose;
	char buf[32];

	fputs("      \"dose\": ", fp);
	if (d->volume <= 0) {
		fputs("null,\n", fp);
		return;
	}
	fputs("{\"weight_kg\": ", fp);
	if (d->weight < 0)
		fputs("null", fp);
	else
		fputs(schema_milli_str(buf, sizeof(buf), d->weight), fp);
	fprintf(fp, ", \"volume_ml_per_site\": %s, \"sites\": %d, "
	    "\"max_volume_ml_per_site\": ", schema_milli_str(buf, sizeof(buf),
	    d->volume), d->sites);
	if (d->max_volume < 0)
		fputs("null", fp);
	else
		fputs(schema_milli_str(buf, sizeof(buf), d->max_volume), fp);
	fputs("},\n", fp);
}

static void
json_plan(struct printer *pr, const struct plan *pl)
{
	FILE *fp = pr->fp;

	fputs(pr->nplans++ ? ",\n    {\n" : "{\n  \"plans\": [\n    {\n", fp);
	fputs("      \"patient\": {\"id\": ", fp);
	json_string(fp, pl->patient->id);
	fputs(", \"name\": ", fp);
	json_string(fp, pl->patient->name);
	fputs("},\n      \"protocol\": {\"id\": ", fp);
	json_string(fp, pl->protocol->id);
	fputs(", \"name\": ", fp);
	json_string(fp, pl->protocol->name);
	fputs(", \"solution\": ", fp);
	json_string(fp, pl->protocol->solution);
	fputs("},\n", fp);
	json_clinic(fp, pl);
	json_dosing(fp, pl);
	json_visits(fp, pl);
	json_holds(fp, pl);
	json_keep(fp, pl);
	json_warnings(fp, pl);
	json_course(fp, pl);
	fputs("    }", fp);
}

static void
json_end(struct printer *pr)
{
	if (pr->nplans)
		fputs("\n  ]\n}\n", pr->fp);
}

const struct format format_json = {
	"json", NULL, json_plan, json_end, 0
};

/* A string escaped as the plans' are, for the other JSON documents. */
void
print_json_string(FILE *fp, const char *s)
{
	json_string(fp, s);
}
