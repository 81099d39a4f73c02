"""`flask content …`: check the content, list every path, draw each flow, write the content book.

The commands are registered as a Flask plugin, so they run without building the app: they must
work on broken content, which the app itself refuses to start with.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import click

from veileder.config import content_dir
from veileder.content import LANGUAGES, SOURCE_LANGUAGE, Content, Role, load_content
from veileder.content.book import write_book
from veileder.content.coverage import coverage
from veileder.content.graph import flow_document, flow_document_name, mermaid
from veileder.content.register import freshness_warning, summary
from veileder.engine.deadoptions import dead_options
from veileder.engine.paths import always_shown, enumerate_paths


@click.group(
    "content",
    help="Check the content, list the paths, draw each role's flow, write the content book, report translations.",
)
def content() -> None:
    pass


def _load() -> Content:
    return load_content(content_dir())


def _checked(role: str | None) -> tuple[Content, list[Role]]:
    """The content and the roles to work on: all, or the one named. Exits when the content has problems."""
    loaded = _load()
    if loaded.problems:
        click.echo("The content has problems; run `flask --app veileder content check`.", err=True)
        sys.exit(1)
    if role is not None and role not in loaded.roles:
        click.echo(f"Unknown role '{role}'. Roles: {', '.join(loaded.roles)}", err=True)
        sys.exit(2)
    return loaded, [loaded.roles[role]] if role else list(loaded.roles.values())


@content.command("check")
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on problems.")
def check(strict: bool) -> None:
    """Exit 0 with a summary line per role, or list every problem as path:line: message.

    Warnings (options that make no difference) are listed as path:line: warning: message; they
    fail the check only with --strict.
    """
    loaded = _load()
    if loaded.problems:
        for problem in loaded.problems:
            click.echo(str(problem))
        click.echo(f"{len(loaded.problems)} problem(s) found.", err=True)
        sys.exit(1)
    summaries = []
    warned = 0
    for role in loaded.roles.values():
        paths = list(enumerate_paths(role.flow))
        warnings = dead_options(role.flow, paths)
        for warning in warnings:
            click.echo(f"{warning.where}: warning: {warning.message}")
        warned += len(warnings)
        outcomes = {path.advice for path in paths}
        verdict = f"{len(warnings)} warning(s)" if warnings else "OK"
        summaries.append(
            f"{role.id}: {len(role.flow.questions)} questions, {len(role.flow.advice)} advice blocks, "
            f"{len(paths)} paths, {len(outcomes)} distinct outcomes: {verdict}"
        )
    click.echo("\n".join(summaries))
    if loaded.register is not None:
        click.echo(summary(loaded.register))
        if stale := freshness_warning(loaded.register, date.today()):
            click.echo(stale, err=True)
    if warned:
        consequence = "they fail the check (--strict)" if strict else "add --strict to make them fail the check"
        click.echo(f"{warned} warning(s): {consequence}.", err=True)
        if strict:
            sys.exit(1)


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
    """Every path through each role's flow (answers -> advice ids), with counts and the advice every path shows."""
    for current in _checked(role)[1]:
        found = list(enumerate_paths(current.flow))
        click.echo(f"# {current.id}")
        for path in found:
            click.echo(str(path))
        outcomes = Counter(path.advice for path in found)
        click.echo(f"{current.id}: {len(found)} paths, {len(outcomes)} distinct outcomes")
        click.echo(f"always shown: {', '.join(always_shown(current.flow, found)) or '(none)'}\n")


@content.command("graph")
@click.argument("role", required=False)
@click.option(
    "--write",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one Markdown file per role into this folder (docs/flows) instead of printing.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=SOURCE_LANGUAGE,
    show_default=True,
    help="The language of the labels.",
)
def graph(role: str | None, folder: Path | None, lang: str) -> None:
    """Each role's flow as a Mermaid flowchart: questions, answers, the result and its advice."""
    _, roles = _checked(role)
    if folder is None:
        click.echo("\n".join(f"%% {current.id}\n{mermaid(current, lang)}" for current in roles), nl=False)
        return
    folder.mkdir(parents=True, exist_ok=True)
    for current in roles:
        path = folder / flow_document_name(current, lang)
        path.write_text(flow_document(current, lang), encoding="utf-8")
        click.echo(f"wrote {path}")


@content.command("book")
@click.option(
    "--out",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/book"),
    show_default=True,
    help="The folder to write the documents into.",
)
def book(folder: Path) -> None:
    """A readable Markdown document per role and language, with every question, option and advice."""
    loaded, _ = _checked(None)
    for path in write_book(loaded, folder, LANGUAGES):
        click.echo(f"wrote {path}")
