"""Local entries editors add per municipality: `content/kommuner/<number>.md`.

A file names the municipality's contact point for the voluntary sector, its leisure declaration,
its volunteer centre and its own offers. Each entry can be limited to some roles; an offer can
name the ages it is for. Entries are written in the municipality's own language form (nb or nn).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from veileder.content.reader import Reader
from veileder.content.texts import read_text_file
from veileder.content.yamlnodes import Mapping, Node
from veileder.engine.model import Location
from veileder.vocabulary import NORWEGIAN, SOURCE_LANGUAGE

#: The single entries a municipality file can have, in the order the result shows them.
SINGLE_ENTRIES = ("contact", "leisure_declaration", "volunteer_centre")
ENTRY_KEYS = ("name", "url", "email", "phone", "description", "roles")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(r"\+?\d[\d ]{6,}\d")
AGES = re.compile(r"(\d{1,2})\s*-\s*(\d{1,2})")


@dataclass(frozen=True)
class LocalEntry:
    kind: str  # one of SINGLE_ENTRIES, or "offer"
    name: str
    url: str | None = None
    email: str | None = None
    phone: str | None = None
    description: str | None = None
    roles: frozenset[str] | None = None  # None: for every role
    ages: tuple[int, int] | None = None

    def for_role(self, role_id: str) -> bool:
        return self.roles is None or role_id in self.roles


@dataclass(frozen=True)
class LocalPage:
    number: str
    language: str
    entries: tuple[LocalEntry, ...]
    body: Markup

    def entries_for(self, role_id: str) -> tuple[LocalEntry, ...]:
        return tuple(entry for entry in self.entries if entry.for_role(role_id))


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
    entries = [
        entry
        for kind in SINGLE_ENTRIES
        if kind in fields.values and (entry := _entry(reader, fields.values[kind], kind, role_ids)) is not None
    ]
    for node in reader.sequence(fields.values.get("offers"), "offers"):
        entry = _entry(reader, node, "offer", role_ids)
        if entry is not None:
            entries.append(entry)
    if not fields.values:
        reader.problem(Location(path, 1), "the file names no contact, leisure_declaration, volunteer_centre or offers")
    language = reader.text(fields.values.get("language"), "language") or SOURCE_LANGUAGE
    if language not in NORWEGIAN:
        reader.problem(fields.values["language"].where, f"language must be {' or '.join(NORWEGIAN)}")
    return LocalPage(number, language, tuple(entries), read.html)


def _entry(reader: Reader, node: Node, kind: str, role_ids: Collection[str]) -> LocalEntry | None:
    keys = (*ENTRY_KEYS, "ages") if kind == "offer" else ENTRY_KEYS
    fields = reader.mapping(node, f"the {kind.replace('_', ' ')}", node.where, ("name",), keys[1:])
    if fields is None:
        return None
    text = {key: reader.text(fields.values.get(key), key) for key in ("name", "url", "email", "phone", "description")}
    if not any(text[key] for key in ("url", "email", "phone")):
        reader.problem(fields.where, f"the {kind.replace('_', ' ')} needs a url, an email or a phone number")
    ok = _check_contacts(reader, fields, text)
    roles = _roles(reader, fields, role_ids)
    ages = _ages(reader, fields)
    if text["name"] is None or not ok:
        return None
    return LocalEntry(kind, text["name"], text["url"], text["email"], text["phone"], text["description"], roles, ages)


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
