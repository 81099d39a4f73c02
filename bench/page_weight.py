"""Bytes a browser transfers per page type, counted as Lighthouse counts them.

    .venv/bin/python bench/page_weight.py [--base-url http://127.0.0.1:5000]

Starts the app under gunicorn (bench/harness.py) unless `--base-url` names a running one, then loads
each page type in a fresh Chromium context (Debian's /usr/bin/chromium, empty cache, a 390×844
phone viewport) and adds up every response's `encodedDataLength` from the DevTools protocol: the
bytes on the wire, headers included, gzipped where the server gzips. That is Lighthouse's
"total byte weight". Prints a table per page type and what it is made of, with the issue's budget
(issue 16: a question page at most 25 KB). Always exits 0: it is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from harness import ROOT, machine, start_gunicorn, wait_until_ready
from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(ROOT))  # Chromium is launched as the browser tests launch it
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

#: The page types a visitor sees on the way to a result, and the result itself.
PAGES = [
    ("start page", "/nb/"),
    ("question page", "/nb/forelder/aktivitet"),
    ("question page, several choices", "/nb/forelder/hindringer?aktivitet=ja"),
    ("municipality question", "/nb/forelder/kommune?aktivitet=ja&hindringer=finne"),
    ("result page", "/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612"),
]

QUESTION_BUDGET = 25 * 1000  # bytes, for a question page (issue 16); Lighthouse's "KB" are KiB, 1024 bytes
VIEWPORT = {"width": 390, "height": 844}


@dataclass
class Weight:
    """One page load: the bytes transferred per resource, in the order they finished."""

    resources: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(size for _, size in self.resources)


def weigh(browser: Browser, url: str) -> Weight:
    """Load `url` in a fresh context and count what came over the wire until the network is idle."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    weight = Weight()
    session.on("Network.requestWillBeSent", lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]))

    def finished(event: dict[str, object]) -> None:
        request_id = str(event["requestId"])
        size = event["encodedDataLength"]
        assert isinstance(size, (int, float))
        weight.resources.append((urls.get(request_id, "?"), int(size)))

    session.on("Network.loadingFinished", finished)
    page.goto(url, wait_until="networkidle")
    context.close()
    return weight


@contextmanager
def app_address(base_url: str | None) -> Iterator[str]:
    if base_url:
        yield base_url.rstrip("/")
        return
    server = start_gunicorn("wsgi:app", env={"VEILEDER_ACCESS_LOG": "0"})
    try:
        wait_until_ready(server)
        yield server.address
    finally:
        server.stop()


def short(url: str) -> str:
    path = urlsplit(url).path
    return path if len(path) <= 60 else path[:57] + "..."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", help="measure a running server instead of starting gunicorn")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    print(f"Chromium: {CHROMIUM}, viewport {VIEWPORT['width']}×{VIEWPORT['height']}, empty cache")
    with app_address(args.base_url) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"Server: {address}\n")
        totals = []
        for name, path in PAGES:
            weight = weigh(browser, address + path)
            totals.append((name, weight.total))
            print(f"{name}: {path}")
            for url, size in weight.resources:
                print(f"    {size:>8,} B  {short(url)}")
            print(f"    {weight.total:>8,} B  in all ({weight.total / 1024:.1f} KiB)\n")
        browser.close()
    print(f"{'page type':<32} {'transferred':>12} {'':>10}")
    for name, total in totals:
        flag = ""
        if "question" in name:
            flag = "  within 25 KB" if total <= QUESTION_BUDGET else "  OVER the 25 KB budget"
        print(f"{name:<32} {total:>10,} B {total / 1024:>6.1f} KiB{flag}")


if __name__ == "__main__":
    main()
