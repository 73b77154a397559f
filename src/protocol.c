#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "diag.h"
#include "drugs.h"
#include "protocol.h"
#include "schema.h"
#include "tree.h"
#include "xalloc.h"

enum {
	K_ID, K_NAME, K_SOLUTION, K_SOURCE, K_SITES, K_PER_SITE, K_VISITS,
	K_INJECTIONS, K_INTERVAL, K_COURSE, K_HOLDS, K_CARE, K_REVIEW,
	K_RULES, K__COUNT
};

static const struct schema_key protocol_keys[K__COUNT] = {
	[K_ID] =	{ "id", 1 },
	[K_NAME] =	{ "name", 1 },
	[K_SOLUTION] =	{ "solution", 1 },
	[K_SOURCE] =	{ "source", 0 },
	[K_SITES] =	{ "sites", 1 },
	[K_PER_SITE] =	{ "injections_per_site", 0 },
	[K_VISITS] =	{ "visits", 1 },
	[K_INJECTIONS] = { "injections", 1 },
	[K_INTERVAL] =	{ "interval_days", 1 },
	[K_COURSE] =	{ "max_course_days", 1 },
	[K_HOLDS] =	{ "medication_holds", 0 },
	[K_CARE] =	{ "care", 0 },
	[K_REVIEW] =	{ "review_at_visit", 0 },
	[K_RULES] =	{ "rules", 0 },
};

/*
 * Holds by class name classes of the drugs file, which is read apart
 * from protocols: this checks them once both are loaded.
 */
int
protocol_check_classes(const struct protocol *p, const struct drugs *dr,
    struct diag *d)
{
	const char *near;
	char q[128], hint[96];
	size_t i;

	for (i = 0; i < p->nholds; i++) {
		if (p->holds[i].class_id == NULL ||
		    drugs_find(dr, p->holds[i].class_id) != NULL)
			continue;
		near = drugs_suggest(dr, p->holds[i].class_id);
		hint[0] = '\0';
		if (near)
			snprintf(hint, sizeof(hint), " (did you mean '%s'?)",
			    near);
		diag_quote(q, sizeof(q), p->holds[i].class_id,
		    strlen(p->holds[i].class_id));
		return diag_set(d, p->path, p->holds[i].line, p->holds[i].col,
		    D_UNKNOWN_CLASS, q, hint);
	}
	return rules_check_classes(&p->rules, dr, d);
}

/*
 * Reads a mapping of bounds such as {min: 4, max: 10, default: 5}: each
 * named key within lo..hi, and each no larger than the next one in
 * order (min <= default <= max).
 */
static int
read_bounds(const struct schema *s, const struct node *n, const char *key,
    const char *const *names, int **outs, size_t count, int lo, int hi)
{
	struct schema_key keys[3] = { { NULL, 0 } };
	const struct node *vals[3];
	char label[64];
	size_t i;

	for (i = 0; i < count; i++) {
		keys[i].name = names[i];
		keys[i].required = 1;
	}
	if (schema_map(s, n, key, keys, count, vals))
		return -1;
	for (i = 0; i < count; i++) {
		snprintf(label, sizeof(label), "%s %s", key, names[i]);
		if (schema_int(s, vals[i], label, lo, hi, outs[i]))
			return -1;
	}
	for (i = 0; i + 1 < count; i++)
		if (*outs[i] > *outs[i + 1])
			return diag_set(s->diag, s->file, vals[i]->line,
			    vals[i]->col, D_ORDER, key, names[i], *outs[i],
			    names[i + 1], *outs[i + 1]);
	return 0;
}

static int
read_holds(const struct schema *s, const struct node *n, struct protocol *p)
{
	static const struct schema_key keys[] = {
		{ "drugs", 0 },
		{ "stop_days_before", 1 },
		{ "resume_days_after", 1 },
		{ "class", 0 },
	};
	const struct node *vals[4];
	struct hold *h;
	size_t i;

	if (schema_list(s, n, "medication_holds"))
		return -1;
	p->holds = xcalloc(n->n, sizeof(*p->holds));
	for (i = 0; i < n->n; i++) {
		h = &p->holds[p->nholds++];
		if (schema_map(s, n->items[i], "medication_holds", keys, 4,
		    vals))
			return -1;
		if ((vals[0] == NULL) == (vals[3] == NULL))
			return diag_set(s->diag, s->file, n->items[i]->line,
			    n->items[i]->col, D_HOLD_SHAPE);
		if (vals[3]) {
			h->line = vals[3]->line;
			h->col = vals[3]->col;
		}
		if ((vals[0] && schema_text_list(s, vals[0], "drugs",
		    SCHEMA_TEXT_MAX, &h->drugs)) ||
		    (vals[3] && schema_text(s, vals[3], "class",
		    SCHEMA_TEXT_MAX, &h->class_id)) ||
		    schema_int(s, vals[1], "stop_days_before", 0,
		    PROTO_HOLD_DAYS_MAX, &h->stop_before) ||
		    schema_int(s, vals[2], "resume_days_after", 0,
		    PROTO_HOLD_DAYS_MAX, &h->resume_after))
			return -1;
	}
	return 0;
}

static int
read_care(const struct schema *s, const struct node *n, struct protocol *p,
    const struct care *care)
{
	const struct node *key;
	struct protocol_care *pc;
	const char *near;
	char q[128], hint[96];
	size_t i;

	if (n->kind != NODE_MAP)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_MAP,
		    "care");
	p->care = xcalloc(n->n, sizeof(*p->care));
	for (i = 0; i < n->n; i++) {
		key = n->pairs[i].key;
		if (key->kind != NODE_SCALAR)
			return diag_set(s->diag, s->file, key->line, key->col,
			    D_KEY_NOT_TEXT);
		if (care_section(care, key->text) == NULL) {
			near = care_suggest_section(care, key->text);
			hint[0] = '\0';
			if (near)
				snprintf(hint, sizeof(hint),
				    " (did you mean '%s'?)", near);
			diag_quote(q, sizeof(q), key->text, key->len);
			return diag_set(s->diag, s->file, key->line, key->col,
			    D_CARE_SECTION, q, hint);
		}
		pc = &p->care[p->ncare++];
		pc->section = xstrdup(key->text);
		if (schema_text_list(s, n->pairs[i].value, key->text,
		    SCHEMA_PARA_MAX, &pc->text))
			return -1;
	}
	return 0;
}

static int
read_numbers(const struct schema *s, const struct node **v,
    struct protocol *p)
{
	static const char *const vnames[] = { "min", "default", "max" };
	static const char *const inames[] = { "min", "max" };
	static const char *const rnames[] = { "min", "preferred", "max" };
	int *vouts[] = { &p->visits_min, &p->visits_default, &p->visits_max };
	int *iouts[] = { &p->inj_min, &p->inj_max };
	int *routs[] = { &p->ival_min, &p->ival_pref, &p->ival_max };

	p->per_site = 1;
	if (v[K_PER_SITE] && schema_int(s, v[K_PER_SITE],
	    "injections_per_site", 1, PROTO_INJECTIONS_MAX, &p->per_site))
		return -1;
	return read_bounds(s, v[K_VISITS], "visits", vnames, vouts, 3, 1,
	    PROTO_INJECTIONS_MAX) ||
	    read_bounds(s, v[K_INJECTIONS], "injections", inames, iouts, 2, 1,
	    PROTO_INJECTIONS_MAX) ||
	    read_bounds(s, v[K_INTERVAL], "interval_days", rnames, routs, 3,
	    PROTO_INTERVAL_MIN, PROTO_INTERVAL_MAX) ||
	    schema_int(s, v[K_COURSE], "max_course_days", 1,
	    PROTO_COURSE_DAYS_MAX, &p->max_course_days);
}

static int
read_protocol(const struct schema *s, const struct node *root,
    struct protocol *p, const char *want_id, const struct care *care)
{
	const struct node *v[K__COUNT];
	char q[128], fq[128];

	if (schema_map(s, root, "protocol file", protocol_keys, K__COUNT, v))
		return -1;
	if (schema_text(s, v[K_ID], "id", SCHEMA_TEXT_MAX, &p->id))
		return -1;
	diag_quote(q, sizeof(q), v[K_ID]->text, v[K_ID]->len);
	if (!schema_id_valid(p->id, strlen(p->id)))
		return diag_set(s->diag, s->file, v[K_ID]->line, v[K_ID]->col,
		    D_ID_FORMAT, q);
	if (want_id && strcmp(want_id, p->id) != 0) {
		diag_quote(fq, sizeof(fq), want_id, strlen(want_id));
		return diag_set(s->diag, s->file, v[K_ID]->line, v[K_ID]->col,
		    D_PROTO_ID, q, fq);
	}
	if (schema_text(s, v[K_NAME], "name", SCHEMA_TEXT_MAX, &p->name) ||
	    schema_text(s, v[K_SOLUTION], "solution", SCHEMA_TEXT_MAX,
	    &p->solution) ||
	    (v[K_SOURCE] && schema_text(s, v[K_SOURCE], "source",
	    SCHEMA_PARA_MAX, &p->source)) ||
	    schema_text_list(s, v[K_SITES], "sites", SCHEMA_TEXT_MAX,
	    &p->sites))
		return -1;
	if (p->sites.n == 0)
		return diag_set(s->diag, s->file, v[K_SITES]->line,
		    v[K_SITES]->col, D_EMPTY, "sites");
	if (read_numbers(s, v, p))
		return -1;
	if (v[K_HOLDS] && read_holds(s, v[K_HOLDS], p))
		return -1;
	if (v[K_REVIEW] && schema_int(s, v[K_REVIEW], "review_at_visit", 2,
	    p->visits_max, &p->review_at))
		return -1;
	if (v[K_RULES] && rules_read(s, v[K_RULES], &p->rules))
		return -1;
	if (v[K_CARE] && read_care(s, v[K_CARE], p, care))
		return -1;
	return 0;
}

struct protocol *
protocol_load(const char *path, const char *buf, size_t len,
    const char *want_id, const struct care *care, struct diag *d)
{
	struct schema s = { path, d };
	struct protocol *p;
	struct tree *t;

	if ((t = tree_parse(path, buf, len, d)) == NULL)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	if (read_protocol(&s, tree_root(t), p, want_id, care)) {
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
