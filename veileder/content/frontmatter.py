"""Split a text file into its front matter (YAML between `---` lines) and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass

from veileder.content.yamlnodes import Node, YamlError, parse_yaml
from veileder.engine.checks import Problem
from veileder.engine.model import Location

FENCE = "---"


@dataclass(frozen=True)
class TextFile:
    """A parsed text file: its front matter, its body and the line the body starts on."""

    path: str
    front: Node | None
    body: str
    body_line: int


def split_front_matter(text: str, path: str) -> tuple[TextFile | None, list[Problem]]:
    """Parse `text`; a file that does not start with front matter is a problem."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, [Problem(Location(path, 1), "the file must start with a line '---' that opens the front matter")]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        return None, [Problem(Location(path, 1), "the front matter is not closed: add a line '---' after it")]
    try:
        front, problems = parse_yaml("\n".join(lines[1:end]), path, first_line=2)
    except YamlError as error:
        return None, [error.problem]
    body = "\n".join(lines[end + 1 :]).strip("\n")
    body_start = end + 2 + _leading_blank_lines(lines[end + 1 :])
    return TextFile(path, front, body, body_start), problems


def _leading_blank_lines(lines: list[str]) -> int:
    count = 0
    for line in lines:
        if line.strip():
            break
        count += 1
    return count
