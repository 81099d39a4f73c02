"""How many questions can still come: for "question 3 of 5" on a branching flow."""

from __future__ import annotations

from functools import cache

from veileder.engine.model import RESULT, Flow


def questions_left(flow: Flow) -> dict[str, tuple[int, int]]:
    """For each question, the fewest and most questions from it to the result, itself included.

    Conditions are ignored, so the bounds may be wider than any real path; the flow must be
    free of loops (the checks ensure it).
    """

    @cache
    def bounds(question_id: str) -> tuple[int, int]:
        after = [(0, 0) if t == RESULT else bounds(t) for t in flow.targets_after(question_id)]
        return 1 + min(low for low, _ in after), 1 + max(high for _, high in after)

    return {question.id: bounds(question.id) for question in flow.questions}
