#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "schema.h"
#include "tree.h"
#include "xalloc.h"

enum {
	K_NAME, K_ADDRESS, K_PHONE, K_TIMEZONE, K_OPEN, K_HOURS, K_SLOTS,
	K_VISIT, K_CLOSURES, K_PRICE, K_RULES, K__COUNT
};

static const struct schema_key clinic_keys[K__COUNT] = {
	[K_NAME] =	{ "name", 0 },
	[K_ADDRESS] =	{ "address", 0 },
	[K_PHONE] =	{ "phone", 0 },
	[K_TIMEZONE] =	{ "timezone", 0 },
	[K_OPEN] =	{ "open", 0 },
	[K_HOURS] =	{ "hours", 0 },
	[K_SLOTS] =	{ "slots", 0 },
	[K_VISIT] =	{ "visit_minutes", 0 },
	[K_CLOSURES] =	{ "closures", 0 },
	[K_PRICE] =	{ "price", 0 },
	[K_RULES] =	{ "rules", 0 },
};

static const char *const day_keys[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

#define DAY_MINUTES	(24 * 60)

static int
read_hours(const struct schema *s, const struct node *n, struct clinic *c)
{
	static const struct schema_key keys[] = {
		{ "open", 1 }, { "close", 1 },
	};
	struct schema_key days[7];
	const struct node *v[7], *hv[2];
	size_t i;

	for (i = 0; i < 7; i++) {
		days[i].name = day_keys[i];
		days[i].required = 0;
	}
	if (schema_map(s, n, "hours", days, 7, v))
		return -1;
	for (i = 0; i < 7; i++) {
		if (v[i] == NULL)
			continue;
		if (schema_map(s, v[i], day_keys[i], keys, 2, hv) ||
		    schema_time(s, hv[0], "open", &c->hours[i].open) ||
		    schema_time(s, hv[1], "close", &c->hours[i].close))
			return -1;
		if (c->hours[i].open >= c->hours[i].close)
			return diag_set(s->diag, s->file, hv[0]->line,
			    hv[0]->col, D_HOURS_ORDER, day_keys[i]);
	}
	return 0;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
read_slots(const struct schema *s, const struct node *n, struct clinic *c)
{
	char q[128];
	size_t i;

	if (schema_list(s, n, "slots"))
		return -1;
	c->slots = xcalloc(n->n, sizeof(*c->slots));
	for (i = 0; i < n->n; i++) {
		if (schema_time(s, n->items[i], "slots", &c->slots[i]))
			return -1;
		if (i > 0 && c->slots[i] <= c->slots[i - 1]) {
			diag_quote(q, sizeof(q), n->items[i]->text,
			    n->items[i]->len);
			return diag_set(s->diag, s->file, n->items[i]->line,
			    n->items[i]->col, D_SLOT_ORDER, q);
		}
		c->nslots++;
	}
	qsort(c->slots, c->nslots, sizeof(*c->slots), cmp_int);
	return 0;
}

/* A closure: a date, {from, to} or either with a name ({date, name}). */
static int
read_closure(const struct schema *s, const struct node *n, struct closure *cl)
{
	static const struct schema_key keys[] = {
		{ "date", 0 }, { "from", 0 }, { "to", 0 }, { "name", 0 },
	};
	const struct node *v[4];

	if (n->kind == NODE_SCALAR) {
		if (schema_date(s, n, "closures", &cl->range.from))
			return -1;
		cl->range.to = cl->range.from;
		return 0;
	}
	if (schema_map(s, n, "closures", keys, 4, v))
		return -1;
	if (v[3] && schema_text(s, v[3], "name", SCHEMA_TEXT_MAX, &cl->name))
		return -1;
	if (v[0] && !v[1] && !v[2]) {
		if (schema_date(s, v[0], "date", &cl->range.from))
			return -1;
		cl->range.to = cl->range.from;
		return 0;
	}
	if (v[0] || !v[1] || !v[2])
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_CLOSURE_SHAPE);
	if (schema_date(s, v[1], "from", &cl->range.from) ||
	    schema_date(s, v[2], "to", &cl->range.to))
		return -1;
	if (cl->range.from > cl->range.to)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_CLOSURE_ORDER);
	return 0;
}

static int
read_closures(const struct schema *s, const struct node *n, struct clinic *c)
{
	size_t i;

	if (schema_list(s, n, "closures"))
		return -1;
	c->closures = xcalloc(n->n, sizeof(*c->closures));
	for (i = 0; i < n->n; i++) {
		c->nclosures++;
		if (read_closure(s, n->items[i], &c->closures[i]))
			return -1;
	}
	return 0;
}

/*
 * A price of whole units, or units and cents: "150", "150.5", "150.50",
 * at most CLINIC_PRICE_MAX cents.  Read into cents as an integer, so
 * totals never meet floating point.
 */
static int
read_money(const struct schema *s, const struct node *n, long *cents)
{
	char q[128];
	size_t i, frac;
	long whole, part;
	int dot;

	if (n->kind != NODE_SCALAR)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_TEXT,
		    "per_visit");
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

static int
read_price(const struct schema *s, const struct node *n, struct clinic *c)
{
	static const struct schema_key keys[] = {
		{ "per_visit", 1 }, { "currency", 1 },
	};
	const struct node *v[2];

	return schema_map(s, n, "price", keys, 2, v) ||
	    read_money(s, v[0], &c->price) ||
	    schema_text(s, v[1], "currency", SCHEMA_TEXT_MAX, &c->currency);
}

static int
read_clinic(const struct schema *s, const struct node *root, struct clinic *c)
{
	const struct node *v[K__COUNT];

	if (schema_map(s, root, "clinic file", clinic_keys, K__COUNT, v) ||
	    (v[K_NAME] && schema_text(s, v[K_NAME], "name", SCHEMA_TEXT_MAX,
	    &c->name)) ||
	    (v[K_ADDRESS] && schema_text(s, v[K_ADDRESS], "address",
	    SCHEMA_PARA_MAX, &c->address)) ||
	    (v[K_PHONE] && schema_text(s, v[K_PHONE], "phone",
	    SCHEMA_TEXT_MAX, &c->phone)) ||
	    (v[K_TIMEZONE] && schema_text(s, v[K_TIMEZONE], "timezone",
	    SCHEMA_TEXT_MAX, &c->timezone)) ||
	    (v[K_OPEN] && schema_weekdays(s, v[K_OPEN], "open", &c->open_days)) ||
	    (v[K_HOURS] && read_hours(s, v[K_HOURS], c)) ||
	    (v[K_SLOTS] && read_slots(s, v[K_SLOTS], c)) ||
	    (v[K_VISIT] && schema_int(s, v[K_VISIT], "visit_minutes", 5,
	    DAY_MINUTES, &c->visit_minutes)) ||
	    (v[K_CLOSURES] && read_closures(s, v[K_CLOSURES], c)) ||
	    (v[K_PRICE] && read_price(s, v[K_PRICE], c)) ||
	    (v[K_RULES] && rules_read(s, v[K_RULES], &c->rules)))
		return -1;
	return 0;
}

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
	c->visit_minutes = 45;
	c->price = -1;
	return c;
}

struct clinic *
clinic_load(const char *path, const char *buf, size_t len, struct diag *d)
{
	struct schema s = { path, d };
	struct clinic *c;
	struct tree *t;

	if ((t = tree_parse(path, buf, len, d)) == NULL)
		return NULL;
	c = clinic_default();
	c->path = xstrdup(path);
	if (read_clinic(&s, tree_root(t), c)) {
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
	free(c);
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
