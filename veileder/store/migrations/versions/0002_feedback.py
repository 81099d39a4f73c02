"""Feedback on results: the yes/no answers, and the comments.

Revision ID: 0002
Revises: 0001
Created: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _columns() -> list[sa.Column[object]]:
    """The columns both tables have: where the feedback was given, and on what."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("role", sa.String(64), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("version", sa.String(20), nullable=False),
        sa.Column("blocks", sa.JSON(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "feedback",
        *_columns(),
        sa.Column("useful", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    op.create_index(op.f("ix_feedback_day"), "feedback", ["day"])
    op.create_index(op.f("ix_feedback_role"), "feedback", ["role"])
    op.create_table(
        "feedback_comment",
        *_columns(),
        sa.Column("useful", sa.Boolean(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_comment")),
    )
    op.create_index(op.f("ix_feedback_comment_day"), "feedback_comment", ["day"])
    op.create_index(op.f("ix_feedback_comment_role"), "feedback_comment", ["role"])


def downgrade() -> None:
    op.drop_index(op.f("ix_feedback_comment_role"), table_name="feedback_comment")
    op.drop_index(op.f("ix_feedback_comment_day"), table_name="feedback_comment")
    op.drop_table("feedback_comment")
    op.drop_index(op.f("ix_feedback_role"), table_name="feedback")
    op.drop_index(op.f("ix_feedback_day"), table_name="feedback")
    op.drop_table("feedback")
