"""Finding municipalities by what a visitor types: a name, a Sami or Kven name, or a former name.

The browser's combobox (`static/municipality.js`) ranks with the same rules, so a typed name
finds the same municipalities with and without JavaScript; the browser tests compare the two.

Rules: text is compared folded (case, accents and punctuation ignored; æ = ae, ø = o) word by word,
and a lone "i" between words is ignored ("Bø i Telemark" = "Bø (Telemark)"). A name matches when
the typed words begin its words, in order. Whole names rank first, then names that start with the
typed text, then (from three letters on) names with a later word that does; at each step today's
name before a Sami or Kven name before a former name, then alphabetical. A former name that a split
gave to several municipalities finds each of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from veileder.content.municipalities import FormerName, Municipality, sort_key

# Kinds of name, in the order they rank.
NAME, OTHER, FORMER = 0, 1, 2
# How well a name matches, best first.
WHOLE, START, LATER = 0, 1, 2

#: Typed letters needed before a name's later word counts ("os" must not find Indre Østfold).
LATER_FROM = 3

_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "ŋ": "n", "đ": "d", "ŧ": "t"})
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_QUALIFIER = re.compile(r"\([^)]*\)")


def fold(text: str) -> str:
    """Lower case, accents and punctuation removed: "Bø (Telemark)" -> "bo telemark"."""
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALPHANUMERIC.sub(" ", bare).strip()


def words(text: str) -> tuple[str, ...]:
    """The folded words of `text`, without a connecting "i" ("Os i Hordaland" -> os, hordaland)."""
    found = fold(text).split()
    return tuple(word for index, word in enumerate(found) if word != "i" or index == 0)


@dataclass(frozen=True)
class Key:
    """One name a municipality can be found by."""

    text: str
    kind: int
    words: tuple[str, ...]
    base: tuple[str, ...]  # the words without a county in parentheses: "Herøy (Nordland)" -> herøy

    def tier(self, query: tuple[str, ...]) -> int | None:
        """How well `query` matches this name, or None when it does not."""
        if not query:
            return None
        if query in (self.words, self.base):
            return WHOLE
        # A later word counts from three typed letters on, and not in a county in parentheses.
        later = len(self.base) if sum(map(len, query)) >= LATER_FROM else 1
        for start in range(min(later, len(self.words) - len(query) + 1)):
            if all(self.words[start + i].startswith(word) for i, word in enumerate(query)):
                return START if start == 0 else LATER
        # "midttelemark" for Midt-Telemark: one typed word running over the name's first word.
        if len(query) == 1 and len(self.words) > 1 and "".join(self.words).startswith(query[0]):
            return WHOLE if "".join(self.words) == query[0] else START
        return None


def _key(text: str, kind: int) -> Key:
    return Key(text, kind, words(text), words(_QUALIFIER.sub(" ", text)))


@dataclass(frozen=True)
class Match:
    municipality: Municipality
    tier: int
    kind: int
    name: str  # the name that matched best (a former name is shown beside the municipality)


@dataclass(frozen=True)
class Resolution:
    """What a typed name stands for: one municipality, several to choose from, or none."""

    text: str
    whole: tuple[Municipality, ...]  # municipalities the text names in full
    matches: tuple[Match, ...]  # everything it matches, best first

    @property
    def municipality(self) -> Municipality | None:
        return self.whole[0] if len(self.whole) == 1 else None


class MunicipalitySearch:
    """Every municipality with the names it can be found by."""

    def __init__(self, municipalities: Iterable[Municipality], former_names: Iterable[FormerName]) -> None:
        self.municipalities = tuple(municipalities)
        formers: dict[str, list[FormerName]] = {}
        for former in former_names:
            for number in former.became:
                formers.setdefault(number, []).append(former)
        #: The former names each municipality can be found by, as SSB wrote them.
        self.formers: Mapping[str, tuple[str, ...]] = {
            number: tuple(f.name for f in found) for number, found in formers.items()
        }
        by_number = {m.number: m for m in self.municipalities}
        #: The former names worth showing beside a municipality: not its own name with a county
        #: ("Bø (Nordland)" for Bø), which is only there to be found.
        self.shown_formers: Mapping[str, tuple[str, ...]] = {
            number: shown
            for number, names in self.formers.items()
            if (shown := tuple(n for n in names if _key(n, FORMER).base != _key(by_number[number].name, NAME).base))
        }
        self.keys: Mapping[str, tuple[Key, ...]] = {
            m.number: (
                _key(m.name, NAME),
                _key(m.label, NAME),
                *(_key(other, OTHER) for other in m.other_names),
                # SSB writes a former name with its Sami part as "Tysfjord - Divtasvuodna".
                *(_key(part, FORMER) for f in formers.get(m.number, ()) for part in f.name.split(" - ")),
            )
            for m in self.municipalities
        }

    def search(self, text: str, lang: str) -> list[Match]:
        """The municipalities `text` matches, best first (none for empty text)."""
        query = words(text)
        found = []
        for municipality in self.municipalities:
            best: tuple[int, int, str] | None = None
            for key in self.keys[municipality.number]:
                tier = key.tier(query)
                if tier is not None and (best is None or (tier, key.kind) < best[:2]):
                    best = (tier, key.kind, key.text)
            if best is not None:
                found.append(Match(municipality, *best))
        found.sort(key=lambda m: (m.tier, m.kind, sort_key(m.municipality.name, lang), m.municipality.number))
        return found

    def resolve(self, text: str, lang: str) -> Resolution:
        matches = tuple(self.search(text, lang))
        return Resolution(text, tuple(m.municipality for m in matches if m.tier == WHOLE), matches)
