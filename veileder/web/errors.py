"""Error pages in the site's look and the visitor's language; no internals are ever shown."""

from __future__ import annotations

from flask import Flask, g, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError

from veileder.web.i18n import language_from_path


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
    return render_template(template, title=title, message=message), code, headers


def init_errors(app: Flask) -> None:
    app.register_error_handler(HTTPException, error_page)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int, dict[str, str]]:
        # Logged by Flask with the path only (see logs.py); the visitor sees no details.
        app.logger.exception("Unexpected error on %s %s", request.method, request.path)
        return error_page(InternalServerError())
