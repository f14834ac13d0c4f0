#!/usr/bin/env python3
"""Lay out a marked-up source as pdftotext-style text, artefacts included.

The sample drafts must look like text extracted from a PDF: lines wrapped at
about 80 columns, words broken by a hyphen at line ends, a running header and
a "Sida N av M" footer on every page, form feeds between pages and footnotes
at the bottom of their page. Writing that by hand is error-prone, so the
drafts are written once in a small markup and laid out by this script.

Markup (one item per line; a paragraph is a run of plain lines):
  @header TEXT    running header printed at the top of every page
  @raw TEXT       a line printed as it is (title page, table of contents)
  @blank          an empty line
  @page           a page break
  @toc TEXT       a table-of-contents line; the page number of the first
                  paragraph starting with TEXT is filled in after layout
  @footnote TEXT  a footnote at the bottom of the current page
  @pua TEXT       a list item with the private-use bullet U+F0B7
  {-}             inside a word: break the line here and add a hyphen
  {/}             break the line here without adding anything (after an
                  existing hyphen, or before a word)

Usage: layout.py SRC > OUT.txt         the laid-out text
       layout.py --normalised SRC      the text as an ideal normaliser sees
                                       it: no header, footer or breaks, one
                                       paragraph a line
"""
import re
import sys

WIDTH = 80
BODY_LINES = 52  # body lines per page; gives 350-450 words a page
PUA_BULLET = "\uf0b7"


def parse(lines):
    header, items, para = "", [], []

    def flush():
        if para:
            items.append(("para", " ".join(para)))
            para.clear()

    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("@header "):
            header = line[8:]
        elif line.startswith("@"):
            flush()
            word, _, rest = line.partition(" ")
            if word == "@pua":
                para.append(PUA_BULLET + " " + rest)
            else:
                items.append((word[1:], rest))
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
    flush()
    return header, items


def greedy(text, width):
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = word if not cur else cur + " " + word
    if cur:
        lines.append(cur)
    return lines


def wrap_segment_to_fill(text, suffix):
    # A forced break ends a line early; choose the width that makes that
    # line as full as possible so the break does not look artificial.
    best = None
    for width in range(WIDTH, WIDTH - 10, -1):
        lines = greedy(text, width)
        last = len(lines[-1]) + len(suffix)
        score = -abs(WIDTH - 2 - last) if last <= WIDTH else -1000
        if best is None or score > best[0]:
            best = (score, lines)
    lines = best[1]
    lines[-1] += suffix
    return lines


def wrap(text):
    parts = re.split(r"(\{-\}|\{/\})", text)
    lines = []
    for i in range(0, len(parts) - 1, 2):
        suffix = "-" if parts[i + 1] == "{-}" else ""
        lines += wrap_segment_to_fill(parts[i].strip(), suffix)
    lines += greedy(parts[-1].strip(), WIDTH)
    return lines


def normalised(items):
    out = []
    for kind, text in items:
        if kind in ("para", "raw", "footnote") and text.strip():
            text = text.replace("{-}", "").replace("{/}", "")
            out.append(" ".join(text.split()))
    return "\n".join(out) + "\n"


def toc_line(title, page):
    left, right = title + " ", f" {page}"
    return left + "." * (WIDTH - 2 - len(left) - len(right)) + right


def heading_pages(items, pages):
    # The page of each table-of-contents entry, found in a first layout pass.
    wanted = {text for kind, text in items if kind == "toc"}
    found = {}
    for n, (body, _) in enumerate(pages, 1):
        for line in body:
            for title in wanted:
                if title not in found and line.startswith(title) and "...." not in line:
                    found[title] = n
    return found


def paginate(items, toc_pages=None):
    toc_pages = toc_pages or {}
    pages, body, notes = [], [], []

    def new_page():
        while body and not body[-1]:
            body.pop()
        pages.append((list(body), list(notes)))
        body.clear()
        notes.clear()

    def add(line):
        if len(body) + len(notes) >= BODY_LINES:
            new_page()
        if body or line:
            body.append(line)

    for kind, text in items:
        if kind == "page":
            new_page()
        elif kind == "blank":
            add("")
        elif kind == "raw":
            add(text)
        elif kind == "toc":
            add(toc_line(text, toc_pages.get(text, 0)))
        elif kind == "footnote":
            notes.extend(greedy(text, WIDTH))
        else:
            for line in wrap(text):
                add(line)
            add("")
    new_page()
    return pages


def render(header, pages):
    out = []
    total = len(pages)
    for n, (body, notes) in enumerate(pages, 1):
        lines = [header, ""] + body
        if notes:
            lines += [""] + notes
        lines += ["", f"Sida {n} av {total}"]
        out.append("\n".join(lines) + "\n")
    return "\f".join(out) + "\f"


def main(argv):
    mode_normalised = argv[1] == "--normalised"
    with open(argv[-1], encoding="utf-8") as f:
        header, items = parse(f)
    if mode_normalised:
        sys.stdout.write(normalised(items))
    else:
        first = paginate(items)
        sys.stdout.write(render(header, paginate(items, heading_pages(items, first))))


if __name__ == "__main__":
    main(sys.argv)
