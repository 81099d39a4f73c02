"""Feedback on results: store a yes/no or a comment, count them for the report, delete old comments."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Text, cast, delete, func, select
from sqlalchemy.orm import Session

from veileder.store.models import Feedback, FeedbackComment


@dataclass(frozen=True)
class AnswerGroup:
    """Answers alike in role, content version, advice shown and yes/no: how many, and when."""

    role: str
    version: str
    blocks: tuple[str, ...]
    useful: bool
    count: int
    first_day: date
    last_day: date


def add(session: Session, item: Feedback | FeedbackComment) -> None:
    session.add(item)
    session.flush()


def answer_groups(session: Session, since: date | None = None, role: str | None = None) -> list[AnswerGroup]:
    """The yes/no answers from `since` on (for `role` only, when given), counted by the database in
    groups, in the order each group was first answered.

    A result's advice depends only on its answers, so there are about as many groups as paths
    through the flows, however many answers there are. The advice ids are grouped as the JSON text
    stored (PostgreSQL has no equality for `json` itself).
    """
    blocks = cast(Feedback.blocks, Text)
    columns = (Feedback.role, Feedback.version, blocks, Feedback.useful)
    query = select(*columns, func.count(), func.min(Feedback.day), func.max(Feedback.day)).group_by(*columns)
    query = query.order_by(func.min(Feedback.id))
    if since is not None:
        query = query.where(Feedback.day >= since)
    if role is not None:
        query = query.where(Feedback.role == role)
    return [
        AnswerGroup(role_id, version, tuple(json.loads(ids)), bool(useful), count, first, last)
        for role_id, version, ids, useful, count, first, last in session.execute(query)
    ]


def comments(session: Session, since: date | None = None, role: str | None = None) -> list[FeedbackComment]:
    """The comments from `since` on (for `role` only, when given), newest first."""
    query = select(FeedbackComment).order_by(FeedbackComment.day.desc(), FeedbackComment.id.desc())
    if since is not None:
        query = query.where(FeedbackComment.day >= since)
    if role is not None:
        query = query.where(FeedbackComment.role == role)
    return list(session.scalars(query))


def purge_comments(session: Session, before: date) -> int:
    """Delete the comments from days before `before`; the yes/no answers stay. Returns how many."""
    result = session.execute(delete(FeedbackComment).where(FeedbackComment.day < before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
