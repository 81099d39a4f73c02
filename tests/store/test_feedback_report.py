"""`flask feedback report` and `purge`, on SQLite and PostgreSQL, with the small fixture content."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner, Result

from tests.conftest import MINIMAL
from veileder.content import load_content
from veileder.feedback.cli import feedback
from veileder.feedback.report import build_report
from veileder.store import feedback as stored
from veileder.store.database import Store
from veileder.store.feedback import AnswerGroup
from veileder.store.models import Feedback, FeedbackComment
from veileder.web.views import date_in_oslo

OLD, NEW = "v-old", "v-new"


def invoke(store: Store, content: Path, *args: str, **env: str) -> Result:
    settings = {"VEILEDER_DATABASE_URL": store.url, "VEILEDER_CONTENT_DIR": str(content), **env}
    return CliRunner().invoke(feedback, list(args), env=settings)


def answer(role: str, version: str, blocks: list[str], useful: bool, day: date = date(2026, 5, 4)) -> Feedback:
    return Feedback(day=day, role=role, language="nb", version=version, blocks=blocks, useful=useful)


def comment(role: str, text: str, day: date = date(2026, 5, 4), version: str = NEW) -> FeedbackComment:
    return FeedbackComment(day=day, role=role, language="nn", version=version, blocks=[], useful=False, comment=text)


@pytest.fixture
def some_feedback(store: Store) -> Store:
    """Under the old version finn-aktivitet helped one in three; under the new one, two in two."""
    rows: list[Feedback | FeedbackComment] = [
        answer("familie", OLD, ["finn-aktivitet", "spor-nav"], False, date(2026, 4, 1)),
        answer("familie", OLD, ["finn-aktivitet"], False, date(2026, 4, 2)),
        answer("familie", OLD, ["finn-aktivitet", "fortsett"], True, date(2026, 4, 3)),
        answer("familie", NEW, ["finn-aktivitet", "fortsett"], True, date(2026, 5, 1)),
        answer("familie", NEW, ["finn-aktivitet", "spor-nav"], True, date(2026, 5, 2)),
        answer("gammel-rolle", "v-gone", ["borte"], False, date(2026, 5, 3)),
        comment("familie", "Mangler noe om <utstyr>\nog om transport", date(2026, 5, 2)),
        comment("familie", "Eldre kommentar", date(2026, 4, 2), OLD),
    ]
    with store.session() as session:
        for row in rows:
            stored.add(session, row)
    return store


def test_the_report_counts_each_block_per_version_and_shows_the_latest_comments(some_feedback, content):
    result = invoke(some_feedback, content, "report", "--out", "rapport.html")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Feedback on the advice (all stored): 6 answer(s), 2 comment(s) shown."
    assert "familie (Familie): 5 answer(s), 60 % yes" in lines
    assert "  v1 v-old (2026-04-01 – 2026-04-03): 3 answer(s), 33 % yes" in lines
    assert "  v2 v-new (2026-05-01 – 2026-05-02): 2 answer(s), 100 % yes" in lines
    table = [line.split() for line in lines if line.startswith("    ") and not line.startswith("    20")]
    assert table[:4] == [
        ["advice", "block", "v1", "shown", "v1", "yes", "v2", "shown", "v2", "yes"],
        ["finn-aktivitet", "3", "33", "%", "2", "100", "%"],
        ["spor-nav", "1", "0", "%", "1", "100", "%"],
        ["fortsett", "1", "100", "%", "1", "100", "%"],
    ]
    assert "    2026-05-02  v2  no   nn  Mangler noe om <utstyr> / og om transport" in lines
    assert "gammel-rolle (gammel-rolle): 1 answer(s), 0 % yes" in lines  # a role the content no longer has
    assert lines[-1] == f"Wrote {Path('rapport.html')} (tables and charts; open it in a browser)."


def test_the_html_report_has_the_same_numbers_as_tables_and_charts(some_feedback, content):
    assert invoke(some_feedback, content, "report", "--out", "out/rapport.html", "--lang", "nn").exit_code == 0
    page = lxml.html.fromstring((content.parent / "out" / "rapport.html").read_bytes())
    assert page.get("lang") == "nn"
    assert page.xpath("//script") == [] and page.xpath("//link") == [] and page.xpath("//*[@src]") == []
    [table] = page.xpath("//section[h2[@id='role-familie']]//table[caption[starts-with(., 'Familie: kvart råd')]]")
    rows = [[" ".join(" ".join(cell.itertext()).split()) for cell in row] for row in table.xpath(".//tr")]
    assert rows == [
        ["Råd", "v1 vist", "v1 ja", "v2 vist", "v2 ja"],
        ["Råd finn-aktivitet finn-aktivitet", "3", "33 %", "2", "100 %"],
        ["Råd spor-nav spor-nav", "1", "0 %", "1", "100 %"],
        ["Råd fortsett fortsett", "1", "100 %", "1", "100 %"],
        ["Alle resultat med svar", "3", "33 %", "2", "100 %"],
    ]
    [chart] = page.xpath("//section[h2[@id='role-familie']]//svg")
    assert chart.get("role") == "img"
    assert chart.get("aria-labelledby") == "chart-familie-title chart-familie-desc"
    description = " ".join(chart.xpath(".//desc")[0].text_content().split())
    assert description.startswith("Råd finn-aktivitet: v1 33 % ja (vist 3 gonger); v2 100 % ja (vist 2 gonger).")
    bars = chart.xpath(".//rect[@class='chart-bar']")
    assert [float(bar.get("width")) for bar in bars] == [66.7, 200.0, 200.0, 200.0, 200.0]  # 0 % draws no bar
    comments = page.xpath("//table[caption[starts-with(., 'Familie: dei siste')]]//td[@class='comment']")
    assert [cell.text_content() for cell in comments] == ["Mangler noe om <utstyr>\nog om transport", "Eldre kommentar"]


def test_the_report_can_start_on_a_day_and_take_one_role(some_feedback, content):
    result = invoke(some_feedback, content, "report", "--since", "2026-05-01", "--role", "familie", "--out", "r.html")
    assert result.exit_code == 0, result.output
    assert (
        result.output.splitlines()[0] == "Feedback on the advice (from 2026-05-01 on): 2 answer(s), 1 comment(s) shown."
    )
    assert "v1 v-new" in result.output and "v-old" not in result.output and "gammel-rolle" not in result.output
    assert "  v1 v-new (2026-05-01 – 2026-05-02): 2 answer(s), 100 % yes" in result.output


def test_an_empty_store_gives_a_report_that_says_so(store, content):
    result = invoke(store, content, "report", "--out", "r.html")
    assert result.exit_code == 0
    assert "There is no feedback for this selection yet." in result.output
    assert "Det finnes ingen tilbakemeldinger for dette utvalget ennå." in (content.parent / "r.html").read_text()


def test_a_bad_date_is_refused_with_a_message(store, content):
    result = invoke(store, content, "report", "--since", "1. mai")
    assert result.exit_code == 2
    assert "'1. mai' does not match the format '%Y-%m-%d'" in result.output


def test_purge_deletes_comments_older_than_the_setting_and_keeps_every_answer(store, content):
    today = date_in_oslo()
    with store.session() as session:
        for age in (0, 9, 10, 11, 400):
            stored.add(session, comment("familie", f"{age} days old", today - timedelta(days=age)))
            stored.add(session, answer("familie", NEW, ["finn-aktivitet"], True, today - timedelta(days=age)))
    result = invoke(store, content, "purge", VEILEDER_FEEDBACK_RETENTION_DAYS="10")
    assert result.exit_code == 0, result.output
    before = (today - timedelta(days=10)).isoformat()
    assert result.output.startswith(f"Deleted 2 comment(s) from before {before} (older than 10 days); the yes/no")
    with store.session() as session:
        assert sorted(c.comment for c in stored.comments(session)) == ["0 days old", "10 days old", "9 days old"]
        assert sum(group.count for group in stored.answer_groups(session)) == 5


def test_by_default_comments_are_kept_180_days(store, content):
    today = date_in_oslo()
    with store.session() as session:
        stored.add(session, comment("familie", "kept", today - timedelta(days=180)))
        stored.add(session, comment("familie", "deleted", today - timedelta(days=181)))
    assert invoke(store, content, "purge").exit_code == 0
    with store.session() as session:
        assert [c.comment for c in stored.comments(session)] == ["kept"]


def test_counting_needs_no_database_and_orders_versions_by_their_first_day():
    content = load_content(MINIMAL)
    groups = [
        AnswerGroup("familie", "b", ("fortsett",), True, 1, date(2026, 2, 1), date(2026, 2, 1)),
        AnswerGroup("familie", "a", ("fortsett",), False, 1, date(2026, 1, 1), date(2026, 1, 1)),
        AnswerGroup("familie", "b", ("fortsett",), False, 1, date(2026, 1, 15), date(2026, 1, 15)),
    ]
    report = build_report(groups, [], content, "en", made=date(2026, 2, 2))
    [role] = report.roles
    assert [(v.number, v.version, v.first_day, v.last_day) for v in role.versions] == [
        (1, "a", date(2026, 1, 1), date(2026, 1, 1)),
        (2, "b", date(2026, 1, 15), date(2026, 2, 1)),
    ]
    assert role.versions[1].block("fortsett").percent == "50 %"
    assert role.versions[0].block("spor-nav").percent == "–"
