"""Replaying answers: where the visitor is, which answers apply, what advice they get."""

import dataclasses

import pytest

from tests.engine.flows import family_flow
from veileder.engine import Flow, resolve, select_advice

FLOW = family_flow()


@pytest.mark.parametrize(
    ("given", "path", "current"),
    [
        ({}, (), "alder"),
        ({"alder": ["barn"]}, ("alder",), "aktivitet"),
        ({"alder": ["barn"], "aktivitet": ["nei"]}, ("alder", "aktivitet"), "hindring"),
        # "ja" branches past the barriers question straight to the municipality
        ({"alder": ["barn"], "aktivitet": ["ja"]}, ("alder", "aktivitet"), "kommune"),
        ({"alder": ["barn"], "aktivitet": ["ja"], "kommune": ["5612"]}, ("alder", "aktivitet", "kommune"), None),
        (
            {"alder": ["ungdom"], "aktivitet": ["nei"], "hindring": ["penger", "utstyr"], "kommune": ["0301"]},
            ("alder", "aktivitet", "hindring", "kommune"),
            None,
        ),
        # invalid answers count as no answer: the visitor is asked again
        ({"alder": ["voksen"]}, (), "alder"),
        ({"alder": ["barn", "ungdom"]}, (), "alder"),  # two answers to a single-choice question
        ({"alder": [""]}, (), "alder"),
        (
            {"alder": ["barn"], "aktivitet": ["nei"], "hindring": ["ingen", "penger"]},
            ("alder", "aktivitet"),
            "hindring",
        ),
        (
            {"alder": ["barn"], "aktivitet": ["nei"], "hindring": ["penger", "penger"]},
            ("alder", "aktivitet"),
            "hindring",
        ),
        ({"alder": ["barn"], "aktivitet": ["nei"], "hindring": []}, ("alder", "aktivitet"), "hindring"),
        ({"alder": ["barn"], "aktivitet": ["ja"], "kommune": ["9999"]}, ("alder", "aktivitet"), "kommune"),
        # a later answer without the earlier ones does not skip ahead
        ({"kommune": ["0301"]}, (), "alder"),
    ],
)
def test_resolve_finds_path_and_current_question(given, path, current):
    state = resolve(FLOW, given)
    assert state.path == path
    assert state.current == current
    assert state.complete is (current is None)


def test_changing_an_early_answer_keeps_later_answers_still_on_the_path():
    before = {"alder": ["barn"], "aktivitet": ["nei"], "hindring": ["penger"], "kommune": ["4601"]}
    after = resolve(FLOW, {**before, "aktivitet": ["ja"]})
    assert after.complete
    assert after.path == ("alder", "aktivitet", "kommune")
    assert after.answers == {"alder": ("barn",), "aktivitet": ("ja",), "kommune": ("4601",)}


def test_changing_an_answer_onto_a_new_branch_stops_at_the_new_question():
    before = {"alder": ["barn"], "aktivitet": ["ja"], "kommune": ["4601"]}
    after = resolve(FLOW, {**before, "aktivitet": ["nei"]})
    assert after.current == "hindring"
    assert after.answers_before("hindring") == {"alder": ("barn",), "aktivitet": ("nei",)}
    # the municipality is not on the path yet, so it is not an applying answer, but it is kept
    # for when the visitor gets there
    assert "kommune" not in after.answers


def test_unknown_keys_change_nothing():
    state = resolve(FLOW, {"alder": ["barn"], "utm_source": ["x"]})
    assert state == resolve(FLOW, {"alder": ["barn"]})


@pytest.mark.parametrize(
    ("given", "advice"),
    [
        ({"alder": ["barn"], "aktivitet": ["ja"], "kommune": ["0301"]}, ("finn-aktivitet", "fortsett")),
        (
            {"alder": ["barn"], "aktivitet": ["nei"], "hindring": ["utstyr"], "kommune": ["0301"]},
            ("finn-aktivitet", "spor-nav"),
        ),
        (
            {"alder": ["ungdom"], "aktivitet": ["nei"], "hindring": ["ingen"], "kommune": ["0301"]},
            ("finn-aktivitet", "fortsett"),
        ),
        ({"alder": ["ungdom"]}, ()),  # no advice before the path is finished
    ],
)
def test_advice_is_selected_in_flow_order(given, advice):
    assert tuple(block.id for block in select_advice(resolve(FLOW, given))) == advice


def test_previous_and_number_follow_the_path():
    state = resolve(FLOW, {"alder": ["barn"], "aktivitet": ["ja"], "kommune": ["0301"]})
    assert state.previous("kommune") == "aktivitet"
    assert state.previous("alder") is None
    assert state.previous(None) == "kommune"  # the question before the result
    assert state.number("kommune") == 3


def test_the_lists_the_answers_on_the_path_pick():
    aktivitet = FLOW.question("aktivitet")
    assert aktivitet is not None
    with_lists = dataclasses.replace(aktivitet, lists=(("nei", "clubs"),))
    flow = Flow(FLOW.role, tuple(with_lists if q.id == "aktivitet" else q for q in FLOW.questions), FLOW.advice)
    given = {"alder": ["barn"], "aktivitet": ["nei"], "hindring": ["penger"], "kommune": ["0301"]}
    assert resolve(flow, given).lists == ("clubs",)
    assert resolve(flow, {**given, "aktivitet": ["ja"]}).lists == ()
    # an answer off the path picks nothing
    assert resolve(flow, {"alder": ["barn"], "kommune": ["0301"]}).lists == ()
