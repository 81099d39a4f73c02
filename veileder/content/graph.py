"""A role's flow as a Mermaid flowchart: questions, the answers that lead on, the result and its advice.

Labels are in the language asked for (bokmål by default), with the content's texts and the
interface catalogs' words. Every label is quoted and escaped, so that any title or option label an
editor writes gives a valid diagram.
"""

from __future__ import annotations

from collections.abc import Iterator

from veileder.content.explain import chain, join, words
from veileder.content.model import Role
from veileder.engine.conditions import And, Condition, Not, OptionTest, Or
from veileder.engine.model import RESULT, Question, QuestionKind, Rule
from veileder.vocabulary import SOURCE_LANGUAGE

#: Option labels longer than this are cut at a word, so that the arrows stay readable.
MAX_LABEL = 40

#: Characters that Mermaid would read as syntax inside a label, as its entity codes.
_ESCAPES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "|": "#124;", "`": "#96;", ";": "#59;"}


def escape(text: str) -> str:
    """`text` safe inside a quoted Mermaid label: no quotes, no markup, on one line."""
    return "".join(_ESCAPES.get(char, char) for char in " ".join(text.split()))


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    """`text`, cut at the last whole word before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:")
    return cut + "…"


def node_id(target: str) -> str:
    """A Mermaid node id for a question id (ids may have hyphens, and "end" is a Mermaid keyword)."""
    return "result" if target == RESULT else "q_" + target.replace("-", "_")


def mermaid(role: Role, lang: str = SOURCE_LANGUAGE) -> str:
    """The flowchart for `role` in `lang`, as Mermaid source."""
    return "\n".join(_Diagram(role, lang).lines()) + "\n"


#: The command that writes the documents in docs/flows; their text and the test name it.
WRITE_COMMAND = "flask --app veileder content graph --write docs/flows"


def flow_document_name(role: Role, lang: str = SOURCE_LANGUAGE) -> str:
    return f"{role.id}.md" if lang == SOURCE_LANGUAGE else f"{role.id}.{lang}.md"


def flow_document(role: Role, lang: str = SOURCE_LANGUAGE) -> str:
    """The Markdown file for docs/flows: a heading and the flowchart in a mermaid block."""
    name = role.text(lang).value.name
    command = WRITE_COMMAND if lang == SOURCE_LANGUAGE else f"{WRITE_COMMAND} --lang {lang}"
    return (
        f"# {role.id}: {name}\n\n"
        f"Generated from `content/roles/{role.id}/` by `{command}`; do not edit by hand.\n\n"
        f"```mermaid\n{mermaid(role, lang)}```\n"
    )


class _Diagram:
    def __init__(self, role: Role, lang: str) -> None:
        self.role = role
        self.flow = role.flow
        self.lang = lang
        self._ = words(lang)

    def lines(self) -> Iterator[str]:
        _ = self._
        yield "flowchart TD"
        yield f'  start(["{escape(self.role.text(self.lang).value.name)}"])'
        for question in self.flow.questions:
            title = self.role.question_text(question.id, self.lang).value.title
            yield f'  {node_id(question.id)}["{escape(title)}<br/><small>{escape(question.id)}</small>"]'
        result = escape(_("Result"))
        yield f'  result(["{result}"])'
        yield f"  start --> {node_id(self.flow.start)}"
        for question in self.flow.questions:
            for target, label in self.edges(question):
                arrow = f'-->|"{label}"|' if label else "-->"
                yield f"  {node_id(question.id)} {arrow} {node_id(target)}"
        yield from self.advice()

    def edges(self, question: Question) -> list[tuple[str, str]]:
        """(target, escaped label) for each arrow out of `question`."""
        if question.kind is QuestionKind.SINGLE and self.only_about(question):
            return self.grouped_options(question)
        if not question.rules:
            return [(self.flow.default_next(question.id), self.all_options(question))]
        edges = []
        for number, rule in enumerate(question.rules):
            edges.append((rule.target, self.rule_label(question, rule, first=number == 0)))
            if rule.condition is None:
                return edges  # the rules below it are never reached
        edges.append((self.flow.default_next(question.id), self._("otherwise")))
        return edges

    def only_about(self, question: Question) -> bool:
        """True when every rule after `question` looks at its answer alone (so each option has one target)."""
        return all(
            leaf.question == question.id
            for rule in question.rules
            if rule.condition is not None
            for leaf in rule.condition.leaves()
        )

    def grouped_options(self, question: Question) -> list[tuple[str, str]]:
        """One arrow per target, labelled with every option that leads there, one per line."""
        by_target: dict[str, list[str]] = {}
        for option in question.options:
            target = self.flow.next_after(question.id, {question.id: (option.id,)})
            by_target.setdefault(target, []).append(escape(shorten(self.label(question.id, option.id))))
        return [(target, "<br/>".join(labels)) for target, labels in by_target.items()]

    def all_options(self, question: Question) -> str:
        if question.kind is QuestionKind.MUNICIPALITY:
            return ""
        return "<br/>".join(escape(shorten(self.label(question.id, o.id))) for o in question.options)

    def rule_label(self, question: Question, rule: Rule, first: bool) -> str:
        if rule.condition is None:
            return "" if first else self._("otherwise")
        return escape(self.condition(rule.condition, question.id, nested=False))

    def condition(self, condition: Condition, here: str | None, nested: bool) -> str:
        """A short form: `«Penger» eller «Utstyr»` (about `here`), `aktivitet: «Ja» og alder: ikke «Barn»`."""
        _ = self._
        if isinstance(condition, OptionTest):
            return self.test(condition, here, negated=False)
        if isinstance(condition, Not) and isinstance(condition.item, OptionTest):
            return self.test(condition.item, here, negated=True)
        if isinstance(condition, Not):
            return _("not %(condition)s", condition=self.condition(condition.item, here, nested=True))
        if isinstance(condition, And | Or):
            parts = [self.condition(item, here, nested=True) for item in condition.items]
            text = chain(parts, self.lang, either=isinstance(condition, Or))
            return f"({text})" if nested and len(condition.items) > 1 else text
        raise TypeError(f"not a condition: {condition!r}")

    def test(self, test: OptionTest, here: str | None, negated: bool) -> str:
        quoted = [f"«{shorten(self.label(test.question, value))}»" for value in test.values]
        labels = join(quoted, self.lang, either=True)
        text = self._("not %(condition)s", condition=labels) if negated else labels
        return text if test.question == here else f"{test.question}: {text}"

    def label(self, question_id: str, option_id: str) -> str:
        options = self.role.question_text(question_id, self.lang).value.options
        return options[option_id].label if option_id in options else option_id

    def advice(self) -> Iterator[str]:
        """The advice blocks stacked in a box under the result, each with when it shows."""
        _ = self._
        heading = escape(_("Advice on the result page"))
        yield f'  subgraph advice["{heading}"]'
        yield "    direction LR"
        for block in self.flow.advice:
            title = self.role.advice_text(block.id, self.lang).value.title
            when = _("always") if block.condition is None else self.condition(block.condition, None, nested=False)
            when = _("when: %(condition)s", condition=when)
            label = f"{escape(title)}<br/><small>{escape(block.id)}</small><br/><i>{escape(when)}</i>"
            yield f'    a_{block.id.replace("-", "_")}["{label}"]'
        yield "  end"
        yield "  result --> advice"
