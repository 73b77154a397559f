/*
 * run: times prolo against its floors, alternating, and prints medians,
 * least times, ratios and PASS/FAIL per target.  Public interfaces only: each
 * program is started with fork() and execve(); its CPU time (user +
 * system) and peak memory (ru_maxrss) come from wait4()'s rusage of
 * that child, its wall time from clock_gettime(CLOCK_MONOTONIC) around
 * fork and wait.
 *
 *   run [-r ROUNDS (11)] [-k SPAWNS (100)] [-d DATADIR] [-C CLINIC -B BOOK]
 *       [-F FOLDER [-R ROUNDS (7)]]
 *       -p PROLO -f FLOOR -b BARE -s SCHED -1 PATIENT -o OUTDIR CENSUS_DIR N
 *
 * (a) prolo plan -f csv over the whole census (N files), one process
 * (b) the floor: FLOOR, libyaml's parser alone over the same files
 * (c) prolo plan PATIENT against BARE, a program that only starts and
 *     exits with libyaml linked: SPAWNS of each per round, in turn;
 *     shown for scale, with no target; and FLOOR over the files that
 *     one plan reads (DATADIR's care.yaml,
 *     clinic.yaml, drugs.yaml, the patient's protocol, the patient:
 *     DATADIR is prolo's data folder, default "data")
 * (d) prolo plan -f csv over the first 10 files, for peak memory
 * (e) prolo plan -f csv --clinic CLINIC --book BOOK over the census,
 *     against (e0), the same without --book, alternating like (a) and
 *     (b): the clinic's appointment book is the only difference
 * (f) prolo plan -f csv FOLDER, a larger census (100,000 patients, more
 *     than an argument list can name) given as the folder, one process,
 *     against (f0), FLOOR -d FOLDER, libyaml alone over the same files
 *     found the same way, alternating like (a) and (b), over rounds
 *     of its own (-R, fewer): each run takes seconds, not a fraction
 *     of one, and 7 keep make bench within two minutes here
 * then SCHED, the scheduler's own cost in-process, whose rows and
 * target lines are copied into the report.
 *
 * A shared machine's noise only ever adds time: another guest's work,
 * a page-cache eviction, a migration to a busy core.  Over a run the
 * same census swings by half, and the floor and prolo are not hit
 * alike, so a median can even put prolo below the floor it contains.
 * The least CPU time over the rounds is the cost of the work itself;
 * the CPU targets are judged on it, and the medians are printed beside.
 *
 * Targets are reported, not asserted: the status is 0 unless something
 * could not be run.
 */
#define _DEFAULT_SOURCE		/* wait4(), MAP_ANONYMOUS */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TODAY		"PROLO_TODAY=2026-11-27"
#define SMALL		10		/* patients in the memory baseline */
#define CPU_RATIO	1.5		/* census CPU / parse floor */
#define MEM_GROWTH_KIB	1024		/* peak(N) - peak(SMALL) */
#define BOOK_RATIO	2.0		/* census with a book / without */
#define FOLDER_RATIO	1.5		/* folder census CPU / parse floor */
#define FOLDER_MEM	2.0		/* folder census peak / peak(SMALL) */

struct sample {
	double	cpu;		/* seconds, user + system */
	double	wall;		/* seconds */
	double	rss;		/* KiB, peak resident */
	int	status;		/* exit status */
};

static char *child_env[3];

/*
 * Linux counts in a child's ru_maxrss the resident pages of the memory
 * it had before execve(): with vfork (posix_spawn) that is this
 * process's whole peak, with fork the private pages it copied.  The
 * argument lists (10,000 file names) live in a shared mapping, which
 * fork does not copy, so a child's peak is its own.
 */
static char	*arena;
static size_t	 arena_used, arena_size;

static void *
arena_alloc(size_t size)
{
	void *p;

	size = (size + 15) & ~(size_t)15;
	if (arena_used + size > arena_size) {
		fprintf(stderr, "bench: arena full\n");
		exit(70);
	}
	p = arena + arena_used;
	arena_used += size;
	return p;
}

static char *
arena_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(arena_alloc(n), s, n);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* In the child: fd from path (or /dev/null), or leave with 127. */
static void
redirect(int fd, const char *path)
{
	int f;

	if ((f = open(path ? path : "/dev/null",
	    O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 || dup2(f, fd) < 0)
		_exit(127);
	close(f);
}

/*
 * Runs argv with standard output to out and standard error to err
 * (NULL: /dev/null) and the fixed environment; fills s from the child
 * alone.  Returns -1 if it could not be run or died of a signal.
 */
static int
measure(char **argv, const char *out, const char *err, struct sample *s)
{
	struct rusage ru;
	double t0;
	pid_t pid;
	int st;

	t0 = now();
	if ((pid = fork()) < 0) {
		perror("bench: fork");
		return -1;
	}
	if (pid == 0) {
		redirect(1, out);
		redirect(2, err);
		execve(argv[0], argv, child_env);
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("bench: wait4");
			return -1;
		}
	s->wall = now() - t0;
	s->cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	s->rss = (double)ru.ru_maxrss;
	if (WIFSIGNALED(st)) {
		fprintf(stderr, "bench: %s killed by signal %d\n", argv[0],
		    WTERMSIG(st));
		return -1;
	}
	s->status = WEXITSTATUS(st);
	if (s->status == 127) {
		fprintf(stderr, "bench: cannot run %s\n", argv[0]);
		return -1;
	}
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One measurement per round; a row is their medians and the least CPU. */
struct series {
	double	*cpu, *wall, *rss;
	int	 n;
};

struct row {
	double	cpu, least, wall, rss;
};

static void
series_init(struct series *s, int cap)
{
	s->cpu = calloc((size_t)cap, sizeof(double));
	s->wall = calloc((size_t)cap, sizeof(double));
	s->rss = calloc((size_t)cap, sizeof(double));
	s->n = 0;
	if (!s->cpu || !s->wall || !s->rss)
		abort();
}

static void
series_add(struct series *s, const struct sample *x)
{
	s->cpu[s->n] = x->cpu;
	s->wall[s->n] = x->wall;
	s->rss[s->n] = x->rss;
	s->n++;
}

static struct row
row_of(struct series *s)
{
	struct row r;

	r.cpu = median(s->cpu, s->n);
	r.least = s->cpu[0];		/* sorted by median() */
	r.wall = median(s->wall, s->n);
	r.rss = median(s->rss, s->n);
	return r;
}

static void
fmt_time(char *buf, size_t len, double sec)
{
	if (sec >= 1)
		snprintf(buf, len, "%8.3f s ", sec);
	else if (sec >= 1e-3)
		snprintf(buf, len, "%8.2f ms", sec * 1e3);
	else
		snprintf(buf, len, "%8.1f us", sec * 1e6);
}

static void
print_row(const char *name, struct row r)
{
	char c[32], l[32], w[32];

	fmt_time(c, sizeof(c), r.cpu);
	fmt_time(l, sizeof(l), r.least);
	fmt_time(w, sizeof(w), r.wall);
	printf("  %-38s %s  %s  %s  %8.2f MiB\n", name, l, c, w,
	    r.rss / 1024);
}

static void
print_ratio(const char *name, struct row a, struct row b)
{
	printf("  %-38s %9.2fx    %9.2fx    %9.2fx   %+8.2f MiB\n", name,
	    a.least / b.least, a.cpu / b.cpu, a.wall / b.wall,
	    (a.rss - b.rss) / 1024);
}

static int npass, nfail;

static void target(int, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
target(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("  [%s] ", ok ? "PASS" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (ok)
		npass++;
	else
		nfail++;
}

/* n with a comma between thousands: 50,000. */
static const char *
thousands(char buf[32], long n)
{
	char digits[32];
	size_t len, i, j;

	snprintf(digits, sizeof(digits), "%ld", n < 0 ? 0 : n);
	len = strlen(digits);
	for (i = j = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
	return buf;
}

/* A program found in PATH, or NULL. */
static const char *
in_path(const char *name)
{
	static char buf[4096];
	const char *path, *p, *q;

	if ((path = getenv("PATH")) == NULL)
		path = "/usr/bin:/bin";
	for (p = path; ; p = q + 1) {
		q = strchr(p, ':');
		snprintf(buf, sizeof(buf), "%.*s/%s",
		    (int)(q ? q - p : (long)strlen(p)), p, name);
		if (access(buf, X_OK) == 0)
			return buf;
		if (q == NULL)
			return NULL;
	}
}

/* Lines of a file, and how many hold needle; -1 if unreadable. */
static long
count_lines(const char *file, const char *needle, long *hits)
{
	char line[8192];
	long n = 0;
	FILE *fp;

	*hits = 0;
	if ((fp = fopen(file, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		n += strchr(line, '\n') != NULL;
		if (needle != NULL && strstr(line, needle) != NULL)
			(*hits)++;
	}
	fclose(fp);
	return n;
}

/*
 * Each protocol file is read once per run: the census run under
 * strace, counting successful opens of files under protocols/ and of
 * care.yaml.  Returns the opens, with *distinct the files opened, or
 * -1 when strace is not installed or fails.
 */
static int
protocol_opens(char **census, int nargs, const char *outdir,
    int *distinct, int *care)
{
	char **argv, log[4096], line[8192], seen[64][512], *p, *q;
	const char *strace;
	struct sample s;
	int i, n, opens;
	FILE *fp;

	if ((strace = in_path("strace")) == NULL)
		return -1;
	snprintf(log, sizeof(log), "%s/strace.log", outdir);
	argv = arena_alloc(((size_t)nargs + 8) * sizeof(*argv));
	i = 0;
	argv[i++] = arena_strdup(strace);
	argv[i++] = "-f";
	argv[i++] = "-qq";
	argv[i++] = "-e";
	argv[i++] = "trace=open,openat";
	argv[i++] = "-o";
	argv[i++] = log;
	memcpy(argv + i, census, ((size_t)nargs + 1) * sizeof(*argv));
	if (measure(argv, NULL, NULL, &s) != 0 ||
	    (fp = fopen(log, "r")) == NULL)
		return -1;
	opens = n = *care = 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (strstr(line, "= -1") != NULL ||
		    (p = strchr(line, '"')) == NULL ||
		    (q = strchr(p + 1, '"')) == NULL)
			continue;
		*q = '\0';
		p++;
		if (strstr(p, "/care.yaml") != NULL)
			(*care)++;
		if (strstr(p, "/protocols/") == NULL)
			continue;
		opens++;
		for (i = 0; i < n; i++)
			if (strcmp(seen[i], p) == 0)
				break;
		if (i == n && n < 64)
			snprintf(seen[n++], sizeof(seen[0]), "%s", p);
	}
	fclose(fp);
	*distinct = n;
	return opens;
}

/* Runs the scheduler benchmark and returns its output, or NULL. */
static char *
run_sched(const char *sched)
{
	static char buf[16384];
	char *argv[2];
	size_t len;
	ssize_t got;
	pid_t pid;
	int pfd[2], st;

	argv[0] = (char *)sched;
	argv[1] = NULL;
	if (pipe(pfd) != 0 || (pid = fork()) < 0)
		return NULL;
	if (pid == 0) {
		close(pfd[0]);
		if (dup2(pfd[1], 1) < 0)
			_exit(127);
		execve(argv[0], argv, child_env);
		_exit(127);
	}
	close(pfd[1]);
	len = 0;
	while (len < sizeof(buf) - 1 && ((got = read(pfd[0], buf + len,
	    sizeof(buf) - 1 - len)) > 0 || (got < 0 && errno == EINTR)))
		if (got > 0)
			len += (size_t)got;
	close(pfd[0]);
	buf[len] = '\0';
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return NULL;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? buf : NULL;
}

static void
usage(void)
{
	fputs("usage: run [-r rounds] [-k spawns] [-d datadir] "
	    "[-C clinic -B book]\n           [-F folder [-R rounds]] "
	    "-p prolo -f floor -b bare -s sched\n           -1 patient "
	    "-o outdir census-dir n\n", stderr);
	exit(64);
}

/*
 * The *.yaml and *.yml files under the folder path (of len bytes, in a
 * buffer of cap), as prolo and the floor find them (hidden names and
 * links left out); -1 if a folder cannot be read.  The path grows in place: nothing is allocated, as
 * this process's heap would count in every child's peak (see arena).
 */
static long
count_yaml(char *path, size_t len, size_t cap)
{
	struct dirent *de;
	struct stat st;
	long n, sub;
	size_t m;
	DIR *dp;

	if ((dp = opendir(path)) == NULL)
		return -1;
	n = 0;
	while (n >= 0 && (de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		m = strlen(de->d_name);
		if (len + 1 + m >= cap)
			continue;
		snprintf(path + len, cap - len, "/%s", de->d_name);
		if (lstat(path, &st) != 0)
			;
		else if (S_ISDIR(st.st_mode)) {
			if ((sub = count_yaml(path, len + 1 + m, cap)) < 0)
				n = -1;
			else
				n += sub;
		} else if (S_ISREG(st.st_mode) && ((m > 5 &&
		    strcasecmp(de->d_name + m - 5, ".yaml") == 0) || (m > 4 &&
		    strcasecmp(de->d_name + m - 4, ".yml") == 0)))
			n++;
	}
	path[len] = '\0';
	closedir(dp);
	return n;
}

/*
 * The lines of a CSV file equal to its first, the header, with *lines
 * all its lines; -1 if unreadable.  A folder planned in one run writes
 * its header once, however many files it holds.
 */
static long
csv_headers(const char *file, long *lines)
{
	char *first = NULL, *line = NULL;
	size_t cap = 0;
	long headers;
	FILE *fp;

	*lines = 0;
	if ((fp = fopen(file, "r")) == NULL)
		return -1;
	headers = 0;
	while (getline(&line, &cap, fp) != -1) {
		(*lines)++;
		if (first == NULL && (first = strdup(line)) == NULL)
			abort();
		if (strcmp(line, first) == 0)
			headers++;
	}
	free(line);
	free(first);
	fclose(fp);
	return headers;
}

/* (f) and (f0): the census as a folder, and its floor. */
struct folder {
	const char	 *dir;
	long		  files;
	int		  rounds;
	char		**prolo, **floor;
	struct row	  rp, rf;
};

static void
folder_init(struct folder *f, const char *dir, const char *prolo,
    const char *floor_)
{
	f->dir = dir;
	f->prolo = arena_alloc(6 * sizeof(*f->prolo));
	f->prolo[0] = arena_strdup(prolo);
	f->prolo[1] = "plan";
	f->prolo[2] = "-f";
	f->prolo[3] = "csv";
	f->prolo[4] = arena_strdup(dir);
	f->prolo[5] = NULL;
	f->floor = arena_alloc(4 * sizeof(*f->floor));
	f->floor[0] = arena_strdup(floor_);
	f->floor[1] = "-d";
	f->floor[2] = f->prolo[4];
	f->floor[3] = NULL;
}

/*
 * Once each, outside the timing: what the folder plans, that its CSV
 * has one header, and that the floor reads it.  Returns 0, or 70 when
 * something could not be run (printed).
 */
static int
folder_once(struct folder *f, const char *outdir)
{
	char path[4096], csv[4096], err[4096], num[32];
	long lines, headers, noplan;
	struct sample s;

	snprintf(path, sizeof(path), "%s", f->dir);
	if ((f->files = count_yaml(path, strlen(path), sizeof(path))) <= 0) {
		fprintf(stderr, "bench: %s: no YAML files, or unreadable\n",
		    f->dir);
		return 70;
	}
	snprintf(csv, sizeof(csv), "%s/census-folder.csv", outdir);
	snprintf(err, sizeof(err), "%s/census-folder.err", outdir);
	if (measure(f->prolo, csv, err, &s) != 0)
		return 70;
	if (s.status != 0 && s.status != 1) {
		fprintf(stderr, "bench: prolo plan -f csv %s failed (status "
		    "%d): see %s\n", f->dir, s.status, err);
		return 70;
	}
	headers = csv_headers(csv, &lines);
	count_lines(err, ": error: no plan", &noplan);
	printf("  the %s-patient folder %s plans %ld visits (%s); %ld "
	    "patients have no plan; exit status %d; %ld CSV header line%s\n",
	    thousands(num, f->files), f->dir, lines - headers, csv, noplan,
	    s.status, headers, headers == 1 ? "" : "s");
	if (headers != 1) {
		fprintf(stderr, "bench: %s has %ld header lines, not one\n",
		    csv, headers);
		return 70;
	}
	if (measure(f->floor, NULL, NULL, &s) != 0 || s.status != 0) {
		fprintf(stderr, "bench: the floor failed on %s\n", f->dir);
		return 70;
	}
	return 0;
}

/* (f) and (f0) in turn, which goes first swapped every round. */
static int
folder_time(struct folder *f)
{
	struct series p, fl;
	struct sample s;
	int i, j;

	series_init(&p, f->rounds);
	series_init(&fl, f->rounds);
	for (i = 0; i < f->rounds; i++)
		for (j = 0; j < 2; j++) {
			if ((j ^ i) & 1) {
				if (measure(f->floor, NULL, NULL, &s) != 0)
					return 70;
				series_add(&fl, &s);
			} else {
				if (measure(f->prolo, NULL, NULL, &s) != 0)
					return 70;
				series_add(&p, &s);
			}
		}
	f->rp = row_of(&p);
	f->rf = row_of(&fl);
	return 0;
}

/*
 * The protocol file a patient names, as prolo finds it: a path (with a
 * '/' or a YAML name) from the patient's folder, else DATADIR/protocols/
 * ID.yaml.  A plain "protocol: VALUE" line is enough for the benchmark's
 * patients; NULL when there is none.
 */
static char *
protocol_of(const char *patient, const char *datadir)
{
	char line[1024], *v, *e, *path;
	const char *slash;
	size_t n;
	FILE *fp;

	if ((fp = fopen(patient, "r")) == NULL)
		return NULL;
	path = NULL;
	while (path == NULL && fgets(line, sizeof(line), fp) != NULL) {
		if (strncmp(line, "protocol:", 9) != 0)
			continue;
		for (v = line + 9; *v == ' ' || *v == '"' || *v == '\''; v++)
			continue;
		for (e = v; *e && !strchr(" \t\r\n#\"'", *e); e++)
			continue;
		*e = '\0';
		n = strlen(v);
		path = malloc(strlen(patient) + strlen(datadir) + n + 32);
		if (path == NULL)
			break;
		if (strchr(v, '/') != NULL || (n > 5 &&
		    strcmp(v + n - 5, ".yaml") == 0) || (n > 4 &&
		    strcmp(v + n - 4, ".yml") == 0)) {
			slash = strrchr(patient, '/');
			if (v[0] == '/' || slash == NULL)
				strcpy(path, v);
			else
				sprintf(path, "%.*s/%s",
				    (int)(slash - patient), patient, v);
		} else
			sprintf(path, "%s/protocols/%s.yaml", datadir, v);
	}
	fclose(fp);
	return path;
}

int
main(int argc, char **argv)
{
	const char *prolo = NULL, *floor_ = NULL, *bare = NULL;
	const char *sched = NULL, *one = NULL, *outdir = NULL, *dir, *ld;
	const char *clinic = NULL, *book = NULL, *folder = NULL;
	char **census, **floor_argv, **small, **one_argv, **bare_argv;
	char **files_argv, *proto, **booked = NULL, **unbooked = NULL;
	const char *datadir = "data";
	char path[4096], csv[4096], err[4096], *out, *line, *save;
	char *sched_targets[8], num[32];
	struct series a, b, c, cb, cf, d, e, e0;
	struct row ra, rb, rc, rcb, rcf, rd, re, re0;
	struct sample s, sp, sb, sf, sum_p, sum_b, sum_f;
	long n, rows, noplan, k, erows, enoplan, e0rows, e0noplan;
	int rounds = 11, spawns = 100, ch, i, j, opens, distinct, care, nst;
	int nfiles, width;
	struct folder fo;
	struct stat st;

	memset(&fo, 0, sizeof(fo));
	fo.rounds = 7;
	while ((ch = getopt(argc, argv, "r:k:d:C:B:F:R:p:f:b:s:1:o:")) != -1) {
		switch (ch) {
		case 'd': datadir = optarg; break;
		case 'C': clinic = optarg; break;
		case 'B': book = optarg; break;
		case 'F': folder = optarg; break;
		case 'R': fo.rounds = atoi(optarg); break;
		case 'r': rounds = atoi(optarg); break;
		case 'k': spawns = atoi(optarg); break;
		case 'p': prolo = optarg; break;
		case 'f': floor_ = optarg; break;
		case 'b': bare = optarg; break;
		case 's': sched = optarg; break;
		case '1': one = optarg; break;
		case 'o': outdir = optarg; break;
		default: usage();
		}
	}
	if (argc - optind != 2 || !prolo || !floor_ || !bare || !sched ||
	    !one || !outdir || rounds < 1 || spawns < 1 || !clinic != !book ||
	    fo.rounds < 1)
		usage();
	dir = argv[optind];
	n = strtol(argv[optind + 1], NULL, 10);
	if (n < SMALL || n > 999999) {
		fprintf(stderr, "bench: the census must have %d to 999999 "
		    "files\n", SMALL);
		return 64;
	}

	arena_size = ((size_t)n + 64) * (5 * sizeof(char *) +
	    strlen(dir) + 32) + 65536;
	arena = mmap(NULL, arena_size, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (arena == MAP_FAILED) {
		perror("bench: mmap");
		return 70;
	}
	/* The same small environment for every child. */
	i = 0;
	child_env[i++] = TODAY;
	if ((ld = getenv("LD_LIBRARY_PATH")) != NULL) {
		child_env[i] = arena_alloc(strlen(ld) + 20);
		sprintf(child_env[i++], "LD_LIBRARY_PATH=%s", ld);
	}
	child_env[i] = NULL;

	census = arena_alloc(((size_t)n + 5) * sizeof(*census));
	floor_argv = arena_alloc(((size_t)n + 2) * sizeof(*floor_argv));
	small = arena_alloc((SMALL + 5) * sizeof(*small));
	one_argv = arena_alloc(4 * sizeof(*one_argv));
	bare_argv = arena_alloc(2 * sizeof(*bare_argv));
	census[0] = small[0] = one_argv[0] = arena_strdup(prolo);
	census[1] = small[1] = one_argv[1] = "plan";
	census[2] = small[2] = "-f";
	census[3] = small[3] = "csv";
	floor_argv[0] = arena_strdup(floor_);
	/* gen's names: five digits, or as many as n - 1 has. */
	if ((width = snprintf(NULL, 0, "%ld", n - 1)) < 5)
		width = 5;
	for (k = 0; k < n; k++) {
		snprintf(path, sizeof(path), "%s/p%0*ld.yaml", dir, width, k);
		if (stat(path, &st) != 0) {
			fprintf(stderr, "bench: %s: %s\n", path,
			    strerror(errno));
			return 66;
		}
		census[4 + k] = floor_argv[1 + k] = arena_strdup(path);
		if (k < SMALL)
			small[4 + k] = census[4 + k];
	}
	census[4 + n] = floor_argv[1 + n] = small[4 + SMALL] = NULL;
	if (book != NULL) {
		/* (e) and (e0): the census's files after the same clinic. */
		booked = arena_alloc(((size_t)n + 9) * sizeof(*booked));
		unbooked = arena_alloc(((size_t)n + 7) * sizeof(*unbooked));
		memcpy(booked, census, 4 * sizeof(*census));
		booked[4] = unbooked[4] = "--clinic";
		booked[5] = unbooked[5] = arena_strdup(clinic);
		booked[6] = "--book";
		booked[7] = arena_strdup(book);
		memcpy(unbooked, census, 4 * sizeof(*census));
		memcpy(booked + 8, census + 4, ((size_t)n + 1) *
		    sizeof(*census));
		memcpy(unbooked + 6, census + 4, ((size_t)n + 1) *
		    sizeof(*census));
	}
	one_argv[2] = arena_strdup(one);
	one_argv[3] = NULL;
	bare_argv[0] = arena_strdup(bare);
	bare_argv[1] = NULL;
	/* The files one plan reads, for the floor program. */
	files_argv = arena_alloc(8 * sizeof(*files_argv));
	j = 0;
	files_argv[j++] = floor_argv[0];
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", datadir,
		    (const char *[]){ "care.yaml", "clinic.yaml",
		    "drugs.yaml" }[i]);
		if (stat(path, &st) == 0)
			files_argv[j++] = arena_strdup(path);
	}
	if ((proto = protocol_of(one, datadir)) != NULL) {
		if (stat(proto, &st) == 0)
			files_argv[j++] = arena_strdup(proto);
		free(proto);
	}
	files_argv[j++] = one_argv[2];
	files_argv[j] = NULL;
	nfiles = j - 1;

	/*
	 * A census just written is still being written back to disk:
	 * that work, on the machine's few CPUs, would land in whichever
	 * runs it overlaps.  Flush it first.
	 */
	sync();

	/* Once each, outside the timing: what the census plans. */
	snprintf(csv, sizeof(csv), "%s/census.csv", outdir);
	snprintf(err, sizeof(err), "%s/census.err", outdir);
	if (measure(census, csv, err, &s) != 0)
		return 70;
	rows = count_lines(csv, NULL, &k) - 1;
	count_lines(err, ": error: no plan", &noplan);
	printf("prolo bench: %ld synthetic patients in %s, %d rounds, "
	    "%s\n", n, dir, rounds, TODAY);
	printf("  the census plans %ld visits (%s); %ld patients have no "
	    "plan; exit status %d\n", rows, csv, noplan, s.status);
	if (book != NULL) {
		/* Once each too: what the book leaves unplanned. */
		snprintf(csv, sizeof(csv), "%s/census-clinic.csv", outdir);
		snprintf(err, sizeof(err), "%s/census-clinic.err", outdir);
		if (measure(unbooked, csv, err, &s) != 0)
			return 70;
		e0rows = count_lines(csv, NULL, &k) - 1;
		count_lines(err, ": error: no plan", &e0noplan);
		printf("  with %s: %ld visits; %ld patients have no plan; "
		    "exit status %d\n", clinic, e0rows, e0noplan, s.status);
		snprintf(csv, sizeof(csv), "%s/census-book.csv", outdir);
		snprintf(err, sizeof(err), "%s/census-book.err", outdir);
		if (measure(booked, csv, err, &s) != 0)
			return 70;
		erows = count_lines(csv, NULL, &k) - 1;
		count_lines(err, ": error: no plan", &enoplan);
		printf("  and its book %s (%s appointments): %ld visits; %ld "
		    "patients have no plan; exit status %d\n", book,
		    thousands(num, count_lines(book, NULL, &k) - 1), erows,
		    enoplan, s.status);
		if (s.status != 0 && s.status != 1) {
			fprintf(stderr, "bench: prolo plan --book failed "
			    "(status %d): see %s\n", s.status, err);
			return 70;
		}
	}
	if (folder != NULL) {
		folder_init(&fo, folder, prolo, floor_);
		if (folder_once(&fo, outdir) != 0)
			return 70;
	}
	if (measure(floor_argv, NULL, NULL, &s) != 0 || s.status != 0) {
		fprintf(stderr, "bench: the floor failed on the census\n");
		return 70;
	}
	if (measure(one_argv, NULL, NULL, &s) != 0 || s.status != 0) {
		fprintf(stderr, "bench: prolo plan %s failed (status %d)\n",
		    one, s.status);
		return 70;
	}

	series_init(&a, rounds);
	series_init(&b, rounds);
	series_init(&c, rounds);
	series_init(&cb, rounds);
	series_init(&cf, rounds);
	series_init(&d, rounds);
	series_init(&e, rounds);
	series_init(&e0, rounds);
	for (i = 0; i < rounds; i++) {
		/* (a) and (b), which goes first swapped every round. */
		for (j = 0; j < 2; j++) {
			if ((j ^ i) & 1) {
				if (measure(floor_argv, NULL, NULL, &s) != 0)
					return 70;
				series_add(&b, &s);
			} else {
				if (measure(census, NULL, NULL, &s) != 0)
					return 70;
				series_add(&a, &s);
			}
		}
		/* (c): one plan and one bare start in turn, spawns times. */
		memset(&sum_p, 0, sizeof(sum_p));
		memset(&sum_b, 0, sizeof(sum_b));
		for (k = 0; k < spawns; k++) {
			if ((k ^ i) & 1) {
				if (measure(bare_argv, NULL, NULL, &sb) != 0 ||
				    measure(one_argv, NULL, NULL, &sp) != 0)
					return 70;
			} else if (measure(one_argv, NULL, NULL, &sp) != 0 ||
			    measure(bare_argv, NULL, NULL, &sb) != 0)
				return 70;
			sum_p.cpu += sp.cpu / spawns;
			sum_p.wall += sp.wall / spawns;
			sum_p.rss += sp.rss / spawns;
			sum_b.cpu += sb.cpu / spawns;
			sum_b.wall += sb.wall / spawns;
			sum_b.rss += sb.rss / spawns;
		}
		series_add(&c, &sum_p);
		series_add(&cb, &sum_b);
		/* For scale: libyaml alone over the files one plan reads. */
		memset(&sum_f, 0, sizeof(sum_f));
		for (k = 0; k < spawns; k++) {
			if (measure(files_argv, NULL, NULL, &sf) != 0)
				return 70;
			sum_f.cpu += sf.cpu / spawns;
			sum_f.wall += sf.wall / spawns;
			sum_f.rss += sf.rss / spawns;
		}
		series_add(&cf, &sum_f);
		/* (d) */
		if (measure(small, NULL, NULL, &s) != 0)
			return 70;
		series_add(&d, &s);
		/* (e) and (e0), which goes first swapped every round. */
		for (j = 0; book != NULL && j < 2; j++) {
			if ((j ^ i) & 1) {
				if (measure(unbooked, NULL, NULL, &s) != 0)
					return 70;
				series_add(&e0, &s);
			} else {
				if (measure(booked, NULL, NULL, &s) != 0)
					return 70;
				series_add(&e, &s);
			}
		}
	}
	if (folder != NULL && folder_time(&fo) != 0)
		return 70;
	ra = row_of(&a);
	rb = row_of(&b);
	rc = row_of(&c);
	rcb = row_of(&cb);
	rcf = row_of(&cf);
	rd = row_of(&d);
	if (book != NULL) {
		re = row_of(&e);
		re0 = row_of(&e0);
	}

	printf("\n  %-38s %11s  %11s  %11s  %12s\n", "", "least CPU",
	    "median CPU", "median wall", "peak RSS");
	snprintf(path, sizeof(path), "(a) prolo plan -f csv, %ld files", n);
	print_row(path, ra);
	print_row("(b) libyaml parse only, same files", rb);
	print_ratio("    (a) / (b)", ra, rb);
	snprintf(path, sizeof(path), "(c) prolo plan, 1 patient (mean of %d)",
	    spawns);
	print_row(path, rc);
	print_row("    start and exit, libyaml linked", rcb);
	print_ratio("    plan / start", rc, rcb);
	snprintf(path, sizeof(path), "    libyaml parse only, its %d files",
	    nfiles);
	print_row(path, rcf);
	print_ratio("    plan / parse of its files", rc, rcf);
	snprintf(path, sizeof(path), "(d) prolo plan -f csv, %d files",
	    SMALL);
	print_row(path, rd);
	print_ratio("    (a) / (d)", ra, rd);
	if (book != NULL) {
		print_row("(e) (a) with --clinic C --book B", re);
		print_row("(e0) (a) with --clinic C, no book", re0);
		print_ratio("    (e) / (e0)", re, re0);
	}
	if (folder != NULL) {
		snprintf(path, sizeof(path), "(f) prolo plan -f csv FOLDER "
		    "(%ld)", fo.files);
		print_row(path, fo.rp);
		print_row("(f0) libyaml parse only, same folder", fo.rf);
		print_ratio("    (f) / (f0)", fo.rp, fo.rf);
		print_ratio("    (f) / (d)", fo.rp, rd);
	}
	printf("\n");
	fflush(stdout);

	/* The scheduler's rows, indented like the rest; its targets below. */
	if ((out = run_sched(sched)) == NULL) {
		fprintf(stderr, "bench: %s failed\n", sched);
		return 70;
	}
	nst = 0;
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "  [", 3) == 0) {
			if (nst < 8)
				sched_targets[nst++] = line;
		} else
			printf("  %s\n", line);
	}

	printf("\ntargets\n");
	target(ra.least <= CPU_RATIO * rb.least, "census CPU at most %.1fx "
	    "the parse floor: %.2fx (medians %.2fx)", CPU_RATIO,
	    ra.least / rb.least, ra.cpu / rb.cpu);
	target(ra.rss - rd.rss <= MEM_GROWTH_KIB, "peak memory, %ld patients "
	    "within 1 MiB of %d: %+.0f KiB", n, SMALL, ra.rss - rd.rss);
	opens = protocol_opens(census, (int)n + 4, outdir, &distinct, &care);
	if (opens < 0)
		printf("  [SKIP] each protocol file read once per run: "
		    "strace is not installed\n");
	else
		target(opens == distinct && care == 1, "each protocol file "
		    "read once per run: %d opens of %d files, care.yaml %d, "
		    "for %ld patients", opens, distinct, care, n);
	if (book == NULL)
		printf("  [SKIP] census with a book at most %.1fx the census "
		    "without: no -C and -B\n", BOOK_RATIO);
	else
		target(re.least <= BOOK_RATIO * re0.least, "census with a "
		    "%s-appointment book at most %.1fx the census without: "
		    "%.2fx (medians %.2fx)", thousands(num, count_lines(book,
		    NULL, &k) - 1), BOOK_RATIO, re.least / re0.least,
		    re.cpu / re0.cpu);
	if (folder == NULL) {
		printf("  [SKIP] census as a folder at most %.1fx the parse "
		    "floor: no -F\n", FOLDER_RATIO);
		printf("  [SKIP] peak memory of the folder census within "
		    "%.0fx the %d-patient run: no -F\n", FOLDER_MEM, SMALL);
	} else {
		thousands(num, fo.files);
		target(fo.rp.least <= FOLDER_RATIO * fo.rf.least, "%s-patient "
		    "census as a folder at most %.1fx the parse floor: %.2fx "
		    "(medians %.2fx)", num, FOLDER_RATIO,
		    fo.rp.least / fo.rf.least, fo.rp.cpu / fo.rf.cpu);
		target(fo.rp.rss <= FOLDER_MEM * rd.rss, "peak memory of the "
		    "%s-patient folder within %.0fx the %d-patient run: %.2f "
		    "MiB vs %.2f MiB", num, FOLDER_MEM, SMALL,
		    fo.rp.rss / 1024, rd.rss / 1024);
	}
	for (i = 0; i < nst; i++) {
		puts(sched_targets[i]);
		if (strstr(sched_targets[i], "[FAIL]") != NULL)
			nfail++;
		else
			npass++;
	}
	if (nfail)
		printf("\nMISSED: %d of %d targets.  Targets are reported, "
		    "not asserted (shared machines\nare noisy): rerun to "
		    "confirm before acting on one.\n", nfail, npass + nfail);
	else
		printf("\nall %d targets met\n", npass);
	return 0;
}
