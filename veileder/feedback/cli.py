"""`flask feedback …`: the editors' report on "Was the advice useful?", and the deletion of old comments.

`report` prints the counts per role, content version and advice block, with the latest comments,
and writes the same as an HTML file with tables and charts. `purge` deletes comments older than
VEILEDER_FEEDBACK_RETENTION_DAYS (an operator schedules it daily); the yes/no counts are kept.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import click

from veileder.config import content_dir, load_settings
from veileder.content import LANGUAGES, SOURCE_LANGUAGE, load_content
from veileder.feedback import html
from veileder.feedback.report import LATEST_COMMENTS, Report, RoleReport, build_report
from veileder.inbox.cli import safe
from veileder.store import feedback as stored
from veileder.store import tokens
from veileder.store.cli import opened
from veileder.store.models import utcnow
from veileder.web.views import date_in_oslo

DEFAULT_REPORT = Path("build/feedback-report.html")


@click.group("feedback", help="Report on the feedback on results, and delete old comments.")
def feedback() -> None:
    pass


@feedback.command("report")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only feedback from this day on (YYYY-MM-DD).")
@click.option("--role", help="Only this role (its id, such as forelder).")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=SOURCE_LANGUAGE,
    show_default=True,
    help="The HTML report's language.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_REPORT,
    show_default=True,
    help="Where to write the HTML report.",
)
@click.option(
    "--comments",
    "latest",
    type=click.IntRange(min=0),
    default=LATEST_COMMENTS,
    show_default=True,
    help="How many of the latest comments to show per role.",
)
def report(since: datetime | None, role: str | None, lang: str, out: Path, latest: int) -> None:
    """Per role and advice block: how many answered results showed it and the share of yes, per content version.

    Also the latest comments per role. The same numbers go into an HTML file with tables and charts,
    which needs no server: open it in a browser, or send it on.
    """
    content = load_content(content_dir())  # for the names and titles; the ids do without them
    if role is not None and role not in content.roles:
        click.echo(f"Note: the content has no role '{role}' (now); showing what is stored for it.", err=True)
    day = since.date() if since is not None else None
    with opened() as store, store.session() as session:
        built = build_report(
            stored.answer_groups(session, day, role),
            stored.comments(session, day, role),
            content,
            lang,
            made=date_in_oslo(),
            since=day,
            role=role,
            latest=latest,
        )
    for line in text_lines(built):
        click.echo(line)
    click.echo(f"\nWrote {html.write(built, out)} (tables and charts; open it in a browser).")


def text_lines(built: Report) -> list[str]:
    """The report for the terminal: block ids rather than titles, to keep the lines short."""
    scope = f"from {built.since.isoformat()} on" if built.since else "all stored"
    lines = [f"Feedback on the advice ({scope}): {built.answered} answer(s), {built.comments} comment(s) shown."]
    if not built.roles:
        lines.append("There is no feedback for this selection yet.")
    for role in built.roles:
        lines += ["", f"{role.role} ({role.name}): {role.total.answered} answer(s), {role.total.percent} yes"]
        lines += _versions(role)
        lines += _table(role)
        lines += _comments(role)
    return lines


def _versions(role: RoleReport) -> list[str]:
    return [
        f"  v{version.number} {version.version} ({html.version_span(version)}): "
        f"{version.total.answered} answer(s), {version.total.percent} yes"
        for version in role.versions
    ]


def _table(role: RoleReport) -> list[str]:
    if not role.versions:
        return []
    header = ["advice block"] + [f"v{v.number} {what}" for v in role.versions for what in ("shown", "yes")]
    rows = [
        [block_id]
        + [cell for v in role.versions for cell in (str(v.block(block_id).answered), v.block(block_id).percent)]
        for block_id in role.blocks
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "    " + "  ".join(
            [first, *(cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))]
        )

    return ["", line(header), *(line(row) for row in rows)]


def _comments(role: RoleReport) -> list[str]:
    if not role.comments:
        return ["  No comments."]
    lines = ["", "  Latest comments:"]
    for comment in role.comments:
        version = f"v{comment.version_number}" if comment.version_number else comment.version
        useful = {True: "yes", False: "no", None: "-"}[comment.useful]
        text = " / ".join(safe(comment.text).splitlines())
        lines.append(f"    {comment.day.isoformat()}  {version}  {useful:<3}  {comment.language}  {text}")
    return lines


@feedback.command("purge")
def purge() -> None:
    """Delete comments older than VEILEDER_FEEDBACK_RETENTION_DAYS (the yes/no counts stay), and expired form tokens.

    Schedule it daily (cron, a systemd timer or the platform's scheduled job).
    """
    settings = load_settings()
    days = settings["FEEDBACK_RETENTION_DAYS"]
    before: date = date_in_oslo() - timedelta(days=days)
    with opened() as store, store.session() as session:
        deleted = stored.purge_comments(session, before)
        forgotten = tokens.forget_spent(session, utcnow() - timedelta(hours=settings["FORM_MAX_HOURS"]))
    click.echo(
        f"Deleted {deleted} comment(s) from before {before.isoformat()} (older than {days} days); "
        f"the yes/no answers are kept. Forgot {forgotten} expired form token(s)."
    )
