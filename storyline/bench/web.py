"""Web benchmark: API and page latency at 10k documents, and requests per second.

The store: the sample corpus (``examples/story``) is built once for real (ingest,
analysis, extraction, resolution), then copied to ``size`` documents. Each copy gets
new document, statement and mention ids, its publication year moved by up to nine
years, and its entities moved into one of ``GROUPS`` look-alike groups (copy ``c``
belongs to group ``c % GROUPS``: same names, different entity ids), so the store holds
``GROUPS`` times the sample's entities, each mentioned in about ``size / GROUPS`` /
(documents naming it) documents, as a long-running story does; resolution's links and
canonical ids are written for the copies directly (no 10k-document resolution run).

Then a real ``uvicorn`` server runs in a subprocess on loopback; one client times each
endpoint sequentially over HTTP after one warm-up call (the warm-up computes and caches
the views: its time is reported as ``cold_s``), and a thread pool of clients measures
requests per second over a mix of endpoints.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from storyline.bench.analyse import machine
from storyline.build import build
from storyline.hashing import content_id
from storyline.model import DatedValue, Document, Statement
from storyline.query.search_passages import index_pending
from storyline.resolve.model import Link, ResolutionWrite
from storyline.resolve.stage import RESOLVER
from storyline.settings import Settings
from storyline.store import SQLiteStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "story"
SIZES = (10_000,)
GROUPS = 40
EXTRACTED = frozenset({"event", "quote", "claim", "relation"})
REQUESTS = 40  # timed requests per endpoint
LOAD_SECONDS = 15.0
LOAD_CLIENTS = 8
GOAL_P95_MS = 150.0
_MENTION = re.compile(r'("mention":\s*")([^"]+)(")')


@dataclasses.dataclass(frozen=True)
class Seed:
    """The built sample corpus: documents, their statements, and its resolution."""

    docs: list[Document]
    statements: dict[str, list[Statement]]
    links: dict[str, list[Link]]  # document id → its items' links
    canonical: list[tuple[str, str, str]]  # (mention, entity, item key)


def seed(folder: Path) -> Seed:
    """Build the sample corpus for real and read back what the copies need."""
    path = folder / "seed.db"
    store = SQLiteStore(path)
    try:
        build([str(EXAMPLES)], store, Settings(db=str(path)))
        docs = list(store.documents())
        links: dict[str, list[Link]] = {}
        for link in store.resolution():
            links.setdefault(link.cluster.split("|", 1)[0], []).append(link)
        rows = store.conn.execute("SELECT mention, entity, item FROM canonical").fetchall()
        return Seed(
            docs,
            {doc.id: list(store.statements(doc.id)) for doc in docs},
            links,
            [(r[0], r[1], r[2]) for r in rows],
        )
    finally:
        store.close()


def _moved(value: DatedValue, years: int) -> DatedValue:
    if not value.value or not years:
        return value
    year = int(value.value[:4]) + years
    return dataclasses.replace(value, value=f"{year:04d}{value.value[4:]}", range=None)


@dataclasses.dataclass(frozen=True)
class Copy:
    """Copy number ``number`` of one seed document: its new ids and entity group."""

    doc: Document
    number: int

    @property
    def doc_id(self) -> str:
        return content_id("d", self.doc.id, str(self.number))

    def mention(self, old: str) -> str:
        return content_id("m", old, str(self.number)) if self.number else old

    def entity(self, old: str) -> str:
        group = self.number % GROUPS
        return content_id("e", old, str(group)) if group else old

    def item(self, old: str) -> str:
        return f"{self.doc_id}|{old.split('|', 1)[1]}"

    def document(self) -> Document:
        published = _moved(self.doc.meta.published, self.number % 10)
        meta = dataclasses.replace(self.doc.meta, published=published)
        key = f"{self.doc.key}@{self.number}"
        return dataclasses.replace(self.doc, id=self.doc_id, key=key, meta=meta)

    def statement(self, stmt: Statement) -> Statement:
        value = _MENTION.sub(lambda m: m[1] + self.mention(m[2]) + m[3], stmt.value)
        subject = self.mention(stmt.subject) if stmt.property == "mention" else stmt.subject
        new_id = content_id("s", stmt.id, str(self.number))
        return dataclasses.replace(stmt, id=new_id, doc=self.doc_id, subject=subject, value=value)


def build_store(path: Path, source: Seed, size: int) -> None:
    """A store of ``size`` documents copied from ``source`` (see the module docstring)."""
    canonical_of: dict[str, list[tuple[str, str, str]]] = {}
    for row in source.canonical:
        canonical_of.setdefault(row[2].split("|", 1)[0], []).append(row)
    store = SQLiteStore(path)
    links: list[Link] = []
    canonical: list[tuple[str, str, str]] = []
    try:
        with store.transaction():
            for n in range(size):
                copy = Copy(source.docs[n % len(source.docs)], n // len(source.docs))
                _write_copy(store, copy, source.statements[copy.doc.id])
                links.extend(
                    dataclasses.replace(
                        k, cluster=copy.item(k.cluster), entity=copy.entity(k.entity)
                    )
                    for k in source.links.get(copy.doc.id, [])
                )
                canonical.extend(
                    (copy.mention(m), copy.entity(e), copy.item(i))
                    for m, e, i in canonical_of.get(copy.doc.id, [])
                )
            store.put_resolution(ResolutionWrite(links, canonical, [], (), RESOLVER))
        index_pending(store)  # the passages search reads, as `storyline build` indexes them
    finally:
        store.close()


def _write_copy(store: SQLiteStore, copy: Copy, stmts: list[Statement]) -> None:
    doc = copy.document()
    moved = [copy.statement(s) for s in stmts]
    store.put_document(doc)
    analysis = [s for s in moved if s.property not in EXTRACTED]
    store.put_analysis(doc.id, "bench", analysis, parse=b"", model="bench")
    store.put_extraction(doc.id, "bench", [s for s in moved if s.property in EXTRACTED])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


SERVER = (
    "import sys, uvicorn\n"
    "from storyline.settings import Settings\n"
    "from storyline.web import create_app\n"
    "uvicorn.run(create_app(Settings(db=sys.argv[1])), host='127.0.0.1',"
    " port=int(sys.argv[2]), log_level='warning')\n"
)


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``storyline``'s app under uvicorn in a subprocess; returns once it answers."""
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def targets(client: httpx.Client) -> dict[str, list[str]]:
    """The URLs timed per endpoint (several values each, visited in turn)."""
    top = client.get("/api/entities", params={"limit": 20}).json()["items"]
    people = [e["id"] for e in top]
    docs = [d["id"] for d in client.get("/api/documents", params={"limit": 20}).json()["items"]]
    words = [e["aliases"][0]["text"] for e in top[:10]] + ["ambassador", "asylum", "police"]
    return {
        "api entity profile": [f"/api/entities/{e}" for e in people],
        "api timeline by entity": [f"/api/timeline?entity={e}" for e in people],
        "api timeline page": [f"/api/timeline?offset={50 * i}" for i in range(10)],
        "api timeline by date": [
            f"/api/timeline?date_from={2010 + i}&date_to={2011 + i}" for i in range(10)
        ],
        "api search": [f"/api/search?q={w}" for w in words],
        "api overview": ["/api/overview"],
        "api documents": [f"/api/documents?offset={50 * i}" for i in range(10)],
        "api document": [f"/api/documents/{d}" for d in docs],
        "api entities": [f"/api/entities?offset={50 * i}" for i in range(10)],
        "api conflicts": ["/api/conflicts"],
        "page overview": ["/"],
        "page documents": ["/documents"],
        "page document": [f"/documents/{d}" for d in docs],
        "page entities": ["/entities"],
        "page entity": [f"/entities/{e}" for e in people],
        "page timeline": ["/timeline"] + [f"/timeline?entity={e}" for e in people[:5]],
        "page conflicts": ["/conflicts"],
        "page search": [f"/search?q={w}" for w in words],
    }


def time_endpoint(client: httpx.Client, urls: list[str]) -> dict[str, Any] | None:
    """Cold seconds of the first call, then p50/p95 of ``REQUESTS`` warm calls (ms)."""
    start = time.perf_counter()
    first = client.get(urls[0])
    cold = time.perf_counter() - start
    if first.status_code == 404 and not urls[0].startswith("/api/"):
        return None  # a page this build does not have
    for url in urls[1:]:
        client.get(url)  # each value's first call may fill a cache too
    times, statuses = [], set()
    for i in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(urls[i % len(urls)])
        times.append((time.perf_counter() - start) * 1000)
        statuses.add(response.status_code)
    times.sort()
    return {
        "cold_s": round(cold, 2),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "statuses": sorted(statuses),
    }


ASSET = re.compile(r"""(?:src|href)="(/static/[^"?#]+)""")


def assets_of(html: str) -> list[str]:
    """The local static files a page loads (styles, scripts), each once, in page order."""
    return list(dict.fromkeys(ASSET.findall(html)))


def page_weight(client: httpx.Client, url: str) -> dict[str, int]:
    """Bytes a first visit downloads: the page itself and every static file it loads."""
    html = client.get(url)
    sizes = [len(client.get(asset).content) for asset in assets_of(html.text)]
    return {
        "html_bytes": len(html.content),
        "asset_bytes": sum(sizes),
        "total_bytes": len(html.content) + sum(sizes),
        "requests": 1 + len(sizes),
    }


def load(port: int, urls: list[str]) -> dict[str, Any]:
    """Requests per second of ``LOAD_CLIENTS`` threads, each with its own connection."""
    stop = time.monotonic() + LOAD_SECONDS

    def worker(offset: int) -> tuple[int, int]:
        done = errors = 0
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            while time.monotonic() < stop:
                response = client.get(urls[(offset + done) % len(urls)])
                done += 1
                errors += response.status_code >= 500
        return done, errors

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(LOAD_CLIENTS) as pool:
        results = list(pool.map(worker, range(LOAD_CLIENTS)))
    seconds = time.perf_counter() - start
    total = sum(r[0] for r in results)
    return {
        "clients": LOAD_CLIENTS,
        "seconds": round(seconds, 1),
        "requests": total,
        "errors": sum(r[1] for r in results),
        "requests_per_s": round(total / seconds, 1),
    }


def measure(db: Path, size: int) -> dict[str, Any]:
    port = free_port()
    server = start_server(db, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            start = time.perf_counter()
            client.get("/api/overview")  # computes the entities and the story once
            first = time.perf_counter() - start
            found = targets(client)
            timed = {name: time_endpoint(client, urls) for name, urls in found.items()}
            weights = {
                name: page_weight(client, urls[0])
                for name, urls in found.items()
                if name.startswith("page ") and timed.get(name)
            }
        mix = [
            u
            for name in (
                "api entity profile",
                "api timeline by entity",
                "api search",
                "api documents",
                "api document",
            )
            for u in found[name]
        ]
        over = [n for n, t in timed.items() if t and t["p95_ms"] > GOAL_P95_MS]
        return {
            "documents": size,
            "first_request_s": round(first, 2),
            "endpoints": {n: t for n, t in timed.items() if t},
            "page_weight": weights,
            "load": load(port, mix),
            "over_goal": over,
        }
    finally:
        server.terminate()
        server.wait(30)


def run(*, sizes: tuple[int, ...] = SIZES, command: str = "") -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        source = seed(Path(folder))
        seeded = time.perf_counter() - start
        results = []
        for size in sizes:
            path = Path(folder) / f"kb-{size}.db"
            start = time.perf_counter()
            build_store(path, source, size)
            built = time.perf_counter() - start
            results.append({"store_build_s": round(built, 1), **measure(path, size)})
    return {
        "bench": "web",
        "command": command,
        "machine": machine(),
        "seed_documents": len(source.docs),
        "seed_build_s": round(seeded, 1),
        "groups": GROUPS,
        "requests_per_endpoint": REQUESTS,
        "goal_p95_ms": GOAL_P95_MS,
        "results": results,
    }
