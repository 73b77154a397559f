#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "fault.h"
#include "output.h"
#include "xalloc.h"

/*
 * The temporary file not yet renamed into place.  Running out of memory
 * exits at once (xalloc.h) and a signal may end the run: both must
 * still leave no partial file behind.
 */
static char *pending;

static void
remove_pending(void)
{
	if (pending != NULL)
		unlink(pending);
}

static void
on_signal(int sig)
{
	if (pending != NULL)
		unlink(pending);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
set_pending(char *tmp)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGPIPE, SIGTERM };
	static int once;
	size_t i;

	pending = tmp;
	if (once++)
		return;
	atexit(remove_pending);
	for (i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		signal(sigs[i], on_signal);
}

int
output_open(struct output *o, const char *path)
{
	const char *slash;
	int fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = fault_stream(stdout);
		return 0;
	}
	o->path = path;
	/* mkstemp creates it with mode 0600: it holds patient data. */
	slash = strrchr(path, '/');
	o->tmp = slash ? xasprintf("%.*s/.prolo-XXXXXX",
	    (int)(slash - path), path) : xstrdup(".prolo-XXXXXX");
	if ((fd = mkstemp(o->tmp)) < 0 || (o->fp = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "prolo: cannot create %s: %s\n", path,
		    strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		return EX_CANTCREAT;
	}
	set_pending(o->tmp);
	o->fp = fault_stream(o->fp);
	return 0;
}

/* Finishes the output: keep it only when something was planned and written whole. */
int
output_close(struct output *o, int keep)
{
	int bad;

	bad = fflush(o->fp) != 0 || ferror(o->fp);
	if (o->path == NULL) {
		if (o->fp != stdout)
			bad = fclose(o->fp) != 0 || bad;
		if (bad)
			fprintf(stderr, "prolo: write error: %s\n",
			    strerror(errno));
		return bad ? EX_IOERR : 0;
	}
	bad = bad || (fileno(o->fp) >= 0 && fsync(fileno(o->fp)) != 0);
	bad = fclose(o->fp) != 0 || bad;
	if (!bad && keep && rename(o->tmp, o->path) != 0) {
		fprintf(stderr, "prolo: cannot create %s: %s\n", o->path,
		    strerror(errno));
		unlink(o->tmp);
		pending = NULL;
		free(o->tmp);
		return EX_CANTCREAT;
	}
	if (bad)
		fprintf(stderr, "prolo: %s: write error: %s\n", o->path,
		    strerror(errno));
	if (bad || !keep)
		unlink(o->tmp);
	pending = NULL;
	free(o->tmp);
	return bad ? EX_IOERR : 0;
}

/* Refuses "-o patient.yaml patient.yaml": the output would replace an input. */
int
output_is_input(const char *out, char **files, int nfiles)
{
	struct stat so, si;
	int i;

	if (out == NULL || stat(out, &so) != 0)
		return 0;
	for (i = 0; i < nfiles; i++)
		if (stat(files[i], &si) == 0 && si.st_dev == so.st_dev &&
		    si.st_ino == so.st_ino)
			return 1;
	return 0;
}
