"""Answers in the query string: read them for a flow, and write them back into links.

The query string is the visitor's only state: `?alder=6-12&hindringer=penger&hindringer=utstyr`.
Keys are question ids; a multiple-choice answer repeats its key. Two more keys are the site's own
(see `veileder.vocabulary`): come back to the result after a change, and the content
version a result link was made with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from veileder.engine import Flow
from veileder.vocabulary import RETURN_KEY, RETURN_TO_RESULT

#: A visitor never needs more values than this for one question; more is someone poking.
MAX_VALUES_PER_QUESTION = 50

Query = list[tuple[str, str]]


def given_answers(args: MultiDict[str, str], flow: Flow) -> dict[str, list[str]]:
    """The values given for each of the flow's questions (other keys are ignored)."""
    given = {}
    for question in flow.questions:
        values = args.getlist(question.id)
        if values:
            given[question.id] = values[:MAX_VALUES_PER_QUESTION]
    return given


def valid_answers(flow: Flow, given: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """The given answers that are valid for their question, on the path or not."""
    valid = {}
    for question in flow.questions:
        values = tuple(given.get(question.id, ()))
        if question.is_valid_answer(values):
            valid[question.id] = values
    return valid


def answer_query(flow: Flow, answers: Mapping[str, Iterable[str]], *extra: tuple[str, str]) -> Query:
    """Query pairs for `answers`, in the flow's question order, followed by `extra`."""
    pairs = [(q.id, value) for q in flow.questions for value in answers.get(q.id, ())]
    return pairs + list(extra)


def with_query(url: str, pairs: Query) -> str:
    return f"{url}?{urlencode(pairs)}" if pairs else url


def returning(args: MultiDict[str, str]) -> tuple[tuple[str, str], ...]:
    """The `retur` pair to carry along, if the visitor came from the result to change an answer."""
    return ((RETURN_KEY, RETURN_TO_RESULT),) if args.get(RETURN_KEY) == RETURN_TO_RESULT else ()
