#include <stdlib.h>
#include <string.h>

#include "dose.h"

/*
 * Words that say how often a day, in English, Latin abbreviations and
 * Spanish, as text folds them (norm.h): "b.i.d." is " b i d ".
 */
static const struct {
	const char	*words;
	int		 times;
} often[] = {
	{ " once ", 1 }, { " daily ", 1 }, { " qd ", 1 }, { " od ", 1 },
	{ " twice ", 2 }, { " bid ", 2 }, { " b i d ", 2 }, { " two times ", 2 },
	{ " q12h ", 2 }, { " q 12 h ", 2 }, { " every 12 hours ", 2 },
	{ " dos veces ", 2 }, { " cada 12 horas ", 2 },
	{ " thrice ", 3 }, { " tid ", 3 }, { " t i d ", 3 },
	{ " three times ", 3 }, { " q8h ", 3 }, { " q 8 h ", 3 },
	{ " every 8 hours ", 3 }, { " tres veces ", 3 }, { " cada 8 horas ", 3 },
	{ " qid ", 4 }, { " q i d ", 4 }, { " four times ", 4 }, { " q6h ", 4 },
	{ " q 6 h ", 4 }, { " every 6 hours ", 4 }, { " cuatro veces ", 4 },
	{ " cada 6 horas ", 4 },
};

/* Units of a count of tablets, and of times a day after a number. */
static const char *const tablets[] = {
	"tablet", "tablets", "tab", "tabs", "pill", "pills", "capsule",
	"capsules", "caps", "comprimido", "comprimidos", "pastilla",
	"pastillas", "caplet", "caplets", NULL
};
static const char *const times[] = { "times", "veces", "x", NULL };
/* What a number counts when it is not a dose: "for 10 years", "5 days". */
static const char *const not_dose[] = {
	"mcg", "ug", "year", "years", "yr", "yrs", "month", "months", "week",
	"weeks", "wk", "wks", "day", "days", "d", "hour", "hours", "h", "hr",
	"hrs", "min", "ml", "anos", "ano", "mes", "meses", "semana", "semanas",
	"dia", "dias", "hora", "horas", NULL
};

/* A bare number above this is no dose of a pill: a year, a count. */
#define BARE_MG_MAX	1000

static int
is_one_of(const char *word, size_t len, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == len && memcmp(word, list[i], len) == 0)
			return 1;
	return 0;
}

/* The next word of folded text at *p, and its length; NULL at the end. */
static const char *
next_word(const char **p, size_t *len)
{
	const char *w;

	while (**p == ' ')
		(*p)++;
	if (**p == '\0')
		return NULL;
	w = *p;
	while (**p != ' ' && **p != '\0')
		(*p)++;
	*len = (size_t)(*p - w);
	return w;
}

static int
is_number(const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((w[i] < '0' || w[i] > '9') && w[i] != '.')
			return 0;
	return len > 0 && w[0] != '.';
}

/* A number and what follows it: a dose, a count of tablets or of times. */
static void
read_number(struct dose *d, double v, const char *unit, size_t ulen)
{
	if (unit != NULL && ulen == 2 && memcmp(unit, "mg", 2) == 0) {
		if (d->mg < 0)
			d->mg = v;
	} else if (unit != NULL && ulen == 1 && unit[0] == 'g') {
		if (d->mg < 0)
			d->mg = v * 1000;
	} else if (unit != NULL && is_one_of(unit, ulen, tablets))
		d->tablets = v;
	else if (unit != NULL && is_one_of(unit, ulen, times))
		d->times = v;
	else if (d->mg < 0 && v <= BARE_MG_MAX &&
	    (unit == NULL || !is_one_of(unit, ulen, not_dose)))
		d->mg = v;	/* "aspirin 81": a bare strength is milligrams */
}

/*
 * The dose a medication's text gives, folded (norm_fold()): the first
 * strength in milligrams ("81 mg", "0.5 g", or a bare "81" up to 1000
 * that no other unit follows: not "10 years"), a count of
 * tablets ("2 tablets") and how many times a day ("twice daily",
 * "b.i.d.", "cada 8 horas", "3 times a day"; words of how often are
 * looked for only when there is a strength for them to multiply).  What
 * it does not say is -1 for the strength and 1 for the counts.
 */
void
dose_parse(const char *folded, struct dose *d)
{
	const char *p, *w, *u, *unit;
	size_t i, len, ulen = 0;

	d->mg = -1;
	d->tablets = 1;
	d->times = 1;
	for (p = folded; (w = next_word(&p, &len)) != NULL; ) {
		if (!is_number(w, len))
			continue;
		u = p;
		unit = next_word(&u, &ulen);
		read_number(d, strtod(w, NULL), unit, ulen);
	}
	if (d->mg < 0 || d->times != 1)
		return;		/* no strength, or "3 times" said it */
	/* The table goes from once to four times: the most found wins. */
	for (i = 0; i < sizeof(often) / sizeof(*often); i++)
		if (strstr(folded, often[i].words) != NULL)
			d->times = often[i].times;
}

/* Milligrams a day, or -1 when the strength is not given. */
double
dose_mg_a_day(const struct dose *d)
{
	return d->mg < 0 ? -1 : d->mg * d->tablets * d->times;
}
