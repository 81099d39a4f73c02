"""Soft hyphens in the long words of headings, by language, so a narrow screen breaks a word where
a Norwegian would, with a hyphen, instead of wherever it runs out of room.

Browsers hyphenate on their own with CSS `hyphens: auto` only where they have a dictionary for the
language: Debian's Chromium has none at all (its dictionaries come by the component updater), so
"fritidsaktiviteter" used to break as "fritidsaktivitete / r". Pyphen's dictionaries (LibreOffice's
patterns, bokmål and nynorsk included) mark the places; the browser uses one only when the word does
not fit, and shows no hyphen otherwise. Screen readers and the accessible name ignore U+00AD.
"""

from __future__ import annotations

import re
from functools import cache

import pyphen
from flask import Flask
from markupsafe import Markup

from veileder.content import Translated
from veileder.vocabulary import SOURCE_LANGUAGE
from veileder.web.i18n import current_language

SOFT_HYPHEN = "\u00ad"
#: Shorter words fit on any screen at any heading size the site uses.
MIN_LENGTH = 10
#: Pyphen's dictionary for each of the site's languages.
DICTIONARIES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
_WORD = re.compile(rf"\w{{{MIN_LENGTH},}}")
#: A heading in rendered Markdown, and the tags within it (whose names and attributes are left alone).
_HEADING = re.compile(r"(<h[1-6]>)(.*?)(</h[1-6]>)", re.DOTALL)
_TAG = re.compile(r"(<[^>]*>)")


@cache
def _hyphenator(lang: str) -> pyphen.Pyphen:
    # At least three letters on each side: no "a-" or "-er" left on a line of its own.
    return pyphen.Pyphen(lang=DICTIONARIES[lang], left=3, right=3)


def hyphenated(text: str, lang: str) -> str:
    """`text` with soft hyphens where its long words may break, by the rules of `lang`."""
    if lang not in DICTIONARIES:
        return text
    hyphenator = _hyphenator(lang)
    return _WORD.sub(lambda word: hyphenator.inserted(word.group(), hyphen=SOFT_HYPHEN), text)


def hyphenated_headings(html: Markup, lang: str) -> Markup:
    """Rendered Markdown with soft hyphens in the words of its headings (not in their tags)."""

    def in_heading(match: re.Match[str]) -> str:
        parts = _TAG.split(match.group(2))
        text = "".join(part if _TAG.fullmatch(part) else hyphenated(part, lang) for part in parts)
        return match.group(1) + text + match.group(3)

    return Markup(_HEADING.sub(in_heading, html))


def _shown_in(translated: Translated[object] | None) -> str:
    """The language a text is shown in: bokmål for a text that fell back to it, else the page's."""
    return SOURCE_LANGUAGE if translated is not None and translated.fallback else current_language()


def hyphenate_filter(text: str, translated: Translated[object] | None = None) -> str:
    """`{{ t.title | hyphenate(text) }}`: a plain text (a title), in the language it is shown in."""
    return hyphenated(text, _shown_in(translated))


def hyphenate_headings_filter(html: Markup, translated: Translated[object] | None = None) -> Markup:
    """`{{ t.body | hyphenate_headings(text) }}`: the headings of a rendered Markdown body."""
    return hyphenated_headings(html, _shown_in(translated))


def init_hyphens(app: Flask) -> None:
    app.add_template_filter(hyphenate_filter, "hyphenate")
    app.add_template_filter(hyphenate_headings_filter, "hyphenate_headings")
