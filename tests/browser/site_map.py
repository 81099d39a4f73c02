"""Every page state of the site, worked out from the content and the flow engine.

A *page state* is one thing a visitor can see: the start page, each question (reached with answers
the engine says lead to it), each question showing its validation error, the result (also as a link
from an older content version, and in the two thank-you states of its feedback question), the
printable handout, the site pages and the 404 page — in each language. (A role's old intro address
and the old check page only redirect: they are no state.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from veileder import create_app
from veileder.content import Content, Role
from veileder.engine import enumerate_paths
from veileder.engine.paths import Path, Step
from veileder.vocabulary import LANGUAGES, SITE_PAGE_SLUGS
from veileder.web.loaded import site_content

SITE_PAGES = tuple(SITE_PAGE_SLUGS)
#: Kautokeino: a real municipality number, with a Sami name, for every municipality question.
MUNICIPALITY = "5612"


@dataclass(frozen=True)
class PageState:
    name: str  # unique, readable: "nb/forelder/hindringer/error"
    kind: str  # start, page, question, error, result, handout, not-found, form, receipt, overview, place
    url: str  # path and query, relative to the live server
    lang: str
    status: int = 200

    def __str__(self) -> str:
        return self.name


@cache
def content() -> Content:
    return site_content(create_app({"TESTING": True}))


def roles() -> list[Role]:
    return list(content().roles.values())


def role(role_id: str) -> Role:
    return content().roles[role_id]


def _values(step: Step, kind: str) -> tuple[str, ...]:
    return (MUNICIPALITY,) if kind == "municipality" else step.values


def query(role_: Role, steps: tuple[Step, ...]) -> str:
    """The query string for answering `steps`, a multiple choice repeating its key."""
    pairs = []
    for step in steps:
        kind = role_.flow.question(step.question).kind.value
        pairs += [(step.question, value) for value in _values(step, kind)]
    return urlencode(pairs)


def with_query(url: str, query_: str) -> str:
    return f"{url}?{query_}" if query_ else url


def reaching(role_: Role) -> dict[str, tuple[Step, ...]]:
    """For each question of the role, the answers before it on the first path that reaches it."""
    found: dict[str, tuple[Step, ...]] = {}
    for path in enumerate_paths(role_.flow):
        for index, step in enumerate(path.steps):
            found.setdefault(step.question, path.steps[:index])
    missing = {q.id for q in role_.flow.questions} - found.keys()
    assert not missing, f"{role_.id}: no path reaches {sorted(missing)}"
    return found


def longest_path(role_: Role) -> Path:
    """The path with the most advice (then the most questions): the longest result page."""
    return max(enumerate_paths(role_.flow), key=lambda path: (len(path.advice), len(path.steps)))


def answers_of(role_: Role, path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """The path's answers as (question id, values), a municipality given as MUNICIPALITY."""
    return [(step.question, _values(step, role_.flow.question(step.question).kind.value)) for step in path.steps]


def states_for(lang: str) -> list[PageState]:
    states = [PageState(f"{lang}/start", "start", f"/{lang}/", lang)]
    states += [PageState(f"{lang}/{slug}", "page", f"/{lang}/{slug}", lang) for slug in SITE_PAGES]
    states.append(PageState(f"{lang}/404", "not-found", f"/{lang}/finnes-ikke/her-heller", lang, 404))
    for role_ in roles():
        base = f"/{lang}/{role_.id}"
        for question_id, before in reaching(role_).items():
            answered = query(role_, before)
            name = f"{lang}/{role_.id}/{question_id}"
            states.append(PageState(name, "question", with_query(f"{base}/{question_id}", answered), lang))
            # Submitting with nothing chosen: the same question, with its error (422).
            states.append(
                PageState(f"{name}/error", "error", with_query(f"{base}/{question_id}/svar", answered), lang, 422)
            )
        full = query(role_, longest_path(role_).steps)
        states.append(PageState(f"{lang}/{role_.id}/result", "result", f"{base}/resultat?{full}", lang))
        # The result after "Was the advice useful?": thanks and "What was missing?", then thanks for that.
        for step in ("nei", "kommentar"):
            url = f"{base}/resultat/takk/{step}?{full}"
            states.append(PageState(f"{lang}/{role_.id}/result-thanks-{step}", "result", url, lang))
        states.append(PageState(f"{lang}/{role_.id}/handout", "handout", f"{base}/utskrift?{full}", lang))
    # The municipality question after a typed name that fits two municipalities (offered as choices)
    # and after one that fits none (the error keeps the text).
    before = query(role("forelder"), reaching(role("forelder"))["kommune"])
    for state, typed in (("typed-choices", "Herøy"), ("typed-unknown", "Atlantis")):
        url = f"/{lang}/forelder/kommune/svar?{before}&{urlencode({'kommune_navn': typed})}"
        states.append(PageState(f"{lang}/forelder/kommune/{state}", "error", url, lang, 422))
    # The municipalities' pages: the contact-point form, its receipt, the overview and one municipality.
    states.append(
        PageState(f"{lang}/kommune/meld-inn", "form", f"/{lang}/kommune/meld-inn?kommune={MUNICIPALITY}", lang)
    )
    receipt = f"/{lang}/kommune/meld-inn/mottatt?kommune={MUNICIPALITY}"
    states.append(PageState(f"{lang}/kommune/meld-inn/mottatt", "receipt", receipt, lang))
    states.append(PageState(f"{lang}/kommuner", "overview", f"/{lang}/kommuner", lang))
    states.append(PageState(f"{lang}/kommune/{MUNICIPALITY}", "place", f"/{lang}/kommune/{MUNICIPALITY}", lang))
    # A result link made with an older version of the content: the result says the advice changed.
    parent = role("forelder")
    old = query(parent, longest_path(parent).steps) + "&v=0"
    states.append(PageState(f"{lang}/forelder/result-updated", "result", f"/{lang}/forelder/resultat?{old}", lang))
    return states


def all_states() -> list[PageState]:
    return [state for lang in LANGUAGES for state in states_for(lang)]


def one_of_each_kind(lang: str = "nb") -> dict[str, PageState]:
    """A state of each kind, in `lang`: the parent role's, and its municipality question."""
    chosen: dict[str, PageState] = {}
    for state in states_for(lang):
        if state.kind == "page" and not state.url.endswith("/om"):
            continue
        if state.kind in ("question", "error", "result") and "/forelder" not in state.url:
            continue
        chosen.setdefault(state.kind, state)
    municipality = [s for s in states_for(lang) if s.name == f"{lang}/forelder/kommune"]
    chosen["municipality"] = municipality[0]
    return chosen
