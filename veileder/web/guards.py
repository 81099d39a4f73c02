"""Guards on the forms visitors send, without cookies or sessions.

Each form carries a token: a random nonce signed with a timestamp (itsdangerous) by the key in the
database. A form sent with a token that is forged, too old or too new is refused, and a token can
be spent once (the store records it, so this holds across instances). A honeypot field, hidden
from people, catches simple robots.
"""

from __future__ import annotations

import secrets
import time
from enum import Enum
from typing import cast

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from veileder.store import tokens
from veileder.web.storage import store

TOKEN_FIELD = "skjema"
HONEYPOT_FIELD = "nettadresse"
SECRET_CACHE = "veileder.form_secret"
SERIALIZERS = "veileder.form_serializers"


class Refusal(Enum):
    """Why a form was refused."""

    FORGED = "forged"  # the token is missing or not ours
    EXPIRED = "expired"  # shown too long ago: check and send again
    TOO_FAST = "too-fast"  # sent sooner than a person could fill it in
    REPLAY = "replay"  # this form was sent before
    HONEYPOT = "honeypot"  # the field people cannot see was filled in


class FormRefused(Exception):  # noqa: N818 - reads as what happened
    def __init__(self, why: Refusal) -> None:
        super().__init__(why.value)
        self.why = why


def _serializer(form: str) -> URLSafeTimedSerializer:
    """The form's signer, made once per app (result pages make a token at every serving)."""
    serializers = current_app.extensions.setdefault(SERIALIZERS, {})
    serializer = serializers.get(form)
    if serializer is None:
        secret = current_app.extensions.get(SECRET_CACHE)
        if secret is None:
            with store().session() as session:
                secret = tokens.signing_secret(session)
            current_app.extensions[SECRET_CACHE] = secret
        serializer = serializers[form] = URLSafeTimedSerializer(secret, salt=f"veileder.form.{form}")
    return cast(URLSafeTimedSerializer, serializer)


def new_token(form: str) -> str:
    """A fresh token for one showing of `form`."""
    return _serializer(form).dumps(secrets.token_hex(16))


def check_token(form: str, token: str | None) -> str:
    """The nonce of a valid token for `form`; raises FormRefused when it is forged, expired or too new.

    The token is not spent here: the caller spends it in the transaction that stores the form.
    """
    max_age = int(current_app.config["FORM_MAX_HOURS"] * 3600)
    try:
        nonce, signed = _serializer(form).loads(token or "", max_age=max_age, return_timestamp=True)
    except SignatureExpired:
        raise FormRefused(Refusal.EXPIRED) from None
    except BadSignature:
        raise FormRefused(Refusal.FORGED) from None
    if not isinstance(nonce, str):
        raise FormRefused(Refusal.FORGED)
    if time.time() - signed.timestamp() < current_app.config["FORM_MIN_SECONDS"]:
        raise FormRefused(Refusal.TOO_FAST)
    return nonce


def check_honeypot(value: str | None) -> None:
    if value:
        raise FormRefused(Refusal.HONEYPOT)
