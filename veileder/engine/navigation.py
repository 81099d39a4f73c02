"""Where a visitor is and where they can go: the page due, the way on, the way back, the progress.

A wizard page is a place: a question (its id) or the result (`RESULT`). `navigate` replays the
answers once and says everything a page needs to link onwards; the web layer only turns the places
it names into addresses. The last answer leads straight to the result, which lists the answers with
a way to change each (there is no separate check-your-answers page: nothing is sent anywhere, so a
result is as easy to change as a check page would be, and one page view nearer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from veileder.engine.model import RESULT, Flow
from veileder.engine.progress import questions_left
from veileder.engine.resolver import State, resolve


@dataclass(frozen=True)
class Progress:
    """"Question `number` of `total`" (of about `total`, when branches ahead differ in length)."""

    number: int
    total: int
    approximate: bool


@dataclass(frozen=True)
class Navigation:
    """The outcome of `navigate` for one page."""

    state: State
    #: The place to show instead, when the answers do not reach this one yet; None when they do.
    due: str | None
    #: Where an accepted answer here leads: the next question, or RESULT.
    onward: str
    #: The place before this one; None before the first question (the web layer's start page).
    back: str | None
    #: For a question: how far along the visitor is. None on the result.
    progress: Progress | None


def navigate(
    flow: Flow,
    given: Mapping[str, Sequence[str]],
    here: str,
    *,
    returning: bool = False,
    bounds: Mapping[str, tuple[int, int]] | None = None,
) -> Navigation:
    """Navigation for the page `here` (a question id or RESULT) with the answers `given`.

    `returning`: the visitor came from the result to change an answer, and goes back to it as soon
    as the path is complete again. `bounds` are `questions_left(flow)`, when already known.
    """
    state = resolve(flow, given)
    due_now = state.current if state.current is not None else RESULT
    if here == RESULT:
        return Navigation(state, None if state.complete else due_now, RESULT, state.previous(None), None)
    target = flow.next_after(here, state.answers)
    onward = due_now if target == RESULT or returning else target
    low, high = (bounds if bounds is not None else questions_left(flow))[here]
    number = state.number(here)
    progress = Progress(number, number - 1 + high, low != high)
    due = None if state.reaches(here) else due_now
    return Navigation(state, due, onward, state.previous(here), progress)
