"""Build the register snapshot from both registers and put it in place atomically.

Order: the category names and the Frivillighetsregisteret walk (small), then the bulk file (large,
streamed to a temporary file and parsed from there), then the snapshot. It is written to a temporary
file beside the old one, read back with the same checks as `content check`, and only then renamed
over it: a refresh that fails or is interrupted at any point leaves the old snapshot as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from veileder.content.municipalities import read_municipalities
from veileder.content.reader import Reader
from veileder.content.register import SNAPSHOT, Snapshot, read_register, snapshot_lines
from veileder.local.enheter import Found, read_units
from veileder.local.fetch import Fetcher, RefreshError
from veileder.local.frivillighet import icnpo_categories, organisation_categories
from veileder.local.progress import Progress, megabytes

SOURCE = "Brønnøysundregistrene: Enhetsregisteret og Frivillighetsregisteret"


@dataclass(frozen=True)
class Sources:
    enhetsregisteret: str  # the API's base address, such as https://data.brreg.no/enhetsregisteret/api
    frivillighetsregisteret: str

    @property
    def bulk_url(self) -> str:
        return f"{self.enhetsregisteret.rstrip('/')}/enheter/lastned"


@dataclass(frozen=True)
class Outcome:
    path: Path
    organisations: int
    volunteer_centres: int
    municipalities: int
    websites: int
    found: Found


def refresh(
    content_dir: Path, sources: Sources, fetcher: Fetcher, progress: Progress, bulk_file: Path | None = None
) -> Outcome:
    """Read both registers and replace the snapshot in `content_dir`. Raises RefreshError on any failure."""
    numbers = _municipality_numbers(content_dir)
    target = content_dir / SNAPSHOT
    _remove_leftovers(target)
    base = sources.frivillighetsregisteret.rstrip("/")
    icnpo = icnpo_categories(fetcher, base)
    progress.say(f"Frivillighetsregisteret: {len(icnpo)} ICNPO categories")
    categories = organisation_categories(fetcher, base, progress)
    if not categories:
        raise RefreshError(f"{base}/frivillige-organisasjoner listed no organisations")
    progress.say(f"Frivillighetsregisteret: {len(categories):,} organisations")
    unnamed = {code for codes in categories.values() for code in codes} - icnpo.keys()
    if unnamed:  # a code the category list does not name cannot be shown: leave it out, and say so
        progress.say(f"  left out ICNPO codes the category list does not name: {', '.join(sorted(unnamed, key=int))}")
        categories = {number: tuple(c for c in codes if c in icnpo) for number, codes in categories.items()}
    if bulk_file is not None:
        found = read_units(bulk_file, categories, numbers, progress)
    else:
        with tempfile.TemporaryDirectory(prefix="veileder-enheter-") as folder:
            downloaded = Path(folder) / "enheter.json.gz"
            size = fetcher.download(sources.bulk_url, downloaded)
            progress.say(f"Enhetsregisteret: downloaded {megabytes(size)} from {sources.bulk_url}")
            found = read_units(downloaded, categories, numbers, progress)
    progress.say(f"Enhetsregisteret: {found.units:,} units read")
    if not found.organisations and not found.volunteer_centres:
        raise RefreshError("no active organisation in Frivillighetsregisteret was found in the bulk file")
    snapshot = Snapshot(
        fetched=date.today(),
        source=SOURCE,
        sources={"enhetsregisteret": sources.bulk_url, "frivillighetsregisteret": f"{base}/frivillige-organisasjoner"},
        icnpo=icnpo,
        websites=found.websites,
        volunteer_centres=found.volunteer_centres,
        organisations=found.organisations,
    )
    write_atomically(target, snapshot_lines(snapshot), numbers)
    return Outcome(
        target,
        sum(len(orgs) for orgs in found.organisations.values()),
        sum(len(orgs) for orgs in found.volunteer_centres.values()),
        len(set(found.organisations) | set(found.volunteer_centres)),
        sum(1 for site in found.websites.values() if site),
        found,
    )


def _municipality_numbers(content_dir: Path) -> list[str]:
    path = content_dir / "kommuner" / "kommuner.csv"
    if not path.is_file():
        raise RefreshError(f"{path} is missing: the refresh places organisations in its municipalities")
    found, problems = read_municipalities(path.read_text(encoding="utf-8"), str(path))
    if problems or not found:
        raise RefreshError(f"{path} has problems; run `flask --app veileder content check`")
    return [m.number for m in found]


def _temporary_name(target: Path) -> str:
    return f".{target.name}."


def _remove_leftovers(target: Path) -> None:
    """Temporary files a killed refresh could not remove."""
    if target.parent.is_dir():
        for leftover in target.parent.glob(f"{_temporary_name(target)}*.tmp"):
            leftover.unlink(missing_ok=True)


def write_atomically(target: Path, lines: Iterable[str], numbers: list[str]) -> None:
    """Write beside `target`, check what was written, then rename it over `target` in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix=_temporary_name(target), suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as out:
            out.writelines(lines)
            out.flush()
            os.fsync(out.fileno())
        reader = Reader()
        if read_register(temporary, str(target), reader, numbers) is None or reader.problems:
            listed = "; ".join(str(problem) for problem in reader.problems[:5])
            raise RefreshError(f"the new snapshot did not pass the content checks: {listed}")
        temporary.chmod(0o644)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
