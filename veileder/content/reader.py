"""Read parsed YAML nodes against what a file may contain, collecting every problem on the way."""

from __future__ import annotations

import re
from difflib import get_close_matches

from veileder.content.yamlnodes import Mapping, Node, Scalar, Sequence, describe
from veileder.engine.checks import Problem
from veileder.engine.model import Location

#: Ids of roles, questions, options and advice: they appear in web addresses.
ID_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


class Reader:
    """Helpers that check one node each and note what is wrong instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, where: Location, message: str) -> None:
        self.problems.append(Problem(where, message))

    def mapping(
        self, node: Node | None, what: str, where: Location, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> Mapping | None:
        """`node` as a mapping with only the allowed keys; missing required keys are reported."""
        if node is None:
            self.problem(where, f"{what} is empty")
            return None
        if not isinstance(node, Mapping):
            self.problem(node.where, f"{what} should be a set of keys, not {describe(node)}")
            return None
        allowed = (*required, *optional)
        for key, key_where in node.keys.items():
            if key not in allowed:
                self.problem(key_where, _unknown_key(key, what, allowed))
        for key in required:
            if key not in node.values or _is_empty(node.values[key]):
                self.problem(node.where, f"{what} is missing '{key}'")
        return node

    def text(self, node: Node | None, what: str) -> str | None:
        """A non-empty single value."""
        if node is None:
            return None
        if not isinstance(node, Scalar):
            self.problem(node.where, f"{what} should be text, not {describe(node)}")
            return None
        value = node.value.strip()
        if not value:
            self.problem(node.where, f"{what} is empty")
            return None
        return value

    def ident(self, node: Node | None, what: str) -> str | None:
        """A single value that is a valid id."""
        value = self.text(node, what)
        if value is None:
            return None
        assert node is not None
        if not ID_PATTERN.fullmatch(value):
            self.problem(
                node.where,
                f"{what} '{value}' is not a valid id: use lower-case letters a-z, digits and hyphens",
            )
            return None
        return value

    def ident_list(self, node: Node | None, what: str) -> list[tuple[str, Location]]:
        """A list of ids, each with where it was written; a single id counts as a list of one."""
        if node is None:
            return []
        items = node.items if isinstance(node, Sequence) else (node,)
        if isinstance(node, Mapping):
            self.problem(node.where, f"{what} should be a list, not {describe(node)}")
            return []
        found = []
        for item in items:
            value = self.ident(item, what)
            if value is not None:
                found.append((value, item.where))
        return found

    def sequence(self, node: Node | None, what: str) -> tuple[Node, ...]:
        if node is None:
            return ()
        if not isinstance(node, Sequence):
            self.problem(node.where, f"{what} should be a list, not {describe(node)}")
            return ()
        return node.items

    def integer(self, node: Node | None, what: str) -> int | None:
        value = self.text(node, what)
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            assert node is not None
            self.problem(node.where, f"{what} should be a whole number, not '{value}'")
            return None


def _is_empty(node: Node) -> bool:
    return isinstance(node, Scalar) and not node.value.strip()


def _unknown_key(key: str, what: str, allowed: tuple[str, ...]) -> str:
    close = get_close_matches(key, allowed, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
    return f"unknown key '{key}' in {what} ({hint})"
