"""The feedback report as one HTML file: tables and SVG bar charts, readable on a phone, offline.

Everything is in the file (its CSS inline, no scripts, nothing fetched), so an editor can open it
from a disk or an e-mail. Each chart is an image with a title and a description that says every
number it draws, and the table beside it has the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from veileder.catalogs import Translator, translator
from veileder.feedback.report import Report, RoleReport, Version
from veileder.vocabulary import LANGUAGES, SOURCE_LANGUAGE

TEMPLATES = Path(__file__).parent.parent / "templates"
TEMPLATE = "report/feedback_report.html"

#: The chart's drawing units: the SVG scales to the page's width.
WIDTH = 320
LABEL = 34  # the version's label left of each bar
TRACK = 200  # the bar's full length: 100 % yes
TITLE_ROW = 20
BAR_ROW = 20
GAP = 8
#: Characters of an advice title that fit on the chart's line (the table has it whole).
TITLE_CHARS = 42


@dataclass(frozen=True)
class Bar:
    y: int
    label: str  # "v1"
    length: float  # 0 to TRACK
    value: str  # "75 % of 4"


@dataclass(frozen=True)
class Group:
    """One advice block in a chart: its title, and a bar per version."""

    y: int
    title: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    id: str
    height: int
    groups: tuple[Group, ...]


def _short(text: str) -> str:
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def chart(role: RoleReport, _: Translator) -> Chart:
    """The bars of a role's chart: for each advice block, the share of yes under each version."""
    groups = []
    y = GAP
    for block_id in role.blocks:
        bars = []
        row = y + TITLE_ROW
        for version in role.versions:
            tally = version.block(block_id)
            share = tally.share or 0.0
            value = (
                _("%(percent)s of %(count)s", percent=tally.percent, count=tally.answered) if tally.answered else "–"
            )
            bars.append(Bar(row, f"v{version.number}", round(share * TRACK, 1), value))
            row += BAR_ROW
        groups.append(Group(y, _short(role.title(block_id)), tuple(bars)))
        y = row + GAP
    return Chart(f"chart-{role.role}", y, tuple(groups))


def render(report: Report) -> str:
    """The report as a whole HTML document in the report's language."""
    lang = report.lang if report.lang in LANGUAGES else SOURCE_LANGUAGE
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True), trim_blocks=True
    )
    _ = translator(lang)
    environment.globals["_"] = _
    charts = {role.role: chart(role, _) for role in report.roles}
    return environment.get_template(TEMPLATE).render(
        report=report, lang=lang, charts=charts, width=WIDTH, label=LABEL, track=TRACK, version_span=version_span
    )


def version_span(version: Version) -> str:
    """When a version's answers came: one day, or the first and the last."""
    first, last = version.first_day.isoformat(), version.last_day.isoformat()
    return first if first == last else f"{first} – {last}"


def write(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(report), encoding="utf-8")
    return path
