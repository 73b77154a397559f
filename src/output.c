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

static void
remove_pending(void)
{
	if (armed)
		unlink(pending);
}

static void
on_signal(int sig)
{
	if (armed)
		unlink(pending);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
set_pending(void)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGPIPE, SIGTERM };
	static int once;
	size_t i;

	armed = 1;
	if (once++)
		return;
	atexit(remove_pending);
	for (i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		signal(sigs[i], on_signal);
}

static void
drop_pending(void)
{
	unlink(pending);
	armed = 0;
}

/* "prolo: cannot create NAME: why"; returns 73. */
static int
cannot(const struct output *o, const char *what, int err)
{
	fprintf(stderr, "prolo: cannot %s %s: %s\n", what, o->name,
	    strerror(err));
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
	fprintf(stderr, "prolo: output file '%s' is also an input file\n",
	    o->name);
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
	struct stat st;
	int err;

	if ((o->fd = open(o->name, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0)
		return cannot(o, "open", errno);
	if (fstat(o->fd, &st) != 0 || st.st_dev != o->dev ||
	    st.st_ino != o->ino) {
		close(o->fd);
		fprintf(stderr, "prolo: cannot open %s: the file changed\n",
		    o->name);
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
	if ((o->fd = mkstemp(pending)) < 0)
		return cannot(o, "create", errno);
	set_pending();
	if ((o->fp = fdopen(o->fd, "w")) == NULL) {
		err = errno;
		close(o->fd);
		drop_pending();
		return cannot(o, "create", err);
	}
	return 0;
}

int
output_open(struct output *o)
{
	int rc;

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
	int err, rc;

	rc = 0;
	if (o->fp != NULL && (err = stream_close(o)) != 0) {
		if (o->name != NULL)
			fprintf(stderr, "prolo: %s: write error: %s\n",
			    o->name, strerror(err));
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
	if (armed) {
		if (rc == 0 && keep && rename(pending, o->path) == 0)
			armed = 0;
		else if (rc == 0 && keep)
			rc = cannot(o, "create", errno);
		if (armed)
			drop_pending();
	}
	free(o->path);
	o->path = NULL;
	o->fd = -1;
	return rc;
}
