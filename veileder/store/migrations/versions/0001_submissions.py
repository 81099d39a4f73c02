"""Municipalities' submissions, used form tokens and the form-signing key.

Revision ID: 0001
Revises:
Created: 2026-11-30
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("municipality", sa.String(4), nullable=False),
        sa.Column("contact_function", sa.String(200), nullable=True),
        sa.Column("contact_name", sa.String(200), nullable=True),
        sa.Column("contact_email", sa.String(254), nullable=True),
        sa.Column("contact_phone", sa.String(40), nullable=True),
        sa.Column("contact_url", sa.String(500), nullable=True),
        sa.Column("policy_status", sa.String(20), nullable=True),
        sa.Column("policy_url", sa.String(500), nullable=True),
        sa.Column("declaration_status", sa.String(20), nullable=True),
        sa.Column("declaration_url", sa.String(500), nullable=True),
        sa.Column("centres", sa.JSON(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("sender_email", sa.String(254), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission")),
    )
    op.create_index(op.f("ix_submission_municipality"), "submission", ["municipality"])
    op.create_index(op.f("ix_submission_status"), "submission", ["status"])
    op.create_index(op.f("ix_submission_decided_at"), "submission", ["decided_at"])
    op.create_table(
        "used_token",
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("form", sa.String(40), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("nonce", name=op.f("pk_used_token")),
    )
    op.create_index(op.f("ix_used_token_used_at"), "used_token", ["used_at"])
    keys = op.create_table(
        "signing_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_key")),
    )
    # One key per database, made here once: every instance that shares the database signs alike.
    op.bulk_insert(keys, [{"id": 1, "secret": secrets.token_urlsafe(48), "created_at": datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table("signing_key")
    op.drop_index(op.f("ix_used_token_used_at"), table_name="used_token")
    op.drop_table("used_token")
    op.drop_index(op.f("ix_submission_decided_at"), table_name="submission")
    op.drop_index(op.f("ix_submission_status"), table_name="submission")
    op.drop_index(op.f("ix_submission_municipality"), table_name="submission")
    op.drop_table("submission")
