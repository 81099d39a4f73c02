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
    "ACCESS_LOG": ("VEILEDER_ACCESS_LOG", "1", "1 to log each request (method, path, status, time), 0 not to"),
    "PUBLIC_URL": (
        "VEILEDER_PUBLIC_URL",
        "",
        "the site's public address, such as https://veileder.example.no, for the links and QR codes a "
        "visitor takes home (default: the address the request came to)",
    ),
    "OPERATOR_NAME": (
        "VEILEDER_OPERATOR_NAME",
        "Frivillighet Norge",
        "who runs the service, named on the privacy page and the accessibility statement",
    ),
    "OPERATOR_CONTACT": (
        "VEILEDER_OPERATOR_CONTACT",
        "https://www.frivillighetnorge.no",
        "where to send questions and feedback: a web address or an e-mail address",
    ),
    "LOG_RETENTION_DAYS": (
        "VEILEDER_LOG_RETENTION_DAYS",
        "30",
        "how many days the server's logs are kept, as stated on the privacy page (the platform that "
        "collects the logs must delete them after this)",
    ),
}

#: Settings that are on/off switches: "1", "true", "yes" and "on" mean on.
SWITCHES = {"ACCESS_LOG"}


def content_dir(overrides: Mapping[str, Any] | None = None) -> Path:
    """The content folder: the override, else VEILEDER_CONTENT_DIR, else `content/`."""
    return Path(load_settings(overrides)["CONTENT_DIR"])


def load_settings(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Settings from defaults, then the environment, then `overrides`."""
    settings: dict[str, Any] = {}
    for key, (variable, default, _) in SETTINGS.items():
        value = os.environ.get(variable, default)
        settings[key] = value.strip().lower() in ("1", "true", "yes", "on") if key in SWITCHES else value
    settings.update(overrides or {})
    return settings
