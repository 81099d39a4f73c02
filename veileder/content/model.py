"""Loaded content: each role's flow and texts, the site's pages and links, the municipalities.

Text lookups fall back to bokmål when a translation is missing and say so, so that the page can
tell the visitor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from veileder.content.local import LocalPage
from veileder.content.municipalities import FormerName, Municipality
from veileder.content.register import Register
from veileder.content.texts import AdviceText, LinkText, PageText, QuestionText, RoleText
from veileder.engine.checks import Problem
from veileder.engine.model import Flow, Location
from veileder.vocabulary import SOURCE_LANGUAGE

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True)
class Translated(Generic[T_co]):
    """A text and whether it is shown in bokmål because the wanted language lacks it."""

    value: T_co
    fallback: bool = False


def _pick(by_language: dict[str, dict[str, T]], key: str, lang: str) -> Translated[T]:
    wanted = by_language.get(lang, {}).get(key)
    if wanted is not None:
        return Translated(wanted)
    return Translated(by_language[SOURCE_LANGUAGE][key], fallback=lang != SOURCE_LANGUAGE)


@dataclass(frozen=True)
class RoleTexts:
    """One language's texts for a role; any piece may be missing in a translation."""

    role: RoleText | None
    questions: dict[str, QuestionText]
    advice: dict[str, AdviceText]


@dataclass(frozen=True)
class Role:
    id: str
    order: int
    flow: Flow
    links: tuple[str, ...]
    version: str
    texts: dict[str, RoleTexts]
    link_refs: tuple[tuple[str, Location], ...] = field(default=(), compare=False, repr=False)
    #: For each question, the fewest and most questions from it to the result.
    progress: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    #: The result asks the visitor, who works in the chosen municipality, to tell us what it has.
    invite_to_register: bool = False

    def text(self, lang: str) -> Translated[RoleText]:
        wanted = self.texts.get(lang)
        if wanted is not None and wanted.role is not None:
            return Translated(wanted.role)
        source = self.texts[SOURCE_LANGUAGE].role
        assert source is not None, "checked content always has the bokmål role text"
        return Translated(source, fallback=lang != SOURCE_LANGUAGE)

    def question_text(self, question_id: str, lang: str) -> Translated[QuestionText]:
        return self._pick(lambda texts: texts.questions, question_id, lang)

    def advice_text(self, advice_id: str, lang: str) -> Translated[AdviceText]:
        return self._pick(lambda texts: texts.advice, advice_id, lang)

    def _pick(self, part: Callable[[RoleTexts], dict[str, T]], key: str, lang: str) -> Translated[T]:
        """`key` from `part` of the texts in `lang`, else in bokmål (looked up, not copied: pages
        call this for every question and advice they show)."""
        wanted = self.texts.get(lang)
        value = part(wanted).get(key) if wanted is not None else None
        if value is not None:
            return Translated(value)
        return Translated(part(self.texts[SOURCE_LANGUAGE])[key], fallback=lang != SOURCE_LANGUAGE)


@dataclass(frozen=True)
class SiteTexts:
    pages: dict[str, dict[str, PageText]]
    link_urls: dict[str, str]
    link_texts: dict[str, dict[str, LinkText]]

    def page(self, name: str, lang: str) -> Translated[PageText]:
        return _pick(self.pages, name, lang)

    def link_text(self, link_id: str, lang: str) -> Translated[LinkText]:
        """A link's text; a translation without the local wording the bokmål has falls back whole."""
        source = self.link_texts[SOURCE_LANGUAGE][link_id]
        wanted = self.link_texts.get(lang, {}).get(link_id)
        if wanted is not None and (source.local is None or wanted.local is not None):
            return Translated(wanted)
        return Translated(source, fallback=lang != SOURCE_LANGUAGE)


@dataclass(frozen=True)
class Content:
    directory: Path
    roles: dict[str, Role]
    site: SiteTexts
    municipalities: tuple[Municipality, ...]
    former_names: tuple[FormerName, ...]  # names of merged or split municipalities, for search
    local: dict[str, LocalPage]
    version: str
    problems: tuple[Problem, ...]
    register: Register | None = None  # the register snapshot, when there is one
    _by_number: dict[str, Municipality] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_number", {m.number: m for m in self.municipalities})

    def municipality(self, number: str) -> Municipality | None:
        return self._by_number.get(number)
