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
    "PAGE_CACHE_MB": (
        "VEILEDER_PAGE_CACHE_MB",
        "64",
        "memory per process for rendered pages, in megabytes (0 turns the cache off)",
    ),
    "PAGE_MAX_AGE": (
        "VEILEDER_PAGE_MAX_AGE",
        "300",
        "seconds browsers and CDNs may keep a page before asking again (pages carry an ETag)",
    ),
    "HTTPS": ("VEILEDER_HTTPS", "0", "1 when the site is served over HTTPS: sends Strict-Transport-Security"),
    "TRUSTED_PROXIES": (
        "VEILEDER_TRUSTED_PROXIES",
        "0",
        "how many reverse proxies in front of the app to trust for X-Forwarded-For/-Proto/-Host",
    ),
    "LOG_FORMAT": ("VEILEDER_LOG_FORMAT", "text", "text, or json for one JSON object per log line"),
    "DATABASE_URL": (
        "VEILEDER_DATABASE_URL",
        "",
        "where what visitors send is stored: a SQLAlchemy URL such as postgresql://user:password@host/veileder "
        "(default: the SQLite file veileder.sqlite3 in the app's instance folder)",
    ),
    "SUBMISSION_RETENTION_DAYS": (
        "VEILEDER_SUBMISSION_RETENTION_DAYS",
        "30",
        "days a municipality's submission is kept after an editor approved or rejected it (then `flask "
        "--app veileder inbox purge` deletes it), as stated on the privacy page",
    ),
    "FEEDBACK_RETENTION_DAYS": (
        "VEILEDER_FEEDBACK_RETENTION_DAYS",
        "180",
        "days a comment sent with the feedback on a result is kept (then `flask --app veileder feedback purge` "
        "deletes it; the yes/no counts are kept), as stated on the privacy page",
    ),
    "FORM_MIN_SECONDS": (
        "VEILEDER_FORM_MIN_SECONDS",
        "4",
        "a form sent sooner than this many seconds after it was shown is refused: people are not that fast",
    ),
    "FORM_MAX_HOURS": (
        "VEILEDER_FORM_MAX_HOURS",
        "12",
        "a form shown longer ago than this many hours must be checked and sent again",
    ),
    "FORM_RATE_LIMIT": (
        "VEILEDER_FORM_RATE_LIMIT",
        "10 per hour",
        "how many forms one address may send, such as 10 per hour or 20 per day (Flask-Limiter's notation)",
    ),
    "FEEDBACK_RATE_LIMIT": (
        "VEILEDER_FEEDBACK_RATE_LIMIT",
        "60 per hour",
        "how many feedback answers and comments one address may send (an office may share one address), "
        "in Flask-Limiter's notation",
    ),
    "RATELIMIT_STORAGE_URI": (
        "VEILEDER_RATELIMIT_STORAGE_URI",
        "memory://",
        "where the rate limit counts: memory:// (each process on its own), or storage that several instances "
        "share, such as redis://host:6379 (Flask-Limiter's storage URIs)",
    ),
    "ENHETSREGISTERET_URL": (
        "VEILEDER_ENHETSREGISTERET_URL",
        "https://data.brreg.no/enhetsregisteret/api",
        "Enhetsregisteret's API, for `flask local refresh` (its bulk file is <this>/enheter/lastned)",
    ),
    "FRIVILLIGHETSREGISTERET_URL": (
        "VEILEDER_FRIVILLIGHETSREGISTERET_URL",
        "https://data.brreg.no/frivillighetsregisteret/api",
        "Frivillighetsregisteret's API, for `flask local refresh`",
    ),
    "REGISTER_TIMEOUT": ("VEILEDER_REGISTER_TIMEOUT", "60", "seconds `flask local refresh` waits for a register"),
    "REGISTER_ATTEMPTS": (
        "VEILEDER_REGISTER_ATTEMPTS",
        "5",
        "how many times `flask local refresh` tries a request that fails in a way that may pass",
    ),
    "REGISTER_RETRY_DELAY": (
        "VEILEDER_REGISTER_RETRY_DELAY",
        "2",
        "seconds before `flask local refresh` tries again; the delay doubles with each try",
    ),
}

#: Settings that are on/off switches: "1", "true", "yes" and "on" mean on.
SWITCHES = {"ACCESS_LOG", "HTTPS"}
#: Settings that are rates in Flask-Limiter's notation.
RATES = {"FORM_RATE_LIMIT", "FEEDBACK_RATE_LIMIT"}
#: Settings that are numbers.
NUMBERS = {
    "PAGE_CACHE_MB": float,
    "PAGE_MAX_AGE": int,
    "TRUSTED_PROXIES": int,
    "LOG_RETENTION_DAYS": int,
    "SUBMISSION_RETENTION_DAYS": int,
    "FEEDBACK_RETENTION_DAYS": int,
    "FORM_MIN_SECONDS": int,
    "FORM_MAX_HOURS": float,
    "REGISTER_TIMEOUT": float,
    "REGISTER_ATTEMPTS": int,
    "REGISTER_RETRY_DELAY": float,
}


def content_dir(overrides: Mapping[str, Any] | None = None) -> Path:
    """The content folder: the override, else VEILEDER_CONTENT_DIR, else `content/`."""
    return Path(load_settings(overrides)["CONTENT_DIR"])


def load_settings(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Settings from defaults, then the environment, then `overrides`."""
    settings: dict[str, Any] = {}
    for key, (variable, default, _) in SETTINGS.items():
        settings[key] = _typed(key, variable, os.environ.get(variable, default))
    settings.update(overrides or {})
    return settings


class SettingError(ValueError):
    """An environment variable holds a value the setting cannot take."""


def _typed(key: str, variable: str, value: str) -> Any:
    if key in SWITCHES:
        return value.strip().lower() in ("1", "true", "yes", "on")
    if key in NUMBERS:
        try:
            number = NUMBERS[key](value)
        except ValueError:
            raise SettingError(f"{variable} must be a number, not {value!r}") from None
        if number < 0:
            raise SettingError(f"{variable} must not be negative")
        return number
    if key in RATES:
        from limits import parse_many  # here, not at the top: the content commands need no rate limits

        try:
            parse_many(value)
        except ValueError:
            raise SettingError(f"{variable} must be a rate such as '10 per hour', not {value!r}") from None
    return value
