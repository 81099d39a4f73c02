"""Writing a municipality's entries into its file keeps what the file had, in the format editors write."""

from __future__ import annotations

from datetime import date

from veileder.content.localfile import write_entries

STAMP = {"source": "Rana kommune", "confirmed": date(2025, 3, 31)}

BEFORE = """---
# Sjekket med kommunen i mars
contact:
  name: Kulturkontoret
  phone: 75 14 50 00
  description: no
offers:
  - name: Klubb
    url: https://example.org/klubb
    roles: [familie]
language: nb
---
Teksten står.
"""


def test_a_new_file_is_written_in_the_guides_order_with_the_language():
    written = write_entries(
        None,
        {"volunteer_centre": [{"name": "Sentralen", "url": "https://example.org", "email": ""}],
         "policy": {"status": "nei", "url": None}},
        language="nn",
        **STAMP,
    )  # fmt: skip
    assert written.text == (
        "---\n"
        "policy:\n  status: nei\n  source: Rana kommune\n  confirmed: '2025-03-31'\n"
        "volunteer_centre:\n  name: Sentralen\n  url: https://example.org\n  source: Rana kommune\n"
        "  confirmed: '2025-03-31'\n"
        "language: nn\n"
        "---\n"
    )
    assert not written.dropped_comments


def test_an_old_file_keeps_its_other_entries_its_words_and_its_text():
    written = write_entries(BEFORE, {"policy": {"status": "ja"}}, language="nn", **STAMP)
    assert written.text == (
        "---\n"
        "contact:\n  name: Kulturkontoret\n  phone: 75 14 50 00\n  description: 'no'\n"
        "policy:\n  status: ja\n  source: Rana kommune\n  confirmed: '2025-03-31'\n"
        "offers:\n  - name: Klubb\n    url: https://example.org/klubb\n    roles: [familie]\n"
        "language: nb\n"
        "---\n"
        "Teksten står.\n"
    )
    assert written.dropped_comments  # the command tells the editor


def test_a_centre_already_listed_keeps_what_the_editor_added():
    before = "---\nvolunteer_centre:\n  name: Sentralen\n  phone: 12 34 56 78\n  roles: [familie]\n---\n"
    written = write_entries(before, {"volunteer_centre": [{"name": "sentralen", "url": "https://example.org"}]},
                            language="nb", **STAMP)  # fmt: skip
    assert "  phone: 12 34 56 78\n  roles: [familie]\n" in written.text
    assert "  name: sentralen\n  url: https://example.org\n" in written.text
