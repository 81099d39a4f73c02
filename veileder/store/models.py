"""The tables: municipalities' submissions, used form tokens, the key that signs form tokens, and
the feedback on results (the yes/no answers and the comments).

Every table a later feature adds (feedback, …) subclasses `Base` and comes with its own migration
in `migrations/versions/`; `tests/store` checks that the models and the migrations agree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Constraint names that are the same on every database, so that migrations can name them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time stored here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Status:
    """Where a submission is in the editor's inbox."""

    NEW = "new"
    APPROVED = "approved"
    REJECTED = "rejected"


class Submission(Base):
    """What a municipality told us through the contact-point form, waiting for an editor."""

    __tablename__ = "submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    language: Mapped[str] = mapped_column(String(2))  # the form's language: nb, nn or en
    municipality: Mapped[str] = mapped_column(String(4), index=True)
    contact_function: Mapped[str | None] = mapped_column(String(200))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_url: Mapped[str | None] = mapped_column(String(500))
    policy_status: Mapped[str | None] = mapped_column(String(20))  # ja, under-arbeid, nei
    policy_url: Mapped[str | None] = mapped_column(String(500))
    declaration_status: Mapped[str | None] = mapped_column(String(20))
    declaration_url: Mapped[str | None] = mapped_column(String(500))
    #: The volunteer centres, each {"name", "url", "email"} (url and email may be empty).
    centres: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    message: Mapped[str | None] = mapped_column(Text)  # to the editor; never published
    sender_email: Mapped[str] = mapped_column(String(254))  # for the editor's questions; never published
    status: Mapped[str] = mapped_column(String(10), default=Status.NEW, index=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    decision_note: Mapped[str | None] = mapped_column(Text)  # the reason given when rejected


class UsedToken(Base):
    """A form token that has been spent: the same form sent twice is refused on every instance."""

    __tablename__ = "used_token"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    form: Mapped[str] = mapped_column(String(40))
    used_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class SigningKey(Base):
    """The secret that signs form tokens: made by the first migration, shared by every instance."""

    __tablename__ = "signing_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    secret: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Feedback(Base):
    """One "Was the advice useful?" answered on a result, and nothing that could tell who answered.

    Never the visitor's answers, municipality, address or browser; the day, not the time.
    Kept: these rows are the counts in `flask feedback report`.
    """

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)  # in Norway's time zone
    role: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(2))  # the result's language: nb, nn or en
    version: Mapped[str] = mapped_column(String(20))  # the role's content version the result was made from
    blocks: Mapped[list[str]] = mapped_column(JSON)  # the ids of the advice blocks shown, in order
    useful: Mapped[bool] = mapped_column(Boolean)


class FeedbackComment(Base):
    """What a visitor wrote under "What was missing?", scrubbed of e-mail addresses and numbers.

    Not linked to a `Feedback` row (the comment is sent on its own, after the yes or no); deleted
    `VEILEDER_FEEDBACK_RETENTION_DAYS` after its day by `flask feedback purge`.
    """

    __tablename__ = "feedback_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    role: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(2))
    version: Mapped[str] = mapped_column(String(20))
    blocks: Mapped[list[str]] = mapped_column(JSON)
    useful: Mapped[bool | None] = mapped_column(Boolean)  # the yes or no it followed, when known
    comment: Mapped[str] = mapped_column(Text)
