"""Static files with their fingerprint in the address, cached by browsers and CDNs for a year.

`asset_url("veileder.css")` gives `/static/veileder.3f2a9c1b0e.css`; the fingerprint changes when
the file does, so the address can be cached forever. Files are read once, with a gzip copy. In
development they are read again when they change.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app

from veileder.web.caching import StoredPage, respond

ONE_YEAR = 365 * 24 * 60 * 60
FINGERPRINTED = re.compile(r"(?P<stem>.+)\.(?P<hash>[0-9a-f]{10})(?P<suffix>\.[a-z0-9]+)")

assets = Blueprint("assets", __name__)
_KEY = "veileder.assets"


@dataclass(frozen=True)
class Asset:
    name: str
    page: StoredPage
    mtime_ns: int

    @property
    def fingerprinted(self) -> str:
        path = Path(self.name)
        return str(path.with_name(f"{path.stem}.{self.page.etag[:10]}{path.suffix}"))


class AssetStore:
    """Every file under the static folder, read into memory."""

    def __init__(self, folder: Path, reload: bool) -> None:
        self.folder = folder
        self.reload = reload
        self._assets = {name: self._read(name) for name in self._names()}

    def _names(self) -> list[str]:
        return sorted(str(p.relative_to(self.folder)) for p in self.folder.rglob("*") if p.is_file())

    def _read(self, name: str) -> Asset:
        path = self.folder / name
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return Asset(name, StoredPage(path.read_bytes(), mimetype), path.stat().st_mtime_ns)

    def names(self) -> set[str]:
        return set(self._assets)

    def get(self, name: str) -> Asset | None:
        asset = self._assets.get(name)
        if asset is not None and self.reload:
            path = self.folder / name
            if path.is_file() and path.stat().st_mtime_ns != asset.mtime_ns:
                asset = self._assets[name] = self._read(name)
        return asset


def init_assets(app: Flask, folder: Path) -> None:
    app.extensions[_KEY] = AssetStore(folder, reload=app.debug)
    app.register_blueprint(assets)
    app.add_template_global(asset_url)


def _store() -> AssetStore:
    store = current_app.extensions[_KEY]
    assert isinstance(store, AssetStore)
    return store


def served_assets() -> set[str]:
    """The static files the app has read and serves."""
    return _store().names()


def asset_url(name: str) -> str:
    """The fingerprinted address of a static file. Built by hand, not with url_for, so that even a
    request Werkzeug could not route (see errors.py) gets the site's look."""
    asset = _store().get(name)
    if asset is None:
        raise LookupError(f"no static file {name!r}")
    return f"/static/{asset.fingerprinted}"


@assets.get("/static/<path:filename>")
def static_file(filename: str) -> Response:
    match = FINGERPRINTED.fullmatch(filename)
    if match is None:
        abort(404)
    name = match["stem"] + match["suffix"]
    asset = _store().get(name)
    if asset is None or asset.page.etag[:10] != match["hash"]:
        abort(404)
    response = respond(asset.page, ONE_YEAR)
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response
