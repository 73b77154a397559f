#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "drugs.h"
#include "rules.h"
#include "schema.h"
#include "tree.h"
#include "xalloc.h"

static const char *const level_names[] = {
	[RULE_NOTE] = "note", [RULE_WARN] = "warn", [RULE_STOP] = "stop",
};

static int
read_level(const struct schema *s, const struct node *n, struct rule *r)
{
	char q[128];
	int i;

	if (n->kind == NODE_SCALAR)
		for (i = 0; i < 3; i++)
			if (strcmp(n->text, level_names[i]) == 0) {
				r->level = (enum rule_level)i;
				return 0;
			}
	diag_quote(q, sizeof(q), n->text ? n->text : "", n->text ? n->len : 0);
	return diag_set(s->diag, s->file, n->line, n->col, D_RULE_LEVEL, q);
}

static int
read_if(const struct schema *s, const struct node *n, struct rule *r)
{
	static const struct schema_key keys[] = {
		{ "medications", 0 }, { "class", 0 }, { "allergies", 0 },
		{ "conditions", 0 },
	};
	const struct node *v[4];

	if (schema_map(s, n, "if", keys, 4, v) ||
	    (v[0] && schema_text_list(s, v[0], "medications", SCHEMA_TEXT_MAX,
	    &r->medications)) ||
	    (v[1] && schema_text_list(s, v[1], "class", SCHEMA_TEXT_MAX,
	    &r->classes)) ||
	    (v[2] && schema_text_list(s, v[2], "allergies", SCHEMA_TEXT_MAX,
	    &r->allergies)) ||
	    (v[3] && schema_text_list(s, v[3], "conditions", SCHEMA_TEXT_MAX,
	    &r->conditions)))
		return -1;
	if (r->medications.n + r->classes.n + r->allergies.n +
	    r->conditions.n == 0)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_RULE_EMPTY);
	return 0;
}

/* "text" is one string, or a mapping from language code to string. */
static int
read_text(const struct schema *s, const struct node *n, struct rule *r)
{
	const struct node *k;
	char *t;
	size_t i;

	if (n->kind != NODE_MAP) {
		if (schema_text(s, n, "text", SCHEMA_PARA_MAX, &t))
			return -1;
		strv_push(&r->langs, "");
		strv_push(&r->texts, t);
		free(t);
		return 0;
	}
	for (i = 0; i < n->n; i++) {
		k = n->pairs[i].key;
		if (k->kind != NODE_SCALAR || !schema_lang_valid(k->text))
			return diag_set(s->diag, s->file, k->line, k->col,
			    D_RULE_LANG);
		if (schema_text(s, n->pairs[i].value, "text", SCHEMA_PARA_MAX,
		    &t))
			return -1;
		strv_push(&r->langs, k->text);
		strv_push(&r->texts, t);
		free(t);
	}
	if (r->texts.n == 0)
		return diag_set(s->diag, s->file, n->line, n->col, D_EMPTY,
		    "text");
	return 0;
}

static int
read_rule(const struct schema *s, const struct node *n, struct rule *r)
{
	static const struct schema_key keys[] = {
		{ "id", 1 }, { "level", 1 }, { "if", 1 }, { "text", 1 },
	};
	const struct node *v[4];
	char q[128];

	r->file = xstrdup(s->file);
	r->line = n->line;
	r->col = n->col;
	if (schema_map(s, n, "rules", keys, 4, v) ||
	    schema_text(s, v[0], "id", SCHEMA_TEXT_MAX, &r->id))
		return -1;
	if (!schema_id_valid(r->id, strlen(r->id))) {
		diag_quote(q, sizeof(q), v[0]->text, v[0]->len);
		return diag_set(s->diag, s->file, v[0]->line, v[0]->col,
		    D_ID_FORMAT, q);
	}
	return read_level(s, v[1], r) || read_if(s, v[2], r) ||
	    read_text(s, v[3], r);
}

int
rules_read(const struct schema *s, const struct node *n, struct rules *rs)
{
	char q[128];
	size_t i, j;

	if (schema_list(s, n, "rules"))
		return -1;
	rs->v = xcalloc(n->n, sizeof(*rs->v));
	for (i = 0; i < n->n; i++) {
		rs->n++;
		if (read_rule(s, n->items[i], &rs->v[i]))
			return -1;
		diag_quote(q, sizeof(q), rs->v[i].id, strlen(rs->v[i].id));
		for (j = 0; j < i; j++)
			if (strcmp(rs->v[j].id, rs->v[i].id) == 0)
				return diag_set(s->diag, s->file,
				    n->items[i]->line, n->items[i]->col,
				    D_DUP_ITEM, "rules", q);
	}
	return 0;
}

void
rules_release(struct rules *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].id);
		strv_release(&rs->v[i].medications);
		strv_release(&rs->v[i].classes);
		strv_release(&rs->v[i].allergies);
		strv_release(&rs->v[i].conditions);
		strv_release(&rs->v[i].langs);
		strv_release(&rs->v[i].texts);
		free(rs->v[i].file);
	}
	free(rs->v);
	rs->v = NULL;
	rs->n = 0;
}

/* Every class a rule names must be one of drugs.yaml. */
int
rules_check_classes(const struct rules *rs, const struct drugs *dr,
    struct diag *d)
{
	const char *near;
	char q[128], hint[96];
	size_t i, j;

	for (i = 0; i < rs->n; i++)
		for (j = 0; j < rs->v[i].classes.n; j++) {
			if (drugs_find(dr, rs->v[i].classes.v[j]) != NULL)
				continue;
			near = drugs_suggest(dr, rs->v[i].classes.v[j]);
			hint[0] = '\0';
			if (near)
				snprintf(hint, sizeof(hint),
				    " (did you mean '%s'?)", near);
			diag_quote(q, sizeof(q), rs->v[i].classes.v[j],
			    strlen(rs->v[i].classes.v[j]));
			return diag_set(d, rs->v[i].file, rs->v[i].line,
			    rs->v[i].col, D_UNKNOWN_CLASS, q, hint);
		}
	return 0;
}

/* The rule's words in a language, else the ones given without one, else the first. */
const char *
rule_text(const struct rule *r, const char *lang)
{
	size_t i;

	for (i = 0; lang != NULL && i < r->langs.n; i++)
		if (strcmp(r->langs.v[i], lang) == 0)
			return r->texts.v[i];
	for (i = 0; i < r->langs.n; i++)
		if (r->langs.v[i][0] == '\0' || strcmp(r->langs.v[i], "en") == 0)
			return r->texts.v[i];
	return r->texts.v[0];
}
