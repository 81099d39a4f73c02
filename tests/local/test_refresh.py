"""`flask local refresh` against a fake of both registers on 127.0.0.1: what it keeps, and how it fails.

All organisations here are invented test data.
"""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.fakes.brreg import BULK, CATEGORIES, VOLUNTARY, FakeRegisters, gzipped_units, record, unit
from veileder.content import load_content
from veileder.content.register import SNAPSHOT, Register
from veileder.local.cli import local
from veileder.local.enheter import normalise_website

RANA_CLUBS = 240  # with the others, enough records for three pages of 100


def units() -> list[dict]:
    found = [
        unit("900000001", "OSLO KOMMUNE", "0301", form="KOMM", website="www.oslo.example.org", registered=False),
        unit("900000002", "BERGEN KOMMUNE", "4601", form="KOMM", website="https://bergen.example.org"),
        unit("900000003", "TESTBY IDRETTSLAG", "0301", website="www.testby-il.example.org"),
        unit("900000004", "TESTBY KORPS", "0301", postal_only=True, website="http://korps.example.org"),
        unit("900000005", "KONKURS IDRETTSLAG", "0301", closing="konkurs"),
        unit("900000006", "AVVIKLES SKILAG", "0301", closing="underAvvikling"),
        unit("900000007", "TESTBY HANDEL AS", "0301", form="AS", registered=False),
        unit("900000008", "BERGEN TESTSENTRAL", "4601", website="sentral.example.org"),
        unit("900000009", "TESTBY NÆRMILJØSENTRAL", "1833", registered=False),
        unit("900000010", "SVALBARD TESTLAG", "2100"),
        unit("900000011", "KAUTOKEINO TESTLAG", "5612", website="ftp://files.example.org"),
        unit("900000012", "UTEN ADRESSE TESTLAG", None),
    ]
    found += [unit(f"91{n:07d}", f"RANA TESTLAG {n:03d}", "1833") for n in range(RANA_CLUBS)]
    return found


def records() -> list[dict]:
    found = [
        record("900000003", "1200"),
        record("900000004", "1100"),
        record("900000005", "1200"),
        record("900000006", "1200"),
        record("900000008", "8200", "1300"),
        record("900000010", "1200"),
        record("900000011", "01100", "1200"),
        record("900000012", "1200"),
    ]
    return found + [record(f"91{n:07d}", "1300") for n in range(RANA_CLUBS)]


@pytest.fixture
def fake() -> FakeRegisters:
    with FakeRegisters(units(), records()) as registers:
        yield registers


def run(fake: FakeRegisters, content: Path, *args: str, attempts: int = 2) -> Result:
    env = {
        "VEILEDER_CONTENT_DIR": str(content),
        "VEILEDER_ENHETSREGISTERET_URL": fake.enhetsregisteret,
        "VEILEDER_FRIVILLIGHETSREGISTERET_URL": fake.frivillighetsregisteret,
        "VEILEDER_REGISTER_TIMEOUT": "1",
        "VEILEDER_REGISTER_ATTEMPTS": str(attempts),
        "VEILEDER_REGISTER_RETRY_DELAY": "0.01",
    }
    return CliRunner().invoke(local, ["refresh", *args], env=env)


def register_of(content: Path) -> Register:
    loaded = load_content(content)
    assert loaded.problems == ()
    assert loaded.register is not None
    return loaded.register


def test_a_refresh_writes_a_snapshot_of_the_active_voluntary_organisations(fake, content_copy):
    result = run(fake, content_copy)
    assert result.exit_code == 0, result.output
    assert "Wrote " in result.output
    register = register_of(content_copy)
    oslo = register.municipality("0301")
    assert oslo is not None
    assert oslo.website == "https://www.oslo.example.org"
    assert [(o.name, o.codes, o.website) for o in oslo.organisations] == [
        ("TESTBY IDRETTSLAG", ("1200",), "https://www.testby-il.example.org"),
        ("TESTBY KORPS", ("1100",), "http://korps.example.org"),  # placed by its postal address
    ]
    assert [o.name for o in oslo.in_category("idrett")] == ["TESTBY IDRETTSLAG"]
    assert [o.name for o in oslo.in_category("musikk-og-kultur")] == ["TESTBY KORPS"]
    bergen = register.municipality("4601")
    assert bergen is not None and bergen.website == "https://bergen.example.org"
    assert [(o.name, o.codes) for o in bergen.volunteer_centres] == [("BERGEN TESTSENTRAL", ("8200", "1300"))]
    assert bergen.organisations == ()
    rana = register.municipality("1833")
    assert rana is not None and rana.website is None
    assert [o.name for o in rana.volunteer_centres] == ["TESTBY NÆRMILJØSENTRAL"]  # found by its name
    assert len(rana.in_category("friluftsliv")) == RANA_CLUBS
    kautokeino = register.municipality("5612")
    assert kautokeino is not None
    assert [(o.codes, o.website) for o in kautokeino.organisations] == [(("1100", "1200"), None)]
    assert register.organisation_count == 2 + 1 + 1 + RANA_CLUBS + 1
    assert register.fetched == __import__("datetime").date.today()
    assert register.icnpo["1200"].name("nb") == "Idrett"
    assert register.icnpo["1300"].name("nn") == "Rekreasjon og sosiale foreiningar"
    assert "Left out: 2 being closed down, 2 no municipality in the list of municipalities." in result.output


def test_the_walk_follows_the_cursor_and_never_asks_for_a_page_number(fake, content_copy):
    assert run(fake, content_copy).exit_code == 0
    walk = [path for path in fake.requests if path.startswith(VOLUNTARY)]
    assert len(walk) == 3  # 250 records, 100 a page
    assert "searchAfter=" not in walk[0] and all("searchAfter=" in path for path in walk[1:])
    assert not any("page=" in path for path in walk)
    assert [path for path in fake.requests if path.startswith(CATEGORIES)] == [
        f"{CATEGORIES}?spraak=NOB",
        f"{CATEGORIES}?spraak=NNO",
    ]


def test_the_fake_refuses_a_page_number_as_the_register_does(fake):
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{fake.address}{VOLUNTARY}?size=100&page=2", timeout=5)
    refused.value.close()
    assert refused.value.code == 400


def test_the_snapshot_is_sorted_text_with_its_source_and_date(fake, content_copy):
    assert run(fake, content_copy).exit_code == 0
    text = (content_copy / SNAPSHOT).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "source\tBrønnøysundregistrene: Enhetsregisteret og Frivillighetsregisteret" in lines
    assert "licence\tNLOD 2.0" in lines
    assert f"enhetsregisteret\t{fake.enhetsregisteret}/enheter/lastned" in lines
    kommune = [line.split("\t")[1] for line in lines if line.startswith("kommune\t")]
    assert kommune == ["0301", "1833", "4601", "5612"]
    assert "org\t900000003\tTESTBY IDRETTSLAG\t1200\thttps://www.testby-il.example.org" in lines


def test_from_a_downloaded_bulk_file_nothing_is_downloaded(fake, content_copy, tmp_path):
    bulk = tmp_path / "enheter.json.gz"
    bulk.write_bytes(gzipped_units(units()))
    fake.fail(BULK, "500")  # would fail the refresh if it were asked
    result = run(fake, content_copy, "--from", str(bulk))
    assert result.exit_code == 0, result.output
    assert not any(path.startswith(BULK) for path in fake.requests)
    assert register_of(content_copy).municipality("0301") is not None


def test_a_failure_that_passes_is_tried_again(fake, content_copy):
    fake.fail(BULK, "500", times=1)
    fake.fail(VOLUNTARY, "cut", times=1)
    result = run(fake, content_copy, attempts=3)
    assert result.exit_code == 0, result.output
    assert "answered HTTP 500" in result.output and "trying again" in result.output


FAULTS = {
    "bulk-500": (BULK, "500", "enheter/lastned answered HTTP 500 Internal Server Error (gave up after 2 tries)"),
    "walk-500": (VOLUNTARY, "500", "frivillige-organisasjoner?size=100 answered HTTP 500"),
    "names-500": (CATEGORIES, "500", "icnpo-kategorier?spraak=NOB answered HTTP 500"),
    "bulk-slow": (BULK, "slow", "enheter/lastned: no answer in time (gave up after 2 tries)"),
    "walk-slow": (VOLUNTARY, "slow", "frivillige-organisasjoner?size=100: no answer in time"),
    "bulk-cut-off": (BULK, "cut", "enheter/lastned broke off while sending"),
    "bulk-truncated-gzip": (BULK, "truncated-gzip", "is damaged or cut off"),
    "bulk-malformed": (BULK, "malformed", "in the bulk file is malformed (no nine-digit organisasjonsnummer"),
    "walk-malformed": (VOLUNTARY, "malformed", "has a malformed record (no nine-digit organisasjonsnummer)"),
    "names-malformed": (CATEGORIES, "malformed", "has a category without a code or a name"),
}


@pytest.mark.parametrize("fault", FAULTS, ids=str)
def test_every_fault_leaves_the_previous_snapshot_byte_identical(fake, content_copy, fault):
    assert run(fake, content_copy).exit_code == 0
    snapshot = content_copy / SNAPSHOT
    before = snapshot.read_bytes()
    path, kind, message = FAULTS[fault]
    fake.fail(path, kind, seconds=3)
    result = run(fake, content_copy)
    assert result.exit_code == 1, result.output
    assert "Refresh failed: " in result.output
    assert message in result.output
    assert f"{snapshot} is unchanged." in result.output
    assert snapshot.read_bytes() == before
    assert sorted(p.name for p in snapshot.parent.iterdir()) == [snapshot.name]  # no temporary file left


def test_a_failed_first_refresh_leaves_no_snapshot_and_the_content_as_it_was(fake, content_copy):
    version = load_content(content_copy).version
    fake.fail(BULK, "truncated-gzip")
    result = run(fake, content_copy)
    assert result.exit_code == 1
    assert f"There is still no {content_copy / SNAPSHOT}." in result.output
    assert not (content_copy / SNAPSHOT).parent.exists() or not any((content_copy / SNAPSHOT).parent.iterdir())
    assert load_content(content_copy).version == version


def test_an_interrupted_refresh_leaves_the_previous_snapshot_byte_identical(fake, content_copy):
    assert run(fake, content_copy).exit_code == 0
    snapshot = content_copy / SNAPSHOT
    before = snapshot.read_bytes()
    fake.fail(BULK, "slow", seconds=30)
    asked = len(fake.requests)
    env = {
        **os.environ,
        "VEILEDER_CONTENT_DIR": str(content_copy),
        "VEILEDER_ENHETSREGISTERET_URL": fake.enhetsregisteret,
        "VEILEDER_FRIVILLIGHETSREGISTERET_URL": fake.frivillighetsregisteret,
    }
    flask = Path(sys.executable).parent / "flask"
    process = subprocess.Popen(
        [str(flask), "--app", "veileder", "local", "refresh"], env=env, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 30
    while not any(path.startswith(BULK) for path in fake.requests[asked:]) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 130
    assert f"Refresh interrupted. {snapshot} is unchanged." in errors
    assert snapshot.read_bytes() == before


def test_a_register_address_that_is_not_a_web_address_is_refused_clearly(fake, content_copy):
    result = CliRunner().invoke(
        local,
        ["refresh"],
        env={"VEILEDER_CONTENT_DIR": str(content_copy), "VEILEDER_FRIVILLIGHETSREGISTERET_URL": "data.brreg.no/api"},
    )
    assert result.exit_code == 2
    assert "VEILEDER_FRIVILLIGHETSREGISTERET_URL must be a web address (https://…), not 'data.brreg.no/api'" in result.output
    assert not (content_copy / SNAPSHOT).exists()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("www.testby-il.example.org", "https://www.testby-il.example.org"),
        ("HTTP://Korps.example.org/side", "http://Korps.example.org/side"),
        ("https://example.org", "https://example.org"),
        ("ftp://files.example.org", None),
        ("post@example.org", None),
        ("ikke en adresse", None),
        ("localhost", None),
        ("", None),
        (None, None),
    ],
)
def test_websites_become_web_addresses_or_nothing(given, expected):
    assert normalise_website(given) == expected


def test_the_bulk_file_may_also_be_plain_json(fake, content_copy, tmp_path):
    bulk = tmp_path / "enheter.json"
    bulk.write_bytes(gzip.decompress(gzipped_units(units())))
    result = run(fake, content_copy, "--from", str(bulk))
    assert result.exit_code == 0, result.output
