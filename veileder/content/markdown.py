"""The one place Markdown becomes HTML: raw HTML off, only safe link schemes, outbound links marked.

The checker uses `find_problems` on the same parser, so what it accepts is what renders.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

#: Links may only use these schemes; anything else is shown as plain text and reported.
SAFE_SCHEMES = ("https://", "http://", "mailto:", "tel:")


def is_safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


def _render_link_open(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    token.attrSet("class", "ds-link")
    href = str(token.attrGet("href") or "")
    if href.lower().startswith(("https://", "http://")):
        token.attrSet("rel", "noopener noreferrer")
        # On paper a link is its address: print.css writes this after the link text, unless the
        # text already shows the address.
        short = short_address(href)
        if short.lower() not in _link_text(tokens, idx).lower():
            token.attrSet("data-print-url", short)
    return renderer.renderToken(tokens, idx, options, env)


def short_address(url: str) -> str:
    """`https://www.nav.no/sosialhjelp/` as `nav.no/sosialhjelp`: what a reader types."""
    without_scheme = url.split("://", 1)[-1]
    return without_scheme.removeprefix("www.").rstrip("/")


def _link_text(tokens: Sequence[Token], idx: int) -> str:
    text = []
    for token in tokens[idx + 1 :]:
        if token.type == "link_close":
            break
        text.append(token.content)
    return "".join(text)


def _make_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    parser.validateLink = is_safe_link  # type: ignore[method-assign]
    parser.add_render_rule("link_open", _render_link_open)
    return parser


_PARSER = _make_parser()
# The checker must see what the renderer would refuse (unsafe links, raw HTML), so it parses
# with neither the link filter nor HTML switched off.
_INSPECTOR = MarkdownIt("commonmark", {"html": True}).enable("table")
_INSPECTOR.validateLink = lambda url: True  # type: ignore[method-assign]


def render(text: str) -> Markup:
    """Markdown to safe HTML."""
    return Markup(_PARSER.render(text))


def checked_render(text: str, min_heading: int = 2) -> tuple[Markup, list[TextProblem]]:
    """`text` as safe HTML, and its problems (see `find_problems`), from a single parse.

    Text without problems has no raw HTML and no unsafe link, so the checker's tokens render to
    exactly what `render` gives; only text with problems is parsed again, the safe way.
    """
    tokens = _INSPECTOR.parse(text)
    problems = list(_problems(tokens, min_heading))
    if problems:
        return render(text), problems
    return Markup(_PARSER.renderer.render(tokens, _PARSER.options, {})), problems


def render_inline(text: str) -> Markup:
    """One line of Markdown (a hint, a label) to safe HTML without a paragraph around it."""
    return Markup(_PARSER.renderInline(text))


@dataclass(frozen=True)
class TextProblem:
    line: int  # 1-based, counted from the start of `text`
    message: str


def find_problems(text: str, min_heading: int = 2) -> Iterator[TextProblem]:
    """Forbidden link schemes, images, raw HTML and headings above `min_heading` in `text`."""
    return _problems(_INSPECTOR.parse(text), min_heading)


def _problems(tokens: list[Token], min_heading: int) -> Iterator[TextProblem]:
    for token in tokens:
        first_line = token.map[0] + 1 if token.map else 1
        if token.type == "heading_open" and int(token.tag[1]) < min_heading:
            yield TextProblem(
                first_line,
                f"a heading with {'#' * int(token.tag[1])} is too big here: start headings with {'#' * min_heading}",
            )
        if token.type == "html_block":
            yield TextProblem(first_line, "raw HTML is not allowed in the text")
        if token.type == "inline" and token.children:
            yield from _inline_problems(token.children, first_line)


def _inline_problems(children: list[Token], first_line: int) -> Iterator[TextProblem]:
    line = first_line
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            if not is_safe_link(href):
                yield TextProblem(
                    line, f"the link '{href}' is not allowed: links must start with https://, http://, mailto: or tel:"
                )
        elif child.type == "image":
            yield TextProblem(line, "images are not allowed in the text")
        elif child.type == "html_inline":
            yield TextProblem(line, f"raw HTML is not allowed in the text ({child.content})")
