#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "book.h"
#include "book_csv.h"
#include "date.h"
#include "diag.h"

/*
 * RFC 4180, as spreadsheets write it: fields separated by commas,
 * records by CRLF or LF, a field in double quotes may hold commas, line
 * breaks and doubled quotes.  Only two columns matter, so a field is
 * copied only as far as a value of theirs can go; the rest is skipped.
 */

#define FIELD_MAX	64	/* bytes of a field kept: a header name,
				   a date, a time, or enough to quote */

struct csv {
	const char	*file;
	const char	*p;
	const char	*end;
	int		 line;		/* of p */
	int		 col;
	struct diag	*d;
};

struct field {
	char	 text[FIELD_MAX];
	size_t	 len;		/* bytes kept */
	int	 whole;		/* all of it was kept */
	int	 line;
	int	 col;
};

/* What ended a field; FIELD_ERROR is diag_set()'s -1. */
enum { FIELD_ERROR = -1, FIELD_NEXT, FIELD_LAST };

static void
csv_step(struct csv *c)
{
	if (*c->p == '\n') {
		c->line++;
		c->col = 1;
	} else if (((unsigned char)*c->p & 0xc0) != 0x80)
		c->col++;	/* a column is a character, not a byte */
	c->p++;
}

static void
keep(struct field *f, char ch)
{
	if (f->len + 1 < sizeof(f->text))
		f->text[f->len++] = ch;
	else
		f->whole = 0;
}

/* The end of a record: LF, CRLF, or the end of the text. */
static int
at_eol(const struct csv *c)
{
	return c->p == c->end || *c->p == '\n' ||
	    (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n');
}

/* Past the comma or the record's end that ended a field. */
static int
field_end(struct csv *c)
{
	if (c->p == c->end)
		return FIELD_LAST;
	if (*c->p == ',') {
		csv_step(c);
		return FIELD_NEXT;
	}
	if (*c->p == '\r')
		csv_step(c);
	csv_step(c);
	return FIELD_LAST;
}

static int
field_quoted(struct csv *c, struct field *f)
{
	csv_step(c);
	for (;;) {
		if (c->p == c->end)
			return diag_set(c->d, c->file, f->line, f->col,
			    D_CSV_QUOTE);
		if (*c->p == '"') {
			csv_step(c);
			if (c->p == c->end || *c->p != '"')
				break;
		}
		if (*c->p == '\0')
			return diag_set(c->d, c->file, c->line, c->col, D_NUL);
		keep(f, *c->p);
		csv_step(c);
	}
	if (!at_eol(c) && *c->p != ',')
		return diag_set(c->d, c->file, c->line, c->col,
		    D_CSV_AFTER_QUOTE);
	return field_end(c);
}

/* One field, into f; FIELD_NEXT when another follows in its record. */
static int
field_read(struct csv *c, struct field *f)
{
	f->len = 0;
	f->whole = 1;
	f->line = c->line;
	f->col = c->col;
	if (c->p < c->end && *c->p == '"')
		return field_quoted(c, f);
	while (!at_eol(c) && *c->p != ',') {
		if (*c->p == '\0')
			return diag_set(c->d, c->file, c->line, c->col, D_NUL);
		if (*c->p == '"')
			return diag_set(c->d, c->file, c->line, c->col,
			    D_CSV_BARE_QUOTE);
		keep(f, *c->p);
		csv_step(c);
	}
	return field_end(c);
}

static int
named(const struct field *f, const char *name)
{
	size_t n = strlen(name), i = 0, len = f->len;

	while (i < len && f->text[i] == ' ')
		i++;
	while (len > i && f->text[len - 1] == ' ')
		len--;
	return f->whole && len - i == n &&
	    strncasecmp(f->text + i, name, n) == 0;
}

/* The header: which columns hold the date and the time. */
static int
header_read(struct csv *c, int *date_col, int *time_col)
{
	struct field f;
	int rc, i;

	*date_col = *time_col = -1;
	for (i = 0;; i++) {
		if ((rc = field_read(c, &f)) == FIELD_ERROR)
			return -1;
		if (named(&f, "date") && *date_col < 0)
			*date_col = i;
		else if (named(&f, "time") && *time_col < 0)
			*time_col = i;
		if (rc == FIELD_LAST)
			break;
	}
	if (*date_col < 0 || *time_col < 0)
		return diag_set(c->d, c->file, 1, 1, D_CSV_COLUMNS,
		    *date_col < 0 ? "date" : "time");
	return 0;
}

static int
bad_value(struct csv *c, const struct field *f, const char *column,
    enum diag_code code)
{
	char q[DIAG_QUOTE_MAX * 4 + 8];

	return diag_set(c->d, c->file, f->line, f->col, code, column,
	    diag_quote(q, sizeof(q), f->text, f->len));
}

/*
 * One appointment row.  *untimed is set for one to come with no time:
 * a visit planned without one, which holds no slot yet.
 */
static int
row_read(struct csv *c, struct book *b, int date_col, int time_col,
    int *untimed)
{
	struct field f, date, time;
	int rc, i, day, min;

	date.len = time.len = 0;
	date.line = time.line = 0;
	for (i = 0;; i++) {
		if ((rc = field_read(c, &f)) == FIELD_ERROR)
			return -1;
		if (i == date_col)
			date = f;
		else if (i == time_col)
			time = f;
		if (rc == FIELD_LAST)
			break;
	}
	if (i < date_col || i < time_col)
		return diag_set(c->d, c->file, f.line, f.col, D_CSV_SHORT,
		    i + 1, (date_col > time_col ? date_col : time_col) + 1);
	if (!date.whole || date_parse(date.text, date.len, &day) != DATE_OK)
		return bad_value(c, &date, "date", D_NOT_DATE);
	if (time.len == 0) {
		*untimed = day >= book_first(b);
		return 0;
	}
	if (!time.whole || date_time_parse(time.text, time.len, &min) != 0)
		return bad_value(c, &time, "time", D_NOT_TIME);
	book_add_visit(b, day, min);
	return 0;
}

static int
blank_line(const struct csv *c)
{
	return c->p < c->end && (*c->p == '\n' ||
	    (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n'));
}

int
book_csv_read(struct book *b, const char *file, const char *buf,
    size_t len, struct diag *d, struct diag *warn)
{
	struct csv c = { file, buf, buf + len, 1, 1, d };
	int date_col, time_col, untimed, line, first = 0;
	size_t nuntimed = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		c.p += 3;	/* a spreadsheet's byte order mark */
	if (c.p == c.end)
		return diag_set(d, file, 1, 1, D_CSV_COLUMNS, "date");
	if (header_read(&c, &date_col, &time_col) != 0)
		return -1;
	while (c.p < c.end) {
		if (blank_line(&c)) {
			if (*c.p == '\r')
				csv_step(&c);
			csv_step(&c);
			continue;
		}
		line = c.line;
		untimed = 0;
		if (row_read(&c, b, date_col, time_col, &untimed) != 0)
			return -1;
		if (untimed && nuntimed++ == 0)
			first = line;
	}
	if (nuntimed > 0)
		diag_set(warn, file, first, 1, D_WARN_BOOK_UNTIMED, nuntimed);
	return 0;
}
