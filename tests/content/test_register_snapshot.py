"""The register snapshot in the content: checked line by line, warned about when old, part of the version."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import replace_in
from tests.fakes.snapshot import SPORT_CLUBS, write_test_snapshot
from veileder.cli import content as content_command
from veileder.content import load_content
from veileder.content.register import SNAPSHOT

SHOWN = "content/register/frivillige-organisasjoner.tsv"


def check(content_dir: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(content_command, ["check"], env={"VEILEDER_CONTENT_DIR": str(content_dir)})
    return result.exit_code, result.stdout, result.stderr


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_fresh_snapshot_passes_with_a_summary_and_no_warning(content_copy):
    write_test_snapshot(content_copy, fetched=date.today() - timedelta(days=90))
    code, out, err = check(content_copy)
    assert code == 0, out
    organisations = SPORT_CLUBS + 2 + 1 + 1
    assert f"register: {organisations} organisations in 2 municipalities, fetched" in out
    assert "warning" not in err


def test_a_snapshot_older_than_90_days_is_a_warning_not_a_failure(content_copy):
    fetched = date.today() - timedelta(days=91)
    write_test_snapshot(content_copy, fetched=fetched)
    code, _, err = check(content_copy)
    assert code == 0
    assert err.strip() == (
        f"{SHOWN}:1: warning: the register snapshot was fetched 91 days ago, on {fetched.isoformat()} "
        "(more than 90); run `flask --app veileder local refresh`"
    )


MISTAKES = {
    "unknown municipality": (
        "kommune\t5612\t",
        "kommune\t9999\t",
        "'9999' is not a municipality number in kommuner.csv",
    ),
    "javascript link": (
        "https://testkorps.example.org",
        "javascript:alert(1)",
        "the website must start with https:// or http:// ('javascript:alert(1)')",
    ),
    "ftp municipality website": (
        "https://oslo-kommune.example.org",
        "ftp://oslo-kommune.example.org",
        "the website must start with https:// or http:// ('ftp://oslo-kommune.example.org')",
    ),
    "short organisation number": ("org\t700000002", "org\t70000002", "'70000002' is not a nine-digit organisation number"),
    "no name": ("\tTestkorps (TESTDATA)\t", "\t \t", "the organisation has no name"),
    "unknown code": ("Testkorps (TESTDATA)\t1100", "Testkorps (TESTDATA)\t1100,4242", "ICNPO code 4242 has no icnpo line"),
    "unknown kind": ("org\t700000002", "klubb\t700000002", "unknown line 'klubb' (expected kommune, org or sentral)"),
    "duplicate": ("org\t700000002", "org\t800000001", "organisation 800000001 is listed more than once"),
    "bad date": ("fetched\t2025-05-01", "fetched\t1. mai 2025", "fetched should be a date such as 2025-05-01"),
}


@pytest.mark.parametrize("name", MISTAKES, ids=str)
def test_each_mistake_in_the_snapshot_is_reported_with_its_line(content_copy, name):
    path = write_test_snapshot(content_copy)
    old, new, message = MISTAKES[name]
    replace_in(path, old, new)
    found = {"bad date": None, "no name": "700000002", "duplicate": "800000001\tTestkorps"}.get(name, new.strip("\t"))
    line = 1 if found is None else line_of(path, found)
    code, out, _ = check(content_copy)
    assert code == 1
    assert f"{SHOWN}:{line}: {message}" in out


def test_an_organisation_before_any_municipality_is_reported(content_copy):
    path = write_test_snapshot(content_copy)
    replace_in(path, "kommune\t0301\t", "org\t699999999\tForan (TESTDATA)\t1200\t\nkommune\t0301\t")
    _, out, _ = check(content_copy)
    assert f"{SHOWN}:{line_of(path, '699999999')}: an organisation comes before any 'kommune' line" in out


def test_the_app_refuses_broken_snapshot_content(content_copy):
    path = write_test_snapshot(content_copy)
    replace_in(path, "https://testkorps.example.org", "javascript:alert(1)")
    assert load_content(content_copy).problems


def test_the_snapshot_is_part_of_the_content_version(content_copy):
    without = load_content(content_copy).version
    path = write_test_snapshot(content_copy)
    first = load_content(content_copy).version
    replace_in(path, "Testkorps (TESTDATA)", "Testkor (TESTDATA)")
    assert len({without, first, load_content(content_copy).version}) == 3


def test_without_a_snapshot_there_is_no_register(content_copy):
    loaded = load_content(content_copy)
    assert loaded.register is None
    assert not (content_copy / SNAPSHOT).exists()


def test_a_result_page_can_take_a_handful_with_websites_first(content_copy):
    write_test_snapshot(content_copy)
    register = load_content(content_copy).register
    assert register is not None
    oslo = register.municipality("0301")
    assert oslo is not None
    handful = oslo.handful("idrett", 5)
    assert len(handful) == 5 and all(org.website for org in handful)
    assert [org.name for org in oslo.volunteer_centres] == ["Testby frivilligsentral (TESTDATA)"]
    assert oslo.website == "https://oslo-kommune.example.org"
    assert register.municipality("1833") is None  # known municipality, nothing in the snapshot
    assert register.municipality("0301") is oslo  # read once, then kept
