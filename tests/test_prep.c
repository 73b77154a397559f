#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "clinic.h"
#include "diag.h"
#include "file.h"
#include "load.h"
#include "norm.h"
#include "prep.h"
#include "protocol.h"
#include "schema.h"
#include "terms.h"
#include "tree.h"

/*
 * The preparation module: recipes from a clinic's stock, each checked
 * here as a nurse would check it, by working each strength out again
 * from the parts drawn up (with the test's own arithmetic, not the
 * module's), the parts adding up to the syringe, and the syringes to
 * the batch.  Every shipped protocol is made at its usual and its most
 * volume, for one site and two, in one syringe and in 10 mL ones.
 */

/* What a clinic keeps: the stock the issue names. */
#define STOCK \
	"stock:\n" \
	"  - {name: \"dextrose 50%\", ingredient: dextrose, percent: 50}\n" \
	"  - {name: \"lidocaine 2%\", ingredient: lidocaine, percent: 2}\n" \
	"  - {name: \"lidocaine 1%\", ingredient: lidocaine, percent: 1}\n" \
	"  - {name: \"bupivacaine 0.5%\", ingredient: bupivacaine, " \
	"percent: 0.5}\n" \
	"  - {name: \"ropivacaine 1%\", ingredient: ropivacaine, percent: 1}\n" \
	"  - {name: \"ropivacaine 0.5%\", ingredient: ropivacaine, " \
	"percent: 0.5}\n" \
	"  - {name: \"sodium morrhuate 5%\", ingredient: morrhuate, " \
	"percent: 5}\n" \
	"  - {name: \"sterile water\", diluent: true}\n"

struct state {
	struct terms	*terms;
	struct care	*care;
};

static int
setup(void **state)
{
	struct state *s;
	struct diag d = { 0 };
	int err;

	s = calloc(1, sizeof(*s));
	if (s == NULL || (s->terms = load_terms("data", &d, &err)) == NULL ||
	    (s->care = load_care("data", NULL, NULL, &d, &err)) == NULL) {
		fprintf(stderr, "setup: %s\n", d.msg);
		diag_release(&d);
		return -1;
	}
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	struct state *s = *state;

	terms_free(s->terms);
	care_free(s->care);
	free(s);
	return 0;
}

/* A clinic file's stock, its ingredients found in terms.yaml. */
static struct clinic *
clinic_of(const struct state *s, const char *yaml)
{
	struct diag d = { 0 };
	struct clinic *c;

	c = clinic_load("c.yaml", yaml, strlen(yaml), &d);
	if (c == NULL || clinic_check_terms(c, s->terms, &d) != 0)
		fail_msg("clinic: %d:%d: %s", d.line, d.col, d.msg);
	return c;
}

/* A target of one ingredient (by any name terms.yaml knows) at a strength. */
static struct prep_target
target(const struct state *s, const char *folded, long percent)
{
	struct prep_target t;

	t.ingredient = terms_ingredient(s->terms, folded);
	assert_non_null(t.ingredient);
	t.name = schema_langtext(&t.ingredient->name, "en");
	t.percent = percent;
	return t;
}

/*
 * Checks a recipe whatever made it: parts in whole 0.1 mL, the stock's
 * ingredient the target's and strong enough, the syringe full to its
 * volume, no syringe over the clinic's size, the batch at least what
 * is needed and at most PREP_EXTRA more, and every strength, worked out
 * again from the parts over the whole batch, within 2% of its target.
 */
static void
check_recipe(const struct prep *p, const char *what)
{
	const struct prep_part *part;
	long long got, want, diff;
	long sum = 0;
	size_t i, t = 0;

	if (p->status != PREP_OK)
		fail_msg("%s: status %d", what, (int)p->status);
	assert_true(p->syringes >= 1);
	assert_int_equal(p->made, (long)p->syringes * p->each);
	if (p->made < p->needed || p->made > p->needed + PREP_EXTRA)
		fail_msg("%s: made %ld for %ld", what, p->made, p->needed);
	if (p->syringe_max > 0 && p->each > p->syringe_max)
		fail_msg("%s: a syringe of %ld over %ld", what, p->each,
		    p->syringe_max);
	for (i = 0; i < p->nparts; i++) {
		part = &p->parts[i];
		if (part->ml <= 0 || part->ml % 100 != 0)
			fail_msg("%s: part %zu of %ld", what, i, part->ml);
		sum += part->ml;
		if (part->target == NULL) {
			assert_true(part->stock->diluent);
			assert_int_equal(i, p->nparts - 1);
			continue;
		}
		assert_ptr_equal(part->target, &p->targets[t]);
		t++;
		assert_ptr_equal(part->stock->of, part->target->ingredient);
		assert_true(part->stock->percent >= part->target->percent);
		/* stock% x mL over the batch, against the target. */
		got = (long long)part->stock->percent * part->ml *
		    (long long)p->syringes;
		want = (long long)part->target->percent * p->made;
		diff = got > want ? got - want : want - got;
		if (diff * 50 > want)
			fail_msg("%s: %s at %lld/%ld thousandths is more than "
			    "2%% off %ld", what, part->target->name, got,
			    p->made, part->target->percent);
		/* What the module says it gives, to the thousandth. */
		diff = (long long)prep_percent(p, part) * p->made - got;
		if ((diff < 0 ? -diff : diff) * 2 > p->made)
			fail_msg("%s: prep_percent %ld", what,
			    prep_percent(p, part));
	}
	assert_int_equal(t, p->ntargets);
	if (sum != p->each)
		fail_msg("%s: parts add up to %ld in %ld", what, sum, p->each);
}

static struct protocol *
protocol_read(const struct state *s, const char *path)
{
	struct protocol *p;
	struct diag d = { 0 };
	char *buf;
	size_t len;

	assert_int_equal(file_read(path, TREE_MAX_BYTES, &buf, &len), 0);
	p = protocol_load(path, buf, len, NULL, s->care, &d);
	free(buf);
	if (p == NULL || protocol_check_terms(p, s->terms, &d) != 0)
		fail_msg("%s: %s", path, d.msg);
	return p;
}

/*
 * Every shipped protocol, at its usual and its most volume a site, for
 * one and two sites, from the usual stock, in one syringe and in
 * syringes of 10 mL.
 */
static void
torture_prep_shipped(void **state)
{
	struct state *s = *state;
	struct clinic *c;
	struct protocol *p;
	struct prep_target *t;
	struct prep prep;
	struct dirent *e;
	char path[512], what[600], ml[32];
	DIR *dir;
	long volume;
	int i, sites, syringe, n = 0;

	c = clinic_of(s, STOCK);
	assert_non_null(dir = opendir("data/protocols"));
	while ((e = readdir(dir)) != NULL) {
		if (strstr(e->d_name, ".yaml") == NULL)
			continue;
		snprintf(path, sizeof(path), "data/protocols/%s", e->d_name);
		p = protocol_read(s, path);
		assert_true(p->nsolutes > 0);
		t = prep_targets(p, s->terms);
		for (i = 0; i < 2; i++)
			for (sites = 1; sites <= 2; sites++)
				for (syringe = 0; syringe <= 10000;
				    syringe += 10000) {
					volume = (i ? p->volume_max :
					    p->volume_usual) * sites;
					snprintf(what, sizeof(what), "%s, %s mL,"
					    " syringe %d mL", p->id,
					    schema_milli_str(ml, sizeof(ml),
					    volume), syringe / 1000);
					prep_make(&prep, t, p->nsolutes, volume,
					    c->stock, c->nstock, syringe);
					check_recipe(&prep, what);
					prep_release(&prep);
					n++;
				}
		free(t);
		protocol_free(p);
	}
	closedir(dir);
	assert_true(n >= 7 * 8);
	clinic_free(c);
}

/* knee-oa for two knees: 12.5% dextrose and 0.5% lidocaine in 30 mL. */
static void
torture_prep_knee(void **state)
{
	struct state *s = *state;
	struct prep_target t[2];
	struct clinic *c;
	struct prep p;

	c = clinic_of(s, STOCK);
	t[0] = target(s, " dextrose ", 12500);
	t[1] = target(s, " lignocaine ", 500);
	assert_int_equal(prep_make(&p, t, 2, 30000, c->stock, c->nstock, 0),
	    PREP_OK);
	check_recipe(&p, "knee");
	assert_int_equal(p.made, 30000);
	assert_int_equal(p.syringes, 1);
	assert_int_equal(p.nparts, 3);
	assert_string_equal(p.parts[0].stock->name, "dextrose 50%");
	assert_int_equal(p.parts[0].ml, 7500);
	/* The weaker lidocaine: twice the volume, measured more exactly. */
	assert_string_equal(p.parts[1].stock->name, "lidocaine 1%");
	assert_int_equal(p.parts[1].ml, 15000);
	assert_string_equal(p.parts[2].stock->name, "sterile water");
	assert_int_equal(p.parts[2].ml, 7500);
	assert_int_equal(prep_percent(&p, &p.parts[0]), 12500);
	assert_int_equal(prep_percent(&p, &p.parts[2]), 0);
	prep_release(&p);
	clinic_free(c);
}

/*
 * The weakest stock while it leaves room for the others; when the
 * parts overflow, the largest one that can moves to a stronger stock.
 */
static void
torture_prep_choice(void **state)
{
	static const char yaml[] =
	    "stock:\n"
	    "  - {name: D50, ingredient: dextrose, percent: 50}\n"
	    "  - {name: D25, ingredient: dextrose, percent: 25}\n"
	    "  - {name: L2, ingredient: lidocaine, percent: 2}\n"
	    "  - {name: L1, ingredient: lidocaine, percent: 1}\n"
	    "  - {name: W, diluent: true}\n";
	struct state *s = *state;
	struct prep_target t[2];
	struct clinic *c;
	struct prep p;

	c = clinic_of(s, yaml);
	/* 12.5% from D25 (5 mL) and 0.5% from L1 (5 mL) leave room in 10. */
	t[0] = target(s, " dextrose ", 12500);
	t[1] = target(s, " lidocaine ", 500);
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_OK);
	check_recipe(&p, "weakest");
	assert_string_equal(p.parts[0].stock->name, "D25");
	assert_string_equal(p.parts[1].stock->name, "L1");
	assert_int_equal(p.nparts, 2);	/* no room, and no need, for water */
	prep_release(&p);
	/* 20% from D25 is 8 mL, with L1's 5 more than 10: D50 gives 4. */
	t[0].percent = 20000;
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_OK);
	check_recipe(&p, "dextrose moves");
	assert_string_equal(p.parts[0].stock->name, "D50");
	assert_string_equal(p.parts[1].stock->name, "L1");
	assert_int_equal(p.parts[2].ml, 1000);
	prep_release(&p);
	/*
	 * 45% dextrose takes 9 mL of D50, which has no stronger: 0.2%
	 * lidocaine must come from L2, 1 mL, and not L1's 2.
	 */
	t[0].percent = 45000;
	t[1].percent = 200;
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_OK);
	check_recipe(&p, "lidocaine moves");
	assert_string_equal(p.parts[0].stock->name, "D50");
	assert_string_equal(p.parts[1].stock->name, "L2");
	assert_int_equal(p.parts[1].ml, 1000);
	assert_int_equal(p.nparts, 2);
	prep_release(&p);
	clinic_free(c);
}

/*
 * A volume too small to measure within 2% in 0.1 mL steps: the
 * smallest larger batch that can be, and the volume needed kept.
 */
static void
torture_prep_larger_batch(void **state)
{
	struct state *s = *state;
	struct prep_target t[4];
	struct clinic *c;
	struct prep p;

	c = clinic_of(s, STOCK);
	/*
	 * 0.3% lidocaine from 1% in 1.5 mL is 0.45 mL: 0.5 gives 0.333%,
	 * 0.4 gives 0.267%, both over 2% off, and so is 1.6 mL; 0.5 mL in
	 * 1.7 mL gives 0.294%, 1.96% off.
	 */
	t[0] = target(s, " lidocaine ", 300);
	assert_int_equal(prep_make(&p, t, 1, 1500, c->stock, c->nstock, 0),
	    PREP_OK);
	check_recipe(&p, "lidocaine 1.5 mL");
	assert_int_equal(p.needed, 1500);
	assert_int_equal(p.made, 1700);
	assert_int_equal(p.parts[0].ml, 500);
	assert_int_equal(p.parts[1].ml, 1200);
	prep_release(&p);
	/* lateral-epicondylosis's four ingredients in 1.5 mL. */
	t[0] = target(s, " dextrose ", 10700);
	t[1] = target(s, " sodium morrhuate ", 700);
	t[2] = target(s, " lidocaine ", 300);
	t[3] = target(s, " bupivacaine ", 40);
	assert_int_equal(prep_make(&p, t, 4, 1500, c->stock, c->nstock, 0),
	    PREP_OK);
	check_recipe(&p, "lateral-epicondylosis 1.5 mL");
	assert_true(p.made > 1500);
	assert_int_equal(p.made, 5100);
	prep_release(&p);
	clinic_free(c);
}

/* Syringes of at most syringe_ml, equal, each within 2%, the total kept. */
static void
torture_prep_syringes(void **state)
{
	struct state *s = *state;
	struct prep_target t[2];
	struct clinic *c;
	struct prep p;

	c = clinic_of(s, STOCK "syringe_ml: 10\n");
	assert_int_equal(c->syringe, 10000);
	t[0] = target(s, " dextrose ", 12500);
	t[1] = target(s, " lidocaine ", 500);
	/* Two knees at 28.5 mL: 57 mL in 6 syringes of 9.5. */
	assert_int_equal(prep_make(&p, t, 2, 57000, c->stock, c->nstock,
	    c->syringe), PREP_OK);
	check_recipe(&p, "57 mL in 10 mL syringes");
	assert_int_equal(p.syringes, 6);
	assert_int_equal(p.each, 9500);
	assert_int_equal(p.made, 57000);
	assert_int_equal(p.parts[0].ml, 2400);
	assert_int_equal(p.parts[1].ml, 4800);
	assert_int_equal(p.parts[2].ml, 2300);
	prep_release(&p);
	/* 30 mL: three full syringes. */
	assert_int_equal(prep_make(&p, t, 2, 30000, c->stock, c->nstock,
	    c->syringe), PREP_OK);
	check_recipe(&p, "30 mL in 10 mL syringes");
	assert_int_equal(p.syringes, 3);
	assert_int_equal(p.each, 10000);
	prep_release(&p);
	/* One syringe is not split. */
	assert_int_equal(prep_make(&p, t, 2, 8000, c->stock, c->nstock,
	    c->syringe), PREP_OK);
	check_recipe(&p, "8 mL in 10 mL syringes");
	assert_int_equal(p.syringes, 1);
	assert_int_equal(p.each, 8000);
	prep_release(&p);
	clinic_free(c);
}

/* The message a failed recipe gives, at the patient's protocol key. */
static void
check_diag(const struct prep *p, const char *msg)
{
	struct pos at = { 4, 11 };
	struct diag d = { 0 };

	prep_diag(&d, p, "p.yaml", &at);
	assert_string_equal(d.file, "p.yaml");
	assert_int_equal(d.line, 4);
	assert_int_equal(d.col, 11);
	assert_int_equal(diag_class(d.code), DIAG_DATA);
	assert_string_equal(d.msg, msg);
	diag_release(&d);
}

/* What the stock cannot make: too weak, missing, too much, no water, too small. */
static void
torture_prep_cannot(void **state)
{
	static const char weak[] =
	    "stock:\n"
	    "  - {name: \"dextrose 10%\", ingredient: dextrose, percent: 10}\n"
	    "  - {name: \"dextrose 20%\", ingredient: dextrose, percent: 20}\n"
	    "  - {name: \"lidocaine 1%\", ingredient: lidocaine, percent: 1}\n"
	    "  - {name: water, diluent: true}\n";
	static const char dry[] =
	    "stock:\n"
	    "  - {name: \"dextrose 50%\", ingredient: dextrose, percent: 50}\n"
	    "  - {name: \"lidocaine 1%\", ingredient: lidocaine, percent: 1}\n";
	struct state *s = *state;
	struct prep_target t[2];
	struct clinic *c;
	struct prep p;

	c = clinic_of(s, weak);
	t[0] = target(s, " dextrose ", 25000);
	t[1] = target(s, " lidocaine ", 100);
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_WEAK);
	assert_ptr_equal(p.failed, &t[0]);
	assert_string_equal(p.strongest->name, "dextrose 20%");
	check_diag(&p, "the clinic's stock cannot make 25% dextrose: its "
	    "strongest dextrose is 'dextrose 20%' (20%)");
	prep_release(&p);
	/* No bupivacaine at all. */
	t[0] = target(s, " marcaine ", 250);
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_NONE);
	assert_ptr_equal(p.failed, &t[0]);
	check_diag(&p, "the clinic's stock cannot make 0.25% bupivacaine: it "
	    "has no bupivacaine");
	prep_release(&p);
	/* 15% dextrose takes 7.5 mL of 10 from 20%, 0.5% lidocaine 5 more. */
	t[0] = target(s, " dextrose ", 15000);
	t[1] = target(s, " lidocaine ", 500);
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_CROWDED);
	assert_int_equal(p.crowd, 12500);
	check_diag(&p, "the clinic's stock cannot make 15% dextrose and 0.5% "
	    "lidocaine: even its strongest stocks take 12.5 mL of every 10 mL");
	prep_release(&p);
	/* Exactly full is not too much: 10% and 0.5% take 5 + 5 of 10 mL. */
	t[0].percent = 10000;
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_OK);
	check_recipe(&p, "exactly full");
	prep_release(&p);
	clinic_free(c);

	c = clinic_of(s, dry);
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_NO_DILUENT);
	check_diag(&p, "the clinic's stock cannot make 10% dextrose and 0.5% "
	    "lidocaine: it has no diluent, such as {name: \"sterile water\", "
	    "diluent: true}");
	prep_release(&p);
	/* The stock's own strength needs none. */
	t[0] = target(s, " lidocaine ", 1000);
	assert_int_equal(prep_make(&p, t, 1, 10000, c->stock, c->nstock, 0),
	    PREP_OK);
	check_recipe(&p, "undiluted");
	assert_int_equal(p.nparts, 1);
	prep_release(&p);
	clinic_free(c);

	/* 0.001% bupivacaine from 0.5%: 0.1 mL makes 50 mL, not 1 to 11. */
	c = clinic_of(s, STOCK);
	t[0] = target(s, " bupivacaine ", 1);
	assert_int_equal(prep_make(&p, t, 1, 1000, c->stock, c->nstock, 0),
	    PREP_ROUNDING);
	assert_ptr_equal(p.failed, &t[0]);
	check_diag(&p, "the clinic's stock cannot make 0.001% bupivacaine "
	    "within 2% in steps of 0.1 mL, in 1 mL or up to 10 mL more");
	prep_release(&p);
	clinic_free(c);
}

/*
 * The small volume that needs a larger batch cannot be split into
 * syringes too small to measure it.
 */
static void
torture_prep_syringes_too_small(void **state)
{
	struct state *s = *state;
	struct prep_target t[4];
	struct clinic *c;
	struct prep p;

	c = clinic_of(s, STOCK "syringe_ml: 3\n");
	t[0] = target(s, " dextrose ", 10700);
	t[1] = target(s, " sodium morrhuate ", 700);
	t[2] = target(s, " lidocaine ", 300);
	t[3] = target(s, " bupivacaine ", 40);
	assert_int_equal(prep_make(&p, t, 4, 1500, c->stock, c->nstock,
	    c->syringe), PREP_ROUNDING);
	check_diag(&p, "the clinic's stock cannot make 10.7% dextrose, 0.7% "
	    "sodium morrhuate, 0.3% lidocaine and 0.04% bupivacaine within "
	    "2% in steps of 0.1 mL, in 1.5 mL or up to 10 mL more, in "
	    "syringes of at most 3 mL");
	prep_release(&p);
	clinic_free(c);
}

/*
 * A protocol's ingredient terms.yaml does not know keeps its name as
 * written, and no stock is taken for it, not even one of the same
 * words; nor is any taken from a clinic with no stock.
 */
static void
torture_prep_unknown(void **state)
{
	struct state *s = *state;
	struct solute solutes[2] = {
		{ "Dextrose", NULL, 12500, { 0, 0 } },
		{ "Unobtainium", NULL, 1000, { 0, 0 } },
	};
	struct protocol pr = { 0 };
	struct prep_target *t;
	struct clinic *c;
	struct prep p;

	solutes[0].folded = norm_fold(solutes[0].name);
	solutes[1].folded = norm_fold(solutes[1].name);
	pr.solutes = solutes;
	pr.nsolutes = 2;
	t = prep_targets(&pr, s->terms);
	assert_non_null(t[0].ingredient);
	assert_string_equal(t[0].name, "dextrose");
	assert_int_equal(t[0].percent, 12500);
	assert_null(t[1].ingredient);
	assert_string_equal(t[1].name, "Unobtainium");
	assert_int_equal(t[1].percent, 1000);
	c = clinic_of(s, STOCK);
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_NONE);
	assert_ptr_equal(p.failed, &t[1]);
	assert_null(p.strongest);
	assert_int_equal(p.nparts, 0);
	check_diag(&p, "the clinic's stock cannot make 1% Unobtainium: it "
	    "has no Unobtainium");
	prep_release(&p);
	clinic_free(c);
	/* No stock at all: the first ingredient is the one it has none of. */
	assert_int_equal(prep_make(&p, t, 2, 10000, NULL, 0, 0), PREP_NONE);
	assert_ptr_equal(p.failed, &t[0]);
	check_diag(&p, "the clinic's stock cannot make 12.5% dextrose: it has "
	    "no dextrose");
	prep_release(&p);
	free(t);
	free(solutes[0].folded);
	free(solutes[1].folded);
}

/* The diluent is found wherever the stock lists it, and used once. */
static void
torture_prep_diluent_first(void **state)
{
	static const char yaml[] =
	    "stock:\n"
	    "  - {name: saline, diluent: true}\n"
	    "  - {name: \"dextrose 50%\", ingredient: dextrose, percent: 50}\n"
	    "  - {name: water, diluent: true}\n"
	    "  - {name: \"lidocaine 1%\", ingredient: lidocaine, percent: 1}\n";
	struct state *s = *state;
	struct prep_target t[2];
	struct clinic *c;
	struct prep p;

	c = clinic_of(s, yaml);
	t[0] = target(s, " dextrose ", 12500);
	t[1] = target(s, " lidocaine ", 500);
	assert_int_equal(prep_make(&p, t, 2, 30000, c->stock, c->nstock, 0),
	    PREP_OK);
	check_recipe(&p, "diluent first");
	assert_int_equal(p.nparts, 3);
	assert_ptr_equal(p.parts[2].stock, &c->stock[0]);
	assert_null(p.parts[2].target);
	assert_int_equal(p.parts[2].ml, 7500);
	prep_release(&p);
	clinic_free(c);
}

/*
 * Parts that each round up to the 0.1 mL mark can overflow a syringe
 * their exact volumes fill, with no stronger stock to move to: 25.25%
 * dextrose from 50% is 5.05 mL of 10, drawn as 5.1, and 0.495%
 * lidocaine from 1% 4.95, drawn as 5; 10.1 mL takes both exactly
 * enough, with no room for, nor need of, the diluent.
 */
static void
torture_prep_rounding_crowds(void **state)
{
	static const char yaml[] =
	    "stock:\n"
	    "  - {name: D50, ingredient: dextrose, percent: 50}\n"
	    "  - {name: L1, ingredient: lidocaine, percent: 1}\n"
	    "  - {name: W, diluent: true}\n";
	struct state *s = *state;
	struct prep_target t[2];
	struct clinic *c;
	struct prep p;

	c = clinic_of(s, yaml);
	t[0] = target(s, " dextrose ", 25250);
	t[1] = target(s, " lidocaine ", 495);
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_OK);
	check_recipe(&p, "rounding crowds");
	assert_int_equal(p.made, 10100);
	assert_int_equal(p.syringes, 1);
	assert_int_equal(p.nparts, 2);
	assert_int_equal(p.parts[0].ml, 5100);
	assert_int_equal(p.parts[1].ml, 5000);
	prep_release(&p);
	clinic_free(c);
}

/*
 * Nothing needed, or less: no recipe, and no division by a batch of no
 * syringes.
 */
static void
torture_prep_nothing_needed(void **state)
{
	struct state *s = *state;
	struct prep_target t[2];
	struct clinic *c;
	struct prep p;
	long needed;

	c = clinic_of(s, STOCK "syringe_ml: 10\n");
	t[0] = target(s, " dextrose ", 12500);
	t[1] = target(s, " lidocaine ", 500);
	for (needed = -100; needed <= 0; needed += 100) {
		assert_int_equal(prep_make(&p, t, 2, needed, c->stock,
		    c->nstock, 0), PREP_ROUNDING);
		assert_int_equal(p.nparts, 0);
		assert_int_equal(p.made, 0);
		assert_int_equal(p.syringes, 0);
		prep_release(&p);
		assert_int_equal(prep_make(&p, t, 2, needed, c->stock,
		    c->nstock, c->syringe), PREP_ROUNDING);
		assert_int_equal(p.nparts, 0);
		prep_release(&p);
	}
	clinic_free(c);
}

/*
 * In syringes, the batch stays within PREP_EXTRA of the volume needed
 * however many there are: 15 mL in 10 mL ones tries 2 to 4, each of at
 * most a third of 25 mL for 3; 0.001% bupivacaine fits none.
 */
static void
torture_prep_syringes_bound(void **state)
{
	struct state *s = *state;
	struct prep_target t[1];
	struct clinic *c;
	struct prep p;

	c = clinic_of(s, STOCK "syringe_ml: 10\n");
	t[0] = target(s, " bupivacaine ", 1);
	assert_int_equal(prep_make(&p, t, 1, 15000, c->stock, c->nstock,
	    c->syringe), PREP_ROUNDING);
	assert_ptr_equal(p.failed, &t[0]);
	assert_int_equal(p.nparts, 0);
	check_diag(&p, "the clinic's stock cannot make 0.001% bupivacaine "
	    "within 2% in steps of 0.1 mL, in 15 mL or up to 10 mL more, in "
	    "syringes of at most 10 mL");
	prep_release(&p);
	clinic_free(c);
}

/*
 * A description longer than the message's room is cut at it, not
 * written past it.
 */
static void
torture_prep_long_name(void **state)
{
	static const char dry[] =
	    "stock:\n"
	    "  - {name: \"dextrose 50%\", ingredient: dextrose, percent: 50}\n"
	    "  - {name: \"lidocaine 1%\", ingredient: lidocaine, percent: 1}\n";
	struct state *s = *state;
	struct prep_target t[2];
	struct clinic *c;
	struct prep p;
	char name[301], what[512], msg[1024];

	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	c = clinic_of(s, dry);
	t[0] = target(s, " dextrose ", 10000);
	t[1] = target(s, " lidocaine ", 500);
	t[1].name = name;
	assert_int_equal(prep_make(&p, t, 2, 10000, c->stock, c->nstock, 0),
	    PREP_NO_DILUENT);
	snprintf(what, sizeof(what), "10%% dextrose and 0.5%% %s", name);
	what[255] = '\0';
	snprintf(msg, sizeof(msg), "the clinic's stock cannot make %s: it has "
	    "no diluent, such as {name: \"sterile water\", diluent: true}",
	    what);
	check_diag(&p, msg);
	prep_release(&p);
	clinic_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_prep_shipped),
		cmocka_unit_test(torture_prep_knee),
		cmocka_unit_test(torture_prep_choice),
		cmocka_unit_test(torture_prep_larger_batch),
		cmocka_unit_test(torture_prep_syringes),
		cmocka_unit_test(torture_prep_cannot),
		cmocka_unit_test(torture_prep_syringes_too_small),
		cmocka_unit_test(torture_prep_unknown),
		cmocka_unit_test(torture_prep_diluent_first),
		cmocka_unit_test(torture_prep_rounding_crowds),
		cmocka_unit_test(torture_prep_nothing_needed),
		cmocka_unit_test(torture_prep_syringes_bound),
		cmocka_unit_test(torture_prep_long_name),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
