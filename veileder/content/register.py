"""The register snapshot: voluntary organisations per municipality, from Brønnøysund's open registers.

`content/register/frivillige-organisasjoner.tsv` is written by `flask --app veileder local refresh`,
never by hand. It is UTF-8 text, one record a line, fields separated by tabs:

    # comment lines
    format      1
    fetched     2025-05-01                      (the day the registers were read)
    source      Brønnøysundregistrene: …        (who published the data)
    licence     NLOD 2.0
    icnpo       1200  Idrett  Idrett            (a category: code, bokmål name, nynorsk name)
    kommune     0301  https://www.oslo.kommune.no   (starts a municipality: its number, its website or nothing)
    sentral     974760843  Name  8200  https://…     (a volunteer centre in that municipality)
    org         912345678  Name  1200,1100  https://… (an organisation: number, name, ICNPO codes, website)

Lines are grouped by municipality and sorted, so that a refresh shows in `git diff` as the
organisations that came and went. The app keeps the file's bytes (a few megabytes for the whole
country), finds each municipality's lines when it starts, and reads one municipality's lines only
when a page asks for them: start-up stays fast and a worker holds no object per organisation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from veileder.content.municipalities import sort_key
from veileder.content.reader import Reader
from veileder.engine.model import Location
from veileder.vocabulary import BOKMAL, NYNORSK

#: Where the snapshot lives, inside the content folder.
SNAPSHOT = Path("register") / "frivillige-organisasjoner.tsv"
FORMAT = "1"
#: Older than this, `content check` warns that the snapshot should be refreshed.
MAX_AGE_DAYS = 90

#: The interests a child can have, and the ICNPO codes whose organisations each list shows. The codes'
#: names come from the register itself (the `icnpo` lines); only this choice is made here.
CATEGORIES: dict[str, frozenset[str]] = {
    "idrett": frozenset({"1200"}),  # sport
    "musikk-og-kultur": frozenset({"1100"}),  # art and culture
    "friluftsliv": frozenset({"1300", "5100"}),  # recreation; nature and environment
    "barn-og-unge": frozenset({"13100"}),  # children and youth organisations: "something else"
}
#: The list of a municipality's volunteer centres (ICNPO 8200, or a name that says so).
VOLUNTEER_CENTRES = "frivilligsentraler"
VOLUNTEER_CENTRE_CODE = "8200"
VOLUNTEER_CENTRE_WORDS = ("frivilligsentral", "frivillighetssentral", "nærmiljøsentral")

HEADER_KEYS = ("format", "fetched", "source", "licence", "enhetsregisteret", "frivillighetsregisteret")

_WEBSITE = rb"(?:https?://[^\t\r\n ]+)?"
_NAME = rb"[^\t\n]*[^\t\n ][^\t\n]*"
_CODES = rb"(?:\d{1,6}(?:,\d{1,6})*)?"
_END = rb"(?=\n|\Z)"
# Each pattern runs over the body with a newline put in front, and starts with that newline: the
# regular expression engine then jumps from newline to newline instead of trying every position.
#: A well-formed organisation line: its number and its ICNPO codes.
_ORG_LINE = re.compile(rb"\n(?:org|sentral)\t(\d{9})\t" + _NAME + rb"\t(" + _CODES + rb")\t" + _WEBSITE + _END)
#: A well-formed municipality line: its number and its website.
_KOMMUNE_LINE = re.compile(rb"\nkommune\t(\d{4})\t(" + _WEBSITE + rb")" + _END)
#: A line that is neither (looked for only when the two above do not account for every line).
_BAD_LINE = re.compile(
    rb"\n(?!(?:(?:org|sentral)\t\d{9}\t"
    + _NAME
    + rb"\t"
    + _CODES
    + rb"\t"
    + _WEBSITE
    + rb"|kommune\t\d{4}\t"
    + _WEBSITE
    + rb")"
    + _END
    + rb")([^\n]*)"
)


def is_volunteer_centre_name(name: str) -> bool:
    folded = name.casefold()
    return any(word in folded for word in VOLUNTEER_CENTRE_WORDS)


def is_web_address(url: str) -> bool:
    return url.startswith(("https://", "http://")) and " " not in url and "\t" not in url


@dataclass(frozen=True, slots=True)  # tens of thousands of these during a refresh
class Organisation:
    number: str  # the organisation number, nine digits
    name: str
    codes: tuple[str, ...]  # ICNPO codes, in the order the organisation gave them
    website: str | None


@dataclass(frozen=True)
class IcnpoCategory:
    code: str
    names: dict[str, str]  # bokmål and nynorsk

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names[BOKMAL]


@dataclass(frozen=True)
class LocalRegister:
    """What the register says about one municipality."""

    number: str
    website: str | None
    volunteer_centres: tuple[Organisation, ...]
    organisations: tuple[Organisation, ...]

    def in_category(self, category: str) -> tuple[Organisation, ...]:
        """The organisations in one of CATEGORIES, or the volunteer centres, sorted by name."""
        if category == VOLUNTEER_CENTRES:
            return self.volunteer_centres
        codes = CATEGORIES[category]
        return tuple(org for org in self.organisations if codes.intersection(org.codes))

    def handful(self, category: str, count: int = 5) -> tuple[Organisation, ...]:
        """A few of a category's organisations for a summary: those with a website first."""
        found = self.in_category(category)
        with_site = [org for org in found if org.website]
        return tuple((with_site + [org for org in found if not org.website])[:count])


@dataclass(frozen=True)
class Register:
    """A loaded snapshot: its date and categories at once, each municipality's part on demand."""

    path: str  # as problems name it
    fetched: date
    source: str
    icnpo: dict[str, IcnpoCategory]
    websites: dict[str, str | None]  # municipality number -> its website, for every municipality listed
    organisation_count: int
    _body: bytes = field(repr=False, compare=False)
    _sections: dict[str, tuple[int, int]] = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        # One small cache per snapshot, so that a reloaded snapshot never answers from the old one.
        object.__setattr__(self, "municipality", lru_cache(maxsize=64)(self._read_municipality))

    def municipality(self, number: str) -> LocalRegister | None:  # replaced per instance by a cached reader
        return self._read_municipality(number)

    def age_days(self, today: date) -> int:
        return (today - self.fetched).days

    def _read_municipality(self, number: str) -> LocalRegister | None:
        span = self._sections.get(number)
        if span is None:
            return None
        centres: list[Organisation] = []
        organisations: list[Organisation] = []
        lines = self._body[span[0] : span[1]].decode("utf-8").split("\n")
        for line in lines[1:]:  # the first is the municipality's own line
            if not line:
                continue
            kind, org_number, name, codes, website = line.split("\t")
            org = Organisation(org_number, name, tuple(codes.split(",")) if codes else (), website or None)
            (centres if kind == "sentral" else organisations).append(org)
        return LocalRegister(number, self.websites.get(number), tuple(centres), tuple(organisations))


def freshness_warning(register: Register, today: date) -> str | None:
    """A warning for `content check` when the snapshot is older than MAX_AGE_DAYS."""
    age = register.age_days(today)
    if age <= MAX_AGE_DAYS:
        return None
    return (
        f"{register.path}:1: warning: the register snapshot was fetched {age} days ago, on "
        f"{register.fetched.isoformat()} (more than {MAX_AGE_DAYS}); run `flask --app veileder local refresh`"
    )


def summary(register: Register) -> str:
    count = len(register.websites)
    return (
        f"register: {register.organisation_count:,} organisations in {count} municipalities, "
        f"fetched {register.fetched.isoformat()}: OK"
    )


# -- Reading -------------------------------------------------------------------------------------------


def read_register(path: Path, shown: str, reader: Reader, numbers: Collection[str]) -> Register | None:
    """The snapshot at `path` (None when there is none), checked; every problem goes to `reader`."""
    if not path.is_file():
        return None
    data = path.read_bytes()
    body_start = _body_start(data)
    header, problems_before = _read_header(data[:body_start].decode("utf-8", "replace"), shown, reader)
    body = data[body_start:]
    lines = _Lines(shown, data.count(b"\n", 0, body_start), body)
    scan = b"\n" + body.rstrip(b"\n")  # offsets in `scan` are one past those in `body`
    organisations = _ORG_LINE.findall(scan)
    ok = problems_before == len(reader.problems)
    kommuner = list(_KOMMUNE_LINE.finditer(scan))
    if len(organisations) + len(kommuner) != scan.count(b"\n"):
        ok &= _check_lines(scan, lines, reader)
    ok &= _check_codes(scan, organisations, header.icnpo if header else {}, lines, reader)
    ok &= _check_numbers(scan, organisations, lines, reader)
    sections, websites, found_ok = _sections(kommuner, len(body), set(numbers), lines, reader)
    if header is None or not ok or not found_ok:
        return None
    return Register(shown, header.fetched, header.source, header.icnpo, websites, len(organisations), body, sections)


class _Lines:
    """Line numbers for problems, counted only when there is a problem to report."""

    def __init__(self, shown: str, header_lines: int, body: bytes) -> None:
        self.shown, self.header_lines, self.body = shown, header_lines, body

    def at(self, scan_offset: int) -> Location:
        """The line that starts just after the newline at `scan_offset` of the scanned body."""
        return Location(self.shown, self.header_lines + self.body.count(b"\n", 0, scan_offset) + 1)


def _sections(
    matches: list[re.Match[bytes]], size: int, known: set[str], lines: _Lines, reader: Reader
) -> tuple[dict[str, tuple[int, int]], dict[str, str | None], bool]:
    """Each municipality's span of the body, and its website."""
    sections: dict[str, tuple[int, int]] = {}
    websites: dict[str, str | None] = {}
    ok = True
    for index, match in enumerate(matches):
        number = match.group(1).decode()
        if number not in known:
            reader.problem(lines.at(match.start()), f"'{number}' is not a municipality number in kommuner.csv")
            ok = False
        elif number in sections:
            reader.problem(lines.at(match.start()), f"municipality {number} has a second group of lines; one only")
            ok = False
        end = matches[index + 1].start() if index + 1 < len(matches) else size
        sections[number] = (match.start(), end)  # in `body`: the newline's offset in `scan` is the line's
        websites[number] = match.group(2).decode() or None
    return sections, websites, ok


@dataclass(frozen=True)
class _Header:
    fetched: date
    source: str
    icnpo: dict[str, IcnpoCategory]


def _body_start(data: bytes) -> int:
    match = re.search(rb"^kommune\t", data, re.MULTILINE)
    return match.start() if match else len(data)


def _read_header(text: str, shown: str, reader: Reader) -> tuple[_Header | None, int]:
    """The header's values; returns the header (None if unusable) and the count of problems before it."""
    before = len(reader.problems)
    values: dict[str, str] = {}
    icnpo: dict[str, IcnpoCategory] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        where = Location(shown, number)
        if not line or line.startswith("#"):
            continue
        key, _, rest = line.partition("\t")
        if key == "icnpo":
            parts = rest.split("\t")
            if len(parts) != 3 or not parts[0].isdigit() or not parts[1].strip():
                reader.problem(where, "an icnpo line needs a code, its bokmål name and its nynorsk name")
                continue
            icnpo[parts[0]] = IcnpoCategory(parts[0], {BOKMAL: parts[1], NYNORSK: parts[2] or parts[1]})
        elif key in HEADER_KEYS:
            values[key] = rest.strip()
        elif key in ("org", "sentral"):
            reader.problem(where, "an organisation comes before any 'kommune' line: it belongs to no municipality")
        else:
            reader.problem(where, f"unknown line '{key}' (expected one of {', '.join((*HEADER_KEYS, 'icnpo'))})")
    for key in ("format", "fetched", "source"):
        if not values.get(key):
            reader.problem(Location(shown, 1), f"the snapshot has no '{key}' line")
    if values.get("format", FORMAT) != FORMAT:
        reader.problem(Location(shown, 1), f"format {values['format']} is not one this version reads ({FORMAT})")
    fetched = _date(values.get("fetched"))
    if values.get("fetched") and fetched is None:
        reader.problem(Location(shown, 1), f"fetched should be a date such as 2025-05-01, not '{values['fetched']}'")
    if fetched is None or not values.get("source"):
        return None, before
    return _Header(fetched, values["source"], icnpo), before


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _check_lines(scan: bytes, lines: _Lines, reader: Reader) -> bool:
    """Every body line well formed; one regular expression over the whole body finds those that are not."""
    ok = True
    for match in _BAD_LINE.finditer(scan):
        reader.problem(lines.at(match.start()), _why_bad(match.group(1).decode("utf-8", "replace")))
        ok = False
    return ok


def _why_bad(line: str) -> str:
    fields = line.split("\t")
    kind = fields[0]
    if kind == "kommune":
        if len(fields) != 3:
            return "a kommune line has a number and a website (or nothing) after a tab"
        if not re.fullmatch(r"\d{4}", fields[1]):
            return f"'{fields[1]}' is not a four-digit municipality number"
        return f"the website must start with https:// or http:// ('{fields[2]}')"
    if kind not in ("org", "sentral"):
        return f"unknown line '{kind}' (expected kommune, org or sentral)" if line else "empty line"
    if len(fields) != 5:
        return f"an {kind} line has 5 fields separated by tabs: {kind}, number, name, codes, website"
    if not re.fullmatch(r"\d{9}", fields[1]):
        return f"'{fields[1]}' is not a nine-digit organisation number"
    if not fields[2].strip():
        return "the organisation has no name"
    if not re.fullmatch(r"(\d{1,6}(,\d{1,6})*)?", fields[3]):
        return f"the categories should be ICNPO codes separated by commas, not '{fields[3]}'"
    return f"the website must start with https:// or http:// ('{fields[4]}')"


def _check_codes(
    scan: bytes,
    organisations: list[tuple[bytes, bytes]],
    icnpo: dict[str, IcnpoCategory],
    lines: _Lines,
    reader: Reader,
) -> bool:
    used = {code.decode() for codes in {codes for _, codes in organisations} if codes for code in codes.split(b",")}
    unknown = sorted(used - icnpo.keys())
    for code in unknown:
        at = re.search(rb"\n(?:org|sentral)\t\d{9}\t[^\t\n]*\t(?:[\d,]*,)?" + code.encode() + rb"[,\t]", scan)
        where = lines.at(at.start()) if at else Location(lines.shown, 1)
        reader.problem(where, f"ICNPO code {code} has no icnpo line in the header")
    return not unknown


def _check_numbers(scan: bytes, organisations: list[tuple[bytes, bytes]], lines: _Lines, reader: Reader) -> bool:
    numbers = [number for number, _ in organisations]
    if len(numbers) == len(set(numbers)):
        return True
    for number, count in Counter(numbers).items():
        if count > 1:
            second = list(re.finditer(rb"\n(?:org|sentral)\t" + number + rb"\t", scan))[1]
            reader.problem(lines.at(second.start()), f"organisation {number.decode()} is listed more than once")
    return False


# -- Writing -------------------------------------------------------------------------------------------


@dataclass
class Snapshot:
    """What a refresh found, ready to be written."""

    fetched: date
    source: str
    sources: dict[str, str]  # "enhetsregisteret", "frivillighetsregisteret" -> the address read
    icnpo: dict[str, IcnpoCategory]
    websites: dict[str, str | None] = field(default_factory=dict)  # municipality number -> website
    volunteer_centres: dict[str, list[Organisation]] = field(default_factory=dict)
    organisations: dict[str, list[Organisation]] = field(default_factory=dict)


def snapshot_lines(snapshot: Snapshot) -> Iterator[str]:
    """The snapshot's text, line by line (each ending in a newline), in the order read_register expects."""
    yield "# Voluntary organisations per municipality, from Brønnøysundregistrene's open data (NLOD 2.0).\n"
    yield "# Written by `flask --app veileder local refresh`: do not edit by hand, the next refresh replaces it.\n"
    yield f"format\t{FORMAT}\n"
    yield f"fetched\t{snapshot.fetched.isoformat()}\n"
    yield f"source\t{_clean(snapshot.source)}\n"
    yield "licence\tNLOD 2.0\n"
    for key, address in sorted(snapshot.sources.items()):
        yield f"{key}\t{_clean(address)}\n"
    for code in sorted(snapshot.icnpo, key=int):
        names = snapshot.icnpo[code].names
        yield f"icnpo\t{code}\t{_clean(names[BOKMAL])}\t{_clean(names.get(NYNORSK, ''))}\n"
    numbers = sorted(set(snapshot.websites) | set(snapshot.volunteer_centres) | set(snapshot.organisations))
    for number in numbers:
        yield f"kommune\t{number}\t{snapshot.websites.get(number) or ''}\n"
        for kind, found in (("sentral", snapshot.volunteer_centres), ("org", snapshot.organisations)):
            for org in _sorted(found.get(number, ())):
                yield f"{kind}\t{org.number}\t{_clean(org.name)}\t{','.join(org.codes)}\t{org.website or ''}\n"


def _sorted(organisations: Iterable[Organisation]) -> list[Organisation]:
    return sorted(organisations, key=lambda org: (sort_key(org.name, BOKMAL), org.number))


def _clean(text: str) -> str:
    """One line of text: tabs, newlines and runs of spaces become one space."""
    return " ".join(text.split())
