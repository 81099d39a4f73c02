"""The content book: one readable Markdown document per role and language, for reviewers.

It shows every question with its hint and options and where each leads (and the local list an
option chooses), and every advice block with its one-line action, its text and, in plain words, the
answers under which it shows. Texts are the Markdown the editors wrote, read from the files again:
the loaded content keeps only the rendered HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from veileder.content.explain import always, chain, clauses, words
from veileder.content.frontmatter import split_front_matter
from veileder.content.model import Content, Role, Translated
from veileder.content.yamlnodes import Mapping, Scalar
from veileder.engine.conditions import Condition
from veileder.engine.model import RESULT, Question, QuestionKind
from veileder.vocabulary import SOURCE_LANGUAGE

#: The command that writes the book, named in its documents.
BOOK_COMMAND = "flask --app veileder content book"


def _kind(kind: QuestionKind, lang: str) -> str:
    """How a question of `kind` is answered, as the book says it."""
    _ = words(lang)
    if kind is QuestionKind.SINGLE:
        return _("Choose one answer.")
    if kind is QuestionKind.MULTIPLE:
        return _("Tick one or more answers.")
    return _("Choose a municipality from the list of all municipalities.")


def book_name(role: Role, lang: str) -> str:
    return f"{role.id}.{lang}.md"


def write_book(content: Content, folder: Path, languages: tuple[str, ...]) -> list[Path]:
    """Write a document per role and language into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for role in content.roles.values():
        for lang in languages:
            path = folder / book_name(role, lang)
            path.write_text(role_book(content, role, lang), encoding="utf-8")
            written.append(path)
    return written


def role_book(content: Content, role: Role, lang: str) -> str:
    """The Markdown document for one role in one language."""
    return "\n".join(_Book(content, role, lang).lines()).rstrip("\n") + "\n"


class _Sources:
    """The Markdown source of a role's text files, from the language the loaded text came from."""

    def __init__(self, content: Content, role: Role) -> None:
        self.folder = content.directory / "roles" / role.id

    def read(self, lang: str, name: str) -> tuple[Mapping | None, str]:
        path = self.folder / lang / name
        parsed, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        if parsed is None:
            return None, ""
        return (parsed.front if isinstance(parsed.front, Mapping) else None), parsed.body

    def question(self, question_id: str, lang: str) -> tuple[str | None, dict[str, str], str]:
        """The hint, the hint of each option that has one, and the body."""
        front, body = self.read(lang, f"questions/{question_id}.md")
        values = front.values if front else {}
        option_hints = {}
        options = values.get("options")
        if isinstance(options, Mapping):
            for option_id, node in options.values.items():
                option_hint = node.values.get("hint") if isinstance(node, Mapping) else None
                if isinstance(option_hint, Scalar):
                    option_hints[option_id] = option_hint.value
        hint = values.get("hint")
        return (hint.value if isinstance(hint, Scalar) else None), option_hints, body


class _Book:
    def __init__(self, content: Content, role: Role, lang: str) -> None:
        self.role = role
        self.lang = lang
        self._ = words(lang)
        self.sources = _Sources(content, role)

    def source_lang(self, translated: Translated[object]) -> str:
        return SOURCE_LANGUAGE if translated.fallback else self.lang

    def note(self, translated: Translated[object]) -> str:
        _ = self._
        return " *(" + _("not translated yet, shown in bokmål") + ")*" if translated.fallback else ""

    def lines(self) -> Iterator[str]:
        _ = self._
        text = self.role.text(self.lang)
        intro = self.sources.read(self.source_lang(text), "role.md")[1]
        yield f"# {text.value.name}{self.note(text)}"
        yield ""
        yield _(
            "The content book for the role `%(role)s` in English, made by `%(command)s`.",
            role=self.role.id,
            command=BOOK_COMMAND,
        )
        yield ""
        yield f"*{text.value.summary}*"
        yield ""
        yield from _blocks(intro, shift=0)
        yield "## " + _("Questions")
        yield ""
        for number, question in enumerate(self.role.flow.questions, start=1):
            yield from self.question(number, question)
        yield "## " + _("Advice")
        yield ""
        yield _("The result page shows the advice in this order when the answers fit.")
        yield ""
        for number, block in enumerate(self.role.flow.advice, start=1):
            advice = self.role.advice_text(block.id, self.lang)
            body = self.sources.read(self.source_lang(advice), f"advice/{block.id}.md")[1]
            yield f"### {number}. {advice.value.title}{self.note(advice)}"
            yield ""
            yield f"`{block.id}`"
            yield ""
            yield f"*{_('What to do now')}:* {advice.value.action}"
            yield ""
            yield from self.shown_when(block.condition)
            yield from _blocks(body, shift=1)

    def question(self, number: int, question: Question) -> Iterator[str]:
        _ = self._
        text = self.role.question_text(question.id, self.lang)
        hint, option_hints, body = self.sources.question(question.id, self.source_lang(text))
        yield f"### {number}. {text.value.title}{self.note(text)}"
        yield ""
        yield f"`{question.id}` · {_kind(question.kind, self.lang)}"
        yield ""
        if hint:
            yield f"*{hint}*"
            yield ""
        yield from _blocks(body, shift=1)
        targets = self.option_targets(question)
        for option in question.options if question.kind is not QuestionKind.MUNICIPALITY else ():
            parts = [f"**{text.value.options[option.id].label}**"]
            if option.id in option_hints:
                parts.append(f"({option_hints[option.id]})")
            if option.exclusive:
                parts.append("– " + _("cannot be ticked together with other answers"))
            for name in question.lists_for((option.id,)):
                parts.append("– " + _("the result lists the municipality's organisations in “%(list)s”", list=name))
            if targets:
                parts.append("– " + _("on to %(target)s", target=self.target(targets[option.id])))
            yield "- " + " ".join(parts)
        if not targets:
            yield from self.rules(question)
        yield ""

    def option_targets(self, question: Question) -> dict[str, str]:
        """Where each option leads, when that depends on this question's answer alone (else empty)."""
        if question.kind is not QuestionKind.SINGLE:
            return {}
        for rule in question.rules:
            if rule.condition and any(leaf.question != question.id for leaf in rule.condition.leaves()):
                return {}
        flow = self.role.flow
        return {o.id: flow.next_after(question.id, {question.id: (o.id,)}) for o in question.options}

    def rules(self, question: Question) -> Iterator[str]:
        """Where the flow goes after a question whose answers combine: one line per rule."""
        _ = self._
        if question.kind is not QuestionKind.MUNICIPALITY:
            yield ""
        flow = self.role.flow
        if not question.rules or question.rules[0].condition is None:
            first = question.rules[0].target if question.rules else flow.default_next(question.id)
            yield _("Every answer goes on to %(target)s.", target=self.target(first))
            return
        yield _("Next") + ":"
        yield ""
        otherwise = flow.default_next(question.id)
        for rule in question.rules:
            if rule.condition is None:  # applies to every answer the rules above it did not take
                otherwise = rule.target
                break
            clause = chain(clauses(rule.condition, self.role, self.lang), self.lang)
            yield "- " + _("When %(clause)s: %(target)s", clause=clause, target=self.target(rule.target))
        yield "- " + _("Otherwise: %(target)s", target=self.target(otherwise))

    def target(self, target: str) -> str:
        _ = self._
        if target == RESULT:
            return _("the result")
        return f'"{self.role.question_text(target, self.lang).value.title}"'

    def shown_when(self, condition: Condition | None) -> Iterator[str]:
        _ = self._
        if condition is None:
            yield always(self.lang)
        else:
            found = clauses(condition, self.role, self.lang)
            if len(found) == 1:
                yield _("Shown when") + f": {found[0]}"
            else:
                yield _("Shown when all of these are true") + ":"
                yield ""
                yield from (f"- {clause}" for clause in found)
        yield ""


_HEADING = re.compile(r"^(#{1,5}) ")


def _blocks(markdown: str, shift: int) -> Iterator[str]:
    """The lines of an editor's Markdown, headings `shift` levels smaller, then a blank line."""
    if not markdown.strip():
        return
    for line in markdown.splitlines():
        yield _HEADING.sub(lambda m: "#" * (len(m.group(1)) + shift) + " ", line)
    yield ""
