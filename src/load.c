#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "book.h"
#include "book_csv.h"
#include "book_ics.h"
#include "care.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "drugs.h"
#include "file.h"
#include "library.h"
#include "load.h"
#include "norm.h"
#include "patient.h"
#include "protocol.h"
#include "rules.h"
#include "schema.h"
#include "terms.h"
#include "tree.h"
#include "xalloc.h"

/*
 * A data file's text, or NULL with *err set and the diag naming the
 * file, so a caller that reports errno values has the name too.  A file
 * too large is invalid data, as a patient file too large is: *err is 0
 * and the diag says so, the same words whatever the file.
 */
static char *
read_data(const char *path, size_t *len, struct diag *d, int *err)
{
	char *buf;

	if ((*err = file_read_regular(path, TREE_MAX_BYTES, &buf, len)) == 0)
		return buf;
	if (*err == EFBIG) {
		*err = 0;
		diag_set(d, path, 1, 1, D_TOO_LARGE, TREE_MAX_BYTES);
	} else
		diag_set(d, path, 0, 0, D_READ, file_strerror(*err));
	return NULL;
}

/*
 * The handout's words in a language: care.yaml for English (lang NULL
 * or "en"), care.LANG.yaml for the others; the classes its paragraphs
 * are for checked against dr, where it is not NULL.
 */
struct care *
load_care(const char *datadir, const char *lang, const struct drugs *dr,
    struct diag *d, int *err)
{
	struct care *care;
	char *path, *buf;
	size_t len;

	path = lang == NULL || strcmp(lang, "en") == 0 ?
	    xasprintf("%s/care.yaml", datadir) :
	    xasprintf("%s/care.%s.yaml", datadir, lang);
	care = NULL;
	if ((buf = read_data(path, &len, d, err)) != NULL)
		care = load_care_text(path, buf, len, dr, d);
	free(buf);
	free(path);
	return care;
}

struct care *
load_care_text(const char *path, const char *buf, size_t len,
    const struct drugs *dr, struct diag *d)
{
	struct care *care;

	if ((care = care_load(path, buf, len, d)) != NULL && dr != NULL &&
	    care_check_classes(care, dr, d) != 0) {
		care_free(care);
		care = NULL;
	}
	return care;
}

struct drugs *
load_drugs(const char *datadir, struct diag *d, int *err)
{
	struct drugs *dr;
	char *path, *buf;
	size_t len;

	path = xasprintf("%s/drugs.yaml", datadir);
	dr = NULL;
	if ((buf = read_data(path, &len, d, err)) != NULL)
		dr = drugs_load(path, buf, len, d);
	free(buf);
	free(path);
	return dr;
}

struct terms *
load_terms(const char *datadir, struct diag *d, int *err)
{
	struct terms *t;
	char *path, *buf;
	size_t len;

	path = xasprintf("%s/terms.yaml", datadir);
	t = NULL;
	if ((buf = read_data(path, &len, d, err)) != NULL)
		t = terms_load(path, buf, len, d);
	free(buf);
	free(path);
	return t;
}

/*
 * A clinic file, its rules' drug classes checked against drugs.yaml and
 * its stock's ingredients against terms.yaml.
 */
struct clinic *
load_clinic_text(const char *path, const char *buf, size_t len,
    const struct drugs *dr, const struct terms *t, struct diag *d)
{
	struct clinic *c;

	if ((c = clinic_load(path, buf, len, d)) != NULL &&
	    (rules_check_classes(&c->rules, dr, d) != 0 ||
	    clinic_check_terms(c, t, d) != 0)) {
		clinic_free(c);
		c = NULL;
	}
	return c;
}

struct clinic *
load_clinic(const char *path, const struct drugs *dr, const struct terms *t,
    struct diag *d, int *err)
{
	struct clinic *c;
	char *buf;
	size_t len;

	if ((buf = read_data(path, &len, d, err)) == NULL)
		return NULL;
	c = load_clinic_text(path, buf, len, dr, t, d);
	free(buf);
	return c;
}

/*
 * A protocol file, its holds' and rules' drug classes checked; want_id,
 * when not NULL, is the id its library file name gives it.
 */
struct protocol *
load_protocol_text(const char *path, const char *buf, size_t len,
    const char *want_id, const struct load *l, struct diag *d)
{
	struct protocol *p;

	if ((p = protocol_load(path, buf, len, want_id, l->care, d)) != NULL &&
	    (protocol_check_classes(p, l->drugs, d) != 0 ||
	    protocol_check_terms(p, l->terms, d) != 0)) {
		protocol_free(p);
		p = NULL;
	}
	return p;
}

/*
 * The care text in a patient's own language, loaded the first time a
 * patient asks for it.  A language with no care file is an error at the
 * patient's lang key.
 */
static const struct care *
care_for(struct load *l, const struct patient *p, struct diag *d)
{
	struct care *care;
	size_t i;
	int err;

	if (p->lang == NULL || strcmp(p->lang, l->lang ? l->lang : "en") == 0)
		return l->care;
	for (i = 0; i < l->langs.n; i++)
		if (strcmp(l->langs.v[i], p->lang) == 0)
			return l->cares[i];
	err = ENOENT;
	if ((care = load_care(l->datadir, p->lang, l->drugs, d, &err)) !=
	    NULL) {
		l->cares = xreallocarray(l->cares, l->langs.n + 1,
		    sizeof(*l->cares));
		l->cares[l->langs.n] = care;
		strv_push(&l->langs, p->lang);
		return care;
	}
	if (err == 0)
		return NULL;	/* the care file's own error */
	diag_set(d, p->file, p->at_lang.line, p->at_lang.col, D_LANG_FILE,
	    p->lang, p->lang);
	return NULL;
}

/*
 * A time the patient asks for must be one of the clinic's appointment
 * times, when the clinic has a list of them.
 */
static int
check_time(const struct patient *p, const struct clinic *c, struct diag *d)
{
	char q[TIME_LEN + 3], list[128], t[TIME_LEN + 1];
	size_t i, len;

	if (c == NULL || c->nslots == 0 || p->time < 0)
		return 0;
	for (i = 0; i < c->nslots; i++)
		if (c->slots[i] == p->time)
			return 0;
	list[0] = '\0';
	for (i = 0, len = 0; i < c->nslots && len + 8 < sizeof(list); i++) {
		date_time_format(c->slots[i], t);
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		    i ? ", " : "", t);
	}
	date_time_format(p->time, t);
	snprintf(q, sizeof(q), "'%s'", t);
	return diag_set(d, p->file, p->at_time.line, p->at_time.col,
	    D_TIME_NOT_SLOT, q, list);
}

/*
 * The rules an override may name: the clinic's, the protocol's, and
 * the label's dose limit of each ingredient of its solution (terms.yaml's
 * max_dose).  Returns their number; ids borrows them and has room for
 * every rule and ingredient.
 */
static size_t
rule_ids(const struct clinic *c, const struct protocol *pr,
    const struct terms *t, const char **ids)
{
	const struct ingredient *ing;
	size_t i, n = 0;

	for (i = 0; c != NULL && i < c->rules.n; i++)
		ids[n++] = c->rules.v[i].id;
	for (i = 0; i < pr->rules.n; i++)
		ids[n++] = pr->rules.v[i].id;
	for (i = 0; t != NULL && i < pr->nsolutes; i++)
		if ((ing = terms_ingredient(t, pr->solutes[i].folded)) !=
		    NULL && ing->max_dose.rule != NULL)
			ids[n++] = ing->max_dose.rule;
	return n;
}

static int
has_id(const char *const *ids, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

/*
 * An override must name a rule of the clinic or the protocol, or an
 * ingredient's dose limit: a typo must not pass, and the near id is
 * suggested.
 */
static int
check_overrides(const struct patient *p, const struct clinic *c,
    const struct protocol *pr, const struct terms *t, struct diag *d)
{
	const struct override *o;
	const char **ids, *near;
	char q[128], hint[128];
	size_t i, n;
	int rc = 0;

	if (p->noverrides == 0)
		return 0;
	ids = xcalloc((c ? c->rules.n : 0) + pr->rules.n + pr->nsolutes + 1,
	    sizeof(*ids));
	n = rule_ids(c, pr, t, ids);
	for (i = 0; i < p->noverrides && rc == 0; i++) {
		o = &p->overrides[i];
		if (has_id(ids, n, o->rule))
			continue;
		diag_quote(q, sizeof(q), o->rule, strlen(o->rule));
		if ((near = schema_suggest(o->rule, ids, n)) != NULL)
			snprintf(hint, sizeof(hint), " (did you mean '%s'?)",
			    near);
		else
			snprintf(hint, sizeof(hint), " (no such rule in the "
			    "clinic or protocol %s, nor a dose limit of its "
			    "ingredients)", pr->id);
		rc = diag_set(d, p->file, o->at.line, o->at.col,
		    D_UNKNOWN_RULE, q, hint);
	}
	free(ids);
	return rc;
}

/*
 * Today divides the record from the book: a visit given or missed
 * cannot be in the future, and a visit booked cannot be past (it was
 * given, or missed, and belongs in the history).
 */
static int
check_history(const struct patient *p, int today, struct diag *d)
{
	char q[DATE_LEN + 1], t[DATE_LEN + 1];
	size_t i;

	date_format(today, t);
	for (i = 0; i < p->nrecord; i++) {
		if (p->record[i].date <= today)
			continue;
		date_format(p->record[i].date, q);
		return diag_set(d, p->file, p->record[i].at.line,
		    p->record[i].at.col, D_HISTORY_FUTURE, q, t);
	}
	for (i = 0; i < p->nbooked; i++) {
		if (p->booked[i].date >= today)
			continue;
		date_format(p->booked[i].date, q);
		return diag_set(d, p->file, p->booked[i].at.line,
		    p->booked[i].at.col, D_BOOKED_PAST, q, t);
	}
	return 0;
}

/* A comma or slash between digits: "1,000 mg", "5/325". */
static int
in_number(const char *text, const char *p)
{
	return (*p == ',' || *p == '/') && p > text &&
	    isdigit((unsigned char)p[-1]) && isdigit((unsigned char)p[1]);
}

/* What follows a slash in a dose: "81 mg/day", "2/d", "10 mg/24h". */
static int
per_time(const char *p)
{
	static const char *const units[] = {
		"day", "d", "dia", "d\u00eda", "24h", "24 h", "week", "wk",
		"semana", "dose", "dosis"
	};
	size_t i, len;

	for (i = 0; i < sizeof(units) / sizeof(*units); i++) {
		len = strlen(units[i]);
		if (strncasecmp(p, units[i], len) == 0 &&
		    !isalpha((unsigned char)p[len]))
			return 1;
	}
	return 0;
}

/*
 * Whether a medication's text (and folded, the same folded) is a list:
 * two names joined by a comma, semicolon, slash, plus or ampersand (not
 * within a number, nor a dose per day), or by "and", "y" or "plus".
 */
static int
is_list(const char *text, const char *folded)
{
	static const char *const joins[] = { " and ", " y ", " plus " };
	const char *p;
	size_t i;

	for (p = text; (p = strpbrk(p, ",;/+&")) != NULL; p++)
		if (!in_number(text, p) && !(*p == '/' && per_time(p + 1)))
			return 1;
	for (i = 0; i < sizeof(joins) / sizeof(*joins); i++)
		if (norm_has(folded, joins[i]))
			return 1;
	return 0;
}

/*
 * A protocol's drug classes and ingredients against the data files,
 * once a run: the library keeps each protocol it reads, and a census
 * names the same few thousands of times.
 */
static int
check_protocol(struct load *l, const struct protocol *p, struct diag *d)
{
	size_t i;

	for (i = 0; i < l->nchecked; i++)
		if (l->checked[i] == p)
			return 0;
	if (protocol_check_classes(p, l->drugs, d) != 0 ||
	    protocol_check_terms(p, l->terms, d) != 0)
		return -1;
	l->checked = xreallocarray(l->checked, l->nchecked + 1,
	    sizeof(*l->checked));
	l->checked[l->nchecked++] = p;
	return 0;
}

/*
 * One medicine per item: a list written as one item, or an item naming
 * medicines of two classes ("warfarin ibuprofen"), would give the whole
 * item one class's instructions, which may be wrong for the other.
 */
static int
check_medications(const struct patient *p, const struct drugs *dr,
    struct diag *d)
{
	const struct drug_class *two[2];
	char q[128], hint[512], *folded;
	size_t i;
	int guessed, one;

	for (i = 0; i < p->medications.n; i++) {
		folded = norm_fold(p->medications.v[i]);
		one = drugs_classes_folded(dr, folded, two, &guessed) < 2 &&
		    !is_list(p->medications.v[i], folded);
		free(folded);
		if (one)
			continue;
		hint[0] = '\0';
		if (two[1] != NULL)
			snprintf(hint, sizeof(hint), " (%s and %s)",
			    two[0]->name, two[1]->name);
		diag_quote(q, sizeof(q), p->medications.v[i],
		    strlen(p->medications.v[i]));
		return diag_set(d, p->file, p->at_medications[i].line,
		    p->at_medications[i].col, D_MED_ONE, q, hint);
	}
	return 0;
}

/*
 * Reads a patient file's text and validates it with everything it
 * refers to: its protocol (and that protocol's drug classes), the
 * protocol's bounds on the course, the clinic's appointment times, the
 * overrides' rules and the care text of its language.  Returns 0 with
 * the chart filled, or -1 with the diag set and nothing to free.
 */
int
load_patient(struct load *l, const char *file, const char *buf, size_t len,
    struct chart *ch, struct diag *d)
{
	struct patient *p;

	memset(ch, 0, sizeof(*ch));
	if ((p = patient_load(file, buf, len, d)) == NULL)
		return -1;
	if (check_history(p, l->today, d) != 0 ||
	    check_medications(p, l->drugs, d) != 0 ||
	    (ch->protocol = library_find(l->library, p, d)) == NULL ||
	    check_protocol(l, ch->protocol, d) != 0 ||
	    patient_apply(p, ch->protocol, d) != 0 ||
	    check_time(p, l->clinic, d) != 0 ||
	    check_overrides(p, l->clinic, ch->protocol, l->terms, d) != 0 ||
	    (ch->care = care_for(l, p, d)) == NULL) {
		patient_free(p);
		memset(ch, 0, sizeof(*ch));
		return -1;
	}
	ch->patient = p;
	ch->clinic = l->clinic;
	ch->drugs = l->drugs;
	ch->terms = l->terms;
	return 0;
}

/*
 * Whether a book is in iCalendar: its first line, past a byte order
 * mark and blank lines, begins a component.  Anything else is read as
 * CSV, whose errors then say what a CSV book needs.
 */
static int
is_icalendar(const char *buf, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	return len - i >= 6 && strncasecmp(buf + i, "BEGIN:", 6) == 0;
}

/*
 * A clinic's book, CSV or iCalendar, into b.  Returns 0, or -1 with d
 * filled and *err the errno of a file that cannot be read (0 for an
 * invalid one).  A warning about the book, if any, goes to warn.
 */
int
load_book(struct book *b, const char *path, const struct clinic *c,
    struct diag *d, struct diag *warn, int *err)
{
	char *buf;
	size_t len;
	int rc;

	if ((*err = file_read(path, LOAD_BOOK_MAX, &buf, &len)) != 0) {
		if (*err == EFBIG) {
			*err = 0;
			return diag_set(d, path, 1, 1, D_TOO_LARGE,
			    LOAD_BOOK_MAX);
		}
		return diag_set(d, path, 0, 0, D_READ, file_strerror(*err));
	}
	if (is_icalendar(buf, len))
		rc = book_ics_read(b, path, buf, len, c, d);
	else
		rc = book_csv_read(b, path, buf, len, d, warn);
	free(buf);
	return rc;
}

void
load_release(struct load *l)
{
	size_t i;

	library_free(l->library);
	for (i = 0; i < l->langs.n; i++)
		care_free(l->cares[i]);
	free(l->cares);
	strv_release(&l->langs);
	free(l->checked);
	clinic_free(l->clinic);
	terms_free(l->terms);
	drugs_free(l->drugs);
	care_free(l->care);
	memset(l, 0, sizeof(*l));
}
