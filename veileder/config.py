"""Settings: defaults, overridden by environment variables, overridden by create_app's argument."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Every setting: its environment variable, its default and what it means (the README lists these).
SETTINGS: dict[str, tuple[str, Any, str]] = {
    "CONTENT_DIR": ("VEILEDER_CONTENT_DIR", str(PROJECT_ROOT / "content"), "the content folder to load"),
}


def content_dir(overrides: Mapping[str, Any] | None = None) -> Path:
    """The content folder: the override, else VEILEDER_CONTENT_DIR, else `content/`."""
    return Path(load_settings(overrides)["CONTENT_DIR"])


def load_settings(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Settings from defaults, then the environment, then `overrides`."""
    settings: dict[str, Any] = {}
    for key, (variable, default, _) in SETTINGS.items():
        settings[key] = os.environ.get(variable, default)
    settings.update(overrides or {})
    return settings
