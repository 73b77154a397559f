#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "patient.h"
#include "protocol.h"
#include "schema.h"
#include "tree.h"
#include "xalloc.h"

#define WEEKDAYS_DEFAULT	0x1fu	/* Monday to Friday */

/*
 * Visits and intervals are read in a wide range first, so that the
 * protocol's own bounds can be named when one is out of them.
 */
#define NUMBER_MAX		9999
/* A weight in kg, thousandths: an infant to the heaviest adults. */
#define WEIGHT_MIN		2000
#define WEIGHT_MAX		500000

static int
birth_given(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	(void)s;
	(void)n;
	(void)f;
	((struct patient *)obj)->has_birth_date = 1;
	return 0;
}

static const struct schema_field identity_fields[] = {
	SCHEMA_FIELD("id", SCHEMA_TEXT, SCHEMA_REQUIRED, struct patient, id),
	SCHEMA_FIELD("name", SCHEMA_TEXT, SCHEMA_REQUIRED, struct patient, name),
	SCHEMA_FIELD("birth_date", SCHEMA_DATE, 0, struct patient, birth_date,
	    .check = birth_given),
};

static const struct schema_map identity_map = {
	"patient", identity_fields, SCHEMA_NFIELDS(identity_fields), NULL
};

/* "morning" (before noon) or "afternoon", as bits 0 and 1. */
static int
read_periods(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct patient *p = obj;
	const struct node *item;
	char q[128];
	size_t i;
	unsigned bit;

	(void)f;
	if (n->kind != NODE_LIST)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_LIST,
		    "times");
	if (n->n == 0)
		return diag_set(s->diag, s->file, n->line, n->col, D_EMPTY,
		    "times");
	for (i = 0; i < n->n; i++) {
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
		if (p->periods & bit)
			return diag_set(s->diag, s->file, item->line,
			    item->col, D_DUP_ITEM, "times", q);
		p->periods |= bit;
	}
	return 0;
}

/* A time of day asked for in words, or an appointment time: not both. */
static int
times_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	(void)f;
	if (((struct patient *)obj)->time >= 0)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_TIME_BOTH);
	return 0;
}

/*
 * Overrides of stop rules: each names the rule, why the clinician goes
 * ahead and who approved it; the handout records all three.
 */
static const struct schema_field override_fields[] = {
	SCHEMA_FIELD("rule", SCHEMA_TEXT, SCHEMA_REQUIRED, struct override,
	    rule),
	SCHEMA_FIELD("reason", SCHEMA_TEXT, SCHEMA_REQUIRED, struct override,
	    reason, .max = SCHEMA_PARA_MAX),
	SCHEMA_FIELD("approved_by", SCHEMA_TEXT, SCHEMA_REQUIRED,
	    struct override, approved_by),
};

static const struct schema_map override_map = {
	"overrides", override_fields, SCHEMA_NFIELDS(override_fields), NULL
};

static const struct schema_field override_elem = {
	.key = "overrides", .type = SCHEMA_MAP, .flags = SCHEMA_AT,
	.at = offsetof(struct override, at), .arg = &override_map
};

static int
range_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct date_range *r = obj;
	const struct node *from, *to;
	char fq[128], tq[128];

	(void)f;
	if (r->from <= r->to)
		return 0;
	from = schema_get(n, "from");
	to = schema_get(n, "to");
	diag_quote(fq, sizeof(fq), from->text, from->len);
	diag_quote(tq, sizeof(tq), to->text, to->len);
	return diag_set(s->diag, s->file, n->line, n->col, D_RANGE_ORDER, fq,
	    tq);
}

static const struct schema_field range_fields[] = {
	SCHEMA_FIELD("from", SCHEMA_DATE, SCHEMA_REQUIRED, struct date_range,
	    from),
	SCHEMA_FIELD("to", SCHEMA_DATE, SCHEMA_REQUIRED, struct date_range, to),
};

static const struct schema_map range_map = {
	"unavailable", range_fields, SCHEMA_NFIELDS(range_fields), range_check
};

/* A date the patient cannot come, or an inclusive range of them. */
static int
read_range(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	static const struct schema_field date = {
		.key = "unavailable", .type = SCHEMA_DATE,
		.off = offsetof(struct date_range, from)
	};
	static const struct schema_field map = {
		.key = "unavailable", .type = SCHEMA_MAP, .arg = &range_map
	};
	struct date_range *r = obj;

	(void)f;
	if (n->kind != NODE_SCALAR)
		return schema_value(s, n, &map, obj);
	if (schema_value(s, n, &date, obj))
		return -1;
	r->to = r->from;
	return 0;
}

static const struct schema_field range_elem = {
	.key = "unavailable", .type = SCHEMA_FUNC, .fn = read_range
};

/*
 * A list of dates, each written alone or as a mapping with a date and
 * more ({date: D, missed: true}): read with the element's fields, the
 * date first at offset 0 of the element.
 */
static int
read_dated(const struct schema *s, const struct node *n,
    const struct schema_map *m, void *obj)
{
	const struct schema_field date = {
		.key = m->name, .type = SCHEMA_DATE, .off = 0
	};
	const struct schema_field map = {
		.key = m->name, .type = SCHEMA_MAP, .arg = m
	};

	return schema_value(s, n, n->kind == NODE_MAP ? &map : &date, obj);
}

/* A scalar of an element read by read_dated(): the date's own node. */
static const struct node *
date_node(const struct node *item)
{
	const struct node *d;

	if (item->kind == NODE_MAP && (d = schema_get(item, "date")) != NULL)
		return d;
	return item;
}

/* Dated elements in order, each after the one before. */
static int
dated_order(const struct schema *s, const struct node *n,
    const int *dates, size_t size, size_t count, enum diag_code code)
{
	const struct node *item, *prev;
	char q[128], pq[128];
	size_t i;

	for (i = 1; i < count; i++) {
		if (*(const int *)((const char *)dates + i * size) >
		    *(const int *)((const char *)dates + (i - 1) * size))
			continue;
		item = date_node(n->items[i]);
		prev = date_node(n->items[i - 1]);
		diag_quote(q, sizeof(q), item->text, item->len);
		diag_quote(pq, sizeof(pq), prev->text, prev->len);
		return diag_set(s->diag, s->file, item->line, item->col, code,
		    q, pq);
	}
	return 0;
}

/*
 * A function score's value lies on its scale, which has two ends: a
 * score outside them, or a scale with none, is a typo that would draw
 * the wrong trend.  Best is 0 unless given, and may be either end.
 */
static int
function_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct function_score *fs = obj;
	const struct node *at;
	char name[128], v[32], lo[32], hi[32];
	long low, high;

	(void)f;
	diag_quote(name, sizeof(name), fs->name, strlen(fs->name));
	if (fs->worst == fs->best) {
		at = schema_get(n, "worst");
		return diag_set(s->diag, s->file, at->line, at->col,
		    D_SCORE_SCALE, name,
		    schema_milli_str(v, sizeof(v), fs->worst));
	}
	low = fs->best < fs->worst ? fs->best : fs->worst;
	high = fs->best < fs->worst ? fs->worst : fs->best;
	if (fs->value >= low && fs->value <= high)
		return 0;
	at = schema_get(n, "value");
	return diag_set(s->diag, s->file, at->line, at->col, D_SCORE_RANGE,
	    schema_milli_str(v, sizeof(v), fs->value), name,
	    schema_milli_str(lo, sizeof(lo), fs->best),
	    schema_milli_str(hi, sizeof(hi), fs->worst));
}

/* Thousandths: a function score's numbers, 0 to 1000. */
#define SCORE_FIELD(k, fl, m) \
	SCHEMA_FIELD(k, SCHEMA_MILLI, fl, struct function_score, m, \
	    .max = 1000000L)

static const struct schema_field function_fields[] = {
	SCHEMA_FIELD("name", SCHEMA_TEXT, SCHEMA_REQUIRED,
	    struct function_score, name),
	SCORE_FIELD("value", SCHEMA_REQUIRED, value),
	SCORE_FIELD("worst", SCHEMA_REQUIRED, worst),
	SCORE_FIELD("best", 0, best),
};

static const struct schema_map function_map = {
	"function", function_fields, SCHEMA_NFIELDS(function_fields),
	function_check
};

/*
 * The history as written: visits given and missed ones, oldest first,
 * each once.  The visits given, without the missed ones, are what the
 * course counts: they are kept apart in history.  Pain is on the 0 to
 * 10 numeric rating scale.
 */
static const struct schema_field past_fields[] = {
	SCHEMA_FIELD("date", SCHEMA_DATE, SCHEMA_REQUIRED, struct past_visit,
	    date),
	SCHEMA_FIELD("missed", SCHEMA_BOOL, 0, struct past_visit, missed),
	SCHEMA_FIELD("pain", SCHEMA_MILLI, 0, struct past_visit, pain,
	    .max = 10000L),
	SCHEMA_FIELD("function", SCHEMA_MAP, 0, struct past_visit, function,
	    .arg = &function_map),
};

/*
 * A visit the patient missed had no examination: a score on it is a
 * score put on the wrong line.
 */
static int
past_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct past_visit *pv = obj;
	const struct node *at;
	const char *key;

	(void)f;
	if (!pv->missed || (pv->pain < 0 && pv->function.name == NULL))
		return 0;
	key = pv->pain >= 0 ? "pain" : "function";
	at = schema_get(n, key);
	return diag_set(s->diag, s->file, at->line, at->col, D_SCORE_MISSED,
	    key);
}

static const struct schema_map past_map = {
	"history", past_fields, SCHEMA_NFIELDS(past_fields), past_check
};

static int
read_past(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct past_visit *pv = obj;

	(void)f;
	pv->at = schema_pos(n);
	pv->pain = -1;
	return read_dated(s, n, &past_map, obj);
}

static const struct schema_field past_elem = {
	.key = "history", .type = SCHEMA_FUNC, .fn = read_past
};

static int
history_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct patient *p = obj;
	size_t i;

	(void)f;
	if (dated_order(s, n, &p->record[0].date, sizeof(*p->record),
	    p->nrecord, D_HISTORY_ORDER))
		return -1;
	p->history = xcalloc(p->nrecord + 1, sizeof(*p->history));
	for (i = 0; i < p->nrecord; i++)
		if (!p->record[i].missed)
			p->history[p->nhistory++] = p->record[i].date;
	return 0;
}

/* Visits already in the clinic's book: a date, or a date and a time. */
static const struct schema_field booked_fields[] = {
	SCHEMA_FIELD("date", SCHEMA_DATE, SCHEMA_REQUIRED, struct booked_visit,
	    date),
	SCHEMA_FIELD("time", SCHEMA_TIME, 0, struct booked_visit, time),
};

static const struct schema_map booked_map = {
	"booked", booked_fields, SCHEMA_NFIELDS(booked_fields), NULL
};

static int
read_booked(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct booked_visit *b = obj;

	(void)f;
	b->at = schema_pos(n);
	b->time = TIME_NONE;
	return read_dated(s, n, &booked_map, obj);
}

static const struct schema_field booked_elem = {
	.key = "booked", .type = SCHEMA_FUNC, .fn = read_booked
};

static int
booked_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct patient *p = obj;

	(void)f;
	if (p->nbooked == 0)
		return 0;
	return dated_order(s, n, &p->booked[0].date, sizeof(*p->booked),
	    p->nbooked, D_BOOKED_ORDER);
}

/* A course ended early: when, and why, for every format to say. */
static const struct schema_field ended_fields[] = {
	SCHEMA_FIELD("date", SCHEMA_DATE, SCHEMA_REQUIRED, struct patient,
	    ended),
	SCHEMA_FIELD("reason", SCHEMA_TEXT, SCHEMA_REQUIRED, struct patient,
	    ended_reason, .max = SCHEMA_PARA_MAX),
};

static const struct schema_map ended_map = {
	"ended", ended_fields, SCHEMA_NFIELDS(ended_fields), NULL
};

/*
 * The history, the book and an early end in the order of time: booked
 * visits after every visit of the history, the end no earlier than
 * the last visit given, no booked visit after the end.
 */
static int
course_check(const struct schema *s, const struct patient *p)
{
	char a[DATE_LEN + 1], b[DATE_LEN + 1];
	int last_given;

	if (p->nbooked > 0 && p->nrecord > 0 &&
	    p->booked[0].date <= p->record[p->nrecord - 1].date) {
		date_format(p->booked[0].date, a);
		date_format(p->record[p->nrecord - 1].date, b);
		return diag_set(s->diag, s->file, p->booked[0].at.line,
		    p->booked[0].at.col, D_BOOKED_AFTER, a, b);
	}
	if (!p->ended)
		return 0;
	last_given = p->nhistory ? p->history[p->nhistory - 1] : 0;
	if (p->nhistory && p->ended < last_given) {
		date_format(p->ended, a);
		date_format(last_given, b);
		return diag_set(s->diag, s->file, p->at_ended.line,
		    p->at_ended.col, D_ENDED_BEFORE, a, b);
	}
	if (p->nbooked && p->booked[p->nbooked - 1].date > p->ended) {
		date_format(p->booked[p->nbooked - 1].date, a);
		date_format(p->ended, b);
		return diag_set(s->diag, s->file,
		    p->booked[p->nbooked - 1].at.line,
		    p->booked[p->nbooked - 1].at.col, D_BOOKED_ENDED, a, b);
	}
	return 0;
}

/* Born after the course starts: a typo in one of the two dates. */
static int
patient_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct patient *p = obj;
	const struct node *at;
	char bq[DATE_LEN + 1], sq[DATE_LEN + 1];

	(void)f;
	if (p->has_birth_date && p->birth_date > p->start) {
		date_format(p->birth_date, bq);
		date_format(p->start, sq);
		at = schema_get(n, "patient");
		return diag_set(s->diag, s->file, at->line, at->col,
		    D_BIRTH_AFTER, bq, sq);
	}
	return course_check(s, p);
}

/* A field of struct patient whose place is kept, for later messages. */
#define PLACED_FIELD(k, t, fl, m, at_m, ...) \
	SCHEMA_FIELD(k, t, (fl) | SCHEMA_AT, struct patient, m, \
	    .at = offsetof(struct patient, at_m), __VA_ARGS__)

static const struct schema_field patient_fields[] = {
	{ .key = "patient", .type = SCHEMA_MAP, .flags = SCHEMA_REQUIRED,
	  .arg = &identity_map },
	PLACED_FIELD("protocol", SCHEMA_TEXT, SCHEMA_REQUIRED, protocol,
	    at_protocol),
	SCHEMA_FIELD("start", SCHEMA_DATE, SCHEMA_REQUIRED, struct patient,
	    start),
	PLACED_FIELD("sites", SCHEMA_TEXTS, SCHEMA_NONEMPTY, sites, at_sites),
	PLACED_FIELD("visits", SCHEMA_INT, 0, visits, at_visits,
	    .max = NUMBER_MAX),
	PLACED_FIELD("interval_days", SCHEMA_INT, 0, interval_days,
	    at_interval, .max = NUMBER_MAX),
	SCHEMA_FIELD("weekdays", SCHEMA_WEEKDAYS, 0, struct patient, weekdays),
	PLACED_FIELD("time", SCHEMA_TIME, 0, time, at_time),
	{ .key = "times", .type = SCHEMA_FUNC, .fn = read_periods,
	  .check = times_check },
	PLACED_FIELD("lang", SCHEMA_LANG, 0, lang, at_lang),
	SCHEMA_FIELD("weight_kg", SCHEMA_MILLI, 0, struct patient, weight,
	    .min = WEIGHT_MIN, .max = WEIGHT_MAX),
	PLACED_FIELD("volume_ml", SCHEMA_MILLI, 0, volume, at_volume,
	    .min = 100, .max = PROTO_VOLUME_MAX),
	SCHEMA_FIELD("conditions", SCHEMA_TEXTS, 0, struct patient, conditions),
	SCHEMA_FIELD("overrides", SCHEMA_LIST, 0, struct patient, overrides,
	    .count = offsetof(struct patient, noverrides),
	    .size = sizeof(struct override), .arg = &override_elem),
	SCHEMA_FIELD("unavailable", SCHEMA_LIST, 0, struct patient,
	    unavailable, .count = offsetof(struct patient, nunavailable),
	    .size = sizeof(struct date_range), .arg = &range_elem),
	SCHEMA_FIELD("medications", SCHEMA_TEXTS, SCHEMA_ITEMS_AT,
	    struct patient, medications,
	    .items_at = offsetof(struct patient, at_medications)),
	SCHEMA_FIELD("allergies", SCHEMA_TEXTS, 0, struct patient, allergies),
	PLACED_FIELD("history", SCHEMA_LIST, 0, record, at_history,
	    .count = offsetof(struct patient, nrecord),
	    .size = sizeof(struct past_visit), .arg = &past_elem,
	    .check = history_check),
	PLACED_FIELD("booked", SCHEMA_LIST, 0, booked, at_booked,
	    .count = offsetof(struct patient, nbooked),
	    .size = sizeof(struct booked_visit), .arg = &booked_elem,
	    .check = booked_check),
	{ .key = "ended", .type = SCHEMA_MAP, .flags = SCHEMA_AT,
	  .at = offsetof(struct patient, at_ended), .arg = &ended_map },
};

static const struct schema_map patient_map = {
	"patient file", patient_fields, SCHEMA_NFIELDS(patient_fields),
	patient_check
};

struct patient *
patient_load(const char *file, const char *buf, size_t len, struct diag *d)
{
	struct schema s = { file, d, NULL };
	struct patient *p;
	struct tree *t;

	if ((t = tree_parse(file, buf, len, d)) == NULL)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->file = xstrdup(file);
	p->at_root = schema_pos(tree_root(t));
	p->visits = p->interval_days = p->time = -1;
	p->weight = p->volume = -1;
	p->weekdays = WEEKDAYS_DEFAULT;
	if (schema_read(&s, tree_root(t), &patient_map, p)) {
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

/* The volume a site gets at each visit: the patient's, within the protocol's. */
static int
apply_volume(struct patient *p, const struct protocol *pr, struct diag *d)
{
	char m[32], v[32];

	if (p->volume < 0) {
		p->volume = pr->volume_usual;
		return 0;
	}
	if (pr->volume_max == 0)
		return diag_set(d, p->file, p->at_volume.line,
		    p->at_volume.col, D_PATIENT_NO_VOLUME, pr->id);
	if (p->volume > pr->volume_max)
		return diag_set(d, p->file, p->at_volume.line,
		    p->at_volume.col, D_PATIENT_VOLUME,
		    schema_milli_str(m, sizeof(m), pr->volume_max), pr->id,
		    schema_milli_str(v, sizeof(v), p->volume));
	return 0;
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

	if (p->sites.n == 0) {
		strv_copy(&p->sites, &pr->sites);
		p->sites_default = 1;
	}
	/* A course ended early is as long as it came to be. */
	if (p->visits < 0)
		p->visits = p->ended ? (int)(p->nhistory + p->nbooked) :
		    pr->visits_default;
	at = course_pos(p, p->at_visits);
	if ((!p->ended && p->visits < pr->visits_min) ||
	    p->visits > pr->visits_max)
		return diag_set(d, p->file, at.line, at.col, D_VISITS_RANGE,
		    pr->visits_min, pr->visits_max, pr->id, p->visits);
	per_visit = (int)p->sites.n * pr->per_site;
	if ((!p->ended && per_visit * p->visits < pr->inj_min) ||
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
	if (apply_volume(p, pr, d) != 0)
		return -1;
	if (p->nhistory > (size_t)p->visits) {
		at = course_pos(p, p->at_history);
		return diag_set(d, p->file, at.line, at.col, D_HISTORY_LONG,
		    (int)p->nhistory, p->visits);
	}
	if (p->nhistory + p->nbooked > (size_t)p->visits)
		return diag_set(d, p->file, p->at_booked.line,
		    p->at_booked.col, D_BOOKED_LONG, (int)p->nbooked,
		    (int)p->nhistory, p->visits);
	return 0;
}

/*
 * The volume one visit gives, over all its sites, in thousandths of a
 * mL; 0 when the protocol gives none.  After patient_apply().
 */
long
patient_visit_volume(const struct patient *p)
{
	return p->volume > 0 ? p->volume * (long)p->sites.n : 0;
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
	free(p->at_medications);
	strv_release(&p->allergies);
	for (i = 0; i < p->nrecord; i++)
		free(p->record[i].function.name);
	free(p->record);
	free(p->history);
	free(p->booked);
	free(p->ended_reason);
	free(p);
}
