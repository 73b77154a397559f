#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care.h"
#include "fixture.h"
#include "date.h"
#include "diag.h"
#include "file.h"
#include "patient.h"
#include "plan.h"
#include "print.h"
#include "protocol.h"
#include "strv.h"
#include "tree.h"
#include "utf8.h"

/*
 * The HTML handout, written into memory: a whole document opened by the
 * first plan and closed at the end, every value escaped, the same
 * content as the text handout, one section per patient.
 */

/* A medicine the protocol pauses 3 days before to 7 days after a visit. */
static void
hold_naproxen(struct fixture *f)
{
	strv_push(&f->p.medications, "naproxen");
	f->pr.holds = calloc(1, sizeof(*f->pr.holds));
	strv_push(&f->pr.holds[0].drugs, "naproxen");
	f->pr.holds[0].stop_before = 3;
	f->pr.holds[0].resume_after = 7;
	f->pr.nholds = 1;
}

static void
unhold(struct fixture *f)
{
	strv_release(&f->pr.holds[0].drugs);
	free(f->pr.holds);
	f->pr.holds = NULL;
	f->pr.nholds = 0;
}

static size_t
count(const char *s, const char *needle)
{
	size_t n;

	for (n = 0; (s = strstr(s, needle)) != NULL; s += strlen(needle))
		n++;
	return n;
}

/* Where needle first occurs, failing the test if it does not. */
static size_t
at(const char *s, const char *needle)
{
	const char *p;

	if ((p = strstr(s, needle)) == NULL)
		fail_msg("missing: %s", needle);
	return (size_t)(p - s);
}

static void
assert_has(const char *s, const char *needle)
{
	(void)at(s, needle);
}

static void
torture_html_document(void **state)
{
	struct fixture *f = *state;

	fixture_render(f, &format_html, f->care, 1);
	assert_true(utf8_valid(f->out, f->len));
	assert_int_equal(at(f->out, "<!DOCTYPE html>\n<html lang=\"en\">\n"),
	    0);
	assert_has(f->out, "<meta charset=\"utf-8\">");
	assert_has(f->out, "<title>Your prolotherapy treatment plan</title>");
	assert_has(f->out, "@page{margin:15mm}");
	assert_has(f->out, "@media print");
	assert_has(f->out, "break-inside:avoid");
	assert_has(f->out, "break-before:page");
	assert_true(f->len > 16);
	assert_string_equal(f->out + f->len - 16, "</body>\n</html>\n");
	assert_int_equal(count(f->out, "<section"), 1);
	assert_int_equal(count(f->out, "</section>"), 1);
	/* Self-contained: nothing to fetch, nothing to run. */
	assert_null(strstr(f->out, "<script"));
	assert_null(strstr(f->out, "<link"));
	assert_null(strstr(f->out, "<img"));
	assert_null(strstr(f->out, "url("));
	assert_null(strstr(f->out, "://"));
	assert_null(strstr(f->out, "@import"));
}

static void
torture_html_fields(void **state)
{
	struct fixture *f = *state;

	f->p.has_birth_date = 1;
	f->p.birth_date = date_from_ymd(1961, 3, 14);
	fixture_render(f, &format_html, f->care, 1);
	assert_has(f->out, "<h1>Your prolotherapy treatment plan</h1>");
	assert_has(f->out, "<dt>Patient ID</dt><dd dir=\"auto\">0012</dd>");
	assert_has(f->out, "<dt>Born</dt><dd>14 March 1961</dd>");
	assert_has(f->out, "<dt>Treatment</dt><dd dir=\"auto\">Dextrose "
	    "prolotherapy, knee osteoarthritis</dd>");
	assert_has(f->out, "<dt>Solution</dt><dd dir=\"auto\">12.5% "
	    "dextrose with 0.5% lidocaine</dd>");
	assert_has(f->out, "<dt>Sites</dt><dd dir=\"auto\">left knee; "
	    "right, outer knee</dd>");
	assert_has(f->out, "<dt>Course</dt><dd>3 visits, 14 to 21 days "
	    "apart; injections at each visit: 2</dd>");
	assert_has(f->out, "<dt>Prepared</dt><dd>Friday 27 November "
	    "2026</dd>");
	/* The fields come in the text handout's order. */
	assert_true(at(f->out, "<dt>Patient</dt>") <
	    at(f->out, "<dt>Patient ID</dt>"));
	assert_true(at(f->out, "<dt>Born</dt>") <
	    at(f->out, "<dt>Treatment</dt>"));
	assert_true(at(f->out, "<dt>Course</dt>") <
	    at(f->out, "<dt>Prepared</dt>"));
	/* No warnings, so no warning box. */
	assert_null(strstr(f->out, "Please read first"));
}

static void
torture_html_escapes(void **state)
{
	struct fixture *f = *state;
	static const char *raw[] = {
		"<script>", "</script>", "& \"Jo\"", "O'Brien", "<b>",
		"<id>", "<lidocaine>", "R&D", "a<b", "\"x\" & 'y'",
	};
	size_t i;

	f->p.name = "<script>alert(1)</script> & \"Jo\" O'Brien";
	f->p.id = "<id>&'\"";
	f->pr.name = "Dextrose <b>bold</b> R&D";
	f->pr.solution = "12.5% dextrose & <lidocaine>";
	strv_push(&f->p.sites, "a<b");
	strv_push(&f->p.medications, "warfarin \"x\" & 'y'");
	fixture_render(f, &format_html, f->care, 1);
	for (i = 0; i < sizeof(raw) / sizeof(*raw); i++)
		if (strstr(f->out, raw[i]) != NULL)
			fail_msg("unescaped: %s", raw[i]);
	assert_has(f->out, "<dd class=\"name\" dir=\"auto\">"
	    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Jo&quot; "
	    "O&#39;Brien</dd>");
	assert_has(f->out, "<dd dir=\"auto\">&lt;id&gt;&amp;&#39;&quot;</dd>");
	assert_has(f->out, "Dextrose &lt;b&gt;bold&lt;/b&gt; R&amp;D");
	assert_has(f->out, "12.5% dextrose &amp; &lt;lidocaine&gt;");
	assert_has(f->out, "right, outer knee; a&lt;b</dd>");
	/* The blood thinner's warning quotes the medication, escaped. */
	assert_has(f->out, "<div class=\"warnings\">\n<h2>Please read "
	    "first</h2>\n<ul>\n<li>You take warfarin &quot;x&quot; &amp; "
	    "&#39;y&#39;, which thins the blood.");
	/* The name is written once, in the fields. */
	assert_int_equal(count(f->out, "alert(1)"), 1);
}

static void
torture_html_utf8(void **state)
{
	struct fixture *f = *state;

	f->p.name = "山田 太郎 😀 ñandú שלום";
	fixture_render(f, &format_html, f->care, 1);
	assert_true(utf8_valid(f->out, f->len));
	assert_has(f->out, ">山田 太郎 😀 ñandú שלום</dd>");
}

static void
torture_html_schedule(void **state)
{
	struct fixture *f = *state;

	fixture_render(f, &format_html, f->care, 1);
	assert_has(f->out, "<h2>Your visits</h2>\n<table class=\"schedule\">\n"
	    "<thead>\n<tr><th scope=\"col\" class=\"num\">Visit</th>"
	    "<th scope=\"col\">Date</th>"
	    "<th scope=\"col\" class=\"num\">Days since last</th>"
	    "<th scope=\"col\" class=\"num\">Injections</th>"
	    "<th scope=\"col\">Status</th></tr>\n</thead>\n<tbody>\n"
	    "<tr class=\"done\"><td class=\"num\">1</td>"
	    "<td><time datetime=\"2026-11-10\">Tue 10 Nov 2026</time></td>"
	    "<td class=\"num\"></td><td class=\"num\">2</td>"
	    "<td>done</td></tr>\n"
	    "<tr class=\"planned\"><td class=\"num\">2</td>"
	    "<td><time datetime=\"2026-12-01\">Tue 1 Dec 2026</time></td>"
	    "<td class=\"num\">21</td><td class=\"num\">2</td>"
	    "<td>planned</td></tr>\n"
	    "<tr class=\"planned\"><td class=\"num\">3</td>"
	    "<td><time datetime=\"2026-12-22\">Tue 22 Dec 2026</time></td>"
	    "<td class=\"num\">21</td><td class=\"num\">2</td>"
	    "<td>planned</td></tr>\n"
	    "</tbody>\n</table>\n");
}

static void
torture_html_holds(void **state)
{
	struct fixture *f = *state;

	hold_naproxen(f);
	fixture_render(f, &format_html, f->care, 1);
	unhold(f);
	/* The dated holds come first, then the section's paragraphs. */
	assert_has(f->out, "<h2>Medicines to pause</h2>\n<ul class=\"holds\">\n"
	    "<li>For visit 2 on Tuesday 1 December 2026: Take your last dose "
	    "of naproxen on Friday 27 November 2026. Start taking it again on "
	    "Wednesday 9 December 2026.</li>\n"
	    "<li>For visit 3 on Tuesday 22 December 2026: Take your last dose "
	    "of naproxen on Friday 18 December 2026. Start taking it again on "
	    "Wednesday 30 December 2026.</li>\n</ul>\n<ul>\n"
	    "<li>Aspirin and anti-inflammatory");
	assert_null(strstr(f->out, "None of the medicines"));
}

static void
torture_html_no_holds(void **state)
{
	struct fixture *f = *state;

	fixture_render(f, &format_html, f->care, 1);
	assert_has(f->out, "<h2>Medicines to pause</h2>\n<ul class=\"holds\">\n"
	    "<li>None of the medicines you told us about need to be paused "
	    "for your injections.</li>\n</ul>\n");
}

static void
torture_html_sections(void **state)
{
	struct fixture *f = *state;
	static const char *order[] = {
		"<h2>Your visits</h2>", "<h2>Before your course</h2>",
		"<h2>Medicines to pause</h2>",
		"<h2>On the day of each visit</h2>",
		"<h2>After each visit</h2>", "<h2>Cost</h2>",
	};
	size_t i;

	fixture_render(f, &format_html, f->care, 1);
	for (i = 1; i < sizeof(order) / sizeof(*order); i++)
		assert_true(at(f->out, order[i - 1]) < at(f->out, order[i]));
	assert_has(f->out, "<h2>Cost</h2>\n<ul>\n<li>Ask the clinic what "
	    "each visit will cost.</li>\n<li>Insurance often does not pay");
	assert_has(f->out, "acetaminophen (paracetamol)");
	/* The notes section is empty by default, so it is left out. */
	assert_null(strstr(f->out, "Notes for your treatment"));
	assert_int_equal(count(f->out, "<ul"), count(f->out, "</ul>"));
	assert_int_equal(count(f->out, "<li>"), count(f->out, "</li>"));
}

static void
torture_html_protocol_care(void **state)
{
	struct fixture *f = *state;
	struct protocol_care pc[2] = {
		{ .section = "notes" },
		{ .section = "cost" },
	};
	struct strv text[2] = { { 0 }, { 0 } }, plain = { 0 };

	strv_push(&plain, "");
	strv_push(&text[0], "Spinal manipulation & <massage> may help.");
	strv_push(&text[1], "Covered by the study.");
	pc[0].text = (struct langlist){ plain, &text[0], NULL };
	pc[1].text = (struct langlist){ plain, &text[1], NULL };
	f->pr.care = pc;
	f->pr.ncare = 2;
	fixture_render(f, &format_html, f->care, 1);
	strv_release(&text[0]);
	strv_release(&text[1]);
	strv_release(&plain);
	assert_has(f->out, "<h2>Notes for your treatment</h2>\n<ul>\n"
	    "<li>Spinal manipulation &amp; &lt;massage&gt; may help.</li>\n"
	    "</ul>\n<h2>Cost</h2>\n<ul>\n<li>Covered by the study.</li>\n"
	    "</ul>\n</section>\n");
	/* The protocol's text replaces the default, not adds to it. */
	assert_null(strstr(f->out, "Insurance"));
}

static void
torture_html_course_done(void **state)
{
	struct fixture *f = *state;

	f->p.visits = 1;
	fixture_render(f, &format_html, f->care, 1);
	assert_has(f->out, "<div class=\"warnings\">\n<h2>Please read first"
	    "</h2>\n<ul>\n<li>You have had all the visits in this course.");
	assert_int_equal(count(f->out, "<tr class="), 1);
	assert_null(strstr(f->out, "<td>planned</td>"));
}

/*
 * Issue 13's states in the table, one row a visit in date order: each
 * row's class its status; a missed visit with no number, days or
 * injections; the restart in place of the days; booked and planned
 * told apart; in Spanish, the same rows in its words.
 */
static void
torture_html_issue13(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };
	struct diag d = { 0 };
	struct care *sp;
	char *buf;
	size_t len;

	fixture_eventful(f);
	fixture_print(f, &format_html, pls, 1, 0);
	assert_has(f->out, "tr.missed td{font-style:italic}");
	assert_has(f->out, "<li>Your last visit was on Tuesday 27 October "
	    "2026. Your next visit is 35 days later, which is longer than the 21 days "
	    "this treatment allows between visits. So your course starts "
	    "again from your next visit. Please talk to your clinician about "
	    "this.</li>\n");
	assert_has(f->out, "<dt>Course</dt><dd>5 visits, 14 to 21 days apart; "
	    "injections at each visit: 2</dd>");
	assert_has(f->out, "<tbody>\n"
	    "<tr class=\"done\"><td class=\"num\">1</td>"
	    "<td><time datetime=\"2026-10-06\">Tue 6 Oct 2026</time></td>"
	    "<td></td><td class=\"num\"></td><td class=\"num\">2</td>"
	    "<td>done</td></tr>\n"
	    "<tr class=\"missed\"><td class=\"num\"></td>"
	    "<td><time datetime=\"2026-10-20\">Tue 20 Oct 2026</time></td>"
	    "<td></td><td class=\"num\"></td><td class=\"num\"></td>"
	    "<td>missed</td></tr>\n"
	    "<tr class=\"done\"><td class=\"num\">2</td>"
	    "<td><time datetime=\"2026-10-27\">Tue 27 Oct 2026</time></td>"
	    "<td></td><td class=\"num\">21</td><td class=\"num\">2</td>"
	    "<td>done</td></tr>\n"
	    "<tr class=\"booked\"><td class=\"num\">3</td>"
	    "<td><time datetime=\"2026-12-01\">Tue 1 Dec 2026</time></td>"
	    "<td>09:30</td><td class=\"num\">fresh start</td>"
	    "<td class=\"num\">2</td><td>booked</td></tr>\n"
	    "<tr class=\"booked\"><td class=\"num\">4</td>"
	    "<td><time datetime=\"2026-12-22\">Tue 22 Dec 2026</time></td>"
	    "<td></td><td class=\"num\">21</td><td class=\"num\">2</td>"
	    "<td>booked</td></tr>\n"
	    "<tr class=\"planned\"><td class=\"num\">5</td>"
	    "<td><time datetime=\"2027-01-12\">Tue 12 Jan 2027</time></td>"
	    "<td></td><td class=\"num\">21</td><td class=\"num\">2</td>"
	    "<td>planned</td></tr>\n"
	    "</tbody>\n");
	assert_int_equal(file_read("data/care.es.yaml", TREE_MAX_BYTES, &buf,
	    &len), 0);
	sp = care_load("data/care.es.yaml", buf, len, &d);
	free(buf);
	diag_release(&d);
	assert_non_null(sp);
	f->pl.care = sp;
	fixture_print(f, &format_html, pls, 1, 0);
	assert_has(f->out, "<td>perdida</td></tr>\n");
	assert_has(f->out, "<td>09:30</td><td class=\"num\">nuevo inicio</td>"
	    "<td class=\"num\">2</td><td>confirmada</td></tr>\n");
	assert_has(f->out, "<td>programada</td></tr>\n</tbody>");
	assert_has(f->out, "la pauta vuelve a empezar desde su próxima visita");
	care_free(sp);
}

/*
 * A course that ended early says when and why, first; it lists the
 * visits given and none to come, and is not "complete".
 */
static void
torture_html_ended(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };

	fixture_ended(f);
	fixture_print(f, &format_html, pls, 1, 0);
	assert_has(f->out, "<div class=\"warnings\">\n<h2>Please read first"
	    "</h2>\n<ul>\n<li>Your course ended early on Friday 20 "
	    "November 2026: better after 3 visits. No more visits are "
	    "planned.</li>\n</ul>\n</div>\n");
	assert_int_equal(count(f->out, "<tr class=\"done\">"), 3);
	assert_null(strstr(f->out, "<td>planned</td>"));
	assert_null(strstr(f->out, "You have had all the visits"));
}

static void
torture_html_two_plans(void **state)
{
	struct fixture *f = *state;
	const char *second;

	fixture_render(f, &format_html, f->care, 2);
	assert_int_equal(count(f->out, "<!DOCTYPE html>"), 1);
	assert_int_equal(count(f->out, "<head>"), 1);
	assert_int_equal(count(f->out, "<section class=\"handout\">"), 2);
	assert_int_equal(count(f->out, "</section>"), 2);
	assert_int_equal(count(f->out, "</html>"), 1);
	/* The second handout follows the first, each closed. */
	second = strstr(f->out, "</section>\n<section class=\"handout\">\n");
	assert_non_null(second);
	assert_non_null(strstr(second, "<h1>"));
	assert_string_equal(f->out + f->len - 27,
	    "</section>\n</body>\n</html>\n");
}

/*
 * The scores of the visits given: a heading, an SVG chart with no
 * script (a title and a description, a filled dot for each pain score
 * on its 0 to 10 axis, a hollow marker for each function score on its
 * own scale, a key), and the text handout's lines; nothing without
 * scores.
 */
static void
torture_html_scores(void **state)
{
	struct fixture *f = *state;
	const struct plan *pls[1] = { &f->pl };
	struct diag d = { 0 };
	struct care *sp;
	char *buf;
	size_t len;

	fixture_eventful(f);
	fixture_print(f, &format_html, pls, 1, 0);
	assert_null(strstr(f->out, "<svg"));
	assert_null(strstr(f->out, "How you are doing"));
	fixture_scored(f);
	fixture_print(f, &format_html, pls, 1, 0);
	assert_int_equal(count(f->out, "<svg"), 1);
	assert_int_equal(count(f->out, "</svg>"), 1);
	assert_null(strstr(f->out, "<script"));
	assert_true(at(f->out, "</table>") < at(f->out, "<div class=\"trend\">"
	    "\n<h2>How you are doing, visit by visit</h2>\n<svg "));
	assert_has(f->out, "role=\"img\"");
	assert_has(f->out, "<title>How you are doing, visit by visit</title>\n"
	    "<desc>Your pain, from 0 (no pain) to 10 (worst pain): 7 (visit 1) "
	    "\xe2\x86\x92 5.5 (visit 2) Your WOMAC score, from 96 (worst) "
	    "to 0 (best): 48 (visit 1)</desc>\n");
	/* Pain 7 and 5.5 on 0 (y 200) to 10 (y 20); WOMAC 48, half way. */
	assert_int_equal(count(f->out, "class=\"pain-point\""), 2);
	assert_int_equal(count(f->out, "class=\"function-point\""), 1);
	assert_has(f->out, "<circle class=\"pain-point\" cx=\"84.0\" "
	    "cy=\"74.0\" r=\"4.5\" fill=\"#000\"></circle>\n");
	assert_has(f->out, "<circle class=\"pain-point\" cx=\"540.0\" "
	    "cy=\"101.0\" ");
	assert_has(f->out, "<rect class=\"function-point\" x=\"79.5\" "
	    "y=\"105.5\" width=\"9\" height=\"9\" fill=\"#fff\" "
	    "stroke=\"#000\"");
	assert_has(f->out, "<polyline fill=\"none\" stroke=\"#000\" "
	    "stroke-width=\"2\" points=\"84.0,74.0 540.0,101.0\">"
	    "</polyline>\n");
	assert_has(f->out, "text-anchor=\"middle\">Visit 1</text>");
	assert_has(f->out, "text-anchor=\"middle\">Tue 27 Oct 2026</text>");
	assert_has(f->out, "text-anchor=\"start\">worst</text>");
	assert_has(f->out, "text-anchor=\"start\">Pain (0 to 10)</text>");
	assert_has(f->out, "text-anchor=\"start\">WOMAC (96 worst, 0 best)"
	    "</text>");
	assert_has(f->out, "</svg>\n<p>Your pain, from 0 (no pain) to 10 "
	    "(worst pain): 7 (visit 1) \xe2\x86\x92 5.5 (visit 2)</p>\n"
	    "<p>Your WOMAC score, from 96 (worst) to 0 (best): 48 (visit 1)"
	    "</p>\n</div>\n");
	/* A scale's name is text from a file: escaped in the chart too. */
	f->record[0].function.name = "<b>&";
	fixture_print(f, &format_html, pls, 1, 0);
	assert_null(strstr(f->out, "<b>"));
	assert_has(f->out, ">&lt;b&gt;&amp; (96 worst, 0 best)</text>");
	/* Pain alone: no scale's axis or key. */
	f->record[0].function.name = NULL;
	fixture_print(f, &format_html, pls, 1, 0);
	assert_int_equal(count(f->out, "class=\"pain-point\""), 2);
	assert_null(strstr(f->out, "function-point"));
	assert_null(strstr(f->out, ">worst</text>"));
	/* In the patient's language. */
	assert_int_equal(file_read("data/care.es.yaml", TREE_MAX_BYTES, &buf,
	    &len), 0);
	sp = care_load("data/care.es.yaml", buf, len, &d);
	free(buf);
	diag_release(&d);
	assert_non_null(sp);
	f->record[0].function.name = "WOMAC";
	f->pl.care = sp;
	fixture_print(f, &format_html, pls, 1, 0);
	assert_has(f->out, "<title>Cómo se encuentra, visita a visita</title>");
	assert_has(f->out, "text-anchor=\"middle\">Visita 2</text>");
	assert_has(f->out, ">peor</text>");
	assert_has(f->out, ">mejor</text>");
	assert_has(f->out, ">WOMAC (96 peor, 0 mejor)</text>");
	care_free(sp);
}

static void
torture_html_nothing(void **state)
{
	struct fixture *f = *state;

	fixture_render(f, &format_html, f->care, 0);
	assert_int_equal(f->len, 0);
}

/*
 * The month calendar: November and December, the months of the visits
 * and pauses; each day's cell with its date, marks and words.
 */
static void
torture_html_month(void **state)
{
	struct fixture *f = *state;

	hold_naproxen(f);
	fixture_render(f, &format_html, f->care, 1);
	unhold(f);
	/* Under the visit table. */
	assert_true(at(f->out, "<table class=\"schedule\">") <
	    at(f->out, "<div class=\"calendar\">\n<h2>Your calendar</h2>\n"
	    "<ul class=\"key\">\n"));
	assert_int_equal(count(f->out, "<table class=\"month\""), 2);
	/* The 1st of November 2026 is a Sunday, after six empty days. */
	assert_has(f->out, "<table class=\"month\" data-month=\"2026-11\">\n"
	    "<caption>November 2026</caption>\n<thead><tr>"
	    "<th scope=\"col\" aria-label=\"Monday\">Mon</th>");
	assert_has(f->out, "<tbody>\n<tr><td class=\"pad\"></td>"
	    "<td class=\"pad\"></td><td class=\"pad\"></td>"
	    "<td class=\"pad\"></td><td class=\"pad\"></td>"
	    "<td class=\"pad\"></td><td class=\"day\" "
	    "data-date=\"2026-11-01\"><span class=\"n\">1</span></td></tr>\n"
	    "<tr><td class=\"day\" data-date=\"2026-11-02\">");
	assert_has(f->out, "<td class=\"day visit\" data-date=\"2026-11-10\" "
	    "data-visit=\"1\"><span class=\"n\">10</span><span class=\"mark\" "
	    "aria-hidden=\"true\">1</span><span class=\"vh\">Visit 1</span>"
	    "</td>");
	assert_has(f->out, "<td class=\"day today\" data-date=\"2026-11-27\" "
	    "aria-current=\"date\"><span class=\"n\">27</span>"
	    "<span class=\"vh\">Today</span></td>");
	assert_has(f->out, "<td class=\"day pause\" data-date=\"2026-11-28\">"
	    "<span class=\"n\">28</span><span class=\"vh\">Do not take "
	    "naproxen</span></td>");
	assert_has(f->out, "<td class=\"day visit pause\" "
	    "data-date=\"2026-12-01\" data-visit=\"2\"><span class=\"n\">1"
	    "</span><span class=\"mark\" aria-hidden=\"true\">2</span>"
	    "<span class=\"vh\">Visit 2; Do not take naproxen</span></td>");
	/*
	 * The last pause day, the days after it, and three empty ones after
	 * Thursday 31 December.
	 */
	assert_has(f->out, "data-date=\"2026-12-29\"><span class=\"n\">29"
	    "</span><span class=\"vh\">Do not take naproxen</span></td>"
	    "<td class=\"day\" data-date=\"2026-12-30\"><span class=\"n\">30"
	    "</span></td><td class=\"day\" data-date=\"2026-12-31\">"
	    "<span class=\"n\">31</span></td><td class=\"pad\"></td>"
	    "<td class=\"pad\"></td><td class=\"pad\"></td>"
	    "</tr>\n</tbody>\n</table>\n</div>\n"
	    "</div>\n");
	assert_int_equal(count(f->out, " pause\" data-date"), 11 + 11);
	assert_int_equal(count(f->out, "data-visit="), 3);
	assert_has(f->out, "Days to pause a medicine</li>\n");
	assert_has(f->out, "<p class=\"see\">The medicines and their dates "
	    "are under “Medicines to pause”.</p>\n");
	assert_null(strstr(f->out, "class=\"ask\""));
}

/*
 * A missed visit is not marked and does not stretch the months; a
 * medicine a doctor prescribed is to be asked about first, beside the
 * key; with nothing to mark, there is no calendar.
 */
static void
torture_html_month_missed(void **state)
{
	static const struct fixture_visit course[] = {
		{ 2026, 10, 20, VISIT_MISSED, 0, TIME_NONE },
		{ 2026, 11, 10, VISIT_DONE, 0, TIME_NONE },
		{ 2026, 11, 17, VISIT_MISSED, 0, TIME_NONE },
		{ 2026, 12, 1, VISIT_PLANNED, 0, TIME_NONE },
	};
	struct fixture *f = *state;
	const struct plan *pl = &f->pl;
	struct plan_hold hold = { "aspirin 81 mg", date_from_ymd(2026, 11, 28),
	    date_from_ymd(2026, 12, 2), 1 };

	fixture_course(f, course, 4);
	f->pl.holds = &hold;
	f->pl.nholds = 1;
	fixture_print(f, &format_html, &pl, 1, 0);
	f->pl.holds = NULL;
	f->pl.nholds = 0;
	assert_null(strstr(f->out, "data-month=\"2026-10\""));
	assert_null(strstr(f->out, "data-date=\"2026-10-20\""));
	assert_int_equal(count(f->out, "<table class=\"month\""), 2);
	assert_int_equal(count(f->out, "data-visit="), 2);
	assert_has(f->out, "<td class=\"day\" data-date=\"2026-11-17\">"
	    "<span class=\"n\">17</span></td>");
	assert_has(f->out, "<ul class=\"ask\">\n<li>Ask the doctor who "
	    "prescribed aspirin 81 mg before you stop it</li>\n</ul>\n");
	assert_has(f->out, "<span class=\"vh\">Visit 2; Ask the doctor who "
	    "prescribed aspirin 81 mg before you stop it</span>");

	fixture_course(f, course, 1);
	fixture_print(f, &format_html, &pl, 1, 0);
	assert_null(strstr(f->out, "class=\"calendar\""));
	assert_null(strstr(f->out, "<table class=\"month\""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(torture_html_document,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_fields,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_escapes,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_utf8,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_schedule,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_holds,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_no_holds,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_sections,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_protocol_care,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_course_done,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_issue13,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_ended,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_two_plans,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_scores,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_month,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_month_missed,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(torture_html_nothing,
		    fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
