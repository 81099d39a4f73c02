"""Submissions and form tokens, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from veileder.store import submissions, tokens
from veileder.store.models import Status, Submission, UsedToken, utcnow

HOSTILE = "<script>alert('x')</script> & «æøå» \u202e"


def a_submission(**changes: object) -> Submission:
    fields: dict[str, object] = {
        "language": "nb",
        "municipality": "5612",
        "contact_function": "Frivillighetskoordinator",
        "contact_email": "frivillig@kautokeino.kommune.no",
        "policy_status": "under-arbeid",
        "centres": [{"name": "Kautokeino frivilligsentral", "url": "https://example.org", "email": ""}],
        "message": HOSTILE,
        "sender_email": "kari@kautokeino.kommune.no",
    }
    fields.update(changes)
    return Submission(**fields)


def test_a_submission_is_kept_exactly_as_sent(store):
    with store.session() as session:
        added = submissions.add(session, a_submission())
        number = added.id
    with store.session() as session:
        found = submissions.find(session, number)
        assert found is not None
        assert found.message == HOSTILE  # text stays text: escaping is the templates' job
        assert found.centres == [{"name": "Kautokeino frivilligsentral", "url": "https://example.org", "email": ""}]
        assert found.status == Status.NEW
        assert found.received_at is not None and found.decided_at is None


def test_the_inbox_lists_oldest_first_and_by_status(store):
    with store.session() as session:
        first = submissions.add(session, a_submission(municipality="0301"))
        second = submissions.add(session, a_submission(municipality="4601"))
        submissions.decide(session, first, Status.REJECTED, "Ikke fra kommunen")
    with store.session() as session:
        assert [s.municipality for s in submissions.listed(session)] == ["0301", "4601"]
        assert [s.id for s in submissions.listed(session, Status.NEW)] == [second.id]
        rejected = submissions.listed(session, Status.REJECTED)
        assert [(s.id, s.decision_note) for s in rejected] == [(first.id, "Ikke fra kommunen")]


def test_purge_deletes_only_what_was_decided_before_the_limit(store):
    with store.session() as session:
        old = submissions.add(session, a_submission())
        recent = submissions.add(session, a_submission())
        waiting = submissions.add(session, a_submission())
        for decided in (old, recent):
            submissions.decide(session, decided, Status.APPROVED)
        old.decided_at = utcnow() - timedelta(days=31)
        waiting.received_at = utcnow() - timedelta(days=400)
    with store.session() as session:
        assert submissions.purge_decided(session, utcnow() - timedelta(days=30)) == 1
    with store.session() as session:
        assert {s.id for s in submissions.listed(session)} == {recent.id, waiting.id}


def test_a_decision_must_be_approve_or_reject(store):
    with store.session() as session:
        added = submissions.add(session, a_submission())
        with pytest.raises(ValueError):
            submissions.decide(session, added, Status.NEW)


def test_a_token_can_be_spent_once(store):
    with store.session() as session:
        tokens.spend(session, "abc", "kontakt")
    with store.session() as session, pytest.raises(tokens.TokenAlreadyUsedError):
        tokens.spend(session, "abc", "kontakt")


def test_a_token_spent_in_a_failed_transaction_is_not_spent(store):
    with pytest.raises(RuntimeError), store.session() as session:
        tokens.spend(session, "abc", "kontakt")
        raise RuntimeError("the submission could not be stored")
    with store.session() as session:
        tokens.spend(session, "abc", "kontakt")


def test_two_sends_racing_with_one_token_store_one(store):
    """Two instances receive the same form at once: one insert wins, the other is refused."""
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send() -> None:
        try:
            with store.session() as session:
                barrier.wait(timeout=10)
                tokens.spend(session, "same", "kontakt")
                submissions.add(session, a_submission())
            outcomes.append("stored")
        except tokens.TokenAlreadyUsedError:
            outcomes.append("refused")

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "stored"]
    with store.session() as session:
        assert len(submissions.listed(session)) == 1


def test_spent_tokens_are_forgotten_once_they_have_expired(store):
    with store.session() as session:
        tokens.spend(session, "old", "kontakt")
        tokens.spend(session, "new", "kontakt")
        old = session.get(UsedToken, "old")
        assert old is not None
        old.used_at = utcnow() - timedelta(days=2)
    with store.session() as session:
        assert tokens.forget_spent(session, utcnow() - timedelta(days=1)) == 1
        assert session.get(UsedToken, "new") is not None


def test_the_signing_key_is_there_after_the_migration(store):
    with store.session() as session:
        assert len(tokens.signing_secret(session)) >= 60
