"""A QR code of a link, drawn on the server as inline SVG: works in print and without JavaScript."""

from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup


@lru_cache(maxsize=512)
def qr_svg(url: str, title: str) -> Markup:
    """An accessible SVG QR code for `url`, with `title` as its name; black on white for scanning.

    Cached: choosing the most readable mask takes about 14 ms, and a visitor who opens the result
    and then the handout needs the same code twice.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, title=title, dark="#000", light="#fff", svgclass="qr", omitsize=True)
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))
