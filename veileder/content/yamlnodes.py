"""Parse YAML into a small tree that remembers the line of every key and value.

PyYAML's composer gives nodes with marks; this turns them into three plain node types and keeps
every scalar as the text the editor wrote (so `no`, `0301` and `6-12` stay strings). Duplicate
keys, which PyYAML accepts silently, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from veileder.engine.checks import Problem
from veileder.engine.model import Location


@dataclass(frozen=True)
class Scalar:
    value: str
    where: Location


@dataclass(frozen=True)
class Sequence:
    items: tuple[Node, ...]
    where: Location


@dataclass(frozen=True)
class Mapping:
    """Keys in the order written; `keys` maps each key to where it was written."""

    values: dict[str, Node]
    keys: dict[str, Location]
    where: Location = field(compare=False)


Node = Scalar | Sequence | Mapping

#: libyaml's parser when PyYAML was built with it: ten times faster, the same nodes and marks. Its
#: error messages are vaguer, so a file it refuses is parsed again by PyYAML's own for the message.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KIND_NAMES = {Scalar: "a single value", Sequence: "a list", Mapping: "a set of keys"}


class YamlError(Exception):
    """The text is not valid YAML; carries the problem with its line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[Node | None, list[Problem]]:
    """Parse `text` (which starts at line `first_line` of `path`) into a node tree.

    Returns the tree (None for an empty document) and the problems found while building it.
    Raises YamlError when the text is not YAML at all.
    """
    try:
        node = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        node = _compose_for_the_message(text, path, first_line)
    if node is None:
        return None, []
    problems: list[Problem] = []
    return _convert(node, path, first_line, problems), problems


def _compose_for_the_message(text: str, path: str, first_line: int) -> yaml.Node | None:
    """Parse again with PyYAML's own parser, whose messages say what it found, and raise them."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise YamlError(_syntax_problem(error, path, first_line)) from None
    except yaml.YAMLError as error:
        raise YamlError(Problem(Location(path, first_line), f"this is not valid YAML: {error}")) from None


def _syntax_problem(error: yaml.MarkedYAMLError, path: str, first_line: int) -> Problem:
    """Name the line where the broken piece starts; PyYAML notices some mistakes lines later."""
    start = error.context_mark or error.problem_mark
    line = first_line + (start.line if start else 0)
    message = f"this is not valid YAML: {error.problem}"
    if error.context and error.context_mark:
        message = f"this is not valid YAML: {error.context}, {error.problem}"
    if error.problem_mark and start and error.problem_mark.line != start.line:
        message += f" (noticed at line {first_line + error.problem_mark.line})"
    return Problem(Location(path, line), message)


def _convert(node: yaml.Node, path: str, first_line: int, problems: list[Problem]) -> Node:
    where = Location(path, first_line + node.start_mark.line)
    if isinstance(node, yaml.ScalarNode):
        return Scalar(str(node.value), where)
    if isinstance(node, yaml.SequenceNode):
        return Sequence(tuple(_convert(item, path, first_line, problems) for item in node.value), where)
    assert isinstance(node, yaml.MappingNode)
    values: dict[str, Node] = {}
    keys: dict[str, Location] = {}
    for key_node, value_node in node.value:
        key_where = Location(path, first_line + key_node.start_mark.line)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(key_where, "a key must be a single word"))
            continue
        key = str(key_node.value)
        if key in values:
            problems.append(Problem(key_where, f"'{key}' is written twice (first at line {keys[key].line})"))
            continue
        values[key] = _convert(value_node, path, first_line, problems)
        keys[key] = key_where
    return Mapping(values, keys, where)


def describe(node: Node) -> str:
    """What kind of node this is, in words: for messages like "expected a list"."""
    return KIND_NAMES[type(node)]
