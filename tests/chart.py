"""Checks of the chart of scores as headless Chromium renders it, for
tests/chart.sh:

    python3 chart.py dom DOM JSON      the rendered DOM (--dump-dom)
    python3 chart.py png PNG DOM       a screenshot of the chart alone

dom: the DOM Chromium built from prolo's HTML handout holds one chart
per handout whose visits given have scores (and none otherwise), each
an <svg> with a <title> and a <desc>, a filled marker for each pain
score and a hollow one for each function score the JSON lists, each
marker inside the chart's frame, and no script.

png: the screenshot (made with everything but the chart hidden, the
chart 640 CSS pixels wide at the top left) is not blank where the chart
is: it has dark strokes, a dark pixel at the centre of each pain marker,
and only shades of grey (the chart prints in black and white).  The PNG
is decoded with zlib alone, as Debian's python3 has no PIL.

Prints "ok - what" or "not ok - what" per check; exits 1 if any failed.
"""

import json
import struct
import sys
import zlib
from html.parser import HTMLParser

WIDTH = 640     # the chart's viewBox width, drawn 1:1 in the screenshot


class Charts(HTMLParser):
    """Each <svg> of the document: its section, markers, title and
    description."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.charts = []
        self.sections = 0
        self.in_svg = False
        self.inside = None
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        elif tag == "section":
            self.sections += 1
        elif tag == "svg":
            self.in_svg = True
            self.charts.append({"section": self.sections, "pain": [],
                                "function": [], "title": "", "desc": "",
                                "viewbox": attrs.get("viewbox", "")})
        elif self.in_svg:
            cls = attrs.get("class", "")
            if cls == "pain-point":
                self.charts[-1]["pain"].append((tag, attrs))
            elif cls == "function-point":
                self.charts[-1]["function"].append((tag, attrs))
            elif tag in ("title", "desc"):
                self.inside = tag

    def handle_endtag(self, tag):
        if tag in ("title", "desc"):
            self.inside = None
        elif tag == "svg":
            self.in_svg = False

    def handle_data(self, data):
        if self.inside and self.in_svg:
            self.charts[-1][self.inside] += data


def parse(path):
    p = Charts()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


def centre(tag, attrs):
    """A marker's centre: a circle's, a square's or a path's first point."""
    if tag == "circle":
        return float(attrs["cx"]), float(attrs["cy"])
    if tag == "rect":
        return (float(attrs["x"]) + float(attrs["width"]) / 2,
                float(attrs["y"]) + float(attrs["height"]) / 2)
    x, y = attrs["d"][1:].split("L")[0].split()
    return float(x), float(y)


def report(ok, what, detail=""):
    print("%s - %s" % ("ok" if ok else "not ok", what))
    if not ok and detail:
        for line in str(detail).splitlines()[:6]:
            print("#   %s" % line)
    return ok


def check_dom(dom_path, json_path):
    p = parse(dom_path)
    with open(json_path, encoding="utf-8") as f:
        plans = json.load(f)["plans"]
    good = report(p.scripts == 0, "the rendered page runs no script")
    for i, plan in enumerate(plans, 1):
        visits = plan["visits"]
        pains = sum(v["pain"] is not None for v in visits)
        functions = sum(v["function"] is not None for v in visits)
        charts = [c for c in p.charts if c["section"] == i]
        if not pains and not functions:
            good &= report(not charts, "handout %d: no chart" % i)
            continue
        if not report(len(charts) == 1, "handout %d: one chart in the "
                      "rendered DOM" % i, len(charts)):
            good = False
            continue
        c = charts[0]
        good &= report(c["title"].strip() != "" and c["desc"].strip() != "",
                       "handout %d: the chart has a title and a "
                       "description" % i, c)
        good &= report(len(c["pain"]) == pains,
                       "handout %d: %d pain points" % (i, pains),
                       len(c["pain"]))
        good &= report(len(c["function"]) == functions,
                       "handout %d: %d function points" % (i, functions),
                       len(c["function"]))
        _, _, w, h = (float(n) for n in c["viewbox"].split())
        inside = all(0 <= x <= w and 0 <= y <= h for x, y in
                     (centre(t, a) for t, a in c["pain"] + c["function"]))
        good &= report(inside, "handout %d: every point inside the "
                       "chart" % i)
        ys = [centre(t, a)[1] for t, a in c["pain"]]
        want = [v["pain"] for v in visits if v["pain"] is not None]
        # Higher pain is higher up: y falls as pain rises.
        order = all((ys[k] - ys[k + 1]) * (want[k] - want[k + 1]) <= 0 and
                    (ys[k] == ys[k + 1]) == (want[k] == want[k + 1])
                    for k in range(len(ys) - 1))
        good &= report(order, "handout %d: the pain points follow the "
                       "scores" % i, (ys, want))
    return good


def read_png(path):
    """Width, height, bytes a pixel and the unfiltered rows of an 8-bit
    RGB or RGBA PNG without interlacing."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(
                ">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError("PNG depth %d type %d interlace %d" %
                         (depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                q = a + b - c
                pa, pb, pc = abs(q - a), abs(q - b), abs(q - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else
                                      b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def check_png(png_path, dom_path):
    p = parse(dom_path)
    try:
        w, h, bpp, rows = read_png(png_path)
    except (OSError, ValueError, zlib.error) as e:
        return report(False, "the screenshot is a PNG", e)
    report(True, "the screenshot is a PNG (%dx%d)" % (w, h))
    if not report(len(p.charts) == 1, "the page shows one chart"):
        return False
    _, _, vw, vh = (float(n) for n in p.charts[0]["viewbox"].split())
    height = int(vh * WIDTH / vw)
    if not report(w >= WIDTH and h >= height, "the chart fits the "
                  "screenshot", (w, h, height)):
        return False

    def pixel(x, y):
        q = rows[y][x * bpp:x * bpp + 3]
        return q[0], q[1], q[2]

    dark = grey = total = 0
    for y in range(height):
        for x in range(WIDTH):
            r, g, b = pixel(x, y)
            total += 1
            dark += (r + g + b) < 3 * 96
            grey += max(r, g, b) - min(r, g, b) <= 24
    good = report(dark > total // 200, "the chart is not blank: %d dark "
                  "pixels of %d" % (dark, total))
    good &= report(grey == total, "the chart is in shades of grey alone",
                   total - grey)
    scale = WIDTH / vw
    centres = [centre(t, a) for t, a in p.charts[0]["pain"]]
    filled = [sum(pixel(int(x * scale), int(y * scale))) < 3 * 96
              for x, y in centres]
    good &= report(centres and all(filled), "a dark dot at each of the "
                   "%d pain points" % len(centres), filled)
    below = [pixel(x, y) for y in range(height + 8, min(h, height + 40))
             for x in range(0, WIDTH, 4)]
    good &= report(all(sum(q) > 3 * 240 for q in below),
                   "nothing but the chart is shown")
    return good


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("dom", "png"):
        print("usage: chart.py dom DOM JSON | chart.py png PNG DOM",
              file=sys.stderr)
        return 2
    if sys.argv[1] == "dom":
        good = check_dom(sys.argv[2], sys.argv[3])
    else:
        good = check_png(sys.argv[2], sys.argv[3])
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
