"""The national overview `/<lang>/kommuner` and each municipality's page `/<lang>/kommune/<nr>`.

Both are drawn from the content alone (what editors published in `kommuner/`), so they are served
from the page cache like the wizard's pages. A municipality page lists everything known about it,
and is the place to add more (such as data from public registers).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, render_template
from flask.blueprints import BlueprintSetupState

from veileder.content import Translated
from veileder.content.registered import MEASURES, Registered, by_county, registered
from veileder.content.texts import LinkText
from veileder.vocabulary import MUNICIPALITIES_PAGE, MUNICIPALITY_PAGE
from veileder.web.caching import cached_page
from veileder.web.i18n import current_language
from veileder.web.loaded import site_content

overview = Blueprint("overview", __name__)


def _setup(state: BlueprintSetupState) -> None:
    state.app.add_template_global(registered_for)


overview.record_once(_setup)


def registered_for(number: str) -> Registered | None:
    """For templates: what is registered for a municipality."""
    return registered(site_content(), number)


@dataclass(frozen=True)
class LocalLink:
    url: str
    text: Translated[LinkText]


@overview.get(f"/<lang>/{MUNICIPALITIES_PAGE}")
@cached_page()
def national() -> str:
    counties, total = by_county(site_content(), current_language())
    return render_template("overview.html", counties=counties, total=total, measures=MEASURES)


@overview.get(f"/<lang>/{MUNICIPALITY_PAGE}/<kommunenr:number>")
@cached_page()
def municipality(number: str) -> str:
    found = registered(site_content(), number)
    if found is None:
        abort(404)
    lang = current_language()
    site = site_content().site
    links = [
        LocalLink(url, text)
        for link_id, url in site.link_urls.items()
        if (text := site.link_text(link_id, lang)).value.local
    ]
    return render_template("municipality.html", known=found, measures=MEASURES, links=links)
