"""Security and privacy headers on every response."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        # Designsystemet's CSS draws its icons (radio dots, check marks) as data: images.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


HSTS = "max-age=31536000; includeSubDomains"


def on_this_site(location: str) -> str:
    """A redirect target as a path on this site, whatever it was built from.

    Werkzeug builds absolute targets from the Host header (for the trailing-slash redirects); a
    path never leaves the site, and collapsing leading slashes stops `//evil.example` from being
    read as another host. A fragment is kept: it only scrolls the page (the feedback's thank-you
    is shown where the visitor answered).
    """
    parts = urlsplit(location.replace("\\", "%5C"))
    path = "/" + parts.path.lstrip("/")
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def security_headers(https: bool) -> list[tuple[str, str]]:
    """The headers every response carries (with Strict-Transport-Security when served over HTTPS)."""
    return list(HEADERS.items()) + ([("Strict-Transport-Security", HSTS)] if https else [])


def init_security(app: Flask) -> None:
    if app.config["TRUSTED_PROXIES"]:
        # Behind a reverse proxy: take the client's scheme and host from its X-Forwarded-* headers,
        # so that links to take home and HSTS use the public address.
        count = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]

    # Added to every response in one step: no view sets any of them itself (this runs on every
    # request, so it avoids a lookup per header).
    always = security_headers(app.config["HTTPS"])

    @app.after_request
    def add_headers(response: Response) -> Response:
        headers = response.headers
        headers.extend(always)
        location = headers.get("Location")
        if location is not None:
            headers["Location"] = on_this_site(location)
        # Nothing on this site needs a cookie; make sure nothing ever sets one.
        if "Set-Cookie" in headers:
            headers.remove("Set-Cookie")
        return response
