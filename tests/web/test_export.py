"""`flask assets export`: every static file at the address the pages link to, for nginx to serve."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from click.testing import CliRunner
from flask import Flask

from veileder.web.export import assets


def test_every_linked_static_file_is_written_with_a_gzip_copy_and_old_ones_stay(app: Flask, tmp_path: Path):
    older = tmp_path / "static" / "veileder.0123456789.css"  # a file an earlier version wrote
    older.parent.mkdir(parents=True)
    older.write_text("old")
    result = CliRunner().invoke(assets, ["export", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = app.test_client().get("/nb/").get_data(as_text=True)
    linked = set(re.findall(r'(?:href|src)="/static/([^"]+)"', page))
    assert linked
    client = app.test_client()
    for name in linked:
        written = tmp_path / "static" / name
        assert written.read_bytes() == client.get(f"/static/{name}").get_data(), name
        if written.suffix in (".css", ".js", ".svg"):
            assert gzip.decompress((tmp_path / "static" / f"{name}.gz").read_bytes()) == written.read_bytes()
        assert written.stat().st_mode & 0o004  # readable by nginx's workers
    assert older.read_text() == "old"
