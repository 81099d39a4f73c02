"""Conditions are a small vocabulary; each word is checked against answers here."""

import pytest

from veileder.engine import And, AnyOf, Equals, Not, Or

ANSWERS = {"alder": ("barn",), "hindring": ("penger", "utstyr")}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (Equals("alder", "barn"), True),
        (Equals("alder", "ungdom"), False),
        (Equals("hindring", "utstyr"), True),  # multiple choice: one of the ticked options
        (Equals("kommune", "0301"), False),  # a question with no answer is never equal
        (AnyOf("alder", ("ungdom", "barn")), True),
        (AnyOf("hindring", ("ingen",)), False),
        (AnyOf("hindring", ("ingen", "penger")), True),
        (And((Equals("alder", "barn"), Equals("hindring", "penger"))), True),
        (And((Equals("alder", "barn"), Equals("hindring", "ingen"))), False),
        (Or((Equals("alder", "ungdom"), Equals("hindring", "ingen"))), False),
        (Or((Equals("alder", "ungdom"), Equals("hindring", "penger"))), True),
        (Not(Equals("alder", "barn")), False),
        (Not(Equals("kommune", "0301")), True),  # "not" about an unanswered question holds
        (Not(Or((Equals("alder", "ungdom"), Not(Equals("hindring", "penger"))))), True),
    ],
    ids=str,
)
def test_condition_holds(condition, expected):
    assert condition.holds(ANSWERS) is expected


def test_leaves_name_every_question_and_option_a_condition_looks_at():
    condition = And((Equals("alder", "barn"), Not(Or((AnyOf("hindring", ("penger", "utstyr")),)))))
    assert [(leaf.question, leaf.values) for leaf in condition.leaves()] == [
        ("alder", ("barn",)),
        ("hindring", ("penger", "utstyr")),
    ]
