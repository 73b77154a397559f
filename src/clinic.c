#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "norm.h"
#include "schema.h"
#include "terms.h"
#include "tree.h"
#include "xalloc.h"

#define DAY_MINUTES	(24 * 60)

/* A day's hours must open before they close. */
static int
hours_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct hours *h = obj;
	const struct node *at;

	if (h->open < h->close)
		return 0;
	at = schema_get(n, "open");
	return diag_set(s->diag, s->file, at->line, at->col, D_HOURS_ORDER,
	    f->key);
}

static const struct schema_field hours_fields[] = {
	SCHEMA_FIELD("open", SCHEMA_TIME, SCHEMA_REQUIRED, struct hours, open),
	SCHEMA_FIELD("close", SCHEMA_TIME, SCHEMA_REQUIRED, struct hours, close),
};

static const struct schema_map hours_map = {
	"hours", hours_fields, SCHEMA_NFIELDS(hours_fields), hours_check
};

#define DAY_FIELD(k, i) \
	SCHEMA_FIELD(k, SCHEMA_MAP, 0, struct clinic, hours[i], .arg = &hours_map)

static const struct schema_field week_fields[] = {
	DAY_FIELD("mon", 0), DAY_FIELD("tue", 1), DAY_FIELD("wed", 2),
	DAY_FIELD("thu", 3), DAY_FIELD("fri", 4), DAY_FIELD("sat", 5),
	DAY_FIELD("sun", 6),
};

static const struct schema_map week_map = {
	"hours", week_fields, SCHEMA_NFIELDS(week_fields), NULL
};

/* Appointment times in order, each once: the first that fits is the earliest. */
static int
slots_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct clinic *c = obj;
	char q[128];
	size_t i;

	(void)f;
	for (i = 1; i < c->nslots; i++)
		if (c->slots[i] <= c->slots[i - 1])
			return diag_set(s->diag, s->file, n->items[i]->line,
			    n->items[i]->col, D_SLOT_ORDER,
			    diag_quote(q, sizeof(q), n->items[i]->text,
			    n->items[i]->len));
	return 0;
}

static const struct schema_field slot_elem = {
	.key = "slots", .type = SCHEMA_TIME
};

/* A closure of one date, or from a date to another, maybe named. */
static int
closure_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct closure *cl = obj;
	int date, from, to;

	(void)f;
	date = schema_get(n, "date") != NULL;
	from = schema_get(n, "from") != NULL;
	to = schema_get(n, "to") != NULL;
	if (date && !from && !to) {
		cl->range.to = cl->range.from;
		return 0;
	}
	if (date || !from || !to)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_CLOSURE_SHAPE);
	if (cl->range.from > cl->range.to)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_CLOSURE_ORDER);
	return 0;
}

static const struct schema_field closure_fields[] = {
	SCHEMA_FIELD("date", SCHEMA_DATE, 0, struct closure, range.from),
	SCHEMA_FIELD("from", SCHEMA_DATE, 0, struct closure, range.from),
	SCHEMA_FIELD("to", SCHEMA_DATE, 0, struct closure, range.to),
	SCHEMA_FIELD("name", SCHEMA_TEXT, 0, struct closure, name),
};

static const struct schema_map closure_map = {
	"closures", closure_fields, SCHEMA_NFIELDS(closure_fields),
	closure_check
};

/* A closure: a date, or a mapping ({date, name} or {from, to, name}). */
static int
read_closure(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	static const struct schema_field date = {
		.key = "closures", .type = SCHEMA_DATE,
		.off = offsetof(struct closure, range.from)
	};
	static const struct schema_field map = {
		.key = "closures", .type = SCHEMA_MAP, .arg = &closure_map
	};
	struct closure *cl = obj;

	(void)f;
	if (n->kind != NODE_SCALAR)
		return schema_value(s, n, &map, obj);
	if (schema_value(s, n, &date, obj))
		return -1;
	cl->range.to = cl->range.from;
	return 0;
}

static const struct schema_field closure_elem = {
	.key = "closures", .type = SCHEMA_FUNC, .fn = read_closure
};

/*
 * A price of whole units, or units and cents: "150", "150.5", "150.50",
 * at most CLINIC_PRICE_MAX cents.  Read into cents as an integer, so
 * totals never meet floating point.
 */
static int
read_money(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	long whole, part, *cents = (long *)((char *)obj + f->off);
	size_t i, frac;
	char q[128];
	int dot;

	if (n->kind != NODE_SCALAR)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_TEXT,
		    f->key);
	diag_quote(q, sizeof(q), n->text, n->len);
	whole = part = 0;
	dot = 0;
	frac = 0;
	for (i = 0; i < n->len; i++) {
		if (n->text[i] == '.' && !dot && i > 0) {
			dot = 1;
			continue;
		}
		if (n->text[i] < '0' || n->text[i] > '9' || (dot && ++frac > 2))
			return diag_set(s->diag, s->file, n->line, n->col,
			    D_NOT_MONEY, q);
		if (dot)
			part = part * 10 + (n->text[i] - '0');
		else if ((whole = whole * 10 + (n->text[i] - '0')) >
		    CLINIC_PRICE_MAX / 100)
			return diag_set(s->diag, s->file, n->line, n->col,
			    D_MONEY_RANGE, q, CLINIC_PRICE_MAX / 100);
	}
	if (n->len == 0 || (dot && frac == 0))
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_NOT_MONEY, q);
	*cents = whole * 100 + (frac == 1 ? part * 10 : part);
	if (*cents > CLINIC_PRICE_MAX)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_MONEY_RANGE, q, CLINIC_PRICE_MAX / 100);
	return 0;
}

static const struct schema_field price_fields[] = {
	SCHEMA_FIELD("per_visit", SCHEMA_FUNC, SCHEMA_REQUIRED, struct clinic,
	    price, .fn = read_money),
	SCHEMA_FIELD("currency", SCHEMA_TEXT, SCHEMA_REQUIRED, struct clinic,
	    currency),
};

static const struct schema_map price_map = {
	"price", price_fields, SCHEMA_NFIELDS(price_fields), NULL
};

/*
 * A stock item is one ingredient at its strength, or a diluent: a vial
 * that were both, or neither, could not be measured into a recipe.
 */
static int
stock_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct stock *st = obj;
	char q[128];
	int ingredient;

	(void)f;
	st->at = schema_pos(n);
	ingredient = st->ingredient != NULL || st->percent > 0;
	if (ingredient == st->diluent)
		return diag_set(s->diag, s->file, n->line, n->col,
		    st->diluent ? D_STOCK_BOTH : D_STOCK_NEITHER,
		    diag_quote(q, sizeof(q), st->name, strlen(st->name)));
	if (st->diluent)
		return 0;
	if (st->ingredient == NULL || st->percent == 0)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_STOCK_NEITHER, diag_quote(q, sizeof(q), st->name,
		    strlen(st->name)));
	st->folded = norm_fold(st->ingredient);
	return 0;
}

static const struct schema_field stock_fields[] = {
	SCHEMA_FIELD("name", SCHEMA_TEXT, SCHEMA_REQUIRED, struct stock, name),
	SCHEMA_FIELD("ingredient", SCHEMA_TEXT, SCHEMA_AT, struct stock,
	    ingredient, .at = offsetof(struct stock, at_ingredient)),
	SCHEMA_FIELD("percent", SCHEMA_MILLI, 0, struct stock, percent,
	    .min = 1, .max = 100000, .label = "stock percent"),
	SCHEMA_FIELD("diluent", SCHEMA_BOOL, 0, struct stock, diluent),
};

static const struct schema_map stock_map = {
	"stock", stock_fields, SCHEMA_NFIELDS(stock_fields), stock_check
};

static const struct schema_field stock_elem = {
	.key = "stock", .type = SCHEMA_MAP, .arg = &stock_map
};

static const struct schema_field clinic_fields[] = {
	SCHEMA_FIELD("name", SCHEMA_TEXT, 0, struct clinic, name),
	SCHEMA_FIELD("address", SCHEMA_TEXT, 0, struct clinic, address,
	    .max = SCHEMA_PARA_MAX),
	SCHEMA_FIELD("phone", SCHEMA_TEXT, 0, struct clinic, phone),
	SCHEMA_FIELD("timezone", SCHEMA_TEXT, SCHEMA_AT, struct clinic,
	    timezone, .at = offsetof(struct clinic, at_timezone)),
	SCHEMA_FIELD("open", SCHEMA_WEEKDAYS, 0, struct clinic, open_days),
	{ .key = "hours", .type = SCHEMA_MAP, .arg = &week_map },
	SCHEMA_FIELD("slots", SCHEMA_LIST, 0, struct clinic, slots,
	    .count = offsetof(struct clinic, nslots), .size = sizeof(int),
	    .arg = &slot_elem, .check = slots_check),
	SCHEMA_FIELD("visit_minutes", SCHEMA_INT, 0, struct clinic,
	    visit_minutes, .min = 5, .max = DAY_MINUTES),
	SCHEMA_FIELD("capacity", SCHEMA_INT, 0, struct clinic, capacity,
	    .min = 1, .max = CLINIC_CAPACITY_MAX),
	SCHEMA_FIELD("closures", SCHEMA_LIST, 0, struct clinic, closures,
	    .count = offsetof(struct clinic, nclosures),
	    .size = sizeof(struct closure), .arg = &closure_elem),
	{ .key = "price", .type = SCHEMA_MAP, .arg = &price_map },
	RULES_FIELD(struct clinic, rules),
	SCHEMA_FIELD("stock", SCHEMA_LIST, SCHEMA_UNIQUE | SCHEMA_AT,
	    struct clinic, stock, .count = offsetof(struct clinic, nstock),
	    .size = sizeof(struct stock), .id = offsetof(struct stock, name),
	    .at = offsetof(struct clinic, at_stock), .arg = &stock_elem),
	SCHEMA_FIELD("syringe_ml", SCHEMA_MILLI, 0, struct clinic, syringe,
	    .min = CLINIC_SYRINGE_MIN, .max = CLINIC_SYRINGE_MAX),
};

static const struct schema_map clinic_map = {
	"clinic file", clinic_fields, SCHEMA_NFIELDS(clinic_fields), NULL
};

/* A clinic open Monday to Friday, all day, with nothing else known. */
struct clinic *
clinic_default(void)
{
	struct clinic *c;
	int i;

	c = xcalloc(1, sizeof(*c));
	c->open_days = 0x1f;
	for (i = 0; i < 7; i++) {
		c->hours[i].open = 0;
		c->hours[i].close = DAY_MINUTES;
	}
	c->visit_minutes = CLINIC_VISIT_MINUTES;
	c->capacity = 1;
	c->price = -1;
	return c;
}

struct clinic *
clinic_load(const char *path, const char *buf, size_t len, struct diag *d)
{
	struct schema s = { path, d, NULL };
	struct clinic *c;
	struct tree *t;

	if ((t = tree_parse(path, buf, len, d)) == NULL)
		return NULL;
	c = clinic_default();
	c->path = xstrdup(path);
	if (schema_read(&s, tree_root(t), &clinic_map, c)) {
		clinic_free(c);
		c = NULL;
	}
	tree_free(t);
	return c;
}

void
clinic_free(struct clinic *c)
{
	size_t i;

	if (c == NULL)
		return;
	free(c->path);
	free(c->name);
	free(c->address);
	free(c->phone);
	free(c->timezone);
	free(c->slots);
	for (i = 0; i < c->nclosures; i++)
		free(c->closures[i].name);
	free(c->closures);
	free(c->currency);
	rules_release(&c->rules);
	for (i = 0; i < c->nstock; i++) {
		free(c->stock[i].name);
		free(c->stock[i].ingredient);
		free(c->stock[i].folded);
	}
	free(c->stock);
	free(c);
}

/*
 * Each stock's ingredient must be one terms.yaml knows, under any of
 * its names, as a protocol's must: a stock that matched no protocol's
 * ingredient would leave prep saying the clinic has none.
 */
int
clinic_check_terms(struct clinic *c, const struct terms *t, struct diag *d)
{
	struct stock *st;
	char q[128];
	size_t i;

	for (i = 0; i < c->nstock; i++) {
		st = &c->stock[i];
		if (st->diluent || (st->of = terms_ingredient_named(t, st->folded))
		    != NULL)
			continue;
		return diag_set(d, c->path, st->at_ingredient.line,
		    st->at_ingredient.col, D_STOCK_UNKNOWN, diag_quote(q,
		    sizeof(q), st->ingredient, strlen(st->ingredient)));
	}
	return 0;
}

/*
 * The appointment time for a visit on a weekday: the patient's own time
 * if it is one the clinic offers there, else the first slot in the
 * periods asked for (bit 0 morning, bit 1 afternoon, none: any), a slot
 * counting only when the whole visit fits in that day's hours.  Returns
 * TIME_NONE when nothing fits, or when the clinic has no slots and
 * the patient gave no time.
 */
int
clinic_slot(const struct clinic *c, int weekday, int want, int periods)
{
	const struct hours *h = &c->hours[weekday];
	size_t i;
	int t;

	if (c->nslots == 0)
		return want >= 0 && want >= h->open &&
		    want + c->visit_minutes <= h->close ? want : TIME_NONE;
	for (i = 0; i < c->nslots; i++) {
		t = c->slots[i];
		if (t < h->open || t + c->visit_minutes > h->close)
			continue;
		if (want >= 0 ? t == want : periods == 0 ||
		    (periods & (t < 12 * 60 ? 1 : 2)))
			return t;
	}
	return TIME_NONE;
}
