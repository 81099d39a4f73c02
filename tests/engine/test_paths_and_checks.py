"""Every path through a flow, and the static checks built on them."""

import dataclasses

import pytest

from tests.engine.flows import family_flow, options
from veileder.engine import RESULT, AdviceBlock, And, Equals, Flow, Question, QuestionKind, Rule, enumerate_paths
from veileder.engine.checks import check_flow


def test_every_path_is_enumerated_with_its_advice():
    paths = [str(path) for path in enumerate_paths(family_flow())]
    assert len(paths) == 10
    assert "alder=barn aktivitet=ja kommune=* -> finn-aktivitet, fortsett" in paths
    assert "alder=ungdom aktivitet=nei hindring=penger,utstyr kommune=* -> finn-aktivitet, spor-nav, fortsett" in paths
    assert "alder=barn aktivitet=nei hindring=ingen kommune=* -> finn-aktivitet" in paths


def test_a_named_municipality_gets_its_own_branch():
    flow = family_flow()
    flow = dataclasses.replace(flow, advice=(*flow.advice, AdviceBlock("oslo", Equals("kommune", "0301"))))
    municipalities = {path.answers["kommune"] for path in enumerate_paths(flow)}
    assert municipalities == {("0301",), ("4601",)}  # Oslo, and one stand-in for all the others


def test_the_family_flow_has_no_problems():
    assert check_flow(family_flow()) == []


ALWAYS = (AdviceBlock("alltid"),)


def _flow(*questions: Question, advice: tuple[AdviceBlock, ...] = ALWAYS) -> Flow:
    return Flow("test", tuple(questions), advice)


def _messages(flow: Flow, reserved=()) -> list[str]:
    return [problem.message for problem in check_flow(flow, reserved)]


@pytest.mark.parametrize(
    ("flow", "expected"),
    [
        (
            _flow(Question("a", QuestionKind.SINGLE, options("x", "y"), (Rule("b"),))),
            ["goto names 'b', which is not a question in this role"],
        ),
        (
            _flow(
                Question("a", QuestionKind.SINGLE, options("x", "y")),
                Question("b", QuestionKind.SINGLE, options("x", "y"), (Rule("a", Equals("b", "x")),)),
            ),
            ["loop: the questions can go round in a circle (a → b → a)"],
        ),
        (
            _flow(
                Question("a", QuestionKind.SINGLE, options("x", "y"), (Rule(RESULT),)),
                Question("b", QuestionKind.SINGLE, options("x", "y")),
            ),
            ["question 'b' is never asked: no answers lead to it"],
        ),
        (
            _flow(
                Question("a", QuestionKind.SINGLE, options("x", "y")),
                advice=(AdviceBlock("bare-x", Equals("a", "x")),),
            ),
            ["these answers end with no advice: a=y"],
        ),
        (
            _flow(
                Question("a", QuestionKind.SINGLE, options("x", "y")),
                advice=(AdviceBlock("alltid"), AdviceBlock("aldri", And((Equals("a", "x"), Equals("a", "y"))))),
            ),
            ["advice 'aldri' is never shown: no answers make its condition true"],
        ),
        (
            _flow(Question("a", QuestionKind.SINGLE, options("x", "y"), (Rule(RESULT, Equals("b", "x")),))),
            ["the condition names question 'b', which is not in this role"],
        ),
        (
            _flow(Question("a", QuestionKind.SINGLE, options("x", "y"), (Rule(RESULT, Equals("a", "z")),))),
            ["the condition names option 'z', which question 'a' does not have"],
        ),
        (
            _flow(
                Question("a", QuestionKind.SINGLE, options("x", "y")),
                Question("a", QuestionKind.SINGLE, options("x", "y")),
            ),
            ["question id 'a' is used twice (first at line 0)"],
        ),
        (
            _flow(Question("a", QuestionKind.SINGLE, options("x", "x"))),
            ["option 'x' is listed twice in question 'a'"],
        ),
        (
            _flow(Question("a", QuestionKind.SINGLE, options("x"))),
            ["question 'a' needs at least two options"],
        ),
        (
            _flow(
                Question("a", QuestionKind.SINGLE, options("x", "y"), (Rule("b", Equals("b", "x")),)),
                Question("b", QuestionKind.SINGLE, options("x", "y")),
            ),
            ["the rule after 'a' looks at 'b', which is never answered before it"],
        ),
    ],
    ids=lambda value: value[0][:40] if isinstance(value, list) else None,
)
def test_check_flow_finds_each_kind_of_mistake(flow, expected):
    assert _messages(flow) == expected


def test_reserved_words_cannot_be_question_ids():
    flow = _flow(Question("resultat", QuestionKind.SINGLE, options("x", "y")))
    assert _messages(flow, reserved={"resultat"}) == [
        "'resultat' cannot be a question id: the site uses that word itself"
    ]


def test_questions_left_gives_the_fewest_and_most_questions_to_the_result():
    from veileder.engine import questions_left

    assert questions_left(family_flow()) == {
        "alder": (3, 4),
        "aktivitet": (2, 3),
        "hindring": (2, 2),
        "kommune": (1, 1),
    }
