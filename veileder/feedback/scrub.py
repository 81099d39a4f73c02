"""Take what identifies people out of a comment before it is stored.

The form asks visitors not to write names or personal details; some will anyway. E-mail addresses,
phone numbers (Norwegian eight-digit numbers written in any common grouping, with or without +47
or 0047 in front) and eleven-digit numbers (a fødselsnummer, a bank account number) become
"[fjernet]". Names cannot be told from other words, so the warning on the form has to do for them.
"""

from __future__ import annotations

import re

REMOVED = "[fjernet]"

#: Between the digits of a number: one space, hyphen, full stop or slash (or nothing).
_SEP = r"[ \u00a0./-]?"


def _digits(count: int) -> str:
    return _SEP.join([r"\d"] * count)


_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*\.\s*[\w-]+)+", re.IGNORECASE)
#: Eleven digits (6 + 5 for a fødselsnummer, 4.2.5 for an account): not part of a longer number.
_ELEVEN = re.compile(rf"(?<!\d){_digits(11)}(?!\d)")
#: Eight digits, after +47 or 0047 or on their own: not part of a longer number.
_PHONE = re.compile(rf"(?<![\d+])(?:(?:\+|00) ?47{_SEP})?{_digits(8)}(?!\d)")


def scrub(text: str) -> str:
    """`text` with e-mail addresses, phone numbers and eleven-digit numbers replaced by [fjernet]."""
    for pattern in (_EMAIL, _ELEVEN, _PHONE):
        text = pattern.sub(REMOVED, text)
    return text
