"""`flask local refresh`: the register snapshot of local voluntary organisations, from Brønnøysund.

Registered as a Flask plugin like `flask content`, so it runs without building the app.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import FrameType

import click

from veileder.config import SettingError, load_settings
from veileder.content.register import SNAPSHOT
from veileder.local.fetch import Fetcher, RefreshError
from veileder.local.progress import Progress
from veileder.local.refresh import Sources, refresh


@click.group("local", help="Refresh the snapshot of local voluntary organisations from Brønnøysund's open registers.")
def local() -> None:
    pass


@local.command("refresh")
@click.option(
    "--from",
    "bulk_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read Enhetsregisteret's bulk file (enheter, gzipped JSON) from this file instead of downloading it.",
)
def refresh_command(bulk_file: Path | None) -> None:
    """Read Enhetsregisteret and Frivillighetsregisteret and replace content/register/ with what they say now.

    Exits 0 when the new snapshot is in place; otherwise says what failed, leaves the previous snapshot
    exactly as it was, and exits 1 (130 when interrupted).
    """
    try:
        settings = load_settings()
    except SettingError as error:
        raise click.UsageError(str(error)) from None
    content_dir = Path(settings["CONTENT_DIR"])
    target = content_dir / SNAPSHOT
    progress = Progress()
    fetcher = Fetcher(
        timeout=settings["REGISTER_TIMEOUT"],
        attempts=max(1, settings["REGISTER_ATTEMPTS"]),
        delay=settings["REGISTER_RETRY_DELAY"],
        progress=progress,
    )
    for key in ("ENHETSREGISTERET_URL", "FRIVILLIGHETSREGISTERET_URL"):
        if not str(settings[key]).startswith(("https://", "http://")):
            raise click.UsageError(f"VEILEDER_{key} must be a web address (https://…), not {settings[key]!r}")
    sources = Sources(settings["ENHETSREGISTERET_URL"], settings["FRIVILLIGHETSREGISTERET_URL"])
    kept = f"{target} is unchanged." if target.is_file() else f"There is still no {target}."
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        outcome = refresh(content_dir, sources, fetcher, progress, bulk_file)
    except RefreshError as error:
        progress.say(f"Refresh failed: {error}\n{kept}")
        sys.exit(1)
    except KeyboardInterrupt:
        progress.say(f"Refresh interrupted. {kept}")
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    left_out = ", ".join(f"{count:,} {why}" for why, count in sorted(outcome.found.left_out.items()))
    click.echo(
        f"Wrote {outcome.path}: {outcome.organisations:,} organisations and {outcome.volunteer_centres:,} volunteer "
        f"centres in {outcome.municipalities} municipalities; websites for {outcome.websites} municipalities."
        + (f"\nLeft out: {left_out}." if left_out else "")
    )


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
