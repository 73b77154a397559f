#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "drugs.h"
#include "norm.h"
#include "rules.h"
#include "schema.h"
#include "tree.h"
#include "xalloc.h"

static const char *const level_names[] = {
	[RULE_NOTE] = "note", [RULE_WARN] = "warn", [RULE_STOP] = "stop",
	NULL
};

/*
 * A rule must match something: an empty 'if' would match everyone.  Its
 * words are kept folded (norm.h), as patients' words are matched.
 */
static int
if_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct rule *r = obj;
	struct strv *lists[] = { &r->medications, &r->allergies,
	    &r->conditions };
	size_t i, j;
	char *folded;

	(void)f;
	if (r->medications.n + r->classes.n + r->all_classes.n +
	    r->allergies.n + r->conditions.n == 0)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_RULE_EMPTY);
	for (i = 0; i < sizeof(lists) / sizeof(*lists); i++)
		for (j = 0; j < lists[i]->n; j++) {
			folded = norm_fold(lists[i]->v[j]);
			free(lists[i]->v[j]);
			lists[i]->v[j] = folded;
		}
	return 0;
}

static const struct schema_field if_fields[] = {
	SCHEMA_FIELD("medications", SCHEMA_TEXTS, 0, struct rule, medications),
	SCHEMA_FIELD("class", SCHEMA_TEXTS, 0, struct rule, classes),
	SCHEMA_FIELD("all_classes", SCHEMA_TEXTS, 0, struct rule, all_classes),
	SCHEMA_FIELD("allergies", SCHEMA_TEXTS, 0, struct rule, allergies),
	SCHEMA_FIELD("conditions", SCHEMA_TEXTS, 0, struct rule, conditions),
};

static const struct schema_map if_map = {
	"if", if_fields, SCHEMA_NFIELDS(if_fields), if_check
};

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
	SCHEMA_FIELD("text", SCHEMA_LANGTEXT, SCHEMA_REQUIRED, struct rule,
	    text, .max = SCHEMA_PARA_MAX),
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
		strv_release(&rs->v[i].all_classes);
		strv_release(&rs->v[i].allergies);
		strv_release(&rs->v[i].conditions);
		schema_langtext_release(&rs->v[i].text);
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
	const struct rule *r;
	size_t i, j;

	for (i = 0; i < rs->n; i++) {
		r = &rs->v[i];
		for (j = 0; j < r->classes.n; j++)
			if (drugs_lookup(dr, r->classes.v[j], r->file, r->at,
			    d) == NULL)
				return -1;
		for (j = 0; j < r->all_classes.n; j++)
			if (drugs_lookup(dr, r->all_classes.v[j], r->file,
			    r->at, d) == NULL)
				return -1;
	}
	return 0;
}

/* The rule's words in a language: see schema_langtext(). */
const char *
rule_text(const struct rule *r, const char *lang)
{
	return schema_langtext(&r->text, lang);
}
