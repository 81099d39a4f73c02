"""Content: files in `content/` turned into engine flows, per-language texts and municipalities."""

from veileder.content.loader import load_content
from veileder.content.model import Content, Role, Translated
from veileder.vocabulary import LANGUAGES, SOURCE_LANGUAGE

__all__ = ["LANGUAGES", "SOURCE_LANGUAGE", "Content", "Role", "Translated", "load_content"]
