"""Public lists from the register snapshot: a municipality's organisations in one category, page by page.

`/<lang>/kommune/<number>/<category>`, where the category is one of the interests (idrett, …) or
`frivilligsentraler`. Without a snapshot these pages do not exist (404), and the site is as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _

from veileder.content import Content
from veileder.content.register import (
    CATEGORIES,
    VOLUNTEER_CENTRE_CODE,
    VOLUNTEER_CENTRES,
    LocalRegister,
    Organisation,
)
from veileder.vocabulary import MUNICIPALITY_PAGE, NYNORSK, SOURCE_LANGUAGE
from veileder.web.caching import cached_page
from veileder.web.i18n import current_language
from veileder.web.loaded import site_content

lists = Blueprint("lists", __name__)

PAGE_SIZE = 50
PAGE_KEY = "side"
#: A page number as a visitor's address can hold it; anything else is a 400.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
LIST_SLUGS = (*CATEGORIES, VOLUNTEER_CENTRES)


def category_names() -> dict[str, str]:
    """Each list's name in the visitor's language."""
    return {
        "idrett": _("Sport"),
        "musikk-og-kultur": _("Music and culture"),
        "friluftsliv": _("Outdoors and recreation"),
        "barn-og-unge": _("Children and youth organisations"),
        VOLUNTEER_CENTRES: _("Volunteer centres"),
    }


@dataclass(frozen=True)
class Listed:
    organisation: Organisation
    number: str  # the organisation number as people write it: 974 760 843


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    previous_url: str | None
    next_url: str | None


@lists.get(f"/<lang>/{MUNICIPALITY_PAGE}/<kommunenr:number>/<any({', '.join(map(repr, LIST_SLUGS))}):category>")
@cached_page()
def category_list(number: str, category: str) -> str:
    loaded = site_content()
    register, municipality = loaded.register, loaded.municipality(number)
    if register is None or municipality is None:
        abort(404)
    local = register.municipality(number) or LocalRegister(number, None, (), ())
    found = local.in_category(category)
    page = _page_number()
    pages = max(1, -(-len(found) // PAGE_SIZE))
    if page > pages:
        abort(404)
    shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    lang = current_language()
    names = category_names()
    return render_template(
        "register_list.html",
        municipality=municipality,
        category=category,
        title=_("%(category)s in %(municipality)s", category=names[category], municipality=municipality.name),
        icnpo=_icnpo_names(loaded, category, lang),
        website=local.website,
        listed=[Listed(org, _spaced(org.number)) for org in shown],
        total=len(found),
        pager=Pager(page, pages, _page_url(number, category, page - 1), _page_url(number, category, page + 1, pages)),
        others=[(slug, names[slug], _page_url(number, slug, 1)) for slug in LIST_SLUGS],
        fetched=format_date(register.fetched, format="long"),
    )


def _page_number() -> int:
    given = request.args.get(PAGE_KEY)
    if given is None:
        return 1
    if not PAGE_NUMBER.fullmatch(given):
        abort(400)
    return int(given)


def _page_url(number: str, category: str, page: int, pages: int | None = None) -> str | None:
    if page < 1 or (pages is not None and page > pages):
        return None
    extra: dict[str, Any] = {PAGE_KEY: page} if page > 1 else {}
    return url_for("lists.category_list", number=number, category=category, **extra)


def _icnpo_names(loaded: Content, category: str, lang: str) -> list[tuple[str, str]]:
    """The register's own names of the categories a list shows, with the language they are in."""
    assert loaded.register is not None
    codes = CATEGORIES.get(category, frozenset({VOLUNTEER_CENTRE_CODE}))
    wanted = lang if lang == NYNORSK else SOURCE_LANGUAGE
    return [
        (loaded.register.icnpo[code].name(wanted), wanted)
        for code in sorted(codes, key=int)
        if code in loaded.register.icnpo
    ]


def _spaced(number: str) -> str:
    return " ".join(number[i : i + 3] for i in range(0, len(number), 3))
