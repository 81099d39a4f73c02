"""Reading a printed page back: the PDF's lines in reading order, to check what a reader of the paper sees.

Chromium prints the result and the handout in two columns. `pdf_lines` gives every line of text with its
page and column, in the order a reader reads them (page by page, the left column first);
`stranded_headings` finds the headings that end their column, away from the text they head.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

from pypdf import PageObject, PdfReader

#: Lines closer than this (in points) are one line: fragments of a line can sit a little apart.
SAME_LINE = 2.0


@dataclass(frozen=True)
class Line:
    page: int
    column: int  # 0 left, 1 right (text spanning the page counts as left)
    y: float  # from the bottom of the page, in points
    text: str


def squeeze(text: str) -> str:
    """Text for comparing: no spaces, hyphens or soft hyphens, ligatures undone, lower case."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", unicodedata.normalize("NFKC", text)).lower()


def pdf_lines(pdf: bytes) -> list[Line]:
    lines: list[Line] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        for column, y, text in _fragments(page):
            last = lines[-1] if lines else None
            if last and last.page == number and last.column == column and abs(last.y - y) < SAME_LINE:
                lines[-1] = Line(number, column, last.y, f"{last.text} {text.strip()}")
            else:
                lines.append(Line(number, column, y, text.strip()))
    return lines


def _fragments(page: PageObject) -> list[tuple[int, float, str]]:
    """The page's pieces of text as (column, y, text), in reading order."""
    middle = float(page.mediabox.width) / 2
    found: list[tuple[int, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            found.append((0 if x < middle else 1, tm[5] * cm[3] + cm[5], x, text))

    page.extract_text(visitor_text=visit)
    return [(column, y, text) for column, y, _, text in sorted(found, key=lambda f: (f[0], -f[1], f[2]))]


def find(lines: list[Line], text: str, start: int = 0) -> tuple[int, int] | None:
    """The first run of lines from `start` that reads `text`: (first index, last index)."""
    wanted = squeeze(text)
    for first in range(start, len(lines)):
        read = ""
        for last in range(first, len(lines)):
            read += squeeze(lines[last].text)
            if read == wanted:
                return first, last
            if not wanted.startswith(read):
                break
    return None


def stranded_headings(pdf: bytes, headings: list[str]) -> list[str]:
    """The headings (in document order) that end a column or page, so that their text starts elsewhere.

    A heading the PDF does not contain is reported too: the check must not pass by not finding it.
    """
    lines = pdf_lines(pdf)
    problems = []
    start = 0
    for heading in headings:
        found = find(lines, heading, start)
        if found is None:
            problems.append(f"{heading!r}: not found in the PDF")
            continue
        last = found[1]
        after = lines[last + 1] if last + 1 < len(lines) else None
        here = lines[last]
        if after is None or (after.page, after.column) != (here.page, here.column):
            problems.append(f"{heading!r}: last line of page {here.page}, column {here.column + 1}")
        start = last + 1
    return problems
