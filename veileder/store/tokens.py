"""Form tokens in the database: the signing key, and the tokens already spent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from veileder.store.models import SigningKey, UsedToken, utcnow


class TokenAlreadyUsedError(Exception):
    """The form was sent before with this token."""


def signing_secret(session: Session) -> str:
    """The key that signs form tokens (made by the first migration)."""
    secret = session.scalar(select(SigningKey.secret).order_by(SigningKey.id.desc()).limit(1))
    if secret is None:
        raise LookupError("the database has no signing key: run `flask --app veileder db upgrade`")
    return secret


def spend(session: Session, nonce: str, form: str) -> None:
    """Record `nonce` as used, in the caller's transaction; raise TokenAlreadyUsedError if it was.

    The primary key makes this hold across instances: of two sends racing on one database, one
    insert fails.
    """
    if session.get(UsedToken, nonce) is not None:
        raise TokenAlreadyUsedError(nonce)
    session.add(UsedToken(nonce=nonce, form=form, used_at=utcnow()))
    try:
        session.flush()
    except IntegrityError:
        raise TokenAlreadyUsedError(nonce) from None


def forget_spent(session: Session, before: datetime) -> int:
    """Delete the record of tokens spent before `before` (they have expired anyway); returns how many."""
    result = session.execute(delete(UsedToken).where(UsedToken.used_at < before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
