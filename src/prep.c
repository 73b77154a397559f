#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic.h"
#include "diag.h"
#include "prep.h"
#include "protocol.h"
#include "schema.h"
#include "terms.h"
#include "xalloc.h"

/*
 * Preparations by C1V1 = C2V2, worked the way a careful nurse works
 * them: for each ingredient the weakest stock strong enough, as its
 * larger part is measured more exactly, and a stronger one only where
 * the weaker would leave no room for the others; each part rounded to
 * the syringe's 0.1 mL marks and the strength checked again from what
 * is drawn up; a slightly larger batch where the volume needed is too
 * small to measure within 2%; the diluent last, making up the volume.
 * All in whole thousandths (see prep.h), so no strength is ever off by
 * a floating-point rounding.
 */

/* An ingredient's stocks strong enough for it, weakest first. */
struct choice {
	const struct stock	**stocks;
	size_t			  n;
	size_t			  at;	/* the one chosen */
	int			  fits;	/* some stock fits some volume */
};

/* The solution a protocol gives, ingredient by ingredient, as terms.yaml names them. */
struct prep_target *
prep_targets(const struct protocol *p, const struct terms *t)
{
	struct prep_target *targets;
	const struct ingredient *ing;
	size_t i;

	targets = xcalloc(p->nsolutes, sizeof(*targets));
	for (i = 0; i < p->nsolutes; i++) {
		ing = terms_ingredient_named(t, p->solutes[i].folded);
		targets[i].ingredient = ing;
		targets[i].name = ing != NULL ?
		    schema_langtext(&ing->name, "en") : p->solutes[i].name;
		targets[i].percent = p->solutes[i].percent;
	}
	return targets;
}

/* The part of a stock of strength s that gives c in v, to the nearest 0.1 mL. */
static long
part_ml(long c, long v, long s)
{
	long long step = (long long)s * PREP_STEP;

	return (long)(((long long)c * v + step / 2) / step) * PREP_STEP;
}

/* Whether x of a stock of strength s in v gives c within the tolerance. */
static int
within(long c, long v, long s, long x)
{
	long long got = (long long)s * x, want = (long long)c * v;

	return x > 0 && (got > want ? got - want : want - got) *
	    PREP_TOLERANCE <= want;
}

/* The first stock of a choice from i on whose part in v is within the tolerance. */
static size_t
next_fit(const struct choice *ch, const struct prep_target *t, long v,
    size_t i)
{
	long s;

	for (; i < ch->n; i++) {
		s = ch->stocks[i]->percent;
		if (within(t->percent, v, s, part_ml(t->percent, v, s)))
			break;
	}
	return i;
}

static long
chosen_ml(const struct choice *ch, const struct prep_target *t, long v)
{
	return part_ml(t->percent, v, ch->stocks[ch->at]->percent);
}

/*
 * The stocks of each ingredient strong enough for it, weakest first
 * (in the order listed among equals).  Returns PREP_OK, or why none
 * can serve an ingredient, with pr->failed and pr->strongest set.
 */
static enum prep_status
choices_make(struct prep *pr, struct choice *ch, const struct stock *stock,
    size_t nstock)
{
	const struct prep_target *t;
	const struct stock *st;
	size_t i, j, k;

	for (i = 0; i < pr->ntargets; i++) {
		t = &pr->targets[i];
		ch[i].stocks = xcalloc(nstock, sizeof(*ch[i].stocks));
		for (j = 0; j < nstock; j++) {
			st = &stock[j];
			if (st->diluent || t->ingredient == NULL ||
			    st->of != t->ingredient)
				continue;
			if (pr->strongest == NULL || st->percent >
			    pr->strongest->percent)
				pr->strongest = st;
			if (st->percent < t->percent)
				continue;
			/* Insertion keeps equals in the order listed. */
			for (k = ch[i].n++; k > 0 &&
			    ch[i].stocks[k - 1]->percent > st->percent; k--)
				ch[i].stocks[k] = ch[i].stocks[k - 1];
			ch[i].stocks[k] = st;
		}
		if (ch[i].n == 0) {
			pr->failed = t;
			return pr->strongest == NULL ? PREP_NONE : PREP_WEAK;
		}
		pr->strongest = NULL;
	}
	return PREP_OK;
}

/*
 * Whether the ingredients cannot fit in the volume at all: the parts of
 * their strongest stocks, unrounded (to the thousandth of a mL below),
 * add up to more than the volume.  What they take is kept, rounded up
 * to 0.1 mL, for the message.
 */
static int
crowded(struct prep *pr, const struct choice *ch)
{
	long long sum = 0, up = 0, s, n;
	size_t i;

	for (i = 0; i < pr->ntargets; i++) {
		s = ch[i].stocks[ch[i].n - 1]->percent;
		n = (long long)pr->targets[i].percent * pr->needed;
		sum += n / s;
		up += (n + s - 1) / s;
	}
	pr->crowd = (long)((up + PREP_STEP - 1) / PREP_STEP * PREP_STEP);
	return sum > pr->needed;
}

/*
 * One syringe of v: each ingredient from its weakest stock within the
 * tolerance; while the parts overflow v, the largest part that can
 * moves to a stronger stock of its ingredient, as the largest part
 * stays the most exactly measured after the move.  The diluent makes up
 * the rest.  Returns PREP_OK with the parts filled, PREP_ROUNDING
 * (an ingredient has no stock within the tolerance in v), PREP_CROWDED
 * or PREP_NO_DILUENT.
 */
static enum prep_status
mix(struct prep *pr, struct choice *ch, long v, const struct stock *diluent)
{
	const struct prep_target *t;
	size_t i, big;
	long x, xbig, sum;
	int fit = 1;

	/* Every ingredient is tried, for the message to name one never fit. */
	for (i = 0; i < pr->ntargets; i++) {
		if ((ch[i].at = next_fit(&ch[i], &pr->targets[i], v, 0)) ==
		    ch[i].n)
			fit = 0;
		else
			ch[i].fits = 1;
	}
	if (!fit)
		return PREP_ROUNDING;
	for (;;) {
		sum = xbig = 0;
		big = pr->ntargets;
		for (i = 0; i < pr->ntargets; i++) {
			t = &pr->targets[i];
			sum += x = chosen_ml(&ch[i], t, v);
			if (x > xbig && next_fit(&ch[i], t, v, ch[i].at + 1) <
			    ch[i].n) {
				big = i;
				xbig = x;
			}
		}
		if (sum <= v)
			break;
		if (big == pr->ntargets)
			return PREP_CROWDED;
		ch[big].at = next_fit(&ch[big], &pr->targets[big], v,
		    ch[big].at + 1);
	}
	if (sum < v && diluent == NULL)
		return PREP_NO_DILUENT;
	pr->nparts = 0;
	for (i = 0; i < pr->ntargets; i++) {
		pr->parts[pr->nparts].stock = ch[i].stocks[ch[i].at];
		pr->parts[pr->nparts].target = &pr->targets[i];
		pr->parts[pr->nparts++].ml = chosen_ml(&ch[i],
		    &pr->targets[i], v);
	}
	if (sum < v) {
		pr->parts[pr->nparts].stock = diluent;
		pr->parts[pr->nparts].target = NULL;
		pr->parts[pr->nparts++].ml = v - sum;
	}
	return PREP_OK;
}

/*
 * The smallest batch that can be measured: n syringes of v each, the
 * fewest syringes of at most syringe_max that hold the volume needed
 * (one without a syringe size), then the smallest v that gives them at
 * least that volume, in 0.1 mL steps up to PREP_EXTRA more in all;
 * where no v can, one syringe more, up to twice as many.  Returns the
 * status, with the reason a batch was refused where none can be made.
 */
static enum prep_status
search(struct prep *pr, struct choice *ch, const struct stock *diluent)
{
	long long bound = (long long)pr->needed + PREP_EXTRA;
	long each_max, v, v0;
	size_t n, n0, nmax, i;
	int seen_diluent = 0, seen_crowded = 0;
	enum prep_status st;

	each_max = pr->syringe_max > 0 ? pr->syringe_max : (long)bound;
	n0 = (size_t)((pr->needed + each_max - 1) / each_max);
	nmax = pr->syringe_max > 0 ? 2 * n0 : 1;
	for (n = n0; n <= nmax; n++) {
		v0 = (long)((pr->needed + (long)n - 1) / (long)n);
		v0 = (v0 + PREP_STEP - 1) / PREP_STEP * PREP_STEP;
		for (v = v0; v <= each_max && (long long)n * v <= bound;
		    v += PREP_STEP) {
			if ((st = mix(pr, ch, v, diluent)) == PREP_OK) {
				pr->syringes = n;
				pr->each = v;
				pr->made = (long)n * v;
				return PREP_OK;
			}
			seen_diluent |= st == PREP_NO_DILUENT;
			seen_crowded |= st == PREP_CROWDED;
		}
	}
	for (i = 0; i < pr->ntargets; i++)
		if (!ch[i].fits) {
			pr->failed = &pr->targets[i];
			return PREP_ROUNDING;
		}
	if (seen_diluent)
		return PREP_NO_DILUENT;
	return seen_crowded ? PREP_CROWDED : PREP_ROUNDING;
}

/*
 * The recipe for needed (mL, thousandths) of the targets from the
 * stock, in syringes of at most syringe_max (0: one).  Returns the
 * status, also in pr->status; the caller releases pr whatever it is.
 */
enum prep_status
prep_make(struct prep *pr, const struct prep_target *targets,
    size_t ntargets, long needed, const struct stock *stock, size_t nstock,
    long syringe_max)
{
	const struct stock *diluent = NULL;
	struct choice *ch;
	size_t i;

	memset(pr, 0, sizeof(*pr));
	pr->targets = targets;
	pr->ntargets = ntargets;
	pr->needed = needed;
	pr->syringe_max = syringe_max;
	pr->parts = xcalloc(ntargets + 1, sizeof(*pr->parts));
	for (i = 0; i < nstock && diluent == NULL; i++)
		if (stock[i].diluent)
			diluent = &stock[i];
	ch = xcalloc(ntargets, sizeof(*ch));
	if ((pr->status = choices_make(pr, ch, stock, nstock)) == PREP_OK) {
		if (needed <= 0)
			pr->status = PREP_ROUNDING;
		else if (crowded(pr, ch))
			pr->status = PREP_CROWDED;
		else
			pr->status = search(pr, ch, diluent);
	}
	for (i = 0; i < ntargets; i++)
		free(ch[i].stocks);
	free(ch);
	return pr->status;
}

/*
 * The strength a part gives in its syringe, worked out again from what
 * is drawn up, to the nearest thousandth of a percent; 0 for the
 * diluent.
 */
long
prep_percent(const struct prep *pr, const struct prep_part *part)
{
	long long n;

	if (part->target == NULL || pr->each <= 0)
		return 0;
	n = (long long)part->stock->percent * part->ml;
	return (long)((2 * n + pr->each) / (2 * (long long)pr->each));
}

/*
 * One ingredient ("25% dextrose"), or with one NULL the whole solution
 * ("12.5% dextrose and 0.5% lidocaine").
 */
static const char *
describe(char *buf, size_t size, const struct prep *pr,
    const struct prep_target *one)
{
	const struct prep_target *t = one != NULL ? one : pr->targets;
	size_t i, n = one != NULL ? 1 : pr->ntargets, len = 0;
	char pct[32];
	int w;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		w = snprintf(buf + len, size - len, "%s%s%% %s", i == 0 ? "" :
		    i + 1 == n ? " and " : ", ",
		    schema_milli_str(pct, sizeof(pct), t[i].percent),
		    t[i].name);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

/*
 * Why no recipe, as an error at file:at (the patient's protocol key,
 * where the volume and the solution come from).
 */
void
prep_diag(struct diag *d, const struct prep *pr, const char *file,
    const struct pos *at)
{
	char what[256], q[128], a[32], b[32], syr[32], c[64];

	describe(what, sizeof(what), pr, pr->status == PREP_ROUNDING ||
	    pr->status == PREP_NONE || pr->status == PREP_WEAK ?
	    pr->failed : NULL);
	switch (pr->status) {
	case PREP_NONE:
		diag_set(d, file, at->line, at->col, D_PREP_NONE, what,
		    pr->failed->name);
		break;
	case PREP_WEAK:
		diag_set(d, file, at->line, at->col, D_PREP_WEAK, what,
		    pr->failed->name, diag_quote(q, sizeof(q),
		    pr->strongest->name, strlen(pr->strongest->name)),
		    schema_milli_str(a, sizeof(a), pr->strongest->percent));
		break;
	case PREP_CROWDED:
		diag_set(d, file, at->line, at->col, D_PREP_CROWDED, what,
		    schema_milli_str(a, sizeof(a), pr->crowd),
		    schema_milli_str(b, sizeof(b), pr->needed));
		break;
	case PREP_NO_DILUENT:
		diag_set(d, file, at->line, at->col, D_PREP_NO_DILUENT, what);
		break;
	default:
		c[0] = '\0';
		if (pr->syringe_max > 0)
			snprintf(c, sizeof(c), ", in syringes of at most %s mL",
			    schema_milli_str(syr, sizeof(syr),
			    pr->syringe_max));
		diag_set(d, file, at->line, at->col, D_PREP_ROUNDING, what,
		    schema_milli_str(b, sizeof(b), pr->needed),
		    schema_milli_str(a, sizeof(a), PREP_EXTRA), c);
		break;
	}
}

void
prep_release(struct prep *pr)
{
	free(pr->parts);
	memset(pr, 0, sizeof(*pr));
}
