#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "diag.h"
#include "patient.h"
#include "protocol.h"
#include "schema.h"
#include "tree.h"
#include "xalloc.h"

enum {
	K_PATIENT, K_PROTOCOL, K_START, K_SITES, K_VISITS, K_INTERVAL,
	K_WEEKDAYS, K_UNAVAILABLE, K_MEDICATIONS, K_ALLERGIES, K_HISTORY,
	K_TIME, K_TIMES, K_LANG, K_CONDITIONS, K_OVERRIDES, K__COUNT
};

static const struct schema_key patient_keys[K__COUNT] = {
	[K_PATIENT] =		{ "patient", 1 },
	[K_PROTOCOL] =		{ "protocol", 1 },
	[K_START] =		{ "start", 1 },
	[K_SITES] =		{ "sites", 0 },
	[K_VISITS] =		{ "visits", 0 },
	[K_INTERVAL] =		{ "interval_days", 0 },
	[K_WEEKDAYS] =		{ "weekdays", 0 },
	[K_UNAVAILABLE] =	{ "unavailable", 0 },
	[K_MEDICATIONS] =	{ "medications", 0 },
	[K_ALLERGIES] =		{ "allergies", 0 },
	[K_HISTORY] =		{ "history", 0 },
	[K_TIME] =		{ "time", 0 },
	[K_TIMES] =		{ "times", 0 },
	[K_LANG] =		{ "lang", 0 },
	[K_CONDITIONS] =	{ "conditions", 0 },
	[K_OVERRIDES] =		{ "overrides", 0 },
};

#define WEEKDAYS_DEFAULT	0x1fu	/* Monday to Friday */

/*
 * Visits and intervals are read in a wide range first, so that the
 * protocol's own bounds can be named when one is out of them.
 */
#define NUMBER_MAX		9999

static struct pos
pos_of(const struct node *n)
{
	struct pos p = { n->line, n->col };

	return p;
}

static int
read_identity(const struct schema *s, const struct node *n,
    struct patient *p)
{
	static const struct schema_key keys[] = {
		{ "id", 1 }, { "name", 1 }, { "birth_date", 0 },
	};
	const struct node *v[3];

	if (schema_map(s, n, "patient", keys, 3, v) ||
	    schema_text(s, v[0], "id", SCHEMA_TEXT_MAX, &p->id) ||
	    schema_text(s, v[1], "name", SCHEMA_TEXT_MAX, &p->name))
		return -1;
	if (v[2]) {
		if (schema_date(s, v[2], "birth_date", &p->birth_date))
			return -1;
		p->has_birth_date = 1;
	}
	return 0;
}

/* "morning" (before noon) or "afternoon", as bits 0 and 1. */
static int
read_periods(const struct schema *s, const struct node *n, unsigned *mask)
{
	const struct node *item;
	char q[128];
	size_t i;
	unsigned bit;

	if (schema_list(s, n, "times"))
		return -1;
	if (n->n == 0)
		return diag_set(s->diag, s->file, n->line, n->col, D_EMPTY,
		    "times");
	for (i = 0, *mask = 0; i < n->n; i++) {
		item = n->items[i];
		if (item->kind != NODE_SCALAR)
			return diag_set(s->diag, s->file, item->line,
			    item->col, D_NOT_TEXT, "times");
		diag_quote(q, sizeof(q), item->text, item->len);
		if (strcmp(item->text, "morning") == 0)
			bit = 1;
		else if (strcmp(item->text, "afternoon") == 0)
			bit = 2;
		else
			return diag_set(s->diag, s->file, item->line,
			    item->col, D_PERIOD, q);
		if (*mask & bit)
			return diag_set(s->diag, s->file, item->line,
			    item->col, D_DUP_ITEM, "times", q);
		*mask |= bit;
	}
	return 0;
}

static int
read_times(const struct schema *s, const struct node **v, struct patient *p)
{
	if (v[K_TIME] && v[K_TIMES])
		return diag_set(s->diag, s->file, v[K_TIMES]->line,
		    v[K_TIMES]->col, D_TIME_BOTH);
	if (v[K_TIMES])
		return read_periods(s, v[K_TIMES], &p->periods);
	if (v[K_TIME] == NULL)
		return 0;
	p->at_time = pos_of(v[K_TIME]);
	return schema_time(s, v[K_TIME], "time", &p->time);
}

static int
read_lang(const struct schema *s, const struct node *n, struct patient *p)
{
	char q[128];

	p->at_lang = pos_of(n);
	if (schema_text(s, n, "lang", SCHEMA_TEXT_MAX, &p->lang))
		return -1;
	if (!schema_lang_valid(p->lang)) {
		diag_quote(q, sizeof(q), n->text, n->len);
		return diag_set(s->diag, s->file, n->line, n->col, D_LANG, q);
	}
	return 0;
}

/*
 * Overrides of stop rules: each names the rule, why the clinician goes
 * ahead and who approved it; the handout records all three.
 */
static int
read_overrides(const struct schema *s, const struct node *n,
    struct patient *p)
{
	static const struct schema_key keys[] = {
		{ "rule", 1 }, { "reason", 1 }, { "approved_by", 1 },
	};
	const struct node *v[3];
	struct override *o;
	size_t i;

	if (schema_list(s, n, "overrides"))
		return -1;
	p->overrides = xcalloc(n->n, sizeof(*p->overrides));
	for (i = 0; i < n->n; i++) {
		o = &p->overrides[p->noverrides++];
		o->at = pos_of(n->items[i]);
		if (schema_map(s, n->items[i], "overrides", keys, 3, v) ||
		    schema_text(s, v[0], "rule", SCHEMA_TEXT_MAX, &o->rule) ||
		    schema_text(s, v[1], "reason", SCHEMA_PARA_MAX,
		    &o->reason) ||
		    schema_text(s, v[2], "approved_by", SCHEMA_TEXT_MAX,
		    &o->approved_by))
			return -1;
	}
	return 0;
}

static int
read_range(const struct schema *s, const struct node *n,
    struct date_range *r)
{
	static const struct schema_key keys[] = {
		{ "from", 1 }, { "to", 1 },
	};
	const struct node *v[2];
	char fq[128], tq[128];

	if (n->kind == NODE_SCALAR) {
		if (schema_date(s, n, "unavailable", &r->from))
			return -1;
		r->to = r->from;
		return 0;
	}
	if (schema_map(s, n, "unavailable", keys, 2, v) ||
	    schema_date(s, v[0], "from", &r->from) ||
	    schema_date(s, v[1], "to", &r->to))
		return -1;
	if (r->from > r->to) {
		diag_quote(fq, sizeof(fq), v[0]->text, v[0]->len);
		diag_quote(tq, sizeof(tq), v[1]->text, v[1]->len);
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_RANGE_ORDER, fq, tq);
	}
	return 0;
}

static int
read_unavailable(const struct schema *s, const struct node *n,
    struct patient *p)
{
	size_t i;

	if (schema_list(s, n, "unavailable"))
		return -1;
	p->unavailable = xcalloc(n->n, sizeof(*p->unavailable));
	for (i = 0; i < n->n; i++) {
		if (read_range(s, n->items[i], &p->unavailable[i]))
			return -1;
		p->nunavailable++;
	}
	return 0;
}

static int
read_history(const struct schema *s, const struct node *n,
    struct patient *p)
{
	const struct node *item;
	char q[128], pq[128];
	size_t i;

	if (schema_list(s, n, "history"))
		return -1;
	p->history = xcalloc(n->n, sizeof(*p->history));
	for (i = 0; i < n->n; i++) {
		item = n->items[i];
		if (schema_date(s, item, "history", &p->history[i]))
			return -1;
		if (i > 0 && p->history[i] <= p->history[i - 1]) {
			diag_quote(q, sizeof(q), item->text, item->len);
			diag_quote(pq, sizeof(pq), n->items[i - 1]->text,
			    n->items[i - 1]->len);
			return diag_set(s->diag, s->file, item->line,
			    item->col, D_HISTORY_ORDER, q, pq);
		}
		p->nhistory++;
	}
	return 0;
}

static int
read_course(const struct schema *s, const struct node **v,
    struct patient *p)
{
	if (v[K_SITES]) {
		p->at_sites = pos_of(v[K_SITES]);
		if (schema_text_list(s, v[K_SITES], "sites", SCHEMA_TEXT_MAX,
		    &p->sites))
			return -1;
		if (p->sites.n == 0)
			return diag_set(s->diag, s->file, v[K_SITES]->line,
			    v[K_SITES]->col, D_EMPTY, "sites");
	}
	if (v[K_VISITS]) {
		p->at_visits = pos_of(v[K_VISITS]);
		if (schema_int(s, v[K_VISITS], "visits", 0, NUMBER_MAX,
		    &p->visits))
			return -1;
	}
	if (v[K_INTERVAL]) {
		p->at_interval = pos_of(v[K_INTERVAL]);
		if (schema_int(s, v[K_INTERVAL], "interval_days", 0,
		    NUMBER_MAX, &p->interval_days))
			return -1;
	}
	return 0;
}

static int
read_patient(const struct schema *s, const struct node *root,
    struct patient *p)
{
	const struct node *v[K__COUNT];
	char bq[DATE_LEN + 1], sq[DATE_LEN + 1];

	p->at_root = pos_of(root);
	p->visits = p->interval_days = p->time = -1;
	if (schema_map(s, root, "patient file", patient_keys, K__COUNT, v) ||
	    read_identity(s, v[K_PATIENT], p) ||
	    schema_text(s, v[K_PROTOCOL], "protocol", SCHEMA_TEXT_MAX,
	    &p->protocol) ||
	    schema_date(s, v[K_START], "start", &p->start) ||
	    read_course(s, v, p))
		return -1;
	p->at_protocol = pos_of(v[K_PROTOCOL]);
	p->weekdays = WEEKDAYS_DEFAULT;
	if ((v[K_WEEKDAYS] && schema_weekdays(s, v[K_WEEKDAYS],
	    "weekdays", &p->weekdays)) ||
	    read_times(s, v, p) ||
	    (v[K_LANG] && read_lang(s, v[K_LANG], p)) ||
	    (v[K_CONDITIONS] && schema_text_list(s, v[K_CONDITIONS],
	    "conditions", SCHEMA_TEXT_MAX, &p->conditions)) ||
	    (v[K_OVERRIDES] && read_overrides(s, v[K_OVERRIDES], p)) ||
	    (v[K_UNAVAILABLE] && read_unavailable(s, v[K_UNAVAILABLE], p)) ||
	    (v[K_MEDICATIONS] && schema_text_list(s, v[K_MEDICATIONS],
	    "medications", SCHEMA_TEXT_MAX, &p->medications)) ||
	    (v[K_ALLERGIES] && schema_text_list(s, v[K_ALLERGIES],
	    "allergies", SCHEMA_TEXT_MAX, &p->allergies)))
		return -1;
	if (v[K_HISTORY]) {
		p->at_history = pos_of(v[K_HISTORY]);
		if (read_history(s, v[K_HISTORY], p))
			return -1;
	}
	if (p->has_birth_date && p->birth_date > p->start) {
		date_format(p->birth_date, bq);
		date_format(p->start, sq);
		return diag_set(s->diag, s->file, v[K_PATIENT]->line,
		    v[K_PATIENT]->col, D_BIRTH_AFTER, bq, sq);
	}
	return 0;
}

struct patient *
patient_load(const char *file, const char *buf, size_t len, struct diag *d)
{
	struct schema s = { file, d };
	struct patient *p;
	struct tree *t;

	if ((t = tree_parse(file, buf, len, d)) == NULL)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->file = xstrdup(file);
	if (read_patient(&s, tree_root(t), p)) {
		patient_free(p);
		p = NULL;
	}
	tree_free(t);
	return p;
}

/* The place to blame for a course-size rule: what the patient set, if anything. */
static struct pos
course_pos(const struct patient *p, struct pos first)
{
	if (first.line)
		return first;
	if (p->at_sites.line)
		return p->at_sites;
	return p->at_protocol;
}

/*
 * Fills what the patient left to the protocol and checks the patient's
 * choices against the protocol's rules: visits, total injections,
 * interval and history length.
 */
int
patient_apply(struct patient *p, const struct protocol *pr, struct diag *d)
{
	struct pos at;
	int per_visit;

	if (p->sites.n == 0)
		strv_copy(&p->sites, &pr->sites);
	if (p->visits < 0)
		p->visits = pr->visits_default;
	at = course_pos(p, p->at_visits);
	if (p->visits < pr->visits_min || p->visits > pr->visits_max)
		return diag_set(d, p->file, at.line, at.col, D_VISITS_RANGE,
		    pr->visits_min, pr->visits_max, pr->id, p->visits);
	per_visit = (int)p->sites.n * pr->per_site;
	if (per_visit * p->visits < pr->inj_min ||
	    per_visit * p->visits > pr->inj_max)
		return diag_set(d, p->file, at.line, at.col, D_INJ_RANGE,
		    pr->inj_min, pr->inj_max, pr->id, p->visits, per_visit,
		    per_visit * p->visits);
	if (p->interval_days < 0)
		p->interval_days = pr->ival_pref;
	else if (p->interval_days < pr->ival_min ||
	    p->interval_days > pr->ival_max)
		return diag_set(d, p->file, p->at_interval.line,
		    p->at_interval.col, D_INTERVAL_RANGE, pr->ival_min,
		    pr->ival_max, pr->id, p->interval_days);
	if (p->nhistory > (size_t)p->visits) {
		at = course_pos(p, p->at_history);
		return diag_set(d, p->file, at.line, at.col, D_HISTORY_LONG,
		    (int)p->nhistory, p->visits);
	}
	return 0;
}

void
patient_free(struct patient *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->file);
	free(p->id);
	free(p->name);
	free(p->protocol);
	free(p->lang);
	strv_release(&p->conditions);
	for (i = 0; i < p->noverrides; i++) {
		free(p->overrides[i].rule);
		free(p->overrides[i].reason);
		free(p->overrides[i].approved_by);
	}
	free(p->overrides);
	strv_release(&p->sites);
	free(p->unavailable);
	strv_release(&p->medications);
	strv_release(&p->allergies);
	free(p->history);
	free(p);
}
