"""Random clinic books in CSV, each with what Python's csv module reads
in it, for tests/test_book_csv.c to hold book_csv_read() against.

Usage: book_csv.py SEED CASES TODAY (YYYY-MM-DD).  For each case:

    case BYTES\n<the CSV, BYTES bytes>
    row YYYY-MM-DD HH:MM     (an appointment, as the csv module reads it)
    untimed COUNT LINE       (rows to come with no time, the first's line)
    end

The books vary what a spreadsheet or prolo may write: quoted or bare
fields, commas, doubled quotes and line breaks inside quotes, LF or CRLF
(mixed too), a byte order mark, blank lines, extra columns in any order,
header names in any case with spaces around them, a second "date"
column (the first one counts), no final line break.  The answer comes
from the csv module reading the text, not from what was generated; the
two are checked to agree first, so a case is never ambiguous.
"""

import csv
import datetime
import io
import random
import sys

WORDS = ["Jane", "Doe, Jane", 'say "hi"', "knee\nleft", "a,b,c", "",
         "O'Brien", "José Núñez", "line\r\nbreak", '"', ",", "  padded  ",
         "x" * 90, "date", "time", "09:00", "2026-12-01"]


def field(rng, text, must=False):
    """A field as written: quoted when it has to be, else at random."""
    special = any(c in text for c in ',"\r\n')
    if special or must or rng.random() < 0.3:
        return '"' + text.replace('"', '""') + '"'
    return text


def header_name(rng, name):
    name = "".join(c.upper() if rng.random() < 0.5 else c for c in name)
    return " " * rng.randint(0, 2) + name + " " * rng.randint(0, 2)


def make(rng, today):
    ncols = rng.randint(0, 5)
    cols = ["date", "time"] + ["extra%d" % i for i in range(ncols)]
    if rng.random() < 0.2:
        cols.append("date2")    # a second column named date: ignored
    rng.shuffle(cols)
    # Keep the first "date" first among the two named date.
    if "date2" in cols and cols.index("date2") < cols.index("date"):
        i, j = cols.index("date2"), cols.index("date")
        cols[i], cols[j] = cols[j], cols[i]
    names = []
    for c in cols:
        if c in ("date", "time", "date2"):
            names.append(header_name(rng, "date" if c == "date2" else c))
        else:
            names.append(rng.choice(["patient_name", "notes", "visit",
                                     "status", "Room, 2", "dates",
                                     "timezone", ""]))
    crlf = rng.random() < 0.5
    mixed = rng.random() < 0.2

    def eol():
        if mixed:
            return "\r\n" if rng.random() < 0.5 else "\n"
        return "\r\n" if crlf else "\n"

    lines = [",".join(field(rng, n) for n in names)]
    rows = []
    for _ in range(rng.randint(0, 12)):
        day = today + datetime.timedelta(days=rng.randint(-5, 30))
        if rng.random() < 0.15:
            t = ""
        else:
            t = "%02d:%02d" % (rng.randint(6, 19), rng.randint(0, 59))
        values = []
        for c in cols:
            if c == "date":
                values.append(day.isoformat())
            elif c == "time":
                values.append(t)
            elif c == "date2":
                values.append(rng.choice(["", "junk", "2026-99-99"]))
            else:
                values.append(rng.choice(WORDS))
        rows.append((day.isoformat(), t))
        lines.append(",".join(field(rng, v) for v in values))
    text = ""
    for i, line in enumerate(lines):
        text += line
        if i + 1 < len(lines) or rng.random() < 0.8:
            text += eol()
        while i + 1 < len(lines) and rng.random() < 0.1:
            text += eol()   # a blank line
    if lines and rng.random() < 0.1:
        text += eol()
    data = text.encode("utf-8")
    if rng.random() < 0.2:
        data = b"\xef\xbb\xbf" + data
    return data, rows


def read(data, today):
    """What the csv module reads: appointments, and the untimed ones."""
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    header = next(reader)
    keys = [h.strip(" ").lower() for h in header]
    di, ti = keys.index("date"), keys.index("time")
    timed, untimed, first, rows = [], 0, 0, []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        if not row:
            continue        # a blank line
        rows.append((row[di], row[ti]))
        if row[ti] == "":
            if row[di] >= today.isoformat():
                untimed += 1
                first = first or start
        else:
            timed.append((row[di], row[ti]))
    return timed, untimed, first, rows


def main():
    seed, cases = int(sys.argv[1]), int(sys.argv[2])
    today = datetime.date.fromisoformat(sys.argv[3])
    rng = random.Random(seed)
    out = sys.stdout.buffer
    for _ in range(cases):
        data, made = make(rng, today)
        timed, untimed, first, rows = read(data, today)
        assert rows == made, (data, rows, made)
        out.write(b"case %d\n" % len(data) + data + b"\n")
        for d, t in timed:
            out.write(("row %s %s\n" % (d, t)).encode())
        out.write(b"untimed %d %d\nend\n" % (untimed, first))
    out.write(b"done %d\n" % cases)


main()
