"""How much of the content each translation covers, and what it lacks."""

from __future__ import annotations

from dataclasses import dataclass

from veileder.content.loader import SITE_PAGES
from veileder.content.model import Content
from veileder.vocabulary import LANGUAGES, SOURCE_LANGUAGE


@dataclass(frozen=True)
class Coverage:
    language: str
    total: int
    missing: tuple[str, ...]  # where each missing piece belongs, as a path under content/

    @property
    def translated(self) -> int:
        return self.total - len(self.missing)

    @property
    def percent(self) -> int:
        """Whole per cent, rounded down: 100 only when nothing is missing."""
        return 100 * self.translated // self.total if self.total else 100


def coverage(content: Content) -> list[Coverage]:
    """For each language but bokmål, every text piece bokmål has and whether it has it too."""
    return [_coverage(content, lang) for lang in LANGUAGES if lang != SOURCE_LANGUAGE]


def _coverage(content: Content, lang: str) -> Coverage:
    pieces: list[tuple[str, bool]] = []
    site = content.site
    for name in SITE_PAGES:
        pieces.append((f"site/{lang}/{name}.md", name in site.pages.get(lang, {})))
    for link_id, source in site.link_texts[SOURCE_LANGUAGE].items():
        translated = site.link_texts.get(lang, {}).get(link_id)
        pieces.append((f"site/{lang}/links.md: {link_id}", translated is not None))
        if source.local:
            pieces.append((f"site/{lang}/links.md: {link_id} (local)", bool(translated and translated.local)))
    for role in content.roles.values():
        texts = role.texts.get(lang)
        base = f"roles/{role.id}/{lang}"
        pieces.append((f"{base}/role.md", texts is not None and texts.role is not None))
        for question in role.flow.questions:
            pieces.append((f"{base}/questions/{question.id}.md", texts is not None and question.id in texts.questions))
        for block in role.flow.advice:
            pieces.append((f"{base}/advice/{block.id}.md", texts is not None and block.id in texts.advice))
    return Coverage(lang, len(pieces), tuple(where for where, present in pieces if not present))
