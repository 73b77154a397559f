/*
 * floor: the least work any YAML-reading planner must do over a census.
 *
 *   floor [-d DIR] [FILE ...]
 *
 * Each FILE is read whole (open, fstat, read until end, as prolo's
 * file_read does) and run through libyaml's parser, yaml_parser_parse()
 * until the end of the stream, with nothing built from the events.
 * With -d, first every *.yaml and *.yml file (in any case) in DIR and
 * its subfolders, in byte order of their paths, as prolo finds them:
 * names beginning with a dot skipped, symbolic links not followed.  A
 * planner given a folder must list it too, so the listing is part of
 * the floor.
 * Prints nothing; exits 1 if a file cannot be read or parsed.
 */
#define _DEFAULT_SOURCE		/* d_type */

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

struct paths {
	char	**v;
	size_t	  n, cap;
};

static void
paths_add(struct paths *p, char *path)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 1024;
		if ((p->v = realloc(p->v, p->cap * sizeof(*p->v))) == NULL)
			abort();
	}
	p->v[p->n++] = path;
}

static int
is_yaml(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcasecmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcasecmp(name + n - 4, ".yml") == 0);
}

/*
 * Adds the YAML files under dir to p, in the order the folder lists
 * them; 0, or -1 if a folder cannot be read.  The entry's type comes
 * with the listing on most file systems; stat() only where it does not.
 */
static int
walk(const char *dir, struct paths *p)
{
	struct dirent *de;
	struct stat st;
	DIR *dp;
	char *path;
	int type, status;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	status = 0;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((path = malloc(strlen(dir) + strlen(de->d_name) + 2)) ==
		    NULL)
			abort();
		sprintf(path, "%s/%s", dir, de->d_name);
		type = de->d_type;
		if (type == DT_UNKNOWN)
			type = lstat(path, &st) != 0 ? DT_UNKNOWN :
			    S_ISDIR(st.st_mode) ? DT_DIR :
			    S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		if (type == DT_DIR) {
			if (walk(path, p) != 0)
				status = -1;
			free(path);
		} else if (type == DT_REG && is_yaml(de->d_name))
			paths_add(p, path);
		else
			free(path);
	}
	closedir(dp);
	return status;
}

static int
cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
parse(const char *path)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	size_t len;
	char *buf;
	int done, status;

	if ((buf = slurp(path, &len)) == NULL)
		return 1;
	status = 0;
	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
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
	return status;
}

int
main(int argc, char **argv)
{
	struct paths p = { NULL, 0, 0 };
	size_t i;
	int ch, status;

	status = 0;
	while ((ch = getopt(argc, argv, "d:")) != -1) {
		switch (ch) {
		case 'd':
			if (walk(optarg, &p) != 0)
				status = 1;
			break;
		default:
			fprintf(stderr, "usage: floor [-d dir] [file ...]\n");
			return 64;
		}
	}
	if (p.n > 0)
		qsort(p.v, p.n, sizeof(*p.v), cmp_path);
	for (i = 0; i < p.n; i++) {
		status |= parse(p.v[i]);
		free(p.v[i]);
	}
	free(p.v);
	for (i = (size_t)optind; i < (size_t)argc; i++)
		status |= parse(argv[i]);
	return status;
}
