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

/*
 * The i-th ingredient: known and listed once.  Returns it, or NULL with
 * the diag set.
 */
static const struct ingredient *
solute_check(const struct protocol *p, size_t i, const struct terms *t,
    struct diag *d)
{
	const struct solute *so = &p->solutes[i];
	const struct ingredient *ing;
	char q[128], pq[128];
	size_t j;

	diag_quote(q, sizeof(q), so->name, strlen(so->name));
	if ((ing = terms_ingredient_named(t, so->folded)) == NULL) {
		diag_set(d, p->path, so->at.line, so->at.col,
		    D_SOLUTE_UNKNOWN, q);
		return NULL;
	}
	for (j = 0; j < i; j++)
		if (terms_ingredient_named(t, p->solutes[j].folded) == ing) {
			diag_quote(pq, sizeof(pq), p->solutes[j].name,
			    strlen(p->solutes[j].name));
			diag_set(d, p->path, so->at.line, so->at.col,
			    D_SOLUTE_TWICE, pq, q);
			return NULL;
		}
	return ing;
}

/*
 * The solution's text in the k-th language given: it must name each
 * ingredient listed, and none unlisted.  Text given in no language
 * keeps the messages at the ingredients; a language's points at its
 * own text and names it.
 */
static int
solution_check(const struct protocol *p, size_t k, const struct terms *t,
    struct diag *d)
{
	const struct langtext *lt = &p->text.solution;
	const struct ingredient *ing;
	const char *lang, *name;
	char *folded, q[128];
	size_t i;
	int rc = 0;

	lang = k < lt->langs.n ? lt->langs.v[k] : "";
	folded = norm_fold(protocol_solution_in(p, k));
	for (i = 0; i < p->nsolutes && rc == 0; i++) {
		ing = terms_ingredient_named(t, p->solutes[i].folded);
		if (terms_any(&ing->words, folded))
			continue;
		diag_quote(q, sizeof(q), p->solutes[i].name,
		    strlen(p->solutes[i].name));
		rc = *lang == '\0' ? diag_set(d, p->path,
		    p->solutes[i].at.line, p->solutes[i].at.col,
		    D_SOLUTE_UNSAID, q) : diag_set(d, p->path, lt->at[k].line,
		    lt->at[k].col, D_SOLUTE_UNSAID_IN, q, lang);
	}
	for (i = 0; p->nsolutes > 0 && t != NULL && i < t->ningredients &&
	    rc == 0; i++) {
		ing = &t->ingredients[i];
		if (!terms_any(&ing->words, folded) || listed(p, t, ing))
			continue;
		name = schema_langtext(&ing->name, "en");
		rc = *lang == '\0' ? diag_set(d, p->path, p->at_solutes.line,
		    p->at_solutes.col, D_SOLUTE_UNLISTED, name) :
		    diag_set(d, p->path, lt->at[k].line, lt->at[k].col,
		    D_SOLUTE_UNLISTED_IN, lang, diag_quote(q, sizeof(q), name,
		    strlen(name)));
	}
	free(folded);
	return rc;
}

/*
 * The solution's ingredients must be ones terms.yaml knows, under any
 * of their names, each once; and the solution the patient reads, in
 * every language, must name exactly those: a dose limit must not be
 * missed for a name, nor the patient be told of one thing and given
 * another.
 */
int
protocol_check_terms(const struct protocol *p, const struct terms *t,
    struct diag *d)
{
	size_t i;

	for (i = 0; i < p->nsolutes; i++)
		if (solute_check(p, i, t, d) == NULL)
			return -1;
	for (i = 0; protocol_solution_in(p, i) != NULL; i++)
		if (solution_check(p, i, t, d) != 0)
			return -1;
	return 0;
}

/*
 * The solution's text in the i-th language given, for checks that must
 * hold in every one; NULL past the last.
 */
const char *
protocol_solution_in(const struct protocol *p, size_t i)
{
	if (p->text.solution.texts.n == 0)
		return i == 0 ? p->solution : NULL;
	return i < p->text.solution.texts.n ? p->text.solution.texts.v[i] :
	    NULL;
}

/* The protocol's name in a language, or its nearest (schema_langtext()). */
const char *
protocol_name(const struct protocol *p, const char *lang)
{
	return p->text.name.texts.n > 0 ?
	    schema_langtext(&p->text.name, lang) : p->name;
}

const char *
protocol_solution(const struct protocol *p, const char *lang)
{
	return p->text.solution.texts.n > 0 ?
	    schema_langtext(&p->text.solution, lang) : p->solution;
}

/*
 * The source in a language: a citation stays in the language it was
 * published in, so one given as plain text is no missing translation;
 * words of the clinic's own around it ("Adapted from") may be given in
 * each language.  NULL when there is none.
 */
const char *
protocol_source(const struct protocol *p, const char *lang)
{
	return p->text.source.texts.n > 0 ?
	    schema_langtext(&p->text.source, lang) : p->source;
}

const struct strv *
protocol_sites(const struct protocol *p, const char *lang)
{
	return p->text.sites.langs.n > 0 ?
	    schema_langlist(&p->text.sites, lang) : &p->sites;
}

/* The paragraphs of the i-th care section in a language, or its nearest. */
const struct strv *
protocol_care(const struct protocol *p, size_t i, const char *lang)
{
	return schema_langlist(&p->care[i].text, lang);
}

/* What the warning says the handout uses instead of the text in lang. */
static const char *
fallback_words(char *buf, size_t size, const char *got)
{
	if (*got == '\0')
		return "the text as written";
	if (strcmp(got, "en") == 0)
		return "English";
	snprintf(buf, size, "its '%s' text", got);
	return buf;
}

/*
 * Whether the i-th text the patient reads of p (its name, solution,
 * sites, then each care section) lacks lang: 1 with a warning in d that
 * names the text the handout uses instead, 0 if not, and -1 past the
 * last, so that a caller can say of each text once.  A protocol built
 * in code, with only the staff's text, lacks none.
 */
int
protocol_lang_missing(const struct protocol *p, const char *lang, size_t i,
    struct diag *d)
{
	static const char *const fields[] = { "name", "solution", "sites" };
	const struct strv *langs;
	const char *got;
	char field[160], buf[32];
	struct pos at;

	switch (i) {
	case 0:
		langs = &p->text.name.langs;
		at = p->text.at_name;
		break;
	case 1:
		langs = &p->text.solution.langs;
		at = p->text.at_solution;
		break;
	case 2:
		langs = &p->text.sites.langs;
		at = p->text.at_sites;
		break;
	default:
		if (i - 3 >= p->ncare)
			return -1;
		/* A section emptied says nothing, in no language. */
		if (protocol_care(p, i - 3, lang)->n == 0)
			return 0;
		langs = &p->care[i - 3].text.langs;
		at = p->care[i - 3].at;
		break;
	}
	if (i < 3)
		snprintf(field, sizeof(field), "%s", fields[i]);
	else
		snprintf(field, sizeof(field), "care %s", p->care[i - 3].section);
	if (langs->n == 0 || (got = schema_lang_fallback(langs, lang)) == NULL)
		return 0;
	diag_set(d, p->path, at.line, at.col, D_WARN_PROTO_LANG, p->id, lang,
	    field, fallback_words(buf, sizeof(buf), got));
	return 1;
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
 * table of the code's.  Each section's paragraphs are a list, or lists
 * by language.
 */
static int
read_care(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	static const struct schema_field para = {
		.type = SCHEMA_LANGLIST, .max = SCHEMA_PARA_MAX,
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
		p->care[p->ncare].at = schema_pos(n->pairs[i].value);
		text.key = key->text;
		if (schema_value(s, n->pairs[i].value, &text,
		    &p->care[p->ncare++]))
			return -1;
	}
	return 0;
}

/*
 * The staff read the name, the solution and the source in English, or
 * as given.
 */
static int
staff_text(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct protocol *p = obj;

	(void)s;
	(void)n;
	if (f->off == offsetof(struct protocol, text.name))
		p->name = schema_langtext(&p->text.name, "en");
	else if (f->off == offsetof(struct protocol, text.source))
		p->source = schema_langtext(&p->text.source, "en");
	else
		p->solution = schema_langtext(&p->text.solution, "en");
	return 0;
}

/*
 * Each language names as many sites as the others, since each site is
 * injected: the count of injections must not depend on the handout's
 * language.  The staff read them in English, or as given.
 */
static int
sites_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct protocol *p = obj;
	const struct langlist *ll = &p->text.sites;
	size_t i, first;

	(void)n;
	(void)f;
	first = ll->lists[0].n;
	for (i = 1; i < ll->langs.n; i++)
		if (ll->lists[i].n != first)
			return diag_set(s->diag, s->file, ll->at[i].line,
			    ll->at[i].col, D_SITES_LANGS, (int)first,
			    first == 1 ? "" : "s", ll->langs.v[0],
			    (int)ll->lists[i].n, ll->langs.v[i]);
	strv_copy(&p->sites, schema_langlist(ll, "en"));
	return 0;
}

#define MAP_FIELD(k, m) \
	{ .key = k, .type = SCHEMA_MAP, .flags = SCHEMA_REQUIRED, .arg = &m }

/* After a lapse the course restarts (1, the default) or continues (0). */
static const char *const after_lapse_names[] = { "continue", "restart", NULL };

static const struct schema_field protocol_fields[] = {
	SCHEMA_FIELD("id", SCHEMA_ID, SCHEMA_REQUIRED, struct protocol, id,
	    .check = id_check),
	SCHEMA_FIELD("name", SCHEMA_LANGTEXT, SCHEMA_REQUIRED | SCHEMA_AT,
	    struct protocol, text.name, .at = offsetof(struct protocol,
	    text.at_name), .check = staff_text),
	SCHEMA_FIELD("solution", SCHEMA_LANGTEXT, SCHEMA_REQUIRED | SCHEMA_AT,
	    struct protocol, text.solution, .at = offsetof(struct protocol,
	    text.at_solution), .check = staff_text),
	SCHEMA_FIELD("source", SCHEMA_LANGTEXT, 0, struct protocol,
	    text.source, .max = SCHEMA_PARA_MAX, .check = staff_text),
	SCHEMA_FIELD("ingredients", SCHEMA_LIST,
	    SCHEMA_NONEMPTY | SCHEMA_UNIQUE | SCHEMA_AT, struct protocol,
	    solutes, .count = offsetof(struct protocol, nsolutes),
	    .size = sizeof(struct solute), .id = offsetof(struct solute, name),
	    .at = offsetof(struct protocol, at_solutes), .arg = &solute_elem,
	    .check = solutes_check),
	{ .key = "volume_ml", .type = SCHEMA_MAP, .arg = &volume_map },
	SCHEMA_FIELD("injection_points", SCHEMA_INT, 0, struct protocol,
	    points, .min = 1, .max = PROTO_POINTS_MAX),
	SCHEMA_FIELD("sites", SCHEMA_LANGLIST,
	    SCHEMA_REQUIRED | SCHEMA_NONEMPTY | SCHEMA_AT, struct protocol,
	    text.sites, .at = offsetof(struct protocol, text.at_sites),
	    .check = sites_check),
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
	schema_langtext_release(&p->text.name);
	schema_langtext_release(&p->text.solution);
	schema_langtext_release(&p->text.source);
	schema_langlist_release(&p->text.sites);
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
		schema_langlist_release(&p->care[i].text);
	}
	free(p->care);
	rules_release(&p->rules);
	free(p);
}
