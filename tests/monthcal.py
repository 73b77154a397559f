"""Checks of the month calendar in prolo's HTML handout, for
tests/monthcal.sh:

    python3 monthcal.py dom HTML JSON CARE TODAY
    python3 monthcal.py png PNG JSON MONTH TODAY
    python3 monthcal.py pages JSON PAGE-TEXT...

dom: HTML is "prolo plan -f html" and JSON "prolo plan -f json" of the
same files, CARE the care text of the handout's language and TODAY the
date prolo was given.  Parsed with html.parser, independently of prolo:
each handout has a table for each month from the first with a visit or
a pause to the last (none when it has neither); each month has its
caption and the weekdays from CARE, and each day once, in weeks of 7
from Monday, its first day under its weekday (Python's calendar
module); exactly the visits of the course (given, booked and planned;
not a missed one) are marked, each with its number; exactly the days
of the holds are marked as pauses; today, and only today, is marked;
each marked day says so in words hidden from the eye; and the key has
the "ask first" line for each medicine a doctor prescribed.

png: a screenshot of MONTH's table alone, each day cell 100 by 60 CSS
pixels from the top left (tests/monthcal.sh sets that up): read in
grey, a visit day has the dark ring of its circle at the bottom right
and no other day has, a pause day is grey and no other day is, today
has a thick border and no other day has.  Decoded with zlib alone.

pages: the text of each page of a PDF printed with each day cell's
date written in it as "calK:YYYY-MM-DD", K the handout's number: every
day of every month of every handout is on the page of the month's first
day, so no month splits across pages.

Prints "ok - what" or "not ok - what" per check; exits 1 if any failed.
"""

import calendar
import datetime
import json
import os
import re
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chart import read_png  # noqa: E402  (the PNG reader of chart.py)

CELL_W, CELL_H = 100, 60        # a day cell in the screenshot


class Calendars(HTMLParser):
    """Each handout's calendar: its months, each a list of weeks of
    cells, and the key's lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handouts = []
        self.stack = []
        self.cal = None         # the stack's depth at the calendar's div
        self.cell = None
        self.text = None        # where data goes: a list to append to
        self.li = None          # a line of the key: "key" or "ask"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "section":
            self.handouts.append({"months": [], "key": [], "ask": [],
                                  "calendars": 0})
        if tag == "div" and "calendar" in cls:
            self.cal = len(self.stack)
            self.handouts[-1]["calendars"] += 1
        if self.cal is not None:
            self.calendar_tag(tag, a, cls)
        self.stack.append((tag, cls))

    def calendar_tag(self, tag, a, cls):
        h = self.handouts[-1]
        if tag == "table":
            h["months"].append({"month": a.get("data-month"),
                                "caption": "", "th": [], "weeks": []})
        elif tag == "caption":
            self.text = ["caption"]
        elif tag == "th":
            h["months"][-1]["th"].append({"scope": a.get("scope"),
                                          "label": a.get("aria-label"),
                                          "text": ""})
            self.text = ["th"]
        elif tag == "tr" and any(t == "tbody" for t, _ in self.stack):
            h["months"][-1]["weeks"].append([])
        elif tag == "td":
            self.cell = {"date": a.get("data-date"), "class": set(cls),
                         "visit": a.get("data-visit"),
                         "current": a.get("aria-current"),
                         "mark": "", "words": "", "n": ""}
            h["months"][-1]["weeks"][-1].append(self.cell)
        elif tag == "span" and self.cell is not None:
            for part in ("mark", "n"):
                if part in cls:
                    self.text = ["cell", part]
            if "vh" in cls:
                self.text = ["cell", "words"]
        elif tag == "li":
            self.li = "ask" if any("ask" in c for _, c in self.stack) \
                else "key"
            h[self.li].append("")

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if self.cal is not None and len(self.stack) == self.cal:
            self.cal = None
        if tag == "td":
            self.cell = None
        if tag in ("caption", "th", "span"):
            self.text = None
        if tag == "li":
            self.li = None

    def handle_data(self, data):
        if self.cal is None:
            return
        h = self.handouts[-1]
        # A key's line: its words, not the sample of its mark.
        if self.li is not None and self.stack[-1][0] == "li":
            h[self.li][-1] += data
        if self.text is None:
            return
        where = self.text[0]
        if where == "caption":
            h["months"][-1]["caption"] += data
        elif where == "th":
            h["months"][-1]["th"][-1]["text"] += data
        elif where == "cell":
            self.cell[self.text[1]] += data


def report(ok, what, detail=""):
    print("%s - %s" % ("ok" if ok else "not ok", what))
    if not ok and detail:
        for line in str(detail).splitlines()[:8]:
            print("#   %s" % line)
    return ok


def iso(d):
    return d.isoformat()


def day(s):
    return datetime.date.fromisoformat(s)


def expected(plan):
    """The visits marked (date: number), the pause days (date: drugs,
    each with whether it is prescribed) and the months, first to last."""
    visits = {v["date"]: v["visit"] for v in plan["visits"]
              if v["status"] != "missed"}
    pauses = {}
    for h in plan["holds"]:
        d = day(h["from"])
        while d <= day(h["to"]):
            pauses.setdefault(iso(d), {})[h["drug"]] = h["prescribed"]
            d += datetime.timedelta(days=1)
    dates = sorted(list(visits) + list(pauses))
    months = []
    if dates:
        y, m = day(dates[0]).year, day(dates[0]).month
        while (y, m) <= (day(dates[-1]).year, day(dates[-1]).month):
            months.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return visits, pauses, months


def load_care(path):
    import yaml
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def fill(template, **values):
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]),
                  template)


def check_month(what, mo, y, m, care, visits, pauses, today):
    """One month's table; returns its days' marks as found."""
    words = care["month_calendar"]
    good = report(mo["caption"] == fill(words["month"],
                                        month=care["dates"]["months"][m - 1],
                                        year=y),
                  "%s: %04d-%02d has its caption" % (what, y, m),
                  mo["caption"])
    good &= report([t["text"] for t in mo["th"]] == care["weekdays"] and
                   [t["label"] for t in mo["th"]] ==
                   care["dates"]["weekdays"] and
                   all(t["scope"] == "col" for t in mo["th"]),
                   "%s: %04d-%02d has the weekdays, Monday first, with "
                   "their names in full" % (what, y, m), mo["th"])
    first, ndays = calendar.monthrange(y, m)
    cells = [c for w in mo["weeks"] for c in w]
    days = [c for c in cells if "day" in c["class"]]
    want = ["%04d-%02d-%02d" % (y, m, d) for d in range(1, ndays + 1)]
    good &= report(all(len(w) == 7 for w in mo["weeks"]) and
                   len(mo["weeks"]) == (first + ndays + 6) // 7 and
                   [c["date"] for c in days] == want and
                   [c["n"] for c in days] ==
                   [str(d) for d in range(1, ndays + 1)] and
                   cells.index(days[0]) == first,
                   "%s: %04d-%02d has its %d days in weeks from Monday, "
                   "the 1st a %s" % (what, y, m, ndays,
                                     calendar.day_name[first]),
                   [(c["date"], c["n"]) for c in cells[:8]])
    bad = {"visit": [], "pause": [], "today": [], "quiet": []}
    for c in days:
        d, said = c["date"], c["words"]
        if d in visits:
            ok = ("visit" in c["class"] and c["visit"] == str(visits[d])
                  and c["mark"] == str(visits[d]) and
                  fill(words["visit"], visit=visits[d]) in said)
        else:
            ok = not ("visit" in c["class"] or c["visit"] or c["mark"])
        if not ok:
            bad["visit"].append(c)
        drugs = pauses.get(d, {})
        if ("pause" in c["class"]) != bool(drugs) or not all(
                fill(words["prescribed" if p else "hold"], drug=drug)
                in said for drug, p in drugs.items()):
            bad["pause"].append(c)
        is_today = d == today
        if (("today" in c["class"]) != is_today or
                (c["current"] == "date") != is_today or
                (words["today"] in said) != is_today):
            bad["today"].append(c)
        if not (d in visits or drugs or is_today) and said:
            bad["quiet"].append(c)
    mine = [d for d in visits if d.startswith("%04d-%02d" % (y, m))]
    good &= report(not bad["visit"], "%s: %04d-%02d marks visits %s and "
                   "no other day" % (what, y, m, ", ".join(
                       "%s on %s" % (visits[d], d[8:]) for d in mine)
                       or "none"), bad["visit"])
    paused = sum(c["date"] in pauses for c in days)
    good &= report(not bad["pause"], "%s: %04d-%02d shades its %d pause "
                   "days, naming their medicines, and no other day" %
                   (what, y, m, paused), bad["pause"])
    good &= report(not bad["today"], "%s: %04d-%02d marks today only "
                   "if it is %s" % (what, y, m, today), bad["today"])
    good &= report(not bad["quiet"], "%s: %04d-%02d says nothing of a "
                   "day with nothing on it" % (what, y, m), bad["quiet"])
    return good


def check_dom(html_path, json_path, care_path, today):
    with open(json_path, encoding="utf-8") as f:
        plans = json.load(f)["plans"]
    with open(html_path, encoding="utf-8") as f:
        p = Calendars()
        p.feed(f.read())
        p.close()
    care = load_care(care_path)
    words = care["month_calendar"]
    good = report(len(p.handouts) == len(plans),
                  "a handout for each of the %d plans" % len(plans))
    for i, (h, plan) in enumerate(zip(p.handouts, plans), 1):
        what = "handout %d" % i
        visits, pauses, months = expected(plan)
        if not months:
            good &= report(h["calendars"] == 0 and not h["months"],
                           "%s: no calendar with nothing to mark" % what)
            continue
        good &= report(h["calendars"] == 1, "%s: one calendar" % what)
        got = [mo["month"] for mo in h["months"]]
        want = ["%04d-%02d" % ym for ym in months]
        good &= report(got == want, "%s: the months %s to %s" %
                       (what, want[0], want[-1]), got)
        if got != want:
            continue
        for mo, (y, m) in zip(h["months"], months):
            good &= check_month(what, mo, y, m, care, visits, pauses,
                                today)
        shown = want[0] <= today[:7] <= want[-1]
        key = [words["visit_key"]] + ([words["pause_key"]] if pauses
                                      else []) + \
            ([words["today"]] if shown else [])
        good &= report(h["key"] == key, "%s: the key says %s" %
                       (what, "; ".join(key)), h["key"])
        asks = sorted({fill(words["prescribed"], drug=hd["drug"])
                       for hd in plan["holds"] if hd["prescribed"]})
        good &= report(sorted(h["ask"]) == asks,
                       "%s: the key asks first for %d prescribed "
                       "medicines" % (what, len(asks)), h["ask"])
    return good


def check_png(png_path, json_path, month, today):
    """Each day of MONTH as the screenshot shows it, read in grey."""
    with open(json_path, encoding="utf-8") as f:
        plan = json.load(f)["plans"][0]
    visits, pauses, _ = expected(plan)
    try:
        w, h, bpp, rows = read_png(png_path)
    except (OSError, ValueError) as e:
        return report(False, "the screenshot is a PNG", e)

    def grey(x, y):
        r, g, b = rows[y][x * bpp:x * bpp + 3]
        return (299 * r + 587 * g + 114 * b) // 1000

    y0, m0 = map(int, month.split("-"))
    first, ndays = calendar.monthrange(y0, m0)
    good = report(w >= 7 * CELL_W and h >= 6 * CELL_H,
                  "%s: the screenshot holds the month" % month, (w, h))
    if not good:
        return good
    bad = {"ring": [], "shade": [], "edge": []}
    for d in range(1, ndays + 1):
        date = "%s-%02d" % (month, d)
        k = first + d - 1
        x, y = (k % 7) * CELL_W, (k // 7) * CELL_H
        # The circle, right and bottom 2 pixels in: its ring is dark.
        # Clear of a thick border (today's) at the right and bottom.
        ring = sum(grey(x + i, y + j) < 96 for i in range(62, 95)
                   for j in range(22, 55))
        # Clear of the day's number and the circle: white or grey.
        area = [grey(x + i, y + j) for i in range(8, 48)
                for j in range(36, 56)]
        shade = sum(area) / len(area)
        # Inside a thin border, outside a thick one: dark on today.
        edge = sum(grey(x + 2, y + j) < 96 for j in range(20, 40))
        if (ring > 60) != (date in visits):
            bad["ring"].append((date, ring))
        if not (150 < shade < 240 if date in pauses else shade > 245):
            bad["shade"].append((date, round(shade)))
        if (edge >= 16) != (date == today):
            bad["edge"].append((date, edge))
    good &= report(not bad["ring"], "%s: a visit's circle on exactly "
                   "the visit days" % month, bad["ring"])
    good &= report(not bad["shade"], "%s: grey on exactly the pause days, "
                   "white elsewhere" % month, bad["shade"])
    good &= report(not bad["edge"], "%s: a thick border on today alone"
                   % month, bad["edge"])
    return good


def check_pages(json_path, pages):
    with open(json_path, encoding="utf-8") as f:
        plans = json.load(f)["plans"]
    at = {}
    for n, path in enumerate(pages, 1):
        with open(path, encoding="utf-8") as f:
            for k, d in re.findall(r"cal(\d+):(\d{4}-\d\d-\d\d)",
                                   f.read()):
                at.setdefault((int(k), d), set()).add(n)
    good = report(len(pages) > 0, "the PDF has pages")
    for k, plan in enumerate(plans, 1):
        for y, m in expected(plan)[2]:
            ndays = calendar.monthrange(y, m)[1]
            where = [at.get((k, "%04d-%02d-%02d" % (y, m, d)), set())
                     for d in range(1, ndays + 1)]
            good &= report(all(len(s) == 1 for s in where) and
                           len(set.union(*where)) == 1,
                           "handout %d: %04d-%02d is whole on one page" %
                           (k, y, m), where)
    return good


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "dom" and len(sys.argv) == 6:
        good = check_dom(*sys.argv[2:])
    elif mode == "png" and len(sys.argv) == 6:
        good = check_png(*sys.argv[2:])
    elif mode == "pages" and len(sys.argv) >= 3:
        good = check_pages(sys.argv[2], sys.argv[3:])
    else:
        print("usage: monthcal.py dom HTML JSON CARE TODAY | "
              "png PNG JSON MONTH TODAY | pages JSON PAGE...",
              file=sys.stderr)
        return 2
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
