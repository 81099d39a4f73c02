"""Frivillighetsregisteret: every registered organisation's ICNPO categories, and the categories' names.

The register's list is walked with its cursor (`searchAfter`, taken from each page's `next` link;
the API refuses `page`), 100 records a request. A record has the organisation number and its
categories but no name or place: those come from Enhetsregisteret, joined on the number.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from veileder.content.register import IcnpoCategory
from veileder.local.fetch import Fetcher, RefreshError
from veileder.local.progress import Progress
from veileder.vocabulary import BOKMAL, NYNORSK

PAGE_SIZE = 100
#: About 730 pages today; far more means the paging is broken, not that the register grew.
MAX_PAGES = 20_000
ORG_NUMBER = re.compile(r"\d{9}")
LANGUAGES = {BOKMAL: "NOB", NYNORSK: "NNO"}


def icnpo_categories(fetcher: Fetcher, base: str) -> dict[str, IcnpoCategory]:
    """Every ICNPO code with its bokmål and nynorsk name, as the register names them."""
    names: dict[str, dict[str, str]] = {}
    for lang, spraak in LANGUAGES.items():
        url = f"{base}/icnpo-kategorier?spraak={spraak}"
        for entry in _embedded(fetcher.json(url), "icnpoKategorier", url):
            code = _code(entry.get("icnpoNummer") if isinstance(entry, dict) else None)
            name = entry.get("navn") if isinstance(entry, dict) else None
            if code is None or not isinstance(name, str) or not name.strip():
                raise RefreshError(f"{url} has a category without a code or a name: {str(entry)[:200]}")
            names.setdefault(code, {})[lang] = name.strip()
    if not names:
        raise RefreshError(f"{base}/icnpo-kategorier lists no categories")
    return {
        code: IcnpoCategory(code, {BOKMAL: found.get(BOKMAL) or found[NYNORSK], NYNORSK: found.get(NYNORSK, "")})
        for code, found in names.items()
    }


def organisation_categories(fetcher: Fetcher, base: str, progress: Progress) -> dict[str, tuple[str, ...]]:
    """Organisation number -> its ICNPO codes in the organisation's own order, for every record."""
    found: dict[str, tuple[str, ...]] = {}
    first = f"{base}/frivillige-organisasjoner?size={PAGE_SIZE}"
    url: str | None = first
    cursors: set[str] = set()
    pages = 0
    while url is not None:
        pages += 1
        if pages > MAX_PAGES:
            raise RefreshError(f"{base}/frivillige-organisasjoner gave over {MAX_PAGES} pages: the paging is broken")
        page = fetcher.json(url)
        for record in _embedded(page, "frivilligeOrganisasjoner", url):
            number, codes = _record(record, url)
            found[number] = codes
        progress.update(f"Frivillighetsregisteret: {len(found):,} organisations (page {pages:,})")
        cursor = _next_cursor(page, url)
        if cursor is not None and cursor in cursors:
            raise RefreshError(f"{url} sends the walk back to a page it has read: the paging is broken")
        if cursor is not None:
            cursors.add(cursor)
        url = None if cursor is None else f"{first}&searchAfter={quote(cursor)}"
    return found


def _embedded(page: Any, key: str, url: str) -> list[Any]:
    """The records of a HAL page; a page with nothing in it may leave out `_embedded`."""
    if not isinstance(page, dict):
        raise RefreshError(f"{url} did not answer with a page of results")
    embedded = page.get("_embedded")
    if embedded is None:
        return []
    records = embedded.get(key) if isinstance(embedded, dict) else None
    if not isinstance(records, list):
        raise RefreshError(f"{url} has no list '_embedded.{key}'")
    return records


def _record(record: Any, url: str) -> tuple[str, tuple[str, ...]]:
    def malformed(why: str) -> RefreshError:
        return RefreshError(f"{url} has a malformed record ({why}): {str(record)[:200]}")

    if not isinstance(record, dict):
        raise malformed("not an object")
    number = record.get("organisasjonsnummer")
    if not isinstance(number, str) or not ORG_NUMBER.fullmatch(number):
        raise malformed("no nine-digit organisasjonsnummer")
    categories = record.get("icnpoKategorier") or []
    if not isinstance(categories, list):
        raise malformed("icnpoKategorier is not a list")
    ranked: list[tuple[int, str]] = []
    for category in categories:
        code = _code(category.get("icnpoNummer")) if isinstance(category, dict) else None
        if code is None:
            raise malformed("a category without an icnpoNummer")
        order = category.get("rekkefoelge")
        ranked.append((order if isinstance(order, int) else len(ranked) + 1, code))
    return number, tuple(dict.fromkeys(code for _, code in sorted(ranked)))


def _code(value: Any) -> str | None:
    """An ICNPO code as digits without leading zeros ("01200" and 1200 are both "1200")."""
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    return str(int(text)) if text.isdigit() and int(text) > 0 else None


def _next_cursor(page: dict[str, Any], url: str) -> str | None:
    link = page.get("_links", {}).get("next") if isinstance(page.get("_links"), dict) else None
    href = link.get("href") if isinstance(link, dict) else None
    if not href:
        return None
    cursor = parse_qs(urlsplit(href).query).get("searchAfter")
    if not cursor or not cursor[0]:
        raise RefreshError(f"{url} links to a next page without a searchAfter cursor: {href}")
    return cursor[0]
