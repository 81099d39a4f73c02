"""Languages: the language code in the URL, Flask-Babel for interface text, switching links."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, current_app, g, request, url_for
from flask_babel import Babel

from veileder.catalogs import CATALOG_DIR
from veileder.vocabulary import LANGUAGE_NAMES, LANGUAGES, SOURCE_LANGUAGE
from veileder.web.answers import with_query


def current_language() -> str:
    return getattr(g, "lang", SOURCE_LANGUAGE)


def init_i18n(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(CATALOG_DIR))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", SOURCE_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Oslo")
    Babel(app, locale_selector=current_language)
    app.url_value_preprocessor(_take_language)
    app.url_defaults(_add_language)
    app.jinja_env.globals["source_language"] = SOURCE_LANGUAGE
    app.context_processor(lambda: {"lang": current_language(), "language_links": language_links})


def language_from_path(path: str) -> str:
    """The language a path is in, for pages (like a 404) that no view has handled."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES else SOURCE_LANGUAGE


def _take_language(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Every page's URL starts with the language; an unknown one is a 404."""
    if values is None or "lang" not in values:
        return
    lang = values.pop("lang")
    if lang not in LANGUAGES:
        abort(404)
    g.lang = lang


def _add_language(endpoint: str, values: dict[str, Any]) -> None:
    if "lang" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = current_language()


def language_links(keep_query: bool = True) -> list[dict[str, str]]:
    """The current page in every language, with the same query string.

    The visitor's answers live in the address and nowhere else, so the links take them from
    there, whatever the page: no view has to remember to hand them over. An error page links to
    the start page, or to the same page without the query that failed (`keep_query=False`).
    """
    endpoint, args = request.endpoint, request.view_args
    if endpoint is None or args is None or not current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        endpoint, args = "site.start", {}
    query = list(request.args.items(multi=True)) if keep_query else []
    return [
        {"lang": lang, "name": LANGUAGE_NAMES[lang], "url": with_query(url_for(endpoint, **args, lang=lang), query)}
        for lang in LANGUAGES
    ]
