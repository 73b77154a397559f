/*
 * gen: writes a synthetic census of patient files for the benchmark.
 *
 *   gen [-c CLINIC -k BOOK [-a APPOINTMENTS]] DIR [N [SEED]]
 *
 * N files DIR/p00000.yaml ... (default 10000), and with -c and -k a
 * clinic file and a CSV book of APPOINTMENTS (default 50,000) for it:
 * see book() below.  The numbers have five digits, or as many as N - 1
 * needs (p000000.yaml from 100,001 files on), so that the names'
 * byte order, the order prolo plans a folder in, is the patients'.
 *
 * Deterministic: a fixed-seed PRNG (splitmix64), so the same N and SEED
 * give the same files byte for byte.  Every name, id and date is made
 * up.  Patients reference the shipped library protocols by id with
 * sites, visits, intervals, histories, weekdays, unavailable ranges,
 * medications and allergies chosen within each protocol's bounds, so
 * the census mostly plans (95 in 100 of the default 10,000).  As real
 * inputs sometimes do, about 1 in 100 is built to have no plan (a year
 * closed) and a few in 1000 to have lapsed; another 4 in 100 find no
 * allowed day in the window their history leaves, or no course that
 * fits, and warnings (blood thinners, allergies, past visits) are
 * common.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t rng_state;

static uint64_t
rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A whole number in lo..hi inclusive. */
static int
pick(int lo, int hi)
{
	return lo + (int)(rng() % (uint64_t)(hi - lo + 1));
}

/* True with probability pct percent. */
static int
chance(int pct)
{
	return pick(0, 99) < pct;
}

/* Days since 1970-01-01 from a civil date, and back (H. Hinnant). */
static int
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil(int z, char out[32])
{
	int era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	snprintf(out, 32, "%04d-%02d-%02d", y + (m <= 2), m, d);
}

/* The shipped library's bounds (prolo protocols; data/protocols/). */
static const struct proto {
	const char	*id;
	int		 per_site;
	int		 vmin, vmax;
	int		 imin, imax;	/* total injections */
	int		 ivmin, ivmax;
	int		 course;	/* max_course_days */
	const char	*sites[3];
} protos[] = {
	{ "standard", 1, 4, 14, 4, 30, 14, 21, 183,
	    { "left hip", "right hip", "sacroiliac joint" } },
	{ "knee-oa", 1, 4, 10, 4, 30, 14, 21, 183,
	    { "left knee", "right knee", "medial knee" } },
	{ "lateral-epicondylosis", 3, 3, 4, 9, 24, 28, 35, 105,
	    { "left elbow", "right elbow", "common extensor origin" } },
	{ "low-back", 1, 3, 10, 3, 10, 14, 21, 183,
	    { "lower back", "left sacroiliac", "right sacroiliac" } },
	{ "achilles-tendinopathy", 1, 4, 12, 4, 24, 7, 10, 91,
	    { "left achilles", "right achilles", "achilles insertion" } },
	{ "rotator-cuff", 1, 3, 3, 3, 6, 28, 35, 70,
	    { "left shoulder", "right shoulder", "supraspinatus" } },
};
#define NPROTOS	(sizeof(protos) / sizeof(*protos))

static const char *const given[] = {
	"Alex", "Sam", "Robin", "Jordan", "Kai", "Noa", "Elif", "Mateo",
	"Zoë", "Søren", "Amara", "Yuki", "Ines", "Tariq", "Lena", "Oskar",
};
static const char *const family[] = {
	"Example", "Sample", "Testperson", "Placeholder", "Fictive",
	"Mock-Doe", "Dummy", "Synthetic", "O'Demo", "Muster",
};
static const char *const meds[] = {
	"ibuprofen", "aspirin 81 mg", "naproxen", "metformin", "lisinopril",
	"atorvastatin", "warfarin", "apixaban", "levothyroxine",
	"Advil", "omeprazole", "celecoxib 200 mg", "vitamin D",
};
#define NMEDS	((int)(sizeof(meds) / sizeof(*meds)))	/* a prime */
static const char *const allergy[] = {
	"latex", "penicillin", "lidocaine", "sulfa drugs", "peanuts",
};
static const char *const wdays[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

static void
patient(FILE *fp, int i)
{
	const struct proto *pr = &protos[pick(0, NPROTOS - 1)];
	int today, start, s, v, vlo, vhi, h, last, k, n, d, gap, per;
	int lapse, noplan;
	char a[32], b[32];

	today = days_from_civil(2026, 11, 27);
	lapse = chance(1);
	noplan = chance(1);
	fprintf(fp, "# Synthetic benchmark patient %d (not a real person).\n",
	    i);
	fprintf(fp, "patient:\n  id: \"BENCH-%06d\"\n", i);
	if (chance(5))
		fprintf(fp, "  name: \"%s, %s\"\n", family[pick(0, 9)],
		    given[pick(0, 15)]);
	else
		fprintf(fp, "  name: \"%s %s\"\n", given[pick(0, 15)],
		    family[pick(0, 9)]);
	if (chance(70)) {
		civil(days_from_civil(pick(1935, 2005), pick(1, 12),
		    pick(1, 28)), a);
		fprintf(fp, "  birth_date: %s\n", a);
	}
	fprintf(fp, "protocol: %s\n", pr->id);

	/* Sites and visits within the protocol's injection bounds. */
	for (s = pick(1, 3); ; s--) {
		per = s * pr->per_site;
		vlo = pr->vmin;
		while (vlo * per < pr->imin)
			vlo++;
		vhi = pr->vmax;
		while (vhi * per > pr->imax)
			vhi--;
		if (vlo <= vhi || s == 1)
			break;
	}
	v = pick(vlo, vhi);

	h = chance(30) ? pick(1, v - 1 < 3 ? v - 1 : 3) : 0;
	if (v < 2)
		h = 0;
	start = today + pick(-3, 45);
	if (h) {
		/* History ends before start, within an interval of it. */
		last = lapse ? start - pr->ivmax - pick(5, 60) :
		    start - pick(1, pr->ivmin - 1);
		if (last > today)	/* a visit given is never after today */
			last = today - pick(0, 3);
		if (lapse)
			fprintf(fp, "# lapsed course\n");
		fprintf(fp, "start: ");
		civil(start, a);
		fprintf(fp, "%s\n", a);
	} else {
		last = 0;
		civil(start, a);
		fprintf(fp, "start: %s\n", a);
	}
	if (s != 1 || chance(50)) {
		fprintf(fp, "sites: [");
		for (k = 0; k < s; k++)
			fprintf(fp, "%s%s", k ? ", " : "", pr->sites[k]);
		fprintf(fp, "]\n");
	}
	fprintf(fp, "visits: %d\n", v);
	if (chance(40))
		fprintf(fp, "interval_days: %d\n", pick(pr->ivmin, pr->ivmax));

	if (noplan) {
		/* Only Sundays, and every one of them closed for a year. */
		fprintf(fp, "weekdays: [sun]\nunavailable:\n");
		civil(start - 7, a);
		civil(start + 800, b);
		fprintf(fp, "  - {from: %s, to: %s}\n", a, b);
	} else {
		if (chance(60)) {
			fprintf(fp, "weekdays: [");
			for (k = 0, n = 0; k < 7; k++)
				if ((k < 5 && chance(65)) || (k == 5 &&
				    chance(20)) || (n == 0 && k == 6)) {
					fprintf(fp, "%s%s", n ? ", " : "",
					    wdays[k]);
					n++;
				}
			fprintf(fp, "]\n");
		}
		n = pick(0, 4);
		if (n)
			fprintf(fp, "unavailable:\n");
		for (k = 0, d = start + pick(0, 20); k < n; k++) {
			civil(d, a);
			if (chance(40))
				fprintf(fp, "  - %s\n", a);
			else {
				civil(d + pick(1, 12), b);
				fprintf(fp, "  - {from: %s, to: %s}\n", a, b);
			}
			d += pick(14, 60);
		}
	}
	n = pick(0, 3);
	if (n) {
		/* n different ones: a list naming one twice is refused. */
		d = pick(0, NMEDS - 1);
		gap = pick(1, NMEDS - 1);
		fprintf(fp, "medications: [");
		for (k = 0; k < n; k++)
			fprintf(fp, "%s%s", k ? ", " : "",
			    meds[(d + k * gap) % NMEDS]);
		fprintf(fp, "]\n");
	}
	if (chance(15))
		fprintf(fp, "allergies: [%s]\n", allergy[pick(0, 4)]);
	if (h) {
		/* Oldest first, each an interval within the protocol's range. */
		int dates[3];

		dates[h - 1] = last;
		for (k = h - 2; k >= 0; k--) {
			gap = pick(pr->ivmin, pr->ivmax);
			dates[k] = dates[k + 1] - gap;
		}
		fprintf(fp, "history: [");
		for (k = 0; k < h; k++) {
			civil(dates[k], a);
			fprintf(fp, "%s%s", k ? ", " : "", a);
		}
		fprintf(fp, "]\n");
	}
}

/*
 * The benchmark's clinic: data/clinic.yaml's days, hours, visit length
 * and appointment times, with the capacity of a clinic network rather
 * than of one room.  The book's 50,000 appointments over the year to
 * come are about 190 a working day, front-loaded (below) to about 280 in
 * the first weeks.  The census starts within six weeks and plans most
 * of its 49,000 visits to come in the first months, up to 1,100 on one
 * Monday, each at the first slot time with room.  At 100 visits a slot
 * time the network sees 900 a day (500 on a Friday), so with the book
 * the census still mostly plans, as a real network's patients would,
 * and a patient whose weekdays are few now and then meets only full
 * days (5 in 100 have no plan, against 3 in 100 without the book; at 40
 * it would be 14 in 100).  bench/run.c prints both counts.  No rules:
 * the comparison is of the book alone, and without the rules' screening
 * the census without a book is cheaper, so its ratio is the stricter.
 */
#define BOOK_CAPACITY	100
#define BOOK_DAYS	365	/* from today on */

static const char *const slot_times[] = {
	"08:30", "09:15", "10:00", "10:45", "11:30", "13:30", "14:15",
	"15:00", "15:45",
};
#define NSLOTS	((int)(sizeof(slot_times) / sizeof(*slot_times)))
#define FRI_SLOTS	5	/* Friday closes at 13:00: 08:30 .. 11:30 */

static int
clinic(const char *path)
{
	FILE *fp;
	int i;

	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		return 73;
	}
	fprintf(fp, "# Synthetic benchmark clinic network (bench/gen.c): "
	    "data/clinic.yaml's\n# days, hours and times, %d visits a slot "
	    "time, no rules.\n", BOOK_CAPACITY);
	fprintf(fp, "name: \"Benchmark Clinic Network\"\n"
	    "open: [mon, tue, wed, thu, fri]\n"
	    "hours:\n"
	    "  mon: {open: \"08:00\", close: \"17:00\"}\n"
	    "  tue: {open: \"08:00\", close: \"17:00\"}\n"
	    "  wed: {open: \"08:00\", close: \"17:00\"}\n"
	    "  thu: {open: \"08:00\", close: \"17:00\"}\n"
	    "  fri: {open: \"08:00\", close: \"13:00\"}\n"
	    "visit_minutes: 45\n"
	    "capacity: %d\n"
	    "slots: [", BOOK_CAPACITY);
	for (i = 0; i < NSLOTS; i++)
		fprintf(fp, "%s\"%s\"", i ? ", " : "", slot_times[i]);
	fprintf(fp, "]\n");
	if (fclose(fp) != 0) {
		perror(path);
		return 74;
	}
	return 0;
}

/*
 * The clinic's book: n appointments in prolo's own CSV columns (as
 * prolo plan -f csv writes them, so a run's output is the next run's
 * book), each on an open day from today (2026-11-27) over BOOK_DAYS
 * days at one of the slot times that day's hours allow.  Nearer days
 * are fuller, as a real book is: half the rows take the earlier of two
 * days drawn.  The rows are in no order: a book is read whole before
 * any plan.
 */
static int
book(const char *path, long n)
{
	static const char *const wd[7] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
	};
	int today, day, w, d2, slots, v, vs;
	const struct proto *pr;
	char date[32];
	long i;
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		return 73;
	}
	today = days_from_civil(2026, 11, 27);
	fprintf(fp, "patient_id,patient_name,protocol,visit,visits,date,"
	    "weekday,interval_days,sites,injections,status,time,review,"
	    "restart,ended,ended_reason\n");
	for (i = 0; i < n; i++) {
		do {
			day = pick(0, BOOK_DAYS - 1);
			if (chance(50) && (d2 = pick(0, BOOK_DAYS - 1)) < day)
				day = d2;
			day += today;
			w = ((day % 7) + 7 + 3) % 7;	/* 1970-01-01: Thu */
		} while (w >= 5);
		slots = w == 4 ? FRI_SLOTS : NSLOTS;
		pr = &protos[pick(0, NPROTOS - 1)];
		vs = pick(pr->vmin, pr->vmax);
		v = pick(1, vs);
		civil(day, date);
		fprintf(fp, "BOOK-%06ld,\"%s %s\",%s,%d,%d,%s,%s,%s,%s,%d,"
		    "planned,%s,,,,\n", i, given[pick(0, 15)],
		    family[pick(0, 9)], pr->id, v, vs, date, wd[w],
		    v > 1 ? "21" : "", pr->sites[pick(0, 2)], pr->per_site,
		    slot_times[pick(0, slots - 1)]);
	}
	if (fclose(fp) != 0) {
		perror(path);
		return 74;
	}
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen [-c clinic -k book [-a appointments]] "
	    "DIR [N [SEED]]\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	const char *clinic_path = NULL, *book_path = NULL;
	char path[4096];
	long n, i, appts = 50000;
	uint64_t seed;
	FILE *fp;
	int ch, rc, width;

	while ((ch = getopt(argc, argv, "a:c:k:")) != -1) {
		switch (ch) {
		case 'a': appts = strtol(optarg, NULL, 10); break;
		case 'c': clinic_path = optarg; break;
		case 'k': book_path = optarg; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 3 || !clinic_path != !book_path ||
	    appts < 0 || appts > 9999999)
		usage();
	n = argc > 1 ? strtol(argv[1], NULL, 10) : 10000;
	seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 20261127;
	rng_state = seed;
	if (n < 0 || n > 999999) {
		fprintf(stderr, "gen: N must be 0..999999\n");
		return 64;
	}
	if (mkdir(argv[0], 0777) != 0 && errno != EEXIST) {
		perror(argv[0]);
		return 73;
	}
	width = snprintf(NULL, 0, "%ld", n - 1);
	if (width < 5)
		width = 5;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/p%0*ld.yaml", argv[0], width,
		    i);
		if ((fp = fopen(path, "w")) == NULL) {
			perror(path);
			return 73;
		}
		patient(fp, (int)i);
		if (fclose(fp) != 0) {
			perror(path);
			return 74;
		}
	}
	if (book_path == NULL)
		return 0;
	/* A stream of its own: the census is the same with a book or not. */
	rng_state = seed ^ 0xb00cb00cb00cb00cULL;
	if ((rc = clinic(clinic_path)) != 0)
		return rc;
	return book(book_path, appts);
}
