#include <stddef.h>
#include <stdio.h>
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
	NULL
};

/* A rule must match something: an empty 'if' would match everyone. */
static int
if_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct rule *r = obj;

	(void)f;
	if (r->medications.n + r->classes.n + r->allergies.n +
	    r->conditions.n == 0)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_RULE_EMPTY);
	return 0;
}

static const struct schema_field if_fields[] = {
	SCHEMA_FIELD("medications", SCHEMA_TEXTS, 0, struct rule, medications),
	SCHEMA_FIELD("class", SCHEMA_TEXTS, 0, struct rule, classes),
	SCHEMA_FIELD("allergies", SCHEMA_TEXTS, 0, struct rule, allergies),
	SCHEMA_FIELD("conditions", SCHEMA_TEXTS, 0, struct rule, conditions),
};

static const struct schema_map if_map = {
	"if", if_fields, SCHEMA_NFIELDS(if_fields), if_check
};

/* "text" is one string, or a mapping from language code to string. */
static int
read_text(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	static const struct schema_field text = {
		.key = "text", .type = SCHEMA_TEXT, .max = SCHEMA_PARA_MAX
	};
	struct rule *r = obj;
	const struct node *k;
	char *t;
	size_t i;

	(void)f;
	if (n->kind != NODE_MAP) {
		if (schema_value(s, n, &text, &t))
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
		if (schema_value(s, n->pairs[i].value, &text, &t))
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

/* Where a rule was written, for messages about it once the file is closed. */
static int
rule_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct rule *r = obj;

	(void)n;
	(void)f;
	r->file = xstrdup(s->file);
	return 0;
}

static const struct schema_field rule_fields[] = {
	SCHEMA_FIELD("id", SCHEMA_ID, SCHEMA_REQUIRED, struct rule, id),
	SCHEMA_FIELD("level", SCHEMA_ENUM, SCHEMA_REQUIRED, struct rule, level,
	    .arg = level_names),
	{ .key = "if", .type = SCHEMA_MAP, .flags = SCHEMA_REQUIRED,
	  .arg = &if_map },
	{ .key = "text", .type = SCHEMA_FUNC, .flags = SCHEMA_REQUIRED,
	  .fn = read_text },
};

static const struct schema_map rule_map = {
	"rules", rule_fields, SCHEMA_NFIELDS(rule_fields), rule_check
};

/* An item of a file's rules: see RULES_FIELD() in rules.h. */
const struct schema_field rules_elem = {
	.key = "rules", .type = SCHEMA_MAP, .flags = SCHEMA_AT,
	.at = offsetof(struct rule, at), .arg = &rule_map
};

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
			return diag_set(d, rs->v[i].file, rs->v[i].at.line,
			    rs->v[i].at.col, D_UNKNOWN_CLASS, q, hint);
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
