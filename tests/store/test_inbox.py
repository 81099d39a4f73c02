"""The editor's inbox and `flask db`, run as an editor and an operator would, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import select

from veileder.content import load_content
from veileder.inbox.cli import inbox
from veileder.store import migrate
from veileder.store.cli import db
from veileder.store.database import Store
from veileder.store.models import Status, Submission, UsedToken, utcnow

KAUTOKEINO_BEFORE = """---
contact:
  name: Kulturkontoret
  phone: 78 48 80 00
  roles: [familie]
offers:
  - name: Fritidskassa
    url: https://example.org/fritidskassa
    ages: 6-18
language: nn
---
Kommunen har fleire tilbod.
"""


def invoke(store: Store, content: Path, command, *args: str) -> Result:
    env = {"VEILEDER_DATABASE_URL": store.url, "VEILEDER_CONTENT_DIR": str(content)}
    return CliRunner().invoke(command, list(args), env=env)


def add(store: Store, **fields: object) -> int:
    values: dict[str, object] = {
        "language": "nb",
        "municipality": "5612",
        "contact_function": "Frivillighetskoordinator",
        "contact_name": "Kari Nordmann",
        "contact_email": "frivillig@kautokeino.kommune.no",
        "policy_status": "ja",
        "policy_url": "https://example.org/politikk",
        "centres": [{"name": "Kautokeino frivilligsentral", "url": "https://example.org/sentral", "email": ""}],
        "message": "Ring meg gjerne.\x1b[2J",
        "sender_email": "kari@kautokeino.kommune.no",
    }
    values.update(fields)
    with store.session() as session:
        submission = Submission(**values)
        session.add(submission)
        session.flush()
        return submission.id


def status_of(store: Store, submission_id: int) -> str:
    with store.session() as session:
        found = session.get(Submission, submission_id)
        assert found is not None
        return found.status


def test_list_and_show_what_came_in(store, content):
    assert invoke(store, content, inbox, "list").output == "The inbox is empty.\n"
    number = add(store)
    listed = invoke(store, content, inbox, "list")
    assert listed.exit_code == 0
    assert f"{number:>5}" in listed.output
    assert "5612 Kautokeino: contact point, policy: yes, 1 volunteer centre(s)" in listed.output
    shown = invoke(store, content, inbox, "show", str(number)).output
    assert "Contact point:            Frivillighetskoordinator" in shown
    assert "Sender (not published):   kari@kautokeino.kommune.no" in shown
    assert "\x1b" not in shown  # what a sender wrote cannot drive the editor's terminal
    assert "Ring meg gjerne.?[2J" in shown


def test_approve_writes_the_municipalitys_file_and_the_content_checks_clean(store, content):
    number = add(store)
    result = invoke(store, content, inbox, "approve", str(number))
    assert result.exit_code == 0, result.output
    assert "Created content/kommuner/5612.md; the content check passed." in result.output
    assert "git diff content/kommuner/5612.md" in result.output
    loaded = load_content(content)
    assert loaded.problems == ()
    page = loaded.local["5612"]
    contact, policy, centre = page.entries
    assert (contact.kind, contact.name, contact.person, contact.email) == (
        "contact",
        "Frivillighetskoordinator",
        "Kari Nordmann",
        "frivillig@kautokeino.kommune.no",
    )
    assert contact.source == "Kautokeino kommune (meldt inn via Veileder)"
    assert contact.confirmed == utcnow().date()
    assert (policy.kind, policy.status, policy.url) == ("policy", "ja", "https://example.org/politikk")
    assert (centre.kind, centre.name) == ("volunteer_centre", "Kautokeino frivilligsentral")
    assert page.language == "nb"
    assert "Ring meg" not in (content / "kommuner" / "5612.md").read_text(encoding="utf-8")
    assert "kari@" not in (content / "kommuner" / "5612.md").read_text(encoding="utf-8")
    assert status_of(store, number) == Status.APPROVED
    again = invoke(store, content, inbox, "approve", str(number))
    assert again.exit_code == 1
    assert "already approved" in again.output


def test_approve_keeps_what_the_file_had(store, content):
    path = content / "kommuner" / "5612.md"
    path.write_text(KAUTOKEINO_BEFORE, encoding="utf-8")
    number = add(store, policy_status=None, policy_url=None, centres=[], contact_name=None)
    assert invoke(store, content, inbox, "approve", str(number)).exit_code == 0
    page = load_content(content).local["5612"]
    contact, offer = page.entries
    assert contact.name == "Frivillighetskoordinator"
    assert contact.email == "frivillig@kautokeino.kommune.no"
    assert contact.phone is None  # the municipality's contact replaced the old one's details …
    assert contact.roles == frozenset({"familie"})  # … but the editor's choice of roles stays
    assert (offer.name, offer.ages) == ("Fritidskassa", (6, 18))
    assert page.language == "nn"
    assert path.read_text(encoding="utf-8").endswith("---\nKommunen har fleire tilbod.\n")


def test_approve_leaves_the_file_alone_when_the_result_would_not_check(store, content):
    path = content / "kommuner" / "5612.md"
    path.write_text(KAUTOKEINO_BEFORE, encoding="utf-8")
    number = add(store, contact_url="ftp://example.org")  # the form refuses this; the check does too
    result = invoke(store, content, inbox, "approve", str(number))
    assert result.exit_code == 1
    assert "the url must start with https:// or http://" in result.output
    assert path.read_text(encoding="utf-8") == KAUTOKEINO_BEFORE
    assert status_of(store, number) == Status.NEW


def test_reject_needs_a_reason_and_publishes_nothing(store, content):
    number = add(store)
    assert invoke(store, content, inbox, "reject", str(number)).exit_code == 2
    result = invoke(store, content, inbox, "reject", str(number), "--reason", "Ikke fra kommunen")
    assert result.exit_code == 0 and result.output == f"Rejected submission {number}.\n"
    assert not (content / "kommuner" / "5612.md").exists()
    assert status_of(store, number) == Status.REJECTED
    assert "Reason:                   Ikke fra kommunen" in invoke(store, content, inbox, "show", str(number)).output
    assert invoke(store, content, inbox, "list").output == "The inbox is empty.\n"
    assert "rejected" in invoke(store, content, inbox, "list", "--all").output


def test_an_unknown_submission_is_named(store, content):
    result = invoke(store, content, inbox, "show", "999")
    assert (result.exit_code, result.output) == (2, "There is no submission 999.\n")


def test_purge_deletes_what_was_decided_longer_ago_than_the_retention(store, content, monkeypatch):
    old, recent, waiting = add(store), add(store), add(store)
    with store.session() as session:
        for number, days in ((old, 31), (recent, 29)):
            submission = session.get(Submission, number)
            assert submission is not None
            submission.status = Status.REJECTED
            submission.decided_at = utcnow() - timedelta(days=days)
        session.add(UsedToken(nonce="old", form="kontakt", used_at=utcnow() - timedelta(hours=13)))
        session.add(UsedToken(nonce="new", form="kontakt", used_at=utcnow()))
    result = invoke(store, content, inbox, "purge")
    assert result.output == "Deleted 1 submission(s) decided more than 30 days ago and 1 expired form token(s).\n"
    with store.session() as session:
        assert sorted(session.scalars(select(Submission.id))) == sorted([recent, waiting])
    monkeypatch.setenv("VEILEDER_SUBMISSION_RETENTION_DAYS", "7")
    assert "Deleted 1 submission(s) decided more than 7 days ago" in invoke(store, content, inbox, "purge").output


def test_db_upgrade_current_and_downgrade_from_the_command_line(empty_store, content):
    head = migrate.head_revision()
    current = invoke(empty_store, content, db, "current")
    assert f"revision none (needs upgrading to {head})" in current.output
    upgraded = invoke(empty_store, content, db, "upgrade")
    assert upgraded.exit_code == 0 and upgraded.output.endswith(f"is at revision {head}\n")
    assert f"revision {head} (up to date)" in invoke(empty_store, content, db, "current").output
    down = invoke(empty_store, content, db, "downgrade", "base")
    assert down.output.endswith("is at revision base (no tables)\n")


def test_the_database_address_is_shown_without_its_password(tmp_path, content):
    store = Store("postgresql+psycopg://veileder:secret@127.0.0.1:1/nowhere")
    result = invoke(store, content, db, "current")
    assert result.exit_code == 1
    assert "secret" not in result.output and "***" in result.output
