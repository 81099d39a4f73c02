"""A form token made anew for each serving of a cached page, and a gzip copy that needs no compressing.

Pages are cached as bytes (see `caching`). A form's token must not be: it is spent once, so two
visitors given the same bytes would share it and the second would be refused as a replay. A
template writes `fresh_token(form)`, a mark, where the token goes; the page cache keeps the page
with the mark, and each serving fills in a new token. The gzip copy is kept as the compressed part
before the mark and the compressed part after it; a serving puts the token between them as a
stored (uncompressed) deflate block and writes the gzip trailer, so it costs a CRC, not a
compression.

The token is signed with the key in the database. A page must serve without the database, so when
the key cannot be read the mark is filled with nothing (the form then answers "try again shortly"),
and the database is asked again only after RETRY_SECONDS.
"""

from __future__ import annotations

import re
import struct
import time
import zlib
from pathlib import Path

from flask import current_app
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from veileder.web.guards import SECRET_CACHE, new_token
from veileder.web.storage import store

MARK = re.compile(rb"@@fresh-token:([a-z-]+)@@")
#: Seconds to serve pages without a token before asking an unreachable database again.
RETRY_SECONDS = 30.0
_RETRY_AT = "veileder.fresh_token_retry_at"

#: A gzip member's header: deflate, no file name, no time, unknown system (as `gzip.compress(mtime=0)`).
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def fresh_token(form: str) -> Markup:
    """For templates: the mark a cached page's serving replaces with a new token for `form`."""
    return Markup(f"@@fresh-token:{form}@@")


def _deflate(data: bytes, mode: int) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(mode)


def _stored_block(data: bytes) -> bytes:
    """`data` as one deflate block stored as it is (not the last block; starts on a byte boundary)."""
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


class Slot:
    """A page's bytes around the mark, ready to be served with a value in its place."""

    __slots__ = ("_compressed", "form", "head", "tail")

    def __init__(self, form: str, head: bytes, tail: bytes) -> None:
        self.form = form
        self.head = head
        self.tail = tail
        self._compressed: tuple[bytes, bytes, int] | None = None

    def filled(self, value: bytes) -> bytes:
        return self.head + value + self.tail

    def gzipped(self, value: bytes) -> bytes:
        """The gzip of `filled(value)`: the head ends flushed to a byte boundary, the tail is
        compressed on its own, and the value goes between them uncompressed."""
        if self._compressed is None:
            head = _GZIP_HEADER + _deflate(self.head, zlib.Z_SYNC_FLUSH)
            # Assigned once, whole: another thread sees all of it or none.
            self._compressed = (head, _deflate(self.tail, zlib.Z_FINISH), zlib.crc32(self.head))
        head, tail, crc = self._compressed
        crc = zlib.crc32(self.tail, zlib.crc32(value, crc))
        size = (len(self.head) + len(value) + len(self.tail)) & 0xFFFFFFFF
        return b"".join((head, _stored_block(value), tail, struct.pack("<II", crc, size)))


def find_slot(body: bytes) -> Slot | None:
    """The page's slot for a fresh token, if it has one (a page has at most one)."""
    found = MARK.search(body)
    if found is None:
        return None
    tail = body[found.end() :]
    assert MARK.search(tail) is None, "a page has one fresh token at most"
    return Slot(found.group(1).decode(), body[: found.start()], tail)


def token_for(form: str) -> str:
    """A new token for `form`, or "" while the database that holds the signing key is away."""
    app = current_app
    if SECRET_CACHE not in app.extensions:
        if time.monotonic() < app.extensions.get(_RETRY_AT, 0.0):
            return ""
        if not _database_exists():
            return ""
    try:
        return new_token(form)
    except (SQLAlchemyError, LookupError) as error:  # LookupError: tables without a key
        app.extensions[_RETRY_AT] = time.monotonic() + RETRY_SECONDS
        unavailable = type(error).__name__
        app.logger.warning("Pages are served without form tokens: the database is unavailable (%s)", unavailable)
        return ""


def _database_exists() -> bool:
    """False for a SQLite file not made yet: serving a page must not create an empty database."""
    database = store()
    name = database.engine.url.database
    return not database.is_sqlite or not name or name == ":memory:" or Path(name).is_file()
