"""The words the content may not use as ids are exactly the words the site's addresses use there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import replace_in
from veileder.content import load_content
from veileder.vocabulary import (
    LANGUAGES,
    RESERVED_QUESTION_IDS,
    RESERVED_ROLE_IDS,
    RETURN_KEY,
    SOURCE_LANGUAGE,
    VERSION_KEY,
)

ANY = re.compile(r"<any\((?P<items>[^)]*)\):\w+>")


def route_words(app: Flask) -> tuple[set[str], set[str]]:
    """The fixed words in the app's addresses where a role id would stand (`/<lang>/WORD…`), and
    where a question id would (`/<lang>/<role_id>/WORD…`)."""
    role_place: set[str] = set()
    question_place: set[str] = set()
    for rule in app.url_map.iter_rules():
        segments = rule.rule.split("/")[1:]
        if len(segments) < 2 or segments[0] != "<lang>":
            continue
        role_place |= _words(segments[1])
        if segments[1] == "<role_id>" and len(segments) > 2:
            question_place |= _words(segments[2])
    return role_place, question_place


def _words(segment: str) -> set[str]:
    if not segment:
        return set()
    found = ANY.fullmatch(segment)
    if found is not None:
        return {item.strip().strip("'\"") for item in found["items"].split(",")}
    return set() if segment.startswith("<") else {segment}


def test_no_role_may_be_named_after_a_word_the_sites_addresses_use_in_its_place(app: Flask):
    role_place, _ = route_words(app)
    assert role_place == RESERVED_ROLE_IDS


def test_no_question_may_be_named_after_a_word_the_sites_addresses_or_query_strings_use(app: Flask):
    _, question_place = route_words(app)
    assert question_place | {RETURN_KEY, VERSION_KEY} == RESERVED_QUESTION_IDS


def test_every_language_has_its_addresses_and_bokmal_is_the_default(site):
    assert site.get("/").location == f"/{SOURCE_LANGUAGE}/"
    for lang in LANGUAGES:
        assert site.get(f"/{lang}/").soup.html["lang"] == lang


@pytest.mark.parametrize("word", sorted(RESERVED_ROLE_IDS))
def test_the_checker_refuses_a_role_named_after_a_reserved_word(content_copy: Path, word: str):
    (content_copy / "roles" / "familie").rename(content_copy / "roles" / word)
    problems = [problem.message for problem in load_content(content_copy).problems]
    assert f"'{word}' cannot be a role id: the site uses that word itself" in problems


@pytest.mark.parametrize("word", sorted(RESERVED_QUESTION_IDS))
def test_the_checker_refuses_a_question_named_after_a_reserved_word(content_copy: Path, word: str):
    replace_in(content_copy / "roles" / "familie" / "flow.yaml", "id: alder", f"id: {word}")
    problems = [problem.message for problem in load_content(content_copy).problems]
    assert f"'{word}' cannot be a question id: the site uses that word itself" in problems
