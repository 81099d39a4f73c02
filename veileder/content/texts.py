"""Read the text files of one language: roles, questions, advice, site pages and link names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from markupsafe import Markup

from veileder.content.frontmatter import TextFile, split_front_matter
from veileder.content.markdown import checked_render, find_problems, render_inline
from veileder.content.reader import Reader
from veileder.content.yamlnodes import Mapping, Node, Scalar
from veileder.engine.model import Location, Question, QuestionKind

T = TypeVar("T")


@dataclass(frozen=True)
class RoleText:
    name: str
    summary: str
    intro: Markup


@dataclass(frozen=True)
class OptionText:
    label: str
    hint: Markup | None = None


@dataclass(frozen=True)
class QuestionText:
    title: str
    hint: Markup | None
    body: Markup
    options: dict[str, OptionText] = field(default_factory=dict)
    error: str | None = None  # the message when the question is not answered; a general one if None


@dataclass(frozen=True)
class AdviceText:
    title: str
    body: Markup
    #: The one-line action the result's "What to do now" list shows for the block, linking to it.
    action: str = ""


@dataclass(frozen=True)
class PageText:
    title: str
    body: Markup

    @property
    def lead(self) -> Markup | None:
        """The body's first paragraph, when it starts with one (the start page shows it above the roles).

        The renderer writes every paragraph as `<p>…</p>` on its own and never passes raw HTML through,
        so the first `</p>` closes the first paragraph.
        """
        if not self.body.startswith("<p>"):
            return None
        return Markup(self.body[: self.body.index("</p>") + len("</p>")])

    @property
    def after_lead(self) -> Markup:
        """The body without its lead."""
        lead = self.lead
        return Markup(self.body[len(lead) :].lstrip()) if lead else self.body


@dataclass(frozen=True)
class LinkText:
    name: str
    description: str
    #: For a result with a municipality: what to do there, with {municipality} for its name.
    local: str | None = None

    def local_for(self, municipality: str) -> str | None:
        return self.local.replace(MUNICIPALITY_PLACEHOLDER, municipality) if self.local else None


MUNICIPALITY_PLACEHOLDER = "{municipality}"


@dataclass(frozen=True)
class ReadText:
    """A text file read and checked: its parts, its front matter and its body as HTML."""

    file: TextFile
    fields: Mapping
    html: Markup


def read_text_file(
    text: str, path: str, reader: Reader, required: tuple[str, ...], optional: tuple[str, ...], min_heading: int
) -> ReadText | None:
    """Parse a text file, check its front matter keys and its body; None when unusable."""
    parsed, problems = split_front_matter(text, path)
    reader.problems.extend(problems)
    if parsed is None:
        return None
    fields = reader.mapping(parsed.front, "the front matter", Location(path, 1), required, optional)
    html, body_problems = checked_render(parsed.body, min_heading)
    for problem in body_problems:
        reader.problem(Location(path, parsed.body_line + problem.line - 1), problem.message)
    if fields is None:
        return None
    return ReadText(parsed, fields, html)


def read_role_text(text: str, path: str, reader: Reader) -> RoleText | None:
    read = read_text_file(text, path, reader, ("name", "summary"), (), min_heading=2)
    if read is None:
        return None
    fields = read.fields
    name = reader.text(fields.values.get("name"), "name")
    summary = reader.text(fields.values.get("summary"), "summary")
    if name is None or summary is None:
        return None
    return RoleText(name, summary, read.html)


def read_question_text(text: str, path: str, reader: Reader, question: Question) -> QuestionText | None:
    has_options = question.kind is not QuestionKind.MUNICIPALITY
    required = ("title", "options") if has_options else ("title",)
    read = read_text_file(text, path, reader, required, ("hint", "error"), min_heading=3)
    if read is None:
        return None
    fields = read.fields
    title = reader.text(fields.values.get("title"), "title")
    hint = _optional_inline(reader, fields.values.get("hint"), "hint")
    error = reader.text(fields.values.get("error"), "error")
    options = _option_texts(reader, fields, question) if has_options else {}
    if title is None or options is None:
        return None
    return QuestionText(title, hint, read.html, options, error)


def _option_texts(reader: Reader, fields: Mapping, question: Question) -> dict[str, OptionText] | None:
    node = fields.values.get("options")
    if node is None:
        return None
    if not isinstance(node, Mapping):
        reader.problem(node.where, "options should list each option id with its label, like  ja: Ja")
        return None
    texts: dict[str, OptionText] = {}
    for option_id, value in node.values.items():
        if question.option(option_id) is None:
            reader.problem(
                node.keys[option_id],
                f"option '{option_id}' is not an option of question '{question.id}' in flow.yaml",
            )
            continue
        label = _option_text(reader, value, option_id)
        if label is not None:
            texts[option_id] = label
    for option in question.options:
        if option.id not in node.values:
            reader.problem(node.where, f"option '{option.id}' has no label here")
    return texts if len(texts) == len(question.options) else None


def _option_text(reader: Reader, node: Node, option_id: str) -> OptionText | None:
    if isinstance(node, Scalar):
        label = reader.text(node, f"the label of '{option_id}'")
        return OptionText(label) if label else None
    fields = reader.mapping(node, f"option '{option_id}'", node.where, ("label",), ("hint",))
    if fields is None:
        return None
    label = reader.text(fields.values.get("label"), f"the label of '{option_id}'")
    hint = _optional_inline(reader, fields.values.get("hint"), f"the hint of '{option_id}'")
    return OptionText(label, hint) if label else None


#: The longest an advice block's `action` may be: one line in the result's list, also on a phone.
MAX_ACTION = 100
#: What makes an action more than plain text: a link, emphasis, code or HTML.
_MARKUP = re.compile(r"\]\(|\*\*|__|`|<|https?://")


def read_advice_text(text: str, path: str, reader: Reader) -> AdviceText | None:
    read = read_text_file(text, path, reader, ("title", "action"), (), min_heading=3)
    if read is None:
        return None
    title = reader.text(read.fields.values.get("title"), "title")
    action = _action(reader, read.fields.values.get("action"))
    if not read.file.body.strip():
        reader.problem(Location(path, read.file.body_line), "the text is empty: write it below the second '---' line")
        return None
    if title is None or action is None:
        return None
    return AdviceText(title, read.html, action)


def _action(reader: Reader, node: Node | None) -> str | None:
    """The block's one-line action: plain text, one line, at most MAX_ACTION characters."""
    value = reader.text(node, "action")
    if value is None or node is None:
        return None
    if "\n" in value:
        reader.problem(node.where, "the action must be one line: write it on the line after 'action:'")
        return None
    if len(value) > MAX_ACTION:
        reader.problem(
            node.where, f"the action is {len(value)} characters long; keep it to one line of at most {MAX_ACTION}"
        )
        return None
    if _MARKUP.search(value):
        reader.problem(
            node.where, "the action is plain text shown as a link to the advice: no links, addresses or formatting"
        )
        return None
    return value


def read_page_text(text: str, path: str, reader: Reader) -> PageText | None:
    return _titled(text, path, reader, PageText, min_heading=2)


def _titled(text: str, path: str, reader: Reader, make: Callable[[str, Markup], T], min_heading: int) -> T | None:
    read = read_text_file(text, path, reader, ("title",), (), min_heading)
    if read is None:
        return None
    title = reader.text(read.fields.values.get("title"), "title")
    if title is None:
        return None
    if not read.file.body.strip():
        reader.problem(Location(path, read.file.body_line), "the text is empty: write it below the second '---' line")
        return None
    return make(title, read.html)


def read_link_texts(text: str, path: str, reader: Reader) -> dict[str, LinkText]:
    read = read_text_file(text, path, reader, ("links",), (), min_heading=2)
    if read is None:
        return {}
    fields = read.fields
    node = fields.values.get("links")
    if not isinstance(node, Mapping):
        if node is not None:
            reader.problem(node.where, "links should list each link id with its name and description")
        return {}
    texts = {}
    for link_id, value in node.values.items():
        entry = reader.mapping(value, f"link '{link_id}'", node.keys[link_id], ("name", "description"), ("local",))
        if entry is None:
            continue
        name = reader.text(entry.values.get("name"), "name")
        description = reader.text(entry.values.get("description"), "description")
        local = reader.text(entry.values.get("local"), "local")
        if local is not None and local.replace(MUNICIPALITY_PLACEHOLDER, "").count("{"):
            reader.problem(entry.values["local"].where, "the only word in braces allowed here is {municipality}")
        if name and description:
            texts[link_id] = LinkText(name, description, local)
    return texts


def _optional_inline(reader: Reader, node: Node | None, what: str) -> Markup | None:
    value = reader.text(node, what)
    if value is None or node is None:
        return None
    for problem in find_problems(value):
        reader.problem(Location(node.where.path, node.where.line + problem.line - 1), problem.message)
    return render_inline(value)
