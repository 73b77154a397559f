#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "file.h"
#include "fixture.h"
#include "handout.h"
#include "load.h"
#include "patient.h"
#include "plan.h"
#include "protocol.h"
#include "rules.h"
#include "schema.h"
#include "strv.h"
#include "tree.h"

/*
 * The handout's sentences, which the text and HTML back ends print
 * as they come: each function against the shared fixture's plan (one
 * visit given on Tue 2026-11-10, then Tue 2026-12-01 and Tue
 * 2026-12-22, two injections each), in English and in Spanish, where
 * the words come from the care text and the numbers from the plan.
 */

/* The shipped Spanish care text; the caller frees it. */
static struct care *
spanish(void)
{
	struct diag d = { 0 };
	struct care *c;
	char *buf;
	size_t len;

	assert_int_equal(file_read("data/care.es.yaml", TREE_MAX_BYTES, &buf,
	    &len), 0);
	c = care_load("data/care.es.yaml", buf, len, &d);
	free(buf);
	diag_release(&d);
	assert_non_null(c);
	return c;
}

/* A clinic as a clinic file writes it; the caller frees it. */
static struct clinic *
clinic(const char *yaml)
{
	struct diag d = { 0 };
	struct clinic *c;

	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	if (c == NULL)
		fail_msg("clinic: %s", d.msg);
	diag_release(&d);
	return c;
}

/*
 * Plans the fixture's patient again into the fixture's plan, with a
 * clinic (or none) and a day for today, so tests can change the patient
 * or the protocol first.  The fixture's teardown releases the plan.
 */
static void
replan(struct fixture *f, const struct clinic *c, int today)
{
	struct chart ch = { .patient = &f->p, .protocol = &f->pr,
	    .clinic = c, .drugs = f->drugs, .terms = f->terms,
	    .care = f->care };
	struct sched_out out;

	plan_release(&f->pl);
	assert_int_equal(plan_make(&f->pl, &ch, today, &out), SCHED_OK);
}

/* Fails unless s is want; frees s. */
static void
assert_text(char *s, const char *want)
{
	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

/*
 * Every weekday in its care text's words, Monday first, in the short
 * form of the visit table and in a date of birth, which has none; and
 * a short buffer.
 */
static void
torture_handout_date_en_es(void **state)
{
	static const char *en[] = {
		"Mon 30 Nov 2026", "Tue 1 Dec 2026", "Wed 2 Dec 2026",
		"Thu 3 Dec 2026", "Fri 4 Dec 2026", "Sat 5 Dec 2026",
		"Sun 6 Dec 2026",
	};
	static const char *es[] = {
		"lun 30 nov 2026", "mar 1 dic 2026", "mié 2 dic 2026",
		"jue 3 dic 2026", "vie 4 dic 2026", "sáb 5 dic 2026",
		"dom 6 dic 2026",
	};
	struct fixture *f = *state;
	struct care *sp = spanish();
	char buf[32];
	int i, monday = date_from_ymd(2026, 11, 30);

	for (i = 0; i < 7; i++) {
		handout_date_short(f->care, monday + i, buf, sizeof(buf));
		assert_string_equal(buf, en[i]);
		handout_date_short(sp, monday + i, buf, sizeof(buf));
		assert_string_equal(buf, es[i]);
	}
	handout_date_short(f->care, date_from_ymd(2027, 1, 1), buf,
	    sizeof(buf));
	assert_string_equal(buf, "Fri 1 Jan 2027");
	handout_date_birth(f->care, date_from_ymd(1961, 3, 14), buf,
	    sizeof(buf));
	assert_string_equal(buf, "14 March 1961");
	handout_date_birth(sp, date_from_ymd(1961, 3, 14), buf, sizeof(buf));
	assert_string_equal(buf, "14 de marzo de 1961");
	/* A buffer too short is cut and ended, and nothing past it written. */
	memset(buf, 'x', sizeof(buf));
	handout_date_short(f->care, monday, buf, 8);
	assert_string_equal(buf, "Mon 30 ");
	assert_int_equal(buf[8], 'x');
	care_free(sp);
}

/*
 * Every placeholder of the course template, each a different number so
 * that two swapped would show: 5 visits, 4 injections each, 14 to 21
 * days apart, the patient preferring 17.
 */
static void
torture_handout_course_template(void **state)
{
	struct fixture *f = *state;
	struct care *sp = spanish();

	f->p.visits = 5;
	f->p.interval_days = 17;
	f->pr.per_site = 2;
	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_int_equal(f->pl.nvisits, 5);
	assert_text(handout_course(f->care, &f->pl), "5 visits, 14 to 21 days "
	    "apart; injections at each visit: 4");
	assert_text(handout_course(sp, &f->pl), "5 visitas, cada 14 a 21 "
	    "días; inyecciones por visita: 4");
	/* The shipped text leaves {preferred} out; a clinic may use it. */
	free(f->care->course);
	f->care->course = strdup("{visits}/{per_visit}/{min}/{max}/"
	    "{preferred}");
	assert_text(handout_course(f->care, &f->pl), "5/4/14/21/17");
	care_free(sp);
}

/* The nth warning of a kind in the fixture's plan. */
static const struct plan_warning *
kind(const struct fixture *f, enum plan_warning_kind k, int nth)
{
	size_t i;

	for (i = 0; i < f->pl.nwarnings; i++)
		if (f->pl.warnings[i].kind == k && nth-- == 0)
			return &f->pl.warnings[i];
	fail_msg("no warning of kind %d", (int)k);
	return NULL;
}

/*
 * One plan with every kind of warning the patient reads: a note, a
 * warning and an overridden stop from the clinic's rules, then a lapse
 * (the last visit on Tue 2026-09-01, the next planned 100 days later,
 * today being 2026-12-10 past the start), an allergy and blood
 * thinners (one kept, one that may be paused); and those for the
 * clinician alone: the start in the past, and a steroid kept.  The
 * protocol lets the course go on after the lapse (after_lapse:
 * continue); restarts are made by hand, in torture_handout_issue13.
 */
static void
every_warning(struct fixture *f, struct clinic **cp)
{
	static const char yaml[] =
	    "rules:\n"
	    "  - {id: diabetes, level: note, if: {conditions: [diabetes]},\n"
	    "     text: {en: Check sugar., es: Mida el azúcar.}}\n"
	    "  - {id: steroids, level: warn, if: {medications: [prednisone]},\n"
	    "     text: {en: Steroids slow healing., es: Frenan la curación.}}\n"
	    "  - {id: pregnancy, level: stop, if: {conditions: [pregnancy]},\n"
	    "     text: {en: Not in pregnancy., es: No en el embarazo.}}\n";
	static struct override o = { "pregnancy", "obstetrician agrees",
	    "Dr. Ada Ruiz", { 0 } };

	*cp = clinic(yaml);
	f->hist[0] = date_from_ymd(2026, 9, 1);
	strv_push(&f->p.conditions, "diabetes");
	strv_push(&f->p.conditions, "pregnancy");
	strv_push(&f->p.medications, "Prednisone 5 mg");
	strv_push(&f->p.medications, "Warfarin 5 mg");
	strv_push(&f->p.medications, "Aspirin 81 mg");
	strv_push(&f->p.allergies, "Lidocaine (hives)");
	f->p.overrides = &o;
	f->p.noverrides = 1;
	f->pr.restart = 0;
	replan(f, *cp, date_from_ymd(2026, 12, 10));
	assert_int_equal(f->pl.nwarnings, 9);
	assert_int_equal(f->pl.warnings[0].kind, PLAN_W_NOTE);
	assert_int_equal(f->pl.warnings[1].kind, PLAN_W_RULE);
	assert_int_equal(f->pl.warnings[2].kind, PLAN_W_OVERRIDE);
	assert_int_equal(f->pl.warnings[3].kind, PLAN_W_START);
	assert_int_equal(f->pl.warnings[4].kind, PLAN_W_LAPSE);
	assert_int_equal(f->pl.warnings[5].kind, PLAN_W_ALLERGY);
	assert_int_equal(f->pl.warnings[6].kind, PLAN_W_KEEP);
	assert_int_equal(f->pl.warnings[7].kind, PLAN_W_KEEP);
	assert_int_equal(f->pl.warnings[8].kind, PLAN_W_ANTICOAG);
}

static void
torture_handout_warning_every_kind(void **state)
{
	struct fixture *f = *state;
	const struct care *c = f->care;
	struct clinic *cl;

	every_warning(f, &cl);
	assert_text(handout_warning(c, &f->pl, kind(f, PLAN_W_NOTE, 0)),
	    "Check sugar.");
	assert_text(handout_warning(c, &f->pl, kind(f, PLAN_W_RULE, 0)),
	    "Steroids slow healing.");
	assert_text(handout_warning(c, &f->pl, kind(f, PLAN_W_OVERRIDE, 0)),
	    "Not in pregnancy. Your clinician decided to go ahead: "
	    "obstetrician agrees (approved by Dr. Ada Ruiz).");
	assert_text(handout_warning(c, &f->pl, kind(f, PLAN_W_LAPSE, 0)),
	    "Your last visit was on Tuesday 1 September 2026. Your next visit "
	    "is 100 days later, which is longer than the 21 days this "
	    "treatment allows between visits. Your course carries on from "
	    "where it was; it does not start again. Please talk to your "
	    "clinician about this.");
	assert_text(handout_warning(c, &f->pl, kind(f, PLAN_W_ALLERGY, 0)),
	    "You told us you are allergic to Lidocaine (hives), which may be "
	    "in the injection. Tell your clinician about this before you have "
	    "any injection.");
	assert_text(handout_warning(c, &f->pl, kind(f, PLAN_W_ANTICOAG, 0)),
	    "You take Aspirin 81 mg, which thins the blood. You may bruise or "
	    "bleed more after an injection. Do not stop taking it unless the "
	    "doctor who prescribed it tells you to. Tell your clinician that "
	    "you take it.");
	/* A blood thinner kept is warned of as well as kept. */
	assert_text(handout_warning(c, &f->pl, kind(f, PLAN_W_KEEP, 1)),
	    "You take Warfarin 5 mg, which thins the blood. You may bruise or "
	    "bleed more after an injection. Do not stop taking it unless the "
	    "doctor who prescribed it tells you to. Tell your clinician that "
	    "you take it.");
	/* The clinician's alone; a medicine kept is printed with the holds. */
	assert_null(handout_warning(c, &f->pl, kind(f, PLAN_W_START, 0)));
	assert_null(handout_warning(c, &f->pl, kind(f, PLAN_W_KEEP, 0)));
	assert_text(handout_keep(c, kind(f, PLAN_W_KEEP, 0)), "Keep taking "
	    "Prednisone 5 mg. Do not stop it for your injections; your "
	    "clinician will talk with you about it.");
	assert_true(handout_has_warnings(c, &f->pl));
	clinic_free(cl);
}

/*
 * The words follow the care text passed in, not the plan's: rule texts
 * in its language, dates with its weekdays.  A rule with no text in
 * that language falls back to English, not to its first text.
 */
static void
torture_handout_warning_language(void **state)
{
	struct fixture *f = *state;
	const struct plan_warning *note;
	struct rule *r;
	struct care *sp = spanish();
	struct clinic *c;

	every_warning(f, &c);
	note = kind(f, PLAN_W_NOTE, 0);
	assert_text(handout_warning(sp, &f->pl, note), "Mida el azúcar.");
	assert_text(handout_warning(sp, &f->pl, kind(f, PLAN_W_RULE, 0)),
	    "Frenan la curación.");
	assert_text(handout_warning(sp, &f->pl, kind(f, PLAN_W_OVERRIDE, 0)),
	    "No en el embarazo. Su médico decidió seguir adelante: "
	    "obstetrician agrees (aprobado por Dr. Ada Ruiz).");
	assert_text(handout_warning(sp, &f->pl, kind(f, PLAN_W_LAPSE, 0)),
	    "Su última visita fue el martes 1 de septiembre de 2026. Su "
	    "próxima visita es 100 días después. Es más tiempo que los 21 días "
	    "que permite este tratamiento entre visitas. La pauta sigue donde "
	    "estaba; no vuelve a empezar. Hable de esto con su médico.");
	assert_text(handout_keep(sp, kind(f, PLAN_W_KEEP, 1)), "Siga tomando "
	    "Warfarin 5 mg. No lo deje por las inyecciones; su médico hablará "
	    "con usted sobre ello.");
	/* The rule's texts in French and English: Spanish gets English. */
	r = &c->rules.v[0];
	schema_langtext_release(&r->text);
	strv_push(&r->text.langs, "fr");
	strv_push(&r->text.texts, "Mesurez le sucre.");
	strv_push(&r->text.langs, "en");
	strv_push(&r->text.texts, "Check sugar.");
	assert_text(handout_warning(sp, &f->pl, note), "Check sugar.");
	free(sp->language);
	sp->language = strdup("fr");
	assert_text(handout_warning(sp, &f->pl, note), "Mesurez le sucre.");
	care_free(sp);
	clinic_free(c);
}

/* A kind the switch does not know is not the patient's: NULL, not a crash. */
static void
torture_handout_warning_unknown_kind(void **state)
{
	struct fixture *f = *state;
	struct plan_warning w = { 0 };

	replan(f, NULL, date_from_ymd(2026, 11, 27));
	w.kind = (enum plan_warning_kind)99;
	w.date = f->pl.visits[1].date;
	assert_null(handout_warning(f->care, &f->pl, &w));
	assert_false(handout_has_warnings(f->care, &f->pl));
}

/*
 * A plain hold and a prescribed one, whose template asks the prescriber
 * before anything else: the last day to take it, the day before the
 * first without it, and the day to start again, the day after the last
 * without it, so that no "to" can be misread.
 */
static void
torture_handout_hold_plain_prescribed(void **state)
{
	struct fixture *f = *state;
	struct plan_hold h = { "ibuprofen", 0, 0, 0 };
	struct care *sp = spanish();
	char *s;
	int today = date_from_ymd(2026, 11, 27);

	h.from = date_from_ymd(2026, 11, 28);
	h.to = date_from_ymd(2026, 12, 8);
	assert_text(handout_hold(f->care, &h, today), "Take your last dose of "
	    "ibuprofen on Friday 27 November 2026. Start taking it again on "
	    "Wednesday 9 December 2026.");
	assert_text(handout_hold(sp, &h, today), "Tome la última dosis de ibuprofen "
	    "el viernes 27 de noviembre de 2026. Vuelva a tomarlo el "
	    "miércoles 9 de diciembre de 2026.");
	h.drug = "Aspirin 81 mg";
	h.prescribed = 1;
	s = handout_hold(f->care, &h, today);
	assert_non_null(s);
	assert_ptr_equal(strstr(s, "Ask the doctor who prescribed "), s);
	assert_string_equal(s, "Ask the doctor who prescribed Aspirin 81 mg "
	    "before you stop it. Only if they agree, take your last dose on "
	    "Friday 27 November 2026 and start taking it again on Wednesday "
	    "9 December 2026.");
	free(s);
	assert_text(handout_hold(sp, &h, today), "Pregunte al médico que le recetó "
	    "Aspirin 81 mg antes de dejarlo. Solo si está de acuerdo, tome la "
	    "última dosis el viernes 27 de noviembre de 2026 y vuelva a "
	    "tomarlo el miércoles 9 de diciembre de 2026.");
	/*
	 * A pause shortened to begin today: stop today, never "your last
	 * dose" on a day gone by; the prescriber still asked first.
	 */
	h.from = today;
	assert_text(handout_hold(f->care, &h, today), "Ask the doctor who "
	    "prescribed Aspirin 81 mg before you stop it. Only if they agree, "
	    "stop taking it today, Friday 27 November 2026, and start taking "
	    "it again on Wednesday 9 December 2026.");
	h.prescribed = 0;
	assert_text(handout_hold(f->care, &h, today), "Stop taking Aspirin "
	    "81 mg today, Friday 27 November 2026. Start taking it again on "
	    "Wednesday 9 December 2026.");
	assert_text(handout_hold(sp, &h, today), "Deje de tomar Aspirin 81 mg "
	    "hoy, viernes 27 de noviembre de 2026. Vuelva a tomarlo el "
	    "miércoles 9 de diciembre de 2026.");
	care_free(sp);
}

/* The holds a plan makes read the same: one window around each visit. */
static void
torture_handout_hold_from_plan(void **state)
{
	struct fixture *f = *state;
	struct hold hold = { .stop_before = 3, .resume_after = 7 };

	strv_push(&hold.drugs, "ibuprofen");
	strv_push(&f->p.medications, "Ibuprofen");
	f->pr.holds = &hold;
	f->pr.nholds = 1;
	replan(f, NULL, date_from_ymd(2026, 11, 25));
	assert_int_equal(f->pl.nholds, 2);
	assert_text(handout_hold(f->care, &f->pl.holds[0], f->pl.today), "Take your last "
	    "dose of Ibuprofen on Friday 27 November 2026. Start taking it "
	    "again on Wednesday 9 December 2026.");
	assert_text(handout_hold(f->care, &f->pl.holds[1], f->pl.today), "Take your last "
	    "dose of Ibuprofen on Friday 18 December 2026. Start taking it "
	    "again on Wednesday 30 December 2026.");
	f->pr.holds = NULL;
	f->pr.nholds = 0;
	strv_release(&hold.drugs);
}

/* The pauses of a plan, and the handout's line of each. */
struct pauses {
	struct handout_pause	*g;
	size_t			 n;
	char			*text[8];
};

static void
pauses_make(struct pauses *ps, const struct care *c, const struct plan *pl)
{
	size_t i;

	ps->n = handout_pauses(pl, &ps->g);
	assert_true(ps->n <= 8);
	for (i = 0; i < ps->n; i++)
		ps->text[i] = handout_pause(c, &ps->g[i]);
}

static void
pauses_free(struct pauses *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		free(ps->text[i]);
	handout_pauses_free(ps->g, ps->n);
	memset(ps, 0, sizeof(*ps));
}

#define D(y, m, d)	date_from_ymd(y, m, d)

/* The plan's holds, a copy of the n given, which the teardown frees. */
static void
set_holds(struct fixture *f, const struct plan_hold *h, size_t n)
{
	free(f->pl.holds);
	f->pl.holds = n > 0 ? malloc(n * sizeof(*h)) : NULL;
	if (n > 0)
		memcpy(f->pl.holds, h, n * sizeof(*h));
	f->pl.nholds = n;
}

/*
 * Two medicines with different windows around one visit: one line, the
 * visit first, each medicine in the patient's order, each with its own
 * days (naproxen's from today, so stopped today).  The fixture's
 * visits to come are Tue 2026-12-01 and Tue
 * 2026-12-22.  The plan's holds are put back before the teardown.
 */
static void
torture_handout_pauses_one_visit(void **state)
{
	struct fixture *f = *state;
	struct plan_hold h[] = {
		{ "ibuprofen", D(2026, 11, 28), D(2026, 12, 8), 0 },
		{ "ibuprofen", D(2026, 12, 19), D(2026, 12, 29), 0 },
		{ "naproxen", D(2026, 11, 27), D(2026, 12, 3), 0 },
	};
	struct care *sp = spanish();
	struct pauses ps = { 0 };

	replan(f, NULL, D(2026, 11, 27));
	set_holds(f, h, 3);
	pauses_make(&ps, f->care, &f->pl);
	assert_int_equal(ps.n, 2);
	assert_int_equal(ps.g[0].from, D(2026, 11, 27));
	assert_int_equal(ps.g[0].to, D(2026, 12, 8));
	assert_int_equal(ps.g[0].nvisits, 1);
	assert_int_equal(ps.g[0].visits[0]->number, 2);
	assert_string_equal(ps.text[0], "For visit 2 on Tuesday 1 December "
	    "2026: Take your last dose of ibuprofen on Friday 27 November "
	    "2026. Start taking it again on Wednesday 9 December 2026. Stop "
	    "taking naproxen today, Friday 27 November 2026. Start taking it "
	    "again on Friday 4 December 2026.");
	assert_string_equal(ps.text[1], "For visit 3 on Tuesday 22 December "
	    "2026: Take your last dose of ibuprofen on Friday 18 December "
	    "2026. Start taking it again on Wednesday 30 December 2026.");
	pauses_free(&ps);
	pauses_make(&ps, sp, &f->pl);
	assert_string_equal(ps.text[1], "Para la visita 3 del martes 22 de "
	    "diciembre de 2026: Tome la última dosis de ibuprofen el viernes "
	    "18 de diciembre de 2026. Vuelva a tomarlo el miércoles 30 de "
	    "diciembre de 2026.");
	pauses_free(&ps);
	care_free(sp);
}

/*
 * Visits close together whose windows overlap share one line naming
 * both; windows that only touch stay apart.  A prescribed medicine
 * keeps its caveat, before its dates, among the others; the calendar's
 * summary names each medicine once, the prescribed one with its
 * caveat.
 */
static void
torture_handout_pauses_merged(void **state)
{
	struct fixture *f = *state;
	struct plan_hold h[] = {
		{ "ibuprofen", D(2026, 11, 28), D(2026, 12, 29), 0 },
		{ "Aspirin 81 mg", D(2026, 11, 28), D(2026, 12, 2), 1 },
		{ "Aspirin 81 mg", D(2026, 12, 19), D(2026, 12, 23), 1 },
	};
	struct care *sp = spanish();
	struct pauses ps = { 0 };
	char *s;

	replan(f, NULL, D(2026, 11, 27));
	set_holds(f, h, 3);
	pauses_make(&ps, f->care, &f->pl);
	assert_int_equal(ps.n, 1);
	assert_int_equal(ps.g[0].nholds, 3);
	assert_int_equal(ps.g[0].nvisits, 2);
	assert_string_equal(ps.text[0], "For visits 2 and 3 (Tuesday 1 "
	    "December 2026 and Tuesday 22 December 2026): Take your last dose "
	    "of ibuprofen on Friday 27 November 2026. Start taking it again "
	    "on Wednesday 30 December 2026. Ask the doctor who prescribed "
	    "Aspirin 81 mg before you stop it. Only if they agree, take your "
	    "last dose on Friday 27 November 2026 and start taking it again "
	    "on Thursday 3 December 2026. Ask the doctor who prescribed "
	    "Aspirin 81 mg before you stop it. Only if they agree, take your "
	    "last dose on Friday 18 December 2026 and start taking it again "
	    "on Thursday 24 December 2026.");
	s = handout_pause_summary(f->care, &ps.g[0]);
	assert_string_equal(s, "Medicines to pause: ibuprofen; Aspirin 81 mg "
	    "(ask your doctor before you stop it)");
	free(s);
	s = handout_pause_summary(sp, &ps.g[0]);
	assert_string_equal(s, "Medicamentos que debe dejar: ibuprofen; "
	    "Aspirin 81 mg (pregunte a su médico antes de dejarlo)");
	free(s);
	pauses_free(&ps);
	pauses_make(&ps, sp, &f->pl);
	assert_non_null(strstr(ps.text[0], "Para las visitas 2 y 3 (martes 1 "
	    "de diciembre de 2026 y martes 22 de diciembre de 2026): "));
	pauses_free(&ps);
	/* Touching, not overlapping: a line each. */
	h[0].to = D(2026, 12, 18);
	h[1] = (struct plan_hold){ "ibuprofen", D(2026, 12, 19),
	    D(2026, 12, 29), 0 };
	set_holds(f, h, 2);
	pauses_make(&ps, f->care, &f->pl);
	assert_int_equal(ps.n, 2);
	pauses_free(&ps);
	care_free(sp);
}

/*
 * A window across the end of a month and of a year: the last day and
 * the day to start again are each in their own month and year.
 */
static void
torture_handout_pauses_year_end(void **state)
{
	struct fixture *f = *state;
	struct plan_hold h = { "naproxen", D(2026, 12, 19), D(2026, 12, 31),
	    0 };
	struct care *sp = spanish();
	struct pauses ps = { 0 };

	replan(f, NULL, D(2026, 11, 27));
	set_holds(f, &h, 1);
	pauses_make(&ps, sp, &f->pl);
	assert_int_equal(ps.n, 1);
	assert_string_equal(ps.text[0], "Para la visita 3 del martes 22 de "
	    "diciembre de 2026: Tome la última dosis de naproxen el viernes "
	    "18 de diciembre de 2026. Vuelva a tomarlo el viernes 1 de enero "
	    "de 2027.");
	pauses_free(&ps);
	h.from = D(2026, 12, 1);
	h.to = D(2026, 12, 1);
	set_holds(f, &h, 1);
	pauses_make(&ps, f->care, &f->pl);
	assert_string_equal(ps.text[0], "For visit 2 on Tuesday 1 December "
	    "2026: Take your last dose of naproxen on Monday 30 November "
	    "2026. Start taking it again on Wednesday 2 December 2026.");
	pauses_free(&ps);
	set_holds(f, NULL, 0);
	pauses_make(&ps, f->care, &f->pl);
	assert_int_equal(ps.n, 0);
	assert_null(ps.g);
	pauses_free(&ps);
	care_free(sp);
}

/*
 * Planned for real: a blood thinner never paused (warfarin) is in no
 * pause and told to keep taking it, with no date; the prescribed
 * aspirin asks first in its own sentence, in every line and summary.
 */
static void
torture_handout_pauses_keep(void **state)
{
	struct fixture *f = *state;
	struct hold both[2] = {
		{ .class_id = "nsaids", .stop_before = 3, .resume_after = 7 },
		{ .class_id = "low-dose-aspirin", .stop_before = 3,
		    .resume_after = 2 },
	};
	struct pauses ps = { 0 };
	size_t i, k;
	char *s;

	strv_push(&f->p.medications, "warfarin 5 mg");
	strv_push(&f->p.medications, "ibuprofen 400 mg");
	strv_push(&f->p.medications, "aspirin 81 mg daily");
	f->pr.holds = both;
	f->pr.nholds = 2;
	replan(f, NULL, date_from_ymd(2026, 11, 25));
	pauses_make(&ps, f->care, &f->pl);
	assert_int_equal(ps.n, 2);
	for (i = 0; i < ps.n; i++) {
		assert_null(strstr(ps.text[i], "warfarin"));
		assert_non_null(strstr(ps.text[i], "ibuprofen 400 mg on "));
		assert_non_null(strstr(ps.text[i], "Ask the doctor who "
		    "prescribed aspirin 81 mg daily before you stop it. Only "
		    "if they agree, take your last dose on "));
		s = handout_pause_summary(f->care, &ps.g[i]);
		assert_null(strstr(s, "warfarin"));
		assert_non_null(strstr(s, "aspirin 81 mg daily (ask your "
		    "doctor before you stop it)"));
		free(s);
	}
	for (i = 0, k = 0; i < f->pl.nwarnings; i++)
		if (f->pl.warnings[i].kind == PLAN_W_KEEP) {
			assert_text(handout_keep(f->care, &f->pl.warnings[i]),
			    "Keep taking warfarin 5 mg. Do not stop it for "
			    "your injections; your clinician will talk with "
			    "you about it.");
			k++;
		}
	assert_int_equal(k, 1);
	pauses_free(&ps);
	f->pr.holds = NULL;
	f->pr.nholds = 0;
}

/*
 * A protocol's own text replaces a section, whichever entry of its care
 * list names it; other sections keep the care text's.
 */
static void
torture_handout_paragraphs_protocol(void **state)
{
	struct fixture *f = *state;
	struct protocol_care pc[2] = { { .section = "notes" },
	    { .section = "before" } };
	struct strv lists[2] = { { 0 }, { 0 } }, plain = { 0 };
	struct strv out = { 0 };
	int is_holds;

	/* Each section's paragraphs given in no language. */
	strv_push(&plain, "");
	pc[0].text = (struct langlist){ plain, &lists[0], NULL };
	pc[1].text = (struct langlist){ plain, &lists[1], NULL };

	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_true(handout_paragraphs(f->care, &f->pl,
	    care_section(f->care, "before"), &out, &is_holds));
	assert_int_equal(out.n, 4);
	assert_int_equal(is_holds, 0);
	strv_release(&out);
	/* An empty section is left out, but "holds" never is. */
	assert_false(handout_paragraphs(f->care, &f->pl,
	    care_section(f->care, "notes"), &out, &is_holds));
	strv_push(&lists[0], "Spinal manipulation may help.");
	f->pr.care = pc;
	f->pr.ncare = 2;
	assert_true(handout_paragraphs(f->care, &f->pl,
	    care_section(f->care, "notes"), &out, &is_holds));
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0], "Spinal manipulation may help.");
	strv_release(&out);
	/* The protocol empties "before"; emptied "holds" still shows. */
	assert_false(handout_paragraphs(f->care, &f->pl,
	    care_section(f->care, "before"), &out, &is_holds));
	pc[1].section = "holds";
	assert_true(handout_paragraphs(f->care, &f->pl,
	    care_section(f->care, "holds"), &out, &is_holds));
	assert_int_equal(out.n, 0);
	assert_int_equal(is_holds, 1);
	f->pr.care = NULL;
	f->pr.ncare = 0;
	strv_release(&lists[0]);
	strv_release(&plain);
}

/*
 * A paragraph for patients on low-dose aspirin replaces the one for
 * everyone else: "do not take aspirin" is never said to a patient told
 * to keep the aspirin a doctor prescribed.
 */
static void
torture_handout_paragraphs_for_medicines(void **state)
{
	struct fixture *f = *state;
	const struct care_section *after = care_section(f->care, "after");
	struct strv out = { 0 };
	char *all;
	int is_holds;

	replan(f, NULL, date_from_ymd(2026, 11, 27));
	handout_paragraphs(f->care, &f->pl, after, &out, &is_holds);
	all = strv_join(&out, "|");
	assert_non_null(strstr(all, "Do not take aspirin or anti-inflammatory "
	    "painkillers"));
	assert_null(strstr(all, "low-dose aspirin your doctor prescribed"));
	free(all);
	strv_release(&out);
	strv_push(&f->p.medications, "Aspirin 81 mg daily");
	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_true(plan_takes(&f->pl, "low-dose-aspirin"));
	handout_paragraphs(f->care, &f->pl, after, &out, &is_holds);
	all = strv_join(&out, "|");
	assert_null(strstr(all, "Do not take aspirin"));
	assert_non_null(strstr(all, "Keep taking the low-dose aspirin your "
	    "doctor prescribed"));
	assert_int_equal(out.n, after->nparas - 1);
	free(all);
	strv_release(&out);
}

/*
 * The cost section says one thing about the price: the cost line where
 * the clinic sets one, the line asking the clinic where it does not,
 * and neither under a protocol's own cost text, which replaces it all.
 */
static void
torture_handout_paragraphs_cost(void **state)
{
	struct fixture *f = *state;
	const struct care_section *cost = care_section(f->care, "cost");
	struct protocol_care pc = { .section = "cost" };
	struct strv list = { 0 }, plain = { 0 }, out = { 0 };
	struct clinic *c;
	char *all;
	int is_holds;

	strv_push(&plain, "");
	pc.text = (struct langlist){ plain, &list, NULL };
	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_true(handout_paragraphs(f->care, &f->pl, cost, &out,
	    &is_holds));
	all = strv_join(&out, "|");
	assert_string_equal(out.v[0], "Ask the clinic what each visit will "
	    "cost.");
	assert_null(strstr(all, " in all."));
	free(all);
	strv_release(&out);
	c = clinic("price: {per_visit: \"350\", currency: USD}\n");
	f->pl.clinic = c;
	handout_paragraphs(f->care, &f->pl, cost, &out, &is_holds);
	all = strv_join(&out, "|");
	assert_string_equal(out.v[0], "2 planned visits at USD 350.00 each: "
	    "USD 700.00 in all.");
	assert_null(strstr(all, "Ask the clinic"));
	assert_non_null(strstr(all, "Insurance often does not pay"));
	free(all);
	strv_release(&out);
	strv_push(&list, "The study pays for every visit.");
	f->pr.care = &pc;
	f->pr.ncare = 1;
	handout_paragraphs(f->care, &f->pl, cost, &out, &is_holds);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0], "The study pays for every visit.");
	strv_release(&out);
	f->pr.care = NULL;
	f->pr.ncare = 0;
	f->pl.clinic = NULL;
	strv_release(&list);
	strv_release(&plain);
	clinic_free(c);
}

static void
torture_handout_is_done(void **state)
{
	struct fixture *f = *state;

	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_false(handout_is_done(&f->pl));
	f->p.visits = 1;
	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_int_equal(f->pl.nvisits, 1);
	assert_true(handout_is_done(&f->pl));
	/* A course with nothing given yet is not done. */
	f->p.visits = 3;
	f->p.nhistory = 0;
	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_false(handout_is_done(&f->pl));
}

/* Any one visit with a time makes the table show times; none, no column. */
static void
torture_handout_has_times(void **state)
{
	struct fixture *f = *state;
	struct clinic *c;

	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_false(handout_has_times(&f->pl));
	f->pl.visits[2].time = 9 * 60 + 15;
	assert_true(handout_has_times(&f->pl));
	f->pl.visits[2].time = 0;	/* midnight is a time too */
	assert_true(handout_has_times(&f->pl));
	/* A patient who asks for a slot gets it on the visits to come. */
	c = clinic("slots: [\"08:30\", \"13:30\"]\n");
	f->p.time = 13 * 60 + 30;
	replan(f, c, date_from_ymd(2026, 11, 27));
	assert_int_equal(f->pl.visits[0].time, TIME_NONE);
	assert_int_equal(f->pl.visits[1].time, 13 * 60 + 30);
	assert_true(handout_has_times(&f->pl));
	/* A patient who asks for nothing gets dates only. */
	f->p.time = TIME_NONE;
	replan(f, c, date_from_ymd(2026, 11, 27));
	assert_false(handout_has_times(&f->pl));
	clinic_free(c);
}

static void
torture_handout_clinic(void **state)
{
	struct fixture *f = *state;
	struct clinic *c;

	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_null(handout_clinic(&f->pl));
	c = clinic("name: Harbour Clinic\n"
	    "address: \"12 Harbour Street, Springfield\"\n");
	f->pl.clinic = c;
	assert_text(handout_clinic(&f->pl), "Harbour Clinic, 12 Harbour "
	    "Street, Springfield");
	clinic_free(c);
	c = clinic("name: Harbour Clinic\nphone: 555-0100\n");
	f->pl.clinic = c;
	assert_text(handout_clinic(&f->pl), "Harbour Clinic");
	clinic_free(c);
	c = clinic("address: \"12 Harbour Street\"\n");
	f->pl.clinic = c;
	assert_text(handout_clinic(&f->pl), "12 Harbour Street");
	clinic_free(c);
	/* A phone alone, or nothing, names no clinic. */
	c = clinic("phone: 555-0100\nprice: {per_visit: \"150\", "
	    "currency: USD}\n");
	f->pl.clinic = c;
	assert_null(handout_clinic(&f->pl));
	f->pl.clinic = NULL;
	clinic_free(c);
}

/*
 * The cost of the visits still to come: the fixture's course has one
 * visit given and two planned, so two are charged, not three.
 */
static void
torture_handout_cost_planned_only(void **state)
{
	struct fixture *f = *state;
	struct care *sp = spanish();
	struct clinic *c;

	replan(f, NULL, date_from_ymd(2026, 11, 27));
	/* No price: the line asking the clinic, in place of the cost. */
	assert_text(handout_cost(f->care, &f->pl),
	    "Ask the clinic what each visit will cost.");
	c = clinic("name: Harbour Clinic\n");
	f->pl.clinic = c;
	assert_int_equal(c->price, -1);
	assert_text(handout_cost(f->care, &f->pl),
	    "Ask the clinic what each visit will cost.");
	assert_text(handout_cost(sp, &f->pl),
	    "Pregunte en la clínica cuánto costará cada visita.");
	clinic_free(c);
	c = clinic("price: {per_visit: \"150.00\", currency: USD}\n");
	f->pl.clinic = c;
	assert_text(handout_cost(f->care, &f->pl), "2 planned visits at USD "
	    "150.00 each: USD 300.00 in all.");
	clinic_free(c);
	c = clinic("price: {per_visit: \"99.5\", currency: EUR}\n");
	f->pl.clinic = c;
	assert_text(handout_cost(sp, &f->pl), "2 visitas previstas a "
	    "99,50 EUR cada una: 199,00 EUR en total.");
	/* A course with every visit given costs nothing more: no line. */
	f->p.visits = 1;
	replan(f, c, date_from_ymd(2026, 11, 27));
	assert_true(handout_is_done(&f->pl));
	assert_null(handout_cost(f->care, &f->pl));
	f->pl.clinic = NULL;
	assert_null(handout_cost(f->care, &f->pl));
	clinic_free(c);
	care_free(sp);
}

/*
 * Totals are whole cents multiplied, so no price comes out a cent short
 * as 0.10 * 3 or 0.29 * 100 would in binary floating point; and the
 * largest price times a long course does not overflow an int.
 */
static void
torture_handout_cost_exact_cents(void **state)
{
	struct fixture *f = *state;
	struct clinic *c;

	f->p.nhistory = 0;
	c = clinic("price: {per_visit: \"0.10\", currency: USD}\n");
	replan(f, c, date_from_ymd(2026, 11, 27));
	assert_int_equal(c->price, 10);
	assert_text(handout_cost(f->care, &f->pl), "3 planned visits at USD "
	    "0.10 each: USD 0.30 in all.");
	clinic_free(c);
	c = clinic("price: {per_visit: \"0.29\", currency: USD}\n");
	f->pl.clinic = c;
	assert_int_equal(c->price, 29);
	assert_text(handout_cost(f->care, &f->pl), "3 planned visits at USD "
	    "0.29 each: USD 0.87 in all.");
	clinic_free(c);
	/* 25 weekly visits at 1,000,000.00: 2,500,000,000 cents. */
	c = clinic("price: {per_visit: \"1000000\", currency: USD}\n");
	assert_int_equal(c->price, CLINIC_PRICE_MAX);
	f->p.visits = 25;
	f->p.interval_days = 7;
	f->pr.ival_min = f->pr.ival_pref = f->pr.ival_max = 7;
	f->pr.max_course_days = 366;
	replan(f, c, date_from_ymd(2026, 11, 27));
	assert_int_equal(f->pl.nvisits, 25);
	assert_text(handout_cost(f->care, &f->pl), "25 planned visits at USD "
	    "1000000.00 each: USD 25000000.00 in all.");
	clinic_free(c);
}

/* The review visit's number and date, in the care text's words. */
static void
torture_handout_review(void **state)
{
	struct fixture *f = *state;
	struct care *sp = spanish();

	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_int_equal(f->pl.review, 0);
	assert_null(handout_review(f->care, &f->pl));
	f->pr.review_at = 3;
	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_text(handout_review(f->care, &f->pl), "Visit 3 on "
	    "Tuesday 22 December 2026 is a review. If nothing has improved by "
	    "then, please tell the clinic before that visit.");
	f->pr.review_at = 2;
	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_text(handout_review(f->care, &f->pl), "Visit 2 on "
	    "Tuesday 1 December 2026 is a review. If nothing has improved by "
	    "then, please tell the clinic before that visit.");
	assert_text(handout_review(sp, &f->pl), "La visita 2 del "
	    "martes 1 de diciembre de 2026 es de revisión. Si para entonces no "
	    "ha notado ninguna mejoría, avise a la clínica antes de esa visita.");
	/* A review past the end of a shorter course is not set, so no line. */
	f->pr.review_at = 4;
	replan(f, NULL, date_from_ymd(2026, 11, 27));
	assert_null(handout_review(f->care, &f->pl));
	care_free(sp);
}

/*
 * Each state of a visit in the patient's words, in both languages, and
 * in the formats' own (CSV, JSON, HTML classes), which are not the
 * care text's.
 */
static void
torture_handout_status(void **state)
{
	static const struct {
		enum visit_status	 st;
		const char		*id, *en, *es;
	} t[] = {
		{ VISIT_DONE, "done", "done", "realizada" },
		{ VISIT_MISSED, "missed", "missed", "perdida" },
		{ VISIT_BOOKED, "booked", "booked", "confirmada" },
		{ VISIT_PLANNED, "planned", "planned", "programada" },
	};
	struct fixture *f = *state;
	struct care *sp = spanish();
	struct plan_visit v = { 0 };
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(*t); i++) {
		v.status = t[i].st;
		assert_string_equal(handout_status_id(&v), t[i].id);
		assert_string_equal(handout_status(f->care, &v), t[i].en);
		assert_string_equal(handout_status(sp, &v), t[i].es);
	}
	free(f->care->labels[CARE_MISSED]);
	f->care->labels[CARE_MISSED] = strdup("did not come");
	v.status = VISIT_MISSED;
	assert_string_equal(handout_status(f->care, &v), "did not come");
	assert_string_equal(handout_status_id(&v), "missed");
	care_free(sp);
}

/*
 * What a course with a missed visit, a restart and booked visits comes
 * to: five visits of the course (the missed one is none), three to
 * come, the next the first booked; one that ended early has none to
 * come and is not "done", which is for a course that ran its length.
 */
static void
torture_handout_counts(void **state)
{
	struct fixture *f = *state;
	struct care *sp = spanish();

	fixture_eventful(f);
	assert_int_equal(f->pl.nvisits, 6);
	assert_int_equal(handout_visits(&f->pl), 5);
	assert_int_equal(handout_to_come(&f->pl), 3);
	assert_ptr_equal(handout_next(&f->pl), &f->pl.visits[3]);
	assert_false(handout_is_done(&f->pl));
	assert_text(handout_course(f->care, &f->pl), "5 visits, 14 to 21 days "
	    "apart; injections at each visit: 2");
	assert_text(handout_course(sp, &f->pl), "5 visitas, cada 14 a 21 "
	    "días; inyecciones por visita: 2");
	/* Booked visits are to come as planned ones are. */
	f->pl.visits[5].status = VISIT_BOOKED;
	assert_int_equal(handout_to_come(&f->pl), 3);
	f->pl.visits[3].status = f->pl.visits[4].status =
	    f->pl.visits[5].status = VISIT_DONE;
	assert_int_equal(handout_to_come(&f->pl), 0);
	assert_null(handout_next(&f->pl));
	assert_true(handout_is_done(&f->pl));
	fixture_ended(f);
	assert_int_equal(handout_visits(&f->pl), 3);
	assert_int_equal(handout_to_come(&f->pl), 0);
	assert_false(handout_is_done(&f->pl));
	assert_true(handout_has_warnings(f->care, &f->pl));
	care_free(sp);
}

/*
 * Issue 13's warnings for the patient: a lapse that restarts the
 * course, or lets it go on; a course ended early, when and why, in
 * both languages.  A booked visit kept on a day not allowed and two
 * fixed visits too far apart are the clinician's alone.
 */
static void
torture_handout_issue13(void **state)
{
	struct fixture *f = *state;
	struct care *sp = spanish();
	struct plan_warning *w;

	fixture_eventful(f);
	assert_text(handout_warning(f->care, &f->pl, kind(f, PLAN_W_LAPSE, 0)),
	    "Your last visit was on Tuesday 27 October 2026. Your next visit "
	    "is 35 days later, which is longer than the 21 days this treatment "
	    "allows between visits. So your course starts again from your next "
	    "visit. Please talk to your clinician about this.");
	assert_text(handout_warning(sp, &f->pl, kind(f, PLAN_W_LAPSE, 0)),
	    "Su última visita fue el martes 27 de octubre de 2026. Su próxima "
	    "visita es 35 días después. Es más tiempo que los 21 días que "
	    "permite este tratamiento entre visitas. Por eso, la pauta vuelve "
	    "a empezar desde su próxima visita. Hable de esto con su médico.");
	f->pl.restarted = 0;
	assert_text(handout_warning(f->care, &f->pl, kind(f, PLAN_W_LAPSE, 0)),
	    "Your last visit was on Tuesday 27 October 2026. Your next visit "
	    "is 35 days later, which is longer than the 21 days this treatment "
	    "allows between visits. Your course carries on from where it was; "
	    "it does not start again. Please talk to your clinician about this.");
	w = fixture_warn(f, PLAN_W_BOOKED_OFF);
	w->visit = 3;
	w->date = f->pl.visits[3].date;
	w->subject = "the clinic is closed for Staff training";
	assert_null(handout_warning(f->care, &f->pl, w));
	w = fixture_warn(f, PLAN_W_FIXED_GAP);
	w->visit = 3;
	w->date = f->pl.visits[3].date;
	w->days = 35;
	assert_null(handout_warning(f->care, &f->pl, w));
	fixture_ended(f);
	assert_text(handout_warning(f->care, &f->pl, kind(f, PLAN_W_ENDED, 0)),
	    "Your course ended early on Friday 20 November 2026: better after "
	    "3 visits. No more visits are planned.");
	assert_text(handout_warning(sp, &f->pl, kind(f, PLAN_W_ENDED, 0)),
	    "Su pauta terminó antes de lo previsto, el viernes 20 de noviembre "
	    "de 2026: better after 3 visits. No hay más visitas previstas.");
	/* The calendar's words for it are the same, from the patient file. */
	assert_text(handout_ended(f->care, &f->pl), "Your course ended early "
	    "on Friday 20 November 2026: better after 3 visits. No more visits "
	    "are planned.");
	f->p.ended = 0;
	assert_null(handout_ended(f->care, &f->pl));
	care_free(sp);
}

/*
 * The next visit a pause waits for is the first to come, booked or
 * planned, not the first after the visits given: the missed one is not
 * it.
 */
static void
torture_handout_lead_next(void **state)
{
	struct fixture *f = *state;
	struct plan_warning *w;

	fixture_eventful(f);
	w = fixture_warn(f, PLAN_W_LEAD);
	w->date = date_from_ymd(2026, 11, 30);
	w->subject = "Naproxen";
	w->days = 3;
	assert_text(handout_warning(f->care, &f->pl, w), "Your next visit is "
	    "on Tuesday 1 December 2026. This leaves time for the pause of "
	    "Naproxen, which begins 3 days before a visit: see below.");
}

/*
 * The cost of the visits to come counts the booked ones with the
 * planned, not the given or missed ones; a course ended early costs
 * nothing more.  The review is found by its number in the course, which
 * a missed visit before it does not shift.
 */
static void
torture_handout_cost_review_issue13(void **state)
{
	struct fixture *f = *state;
	struct clinic *c;

	c = clinic("price: {per_visit: \"150.00\", currency: USD}\n");
	fixture_eventful(f);
	f->pl.clinic = c;
	assert_text(handout_cost(f->care, &f->pl), "3 planned visits at USD "
	    "150.00 each: USD 450.00 in all.");
	f->pl.review = 3;
	assert_text(handout_review(f->care, &f->pl), "Visit 3 on "
	    "Tuesday 1 December 2026 is a review. If nothing has improved by "
	    "then, please tell the clinic before that visit.");
	/* A review already given asks the patient nothing more. */
	f->pl.review = 2;
	assert_null(handout_review(f->care, &f->pl));
	fixture_ended(f);
	f->pl.clinic = c;
	assert_null(handout_cost(f->care, &f->pl));
	f->pl.clinic = NULL;
	clinic_free(c);
}

static void
torture_handout_money(void **state)
{
	static const struct {
		long		 cents;
		const char	*currency;
		const char	*en;
		const char	*es;
	} cases[] = {
		{ 15000, "USD", "USD 150.00", "150,00 USD" },
		{ 0, "USD", "USD 0.00", "0,00 USD" },
		{ 5, "EUR", "EUR 0.05", "0,05 EUR" },
		{ 10, "EUR", "EUR 0.10", "0,10 EUR" },
		{ 99, "GBP", "GBP 0.99", "0,99 GBP" },
		{ 100, "GBP", "GBP 1.00", "1,00 GBP" },
		{ 105000, "USD", "USD 1050.00", "1050,00 USD" },
		{ 123456789, "MXN", "MXN 1234567.89", "1234567,89 MXN" },
		{ 2500000000L, "USD", "USD 25000000.00", "25000000,00 USD" },
	};
	struct fixture *f = *state;
	struct care *es = spanish();
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		handout_money(f->care, cases[i].cents, cases[i].currency, buf,
		    sizeof(buf));
		assert_string_equal(buf, cases[i].en);
		handout_money(es, cases[i].cents, cases[i].currency, buf,
		    sizeof(buf));
		assert_string_equal(buf, cases[i].es);
	}
	/* A short buffer is cut and ended, and nothing past it written. */
	memset(buf, 'x', sizeof(buf));
	handout_money(f->care, 15000, "USD", buf, 6);
	assert_string_equal(buf, "USD 1");
	assert_int_equal(buf[6], 'x');
	care_free(es);
}

/* Dates in full, in each language's words and order. */
static void
torture_handout_date_long(void **state)
{
	static const struct {
		const char	*iso;
		const char	*en;
		const char	*es;
	} cases[] = {
		{ "2026-12-14", "Monday 14 December 2026",
		    "lunes 14 de diciembre de 2026" },
		{ "2027-01-01", "Friday 1 January 2027",
		    "viernes 1 de enero de 2027" },
		{ "2028-02-29", "Tuesday 29 February 2028",
		    "martes 29 de febrero de 2028" },
		{ "2026-11-29", "Sunday 29 November 2026",
		    "domingo 29 de noviembre de 2026" },
		{ "2027-06-02", "Wednesday 2 June 2027",
		    "miércoles 2 de junio de 2027" },
	};
	struct fixture *f = *state;
	struct care *es = spanish();
	char buf[64];
	size_t i;
	int day;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		assert_int_equal(date_parse(cases[i].iso, 10, &day), DATE_OK);
		handout_date_long(f->care, day, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].en);
		handout_date_long(es, day, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].es);
	}
	care_free(es);
}

/* Decimal scores with the language's mark. */
static void
torture_handout_number(void **state)
{
	struct fixture *f = *state;
	struct care *es = spanish();
	char buf[32];

	assert_string_equal(handout_number(f->care, buf, sizeof(buf), 5500),
	    "5.5");
	assert_string_equal(handout_number(es, buf, sizeof(buf), 5500), "5,5");
	assert_string_equal(handout_number(es, buf, sizeof(buf), 7000), "7");
	assert_string_equal(handout_number(es, buf, sizeof(buf), 125), "0,125");
	care_free(es);
}

/*
 * What pain and function scores tell the clinician stays off the
 * handout ("reconsider the course" is no word for the patient); the
 * patient reads the scores themselves, a line for pain and one for each
 * function scale, a scale being its name and its two ends.
 */
static void
torture_handout_scores(void **state)
{
	struct fixture *f = *state;
	const struct care *c = f->care;
	struct plan_warning *w;

	fixture_scored(f);
	f->pl.nwarnings = 0;
	w = fixture_warn(f, PLAN_W_NO_GAIN);
	w->from = &f->pl.visits[0];
	w->to = &f->pl.visits[2];
	w = fixture_warn(f, PLAN_W_GOAL);
	w->from = &f->pl.visits[0];
	w->to = &f->pl.visits[2];
	assert_null(handout_warning(c, &f->pl, &f->pl.warnings[0]));
	assert_null(handout_warning(c, &f->pl, &f->pl.warnings[1]));
	assert_false(handout_has_warnings(c, &f->pl));
	assert_true(handout_has_scores(&f->pl));
	assert_text(handout_pain(c, &f->pl), "Your pain, from 0 (no pain) to "
	    "10 (worst pain): 7 (visit 1) \xe2\x86\x92 5.5 (visit 2)");
	assert_string_equal(handout_scale(&f->pl, 0)->name, "WOMAC");
	assert_null(handout_scale(&f->pl, 1));
	assert_text(handout_function(c, &f->pl, handout_scale(&f->pl, 0), 0),
	    "Your WOMAC score, from 96 (worst) to 0 (best): 48 (visit 1)");
	assert_text(handout_function(c, &f->pl, handout_scale(&f->pl, 0), 1),
	    "WOMAC (96 worst, 0 best)");
	/* The same name on another range is another scale. */
	f->record[2].function = (struct function_score){ "WOMAC", 20500,
	    68000, 0 };
	assert_int_equal(handout_scale(&f->pl, 1)->worst, 68000);
	assert_null(handout_scale(&f->pl, 2));
	assert_text(handout_function(c, &f->pl, handout_scale(&f->pl, 1), 0),
	    "Your WOMAC score, from 68 (worst) to 0 (best): 20.5 (visit 2)");
	/* Scores on a missed visit or a visit to come are none. */
	f->record[0].pain = f->record[2].pain = -1;
	f->record[0].function.name = f->record[2].function.name = NULL;
	f->record[1].pain = 3000;
	f->pl.visits[3].past = &f->record[1];
	assert_false(handout_has_scores(&f->pl));
	assert_null(handout_pain(c, &f->pl));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(torture_handout_date_en_es,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_course_template,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_handout_warning_every_kind, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_handout_warning_language, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_handout_warning_unknown_kind, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_handout_hold_plain_prescribed, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_pauses_one_visit,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_pauses_merged,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_pauses_year_end,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_pauses_keep,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_hold_from_plan,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_handout_paragraphs_protocol, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_handout_paragraphs_for_medicines, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_is_done,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_has_times,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_clinic,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_handout_cost_planned_only, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_handout_cost_exact_cents, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_review,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_status,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_counts,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_issue13,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_lead_next,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
		    torture_handout_cost_review_issue13, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_paragraphs_cost,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_money,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_date_long,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_number,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_handout_scores,
		    fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
