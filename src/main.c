#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <getopt.h>

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
	{ "check",	cmd_check },
	{ "plan",	cmd_plan },
	{ "protocols",	cmd_protocols },
};

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

	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			return cmd_usage(stdout, NULL, 0);
		case 'V':
			printf("prolo %s\n", prolo_version);
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
