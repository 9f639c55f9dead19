"""Web fixtures: a real uvicorn server on the sample corpus, and a real Chromium.

The servers run in background threads on free ports of 127.0.0.1 and stop at the end
of the session. The browser is Debian's ``/usr/bin/chromium`` driven by Playwright
(``make test`` installs it); without it the browser tests are skipped, saying why.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Where the browser tests leave their screenshots (git-ignored).
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Desktop and phone widths every page is photographed at.
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# How long a server may take to start before the session gives up on it.
START_TIMEOUT_S = 30.0


class LiveServer:
    """A uvicorn server running ``create_app`` in a thread; ``url`` is its origin."""

    def __init__(self, settings: Settings) -> None:
        import uvicorn

        from storyline.web import create_app

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the test server on port {self.port} did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=START_TIMEOUT_S)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve(db: Path, **settings: Any) -> Iterator[LiveServer]:
    server = LiveServer(Settings(db=str(db), **settings)).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def live_server(examples_db: Path) -> Iterator[LiveServer]:
    """The sample corpus, served read-only for the whole session."""
    yield from serve(examples_db)


@pytest.fixture(scope="session")
def writable_server(
    examples_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """A private copy of the sample corpus, served for tests that merge and split."""
    copy = tmp_path_factory.mktemp("writable-kb") / "kb.db"
    with sqlite3.connect(examples_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    yield from serve(copy)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, or a skip that says how to get it."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Exception as exc:  # a broken install is a skip with its reason, not an error
            pytest.skip(f"{CHROMIUM} does not start: {exc}")
        yield launched
        launched.close()


class Guard:
    """What a page did that it must not: dialogs, requests to other origins, JS errors."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []

    @property
    def foreign(self) -> list[str]:
        return [u for u in self.requests if not _same_origin(u, self.origin)]


def _same_origin(url: str, origin: str) -> bool:
    return url == origin or url.startswith(origin + "/") or url.startswith("data:")


def open_page(browser: Any, origin: str, viewport: str = "desktop") -> tuple[Any, Guard]:
    """A fresh page whose dialogs, requests and script errors are recorded; requests to
    anywhere but ``origin`` are recorded and blocked."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    page = context.new_page()
    guard = Guard(origin)

    def route(route: Any) -> None:
        url = route.request.url
        guard.requests.append(url)
        if _same_origin(url, origin):
            route.continue_()
        else:
            route.abort()

    def dialog(found: Any) -> None:
        guard.dialogs.append(found.message)
        found.dismiss()

    context.route("**/*", route)
    page.on("dialog", dialog)
    page.on("pageerror", lambda exc: guard.errors.append(str(exc)))
    return page, guard


def screenshot(page: Any, name: str) -> Path:
    """Save the whole page as ``test-artifacts/screenshots/NAME.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def new_page(browser: Any) -> Iterator[Any]:
    """``new_page(origin, viewport)`` → (page, guard); every context closed afterwards."""
    opened: list[Any] = []

    def make(origin: str, viewport: str = "desktop") -> tuple[Any, Guard]:
        page, guard = open_page(browser, origin, viewport)
        opened.append(page.context)
        return page, guard

    yield make
    for context in opened:
        context.close()


@pytest.fixture
def shoot() -> Any:
    """``shoot(page, name)`` saves a full-page screenshot under test-artifacts/."""
    return screenshot
