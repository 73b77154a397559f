#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "drugs.h"
#include "file.h"
#include "library.h"
#include "load.h"
#include "patient.h"
#include "protocol.h"
#include "rules.h"
#include "tree.h"
#include "xalloc.h"

/*
 * A data file's text, or NULL with *err set and the diag naming the
 * file, so a caller that reports errno values has the name too.
 */
static char *
read_data(const char *path, size_t *len, struct diag *d, int *err)
{
	char *buf;

	if ((*err = file_read(path, TREE_MAX_BYTES, &buf, len)) == 0)
		return buf;
	diag_set(d, path, 0, 0, D_READ, strerror(*err));
	return NULL;
}

/*
 * The handout's words in a language: care.yaml for English (lang NULL
 * or "en"), care.LANG.yaml for the others.
 */
struct care *
load_care(const char *datadir, const char *lang, struct diag *d, int *err)
{
	struct care *care;
	char *path, *buf;
	size_t len;

	path = lang == NULL || strcmp(lang, "en") == 0 ?
	    xasprintf("%s/care.yaml", datadir) :
	    xasprintf("%s/care.%s.yaml", datadir, lang);
	care = NULL;
	if ((buf = read_data(path, &len, d, err)) != NULL)
		care = care_load(path, buf, len, d);
	free(buf);
	free(path);
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

/* A clinic file, its rules' drug classes checked against drugs.yaml. */
struct clinic *
load_clinic_text(const char *path, const char *buf, size_t len,
    const struct drugs *dr, struct diag *d)
{
	struct clinic *c;

	if ((c = clinic_load(path, buf, len, d)) != NULL &&
	    rules_check_classes(&c->rules, dr, d) != 0) {
		clinic_free(c);
		c = NULL;
	}
	return c;
}

struct clinic *
load_clinic(const char *path, const struct drugs *dr, struct diag *d,
    int *err)
{
	struct clinic *c;
	char *buf;
	size_t len;

	if ((buf = read_data(path, &len, d, err)) == NULL)
		return NULL;
	c = load_clinic_text(path, buf, len, dr, d);
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
	    protocol_check_classes(p, l->drugs, d) != 0) {
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
	size_t i;
	int err;

	if (p->lang == NULL || strcmp(p->lang, l->lang ? l->lang : "en") == 0)
		return l->care;
	for (i = 0; i < LOAD_LANGS && l->cares[i] != NULL; i++)
		if (strcmp(l->langs[i], p->lang) == 0)
			return l->cares[i];
	err = ENOENT;
	if (i < LOAD_LANGS &&
	    (l->cares[i] = load_care(l->datadir, p->lang, d, &err)) != NULL) {
		memcpy(l->langs[i], p->lang, sizeof(l->langs[i]));
		return l->cares[i];
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

static int
has_rule(const struct rules *rs, const char *id)
{
	size_t i;

	for (i = 0; rs != NULL && i < rs->n; i++)
		if (strcmp(rs->v[i].id, id) == 0)
			return 1;
	return 0;
}

/* An override must name a rule of the clinic or the protocol: a typo must not pass. */
static int
check_overrides(const struct patient *p, const struct clinic *c,
    const struct protocol *pr, struct diag *d)
{
	const struct override *o;
	char q[128], hint[96];
	size_t i;

	for (i = 0; i < p->noverrides; i++) {
		o = &p->overrides[i];
		if (has_rule(c ? &c->rules : NULL, o->rule) ||
		    has_rule(&pr->rules, o->rule))
			continue;
		diag_quote(q, sizeof(q), o->rule, strlen(o->rule));
		snprintf(hint, sizeof(hint), " (no such rule in the clinic "
		    "or protocol %s)", pr->id);
		return diag_set(d, p->file, o->at.line, o->at.col,
		    D_UNKNOWN_RULE, q, hint);
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
	if ((ch->protocol = library_find(l->library, p, d)) == NULL ||
	    protocol_check_classes(ch->protocol, l->drugs, d) != 0 ||
	    patient_apply(p, ch->protocol, d) != 0 ||
	    check_time(p, l->clinic, d) != 0 ||
	    check_overrides(p, l->clinic, ch->protocol, d) != 0 ||
	    (ch->care = care_for(l, p, d)) == NULL) {
		patient_free(p);
		memset(ch, 0, sizeof(*ch));
		return -1;
	}
	ch->patient = p;
	ch->clinic = l->clinic;
	ch->drugs = l->drugs;
	return 0;
}

void
load_release(struct load *l)
{
	size_t i;

	library_free(l->library);
	for (i = 0; i < LOAD_LANGS; i++)
		care_free(l->cares[i]);
	clinic_free(l->clinic);
	drugs_free(l->drugs);
	care_free(l->care);
	memset(l, 0, sizeof(*l));
}
