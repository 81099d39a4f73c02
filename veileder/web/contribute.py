"""The contact-point form, `/<lang>/kommune/meld-inn`: a municipality tells us what it has.

GET shows the form with a fresh token (never from the page cache). POST checks the guards, then
the fields; a valid form is stored with its token spent in one transaction, and the visitor is sent
(303) to the receipt. Every refusal is a 4xx page in the visitor's language, and nothing is stored.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from veileder.store import submissions, tokens
from veileder.vocabulary import CONTRIBUTE_PAGE, MUNICIPALITY_PAGE, RECEIPT_PAGE
from veileder.web.contact_form import CENTRES, ContactForm, chosen_number
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
from veileder.web.limits import rate_limited
from veileder.web.loaded import site_content
from veileder.web.municipality import Typed, municipality_search, settle_typed
from veileder.web.pages import municipality_groups
from veileder.web.storage import store

contribute = Blueprint("contribute", __name__)

FORM = "kontakt"
#: The form's fields come to a few kilobytes at most; a larger body is refused with a 413.
MAX_BYTES = 32 * 1024
MAX_PARTS = 60


def _numbers() -> list[str]:
    return [municipality.number for municipality in site_content().municipalities]


@contribute.route(f"/<lang>/{MUNICIPALITY_PAGE}/{CONTRIBUTE_PAGE}", methods=["GET", "POST"])
@rate_limited
def form() -> Response | tuple[str, int, dict[str, str]]:
    if request.method == "GET":
        chosen = chosen_number(_numbers(), request.args.get("kommune"))
        return _form_page(ContactForm(municipalities=_numbers(), data={"kommune": chosen}), new_token(FORM))
    request.max_content_length = MAX_BYTES
    request.max_form_parts = MAX_PARTS
    # A municipality's name typed instead of chosen is resolved as on the wizard's question.
    posted, typed = settle_typed("kommune", request.form, municipality_search(site_content()), current_language())
    sent = ContactForm(posted, municipalities=_numbers())
    token = request.form.get(TOKEN_FIELD)
    try:
        check_honeypot(request.form.get(HONEYPOT_FIELD))
        nonce = check_token(FORM, token)
    except FormRefused as refused:
        return _refused(refused.why, sent, token)
    if not sent.validate():
        if typed is not None and not typed.settled:
            sent.kommune.errors = (typed.message,)
        return _form_page(sent, token or "", status=422, typed=typed)
    try:
        with store().session() as session:
            tokens.spend(session, nonce, FORM)
            submissions.add(session, sent.submission(current_language()))
    except tokens.TokenAlreadyUsedError:
        return _refused(Refusal.REPLAY, sent, token)
    return redirect(url_for("contribute.receipt", kommune=sent.kommune.data), 303)


@contribute.get(f"/<lang>/{MUNICIPALITY_PAGE}/{CONTRIBUTE_PAGE}/{RECEIPT_PAGE}")
def receipt() -> str:
    number = chosen_number(_numbers(), request.args.get("kommune"))
    municipality = site_content().municipality(number) if number else None
    return render_template("receipt.html", municipality=municipality)


def _form_page(
    sent: ContactForm, token: str, status: int = 200, refusal: Refusal | None = None, typed: Typed | None = None
) -> tuple[str, int, dict[str, str]]:
    lang = current_language()
    page = render_template(
        "contribute.html",
        form=sent,
        token=token,
        errors=[(f"#{field}", message) for field, message in sent.errors_in_order()],
        refusal=refusal.value if refusal else None,
        groups=municipality_groups(site_content(), lang),
        search=municipality_search(site_content()),
        typed=typed.text if typed and not typed.settled else "",
        typed_choices=typed.choices if typed else (),
        centres=[sent.centre_fields(number) for number in range(1, CENTRES + 1)],
        honeypot=HONEYPOT_FIELD,
        token_field=TOKEN_FIELD,
        max_hours=_hours(current_app.config["FORM_MAX_HOURS"]),
    )
    # The token is made for this one showing: no browser or proxy may keep the page.
    return page, status, {"Cache-Control": "no-store"}


def _hours(value: Any) -> str:
    return f"{value:g}"


def _refused(why: Refusal, sent: ContactForm, token: str | None) -> tuple[str, int, dict[str, str]]:
    """A person who took too long, or was quick, gets the form back as filled in; the rest a page."""
    if why is Refusal.EXPIRED:
        return _form_page(sent, new_token(FORM), status=400, refusal=why)
    if why is Refusal.TOO_FAST:
        return _form_page(sent, token or "", status=400, refusal=why)
    status = 409 if why is Refusal.REPLAY else 400
    page = render_template("refused.html", why=why.value, kommune=chosen_number(_numbers(), sent.kommune.data))
    return page, status, {"Cache-Control": "no-store"}
