"""Strict checks of prolo's HTML handout, run by tests/html.sh:

    python3 tests/cases-html/check.py WHAT HTML TEXT JSON

HTML, TEXT and JSON are the output of "prolo plan" in those formats for
the same files.  The HTML must parse into balanced elements from a short
list, with no script, link, image, external address or event handler;
every value must be escaped; and each handout must say what the text
handout says, word for word, with the patient's name once and the same
visit dates.  Prints "ok - WHAT: check" or "not ok - WHAT: check" per
check; exits 1 if any failed.
"""

import json
import re
import sys
from html.parser import HTMLParser

# Everything the back end writes; anything else is a fault.
ELEMENTS = {
    "html", "head", "meta", "title", "style", "body", "section", "h1",
    "h2", "dl", "div", "dt", "dd", "ul", "li", "table", "thead", "tbody",
    "tr", "th", "td", "time", "p", "svg", "caption", "span",
}
VOID = {"meta"}
ATTRIBUTES = {
    "lang", "charset", "name", "content", "http-equiv", "class", "dir",
    "scope", "datetime", "aria-label", "aria-hidden", "aria-current",
    "data-date", "data-visit", "data-month",
}
# The chart of scores: inline SVG drawn with shapes and text alone (no
# script, link, image, foreign object or style of its own).  The parser
# gives attribute names in lowercase.
SVG_ELEMENTS = {
    "svg", "title", "desc", "g", "line", "polyline", "circle", "rect",
    "path", "text",
}
SVG_ATTRIBUTES = {
    "class", "role", "viewbox", "font-size", "fill", "stroke",
    "stroke-width", "stroke-dasharray", "points", "x", "y", "x1", "y1",
    "x2", "y2", "cx", "cy", "r", "width", "height", "d", "text-anchor",
}
ENTITY = re.compile(r"&(amp|lt|gt|quot|#39);")
# A row of the text handout's visit table: its number, or blanks for a
# missed visit, which has none; the date, in short, is padded by two.
DATE_ROW = re.compile(r"^(?:\d+ +| {5,})(\S+ \d{1,2} \S+ \d{4})  ")
# Dates as the handouts' visit tables write them, in short, made here on
# their own in each language (the long form too, for the sentences).
NAMES = {
    "en": ("Mon Tue Wed Thu Fri Sat Sun",
           "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
           "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
           "January February March April May June July August September "
           "October November December", "{w} {d} {m} {y}"),
    "es": ("lun mar mié jue vie sáb dom",
           "ene feb mar abr may jun jul ago sept oct nov dic",
           "lunes martes miércoles jueves viernes sábado domingo",
           "enero febrero marzo abril mayo junio julio agosto septiembre "
           "octubre noviembre diciembre", "{w} {d} de {m} de {y}"),
}


def dates_of(iso, lang):
    """The short and the long date of an ISO one, in a language."""
    import datetime
    day = datetime.date.fromisoformat(iso)
    sw, sm, lw, lm, form = (n.split() if i < 4 else n
                            for i, n in enumerate(NAMES[lang]))
    short = "%s %d %s %d" % (sw[day.weekday()], day.day,
                             sm[day.month - 1], day.year)
    return short, form.format(w=lw[day.weekday()], d=day.day,
                              m=lm[day.month - 1], y=day.year)


class Strict(HTMLParser):
    """Records faults, the head's parts and each section's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.faults = []
        self.stack = []
        self.seen = {}
        self.charset = None
        self.lang = None
        self.title = ""
        self.style = ""
        self.sections = []
        self.row = None
        # The month calendar's words are its own (tests/monthcal.py
        # checks them): the depth of the stack at its <div>, or None.
        self.calendar = None

    def fault(self, msg):
        self.faults.append("line %d: %s" % (self.getpos()[0], msg))

    def handle_starttag(self, tag, attrs):
        in_svg = "svg" in self.stack or tag == "svg"
        if tag not in (SVG_ELEMENTS if in_svg else ELEMENTS):
            self.fault("element <%s>" % tag)
        if in_svg:
            self.chart_tag(tag, dict(attrs))
        else:
            self.seen[tag] = self.seen.get(tag, 0) + 1
        for name, value in attrs:
            if name not in (SVG_ATTRIBUTES if in_svg else ATTRIBUTES):
                self.fault("attribute %s on <%s>" % (name, tag))
            if value is not None and re.search(r"://|javascript:|url\(",
                                               value, re.I):
                self.fault("address in %s on <%s>" % (name, tag))
        attrs = dict(attrs)
        if tag == "div" and "calendar" in attrs.get("class", "").split():
            self.calendar = len(self.stack)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "meta" and "charset" in attrs:
            self.charset = attrs["charset"]
            if self.seen.get("title") or self.seen.get("style"):
                self.fault("charset after other head elements")
        if tag == "style" and self.stack != ["html", "head"]:
            self.fault("<style> outside the head")
        if tag == "section":
            if self.stack != ["html", "body"]:
                self.fault("<section> not a child of <body>")
            self.sections.append({"text": [], "rows": [], "times": [],
                                  "charts": 0, "marks": {}, "desc": "",
                                  "svg_text": []})
        if tag == "tr" and "tbody" in self.stack and self.calendar is None:
            self.row = []
        if tag in ("td", "th") and self.row is not None:
            self.row.append("")
        if tag == "time" and self.sections:
            self.sections[-1]["times"].append(attrs.get("datetime"))
        if tag not in VOID:
            self.stack.append(tag)

    def chart_tag(self, tag, attrs):
        """Counts a chart's parts: its markers, title and description."""
        if not self.sections:
            self.fault("<%s> outside a section" % tag)
            return
        sec = self.sections[-1]
        if tag == "svg":
            sec["charts"] += 1
        cls = attrs.get("class", "")
        sec["marks"][cls] = sec["marks"].get(cls, 0) + 1
        sec["marks"][tag] = sec["marks"].get(tag, 0) + 1

    def handle_startendtag(self, tag, attrs):
        self.fault("self-closing <%s/>" % tag)
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.fault("end tag </%s> of a void element" % tag)
        elif not self.stack or self.stack[-1] != tag:
            self.fault("</%s> closes <%s>" %
                       (tag, self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()
        if self.calendar is not None and len(self.stack) == self.calendar:
            self.calendar = None
        if tag == "tr" and self.row is not None:
            self.sections[-1]["rows"].append(self.row)
            self.row = None

    def handle_data(self, data):
        # The chart's words are the chart's: the text handout has the
        # same scores in its own lines, which follow the chart.
        if self.calendar is not None:
            return
        if "svg" in self.stack:
            if "desc" in self.stack:
                self.sections[-1]["desc"] += data
            else:
                self.sections[-1]["svg_text"].append(data)
        elif "title" in self.stack:
            self.title += data
        elif "style" in self.stack:
            self.style += data
        elif "section" in self.stack:
            self.sections[-1]["text"].append(data)
            if self.row is not None and self.row:
                self.row[-1] += data
        elif data.strip():
            self.fault("text outside a section: %r" % data[:40])

    def handle_comment(self, data):
        self.fault("comment")

    def handle_pi(self, data):
        self.fault("processing instruction")

    def unknown_decl(self, data):
        self.fault("declaration %r" % data[:40])


def squeeze(s):
    return re.sub(r"\s+", "", s)


def text_content(handout):
    """The text handout's words, without rules, bullets or layout."""
    lines = []
    for line in handout.split("\n"):
        if re.fullmatch(r"[=-]+", line):
            continue
        if line.startswith(("* ", "! ", "> ")):
            line = line[2:]
        lines.append(line)
    return squeeze("".join(lines))


class Report:
    def __init__(self, what):
        self.what = what
        self.failed = 0

    def check(self, name, good, detail=""):
        if good:
            print("ok - %s: %s" % (self.what, name))
        else:
            self.failed += 1
            print("not ok - %s: %s" % (self.what, name))
            for line in str(detail).splitlines()[:8]:
                print("#   %s" % line)


def check_chart(r, i, sec, plan, content):
    """A chart where the visits given have scores, a marker for each."""
    visits = plan["visits"]
    pains = sum(v["pain"] is not None for v in visits)
    functions = sum(v["function"] is not None for v in visits)
    if not pains and not functions:
        r.check("handout %d has no chart without scores" % i,
                sec["charts"] == 0, sec["marks"])
        return
    marks = sec["marks"]
    r.check("handout %d has one chart, with a title and a description" % i,
            sec["charts"] == 1 and marks.get("title") == 1 and
            marks.get("desc") == 1, marks)
    r.check("handout %d charts %d pain and %d function scores" %
            (i, pains, functions),
            marks.get("pain-point", 0) == pains and
            marks.get("function-point", 0) == functions, marks)
    desc = squeeze(sec["desc"])
    r.check("handout %d describes its chart in the handout's lines" % i,
            desc and desc in squeeze(content), sec["desc"])
    numbers = [squeeze(t) for t in sec["svg_text"]]
    want = ["%g" % v["pain"] for v in visits if v["pain"] is not None]
    r.check("handout %d writes each pain score in the chart" % i,
            all(n in numbers for n in want), (want, numbers))


def main():
    what, html_path, text_path, json_path = sys.argv[1:5]
    r = Report(what)
    with open(html_path, "rb") as f:
        raw = f.read()
    with open(text_path, encoding="utf-8") as f:
        texts = f.read().split("\f")
    with open(json_path, encoding="utf-8") as f:
        plans = json.load(f)["plans"]
    try:
        doc = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        r.check("valid UTF-8", False, e)
        return 1
    r.check("valid UTF-8", True)
    r.check("starts with the doctype and <html lang>",
            doc.startswith('<!DOCTYPE html>\n<html lang="en">\n'))
    r.check("ends with </body></html>", doc.endswith("</body>\n</html>\n"))

    p = Strict()
    p.feed(doc)
    p.close()
    faults = p.faults + (["unclosed: %s" % " ".join(p.stack)]
                         if p.stack else [])
    r.check("balanced, only known elements and attributes", not faults,
            "\n".join(faults))
    r.check("one html, head, title, body",
            all(p.seen.get(t) == 1 for t in ("html", "head", "title",
                                               "body")), p.seen)
    r.check("lang en and charset utf-8",
            p.lang == "en" and (p.charset or "").lower() == "utf-8")
    r.check("a title", p.title.strip() != "")
    r.check("inline CSS with print rules and no address",
            "@media print" in p.style and "@page" in p.style and
            "break-before:page" in p.style.replace(" ", "") and
            not re.search(r"url\(|@import|://|expression\(", p.style,
                          re.I))

    # Outside <style>, every & must begin one of the five escapes.
    body = doc[doc.find("</style>"):]
    bad = [m.start() for m in re.finditer("&", body)
           if not ENTITY.match(body, m.start())]
    r.check("every & starts an escape", not bad,
            "\n".join(repr(body[i:i + 20]) for i in bad[:5]))

    n = len(plans)
    r.check("one section per plan (%d)" % n,
            len(p.sections) == n and len(texts) == n,
            "sections %d, text handouts %d" % (len(p.sections),
                                                len(texts)))
    for i, (sec, text, plan) in enumerate(zip(p.sections, texts, plans),
                                          1):
        name = plan["patient"]["name"]
        content = "".join(sec["text"])
        r.check("handout %d shows the name as text once" % i,
                content.count(name) == 1 and name in sec["text"],
                "%d times" % content.count(name))
        if re.search(r"[<>&\"']", name):
            r.check("handout %d never has the name raw" % i,
                    name not in doc)
        dates = [m.group(1) for m in map(DATE_ROW.match,
                                         text.split("\n")) if m]
        rows = [row[1] if len(row) > 1 else None for row in sec["rows"]]
        iso = [v["date"] for v in plan["visits"]]
        lang = next((lg for lg in NAMES
                     if [dates_of(d, lg)[0] for d in iso] == dates), "en")
        both = [dates_of(d, lang) for d in iso]
        r.check("handout %d has the text handout's %d visit dates" %
                (i, len(dates)),
                dates and [b[0] for b in both] == dates and
                rows == dates and sec["times"] == iso,
                "html %s\ntext %s\niso %s" % (rows, dates, sec["times"]))
        check_chart(r, i, sec, plan, content)
        got, want = squeeze(content), text_content(text)
        at = next((k for k in range(min(len(got), len(want)))
                   if got[k] != want[k]), min(len(got), len(want)))
        r.check("handout %d says what the text handout says" % i,
                got == want,
                "differs at %d:\nhtml ...%s\ntext ...%s" %
                (at, got[max(at - 20, 0):at + 40],
                 want[max(at - 20, 0):at + 40]))
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
