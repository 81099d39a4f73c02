"""The objects a flow is made of: questions, options, branching rules and advice blocks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from veileder.engine.conditions import Condition

#: The answers to a flow: question id -> the chosen option ids (one for single choice).
Answers = Mapping[str, tuple[str, ...]]

#: The target that ends the questions and shows the result.
RESULT = "result"


@dataclass(frozen=True)
class Location:
    """Where something was written, so that a problem can name the file and line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


NOWHERE = Location("<unknown>", 0)


class QuestionKind(Enum):
    """How a question is answered."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    MUNICIPALITY = "municipality"

    @property
    def takes_many(self) -> bool:
        return self is QuestionKind.MULTIPLE


@dataclass(frozen=True)
class Option:
    """One answer a visitor can choose. `exclusive` options cannot be combined with others."""

    id: str
    exclusive: bool = False
    where: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Rule:
    """Go to `target` when `condition` holds (always, when it is None)."""

    target: str
    condition: Condition | None = None
    where: Location = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Question:
    """A question, its options and where to go after it.

    `same` holds groups of option ids that the flow means to lead to the same result (such as a
    "don't know" treated as "no"), so that the dead-option check does not report them.

    `lists` pairs some option ids with the name of a list the result shows for that answer (such as
    the local organisations for a child's interest). The engine only carries the names: what a list
    holds is the web layer's business. An answer that picks another list makes a difference.
    """

    id: str
    kind: QuestionKind
    options: tuple[Option, ...]
    rules: tuple[Rule, ...] = ()
    where: Location = field(default=NOWHERE, compare=False)
    same: tuple[frozenset[str], ...] = ()
    lists: tuple[tuple[str, str], ...] = ()  # (option id, list name)
    # An index for lookups: a municipality question has hundreds of options.
    _by_id: dict[str, Option] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # setdefault: with a duplicated id (a content mistake) the first one counts.
        index: dict[str, Option] = {}
        for option in self.options:
            index.setdefault(option.id, option)
        object.__setattr__(self, "_by_id", index)

    def option(self, option_id: str) -> Option | None:
        return self._by_id.get(option_id)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    def is_valid_answer(self, values: tuple[str, ...]) -> bool:
        """True when `values` is a complete, allowed answer to this question."""
        if not values or len(set(values)) != len(values):
            return False
        if any(self.option(value) is None for value in values):
            return False
        if not self.kind.takes_many:
            return len(values) == 1
        return len(values) == 1 or not any(self._by_id[value].exclusive for value in values)

    def lists_for(self, values: tuple[str, ...]) -> tuple[str, ...]:
        """The names of the lists the answer `values` picks, in the order of the options, once each."""
        named = dict(self.lists)
        return tuple(dict.fromkeys(named[value] for value in values if value in named))

    def meant_alike(self, first: str, second: str) -> bool:
        """True when the flow declares that `first` and `second` should give the same result."""
        return any(first in group and second in group for group in self.same)

    def rule_target(self, answers: Answers) -> str | None:
        """The target of the first rule that applies, or None when none does."""
        for rule in self.rules:
            if rule.condition is None or rule.condition.holds(answers):
                return rule.target
        return None


@dataclass(frozen=True)
class AdviceBlock:
    """A piece of advice, shown on the result when its condition holds.

    When `first_when` holds as well, the block moves up among the blocks that lead the result.
    """

    id: str
    condition: Condition | None = None
    where: Location = field(default=NOWHERE, compare=False)
    first_when: Condition | None = None

    def applies(self, answers: Answers) -> bool:
        return self.condition is None or self.condition.holds(answers)

    def leads(self, answers: Answers) -> bool:
        return self.first_when is not None and self.first_when.holds(answers)


@dataclass(frozen=True)
class Flow:
    """A role's questions in order (the first is asked first) and its advice in order."""

    role: str
    questions: tuple[Question, ...]
    advice: tuple[AdviceBlock, ...]
    where: Location = field(default=NOWHERE, compare=False)
    _by_id: dict[str, Question] = field(init=False, repr=False, compare=False)
    _position: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Question] = {}
        position: dict[str, int] = {}
        for number, question in enumerate(self.questions):
            index.setdefault(question.id, question)
            position.setdefault(question.id, number)
        object.__setattr__(self, "_by_id", index)
        object.__setattr__(self, "_position", position)

    @property
    def start(self) -> str:
        return self.questions[0].id if self.questions else RESULT

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def advice_for(self, answers: Answers) -> tuple[AdviceBlock, ...]:
        """The blocks whose condition holds, in the result's order.

        That is the order of the advice list, except that blocks whose `first_when` holds come
        before all others (keeping their own order): the answers decide which advice leads.
        """
        shown = [block for block in self.advice if block.applies(answers)]
        return tuple(sorted(shown, key=lambda block: not block.leads(answers)))

    def default_next(self, question_id: str) -> str:
        """The question written after this one, or the result after the last."""
        position = self._position[question_id] + 1
        return self.questions[position].id if position < len(self.questions) else RESULT

    def next_after(self, question_id: str, answers: Answers) -> str:
        """Where the flow goes after `question_id`, given the answers so far."""
        target = self._by_id[question_id].rule_target(answers)
        return self.default_next(question_id) if target is None else target

    def targets_after(self, question_id: str) -> tuple[str, ...]:
        """Every place the flow could go after `question_id`, ignoring conditions."""
        question = self._by_id[question_id]
        targets = [rule.target for rule in question.rules]
        if all(rule.condition is not None for rule in question.rules):
            targets.append(self.default_next(question_id))
        return tuple(dict.fromkeys(targets))
