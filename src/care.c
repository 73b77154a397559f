#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "diag.h"
#include "schema.h"
#include "tree.h"
#include "xalloc.h"

static const char *const label_keys[CARE_LABEL_COUNT] = {
	[CARE_PATIENT] = "patient",	[CARE_PATIENT_ID] = "patient_id",
	[CARE_BORN] = "born",		[CARE_PROTOCOL] = "protocol",
	[CARE_SOLUTION] = "solution",	[CARE_SITES] = "sites",
	[CARE_COURSE] = "course",	[CARE_PREPARED] = "prepared",
	[CARE_WARNINGS] = "warnings",	[CARE_SCHEDULE] = "schedule",
	[CARE_VISIT] = "visit",		[CARE_DATE] = "date",
	[CARE_INTERVAL] = "interval",	[CARE_INJECTIONS] = "injections",
	[CARE_STATUS] = "status",	[CARE_DONE] = "done",
	[CARE_PLANNED] = "planned",	[CARE_CLINIC] = "clinic",
	[CARE_PHONE] = "phone",		[CARE_TIME] = "time",
};

static const char *const warning_keys[CARE_W_COUNT] = {
	[CARE_W_LAPSE] = "lapse",	[CARE_W_ALLERGY] = "allergy",
	[CARE_W_ANTICOAG] = "anticoagulant", [CARE_W_PAST] = "past",
	[CARE_W_DONE] = "done",		[CARE_W_OVERRIDE] = "override",
};

/* The placeholders each template may use, space-separated. */
static const char *const warning_vars[CARE_W_COUNT] = {
	[CARE_W_LAPSE] = "last days max",
	[CARE_W_ALLERGY] = "allergy",
	[CARE_W_ANTICOAG] = "medication",
	[CARE_W_PAST] = "date",
	[CARE_W_DONE] = "",
	[CARE_W_OVERRIDE] = "rule reason approved_by",
};

enum {
	K_LANGUAGE, K_TITLE, K_LABELS, K_COURSE, K_COST, K_REVIEW, K_WEEKDAYS,
	K_WARNINGS, K_HOLDS, K_CALENDAR, K_SECTIONS, K_ANTICOAG, K__COUNT
};

static const struct schema_key care_keys[K__COUNT] = {
	[K_LANGUAGE] = { "language", 1 },
	[K_TITLE] = { "title", 1 },	[K_LABELS] = { "labels", 1 },
	[K_COST] = { "cost", 1 },	[K_REVIEW] = { "review", 1 },
	[K_COURSE] = { "course", 1 },	[K_WEEKDAYS] = { "weekdays", 1 },
	[K_WARNINGS] = { "warnings", 1 }, [K_HOLDS] = { "holds", 1 },
	[K_CALENDAR] = { "calendar", 1 },
	[K_SECTIONS] = { "sections", 1 }, [K_ANTICOAG] = { "anticoagulants", 1 },
};

static int
var_allowed(const char *name, size_t len, const char *allowed)
{
	const char *p, *end;

	for (p = allowed; *p; p = end) {
		while (*p == ' ')
			p++;
		end = p;
		while (*end && *end != ' ')
			end++;
		if ((size_t)(end - p) == len && len && memcmp(p, name, len) == 0)
			return 1;
	}
	return 0;
}

/* Every {name} in a template must be one its caller fills in. */
static int
check_template(const struct schema *s, const struct node *n, const char *key,
    const char *allowed)
{
	const char *p, *close;
	char q[128];

	/* Not text: the typed reader that follows says so in its words. */
	if (n->kind != NODE_SCALAR)
		return 0;
	for (p = n->text; (p = strchr(p, '{')) != NULL; p = close + 1) {
		close = strchr(p, '}');
		if (close == NULL || !var_allowed(p + 1,
		    (size_t)(close - p - 1), allowed)) {
			diag_quote(q, sizeof(q), p, close ?
			    (size_t)(close - p + 1) : strlen(p));
			return diag_set(s->diag, s->file, n->line, n->col,
			    D_PLACEHOLDER, key, q);
		}
	}
	return 0;
}

static int
read_template(const struct schema *s, const struct node *n, const char *key,
    const char *allowed, char **out)
{
	if (schema_text(s, n, key, SCHEMA_PARA_MAX, out))
		return -1;
	return check_template(s, n, key, allowed);
}

static int
read_table(const struct schema *s, const struct node *n, const char *key,
    const char *const *names, size_t count, const char *const *vars,
    char **outs)
{
	struct schema_key keys[CARE_LABEL_COUNT] = { { NULL, 0 } };
	const struct node *vals[CARE_LABEL_COUNT];
	size_t i;

	for (i = 0; i < count; i++) {
		keys[i].name = names[i];
		keys[i].required = 1;
	}
	if (schema_map(s, n, key, keys, count, vals))
		return -1;
	for (i = 0; i < count; i++)
		if (read_template(s, vals[i], names[i], vars ? vars[i] : "",
		    &outs[i]))
			return -1;
	return 0;
}

static int
read_holds(const struct schema *s, const struct node *n, struct care *c)
{
	static const struct schema_key keys[] = {
		{ "hold", 1 }, { "none", 1 }, { "prescribed", 1 },
	};
	const struct node *vals[3];

	return schema_map(s, n, "holds", keys, 3, vals) ||
	    read_template(s, vals[0], "hold", "drug from to", &c->hold) ||
	    read_template(s, vals[1], "none", "", &c->hold_none) ||
	    read_template(s, vals[2], "prescribed", "drug from to",
	    &c->hold_prescribed);
}

static int
read_calendar(const struct schema *s, const struct node *n, struct care *c)
{
	static const struct schema_key keys[] = {
		{ "visit", 1 }, { "hold", 1 }, { "alarm", 1 },
	};
	const struct node *vals[3];

	return schema_map(s, n, "calendar", keys, 3, vals) ||
	    read_template(s, vals[0], "visit", "visit visits", &c->cal_visit) ||
	    read_template(s, vals[1], "hold", "drug", &c->cal_hold) ||
	    read_template(s, vals[2], "alarm", "", &c->cal_alarm);
}

static int
read_section(const struct schema *s, const struct node *n,
    struct care_section *sec)
{
	static const struct schema_key keys[] = {
		{ "id", 1 }, { "title", 1 }, { "text", 1 },
	};
	const struct node *vals[3];
	size_t i;

	if (schema_map(s, n, "sections", keys, 3, vals) ||
	    schema_text(s, vals[0], "id", SCHEMA_TEXT_MAX, &sec->id) ||
	    schema_text(s, vals[1], "title", SCHEMA_TEXT_MAX, &sec->title) ||
	    schema_list(s, vals[2], "text"))
		return -1;
	for (i = 0; i < vals[2]->n; i++)
		if (check_template(s, vals[2]->items[i], "text", ""))
			return -1;
	return schema_text_list(s, vals[2], "text", SCHEMA_PARA_MAX,
	    &sec->text);
}

static int
read_sections(const struct schema *s, const struct node *n, struct care *c)
{
	char q[128];
	size_t i, j;

	if (schema_list(s, n, "sections"))
		return -1;
	c->sections = xcalloc(n->n, sizeof(*c->sections));
	for (i = 0; i < n->n; i++) {
		/* Counted first, so care_free() frees a half-read section. */
		c->nsections++;
		if (read_section(s, n->items[i], &c->sections[i]))
			return -1;
		diag_quote(q, sizeof(q), c->sections[i].id,
		    strlen(c->sections[i].id));
		for (j = 0; j < i; j++)
			if (strcmp(c->sections[j].id, c->sections[i].id) == 0)
				return diag_set(s->diag, s->file,
				    n->items[i]->line, n->items[i]->col,
				    D_DUP_ITEM, "sections", q);
	}
	return 0;
}

static int
read_weekdays(const struct schema *s, const struct node *n, struct care *c)
{
	size_t i;

	if (schema_list(s, n, "weekdays"))
		return -1;
	if (n->n != 7)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_WEEKDAY_NAMES, (int)n->n);
	for (i = 0; i < 7; i++)
		if (schema_text(s, n->items[i], "weekdays", SCHEMA_TEXT_MAX,
		    &c->weekdays[i]))
			return -1;
	return 0;
}

static int
read_care(const struct schema *s, const struct node *root, struct care *c)
{
	const struct node *v[K__COUNT];

	return schema_map(s, root, "care file", care_keys, K__COUNT, v) ||
	    schema_text(s, v[K_LANGUAGE], "language", SCHEMA_TEXT_MAX,
	    &c->language) ||
	    schema_text(s, v[K_TITLE], "title", SCHEMA_TEXT_MAX, &c->title) ||
	    read_template(s, v[K_COST], "cost", "visits price total",
	    &c->cost) ||
	    read_template(s, v[K_REVIEW], "review", "visit date", &c->review) ||
	    read_table(s, v[K_LABELS], "labels", label_keys, CARE_LABEL_COUNT,
	    NULL, c->labels) ||
	    read_template(s, v[K_COURSE], "course",
	    "visits per_visit min max preferred", &c->course) ||
	    read_weekdays(s, v[K_WEEKDAYS], c) ||
	    read_table(s, v[K_WARNINGS], "warnings", warning_keys,
	    CARE_W_COUNT, warning_vars, c->warnings) ||
	    read_holds(s, v[K_HOLDS], c) ||
	    read_calendar(s, v[K_CALENDAR], c) ||
	    read_sections(s, v[K_SECTIONS], c) ||
	    schema_text_list(s, v[K_ANTICOAG], "anticoagulants",
	    SCHEMA_TEXT_MAX, &c->anticoagulants);
}

struct care *
care_load(const char *path, const char *buf, size_t len, struct diag *d)
{
	struct schema s = { path, d };
	struct care *c;
	struct tree *t;

	if ((t = tree_parse(path, buf, len, d)) == NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	if (read_care(&s, tree_root(t), c)) {
		care_free(c);
		c = NULL;
	}
	tree_free(t);
	return c;
}

void
care_free(struct care *c)
{
	size_t i;

	if (c == NULL)
		return;
	free(c->title);
	for (i = 0; i < CARE_LABEL_COUNT; i++)
		free(c->labels[i]);
	free(c->course);
	for (i = 0; i < 7; i++)
		free(c->weekdays[i]);
	for (i = 0; i < CARE_W_COUNT; i++)
		free(c->warnings[i]);
	free(c->hold);
	free(c->hold_none);
	free(c->hold_prescribed);
	free(c->cal_visit);
	free(c->cal_hold);
	free(c->cal_alarm);
	free(c->language);
	free(c->cost);
	free(c->review);
	for (i = 0; i < c->nsections; i++) {
		free(c->sections[i].id);
		free(c->sections[i].title);
		strv_release(&c->sections[i].text);
	}
	free(c->sections);
	strv_release(&c->anticoagulants);
	free(c);
}

const struct care_section *
care_section(const struct care *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nsections; i++)
		if (strcmp(c->sections[i].id, id) == 0)
			return &c->sections[i];
	return NULL;
}

const char *
care_suggest_section(const struct care *c, const char *id)
{
	const char *names[32];
	size_t i;

	for (i = 0; i < c->nsections && i < 32; i++)
		names[i] = c->sections[i].id;
	return schema_suggest(id, names, i);
}

/* Returns a new string with each {name} replaced by its value. */
char *
care_expand(const char *tmpl, const struct care_var *vars, size_t n)
{
	const char *p, *close = NULL;
	char *out;
	size_t len, cap, vlen, i, k;

	cap = strlen(tmpl) + 64;
	out = xmalloc(cap);
	len = 0;
	for (p = tmpl; *p; ) {
		k = 0;
		vlen = 1;
		if (*p == '{' && (close = strchr(p, '}')) != NULL) {
			for (i = 0; i < n; i++) {
				if (strlen(vars[i].name) ==
				    (size_t)(close - p - 1) &&
				    memcmp(vars[i].name, p + 1,
				    (size_t)(close - p - 1)) == 0)
					break;
			}
			if (i < n) {
				k = 1;
				vlen = strlen(vars[i].value);
			}
		}
		if (len + vlen + 1 > cap) {
			cap = (len + vlen + 1) * 2;
			out = xreallocarray(out, cap, 1);
		}
		if (k) {
			memcpy(out + len, vars[i].value, vlen);
			len += vlen;
			p = close + 1;
		} else
			out[len++] = *p++;
	}
	out[len] = '\0';
	return out;
}
