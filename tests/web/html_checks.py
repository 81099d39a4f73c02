"""Checks every HTML page a test fetches must pass: the invariants a visitor relies on."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import html5lib
import lxml.html

from veileder.content import LANGUAGES

#: The hosts the tests serve the site from: links there are not outbound.
OWN_HOSTS = {"localhost", "127.0.0.1"}

SECURITY_HEADERS = {
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
}


def page_problems(html: str, *, strict: bool = True) -> list[str]:
    """Everything wrong with one page, as sentences (empty when the page is fine).

    `strict` also parses the page with html5lib's strict parser, which finds any HTML syntax
    error but is slow; the crawl over thousands of pages leaves it out.
    """
    problems: list[str] = []
    if strict:
        try:
            html5lib.HTMLParser(strict=True).parse(html)
        except html5lib.html5parser.ParseError as error:
            problems.append(f"not valid HTML: {error}")
    tree = lxml.html.fromstring(html)
    if not "".join(tree.xpath("//head/title//text()")).strip():
        problems.append("no <title>")
    h1s = tree.xpath("//h1")
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} <h1> elements, expected 1")
    lang = tree.get("lang")
    if lang not in LANGUAGES:
        problems.append(f"<html lang> is {lang!r}")
    ids = Counter(tree.xpath("//@id"))
    problems += [f"id {id_!r} used {n} times" for id_, n in ids.items() if n > 1]
    labelled = set(tree.xpath("//label/@for"))
    for field in tree.xpath("//input[not(@type='hidden') and not(@type='submit')] | //select | //textarea"):
        if field.get("id") not in labelled and not field.get("aria-label"):
            problems.append(f"{field.tag} {field.get('name')!r} has no label")
    for form in tree.xpath("//form"):
        method = (form.get("method") or "get").lower()
        if not form.get("action") or method not in ("get", "post"):
            problems.append("a form without an action, or not using GET or POST")
        elif method == "post" and not form.xpath(".//input[@type='hidden'][@name='skjema'][string(@value)]"):
            problems.append("a form that POSTs without its signed token")
    for href in tree.xpath("//a/@href"):
        if href.startswith("#") and len(href) > 1 and href[1:] not in ids:
            problems.append(f"link to {href}, which is not on the page")
    for link in tree.xpath("//a[starts-with(@href, 'http')]"):
        if urlsplit(link.get("href")).hostname in OWN_HOSTS:
            continue  # a full link to the site itself, such as the result link to take home
        if "noreferrer" not in (link.get("rel") or "").split():
            problems.append(f"outbound link {link.get('href')} without rel=noreferrer")
    return problems
