"""Preview for editors: content changes show at once in development; broken content is listed in
the browser with file and line; in production the app refuses to start and prints the same list."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from veileder import create_app
from veileder.cli import content as content_command
from veileder.web.app import BrokenContentError

ROOT = Path(__file__).resolve().parents[2]
FLOW = Path("roles/familie/flow.yaml")
ALDER = Path("roles/familie/nb/questions/alder.md")


@pytest.fixture
def content_dir(content_copy: Path) -> Path:
    return content_copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    # make sure the change is seen even on file systems with coarse modification times
    later = time.time() + 2
    os.utime(path, (later, later))


def checker_lines(content_dir: Path) -> list[str]:
    result = CliRunner().invoke(content_command, ["check"], env={"VEILEDER_CONTENT_DIR": str(content_dir)})
    return result.stdout.splitlines()


def test_a_changed_text_shows_on_the_next_request_without_a_restart(content_dir):
    client = create_app({"DEBUG": True, "CONTENT_DIR": str(content_dir)}).test_client()
    assert "Hvor gammel er barnet?" in client.get("/nb/familie/alder").get_data(as_text=True)
    edit(content_dir / ALDER, "Hvor gammel er barnet?", "Hvor gamle er barna?")
    assert "Hvor gamle er barna?" in client.get("/nb/familie/alder").get_data(as_text=True)


def test_broken_content_shows_as_a_page_of_problems_and_recovers_when_fixed(content_dir):
    client = create_app({"DEBUG": True, "CONTENT_DIR": str(content_dir)}).test_client()
    edit(content_dir / FLOW, "goto: kommune", "goto: kommmune")
    response = client.get("/nb/familie/alder")
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Innholdet har feil" in page
    expected = checker_lines(content_dir)[0]  # the checker and the preview say the same
    path, message = expected.split(": ", 1)
    assert f"<code>{path}</code>: {message}" in page.replace("&#39;", "'")
    edit(content_dir / FLOW, "goto: kommmune", "goto: kommune")
    assert client.get("/nb/familie/alder").status_code == 200


def test_a_new_question_and_advice_appear_in_the_preview(content_dir):
    client = create_app({"DEBUG": True, "CONTENT_DIR": str(content_dir)}).test_client()
    edit(
        content_dir / FLOW,
        "  - id: kommune\n",
        "  - id: fritid\n    type: single\n    options: [ofte, sjelden]\n  - id: kommune\n",
    )
    edit(
        content_dir / FLOW,
        "links: [ungfritid]",
        "  - id: mer-fritid\n    when: {question: fritid, equals: sjelden}\nlinks: [ungfritid]",
    )
    questions = content_dir / "roles/familie/nb/questions"
    (questions / "fritid.md").write_text(
        "---\ntitle: Hvor ofte har barnet fritid?\noptions:\n  ofte: Ofte\n  sjelden: Sjelden\n---\n"
    )
    advice = content_dir / "roles/familie/nb/advice"
    (advice / "mer-fritid.md").write_text("---\ntitle: Sett av mer tid\naction: Sett av en fast fritidsdag.\n---\nLag en fast fritidsdag.\n")
    question = client.get("/nb/familie/fritid?alder=barn&aktivitet=nei&hindring=ingen")
    assert question.status_code == 200, question.get_data(as_text=True)
    assert "Hvor ofte har barnet fritid?" in question.get_data(as_text=True)
    result = client.get("/nb/familie/resultat?alder=barn&aktivitet=nei&hindring=ingen&fritid=sjelden&kommune=0301")
    assert "Sett av mer tid" in result.get_data(as_text=True)


def test_production_refuses_to_start_with_broken_content_and_lists_the_problems(content_dir):
    edit(content_dir / FLOW, "goto: kommune", "goto: kommmune")
    with pytest.raises(BrokenContentError) as raised:
        create_app({"CONTENT_DIR": str(content_dir)})
    assert checker_lines(content_dir)[0] in str(raised.value)


def test_the_wsgi_entry_point_prints_the_problems_and_exits(content_dir):
    edit(content_dir / FLOW, "goto: kommune", "goto: kommmune")
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        cwd=ROOT,
        env={**os.environ, "VEILEDER_CONTENT_DIR": str(content_dir)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "goto names 'kommmune', which is not a question in this role" in result.stderr
    assert "Traceback" not in result.stderr
