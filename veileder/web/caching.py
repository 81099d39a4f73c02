"""Rendered pages kept in memory, with a strong ETag, Cache-Control and a gzip copy.

A page is a pure function of the content version and the address (plus the host, when links to
take home are built from it, and the date, on the handout), so a page rendered once can be served
again as bytes. The store is a least-recently-used cache bounded by the bytes it holds.

A page with a form on it (the result's "Was the advice useful?") holds a mark where the form's
one-use token goes, filled in anew at each serving (see `fresh`). Its bytes differ between
servings only there, so it carries a weak ETag (the same on every instance: a hash of the page with
the mark) and `Cache-Control: private`, so that no shared cache hands one visitor's token to another.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import Flask, Response, current_app, request
from flask.typing import ResponseReturnValue

from veileder.web.fresh import Slot, find_slot, token_for
from veileder.web.loaded import site_content

P = ParamSpec("P")
#: What a view returns: anything Flask can make a response of.
R = TypeVar("R", bound=ResponseReturnValue)


class StoredPage:
    """A page ready to serve again: its bytes, its ETag (a hash of the bytes), its type, and a gzip
    copy made the first time a browser asks for one; and the slot for a fresh form token, if the page
    has one."""

    __slots__ = ("_gzipped", "body", "etag", "mimetype", "slot")

    def __init__(self, body: bytes, mimetype: str) -> None:
        self.body = body
        self.mimetype = mimetype
        self.etag = hashlib.sha256(body).hexdigest()[:20]
        self._gzipped: bytes | None = None
        self.slot: Slot | None = find_slot(body)

    @property
    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzipped

    @property
    def size(self) -> int:
        # Counted as if compressed too, so the cache's bound holds once every page is.
        return 2 * len(self.body)



class PageCache:
    """At most `max_bytes` of pages; the least recently used go first. Safe across threads."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[Hashable, StoredPage] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> StoredPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: Hashable, page: StoredPage) -> None:
        if page.size > self.max_bytes:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._pages[key] = page
            self._bytes += page.size
            while self._bytes > self.max_bytes:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= dropped.size

    @property
    def size(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._pages)


_KEY = "veileder.page_cache"


def init_page_cache(app: Flask, max_bytes: int) -> None:
    """Give `app` a page cache of at most `max_bytes` (without one, pages are rendered each time)."""
    app.extensions[_KEY] = PageCache(max_bytes)


def _page_cache() -> PageCache | None:
    cache = current_app.extensions.get(_KEY)
    assert cache is None or isinstance(cache, PageCache)
    return cache


def accepts_gzip() -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def respond(page: StoredPage, max_age: int) -> Response:
    """The stored page as a response: 304 when the browser has it, gzip when it takes gzip."""
    if page.slot is not None:
        return _respond_fresh(page.etag, page.slot, page.mimetype, max_age)
    headers = [
        ("ETag", f'"{page.etag}"'),
        ("Cache-Control", f"public, max-age={max_age}"),
        ("Vary", "Accept-Encoding"),
    ]
    if request.if_none_match.contains(page.etag):
        return Response(status=304, headers=headers)
    if accepts_gzip():
        headers.append(("Content-Encoding", "gzip"))
        return Response(page.gzipped, mimetype=page.mimetype, headers=headers)
    return Response(page.body, mimetype=page.mimetype, headers=headers)


def _respond_fresh(etag: str, slot: Slot, mimetype: str, max_age: int) -> Response:
    """A page with a fresh token: a weak ETag, private, and the token filled in for this serving."""
    headers = [
        ("ETag", f'W/"{etag}"'),
        ("Cache-Control", f"private, max-age={max_age}"),
        ("Vary", "Accept-Encoding"),
    ]
    if request.if_none_match.contains_weak(etag):
        return Response(status=304, headers=headers)
    token = token_for(slot.form).encode()
    if accepts_gzip():
        headers.append(("Content-Encoding", "gzip"))
        return Response(slot.gzipped(token), mimetype=mimetype, headers=headers)
    return Response(slot.filled(token), mimetype=mimetype, headers=headers)


def _fill_uncached(response: Response) -> Response:
    """Without a page cache: a page with a fresh token gets one, and is kept by no one."""
    if response.status_code == 200 and response.mimetype == "text/html":
        slot = find_slot(response.get_data())
        if slot is not None:
            response.set_data(slot.filled(token_for(slot.form).encode()))
            response.headers["Cache-Control"] = "no-store"
    return response


def cached_page(
    extra_key: Callable[[], Hashable] | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R | Response]]:
    """Serve a view's successful HTML from the page cache.

    The key is the content version, the path and the query string exactly as sent, the host when
    no public address is configured, and `extra_key()` (for what else the page shows, such as the
    date). Only 200 responses are stored; redirects and errors pass through. The decorated view
    keeps its parameters and returns what it did, or a response from the cache.
    """

    def decorate(view: Callable[P, R]) -> Callable[P, R | Response]:
        @wraps(view)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | Response:
            cache = _page_cache()
            if cache is None:
                return _fill_uncached(current_app.make_response(view(*args, **kwargs)))
            content = site_content()
            host = "" if current_app.config.get("PUBLIC_URL") else request.host
            key = (content.version, request.path, request.query_string, host, extra_key() if extra_key else None)
            page = cache.get(key)
            if page is None:
                response = current_app.make_response(view(*args, **kwargs))
                if response.status_code != 200 or response.mimetype != "text/html":
                    return response
                page = StoredPage(response.get_data(), response.mimetype)
                cache.put(key, page)
            return respond(page, current_app.config["PAGE_MAX_AGE"])

        return wrapper

    return decorate
