"""The gettext catalogs of interface text (translations/<lang>/LC_MESSAGES/messages.mo), for code
that translates outside a web request: the "Why am I seeing this?" sentences, the content book and
the flow diagrams. The web layer reads the same catalogs through Flask-Babel.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from veileder.config import PROJECT_ROOT
from veileder.vocabulary import LANGUAGES

#: Where the catalogs are: `<lang>/LC_MESSAGES/messages.po`, compiled to `.mo` by `make setup`.
CATALOG_DIR = PROJECT_ROOT / "translations"
#: The command that compiles the catalogs, for messages about a missing one.
COMPILE_COMMAND = "make setup"


def catalog_file(lang: str) -> Path:
    """The compiled catalog of `lang`."""
    return CATALOG_DIR / lang / "LC_MESSAGES" / "messages.mo"


def missing_catalogs() -> list[Path]:
    """The compiled catalogs that are not there (none, after `make setup`)."""
    return [path for path in map(catalog_file, LANGUAGES) if not path.is_file()]


class MissingCatalogError(FileNotFoundError):
    """A compiled catalog is missing: text would silently show in English."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"the compiled catalog {path} is missing: `{COMPILE_COMMAND}` builds it")


class Translator:
    """`_("Text with %(name)s", name=...)` in one language, formatted the way Flask-Babel does."""

    def __init__(self, translations: gettext.NullTranslations) -> None:
        self._translations = translations

    def __call__(self, message: str, **values: object) -> str:
        text = self._translations.gettext(message)
        return text % values if values else text


@cache
def translator(lang: str) -> Translator:
    """The translator for `lang`, read from its compiled catalog once per process."""
    path = catalog_file(lang)
    if not path.is_file():
        raise MissingCatalogError(path)
    with path.open("rb") as file:
        return Translator(gettext.GNUTranslations(file))
