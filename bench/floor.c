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

/*
 * A folder's entries, as they are listed: a type byte ('d' a folder,
 * 'f' a file) and the name, packed one after the other, as prolo's
 * walk keeps them; a hundred thousand paths malloc'd one by one would
 * cost the floor cache misses that prolo does not have.
 */
struct names {
	char	*buf;
	size_t	 len, cap, n;
};

static void
names_add(struct names *nm, int type, const char *name)
{
	size_t need = strlen(name) + 2;

	while (nm->len + need > nm->cap) {
		nm->cap = nm->cap ? nm->cap * 2 : 65536;
		if ((nm->buf = realloc(nm->buf, nm->cap)) == NULL)
			abort();
	}
	nm->buf[nm->len] = (char)type;
	memcpy(nm->buf + nm->len + 1, name, need - 1);
	nm->len += need;
	nm->n++;
}

static int
is_yaml(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcasecmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcasecmp(name + n - 4, ".yml") == 0);
}

/*
 * Byte order of the whole paths: a folder's name compares as if it
 * ended in '/', which is what follows it in the paths beneath it.
 */
static int
cmp_entry(const void *a, const void *b)
{
	const unsigned char *x = *(const unsigned char *const *)a;
	const unsigned char *y = *(const unsigned char *const *)b;
	int dx = x[0] == 'd', dy = y[0] == 'd', cx, cy;

	for (x++, y++; *x != '\0' && *x == *y; x++, y++)
		continue;
	cx = *x != '\0' ? *x : dx ? '/' : 0;
	cy = *y != '\0' ? *y : dy ? '/' : 0;
	return cx - cy;
}

/*
 * Lists the folder path (len bytes, in a buffer of cap) and parses
 * the YAML files beneath it in byte order of their paths; 0, or 1 if
 * a folder or file cannot be read or parsed.  The entry's type comes
 * with the listing on most file systems; lstat() only where it does
 * not.
 */
static int
walk(char *path, size_t len, size_t cap)
{
	struct names nm = { NULL, 0, 0, 0 };
	struct dirent *de;
	struct stat st;
	char **ents, *e;
	size_t i, m;
	DIR *dp;
	int type, status;

	if ((dp = opendir(path)) == NULL)
		return 1;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		type = de->d_type;
		if (type == DT_UNKNOWN) {
			snprintf(path + len, cap - len, "/%s", de->d_name);
			type = lstat(path, &st) != 0 ? DT_UNKNOWN :
			    S_ISDIR(st.st_mode) ? DT_DIR :
			    S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		}
		if (type == DT_DIR)
			names_add(&nm, 'd', de->d_name);
		else if (type == DT_REG && is_yaml(de->d_name))
			names_add(&nm, 'f', de->d_name);
	}
	closedir(dp);
	if ((ents = malloc((nm.n + 1) * sizeof(*ents))) == NULL)
		abort();
	for (i = 0, e = nm.buf; i < nm.n; i++, e += strlen(e) + 1)
		ents[i] = e;
	qsort(ents, nm.n, sizeof(*ents), cmp_entry);
	status = 0;
	for (i = 0; i < nm.n; i++) {
		m = strlen(ents[i] + 1);
		if (len + 1 + m >= cap) {
			status = 1;
			continue;
		}
		path[len] = '/';
		memcpy(path + len + 1, ents[i] + 1, m + 1);
		if (ents[i][0] == 'd')
			status |= walk(path, len + 1 + m, cap);
		else
			status |= parse(path);
	}
	path[len] = '\0';
	free(ents);
	free(nm.buf);
	return status;
}

int
main(int argc, char **argv)
{
	char path[4096];
	size_t len;
	int ch, i, status;

	status = 0;
	while ((ch = getopt(argc, argv, "d:")) != -1) {
		switch (ch) {
		case 'd':
			if (strlen(optarg) >= sizeof(path))
				return 1;
			strcpy(path, optarg);
			len = strlen(path);
			while (len > 1 && path[len - 1] == '/')
				path[--len] = '\0';
			status |= walk(path, len, sizeof(path));
			break;
		default:
			fprintf(stderr, "usage: floor [-d dir] [file ...]\n");
			return 64;
		}
	}
	for (i = optind; i < argc; i++)
		status |= parse(argv[i]);
	return status;
}
