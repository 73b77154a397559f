#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "schema.h"
#include "strv.h"
#include "tree.h"

/*
 * The table-driven reader on its own, on files parsed from strings:
 * every type read into its place, and each refusal with the line and
 * column the message must point at and the message itself.
 */

struct near {
	const char	*word;
	const char	*cands[2];
	const char	*want;		/* NULL: no suggestion */
};

static const struct near near_cases[] = {
	{ "strat", { "start", "sites" }, "start" },
	/* Two steps from "id", but as long as the word itself. */
	{ "x", { "id", "id" }, NULL },
	/* Two steps from "i", but as long as the candidate itself. */
	{ "idx", { "i", "i" }, NULL },
	/* Words longer than 32 bytes are never compared. */
	{ "interval_daysinterval_daysinterva", { "interval_days", "visits" },
	    NULL },
	{ "visits", { "visitsvisitsvisitsvisitsvisitsvis", "zzz" }, NULL },
};

static void
torture_schema_suggest_nearest(void **state)
{
	const char *got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(near_cases) / sizeof(*near_cases); i++) {
		got = schema_suggest(near_cases[i].word, near_cases[i].cands,
		    2);
		if (near_cases[i].want == NULL ? got != NULL :
		    (got == NULL || strcmp(got, near_cases[i].want) != 0))
			fail_msg("case %zu (%s): got %s", i, near_cases[i].word,
			    got ? got : "(none)");
	}
}

/*
 * A struct with a field of every type, and the tables that describe it:
 * what loaders do, in miniature.
 */
struct bounds {
	int	lo;
	int	mid;
	int	hi;
};

struct item {
	char		*id;
	int		 n;
	struct pos	 at;
};

struct all {
	char		*text;
	char		*tmpl;
	struct strv	 texts;
	int		 num;
	long		 milli;
	int		 day;
	int		 minutes;
	int		 flag;
	char		*id;
	char		*lang;
	unsigned	 days;
	int		 level;
	struct bounds	 bounds;
	struct item	*items;
	size_t		 nitems;
	int		*dates;
	size_t		 ndates;
	int		 custom;
	struct pos	 at_text;
	int		 checked;	/* hooks called */
};

static const char *const levels[] = { "low", "mid", "high", NULL };

static const struct schema_field bounds_fields[] = {
	SCHEMA_FIELD("lo", SCHEMA_INT, SCHEMA_REQUIRED, struct bounds, lo,
	    .max = 9, .label = "bounds lo"),
	SCHEMA_FIELD("mid", SCHEMA_INT, SCHEMA_REQUIRED, struct bounds, mid,
	    .max = 9),
	SCHEMA_FIELD("hi", SCHEMA_INT, SCHEMA_REQUIRED, struct bounds, hi,
	    .max = 9),
};

static const struct schema_map bounds_map = {
	"bounds", bounds_fields, SCHEMA_NFIELDS(bounds_fields), schema_ordered
};

static const struct schema_field item_fields[] = {
	SCHEMA_FIELD("id", SCHEMA_ID, SCHEMA_REQUIRED, struct item, id),
	SCHEMA_FIELD("n", SCHEMA_INT, 0, struct item, n, .max = 5),
};

static const struct schema_map item_map = {
	"items", item_fields, SCHEMA_NFIELDS(item_fields), NULL
};

static const struct schema_field item_elem = {
	.key = "items", .type = SCHEMA_MAP, .flags = SCHEMA_AT,
	.at = offsetof(struct item, at), .arg = &item_map
};

static const struct schema_field date_elem = {
	.key = "dates", .type = SCHEMA_DATE
};

/* A reader of the loader's own: "x" times the count of the x's. */
static int
read_custom(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	size_t i;

	if (n->kind != NODE_SCALAR)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_TEXT,
		    f->key);
	for (i = 0; i < n->len; i++)
		if (n->text[i] != 'x')
			return diag_set(s->diag, s->file, n->line, n->col,
			    D_EMPTY, f->key);
	*(int *)((char *)obj + f->off) = (int)n->len;
	return 0;
}

/* A field's check and the map's: counted, and the map's may refuse. */
static int
count_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	(void)s;
	(void)n;
	(void)f;
	((struct all *)obj)->checked++;
	return 0;
}

static int
all_check(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct all *a = obj;

	assert_null(f);		/* the root has no field */
	if (a->num == 13)
		return diag_set(s->diag, s->file, n->line, n->col, D_EMPTY,
		    "num");
	a->checked += 10;
	return 0;
}

static const struct schema_field all_fields[] = {
	SCHEMA_FIELD("text", SCHEMA_TEXT, SCHEMA_REQUIRED | SCHEMA_AT,
	    struct all, text, .at = offsetof(struct all, at_text), .max = 8,
	    .check = count_check),
	SCHEMA_FIELD("tmpl", SCHEMA_TEMPLATE, 0, struct all, tmpl,
	    .arg = "who when"),
	SCHEMA_FIELD("texts", SCHEMA_TEXTS, SCHEMA_NONEMPTY, struct all, texts),
	SCHEMA_FIELD("num", SCHEMA_INT, 0, struct all, num, .min = 1,
	    .max = 20),
	SCHEMA_FIELD("milli", SCHEMA_MILLI, 0, struct all, milli,
	    .min = 100, .max = 50000),
	SCHEMA_FIELD("day", SCHEMA_DATE, 0, struct all, day),
	SCHEMA_FIELD("time", SCHEMA_TIME, 0, struct all, minutes),
	SCHEMA_FIELD("flag", SCHEMA_BOOL, 0, struct all, flag),
	SCHEMA_FIELD("id", SCHEMA_ID, 0, struct all, id),
	SCHEMA_FIELD("lang", SCHEMA_LANG, 0, struct all, lang),
	SCHEMA_FIELD("days", SCHEMA_WEEKDAYS, 0, struct all, days),
	SCHEMA_FIELD("level", SCHEMA_ENUM, 0, struct all, level,
	    .arg = levels),
	SCHEMA_FIELD("bounds", SCHEMA_MAP, 0, struct all, bounds,
	    .arg = &bounds_map),
	SCHEMA_FIELD("items", SCHEMA_LIST, SCHEMA_UNIQUE, struct all, items,
	    .count = offsetof(struct all, nitems), .size = sizeof(struct item),
	    .id = offsetof(struct item, id), .arg = &item_elem,
	    .check = count_check),
	SCHEMA_FIELD("dates", SCHEMA_LIST, SCHEMA_NONEMPTY, struct all, dates,
	    .count = offsetof(struct all, ndates), .size = sizeof(int),
	    .arg = &date_elem),
	SCHEMA_FIELD("custom", SCHEMA_FUNC, 0, struct all, custom,
	    .fn = read_custom),
};

static const struct schema_map all_map = {
	"test file", all_fields, SCHEMA_NFIELDS(all_fields), all_check
};

static void
all_release(struct all *a)
{
	size_t i;

	free(a->text);
	free(a->tmpl);
	strv_release(&a->texts);
	free(a->id);
	free(a->lang);
	for (i = 0; i < a->nitems; i++)
		free(a->items[i].id);
	free(a->items);
	free(a->dates);
	memset(a, 0, sizeof(*a));
}

/* Reads yaml into a through all_map; returns schema_read()'s status. */
static int
read_all(const char *yaml, struct all *a, struct diag *d)
{
	struct schema s = { "s.yaml", d, NULL };
	struct tree *t;
	int rc;

	memset(a, 0, sizeof(*a));
	t = tree_parse("s.yaml", yaml, strlen(yaml), d);
	assert_non_null(t);
	rc = schema_read(&s, tree_root(t), &all_map, a);
	tree_free(t);
	return rc;
}

/* Every type read into its place, with the hooks called. */
static void
torture_schema_read_every_type(void **state)
{
	static const char yaml[] =
	    "text: hello\n"
	    "tmpl: \"{who} at {when}\"\n"
	    "texts: [Knee, elbow]\n"
	    "num: 20\n"
	    "milli: 12.5\n"
	    "day: 2026-12-01\n"
	    "time: \"09:05\"\n"
	    "flag: true\n"
	    "id: knee-oa-2\n"
	    "lang: es\n"
	    "days: [Mon, wednesday, sun]\n"
	    "level: high\n"
	    "bounds: {lo: 1, mid: 1, hi: 9}\n"
	    "items:\n"
	    "  - {id: a, n: 5}\n"
	    "  - {id: b}\n"
	    "dates: [2026-01-02, 2026-01-01]\n"
	    "custom: xxx\n";
	struct diag d = { 0 };
	struct all a;

	(void)state;
	if (read_all(yaml, &a, &d) != 0)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_string_equal(a.text, "hello");
	assert_int_equal(a.at_text.line, 1);
	assert_int_equal(a.at_text.col, 7);
	assert_string_equal(a.tmpl, "{who} at {when}");
	assert_int_equal(a.texts.n, 2);
	assert_string_equal(a.texts.v[0], "Knee");
	assert_int_equal(a.num, 20);
	assert_int_equal(a.milli, 12500);
	assert_int_equal(a.day, date_from_ymd(2026, 12, 1));
	assert_int_equal(a.minutes, 9 * 60 + 5);
	assert_int_equal(a.flag, 1);
	assert_string_equal(a.id, "knee-oa-2");
	assert_string_equal(a.lang, "es");
	assert_int_equal(a.days, 0x1 | 0x4 | 0x40);
	assert_int_equal(a.level, 2);
	assert_int_equal(a.bounds.lo, 1);
	assert_int_equal(a.bounds.hi, 9);
	assert_int_equal(a.nitems, 2);
	assert_string_equal(a.items[1].id, "b");
	assert_int_equal(a.items[0].n, 5);
	assert_int_equal(a.items[1].at.line, 16);
	assert_int_equal(a.items[1].at.col, 5);
	/* Order is a check of the loader's, not the list's. */
	assert_int_equal(a.ndates, 2);
	assert_int_equal(a.dates[1], date_from_ymd(2026, 1, 1));
	assert_int_equal(a.custom, 3);
	assert_int_equal(a.checked, 1 + 1 + 10);
	all_release(&a);
}

/* Optional keys left out or blank read as absent; hooks of absent fields are not called. */
static void
torture_schema_read_blank(void **state)
{
	struct diag d = { 0 };
	struct all a;

	(void)state;
	assert_int_equal(read_all("text: x\nnum:\nitems:\n", &a, &d), 0);
	assert_int_equal(a.num, 0);
	assert_null(a.items);
	assert_int_equal(a.checked, 1 + 10);
	all_release(&a);
}

struct bad {
	const char	*yaml;
	int		 line;
	int		 col;
	const char	*msg;
};

static const struct bad bad_cases[] = {
	/* Decimal numbers: no unit, sign, comma, exponent or 4th place. */
	{ "text: x\nmilli: 62 kg\n", 2, 8, "'milli' must be a number "
	    "written like 12 or 12.5 (at most 3 decimals, no unit), not "
	    "'62 kg'" },
	{ "text: x\nmilli: \"12,5\"\n", 2, 8, "'milli' must be a number "
	    "written like 12 or 12.5 (at most 3 decimals, no unit), not "
	    "'12,5'" },
	{ "text: x\nmilli: -1\n", 2, 8, "'milli' must be a number "
	    "written like 12 or 12.5 (at most 3 decimals, no unit), not "
	    "'-1'" },
	{ "text: x\nmilli: 1.2345\n", 2, 8, "'milli' must be a number "
	    "written like 12 or 12.5 (at most 3 decimals, no unit), not "
	    "'1.2345'" },
	{ "text: x\nmilli: 1e3\n", 2, 8, "'milli' must be a number "
	    "written like 12 or 12.5 (at most 3 decimals, no unit), not "
	    "'1e3'" },
	{ "text: x\nmilli: 5.\n", 2, 8, "'milli' must be a number "
	    "written like 12 or 12.5 (at most 3 decimals, no unit), not "
	    "'5.'" },
	{ "text: x\nmilli: .5\n", 2, 8, "'milli' must be a number "
	    "written like 12 or 12.5 (at most 3 decimals, no unit), not "
	    "'.5'" },
	{ "text: x\nmilli: 012\n", 2, 8, "'milli' must be a number "
	    "written like 12 or 12.5 (at most 3 decimals, no unit), not "
	    "'012'" },
	{ "text: x\nmilli: 99999999999\n", 2, 8, "'milli' must be a number "
	    "written like 12 or 12.5 (at most 3 decimals, no unit), not "
	    "'99999999999'" },
	{ "text: x\nmilli: 50.001\n", 2, 8,
	    "milli must be between 0.1 and 50 (got '50.001')" },
	{ "text: x\nmilli: 0.099\n", 2, 8,
	    "milli must be between 0.1 and 50 (got '0.099')" },
	{ "text: x\nmilli: [1]\n", 2, 8, "'milli' must be a single value, not a list or mapping" },
	/* Keys: unknown, near, duplicate, missing, blank, not text. */
	{ "text: x\nnmu: 3\n", 2, 1, "unknown key 'nmu' (did you mean 'num'?)" },
	{ "text: x\nzzzzzz: 3\n", 2, 1, "unknown key 'zzzzzz'" },
	/* A key with an invisible character in it shows the character. */
	{ "text: x\nnum\xe2\x80\x8b: 3\n", 2, 1,
	    "unknown key 'num\\xe2\\x80\\x8b'" },
	{ "text: x\nnum: \"1\\u202e2\"\n", 2, 6, "'num' must be a whole "
	    "number written in base 10, not '1\\xe2\\x80\\xae2'" },
	/* A "\0" escape does not make a key match the part before it. */
	{ "text: x\n\"num\\0\": 3\n", 2, 1,
	    "unknown key 'num\\x00' (did you mean 'num'?)" },
	{ "text: x\nnum: 3\nnum: 4\n", 3, 1,
	    "duplicate key 'num' (first given on line 2)" },
	{ "num: 3\n", 1, 1, "missing required key 'text'" },
	{ "text:\n", 1, 1, "'text' must not be empty" },
	{ "text: x\n[a]: 1\n", 2, 1, "a key must be plain text" },
	{ "- text\n", 1, 1, "'test file' must be a mapping of keys and values" },
	/*
	 * A file with none of the keys, nor one mistyped, is another kind
	 * of file, and its text is not quoted; one near key is a typo.
	 */
	{ "root: x:0:0\ndaemon: 1\n", 1, 1,
	    "not a test file: it has none of the keys one has" },
	{ "nmu: 3\n", 1, 1, "unknown key 'nmu' (did you mean 'num'?)" },
	{ "zzzzzz: 3\nnum: 1\n", 1, 1, "unknown key 'zzzzzz'" },
	/* Text. */
	{ "text: \" \\t\"\n", 1, 7, "'text' must not be empty" },
	{ "text: \"a\\x01\"\n", 1, 7, "'text' must not contain control characters" },
	/* White space of any kind is nothing to read. */
	{ "text: \"\\u3000\"\n", 1, 7, "'text' must not be empty" },
	{ "text: \"\\u00a0\\t\\u2028 \\n\"\n", 1, 7, "'text' must not be empty" },
	{ "text: x\nid: \"\\u3000\"\n", 2, 5, "'id' must not be empty" },
	{ "text: x\ntexts: [a, \"\\u2003\"]\n", 2, 12, "'texts' must not be empty" },
	/* Format characters: escaped or raw, named or by code point alone. */
	{ "text: \"\\u200b\"\n", 1, 7,
	    "'text' must not contain the invisible character U+200B (zero width space)" },
	{ "text: ab\xe2\x80\xae" "12\n", 1, 7,
	    "'text' must not contain the invisible character U+202E (right-to-left override)" },
	{ "text: \"\\ufeffa\"\n", 1, 7,
	    "'text' must not contain the invisible character U+FEFF (zero width no-break space or byte order mark)" },
	{ "text: \"a\\u2061b\"\n", 1, 7,
	    "'text' must not contain the invisible character U+2061" },
	{ "text: \"\\U000E0041\"\n", 1, 7,
	    "'text' must not contain the invisible character U+E0041" },
	{ "text: x\ntexts: [a, \"b\\u200dc\"]\n", 2, 12,
	    "'texts' must not contain the invisible character U+200D (zero width joiner)" },
	{ "text: x\nid: \"a\\u2066\"\n", 2, 5,
	    "'id' must not contain the invisible character U+2066 (left-to-right isolate)" },
	/* Control characters are looked for first. */
	{ "text: \"\\u200b\\x01\"\n", 1, 7, "'text' must not contain control characters" },
	{ "text: abcdefghi\n", 1, 7, "'text' is longer than 8 bytes" },
	{ "text: [x]\n", 1, 7, "'text' must be a single value, not a list or mapping" },
	{ "text: x\ntmpl: \"{who} {what}\"\n", 2, 7,
	    "'tmpl': unknown placeholder '{what}'" },
	{ "text: x\ntmpl: \"{who\"\n", 2, 7, "'tmpl': unknown placeholder '{who'" },
	{ "text: x\ntmpl: \"{}\"\n", 2, 7, "'tmpl': unknown placeholder '{}'" },
	/* Lists of texts. */
	{ "text: x\ntexts: {a: b}\n", 2, 8, "'texts' must be a list" },
	{ "text: x\ntexts: []\n", 2, 8, "'texts' must not be empty" },
	{ "text: x\ntexts: [Knee, knee]\n", 2, 15, "'texts' lists 'knee' twice" },
	{ "text: x\ntexts: [a, [b]]\n", 2, 12,
	    "'texts' must be a single value, not a list or mapping" },
	/* Numbers, dates, times. */
	{ "text: x\nnum: \"\"\n", 2, 6,
	    "'num' must be a whole number written in base 10, not ''" },
	{ "text: x\nnum: 010\n", 2, 6,
	    "'num' must be a whole number written in base 10, not '010'" },
	{ "text: x\nnum: -1\n", 2, 6,
	    "'num' must be a whole number written in base 10, not '-1'" },
	{ "text: x\nnum: 21\n", 2, 6, "num must be between 1 and 20 (got '21')" },
	{ "text: x\nnum: 99999999999999\n", 2, 6,
	    "num must be between 1 and 20 (got '99999999999999')" },
	{ "text: x\nday: {y: 2026}\n", 2, 6,
	    "'day' must be a single value, not a list or mapping" },
	{ "text: x\nday: 2026-02-30\n", 2, 6,
	    "'day': '2026-02-30' does not exist (that month has 28 days)" },
	{ "text: x\nday: 2026-13-01\n", 2, 6, "'day': '2026-13-01' has no month 13" },
	{ "text: x\nday: 1899-12-31\n", 2, 6,
	    "'day': the year of '1899-12-31' must be between 1900 and 2200" },
	{ "text: x\nday: 1 Dec\n", 2, 6,
	    "'day' must be a date written YYYY-MM-DD, not '1 Dec'" },
	{ "text: x\ntime: [\"09:00\"]\n", 2, 7,
	    "'time' must be a single value, not a list or mapping" },
	{ "text: x\ntime: \"24:00\"\n", 2, 7,
	    "'time' must be a time written HH:MM (24-hour clock), not '24:00'" },
	/* The other scalars. */
	{ "text: x\nflag: yes\n", 2, 7, "'flag' must be true or false" },
	{ "text: x\nflag: [true]\n", 2, 7, "'flag' must be true or false" },
	{ "text: x\nid: [a]\n", 2, 5,
	    "'id' must be a single value, not a list or mapping" },
	{ "text: x\nnum: [1]\n", 2, 6,
	    "'num' must be a single value, not a list or mapping" },
	{ "text: x\nid: Knee\n", 2, 5,
	    "'id' must use only a-z, 0-9 and '-', not 'Knee'" },
	{ "text: x\nlang: esp\n", 2, 7,
	    "'lang' must be a two-letter language code such as en or es, not 'esp'" },
	{ "text: x\ndays: []\n", 2, 7, "'days' must name at least one day" },
	{ "text: x\ndays: [mon, Monday]\n", 2, 13, "'days' lists 'Monday' twice" },
	{ "text: x\ndays: mon\n", 2, 7, "'days' must be a list" },
	{ "text: x\ndays: [[mon]]\n", 2, 8,
	    "'days' must be a single value, not a list or mapping" },
	{ "text: x\ndays: [mo]\n", 2, 8,
	    "unknown weekday 'mo' (use mon, tue, wed, thu, fri, sat or sun)" },
	{ "text: x\nlevel: top\n", 2, 8, "'level' must be low, mid or high, not 'top'" },
	{ "text: x\nlevel: [low]\n", 2, 8,
	    "'level' must be low, mid or high, not a list or mapping" },
	/* Maps within maps: labels, order, missing keys at the mapping. */
	{ "text: x\nbounds: {lo: 10, mid: 1, hi: 1}\n", 2, 14,
	    "bounds lo must be between 0 and 9 (got '10')" },
	{ "text: x\nbounds: {lo: 2, mid: 1, hi: 9}\n", 2, 14,
	    "'bounds': lo 2 must not be more than mid 1" },
	{ "text: x\nbounds: {lo: 1, hi: 9}\n", 2, 9, "missing required key 'mid'" },
	{ "text: x\nbounds: 3\n", 2, 9, "'bounds' must be a mapping of keys and values" },
	/* Lists of elements. */
	{ "text: x\nitems: {id: a}\n", 2, 8, "'items' must be a list" },
	{ "text: x\nitems: [a]\n", 2, 9, "'items' must be a mapping of keys and values" },
	{ "text: x\nitems: [{id: a}, {id: b, n: 6}]\n", 2, 29,
	    "n must be between 0 and 5 (got '6')" },
	{ "text: x\nitems: [{id: a}, {id: a}]\n", 2, 18, "'items' lists 'a' twice" },
	{ "text: x\ndates: []\n", 2, 8, "'dates' must not be empty" },
	{ "text: x\ndates: [2026-01-01, soon]\n", 2, 21,
	    "'dates' must be a date written YYYY-MM-DD, not 'soon'" },
	/* The loader's own reader, and the map's check. */
	{ "text: x\ncustom: xy\n", 2, 9, "'custom' must not be empty" },
	{ "text: x\nnum: 13\n", 1, 1, "'num' must not be empty" },
};

/* Decimal numbers are kept exact, in thousandths, and written back short. */
static void
torture_schema_milli(void **state)
{
	static const struct { const char *in; long want; const char *out; }
	    cases[] = {
		{ "0", 0, "0" }, { "0.5", 500, "0.5" }, { "12.5", 12500, "12.5" },
		{ "0.125", 125, "0.125" }, { "4.50", 4500, "4.5" },
		{ "300", 300000, "300" }, { "1000000", 1000000000L, "1000000" },
		{ "10.010", 10010, "10.01" },
	};
	char buf[32];
	long v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		v = -1;
		assert_int_equal(schema_milli_parse(cases[i].in,
		    strlen(cases[i].in), &v), 0);
		assert_int_equal(v, cases[i].want);
		assert_string_equal(schema_milli_str(buf, sizeof(buf), v),
		    cases[i].out);
	}
	assert_int_equal(schema_milli_parse("10000001", 8, &v), -1);
	assert_int_equal(schema_milli_parse("", 0, &v), -1);
	assert_int_equal(schema_milli_parse("1.5x", 4, &v), -1);
}

static void
torture_schema_read_errors(void **state)
{
	struct diag d = { 0 };
	struct all a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		assert_int_equal(read_all(bad_cases[i].yaml, &a, &d), -1);
		if (d.line != bad_cases[i].line || d.col != bad_cases[i].col ||
		    strcmp(d.msg, bad_cases[i].msg) != 0)
			fail_msg("case %zu: got %d:%d: %s; want %d:%d: %s", i,
			    d.line, d.col, d.msg, bad_cases[i].line,
			    bad_cases[i].col, bad_cases[i].msg);
		assert_string_equal(d.file, "s.yaml");
		/* What was read before the error is the caller's to free. */
		all_release(&a);
		diag_release(&d);
	}
}

/*
 * Text with white space or marks beside something to read is kept as
 * written: a non-breaking space between a dose and its unit, a
 * variation selector (category Mn) after an emoji, right-to-left script.
 */
static void
torture_schema_text_unicode(void **state)
{
	static const char yaml[] =
	    "text: \" x\\u3000\"\n"
	    "texts: [\"81\\u00a0mg\", \"\\u2695\\ufe0f\", \"\\u05e9\\u05dc\","
	    " \"a\\u2028b\"]\n";
	struct diag d = { 0 };
	struct all a;

	(void)state;
	if (read_all(yaml, &a, &d) != 0)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_string_equal(a.text, " x\xe3\x80\x80");
	assert_int_equal(a.texts.n, 4);
	assert_string_equal(a.texts.v[0], "81\xc2\xa0mg");
	assert_string_equal(a.texts.v[1], "\xe2\x9a\x95\xef\xb8\x8f");
	all_release(&a);
}

/* "text: x\nKEY: [...]" with n items: distinct texts, or dates. */
static char *
list_yaml(const char *key, size_t n)
{
	char *buf;
	size_t i, len;

	buf = malloc(64 + 16 * n);
	assert_non_null(buf);
	len = (size_t)sprintf(buf, "text: x\n%s: [", key);
	for (i = 0; i < n; i++)
		len += strcmp(key, "dates") == 0 ?
		    (size_t)sprintf(buf + len, "%s2026-01-01", i ? ", " : "") :
		    (size_t)sprintf(buf + len, "%sx%zu", i ? ", " : "", i);
	sprintf(buf + len, "]\n");
	return buf;
}

/* Lists hold at most SCHEMA_LIST_MAX items. */
static void
torture_schema_list_limit(void **state)
{
	static const char *const keys[] = { "texts", "dates" };
	struct diag d = { 0 };
	struct all a;
	size_t i;
	char *yaml;

	(void)state;
	for (i = 0; i < 2; i++) {
		yaml = list_yaml(keys[i], SCHEMA_LIST_MAX);
		if (read_all(yaml, &a, &d) != 0)
			fail_msg("%s: %s", keys[i], d.msg);
		assert_int_equal(i == 0 ? a.texts.n : a.ndates,
		    SCHEMA_LIST_MAX);
		all_release(&a);
		free(yaml);
		yaml = list_yaml(keys[i], SCHEMA_LIST_MAX + 1);
		assert_int_equal(read_all(yaml, &a, &d), -1);
		assert_int_equal(d.line, 2);
		assert_string_equal(d.msg + strlen(keys[i]) + 2,
		    " lists more than 1000 items");
		all_release(&a);
		diag_release(&d);
		free(yaml);
	}
}

/* schema_get() gives a present, non-blank value; schema_pos() its place. */
static void
torture_schema_get(void **state)
{
	static const char yaml[] = "a: 1\nb:\nc: [x]\n";
	struct diag d = { 0 };
	const struct node *n;
	struct tree *t;
	struct pos p;

	(void)state;
	t = tree_parse("s.yaml", yaml, strlen(yaml), &d);
	assert_non_null(t);
	n = schema_get(tree_root(t), "a");
	assert_non_null(n);
	assert_string_equal(n->text, "1");
	assert_null(schema_get(tree_root(t), "b"));
	assert_null(schema_get(tree_root(t), "d"));
	p = schema_pos(schema_get(tree_root(t), "c"));
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 4);
	/* Not a mapping, or a key that is not text: nothing to get. */
	assert_null(schema_get(schema_get(tree_root(t), "c"), "x"));
	tree_free(t);
	t = tree_parse("s.yaml", "[x]: 1\na: 2\n", 12, &d);
	assert_non_null(t);
	assert_string_equal(schema_get(tree_root(t), "a")->text, "2");
	tree_free(t);
}

static void
torture_schema_codes(void **state)
{
	(void)state;
	assert_false(schema_id_valid("", 0));
	assert_true(schema_id_valid("knee-oa-2", 9));
	assert_false(schema_id_valid("knee_oa", 7));
	assert_false(schema_id_valid("Knee", 4));
	assert_true(schema_lang_valid("es"));
	assert_false(schema_lang_valid("ES"));
	assert_false(schema_lang_valid("e"));
	assert_false(schema_lang_valid("esp"));
	assert_false(schema_lang_valid("e1"));
	assert_false(schema_lang_valid("1s"));
	assert_false(schema_lang_valid("eS"));
	assert_false(schema_lang_valid("Es"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_schema_suggest_nearest),
		cmocka_unit_test(torture_schema_read_every_type),
		cmocka_unit_test(torture_schema_read_blank),
		cmocka_unit_test(torture_schema_milli),
		cmocka_unit_test(torture_schema_read_errors),
		cmocka_unit_test(torture_schema_text_unicode),
		cmocka_unit_test(torture_schema_list_limit),
		cmocka_unit_test(torture_schema_get),
		cmocka_unit_test(torture_schema_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
