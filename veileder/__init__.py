"""Veileder: a guided, role-based advisor for taking part in local voluntary activity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the web app. `overrides` replace settings (tests pass CONTENT_DIR, TESTING...)."""
    from veileder.web.app import build_app

    return build_app(overrides)
