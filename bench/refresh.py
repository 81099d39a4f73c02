"""`flask local refresh` at the real size: peak memory and time.

    .venv/bin/python bench/refresh.py [--units 1200000] [--voluntary 73000] [--keep FILE]

Generates, in a temporary folder, an Enhetsregisteret bulk file of `--units` invented units (gzipped
JSON in the documented shape, about the real file's size: some 210 MB for 1.2 million units), of which
`--voluntary` are voluntary organisations, 357 are municipalities and some hundreds are volunteer
centres; and a matching Frivillighetsregisteret served by the tests' fake registers on 127.0.0.1
(cursor paging, 100 a page, as the real one). Then it runs `flask --app veileder local refresh` twice
in a fresh process against a copy of content/: once downloading the bulk file, once with `--from`.
For each it prints the wall time and the process's peak resident memory (target: under 200 MB).
`--keep FILE` copies the snapshot it wrote to FILE (for bench/startup.py --register FILE).
Always exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import BIN, ROOT, machine

sys.path.insert(0, str(ROOT))  # the fake registers live with the tests

from tests.fakes.brreg import ICNPO, FakeRegisters, record, unit
from veileder.content.municipalities import read_municipalities

PEAK_TARGET_MB = 200
#: Rough shares of the categories organisations give first (invented, for a realistic mix).
CODES = [("1200", 30), ("1100", 18), ("1300", 10), ("13100", 7), ("5100", 3), ("4100", 8), ("10100", 8), ("7100", 8)]
WORDS = ["NORD", "SØR", "ØST", "VEST", "BY", "DAL", "FJELL", "VIK", "HAUG", "STRAND", "BAKKE", "MO", "ÅS", "LI"]
KINDS = ["IDRETTSLAG", "SKOLEKORPS", "KOR", "SPEIDERGRUPPE", "TURLAG", "VELFORENING", "SANITETSFORENING", "HISTORIELAG"]
COMPANIES = ["AS", "HOLDING AS", "EIENDOM AS", "ENK", "DA", "SA", "BYGG AS", "TRANSPORT AS", "REGNSKAP AS"]


def municipality_numbers() -> list[str]:
    text = (ROOT / "content" / "kommuner" / "kommuner.csv").read_text(encoding="utf-8")
    return [m.number for m in read_municipalities(text, "kommuner.csv")[0]]


def name(rng: random.Random, kinds: list[str]) -> str:
    return f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {rng.choice(kinds)} {rng.randrange(1, 999)}"


def filler(rng: random.Random) -> dict[str, object]:
    """The fields a real unit also has, which the refresh reads past (they make the file its real size)."""
    return {
        "naeringskode1": {
            "kode": f"{rng.randrange(1, 99):02d}.{rng.randrange(100, 999)}",
            "beskrivelse": name(rng, KINDS),
        },
        "stiftelsesdato": f"{rng.randrange(1950, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        "vedtektsfestetFormaal": [name(rng, KINDS).lower() for _ in range(rng.randrange(1, 3))],
        "aktivitet": [name(rng, COMPANIES).lower()],
        "sisteInnsendteAarsregnskap": str(rng.randrange(2015, 2025)),
        "epostadresse": f"post{rng.randrange(10**8)}@example.org",
        "telefon": f"{rng.randrange(10**7, 10**8)}",
        # Invented data compresses better than the real file; this much noise brings it to the real size.
        "_bench": rng.getrandbits(640).to_bytes(80, "big").hex(),
    }


def generate(folder: Path, units: int, voluntary: int, numbers: list[str]) -> tuple[Path, list[dict]]:
    """The bulk file and the matching Frivillighetsregisteret records; each unit written as made."""
    rng = random.Random(13)
    weights = [30 if n == "0301" else 8 if n in ("4601", "5001", "1103") else 1 for n in numbers]
    voluntary_at = set(rng.sample(range(units), voluntary))
    centres_at = set(rng.sample(sorted(set(range(units)) - voluntary_at), 450))
    records: list[dict] = []
    path = folder / "enheter.json.gz"
    codes, shares = zip(*CODES, strict=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        out.write("[")
        for index in range(units):
            number = f"{800000000 + index * 7 % 199999999:09d}"
            place = rng.choices(numbers, weights)[0]
            site = f"www.{rng.randrange(10**9)}.example.org" if rng.random() < 0.4 else None
            if index < len(numbers):
                found = unit(number, f"{numbers[index]} KOMMUNE", numbers[index], form="KOMM", website=site)
            elif index in voluntary_at:
                found = unit(number, name(rng, KINDS), place, website=site, postal_only=rng.random() < 0.1)
                picked = rng.choices(codes, shares, k=rng.choice((1, 1, 1, 2, 3)))
                records.append(record(number, *dict.fromkeys(picked)))
            elif index in centres_at:
                found = unit(number, f"{rng.choice(WORDS)} FRIVILLIGSENTRAL", place, website=site, registered=False)
            else:
                found = unit(number, name(rng, COMPANIES), place, form="AS", website=site, registered=False)
            found.update(filler(rng))
            out.write(("," if index else "") + json.dumps(found, ensure_ascii=False))
        out.write("]")
    return path, records


#: Runs `flask` and, at exit, prints the process's own peak resident memory. Not ru_maxrss from wait4():
#: Linux carries into it the memory of this (large) parent process that the child shared before exec.
PEAK_AT_EXIT = r"""
import atexit, sys
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("PEAK-KIB", line.split()[1], file=sys.stderr, flush=True)
atexit.register(peak)
from flask.cli import main
sys.argv[0] = "flask"
main()
"""


def run_refresh(content: Path, fake: FakeRegisters, *extra: str) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS in MB, exit code and the last lines of output of one refresh process."""
    env = {
        **os.environ,
        "VEILEDER_CONTENT_DIR": str(content),
        "VEILEDER_ENHETSREGISTERET_URL": fake.enhetsregisteret,
        "VEILEDER_FRIVILLIGHETSREGISTERET_URL": fake.frivillighetsregisteret,
    }
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as log:
        code = subprocess.call(
            [str(BIN / "python"), "-c", PEAK_AT_EXIT, "--app", "veileder", "local", "refresh", *extra],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        seconds = time.monotonic() - started
        log.seek(0)
        output = log.read()
    peaks = [int(line.split()[1]) for line in output.splitlines() if line.startswith("PEAK-KIB ")]
    shown = "\n".join(line for line in output.splitlines() if not line.startswith("PEAK-KIB "))
    return seconds, (peaks[-1] / 1024 if peaks else float("nan")), code, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=1_200_000, help="units in the bulk file (default 1,200,000)")
    parser.add_argument("--voluntary", type=int, default=73_000, help="of them, voluntary organisations (73,000)")
    parser.add_argument("--keep", type=Path, help="copy the snapshot written to this file")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    numbers = municipality_numbers()
    with tempfile.TemporaryDirectory(prefix="veileder-bench-refresh-") as temp:
        folder = Path(temp)
        started = time.monotonic()
        bulk, records = generate(folder, args.units, args.voluntary, numbers)
        print(
            f"Generated {args.units:,} units ({len(records):,} voluntary) in {time.monotonic() - started:.0f} s: "
            f"{bulk.stat().st_size / 1e6:,.0f} MB gzipped"
        )
        content = folder / "content"
        shutil.copytree(ROOT / "content", content)
        categories = {**ICNPO, **{code: (f"Testkategori {code}", f"Testkategori {code}") for code, _ in CODES}}
        categories.update(ICNPO)
        with FakeRegisters(records=records, bulk_file=bulk, categories=categories) as fake:
            results = {}
            for label, extra in (("download and parse", ()), ("--from the file", ("--from", str(bulk)))):
                seconds, peak, code, output = run_refresh(content, fake, *extra)
                results[label] = (seconds, peak)
                print(f"\n== refresh, {label}: exit {code}, {seconds:.1f} s, peak memory {peak:.0f} MB")
                print("\n".join("   " + line for line in output.strip().splitlines()[-6:]))
        snapshot = content / "register" / "frivillige-organisasjoner.tsv"
        if snapshot.is_file():
            lines = len(snapshot.read_bytes().splitlines())
            print(f"\nSnapshot: {snapshot.stat().st_size / 1e6:.1f} MB, {lines:,} lines")
            if args.keep:
                shutil.copyfile(snapshot, args.keep)
                print(f"Copied to {args.keep}")
    peak = max(peak for _, peak in results.values())
    verdict = "PASS" if peak < PEAK_TARGET_MB else "FAIL"
    print(f"Target: peak memory under {PEAK_TARGET_MB} MB: {verdict} ({peak:.0f} MB)")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a benchmark reports, it does not fail a build
        print(f"refresh.py could not finish: {error!r}", file=sys.stderr)
    sys.exit(0)
