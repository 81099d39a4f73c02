"""Conditions in plain words, in bokmål, nynorsk or English, quoting question titles and option labels.

`explain` says what a condition asks for ("Why could this show?"), `why` says which of the
visitor's own answers made it hold ("Why am I seeing this?"). Both return short sentences; the
phrase forms (`clauses`, `ALWAYS`) are for documents such as the content book.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from veileder.content.model import Role
from veileder.engine.conditions import And, Condition, Not, OptionTest, Or
from veileder.engine.model import Answers, QuestionKind


@dataclass(frozen=True)
class Wording:
    """One language's words. In the templates {q} is a question title, {o} one or more option labels."""

    chosen: str  # single choice: the answer is {o}
    not_chosen: str
    ticked: str  # multiple choice: {o} is among the ticked
    not_ticked: str
    you_chose: str  # the visitor's own answers, for `why`
    you_did_not_choose: str
    you_ticked: str
    you_did_not_tick: str
    and_: str
    or_: str
    not_: str  # "it is not so that {x}", for a negated combination
    everyone: str  # the sentence for advice without a condition
    always: str  # the same as a short phrase, for a list


WORDING = {
    "nb": Wording(
        chosen='"{q}" er besvart med {o}',
        not_chosen='"{q}" er ikke besvart med {o}',
        ticked='{o} er krysset av på "{q}"',
        not_ticked='{o} er ikke krysset av på "{q}"',
        you_chose='Du svarte {o} på "{q}".',
        you_did_not_choose='Du svarte ikke {o} på "{q}".',
        you_ticked='Du krysset av for {o} på "{q}".',
        you_did_not_tick='Du krysset ikke av for {o} på "{q}".',
        and_="og",
        or_="eller",
        not_="det stemmer ikke at {x}",
        everyone="Dette rådet vises til alle som velger denne rollen.",
        always="Vises alltid",
    ),
    "nn": Wording(
        chosen='"{q}" er svart med {o}',
        not_chosen='"{q}" er ikkje svart med {o}',
        ticked='{o} er kryssa av på "{q}"',
        not_ticked='{o} er ikkje kryssa av på "{q}"',
        you_chose='Du svarte {o} på "{q}".',
        you_did_not_choose='Du svarte ikkje {o} på "{q}".',
        you_ticked='Du kryssa av for {o} på "{q}".',
        you_did_not_tick='Du kryssa ikkje av for {o} på "{q}".',
        and_="og",
        or_="eller",
        not_="det stemmer ikkje at {x}",
        everyone="Dette rådet blir vist til alle som vel denne rolla.",
        always="Blir alltid vist",
    ),
    "en": Wording(
        chosen='the answer to "{q}" is {o}',
        not_chosen='the answer to "{q}" is not {o}',
        ticked='{o} is ticked for "{q}"',
        not_ticked='{o} is not ticked for "{q}"',
        you_chose='You answered {o} to "{q}".',
        you_did_not_choose='You did not answer {o} to "{q}".',
        you_ticked='You ticked {o} for "{q}".',
        you_did_not_tick='You did not tick {o} for "{q}".',
        and_="and",
        or_="or",
        not_="it is not true that {x}",
        everyone="This advice is shown to everyone who chooses this role.",
        always="Always shown",
    ),
}


def wording(lang: str) -> Wording:
    """The words for `lang`; bokmål for a language Veileder does not have."""
    return WORDING.get(lang, WORDING["nb"])


def explain(condition: Condition | None, role: Role, lang: str) -> list[str]:
    """What `condition` asks for, as one sentence per part that must hold.

    An `And` gives a sentence per item; any other condition gives one sentence (an `Or` joins its
    alternatives with "or"). No condition gives the sentence that everyone sees the advice.
    """
    if condition is None:
        return [wording(lang).everyone]
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
        return [wording(lang).everyone]
    if not condition.holds(answers):
        return []
    return list(dict.fromkeys(_Reasons(role, lang, answers).held(condition)))


class _Labels:
    """Question titles and option labels in one language, bokmål where the translation lacks them."""

    def __init__(self, role: Role, lang: str) -> None:
        self.role = role
        self.lang = lang
        self.words = wording(lang)

    def title(self, question_id: str) -> str:
        try:
            return self.role.question_text(question_id, self.lang).value.title
        except KeyError:
            return question_id

    def options(self, question_id: str, option_ids: tuple[str, ...], joiner: str) -> str:
        """The labels in quotes: "A", "B" or "C". A municipality's number stands for itself."""
        try:
            texts = self.role.question_text(question_id, self.lang).value.options
        except KeyError:
            texts = {}
        quoted = [f'"{texts[o].label}"' if o in texts else f'"{o}"' for o in option_ids]
        return join(quoted, joiner)

    def is_multiple(self, question_id: str) -> bool:
        question = self.role.flow.question(question_id)
        return question is not None and question.kind is QuestionKind.MULTIPLE


def join(items: list[str], joiner: str) -> str:
    """'A', 'A og B', 'A, B og C'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


class _Phrases(_Labels):
    def phrase(self, condition: Condition, nested: bool) -> str:
        words = self.words
        if isinstance(condition, OptionTest):
            return self.leaf(condition, negated=False)
        if isinstance(condition, Not):
            if isinstance(condition.item, OptionTest):
                return self.leaf(condition.item, negated=True)
            if isinstance(condition.item, Not):
                return self.phrase(condition.item.item, nested)
            return words.not_.format(x=self.phrase(condition.item, nested=True))
        if isinstance(condition, And | Or):
            joiner = words.and_ if isinstance(condition, And) else words.or_
            text = f" {joiner} ".join(self.phrase(item, nested=True) for item in condition.items)
            return f"({text})" if nested and len(condition.items) > 1 else text
        raise TypeError(f"not a condition: {condition!r}")

    def leaf(self, test: OptionTest, negated: bool) -> str:
        words = self.words
        if self.is_multiple(test.question):
            template = words.not_ticked if negated else words.ticked
        else:
            template = words.not_chosen if negated else words.chosen
        return template.format(q=self.title(test.question), o=self.options(test.question, test.values, words.or_))


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
        words = self.words
        if self.is_multiple(question_id):
            template = words.you_did_not_tick if negated else words.you_ticked
        else:
            template = words.you_did_not_choose if negated else words.you_chose
        joiner = words.or_ if negated else words.and_
        return template.format(q=self.title(question_id), o=self.options(question_id, values, joiner))


def _sentence(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:] + "."
