#include <stdarg.h>
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

static int	text_check(const struct schema *, const struct node *,
		    const char *, size_t);

static int
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_blank(const struct node *n)
{
	return n->kind == NODE_SCALAR && n->plain && n->len == 0;
}

static int
unknown_key(const struct schema *s, const struct node *key,
    const struct schema_key *keys, size_t nkeys)
{
	const char *names[SCHEMA_KEYS_MAX], *near;
	char q[128], hint[96];
	size_t i;

	for (i = 0; i < nkeys; i++)
		names[i] = keys[i].name;
	near = schema_suggest(key->text, names, i);
	hint[0] = '\0';
	if (near)
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", near);
	diag_quote(q, sizeof(q), key->text, key->len);
	return diag_set(s->diag, s->file, key->line, key->col, D_UNKNOWN_KEY,
	    q, hint);
}

/*
 * Matches a mapping's keys against a table: vals[i] receives the value
 * of keys[i], or NULL where it is absent or left blank.  Unknown,
 * duplicate and missing keys are errors; a missing key is reported at
 * the mapping that lacks it.
 */
int
schema_map(const struct schema *s, const struct node *map, const char *name,
    const struct schema_key *keys, size_t nkeys, const struct node **vals)
{
	const struct node *key, *seen[SCHEMA_KEYS_MAX];
	size_t i, k;

	if (nkeys > SCHEMA_KEYS_MAX)
		abort();	/* a table in the code, not input */
	if (map->kind != NODE_MAP)
		return diag_set(s->diag, s->file, map->line, map->col,
		    D_NOT_MAP, name);
	for (k = 0; k < nkeys; k++)
		vals[k] = seen[k] = NULL;
	for (i = 0; i < map->n; i++) {
		key = map->pairs[i].key;
		if (key->kind != NODE_SCALAR)
			return diag_set(s->diag, s->file, key->line, key->col,
			    D_KEY_NOT_TEXT);
		for (k = 0; k < nkeys; k++)
			if (keys[k].name[0] == key->text[0] &&
			    strcmp(keys[k].name, key->text) == 0 &&
			    strlen(key->text) == key->len)
				break;
		if (k == nkeys)
			return unknown_key(s, key, keys, nkeys);
		if (seen[k])
			return diag_set(s->diag, s->file, key->line, key->col,
			    D_DUP_KEY, keys[k].name, seen[k]->line);
		seen[k] = key;
		if (is_blank(map->pairs[i].value)) {
			if (keys[k].required)
				return diag_set(s->diag, s->file, key->line,
				    key->col, D_EMPTY, keys[k].name);
			continue;
		}
		vals[k] = map->pairs[i].value;
	}
	for (k = 0; k < nkeys; k++)
		if (keys[k].required && seen[k] == NULL)
			return diag_set(s->diag, s->file, map->line, map->col,
			    D_MISSING, keys[k].name);
	return 0;
}

static int
all_space(const char *t, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (t[i] != ' ' && t[i] != '\t')
			return 0;
	return 1;
}

/* A scalar of text: not empty, no control characters, at most max bytes. */
int
schema_text(const struct schema *s, const struct node *n, const char *key,
    size_t max, char **out)
{
	if (text_check(s, n, key, max))
		return -1;
	*out = xstrndup(n->text, n->len);
	return 0;
}

/* schema_text() without the copy: n->text is then the whole value. */
static int
text_check(const struct schema *s, const struct node *n, const char *key,
    size_t max)
{
	if (n->kind != NODE_SCALAR)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_TEXT,
		    key);
	if (all_space(n->text, n->len))
		return diag_set(s->diag, s->file, n->line, n->col, D_EMPTY, key);
	if (utf8_has_control(n->text, n->len))
		return diag_set(s->diag, s->file, n->line, n->col, D_CONTROL,
		    key);
	if (n->len > max)
		return diag_set(s->diag, s->file, n->line, n->col, D_TOO_LONG,
		    key, (int)max);
	return 0;
}

/*
 * A whole number in base 10: digits only, no sign, no leading zero (a
 * YAML 1.1 reader would take 010 as octal 8, so it is refused rather
 * than guessed), within lo..hi.
 */
int
schema_int(const struct schema *s, const struct node *n, const char *key,
    int lo, int hi, int *out)
{
	char q[128];
	long v;
	size_t i;

	if (n->kind != NODE_SCALAR)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_TEXT,
		    key);
	if (n->len == 0 || (n->len > 1 && n->text[0] == '0'))
		goto not_int;
	for (i = 0, v = 0; i < n->len; i++) {
		if (n->text[i] < '0' || n->text[i] > '9')
			goto not_int;
		if (v <= 1000000000L)
			v = v * 10 + (n->text[i] - '0');
	}
	if (v < lo || v > hi) {
		diag_quote(q, sizeof(q), n->text, n->len);
		return diag_set(s->diag, s->file, n->line, n->col, D_INT_RANGE,
		    key, lo, hi, q);
	}
	*out = (int)v;
	return 0;
not_int:
	diag_quote(q, sizeof(q), n->text, n->len);
	return diag_set(s->diag, s->file, n->line, n->col, D_NOT_INT, key, q);
}

int
schema_date(const struct schema *s, const struct node *n, const char *key,
    int *out)
{
	enum date_error err;
	char q[128];
	int y, m;

	if (n->kind != NODE_SCALAR)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_TEXT,
		    key);
	if ((err = date_parse(n->text, n->len, out)) == DATE_OK)
		return 0;
	diag_quote(q, sizeof(q), n->text, n->len);
	switch (err) {
	case DATE_OK:
		return 0;
	case DATE_SYNTAX:
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_DATE,
		    key, q);
	case DATE_YEAR:
		return diag_set(s->diag, s->file, n->line, n->col, D_DATE_YEAR,
		    key, q, DATE_MIN_YEAR, DATE_MAX_YEAR);
	case DATE_MONTH:
		m = atoi(n->text + 5);
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_DATE_MONTH, key, q, m);
	case DATE_DAY:
		y = atoi(n->text);
		m = atoi(n->text + 5);
		return diag_set(s->diag, s->file, n->line, n->col, D_DATE_DAY,
		    key, q, date_month_days(y, m));
	}
	return -1;
}

int
schema_list(const struct schema *s, const struct node *n, const char *key)
{
	if (n->kind != NODE_LIST)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_LIST,
		    key);
	if (n->n > SCHEMA_LIST_MAX)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_LIST_LONG, key, SCHEMA_LIST_MAX);
	return 0;
}

/*
 * A list of distinct text values.  A single value stands for a list of
 * one ("sites: knee"), which is how people write it by hand.
 */
int
schema_text_list(const struct schema *s, const struct node *n,
    const char *key, size_t max, struct strv *out)
{
	const struct node *const *items;
	struct node *const *list;
	const char *text;
	char q[128];
	size_t i, j, count;

	if (n->kind == NODE_MAP)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_LIST,
		    key);
	list = n->kind == NODE_LIST ? n->items : NULL;
	items = list ? (const struct node *const *)list : &n;
	count = list ? n->n : 1;
	if (count > SCHEMA_LIST_MAX)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_LIST_LONG, key, SCHEMA_LIST_MAX);
	for (i = 0; i < count; i++) {
		/* Checked text holds no NUL: items[i]->text is all of it. */
		if (text_check(s, items[i], key, max))
			return -1;
		text = items[i]->text;
		for (j = 0; j < out->n; j++) {
			/* The first letters differ for nearly every pair. */
			if (ascii_lower(out->v[j][0]) == ascii_lower(text[0]) &&
			    strcasecmp(out->v[j], text) == 0) {
				diag_quote(q, sizeof(q), items[i]->text,
				    items[i]->len);
				return diag_set(s->diag, s->file,
				    items[i]->line, items[i]->col, D_DUP_ITEM,
				    key, q);
			}
		}
		strv_pushn(out, text, items[i]->len);
	}
	return 0;
}

/* Ids double as file names, so they are kept to [a-z0-9-]+. */
int
schema_id_valid(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
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

/* Accepts "mon" or "monday" in any case; returns 0..6 or -1. */
static int
weekday_index(const char *t, size_t len)
{
	static const char *const names[7] = {
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday"
	};
	int i;

	for (i = 0; i < 7; i++)
		if ((len == 3 || len == strlen(names[i])) &&
		    strncasecmp(t, names[i], len) == 0)
			return i;
	return -1;
}

/* A non-empty list of distinct weekdays, as a mask (bit 0 = Monday). */
int
schema_weekdays(const struct schema *s, const struct node *n,
    const char *key, unsigned *mask)
{
	const struct node *item;
	char q[128];
	size_t i;
	int w;

	if (schema_list(s, n, key))
		return -1;
	if (n->n == 0)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_NO_WEEKDAYS, key);
	*mask = 0;
	for (i = 0; i < n->n; i++) {
		item = n->items[i];
		if (item->kind != NODE_SCALAR)
			return diag_set(s->diag, s->file, item->line,
			    item->col, D_NOT_TEXT, key);
		diag_quote(q, sizeof(q), item->text, item->len);
		if ((w = weekday_index(item->text, item->len)) < 0)
			return diag_set(s->diag, s->file, item->line,
			    item->col, D_WEEKDAY, q);
		if (*mask & (1u << w))
			return diag_set(s->diag, s->file, item->line,
			    item->col, D_DUP_ITEM, key, q);
		*mask |= 1u << w;
	}
	return 0;
}

/* A time of day written HH:MM, as minutes after midnight. */
int
schema_time(const struct schema *s, const struct node *n, const char *key,
    int *out)
{
	char q[128];

	if (n->kind != NODE_SCALAR)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_TEXT,
		    key);
	if (date_time_parse(n->text, n->len, out) != 0) {
		diag_quote(q, sizeof(q), n->text, n->len);
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_TIME,
		    key, q);
	}
	return 0;
}
