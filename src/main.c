#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "version.h"

/*
 * main() reads the global options and hands the rest to a command; the
 * commands wire the modules together (load -> schedule -> print) and
 * choose the exit status.
 */

static const struct command {
	const char	*name;
	int		(*fn)(int, char **);
} commands[] = {
	{ "agenda",	cmd_agenda },
	{ "check",	cmd_check },
	{ "plan",	cmd_plan },
	{ "prep",	cmd_prep },
	{ "protocols",	cmd_protocols },
};

/*
 * Descriptors 0, 1 and 2 must exist before any file is opened, or the
 * next file opened takes the number of the closed one: the temporary
 * output file became standard error, and warnings landed in the plan.
 * As glibc does for set-user-ID programs, a closed one gets /dev/null
 * opened the wrong way round (standard input write-only, the others
 * read-only), so that using it still fails as the closed descriptor
 * would: "prolo plan - <&-" cannot read its input (66) and
 * "prolo plan p.yaml >&-" cannot write (74).
 */
static int
fds_reserve(void)
{
	int fd, nfd;

	for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		nfd = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY :
		    O_RDONLY);
		if (nfd != fd) {
			if (nfd >= 0)
				close(nfd);
			return -1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help",	no_argument,	NULL, 'h' },
		{ "version",	no_argument,	NULL, 'V' },
		{ NULL,		0,		NULL, 0 }
	};
	static char name[32];
	char q[128];
	size_t i;
	int ch;

	if (fds_reserve() != 0) {
		fputs("prolo: cannot open /dev/null\n", stderr);
		return EX_OSERR;
	}
	/*
	 * A census to a file or a pipe is written in large pieces rather
	 * than the usual 4 KiB, a write each: on a terminal, line by line
	 * as before.  So are its messages, which come for nearly every
	 * patient: a write for each cost a census of 100,000 patients 3%
	 * of its time.  A terminal still sees each message at once.
	 */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 64 * 1024);
	if (!isatty(STDERR_FILENO))
		setvbuf(stderr, NULL, _IOFBF, 64 * 1024);
	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			return cmd_usage(stdout, NULL, 0);
		case 'V':
			printf("prolo %s%s\n", prolo_version, prolo_build);
			return cmd_flush();
		default:
			return cmd_usage(stderr, NULL, EX_USAGE);
		}
	}
	if (optind == argc) {
		fputs("prolo: no command given\n", stderr);
		return cmd_usage(stderr, NULL, EX_USAGE);
	}
	for (i = 0; i < sizeof(commands) / sizeof(*commands); i++) {
		if (strcmp(argv[optind], commands[i].name) != 0)
			continue;
		/* getopt names argv[0] in its messages: make it "prolo plan". */
		snprintf(name, sizeof(name), "prolo %s", commands[i].name);
		argv[optind] = name;
		return commands[i].fn(argc - optind, argv + optind);
	}
	fprintf(stderr, "prolo: unknown command %s\n", diag_quote(q, sizeof(q),
	    argv[optind], strlen(argv[optind])));
	return cmd_usage(stderr, NULL, EX_USAGE);
}
