"""Error pages in the site's look and the visitor's language; no internals are ever shown."""

from __future__ import annotations

from functools import partial

from flask import Flask, g, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError, default_exceptions
from werkzeug.http import HTTP_STATUS_CODES

from veileder.web.i18n import language_from_path, language_links
from veileder.web.security import security_headers


def _messages(code: int) -> tuple[str, str]:
    if code == 404:
        return _("Page not found"), _("We could not find the page you asked for. Check the address, or start again.")
    if code == 405:
        return _("Not allowed"), _("This page cannot be used that way. Go to the start page and try again.")
    if code == 413:
        return _("The form is too large"), _(
            "What you sent was larger than this form can take. Shorten the longest texts and send it again."
        )
    if code == 429:
        return _("Too many forms sent"), _(
            "Many forms have been sent from your address in a short time, so this one was not accepted. "
            "Please try again later."
        )
    if code == 503:
        return _("Try again shortly"), _(
            "We cannot take what you send right now. Nothing was stored. Please try again in a few minutes."
        )
    if code >= 500:
        return _("Something went wrong"), _("Something went wrong on our side. Please try again in a little while.")
    return _("Something is wrong with the address"), _(
        "The address has something we do not understand. Go to the start page and try again."
    )


def error_page(error: HTTPException) -> tuple[str, int, dict[str, str]]:
    if not hasattr(g, "lang"):
        g.lang = language_from_path(request.path)
    code = error.code or 500
    title, message = _messages(code)
    headers = {name: value for name, value in error.get_headers() if name == "Allow"}
    # Without a URL adapter (Werkzeug refused the Host header) no link can be built with url_for.
    template = "error.html" if request_ctx.url_adapter is not None else "bare_error.html"
    links = partial(language_links, keep_query=False)
    return render_template(template, title=title, message=message, language_links=links), code, headers


def unreadable_request(app: Flask, code: int) -> bytes:
    """A whole HTTP response with the error page for a request the server could not even read (a
    request line too long or malformed): in bokmål, as there is no address to take a language
    from, with the security headers, and closing the connection."""
    error = default_exceptions.get(code, BadRequest)()
    with app.test_request_context("/"):
        body, status, _ = error_page(error)
    data = body.encode()
    headers = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(data))),
        ("Connection", "close"),
        *security_headers(app.config["HTTPS"]),
    ]
    head = f"HTTP/1.1 {status} {HTTP_STATUS_CODES.get(status, 'Bad Request')}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers)
    return (head + "\r\n").encode("latin-1") + data


def init_errors(app: Flask) -> None:
    app.register_error_handler(HTTPException, error_page)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int, dict[str, str]]:
        # Logged by Flask with the path only (see logs.py); the visitor sees no details.
        app.logger.exception("Unexpected error on %s %s", request.method, request.path)
        return error_page(InternalServerError())
