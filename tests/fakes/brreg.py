"""A fake of Brønnøysund's two open APIs: a real HTTP server on 127.0.0.1, in the documented shapes.

Enhetsregisteret's bulk file (`/enhetsregisteret/api/enheter/lastned`, a gzipped JSON array of units)
and Frivillighetsregisteret's list (`/frivillighetsregisteret/api/frivillige-organisasjoner`, HAL pages
with cursor paging through `searchAfter`; `page` is refused with 400 as the real API does) and its
category names (`/frivillighetsregisteret/api/icnpo-kategorier?spraak=NOB|NNO`).

Faults on demand, per endpoint: HTTP 500, a slow answer, a truncated gzip, a malformed record, and a
body cut off before its Content-Length. Everything here is invented test data.
"""

from __future__ import annotations

import base64
import bisect
import gzip
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

BULK = "/enhetsregisteret/api/enheter/lastned"
VOLUNTARY = "/frivillighetsregisteret/api/frivillige-organisasjoner"
CATEGORIES = "/frivillighetsregisteret/api/icnpo-kategorier"
MAX_SIZE = 100

#: Category names as the register gives them (code: bokmål, nynorsk); a test may pass others.
ICNPO = {
    "1100": ("Kunst og kultur", "Kunst og kultur"),
    "1200": ("Idrett", "Idrett"),
    "1300": ("Rekreasjon og sosiale foreninger", "Rekreasjon og sosiale foreiningar"),
    "5100": ("Natur- og miljøvern", "Natur- og miljøvern"),
    "8200": ("Frivilligsentraler", "Frivilligsentralar"),
    "13100": ("Barne- og ungdomsorganisasjoner", "Barne- og ungdomsorganisasjonar"),
}


def unit(
    number: str,
    name: str,
    municipality: str | None,
    *,
    form: str = "FLI",
    website: str | None = None,
    registered: bool = True,
    postal_only: bool = False,
    closing: str | None = None,
) -> dict[str, Any]:
    """A unit as Enhetsregisteret's bulk file has it (the fields the refresh reads, and some it does not)."""
    address = {
        "land": "Norge",
        "landkode": "NO",
        "postnummer": "9999",
        "poststed": "TESTBY",
        "adresse": ["Testveien 1"],
        "kommune": "TESTBY",
        "kommunenummer": municipality,
    }
    found: dict[str, Any] = {
        "organisasjonsnummer": number,
        "navn": name,
        "organisasjonsform": {"kode": form, "beskrivelse": "Forening/lag/innretning"},
        "registreringsdatoEnhetsregisteret": "2001-02-03",
        "registrertIMvaregisteret": False,
        "antallAnsatte": 0,
        "harRegistrertAntallAnsatte": False,
        "institusjonellSektorkode": {"kode": "7000", "beskrivelse": "Ideelle organisasjoner"},
        "registrertIForetaksregisteret": False,
        "registrertIStiftelsesregisteret": False,
        "registrertIFrivillighetsregisteret": registered,
        "konkurs": False,
        "underAvvikling": False,
        "underTvangsavviklingEllerTvangsopplosning": False,
        "maalform": "Bokmål",
        "postadresse": dict(address),
    }
    if municipality is not None and not postal_only:
        found["forretningsadresse"] = dict(address)
    if municipality is None:
        del found["postadresse"]["kommunenummer"]
    if website is not None:
        found["hjemmeside"] = website
    if closing is not None:
        found[closing] = True
    return found


def record(number: str, *codes: str) -> dict[str, Any]:
    """A record of Frivillighetsregisteret's list: the number and the categories, no name or place."""
    return {
        "organisasjonsnummer": number,
        "frivilligOrganisasjonsstatus": "AKTIV",
        "innfoertDato": "2015-06-01",
        "icnpoKategorier": [
            {"icnpoNummer": code, "kategori": None, "rekkefoelge": rank} for rank, code in enumerate(codes, start=1)
        ],
        "grasrotandel": {"deltarI": False},
    }


def gzipped_units(units: list[dict[str, Any]]) -> bytes:
    return gzip.compress(json.dumps(units, ensure_ascii=False).encode("utf-8"), mtime=0)


@dataclass
class Fault:
    kind: str  # "500", "slow", "truncated-gzip", "malformed", "cut"
    times: int | None  # how many requests it spoils; None: every one
    seconds: float = 5.0  # how long "slow" waits before answering


class FakeRegisters:
    """Both registers on one loopback port. Use as a context manager, or call start() and stop()."""

    def __init__(
        self,
        units: list[dict[str, Any]] | None = None,
        records: list[dict[str, Any]] | None = None,
        categories: dict[str, tuple[str, str]] | None = None,
        bulk_file: Path | None = None,
    ) -> None:
        self.bulk = gzipped_units(units or []) if bulk_file is None else None
        self.bulk_file = bulk_file
        self.records = sorted(records or [], key=lambda r: r["organisasjonsnummer"])
        self._numbers = [r["organisasjonsnummer"] for r in self.records]
        self.categories = ICNPO if categories is None else categories
        self.faults: dict[str, Fault] = {}
        self.requests: list[str] = []
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def enhetsregisteret(self) -> str:
        return f"{self.address}/enhetsregisteret/api"

    @property
    def frivillighetsregisteret(self) -> str:
        return f"{self.address}/frivillighetsregisteret/api"

    def fail(self, path: str, kind: str, times: int | None = None, seconds: float = 5.0) -> None:
        """Spoil the answers from `path` (BULK, VOLUNTARY or CATEGORIES) with a fault."""
        self.faults[path] = Fault(kind, times, seconds)

    def start(self) -> FakeRegisters:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> FakeRegisters:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _fault(self, path: str) -> Fault | None:
        with self._lock:
            fault = self.faults.get(path)
            if fault is None:
                return None
            if fault.times is not None:
                if fault.times <= 0:
                    return None
                fault.times -= 1
            return fault

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
                fake.requests.append(self.path)
                routes = {BULK: fake._bulk, VOLUNTARY: fake._voluntary, CATEGORIES: fake._categories}
                route = routes.get(parts.path)
                if route is None:
                    return self.send(404, _json({"status": 404, "error": "Not Found"}))
                fault = fake._fault(parts.path)
                if fault is not None and fault.kind == "500":
                    return self.send(500, _json({"status": 500, "error": "Internal Server Error"}))
                if fault is not None and fault.kind == "slow" and fake._stopping.wait(fault.seconds):
                    return None
                status, body, kind = route(query, fault.kind if fault else None)
                if fault is not None and fault.kind == "cut":
                    return self.send(status, body, kind, cut=True)
                return self.send(status, body, kind)

            def send(self, status: int, body: bytes | Path, kind: str = "application/json", cut: bool = False) -> None:
                size = body.stat().st_size if isinstance(body, Path) else len(body)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(size))
                self.end_headers()
                chunks = _chunks(body)
                try:
                    if cut:
                        self.wfile.write(next(chunks, b"")[: max(1, size // 2)])
                        self.close_connection = True
                        return
                    for chunk in chunks:
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        return Handler

    def _bulk(self, query: dict[str, str], fault: str | None) -> tuple[int, bytes | Path, str]:
        kind = "application/vnd.brreg.enhetsregisteret.enhet.v2+gzip;charset=UTF-8"
        body: bytes | Path = self.bulk if self.bulk is not None else self.bulk_file  # type: ignore[assignment]
        if fault == "truncated-gzip":
            data = body.read_bytes() if isinstance(body, Path) else body
            return 200, data[: len(data) // 2], kind
        if fault == "malformed":
            units = json.loads(gzip.decompress(body if isinstance(body, bytes) else body.read_bytes()))
            units.insert(len(units) // 2, {"navn": "UTEN ORGANISASJONSNUMMER", "organisasjonsform": {"kode": "FLI"}})
            return 200, gzipped_units(units), kind
        return 200, body, kind

    def _voluntary(self, query: dict[str, str], fault: str | None) -> tuple[int, bytes, str]:
        if "page" in query:
            return _refused("page is not supported: use searchAfter")
        size = int(query.get("size", "20"))
        if not 1 <= size <= MAX_SIZE:
            return _refused("size cannot exceed 100")
        after = _decode(query["searchAfter"]) if "searchAfter" in query else ""
        start = bisect.bisect_right(self._numbers, after)
        page = self.records[start : start + size]
        if fault == "malformed" and page:
            page = [{**page[0], "organisasjonsnummer": "12AB"}, *page[1:]]
        self_link = f"{self.frivillighetsregisteret}/frivillige-organisasjoner?size={size}"
        document: dict[str, Any] = {"_links": {"self": {"href": self_link}}, "page": {"size": size}}
        if page:  # as Spring's HAL does, an empty page has no _embedded at all
            document["_embedded"] = {"frivilligeOrganisasjoner": page}
            last = page[-1]["organisasjonsnummer"]
            if last != self.records[-1]["organisasjonsnummer"]:
                document["_links"]["next"] = {"href": f"{self_link}&searchAfter={_encode(last)}"}
        return 200, _json(document), "application/hal+json"

    def _categories(self, query: dict[str, str], fault: str | None) -> tuple[int, bytes, str]:
        language = 1 if query.get("spraak") == "NNO" else 0
        entries = [
            {"icnpoNummer": code, "navn": names[language], "spraakkode": query.get("spraak", "NOB")}
            for code, names in self.categories.items()
        ]
        if fault == "malformed":
            entries.append({"icnpoNummer": "99100"})
        return 200, _json({"_embedded": {"icnpoKategorier": entries}}), "application/hal+json"


def _refused(message: str) -> tuple[int, bytes, str]:
    return 400, _json({"status": 400, "error": "Bad Request", "message": message}), "application/json"


def _json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _encode(number: str) -> str:
    """An opaque cursor, like the real API's."""
    return base64.urlsafe_b64encode(f"[{number}]".encode()).decode()


def _decode(cursor: str) -> str:
    return base64.urlsafe_b64decode(cursor.encode()).decode().strip("[]")


def _chunks(body: bytes | Path) -> Iterator[bytes]:
    if isinstance(body, bytes):
        for start in range(0, len(body), 1 << 16):
            yield body[start : start + (1 << 16)]
        return
    with body.open("rb") as file:
        while chunk := file.read(1 << 20):
            yield chunk
