"""Conditions over answers: a small vocabulary of data, never code.

`Equals` and `AnyOf` look at one question's answer; `And`, `Or` and `Not` combine conditions.
A condition about a question that has no answer is false.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from veileder.engine.model import NOWHERE, Answers, Location


class Condition(Protocol):
    """Something that is true or false for a set of answers."""

    # Read-only, as in the frozen dataclasses below: a plain attribute here would demand that
    # every condition let it be assigned, which none of them does.
    @property
    def where(self) -> Location: ...

    def holds(self, answers: Answers) -> bool: ...

    def leaves(self) -> Iterator[OptionTest]: ...


@dataclass(frozen=True)
class OptionTest:
    """Base of the two conditions that look at one question's answer."""

    question: str
    values: tuple[str, ...]
    where: Location = field(default=NOWHERE, compare=False)

    def holds(self, answers: Answers) -> bool:
        chosen = answers.get(self.question, ())
        return any(value in chosen for value in self.values)

    def leaves(self) -> Iterator[OptionTest]:
        yield self


class Equals(OptionTest):
    """The answer is `value` (for multiple choice: `value` is among the chosen)."""

    def __init__(self, question: str, value: str, where: Location = NOWHERE) -> None:
        super().__init__(question, (value,), where)

    def __str__(self) -> str:
        return f"{self.question} = {self.values[0]}"


class AnyOf(OptionTest):
    """The answer is one of `values` (for multiple choice: at least one of them is chosen)."""

    def __str__(self) -> str:
        return f"{self.question} in ({', '.join(self.values)})"


@dataclass(frozen=True)
class And:
    """Every one of `items` holds."""

    items: tuple[Condition, ...]
    where: Location = field(default=NOWHERE, compare=False)

    def holds(self, answers: Answers) -> bool:
        return all(item.holds(answers) for item in self.items)

    def leaves(self) -> Iterator[OptionTest]:
        for item in self.items:
            yield from item.leaves()

    def __str__(self) -> str:
        return "(" + " and ".join(str(item) for item in self.items) + ")"


@dataclass(frozen=True)
class Or:
    """At least one of `items` holds."""

    items: tuple[Condition, ...]
    where: Location = field(default=NOWHERE, compare=False)

    def holds(self, answers: Answers) -> bool:
        return any(item.holds(answers) for item in self.items)

    def leaves(self) -> Iterator[OptionTest]:
        for item in self.items:
            yield from item.leaves()

    def __str__(self) -> str:
        return "(" + " or ".join(str(item) for item in self.items) + ")"


@dataclass(frozen=True)
class Not:
    """`item` does not hold."""

    item: Condition
    where: Location = field(default=NOWHERE, compare=False)

    def holds(self, answers: Answers) -> bool:
        return not self.item.holds(answers)

    def leaves(self) -> Iterator[OptionTest]:
        yield from self.item.leaves()

    def __str__(self) -> str:
        return f"not {self.item}"
