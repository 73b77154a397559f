#include <stdio.h>
#include <string.h>

#include "clinic.h"
#include "date.h"
#include "patient.h"
#include "plan.h"
#include "prep.h"
#include "print.h"
#include "print_prep.h"
#include "protocol.h"
#include "schema.h"
#include "utf8.h"
#include "wrap.h"

/*
 * The preparation sheet: text for the mixing bench, JSON for other
 * programs.  A patient is named by the id alone, never the name: the
 * sheet lies on a bench, and only the clinic's own agenda names
 * patients.  The words are the clinic's, in English, as on standard
 * error.
 */

#define WIDTH	80		/* the text sheet's columns */
#define LABEL	"          "	/* the labels' column */

static const struct prep_format *const formats[] = {
	&prep_text,
	&prep_json,
};

const struct prep_format *
print_prep_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(*formats); i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const char *
print_prep_names(void)
{
	return "text or json";
}

void
print_prep_init(struct prep_printer *pr, const struct prep_format *f,
    FILE *fp)
{
	memset(pr, 0, sizeof(*pr));
	pr->format = f;
	pr->fp = fp;
}

/* The recipe of a visit to come of a plan. */
void
print_prep(struct prep_printer *pr, const struct plan *pl,
    const struct plan_visit *v, const struct prep *p)
{
	pr->format->sheet(pr, pl, v, p);
	pr->n++;
}

void
print_prep_end(struct prep_printer *pr)
{
	if (pr->format->end != NULL)
		pr->format->end(pr);
}

/* A volume as the syringe is read: whole and tenths of a mL, "7.5". */
static void
ml_tenths(char buf[32], long ml)
{
	snprintf(buf, 32, "%ld.%ld", ml / 1000, ml % 1000 / 100);
}

/* "12.5% dextrose, 0.5% lidocaine": the strengths wanted, or (p) those drawn up. */
static size_t
strengths(char *buf, size_t size, const struct prep *p, int drawn)
{
	const struct prep_target *t;
	char pct[32];
	size_t i, len = 0;
	int w;

	buf[0] = '\0';
	for (i = 0; i < p->ntargets; i++) {
		t = &p->targets[i];
		w = snprintf(buf + len, size - len, "%s%s%% %s", i ? ", " : "",
		    schema_milli_str(pct, sizeof(pct), drawn ?
		    prep_percent(p, &p->parts[i]) : t->percent), t->name);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
	return len;
}

/*
 * "Make      30 mL", or "6 syringes of 9.5 mL, 57 mL in all", and why a
 * batch is larger than the visit needs.
 */
static void
text_make(FILE *fp, const struct prep *p)
{
	char buf[256], a[32], b[32], c[32];
	int n;

	schema_milli_str(a, sizeof(a), p->made);
	if (p->syringes > 1)
		n = snprintf(buf, sizeof(buf), "%zu syringes of %s mL, %s mL "
		    "in all", p->syringes, schema_milli_str(b, sizeof(b),
		    p->each), a);
	else
		n = snprintf(buf, sizeof(buf), "%s mL", a);
	if (p->made > p->needed && n > 0 && (size_t)n < sizeof(buf))
		snprintf(buf + n, sizeof(buf) - (size_t)n, "; %s mL is "
		    "needed, but less cannot be measured within 2%%",
		    schema_milli_str(c, sizeof(c), p->needed));
	wrap_write(fp, buf, "Make      ", LABEL, WIDTH);
}

/* One line a part: its name, then its mL right-aligned, the diluent last. */
static void
text_parts(FILE *fp, const struct prep *p)
{
	char ml[32];
	size_t i, w, name_w = 0, ml_w = 0;

	for (i = 0; i < p->nparts; i++) {
		w = utf8_width(p->parts[i].stock->name,
		    strlen(p->parts[i].stock->name));
		if (w > name_w)
			name_w = w;
		ml_tenths(ml, p->parts[i].ml);
		if (strlen(ml) > ml_w)
			ml_w = strlen(ml);
	}
	for (i = 0; i < p->nparts; i++) {
		fputs(i > 0 ? LABEL : p->syringes > 1 ? "Each      " :
		    "Draw up   ", fp);
		wrap_pad(fp, p->parts[i].stock->name, (int)name_w + 2);
		ml_tenths(ml, p->parts[i].ml);
		fprintf(fp, "%*s mL\n", (int)ml_w, ml);
	}
}

/*
 * An allergy to the solution, which the nurse must see before drawing
 * anything up: the clinician decides, and the sheet does not.
 */
static void
text_cautions(FILE *fp, const struct plan *pl)
{
	char buf[512];
	size_t i;

	for (i = 0; i < pl->nwarnings; i++) {
		if (pl->warnings[i].kind != PLAN_W_ALLERGY)
			continue;
		snprintf(buf, sizeof(buf), "allergy to the solution: %s",
		    pl->warnings[i].subject);
		wrap_write(fp, buf, "Caution   ", LABEL, WIDTH);
	}
}

static void
text_sheet(struct prep_printer *pr, const struct plan *pl,
    const struct plan_visit *v, const struct prep *p)
{
	FILE *fp = pr->fp;
	char buf[1024], day[DATE_LEN + 1], hhmm[TIME_LEN + 1], a[32];
	size_t len;

	if (pr->n > 0)
		fputc('\n', fp);
	fputs("Patient   ", fp);
	fputs(pl->patient->id, fp);
	date_format(v->date, day);
	fprintf(fp, "\nVisit     %d, %s %s", v->number,
	    date_weekday_abbr(v->date), day);
	if (v->time != TIME_NONE) {
		date_time_format(v->time, hhmm);
		fprintf(fp, " %s", hhmm);
	}
	fputs(" (", fp);
	fputs(pl->protocol->id, fp);
	fputs(")\n", fp);
	text_cautions(fp, pl);
	len = strengths(buf, sizeof(buf), p, 0);
	snprintf(buf + len, sizeof(buf) - len, " in %s mL",
	    schema_milli_str(a, sizeof(a), p->needed));
	wrap_write(fp, buf, "Target    ", LABEL, WIDTH);
	text_make(fp, p);
	text_parts(fp, p);
	strengths(buf, sizeof(buf), p, 1);
	wrap_write(fp, buf, "Gives     ", LABEL, WIDTH);
}

const struct prep_format prep_text = {
	"text", text_sheet, NULL
};

static void
json_milli(FILE *fp, long v)
{
	char buf[32];

	fputs(schema_milli_str(buf, sizeof(buf), v), fp);
}

/* The parts, each {name, ingredient, percent, ml}, n times those of one syringe. */
static void
json_parts(FILE *fp, const struct prep *p, size_t n)
{
	const struct prep_part *part;
	size_t i;

	fputc('[', fp);
	for (i = 0; i < p->nparts; i++) {
		part = &p->parts[i];
		fputs(i ? ", {\"name\": " : "{\"name\": ", fp);
		print_json_string(fp, part->stock->name);
		fputs(", \"ingredient\": ", fp);
		print_json_string(fp, part->target ? part->target->name : NULL);
		fputs(", \"percent\": ", fp);
		if (part->target != NULL)
			json_milli(fp, part->stock->percent);
		else
			fputs("null", fp);
		fputs(", \"ml\": ", fp);
		json_milli(fp, part->ml * (long)n);
		fputc('}', fp);
	}
	fputc(']', fp);
}

static void
json_syringes(FILE *fp, const struct prep *p)
{
	size_t i;

	fputs(",\n      \"syringes\": [", fp);
	for (i = 0; i < p->syringes; i++) {
		fputs(i ? ",\n        {\"volume_ml\": " :
		    "\n        {\"volume_ml\": ", fp);
		json_milli(fp, p->each);
		fputs(", \"parts\": ", fp);
		json_parts(fp, p, 1);
		fputc('}', fp);
	}
	fputs("\n      ]", fp);
}

static void
json_sheet(struct prep_printer *pr, const struct plan *pl,
    const struct plan_visit *v, const struct prep *p)
{
	FILE *fp = pr->fp;
	char day[DATE_LEN + 1];
	size_t i;

	fputs(pr->n ? ",\n    {\n" : "{\n  \"preparations\": [\n    {\n", fp);
	fputs("      \"patient\": ", fp);
	print_json_string(fp, pl->patient->id);
	date_format(v->date, day);
	fprintf(fp, ",\n      \"visit\": %d,\n      \"date\": \"%s\",\n"
	    "      \"volume_ml\": ", v->number, day);
	json_milli(fp, p->needed);
	fputs(",\n      \"made_ml\": ", fp);
	json_milli(fp, p->made);
	fputs(",\n      \"target\": {", fp);
	for (i = 0; i < p->ntargets; i++) {
		if (i > 0)
			fputs(", ", fp);
		print_json_string(fp, p->targets[i].name);
		fputs(": ", fp);
		json_milli(fp, p->targets[i].percent);
	}
	fputs("},\n      \"parts\": ", fp);
	json_parts(fp, p, p->syringes);
	if (p->syringes > 1)
		json_syringes(fp, p);
	fputs("\n    }", fp);
}

/* The document, empty when no visit was to be prepared. */
static void
json_end(struct prep_printer *pr)
{
	fputs(pr->n ? "\n  ]\n}\n" : "{\n  \"preparations\": []\n}\n", pr->fp);
}

const struct prep_format prep_json = {
	"json", json_sheet, json_end
};
