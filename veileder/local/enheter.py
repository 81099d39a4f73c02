"""Enhetsregisteret's bulk file, read as a stream: the units the snapshot needs, and nothing else kept.

The file is one gzipped JSON array of about 1.2 million units (about 210 MB compressed). ijson (with
its C backend) parses it incrementally, one unit at a time, so memory holds only the units kept:
the voluntary organisations, the volunteer centres and the municipalities themselves. The standard
library's json cannot stream, and the CSV variant's column names are not described in the register's
API documentation the way the JSON fields are.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast
from urllib.parse import urlsplit

import ijson

from veileder.content.register import VOLUNTEER_CENTRE_CODE, Organisation, is_volunteer_centre_name
from veileder.local.fetch import RefreshError
from veileder.local.progress import Progress, megabytes

ORG_NUMBER = re.compile(r"\d{9}")
HOST = re.compile(r"[^\s/:@?#]+\.[^\s/:@?#.]{2,}")
#: Units that are being closed down: not offered to a visitor.
CLOSING = ("konkurs", "underAvvikling", "underTvangsavviklingEllerTvangsopplosning")


@dataclass
class Found:
    """What the bulk file gave, per municipality number, and what was left out and why."""

    websites: dict[str, str | None] = field(default_factory=dict)
    volunteer_centres: dict[str, list[Organisation]] = field(default_factory=dict)
    organisations: dict[str, list[Organisation]] = field(default_factory=dict)
    units: int = 0
    left_out: Counter[str] = field(default_factory=Counter)


def read_units(
    path: Path, categories: Mapping[str, tuple[str, ...]], municipalities: Collection[str], progress: Progress
) -> Found:
    """The snapshot's units from the bulk file at `path`, joined with Frivillighetsregisteret's `categories`."""
    found = Found()
    known = set(municipalities)
    size = path.stat().st_size
    try:
        with path.open("rb") as raw:
            counted = _Counted(raw)
            for unit in _units(counted):
                found.units += 1
                _take(unit, found, categories, known)
                if found.units % 5000 == 0:
                    progress.update(
                        f"Enhetsregisteret: {found.units:,} units read, {megabytes(counted.count)} of {megabytes(size)}"
                    )
    except (EOFError, OSError, zlib.error) as error:
        raise RefreshError(f"the bulk file {path} is damaged or cut off ({error or type(error).__name__})") from None
    except ijson.JSONError as error:
        raise RefreshError(f"the bulk file {path} is not valid JSON after {found.units:,} units ({error})") from None
    except UnicodeDecodeError as error:
        raise RefreshError(f"the bulk file {path} is not UTF-8 after {found.units:,} units ({error})") from None
    if found.units == 0:
        raise RefreshError(f"the bulk file {path} holds no units")
    return found


class _Counted:
    """A file that counts the bytes read from it, for the progress line."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.count += len(data)
        return data


def _units(file: _Counted) -> Iterator[Any]:
    start = file.file.peek(2)[:2] if hasattr(file.file, "peek") else b""
    if start != b"\x1f\x8b":  # a bulk file someone unpacked already
        yield from ijson.items(file, "item", use_float=True)
        return
    with gzip.GzipFile(mode="rb", fileobj=cast(IO[bytes], file)) as unpacked:
        yield from ijson.items(unpacked, "item", use_float=True)


def _take(unit: Any, found: Found, categories: Mapping[str, tuple[str, ...]], known: set[str]) -> None:
    """Keep `unit` in `found` if the snapshot needs it."""
    if not isinstance(unit, dict):
        raise RefreshError(f"unit {found.units:,} in the bulk file is not an object: {str(unit)[:200]}")
    number = unit.get("organisasjonsnummer")
    name = unit.get("navn")
    if not isinstance(number, str) or not ORG_NUMBER.fullmatch(number) or not isinstance(name, str):
        raise RefreshError(
            f"unit {found.units:,} in the bulk file is malformed (no nine-digit organisasjonsnummer or no navn): "
            f"{str(unit)[:200]}"
        )
    form = unit.get("organisasjonsform")
    municipal = isinstance(form, dict) and form.get("kode") == "KOMM"
    codes = categories.get(number)
    voluntary = codes is not None or unit.get("registrertIFrivillighetsregisteret") is True
    centre = VOLUNTEER_CENTRE_CODE in (codes or ()) or (not municipal and is_volunteer_centre_name(name))
    if not (voluntary or municipal or centre):
        return
    if any(unit.get(flag) is True for flag in CLOSING) or unit.get("slettedato"):
        found.left_out["being closed down"] += 1
        return
    place = _municipality(unit)
    if place not in known:
        found.left_out["no municipality in the list of municipalities"] += 1
        return
    website = normalise_website(unit.get("hjemmeside"))
    if municipal:
        if found.websites.get(place) is None:
            found.websites[place] = website
        return
    name = " ".join(name.split())
    if not name:
        found.left_out["no name"] += 1
        return
    org = Organisation(number, name, codes or (), website)
    (found.volunteer_centres if centre else found.organisations).setdefault(place, []).append(org)


def _municipality(unit: dict[str, Any]) -> str | None:
    """The business address's municipality, else the postal address's."""
    for key in ("forretningsadresse", "postadresse"):
        address = unit.get(key)
        number = address.get("kommunenummer") if isinstance(address, dict) else None
        if isinstance(number, str) and number:
            return number
    return None


def normalise_website(value: Any) -> str | None:
    """The register's `hjemmeside` as a web address (often given as `www.example.no`), or None.

    An address without a scheme gets https://; anything that is not a plain web address is left out.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    if not text.lower().startswith(("http://", "https://")):
        if "://" in text or "@" in text or text.startswith("/"):
            return None
        text = "https://" + text
    else:
        scheme, rest = text.split("://", 1)
        text = f"{scheme.lower()}://{rest}"
    try:
        host = urlsplit(text).netloc
    except ValueError:
        return None
    return text if HOST.fullmatch(host) else None
