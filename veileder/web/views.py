"""The wizard's pages. Views are thin: the engine decides where a visitor is, `pages` what shows."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_babel import format_date
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response
from wtforms import Form

from veileder.content import Role
from veileder.engine import RESULT, Navigation, Question, QuestionKind, navigate
from veileder.vocabulary import (
    ANSWER_PAGE,
    CHECK_PAGE,
    HANDOUT_PAGE,
    RESULT_PAGE,
    RETURN_KEY,
    SITE_PAGE_SLUGS,
    SOURCE_LANGUAGE,
    VERSION_KEY,
)
from veileder.web import pages
from veileder.web.answers import answer_query, given_answers, returning, valid_answers, with_query
from veileder.web.assets import served_assets
from veileder.web.backends import database_state, rate_limit_state
from veileder.web.caching import cached_page
from veileder.web.forms import chosen, question_form
from veileder.web.i18n import current_language
from veileder.web.loaded import site_content
from veileder.web.municipality import Typed, municipality_search, settle_typed
from veileder.web.readiness import missing_now

site = Blueprint("site", __name__)


def _role(role_id: str) -> Role:
    role = site_content().roles.get(role_id)
    if role is None:
        abort(404)
    return role


#: A visitor's address never needs more than this; a longer query string is refused with a 400.
MAX_QUERY_BYTES = 4096
MAX_QUERY_PAIRS = 200


#: Control characters (CR, LF, NUL, …) have no place in an address; a browser never sends them raw.
RAW_CONTROL_CHARACTERS = re.compile(rb"[\x00-\x1f\x7f]")


@site.before_app_request
def refuse_unreasonable_queries() -> None:
    """A query string too long, with too many parts, with raw control characters or bytes that are not
    UTF-8 (which Werkzeug cannot decode) is a 400.

    Runs before routing's own redirects (trailing slash), which would copy a raw CR or LF into a
    Location header and fail.
    """
    query = request.query_string
    if len(query) > MAX_QUERY_BYTES or query.count(b"&") >= MAX_QUERY_PAIRS or RAW_CONTROL_CHARACTERS.search(query):
        abort(400)
    try:
        query.decode()
    except UnicodeDecodeError:
        abort(400)


@site.get("/healthz")
def healthz() -> Response:
    """Alive: the process answers."""
    return jsonify(status="ok")


@site.get("/readyz")
def readyz() -> tuple[Response, int]:
    """Ready: the content is loaded and has no problems, and no file the pages need is missing.

    The database's state and the rate limit's are reported too, but the pages need neither, so an
    instance without them is still ready: it serves every page, and its forms say "try again shortly".
    """
    loaded = site_content()
    missing = missing_now(served_assets())
    backends = {"database": database_state(), "rate_limit_storage": rate_limit_state()}
    if missing:
        return jsonify(status="files are missing", missing=missing, content_version=loaded.version, **backends), 503
    ready = not loaded.problems
    body = jsonify(status="ready" if ready else "content has problems", content_version=loaded.version, **backends)
    return body, 200 if ready else 503


@site.get("/")
def root() -> Response:
    return redirect(url_for("site.start", lang=SOURCE_LANGUAGE))


@site.get("/<lang>/")
@cached_page()
def start() -> str:
    lang = current_language()
    roles = [(role, role.text(lang), first_question_url(role)) for role in site_content().roles.values()]
    return render_template("start.html", page=site_content().site.page("start", lang), roles=roles)


def first_question_url(role: Role) -> str:
    """Where choosing a role leads: straight to its first question (there is no intro page)."""
    return pages.question_url(role, role.flow.start, [])


@site.app_template_global()
def absolute_url(url: str) -> str:
    """`url` as a full address, for `hreflang` links, which search engines want absolute."""
    return pages.absolute(url)


@site.app_template_global()
def site_page_url(name: str) -> str:
    """The address of a site page by its name in content/site/ (about, privacy, accessibility)."""
    slug = next(slug for slug, page_name in SITE_PAGE_SLUGS.items() if page_name == name)
    return url_for("site.page", slug=slug)


@site.get(f"/<lang>/<any({', '.join(SITE_PAGE_SLUGS)}):slug>")
@cached_page()
def page(slug: str) -> str:
    name = SITE_PAGE_SLUGS[slug]
    return render_template("page.html", name=name, page=site_content().site.page(name, current_language()))


@site.get("/<lang>/<role_id>/")
def role(role_id: str) -> Response:
    """A role's own address once had an intro page; it now leads to the first question, so that old
    links and bookmarks still work (the start page links to the first question directly)."""
    return redirect(first_question_url(_role(role_id)), 301)


@dataclass(frozen=True)
class Asked:
    """A question page's request, replayed: the role, the question, and the visitor's answers."""

    role: Role
    question: Question
    valid: dict[str, tuple[str, ...]]  # every valid answer given, on the path or not
    navigation: Navigation


def _navigate(role: Role, here: str, given: Mapping[str, Sequence[str]] | None = None) -> Navigation:
    """The engine's navigation for `here` with the answers in the address (called once a request)."""
    if given is None:
        given = given_answers(request.args, role.flow)
    return navigate(role.flow, given, here, returning=bool(returning(request.args)), bounds=role.progress)


def _ask(role_id: str, question_id: str, args: MultiDict[str, str] | None = None) -> Asked | Response:
    """Replay the answers for a question's page, or send the visitor to the place that is due."""
    current = _role(role_id)
    question = current.flow.question(question_id)
    if question is None:
        abort(404)
    given = given_answers(request.args if args is None else args, current.flow)
    navigation = _navigate(current, question_id, given)
    if navigation.due is not None:
        return redirect(pages.place_url(current, navigation.due, navigation.state), 303)
    return Asked(current, question, valid_answers(current.flow, given), navigation)


@site.get("/<lang>/<role_id>/<question_id>")
@cached_page()
def question(role_id: str, question_id: str) -> str | Response:
    asked = _ask(role_id, question_id)
    if isinstance(asked, Response):
        return asked
    text = asked.role.question_text(question_id, current_language()).value
    return _question_page(asked, question_form(asked.question, text, None, _prefill(asked)))


@site.get(f"/<lang>/<role_id>/<question_id>/{ANSWER_PAGE}")
def answer(role_id: str, question_id: str) -> Response | tuple[str, int]:
    """Check a submitted answer: on to where it leads (303), or the question again with the error (422)."""
    args, typed = request.args, None
    question = _role(role_id).flow.question(question_id)
    if question is not None and question.kind is QuestionKind.MUNICIPALITY:  # a name typed, not chosen
        args, typed = settle_typed(question.id, args, municipality_search(site_content()), current_language())
    asked = _ask(role_id, question_id, args)
    if isinstance(asked, Response):
        return asked
    text = asked.role.question_text(question_id, current_language()).value
    form = question_form(asked.question, text, args, None)
    if not form.validate():
        if typed is not None and not typed.settled:
            form[question_id].errors = [typed.message]
        return _question_page(asked, form, typed), 422
    # Every valid answer is kept, even off the path (the visitor went back): a later question
    # shows prefilled if the path reaches it again.
    kept = answer_query(asked.role.flow, asked.valid, *returning(request.args))
    navigation = asked.navigation
    return redirect(pages.place_url(asked.role, navigation.onward, navigation.state, kept), 303)


@site.get(f"/<lang>/<role_id>/{CHECK_PAGE}")
def check(role_id: str) -> Response:
    """The check-your-answers page's old address: the result lists the answers, each with a link to
    change it, so the last answer leads there and an old link is sent on with its answers."""
    _role(role_id)
    query = [(key, value) for key, value in request.args.items(multi=True) if key != RETURN_KEY]
    return redirect(with_query(url_for("site.result", role_id=role_id), query), 301)


@site.get(f"/<lang>/<role_id>/{RESULT_PAGE}")
@cached_page()
def result(role_id: str) -> str | Response:
    return result_page(role_id, "result.html")


@site.get(f"/<lang>/<role_id>/{HANDOUT_PAGE}")
@cached_page(extra_key=lambda: date_in_oslo())  # the handout shows today's date
def handout(role_id: str) -> str | Response:
    return result_page(role_id, "handout.html")


def result_page(role_id: str, template: str) -> str | Response:
    """The result (or the handout) for the answers in the address; the feedback's thank-you pages too."""
    current = _role(role_id)
    navigation = _navigate(current, RESULT)
    state = navigation.state
    kept = pages.state_query(state, *_version_pair(request.args))
    if navigation.due is not None:
        # An old link whose answers no longer complete the path: ask what is missing.
        return redirect(pages.place_url(current, navigation.due, state, kept), 303)
    context = pages.result_context(site_content(), current, state, current_language(), request.args)
    return render_template(template, **context, today=format_date(date_in_oslo(), format="long"))


def date_in_oslo() -> date:
    return datetime.now(ZoneInfo("Europe/Oslo")).date()


def _version_pair(args: MultiDict[str, str]) -> tuple[tuple[str, str], ...]:
    version = args.get(VERSION_KEY)
    return ((VERSION_KEY, version[:20]),) if version else ()


def _prefill(asked: Asked) -> object:
    values = asked.valid.get(asked.question.id, ())
    if asked.question.kind.takes_many:
        return list(values)
    return values[0] if values else None


def _question_page(asked: Asked, form: Form, typed: Typed | None = None) -> str:
    lang = current_language()
    role, question_id, navigation = asked.role, asked.question.id, asked.navigation
    others = {key: values for key, values in asked.valid.items() if key != question_id}
    hidden = answer_query(role.flow, others, *returning(request.args))
    field = form[question_id]
    municipality = asked.question.kind is QuestionKind.MUNICIPALITY
    return render_template(
        "question.html",
        role=role,
        role_text=role.text(lang),
        question=asked.question,
        text=role.question_text(question_id, lang),
        field=field,
        selected=chosen(field.data),
        hidden=hidden,
        action=url_for("site.answer", role_id=role.id, question_id=question_id),
        back_url=pages.place_url(role, navigation.back, navigation.state),
        progress=navigation.progress,
        groups=pages.municipality_groups(site_content(), lang) if municipality else (),
        search=municipality_search(site_content()),
        typed=typed.text if typed else "",
        typed_choices=typed.choices if typed else (),
        updated=request.args.get(VERSION_KEY) not in (None, role.version),
    )
