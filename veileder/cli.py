"""`flask content …`: check the content, list every path through each flow.

The commands are registered as a Flask plugin, so they run without building the app: they must
work on broken content, which the app itself refuses to start with.
"""

from __future__ import annotations

import sys
from collections import Counter

import click

from veileder.config import content_dir
from veileder.content import Content, load_content
from veileder.content.coverage import coverage
from veileder.engine.paths import enumerate_paths


@click.group("content", help="Check the content, list the paths through each role, report translations.")
def content() -> None:
    pass


def _load() -> Content:
    return load_content(content_dir())


@content.command("check")
def check() -> None:
    """Exit 0 with a summary line per role, or list every problem as path:line: message."""
    loaded = _load()
    if loaded.problems:
        for problem in loaded.problems:
            click.echo(str(problem))
        click.echo(f"{len(loaded.problems)} problem(s) found.", err=True)
        sys.exit(1)
    for role in loaded.roles.values():
        paths = list(enumerate_paths(role.flow))
        outcomes = {path.advice for path in paths}
        click.echo(
            f"{role.id}: {len(role.flow.questions)} questions, {len(role.flow.advice)} advice blocks, "
            f"{len(paths)} paths, {len(outcomes)} distinct outcomes: OK"
        )


@content.command("translations")
def translations() -> None:
    """The share of the content translated into each language, and every piece that is missing."""
    loaded = _load()
    for report in coverage(loaded):
        click.echo(f"{report.language}: {report.percent} % translated ({report.translated} of {report.total})")
        for where in report.missing:
            click.echo(f"  missing: content/{where}")


@content.command("paths")
@click.argument("role", required=False)
def paths(role: str | None) -> None:
    """Every path through each role's flow (answers -> advice ids), with counts."""
    loaded = _load()
    if loaded.problems:
        click.echo("The content has problems; run `flask --app veileder content check`.", err=True)
        sys.exit(1)
    if role is not None and role not in loaded.roles:
        click.echo(f"Unknown role '{role}'. Roles: {', '.join(loaded.roles)}", err=True)
        sys.exit(2)
    for current in [loaded.roles[role]] if role else loaded.roles.values():
        found = list(enumerate_paths(current.flow))
        click.echo(f"# {current.id}")
        for path in found:
            click.echo(str(path))
        outcomes = Counter(path.advice for path in found)
        click.echo(f"{current.id}: {len(found)} paths, {len(outcomes)} distinct outcomes\n")
