"""Navigation: the page due, where an answer leads, the way back and the progress, from the answers alone."""

import pytest

from tests.engine.flows import family_flow
from veileder.engine import RESULT, Progress, navigate, questions_left

FLOW = family_flow()
CHILD_ACTIVE = {"alder": ["barn"], "aktivitet": ["ja"]}
COMPLETE = {**CHILD_ACTIVE, "kommune": ["5612"]}


def test_the_first_question_has_no_question_before_it_and_counts_the_longest_way_ahead():
    first = navigate(FLOW, {}, "alder")
    assert first.due is None
    assert first.back is None  # the start page, where the role was chosen
    # alder, aktivitet, then either kommune (3) or hindring and kommune (4)
    assert first.progress == Progress(number=1, total=4, approximate=True)


def test_a_question_the_answers_do_not_reach_yet_sends_the_visitor_to_the_one_that_is_due():
    assert navigate(FLOW, {"alder": ["barn"]}, "kommune").due == "aktivitet"
    assert navigate(FLOW, CHILD_ACTIVE, "hindring").due == "kommune"  # "ja" skips the barriers


def test_an_answered_question_on_the_path_can_be_shown_again():
    again = navigate(FLOW, COMPLETE, "aktivitet")
    assert again.due is None
    assert again.back == "alder"
    assert again.progress == Progress(number=2, total=4, approximate=True)


@pytest.mark.parametrize(
    ("given", "here", "onward"),
    [
        ({"alder": ["barn"]}, "alder", "aktivitet"),
        ({"alder": ["barn"], "aktivitet": ["nei"]}, "aktivitet", "hindring"),
        (CHILD_ACTIVE, "aktivitet", "kommune"),
        (COMPLETE, "kommune", RESULT),  # the last answer leads to the result
        # going back and answering again steps to the next question, even when it is answered
        (COMPLETE, "alder", "aktivitet"),
    ],
)
def test_an_accepted_answer_leads_to_the_next_question_or_the_result(given, here, onward):
    assert navigate(FLOW, given, here).onward == onward


def test_a_visitor_changing_an_answer_from_the_result_goes_back_to_it_when_the_path_is_complete():
    assert navigate(FLOW, COMPLETE, "alder", returning=True).onward == RESULT


def test_a_changed_answer_that_opens_a_new_branch_asks_its_new_question_first_even_when_returning():
    changed = {**COMPLETE, "aktivitet": ["nei"]}
    assert navigate(FLOW, changed, "aktivitet", returning=True).onward == "hindring"


def test_the_result_is_due_only_when_every_question_on_the_path_is_answered_and_goes_back_to_the_last():
    assert navigate(FLOW, CHILD_ACTIVE, RESULT).due == "kommune"
    result = navigate(FLOW, COMPLETE, RESULT)
    assert (result.due, result.back, result.progress) == (None, "kommune", None)


def test_progress_counts_the_answered_questions_and_the_fewest_or_most_still_to_come():
    on_short_branch = navigate(FLOW, CHILD_ACTIVE, "kommune")
    assert on_short_branch.progress == Progress(number=3, total=3, approximate=False)
    on_long_branch = navigate(FLOW, {"alder": ["barn"], "aktivitet": ["nei"]}, "hindring")
    assert on_long_branch.progress == Progress(number=3, total=4, approximate=False)


def test_known_bounds_give_the_same_navigation():
    assert navigate(FLOW, CHILD_ACTIVE, "kommune", bounds=questions_left(FLOW)) == navigate(FLOW, CHILD_ACTIVE, "kommune")
