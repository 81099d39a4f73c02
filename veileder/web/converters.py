"""URL converters the site's routes share."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import BaseConverter


class MunicipalityNumber(BaseConverter):
    """Four digits, such as 0301: so that `/kommune/5612` never takes `/kommune/meld-inn`."""

    regex = r"\d{4}"


def init_converters(app: Flask) -> None:
    """Register the converters; call before any blueprint whose routes use them."""
    app.url_map.converters["kommunenr"] = MunicipalityNumber
