"""Files the app needs besides its code: checked before it starts, and again by /readyz.

Designsystemet's CSS and the compiled gettext catalogs are built by the set-up step (`make setup`),
not kept in git. Without them every page would fail (a missing static file) or show in English (a
missing catalog), so the app refuses to start and names each missing file and what builds it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from veileder import catalogs
from veileder.config import PROJECT_ROOT

#: The command that builds what is missing, as the README gives it.
SETUP_COMMAND = "make setup"
#: How the templates name a static file.
_ASSET_URL = re.compile(r"""asset_url\(\s*['"]([^'"]+)['"]\s*\)""")


@dataclass(frozen=True)
class MissingFile:
    path: Path
    what: str
    remedy: str

    def __str__(self) -> str:
        return f"  {self.path}: {self.what}; {self.remedy}"


def template_assets(templates: Path) -> frozenset[str]:
    """Every static file a template asks for with asset_url('…')."""
    return frozenset(
        name for path in templates.rglob("*.html") for name in _ASSET_URL.findall(path.read_text("utf-8"))
    )


@dataclass(frozen=True)
class Requirements:
    """The static files the templates link to, and the catalogs of every language."""

    static: Path
    assets: frozenset[str]

    @classmethod
    def of(cls, templates: Path, static: Path) -> Requirements:
        return cls(static, template_assets(templates))

    def missing(self, served: Collection[str] | None = None) -> list[MissingFile]:
        """What is not there. `served`: the static files the app has read (by default, those on disk)."""
        found = []
        for name in sorted(self.assets):
            there = name in served if served is not None else (self.static / name).is_file()
            if not there:
                remedy = f"`{SETUP_COMMAND}` builds it from npm" if name.startswith("vendor/") else "part of Veileder"
                found.append(MissingFile(self.static / name, "a static file the pages link to", remedy))
        for path in catalogs.missing_catalogs():
            found.append(MissingFile(path, "a compiled catalog of interface text", f"`{SETUP_COMMAND}` builds it"))
        return found


_KEY = "veileder.requirements"


def init_requirements(app: Flask, templates: Path, static: Path) -> None:
    """Refuse to build the app when a file it needs is missing; keep the list for /readyz."""
    requirements = Requirements.of(templates, static)
    missing = requirements.missing()
    if missing:
        raise MissingFilesError(missing)
    app.extensions[_KEY] = requirements


def missing_now(served: Collection[str]) -> list[str]:
    """For /readyz: the needed files that are missing now, as names relative to the project."""
    requirements = current_app.extensions[_KEY]
    assert isinstance(requirements, Requirements)
    return [_shown(item.path) for item in requirements.missing(served)]


def _shown(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else path.name


class StartupError(RuntimeError):
    """The app cannot serve visitors as it is; the message says why and what to do."""


class MissingFilesError(StartupError):
    def __init__(self, missing: list[MissingFile]) -> None:
        lines = [f"Veileder cannot start: {len(missing)} file(s) it needs are missing:", *map(str, missing)]
        if not (PROJECT_ROOT / "pyproject.toml").is_file():
            lines.append(
                f"{PROJECT_ROOT} is not Veileder's source folder (it has no pyproject.toml), so the set-up step "
                f"never built anything there: run Veileder from its source folder after `{SETUP_COMMAND}` "
                "(installed with pip install -e .), as the README and the Dockerfile do."
            )
        super().__init__("\n".join(lines))
