#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "clinic.h"
#include "diag.h"
#include "fault.h"
#include "file.h"
#include "library.h"
#include "load.h"
#include "output.h"
#include "xalloc.h"

/* Links followed from the name to the file replaced, as Linux's limit. */
#define LINKS_MAX	40

/*
 * The temporary file not yet renamed into place, and whether it exists.
 * Running out of memory exits at once (xalloc.h) and a signal may end
 * the run: both must still leave no partial file behind, so the name is
 * where an exit or signal handler can reach it.
 */
static char			pending[PATH_MAX];
static volatile sig_atomic_t	armed;

/*
 * The signals whose default action ends the process and that can be
 * caught; the real-time signals, SIGRTMIN to SIGRTMAX, are added by
 * range.  SIGXFSZ is not here: it is ignored (output_open()).
 */
static const int fatal_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE,
	SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM,
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
	SIGXCPU, SIGVTALRM, SIGPROF,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#if defined(SIGIO) && (!defined(SIGPOLL) || SIGIO != SIGPOLL)
	SIGIO,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
#if defined(SIGLOST) && (!defined(SIGPWR) || SIGLOST != SIGPWR)
	SIGLOST,
#endif
#ifdef SIGEMT
	SIGEMT,
#endif
	SIGSYS
};

#define NFIXED	(sizeof(fatal_signals) / sizeof(*fatal_signals))
#define NRT	64		/* room for the real-time signals */

/* The signals caught while the temporary file exists, and their old actions. */
static struct caught {
	int			sig;
	struct sigaction	old;
} caught[NFIXED + NRT];
static size_t	ncaught;

/* The ith fatal signal, or 0 past the last. */
static int
fatal_signal(size_t i)
{
	if (i < NFIXED)
		return fatal_signals[i];
#ifdef SIGRTMIN
	if (i - NFIXED < NRT && SIGRTMIN + (int)(i - NFIXED) <= SIGRTMAX)
		return SIGRTMIN + (int)(i - NFIXED);
#endif
	return 0;
}

static void
fatal_set(sigset_t *set)
{
	size_t i;
	int sig;

	sigemptyset(set);
	for (i = 0; (sig = fatal_signal(i)) != 0; i++)
		sigaddset(set, sig);
}

/*
 * Removes the temporary file and ends prolo as the signal would have:
 * SA_RESETHAND made its action the default again, and it is delivered
 * when the handler returns.  unlink() and raise() are
 * async-signal-safe; the name waits in a static buffer.
 */
static void
on_signal(int sig)
{
	if (armed)
		unlink(pending);
	raise(sig);
}

static void
on_exit_remove(void)
{
	if (armed)
		unlink(pending);
}

/*
 * Catches every fatal signal, each of them blocked while the handler
 * runs.  A signal ignored when prolo started (nohup's SIGHUP, the
 * SIGINT of a background job) stays ignored: it would not have ended
 * the run.
 */
static void
catch_signals(const sigset_t *set)
{
	struct sigaction sa, old;
	size_t i;
	int sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_mask = *set;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; (sig = fatal_signal(i)) != 0; i++) {
		if (sigaction(sig, NULL, &old) != 0 ||
		    old.sa_handler == SIG_IGN ||
		    sigaction(sig, &sa, NULL) != 0)
			continue;
		caught[ncaught].sig = sig;
		caught[ncaught++].old = old;
	}
}

static void
release_signals(void)
{
	while (ncaught > 0) {
		ncaught--;
		sigaction(caught[ncaught].sig, &caught[ncaught].old, NULL);
	}
}

/*
 * Creates the temporary file named by pending.  The fatal signals are
 * blocked from before it exists until the handlers that remove it are
 * in place and know it exists, so no signal falls in between.  Returns
 * the descriptor, or -1 with errno set.
 */
static int
pending_create(void)
{
	static int once;
	sigset_t set, old;
	int fd, err;

	if (!once++)
		atexit(on_exit_remove);
	fatal_set(&set);
	sigprocmask(SIG_BLOCK, &set, &old);
	if ((fd = mkstemp(pending)) >= 0) {
		armed = 1;
		catch_signals(&set);
	}
	err = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return fd;
}

/*
 * Renames the temporary file to path (keep) or removes it, with the
 * fatal signals blocked until the handlers are gone.  Returns 0, or an
 * errno value when the rename failed (the file is then removed).
 */
static int
pending_end(const char *path, int keep)
{
	sigset_t set, old;
	int err;

	fatal_set(&set);
	sigprocmask(SIG_BLOCK, &set, &old);
	err = 0;
	if (keep && rename(pending, path) != 0)
		err = errno;
	if (!keep || err != 0)
		unlink(pending);
	armed = 0;
	release_signals();
	sigprocmask(SIG_SETMASK, &old, NULL);
	return err;
}

/* "prolo: cannot create NAME: why"; returns 73. */
static int
cannot(const struct output *o, const char *what, int err)
{
	char name[DIAG_NAME_MAX];

	fprintf(stderr, "prolo: cannot %s %s: %s\n", what,
	    diag_name(name, sizeof(name), o->name), strerror(err));
	return EX_CANTCREAT;
}

/*
 * The file the name leads to, links followed one by one, each link's
 * text taken from the link's own folder: the file to replace, or to
 * create when the last link dangles.  Returns 0 or an errno value.
 */
static int
resolve(const char *name, char **pathp)
{
	char text[PATH_MAX], *path, *next;
	const char *slash;
	struct stat st;
	ssize_t n;
	int links;

	path = xstrdup(name);
	for (links = 0;; links++) {
		if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		if (links == LINKS_MAX) {
			free(path);
			return ELOOP;
		}
		if ((n = readlink(path, text, sizeof(text))) < 0 ||
		    (size_t)n == sizeof(text)) {
			free(path);
			return n < 0 ? errno : ENAMETOOLONG;
		}
		text[n] = '\0';
		slash = strrchr(path, '/');
		next = text[0] == '/' || slash == NULL ? xstrdup(text) :
		    xasprintf("%.*s%s", (int)(slash - path + 1), path, text);
		free(path);
		path = next;
	}
	*pathp = path;
	return 0;
}

int
output_init(struct output *o, const char *name)
{
	struct stat st, so;
	int err;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if (name == NULL || strcmp(name, "-") == 0)
		return 0;
	o->name = name;
	if (stat(name, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return cannot(o, "create", EISDIR);
		o->dev = st.st_dev;
		o->ino = st.st_ino;
		/*
		 * Reading a terminal or /dev/null changes nothing in it:
		 * "prolo plan -o /dev/tty -" is fair.
		 */
		o->watched = !S_ISCHR(st.st_mode);
		if (fstat(STDOUT_FILENO, &so) == 0 && so.st_dev == st.st_dev &&
		    so.st_ino == st.st_ino)
			o->kind = OUTPUT_STDOUT;
		else if (!S_ISREG(st.st_mode))
			o->kind = OUTPUT_DIRECT;
		else
			o->kind = OUTPUT_REPLACE;
	} else if (errno != ENOENT)
		return cannot(o, "create", errno);
	else
		o->kind = OUTPUT_REPLACE;
	if (o->kind == OUTPUT_REPLACE && (err = resolve(name, &o->path)) != 0)
		return cannot(o, "create", err);
	if (o->watched)
		file_forbid(&st);
	return 0;
}

/* Whether path ("-": standard input) is the output file. */
static int
is_output(const struct output *o, const char *path)
{
	struct stat st;
	int rc;

	rc = strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) :
	    stat(path, &st);
	return rc == 0 && st.st_dev == o->dev && st.st_ino == o->ino;
}

/* Whether a file of dir named PREFIX*SUFFIX is the output file. */
static int
is_output_in(const struct output *o, const char *dir, const char *prefix,
    const char *suffix)
{
	size_t len, pl = strlen(prefix), sl = strlen(suffix);
	struct dirent *de;
	char *path;
	DIR *d;
	int found;

	if ((d = opendir(dir)) == NULL)
		return 0;
	found = 0;
	while (!found && (de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < pl + sl || strncmp(de->d_name, prefix, pl) != 0 ||
		    strcmp(de->d_name + len - sl, suffix) != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		found = is_output(o, path);
		free(path);
	}
	closedir(d);
	return found;
}

/*
 * The files a run reads before planning, besides the operands: the
 * clinic, the data folder's files (care*.yaml for every language a
 * patient may ask for) and every *.yaml of the protocol folder, read
 * when a patient names its id.
 */
static int
is_data(const struct output *o, const struct load *l)
{
	char *drugs, *terms;
	int found;

	if (l->clinic != NULL && l->clinic->path != NULL &&
	    is_output(o, l->clinic->path))
		return 1;
	drugs = xasprintf("%s/drugs.yaml", l->datadir);
	terms = xasprintf("%s/terms.yaml", l->datadir);
	found = is_output(o, drugs) || is_output(o, terms) ||
	    is_output_in(o, l->datadir, "care", ".yaml") ||
	    is_output_in(o, library_dir(l->library), "", ".yaml");
	free(drugs);
	free(terms);
	return found;
}

static int
refuse(const struct output *o)
{
	char name[DIAG_NAME_MAX];

	fprintf(stderr, "prolo: output file '%s' is also an input file\n",
	    diag_name(name, sizeof(name), o->name));
	return EX_CANTCREAT;
}

int
output_check(const struct output *o, const struct load *l, char **files,
    int nfiles)
{
	int i;

	if (!o->watched)
		return 0;
	for (i = 0; i < nfiles; i++)
		if (is_output(o, files[i]))
			return refuse(o);
	return is_data(o, l) ? refuse(o) : 0;
}

/*
 * A device or FIFO is opened as it is, neither created nor truncated,
 * and must still be the file output_init() saw: a regular file put in
 * its place since is not written over.  A FIFO waits for a reader, as
 * a shell's > does.
 */
static int
open_direct(struct output *o)
{
	char name[DIAG_NAME_MAX];
	struct stat st;
	int err;

	if ((o->fd = open(o->name, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0)
		return cannot(o, "open", errno);
	if (fstat(o->fd, &st) != 0 || st.st_dev != o->dev ||
	    st.st_ino != o->ino) {
		close(o->fd);
		fprintf(stderr, "prolo: cannot open %s: the file changed\n",
		    diag_name(name, sizeof(name), o->name));
		return EX_CANTCREAT;
	}
	if ((o->fp = fdopen(o->fd, "w")) == NULL) {
		err = errno;
		close(o->fd);
		return cannot(o, "open", err);
	}
	return 0;
}

/* The temporary file, in the folder of the file it will replace. */
static int
open_temp(struct output *o)
{
	const char *slash;
	int n, err;

	slash = strrchr(o->path, '/');
	n = snprintf(pending, sizeof(pending), "%.*s.prolo-XXXXXX",
	    slash ? (int)(slash - o->path + 1) : 0, o->path);
	if (n < 0 || (size_t)n >= sizeof(pending))
		return cannot(o, "create", ENAMETOOLONG);
	if ((o->fd = pending_create()) < 0)
		return cannot(o, "create", errno);
	if ((o->fp = fdopen(o->fd, "w")) == NULL) {
		err = errno;
		close(o->fd);
		pending_end(NULL, 0);
		return cannot(o, "create", err);
	}
	return 0;
}

/*
 * A write past the file-size limit (ulimit -f) then fails with EFBIG,
 * a write error like any other, instead of SIGXFSZ ending prolo with
 * the temporary file left behind.
 */
static void
ignore_xfsz(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGXFSZ, &sa, NULL);
}

int
output_open(struct output *o)
{
	int rc;

	ignore_xfsz();
	if (o->kind == OUTPUT_STDOUT)
		o->fp = stdout;
	else if ((rc = o->kind == OUTPUT_DIRECT ? open_direct(o) :
	    open_temp(o)) != 0)
		return rc;
	o->fp = fault_stream(o->fp);
	return 0;
}

/*
 * Flushes and closes the stream, syncing a temporary file to its disk
 * first: 0, or the errno of the first failure.  Standard output stays
 * open (only flushed), for main() to end.
 */
static int
stream_close(struct output *o)
{
	int err;

	err = 0;
	if (fflush(o->fp) != 0)
		err = errno;
	else if (ferror(o->fp))
		err = EIO;
	if (err == 0 && o->kind == OUTPUT_REPLACE && fsync(o->fd) != 0)
		err = errno;
	if (o->fp != stdout && fclose(o->fp) != 0 && err == 0)
		err = errno;
	o->fp = NULL;
	return err;
}

/*
 * Ends the output: a write error is reported (74), and an output the
 * run tried to read is refused (73); a temporary file is renamed into
 * place when keep is set and neither happened, and removed otherwise.
 * An output never opened is only released.
 */
int
output_close(struct output *o, int keep)
{
	char name[DIAG_NAME_MAX];
	int err, rc;

	rc = 0;
	if (o->fp != NULL && (err = stream_close(o)) != 0) {
		if (o->name != NULL)
			fprintf(stderr, "prolo: %s: write error: %s\n",
			    diag_name(name, sizeof(name), o->name),
			    strerror(err));
		else
			fprintf(stderr, "prolo: write error: %s\n",
			    strerror(err));
		rc = EX_IOERR;
	}
	if (o->watched && file_refused() > 0) {
		o->refused = 1;
		rc = refuse(o);
	}
	file_forbid(NULL);
	if (armed && (err = pending_end(o->path, rc == 0 && keep)) != 0)
		rc = cannot(o, "create", err);
	free(o->path);
	o->path = NULL;
	o->fd = -1;
	return rc;
}
