"""A deployment missing a built file refuses to start and says which file and what builds it.

The app is copied without the files the set-up step builds and started the way a server starts it
(gunicorn with the production settings), as after `pip install .` without `make setup`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from veileder import catalogs, create_app

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _copy_without_built_files(target: Path) -> Path:
    """veileder/, wsgi.py and gunicorn.conf.py, without Designsystemet's CSS and with no catalogs."""
    target.mkdir()
    shutil.copytree(ROOT / "veileder", target / "veileder", ignore=shutil.ignore_patterns("__pycache__", "vendor"))
    for name in ("wsgi.py", "gunicorn.conf.py"):
        shutil.copy(ROOT / name, target / name)
    return target


def _start(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("VEILEDER_")}
    env.update(PYTHONPATH=str(folder), VEILEDER_BIND="127.0.0.1:0", VEILEDER_WORKERS="1")
    return subprocess.run(
        [str(GUNICORN), "--config", "gunicorn.conf.py", "wsgi:app"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_the_set_up_step_gunicorn_refuses_to_start_and_names_each_missing_file(tmp_path):
    app = _copy_without_built_files(tmp_path / "app")
    started = _start(app)
    assert started.returncode != 0
    assert "Listening at" not in started.stderr
    assert "Veileder cannot start: 4 file(s) it needs are missing:" in started.stderr
    assert (
        f"{app}/veileder/static/vendor/designsystemet.css: a static file the pages link to; `make setup` builds it from npm"
        in started.stderr
    )
    for lang in ("nb", "nn", "en"):
        assert (
            f"{app}/translations/{lang}/LC_MESSAGES/messages.mo: a compiled catalog of interface text; `make setup` builds it"
            in started.stderr
        )
    assert "is not Veileder's source folder" in started.stderr
    assert "Traceback" not in started.stderr


def test_with_the_built_files_but_no_content_folder_it_says_where_the_content_should_be(tmp_path):
    app = _copy_without_built_files(tmp_path / "app")
    shutil.copytree(ROOT / "veileder/static/vendor", app / "veileder/static/vendor")
    shutil.copytree(ROOT / "translations", app / "translations", ignore=shutil.ignore_patterns("*.po", "*.pot"))
    started = _start(app)
    assert started.returncode != 0
    assert "Listening at" not in started.stderr
    assert started.stderr.splitlines() == [
        f"The content in {app}/content has 1 problem(s):",
        "content:1: there is no content folder here: set VEILEDER_CONTENT_DIR to the folder with roles/, site/ and kommuner/",
    ]
    assert "Traceback" not in started.stderr


@pytest.fixture
def client() -> FlaskClient:
    return create_app({"TESTING": True, "ACCESS_LOG": False}).test_client()


def test_readiness_fails_when_a_catalog_goes_missing_after_the_start(client, tmp_path, monkeypatch):
    assert client.get("/readyz").status_code == 200
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    (tmp_path / "translations/nn/LC_MESSAGES/messages.mo").unlink()
    monkeypatch.setattr(catalogs, "CATALOG_DIR", tmp_path / "translations")
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json is not None
    assert ready.json["status"] == "files are missing"
    assert ready.json["missing"] == ["messages.mo"]
