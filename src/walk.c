/* d_type and its DT_ values are BSD extensions. */
#define _DEFAULT_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk.h"
#include "xalloc.h"

/*
 * A folder being walked: its entries worth yielding, sorted, each a
 * type byte (entry_type()) and the name.
 * fts(3) and scandir(3) keep a record of a hundred bytes or more per
 * entry; a clinic's census folder holds 100,000 patients, so the names
 * are packed into chunks here, two bytes over the name each.
 */
struct chunk {
	struct chunk	*next;
	size_t		 used;
	size_t		 size;
	char		 buf[];
};

#define CHUNK_SIZE	(64 * 1024)

struct level {
	char		**ents;
	size_t		  n;
	size_t		  cap;
	size_t		  next;
	struct chunk	 *chunks;
	size_t		  plen;		/* of its path in walk.path, '/' and all */
	dev_t		  dev;
	ino_t		  ino;
};

struct walk {
	char		**ops;		/* the operands, or NULL for a list */
	int		  nops;
	int		  op;
	FILE		 *list;
	char		 *listname;
	int		  delim;
	int		  list_done;
	int		  entries;	/* lines (or entries) of the list read */
	int		  named;	/* names it gave, or entries that
					   named none: said, not empty */
	int		  stdin_taken;
	int		  enter;	/* walk_enter() was called */
	char		  name[WALK_NAME_MAX + 1];	/* the list's entry */
	struct level	 *lv;		/* the folders open, outermost first */
	size_t		  depth;
	size_t		  lvcap;
	char		 *top;		/* the folder given, as given */
	size_t		  found;	/* files yielded beneath it */
	char		 *path;
	size_t		  pathcap;
};

static struct walk *
walk_new(void)
{
	struct walk *w;

	w = xcalloc(1, sizeof(*w));
	w->pathcap = 256;
	w->path = xmalloc(w->pathcap);
	return w;
}

struct walk *
walk_operands(char **argv, int n)
{
	struct walk *w;

	w = walk_new();
	w->ops = argv;
	w->nops = n;
	return w;
}

struct walk *
walk_list(const char *name, int delim)
{
	struct walk *w;
	FILE *fp;

	if (strcmp(name, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(name, "re")) == NULL)
		return NULL;
	w = walk_new();
	w->list = fp;
	w->listname = xstrdup(name);
	w->delim = delim;
	w->stdin_taken = fp == stdin;
	return w;
}

static void
level_release(struct level *l)
{
	struct chunk *c, *next;

	for (c = l->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(l->ents);
	memset(l, 0, sizeof(*l));
}

void
walk_free(struct walk *w)
{
	if (w == NULL)
		return;
	while (w->depth > 0)
		level_release(&w->lv[--w->depth]);
	if (w->list != NULL && w->list != stdin)
		fclose(w->list);
	free(w->listname);
	free(w->lv);
	free(w->top);
	free(w->path);
	free(w);
}

/* Puts s at offset at of the path, growing it as needed. */
static void
path_set(struct walk *w, size_t at, const char *s)
{
	size_t len = strlen(s);

	if (at + len + 2 > w->pathcap) {
		while (at + len + 2 > w->pathcap)
			w->pathcap *= 2;
		w->path = xreallocarray(w->path, w->pathcap, 1);
	}
	memcpy(w->path + at, s, len + 1);
}

/* A patient file's name: NAME.yaml or NAME.yml, in any case. */
static int
is_yaml(const char *name)
{
	size_t len = strlen(name);

	return (len > 5 && strcasecmp(name + len - 5, ".yaml") == 0) ||
	    (len > 4 && strcasecmp(name + len - 4, ".yml") == 0);
}

/*
 * What an entry is to the walk: 'd' a folder to walk, 'f' a regular
 * file to yield, 'n' a patient file's name on something else (a FIFO,
 * a device: never opened), 'l' a link to report, 0 nothing.  d_type
 * saves a stat of every patient on the file systems that fill it in.
 */
static int
entry_type(int dfd, const struct dirent *de)
{
	struct stat st;
	int yaml = is_yaml(de->d_name);
	unsigned char t = de->d_type;

	if (t == DT_UNKNOWN) {
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			return yaml ? 'f' : 0;	/* gone: let the read say */
		t = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ?
		    DT_LNK : S_ISREG(st.st_mode) ? DT_REG : DT_FIFO;
	}
	if (t == DT_DIR)
		return 'd';
	if (t == DT_LNK)
		return yaml || (fstatat(dfd, de->d_name, &st, 0) == 0 &&
		    S_ISDIR(st.st_mode)) ? 'l' : 0;
	if (!yaml)
		return 0;
	return t == DT_REG ? 'f' : 'n';
}

static void
level_add(struct level *l, int type, const char *name)
{
	struct chunk *c = l->chunks;
	size_t need = strlen(name) + 2;

	if (c == NULL || c->size - c->used < need) {
		c = xmalloc(sizeof(*c) + (need > CHUNK_SIZE ? need :
		    CHUNK_SIZE));
		c->size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
		c->used = 0;
		c->next = l->chunks;
		l->chunks = c;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->ents = xreallocarray(l->ents, l->cap, sizeof(*l->ents));
	}
	l->ents[l->n++] = c->buf + c->used;
	c->buf[c->used] = (char)type;
	memcpy(c->buf + c->used + 1, name, need - 1);
	c->used += need;
}

/*
 * Byte order of the whole paths: a folder's name compares as if it
 * ended in '/', which is what follows it in the paths beneath it, so
 * "a-b/x.yaml" < "a.yaml" < "a/x.yaml" as in sort(1) with LC_ALL=C.
 */
static int
entry_cmp(const void *a, const void *b)
{
	const unsigned char *x = *(const unsigned char * const *)a;
	const unsigned char *y = *(const unsigned char * const *)b;
	int dx = x[0] == 'd', dy = y[0] == 'd', cx, cy;

	for (x++, y++; *x != '\0' && *x == *y; x++, y++)
		continue;
	cx = *x != '\0' ? *x : dx ? '/' : 0;
	cy = *y != '\0' ? *y : dy ? '/' : 0;
	return cx - cy;
}

/*
 * Reads the folder at w->path (no final '/') into l, sorted.  follow:
 * it was named, so a link to it is followed.  Returns 0 or an errno
 * value; -1 when it is a folder already open above it.
 */
static int
level_read(struct walk *w, struct level *l, int follow)
{
	struct dirent *de;
	struct stat st;
	size_t i;
	DIR *dir;
	int fd, type, err;

	memset(l, 0, sizeof(*l));
	fd = open(w->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
	    (follow ? 0 : O_NOFOLLOW));
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0 || (dir = fdopendir(fd)) == NULL) {
		err = errno;
		close(fd);
		return err;
	}
	for (i = 0; i < w->depth; i++)
		if (w->lv[i].dev == st.st_dev && w->lv[i].ino == st.st_ino) {
			closedir(dir);
			return -1;
		}
	l->dev = st.st_dev;
	l->ino = st.st_ino;
	for (errno = 0; (de = readdir(dir)) != NULL; errno = 0)
		if (de->d_name[0] != '.' &&
		    (type = entry_type(fd, de)) != 0)
			level_add(l, type, de->d_name);
	err = errno;
	closedir(dir);
	if (err != 0) {
		level_release(l);
		return err;
	}
	if (l->n > 1)	/* qsort() takes no NULL, even for none */
		qsort(l->ents, l->n, sizeof(*l->ents), entry_cmp);
	return 0;
}

/*
 * Opens the folder at w->path (no final '/', plen its length) as the
 * innermost one: 0, or an errno value (-1: a loop) with nothing open.
 */
static int
walk_push(struct walk *w, size_t plen, int follow)
{
	struct level l;
	int err;

	if ((err = level_read(w, &l, follow)) != 0)
		return err;
	if (w->depth == w->lvcap) {
		w->lvcap = w->lvcap ? w->lvcap * 2 : 8;
		w->lv = xreallocarray(w->lv, w->lvcap, sizeof(*w->lv));
	}
	if (plen == 0 || w->path[plen - 1] != '/')
		w->path[plen++] = '/';
	w->path[plen] = '\0';
	l.plen = plen;
	w->lv[w->depth++] = l;
	return 0;
}

static void
item_set(struct walk_item *it, enum walk_event ev, const char *path,
    int err)
{
	memset(it, 0, sizeof(*it));
	it->event = ev;
	it->path = path;
	it->err = err;
}

/*
 * One step in the innermost folder: 1 with an item to give, 0 when
 * there is nothing to give yet.
 */
static int
walk_step(struct walk *w, struct walk_item *it)
{
	struct level *l = &w->lv[w->depth - 1];
	const char *e;
	int err;

	if (l->next == l->n) {
		level_release(l);
		if (--w->depth > 0 || w->found > 0)
			return 0;
		item_set(it, WALK_EMPTY, w->top, 0);
		return 1;
	}
	e = l->ents[l->next++];
	path_set(w, l->plen, e + 1);
	if (e[0] == 'f') {
		w->found++;
		item_set(it, WALK_FILE, w->path, 0);
		it->found = 1;
		return 1;
	}
	if (e[0] == 'l' || e[0] == 'n') {
		item_set(it, e[0] == 'l' ? WALK_LINK : WALK_NOTREG, w->path,
		    0);
		return 1;
	}
	if ((err = walk_push(w, l->plen + strlen(e + 1), 0)) == 0)
		return 0;
	item_set(it, err < 0 ? WALK_LOOP : WALK_ERROR, w->path, err);
	return 1;
}

static void
bad_name(struct walk *w, struct walk_item *it, int err, int col)
{
	w->named++;
	item_set(it, WALK_BADNAME, w->listname, err);
	it->entry = w->entries;
	it->col = col;
}

/*
 * Reads the list's next entry into w->name: 1 with it there, 0 at the
 * end of the list, -1 with an item to give (an error) instead.
 */
static int
list_read(struct walk *w, struct walk_item *it)
{
	size_t len;
	int c;

	for (;;) {
		if (w->list_done)
			return 0;
		len = 0;
		while ((c = getc_unlocked(w->list)) != EOF &&
		    c != w->delim) {
			if (c == '\0') {
				/* Not a list of lines: the rest is no name. */
				w->entries++;
				w->list_done = 1;
				bad_name(w, it, WALK_ENUL, (int)len + 1);
				return -1;
			}
			if (len < WALK_NAME_MAX)
				w->name[len] = (char)c;
			len++;
		}
		if (c == EOF) {
			w->list_done = 1;
			if (ferror(w->list)) {
				w->named++;	/* said: not empty */
				item_set(it, WALK_ERROR, w->listname, errno);
				return -1;
			}
			if (len == 0)
				return 0;	/* no final separator: fine */
		}
		w->entries++;
		if (len > WALK_NAME_MAX) {
			bad_name(w, it, WALK_ELONG, 1);
			return -1;
		}
		w->name[len] = '\0';
		if (len > 0)
			return 1;
		if (w->delim == '\0') {
			bad_name(w, it, WALK_EEMPTY, 1);
			return -1;
		}
	}
}

/*
 * The next name to start from, an operand or a list entry, in w->path:
 * 1 with it there, 0 at the end, -1 with an item to give instead.
 */
static int
walk_source(struct walk *w, struct walk_item *it)
{
	int rc;

	if (w->ops != NULL) {
		if (w->op == w->nops)
			return 0;
		path_set(w, 0, w->ops[w->op++]);
		return 1;
	}
	if ((rc = list_read(w, it)) <= 0) {
		if (rc == 0 && w->named == 0) {
			w->named = 1;	/* said once */
			item_set(it, WALK_EMPTY, w->listname, 1);
			return -1;
		}
		return rc;
	}
	w->named++;
	if (strcmp(w->name, "-") == 0 && w->stdin_taken) {
		bad_name(w, it, w->list == stdin ? WALK_ESTDIN :
		    WALK_ESTDIN2, 1);
		return -1;
	}
	if (strcmp(w->name, "-") == 0)
		w->stdin_taken = 1;
	path_set(w, 0, w->name);
	return 1;
}

/*
 * The named file just given (w->path) is a folder: walk it.  0, or 1
 * with an error to give.
 */
static int
walk_top(struct walk *w, struct walk_item *it)
{
	size_t len;
	int err;

	free(w->top);
	w->top = xstrdup(w->path);
	w->found = 0;
	len = strlen(w->path);
	/* "a/" and "a//" are opened as "a", and "/" as itself. */
	while (len > 1 && w->path[len - 1] == '/')
		w->path[--len] = '\0';
	if ((err = walk_push(w, len, 1)) == 0)
		return 0;
	item_set(it, WALK_ERROR, w->top, err);
	return 1;
}

void
walk_enter(struct walk *w)
{
	w->enter = 1;
}

void
walk_next(struct walk *w, struct walk_item *it)
{
	int rc;

	for (;;) {
		if (w->enter) {
			w->enter = 0;
			if (walk_top(w, it))
				return;
		}
		if (w->depth > 0) {
			if (walk_step(w, it))
				return;
			continue;
		}
		if ((rc = walk_source(w, it)) < 0)
			return;
		if (rc == 0) {
			item_set(it, WALK_END, NULL, 0);
			return;
		}
		/*
		 * Whether it is a folder is learned by reading it: a stat
		 * of every patient named would cost a census a tenth.
		 */
		item_set(it, WALK_FILE, w->path, 0);
		return;
	}
}
