"""Find options that make no difference: the visitor answers, and nothing changes.

Two single-choice options make no difference when they give the same route and the same advice
(in the same order) on every path, whatever was answered before and is answered after. The flow
can declare such options as meant to be the same (`Question.same`): "don't know" treated as "no".

In a multiple-choice question an option makes no difference when ticking it never changes the
route or the advice, whatever else is ticked (ticking nothing else included). An exclusive option
("none of these") is an answer of its own, so it is compared like a single choice: with each other
option ticked alone.

An answer that picks another of the result's lists (`Question.lists`) makes a difference, even
when the route and the advice are the same.

These are warnings, not problems: the flow works, but a visitor answers for nothing. Run this only
on a flow that passes `check_flow`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from veileder.engine.checks import Problem
from veileder.engine.model import RESULT, Answers, Flow, Question, QuestionKind
from veileder.engine.paths import Path, Step, answer_classes, enumerate_paths, referenced_options

#: The steps taken after a question and the advice ids they end with.
Outcome = tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...]]

#: What one answer gives: the lists it picks, and every route and advice that can follow it.
After = tuple[tuple[str, ...], frozenset[Outcome]]

#: What one answer leads to in each context where its question is asked.
Signature = tuple[After, ...]


def dead_options(flow: Flow, paths: Sequence[Path] | None = None) -> list[Problem]:
    """A warning for each option of `flow` that makes no difference, at the option's line.

    `paths` are the flow's enumerated paths, when the caller has them already.
    """
    if paths is None:
        paths = list(enumerate_paths(flow))
    outcomes = _Outcomes(flow)
    warnings: list[Problem] = []
    for question in flow.questions:
        contexts = _contexts(paths, question.id)
        if question.kind is QuestionKind.MUNICIPALITY or not contexts:
            continue
        if question.kind.takes_many:
            warnings += _multiple(question, contexts, outcomes)
        else:
            warnings += _single(question, contexts, outcomes)
    return warnings


def _contexts(paths: Sequence[Path], question_id: str) -> list[Answers]:
    """Every distinct set of answers given before `question_id` on the way to it."""
    seen: dict[tuple[Step, ...], Answers] = {}
    for path in paths:
        for number, step in enumerate(path.steps):
            if step.question == question_id:
                before = path.steps[:number]
                seen.setdefault(before, {s.question: s.values for s in before})
                break
    return list(seen.values())


@dataclass
class _Outcomes:
    """Everything that can follow an answer: each later route with the advice it ends with."""

    flow: Flow
    classes: dict[str, list[Step]] = field(init=False)

    def __post_init__(self) -> None:
        mentioned = referenced_options(self.flow)
        self.classes = {q.id: answer_classes(q, mentioned.get(q.id, set())) for q in self.flow.questions}

    def after(self, answers: Answers, question_id: str, values: tuple[str, ...]) -> After:
        with_answer = {**answers, question_id: values}
        question = self.flow.question(question_id)
        picked = question.lists_for(values) if question is not None else ()
        return picked, frozenset(self._from(self.flow.next_after(question_id, with_answer), with_answer))

    def signature(self, contexts: list[Answers], question_id: str, values: tuple[str, ...]) -> Signature:
        """What the answer `values` leads to in each context, to compare answers by."""
        return tuple(self.after(answers, question_id, values) for answers in contexts)

    def _from(self, step: str, answers: Answers) -> Iterator[Outcome]:
        if step == RESULT:
            yield (), tuple(block.id for block in self.flow.advice_for(answers))
            return
        for answer in self.classes[step]:
            with_answer = {**answers, step: answer.values}
            for route, advice in self._from(self.flow.next_after(step, with_answer), with_answer):
                yield ((step, answer.values), *route), advice


def _single(question: Question, contexts: list[Answers], outcomes: _Outcomes) -> Iterator[Problem]:
    by_signature: dict[Signature, list[str]] = {}
    for option in question.options:
        by_signature.setdefault(outcomes.signature(contexts, question.id, (option.id,)), []).append(option.id)
    for alike in by_signature.values():
        for first, second in _undeclared_pairs(question, alike):
            yield _same_warning(question, first, second)


def _multiple(question: Question, contexts: list[Answers], outcomes: _Outcomes) -> Iterator[Problem]:
    mentioned = referenced_options(outcomes.flow).get(question.id, set()) | {option for option, _ in question.lists}
    plain = [option.id for option in question.options if not option.exclusive]
    dead = [option for option in plain if not _ticking_matters(question, option, plain, mentioned, contexts, outcomes)]
    for option in dead:
        where = question.option(option).where  # type: ignore[union-attr]
        message = (
            f"ticking option '{option}' of question '{question.id}' never changes the route or the advice "
            "(remove it, or let a condition use it)"
        )
        yield Problem(where, message)
    candidates = [option.id for option in question.options if option.id not in dead]
    signatures = {option: outcomes.signature(contexts, question.id, (option,)) for option in candidates}
    exclusive = [option.id for option in question.options if option.exclusive]
    for number, first in enumerate(candidates):
        for second in candidates[number + 1 :]:
            compared = first in exclusive or second in exclusive
            if compared and signatures[first] == signatures[second] and not question.meant_alike(first, second):
                yield _same_warning(question, first, second)


def _ticking_matters(
    question: Question,
    option: str,
    plain: list[str],
    mentioned: set[str],
    contexts: list[Answers],
    outcomes: _Outcomes,
) -> bool:
    """True when ticking `option` changes the route or the advice for some other ticks and context.

    Options that no condition mentions and that pick no list are invisible to the flow; "ticking
    nothing else" is the empty answer, which no condition counts as ticked.
    """
    if option not in mentioned:
        return False
    others = [other for other in plain if other != option and other in mentioned]
    order = {option_id: number for number, option_id in enumerate(question.option_ids)}
    for size in range(len(others) + 1):
        for chosen in combinations(others, size):
            with_option = tuple(sorted((*chosen, option), key=order.__getitem__))
            for answers in contexts:
                if outcomes.after(answers, question.id, chosen) != outcomes.after(answers, question.id, with_option):
                    return True
    return False


def _undeclared_pairs(question: Question, alike: list[str]) -> list[tuple[str, str]]:
    """Options that behave the same, grouped by what the flow declares; one pair per extra group."""
    groups: list[list[str]] = []
    for option in alike:
        group = next((g for g in groups if any(question.meant_alike(option, other) for other in g)), None)
        if group is None:
            groups.append([option])
        else:
            group.append(option)
    return [(groups[0][0], group[0]) for group in groups[1:]]


def _same_warning(question: Question, first: str, second: str) -> Problem:
    where = question.option(second).where  # type: ignore[union-attr]
    return Problem(
        where,
        f"options '{first}' and '{second}' of question '{question.id}' give the same route and the same advice "
        f"on every path (merge them, or write same: [{first}, {second}] if that is meant)",
    )
