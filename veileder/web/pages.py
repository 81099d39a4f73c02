"""What each wizard page shows, built from the engine's state and the content's texts.

Views call these and hand the result to a template; nothing here branches on what an answer is.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from veileder.content import Content, Role, Translated
from veileder.content.explain import why
from veileder.content.local import LocalEntry
from veileder.content.municipalities import Municipality, sort_key
from veileder.content.register import VOLUNTEER_CENTRES, LocalRegister, Organisation, Register
from veileder.content.texts import AdviceText, LinkText
from veileder.engine import RESULT, AdviceBlock, QuestionKind, State, select_advice
from veileder.vocabulary import RETURN_KEY, RETURN_TO_RESULT, SOURCE_LANGUAGE, VERSION_KEY
from veileder.web.answers import Query, answer_query, with_query
from veileder.web.qr import qr_svg
from veileder.web.register_lists import LIST_SLUGS, category_names

#: How many pieces of advice the top of the result sums up as "What to do now", the first in its order.
SUMMARY_SIZE = 3
#: How many of a municipality's organisations the result shows from a list, before linking to all.
HANDFUL = 5


@dataclass(frozen=True)
class AnswerRow:
    """One line of a summary: the question, the answer in words, and a link to change it."""

    question_id: str
    question: str
    answers: tuple[str, ...]
    change_url: str


@dataclass(frozen=True)
class Advice:
    block: AdviceBlock
    text: Translated[AdviceText]
    why: tuple[str, ...]  # the visitor's answers that made it show, in plain words


@dataclass(frozen=True)
class OutLink:
    url: str
    text: Translated[LinkText]


def question_url(role: Role, question_id: str, query: Query) -> str:
    return with_query(url_for("site.question", role_id=role.id, question_id=question_id), query)


def state_query(state: State, *extra: tuple[str, str]) -> Query:
    """The query string for the answers that apply in `state`."""
    return answer_query(state.flow, state.answers, *extra)


def result_url(role: Role, state: State) -> str:
    return with_query(url_for("site.result", role_id=role.id), state_query(state, (VERSION_KEY, role.version)))


def place_url(role: Role, place: str | None, state: State, kept: Query | None = None) -> str:
    """The address of a place the engine's navigation names (see `veileder.engine.navigation`).

    A question carries `kept`: by default the answers on the path, but a visitor who changes an
    answer keeps their later answers too, for when the path reaches them. The result carries the
    answers on the path and the content version; None, before the first question, is the start
    page, where the visitor chose the role.
    """
    if place is None:
        return url_for("site.start")
    if place == RESULT:
        return result_url(role, state)
    return question_url(role, place, state_query(state) if kept is None else kept)


def answer_rows(content: Content, role: Role, state: State, lang: str) -> list[AnswerRow]:
    rows = []
    for question_id in state.path:
        question = state.flow.question(question_id)
        assert question is not None
        text = role.question_text(question_id, lang).value
        values = state.answers[question_id]
        if question.kind is QuestionKind.MUNICIPALITY:
            labels = tuple(_municipality_name(content, value) for value in values)
        else:
            labels = tuple(text.options[value].label for value in values)
        change = question_url(role, question_id, state_query(state, (RETURN_KEY, RETURN_TO_RESULT)))
        rows.append(AnswerRow(question_id, text.title, labels, change))
    return rows


def _municipality_name(content: Content, number: str) -> str:
    municipality = content.municipality(number)
    return municipality.name if municipality else number


def advice_for(role: Role, state: State, lang: str) -> list[Advice]:
    return [
        Advice(block, role.advice_text(block.id, lang), tuple(why(block.condition, role, lang, state.answers)))
        for block in select_advice(state)
    ]


@dataclass(frozen=True)
class OrganisationList:
    """A handful of a municipality's organisations in one of the register's lists, and the whole list's page."""

    slug: str
    name: str  # the list's name in the visitor's language
    shown: tuple[Organisation, ...]
    total: int
    url: str


@dataclass(frozen=True)
class FromRegister:
    """What the register snapshot says about the chosen municipality, as the result shows it."""

    website: str | None
    #: The register's volunteer centres; empty when the editors' file names the centres itself.
    volunteer_centres: tuple[Organisation, ...]
    centres_url: str
    #: The lists the visitor's answers chose, each with a handful of its organisations.
    lists: tuple[OrganisationList, ...]
    #: Every list of the municipality, for links: (name, address, how many).
    all_lists: tuple[tuple[str, str, int], ...]
    fetched: str  # the date the registers were read, as the visitor's language writes it


@dataclass(frozen=True)
class LocalSection:
    """The result's section for the chosen municipality: the register's part, local links and editors' entries."""

    municipality: Municipality
    links: list[OutLink]
    entries: tuple[LocalEntry, ...]
    entries_language: str
    body: Markup | None
    register: FromRegister | None = None  # None where the snapshot knows nothing of the municipality


@dataclass(frozen=True)
class Takeaway:
    """What the visitor can take home: the link to this exact result and its QR code."""

    link: str
    qr: Markup
    handout_url: str


def absolute(url: str) -> str:
    """`url` (a path) as a full address: the configured public address, or the one requested.

    A Host header that is no host name (`xn--`, which Werkzeug cannot decode) leaves the path alone:
    every page links to itself in the other languages, and a bad request must not make that a 500.
    """
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        try:
            base = request.host_url
        except ValueError:
            return url
    return str(base).rstrip("/") + url


def takeaway(role: Role, state: State) -> Takeaway:
    link = absolute(result_url(role, state))
    qr = qr_svg(link, _("QR code with the link to this advice"))
    handout = with_query(url_for("site.handout", role_id=role.id), state_query(state, (VERSION_KEY, role.version)))
    return Takeaway(link, qr, handout)


@dataclass(frozen=True)
class VersionNotes:
    """A result link made before the content last changed: say so, and what was left out."""

    updated: bool
    dropped_answers: bool


def version_notes(role: Role, state: State, args: MultiDict[str, str]) -> VersionNotes:
    version = args.get(VERSION_KEY)
    if not version or version == role.version:
        return VersionNotes(False, False)
    answered = {key for key in args if key not in (VERSION_KEY, RETURN_KEY)}
    return VersionNotes(True, bool(answered - set(state.answers)))


def result_context(
    content: Content, role: Role, state: State, lang: str, args: MultiDict[str, str]
) -> dict[str, object]:
    """Everything the result and the handout show."""
    links, local = result_links(content, role, chosen_municipality(content, state), lang, state.lists)
    advice = advice_for(role, state, lang)
    return {
        "role": role,
        "role_text": role.text(lang),
        "advice": advice,
        "summary": advice[:SUMMARY_SIZE],
        "rows": answer_rows(content, role, state, lang),
        "links": links,
        "local": local,
        "local_kinds": local_kind_names(),
        "takeaway": takeaway(role, state),
        "notes": version_notes(role, state, args),
    }


def local_kind_names() -> dict[str, str]:
    """What each kind of local entry is called, in the visitor's language."""
    return {
        "contact": _("Contact point for the voluntary sector"),
        "leisure_declaration": _("Local leisure declaration"),
        "volunteer_centre": _("Volunteer centre"),
        "offer": _("Local offer"),
    }


def chosen_municipality(content: Content, state: State) -> Municipality | None:
    """The municipality answered on the path, if the flow asks for one."""
    for question_id in state.path:
        question = state.flow.question(question_id)
        if question is not None and question.kind is QuestionKind.MUNICIPALITY:
            return content.municipality(state.answers[question_id][0])
    return None


def result_links(
    content: Content, role: Role, municipality: Municipality | None, lang: str, chosen: tuple[str, ...] = ()
) -> tuple[list[OutLink], LocalSection | None]:
    """National links, and the local section when a municipality was chosen.

    A link whose text has a local version moves to the local section, worded for the municipality.
    `chosen` are the register's lists the answers picked (`State.lists`).
    """
    links = [
        OutLink(content.site.link_urls[i], content.site.link_text(i, lang))
        for i in role.links or tuple(content.site.link_urls)
    ]
    if municipality is None:
        return links, None
    local_links = [link for link in links if link.text.value.local]
    page = content.local.get(municipality.number)
    entries = page.entries_for(role.id) if page else ()
    section = LocalSection(
        municipality,
        local_links,
        entries,
        page.language if page else SOURCE_LANGUAGE,
        page.body if page and page.body else None,
        from_register(content.register, municipality.number, chosen, entries),
    )
    return [link for link in links if link not in local_links], section


def from_register(
    register: Register | None, number: str, chosen: tuple[str, ...], entries: tuple[LocalEntry, ...]
) -> FromRegister | None:
    """The register's part of the local section; None when the snapshot knows nothing of the municipality.

    The editors' file wins where both name the same thing: when it names volunteer centres, the
    register's are left out.
    """
    local = register.municipality(number) if register is not None else None
    if register is None or local is None:
        return None
    names = category_names()

    def list_url(slug: str) -> str:
        return url_for("lists.category_list", number=number, category=slug)

    editors_centres = any(entry.kind == "volunteer_centre" for entry in entries)
    return FromRegister(
        website=local.website,
        volunteer_centres=() if editors_centres else local.volunteer_centres,
        centres_url=list_url(VOLUNTEER_CENTRES),
        lists=tuple(_organisation_list(local, slug, names[slug], list_url(slug)) for slug in chosen),
        all_lists=tuple((names[slug], list_url(slug), len(local.in_category(slug))) for slug in LIST_SLUGS),
        fetched=format_date(register.fetched, format="long"),
    )


def _organisation_list(local: LocalRegister, slug: str, name: str, url: str) -> OrganisationList:
    return OrganisationList(slug, name, local.handful(slug, HANDFUL), len(local.in_category(slug)), url)


MunicipalityGroups = tuple[tuple[str, tuple[Municipality, ...]], ...]
_GROUPS: dict[tuple[str, str], MunicipalityGroups] = {}


def municipality_groups(content: Content, lang: str) -> MunicipalityGroups:
    """Municipalities grouped by county, counties and names in the order of `lang`."""
    key = (content.version, lang)
    if key not in _GROUPS:
        _GROUPS[key] = _group(content.municipalities, lang)
    return _GROUPS[key]


def _group(municipalities: tuple[Municipality, ...], lang: str) -> MunicipalityGroups:
    counties: dict[str, list[Municipality]] = {}
    for municipality in municipalities:
        counties.setdefault(municipality.county, []).append(municipality)
    return tuple(
        (county, tuple(sorted(members, key=lambda m: sort_key(m.name, lang))))
        for county, members in sorted(counties.items(), key=lambda item: sort_key(item[0], lang))
    )
