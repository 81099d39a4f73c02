"""Content: files in `content/` turned into engine flows, per-language texts and municipalities."""

from veileder.content.loader import LANGUAGES, load_content
from veileder.content.model import SOURCE_LANGUAGE, Content, Role, Translated

__all__ = ["LANGUAGES", "SOURCE_LANGUAGE", "Content", "Role", "Translated", "load_content"]
