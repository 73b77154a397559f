/*
 * floor: the least work any YAML-reading planner must do over a census.
 * Each FILE is read whole (open, fstat, read until end, as prolo's
 * file_read does) and run through libyaml's parser, yaml_parser_parse()
 * until the end of the stream, with nothing built from the events.
 * Prints nothing; exits 1 if a file cannot be read or parsed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

static char *
slurp(const char *path, size_t *lenp)
{
	struct stat st;
	size_t len, cap;
	ssize_t n;
	char *buf;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return NULL;
	}
	cap = 8192;
	len = 0;
	if ((buf = malloc(cap + 1)) == NULL)
		abort();
	for (;;) {
		if (len == cap) {
			cap *= 2;
			if ((buf = realloc(buf, cap + 1)) == NULL)
				abort();
		}
		if ((n = read(fd, buf + len, cap - len)) <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

int
main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	size_t len;
	char *buf;
	int i, done, status;

	status = 0;
	for (i = 1; i < argc; i++) {
		if ((buf = slurp(argv[i], &len)) == NULL) {
			status = 1;
			continue;
		}
		if (!yaml_parser_initialize(&parser))
			abort();
		yaml_parser_set_input_string(&parser,
		    (const unsigned char *)buf, len);
		yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
		for (done = 0; !done; ) {
			if (!yaml_parser_parse(&parser, &ev)) {
				status = 1;
				break;
			}
			done = ev.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&ev);
		}
		yaml_parser_delete(&parser);
		free(buf);
	}
	return status;
}
