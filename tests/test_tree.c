#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "tree.h"

/*
 * The YAML reader on its own: what it refuses, where it says so, and
 * the tree it builds.  Each case names the line and column (in
 * characters) the message must point at and words it must contain.
 */

/* A literal and its length, so a case may hold a NUL byte. */
#define TEXT(s)	s, sizeof(s) - 1

struct bad {
	const char	*yaml;
	size_t		 len;
	int		 line;
	int		 col;
	const char	*words;
};

static const struct bad bad_cases[] = {
	/* libyaml's own errors: one without a context ("while ..."). */
	{ TEXT("a: b\n...\nc: d\n"), 3, 1,
	    "did not find expected <document start>" },
	/* Tags and anchors on collections, not only on scalars. */
	{ TEXT("sites: !!seq [knee]\n"), 1, 8, "tags (!name) are not allowed" },
	{ TEXT("!!map {a: b}\n"), 1, 1, "tags (!name) are not allowed" },
	{ TEXT("sites: &s [knee]\n"), 1, 8,
	    "anchors (&name) are not allowed" },
	{ TEXT("patient: &p\n  id: A\n"), 1, 10,
	    "anchors (&name) are not allowed" },
	/* The NUL scan counts characters, not bytes, and restarts each line. */
	{ TEXT("name: Zo\xc3\xab\0\n"), 1, 10, "file contains a NUL byte" },
	{ TEXT("a: \xe2\x80\x94\xe2\x80\x94\nb: \xe2\x80\x94\0"), 2, 5,
	    "file contains a NUL byte" },
	/*
	 * After a byte-order mark and CRLF line ends, as Windows Notepad
	 * saves: places count from the character after the mark.
	 */
	{ TEXT("\xef\xbb\xbf" "a: 1\r\nb: 2\r\nab: &x 1\r\n"), 3, 5,
	    "anchors (&name) are not allowed" },
	{ TEXT("\xef\xbb\xbf" "a: &x 1\r\n"), 1, 4,
	    "anchors (&name) are not allowed" },
	{ TEXT("\xef\xbb\xbf" "# Notepad\r\na: 1\r\n b: 2\r\n"), 3, 3,
	    "mapping values are not allowed" },
	{ TEXT("\xef\xbb\xbf"), 1, 1, "(the file is empty)" },
	{ TEXT("\xef\xbb\xbf" "a: b\0"), 1, 5, "file contains a NUL byte" },
	/*
	 * libyaml also ends a line at NEL, LS, PS and a bare CR; editors
	 * do not, and neither do places: one of each in a comment, at its
	 * end or with a comment after it, then an error.
	 */
	{ TEXT("# a\xc2\x85\nb: 1\nc: &x 1\n"), 3, 4,
	    "anchors (&name) are not allowed" },
	{ TEXT("# a\xe2\x80\xa8\nb: 1\nc: &x 1\n"), 3, 4,
	    "anchors (&name) are not allowed" },
	{ TEXT("# a\xe2\x80\xa9\nb: 1\nc: &x 1\n"), 3, 4,
	    "anchors (&name) are not allowed" },
	{ TEXT("# a\r\nb: 1\r# c\nc: &x 1\n"), 3, 4,
	    "anchors (&name) are not allowed" },
	{ TEXT("# a\xc2\x85# b\xe2\x80\xa8# c\xe2\x80\xa9# d\r# e\n"
	    "c: &x 1\n"), 2, 4, "anchors (&name) are not allowed" },
	/* With CRLF line ends, as Notepad saves them. */
	{ TEXT("# a\xc2\x85# b\r\nc: 1\r\nd: &x 1\r\n"), 3, 4,
	    "anchors (&name) are not allowed" },
	/* Columns go on counting characters past one on the same line. */
	{ TEXT("a: 1 # x\xe2\x80\xa9" "b: &x 2\n"), 1, 13,
	    "anchors (&name) are not allowed" },
	{ TEXT("a: [1, 2] # \xc3\xa9\rb: &x 2\n"), 1, 18,
	    "anchors (&name) are not allowed" },
	/* In a value, where YAML folds it, and in a quoted one. */
	{ TEXT("a: x\xc2\x85 y\nb: &c 1\n"), 2, 4,
	    "anchors (&name) are not allowed" },
	{ TEXT("a: \"x\xe2\x80\xa8y\"\nb: !t 1\n"), 2, 4,
	    "tags (!name) are not allowed" },
	/* The NUL scan never counted them. */
	{ TEXT("# \xc2\x85\na: b\0"), 2, 5, "file contains a NUL byte" },
	/*
	 * What libyaml's reader refuses has an offset, not a mark: its
	 * place is counted from it, after a BOM and odd breaks too.
	 */
	{ TEXT("a: b\nc: \"x\xff\"\n"), 2, 6, "invalid leading UTF-8 octet" },
	{ TEXT("a: b\n\nc: \x1b[31m\n"), 3, 4,
	    "control characters are not allowed" },
	{ TEXT("a: \xef\xbf\xbe\n"), 1, 4, "control characters are not allowed" },
	{ TEXT("\xef\xbb\xbf# \xc2\x85\r\nb: d\xe2\x80\xa8\xe2\x82"), 2, 6,
	    "incomplete UTF-8 octet sequence" },
	{ TEXT("a: b # \xe2\x80"), 1, 8, "incomplete UTF-8 octet sequence" },
	{ TEXT("a: b # \xc2"), 1, 8, "incomplete UTF-8 octet sequence" },
	/*
	 * The end of a file with no final line break is at the end of its
	 * last line, not on a line after it as libyaml has it.
	 */
	{ TEXT("a: [b"), 1, 6, "did not find expected ',' or ']'" },
	{ TEXT("a: [b\n"), 2, 1, "did not find expected ',' or ']'" },
	{ TEXT("# \xc2\x85\na: [\xc3\xa9"), 2, 6,
	    "did not find expected ',' or ']'" },
	/* A CR that ends the file; lead bytes of characters that are no break. */
	{ TEXT("a: &x 1\r"), 1, 4, "anchors (&name) are not allowed" },
	{ TEXT("# \xe2\x82\xac \xe2\x80\x94 \xc2\xa0\nb: &x 1"), 2, 4,
	    "anchors (&name) are not allowed" },
	/*
	 * A tab in a line's indentation, where libyaml says only "found
	 * character that cannot start any token": at the tab, wherever
	 * the indentation is (first line, under a key, after spaces, in a
	 * list, in a block scalar, after a byte-order mark).
	 */
	{ TEXT("\tpatient: x\n"), 1, 1, "a tab is used for indentation; "
	    "YAML indents with spaces only" },
	{ TEXT("patient:\n\tid: \"1\"\n"), 2, 1,
	    "a tab is used for indentation" },
	{ TEXT("patient:\n  id: \"1\"\n\tname: A\n"), 3, 1,
	    "a tab is used for indentation" },
	{ TEXT("a:\n  \tb: 1\n"), 2, 3, "a tab is used for indentation" },
	{ TEXT("a:\n  - x\n\t- y\n"), 3, 1, "a tab is used for indentation" },
	{ TEXT("a: |\n  x\n\ty\n"), 3, 1, "a tab is used for indentation" },
	{ TEXT("\xef\xbb\xbf" "a:\r\n\tb: 1\r\n"), 2, 1,
	    "a tab is used for indentation" },
	/* An error that is not at a tab keeps libyaml's words. */
	{ TEXT("a: \"x\t\ny: [\n"), 3, 1, "found unexpected end of stream" },
};

static void
torture_tree_parse_errors(void **state)
{
	struct diag d = { 0 };
	struct tree *t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++) {
		t = tree_parse("t.yaml", bad_cases[i].yaml, bad_cases[i].len,
		    &d);
		if (t != NULL)
			fail_msg("case %zu parsed", i);
		if (d.line != bad_cases[i].line || d.col != bad_cases[i].col ||
		    strstr(d.msg, bad_cases[i].words) == NULL)
			fail_msg("case %zu: got %d:%d: %s; want %d:%d: %s", i,
			    d.line, d.col, d.msg, bad_cases[i].line,
			    bad_cases[i].col, bad_cases[i].words);
		assert_string_equal(d.file, "t.yaml");
		assert_int_equal(diag_class(d.code), DIAG_DATA);
		/* A failed parse hands back NULL, which tree_free() takes. */
		tree_free(t);
		diag_release(&d);
	}
}

/* Tabs in quoted text, between a key and its value or before a comment parse. */
static void
torture_tree_parse_tabs_elsewhere(void **state)
{
	static const char *const good[] = {
		"a: \"x\ty\"\n", "a: 'x\ty'\n", "a:\t1\n", "a: b\t# c\n",
		"a: \"multi\n\tline\"\n", "a:\n  b: [1,\n\t2]\n",
		"a: b\t\n",
	};
	struct diag d = { 0 };
	struct tree *t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		if ((t = tree_parse("t.yaml", good[i], strlen(good[i]),
		    &d)) == NULL)
			fail_msg("case %zu: %d:%d: %s", i, d.line, d.col,
			    d.msg);
		tree_free(t);
	}
	diag_release(&d);
}

/* TREE_MAX_BYTES is read; one byte more is refused before parsing. */
static void
torture_tree_parse_size_limit(void **state)
{
	struct diag d = { 0 };
	struct tree *t;
	char *buf;

	(void)state;
	buf = malloc(TREE_MAX_BYTES + 1);
	assert_non_null(buf);
	memset(buf, 'a', TREE_MAX_BYTES + 1);
	t = tree_parse("t.yaml", buf, TREE_MAX_BYTES, &d);
	assert_non_null(t);
	assert_int_equal(tree_root(t)->kind, NODE_SCALAR);
	assert_int_equal(tree_root(t)->len, TREE_MAX_BYTES);
	tree_free(t);
	assert_null(tree_parse("t.yaml", buf, TREE_MAX_BYTES + 1, &d));
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 1);
	assert_string_equal(d.msg, "file is larger than 1048576 bytes");
	diag_release(&d);
	free(buf);
}

/*
 * The tree keeps scalars as written (a "\0" escape stays a NUL inside
 * the value, and its length counts it), places in characters, and empty
 * collections.
 */
static void
torture_tree_parse_shape(void **state)
{
	static const char yaml[] =
	    "name: \"Zo\xc3\xab\\0x\"\n"
	    "plain: 0012\n"
	    "empty: []\n"
	    "map: {\xc3\xa9: 1, b: 2}\n";
	const struct node *root, *v;
	struct diag d = { 0 };
	struct tree *t;

	(void)state;
	t = tree_parse("t.yaml", yaml, strlen(yaml), &d);
	assert_non_null(t);
	root = tree_root(t);
	assert_int_equal(root->kind, NODE_MAP);
	assert_int_equal(root->n, 4);
	v = root->pairs[0].value;
	assert_int_equal(v->kind, NODE_SCALAR);
	assert_int_equal(v->plain, 0);
	assert_int_equal(v->len, 6);
	assert_memory_equal(v->text, "Zo\xc3\xab\0x", 7);
	v = root->pairs[1].value;
	assert_int_equal(v->plain, 1);
	assert_string_equal(v->text, "0012");
	v = root->pairs[2].value;
	assert_int_equal(v->kind, NODE_LIST);
	assert_int_equal(v->n, 0);
	assert_int_equal(v->line, 3);
	assert_int_equal(v->col, 8);
	v = root->pairs[3].value;
	assert_int_equal(v->kind, NODE_MAP);
	assert_int_equal(v->n, 2);
	assert_string_equal(v->pairs[1].key->text, "b");
	assert_int_equal(v->pairs[1].key->line, 4);
	assert_int_equal(v->pairs[1].key->col, 13);
	tree_free(t);
}

/*
 * A flow list of n values "1": one node for the list and one for each
 * value, the value i (from 1) written at column 2i.
 */
static char *
flow_list(size_t n, size_t *len)
{
	char *buf;
	size_t i;

	buf = malloc(2 * n + 2);
	assert_non_null(buf);
	buf[0] = '[';
	for (i = 0; i < n; i++) {
		buf[2 * i + 1] = '1';
		buf[2 * i + 2] = ',';
	}
	buf[2 * n] = ']';
	*len = 2 * n + 1;
	return buf;
}

/* The list and its values count alike: the 50,001st node is refused. */
static void
torture_tree_parse_node_limit(void **state)
{
	struct diag d = { 0 };
	struct tree *t;
	size_t len;
	char *buf;

	(void)state;
	buf = flow_list(TREE_MAX_NODES - 2, &len);
	t = tree_parse("t.yaml", buf, len, &d);
	free(buf);
	assert_non_null(t);
	assert_int_equal(tree_root(t)->n, TREE_MAX_NODES - 2);
	tree_free(t);
	/* Exactly the limit: the list and its TREE_MAX_NODES - 1 items. */
	buf = flow_list(TREE_MAX_NODES - 1, &len);
	t = tree_parse("t.yaml", buf, len, &d);
	free(buf);
	assert_non_null(t);
	tree_free(t);
	buf = flow_list(TREE_MAX_NODES, &len);
	assert_null(tree_parse("t.yaml", buf, len, &d));
	free(buf);
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 2 * TREE_MAX_NODES);
	assert_string_equal(d.msg, "more than 50000 values in one file");
	diag_release(&d);
}

/*
 * A file saved by Windows Notepad: a byte-order mark, then CRLF line
 * ends.  It loads, and places count from the character after the mark.
 */
static void
torture_tree_parse_bom(void **state)
{
	static const char notepad[] =
	    "\xef\xbb\xbfpatient:\r\n  id: A\r\nstart: 2026-12-01\r\n";
	const struct node *root;
	struct diag d = { 0 };
	struct tree *t;

	(void)state;
	t = tree_parse("t.yaml", notepad, strlen(notepad), &d);
	if (t == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	root = tree_root(t);
	assert_int_equal(root->kind, NODE_MAP);
	assert_int_equal(root->n, 2);
	assert_int_equal(root->line, 1);
	assert_int_equal(root->col, 1);
	assert_string_equal(root->pairs[0].key->text, "patient");
	assert_int_equal(root->pairs[0].value->pairs[0].key->col, 3);
	assert_int_equal(root->pairs[1].key->line, 3);
	assert_int_equal(root->pairs[1].key->col, 1);
	assert_int_equal(root->pairs[1].value->col, 8);
	tree_free(t);
}

/*
 * An odd break can turn the end of a comment into keys, and libyaml's
 * message then says nothing of it: a note points at the break.
 */
static void
torture_tree_parse_break_note(void **state)
{
	static const struct {
		const char	*yaml;
		int		 line, col;	/* the error's place */
		int		 nline, ncol;	/* the note's */
		const char	*note;
	} cases[] = {
		{ "# a comment\xc2\x85with a break\npatient: {id: A}\n",
		    2, 8, 1, 12, "U+0085 (next line)" },
		{ "# x\xe2\x80\xa8# y\n# a\xe2\x80\xa8" "b\nc: d\n", 3, 2,
		    2, 4, "U+2028 (line separator)" },
		{ "a: {b: c}   # x\xe2\x80\xa9 y\n", 1, 18, 1, 16,
		    "U+2029 (paragraph separator)" },
		{ "a: 1\r b: 2\n", 1, 8, 1, 5, "U+000D (carriage return)" },
	};
	struct diag d = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		assert_null(tree_parse("t.yaml", cases[i].yaml,
		    strlen(cases[i].yaml), &d));
		if (d.line != cases[i].line || d.col != cases[i].col ||
		    d.note == NULL || d.note->line != cases[i].nline ||
		    d.note->col != cases[i].ncol ||
		    strstr(d.note->msg, cases[i].note) == NULL)
			fail_msg("case %zu: got %d:%d: %s; note %d:%d: %s", i,
			    d.line, d.col, d.msg, d.note ? d.note->line : 0,
			    d.note ? d.note->col : 0,
			    d.note ? d.note->msg : "(none)");
		assert_int_equal(d.code, D_SYNTAX);
		assert_int_equal(d.note->code, D_NOTE_BREAK);
		assert_null(d.note->note);
		diag_release(&d);
	}
	/* A syntax error before the break, or with none, has no note. */
	assert_null(tree_parse("t.yaml", TEXT("a: b: c\n# \xc2\x85\n"), &d));
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 5);
	assert_null(d.note);
	diag_release(&d);
	assert_null(tree_parse("t.yaml", TEXT("a: b: c\n"), &d));
	assert_null(d.note);
	diag_release(&d);
}

/* Nodes after odd breaks are where an editor shows them. */
static void
torture_tree_parse_break_places(void **state)
{
	static const char yaml[] =
	    "# \xe2\x80\xa9\r\n"
	    "a: \"x\xe2\x80\xa8y\"  # \xc2\x85\n"
	    "b: [1, \xc3\xa9]\r# \r\n"
	    "c: {d: e}\n";
	const struct node *root, *v;
	struct diag d = { 0 };
	struct tree *t;

	(void)state;
	t = tree_parse("t.yaml", yaml, strlen(yaml), &d);
	if (t == NULL)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	root = tree_root(t);
	assert_int_equal(root->n, 3);
	assert_int_equal(root->line, 2);
	assert_int_equal(root->pairs[0].value->line, 2);
	assert_int_equal(root->pairs[0].value->col, 4);
	v = root->pairs[1].value;
	assert_int_equal(v->line, 3);
	assert_int_equal(v->col, 4);
	assert_int_equal(v->items[1]->line, 3);
	assert_int_equal(v->items[1]->col, 8);
	v = root->pairs[2].value;
	assert_int_equal(root->pairs[2].key->line, 4);
	assert_int_equal(v->line, 4);
	assert_int_equal(v->col, 4);
	assert_int_equal(v->pairs[0].value->col, 8);
	tree_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(torture_tree_parse_errors),
		cmocka_unit_test(torture_tree_parse_tabs_elsewhere),
		cmocka_unit_test(torture_tree_parse_size_limit),
		cmocka_unit_test(torture_tree_parse_shape),
		cmocka_unit_test(torture_tree_parse_node_limit),
		cmocka_unit_test(torture_tree_parse_bom),
		cmocka_unit_test(torture_tree_parse_break_note),
		cmocka_unit_test(torture_tree_parse_break_places),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
