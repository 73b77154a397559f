#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "diag.h"
#include "drugs.h"
#include "norm.h"
#include "protocol.h"
#include "schema.h"
#include "terms.h"
#include "tree.h"
#include "xalloc.h"

/*
 * A hold's class must be one of drugs.yaml, and no hold may pause a
 * medicine drugs.yaml says is never paused on a schedule, by its class
 * or by a name of it.
 */
static int
hold_check_class(const struct protocol *p, const struct hold *h,
    const struct drugs *dr, struct diag *d)
{
	const struct drug_class *dc = NULL;
	char q[128], hint[160];
	size_t i;

	if (h->class_id != NULL &&
	    (dc = drugs_lookup(dr, h->class_id, p->path, h->at, d)) == NULL)
		return -1;
	if (h->class_id != NULL && dc->pause == DRUG_NEVER)
		return diag_set(d, p->path, h->at.line, h->at.col,
		    D_HOLD_NEVER, dc->id, "");
	for (i = 0; i < h->drugs.n; i++) {
		if ((dc = drugs_class_of(dr, h->drugs.v[i])) == NULL ||
		    dc->pause != DRUG_NEVER)
			continue;
		diag_quote(q, sizeof(q), h->drugs.v[i], strlen(h->drugs.v[i]));
		snprintf(hint, sizeof(hint), " (%s is one)", q);
		return diag_set(d, p->path, h->at_drugs.line, h->at_drugs.col,
		    D_HOLD_NEVER, dc->id, hint);
	}
	return 0;
}

/*
 * Holds and rules name classes of the drugs file, which is read apart
 * from protocols: this checks them once both are loaded.
 */
int
protocol_check_classes(const struct protocol *p, const struct drugs *dr,
    struct diag *d)
{
	size_t i;

	for (i = 0; i < p->nholds; i++)
		if (hold_check_class(p, &p->holds[i], dr, d) != 0)
			return -1;
	return rules_check_classes(&p->rules, dr, d);
}

/* Whether the protocol's ingredients list ing, under any of its names. */
static int
listed(const struct protocol *p, const struct terms *t,
    const struct ingredient *ing)
{
	size_t i;

	for (i = 0; i < p->nsolutes; i++)
		if (terms_ingredient_named(t, p->solutes[i].folded) == ing)
			return 1;
	return 0;
}

/* The i-th ingredient: known, listed once, and in the solution's text. */
static int
solute_check(const struct protocol *p, size_t i, const struct terms *t,
    const char *solution, struct diag *d)
{
	const struct solute *so = &p->solutes[i];
	const struct ingredient *ing;
	char q[128], pq[128];
	size_t j;

	diag_quote(q, sizeof(q), so->name, strlen(so->name));
	if ((ing = terms_ingredient_named(t, so->folded)) == NULL)
		return diag_set(d, p->path, so->at.line, so->at.col,
		    D_SOLUTE_UNKNOWN, q);
	for (j = 0; j < i; j++)
		if (terms_ingredient_named(t, p->solutes[j].folded) == ing) {
			diag_quote(pq, sizeof(pq), p->solutes[j].name,
			    strlen(p->solutes[j].name));
			return diag_set(d, p->path, so->at.line, so->at.col,
			    D_SOLUTE_TWICE, pq, q);
		}
	if (!terms_any(&ing->words, solution))
		return diag_set(d, p->path, so->at.line, so->at.col,
		    D_SOLUTE_UNSAID, q);
	return 0;
}

/*
 * The solution's ingredients must be ones terms.yaml knows, under any
 * of their names, each once; and the solution the patient reads must
 * name exactly those: a dose limit must not be missed for a name, nor
 * the patient be told of one thing and given another.
 */
int
protocol_check_terms(const struct protocol *p, const struct terms *t,
    struct diag *d)
{
	const struct ingredient *ing;
	char *solution;
	size_t i;
	int rc = 0;

	solution = norm_fold(p->solution);
	for (i = 0; i < p->nsolutes && rc == 0; i++)
		rc = solute_check(p, i, t, solution, d);
	for (i = 0; p->nsolutes > 0 && t != NULL && i < t->ningredients &&
	    rc == 0; i++) {
		ing = &t->ingredients[i];
		if (terms_any(&ing->words, solution) && !listed(p, t, ing))
			rc = diag_set(d, p->path, p->at_solutes.line,
			    p->at_solutes.col, D_SOLUTE_UNLISTED,
			    schema_langtext(&ing->name, "en"));
	}
	free(solution);
	return rc;
}

/* What reading a protocol needs besides the file. */
struct protocol_ctx {
	const char		*want_id;	/* NULL: any */
	const struct care	*care;
};

/* A library file is named after its id, or patients naming it miss it. */
static int
id_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct protocol_ctx *ctx = s->ctx;
	const struct protocol *p = obj;
	char q[128], fq[128];

	(void)f;
	if (ctx->want_id == NULL || strcmp(ctx->want_id, p->id) == 0)
		return 0;
	diag_quote(q, sizeof(q), n->text, n->len);
	diag_quote(fq, sizeof(fq), ctx->want_id, strlen(ctx->want_id));
	return diag_set(s->diag, s->file, n->line, n->col, D_PROTO_ID, q, fq);
}

/* A bound of a course, named in messages as "visits min". */
#define BOUND_FIELD(k, label_, m, lo, hi) \
	SCHEMA_FIELD(k, SCHEMA_INT, SCHEMA_REQUIRED, struct protocol, m, \
	    .min = lo, .max = hi, .label = label_)

static const struct schema_field visits_fields[] = {
	BOUND_FIELD("min", "visits min", visits_min, 1, PROTO_INJECTIONS_MAX),
	BOUND_FIELD("default", "visits default", visits_default, 1,
	    PROTO_INJECTIONS_MAX),
	BOUND_FIELD("max", "visits max", visits_max, 1, PROTO_INJECTIONS_MAX),
};

static const struct schema_field injections_fields[] = {
	BOUND_FIELD("min", "injections min", inj_min, 1, PROTO_INJECTIONS_MAX),
	BOUND_FIELD("max", "injections max", inj_max, 1, PROTO_INJECTIONS_MAX),
};

static const struct schema_field interval_fields[] = {
	BOUND_FIELD("min", "interval_days min", ival_min, PROTO_INTERVAL_MIN,
	    PROTO_INTERVAL_MAX),
	BOUND_FIELD("preferred", "interval_days preferred", ival_pref,
	    PROTO_INTERVAL_MIN, PROTO_INTERVAL_MAX),
	BOUND_FIELD("max", "interval_days max", ival_max, PROTO_INTERVAL_MIN,
	    PROTO_INTERVAL_MAX),
};

/* Bounds in order: min <= default <= max. */
static const struct schema_map visits_map = {
	"visits", visits_fields, SCHEMA_NFIELDS(visits_fields), schema_ordered
};
static const struct schema_map injections_map = {
	"injections", injections_fields, SCHEMA_NFIELDS(injections_fields),
	schema_ordered
};
static const struct schema_map interval_map = {
	"interval_days", interval_fields, SCHEMA_NFIELDS(interval_fields),
	schema_ordered
};

/* A hold names drugs or a class of them, one of the two. */
static int
hold_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	(void)f;
	(void)obj;
	if ((schema_get(n, "drugs") == NULL) == (schema_get(n, "class") == NULL))
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_HOLD_SHAPE);
	return 0;
}

static const struct schema_field hold_fields[] = {
	SCHEMA_FIELD("drugs", SCHEMA_TEXTS, SCHEMA_AT, struct hold, drugs,
	    .at = offsetof(struct hold, at_drugs)),
	SCHEMA_FIELD("stop_days_before", SCHEMA_INT, SCHEMA_REQUIRED,
	    struct hold, stop_before, .max = PROTO_HOLD_DAYS_MAX),
	SCHEMA_FIELD("resume_days_after", SCHEMA_INT, SCHEMA_REQUIRED,
	    struct hold, resume_after, .max = PROTO_HOLD_DAYS_MAX),
	SCHEMA_FIELD("class", SCHEMA_TEXT, SCHEMA_AT, struct hold, class_id,
	    .at = offsetof(struct hold, at)),
};

static const struct schema_map hold_map = {
	"medication_holds", hold_fields, SCHEMA_NFIELDS(hold_fields),
	hold_check
};

static const struct schema_field hold_elem = {
	.key = "medication_holds", .type = SCHEMA_MAP, .arg = &hold_map
};

/* An ingredient and its strength: {name: dextrose, percent: 12.5}. */
static const struct schema_field solute_fields[] = {
	SCHEMA_FIELD("name", SCHEMA_TEXT, SCHEMA_REQUIRED | SCHEMA_AT,
	    struct solute, name, .at = offsetof(struct solute, at)),
	SCHEMA_FIELD("percent", SCHEMA_MILLI, SCHEMA_REQUIRED, struct solute,
	    percent, .min = 1, .max = 100000, .label = "ingredients percent"),
};

static const struct schema_map solute_map = {
	"ingredients", solute_fields, SCHEMA_NFIELDS(solute_fields), NULL
};

static const struct schema_field solute_elem = {
	.key = "ingredients", .type = SCHEMA_MAP, .arg = &solute_map
};

/* Names are matched folded, as terms.yaml's are; percents add up to 100 at most. */
static int
solutes_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct protocol *p = obj;
	char buf[32];
	long total = 0;
	size_t i;

	(void)f;
	for (i = 0; i < p->nsolutes; i++) {
		p->solutes[i].folded = norm_fold(p->solutes[i].name);
		total += p->solutes[i].percent;
	}
	if (total > 100000)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_SOLUTE_TOTAL, schema_milli_str(buf, sizeof(buf), total));
	return 0;
}

#define VOLUME_FIELD(k, m) \
	SCHEMA_FIELD(k, SCHEMA_MILLI, SCHEMA_REQUIRED, struct protocol, m, \
	    .min = 100, .max = PROTO_VOLUME_MAX, .label = "volume_ml " k)

static const struct schema_field volume_fields[] = {
	VOLUME_FIELD("usual", volume_usual),
	VOLUME_FIELD("max", volume_max),
};

static int
volume_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct protocol *p = obj;
	const struct node *at;
	char u[32], m[32];

	(void)f;
	if (p->volume_usual <= p->volume_max)
		return 0;
	at = schema_get(n, "usual");
	return diag_set(s->diag, s->file, at->line, at->col, D_VOLUME_ORDER,
	    schema_milli_str(u, sizeof(u), p->volume_usual),
	    schema_milli_str(m, sizeof(m), p->volume_max));
}

static const struct schema_map volume_map = {
	"volume_ml", volume_fields, SCHEMA_NFIELDS(volume_fields), volume_check
};

/* A protocol's dose needs both what is in the solution and how much of it. */
static int
protocol_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct protocol *p = obj;
	const struct node *at;

	(void)f;
	if ((p->nsolutes == 0) == (p->volume_max == 0))
		return 0;
	if ((at = schema_get(n, "ingredients")) == NULL)
		at = schema_get(n, "volume_ml");
	return diag_set(s->diag, s->file, at->line, at->col, D_SOLUTE_VOLUME);
}

/* A visit of the course to review progress at: never the first. */
static int
read_review(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct protocol *p = obj;
	struct schema_field visit = *f;

	visit.type = SCHEMA_INT;
	visit.min = 2;
	visit.max = p->visits_max;
	return schema_value(s, n, &visit, obj);
}

/*
 * Handout text in place of care sections: a mapping whose keys are the
 * sections of the care text, so they are checked against it, not a
 * table of the code's.
 */
static int
read_care(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	static const struct schema_field para = {
		.type = SCHEMA_TEXTS, .max = SCHEMA_PARA_MAX,
		.off = offsetof(struct protocol_care, text)
	};
	const struct protocol_ctx *ctx = s->ctx;
	struct protocol *p = obj;
	struct schema_field text = para;
	const struct node *key;
	const char *near;
	char q[128], hint[96];
	size_t i;

	if (n->kind != NODE_MAP)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_MAP,
		    f->key);
	p->care = xcalloc(n->n, sizeof(*p->care));
	for (i = 0; i < n->n; i++) {
		key = n->pairs[i].key;
		if (key->kind != NODE_SCALAR)
			return diag_set(s->diag, s->file, key->line, key->col,
			    D_KEY_NOT_TEXT);
		if (care_section(ctx->care, key->text) == NULL) {
			near = care_suggest_section(ctx->care, key->text);
			hint[0] = '\0';
			if (near)
				snprintf(hint, sizeof(hint),
				    " (did you mean '%s'?)", near);
			diag_quote(q, sizeof(q), key->text, key->len);
			return diag_set(s->diag, s->file, key->line, key->col,
			    D_CARE_SECTION, q, hint);
		}
		p->care[p->ncare].section = xstrdup(key->text);
		text.key = key->text;
		if (schema_value(s, n->pairs[i].value, &text,
		    &p->care[p->ncare++]))
			return -1;
	}
	return 0;
}

#define MAP_FIELD(k, m) \
	{ .key = k, .type = SCHEMA_MAP, .flags = SCHEMA_REQUIRED, .arg = &m }

/* After a lapse the course restarts (1, the default) or continues (0). */
static const char *const after_lapse_names[] = { "continue", "restart", NULL };

static const struct schema_field protocol_fields[] = {
	SCHEMA_FIELD("id", SCHEMA_ID, SCHEMA_REQUIRED, struct protocol, id,
	    .check = id_check),
	SCHEMA_FIELD("name", SCHEMA_TEXT, SCHEMA_REQUIRED, struct protocol,
	    name),
	SCHEMA_FIELD("solution", SCHEMA_TEXT, SCHEMA_REQUIRED, struct protocol,
	    solution),
	SCHEMA_FIELD("source", SCHEMA_TEXT, 0, struct protocol, source,
	    .max = SCHEMA_PARA_MAX),
	SCHEMA_FIELD("ingredients", SCHEMA_LIST,
	    SCHEMA_NONEMPTY | SCHEMA_UNIQUE | SCHEMA_AT, struct protocol,
	    solutes, .count = offsetof(struct protocol, nsolutes),
	    .size = sizeof(struct solute), .id = offsetof(struct solute, name),
	    .at = offsetof(struct protocol, at_solutes), .arg = &solute_elem,
	    .check = solutes_check),
	{ .key = "volume_ml", .type = SCHEMA_MAP, .arg = &volume_map },
	SCHEMA_FIELD("injection_points", SCHEMA_INT, 0, struct protocol,
	    points, .min = 1, .max = PROTO_POINTS_MAX),
	SCHEMA_FIELD("sites", SCHEMA_TEXTS, SCHEMA_REQUIRED | SCHEMA_NONEMPTY,
	    struct protocol, sites),
	SCHEMA_FIELD("injections_per_site", SCHEMA_INT, 0, struct protocol,
	    per_site, .min = 1, .max = PROTO_INJECTIONS_MAX),
	MAP_FIELD("visits", visits_map),
	MAP_FIELD("injections", injections_map),
	MAP_FIELD("interval_days", interval_map),
	SCHEMA_FIELD("max_course_days", SCHEMA_INT, SCHEMA_REQUIRED,
	    struct protocol, max_course_days, .min = 1,
	    .max = PROTO_COURSE_DAYS_MAX),
	SCHEMA_FIELD("after_lapse", SCHEMA_ENUM, 0, struct protocol, restart,
	    .arg = after_lapse_names),
	SCHEMA_FIELD("medication_holds", SCHEMA_LIST, 0, struct protocol,
	    holds, .count = offsetof(struct protocol, nholds),
	    .size = sizeof(struct hold), .arg = &hold_elem),
	SCHEMA_FIELD("review_at_visit", SCHEMA_FUNC, 0, struct protocol,
	    review_at, .fn = read_review),
	RULES_FIELD(struct protocol, rules),
	{ .key = "care", .type = SCHEMA_FUNC, .fn = read_care },
};

static const struct schema_map protocol_map = {
	"protocol file", protocol_fields, SCHEMA_NFIELDS(protocol_fields),
	protocol_check
};

struct protocol *
protocol_load(const char *path, const char *buf, size_t len,
    const char *want_id, const struct care *care, struct diag *d)
{
	struct protocol_ctx ctx = { want_id, care };
	struct schema s = { path, d, &ctx };
	struct protocol *p;
	struct tree *t;

	if ((t = tree_parse(path, buf, len, d)) == NULL)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	p->per_site = 1;
	p->restart = 1;
	if (schema_read(&s, tree_root(t), &protocol_map, p)) {
		protocol_free(p);
		p = NULL;
	}
	tree_free(t);
	return p;
}

void
protocol_free(struct protocol *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->path);
	free(p->id);
	free(p->name);
	free(p->solution);
	free(p->source);
	strv_release(&p->sites);
	for (i = 0; i < p->nsolutes; i++) {
		free(p->solutes[i].name);
		free(p->solutes[i].folded);
	}
	free(p->solutes);
	for (i = 0; i < p->nholds; i++) {
		strv_release(&p->holds[i].drugs);
		free(p->holds[i].class_id);
	}
	free(p->holds);
	for (i = 0; i < p->ncare; i++) {
		free(p->care[i].section);
		strv_release(&p->care[i].text);
	}
	free(p->care);
	rules_release(&p->rules);
	free(p);
}
