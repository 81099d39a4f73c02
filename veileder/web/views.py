"""The wizard's pages. Views are thin: the engine decides where a visitor is, `pages` what shows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_babel import format_date
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response
from wtforms import Form

from veileder.content import Content, Role
from veileder.engine import RESULT, Question, QuestionKind, State, resolve
from veileder.web import pages
from veileder.web.answers import (
    RETURN_KEY,
    RETURN_TO_CHECK,
    VERSION_KEY,
    answer_query,
    given_answers,
    returning,
    valid_answers,
)
from veileder.web.caching import cached_page
from veileder.web.forms import chosen, question_form
from veileder.web.i18n import current_language

site = Blueprint("site", __name__)

SITE_PAGES = {"om": "about", "personvern": "privacy", "tilgjengelighet": "accessibility"}


def content() -> Content:
    return current_app.extensions["veileder.content"]


def _role(role_id: str) -> Role:
    role = content().roles.get(role_id)
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
    """Ready: the content is loaded and has no problems."""
    loaded = content()
    ready = not loaded.problems
    body = jsonify(status="ready" if ready else "content has problems", content_version=loaded.version)
    return body, 200 if ready else 503


@site.get("/")
def root() -> Response:
    return redirect(url_for("site.start", lang="nb"))


@site.get("/<lang>/")
@cached_page()
def start() -> str:
    lang = current_language()
    roles = [(role, role.text(lang)) for role in content().roles.values()]
    return render_template("start.html", page=content().site.page("start", lang), roles=roles)


@site.get("/<lang>/<any(om, personvern, tilgjengelighet):slug>")
@cached_page()
def page(slug: str) -> str:
    name = SITE_PAGES[slug]
    return render_template("page.html", name=name, page=content().site.page(name, current_language()))


@site.get("/<lang>/<role_id>/")
@cached_page()
def role(role_id: str) -> str:
    current = _role(role_id)
    first = pages.question_url(current, current.flow.start, [])
    return render_template("role.html", role=current, text=current.text(current_language()), first_url=first)


@dataclass(frozen=True)
class Asked:
    """A question page's request, replayed: the role, the question, and the visitor's answers."""

    role: Role
    question: Question
    valid: dict[str, tuple[str, ...]]  # every valid answer given, on the path or not
    state: State


def _ask(role_id: str, question_id: str) -> Asked | Response:
    """Replay the answers for a question's page, or send the visitor to the question that is due."""
    current = _role(role_id)
    question = current.flow.question(question_id)
    if question is None:
        abort(404)
    given = given_answers(request.args, current.flow)
    state = resolve(current.flow, given)
    if not state.reaches(question_id):
        return redirect(pages.where_next(current, state), 303)
    return Asked(current, question, valid_answers(current.flow, given), state)


@site.get("/<lang>/<role_id>/<question_id>")
@cached_page()
def question(role_id: str, question_id: str) -> str | Response:
    asked = _ask(role_id, question_id)
    if isinstance(asked, Response):
        return asked
    text = asked.role.question_text(question_id, current_language()).value
    return _question_page(asked, question_form(asked.question, text, None, _prefill(asked)))


@site.get("/<lang>/<role_id>/<question_id>/svar")
def answer(role_id: str, question_id: str) -> str | Response:
    asked = _ask(role_id, question_id)
    if isinstance(asked, Response):
        return asked
    text = asked.role.question_text(question_id, current_language()).value
    form = question_form(asked.question, text, request.args, None)
    if not form.validate():
        return _question_page(asked, form), 422
    current, state = asked.role, asked.state
    kept = answer_query(current.flow, asked.valid, *returning(request.args))
    target = current.flow.next_after(question_id, state.answers)
    if target == RESULT or request.args.get(RETURN_KEY) == RETURN_TO_CHECK:
        return redirect(pages.where_next(current, state, kept), 303)
    # Step to the next question even if it is answered already (the visitor went back): it shows
    # prefilled, with every answer kept.
    return redirect(pages.question_url(current, target, kept), 303)


@site.get("/<lang>/<role_id>/oppsummering")
@cached_page()
def check(role_id: str) -> str | Response:
    current = _role(role_id)
    state = resolve(current.flow, given_answers(request.args, current.flow))
    if not state.complete:
        return redirect(pages.where_next(current, state), 303)
    g.query = pages.state_query(state)
    return render_template(
        "check.html",
        role=current,
        rows=pages.answer_rows(content(), current, state, current_language()),
        result_url=pages.result_url(current, state),
        back_url=pages.back_url(current, state, None),
    )


@site.get("/<lang>/<role_id>/resultat")
@cached_page()
def result(role_id: str) -> str | Response:
    return _result_page(role_id, "result.html")


@site.get("/<lang>/<role_id>/utskrift")
@cached_page(extra_key=lambda: date_in_oslo())  # the handout shows today's date
def handout(role_id: str) -> str | Response:
    return _result_page(role_id, "handout.html")


def _result_page(role_id: str, template: str) -> str | Response:
    current = _role(role_id)
    state = resolve(current.flow, given_answers(request.args, current.flow))
    if not state.complete:
        # An old link whose answers no longer complete the path: ask what is missing.
        kept = pages.state_query(state, *_version_pair(request.args))
        return redirect(pages.where_next(current, state, kept), 303)
    g.query = pages.state_query(state, *_version_pair(request.args))
    context = pages.result_context(content(), current, state, current_language(), request.args)
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


def _question_page(asked: Asked, form: Form) -> str:
    lang = current_language()
    role, question_id, state = asked.role, asked.question.id, asked.state
    others = {key: values for key, values in asked.valid.items() if key != question_id}
    hidden = answer_query(role.flow, others, *returning(request.args))
    g.query = answer_query(role.flow, asked.valid)
    low, high = role.progress[question_id]
    number = state.number(question_id)
    field = form[question_id]
    return render_template(
        "question.html",
        role=role,
        question=asked.question,
        text=role.question_text(question_id, lang),
        field=field,
        selected=chosen(field.data),
        hidden=hidden,
        action=url_for("site.answer", role_id=role.id, question_id=question_id),
        back_url=pages.back_url(role, state, question_id),
        number=number,
        total=number - 1 + high,
        approximate=low != high,
        groups=pages.municipality_groups(content(), lang) if asked.question.kind is QuestionKind.MUNICIPALITY else (),
        updated=request.args.get(VERSION_KEY) not in (None, role.version),
    )
