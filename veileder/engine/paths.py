"""Enumerate every path through a flow: each distinct way of answering, and the advice it gets.

Options that no condition mentions cannot change where a flow goes or what advice it gives, so
they are grouped: one stands for all of them (shown as "any other"). This keeps a municipality
question (357 options) to one branch unless a condition names a municipality.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from veileder.engine.model import RESULT, Flow, Question


@dataclass(frozen=True)
class Step:
    """One answered question on a path. `others` means the answer stands for any unmentioned option."""

    question: str
    values: tuple[str, ...]
    others: bool = False

    def __str__(self) -> str:
        shown = [*self.values[:-1], "*"] if self.others else list(self.values)
        return f"{self.question}={','.join(shown)}"


@dataclass(frozen=True)
class Path:
    """A finished way through a flow and the advice ids it leads to."""

    steps: tuple[Step, ...]
    advice: tuple[str, ...]

    @property
    def answers(self) -> dict[str, tuple[str, ...]]:
        return {step.question: step.values for step in self.steps}

    def __str__(self) -> str:
        answers = " ".join(str(step) for step in self.steps)
        return f"{answers} -> {', '.join(self.advice) or '(no advice)'}"


class FlowShapeError(ValueError):
    """The flow loops or names a target that does not exist; run the static checks first."""


def referenced_options(flow: Flow) -> dict[str, set[str]]:
    """For each question, the option ids that some condition in the flow mentions."""
    mentioned: dict[str, set[str]] = {}
    conditions = [rule.condition for q in flow.questions for rule in q.rules]
    conditions += [block.condition for block in flow.advice]
    conditions += [block.first_when for block in flow.advice]
    for condition in conditions:
        if condition is None:
            continue
        for leaf in condition.leaves():
            mentioned.setdefault(leaf.question, set()).update(leaf.values)
    return mentioned


def answer_classes(question: Question, mentioned: set[str]) -> list[Step]:
    """One representative answer for each group of answers that conditions cannot tell apart."""
    named = [o.id for o in question.options if o.id in mentioned]
    unnamed = [o.id for o in question.options if o.id not in mentioned]
    if not question.kind.takes_many:
        steps = [Step(question.id, (value,)) for value in named]
        if unnamed:
            steps.append(Step(question.id, (unnamed[0],), others=len(unnamed) > 1))
        return steps
    exclusive = {o.id for o in question.options if o.exclusive}
    plain_named = [v for v in named if v not in exclusive]
    plain_unnamed = [v for v in unnamed if v not in exclusive]
    steps = []
    for size in range(len(plain_named) + 1):
        for chosen in combinations(plain_named, size):
            if chosen:
                steps.append(Step(question.id, chosen))
            if plain_unnamed:
                values = (*chosen, plain_unnamed[0])
                steps.append(Step(question.id, values, others=len(plain_unnamed) > 1))
    steps += [Step(question.id, (v,)) for v in named if v in exclusive]
    unnamed_exclusive = [v for v in unnamed if v in exclusive]
    if unnamed_exclusive:
        steps.append(Step(question.id, (unnamed_exclusive[0],), others=len(unnamed_exclusive) > 1))
    return steps


def enumerate_paths(flow: Flow, limit: int | None = None) -> Iterator[Path]:
    """Yield every path through `flow`, depth first, at most `limit` of them.

    Raises FlowShapeError on a loop or an unknown target.
    """
    mentioned = referenced_options(flow)
    classes = {q.id: answer_classes(q, mentioned.get(q.id, set())) for q in flow.questions}
    count = 0

    def walk(step: str, taken: tuple[Step, ...]) -> Iterator[Path]:
        nonlocal count
        answers = {s.question: s.values for s in taken}
        if step == RESULT:
            count += 1
            advice = tuple(block.id for block in flow.advice_for(answers))
            yield Path(taken, advice)
            return
        if step in answers:
            raise FlowShapeError(f"the flow returns to question '{step}'")
        if flow.question(step) is None:
            raise FlowShapeError(f"'{step}' is not a question in this flow")
        for answer in classes[step]:
            if limit is not None and count >= limit:
                return
            with_answer = {**answers, step: answer.values}
            yield from walk(flow.next_after(step, with_answer), (*taken, answer))

    yield from walk(flow.start, ())


def always_shown(flow: Flow, paths: list[Path]) -> tuple[str, ...]:
    """The advice ids that every one of `paths` shows, in the flow's order.

    Advice on this list reaches every visitor of the role, so its text must suit them all: an
    editor reads the list to find advice whose text talks about a case everyone gets.
    """
    if not paths:
        return ()
    common = set(paths[0].advice).intersection(*(path.advice for path in paths[1:]))
    return tuple(block.id for block in flow.advice if block.id in common)
