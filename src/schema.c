#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "diag.h"
#include "schema.h"
#include "strv.h"
#include "tree.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * Distance between two words counting insertions, deletions,
 * substitutions and swaps of neighbours (optimal string alignment), so
 * that 'strat' is one step from 'start'.
 */
static size_t
osa_distance(const char *a, const char *b)
{
	size_t la, lb, i, j, d[33][33], c, best;

	la = strlen(a);
	lb = strlen(b);
	if (la > 32 || lb > 32)
		return 99;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			c = a[i - 1] != b[j - 1];
			best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + c < best)
				best = d[i - 1][j - 1] + c;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

/* The candidate nearest to word, if near enough to be a likely typo. */
const char *
schema_suggest(const char *word, const char *const *cands, size_t n)
{
	const char *best;
	size_t i, d, bestd, len;

	best = NULL;
	bestd = 3;
	len = strlen(word);
	for (i = 0; i < n; i++) {
		d = osa_distance(word, cands[i]);
		if (d < bestd && d < len && d < strlen(cands[i])) {
			best = cands[i];
			bestd = d;
		}
	}
	return best;
}

#define AT(obj, off)	((void *)((char *)(obj) + (off)))

static int	read_mapping(const struct schema *, const struct node *,
		    const struct schema_map *, const struct schema_field *,
		    void *);

static int
fail_at(const struct schema *s, const struct node *n, enum diag_code code,
    const char *label)
{
	return diag_set(s->diag, s->file, n->line, n->col, code, label);
}

/* What messages call a field: its label, else its key. */
static const char *
label(const struct schema_field *f)
{
	return f->label != NULL ? f->label : f->key;
}

/* A scalar quoted for a message: at most DIAG_QUOTE_MAX characters. */
static const char *
quote(char *buf, size_t size, const struct node *n)
{
	return diag_quote(buf, size, n->text, n->len);
}

static int
is_blank(const struct node *n)
{
	return n->kind == NODE_SCALAR && n->plain && n->len == 0;
}

struct pos
schema_pos(const struct node *n)
{
	struct pos p = { n->line, n->col };

	return p;
}

/* The value of key in a mapping, or NULL when it is absent or blank. */
const struct node *
schema_get(const struct node *map, const char *key)
{
	size_t i;

	for (i = 0; map->kind == NODE_MAP && i < map->n; i++)
		if (map->pairs[i].key->kind == NODE_SCALAR &&
		    strcmp(map->pairs[i].key->text, key) == 0)
			return is_blank(map->pairs[i].value) ? NULL :
			    map->pairs[i].value;
	return NULL;
}

/*
 * Words a person writes for a key that are not near its spelling, so
 * the edit distance cannot find it: "holidays" for closures.  A word
 * points to a key only in a mapping that has that key, so one word may
 * mean closures in a clinic file and unavailable in a patient's.
 */
static const struct schema_alias {
	const char	*word;
	const char	*key;
} schema_aliases[] = {
	{ "holidays",		"closures" },
	{ "holiday",		"closures" },
	{ "vacation",		"closures" },
	{ "vacations",		"closures" },
	{ "closed",		"closures" },
	{ "closings",		"closures" },
	{ "holidays",		"unavailable" },
	{ "holiday",		"unavailable" },
	{ "vacation",		"unavailable" },
	{ "vacations",		"unavailable" },
	{ "away",		"unavailable" },
	{ "absent",		"unavailable" },
	{ "days",		"weekdays" },
	{ "availability",	"weekdays" },
	{ "available",		"weekdays" },
	{ "meds",		"medications" },
	{ "drugs",		"medications" },
	{ "medicines",		"medications" },
	{ "medication",		"medications" },
	{ "allergy",		"allergies" },
	{ "dob",		"birth_date" },
	{ "birthdate",		"birth_date" },
	{ "birthday",		"birth_date" },
	{ "date_of_birth",	"birth_date" },
	{ "born",		"birth_date" },
	{ "diagnoses",		"conditions" },
	{ "diagnosis",		"conditions" },
	{ "weight",		"weight_kg" },
	{ "days",		"open" },
	{ "open_days",		"open" },
	{ "opening_days",	"open" },
	{ "opening_hours",	"hours" },
	{ "times",		"slots" },
	{ "appointments",	"slots" },
};

/* The key of m an alias points to, if m has it. */
static const char *
alias_key(const char *word, const struct schema_map *m)
{
	size_t i, j;

	for (i = 0; i < SCHEMA_NFIELDS(schema_aliases); i++) {
		if (strcmp(schema_aliases[i].word, word) != 0)
			continue;
		for (j = 0; j < m->nfields; j++)
			if (m->fields[j].key != NULL &&
			    strcmp(m->fields[j].key, schema_aliases[i].key) == 0)
				return m->fields[j].key;
	}
	return NULL;
}

/* The key of the table m a mistyped or other word means, or NULL. */
static const char *
near_key(const char *key, const struct schema_map *m)
{
	const char *names[SCHEMA_KEYS_MAX] = { NULL };
	const char *alias;
	size_t i;

	if ((alias = alias_key(key, m)) != NULL)
		return alias;
	for (i = 0; i < m->nfields; i++)
		names[i] = m->fields[i].key;
	return schema_suggest(key, names, i);
}

static int
unknown_key(const struct schema *s, const struct node *key,
    const struct schema_map *m)
{
	const char *near;
	char q[128], hint[96];

	near = near_key(key->text, m);
	hint[0] = '\0';
	if (near)
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", near);
	return diag_set(s->diag, s->file, key->line, key->col, D_UNKNOWN_KEY,
	    quote(q, sizeof(q), key), hint);
}

/*
 * Matches a mapping's keys against a table: vals[i] receives the value
 * of field i, or NULL where it is absent or left blank.  Unknown,
 * duplicate and missing keys are errors; a missing key is reported at
 * the mapping that lacks it.
 */
static int
match_keys(const struct schema *s, const struct node *map,
    const struct schema_map *m, const struct node **vals)
{
	const struct node *key, *seen[SCHEMA_KEYS_MAX];
	const struct schema_field *f;
	size_t i, k;

	if (m->nfields > SCHEMA_KEYS_MAX)
		abort();	/* a table in the code, not input */
	for (k = 0; k < m->nfields; k++)
		vals[k] = seen[k] = NULL;
	for (i = 0; i < map->n; i++) {
		key = map->pairs[i].key;
		if (key->kind != NODE_SCALAR)
			return fail_at(s, key, D_KEY_NOT_TEXT, NULL);
		/* The first letters differ for nearly every pair. */
		for (k = 0; k < m->nfields; k++)
			if (m->fields[k].key[0] == key->text[0] &&
			    strcmp(m->fields[k].key, key->text) == 0 &&
			    strlen(key->text) == key->len)
				break;
		if (k == m->nfields)
			return unknown_key(s, key, m);
		f = &m->fields[k];
		if (seen[k])
			return diag_set(s->diag, s->file, key->line, key->col,
			    D_DUP_KEY, f->key, seen[k]->line);
		seen[k] = key;
		if (is_blank(map->pairs[i].value)) {
			if (f->flags & SCHEMA_REQUIRED)
				return fail_at(s, key, D_EMPTY, f->key);
			continue;
		}
		vals[k] = map->pairs[i].value;
	}
	for (k = 0; k < m->nfields; k++)
		if ((m->fields[k].flags & SCHEMA_REQUIRED) && seen[k] == NULL)
			return fail_at(s, map, D_MISSING, m->fields[k].key);
	return 0;
}

/*
 * A format character is named by its code point, and by its name where
 * people know one, since the message is all that shows it is there.
 */
static int
format_refused(const struct schema *s, const struct node *n,
    const char *label, uint32_t cp)
{
	const char *name;

	if ((name = utf8_format_name(cp)) != NULL)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_FORMAT_NAMED, label, (unsigned)cp, name);
	return diag_set(s->diag, s->file, n->line, n->col, D_FORMAT, label,
	    (unsigned)cp);
}

/*
 * Text: a scalar with something to read in it (white space of any kind,
 * an ideographic space too, is nothing), no control or format characters,
 * at most max bytes.  Format characters are invisible, and the handout
 * would not say what the file seems to: a right-to-left override shows
 * the dates after it backwards.  They are refused rather than dropped:
 * text is kept as written, and whoever wrote it learns it holds more
 * than it shows.
 */
static int
text_check(const struct schema *s, const struct node *n, const char *label,
    long max)
{
	uint32_t cp;

	if (n->kind != NODE_SCALAR)
		return fail_at(s, n, D_NOT_TEXT, label);
	if (utf8_blank(n->text, n->len))
		return fail_at(s, n, D_EMPTY, label);
	if (!utf8_printable(n->text, n->len)) {
		if (utf8_has_control(n->text, n->len))
			return fail_at(s, n, D_CONTROL, label);
		if ((cp = utf8_format(n->text, n->len)) != 0)
			return format_refused(s, n, label, cp);
	}
	if (n->len > (size_t)max)
		return diag_set(s->diag, s->file, n->line, n->col, D_TOO_LONG,
		    label, (int)max);
	return 0;
}

static long
text_max(const struct schema_field *f)
{
	return f->max > 0 ? f->max : SCHEMA_TEXT_MAX;
}

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
placeholders_check(const struct schema *s, const struct node *n,
    const char *label, const char *allowed)
{
	const char *p, *close;
	char q[128];

	for (p = n->text; (p = strchr(p, '{')) != NULL; p = close + 1) {
		close = strchr(p, '}');
		if (close == NULL || !var_allowed(p + 1,
		    (size_t)(close - p - 1), allowed)) {
			diag_quote(q, sizeof(q), p, close ?
			    (size_t)(close - p + 1) : strlen(p));
			return diag_set(s->diag, s->file, n->line, n->col,
			    D_PLACEHOLDER, label, q);
		}
	}
	return 0;
}

static int
read_text(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	if (text_check(s, n, label(f), text_max(f)) ||
	    (f->type == SCHEMA_TEMPLATE &&
	    placeholders_check(s, n, label(f), f->arg)))
		return -1;
	*(char **)AT(obj, f->off) = xstrndup(n->text, n->len);
	return 0;
}

/* The places of a list's items (or of a value standing for a list of one). */
static void
items_at(const struct node *n, const struct schema_field *f, void *obj)
{
	struct pos *at;
	size_t i, count;

	if (!(f->flags & SCHEMA_ITEMS_AT))
		return;
	count = n->kind == NODE_LIST ? n->n : 1;
	at = xcalloc(count, sizeof(*at));
	for (i = 0; i < count; i++)
		at[i] = schema_pos(n->kind == NODE_LIST ? n->items[i] : n);
	free(*(struct pos **)AT(obj, f->items_at));
	*(struct pos **)AT(obj, f->items_at) = at;
}

static int
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * A list of distinct texts, equal ignoring case counting as the same.
 * A single value stands for a list of one ("sites: knee"), which is how
 * people write it by hand.
 */
static int
read_texts(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct strv *out = AT(obj, f->off);
	const struct node *item;
	char q[128];
	size_t i, j, count;

	if (n->kind == NODE_MAP)
		return fail_at(s, n, D_NOT_LIST, label(f));
	count = n->kind == NODE_LIST ? n->n : 1;
	if (count > SCHEMA_LIST_MAX)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_LIST_LONG, label(f), SCHEMA_LIST_MAX);
	items_at(n, f, obj);
	for (i = 0; i < count; i++) {
		item = n->kind == NODE_LIST ? n->items[i] : n;
		/* Checked text holds no NUL: item->text is all of it. */
		if (text_check(s, item, label(f), text_max(f)) ||
		    (f->arg != NULL &&
		    placeholders_check(s, item, label(f), f->arg)))
			return -1;
		for (j = 0; j < out->n; j++)
			/* The first letters differ for nearly every pair. */
			if (ascii_lower(out->v[j][0]) ==
			    ascii_lower(item->text[0]) &&
			    strcasecmp(out->v[j], item->text) == 0)
				return diag_set(s->diag, s->file, item->line,
				    item->col, D_DUP_ITEM, label(f),
				    quote(q, sizeof(q), item));
		strv_pushn(out, item->text, item->len);
	}
	if ((f->flags & SCHEMA_NONEMPTY) && out->n == 0)
		return fail_at(s, n, D_EMPTY, label(f));
	return 0;
}

/*
 * A whole number in base 10: digits only, no sign, no leading zero (a
 * YAML 1.1 reader would take 010 as octal 8, so it is refused rather
 * than guessed), within min..max.
 */
static int
read_int(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	char q[128];
	long v;
	size_t i;

	if (n->kind != NODE_SCALAR)
		return fail_at(s, n, D_NOT_TEXT, label(f));
	if (n->len == 0 || (n->len > 1 && n->text[0] == '0'))
		goto not_int;
	for (i = 0, v = 0; i < n->len; i++) {
		if (n->text[i] < '0' || n->text[i] > '9')
			goto not_int;
		if (v <= 1000000000L)
			v = v * 10 + (n->text[i] - '0');
	}
	if (v < f->min || v > f->max)
		return diag_set(s->diag, s->file, n->line, n->col, D_INT_RANGE,
		    label(f), (int)f->min, (int)f->max, quote(q, sizeof(q), n));
	*(int *)AT(obj, f->off) = (int)v;
	return 0;
not_int:
	return diag_set(s->diag, s->file, n->line, n->col, D_NOT_INT,
	    label(f), quote(q, sizeof(q), n));
}

/*
 * A decimal number as clinicians write doses and weights: digits, then
 * at most 3 decimals after a point ("12.5", "0.25", "60").  No sign,
 * exponent or unit, and no leading zero before a digit (YAML 1.1 octal,
 * as for whole numbers).  Kept exact, in thousandths, so that limits
 * compare without rounding.  Returns 0, or -1 if t is not one or is
 * above a million.
 */
int
schema_milli_parse(const char *t, size_t len, long *out)
{
	size_t i = 0, places = 0;
	long v = 0;

	if (len == 0 || (len > 1 && t[0] == '0' && t[1] != '.'))
		return -1;
	for (; i < len && t[i] >= '0' && t[i] <= '9'; i++)
		if ((v = v * 10 + (t[i] - '0')) > 1000000L)
			return -1;
	if (i == 0)
		return -1;
	v *= 1000;
	if (i < len && t[i] == '.') {
		if (++i == len)
			return -1;
		for (; i < len && t[i] >= '0' && t[i] <= '9'; i++) {
			if (++places > 3)
				return -1;
			v += (t[i] - '0') * (places == 1 ? 100 :
			    places == 2 ? 10 : 1);
		}
	}
	if (i != len)
		return -1;
	*out = v;
	return 0;
}

/*
 * Thousandths as the shortest decimal that gives them back: "12.5".
 * Written digit by digit, not with printf: a census writes a few for
 * every visit of every patient.  Truncated to fit size.
 */
char *
schema_milli_str(char *buf, size_t size, long v)
{
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	unsigned long whole = u / 1000, frac = u % 1000;
	char tmp[32];
	size_t n = 0, i;
	int places = 3;

	for (; places > 0 && frac % 10 == 0; places--)
		frac /= 10;
	for (; places > 0; places--, frac /= 10)
		tmp[n++] = (char)('0' + frac % 10);
	if (n > 0)
		tmp[n++] = '.';
	do
		tmp[n++] = (char)('0' + whole % 10);
	while ((whole /= 10) > 0);
	if (v < 0)
		tmp[n++] = '-';
	for (i = 0; i < n && i + 1 < size; i++)
		buf[i] = tmp[n - 1 - i];
	if (size > 0)
		buf[i] = '\0';
	return buf;
}

static int
read_milli(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	char q[128], lo[32], hi[32];
	long v;

	if (n->kind != NODE_SCALAR)
		return fail_at(s, n, D_NOT_TEXT, label(f));
	if (schema_milli_parse(n->text, n->len, &v) != 0)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_NOT_NUMBER, label(f), quote(q, sizeof(q), n));
	if (v < f->min || v > f->max)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_NUMBER_RANGE, label(f),
		    schema_milli_str(lo, sizeof(lo), f->min),
		    schema_milli_str(hi, sizeof(hi), f->max),
		    quote(q, sizeof(q), n));
	*(long *)AT(obj, f->off) = v;
	return 0;
}

/* A date that exists, written YYYY-MM-DD, as a day number. */
static int
read_date(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	enum date_error err;
	char q[128];
	int y, m;

	if (n->kind != NODE_SCALAR)
		return fail_at(s, n, D_NOT_TEXT, label(f));
	if ((err = date_parse(n->text, n->len, AT(obj, f->off))) == DATE_OK)
		return 0;
	quote(q, sizeof(q), n);
	/* Past DATE_SYNTAX and DATE_YEAR, digits are where digits go. */
	y = err > DATE_YEAR ? (int)strtol(n->text, NULL, 10) : 0;
	m = err > DATE_YEAR ? (int)strtol(n->text + 5, NULL, 10) : 0;
	switch (err) {
	case DATE_SYNTAX:
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_DATE,
		    label(f), q);
	case DATE_YEAR:
		return diag_set(s->diag, s->file, n->line, n->col, D_DATE_YEAR,
		    label(f), q, DATE_MIN_YEAR, DATE_MAX_YEAR);
	case DATE_MONTH:
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_DATE_MONTH, label(f), q, m);
	default:
		return diag_set(s->diag, s->file, n->line, n->col, D_DATE_DAY,
		    label(f), q, date_month_days(y, m));
	}
}

/* A time of day written HH:MM, as minutes after midnight. */
static int
read_time(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	char q[128];

	if (n->kind != NODE_SCALAR)
		return fail_at(s, n, D_NOT_TEXT, label(f));
	if (date_time_parse(n->text, n->len, AT(obj, f->off)) != 0)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_TIME,
		    label(f), quote(q, sizeof(q), n));
	return 0;
}

static int
read_bool(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	if (n->kind != NODE_SCALAR || (strcmp(n->text, "true") != 0 &&
	    strcmp(n->text, "false") != 0))
		return fail_at(s, n, D_NOT_BOOL, label(f));
	*(int *)AT(obj, f->off) = strcmp(n->text, "true") == 0;
	return 0;
}

/* Ids double as file names, so they are kept to [a-z0-9-]+. */
int
schema_id_valid(const char *id, size_t len)
{
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') ||
		    (id[i] >= '0' && id[i] <= '9') || id[i] == '-'))
			return 0;
	return 1;
}

/* Language codes name data files too, so they are two lowercase letters. */
int
schema_lang_valid(const char *lang)
{
	return strlen(lang) == 2 && lang[0] >= 'a' && lang[0] <= 'z' &&
	    lang[1] >= 'a' && lang[1] <= 'z';
}

/* An id or a language code: text that must also have its form. */
static int
read_code(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	char q[128];

	if (text_check(s, n, label(f), SCHEMA_TEXT_MAX))
		return -1;
	if (f->type == SCHEMA_ID ? !schema_id_valid(n->text, n->len) :
	    !schema_lang_valid(n->text))
		return diag_set(s->diag, s->file, n->line, n->col,
		    f->type == SCHEMA_ID ? D_ID_FORMAT : D_LANG, label(f),
		    quote(q, sizeof(q), n));
	*(char **)AT(obj, f->off) = xstrndup(n->text, n->len);
	return 0;
}

/* Accepts "mon" or "monday" in any case; returns 0..6 or -1. */
static int
weekday_index(const char *t, size_t len)
{
	static const char *const names[7] = {
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday"
	};
	int i;

	/* The first letters differ for nearly every name. */
	for (i = 0; i < 7; i++)
		if (ascii_lower(t[0]) == names[i][0] &&
		    (len == 3 || len == strlen(names[i])) &&
		    strncasecmp(t, names[i], len) == 0)
			return i;
	return -1;
}

static int
list_check(const struct schema *s, const struct node *n,
    const struct schema_field *f)
{
	if (n->kind != NODE_LIST)
		return fail_at(s, n, D_NOT_LIST, label(f));
	if (n->n > SCHEMA_LIST_MAX)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_LIST_LONG, label(f), SCHEMA_LIST_MAX);
	return 0;
}

/* A non-empty list of distinct weekdays, as a mask (bit 0 = Monday). */
static int
read_weekdays(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct node *item;
	unsigned *mask = AT(obj, f->off);
	char q[128];
	size_t i;
	int w;

	if (list_check(s, n, f))
		return -1;
	if (n->n == 0)
		return fail_at(s, n, D_NO_WEEKDAYS, label(f));
	*mask = 0;
	for (i = 0; i < n->n; i++) {
		item = n->items[i];
		if (item->kind != NODE_SCALAR)
			return fail_at(s, item, D_NOT_TEXT, label(f));
		if ((w = weekday_index(item->text, item->len)) < 0)
			return diag_set(s->diag, s->file, item->line,
			    item->col, D_WEEKDAY, quote(q, sizeof(q), item));
		if (*mask & (1u << w))
			return diag_set(s->diag, s->file, item->line,
			    item->col, D_DUP_ITEM, label(f),
			    quote(q, sizeof(q), item));
		*mask |= 1u << w;
	}
	return 0;
}

/* One of a few names, as its index: "note, warn or stop" in messages. */
static int
read_enum(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const char *const *names = f->arg;
	char q[128], list[128];
	size_t len;
	int i;

	for (i = 0; n->kind == NODE_SCALAR && names[i] != NULL; i++)
		if (strcmp(n->text, names[i]) == 0) {
			*(int *)AT(obj, f->off) = i;
			return 0;
		}
	list[0] = '\0';
	for (i = 0, len = 0; names[i] != NULL && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		    i == 0 ? "" : names[i + 1] == NULL ? " or " : ", ",
		    names[i]);
	return diag_set(s->diag, s->file, n->line, n->col, D_ENUM, label(f),
	    list, n->kind == NODE_SCALAR ? quote(q, sizeof(q), n) :
	    "a list or mapping");
}

/*
 * The i-th key of a mapping by language: a language code, given once,
 * since a second text in one language would be silently one too many.
 */
static int
lang_key(const struct schema *s, const struct node *n, size_t i,
    const struct schema_field *f)
{
	const struct node *k = n->pairs[i].key;
	size_t j;

	if (k->kind != NODE_SCALAR || !schema_lang_valid(k->text))
		return fail_at(s, k, D_LANG_KEY, label(f));
	for (j = 0; j < i; j++)
		if (strcmp(n->pairs[j].key->text, k->text) == 0)
			return diag_set(s->diag, s->file, k->line, k->col,
			    D_DUP_KEY, k->text, n->pairs[j].key->line);
	return 0;
}

/* Where the i-th value of a language's was given, into at. */
static void
lang_at(struct pos **at, size_t i, const struct node *v)
{
	*at = xreallocarray(*at, i + 1, sizeof(**at));
	(*at)[i] = schema_pos(v);
}

/* f as the reader of one language's value: of type t, nothing else. */
static struct schema_field
lang_value(const struct schema_field *f, enum schema_type t)
{
	struct schema_field v = *f;

	v.type = t;
	v.off = 0;
	v.flags &= SCHEMA_NONEMPTY;
	v.check = NULL;
	return v;
}

/* One text, or a mapping from language code to text. */
static int
read_langtext(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct langtext *lt = AT(obj, f->off);
	struct schema_field text = lang_value(f, SCHEMA_TEXT);
	char *t;
	size_t i;

	if (n->kind != NODE_MAP) {
		if (schema_value(s, n, &text, &t))
			return -1;
		lang_at(&lt->at, lt->texts.n, n);
		strv_push(&lt->langs, "");
		strv_push(&lt->texts, t);
		free(t);
		return 0;
	}
	for (i = 0; i < n->n; i++) {
		if (lang_key(s, n, i, f) ||
		    schema_value(s, n->pairs[i].value, &text, &t))
			return -1;
		lang_at(&lt->at, lt->texts.n, n->pairs[i].value);
		strv_push(&lt->langs, n->pairs[i].key->text);
		strv_push(&lt->texts, t);
		free(t);
	}
	if (lt->texts.n == 0)
		return fail_at(s, n, D_EMPTY, label(f));
	return 0;
}

/*
 * A list of texts (as SCHEMA_TEXTS), or a mapping from language code to
 * such a list.  The list is added before it is read, so that one half
 * read is released with the rest.
 */
static int
read_langlist(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct langlist *ll = AT(obj, f->off);
	struct schema_field texts = lang_value(f, SCHEMA_TEXTS);
	const struct node *v;
	size_t i, count;

	count = n->kind == NODE_MAP ? n->n : 1;
	if (n->kind == NODE_MAP && count == 0)
		return fail_at(s, n, D_EMPTY, label(f));
	for (i = 0; i < count; i++) {
		if (n->kind == NODE_MAP && lang_key(s, n, i, f))
			return -1;
		v = n->kind == NODE_MAP ? n->pairs[i].value : n;
		ll->lists = xreallocarray(ll->lists, ll->langs.n + 1,
		    sizeof(*ll->lists));
		memset(&ll->lists[ll->langs.n], 0, sizeof(*ll->lists));
		lang_at(&ll->at, ll->langs.n, v);
		strv_push(&ll->langs, n->kind == NODE_MAP ?
		    n->pairs[i].key->text : "");
		if (schema_value(s, v, &texts, &ll->lists[ll->langs.n - 1]))
			return -1;
	}
	return 0;
}

/*
 * Which of langs a text in lang comes from: the one given in it, else
 * the one given in none or in English, else the first given.
 */
static size_t
lang_index(const struct strv *langs, const char *lang)
{
	size_t i;

	for (i = 0; lang != NULL && i < langs->n; i++)
		if (strcmp(langs->v[i], lang) == 0)
			return i;
	for (i = 0; i < langs->n; i++)
		if (langs->v[i][0] == '\0' || strcmp(langs->v[i], "en") == 0)
			return i;
	return 0;
}

/* The text in a language, or in the nearest one given (lang_index()). */
const char *
schema_langtext(const struct langtext *lt, const char *lang)
{
	return lt->texts.v[lang_index(&lt->langs, lang)];
}

/* The list in a language, or in the nearest one given (lang_index()). */
const struct strv *
schema_langlist(const struct langlist *ll, const char *lang)
{
	return &ll->lists[lang_index(&ll->langs, lang)];
}

/*
 * NULL when a text of these languages is given in lang, else the
 * language it is taken from instead ("" for the text given in none).
 * Text given in none is taken to be English, as in lang_index().
 */
const char *
schema_lang_fallback(const struct strv *langs, const char *lang)
{
	const char *got = langs->v[lang_index(langs, lang)];

	if (strcmp(got, lang) == 0 || (got[0] == '\0' &&
	    strcmp(lang, "en") == 0))
		return NULL;
	return got;
}

void
schema_langtext_release(struct langtext *lt)
{
	strv_release(&lt->langs);
	strv_release(&lt->texts);
	free(lt->at);
	lt->at = NULL;
}

void
schema_langlist_release(struct langlist *ll)
{
	size_t i;

	for (i = 0; i < ll->langs.n; i++)
		strv_release(&ll->lists[i]);
	free(ll->lists);
	ll->lists = NULL;
	free(ll->at);
	ll->at = NULL;
	strv_release(&ll->langs);
}

/* Another struct's fields, written as a mapping under this key. */
static int
read_map(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	return read_mapping(s, n, f->arg, f, AT(obj, f->off));
}

/*
 * An array of elements, each read as the field arg describes.  The
 * count goes up before each element is read, so the loader's _free()
 * releases a half-read one too.
 */
static int
read_list(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct schema_field *elem = f->arg;
	size_t *count = AT(obj, f->count);
	char *arr, *a, *b, q[128];
	size_t i, j;

	if (list_check(s, n, f))
		return -1;
	if ((f->flags & SCHEMA_NONEMPTY) && n->n == 0)
		return fail_at(s, n, D_EMPTY, label(f));
	items_at(n, f, obj);
	arr = xcalloc(n->n, f->size);
	*(void **)AT(obj, f->off) = arr;
	*count = 0;
	for (i = 0; i < n->n; i++) {
		(*count)++;
		a = arr + i * f->size;
		if (schema_value(s, n->items[i], elem, a))
			return -1;
		for (j = 0; (f->flags & SCHEMA_UNIQUE) && j < i; j++) {
			b = arr + j * f->size;
			if (strcmp(*(char **)(a + f->id), *(char **)(b + f->id))
			    == 0)
				return diag_set(s->diag, s->file,
				    n->items[i]->line, n->items[i]->col,
				    D_DUP_ITEM, label(f), diag_quote(q,
				    sizeof(q), *(char **)(a + f->id),
				    strlen(*(char **)(a + f->id))));
		}
	}
	return 0;
}

/*
 * Reads one value as field f describes into obj, the struct f's
 * offsets are taken from; then f's check, if any.
 */
int
schema_value(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	static schema_fn *const readers[] = {
		[SCHEMA_TEXT] = read_text,	[SCHEMA_TEMPLATE] = read_text,
		[SCHEMA_TEXTS] = read_texts,	[SCHEMA_INT] = read_int,
		[SCHEMA_MILLI] = read_milli,
		[SCHEMA_DATE] = read_date,	[SCHEMA_TIME] = read_time,
		[SCHEMA_BOOL] = read_bool,	[SCHEMA_ID] = read_code,
		[SCHEMA_LANG] = read_code,	[SCHEMA_WEEKDAYS] = read_weekdays,
		[SCHEMA_ENUM] = read_enum,	[SCHEMA_MAP] = read_map,
		[SCHEMA_LIST] = read_list,	[SCHEMA_LANGTEXT] = read_langtext,
		[SCHEMA_LANGLIST] = read_langlist,
		[SCHEMA_FUNC] = NULL,
	};
	schema_fn *fn;

	if (f->flags & SCHEMA_AT)
		*(struct pos *)AT(obj, f->at) = schema_pos(n);
	fn = f->type == SCHEMA_FUNC ? f->fn : readers[f->type];
	if (fn(s, n, f, obj) != 0)
		return -1;
	return f->check != NULL ? f->check(s, n, f, obj) : 0;
}

/*
 * A mapping into obj: its keys matched against the table, then each
 * field given read in the order of the table, then the map's check.
 * f is the field the mapping is the value of, NULL for a file's root.
 */
static int
read_mapping(const struct schema *s, const struct node *n,
    const struct schema_map *m, const struct schema_field *f, void *obj)
{
	const struct node *vals[SCHEMA_KEYS_MAX];
	size_t i;

	if (n->kind != NODE_MAP)
		return fail_at(s, n, D_NOT_MAP, f != NULL ? label(f) : m->name);
	if (match_keys(s, n, m, vals))
		return -1;
	for (i = 0; i < m->nfields; i++)
		if (vals[i] != NULL && schema_value(s, vals[i], &m->fields[i],
		    obj))
			return -1;
	return m->check != NULL ? m->check(s, n, f, obj) : 0;
}

/* Whether a mapping has any key of the table m, or one mistyped. */
static int
has_any_key(const struct node *n, const struct schema_map *m)
{
	size_t i, j;

	for (i = 0; i < n->n; i++)
		for (j = 0; n->pairs[i].key->kind == NODE_SCALAR &&
		    j < m->nfields; j++)
			if (strcmp(n->pairs[i].key->text, m->fields[j].key) == 0)
				return 1;
	for (i = 0; i < n->n; i++)
		if (n->pairs[i].key->kind == NODE_SCALAR &&
		    near_key(n->pairs[i].key->text, m) != NULL)
			return 1;
	return 0;
}

/*
 * Reads a file's root mapping into obj as the table m describes.  A
 * mapping with none of the table's keys, nor one near them, is some
 * other file (a password file named as a protocol): it is called what
 * it is not, and none of its text is quoted.
 */
int
schema_read(const struct schema *s, const struct node *root,
    const struct schema_map *m, void *obj)
{
	if (root->kind == NODE_MAP && root->n > 0 && !has_any_key(root, m))
		return fail_at(s, root, D_NOT_KIND, m->name);
	return read_mapping(s, root, m, NULL, obj);
}

/*
 * A map's check: its numbers, in the order of its table, must not go
 * down ({min: 4, default: 5, max: 10}).
 */
int
schema_ordered(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	const struct schema_map *m = f->arg;
	const struct schema_field *a, *b;
	const struct node *at;
	int x, y;
	size_t i;

	for (i = 0; i + 1 < m->nfields; i++) {
		a = &m->fields[i];
		b = &m->fields[i + 1];
		x = *(int *)AT(obj, a->off);
		y = *(int *)AT(obj, b->off);
		if (x > y) {
			at = schema_get(n, a->key);
			return diag_set(s->diag, s->file, at->line, at->col,
			    D_ORDER, f->key, a->key, x, b->key, y);
		}
	}
	return 0;
}
