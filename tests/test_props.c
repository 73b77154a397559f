#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "drugs.h"
#include "library.h"
#include "load.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "strv.h"
#include "xalloc.h"

/*
 * Property tests: random patients, planned by the real loader and
 * planner, printed in every format, and safety rules checked in
 * each format's own output, not in the plan the printer was given
 * (the fourth in the calendar alone):
 *
 *  (a) a medicine whose class is never paused (drugs.yaml "pause:
 *      never": blood thinners, oral steroids) gets no dated pause, and
 *      the patient is told to keep taking it;
 *  (b) a medicine whose class is paused only with the prescriber's
 *      agreement (ask-prescriber: low-dose aspirin, statins) is never
 *      paused without the caveat to ask first;
 *  (c) no pause begins, and no visit to come (booked or planned) falls,
 *      before today;
 *  (d) a calendar event's summary, all a phone shows, names a medicine
 *      only on days it is paused.
 *
 * With them, the course over time, read back from each format's visit
 * table (see check_course()): the history as written, missed visits
 * unnumbered and counting for nothing; booked visits kept exactly;
 * visits numbered and spaced as the protocol says, a restart only
 * where the course lapsed; nothing planned after an early end.  And the
 * same file without its missed visits plans the same course.
 *
 * The checkers find each medicine's class themselves, with
 * drugs_class_of() on the medication's text, and build the sentences
 * they look for from the care text's templates with care_expand().  A
 * hand-made bad plan of each kind proves that every checker can fail.
 *
 * PROPS_PATIENTS and PROPS_SEED in the environment override the
 * defaults below, for a longer hunt by hand.
 */

#define PROPS_PATIENTS	300
#define PROPS_SEED	0x9e3779b97f4a7c15ULL
#define MAX_MEDS	4
#define MED_LEN		160
#define MAX_GIVEN	9	/* visits given in a generated history */
#define MAX_REC		(MAX_GIVEN + 2)	/* and missed ones */

enum fmt { F_TEXT, F_HTML, F_CSV, F_JSON, F_ICS, NFMT };

static const char *const fmt_names[NFMT] = {
	"text", "html", "csv", "json", "ics"
};

/* ---------------------------------------------------------------- */
/* The random source: xorshift64, fixed seed. */

static uint64_t rng = PROPS_SEED;

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* 0 .. n-1 */
static int
pick(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

static int
between(int lo, int hi)
{
	return lo + pick(hi - lo + 1);
}

/* ---------------------------------------------------------------- */
/* What the generator draws from. */

/* A medicine as a patient may write it, and the class drugs.yaml gives it. */
struct med {
	const char	*text;
	const char	*class_id;	/* NULL: no class */
};

static const struct med pool[] = {
	{ "warfarin 5 mg", "anticoagulants" },
	{ "Eliquis", "anticoagulants" },
	{ "Clexane 40 mg", "anticoagulants" },
	{ "Xarelto 20 mg", "anticoagulants" },
	{ "apixaban 5 mg twice daily", "anticoagulants" },
	{ "Sintrom 4 mg", "anticoagulants" },
	{ "heparina", "anticoagulants" },
	{ "enoxaparin 40mg", "anticoagulants" },
	{ "clopidogrel", "antiplatelets" },
	{ "Plavix 75 mg", "antiplatelets" },
	{ "ticagrelor 90 mg", "antiplatelets" },
	{ "Brilinta", "antiplatelets" },
	{ "prednisone 10 mg", "oral-steroids" },
	{ "Prednisona", "oral-steroids" },
	{ "Medrol", "oral-steroids" },
	{ "dexamethasone 4 mg", "oral-steroids" },
	{ "aspirin 81 mg daily", "low-dose-aspirin" },
	{ "Aspirin EC 81 mg", "low-dose-aspirin" },
	{ "ASA 81 mg", "low-dose-aspirin" },
	{ "Bayer Low Dose Aspirin", "low-dose-aspirin" },
	{ "Adiro 100", "low-dose-aspirin" },
	{ "aspirin", "low-dose-aspirin" },
	{ "baby aspirin", "low-dose-aspirin" },
	{ "aspirina infantil", "low-dose-aspirin" },
	{ "aspirin 100 mg/day", "low-dose-aspirin" },
	{ "aspirin 81 mg twice a day", "low-dose-aspirin" },
	{ "aspirin 162 mg", "low-dose-aspirin" },
	{ "aspirin 300 mg", "low-dose-aspirin" },
	{ "ASPIRIN81MG", "low-dose-aspirin" },
	{ "St. Joseph aspirin 81 mg", "low-dose-aspirin" },
	{ "\xc3\xa1" "cido acetilsalic" "\xc3\xad" "lico 100 mg",
	  "low-dose-aspirin" },
	{ "aspirin 325 mg", "nsaids" },
	{ "aspirin 500 mg", "nsaids" },
	{ "aspirin 1,000 mg", "nsaids" },
	{ "Ecotrin 325 mg", "nsaids" },
	{ "Goody's Powder", "nsaids" },
	{ "Alka-Seltzer", "nsaids" },
	{ "Ibuprofeno 600", "nsaids" },
	{ "Prednisona 5 mg", "oral-steroids" },
	{ "ibuprofen 400mg", "nsaids" },
	{ "Advil", "nsaids" },
	{ "naproxen", "nsaids" },
	{ "naproxeno 500 mg", "nsaids" },
	{ "Aleve", "nsaids" },
	{ "meloxicam 15 mg", "nsaids" },
	{ "Voltaren", "nsaids" },
	{ "ibuprofen 1,200 mg a day", "nsaids" },
	{ "atorvastatin 20 mg", "statins" },
	{ "Lipitor", "statins" },
	{ "rosuvastatin 10 mg", "statins" },
	{ "simvastatina", "statins" },
	{ "metformin", NULL },
	{ "acetaminophen", NULL },
	{ "acetaminophen 1,000 mg", NULL },
	{ "lisinopril 10 mg", NULL },
	{ "levothyroxine 50 mcg", NULL },
	{ "omeprazole", NULL },
	{ "vitamin D", NULL },
	{ "paracetamol 1 g", NULL },
};

#define NPOOL	(sizeof(pool) / sizeof(*pool))

/* Items that name two medicines of two classes: refused, never planned. */
static const char *const two_class[] = {
	"warfarin ibuprofen",
	"Plavix & aspirin 81 mg",
	"prednisone, naproxen",
	"Eliquis and Advil",
	"atorvastatin / clopidogrel",
	"warfarin, ibuprofen",
};

#define NTWO	(sizeof(two_class) / sizeof(*two_class))

static const char *const allergy_pool[] = {
	"lidocaine", "penicillin", "latex", "corn", "sulfa", "codeine",
	"iodine", "dextrose",
};

static const char *const condition_pool[] = {
	"diabetes", "hypertension", "asthma", "osteoporosis",
	"knee replacement", "infection", "pregnancy", "gout",
};

static const char *const site_pool[] = {
	"left knee", "right knee", "left elbow", "right shoulder",
	"lower back", "left heel",
};

static const char *const weekday_names[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

/*
 * Writes in as a patient might type it: in any case, with spaces
 * doubled, no-break spaces (U+00A0) for spaces, and spaces around it.
 */
static void
mangle(char *out, size_t size, const char *in)
{
	int mode = pick(4);
	size_t o = 0;
	const char *p;
	unsigned char c;

	if (pick(8) == 0)
		out[o++] = ' ';
	if (pick(12) == 0) {
		out[o++] = '\xc2';
		out[o++] = '\xa0';
	}
	for (p = in; *p != '\0' && o + 8 < size; p++) {
		c = (unsigned char)*p;
		if (c == ' ') {
			switch (pick(6)) {
			case 0:
				out[o++] = ' ';
				out[o++] = ' ';
				break;
			case 1:
				out[o++] = '\xc2';
				out[o++] = '\xa0';
				break;
			case 2:
				out[o++] = ' ';
				out[o++] = '\xc2';
				out[o++] = '\xa0';
				break;
			default:
				out[o++] = ' ';
				break;
			}
		} else if (c < 0x80 && isalpha(c)) {
			if (mode == 1 || (mode == 3 && pick(2)))
				out[o++] = (char)toupper(c);
			else if (mode == 2 || (mode == 3 && pick(2)))
				out[o++] = (char)tolower(c);
			else
				out[o++] = (char)c;
		} else
			out[o++] = (char)c;
	}
	if (pick(8) == 0)
		out[o++] = ' ';
	out[o] = '\0';
}

/* ---------------------------------------------------------------- */
/* The run's data: three loads, one for each kind of clinic. */

#define NLOADS	3

static const char *const load_names[NLOADS] = {
	"no clinic", "tests/clinic-open.yaml", "data/clinic.yaml"
};

struct props {
	struct load	 l[NLOADS];
	struct strv	 ids;		/* the library's protocols */
};

static int
props_setup(void **state)
{
	struct props *g;
	struct diag d = { 0 };
	struct load *l;
	int err, i;

	g = xcalloc(1, sizeof(*g));
	for (i = 0; i < NLOADS; i++) {
		l = &g->l[i];
		l->datadir = "data";
		l->today = date_from_ymd(2026, 11, 27);
		if ((l->drugs = load_drugs("data", &d, &err)) == NULL ||
		    (l->terms = load_terms("data", &d, &err)) == NULL ||
		    (l->care = load_care("data", NULL, l->drugs, &d,
		    &err)) == NULL)
			goto fail;
		if (i > 0 && (l->clinic = load_clinic(load_names[i],
		    l->drugs, l->terms, &d, &err)) == NULL)
			goto fail;
		l->library = library_new("data/protocols", l->care);
	}
	if (library_ids(g->l[0].library, &g->ids) != 0 || g->ids.n == 0)
		goto fail;
	diag_release(&d);
	*state = g;
	return 0;
fail:
	if (d.file != NULL)
		diag_print(stderr, &d);
	diag_release(&d);
	for (i = 0; i < NLOADS; i++)
		load_release(&g->l[i]);
	strv_release(&g->ids);
	free(g);
	return -1;
}

static int
props_teardown(void **state)
{
	struct props *g = *state;
	int i;

	for (i = 0; i < NLOADS; i++)
		load_release(&g->l[i]);
	strv_release(&g->ids);
	free(g);
	return 0;
}

/* ---------------------------------------------------------------- */
/* Text helpers. */

struct buf {
	char	*p;
	size_t	 n;
	size_t	 cap;
};

static void
buf_addn(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
buf_adds(struct buf *b, const char *s)
{
	buf_addn(b, s, strlen(s));
}

/* Runs of spaces, tabs, line and page breaks as one space: unwrapped text. */
static char *
collapse(const char *s)
{
	struct buf b = { 0 };
	int sp = 0;

	buf_adds(&b, "");
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' ||
		    *s == '\f') {
			sp = 1;
			continue;
		}
		if (sp && b.n > 0)
			buf_addn(&b, " ", 1);
		sp = 0;
		buf_addn(&b, s, 1);
	}
	return b.p;
}

/* As print_html.c must escape text in element content. */
static char *
html_escape(const char *s)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_adds(&b, "&amp;");
			break;
		case '<':
			buf_adds(&b, "&lt;");
			break;
		case '>':
			buf_adds(&b, "&gt;");
			break;
		case '"':
			buf_adds(&b, "&quot;");
			break;
		case '\'':
			buf_adds(&b, "&#39;");
			break;
		default:
			buf_addn(&b, s, 1);
			break;
		}
	return b.p;
}

/* The handout's own form of a sentence: unwrapped text or HTML. */
static char *
as_handout(const char *s, int html)
{
	return html ? html_escape(s) : collapse(s);
}

/* Whether s holds YYYY-MM-DD at p; the day number in *day. */
static int
iso_at(const char *p, int *day)
{
	return date_parse(p, DATE_LEN, day) == DATE_OK;
}

/*
 * The words around {drug} in a template, with the drug in their place:
 * the literal text from the placeholder before it to the one after.
 * *from_next tells whether {last} comes right after (1), so that the
 * date that follows the fragment in a handout is the last day before
 * the pause, or {today} (2), the pause's first day.  NULL if the
 * template has no {drug}.
 */
static char *
drug_fragment(const char *tmpl, const char *drug, int *from_next)
{
	static const struct care_var vars[] = {
		{ "drug", "\x03" }, { "last", "\x02" }, { "today", "\x04" },
		{ "restart", "\x01" },
		{ "date", "\x01" }, { "days", "\x01" }, { "visit", "\x01" },
		{ "visits", "\x01" }, { "medication", "\x01" },
	};
	struct buf b = { 0 };
	char *s, *d, *a, *e;

	s = care_expand(tmpl, vars, sizeof(vars) / sizeof(*vars));
	if ((d = strchr(s, '\x03')) == NULL) {
		free(s);
		return NULL;
	}
	for (a = d; a > s && a[-1] != '\x01' && a[-1] != '\x02' &&
	    a[-1] != '\x04'; a--)
		continue;
	for (e = d + 1; *e != '\0' && *e != '\x01' && *e != '\x02' &&
	    *e != '\x03' && *e != '\x04'; e++)
		continue;
	if (from_next != NULL)
		*from_next = *e == '\x02' ? 1 : *e == '\x04' ? 2 : 0;
	buf_adds(&b, "");
	buf_addn(&b, a, (size_t)(d - a));
	buf_adds(&b, drug);
	buf_addn(&b, d + 1, (size_t)(e - d - 1));
	free(s);
	return b.p;
}

/* A template with only {drug}. */
static char *
expand_drug(const char *tmpl, const char *drug)
{
	struct care_var var = { "drug", drug };

	return care_expand(tmpl, &var, 1);
}

/*
 * A date as the handout writes it, made here on its own from the care
 * text's names: in full ("Monday 14 December 2026"), or in short for
 * the text handout's visit table ("Mon 14 Dec 2026").
 */
static void
care_date(const struct care *c, int day, int full, char *buf, size_t size)
{
	struct care_var vars[4];
	char d[8], y[8], *s;
	int year, month, mday;

	date_to_ymd(day, &year, &month, &mday);
	snprintf(d, sizeof(d), "%d", mday);
	snprintf(y, sizeof(y), "%d", year);
	vars[0] = (struct care_var){ "weekday", full ?
	    c->weekdays_long[date_weekday(day)] : c->weekdays[date_weekday(day)] };
	vars[1] = (struct care_var){ "day", d };
	vars[2] = (struct care_var){ "month", full ? c->months[month - 1] :
	    c->months_short[month - 1] };
	vars[3] = (struct care_var){ "year", y };
	s = care_expand(full ? c->date_long : c->date_short, vars, 4);
	snprintf(buf, size, "%s", s);
	free(s);
}

/*
 * The first date within max bytes of p, read back from its numbers and
 * its month's name (names in months[12]): the day, then the month,
 * then a year of four digits.  -1 in *day if none.
 */
static int
date_near(char *const months[12], const char *p, size_t max, int *day)
{
	const char *q, *m, *best;
	size_t i, k, blen = 0;
	int mday, month = 0, year;

	*day = -1;
	for (i = 0; i < max && p[i] != '\0' && !isdigit((unsigned char)p[i]);
	    i++)
		continue;
	if (i == max || p[i] == '\0')
		return -1;
	mday = (int)strtol(p + i, NULL, 10);
	for (best = NULL, k = 0; k < 12; k++)
		if ((m = strstr(p + i, months[k])) != NULL && (best == NULL ||
		    m < best || (m == best && strlen(months[k]) > blen))) {
			best = m;
			blen = strlen(months[k]);
			month = (int)k + 1;
		}
	if (best == NULL || best - p > (long)max)
		return -1;
	for (q = best + blen; *q != '\0' && !isdigit((unsigned char)*q); q++)
		continue;
	if (strspn(q, "0123456789") != 4)
		return -1;
	year = (int)strtol(q, NULL, 10);
	if (mday < 1 || mday > date_month_days(year, month))
		return -1;
	*day = date_from_ymd(year, month, mday);
	return 0;
}

/*
 * A whole hold sentence of the handout: from its last day to take the
 * medicine, or, for a pause that begins today, from today (one that
 * begins before is a fault the checkers find by its last day).
 */
static char *
expand_hold(const char *tmpl, const struct care *c, const struct plan_hold *h,
    int today)
{
	struct care_var vars[3];
	char last[64], restart[64];

	if (h->from == today) {
		care_date(c, today, 1, last, sizeof(last));
		vars[1] = (struct care_var){ "today", last };
	} else {
		care_date(c, h->from - 1, 1, last, sizeof(last));
		vars[1] = (struct care_var){ "last", last };
	}
	care_date(c, h->to + 1, 1, restart, sizeof(restart));
	vars[0] = (struct care_var){ "drug", h->drug };
	vars[2] = (struct care_var){ "restart", restart };
	return care_expand(tmpl, vars, 3);
}

/* ---------------------------------------------------------------- */
/* The checkers: 0, or -1 with why a rule is broken. */

struct ctx {
	const struct plan	*pl;
	const struct drugs	*dr;
	const struct care	*care;	/* in the patient's language */
	int			 today;
	char			 today_iso[DATE_LEN + 1];
	char			 why[1024];
};

static int
bad(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
	return -1;
}

/* How a medication may be paused, found from its text alone; -1: no class. */
static int
pause_of(const struct drugs *dr, const char *med)
{
	const struct drug_class *dc;

	return (dc = drugs_class_of(dr, med)) == NULL ? -1 : dc->pause;
}

static const char *
class_id_of(const struct drugs *dr, const char *med)
{
	const struct drug_class *dc;

	return (dc = drugs_class_of(dr, med)) == NULL ? "(none)" : dc->id;
}

static const struct strv *
meds_of(const struct ctx *c)
{
	return &c->pl->patient->medications;
}

static int
is_med(const struct ctx *c, const char *drug)
{
	size_t i;

	for (i = 0; i < meds_of(c)->n; i++)
		if (strcmp(meds_of(c)->v[i], drug) == 0)
			return 1;
	return 0;
}

/* ---------------------------------------------------------------- */
/*
 * The course over time: each format's visit table read back into rows
 * of the plan's terms, and the same rules checked on every one of them
 * against the patient file as loaded, not against the plan printed.
 */

struct vrow {
	int	date;
	int	status;		/* enum visit_status */
	int	number;		/* 0: none, as a missed visit has */
	int	interval;	/* -1: none */
	int	restart;
	int	time;		/* TIME_NONE: none */
};

struct vrows {
	struct vrow	*v;
	size_t		 n;
};

/* As CSV, JSON and the HTML classes name each status. */
static const char *const status_ids[] = {
	[VISIT_DONE] = "done", [VISIT_MISSED] = "missed",
	[VISIT_BOOKED] = "booked", [VISIT_PLANNED] = "planned"
};

#define NSTATUS	(sizeof(status_ids) / sizeof(*status_ids))

static void
vrows_add(struct vrows *r, const struct vrow *row)
{
	r->v = xreallocarray(r->v, r->n + 1, sizeof(*r->v));
	r->v[r->n++] = *row;
}

static void
vrows_free(struct vrows *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* A status by its file-format name; -1 if none. */
static int
status_of(const char *id)
{
	size_t i;

	for (i = 0; i < NSTATUS; i++)
		if (strcmp(id, status_ids[i]) == 0)
			return (int)i;
	return -1;
}

static int
to_come(int status)
{
	return status == VISIT_BOOKED || status == VISIT_PLANNED;
}

/* "HH:MM" as minutes, TIME_NONE for the empty string, -2 for neither. */
static int
hhmm(const char *s)
{
	int t;

	if (*s == '\0')
		return TIME_NONE;
	return date_time_parse(s, strlen(s), &t) == 0 ? t : -2;
}

/* An ISO date for a message; four at a time. */
static const char *
iso(int day)
{
	static char buf[4][DATE_LEN + 1];
	static int k;

	k = (k + 1) % 4;
	date_format(day, buf[k]);
	return buf[k];
}

/*
 * The history as written comes first, entry by entry (a patient made
 * in code has no record: its visits given are all of it); every visit
 * after it is to come, none before today: rule (c) holds for booked
 * visits as for planned ones.  The dates only ever go forward, but for
 * a visit to come today after one missed today: a missed visit counts
 * for nothing, so the day is as free as it would be without it.
 */
static int
course_past(struct ctx *c, const char *fmt, const struct vrow *v, size_t n)
{
	const struct patient *p = c->pl->patient;
	size_t past, i;
	int date, st;

	past = p->nrecord > 0 ? p->nrecord : p->nhistory;
	if (n < past)
		return bad(c, "%s: %zu visits listed for the %zu of the "
		    "history", fmt, n, past);
	for (i = 0; i < n; i++) {
		if (i > 0 && (v[i].date < v[i - 1].date ||
		    (v[i].date == v[i - 1].date &&
		    (v[i - 1].status != VISIT_MISSED ||
		    !to_come(v[i].status)))))
			return bad(c, "%s: the %s visit on %s comes after the "
			    "%s one on %s", fmt, status_ids[v[i].status],
			    iso(v[i].date), status_ids[v[i - 1].status],
			    iso(v[i - 1].date));
		if (i < past) {
			date = p->nrecord > 0 ? p->record[i].date :
			    p->history[i];
			st = p->nrecord > 0 && p->record[i].missed ?
			    VISIT_MISSED : VISIT_DONE;
			if (v[i].date != date || v[i].status != st)
				return bad(c, "%s: visit %zu is %s on %s, the "
				    "history says %s on %s", fmt, i + 1,
				    status_ids[v[i].status], iso(v[i].date),
				    status_ids[st], iso(date));
			if (v[i].date > c->today)
				return bad(c, "%s: a visit %s on %s, after "
				    "today", fmt, status_ids[st],
				    iso(v[i].date));
			continue;
		}
		if (!to_come(v[i].status))
			return bad(c, "%s: the visit on %s, after the history, "
			    "is %s", fmt, iso(v[i].date),
			    status_ids[v[i].status]);
		if (v[i].date < c->today)
			return bad(c, "(c) %s: the %s visit on %s is %d days "
			    "before today", fmt, status_ids[v[i].status],
			    iso(v[i].date), c->today - v[i].date);
	}
	return 0;
}

/*
 * The book is kept exactly: each booked visit once, as booked, on its
 * day and at its time (or none), and no other visit called booked.
 */
static int
course_booked(struct ctx *c, const char *fmt, const struct vrow *v, size_t n)
{
	const struct patient *p = c->pl->patient;
	const struct booked_visit *b;
	const struct vrow *hit;
	char t1[TIME_LEN + 1], t2[TIME_LEN + 1];
	size_t i, j, k;

	for (j = 0; j < p->nbooked; j++) {
		b = &p->booked[j];
		for (i = 0, k = 0, hit = NULL; i < n; i++)
			if (v[i].date == b->date) {
				k++;
				hit = &v[i];
			}
		if (k != 1)
			return bad(c, "%s: the visit booked for %s is listed "
			    "%zu times", fmt, iso(b->date), k);
		if (hit->status != VISIT_BOOKED)
			return bad(c, "%s: the visit booked for %s is %s",
			    fmt, iso(b->date), status_ids[hit->status]);
		if (hit->time != b->time) {
			snprintf(t1, sizeof(t1), "none");
			snprintf(t2, sizeof(t2), "none");
			if (b->time != TIME_NONE)
				date_time_format(b->time, t1);
			if (hit->time != TIME_NONE)
				date_time_format(hit->time, t2);
			return bad(c, "%s: the visit booked for %s at %s is "
			    "listed at %s", fmt, iso(b->date), t1, t2);
		}
	}
	for (i = 0, k = 0; i < n; i++)
		k += v[i].status == VISIT_BOOKED;
	if (k != p->nbooked)
		return bad(c, "%s: %zu visits booked, %zu in the book", fmt,
		    k, p->nbooked);
	return 0;
}

/*
 * A missed visit counts for nothing: no number, no interval.  The
 * others are numbered 1..n in date order, each interval the days since
 * the visit of the course before it, none for the first and for the
 * one where the course restarts.  A course not ended early is whole.
 */
static int
course_numbers(struct ctx *c, const char *fmt, const struct vrow *v,
    size_t n)
{
	const struct patient *p = c->pl->patient;
	size_t i;
	int number, prev, want;

	for (i = 0, number = 0, prev = -1; i < n; i++) {
		if (v[i].status == VISIT_MISSED) {
			if (v[i].number != 0 || v[i].interval != -1 ||
			    v[i].restart)
				return bad(c, "%s: the missed visit on %s has "
				    "number %d, interval %d, restart %d", fmt,
				    iso(v[i].date), v[i].number, v[i].interval,
				    v[i].restart);
			continue;
		}
		if (v[i].number != ++number)
			return bad(c, "%s: the visit on %s is number %d, not "
			    "%d", fmt, iso(v[i].date), v[i].number, number);
		want = prev < 0 || v[i].restart ? -1 : v[i].date - prev;
		if (v[i].interval != want)
			return bad(c, "%s: the visit on %s has interval %d, "
			    "not %d", fmt, iso(v[i].date), v[i].interval, want);
		prev = v[i].date;
	}
	if (p->ended ? number > p->visits : number != p->visits)
		return bad(c, "%s: %d visits for a course of %d%s", fmt,
		    number, p->visits, p->ended ? " ended early" : "");
	return 0;
}

/* Nothing is to come after the course's end (loading refuses a booked one). */
static int
course_end(struct ctx *c, const char *fmt, const struct vrow *v, size_t n)
{
	const struct patient *p = c->pl->patient;
	size_t i;

	for (i = 0; p->ended && i < n; i++)
		if (to_come(v[i].status) && v[i].date > p->ended)
			return bad(c, "%s: a %s visit on %s, after the course "
			    "ended on %s", fmt, status_ids[v[i].status],
			    iso(v[i].date), iso(p->ended));
	return 0;
}

/*
 * A planned visit is ival_min..ival_max days after the visit of the
 * course before it, and a booked one after a planned one: only two
 * fixed visits side by side may be further apart or closer (with a
 * warning: see plan_fixed_gaps()).  A visit that restarts the course
 * has no visit before it to count from, and after a lapse that goes on
 * (after_lapse: continue) the first visit to come is late by design.
 */
static int
course_spacing(struct ctx *c, const char *fmt, const struct vrow *v,
    size_t n)
{
	const struct plan *pl = c->pl;
	const struct vrow *prev = NULL;
	size_t i;
	int first = 1, gap, bounded;

	for (i = 0; i < n; i++) {
		if (v[i].status == VISIT_MISSED)
			continue;
		if (prev != NULL && to_come(v[i].status) && !v[i].restart) {
			gap = v[i].date - prev->date;
			bounded = v[i].status == VISIT_PLANNED ||
			    prev->status == VISIT_PLANNED;
			if (first && pl->lapsed && !pl->restarted)
				bounded = 0;
			if (bounded && (gap < pl->protocol->ival_min ||
			    gap > pl->protocol->ival_max))
				return bad(c, "%s: the %s visit on %s is %d "
				    "days after the %s one on %s, outside "
				    "%d..%d", fmt, status_ids[v[i].status],
				    iso(v[i].date), gap,
				    status_ids[prev->status], iso(prev->date),
				    pl->protocol->ival_min,
				    pl->protocol->ival_max);
		}
		if (to_come(v[i].status))
			first = 0;
		prev = &v[i];
	}
	return 0;
}

/* One restart at most, where the course restarted: its first visit to come. */
static int
course_restart(struct ctx *c, const char *fmt, const struct vrow *v,
    size_t n)
{
	size_t i, k, at, first;

	for (i = 0, k = 0, at = n, first = n; i < n; i++) {
		if (v[i].restart) {
			k++;
			at = i;
		}
		if (first == n && to_come(v[i].status))
			first = i;
	}
	if (k > 1)
		return bad(c, "%s: %zu visits restart the course", fmt, k);
	if (k == 1 && !c->pl->restarted)
		return bad(c, "%s: the visit on %s restarts a course that did "
		    "not restart", fmt, iso(v[at].date));
	if (k == 1 && at != first)
		return bad(c, "%s: the visit on %s restarts the course, but "
		    "is not its first visit to come", fmt, iso(v[at].date));
	if (k == 0 && c->pl->restarted)
		return bad(c, "%s: the course restarted at no visit", fmt);
	return 0;
}

/* Every rule of the course over time, on one format's rows. */
static int
check_course(struct ctx *c, const char *fmt, const struct vrows *r)
{
	if (course_past(c, fmt, r->v, r->n) != 0 ||
	    course_booked(c, fmt, r->v, r->n) != 0 ||
	    course_numbers(c, fmt, r->v, r->n) != 0 ||
	    course_end(c, fmt, r->v, r->n) != 0 ||
	    course_spacing(c, fmt, r->v, r->n) != 0 ||
	    course_restart(c, fmt, r->v, r->n) != 0)
		return -1;
	return 0;
}

/* The plan's own visits, as rows. */
static void
plan_rows(const struct plan *pl, struct vrows *r)
{
	const struct plan_visit *pv;
	struct vrow row;
	size_t i;

	for (i = 0; i < pl->nvisits; i++) {
		pv = &pl->visits[i];
		row.date = pv->date;
		row.status = (int)pv->status;
		row.number = pv->number;
		row.interval = pv->interval;
		row.restart = pv->restart;
		row.time = pv->time;
		vrows_add(r, &row);
	}
}

/* How many warnings of a kind the plan has; the last in *last. */
static size_t
warnings_of(const struct plan *pl, enum plan_warning_kind kind,
    const struct plan_warning **last)
{
	size_t i, n;

	for (i = 0, n = 0; i < pl->nwarnings; i++)
		if (pl->warnings[i].kind == kind) {
			n++;
			if (last != NULL)
				*last = &pl->warnings[i];
		}
	return n;
}

/*
 * A lapse is the next visit coming more than ival_max days after the
 * last visit given, and nothing else: missed visits do not bridge it.
 * The course then restarts if, and only if, the protocol says so, and
 * the clinician and the patient are told either way.
 */
static int
plan_lapse(struct ctx *c)
{
	const struct plan *pl = c->pl;
	const struct patient *p = pl->patient;
	const struct plan_visit *next = NULL;
	size_t i;
	int last, gap, max = pl->protocol->ival_max;

	for (i = 0; next == NULL && i < pl->nvisits; i++)
		if (to_come(pl->visits[i].status))
			next = &pl->visits[i];
	last = p->nhistory > 0 ? p->history[p->nhistory - 1] : 0;
	gap = next != NULL && p->nhistory > 0 ? next->date - last : 0;
	if (pl->lapsed && (next == NULL || p->nhistory == 0 || gap <= max))
		return bad(c, "the course lapsed, but its next visit%s%s is "
		    "%d days after the last visit given%s%s, at most %d "
		    "allowed", next ? " on " : "", next ? iso(next->date) : "",
		    gap, p->nhistory ? " on " : "", p->nhistory ? iso(last) :
		    "", max);
	if (!pl->lapsed && gap > max)
		return bad(c, "the next visit on %s is %d days after the last "
		    "visit given on %s, more than %d, and the course did not "
		    "lapse", iso(next->date), gap, iso(last), max);
	if (pl->restarted != (pl->lapsed && pl->protocol->restart))
		return bad(c, "restarted %d for lapsed %d and after_lapse %s",
		    pl->restarted, pl->lapsed, pl->protocol->restart ?
		    "restart" : "continue");
	if (warnings_of(pl, PLAN_W_LAPSE, NULL) != (size_t)(pl->lapsed != 0))
		return bad(c, "%zu lapse warnings for lapsed %d",
		    warnings_of(pl, PLAN_W_LAPSE, NULL), pl->lapsed);
	return 0;
}

/* A course ended early says so, once, with its day. */
static int
plan_end_warning(struct ctx *c)
{
	const struct plan *pl = c->pl;
	const struct plan_warning *w = NULL;
	size_t n;

	n = warnings_of(pl, PLAN_W_ENDED, &w);
	if (n != (size_t)(pl->patient->ended != 0))
		return bad(c, "%zu warnings that the course ended early, "
		    "ended %s", n, pl->patient->ended ?
		    iso(pl->patient->ended) : "never");
	if (w != NULL && w->date != pl->patient->ended)
		return bad(c, "the course ended early on %s, its warning says "
		    "%s", iso(pl->patient->ended), iso(w->date));
	return 0;
}

/*
 * Two fixed visits side by side (given or booked, one of them booked)
 * out of ival_min..ival_max are kept, and the clinician is told: one
 * warning for each such pair, naming the second, and for no other.
 */
static int
plan_fixed_gaps(struct ctx *c)
{
	const struct plan *pl = c->pl;
	const struct plan_visit *v, *prev = NULL;
	size_t i, j, found, want = 0;
	int out;

	for (i = 0; i < pl->nvisits; i++) {
		v = &pl->visits[i];
		if (v->status == VISIT_MISSED)
			continue;
		out = prev != NULL && !v->restart &&
		    v->status != VISIT_PLANNED &&
		    prev->status != VISIT_PLANNED &&
		    (v->status == VISIT_BOOKED ||
		    prev->status == VISIT_BOOKED) &&
		    (v->date - prev->date < pl->protocol->ival_min ||
		    v->date - prev->date > pl->protocol->ival_max);
		for (j = 0, found = 0; j < pl->nwarnings; j++)
			found += pl->warnings[j].kind == PLAN_W_FIXED_GAP &&
			    pl->warnings[j].visit == v->number;
		if (found != (size_t)out)
			return bad(c, "%zu warnings of the gap before fixed "
			    "visit %d on %s, %d days after the one before",
			    found, v->number, iso(v->date),
			    v->date - prev->date);
		want += (size_t)out;
		prev = v;
	}
	if (warnings_of(pl, PLAN_W_FIXED_GAP, NULL) != want)
		return bad(c, "%zu warnings of fixed visits out of bounds for "
		    "%zu such pairs", warnings_of(pl, PLAN_W_FIXED_GAP, NULL),
		    want);
	return 0;
}

/* The course over time, in the plan itself. */
static int
plan_course(struct ctx *c)
{
	struct vrows r = { 0 };
	int status;

	plan_rows(c->pl, &r);
	status = check_course(c, "plan", &r);
	vrows_free(&r);
	if (status == 0)
		status = plan_lapse(c);
	if (status == 0)
		status = plan_end_warning(c);
	if (status == 0)
		status = plan_fixed_gaps(c);
	return status;
}

/* The plan itself. */
static int
check_plan(struct ctx *c)
{
	const struct plan *pl = c->pl;
	const struct plan_hold *h;
	const struct plan_warning *w;
	const char *med;
	size_t i, j;
	int p, found, planned;

	for (i = 0; i < pl->nholds; i++) {
		h = &pl->holds[i];
		if (h->drug == NULL || !is_med(c, h->drug))
			return bad(c, "hold %zu is of no medication of the "
			    "patient", i);
		p = pause_of(c->dr, h->drug);
		if (p == DRUG_NEVER)
			return bad(c, "(a) '%s' (%s, pause: never) has a hold",
			    h->drug, class_id_of(c->dr, h->drug));
		if (p == DRUG_ASK && !h->prescribed)
			return bad(c, "(b) '%s' (%s, ask-prescriber) has a "
			    "hold with prescribed = 0", h->drug,
			    class_id_of(c->dr, h->drug));
		if (h->from < c->today)
			return bad(c, "(c) the hold of '%s' begins %d days "
			    "before today", h->drug, c->today - h->from);
		if (h->to < h->from)
			return bad(c, "the hold of '%s' ends before it begins",
			    h->drug);
	}
	if (plan_course(c) != 0)
		return -1;
	for (i = 0, planned = 0; i < pl->nvisits; i++)
		planned += to_come(pl->visits[i].status);
	for (i = 0; i < meds_of(c)->n; i++) {
		med = meds_of(c)->v[i];
		p = pause_of(c->dr, med);
		if (p == DRUG_NEVER) {
			for (j = 0, found = 0; j < pl->nwarnings; j++) {
				w = &pl->warnings[j];
				found |= w->kind == PLAN_W_KEEP &&
				    w->subject != NULL &&
				    strcmp(w->subject, med) == 0;
			}
			if (!found)
				return bad(c, "(a) '%s' (pause: never) has no "
				    "keep-taking warning", med);
		}
	}
	/* Each medicine a protocol pauses by its class has its pauses. */
	for (i = 0; planned > 0 && i < meds_of(c)->n; i++) {
		const struct drug_class *dc;

		med = meds_of(c)->v[i];
		if ((dc = drugs_class_of(c->dr, med)) == NULL ||
		    dc->pause == DRUG_NEVER)
			continue;
		for (j = 0, found = 0; j < pl->protocol->nholds; j++)
			found |= pl->protocol->holds[j].class_id != NULL &&
			    strcmp(pl->protocol->holds[j].class_id,
			    dc->id) == 0;
		if (!found)
			continue;
		for (j = 0, found = 0; j < pl->nholds; j++)
			found |= strcmp(pl->holds[j].drug, med) == 0;
		if (!found)
			return bad(c, "'%s' (%s) is paused by protocol %s but "
			    "has no hold", med, dc->id, pl->protocol->id);
	}
	return 0;
}

/*
 * Counts the occurrences of a hold fragment in a handout; the first
 * day of each (the day after the date right after it, or that date
 * for a pause from today) before today sets *early.
 */
static size_t
scan_holds(const struct care *care, const char *hay, const char *frag,
    int from_next, int today, int *early)
{
	const char *p;
	size_t n = 0;
	int day;

	if (frag == NULL || *frag == '\0')
		return 0;
	for (p = hay; (p = strstr(p, frag)) != NULL; p++) {
		n++;
		if (from_next && date_near(care->months, p + strlen(frag), 64,
		    &day) == 0 && day + (from_next == 1) < today)
			*early = day + (from_next == 1);
	}
	return n;
}

/* The care text's label of each status, in the patient's language. */
static const char *
status_label(const struct care *care, int st)
{
	static const enum care_label labels[] = {
		[VISIT_DONE] = CARE_DONE, [VISIT_MISSED] = CARE_MISSED,
		[VISIT_BOOKED] = CARE_BOOKED, [VISIT_PLANNED] = CARE_PLANNED
	};

	return care->labels[labels[st]];
}

/*
 * The injections a visit's row must show: the needle entries of the
 * protocol's injection_points at each site, as the course line says,
 * else the protocol's count of the visit.
 */
static int
want_injections(const struct plan *pl)
{
	return pl->protocol->points > 0 ?
	    pl->protocol->points * (int)pl->patient->sites.n : pl->per_visit;
}

/*
 * What follows a visit's date in a row of the text handout: a time,
 * the interval or the restart label, and the injections, which a
 * missed visit has none of, nor a number.  In place, in *row.
 */
static int
text_cells(struct ctx *c, char *mid, struct vrow *row)
{
	const char *lab = c->care->labels[CARE_RESTART];
	char *tok, *save, *x;
	int nums[3], k = 0;

	if ((x = strstr(mid, lab)) != NULL) {
		row->restart = 1;
		memset(x, ' ', strlen(lab));
	}
	for (tok = strtok_r(mid, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if (strchr(tok, ':') != NULL && row->time == TIME_NONE &&
		    (row->time = hhmm(tok)) >= 0)
			continue;
		if (k == 3 || strspn(tok, "0123456789") != strlen(tok))
			return bad(c, "text: '%s' in the visit row of %s", tok,
			    iso(row->date));
		nums[k++] = atoi(tok);
	}
	if (row->status == VISIT_MISSED)
		return k == 0 && row->number == 0 && !row->restart ? 0 :
		    bad(c, "text: the missed visit on %s has a number, "
		    "interval or injections", iso(row->date));
	if (k == 0 || k > 2 || (k == 2 && row->restart) ||
	    nums[k - 1] != want_injections(c->pl))
		return bad(c, "text: the visit row of %s has %d numbers after "
		    "its date, the last not %d injections", iso(row->date), k,
		    want_injections(c->pl));
	row->interval = k == 2 ? nums[0] : -1;
	return 0;
}

/*
 * One row of the text handout's visit table, read from its ends: the
 * status label last, the number (if any) first, then the date as the
 * handout writes it in short, weekday and all, up to two spaces.
 */
static int
text_row(struct ctx *c, const char *line, size_t len, struct vrow *row)
{
	char wd[64], *s, *p, *q, *end;
	size_t i, l, n;
	int status;

	memset(row, 0, sizeof(*row));
	row->time = TIME_NONE;
	row->interval = -1;
	s = xstrndup(line, len);
	n = strlen(s);
	for (i = 0, row->status = -1; row->status < 0 && i < NSTATUS; i++) {
		l = strlen(status_label(c->care, (int)i));
		if (n > l && s[n - l - 1] == ' ' &&
		    strcmp(s + n - l, status_label(c->care, (int)i)) == 0) {
			row->status = (int)i;
			s[n - l] = '\0';
		}
	}
	for (p = s; *p == ' '; p++)
		continue;
	if (isdigit((unsigned char)*p)) {
		row->number = (int)strtol(p, &end, 10);
		p = end;
	}
	/* The date cell: from the number's column to two spaces. */
	p += strspn(p, " ");
	q = strstr(p, "  ");
	if (q == NULL)
		q = p + strlen(p);
	if (row->status < 0 || date_near(c->care->months_short, p,
	    (size_t)(q - p), &row->date) != 0) {
		status = bad(c, "text: a visit row without a status or a "
		    "date: '%s'", s);
		free(s);
		return status;
	}
	care_date(c->care, row->date, 0, wd, sizeof(wd));
	l = strlen(wd);
	if ((size_t)(q - p) != l || strncmp(p, wd, l) != 0)
		status = bad(c, "text: the visit row of %s does not write it "
		    "\"%s\": '%s'", iso(row->date), wd, s);
	else
		status = text_cells(c, q, row);
	free(s);
	return status;
}

/*
 * The text handout's visit table: under its heading, a rule of dashes
 * and the column labels, one row a visit up to a blank line.
 */
static int
text_rows(struct ctx *c, const char *out, struct vrows *r)
{
	const char *line, *next;
	struct vrow row;
	char *head;
	size_t len;
	int k;

	head = xasprintf("\n%s\n-", c->care->labels[CARE_SCHEDULE]);
	line = strstr(out, head);
	free(head);
	if (line == NULL)
		return bad(c, "text: no visit table");
	for (line++, k = 0; *line != '\0'; line = next, k++) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		len = (size_t)(next - line);
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r' || line[len - 1] == ' '))
			len--;
		if (k < 3)	/* the heading, its rule, the labels */
			continue;
		if (len == 0)
			break;
		if (text_row(c, line, len, &row) != 0)
			return -1;
		vrows_add(r, &row);
	}
	return 0;
}

/* The contents of the next <td> cell from *pp, before end; NULL if none. */
static char *
html_cell(const char **pp, const char *end)
{
	const char *a, *b;

	if ((a = strstr(*pp, "<td")) == NULL || a >= end ||
	    (a = strchr(a, '>')) == NULL || (b = strstr(a, "</td>")) == NULL ||
	    b > end)
		return NULL;
	*pp = b + 5;
	return xstrndup(a + 1, (size_t)(b - a - 1));
}

/* Whether a cell holds a label, escaped as HTML. */
static int
html_is(const char *cell, const char *label)
{
	char *e;
	int same;

	e = html_escape(label);
	same = strcmp(cell, e) == 0;
	free(e);
	return same;
}

/*
 * The cells of one row of the HTML visit table: number, date, a time
 * if the table has times, interval or restart label, injections and
 * status.  A missed visit has no number and no injections.
 */
static int
html_cells(struct ctx *c, char **cell, int n, struct vrow *row)
{
	char wd[64], *w, *q;
	int t = n == 6;

	if (n != 5 && n != 6)
		return bad(c, "html: a visit row of %d cells", n);
	row->number = *cell[0] == '\0' ? 0 : atoi(cell[0]);
	if (strncmp(cell[1], "<time datetime=\"", 16) != 0 ||
	    !iso_at(cell[1] + 16, &row->date) ||
	    (q = strchr(cell[1] + 16, '>')) == NULL)
		return bad(c, "html: a visit row without a date: %s", cell[1]);
	care_date(c->care, row->date, 0, wd, sizeof(wd));
	w = html_escape(wd);
	if (strncmp(q + 1, w, strlen(w)) != 0 ||
	    strcmp(q + 1 + strlen(w), "</time>") != 0) {
		free(w);
		return bad(c, "html: the date cell of %s is %s", iso(row->date),
		    cell[1]);
	}
	free(w);
	row->time = t ? hhmm(cell[2]) : TIME_NONE;
	row->restart = html_is(cell[2 + t], c->care->labels[CARE_RESTART]);
	row->interval = *cell[2 + t] == '\0' || row->restart ? -1 :
	    atoi(cell[2 + t]);
	if (row->time < TIME_NONE || (!row->restart && *cell[2 + t] != '\0' &&
	    strspn(cell[2 + t], "0123456789") != strlen(cell[2 + t])))
		return bad(c, "html: the time or interval cell of %s",
		    iso(row->date));
	if ((row->status == VISIT_MISSED) != (*cell[3 + t] == '\0') ||
	    (*cell[3 + t] != '\0' && atoi(cell[3 + t]) !=
	    want_injections(c->pl)))
		return bad(c, "html: the injections of the %s visit on %s: "
		    "'%s'", status_ids[row->status], iso(row->date),
		    cell[3 + t]);
	if (!html_is(cell[4 + t], status_label(c->care, row->status)))
		return bad(c, "html: the %s row of %s says '%s'",
		    status_ids[row->status], iso(row->date), cell[4 + t]);
	return 0;
}

/* The HTML handout's visit table: a row a visit, its class its status. */
static int
html_rows(struct ctx *c, const char *out, struct vrows *r)
{
	const char *p, *end, *tr_end;
	char cls[16], *cell[8];
	struct vrow row;
	int n, status = 0;

	if ((p = strstr(out, "<table class=\"schedule\">")) == NULL ||
	    (end = strstr(p, "</table>")) == NULL)
		return bad(c, "html: no visit table");
	while (status == 0 && (p = strstr(p, "<tr class=\"")) != NULL &&
	    p < end) {
		p += 11;
		if ((tr_end = strstr(p, "</tr>")) == NULL)
			return bad(c, "html: a visit row not closed");
		snprintf(cls, sizeof(cls), "%.*s", (int)strcspn(p, "\""), p);
		memset(&row, 0, sizeof(row));
		if ((row.status = status_of(cls)) < 0)
			return bad(c, "html: a visit row of class '%s'", cls);
		for (n = 0; n < 8 && (cell[n] = html_cell(&p, tr_end)) != NULL;
		    n++)
			continue;
		status = html_cells(c, cell, n, &row);
		while (n > 0)
			free(cell[--n]);
		vrows_add(r, &row);
		p = tr_end;
	}
	return status;
}

/* A course that ended early, or ends, says when and why in the handout. */
static int
handout_end(struct ctx *c, const char *hay, int html)
{
	const struct patient *p = c->pl->patient;
	struct care_var vars[2];
	char date[64], *s, *f;
	int status;

	if (p->ended == 0)
		return 0;
	care_date(c->care, p->ended, 1, date, sizeof(date));
	vars[0] = (struct care_var){ "date", date };
	vars[1] = (struct care_var){ "reason", p->ended_reason };
	s = care_expand(c->care->warnings[p->ended > c->today ? CARE_W_ENDS :
	    CARE_W_ENDED], vars, 2);
	f = as_handout(s, html);
	status = strstr(hay, f) == NULL ? bad(c, "%s: no \"%s\"", html ?
	    "html" : "text", f) : 0;
	free(s);
	free(f);
	return status;
}

/* The visit table of a handout, and the course's end. */
static int
handout_visits(struct ctx *c, const char *out, const char *hay, int html)
{
	struct vrows r = { 0 };
	int status;

	status = html ? html_rows(c, out, &r) : text_rows(c, out, &r);
	if (status == 0)
		status = check_course(c, html ? "html" : "text", &r);
	if (status == 0)
		status = handout_end(c, hay, html);
	vrows_free(&r);
	return status;
}

/* The text or HTML handout. */
static int
check_handout(struct ctx *c, const char *out, int html)
{
	const struct plan *pl = c->pl;
	const struct care *care = c->care;
	const char *fmt = html ? "html" : "text";
	const char *med, *tmpl;
	char *hay, *frag_h, *frag_p, *f, *s, *keep, *lead;
	size_t i, j, nh, np, total;
	int p, from_h, from_p, early, dup, status;
	char *frag_ht, *frag_pt;
	int from_ht, from_pt;

	hay = html ? xstrdup(out) : collapse(out);
	status = 0;
	total = 0;
	for (i = 0; status == 0 && i < meds_of(c)->n; i++) {
		med = meds_of(c)->v[i];
		p = pause_of(c->dr, med);
		f = drug_fragment(care->hold, med, &from_h);
		frag_h = as_handout(f, html);
		free(f);
		f = drug_fragment(care->hold_prescribed, med, &from_p);
		frag_p = as_handout(f, html);
		free(f);
		/* A pause from today has words of its own, both kinds. */
		f = drug_fragment(care->hold_today, med, &from_ht);
		frag_ht = as_handout(f, html);
		free(f);
		f = drug_fragment(care->hold_prescribed_today, med, &from_pt);
		frag_pt = as_handout(f, html);
		free(f);
		early = -1;
		nh = scan_holds(care, hay, frag_h, from_h, c->today, &early) +
		    scan_holds(care, hay, frag_ht, from_ht, c->today, &early);
		np = scan_holds(care, hay, frag_p, from_p, c->today, &early) +
		    scan_holds(care, hay, frag_pt, from_pt, c->today, &early);
		/* The same text twice: count its lines once. */
		for (j = 0, dup = 0; j < i; j++) {
			s = as_handout(meds_of(c)->v[j], html);
			f = as_handout(med, html);
			dup |= strcmp(s, f) == 0;
			free(s);
			free(f);
		}
		if (!dup)
			total += nh + np;
		if (p == DRUG_NEVER && nh + np > 0)
			status = bad(c, "(a) %s: '%s' (%s, pause: never) has "
			    "a dated pause: \"%s\"", fmt, med,
			    class_id_of(c->dr, med), nh ? frag_h : frag_p);
		else if (p == DRUG_ASK && nh > 0)
			status = bad(c, "(b) %s: '%s' (%s, ask-prescriber) is "
			    "paused without the caveat: \"%s\"", fmt, med,
			    class_id_of(c->dr, med), frag_h);
		else if (early >= 0)
			status = bad(c, "(c) %s: the pause of '%s' begins %d "
			    "days before today", fmt, med, c->today - early);
		if (status == 0 && p == DRUG_NEVER) {
			s = expand_drug(care->hold_keep, med);
			keep = as_handout(s, html);
			free(s);
			f = drug_fragment(care->warnings[CARE_W_LEAD], med,
			    NULL);
			lead = f ? as_handout(f, html) : NULL;
			free(f);
			if (strstr(hay, keep) == NULL)
				status = bad(c, "(a) %s: no \"%s\"", fmt, keep);
			else if (lead != NULL && strstr(hay, lead) != NULL)
				status = bad(c, "(a) %s: a pause of '%s' "
				    "(pause: never) is announced: \"%s\"", fmt,
				    med, lead);
			free(keep);
			free(lead);
		}
		free(frag_h);
		free(frag_p);
		free(frag_ht);
		free(frag_pt);
	}
	if (status == 0 && total != pl->nholds)
		status = bad(c, "%s: %zu hold lines for %zu holds", fmt, total,
		    pl->nholds);
	/* Each of the plan's holds in the words its class calls for. */
	for (i = 0; status == 0 && i < pl->nholds; i++) {
		if (pl->holds[i].from == c->today)
			tmpl = pause_of(c->dr, pl->holds[i].drug) == DRUG_ASK ?
			    care->hold_prescribed_today : care->hold_today;
		else
			tmpl = pause_of(c->dr, pl->holds[i].drug) == DRUG_ASK ?
			    care->hold_prescribed : care->hold;
		s = expand_hold(tmpl, care, &pl->holds[i], c->today);
		f = as_handout(s, html);
		if (strstr(hay, f) == NULL)
			status = bad(c, "%s: no \"%s\"", fmt, f);
		free(s);
		free(f);
	}
	if (status == 0)
		status = handout_visits(c, out, hay, html);
	free(hay);
	return status;
}

/* CSV (RFC 4180): one row a visit, no medicines. */
static int
csv_field(const char **pp, struct buf *b)
{
	const char *p = *pp;

	b->n = 0;
	buf_adds(b, "");
	if (*p == '"') {
		for (p++; *p != '\0'; p++) {
			if (*p == '"' && p[1] == '"')
				buf_addn(b, p++, 1);
			else if (*p == '"')
				break;
			else
				buf_addn(b, p, 1);
		}
		if (*p != '"')
			return -1;
		p++;
	} else
		for (; *p != '\0' && *p != ',' && *p != '\r' && *p != '\n';
		    p++)
			buf_addn(b, p, 1);
	*pp = p;
	return 0;
}

/* The CSV columns the checks read, by their names in the header. */
enum csv_col {
	C_VISIT, C_DATE, C_INTERVAL, C_STATUS, C_TIME, C_RESTART, C_ENDED,
	C_REASON, NCSV
};

static const char *const csv_names[NCSV] = {
	"visit", "date", "interval_days", "status", "time", "restart",
	"ended", "ended_reason"
};

/* One record into f, each field as read. */
static int
csv_record(struct ctx *c, const char **pp, struct strv *f)
{
	struct buf b = { 0 };

	for (;;) {
		if (csv_field(pp, &b) != 0) {
			free(b.p);
			return bad(c, "csv: an unterminated quote");
		}
		strv_push(f, b.p);
		if (**pp != ',')
			break;
		(*pp)++;
	}
	free(b.p);
	if (strncmp(*pp, "\r\n", 2) != 0)
		return bad(c, "csv: a row not ended by CRLF");
	*pp += 2;
	return 0;
}

/* Where each column the checks read is, from the header; no medicines. */
static int
csv_header(struct ctx *c, const struct strv *f, long *col)
{
	size_t i;
	int k;

	for (k = 0; k < NCSV; k++)
		col[k] = -1;
	for (i = 0; i < f->n; i++) {
		if (strstr(f->v[i], "hold") || strstr(f->v[i], "drug") ||
		    strstr(f->v[i], "medic") || strstr(f->v[i], "keep"))
			return bad(c, "csv: column '%s' names medicines: "
			    "extend test_props.c", f->v[i]);
		for (k = 0; k < NCSV; k++)
			if (strcmp(f->v[i], csv_names[k]) == 0)
				col[k] = (long)i;
	}
	for (k = 0; k < NCSV; k++)
		if (col[k] < 0)
			return bad(c, "csv: no %s column", csv_names[k]);
	return 0;
}

/* A number cell: empty is none (-1), else digits only. */
static int
csv_num(const char *s, int *n)
{
	if (*s == '\0') {
		*n = -1;
		return 0;
	}
	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
		return -1;
	*n = atoi(s);
	return 0;
}

/*
 * A row as a visit: a missed one has no visit number and no interval
 * (empty cells); restart is "yes" or empty.  Every row carries the
 * course's end and why, or leaves both empty.
 */
static int
csv_row(struct ctx *c, const struct strv *f, const long *col,
    struct vrow *row)
{
	const struct patient *p = c->pl->patient;
	const char *v[NCSV], *want;
	int k;

	for (k = 0; k < NCSV; k++)
		v[k] = f->v[col[k]];
	memset(row, 0, sizeof(*row));
	if (strlen(v[C_DATE]) != DATE_LEN || !iso_at(v[C_DATE], &row->date))
		return bad(c, "csv: date '%s'", v[C_DATE]);
	if ((row->status = status_of(v[C_STATUS])) < 0)
		return bad(c, "csv: status '%s' on %s", v[C_STATUS],
		    v[C_DATE]);
	if (csv_num(v[C_VISIT], &row->number) != 0 ||
	    csv_num(v[C_INTERVAL], &row->interval) != 0 ||
	    (row->time = hhmm(v[C_TIME])) < TIME_NONE ||
	    (*v[C_RESTART] != '\0' && strcmp(v[C_RESTART], "yes") != 0))
		return bad(c, "csv: the visit, interval, time or restart of "
		    "%s: '%s', '%s', '%s', '%s'", v[C_DATE], v[C_VISIT],
		    v[C_INTERVAL], v[C_TIME], v[C_RESTART]);
	if ((row->status == VISIT_MISSED) != (row->number < 0) ||
	    row->number == 0)
		return bad(c, "csv: the %s visit on %s is visit '%s'",
		    v[C_STATUS], v[C_DATE], v[C_VISIT]);
	if (row->number < 0)
		row->number = 0;
	row->restart = *v[C_RESTART] != '\0';
	want = p->ended ? iso(p->ended) : "";
	if (strcmp(v[C_ENDED], want) != 0)
		return bad(c, "csv: ended '%s' on the row of %s, not '%s'",
		    v[C_ENDED], v[C_DATE], want);
	want = p->ended ? p->ended_reason : "";
	if (strcmp(v[C_REASON], want) != 0)
		return bad(c, "csv: ended_reason '%s' on the row of %s, not "
		    "'%s'", v[C_REASON], v[C_DATE], want);
	return 0;
}

/* CSV (RFC 4180): a header, then one row a visit, no medicines. */
static int
check_csv(struct ctx *c, const char *out)
{
	struct strv f = { 0 };
	struct vrows r = { 0 };
	struct vrow row;
	const char *p = out;
	long col[NCSV];
	size_t ncols = 0;
	int status = 0;

	while (status == 0 && *p != '\0') {
		strv_release(&f);
		if ((status = csv_record(c, &p, &f)) != 0)
			break;
		if (ncols == 0) {
			ncols = f.n;
			status = csv_header(c, &f, col);
		} else if (f.n != ncols)
			status = bad(c, "csv: a row of %zu fields under a "
			    "header of %zu", f.n, ncols);
		else if ((status = csv_row(c, &f, col, &row)) == 0)
			vrows_add(&r, &row);
	}
	if (status == 0 && ncols == 0)
		status = bad(c, "csv: no header");
	if (status == 0)
		status = check_course(c, "csv", &r);
	strv_release(&f);
	vrows_free(&r);
	return status;
}

/* ---------------------------------------------------------------- */
/* JSON: a small parser of its own, so the document is read as JSON. */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	enum jtype	 t;
	int		 b;
	double		 d;
	char		*s;
	struct jv	*items;		/* array items, object values */
	char		**keys;		/* object keys */
	size_t		 n;
};

struct jp {
	const char	*p;
	int		 depth;
};

static void
jv_free(struct jv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		jv_free(&v->items[i]);
		if (v->keys != NULL)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->s);
	memset(v, 0, sizeof(*v));
}

static void
jws(struct jp *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' ||
	    *j->p == '\r')
		j->p++;
}

static void
utf8_put(struct buf *b, unsigned cp)
{
	char u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		buf_addn(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_addn(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_addn(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_addn(b, u, 4);
	}
}

static int
jhex4(const char *p, unsigned *cp)
{
	int i;

	*cp = 0;
	for (i = 0; i < 4; i++) {
		if (!isxdigit((unsigned char)p[i]))
			return -1;
		*cp = *cp * 16 + (unsigned)(isdigit((unsigned char)p[i]) ?
		    p[i] - '0' : (tolower((unsigned char)p[i]) - 'a' + 10));
	}
	return 0;
}

static int
jstring(struct jp *j, char **out)
{
	struct buf b = { 0 };
	unsigned cp, lo;

	if (*j->p != '"')
		return -1;
	buf_adds(&b, "");
	for (j->p++; *j->p != '"'; j->p++) {
		if (*j->p == '\0' || (unsigned char)*j->p < 0x20)
			goto fail;
		if (*j->p != '\\') {
			buf_addn(&b, j->p, 1);
			continue;
		}
		switch (*++j->p) {
		case '"': case '\\': case '/':
			buf_addn(&b, j->p, 1);
			break;
		case 'b': buf_adds(&b, "\b"); break;
		case 'f': buf_adds(&b, "\f"); break;
		case 'n': buf_adds(&b, "\n"); break;
		case 'r': buf_adds(&b, "\r"); break;
		case 't': buf_adds(&b, "\t"); break;
		case 'u':
			if (jhex4(j->p + 1, &cp) != 0)
				goto fail;
			j->p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && j->p[1] == '\\' &&
			    j->p[2] == 'u' && jhex4(j->p + 3, &lo) == 0 &&
			    lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				j->p += 6;
			}
			utf8_put(&b, cp);
			break;
		default:
			goto fail;
		}
	}
	j->p++;
	*out = b.p;
	return 0;
fail:
	free(b.p);
	return -1;
}

static int jvalue(struct jp *, struct jv *);

static int
jlist(struct jp *j, struct jv *v, int obj)
{
	struct jv item;
	char *key;

	j->p++;
	jws(j);
	if (*j->p == (obj ? '}' : ']')) {
		j->p++;
		return 0;
	}
	for (;;) {
		key = NULL;
		jws(j);
		if (obj) {
			if (jstring(j, &key) != 0)
				return -1;
			jws(j);
			if (*j->p++ != ':') {
				free(key);
				return -1;
			}
		}
		memset(&item, 0, sizeof(item));
		if (jvalue(j, &item) != 0) {
			free(key);
			jv_free(&item);
			return -1;
		}
		v->items = xreallocarray(v->items, v->n + 1, sizeof(*v->items));
		if (obj) {
			v->keys = xreallocarray(v->keys, v->n + 1,
			    sizeof(*v->keys));
			v->keys[v->n] = key;
		}
		v->items[v->n++] = item;
		jws(j);
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p++ != (obj ? '}' : ']'))
			return -1;
		return 0;
	}
}

static int
jvalue(struct jp *j, struct jv *v)
{
	char *end;
	int status;

	jws(j);
	switch (*j->p) {
	case '{':
	case '[':
		if (++j->depth > 64)
			return -1;
		v->t = *j->p == '{' ? J_OBJ : J_ARR;
		status = jlist(j, v, v->t == J_OBJ);
		j->depth--;
		return status;
	case '"':
		v->t = J_STR;
		return jstring(j, &v->s);
	case 't':
	case 'f':
	case 'n':
		if (strncmp(j->p, "true", 4) == 0) {
			v->t = J_BOOL;
			v->b = 1;
			j->p += 4;
		} else if (strncmp(j->p, "false", 5) == 0) {
			v->t = J_BOOL;
			j->p += 5;
		} else if (strncmp(j->p, "null", 4) == 0) {
			v->t = J_NULL;
			j->p += 4;
		} else
			return -1;
		return 0;
	default:
		v->t = J_NUM;
		v->d = strtod(j->p, &end);
		if (end == j->p)
			return -1;
		j->p = end;
		return 0;
	}
}

static int
json_parse(const char *text, struct jv *root)
{
	struct jp j = { text, 0 };

	memset(root, 0, sizeof(*root));
	if (jvalue(&j, root) != 0)
		return -1;
	jws(&j);
	return *j.p == '\0' ? 0 : -1;
}

static const struct jv *
jget(const struct jv *o, const char *key)
{
	size_t i;

	if (o == NULL || o->t != J_OBJ)
		return NULL;
	for (i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], key) == 0)
			return &o->items[i];
	return NULL;
}

static const char *
jstr(const struct jv *o, const char *key)
{
	const struct jv *v = jget(o, key);

	return v != NULL && v->t == J_STR ? v->s : NULL;
}

/* A number that is a whole number of days or a visit's; null is -1. */
static int
jint(const struct jv *v, int *n)
{
	if (v != NULL && v->t == J_NULL) {
		*n = -1;
		return 0;
	}
	if (v == NULL || v->t != J_NUM || v->d < 0 || v->d > 1e9 ||
	    v->d != (double)(int)v->d)
		return -1;
	*n = (int)v->d;
	return 0;
}

/*
 * A visit of "visits": a missed one has "visit" and "interval_days"
 * null; "time" is "HH:MM" or null, "restart" true or false.
 */
static int
json_row(struct ctx *c, const struct jv *o, size_t i, struct vrow *row)
{
	const struct jv *t, *rs;
	const char *date, *st;

	memset(row, 0, sizeof(*row));
	date = jstr(o, "date");
	st = jstr(o, "status");
	t = jget(o, "time");
	rs = jget(o, "restart");
	if (date == NULL || strlen(date) != DATE_LEN ||
	    !iso_at(date, &row->date) || st == NULL ||
	    (row->status = status_of(st)) < 0)
		return bad(c, "json: visit %zu lacks a date or a status",
		    i + 1);
	if (jint(jget(o, "visit"), &row->number) != 0 ||
	    jint(jget(o, "interval_days"), &row->interval) != 0 ||
	    t == NULL || (t->t != J_NULL && t->t != J_STR) ||
	    (row->time = t->t == J_NULL ? TIME_NONE : hhmm(t->s)) <
	    TIME_NONE ||
	    (t->t == J_STR && row->time == TIME_NONE) ||
	    rs == NULL || rs->t != J_BOOL)
		return bad(c, "json: the visit, interval_days, time or restart "
		    "of the visit on %s", date);
	if (row->number < 0)
		row->number = 0;
	else if (row->status == VISIT_MISSED || row->number == 0)
		return bad(c, "json: the %s visit on %s is \"visit\": %d",
		    st, date, row->number);
	row->restart = rs->b;
	return 0;
}

/*
 * The visits, and the plan's word on the course: "restarted" as the
 * plan has it, "ended" null or the day and the reason as loaded.
 */
static int
json_course(struct ctx *c, const struct jv *plan, const struct jv *visits)
{
	const struct patient *p = c->pl->patient;
	const struct jv *rs, *end;
	const char *d, *why;
	struct vrows r = { 0 };
	struct vrow row;
	size_t i;
	int status = 0;

	rs = jget(plan, "restarted");
	end = jget(plan, "ended");
	if (rs == NULL || rs->t != J_BOOL || rs->b != (c->pl->restarted != 0))
		return bad(c, "json: \"restarted\" is not %s",
		    c->pl->restarted ? "true" : "false");
	if (end == NULL || (end->t == J_NULL) != (p->ended == 0))
		return bad(c, "json: \"ended\" is %snull, the course ended %s",
		    end != NULL && end->t == J_NULL ? "" : "not ",
		    p->ended ? iso(p->ended) : "never");
	if (p->ended) {
		d = jstr(end, "date");
		why = jstr(end, "reason");
		if (d == NULL || why == NULL || strcmp(d, iso(p->ended)) ||
		    strcmp(why, p->ended_reason))
			return bad(c, "json: \"ended\" is %s, '%s', not %s, "
			    "'%s'", d ? d : "?", why ? why : "?",
			    iso(p->ended), p->ended_reason);
	}
	for (i = 0; status == 0 && i < visits->n; i++)
		if ((status = json_row(c, &visits->items[i], i, &row)) == 0)
			vrows_add(&r, &row);
	if (status == 0)
		status = check_course(c, "json", &r);
	vrows_free(&r);
	return status;
}

static int
check_json_plan(struct ctx *c, const struct jv *plan)
{
	const struct jv *holds, *keep, *visits, *h, *pr;
	const char *drug, *from, *to, *cls, *med;
	size_t i, j;
	int p, found;

	holds = jget(plan, "holds");
	keep = jget(plan, "keep");
	visits = jget(plan, "visits");
	if (holds == NULL || holds->t != J_ARR || keep == NULL ||
	    keep->t != J_ARR || visits == NULL || visits->t != J_ARR)
		return bad(c, "json: no holds, keep or visits array");
	for (i = 0; i < holds->n; i++) {
		h = &holds->items[i];
		drug = jstr(h, "drug");
		from = jstr(h, "from");
		to = jstr(h, "to");
		pr = jget(h, "prescribed");
		if (drug == NULL || from == NULL || to == NULL || pr == NULL ||
		    pr->t != J_BOOL)
			return bad(c, "json: hold %zu lacks drug, from, to or "
			    "prescribed", i);
		if (!is_med(c, drug))
			return bad(c, "json: hold of '%s', not a medication of "
			    "the patient", drug);
		p = pause_of(c->dr, drug);
		if (p == DRUG_NEVER)
			return bad(c, "(a) json: '%s' (%s, pause: never) has a "
			    "hold", drug, class_id_of(c->dr, drug));
		if (p == DRUG_ASK && !pr->b)
			return bad(c, "(b) json: '%s' (%s, ask-prescriber) has "
			    "a hold with \"prescribed\": false", drug,
			    class_id_of(c->dr, drug));
		if (strlen(from) != DATE_LEN || strcmp(from, c->today_iso) < 0)
			return bad(c, "(c) json: the hold of '%s' begins %s, "
			    "before today %s", drug, from, c->today_iso);
		if (strcmp(to, from) < 0)
			return bad(c, "json: the hold of '%s' ends before it "
			    "begins", drug);
	}
	if (holds->n != c->pl->nholds)
		return bad(c, "json: %zu holds for %zu", holds->n,
		    c->pl->nholds);
	for (i = 0; i < keep->n; i++) {
		drug = jstr(&keep->items[i], "drug");
		if (drug == NULL || pause_of(c->dr, drug) != DRUG_NEVER)
			return bad(c, "json: keep entry %zu, '%s', is not "
			    "of a class never paused", i, drug ? drug : "?");
	}
	for (i = 0; i < meds_of(c)->n; i++) {
		med = meds_of(c)->v[i];
		if (pause_of(c->dr, med) != DRUG_NEVER)
			continue;
		for (j = 0, found = 0; j < keep->n; j++) {
			drug = jstr(&keep->items[j], "drug");
			cls = jstr(&keep->items[j], "class");
			found |= drug != NULL && cls != NULL &&
			    strcmp(drug, med) == 0 &&
			    strcmp(cls, class_id_of(c->dr, med)) == 0;
		}
		if (!found)
			return bad(c, "(a) json: '%s' (%s) is not in \"keep\"",
			    med, class_id_of(c->dr, med));
	}
	return json_course(c, plan, visits);
}

static int
check_json(struct ctx *c, const char *out)
{
	struct jv root;
	const struct jv *plans;
	int status;

	if (json_parse(out, &root) != 0) {
		jv_free(&root);
		return bad(c, "json: not a JSON document");
	}
	plans = jget(&root, "plans");
	if (plans == NULL || plans->t != J_ARR || plans->n != 1)
		status = bad(c, "json: not one plan in \"plans\"");
	else
		status = check_json_plan(c, &plans->items[0]);
	jv_free(&root);
	return status;
}

/* ---------------------------------------------------------------- */
/* iCalendar. */

/* Content lines unfolded (a CRLF and a space or tab joins two). */
static char *
ics_unfold(const char *s)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	for (; *s != '\0'; s++) {
		if (s[0] == '\r' && s[1] == '\n' && (s[2] == ' ' ||
		    s[2] == '\t')) {
			s += 2;
			continue;
		}
		buf_addn(&b, s, 1);
	}
	return b.p;
}

static char *
ics_unescape(const char *s)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			s++;
			buf_adds(&b, *s == 'n' || *s == 'N' ? "\n" :
			    *s == ',' ? "," : *s == ';' ? ";" :
			    *s == '\\' ? "\\" : "?");
		} else
			buf_addn(&b, s, 1);
	}
	return b.p;
}

struct vevent {
	char	*summary;
	char	*description;
	char	 dtstart[32];
	char	 dtend[32];
	char	 status[16];
	int	 all_day;
	int	 transparent;
};

/* A visit's event: its day, time, whether confirmed, and its summary. */
struct ics_visit {
	int	 date;
	int	 time;		/* TIME_NONE: all day */
	int	 confirmed;
	char	*summary;
};

struct ics_visits {
	struct ics_visit	*v;
	size_t			 n;
};

static void
vevent_reset(struct vevent *e)
{
	free(e->summary);
	free(e->description);
	memset(e, 0, sizeof(*e));
}

/* The ISO form of an iCalendar date, YYYYMMDD... as YYYY-MM-DD. */
static int
ics_day(const char *v, char iso[DATE_LEN + 1])
{
	if (strlen(v) < 8)
		return -1;
	snprintf(iso, DATE_LEN + 1, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
	return 0;
}

static void
ics_visit_add(struct ics_visits *vis, const struct vevent *e, int day)
{
	struct ics_visit *v;
	const char *t;

	vis->v = xreallocarray(vis->v, vis->n + 1, sizeof(*vis->v));
	v = &vis->v[vis->n++];
	v->date = day;
	v->time = TIME_NONE;
	if (!e->all_day && (t = strchr(e->dtstart, 'T')) != NULL &&
	    strlen(t) >= 5 && strspn(t + 1, "0123456789") >= 4)
		v->time = ((t[1] - '0') * 10 + t[2] - '0') * 60 +
		    (t[3] - '0') * 10 + t[4] - '0';
	v->confirmed = strcmp(e->status, "CONFIRMED") == 0;
	v->summary = xstrdup(e->summary);
}

static void
ics_visits_free(struct ics_visits *vis)
{
	size_t i;

	for (i = 0; i < vis->n; i++)
		free(vis->v[i].summary);
	free(vis->v);
	memset(vis, 0, sizeof(*vis));
}

/*
 * How a pause event's SUMMARY names a medicine among those it lists
 * (the care text's pause line, the medicines separated by "; "): 0
 * not at all, 1 plainly, 2 with the caveat to ask the prescriber.
 */
static int
ics_names(const struct care *care, const char *summary, const char *med)
{
	struct care_var var = { "drugs", "\x01" };
	char *t, *mark, *list, *item, *next, *presc;
	size_t pre, post;
	int kind = 0;

	t = care_expand(care->cal_pause, &var, 1);
	mark = strchr(t, '\x01');
	pre = (size_t)(mark - t);
	post = strlen(mark + 1);
	if (strlen(summary) < pre + post || strncmp(summary, t, pre) != 0 ||
	    strcmp(summary + strlen(summary) - post, mark + 1) != 0) {
		free(t);
		return 0;
	}
	list = xstrndup(summary + pre, strlen(summary) - pre - post);
	presc = expand_drug(care->cal_hold_prescribed, med);
	for (item = list; item != NULL && kind == 0; item = next) {
		if ((next = strstr(item, "; ")) != NULL) {
			*next = '\0';
			next += 2;
		}
		if (strcmp(item, med) == 0)
			kind = 1;
		else if (strcmp(item, presc) == 0)
			kind = 2;
	}
	free(presc);
	free(list);
	free(t);
	return kind;
}

/* The occurrences of frag in s. */
static size_t
count_in(const char *s, const char *frag)
{
	size_t n = 0;

	for (; (s = strstr(s, frag)) != NULL; s++)
		n++;
	return n;
}

/*
 * Whether every day from..to (inclusive) lies in a pause of med: a
 * SUMMARY, which is all a phone shows, must not name a medicine on a
 * day it may be taken.
 */
static int
paused_on(const struct plan *pl, const char *med, int from, int to)
{
	size_t i;

	for (i = 0; i < pl->nholds; i++)
		if (strcmp(pl->holds[i].drug, med) == 0 &&
		    pl->holds[i].from <= from && pl->holds[i].to >= to)
			return 1;
	return 0;
}

/*
 * A pause event: every medicine its SUMMARY names, each safely (a
 * medicine never paused has none, a prescribed one its caveat, and
 * none on a day it may be taken), and its description the handout's
 * sentence for each pause of it; *nholds counts those, once for the
 * events of one pause, which share it (*prev).
 */
static int
check_ics_pause(struct ctx *c, const struct vevent *e, int day,
    size_t *nholds, char **prev)
{
	const struct care *care = c->care;
	const char *med;
	char *frag, iso[DATE_LEN + 1];
	size_t i, j, n, hits = 0;
	int kind, p, end, again;

	again = *prev != NULL && e->description != NULL &&
	    strcmp(*prev, e->description) == 0;
	free(*prev);
	*prev = e->description != NULL ? xstrdup(e->description) : NULL;
	if (ics_day(e->dtend, iso) != 0 || !iso_at(iso, &end))
		return bad(c, "ics: a pause event without DTEND");

	for (i = 0; i < meds_of(c)->n; i++) {
		med = meds_of(c)->v[i];
		for (j = 0; j < i; j++)
			if (strcmp(meds_of(c)->v[j], med) == 0)
				break;
		if (j < i || (kind = ics_names(care, e->summary, med)) == 0)
			continue;
		hits++;
		p = pause_of(c->dr, med);
		if (p == DRUG_NEVER)
			return bad(c, "(a) ics: '%s' (%s, pause: never) has a "
			    "pause event: SUMMARY:%s", med,
			    class_id_of(c->dr, med), e->summary);
		if (p == DRUG_ASK && kind == 1)
			return bad(c, "(b) ics: '%s' (%s, ask-prescriber) has a "
			    "pause event without the caveat: SUMMARY:%s", med,
			    class_id_of(c->dr, med), e->summary);
		/* An all-day event's DTEND is the day after its last. */
		if (!paused_on(c->pl, med, day, end - 1))
			return bad(c, "(d) ics: '%s' is named by SUMMARY:%s "
			    "from %s to %s, on days it may be taken", med,
			    e->summary, e->dtstart, e->dtend);
		/* Its description is the handout's sentence, in its words. */
		frag = drug_fragment(p == DRUG_ASK ? care->hold_prescribed :
		    care->hold, med, NULL);
		n = e->description == NULL ? 0 : count_in(e->description,
		    frag);
		free(frag);
		frag = drug_fragment(p == DRUG_ASK ?
		    care->hold_prescribed_today : care->hold_today, med, NULL);
		n += e->description == NULL ? 0 : count_in(e->description,
		    frag);
		free(frag);
		if (n == 0)
			return bad(c, "(b) ics: the pause event of '%s' has "
			    "DESCRIPTION '%s'", med, e->description ?
			    e->description : "");
		if (!again)
			*nholds += n;
	}
	if (hits == 0)
		return bad(c, "ics: a pause event of no medication: SUMMARY:%s",
		    e->summary);
	if (!e->all_day || day < c->today)
		return bad(c, "(c) ics: the pause event '%s' starts %s%s, "
		    "before today %s", e->summary, e->dtstart, e->all_day ?
		    "" : " (not a date)", c->today_iso);
	return 0;
}

static int
check_ics_event(struct ctx *c, const struct vevent *e, size_t *nholds,
    char **prev, struct ics_visits *vis)
{
	char iso[DATE_LEN + 1];
	int day;

	if (e->summary == NULL || ics_day(e->dtstart, iso) != 0 ||
	    !iso_at(iso, &day))
		return bad(c, "ics: an event without SUMMARY or DTSTART");
	if (e->transparent)
		return check_ics_pause(c, e, day, nholds, prev);
	ics_visit_add(vis, e, day);
	if (day < c->today)
		return bad(c, "(c) ics: a visit event on %s, before today %s",
		    iso, c->today_iso);
	return 0;
}

/*
 * The visits to come, and only they, each an event on its day: a
 * booked one CONFIRMED at its time, if it has one, as the book has it;
 * a planned one TENTATIVE unless the clinic gave it a time; each named
 * by its number in the course.  None after the course's end, and a
 * course with nothing to come a journal entry instead.
 */
static int
ics_course(struct ctx *c, const struct ics_visits *vis, size_t njournals)
{
	const struct plan *pl = c->pl;
	const struct patient *p = pl->patient;
	const struct plan_visit *pv;
	const struct ics_visit *ev;
	struct care_var vars[2];
	char num[16], total[16], *want;
	size_t i, j, k, n;
	int status = 0;

	/* Numbered after the visits given, missed ones not counted. */
	for (i = 0, n = p->nhistory; i < pl->nvisits; i++)
		n += to_come(pl->visits[i].status);
	snprintf(total, sizeof(total), "%zu", n);
	for (i = 0, k = 0; status == 0 && i < pl->nvisits; i++) {
		pv = &pl->visits[i];
		if (!to_come(pv->status))
			continue;
		if (k == vis->n)
			return bad(c, "ics: no event for the %s visit on %s",
			    status_ids[pv->status], iso(pv->date));
		ev = &vis->v[k++];
		snprintf(num, sizeof(num), "%zu", p->nhistory + k);
		vars[0] = (struct care_var){ "visit", num };
		vars[1] = (struct care_var){ "visits", total };
		want = care_expand(c->care->cal_visit, vars, 2);
		if (ev->date != pv->date || ev->time != pv->time ||
		    ev->confirmed != (pv->status == VISIT_BOOKED ||
		    pv->time != TIME_NONE) || strcmp(ev->summary, want) != 0)
			status = bad(c, "ics: the %s visit on %s, %s of %s, "
			    "is the event '%s' on %s, %s",
			    status_ids[pv->status], iso(pv->date), num, total,
			    ev->summary, iso(ev->date), ev->confirmed ?
			    "CONFIRMED" : "not CONFIRMED");
		free(want);
	}
	if (status == 0 && k != vis->n)
		status = bad(c, "ics: %zu visit events for %zu visits to come",
		    vis->n, k);
	for (j = 0; status == 0 && j < p->nbooked; j++) {
		for (i = 0, ev = NULL; i < vis->n; i++)
			if (vis->v[i].date == p->booked[j].date)
				ev = &vis->v[i];
		if (ev == NULL || !ev->confirmed ||
		    ev->time != p->booked[j].time)
			status = bad(c, "ics: the visit booked for %s is %s",
			    iso(p->booked[j].date), ev == NULL ? "not there" :
			    "not CONFIRMED at its time");
	}
	for (i = 0; status == 0 && p->ended && i < vis->n; i++)
		if (vis->v[i].date > p->ended)
			status = bad(c, "ics: a visit on %s, after the course "
			    "ended on %s", iso(vis->v[i].date), iso(p->ended));
	if (status == 0 && njournals != (size_t)(vis->n == 0))
		status = bad(c, "ics: %zu journal entries for %zu visits to "
		    "come", njournals, vis->n);
	return status;
}

static int
check_ics(struct ctx *c, const char *out)
{
	struct vevent e = { 0 };
	struct ics_visits vis = { 0 };
	char *text, *line, *next, *colon, *name, *prev = NULL;
	size_t nholds = 0, njournals = 0;
	int in_event = 0, in_alarm = 0, status = 0;

	text = ics_unfold(out);
	for (line = text; status == 0 && *line != '\0'; line = next) {
		if ((next = strstr(line, "\r\n")) == NULL) {
			status = bad(c, "ics: a line not ended by CRLF");
			break;
		}
		*next = '\0';
		next += 2;
		if ((colon = strchr(line, ':')) == NULL) {
			status = bad(c, "ics: a line without a colon");
			break;
		}
		*colon = '\0';
		name = line;
		if (strcmp(name, "BEGIN") == 0 && strcmp(colon + 1,
		    "VJOURNAL") == 0)
			njournals++;
		else if (strcmp(name, "BEGIN") == 0 && strcmp(colon + 1,
		    "VEVENT") == 0) {
			vevent_reset(&e);
			in_event = 1;
		} else if (strcmp(name, "BEGIN") == 0 && strcmp(colon + 1,
		    "VALARM") == 0)
			in_alarm = 1;
		else if (strcmp(name, "END") == 0 && strcmp(colon + 1,
		    "VALARM") == 0)
			in_alarm = 0;
		else if (strcmp(name, "END") == 0 && strcmp(colon + 1,
		    "VEVENT") == 0) {
			status = check_ics_event(c, &e, &nholds, &prev, &vis);
			vevent_reset(&e);
			in_event = 0;
		} else if (!in_event || in_alarm)
			continue;
		else if (strcmp(name, "SUMMARY") == 0) {
			free(e.summary);
			e.summary = ics_unescape(colon + 1);
		} else if (strcmp(name, "DESCRIPTION") == 0) {
			free(e.description);
			e.description = ics_unescape(colon + 1);
		} else if (strncmp(name, "DTSTART", 7) == 0) {
			snprintf(e.dtstart, sizeof(e.dtstart), "%s",
			    colon + 1);
			e.all_day = strcmp(name, "DTSTART;VALUE=DATE") == 0;
		} else if (strncmp(name, "DTEND", 5) == 0) {
			snprintf(e.dtend, sizeof(e.dtend), "%s", colon + 1);
		} else if (strcmp(name, "TRANSP") == 0)
			e.transparent = strcmp(colon + 1, "TRANSPARENT") == 0;
		else if (strcmp(name, "STATUS") == 0)
			snprintf(e.status, sizeof(e.status), "%s", colon + 1);
	}
	vevent_reset(&e);
	free(text);
	free(prev);
	if (status == 0 && nholds != c->pl->nholds)
		status = bad(c, "ics: %zu hold events for %zu holds", nholds,
		    c->pl->nholds);
	if (status == 0)
		status = ics_course(c, &vis, njournals);
	ics_visits_free(&vis);
	return status;
}

/* ---------------------------------------------------------------- */
/* Rendering and checking one plan in every format. */

struct rendered {
	char	*out[NFMT];
	size_t	 len[NFMT];
};

static void
render(struct rendered *r, const struct plan *pl)
{
	struct printer pr;
	FILE *fp;
	int f;

	for (f = 0; f < NFMT; f++) {
		free(r->out[f]);
		r->out[f] = NULL;
		fp = open_memstream(&r->out[f], &r->len[f]);
		assert_non_null(fp);
		print_init(&pr, format_find(fmt_names[f]), fp);
		assert_non_null(pr.format);
		pr.now = (long long)pl->today * 86400 + 36000;
		print_begin(&pr);
		print_plan(&pr, pl);
		print_end(&pr);
		assert_int_equal(fclose(fp), 0);
		assert_int_equal(strlen(r->out[f]), r->len[f]);
	}
}

static void
rendered_free(struct rendered *r)
{
	int f;

	for (f = 0; f < NFMT; f++)
		free(r->out[f]);
	memset(r, 0, sizeof(*r));
}

static void
ctx_init(struct ctx *c, const struct plan *pl, const struct drugs *dr)
{
	memset(c, 0, sizeof(*c));
	c->pl = pl;
	c->dr = dr;
	c->care = pl->care;
	c->today = pl->today;
	date_format(pl->today, c->today_iso);
}

/* One format's checker; -1 for the plan itself. */
static int
check_one(struct ctx *c, int f, const struct rendered *r)
{
	switch (f) {
	case F_TEXT:
		return check_handout(c, r->out[f], 0);
	case F_HTML:
		return check_handout(c, r->out[f], 1);
	case F_CSV:
		return check_csv(c, r->out[f]);
	case F_JSON:
		return check_json(c, r->out[f]);
	case F_ICS:
		return check_ics(c, r->out[f]);
	default:
		return check_plan(c);
	}
}

/* ---------------------------------------------------------------- */
/*
 * The patient generator.  Besides the medicines, about one patient in
 * five each has missed visits in the history, visits already booked,
 * or an early end; some histories are long, some ended long ago, so
 * that courses lapse and restart.  A few files are wrong on purpose
 * (a visit given after today, an item naming two medicines of two
 * classes, an end before a visit given or booked): loading must
 * refuse them.
 */

struct gen {
	int		 today;
	int		 load;
	const char	*protocol;
	int		 lang;		/* 0 none, 1 en, 2 es */
	char		 meds[MAX_MEDS][MED_LEN];
	int		 nmeds;
	int		 two;		/* a two-class item */
	int		 future;	/* a history date after today */
	int		 given[MAX_GIVEN];	/* visits given, oldest first */
	int		 ngiven;
	int		 rec[MAX_REC];	/* the history as written */
	int		 missed[MAX_REC];
	int		 nrec;
	int		 nmissed;
	int		 booked[2];
	int		 btime[2];	/* TIME_NONE: none */
	int		 nbooked;
	int		 ended;		/* 0: not ended early */
	const char	*reason;
	int		 bad_end;	/* 1: ended before the last visit
					   given, 2: before a booked one */
	char		*yaml;
	size_t		 len;
	char		*plain;		/* the same without the missed */
	size_t		 plain_len;
};

static const int booked_times[] = {
	8 * 60 + 30, 9 * 60 + 15, 14 * 60, 17 * 60 + 45
};

/* Why a course ended early, with what CSV, JSON and HTML must quote. */
static const char *const end_reasons[] = {
	"better after 3 visits", "moved away", "pain gone, \"much\" better",
	"se mud\xc3\xb3 de ciudad", "stopped; side effects: rash & itching",
	"O'Neil's choice <no more>",
};

static const int today_ymd[][3] = {
	{ 2026, 11, 27 }, { 2026, 12, 30 }, { 2028, 2, 27 }, { 2027, 6, 15 },
	{ 2031, 1, 1 },
};

/* A YAML double-quoted scalar. */
static void
yq(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
ydate(FILE *fp, int day)
{
	char iso[DATE_LEN + 1];

	date_format(day, iso);
	fputs(iso, fp);
}

/* k distinct indices below n, into idx. */
static void
distinct(int *idx, int k, int n)
{
	int i, j, again;

	for (i = 0; i < k; i++)
		do {
			idx[i] = pick(n);
			for (j = 0, again = 0; j < i; j++)
				again |= idx[j] == idx[i];
		} while (again);
}

/* A list of k distinct names from a pool, in flow style. */
static void
ylist(FILE *fp, const char *key, const char *const *names, int n, int k)
{
	int idx[8], i;

	distinct(idx, k, n);
	fprintf(fp, "%s: [", key);
	for (i = 0; i < k; i++)
		fprintf(fp, "%s%s", i ? ", " : "", names[idx[i]]);
	fputs("]\n", fp);
}

/*
 * A course the protocol allows: nsites sites (0: the protocol's) and a
 * number of visits (0: the protocol's default) that make a number of
 * injections in its range, with room for the nfixed visits given and
 * booked.  A course ended early may be shorter than the protocol's
 * least, down to the visits it came to, which is also its default.
 */
static void
choose_course(const struct protocol *pr, int nfixed, int ended, int *nsites,
    int *visits)
{
	int tries, k, v, per, dflt;

	dflt = ended ? nfixed : pr->visits_default;
	for (tries = 0; tries < 20; tries++) {
		k = pick(3) == 0 ? between(1, 2) : 0;
		if (ended && pick(3) == 0)
			v = nfixed + pick(2);
		else
			v = pick(2) ? between(pr->visits_min,
			    pr->visits_max) : 0;
		per = (k ? k : (int)pr->sites.n) * pr->per_site *
		    (v ? v : dflt);
		if ((per >= pr->inj_min || ended) && per <= pr->inj_max &&
		    (v ? v : dflt) >= nfixed && v <= pr->visits_max) {
			*nsites = k;
			*visits = v;
			return;
		}
	}
	*nsites = 0;
	*visits = pr->visits_max;
}

/*
 * The visits given, oldest first, spaced as this protocol or another
 * would: the last up to 35 days ago, now and then long ago enough for
 * the course to lapse, or (rarely, to be refused) after today.  A long
 * history now and then meets the course's length limit.
 */
static void
gen_given(struct gen *g, const struct protocol *proto, int room)
{
	int i, last;

	g->ngiven = pick(8) == 0 ? between(4, MAX_GIVEN) : pick(4);
	if (g->ngiven > room)
		g->ngiven = room;
	g->future = g->ngiven > 0 && pick(30) == 0;
	if (g->future)
		last = g->today + between(1, 20);
	else if (pick(6) == 0)
		last = g->today - between(36, 150);
	else
		last = g->today - between(0, 35);
	for (i = g->ngiven - 1; i >= 0; i--)
		g->given[i] = i == g->ngiven - 1 ? last : g->given[i + 1] -
		    (pick(2) ? between(14, 21) : between(proto->ival_min,
		    proto->ival_max));
}

static int
in_history(const struct gen *g, int day)
{
	int i;

	for (i = 0; i < g->nrec; i++)
		if (g->rec[i] == day)
			return 1;
	return 0;
}

/*
 * The history as written: the visits given, and now and then one or
 * two missed ones among them, before them or after the last, up to
 * today.
 */
static void
gen_missed(struct gen *g)
{
	int i, j, k, d, lo, tries;

	g->nrec = g->ngiven;
	for (i = 0; i < g->ngiven; i++) {
		g->rec[i] = g->given[i];
		g->missed[i] = 0;
	}
	g->nmissed = 0;
	if (g->future || pick(5) != 0)
		return;
	lo = g->ngiven ? g->given[0] - 30 : g->today - 60;
	for (k = between(1, 2); k > 0; k--) {
		for (tries = 0, d = g->today; tries < 10; tries++)
			if (!in_history(g, d = between(lo, g->today)))
				break;
		if (tries == 10)
			continue;
		for (i = g->nrec; i > 0 && g->rec[i - 1] > d; i--)
			continue;
		for (j = g->nrec; j > i; j--) {
			g->rec[j] = g->rec[j - 1];
			g->missed[j] = g->missed[j - 1];
		}
		g->rec[i] = d;
		g->missed[i] = 1;
		g->nrec++;
		g->nmissed++;
	}
}

/*
 * Visits already booked: on or after today and after the whole history
 * (loading wants them after a visit missed today too, not only after
 * the last one given), the first in the window after the last visit
 * given, or soon after today or the start; a second one
 * ival_min..ival_max after it, or closer, or further.  Some at a time.
 */
static void
gen_booked(struct gen *g, const struct protocol *proto, int start)
{
	int lo, b, i, min = proto->ival_min, max = proto->ival_max;

	lo = g->today;
	if (g->nrec > 0 && g->rec[g->nrec - 1] >= lo)
		lo = g->rec[g->nrec - 1] + 1;
	if (g->ngiven > 0 && pick(3) != 0)
		b = g->given[g->ngiven - 1] + between(min, max);
	else if (pick(2))
		b = lo + between(0, 2 * max);
	else
		b = start + between(0, max);
	if (b < lo)
		b = lo + pick(7);
	g->booked[0] = b;
	if (g->nbooked == 2)
		switch (pick(4)) {
		case 0:
			g->booked[1] = b + (min > 1 ? between(1, min - 1) : 1);
			break;
		case 1:
			g->booked[1] = b + between(max + 1, 3 * max);
			break;
		default:
			g->booked[1] = b + between(min, max);
			break;
		}
	for (i = 0; i < g->nbooked; i++)
		g->btime[i] = pick(3) == 0 ? booked_times[pick((int)(
		    sizeof(booked_times) / sizeof(*booked_times)))] :
		    TIME_NONE;
}

/*
 * Now and then an early end: to come (the course is cut there), past
 * (nothing more is planned), or on purpose before the last visit
 * given or a booked visit, which loading must refuse.
 */
static void
gen_ended(struct gen *g)
{
	int lastg, lastb;

	g->ended = 0;
	g->bad_end = 0;
	if (g->future || g->two >= 0 || pick(5) != 0)
		return;
	lastg = g->ngiven ? g->given[g->ngiven - 1] : 0;
	lastb = g->nbooked ? g->booked[g->nbooked - 1] : 0;
	g->reason = end_reasons[pick((int)(sizeof(end_reasons) /
	    sizeof(*end_reasons)))];
	switch (pick(6)) {
	case 0:
		if (g->ngiven > 0) {
			g->ended = lastg - between(1, 20);
			g->bad_end = 1;
			return;
		}
		break;
	case 1:
		if (g->nbooked > 0) {
			g->ended = lastb - between(1, 10);
			if (g->ended < lastg)
				g->ended = lastg;
			g->bad_end = 2;
			return;
		}
		break;
	case 2:
	case 3:
		if (g->nbooked == 0 && lastg < g->today) {
			g->ended = between(lastg > g->today - 60 ? lastg :
			    g->today - 60, g->today - 1);
			return;
		}
		break;
	default:
		break;
	}
	g->ended = (lastb > g->today ? lastb : g->today) + between(0, 90);
}

/* The history (missed visits too, or not), the book and the end. */
static void
write_course(FILE *fp, const struct gen *g, int with_missed)
{
	char t[TIME_LEN + 1];
	int i, k;

	for (i = 0, k = 0; i < g->nrec; i++) {
		if (g->missed[i] && !with_missed)
			continue;
		fputs(k++ ? ", " : "history: [", fp);
		if (g->missed[i])
			fputs("{date: ", fp);
		ydate(fp, g->rec[i]);
		if (g->missed[i])
			fputs(", missed: true}", fp);
	}
	if (k > 0)
		fputs("]\n", fp);
	for (i = 0; i < g->nbooked; i++) {
		fputs(i ? ", " : "booked: [", fp);
		if (g->btime[i] != TIME_NONE) {
			date_time_format(g->btime[i], t);
			fputs("{date: ", fp);
			ydate(fp, g->booked[i]);
			fprintf(fp, ", time: \"%s\"}", t);
		} else
			ydate(fp, g->booked[i]);
	}
	if (g->nbooked > 0)
		fputs("]\n", fp);
	if (g->ended) {
		fputs("ended: {date: ", fp);
		ydate(fp, g->ended);
		fputs(", reason: ", fp);
		yq(fp, g->reason);
		fputs("}\n", fp);
	}
}

/* The file, and without its missed visits the same file again. */
static void
write_files(struct gen *g, const char *head, size_t len)
{
	FILE *fp;

	fp = open_memstream(&g->yaml, &g->len);
	assert_non_null(fp);
	fwrite(head, 1, len, fp);
	write_course(fp, g, 1);
	assert_int_equal(fclose(fp), 0);
	if (g->nmissed == 0)
		return;
	fp = open_memstream(&g->plain, &g->plain_len);
	assert_non_null(fp);
	fwrite(head, 1, len, fp);
	write_course(fp, g, 0);
	assert_int_equal(fclose(fp), 0);
}

static void
generate(struct gen *g, const struct props *pr, int n)
{
	const struct protocol *proto;
	struct diag d = { 0 };
	const int *ymd;
	int idx[MAX_MEDS], start, i, k, mask, nsites, visits;
	char *head;
	size_t len;
	FILE *fp;

	free(g->yaml);
	free(g->plain);
	memset(g, 0, sizeof(*g));
	ymd = today_ymd[pick(sizeof(today_ymd) / sizeof(*today_ymd))];
	g->today = date_from_ymd(ymd[0], ymd[1], ymd[2]);
	g->load = pick(NLOADS);
	g->protocol = pr->ids.v[pick((int)pr->ids.n)];
	proto = library_get(pr->l[g->load].library, g->protocol, &d);
	assert_non_null(proto);
	diag_release(&d);
	start = g->today + between(-30, 30);
	g->nbooked = pick(5) == 0 ? between(1, 2) : 0;
	gen_given(g, proto, proto->visits_max - g->nbooked);
	if (g->future)
		g->nbooked = 0;
	gen_missed(g);
	if (g->nbooked > 0)
		gen_booked(g, proto, start);
	g->nmeds = pick(MAX_MEDS + 1);
	g->two = !g->future && g->nmeds > 0 && pick(20) == 0 ?
	    pick(g->nmeds) : -1;
	gen_ended(g);
	choose_course(proto, g->ngiven + g->nbooked, g->ended &&
	    !g->bad_end, &nsites, &visits);
	distinct(idx, g->nmeds, (int)NPOOL);
	for (i = 0; i < g->nmeds; i++)
		mangle(g->meds[i], MED_LEN, i == g->two ?
		    two_class[pick(NTWO)] : pool[idx[i]].text);

	fp = open_memstream(&head, &len);
	assert_non_null(fp);
	fprintf(fp, "patient:\n  id: \"P%05d\"\n  name: \"Patient %d\"\n",
	    n, n);
	fprintf(fp, "protocol: %s\nstart: ", g->protocol);
	ydate(fp, start);
	fputc('\n', fp);
	if ((g->lang = pick(5)) > 2)
		g->lang = 2;
	if (g->lang)
		fprintf(fp, "lang: %s\n", g->lang == 1 ? "en" : "es");
	if (visits > 0)
		fprintf(fp, "visits: %d\n", visits);
	if (pick(4) == 0)
		fprintf(fp, "interval_days: %d\n", between(proto->ival_min,
		    proto->ival_max));
	if (pick(3) == 0) {
		mask = between(1, 127);
		fputs("weekdays: [", fp);
		for (i = 0, k = 0; i < 7; i++)
			if (mask & (1 << i))
				fprintf(fp, "%s%s", k++ ? ", " : "",
				    weekday_names[i]);
		fputs("]\n", fp);
	}
	if (nsites > 0)
		ylist(fp, "sites", site_pool, (int)(sizeof(site_pool) /
		    sizeof(*site_pool)), nsites);
	if (pick(8) == 0)
		fputs(pick(2) ? "time: \"09:15\"\n" : "times: [morning]\n",
		    fp);
	if (pick(8) == 0) {
		fputs("unavailable:\n  - {from: ", fp);
		ydate(fp, start + between(0, 10));
		fputs(", to: ", fp);
		ydate(fp, start + between(10, 20));
		fputs("}\n", fp);
	}
	if (g->nmeds > 0) {
		fputs("medications:\n", fp);
		for (i = 0; i < g->nmeds; i++) {
			fputs("  - ", fp);
			yq(fp, g->meds[i]);
			fputc('\n', fp);
		}
	}
	if ((k = pick(3)) > 0)
		ylist(fp, "allergies", allergy_pool,
		    (int)(sizeof(allergy_pool) / sizeof(*allergy_pool)), k);
	if ((k = pick(3)) > 0 && pick(2))
		ylist(fp, "conditions", condition_pool,
		    (int)(sizeof(condition_pool) / sizeof(*condition_pool)), k);
	assert_int_equal(fclose(fp), 0);
	write_files(g, head, len);
	free(head);
}

/* ---------------------------------------------------------------- */
/* The tests. */

/*
 * The pool says what class each medicine is; drugs.yaml must agree,
 * however the medicine is typed, or the properties test the wrong
 * thing.  The two-class items name two classes each.
 */
static void
torture_props_pool(void **state)
{
	struct props *pr = *state;
	const struct drugs *dr = pr->l[0].drugs;
	const struct drug_class *dc, *two[2];
	char buf[MED_LEN];
	int guessed, k, seen[3] = { 0 };
	size_t i;

	rng = PROPS_SEED ^ 1;
	assert_true(NPOOL >= 40);
	for (i = 0; i < NPOOL; i++) {
		for (k = 0; k < 16; k++) {
			if (k == 0)
				snprintf(buf, sizeof(buf), "%s", pool[i].text);
			else
				mangle(buf, sizeof(buf), pool[i].text);
			dc = drugs_class_of(dr, buf);
			if ((dc ? dc->id : NULL) != NULL && pool[i].class_id &&
			    strcmp(dc->id, pool[i].class_id) == 0)
				continue;
			if (dc == NULL && pool[i].class_id == NULL)
				continue;
			fail_msg("'%s' is %s, the pool says %s", buf,
			    dc ? dc->id : "of no class",
			    pool[i].class_id ? pool[i].class_id : "none");
		}
		if ((dc = drugs_class_of(dr, pool[i].text)) != NULL)
			seen[dc->pause]++;
	}
	/* Every kind of pause is drawn. */
	assert_true(seen[DRUG_PAUSE] > 0 && seen[DRUG_ASK] > 0 &&
	    seen[DRUG_NEVER] > 0);
	for (i = 0; i < NTWO; i++)
		if (drugs_classes(dr, two_class[i], two, &guessed) != 2)
			fail_msg("'%s' does not name two classes",
			    two_class[i]);
}

/*
 * The shipped templates the checkers rely on: {drug} in each, the
 * first day right after the drug's words, and the caveat's words not
 * those of a plain pause.
 */
static void
torture_props_templates(void **state)
{
	struct props *pr = *state;
	struct load *l = &pr->l[0];
	struct chart ch;
	struct diag d = { 0 };
	const struct care *cares[2];
	static const char es[] = "patient: {id: \"1\", name: \"A\"}\n"
	    "protocol: standard\nstart: 2026-12-01\nlang: es\n";
	char *a, *b;
	int i, from;

	l->today = date_from_ymd(2026, 11, 27);
	assert_int_equal(load_patient(l, "p.yaml", es, strlen(es), &ch, &d),
	    0);
	cares[0] = l->care;
	cares[1] = ch.care;
	assert_string_equal(cares[1]->language, "es");
	for (i = 0; i < 2; i++) {
		a = drug_fragment(cares[i]->hold, "X", &from);
		assert_non_null(a);
		assert_true(from);
		free(a);
		a = drug_fragment(cares[i]->hold_prescribed, "X", &from);
		assert_non_null(a);
		assert_true(from);
		b = drug_fragment(cares[i]->hold, "X", NULL);
		assert_null(strstr(a, b));
		assert_null(strstr(b, a));
		free(a);
		free(b);
		a = expand_drug(cares[i]->cal_hold_prescribed, "X");
		assert_string_not_equal(a, "X");
		assert_non_null(strstr(a, "X"));
		free(a);
		a = expand_drug(cares[i]->hold_keep, "X");
		assert_non_null(strstr(a, "X"));
		free(a);
	}
	patient_free(ch.patient);
	diag_release(&d);
}

/*
 * A patient with a medicine of each kind, planned, then made wrong by
 * hand in each of the ways the rules forbid: each checker that can see
 * the fault must reject it.  A checker that checks nothing fails here.
 */
enum mutation {
	M_NONE, M_NEVER_HOLD, M_ASK_PLAIN, M_EARLY_HOLD, M_EARLY_VISIT,
	M_NO_KEEP, M_BOOKED_MOVED, M_BOOKED_UNTIMED, M_MISSED_NUMBERED,
	M_AFTER_END, M_LATE_RESTART, M_COUNT
};

static const char *const mutation_names[M_COUNT] = {
	"none", "a hold of warfarin", "low-dose aspirin without the caveat",
	"a hold from yesterday", "a planned visit yesterday",
	"no keep-taking line", "a booked visit moved a day",
	"a booked visit without its time", "a missed visit counted",
	"a planned visit after the end", "a restart late in the course"
};

/*
 * Which checkers (plan = NFMT) must reject each mutation.  A calendar
 * does not show where the course restarts.
 */
static const int must_reject[M_COUNT][NFMT + 1] = {
	/*                    text html csv json ics plan */
	[M_NONE]            = { 0, 0, 0, 0, 0, 0 },
	[M_NEVER_HOLD]      = { 1, 1, 0, 1, 1, 1 },
	[M_ASK_PLAIN]       = { 1, 1, 0, 1, 1, 1 },
	[M_EARLY_HOLD]      = { 1, 1, 0, 1, 1, 1 },
	[M_EARLY_VISIT]     = { 1, 1, 1, 1, 1, 1 },
	[M_NO_KEEP]         = { 1, 1, 0, 1, 0, 1 },
	[M_BOOKED_MOVED]    = { 1, 1, 1, 1, 1, 1 },
	[M_BOOKED_UNTIMED]  = { 1, 1, 1, 1, 1, 1 },
	[M_MISSED_NUMBERED] = { 1, 1, 1, 1, 1, 1 },
	[M_AFTER_END]       = { 1, 1, 1, 1, 1, 1 },
	[M_LATE_RESTART]    = { 1, 1, 1, 1, 0, 1 },
};

/* The first visit of a status, or NULL. */
static struct plan_visit *
first_of(struct plan *pl, enum visit_status st)
{
	size_t i;

	for (i = 0; i < pl->nvisits; i++)
		if (pl->visits[i].status == st)
			return &pl->visits[i];
	return NULL;
}

/*
 * The intervals again after a visit was moved or added, so that the
 * one rule a mutation breaks is the only one broken.
 */
static void
reinterval(struct plan *pl)
{
	struct plan_visit *v;
	size_t i;
	int prev = -1;

	for (i = 0; i < pl->nvisits; i++) {
		v = &pl->visits[i];
		if (v->status == VISIT_MISSED)
			continue;
		v->interval = prev < 0 || v->restart ? -1 : v->date - prev;
		prev = v->date;
	}
}

/* One more planned visit, ival_pref days after the last one. */
static void
add_last(struct plan *pl)
{
	struct plan_visit *v;

	pl->visits = xreallocarray(pl->visits, pl->nvisits + 1,
	    sizeof(*pl->visits));
	v = &pl->visits[pl->nvisits];
	*v = v[-1];
	v->date += pl->patient->interval_days;
	v->status = VISIT_PLANNED;
	v->number++;
	v->time = TIME_NONE;
	v->restart = 0;
	pl->nvisits++;
	reinterval(pl);
}

/*
 * A missed visit numbered as if it were one of the course, and the
 * visits after it one on.  The printers write no number for a missed
 * visit, so the formats see it in the numbers of the others.
 */
static void
count_missed(struct plan *pl, struct plan_visit *missed)
{
	struct plan_visit *v;
	int number = 0;

	for (v = pl->visits; v < pl->visits + pl->nvisits; v++)
		if (v == missed)
			v->number = ++number;
		else if (v->status != VISIT_MISSED)
			v->number = ++number;
}

/* The mutations of the course over time. */
static void
mutate_course(struct plan *pl, enum mutation m)
{
	switch (m) {
	case M_BOOKED_MOVED:
		first_of(pl, VISIT_BOOKED)->date++;
		reinterval(pl);
		break;
	case M_BOOKED_UNTIMED:
		first_of(pl, VISIT_BOOKED)->time = TIME_NONE;
		break;
	case M_MISSED_NUMBERED:
		count_missed(pl, first_of(pl, VISIT_MISSED));
		break;
	case M_AFTER_END:
		add_last(pl);
		break;
	case M_LATE_RESTART:
		pl->visits[pl->nvisits - 1].restart = 1;
		reinterval(pl);
		break;
	default:
		break;
	}
}

static void
mutate(struct plan *pl, enum mutation m)
{
	const struct strv *meds = &pl->patient->medications;
	size_t i, n;

	switch (m) {
	case M_NEVER_HOLD:
		pl->holds = xreallocarray(pl->holds, pl->nholds + 1,
		    sizeof(*pl->holds));
		pl->holds[pl->nholds].drug = meds->v[0];	/* warfarin */
		pl->holds[pl->nholds].from = pl->holds[0].from;
		pl->holds[pl->nholds].to = pl->holds[0].to;
		pl->holds[pl->nholds].prescribed = 0;
		pl->nholds++;
		break;
	case M_ASK_PLAIN:
		for (i = 0; i < pl->nholds; i++)
			if (strcmp(pl->holds[i].drug, meds->v[2]) == 0)
				pl->holds[i].prescribed = 0;
		break;
	case M_EARLY_HOLD:
		pl->holds[0].from = pl->today - 1;
		break;
	case M_EARLY_VISIT:
		first_of(pl, VISIT_PLANNED)->date = pl->today - 1;
		break;
	case M_NO_KEEP:
		for (i = 0, n = 0; i < pl->nwarnings; i++)
			if (pl->warnings[i].kind != PLAN_W_KEEP)
				pl->warnings[n++] = pl->warnings[i];
		pl->nwarnings = n;
		break;
	default:
		mutate_course(pl, m);
		break;
	}
}

static void
torture_props_bad_plans(void **state)
{
	struct props *pr = *state;
	struct load *l = &pr->l[1];
	static const char yaml[] =
	    "patient: {id: \"B1\", name: \"Bad Plan\"}\n"
	    "protocol: knee-oa\n"
	    "start: 2026-12-07\n"
	    "medications:\n"
	    "  - warfarin 5 mg\n"
	    "  - ibuprofen 400 mg\n"
	    "  - aspirin 81 mg daily\n"
	    "  - prednisone 10 mg\n"
	    "visits: 7\n"
	    "history: [{date: 2026-11-06, missed: true}, 2026-11-20]\n"
	    "booked: [{date: 2027-01-05, time: \"09:30\"}]\n"
	    "ended: {date: 2027-02-20, reason: \"moving away\"}\n";
	struct rendered r = { 0 };
	struct sched_out out;
	struct chart ch;
	struct diag d = { 0 };
	struct plan pl;
	struct ctx c;
	int m, f, got, asked;
	size_t i;

	l->today = date_from_ymd(2026, 11, 27);
	assert_int_equal(load_patient(l, "bad.yaml", yaml, strlen(yaml), &ch,
	    &d), 0);
	for (m = 0; m < M_COUNT; m++) {
		assert_int_equal(plan_make(&pl, &ch, l->today, &out),
		    SCHED_OK);
		if (m == M_NONE) {
			/* The patient has what each mutation needs. */
			for (i = 0, asked = 0; i < pl.nholds; i++)
				asked += pl.holds[i].prescribed;
			assert_true(pl.nholds > 2 && asked > 0);
			assert_true(pl.nvisits > pl.patient->nhistory);
			/*
			 * A missed visit, a booked one at a time with a
			 * planned one before it, and an end that cut the
			 * course: a visit added after it stays within
			 * its number of visits.
			 */
			assert_non_null(first_of(&pl, VISIT_MISSED));
			assert_non_null(first_of(&pl, VISIT_BOOKED));
			assert_int_not_equal(first_of(&pl,
			    VISIT_BOOKED)->time, TIME_NONE);
			assert_true(first_of(&pl, VISIT_PLANNED) <
			    first_of(&pl, VISIT_BOOKED));
			assert_int_equal(pl.visits[pl.nvisits - 1].status,
			    VISIT_PLANNED);
			assert_true((int)pl.nvisits - 1 <
			    pl.patient->visits);
			assert_true(pl.visits[pl.nvisits - 1].date +
			    pl.patient->interval_days > pl.patient->ended);
		}
		mutate(&pl, (enum mutation)m);
		render(&r, &pl);
		for (f = 0; f <= NFMT; f++) {
			ctx_init(&c, &pl, l->drugs);
			got = check_one(&c, f, &r) != 0;
			if (got && getenv("PROPS_VERBOSE") != NULL)
				print_message("props: %s: %s\n",
				    mutation_names[m], c.why);
			if (got != must_reject[m][f])
				fail_msg("%s: the %s checker %s it%s%s",
				    mutation_names[m],
				    f < NFMT ? fmt_names[f] : "plan",
				    got ? "rejected" : "accepted",
				    got ? ": " : "", got ? c.why : "");
		}
		plan_release(&pl);
	}
	rendered_free(&r);
	patient_free(ch.patient);
	diag_release(&d);
}

/* What a run saw, for its summary and for what it must have covered. */
struct tally {
	int	loaded, planned, not_planned, es;
	int	refused, refused_meant, refused_other;
	int	holds, asked, keeps;
	int	booked, missed, restarted, ended, ends;	/* planned */
	int	same;		/* planned again without the missed visits */
	int	violations;
	int	shown;		/* at most: PROPS_VERBOSE shows them all */
	char	reasons[8][160];
	int	nreasons;
};

/* Counts a violation, and prints what reproduces it. */
static void
violation(struct tally *t, const struct gen *g, int n, uint64_t seed,
    const char *what, const char *why, const char *output)
{
	char today[DATE_LEN + 1];

	if (t->violations++ >= t->shown)
		return;
	date_format(g->today, today);
	fprintf(stderr, "VIOLATION patient %d (seed %#llx, today %s, %s, %s): "
	    "%s\n--- patient file ---\n%s--- %s output ---\n%.6000s\n---\n",
	    n, (unsigned long long)seed, today, load_names[g->load], what,
	    why, g->yaml, what, output ? output : "(none)");
}

/* Whether a refusal is the one the generator meant. */
static int
meant(const struct gen *g, const char *msg)
{
	if (g->future)
		return strstr(msg, "after today") != NULL;
	if (g->two >= 0)
		return strstr(msg, "one medicine per item") != NULL;
	if (g->bad_end == 1)
		return strstr(msg, "is before the last visit given") != NULL;
	if (g->bad_end == 2)
		return strstr(msg, "is after the course ended") != NULL;
	return 0;
}

/* A file refused: as meant, or for a reason kept to show. */
static void
tally_refused(struct tally *t, const struct gen *g, const char *msg)
{
	int i, dup;

	t->refused++;
	if (meant(g, msg)) {
		t->refused_meant++;
		return;
	}
	t->refused_other++;
	for (i = 0, dup = 0; i < t->nreasons; i++)
		dup |= strncmp(t->reasons[i], msg, 40) == 0;
	if (!dup && t->nreasons < 8)
		snprintf(t->reasons[t->nreasons++], sizeof(t->reasons[0]),
		    "%.150s", msg);
}

/*
 * The patient as loaded is the patient written: the medications, the
 * language, the history with its missed visits, the book and the end.
 */
static void
check_loaded(const struct gen *g, int n, const struct chart *ch)
{
	const struct patient *p = ch->patient;
	int i;

	assert_int_equal(p->medications.n, g->nmeds);
	for (i = 0; i < g->nmeds; i++)
		if (strcmp(p->medications.v[i], g->meds[i]) != 0)
			fail_msg("patient %d: medication '%s' read as '%s'",
			    n, g->meds[i], p->medications.v[i]);
	assert_string_equal(ch->care->language, g->lang == 2 ? "es" : "en");
	assert_int_equal(p->nrecord, g->nrec);
	assert_int_equal(p->nhistory, g->ngiven);
	for (i = 0; i < g->nrec; i++) {
		assert_int_equal(p->record[i].date, g->rec[i]);
		assert_int_equal(p->record[i].missed, g->missed[i]);
	}
	assert_int_equal(p->nbooked, g->nbooked);
	for (i = 0; i < g->nbooked; i++) {
		assert_int_equal(p->booked[i].date, g->booked[i]);
		assert_int_equal(p->booked[i].time, g->btime[i]);
	}
	assert_int_equal(p->ended, g->ended);
	if (g->ended)
		assert_string_equal(p->ended_reason, g->reason);
}

/*
 * Missed visits count for nothing: planned without them, the course
 * has the same visits (each the same in every way), the same lapse and
 * restart, the same holds and the same warnings.
 */
static int
same_course(struct ctx *c, const struct plan *b)
{
	const struct plan *a = c->pl;
	const struct plan_visit *u, *v;
	size_t i, j, k;

	for (i = 0, j = 0;; i++, j++) {
		while (i < a->nvisits && a->visits[i].status == VISIT_MISSED)
			i++;
		if (i == a->nvisits || j == b->nvisits)
			break;
		u = &a->visits[i];
		v = &b->visits[j];
		if (u->date != v->date || u->status != v->status ||
		    u->number != v->number || u->interval != v->interval ||
		    u->restart != v->restart || u->time != v->time)
			return bad(c, "without its missed visits, visit %d on "
			    "%s (%s, interval %d, restart %d, time %d) is "
			    "visit %d on %s (%s, interval %d, restart %d, "
			    "time %d)", u->number, iso(u->date),
			    status_ids[u->status], u->interval, u->restart,
			    u->time, v->number, iso(v->date),
			    status_ids[v->status], v->interval, v->restart,
			    v->time);
	}
	if (i != a->nvisits || j != b->nvisits)
		return bad(c, "without its missed visits, the course has %zu "
		    "visits, not %zu", b->nvisits, a->nvisits - (i - j));
	if (a->lapsed != b->lapsed || a->restarted != b->restarted)
		return bad(c, "without its missed visits, lapsed %d and "
		    "restarted %d, not %d and %d", b->lapsed, b->restarted,
		    a->lapsed, a->restarted);
	for (k = 0; k < a->nholds && k < b->nholds; k++)
		if (strcmp(a->holds[k].drug, b->holds[k].drug) != 0 ||
		    a->holds[k].from != b->holds[k].from ||
		    a->holds[k].to != b->holds[k].to ||
		    a->holds[k].prescribed != b->holds[k].prescribed)
			break;
	if (k != a->nholds || k != b->nholds)
		return bad(c, "without its missed visits, the holds differ "
		    "from hold %zu", k + 1);
	for (k = 0; k < a->nwarnings && k < b->nwarnings; k++)
		if (a->warnings[k].kind != b->warnings[k].kind ||
		    a->warnings[k].date != b->warnings[k].date ||
		    a->warnings[k].days != b->warnings[k].days ||
		    a->warnings[k].visit != b->warnings[k].visit)
			break;
	if (k != a->nwarnings || k != b->nwarnings)
		return bad(c, "without its missed visits, the warnings differ "
		    "from warning %zu", k + 1);
	return 0;
}

/*
 * The same file without its missed visits: loaded and planned as the
 * first was (st its plan's status, pl its plan if SCHED_OK), the same.
 */
static void
check_without_missed(struct load *l, const struct gen *g, int n,
    uint64_t seed, enum sched_status st, const struct plan *pl,
    struct tally *t)
{
	struct sched_out out;
	struct chart ch;
	struct diag d = { 0 };
	struct plan pl2;
	struct ctx c;
	enum sched_status st2;

	if (load_patient(l, "plain.yaml", g->plain, g->plain_len, &ch,
	    &d) != 0) {
		violation(t, g, n, seed, "without missed", d.msg, g->plain);
		diag_release(&d);
		return;
	}
	diag_release(&d);
	memset(&c, 0, sizeof(c));
	if ((st2 = plan_make(&pl2, &ch, g->today, &out)) != st) {
		snprintf(c.why, sizeof(c.why), "planned with status %d, "
		    "%d without its missed visits", st, st2);
		violation(t, g, n, seed, "without missed", c.why, g->plain);
	} else if (st == SCHED_OK) {
		ctx_init(&c, pl, l->drugs);
		t->same++;
		if (same_course(&c, &pl2) != 0)
			violation(t, g, n, seed, "without missed", c.why,
			    g->plain);
	}
	plan_release(&pl2);
	patient_free(ch.patient);
}

/* What a plan covers, for the summary. */
static void
tally_plan(struct tally *t, const struct gen *g, const struct plan *pl)
{
	size_t i;

	t->planned++;
	t->es += g->lang == 2;
	t->holds += (int)pl->nholds;
	for (i = 0; i < pl->nholds; i++)
		t->asked += pl->holds[i].prescribed;
	for (i = 0; i < pl->nwarnings; i++)
		t->keeps += pl->warnings[i].kind == PLAN_W_KEEP;
	t->booked += g->nbooked > 0;
	t->missed += g->nmissed > 0;
	t->restarted += pl->restarted != 0;
	t->ended += g->ended != 0 && g->ended <= g->today;
	t->ends += g->ended > g->today;
}

/* One patient: generated, loaded, planned, printed and checked. */
static void
props_one(struct props *pr, struct gen *g, int n, uint64_t seed,
    struct rendered *r, struct tally *t)
{
	struct sched_out out;
	struct chart ch;
	struct diag d = { 0 };
	struct plan pl;
	struct ctx c;
	struct load *l;
	enum sched_status st;
	int f;

	generate(g, pr, n);
	l = &pr->l[g->load];
	l->today = g->today;
	if (load_patient(l, "p.yaml", g->yaml, g->len, &ch, &d) != 0) {
		/* Refused: never planned. */
		tally_refused(t, g, d.msg);
		diag_release(&d);
		return;
	}
	diag_release(&d);
	t->loaded++;
	if (g->future || g->two >= 0 || g->bad_end)
		violation(t, g, n, seed, "load", g->future ? "a history date "
		    "after today was accepted" : g->two >= 0 ? "an item "
		    "naming two classes was accepted" : g->bad_end == 1 ?
		    "an end before the last visit given was accepted" :
		    "an end before a booked visit was accepted", NULL);
	check_loaded(g, n, &ch);
	if ((st = plan_make(&pl, &ch, g->today, &out)) != SCHED_OK)
		t->not_planned++;
	else {
		tally_plan(t, g, &pl);
		render(r, &pl);
		for (f = 0; f <= NFMT; f++) {
			ctx_init(&c, &pl, l->drugs);
			if (check_one(&c, f, r) == 0)
				continue;
			violation(t, g, n, seed, f < NFMT ? fmt_names[f] :
			    "plan", c.why, f < NFMT ? r->out[f] : NULL);
		}
	}
	if (g->nmissed > 0)
		check_without_missed(l, g, n, seed, st, &pl, t);
	plan_release(&pl);
	patient_free(ch.patient);
}

static void
torture_props_random(void **state)
{
	struct props *pr = *state;
	struct gen g = { 0 };
	struct rendered r = { 0 };
	struct tally t;
	const char *env;
	uint64_t seed = PROPS_SEED;
	int npatients = PROPS_PATIENTS, n, i, least;

	if ((env = getenv("PROPS_PATIENTS")) != NULL && *env != '\0')
		npatients = atoi(env);
	if ((env = getenv("PROPS_SEED")) != NULL && *env != '\0')
		seed = strtoull(env, NULL, 0);
	rng = seed != 0 ? seed : PROPS_SEED;
	memset(&t, 0, sizeof(t));
	t.shown = getenv("PROPS_VERBOSE") != NULL ? npatients * (NFMT + 2) :
	    5;
	for (n = 0; n < npatients; n++)
		props_one(pr, &g, n, seed, &r, &t);
	print_message("props: %d patients (seed %#llx): %d loaded, %d planned "
	    "(%d in Spanish), %d not planned; %d refused (%d as meant, %d "
	    "otherwise); %d holds, %d of them ask-prescriber; %d keep-taking "
	    "lines; planned with booked visits %d, with missed visits %d "
	    "(%d the same without them), restarted %d, ended early %d, "
	    "ending early %d; %d violations\n", npatients,
	    (unsigned long long)seed, t.loaded, t.planned, t.es,
	    t.not_planned, t.refused, t.refused_meant, t.refused_other,
	    t.holds, t.asked, t.keeps, t.booked, t.missed, t.same,
	    t.restarted, t.ended, t.ends, t.violations);
	for (i = 0; i < t.nreasons && getenv("PROPS_VERBOSE") != NULL; i++)
		print_message("props: refused: %s\n", t.reasons[i]);
	free(g.yaml);
	free(g.plain);
	rendered_free(&r);
	/* Enough planned, of each kind, for the properties to mean much. */
	if (npatients >= 100) {
		least = npatients / 50;
		assert_true(t.planned * 2 > npatients);
		assert_true(t.holds > 0 && t.asked > 0 && t.keeps > 0 &&
		    t.es > 0);
		assert_true(t.booked >= least && t.missed >= least &&
		    t.same >= least && t.restarted >= least &&
		    t.ended >= least && t.ends >= least);
	}
	assert_int_equal(t.violations, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_props_pool),
		cmocka_unit_test(torture_props_templates),
		cmocka_unit_test(torture_props_bad_plans),
		cmocka_unit_test(torture_props_random),
	};

	return cmocka_run_group_tests(tests, props_setup, props_teardown);
}
