"""Write what a municipality confirmed into its file `kommuner/<number>.md`, keeping what it had.

The entries the municipality speaks for are replaced field by field; everything else in the file
(other entries, offers, an editor's `roles` or `description`, the text below the front matter)
stays. Each written entry records its `source` and the date it was `confirmed`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from veileder.content.local import SINGLE_ENTRIES

FENCE = "---"
#: The fields of each entry that a municipality's submission speaks for; other fields are kept.
SPOKEN_FOR = {
    "contact": ("name", "person", "email", "phone", "url"),
    "policy": ("status", "url"),
    "leisure_declaration": ("status", "url"),
    "volunteer_centre": ("name", "url", "email"),
}
PROVENANCE = ("source", "confirmed")

Entry = dict[str, Any]


@dataclass(frozen=True)
class Written:
    """The new text of the file, and whether comments in the old front matter could not be kept."""

    text: str
    dropped_comments: bool


def write_entries(
    existing: str | None,
    entries: Mapping[str, Entry | list[Entry]],
    *,
    language: str,
    source: str,
    confirmed: date,
) -> Written:
    """The file `existing` (None: a new file) with `entries` written in.

    `entries` maps an entry kind (contact, policy, leisure_declaration, volunteer_centre) to its
    fields; volunteer_centre may be a list. `language` is used only for a new file.
    """
    front, body, comments = _split(existing) if existing is not None else ({}, "", False)
    stamp = {"source": source, "confirmed": confirmed.isoformat()}
    for kind in SINGLE_ENTRIES:
        if kind not in entries:
            continue
        new = entries[kind]
        if isinstance(new, list):
            merged = _merge_list(front.get(kind), new, kind, stamp)
        else:
            old = front.get(kind)
            merged = _merge(old if isinstance(old, dict) else {}, new, kind, stamp)
        front = _put(front, kind, merged)
    if existing is None:
        front["language"] = language
    return Written(_join(front, body), comments)


#: The order of the keys in a new file, and where a new key goes in an old one.
ORDER = (*SINGLE_ENTRIES, "offers", "language")


def _put(front: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """`front` with `key` set: in its place when it was there, else before the keys that follow it in ORDER."""
    if key in front:
        return {**front, key: value}
    later = set(ORDER[ORDER.index(key) + 1 :])
    result: dict[str, Any] = {}
    for old_key, old_value in front.items():
        if old_key in later and key not in result:
            result[key] = value
        result[old_key] = old_value
    result.setdefault(key, value)
    return result


def _merge(old: Entry, new: Entry, kind: str, stamp: Entry) -> Entry:
    kept = {key: value for key, value in old.items() if key not in SPOKEN_FOR[kind] + PROVENANCE}
    given = {key: value for key, value in new.items() if value}
    ordered = {key: given[key] for key in SPOKEN_FOR[kind] if key in given}
    return {**ordered, **kept, **stamp}


def _merge_list(old: object, new: list[Entry], kind: str, stamp: Entry) -> Entry | list[Entry]:
    """The municipality's list replaces the old one; a centre already there by name keeps its other fields."""
    olds = old if isinstance(old, list) else [old] if isinstance(old, dict) else []
    by_name = {str(entry.get("name", "")).casefold(): entry for entry in olds if isinstance(entry, dict)}
    merged = [_merge(by_name.get(str(entry.get("name", "")).casefold(), {}), entry, kind, stamp) for entry in new]
    return merged[0] if len(merged) == 1 else merged


def _split(text: str) -> tuple[dict[str, Any], str, bool]:
    """The front matter (every value as text, as the content reader sees it), the body, and whether
    the front matter had comments."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        raise ValueError("the file does not start with front matter")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == FENCE), None)
    if end is None:
        raise ValueError("the front matter is not closed")
    header = "\n".join(lines[1:end])
    # It keeps every scalar as the text written: `no` stays "no", 2025-03-31 stays a string.
    front = yaml.load(header, Loader=yaml.BaseLoader) or {}  # BaseLoader builds no Python objects
    if not isinstance(front, dict):
        raise ValueError("the front matter is not a set of keys")
    comments = any(line.lstrip().startswith("#") for line in lines[1:end])
    return front, "\n".join(lines[end + 1 :]).strip("\n"), comments


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as CONTENT.md writes them; short lists of words on one line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    words = all(isinstance(item, str) and " " not in item for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=words)


_Dumper.add_representer(list, _represent_list)


def _join(front: dict[str, Any], body: str) -> str:
    header = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    text = f"{FENCE}\n{header}{FENCE}\n"
    return text + (f"{body}\n" if body else "")
