"""Local entries editors add per municipality: `content/kommuner/<number>.md`.

A file names the municipality's contact point for the voluntary sector, whether it has a
voluntary-sector policy and a leisure declaration, its volunteer centres and its own offers. Each
entry can be limited to some roles, an offer can name the ages it is for, and every entry can say
where it comes from (`source`) and when that was confirmed (`confirmed`). Entries are written in the
municipality's own language form (nb or nn).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from veileder.content.reader import Reader
from veileder.content.texts import read_text_file
from veileder.content.yamlnodes import Mapping, Node, Sequence
from veileder.engine.model import Location
from veileder.vocabulary import NORWEGIAN, SOURCE_LANGUAGE

#: The single entries a municipality file can have, in the order pages show them.
SINGLE_ENTRIES = ("contact", "policy", "leisure_declaration", "volunteer_centre")
#: Entries that say whether the municipality has something: ja (yes), under-arbeid (being made), nei (no).
STATUS_ENTRIES = ("policy", "leisure_declaration")
STATUSES = ("ja", "under-arbeid", "nei")
#: Entries a file may list more than one of.
LISTED_ENTRIES = ("volunteer_centre",)
CONTACT_KEYS = ("url", "email", "phone")
ENTRY_KEYS = ("name", "person", *CONTACT_KEYS, "description", "roles", "source", "confirmed")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(r"\+?\d[\d ]{6,}\d")
AGES = re.compile(r"(\d{1,2})\s*-\s*(\d{1,2})")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class LocalEntry:
    kind: str  # one of SINGLE_ENTRIES, or "offer"
    name: str | None  # None only for a status entry, which the page names by its kind
    url: str | None = None
    email: str | None = None
    phone: str | None = None
    description: str | None = None
    roles: frozenset[str] | None = None  # None: for every role
    ages: tuple[int, int] | None = None
    person: str | None = None  # the contact point's name, when the municipality gave it
    status: str | None = None  # for STATUS_ENTRIES: ja, under-arbeid or nei (None: ja, as written by name)
    source: str | None = None  # where the entry comes from
    confirmed: date | None = None  # when the source confirmed it

    def for_role(self, role_id: str) -> bool:
        return self.roles is None or role_id in self.roles

    @property
    def exists(self) -> bool:
        """The municipality has this: an entry without a status, or with status ja."""
        return self.status in (None, "ja")


@dataclass(frozen=True)
class LocalPage:
    number: str
    language: str
    entries: tuple[LocalEntry, ...]
    body: Markup

    def entries_for(self, role_id: str) -> tuple[LocalEntry, ...]:
        return tuple(entry for entry in self.entries if entry.for_role(role_id))

    def of_kind(self, kind: str) -> tuple[LocalEntry, ...]:
        return tuple(entry for entry in self.entries if entry.kind == kind)

    def has(self, kind: str) -> bool:
        """Whether the file registers that the municipality has a `kind` (for the national overview)."""
        return any(entry.exists for entry in self.of_kind(kind))


def read_local_pages(
    folder: Path, shown: str, reader: Reader, numbers: Collection[str], role_ids: Collection[str]
) -> dict[str, LocalPage]:
    """Every `<number>.md` in `folder`; `shown` is the folder as problems name it."""
    pages: dict[str, LocalPage] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.name == "README.md":  # the data's description and sources, not a municipality
            continue
        where = Location(f"{shown}/{path.name}", 1)
        if path.stem not in numbers:
            reader.problem(
                where, f"'{path.stem}' is not a municipality number in kommuner.csv (name the file e.g. 5612.md)"
            )
            continue
        page = _read_page(path.read_text(encoding="utf-8"), where.path, path.stem, reader, role_ids)
        if page is not None:
            pages[page.number] = page
    return pages


def _read_page(text: str, path: str, number: str, reader: Reader, role_ids: Collection[str]) -> LocalPage | None:
    read = read_text_file(text, path, reader, (), (*SINGLE_ENTRIES, "offers", "language"), min_heading=3)
    if read is None:
        return None
    fields = read.fields
    entries = []
    for kind in SINGLE_ENTRIES:
        node = fields.values.get(kind)
        if node is None:
            continue
        nodes = node.items if kind in LISTED_ENTRIES and isinstance(node, Sequence) else (node,)
        entries += [entry for item in nodes if (entry := _entry(reader, item, kind, role_ids)) is not None]
    for node in reader.sequence(fields.values.get("offers"), "offers"):
        entry = _entry(reader, node, "offer", role_ids)
        if entry is not None:
            entries.append(entry)
    if not fields.values:
        reader.problem(
            Location(path, 1), "the file names no contact, policy, leisure_declaration, volunteer_centre or offers"
        )
    language = reader.text(fields.values.get("language"), "language") or SOURCE_LANGUAGE
    if language not in NORWEGIAN:
        reader.problem(fields.values["language"].where, f"language must be {' or '.join(NORWEGIAN)}")
    return LocalPage(number, language, tuple(entries), read.html)


def _entry(reader: Reader, node: Node, kind: str, role_ids: Collection[str]) -> LocalEntry | None:
    what = f"the {kind.replace('_', ' ')}"
    if kind in STATUS_ENTRIES:
        required = ("status",) if kind == "policy" else ()
        keys: tuple[str, ...] = ("status", *ENTRY_KEYS)
    else:
        required, keys = ("name",), ENTRY_KEYS + (("ages",) if kind == "offer" else ())
    fields = reader.mapping(node, what, node.where, required, tuple(k for k in keys if k not in required))
    if fields is None:
        return None
    text = {key: reader.text(fields.values.get(key), key) for key in ("name", "person", *CONTACT_KEYS, "description")}
    status = _status(reader, fields)
    has_status = "status" in fields.values
    if not has_status and text["name"] is None and kind == "leisure_declaration":
        reader.problem(fields.where, f"{what} needs a status (ja, under-arbeid or nei) or a name")
    elif not has_status and kind != "policy" and not any(text[key] for key in CONTACT_KEYS):
        reader.problem(fields.where, f"{what} needs a url, an email or a phone number")
    ok = _check_contacts(reader, fields, text)
    roles = _roles(reader, fields, role_ids)
    ages = _ages(reader, fields)
    source = reader.text(fields.values.get("source"), "source")
    confirmed = _confirmed(reader, fields)
    if (text["name"] is None and kind not in STATUS_ENTRIES) or not ok:
        return None
    return LocalEntry(
        kind,
        text["name"],
        text["url"],
        text["email"],
        text["phone"],
        text["description"],
        roles,
        ages,
        person=text["person"],
        status=status,
        source=source,
        confirmed=confirmed,
    )


def _status(reader: Reader, fields: Mapping) -> str | None:
    value = reader.text(fields.values.get("status"), "status")
    if value is not None and value not in STATUSES:
        reader.problem(fields.values["status"].where, f"status must be ja, under-arbeid or nei, not '{value}'")
        return None
    return value


def _confirmed(reader: Reader, fields: Mapping) -> date | None:
    value = reader.text(fields.values.get("confirmed"), "confirmed")
    if value is None:
        return None
    where = fields.values["confirmed"].where
    try:
        day = date.fromisoformat(value) if DATE.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        reader.problem(where, f"confirmed should be a date written as 2025-03-31, not '{value}'")
    elif day > date.today():
        reader.problem(where, f"confirmed is a date in the future ({value})")
        return None
    return day


def _check_contacts(reader: Reader, fields: Mapping, text: dict[str, str | None]) -> bool:
    checks: dict[str, tuple[Callable[[str], object], str]] = {
        "url": (lambda v: v.startswith(("https://", "http://")), "the url must start with https:// or http://"),
        "email": (EMAIL.fullmatch, "the email is not an e-mail address"),
        "phone": (PHONE.fullmatch, "the phone number should be digits and spaces, such as 12 34 56 78"),
    }
    ok = True
    for key, (valid, message) in checks.items():
        value = text[key]
        if value is not None and not valid(value):
            reader.problem(fields.values[key].where, f"{message} ('{value}')")
            ok = False
    return ok


def _roles(reader: Reader, fields: Mapping, role_ids: Collection[str]) -> frozenset[str] | None:
    if "roles" not in fields.values:
        return None
    found = set()
    for role_id, where in reader.ident_list(fields.values["roles"], "roles"):
        if role_id not in role_ids:
            reader.problem(
                where, f"roles names '{role_id}', which is not a role (roles: {', '.join(sorted(role_ids))})"
            )
        found.add(role_id)
    return frozenset(found)


def _ages(reader: Reader, fields: Mapping) -> tuple[int, int] | None:
    value = reader.text(fields.values.get("ages"), "ages")
    if value is None:
        return None
    match = AGES.fullmatch(value)
    if match is None or int(match.group(1)) > int(match.group(2)):
        reader.problem(fields.values["ages"].where, f"ages should be a range such as 6-18, not '{value}'")
        return None
    return int(match.group(1)), int(match.group(2))
