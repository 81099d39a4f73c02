"""A small register snapshot of invented organisations, for the tests of the pages and the checker.

Every name ends in "(TESTDATA)" and every website is under example.org: none of it is from the
registers. Oslo has enough sport clubs for three pages; its outdoors list is empty.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.fakes.brreg import ICNPO
from veileder.content.register import SNAPSHOT, IcnpoCategory, Organisation, Snapshot, snapshot_lines

SPORT_CLUBS = 120
FETCHED = date(2025, 5, 1)


def org(number: int, name: str, *codes: str, website: bool = True) -> Organisation:
    slug = name.lower().replace(" ", "-")
    return Organisation(f"{number:09d}", f"{name} (TESTDATA)", codes, f"https://{slug}.example.org" if website else None)


def test_snapshot(fetched: date = FETCHED) -> Snapshot:
    icnpo = {code: IcnpoCategory(code, {"nb": nb, "nn": nn}) for code, (nb, nn) in ICNPO.items()}
    oslo_sport = [org(800000000 + n, f"Testidrettslag {n:03d}", "1200", website=n % 3 != 0) for n in range(SPORT_CLUBS)]
    return Snapshot(
        fetched=fetched,
        source="Brønnøysundregistrene: Enhetsregisteret og Frivillighetsregisteret",
        sources={"enhetsregisteret": "http://127.0.0.1/test", "frivillighetsregisteret": "http://127.0.0.1/test"},
        icnpo=icnpo,
        websites={"0301": "https://oslo-kommune.example.org", "5612": None},
        volunteer_centres={"0301": [org(700000001, "Testby frivilligsentral", "8200")]},
        organisations={
            "0301": [
                *oslo_sport,
                org(700000002, "Testkorps", "1100"),
                org(700000003, "Testspeidere", "13100", website=False),
            ],
            "5612": [org(700000004, "Kautokeino testlag", "1200", "1100")],
        },
    )


def write_test_snapshot(content: Path, fetched: date = FETCHED) -> Path:
    target = content / SNAPSHOT
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        out.write("# TEST DATA: invented organisations for the tests, not from the registers.\n")
        out.writelines(snapshot_lines(test_snapshot(fetched)))
    return target
