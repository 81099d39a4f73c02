"""What the content registers about each municipality, and how many municipalities per county have
a contact point, a voluntary-sector policy, a leisure declaration and a volunteer centre."""

from __future__ import annotations

from dataclasses import dataclass, field

from veileder.content.local import LocalEntry, LocalPage
from veileder.content.model import Content
from veileder.content.municipalities import Municipality, sort_key

#: What the national overview counts, in the order of its columns.
MEASURES = ("contact", "policy", "leisure_declaration", "volunteer_centre")
UNKNOWN = "ukjent"


@dataclass(frozen=True)
class Registered:
    """One municipality and its file in `kommuner/` (None: nothing registered)."""

    municipality: Municipality
    page: LocalPage | None

    def entries(self, kind: str) -> tuple[LocalEntry, ...]:
        return self.page.of_kind(kind) if self.page else ()

    def status(self, kind: str) -> str:
        """ja when registered as there, else the status written (under-arbeid, nei), else ukjent."""
        entries = self.entries(kind)
        if any(entry.exists for entry in entries):
            return "ja"
        return next((entry.status for entry in entries if entry.status), UNKNOWN)

    @property
    def complete(self) -> bool:
        return all(self.status(kind) != UNKNOWN for kind in MEASURES)


@dataclass(frozen=True)
class CountyCount:
    """A county (or the whole country): its municipalities and how many have each measure."""

    name: str
    members: tuple[Registered, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.members)


def registered(content: Content, number: str) -> Registered | None:
    municipality = content.municipality(number)
    return Registered(municipality, content.local.get(number)) if municipality else None


def _count(name: str, members: tuple[Registered, ...]) -> CountyCount:
    counts = {kind: sum(1 for member in members if member.status(kind) == "ja") for kind in MEASURES}
    return CountyCount(name, members, counts)


def by_county(content: Content, lang: str) -> tuple[tuple[CountyCount, ...], CountyCount]:
    """Every county with its municipalities in the order of `lang`, and the national total."""
    counties: dict[str, list[Registered]] = {}
    for municipality in content.municipalities:
        counties.setdefault(municipality.county, []).append(
            Registered(municipality, content.local.get(municipality.number))
        )
    rows = tuple(
        _count(county, tuple(sorted(members, key=lambda m: sort_key(m.municipality.name, lang))))
        for county, members in sorted(counties.items(), key=lambda item: sort_key(item[0], lang))
    )
    everyone = tuple(member for row in rows for member in row.members)
    return rows, _count("Norge", everyone)
