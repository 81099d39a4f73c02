"""Feedback on results in the store, on SQLite and PostgreSQL: kept as given, read back for the
report, comments deleted after their time while the yes/no answers stay."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, inspect, select

from veileder.store import feedback, migrate
from veileder.store.models import Feedback, FeedbackComment

DAY = date(2026, 3, 1)


def an_answer(day: date = DAY, role: str = "forelder", useful: bool = True, version: str = "aaaa") -> Feedback:
    return Feedback(day=day, role=role, language="nn", version=version, blocks=["b", "a"], useful=useful)


def a_comment(day: date = DAY, role: str = "forelder", text: str = "Mangler «æøå» <b>") -> FeedbackComment:
    return FeedbackComment(
        day=day, role=role, language="en", version="aaaa", blocks=["a"], useful=False, comment=text
    )  # fmt: skip


def test_an_answer_and_a_comment_are_kept_as_given(store):
    with store.session() as session:
        feedback.add(session, an_answer(useful=False))
        feedback.add(session, a_comment())
    with store.session() as session:
        [answer] = session.scalars(select(Feedback))
        assert (answer.day, answer.role, answer.language, answer.version) == (DAY, "forelder", "nn", "aaaa")
        assert answer.blocks == ["b", "a"] and answer.useful is False
        [comment] = feedback.comments(session)
        assert comment.comment == "Mangler «æøå» <b>" and comment.useful is False


def test_the_tables_hold_nothing_that_could_tell_who_answered(store):
    """Only these columns: no time of day, no address, no browser, no answers, no municipality."""
    columns = {
        table: {c["name"] for c in inspect(store.engine).get_columns(table)}
        for table in ("feedback", "feedback_comment")
    }
    assert columns["feedback"] == {"id", "day", "role", "language", "version", "blocks", "useful"}
    assert columns["feedback_comment"] == columns["feedback"] | {"comment"}


def test_answers_are_counted_by_the_database_in_groups_from_a_day_on_and_for_one_role(store):
    with store.session() as session:
        for day, role, useful in (
            (date(2026, 1, 5), "forelder", True),
            (DAY, "forelder", True),
            (DAY, "nav-ansatt", True),
            (date(2026, 4, 1), "forelder", True),
            (date(2026, 4, 2), "forelder", False),
        ):
            feedback.add(session, an_answer(day=day, role=role, useful=useful))
            feedback.add(session, a_comment(day=day, role=role, text=f"{role} {day}"))
        feedback.add(session, an_answer(day=DAY, version="bbbb"))
    with store.session() as session:
        assert feedback.answer_groups(session, since=DAY, role="forelder") == [
            feedback.AnswerGroup("forelder", "aaaa", ("b", "a"), True, 2, DAY, date(2026, 4, 1)),
            feedback.AnswerGroup("forelder", "aaaa", ("b", "a"), False, 1, date(2026, 4, 2), date(2026, 4, 2)),
            feedback.AnswerGroup("forelder", "bbbb", ("b", "a"), True, 1, DAY, DAY),
        ]
        assert sum(group.count for group in feedback.answer_groups(session)) == 6
        newest_first = [c.comment for c in feedback.comments(session, role="forelder")]
        assert newest_first == [
            "forelder 2026-04-02",
            "forelder 2026-04-01",
            "forelder 2026-03-01",
            "forelder 2026-01-05",
        ]
        assert [c.comment for c in feedback.comments(session, since=DAY, role="nav-ansatt")] == [
            "nav-ansatt 2026-03-01"
        ]


def test_old_comments_are_deleted_and_every_answer_is_kept(store):
    with store.session() as session:
        for day in (date(2025, 9, 1), date(2025, 9, 2), date(2025, 9, 3)):
            feedback.add(session, an_answer(day=day))
            feedback.add(session, a_comment(day=day, text=str(day)))
    with store.session() as session:
        assert feedback.purge_comments(session, before=date(2025, 9, 3)) == 2
    with store.session() as session:
        assert [c.comment for c in feedback.comments(session)] == ["2025-09-03"]
        assert session.scalar(select(func.count()).select_from(Feedback)) == 3


def test_stepping_back_one_migration_removes_the_feedback_and_keeps_the_submissions(store):
    with store.session() as session:
        feedback.add(session, an_answer())
    migrate.downgrade(store, "0001")
    assert {"feedback", "feedback_comment"}.isdisjoint(inspect(store.engine).get_table_names())
    assert "submission" in inspect(store.engine).get_table_names()
    migrate.upgrade(store)
    with store.session() as session:
        assert feedback.answer_groups(session) == []
