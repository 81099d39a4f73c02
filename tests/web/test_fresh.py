"""A cached page's slot for a fresh token: its gzip copy is spliced, not recompressed, and is exact."""

from __future__ import annotations

import gzip
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from veileder.web.fresh import find_slot, fresh_token

MARK = str(fresh_token("tilbakemelding")).encode()


@settings(max_examples=200, deadline=None)
@given(head=st.binary(max_size=70_000), tail=st.binary(max_size=70_000), value=st.binary(max_size=300))
def test_the_spliced_gzip_is_the_gzip_of_the_filled_page(head, tail, value):
    slot = find_slot(head.replace(b"@@", b"") + MARK + tail.replace(b"@@", b""))
    assert slot is not None and slot.form == "tilbakemelding"
    zipped = slot.gzipped(value)
    assert gzip.decompress(zipped) == slot.filled(value)
    # What a browser's streaming inflater does: one pass, no trailing garbage.
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    assert inflater.decompress(zipped) + inflater.flush() == slot.filled(value)
    assert inflater.eof and inflater.unused_data == b""


def test_a_page_without_the_mark_has_no_slot():
    assert find_slot(b"<html>@@fresh-token:@@ @@other@@</html>") is None


def test_a_real_page_compresses_almost_as_well_spliced():
    page = (b"<p>Frivillighet og fritid for barn og unge i kommunen.</p>\n" * 600) + MARK + b"</html>" * 50
    slot = find_slot(page)
    assert slot is not None
    whole = len(gzip.compress(slot.filled(b"x" * 90), compresslevel=6))
    assert len(slot.gzipped(b"x" * 90)) <= whole + 150
