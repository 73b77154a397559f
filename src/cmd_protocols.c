#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "care.h"
#include "cmd.h"
#include "diag.h"
#include "drugs.h"
#include "library.h"
#include "load.h"
#include "protocol.h"
#include "rules.h"
#include "schema.h"
#include "strv.h"
#include "utf8.h"
#include "version.h"
#include "wrap.h"
#include "xalloc.h"

/*
 * prolo protocols: the library as a table, or one protocol in full, so
 * a clinician can see what a patient file's "protocol:" will mean.
 */

static int
width(const char *s)
{
	return (int)utf8_width(s, strlen(s));
}

static void
list_row(const char *id, const char *name, const char *days,
    const char *visits, const int *w)
{
	wrap_pad(stdout, id, w[0] + 2);
	wrap_pad(stdout, name, w[1] + 2);
	wrap_pad(stdout, days, w[2] + 2);
	printf("%s\n", visits);
}

static int
list(struct library *lib)
{
	const struct protocol **ps;
	struct strv ids = { 0 };
	struct diag d = { 0 };
	char days[32], visits[32], indent[64], name[DIAG_NAME_MAX];
	int w[3] = { 2, 4, 10 }, status, err;
	size_t i;

	if ((err = library_ids(lib, &ids)) != 0) {
		fprintf(stderr, "prolo: %s: %s\n", diag_name(name,
		    sizeof(name), library_dir(lib)), strerror(err));
		return EX_NOINPUT;
	}
	ps = xcalloc(ids.n, sizeof(*ps));
	status = 0;
	for (i = 0; i < ids.n; i++) {
		if ((ps[i] = library_get(lib, ids.v[i], &d)) == NULL) {
			diag_print(stderr, &d);
			status = EX_DATAERR;
			continue;
		}
		if (width(ps[i]->id) > w[0])
			w[0] = width(ps[i]->id);
		if (width(ps[i]->name) > w[1])
			w[1] = width(ps[i]->name);
	}
	snprintf(indent, sizeof(indent), "%*s", w[0] + 2 > 40 ? 40 : w[0] + 2,
	    "");
	list_row("ID", "NAME", "DAYS APART", "VISITS", w);
	for (i = 0; i < ids.n; i++) {
		if (ps[i] == NULL)
			continue;
		snprintf(days, sizeof(days), "%d-%d", ps[i]->ival_min,
		    ps[i]->ival_max);
		snprintf(visits, sizeof(visits), "%d-%d", ps[i]->visits_min,
		    ps[i]->visits_max);
		list_row(ps[i]->id, ps[i]->name, days, visits, w);
		/* The source under its row, so a clinician can check it. */
		if (ps[i]->source)
			wrap_write(stdout, ps[i]->source, indent, indent, 80);
	}
	free(ps);
	strv_release(&ids);
	diag_release(&d);
	return status;
}

static void
field(const char *label, const char *value)
{
	char prefix[32];

	snprintf(prefix, sizeof(prefix), "%-21s", label);
	wrap_write(stdout, value, prefix, "                     ", 80);
}

/* "1 day", "2 days": n and a noun that takes an s. */
static const char *
count(char *buf, size_t size, int n, const char *noun)
{
	snprintf(buf, size, "%d %s%s", n, noun, n == 1 ? "" : "s");
	return buf;
}

/*
 * What a hold by class covers: the class's names, and a medicine whose
 * class goes by its dose (aspirin) at the doses that put it there.
 */
static char *
class_covers(const struct drugs *dr, const struct drug_class *dc)
{
	const struct drug_dose *dd;
	char *names, *s, *t;
	size_t i;

	s = strv_join(&dc->drugs, ", ");
	for (i = 0; i < dr->ndoses; i++) {
		dd = &dr->doses[i];
		if (dd->low == dc || dd->high == dc) {
			names = strv_join(&dd->drugs, ", ");
			if (dd->low == dc)
				t = xasprintf("%s; and %s at %d mg a day or "
				    "less, or with no dose given", s, names,
				    dd->low_max_mg);
			else
				t = xasprintf("%s; and %s at %d mg or more at a "
				    "time", s, names, dd->high_min_mg);
			free(names);
			free(s);
			s = t;
		}
	}
	return s;
}

/* How a class may be paused, as a clinician reads it. */
static const char *
class_pause(const struct drug_class *dc)
{
	return dc->pause == DRUG_ASK ?
	    ", only with the prescriber's agreement" : "";
}

/*
 * Each hold: what it pauses (a class, named, then every name it covers;
 * or the names the protocol lists) and for how long around each visit.
 */
/* A line under a field's item, indented to show what it belongs to. */
static void
subfield(const char *value)
{
	wrap_write(stdout, value, "                       ",
	    "                       ", 80);
}

static void
show_holds(const struct protocol *p, const struct drugs *dr)
{
	const struct hold *h;
	const struct drug_class *dc;
	char before[32], after[32], *what, *line, *names;
	size_t i;

	if (p->nholds == 0)
		field("medication holds", "none");
	for (i = 0; i < p->nholds; i++) {
		h = &p->holds[i];
		dc = h->class_id ? drugs_find(dr, h->class_id) : NULL;
		if (dc != NULL)
			what = xasprintf("%s (class %s%s):", dc->name, dc->id,
			    class_pause(dc));
		else if (h->class_id != NULL)
			what = xasprintf("class %s:", h->class_id);
		else {
			names = strv_join(&h->drugs, ", ");
			what = xasprintf("%s:", names);
			free(names);
		}
		field(i ? "" : "medication holds", what);
		free(what);
		line = xasprintf("stop %s before each visit, start again %s "
		    "after", count(before, sizeof(before), h->stop_before,
		    "day"), count(after, sizeof(after), h->resume_after, "day"));
		subfield(line);
		free(line);
		if (dc == NULL)
			continue;
		what = class_covers(dr, dc);
		line = xasprintf("covers %s", what);
		subfield(line);
		free(line);
		free(what);
	}
}

/*
 * Some of a rule's words are kept folded, with a space before and after
 * (norm.h): a word as a clinician reads it, trimmed of those.
 */
static char *
trimmed(const char *word)
{
	size_t n;

	word += strspn(word, " ");
	for (n = strlen(word); n > 0 && word[n - 1] == ' '; n--)
		continue;
	return xstrndup(word, n);
}

/* What a rule matches, as its "if" says. */
static char *
rule_if(const struct rule *r)
{
	const struct { const char *label; const struct strv *v; } parts[] = {
		{ "medications", &r->medications },
		{ "class", &r->classes },
		{ "all_classes", &r->all_classes },
		{ "allergies", &r->allergies },
		{ "conditions", &r->conditions },
	};
	char *s = NULL, *t, *w;
	size_t i, j;

	for (i = 0; i < sizeof(parts) / sizeof(*parts); i++)
		for (j = 0; j < parts[i].v->n; j++) {
			w = trimmed(parts[i].v->v[j]);
			if (j == 0)
				t = xasprintf("%s%s%s %s", s ? s : "",
				    s ? "; " : "", parts[i].label, w);
			else
				t = xasprintf("%s, %s", s, w);
			free(w);
			free(s);
			s = t;
		}
	return s;
}

/* The protocol's own rules: a stop leaves a matching patient no plan. */
static void
show_rules(const struct protocol *p)
{
	static const char *const levels[] = {
		[RULE_NOTE] = "note", [RULE_WARN] = "warn", [RULE_STOP] = "stop"
	};
	const struct rule *r;
	char *cond, *line;
	size_t i;

	for (i = 0; i < p->rules.n; i++) {
		r = &p->rules.v[i];
		cond = rule_if(r);
		line = xasprintf("%s (%s), if %s: %s", r->id, levels[r->level],
		    cond, rule_text(r, "en"));
		field(i ? "" : "rules", line);
		free(line);
		free(cond);
	}
}

/*
 * What the solution holds and how much a site gets, where the protocol
 * says: the figures a patient's dose is worked out from.
 */
static void
show_dosing(const struct protocol *p)
{
	char buf[128], pct[32], usual[32], most[32], *line;
	size_t i;

	for (i = 0; i < p->nsolutes; i++) {
		line = xasprintf("%s %s%%", p->solutes[i].name,
		    schema_milli_str(pct, sizeof(pct), p->solutes[i].percent));
		field(i ? "" : "ingredients", line);
		free(line);
	}
	if (p->volume_max > 0) {
		snprintf(buf, sizeof(buf), "%s mL usual, at most %s mL, a site "
		    "at each visit", schema_milli_str(usual, sizeof(usual),
		    p->volume_usual), schema_milli_str(most, sizeof(most),
		    p->volume_max));
		field("volume", buf);
	}
	if (p->points > 0) {
		snprintf(buf, sizeof(buf), "%d a site", p->points);
		field("injection points", buf);
	}
}

static void
show(const struct protocol *p, const struct drugs *dr)
{
	char buf[128], *s;
	size_t i;

	field("id", p->id);
	field("name", p->name);
	field("solution", p->solution);
	show_dosing(p);
	if (p->source)
		field("source", p->source);
	s = strv_join(&p->sites, "; ");
	field("sites", s);
	free(s);
	snprintf(buf, sizeof(buf), "%d", p->per_site);
	field("injections per site", buf);
	snprintf(buf, sizeof(buf), "%d to %d, default %d", p->visits_min,
	    p->visits_max, p->visits_default);
	field("visits", buf);
	snprintf(buf, sizeof(buf), "%d to %d in the course", p->inj_min,
	    p->inj_max);
	field("injections", buf);
	snprintf(buf, sizeof(buf), "%d to %d, preferred %d", p->ival_min,
	    p->ival_max, p->ival_pref);
	field("interval days", buf);
	field("max course days", count(buf, sizeof(buf), p->max_course_days,
	    "day"));
	field("after a lapse", p->restart ? "the course starts again" :
	    "the course goes on");
	if (p->review_at > 0)
		snprintf(buf, sizeof(buf), "at visit %d", p->review_at);
	field("review", p->review_at > 0 ? buf : "none");
	show_holds(p, dr);
	show_rules(p);
	for (i = 0; i < p->ncare; i++)
		field(i ? "" : "handout sections", p->care[i].section);
	field("file", p->path);
}

/*
 * One protocol in full; its holds by class are shown with the names
 * drugs.yaml gives the class, so the clinician sees what is paused.
 */
static int
show_id(struct library *lib, const char *id)
{
	const struct protocol *p;
	struct drugs *dr;
	struct diag d = { 0 };
	char *near, q[128], name[DIAG_NAME_MAX];
	int rc, err;

	if ((p = library_get(lib, id, &d)) != NULL) {
		if ((dr = load_drugs(prolo_datadir, &d, &err)) == NULL) {
			if (err != 0)
				fprintf(stderr, "prolo: %s: %s\n", diag_name(
				    name, sizeof(name), d.file), strerror(err));
			else
				diag_print(stderr, &d);
			diag_release(&d);
			return err != 0 ? EX_NOINPUT : EX_DATAERR;
		}
		show(p, dr);
		drugs_free(dr);
		return 0;
	}
	if (d.code != D_NONE) {
		diag_print(stderr, &d);
		diag_release(&d);
		return EX_DATAERR;
	}
	near = library_suggest(lib, id);
	rc = cmd_usage_error("protocols", "unknown protocol %s%s%s%s",
	    diag_quote(q, sizeof(q), id, strlen(id)),
	    near ? " (did you mean '" : "", near ? near : "",
	    near ? "'?)" : "");
	free(near);
	return rc;
}

int
cmd_protocols(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help",	no_argument,		NULL, 'h' },
		{ "protocols",	required_argument,	NULL, 'P' },
		{ NULL,		0,			NULL, 0 }
	};
	struct diag d = { 0 };
	struct library *lib;
	struct care *care;
	const char *protodir = NULL;
	char *freeme, name[DIAG_NAME_MAX];
	int ch, rc, err;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			return cmd_usage(stdout, "protocols", 0);
		case 'P':
			protodir = optarg;
			break;
		default:
			return cmd_usage(stderr, "protocols", EX_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (!(argc == 0 || (argc == 2 && strcmp(argv[0], "show") == 0) ||
	    (argc == 1 && strcmp(argv[0], "list") == 0)))
		return cmd_usage_error("protocols", "expected nothing, 'list' "
		    "or 'show ID'");
	if ((care = load_care(prolo_datadir, NULL, NULL, &d, &err)) == NULL) {
		if (err != 0)
			fprintf(stderr, "prolo: %s: %s\n", diag_name(name,
			    sizeof(name), d.file), strerror(err));
		else
			diag_print(stderr, &d);
		diag_release(&d);
		return EX_DATAERR;
	}
	lib = library_new(cmd_protocols_dir(protodir, &freeme), care);
	free(freeme);
	rc = argc == 2 ? show_id(lib, argv[1]) : list(lib);
	library_free(lib);
	care_free(care);
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		perror("prolo: write error");
		rc = EX_IOERR;
	}
	return rc;
}
