"""Norway's municipalities and their former names from `content/kommuner/`, and how to sort names."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from veileder.engine.checks import Problem
from veileder.engine.model import Location
from veileder.vocabulary import NORWEGIAN

COLUMNS = ["kommunenummer", "navn", "fylkesnummer", "fylke", "andre_navn"]
FORMER_COLUMNS = ["tidligere_navn", "tidligere_nummer", "kommunenummer", "endret"]
NUMBER = re.compile(r"\d{4}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LABEL_SEPARATOR = " – "


@dataclass(frozen=True)
class Municipality:
    number: str
    name: str
    county_number: str
    county: str
    other_names: tuple[str, ...]  # official Sami and Kven parallel names

    @property
    def label(self) -> str:
        """The name with its Sami and Kven names, as lists show it: "Karasjok – Kárášjohka"."""
        return LABEL_SEPARATOR.join((self.name, *self.other_names))


@dataclass(frozen=True)
class FormerName:
    """A former municipality's name, and the municipalities that hold its area today.

    More than one `became` means it was split: a visitor who types the name is asked which.
    """

    name: str
    former_number: str
    became: tuple[str, ...]
    changed: str  # the date of the change, YYYY-MM-DD


def read_municipalities(text: str, path: str) -> tuple[list[Municipality], list[Problem]]:
    """Parse the municipality list; every malformed row is a problem with its line."""
    problems: list[Problem] = []
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or rows[0] != COLUMNS:
        return [], [Problem(Location(path, 1), f"the first line must be the header {','.join(COLUMNS)}")]
    found: list[Municipality] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        where = Location(path, line)
        if not row:
            continue
        if len(row) != len(COLUMNS):
            problems.append(Problem(where, f"expected {len(COLUMNS)} columns, found {len(row)}"))
            continue
        number, name, county_number, county, others = (cell.strip() for cell in row)
        if not NUMBER.fullmatch(number) or number[:2] != county_number:
            problems.append(Problem(where, f"'{number}' is not a four-digit number starting with the county number"))
            continue
        if number in seen:
            problems.append(Problem(where, f"municipality {number} is listed twice (first at line {seen[number]})"))
            continue
        if not name or not county:
            problems.append(Problem(where, "the name and the county must not be empty"))
            continue
        seen[number] = line
        other_names = tuple(part.strip() for part in others.split("/") if part.strip())
        found.append(Municipality(number, name, county_number, county, other_names))
    return found, problems


# Norwegian alphabetical order puts Æ, Ø and Å last; other accented letters sort with their base.
_NORWEGIAN_LAST = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}
# Sami letters with no Unicode decomposition sort and match with their base letter.
_BASE_LETTER = str.maketrans({"ŋ": "n", "đ": "d", "ŧ": "t"})


def sort_key(name: str, language: str) -> tuple[str, str]:
    """A key that sorts names the way a reader of `language` expects.

    Norwegian (nb, nn): æ, ø, å after z. English: those letters sort as ae, o and a. Case and
    other accents (á, č, ŋ in Sami names) do not change the order.
    """
    lowered = name.casefold().translate(_BASE_LETTER)
    if language in NORWEGIAN:
        base = "".join(_NORWEGIAN_LAST.get(ch, ch) for ch in lowered)
    else:
        base = lowered.replace("æ", "ae").replace("ø", "o")
    folded = unicodedata.normalize("NFKD", base)
    return "".join(ch for ch in folded if not unicodedata.combining(ch)), lowered


def read_former_names(text: str, path: str, numbers: Collection[str]) -> tuple[list[FormerName], list[Problem]]:
    """Parse the former names; rows for the same former municipality are gathered into one."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or rows[0] != FORMER_COLUMNS:
        return [], [Problem(Location(path, 1), f"the first line must be the header {','.join(FORMER_COLUMNS)}")]
    problems: list[Problem] = []
    gathered: dict[tuple[str, str], FormerName] = {}
    for line, row in enumerate(rows[1:], start=2):
        where = Location(path, line)
        if not row:
            continue
        if len(row) != len(FORMER_COLUMNS):
            problems.append(Problem(where, f"expected {len(FORMER_COLUMNS)} columns, found {len(row)}"))
            continue
        name, former_number, number, changed = (cell.strip() for cell in row)
        if not name or not NUMBER.fullmatch(former_number) or not DATE.fullmatch(changed):
            problems.append(Problem(where, "expected a name, a four-digit former number and a date such as 2020-01-01"))
            continue
        if number not in numbers:
            problems.append(Problem(where, f"'{number}' is not a municipality number in kommuner.csv"))
            continue
        key = (name, former_number)
        known = gathered.get(key)
        if known is not None and number in known.became:
            problems.append(Problem(where, f"'{name}' is listed twice for municipality {number}"))
            continue
        became = (*known.became, number) if known else (number,)
        gathered[key] = FormerName(name, former_number, became, changed)
    return list(gathered.values()), problems
