"""Static checks of a flow: every mistake an editor can make in its structure, with its location.

Structural checks come first (duplicates, unknown names, loops). Only a flow that passes them is
walked path by path, to find questions never asked, advice never shown and results with no advice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from veileder.engine.conditions import Condition
from veileder.engine.model import RESULT, Flow, Location, Question, QuestionKind
from veileder.engine.paths import Path, enumerate_paths

#: More paths than this is treated as a mistake: the checker and the path listing would crawl.
MAX_PATHS = 20_000

#: How many "ends with no advice" paths to list before summarising the rest.
MAX_LISTED_PATHS = 5


@dataclass(frozen=True, order=True)
class Problem:
    """A mistake in the content, where it was written, in words an editor understands."""

    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def check_flow(flow: Flow, reserved_ids: Iterable[str] = ()) -> list[Problem]:
    """Every problem in `flow`. `reserved_ids` are words the site uses for its own pages."""
    problems = list(_structure(flow, set(reserved_ids)))
    if problems:
        return problems
    problems = list(_loops(flow))
    if problems:
        return problems
    return list(_walk(flow))


def _structure(flow: Flow, reserved: set[str]) -> Iterator[Problem]:
    if not flow.questions:
        yield Problem(flow.where, "the role has no questions")
    if not flow.advice:
        yield Problem(flow.where, "the role has no advice")
    yield from _duplicates(flow)
    for question in flow.questions:
        if question.id in reserved or question.id == RESULT:
            yield Problem(question.where, f"'{question.id}' cannot be a question id: the site uses that word itself")
        yield from _options(question)
        for rule in question.rules:
            if rule.target != RESULT and flow.question(rule.target) is None:
                yield Problem(rule.where, f"goto names '{rule.target}', which is not a question in this role")
            if rule.condition is not None:
                yield from _condition_names(flow, rule.condition)
    for block in flow.advice:
        for condition in (block.condition, block.first_when):
            if condition is not None:
                yield from _condition_names(flow, condition)


def _duplicates(flow: Flow) -> Iterator[Problem]:
    for kind, items in (("question", flow.questions), ("advice", flow.advice)):
        first: dict[str, Location] = {}
        for item in items:
            if item.id in first:
                yield Problem(item.where, f"{kind} id '{item.id}' is used twice (first at line {first[item.id].line})")
            first.setdefault(item.id, item.where)


def _options(question: Question) -> Iterator[Problem]:
    if question.kind is not QuestionKind.MUNICIPALITY and len(question.options) < 2:
        yield Problem(question.where, f"question '{question.id}' needs at least two options")
    first: dict[str, Location] = {}
    for option in question.options:
        if option.id in first:
            yield Problem(option.where, f"option '{option.id}' is listed twice in question '{question.id}'")
        first.setdefault(option.id, option.where)
        if option.exclusive and not question.kind.takes_many:
            yield Problem(option.where, f"only a multiple-choice question can have exclusive options ('{option.id}')")


def _condition_names(flow: Flow, condition: Condition) -> Iterator[Problem]:
    for leaf in condition.leaves():
        question = flow.question(leaf.question)
        if question is None:
            yield Problem(leaf.where, f"the condition names question '{leaf.question}', which is not in this role")
            continue
        for value in leaf.values:
            if question.option(value) is None:
                yield Problem(
                    leaf.where,
                    f"the condition names option '{value}', which question '{leaf.question}' does not have",
                )


def _loops(flow: Flow) -> Iterator[Problem]:
    """Find every edge that leads back to a question already on the way (depth-first search)."""
    state: dict[str, str] = {}  # question id -> "open" while on the stack, "done" after

    def visit(question_id: str, trail: list[str]) -> Iterator[Problem]:
        state[question_id] = "open"
        for target in flow.targets_after(question_id):
            if target == RESULT:
                continue
            if state.get(target) == "open":
                cycle = " → ".join([*trail[trail.index(target) :], question_id, target])
                yield Problem(
                    _edge_location(flow, question_id, target), f"loop: the questions can go round in a circle ({cycle})"
                )
            elif target not in state:
                yield from visit(target, [*trail, question_id])
        state[question_id] = "done"

    for question in flow.questions:
        if question.id not in state:
            yield from visit(question.id, [])


def _edge_location(flow: Flow, source: str, target: str) -> Location:
    question = flow.question(source)
    assert question is not None
    for rule in question.rules:
        if rule.target == target:
            return rule.where
    return question.where


def _walk(flow: Flow) -> Iterator[Problem]:
    paths = list(enumerate_paths(flow, limit=MAX_PATHS + 1))
    if len(paths) > MAX_PATHS:
        yield Problem(
            flow.where, f"the role has more than {MAX_PATHS} paths; use fewer options in multiple-choice questions"
        )
        return
    asked = {step.question for path in paths for step in path.steps}
    for question in flow.questions:
        if question.id not in asked:
            yield Problem(question.where, f"question '{question.id}' is never asked: no answers lead to it")
    shown = {advice_id for path in paths for advice_id in path.advice}
    for block in flow.advice:
        if block.id not in shown:
            yield Problem(block.where, f"advice '{block.id}' is never shown: no answers make its condition true")
    yield from _empty_results(flow, [path for path in paths if not path.advice])
    yield from _rules_on_unanswered(flow, paths)


def _empty_results(flow: Flow, empty: list[Path]) -> Iterator[Problem]:
    for path in empty[:MAX_LISTED_PATHS]:
        last = flow.question(path.steps[-1].question)
        where = last.where if last else flow.where
        answers = ", ".join(str(step) for step in path.steps)
        yield Problem(where, f"these answers end with no advice: {answers}")
    if len(empty) > MAX_LISTED_PATHS:
        yield Problem(flow.where, f"… and {len(empty) - MAX_LISTED_PATHS} more paths end with no advice")


def _rules_on_unanswered(flow: Flow, paths: list[Path]) -> Iterator[Problem]:
    """A rule can only look at answers given before its question; flag one that never can."""
    answered_before: dict[str, set[str]] = {}
    for path in paths:
        seen: set[str] = set()
        for step in path.steps:
            answered_before.setdefault(step.question, set()).update(seen | {step.question})
            seen.add(step.question)
    for question in flow.questions:
        for rule in question.rules:
            if rule.condition is None:
                continue
            for leaf in rule.condition.leaves():
                if leaf.question not in answered_before.get(question.id, set()):
                    yield Problem(
                        leaf.where,
                        f"the rule after '{question.id}' looks at '{leaf.question}', which is never answered before it",
                    )
