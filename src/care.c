#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "diag.h"
#include "drugs.h"
#include "schema.h"
#include "tree.h"
#include "xalloc.h"

/* A label: a required line of text with no placeholders. */
#define LABEL_FIELD(k, i) \
	SCHEMA_FIELD(k, SCHEMA_TEMPLATE, SCHEMA_REQUIRED, struct care, \
	    labels[i], .max = SCHEMA_PARA_MAX, .arg = "")

static const struct schema_field label_fields[] = {
	LABEL_FIELD("patient", CARE_PATIENT),
	LABEL_FIELD("patient_id", CARE_PATIENT_ID),
	LABEL_FIELD("born", CARE_BORN),
	LABEL_FIELD("protocol", CARE_PROTOCOL),
	LABEL_FIELD("solution", CARE_SOLUTION),
	LABEL_FIELD("sites", CARE_SITES),
	LABEL_FIELD("course", CARE_COURSE),
	LABEL_FIELD("prepared", CARE_PREPARED),
	LABEL_FIELD("warnings", CARE_WARNINGS),
	LABEL_FIELD("schedule", CARE_SCHEDULE),
	LABEL_FIELD("visit", CARE_VISIT),
	LABEL_FIELD("date", CARE_DATE),
	LABEL_FIELD("interval", CARE_INTERVAL),
	LABEL_FIELD("injections", CARE_INJECTIONS),
	LABEL_FIELD("status", CARE_STATUS),
	LABEL_FIELD("done", CARE_DONE),
	LABEL_FIELD("missed", CARE_MISSED),
	LABEL_FIELD("booked", CARE_BOOKED),
	LABEL_FIELD("planned", CARE_PLANNED),
	LABEL_FIELD("restart", CARE_RESTART),
	LABEL_FIELD("clinic", CARE_CLINIC),
	LABEL_FIELD("phone", CARE_PHONE),
	LABEL_FIELD("time", CARE_TIME),
	LABEL_FIELD("source", CARE_SOURCE),
};

/* A template: a required paragraph whose {names} are those in vars. */
#define TEMPLATE_FIELD(k, member, vars) \
	SCHEMA_FIELD(k, SCHEMA_TEMPLATE, SCHEMA_REQUIRED, struct care, member, \
	    .max = SCHEMA_PARA_MAX, .arg = vars)

/* A template a care file may leave out, for one written before it. */
#define OPTIONAL_TEMPLATE(k, member, vars) \
	SCHEMA_FIELD(k, SCHEMA_TEMPLATE, 0, struct care, member, \
	    .max = SCHEMA_PARA_MAX, .arg = vars)

static const struct schema_field warning_fields[] = {
	TEMPLATE_FIELD("lapse", warnings[CARE_W_LAPSE], "last days max"),
	TEMPLATE_FIELD("lapse_continue", warnings[CARE_W_LAPSE_CONTINUE],
	    "last days max"),
	TEMPLATE_FIELD("ended", warnings[CARE_W_ENDED], "date reason"),
	TEMPLATE_FIELD("ends", warnings[CARE_W_ENDS], "date reason"),
	TEMPLATE_FIELD("allergy", warnings[CARE_W_ALLERGY], "allergy"),
	TEMPLATE_FIELD("anticoagulant", warnings[CARE_W_ANTICOAG],
	    "medication"),
	TEMPLATE_FIELD("lead", warnings[CARE_W_LEAD], "date drug days"),
	TEMPLATE_FIELD("done", warnings[CARE_W_DONE], ""),
	TEMPLATE_FIELD("override", warnings[CARE_W_OVERRIDE],
	    "rule reason approved_by"),
	OPTIONAL_TEMPLATE("late_closure", warnings[CARE_W_LATE_CLOSURE],
	    "date from to"),
	OPTIONAL_TEMPLATE("late_book", warnings[CARE_W_LATE_BOOK], "date"),
	OPTIONAL_TEMPLATE("late_open", warnings[CARE_W_LATE_OPEN], "date"),
	OPTIONAL_TEMPLATE("late_unavailable", warnings[CARE_W_LATE_AWAY],
	    "date from to"),
	OPTIONAL_TEMPLATE("late_weekdays", warnings[CARE_W_LATE_WEEKDAYS],
	    "date"),
};

static const struct schema_field hold_fields[] = {
	TEMPLATE_FIELD("visit", hold_visit, "visit date"),
	TEMPLATE_FIELD("visits", hold_visits, "visits dates"),
	SCHEMA_FIELD("and", SCHEMA_TEXT, SCHEMA_REQUIRED, struct care,
	    hold_and, .max = 16),
	TEMPLATE_FIELD("hold", hold, "drug last restart"),
	TEMPLATE_FIELD("none", hold_none, ""),
	TEMPLATE_FIELD("prescribed", hold_prescribed, "drug last restart"),
	TEMPLATE_FIELD("today", hold_today, "drug today restart"),
	TEMPLATE_FIELD("prescribed_today", hold_prescribed_today,
	    "drug today restart"),
	TEMPLATE_FIELD("keep", hold_keep, "drug"),
};

static const struct schema_field calendar_fields[] = {
	TEMPLATE_FIELD("visit", cal_visit, "visit visits"),
	TEMPLATE_FIELD("pause", cal_pause, "drugs"),
	TEMPLATE_FIELD("prescribed", cal_hold_prescribed, "drug"),
	TEMPLATE_FIELD("alarm", cal_alarm, ""),
	TEMPLATE_FIELD("done", cal_done, ""),
	TEMPLATE_FIELD("ended", cal_ended, ""),
};

static const struct schema_field score_fields[] = {
	TEMPLATE_FIELD("title", scores[CARE_S_TITLE], ""),
	TEMPLATE_FIELD("pain", scores[CARE_S_PAIN], "scores"),
	TEMPLATE_FIELD("function", scores[CARE_S_FUNCTION],
	    "name worst best scores"),
	TEMPLATE_FIELD("item", scores[CARE_S_ITEM], "score visit"),
	TEMPLATE_FIELD("pain_key", scores[CARE_S_PAIN_KEY], ""),
	TEMPLATE_FIELD("function_key", scores[CARE_S_FUNCTION_KEY],
	    "name worst best"),
	TEMPLATE_FIELD("worst", scores[CARE_S_WORST], ""),
	TEMPLATE_FIELD("best", scores[CARE_S_BEST], ""),
};

static const struct schema_field month_fields[] = {
	TEMPLATE_FIELD("title", month[CARE_M_TITLE], ""),
	TEMPLATE_FIELD("month", month[CARE_M_MONTH], "month year"),
	TEMPLATE_FIELD("visit", month[CARE_M_VISIT], "visit"),
	TEMPLATE_FIELD("today", month[CARE_M_TODAY], ""),
	TEMPLATE_FIELD("hold", month[CARE_M_HOLD], "drug"),
	TEMPLATE_FIELD("prescribed", month[CARE_M_PRESCRIBED], "drug"),
	TEMPLATE_FIELD("visit_key", month[CARE_M_VISIT_KEY], ""),
	TEMPLATE_FIELD("pause_key", month[CARE_M_PAUSE_KEY], ""),
	TEMPLATE_FIELD("see", month[CARE_M_SEE], "section"),
};

static const struct schema_map label_map = {
	"labels", label_fields, SCHEMA_NFIELDS(label_fields), NULL
};
static const struct schema_map warning_map = {
	"warnings", warning_fields, SCHEMA_NFIELDS(warning_fields), NULL
};
static const struct schema_map hold_map = {
	"holds", hold_fields, SCHEMA_NFIELDS(hold_fields), NULL
};
static const struct schema_map calendar_map = {
	"calendar", calendar_fields, SCHEMA_NFIELDS(calendar_fields), NULL
};
static const struct schema_map score_map = {
	"scores", score_fields, SCHEMA_NFIELDS(score_fields), NULL
};
static const struct schema_map month_map = {
	"month_calendar", month_fields, SCHEMA_NFIELDS(month_fields), NULL
};

/* A paragraph written as a mapping: its text, and whom it is for. */
static const struct schema_field para_fields[] = {
	SCHEMA_FIELD("text", SCHEMA_TEMPLATE, SCHEMA_REQUIRED,
	    struct care_para, text, .max = SCHEMA_PARA_MAX, .arg = ""),
	SCHEMA_FIELD("if", SCHEMA_TEXTS, SCHEMA_ITEMS_AT, struct care_para,
	    if_classes, .items_at = offsetof(struct care_para, at_if)),
	SCHEMA_FIELD("unless", SCHEMA_TEXTS, SCHEMA_ITEMS_AT, struct care_para,
	    unless_classes, .items_at = offsetof(struct care_para, at_unless)),
};

static const struct schema_map para_map = {
	"text", para_fields, SCHEMA_NFIELDS(para_fields), NULL
};

/* A paragraph: a text for everyone, or a mapping (above). */
static int
read_para(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	static const struct schema_field text = {
		.key = "text", .type = SCHEMA_TEMPLATE,
		.off = offsetof(struct care_para, text),
		.max = SCHEMA_PARA_MAX, .arg = ""
	};
	static const struct schema_field map = {
		.key = "text", .type = SCHEMA_MAP, .arg = &para_map
	};

	(void)f;
	return schema_value(s, n, n->kind == NODE_MAP ? &map : &text, obj);
}

static const struct schema_field para_elem = {
	.key = "text", .type = SCHEMA_FUNC, .fn = read_para
};

static const struct schema_field section_fields[] = {
	SCHEMA_FIELD("id", SCHEMA_TEXT, SCHEMA_REQUIRED, struct care_section, id),
	SCHEMA_FIELD("title", SCHEMA_TEXT, SCHEMA_REQUIRED, struct care_section,
	    title),
	SCHEMA_FIELD("text", SCHEMA_LIST, SCHEMA_REQUIRED, struct care_section,
	    paras, .count = offsetof(struct care_section, nparas),
	    .size = sizeof(struct care_para), .arg = &para_elem),
};

static const struct schema_map section_map = {
	"sections", section_fields, SCHEMA_NFIELDS(section_fields), NULL
};

static const struct schema_field section_elem = {
	.key = "sections", .type = SCHEMA_MAP, .arg = &section_map
};

/*
 * A list of names of an exact length, as many as the field's count,
 * into the array of char * at its offset: the weekdays, Monday first,
 * or the months, January first.
 */
static int
read_names(const struct schema *s, const struct node *n,
    const struct schema_field *f, void *obj)
{
	struct schema_field name = { .key = f->key, .type = SCHEMA_TEXT };
	char **names = (char **)((char *)obj + f->off);
	size_t i;

	if (n->kind != NODE_LIST)
		return diag_set(s->diag, s->file, n->line, n->col, D_NOT_LIST,
		    f->key);
	if (n->n != (size_t)f->max)
		return diag_set(s->diag, s->file, n->line, n->col,
		    D_NAME_COUNT, f->key, (int)f->max, (const char *)f->arg,
		    (int)n->n);
	for (i = 0; i < n->n; i++)
		if (schema_value(s, n->items[i], &name, &names[i]))
			return -1;
	return 0;
}

#define NAMES_FIELD(k, member, count, first) \
	{ .key = k, .type = SCHEMA_FUNC, .flags = SCHEMA_REQUIRED, \
	  .off = offsetof(struct care, member), .max = count, .arg = first, \
	  .fn = read_names }

/*
 * Dates as a handout writes them in full, "Monday 14 December 2026",
 * and in short for the text handout's visit table, "Mon 14 Dec 2026"
 * (with the short weekdays): the order and the little words are the
 * language's, so templates.
 */
static const struct schema_field date_fields[] = {
	TEMPLATE_FIELD("long", date_long, "weekday day month year"),
	NAMES_FIELD("weekdays", weekdays_long, 7, "Monday"),
	NAMES_FIELD("months", months, 12, "January"),
	TEMPLATE_FIELD("short", date_short, "weekday day month year"),
	TEMPLATE_FIELD("birth", date_birth, "weekday day month year"),
	NAMES_FIELD("months_short", months_short, 12, "January"),
};

static const struct schema_map date_map = {
	"dates", date_fields, SCHEMA_NFIELDS(date_fields), NULL
};

/* Money: "USD 1050.00" or "1050,00 USD". */
static const struct schema_field money_fields[] = {
	TEMPLATE_FIELD("format", money, "amount currency"),
	SCHEMA_FIELD("decimal", SCHEMA_TEXT, SCHEMA_REQUIRED, struct care,
	    decimal, .max = 4),
};

static const struct schema_map money_map = {
	"money", money_fields, SCHEMA_NFIELDS(money_fields), NULL
};

#define MAP_FIELD(k, m) \
	{ .key = k, .type = SCHEMA_MAP, .flags = SCHEMA_REQUIRED, .arg = &m }

static const struct schema_field care_fields[] = {
	SCHEMA_FIELD("language", SCHEMA_TEXT, SCHEMA_REQUIRED, struct care,
	    language),
	SCHEMA_FIELD("title", SCHEMA_TEXT, SCHEMA_REQUIRED, struct care, title),
	MAP_FIELD("labels", label_map),
	TEMPLATE_FIELD("course", course, "visits per_visit min max preferred"),
	OPTIONAL_TEMPLATE("injection_points", injection_points, "points"),
	OPTIONAL_TEMPLATE("injection_point", injection_point, "points"),
	OPTIONAL_TEMPLATE("course_points", course_points,
	    "visits injections min max preferred"),
	TEMPLATE_FIELD("cost", cost, "visits price total"),
	TEMPLATE_FIELD("cost_ask", cost_ask, ""),
	TEMPLATE_FIELD("review", review, "visit date"),
	MAP_FIELD("scores", score_map),
	MAP_FIELD("month_calendar", month_map),
	NAMES_FIELD("weekdays", weekdays, 7, "Monday"),
	MAP_FIELD("dates", date_map),
	MAP_FIELD("money", money_map),
	MAP_FIELD("warnings", warning_map),
	MAP_FIELD("holds", hold_map),
	MAP_FIELD("calendar", calendar_map),
	SCHEMA_FIELD("sections", SCHEMA_LIST, SCHEMA_REQUIRED | SCHEMA_UNIQUE,
	    struct care, sections, .count = offsetof(struct care, nsections),
	    .size = sizeof(struct care_section),
	    .id = offsetof(struct care_section, id), .arg = &section_elem),
};

static const struct schema_map care_map = {
	"care file", care_fields, SCHEMA_NFIELDS(care_fields), NULL
};

struct care *
care_load(const char *path, const char *buf, size_t len, struct diag *d)
{
	struct schema s = { path, d, NULL };
	struct care *c;
	struct tree *t;

	if ((t = tree_parse(path, buf, len, d)) == NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(path);
	if (schema_read(&s, tree_root(t), &care_map, c)) {
		care_free(c);
		c = NULL;
	}
	tree_free(t);
	return c;
}

void
care_free(struct care *c)
{
	size_t i, j;

	if (c == NULL)
		return;
	free(c->path);
	free(c->title);
	for (i = 0; i < CARE_LABEL_COUNT; i++)
		free(c->labels[i]);
	free(c->course);
	free(c->course_points);
	free(c->injection_points);
	free(c->injection_point);
	for (i = 0; i < 7; i++) {
		free(c->weekdays[i]);
		free(c->weekdays_long[i]);
	}
	for (i = 0; i < 12; i++) {
		free(c->months[i]);
		free(c->months_short[i]);
	}
	free(c->date_long);
	free(c->date_short);
	free(c->date_birth);
	free(c->money);
	free(c->decimal);
	for (i = 0; i < CARE_W_COUNT; i++)
		free(c->warnings[i]);
	free(c->hold);
	free(c->hold_none);
	free(c->hold_prescribed);
	free(c->hold_today);
	free(c->hold_prescribed_today);
	free(c->hold_keep);
	free(c->hold_visit);
	free(c->hold_visits);
	free(c->hold_and);
	free(c->cal_hold_prescribed);
	free(c->cal_visit);
	free(c->cal_pause);
	free(c->cal_alarm);
	free(c->cal_done);
	free(c->cal_ended);
	free(c->language);
	free(c->cost);
	free(c->cost_ask);
	free(c->review);
	for (i = 0; i < CARE_S_COUNT; i++)
		free(c->scores[i]);
	for (i = 0; i < CARE_M_COUNT; i++)
		free(c->month[i]);
	for (i = 0; i < c->nsections; i++) {
		free(c->sections[i].id);
		free(c->sections[i].title);
		for (j = 0; j < c->sections[i].nparas; j++) {
			free(c->sections[i].paras[j].text);
			strv_release(&c->sections[i].paras[j].if_classes);
			strv_release(&c->sections[i].paras[j].unless_classes);
			free(c->sections[i].paras[j].at_if);
			free(c->sections[i].paras[j].at_unless);
		}
		free(c->sections[i].paras);
	}
	free(c->sections);
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

/*
 * The classes paragraphs are for must be drugs.yaml's: a misspelt one
 * would show a paragraph to no one, or to everyone.
 */
int
care_check_classes(const struct care *c, const struct drugs *dr,
    struct diag *d)
{
	const struct care_para *p;
	size_t i, j, k;

	for (i = 0; i < c->nsections; i++)
		for (j = 0; j < c->sections[i].nparas; j++) {
			p = &c->sections[i].paras[j];
			for (k = 0; k < p->if_classes.n; k++)
				if (drugs_lookup(dr, p->if_classes.v[k],
				    c->path, p->at_if[k], d) == NULL)
					return -1;
			for (k = 0; k < p->unless_classes.n; k++)
				if (drugs_lookup(dr, p->unless_classes.v[k],
				    c->path, p->at_unless[k], d) == NULL)
					return -1;
		}
	return 0;
}
