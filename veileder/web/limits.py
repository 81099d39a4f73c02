"""Per-address rate limits on what visitors send, with Flask-Limiter.

Views that take a POST are marked with `@rate_limited` (the contact-point form's rate,
VEILEDER_FORM_RATE_LIMIT) or `@rate_limited_by(setting)` (another rate setting, such as the
feedback's); `init_limits` wraps them with the app's own limiter, counted in
VEILEDER_RATELIMIT_STORAGE_URI (in memory by default: per process; a shared storage such as Redis
makes the limit hold across instances).

When the shared storage is away, each process counts on its own in memory until it is back (it is
asked again after 1, 2, 4 … 32 seconds, then from 1 again): the limit holds per process meanwhile,
and no form fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

F = TypeVar("F", bound=Callable[..., Any])
MARK = "_veileder_rate_limited"
#: A Redis that does not answer costs a post half a second, once: then the process counts in memory.
#: `?socket_timeout=…` in the storage's address says otherwise (redis-py's own parameters).
STORAGE_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
TIMED_SCHEMES = ("redis://", "rediss://", "redis+unix://")


def rate_limited_by(setting: str) -> Callable[[F], F]:
    """Mark a view whose POSTs count against the address's limit, at the rate the setting names."""

    def mark(view: F) -> F:
        setattr(view, MARK, setting)
        return view

    return mark


#: The contact-point form's mark: VEILEDER_FORM_RATE_LIMIT.
rate_limited = rate_limited_by("FORM_RATE_LIMIT")


def _rate(setting: str) -> Callable[[], str]:
    return lambda: str(current_app.config[setting])


def init_limits(app: Flask) -> Limiter:
    """Give the app its limiter and wrap every marked view (call after the blueprints are registered)."""
    # A rate-limit storage that is down must not take the forms down with it: count in memory
    # meanwhile, and let a post through if even that fails.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    uri = app.config["RATELIMIT_STORAGE_URI"]
    app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", STORAGE_TIMEOUTS if uri.startswith(TIMED_SCHEMES) else {})
    limiter = Limiter(get_remote_address, app=app, storage_uri=uri)
    for endpoint, view in list(app.view_functions.items()):
        setting = getattr(view, MARK, None)
        if setting is not None:
            app.view_functions[endpoint] = cast(Any, limiter.limit(_rate(setting), methods=["POST"])(view))
    app.extensions["veileder.limiter"] = limiter
    return limiter
