"""Replay a visitor's answers through a flow into a state: where they are and what applies.

The resolver walks from the first question. Each question on the way that has a valid answer is
kept and the walk moves on; the first question without one is the current question. Answers to
questions off the walked path are left out of the state, so changing an early answer keeps exactly
the later answers that still lie on the new path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from veileder.engine.model import RESULT, Answers, Flow


@dataclass(frozen=True)
class State:
    """The outcome of replaying answers: the path, the answers that apply, and what comes next."""

    flow: Flow
    path: tuple[str, ...]
    answers: Answers
    current: str | None

    @property
    def complete(self) -> bool:
        """True when every question on the path is answered and the result can be shown."""
        return self.current is None

    @property
    def lists(self) -> tuple[str, ...]:
        """The names of the lists the answers on the path pick (`Question.lists`), once each."""
        picked: dict[str, None] = {}
        for question_id in self.path:
            question = self.flow.question(question_id)
            if question is not None:
                picked.update(dict.fromkeys(question.lists_for(self.answers[question_id])))
        return tuple(picked)

    def answers_before(self, question_id: str) -> dict[str, tuple[str, ...]]:
        """The answers given before `question_id` on the path (all of them if it is not on it)."""
        kept: dict[str, tuple[str, ...]] = {}
        for step in self.path:
            if step == question_id:
                break
            kept[step] = self.answers[step]
        return kept

    def previous(self, question_id: str | None) -> str | None:
        """The question asked before `question_id` (or before the result, for None)."""
        steps = self.path if question_id is None else self.path[: self._index(question_id)]
        return steps[-1] if steps else None

    def number(self, question_id: str) -> int:
        """The 1-based position of `question_id` on the path, counting the current question."""
        return self._index(question_id) + 1

    def reaches(self, question_id: str) -> bool:
        """True when `question_id` is answered on the path or is the current question."""
        return question_id in self.path or question_id == self.current

    def _index(self, question_id: str) -> int:
        return self.path.index(question_id) if question_id in self.path else len(self.path)


def resolve(flow: Flow, given: Mapping[str, Sequence[str]]) -> State:
    """Replay `given` (question id -> chosen values, as submitted) through `flow`.

    Values that are not a valid answer to their question are treated as no answer; keys that
    name no question on the path are left out.
    """
    answers: dict[str, tuple[str, ...]] = {}
    path: list[str] = []
    step = flow.start
    while step != RESULT and step not in answers:
        question = flow.question(step)
        if question is None:
            # Checked content never gets here; stop rather than guess.
            break
        values = tuple(given.get(step, ()))
        if not question.is_valid_answer(values):
            return State(flow, tuple(path), answers, step)
        answers[step] = values
        path.append(step)
        step = flow.next_after(step, answers)
    return State(flow, tuple(path), answers, None)

