"""Options that make no difference are found, named and placed; options that matter are left alone."""

from __future__ import annotations

import dataclasses

from tests.engine.flows import family_flow, options
from veileder.engine import RESULT, AdviceBlock, AnyOf, Equals, Flow, Location, Option, Question, QuestionKind, Rule
from veileder.engine.deadoptions import dead_options

HERE = Location("flow.yaml", 7)


def _flow(*questions: Question, advice: tuple[AdviceBlock, ...]) -> Flow:
    return Flow("test", tuple(questions), advice)


def _warnings(flow: Flow) -> list[str]:
    return [f"{warning.where.line}: {warning.message}" for warning in dead_options(flow)]


def _placed(*ids: str, exclusive: tuple[str, ...] = ()) -> tuple[Option, ...]:
    """Options written on lines 7, 8, … so that a test can see which option a warning points at."""
    return tuple(Option(o, o in exclusive, Location("flow.yaml", 7 + n)) for n, o in enumerate(ids))


SOSIALHJELP = Question("sosialhjelp", QuestionKind.SINGLE, _placed("ja", "nei", "vet-ikke"))
SOKNAD_ADVICE = (
    AdviceBlock("be-nav-ta-med", Equals("sosialhjelp", "ja")),
    AdviceBlock("sok", AnyOf("sosialhjelp", ("nei", "vet-ikke"))),
)


def test_the_family_flow_has_no_option_that_makes_no_difference():
    assert dead_options(family_flow()) == []


def test_two_single_choice_options_with_the_same_route_and_advice_are_named_at_the_second():
    assert _warnings(_flow(SOSIALHJELP, advice=SOKNAD_ADVICE)) == [
        "9: options 'nei' and 'vet-ikke' of question 'sosialhjelp' give the same route and the same advice "
        "on every path (merge them, or write same: [nei, vet-ikke] if that is meant)"
    ]


def test_options_declared_the_same_are_not_reported():
    declared = dataclasses.replace(SOSIALHJELP, same=(frozenset({"nei", "vet-ikke"}),))
    assert _warnings(_flow(declared, advice=SOKNAD_ADVICE)) == []


def test_options_no_condition_names_are_the_same_as_each_other():
    question = Question("alder", QuestionKind.SINGLE, _placed("barn", "ungdom", "voksen"))
    flow = _flow(question, advice=(AdviceBlock("alle"),))
    assert [w.split(" give")[0] for w in _warnings(flow)] == [
        "8: options 'barn' and 'ungdom' of question 'alder'",
        "9: options 'barn' and 'voksen' of question 'alder'",
    ]


def test_options_that_differ_only_later_in_the_flow_are_not_the_same():
    """`nei` and `vet-ikke` lead to the same next question, but the advice after it tells them apart."""
    then = Question("kommune", QuestionKind.MUNICIPALITY, options("0301", "5612"))
    advice = (
        AdviceBlock("alle"),
        AdviceBlock("bare-vet-ikke-i-oslo", AnyOf("sosialhjelp", ("vet-ikke",))),
    )
    flow = _flow(dataclasses.replace(SOSIALHJELP, rules=(Rule("kommune"),)), then, advice=advice)
    assert [w.split(" give")[0] for w in _warnings(flow)] == ["8: options 'ja' and 'nei' of question 'sosialhjelp'"]


def test_options_that_only_change_the_order_of_the_advice_are_not_the_same():
    question = Question("mal", QuestionKind.SINGLE, _placed("nav", "kommunen"))
    advice = (AdviceBlock("kommunen"), AdviceBlock("nav", first_when=Equals("mal", "nav")))
    assert _warnings(_flow(question, advice=advice)) == []


def test_options_that_lead_to_different_questions_are_not_the_same():
    question = Question("a", QuestionKind.SINGLE, _placed("x", "y"), (Rule("c", Equals("a", "x")),))
    flow = _flow(
        question,
        Question("b", QuestionKind.SINGLE, _placed("ja", "nei"), (Rule(RESULT),)),
        Question("c", QuestionKind.SINGLE, _placed("ja", "nei")),
        advice=(AdviceBlock("alle"), AdviceBlock("b-ja", Equals("b", "ja")), AdviceBlock("c-ja", Equals("c", "ja"))),
    )
    assert _warnings(flow) == []


BARRIERS = Question(
    "hindringer", QuestionKind.MULTIPLE, _placed("penger", "finne", "trygg", "ingen", exclusive=("ingen",))
)


def test_a_multiple_choice_option_no_condition_names_is_reported():
    advice = (AdviceBlock("nav", Equals("hindringer", "penger")), AdviceBlock("start", Equals("hindringer", "trygg")))
    flow = _flow(BARRIERS, advice=(AdviceBlock("alle"), *advice))
    assert _warnings(flow) == [
        "8: ticking option 'finne' of question 'hindringer' never changes the route or the advice "
        "(remove it, or let a condition use it)"
    ]


def test_an_option_that_matters_only_when_ticked_alone_is_not_reported():
    """With `penger` or `trygg` ticked, `finne` adds nothing; ticked alone, it alone shows "finn"."""
    advice = (
        AdviceBlock("finn", AnyOf("hindringer", ("finne", "penger", "trygg"))),
        AdviceBlock("nav", Equals("hindringer", "penger")),
        AdviceBlock("start", Equals("hindringer", "trygg")),
        AdviceBlock("ingen", Equals("hindringer", "ingen")),
    )
    assert _warnings(_flow(BARRIERS, advice=advice)) == []


def test_an_option_named_only_by_a_rule_that_goes_where_the_flow_goes_anyway_is_reported():
    question = dataclasses.replace(BARRIERS, rules=(Rule(RESULT, Equals("hindringer", "finne")),))
    advice = (
        AdviceBlock("alle"),
        AdviceBlock("nav", Equals("hindringer", "penger")),
        AdviceBlock("start", Equals("hindringer", "trygg")),
    )
    assert [w.split(" never")[0] for w in _warnings(_flow(question, advice=advice))] == [
        "8: ticking option 'finne' of question 'hindringer'"
    ]


def test_an_exclusive_option_that_gives_what_another_option_alone_gives_is_reported_unless_declared():
    advice = (
        AdviceBlock("alle"),
        AdviceBlock("stotte", AnyOf("hindringer", ("penger", "ingen"))),
        AdviceBlock("finn", Equals("hindringer", "finne")),
        AdviceBlock("start", Equals("hindringer", "trygg")),
    )
    assert [w.split(" give")[0] for w in _warnings(_flow(BARRIERS, advice=advice))] == [
        "10: options 'penger' and 'ingen' of question 'hindringer'"
    ]
    declared = dataclasses.replace(BARRIERS, same=(frozenset({"penger", "ingen"}),))
    assert _warnings(_flow(declared, advice=advice)) == []


def test_a_municipality_question_is_never_reported():
    question = Question("kommune", QuestionKind.MUNICIPALITY, options("0301", "4601", "5612"))
    assert _warnings(_flow(question, advice=(AdviceBlock("alle"),))) == []


def test_advice_whose_first_when_holds_leads_the_result_in_the_flows_order():
    flow = _flow(
        Question("mal", QuestionKind.MULTIPLE, options("barn", "nav", "kommunen")),
        advice=(
            AdviceBlock("kontaktperson"),
            AdviceBlock("barn", Equals("mal", "barn"), first_when=Equals("mal", "barn")),
            AdviceBlock("nav", Equals("mal", "nav"), first_when=Equals("mal", "nav")),
            AdviceBlock("lokaler", first_when=Equals("mal", "kommunen")),
        ),
    )
    shown = {values: [b.id for b in flow.advice_for({"mal": values})] for values in [("barn",), ("nav", "kommunen")]}
    assert shown == {
        ("barn",): ["barn", "kontaktperson", "lokaler"],
        ("nav", "kommunen"): ["nav", "lokaler", "kontaktperson"],
    }


INTEREST = Question(
    "interesse",
    QuestionKind.SINGLE,
    _placed("idrett", "musikk", "annet"),
    lists=(("idrett", "sport"), ("musikk", "culture"), ("annet", "youth")),
)


def test_options_that_pick_different_lists_are_not_the_same():
    """No condition names `interesse`, but each answer picks another list for the result."""
    assert _warnings(_flow(INTEREST, advice=(AdviceBlock("alle"),))) == []


def test_options_that_pick_the_same_list_and_the_same_advice_are_the_same():
    question = dataclasses.replace(INTEREST, lists=(("idrett", "sport"), ("musikk", "culture"), ("annet", "culture")))
    assert [w.split(" give")[0] for w in _warnings(_flow(question, advice=(AdviceBlock("alle"),)))] == [
        "9: options 'musikk' and 'annet' of question 'interesse'"
    ]


def test_an_option_without_a_list_is_the_same_as_another_without_one():
    question = dataclasses.replace(INTEREST, lists=(("idrett", "sport"),))
    assert [w.split(" give")[0] for w in _warnings(_flow(question, advice=(AdviceBlock("alle"),)))] == [
        "9: options 'musikk' and 'annet' of question 'interesse'"
    ]


def test_a_multiple_choice_option_that_picks_a_list_changes_something():
    question = dataclasses.replace(BARRIERS, lists=(("finne", "clubs"),))
    advice = (
        AdviceBlock("alle"),
        AdviceBlock("nav", Equals("hindringer", "penger")),
        AdviceBlock("start", Equals("hindringer", "trygg")),
        AdviceBlock("ingen", Equals("hindringer", "ingen")),
    )
    assert _warnings(_flow(question, advice=advice)) == []
    assert question.lists_for(("penger", "finne")) == ("clubs",)
