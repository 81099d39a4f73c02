"""`flask assets export FOLDER`: the static files under their fingerprinted addresses, for nginx.

The app serves `/static/<name>.<fingerprint>.<ext>` itself. In front of several instances nginx
serves the same addresses from FOLDER (see deploy/nginx/veileder.conf.template) and asks an instance
only for an address it has no file for. Run it once per deployment, beside `flask db upgrade`.

Each file is written as FOLDER/static/<fingerprinted name>, with a gzip copy beside the text files
for nginx's gzip_static. Files of earlier versions are left where they are: a page that an instance
of the old version rendered during a deployment still finds its stylesheet.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

#: Files sent compressed: the gzip copy is what a browser that takes gzip gets.
COMPRESSED = (".css", ".js", ".svg", ".txt", ".json", ".html")


@click.group("assets", help="Write the static files for a web server in front of the app.")
def assets() -> None:
    pass


@assets.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def export(folder: Path) -> None:
    """Write every static file to FOLDER/static/ under the address the pages link to."""
    written = export_assets(folder)
    click.echo(f"{len(written)} static files in {folder / 'static'}")


def export_assets(folder: Path) -> list[Path]:
    """Write the static files (and gzip copies) under `folder`/static; returns the files' paths."""
    from veileder.web.app import STATIC_FOLDER  # here: every `flask` command loads this module
    from veileder.web.assets import AssetStore

    store = AssetStore(STATIC_FOLDER, reload=False)
    written = []
    for name in sorted(store.names()):
        asset = store.get(name)
        assert asset is not None
        target = folder / "static" / asset.fingerprinted
        _write(target, asset.page.body)
        written.append(target)
        if target.suffix in COMPRESSED:
            _write(target.with_name(target.name + ".gz"), asset.page.gzipped)
    return written


def _write(target: Path, data: bytes) -> None:
    """Write `data` to `target` whole or not at all: nginx may be serving the folder meanwhile."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    Path(name).chmod(0o644)  # read by nginx's workers, which run as another user
    Path(name).replace(target)
