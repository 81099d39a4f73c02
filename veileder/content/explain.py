"""Conditions in plain words, in bokmål, nynorsk or English, quoting question titles and option labels.

`explain` says what a condition asks for ("Why could this show?"), `why` says which of the
visitor's own answers made it hold ("Why am I seeing this?"). Both return short sentences; the
phrase forms (`clauses`, `always`) are for documents such as the content book. The words come from
the interface's gettext catalogs, so translators see them with the rest of the interface text.
"""

from __future__ import annotations

from collections.abc import Iterator

from veileder.catalogs import Translator, translator
from veileder.content.model import Role
from veileder.engine.conditions import And, Condition, Not, OptionTest, Or
from veileder.engine.model import Answers, QuestionKind
from veileder.vocabulary import LANGUAGES, SOURCE_LANGUAGE


def words(lang: str) -> Translator:
    """The catalog's words for `lang`; bokmål for a language Veileder does not have."""
    return translator(lang if lang in LANGUAGES else SOURCE_LANGUAGE)


def everyone(lang: str) -> str:
    """The sentence for advice without a condition."""
    _ = words(lang)
    return _("This advice is shown to everyone who chooses this role.")


def always(lang: str) -> str:
    """The same as a short phrase, for a list."""
    _ = words(lang)
    return _("Always shown")


def join(items: list[str], lang: str, *, either: bool = False) -> str:
    """'A', 'A and B', 'A, B and C' (with `either`: 'A, B or C'), in the words of `lang`."""
    if len(items) <= 1:
        return "".join(items)
    _ = words(lang)
    first, last = ", ".join(items[:-1]), items[-1]
    if either:
        return _("%(first)s or %(last)s", first=first, last=last)
    return _("%(first)s and %(last)s", first=first, last=last)


def chain(items: list[str], lang: str, *, either: bool = False) -> str:
    """'A and B and C' (with `either`: 'A or B or C'): conditions, which may hold commas themselves."""
    text = items[0]
    for item in items[1:]:
        text = join([text, item], lang, either=either)
    return text


def explain(condition: Condition | None, role: Role, lang: str) -> list[str]:
    """What `condition` asks for, as one sentence per part that must hold.

    An `And` gives a sentence per item; any other condition gives one sentence (an `Or` joins its
    alternatives with "or"). No condition gives the sentence that everyone sees the advice.
    """
    if condition is None:
        return [everyone(lang)]
    return [_sentence(clause) for clause in clauses(condition, role, lang)]


def clauses(condition: Condition, role: Role, lang: str) -> list[str]:
    """Like `explain`, as phrases without a capital letter or a full stop (for "Shown when: …")."""
    items = condition.items if isinstance(condition, And) else (condition,)
    return list(dict.fromkeys(_Phrases(role, lang).phrase(item, nested=False) for item in items))


def why(condition: Condition | None, role: Role, lang: str, answers: Answers) -> list[str]:
    """The visitor's answers that make `condition` hold, one sentence each.

    For `Or`, only the alternatives that held; for `Not`, what the visitor did not answer. Empty
    when the condition does not hold for `answers` (the advice would not be shown).
    """
    if condition is None:
        return [everyone(lang)]
    if not condition.holds(answers):
        return []
    return list(dict.fromkeys(_Reasons(role, lang, answers).held(condition)))


class _Labels:
    """Question titles and option labels in one language, bokmål where the translation lacks them."""

    def __init__(self, role: Role, lang: str) -> None:
        self.role = role
        self.lang = lang
        self._ = words(lang)

    def title(self, question_id: str) -> str:
        try:
            return self.role.question_text(question_id, self.lang).value.title
        except KeyError:
            return question_id

    def options(self, question_id: str, option_ids: tuple[str, ...], *, either: bool) -> str:
        """The labels in quotes: "A", "B" or "C". A municipality's number stands for itself."""
        try:
            texts = self.role.question_text(question_id, self.lang).value.options
        except KeyError:
            texts = {}
        quoted = [f'"{texts[o].label}"' if o in texts else f'"{o}"' for o in option_ids]
        return join(quoted, self.lang, either=either)

    def is_multiple(self, question_id: str) -> bool:
        question = self.role.flow.question(question_id)
        return question is not None and question.kind is QuestionKind.MULTIPLE


class _Phrases(_Labels):
    def phrase(self, condition: Condition, nested: bool) -> str:
        _ = self._
        if isinstance(condition, OptionTest):
            return self.leaf(condition, negated=False)
        if isinstance(condition, Not):
            if isinstance(condition.item, OptionTest):
                return self.leaf(condition.item, negated=True)
            if isinstance(condition.item, Not):
                return self.phrase(condition.item.item, nested)
            return _("it is not true that %(condition)s", condition=self.phrase(condition.item, nested=True))
        if isinstance(condition, And | Or):
            parts = [self.phrase(item, nested=True) for item in condition.items]
            text = chain(parts, self.lang, either=isinstance(condition, Or))
            return f"({text})" if nested and len(condition.items) > 1 else text
        raise TypeError(f"not a condition: {condition!r}")

    def leaf(self, test: OptionTest, negated: bool) -> str:
        _ = self._
        question, options = self.title(test.question), self.options(test.question, test.values, either=True)
        if self.is_multiple(test.question):
            if negated:
                return _('%(options)s is not ticked for "%(question)s"', options=options, question=question)
            return _('%(options)s is ticked for "%(question)s"', options=options, question=question)
        if negated:
            return _('the answer to "%(question)s" is not %(options)s', options=options, question=question)
        return _('the answer to "%(question)s" is %(options)s', options=options, question=question)


class _Reasons(_Labels):
    def __init__(self, role: Role, lang: str, answers: Answers) -> None:
        super().__init__(role, lang)
        self.answers = answers

    def held(self, condition: Condition) -> Iterator[str]:
        """Sentences for a condition that holds."""
        if isinstance(condition, OptionTest):
            chosen = self.answers.get(condition.question, ())
            matched = tuple(value for value in condition.values if value in chosen)
            yield self.sentence(condition.question, matched, negated=False)
        elif isinstance(condition, Not):
            yield from self.failed(condition.item)
        elif isinstance(condition, And | Or):
            for item in condition.items:
                if item.holds(self.answers):
                    yield from self.held(item)

    def failed(self, condition: Condition) -> Iterator[str]:
        """Sentences for a condition that does not hold (the inside of a Not that holds)."""
        if isinstance(condition, OptionTest):
            yield self.sentence(condition.question, condition.values, negated=True)
        elif isinstance(condition, Not):
            yield from self.held(condition.item)
        elif isinstance(condition, And | Or):
            for item in condition.items:
                if not item.holds(self.answers):
                    yield from self.failed(item)

    def sentence(self, question_id: str, values: tuple[str, ...], negated: bool) -> str:
        _ = self._
        question, options = self.title(question_id), self.options(question_id, values, either=negated)
        if self.is_multiple(question_id):
            if negated:
                return _('You did not tick %(options)s for "%(question)s".', options=options, question=question)
            return _('You ticked %(options)s for "%(question)s".', options=options, question=question)
        if negated:
            return _('You did not answer %(options)s to "%(question)s".', options=options, question=question)
        return _('You answered %(options)s to "%(question)s".', options=options, question=question)


def _sentence(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:] + "."
