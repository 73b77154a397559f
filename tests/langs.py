"""The protocol's texts in a handout's language (tests/langs.sh).

langs.py PROTOCOL.yaml LANG OTHER TEXT HTML ICS: the protocol's name,
solution, default sites and care notes in LANG must be in the text and
HTML handouts (the name and sites in the calendar too), and none of its
texts in OTHER, the language it would leak, in any of the three.
Texts are read from the YAML, so a new protocol or a reworded note is
checked as it stands.  A source given as plain text is a citation, as
published, and left out; one given per language (the clinic's words
around the citation) is checked as the other texts.  Prints "ok - ..."
or "not ok - ..." per check.
"""
import html
import re
import sys

import yaml


def texts(proto, lang):
    """The protocol's texts in lang, or given in none: {field: [text]}."""
    def pick(v):
        if isinstance(v, dict):
            return v.get(lang)
        return v if lang == "en" else None

    def listed(v):
        v = pick(v)
        return [] if v is None else v if isinstance(v, list) else [v]

    out = {"name": listed(proto["name"]),
           "solution": listed(proto["solution"]),
           "sites": listed(proto["sites"])}
    for section, paras in (proto.get("care") or {}).items():
        out["care " + section] = listed(paras)
    return out


def flat(s):
    return re.sub(r"\s+", " ", s)


def read_text(path):
    return flat(open(path, encoding="utf-8").read())


def read_html(path):
    s = open(path, encoding="utf-8").read()
    s = re.sub(r"<style.*?</style>", " ", s, flags=re.S)
    return flat(html.unescape(re.sub(r"<[^>]*>", " ", s)))


def read_ics(path):
    s = open(path, encoding="utf-8", newline="").read()
    s = re.sub(r"\r\n[ \t]", "", s)
    s = re.sub(r"\\([nN,;\\])",
               lambda m: "\n" if m.group(1) in "nN" else m.group(1), s)
    return flat(s)


def main():
    path, lang, other, text, page, ics = sys.argv[1:7]
    proto = yaml.safe_load(open(path, encoding="utf-8"))
    pid = proto["id"]
    want, leak = texts(proto, lang), texts(proto, other)
    # The source is cited as published, in its own language.
    source = proto.get("source", "")
    docs = {"text": read_text(text), "html": read_html(page),
            "ics": read_ics(ics)}
    bad = 0
    if isinstance(source, dict):
        # The clinic's words around the citation, in each language: the
        # handout's own in the text and HTML, the other's nowhere; then
        # the citation, shared, is left out as a plain one is.
        own, theirs = flat(source.get(lang, "")), flat(source.get(other, ""))
        for fmt in ("text", "html"):
            if not own or own not in docs[fmt]:
                print(f"not ok - {pid} {fmt}: the '{lang}' source is "
                      f"missing")
                bad += 1
        for fmt, doc in docs.items():
            if theirs and theirs in doc:
                print(f"not ok - {pid} {fmt}: the '{other}' source leaks")
                bad += 1
        cited = own or "\0"
    else:
        cited = flat(source) or "\0"
    docs = {fmt: doc.replace(cited, " ") for fmt, doc in docs.items()}
    for fmt, doc in docs.items():
        for field, items in want.items():
            if fmt == "ics" and field not in ("name", "sites"):
                continue
            if not items:
                print(f"not ok - {pid}: no '{lang}' {field} in the file")
                bad += 1
            for t in items:
                if flat(t) not in doc:
                    print(f"not ok - {pid} {fmt}: the '{lang}' {field} "
                          f"is missing: {t[:50]!r}")
                    bad += 1
        for field, items in leak.items():
            for t in items:
                if flat(t) in doc:
                    print(f"not ok - {pid} {fmt}: the '{other}' {field} "
                          f"leaks: {t[:50]!r}")
                    bad += 1
    if bad == 0:
        print(f"ok - {pid}: the '{lang}' handout, page and calendar hold "
              f"its '{lang}' name, solution, sites and notes, and none "
              f"in '{other}'")
    return 0


sys.exit(main())
