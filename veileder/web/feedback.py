"""Feedback on a result: "Was the advice useful?" yes or no, then an optional "What was missing?".

Both are POST forms on the result page, which is served from the page cache with a fresh token in
each form (see `fresh`). They are sent to addresses under the result's own, with the result's query
string: the answers there are used to work out which advice blocks were shown, and are not stored.
The visitor is sent (303) to the same result in its thank-you state, `…/resultat/takk/<step>`,
which is a cached page like the result. Stored: the role, the language, the role's content version,
the ids of the advice blocks shown, the yes or no, the scrubbed comment, and the day. Every refusal
is a 4xx page in the visitor's language, and nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from werkzeug.wrappers import Response
from wtforms import Field, Form, TextAreaField
from wtforms.validators import DataRequired, Length

from veileder.content import Role
from veileder.engine import RESULT, navigate, select_advice
from veileder.feedback.scrub import scrub
from veileder.store import feedback as stored_feedback
from veileder.store import tokens
from veileder.store.models import Feedback, FeedbackComment
from veileder.vocabulary import COMMENT_PAGE, FEEDBACK_PAGE, RESULT_PAGE, THANKS_PAGE, VERSION_KEY
from veileder.web.answers import Query, given_answers, with_query
from veileder.web.caching import cached_page
from veileder.web.contact_form import clean_text
from veileder.web.fresh import fresh_token
from veileder.web.guards import (
    HONEYPOT_FIELD,
    TOKEN_FIELD,
    FormRefused,
    Refusal,
    check_honeypot,
    check_token,
    new_token,
)
from veileder.web.i18n import current_language
from veileder.web.limits import rate_limited_by
from veileder.web.loaded import site_content
from veileder.web.pages import state_query
from veileder.web.storage import store
from veileder.web.views import date_in_oslo, result_page

feedback = Blueprint("feedback", __name__)

VOTE_FORM = "tilbakemelding"
COMMENT_FORM = "kommentar"
USEFUL_FIELD = "nyttig"
#: The yes and the no, as sent and as the thank-you step after them.
YES, NO = "ja", "nei"
USEFUL = {YES: True, NO: False}
#: The thank-you step after a comment.
COMMENTED = "kommentar"
ASK = "spor"
#: Where on the result the feedback is: the thank-you is shown there, not at the top.
ANCHOR = "tilbakemelding"
COMMENT_LENGTH = 500
#: A yes or no with a token is under 200 bytes, a comment of 500 characters under 6 KB encoded.
MAX_BYTES = 8 * 1024
MAX_PARTS = 8


class CommentForm(Form):
    """What was missing: free text, scrubbed before it is stored (see `veileder.feedback.scrub`)."""

    kommentar = TextAreaField(
        _l("What was missing?"),
        filters=[clean_text],
        validators=[
            DataRequired(_l("Write what was missing before you send it. Your yes or no has already been received.")),
            Length(max=COMMENT_LENGTH, message=_l("Write at most %(max)d characters.")),
        ],
    )

    def __init__(self, formdata: Any = None, **kwargs: Any) -> None:
        # Named, not super(), as in ContactForm: mypy's untyped_calls_exclude does not cover super().
        Form.__init__(self, formdata, **kwargs)

    def validate(self, extra_validators: Any = None) -> bool:
        return bool(Form.validate(self, extra_validators))


@dataclass(frozen=True)
class Shown:
    """The result a visitor gave feedback on: the role, the advice ids shown, and its query string."""

    role: Role
    blocks: tuple[str, ...]
    query: Query  # the answers on the path and the role's content version

    def url(self, endpoint: str, anchor: bool = False, step: str | None = None) -> str:
        values: dict[str, Any] = {"role_id": self.role.id} if step is None else {"role_id": self.role.id, "step": step}
        address = with_query(url_for(endpoint, **values), self.query)
        return f"{address}#{ANCHOR}" if anchor else address


@dataclass(frozen=True)
class FeedbackBox:
    """What the feedback section on a result shows: which step, where its form goes, its token."""

    step: str  # ASK, YES or NO (thanked; the comment form), COMMENTED (thanked for the comment)
    shown: Shown
    token: Markup | str  # the fresh-token mark on a cached page; a token on a page made for one visitor
    comment: Field  # the comment form's field, with what was written and its error

    #: The names of the token's field and of the honeypot (the same as on the contact-point form).
    token_field = TOKEN_FIELD
    honeypot = HONEYPOT_FIELD
    useful_field = USEFUL_FIELD

    @property
    def vote_url(self) -> str:
        return self.shown.url("feedback.vote")

    @property
    def comment_url(self) -> str:
        return self.shown.url("feedback.comment")

    @property
    def result_url(self) -> str:
        return self.shown.url("site.result")


def _setup(state: BlueprintSetupState) -> None:
    state.app.add_template_global(feedback_box)


feedback.record_once(_setup)


def shown_result(role_id: str) -> Shown | None:
    """The result for the answers in the address, or None when they do not make a whole path."""
    role = site_content().roles.get(role_id)
    if role is None:
        abort(404)
    navigation = navigate(role.flow, given_answers(request.args, role.flow), RESULT, bounds=role.progress)
    if navigation.due is not None:
        return None
    state = navigation.state
    blocks = tuple(block.id for block in select_advice(state))
    return Shown(role, blocks, state_query(state, (VERSION_KEY, role.version)))


def feedback_box(role: Role) -> FeedbackBox | None:
    """For the result's template: the feedback section of this page (the result or a thank-you)."""
    shown = shown_result(role.id)
    if shown is None:
        return None
    step = (request.view_args or {}).get("step", ASK) if request.endpoint == "feedback.thanks" else ASK
    form = COMMENT_FORM if step in USEFUL else VOTE_FORM
    return FeedbackBox(step, shown, fresh_token(form), CommentForm().kommentar)


@feedback.get(f"/<lang>/<role_id>/{RESULT_PAGE}/{THANKS_PAGE}/<any({YES}, {NO}, {COMMENTED}):step>")
@cached_page()
def thanks(role_id: str, step: str) -> str | Response:
    """The result with thanks where the question was (the step is read by `feedback_box`)."""
    return result_page(role_id, "result.html")


Page = tuple[str, int, dict[str, str]]


def _limit_body() -> None:
    request.max_content_length = MAX_BYTES
    request.max_form_parts = MAX_PARTS


def _valid_token(form: str, token: str) -> str:
    """The token's nonce. A page served while the database was away had no token: ask again."""
    if not token:
        raise FormRefused(Refusal.EXPIRED)
    return check_token(form, token)


@feedback.post(f"/<lang>/<role_id>/{RESULT_PAGE}/{FEEDBACK_PAGE}")
@rate_limited_by("FEEDBACK_RATE_LIMIT")
def vote(role_id: str) -> Response | Page:
    """Store a yes or a no, and thank the visitor on the result."""
    _limit_body()
    shown = shown_result(role_id)
    token = request.form.get(TOKEN_FIELD, "")
    useful = USEFUL.get(request.form.get(USEFUL_FIELD, ""))
    try:
        check_honeypot(request.form.get(HONEYPOT_FIELD))
        if shown is None or useful is None:
            raise FormRefused(Refusal.FORGED)
        nonce = _valid_token(VOTE_FORM, token)
    except FormRefused as refused:
        return _refused(refused.why, shown, ASK, token)
    if not _stored(Feedback(**_context(shown), useful=useful), nonce, VOTE_FORM):
        return _refused(Refusal.REPLAY, shown, ASK, token)
    return _thanked(shown, YES if useful else NO)


@feedback.post(f"/<lang>/<role_id>/{RESULT_PAGE}/{COMMENT_PAGE}")
@rate_limited_by("FEEDBACK_RATE_LIMIT")
def comment(role_id: str) -> Response | Page:
    """Store what was missing, scrubbed, and thank the visitor on the result."""
    _limit_body()
    shown = shown_result(role_id)
    token = request.form.get(TOKEN_FIELD, "")
    after = request.form.get(USEFUL_FIELD, "")
    step = after if after in USEFUL else YES
    sent = CommentForm(request.form)
    try:
        check_honeypot(request.form.get(HONEYPOT_FIELD))
        if shown is None:
            raise FormRefused(Refusal.FORGED)
        nonce = _valid_token(COMMENT_FORM, token)
    except FormRefused as refused:
        return _refused(refused.why, shown, step, token, sent)
    if not sent.validate():
        return _page(FeedbackBox(step, shown, token, sent.kommentar), 422)
    written = FeedbackComment(**_context(shown), useful=USEFUL.get(after), comment=scrub(sent.kommentar.data))
    if not _stored(written, nonce, COMMENT_FORM):
        return _refused(Refusal.REPLAY, shown, step, token, sent)
    return _thanked(shown, COMMENTED)


def _context(shown: Shown) -> dict[str, Any]:
    """What every feedback row keeps of the result it answers: the day, role, language, content
    version and the advice shown (never the answers)."""
    return {
        "day": date_in_oslo(),
        "role": shown.role.id,
        "language": current_language(),
        "version": shown.role.version,
        "blocks": list(shown.blocks),
    }


def _stored(row: Feedback | FeedbackComment, nonce: str, form: str) -> bool:
    """Spend the form's token and store `row` in one transaction; False if the token was spent before."""
    try:
        with store().session() as session:
            tokens.spend(session, nonce, form)
            stored_feedback.add(session, row)
    except tokens.TokenAlreadyUsedError:
        return False
    return True


def _thanked(shown: Shown, step: str) -> Response:
    return Response(status=303, headers={"Location": shown.url("feedback.thanks", anchor=True, step=step)})


def _page(box: FeedbackBox | None, status: int, refusal: Refusal | None = None) -> Page:
    """A page of its own for one visitor (never cached): the form again, or why it was refused."""
    errors = [(f"#{box.comment.id}", box.comment.errors[0])] if box is not None and box.comment.errors else []
    page = render_template(
        "feedback.html",
        feedback=box,
        errors=errors,
        title=_title(refusal),
        refusal=refusal.value if refusal else None,
        again=box is not None and refusal in (None, Refusal.EXPIRED, Refusal.TOO_FAST),
    )
    return page, status, {"Cache-Control": "no-store"}


def _refused(why: Refusal, shown: Shown | None, step: str, token: str, sent: CommentForm | None = None) -> Page:
    """A person who was slow, or quick, gets the form back as it was; the rest a plain page."""
    field = (sent or CommentForm()).kommentar
    if shown is not None and why is Refusal.EXPIRED:
        form = VOTE_FORM if step == ASK else COMMENT_FORM
        return _page(FeedbackBox(step, shown, new_token(form), field), 400, why)
    if shown is not None and why is Refusal.TOO_FAST:
        return _page(FeedbackBox(step, shown, token, field), 400, why)
    status = 409 if why is Refusal.REPLAY else 400
    return _page(FeedbackBox(step, shown, "", field) if shown is not None else None, status, why)


def _title(why: Refusal | None) -> str:
    """The heading of a page of its own: the comment with an error, or why the feedback was refused."""
    if why is None:
        return _("There is a problem with what you wrote")
    if why is Refusal.REPLAY:
        return _("We already have this answer")
    if why in (Refusal.EXPIRED, Refusal.TOO_FAST):
        return _("Please send it again")
    return _("We could not take your answer")
