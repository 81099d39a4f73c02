"""Turn an approved submission into the municipality's content file, and check the result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from veileder.content import Content, load_content
from veileder.content.localfile import Entry, write_entries
from veileder.content.municipalities import Municipality
from veileder.engine.checks import Problem
from veileder.store.models import Submission
from veileder.vocabulary import NORWEGIAN, SOURCE_LANGUAGE


def entries_of(submission: Submission) -> dict[str, Entry | list[Entry]]:
    """The entries a submission speaks for, in the content format (empty fields left out)."""
    entries: dict[str, Entry | list[Entry]] = {}
    if submission.contact_function:
        entries["contact"] = {
            "name": submission.contact_function,
            "person": submission.contact_name,
            "email": submission.contact_email,
            "phone": submission.contact_phone,
            "url": submission.contact_url,
        }
    if submission.policy_status:
        entries["policy"] = {"status": submission.policy_status, "url": submission.policy_url}
    if submission.declaration_status:
        entries["leisure_declaration"] = {"status": submission.declaration_status, "url": submission.declaration_url}
    centres = [{key: centre.get(key) for key in ("name", "url", "email")} for centre in submission.centres]
    if centres:
        entries["volunteer_centre"] = centres
    return entries


def source_of(municipality: Municipality) -> str:
    """Who confirmed the entries, in the words pages show (nb and nn alike)."""
    return f"{municipality.name} kommune (meldt inn via Veileder)"


@dataclass(frozen=True)
class Published:
    path: Path
    created: bool
    problems: tuple[Problem, ...]  # problems the check found in the written file (then it is put back)
    dropped_comments: bool


def publish(content: Content, submission: Submission, today: date) -> Published:
    """Write the submission into `kommuner/<number>.md` and check the content; a file with problems is
    put back as it was."""
    municipality = content.municipality(submission.municipality)
    if municipality is None:
        raise LookupError(f"{submission.municipality} is not a municipality in kommuner.csv")
    path = content.directory / "kommuner" / f"{municipality.number}.md"
    before = path.read_text(encoding="utf-8") if path.is_file() else None
    written = write_entries(
        before,
        entries_of(submission),
        language=submission.language if submission.language in NORWEGIAN else SOURCE_LANGUAGE,
        source=source_of(municipality),
        confirmed=today,
    )
    path.write_text(written.text, encoding="utf-8")
    problems = tuple(
        p for p in load_content(content.directory).problems if p.where.path.endswith(f"kommuner/{path.name}")
    )
    if problems:
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")
    return Published(path, before is None, problems, written.dropped_comments)
